"""geo.simplify on small synthetic coverages (the real artifacts are checked in test_geo_build)."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from geo.measure import area_km2
from geo.simplify import DRILL, NATIONAL, DetailLevel, dissolve, drop_islets, simplify_coverage


def _wiggly_coverage() -> np.ndarray:
    """Two 1°x1° cells sharing a zig-zag edge with 200 vertices, plus a small island."""
    ys = np.linspace(0, 1, 201)
    xs = 1 + 0.01 * np.sin(ys * 80)
    edge = list(zip(xs, ys, strict=True))
    left = Polygon([(0, 0), *edge, (0, 1)])
    right = Polygon([(2, 0), (2, 1), *edge[::-1]])
    islet = box(2.5, 0.5, 2.52, 0.52)  # ~5 km2
    return np.array([left, MultiPolygon([right, islet])], dtype=object)


def test_simplified_coverage_stays_a_coverage() -> None:
    cov = _wiggly_coverage()
    level = DetailLevel("t", tolerance=0.02, min_tolerance=0.005, grid=0.001, min_islet_km2=0.0)
    out = simplify_coverage(cov, level)
    assert shapely.coverage_is_valid(out)
    assert all(g.is_valid for g in out)
    assert shapely.get_num_coordinates(out).sum() < shapely.get_num_coordinates(cov).sum()
    # no overlap, no gap: the parts add up to their union
    assert abs(out[0].area + out[1].area - shapely.union_all(out).area) < 1e-9
    # vertices lie on the 0.001° grid
    xy = shapely.get_coordinates(out)
    assert np.allclose(xy, np.round(xy, 3), atol=1e-9)


def test_drop_islets_keeps_budget_and_largest_part() -> None:
    cov = _wiggly_coverage()
    # the islet is ~0.04 % of the right cell: dropped with a 0.2 % budget
    out = drop_islets(cov, min_km2=10.0)
    assert out[1].geom_type == "Polygon"
    assert out[0].equals(cov[0])
    # a unit made only of an islet keeps it (never vanishes)
    lone = np.array([box(10, 10, 10.01, 10.01)], dtype=object)
    assert drop_islets(lone, min_km2=10.0)[0].area > 0
    # with a zero budget nothing goes
    assert drop_islets(cov, min_km2=10.0, max_loss=0.0)[1].geom_type == "MultiPolygon"


def test_small_units_get_a_finer_tolerance() -> None:
    big = box(0, 0, 4, 4)
    # a small jagged unit inside: coarse tolerance would collapse it to a triangle
    angles = np.linspace(0, 2 * np.pi, 60, endpoint=False)
    radius = 0.05 + 0.01 * np.sin(angles * 7)
    small = Polygon(np.c_[2 + radius * np.cos(angles), 2 + radius * np.sin(angles)])
    cov = np.array([big.difference(small), small], dtype=object)
    level = DetailLevel("t", tolerance=0.2, min_tolerance=0.002, grid=0.0001, min_islet_km2=0.0)
    out = simplify_coverage(cov, level)
    before, after = area_km2(cov), area_km2(out)
    assert abs(after[1] / before[1] - 1) < 0.005
    assert shapely.coverage_is_valid(out)
    # whereas one tolerance for all collapses the small unit
    coarse = area_km2(shapely.coverage_simplify(cov, 0.2))
    assert abs(coarse[1] / before[1] - 1) > 0.05
    # the big unit still gets the coarse tolerance
    assert shapely.get_num_coordinates(out[0].exterior) == 5


def test_dissolve_groups() -> None:
    cov = np.array([box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)], dtype=object)
    out = dissolve(cov, ["a", "a", "b"])
    assert out["a"].equals(box(0, 0, 2, 1))
    assert out["b"].equals(cov[2])


def test_levels_are_ordered() -> None:
    assert DRILL.tolerance < NATIONAL.tolerance
    assert DRILL.tolerances()[0] < DRILL.tolerances()[-1] == DRILL.tolerance
    assert NATIONAL.tolerances()[0] == 0.0  # national detail may keep a unit at drill-down detail
