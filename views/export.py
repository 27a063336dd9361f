"""What leaves the atlas: the figure each exportable chart shows (dressed for a standalone PNG: title,
legend, source line and date) and the current view as a CSV or GeoJSON table with its source columns.

The maps come from the core builders (:func:`views.map.national_figure`, the prefecture builder) and the
charts from :func:`views.charts.chart_figure`; this module only adds what a file outside the page needs.
The server renders the PNG (:mod:`server.render`); nothing here touches kaleido.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from figures.chart_style import style_chart
from views import datasets, words
from views.change import has_change, vintage_of
from views.charts import chart_figure
from views.indicators import NUMERIC, STATISTICS, row_sources, shown_year
from views.map import map_focus, map_values_meta, national_figure
from views.prefecture import prefecture_figure
from views.ranking import province_regions
from views.state import ViewState
from views.words import t

#: The charts ``python app.py export --chart`` and the export bar can render.
EXPORT_CHARTS: tuple[str, ...] = ("map", "prefecture", "ranking", "matrix", "regions", "timeline",
                                  "convergence", "shares", "trend", "compare", "bump")


def export_figure(state: ViewState, chart: str, *, height: int | None = None) -> go.Figure:
    """The figure ``chart`` (one of :data:`EXPORT_CHARTS`) shows for ``state``, dressed for a standalone
    image (title, source, date)."""
    if chart in ("map", "prefecture"):
        return map_export_figure(state, chart, height=height)
    return chart_figure(state, chart, for_export=True)


def map_export_figure(state: ViewState, chart: str, *, height: int | None = None) -> go.Figure:
    """The ``map`` (national) or ``prefecture`` (``state.province``) figure with title and source line.

    Raises
    ------
    ValueError
        If ``chart`` is ``prefecture`` and ``state.province`` is empty, or ``chart`` is not a map.
    """
    lang = state.lang
    stamp = date.today().isoformat()
    if chart == "map":

        fig = national_figure(state, height=height)
        meta = map_values_meta(state)[1]  # the year shown and its vintage, or the change between two
        title = meta.label + (f", {meta.year}" if meta.year else "")
        subtitle = " · ".join(x for x in (_map_subtitle(state), meta.centre_label) if x) or None
        source = meta.source
        if state.indicator in STATISTICS and source:
            source = t("charts.source.stats", lang, source=source)
    elif chart == "prefecture":
        if not state.province:
            raise ValueError("chart='prefecture' needs state.province (an adcode such as 650000)")
        fig, title, source = _prefecture(state, height)
        subtitle = None
    else:
        raise ValueError(f"chart={chart!r}: expected 'map' or 'prefecture'")
    line = t("export.source_line", lang, sources=source, date=stamp) if source else \
        f"{t('app.title', lang)} · {stamp}"
    style_chart(fig, title=title, subtitle=subtitle, source_note=line, left_margin=10, right_margin=10)
    # The page's map is transparent; an image needs a ground.
    fig.update_layout(paper_bgcolor="white", height=height)
    return fig


def _map_subtitle(state: ViewState) -> str | None:
    lang = state.lang
    parts = []
    if state.region:
        parts.append(f"{words.t('filter.region', lang)}: {words.t(f'region.{state.region}', lang)}")
    if state.strategies:
        names = datasets.catalog_table("strategies")
        column = "name_zh" if lang == "zh" else "name_en"
        lookup = {} if names.empty else dict(zip(names["strategy_id"], names[column], strict=True))
        chosen = [str(lookup.get(s) or s) for s in state.strategies]
        mode = words.t(f"mode.{state.mode}", lang)
        parts.append(f"{words.t('filter.strategies', lang)} ({mode}): {', '.join(chosen)}")
    if state.province:
        place = datasets.places().get(state.province)
        if place is not None:
            parts.append(place.name_zh if lang == "zh" else place.name_en)
    return " · ".join(parts) or None


def _prefecture(state: ViewState, height: int | None) -> tuple[go.Figure, str, str]:
    """The prefecture map of ``state.province``, with its title and source line."""
    fig = prefecture_figure(state, height=height, by_indicator=True)
    place = datasets.places().get(state.province or "")
    name = (place.name_zh if state.lang == "zh" else place.name_en) if place else str(state.province)
    return fig, f"{name} · {words.t('panel.prefectures', state.lang)}", t("source.catalog", state.lang)


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
    "vintage",
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
    frame["macro_region"] = frame["adcode"].map(province_regions()).fillna("")
    regions = datasets.catalog_table("macro_regions")
    if not regions.empty:
        rows = regions[regions["level"] == "province"].set_index("adcode")
        frame["macro_region_source_id"] = frame["adcode"].map(rows["source_id"]).fillna("")
        frame["macro_region_quote"] = frame["adcode"].map(rows["quote"]).fillna("")
    else:
        frame["macro_region_source_id"] = frame["macro_region_quote"] = ""
    indicator = state.indicator
    frame["vintage"] = ""
    if indicator in NUMERIC:
        shown = state.with_(lang="en")
        values_, meta = map_values_meta(shown)  # the view's year, or its change between two years
        values = values_.set_index("adcode")["value"]
        frame["indicator"] = indicator
        frame["value"] = frame["adcode"].map(values)
        years = _table_years(state)
        frame["unit"], frame["value_source"] = meta.unit, meta.source
        if meta.kind == "diverging":  # a change: say which ("%/yr (CAGR)", "pp (percentage points)")
            frame["unit"] = f"{meta.unit} ({'CAGR' if meta.unit == '%/yr' else 'percentage points'})"
        frame["year"] = "-".join(str(y) for y in years)
        frame["vintage"] = ";".join(dict.fromkeys(vintage_of(indicator, y) for y in years if vintage_of(
            indicator, y)))
        per_year = [row_sources(indicator, y) for y in years]
        if any(per_year):
            frame["value_source"] = [
                " | ".join(dict.fromkeys(r[a] for r in per_year if r.get(a))) or meta.source
                for a in frame["adcode"]]
    else:  # a categorical map colouring: the macro-region or the selected strategies' coverage
        frame["indicator"], frame["unit"], frame["year"] = indicator, "", ""
        frame["value"] = frame["macro_region"] if indicator == "macro_region" else ""
        frame["value_source"] = (
            "atlas catalog (macro_regions.csv)"
            if indicator == "macro_region"
            else "atlas catalog (strategy_members.csv)"
        )
    focus = map_focus(state)
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


def _table_years(state: ViewState) -> tuple[int, ...]:
    """The year(s) of the view's values: (start, end) of a change, else the one year shown (or none)."""
    if state.year is not None and len(state.year) == 2 and has_change(state.indicator):
        return state.year
    shown = shown_year(state.indicator, state.year)
    return (shown,) if shown is not None else ()


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
