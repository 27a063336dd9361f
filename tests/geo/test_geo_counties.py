"""County-level artifacts: counties/<province>.geojson and county_meta.json (one build per session)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from geo import artifacts
from geo.build import BORDER_COUNTY_MIN_KM
from geo.measure import area_km2
from geo.names import county_units, split_county_name

PROPERTIES = ["adcode", "parent_adcode", "province_adcode", "name_zh", "name_en", "lon", "lat", "area_km2",
              "border", "border_km", "neighbours"]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def county_docs(geo_build_dir: Path) -> dict[str, dict]:
    return {p.stem: _load(p) for p in sorted((geo_build_dir / "counties").glob("*.geojson"))}


@pytest.fixture(scope="module")
def meta(geo_build_dir: Path) -> dict:
    return _load(geo_build_dir / "county_meta.json")


def test_one_file_per_province_with_every_county(county_docs: dict[str, dict], geo_build_dir: Path) -> None:
    provinces = {f["id"] for f in _load(geo_build_dir / "provinces.geojson")["features"]}
    assert set(county_docs) == provinces
    ids = [f["id"] for doc in county_docs.values() for f in doc["features"]]
    assert len(ids) == len(set(ids)) == len(county_units()) == 2875
    prefectures = {f["id"]: f["properties"]["parent_adcode"]
                   for f in _load(geo_build_dir / "prefectures.geojson")["features"]}
    for code, doc in county_docs.items():
        for f in doc["features"]:
            p = f["properties"]
            assert list(p) == PROPERTIES and f["id"] == p["adcode"]
            assert p["province_adcode"] == code and prefectures[p["parent_adcode"]] == code
            assert p["name_zh"] and p["name_en"] and p["area_km2"] > 0


def test_file_sizes_within_budget(geo_build_dir: Path) -> None:
    sizes = {p.stem: p.stat().st_size for p in (geo_build_dir / "counties").glob("*.geojson")}
    assert max(sizes.values()) <= 250_000, max(sizes.items(), key=lambda kv: kv[1])


def test_counties_are_an_exact_coverage(
    county_docs: dict[str, dict], raw_province_km2: dict[str, float]
) -> None:
    feats = [f for doc in county_docs.values() for f in doc["features"]]
    geoms = np.array([shape(f["geometry"]) for f in feats])
    assert all(g.is_valid and not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon") for g in geoms)
    assert shapely.coverage_is_valid(geoms)  # no overlaps, shared edges identical
    km2 = area_km2(geoms)
    provinces = np.array([f["properties"]["province_adcode"] for f in feats])
    for code, raw in raw_province_km2.items():
        assert abs(km2[provinces == code].sum() / raw - 1) < 0.01, code
    # the stored area is the unsimplified one; the drawn polygons stay close to it
    stored = np.array([f["properties"]["area_km2"] for f in feats])
    drift = np.abs(km2 / stored - 1)
    assert np.median(drift) < 0.01 and np.quantile(drift, 0.99) < 0.1


def test_counties_tile_their_prefectures(county_docs: dict[str, dict], geo_build_dir: Path) -> None:
    prefs = {f["id"]: shape(f["geometry"]) for f in _load(geo_build_dir / "prefectures.geojson")["features"]}
    for doc in county_docs.values():
        for f in doc["features"]:
            # the label point of each county lies in its prefecture (at drill-down detail)
            p = f["properties"]
            assert prefs[p["parent_adcode"]].distance(shapely.Point(p["lon"], p["lat"])) < 0.02, p["adcode"]


def test_border_counties(meta: dict, geo_artifacts: Path) -> None:
    table = artifacts.county_table()
    border = table.loc[table["border"]]
    assert len(border) == meta["border_counties"]["total"]
    # the usual official figure is "about 140 land-border counties"; the geometry gives a count near it
    assert 125 <= len(border) <= 155
    assert (border["border_km"] >= BORDER_COUNTY_MIN_KM).all() and (border["neighbours"] != "").all()
    assert set(border["province_adcode"]) == {
        "150000", "210000", "220000", "230000", "450000", "530000", "540000", "620000", "650000"}
    assert meta["border_counties"]["by_province"] == border.groupby("province_adcode").size().to_dict()
    by_code = table.set_index("adcode")
    for code, iso3 in {"222404": "PRK", "150781": "RUS", "152501": "MNG", "231081": "RUS", "450681": "VNM",
                       "533102": "MMR", "540234": "NPL", "654004": "KAZ", "653131": "PAK", "210624": "PRK",
                       "532823": "LAO", "540233": "BTN"}.items():
        assert by_code.loc[code, "border"] and iso3 in by_code.loc[code, "neighbours"].split(";"), code
    for code in ("110101", "540102", "650102", "220102", "460105"):  # capitals, coast: not on the land border
        assert not by_code.loc[code, "border"], code
    # the border lengths of the counties add up to the land border (drawn at a coarser detail)
    total = _load(geo_artifacts / "geo_meta.json")["border"]["land_total_km"]
    assert abs(table["border_km"].sum() / total - 1) < 0.1


def test_meta_counts_and_checks(meta: dict) -> None:
    assert meta["counts"]["counties"] == 2875
    assert sum(meta["counts"]["by_province"].values()) == 2875
    assert meta["counts"]["by_province"]["510000"] == 183
    assert meta["parent_check"]["misplaced"] == []
    assert "140" in meta["official_border_counties"]


def test_loaders(geo_artifacts: Path) -> None:
    doc = artifacts.load_counties("650000")
    assert len(doc["features"]) == 106
    table = artifacts.county_table("220000")
    assert list(table.columns) == PROPERTIES and len(table) == 60
    assert len(artifacts.county_table()) == 2875
    assert artifacts.load_county_meta()["counts"]["counties"] == 2875
    with pytest.raises(ValueError, match="province_adcode"):
        artifacts.load_counties("650100")
    with pytest.raises(ValueError, match="province_adcode"):
        artifacts.county_table("xinjiang")


@pytest.mark.parametrize(
    ("adcode", "name_en"),
    [("210624", "Kuandian"), ("222404", "Hunchun"), ("653131", "Taxkorgan"), ("654004", "Khorgas"),
     ("150781", "Manzhouli"), ("110105", "Chaoyang"), ("310105", "Changning"), ("140428", "Zhangzi"),
     ("810001", "Central and Western"), ("710000", "Taiwan"), ("500101", "Wanzhou"), ("540234", "Gyirong")],
)
def test_county_names(adcode: str, name_en: str) -> None:
    unit = {u.adcode: u for u in county_units()}[adcode]
    assert unit.name_en == name_en


def test_split_county_name() -> None:
    assert split_county_name("宽甸满族自治县") == ("宽甸", ("Manchu",), "Autonomous County")
    assert split_county_name("额济纳旗") == ("额济纳", (), "Banner")
    assert split_county_name("城区") == ("城区", (), "")
