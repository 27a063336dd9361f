"""Interface strings of the charts, sources and export area: both languages, same fields."""

from __future__ import annotations

import re

import pytest

from views.chart_words import CHART_STRINGS, t

_FIELD = re.compile(r"{(\w+)}")


@pytest.mark.parametrize("key", sorted(CHART_STRINGS))
def test_every_string_has_english_and_chinese_with_the_same_fields(key: str) -> None:
    entry = CHART_STRINGS[key]
    assert entry.get("en") and entry.get("zh"), f"{key}: needs both en and zh"
    assert set(_FIELD.findall(entry["en"])) == set(_FIELD.findall(entry["zh"])), key


def test_lookup_falls_back_to_the_shared_strings_and_names_unknown_keys() -> None:
    assert t("region.west", "zh") == "西部"  # from views.words
    assert t("export.png", "zh") == "下载 PNG"
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        t("no.such.key", "en")
