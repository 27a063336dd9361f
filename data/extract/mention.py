"""The record the extractor produces for every mention."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

MENTION_TYPES = (
    "province", "prefecture", "place", "country", "macro_region", "strategy", "infrastructure", "claim",
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a place, region, strategy, facility or numeric claim in a text.

    Attributes
    ----------
    doc : str
        Document name (the file name for files).
    sentence_index : int
        0-based index of the sentence in the document.
    sentence : str
        The sentence, whitespace collapsed (PDF line breaks removed).
    start, end : int
        Character offsets of the mention in the ORIGINAL text: ``text == original[start:end]``.
    text : str
        The mention as written.
    type : str
        One of :data:`MENTION_TYPES`.
    id : str
        Adcode (provinces, prefectures, places), ISO3 (countries), ISO 3166-2 (places without an
        adcode), region_id (``east|central|west|northeast``), strategy or infrastructure id; for
        claims the indicator when known, else "".
    name : str
        Canonical English name (for claims, the canonical unit phrase, e.g. ``"6870000 km2"``).
    province : str
        Adcode of the province the mention rolls up to ("" when it has none).
    value : float or None
        Claims: the normalised number (``6.87 million`` -> 6870000.0).
    unit : str
        Claims: canonical unit (``percent``, ``percentage_points``, ``yuan``, ``usd``, ``km``, ``km2``,
        ``persons``, ``tons``, ``mm``, ``fraction``, or a counted noun such as ``countries``).
    indicator : str
        Claims: snake_case indicator when the sentence says it (``gdp``, ``gdp_growth``, ...).
    period : str
        Claims: period when the sentence says it (``2023``, ``2024Q1``, ``2024H1``).
    qualifier : str
        Claims: ``exact | over | more_than | about | nearly | less_than | at_least | up_to``.
    """

    doc: str
    sentence_index: int
    sentence: str
    start: int
    end: int
    text: str
    type: str
    id: str
    name: str
    province: str = ""
    value: float | None = None
    unit: str = ""
    indicator: str = ""
    period: str = ""
    qualifier: str = ""

    def to_record(self) -> dict[str, Any]:
        """Return the mention as a flat dict (the JSONL/CSV record)."""
        # every field is a str, int or float: a plain copy gives what asdict() does without its
        # recursive deep copy (a fifth of a 1 MB document's answer time)
        return {name: getattr(self, name) for name in FIELDS}


#: column order of CSV output and of ``mentions.csv``
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Mention))
