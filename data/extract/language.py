"""Which language a text (or a sentence) is written in: Chinese or English, by its share of CJK characters.

The extractor does not need a language switch for names: one automaton holds the English and the Chinese
forms, and a Chinese form simply never occurs in English text. What depends on the language is the rules
(Chinese has no word boundaries, numbers and units are written differently), and those are chosen per
sentence with :func:`has_cjk`, so a mixed text gets the right rules in each part. :func:`detect_language`
gives the label for a whole document or chunk (the document view shows it).
"""

from __future__ import annotations

import re

# CJK Unified Ideographs, Extension A and the compatibility block (what Chinese running text uses)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")

#: a text counts as Chinese when at least this share of its letters are CJK characters
ZH_SHARE = 0.3


def has_cjk(text: str) -> bool:
    """Whether ``text`` contains any CJK character (the Chinese rules are worth running on it)."""
    return _CJK.search(text) is not None


def cjk_share(text: str) -> float:
    """Share of CJK characters among the CJK and Latin letters of ``text`` (0.0 when it has neither).

    A Chinese character carries about as much as an English word, so this is not a share of characters
    of the text: ``"GDP同比增长5.2%"`` is 0.5.
    """
    cjk = len(_CJK.findall(text))
    latin_words = len(re.findall(r"[A-Za-z]+", text))
    total = cjk + latin_words
    return cjk / total if total else 0.0


def detect_language(text: str) -> str:
    """Return ``"zh"``, ``"en"`` or ``""`` (no letters at all) for a document, a chunk or a sentence.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        ``"zh"`` when at least :data:`ZH_SHARE` of the words are Chinese characters, ``"en"`` when there
        are Latin letters otherwise, ``""`` for text without letters.
    """
    if not _CJK.search(text):
        # no CJK: the share is 0, so counting the Latin words (most of a long English text) is moot
        return "en" if _LATIN.search(text) else ""
    return "zh" if cjk_share(text) >= ZH_SHARE else "en"
