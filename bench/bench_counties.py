"""Time the county drill-down in-process: the county map of every prefecture of a province, cold (first
build of its figure) and warm (cached), and the panel that shows it; prints p50/p95 in milliseconds and
the bytes of the largest prefecture's county figure.

Usage: ``.venv/bin/python bench/bench_counties.py [--province 530000 ...]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", nargs="+", default=["530000", "650000", "510000", "230000"])
    args = parser.parse_args(argv)
    from layouts.panel import province_panel
    from views import datasets
    from views.counties import county_figure_json

    prefs = datasets.prefecture_table()
    cold: list[float] = []
    warm: list[float] = []
    largest = 0
    for province in args.province:
        for code in prefs.loc[prefs["parent_adcode"] == province, "adcode"]:
            start = time.perf_counter()
            figure = county_figure_json(province, str(code), "en")
            province_panel(province, "en", str(code))
            cold.append(1000 * (time.perf_counter() - start))
            start = time.perf_counter()
            county_figure_json(province, str(code), "en")
            province_panel(province, "en", str(code))
            warm.append(1000 * (time.perf_counter() - start))
            largest = max(largest, len(json.dumps(figure)) if figure else 0)
    print(f"prefectures {len(cold)}  cold p50 {statistics.median(cold):.1f} ms  p95 {_p(cold, 0.95):.1f} ms"
          f"  warm p50 {statistics.median(warm):.2f} ms  p95 {_p(warm, 0.95):.2f} ms"
          f"  largest figure {largest / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
