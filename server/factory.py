"""The Dash app factory and the server: Dash's development server, or gunicorn in production.

``create_dash_app()`` builds the layout once and serves everything locally: Dash's own JavaScript
(``serve_locally``), the stand-in topojson from ``assets/`` (plotly.js would fetch one from its CDN), no
external fonts.

The callbacks are registered by importing the ``callbacks`` package (their ``@callback``s are global):
``app.py``, the composition root, does that before it calls the factory, so nothing here imports the
wiring above it. ``serve()`` runs the start-up checks, then has gunicorn load the factory named by its
``app_spec`` (``app:create_app()``) exactly as ``gunicorn 'app:create_app()'`` would.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dash import Dash

log = logging.getLogger(__name__)


def create_dash_app() -> Dash:
    """Build the atlas's Dash app: layout, compression, offline assets, security (the callbacks are the
    ones registered by importing the ``callbacks`` package first)."""
    import plotly.io as pio

    from config import ASSETS_DIR
    from figures.common import topojson_file_url
    from layouts.shell import page_layout
    from server.index import INDEX_STRING, AtlasDash
    from views import words

    # kaleido renders server-side exports: point it at the same offline topojson as the browser
    pio.defaults.topojson = topojson_file_url()
    app = AtlasDash(
        __name__,
        title=words.t("app.title", "en"),
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        compress=True,
        update_title="",  # no "Updating..." tab title while callbacks run (Dash: None or "")
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
    from server import api  # POST /api/extract (documents; its own body limits)

    api.install(app.server)
    app.server.wsgi_app = ServerTiming(app.server.wsgi_app)
    return app


def serve(app_spec: str, dev_app: Callable[[], Dash], *, host: str = "127.0.0.1", port: int = 8050,
          dev: bool = False, workers: int | None = None) -> int:
    """Serve the atlas: Dash's debug server with ``dev``, otherwise gunicorn with ``workers`` processes.

    Parameters
    ----------
    app_spec : str
        What gunicorn loads, as on its command line (``"app:create_app()"``).
    dev_app : callable
        Builds the Dash app for the development server.
    host, port : str, int
        Where to listen (loopback by default).
    dev : bool
        Dash's development server with debug tools and hot reload.
    workers : int or None
        gunicorn worker processes; default: the number of CPUs.
    """
    from server.logs import configure_logging
    from server.startup import StartupError, ensure_ready

    configure_logging()
    try:  # an invalid catalog refuses to start; missing or corrupt artifacts are (re)built first
        ensure_ready()
    except StartupError as exc:
        print(f"atlas: {exc}", file=sys.stderr)
        return 2
    if dev:
        app = dev_app()
        # the version check would ask dash-version.plotly.com: nothing leaves the machine
        app.run(host=host, port=port, debug=True, dev_tools_disable_version_check=True)
        return 0
    from gunicorn.app.base import BaseApplication

    count = workers if workers and workers > 0 else (os.cpu_count() or 1)

    class _Gunicorn(BaseApplication):
        def load_config(self) -> None:
            options = {"bind": f"{host}:{port}", "workers": count, "preload_app": True,
                       "accesslog": None, "errorlog": "-", "timeout": 60,
                       # gunicorn 27's control socket lives in ~/.gunicorn: a second server would take it over
                       "control_socket_disable": True}
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            # the same import gunicorn's command line does; create_app() finds the checks above passed
            from gunicorn.util import import_app

            from config import ROOT

            if str(ROOT) not in sys.path:  # app.py sits at the project root, beside config.py
                sys.path.insert(0, str(ROOT))
            return import_app(app_spec)

    _Gunicorn().run()
    return 0
