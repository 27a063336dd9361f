"""Checks before the atlas serves anyone: valid inputs, sound build artifacts, a usable configuration.

:func:`ensure_ready` runs once in the server's master process (``serve()`` calls it before gunicorn
forks):

- the catalog (``data/catalog/*.csv``) and the reference statistics are validated; if either is invalid the
  server **refuses to start** and prints every problem with its file, row and column;
- each build artifact in :func:`config.build_dir` is opened and checked for shape; a missing one is
  built, a corrupt one (truncated JSON, a CSV without its header, ...) is rebuilt from scratch; if that
  fails the server refuses to start and says which file and why;
- ``ATLAS_CACHE`` must be a setting :mod:`server.cache` understands (an unreachable Redis only warns:
  the cache falls back to computing).

:func:`health` answers ``/healthz`` from the same checks, cheaply (file presence per request, the full
check once per process).
"""

from __future__ import annotations

import csv
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MIN_PROVINCES = 31  # the 31 mainland provincial units at least (the build writes 34)


class StartupError(RuntimeError):
    """The atlas cannot serve; ``problems`` lists every reason (file, row, column where known)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("refusing to start:\n" + "\n".join(f"  - {p}" for p in self.problems))


class ArtifactError(ValueError):
    """A build artifact is unreadable or has the wrong shape (the message says how)."""


@dataclass(frozen=True)
class Artifact:
    """A file the build writes and the app reads."""

    name: str
    check: Callable[[Path], None]  # raises ArtifactError (or FileNotFoundError) for a bad file
    step: str  # "geo" (geo.build.build) or "mentions" (data.extract.corpus.build_mentions)


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


# --- artifact checks -------------------------------------------------------------------------------

def _feature_collection(path: Path, *, min_features: int, keys: tuple[str, ...], ids: bool = False) -> None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError, RecursionError) as exc:
        detail = f"{type(exc).__name__}: {str(exc)[:120]}"
        raise ArtifactError(f"{path.name}: not readable JSON ({detail})") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(
            doc.get("features"), list):
        raise ArtifactError(f"{path.name}: expected a GeoJSON FeatureCollection")
    features = doc["features"]
    if len(features) < min_features:
        raise ArtifactError(f"{path.name}: {len(features)} features, expected at least {min_features}")
    for i, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict) or not isinstance(feature.get("geometry"), dict):
            raise ArtifactError(f"{path.name}: feature {i} has no properties or geometry")
        missing = [k for k in keys if k not in props]
        if missing:
            raise ArtifactError(f"{path.name}: feature {i} lacks {', '.join(missing)}")
        if ids and "id" not in feature:
            raise ArtifactError(f"{path.name}: feature {i} has no id")


def _check_provinces(path: Path) -> None:
    _feature_collection(path, min_features=MIN_PROVINCES, keys=("adcode", "name_zh", "name_en"), ids=True)


def _check_prefectures(path: Path) -> None:
    _feature_collection(path, min_features=300, keys=("adcode", "parent_adcode"))


def _check_prefectures_national(path: Path) -> None:
    _feature_collection(path, min_features=300, keys=("adcode",))


def _check_prefecture_dir(path: Path) -> None:
    """One drill-down file per province of ``provinces.geojson`` (checked first)."""
    if not path.is_dir():
        raise FileNotFoundError(path)
    try:
        provinces = json.loads((path.parent / "provinces.geojson").read_text(encoding="utf-8"))["features"]
        codes = [str(f["id"]) for f in provinces]
    except (OSError, ValueError, KeyError, TypeError):
        return  # reported for provinces.geojson
    for code in codes:
        try:
            _feature_collection(path / f"{code}.geojson", min_features=1, keys=("adcode",))
        except FileNotFoundError:
            raise ArtifactError(f"{path.name}/{code}.geojson: missing") from None
        except ArtifactError as exc:
            raise ArtifactError(f"{path.name}/{exc}") from None


def _check_border(path: Path) -> None:
    _feature_collection(path, min_features=1, keys=("kind",))


def _check_geo_meta(path: Path) -> None:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"{path.name}: not readable JSON ({type(exc).__name__})") from None
    if not isinstance(meta, dict) or "fingerprint" not in meta:
        raise ArtifactError(f"{path.name}: expected a JSON object with a fingerprint")


def _check_mentions(path: Path) -> None:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header:
                raise ArtifactError(f"{path.name}: empty file, expected a CSV header")
            expected = _mentions_columns()
            if expected and tuple(header) != expected:
                raise ArtifactError(f"{path.name}: header {','.join(header)[:80]!r} is not the expected "
                                    f"{','.join(expected)[:80]!r}")
            for n, row in enumerate(reader, start=2):
                if len(row) != len(header):
                    raise ArtifactError(f"{path.name}: row {n} has {len(row)} cells, "
                                        f"the header {len(header)}")
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ArtifactError(f"{path.name}: not readable UTF-8 CSV ({type(exc).__name__})") from None


def _mentions_columns() -> tuple[str, ...]:
    try:
        from data.extract.corpus import COLUMNS
    except ImportError:
        return ()
    return tuple(COLUMNS)


# In check order (the drill-down folder is checked against provinces.geojson); geo_meta.json, written last
# by the geometry build, marks a complete build.
ARTIFACTS: tuple[Artifact, ...] = (
    Artifact("provinces.geojson", _check_provinces, "geo"),
    Artifact("prefectures.geojson", _check_prefectures, "geo"),
    Artifact("prefectures_national.geojson", _check_prefectures_national, "geo"),
    Artifact("prefectures", _check_prefecture_dir, "geo"),
    Artifact("border.geojson", _check_border, "geo"),
    Artifact("geo_meta.json", _check_geo_meta, "geo"),
    Artifact("mentions.csv", _check_mentions, "mentions"),
)


STAMP = "artifacts_checked.json"  # digests of the artifacts as they last passed every check


def check_artifacts(build_dir: Path | None = None, *, trust_stamp: bool = True) -> dict[str, str]:
    """Check every artifact; return ``{name: problem}`` ("missing" or what is wrong) for the bad ones.

    Parsing every file takes most of a second, so a full check that passes records a SHA-256 of each
    artifact in ``artifacts_checked.json``; while the files still hash the same (``trust_stamp``), they are
    the files that passed and are not parsed again. Any change — a rebuild, a truncated or edited file —
    changes a digest and brings back the full check.
    """
    from config import build_dir as default_dir

    folder = build_dir if build_dir is not None else default_dir()
    digests = _digests(folder)
    if trust_stamp and digests is not None and _read_stamp(folder) == digests:
        return {}
    bad: dict[str, str] = {}
    for artifact in ARTIFACTS:
        path = folder / artifact.name
        try:
            artifact.check(path)
        except FileNotFoundError:
            bad[artifact.name] = "missing"
        except ArtifactError as exc:
            bad[artifact.name] = str(exc)
    if not bad and digests is not None:
        _write_stamp(folder, digests)
    return bad


def _digests(folder: Path) -> dict[str, str] | None:
    """SHA-256 per artifact (a folder: over its files' names and bytes); None when one is missing."""
    import hashlib

    out: dict[str, str] = {}
    for artifact in ARTIFACTS:
        path = folder / artifact.name
        h = hashlib.sha256()
        try:
            if path.is_dir():
                for member in sorted(path.iterdir()):
                    h.update(member.name.encode() + b"\0" + member.read_bytes() + b"\0")
            else:
                h.update(path.read_bytes())
        except OSError:
            return None
        out[artifact.name] = h.hexdigest()
    return out


def _read_stamp(folder: Path) -> dict[str, str] | None:
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def _write_stamp(folder: Path, digests: dict[str, str]) -> None:
    """Best effort (a read-only build folder just means a full check next time); atomic, like the build."""
    import os
    import tempfile

    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".stamp-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(digests, fh, indent=1, sort_keys=True)
        os.replace(tmp, folder / STAMP)
    except OSError as exc:
        log.info("startup: could not record the artifact check (%s); the next start checks in full", exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def repair_artifacts(bad: dict[str, str]) -> list[str]:
    """Build the missing artifacts and rebuild the corrupt ones (from scratch). Returns the steps run.

    Raises whatever the build raises (the caller reports it).
    """
    steps: list[str] = []
    for step in ("geo", "mentions"):
        names = [a.name for a in ARTIFACTS if a.step == step and a.name in bad]
        if not names:
            continue
        # a corrupt file may still look up to date to a fingerprint check: force a full build then
        force = any(bad[n] != "missing" for n in names)
        log.warning("startup: %s %s; building (%s)", ", ".join(names),
                    "corrupt" if force else "missing", "forced" if force else "if needed")
        if step == "geo":
            from geo.build import build

            build(if_needed=not force, progress=False)
        else:
            from data.extract.corpus import build_mentions

            build_mentions(if_needed=not force)
        steps.append(step)
    _clear_loader_caches()
    return steps


def _clear_loader_caches() -> None:
    """Forget artifacts loaded before a rebuild (loaders cache with functools.cache)."""
    import importlib

    for module_name in ("geo.artifacts", "data.extract.corpus", "views.datasets"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


# --- inputs ----------------------------------------------------------------------------------------

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
    from server import cache

    try:
        c = cache.cache_from_config()
    except ValueError as exc:
        return [str(exc)], []
    warnings = []
    if isinstance(c, cache.RedisCache) and not c.ping():
        warnings.append(f"{cache.ENV_URL}: {cache.describe(c)} does not answer; caching falls back to "
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


def configure_logging(level: int = logging.INFO) -> None:
    """Log to stderr (gunicorn's error log is stderr too), once; workers inherit it when gunicorn forks."""
    import sys

    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(
        "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S %z"))
    root.addHandler(handler)
    root.setLevel(level)
