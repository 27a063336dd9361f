"""Time the document path: ``POST /api/extract`` against the atlas under gunicorn, for a 1 MB English text
(the seed documents repeated) and a 100-page PDF (printed from that text by Debian's Chromium); prints wall
time per request and the worker's peak RSS while it answered. With ``--browser`` it also times the whole
round trip in headless Chromium: the 1 MB text and the PDF dropped on the document tab's upload until the
map of their mentions is drawn (and until the text is highlighted).

Usage: ``.venv/bin/python bench/bench_document.py [--runs 3] [--browser]`` (starts and stops its own
server on 127.0.0.1:8079).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script: the atlas's packages (config, bench)
PORT = 8079
# the map is drawn: the status names the file and the choropleth has its provinces
_MAP_DRAWN = "#document-body:not([hidden]) #document-map .choroplethlocation"
_HIGHLIGHTED = "#document-highlighted mark"


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


def _reset_peak(workers: list[psutil.Process]) -> None:
    """Reset the workers' peak RSS (Linux: "5" to clear_refs), so VmHWM is the peak of the next requests."""
    for w in workers:
        # not Linux or not permitted: VmHWM is then the peak since the worker started
        with contextlib.suppress(OSError):
            Path(f"/proc/{w.pid}/clear_refs").write_text("5")


def _peak_rss(workers: list[psutil.Process]) -> int:
    """The largest VmHWM (peak resident set) among the workers, in bytes (0 when unknown)."""
    peak = 0
    for w in workers:
        try:
            for line in Path(f"/proc/{w.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) * 1024)
        except OSError:
            peak = max(peak, w.memory_info().rss if w.is_running() else 0)
    return peak


def _server_side(base: str, text: str, pdf: bytes, runs: int, workers: list[psutil.Process]) -> None:
    cases: dict[str, dict[str, Any]] = {
        "1 MB English text": dict(data=text.encode("utf-8"), headers={"Content-Type": "text/plain"}),
        f"100-page PDF ({len(pdf) / 1e6:.1f} MB)": dict(files={"file": ("doc.pdf", pdf, "application/pdf")}),
    }
    for name, kwargs in cases.items():
        times = []
        _reset_peak(workers)
        for _ in range(runs):
            start = time.perf_counter()
            answer = requests.post(f"{base}/api/extract", timeout=60, **kwargs)
            times.append(time.perf_counter() - start)
            answer.raise_for_status()
        body = answer.json()
        print(f"{name}: median {statistics.median(times):.2f} s (min {min(times):.2f}, "
              f"max {max(times):.2f}), {body.get('mention_count')} mentions, "
              f"worker peak RSS {_peak_rss(workers) / 2**20:.0f} MB")


def _browser(base: str, files: list[tuple[str, str, bytes]], runs: int) -> None:
    """Upload each file through the document tab's file input (as a user drops a file) and time until the
    map of its mentions is on screen, then until the highlighted text is; a fresh page per run.

    ``files``: ``(label, file name, bytes)``.
    """
    from playwright.sync_api import sync_playwright

    from bench.browser import CHROMIUM, CHROMIUM_FLAGS, VIEWPORT
    from config import browser_path

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_path() or CHROMIUM, args=CHROMIUM_FLAGS,
                                     headless=True)
        try:
            for label, name, data in files:
                drawn: list[float] = []
                marked: list[float] = []
                kind = "application/pdf" if name.endswith(".pdf") else "text/plain"
                for _ in range(runs):
                    page = browser.new_page(viewport=VIEWPORT)
                    page.goto(f"{base}/?view=document")
                    page.wait_for_selector("#document-upload input[type=file]", state="attached",
                                           timeout=600_000)
                    page.wait_for_load_state("networkidle")  # a person picks the file once the page is there
                    start = time.perf_counter()
                    page.set_input_files("#document-upload input[type=file]",
                                         files=[{"name": name, "mimeType": kind, "buffer": data}])
                    page.wait_for_selector(_MAP_DRAWN, state="attached", timeout=600_000)
                    drawn.append(time.perf_counter() - start)
                    page.wait_for_selector(_HIGHLIGHTED, state="attached", timeout=600_000)
                    marked.append(time.perf_counter() - start)
                    page.close()
                for what, times in (("map drawn", drawn), ("text highlighted", marked)):
                    print(f"browser, {label} uploaded -> {what}: median {statistics.median(times):.2f} s "
                          f"(min {min(times):.2f}, max {max(times):.2f})")
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", action="store_true",
                        help="also time upload -> map on screen in headless Chromium (Playwright)")
    parser.add_argument("--browser-only", action="store_true", help="only the browser measurement")
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
        # warm the worker (the gazetteer is built once per worker, outside a document's budget)
        requests.post(f"{base}/api/extract", data=b"Gansu and Xinjiang", timeout=60,
                      headers={"Content-Type": "text/plain"})
        if not args.browser_only:
            _server_side(base, text, pdf, args.runs, workers)
        if args.browser or args.browser_only:
            _browser(base, [("1 MB .txt", "bench.txt", text.encode("utf-8")),
                            (f"100-page PDF ({len(pdf) / 2**20:.1f} MB)", "bench.pdf", pdf)], args.runs)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
