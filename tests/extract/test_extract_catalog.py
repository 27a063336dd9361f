"""The extractor finds, in the seeds, what the catalog cites: every facility, strategy and event place
in the sentence its quote comes from."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from config import CATALOG_DIR, SOURCES_DIR
from data.extract import Mention, extract_file
from data.extract.gazetteer import PLACE_TYPES, gazetteer, key
from data.extract.sentences import split_sentences
from data.extract.textnorm import compare_key
from data.sources import locate_quote


def _rows(name: str) -> list[dict[str, str]]:
    path = CATALOG_DIR / name
    assert path.exists(), f"{path} is missing: the catalog must be written before this check can run"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def _source_files() -> dict[str, Path]:
    with (SOURCES_DIR / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return {r["id"]: SOURCES_DIR / r["file"] for r in csv.DictReader(fh)}


@cache
def _document(source_id: str) -> tuple[str, list[tuple[int, int]], tuple[Mention, ...]]:
    path = _source_files()[source_id]
    text = path.read_text(encoding="utf-8")
    return text, split_sentences(text), tuple(extract_file(path))


def _quote_mentions(source_id: str, quote: str) -> list[Mention]:
    """Mentions of the sentence(s) the quote comes from (located as the catalog tests locate quotes)."""
    _text, sentences, mentions = _document(source_id)
    span = locate_quote(source_id, quote)
    assert span is not None, f"quote not found in {source_id}: {quote[:80]!r}"
    start, end = span
    hit = {n for n, (s, e) in enumerate(sentences) if s < end and start < e}
    return [m for m in mentions if m.sentence_index in hit]


INFRASTRUCTURE = _rows("infrastructure.csv")
STRATEGIES = _rows("strategies.csv")
EVENTS = _rows("events.csv")


def test_catalog_has_rows_to_check() -> None:
    assert len(INFRASTRUCTURE) >= 30 and len(STRATEGIES) >= 40 and len(EVENTS) >= 10


@pytest.mark.parametrize("row", INFRASTRUCTURE, ids=[r["id"] for r in INFRASTRUCTURE])
def test_every_facility_is_found_in_its_quote(row: dict[str, str]) -> None:
    found = [m for m in _quote_mentions(row["source_id"], row["quote"]) if m.type == "infrastructure"]
    assert row["id"] in {m.id for m in found}, f"found {[(m.text, m.id) for m in found]}"
    if row["province_adcode"]:
        assert {m.province for m in found if m.id == row["id"]} == {row["province_adcode"]}


@pytest.mark.parametrize("row", STRATEGIES, ids=[r["strategy_id"] for r in STRATEGIES])
def test_every_strategy_is_found_in_its_quote(row: dict[str, str]) -> None:
    found = [m for m in _quote_mentions(row["source_id"], row["quote"]) if m.type == "strategy"]
    assert row["strategy_id"] in {m.id for m in found}, f"found {[(m.text, m.id) for m in found]}"


def _named_places(row: dict[str, str]) -> list[str]:
    """Parts of place_name ("Shenyang, Liaoning") that the quote names and the gazetteer knows."""
    gaz = gazetteer()
    quote = compare_key(row["quote"])
    return [
        part.strip() for part in row["place_name"].split(",")
        if compare_key(part) in quote
        and any(c.entry.type in PLACE_TYPES for c in gaz.forms.get(key(part), ()))
    ]


CHECKED_EVENTS = [r for r in EVENTS if _named_places(r)]


def test_most_events_name_their_place() -> None:
    # events whose quote does not name the place (Beijing meetings) are the only ones left out
    unnamed = {r["event_id"] for r in EVENTS} - {r["event_id"] for r in CHECKED_EVENTS}
    assert len(CHECKED_EVENTS) >= 8
    left_out = [r for r in EVENTS if r["event_id"] in unnamed]
    assert all(r["adcode"] == "110000" or r["place_name"] == "Chongqing" for r in left_out)


@pytest.mark.parametrize("row", CHECKED_EVENTS, ids=[r["event_id"] for r in CHECKED_EVENTS])
def test_every_event_place_is_found_in_its_quote(row: dict[str, str]) -> None:
    found = [m for m in _quote_mentions(row["source_id"], row["quote"]) if m.type in PLACE_TYPES]
    province = row["adcode"][:2] + "0000"
    for part in _named_places(row):
        assert any(
            key(m.text).startswith(key(part)) and (m.id == row["adcode"] or m.province == province)
            for m in found
        ), f"{part!r} ({row['adcode']}) not found; found {[(m.text, m.id) for m in found]}"


# claims.csv unit -> (extractor unit, factor); "year" (calendar years) and "rank" are out of the
# extractor's scope and are not checked
_CLAIM_UNITS = {
    "percent": ("percent", 1), "percentage points": ("percentage_points", 1), "km": ("km", 1),
    "km2": ("km2", 1), "million km2": ("km2", 1e6), "mm": ("mm", 1), "persons": ("persons", 1),
    "million persons": ("persons", 1e6), "billion yuan": ("yuan", 1e9), "trillion yuan": ("yuan", 1e12),
    "billion US dollars": ("usd", 1e9), "million tons": ("tons", 1e6), "fraction": ("fraction", 1),
    "count": ("count", 1), "years": ("years", 1),
}
CLAIMS = [r for r in _rows("claims.csv") if r["unit"] in _CLAIM_UNITS]


def test_most_claims_are_in_scope() -> None:
    assert len(CLAIMS) >= 0.8 * len(_rows("claims.csv"))


@pytest.mark.parametrize("row", CLAIMS, ids=[r["claim_id"] for r in CLAIMS])
def test_every_claim_is_found_in_its_quote(row: dict[str, str]) -> None:
    unit, factor = _CLAIM_UNITS[row["unit"]]
    value = float(row["value"]) * factor
    found = [m for m in _quote_mentions(row["source_id"], row["quote"]) if m.type == "claim"]
    # a share may be written as a fraction ("over a quarter") and catalogued in percent, or vice versa
    as_percent = [(m.value * 100, "percent") if m.unit == "fraction" else (m.value, m.unit) for m in found]
    if unit == "fraction":
        unit, value = "percent", value * 100
    assert any(u == unit and v == pytest.approx(value, rel=1e-3) for v, u in as_percent), (
        f"{value} {unit} not among {[(m.text, m.value, m.unit) for m in found]}"
    )
