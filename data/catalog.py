"""Load the validated catalog and answer the questions the map asks of it.

>>> from data.catalog import load_catalog, macro_region_of, strategies_for
>>> cat = load_catalog()                      # raises CatalogError listing every problem
>>> macro_region_of("150700")                 # Hulunbuir: eastern Inner Mongolia
'northeast'
>>> strategies_for("150000")[["strategy_id", "via"]]   # province rows, plus prefecture rows rolled up
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from config import CATALOG_DIR, SOURCES_DIR
from data.schema import TABLES, CatalogError, read_tables, validate_tables
from data.sources import load_sources

if TYPE_CHECKING:
    from geo.names import AdminUnit

__all__ = ["Catalog", "CatalogError", "load_catalog", "macro_region_of", "strategies_for"]

# Columns converted after validation; every other column stays text with "" for empty.
_FLOAT_COLUMNS = {"infrastructure": ("lon", "lat"), "events": ("lon", "lat"), "claims": ("value",)}
_DATE_COLUMNS = {"events": ("date", "end_date"), "sources": ("date",)}
_STRATEGY_COLUMNS = ["strategy_id", "name_en", "name_zh", "kind", "parent_id", "via", "member_adcodes",
                     "note", "source_id", "quote"]


@dataclass(frozen=True)
class Catalog:
    """The catalog tables (see ``data/catalog/SCHEMA.md``); shared and cached, so treat them as read-only.

    ``sources`` is :func:`data.sources.load_sources`: the registry plus user-dropped documents.

    Text columns hold ``""`` for empty cells; ``lon``, ``lat`` and ``value`` are floats (NaN when
    empty); event and source dates are ``datetime64`` (NaT when empty).
    """

    sources: pd.DataFrame
    macro_regions: pd.DataFrame
    strategies: pd.DataFrame
    strategy_members: pd.DataFrame
    infrastructure: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame


def load_catalog(catalog_dir: str | Path | None = None, sources_dir: str | Path | None = None) -> Catalog:
    """Read, validate and return the catalog (cached per folder pair).

    Parameters
    ----------
    catalog_dir : str or Path, optional
        Folder of the catalog CSVs (default ``data/catalog``).
    sources_dir : str or Path, optional
        Folder of ``sources.csv`` and the documents (default ``data/sources``).

    Raises
    ------
    CatalogError
        If any file is missing or any cell is invalid; ``.issues`` lists every problem with its file,
        row and column.
    """
    cdir = Path(catalog_dir).resolve() if catalog_dir is not None else CATALOG_DIR
    sdir = Path(sources_dir).resolve() if sources_dir is not None else SOURCES_DIR
    return _load(cdir, sdir)


@cache
def _load(cdir: Path, sdir: Path) -> Catalog:
    tables, labels, issues = read_tables(cdir, sdir)
    issues += validate_tables(tables, labels=labels, sources_dir=sdir)
    if issues:
        raise CatalogError(issues)
    # Sources: the registry plus any user-dropped .txt (kind "user"), as data.sources sees them.
    # data.sources keeps only its own columns; the registry's metadata_note is carried over by id.
    sources = load_sources(sdir)
    notes = dict(zip(tables["sources"]["id"], tables["sources"].get("metadata_note", ""), strict=False))
    sources["metadata_note"] = [notes.get(i, "") for i in sources["id"]]
    tables = {**tables, "sources": sources}
    typed = {name: _typed(name, tables[name]) for name in TABLES}
    return Catalog(**{f.name: typed[f.name] for f in fields(Catalog)})


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.loc[:, list(TABLES[name].columns)].copy()
    for col in _FLOAT_COLUMNS.get(name, ()):
        frame[col] = pd.to_numeric(frame[col].replace("", None), errors="raise").astype(float)
    for col in _DATE_COLUMNS.get(name, ()):
        frame[col] = pd.to_datetime(frame[col].replace("", None), format="%Y-%m-%d")
    return frame


def macro_region_of(adcode: str, catalog: Catalog | None = None) -> str | None:
    """Return the macro-region id (``east|central|west|northeast``) of a province or prefecture.

    A prefecture listed in ``macro_regions.csv`` itself (the five eastern Inner Mongolia prefectures,
    ``northeast``) takes that region; any other prefecture takes its province's region. Returns None
    for units in no macro-region (Taiwan, Hong Kong, Macao) and raises ``ValueError`` for an adcode
    that does not exist.
    """
    cat = catalog or load_catalog()
    unit = _unit(adcode)
    regions = cat.macro_regions
    for code in (unit.adcode, unit.parent_adcode):
        if code is None:
            continue
        hit = regions.loc[regions["adcode"] == code, "region_id"]
        if not hit.empty:
            return str(hit.iloc[0])
    return None


def strategies_for(adcode: str, catalog: Catalog | None = None) -> pd.DataFrame:
    """Return the strategies that cover a province or prefecture, one row per strategy.

    For a province: its own memberships (``via="province"``), plus every strategy that lists one of
    its prefectures, rolled up to the province (``via="prefecture"``, ``member_adcodes`` naming the
    prefectures and ``note`` saying it covers only part of the province). For a prefecture: its own
    memberships, plus its province's (``via="province"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``strategy_id, name_en, name_zh, kind, parent_id, via, member_adcodes, note,
        source_id, quote`` in the order of ``strategies.csv``.
    """
    cat = catalog or load_catalog()
    unit = _unit(adcode)
    members = cat.strategy_members
    rows: dict[str, dict[str, str]] = {}
    for rec in members.loc[members["adcode"] == unit.adcode].to_dict(orient="records"):
        rows[rec["strategy_id"]] = _member_row(rec, via=unit.level, adcodes=[unit.adcode], note=rec["note"])
    if unit.level == "province":
        from geo.names import units_by_adcode

        units = units_by_adcode()
        parents = members["adcode"].map(lambda c: getattr(units.get(c), "parent_adcode", None))
        part = members.loc[(members["level"] == "prefecture") & (parents == unit.adcode)]
        for sid, group in part.groupby("strategy_id", sort=False):
            if sid in rows:
                continue
            codes = list(group["adcode"])
            names = ", ".join(units[c].name_en for c in codes)
            note = f"part of the province only: through its prefecture(s) {names}"
            rows[str(sid)] = _member_row(group.iloc[0].to_dict(), via="prefecture", adcodes=codes, note=note)
    elif unit.parent_adcode:
        parent = unit.parent_adcode
        for rec in members.loc[members["adcode"] == parent].to_dict(orient="records"):
            if rec["strategy_id"] not in rows:
                note = f"through its province {parent}" + (f"; {rec['note']}" if rec["note"] else "")
                rows[rec["strategy_id"]] = _member_row(rec, via="province", adcodes=[parent], note=note)
    info = cat.strategies.set_index("strategy_id")
    order = [sid for sid in cat.strategies["strategy_id"] if sid in rows]
    out = []
    for sid in order:
        meta = info.loc[sid]
        out.append({"strategy_id": sid, "name_en": meta["name_en"], "name_zh": meta["name_zh"],
                    "kind": meta["kind"], "parent_id": meta["parent_id"], **rows[sid]})
    return pd.DataFrame(out, columns=_STRATEGY_COLUMNS)


def _member_row(rec: Mapping[Hashable, Any], *, via: str, adcodes: list[str], note: str) -> dict[str, str]:
    return {"via": via, "member_adcodes": ";".join(adcodes), "note": note, "source_id": rec["source_id"],
            "quote": rec["quote"]}


def _unit(adcode: str) -> AdminUnit:  # geo.names imported lazily
    from geo.names import units_by_adcode

    unit = units_by_adcode().get(str(adcode))
    if unit is None:
        raise ValueError(f"adcode {adcode!r} is not a province or prefecture in geo.names.admin_units()")
    return unit
