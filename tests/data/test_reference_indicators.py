"""Reference statistics: the project file's coverage and plausibility, and data.reference's API."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from data.reference import (
    BASE_UNITS,
    COLUMNS,
    INDICATORS,
    NATIONAL_ADCODE,
    ReferenceDataError,
    indicator_sources,
    load_indicators,
    national_indicators,
    province_indicators,
)
from geo.names import province_units

MAINLAND = sorted(u.adcode for u in province_units() if u.adcode not in {"710000", "810000", "820000"})
# Bounds wide enough for any province yet tight enough to catch a unit slip (yuan vs 100 million
# yuan, persons vs 10,000 persons, km2 vs 10,000 km2).
PLAUSIBLE = {
    "gdp": (200.0, 200_000.0),  # 100 million yuan: Tibet 2005 ~243 .. Guangdong 2024 ~141,500
    "population": (250.0, 13_500.0),  # 10,000 persons: Tibet 2005 ~280 .. Guangdong ~12,800
    "area": (5_000.0, 1_700_000.0),  # km2: Shanghai ~6,300 .. Xinjiang ~1.66 million
}


@pytest.fixture(scope="module")
def tidy() -> pd.DataFrame:
    return load_indicators()


def test_31_mainland_provinces_have_a_row_for_each_2023_base_indicator(tidy: pd.DataFrame) -> None:
    assert len(MAINLAND) == 31
    rows = tidy.loc[(tidy["year"] == 2023) & (tidy["adcode"] != NATIONAL_ADCODE)]
    for indicator in BASE_UNITS:
        for vintage in sorted(set(rows.loc[rows["indicator"] == indicator, "vintage"])):
            have = sorted(rows.loc[(rows["indicator"] == indicator) & (rows["vintage"] == vintage), "adcode"])
            assert have == MAINLAND, (indicator, vintage)


def test_every_row_names_its_source_and_uses_the_indicator_unit(tidy: pd.DataFrame) -> None:
    assert list(tidy.columns) == list(COLUMNS)
    assert tidy["source"].str.strip().str.len().gt(10).all()
    for indicator, unit in BASE_UNITS.items():
        assert set(tidy.loc[tidy["indicator"] == indicator, "unit"]) <= {unit}


def test_filled_values_name_a_publication_and_empty_ones_say_so(tidy: pd.DataFrame) -> None:
    filled = tidy.loc[tidy["value"].notna(), "source"]
    publisher = r"Communiqu|Yearbook|Bureau of Statistics|NBS|Economic and Trade Office|People's Government"
    assert filled.str.contains(publisher, regex=True).all()
    empty = tidy.loc[tidy["value"].isna(), "source"]
    assert empty.str.contains("left empty").all()


@pytest.mark.parametrize("indicator", sorted(PLAUSIBLE))
def test_filled_provincial_values_are_in_a_plausible_range(tidy: pd.DataFrame, indicator: str) -> None:
    low, high = PLAUSIBLE[indicator]
    provincial = tidy.loc[tidy["adcode"] != NATIONAL_ADCODE]
    values = provincial.loc[provincial["indicator"] == indicator, "value"].dropna()
    out = values[(values < low) | (values > high)]
    assert out.empty, out


def test_provinces_are_smaller_than_the_national_total(tidy: pd.DataFrame) -> None:
    national_rows = tidy.loc[tidy["adcode"] == NATIONAL_ADCODE]
    checked = 0
    for (year, vintage), _ in national_rows.groupby(["year", "vintage"]):
        national = national_indicators(int(year), vintage=str(vintage))
        wide = province_indicators(int(year), vintage=str(vintage))  # the same vintage on both sides
        for indicator, total in national.items():
            if math.isnan(total):
                continue
            column = wide[indicator].dropna()
            assert (column < total).all(), indicator
            assert column.sum() <= total * 1.001, (indicator, year, vintage)  # servicemen: national only
            checked += 1
    assert checked >= 10


def test_wide_table_has_31_rows_and_derived_values_follow_from_inputs() -> None:
    wide = province_indicators(2023)
    assert list(wide["adcode"]) == MAINLAND
    expected = {"adcode", "name_en", "gdp", "population", "area", "area_boundary", "gdp_per_capita",
                "density"}
    assert expected <= set(wide.columns)
    both = wide.dropna(subset=["gdp", "population"])
    assert not both.empty
    per_capita = both["gdp"] * 1e8 / (both["population"] * 1e4)
    assert (both["gdp_per_capita"] - per_capita).abs().max() < 1e-6


def _frame(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"adcode": a, "name_en": a, "indicator": i, "year": y, "value": v, "unit": BASE_UNITS[i],
          "source": "test fixture"} for a, i, y, v in rows]
    )


def test_derived_indicators_are_computed_from_a_given_frame() -> None:
    rows = [(code, "gdp", 2023, 100.0) for code in MAINLAND]
    rows += [(code, "population", 2023, 50.0) for code in MAINLAND]
    rows += [(code, "area", 2021, 2_000.0) for code in MAINLAND]  # area falls back to the latest year
    rows[0] = (MAINLAND[0], "gdp", 2023, 400.0)
    boundary = {code: 4_000.0 for code in MAINLAND}
    wide = province_indicators(2023, frame=_frame(rows), boundary_km2=boundary).set_index("adcode")
    first = wide.loc[MAINLAND[0]]
    assert first["gdp_per_capita"] == pytest.approx(400 * 1e8 / (50 * 1e4))  # 80,000 yuan per person
    # density divides by the boundary area (given for every province), not the sparse official area
    assert first["area"] == 2_000 and first["area_boundary"] == 4_000
    assert first["density"] == pytest.approx(50 * 1e4 / 4_000)  # 125 persons per km2
    without = province_indicators(2023, frame=_frame(rows))
    assert without["area_boundary"].isna().all() and without["density"].isna().all()
    assert first["gdp_share"] == pytest.approx(400 * 100 / (400 + 100 * 30))
    assert wide["population_share"].sum() == pytest.approx(100.0)
    assert wide["area_share"].round(6).nunique() == 1


def test_a_missing_province_leaves_shares_missing_rather_than_wrong() -> None:
    rows = [(code, "population", 2023, 50.0) for code in MAINLAND[1:]]
    wide = province_indicators(2023, frame=_frame(rows))
    assert wide["population_share"].isna().all()
    assert wide["population"].isna().sum() == 1


def test_indicator_sources_for_derived_indicators_combine_their_inputs() -> None:
    frame = _frame([(MAINLAND[0], "gdp", 2023, 1.0), (MAINLAND[0], "population", 2023, 1.0)])
    frame.loc[0, "source"] = "gdp source"
    frame.loc[1, "source"] = "population source"
    assert indicator_sources("gdp_per_capita", 2023, frame=frame) == ("gdp source", "population source")
    assert indicator_sources("gdp", 2022, frame=frame) == ()
    with pytest.raises(KeyError, match="nonsense"):
        indicator_sources("nonsense")


def test_metadata_covers_stored_and_derived_indicators() -> None:
    assert {"gdp", "population", "area", "gdp_per_capita", "density"} <= set(INDICATORS)
    for name, info in INDICATORS.items():
        assert info.label_en and info.label_zh and info.unit_en and info.unit_zh and info.source
        # the dashboard still shows 2023 for the indicators it had; new series show their latest year
        if name in {"gdp", "population", "area", "gdp_per_capita", "area_boundary", "density", "gdp_share",
                    "population_share", "area_share"}:
            assert info.year == 2023, name
        else:
            assert info.years is not None and info.year == info.years[1], name
        assert info.kind in {"amount", "rate", "index"}, name


def test_invalid_file_reports_every_problem_with_file_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "indicators.csv"
    bad.write_text(
        "adcode,name_en,indicator,year,value,unit,source\n"
        "110000,Beijing,gdp,2023,43760.7,100 million yuan,ok\n"
        "999999,Nowhere,gdp,2023,1,100 million yuan,ok\n"
        "120000,Tianjin,gdp,2023,lots,100 million yuan,ok\n"
        "130000,Hebei,population,2023,7393,persons,ok\n"
        "140000,Shanxi,area,2023,156700,km2,\n"
        "110000,Beijing,gdp,2023,1,100 million yuan,ok\n"
        "150000,Inner Mongolia,density,2023,20,persons per km2,ok\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as err:
        load_indicators(bad)
    found = {(i.row, i.column) for i in err.value.issues}
    expected = {(3, "adcode"), (4, "value"), (5, "unit"), (6, "source"), (7, "indicator"), (8, "indicator")}
    assert found == expected
    assert all(i.file.endswith("indicators.csv") for i in err.value.issues)
    assert "row 4, column 'value'" in str(err.value)


def test_wrong_header_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "other.csv"
    bad.write_text("adcode,indicator,value\n110000,gdp,1\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="missing"):
        load_indicators(bad)


def test_year_must_be_an_integer() -> None:
    with pytest.raises(TypeError, match="year"):
        province_indicators("2023")  # type: ignore[arg-type]


def test_boundary_areas_cover_the_mainland_and_agree_with_official_areas() -> None:
    from geo.artifacts import province_table

    table = province_table()
    boundary = dict(zip(table["adcode"].astype(str), table["area_km2"].astype(float), strict=True))
    wide = province_indicators(2023, boundary_km2=boundary).set_index("adcode")
    assert wide["area_boundary"].notna().all()
    official = wide.dropna(subset=["area"])
    assert not official.empty
    ratio = official["area_boundary"] / official["area"]
    # The geometry is not a different country: within 5 % of the official area, except where the
    # boundary polygon covers more than the official land area (checked too, so an exception that
    # stops being needed, or grows, fails).
    larger_polygon = {
        "310000": (1.2, 1.3),  # Shanghai: 8,004 km2 of polygon against 6,340.5 km2 of land
        "460000": (1.2, 1.25),  # Hainan: the Sansha polygon alone is 6,371 km2 of reefs and sea
    }
    for adcode, (low, high) in larger_polygon.items():
        assert low <= ratio.pop(adcode) <= high, adcode
    assert ratio.between(0.95, 1.05).all(), ratio.to_dict()
    both = wide.dropna(subset=["population"])
    assert both["density"].notna().all()
