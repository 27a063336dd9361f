"""Concurrent HTTP clients on loopback, bounded in count and time, with latency percentiles.

Each client is a thread with its own ``requests.Session`` (keep-alive, like a browser tab) that works
through a list of jobs round-robin until its request budget or the deadline is reached. Latency is
measured in the client around one request, over loopback: an upper bound of the server-side time.
Where the app sends ``Server-Timing: app;dur=...`` (the atlas does, see ``callbacks/timing.py``), the
time spent inside the worker is recorded too.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import requests

from server.timing import server_ms

HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip, deflate, br, zstd"}


@dataclass(frozen=True)
class Job:
    """One request: ``kind`` labels it in the results (e.g. ``filter``, ``drilldown``, ``page``)."""

    kind: str
    method: str
    path: str
    body: str | None = None


@dataclass
class Result:
    """Latencies (ms) by kind, error count with a few examples, bytes received."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    server_ms: dict[str, list[float]] = field(default_factory=dict)  # Server-Timing app;dur, where sent
    errors: int = 0
    error_examples: list[str] = field(default_factory=list)
    bytes_received: int = 0
    requests: int = 0
    wall_s: float = 0.0

    def all_latencies(self) -> list[float]:
        return [x for xs in self.latencies.values() for x in xs]

    def all_server_ms(self) -> list[float]:
        return [x for xs in self.server_ms.values() for x in xs]


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100) by linear interpolation; ``None`` for no values."""
    if not values:
        return None
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def run_clients(base_url: str, jobs: Sequence[Job], *, clients: int, requests_per_client: int,
                duration_s: float, timeout_s: float = 60.0, stagger: bool = True) -> Result:
    """Run ``clients`` threads, each doing up to ``requests_per_client`` jobs within ``duration_s``.

    A response that is not 2xx, or a connection error or time-out, counts as an error.
    """
    if not base_url.startswith(("http://127.", "http://localhost")):
        raise ValueError(f"base_url={base_url!r}: benchmarks only talk to loopback")
    if not jobs:
        raise ValueError("jobs: expected at least one request to replay")
    result = Result()
    lock = threading.Lock()
    deadline = time.monotonic() + duration_s
    start = threading.Barrier(clients)

    def client(idx: int) -> None:
        session = requests.Session()
        lat: dict[str, list[float]] = {}
        server: dict[str, list[float]] = {}
        errors: list[str] = []
        received = sent = 0
        start.wait()
        offset = idx if stagger else 0
        for n in range(requests_per_client):
            if time.monotonic() >= deadline:
                break
            job = jobs[(offset + n) % len(jobs)]
            t0 = time.perf_counter()
            try:
                resp = session.request(job.method, base_url + job.path, data=job.body, headers=HEADERS,
                                       timeout=timeout_s)
                content = resp.content
                ms = (time.perf_counter() - t0) * 1000
                sent += 1
                if 200 <= resp.status_code < 300:
                    lat.setdefault(job.kind, []).append(ms)
                    in_server = server_ms(resp.headers.get("Server-Timing"))
                    if in_server is not None:
                        server.setdefault(job.kind, []).append(in_server)
                    received += int(resp.raw.tell() or len(content))
                else:
                    errors.append(f"{job.kind} {job.path}: HTTP {resp.status_code} {content[:120]!r}")
            except requests.RequestException as exc:
                sent += 1
                errors.append(f"{job.kind} {job.path}: {type(exc).__name__}")
        session.close()
        with lock:
            for kind, xs in lat.items():
                result.latencies.setdefault(kind, []).extend(xs)
            for kind, xs in server.items():
                result.server_ms.setdefault(kind, []).extend(xs)
            result.errors += len(errors)
            result.error_examples.extend(errors[: max(0, 5 - len(result.error_examples))])
            result.bytes_received += received
            result.requests += sent

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration_s + timeout_s + 5)
    result.wall_s = time.perf_counter() - t0
    return result


def summary(values: Sequence[float]) -> dict[str, Any]:
    """n, p50, p95, max of a list of latencies (ms), rounded to 0.1 ms."""
    def r(x: float | None) -> float | None:
        return None if x is None else round(x, 1)

    return {"n": len(values), "p50_ms": r(percentile(values, 50)), "p95_ms": r(percentile(values, 95)),
            "max_ms": r(max(values) if values else None)}
