"""Checks of the reference statistics file: every invalid cell named by file, row and column."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd

NOT_MAINLAND = frozenset({"710000", "810000", "820000"})  # Taiwan, Hong Kong, Macao
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_ADCODE = re.compile(r"^\d{6}$")


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


def validate_rows(raw: pd.DataFrame, label: str, *, columns: tuple[str, ...], units: Mapping[str, str],
                  derived: Mapping[str, tuple[str, ...]], vintages: Collection[str],
                  national: str) -> list[Issue]:
    """Every problem of the raw (string) reference rows, by file, row and column.

    ``columns`` are the expected columns, ``units`` the unit of each stored indicator, ``derived`` the
    indicators that are computed (and must not be stored), ``vintages`` the known vintages and
    ``national`` the adcode of national totals.
    """
    missing = [c for c in columns if c not in raw.columns]
    extra = [c for c in raw.columns if c not in columns]
    if missing or extra:
        return [Issue(label, 1, None, f"expected columns {', '.join(columns)}; "
                                      f"missing {missing or 'none'}, unexpected {extra or 'none'}")]
    known = _known_adcodes()
    issues: list[Issue] = []
    seen_units: dict[str, tuple[str, int]] = {}
    seen: dict[tuple[str, str, str, str], int] = {}
    for i, rec in enumerate(raw.to_dict(orient="records")):
        row = i + 2
        cell = {k: str(v).strip() for k, v in rec.items()}

        def bad(column: str, message: str, row: int = row) -> None:
            issues.append(Issue(label, row, column, message))

        code = cell["adcode"]
        if not _ADCODE.match(code):
            bad("adcode", f"expected a 6-digit adcode, got {code!r}")
        elif code != national and code not in known:
            bad("adcode", f"unknown province adcode {code!r}: expected one of the 31 mainland provinces "
                          f"or {national} (national total)")
        if not cell["name_en"]:
            bad("name_en", "empty; expected the English name")
        ind = cell["indicator"]
        if not _SNAKE.match(ind):
            bad("indicator", f"expected a snake_case indicator id, got {ind!r}")
        elif ind in derived:
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
        expected = units.get(ind) or (seen_units.get(ind, (unit, row))[0])
        if not unit:
            bad("unit", "empty; expected the unit of the value")
        elif unit != expected:
            bad("unit", f"{unit!r} differs from the unit of {ind!r}: expected {expected!r}")
        else:
            seen_units.setdefault(ind, (unit, row))
        vintage = cell["vintage"]
        if vintage not in vintages:
            bad("vintage", f"unknown vintage {vintage!r}: expected one of {', '.join(vintages)}")
        if not cell["source"]:
            bad("source", "empty; expected the publication and table the value comes from")
        key = (code, ind, cell["year"], vintage)
        if key in seen:
            bad("indicator", f"duplicate of row {seen[key]} ({code}, {ind}, {cell['year']}, {vintage})")
        else:
            seen[key] = row
    return issues


@functools.cache
def _known_adcodes() -> frozenset[str]:
    from geo.names import province_units  # index only; cheap and cached there

    return frozenset(u.adcode for u in province_units() if u.adcode not in NOT_MAINLAND)
