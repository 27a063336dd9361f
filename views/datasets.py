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

log = logging.getLogger(__name__)
T = TypeVar("T")



def upstream(load: Callable[[], T], default: T, what: str) -> T:
    """Call an upstream loader; return ``default`` if the file it reads does not exist (yet).

    Only a missing file (``FileNotFoundError``: an artifact not built yet) is tolerated and logged; any
    other error, an ``ImportError`` included (a broken import is a bug, not an empty map), propagates.
    """
    try:
        return load()
    except FileNotFoundError as exc:
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
def counties_geojson(province: str) -> dict[str, Any] | None:
    """One province's county-level units at county detail (``counties/<adcode>.geojson``), or None."""
    def load() -> dict[str, Any]:
        from geo.artifacts import load_counties

        return load_counties(province)

    return upstream(load, None, f"county geometry of {province}")


@cache
def county_meta() -> dict[str, Any]:
    """Counts of county-level units and of land-border counties, by province (``county_meta.json``)."""
    def load() -> dict[str, Any]:
        from geo.artifacts import load_county_meta

        return load_county_meta()

    return upstream(load, {}, "county counts")


@cache
def geometry_source() -> str:
    """Where the boundaries the map draws come from (an export's ``source_geometry``)."""
    from geo.artifacts import geometry_source as source

    return source(detail="simplified for display")


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


def statistics(year: int | None = None) -> pd.DataFrame:
    """Province indicators of ``year`` (default :func:`latest_year`): adcode, gdp, population, area,
    area_boundary, gdp_per_capita, density and the other NBS series, each in the vintage the atlas shows
    (``data.reference.default_vintage``); the boundary areas come from the geometry build."""
    return _statistics(latest_year() if year is None else int(year))


@cache
def _statistics(year: int) -> pd.DataFrame:
    def load() -> pd.DataFrame:
        from data.reference import province_indicators

        table = province_table()
        boundary = (dict(zip(table["adcode"], pd.to_numeric(table["area_km2"]), strict=True))
                    if "area_km2" in table.columns else None)
        return _adcodes(province_indicators(year=year, boundary_km2=boundary))

    return upstream(load, pd.DataFrame(columns=["adcode"]), "reference statistics")


@cache
def stat_years(indicator: str) -> tuple[int, ...]:
    """The years a stored statistic has provincial values for (in the vintage shown), ascending."""
    def load() -> tuple[int, ...]:
        from data.reference import years

        return tuple(years(indicator))

    return upstream(load, (), "statistics years")


def latest_year() -> int:
    """The latest year with both GDP and population for the provinces: the statistics' default year."""
    both = set(stat_years("gdp")) & set(stat_years("population"))
    return max(both) if both else 2023


@cache
def statistics_meta() -> dict[str, dict[str, Any]]:
    """``data.reference.INDICATORS`` as plain dicts: indicator -> {label_en, label_zh, unit_en, unit_zh,
    source, year}."""
    def load() -> dict[str, dict[str, Any]]:
        from data.reference import INDICATORS

        return {str(k): m._asdict() for k, m in INDICATORS.items()}

    return upstream(load, {}, "indicator metadata")


@cache
def reference_rows() -> pd.DataFrame:
    """The stored statistics as read: ``data/reference/indicators.csv``, one row per value with its source."""
    def load() -> pd.DataFrame:
        from data.reference import load_indicators

        return _adcodes(load_indicators())

    return upstream(load, pd.DataFrame(columns=["adcode", "indicator", "year", "value", "source"]),
                    "reference statistics rows")


def default_vintage(indicator: str, year: int) -> str | None:
    """The vintage of ``indicator`` the atlas shows for ``year`` (``data.reference.default_vintage``)."""
    from data.reference import default_vintage as pick

    return upstream(lambda: pick(indicator, year), None, "statistics vintages")


@cache
def prefecture_census() -> pd.DataFrame:
    """Prefecture census populations as read (``data.prefecture_reference``): ``adcode, name_en,
    indicator, year, value, unit, vintage, source``, one row per prefecture and census year (value NaN
    where the curator left it empty; the row's source says why)."""
    def load() -> pd.DataFrame:
        from data.prefecture_reference import load_prefecture_indicators

        return _adcodes(load_prefecture_indicators())

    return upstream(load, pd.DataFrame(columns=["adcode", "name_en", "indicator", "year", "value", "unit",
                                                "vintage", "source"]), "prefecture census populations")


@cache
def attention() -> pd.DataFrame:
    """Policy attention: adcode (province), source_id, mentions (prefecture mentions rolled up)."""
    def load() -> pd.DataFrame:
        from data.extract.corpus import policy_attention

        frame = _adcodes(policy_attention())
        frame["adcode"] = frame["adcode"].str[:2] + "0000"
        return frame.groupby(["adcode", "source_id"])["mentions"].sum().reset_index()

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
