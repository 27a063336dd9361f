"""Time the document path end to end on the server side: ``POST /api/extract`` against the atlas under
gunicorn, for a 1 MB English text (the seed documents repeated) and a 100-page PDF (printed from that text
by Debian's Chromium); prints wall time per request and the worker's peak RSS.

Usage: ``.venv/bin/python bench/bench_document.py [--runs 3]`` (starts and stops its own server on
127.0.0.1:8079). What the browser adds after the answer (drawing the map and the text) is not in these
figures.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
PORT = 8079


def _text(target: int) -> str:
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/sources").glob("*.txt")))
    return (seeds * (target // len(seeds) + 1))[:target]


def _pdf(text: str, pages: int, folder: Path) -> bytes:
    per_page = max(1, len(text) // pages)
    body = "".join(f"<section style='page-break-after:always'><p>{text[i * per_page:(i + 1) * per_page]}</p>"
                   "</section>" for i in range(pages))
    html = folder / "doc.html"
    html.write_text(f"<html><body style='font-size:7px'>{body}</body></html>", encoding="utf-8")
    out = folder / "doc.pdf"
    subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={out}", html.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return out.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    text = _text(1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = _pdf(text[:400_000], 100, Path(tmp))
    server = subprocess.Popen([sys.executable, "app.py", "serve", "--port", str(PORT), "--workers", "1"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        workers = psutil.Process(server.pid).children(recursive=True)
        cases = {
            "1 MB English text": dict(data=text.encode("utf-8"), headers={"Content-Type": "text/plain"}),
            f"100-page PDF ({len(pdf) / 1e6:.1f} MB)":
                dict(files={"file": ("doc.pdf", pdf, "application/pdf")}),
        }
        for name, kwargs in cases.items():
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                answer = requests.post(f"{base}/api/extract", timeout=60, **kwargs)
                times.append(time.perf_counter() - start)
                answer.raise_for_status()
            body = answer.json()
            rss = max((w.memory_info().rss for w in workers if w.is_running()), default=0)
            print(f"{name}: median {statistics.median(times):.2f} s (min {min(times):.2f}, "
                  f"max {max(times):.2f}), {body.get('mention_count')} mentions, "
                  f"worker RSS after {rss / 2**20:.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
