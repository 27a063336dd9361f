"""Mentions over the whole source corpus (``data/sources/*.txt``) and the "policy attention" indicator.

``python app.py build`` calls :func:`build_mentions`, which writes ``mentions.csv`` into
:func:`config.build_dir` atomically and skips the work when nothing it depends on has changed
(the texts, the source registry, the catalog's strategy and facility names, the extractor's and the
name tables' code). A user who drops a new ``.txt`` into ``data/sources/`` and runs the build sees it
in the app; a file without a registry row gets its file stem as ``source_id``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
import tempfile
from functools import cache, partial
from pathlib import Path
from typing import Any

import pandas as pd

from config import CATALOG_DIR, ROOT, SOURCES_DIR, build_dir
from data.extract.files import InputError, iter_file
from data.extract.gazetteer import read_catalog_rows
from data.extract.mention import FIELDS

MENTIONS_FILE = "mentions.csv"
META_FILE = "mentions.meta.json"
#: columns of mentions.csv: the source id, then every Mention field
COLUMNS: tuple[str, ...] = ("source_id", *FIELDS)
#: mention types that count towards a province's policy attention (prefectures, places and facilities
#: roll up to their province); countries, macro-regions, strategies and claims do not
ATTENTION_TYPES = ("province", "prefecture", "place", "infrastructure")
_CODE_INPUTS = ("data/extract", "geo/names.py", "geo/_names_data.py")


def build_mentions(if_needed: bool = False) -> Path:
    """Extract every ``.txt`` in :data:`config.SOURCES_DIR` into ``build_dir()/mentions.csv``.

    Parameters
    ----------
    if_needed : bool, default False
        Skip the extraction when ``mentions.csv`` exists and its inputs are unchanged.

    Returns
    -------
    Path
        The path of ``mentions.csv``.

    Notes
    -----
    A source file that cannot be read (empty, binary, not UTF-8) is skipped with a warning on stderr
    naming it, so one bad file does not stop the build.
    """
    out_dir = build_dir()
    out = out_dir / MENTIONS_FILE
    meta_path = out_dir / META_FILE
    files = _source_files()
    fingerprint = _fingerprint(files)
    if if_needed and out.exists() and _read_meta(meta_path).get("fingerprint") == fingerprint:
        return out
    out_dir.mkdir(parents=True, exist_ok=True)
    ids = source_ids()
    skipped: dict[str, str] = {}
    fd, tmp = tempfile.mkstemp(prefix=".mentions.", suffix=".csv", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            for path in files:
                try:
                    for m in iter_file(path):
                        rec = m.to_record()
                        writer.writerow([ids.get(path.name, path.stem), *("" if rec[f] is None else rec[f]
                                                                           for f in FIELDS)])
                except InputError as exc:
                    skipped[path.name] = str(exc)
                    print(f"warning: skipped {exc}", file=sys.stderr)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the server (maybe another user) reads this file
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _write_meta(meta_path, {"fingerprint": fingerprint, "files": [p.name for p in files], "skipped": skipped})
    return out


def load_mentions() -> pd.DataFrame:
    """Return ``mentions.csv`` as a DataFrame (built first when missing; cached while unchanged).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; ``value`` is float (NaN except for claims), offsets and
        ``sentence_index`` are int, the rest are strings ("" when empty). A fresh copy each call.
    """
    path = build_dir() / MENTIONS_FILE
    if not path.exists():
        build_mentions(if_needed=True)
    st = path.stat()
    return _read_mentions(str(path), st.st_mtime_ns, st.st_size).copy()


@cache
def _read_mentions(path: str, _mtime_ns: int, _size: int) -> pd.DataFrame:
    dtypes = {c: "string" for c in COLUMNS}
    dtypes.update({"sentence_index": "int64", "start": "int64", "end": "int64", "value": "float64"})
    df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values={"value": [""]})
    text_cols = [c for c, t in dtypes.items() if t == "string"]
    df[text_cols] = df[text_cols].fillna("").astype(str)
    return df


def policy_attention(*, by_source: bool = True) -> pd.DataFrame:
    """Mentions per province, per source document (or over all documents).

    Province, prefecture, place and facility mentions count for the province they roll up to.

    Parameters
    ----------
    by_source : bool, default True
        One row per (province, source); with False, one row per province with ``source_id`` "all".

    Returns
    -------
    pandas.DataFrame
        Columns ``adcode`` (province, 6-digit string), ``source_id``, ``mentions`` (int). Every
        province-level unit appears for every source, with 0 when the source never names it.
    """
    from geo.names import province_units

    df = load_mentions()
    df = df[df["type"].isin(ATTENTION_TYPES) & (df["province"] != "")]
    if not by_source:
        df = df.assign(source_id="all")
    sources = sorted(set(df["source_id"]) | ({"all"} if not by_source else set(_present_source_ids())))
    counts = df.groupby(["province", "source_id"]).size()
    rows = [
        (u.adcode, sid, int(counts.get((u.adcode, sid), 0)))
        for u in province_units() for sid in sources
    ]
    return pd.DataFrame(rows, columns=["adcode", "source_id", "mentions"]).astype({"mentions": "int64"})


def source_ids() -> dict[str, str]:
    """Map source file names to their ids from ``data/sources/sources.csv`` (id, file), when present."""
    rows = read_catalog_rows(SOURCES_DIR / "sources.csv")
    return {Path(r["file"]).name: r["id"] for r in rows if r.get("file") and r.get("id")}


def _present_source_ids() -> list[str]:
    ids = source_ids()
    return [ids.get(p.name, p.stem) for p in _source_files()]


def _source_files() -> list[Path]:
    return sorted(p for p in SOURCES_DIR.glob("*.txt") if p.is_file())


def _fingerprint(files: list[Path]) -> str:
    h = hashlib.sha256()
    inputs = [*files, SOURCES_DIR / "sources.csv", CATALOG_DIR / "strategies.csv",
              CATALOG_DIR / "infrastructure.csv"]
    for rel in _CODE_INPUTS:
        p = ROOT / rel
        inputs.extend(sorted(p.glob("*.py")) if p.is_dir() else [p])
    for p in inputs:
        h.update(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p).encode())
        try:
            with p.open("rb") as fh:
                for block in iter(partial(fh.read, 1 << 20), b""):
                    h.update(block)
        except OSError:
            h.update(b"<absent>")
    return h.hexdigest()


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))  # written by _write_meta
        return meta
    except (OSError, ValueError):
        return {}


def _write_meta(path: Path, meta: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
