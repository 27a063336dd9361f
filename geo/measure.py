"""Measurements on lon/lat geometries: equal-area areas and geodesic lengths, never degrees.

Areas use an Albers equal-area conic fitted to China (standard parallels 25°N and 47°N, central
meridian 105°E, WGS 84 ellipsoid): :func:`areas_km2` projects a GeoSeries with ``to_crs``; lengths
are geodesic on the WGS 84 ellipsoid (``pyproj.Geod.geometry_length``).

The point helpers (:func:`to_equal_area`, :func:`from_equal_area`, :func:`distance_km`) serve the
request path (:mod:`geo.spatial`) and use pyproj alone; geopandas is imported only inside the
functions the build and the frames API call, so importing this module stays light.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, TypeVar, overload

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Albers equal-area conic for China (as used by China's national atlases).
CHINA_ALBERS = (
    "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
)
#: The CRS of the sources and of every artifact (WGS 84 lon/lat).
WGS84 = "EPSG:4326"

_G = TypeVar("_G", bound=BaseGeometry)


@cache
def _to_albers() -> Transformer:
    return Transformer.from_crs(CRS.from_epsg(4326), CRS.from_proj4(CHINA_ALBERS), always_xy=True)


@cache
def _from_albers() -> Transformer:
    return Transformer.from_crs(CRS.from_proj4(CHINA_ALBERS), CRS.from_epsg(4326), always_xy=True)


@cache
def _geod() -> Geod:
    return Geod(ellps="WGS84")


@overload
def to_equal_area(geoms: _G) -> _G: ...
@overload
def to_equal_area(geoms: np.ndarray) -> np.ndarray: ...
def to_equal_area(geoms: BaseGeometry | np.ndarray) -> BaseGeometry | np.ndarray:
    """Project lon/lat geometries to the China Albers equal-area CRS (metres)."""
    fwd = _to_albers()
    return shapely.transform(geoms, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))


@overload
def from_equal_area(geoms: _G) -> _G: ...
@overload
def from_equal_area(geoms: np.ndarray) -> np.ndarray: ...
def from_equal_area(geoms: BaseGeometry | np.ndarray) -> BaseGeometry | np.ndarray:
    """Inverse of :func:`to_equal_area`."""
    inv = _from_albers()
    return shapely.transform(geoms, lambda xy: np.column_stack(inv.transform(xy[:, 0], xy[:, 1])))


def areas_km2(geoms: gpd.GeoSeries) -> pd.Series:
    """Return the area in km² of each lon/lat polygon of a GeoSeries (``to_crs`` China Albers).

    Parameters
    ----------
    geoms : geopandas.GeoSeries
        Polygons in EPSG:4326 (a series without a CRS is taken to be EPSG:4326).

    Returns
    -------
    pandas.Series
        Same index as ``geoms``.
    """
    if geoms.crs is None:
        geoms = geoms.set_crs(WGS84)
    return geoms.to_crs(CHINA_ALBERS).area / 1e6


def area_km2(geoms: BaseGeometry | np.ndarray) -> float | np.ndarray:
    """Return the area in km² of lon/lat polygon(s): :func:`areas_km2` for a geometry or an array."""
    import geopandas as gpd

    if isinstance(geoms, BaseGeometry):
        return float(areas_km2(gpd.GeoSeries([geoms], crs=WGS84)).iloc[0])
    return areas_km2(gpd.GeoSeries(np.asarray(geoms, dtype=object), crs=WGS84)).to_numpy()


def length_km(geom: BaseGeometry) -> float:
    """Return the geodesic length in km of a lon/lat (multi)line on the WGS 84 ellipsoid."""
    if geom is None or geom.is_empty:
        return 0.0
    return float(_geod().geometry_length(geom)) / 1000.0


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Return the geodesic distance in km between two lon/lat points."""
    return float(_geod().inv(lon1, lat1, lon2, lat2)[2]) / 1000.0
