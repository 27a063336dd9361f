"""The prefecture map of one province: data assembly around :func:`figures.prefecture.prefecture_map`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from figures.common import OKABE_ITO
from figures.map import Category
from figures.overlays import Overlays
from figures.prefecture import prefecture_map, prefecture_value_map
from views import datasets, words
from views.map import map_overlays
from views.panel import province_strategies
from views.prefecture_census import census_values, follows_census
from views.state import ViewState


def prefecture_figure(state: ViewState, *, height: int | None = None,
                      by_indicator: bool = False) -> go.Figure:
    """The prefecture map of ``state.province`` (a fresh copy of a cached figure).

    With ``by_indicator`` and ``state.indicator`` population or density, prefectures are coloured by
    their census population (or its change between censuses for a ``state.year`` range, see
    :mod:`views.prefecture_census`). Otherwise prefectures that belong to a strategy covering only
    part of the province are coloured by that strategy (the selected strategies first, then the
    broadest). The province's Box 12 places, events and border lines are drawn on top.

    Raises
    ------
    ValueError
        If ``state.province`` is empty.
    """
    fig = go.Figure(prefecture_figure_json(state, by_indicator=by_indicator))
    if height is not None:
        fig.update_layout(height=height)
    return fig


def prefecture_figure_json(state: ViewState, *, by_indicator: bool = False) -> dict[str, Any]:
    """:func:`prefecture_figure` as the cached plain dict (for dcc.Graph: no copy, no validation).

    ``by_indicator=False`` (the default) always colours by strategy membership, whatever the state's
    indicator and year; ``True`` follows them (census population for population and density).

    Raises
    ------
    ValueError
        If ``state.province`` is empty.
    """
    if not state.province:
        raise ValueError("state.province is empty: expected a province adcode such as 650000")
    if by_indicator and follows_census(state.indicator):
        return _census_figure(state.province, state.lang, state.year)
    return _prefecture_figure(state.province, state.lang, state.strategies)


def prefecture_view(state: ViewState) -> ViewState:
    """The part of ``state`` the drill-down's prefecture map depends on (with ``by_indicator=True``):
    language and province, plus the URL's year when the map shows census population (its legend names
    the census years nearest to it). Hashable, so a caller can cache the map on it; population and
    density give the same view."""
    base = ViewState(lang=state.lang, province=state.province)
    if not follows_census(state.indicator):
        return base
    return base.with_(indicator="population", year=state.year)


@lru_cache(maxsize=128)
def _census_figure(adcode: str, lang: str, year: tuple[int, ...] | None) -> dict[str, Any]:
    values, meta = census_values(adcode, lang, year)
    fig = prefecture_value_map(
        datasets.prefectures_geojson(adcode), values, meta=meta, overlay_labels=words.in_language(lang),
        overlays=_province_overlays(adcode), layers=_LAYERS, no_data_label=words.t("map.nodata", lang),
    )
    figure: dict[str, Any] = fig.to_plotly_json()  # plotly is untyped: the figure as a plain dict
    return figure


_LAYERS = ("ports", "towns", "airports", "highways", "events", "border")


def _province_overlays(adcode: str) -> Overlays:
    """The drill-down overlays restricted to province ``adcode``."""
    overlays = map_overlays("drill")
    infra = overlays.infrastructure
    infra = infra[infra["province_adcode"] == adcode] if not infra.empty else infra
    events = overlays.events
    if not events.empty:
        in_province = events["adcode"].map(lambda a: isinstance(a, str) and datasets.province_of(a) == adcode)
        events = events[in_province]
    border = overlays.border
    if border:
        border = {"type": "FeatureCollection", "features": [
            f for f in border.get("features", [])
            if str((f.get("properties") or {}).get("adcode")) == adcode]}
    return Overlays(infra, events, border, overlays.source_labels)


@lru_cache(maxsize=128)
def _prefecture_figure(adcode: str, lang: str, strategies: tuple[str, ...]) -> dict[str, Any]:
    prefs = datasets.prefecture_table()
    prefs = prefs[prefs["parent_adcode"] == adcode][["adcode", "name_en", "name_zh"]].copy() \
        if not prefs.empty else pd.DataFrame(columns=["adcode", "name_en", "name_zh"])
    groups = _partial_groups(adcode, strategies)
    categories = []
    prefs["category"] = ""
    prefs["note"] = ""
    for i, (key, label, members) in enumerate(groups[: len(OKABE_ITO) - 1]):
        categories.append(Category(key, label(lang), OKABE_ITO[i]))
        free = prefs["adcode"].isin(members) & prefs["category"].eq("")
        prefs.loc[free, "category"] = key
    for _key, label, members in groups:
        hit = prefs["adcode"].isin(members)
        text = label(lang)
        prefs.loc[hit, "note"] = prefs.loc[hit, "note"].map(lambda n, x=text: f"{n}; {x}" if n else x)
    fig = prefecture_map(
        datasets.prefectures_geojson(adcode), prefs, categories=categories,
        other_label=words.t("panel.other_prefectures", lang), overlay_labels=words.in_language(lang),
        overlays=_province_overlays(adcode), layers=_LAYERS,
        no_data_label=words.t("map.nodata", lang),
    )
    figure: dict[str, Any] = fig.to_plotly_json()  # plotly is untyped: the figure as a plain dict
    return figure


def _partial_groups(adcode: str, selected: tuple[str, ...]) -> list[tuple[str, Any, frozenset[str]]]:
    """Strategies (and the Northeast region) that cover only some prefectures of the province,
    the selected ones first, then the broadest."""
    groups: list[tuple[str, Any, frozenset[str]]] = []
    rows = province_strategies(adcode)
    if not rows.empty:
        part = rows[rows["via"] == "prefecture"]
        for _, row in part.iterrows():
            members = frozenset(c for c in str(row["member_adcodes"]).split(";") if c)
            groups.append((str(row["strategy_id"]), lambda lang, r=row: words.name(r, lang), members))
    ne = frozenset(a for a, r in datasets.region_of().items()
                   if r == "northeast" and datasets.province_of(a) == adcode and a != adcode)
    if ne and all(members != ne for _, _, members in groups):  # not when a strategy names the same set
        groups.append(("region-northeast", lambda lang: words.t("panel.ne_region", lang), ne))
    groups.sort(key=lambda g: (g[0] not in selected, -len(g[2]), g[0]))
    return groups


def prefecture_config(adcode: str, lang: str) -> dict[str, Any]:
    from figures.common import TOPOJSON_URL

    return {"displaylogo": False, "topojsonURL": TOPOJSON_URL, "scrollZoom": False,
            "modeBarButtonsToRemove": ["lasso2d", "select2d"],
            "toImageButtonOptions": {"format": "png", "scale": 2,
                                     "filename": f"china-atlas_prefectures_{adcode}_{lang}"}}

