"""Ambiguity rules: which entry a matched name refers to, given its sentence and document.

- Jilin is the province unless the text says "Jilin City", "the city of Jilin", or joins it by hyphens
  to another city ("Changchun-Jilin-Tumenjiang").
- Hainan is the province unless the text ties it to Qinghai ("Hainan Prefecture", "Hainan, Qinghai").
- Homophones (Dongxing in Guangxi and a district of Neijiang; Yichun in Heilongjiang and in Jiangxi;
  Jilong = Gyirong in Tibet or Keelung in Taiwan) go to the unit whose province the sentence names, else
  the one whose province dominates the document, else the unit the name usually means; two equally
  usual units (Taizhou, Fuzhou, ...) without context give no mention rather than a guess.
- A facility named without its kind word ("Upgrade Jilong, Zhangmu, ... ports") is that facility only
  when the kind word is in the sentence or the list head just before it; otherwise it is a place.
- A place name followed by "River", "Mountains" or "Lake" is a natural feature, not the unit.

Chinese (:func:`drop_zh_place`, applied before the longest match is chosen, and :func:`resolve_place`):

- 海南 is the province unless 青海 / 青海省 comes right before it (青海海南) or it is 海南州 / 海南藏族自治州.
- A prefecture or county short form followed by 江 / 河 / 湖 / 山 / 岭 / 峡 / 山脉 is a natural feature named
  after the place (图们江, 伊犁河), unless another place name starts right there (…江北区).
- 湖南 / 河北 / 山西 ... followed by 岸 / 畔 / 侧 / 麓 / 坡 / 缘 is a side of a lake, river or mountain
  (洞庭湖南岸, 黄河北岸, 太行山西麓), not the province.
- A form ending in 市 followed by 场 or 民 is the shorter name plus 市场 / 市民 (深圳市场 -> 深圳).
- Idioms and features listed in :data:`data.extract._zh_data.NOT_A_PLACE_ZH` (长治久安, 天山南北) name no
  place.
- Short forms that are ordinary words (来宾, 白银, 阿里) are homophones: their province must be named in the
  sentence (the gazetteer marks them context-only).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from data.extract._gazetteer_data import KIND_WORDS
from data.extract._zh_data import (
    DESIGNATORS_ZH,
    FEATURE_AFTER_ZH,
    FEATURE_SIDE_AFTER,
    FEATURE_SIDE_FIRST,
    NOT_A_PLACE_ZH,
)
from data.extract.gazetteer import PLACE_TYPES, Candidate, Entry, Gazetteer, RawMatch
from data.extract.language import has_cjk

_KIND_RE = {kind: re.compile(rf"\b(?:{words})\b") for kind, words in KIND_WORDS.items()}
# used with .match(text, pos), so no "^" (which would only match at 0)
_FEATURE_AFTER = re.compile(r" (?:rivers?|mountains?|lake|range|river basin)\b")
_HYPHEN_BEFORE = re.compile(r"([a-z][a-z']+)-$")
_HYPHEN_AFTER = re.compile(r"^-([a-z][a-z']+)")
_QINGHAI_AFTER = re.compile(r"(?:,? (?:in )?qinghai\b| (?:tibetan )?(?:autonomous )?prefecture\b)")


def resolve_place(m: RawMatch, text: str, sentence_provinces: Mapping[str, tuple[int, ...]],
                  doc_provinces: Counter[str], gaz: Gazetteer) -> Entry | None:
    """Choose the place a matched name refers to, or None when it names none.

    Parameters
    ----------
    m : RawMatch
        A gazetteer match in the normalised sentence ``text``.
    text : str
        The normalised (lower-case) sentence.
    sentence_provinces : mapping
        Provinces named unambiguously in the sentence -> offsets where they are named.
    doc_provinces : Counter
        How many sentences of the document (chunk) name each province.
    gaz : Gazetteer
        The gazetteer the match came from (for Jilin City and the prefecture names).
    """
    cands = [c for c in m.candidates if c.entry.type in PLACE_TYPES]
    if not cands or _FEATURE_AFTER.match(text, m.end):
        return None  # "Hinggan Mountains", "Tumen River": a natural feature
    if m.form == "jilin":
        return _jilin(m, text, cands, gaz)
    if m.form == "hainan":
        return _hainan(m, text, cands)
    if m.form == "海南":
        return _hainan_zh(m, text, cands)
    entries = list(dict.fromkeys(c.entry for c in cands))
    usual = list(dict.fromkeys(c.entry for c in cands if not c.context_only))
    if len(entries) == 1:
        return usual[0] if usual else (entries[0] if entries[0].province in sentence_provinces else None)
    in_sentence = [e for e in entries if e.province and e.province in sentence_provinces]
    if len(in_sentence) == 1:
        return in_sentence[0]
    if in_sentence:
        # "Fuzhou, Fujian Province, and Yichun in Jiangxi": the province named nearest decides
        near = sorted((min(abs(p - m.start) for p in sentence_provinces[e.province]), i)
                      for i, e in enumerate(in_sentence))
        if near[0][0] < near[1][0]:
            return in_sentence[near[0][1]]
    counts = sorted(((doc_provinces.get(e.province, 0), i) for i, e in enumerate(entries)), reverse=True)
    if counts[0][0] > 0 and (len(counts) == 1 or counts[0][0] > counts[1][0]):
        return entries[counts[0][1]]
    return usual[0] if len(usual) == 1 else None


def _jilin(m: RawMatch, text: str, cands: list[Candidate], gaz: Gazetteer) -> Entry | None:
    province = next((c.entry for c in cands if c.entry.type == "province"), None)
    city = gaz.entry("prefecture", "220200")
    before = text[max(0, m.start - 40) : m.start]
    is_city = before.endswith("city of ")
    for pattern, chunk in ((_HYPHEN_BEFORE, before), (_HYPHEN_AFTER, text[m.end : m.end + 40])):
        hit = pattern.search(chunk)
        # "Changchun-Jilin-Tumenjiang": joined by hyphens to a city, Jilin is the city
        if hit and any(c.entry.type == "prefecture" for c in gaz.forms.get(hit.group(1), ())):
            is_city = True
    return city if is_city and city is not None else province


def _hainan(m: RawMatch, text: str, cands: list[Candidate]) -> Entry | None:
    province = next((c.entry for c in cands if c.entry.type == "province"), None)
    prefecture = next((c.entry for c in cands if c.entry.id == "632500"), None)
    if prefecture and (_QINGHAI_AFTER.match(text, m.end) or text[: m.start].endswith("qinghai's ")):
        return prefecture
    return province


def _hainan_zh(m: RawMatch, text: str, cands: list[Candidate]) -> Entry | None:
    province = next((c.entry for c in cands if c.entry.type == "province"), None)
    prefecture = next((c.entry for c in cands if c.entry.id == "632500"), None)
    if prefecture and text[: m.start].endswith(("青海", "青海省")):
        return prefecture
    return province


_MAX_FORM = 12  # longest Chinese place form looked up after a match (新疆维吾尔自治区 is 8)


def drop_zh_place(m: RawMatch, text: str, gaz: Gazetteer) -> bool:
    """Whether a Chinese place match is no place at all (see the module notes), before longest match.

    Parameters
    ----------
    m : RawMatch
        A match whose form has CJK characters, in the normalised sentence ``text``.
    text : str
        The normalised sentence.
    gaz : Gazetteer
        For the place names that may start right after the match.
    """
    form = m.form
    if not has_cjk(form):
        return False
    nxt = text[m.end : m.end + 1]
    if form.endswith("市") and nxt in ("场", "民"):
        return True  # 深圳市场: the shorter form 深圳 is matched on its own
    if len(form) == 2 and form[0] in FEATURE_SIDE_FIRST and nxt and nxt in FEATURE_SIDE_AFTER:
        return True  # 洞庭湖南岸, 黄河北岸
    if (not form.endswith(DESIGNATORS_ZH) and text.startswith(FEATURE_AFTER_ZH, m.end)
            and not any(c.entry.type == "province" for c in m.candidates)
            and not _place_starts_at(text, m.end, gaz)):
        return True  # 图们江, 伊犁河 (a province is not followed by a feature of its name: 浙江江山市)
    for phrase in NOT_A_PLACE_ZH:
        if form in phrase:
            lo = max(0, m.end - len(phrase))
            i = text.find(phrase, lo, m.start + len(phrase))
            if i != -1 and i <= m.start and m.end <= i + len(phrase):
                return True
    return False


def _place_starts_at(text: str, pos: int, gaz: Gazetteer) -> bool:
    for n in range(2, _MAX_FORM + 1):
        if pos + n > len(text):
            break
        if any(c.entry.type in PLACE_TYPES for c in gaz.forms.get(text[pos : pos + n], ())):
            return True
    return False


def accept_infrastructure(
    m: RawMatch, text: str, before: str, sentence_provinces: Mapping[str, tuple[int, ...]]
) -> Entry | None:
    """Return the facility a match names, or None.

    Full names ("Taxkorgan Airport") always count. Bare names need the facility's kind word after the
    name in the sentence, before it in the sentence, or in the list head just before (``before``), and
    the nearest such word decides between facilities of the same name (Manzhouli town vs port). A bare
    name is also refused when the sentence names another province that one of its place readings is in
    ("Jilong, Taiwan" is Keelung, not the Tibetan port).
    """
    scored: list[tuple[tuple[int, int], Entry]] = []
    for c in m.candidates:
        if c.entry.type != "infrastructure":
            continue
        if not c.bare:
            scored.append(((-1, 0), c.entry))
            continue
        kind_re = _KIND_RE.get(c.entry.kind)
        if kind_re is None:
            continue
        if sentence_provinces and c.entry.province not in sentence_provinces and any(
            p.entry.type in PLACE_TYPES and p.entry.province in sentence_provinces
            and p.entry.province != c.entry.province for p in m.candidates
        ):
            continue
        after = kind_re.search(text, m.end)
        earlier = list(kind_re.finditer(text, 0, m.start))
        head = list(kind_re.finditer(before))
        if after:
            scored.append(((0, after.start() - m.end), c.entry))
        elif earlier:
            scored.append(((1, m.start - earlier[-1].end()), c.entry))
        elif head:
            scored.append(((2, len(before) - head[-1].end()), c.entry))
    if not scored:
        return None
    # equal evidence ("border villages" names two village programmes): the facility whose name shares
    # most words with the sentence
    return min(scored, key=lambda x: (x[0], -_overlap(x[1].name, text)))[1]


def _overlap(name: str, text: str) -> int:
    words = set(re.findall(r"[a-z]{4,}", name.lower()))
    return sum(1 for w in words if re.search(rf"\b{w}", text))
