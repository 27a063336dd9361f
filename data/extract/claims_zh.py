"""Numeric claims written in Chinese, normalised like the English ones (:mod:`data.extract.claims`).

- Numbers in Arabic or Chinese numerals with the scales 万 / 亿 / 万亿 (``1.2万亿元`` -> 1.2e12 yuan,
  ``三十`` -> 30, ``两`` -> 2); a number needs a unit to be a claim.
- Units: ``%`` / ``％`` / ``百分之N`` (percent), ``个百分点`` (percentage_points), ``N成`` (N×10 percent),
  元 / 人民币 (yuan), 美元 (usd), 公里 / 千米 (km), 平方公里 (km2), 毫米 (mm), 吨 (tons), 人 / 人口 (persons),
  ``N分之M`` (fraction); counts of listed nouns (``12个省区市`` -> 12, unit ``count``, indicator
  ``province_count``; ``10多个国家`` -> 10, ``country_count``), durations (``5年来`` -> 5 years) and
  times (``30多次`` -> 30, unit ``times``).
- Qualifiers: before the number 超过 / 超 / 逾 (over), 多于 (more_than), 近 / 将近 / 接近 (nearly), 约 / 大约
  (about), 不到 / 不足 / 少于 (less_than), 至少 / 不少于 (at_least), 最多 / 不超过 (up_to); after it 多 / 余 /
  以上 / 还多 (over), 左右 (about), 以下 (less_than); ``约占…的48.8%`` is about.
- Not claims: calendar years and dates, ordinals (第六届, 四次全会), ``一个国家`` (a count starts at two,
  as the English count words do), 国家 as an adjective (45个国家先进制造业集群), ``百万吨级`` (a class), 人次.

:func:`find_zh_claims` reads the normalised sentence (:func:`data.extract.textnorm.normalise`: lower case,
line breaks inside Chinese text removed) and its offsets refer to that text; full-width digits, ``％`` and
``．`` are read as ASCII (a 1:1 mapping, so offsets do not move).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple


class ZhClaim(NamedTuple):
    """A Chinese claim: offsets into the sentence, normalised value, unit, qualifier, indicator, period."""

    start: int
    end: int
    value: Decimal
    unit: str
    qualifier: str
    indicator: str
    period: str


_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9}
_UNITS_CN = {"十": 10, "百": 100, "千": 1000}
_SCALES = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8, "千万": 10**7,
           "百万": 10**6, "十万": 10**5, "万": 10**4}

_QUAL_BEFORE = {
    "不超过": "up_to", "超过": "over", "超出": "over", "超": "over", "逾": "over", "多于": "more_than",
    "高于": "more_than", "将近": "nearly", "接近": "nearly", "近": "nearly", "大约": "about", "约": "about",
    "不到": "less_than", "不足": "less_than", "少于": "less_than", "至少": "at_least", "不少于": "at_least",
    "最多": "up_to", "至多": "up_to",
}
_QUAL_BEFORE_RE = "|".join(sorted(map(re.escape, _QUAL_BEFORE), key=len, reverse=True))

_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千]+"
_SCALE_RE = "|".join(sorted(_SCALES, key=len, reverse=True))

_NUMBER = re.compile(
    rf"(?P<qual>{_QUAL_BEFORE_RE})?"
    rf"(?:(?<![\dA-Za-z.,第])(?P<ar>{_AR})(?![\d])|(?<!第)(?P<cn>{_CN}))"
    r"(?P<more1>多|余)?"
    rf"(?P<scale>{_SCALE_RE})?"
    r"(?P<more2>多|余)?"
)
# units right after the number (and its scale); the order matters: longest and most specific first
_UNIT = re.compile(
    r"(?P<pp>个百分点|百分点)|(?P<pct>%)|(?P<cheng>成)(?P<cheng_more>还多|多)?"
    r"|(?P<yuan>元人民币|亿元|万元|元|人民币)|(?P<usd>美元)"
    r"|(?P<km2>平方公里|平方千米)|(?P<km>公里|千米)|(?P<mm>毫米)|(?P<tons>吨)(?!级)"
    r"|(?P<persons>人口|年轻人|人)(?![次民均才员大们士类工转])"
    r"|(?P<times>次)(?!全会|会议|大会|党代会|代表大会|常委会|峰会|集体学习)"
    r"|(?P<years>年)(?P<years_tail>来|间)?(?![级代度月底初末份龄届\d])"
)
# counted nouns after the number, with an optional measure word; -> indicator
_COUNTED: tuple[tuple[str, str], ...] = (
    ("省、自治区、直辖市", "province_count"), ("省区市", "province_count"), ("省份", "province_count"),
    ("省区", "province_count"), ("省市", "province_count"), ("自治区", "autonomous_region_count"),
    ("直辖市", "municipality_count"),
    ("地级市", "prefecture_count"), ("城市", "city_count"), ("国家", "country_count"), ("口岸", "port_count"),
    ("机场", "airport_count"), ("自然保护区", "nature_reserve_count"), ("村", "village_count"),
    ("县", "county_count"), ("省", "province_count"),
)
_COUNT = re.compile(
    r"(?P<measure>个|多个|余个)?(?P<noun>" + "|".join(re.escape(n) for n, _ in _COUNTED) + r")(?![群圈化])"
)
_COUNTED_HINT = dict(_COUNTED)
# "N个国家" is not a count of countries when 国家 is an adjective: 国家级, 45个国家先进制造业集群
_NATIONAL = re.compile(
    r"级|[^，。、；：,;:和与及的]{0,8}?(?:集群|节点|实验室|示范区|中心|基地|公园|新区|开发区|试验区|枢纽|城市|园区|工程"
    r"|项目|平台|标准|战略|高新区)"
)
# a province count is not followed by these (省委, 省级, 省长)
_NOT_AFTER_SHENG = re.compile(r"[委会级长市份区]")
_QUAL_AFTER = re.compile(r"以上|左右|以下|以内")
_QUAL_AFTER_MAP = {"以上": "over", "左右": "about", "以下": "less_than", "以内": "up_to"}
_FRACTION = re.compile(
    rf"(?P<qual>{_QUAL_BEFORE_RE})?(?P<den>{_AR}|[一二三四五六七八九十百千]+)分之(?P<num>{_AR}|{_CN})"
)
_MAYBE = re.compile(
    r"[\d０-９]|[一二两三四五六七八九十百千][十百千万亿]?(?:多|余)?(?:个|分之|成|次|年|省|国|人|吨|元)"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年(?!代)")
_QUARTER = re.compile(r"((?:19|20)\d{2})年(?:第)?([一二三四1-4])季度")
_HALF = re.compile(r"((?:19|20)\d{2})年(上|下)半年")
_CLAUSE_END = re.compile(r"[。；;，,、：:！？]")
_ABOUT_SHARE = re.compile(r"(?:大约|约)占")
_SENTENCE_PART = re.compile(r"[。；;！？]")

_ZH_INDICATORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p)) for name, p in (
        ("fixed_asset_investment", r"固定资产投资"),
        ("retail_sales", r"社会消费品零售总额"),
        ("gdp", r"GDP|gdp|地区生产总值|国内生产总值|生产总值|经济总量"),
        ("grain_production", r"粮食(?:总)?产量"),
        ("land_border_length", r"边界线|边境线"),
        ("population", r"人口"),
        ("area", r"国土面积|面积"),
        ("exports", r"出口"),
        ("growth", r"增速|增幅|增长率"),
    )
)
_GROWTH_CUE = re.compile(r"增长|增速|增幅|同比|上涨|下降|降幅|涨幅|回落")
_SHARE_WHAT = (("国土面积", "land_area"), ("面积", "land_area"), ("人口", "population"),
               ("边界线", "land_border"), ("粮食产量", "grain_production"))


def cn_number(s: str) -> Decimal | None:
    """Value of a Chinese numeral below 万 (None when it is none).

    ``十二`` -> 12, ``三十`` -> 30, ``两千`` -> 2000, ``二〇二三`` -> 2023.
    """
    if not s:
        return None
    if not any(ch in _UNITS_CN for ch in s):
        if not all(ch in _DIGITS for ch in s):
            return None
        return Decimal("".join(str(_DIGITS[ch]) for ch in s))  # digit by digit: 二〇二三
    total, digit = 0, None
    for ch in s:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # 三四十: two digits in a row
            digit = _DIGITS[ch]
        elif ch in _UNITS_CN:
            total += (1 if digit is None else digit) * _UNITS_CN[ch]
            digit = None
        else:
            return None
    return Decimal(total + (digit or 0))


def find_zh_claims(sentence: str) -> list[ZhClaim]:
    """Return the Chinese numeric claims of one (normalised) sentence, offsets into it, in order."""
    text = sentence.translate(_FULLWIDTH)
    if not _MAYBE.search(text):
        return []
    spans: list[tuple[int, int, Decimal, str, str, str]] = []
    for m in _FRACTION.finditer(text):
        found = _fraction(m)
        if found:
            spans.append(found)
    for m in _NUMBER.finditer(text):
        if any(s < m.end() and m.start() < e for s, e, *_ in spans):
            continue
        found = _number(text, m)
        if found:
            spans.append(found)
    spans.sort()
    out = []
    for start, end, value, unit, qualifier, hint in spans:
        if qualifier == "exact" and unit in ("percent", "fraction") and _ABOUT_SHARE.search(
            _clause(text, start)
        ):
            qualifier = "about"  # 约占国土面积的七成
        indicator = hint if unit == "count" else _indicator(text, start, end, unit)
        out.append(ZhClaim(start, end, value, unit, qualifier, indicator, _period(text, start)))
    return out


def _fraction(m: re.Match[str]) -> tuple[int, int, Decimal, str, str, str] | None:
    den_s, num_s = m.group("den"), m.group("num")
    num = Decimal(num_s.replace(",", "")) if num_s[0].isdigit() else cn_number(num_s)
    if num is None:
        return None
    start = m.start("qual") if m.group("qual") else m.start("den")
    qualifier = _QUAL_BEFORE.get(m.group("qual") or "", "exact")
    if den_s == "百":
        return (start, m.end(), num, "percent", qualifier, "")
    den = Decimal(den_s.replace(",", "")) if den_s[0].isdigit() else cn_number(den_s)
    if not den:
        return None
    return (start, m.end(), num / den, "fraction", qualifier, "")


def _number(text: str, m: re.Match[str]) -> tuple[int, int, Decimal, str, str, str] | None:
    ar, cn = m.group("ar"), m.group("cn")
    if ar is not None:
        if re.fullmatch(r"0\d+", ar):
            return None
        value = Decimal(ar.replace(",", ""))
        number_start = m.start("ar")
    else:
        parsed = cn_number(cn)
        if parsed is None:
            return None
        value = parsed
        number_start = m.start("cn")
    scale = m.group("scale")
    if scale:
        value *= _SCALES[scale]
    qualifier = _QUAL_BEFORE.get(m.group("qual") or "", "exact")
    if m.group("more1") or m.group("more2"):
        qualifier = "over"  # 30多次, 3亿多人口
    end = m.end()
    unit, hint = "", ""
    u = _UNIT.match(text, end)
    c = None if u else _COUNT.match(text, end)
    if u:
        kind = next(g for g in _UNIT_OF if u.group(g) is not None)
        unit = _UNIT_OF[kind]
        if kind == "yuan" and u.group("yuan") in ("亿元", "万元"):
            if scale:
                return None  # 万亿元 is read as the scale 万亿 and 元; "3万万元" is no number
            value *= _SCALES[u.group("yuan")[0]]
        if kind == "cheng":
            if scale or value > 10 or value != value.to_integral_value():
                return None
            value *= 10
            if u.group("cheng_more"):
                qualifier = "over"  # 七成还多
        if kind in ("years", "times") and (
            (ar is not None and _looks_like_year(ar)) or scale
            or (cn is not None and (value < 2 or cn in "百千"))
        ):
            return None  # 2023年; 一次; 百年大计, 千年古城 (a figure of speech, not a duration)
        if kind == "years" and ar is not None and value > 200:
            return None
        if kind == "persons" and cn is not None and not scale and value < 2:
            return None  # 一人, 个人
        end = u.end()
    elif c:
        noun = c.group("noun")
        if (cn is not None and value < 2) or scale or (ar is not None and _looks_like_year(ar)):
            return None  # 一个国家, 两制
        if noun == "国家" and _NATIONAL.match(text, c.end()):
            return None  # 45个国家先进制造业集群: national-level clusters
        if noun == "省" and _NOT_AFTER_SHENG.match(text, c.end()):
            return None
        if noun in ("县", "村") and not c.group("measure") and ar is None:
            return None  # 三县: too often part of a name
        unit, hint, end = "count", _COUNTED_HINT[noun], c.end()
    else:
        return None
    q = _QUAL_AFTER.match(text, end)
    if q and unit not in ("years", "times"):
        qualifier = _QUAL_AFTER_MAP[q.group()]
        end = q.end()
    start = m.start("qual") if m.group("qual") else number_start
    return (start, end, value, unit, qualifier, hint)


_UNIT_OF = {"pp": "percentage_points", "pct": "percent", "cheng": "percent", "yuan": "yuan", "usd": "usd",
            "km2": "km2", "km": "km", "mm": "mm", "tons": "tons", "persons": "persons", "times": "times",
            "years": "years"}


def _looks_like_year(num: str) -> bool:
    return num.isdigit() and len(num) == 4 and 1800 <= int(num) <= 2100


def _clause(text: str, start: int) -> str:
    cut = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    return text[cut:start]


def _indicator(text: str, start: int, end: int, unit: str) -> str:
    # the indicator may be named a comma or two earlier (GDP增长5.2%，达到1.2万亿元), not across a "；"
    before = text[max((m.end() for m in _SENTENCE_PART.finditer(text, 0, start)), default=0) : start]
    base, best = "", -1
    for name, pattern in _ZH_INDICATORS:
        for m in pattern.finditer(before):
            if m.start() > best:
                best, base = m.start(), name
    clause = _clause(text, start)
    if unit in ("percent", "fraction") and "占" in clause:
        before = clause
        i = before.rfind("占")
        after_zhan, before_zhan = before[i:], before[:i]
        for word, what in _SHARE_WHAT:
            if word in after_zhan:
                return f"{what}_share"
        for word, what in _SHARE_WHAT:
            if word in before_zhan:
                return f"{what}_share"
        return f"{base}_share" if base and base != "growth" else ""
    if unit in ("percent", "percentage_points") and _GROWTH_CUE.search(clause):
        return "growth" if base in ("", "growth") else f"{base}_growth"
    if base == "growth":
        return ""
    return base or {"km2": "area", "persons": "population"}.get(unit, "")


def _period(text: str, start: int) -> str:
    for pattern, letter in ((_QUARTER, "Q"), (_HALF, "H")):
        hits = [m for m in pattern.finditer(text) if m.start() < start] or list(pattern.finditer(text))
        if hits:
            m = hits[-1] if hits[-1].start() < start else hits[0]
            part = m.group(2)
            n = {"一": 1, "二": 2, "三": 3, "四": 4, "上": 1, "下": 2}.get(part) or int(part)
            return f"{m.group(1)}{letter}{n}"
    years = list(_YEAR.finditer(text))
    before = [m for m in years if m.end() <= start]
    if before:
        return before[-1].group(1)
    return years[0].group(1) if years else ""
