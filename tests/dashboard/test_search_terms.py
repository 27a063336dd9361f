"""The pinyin the dropdowns index: whatever a reader types from a word boundary matches, and no token
is so long that indexing all its substrings blocks the page."""

from __future__ import annotations

import itertools

import pytest
from pypinyin import lazy_pinyin

from views.search import _pinyin_terms
from views.search import search_terms as _search_terms


def _tokens(terms: list[str]) -> list[str]:
    return [tok for term in terms for tok in term.split()]


@pytest.mark.parametrize("zh", ["喀什地区", "乌鲁木齐市", "巴音郭楞蒙古自治州", "东部地区加快推进现代化",
                                "长江经济带", "粤港澳大湾区"])
def test_typed_pinyin_matches_and_tokens_stay_short(zh: str) -> None:
    syllables = lazy_pinyin(zh)
    tokens = _tokens(_pinyin_terms(syllables))
    assert max(len(t) for t in tokens) <= len("".join(syllables[:4]))
    assert "".join(syllables[:4]) in tokens  # "wulumuqi", "bayinguoleng" typed without spaces
    for a, b in itertools.pairwise(syllables):  # every two-syllable word, wherever it starts
        assert any(a + b in t for t in tokens), (zh, a + b)


def test_a_strategy_row_is_found_by_english_chinese_and_pinyin() -> None:
    row = {"name_en": "Eastern region accelerating modernization", "name_zh": "东部地区加快推进现代化",
           "aliases": "trailblazing development in the eastern region"}
    terms = _search_terms(row)
    for typed in ("eastern", "东部地区", "trailblazing", "dongbudiqu", "jiakuai", "tuijin", "xiandai"):
        assert any(typed in tok for tok in terms.split()), typed
