"""geo.artifacts loaders and tables; geo.spatial lookups (on the session's artifacts)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo import artifacts, spatial


def test_province_table(geo_artifacts: Path) -> None:
    df = artifacts.province_table()
    assert list(df.columns) == ["adcode", "name_zh", "name_en", "aliases", "lon", "lat", "area_km2"]
    assert len(df) == 34 and df.adcode.is_unique
    row = df.set_index("adcode").loc["540000"]
    assert row.name_en == "Tibet" and "Xizang" in row.aliases.split(";")
    assert (df.area_km2 > 0).all()
    # the table is a copy: changing it does not change the next one
    df.loc[0, "name_en"] = "changed"
    assert artifacts.province_table().loc[0, "name_en"] != "changed"


def test_prefecture_table(geo_artifacts: Path) -> None:
    df = artifacts.prefecture_table()
    assert list(df.columns) == [
        "adcode", "parent_adcode", "name_zh", "name_en", "aliases", "lon", "lat", "area_km2",
    ]
    assert len(df) == 370 and df.adcode.is_unique
    assert set(df.parent_adcode) == set(artifacts.province_table().adcode)
    yanbian = df.set_index("adcode").loc["222400"]
    assert yanbian.name_en == "Yanbian" and yanbian.parent_adcode == "220000"


@pytest.mark.parametrize("table", ["province_table", "prefecture_table"])
def test_label_points_lie_inside_their_unit(geo_artifacts: Path, table: str) -> None:
    df: pd.DataFrame = getattr(artifacts, table)()
    lookup = spatial.province_at if table == "province_table" else spatial.prefecture_at
    wrong = [(r.adcode, lookup(r.lon, r.lat)) for r in df.itertuples() if lookup(r.lon, r.lat) != r.adcode]
    assert wrong == []


def test_load_prefectures_of_one_province(geo_artifacts: Path) -> None:
    xinjiang = artifacts.load_prefectures("650000")
    assert {f["properties"]["parent_adcode"] for f in xinjiang["features"]} == {"650000"}
    assert len(xinjiang["features"]) == 24
    everything = artifacts.load_prefectures()
    assert len(everything["features"]) == 370
    assert artifacts.load_prefectures("710000")["features"][0]["id"] == "710000"


@pytest.mark.parametrize("bad", ["650100", "99", "xinjiang", "000000"])
def test_load_prefectures_rejects_non_provinces(geo_artifacts: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="parent_adcode"):
        artifacts.load_prefectures(bad)


def test_other_loaders(geo_artifacts: Path) -> None:
    assert len(artifacts.load_provinces()["features"]) == 34
    assert artifacts.load_provinces()["features"][0]["id"] == "110000"
    kinds = {f["properties"]["kind"] for f in artifacts.load_border()["features"]}
    assert kinds == {"land", "maritime"}
    assert len(artifacts.load_prefectures_national()["features"]) == 370
    assert artifacts.load_meta()["counts"] == {"provinces": 34, "prefectures": 370, "counties": 2875}


def test_missing_artifact_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_BUILD_DIR", str(tmp_path))
    with pytest.raises(artifacts.ArtifactMissingError, match=r"provinces\.geojson"):
        artifacts.load_provinces()


@pytest.mark.parametrize(
    ("lon", "lat", "province", "prefecture"),
    [
        (87.62, 43.83, "650000", "650100"),  # Ürümqi
        (75.99, 39.47, "650000", "653100"),  # Kashgar
        (91.13, 29.65, "540000", "540100"),  # Lhasa
        (116.40, 39.91, "110000", "110100"),  # Beijing
        (121.47, 31.23, "310000", "310100"),  # Shanghai
        (126.63, 45.75, "230000", "230100"),  # Harbin
        (129.51, 42.89, "220000", "222400"),  # Yanji, Yanbian
        (114.17, 22.32, "810000", "810000"),  # Hong Kong (Kowloon)
        (113.54, 22.19, "820000", "820000"),  # Macao
        (110.33, 20.03, "460000", "460100"),  # Haikou
        (106.55, 29.56, "500000", "500000"),  # Chongqing
        (121.56, 25.04, "710000", "710000"),  # Taipei
    ],
)
def test_point_lookups(geo_artifacts: Path, lon: float, lat: float, province: str, prefecture: str) -> None:
    assert spatial.province_at(lon, lat) == province
    assert spatial.prefecture_at(lon, lat) == prefecture


def test_points_outside_china(geo_artifacts: Path) -> None:
    assert spatial.province_at(125.0, 30.0) is None  # East China Sea
    assert spatial.prefecture_at(100.5, 13.75) is None  # Bangkok
    # just off the coast of Qingdao: found only when allowed to snap
    assert spatial.province_at(120.45, 36.0) is None
    assert spatial.province_at(120.45, 36.0, max_km=25) == "370000"


@pytest.mark.parametrize(
    ("lon", "lat", "iso3", "max_km"),
    [
        (124.39, 40.13, "PRK", 10),  # Dandong on the Yalu
        (97.85, 24.01, "MMR", 10),  # Ruili
        (111.98, 43.65, "MNG", 15),  # Erenhot
        (80.41, 44.21, "KAZ", 15),  # Khorgas
        (117.45, 49.60, "RUS", 20),  # Manzhouli
        (106.76, 22.11, "VNM", 20),  # Pingxiang, Friendship Pass
        (75.40, 37.77, "TJK", 90),  # Tashkurgan
    ],
)
def test_nearest_border(geo_artifacts: Path, lon: float, lat: float, iso3: str, max_km: float) -> None:
    km, got = spatial.nearest_border(lon, lat)
    assert got == iso3
    assert 0 <= km < max_km


def test_nearest_border_far_inland(geo_artifacts: Path) -> None:
    km, _ = spatial.nearest_border(116.40, 39.91)  # Beijing: the Mongolian border is ~ 500 km away
    assert 350 < km < 700


@pytest.mark.parametrize(("lon", "lat"), [(200.0, 30.0), (100.0, -91.0), (float("nan"), 30.0)])
def test_bad_points_name_the_parameter(geo_artifacts: Path, lon: float, lat: float) -> None:
    with pytest.raises(ValueError, match=r"^(lon|lat)="):
        spatial.province_at(lon, lat)
    with pytest.raises(ValueError, match=r"^(lon|lat)="):
        spatial.nearest_border(lon, lat)
