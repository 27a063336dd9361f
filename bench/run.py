"""Side-by-side benchmark of the atlas against the naive Dash map, on loopback, in one invocation.

Usage::

    .venv/bin/python bench/run.py [--json FILE] [--runs N] [--quick] [--no-lighthouse]

Builds the atlas into a temporary ATLAS_BUILD_DIR (timed), serves it under its production server
(``python app.py serve``: gunicorn) next to ``bench/naive_app.py``, measures both in headless Chromium
and with concurrent loopback clients, prints a table and writes JSON (default
``bench/results/latest.json``). A metric that could not be measured is ``null`` and its reason is in
``reasons``; medians over ``--runs`` are reported. Needs ``bash bench/setup.sh`` for Lighthouse.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` (and the atlas packages) importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import browser, interact, lighthouse, offline, replay, servers
from bench.report import BUDGETS, Report

DEFAULT_JSON = servers.ROOT / "bench" / "results" / "latest.json"


def _median(xs: list[float]) -> float | None:
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    quick = args.quick
    return {
        "runs": args.runs or (1 if quick else 3),
        "clients": args.clients or (4 if quick else 20),
        "requests_per_client": 3 if quick else 10,
        "filter_values": 1 if quick else 2,
        "drilldowns": 1 if quick else 3,
        # one naive callback takes seconds (17.9 MB figure): few clients, and none in --quick
        "naive_clients": min(args.clients or 20, 4),
        "naive_interactions": not quick,
        "replay_duration_s": 15 if quick else 30,
        "lighthouse": not args.no_lighthouse,
        "naive_lighthouse": not args.no_lighthouse and not quick,
    }


def measure_startup(rep: Report, cfg: dict[str, Any], tmp: Path,
                    build_dir: Path | None) -> servers.Server | None:
    """Start the atlas ``runs`` times (startup_s = median); leave the last one running and return it."""
    starts: list[float] = []
    port = servers.free_port()
    server = None
    for i in range(cfg["runs"]):
        server = servers.atlas_server(port, log_path=tmp / f"atlas-{i}.log")
        if build_dir:
            server.env["ATLAS_BUILD_DIR"] = str(build_dir)
        if not server.start(timeout_s=60):
            log = (tmp / f"atlas-{i}.log").read_text(errors="replace").strip().splitlines()[-3:]
            rep.fail_atlas(f"{server.error}; log: {' | '.join(log)}")
            return None
        starts.append(server.startup_s or 0.0)
        if i < cfg["runs"] - 1:
            server.stop()
    rep.set("startup_s", _median(starts), samples=starts)
    return server


Captures = interact.Interactions | None


def measure_browser(rep: Report, cfg: dict[str, Any], atlas: servers.Server | None,
                    naive: servers.Server | None) -> tuple[Captures, Captures]:
    """First paints, transfers and geometry (``runs`` fresh visits each), then capture interactions."""
    from playwright.sync_api import sync_playwright

    got: dict[str, interact.Interactions | None] = {"atlas": None, "naive": None}
    apps = [(name, srv, tgt) for name, srv, tgt in (
        ("atlas", atlas, interact.atlas_target if atlas else None),
        ("naive", naive, interact.naive_target if naive else None)) if srv and tgt]
    with sync_playwright() as pw:
        chromium = browser.launch(pw)
        paints: dict[str, list[float]] = {name: [] for name, _, _ in apps}
        transfers: dict[str, list[float]] = {name: [] for name, _, _ in apps}
        opened: dict[str, tuple[browser.Visit, Any]] = {}
        for run in range(cfg["runs"]):
            last = run == cfg["runs"] - 1
            for name, srv, tgt in apps:
                target = tgt()
                visit, page = browser.first_visit(chromium, srv.url + "/", map_id=target.map_id,
                                                  timeout_s=120, measure_geometry=run == 0, keep_page=last)
                if last:
                    opened[name] = (visit, page)  # the interactions below continue on this page
                prefix = "" if name == "atlas" else "naive_"
                if visit.error:
                    rep.note(f"{name} first visit {run + 1}: {visit.error}")
                    rep.detail(f"{name}_failed_visit_resources", visit.resources)
                    continue
                paints[name].append(visit.first_paint_ms)
                transfers[name].append(visit.transfer_bytes)
                if run == 0:
                    rep.detail(f"{name}_resources", sorted(visit.resources, key=lambda r: -r["bytes"]))
                    rep.detail(f"{name}_page_errors", visit.page_errors)
                    rep.detail(f"{name}_geometry", visit.geometry)
                    if visit.geometry and visit.geometry.get("traces"):
                        rep.set(f"{prefix}geometry_bytes", visit.geometry["bytes"])
                    else:
                        rep.null(f"{prefix}geometry_bytes", "the map graph holds no geojson or outline trace")
                    rep.set(f"{prefix}plotly_full_bundle_downloaded",
                            visit.downloaded("package_data/plotly.min.js"))
        for name, _, _ in apps:
            prefix = "" if name == "atlas" else "naive_"
            why = "no first visit reached the map's first plotly_afterplot (see notes)"
            rep.set_or_null(f"{prefix}first_paint_ms", _median(paints[name]), why, samples=paints[name])
            rep.set_or_null(f"{prefix}initial_transfer_bytes", _median(transfers[name]), why,
                            samples=transfers[name])
        for name, srv, tgt in apps:
            if name == "naive" and not cfg["naive_interactions"]:
                opened[name][1].context.close()
                continue
            try:
                got[name] = interact.capture(
                    chromium, srv.url, tgt(), filter_values=cfg["filter_values"] if name == "atlas" else 1,
                    drilldowns=cfg["drilldowns"], timeout_s=120, opened=opened.get(name))
                for note in got[name].notes:
                    rep.note(note)
            except Exception as exc:  # a capture failure nulls the callback metrics, with the reason
                rep.note(f"{name} capture failed: {type(exc).__name__}: {exc}")
        chromium.close()
    return got["atlas"], got["naive"]


def measure_callbacks(rep: Report, cfg: dict[str, Any], atlas: servers.Server | None,
                      naive: servers.Server | None, got_atlas: interact.Interactions | None,
                      got_naive: interact.Interactions | None) -> None:
    """Replay captured filter changes and drill-downs from concurrent clients; sizes and percentiles."""
    for name, srv, got in (("atlas", atlas, got_atlas), ("naive", naive, got_naive)):
        prefix = "" if name == "atlas" else "naive_"
        if srv is None or got is None or not got.filters:
            why = f"no filter change of the {name} app was captured (see notes)"
            if name == "naive" and srv and not cfg["naive_interactions"]:
                why = "skipped in --quick (one naive callback takes seconds)"
            for key in ("filter_response_bytes", "callback_p50_ms", "callback_p95_ms"):
                rep.null(prefix + key, why)
            if name == "atlas":
                rep.null("drilldown_p95_ms", why if got is None else "no drill-down was captured (see notes)")
            continue
        sizes = interact.chain_bytes(got.filters)
        rep.set(prefix + "filter_response_bytes", _median(sizes), samples=sizes)
        rep.detail(f"{name}_filter_chains", interact.describe(got.filters))
        kinds = ["filter"] + (["drilldown"] if name == "atlas" and got.drilldowns else [])
        if name == "atlas" and not got.drilldowns:
            rep.null("drilldown_p95_ms", "no drill-down was captured (see notes)")
        for kind in kinds:
            jobs = got.jobs(kind)
            clients = cfg["clients"] if name == "atlas" else cfg["naive_clients"]
            per_client = cfg["requests_per_client"] if name == "atlas" else 1
            rounds = cfg["runs"] if name == "atlas" else 1
            p50s, p95s, server_p95s, errors = [], [], [], 0
            for _ in range(rounds):
                res = replay.run_clients(srv.url, jobs, clients=clients, requests_per_client=per_client,
                                         duration_s=cfg["replay_duration_s"] if name == "atlas" else 300,
                                         timeout_s=300)
                s = replay.summary(res.all_latencies())
                p50s.append(s["p50_ms"])
                p95s.append(s["p95_ms"])
                if res.all_server_ms():
                    server_p95s.append(replay.summary(res.all_server_ms())["p95_ms"])
                errors += res.errors
                for ex in res.error_examples:
                    rep.note(f"{name} {kind} replay: {ex}")
            rep.detail(f"{name}_{kind}_replay", {"clients": clients, "requests_per_client": per_client,
                                                 "rounds": rounds, "errors": errors, "p50s": p50s,
                                                 "p95s": p95s, "server_p95s": server_p95s})
            if name == "atlas":  # the same rounds, timed inside the worker (Server-Timing)
                label = "callback" if kind == "filter" else "drilldown"
                rep.set_or_null(f"{label}_server_p95_ms", _median(server_p95s) if server_p95s else None,
                                "the atlas sent no Server-Timing header")
            if name == "atlas":  # one client, one request at a time: service time without queueing
                seq = replay.run_clients(srv.url, jobs, clients=1, duration_s=30,
                                         requests_per_client=min(60, len(jobs) * 2 * cfg["runs"]))
                label = "callback" if kind == "filter" else "drilldown"
                s = replay.summary(seq.all_latencies())
                rep.set_or_null(f"{label}_service_p95_ms", s["p95_ms"], "every sequential request failed")
                rep.detail(f"atlas_{kind}_sequential", s)
                errors += seq.errors
            if kind == "drilldown":
                rep.set_or_null("drilldown_p95_ms", _median(p95s), "every drill-down request failed")
                rep.set_or_null("drilldown_p50_ms", _median(p50s), "every drill-down request failed")
                drill = interact.chain_bytes(got.drilldowns)
                rep.set("drilldown_response_bytes", _median(drill), samples=drill)
                rep.detail("atlas_drilldown_chains", interact.describe(got.drilldowns))
            else:
                rep.set_or_null(prefix + "callback_p50_ms", _median(p50s), "every replayed request failed")
                rep.set_or_null(prefix + "callback_p95_ms", _median(p95s), "every replayed request failed")
                rep.set(prefix + "callback_clients", clients)
            rep.set(f"{prefix}{kind}_errors", errors)


def measure_lighthouse(rep: Report, cfg: dict[str, Any], atlas: servers.Server | None,
                       naive: servers.Server | None) -> None:
    keys = ("performance", "accessibility", "best_practices")
    for name, srv, runs, enabled in (("atlas", atlas, cfg["runs"], cfg["lighthouse"]),
                                     ("naive", naive, 1, cfg["naive_lighthouse"])):
        prefix = "lighthouse_" if name == "atlas" else "naive_lighthouse_"
        if not enabled:
            why = "skipped: --no-lighthouse" if name == "atlas" or not cfg["lighthouse"] \
                else "skipped in --quick (one Lighthouse run of the naive page takes about a minute)"
            for k in keys:
                rep.null(prefix + k, why)
            continue
        reason = lighthouse.available() or (None if srv else f"the {name} server is not running")
        results = []
        for _ in range(runs if not reason else 0):
            try:
                results.append(lighthouse.run(srv.url + "/"))
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                reason = str(exc)
                break
        rep.detail(f"{name}_lighthouse", results)
        for k in keys:
            rep.set_or_null(prefix + k, _median([r[k] for r in results if r[k] is not None]),
                            reason or "Lighthouse scored no run")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"output (default {DEFAULT_JSON})")
    parser.add_argument("--runs", type=int, default=None, help="repetitions for medians (default 3, quick 1)")
    parser.add_argument("--clients", type=int, default=None, help="concurrent clients (default 20, quick 4)")
    parser.add_argument("--quick", action="store_true", help="tiny iterations (the smoke test uses it)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse audits")
    args = parser.parse_args(argv)
    if args.runs is not None and not 1 <= args.runs <= 10:
        parser.error("--runs: expected 1..10")
    if args.clients is not None and not 1 <= args.clients <= 50:
        parser.error("--clients: expected 1..50")
    cfg = _settings(args)
    rep = Report(command=" ".join([Path(sys.executable).name, *sys.argv]), settings=cfg)
    rep.meta.update(python=platform.python_version(), cpus=servers.psutil.cpu_count(),
                    loadavg_start=list(servers.os.getloadavg()))
    tmp = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    atlas = naive = None
    t0 = time.perf_counter()
    try:
        build_dir: Path | None = tmp / "build"
        try:
            from config import build_dir as default_build_dir

            built = offline.measure_build(build_dir, seed=default_build_dir() if args.quick else None)
            rep.set("build_s", built["build_s"])
            rep.detail("build", {"mode": built["mode"], "artifacts": built["artifacts"]})
            if built["mode"] != "cold":
                rep.note(f"build_s is not a cold build: {built['mode']} (--quick)")
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            rep.null("build_s", str(exc))
            build_dir = None  # serve from the default data/build
        rep.lap("build")
        atlas = measure_startup(rep, cfg, tmp, build_dir)
        rep.lap("atlas startup")
        naive = servers.naive_server(servers.free_port(exclude={atlas.port} if atlas else None),
                                     log_path=tmp / "naive.log")
        if naive.start(ready_paths=("/",), timeout_s=120):
            rep.set("naive_startup_s", naive.startup_s)
        else:
            rep.null("naive_startup_s", naive.error or "naive app did not start")
            naive = None
        rep.lap("naive startup")
        got_atlas, got_naive = measure_browser(rep, cfg, atlas, naive)
        rep.lap("browser")
        measure_callbacks(rep, cfg, atlas, naive, got_atlas, got_naive)
        rep.lap("callback replay")
        if atlas:
            workers = atlas.worker_rss_mb()
            rep.set_or_null("rss_mb", max(workers) if workers else None, "no worker process found",
                            samples=[round(w, 1) for w in workers])
            rep.set("workers", len(workers))
            rep.detail("atlas_worker_memory", atlas.worker_memory())
        if naive:
            rep.set("naive_rss_mb", naive.total_rss_mb())
        measure_lighthouse(rep, cfg, atlas, naive)
        rep.lap("lighthouse")
        try:
            ex = offline.measure_export(warm_runs=max(1, cfg["runs"]), build_dir=build_dir)
            rep.set("export_png_ms", _median(ex["warm_ms"]), samples=ex["warm_ms"])
            rep.set("export_png_cold_ms", ex["cold_ms"])
        except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
            rep.null("export_png_ms", str(exc))
        rep.lap("export")
    finally:
        for srv in (atlas, naive):
            if srv:
                srv.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    rep.finish(wall_s=time.perf_counter() - t0, loadavg_end=list(servers.os.getloadavg()))
    print(rep.table())
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rep.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 0


__all__ = ["BUDGETS", "main"]

if __name__ == "__main__":
    sys.exit(main())
