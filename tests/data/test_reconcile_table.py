"""The real reconciliation table, cross-checked against the statistics and geometry it reads."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace

import pandas as pd
import pytest

from config import build_dir
from data.catalog import load_catalog
from data.reconcile import COLUMNS, WEST, reconciliation_table
from data.reference import province_indicators

BRIEF_CLAIMS = (
    "west-population-share", "west-population", "west-area", "west-land-area-share", "northeast-area",
    "northeast-population", "jilin-area", "jilin-population", "liaoning-gdp-2023", "west-land-border-share",
    "border-areas-population-share",
)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return reconciliation_table().set_index("claim_id")


def test_columns_and_brief_claims(table: pd.DataFrame) -> None:
    assert list(table.reset_index().columns) == COLUMNS
    assert set(BRIEF_CLAIMS) <= set(table.index)
    assert set(table["verdict"]) <= {"agree", "disagree", "untestable"}
    claims = load_catalog().claims.set_index("claim_id")
    for claim_id, row in table.drop(index="reference:border-counties").iterrows():
        assert row["quote"] == claims.loc[claim_id, "quote"]
        assert row["claimed_value"] == claims.loc[claim_id, "value"]
        assert row["basis"]


def test_border_counties_stand_beside_the_official_about_140(table: pd.DataFrame) -> None:
    from geo.artifacts import county_table

    row = table.loc["reference:border-counties"]
    counties = county_table()
    assert row["computed_value"] == int(counties["border"].sum())  # the county build's own count
    assert row["claimed_value"] == 140 and row["qualifier"] == "about"
    assert row["verdict"] == ("agree" if abs(row["computed_value"] - 140) <= 140 * 0.03 else "disagree")
    # not a catalog claim: no source, no quote, and the note says why
    assert row["source_id"] == "" and row["quote"] == ""
    assert "no document in the corpus states it" in row["note"]
    xinjiang = int((counties["border"] & (counties["province_adcode"] == "650000")).sum())
    assert xinjiang > 0 and re.search(rf"\b650000 {xinjiang}\b", row["note"])  # counts by province


def test_border_counties_row_names_its_bad_input() -> None:
    from data.reconcile import border_counties_row

    with pytest.raises(ValueError, match="meta: expected 'border_counties'"):
        border_counties_row({"border_counties": {"total": "many"}})
    row = border_counties_row({"border_counties": {"total": 150, "by_province": {"540000": 21}}})
    assert row["verdict"] == "disagree" and row["difference_pct"] == pytest.approx(7.14)


def test_untestable_rows_explain_themselves(table: pd.DataFrame) -> None:
    for claim_id, row in table.loc[table["verdict"] == "untestable"].iterrows():
        assert row["note"], claim_id
    assert table.loc["border-areas-population-share", "verdict"] == "untestable"


def test_geometry_values_match_the_geo_build(table: pd.DataFrame) -> None:
    from geo.artifacts import province_table

    areas = province_table().set_index("adcode")["area_km2"]
    assert table.loc["west-area", "computed_value"] == pytest.approx(areas.loc[list(WEST)].sum() / 1e6)
    assert table.loc["jilin-area", "computed_value"] == pytest.approx(areas.loc["220000"])
    meta = json.loads((build_dir() / "geo_meta.json").read_text(encoding="utf-8"))
    border = meta["border"]
    assert table.loc["west-land-border-share", "computed_value"] == pytest.approx(
        100 * border["western_share"], abs=0.05)
    assert table.loc["west-land-border-length", "computed_value"] == pytest.approx(
        border["western_land_km"], rel=1e-3)


def test_statistics_values_match_indicators(table: pd.DataFrame) -> None:
    # each statistics claim names the year and vintage it was tested against; 2024 documents: the 2023
    # figures as first published, not the series NBS revised in 2025
    for claim_id in ("liaoning-gdp-2023", "jilin-population", "west-population", "northeast-population"):
        assert (table.loc[claim_id, "stats_year"], table.loc[claim_id, "stats_vintage"]) == (
            2023, "first-published"), claim_id
    assert table.loc["west-area", "stats_vintage"] == ""  # geometry, not statistics
    wide = province_indicators(2023, vintage="first-published").set_index("adcode")
    gdp = wide.loc["210000", "gdp"]
    if math.isnan(gdp):
        assert table.loc["liaoning-gdp-2023", "verdict"] == "untestable"
    else:
        assert table.loc["liaoning-gdp-2023", "computed_value"] == pytest.approx(gdp / 1e4)
    pop = wide.loc["220000", "population"]
    if not math.isnan(pop):
        assert table.loc["jilin-population", "computed_value"] == pytest.approx(pop * 1e4)


def test_difference_and_verdict_are_consistent(table: pd.DataFrame) -> None:
    tested = table.loc[table["computed_value"].notna()]
    assert len(tested) >= 6
    for claim_id, row in tested.iterrows():
        diff = 100 * (row["computed_value"] - row["claimed_value"]) / row["claimed_value"]
        assert row["difference_pct"] == pytest.approx(diff, abs=0.01), claim_id
        if row["qualifier"] in ("over", "more_than"):
            assert (row["verdict"] == "agree") == (row["computed_value"] > row["claimed_value"]), claim_id


def test_region_constants_match_the_catalog() -> None:
    from data.reconcile import EASTERN_INNER_MONGOLIA, NORTHEAST

    regions = load_catalog().macro_regions
    def members(region: str, level: str) -> set[str]:
        return set(regions.loc[(regions["region_id"] == region) & (regions["level"] == level), "adcode"])
    assert set(WEST) == members("west", "province")
    assert set(NORTHEAST) == members("northeast", "province")
    assert set(EASTERN_INNER_MONGOLIA) == members("northeast", "prefecture")


def test_the_vintage_decides_liaoning_gdp() -> None:
    """The 2024 special issue's 'about 3 trillion yuan' fits the 2023 GDP as first published (3.02
    trillion); the series revised in 2025 (3.14 trillion) is 4.6 % higher, outside the 2 % tolerance."""
    from data.reconcile import default_inputs

    claims = load_catalog().claims
    claims = claims.loc[claims["claim_id"] == "liaoning-gdp-2023"]
    inputs = default_inputs()
    published = reconciliation_table(claims, inputs).iloc[0]
    assert published["verdict"] == "agree" and published["stats_vintage"] == "first-published"
    revised = reconciliation_table(claims.assign(source_id="later-document"),
                                   replace(inputs, published={"later-document": 2026})).iloc[0]
    assert revised["stats_vintage"] == "nbs-current"
    assert revised["computed_value"] == pytest.approx(3.13898)
    assert revised["verdict"] == "disagree"
