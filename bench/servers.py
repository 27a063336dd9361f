"""Start, time, measure and stop the servers a benchmark talks to, on loopback only.

Every process started here is tracked by its pid and ended by :meth:`Server.stop` (its whole process
group), so a benchmark never leaves a server behind, even when a measurement fails.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
#: Ports this project's benchmarks may use (the team agreed on 8070-8089).
PORT_RANGE = range(8070, 8090)


def free_port(exclude: set[int] | None = None) -> int:
    """Return a port of :data:`PORT_RANGE` nobody listens on (and not in ``exclude``)."""
    for port in PORT_RANGE:
        if exclude and port in exclude:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORT_RANGE.start}-{PORT_RANGE.stop - 1} on {HOST}")


@dataclass
class Server:
    """A server process started by a benchmark; ``url`` is its loopback base URL."""

    name: str
    argv: list[str]
    port: int
    env: dict[str, str] = field(default_factory=dict)
    log_path: Path | None = None
    proc: subprocess.Popen | None = None
    startup_s: float | None = None
    error: str | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, *, ready_paths: tuple[str, ...] = ("/healthz", "/"), timeout_s: float = 90.0) -> bool:
        """Start the process and wait until one of ``ready_paths`` answers 200.

        Sets :attr:`startup_s` (process start to first 200) or :attr:`error`; returns whether it is up.
        """
        log = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            self.argv, cwd=ROOT, env={**os.environ, **self.env}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: stop() ends gunicorn's workers too
        )
        deadline = t0 + timeout_s
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                self.error = f"{self.name} exited with code {self.proc.returncode} before answering"
                return False
            for path in ready_paths:
                try:
                    if requests.get(self.url + path, timeout=2).status_code == 200:
                        self.startup_s = time.perf_counter() - t0
                        return True
                except requests.RequestException:
                    pass
            time.sleep(0.05)
        self.error = f"{self.name} did not answer 200 on {ready_paths} within {timeout_s:.0f} s"
        self.stop()
        return False

    def processes(self) -> list[psutil.Process]:
        """The server process and its children (gunicorn master and workers)."""
        if self.proc is None or self.proc.poll() is not None:
            return []
        try:
            root = psutil.Process(self.proc.pid)
            return [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def worker_rss_mb(self) -> list[float]:
        """RSS of each worker in MB (the children; the process itself when it has none)."""
        procs = self.processes()
        workers = procs[1:] or procs[:1]
        out = []
        for p in workers:
            try:
                out.append(p.memory_info().rss / 2**20)
            except psutil.NoSuchProcess:
                continue
        return out

    def worker_memory(self) -> list[dict[str, float]]:
        """Per worker: RSS, PSS (the preloaded app's shared pages split fairly) and USS (not counted)."""
        procs = self.processes()
        out = []
        for p in procs[1:] or procs[:1]:
            try:
                full = p.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            out.append({"pid": p.pid, "rss_mb": round(full.rss / 2**20, 1),
                        "pss_mb": round(getattr(full, "pss", 0) / 2**20, 1),
                        "uss_mb": round(full.uss / 2**20, 1)})
        return out

    def total_rss_mb(self) -> float:
        """RSS of the process and all its children, in MB."""
        total = 0.0
        for p in self.processes():
            try:
                total += p.memory_info().rss / 2**20
            except psutil.NoSuchProcess:
                continue
        return total

    def stop(self, timeout_s: float = 10.0) -> None:
        """End the process group this server started (SIGTERM, then SIGKILL)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=timeout_s)
        except ProcessLookupError:
            pass

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def atlas_server(port: int, *, workers: int | None = None, log_path: Path | None = None) -> Server:
    """The atlas under its production server: ``python app.py serve --port P`` (gunicorn)."""
    argv = [PYTHON, "app.py", "serve", "--host", HOST, "--port", str(port)]
    if workers:
        argv += ["--workers", str(workers)]
    return Server("atlas", argv, port, log_path=log_path)


def naive_server(port: int, *, log_path: Path | None = None) -> Server:
    """The naive baseline (``bench/naive_app.py``) under Flask's development server."""
    argv = [PYTHON, str(ROOT / "bench" / "naive_app.py"), "--host", HOST, "--port", str(port)]
    return Server("naive", argv, port, log_path=log_path)
