"""China Regional Development Atlas: the app factory and the command line.

Usage: ``python app.py {build,serve,export,extract} --help``. This is the composition root: it imports the
``callbacks`` package (which registers every ``@callback``) and the server's factory; gunicorn loads
:func:`create_app` (``python app.py serve`` does so through ``server.factory.serve``, or directly:
``gunicorn 'app:create_app()'``). Nothing in the project's folders imports it; tests use :func:`dash_app`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Dash and Flask are imported lazily so that `build` and `extract` stay light
    from dash import Dash
    from flask import Flask

#: what gunicorn loads (``gunicorn 'app:create_app()'`` serves the same app)
APP_SPEC = "app:create_app()"


def dash_app() -> Dash:
    """The Dash app with every callback registered (the development server and the tests use it)."""
    import callbacks  # noqa: F401  (importing the package registers its global @callbacks)
    from server.factory import create_dash_app

    return create_dash_app()


def create_app() -> Flask:
    """The atlas as a WSGI application (layout, callbacks, security headers, /healthz): what gunicorn serves.

    Runs the start-up checks first unless this process already passed them (``serve()`` checks in the
    gunicorn master before forking; under a bare ``gunicorn 'app:create_app()'`` each worker checks, or
    the master once with ``--preload``): an invalid catalog, or an artifact that cannot be (re)built,
    raises :class:`server.startup.StartupError` and gunicorn does not boot.
    """
    from server.logs import configure_logging
    from server.startup import ensure_ready_once

    configure_logging()
    ensure_ready_once()
    return dash_app().server


def _cmd_build(args: argparse.Namespace) -> int:
    from geo.build import build

    build(if_needed=args.if_needed, progress=not args.quiet)
    from data.extract.corpus import build_mentions

    build_mentions(if_needed=args.if_needed)
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from data.extract.cli import main

    return main(args.files, fmt=args.format)


def _cmd_export(args: argparse.Namespace) -> int:
    from server.render import export_cli

    return export_cli(
        out=args.out, query=args.query, chart=args.chart,
        width=args.width, height=args.height, scale=args.scale,
    )


def _cmd_serve(args: argparse.Namespace) -> int:
    from server.factory import serve

    return serve(APP_SPEC, dash_app, host=args.host, port=args.port, dev=args.dev, workers=args.workers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="app.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build geometry and extraction artifacts into data/build/")
    p.add_argument("--if-needed", action="store_true", help="skip artifacts that are up to date")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("serve", help="serve the dashboard (gunicorn unless --dev)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--workers", type=int, default=None, help="default: from the CPU count")
    p.add_argument("--dev", action="store_true", help="Dash's development server with debug tools")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("export", help="write the view a URL shows: PNG (server-side), CSV, GeoJSON, "
                                      "GeoPackage or GeoParquet, by the suffix of --out")
    p.add_argument("--out", required=True,
                   help="output path: .png (the chart), .csv (the data behind it, with source and vintage), "
                        ".geojson (the view's provinces), .gpkg (provinces, prefectures, counties, border, "
                        "infrastructure), .parquet (GeoParquet of the view's provinces, via fastparquet)")
    p.add_argument("--query", default="", help="URL query, e.g. 'province=650000&indicator=gdp'")
    p.add_argument("--chart", default="map",
                   help="map|prefecture|ranking|matrix|regions|timeline|convergence|shares|trend|compare|bump")
    p.add_argument("--width", type=int, default=1200)
    p.add_argument("--height", type=int, default=800)
    p.add_argument("--scale", type=float, default=2.0)
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("extract", help="extract places, strategies and claims from English texts")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p.set_defaults(func=_cmd_extract)

    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
