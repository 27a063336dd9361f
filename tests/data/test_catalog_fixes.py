"""Issue #14 fixes: claim scopes, flagged conflicts, the northwest-southwest row, source metadata."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from config import CATALOG_DIR, SOURCES_DIR
from data.catalog import load_catalog
from data.reconcile import reconciliation_table
from data.schema import TABLES, validate_catalog
from data.sources import load_sources, normalize, quote_in_source, source_text

FOUR_PROVINCES = ["210000", "220000", "230000", "150000"]
GRAIN = ["northeast-grain-output-2023", "northeast-grain-share-2023", "northeast-commercial-grain-share-2023",
         "northeast-grain-export-share-2023"]
_FRAGMENT = re.compile(r'"([^"]+)"')


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return load_catalog().claims.set_index("claim_id")


def _fragments(text: str) -> list[str]:
    return _FRAGMENT.findall(text)


# ------------------------------------------------------------------ 1. scope of the grain claims
def test_grain_claims_are_about_the_four_whole_provinces(claims: pd.DataFrame) -> None:
    for cid in GRAIN:
        row = claims.loc[cid]
        assert row["adcodes"].split(";") == FOUR_PROVINCES, cid
        assert row["region"] == "" and row["adcode"] == "", cid
        # the quote itself states the scope
        assert "Liaoning, Jilin, Heilongjiang, and Inner Mongolia" in row["quote"], cid


def test_no_claim_naming_all_inner_mongolia_uses_the_northeast_region(claims: pd.DataFrame) -> None:
    # the atlas's "northeast" counts only five Inner Mongolia prefectures, so a sentence naming
    # "Liaoning, Jilin, Heilongjiang, and Inner Mongolia" as a whole cannot use it
    naming = claims["quote"].str.contains("Heilongjiang, and Inner Mongolia", regex=False)
    assert naming.sum() >= 4
    assert (claims.loc[naming, "region"] != "northeast").all()


def test_reconciliation_describes_the_grain_claim_by_its_four_provinces() -> None:
    table = reconciliation_table().set_index("claim_id")
    row = table.loc["northeast-grain-output-2023"]
    assert row["region"] == ""
    for name in ("Liaoning", "Jilin", "Heilongjiang", "Inner Mongolia"):
        assert name in row["description"]
    assert "five eastern Inner Mongolia prefectures" in row["note"]
    assert row["verdict"] == "untestable"


def test_reconciliation_names_an_adcodes_scope_when_no_check_describes_it() -> None:
    from data.reconcile import _describe

    claim = pd.Series({"indicator": "grain_output", "region": "", "adcode": "", "adcodes": "210000;150000",
                       "period": "2023"})
    text = _describe(claim)
    assert "Liaoning" in text and "Inner Mongolia" in text and "China" not in text
    # a claims frame without the column (older callers) still works
    assert "China" in _describe(pd.Series({"indicator": "x", "region": "", "adcode": "", "period": ""}))


# ------------------------------------------------------------------ 2. the "five securities" conflict
def test_five_securities_parenthesis_is_flagged_as_a_conflict(claims: pd.DataFrame) -> None:
    row = claims.loc["northeast-five-securities"]
    assert row["flag"] == "conflict"
    assert "(political, economic, military, cultural and social securities)" in row["quote"]
    fragments = _fragments(row["note"])
    assert "national defense, food, ecology, energy and industries" in fragments  # the editor's note
    # every sentence the note cites is really in a source (the special issue or the plan)
    for fragment in fragments:
        sources = ("northeast-special-issue", "fyp14-ch32")
        assert any(quote_in_source(sid, fragment) for sid in sources), fragment
    plan_list = "safeguarding national defense and ensuring food, ecological, energy, and industrial security"
    assert quote_in_source("fyp14-ch32", plan_list)


def test_every_flagged_claim_cites_what_it_conflicts_with(claims: pd.DataFrame) -> None:
    flagged = claims.loc[claims["flag"] != ""]
    assert len(flagged) >= 1
    ids = list(load_sources()["id"])
    for cid, row in flagged.iterrows():
        fragments = [f for f in _fragments(row["note"]) if normalize(f) not in normalize(row["quote"])]
        assert fragments, cid
        for fragment in fragments:
            assert any(quote_in_source(sid, fragment) for sid in ids), (cid, fragment)


# ------------------------------------------------------------------ 3. northwest-southwest cooperation
def test_northwest_southwest_cooperation_row() -> None:
    cat = load_catalog()
    row = cat.strategies.set_index("strategy_id").loc["northwest-southwest-cooperation"]
    assert row["source_id"] == "fyp14-ch32"
    name = "promote cooperation and interaction between the northwestern and southwestern regions"
    assert name in row["quote"]
    assert quote_in_source("fyp14-ch32", row["quote"])
    assert row["parent_id"] == "western-development"
    # neither the plan nor an official plan used here lists the two regions' provinces: no members
    assert row["membership_basis"].startswith("no members:")
    assert "northwest-southwest-cooperation" not in set(cat.strategy_members["strategy_id"])


# ------------------------------------------------------------------ 4. source metadata
def _date_forms(day: dt.date) -> list[str]:
    return [f"{day:%b} {day.day}, {day.year}", f"{day:%B} {day.day}, {day.year}", f"{day:%Y.%m.%d}",
            f"{day:%Y-%m-%d}"]


def test_every_source_row_says_where_its_metadata_comes_from() -> None:
    registry = pd.read_csv(SOURCES_DIR / "sources.csv", dtype=str, keep_default_na=False)
    ids = list(registry["id"])
    assert (registry["metadata_note"].str.strip() != "").all()
    for rec in registry.to_dict(orient="records"):
        named = [sid for sid in ids if sid != rec["id"] and sid in rec["metadata_note"]]
        texts = [normalize(source_text(sid)) for sid in [rec["id"], *named]]
        for fragment in _fragments(rec["metadata_note"]):
            assert any(normalize(fragment) in t for t in texts), (rec["id"], fragment)
        if rec["publisher"]:
            assert any(rec["publisher"].lower() in t.lower() for t in texts), (rec["id"], rec["publisher"])
        if rec["date"]:
            forms = _date_forms(dt.date.fromisoformat(rec["date"]))
            assert any(f in t for f in forms for t in texts), (rec["id"], rec["date"])


def test_plan_chapter_metadata_is_not_invented() -> None:
    registry = pd.read_csv(SOURCES_DIR / "sources.csv", dtype=str, keep_default_na=False).set_index("id")
    plan = registry.loc["fyp14-ch32"]
    assert plan["publisher"] == ""  # printed in neither document
    assert "northeast-special-issue" in plan["metadata_note"]  # the date's source is named
    assert "adoption date" in plan["metadata_note"]
    text = normalize(source_text("fyp14-ch32"))
    assert "March 11, 2021" not in text and "National People's Congress" not in text


def test_catalog_carries_the_metadata_note() -> None:
    sources = load_catalog().sources.set_index("id")
    assert "metadata_note" in sources.columns
    assert sources.loc["central-symposium-2024", "metadata_note"].startswith("title, date and publisher")


# ------------------------------------------------------------------ validation of the new columns
@pytest.fixture
def full_catalog(tmp_path: Path) -> Path:
    for spec in TABLES.values():
        if not spec.in_sources_dir:
            shutil.copy(CATALOG_DIR / spec.file, tmp_path / spec.file)
    return tmp_path


def _set(folder: Path, claim_id: str, **cells: str) -> int:
    frame = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    index = frame.index[frame["claim_id"] == claim_id][0]
    for column, value in cells.items():
        frame.loc[index, column] = value
    frame.to_csv(folder / "claims.csv", index=False)
    return int(index) + 2


def test_new_claim_columns_are_validated(full_catalog: Path) -> None:
    assert validate_catalog(full_catalog) == []
    both = _set(full_catalog, "northeast-grain-share-2023", region="northeast")
    unknown = _set(full_catalog, "northeast-grain-output-2023", adcodes="210000;999999")
    malformed = _set(full_catalog, "northeast-grain-export-share-2023", adcodes="210000,220000")
    no_note = _set(full_catalog, "northeast-five-securities", note="")
    bad_flag = _set(full_catalog, "jilin-area", flag="dubious")
    where = {(i.row, i.column): i.message for i in validate_catalog(full_catalog)
             if Path(i.file).name == "claims.csv"}
    assert "not both" in where[(both, "adcodes")]
    assert "999999" in where[(unknown, "adcodes")]
    assert (malformed, "adcodes") in where
    assert "needs a note" in where[(no_note, "note")]
    assert "conflict" in where[(bad_flag, "flag")]
