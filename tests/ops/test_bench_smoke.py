"""Smoke test: ``bench/run.py --quick`` end to end, so the benchmark cannot rot.

It builds into a temporary folder, serves the atlas under gunicorn and the naive app, drives Chromium
and replays callbacks with a few clients. Only Lighthouse is skipped (``--no-lighthouse``: its parser
is tested in test_bench_harness.py); the naive app's own callbacks are skipped by ``--quick``. It
asserts the JSON's keys and types and that every metric of the atlas was actually measured. It does
not judge the numbers: the budgets are for ``make bench`` to print.
"""

from __future__ import annotations

import json
import subprocess
import sys
from numbers import Real
from pathlib import Path

import pytest

from bench.report import BUDGETS, REQUIRED

ROOT = Path(__file__).resolve().parents[2]

# Must be numbers > 0 after a quick run; everything else must at least be a number or null + reason.
MEASURED = (
    "geometry_bytes", "naive_geometry_bytes", "geometry_ratio", "first_paint_ms", "naive_first_paint_ms",
    "first_paint_ratio", "initial_transfer_bytes", "naive_initial_transfer_bytes", "filter_response_bytes",
    "callback_p50_ms", "callback_p95_ms", "callback_service_p95_ms", "drilldown_p95_ms",
    "drilldown_service_p95_ms", "export_png_ms", "build_s", "startup_s",
    "naive_startup_s", "rss_mb", "naive_rss_mb",
)
SKIPPED = ("lighthouse_performance", "lighthouse_accessibility", "lighthouse_best_practices")


@pytest.mark.slow
@pytest.mark.browser
def test_quick_benchmark_measures_every_metric(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "bench/run.py", "--quick", "--no-lighthouse", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=420, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.exists(), proc.stdout[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))

    for key in REQUIRED:
        assert key in result, f"{key} missing from the JSON"
        value = result[key]
        assert value is None or (isinstance(value, Real) and not isinstance(value, bool)), (key, value)
        if value is None:
            assert isinstance(result["reasons"].get(key), str) and result["reasons"][key], f"{key}: no reason"
    unmeasured = {k: result["reasons"].get(k) for k in MEASURED if not result.get(k)}
    assert not unmeasured, f"not measured: {unmeasured}\nnotes: {result['notes']}"
    for key in SKIPPED:
        assert result[key] is None and "skipped" in result["reasons"][key]
    assert set(result["budgets"]) == set(BUDGETS)
    assert all(v is None or isinstance(v, bool) for v in result["budgets"].values())
    assert result["plotly_full_bundle_downloaded"] is False, "the atlas page still downloads plotly.min.js"
    assert result["naive_plotly_full_bundle_downloaded"] is True
    assert result["filter_errors"] == 0 and result["drilldown_errors"] == 0, result["notes"]
    assert result["meta"]["settings"]["runs"] == 1
    assert "geometry_ratio" in proc.stdout  # the printed table
