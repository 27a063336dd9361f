"""Macro-region words: "the central region" is a region, "the central government" is not.

China's four macro-regions (east, central, west, northeast) are named with ordinary adjectives, so they
are found by patterns that need the head noun ("region", "China", "provinces") rather than by the
gazetteer. Enumerations ("the eastern, central, western, and northeastern regions") give one mention
per region.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

REGION_NAMES: dict[str, str] = {
    "east": "Eastern region",
    "central": "Central region",
    "west": "Western region",
    "northeast": "Northeast",
}
_ADJ = {"eastern": "east", "central": "central", "western": "west", "northeastern": "northeast"}
_ADJ_RE = "eastern|central|western|northeastern"

# enumeration: "eastern, central, western, and northeastern regions", "central and western regions"
_ENUM = re.compile(
    rf"\b(?P<first>{_ADJ_RE})(?P<rest>(?:,? (?:and |or )?(?:{_ADJ_RE}))+),? "
    r"(?P<noun>regions|areas|provinces)\b"
)
_ENUM_ITEM = re.compile(rf"\b({_ADJ_RE})\b")

# single region words; patterns run on lower-cased, whitespace-collapsed text
_SINGLE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rid, re.compile(p))
    for rid, p in (
        ("west", r"\bwest(?:ern)? (?:regions?|china|provinces|areas)\b"),
        ("central", r"\bcentral (?:regions?|china|provinces)\b"),
        ("east", r"\beast(?:ern)? (?:regions?|china)\b"
                 r"|\beastern (?:coastal )?(?:areas|provinces|coastal regions)\b"),
        ("northeast", r"\bnorth-?east(?:ern)? (?:china|regions?)\b|\bnortheastern provinces\b"
                      r"|\bthe north-?east\b(?!-)(?! (?:asia|china|regions?|of|part|side|corner|border|coast|"
                      r"direction|tigers?|leopards?|winds?|monsoon)\b)"),
        ("west", r"西部地区"),
        ("central", r"中部地区"),
        ("east", r"东部地区"),
        ("northeast", r"东北地区|东北三省"),
    )
)


_MAYBE_REGION = re.compile(r"east|west|central|部地区|东北")


def find_regions(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, region_id)`` for macro-region words in normalised lower-case ``text``.

    Parameters
    ----------
    text : str
        Lower-cased text with whitespace collapsed (:func:`data.extract.textnorm.normalise`).

    Yields
    ------
    (int, int, str)
        Offsets into ``text`` and ``east | central | west | northeast``; in order, non-overlapping.
    """
    if not _MAYBE_REGION.search(text):
        return  # most sentences name no region: skip the patterns
    found: list[tuple[int, int, str]] = []
    for m in _ENUM.finditer(text):
        items = list(_ENUM_ITEM.finditer(text, m.start(), m.end()))
        for i, item in enumerate(items):
            end = m.end() if i == len(items) - 1 else item.end()
            found.append((item.start(), end, _ADJ[item.group(1)]))
    taken = [(s, e) for s, e, _ in found]
    for rid, pattern in _SINGLE:
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), rid))
                taken.append((m.start(), m.end()))
    yield from sorted(found)
