"""The prefecture map coloured by census population: the values and labels of one province.

When the national map shows population (or density), the drill-down's prefecture map shows the resident
population of each prefecture at the census nearest to the URL's year (2020 by default), or, for a
change between two years (``year=2010-2020``, ``year=2012-2024``), its percentage change between the
censuses nearest to both ends. Numbers come from ``data/reference/prefecture_indicators.csv`` through
:func:`views.datasets.prefecture_census`; a prefecture without a value at a census says why in its hover
(the reason its row gives).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from figures.classing import format_signed
from figures.map import IndicatorMeta
from views import datasets, words

#: The national map's indicators that switch the prefecture map to census population.
CENSUS_INDICATORS: tuple[str, ...] = ("population", "density")
CENSUS_YEARS: tuple[int, ...] = (2010, 2020)
INDICATOR = "population_census"
_REASON = re.compile(r"left empty because (.+?)(?:; leiii/census's re-aggregation|$)")


def follows_census(indicator: str) -> bool:
    """Whether the prefecture map shows census population for the national map's ``indicator``."""
    return indicator in CENSUS_INDICATORS


def census_years(year: tuple[int, ...] | None) -> tuple[int, ...]:
    """The census year(s) shown for the URL's ``year``: ``(2020,)`` by default, the census nearest to a
    single year, or the censuses nearest to both ends of a change (one year when both are the same)."""
    if not year:
        return (CENSUS_YEARS[-1],)
    return tuple(sorted({_nearest(y) for y in year}))


def _nearest(year: int) -> int:
    """The census year nearest to ``year`` (the later one on a tie)."""
    return min(CENSUS_YEARS, key=lambda c: (abs(c - year), -c))


def census_values(adcode: str, lang: str,
                  year: tuple[int, ...] | None = None) -> tuple[pd.DataFrame, IndicatorMeta]:
    """``adcode, name_en, name_zh, value, note`` of the prefectures of province ``adcode`` and their labels.

    ``value`` is persons at one census, or the percentage change between two (NaN where a census has no
    value for the unit; ``note`` then gives the reason its row states).
    """
    frame, meta = _census_values(adcode, lang, year)
    return frame.copy(), meta


@lru_cache(maxsize=128)
def _census_values(adcode: str, lang: str,
                   year: tuple[int, ...] | None) -> tuple[pd.DataFrame, IndicatorMeta]:
    shown = census_years(year)
    prefs = datasets.prefecture_table()
    columns = ["adcode", "name_en", "name_zh"]
    frame = (prefs.loc[prefs["parent_adcode"] == adcode, columns].copy() if not prefs.empty
             else pd.DataFrame(columns=columns)).reset_index(drop=True)
    rows = datasets.prefecture_census()
    rows = rows[(rows["indicator"] == INDICATOR) & rows["adcode"].isin(list(frame["adcode"]))]
    by_year = {y: rows[rows["year"].astype(int) == y].set_index("adcode") for y in shown}
    values = {y: pd.to_numeric(frame["adcode"].map(t["value"]), errors="coerce").astype(float)
              for y, t in by_year.items()}
    frame["note"] = ""
    for y, table in by_year.items():  # the reason of the first census without a value
        reasons = frame["adcode"].map(lambda a, t=table: _reason(t, a))
        missing = values[y].isna() & frame["note"].eq("") & reasons.ne("")
        frame.loc[missing, "note"] = [words.t("prefecture.census.no_value", lang, year=y, reason=r)
                                      for r in reasons[missing]]
    source = " / ".join(s for s in (_source(t) for t in by_year.values()) if s)
    if source and any(t["source"].astype(str).str.contains("NBS county-level tabulation").any()
                      for t in by_year.values()):
        source += " (NBS county-level tabulation)"
    span = _span(year)
    nearest = words.t("prefecture.census.nearest", lang, span=span) if span and tuple(
        int(x) for x in span.split("–")) != shown else ""
    if len(shown) == 1:
        frame["value"] = values[shown[0]]
        label = words.t("prefecture.census.title", lang, year=shown[0])
        return frame, IndicatorMeta("census", label, unit=words.t("prefecture.census.persons", lang),
                                    year=nearest, source=source)
    start, end = shown
    frame["value"] = (values[end] - values[start]) * 100.0 / values[start]
    both = values[start].notna() & values[end].notna()
    total_start, total_end = float(values[start][both].sum()), float(values[end][both].sum())
    centre = (total_end - total_start) * 100.0 / total_start if total_start > 0 else math.nan
    place = datasets.places().get(adcode)
    name = words.name(place, lang) if place else adcode
    centre_label = words.t("prefecture.census.centre", lang, province=name, n=int(both.sum()),
                           value=f"{format_signed(centre, 1)}%") if math.isfinite(centre) else ""
    label = words.t("prefecture.census.change_title", lang, start=start, end=end)
    return frame, IndicatorMeta("census_change", label, unit="%", kind="diverging", year=nearest,
                                source=source, decimals=1,
                                centre=centre if math.isfinite(centre) else None, centre_label=centre_label)


def _span(year: tuple[int, ...] | None) -> str:
    return "–".join(str(y) for y in year) if year else ""


def _reason(table: pd.DataFrame, adcode: str) -> str:
    if adcode not in table.index:
        return ""
    match = _REASON.search(str(table.at[adcode, "source"]))
    return match.group(1).strip() if match else ""


def _source(table: pd.DataFrame) -> str:
    """The census the rows name, short: "Seventh National Population Census, 1 Nov 2020" (the most
    common head of the rows' sources)."""
    if table.empty:
        return ""
    heads = table["source"].astype(str).map(lambda s: s.split(":", 1)[0].replace(", resident population", ""))
    return str(heads.mode().iloc[0])
