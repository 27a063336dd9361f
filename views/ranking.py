"""The ranking chart's data: one row per province with its value of a numeric indicator.

Values come from the one computation in :mod:`views.indicators` (the map colours by the same numbers).
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from views import datasets, words
from views.change import change_meta, change_values, has_change
from views.indicators import (
    COUNTS,
    NUMERIC,
    indicator_meta,
    indicator_values,
    indicator_years,
    row_sources,
    shown_year,
)


def provinces(lang: str) -> pd.DataFrame:
    """Province-level units: adcode, name (in ``lang``), name_alt (the other language), region_id.

    Taiwan, Hong Kong and Macao have an empty ``region_id`` (they are in no macro-region).
    """
    table = datasets.province_table()
    if table.empty:
        return pd.DataFrame(columns=["adcode", "name", "name_alt", "region_id"])
    regions = province_regions()
    other = "en" if lang == "zh" else "zh"
    return pd.DataFrame({
        "adcode": table["adcode"].astype(str),
        "name": [words.name(r, lang) for r in table.to_dict("records")],
        "name_alt": [words.name(r, other) for r in table.to_dict("records")],
        "region_id": [regions.get(str(a), "") for a in table["adcode"]],
    }).sort_values("adcode").reset_index(drop=True)


@cache
def province_regions() -> dict[str, str]:
    """Province adcode -> region_id (the province-level members of the macro-regions)."""
    return {a: r for a, r in datasets.region_of().items() if a.endswith("0000")}


def change_span(indicator: str, year: tuple[int, ...] | None) -> tuple[int, int] | None:
    """``(start, end)`` when ``year`` is a change between two years ``indicator`` has (``year=2012-2024``),
    else None (one year, or an indicator without a change)."""
    if year is None or len(year) != 2 or not has_change(indicator):
        return None
    start, end = year
    have = indicator_years(indicator)
    return (start, end) if start < end and start in have and end in have else None


@cache  # the data behind it does not change while the process runs; callers do not mutate
def ranking_data(indicator: str, lang: str, year: tuple[int, ...] | None = None) -> pd.DataFrame:
    """One row per province: adcode, name, name_alt, region_id, value, detail (for the ranking chart).

    ``year`` is the URL's: the value of its last year (:func:`views.indicators.shown_year`; default the
    latest), or for a change between two years (``(2012, 2024)``) the change of each province
    (:func:`views.change.change_values`: CAGR in % per year, or percentage points).

    Raises
    ------
    ValueError
        If ``indicator`` is not numeric (see :data:`views.indicators.NUMERIC`).
    """
    if indicator not in NUMERIC:
        raise ValueError(f"indicator={indicator!r}: expected one of {', '.join(NUMERIC)}")
    frame = provinces(lang)
    if frame.empty:
        return frame.assign(value=pd.Series(dtype=float), detail="")
    span = change_span(indicator, year)
    if span is not None:
        values = change_values(indicator, span[0], span[1], lang).set_index("adcode")["value"]
        meta = change_meta(indicator, lang, span[0], span[1])
    else:
        values = indicator_values(indicator, lang, year=year).set_index("adcode")["value"]
        meta = indicator_meta(indicator, lang, year=year)
    frame["value"] = pd.to_numeric(frame["adcode"].map(values), errors="coerce")
    frame["detail"] = " · ".join(x for x in (meta.year, meta.source) if x)
    per_row = row_sources(indicator, span[1] if span is not None else shown_year(indicator, year))
    if per_row:  # a stored statistic names its own publication and table on each row
        has = frame["adcode"].isin(list(per_row))
        frame.loc[has, "detail"] = [f"{meta.year} · {per_row[a]}" for a in frame.loc[has, "adcode"]]
    mainland = frame["region_id"] != ""
    if indicator in COUNTS:
        # A count is known for every mainland province (zero is a real value); Taiwan, Hong Kong and
        # Macao, outside the catalog's macro-regions, are shown only when something is counted there.
        frame.loc[mainland, "value"] = frame.loc[mainland, "value"].fillna(0)
        frame.loc[~mainland & (frame["value"] == 0), "value"] = float("nan")
    # Taiwan, Hong Kong and Macao are outside the statistics and the macro-regions: shown only with a value.
    return frame[mainland | frame["value"].notna()].reset_index(drop=True)
