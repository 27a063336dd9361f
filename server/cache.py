"""The response cache: in-process by default, Redis when configured, so that workers hold no per-user state.

Configuration (:mod:`config` names and reads the environment; the cache is built once per process):

- ``ATLAS_CACHE`` unset, empty or ``local``: a bounded in-process LRU (per gunicorn worker).
- ``ATLAS_CACHE=redis://HOST:PORT/DB`` (or ``rediss://``, ``unix://``): one cache shared by every worker and
  every machine behind a load balancer.
- ``ATLAS_CACHE=off``: no caching (every call computes).
- ``ATLAS_CACHE_TTL`` (seconds, default 3600) and ``ATLAS_CACHE_MAX_MB`` (local cache size, default 64).

Only values that are pure functions of the view are cached (PNG exports keyed by the canonical query, the
chart and the size), and every key carries :func:`data_version`, a fingerprint of the catalog, the sources
and the build artifacts, so a rebuild never serves a stale image. A cache that fails (Redis down) logs a
warning and falls back to computing: caching never breaks a request.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Protocol

import config

log = logging.getLogger(__name__)

DEFAULT_MAX_MB = config.DEFAULT_CACHE_MAX_MB
MAX_VALUE_BYTES = 16 * 1024 * 1024  # larger values are computed but never stored
KEY_PREFIX = "atlas:v1:"
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


class Cache(Protocol):
    """What the callbacks need from a cache: bytes in, bytes out, failures are misses."""

    kind: str

    def get(self, key: str) -> bytes | None: ...

    def set(self, key: str, value: bytes, ttl: int) -> None: ...


class NullCache:
    """``ATLAS_CACHE=off``: never stores anything."""

    kind = "off"

    def get(self, key: str) -> bytes | None:
        return None

    def set(self, key: str, value: bytes, ttl: int) -> None:
        return None


class LocalCache:
    """A thread-safe LRU of at most ``max_bytes`` (per process; TTL is ignored: data only changes on rebuild,
    and the key carries the data version)."""

    kind = "local"

    def __init__(self, max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes={max_bytes}: expected a positive number of bytes")
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def set(self, key: str, value: bytes, ttl: int) -> None:
        if len(value) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._items[key] = value
            self._size += len(value)
            while self._size > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    @property
    def size(self) -> int:
        """Bytes held."""
        return self._size


class RedisCache:
    """A Redis-backed cache (``redis-py``; its connection pool reconnects after gunicorn forks)."""

    kind = "redis"

    def __init__(self, url: str, *, timeout_s: float = 1.0) -> None:
        import redis

        self.url = url
        self._client = redis.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)

    def get(self, key: str) -> bytes | None:
        try:
            value = self._client.get(key)
        except Exception as exc:  # any Redis failure is a miss, never a failed request
            log.warning("cache: redis get failed (%s); computing instead", type(exc).__name__)
            return None
        if value is None:
            return None
        return value if isinstance(value, bytes) else str(value).encode("utf-8")

    def set(self, key: str, value: bytes, ttl: int) -> None:
        try:
            self._client.set(key, value, ex=max(1, int(ttl)))
        except Exception as exc:
            log.warning("cache: redis set failed (%s); value not cached", type(exc).__name__)

    def ping(self) -> bool:
        """True if the server answers."""
        try:
            return bool(self._client.ping())
        except Exception:
            return False


def cache_from_config(url: str | None = None, *, max_mb: float | None = None) -> Cache:
    """Build the cache that ``url`` (default: :func:`config.cache_url`, ``$ATLAS_CACHE``) asks for.

    Raises
    ------
    ValueError
        If ``url`` is neither ``local``, ``off`` nor a ``redis://``/``rediss://``/``unix://`` URL, or the
        size is not a positive number.
    """
    spec = config.cache_url() if url is None else url.strip()
    if spec in ("", "local"):
        mb = config.cache_max_mb() if max_mb is None else max_mb
        if not mb > 0:
            raise ValueError(f"{config.ENV_CACHE_MAX_MB}={mb}: expected a positive number of megabytes")
        return LocalCache(int(mb * 1024 * 1024))
    if spec == "off":
        return NullCache()
    if spec.startswith(_REDIS_SCHEMES):
        return RedisCache(spec)
    raise ValueError(f"{config.ENV_CACHE}={spec!r}: expected 'local', 'off' or a redis:// URL "
                     "such as redis://127.0.0.1:6379/0")


_lock = threading.Lock()
_current: Cache | None = None


def get_cache() -> Cache:
    """The process's cache, built from the environment on first use."""
    global _current
    if _current is None:
        with _lock:
            if _current is None:
                _current = cache_from_config()
                log.info("cache: %s", describe(_current))
    return _current


def set_cache(new: Cache | None) -> None:
    """Replace the process's cache (``None``: rebuild from the environment on next use). For tests."""
    global _current
    with _lock:
        _current = new


def describe(c: Cache) -> str:
    """A log line for the cache, without credentials."""
    if isinstance(c, RedisCache):
        from urllib.parse import urlsplit

        parts = urlsplit(c.url)
        host = parts.hostname or parts.path
        return f"redis at {host}{':' + str(parts.port) if parts.port else ''}"
    return c.kind


def cache_key(namespace: str, parts: Iterable[object]) -> str:
    """A key for ``parts`` under ``namespace``, scoped to the current :func:`data_version`."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:32]
    return f"{KEY_PREFIX}{data_version()}:{namespace}:{digest}"


def cached_bytes(namespace: str, parts: Iterable[object], compute: Callable[[], bytes],
                 *, ttl: int | None = None) -> bytes:
    """Return the cached value for ``parts`` or compute, store and return it.

    Exceptions from ``compute`` propagate and nothing is stored.
    """
    c = get_cache()
    key = cache_key(namespace, list(parts))
    hit = c.get(key)
    if hit is not None:
        return hit
    value = compute()
    if len(value) <= MAX_VALUE_BYTES:
        c.set(key, value, ttl if ttl is not None else int(config.cache_ttl_s()))
    return value


@cache
def data_version() -> str:
    """A short fingerprint of every input the views depend on: the names and contents of the catalog, the
    sources, the reference statistics and the build artifacts (about 1 MB, hashed once per process: data
    changes mean a rebuild and a restart). Content, not mtimes, so that machines sharing one Redis agree."""
    from config import CATALOG_DIR, REFERENCE_DIR, SOURCES_DIR, build_dir
    from server.artifacts import STAMP

    h = hashlib.sha256()
    stamp = build_dir() / STAMP
    for folder in (CATALOG_DIR, SOURCES_DIR, REFERENCE_DIR, build_dir()):
        for path in _files(folder):
            if path == stamp:
                continue  # the start-up check's record of the artifacts, not an input of any view
            h.update(f"{path.relative_to(folder).as_posix()}\x1f".encode())
            try:
                h.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                h.update(b"unreadable")
    return h.hexdigest()[:16]


def _files(folder: Path) -> list[Path]:
    """Files under ``folder``, without hidden ones (a build's temporary files start with a dot)."""
    try:
        return sorted(p for p in folder.rglob("*") if p.is_file()
                      and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    except OSError:
        return []

