"""Numeric claims: units, scales, qualifiers, normalised values, indicators and periods."""

from __future__ import annotations

import pytest

from data.extract import extract_text
from data.extract.claims import Claim, find_claims


def _one(sentence: str) -> Claim:
    claims = find_claims(sentence)
    assert len(claims) == 1, claims
    return claims[0]


def _span(sentence: str, c: Claim) -> str:
    return sentence[c.start : c.end]


@pytest.mark.parametrize("sentence,span,value,unit,qualifier", [
    ("home to 382 million people.", "382 million people", 382_000_000, "persons", "exact"),
    ("sprawling 6.87 million square kilometers", "6.87 million square kilometers", 6_870_000, "km2", "exact"),
    ("an area of 187,400 km² in all", "187,400 km²", 187_400, "km2", "exact"),
    ("stretches over 18,000 kilometers", "over 18,000 kilometers", 18_000, "km", "over"),
    ("accounting for approximately 91% of it", "approximately 91%", 91, "percent", "about"),
    ("more than one million square kilometers", "more than one million square kilometers", 1_000_000, "km2",
     "more_than"),
    ("GDP reached 3 trillion yuan", "3 trillion yuan", 3e12, "yuan", "exact"),
    ("GDP was 696.12 billion yuan", "696.12 billion yuan", 696.12e9, "yuan", "exact"),
    ("revenue of 5,000 100 million yuan", "5,000 100 million yuan", 5e11, "yuan", "exact"),
    ("(US$4.54 billion)", "US$4.54 billion", 4.54e9, "usd", "exact"),
    ("(US\\$ 97.46 billion)", "US\\$ 97.46 billion", 97.46e9, "usd", "exact"),
    ("18,495.9 million tons!", "18,495.9 million tons", 18_495_900_000, "tons", "exact"),
    ("a net inflow of **86,000** people in 2023", "86,000** people", 86_000, "persons", "exact"),
    ("**3.5 percentage** points higher", "3.5 percentage** points", 3.5, "percentage_points", "exact"),
    ("commercial grain making up **one-third**", "one-third", 0.3333, "fraction", "exact"),
    ("accounted for over a quarter of the total", "over a quarter", 0.25, "fraction", "over"),
    ("a population of over 100 million,", "over 100 million", 100_000_000, "persons", "over"),
    ("has a population of 23,476,900.", "23,476,900", 23_476_900, "persons", "exact"),
    ("borders 13 countries, including", "13 countries", 13, "count", "exact"),
    ("one of the nine border provinces", "nine border provinces", 9, "count", "exact"),
    ("Build about 200 new border villages;", "about 200 new border villages", 200, "count", "about"),
    ("for 11 consecutive years since 2012", "11 consecutive years", 11, "years", "exact"),
    ("the 400 mm annual precipitation line", "400 mm", 400, "mm", "exact"),
    ("nearly 40 per cent of it", "nearly 40 per cent", 40, "percent", "nearly"),
])
def test_units_values_and_qualifiers(
    sentence: str, span: str, value: float, unit: str, qualifier: str
) -> None:
    c = _one(sentence)
    assert (_span(sentence, c), c.unit, c.qualifier) == (span, unit, qualifier)
    assert c.value == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("sentence", [
    "Since the 18th National Congress of the CPC in 2012, the Committee met.",
    "Heilongjiang ranks No.1 in timber reserve.",
    "2024.03.22 / Source: Xinhua",
    "The 14th Five-Year Plan (2021-25) stated it.",
    "01 Border cities and towns",
    "In 1947, it became the first autonomous region.",
    "On April 23, 2024, Xi chaired a symposium.",
    "Moreover, the first half of the year was calm.",
    "one of the two most intact complexes",
])
def test_no_claim_without_a_unit(sentence: str) -> None:
    assert find_claims(sentence) == []


@pytest.mark.parametrize("sentence,period", [
    ("In the first quarter of 2024, the province's GDP was 696.12 billion yuan.", "2024Q1"),
    ("GDP grew 5 percent in the second half of 2023.", "2023H2"),
    ("In 2023, Liaoning's GDP reached 3 trillion yuan.", "2023"),
    ("a total population of 24.05 million as of 2020.", "2020"),
    ("Its GDP reached 3 trillion yuan.", ""),
])
def test_periods(sentence: str, period: str) -> None:
    assert _one(sentence).period == period


@pytest.mark.parametrize("sentence,indicator", [
    ("In 2023, Liaoning's GDP reached 3 trillion yuan.", "gdp"),
    ("GDP was 696.12 billion yuan, a year-on-year increase of 5.4 percent.", "gdp_growth"),
    ("covering over 70 percent of the country's land area", "land_area_share"),
    ("containing 27 percent of the total population", "population_share"),
    ("Border areas are home to 20 percent of China's population.", "population_share"),
    ("The land border line stretches over 18,000 kilometers.", "land_border_length"),
    ("fixed asset investment increased by 9.6 percent", "fixed_asset_investment_growth"),
    ("home to 382 million people", "population"),
])
def test_indicators(sentence: str, indicator: str) -> None:
    assert find_claims(sentence)[-1].indicator == indicator


def test_dollar_conversion_inherits_the_indicator() -> None:
    claims = find_claims(
        "the added value of the secondary industry was 264.12 billion yuan (US$36.98 billion)"
    )
    assert [(c.unit, c.indicator) for c in claims] == [
        ("yuan", "secondary_industry_value_added"), ("usd", "secondary_industry_value_added"),
    ]


def test_claim_mentions_carry_value_unit_period_and_offsets() -> None:
    text = "Intro line.\n\nIn the first quarter of 2024, GDP was **560.4 billion yuan** (US$81.2 billion)."
    claims = [m for m in extract_text(text, "d") if m.type == "claim"]
    assert [(m.text, m.value, m.unit, m.period, m.indicator) for m in claims] == [
        ("560.4 billion yuan", 560.4e9, "yuan", "2024Q1", "gdp"),
        ("US$81.2 billion", 81.2e9, "usd", "2024Q1", "gdp"),
    ]
    assert all(text[m.start : m.end] == m.text for m in claims)
