"""What the national map shows for a :class:`~views.state.ViewState`: data assembly around the pure
builder :func:`figures.map.national_map`.

:func:`national_figure` builds the whole figure (the page's first render and the PNG export use it);
:func:`map_patch_props` computes only what a filter change alters, for ``dash.Patch``.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from figures.map import IndicatorMeta, choropleth_style, national_map
from figures.overlays import Overlays
from views import datasets, words
from views.change import change_meta, change_values, has_change
from views.indicators import indicator_meta, indicator_values, indicator_years, shown_year
from views.map_strategies import with_strategy_classes
from views.state import LAYERS, ViewState


def map_focus(state: ViewState) -> frozenset[str] | None:
    """Provinces in focus: in the chosen region and covered by the chosen strategies (None: all)."""
    focus: set[str] | None = None
    if state.region:
        focus = {a for a, r in datasets.region_of().items() if r == state.region and a.endswith("0000")}
        if state.region == "northeast" and any(
                r == "northeast" and not a.endswith("0000") for a, r in datasets.region_of().items()):
            focus.add("150000")  # the five eastern Inner Mongolia prefectures
    if state.strategies and state.indicator != "membership":
        covered = set(datasets.covered_provinces(state.strategies, state.mode))
        focus = covered if focus is None else focus & covered
    return frozenset(focus) if focus is not None else None


@cache
def map_overlays(detail: str = "national") -> Overlays:
    """Box 12 places, events and border lines, with source titles for the hover.

    ``detail="national"`` simplifies the border lines to what the national map can show (about 1 km;
    a pixel there is about 5 km), a quarter of the bytes; ``"drill"`` keeps them as built.
    """
    border = datasets.border_geojson()
    if border and detail == "national":
        border = simplified_lines(border, tolerance=0.01)
    events = datasets.catalog_table("events")
    if not events.empty and "adcode" in events.columns:
        # the Chinese page names an event's place in Chinese (its prefecture's or province's name)
        places = datasets.places()
        events = events.assign(place_name_zh=[
            places[a].name_zh if isinstance(a, str) and a in places else "" for a in events["adcode"]])
    return Overlays(
        infrastructure=datasets.catalog_table("infrastructure"),
        events=events,
        border=border,
        source_labels=datasets.source_labels(),
    )


def simplified_lines(collection: dict[str, Any], *, tolerance: float) -> dict[str, Any]:
    """A copy of a line FeatureCollection with each geometry simplified (display only)."""
    from shapely.geometry import mapping, shape

    features = []
    for feature in collection.get("features") or []:
        geom = shape(feature["geometry"]).simplify(tolerance, preserve_topology=False)
        features.append({**feature, "geometry": mapping(geom)})
    return {**collection, "features": features}


def map_values_meta(state: ViewState) -> tuple[pd.DataFrame, IndicatorMeta]:
    """The values the map colours by and their labels: the indicator in the state's year, or its
    change between two years (``year=2012-2024``, :mod:`views.change`)."""
    year = state.year
    if year is not None and len(year) == 2 and has_change(state.indicator):
        start, end = year
        return (change_values(state.indicator, start, end, state.lang),
                change_meta(state.indicator, state.lang, start, end))
    return (indicator_values(state.indicator, state.lang, state.strategies, state.mode, year),
            indicator_meta(state.indicator, state.lang, state.strategies, year))


def national_figure(state: ViewState, *, height: int | None = None) -> go.Figure:
    """The national map of ``state``, complete (geometry, colours, overlays)."""
    values, meta = map_values_meta(state)
    fig = national_map(
        datasets.provinces_geojson(),
        values,
        meta=meta,
        overlay_labels=words.in_language(state.lang), classify=state.classify, overlays=map_overlays(),
        layers=state.layers,
        focus=map_focus(state), selected=state.province, no_data_label=words.t("map.nodata", state.lang),
        inset_label=inset_caption(), height=height,
    )
    if state.strategies and fig.data:  # outside the chosen strategies: a grey class (views.map_strategies)
        locations = [str(a) for a in fig.data[0].locations or ()]
        trace = fig.data[0]
        style = {"z": trace.z, "zmax": trace.zmax, "colorscale": trace.colorscale,
                 "colorbar": trace.colorbar.to_plotly_json(), "marker": trace.marker.to_plotly_json()}
        region = map_focus(state.with_(strategies=()))
        fig.data[0].update(with_strategy_classes(style, locations, state, region))
    return fig


def inset_caption() -> str:
    """The inset's caption in both languages ("南海诸岛 · South China Sea Islands"), as on standard
    maps of China: drawn inside the inset, the same on both pages (a language switch leaves it)."""
    return f"{words.t('map.inset', 'zh')} · {words.t('map.inset', 'en')}"


def map_patch_props(state: ViewState) -> dict[str, Any]:
    """The choropleth properties of ``state`` (no geometry): what a ``Patch`` of trace 0 sets.

    Cached on the fields that matter (not layers, tab or source), so repeated views cost nothing.
    """
    key = ViewState(indicator=state.indicator, strategies=state.strategies, mode=state.mode,
                    region=state.region, province=state.province, lang=state.lang, classify=state.classify,
                    year=state.year)
    return _map_patch_props(key)


@lru_cache(maxsize=512)
def _map_patch_props(state: ViewState) -> dict[str, Any]:
    geo = datasets.provinces_geojson() or {}
    locations = [str(f["id"]) for f in geo.get("features") or []]
    values, meta = map_values_meta(state)
    style = choropleth_style(
        locations, values, meta=meta, classify=state.classify,
        focus=map_focus(state), selected=state.province, no_data_label=words.t("map.nodata", state.lang),
    )
    return with_strategy_classes(style, locations, state, map_focus(state.with_(strategies=())))


@lru_cache(maxsize=4)
def overlay_labels(lang: str) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Per overlay trace (by uid), the language-dependent properties: name, text, hovertemplate."""
    out = []
    for trace in _base_figure(lang)["data"][1:]:
        if trace.get("legendgroup") not in LAYERS:
            continue
        props: dict[str, Any] = {"name": trace.get("name"), "hovertemplate": trace.get("hovertemplate")}
        if trace.get("text") is not None:
            props["text"] = list(trace["text"])
        if trace.get("hovertext") is not None:  # points: names read in the page's language first
            props["hovertext"] = list(trace["hovertext"])
        out.append((str(trace.get("uid")), props))
    return tuple(out)


def layout_labels(lang: str) -> dict[str, Any]:
    """The language-dependent layout properties (the inset caption): annotation index -> text."""
    annotations = _base_figure(lang)["layout"].get("annotations") or []
    return {str(i): a.get("text") for i, a in enumerate(annotations)}


def base_figure_json(lang: str = "en") -> dict[str, Any]:
    """The default national figure as a plain dict (built once per language and reused by every page)."""
    return _base_figure(lang)


@lru_cache(maxsize=2)
def _base_figure(lang: str) -> dict[str, Any]:
    figure: dict[str, Any] = national_figure(ViewState(lang=words.as_lang(lang))).to_plotly_json()
    return figure  # (plotly is untyped: to_plotly_json() returns the figure as a plain dict)


def year_bar(state: ViewState) -> dict[str, Any]:
    """What the year bar under the map shows for ``state``: ``hidden``, the slider's ``min``, ``max``,
    ``marks`` and ``value`` (the year shown, the end of a change), the "change since" ``options`` and
    ``since`` ("": one year), and the ``words`` of the play button and the slider handle."""
    years = indicator_years(state.indicator)
    lang = state.lang
    words_ = {k: words.t(f"year.{k}", lang) for k in ("play", "pause", "play_label", "label")}
    if len(years) < 2:  # counts, categories, the boundary area; land area (one year): nothing to move
        return {"hidden": True, "min": 0, "max": 1, "marks": {}, "value": None, "options": [], "since": None,
                "words": words_}
    value = shown_year(state.indicator, state.year) or years[-1]
    since = state.year[0] if state.year is not None and len(state.year) == 2 and has_change(
        state.indicator) else None
    step = 1 if len(years) <= 10 else 2 if len(years) <= 20 else 5
    marks = {str(y): str(y) for y in years if (years[-1] - y) % step == 0 or y == years[0]}
    options = [{"label": words.t("year.since.none", lang), "value": ""}]
    options += [{"label": str(y), "value": str(y)} for y in years[:-1]]
    return {"hidden": False, "min": years[0], "max": years[-1], "marks": marks, "value": value,
            "options": options, "since": str(since) if since else "", "words": words_}
