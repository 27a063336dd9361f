"""Reconciliation logic on small synthetic inputs: computed values, units and verdict rules."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data.reconcile import COLUMNS, EASTERN_INNER_MONGOLIA, NORTHEAST, WEST, ReconInputs, reconciliation_table

MAINLAND = [*WEST, *NORTHEAST, "110000", "310000", "440000"]


def _claim(claim_id: str, value: float, unit: str, qualifier: str = "exact") -> dict[str, object]:
    return {"claim_id": claim_id, "indicator": "x", "value": value, "unit": unit, "qualifier": qualifier,
            "region": "", "adcode": "", "period": "", "source_id": "s", "quote": f"quote of {claim_id}"}


def _inputs(**population: float) -> ReconInputs:
    pop = {code: 1000.0 for code in MAINLAND} | population   # 10,000 persons: 10 million each
    provinces = pd.DataFrame({
        "adcode": MAINLAND,
        "gdp": [30_000.0 if c == "210000" else 10_000.0 for c in MAINLAND],
        "population": [pop[c] for c in MAINLAND],
        "area": [187_400.0 if c == "220000" else 100_000.0 for c in MAINLAND],
    })
    areas = {code: 500_000.0 for code in MAINLAND} | {code: 100_000.0 for code in EASTERN_INNER_MONGOLIA}
    border = pd.DataFrame({"iso3": ["MNG", "RUS", "KAZ", "PRK"],
                           "adcode": ["150000", "150000", "650000", "220000"],
                           "length_km": [4000.0, 1000.0, 1500.0, 500.0]})
    return ReconInputs(provinces=provinces, national={}, population_by_year={}, geo_area_km2=areas,
                       border=border)


def test_sums_units_and_verdicts() -> None:
    claims = pd.DataFrame([
        _claim("west-population", 120, "million persons"),          # 12 x 10 million = 120: agree
        _claim("west-area", 5.0, "million km2"),                     # 12 x 0.5 = 6.0: 20 % off -> disagree
        _claim("west-land-area-share", 70, "percent", "over"),       # 12/18 = 66.7 % < 70: disagree
        _claim("west-land-border-share", 91, "percent", "about"),    # 6500/7000 = 92.9 %: outside 2 %
        _claim("west-neighbour-countries", 3, "count"),              # MNG, RUS, KAZ
        _claim("liaoning-gdp-2023", 3, "trillion yuan"),             # 30,000 x 1e8 yuan = 3 trillion
        _claim("jilin-population", 10_000_000, "persons"),
    ])
    table = reconciliation_table(claims, _inputs()).set_index("claim_id")
    assert list(table.reset_index().columns) == COLUMNS
    assert table.loc["west-population", "computed_value"] == pytest.approx(120)
    assert table.loc["west-population", "verdict"] == "agree"
    assert table.loc["west-area", "computed_value"] == pytest.approx(6.0)
    assert table.loc["west-area", "difference_pct"] == pytest.approx(20.0)
    assert table.loc["west-area", "verdict"] == "disagree"
    assert table.loc["west-land-area-share", "computed_value"] == pytest.approx(1200 / 18)
    assert table.loc["west-land-area-share", "verdict"] == "disagree"
    assert table.loc["west-land-border-share", "computed_value"] == pytest.approx(6500 / 70)
    assert table.loc["west-land-border-share", "verdict"] == "disagree"
    assert table.loc["west-neighbour-countries", "verdict"] == "agree"
    assert table.loc["liaoning-gdp-2023", "computed_value"] == pytest.approx(3.0)
    assert table.loc["jilin-population", "computed_value"] == pytest.approx(10_000_000)


def test_over_claim_below_the_computed_value_disagrees() -> None:
    claims = pd.DataFrame([_claim("west-land-border-length", 8000, "km", "over")])
    row = reconciliation_table(claims, _inputs()).iloc[0]
    assert row["computed_value"] == pytest.approx(6500) and row["verdict"] == "disagree"


@pytest.mark.parametrize(("im_population", "verdict"), [(100.0, "disagree"), (5000.0, "untestable")])
def test_bounds_decide_only_when_both_sides_agree(im_population: float, verdict: str) -> None:
    # Northeast: three provinces 30 million; with all of Inner Mongolia 31 or 80 million; claim "over 50".
    claims = pd.DataFrame([_claim("northeast-population", 50, "million persons", "over")])
    row = reconciliation_table(claims, _inputs(**{"150000": im_population})).iloc[0]
    assert row["verdict"] == verdict
    assert math.isnan(row["computed_value"])
    assert "eastern Inner Mongolia" in row["note"]


def test_untestable_claims_say_why() -> None:
    claims = pd.DataFrame([_claim("border-areas-population-share", 20, "percent")])
    row = reconciliation_table(claims, _inputs()).iloc[0]
    assert row["verdict"] == "untestable" and "counties" in row["note"]


def test_claims_without_a_check_are_left_out() -> None:
    claims = pd.DataFrame([_claim("jilin-nature-reserves", 51, "count")])
    assert reconciliation_table(claims, _inputs()).empty


def test_statistics_basis_follows_the_document_date() -> None:
    from data.reconcile import statistics_basis

    claim = pd.Series({"period": ""})
    assert statistics_basis(claim, 2024) == (2023, "first-published")  # a 2024 document saw 2023 as published
    assert statistics_basis(claim, 2026) == (2025, "nbs-current")
    assert statistics_basis(claim, None) == (2023, "first-published")
    assert statistics_basis(pd.Series({"period": "2020"}), 2024) == (2020, "first-published")
    assert statistics_basis(pd.Series({"period": "2024Q1"}), 2024) == (2023, "first-published")


def test_claims_without_tidy_statistics_keep_the_given_inputs() -> None:
    claims = pd.DataFrame([_claim("liaoning-gdp-2023", 3, "trillion yuan") | {"indicator": "gdp",
                                                                              "period": "2023"}])
    row = reconciliation_table(claims, _inputs()).iloc[0]
    assert row["computed_value"] == pytest.approx(3.0)
    assert row["stats_year"] == 2023 and row["stats_vintage"] == ""
