"""The atlas as GeoDataFrames: geometry with the catalog and the statistics joined.

>>> from data import frames
>>> prov = frames.provinces()              # 34 rows, EPSG:4326, indicators for the default year
>>> prov.loc[prov.adcode == "220000", ["name_en", "gdp", "macro_region", "strategies"]]
>>> frames.infrastructure().query("kind == 'port'")[["name_en", "county_adcode", "placement"]]

Public API: :func:`provinces`, :func:`prefectures`, :func:`counties`, :func:`border`,
:func:`infrastructure`, :func:`events`. Every frame is in EPSG:4326 and fresh (change it freely);
geometry comes from the build artifacts (``python app.py build``), read through
:mod:`geo.geoframes`, so it follows ``ATLAS_BUILD_DIR``.

Joined columns:

- ``macro_region`` / ``macro_region_name_en``: :func:`data.catalog.macro_region_of` (a prefecture
  listed itself, e.g. eastern Inner Mongolia in the Northeast, else its province's region);
- ``strategies``: ";"-joined ids of the strategies that cover the unit, wholly or in part
  (:func:`data.catalog.strategies_for`: a province also through its prefectures; a prefecture or
  county also through its province), ``n_strategies`` their number;
- ``box12_items`` and ``box12_<kind>`` for ports, towns, airports and highways: Box 12 items of
  ``data/catalog/infrastructure.csv`` in the unit (by the catalog's adcodes for provinces and
  prefectures; by the spatial join of :func:`infrastructure` for counties);
- indicators (provinces only): the columns of :func:`data.reference.province_indicators` for the
  year (NaN for Taiwan, Hong Kong and Macao, which the reference does not cover);
- ``source_*``: where each joined group of columns comes from.

This module imports geopandas; the dashboard's request path does not import it.
"""

from __future__ import annotations

from functools import cache
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely import wkt
from shapely.geometry.base import BaseGeometry

from data.catalog import load_catalog, macro_region_of, strategies_for
from data.reference import INDICATORS, province_indicators
from geo import geoframes
from geo.artifacts import geometry_source
from geo.measure import WGS84

_Frame = TypeVar("_Frame", bound=pd.DataFrame)

__all__ = [
    "BOX12_KINDS",
    "INFRASTRUCTURE_MAX_KM",
    "border",
    "counties",
    "events",
    "infrastructure",
    "prefectures",
    "provinces",
]

#: Box 12 kinds counted in their own ``box12_<kind>s`` column (every item counts in ``box12_items``).
BOX12_KINDS = ("port", "town", "airport", "highway")
#: A Box 12 point or event outside every unit takes the nearest unit within this distance (km):
#: points published at a border gate fall a few hundred metres across the GCJ-02 outlines
#: (Khunjerab 0.4 km, Ganqimaodu, Turugart ≤ 1.5 km; see tests/data/test_infrastructure_geometry).
INFRASTRUCTURE_MAX_KM = 2.0
_STAT_INDICATORS = ("gdp", "population", "area")


def provinces(year: int | None = None) -> gpd.GeoDataFrame:
    """Return the 34 provinces (national detail) with indicators, macro-region, strategies, Box 12.

    Parameters
    ----------
    year : int, optional
        Year of the indicators (GDP, population, ...); default: the reference's default year
        (:data:`data.reference.INDICATORS`, 2023).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per province, sorted by adcode, EPSG:4326. Columns: ``adcode, name_zh, name_en,
        aliases, lon, lat, area_km2`` (unsimplified boundary area, equal-area projection),
        ``year`` and the indicator columns of :func:`data.reference.province_indicators`
        (``gdp, population, area, gdp_per_capita, area_boundary, density, gdp_share,
        population_share, area_share``), ``macro_region, macro_region_name_en, strategies,
        n_strategies, box12_items, box12_ports, box12_towns, box12_airports, box12_highways,
        border_km`` (land border, geodesic), ``source_geometry, source_indicators,
        source_macro_region, source_strategies``, ``geometry``. Indicator columns the reference
        adds later come through as they are.

    Raises
    ------
    TypeError
        If ``year`` is not an int (or None).
    ValueError
        If ``year`` has no statistics at all (the message names the years that do).
    """
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise TypeError(f"year={year!r}: expected an int such as 2023, or None for the default year")
    stats = province_indicators() if year is None else province_indicators(year=year)
    default_year = INDICATORS["gdp"].year
    if year is not None and stats[["gdp", "population"]].isna().all().all():
        raise ValueError(f"year={year!r}: no GDP or population in data.reference for that year "
                         f"(the default year is {default_year})")
    frame = geoframes.provinces_frame().drop(columns="id")
    stats = stats.drop(columns=[c for c in ("name_en", "name_zh") if c in stats.columns])
    frame = frame.merge(stats, on="adcode", how="left")
    frame.insert(list(frame.columns).index("gdp"), "year", year if year is not None else default_year)
    # the boundary area is the build's own; fill what the reference leaves to the caller
    if "area_boundary" in frame.columns:
        mainland = frame["population"].notna()
        frame["area_boundary"] = frame["area_boundary"].fillna(frame["area_km2"].where(mainland))
        if "density" in frame.columns:
            frame["density"] = frame["density"].fillna(frame["population"] * 1e4 / frame["area_boundary"])
    frame = _join_catalog(frame, "province")
    km = border()
    land = km.loc[km["kind"] == "land"].groupby("adcode")["length_km"].sum()
    frame["border_km"] = frame["adcode"].map(land).fillna(0.0).round(1)
    frame["source_geometry"] = geometry_source()
    frame["source_indicators"] = " | ".join(f"{ind}: {INDICATORS[ind].source}" for ind in _STAT_INDICATORS
                                            if ind in INDICATORS)
    return _geometry_last(frame)


def prefectures() -> gpd.GeoDataFrame:
    """Return the 370 prefecture-level units (drill-down detail) with the catalog joined.

    Returns
    -------
    geopandas.GeoDataFrame
        Sorted by adcode, EPSG:4326. Columns: ``adcode, parent_adcode, name_zh, name_en, aliases,
        lon, lat, area_km2, province_name_en, macro_region, macro_region_name_en, strategies,
        n_strategies, box12_items, box12_ports, box12_towns, box12_airports, box12_highways,
        source_geometry, source_macro_region, source_strategies``, ``geometry``.
        Chongqing, Taiwan, Hong Kong and Macao appear once each with their province's adcode.
    """
    frame = geoframes.prefectures_frame().drop(columns="id")
    names = frame["parent_adcode"].map(_province_names())
    frame.insert(list(frame.columns).index("lon"), "province_name_en", names)
    frame = _join_catalog(frame, "prefecture")
    frame["source_geometry"] = geometry_source()
    return _geometry_last(frame)


def counties(province: str | None = None) -> gpd.GeoDataFrame:
    """Return the county-level units (county detail), all or one province's, with the catalog joined.

    Parameters
    ----------
    province : str, optional
        A province adcode such as ``"650000"``.

    Returns
    -------
    geopandas.GeoDataFrame
        Sorted by adcode, EPSG:4326. Columns: ``adcode, parent_adcode`` (prefecture),
        ``province_adcode, name_zh, name_en, lon, lat, area_km2, border`` (on the land border),
        ``border_km, neighbours, macro_region, macro_region_name_en, strategies, n_strategies``
        (through the prefecture and the province), ``box12_items, box12_ports, box12_towns,
        box12_airports, box12_highways`` (items placed in the county by :func:`infrastructure`),
        ``source_geometry, source_macro_region, source_strategies``, ``geometry``.

    Raises
    ------
    ValueError
        If ``province`` is not a province adcode (the message names the argument).
    """
    if province is not None and not isinstance(province, str):
        raise ValueError(f"province={province!r}: expected a province adcode string such as '650000'")
    try:
        frame = geoframes.counties_frame(province).drop(columns="id")
    except ValueError as exc:
        raise ValueError(str(exc).replace("province_adcode=", "province=")) from None
    region = {code: _macro(code) for code in frame["parent_adcode"].unique()}
    frame["macro_region"] = frame["parent_adcode"].map(lambda c: region[c][0])
    frame["macro_region_name_en"] = frame["parent_adcode"].map(lambda c: region[c][1])
    frame["source_macro_region"] = frame["parent_adcode"].map(lambda c: region[c][2])
    strat = {code: _strategies(code) for code in frame["parent_adcode"].unique()}
    frame["strategies"] = frame["parent_adcode"].map(lambda c: strat[c][0])
    frame["n_strategies"] = frame["parent_adcode"].map(lambda c: strat[c][1]).astype(int)
    frame["source_strategies"] = frame["parent_adcode"].map(lambda c: strat[c][2])
    placed = infrastructure()
    frame = _box12_counts(frame, placed.assign(county_adcode=placed["county_adcode"].str.split(";"))
                          .explode("county_adcode"), "county_adcode")
    frame["source_geometry"] = geometry_source()
    return _geometry_last(frame)


def border() -> gpd.GeoDataFrame:
    """Return the land border by neighbour and province, and the maritime line.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, land pieces by neighbour then province, the maritime line last. Columns: ``id,
        kind`` (land|maritime), ``iso3, adcode, province_name_en, macro_region, border_counties``
        (land-border counties of that province along that neighbour), ``length_km`` (geodesic),
        ``source_geometry``, ``geometry``.
    """
    frame = geoframes.border_frame()
    frame.insert(4, "province_name_en", frame["adcode"].map(_province_names()).fillna(""))
    frame.insert(5, "macro_region", frame["adcode"].map(
        lambda c: macro_region_of(c) if c else None))
    counts = _border_county_counts()
    frame.insert(6, "border_counties", [counts.get((i, a), 0) for i, a in zip(frame["iso3"], frame["adcode"],
                                                                              strict=True)])
    frame["source_geometry"] = geometry_source() + "; neighbours: cn-neighbors (World Bank boundaries)"
    return _geometry_last(frame)


def infrastructure() -> gpd.GeoDataFrame:
    """Return Box 12 (``data/catalog/infrastructure.csv``) with geometry and the units it lies in.

    Points come from ``lon, lat``, highways from ``geometry_wkt`` (straight lines through their
    named ends); programmes without a place have no geometry. Each geometry is placed in
    province, prefecture and county with a spatial join (:func:`geo.geoframes.locate`): a point
    outside every unit takes the nearest within :data:`INFRASTRUCTURE_MAX_KM` (the border gates
    the GCJ-02 outlines put just across the line); a highway lists every unit it crosses.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per catalog row, catalog order, EPSG:4326: the catalog columns, then
        ``province_sjoin, prefecture_sjoin, county_adcode, county_name_en, county_name_zh,
        placement`` (inside|nearest|none), ``distance_km`` (to the unit when placed by nearest),
        ``border_county`` (the county is on the land border), ``macro_region``, ``geometry``.
    """
    cat = load_catalog().infrastructure.copy()
    geoms: list[BaseGeometry | None] = []
    for lon, lat, line in zip(cat["lon"].tolist(), cat["lat"].tolist(), cat["geometry_wkt"].tolist(),
                              strict=True):
        if not np.isnan(lon):
            geoms.append(gpd.points_from_xy([lon], [lat])[0])
        elif line:
            geoms.append(wkt.loads(line))
        else:
            geoms.append(None)
    frame = gpd.GeoDataFrame(cat, geometry=np.array(geoms, dtype=object), crs=WGS84)
    return _place(frame, province_col="province_adcode")


def events() -> gpd.GeoDataFrame:
    """Return the symposia, meetings and inspection tours (``data/catalog/events.csv``) as points.

    Returns
    -------
    geopandas.GeoDataFrame
        Catalog order, EPSG:4326: the catalog columns, then ``province_sjoin, prefecture_sjoin,
        county_adcode, county_name_en, county_name_zh, placement, distance_km, border_county,
        macro_region`` (of the event's catalog adcode), ``geometry`` (None without a point).
    """
    cat = load_catalog().events.copy()
    geoms = [None if np.isnan(x) else gpd.points_from_xy([x], [y])[0]
             for x, y in zip(cat["lon"].tolist(), cat["lat"].tolist(), strict=True)]
    frame = gpd.GeoDataFrame(cat, geometry=np.array(geoms, dtype=object), crs=WGS84)
    return _place(frame, province_col="adcode")


# --- helpers -------------------------------------------------------------------------------------


def _place(frame: gpd.GeoDataFrame, *, province_col: str) -> gpd.GeoDataFrame:
    located = {lvl: geoframes.locate(frame, lvl, max_km=INFRASTRUCTURE_MAX_KM) for lvl in geoframes.LEVELS}
    frame["province_sjoin"] = located["province"]["adcode"]
    frame["prefecture_sjoin"] = located["prefecture"]["adcode"]
    frame["county_adcode"] = located["county"]["adcode"]
    table = _county_table()
    single = frame["county_adcode"].where(~frame["county_adcode"].fillna("").str.contains(";"))
    frame["county_name_en"] = single.map(table["name_en"])
    frame["county_name_zh"] = single.map(table["name_zh"])
    frame["placement"] = located["county"]["placement"]
    frame["distance_km"] = located["county"]["distance_km"]
    flags = table["border"]
    frame["border_county"] = frame["county_adcode"].map(
        lambda v: any(flags.get(c, False) for c in v.split(";")) if isinstance(v, str) else None)
    frame["macro_region"] = frame[province_col].map(lambda c: macro_region_of(c) if c else None)
    return _geometry_last(frame)


def _join_catalog(frame: _Frame, level: str) -> _Frame:
    codes = frame["adcode"]
    region = {c: _macro(c) for c in codes}
    frame["macro_region"] = codes.map(lambda c: region[c][0])
    frame["macro_region_name_en"] = codes.map(lambda c: region[c][1])
    strat = {c: _strategies(c) for c in codes}
    frame["strategies"] = codes.map(lambda c: strat[c][0])
    frame["n_strategies"] = codes.map(lambda c: strat[c][1]).astype(int)
    infra = load_catalog().infrastructure
    frame = _box12_counts(frame, infra, "province_adcode" if level == "province" else "prefecture_adcode")
    frame["source_macro_region"] = codes.map(lambda c: region[c][2])
    frame["source_strategies"] = codes.map(lambda c: strat[c][2])
    return frame


def _box12_counts(frame: _Frame, items: pd.DataFrame, key: str) -> _Frame:
    items = items.loc[items[key].notna() & (items[key] != "")]
    frame["box12_items"] = frame["adcode"].map(items.groupby(key).size()).fillna(0).astype(int)
    for kind in BOX12_KINDS:
        mine = items.loc[items["kind"] == kind].groupby(key).size()
        frame[f"box12_{kind}s"] = frame["adcode"].map(mine).fillna(0).astype(int)
    return frame


@cache
def _macro(adcode: str) -> tuple[str | None, str | None, str]:
    region = macro_region_of(adcode)
    if region is None:
        return None, None, ""
    rows = load_catalog().macro_regions
    mine = rows.loc[rows["region_id"] == region]
    name = str(mine["region_name_en"].iloc[0])
    own = mine.loc[mine["adcode"] == adcode, "source_id"]
    if own.empty:  # a prefecture in its province's region
        from geo.names import units_by_adcode

        parent = units_by_adcode()[adcode].parent_adcode
        own = mine.loc[mine["adcode"] == parent, "source_id"]
    return region, name, ";".join(dict.fromkeys(own))


@cache
def _strategies(adcode: str) -> tuple[str, int, str]:
    rows = strategies_for(adcode)
    ids = list(rows["strategy_id"])
    return ";".join(ids), len(ids), ";".join(dict.fromkeys(rows["source_id"]))


def _province_names() -> dict[str, str]:
    frame = geoframes.provinces_frame()
    return dict(zip(frame["adcode"], frame["name_en"], strict=True))


def _county_table() -> pd.DataFrame:
    from geo.artifacts import county_table

    return county_table().set_index("adcode")


def _border_county_counts() -> dict[tuple[str, str], int]:
    table = _county_table()
    out: dict[tuple[str, str], int] = {}
    on_border = table.loc[table["border"]]
    for neighbours, province in zip(on_border["neighbours"].tolist(), on_border["province_adcode"].tolist(),
                                    strict=True):
        for iso3 in neighbours.split(";"):
            key = (iso3, province)
            out[key] = out.get(key, 0) + 1
    return out


def _geometry_last(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """The frame with its ``source_*`` columns (sorted) and then ``geometry`` last."""
    sources = sorted(c for c in frame.columns if c.startswith("source_") and c != "source_id")
    cols = [c for c in frame.columns if c != "geometry" and c not in sources] + sources + ["geometry"]
    return gpd.GeoDataFrame(frame[cols], geometry="geometry", crs=WGS84)
