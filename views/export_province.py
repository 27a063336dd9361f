"""What "Download CSV" gives with a province open (issue 13, item 10): the province's prefectures, the
view the prefecture map shows, not the national 34-province table; and a file name for every download
that says the view (indicator, year, region filter, strategies, province).

One row per prefecture-level unit: its names and adcode, every catalog strategy covering it (a
province-level member covers all its prefectures; a prefecture-level member only itself) with the
source ids and the membership basis, whether it is covered by the selected strategies (any/all), and
its resident population at the 2010 and 2020 censuses with their sources
(``data/reference/prefecture_indicators.csv``).

"Download GeoPackage" (:func:`view_geopackage`) gives the view's provinces and, with a province open,
these prefectures with their boundaries.
"""

from __future__ import annotations

import pandas as pd

from geo.gpkg import geopackage_bytes, layer_from_geojson
from views import datasets
from views.export import view_table
from views.indicators import shown_year
from views.state import ViewState

PREFECTURE_COLUMNS = (
    "adcode", "name_en", "name_zh", "province_adcode", "province_name_en",
    "strategies", "strategy_source_ids", "strategy_membership_basis", "in_selected_strategies",
    "population_census_2010", "population_census_2010_source",
    "population_census_2020", "population_census_2020_source",
)


def prefecture_view_table(state: ViewState) -> pd.DataFrame:
    """The prefectures of ``state.province`` (see :data:`PREFECTURE_COLUMNS`); empty without one."""
    province = state.province or ""
    prefs = datasets.prefecture_table()
    if not province or prefs.empty:
        return pd.DataFrame(columns=list(PREFECTURE_COLUMNS))
    frame = prefs[prefs["parent_adcode"] == province][["adcode", "name_en", "name_zh"]].copy()
    frame = frame.sort_values("adcode").reset_index(drop=True)
    frame["province_adcode"] = province
    place = datasets.places().get(province)
    frame["province_name_en"] = place.name_en if place is not None else ""
    covering = _covering(province, frame["adcode"].tolist())
    for column in ("strategies", "strategy_source_ids", "strategy_membership_basis"):
        frame[column] = [";".join(str(r[column]) for r in covering.get(a, [])) for a in frame["adcode"]]
    chosen = set(state.strategies)
    if chosen:
        def selected(adcode: str) -> bool:
            have = {str(r["strategies"]) for r in covering.get(adcode, [])}
            return bool(have & chosen) if state.mode == "any" else chosen <= have
        frame["in_selected_strategies"] = [selected(a) for a in frame["adcode"]]
    else:
        frame["in_selected_strategies"] = ""
    census = datasets.prefecture_census()
    for year in (2010, 2020):
        rows = census[(census["indicator"] == "population_census") & (census["year"].astype(int) == year)] \
            if not census.empty else census
        by = rows.drop_duplicates("adcode").set_index("adcode") if not rows.empty else None
        frame[f"population_census_{year}"] = frame["adcode"].map(by["value"]) if by is not None else None
        frame[f"population_census_{year}_source"] = (frame["adcode"].map(by["source"]).fillna("")
                                                    if by is not None else "")
    return frame.loc[:, list(PREFECTURE_COLUMNS)]


def _covering(province: str, prefectures: list[str]) -> dict[str, list[dict[str, str]]]:
    """Prefecture adcode -> the strategy member rows covering it (one per strategy)."""
    members = datasets.catalog_table("strategy_members")
    out: dict[str, list[dict[str, str]]] = {a: [] for a in prefectures}
    if members.empty:
        return out
    rows = members[members["adcode"].astype(str).str[:2] == province[:2]]
    for _, row in rows.sort_values(["strategy_id", "adcode"]).iterrows():
        code = str(row["adcode"])
        targets = prefectures if row["level"] == "province" else [code] if code in out else []
        for target in targets:
            if any(r["strategies"] == row["strategy_id"] for r in out[target]):
                continue
            out[target].append({"strategies": str(row["strategy_id"]),
                                "strategy_source_ids": str(row["source_id"]),
                                "strategy_membership_basis": str(row.get("note") or "").replace(";", ",")})
    return out


def prefecture_view_csv(state: ViewState) -> str:
    """:func:`prefecture_view_table` as CSV text."""
    return prefecture_view_table(state).to_csv(index=False)


def view_geopackage(state: ViewState) -> bytes:
    """The view as a GeoPackage (what "Download GeoPackage" sends): a ``provinces`` layer with
    :func:`views.export.view_table`'s columns and, with a province open, a ``prefectures`` layer with
    :func:`prefecture_view_table`'s (what the CSV gives there). Geometry is the simplified boundary the
    map draws; each layer adds a ``source_geometry`` column beside its other source columns.

    Written by :mod:`geo.gpkg` (sqlite3 + shapely), not geopandas or GDAL, which the workers keep out.
    """
    source = datasets.geometry_source()
    provinces = view_table(state).assign(source_geometry=source)
    what = f"{state.indicator}, {'-'.join(str(y) for y in state.year or ())}".rstrip(", ")
    layers = [layer_from_geojson("provinces", datasets.provinces_geojson(), provinces,
                                 description=f"China Regional Development Atlas: provinces ({what})")]
    if state.province:
        prefectures = prefecture_view_table(state).assign(source_geometry=source)
        layers.append(layer_from_geojson(
            "prefectures", datasets.prefectures_geojson(state.province), prefectures,
            description=f"China Regional Development Atlas: prefectures of {state.province}"))
    return geopackage_bytes(layers)


def view_file_stem(chart: str, state: ViewState) -> str:
    """The file name (without suffix) of a download of ``chart`` for ``state``: what the view shows.

    ``china-atlas_<chart>_<indicator>_<year>[_<region>][_<strategies>][_<province>][_zh]``; the
    prefecture map and its CSV are ``china-atlas_prefectures_<province>…``.
    """
    parts = ["china-atlas", "prefectures" if chart == "prefecture" else chart]
    if chart in ("map", "prefecture"):
        parts.append(state.indicator)
        year = state.year if state.year is not None and len(state.year) == 2 else None
        shown = "-".join(str(y) for y in year) if year else str(shown_year(state.indicator, state.year) or "")
        if shown:
            parts.append(shown)
        if state.region:
            parts.append(state.region)
        if state.strategies:
            parts.append("+".join(state.strategies[:3]) + (f"+{len(state.strategies) - 3}more"
                                                           if len(state.strategies) > 3 else ""))
            parts.append(state.mode)
    if state.province and chart in ("map", "prefecture"):
        parts.append(state.province)
    if state.lang != "en":
        parts.append(state.lang)
    return "_".join(parts)
