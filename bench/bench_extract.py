"""Extraction on a ~20 MB text: time and peak memory of ``python app.py extract`` (streaming).

Usage::

    .venv/bin/python bench/bench_extract.py [--mb 20] [--format jsonl|csv] [--keep]

Builds the text by repeating the five seeds until it reaches ``--mb`` megabytes (in a temporary
folder), then runs the CLI as a child process with output to ``/dev/null`` and reports wall time,
throughput and the child's peak resident memory (``ru_maxrss``). For comparison it also runs the CLI on
one seed (the fixed cost: interpreter, pandas-free imports, gazetteer) and measures the Python heap
peak of streaming the big file in-process with ``tracemalloc``. Prints numbers only; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the atlas packages importable
    sys.path.insert(0, str(ROOT))

from config import SOURCES_DIR  # noqa: E402


def make_text(path: Path, megabytes: float) -> int:
    """Write the seeds, repeated, until the file holds ``megabytes`` MB; return its size in bytes."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SOURCES_DIR.glob("*.txt"))]
    target = int(megabytes * 1_000_000)
    size = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        while size < target:
            for text in seeds:
                block = text.rstrip() + "\n\n"
                fh.write(block)
                size += len(block.encode("utf-8"))
    return path.stat().st_size


def run_child(files: list[Path], fmt: str) -> tuple[float, float, int]:
    """Run the CLI in a child process; return (seconds, peak RSS in MB, exit code)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    with open(os.devnull, "w") as sink:
        proc = subprocess.run(
            [sys.executable, str(ROOT / "app.py"), "extract", *map(str, files), "--format", fmt],
            cwd=ROOT, stdout=sink, stderr=subprocess.PIPE, text=True,
        )
    seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode:
        print(proc.stderr, file=sys.stderr)
    # ru_maxrss of children is the maximum over all children so far: run the big file first
    return seconds, max(peak_kb, before) / 1024, proc.returncode


def count_records(path: Path) -> tuple[int, float, float]:
    """Stream the file in-process; return (mentions, seconds, tracemalloc peak in MB during the stream)."""
    from data.extract import iter_file
    from data.extract.gazetteer import gazetteer

    gazetteer()  # build outside the measured window (its size is the fixed cost reported separately)
    tracemalloc.start()
    t0 = time.perf_counter()
    n = sum(1 for _ in iter_file(path))
    seconds = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return n, seconds, peak / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of the generated text (MB)")
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    parser.add_argument("--keep", action="store_true", help="keep the generated file and print its path")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench_extract_"))
    big = tmp / "big.txt"
    size = make_text(big, args.mb)
    print(f"text: {size / 1e6:.1f} MB ({big})")

    seconds, rss_big, rc = run_child([big], args.format)
    print(f"cli {args.format}, big file: {seconds:.1f} s, {size / 1e6 / seconds:.2f} MB/s, "
          f"peak RSS {rss_big:.0f} MB, exit {rc}")
    small = sorted(SOURCES_DIR.glob("*.txt"))[0]
    seconds_small, _, _ = run_child([small], args.format)
    print(f"cli {args.format}, one seed ({small.stat().st_size / 1e3:.1f} kB): {seconds_small:.1f} s "
          "(start-up and gazetteer)")

    n, seconds_stream, heap_peak = count_records(big)
    print(f"in-process stream: {n} mentions in {seconds_stream:.1f} s, "
          f"Python heap peak while streaming {heap_peak:.1f} MB (tracemalloc)")

    if not args.keep:
        big.unlink()
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
