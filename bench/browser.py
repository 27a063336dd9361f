"""Headless-Chromium measurements: first paint, first-visit transfer, geometry bytes, callback payloads.

First paint is the page-clock time (``performance.now()``, from navigation start) of the first
``plotly_afterplot`` event of a graph whose choropleth has locations. An init script hooks every graph
div the moment plotly.js marks it (class ``js-plotly-plot``, set after plotly's event emitter exists),
so the listener is on before the geo subplot, which waits for its topojson, can finish drawing.
Transfer sizes are Chrome's own counts (CDP ``Network.loadingFinished.encodedDataLength``: compressed
body plus headers). Host resolution is pinned: every name but 127.0.0.1/localhost fails to resolve.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
VIEWPORT = {"width": 1350, "height": 940}
DASH_UPDATE = "/_dash-update-component"

_INIT_SCRIPT = """
(() => {
  const bench = window.__bench = {afterplots: []};
  // dcc.Graph puts its id on a wrapper around plotly's div
  const graphId = (gd) => gd.id || ((gd.parentElement && gd.parentElement.closest('[id]')) || {}).id || '';
  const hook = (gd) => {
    if (!gd || gd.__benchHooked || typeof gd.on !== 'function') return;
    gd.__benchHooked = true;
    gd.on('plotly_afterplot', () => {
      const full = gd._fullData || [];
      const locs = full.filter(t => t.type === 'choropleth')
                       .reduce((n, t) => n + ((t.locations && t.locations.length) || 0), 0);
      bench.afterplots.push({id: graphId(gd), t: performance.now(), types: full.map(t => t.type), locs});
    });
  };
  const isPlot = (n) => n && n.classList && n.classList.contains('js-plotly-plot');
  new MutationObserver((muts) => {
    for (const m of muts) {
      if (isPlot(m.target)) hook(m.target);
      for (const n of m.addedNodes || []) if (isPlot(n)) hook(n);
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['class']});
})();
"""

_FIRST_MAP_PAINT = """
(mapId) => (window.__bench.afterplots.find(a => a.locs > 0 && (!mapId || a.id === mapId)) || null)
"""

# Bytes of boundary geometry the map holds, counted once per distinct object or URL: `geojson` of every
# trace, and lon/lat of scattergeo traces drawn as lines or fills (outlines sent as coordinates).
_GEOMETRY_BYTES = """
async (mapId) => {
  const enc = new TextEncoder();
  const seen = new Set();
  const out = {bytes: 0, traces: 0, urls: []};
  const gds = mapId
    ? [...document.querySelectorAll(`[id="${mapId}"] .js-plotly-plot, .js-plotly-plot[id="${mapId}"]`)]
    : [...document.querySelectorAll('.js-plotly-plot')]
        .filter(gd => (gd._fullData || []).some(t => t.type === 'choropleth'));
  for (const gd of gds.slice(0, 1)) {
    for (const t of gd.data || []) {
      if (t.geojson && !seen.has(t.geojson)) {
        seen.add(t.geojson);
        out.traces += 1;
        if (typeof t.geojson === 'string') {
          const buf = await (await fetch(t.geojson)).arrayBuffer();
          out.bytes += buf.byteLength;
          out.urls.push(t.geojson);
        } else {
          out.bytes += enc.encode(JSON.stringify(t.geojson)).length;
        }
      }
      const mode = t.mode || '';
      if (t.type === 'scattergeo' && ((t.fill && t.fill !== 'none') || mode.includes('lines'))) {
        out.traces += 1;
        out.bytes += enc.encode(JSON.stringify([Array.from(t.lon || []), Array.from(t.lat || [])])).length;
      }
    }
  }
  out.graph = mapId || null;
  return out;
}
"""


@dataclass
class Visit:
    """One first visit of a page in a fresh browser context."""

    first_paint_ms: float | None = None
    transfer_bytes: int = 0
    resources: list[dict[str, Any]] = field(default_factory=list)
    geometry: dict[str, Any] | None = None
    page_errors: list[str] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)  # method, url, body of each request sent
    error: str | None = None

    def downloaded(self, fragment: str) -> bool:
        """Whether any resource URL contains ``fragment``."""
        return any(fragment in r["url"] for r in self.resources)


@dataclass
class Captured:
    """One ``/_dash-update-component`` request seen in the browser and its response."""

    body: str
    status: int
    response_bytes: int  # on the wire (compressed body)
    body_bytes: int  # decoded body
    ms: float


def launch(playwright: Any) -> Any:
    """Launch Debian's Chromium headless with the project's flags."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)


def first_visit(browser: Any, url: str, *, map_id: str | None = None, timeout_s: float = 60.0,
                measure_geometry: bool = False, keep_page: bool = False) -> tuple[Visit, Any]:
    """Open ``url`` in a fresh context (empty cache) and measure the first paint of its map.

    Returns the :class:`Visit` and, when ``keep_page``, the open page (the caller closes its context),
    else ``None``.
    """
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(_INIT_SCRIPT)
    page = context.new_page()
    visit = Visit()
    requests: dict[str, dict[str, Any]] = {}
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.requestWillBeSent",
           lambda e: requests.setdefault(e["requestId"], {"url": e["request"]["url"], "done": False}))
    cdp.on("Network.responseReceived", lambda e: requests.get(e["requestId"], {}).update(
        status=e["response"]["status"],
        encoding={k.lower(): v for k, v in e["response"]["headers"].items()}.get("content-encoding")))
    cdp.on("Network.loadingFinished", lambda e: requests.get(e["requestId"], {}).update(
        bytes=int(e["encodedDataLength"]), done=True))
    cdp.on("Network.loadingFailed", lambda e: requests.get(e["requestId"], {}).update(
        failed=e.get("errorText"), done=True))
    page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
    page.on("request", lambda req: visit.requests.append(
        {"method": req.method, "url": req.url, "body": req.post_data if req.method == "POST" else None}))
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        handle = page.wait_for_function(_FIRST_MAP_PAINT, arg=map_id, timeout=timeout_s * 1000, polling=50)
        visit.first_paint_ms = float(handle.json_value()["t"])
        _wait_network_quiet(page, requests, quiet_ms=700, timeout_s=min(timeout_s, 20.0))
        if measure_geometry:
            visit.geometry = page.evaluate(_GEOMETRY_BYTES, map_id)
    except Exception as exc:  # any browser failure becomes the measurement's reason
        visit.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
        try:  # say how far the page got
            seen = page.evaluate("() => (window.__bench || {afterplots: []}).afterplots"
                                 ".map(a => `${a.id}:${a.types.slice(0, 3)}:${a.locs}`)")
            visit.error += f"; afterplots seen: {seen[:8]}; page errors: {visit.page_errors[:3]}"
        except Exception:  # the page itself may be gone
            pass
    visit.resources = [
        {"url": r["url"], "bytes": r.get("bytes", 0), "status": r.get("status"),
         "encoding": r.get("encoding"), **({"failed": r["failed"]} if r.get("failed") else {})}
        for r in requests.values() if r["url"].startswith("http")
    ]
    visit.transfer_bytes = sum(r["bytes"] for r in visit.resources)
    if keep_page:
        return visit, page
    context.close()
    return visit, None


def _wait_network_quiet(page: Any, requests: dict[str, dict[str, Any]], *, quiet_ms: int,
                        timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)  # lets Playwright dispatch the CDP events
        if any(not r["done"] for r in requests.values()):
            quiet_since = time.monotonic()
        elif (time.monotonic() - quiet_since) * 1000 >= quiet_ms:
            return


def capture_callbacks(page: Any, action: Callable[[], object], *, settle_ms: int = 800,
                      timeout_s: float = 60.0) -> list[Captured]:
    """Do ``action`` (a user action on ``page``) and record the Dash callback requests it causes.

    Waits until no request has been pending for ``settle_ms`` (or ``timeout_s`` passed).
    """
    pending: dict[Any, float] = {}
    done: list[Captured] = []

    def on_request(req: Any) -> None:
        if req.method == "POST" and DASH_UPDATE in req.url:
            pending[req] = time.perf_counter()

    def on_finished(req: Any) -> None:
        if req not in pending:
            return
        t0 = pending.pop(req)
        resp = req.response()
        wire = int(req.sizes()["responseBodySize"])
        try:
            decoded = len(resp.body()) if resp else 0
        except Exception:  # the page navigated on: Chrome dropped the body, keep the wire size
            decoded = -1
        done.append(Captured(body=req.post_data or "", status=resp.status if resp else 0,
                             response_bytes=wire, body_bytes=decoded, ms=(time.perf_counter() - t0) * 1000))

    def on_failed(req: Any) -> None:
        if req in pending:
            pending.pop(req)
            done.append(Captured(body=req.post_data or "", status=0, response_bytes=0, body_bytes=0, ms=0.0))

    page.on("request", on_request)
    page.on("requestfinished", on_finished)
    page.on("requestfailed", on_failed)
    try:
        action()
        deadline = time.monotonic() + timeout_s
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)
            if pending or not done:
                quiet_since = time.monotonic()
            elif (time.monotonic() - quiet_since) * 1000 >= settle_ms:
                break
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("requestfinished", on_finished)
        page.remove_listener("requestfailed", on_failed)
    return done


SET_PROPS_JS = "([id, props]) => window.dash_clientside.set_props(id, props)"

# A point to click inside the rank-th largest province shape of the map: a grid point inside the shape's
# fill, as far as possible (up to 40 px) from overlay markers, then as central as possible. Plotly's geo
# subplot takes the click on its background rect and picks the nearest point itself, so a marker near
# the spot could still win: interact.capture() then tries the next shape.
CLICK_PROVINCE_JS = """
([mapId, rank]) => {
  const gd = document.querySelector(mapId
    ? `[id="${mapId}"] .js-plotly-plot, .js-plotly-plot[id="${mapId}"]` : '.js-plotly-plot');
  if (!gd) return null;
  const shapes = [...gd.querySelectorAll('path.choroplethlocation')]
    .map(p => ({p, r: p.getBoundingClientRect()})).filter(x => x.r.width > 8 && x.r.height > 8)
    .sort((a, b) => b.r.width * b.r.height - a.r.width * a.r.height);
  const entry = shapes[rank];
  if (!entry) return null;
  const {p, r} = entry;
  const markers = [...gd.querySelectorAll('.scattergeo .point, .scattergeo path.js-line')]
    .map(m => m.getBoundingClientRect()).filter(b => b.width > 0 && b.width < 40)
    .map(b => [b.left + b.width / 2, b.top + b.height / 2]);
  const toLocal = p.getScreenCTM().inverse();
  const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
  let best = null;
  for (let i = 1; i < 16; i++) {
    for (let j = 1; j < 16; j++) {
      const x = r.left + r.width * i / 16, y = r.top + r.height * j / 16;
      if (!p.isPointInFill(new DOMPoint(x, y).matrixTransform(toLocal))) continue;
      const clear = Math.min(40, ...markers.map(([mx, my]) => Math.hypot(mx - x, my - y)));
      const score = clear * 1000 - Math.hypot(x - cx, y - cy);
      if (!best || score > best.score) best = {x, y, score};
    }
  }
  const d = p.__data__ || {};
  return best && {x: best.x, y: best.y, location: d.loc || d.id || null};
}
"""


def payload_summary(captured: list[Captured]) -> dict[str, Any]:
    """Sizes of one captured interaction: total and largest response, and which outputs were updated."""
    outputs = []
    for c in captured:
        try:
            outputs.append(json.loads(c.body).get("output"))
        except (json.JSONDecodeError, AttributeError):
            outputs.append(None)
    return {
        "requests": len(captured),
        "response_bytes": sum(c.response_bytes for c in captured),
        "body_bytes": sum(c.body_bytes for c in captured),
        "max_response_bytes": max((c.response_bytes for c in captured), default=0),
        "statuses": sorted({c.status for c in captured}),
        "outputs": outputs,
    }
