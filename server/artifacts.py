"""The build artifacts the app reads: their shape checks, the stamp of the last passing check, their repair.

:func:`check_artifacts` opens each file of :data:`ARTIFACTS` in :func:`config.build_dir` and checks its
shape (a GeoJSON FeatureCollection with the properties the loaders read, a mentions CSV with its header);
a full check that passes is recorded in :data:`STAMP`, so an unchanged build is not parsed again.
:func:`repair_artifacts` builds the missing ones and rebuilds the corrupt ones, then
:func:`clear_project_caches` makes every module forget what it loaded before.

The file names are the build's own (:mod:`geo._files`, :mod:`data.extract.corpus`). This module imports
nothing of the server, so :mod:`server.cache` (for :data:`STAMP`) and :mod:`server.startup` both can.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from data.extract.corpus import COLUMNS as MENTIONS_COLUMNS
from data.extract.corpus import MENTIONS_FILE
from geo import _files as geo_files

log = logging.getLogger(__name__)

MIN_PROVINCES = 31  # the 31 mainland provincial units at least (the build writes 34)
STAMP = "artifacts_checked.json"  # digests of the artifacts as they last passed every check
#: top-level packages of the project whose functools caches :func:`clear_project_caches` clears
PROJECT_PACKAGES = ("geo", "data", "views", "figures", "layouts", "callbacks", "server")


class ArtifactError(ValueError):
    """A build artifact is unreadable or has the wrong shape (the message says how)."""


@dataclass(frozen=True)
class Artifact:
    """A file the build writes and the app reads."""

    name: str
    check: Callable[[Path], None]  # raises ArtifactError (or FileNotFoundError) for a bad file
    step: str  # "geo" (geo.build.build) or "mentions" (data.extract.corpus.build_mentions)


# --- shape checks ----------------------------------------------------------------------------------

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
    """One drill-down file per province of the provinces file (checked first)."""
    if not path.is_dir():
        raise FileNotFoundError(path)
    try:
        provinces = json.loads((path.parent / geo_files.PROVINCES).read_text(encoding="utf-8"))["features"]
        codes = [str(f["id"]) for f in provinces]
    except (OSError, ValueError, KeyError, TypeError):
        return  # reported for the provinces file
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
    expected = tuple(MENTIONS_COLUMNS)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header:
                raise ArtifactError(f"{path.name}: empty file, expected a CSV header")
            if tuple(header) != expected:
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


# In check order (the drill-down folder is checked against the provinces file); the geometry meta file,
# written last by the geometry build, marks a complete build.
ARTIFACTS: tuple[Artifact, ...] = (
    Artifact(geo_files.PROVINCES, _check_provinces, "geo"),
    Artifact(geo_files.PREFECTURES, _check_prefectures, "geo"),
    Artifact(geo_files.PREFECTURES_NATIONAL, _check_prefectures_national, "geo"),
    Artifact(geo_files.PREFECTURE_DIR, _check_prefecture_dir, "geo"),
    Artifact(geo_files.BORDER, _check_border, "geo"),
    Artifact(geo_files.META, _check_geo_meta, "geo"),
    Artifact(MENTIONS_FILE, _check_mentions, "mentions"),
)


# --- the check and its stamp -----------------------------------------------------------------------

def check_artifacts(build_dir: Path | None = None, *, trust_stamp: bool = True) -> dict[str, str]:
    """Check every artifact; return ``{name: problem}`` ("missing" or what is wrong) for the bad ones.

    Parsing every file takes most of a second, so a full check that passes records a SHA-256 of each
    artifact in :data:`STAMP`; while the files still hash the same (``trust_stamp``), they are the files
    that passed and are not parsed again. Any change — a rebuild, a truncated or edited file — changes a
    digest and brings back the full check.
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


# --- repair ----------------------------------------------------------------------------------------

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
            from data.extract import corpus

            corpus.build_mentions(if_needed=not force)
        steps.append(step)
    if steps:
        clear_project_caches()
    return steps


def clear_project_caches() -> int:
    """Forget everything loaded before a rebuild: call ``cache_clear()`` on every ``functools.cache`` /
    ``lru_cache`` defined at module level in a loaded module of the project (:data:`PROJECT_PACKAGES`).

    Only the modules already imported are visited (one not imported has cached nothing), and only the
    functions they define (an imported third-party cache is not ours to clear). Returns how many caches
    were cleared.
    """
    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or name.partition(".")[0] not in PROJECT_PACKAGES:
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()
                cleared += 1
    return cleared
