"""Measurements on lon/lat geometries: equal-area areas and geodesic lengths (pyproj), never degrees.

Areas use an Albers equal-area conic fitted to China (standard parallels 25°N and 47°N, central
meridian 105°E, WGS 84 ellipsoid); lengths are geodesic on the WGS 84 ellipsoid.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry.base import BaseGeometry

#: Albers equal-area conic for China (as used by China's national atlases).
CHINA_ALBERS = (
    "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
)


@cache
def _to_albers() -> Transformer:
    return Transformer.from_crs(CRS.from_epsg(4326), CRS.from_proj4(CHINA_ALBERS), always_xy=True)


@cache
def _from_albers() -> Transformer:
    return Transformer.from_crs(CRS.from_proj4(CHINA_ALBERS), CRS.from_epsg(4326), always_xy=True)


@cache
def _geod() -> Geod:
    return Geod(ellps="WGS84")


def to_equal_area(geoms: BaseGeometry | np.ndarray) -> BaseGeometry | np.ndarray:
    """Project lon/lat geometries to the China Albers equal-area CRS (metres)."""
    fwd = _to_albers()
    return shapely.transform(geoms, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))


def from_equal_area(geoms: BaseGeometry | np.ndarray) -> BaseGeometry | np.ndarray:
    """Inverse of :func:`to_equal_area`."""
    inv = _from_albers()
    return shapely.transform(geoms, lambda xy: np.column_stack(inv.transform(xy[:, 0], xy[:, 1])))


def area_km2(geoms: BaseGeometry | np.ndarray) -> float | np.ndarray:
    """Return the area in km² of lon/lat polygon(s), measured in the China Albers equal-area CRS."""
    return shapely.area(to_equal_area(geoms)) / 1e6


def length_km(geom: BaseGeometry) -> float:
    """Return the geodesic length in km of a lon/lat (multi)line on the WGS 84 ellipsoid."""
    if geom.is_empty:
        return 0.0
    total = 0.0
    for part in shapely.get_parts(geom):
        xy = shapely.get_coordinates(part)
        if len(xy) > 1:
            total += float(np.sum(_geod().inv(xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1])[2]))
    return total / 1000.0


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Return the geodesic distance in km between two lon/lat points."""
    return float(_geod().inv(lon1, lat1, lon2, lat2)[2]) / 1000.0
