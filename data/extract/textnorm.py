"""Text normalisation for matching, with a map back to offsets in the original text.

Matching runs on a lower-cased copy in which every whitespace run (PDF line breaks, blank lines,
no-break spaces) is one space, typographic quotes and apostrophes are ASCII and dashes are ``-``.
Between two Chinese characters a whitespace run is removed altogether: Chinese has no spaces between
words, so a line break there (a PDF wrapping "西部大开\n发") is no word boundary. Offsets found in that
copy map back to the original with :meth:`Normalised.to_original`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# 1:1 character replacements (length-preserving, so only whitespace collapsing moves offsets)
_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\t\n\r\x0b\x0c\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                        "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000", " "),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
# a run to shorten: two or more spaces (kept as one), or any run between two CJK ideographs (removed)
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE_RUN = re.compile(f"(?<=[{_CJK_CLASS}]) +(?=[{_CJK_CLASS}])| {{2,}}")


@dataclass(frozen=True, slots=True)
class Normalised:
    """A normalised copy of a text and the breakpoints that map it back.

    Attributes
    ----------
    text : str
        The normalised text (lower-cased when built with ``lower=True``).
    starts : tuple of int
        Normalised positions after which the shift in ``shifts`` applies (sorted).
    shifts : tuple of int
        Cumulative number of characters removed before each position in ``starts``.
    """

    text: str
    starts: tuple[int, ...]
    shifts: tuple[int, ...]

    def to_original(self, pos: int) -> int:
        """Map a start offset in the normalised text to the original text."""
        i = bisect_right(self.starts, pos) - 1
        return pos + (self.shifts[i] if i >= 0 else 0)

    def end_to_original(self, end: int) -> int:
        """Map an exclusive end offset (a match never ends inside a collapsed run)."""
        return self.to_original(end - 1) + 1 if end > 0 else 0


def _between_cjk(text: str, m: re.Match[str]) -> bool:
    return m.start() > 0 and m.end() < len(text) and bool(
        re.match(f"[{_CJK_CLASS}]", text[m.start() - 1]) and re.match(f"[{_CJK_CLASS}]", text[m.end()])
    )


def fold(text: str) -> str:
    """Return the 1:1 folded form of ``text``: ASCII quotes/dashes, spaces, lower case (same length)."""
    out = text.translate(_TRANSLATE)
    low = out.lower()
    if len(low) == len(out):
        return low
    # a few characters (e.g. 'İ') lower to two; keep the first so offsets stay aligned
    return "".join(c.lower()[0] for c in out)


def normalise(text: str, *, lower: bool = True) -> Normalised:
    """Normalise ``text`` for matching and keep the offset map.

    Parameters
    ----------
    text : str
        The original text.
    lower : bool, default True
        Lower-case as well (the gazetteer matches case-insensitively).

    Returns
    -------
    Normalised
    """
    folded = fold(text) if lower else text.translate(_TRANSLATE)
    starts: list[int] = []
    shifts: list[int] = []
    parts: list[str] = []
    removed = 0
    last = 0
    for m in _SPACE_RUN.finditer(folded):
        keep = 0 if folded[m.start() - 1 : m.start()] != " " and _between_cjk(folded, m) else 1
        parts.append(folded[last : m.start() + keep])
        removed += m.end() - m.start() - keep
        # the first character after the run sits at this normalised position
        starts.append(m.end() - removed)
        shifts.append(removed)
        last = m.end()
    parts.append(folded[last:])
    return Normalised("".join(parts), tuple(starts), tuple(shifts))


def squash(text: str) -> str:
    """Collapse whitespace runs to one space and strip (for display of sentences and quotes)."""
    return " ".join(text.split())


def compare_key(text: str) -> str:
    """A key to compare quotes with text: folded quotes/dashes, collapsed whitespace, lower case."""
    return " ".join(fold(text).split())
