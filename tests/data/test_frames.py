"""data.frames: GeoDataFrames with the catalog and statistics joined, checked against their sources."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from data import frames
from data.catalog import load_catalog, strategies_for
from data.reference import province_indicators

# Points published at a border gate that the GCJ-02 outlines put just across the line (km allowed);
# the same three as tests/data/test_infrastructure_geometry.py, placed here by the nearest unit.
AT_BOUNDARY_GATE = {"port-khunjerab": 1.0, "port-ganqimaodu": 0.5, "port-turugart": 1.5}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from config import build_dir
    from geo.build import build as geo_build
    from geo.build import is_up_to_date

    if is_up_to_date(build_dir()):
        return build_dir()
    out = tmp_path_factory.mktemp("frames_build")
    geo_build(out, progress=False)
    return out


@pytest.fixture(autouse=True)
def _artifacts(build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_BUILD_DIR", str(build))


@pytest.fixture(scope="module")
def infra(build: Path) -> gpd.GeoDataFrame:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_BUILD_DIR", str(build))
        return frames.infrastructure()


def test_every_frame_is_a_wgs84_geodataframe() -> None:
    for frame in (frames.provinces(), frames.prefectures(), frames.counties("220000"), frames.border(),
                  frames.infrastructure(), frames.events()):
        assert isinstance(frame, gpd.GeoDataFrame)
        assert frame.crs.to_epsg() == 4326
        assert frame.columns[-1] == "geometry"


def test_provinces_join_the_reference_statistics() -> None:
    prov = frames.provinces().set_index("adcode")
    assert len(prov) == 34
    ref = province_indicators().set_index("adcode")
    assert prov.loc["220000", "gdp"] == ref.loc["220000", "gdp"]  # Jilin
    assert prov.loc["220000", "population"] == ref.loc["220000", "population"]
    assert (prov.loc[ref.index, "gdp"].fillna(-1) == ref["gdp"].fillna(-1)).all()
    # Taiwan, Hong Kong and Macao are not in the reference
    assert prov.loc[["710000", "810000", "820000"], "gdp"].isna().all()
    assert (prov["year"] == 2023).all()
    # density divides by the boundary area for every mainland province
    jilin = prov.loc["220000"]
    assert jilin["area_boundary"] == jilin["area_km2"]
    assert jilin["density"] == pytest.approx(jilin["population"] * 1e4 / jilin["area_km2"])
    assert prov.loc["220000", "source_indicators"].startswith("gdp: ")


def test_provinces_for_another_year() -> None:
    prov = frames.provinces(year=2022).set_index("adcode")
    ref = province_indicators(year=2022).set_index("adcode")
    assert (prov["year"] == 2022).all()
    assert (prov.loc[ref.index, "gdp"].fillna(-1) == ref["gdp"].fillna(-1)).all()


@pytest.mark.parametrize(("year", "error", "word"), [("2023", TypeError, "year"), (True, TypeError, "year"),
                                                    (1950, ValueError, "year")])
def test_bad_year_is_named(year: object, error: type, word: str) -> None:
    with pytest.raises(error, match=f"^{word}="):
        frames.provinces(year=year)  # type: ignore[arg-type]


def test_provinces_join_the_catalog() -> None:
    prov = frames.provinces().set_index("adcode")
    assert prov.loc["220000", "macro_region"] == "northeast"
    assert prov.loc["150000", "macro_region"] == "west"  # Inner Mongolia as a province
    assert pd.isna(prov.loc["710000", "macro_region"])
    for code in ("220000", "650000", "440000"):
        assert prov.loc[code, "strategies"].split(";") == list(strategies_for(code)["strategy_id"])
    assert prov.loc["650000", "n_strategies"] == len(strategies_for("650000"))
    infra = load_catalog().infrastructure
    counts = infra.loc[infra["province_adcode"] != ""].groupby("province_adcode").size()
    assert prov["box12_items"].sum() == counts.sum()
    assert prov.loc["650000", "box12_ports"] == 5  # Horgos, Alataw Pass, Khunjerab, Turugart, Irkeshtam
    assert prov.loc["650000", "border_km"] > 5000
    assert prov.loc["110000", "border_km"] == 0


def test_prefectures() -> None:
    pref = frames.prefectures().set_index("adcode")
    assert len(pref) == 370
    assert pref.loc["150700", "macro_region"] == "northeast"  # Hulunbuir, eastern Inner Mongolia
    assert pref.loc["150200", "macro_region"] == "west"  # Baotou
    assert pref.loc["150700", "box12_items"] >= 2  # Manzhouli town and port
    assert pref.loc["222400", "province_name_en"] == "Jilin"


def test_counties_of_a_province() -> None:
    xinjiang = frames.counties("650000")
    assert len(xinjiang) == 106 and set(xinjiang["province_adcode"]) == {"650000"}
    by_code = xinjiang.set_index("adcode")
    assert by_code.loc["654004", "border"] and by_code.loc["654004", "box12_ports"] == 1  # Khorgas
    assert by_code.loc["653131", "box12_items"] >= 2  # Taxkorgan: airport, Khunjerab port (+ highway)
    assert (xinjiang["macro_region"] == "west").all()
    assert "western-development" in by_code.loc["650102", "strategies"].split(";")
    assert len(frames.counties()) == 2875


@pytest.mark.parametrize("bad", ["650100", "xinjiang", 650000])
def test_bad_province_is_named(bad: object) -> None:
    with pytest.raises(ValueError, match=r"^province="):
        frames.counties(bad)  # type: ignore[arg-type]


def test_border() -> None:
    border = frames.border()
    land = border.loc[border["kind"] == "land"]
    assert set(land["iso3"]) == {"AFG", "BTN", "IND", "KAZ", "KGZ", "LAO", "MMR", "MNG", "NPL", "PAK", "PRK",
                                 "RUS", "TJK", "VNM"}
    xj = land.loc[land["adcode"] == "650000"].set_index("iso3")
    assert set(xj.index) == {"AFG", "IND", "KAZ", "KGZ", "MNG", "PAK", "RUS", "TJK"}
    assert (land["border_counties"] >= 1).all()
    assert (land["macro_region"].isin(["west", "northeast"])).all()


def test_xinjiang_border_ports(infra: gpd.GeoDataFrame) -> None:
    ports = infra.loc[(infra["kind"] == "port") & (infra["province_adcode"] == "650000")].set_index("id")
    assert set(ports.index) == {"port-horgos", "port-alataw-pass", "port-khunjerab", "port-turugart",
                                "port-irkeshtam"}
    assert ports["border_county"].all()
    assert ports.loc["port-horgos", "county_adcode"] == "654004"
    assert ports.loc["port-alataw-pass", "county_name_en"] == "Alashankou"
    assert ports.loc["port-khunjerab", "county_adcode"] == "653131"  # Taxkorgan
    assert set(ports.loc[["port-turugart", "port-irkeshtam"], "county_adcode"]) == {"653024"}  # Ulugqat


def test_infrastructure_province_from_sjoin_equals_the_catalog(infra: gpd.GeoDataFrame) -> None:
    points = infra.loc[infra.geometry.notna() & (infra.geom_type == "Point")].set_index("id")
    assert len(points) >= 25
    wrong = {pid: (row.province_adcode, row.province_sjoin) for pid, row in points.iterrows()
             if row.province_sjoin != row.province_adcode}
    assert wrong == {}
    wrong_pref = {pid: (row.prefecture_adcode, row.prefecture_sjoin) for pid, row in points.iterrows()
                  if row.prefecture_adcode and row.prefecture_sjoin != row.prefecture_adcode}
    assert wrong_pref == {}
    # only the documented boundary-gate points (and one gate within metres of the line) need snapping
    snapped = points.loc[points["placement"] == "nearest"]
    assert set(AT_BOUNDARY_GATE) <= set(snapped.index) <= set(AT_BOUNDARY_GATE) | {"port-youyiguan"}
    for pid, km in AT_BOUNDARY_GATE.items():
        assert points.loc[pid, "distance_km"] <= km, pid
    assert (points["county_adcode"].str[:2] == points["province_adcode"].str[:2]).all()


def test_programmes_have_no_place(infra: gpd.GeoDataFrame) -> None:
    programmes = infra.loc[infra["kind"].isin(["village_programme", "general_airports_programme"])]
    assert programmes.geometry.isna().all() and (programmes["placement"] == "none").all()
    lizi = infra.set_index("id").loc["port-lizi"]  # no published position, so no point
    assert lizi.geometry is None and pd.isna(lizi["county_adcode"])


def test_events() -> None:
    ev = frames.events().set_index("event_id")
    assert len(ev) == len(load_catalog().events)
    changsha = ev.loc["central-region-symposium-2024"]
    assert changsha["province_sjoin"] == "430000" and changsha["prefecture_sjoin"] == "430100"
    assert changsha["macro_region"] == "central"
    assert (ev["province_sjoin"] == ev["adcode"].str[:2] + "0000").all()
