"""Numeric claims: a number with a unit, its qualifier, and the indicator and period the sentence gives.

Sentences with Chinese characters also go through :mod:`data.extract.claims_zh` (Chinese numerals, 万 / 亿,
成, 个百分点, 多 / 近 / 约 ...); where both read the same figure the Chinese reading wins.

Works on one sentence at a time (the indicator and period come from the sentence). Numbers are
normalised (``6.87 million`` -> 6870000, ``3 trillion yuan`` -> 3e12 yuan, ``one-third`` -> 0.3333
fraction); a bare number without a unit is not a claim. Counts of a few nouns ("13 countries", "nine
border provinces") and durations ("11 consecutive years") are claims; calendar years, dates, ranks
("No.1", "ranked first") and ordinals are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from data.extract.claims_zh import find_zh_claims
from data.extract.language import has_cjk
from data.extract.textnorm import Normalised, normalise


class _Span(NamedTuple):
    start: int
    end: int
    value: Decimal
    unit: str
    qualifier: str
    hint: str  # indicator known from the counted noun


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric claim inside a sentence; offsets are relative to the sentence's original text."""

    start: int
    end: int
    value: float
    unit: str
    qualifier: str
    indicator: str
    period: str


_SCALES = {
    "thousand": Decimal(10**3), "million": Decimal(10**6), "billion": Decimal(10**9),
    "trillion": Decimal(10**12), "100 million": Decimal(10**8), "hundred million": Decimal(10**8),
}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "a": 1,
}
_QUALIFIERS = {
    "more than": "more_than", "over": "over", "above": "over", "exceeding": "over", "exceeded": "over",
    "approximately": "about", "about": "about", "around": "about", "roughly": "about", "some": "about",
    "nearly": "nearly", "almost": "nearly", "less than": "less_than", "under": "less_than",
    "below": "less_than", "at least": "at_least", "up to": "up_to",
}
_UNITS: tuple[tuple[str, str], ...] = (
    (r"percentage\**\s?points?", "percentage_points"),
    (r"percent|per cent|%", "percent"),
    (r"yuan|rmb|renminbi", "yuan"),
    (r"u\.s\. dollars|us dollars|dollars", "usd"),
    (r"square kilomet(?:er|re)s?|sq\.? ?km|km2|km²|square km", "km2"),
    (r"kilomet(?:er|re)s?|km", "km"),
    (r"millimet(?:er|re)s?|mm", "mm"),
    (r"people|persons|residents|inhabitants", "persons"),
    (r"metric tons|tons|tonnes", "tons"),
)
# counted nouns -> indicator ("13 countries", "nine border provinces", "about 200 new border villages")
_COUNTED: dict[str, str] = {
    "countries": "country_count", "provinces": "province_count",
    "autonomous regions": "autonomous_region_count", "municipalities": "municipality_count",
    "regions": "region_count", "villages": "village_count", "airports": "airport_count",
    "ports": "port_count", "cities": "city_count", "counties": "county_count",
    "prefectures": "prefecture_count", "industries": "industry_count",
    "nature reserves": "nature_reserve_count", "species": "species_count", "types": "type_count",
    "centers": "center_count", "centres": "center_count", "securities": "security_count", "years": "",
}
_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}

_QUAL_RE = "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True))
_NUMBER = re.compile(
    r"(?:\b(?P<qual>" + _QUAL_RE + r")\s?(?:\*\*)?\s?)?"
    r"(?P<cur>us\\?\$\s?|usd\s?|\$\s?|rmb\s?|cny\s?)?"
    r"(?:(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]\d)"
    r"|\b(?P<wnum>one|two|three|four|five|six|seven|eight|nine|ten|a)(?=\s(?:thousand|million|billion|trillion)\b)"
    r"|\b(?P<wcount>" + "|".join(_COUNT_WORDS) + r")\b(?!-))"
    r"(?:\s?(?P<scale>100 million|hundred million|thousand|million|billion|trillion)\b)?"
)
# each unit's own pattern, compiled once (to name the unit _UNIT_AFTER found)
_UNIT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), canon) for p, canon in _UNITS)
_LEADING_ZERO = re.compile(r"0\d+")
_UNIT_AFTER = re.compile(
    r"\s?(?:\*\*)?\s?(?P<unit>" + "|".join(f"(?:{p})" for p, _ in _UNITS) + r")(?![a-z0-9])"
)
_COUNT_AFTER = re.compile(
    r"\s(?:(?!(?:of|and|or|in|the|to|for|from|with|by|as|than|which|that|its|their)\b)[a-z][a-z-]*\s){0,5}?"
    r"(?P<noun>" + "|".join(sorted(_COUNTED, key=len, reverse=True)) + r")\b"
)
_FRACTION = re.compile(
    r"(?:\b(?P<qual>" + _QUAL_RE + r")\s?(?:\*\*)?\s?)?"
    r"\b(?P<frac>one[- ]third|a third|two[- ]thirds|one[- ]quarter|a quarter|three[- ]quarters"
    r"|one[- ]half|one[- ]fifth)\b"
    r"(?! (?:century|of (?:\d{4}|the year)))"
)
_FRACTIONS = {
    "third": Decimal(1) / 3, "thirds": Decimal(2) / 3, "quarter": Decimal("0.25"),
    "quarters": Decimal("0.75"), "half": Decimal("0.5"), "fifth": Decimal("0.2"),
}
# cheap pre-check: a digit, a count word, "a/one million", or a fraction word
_MAYBE_NUMBER = re.compile(
    r"\d|\b(?:" + "|".join(_COUNT_WORDS) + r")\b|\b(?:one|a) (?:thousand|million|billion|trillion)\b"
    r"|third|quarter|half|fifth"
)
_OF_WHICH = re.compile(r"\s(?:of which|of them)\b")  # "10 of which": a count of the noun just named
_POPULATION_OF = re.compile(r"population (?:of|was|reached|stood at|is|totall?ed)\s?(?:\*\*)?\s?$")

# indicator keywords, most specific first; matched in the clause before the number
_INDICATORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p))
    for name, p in (
        ("primary_industry_value_added", r"primary industry"),
        ("secondary_industry_value_added", r"secondary industry"),
        ("tertiary_industry_value_added", r"tertiary industry"),
        ("fixed_asset_investment", r"fixed[- ]asset investment"),
        ("retail_sales", r"retail sales"),
        ("net_population_inflow", r"net (?:population )?inflow"),
        ("gdp", r"\bgdp\b|gross (?:regional|domestic) product"),
        ("land_border_length", r"land border ?line|land border|borderline"),
        ("grain_production", r"grain (?:production|output)"),
        ("high_tech_enterprises", r"high-tech enterprises"),
        ("population", r"\bpopulation\b"),
        ("area", r"\bland area\b|\bcovers? an area\b|\barea of\b"),
        ("precipitation", r"precipitation"),
        ("exports", r"\bexports?\b"),
        ("nature_reserves", r"nature reserves"),
        ("growth", r"growth rate"),
    )
)
_UNIT_INDICATOR = {"km2": "area", "persons": "population"}
_GROWTH_CUE = re.compile(
    r"(?:year-on-year|increase[sd]?|grew|growth|rose|surged|up|expanded|declined?|decrease[sd]?|down|faster|"
    r"higher|lower)\b[^;]{0,60}$"
)
_GROWTH_AFTER = re.compile(r"^\W{0,4}(?:year-on-year|yoy)")
_SHARE_AFTER = re.compile(
    r"^\s?(?:\*\*)?\s?of (?:the |china's |the country's |the province's |the nation's |the region's )?"
    r"(?:national |country's )?(?:total )?(?P<what>land area|population|land border ?line|borderline|"
    r"grain production|national total|total)\b"
)
_SHARE_WHAT = {
    "land area": "land_area", "population": "population", "land border line": "land_border",
    "land borderline": "land_border", "borderline": "land_border", "grain production": "grain_production",
}
_PERIODS = (
    (re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter of (\d{4})\b"), "Q"),
    (re.compile(r"\b(first|second|1st|2nd) half of (\d{4})\b"), "H"),
)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_YEAR = re.compile(r"\b(?:in|as of|by|during|for|end of|year) (?:the year )?((?:19|20)\d{2})\b(?![-–]\d)")


def find_claims(sentence: str, norm: Normalised | None = None) -> list[Claim]:
    """Return the numeric claims in one sentence.

    Parameters
    ----------
    sentence : str
        Original text of one sentence (offsets of the claims refer to it).
    norm : Normalised, optional
        ``normalise(sentence)`` when the caller has it already.

    Returns
    -------
    list of Claim
        In order of appearance.
    """
    norm = norm if norm is not None else normalise(sentence)
    english = _english_claims(norm)
    if not has_cjk(sentence):
        return english
    # Chinese rules (data.extract.claims_zh) for the Chinese parts; English figures in between stay
    chinese = [
        Claim(norm.to_original(c.start), norm.end_to_original(c.end), _to_float(c.value, c.unit), c.unit,
              c.qualifier, c.indicator, c.period)
        for c in find_zh_claims(norm.text)
    ]
    kept = [c for c in english if not any(z.start < c.end and c.start < z.end for z in chinese)]
    return sorted(chinese + kept, key=lambda c: (c.start, c.end))


def _english_claims(norm: Normalised) -> list[Claim]:
    text = norm.text
    if not _MAYBE_NUMBER.search(text):
        return []  # most sentences: skip the expensive patterns
    spans: list[_Span] = []
    for m in _NUMBER.finditer(text):
        found = _number_claim(text, m)
        if found:
            spans.append(found)
    for m in _FRACTION.finditer(text):
        if not any(s.start < m.end() and m.start() < s.end for s in spans):
            frac = m.group("frac")
            value = _FRACTIONS[re.split(r"[- ]", frac)[-1]]
            qualifier = _QUALIFIERS.get(m.group("qual") or "", "exact")
            spans.append(_Span(m.start(), m.end(), value, "fraction", qualifier, ""))
    spans.sort()
    period = _period(text)
    claims: list[Claim] = []
    for start, end, value, unit, qualifier, hint in spans:
        indicator = hint or ("" if unit == "years" else _indicator(text, start, end, unit))
        if unit == "usd" and claims and claims[-1].unit == "yuan" and text[:start].rstrip(" *").endswith("("):
            indicator = claims[-1].indicator  # "264.12 billion yuan (US$36.98 billion)": the same figure
        claims.append(
            Claim(
                norm.to_original(start), norm.end_to_original(end), _to_float(value, unit), unit, qualifier,
                indicator, period,
            )
        )
    return claims


def _number_claim(text: str, m: re.Match[str]) -> _Span | None:
    num, wcount = m.group("num"), m.group("wcount")
    if num is not None:
        if _LEADING_ZERO.fullmatch(num):
            return None  # "01 Border cities": a numbered heading, not a figure
        value = Decimal(num.replace(",", ""))
        number_start = m.start("num")
    elif wcount is not None:
        value = Decimal(_COUNT_WORDS[wcount])
        number_start = m.start("wcount")
    else:
        value = Decimal(_WORD_NUMBERS[m.group("wnum")])
        number_start = m.start("wnum")
    scale = m.group("scale")
    if scale:
        value *= _SCALES[scale]
    end = m.end()
    unit, hint = "", ""
    u = _UNIT_AFTER.match(text, end)
    if u:
        unit = next(canon for p, canon in _UNIT_PATTERNS if p.fullmatch(u.group("unit")))
        end = u.end()
    cur = (m.group("cur") or "").strip()
    if cur:
        if (unit and unit not in ("usd", "yuan")) or wcount:
            return None
        unit = "yuan" if cur in ("rmb", "cny") else "usd"
    elif not unit:
        if _POPULATION_OF.search(text, 0, m.start()):
            unit = "persons"
        elif not scale and not (num and _looks_like_year(num)):
            c = _COUNT_AFTER.match(text, end)
            if c:
                noun = c.group("noun")
                unit, hint, end = ("years" if noun == "years" else "count"), _COUNTED[noun], c.end()
            elif _OF_WHICH.match(text, end) and _COUNT_AFTER.search(text, 0, m.start()):
                unit = "count"  # "more than 50 types of minerals, 10 of which ..."
            else:
                return None
        else:
            return None
    start = m.start("qual") if m.group("qual") else m.start("cur") if cur else number_start
    return _Span(start, end, value, unit, _QUALIFIERS.get(m.group("qual") or "", "exact"), hint)


def _looks_like_year(num: str) -> bool:
    return num.isdigit() and len(num) == 4 and 1800 <= int(num) <= 2100


def _to_float(value: Decimal, unit: str) -> float:
    if unit == "fraction":
        return float(round(value, 4))
    return float(value)


def _period(text: str) -> str:
    for pattern, letter in _PERIODS:
        m = pattern.search(text)
        if m:
            return f"{m.group(2)}{letter}{_ORDINAL[m.group(1)]}"
    m = _YEAR.search(text)
    return m.group(1) if m else ""


def _indicator(text: str, start: int, end: int, unit: str) -> str:
    clause_start = max(text.rfind(";", 0, start), 0)
    before = text[clause_start:start]
    after = text[end : end + 80]
    base = ""
    best, best_end = -1, 0
    seen: set[str] = set()
    for name, pattern in _INDICATORS:
        for m in pattern.finditer(before):
            seen.add(name)
            if m.start() > best:
                best, best_end, base = m.start(), m.end(), name
    if len(seen - {"growth"}) > 1 and "respectively" in text[end:] and re.search(r"\d", before[best_end:]):
        base = ""  # "primary ... secondary ... tertiary ... up 7.2, 8.1, 4.1 percent, respectively"
    share = _SHARE_AFTER.match(after) if unit == "percent" else None
    if share:
        what = share.group("what")
        return f"{_SHARE_WHAT.get(what, base or 'total')}_share" if what in _SHARE_WHAT or base else ""
    growth = _GROWTH_CUE.search(before) or _GROWTH_AFTER.match(after)
    if unit in ("percent", "percentage_points") and growth:
        if base == "growth":
            return "growth"
        return f"{base}_growth" if base else "growth"
    if base == "growth":
        return ""
    return base or _UNIT_INDICATOR.get(unit, "")
