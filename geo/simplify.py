"""Coverage simplification that keeps shared edges aligned, at two detail levels.

The raw prefecture polygons form a valid coverage (no overlaps, identical vertices on shared
edges). ``shapely.coverage_simplify`` (Visvalingam–Whyatt on shared edges, GEOS ≥ 3.12) keeps that
property, so the simplified prefectures still tile each province exactly, and the provinces are
their dissolve: both levels share the very same edges. Plain per-polygon ``simplify`` would move
each side of a shared edge independently and leave slivers.

Coordinates are snapped with ``shapely.set_precision`` (a noding snap that keeps polygons valid)
rather than by rounding numbers, which made provinces invalid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.measure import area_km2


@dataclass(frozen=True, slots=True)
class DetailLevel:
    """Parameters of one detail level.

    Attributes
    ----------
    name : str
    tolerance : float
        ``coverage_simplify`` tolerance in degrees (≈ square root of the triangle areas removed).
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


def simplify_coverage(
    geoms: Sequence[BaseGeometry] | np.ndarray,
    level: DetailLevel,
    *,
    reference_km2: np.ndarray | None = None,
    groups: Sequence[str] | None = None,
) -> np.ndarray:
    """Simplify a polygon coverage, snap it to a grid and drop islets, keeping it a valid coverage.

    Parameters
    ----------
    geoms : sequence of Polygon or MultiPolygon
        A valid coverage in lon/lat degrees (one entry per unit).
    level : DetailLevel
        Tolerances, grid and islet threshold.
    reference_km2 : numpy.ndarray, optional
        Unsimplified area of each unit (defaults to the area of ``geoms``); a unit's tolerance is
        refined until its area stays within :data:`MAX_AREA_DRIFT` of it.
    groups : sequence of str, optional
        Group of each unit (its province). A unit may also drift by up to
        :data:`MAX_GROUP_DRIFT` of its group's area (capped at :data:`MAX_GROUPED_UNIT_DRIFT` of
        its own), so an island prefecture such as Zhoushan need not keep every islet at national
        detail when Zhejiang as a whole keeps its area.

    Returns
    -------
    numpy.ndarray of geometries
        Same length and order as ``geoms``; every entry valid and non-empty, and together a valid
        coverage (``shapely.coverage_is_valid``).
    """
    arr = np.asarray(geoms, dtype=object)
    ref = area_km2(arr) if reference_km2 is None else np.asarray(reference_km2, dtype=float)
    allowed = MAX_AREA_DRIFT * ref
    if groups is not None:
        keys = np.asarray(groups)
        group_km2 = {g: ref[keys == g].sum() for g in set(keys.tolist())}
        by_group = MAX_GROUP_DRIFT * np.array([group_km2[g] for g in keys])
        allowed = np.maximum(allowed, np.minimum(by_group, MAX_GROUPED_UNIT_DRIFT * ref))
    out = np.empty(len(arr), dtype=object)
    tier = np.zeros(len(arr), dtype=int)
    alive = np.ones(len(arr), dtype=bool)  # units still within the drift at every tier so far
    current = finest = arr
    for i, tol in enumerate(level.tolerances()):  # finest first; each tier simplifies the previous
        if tol > 0:
            current = shapely.coverage_simplify(current, tol)
        if i == 0:
            finest = current
        if i:  # the finest tier is every unit's fallback
            alive &= np.abs(area_km2(current) - ref) <= allowed
        out[alive] = current[alive]
        tier[alive] = i
    if len(np.unique(tier)) > 1:
        # units simplified at different tolerances disagree on shared edges: overlaps go to the
        # finer unit (listed first), gaps to the coarser one, so neither Macao nor Zhuhai grows
        order = np.argsort(tier, kind="stable")
        cleaned = np.empty(len(out), dtype=object)
        cleaned[order] = _polygonal(shapely.coverage_clean(out[order], merge_strategy="min_index"))
        out = _fill_gaps(cleaned, tier, shapely.coverage_union_all(finest))
    out = _polygonal(shapely.set_precision(out, level.grid))
    # set_precision works polygon by polygon; snap the few edges where it collapsed differently
    out = _polygonal(shapely.coverage_clean(out, gap_width=level.grid, snapping_distance=0))
    return drop_islets(out, level.min_islet_km2)


def drop_islets(geoms: np.ndarray, min_km2: float, *, max_loss: float = MAX_ISLET_LOSS) -> np.ndarray:
    """Remove parts lying on land masses smaller than ``min_km2``, smallest first.

    Land masses are the connected parts of the union of the whole coverage, so an islet split
    between two units is dropped from both (or from neither) and no gap opens between neighbours.
    A unit never loses more than ``max_loss`` of its area this way (Sansha's reefs, Hong Kong's
    and Zhoushan's islands stay) and always keeps its largest part.
    """
    if min_km2 <= 0:
        return geoms
    masses = shapely.get_parts(shapely.coverage_union_all(geoms))
    mass_km2 = area_km2(masses)
    small = np.flatnonzero(mass_km2 < min_km2)
    if not len(small):
        return geoms
    parts, owner = shapely.get_parts(geoms, return_index=True)
    part_km2 = area_km2(parts)
    unit_km2 = np.bincount(owner, weights=part_km2, minlength=len(geoms))
    budget = unit_km2 * max_loss
    idx_part, idx_mass = shapely.STRtree(masses[small]).query(
        shapely.point_on_surface(parts), predicate="within"
    )
    parts_of_mass: dict[int, list[int]] = {}
    for p, m in zip(idx_part.tolist(), idx_mass.tolist(), strict=True):
        parts_of_mass.setdefault(m, []).append(p)
    drop = np.zeros(len(parts), dtype=bool)
    for m in np.argsort(mass_km2[small]).tolist():
        members = parts_of_mass.get(m, [])
        cost = np.bincount(owner[members], weights=part_km2[members], minlength=len(geoms))
        if np.all(cost <= budget):
            budget -= cost
            drop[members] = True
    out = np.empty(len(geoms), dtype=object)
    for i in range(len(geoms)):
        mine = np.flatnonzero(owner == i)
        keep = mine[~drop[mine]]
        if not len(keep):  # never lose a unit: keep its largest part
            keep = mine[[int(np.argmax(part_km2[mine]))]]
        out[i] = _as_multipolygon(parts[keep])
    return out


def dissolve(geoms: np.ndarray, groups: Sequence[str]) -> dict[str, BaseGeometry]:
    """Union the coverage members of each group (e.g. prefectures by parent province).

    ``coverage_union_all`` is exact and fast because members share identical edges.
    """
    keys = np.asarray(groups)
    out: dict[str, BaseGeometry] = {}
    for key in dict.fromkeys(keys.tolist()):
        merged = shapely.coverage_union_all(geoms[keys == key])
        out[key] = _polygonal(np.array([merged], dtype=object))[0]
    return out


def _fill_gaps(geoms: np.ndarray, tier: np.ndarray, reference: BaseGeometry) -> np.ndarray:
    """Give each hole of the coverage that ``reference`` lacks to its coarsest-tier neighbour."""
    holes = _holes(shapely.coverage_union_all(geoms))
    if holes.is_empty:
        return geoms
    gaps = shapely.get_parts(shapely.difference(holes, _holes(reference)))
    gaps = gaps[shapely.get_type_id(gaps) == 3]
    if not len(gaps):
        return geoms
    out = geoms.copy()
    pairs = shapely.STRtree(geoms).query(gaps, predicate="intersects")
    for i, gap in enumerate(gaps):
        near = pairs[1][pairs[0] == i]
        if not len(near):
            continue
        shared = shapely.length(shapely.intersection(shapely.boundary(geoms[near]), gap.boundary))
        best = near[np.lexsort((shared, tier[near]))[-1]]  # coarsest tier, then longest shared edge
        out[best] = shapely.union(out[best], gap)
    return _polygonal(out)


def _holes(geom: BaseGeometry) -> BaseGeometry:
    rings = [r for p in shapely.get_parts(geom) if p.geom_type == "Polygon" for r in p.interiors]
    return shapely.union_all([shapely.Polygon(r) for r in rings]) if rings else shapely.Polygon()


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    """Make each geometry valid and keep only its polygonal parts (set_precision may leave lines)."""
    out = np.empty(len(geoms), dtype=object)
    for i, geom in enumerate(geoms):
        g = geom if geom.is_valid else shapely.make_valid(geom)
        if g.geom_type not in ("Polygon", "MultiPolygon"):
            parts = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
            g = shapely.union_all(parts) if parts else g
        out[i] = g
    return out


def _as_multipolygon(parts: np.ndarray) -> BaseGeometry:
    polys = [p for part in parts for p in shapely.get_parts(part)]
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
