"""Overlay traces for the maps: Box 12 border infrastructure, events and the border lines.

Each layer is one or more ``go.Scattergeo`` traces sharing ``legendgroup`` = the layer name
(``ports``, ``towns``, ``airports``, ``highways``, ``events``, ``border``, ``maritime``), so that the
page can show or hide a layer by patching ``visible`` and the legend toggles a layer as one item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from figures.common import OKABE_ITO, escape

# Clockwise from the north-east, so that neighbours next to each other get different colours.
_NEIGHBOUR_ORDER = ("PRK", "RUS", "MNG", "KAZ", "KGZ", "TJK", "AFG", "PAK", "IND", "NPL", "BTN",
                    "MMR", "LAO", "VNM")
_BORDER_COLORS = tuple(c for c in OKABE_ITO if c != "#000000")

# marker styles per layer/action: colour-blind-safe colours, told apart by shape as well
_POINT_STYLE: dict[tuple[str, str], dict[str, Any]] = {
    ("ports", "construct"): {"symbol": "triangle-up", "color": "#D55E00", "size": 12},
    ("ports", "upgrade"): {"symbol": "circle", "color": "#D55E00", "size": 9},
    ("towns", ""): {"symbol": "square", "color": "#FFFFFF", "size": 8, "line": "#222222"},
    ("airports", ""): {"symbol": "star", "color": "#1A1A1A", "size": 13},
    ("events", ""): {"symbol": "diamond", "color": "#CC79A7", "size": 12},
}


@dataclass(frozen=True)
class Overlays:
    """The data behind the overlays; any part may be empty.

    Attributes
    ----------
    infrastructure : DataFrame
        ``data/catalog/infrastructure.csv`` columns (Box 12: ports, towns, airports, highways).
    events : DataFrame
        ``data/catalog/events.csv`` columns.
    border : dict or None
        GeoJSON of the border (``geo.artifacts.load_border()``): LineString/MultiLineString features
        with properties ``kind`` (land|maritime), ``iso3``, ``length_km``.
    source_labels : mapping
        Source id -> short title, for the "Source:" hover line.
    """

    infrastructure: pd.DataFrame = field(default_factory=pd.DataFrame)
    events: pd.DataFrame = field(default_factory=pd.DataFrame)
    border: dict[str, Any] | None = None
    source_labels: Mapping[str, str] = field(default_factory=dict)


def overlay_traces(overlays: Overlays | None, *, labels: Mapping[str, str], layers: Sequence[str] = (),
                   compact: bool = False) -> list[go.Scattergeo]:
    """Return the overlay traces, lines first (under the points); layers not in ``layers`` hidden.

    ``labels`` holds the words of one language by word key: ``layer.<layer>``, ``action.<action>``,
    ``map.neighbor``, ``map.date``, ``map.source``, ``map.length`` and ``country.<ISO3>`` (a neighbour
    without one is named by its code). ``compact`` draws smaller markers (the prefecture map of one
    province is more crowded).
    """
    if overlays is None:
        return []
    traces: list[go.Scattergeo] = []
    traces += _border_traces(overlays.border, labels)
    traces += _highway_traces(overlays.infrastructure, overlays.source_labels, labels)
    infra = overlays.infrastructure
    if not infra.empty and "kind" in infra.columns:
        towns = infra[infra["kind"] == "town"]
        traces += _points(towns, "towns", "", _word(labels, "layer.towns"), overlays, labels)
        ports = infra[infra["kind"] == "port"]
        for action in ("construct", "upgrade"):
            name = f"{_word(labels, 'layer.ports')} — {_word(labels, 'action.' + action)}"
            traces += _points(ports[ports["action"] == action], "ports", action, name, overlays, labels)
        airports = infra[infra["kind"] == "airport"]
        traces += _points(airports, "airports", "", _word(labels, "layer.airports"), overlays, labels)
    traces += _event_traces(overlays, labels)
    shown = set(layers)
    for trace in traces:
        trace.visible = trace.legendgroup in shown
        if compact and trace.mode == "markers":
            trace.marker.size = max(6, int(trace.marker.size * 0.8))
    return traces


def _points(rows: pd.DataFrame, layer: str, action: str, name: str, overlays: Overlays,
            labels: Mapping[str, str]) -> list[go.Scattergeo]:
    """Markers of one layer/action. What does not depend on the language (names, coordinate notes,
    sources) is ``customdata``; the language's words are in ``text`` (the neighbour) and the template,
    so a language switch patches only those."""
    rows = rows.dropna(subset=["lon", "lat"]) if {"lon", "lat"} <= set(rows.columns) else rows.iloc[0:0]
    if rows.empty:
        return []
    style = _POINT_STYLE[(layer, action)]
    custom = []
    neighbours = []
    for _, row in rows.iterrows():
        note = row.get("coord_note")
        note = f"<br><i>{escape(note)}</i>" if isinstance(note, str) and note else ""
        custom.append([_bilingual(row), note, _source(row, overlays.source_labels)])
        iso = row.get("neighbor_iso3")
        if isinstance(iso, str) and f"country.{iso}" in labels:
            neighbours.append(escape(_neighbour(iso, labels)))
        else:
            neighbours.append("–")
    template = (f"<b>%{{customdata[0]}}</b><br>{escape(name)}<br>{_word(labels, 'map.neighbor')}: %{{text}}"
                f"%{{customdata[1]}}{_source_template(labels)}<extra></extra>")
    return [go.Scattergeo(
        lon=rows["lon"].astype(float).round(4).tolist(), lat=rows["lat"].astype(float).round(4).tolist(),
        mode="markers", name=name, legendgroup=layer, uid=f"{layer}-{action or 'all'}",
        marker={"symbol": style["symbol"], "color": style["color"], "size": style["size"],
                "line": {"color": style.get("line", "#FFFFFF"), "width": 1.2}, "opacity": 0.95},
        customdata=custom, text=neighbours, hovertemplate=template, hoverlabel={"align": "left"},
    )]


def _event_traces(overlays: Overlays, labels: Mapping[str, str]) -> list[go.Scattergeo]:
    events = overlays.events
    if events.empty or not {"lon", "lat"} <= set(events.columns):
        return []
    events = events.dropna(subset=["lon", "lat"])
    if events.empty:
        return []
    style = _POINT_STYLE[("events", "")]
    custom = []
    for _, row in events.iterrows():
        date = str(row.get("date") or "")
        end = row.get("end_date")
        if isinstance(end, str) and end and end != date:
            date = f"{date} – {end}"
        custom.append([escape(row.get("title", "") or ""), escape(date),
                       escape(row.get("place_name", "") or ""), _source(row, overlays.source_labels)])
    template = (f"<b>%{{customdata[0]}}</b><br>{_word(labels, 'map.date')}: %{{customdata[1]}}"
                f"<br>%{{customdata[2]}}<br><span style='font-size:11px'>{_word(labels, 'map.source')}: "
                "%{customdata[3]}</span><extra></extra>")
    return [go.Scattergeo(
        lon=events["lon"].astype(float).round(4).tolist(), lat=events["lat"].astype(float).round(4).tolist(),
        mode="markers", name=_word(labels, "layer.events"), legendgroup="events", uid="events",
        marker={"symbol": style["symbol"], "color": style["color"], "size": style["size"],
                "line": {"color": "#FFFFFF", "width": 1.2}},
        customdata=custom, hovertemplate=template, hoverlabel={"align": "left"},
    )]


def _source(row: pd.Series, labels: Mapping[str, str]) -> str:
    sid = row.get("source_id")
    return escape(labels.get(sid, sid)) if isinstance(sid, str) and sid else ""


def _source_template(labels: Mapping[str, str]) -> str:
    return f"<br><span style='font-size:11px'>{_word(labels, 'map.source')}: %{{customdata[2]}}</span>"


def _highway_traces(infra: pd.DataFrame, sources: Mapping[str, str],
                    labels: Mapping[str, str]) -> list[go.Scattergeo]:
    """All highways as one line trace with gaps between lines. Names and sources are per-vertex
    ``customdata`` (language-independent), so the language switch patches one template, not one per
    highway; the lines are a few vertices each, so this costs little."""
    if infra.empty or "geometry_wkt" not in infra.columns:
        return []
    from shapely import wkt

    has_line = infra["geometry_wkt"].fillna("").astype(str).str.strip().ne("")
    rows = infra[(infra["kind"] == "highway") & has_line]
    lon: list[float | None] = []
    lat: list[float | None] = []
    custom: list[list[str] | None] = []
    for _, row in rows.iterrows():
        note = row.get("coord_note")  # e.g. "a straight line through the named ends": say so on hover
        note = f"<br><i>{escape(note)}</i>" if isinstance(note, str) and note else ""
        about = [_bilingual(row), note, _source(row, sources)]
        for line in _lines(wkt.loads(row["geometry_wkt"])):
            lon += [round(x, 4) for x, _ in line] + [None]
            lat += [round(y, 4) for _, y in line] + [None]
            custom += [about] * len(line) + [None]
    if not lon:
        return []
    template = (f"<b>%{{customdata[0]}}</b><br>{escape(_word(labels, 'layer.highways'))}%{{customdata[1]}}"
                f"{_source_template(labels)}<extra></extra>")
    return [go.Scattergeo(
        lon=lon, lat=lat, mode="lines", name=_word(labels, "layer.highways"), legendgroup="highways",
        uid="highways", line={"color": "#3B3B3B", "width": 2.2, "dash": "dash"},
        customdata=custom, hovertemplate=template, hoverlabel={"align": "left"},
    )]


def _border_traces(border: dict[str, Any] | None, labels: Mapping[str, str]) -> list[go.Scattergeo]:
    features = (border or {}).get("features") or []
    if not features:
        return []
    by_iso: dict[str, list[dict[str, Any]]] = {}
    maritime: list[dict[str, Any]] = []
    for feature in features:
        props = feature.get("properties") or {}
        if props.get("kind") == "maritime":
            maritime.append(feature)
        else:
            by_iso.setdefault(str(props.get("iso3") or ""), []).append(feature)
    traces: list[go.Scattergeo] = []
    first = True
    order = [iso for iso in _NEIGHBOUR_ORDER if iso in by_iso] + sorted(set(by_iso) - set(_NEIGHBOUR_ORDER))
    for i, iso in enumerate(order):
        lon, lat = _feature_lines(by_iso[iso])
        km = sum(float((f.get("properties") or {}).get("length_km") or 0) for f in by_iso[iso])
        label = _neighbour(iso, labels) or iso or "?"
        hover = f"<b>{escape(_word(labels, 'layer.border'))}</b><br>{_word(labels, 'map.neighbor')}: " \
                f"{escape(label)}" + (f"<br>{_word(labels, 'map.length')}: {km:,.0f} km" if km else "")
        traces.append(go.Scattergeo(
            lon=lon, lat=lat, mode="lines", name=_word(labels, "layer.border"), legendgroup="border",
            showlegend=first, uid=f"border-{iso or 'unknown'}",
            line={"color": _BORDER_COLORS[i % len(_BORDER_COLORS)], "width": 2.6},
            hovertemplate=hover + "<extra></extra>",
        ))
        first = False
    if maritime:
        lon, lat = _feature_lines(maritime)
        traces.append(go.Scattergeo(
            lon=lon, lat=lat, mode="lines", name=_word(labels, "layer.maritime"), legendgroup="maritime",
            uid="maritime", line={"color": "#5D6D7E", "width": 1.8},
            hovertemplate=f"<b>{escape(_word(labels, 'layer.maritime'))}</b><extra></extra>",
        ))
    return traces


def _feature_lines(features: Iterable[dict[str, Any]]) -> tuple[list[float | None], list[float | None]]:
    lon: list[float | None] = []
    lat: list[float | None] = []
    for feature in features:
        geom = feature.get("geometry") or {}
        kind, coords = geom.get("type"), geom.get("coordinates") or []
        parts = [coords] if kind == "LineString" else coords if kind == "MultiLineString" else []
        for part in parts:
            for x, y, *_ in part:
                lon.append(round(float(x), 4))
                lat.append(round(float(y), 4))
            lon.append(None)
            lat.append(None)
    return lon, lat


def _lines(geom: Any) -> list[list[tuple[float, float]]]:
    if geom.is_empty:
        return []
    if geom.geom_type == "LineString":
        return [list(geom.coords)]
    if geom.geom_type == "MultiLineString":
        return [list(g.coords) for g in geom.geoms]
    return []


def _word(labels: Mapping[str, str], key: str) -> str:
    try:
        return labels[key]
    except KeyError:
        raise ValueError(f"labels: no word {key!r} (pass words.in_language(lang))") from None


def _neighbour(iso: str, labels: Mapping[str, str]) -> str:
    """The neighbour's name in the labels' language (``country.<ISO3>``), else its code."""
    return labels.get(f"country.{iso}", iso)


def _bilingual(row: pd.Series) -> str:
    en, zh = row.get("name_en"), row.get("name_zh")
    en = en if isinstance(en, str) else ""
    zh = zh if isinstance(zh, str) else ""
    return escape(f"{en} · {zh}" if en and zh else en or zh)

