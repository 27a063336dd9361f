"""Fixtures for the operations tests: real servers on loopback ports 8090-8099, stopped after use.

- ``ops``: helpers (``free_port()`` in 8090-8099, the range the ops tests own; ``stop``; ``server_log``).
- ``redis_url``: a throw-away Debian ``redis-server`` (no persistence) -> ``redis://127.0.0.1:N/0``.
- ``atlas_gunicorn``: ``python app.py serve`` (gunicorn, default workers, ``ATLAS_CACHE=redis_url``) -> URL.
  The app runs in its own process: Dash's global ``@callback`` registry can feed only one app per process,
  and the dashboard tests build theirs in this one.
- ``chromium``: from ``tests/conftest.py`` (shared by every test folder).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8090, 8100)
_taken: set[int] = set()


def free_port() -> int:
    """A port in 8090-8099 that nothing listens on (and that this session has not handed out)."""
    for port in PORTS:
        if port in _taken:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _taken.add(port)
        return port
    pytest.fail("no free port in 8090-8099 on 127.0.0.1: stop whatever listens there")


def release_port(port: int) -> None:
    _taken.discard(port)


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Stop a process this session started: SIGTERM, then SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    """Wait until ``url`` answers (any status) or the process exits."""
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode} before answering {url}")
        try:
            requests.get(url, timeout=10)
            return
        except (requests.ConnectionError, requests.Timeout):  # not listening yet, or the worker is booting
            time.sleep(0.25)
    raise AssertionError(f"no answer from {url} within {timeout:.0f} s")


def start_redis(port: int) -> subprocess.Popen:
    """A redis-server on 127.0.0.1:``port`` without persistence, answering PING."""
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is missing: install Debian's redis-server (apt-get install redis-server), "
                    "or run `make sysdeps`")
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--protected-mode", "yes", "--loglevel", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"redis-server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if client.ping():
                return proc
        except redis.ConnectionError:
            time.sleep(0.1)
    stop(proc)
    raise AssertionError(f"redis-server on port {port} did not answer PING within 15 s")


@pytest.fixture(scope="session")
def redis_server() -> Iterator[tuple[subprocess.Popen, int]]:
    port = free_port()
    proc = start_redis(port)
    try:
        yield proc, port
    finally:
        stop(proc)
        release_port(port)


@pytest.fixture(scope="session")
def redis_url(redis_server: tuple[subprocess.Popen, int]) -> str:
    return f"redis://127.0.0.1:{redis_server[1]}/0"


def serve_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("ATLAS_CACHE", None)
    env.update(extra)
    env["PYTHONUNBUFFERED"] = "1"
    return env


@pytest.fixture(scope="session")
def atlas_gunicorn(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python app.py serve`` on a free port (default host and workers) with the Redis cache -> base URL.

    Its stdout and stderr go to a file that the ``ops`` fixture's ``server_log(base)`` reads."""
    port = free_port()
    folder = tmp_path_factory.mktemp("gunicorn")
    with open(folder / "stdout.log", "wb") as out, open(folder / "stderr.log", "wb") as err:
        # default host and worker count: what `make run` does
        proc = subprocess.Popen(
            [sys.executable, "app.py", "serve", "--port", str(port)],
            cwd=ROOT, env=serve_env(ATLAS_CACHE=redis_url), stdout=out, stderr=err,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    _servers[base] = (proc, folder)
    try:
        wait_http(base + "/healthz", proc)
        yield base
    finally:
        stop(proc)
        release_port(port)


_servers: dict[str, tuple[subprocess.Popen, Path]] = {}


def server_log(base: str, stream: str = "stderr") -> str:
    """What the server started by ``atlas_gunicorn`` wrote to ``stream`` (stdout or stderr) so far."""
    return (_servers[base][1] / f"{stream}.log").read_text(encoding="utf-8", errors="replace")


def server_pid(base: str) -> int:
    """The gunicorn master's process id."""
    return _servers[base][0].pid


@pytest.fixture(scope="session")
def ops() -> SimpleNamespace:
    """The helpers above, for tests (conftest modules cannot be imported under importlib mode)."""
    return SimpleNamespace(free_port=free_port, release_port=release_port, stop=stop, wait_http=wait_http,
                           start_redis=start_redis, serve_env=serve_env, server_log=server_log,
                           server_pid=server_pid, root=ROOT)

