"""Fixtures for the dashboard tests: the app on a free loopback port, and headless Debian Chromium.

- ``atlas_app``: the Dash app from ``app.dash_app()`` (built once per session).
- ``atlas_server``: its base URL (``http://127.0.0.1:<free port>``), served by werkzeug in a thread.
- ``chromium``: from ``tests/conftest.py``: a Playwright browser on ``/usr/bin/chromium``.
- ``atlas_page``: a fresh page that records console errors (``page.console_errors``), page errors and every
  request URL (``page.requests``), for asserting "no console errors" and "nothing leaves localhost".
- ``atlas_ui``: an :class:`AtlasUI` on ``atlas_page``: ``open(query)``, ``wait_idle()``,
  ``click_province(adcode)`` (by coordinates: plotly's drag layer covers the shapes, so element clicks
  do not reach them), ``fills()``, ``external_requests()``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
MAP_SELECTOR = "#national-map g.geo:not(.geo2) .choroplethlocation"


@pytest.fixture(scope="session")
def atlas_app() -> Any:
    from app import dash_app

    return dash_app()


@pytest.fixture(scope="session")
def atlas_server(atlas_app: Any) -> Iterator[str]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, atlas_app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="atlas-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def atlas_page(chromium: Any, atlas_server: str) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, base_url=atlas_server)
    page = context.new_page()
    page.console_errors = []
    page.requests = []
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(f"page error: {exc}"))
    page.pending = [0]  # Dash callback requests in flight

    def on_request(req: Any) -> None:
        page.requests.append(req.url)
        if "_dash-update-component" in req.url:
            page.pending[0] += 1

    def on_done(req: Any) -> None:
        if "_dash-update-component" in req.url:
            page.pending[0] -= 1

    page.on("request", on_request)
    page.on("requestfinished", on_done)
    page.on("requestfailed", on_done)
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


class AtlasUI:
    """Drives the atlas in a Playwright page (see the module docstring)."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def open(self, query: str = "") -> None:
        """Load the atlas at ``query`` and wait for the map and the first state round trip."""
        self.page.goto("/" + query)
        self.page.wait_for_selector(MAP_SELECTOR, state="attached")
        self.wait_idle()

    def wait_idle(self, quiet_ms: int = 400, timeout_ms: int = 30_000) -> None:
        """Wait until no Dash callback request has been in flight for ``quiet_ms``."""
        waited = quiet = 0
        while quiet < quiet_ms:
            if waited > timeout_ms:
                raise AssertionError(f"Dash callbacks still running after {timeout_ms} ms")
            self.page.wait_for_timeout(50)
            waited += 50
            quiet = quiet + 50 if self.page.pending[0] == 0 else 0

    def province_point(self, adcode: str) -> tuple[float, float]:
        """Page coordinates of a point inside the province ``adcode`` on the national map."""
        point = self.page.evaluate(_POINT_IN_PROVINCE, adcode)
        if point is None:
            raise AssertionError(f"province {adcode} is not drawn on the national map")
        return float(point[0]), float(point[1])

    def click_province(self, adcode: str) -> None:
        """Click the province ``adcode`` on the national map by its page coordinates."""
        x, y = self.province_point(adcode)
        self.page.mouse.move(x, y)
        self.page.wait_for_timeout(150)
        self.page.mouse.click(x, y)

    def fills(self) -> dict[str, str]:
        """adcode -> fill colour of every province on the national map."""
        return self.page.evaluate("""() => Object.fromEntries(
            [...document.querySelectorAll('#national-map g.geo:not(.geo2) .choroplethlocation')]
              .map(p => [p.__data__.loc, p.getAttribute('fill')]))""")

    def svg_texts(self, selector: str) -> list[str]:
        """``textContent`` of the SVG text elements matching ``selector`` (SVG has no innerText)."""
        return self.page.locator(selector).evaluate_all("els => els.map(e => e.textContent)")

    def external_requests(self) -> list[str]:
        """Every recorded request whose host is not the loopback interface."""
        out = []
        for url in self.page.requests:
            parts = urlparse(url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
                out.append(url)
        return out


@pytest.fixture
def atlas_ui(atlas_page: Any) -> AtlasUI:
    return AtlasUI(atlas_page)


# A point inside the province's shape: walk rows of its bounding box from the middle outwards and take
# the first point in the path's fill, in page coordinates.
_POINT_IN_PROVINCE = """(adcode) => {
    const paths = [...document.querySelectorAll('#national-map g.geo:not(.geo2) .choroplethlocation')];
    const path = paths.find(p => p.__data__ && p.__data__.loc === adcode);
    if (!path) return null;
    const box = path.getBBox();
    const svg = path.ownerSVGElement;
    const ctm = path.getScreenCTM();
    for (let step = 0; step < 40; step++) {
        const fy = 0.5 + (step % 2 ? 1 : -1) * Math.ceil(step / 2) * 0.024;
        for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
            const p = svg.createSVGPoint();
            p.x = box.x + box.width * fx;
            p.y = box.y + box.height * fy;
            if (path.isPointInFill(p)) {
                const s = p.matrixTransform(ctm);
                return [s.x, s.y];
            }
        }
    }
    return null;
}"""
