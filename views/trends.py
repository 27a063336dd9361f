"""Indicators over the years: a province beside its macro-region and China, provinces compared, ranks.

Values per province and year come from :func:`views.datasets.statistics` (each year in the vintage the
atlas shows). A macro-region's or China's figure is computed from its provinces' values, the same way for
every year (:data:`METHODS`):

- amounts (GDP, population, retail sales, budget revenue, trade): the sum, drawn as an index with the first
  year = 100 for the province, its region and China alike, so that their growth can be compared;
- ratios (GDP per capita, density): the ratio of the sums (total GDP / total population ...);
- disposable income per person: the population-weighted mean; the real GDP index: the GDP-weighted mean.

China is the 31 mainland provinces; a year in which a province of the group lacks a value has no
figure for the group.
"""

from __future__ import annotations

from functools import cache, lru_cache

import pandas as pd

from views import datasets
from views.convergence import province_groups
from views.indicators import indicator_years

#: How a group's figure is computed from its provinces: (method, numerator, denominator or weight, factor).
METHODS: dict[str, tuple[str, str, str, float]] = {
    "gdp": ("sum", "gdp", "", 1.0),
    "population": ("sum", "population", "", 1.0),
    "retail_sales": ("sum", "retail_sales", "", 1.0),
    "local_revenue": ("sum", "local_revenue", "", 1.0),
    "trade": ("sum", "trade", "", 1.0),
    "gdp_per_capita": ("ratio", "gdp", "population", 1e4),  # 100 million yuan / 10,000 persons
    "density": ("ratio", "population", "area_boundary", 1e4),  # 10,000 persons / km²
    "disposable_income": ("weighted", "disposable_income", "population", 1.0),
    "gdp_index": ("weighted", "gdp_index", "gdp", 1.0),
}
#: In the order the drill-down draws them.
TREND_ORDER: tuple[str, ...] = (
    "gdp_per_capita",
    "gdp",
    "population",
    "disposable_income",
    "gdp_index",
    "retail_sales",
    "local_revenue",
    "trade",
    "density",
)
TREND_COLUMNS = ("indicator", "year", "series", "value")
SERIES = ("province", "region", "china")


def trend_indicators() -> tuple[str, ...]:
    """The indicators with years that the trends can draw, in :data:`TREND_ORDER`."""
    return tuple(k for k in TREND_ORDER if len(indicator_years(k)) > 1)


def indexed(key: str) -> bool:
    """Whether ``key`` is drawn as an index (first year = 100): the amounts."""
    return METHODS.get(key, ("",))[0] == "sum"


@cache  # the data behind it does not change while the process runs; callers do not mutate
def statistics_by_year() -> pd.DataFrame:
    """One row per province and year: ``adcode, year`` and every statistic's column, for every year any
    trend indicator has."""
    years = sorted({y for k in TREND_ORDER for y in indicator_years(k)})
    frames = []
    for year in years:
        stats = datasets.statistics(year)
        if stats.empty:
            continue
        frames.append(stats.assign(year=year))
    if not frames:
        return pd.DataFrame(columns=["adcode", "year"])
    return pd.concat(frames, ignore_index=True)


def group_value(rows: pd.DataFrame, key: str) -> float:
    """The figure of ``key`` for a group of provinces (``rows``: one year's rows), by :data:`METHODS`;
    NaN when a province of the group lacks an input.

    >>> rows = pd.DataFrame({"gdp": [1.0, 3.0], "population": [1.0, 1.0]})
    >>> group_value(rows, "gdp_per_capita")
    20000.0
    """
    method, num, den, factor = METHODS[key]
    columns = [c for c in (num, den) if c]
    if rows.empty or any(c not in rows.columns for c in columns):
        return float("nan")
    values = rows[columns].apply(pd.to_numeric, errors="coerce")
    if values.isna().any(axis=None):
        return float("nan")
    if method == "sum":
        return float(values[num].sum())
    if method == "ratio":
        return float(values[num].sum() / values[den].sum() * factor)
    weights = values[den]
    return float((values[num] * weights).sum() / weights.sum())


def group_series(stats: pd.DataFrame, key: str, members: list[str]) -> pd.Series:
    """:func:`group_value` of ``members`` for every year of ``stats`` at once (a Series by year): the same
    figure, NaN in a year where a member lacks an input."""
    method, num, den, factor = METHODS[key]
    part = stats[stats["adcode"].isin(members)]
    if part.empty or any(c not in part.columns for c in (num, den) if c):
        return pd.Series(dtype=float)

    def wide(column: str) -> pd.DataFrame:
        values = pd.to_numeric(part[column], errors="coerce")
        return (
            part.assign(_v=values).pivot(index="year", columns="adcode", values="_v").reindex(columns=members)
        )

    need = len(members)
    top = wide(num)
    if method == "sum":
        return top.sum(axis=1, min_count=need)
    bottom = wide(den)
    if method == "ratio":
        return top.sum(axis=1, min_count=need) / bottom.sum(axis=1, min_count=need) * factor
    return (top * bottom).sum(axis=1, min_count=need) / bottom.sum(axis=1, min_count=need)


@lru_cache(maxsize=64)
def trend_data(adcode: str) -> pd.DataFrame:
    """Per indicator with years (:func:`trend_indicators`) and year: the province's value, its macro-region's
    and China's (columns :data:`TREND_COLUMNS`; ``series`` is province, region or china; the groups by
    :func:`group_series`). Amounts are indexed to their first year with a value = 100 (:func:`indexed`)."""
    stats = statistics_by_year()
    groups = province_groups()
    if stats.empty or adcode not in set(stats["adcode"]):
        return pd.DataFrame(columns=list(TREND_COLUMNS))
    region = groups.get(adcode)
    in_region = sorted(a for a, r in groups.items() if r == region) if region else []
    frames = []
    for key in trend_indicators():
        if key not in stats.columns:
            continue
        part = stats[stats["year"].isin(indicator_years(key))]
        own = part[part["adcode"] == adcode].set_index("year")[key]
        lines = {
            "province": pd.to_numeric(own, errors="coerce"),
            "region": group_series(part, key, in_region) if region else pd.Series(dtype=float),
            "china": group_series(part, key, sorted(groups)),
        }
        years = sorted(int(y) for y in set(part["year"]))
        for series, line in lines.items():
            values = line.reindex(years) if not line.empty else pd.Series(float("nan"), index=years)
            frames.append(
                pd.DataFrame(
                    {"indicator": key, "year": years, "series": series, "value": values.to_numpy(dtype=float)}
                )
            )
    if not frames:
        return pd.DataFrame(columns=list(TREND_COLUMNS))
    return _rebase(pd.concat(frames, ignore_index=True).loc[:, list(TREND_COLUMNS)])


def _rebase(frame: pd.DataFrame) -> pd.DataFrame:
    """Amounts as an index: each (indicator, series) divided by its first value with data, times 100."""
    if frame.empty:
        return frame
    out = frame.copy()
    amounts = out["indicator"].map(lambda k: indexed(str(k))).astype(bool)
    first = (
        out[amounts].dropna(subset=["value"]).sort_values("year").groupby(["indicator", "series"])["value"]
    )
    bases = first.first()
    keys = pd.MultiIndex.from_frame(out.loc[amounts, ["indicator", "series"]])
    base = pd.Series(bases.reindex(keys).to_numpy(dtype=float), index=out.index[amounts])
    out.loc[amounts, "value"] = out.loc[amounts, "value"] / base.where(base != 0) * 100
    return out


def values_by_year(key: str) -> pd.DataFrame:
    """``adcode, year, value`` of ``key`` for every province and year it has (NaN where missing)."""
    stats = statistics_by_year()
    if stats.empty or key not in stats.columns:
        return pd.DataFrame(columns=["adcode", "year", "value"])
    part = stats[stats["year"].isin(indicator_years(key))]
    return pd.DataFrame(
        {
            "adcode": part["adcode"].astype(str),
            "year": part["year"].astype(int),
            "value": pd.to_numeric(part[key], errors="coerce"),
        }
    ).reset_index(drop=True)


def china_by_year(key: str) -> pd.DataFrame:
    """``year, value``: China's figure of ``key`` (31 provinces, :func:`group_value`) per year, not
    indexed."""
    stats = statistics_by_year()
    groups = province_groups()
    if stats.empty or key not in METHODS:
        return pd.DataFrame(columns=["year", "value"])
    line = group_series(stats[stats["year"].isin(indicator_years(key))], key, sorted(groups))
    rows = [{"year": int(str(y)), "value": float(v)} for y, v in line.items()]
    return pd.DataFrame(rows, columns=["year", "value"])


def ranks_by_year(key: str) -> pd.DataFrame:
    """``adcode, year, value, rank``: each province's rank by ``key`` within its year (1 = highest; ties
    share the best rank); provinces without a value have no row."""
    values = values_by_year(key).dropna(subset=["value"])
    if values.empty:
        return pd.DataFrame(columns=["adcode", "year", "value", "rank"])
    ranks = values.groupby("year")["value"].rank(ascending=False, method="min").astype(int)
    return values.assign(rank=ranks).sort_values(["year", "rank"]).reset_index(drop=True)
