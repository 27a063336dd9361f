"""Sentence splitting that survives abbreviations, decimals and the line breaks of PDF-extracted text.

Texts arrive in three shapes: one paragraph per line (news copy), paragraphs separated by blank lines
(official translations), and PDF extractions where a page break leaves a blank line in the middle of
a sentence and headings have no final full stop. The splitter first glues lines into units (a line
break ends a unit unless the text clearly continues) and then splits units at sentence-final
punctuation that is followed by a sentence start and not preceded by an abbreviation.
"""

from __future__ import annotations

import re

#: a full stop after these (case-insensitive) does not end a sentence
ABBREVIATIONS = frozenset({
    "u.s", "u.k", "u.n", "e.g", "i.e", "no", "nos", "dec", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "inc", "ltd", "co", "corp",
    "jr", "sr", "gen", "gov", "rep", "sen", "fig", "figs", "vol", "p", "pp", "approx", "est", "dept",
    "univ", "ave", "art", "para", "sec",
})
#: the longest sentence kept in one piece; longer runs (tables, garbage) are cut at whitespace
MAX_SENTENCE = 3000

_LINE = re.compile(r"[^\n]*(?:\n|$)")
_TERMINAL = ".!?:;。！？；：…\"”’'"
# sentence-final punctuation, optional closing quotes/brackets/bold markers, then the gap
_END = re.compile(r"(?:[.!?]+|…)[\"'”’)\]*]*(\s+)(?=[A-Z0-9\"“‘'(\[*•\-–—]|[^\x00-\x7f])|[。！？]+[”’」』]?")
_CONNECTORS = frozenset({
    "and", "or", "of", "the", "to", "in", "for", "with", "a", "an", "by", "on", "at", "from", "as", "that",
    "which",
})
_CAPTION_END = re.compile(r"\)\s*\**\s*$")
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# compiled once: these run per line and per full stop of every text
_PROSE_END = re.compile(r"[.!?][\"'”’)]?\s+[A-Z]")
_WORD_BEFORE = re.compile(r"[^\s(\"“'‘]*$")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_INITIAL = re.compile(r"[A-Z]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences.

    Parameters
    ----------
    text : str
        The original text (offsets refer to it).

    Returns
    -------
    list of (int, int)
        ``(start, end)`` character offsets of each sentence, trimmed of surrounding whitespace,
        in order and non-overlapping.
    """
    spans: list[tuple[int, int]] = []
    for start, end in _units(text):
        spans.extend(_split_unit(text, start, end))
    return spans


def _units(text: str) -> list[tuple[int, int]]:
    """Join lines into units: a line or a blank line breaks a unit unless the text clearly continues."""
    units: list[list[int]] = []
    prev_line: tuple[int, int] | None = None
    blank_since_prev = False
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        s, e = _strip(text, m.start(), m.end())
        if s == e:
            blank_since_prev = True
            continue
        if prev_line is not None and _continues(text, prev_line, (s, e), units[-1], blank_since_prev):
            units[-1][1] = e
        else:
            units.append([s, e])
        prev_line = (s, e)
        blank_since_prev = False
    return [(s, e) for s, e in units]


def _continues(text: str, prev: tuple[int, int], nxt: tuple[int, int], unit: list[int], blank: bool) -> bool:
    prev_text = text[prev[0] : prev[1]].rstrip("* ")
    next_text = text[nxt[0] : nxt[1]].lstrip("* ")
    if not prev_text or not next_text:
        return False
    first, last = next_text[0], prev_text[-1]
    if last in _TERMINAL or _CAPTION_END.search(prev_text) or _CAPTION_END.search(next_text):
        return False
    if first.islower():
        return True  # "a highly livable\n\nenvironment": the sentence goes on
    if not blank and _CJK.match(last) and (_CJK.match(first) or first.isdigit()):
        return True  # a Chinese line wrapped inside a sentence ("推进西部大开\n发形成新格局")
    if next_text.startswith(("- ", "• ", "* ")):
        return False  # a bullet
    last_word = prev_text.rsplit(None, 1)[-1].lower()
    if last in ",-–(，、（《“" or last_word in _CONNECTORS:
        return True
    if blank:
        # a page break in the middle of a paragraph: the unit so far is prose (it has ended a
        # sentence before or has commas) and stops without punctuation; headings are short and plain
        unit_text = text[unit[0] : unit[1]]
        prose = ", " in unit_text or _PROSE_END.search(unit_text)
        return bool(prose) and len(unit_text) >= 100
    return False


def _split_unit(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    s = start
    for m in _END.finditer(text, start, end):
        if m.group(1) is not None and _abbreviation_before(text, s, m.start()) and text[m.start()] == ".":
            continue
        cut = m.start(1) if m.group(1) is not None else m.end()
        if cut > s:
            out.extend(_cap(text, s, cut))
        s = m.end()
    if s < end:
        out.extend(_cap(text, s, end))
    return [sp for sp in (_strip(text, a, b) for a, b in out) if sp[0] < sp[1]]


def _abbreviation_before(text: str, sent_start: int, dot: int) -> bool:
    word = _WORD_BEFORE.search(text[max(sent_start, dot - 20) : dot])
    token = word.group(0) if word else ""
    if not token:
        return False
    low = token.lower()
    if low in ABBREVIATIONS or _INITIALS.fullmatch(low):
        # "U.S. State Department", "No. 1" — but "..., etc. Harbin" is not in the list
        return True
    return bool(_INITIAL.fullmatch(token))  # an initial: "J. Smith"


def _cap(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut a run longer than MAX_SENTENCE at whitespace so one sentence stays bounded."""
    spans = []
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = cut if cut > s else s + MAX_SENTENCE
        spans.append((s, cut))
        s = cut
    spans.append((s, e))
    return spans


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
