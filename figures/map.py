"""The national map: a province choropleth with classed legends, and the overlay traces on top of it.

:func:`national_map` builds the whole figure once (geometry included). What a filter changes — colours,
opacity, hover text, legend — is computed by :func:`choropleth_style` alone, so that the page can patch
the first trace (``dash.Patch``) without sending the geometry again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from figures import classing
from figures.classing import CLASSIFIERS, assign_classes, fisher_jenks_breaks, format_number, quantile_breaks
from figures.common import (
    FONT_FAMILY,
    INK,
    MUTED,
    NO_DATA_COLOR,
    empty_figure,
    escape,
    sequential_colors,
    wrap_lines,
)
from figures.inset import inset_layout, inset_traces
from figures.overlays import Overlays, overlay_traces

CLASS_COUNT = 5
DIMMED_OPACITY = 0.22  # provinces outside the chosen region or strategies stay visible, faintly


@dataclass(frozen=True)
class Category:
    """One class of a categorical indicator: the value in the data, its label and its colour."""

    value: str
    label: str
    color: str


@dataclass(frozen=True)
class IndicatorMeta:
    """How to show one indicator: its label and unit (already in the page's language), where it is from.

    ``kind="categorical"`` indicators list their ``categories`` in legend order; numeric ones are
    classed into at most :data:`CLASS_COUNT` bins; ``diverging`` ones (a change) either side of ``centre``.
    """

    key: str
    label: str
    unit: str = ""
    kind: Literal["numeric", "categorical", "diverging"] = "numeric"
    year: str = ""
    source: str = ""
    decimals: int = 0
    categories: tuple[Category, ...] = field(default_factory=tuple)
    centre: float | None = None
    centre_label: str = ""


@dataclass(frozen=True)
class Classes:
    """The result of classing values: a class index per value (-1: no value) and a label per class."""

    index: np.ndarray
    labels: tuple[str, ...]
    colors: tuple[str, ...]


def classify_values(values: Sequence[float] | np.ndarray, *, method: str = "quantiles", k: int = CLASS_COUNT,
                    decimals: int = 0) -> Classes:
    """Class numeric values into at most ``k`` colour bins (quantiles or Fisher-Jenks, see ``classing``).

    Parameters
    ----------
    values : sequence of float
        NaN means "no value" (class -1).
    method : {"quantiles", "natural_breaks"}
        ``natural_breaks`` uses Fisher-Jenks (exact, deterministic).
    k : int
        Upper bound on the number of classes; fewer when there are fewer distinct values.
    decimals : int
        Decimals in the class labels.

    Returns
    -------
    Classes
        Labels give the smallest and largest value actually in each class ("1,200 – 5,400"), so that
        no label names a value that does not occur; empty classes are dropped.
    """
    if method not in CLASSIFIERS:
        raise ValueError(f"method={method!r}: expected one of {', '.join(CLASSIFIERS)}")
    y = np.asarray(values, dtype=float)
    index = np.full(len(y), -1, dtype=int)
    ok = np.isfinite(y)
    distinct = np.unique(y[ok])
    if distinct.size == 0:
        return Classes(index, (), ())
    k_eff = max(1, min(k, distinct.size))
    if k_eff == 1:
        raw = np.zeros(ok.sum(), dtype=int)
    elif distinct.size <= k:
        raw = np.searchsorted(distinct, y[ok])  # one class per distinct value
    else:
        breaks = (quantile_breaks(y[ok], k_eff) if method == "quantiles"
                  else fisher_jenks_breaks(y[ok], k_eff))
        raw = assign_classes(y[ok], breaks)
    used = sorted(set(raw.tolist()))
    remap = {old: new for new, old in enumerate(used)}
    index[ok] = [remap[c] for c in raw]
    labels = []
    for new in range(len(used)):
        members = y[index == new]
        lo, hi = float(members.min()), float(members.max())
        labels.append(format_number(lo, decimals) if lo == hi
                      else f"{format_number(lo, decimals)} – {format_number(hi, decimals)}")
    return Classes(index, tuple(labels), tuple(sequential_colors(len(used))))


def choropleth_style(
    locations: Sequence[str],
    values: pd.DataFrame,
    *,
    meta: IndicatorMeta,
    classify: str = "quantiles",
    focus: frozenset[str] | None = None,
    selected: str | None = None,
    no_data_label: str = "No data",
) -> dict[str, Any]:
    """Return the choropleth trace properties that depend on the view (not the geometry).

    Parameters
    ----------
    locations : sequence of str
        Feature ids (adcodes) in the order of the trace.
    values : DataFrame
        ``adcode``, ``value`` (number, or category value for categorical indicators), ``name_en``,
        ``name_zh``, optional ``note`` (an extra hover line). Rows for other adcodes are ignored;
        missing adcodes show as "no data".
    meta : IndicatorMeta
    classify : {"quantiles", "natural_breaks"}
    focus : frozenset of str or None
        Adcodes in focus (chosen region/strategies); the others are dimmed. ``None``: all in focus.
    selected : str or None
        Adcode drawn with a heavy outline (the open drill-down).
    no_data_label : str
        Legend label of the "no value" class, in the page's language.

    Returns
    -------
    dict
        ``z, zmin, zmax, colorscale, colorbar, text, hovertemplate, selectedpoints, selected,
        unselected, marker`` for ``dash.Patch``.
    """
    for column in ("adcode", "value"):
        if column not in values.columns:
            raise ValueError(f"values: missing column {column!r} (have {list(values.columns)})")
    frame = values.drop_duplicates("adcode").set_index("adcode").reindex(list(locations))
    if meta.kind == "categorical":
        order = {c.value: i for i, c in enumerate(meta.categories)}
        index = np.array([order.get(v, -1) if isinstance(v, str) else -1 for v in frame["value"]])
        labels = [c.label for c in meta.categories]
        colors = [c.color for c in meta.categories]
        shown = [v if isinstance(v, str) and v in order else None for v in frame["value"]]
        value_text = [meta.categories[order[v]].label if v else no_data_label for v in shown]
    else:
        numbers = pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=float)
        if meta.kind == "diverging":  # a change: classes either side of the centre, signed labels
            index, labels, colors = classing.diverging_classify(numbers, meta.centre, meta.decimals,
                                                                meta.unit)
        else:
            classes = classify_values(numbers, method=classify, decimals=meta.decimals)
            index, labels, colors = classes.index, list(classes.labels), list(classes.colors)
        unit = f" {meta.unit}" if meta.unit else ""
        number = classing.format_signed if meta.kind == "diverging" else format_number
        value_text = [number(v, meta.decimals) + unit if math.isfinite(v) else no_data_label for v in numbers]
    if (index < 0).any() or not labels:
        # "no value" is the bottom class of the legend, under the lowest real class
        labels.insert(0, no_data_label)
        colors.insert(0, NO_DATA_COLOR)
        index = index + 1
    k = len(labels)
    # per province only the value (and a note); the names are customdata (see province_names), the
    # indicator's label, year and source are said once in the template: a patch stays small
    text = []
    for (_, row), shown_value in zip(frame.iterrows(), value_text, strict=True):
        note = row.get("note") if "note" in frame.columns else None
        text.append(escape(shown_value) + (f"<br>{escape(note)}" if isinstance(note, str) and note else ""))
    footer = wrap_lines(" · ".join(x for x in (meta.year, meta.centre_label, meta.source) if x))
    in_focus = [focus is None or a in focus for a in locations]
    return {
        "z": index.astype(int).tolist(),
        "zmin": -0.5,
        "zmax": k - 0.5,
        "colorscale": _stepped(colors),
        "showscale": True,
        "colorbar": _colorbar(labels, meta),
        "text": text,
        "hovertemplate": f"<b>%{{customdata}}</b><br>{escape(meta.label)}: %{{text}}"
                         + (f"<br><span style='font-size:11px'>{footer}</span>" if footer else "")
                         + "<extra></extra>",
        # plotly.js ignores an array marker.opacity on choropleths; the selection styles dim instead
        "selectedpoints": None if focus is None else [i for i, f in enumerate(in_focus) if f],
        "selected": {"marker": {"opacity": 1.0}},
        "unselected": {"marker": {"opacity": DIMMED_OPACITY}},
        "marker": {
            "line": {
                "color": ["#111111" if a == selected else "#FFFFFF" for a in locations],
                "width": [2.6 if a == selected else 0.7 for a in locations],
            },
        },
    }


def national_map(
    provinces_geojson: dict[str, Any] | None,
    values: pd.DataFrame,
    *,
    meta: IndicatorMeta,
    overlay_labels: Mapping[str, str] | None = None,
    classify: str = "quantiles",
    overlays: Overlays | None = None,
    layers: Sequence[str] = (),
    focus: frozenset[str] | None = None,
    selected: str | None = None,
    no_data_label: str = "No data",
    inset_label: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """Return the national map: the province choropleth with its overlays.

    Parameters
    ----------
    provinces_geojson : dict or None
        FeatureCollection whose feature ``id`` is the adcode (``geo.artifacts.load_provinces()``).
    values : DataFrame
        See :func:`choropleth_style`.
    meta : IndicatorMeta
        Label, unit, year and source of the indicator, in the page's language.
    overlay_labels : mapping, optional
        The overlays' words in the page's language, by word key (see :func:`figures.overlays.overlay_traces`).
    classify : {"quantiles", "natural_breaks"}
    overlays : Overlays or None
        Border ports, towns, airports, highways, events and border lines.
    layers : sequence of str
        The overlay layers shown; the others are in the figure but hidden (``visible=False``).
    focus, selected, no_data_label
        See :func:`choropleth_style`.
    inset_label : str or None
        With a label, a South China Sea inset (southern provinces and the maritime line) at the bottom
        right, captioned with it.
    height : int or None
        Fixed pixel height (for exports); ``None`` lets the page decide.

    Returns
    -------
    go.Figure
        A defined empty figure ("No data") when there is no geometry.
    """
    collection = provinces_geojson or {}
    features = collection.get("features") or []
    if not features:
        return empty_figure(no_data_label, height=height)
    locations = [str(f["id"]) for f in features]
    style = choropleth_style(locations, values, meta=meta, classify=classify, focus=focus,
                             selected=selected, no_data_label=no_data_label)
    fig = go.Figure(go.Choropleth(
        geojson=provinces_geojson, locations=locations, featureidkey="id", uid="provinces",
        customdata=province_names(locations, values),
        name=meta.label, showlegend=False, hoverlabel={"align": "left"}, **style,
    ))
    overlay = overlay_traces(overlays, labels=overlay_labels or {}, layers=layers)
    layout = map_layout(height=height, geojson=provinces_geojson)
    if inset_label:
        # the maritime line lies almost wholly south of the main frame: it is drawn in the inset only
        inset = inset_traces(collection, overlay, inset_label)
        overlay = [t for t in overlay if t.uid != "maritime"] + inset
        layout.update(inset_layout(inset_label))
    for trace in overlay:
        fig.add_trace(trace)
    fig.update_layout(layout)
    return fig


def map_layout(*, height: int | None = None, geojson: dict[str, Any] | None = None) -> dict[str, Any]:
    """Layout of a map figure, no basemap.

    With ``geojson``: an equal-area conic projection (standard parallels 25° and 47° N, as usual for
    maps of China) framed on the geometry's extent; plotly's ``fitbounds`` does not frame conic
    projections. Without: Mercator, framed by ``fitbounds`` on the drawn locations.
    """
    if geojson is not None:
        (lon0, lat0), (lon1, lat1) = geo_extent(geojson)
        geo: dict[str, Any] = {
            "projection": {"type": "conic equal area", "parallels": [25, 47],
                           "rotation": {"lon": round((lon0 + lon1) / 2, 2)}},
            "lonaxis": {"range": [lon0, lon1]}, "lataxis": {"range": [lat0, lat1]},
        }
    else:
        geo = {"projection": {"type": "mercator"}, "fitbounds": "locations"}
    layout: dict[str, Any] = {
        "geo": {**geo, "visible": False, "bgcolor": "rgba(0,0,0,0)", "domain": {"x": [0, 1], "y": [0, 1]}},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": FONT_FAMILY, "color": INK, "size": 12},
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 13, "color": INK}, "bgcolor": "white",
                       "bordercolor": "#BBBBBB"},
        "legend": {
            "x": 0.005, "y": 0.995, "xanchor": "left", "yanchor": "top", "bgcolor": "rgba(255,255,255,0.85)",
            "bordercolor": "#DDDDDD", "borderwidth": 1, "font": {"size": 12}, "itemsizing": "constant",
            "groupclick": "togglegroup", "tracegroupgap": 2,
        },
        # the legend stays with one layer on (plotly hides a legend of a single item by default)
        "showlegend": True,
        "uirevision": "national",  # keep the user's zoom and legend clicks across patches
        "dragmode": "pan",
    }
    if height is not None:
        layout["height"] = height
    return layout


def geo_extent(geojson: dict[str, Any], *, pad: float = 0.02,
               min_ring_deg2: float = 0.5) -> tuple[tuple[float, float], tuple[float, float]]:
    """``((lon_min, lat_min), (lon_max, lat_max))`` of the polygons, padded by ``pad`` of each span.

    Rings whose bounding box is smaller than ``min_ring_deg2`` square degrees (islets) do not widen the
    frame, so a few far-flung islets do not shrink the whole map.
    """
    lons: list[float] = []
    lats: list[float] = []
    for feature in geojson.get("features") or []:
        geom = feature.get("geometry") or {}
        polygons = [geom.get("coordinates") or []] if geom.get("type") == "Polygon" else \
            geom.get("coordinates") or [] if geom.get("type") == "MultiPolygon" else []
        for polygon in polygons:
            if not polygon:
                continue
            xs = [p[0] for p in polygon[0]]
            ys = [p[1] for p in polygon[0]]
            if (max(xs) - min(xs)) * (max(ys) - min(ys)) >= min_ring_deg2:
                lons += [min(xs), max(xs)]
                lats += [min(ys), max(ys)]
    if not lons:
        return (73.0, 17.0), (136.0, 54.0)  # mainland China
    dx = (max(lons) - min(lons)) * pad
    dy = (max(lats) - min(lats)) * pad
    return ((round(min(lons) - dx, 3), round(min(lats) - dy, 3)),
            (round(max(lons) + dx, 3), round(max(lats) + dy, 3)))


def _stepped(colors: Sequence[str]) -> list[list[Any]]:
    """A colour scale of flat steps, one per class, for class indices 0..k-1 on [-0.5, k-0.5]."""
    k = len(colors)
    scale: list[list[Any]] = []
    for i, color in enumerate(colors):
        scale.append([i / k, color])
        scale.append([(i + 1) / k, color])
    return scale


def _colorbar(labels: Sequence[str], meta: IndicatorMeta) -> dict[str, Any]:
    lines = (" · ".join(escape(x) for x in (meta.unit, meta.year) if x), escape(meta.centre_label))
    title = escape(meta.label) + "".join(f"<br><span style='font-size:11px;color:{MUTED}'>{x}</span>"
                                         for x in lines if x)
    return {
        "title": {"text": title, "side": "top", "font": {"size": 12}},
        "tickvals": list(range(len(labels))),
        "ticktext": [escape(x) for x in labels],
        "ticks": "",
        "thickness": 14,
        "len": 24 * len(labels) + 8,
        "lenmode": "pixels",
        "x": 0.005, "xanchor": "left", "y": 0.02, "yanchor": "bottom",
        "outlinewidth": 0,
        "bgcolor": "rgba(255,255,255,0.85)",
        "tickfont": {"size": 11},
    }


def province_names(locations: Sequence[str], values: pd.DataFrame) -> list[str]:
    """"English · 中文" per location (the hover title; the same in both languages, so never patched)."""
    frame = values.drop_duplicates("adcode").set_index("adcode").reindex(list(locations))
    return [_names(row, str(adcode)) for adcode, row in frame.iterrows()]


def _names(row: pd.Series, adcode: str) -> str:
    en = row.get("name_en")
    zh = row.get("name_zh")
    en = en if isinstance(en, str) and en else ""
    zh = zh if isinstance(zh, str) and zh else ""
    if en and zh:
        return f"{escape(en)} · {escape(zh)}"
    return escape(en or zh or adcode)
