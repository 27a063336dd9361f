"""The cache switch: a bounded local LRU by default, a real Debian redis-server when ATLAS_CACHE says so."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import config
from server import cache


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(config.ENV_CACHE, raising=False)
    cache.set_cache(None)
    yield
    cache.set_cache(None)


def test_default_is_a_bounded_local_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(cache.get_cache(), cache.LocalCache)
    monkeypatch.setenv(config.ENV_CACHE, "local")
    monkeypatch.setenv(config.ENV_CACHE_MAX_MB, "2")
    c = cache.cache_from_config()
    assert isinstance(c, cache.LocalCache) and c.max_bytes == 2 * 1024 * 1024
    assert isinstance(cache.cache_from_config("off"), cache.NullCache)
    assert isinstance(cache.cache_from_config("redis://127.0.0.1:1/0"), cache.RedisCache)


@pytest.mark.parametrize("bad", ["memcached://x", "127.0.0.1:6379", "yes"])
def test_a_bad_setting_names_the_variable(bad: str) -> None:
    with pytest.raises(ValueError, match=r"ATLAS_CACHE=.*expected 'local', 'off' or a redis://"):
        cache.cache_from_config(bad)


def test_bad_size_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.ENV_CACHE_MAX_MB, "lots")
    with pytest.raises(ValueError, match="ATLAS_CACHE_MAX_MB"):
        cache.cache_from_config("local")
    with pytest.raises(ValueError, match="ATLAS_CACHE_MAX_MB"):
        cache.cache_from_config("local", max_mb=0)


def test_local_lru_evicts_the_least_recently_used_by_bytes() -> None:
    c = cache.LocalCache(max_bytes=10)
    c.set("a", b"1234", 60)
    c.set("b", b"5678", 60)
    assert c.get("a") == b"1234"  # a is now the most recent
    c.set("c", b"90ab", 60)  # 12 bytes > 10: b goes
    assert c.get("b") is None and c.get("a") == b"1234" and c.get("c") == b"90ab"
    assert c.size == 8
    c.set("huge", b"x" * 11, 60)  # larger than the whole cache: not stored, nothing evicted
    assert c.get("huge") is None and c.size == 8
    c.set("a", b"12", 60)  # replacing a value frees its old size
    assert c.size == 6


def test_local_cache_is_thread_safe() -> None:
    c = cache.LocalCache(max_bytes=1000)

    def work(n: int) -> None:
        for i in range(500):
            c.set(f"{n}-{i % 50}", bytes(10), 60)
            c.get(f"{(n + 1) % 8}-{i % 50}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert c.size <= 1000 and c.size == 10 * len(c._items)


def test_cached_bytes_computes_once_and_keys_by_parts_and_data_version() -> None:
    calls: list[str] = []

    def compute(tag: str) -> bytes:
        calls.append(tag)
        return tag.encode()

    assert cache.cached_bytes("png", ("?indicator=gdp", "map"), lambda: compute("a")) == b"a"
    assert cache.cached_bytes("png", ("?indicator=gdp", "map"), lambda: compute("b")) == b"a"
    assert cache.cached_bytes("png", ("?indicator=area", "map"), lambda: compute("c")) == b"c"
    assert calls == ["a", "c"]
    key = cache.cache_key("png", ("?indicator=gdp", "map"))
    assert key.startswith(f"{cache.KEY_PREFIX}{cache.data_version()}:png:")
    assert len(cache.data_version()) == 16


def test_a_failing_computation_is_not_stored() -> None:
    def boom() -> bytes:
        raise RuntimeError("renderer died")

    with pytest.raises(RuntimeError, match="renderer died"):
        cache.cached_bytes("png", ("x",), boom)
    assert cache.cached_bytes("png", ("x",), lambda: b"ok") == b"ok"


def test_off_never_stores() -> None:
    cache.set_cache(cache.NullCache())
    calls = []
    for _ in range(2):
        cache.cached_bytes("png", ("y",), lambda: calls.append(1) or b"v")
    assert len(calls) == 2


# --- Redis, against a real redis-server ------------------------------------------------------------

def test_redis_round_trip_and_ttl(redis_url: str) -> None:
    c = cache.cache_from_config(redis_url)
    assert isinstance(c, cache.RedisCache) and c.ping()
    c.set("atlas:test:rt", b"\x89PNG bytes", 60)
    assert c.get("atlas:test:rt") == b"\x89PNG bytes"
    c.set("atlas:test:ttl", b"short", 1)
    assert c.get("atlas:test:ttl") == b"short"
    time.sleep(2.1)
    assert c.get("atlas:test:ttl") is None
    assert cache.describe(c).startswith("redis at 127.0.0.1:")


def test_redis_is_shared_between_processes(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """What one worker renders, another serves: a separate Python process fills the cache, this one hits."""
    monkeypatch.setenv(config.ENV_CACHE, redis_url)
    parts = ("?indicator=area", "ranking", 1200, 800, 2.0, time.time())
    code = (
        "import sys; from server import cache\n"
        f"v = cache.cached_bytes('png', {parts!r}, lambda: b'from-the-other-process')\n"
        "assert isinstance(cache.get_cache(), cache.RedisCache), cache.get_cache()\n"
        "sys.stdout.write(v.decode())\n"
    )
    from config import ROOT

    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={**__import__("os").environ, config.ENV_CACHE: redis_url})
    assert out.returncode == 0, out.stderr
    assert out.stdout == "from-the-other-process"
    assert isinstance(cache.get_cache(), cache.RedisCache)
    got = cache.cached_bytes("png", parts, lambda: pytest.fail("should have been a Redis hit"))
    assert got == b"from-the-other-process"


def test_redis_down_means_compute_not_fail(ops, caplog: pytest.LogCaptureFixture) -> None:
    port = ops.free_port()
    proc = ops.start_redis(port)
    c = cache.RedisCache(f"redis://127.0.0.1:{port}/0", timeout_s=0.5)
    cache.set_cache(c)
    try:
        assert cache.cached_bytes("png", ("z",), lambda: b"1") == b"1"
        assert cache.cached_bytes("png", ("z",), lambda: b"2") == b"1"  # a hit while the server is up
    finally:
        ops.stop(proc)
        ops.release_port(port)
    with caplog.at_level("WARNING", logger="server.cache"):
        assert cache.cached_bytes("png", ("z",), lambda: b"3") == b"3"
    assert "redis get failed" in caplog.text and "redis set failed" in caplog.text


def test_data_version_ignores_the_startup_stamp_but_not_the_artifacts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers, and machines sharing one Redis, must agree on the key whether or not their start-up check
    has (re)written its stamp."""
    from server.artifacts import STAMP

    monkeypatch.setenv("ATLAS_BUILD_DIR", str(tmp_path))
    (tmp_path / "provinces.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    try:
        cache.data_version.cache_clear()
        before = cache.data_version()
        (tmp_path / STAMP).write_text('{"provinces.geojson": "abc"}')
        cache.data_version.cache_clear()
        assert cache.data_version() == before
        (tmp_path / "provinces.geojson").write_text('{"type": "FeatureCollection", "features": [1]}')
        cache.data_version.cache_clear()
        assert cache.data_version() != before
    finally:
        cache.data_version.cache_clear()
