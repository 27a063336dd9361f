"""Unit tests of the benchmark's pure parts: percentiles, the report, layout lookups, Lighthouse parsing."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

from bench import interact, lighthouse, replay
from bench.report import REQUIRED, Report


def test_percentile_interpolates_and_handles_empty() -> None:
    assert replay.percentile([], 50) is None
    assert replay.percentile([5.0], 95) == 5.0
    assert replay.percentile([1, 2, 3, 4], 50) == 2.5
    assert replay.percentile(list(range(101)), 95) == 95
    assert replay.summary([3.0, 1.0, 2.0]) == {"n": 3, "p50_ms": 2.0, "p95_ms": 2.9, "max_ms": 3.0}


def test_report_derives_ratios_and_fills_every_required_key() -> None:
    rep = Report(command="test", settings={})
    rep.set("geometry_bytes", 1_000)
    rep.set("naive_geometry_bytes", 17_000_000)
    rep.set("first_paint_ms", 800.0)
    rep.null("naive_first_paint_ms", "page did not paint")
    rep.finish()
    out = rep.as_json()
    assert out["geometry_ratio"] == 17_000
    assert out["first_paint_ratio"] is None and "naive_first_paint_ms" in out["reasons"]["first_paint_ratio"]
    for key in REQUIRED:
        assert key in out
        assert out[key] is not None or out["reasons"].get(key), key
    assert out["budgets"]["geometry_ratio"] is True
    assert out["budgets"]["first_paint_ms"] is True
    assert "geometry_ratio" in rep.table()


def test_report_set_clears_an_earlier_reason() -> None:
    rep = Report(command="test", settings={})
    rep.null("startup_s", "not yet")
    rep.set("startup_s", 1.5)
    assert rep.reasons == {} and rep.metrics["startup_s"] == 1.5


def test_find_component_and_option_values() -> None:
    layout = {"props": {"children": [
        {"props": {"id": "x", "options": [{"label": "A", "value": "a"}, {"label": "B", "value": "b",
                                                                          "disabled": True}, "c"]}},
        {"props": {"children": {"props": {"id": "y", "options": {"p": "P", "q": "Q"}, "value": "p"}}}},
    ]}}
    assert interact.option_values(interact.find_component(layout, "x")) == ["a", "c"]
    assert interact.option_values(interact.find_component(layout, "y")) == ["p", "q"]
    assert interact.find_component(layout, "z") is None


def test_filter_changes_reads_options_from_the_served_layout() -> None:
    layout = {"props": {"children": [
        {"props": {"id": "ind", "options": ["gdp", "population", "area"], "value": "gdp"}},
        {"props": {"id": "many", "options": ["a", "b"], "value": [], "multi": True}},
    ]}}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(layout).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        target = interact.Target("t", None, ("ind", "many", "absent"), drilldown=False)
        changes = interact.filter_changes(f"http://127.0.0.1:{server.server_port}", target, per_control=1)
    finally:
        server.shutdown()
    assert changes == [("set", "ind", {"value": "population"}), ("set", "many", {"value": ["a"]})]


def test_unpressed_buttons_of_a_button_group() -> None:
    group = {"props": {"id": "g", "children": [
        {"type": "Button", "props": {"children": "All", "aria-pressed": "true", "className": "opt on"}},
        {"type": "Button", "props": {"children": "East", "aria-pressed": "false", "className": "opt"}},
        {"type": "Div", "props": {"children": [{"type": "Button", "props": {"children": "West"}}]}},
    ]}}
    assert interact.unpressed_buttons(group) == ["East", "West"]


def test_run_clients_refuses_non_loopback_targets() -> None:
    with pytest.raises(ValueError, match="loopback"):
        replay.run_clients("http://10.0.0.1:80", [replay.Job("x", "GET", "/")], clients=1,
                           requests_per_client=1, duration_s=1)


def test_lighthouse_report_parsing() -> None:
    report = {
        "categories": {
            "performance": {"score": 0.91, "auditRefs": [{"id": "lcp", "weight": 25}]},
            "accessibility": {"score": 1, "auditRefs": [{"id": "contrast", "weight": 7}]},
            "best-practices": {"score": None, "auditRefs": []},
        },
        "audits": {"lcp": {"score": 0.5, "numericValue": 2400.04},
                   "contrast": {"score": 1},
                   "largest-contentful-paint": {"numericValue": 2400.04},
                   "bootup-time": {"details": {"items": [{"url": "a.js", "total": 12.04},
                                                         {"url": "b.js", "total": 300}]}}},
        "runWarnings": [],
    }
    parsed = lighthouse.parse_report(report)
    assert parsed["performance"] == 91.0 and parsed["accessibility"] == 100.0
    assert parsed["best_practices"] is None
    assert parsed["lcp_ms"] == 2400.0
    assert parsed["failing_audits"] == ["lcp"]
    assert parsed["bootup_ms"] == [["b.js", 300.0], ["a.js", 12.0]]
    assert parsed["main_thread_ms"] == []
