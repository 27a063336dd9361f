"""CSV and GeoJSON of the current view, each row carrying where its values come from.

The table has one row per province-level unit: names, macro-region, the indicator's value with unit,
year and source, whether it is in focus (region / strategy filters), and the strategies covering it
with the sentence and document that say so.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from views import chart_data as cd
from views import datasets
from views.state import ViewState

VIEW_COLUMNS = (
    "adcode",
    "name_en",
    "name_zh",
    "macro_region",
    "macro_region_source_id",
    "macro_region_quote",
    "indicator",
    "value",
    "unit",
    "year",
    "value_source",
    "in_focus",
    "strategies",
    "strategy_source_ids",
    "strategy_quotes",
)


def view_table(state: ViewState) -> pd.DataFrame:
    """The current view as a table: one row per province (see :data:`VIEW_COLUMNS`)."""
    provinces = datasets.province_table()
    if provinces.empty:
        return pd.DataFrame(columns=list(VIEW_COLUMNS))
    frame = provinces[["adcode", "name_en", "name_zh"]].copy().sort_values("adcode").reset_index(drop=True)
    frame["macro_region"] = frame["adcode"].map(cd.province_regions()).fillna("")
    regions = datasets.catalog_table("macro_regions")
    if not regions.empty:
        rows = regions[regions["level"] == "province"].set_index("adcode")
        frame["macro_region_source_id"] = frame["adcode"].map(rows["source_id"]).fillna("")
        frame["macro_region_quote"] = frame["adcode"].map(rows["quote"]).fillna("")
    else:
        frame["macro_region_source_id"] = frame["macro_region_quote"] = ""
    indicator = state.indicator
    if indicator in cd.NUMERIC_INDICATORS:
        values = cd.ranking_data(indicator, "en").set_index("adcode")["value"]
        meta = cd.indicator_meta(indicator, "en")
        frame["indicator"] = indicator
        frame["value"] = frame["adcode"].map(values)
        frame["unit"], frame["year"], frame["value_source"] = meta.unit, meta.year, meta.source
        per_row = cd.row_sources(indicator)
        if per_row:
            frame["value_source"] = frame["adcode"].map(per_row).fillna(meta.source)
    else:  # a categorical map colouring: the macro-region or the selected strategies' coverage
        frame["indicator"], frame["unit"], frame["year"] = indicator, "", ""
        frame["value"] = frame["macro_region"] if indicator == "macro_region" else ""
        frame["value_source"] = (
            "atlas catalog (macro_regions.csv)"
            if indicator == "macro_region"
            else "atlas catalog (strategy_members.csv)"
        )
    focus = _focus(state)
    frame["in_focus"] = [focus is None or a in focus for a in frame["adcode"]]
    cover = _coverage_sources(state.strategies)
    for column in ("strategies", "strategy_source_ids", "strategy_quotes"):
        frame[column] = frame["adcode"].map(lambda a, c=column: cover.get(a, {}).get(c, ""))
    if indicator == "membership":
        covered = datasets.covered_provinces(state.strategies, state.mode)
        frame["value"] = [
            ("whole" if covered[a] else "part") if a in covered else "out" for a in frame["adcode"]
        ]
    return frame.loc[:, list(VIEW_COLUMNS)]


def view_csv(state: ViewState) -> str:
    """:func:`view_table` as UTF-8 CSV text (with a header row)."""
    return view_table(state).to_csv(index=False)


def view_geojson(state: ViewState) -> str:
    """The province polygons with :func:`view_table`'s columns as properties (GeoJSON text).

    Geometry is the display-simplified boundary the map draws; a province without geometry is left out.
    """
    geo = datasets.provinces_geojson() or {"type": "FeatureCollection", "features": []}
    table = view_table(state).set_index("adcode")
    features: list[dict[str, Any]] = []
    for feature in geo.get("features") or []:
        adcode = str(feature.get("id") or feature.get("properties", {}).get("adcode"))
        if adcode not in table.index:
            continue
        props = {k: _json_value(v) for k, v in table.loc[adcode].items()}
        features.append(
            {
                "type": "Feature",
                "id": adcode,
                "properties": {"adcode": adcode, **props},
                "geometry": feature.get("geometry"),
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def _focus(state: ViewState) -> frozenset[str] | None:
    try:
        from views.map import map_focus
    except ImportError:
        return None
    return map_focus(state)


def _coverage_sources(strategies: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Province -> strategies (of the selected ones) covering it, with source ids and quotes."""
    if not strategies:
        return {}
    members = datasets.catalog_table("strategy_members")
    if members.empty:
        return {}
    chosen = members[members["strategy_id"].isin(strategies)].copy()
    chosen["province"] = chosen["adcode"].astype(str).str[:2] + "0000"
    out: dict[str, dict[str, str]] = {}
    for province, group in chosen.groupby("province"):
        first = group.drop_duplicates("strategy_id")
        out[str(province)] = {
            "strategies": ";".join(first["strategy_id"]),
            "strategy_source_ids": ";".join(first["source_id"]),
            "strategy_quotes": " | ".join(first["quote"]),
        }
    return out


def _json_value(value: object) -> object:
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        return value.item()  # numpy scalar
    return value
