"""The one lookup of interface words: ``t(key, lang, **fields)``, and the bilingual name helpers.

The words themselves are in :mod:`views.word_table` (one table for the whole interface). A missing
Chinese string falls back to English; a missing key raises ``KeyError`` naming it.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from views.word_table import WORDS

Lang = Literal["en", "zh"]


def as_lang(lang: str) -> Lang:
    """``lang`` as a :data:`Lang`: ``"zh"`` stays, anything else is ``"en"`` (every lookup's fallback)."""
    return "zh" if lang == "zh" else "en"


def t(key: str, lang: str = "en", /, **fields: object) -> str:
    """Return the interface string ``key`` in ``lang`` (``"en"`` or ``"zh"``), formatted with ``fields``.

    Raises
    ------
    KeyError
        If ``key`` is not a known string key.
    """
    try:
        entry = WORDS[key]
    except KeyError:
        raise KeyError(f"i18n: unknown string key {key!r}") from None
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text


def in_language(lang: str) -> dict[str, str]:
    """Every word in ``lang`` by key (English where a Chinese word is missing): the labels that pure
    figure builders take, so that they never look words up themselves."""
    return _in_language(as_lang(lang))


@cache
def _in_language(lang: str) -> dict[str, str]:
    return {key: entry.get(lang) or entry["en"] for key, entry in WORDS.items()}


def has(key: str) -> bool:
    """Whether ``key`` is a known word (for values that may or may not have a label, e.g. verdicts)."""
    return key in WORDS


def strategy_kind_label(kind: str, lang: str) -> str:
    """The label of a strategy kind (``data.vocab.STRATEGY_KINDS``); an unknown kind is labelled "Other"."""
    key = f"strategy_kind.{kind}"
    return t(key if key in WORDS else "strategy_kind.other", lang)


def name(row: object, lang: str) -> str:
    """Return ``row.name_zh`` for Chinese (falling back to English), else ``row.name_en``.

    ``row`` is any mapping or object with ``name_en``/``name_zh`` (a pandas row, a dict).
    """
    def get(attr: str) -> str:
        value = row.get(attr) if isinstance(row, dict) else getattr(row, attr, None)
        return "" if value is None or value != value else str(value)  # value != value: NaN

    if lang == "zh":
        return get("name_zh") or get("name_en")
    return get("name_en") or get("name_zh")


def bilingual(row: object, lang: str) -> str:
    """Return "English (中文)" or "中文 (English)" depending on ``lang``, or the one name that exists."""
    en = name(row, "en")
    zh = name(row, "zh")
    if en and zh and en != zh:
        return f"{zh}（{en}）" if lang == "zh" else f"{en} ({zh})"
    return en or zh
