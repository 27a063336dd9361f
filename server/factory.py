"""The Dash app factory and the server: Dash's development server, or gunicorn in production.

``create_dash_app()`` registers the callbacks (each ``callbacks.*`` module defines global ``@callback``s),
builds the layout once, and serves everything locally: Dash's own JavaScript (``serve_locally``), the
stand-in topojson from ``assets/`` (plotly.js would fetch one from its CDN), no external fonts.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dash import Dash

log = logging.getLogger(__name__)

# Importing these modules registers their global ``@callback``s.
CALLBACK_MODULES = (
    "callbacks.state", "callbacks.map", "callbacks.panel", "callbacks.shell", "callbacks.charts",
    "callbacks.export",
)

def create_dash_app() -> Dash:
    """Build the atlas's Dash app: layout, callbacks, compression, offline assets."""
    import plotly.io as pio

    from config import ASSETS_DIR
    from figures.common import topojson_file_url
    from layouts.shell import page_layout
    from server.index import INDEX_STRING, AtlasDash
    from views import words

    for name in CALLBACK_MODULES:
        importlib.import_module(name)
    # kaleido renders server-side exports: point it at the same offline topojson as the browser
    pio.defaults.topojson = topojson_file_url()
    app = AtlasDash(
        __name__,
        title=words.t("app.title", "en"),
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        compress=True,
        update_title=None,
        meta_tags=[
            {"name": "description", "content": words.t("app.description", "en")},
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "theme-color", "content": "#1F3A5F"},
        ],
    )
    app.index_string = INDEX_STRING
    app.layout = page_layout()
    # CSP and security headers, callback-body checks, JSON errors without tracebacks, /healthz
    from server.security import install
    from server.timing import ServerTiming

    install(app)
    app.server.wsgi_app = ServerTiming(app.server.wsgi_app)  # type: ignore[method-assign]
    return app


def serve(host: str = "127.0.0.1", port: int = 8050, dev: bool = False, workers: int | None = None) -> int:
    """Serve the atlas: Dash's debug server with ``dev``, otherwise gunicorn with ``workers`` processes.

    Parameters
    ----------
    host, port : str, int
        Where to listen (loopback by default).
    dev : bool
        Dash's development server with debug tools and hot reload.
    workers : int or None
        gunicorn worker processes; default: the number of CPUs.
    """
    from server.startup import StartupError, configure_logging, ensure_ready

    configure_logging()
    try:  # an invalid catalog refuses to start; missing or corrupt artifacts are (re)built first
        ensure_ready()
    except StartupError as exc:
        print(f"atlas: {exc}", file=sys.stderr)
        return 2
    if dev:
        app = create_dash_app()
        # the version check would ask dash-version.plotly.com: nothing leaves the machine
        app.run(host=host, port=port, debug=True, dev_tools_disable_version_check=True)
        return 0
    from gunicorn.app.base import BaseApplication

    count = workers if workers and workers > 0 else (os.cpu_count() or 1)

    class _Gunicorn(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options = {"bind": f"{host}:{port}", "workers": count, "preload_app": True,
                       "accesslog": None, "errorlog": "-", "timeout": 60,
                       # gunicorn 27's control socket lives in ~/.gunicorn: a second server would take it over
                       "control_socket_disable": True}
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return create_dash_app().server

    _Gunicorn().run()
    return 0
