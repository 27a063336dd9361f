"""Prefecture census populations: the project file against the geometry and the provincial censuses."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from data.prefecture_reference import (
    COLUMNS,
    INDICATOR,
    UNIT,
    PrefectureReferenceError,
    census_change,
    census_change_table,
    load_prefecture_indicators,
    prefecture_population,
)
from geo.artifacts import prefecture_table

# Resident population by province, NBS Communiqué on the Seventh National Population Census No. 3
# (11 May 2021); identical to the provincial rows of the 2020 county tabulation, and confirmed in public
# copies for Inner Mongolia, Shanxi, Xinjiang, Jilin and Heilongjiang.
PROVINCE_2020 = {
    "110000": 21893095, "120000": 13866009, "130000": 74610235, "140000": 34915616, "150000": 24049155,
    "210000": 42591407, "220000": 24073453, "230000": 31850088, "310000": 24870895, "320000": 84748016,
    "330000": 64567588, "340000": 61027171, "350000": 41540086, "360000": 45188635, "370000": 101527453,
    "410000": 99365519, "420000": 57752557, "430000": 66444864, "440000": 126012510, "450000": 50126804,
    "460000": 10081232, "500000": 32054159, "510000": 83674866, "520000": 38562148, "530000": 47209277,
    "540000": 3648100, "610000": 39528999, "620000": 25019831, "630000": 5923957, "640000": 7202654,
    "650000": 25852345,
}
# Provincial rows of the 2010 county tabulation (Sixth Census, by province). Jilin's 27,452,815 differs from
# the 27,462,297 some public copies give for the province; the prefecture sum is checked against the
# tabulation's own provincial row.
PROVINCE_2010 = {
    "110000": 19612368, "120000": 12938693, "130000": 71854210, "140000": 35712101, "150000": 24706291,
    "210000": 43746323, "220000": 27452815, "230000": 38313991, "310000": 23019196, "320000": 78660941,
    "330000": 54426891, "340000": 59500468, "350000": 36894217, "360000": 44567797, "370000": 95792719,
    "410000": 94029939, "420000": 57237727, "430000": 65700762, "440000": 104320459, "450000": 46023761,
    "460000": 8671485, "500000": 28846170, "510000": 80417528, "520000": 34748556, "530000": 45966766,
    "540000": 3002165, "610000": 37327379, "620000": 25575263, "630000": 5626723, "640000": 6301350,
    "650000": 21815815,
}
NOT_COVERED = {"710000", "810000", "820000"}  # Taiwan, Hong Kong, Macao: not in the mainland tabulations


@pytest.fixture(scope="module")
def tidy() -> pd.DataFrame:
    return load_prefecture_indicators()


@pytest.fixture(scope="module")
def geometry() -> pd.DataFrame:
    return prefecture_table()


def test_columns_units_and_vintage(tidy: pd.DataFrame) -> None:
    assert tuple(tidy.columns) == COLUMNS
    assert set(tidy["indicator"]) == {INDICATOR}
    assert set(tidy["unit"]) == {UNIT}
    assert set(tidy["vintage"]) == {"census"}
    assert set(tidy["year"]) == {2010, 2020}
    assert tidy["adcode"].str.fullmatch(r"\d{6}").all()


def test_no_duplicated_keys(tidy: pd.DataFrame) -> None:
    assert not tidy.duplicated(["adcode", "indicator", "year"]).any()


def test_every_geometry_prefecture_has_2020_except_the_documented_three(
    tidy: pd.DataFrame, geometry: pd.DataFrame
) -> None:
    have = set(prefecture_population(2020))
    missing = set(geometry["adcode"]) - have
    assert missing == NOT_COVERED
    assert have <= set(geometry["adcode"])
    assert len(have) == 367


def test_2020_sums_per_province_equal_the_communique(geometry: pd.DataFrame) -> None:
    parent = dict(zip(geometry["adcode"], geometry["parent_adcode"], strict=True))
    sums: dict[str, float] = {}
    for code, value in prefecture_population(2020).items():
        sums[parent[code]] = sums.get(parent[code], 0.0) + value
    assert set(sums) == set(PROVINCE_2020)
    off = {p: (sums[p], total) for p, total in PROVINCE_2020.items() if abs(sums[p] - total) > 0.001 * total}
    assert not off, f"province sums differ from the census communiqué by more than 0.1 %: {off}"


def test_2010_sums_per_province_equal_the_communique_where_complete(
    tidy: pd.DataFrame, geometry: pd.DataFrame
) -> None:
    parent = dict(zip(geometry["adcode"], geometry["parent_adcode"], strict=True))
    rows = tidy.loc[tidy["year"] == 2010].assign(province=lambda f: f["adcode"].map(parent))
    complete = rows.groupby("province")["value"].apply(lambda v: v.notna().all())
    sums = rows.groupby("province")["value"].sum()
    checked = [p for p in PROVINCE_2010 if complete[p]]
    assert len(checked) >= 24  # 7 provinces have a documented empty 2010 value
    off = {p: (sums[p], PROVINCE_2010[p]) for p in checked
           if abs(sums[p] - PROVINCE_2010[p]) > 0.001 * PROVINCE_2010[p]}
    assert not off, f"2010 province sums differ from the census communiqué: {off}"
    # where values are missing, the stored ones must still fall short of the total, never exceed it
    for p in PROVINCE_2010:
        if not complete[p]:
            assert sums[p] < PROVINCE_2010[p]


def test_every_row_names_the_census_and_two_copies(tidy: pd.DataFrame) -> None:
    for rec in tidy.to_dict(orient="records"):
        src = rec["source"]
        census = "Seventh" if rec["year"] == 2020 else "Sixth"
        assert src.startswith(f"{census} National Population Census"), rec["adcode"]
        if math.isnan(rec["value"]):
            assert "left empty because" in src, rec["adcode"]
            continue
        assert "county-level tabulation of the" in src and "copy 1:" in src, rec["adcode"]
        # copy 2 is the bulletin compilation; the ten XPCC cities have none and say so
        assert "copy 2:" in src or "single-copy" in src, rec["adcode"]


def test_documented_2010_gaps_are_the_boundary_changes(tidy: pd.DataFrame) -> None:
    empty = set(tidy.loc[(tidy["year"] == 2010) & tidy["value"].isna(), "adcode"])
    # Chaohu/Shou/Zongyang (Anhui), Laiwu->Jinan, Jianyang, Gongzhuling, Xinjiang's XPCC carve-outs, Sansha
    for code in ("340100", "340200", "340500", "370100", "510100", "512000", "220100", "220300",
                 "652700", "654000", "460300", "659001", "659010"):
        assert code in empty, code
    # renamed units keep their 2010 value (same territory)
    pop10 = prefecture_population(2010)
    assert pop10["520500"] == 6537498  # Bijie (522400 in 2010)
    assert pop10["540200"] == 703292  # Shigatse (542300 in 2010)
    assert pop10["460400"] == 932356  # Danzhou (469003 in 2010)


def test_northeast_inner_mongolia_prefectures(tidy: pd.DataFrame) -> None:
    pop20, pop10 = prefecture_population(2020), prefecture_population(2010)
    assert pop20["150700"] == 2242875 and pop10["150700"] == 2549252  # Hulunbuir
    assert pop20["152200"] == 1416929 and pop10["152200"] == 1613246  # Hinggan


def test_census_change(tidy: pd.DataFrame) -> None:
    hulunbuir = census_change("150700")
    assert hulunbuir["change"] == 2242875 - 2549252
    assert hulunbuir["change_pct"] == pytest.approx(-12.02, abs=0.01)
    assert math.isnan(census_change("370100")["change"])  # Jinan: 2010 unit differs (Laiwu)
    table = census_change_table()
    assert len(table) == 367 and table["adcode"].is_unique
    with pytest.raises(KeyError, match="810000"):
        census_change("810000")
    with pytest.raises(ValueError, match=r"one of \(2010, 2020\)"):
        prefecture_population(2015)


def test_invalid_file_lists_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "prefecture_indicators.csv"
    bad.write_text(
        ",".join(COLUMNS) + "\n"
        "150700,Hulunbuir,population_census,2020,\"2,242,875\",persons,census,x\n"
        "150700,Hulunbuir,population_census,2020,2242875,10000 persons,estimate,\n"
        "999999,Nowhere,population_census,2020,1,persons,census,x\n",
        encoding="utf-8",
    )
    with pytest.raises(PrefectureReferenceError) as err:
        load_prefecture_indicators(bad)
    text = str(err.value)
    for needle in ("separators", "'unit'", "'vintage'", "'source'", "duplicate", "999999"):
        assert needle in text, needle
