"""The dashboard's read-only data model: upstream artifacts loaded once, and the tables derived from them.

Everything here reads through the upstream loaders (``geo.artifacts``, ``data.catalog``, ``data.reference``,
``data.reconcile``, ``data.extract.corpus``) and caches the result for the life of the process; nothing
is fetched over the network and nothing is invented: when an upstream artifact is missing, the table is
empty and the page says "No data". Workers hold no per-user state: all caches are keyed by data only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import pandas as pd

from views.state import ValidValues, ViewState, parse_query, valid_from

log = logging.getLogger(__name__)
T = TypeVar("T")

STATS_YEAR = 2023
REGION_IDS: tuple[str, ...] = ("east", "central", "west", "northeast")


def upstream(load: Callable[[], T], default: T, what: str) -> T:
    """Call an upstream loader; return ``default`` if its module or artifact does not exist (yet).

    Only a missing module or file is tolerated; any other error is a bug and propagates.
    """
    try:
        return load()
    except (ImportError, FileNotFoundError) as exc:
        log.warning("dashboard: %s unavailable (%s); shown empty", what, exc)
        return default


# --- raw upstream tables (each loaded once) ------------------------------------------------------

@cache
def provinces_geojson() -> dict[str, Any] | None:
    """The simplified province GeoJSON (feature id = adcode), or None if not built."""
    def load() -> dict[str, Any]:
        from geo.artifacts import load_provinces

        return load_provinces()

    return upstream(load, None, "province geometry")


@cache
def prefectures_geojson(parent_adcode: str) -> dict[str, Any] | None:
    """The prefecture GeoJSON of one province, or None."""
    def load() -> dict[str, Any]:
        from geo.artifacts import load_prefectures

        return load_prefectures(parent_adcode)

    return upstream(load, None, f"prefecture geometry of {parent_adcode}")


@cache
def border_geojson() -> dict[str, Any] | None:
    """The land and maritime border lines, or None."""
    def load() -> dict[str, Any]:
        from geo.artifacts import load_border

        return load_border()

    return upstream(load, None, "border lines")


@cache
def province_table() -> pd.DataFrame:
    """adcode, name_en, name_zh, aliases, lon, lat, area_km2 of the province-level units."""
    def load() -> pd.DataFrame:
        from geo.artifacts import province_table as table

        return _adcodes(table())

    return upstream(load, pd.DataFrame(columns=["adcode", "name_en", "name_zh", "aliases"]), "province table")


@cache
def prefecture_table() -> pd.DataFrame:
    """adcode, name_en, name_zh, aliases, lon, lat, area_km2, parent_adcode of the prefectures."""
    def load() -> pd.DataFrame:
        from geo.artifacts import prefecture_table as table

        frame = _adcodes(table())
        if "parent_adcode" not in frame.columns:
            frame["parent_adcode"] = frame["adcode"].str[:2] + "0000"
        return frame

    empty = pd.DataFrame(columns=["adcode", "name_en", "name_zh", "aliases", "parent_adcode"])
    return upstream(load, empty, "prefecture table")


@cache
def _catalog() -> Any:
    def load() -> Any:
        from data.catalog import load_catalog

        return load_catalog()

    return upstream(load, None, "catalog")


def catalog_table(name: str) -> pd.DataFrame:
    """One catalog table (``strategies``, ``strategy_members``, ``infrastructure``, ``events``, ``claims``,
    ``macro_regions``, ``sources``) with adcode columns as strings, or an empty frame."""
    cat = _catalog()
    if cat is None:
        return pd.DataFrame()
    table = cat[name] if isinstance(cat, dict) else getattr(cat, name, None)
    if table is None:
        return pd.DataFrame()
    return _adcodes(table)


@cache
def sources_table() -> pd.DataFrame:
    """The source registry (id, file, title, publisher, date, url, kind)."""
    def load() -> pd.DataFrame:
        from data.sources import load_sources

        return load_sources()

    return upstream(load, pd.DataFrame(columns=["id", "title", "date"]), "sources")


@cache
def statistics() -> pd.DataFrame:
    """Province indicators of :data:`STATS_YEAR` (adcode, gdp, population, area, area_boundary,
    gdp_per_capita, density); the boundary areas come from the geometry build."""
    def load() -> pd.DataFrame:
        from data.reference import province_indicators

        table = province_table()
        boundary = (dict(zip(table["adcode"], pd.to_numeric(table["area_km2"]), strict=True))
                    if "area_km2" in table.columns else None)
        return _adcodes(province_indicators(year=STATS_YEAR, boundary_km2=boundary))

    return upstream(load, pd.DataFrame(columns=["adcode"]), "reference statistics")


@cache
def statistics_meta() -> dict[str, dict[str, Any]]:
    """``data.reference.INDICATORS`` as plain dicts: indicator -> {label_en, label_zh, unit_en, unit_zh,
    source, year}."""
    def load() -> dict[str, dict[str, Any]]:
        from data.reference import INDICATORS

        return {str(k): (m._asdict() if hasattr(m, "_asdict") else dict(m)) for k, m in INDICATORS.items()}

    return upstream(load, {}, "indicator metadata")


@cache
def attention() -> pd.DataFrame:
    """Policy attention: adcode (province), source_id, mentions (prefecture mentions rolled up)."""
    def load() -> pd.DataFrame:
        from data.extract.corpus import policy_attention

        frame = _adcodes(policy_attention())
        frame["adcode"] = frame["adcode"].str[:2] + "0000"
        return frame.groupby(["adcode", "source_id"], as_index=False)["mentions"].sum()

    return upstream(load, pd.DataFrame(columns=["adcode", "source_id", "mentions"]), "policy attention")


@cache
def reconciliation() -> pd.DataFrame:
    """The claims reconciliation table (one row per claim with its verdict)."""
    def load() -> pd.DataFrame:
        from data.reconcile import reconciliation_table

        return _adcodes(reconciliation_table())

    return upstream(load, pd.DataFrame(), "claims reconciliation")


# --- derived tables --------------------------------------------------------------------------

@cache
def region_of() -> dict[str, str]:
    """adcode -> region_id for every macro-region member (provinces and the NE Inner Mongolia prefectures)."""
    regions = catalog_table("macro_regions")
    if regions.empty:
        return {}
    return dict(zip(regions["adcode"], regions["region_id"], strict=True))


@cache
def coverage() -> pd.DataFrame:
    """Which strategies cover which provinces: strategy_id, province, whole (bool), prefectures (tuple).

    A province-level member covers the whole province; prefecture-level members cover part of their
    province (the tuple lists them).
    """
    members = catalog_table("strategy_members")
    columns = ["strategy_id", "province", "whole", "prefectures"]
    if members.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (sid, province), group in members.assign(province=members["adcode"].str[:2] + "0000").groupby(
            ["strategy_id", "province"], sort=True):
        whole = bool((group["level"] == "province").any())
        prefs = tuple(sorted(group.loc[group["level"] == "prefecture", "adcode"]))
        rows.append((sid, province, whole, prefs))
    return pd.DataFrame(rows, columns=columns)


def covered_provinces(strategies: tuple[str, ...], mode: str) -> dict[str, bool]:
    """Provinces covered by the selected strategies -> True if wholly covered (by every one for ``all``).

    ``mode="any"``: covered by at least one; ``mode="all"``: by every selected strategy.
    """
    if not strategies:
        return {}
    cov = coverage()
    cov = cov[cov["strategy_id"].isin(strategies)]
    result: dict[str, bool] = {}
    for province, group in cov.groupby("province"):
        if mode == "all" and set(group["strategy_id"]) != set(strategies):
            continue
        whole = bool(group["whole"].all()) if mode == "all" else bool(group["whole"].any())
        result[str(province)] = whole
    return result


@cache
def valid_values() -> ValidValues:
    """The ids a URL may name, from the catalog and the geometry."""
    strategies = catalog_table("strategies")
    provinces = province_table()
    sources = sources_table()
    return valid_from(
        strategies.get("strategy_id", ()), provinces.get("adcode", ()), sources.get("id", ()),
    )


@dataclass(frozen=True)
class Place:
    """A named place (province or prefecture)."""

    adcode: str
    name_en: str
    name_zh: str
    level: str


@cache
def places() -> dict[str, Place]:
    """adcode -> Place for provinces and prefectures."""
    out: dict[str, Place] = {}
    for level, table in (("prefecture", prefecture_table()), ("province", province_table())):
        for row in table.itertuples(index=False):
            out[str(row.adcode)] = Place(str(row.adcode), _text(row.name_en), _text(row.name_zh), level)
    return out


@cache
def source_labels() -> dict[str, str]:
    """source id -> title (for hover and panel lines)."""
    table = sources_table()
    if table.empty:
        return {}
    return {str(r.id): _text(r.title) or str(r.id) for r in table.itertuples(index=False)}


@cache
def source_dates() -> dict[str, str]:
    """source id -> ISO date (empty when the document gives none)."""
    table = sources_table()
    if table.empty or "date" not in table.columns:
        return {}
    return {str(r.id): _text(r.date) for r in table.itertuples(index=False)}


def province_of(adcode: str) -> str:
    """The province adcode of any adcode."""
    return str(adcode)[:2] + "0000"


def _adcodes(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy ``frame`` with every adcode-like column as a 6-digit string (CSV readers may give ints)."""
    frame = frame.copy()
    for column in frame.columns:
        if column == "adcode" or column.endswith("_adcode"):
            frame[column] = frame[column].map(_adcode_str)
    return frame


def _adcode_str(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text or None


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def state_of(query: object) -> ViewState:
    """The :class:`ViewState` of a canonical query string (the ``Core.STATE`` store holds one).

    Anything else (a tampered store, ``None``) gives the default state: callbacks never fail on it.
    """
    if not isinstance(query, str):
        return ViewState()
    return parse_query(query, valid=valid_values())[0]
