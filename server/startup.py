"""Readiness: checks before the atlas serves anyone (valid inputs, sound build artifacts, a usable
configuration) and the ``/healthz`` answer built from them.

:func:`ensure_ready` runs once in the server's master process (``serve()`` calls it before gunicorn
forks):

- the catalog (``data/catalog/*.csv``) and the reference statistics are validated; if either is invalid the
  server **refuses to start** and prints every problem with its file, row and column;
- each build artifact in :func:`config.build_dir` is checked (:mod:`server.artifacts`); a missing one is
  built, a corrupt one (truncated JSON, a CSV without its header, ...) is rebuilt from scratch; if that
  fails the server refuses to start and says which file and why;
- ``ATLAS_CACHE`` must be a setting :mod:`server.cache` understands (an unreachable Redis only warns:
  the cache falls back to computing).

:func:`health` answers ``/healthz`` from the same checks, cheaply (file presence per request, the full
check once per process).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from server.artifacts import ARTIFACTS, check_artifacts, repair_artifacts

log = logging.getLogger(__name__)


class StartupError(RuntimeError):
    """The atlas cannot serve; ``problems`` lists every reason (file, row, column where known)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("refusing to start:\n" + "\n".join(f"  - {p}" for p in self.problems))


@dataclass
class Report:
    """What :func:`ensure_ready` found and did."""

    catalog: list[str] = field(default_factory=list)  # problems, empty = ok
    artifacts: list[str] = field(default_factory=list)
    config: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.catalog or self.artifacts or self.config)


# --- inputs and configuration ----------------------------------------------------------------------

def check_catalog(catalog_dir: str | Path | None = None, sources_dir: str | Path | None = None) -> list[str]:
    """Problems in the catalog, one ``"file, row N, column 'c': message"`` line each (empty = valid)."""
    from data.catalog import CatalogError, load_catalog

    try:
        load_catalog(catalog_dir, sources_dir)
    except CatalogError as exc:
        return [str(issue) for issue in exc.issues]
    return []


def check_reference(path: str | Path | None = None) -> list[str]:
    """Problems in the reference statistics (same format as :func:`check_catalog`)."""
    from data.reference import ReferenceDataError, load_indicators

    try:
        load_indicators(path)
    except ReferenceDataError as exc:
        return [str(issue) for issue in exc.issues]
    except FileNotFoundError as exc:
        return [str(exc)]
    return []


def check_config() -> tuple[list[str], list[str]]:
    """(problems, warnings) of the environment settings."""
    from config import ENV_CACHE
    from server import cache

    try:
        c = cache.cache_from_config()
    except ValueError as exc:
        return [str(exc)], []
    warnings = []
    if isinstance(c, cache.RedisCache) and not c.ping():
        warnings.append(f"{ENV_CACHE}: {cache.describe(c)} does not answer; caching falls back to "
                        "computing every time")
    return [], warnings


# --- the whole check ---------------------------------------------------------------------------------

_lock = threading.Lock()
_last: Report | None = None


def ensure_ready(*, rebuild: bool = True, catalog_dir: str | Path | None = None,
                 sources_dir: str | Path | None = None) -> Report:
    """Run every check; build or rebuild bad artifacts when ``rebuild``.

    Raises
    ------
    StartupError
        Listing every problem that stops the atlas from serving correctly.
    """
    global _last
    report = Report()
    report.catalog = check_catalog(catalog_dir, sources_dir) + check_reference()
    report.config, report.warnings = check_config()
    bad = check_artifacts()
    if bad and rebuild and not report.catalog:
        try:
            report.rebuilt = repair_artifacts(bad)
        except Exception as exc:  # the build's own error names the file; keep it for the report
            log.exception("startup: rebuilding the artifacts failed")
            report.artifacts.append(f"rebuilding failed: {type(exc).__name__}: {exc}")
        bad = check_artifacts()
    from config import build_dir

    report.artifacts += [f"{build_dir() / name}: {problem}" for name, problem in bad.items()]
    for warning in report.warnings:
        log.warning("startup: %s", warning)
    with _lock:
        _last = report
    if not report.ok:
        raise StartupError(report.catalog + report.artifacts + report.config)
    return report


def ensure_ready_once() -> Report:
    """:func:`ensure_ready`, unless this process has already passed it (``serve()`` checks in gunicorn's
    master before forking; a worker that loads ``app:create_app()`` itself checks here).

    Raises
    ------
    StartupError
        As :func:`ensure_ready`.
    """
    with _lock:
        report = _last
    if report is not None and report.ok:
        return report
    return ensure_ready()


def health() -> tuple[dict[str, Any], int]:
    """The ``/healthz`` document and status: 200 when the inputs were valid at start and every artifact is
    still in place, else 503 naming what is not ok (without paths or internals)."""
    from config import build_dir

    with _lock:
        report = _last
    if report is None:  # not started through serve(): validate once, never rebuild from a request
        try:
            report = ensure_ready(rebuild=False)
        except StartupError:
            with _lock:
                report = _last
    assert report is not None
    folder = build_dir()
    present = all((folder / a.name).exists() for a in ARTIFACTS)
    catalog_ok = not report.catalog
    artifacts_ok = not report.artifacts and present
    ok = catalog_ok and artifacts_ok and not report.config
    from server.cache import get_cache

    document = {
        "status": "ok" if ok else "error",
        "catalog": "ok" if catalog_ok else "invalid",
        "artifacts": "ok" if artifacts_ok else ("missing" if not present else "invalid"),
        "cache": get_cache().kind if not report.config else "invalid",
    }
    return document, 200 if ok else 503


def reset() -> None:
    """Forget the last report (tests)."""
    global _last
    with _lock:
        _last = None
