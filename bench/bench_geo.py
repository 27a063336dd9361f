"""Geometry build benchmark: build time, artifact load time at app start, artifact sizes.

Usage::

    .venv/bin/python bench/bench_geo.py [--runs N] [--json FILE]

Builds into a temporary directory (never touches ``data/build``), then loads the artifacts in a
fresh interpreter (cold caches, as at app start: ``geo.artifacts`` loaders, both tables and the
spatial index's first lookup). Prints wall and CPU seconds, the machine's load average (2 shared
cores: wall time depends on what else runs), sizes against the budgets, and the land border by
neighbour with the western share.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BUDGETS = {"build_s": 30.0, "load_s": 1.0, "provinces_kb": 300.0, "drill_kb": 250.0}

_LOAD_SNIPPET = """
import json, resource, time
def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime
t0, c0 = time.perf_counter(), cpu()
import pandas, shapely, pyproj  # the app imports these anyway
from geo import artifacts, spatial
t1, c1 = time.perf_counter(), cpu()
artifacts.load_provinces(); artifacts.load_border(); artifacts.load_meta()
artifacts.province_table(); artifacts.prefecture_table()
t2, c2 = time.perf_counter(), cpu()
artifacts.load_prefectures(); artifacts.load_prefectures("650000")
t3, c3 = time.perf_counter(), cpu()
spatial.province_at(116.4, 39.9); spatial.nearest_border(116.4, 39.9)
t4, c4 = time.perf_counter(), cpu()
print(json.dumps({"import_s": t1 - t0, "import_cpu_s": c1 - c0, "load_s": t2 - t0, "load_cpu_s": c2 - c0,
                  "all_prefectures_s": t3 - t2, "first_lookup_s": t4 - t3, "first_lookup_cpu_s": c4 - c3}))
"""


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench(runs: int) -> dict[str, object]:
    from geo.build import build

    builds, cpus, loads = [], [], []
    report = None
    with tempfile.TemporaryDirectory(prefix="bench_geo_") as tmp:
        out = Path(tmp) / "build"
        for _ in range(runs):
            cpu0, t0 = _cpu_seconds(), time.perf_counter()
            report = build(out, progress=False)
            builds.append(time.perf_counter() - t0)
            cpus.append(_cpu_seconds() - cpu0)
            env = {**os.environ, "ATLAS_BUILD_DIR": str(out), "PYTHONPATH": str(ROOT)}
            proc = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET], env=env, cwd=ROOT,
                                  capture_output=True, text=True, check=True)
            loads.append(json.loads(proc.stdout))
    assert report is not None
    sizes = report.sizes
    drill = {k: v for k, v in sizes.items() if k.startswith("prefectures/")}
    return {
        "runs": runs,
        "loadavg_1min": os.getloadavg()[0],
        "build_s_median": statistics.median(builds),
        "build_cpu_s_median": statistics.median(cpus),
        **{f"{k}_median": statistics.median(run[k] for run in loads) for k in loads[0]},
        "sizes_bytes": {k: v for k, v in sizes.items() if "/" not in k},
        "largest_drill_file": max(drill.items(), key=lambda kv: kv[1]),
        "border": report.border,
    }


def _print(res: dict) -> None:
    cores = os.cpu_count()
    print(f"geo build ({res['runs']} run(s), load average {res['loadavg_1min']:.1f} on {cores} cores)")
    print(f"  build        {res['build_s_median']:6.1f} s wall, {res['build_cpu_s_median']:.1f} s CPU"
          f"   (budget {BUDGETS['build_s']:.0f} s)")
    print(f"  load at start {res['load_s_median']:5.2f} s wall, {res['load_cpu_s_median']:.2f} s CPU "
          f"(budget {BUDGETS['load_s']:.0f} s; of which imports of pandas/shapely/pyproj "
          f"{res['import_s_median']:.2f} s wall, {res['import_cpu_s_median']:.2f} s CPU)")
    print(f"  + all 370 drill-down prefectures {res['all_prefectures_s_median']:.2f} s; first spatial "
          f"lookup (builds the indexes) {res['first_lookup_s_median']:.2f} s wall, "
          f"{res['first_lookup_cpu_s_median']:.2f} s CPU")
    for name, size in res["sizes_bytes"].items():
        print(f"  {name:32s} {size / 1000:8.1f} KB")
    name, size = res["largest_drill_file"]
    print(f"  largest drill-down file {name} {size / 1000:.1f} KB (budget {BUDGETS['drill_kb']:.0f} KB)")
    border = res["border"]
    print(f"  land border {border['land_total_km']:.0f} km; maritime line {border['maritime_km']:.0f} km")
    for iso3, km in border["land_by_neighbour_km"].items():
        print(f"    {iso3} {km:8.0f} km")
    print(f"  western provinces {border['western_land_km']:.0f} km = {border['western_share']:.1%} "
          "of the land border (seed 002 claims ~91 % of 18,000+ km)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    res = bench(args.runs)
    _print(res)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
