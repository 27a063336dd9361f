"""Point lookups on the build artifacts: which province/prefecture, how far from the land border.

Point-in-polygon uses an STRtree over the drill-down prefectures (provinces are their parents,
since the prefectures tile each province exactly). Distances are geodesic (WGS 84).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.ops import nearest_points

from config import build_dir
from geo.artifacts import load_border, load_prefectures
from geo.measure import distance_km, from_equal_area, to_equal_area


@dataclass(frozen=True)
class _PolygonIndex:
    tree: shapely.STRtree
    codes: np.ndarray
    parents: np.ndarray


@dataclass(frozen=True)
class _BorderIndex:
    tree: shapely.STRtree  # over land-border segments in the equal-area CRS
    iso3: np.ndarray


def prefecture_at(lon: float, lat: float, *, max_km: float = 0.0) -> str | None:
    """Return the adcode of the prefecture-level unit containing (lon, lat), or None.

    Parameters
    ----------
    lon, lat : float
        WGS 84 degrees.
    max_km : float
        When the point falls in no unit (at sea just off the coast, on a dropped islet), accept
        the nearest unit within this distance. 0 (default) means strictly inside.
    """
    _check_point(lon, lat)
    index = _polygons(str(build_dir()))
    i = _locate(index, lon, lat, max_km)
    return None if i is None else str(index.codes[i])


def province_at(lon: float, lat: float, *, max_km: float = 0.0) -> str | None:
    """Return the adcode of the province containing (lon, lat), or None (see :func:`prefecture_at`)."""
    _check_point(lon, lat)
    index = _polygons(str(build_dir()))
    i = _locate(index, lon, lat, max_km)
    return None if i is None else str(index.parents[i])


def nearest_border(lon: float, lat: float) -> tuple[float, str]:
    """Return (distance in km, ISO3 of the neighbour) from (lon, lat) to China's land border.

    The nearest border segment is found in the China Albers projection; the distance to the
    nearest point on it is then measured geodesically.
    """
    _check_point(lon, lat)
    index = _border(str(build_dir()))
    pt = to_equal_area(shapely.Point(lon, lat))
    i = int(index.tree.query_nearest(pt)[0])
    seg = index.tree.geometries[i]
    near = from_equal_area(shapely.Point(shapely.get_coordinates(seg.interpolate(seg.project(pt)))[0]))
    return distance_km(lon, lat, near.x, near.y), str(index.iso3[i])


def _locate(index: _PolygonIndex, lon: float, lat: float, max_km: float) -> int | None:
    pt = shapely.Point(lon, lat)
    hits = index.tree.query(pt, predicate="intersects")
    if len(hits):
        return int(min(hits, key=lambda i: index.codes[i]))  # on a shared edge: lowest adcode
    if max_km <= 0:
        return None
    i = int(index.tree.query_nearest(pt)[0])
    near = nearest_points(index.tree.geometries[i], pt)[0]
    return i if distance_km(lon, lat, near.x, near.y) <= max_km else None


@cache
def _polygons(build: str) -> _PolygonIndex:
    feats = load_prefectures()["features"]
    geoms = np.array([shape(f["geometry"]) for f in feats], dtype=object)
    shapely.prepare(geoms)
    codes = np.array([f["properties"]["adcode"] for f in feats])
    parents = np.array([f["properties"]["parent_adcode"] for f in feats])
    return _PolygonIndex(shapely.STRtree(geoms), codes, parents)


@cache
def _border(build: str) -> _BorderIndex:
    segs, iso = [], []
    for f in load_border()["features"]:
        if f["properties"]["kind"] != "land":
            continue
        geom = to_equal_area(shape(f["geometry"]))
        for line in shapely.get_parts(geom):
            xy = shapely.get_coordinates(line)
            segs.append(np.stack([xy[:-1], xy[1:]], axis=1))
            iso.extend([f["properties"]["iso3"]] * (len(xy) - 1))
    lines = np.asarray(shapely.linestrings(np.concatenate(segs)))  # (n, 2, 2) coordinates: n lines
    return _BorderIndex(shapely.STRtree(lines), np.array(iso))


def _check_point(lon: float, lat: float) -> None:
    for name, value, bound in (("lon", lon, 180.0), ("lat", lat, 90.0)):
        if not isinstance(value, (int, float)) or not math.isfinite(value) or abs(value) > bound:
            raise ValueError(f"{name}={value!r}: expected a finite number of degrees within ±{bound:g}")
