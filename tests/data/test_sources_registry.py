"""The source registry, quote normalisation and quote location."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from config import SOURCES_DIR
from data.sources import (
    _normalize_with_offsets,
    load_sources,
    locate_quote,
    normalize,
    quote_in_source,
    source_text,
)

SCHEMA_IDS = {
    "border-governance-2024": "000_cc121d6df8725b47.txt",
    "central-symposium-2024": "001_86a31030ebd3f40c.txt",
    "western-symposium-2024": "002_af7389152f4bc2c0.txt",
    "fyp14-ch32": "003_2b698c6a19e47f6b.txt",
    "northeast-special-issue": "004_acb8c0db12b585e5.txt",
}


def test_registry_has_the_five_documents_with_schema_ids() -> None:
    reg = load_sources()
    registered = reg.loc[reg["kind"] != "user"]
    assert dict(zip(registered["id"], registered["file"], strict=True)) == SCHEMA_IDS
    for file in registered["file"]:
        assert (SOURCES_DIR / file).is_file()
    assert list(reg.columns) == ["id", "file", "title", "publisher", "date", "url", "kind"]


def test_unregistered_text_becomes_a_user_source(tmp_path: Path) -> None:
    shutil.copy(SOURCES_DIR / "sources.csv", tmp_path / "sources.csv")
    for file in SCHEMA_IDS.values():
        shutil.copy(SOURCES_DIR / file, tmp_path / file)
    note = "Title: My notes\n\nHarbin is cold in   January.\n"
    (tmp_path / "my_notes.txt").write_text(note, encoding="utf-8")
    reg = load_sources(tmp_path)
    row = reg.loc[reg["id"] == "my_notes"].iloc[0]
    assert (row["kind"], row["file"], row["title"]) == ("user", "my_notes.txt", "My notes")
    assert quote_in_source("my_notes", "Harbin is cold in January.", tmp_path)


def test_unknown_source_id_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="fyp14-ch32"):
        source_text("no-such-document")


def test_normalize_collapses_whitespace_quotes_and_markdown() -> None:
    assert normalize("  a\n\n b\t c ") == "a b c"
    assert normalize("China\u2019s \u201cWater Tower\u201d") == "China's \"Water Tower\""
    assert normalize("GDP was **696.12 billion yuan** (US\\$ 97.46 billion)") == (
        "GDP was 696.12 billion yuan (US$ 97.46 billion)")
    # words, case, dashes and other punctuation are kept: a quote stays verbatim
    assert normalize("one region\u2014Liaoning") == "one region\u2014Liaoning"
    assert normalize("Harbin") != normalize("harbin")


_SPECIAL = list("ab *\\$_#()\n\t\u00a0\u200b\u00ad\u2019\u201c\u201d'\"")
_TRICKY = st.text(alphabet=st.sampled_from(_SPECIAL) | st.characters(), max_size=200)


@given(_TRICKY)
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@given(_TRICKY)
def test_fast_normalize_equals_the_offset_tracking_one(text: str) -> None:
    assert normalize(text) == _normalize_with_offsets(text)[0]


def test_quote_across_pdf_line_break_and_bold_markers() -> None:
    quote = ("In 2023, Liaoning's GDP reached 3 trillion yuan (US$420 billion), and the growth rate exceeded "
             "the national average for the first time in 10 years.")
    span = locate_quote("northeast-special-issue", quote)
    assert span is not None
    raw = source_text("northeast-special-issue")[span[0]:span[1]]
    assert "**3 trillion yuan**" in raw and "\n\n" in raw  # the original as printed
    assert normalize(raw) == normalize(quote)


def test_altered_quote_is_not_found() -> None:
    assert quote_in_source("western-symposium-2024", "home to 382 million people")
    assert not quote_in_source("western-symposium-2024", "home to 383 million people")
    assert locate_quote("western-symposium-2024", "   ") is None


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_passage_with_reflowed_whitespace_is_located(data: st.DataObject) -> None:
    source_id = data.draw(st.sampled_from(sorted(SCHEMA_IDS)))
    text = source_text(source_id)
    words = [m.span() for m in re.finditer(r"\S+", text)]
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i, min(i + 30, len(words) - 1)))
    passage = text[words[i][0]:words[j][1]]
    reflowed = re.sub(r"\s+", lambda _: data.draw(st.sampled_from([" ", "\n", "  \n\n "])), passage)
    span = locate_quote(source_id, reflowed)
    assert span is not None
    assert normalize(text[span[0]:span[1]]) == normalize(passage)
