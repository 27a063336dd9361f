"""Measurements that need no server: a full build into a temporary folder, and server-side PNG export.

Each runs in a child process with a time limit, so a hung build or browser cannot hang the benchmark.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.servers import PYTHON, ROOT

# Runs in a child process: one cold export (kaleido's browser starts), then `n` warm ones, timed.
_EXPORT_SNIPPET = """
import json, sys, time
from server.render import render_png
from views.state import ViewState
n, chart = int(sys.argv[1]), sys.argv[2]
width, height, scale = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
t = time.perf_counter(); data = render_png(ViewState(), chart, width=width, height=height, scale=scale)
cold = (time.perf_counter() - t) * 1000
warm = []
for _ in range(n):
    t = time.perf_counter(); data = render_png(ViewState(), chart, width=width, height=height, scale=scale)
    warm.append((time.perf_counter() - t) * 1000)
print(json.dumps({"cold_ms": cold, "warm_ms": warm, "png_bytes": len(data)}))
"""


def measure_build(build_dir: Path, *, seed: Path | None = None, timeout_s: float = 300.0) -> dict[str, Any]:
    """Time ``python app.py build --quiet`` from scratch into ``build_dir`` (ATLAS_BUILD_DIR).

    With ``seed`` (an existing build folder), copy it first and time ``build --if-needed`` instead:
    the same code path in a fraction of the time, for ``--quick``; ``mode`` in the result says which.
    Returns ``{"build_s": float, "mode": str, "artifacts": {name: bytes}}``; raises ``RuntimeError``
    with the command's last lines when it fails.
    """
    argv = [PYTHON, "app.py", "build", "--quiet"]
    mode = "cold"
    if seed is not None and seed.is_dir() and any(seed.iterdir()):
        shutil.copytree(seed, build_dir, dirs_exist_ok=True)
        argv.append("--if-needed")
        mode = f"--if-needed over a copy of {seed}"
    build_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "ATLAS_BUILD_DIR": str(build_dir)}
    t0 = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout_s,
                          check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        raise RuntimeError(f"`python app.py build` exited {proc.returncode}: {tail}")
    artifacts = {p.name: p.stat().st_size for p in sorted(build_dir.iterdir()) if p.is_file()}
    return {"build_s": elapsed, "mode": mode, "artifacts": artifacts}


def measure_export(*, warm_runs: int, chart: str = "map", width: int = 1200, height: int = 800,
                   scale: float = 2.0, build_dir: Path | None = None,
                   timeout_s: float = 180.0) -> dict[str, Any]:
    """Time ``server.render.render_png`` of the default view: one cold call, then ``warm_runs`` warm ones."""
    env = {**os.environ, **({"ATLAS_BUILD_DIR": str(build_dir)} if build_dir else {})}
    argv = [PYTHON, "-c", _EXPORT_SNIPPET, str(warm_runs), chart, str(width), str(height), str(scale)]
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout_s,
                          check=False)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        raise RuntimeError(f"render_png failed (exit {proc.returncode}): {tail}")
    return json.loads(lines[-1])
