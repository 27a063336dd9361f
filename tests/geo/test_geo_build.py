"""The build artifacts: exact coverages, areas, sizes and the land border (one build per session)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from geo.border import WESTERN_ADCODES
from geo.measure import area_km2, length_km


def _load(build: Path, name: str) -> dict:
    return json.loads((build / name).read_text(encoding="utf-8"))


def _geoms(doc: dict) -> tuple[list[str], np.ndarray]:
    return [f["id"] for f in doc["features"]], np.array([shape(f["geometry"]) for f in doc["features"]])


@pytest.fixture(scope="module")
def levels(geo_build_dir: Path) -> dict[str, tuple[list[str], np.ndarray]]:
    return {
        name: _geoms(_load(geo_build_dir, name))
        for name in ("provinces.geojson", "prefectures.geojson", "prefectures_national.geojson")
    }


def test_feature_ids_and_properties(geo_build_dir: Path) -> None:
    provinces = _load(geo_build_dir, "provinces.geojson")["features"]
    assert len(provinces) == 34
    for f in provinces:
        p = f["properties"]
        assert f["id"] == p["adcode"] and len(p["adcode"]) == 6 and p["adcode"].endswith("0000")
        assert p["name_zh"] and p["name_en"]
    prefectures = _load(geo_build_dir, "prefectures.geojson")["features"]
    assert len(prefectures) == 370
    codes = {f["id"] for f in provinces}
    assert {f["properties"]["parent_adcode"] for f in prefectures} == codes
    assert len({f["id"] for f in prefectures}) == 370
    names = {f["id"]: f["properties"]["name_en"] for f in prefectures}
    assert names["150700"] == "Hulunbuir" and names["650100"] == "Ürümqi"


@pytest.mark.parametrize("name", ["provinces.geojson", "prefectures.geojson", "prefectures_national.geojson"])
def test_every_geometry_is_valid_and_polygonal(levels: dict, name: str) -> None:
    _, geoms = levels[name]
    assert all(g.is_valid and not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon") for g in geoms)


@pytest.mark.parametrize("name", ["provinces.geojson", "prefectures.geojson", "prefectures_national.geojson"])
def test_no_overlaps(levels: dict, name: str) -> None:
    _, geoms = levels[name]
    total = float(area_km2(geoms).sum())
    union = float(area_km2(shapely.union_all(geoms)))
    assert abs(total / union - 1) < 0.002  # overlaps would make the sum exceed the union


@pytest.mark.parametrize("name", ["provinces.geojson", "prefectures.geojson"])
def test_no_new_gaps(levels: dict, raw_province_km2: dict[str, float], name: str) -> None:
    _, geoms = levels[name]
    union = shapely.union_all(geoms)
    # gaps would shrink the union below the raw total (islets may go: within 0.2 %)
    assert abs(float(area_km2(union)) / sum(raw_province_km2.values()) - 1) < 0.002
    # and would show up as holes that the raw coverage does not have; the raw union has lakes
    # as holes, but none of the simplified holes may be a sliver along a shared edge
    holes = [shapely.Polygon(r) for p in shapely.get_parts(union) for r in p.interiors]
    slivers = [h for h in holes if h.area > 0 and h.area / h.length < 0.0005]
    assert slivers == []


def test_national_and_drill_provinces_share_edges(levels: dict) -> None:
    _, national = levels["provinces.geojson"]
    assert shapely.coverage_is_valid(national)
    _, drill = levels["prefectures.geojson"]
    assert shapely.coverage_is_valid(drill)


def test_province_areas_within_one_percent(levels: dict, raw_province_km2: dict[str, float],
                                           geo_build_dir: Path) -> None:
    ids, national = levels["provinces.geojson"]
    got = dict(zip(ids, area_km2(national).tolist(), strict=True))
    drifts = {c: got[c] / raw_province_km2[c] - 1 for c in ids}
    assert max(abs(d) for d in drifts.values()) < 0.01, drifts
    # drill-down detail: the dissolved prefectures of each province
    feats = _load(geo_build_dir, "prefectures.geojson")["features"]
    parents = np.array([f["properties"]["parent_adcode"] for f in feats])
    _, drill = levels["prefectures.geojson"]
    km2 = area_km2(drill)
    for code in ids:
        assert abs(km2[parents == code].sum() / raw_province_km2[code] - 1) < 0.01, code


def test_prefecture_areas_at_drill_detail(geo_build_dir: Path, levels: dict) -> None:
    feats = _load(geo_build_dir, "prefectures.geojson")["features"]
    _, drill = levels["prefectures.geojson"]
    ref = np.array([f["properties"]["area_km2"] for f in feats])
    assert np.all(np.abs(area_km2(drill) / ref - 1) < 0.01)


def test_equal_area_figures_from_the_seeds(raw_province_km2: dict[str, float], geo_build_dir: Path) -> None:
    # seed 004: Jilin "covers an area of 187,400 square kilometers"
    assert abs(raw_province_km2["220000"] / 187_400 - 1) < 0.03
    # seed 002: the western regions are "sprawling 6.87 million square kilometers"
    west = sum(raw_province_km2[c] for c in WESTERN_ADCODES)
    assert abs(west / 6_870_000 - 1) < 0.03
    # the artifacts carry the same areas
    feats = _load(geo_build_dir, "provinces.geojson")["features"]
    table = {f["id"]: f["properties"]["area_km2"] for f in feats}
    assert abs(table["220000"] / raw_province_km2["220000"] - 1) < 0.001


def test_size_budgets(geo_build_dir: Path) -> None:
    assert (geo_build_dir / "provinces.geojson").stat().st_size <= 300_000
    drill = sorted((geo_build_dir / "prefectures").glob("*.geojson"))
    assert len(drill) == 34
    assert max(p.stat().st_size for p in drill) <= 250_000


def test_named_islands_stay(levels: dict) -> None:
    ids, national = levels["provinces.geojson"]
    by_code = dict(zip(ids, national, strict=True))
    for code, (lon, lat) in {
        "460000": (109.8, 19.2),  # Hainan Island
        "710000": (121.0, 23.8),  # Taiwan
        "330000": (122.2, 30.05),  # Zhoushan Island
        "310000": (121.5, 31.6),  # Chongming
        "810000": (114.1, 22.26),  # Hong Kong Island / Lantau area
    }.items():
        assert by_code[code].distance(shapely.Point(lon, lat)) < 0.05, code


def test_land_border_by_neighbour_and_province(geo_build_dir: Path, levels: dict) -> None:
    feats = _load(geo_build_dir, "border.geojson")["features"]
    land = [f for f in feats if f["properties"]["kind"] == "land"]
    assert {f["properties"]["iso3"] for f in land} == {
        "AFG", "BTN", "IND", "KAZ", "KGZ", "LAO", "MMR", "MNG", "NPL", "PAK", "PRK", "RUS", "TJK", "VNM",
    }
    assert [f for f in feats if f["properties"]["kind"] == "maritime"]
    feats_pref = _load(geo_build_dir, "prefectures.geojson")["features"]
    parents = np.array([f["properties"]["parent_adcode"] for f in feats_pref])
    _, drill = levels["prefectures.geojson"]
    for f in land:
        geom = shape(f["geometry"])
        # length measured geodesically, in km, on the geometry written
        assert f["properties"]["length_km"] == pytest.approx(length_km(geom), rel=1e-3)
        # every vertex lies on the outline of its province (drill-down detail)
        outline = shapely.coverage_union_all(drill[parents == f["properties"]["adcode"]]).boundary
        vertices = shapely.points(shapely.get_coordinates(geom))
        assert float(shapely.distance(vertices, outline).max()) < 1e-6, f["id"]


def test_border_totals_and_western_share(geo_build_dir: Path) -> None:
    meta = _load(geo_build_dir, "geo_meta.json")
    land = [f["properties"] for f in _load(geo_build_dir, "border.geojson")["features"]
            if f["properties"]["kind"] == "land"]
    total = sum(p["length_km"] for p in land)
    west = sum(p["length_km"] for p in land if p["adcode"] in WESTERN_ADCODES)
    border = meta["border"]
    assert border["land_total_km"] == pytest.approx(total, abs=1.0)
    assert border["western_share"] == pytest.approx(west / total, abs=1e-3)
    assert sum(border["land_by_neighbour_km"].values()) == pytest.approx(total, abs=1.0)
    # published totals are 22,000+ km; at drill-down detail the outline measures a little less
    assert 19_000 < total < 23_500
    # the geometry's western share is kept next to the claim it is compared with
    claim = meta["western_border_claim"]
    assert claim["claimed_share"] == 0.91 and claim["geometry_share"] == border["western_share"]
    assert "18,000 kilometers" in claim["quote"]
    # only the 12 western provinces and the north-east (and Gansu is western) touch the border
    assert set(border["land_by_province_km"]) <= WESTERN_ADCODES | {"210000", "220000", "230000"}
