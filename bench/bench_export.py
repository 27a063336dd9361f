"""Time the server-side PNG export (``server.render.render_png``): one cold call, then warm ones.

Usage::

    .venv/bin/python bench/bench_export.py [--runs N] [--charts map,ranking,...] [--scale 2]

Prints, per chart, the cold time (kaleido's Chromium starting, figure data loading), the median, min
and max of ``--runs`` warm renders of the same view (its figure cached, rendering only), and the
median of warm renders of a new view each time (figure built, then rendered), at the app's
"Download PNG" sizes. Budget: warm <= 1000 ms. The machine's load average is printed too: the
numbers scale with it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the atlas packages importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES = {"map": (1400, 1000), "prefecture": (1200, 1000)}
DEFAULT_SIZE = (1200, 800)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm renders per chart (default 5)")
    parser.add_argument("--charts", default="map,ranking,regions,matrix,timeline")
    parser.add_argument("--scale", type=float, default=2.0)
    parser.add_argument("--query", default="", help="URL query of the view, e.g. 'province=650000'")
    args = parser.parse_args(argv)

    from server.render import png_size, render_png
    from views import url
    from views.state import parse_query

    state, _ = parse_query(args.query, valid=url.valid_values())
    # "new view" renders change the selected province each time, so nothing of the figure is cached
    provinces = sorted(url.valid_values().provinces)[: max(1, args.runs)]
    header = f"{'chart':<11} {'pixels':>11} {'bytes':>9} {'cold ms':>8} {'warm same view':>15}"
    print(f"{header} {'min':>6} {'max':>6} {'warm new view':>14}")
    worst = 0.0
    for chart in [c.strip() for c in args.charts.split(",") if c.strip()]:
        width, height = SIZES.get(chart, DEFAULT_SIZE)
        started = time.perf_counter()
        data = render_png(state, chart, width=width, height=height, scale=args.scale)
        cold = (time.perf_counter() - started) * 1000
        warm, fresh = [], []
        for _ in range(max(1, args.runs)):
            started = time.perf_counter()
            data = render_png(state, chart, width=width, height=height, scale=args.scale)
            warm.append((time.perf_counter() - started) * 1000)
        for adcode in provinces:
            view = state.with_(province=adcode)
            started = time.perf_counter()
            render_png(view, chart, width=width, height=height, scale=args.scale)
            fresh.append((time.perf_counter() - started) * 1000)
        w, h = png_size(data)
        median = statistics.median(warm)
        worst = max(worst, median)
        print(f"{chart:<11} {f'{w}x{h}':>11} {len(data):>9,} {cold:>8.0f} {median:>15.0f} {min(warm):>6.0f} "
              f"{max(warm):>6.0f} {statistics.median(fresh):>14.0f}")
    print(f"export_png_warm_ms_worst_median={worst:.0f} (budget <= 1000); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
