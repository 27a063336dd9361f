"""The multi-year, multi-vintage reference series: schema, coverage, provenance, cross-checks and
internal consistency checks that fail on a shifted column, a unit slip or a wrong vintage."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from config import REFERENCE_DIR
from data.reference import (
    BASE_UNITS,
    COLUMNS,
    INDICATORS,
    NATIONAL_ADCODE,
    VINTAGES,
    default_vintage,
    load_indicators,
    province_indicators,
    series,
    years,
)
from geo.names import province_units

MAINLAND = sorted(u.adcode for u in province_units() if u.adcode not in {"710000", "810000", "820000"})
# (indicator, vintage) -> years stored for every one of the 31 provinces
COVERAGE = {
    ("gdp", "nbs-current"): range(2006, 2025),
    ("gdp", "first-published"): range(2023, 2025),
    ("gdp", "nbs-pre-2025"): range(2005, 2023),
    ("population", "nbs-current"): range(2005, 2025),
    ("gdp_index", "nbs-current"): range(2016, 2025),
    ("disposable_income", "nbs-current"): range(2016, 2025),
    ("retail_sales", "nbs-current"): range(2016, 2025),
    ("local_revenue", "nbs-current"): range(2016, 2025),
    ("trade", "nbs-current"): range(2016, 2025),
}


@pytest.fixture(scope="module")
def tidy() -> pd.DataFrame:
    return load_indicators()


def _wide(indicator: str, vintage: str = "nbs-current") -> pd.DataFrame:
    return series(indicator, vintage=vintage).pivot(index="adcode", columns="year", values="value")


def test_schema_units_and_vintages(tidy: pd.DataFrame) -> None:
    assert list(tidy.columns) == list(COLUMNS)
    assert set(tidy["vintage"]) <= set(VINTAGES)
    for indicator, unit in BASE_UNITS.items():
        assert set(tidy.loc[tidy["indicator"] == indicator, "unit"]) == {unit}, indicator
        assert indicator in INDICATORS and INDICATORS[indicator].unit_en.replace("²", "2") == unit, indicator
    assert set(tidy["indicator"]) == set(BASE_UNITS)


def test_each_cell_is_stored_at_most_once(tidy: pd.DataFrame) -> None:
    key = ["adcode", "indicator", "year", "vintage"]
    assert not tidy.duplicated(key).any(), tidy.loc[tidy.duplicated(key, keep=False), key]


def test_coverage_is_as_claimed(tidy: pd.DataFrame) -> None:
    provincial = tidy.loc[(tidy["adcode"] != NATIONAL_ADCODE) & tidy["value"].notna()]
    for (indicator, vintage), span in COVERAGE.items():
        sel = provincial.loc[(provincial["indicator"] == indicator) & (provincial["vintage"] == vintage)]
        for year in span:
            have = sorted(sel.loc[sel["year"] == year, "adcode"])
            expected = [a for a in MAINLAND if (indicator, vintage, a, year) not in LEFT_EMPTY]
            assert have == expected, (indicator, vintage, year)
    for indicator, info in INDICATORS.items():
        if indicator in BASE_UNITS and info.years is not None:
            assert (years(indicator)[0], years(indicator)[-1]) == info.years, indicator
            assert info.vintage == default_vintage(indicator), indicator


def test_every_new_value_names_its_table_and_both_copies(tidy: pd.DataFrame) -> None:
    nbs = tidy.loc[tidy["vintage"].isin(["nbs-current", "nbs-pre-2025"]) & tidy["value"].notna()]
    assert len(nbs) > 3000
    assert nbs["source"].str.startswith("NBS national data").all()
    assert nbs["source"].str.contains("; read from ", regex=False).all()
    # every row read from a copy (all NBS rows and the first-published GDP of 2024) says how it was checked
    current = tidy.loc[tidy["source"].str.contains("; read from ", regex=False) & tidy["value"].notna()]
    checked = current["source"].str.contains("; cross-checked against ", regex=False)
    single = current["source"].str.contains("; single copy: ", regex=False)
    assert (checked ^ single).all()  # either compared with a second copy, or saying that it was not
    says_why = current["source"].str.contains("crosscheck.csv|not found|was found", regex=True)
    assert (single & ~says_why).sum() == 0
    # the share of cells compared with a second copy, per series, as crosscheck.csv records it
    assert checked.sum() >= 1500
    for frame in (tidy.loc[tidy["value"].notna()],):
        assert frame["source"].str.strip().str.len().gt(20).all()


def test_crosscheck_covers_every_series_and_explains_every_gap(tidy: pd.DataFrame) -> None:
    xc = pd.read_csv(REFERENCE_DIR / "crosscheck.csv", dtype=str, keep_default_na=False)
    assert list(xc.columns) == ["indicator", "vintage", "copy_a", "copy_b", "years", "cells_compared",
                                "cells_equal", "max_abs_diff", "note"]
    series_keys = set(map(tuple, tidy.loc[tidy["vintage"] != "as-stated", ["indicator", "vintage"]]
                          .drop_duplicates().to_numpy()))
    assert series_keys <= set(zip(xc["indicator"], xc["vintage"], strict=True))
    for row in xc.to_dict(orient="records"):
        assert row["copy_a"], row
        compared = int(row["cells_compared"]) if row["cells_compared"] else None
        equal = int(row["cells_equal"]) if row["cells_equal"] else None
        if compared is None or equal is None or equal != compared or not row["copy_b"]:
            assert len(row["note"]) > 30, row  # a gap, a disagreement or a plausibility check says why
    exact = xc.loc[(xc["cells_compared"] != "") & (xc["cells_compared"] == xc["cells_equal"])
                   & (xc["cells_compared"] != "0")]
    assert set(exact["indicator"]) >= {"gdp", "population", "gdp_index", "retail_sales", "local_revenue"}


def test_beijing_2023_gdp_in_both_vintages() -> None:
    assert _wide("gdp").loc["110000", 2023] == 47353.7
    assert _wide("gdp", "first-published").loc["110000", 2023] == 43760.7
    # the default display vintage is the current series; an explicit vintage selects the other
    assert province_indicators(2023).set_index("adcode").loc["110000", "gdp"] == 47353.7
    first = province_indicators(2023, vintage="first-published").set_index("adcode")
    assert first.loc["110000", "gdp"] == 43760.7
    assert first.loc["110000", "area"] == 16410.54  # area has no first-published vintage: its own default


def test_current_gdp_was_revised_upwards_but_not_by_much() -> None:
    current, first, before = _wide("gdp"), _wide("gdp", "first-published"), _wide("gdp", "nbs-pre-2025")
    ratio = current[2023] / first[2023]
    assert ratio.between(0.99, 1.13).all(), ratio.sort_values()
    assert (ratio > 1).sum() >= 25  # the economic census found a larger economy almost everywhere
    # the revision of 2006-2022 against the series it replaced: small, and never a shifted column
    revision = (current.loc[:, 2006:2022] / before.loc[:, 2006:2022]).stack()
    assert len(revision) == 31 * 17
    assert revision.between(0.985, 1.095).all(), revision.sort_values()
    # the first published 2024 figure and the current series were compiled the same way (no census since)
    assert ((current[2024] / first[2024]) - 1).abs().max() < 0.03
    # the Sichuan 2022 row of the earlier file is the final verified figure of the pre-2025 series
    sichuan = series("gdp", vintage="nbs-pre-2025").set_index(["adcode", "year"]).loc[("510000", 2022)]
    assert sichuan["value"] == 56610.2 and "最终核实" in sichuan["source"]


def test_real_gdp_index_is_plausible_and_agrees_with_nominal_growth() -> None:
    index, gdp = _wide("gdp_index"), _wide("gdp")
    assert index.stack().between(90.0, 120.0).all()
    assert index.median().between(101.0, 110.0).all()
    nominal = (gdp / gdp.shift(axis=1) - 1) * 100
    deflator = (nominal - (index - 100)).stack().dropna()  # implicit deflator growth, percent
    assert len(deflator) == 31 * 9
    assert deflator.between(-10.0, 20.0).all(), deflator[~deflator.between(-10.0, 20.0)]


KNOWN_POPULATION_JUMPS = {  # census re-basing around 2010 and fast in-migration: 5-6 % in one year
    ("110000", 2008), ("110000", 2009), ("110000", 2010), ("120000", 2008), ("120000", 2010),
    ("310000", 2007), ("450000", 2010),
}


def test_population_changes_little_from_year_to_year() -> None:
    pop = _wide("population")
    change = ((pop / pop.shift(axis=1) - 1) * 100).stack().dropna()
    for (adcode, year), pct in change.items():
        limit = 6.0 if (adcode, year) in KNOWN_POPULATION_JUMPS else 5.0
        assert abs(pct) < limit, (adcode, year, pct)


def test_population_sums_to_the_national_total(tidy: pd.DataFrame) -> None:
    pop = _wide("population").sum()
    national = tidy.loc[(tidy["adcode"] == NATIONAL_ADCODE) & (tidy["indicator"] == "population")
                        & (tidy["vintage"] == "nbs-current")].set_index("year")["value"]
    assert len(national) >= 8
    ratio = (pop.loc[national.index] / national)
    assert ratio.between(0.997, 1.0).all(), ratio  # active servicemen are counted nationally only


def test_current_population_agrees_with_the_communiques_within_rounding() -> None:
    current = _wide("population")[2023]
    first = _wide("population", "first-published")[2023]
    assert ((current - first).abs() <= 0.5).all(), (current - first).abs().sort_values().tail()


@pytest.mark.parametrize(("indicator", "low", "high"), [
    ("disposable_income", -3.0, 16.0), ("retail_sales", -25.0, 30.0), ("local_revenue", -30.0, 35.0),
    ("trade", -60.0, 130.0), ("gdp", -7.0, 32.0),
])
def test_year_on_year_change_of_amounts_is_plausible(indicator: str, low: float, high: float) -> None:
    wide = _wide(indicator)
    change = ((wide / wide.shift(axis=1) - 1) * 100).stack().dropna()
    assert change.between(low, high).all(), change[~change.between(low, high)]


def test_levels_are_in_the_right_units() -> None:
    income = _wide("disposable_income")
    assert income.stack().between(10_000, 100_000).all()  # yuan per person, not 10,000 yuan
    assert income.loc["310000", 2024] > income.loc["540000", 2024] * 2
    retail, gdp = _wide("retail_sales"), _wide("gdp")
    share = (retail / gdp[retail.columns]).stack()
    assert share.between(0.15, 0.65).all(), share.sort_values()  # both in 100 million yuan
    revenue = (_wide("local_revenue") / gdp[retail.columns]).stack().dropna()  # LEFT_EMPTY cells
    assert revenue.between(0.03, 0.25).all(), revenue.sort_values()
    trade = _wide("trade") * 1000 * 7.0 / 1e8  # 1,000 US dollars at ~7 yuan -> 100 million yuan
    openness = (trade / gdp[trade.columns]).stack()
    assert openness.between(0.005, 1.5).all(), openness.sort_values()


def test_series_and_years_api() -> None:
    frame = series("gdp")
    assert list(frame.columns) == ["adcode", "year", "value", "vintage", "source"]
    assert set(frame["vintage"]) == {"nbs-current"} and len(frame) == 31 * 19
    assert not frame.duplicated(["adcode", "year"]).any()
    assert years("gdp") == list(range(2006, 2025))
    assert years("gdp", vintage="first-published") == [2023, 2024]
    assert years("gdp", vintage="nbs-pre-2025") == list(range(2005, 2023))
    assert years("population", vintage="first-published") == [2022, 2023]
    with pytest.raises(KeyError, match="gdp_per_capita"):
        series("gdp_per_capita")
    with pytest.raises(ValueError, match="vintage"):
        series("gdp", vintage="nonsense")
    assert math.isnan(province_indicators(2010).set_index("adcode").loc["110000", "gdp_index"])


# cells left empty on purpose: two copies disagree and no third copy settled it (see crosscheck.csv)
LEFT_EMPTY = {("local_revenue", "nbs-current", "120000", 2020)}


def test_cells_left_empty_are_the_unsettled_disagreements(tidy: pd.DataFrame) -> None:
    empty = tidy.loc[tidy["value"].isna() & tidy["vintage"].isin(["nbs-current", "nbs-pre-2025"])]
    cells = zip(empty["indicator"], empty["vintage"], empty["adcode"], empty["year"], strict=True)
    assert set(cells) == LEFT_EMPTY
    assert empty["source"].str.contains("left empty: ", regex=False).all()
    assert empty["source"].str.contains("no third copy", regex=False).all()
    xc = pd.read_csv(REFERENCE_DIR / "crosscheck.csv", dtype=str, keep_default_na=False)
    for indicator, vintage, _, year in LEFT_EMPTY:
        same = xc.loc[(xc["indicator"] == indicator) & (xc["vintage"] == vintage)]
        rows = same.loc[same["note"].str.contains(f"{year}", regex=False)
                        & same["note"].str.contains("left empty", regex=False)]
        assert len(rows) >= 1, (indicator, year)
        assert (rows["cells_equal"].astype(int) < rows["cells_compared"].astype(int)).all()


def test_every_cross_check_claim_names_a_comparison_in_crosscheck_csv(tidy: pd.DataFrame) -> None:
    """``cross-checked against <copy>: equal`` in a row's source is backed by a crosscheck.csv row of the
    same indicator and vintage comparing that copy, with at least as many equal cells as rows claim it."""
    xc = pd.read_csv(REFERENCE_DIR / "crosscheck.csv", dtype=str, keep_default_na=False)
    claims = tidy.assign(copy=tidy["source"].str.extract(r"; cross-checked against (.+): equal$")[0])
    claims = claims.dropna(subset=["copy", "value"])
    assert len(claims) >= 1500
    for (indicator, vintage, copy), group in claims.groupby(["indicator", "vintage", "copy"]):
        if "row of this file" in copy:  # compared with another row of indicators.csv, not with a copy
            continue
        same = xc.loc[(xc["indicator"] == indicator) & (xc["vintage"] == vintage)]
        # a row names the copy exactly, or names the folder of a group of single-year exports
        match = same.loc[(same["copy_b"] == copy) | same["copy_b"].map(
            lambda b, c=copy: b.endswith(")") and "(annual exports" in b and c.startswith(b.split("(")[0]))]
        assert not match.empty, (indicator, vintage, copy)
        assert match["cells_equal"].astype(int).sum() >= len(group), (indicator, vintage, copy, len(group))
