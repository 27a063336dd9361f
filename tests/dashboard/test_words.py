"""The one word table: no key defined twice, both languages for every key, the same fields in each."""

from __future__ import annotations

import ast
import collections
import inspect
import re

import pytest

from data import vocab
from views import word_table, words

_FIELD = re.compile(r"{(\w+)}")


def _literal_keys() -> list[str]:
    """The keys as written in the source: a dict literal silently keeps the last of two equal keys."""
    tree = ast.parse(inspect.getsource(word_table))
    table = next(node.value for node in ast.walk(tree)
                 if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "WORDS")
    assert isinstance(table, ast.Dict)
    return [key.value for key in table.keys if isinstance(key, ast.Constant)]


def test_no_key_is_defined_twice() -> None:
    keys = _literal_keys()
    assert len(keys) == len(word_table.WORDS) > 150
    twice = [k for k, n in collections.Counter(keys).items() if n > 1]
    assert not twice, f"defined more than once: {twice}"


@pytest.mark.parametrize("key", sorted(word_table.WORDS))
def test_every_key_has_english_and_chinese_with_the_same_fields(key: str) -> None:
    entry = word_table.WORDS[key]
    assert set(entry) == {"en", "zh"}, f"{key}: needs exactly en and zh"
    assert entry["en"].strip() and entry["zh"].strip(), key
    assert set(_FIELD.findall(entry["en"])) == set(_FIELD.findall(entry["zh"])), key


def test_every_vocabulary_value_has_a_word() -> None:
    """Regions, strategy kinds, Box 12 kinds and event kinds are labelled from one key each."""
    for prefix, values in (("region", vocab.REGIONS), ("strategy_kind", vocab.STRATEGY_KINDS),
                           ("box12_kind", vocab.INFRA_KINDS), ("event", vocab.EVENT_KINDS)):
        for value in values:
            assert words.has(f"{prefix}.{value}"), f"{prefix}.{value}"


def test_lookup_formats_falls_back_and_names_unknown_keys() -> None:
    assert words.t("region.west", "zh") == "西部"
    assert words.t("export.png", "zh") == "下载 PNG"
    assert words.t("tab.map", "fr") == "Map"  # an unknown language falls back to English
    assert words.t("notice.too_many", "en", n=50) == "Read only the first 50 URL parameters."
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        words.t("no.such.key", "en")
    assert words.bilingual({"name_en": "Xinjiang", "name_zh": "新疆"}, "en") == "Xinjiang (新疆)"
    assert words.bilingual({"name_en": "Xinjiang", "name_zh": "新疆"}, "zh") == "新疆（Xinjiang）"


def test_one_verdict_is_worded_one_way() -> None:
    assert words.t("verdict.agree", "en") == "agrees with the statistics"
