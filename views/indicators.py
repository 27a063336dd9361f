"""The one registry of indicators, and the one computation of their values per province.

Every view that shows an indicator — the map, the ranking, the drill-down panel, the charts and the
exports — reads :data:`INDICATORS` for what it is (group, unit, decimals, how a derived value is computed,
how the map classes it), :func:`indicator_meta` for how to label it in a language (the figure builders'
:class:`~figures.map.IndicatorMeta`), and :func:`indicator_values` for its value in each province. The
statistics' own metadata (unit, source, year, vintage) comes from :data:`data.reference.INDICATORS`
through :mod:`views.datasets`; labels come from the word table (``indicator.<key>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import pandas as pd

from data.vocab import REGIONS
from figures.common import NO_REGION_COLOR, OKABE_ITO, REGION_COLORS
from figures.map import Category, IndicatorMeta
from views import datasets, words

Group = Literal["statistic", "count", "category"]


@dataclass(frozen=True)
class Indicator:
    """What one indicator is, independent of the language it is shown in.

    ``group``: ``statistic`` (official statistics, stored or derived from stored ones), ``count``
    (counted from the catalog or the extracted mentions) or ``category`` (coloured by class, not
    ranked). ``derived`` says how a value is computed when it is not stored. Units of statistics come
    from the statistics' metadata; counts carry their own.
    """

    key: str
    group: Group
    decimals: int = 0
    derived: str = ""
    classify: str = "quantiles"  # the map's default class breaks for it
    unit_en: str = ""
    unit_zh: str = ""
    source_word: str = ""  # word key of the source line of counts and categories


def _registry(*entries: Indicator) -> dict[str, Indicator]:
    return {entry.key: entry for entry in entries}


#: In menu order. Statistics first, then counts, then categories.
INDICATORS: dict[str, Indicator] = _registry(
    Indicator("gdp", "statistic"),
    Indicator("gdp_per_capita", "statistic", derived="GDP / year-end resident population"),
    Indicator("population", "statistic"),
    Indicator("density", "statistic", decimals=1,
              derived="year-end resident population / area of the boundary polygon"),
    Indicator("area", "statistic"),
    Indicator("area_boundary", "statistic", derived="area of the boundary polygon (equal-area projection)"),
    Indicator("disposable_income", "statistic"),
    Indicator("gdp_index", "statistic", decimals=1),
    Indicator("retail_sales", "statistic"),
    Indicator("local_revenue", "statistic"),
    Indicator("trade", "statistic"),
    Indicator("attention", "count", unit_en="mentions", unit_zh="次", source_word="source.extraction"),
    Indicator("strategies", "count", unit_en="strategies", unit_zh="项", source_word="source.catalog"),
    Indicator("claims", "count", unit_en="claims", unit_zh="条", source_word="source.catalog"),
    Indicator("macro_region", "category", source_word="source.catalog"),
    Indicator("membership", "category", source_word="source.catalog"),
)
KEYS: tuple[str, ...] = tuple(INDICATORS)
STATISTICS: tuple[str, ...] = tuple(k for k, i in INDICATORS.items() if i.group == "statistic")
COUNTS: tuple[str, ...] = tuple(k for k, i in INDICATORS.items() if i.group == "count")
NUMERIC: tuple[str, ...] = STATISTICS + COUNTS
STORED: tuple[str, ...] = ("gdp", "population", "area", "disposable_income", "gdp_index", "retail_sales",
                           "local_revenue", "trade")  # rows of data/reference/indicators.csv
# Derived statistics have the years their inputs share; the boundary area has no year.
_YEARS_FROM: dict[str, tuple[str, ...]] = {
    "gdp_per_capita": ("gdp", "population"), "density": ("population",), "area_boundary": (),
}


def indicator_years(key: str) -> tuple[int, ...]:
    """The years ``key`` has data for, ascending; empty for counts, categories and the boundary area."""
    if key not in STATISTICS:
        return ()
    inputs = _YEARS_FROM.get(key, (key,))
    if not inputs:
        return ()
    common = set.intersection(*(set(datasets.stat_years(i)) for i in inputs))
    return tuple(sorted(common))


def shown_year(key: str, year: tuple[int, ...] | None = None) -> int | None:
    """The year a view of ``key`` shows: the last of ``year`` (the URL's) if ``key`` has it, else its
    latest year; None for an indicator without years."""
    have = indicator_years(key)
    if not have:
        return None
    if year and year[-1] in have:
        return year[-1]
    return have[-1]


def indicator_meta(key: str, lang: str, strategies: tuple[str, ...] = (),
                   year: tuple[int, ...] | None = None) -> IndicatorMeta:
    """How to label ``key`` in ``lang``: label, unit, year, source line, decimals (and categories).

    Parameters
    ----------
    key : str
        One of :data:`KEYS`.
    lang : {"en", "zh"}
    strategies : tuple of str
        The selected strategies (the membership colouring's source line says to choose some if none).
    year : tuple of int, optional
        The URL's year; the label says the year shown (:func:`shown_year`) and its vintage.

    Raises
    ------
    ValueError
        If ``key`` is not a registered indicator.
    """
    entry = _entry(key)
    label = words.t(f"indicator.{key}", lang)
    if entry.group == "statistic":
        info = datasets.statistics_meta().get(key, {})
        shown = shown_year(key, year)
        return IndicatorMeta(key, label, unit=str(info.get(f"unit_{lang}") or info.get("unit_en") or ""),
                             year=_year_label(key, shown, lang), source=str(info.get("source") or ""),
                             decimals=entry.decimals)
    source = words.t(entry.source_word, lang)
    if key == "macro_region":
        # "none" (Taiwan, Hong Kong, Macao) first: the bottom of the legend, like "no data"
        cats = [Category("none", words.t("region.none", lang), NO_REGION_COLOR)]
        cats += [Category(r, words.t(f"region.{r}", lang), REGION_COLORS[r]) for r in REGIONS]
        return IndicatorMeta(key, label, kind="categorical", categories=tuple(cats), source=source)
    if key == "membership":
        cats = [Category("out", words.t("membership.out", lang), "#F2F2F2"),
                Category("part", words.t("membership.part", lang), OKABE_ITO[1]),
                Category("whole", words.t("membership.whole", lang), OKABE_ITO[4])]
        return IndicatorMeta(key, label, kind="categorical", categories=tuple(cats),
                             source=source if strategies else words.t("membership.none", lang))
    return IndicatorMeta(key, label, unit=entry.unit_zh if lang == "zh" else entry.unit_en, source=source,
                         decimals=entry.decimals)


def indicator_values(key: str, lang: str, strategies: tuple[str, ...] = (),
                     mode: str = "any", year: tuple[int, ...] | None = None) -> pd.DataFrame:
    """``adcode, name_en, name_zh, value, note`` for every province the geometry has.

    Statistics are NaN where no value is stored; counts are 0 where nothing is counted; categories are
    their class value (``membership`` is None for every province when no strategy is chosen).

    Raises
    ------
    ValueError
        If ``key`` is not a registered indicator.
    """
    _entry(key)
    provinces = datasets.province_table()
    frame = (provinces[["adcode", "name_en", "name_zh"]].copy() if not provinces.empty
             else pd.DataFrame(columns=["adcode", "name_en", "name_zh"]))
    frame["note"] = ""
    if key in STATISTICS:
        stats = datasets.statistics(shown_year(key, year))
        frame["value"] = frame["adcode"].map(stats.set_index("adcode")[key]) if key in stats.columns else None
    elif key == "macro_region":
        regions = datasets.region_of()
        frame["value"] = frame["adcode"].map(regions).fillna("none") if regions else None
        ne_prefs = [a for a, r in regions.items() if r == "northeast" and not a.endswith("0000")]
        note = words.t("note.ne_prefectures", lang, n=len(ne_prefs)) if ne_prefs else ""
        frame.loc[frame["adcode"] == "150000", "note"] = note
    elif key == "membership":
        covered = datasets.covered_provinces(strategies, mode)
        frame["value"] = [("whole" if covered[a] else "part") if a in covered else "out"
                          for a in frame["adcode"]] if strategies else None
    else:
        counts = _counts(key)
        frame["value"] = frame["adcode"].map(counts).fillna(0) if counts is not None else None
        if key == "strategies":
            partial = _partly_covered()
            frame["note"] = [words.t("note.partly", lang, n=partial[a]) if partial.get(a) else ""
                             for a in frame["adcode"]]
    return frame


def row_sources(key: str, year: int | None = None) -> dict[str, str]:
    """Province adcode -> the source named on its row of ``indicators.csv`` (stored statistics only),
    for ``year`` (default: the latest)."""
    return dict(_row_sources(key, year)) if key in STORED else {}


def _year_label(key: str, year: int | None, lang: str) -> str:
    """"2024" with the vintage shown when the statistic has more than one ("2023 · first published")."""
    if year is None:
        return ""
    stored = key if key in STORED else (_YEARS_FROM.get(key) or (key,))[0]  # a derived value: its first input
    vintage = datasets.default_vintage(stored, year)
    word = f"vintage.{vintage}"
    return f"{year} · {words.t(word, lang)}" if vintage and words.has(word) else str(year)


def _entry(key: str) -> Indicator:
    try:
        return INDICATORS[key]
    except KeyError:
        raise ValueError(f"indicator={key!r}: expected one of {', '.join(KEYS)}") from None


def _counts(key: str) -> pd.Series | None:
    """Per province, the count of ``key`` (None when its upstream table is missing)."""
    if key == "attention":
        att = datasets.attention()
        return None if att.empty else att.groupby("adcode")["mentions"].sum().astype(float)
    if key == "strategies":
        cov = datasets.coverage()
        return None if cov.empty else cov.groupby("province")["strategy_id"].nunique().astype(float)
    claims = datasets.catalog_table("claims")
    if claims.empty or "adcode" not in claims.columns:
        return None
    placed = claims.dropna(subset=["adcode"])
    return placed.groupby(placed["adcode"].map(datasets.province_of)).size().astype(float)


def _partly_covered() -> dict[str, int]:
    cov = datasets.coverage()
    if cov.empty:
        return {}
    partial = cov[~cov["whole"]].groupby("province")["strategy_id"].nunique()
    return {str(k): int(v) for k, v in partial.items()}


@cache
def _row_sources(key: str, for_year: int | None = None) -> tuple[tuple[str, str], ...]:
    rows = datasets.reference_rows()
    if rows.empty:
        return ()
    year = shown_year(key, (for_year,) if for_year else None) or datasets.latest_year()
    if key == "area":  # land areas are stated once, not every year
        year = max(datasets.stat_years("area"), default=year)
    rows = rows[(rows["indicator"] == key) & (rows["year"].astype(str) == str(year))]
    rows = rows[rows["value"].notna() & (rows["source"].astype(str) != "")]
    if "vintage" in rows.columns and rows["vintage"].nunique() > 1:  # the vintage the map shows
        shown = datasets.default_vintage(key, year)
        rows = rows[rows["vintage"] == shown]
    return tuple(zip(rows["adcode"].astype(str), rows["source"].astype(str), strict=True))
