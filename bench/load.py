"""Load test: concurrent clients doing page loads, filter changes and drill-downs against gunicorn.

Usage::

    .venv/bin/python bench/load.py [--clients 20] [--duration 60] [--no-static] [--json FILE]

Starts the atlas under its production server (``python app.py serve``) on a free loopback port of
8070-8089, opens it once in headless Chromium to capture what a visit really requests (page load:
HTML, layout, dependencies, scripts and the initial callbacks; a filter change; a drill-down click),
then has every client replay those requests as user sessions, round-robin, until the duration ends
(bounded: at most ``--max-requests`` per client). Prints errors, p50/p95 per kind and overall, and the
RSS of gunicorn's master + workers (sampled every 0.5 s) with its growth over the run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import browser, interact, replay, servers


class RssSampler(threading.Thread):
    """Samples the total RSS (MB) of a server's process tree every ``interval_s`` until stopped."""

    def __init__(self, server: servers.Server, interval_s: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.server, self.interval_s = server, interval_s
        self.samples: list[tuple[float, float]] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        t0 = time.monotonic()
        while not self._stop_event.is_set():
            self.samples.append((time.monotonic() - t0, self.server.total_rss_mb()))
            self._stop_event.wait(self.interval_s)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(5)


def session_jobs(got: interact.Interactions, *, static: bool) -> list[replay.Job]:
    """One user session: a page load, each captured filter change, each drill-down; static files optional."""
    jobs = []
    for job in got.page_load:
        is_static = job.method == "GET" and job.path.startswith(("/assets/", "/_dash-component-suites/",
                                                                 "/_favicon"))
        if is_static and not static:
            continue
        jobs.append(replay.Job("static" if is_static else "page", job.method, job.path, job.body))
    return jobs + got.jobs("filter") + got.jobs("drilldown")


def run_load(*, clients: int, duration_s: float, max_requests: int, static: bool, workers: int | None,
             warmup_s: float = 5.0) -> dict[str, Any]:
    """Start the atlas, capture a session, replay it from ``clients`` clients; return the results."""
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="atlas-load-"))
    server = servers.atlas_server(servers.free_port(), workers=workers, log_path=tmp / "atlas.log")
    out: dict[str, Any] = {"clients": clients, "duration_s": duration_s, "static": static}
    with server:
        if not server.start(timeout_s=60):
            log = (tmp / "atlas.log").read_text(errors="replace").strip().splitlines()[-5:]
            raise RuntimeError(f"{server.error}; log: {' | '.join(log)}")
        out["startup_s"] = round(server.startup_s or 0, 3)
        with sync_playwright() as pw:
            chromium = browser.launch(pw)
            got = interact.capture(chromium, server.url, interact.atlas_target(), filter_values=2,
                                   drilldowns=2, timeout_s=120)
            chromium.close()
        jobs = session_jobs(got, static=static)
        out["session"] = {"requests": len(jobs), "page": len(got.page_load),
                          "filter_changes": len(got.filters), "drilldowns": len(got.drilldowns),
                          "notes": got.notes}
        if not got.filters or not got.drilldowns:
            out["warning"] = "no filter change or drill-down captured: the load lacks them (see notes)"
        # warm every worker's caches before the baseline, as a running server would be
        replay.run_clients(server.url, jobs, clients=min(clients, 4), requests_per_client=len(jobs),
                           duration_s=warmup_s, stagger=True)
        sampler = RssSampler(server)
        sampler.start()
        time.sleep(1.0)
        res = replay.run_clients(server.url, jobs, clients=clients, requests_per_client=max_requests,
                                 duration_s=duration_s, timeout_s=30)
        time.sleep(1.0)
        sampler.stop()
        out["workers_rss_mb"] = [round(x, 1) for x in server.worker_rss_mb()]
    rss = [mb for _, mb in sampler.samples]
    head = rss[: max(1, len(rss) // 20)]  # first 5 % of samples: the baseline after warm-up
    start_mb, end_mb = sum(head) / len(head), rss[-1]
    out.update(
        requests=res.requests, errors=res.errors, error_examples=res.error_examples,
        wall_s=round(res.wall_s, 1),
        requests_per_s=round(res.requests / res.wall_s, 1) if res.wall_s else None,
        overall=replay.summary(res.all_latencies()),
        by_kind={k: replay.summary(v) for k, v in sorted(res.latencies.items())},
        rss_start_mb=round(start_mb, 1), rss_end_mb=round(end_mb, 1), rss_max_mb=round(max(rss), 1),
        rss_growth_pct=round((end_mb - start_mb) / start_mb * 100, 2),
        bytes_received=res.bytes_received,
    )
    return out


def format_result(r: dict[str, Any]) -> str:
    lines = [f"load: {r['clients']} clients x {r['duration_s']:.0f} s against gunicorn "
             f"(static files {'included' if r['static'] else 'excluded'}); session = {r['session']}",
             f"requests {r['requests']}  errors {r['errors']}  {r['requests_per_s']} req/s",
             f"{'kind':<10}{'n':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}"]
    for kind, s in [("overall", r["overall"]), *r["by_kind"].items()]:
        cells = "".join(f"{s[k] or 0:>10.1f}" for k in ("p50_ms", "p95_ms", "max_ms"))
        lines.append(f"{kind:<10}{s['n']:>8}{cells}")
    lines.append(f"RSS master+workers: start {r['rss_start_mb']} MB, end {r['rss_end_mb']} MB, "
                 f"max {r['rss_max_mb']} MB, growth {r['rss_growth_pct']} %; "
                 f"per worker {r['workers_rss_mb']}")
    for ex in r["error_examples"]:
        lines.append(f"  error: {ex}")
    if r.get("warning"):
        lines.append(f"  warning: {r['warning']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (max 600)")
    parser.add_argument("--max-requests", type=int, default=5000, help="cap per client")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: app's choice)")
    parser.add_argument("--no-static", action="store_true", help="replay only dynamic requests")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 50:
        parser.error("--clients: expected 1..50")
    if not 1 <= args.duration <= 600:
        parser.error("--duration: expected 1..600 seconds")
    if not 1 <= args.max_requests <= 100_000:
        parser.error("--max-requests: expected 1..100000")
    result = run_load(clients=args.clients, duration_s=args.duration, max_requests=args.max_requests,
                      static=not args.no_static, workers=args.workers)
    print(format_result(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
