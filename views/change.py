"""Change between two years (``year=2012-2024``): what the map colours by and what it centres on.

An *amount* (GDP, population, retail sales, revenue, trade, disposable income, and the derived GDP per
capita and density) changes by its compound annual growth rate (% per year); a rate or an index (the
real GDP index, previous year = 100) by percentage points. The palette diverges from the national
change: the change of the 31-province total for totals, of the national per-capita value for per-capita
amounts (GDP per capita: total GDP / total population; disposable income: the population-weighted
mean; density: total population / total boundary area), and of the GDP-weighted mean for the GDP index.
Each year is read in the vintage the atlas shows for it (:func:`views.datasets.default_vintage`).
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pandas as pd

from data.reference_series import cagr, change_pp
from figures.classing import format_signed
from figures.map import IndicatorMeta
from views import datasets, words
from views.indicators import STATISTICS, indicator_meta, indicator_values, indicator_years

Measure = Literal["cagr", "pp"]
# how the national value of a statistic is formed from the provinces: (numerator, denominator or
# weight, how): "sum" a total (the default); "ratio" sum(num) / sum(den); "weighted" the mean of num
# weighted by den
_NATIONAL: dict[str, tuple[str, str, str]] = {
    "gdp_per_capita": ("gdp", "population", "ratio"),
    "density": ("population", "area_boundary", "ratio"),
    "disposable_income": ("disposable_income", "population", "weighted"),
    "gdp_index": ("gdp_index", "gdp", "weighted"),
}


def has_change(key: str) -> bool:
    """Whether ``key`` can be shown as a change between two years (a statistic with two years or more)."""
    return key in STATISTICS and len(indicator_years(key)) >= 2


def measure(key: str) -> Measure:
    """``cagr`` (% per year) for an amount, ``pp`` (percentage points) for a rate or an index."""
    kind = str(datasets.statistics_meta().get(key, {}).get("kind") or "amount")
    return "cagr" if kind == "amount" else "pp"


def _change(kind: Measure, start: float, end: float, years: int) -> float:
    return cagr(start, end, years) if kind == "cagr" else change_pp(start, end)


def change_values(key: str, start: int, end: int, lang: str = "en") -> pd.DataFrame:
    """``adcode, name_en, name_zh, value, note, start_value, end_value`` for every province: ``value``
    is the CAGR (% per year) or the change in percentage points from ``start`` to ``end``.

    Raises
    ------
    ValueError
        If ``key`` has no change (see :func:`has_change`) or ``start`` is not before ``end``.
    """
    _check(key, start, end)
    kind = measure(key)
    first = indicator_values(key, lang, year=(start,)).set_index("adcode")["value"]
    frame = indicator_values(key, lang, year=(end,))
    frame["start_value"] = frame["adcode"].map(first).astype(float)
    frame["end_value"] = pd.to_numeric(frame["value"], errors="coerce").astype(float)
    frame["value"] = [_change(kind, s, e, end - start) for s, e in
                      zip(frame["start_value"], frame["end_value"], strict=True)]
    return frame


def national_change(key: str, start: int, end: int) -> float:
    """The change the palette is centred on (see the module's docstring); NaN without data."""
    _check(key, start, end)
    num, den, how = _NATIONAL.get(key, (key, "", "sum"))
    a, b = datasets.statistics(start), datasets.statistics(end)
    columns = [c for c in (num, den) if c]
    if any(c not in a.columns or c not in b.columns for c in columns):
        return math.nan
    both = a[["adcode", *columns]].merge(b[["adcode", *columns]], on="adcode", suffixes=("_s", "_e"))
    both = both.dropna()  # the same provinces at both ends
    if both.empty:
        return math.nan
    values = []
    for end_ in ("_s", "_e"):
        n = both[num + end_].to_numpy(dtype=float)
        if how == "sum":
            values.append(float(n.sum()))
        elif how == "ratio":
            values.append(float(n.sum() / both[den + end_].to_numpy(dtype=float).sum()))
        else:
            values.append(float(np.average(n, weights=both[den + end_].to_numpy(dtype=float))))
    return _change(measure(key), values[0], values[1], end - start)


def change_meta(key: str, lang: str, start: int, end: int) -> IndicatorMeta:
    """Labels of the change map: "CAGR 2012–2024 · NBS current series", unit %/yr or pp, its centre."""
    _check(key, start, end)
    base = indicator_meta(key, lang, year=(end,))
    kind = measure(key)
    unit = words.t(f"change.unit.{kind}", lang)
    period = words.t(f"change.{kind}", lang, start=start, end=end)
    centre = national_change(key, start, end)
    how = _NATIONAL.get(key, (key, "", "sum"))[2]
    word = {"sum": "change.centre.total", "ratio": "change.centre.per_capita",
            "weighted": "change.centre.per_capita" if key != "gdp_index" else "change.centre.weighted"}[how]
    centre_label = words.t(word, lang, value=f"{format_signed(centre, 1)} {unit}") if math.isfinite(centre) \
        else ""
    return IndicatorMeta(key, base.label, unit=unit, kind="diverging",
                         year=f"{period} · {vintage_label(key, start, end, lang)}".rstrip(" ·"),
                         source=base.source, decimals=1, centre=centre if math.isfinite(centre) else None,
                         centre_label=centre_label)


def vintage_label(key: str, start: int, end: int, lang: str) -> str:
    """The vintage of both ends in ``lang`` ("NBS current series"; "2012: …, 2024: …" if they differ)."""
    names = [_vintage_word(key, y, lang) for y in (start, end)]
    if names[0] == names[1]:
        return names[1]
    return f"{start}: {names[0]}, {end}: {names[1]}"


def vintage_of(key: str, year: int) -> str:
    """The vintage id the atlas shows for ``key`` in ``year`` (a derived value: its first input's)."""
    from views.indicators import STORED

    stored = key if key in STORED else {"gdp_per_capita": "gdp", "density": "population"}.get(key, key)
    return datasets.default_vintage(stored, year) or ""


def _vintage_word(key: str, year: int, lang: str) -> str:
    vintage = vintage_of(key, year)
    word = f"vintage.{vintage}"
    return words.t(word, lang) if vintage and words.has(word) else vintage


def _check(key: str, start: int, end: int) -> None:
    if not has_change(key):
        raise ValueError(f"indicator={key!r}: has no change between years (not a yearly statistic)")
    if not start < end:
        raise ValueError(f"year={start}-{end}: expected the first year before the second")
