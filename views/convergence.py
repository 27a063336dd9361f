"""Are the regions converging? The data of the convergence and macro-region share charts.

GDP per capita across the 31 mainland provinces, year by year (GDP in the current NBS series, year-end
resident population, both as :func:`views.datasets.statistics` shows them): its population-weighted
coefficient of variation and its Theil index split into the part between the four macro-regions and the
part within them (:mod:`data.inequality`); each macro-region's share of the 31-province GDP and population;
and the East's GDP per capita over the West's.

The computations are pure functions of a long table ``adcode, year, gdp, population`` and a mapping of
province to macro-region, so that a test can check them by hand; :func:`province_years` and the
``*_data`` functions read the atlas's own statistics (cached).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache

import pandas as pd

from data.inequality import theil, weighted_cv
from data.vocab import REGIONS
from views import datasets
from views.indicators import indicator_years

INPUT_COLUMNS = ("adcode", "year", "gdp", "population")
DISPERSION_COLUMNS = ("year", "cv", "theil", "between", "within", "provinces")
SHARE_COLUMNS = ("year", "region_id", "gdp_share", "population_share", "gdp_per_capita")
RATIO_COLUMNS = ("year", "ratio")

#: The Five-Year Plan periods the charts shade: (first year, last year, word key of the label).
PLAN_PERIODS: tuple[tuple[int, int, str], ...] = (
    (2006, 2010, "trends.fyp.11"),
    (2011, 2015, "trends.fyp.12"),
    (2016, 2020, "trends.fyp.13"),
    (2021, 2025, "trends.fyp.14"),
)


def dispersion(frame: pd.DataFrame, groups: Mapping[str, str]) -> pd.DataFrame:
    """Per year, the spread of GDP per capita across the provinces of ``frame``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``adcode, year, gdp, population`` (any consistent units).
    groups : mapping of adcode to group
        The macro-region of each province (the Theil index's groups).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DISPERSION_COLUMNS`: ``cv`` (:func:`data.inequality.weighted_cv`), ``theil``,
        ``between`` and ``within`` (:func:`data.inequality.theil`, ``between + within == theil``) and
        ``provinces`` (how many had GDP, population and a group), one row per year, ascending. Provinces
        missing a value are left out of their year, never imputed.
    """
    _require(frame)
    rows = []
    for year, part in frame.groupby("year", sort=True):
        gdp, pop = _mappings(part)
        result = theil(gdp, pop, groups)
        rows.append(
            {
                "year": int(str(year)),
                "cv": weighted_cv(gdp, pop),
                "theil": result.total,
                "between": result.between,
                "within": result.within,
                "provinces": len(set(gdp) | set(pop)) - len(result.excluded),
            }
        )
    return pd.DataFrame(rows, columns=list(DISPERSION_COLUMNS))


def region_shares_by_year(frame: pd.DataFrame, groups: Mapping[str, str]) -> pd.DataFrame:
    """Per year and macro-region: its share (percent) of the GDP and population of all provinces in
    ``groups`` and its GDP per capita (GDP sum / population sum, in ``frame``'s units).

    A year in which any grouped province lacks GDP or population is left out (a share needs every
    province of the total).
    """
    _require(frame)
    rows = []
    for year, part in frame.groupby("year", sort=True):
        part = part[part["adcode"].isin(list(groups))]
        if part.empty or part[["gdp", "population"]].isna().any(axis=None) or len(part) < len(groups):
            continue
        sums = part.groupby(part["adcode"].map(groups))[["gdp", "population"]].sum()
        total_gdp, total_pop = float(sums["gdp"].sum()), float(sums["population"].sum())
        for region in [r for r in REGIONS if r in sums.index] + sorted(set(sums.index) - set(REGIONS)):
            gdp, pop = float(sums["gdp"][region]), float(sums["population"][region])
            rows.append(
                {
                    "year": int(str(year)),
                    "region_id": region,
                    "gdp_share": 100 * gdp / total_gdp,
                    "population_share": 100 * pop / total_pop,
                    "gdp_per_capita": gdp / pop,
                }
            )
    return pd.DataFrame(rows, columns=list(SHARE_COLUMNS))


def region_ratio(shares: pd.DataFrame, numerator: str = "east", denominator: str = "west") -> pd.DataFrame:
    """Per year, ``numerator``'s GDP per capita over ``denominator``'s (from :func:`region_shares_by_year`).

    Returns columns :data:`RATIO_COLUMNS`; a year without both regions is left out.
    """
    wide = (
        shares.pivot(index="year", columns="region_id", values="gdp_per_capita")
        if not shares.empty
        else pd.DataFrame()
    )
    if numerator not in wide.columns or denominator not in wide.columns:
        return pd.DataFrame(columns=list(RATIO_COLUMNS))
    ratio = (wide[numerator] / wide[denominator]).dropna()
    return pd.DataFrame(
        {"year": [int(y) for y in ratio.index], "ratio": ratio.to_numpy()}, columns=list(RATIO_COLUMNS)
    )


# --- the atlas's own data ---------------------------------------------------------------------------


def province_groups() -> dict[str, str]:
    """Province adcode -> macro-region, from the catalog's province rows (the NBS four-region division;
    the five eastern Inner Mongolia prefectures of the Northeast are prefecture rows and stay out)."""
    return {a: r for a, r in datasets.region_of().items() if a.endswith("0000")}


@cache  # the data behind it does not change while the process runs; callers do not mutate
def province_years() -> pd.DataFrame:
    """``adcode, year, gdp, population`` for every year GDP per capita has (2006–2024), in the vintage
    the atlas shows (GDP: the current NBS series; population: year-end resident, current series)."""
    frames = []
    for year in indicator_years("gdp_per_capita"):
        stats = datasets.statistics(year)
        if stats.empty or not {"gdp", "population"} <= set(stats.columns):
            continue
        part = stats.loc[:, ["adcode", "gdp", "population"]].copy()
        part["year"] = year
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=list(INPUT_COLUMNS))
    out = pd.concat(frames, ignore_index=True).loc[:, list(INPUT_COLUMNS)]
    out["gdp"] = pd.to_numeric(out["gdp"], errors="coerce")
    out["population"] = pd.to_numeric(out["population"], errors="coerce")
    return out


@cache
def dispersion_data() -> pd.DataFrame:
    """:func:`dispersion` of the atlas's statistics by macro-region."""
    return dispersion(province_years(), province_groups())


@cache
def shares_data() -> pd.DataFrame:
    """:func:`region_shares_by_year` of the atlas's statistics (GDP per capita in yuan per person)."""
    shares = region_shares_by_year(province_years(), province_groups())
    return shares.assign(gdp_per_capita=shares["gdp_per_capita"] * 1e4)  # 100 million yuan / 10,000 persons


@cache
def ratio_data() -> pd.DataFrame:
    """:func:`region_ratio` East / West of :func:`shares_data`."""
    return region_ratio(shares_data())


def _require(frame: pd.DataFrame) -> None:
    missing = [c for c in INPUT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"expected columns {list(INPUT_COLUMNS)}; missing {missing}")


def _mappings(part: pd.DataFrame) -> tuple[dict[str, float], dict[str, float]]:
    gdp = {str(a): float(v) for a, v in zip(part["adcode"], part["gdp"], strict=True) if _finite(v)}
    pop = {str(a): float(v) for a, v in zip(part["adcode"], part["population"], strict=True) if _finite(v)}
    return gdp, pop


def _finite(value: object) -> bool:
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
