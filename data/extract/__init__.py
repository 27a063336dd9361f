"""Gazetteer-based extraction of places, macro-regions, strategies, facilities and numeric claims.

Public API::

    from data.extract import Mention, extract_text, extract_file, iter_file

- :class:`Mention` — one mention with offsets into the original text (see its docstring for fields).
- :func:`extract_text` ``(text, doc="") -> list[Mention]``.
- :func:`extract_file` ``(path) -> list[Mention]``; :func:`iter_file` streams a large file chunk by chunk.
- :func:`detect_language` ``(text) -> "zh" | "en" | ""``: Chinese and English are extracted by the same
  calls (the rules are chosen per sentence); this only labels a document.
- :mod:`data.extract.corpus` — ``build_mentions``, ``load_mentions``, ``policy_attention`` over
  ``data/sources``; :mod:`data.extract.cli` — ``python app.py extract``.

Nothing is built at import time: the gazetteer is compiled on first use and cached.
"""

from __future__ import annotations

from data.extract.files import InputError, extract_file, iter_file
from data.extract.language import detect_language
from data.extract.mention import FIELDS, MENTION_TYPES, Mention
from data.extract.pipeline import extract_text

__all__ = [
    "FIELDS", "MENTION_TYPES", "InputError", "Mention", "detect_language", "extract_file", "extract_text",
    "iter_file",
]
