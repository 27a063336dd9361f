"""Row models of the catalog files and their validation.

One pydantic model per file of ``data/catalog/SCHEMA.md``. :func:`validate_catalog` reads every file
and returns *all* problems at once as :class:`ValidationIssue` (file, spreadsheet row, column,
message); cross-file checks (adcodes, source ids, quotes, strategy ids, duplicates) live in
:mod:`data._checks`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from config import CATALOG_DIR, ROOT, SOURCES_DIR
from data._checks import cross_check
from data._issues import ValidationIssue
from data.vocab import EventKind, InfraKind, RegionId, StrategyKind

__all__ = [
    "TABLES",
    "CatalogError",
    "TableSpec",
    "ValidationIssue",
    "read_tables",
    "validate_catalog",
    "validate_tables",
]

_SCHEMA_DOC = "data/catalog/SCHEMA.md"

# ---------------------------------------------------------------- value types
Text = Annotated[str, StringConstraints(min_length=1)]
Kebab = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Snake = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
Adcode = Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
Iso3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Lon = Annotated[float, Field(ge=73.0, le=136.0, allow_inf_nan=False)]  # China's extent, with margin
Lat = Annotated[float, Field(ge=3.0, le=54.0, allow_inf_nan=False)]
Number = Annotated[float, Field(allow_inf_nan=False)]
Period = Annotated[str, StringConstraints(pattern=r"^\d{4}(Q[1-4]|-\d{4}|-)?$")]
Level = Literal["province", "prefecture"]

SOURCE_KINDS = Literal["news", "commentary", "plan", "periodical", "report", "user"]
STRATEGY_KINDS = StrategyKind
INFRA_KINDS = InfraKind
INFRA_ACTIONS = Literal["enhance", "build", "construct", "upgrade", "relocate"]
EVENT_KINDS = EventKind
QUALIFIERS = Literal["exact", "about", "over", "more_than", "at_least", "less_than"]
CLAIM_FLAGS = Literal["conflict"]  # the quote contradicts its own document or another source; see `note`
AdcodeList = Annotated[str, StringConstraints(pattern=r"^\d{6}(;\d{6})+$")]
UNITS = Literal[
    "percent", "percentage points", "fraction", "km2", "million km2", "km", "mm", "persons",
    "million persons", "10,000 persons", "100 million yuan", "billion yuan", "trillion yuan",
    "billion US dollars", "million tons", "count", "rank", "years", "year",
]


class _Row(BaseModel):
    """Base row: empty cells are missing values, unknown columns are rejected elsewhere."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_none(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            return {k: (None if isinstance(v, str) and v.strip() == "" else v) for k, v in data.items()}
        return data


class _Quoted(_Row):
    source_id: Text
    quote: Text


class SourceRow(_Row):
    id: Text
    file: Annotated[str, StringConstraints(pattern=r"^[^/\\]+\.txt$")]
    title: Text
    publisher: str | None = None
    date: dt.date | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    kind: SOURCE_KINDS
    metadata_note: str | None = None  # where title/publisher/date come from when not printed in the file


class MacroRegionRow(_Quoted):
    region_id: RegionId
    region_name_en: Text
    region_name_zh: Text
    adcode: Adcode
    level: Level
    note: str | None = None
    membership_basis: Text


class StrategyRow(_Quoted):
    strategy_id: Kebab
    name_en: Text
    name_zh: str | None = None
    kind: STRATEGY_KINDS
    parent_id: Kebab | None = None
    aliases: str | None = None
    membership_basis: Text


class StrategyMemberRow(_Quoted):
    strategy_id: Kebab
    adcode: Adcode
    level: Level
    note: str | None = None


class InfrastructureRow(_Quoted):
    id: Kebab
    name_en: Text
    name_zh: str | None = None
    kind: INFRA_KINDS
    action: INFRA_ACTIONS
    province_adcode: Adcode | None = None
    prefecture_adcode: Adcode | None = None
    lon: Lon | None = None
    lat: Lat | None = None
    neighbor_iso3: Iso3 | None = None
    geometry_wkt: str | None = None
    coord_note: str | None = None
    aliases: str | None = None


class EventRow(_Quoted):
    event_id: Kebab
    date: dt.date
    end_date: dt.date | None = None
    kind: EVENT_KINDS
    title: Text
    place_name: Text
    adcode: Adcode
    lon: Lon | None = None
    lat: Lat | None = None
    coord_note: str | None = None
    date_note: str | None = None


class ClaimRow(_Quoted):
    claim_id: Kebab
    indicator: Snake
    value: Number
    unit: UNITS
    qualifier: QUALIFIERS
    region: Kebab | None = None
    adcode: Adcode | None = None
    adcodes: AdcodeList | None = None
    period: Period | None = None
    flag: CLAIM_FLAGS | None = None
    note: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """Where a catalog table lives, its row model, its columns and its identifying columns."""

    name: str
    file: str
    model: type[_Row]
    columns: tuple[str, ...]
    key: tuple[str, ...]
    in_sources_dir: bool = False


def _spec(name: str, model: type[_Row], key: tuple[str, ...], columns: str, **kw: Any) -> TableSpec:
    return TableSpec(name, f"{name}.csv", model, tuple(columns.split()), key, **kw)


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        _spec("sources", SourceRow, ("id",), "id file title publisher date url kind metadata_note",
              in_sources_dir=True),
        _spec("macro_regions", MacroRegionRow, ("region_id", "adcode"),
              "region_id region_name_en region_name_zh adcode level note membership_basis source_id quote"),
        _spec("strategies", StrategyRow, ("strategy_id",),
              "strategy_id name_en name_zh kind parent_id aliases membership_basis source_id quote"),
        _spec("strategy_members", StrategyMemberRow, ("strategy_id", "adcode"),
              "strategy_id adcode level note source_id quote"),
        _spec("infrastructure", InfrastructureRow, ("id",),
              "id name_en name_zh kind action province_adcode prefecture_adcode lon lat neighbor_iso3 "
              "geometry_wkt coord_note aliases source_id quote"),
        _spec("events", EventRow, ("event_id",),
              "event_id date end_date kind title place_name adcode lon lat coord_note date_note "
              "source_id quote"),
        _spec("claims", ClaimRow, ("claim_id",),
              "claim_id indicator value unit qualifier region adcode adcodes period flag note "
              "source_id quote"),
    )
}

# Columns a row model may leave empty: derived from the models so the doc and the code agree.
OPTIONAL_COLUMNS: dict[str, frozenset[str]] = {
    name: frozenset(f for f, info in spec.model.model_fields.items() if not info.is_required())
    for name, spec in TABLES.items()
}


# ---------------------------------------------------------------- issues
class CatalogError(Exception):
    """The catalog is invalid; ``issues`` lists every problem found."""

    def __init__(self, issues: list[ValidationIssue]) -> None:
        self.issues = list(issues)
        lines = "\n".join(f"  - {issue}" for issue in self.issues)
        super().__init__(f"{len(self.issues)} problem(s) in the catalog:\n{lines}")


# ---------------------------------------------------------------- reading
def table_path(spec: TableSpec, catalog_dir: Path, sources_dir: Path) -> Path:
    """Return the path of a table's CSV file."""
    return (sources_dir if spec.in_sources_dir else catalog_dir) / spec.file


def display_path(path: Path) -> str:
    """Return ``path`` relative to the project root when it is inside it (for messages)."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def read_tables(
    catalog_dir: str | Path | None = None, sources_dir: str | Path | None = None
) -> tuple[dict[str, pd.DataFrame], dict[str, str], list[ValidationIssue]]:
    """Read every catalog CSV as strings (empty cells as ``""``).

    Returns the tables by name, each table's display path, and the issues for files that are
    missing or unreadable (those tables are absent from the first mapping).
    """
    cdir = Path(catalog_dir) if catalog_dir is not None else CATALOG_DIR
    sdir = Path(sources_dir) if sources_dir is not None else SOURCES_DIR
    tables: dict[str, pd.DataFrame] = {}
    labels: dict[str, str] = {}
    issues: list[ValidationIssue] = []
    for name, spec in TABLES.items():
        path = table_path(spec, cdir, sdir)
        labels[name] = display_path(path)
        if not path.exists():
            issues.append(ValidationIssue(labels[name], None, None, f"file is missing (expected {spec.file} "
                                          f"with columns: {', '.join(spec.columns)})"))
            continue
        try:
            tables[name] = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (ValueError, UnicodeDecodeError) as exc:  # pandas' ParserError is a ValueError
            issues.append(ValidationIssue(labels[name], None, None, f"cannot be read as UTF-8 CSV: {exc}"))
    return tables, labels, issues


def validate_catalog(
    catalog_dir: str | Path | None = None,
    *,
    sources_dir: str | Path | None = None,
    units: Mapping[str, Any] | None = None,
) -> list[ValidationIssue]:
    """Validate every catalog file and return all problems found (empty list = valid).

    Parameters
    ----------
    catalog_dir : str or Path, optional
        Folder of the catalog CSVs (default ``data/catalog``).
    sources_dir : str or Path, optional
        Folder of ``sources.csv`` and the documents (default ``data/sources``).
    units : mapping, optional
        ``{adcode: unit}`` with ``.level`` and ``.parent_adcode`` attributes; default
        :func:`geo.names.units_by_adcode`.
    """
    tables, labels, issues = read_tables(catalog_dir, sources_dir)
    return issues + validate_tables(tables, labels=labels, sources_dir=sources_dir, units=units)


def validate_tables(
    tables: Mapping[str, pd.DataFrame],
    *,
    labels: Mapping[str, str] | None = None,
    sources_dir: str | Path | None = None,
    units: Mapping[str, Any] | None = None,
) -> list[ValidationIssue]:
    """Validate string tables (as :func:`read_tables` returns them): types, enums, cross-references."""
    labels = dict(labels or {})
    issues: list[ValidationIssue] = []
    for name, frame in tables.items():
        spec = TABLES[name]
        label = labels.setdefault(name, spec.file)
        header_issues = _check_header(frame, spec, label)
        issues.extend(header_issues)
        if any(i.message.startswith("missing required") for i in header_issues):
            continue  # row checks would only repeat the header problem on every row
        issues.extend(_validate_rows(frame, spec, label))
    if units is None:
        from geo.names import units_by_adcode

        units = units_by_adcode()
    keys = {name: spec.key for name, spec in TABLES.items()}
    issues.extend(cross_check(tables, labels, units=units, keys=keys, sources_dir=sources_dir))
    order = {label: i for i, label in enumerate(labels.values())}
    return sorted(issues, key=lambda i: (order.get(i.file, len(order)), i.row or 0))


def _check_header(frame: pd.DataFrame, spec: TableSpec, label: str) -> list[ValidationIssue]:
    issues = []
    optional = OPTIONAL_COLUMNS[spec.name]
    for col in spec.columns:
        if col not in frame.columns:
            kind = "optional" if col in optional else "required"
            issues.append(ValidationIssue(label, 1, col, f"missing {kind} column (see {_SCHEMA_DOC})"))
    for col in frame.columns:
        if col not in spec.columns:
            issues.append(ValidationIssue(label, 1, str(col), f"unexpected column: not in {_SCHEMA_DOC}"))
    return issues


def _validate_rows(frame: pd.DataFrame, spec: TableSpec, label: str) -> list[ValidationIssue]:
    issues = []
    for i, record in enumerate(frame.to_dict(orient="records")):
        row_no = i + 2  # spreadsheet numbering: the header is row 1
        try:
            spec.model.model_validate(record)
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else None
                got = record.get(column, "") if column else ""
                issues.append(ValidationIssue(label, row_no, column, _message(err, got)))
    return issues


def _message(err: Mapping[str, Any], got: Any) -> str:
    msg = err["msg"]
    if err["type"] == "missing" or got is None or (isinstance(got, str) and not got.strip()):
        return "value is required but the cell is empty"
    if err["type"] == "literal_error":
        msg = "expected one of " + re.sub(r"^Input should be ", "", msg)
    elif err["type"] == "string_pattern_mismatch":
        msg = f"does not match the expected pattern {err['ctx']['pattern']}"
    return f"{msg} (got {got!r})"
