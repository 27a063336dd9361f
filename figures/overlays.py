"""Overlay traces for the maps: Box 12 border infrastructure, events and the border lines.

Each layer is one or more ``go.Scattergeo`` traces sharing ``legendgroup`` = the layer name
(``ports``, ``towns``, ``airports``, ``highways``, ``events``, ``border``, ``maritime``), so that the
page can show or hide a layer by patching ``visible`` and the legend toggles a layer as one item.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from figures.common import break_lines, escape

# Clockwise from the north-east (the order of the per-neighbour traces).
_NEIGHBOUR_ORDER = ("PRK", "RUS", "MNG", "KAZ", "KGZ", "TJK", "AFG", "PAK", "IND", "NPL", "BTN",
                    "MMR", "LAO", "VNM")
# One colour for the whole land border: a dark brown that no macro-region, class or marker colour uses
# (a colour per neighbour made 13 colours that read as more macro-regions). The neighbour is named in
# the profile's Box 12 list and the claims; the lines take no hover, so points on them win it.
BORDER_COLOR = "#6B4226"
# Hover labels stay narrower than the smallest map: lines of at most this many characters.
HOVER_WIDTH = 38

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
    ``map.neighbor``, ``map.date``, ``map.source`` and ``country.<ISO3>`` (a neighbour without one is
    named by its code); with ``lang.toggle`` = "English" (the Chinese page) names read Chinese first.
    ``compact`` draws smaller markers (the prefecture map of one province is more crowded).

    Points win hover and click over lines: the lines (border, maritime line, highways) take no hover
    (``hoverinfo="skip"``) and are drawn first. Every point's ``customdata`` is ``[title, source line,
    province adcode, place id]``, so a click on it opens its province with the place picked out.
    """
    if overlays is None:
        return []
    traces: list[go.Scattergeo] = []
    traces += _border_traces(overlays.border, labels)
    traces += _highway_traces(overlays.infrastructure, labels)
    infra = overlays.infrastructure
    if not infra.empty and "kind" in infra.columns:
        towns = infra[infra["kind"] == "town"]
        ports = infra[infra["kind"] == "port"]
        airports = infra[infra["kind"] == "airport"]
        # On the national map a town a few pixels from a port or airport (Suifenhe) would win the hover
        # from it (plotly favours the smaller marker): such towns take no hover there and are named
        # in that port's or airport's hover instead.
        near = {} if compact else _near(towns, pd.concat([ports, airports]))
        hidden = towns["id"].isin(set(near.values())) if near else pd.Series(False, index=towns.index)
        town_word = _word(labels, "layer.towns")
        traces += _points(towns[~hidden], "towns", "", town_word, overlays, labels)
        if hidden.any():
            quiet = _points(towns[hidden], "towns", "", town_word, overlays, labels)
            for trace in quiet:
                trace.update(uid="towns-near", showlegend=False, hoverinfo="skip", hovertemplate=None)
            traces += quiet
        also = {pid: _also(towns[towns["id"] == tid], town_word, labels) for pid, tid in near.items()}
        for action in ("construct", "upgrade"):
            name = f"{_word(labels, 'layer.ports')} — {_word(labels, 'action.' + action)}"
            traces += _points(ports[ports["action"] == action], "ports", action, name, overlays, labels, also)
        traces += _points(airports, "airports", "", _word(labels, "layer.airports"), overlays, labels, also)
    traces += _event_traces(overlays, labels)
    shown = set(layers)
    for trace in traces:
        trace.visible = trace.legendgroup in shown
        if compact and trace.mode == "markers":
            trace.marker.size = max(6, int(trace.marker.size * 0.8))
    return traces


NEAR_DEGREES = 0.45  # a few pixels on the national map


def _near(towns: pd.DataFrame, places: pd.DataFrame) -> dict[str, str]:
    """Port/airport id -> id of a town within :data:`NEAR_DEGREES` of it."""
    out: dict[str, str] = {}
    if towns.empty or places.empty or not {"lon", "lat", "id"} <= set(towns.columns):
        return out
    towns = towns.dropna(subset=["lon", "lat"])
    for _, place in places.dropna(subset=["lon", "lat"]).iterrows():
        for _, town in towns.iterrows():
            if math.hypot(float(place["lon"]) - float(town["lon"]),
                          float(place["lat"]) - float(town["lat"])) < NEAR_DEGREES:
                out[str(place["id"])] = str(town["id"])
    return out


def _also(towns: pd.DataFrame, word: str, labels: Mapping[str, str]) -> str:
    if towns.empty:
        return ""
    return f"<br>+ {_title(towns.iloc[0], labels)} ({escape(word)})"


def _points(rows: pd.DataFrame, layer: str, action: str, name: str, overlays: Overlays,
            labels: Mapping[str, str], also: Mapping[str, str] | None = None) -> list[go.Scattergeo]:
    """Markers of one layer/action: name (both languages), kind and action, neighbour, one short source
    line, each wrapped to :data:`HOVER_WIDTH`. Coordinate notes are in the profile, not the hover."""
    rows = rows.dropna(subset=["lon", "lat"]) if {"lon", "lat"} <= set(rows.columns) else rows.iloc[0:0]
    if rows.empty:
        return []
    style = _POINT_STYLE[(layer, action)]
    custom = []
    titles = []
    neighbours = []
    for _, row in rows.iterrows():
        place_id = str(row.get("id") or "")
        # customdata does not depend on the language (a language switch patches only text, hovertext)
        custom.append([_title(row, {}), _source(row, overlays.source_labels),
                       _province(row.get("province_adcode")), place_id])
        titles.append(_title(row, labels))
        iso = row.get("neighbor_iso3")
        if isinstance(iso, str) and f"country.{iso}" in labels:
            neighbour = escape(_neighbour(iso, labels))
        else:
            neighbour = "–"
        neighbours.append(neighbour + (also or {}).get(place_id, ""))
    kind = "<br>".join(escape(x) for x in break_lines(name, HOVER_WIDTH))
    template = (f"<b>%{{hovertext}}</b><br>{kind}<br>{_word(labels, 'map.neighbor')}: %{{text}}"
                f"{_source_template(labels)}<extra></extra>")
    return [go.Scattergeo(
        lon=rows["lon"].astype(float).round(4).tolist(), lat=rows["lat"].astype(float).round(4).tolist(),
        mode="markers", name=name, legendgroup=layer, uid=f"{layer}-{action or 'all'}", showlegend=True,
        marker={"symbol": style["symbol"], "color": style["color"], "size": style["size"],
                "line": {"color": style.get("line", "#FFFFFF"), "width": 1.2}, "opacity": 0.95},
        customdata=custom, hovertext=titles, text=neighbours, hovertemplate=template,
        hoverlabel={"align": "left"},
    )]


def _event_traces(overlays: Overlays, labels: Mapping[str, str]) -> list[go.Scattergeo]:
    """One marker per place: events held at the same point (three in Beijing) are listed in one hover,
    by date, so none hides under another."""
    events = overlays.events
    if events.empty or not {"lon", "lat"} <= set(events.columns):
        return []
    events = events.dropna(subset=["lon", "lat"])
    if events.empty:
        return []
    style = _POINT_STYLE[("events", "")]
    places: dict[tuple[float, float], list[pd.Series]] = {}
    for _, row in events.iterrows():
        key = (round(float(row["lon"]), 4), round(float(row["lat"]), 4))
        places.setdefault(key, []).append(row)
    lon, lat, custom, names = [], [], [], []
    for (x, y), rows in places.items():
        rows = sorted(rows, key=lambda r: _date(r.get("date")))
        lines = []
        for row in rows:
            date = _date(row.get("date"))
            end = _date(row.get("end_date"))
            if end and end != date:
                date = f"{date} – {end}"
            title = break_lines(row.get("title", "") or "", HOVER_WIDTH)
            lines.append(f"<b>{escape(date)}</b><br>" + "<br>".join(escape(t) for t in title))
        place = rows[0].get("place_name", "") or ""
        place_zh = rows[0].get("place_name_zh")  # the Chinese page's name of the place, where known
        if chinese_first(labels) and isinstance(place_zh, str) and place_zh:
            place = place_zh
        sources = list(dict.fromkeys(_source(r, overlays.source_labels) for r in rows))
        lon.append(x)
        lat.append(y)
        names.append(escape(place))
        custom.append(["<br>".join(lines), "<br>".join(s for s in sources if s),
                       _province(rows[0].get("adcode")), str(rows[0].get("event_id") or "")])
    template = (f"<b>%{{hovertext}}</b> · {escape(_word(labels, 'layer.events'))}<br>%{{customdata[0]}}"
                f"{_source_template(labels)}<extra></extra>")
    return [go.Scattergeo(
        lon=lon, lat=lat, mode="markers", name=_word(labels, "layer.events"), legendgroup="events",
        uid="events", showlegend=True,
        marker={"symbol": style["symbol"], "color": style["color"], "size": style["size"],
                "line": {"color": "#FFFFFF", "width": 1.2}},
        customdata=custom, hovertext=names, hovertemplate=template, hoverlabel={"align": "left"},
    )]


def _date(value: object) -> str:
    """An ISO date ("2018-09-25"), whether the table holds text or a timestamp; "" for none."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp) or hasattr(value, "strftime"):
        try:
            return str(value.strftime("%Y-%m-%d"))
        except ValueError:  # NaT
            return ""
    text = str(value).strip()
    return "" if text in ("NaT", "nan", "None") else text[:10] if len(text) >= 10 and text[4] == "-" else text


def _province(adcode: object) -> str:
    """The province adcode of a province- or prefecture-level adcode ("230800" -> "230000")."""
    text = str(adcode) if isinstance(adcode, str | int) else ""
    return f"{text[:2]}0000" if len(text) == 6 and text.isdigit() else ""


def _source(row: pd.Series, labels: Mapping[str, str]) -> str:
    """One short source line: the title up to its first colon, wrapped."""
    sid = row.get("source_id")
    if not isinstance(sid, str) or not sid:
        return ""
    title = str(labels.get(sid, sid))
    short = title.split(": ")[0] if ": " in title[12:] else title
    return "<br>".join(escape(x) for x in break_lines(short, HOVER_WIDTH + 8))


def _source_template(labels: Mapping[str, str]) -> str:
    return f"<br><span style='font-size:11px'>{_word(labels, 'map.source')}: %{{customdata[1]}}</span>"


def _highway_traces(infra: pd.DataFrame, labels: Mapping[str, str]) -> list[go.Scattergeo]:
    """All highways as one line trace with gaps between lines, without hover (the points on them win;
    the highway is named in its province's profile, with its source and how its line was drawn)."""
    if infra.empty or "geometry_wkt" not in infra.columns:
        return []
    from shapely import wkt

    has_line = infra["geometry_wkt"].fillna("").astype(str).str.strip().ne("")
    rows = infra[(infra["kind"] == "highway") & has_line]
    lon: list[float | None] = []
    lat: list[float | None] = []
    for _, row in rows.iterrows():
        for line in _lines(wkt.loads(row["geometry_wkt"])):
            lon += [round(x, 4) for x, _ in line] + [None]
            lat += [round(y, 4) for _, y in line] + [None]
    if not lon:
        return []
    return [go.Scattergeo(
        lon=lon, lat=lat, mode="lines", name=_word(labels, "layer.highways"), legendgroup="highways",
        uid="highways", showlegend=True, line={"color": "#3B3B3B", "width": 2.2, "dash": "dash"},
        hoverinfo="skip",
    )]


def _border_traces(border: dict[str, Any] | None, labels: Mapping[str, str]) -> list[go.Scattergeo]:
    """The land border (one trace per neighbour, one colour, one legend item) and the maritime line,
    without hover: a port or town on the line wins the hover and the click."""
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
    for iso in order:
        lon, lat = _feature_lines(by_iso[iso])
        traces.append(go.Scattergeo(
            lon=lon, lat=lat, mode="lines", name=_word(labels, "layer.border"), legendgroup="border",
            showlegend=first, uid=f"border-{iso or 'unknown'}",
            line={"color": BORDER_COLOR, "width": 2.4}, hoverinfo="skip",
        ))
        first = False
    if maritime:
        lon, lat = _feature_lines(maritime)
        traces.append(go.Scattergeo(
            lon=lon, lat=lat, mode="lines", name=_word(labels, "layer.maritime"), legendgroup="maritime",
            uid="maritime", showlegend=True, line={"color": "#5D6D7E", "width": 1.8}, hoverinfo="skip",
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


def chinese_first(labels: Mapping[str, str]) -> bool:
    """Whether ``labels`` are the Chinese page's words (its language toggle offers English)."""
    return labels.get("lang.toggle") == "English"


def _title(row: pd.Series, labels: Mapping[str, str]) -> str:
    """Both names, the page's language first, wrapped: "Heihe · 黑河" or "黑河 · Heihe"."""
    en, zh = row.get("name_en"), row.get("name_zh")
    en = en if isinstance(en, str) else ""
    zh = zh if isinstance(zh, str) else ""
    first, second = (zh, en) if chinese_first(labels) else (en, zh)
    text = f"{first} · {second}" if first and second else first or second
    return "<br>".join(escape(x) for x in break_lines(text, HOVER_WIDTH))
