"""Macro-region words: "the central region" is a region, "the central government" is not.

China's four macro-regions (east, central, west, northeast) are named with ordinary adjectives, so they
are found by patterns that need the head noun ("region", "China", "provinces") rather than by the
gazetteer. Enumerations ("the eastern, central, western, and northeastern regions") give one mention
per region.

Chinese: 东部地区 / 中部地区 / 西部地区 / 东北地区, 东北三省, 东部沿海, enumerations (东中西部,
东、中、西部地区: one mention per region, the last one with its noun), and the bare words 东部 / 中部 / 西部 /
东北 where they name the region (东北举足轻重, 我国西部, 中部6省, 西部大开发): not when a place comes right
before them (吉林省东部, 四川西部: part of that place), and not in the words listed in
:data:`_ZH_NOT_AFTER` (东北亚, 东北部, 中部战区, 西部陆海新通道).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

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
        ("east", r"东部沿海(?:地区)?|东部地区"),
        ("northeast", r"东北地区|东北三省|东三省"),
    )
)

_ZH_ONE = {"东": "east", "中": "central", "西": "west"}
_ZH_BARE_IDS = {"东部": "east", "中部": "central", "西部": "west", "东北": "northeast"}
# 东中西部, 东、中、西部地区, 中西部: one mention per region; the last item keeps 部 (and 地区)
_ZH_ENUM = re.compile(r"(?<![东西南北中华])[东中西](?:、?[东中西])+部(?:地区)?")
# what may not follow a bare region word
_ZH_NOT_AFTER = re.compile(
    r"(?:亚|部|虎|豹|风|方|角|平原|大学|师范|林业|财经|电力|石油|农业|菜|话|季风|战区|非洲|欧洲|陆海|计划|城区|片区)"
)
# what may not come right before one: a locality word (吉林省东部, 该市西部, 美国西部), or a direction
# character (华中部, 西北部 are not the four regions)
_ZH_NOT_BEFORE = re.compile(r"(?:[省市县区州盟旗乡镇村岛洲其该华东西南北]|(?<![我中全])国)$")
_ZH_BARE = re.compile(r"东北|东部|中部|西部")

_MAYBE_REGION = re.compile(r"east|west|central|部|东北|东三省")


def find_regions(text: str, after_place: Container[int] = ()) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, region_id)`` for macro-region words in normalised lower-case ``text``.

    Parameters
    ----------
    text : str
        Lower-cased text with whitespace collapsed (:func:`data.extract.textnorm.normalise`).
    after_place : container of int, optional
        Offsets where a place name ends: a bare Chinese region word starting there is part of that
        place (四川西部), not the region.

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
    for m in _ZH_ENUM.finditer(text):
        chars = [(i, text[i]) for i in range(m.start(), m.end()) if text[i] in _ZH_ONE]
        for n, (i, ch) in enumerate(chars):
            found.append((i, m.end() if n == len(chars) - 1 else i + 1, _ZH_ONE[ch]))
    taken = [(s, e) for s, e, _ in found]
    for rid, pattern in _SINGLE:
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), rid))
                taken.append((m.start(), m.end()))
    for m in _ZH_BARE.finditer(text):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken) or s in after_place:
            continue
        if _ZH_NOT_AFTER.match(text, e) or _ZH_NOT_BEFORE.search(text, 0, s):
            continue
        found.append((s, e, _ZH_BARE_IDS[m.group()]))
        taken.append((s, e))
    yield from sorted(found)
