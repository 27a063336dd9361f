"""The build artifacts as GeoDataFrames, and points placed in them with spatial joins (geopandas).

For the build's checks, the tests and :mod:`data.frames`; the dashboard's request path reads the
lean GeoJSON through :mod:`geo.artifacts` and :mod:`geo.spatial` and never imports this module
(geopandas adds about 0.5 s and tens of MB to a process).

Every frame is in EPSG:4326 and built from the cached loaders of :mod:`geo.artifacts` (so it
follows ``ATLAS_BUILD_DIR``); each call returns a fresh frame.
"""

from __future__ import annotations

import warnings
from typing import Any, Literal, cast

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point
from shapely.ops import nearest_points

from geo import artifacts
from geo.measure import CHINA_ALBERS, WGS84, distance_km

Level = Literal["province", "prefecture", "county"]
LEVELS: tuple[Level, ...] = ("province", "prefecture", "county")


def provinces_frame() -> gpd.GeoDataFrame:
    """Return ``provinces.geojson`` (national detail): 34 rows sorted by adcode."""
    return _frame(artifacts.load_provinces())


def prefectures_frame(parent_adcode: str | None = None) -> gpd.GeoDataFrame:
    """Return the prefecture-level units at drill-down detail (all 370, or one province's)."""
    return _frame(artifacts.load_prefectures(parent_adcode))


def counties_frame(province_adcode: str | None = None) -> gpd.GeoDataFrame:
    """Return the county-level units at county detail (all 2,875, or one province's)."""
    if province_adcode is not None:
        return _frame(artifacts.load_counties(province_adcode))
    codes = artifacts.province_table()["adcode"]
    frames = [_frame(artifacts.load_counties(code)) for code in codes]
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=WGS84).sort_values(
        "adcode", kind="stable", ignore_index=True)


def border_frame() -> gpd.GeoDataFrame:
    """Return ``border.geojson``: land pieces by neighbour and province, and the maritime line."""
    return _frame(artifacts.load_border(), sort=None)


def locate(
    points: gpd.GeoDataFrame | gpd.GeoSeries, level: Level = "prefecture", *, max_km: float = 0.0
) -> pd.DataFrame:
    """Place points in the units of one level with a spatial join.

    Parameters
    ----------
    points : GeoDataFrame or GeoSeries
        Points in EPSG:4326 (lines and polygons are placed by every unit they intersect).
    level : {"province", "prefecture", "county"}
        Provinces come from the drill-down prefectures (which tile them exactly) so the three
        levels agree on every edge point that matters.
    max_km : float
        A point in no unit (at sea just off the coast, published at a border gate that the
        GCJ-02 outlines put just across the line) takes the nearest unit within this geodesic
        distance; 0 (default) means strictly inside.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``points``: ``adcode`` (";"-joined, sorted, for a geometry in several units;
        on a shared edge a point takes the lowest adcode, as :func:`geo.spatial.province_at`
        does), ``distance_km`` (0 inside, else the geodesic distance to the unit taken) and
        ``placement`` (``inside``, ``nearest`` or ``none``).

    Raises
    ------
    ValueError
        If ``level`` is not one of :data:`LEVELS` or ``max_km`` is negative.
    """
    if level not in LEVELS:
        raise ValueError(f"level={level!r}: expected one of {', '.join(LEVELS)}")
    if not max_km >= 0:
        raise ValueError(f"max_km={max_km!r}: expected a distance in km >= 0")
    frame = points.to_frame("geometry") if isinstance(points, gpd.GeoSeries) else points
    frame = gpd.GeoDataFrame(geometry=frame.geometry.to_crs(WGS84) if frame.crs else frame.geometry,
                             crs=WGS84)
    units = _units(level)
    present = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    hits = gpd.sjoin(present, units, predicate="intersects")
    is_point = present.geom_type == "Point"
    codes = hits.groupby(level=0)["adcode"]
    lowest, every = codes.min(), codes.agg(lambda s: ";".join(sorted(set(s))))
    joined = lowest.where(is_point.reindex(lowest.index), every)
    out = pd.DataFrame({"adcode": pd.Series(None, index=frame.index, dtype=object),
                        "distance_km": np.nan, "placement": "none"}, index=frame.index)
    out.loc[joined.index, "adcode"] = joined
    out.loc[joined.index, "distance_km"] = 0.0
    out.loc[joined.index, "placement"] = "inside"
    rest = present.loc[~present.index.isin(joined.index) & is_point]
    if max_km > 0 and len(rest):
        # nearest in the equal-area plane (metres), confirmed geodesically
        near = gpd.sjoin_nearest(rest.to_crs(CHINA_ALBERS), units.to_crs(CHINA_ALBERS),
                                 max_distance=max_km * 1000 * 1.05)
        near = near[~near.index.duplicated(keep="first")]
        for idx, right, adcode in zip(near.index.tolist(), near["index_right"].tolist(),
                                      near["adcode"].tolist(), strict=True):
            pt = cast(Point, rest.geometry.loc[idx])  # rest holds the points only (is_point)
            unit = units.geometry.iloc[int(right)]
            _, q = nearest_points(pt, unit)
            km = distance_km(pt.x, pt.y, q.x, q.y)
            if km <= max_km:
                out.loc[idx, ["adcode", "distance_km", "placement"]] = [adcode, km, "nearest"]
    return out


def _units(level: Level) -> gpd.GeoDataFrame:
    if level == "county":
        frame = counties_frame()
        return frame[["adcode", "geometry"]]
    frame = prefectures_frame()
    key = "parent_adcode" if level == "province" else "adcode"
    return gpd.GeoDataFrame({"adcode": frame[key]}, geometry=frame.geometry, crs=WGS84)


def _frame(doc: dict[str, Any], *, sort: str | None = "adcode") -> gpd.GeoDataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = gpd.GeoDataFrame.from_features(doc["features"], crs=WGS84)
    frame.insert(0, "id", [f.get("id") for f in doc["features"]])
    cols = [c for c in frame.columns if c != "geometry"] + ["geometry"]
    frame = frame[cols]
    if sort:
        frame = frame.sort_values(sort, kind="stable", ignore_index=True)
    return frame
