"""Coverage simplification that keeps shared edges aligned, at two detail levels (GeoSeries in, out).

The raw prefecture polygons form a valid coverage (no overlaps, identical vertices on shared
edges). ``GeoSeries.simplify_coverage`` (shapely's ``coverage_simplify``, Visvalingam–Whyatt on
shared edges, GEOS ≥ 3.12) keeps that property, so the simplified prefectures still tile each
province exactly, and the provinces are their dissolve (``GeoDataFrame.dissolve(method="coverage")``):
both levels share the very same edges. Plain per-polygon ``simplify`` would move each side of a shared
edge independently and leave slivers.

Coordinates are snapped with ``GeoSeries.set_precision`` (a noding snap that keeps polygons valid)
rather than by rounding numbers, which made provinces invalid. ``shapely.coverage_clean`` (not
wrapped by geopandas) re-joins units simplified at different tolerances.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.measure import WGS84, areas_km2


@dataclass(frozen=True, slots=True)
class DetailLevel:
    """Parameters of one detail level.

    Attributes
    ----------
    name : str
    tolerance : float
        ``simplify_coverage`` tolerance in degrees (≈ square root of the triangle areas removed).
    min_tolerance : float
        Units whose area would drift by more than :data:`MAX_AREA_DRIFT` at ``tolerance`` (Macao,
        Hong Kong, Sansha's reefs, island prefectures) take the coarsest of ``tolerance / 2**k``
        (down to ``min_tolerance``, then the input itself if ``keep_input``) that holds their area;
        ``coverage_clean``
        then re-joins the differently simplified units edge to edge.
    grid : float
        ``set_precision`` grid size in degrees.
    min_islet_km2 : float
        Islands (connected land masses of the whole coverage) smaller than this may be dropped,
        within :data:`MAX_ISLET_LOSS` of each unit's area; no unit vanishes.
    """

    name: str
    tolerance: float
    min_tolerance: float
    grid: float
    min_islet_km2: float
    keep_input: bool = False

    def tolerances(self) -> list[float]:
        """Return the tolerances tried, finest first (0 stands for the input itself)."""
        tols = [self.tolerance]
        while tols[-1] / 2 >= self.min_tolerance:
            tols.append(tols[-1] / 2)
        if self.keep_input:
            tols.append(0.0)
        return tols[::-1]


#: Largest relative area change accepted for a unit before it gets a finer tolerance.
MAX_AREA_DRIFT = 0.005
#: ... or by this share of its group's (province's) area, whichever is larger.
MAX_GROUP_DRIFT = 0.001
#: ... but never more than this share of its own area (Xinjiang's small XPCC cities).
MAX_GROUPED_UNIT_DRIFT = 0.1
#: At most this share of a unit's area may be dropped as islets.
MAX_ISLET_LOSS = 0.002

#: Drill-down detail (one province's prefectures), from the raw coverage; 0.005° ≈ 500 m.
DRILL = DetailLevel("drill", tolerance=0.005, min_tolerance=0.00125, grid=0.001, min_islet_km2=2.0)
#: National detail (all provinces on one map), from the drill-down coverage; at ~0.05° a vertex
#: shift stays under one pixel of a national map.
NATIONAL = DetailLevel(
    "national", tolerance=0.06, min_tolerance=0.0075, grid=0.001, min_islet_km2=40.0, keep_input=True
)
#: County detail (one province's counties on a drill-down map), from the raw county coverage:
#: 0.025° ≈ 2.5 km keeps the largest province file (Sichuan, 183 counties) under 250 KB; urban
#: districts and islands that would drift fall back to 0.0125°, 0.00625° or 0.003125°.
COUNTY = DetailLevel("county", tolerance=0.025, min_tolerance=0.003, grid=0.001, min_islet_km2=2.0)


def as_series(geoms: gpd.GeoSeries | Sequence[BaseGeometry] | np.ndarray) -> gpd.GeoSeries:
    """Return ``geoms`` as a GeoSeries in EPSG:4326 with a fresh RangeIndex."""
    if isinstance(geoms, gpd.GeoSeries):
        out = _reset(geoms)
        return out if out.crs is not None else out.set_crs(WGS84)
    return gpd.GeoSeries(np.asarray(geoms, dtype=object), crs=WGS84)


def simplify_coverage(
    geoms: gpd.GeoSeries | Sequence[BaseGeometry] | np.ndarray,
    level: DetailLevel,
    *,
    reference_km2: np.ndarray | pd.Series | None = None,
    groups: Sequence[str] | pd.Series | None = None,
) -> gpd.GeoSeries:
    """Simplify a polygon coverage, snap it to a grid and drop islets, keeping it a valid coverage.

    Parameters
    ----------
    geoms : GeoSeries or sequence of Polygon or MultiPolygon
        A valid coverage in lon/lat degrees (one entry per unit).
    level : DetailLevel
        Tolerances, grid and islet threshold.
    reference_km2 : array-like, optional
        Unsimplified area of each unit (defaults to the area of ``geoms``); a unit's tolerance is
        refined until its area stays within :data:`MAX_AREA_DRIFT` of it.
    groups : sequence of str, optional
        Group of each unit (its province). A unit may also drift by up to
        :data:`MAX_GROUP_DRIFT` of its group's area (capped at :data:`MAX_GROUPED_UNIT_DRIFT` of
        its own), so an island prefecture such as Zhoushan need not keep every islet at national
        detail when Zhejiang as a whole keeps its area.

    Returns
    -------
    geopandas.GeoSeries
        Same length and order as ``geoms`` (RangeIndex, EPSG:4326); every entry valid and
        non-empty, and together a valid coverage (``GeoSeries.is_valid_coverage()``).
    """
    series = as_series(geoms)
    ref = areas_km2(series).to_numpy() if reference_km2 is None else np.asarray(reference_km2, dtype=float)
    allowed = MAX_AREA_DRIFT * ref
    if groups is not None:
        group_km2 = pd.Series(ref).groupby(np.asarray(groups)).transform("sum").to_numpy()
        allowed = np.maximum(allowed, np.minimum(MAX_GROUP_DRIFT * group_km2, MAX_GROUPED_UNIT_DRIFT * ref))
    out = series.copy()
    tier = np.zeros(len(series), dtype=int)
    alive = np.ones(len(series), dtype=bool)  # units still within the drift at every tier so far
    current = finest = series
    for i, tol in enumerate(level.tolerances()):  # finest first; each tier simplifies the previous
        if tol > 0:
            current = current.simplify_coverage(tol)
        if i == 0:
            finest = current
        if i:  # the finest tier is every unit's fallback
            alive &= np.abs(areas_km2(current).to_numpy() - ref) <= allowed
        out[alive] = current[alive]
        tier[alive] = i
    if len(np.unique(tier)) > 1:
        # units simplified at different tolerances disagree on shared edges: overlaps go to the
        # finer unit (listed first), gaps to the coarser one, so neither Macao nor Zhuhai grows
        order = np.argsort(tier, kind="stable")
        cleaned = np.empty(len(out), dtype=object)
        # shapely 2.2 (GEOS 3.14) has coverage_clean; types-shapely 2.1.0 predates it
        cleaned[order] = shapely.coverage_clean(  # type: ignore[attr-defined]
            out.to_numpy()[order], merge_strategy="min_index")
        out = _fill_gaps(_polygonal(as_series(cleaned)), tier, finest.union_all(method="coverage"))
    out = _polygonal(out.set_precision(level.grid))
    # set_precision works polygon by polygon; snap the few edges where it collapsed differently
    out = _polygonal(as_series(shapely.coverage_clean(  # type: ignore[attr-defined]  # as above
        out.to_numpy(), gap_width=level.grid, snapping_distance=0)))
    return drop_islets(out, level.min_islet_km2)


def drop_islets(
    geoms: gpd.GeoSeries | np.ndarray, min_km2: float, *, max_loss: float = MAX_ISLET_LOSS
) -> gpd.GeoSeries:
    """Remove parts lying on land masses smaller than ``min_km2``, smallest first.

    Land masses are the connected parts of the union of the whole coverage, so an islet split
    between two units is dropped from both (or from neither) and no gap opens between neighbours.
    A unit never loses more than ``max_loss`` of its area this way (Sansha's reefs, Hong Kong's
    and Zhoushan's islands stay) and always keeps its largest part.
    """
    series = as_series(geoms)
    if min_km2 <= 0:
        return series
    masses = as_series([series.union_all(method="coverage")]).explode(index_parts=False)
    masses = _reset(masses)
    mass_km2 = areas_km2(masses).to_numpy()
    small = np.flatnonzero(mass_km2 < min_km2)
    if not len(small):
        return series
    parts = series.explode(index_parts=False)  # index: the owning unit
    owner = parts.index.to_numpy()
    parts = _reset(parts)
    part_km2 = areas_km2(parts).to_numpy()
    budget = np.bincount(owner, weights=part_km2, minlength=len(series)) * max_loss
    on_small = gpd.sjoin(
        gpd.GeoDataFrame(geometry=parts.representative_point()),
        gpd.GeoDataFrame({"mass": small}, geometry=masses.to_numpy()[small], crs=WGS84),
        predicate="within",
    )
    parts_of_mass = on_small.groupby("mass").groups
    drop = np.zeros(len(parts), dtype=bool)
    for m in small[np.argsort(mass_km2[small])].tolist():
        members = np.asarray(parts_of_mass.get(m, []), dtype=int)
        cost = np.bincount(owner[members], weights=part_km2[members], minlength=len(series))
        if np.all(cost <= budget):
            budget -= cost
            drop[members] = True
    out = []
    for i in range(len(series)):
        mine = np.flatnonzero(owner == i)
        keep = mine[~drop[mine]]
        if not len(keep):  # never lose a unit: keep its largest part
            keep = mine[[int(np.argmax(part_km2[mine]))]]
        out.append(_as_multipolygon(parts.to_numpy()[keep]))
    return as_series(out)


def dissolve(geoms: gpd.GeoSeries | np.ndarray, groups: Sequence[str] | pd.Series) -> gpd.GeoSeries:
    """Union the coverage members of each group (e.g. prefectures by parent province).

    ``GeoDataFrame.dissolve(method="coverage")`` is exact and fast because members share identical
    edges. Returns a GeoSeries indexed by group, in order of first appearance.
    """
    keys = pd.Series(np.asarray(groups), name="group")
    frame = gpd.GeoDataFrame({"group": keys}, geometry=as_series(geoms))
    out = frame.dissolve("group", method="coverage", sort=False).geometry
    return _polygonal(out)


def _fill_gaps(geoms: gpd.GeoSeries, tier: np.ndarray, reference: BaseGeometry) -> gpd.GeoSeries:
    """Give each hole of the coverage that ``reference`` lacks to its coarsest-tier neighbour."""
    holes = _holes(geoms.union_all(method="coverage"))
    if holes.is_empty:
        return geoms
    gaps = as_series([shapely.difference(holes, _holes(reference))]).explode(index_parts=False)
    gaps = _reset(gaps[gaps.geom_type == "Polygon"])
    if not len(gaps):
        return geoms
    pairs = gpd.sjoin(gpd.GeoDataFrame(geometry=gaps), gpd.GeoDataFrame(geometry=geoms),
                      predicate="intersects")
    gap_idx, unit_idx = pairs.index.to_numpy(), pairs["index_right"].to_numpy()
    # degrees suffice to rank a gap's neighbours by the edge they share with it
    shared = shapely.length(shapely.intersection(geoms.boundary.to_numpy()[unit_idx],
                                                 gaps.boundary.to_numpy()[gap_idx]))
    # per gap: coarsest tier, then longest shared edge, then the last candidate listed
    order = np.lexsort((np.arange(len(gap_idx)), shared, tier[unit_idx], gap_idx))
    last = np.r_[gap_idx[order][1:] != gap_idx[order][:-1], True]
    best = dict(zip(gap_idx[order][last].tolist(), unit_idx[order][last].tolist(), strict=True))
    out = geoms.to_numpy().copy()
    for i, gap in enumerate(gaps.to_numpy()):  # in gap order, as each unit takes its gaps one by one
        if i in best:
            out[best[i]] = shapely.union(out[best[i]], gap)
    return _polygonal(gpd.GeoSeries(out, index=geoms.index, crs=geoms.crs))


def _reset(geoms: pd.Series[Any]) -> gpd.GeoSeries:
    """A GeoSeries with a fresh RangeIndex.

    ``geoms`` is a GeoSeries, or a GeoSeries masked or reset by pandas' methods: geopandas keeps the
    class, which the stubs type as pandas' Series (hence the cast).
    """
    return cast(gpd.GeoSeries, geoms.reset_index(drop=True))


def _holes(geom: BaseGeometry) -> BaseGeometry:
    rings = [r for p in shapely.get_parts(geom) if p.geom_type == "Polygon" for r in p.interiors]
    return shapely.union_all([shapely.Polygon(r) for r in rings]) if rings else shapely.Polygon()


def _polygonal(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """Make each geometry valid and keep only its polygonal parts (set_precision may leave lines)."""
    arr = geoms.to_numpy().copy()
    fix = ~shapely.is_valid(arr) | ~np.isin(shapely.get_type_id(arr), (3, 6))
    for i in np.flatnonzero(fix).tolist():
        g = arr[i] if arr[i].is_valid else shapely.make_valid(arr[i])
        if g.geom_type not in ("Polygon", "MultiPolygon"):
            parts = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
            g = shapely.union_all(parts) if parts else g
        arr[i] = g
    return gpd.GeoSeries(arr, index=geoms.index, crs=geoms.crs or WGS84)


def _as_multipolygon(parts: np.ndarray) -> BaseGeometry:
    polys = [p for part in parts for p in shapely.get_parts(part)]
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
