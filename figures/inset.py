"""The South China Sea inset of the national map, as on standard maps of China.

The maritime line lies almost wholly south of the main frame; the inset shows it with the southern
provinces in plain grey, framed at the bottom right, where the main frame shows only sea.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from figures.common import MUTED, break_lines, escape

INSET_PROVINCES = ("350000", "440000", "450000", "460000", "710000", "810000", "820000")
INSET_LON = (106.0, 124.0)
INSET_LAT = (2.5, 25.5)


def inset_traces(geojson: dict[str, Any], overlay: Sequence[go.Scattergeo], label: str = "") -> list[Any]:
    """The inset's traces on ``geo2``: the southern provinces (coarse, grey, no hover), a copy of the
    maritime line from ``overlay`` (same legend group, so the layer toggle and legend govern both) and
    the caption ``label``.

    The caption is text placed in the inset's own coordinates (uid ``inset-caption``), wrapped to a
    few short lines: plotly centres the inset's frame in its domain, so a caption placed on the page
    fell below and beside the frame when the map is narrow (a profile open, a phone). Parts of the
    label separated by " · " (the two languages' names) start new lines."""
    features = [_coarse(f) for f in geojson.get("features") or [] if str(f.get("id")) in INSET_PROVINCES]
    traces: list[Any] = []
    if features:
        traces.append(go.Choropleth(
            geo="geo2", geojson={"type": "FeatureCollection", "features": features},
            locations=[str(f["id"]) for f in features], featureidkey="id", z=[0] * len(features),
            colorscale=[[0, "#D9D9D9"], [1, "#D9D9D9"]], showscale=False, showlegend=False,
            hoverinfo="skip", uid="inset-provinces", marker={"line": {"color": "#FFFFFF", "width": 0.6}},
        ))
    for trace in overlay:
        if trace.uid == "maritime":
            copy = go.Scattergeo(trace)
            copy.update(geo="geo2", uid="maritime-inset")
            traces.append(copy)
    if label and features:
        traces.append(go.Scattergeo(
            geo="geo2", lon=[sum(INSET_LON) / 2], lat=[INSET_LAT[0] + 0.6], mode="text",
            text=[caption_text(label)], textposition="top center",
            textfont={"size": 9, "color": MUTED}, hoverinfo="skip", showlegend=False,
            uid="inset-caption", name=label,
        ))
    return traces


def caption_text(label: str) -> str:
    """The caption in lines of at most 12 characters, each " · " part on new lines
    ("南海诸岛 · South China Sea Islands" -> "南海诸岛<br>South China<br>Sea Islands")."""
    return "<br>".join(escape(line) for part in label.split(" · ") for line in break_lines(part, 12))


def _coarse(feature: dict[str, Any], tolerance: float = 0.12) -> dict[str, Any]:
    """The feature simplified for the inset (about 10 px per degree there): a tenth of the bytes."""
    from shapely.geometry import mapping, shape

    geom = shape(feature["geometry"]).simplify(tolerance, preserve_topology=True)
    coarse = mapping(geom)
    return {"type": "Feature", "id": feature["id"], "properties": {},
            "geometry": {"type": coarse["type"], "coordinates": _rounded(coarse["coordinates"])}}


def _rounded(coords: Any, digits: int = 2) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), digits)
    return [_rounded(c, digits) for c in coords]


def inset_layout(label: str) -> dict[str, Any]:
    """The ``geo2`` subplot of the inset (its caption ``label`` is a trace: see :func:`inset_traces`)."""
    return {
        "geo2": {
            "domain": {"x": [0.83, 0.995], "y": [0.01, 0.36]},
            "projection": {"type": "mercator"},
            "lonaxis": {"range": list(INSET_LON)}, "lataxis": {"range": list(INSET_LAT)},
            "visible": True, "showland": False, "showocean": False, "showcoastlines": False,
            "showcountries": False, "showlakes": False, "showrivers": False, "showsubunits": False,
            "showframe": True, "framecolor": "#9AA5B1", "framewidth": 1, "bgcolor": "rgba(255,255,255,0.92)",
        },
        "annotations": [],
    }
