"""In Debian Chromium: the atlas works under its Content-Security-Policy, and text from the URL or the data
is shown as text (no script runs, no element is injected)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# Collects every CSP violation the page reports, from before the first script runs.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
                             ' at ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
window.__alerts = 0;
"""
PAYLOAD_SCRIPT = "<script>window.__alerts += 1; alert(1)</script>"
PAYLOAD_IMG = "<img src=x onerror=\"window.__alerts += 1; alert(2)\">"


class Watched:
    """A page with the CSP watcher, console errors, dialogs and Dash callbacks in flight recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=base,
                                           accept_downloads=True)
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.failed: list[str] = []
        self.pending = 0
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)
        self.page.on("requestfinished", self._done)
        self.page.on("requestfailed", self._failed)
        self.page.on("response", lambda r: self.failed.append(f"{r.url}: HTTP {r.status}")
                     if r.status >= 400 else None)  # e.g. a callback request the checker refused

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, req: Any) -> None:
        if "_dash-update-component" in req.url:
            self.pending += 1

    def _done(self, req: Any) -> None:
        if "_dash-update-component" in req.url:
            self.pending -= 1

    def _failed(self, req: Any) -> None:
        self._done(req)
        if req.failure != "net::ERR_ABORTED":  # requests of a page we navigated away from
            self.failed.append(f"{req.url}: {req.failure}")  # e.g. net::ERR_BLOCKED_BY_CSP

    def open(self, query: str = "") -> None:
        self.page.goto("/" + query)
        self.page.wait_for_selector("#national-map .main-svg", state="attached")
        self.idle()

    def idle(self, quiet_ms: int = 500, timeout_ms: int = 60_000) -> None:
        waited = quiet = 0
        while quiet < quiet_ms:
            assert waited < timeout_ms, "Dash callbacks still running"
            self.page.wait_for_timeout(50)
            waited += 50
            quiet = quiet + 50 if self.pending == 0 else 0

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__violations"))

    def assert_clean(self) -> None:
        csp_console = [e for e in self.errors if "Content Security Policy" in e or "Refused to" in e]
        assert self.violations() == [] and csp_console == [], (self.violations(), csp_console)
        assert self.errors == [], self.errors
        assert self.dialogs == [] and self.page.evaluate("window.__alerts") == 0
        assert self.failed == [], self.failed


@pytest.fixture
def watched(chromium: Any, atlas_gunicorn: str) -> Iterator[Watched]:
    w = Watched(chromium, atlas_gunicorn)
    try:
        yield w
    finally:
        w.context.close()


def test_the_atlas_works_under_its_csp(watched: Watched) -> None:
    page = watched.page
    response = page.goto("/")
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    watched.open("")
    assert page.locator("#national-map .choroplethlocation").count() >= 31  # plotly drew the provinces
    box = page.locator("#national-map .main-svg").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.5)  # a hover label
    page.wait_for_timeout(300)
    with page.expect_download(timeout=30_000) as info:  # plotly's own PNG download (a blob: image)
        page.locator("#national-map .modebar-btn[data-title^='Download']").first.click()
    assert info.value.suggested_filename.endswith(".png")
    for query in ("?indicator=area&region=west", "?province=650000", "?view=charts&lang=zh",
                  "?view=sources", "?view=charts"):
        watched.open(query)
    page.click("#tab-map")
    watched.idle()
    # every kind of callback request the page makes: toggle buttons (pattern-matching ids), language, tabs
    options = page.locator("""[id*='"type":"option"']""")
    assert options.count() > 0
    for i in range(0, options.count(), max(1, options.count() // 6)):
        if options.nth(i).is_visible():
            options.nth(i).click()
            watched.idle()
    page.click("#lang-toggle")
    watched.idle()
    page.click("#tab-charts")
    watched.idle()
    page.click("#tab-sources")
    watched.idle()
    watched.assert_clean()


def test_no_legacy_polyfill_and_lazy_components_still_load(watched: Watched) -> None:
    """callbacks/index.py swaps Dash's @babel/polyfill for regenerator-runtime: Dash's lazily loaded
    components (dropdown, graph) run through ``regeneratorRuntime`` and must still mount and work."""
    page = watched.page
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    watched.open("")
    assert not [u for u in scripts if "polyfill" in u], scripts
    assert any("regenerator-runtime" in u for u in scripts) and any("async-dropdown" in u for u in scripts)
    assert page.evaluate("typeof window.regeneratorRuntime.mark") == "function"
    page.click("#filter-strategies")  # the dropdown opens, and its search index finds a strategy
    page.keyboard.type("Chengdu")
    option = page.locator(".dash-dropdown-option", has_text="Chengdu").first
    option.wait_for(state="visible")
    option.click()
    watched.idle()
    page.keyboard.press("Escape")
    assert "strategy=chengdu-chongqing" in page.url
    watched.assert_clean()


def test_png_export_downloads_under_the_csp(watched: Watched) -> None:
    watched.open("?view=charts&indicator=area")
    with watched.page.expect_download(timeout=120_000) as info:
        watched.page.click("#export-png")
    download = info.value
    path = download.path()
    assert path is not None and Path(path).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert download.suggested_filename.endswith(".png") and "/" not in download.suggested_filename
    watched.assert_clean()


def test_markup_in_the_url_is_shown_as_text(watched: Watched) -> None:
    from urllib.parse import quote

    query = (f"?province={quote(PAYLOAD_SCRIPT)}&strategy={quote(PAYLOAD_IMG)}"
             f"&{quote('<b>key</b>')}=1&source={quote('javascript:alert(3)')}")
    watched.open(query)
    page = watched.page
    notices = page.locator("#notices-text")
    notices.wait_for(state="visible")
    text = notices.inner_text()
    assert "<script>" in text and "<img src=x" in text and "<b>key</b>" in text  # literally, as text
    assert page.locator("#notices-text script, #notices-text img, #notices-text b").count() == 0
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("[...document.scripts].some(s => s.text.includes('__alerts += 1'))") is False
    assert page.locator("a[href^='javascript:']").count() == 0
    watched.assert_clean()


# --- data strings with markup: a server whose catalog carries it -----------------------------------

MARKUP_NAME = " <img src=x onerror=\"window.__alerts += 1\"><b>bold</b><script>window.__alerts += 1</script>"


def _markup_catalog(folder: Path) -> tuple[str, str]:
    """Copy the catalog to ``folder`` with markup appended to the first strategy's names; return its id
    and a province it covers."""
    from config import CATALOG_DIR

    shutil.copytree(CATALOG_DIR, folder)
    path = folder / "strategies.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    rows[1][header.index("name_en")] += MARKUP_NAME
    rows[1][header.index("name_zh")] += MARKUP_NAME
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    sid = rows[1][header.index("strategy_id")]
    with (folder / "strategy_members.csv").open(encoding="utf-8", newline="") as fh:
        members = [r for r in csv.DictReader(fh) if r["strategy_id"] == sid and r["level"] == "province"]
    return sid, members[0]["adcode"]


MARKUP_SERVER = """
import pathlib, sys
sys.path.insert(0, {root!r})
import config as paths
paths.CATALOG_DIR = pathlib.Path({catalog!r})  # before anything reads the catalog
from app import dash_app
server = dash_app().server
"""


@pytest.fixture(scope="module")
def markup_server(tmp_path_factory: pytest.TempPathFactory, ops: Any) -> Iterator[tuple[str, str, str]]:
    """gunicorn (1 worker) serving the atlas over a catalog whose first strategy's names carry markup."""
    folder = tmp_path_factory.mktemp("markup")
    sid, adcode = _markup_catalog(folder / "catalog")
    (folder / "markup_app.py").write_text(MARKUP_SERVER.format(root=str(ops.root),
                                                               catalog=str(folder / "catalog")))
    port = ops.free_port()
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "1",
                             "--timeout", "120", "--no-control-socket", "markup_app:server"],
                            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        ops.wait_http(base + "/healthz", proc)
        yield base, sid, adcode
    finally:
        ops.stop(proc)
        ops.release_port(port)


def test_markup_in_the_data_is_shown_as_text(chromium: Any, markup_server: tuple[str, str, str]) -> None:
    base, sid, adcode = markup_server
    watched = Watched(chromium, base)
    try:
        page = watched.page
        # the strategy's name appears in the filter, the drill-down panel and the charts (plotly text)
        watched.open(f"?strategy={sid}&indicator=membership&province={adcode}")
        body = page.inner_text("body")
        assert "<b>bold</b>" in body, "the markup should be visible as literal text"
        watched.open(f"?strategy={sid}&view=charts")
        page.wait_for_timeout(500)
        svg_text = page.evaluate("[...document.querySelectorAll('.js-plotly-plot text')]"
                                 ".map(t => t.textContent).join('\\n')")
        assert "<b>bold</b>" in svg_text or "bold" not in svg_text  # escaped in plotly, or not drawn there
        assert page.locator("img[src=x]").count() == 0
        assert page.locator("b:text('bold')").count() == 0  # never became a <b> element
        assert page.evaluate("[...document.scripts].some(s => s.text.includes('__alerts += 1'))") is False
        watched.assert_clean()
    finally:
        watched.context.close()
