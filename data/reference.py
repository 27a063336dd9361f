"""Official provincial statistics and the indicators derived from them.

``data/reference/indicators.csv`` holds tidy rows ``adcode, name_en, indicator, year, value, unit,
vintage, source`` for the 31 mainland provinces (and national totals, adcode 100000): GDP, year-end
resident population, land area and the NBS provincial series of the real GDP index, per-capita
disposable income, retail sales, local budget revenue and imports and exports, over several years and
in more than one *vintage* (:data:`VINTAGES`: the current NBS series, the figures first published in
the communiqués, land area as stated). Each row names the official table and the copy it was read from
(and the copy it was cross-checked against; ``data/reference/crosscheck.csv`` summarises the checks).
A value the curator could not confirm is left empty and stays missing (NaN) here. Derived
indicators — GDP per capita, population density and shares of the 31-province total, growth and CAGR
— are computed, never stored; so is the area of each province's boundary polygon, which the caller
passes in (official land areas are stored for only some provinces).

Public API: :func:`load_indicators`, :func:`province_indicators`, :func:`national_indicators`,
:func:`indicator_sources`, :func:`series`, :func:`years`, :func:`default_vintage`, :data:`INDICATORS`,
:data:`VINTAGES`, :class:`ReferenceDataError`; change between years (:func:`growth`, :func:`cagr`,
:func:`change_pp`, :func:`change`) comes from :mod:`data.reference_series`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from config import REFERENCE_DIR
from data._reference_checks import NOT_MAINLAND, Issue, ReferenceDataError, validate_rows
from data.reference_series import INDICATORS, VINTAGES, IndicatorInfo, cagr, change, change_pp, growth

__all__ = [
    "BASE_UNITS",
    "COLUMNS",
    "INDICATORS",
    "NATIONAL_ADCODE",
    "VINTAGES",
    "IndicatorInfo",
    "Issue",
    "ReferenceDataError",
    "cagr",
    "change",
    "change_pp",
    "default_vintage",
    "growth",
    "indicator_sources",
    "load_indicators",
    "national_indicators",
    "province_indicators",
    "series",
    "years",
]

INDICATORS_FILE = "indicators.csv"
COLUMNS = ("adcode", "name_en", "indicator", "year", "value", "unit", "vintage", "source")
NATIONAL_ADCODE = "100000"
# Units are fixed per stored indicator so that values can be combined without conversion.
BASE_UNITS: dict[str, str] = {
    "gdp": "100 million yuan", "population": "10,000 persons", "area": "km2",
    "gdp_index": "previous year = 100", "disposable_income": "yuan per person",
    "retail_sales": "100 million yuan", "local_revenue": "100 million yuan", "trade": "1,000 US dollars",
}
# The first three have a share of the 31-province total in the wide table.
_SHARED = ("gdp", "population", "area")
# Files written before vintages existed: each stored indicator had one vintage.
_LEGACY_VINTAGE = {"area": "as-stated"}


_DERIVED_INPUTS: dict[str, tuple[str, ...]] = {
    "gdp_per_capita": ("gdp", "population"),
    "area_boundary": (),
    "density": ("population",),  # and the boundary area, which has no source row
    "gdp_share": ("gdp",),
    "population_share": ("population",),
    "area_share": ("area",),
}


def load_indicators(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the tidy reference statistics.

    Parameters
    ----------
    path : str or Path, optional
        CSV to read; defaults to ``data/reference/indicators.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS` (``adcode, name_en, indicator, year, value, unit, vintage, source``);
        ``year`` is int, ``value`` float with NaN where the curator left the value empty. A file written
        before vintages existed (no ``vintage`` column) is read with ``first-published`` (``as-stated``
        for land area).

    Raises
    ------
    ReferenceDataError
        Listing every invalid cell (file, row, column): unknown adcode, non-numeric value or year,
        a unit that differs from the indicator's unit, an unknown vintage, a missing source, the same
        (adcode, indicator, year, vintage) twice.
    FileNotFoundError
        If the file does not exist.
    """
    resolved = Path(path) if path is not None else REFERENCE_DIR / INDICATORS_FILE
    return _load(resolved.resolve()).copy()


@functools.cache
def _load(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise FileNotFoundError(f"reference statistics file not found: {path}")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "vintage" not in raw.columns and "source" in raw.columns and "indicator" in raw.columns:
        raw.insert(list(raw.columns).index("source"), "vintage", _legacy_vintages(raw["indicator"]))
    issues = validate_rows(raw, _label(path), columns=COLUMNS, units=BASE_UNITS, derived=_DERIVED_INPUTS,
                           vintages=VINTAGES, national=NATIONAL_ADCODE)
    if issues:
        raise ReferenceDataError(issues)
    frame: pd.DataFrame = raw.loc[:, list(COLUMNS)].apply(lambda col: col.str.strip())
    frame["year"] = frame["year"].astype(int)
    frame["value"] = pd.to_numeric(frame["value"].replace("", None), errors="raise").astype(float)
    return frame


def _legacy_vintages(indicators: pd.Series) -> pd.Series:
    return indicators.astype(str).str.strip().map(lambda i: _LEGACY_VINTAGE.get(i, "first-published"))


def _label(path: Path) -> str:
    try:
        return str(path.relative_to(REFERENCE_DIR.parent.parent))
    except ValueError:
        return str(path)


def _with_vintage(frame: pd.DataFrame) -> pd.DataFrame:
    """A caller's frame without the ``vintage`` column is read as a legacy (single-vintage) file."""
    if "vintage" in frame.columns:
        return frame
    return frame.assign(vintage=_legacy_vintages(frame["indicator"]).to_numpy())


def default_vintage(
    indicator: str, year: int | None = None, *, frame: pd.DataFrame | None = None
) -> str | None:
    """The vintage shown by default: the current NBS series where it has a value, else the only one.

    Parameters
    ----------
    indicator : str
        A stored indicator (``gdp``, ``population``, ...).
    year : int, optional
        Look only at that year's provincial rows; default all years.
    frame : DataFrame, optional
        Tidy rows as returned by :func:`load_indicators`; defaults to the project file.

    Returns
    -------
    str or None
        The first of :data:`VINTAGES` (in order of preference) with a filled provincial value, or
        ``None`` if there is none.
    """
    tidy = _with_vintage(load_indicators() if frame is None else frame)
    sel = tidy.loc[(tidy["indicator"] == indicator) & (tidy["adcode"] != NATIONAL_ADCODE)
                   & tidy["value"].notna()]
    if year is not None:
        sel = sel.loc[sel["year"] == year]
    present = set(sel["vintage"])
    return next((v for v in VINTAGES if v in present), None)


def _pick_vintage(tidy: pd.DataFrame, indicator: str, year: int | None, vintage: str | None) -> str | None:
    """An explicit vintage applies to an indicator that has rows in it; others keep their default."""
    if vintage is not None:
        if vintage not in VINTAGES:
            raise ValueError(f"unknown vintage {vintage!r}; expected one of {', '.join(VINTAGES)}")
        if ((tidy["indicator"] == indicator) & (tidy["vintage"] == vintage)).any():
            return vintage
    return default_vintage(indicator, year, frame=tidy)


def series(indicator: str, *, vintage: str | None = None, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """All stored years of one indicator for the 31 provinces, in one vintage.

    Parameters
    ----------
    indicator : str
        A stored indicator (a key of :data:`BASE_UNITS`).
    vintage : str, optional
        One of :data:`VINTAGES`; default :func:`default_vintage` over all years.
    frame : DataFrame, optional
        Tidy rows as returned by :func:`load_indicators`; defaults to the project file.

    Returns
    -------
    pandas.DataFrame
        Columns ``adcode, year, value, vintage, source``, one row per province-year stored (empty values
        stay NaN), sorted by adcode and year; no national rows.

    Raises
    ------
    KeyError
        If ``indicator`` is not a stored indicator.
    """
    if indicator not in BASE_UNITS:
        raise KeyError(f"{indicator!r} is not a stored indicator; expected one of {', '.join(BASE_UNITS)}")
    tidy = _with_vintage(load_indicators() if frame is None else frame)
    chosen = vintage if vintage is not None else default_vintage(indicator, frame=tidy)
    if chosen is not None and chosen not in VINTAGES:
        raise ValueError(f"unknown vintage {chosen!r}; expected one of {', '.join(VINTAGES)}")
    rows = tidy.loc[(tidy["indicator"] == indicator) & (tidy["vintage"] == chosen)
                    & (tidy["adcode"] != NATIONAL_ADCODE)]
    out = rows.loc[:, ["adcode", "year", "value", "vintage", "source"]].sort_values(["adcode", "year"])
    return out.reset_index(drop=True)


def years(indicator: str, *, vintage: str | None = None, frame: pd.DataFrame | None = None) -> list[int]:
    """Years with at least one filled provincial value of ``indicator`` (in ``vintage``), ascending."""
    data = series(indicator, vintage=vintage, frame=frame)
    return sorted(int(y) for y in data.loc[data["value"].notna(), "year"].unique())


def province_indicators(year: int = 2023, *, vintage: str | None = None, frame: pd.DataFrame | None = None,
                        boundary_km2: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Wide table of the 31 mainland provinces with stored and derived indicators.

    Parameters
    ----------
    year : int, default 2023
        Year of the yearly indicators. Land area is taken from ``year`` if stored for it, otherwise
        from the latest year stored (land area does not change from year to year).
    vintage : str, optional
        Which vintage to read. By default each indicator uses :func:`default_vintage` for ``year`` (the
        current NBS series where it has values, else the only one). An explicit vintage is used for
        every indicator that has rows in it (NaN where ``year`` is missing); the others keep their default.
    frame : DataFrame, optional
        Tidy rows as returned by :func:`load_indicators`; defaults to the project file.
    boundary_km2 : mapping of adcode to km², optional
        Province areas computed from the boundary geometry (``area_km2`` of the build's province table).
        They give ``area_boundary`` and the denominator of ``density``; without them both are NaN.

    Returns
    -------
    pandas.DataFrame
        One row per province (sorted by adcode) with ``adcode, name_en``, every stored indicator
        (``gdp, population, area, gdp_index, ...``), ``area_boundary, gdp_per_capita`` (yuan per person),
        ``density`` (persons per km² of boundary area), ``gdp_share, population_share, area_share``
        (percent of the 31-province sum); NaN where an input is empty. GDP per capita divides GDP and
        population of the same vintage choice, so call with one vintage to compare like with like.
    """
    if not isinstance(year, int) or isinstance(year, bool):
        raise TypeError(f"year must be an int, got {year!r}")
    tidy = _with_vintage(load_indicators() if frame is None else frame)
    provinces = _province_frame()
    rows = tidy.loc[tidy["adcode"] != NATIONAL_ADCODE]
    wide = provinces.copy()
    for ind in BASE_UNITS:
        chosen = _pick_vintage(rows, ind, None if ind == "area" else year, vintage)
        sel = rows.loc[rows["vintage"] == chosen]
        wide[ind] = wide["adcode"].map(_values_for(sel, ind, year, latest_fallback=ind == "area"))
    wide["gdp_per_capita"] = wide["gdp"] * 1e8 / (wide["population"] * 1e4)
    boundary = {str(k): float(v) for k, v in (boundary_km2 or {}).items()}
    wide["area_boundary"] = wide["adcode"].map(boundary).astype(float)
    wide["density"] = wide["population"] * 1e4 / wide["area_boundary"]
    for ind in _SHARED:
        column = wide[ind]
        total = column.sum() if column.notna().all() else math.nan
        wide[f"{ind}_share"] = column * 100.0 / total
    return wide.reset_index(drop=True)


def national_indicators(year: int = 2023, *, vintage: str | None = None,
                        frame: pd.DataFrame | None = None) -> dict[str, float]:
    """National totals (adcode 100000) stored for ``year``: ``{indicator: value}``, NaN when empty.

    With several vintages for one indicator and year, ``vintage`` picks one; by default the first of
    :data:`VINTAGES` stored for the national row.
    """
    tidy = _with_vintage(load_indicators() if frame is None else frame)
    rows = tidy.loc[(tidy["adcode"] == NATIONAL_ADCODE) & (tidy["year"] == year)]
    if vintage is not None:
        rows = rows.loc[rows["vintage"] == vintage]
    rank = {v: i for i, v in enumerate(VINTAGES)}
    rows = rows.assign(_rank=rows["vintage"].map(rank)).sort_values("_rank").drop_duplicates("indicator")
    return {str(r["indicator"]): float(r["value"]) for r in rows.to_dict(orient="records")}


def indicator_sources(
    indicator: str, year: int = 2023, *, vintage: str | None = None, frame: pd.DataFrame | None = None
) -> tuple[str, ...]:
    """Distinct sources behind an indicator for a year (in the vintage shown), for captions and footnotes.

    For a derived indicator the sources of its inputs are returned. Raises ``KeyError`` naming the
    indicator if it is unknown.
    """
    if indicator not in INDICATORS:
        raise KeyError(f"unknown indicator {indicator!r}; expected one of {', '.join(INDICATORS)}")
    tidy = _with_vintage(load_indicators() if frame is None else frame)
    inputs = _DERIVED_INPUTS.get(indicator, (indicator,))
    out: list[str] = []
    for ind in inputs:
        chosen = _pick_vintage(tidy, ind, None if ind == "area" else year, vintage)
        sel = tidy.loc[(tidy["indicator"] == ind) & tidy["value"].notna() & (tidy["vintage"] == chosen)]
        same_year = sel.loc[sel["year"] == year]
        if same_year.empty and ind == "area" and not sel.empty:
            same_year = sel.loc[sel["year"] == sel["year"].max()]
        out.extend(s for s in same_year["source"] if s not in out)
    return tuple(out)


def _values_for(rows: pd.DataFrame, indicator: str, year: int, *, latest_fallback: bool) -> pd.Series:
    sel = rows.loc[(rows["indicator"] == indicator) & rows["value"].notna()]
    exact = sel.loc[sel["year"] == year].set_index("adcode")["value"]
    if not latest_fallback:
        return exact
    latest = sel.sort_values("year").drop_duplicates("adcode", keep="last").set_index("adcode")["value"]
    return exact.combine_first(latest)


@functools.cache
def _province_frame() -> pd.DataFrame:
    from geo.names import province_units

    units = [u for u in province_units() if u.adcode not in NOT_MAINLAND]
    return pd.DataFrame({"adcode": [u.adcode for u in units], "name_en": [u.name_en for u in units]})
