"""China Regional Development Atlas: the app factory and the command line.

Usage: ``python app.py {build,serve,export,extract} --help``. Nothing imports this module.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Dash is imported lazily so that `build` and `extract` stay light
    from dash import Dash


def create_app() -> Dash:
    """Build the Dash app (layout, callbacks, security headers, /healthz)."""
    from server.factory import create_dash_app

    return create_dash_app()


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

    return serve(host=args.host, port=args.port, dev=args.dev, workers=args.workers)


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

    p = sub.add_parser("export", help="render the view a URL shows to a PNG, server-side")
    p.add_argument("--out", required=True, help="output .png path")
    p.add_argument("--query", default="", help="URL query, e.g. 'province=650000&indicator=gdp'")
    p.add_argument("--chart", default="map", help="map|ranking|matrix|regions|timeline|prefecture")
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
