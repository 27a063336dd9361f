"""Load-time validation: every problem reported at once, each naming file, row and column."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from config import CATALOG_DIR
from data.catalog import load_catalog
from data.schema import TABLES, CatalogError, ValidationIssue, validate_catalog

_Q_BORDER = ("We will also intensify efforts to boost the development of border areas, raise living "
             "standards there, promote and consolidate stability in these areas, and improve their working "
             "and living conditions.")
_Q_NE = "Promoting Breakthroughs in the Revitalization of Northeastern China"
_Q_AIRPORT = "Build Taxkorgan Airport, Longzi Airport, and Suifenhe Airport;"


def _strategy(sid: str, kind: str, quote: str) -> dict[str, str]:
    return {"strategy_id": sid, "name_en": sid.replace("-", " ").title(), "name_zh": "", "kind": kind,
            "parent_id": "", "aliases": "", "membership_basis": "named in source", "source_id": "fyp14-ch32",
            "quote": quote}


def _member(sid: str, adcode: str, level: str) -> dict[str, str]:
    return {"strategy_id": sid, "adcode": adcode, "level": level, "note": "", "source_id": "fyp14-ch32",
            "quote": _Q_NE}


# Minimal valid stand-ins for the files other engineers own, so these tests exercise the validator
# alone; the real files are checked by test_catalog_content.py.
_STUBS = {
    "strategies.csv": pd.DataFrame([
        _strategy("border-areas", "special_region", _Q_BORDER),
        _strategy("northeast-revitalization", "macro_region_strategy", _Q_NE),
        *(_strategy(sid, "zone", "Chapter 32")
          for sid in ("western-development", "west-of-400mm-line", "china-europe-railway-express")),
    ]),
    "strategy_members.csv": pd.DataFrame([
        _member("northeast-revitalization", "210000", "province"),
        _member("northeast-revitalization", "150700", "prefecture"),
    ]),
    "infrastructure.csv": pd.DataFrame([
        {"id": "airport-suifenhe", "name_en": "Suifenhe Airport", "name_zh": "", "kind": "airport",
         "action": "build", "province_adcode": "230000", "prefecture_adcode": "231000", "lon": "", "lat": "",
         "neighbor_iso3": "RUS", "geometry_wkt": "", "coord_note": "", "aliases": "",
         "source_id": "fyp14-ch32", "quote": _Q_AIRPORT},
    ]),
}
_MINE = ("macro_regions.csv", "events.csv", "claims.csv")


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    for name in _MINE:
        shutil.copy(CATALOG_DIR / name, tmp_path / name)
    for name, frame in _STUBS.items():
        frame.to_csv(tmp_path / name, index=False)
    return tmp_path


def _edit(folder: Path, file: str, row: int, column: str, value: str) -> None:
    """Set a cell; ``row`` is the spreadsheet row number (header = 1)."""
    frame = pd.read_csv(folder / file, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(folder / file, index=False)


def _where(issues: list[ValidationIssue]) -> set[tuple[str, int | None, str | None]]:
    return {(Path(i.file).name, i.row, i.column) for i in issues}


def test_valid_fixture_loads(catalog_dir: Path) -> None:
    assert validate_catalog(catalog_dir) == []
    cat = load_catalog(catalog_dir)
    assert cat.events["lat"].dtype == float and cat.claims["value"].dtype == float
    assert str(cat.events["date"].dtype).startswith("datetime64")


def test_all_problems_reported_at_once(catalog_dir: Path) -> None:
    _edit(catalog_dir, "events.csv", 3, "lat", "north-ish")                    # wrong type
    _edit(catalog_dir, "events.csv", 4, "kind", "banquet")                     # not in the enum
    _edit(catalog_dir, "events.csv", 5, "date", "2024-13-01")                  # impossible date
    _edit(catalog_dir, "macro_regions.csv", 2, "adcode", "999999")             # unknown adcode
    _edit(catalog_dir, "macro_regions.csv", 3, "level", "prefecture")          # adcode is a province
    _edit(catalog_dir, "claims.csv", 4, "source_id", "no-such-source")         # unknown source_id
    _edit(catalog_dir, "claims.csv", 5, "quote", "Border areas are home to 99 percent of everyone.")
    first_id = pd.read_csv(catalog_dir / "claims.csv", dtype=str)["claim_id"][0]
    _edit(catalog_dir, "claims.csv", 6, "claim_id", first_id)                  # duplicate id
    _edit(catalog_dir, "claims.csv", 7, "value", "")                           # required but empty
    _edit(catalog_dir, "strategy_members.csv", 3, "strategy_id", "atlantis")   # unknown strategy
    _edit(catalog_dir, "infrastructure.csv", 2, "prefecture_adcode", "150700")  # not in province 230000
    with pytest.raises(CatalogError) as info:
        load_catalog(catalog_dir)
    where = _where(info.value.issues)
    expected = {
        ("events.csv", 3, "lat"), ("events.csv", 4, "kind"), ("events.csv", 5, "date"),
        ("macro_regions.csv", 2, "adcode"), ("macro_regions.csv", 3, "adcode"),
        ("claims.csv", 4, "source_id"), ("claims.csv", 5, "quote"), ("claims.csv", 6, "claim_id"),
        ("claims.csv", 7, "value"), ("strategy_members.csv", 3, "strategy_id"),
        ("infrastructure.csv", 2, "prefecture_adcode"),
    }
    assert expected <= where
    assert len(info.value.issues) == len(expected), str(info.value)  # nothing spurious
    message = str(info.value)
    assert message.startswith(f"{len(expected)} problem(s) in the catalog")
    for file, row, column in expected:
        assert re.search(rf"{re.escape(file)}, row {row}, column '{column}': ", message)
    assert "unknown adcode '999999'" in message
    assert "unknown source_id 'no-such-source'" in message
    assert "quote not found in source 'border-governance-2024'" in message


def test_missing_file_and_header_problems_are_named(catalog_dir: Path) -> None:
    (catalog_dir / "strategies.csv").unlink()
    frame = pd.read_csv(catalog_dir / "events.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["title"]).assign(colour="red").to_csv(catalog_dir / "events.csv", index=False)
    issues = validate_catalog(catalog_dir)
    where = _where(issues)
    assert ("strategies.csv", None, None) in where
    assert ("events.csv", 1, "title") in where and ("events.csv", 1, "colour") in where
    missing = next(i for i in issues if i.file.endswith("strategies.csv"))
    assert "file is missing" in missing.message and "strategy_id" in missing.message


def test_schema_doc_lists_every_column() -> None:
    doc = (CATALOG_DIR / "SCHEMA.md").read_text(encoding="utf-8")
    for spec in TABLES.values():
        section = doc.split(f"## data/{'sources' if spec.in_sources_dir else 'catalog'}/{spec.file}")[1]
        section = section.split("\n## ")[0]
        documented = set(re.findall(r"^\| ([a-z_0-9, ]+) \|", section, flags=re.M))
        names = {n.strip() for cell in documented for n in cell.split(",")}
        assert set(spec.columns) <= names, (spec.file, set(spec.columns) - names)


def test_user_documents_join_the_catalog_sources(catalog_dir: Path, tmp_path: Path) -> None:
    from config import SOURCES_DIR

    sources = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, sources, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (sources / "field_notes.txt").write_text("Field notes\n\nSuifenhe port was busy.\n", encoding="utf-8")
    cat = load_catalog(catalog_dir, sources)
    user = cat.sources.loc[cat.sources["kind"] == "user"]
    assert list(user["id"]) == ["field_notes"]
    assert len(cat.sources) == 6
