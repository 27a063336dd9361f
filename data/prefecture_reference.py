"""Census populations of the prefecture-level units, on the atlas's prefecture geometry.

``data/reference/prefecture_indicators.csv`` holds tidy rows ``adcode, name_en, indicator, year, value,
unit, vintage, source``. Today it has one indicator, ``population_census``: the resident population
(persons, exact census counts) at the Sixth (1 Nov 2010) and Seventh (1 Nov 2020) National Population
Censuses for every prefecture-level unit of ``geo.artifacts.prefecture_table()`` except Taiwan, Hong Kong
and Macao (not covered by the mainland census tabulations). 367 units x 2 years = 734 rows.

How the values were chosen (each row's ``source`` says which case applies):

* **2020** — the prefecture total of NBS's county tabulation of the 2020 census (中国人口普查分县资料-2020),
  which is on the county-code (adcode) basis the geometry uses, read from ``leiii/census``
  ``census_county_2020_v1.xlsx`` (copy 1), and compared with the unit's own census bulletin as compiled in
  ``leiii/census`` ``census_city_2010-2020_v1.csv`` (copy 2). They agree for 340 units; for 17 a bulletin
  counts a different area (Baoding without Dingzhou and Xiong'an, the Shenshan zone under Shenzhen, XPCC
  cities inside their Xinjiang prefectures, ...) or, for Wuhan, Yichang and Xiantao, a different split of
  the same total, and the row names the bulletin figure and why; the 10 XPCC cities have no bulletin
  figure (copy 1 only). Summed per province the 2020 values equal the provincial totals of Communiqué
  No. 3 exactly. Where an external copy was seen (CEIC, citypopulation.de) the row names it too.
* **2010** — the prefecture total of NBS's county tabulation of the 2010 census (copy 1; renamed or
  re-coded units such as Bijie, Tongren, Shigatse, Turpan, Hami, Haidong and Danzhou are read under their
  2010 code), compared with the 2010 column of the ``leiii/census`` panel (copy 2; differences under
  0.5 % are noted, larger ones are explained or the value is left empty). Where the 2010 unit is not
  the 2020/geometry unit (Chaohu's split 2011, Shou County 2015, Zongyang 2015, Laiwu into Jinan 2019,
  Jianyang 2016, Gongzhuling 2020, the six Xinjiang prefectures that lost territory to XPCC cities, Sansha,
  the XPCC cities, and Cangzhou where the copies disagree for no established reason) the value is left empty
  and the row says why; ``leiii/census``'s re-aggregation to 2020 boundaries is not an official figure and is
  not used.

Public API: :func:`load_prefecture_indicators`, :func:`prefecture_population`, :func:`census_change`,
:func:`census_change_table`, :class:`PrefectureReferenceError`. Nothing is read at import time; the file is
read and validated once per path and cached.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

import pandas as pd

from config import REFERENCE_DIR

__all__ = [
    "CENSUS_YEARS",
    "COLUMNS",
    "INDICATOR",
    "PREFECTURE_FILE",
    "UNIT",
    "PrefectureReferenceError",
    "census_change",
    "census_change_table",
    "load_prefecture_indicators",
    "prefecture_population",
]

PREFECTURE_FILE = "prefecture_indicators.csv"
COLUMNS = ("adcode", "name_en", "indicator", "year", "value", "unit", "vintage", "source")
INDICATOR = "population_census"
UNIT = "persons"
CENSUS_YEARS = (2010, 2020)
_UNITS = {INDICATOR: UNIT}
_VINTAGES = frozenset({"census"})
_ADCODE = re.compile(r"^\d{6}$")
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


class PrefectureReferenceError(ValueError):
    """The prefecture reference file is invalid; ``issues`` lists every problem as text."""

    def __init__(self, issues: list[str]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} problem(s) in prefecture reference data:\n" + "\n".join(issues))


def load_prefecture_indicators(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the tidy prefecture statistics.

    Parameters
    ----------
    path : str or Path, optional
        CSV to read; defaults to ``data/reference/prefecture_indicators.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``adcode, name_en, indicator, year, value, unit, vintage, source``; ``adcode`` is a
        6-digit string, ``year`` int, ``value`` float with NaN where the curator left it empty. A copy:
        callers may modify it.

    Raises
    ------
    PrefectureReferenceError
        Listing every invalid cell: columns, adcode that is not a prefecture of the geometry, non-numeric
        or non-positive value, wrong unit or vintage, missing source, duplicate ``(adcode, indicator,
        year)`` keys.
    FileNotFoundError
        If the file does not exist.
    """
    resolved = Path(path) if path is not None else REFERENCE_DIR / PREFECTURE_FILE
    return _load(resolved.resolve()).copy()


@functools.cache
def _load(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise FileNotFoundError(f"prefecture reference file not found: {path}")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    issues = _validate(raw, path.name)
    if issues:
        raise PrefectureReferenceError(issues)
    frame: pd.DataFrame = raw.loc[:, list(COLUMNS)].apply(lambda col: col.str.strip())
    frame["year"] = frame["year"].astype(int)
    frame["value"] = pd.to_numeric(frame["value"].replace("", None), errors="raise").astype(float)
    return frame


def _validate(raw: pd.DataFrame, label: str) -> list[str]:
    if tuple(raw.columns) != COLUMNS:
        return [f"{label}, row 1: expected columns {', '.join(COLUMNS)}, got {', '.join(raw.columns)}"]
    known = _prefecture_adcodes()
    issues: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    for i, rec in enumerate(raw.to_dict(orient="records")):
        row = i + 2
        cell = {k: str(v).strip() for k, v in rec.items()}

        def bad(column: str, message: str, row: int = row) -> None:
            issues.append(f"{label}, row {row}, column {column!r}: {message}")

        code = cell["adcode"]
        if not _ADCODE.match(code):
            bad("adcode", f"expected a 6-digit adcode, got {code!r}")
        elif known and code not in known:
            bad("adcode", f"{code!r} is not a prefecture-level unit of the atlas geometry")
        if not cell["name_en"]:
            bad("name_en", "empty; expected the English name")
        ind = cell["indicator"]
        if not _SNAKE.match(ind):
            bad("indicator", f"expected a snake_case indicator id, got {ind!r}")
        if not re.fullmatch(r"\d{4}", cell["year"]) or not 1949 <= int(cell["year"]) <= 2100:
            bad("year", f"expected a four-digit year, got {cell['year']!r}")
        if cell["value"]:
            try:
                number = float(cell["value"]) if "," not in cell["value"] else math.nan
            except ValueError:
                number = math.nan
            if not math.isfinite(number) or number <= 0:
                bad("value", "expected a positive number without separators, or empty; "
                             f"got {cell['value']!r}")
        expected_unit = _UNITS.get(ind)
        if expected_unit is not None and cell["unit"] != expected_unit:
            bad("unit", f"{cell['unit']!r} differs from the unit of {ind!r}: expected {expected_unit!r}")
        if cell["vintage"] not in _VINTAGES:
            bad("vintage", f"expected one of {sorted(_VINTAGES)}, got {cell['vintage']!r}")
        if not cell["source"]:
            bad("source", "empty; expected the publication and the copies the value was read from")
        key = (code, ind, cell["year"])
        if key in seen:
            bad("indicator", f"duplicate of row {seen[key]} ({code}, {ind}, {cell['year']})")
        else:
            seen[key] = row
    return issues


@functools.cache
def _prefecture_adcodes() -> frozenset[str]:
    """Prefecture adcodes of the build's geometry; empty (no check) when the build is missing."""
    try:
        from geo.artifacts import ArtifactMissingError, prefecture_table
    except ImportError:  # pragma: no cover - geo is part of the project
        return frozenset()
    try:
        return frozenset(prefecture_table()["adcode"].astype(str))
    except ArtifactMissingError:
        return frozenset()


def prefecture_population(year: int = 2020, *, frame: pd.DataFrame | None = None) -> dict[str, float]:
    """Census resident population per prefecture adcode.

    Parameters
    ----------
    year : {2010, 2020}
        Census year.
    frame : DataFrame, optional
        Rows as returned by :func:`load_prefecture_indicators`; defaults to the project file.

    Returns
    -------
    dict of str to float
        ``{adcode: persons}`` for the units with a value; units left empty are absent (not NaN).

    Raises
    ------
    ValueError
        If ``year`` is not a census year stored in the file.
    """
    if year not in CENSUS_YEARS:
        raise ValueError(f"year must be one of {CENSUS_YEARS}, got {year!r}")
    tidy = load_prefecture_indicators() if frame is None else frame
    sel = tidy.loc[(tidy["indicator"] == INDICATOR) & (tidy["year"] == year) & tidy["value"].notna()]
    return {str(a): float(v) for a, v in zip(sel["adcode"], sel["value"], strict=True)}


def census_change_table(*, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 2010–2020 change of every unit, one row per adcode.

    Returns
    -------
    pandas.DataFrame
        ``adcode, name_en, population_2010, population_2020, change, change_pct`` sorted by adcode;
        ``change`` (persons) and ``change_pct`` (percent of 2010) are NaN where 2010 is empty because the
        2010 unit is not the geometry unit (see the row's source).
    """
    tidy = load_prefecture_indicators() if frame is None else frame
    rows = tidy.loc[tidy["indicator"] == INDICATOR]
    wide = rows.pivot(index="adcode", columns="year", values="value")
    names = rows.drop_duplicates("adcode").set_index("adcode")["name_en"]
    out = pd.DataFrame({
        "adcode": wide.index.astype(str),
        "name_en": names.reindex(wide.index).to_numpy(),
        "population_2010": wide.get(2010, pd.Series(math.nan, index=wide.index)).to_numpy(dtype=float),
        "population_2020": wide.get(2020, pd.Series(math.nan, index=wide.index)).to_numpy(dtype=float),
    })
    out["change"] = out["population_2020"] - out["population_2010"]
    out["change_pct"] = out["change"] * 100.0 / out["population_2010"]
    return out.sort_values("adcode").reset_index(drop=True)


def census_change(adcode: str, *, frame: pd.DataFrame | None = None) -> dict[str, float]:
    """The 2010–2020 change of one unit.

    Parameters
    ----------
    adcode : str
        A prefecture adcode of the geometry, e.g. ``"150700"`` (Hulunbuir).

    Returns
    -------
    dict
        ``population_2010, population_2020, change, change_pct``; NaN where a census value is empty.

    Raises
    ------
    KeyError
        Naming the adcode if the file has no row for it (Taiwan, Hong Kong, Macao, or not a prefecture).
    """
    table = census_change_table(frame=frame).set_index("adcode")
    code = str(adcode)
    if code not in table.index:
        raise KeyError(f"no census rows for adcode {code!r}")
    rec = table.loc[code]
    if not isinstance(rec, pd.Series):  # never: census_change_table has one row per adcode (a pivot)
        raise KeyError(f"several census rows for adcode {code!r}")
    return {k: float(rec[k]) for k in ("population_2010", "population_2020", "change", "change_pct")}
