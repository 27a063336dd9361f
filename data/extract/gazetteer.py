"""The gazetteer: every name form the extractor knows, compiled into one Aho-Corasick automaton.

Sources, in order: :func:`geo.names.admin_units` (34 provinces and the prefecture-level units, English,
pinyin and Chinese forms), the hand-kept tables in :mod:`data.extract._gazetteer_data` (county-level
places that policy texts use, extra forms, countries), and the catalog's ``strategies.csv`` and
``infrastructure.csv`` read directly with :mod:`csv` (absent or half-written files just contribute
nothing: the extractor must work while the catalog is being written).

Forms are normalised like the text (:func:`data.extract.textnorm.fold`: lower case, ASCII quotes and
dashes, single spaces) and matched as whole words.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from config import CATALOG_DIR
from data.extract._gazetteer_data import (
    COUNTRIES,
    COUNTY_PLACES,
    EXTRA_ALIASES,
    KIND_SUFFIXES,
    KIND_WORDS,
    OTHER_PLACES,
    STRATEGY_FORM_BLOCKLIST,
    STRATEGY_FORMS,
)
from data.extract._zh_data import (
    COMMON_WORD_FORMS_ZH,
    COUNTY_SHORT_FORMS_ZH,
    STRATEGY_FORM_BLOCKLIST_ZH,
    STRATEGY_FORMS_ZH,
)
from data.extract.language import has_cjk
from data.extract.regions import find_regions
from data.extract.textnorm import compare_key

PLACE_TYPES = frozenset({"province", "prefecture", "place", "country"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a name can refer to.

    Attributes
    ----------
    type : str
        ``province | prefecture | place | country | strategy | infrastructure``.
    id : str
        Adcode, ISO3 (countries), ISO 3166-2 (places without an adcode), strategy or infrastructure id.
    name : str
        Canonical English name.
    province : str
        Adcode of the province a mention rolls up to ("" for countries, strategies and programmes).
    kind : str
        Infrastructure kind (``town``, ``port``, ...), "" otherwise.
    """

    type: str
    id: str
    name: str
    province: str = ""
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry reached through one form, with the conditions that form puts on it."""

    entry: Entry
    context_only: bool = False  # a homophone: needs its province named nearby
    bare: bool = False  # a facility named without its kind word: needs the kind word nearby
    region_word: bool = False  # a strategy named by its macro-region ("western region"): not as a locator


@dataclass(frozen=True, slots=True)
class RawMatch:
    """A whole-word match of a gazetteer form in normalised text."""

    start: int
    end: int
    form: str
    candidates: tuple[Candidate, ...]


class Gazetteer:
    """Name forms -> candidates, with an automaton to find them.

    Parameters
    ----------
    forms : dict
        Normalised form -> candidates.
    """

    def __init__(self, forms: dict[str, tuple[Candidate, ...]]) -> None:
        self.forms = forms
        self.by_id: dict[tuple[str, str], Entry] = {}
        for cands in forms.values():
            for c in cands:
                self.by_id.setdefault((c.entry.type, c.entry.id), c.entry)
        self._automaton = ahocorasick.Automaton()
        for form, cands in forms.items():
            # what find() needs per hit, computed once per form rather than once per occurrence
            self._automaton.add_word(form, (form, len(form), _is_word(form[0]), _is_word(form[-1]), cands))
        if forms:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.forms)

    def find(self, text: str) -> Iterator[RawMatch]:
        """Yield every whole-word occurrence of a form in normalised ``text`` (overlaps included)."""
        if not self.forms:
            return
        size = len(text)
        for last, (form, length, word_start, word_end, cands) in self._automaton.iter(text):
            start = last - length + 1
            end = last + 1
            if word_start and start > 0 and _is_word(text[start - 1]):
                continue
            if word_end and end < size and _is_word(text[end]):
                continue
            yield RawMatch(start, end, form, cands)

    def entry(self, type_: str, id_: str) -> Entry | None:
        """Return the entry of ``type_`` with ``id_`` (None when the gazetteer lacks it)."""
        return self.by_id.get((type_, id_))


def _is_word(ch: str) -> bool:
    # CJK text has no spaces between words, so a Chinese form may touch other characters
    return ch.isalnum() and ord(ch) < 0x2E80


def key(form: str) -> str:
    """Return the normalised form used as an automaton key."""
    return compare_key(form)


@cache
def gazetteer(catalog_dir: str | None = None) -> Gazetteer:
    """Build (once) and return the gazetteer.

    Parameters
    ----------
    catalog_dir : str, optional
        Directory holding ``strategies.csv`` and ``infrastructure.csv`` (default
        :data:`config.CATALOG_DIR`).
    """
    builder = _Builder()
    province_forms = _add_admin_units(builder)
    _add_tables(builder)
    _add_counties(builder)
    cat = Path(catalog_dir) if catalog_dir else CATALOG_DIR
    _add_strategies(builder, cat / "strategies.csv", province_forms)
    _add_infrastructure(builder, cat / "infrastructure.csv")
    return Gazetteer(builder.freeze())


class _Builder:
    def __init__(self) -> None:
        self.forms: dict[str, dict[tuple[str, str], Candidate]] = defaultdict(dict)

    def add(self, form: str, cand: Candidate) -> None:
        k = key(form)
        if not k or (len(k) < 3 and _is_word(k[0])) or len(k) < 2:
            return  # too short to be a name on its own ("ji", "US")
        slot = (cand.entry.type, cand.entry.id)
        old = self.forms[k].get(slot)
        # keep the unconditional reading when a form reaches the same entry twice
        if old is None or ((old.context_only or old.bare) and not (cand.context_only or cand.bare)):
            self.forms[k][slot] = cand

    def freeze(self) -> dict[str, tuple[Candidate, ...]]:
        return {k: tuple(v.values()) for k, v in self.forms.items()}


def _add_admin_units(b: _Builder) -> frozenset[str]:
    from geo.names import admin_units  # geometry names: cheap (index only), imported when first needed

    units = admin_units()
    provinces = {u.adcode: u for u in units if u.level == "province"}
    for u in units:
        if u.level == "province":
            entry = Entry("province", u.adcode, u.name_en, u.adcode)
        elif u.parent_adcode in provinces and u.name_en == provinces[u.parent_adcode].name_en:
            continue  # a municipality's own prefecture row: the province answers for it
        else:
            entry = Entry("prefecture", u.adcode, u.name_en, u.parent_adcode or "")
        for form in (u.name_en, *u.aliases, *EXTRA_ALIASES.get(u.adcode, ())):
            # a Chinese short form that is also an ordinary word (来宾, 白银) needs its province nearby
            b.add(form, Candidate(entry, context_only=form in COMMON_WORD_FORMS_ZH))
    # Qinghai's Hainan prefecture answers to bare "Hainan"/"海南" only by the rule in data.extract.rules
    if "632500" in {u.adcode for u in units}:
        hainan = next(u for u in units if u.adcode == "632500")
        entry = Entry("prefecture", "632500", hainan.name_en, "630000")
        b.add("Hainan", Candidate(entry, context_only=True))
        b.add("海南", Candidate(entry, context_only=True))
        b.add("海南州", Candidate(entry))
    return frozenset(key(f) for u in provinces.values() for f in (u.name_en, *u.aliases))


def _add_tables(b: _Builder) -> None:
    for adcode, (name, forms, name_zh, homophones) in COUNTY_PLACES.items():
        entry = Entry("place", adcode, name, adcode[:2] + "0000")
        for form in (name, *forms, name_zh):
            b.add(form, Candidate(entry))
        for form in homophones:
            b.add(form, Candidate(entry, context_only=True))
    for id_, (name, forms, province, homophones) in OTHER_PLACES.items():
        entry = Entry("place", id_, name, province)
        for form in (name, *forms):
            b.add(form, Candidate(entry))
        for form in homophones:
            b.add(form, Candidate(entry, context_only=True))
    for iso3, (name, forms, name_zh) in COUNTRIES.items():
        entry = Entry("country", iso3, name)
        for form in (name, *forms, name_zh):
            b.add(form, Candidate(entry))


def _add_counties(b: _Builder) -> None:
    """County-level units of the index by their full Chinese names (张北县, 温江区, 漠河市).

    Only full names: most county short forms are ordinary words (资源, 合作, 南部, 新兴); the few short forms
    texts use are listed in :data:`data.extract._zh_data.COUNTY_SHORT_FORMS_ZH`. A full name shared by
    several units (朝阳区, 新华区) needs its province nearby; two-character names (城区, 郊区, 矿区) are
    ordinary words and are left out, as is a name that is already a province or prefecture form.
    """
    units = _county_rows()
    counts: dict[str, int] = defaultdict(int)
    for _adcode, _province, name_zh, _name_en in units:
        counts[name_zh] += 1
    for adcode, province, name_zh, name_en in units:
        if adcode in COUNTY_PLACES or len(name_zh) < 3 or adcode == province:
            continue
        k = key(name_zh)
        if any(c.entry.type in ("province", "prefecture") for c in b.forms.get(k, {}).values()):
            continue
        entry = Entry("place", adcode, name_en or name_zh, province)
        b.add(name_zh, Candidate(entry, context_only=counts[name_zh] > 1))
        for form in COUNTY_SHORT_FORMS_ZH.get(adcode, ()):
            b.add(form, Candidate(entry))


def _county_rows() -> list[tuple[str, str, str, str]]:
    """(adcode, province adcode, Chinese name, English name) of every county-level unit of the index."""
    try:
        from geo.names import county_units
    except ImportError:  # an older geo.names: the index alone, without English names
        from geo.source import read_index

        rows = read_index(("区县",))
        return [(r.adcode, r.adcode[:2] + "0000", r.district, "") for r in rows if r.district]
    return [(u.adcode, u.province_adcode, u.name_zh, u.name_en) for u in county_units()]


def read_catalog_rows(path: Path) -> list[dict[str, str]]:
    """Read a catalog CSV as dicts of stripped strings; [] when absent or unreadable.

    The catalog is written by other people while the extractor runs, so a missing or half-written
    file is not an error here: the gazetteer simply lacks its entries.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [
                {(k or "").strip(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
                for row in csv.DictReader(fh)
            ]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def split_aliases(cell: str) -> list[str]:
    """Split a ";"-separated aliases cell."""
    return [a.strip() for a in cell.split(";") if a.strip()]


def _add_strategies(b: _Builder, path: Path, province_forms: frozenset[str]) -> None:
    for row in read_catalog_rows(path):
        sid = row.get("strategy_id", "")
        name = row.get("name_en", "") or sid
        if not sid:
            continue
        entry = Entry("strategy", sid, name)
        forms = [name, row.get("name_zh", ""), *split_aliases(row.get("aliases", "")),
                 *STRATEGY_FORMS.get(sid, ()), *STRATEGY_FORMS_ZH.get(sid, ())]
        for form in [v for f in forms for v in _quote_variants(f)]:
            # a province's name would turn every "Zhejiang" into the strategy
            k = key(form)
            if not k or k in province_forms or k in STRATEGY_FORM_BLOCKLIST | STRATEGY_FORM_BLOCKLIST_ZH:
                continue
            region_word = _is_region_word(k)
            if region_word and has_cjk(k):
                # 西部地区 alone is the region: a Chinese text names the strategy by its own name (西部大开发)
                continue
            b.add(form, Candidate(entry, region_word=region_word))


def _quote_variants(form: str) -> list[str]:
    """``共建“一带一路”`` also as ``共建‘一带一路’`` (quoted inside a quotation)."""
    folded = key(form) if form else ""
    if '"' in folded and has_cjk(folded):
        return [form, folded.replace('"', "'")]
    return [form]


def _is_region_word(form: str) -> bool:
    return any(s == 0 and e == len(form) for s, e, _ in find_regions(form))


_KIND_RE = {kind: re.compile(rf"\b(?:{words})\b") for kind, words in KIND_WORDS.items()}


def _add_infrastructure(b: _Builder, path: Path) -> None:
    for row in read_catalog_rows(path):
        iid = row.get("id", "")
        if not iid:
            continue
        kind = row.get("kind", "")
        province = row.get("province_adcode", "")
        if not province and len(row.get("prefecture_adcode", "")) == 6:
            province = row["prefecture_adcode"][:2] + "0000"
        entry = Entry("infrastructure", iid, row.get("name_en", "") or iid, province, kind)
        kind_re = _KIND_RE.get(kind)
        names = (row.get("name_en", ""), *split_aliases(row.get("aliases", "")))
        forms = [v for f in names for v in _variants(f)]
        for form in dict.fromkeys(forms):
            low = key(form)
            has_kind = bool(kind_re and kind_re.search(low))
            b.add(form, Candidate(entry, bare=not has_kind and kind_re is not None))
            for suffix in KIND_SUFFIXES:
                if low.endswith(suffix) and len(low) > len(suffix) + 2:
                    b.add(form[: -len(suffix)], Candidate(entry, bare=True))
                    break
        if row.get("name_zh"):
            b.add(row["name_zh"], Candidate(entry))


_PAREN = re.compile(r"\s*\(([^()]*)\)")


def _variants(form: str) -> list[str]:
    """Name variants without parentheses.

    ``"Jilong (Gyirong) port"`` -> itself, ``"Jilong port"``, ``"Gyirong port"``;
    ``"X Airport (relocation)"`` -> itself and ``"X Airport"``.
    """
    if not form:
        return []
    out = [form]
    m = _PAREN.search(form)
    if m:
        without = " ".join(_PAREN.sub("", form).split())
        out.append(without)
        inner = m.group(1).strip()
        head = form[: m.start()].strip()
        tail = form[m.end() :].strip()
        # a parenthesised other name of the head ("Jilong (Gyirong) port"), not a note ("(relocation)")
        if tail and head.isalpha() and inner[:1].isupper():
            out.append(f"{inner} {tail}")
    return out
