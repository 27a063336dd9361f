"""data.inequality and the change helpers, on hand-computed cases, and on the stored series."""

from __future__ import annotations

import math

import pytest

from data.inequality import gdp_per_capita_cv, gdp_per_capita_theil, theil, weighted_cv
from data.reconcile import NORTHEAST, WEST
from data.reference import cagr, change, change_pp, growth

LN2, LN15 = math.log(2.0), math.log(1.5)


def test_growth_and_cagr_by_hand() -> None:
    assert growth(100.0, 121.0) == pytest.approx(21.0)
    assert cagr(100.0, 121.0, 2) == pytest.approx(10.0)  # 1.1 ** 2 = 1.21
    assert cagr(200.0, 100.0, 1) == pytest.approx(-50.0)
    assert growth(50.0, 50.0) == 0.0
    # Beijing, current NBS series: 2013 21,746.0 -> 2023 47,353.7: x2.17760 over 10 years
    assert cagr(21746.0, 47353.7, 10) == pytest.approx((47353.7 / 21746.0) ** 0.1 * 100 - 100)
    bads = (growth(0.0, 1.0), growth(math.nan, 1.0), cagr(1.0, 2.0, 0), cagr(-1.0, 2.0, 1), cagr(1.0, 0.0, 1))
    for bad in bads:
        assert math.isnan(bad)


def test_percentage_points_for_rates_and_change_by_kind() -> None:
    assert change_pp(60.5, 66.0) == pytest.approx(5.5)
    assert math.isnan(change_pp(math.nan, 1.0))
    assert change("amount", 100.0, 121.0, 2) == pytest.approx({"growth_pct": 21.0, "cagr_pct": 10.0})
    assert change("rate", 10.0, 7.5) == pytest.approx({"change_pp": -2.5})
    with pytest.raises(ValueError, match="index"):
        change("index", 105.0, 106.0)


def test_weighted_cv_by_hand() -> None:
    # GDP per capita 1, 1, 4 with equal weights: mean 2, variance (1 + 1 + 4) / 3 = 2
    assert weighted_cv({"a": 1, "b": 1, "c": 4}, {"a": 1, "b": 1, "c": 1}) == pytest.approx(math.sqrt(2) / 2)
    # unequal weights: per capita 1 (pop 1), 3 (pop 1), 2 (pop 2) -> mean 8/4 = 2,
    # variance (1*1 + 1*1 + 2*0) / 4 = 0.5
    cv = weighted_cv({"a": 1, "b": 3, "c": 4}, {"a": 1, "b": 1, "c": 2})
    assert cv == pytest.approx(math.sqrt(0.5) / 2)
    assert weighted_cv({"a": 5, "b": 10}, {"a": 1, "b": 2}) == pytest.approx(0.0)
    # a province without population is left out, not counted as zero
    cv = weighted_cv({"a": 1, "b": 1, "c": 4, "d": 9}, {"a": 1, "b": 1, "c": 1})
    assert cv == pytest.approx(math.sqrt(2) / 2)
    assert math.isnan(weighted_cv({}, {}))


def test_theil_two_regions_three_provinces_by_hand() -> None:
    # a, b in region x; c in region y. Population 1, 1, 2; GDP 1, 3, 4 (Y = 8, P = 4).
    gdp, pop, groups = {"a": 1, "b": 3, "c": 4}, {"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}
    r = theil(gdp, pop, groups)
    total = 1 / 8 * math.log((1 / 8) / (1 / 4)) + 3 / 8 * math.log((3 / 8) / (1 / 4))  # c: (1/2) ln 1 = 0
    assert total == pytest.approx(-LN2 / 8 + 3 / 8 * LN15)  # 0.065406
    assert r.total == pytest.approx(total)
    # both regions hold half the GDP and half the population: nothing between them
    assert r.between == pytest.approx(0.0)
    # within x: (1/4) ln((1/4)/(1/2)) + (3/4) ln((3/4)/(1/2)), weighted by x's GDP share 1/2
    t_x = 0.25 * math.log(0.5) + 0.75 * LN15
    assert r.by_group["x"] == pytest.approx((0.5, 0.5, t_x))
    assert r.by_group["y"] == pytest.approx((0.5, 0.5, 0.0))
    assert r.within == pytest.approx(0.5 * t_x)
    assert r.between + r.within == pytest.approx(r.total)


def test_theil_all_between_when_groups_are_internally_equal() -> None:
    r = theil({"a": 1, "b": 1, "c": 4}, {"a": 1, "b": 1, "c": 1}, {"a": "x", "b": "x", "c": "y"})
    assert r.total == pytest.approx(LN2 / 3)  # 2 * (1/6) ln(1/2) + (2/3) ln 2
    assert r.between == pytest.approx(LN2 / 3)  # (1/3) ln((1/3)/(2/3)) + (2/3) ln((2/3)/(1/3))
    assert r.within == pytest.approx(0.0)
    assert r.between_share == pytest.approx(1.0)


def test_theil_leaves_out_provinces_without_data_or_group() -> None:
    groups = {"a": "x", "b": "x", "c": "y"}
    r = theil({"a": 1, "b": 1, "c": 4, "d": 2}, {"a": 1, "b": 1, "c": 1, "e": 1}, groups)
    assert r.excluded == ("d", "e")
    assert r.total == pytest.approx(LN2 / 3)
    r = theil({"a": 1, "b": 2}, {"a": 1, "b": 1}, {"a": "x"})
    assert r.excluded == ("b",) and r.total == pytest.approx(0.0)
    assert math.isnan(theil({}, {}, {}).total)


# The four macro-regions at province level (as in data/catalog/macro_regions.csv; written out so this
# test does not depend on the catalog's validation).
EAST = ("110000", "120000", "130000", "310000", "320000", "330000", "350000", "370000", "440000", "460000")
CENTRAL = ("140000", "340000", "360000", "410000", "420000", "430000")
REGIONS = {c: "east" for c in EAST} | {c: "central" for c in CENTRAL} | {c: "west" for c in WEST} | {
    c: "northeast" for c in NORTHEAST}


def test_stored_series_give_consistent_inequality_measures() -> None:
    groups = REGIONS
    assert len(groups) == 31
    for year in (2006, 2015, 2024):
        cv = gdp_per_capita_cv(year)
        r = gdp_per_capita_theil(year, groups)
        assert 0.2 < cv < 0.8, year  # Williamson's index across China's provinces
        assert 0.0 < r.between < r.total < 0.3, year
        assert r.between + r.within == pytest.approx(r.total)
        assert r.excluded == ()
        assert set(r.by_group) == {"east", "central", "west", "northeast"}
