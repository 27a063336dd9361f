"""The prefecture map of one province: strategy-member prefectures highlighted, border places on top."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from figures.common import MUTED, break_lines, empty_figure, escape
from figures.map import Category, IndicatorMeta, choropleth_style, map_layout, province_names
from figures.overlays import Overlays, overlay_traces

OTHER_COLOR = "#EDEDED"


def prefecture_map(
    prefectures_geojson: dict[str, Any] | None,
    prefectures: pd.DataFrame,
    *,
    categories: Sequence[Category],
    other_label: str,
    overlay_labels: Mapping[str, str] | None = None,
    overlays: Overlays | None = None,
    layers: Sequence[str] = (),
    no_data_label: str = "No data",
    height: int | None = None,
) -> go.Figure:
    """Return the prefecture-level map of one province.

    Parameters
    ----------
    prefectures_geojson : dict or None
        FeatureCollection of the province's prefectures (feature ``id`` = adcode).
    prefectures : DataFrame
        ``adcode, name_en, name_zh, category`` (a :class:`Category` value, or empty for none) and
        optional ``note`` (hover line listing every strategy the prefecture belongs to).
    categories : sequence of Category
        Highlight classes in legend order (e.g. one per strategy with members here).
    other_label : str
        Legend label of the prefectures in no category.
    overlay_labels : mapping, optional
        The overlays' words by word key (see :func:`figures.overlays.overlay_traces`).
    overlays : Overlays or None
        Already restricted to the province.
    layers : sequence of str
        Overlay layers shown.
    no_data_label : str
        Shown when there is no geometry.
    height : int or None

    Returns
    -------
    go.Figure
        One choropleth trace per category (so each is a legend item) plus the overlays; a defined
        empty figure when there is no geometry.
    """
    features = (prefectures_geojson or {}).get("features") or []
    if not features:
        return empty_figure(no_data_label, height=height)
    locations = [str(f["id"]) for f in features]
    frame = prefectures.drop_duplicates("adcode").set_index("adcode").reindex(locations)
    frame["category"] = frame["category"].where(frame["category"].isin([c.value for c in categories]), "")
    fig = go.Figure()
    classes = [*categories, Category("", other_label, OTHER_COLOR)]
    for cat in classes:
        part = frame[frame["category"] == cat.value]
        if part.empty:
            continue
        text = [_hover(str(adcode), row) for adcode, row in part.iterrows()]
        members = set(part.index)
        # each trace carries only its own features: the geometry is in the figure once, not once per class
        subset = {"type": "FeatureCollection", "features": [f for f in features if str(f["id"]) in members]}
        fig.add_trace(go.Choropleth(
            geojson=subset, locations=list(part.index), featureidkey="id",
            z=[0] * len(part), zmin=0, zmax=1, colorscale=[[0, cat.color], [1, cat.color]],
            showscale=False, showlegend=True, legendgroup=f"cat-{cat.value}",
            name="<br>".join(break_lines(escape(cat.label), 34)),  # plotly does not wrap legend labels
            marker={"line": {"color": "#FFFFFF", "width": 0.8}},
            text=text, hovertemplate="%{text}<extra></extra>", hoverlabel={"align": "left"},
        ))
    for trace in overlay_traces(overlays, labels=overlay_labels or {}, layers=layers, compact=True):
        trace.showlegend = False  # the national map's legend explains the symbols; this one the colours
        fig.add_trace(trace)
    layout = map_layout(height=height)
    layout["legend"].update({"x": 0.0, "y": -0.02, "yanchor": "top", "orientation": "h",
                             "bgcolor": "rgba(255,255,255,0)", "borderwidth": 0})
    layout["margin"] = {"l": 4, "r": 4, "t": 4, "b": 4}
    layout["uirevision"] = "prefecture"
    fig.update_layout(layout)
    return fig


def prefecture_value_map(
    prefectures_geojson: dict[str, Any] | None,
    values: pd.DataFrame,
    *,
    meta: IndicatorMeta,
    overlay_labels: Mapping[str, str] | None = None,
    overlays: Overlays | None = None,
    layers: Sequence[str] = (),
    no_data_label: str = "No data",
    height: int | None = None,
) -> go.Figure:
    """Return the prefecture map of one province coloured by a number (e.g. census population).

    Parameters
    ----------
    prefectures_geojson : dict or None
        FeatureCollection of the province's prefectures (feature ``id`` = adcode).
    values : DataFrame
        ``adcode, name_en, name_zh, value`` and optional ``note`` (a hover line, e.g. why a value is
        missing); see :func:`figures.map.choropleth_style`.
    meta : IndicatorMeta
        ``numeric`` (quantile classes, sequential colours) or ``diverging`` (classes either side of
        ``meta.centre``); the legend's title is ``meta.label`` over ``meta.year``, ``meta.centre_label``
        and ``meta.source``.
    overlay_labels, overlays, layers, no_data_label, height
        As :func:`prefecture_map`.

    Returns
    -------
    go.Figure
        One classed choropleth trace plus the overlays; a defined empty figure without geometry.
    """
    features = (prefectures_geojson or {}).get("features") or []
    if not features:
        return empty_figure(no_data_label, height=height)
    locations = [str(f["id"]) for f in features]
    style = choropleth_style(locations, values, meta=meta, classify="quantiles", no_data_label=no_data_label)
    lines = [x for x in (meta.year, meta.centre_label, meta.source) if x]
    title = "<br>".join(escape(x) for x in break_lines(meta.label, 40)) + "".join(
        f"<br><span style='font-size:10px;color:{MUTED}'>{'<br>'.join(escape(p) for p in break_lines(x, 52))}"
        "</span>" for x in lines)
    # plotly counts the title in the bar's length: room for every title line and ~20 px per class
    classes = len(style["colorbar"]["ticktext"])
    style["colorbar"].update({"x": 1.0, "xanchor": "right", "y": 0.0, "yanchor": "bottom",
                              "len": 20 * classes + 14 * (title.count("<br>") + 1) + 12})
    style["colorbar"]["title"]["text"] = title
    fig = go.Figure(go.Choropleth(
        geojson=prefectures_geojson, locations=locations, featureidkey="id", uid="prefectures",
        customdata=province_names(locations, values), name=meta.label, showlegend=False,
        hoverlabel={"align": "left"}, **style,
    ))
    for trace in overlay_traces(overlays, labels=overlay_labels or {}, layers=layers, compact=True):
        trace.showlegend = False
        fig.add_trace(trace)
    layout = map_layout(height=height)
    layout["margin"] = {"l": 4, "r": 4, "t": 4, "b": 4}
    layout["uirevision"] = "prefecture"
    fig.update_layout(layout)
    return fig


def _hover(adcode: str, row: pd.Series) -> str:
    en = row.get("name_en") if isinstance(row.get("name_en"), str) else ""
    zh = row.get("name_zh") if isinstance(row.get("name_zh"), str) else ""
    title = escape(f"{en} · {zh}" if en and zh else en or zh or adcode)
    note = row.get("note")
    return f"<b>{title}</b>" + (f"<br>{escape(note)}" if isinstance(note, str) and note else "")
