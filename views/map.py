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

from figures.common import NO_REGION_COLOR, OKABE_ITO, REGION_COLORS, REGION_ORDER
from figures.map import Category, IndicatorMeta, choropleth_style, national_map
from figures.overlays import Overlays
from views import datasets, words
from views.state import LAYERS, ViewState, to_query

STAT_INDICATORS = ("gdp", "gdp_per_capita", "population", "density", "area", "area_boundary")
_DECIMALS = {"gdp": 0, "gdp_per_capita": 0, "population": 0, "density": 1, "area": 0, "area_boundary": 0}
UNIT_ZH = {"mentions": "次", "strategies": "项", "claims": "条"}


def indicator_meta(indicator: str, lang: str, strategies: tuple[str, ...] = ()) -> IndicatorMeta:
    """Label, unit, year, source (and categories) of ``indicator`` in ``lang``."""
    label = words.t(f"indicator.{indicator}", lang)
    if indicator in STAT_INDICATORS:
        info = datasets.statistics_meta().get(indicator, {})
        unit = str(info.get(f"unit_{lang}") or info.get("unit_en") or "")
        return IndicatorMeta(
            indicator, str(info.get(f"label_{lang}") or label), unit=unit,
            year=str(info.get("year") or datasets.STATS_YEAR), source=str(info.get("source") or ""),
            decimals=_DECIMALS.get(indicator, 0),
        )
    if indicator == "macro_region":
        # "none" (Taiwan, Hong Kong, Macao) first: the bottom of the legend, like "no data"
        cats = [Category("none", words.t("region.none", lang), NO_REGION_COLOR)]
        cats += [Category(r, words.t(f"region.{r}", lang), REGION_COLORS[r]) for r in REGION_ORDER]
        return IndicatorMeta(indicator, label, kind="categorical", categories=tuple(cats),
                             source=words.t("source.catalog", lang))
    if indicator == "membership":
        cats = (Category("out", words.t("membership.out", lang), "#F2F2F2"),
                Category("part", words.t("membership.part", lang), OKABE_ITO[1]),
                Category("whole", words.t("membership.whole", lang), OKABE_ITO[4]))
        return IndicatorMeta(indicator, label, kind="categorical", categories=cats,
                             source=words.t("source.catalog", lang) if strategies
                             else words.t("membership.none", lang))
    unit_en = {"attention": "mentions", "strategies": "strategies", "claims": "claims"}[indicator]
    source = words.t("source.extraction" if indicator == "attention" else "source.catalog", lang)
    return IndicatorMeta(indicator, label, unit=UNIT_ZH[unit_en] if lang == "zh" else unit_en, source=source)


def indicator_values(indicator: str, lang: str, strategies: tuple[str, ...] = (),
                     mode: str = "any") -> pd.DataFrame:
    """adcode, name_en, name_zh, value[, note] for every province the geometry has."""
    provinces = datasets.province_table()
    frame = provinces[["adcode", "name_en", "name_zh"]].copy() if not provinces.empty else \
        pd.DataFrame(columns=["adcode", "name_en", "name_zh"])
    frame["note"] = ""
    if indicator in STAT_INDICATORS:
        stats = datasets.statistics()
        if indicator in stats.columns:
            frame["value"] = frame["adcode"].map(stats.set_index("adcode")[indicator])
        else:
            frame["value"] = None
    elif indicator == "macro_region":
        regions = datasets.region_of()
        frame["value"] = frame["adcode"].map(regions).fillna("none") if regions else None
        ne_prefs = [a for a, r in regions.items() if r == "northeast" and not a.endswith("0000")]
        note = words.t("note.ne_prefectures", lang, n=len(ne_prefs)) if ne_prefs else ""
        frame.loc[frame["adcode"] == "150000", "note"] = note
    elif indicator == "membership":
        covered = datasets.covered_provinces(strategies, mode)
        frame["value"] = [("whole" if covered[a] else "part") if a in covered else "out"
                          for a in frame["adcode"]] if strategies else None
    elif indicator == "strategies":
        cov = datasets.coverage()
        counts = cov.groupby("province")["strategy_id"].nunique()
        partial = cov[~cov["whole"]].groupby("province")["strategy_id"].nunique()
        frame["value"] = frame["adcode"].map(counts).fillna(0) if not cov.empty else None
        frame["note"] = [words.t("note.partly", lang, n=int(partial.get(a, 0))) if partial.get(a, 0) else ""
                         for a in frame["adcode"]]
    elif indicator == "claims":
        claims = datasets.catalog_table("claims")
        if claims.empty or "adcode" not in claims.columns:
            frame["value"] = None
        else:
            counts = claims.dropna(subset=["adcode"]).assign(
                province=lambda c: c["adcode"].map(datasets.province_of)).groupby("province").size()
            frame["value"] = frame["adcode"].map(counts).fillna(0)
    elif indicator == "attention":
        att = datasets.attention()
        frame["value"] = frame["adcode"].map(att.groupby("adcode")["mentions"].sum()).fillna(0) \
            if not att.empty else None
    else:
        raise ValueError(f"indicator={indicator!r}: not a map indicator")
    return frame


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
    return Overlays(
        infrastructure=datasets.catalog_table("infrastructure"),
        events=datasets.catalog_table("events"),
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


def national_figure(state: ViewState, *, height: int | None = None) -> go.Figure:
    """The national map of ``state``, complete (geometry, colours, overlays)."""
    return national_map(
        datasets.provinces_geojson(),
        indicator_values(state.indicator, state.lang, state.strategies, state.mode),
        meta=indicator_meta(state.indicator, state.lang, state.strategies),
        lang=state.lang, classify=state.classify, overlays=map_overlays(), layers=state.layers,
        focus=map_focus(state), selected=state.province, no_data_label=words.t("map.nodata", state.lang),
        inset_label=words.t("map.inset", state.lang), height=height,
    )


def map_drawn(state: ViewState) -> dict[str, Any]:
    """What the national map shows for ``state``: the overlays' language and layers and the choropleth's
    view (the page keeps it in a store, so that a patch sends only what changed)."""
    view = ViewState(indicator=state.indicator, strategies=state.strategies, mode=state.mode,
                     region=state.region, province=state.province, lang=state.lang, classify=state.classify)
    return {"lang": state.lang, "layers": list(state.layers), "view": to_query(view)}


def map_patch_props(state: ViewState) -> dict[str, Any]:
    """The choropleth properties of ``state`` (no geometry): what a ``Patch`` of trace 0 sets.

    Cached on the fields that matter (not layers, tab or source), so repeated views cost nothing.
    """
    key = ViewState(indicator=state.indicator, strategies=state.strategies, mode=state.mode,
                    region=state.region, province=state.province, lang=state.lang, classify=state.classify)
    return _map_patch_props(key)


@lru_cache(maxsize=512)
def _map_patch_props(state: ViewState) -> dict[str, Any]:
    geo = datasets.provinces_geojson() or {}
    locations = [str(f["id"]) for f in geo.get("features") or []]
    return choropleth_style(
        locations, indicator_values(state.indicator, state.lang, state.strategies, state.mode),
        meta=indicator_meta(state.indicator, state.lang, state.strategies), classify=state.classify,
        focus=map_focus(state), selected=state.province, no_data_label=words.t("map.nodata", state.lang),
    )


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
    return national_figure(ViewState(lang=lang)).to_plotly_json()
