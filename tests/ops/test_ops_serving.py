"""Production serving, checked on the real thing: ``python app.py serve`` under gunicorn on loopback.

Headers (CSP whose hashes cover every inline script of the page), /healthz, the loopback default bind, the
worker count, debug off, logs on stderr, and errors without tracebacks.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import json
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
import requests

from server.security import STATIC_HEADERS

SCRIPT_TAG = re.compile(r"<script([^>]*)>(.*?)</script>", re.S)


def _csp(response: requests.Response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    out = {}
    for part in header.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def test_security_headers_on_pages_callbacks_assets_and_errors(atlas_gunicorn: str) -> None:
    responses = [
        requests.get(atlas_gunicorn + "/", timeout=30),
        requests.get(atlas_gunicorn + "/?province=650000&view=charts", timeout=30),
        requests.get(atlas_gunicorn + "/healthz", timeout=30),
        requests.get(atlas_gunicorn + "/_dash-layout", timeout=30),
        requests.get(atlas_gunicorn + "/_dash-component-suites/nope/x.js", timeout=30),  # 404
        requests.post(atlas_gunicorn + "/_dash-update-component", data=b"{", timeout=30,
                      headers={"Content-Type": "application/json"}),  # 400
    ]
    for r in responses:
        for name, value in STATIC_HEADERS.items():
            assert r.headers.get(name) == value, (r.url, name)
        csp = _csp(r)
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "no-referrer"


def test_csp_hashes_cover_exactly_the_inline_scripts_of_the_page(atlas_gunicorn: str) -> None:
    r = requests.get(atlas_gunicorn + "/", timeout=30)
    allowed = set(_csp(r)["script-src"])
    inline = []
    for attrs, body in SCRIPT_TAG.findall(r.text):
        if "src=" in attrs:
            continue
        if 'type="application/json"' in attrs:  # data, never executed (Dash's config)
            continue
        inline.append(body)
    assert inline, "Dash renders at least its renderer bootstrap inline"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, body[:200]
    assert len([s for s in allowed if s.startswith("'sha256-")]) <= len(inline)


def test_healthz(atlas_gunicorn: str) -> None:
    r = requests.get(atlas_gunicorn + "/healthz", timeout=30)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.headers["Cache-Control"] == "no-store"
    assert r.json() == {"status": "ok", "catalog": "ok", "artifacts": "ok", "cache": "redis"}
    assert len(r.content) < 200


def test_bound_to_loopback_with_a_worker_per_cpu(atlas_gunicorn: str, ops) -> None:
    from server.factory import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    master = psutil.Process(ops.server_pid(atlas_gunicorn))
    workers = master.children()
    cpus = psutil.cpu_count() or 1
    assert len(workers) == cpus, [w.cmdline() for w in workers]
    port = int(atlas_gunicorn.rsplit(":", 1)[1])
    listening = [c for c in psutil.net_connections("inet") if c.laddr and c.laddr.port == port
                 and c.status == psutil.CONN_LISTEN]
    assert listening and {c.laddr.ip for c in listening} == {"127.0.0.1"}


def test_debug_is_off(atlas_gunicorn: str) -> None:
    html = requests.get(atlas_gunicorn + "/", timeout=30).text
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>',
                                  html, re.S).group(1))
    assert config["ui"] is False and config["props_check"] is False
    assert "hot_reload" not in config
    assert "debugger" not in requests.get(atlas_gunicorn + "/console", timeout=30).text.lower()


def test_logs_go_to_stderr(atlas_gunicorn: str, ops) -> None:
    requests.get(atlas_gunicorn + "/healthz", timeout=30)
    err = ops.server_log(atlas_gunicorn, "stderr")
    assert "Listening at: " + atlas_gunicorn in err
    assert "Booting worker" in err
    assert ops.server_log(atlas_gunicorn, "stdout").strip() == ""


# --- an exception inside a callback: logged with its traceback, answered without it ----------------

TOY_APP = """
import sys
sys.path.insert(0, {root!r})
from dash import Dash, Input, Output, html

from server.security import install
from server.logs import configure_logging

app = Dash(__name__)
app.layout = html.Div([html.Button(id="b"), html.Div(id="o")])


@app.callback(Output("o", "children"), Input("b", "n_clicks"))
def boom(n):
    raise RuntimeError("secret internal detail in " + __file__)


configure_logging()
install(app, health=lambda: ({{"status": "ok"}}, 200))
server = app.server
"""


def test_an_exception_is_a_plain_500_and_a_logged_traceback(tmp_path: Path, ops) -> None:
    (tmp_path / "toy_boom.py").write_text(textwrap.dedent(TOY_APP.format(root=str(ops.root))))
    port = ops.free_port()
    err_path = tmp_path / "stderr.log"
    with open(err_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "1",
                                 "--no-control-socket", "toy_boom:server"], cwd=tmp_path, stderr=err,
                                stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        ops.wait_http(base + "/healthz", proc, timeout=60)
        body = {"output": "o.children", "outputs": {"id": "o", "property": "children"},
                "inputs": [{"id": "b", "property": "n_clicks", "value": 1}], "changedPropIds": ["b.n_clicks"]}
        r = requests.post(base + "/_dash-update-component", json=body, timeout=30)
        time.sleep(0.3)
    finally:
        ops.stop(proc)
        ops.release_port(port)
    assert r.status_code == 500
    assert r.json() == {"status": 500, "error": "internal server error"}
    assert "secret" not in r.text and "Traceback" not in r.text
    assert "Content-Security-Policy" in r.headers
    log = err_path.read_text()
    assert "Traceback" in log and "secret internal detail" in log
    assert "unhandled error on POST /_dash-update-component" in log


@pytest.mark.parametrize("path", ["/<script>alert(1)</script>", "/%3Cimg%20src=x%20onerror=alert(1)%3E",
                                  "/?province=%3Cscript%3Ealert(1)%3C/script%3E"])
def test_reflected_paths_never_come_back_as_markup(atlas_gunicorn: str, path: str) -> None:
    r = requests.get(atlas_gunicorn + path, timeout=30)
    assert r.status_code < 500
    assert "<script>alert" not in r.text and "<img src=x" not in r.text


@pytest.mark.parametrize(("query", "title"), [("", "China Regional Development Atlas"),
                                              ("?lang=zh&view=charts", "中国区域协调发展地图集"),
                                              ("?lang=%3Cb%3E", "China Regional Development Atlas")])
def test_the_page_shows_its_header_before_react_mounts(atlas_gunicorn: str, query: str, title: str) -> None:
    """callbacks/index.py: a static header in the URL's language inside the entry point, and no
    @babel/polyfill script (regenerator-runtime from assets/ stands in for it)."""
    r = requests.get(atlas_gunicorn + "/" + query, timeout=30)
    entry = r.text.split('<div id="react-entry-point">', 1)[1].split("<footer>", 1)[0]
    assert f"<h1>{title}</h1>" in entry and 'class="subtitle"' in entry
    assert "<b>" not in r.text
    srcs = [attrs for attrs, _body in SCRIPT_TAG.findall(r.text)]
    assert not [s for s in srcs if "polyfill" in s]
    assert [s for s in srcs if "/assets/vendor/regenerator-runtime.min.js" in s]


def test_callback_and_layout_responses_carry_their_server_time(atlas_gunicorn: str) -> None:
    from server.timing import server_ms

    layout = requests.get(atlas_gunicorn + "/_dash-layout", timeout=30)
    refused = requests.post(atlas_gunicorn + "/_dash-update-component", data=b"{", timeout=30,
                            headers={"Content-Type": "application/json"})
    page = requests.get(atlas_gunicorn + "/", timeout=30)
    for r in (layout, refused):
        ms = server_ms(r.headers.get("Server-Timing"))
        assert ms is not None and 0 < ms < 30_000, (r.url, r.headers.get("Server-Timing"))
    assert "Server-Timing" not in page.headers  # only Dash's data requests are timed


@pytest.mark.parametrize(("header", "expected"), [
    ("app;dur=12.5", 12.5), ("cache;desc=hit, app;dur=3", 3.0), ("app", None), ("db;dur=4", None),
    (None, None), ("app;dur=x", None),
])
def test_server_timing_parsing(header: str | None, expected: float | None) -> None:
    from server.timing import server_ms

    assert server_ms(header) == expected


# --- the factory: gunicorn loads app:create_app(), with or without `python app.py serve` ------------

def test_gunicorn_serves_the_app_factory_directly(tmp_path: Path, ops) -> None:
    """``gunicorn 'app:create_app()'`` (what ``serve()`` loads too): start-up checks in the worker, then
    /healthz, the security headers and the page."""
    from app import APP_SPEC

    assert APP_SPEC == "app:create_app()"
    port = ops.free_port()
    err_path = tmp_path / "stderr.log"
    with open(err_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "1",
                                 "--no-control-socket", APP_SPEC], cwd=ops.root, env=ops.serve_env(),
                                stderr=err, stdout=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        ops.wait_http(base + "/healthz", proc, timeout=120)
        health = requests.get(base + "/healthz", timeout=30)
        page = requests.get(base + "/", timeout=30)
    finally:
        ops.stop(proc)
        ops.release_port(port)
    assert health.status_code == 200, err_path.read_text()[-2000:]
    assert health.json() == {"status": "ok", "catalog": "ok", "artifacts": "ok", "cache": "local"}
    for r in (health, page):
        for name, value in STATIC_HEADERS.items():
            assert r.headers.get(name) == value, (r.url, name)
        assert "Content-Security-Policy" in r.headers
    assert page.status_code == 200 and "China Regional Development Atlas" in page.text
