"""Compact GeoJSON writing, label points and atomic file replacement for the build."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from geo.measure import WGS84

#: Decimals written (the set_precision grid is 0.001°).
NDIGITS = 3


def geometry_dict(geom: BaseGeometry, ndigits: int) -> dict[str, Any]:
    """Return a GeoJSON geometry dict with coordinates printed to ``ndigits`` decimals.

    The coordinates already lie on a ``set_precision`` grid, so the rounding here only trims
    floating-point noise (116.78900000000002 -> 116.789) and never moves a vertex.
    Polygon exterior rings are wound clockwise, the d3-geo convention that plotly's ``geo``
    choropleth needs (with RFC 7946's counter-clockwise rings it fills the outside instead).
    """
    kind = geom.geom_type
    if isinstance(geom, (Polygon, MultiPolygon)):
        oriented = shapely.orient_polygons(geom, exterior_cw=True)
        polys = [oriented] if isinstance(oriented, Polygon) else list(oriented.geoms)
        rings = [[_ring(r, ndigits) for r in (p.exterior, *p.interiors)] for p in polys]
        return {"type": kind, "coordinates": rings[0] if kind == "Polygon" else rings}
    if isinstance(geom, (LineString, MultiLineString)):
        lines = [geom] if isinstance(geom, LineString) else list(geom.geoms)
        coords = [_ring(line, ndigits) for line in lines]
        return {"type": kind, "coordinates": coords[0] if kind == "LineString" else coords}
    if isinstance(geom, Point):
        return {"type": "Point", "coordinates": [round(geom.x, ndigits), round(geom.y, ndigits)]}
    raise ValueError(f"geometry type {kind!r} is not written by the atlas build")


def _ring(ring: BaseGeometry, ndigits: int) -> list[list[float]]:
    xy: list[list[float]] = np.round(shapely.get_coordinates(ring), ndigits).tolist()
    return xy


def label_points(
    geoms: Iterable[BaseGeometry], inside: gpd.GeoSeries
) -> tuple[np.ndarray, np.ndarray]:
    """A point well inside the largest part of each geometry (and inside ``inside``), rounded."""
    points = []
    for geom in geoms:
        parts = shapely.get_parts(geom)
        big = parts[int(np.argmax(shapely.area(parts)))]
        points.append(polylabel(big, tolerance=0.01))
    pts = gpd.GeoSeries(points, index=inside.index, crs=WGS84)
    outside = ~pts.within(inside)
    # a GeoSeries (geopandas keeps the class; the stubs type a masked GeoSeries as pandas' Series)
    pts[outside] = cast(gpd.GeoSeries, inside[outside]).representative_point()
    return (np.array([round(x, NDIGITS) for x in pts.x.tolist()]),
            np.array([round(y, NDIGITS) for y in pts.y.tolist()]))


def feature_collection(features: Iterable[tuple[str, Mapping[str, Any], BaseGeometry]], ndigits: int) -> str:
    """Serialise ``(id, properties, geometry)`` triples as a compact FeatureCollection string."""
    feats = [
        {"type": "Feature", "id": fid, "properties": dict(props), "geometry": geometry_dict(geom, ndigits)}
        for fid, props, geom in features
    ]
    doc = {"type": "FeatureCollection", "features": feats}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same directory and ``os.replace``.

    Readers never see a half-written file, and a failure leaves the previous file intact.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; artifacts are meant to be read by the server
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
