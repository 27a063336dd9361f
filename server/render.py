"""Server-side export of the current view: PNG through kaleido, CSV and GeoJSON of the data shown.

Kaleido 1.x drives a headless Chromium (:func:`config.browser_path`: ``BROWSER_PATH``, else Debian's
``/usr/bin/chromium``). Its server is started once per process with MathJax disabled (the default page
would load MathJax from a CDN) and plotly's topojson pointed at the local stand-in, so an export touches no
network. Kaleido's sync server hands requests to one browser tab through shared queues, so exports are
serialised by a lock; a caller that cannot get it within :data:`QUEUE_TIMEOUT_S` gets :class:`ExportBusy`.
"""

from __future__ import annotations

import logging
import struct
import sys
import threading
import time
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from views.export import EXPORT_CHARTS, export_figure
from views.state import ViewState

log = logging.getLogger(__name__)

WIDTH_RANGE = (300, 3000)
HEIGHT_RANGE = (200, 3000)
SCALE_RANGE = (0.5, 4.0)
MAX_PIXELS = 36_000_000  # width * height * scale**2: a 3000x3000 image at scale 2
QUEUE_TIMEOUT_S = 30.0
RENDER_TIMEOUT_S = 30.0  # kaleido gives up on one figure after this (and raises)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

_export_lock = threading.Lock()  # one export at a time through kaleido's single tab
_start_lock = threading.Lock()
_started = False


class ExportError(ValueError):
    """A bad export argument (the message names it and says what was expected)."""


class ExportBusy(RuntimeError):
    """Another export held the renderer for longer than :data:`QUEUE_TIMEOUT_S`."""


def check_args(chart: str, width: int, height: int, scale: float, state: ViewState | None = None) -> None:
    """Validate export arguments.

    Raises
    ------
    ExportError
        Naming the first bad argument and the accepted values.
    """
    if chart not in EXPORT_CHARTS:
        raise ExportError(f"chart={chart!r}: expected one of {', '.join(EXPORT_CHARTS)}")
    _in_range("width", width, WIDTH_RANGE)
    _in_range("height", height, HEIGHT_RANGE)
    _in_range("scale", scale, SCALE_RANGE)
    if width * height * scale * scale > MAX_PIXELS:
        raise ExportError(f"width*height*scale**2 = {width * height * scale * scale:,.0f} pixels: "
                          f"expected at most {MAX_PIXELS:,}")
    if chart == "prefecture" and state is not None and not state.province:
        raise ExportError("chart='prefecture' needs a province: add province=<adcode> to the query")


def render_png(state: ViewState, chart: str, *, width: int = 1200, height: int = 800,
               scale: float = 2.0) -> bytes:
    """Render ``chart`` of ``state`` to PNG bytes with kaleido.

    Parameters
    ----------
    state : ViewState
        The view (as parsed from a URL).
    chart : str
        One of :data:`EXPORT_CHARTS`.
    width, height : int
        Layout size in CSS pixels, within :data:`WIDTH_RANGE` / :data:`HEIGHT_RANGE`. ``height``
        applies to the maps; the charts keep the height their content needs (rows, lanes).
    scale : float
        Pixel density, within :data:`SCALE_RANGE` (2 gives a crisp image on paper and retina screens).

    Raises
    ------
    ExportError
        For a bad argument. ExportBusy when the renderer stays busy.
    """
    check_args(chart, width, height, scale, state)
    spec = _export_spec(state, chart, width, height, date.today().isoformat())
    out_height = int(spec["layout"]["height"])
    _ensure_server()
    if not _export_lock.acquire(timeout=QUEUE_TIMEOUT_S):
        raise ExportBusy(f"another export held the renderer for over {QUEUE_TIMEOUT_S:.0f} s")
    try:
        import kaleido

        from figures.common import topojson_file_url

        data = kaleido.calc_fig_sync(spec, opts={"format": "png", "width": width, "height": out_height,
                                                 "scale": scale}, topojson=topojson_file_url())
    finally:
        _export_lock.release()
    if not isinstance(data, bytes | bytearray) or not bytes(data).startswith(PNG_MAGIC):
        raise RuntimeError(f"kaleido returned no PNG for chart={chart!r}: {str(data)[:200]}")
    return bytes(data)


@lru_cache(maxsize=16)
def _export_spec(state: ViewState, chart: str, width: int, height: int, day: str) -> dict[str, Any]:
    """The figure of a view as a plain dict, sized for export; cached per view and day (the source line
    carries the date). Charts size themselves from their content (rows, lanes); ``height`` applies to
    the maps."""
    del day  # part of the cache key only: export_figure stamps today's date
    fig = export_figure(state, chart, height=height)
    natural = fig.layout.height
    out_height = int(natural) if natural and chart not in ("map", "prefecture") else height
    fig.update_layout(width=width, height=out_height)
    return _plain(fig)


def _plain(fig: go.Figure) -> dict[str, Any]:
    """The figure as plain data without ``to_plotly_json``'s deep copy (which costs ~0.3 s for the
    national map's geometry). The figure was built for this export alone, so sharing its property
    dicts is safe; should plotly's internals change, fall back to the copy."""
    data, layout = getattr(fig, "_data", None), getattr(fig, "_layout", None)
    if isinstance(data, list) and all(isinstance(t, dict) for t in data) and isinstance(layout, dict):
        return {"data": data, "layout": layout}
    return fig.to_plotly_json()


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's IHDR chunk.

    Raises
    ------
    ValueError
        If ``data`` is not a PNG.
    """
    if not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG: missing signature or IHDR chunk")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def export_cli(out: str, query: str, chart: str, width: int, height: int, scale: float) -> int:
    """``python app.py export``: write the view a URL query shows to a file, in the format its suffix
    names (:data:`server.export_files.SUFFIXES`): ``.png`` rendered with kaleido, ``.csv`` the data
    behind the view or chart, ``.geojson`` the view's provinces, ``.gpkg`` a GeoPackage of the atlas's
    layers, ``.parquet`` GeoParquet of the view's provinces (written with fastparquet, not pyarrow).

    Returns 0 on success, 2 for a bad argument or an unavailable format (message on stderr, naming the
    parameter), 1 if rendering or writing failed.
    """
    from server.export_files import SUFFIXES
    from views.state import parse_query

    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        print(f"export: --out {out!r}: expected a file name ending in {', '.join(SUFFIXES)}", file=sys.stderr)
        return 2
    if not path.parent.exists():
        print(f"export: --out {out!r}: folder {str(path.parent)!r} does not exist", file=sys.stderr)
        return 2
    from views import url

    state, notices = parse_query(query or "", valid=url.valid_values())
    for notice in notices:
        print(f"export: --query: {notice}", file=sys.stderr)
    try:
        check_args(chart, width, height, scale, state)
    except ExportError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    if suffix != ".png":
        return _export_data(path, state, chart)
    started = time.perf_counter()
    try:
        data = render_png(state, chart, width=width, height=height, scale=scale)
    except (RuntimeError, OSError) as exc:
        print(f"export: rendering failed: {exc}", file=sys.stderr)
        return 1
    path.write_bytes(data)
    w, h = png_size(data)
    print(f"wrote {path} ({w}x{h} px, {len(data):,} bytes, {time.perf_counter() - started:.2f} s)")
    return 0


def _export_data(path: Path, state: ViewState, chart: str) -> int:
    """The data formats of :func:`export_cli` (:mod:`server.export_files`)."""
    from server.export_files import FormatUnavailable, write_data

    started = time.perf_counter()
    try:
        summary = write_data(path, state, chart)
    except FormatUnavailable as exc:
        print(f"export: --out {str(path)!r}: {exc}", file=sys.stderr)
        return 2
    except (RuntimeError, OSError, ValueError) as exc:
        print(f"export: --out {str(path)!r}: writing failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({summary}, {path.stat().st_size:,} bytes, {time.perf_counter() - started:.2f} s)")
    return 0


def _in_range(name: str, value: float, bounds: tuple[float, float]) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ExportError(f"{name}={value!r}: expected a number between {bounds[0]} and {bounds[1]}")
    if not bounds[0] <= value <= bounds[1]:
        raise ExportError(f"{name}={value}: expected a number between {bounds[0]} and {bounds[1]}")


def _ensure_server() -> None:
    """Start kaleido's browser once per process (MathJax off, so no CDN request); restart it if its
    thread has died (a crashed Chromium would otherwise leave every later export waiting forever)."""
    global _started
    if _started and _server_alive():
        return
    with _start_lock:
        if _started and _server_alive():
            return
        if _started:
            log.warning("export: kaleido's server stopped; starting it again")
            _restart_server()
        import kaleido
        import plotly.io as pio

        from config import browser_path
        from figures.common import topojson_file_url

        pio.defaults.topojson = topojson_file_url()
        pio.defaults.mathjax = None
        browser = browser_path()  # None: kaleido searches PATH itself
        kaleido.start_sync_server(mathjax=False, timeout=RENDER_TIMEOUT_S, silence_warnings=True,
                                  **({"path": browser} if browser else {}))
        _started = True
        log.info("export: kaleido server started")


def _server_alive() -> bool:
    """Whether kaleido's sync-server thread is running (its internals: checked defensively)."""
    import kaleido

    server = getattr(kaleido, "_global_server", None)
    thread = getattr(server, "_thread", None)
    return bool(server is not None and server.is_running() and thread is not None and thread.is_alive())


def _restart_server() -> None:
    import kaleido

    server = getattr(kaleido, "_global_server", None)
    if server is not None and server.is_running():
        server._initialized = False  # its thread is gone: forget it without joining a dead queue
