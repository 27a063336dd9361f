"""Extraction of one text: sentences -> gazetteer matches -> ambiguity rules -> mentions.

Each layer (strategies, infrastructure, places, macro-regions, claims) keeps its own leftmost-longest,
non-overlapping matches, so a compound name gives both the strategy and its places
("Chengdu-Chongqing Economic Belt" -> the strategy, Chengdu and Chongqing). Places inside a facility's
name ("Hunchun-Quanhe" highway) are part of that name and not mentions of their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, TypeVar

from data.extract.claims import find_claims
from data.extract.gazetteer import PLACE_TYPES, Gazetteer, RawMatch, gazetteer
from data.extract.mention import Mention
from data.extract.regions import REGION_NAMES, find_regions
from data.extract.rules import accept_infrastructure, drop_zh_place, resolve_place
from data.extract.sentences import split_sentences
from data.extract.textnorm import Normalised, normalise, squash

_TYPE_ORDER = {t: i for i, t in enumerate(
    ("strategy", "infrastructure", "macro_region", "province", "prefecture", "place", "country", "claim")
)}


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    norm: Normalised
    raw: list[RawMatch]
    new_block: bool  # a blank line separates it from the previous sentence
    provinces: dict[str, tuple[int, ...]]  # province named unambiguously -> where (normalised offsets)


def extract_text(text: str, doc: str = "", *, gaz: Gazetteer | None = None) -> list[Mention]:
    """Extract places, regions, strategies, facilities and numeric claims from ``text``.

    Parameters
    ----------
    text : str
        The original text; mention offsets refer to it.
    doc : str, default ""
        Document name written into every mention.
    gaz : Gazetteer, optional
        Gazetteer to use (default: :func:`data.extract.gazetteer.gazetteer`).

    Returns
    -------
    list of Mention
        Ordered by position.
    """
    mentions, _ = extract_chunk(text, doc, gaz=gaz)
    return mentions


def extract_chunk(
    text: str, doc: str, *, gaz: Gazetteer | None = None, offset: int = 0, first_sentence: int = 0
) -> tuple[list[Mention], int]:
    """Extract from one chunk of a larger text (used for streaming).

    Offsets are shifted by ``offset`` and sentence indexes by ``first_sentence``; ambiguous names are
    resolved with the context of this chunk. Returns the mentions and the number of sentences.
    """
    gaz = gaz if gaz is not None else gazetteer()
    sentences = _sentences(text, gaz)
    doc_provinces: Counter[str] = Counter()
    for s in sentences:
        doc_provinces.update(s.provinces.keys())
    out: list[Mention] = []
    for i, sent in enumerate(sentences):
        before = _context_before(sentences, i)
        sentence_text = squash(text[sent.start : sent.end])
        for start, end, item, type_, extra in _sentence_mentions(sent, before, doc_provinces, text, gaz):
            out.append(_mention(doc, first_sentence + i, sentence_text, text, sent, start, end, offset,
                                item, type_, extra))
    return sort_mentions(out), len(sentences)


def _sentences(text: str, gaz: Gazetteer) -> list[_Sentence]:
    out: list[_Sentence] = []
    prev_end = 0
    for start, end in split_sentences(text):
        norm = normalise(text[start:end])
        raw = list(gaz.find(norm.text))
        gap = text[prev_end:start]
        out.append(_Sentence(start, end, norm, raw, gap.count("\n") >= 2 or not out, _provinces(raw)))
        prev_end = end
    return out


def _provinces(raw: Iterable[RawMatch]) -> dict[str, tuple[int, ...]]:
    """Provinces named unambiguously in a sentence, with where (context for homophones).

    A name with several readings ("Dongxing": Guangxi or Sichuan) is no evidence for either.
    """
    found: dict[str, list[int]] = {}
    for m in raw:
        if all(c.context_only for c in m.candidates):
            continue  # a name that needs its province named is no evidence for it (来宾, 白银)
        entries = {c.entry for c in m.candidates if c.entry.type in PLACE_TYPES}
        if len(entries) == 1:
            province = next(iter(entries)).province
            if province:
                found.setdefault(province, []).append(m.start)
    return {k: tuple(v) for k, v in found.items()}


def _context_before(sentences: list[_Sentence], i: int, depth: int = 2) -> str:
    """Text of up to ``depth`` previous sentences of the same block (list heads: "towns;", "ports")."""
    parts: list[str] = []
    j = i
    while j > 0 and len(parts) < depth and not sentences[j].new_block:
        j -= 1
        parts.insert(0, sentences[j].norm.text)
    return " ".join(parts)


_T = TypeVar("_T")


def _leftmost_longest(spans: Sequence[tuple[int, int, _T]]) -> list[tuple[int, int, _T]]:
    chosen: list[tuple[int, int, _T]] = []
    last_end = -1
    for start, end, item in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        if start >= last_end:
            chosen.append((start, end, item))
            last_end = end
    return chosen


def _sentence_mentions(
    sent: _Sentence, before: str, doc_provinces: Counter[str], text: str, gaz: Gazetteer
) -> Iterator[tuple[int, int, Any, str, str | None]]:
    """Yield ``(norm_start, norm_end, entry|region_id|claim, type, extra)`` for one sentence."""
    norm = sent.norm.text
    # facilities first: a place inside a facility's name is part of that name
    infra = []
    for m in sent.raw:
        entry = accept_infrastructure(m, norm, before, sent.provinces)
        if entry is not None:
            infra.append((m.start, m.end, entry))
    infra = _leftmost_longest(infra)
    for start, end, entry in infra:
        yield start, end, entry, "infrastructure", None

    places = [
        (m.start, m.end, m) for m in sent.raw
        if any(c.entry.type in PLACE_TYPES for c in m.candidates)
        and not any(s < m.end and m.start < e for s, e, _ in infra)
        and not drop_zh_place(m, norm, gaz)
    ]
    place_ends: set[int] = set()
    for start, end, m in _leftmost_longest(places):
        entry = resolve_place(m, norm, sent.provinces, doc_provinces, gaz)
        if entry is not None:
            place_ends.add(end)
            yield start, end, entry, entry.type, None

    strategies = [
        (m.start, m.end, m) for m in sent.raw if any(c.entry.type == "strategy" for c in m.candidates)
    ]
    for start, end, m in _leftmost_longest(strategies):
        for c in m.candidates:
            # one form can name several strategies ("eco-economic belts along the Huai and Han rivers");
            # a region word used as a locator ("northeast China's Heilongjiang Province") names no strategy
            if c.entry.type == "strategy" and not (c.region_word and _is_locator(norm, end, sent.raw)):
                yield start, end, c.entry, "strategy", None

    for start, end, region_id in find_regions(norm, place_ends):
        yield start, end, region_id, "macro_region", None

    sentence_text = text[sent.start : sent.end]
    for claim in find_claims(sentence_text, sent.norm):
        yield claim.start, claim.end, claim, "claim", "original"


def _is_locator(norm: str, end: int, raw: list[RawMatch]) -> bool:
    """Whether the words at ``end`` are "'s <place>" ("Central China's Hunan province")."""
    return norm.startswith("'s ", end) and any(
        r.start == end + 3 and any(c.entry.type in PLACE_TYPES for c in r.candidates) for r in raw
    )


class _MentionBase(TypedDict):
    """The fields every mention has, whatever its type."""

    doc: str
    sentence_index: int
    sentence: str
    start: int
    end: int
    text: str
    type: str


def _mention(doc: str, index: int, sentence_text: str, text: str, sent: _Sentence, start: int, end: int,
             offset: int, item: Any, type_: str, extra: str | None) -> Mention:
    if extra == "original":  # claims carry offsets into the sentence's original text
        s, e = sent.start + start, sent.start + end
    else:
        s = sent.start + sent.norm.to_original(start)
        e = sent.start + sent.norm.end_to_original(end)
    base: _MentionBase = {"doc": doc, "sentence_index": index, "sentence": sentence_text, "start": offset + s,
            "end": offset + e, "text": text[s:e], "type": type_}
    if type_ == "claim":
        return Mention(**base, id=item.indicator, name=f"{item.value:g} {item.unit}", value=item.value,
                       unit=item.unit, indicator=item.indicator, period=item.period, qualifier=item.qualifier)
    if type_ == "macro_region":
        return Mention(**base, id=item, name=REGION_NAMES[item])
    return Mention(**base, id=item.id, name=item.name, province=item.province)


def sort_mentions(mentions: list[Mention]) -> list[Mention]:
    """Order mentions by position, longer first, then by type."""
    return sorted(mentions, key=lambda m: (m.start, -m.end, _TYPE_ORDER.get(m.type, 99), m.id))
