"""Box 12 of the 14th Five-Year Plan (border areas) as data: completeness, quotes, names and lines."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from shapely import wkt
from shapely.geometry import LineString

from config import CATALOG_DIR
from data.sources import quote_in_source
from geo.names import units_by_adcode

FILE = CATALOG_DIR / "infrastructure.csv"


@pytest.fixture(scope="module")
def infra() -> pd.DataFrame:
    return pd.read_csv(FILE, dtype=str, keep_default_na=False)


def _count(frame: pd.DataFrame, kind: str, action: str | None = None) -> int:
    sel = frame["kind"] == kind
    if action is not None:
        sel &= frame["action"] == action
    return int(sel.sum())


def test_box12_counts(infra: pd.DataFrame) -> None:
    assert _count(infra, "town", "enhance") == _count(infra, "town") == 9
    assert _count(infra, "port", "construct") == 4
    assert _count(infra, "port", "upgrade") == 14
    assert _count(infra, "port") == 18
    assert _count(infra, "airport", "build") == 3
    assert _count(infra, "airport", "relocate") == 1
    assert _count(infra, "highway", "construct") == _count(infra, "highway") == 8
    assert _count(infra, "general_airports_programme") == 1
    assert _count(infra, "village_programme", "build") == 1


def test_every_named_place_of_box12_has_its_row(infra: pd.DataFrame) -> None:
    names = " ".join(infra["name_en"])
    for place in ["Manzhouli", "Kuandian", "Hunchun", "Suifenhe", "Dongxing", "Tengchong", "Mainling",
                  "Tacheng", "Cocodala", "Taxkorgan", "Longzi", "Yanji Chaoyangchuan", "Lizi", "Heihe",
                  "Tongjiang", "Heixiazi", "Jilong", "Zhangmu", "Mohan", "Horgos", "Alataw Pass", "Erenhot",
                  "Ruili", "Youyiguan", "Khunjerab", "Ganqimaodu", "Qeh", "Turugart", "Irkeshtam",
                  "Ji'an-Huanren", "Hunchun-Quanhe", "Lushui-Tengchong", "Medog-Zayu", "Qinghe-Fuyun-Altay",
                  "Bulunkou-Khunjerab", "Barkol-Laoyemiao", "Erenhot-Saihantala"]:
        assert place in names, place


def test_quotes_are_verbatim_in_the_plan_chapter(infra: pd.DataFrame) -> None:
    assert set(infra["source_id"]) == {"fyp14-ch32"}
    missing = [r.id for r in infra.itertuples() if not quote_in_source(r.source_id, r.quote)]
    assert missing == []


def test_each_row_quotes_the_box12_line_that_names_it(infra: pd.DataFrame) -> None:
    for row in infra.itertuples():
        if row.kind in {"town", "port", "highway"}:
            first = re.split(r"[ (-]", row.name_en)[0]
            assert first in row.quote, (row.id, first)


def test_ids_unique_and_chinese_names_present(infra: pd.DataFrame) -> None:
    assert infra["id"].is_unique
    assert (infra["name_zh"].str.len() > 0).all()
    ports = infra.loc[infra["kind"] == "port"]
    assert ports["name_zh"].str.endswith("口岸").all()


def test_jilong_is_gyirong_in_tibet_and_dongxing_is_in_guangxi(infra: pd.DataFrame) -> None:
    rows = infra.set_index("id")
    assert rows.at["port-jilong", "province_adcode"] == "540000"
    assert rows.at["port-jilong", "name_zh"] == "吉隆口岸"
    assert "Keelung" in rows.at["port-jilong", "coord_note"]  # the look-alike is named and ruled out
    assert rows.at["town-dongxing", "province_adcode"] == "450000"


def test_programmes_have_no_point_or_province(infra: pd.DataFrame) -> None:
    programmes = infra.loc[infra["kind"].isin(["village_programme", "general_airports_programme"])]
    assert len(programmes) == 3
    assert (programmes[["lon", "lat", "province_adcode", "geometry_wkt"]] == "").all().all()


def test_adcodes_exist_and_prefectures_lie_in_their_province(infra: pd.DataFrame) -> None:
    units = units_by_adcode()
    located = infra.loc[infra["province_adcode"] != ""]
    for row in located.itertuples():
        assert units[row.province_adcode].level == "province", row.id
        if row.prefecture_adcode:
            assert units[row.prefecture_adcode].parent_adcode == row.province_adcode, row.id


def test_points_and_lines_are_well_formed(infra: pd.DataFrame) -> None:
    for row in infra.itertuples():
        assert (row.lon == "") == (row.lat == ""), row.id
        if row.kind == "highway":
            assert row.lon == "", row.id  # a highway is a line, not a point
            if row.geometry_wkt:
                line = wkt.loads(row.geometry_wkt)
                assert isinstance(line, LineString) and len(line.coords) >= 2, row.id
            else:
                assert "no line" in row.coord_note, row.id  # the gap is explained
        else:
            assert row.geometry_wkt == "", row.id
        if row.lon == "" and row.kind in {"town", "port", "airport"}:
            assert "no published coordinate" in row.coord_note or "not located" in row.coord_note, row.id


def test_every_coordinate_says_where_it_comes_from(infra: pd.DataFrame) -> None:
    sourced = infra.loc[(infra["lon"] != "") | (infra["geometry_wkt"] != "")]
    pattern = (r"Wikipedia|GeoNames|airportsdata|airport-data-js|shiftingsandsproject|UN/LOCODE"
               r"|public code file")
    assert sourced["coord_note"].str.contains(pattern, regex=True).all()


def test_ports_and_border_towns_name_the_country_across(infra: pd.DataFrame) -> None:
    border = infra.loc[infra["kind"].isin(["port", "town"])].set_index("id")
    assert (border["neighbor_iso3"].str.fullmatch(r"[A-Z]{3}")).all()
    expected = {
        "town-manzhouli": "RUS", "port-erenhot": "MNG", "port-horgos": "KAZ", "port-alataw-pass": "KAZ",
        "port-khunjerab": "PAK", "port-turugart": "KGZ", "port-irkeshtam": "KGZ", "port-jilong": "NPL",
        "port-zhangmu": "NPL", "port-lizi": "NPL", "port-mohan": "LAO", "port-ruili": "MMR",
        "port-youyiguan": "VNM", "town-dongxing": "VNM", "town-kuandian": "PRK", "port-qeh": "MNG",
        "port-ganqimaodu": "MNG", "port-heihe": "RUS", "port-tongjiang": "RUS", "port-heixiazi": "RUS",
        "town-suifenhe": "RUS", "town-tacheng": "KAZ", "town-kokdala": "KAZ", "town-tengchong": "MMR",
    }
    assert {k: border.at[k, "neighbor_iso3"] for k in expected} == expected
