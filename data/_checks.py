"""Cross-file checks of the catalog: ids, adcodes, source ids, quotes, references between tables.

They run on the raw string tables, so a row with a type error still has its adcode and quote
checked: every problem is reported in one pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from data._issues import ValidationIssue
from data.sources import load_sources, quote_in_source
from data.vocab import REGIONS as _MACRO_REGIONS

# (table, column, required level or None, level column or None)
_ADCODE_COLUMNS = (
    ("macro_regions", "adcode", None, "level"),
    ("strategy_members", "adcode", None, "level"),
    ("infrastructure", "province_adcode", "province", None),
    ("infrastructure", "prefecture_adcode", "prefecture", None),
    ("events", "adcode", None, None),
    ("claims", "adcode", None, None),
)  # claims.adcodes (a ;-separated list) is checked in _claim_scopes
_POINT_TABLES = ("infrastructure", "events")
_QUOTE_SHOWN = 80  # characters of a missing quote repeated in the message


def cross_check(
    tables: Mapping[str, pd.DataFrame],
    labels: Mapping[str, str],
    *,
    units: Mapping[str, Any],
    keys: Mapping[str, tuple[str, ...]],
    sources_dir: str | Path | None = None,
) -> list[ValidationIssue]:
    """Return the issues that need more than one cell or more than one file to see.

    ``keys`` gives each table's key columns (``data.schema.TABLES``), ``units`` the admin units by adcode.
    """
    issues: list[ValidationIssue] = []
    issues += _duplicates(tables, labels, keys)
    issues += _adcodes(tables, labels, units)
    issues += _sources(tables, labels, sources_dir)
    issues += _references(tables, labels)
    issues += _points_and_dates(tables, labels)
    issues += _claim_scopes(tables, labels, units)
    return issues


def _cells(frame: pd.DataFrame, column: str) -> Iterator[tuple[int, str]]:
    """Yield (spreadsheet row, stripped value) for the non-empty cells of ``column``."""
    if column not in frame.columns:
        return
    for i, value in enumerate(frame[column].tolist()):
        value = str(value).strip()
        if value:
            yield i + 2, value


def _duplicates(tables: Mapping[str, pd.DataFrame], labels: Mapping[str, str],
                keys: Mapping[str, tuple[str, ...]]) -> list[ValidationIssue]:
    issues = []
    for name, frame in tables.items():
        key = keys[name]
        if not all(c in frame.columns for c in key):
            continue
        seen: dict[tuple[str, ...], int] = {}
        for i, values in enumerate(frame.loc[:, list(key)].itertuples(index=False, name=None)):
            values = tuple(str(v).strip() for v in values)
            if not all(values):
                continue
            if values in seen:
                shown = ", ".join(f"{c}={v!r}" for c, v in zip(key, values, strict=True))
                issues.append(ValidationIssue(labels[name], i + 2, key[-1],
                                              f"duplicate {shown} (first at row {seen[values]})"))
            else:
                seen[values] = i + 2
    return issues


def _adcodes(
    tables: Mapping[str, pd.DataFrame], labels: Mapping[str, str], units: Mapping[str, Any]
) -> list[ValidationIssue]:
    issues = []
    for name, column, level, level_col in _ADCODE_COLUMNS:
        frame = tables.get(name)
        if frame is None:
            continue
        for row, code in _cells(frame, column):
            unit = units.get(code)
            if unit is None:
                issues.append(ValidationIssue(labels[name], row, column,
                                              f"unknown adcode {code!r}: not in geo.names.admin_units()"))
                continue
            expected = level or (str(frame.at[row - 2, level_col]).strip() if level_col else "")
            if expected in ("province", "prefecture") and unit.level != expected:
                issues.append(ValidationIssue(
                    labels[name], row, column,
                    f"adcode {code!r} ({unit.name_en}) is a {unit.level}, expected a {expected}"))
    frame = tables.get("infrastructure")
    if frame is not None and {"province_adcode", "prefecture_adcode"} <= set(frame.columns):
        for row, code in _cells(frame, "prefecture_adcode"):
            parent = str(frame.at[row - 2, "province_adcode"]).strip()
            unit = units.get(code)
            if unit is not None and parent and unit.parent_adcode != parent:
                issues.append(ValidationIssue(
                    labels["infrastructure"], row, "prefecture_adcode",
                    f"prefecture {code!r} ({unit.name_en}) lies in {unit.parent_adcode}, "
                    f"not in province_adcode {parent!r}"))
    return issues


def _sources(
    tables: Mapping[str, pd.DataFrame], labels: Mapping[str, str], sources_dir: str | Path | None
) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    registry = tables.get("sources")
    folder = Path(sources_dir) if sources_dir is not None else None
    if registry is not None and "file" in registry.columns:
        base = folder if folder is not None else _default_sources_dir()
        for row, file in _cells(registry, "file"):
            if not (base / file).exists():
                issues.append(ValidationIssue(labels["sources"], row, "file",
                                              f"source file {file!r} does not exist in {base}"))
    try:
        known = set(load_sources(folder)["id"])
    except (ValueError, OSError) as exc:  # a broken registry is reported above; skip source checks
        issues.append(ValidationIssue(labels.get("sources", "sources.csv"), None, None, str(exc)))
        return issues
    for name, frame in tables.items():
        if name == "sources" or "source_id" not in frame.columns:
            continue
        for row, source_id in _cells(frame, "source_id"):
            if source_id not in known:
                issues.append(ValidationIssue(labels[name], row, "source_id",
                                              f"unknown source_id {source_id!r}; expected one of: "
                                              f"{', '.join(sorted(known))}"))
                continue
            quote = str(frame.at[row - 2, "quote"]) if "quote" in frame.columns else ""
            if quote.strip() and not _quote_found(source_id, quote, folder):
                shown = quote if len(quote) <= _QUOTE_SHOWN else quote[:_QUOTE_SHOWN] + "..."
                issues.append(ValidationIssue(
                    labels[name], row, "quote",
                    f"quote not found in source {source_id!r} (after normalising whitespace and "
                    f"typographic quotes): {shown!r}"))
    return issues


def _quote_found(source_id: str, quote: str, folder: Path | None) -> bool:
    try:
        return quote_in_source(source_id, quote, folder)
    except (KeyError, OSError):
        return False


def _default_sources_dir() -> Path:
    from config import SOURCES_DIR

    return SOURCES_DIR


def _references(tables: Mapping[str, pd.DataFrame], labels: Mapping[str, str]) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    strategies = tables.get("strategies")
    if strategies is None or "strategy_id" not in strategies.columns:
        return issues  # the missing file is reported already; nothing to resolve against
    ids = {str(v).strip() for v in strategies["strategy_id"]}
    for row, parent in _cells(strategies, "parent_id"):
        if parent not in ids:
            issues.append(ValidationIssue(labels["strategies"], row, "parent_id",
                                          f"unknown parent_id {parent!r}: no such strategy_id"))
        elif parent == str(strategies.at[row - 2, "strategy_id"]).strip():
            issues.append(ValidationIssue(labels["strategies"], row, "parent_id",
                                          "a strategy cannot be its own parent"))
    members = tables.get("strategy_members")
    if members is not None:
        for row, sid in _cells(members, "strategy_id"):
            if sid not in ids:
                issues.append(ValidationIssue(labels["strategy_members"], row, "strategy_id",
                                              f"unknown strategy_id {sid!r}: not in strategies.csv"))
    claims = tables.get("claims")
    if claims is not None:
        allowed = ids | set(_MACRO_REGIONS) | {"china"}
        for row, region in _cells(claims, "region"):
            if region not in allowed:
                issues.append(ValidationIssue(
                    labels["claims"], row, "region",
                    f"unknown region {region!r}: expected a macro-region id, a strategy_id or 'china'"))
    return issues


def _claim_scopes(
    tables: Mapping[str, pd.DataFrame], labels: Mapping[str, str], units: Mapping[str, Any]
) -> list[ValidationIssue]:
    """``adcodes`` (a claim about several whole units) excludes ``region``/``adcode``; a flag needs a note."""
    claims = tables.get("claims")
    issues: list[ValidationIssue] = []
    if claims is None:
        return issues
    label = labels["claims"]
    for row, listed in _cells(claims, "adcodes"):
        for other in ("region", "adcode"):
            if other in claims.columns and str(claims.at[row - 2, other]).strip():
                issues.append(ValidationIssue(label, row, "adcodes",
                                              f"give either adcodes or {other}, not both: adcodes is the "
                                              "claim's whole scope"))
        codes = [c.strip() for c in listed.split(";")]
        if len(set(codes)) != len(codes):
            issues.append(ValidationIssue(label, row, "adcodes", f"repeated adcode in {listed!r}"))
        for code in codes:
            if code and code not in units:
                issues.append(ValidationIssue(label, row, "adcodes",
                                              f"unknown adcode {code!r}: not in geo.names.admin_units()"))
    for row, flag in _cells(claims, "flag"):
        if "note" not in claims.columns or not str(claims.at[row - 2, "note"]).strip():
            issues.append(ValidationIssue(label, row, "note",
                                          f"flag {flag!r} needs a note saying what the quote conflicts with"))
    return issues


def _points_and_dates(tables: Mapping[str, pd.DataFrame], labels: Mapping[str, str]) -> list[ValidationIssue]:
    issues = []
    for name in _POINT_TABLES:
        frame = tables.get(name)
        if frame is None or not {"lon", "lat"} <= set(frame.columns):
            continue
        for i, (lon, lat) in enumerate(zip(frame["lon"], frame["lat"], strict=True)):
            if bool(str(lon).strip()) != bool(str(lat).strip()):
                missing = "lat" if str(lon).strip() else "lon"
                issues.append(ValidationIssue(labels[name], i + 2, missing,
                                              "lon and lat must both be given or both be empty"))
    infra = tables.get("infrastructure")
    if infra is not None and "geometry_wkt" in infra.columns:
        issues += _wkt(infra, labels["infrastructure"])
    events = tables.get("events")
    if events is not None and {"date", "end_date"} <= set(events.columns):
        for row, end in _cells(events, "end_date"):
            start = str(events.at[row - 2, "date"]).strip()
            if _iso(start) and _iso(end) and end < start:
                issues.append(ValidationIssue(labels["events"], row, "end_date",
                                              f"end_date {end} is before date {start}"))
    return issues


def _wkt(frame: pd.DataFrame, label: str) -> list[ValidationIssue]:
    import shapely

    issues = []
    for row, text in _cells(frame, "geometry_wkt"):
        try:
            geom = shapely.from_wkt(text)
        except shapely.errors.ShapelyError as exc:
            issues.append(ValidationIssue(label, row, "geometry_wkt", f"not valid WKT: {exc}"))
            continue
        if geom.geom_type not in ("LineString", "MultiLineString"):
            issues.append(ValidationIssue(label, row, "geometry_wkt",
                                          f"expected a LINESTRING, got {geom.geom_type.upper()}"))
    return issues


def _iso(text: str) -> bool:
    """True for a valid ISO date (invalid ones are reported by the row model, not again here)."""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
