"""The dashboard's view state and its one mapping to and from the URL query.

Every view of the atlas is a URL. :class:`ViewState` holds what the user chose; :func:`parse_query`
turns a query string into a state (never raising: a bad value falls back to its default and yields a
notice), and :func:`to_query` writes the canonical query back (defaults omitted), so that
``parse_query(to_query(s))[0] == s`` for every valid state.

Nothing here imports Dash or reads data: the values that depend on the catalog (strategy ids,
province adcodes, source ids) are passed in as :class:`ValidValues`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal
from urllib.parse import parse_qsl, quote

# REGIONS and CLASSIFIERS are re-exported (the filters' menus read them from here).
from data.vocab import REGIONS as REGIONS
from figures.classing import CLASSIFIERS as CLASSIFIERS
from views import words
from views.indicators import KEYS

INDICATORS: tuple[str, ...] = KEYS  # the indicator registry's keys, in menu order
LAYERS: tuple[str, ...] = ("ports", "towns", "airports", "highways", "events", "border", "maritime")
DEFAULT_LAYERS: tuple[str, ...] = ("ports", "towns", "airports", "highways", "border", "maritime")
MODES: tuple[str, ...] = ("any", "all")
LANGS: tuple[str, ...] = ("en", "zh")
VIEWS: tuple[str, ...] = ("map", "charts", "sources", "document")

MAX_FIELDS = 50  # URL parameters read; the atlas has 13 keys
MAX_COMPARE = 8  # provinces compared at once: more lines than this cannot be told apart
_ADCODE = re.compile(r"^\d{6}$")
_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")
_YEAR = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


@dataclass(frozen=True)
class ValidValues:
    """The catalog-dependent values a URL may name.

    Parameters
    ----------
    strategies : frozenset of str
        Known strategy ids.
    provinces : frozenset of str
        Adcodes of the provinces that can be opened (6 digits, ending in ``0000``).
    sources : frozenset of str
        Known source-document ids (for the sources view).
    prefectures : frozenset of str
        Adcodes of the prefecture-level units (a drill-down shows one's counties).
    years : frozenset of (str, int)
        ``(indicator, year)`` for every year an indicator has data; an indicator without any (counts,
        categories) takes no ``year``.
    """

    strategies: frozenset[str] = frozenset()
    provinces: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    years: frozenset[tuple[str, int]] = frozenset()
    prefectures: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at. Immutable; build changed copies with :meth:`with_`."""

    indicator: str = "gdp"
    strategies: tuple[str, ...] = ()  # strategy ids, sorted, unique
    mode: Literal["any", "all"] = "any"
    region: str | None = None  # east|central|west|northeast
    province: str | None = None  # adcode; opens the drill-down panel
    prefecture: str | None = None  # adcode of a prefecture of that province: the panel shows its counties
    layers: tuple[str, ...] = DEFAULT_LAYERS  # in LAYERS order
    lang: Literal["en", "zh"] = "en"
    classify: str = "quantiles"
    view: str = "map"  # map|charts|sources (tab)
    source: str | None = None  # source id shown in the sources view
    span: tuple[int, int] | None = None  # (start, end) character span to scroll to in that source
    year: tuple[int, ...] | None = None  # (year,) or (start, end) for a change; None: the latest year
    compare: tuple[str, ...] = ()  # province adcodes whose lines are drawn together, sorted, unique

    def with_(self, **changes: Any) -> ViewState:
        """Return a copy with ``changes`` applied, list fields put in canonical order, and a prefecture
        that is not in the open province dropped (opening another province closes its counties).

        ``changes`` are field values of any field's type (``Any``: one type per field name, which a
        ``**kwargs`` annotation cannot say); ``dataclasses.replace`` rejects unknown field names.
        """
        state = replace(self, **changes)
        return replace(
            state,
            strategies=tuple(sorted(set(state.strategies))),
            compare=tuple(sorted(set(state.compare))),
            layers=tuple(layer for layer in LAYERS if layer in set(state.layers)),
            prefecture=state.prefecture if _in_province(state.prefecture, state.province) else None,
        )


#: Reads one URL value: (raw text, valid values) -> (the field's value or None, the bad parts).
_Parser = Callable[[str, ValidValues], tuple[object, list[str]]]


@dataclass(frozen=True)
class _Key:
    """One URL key: how to read and write one :class:`ViewState` field."""

    name: str
    parse: _Parser  # -> (value, bad parts)
    write: Callable[[object], str]
    choices: Callable[[ValidValues], str] = field(default=lambda v: "")


def _choice(options: tuple[str, ...]) -> _Parser:
    def parse(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
        return (raw, []) if raw in options else (None, [raw])

    return parse


def _id_list(pick: Callable[[ValidValues], frozenset[str]], order: tuple[str, ...] | None = None) -> _Parser:
    """Parse a comma-separated list, keeping known ids and reporting the rest."""

    def parse(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
        allowed = set(order) if order is not None else pick(valid)
        parts = [p.strip() for p in raw.split(",")]
        parts = [p for p in parts if p]
        good = {p for p in parts if p in allowed}
        bad = [p for p in parts if p not in allowed]
        if order is not None:
            return tuple(x for x in order if x in good), bad
        return tuple(sorted(good)), bad

    return parse


def _province(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
    if _ADCODE.match(raw) and raw.endswith("0000") and raw in valid.provinces:
        return raw, []
    return None, [raw]


def _in_province(prefecture: str | None, province: str | None) -> bool:
    return prefecture is not None and province is not None and prefecture[:2] == province[:2]


def _prefecture(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
    if _ADCODE.match(raw) and not raw.endswith("0000") and raw in valid.prefectures:
        return raw, []
    return None, [raw]


def _source(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
    return (raw, []) if raw in valid.sources else (None, [raw])


def _span(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
    m = _SPAN.match(raw)
    if m and int(m.group(1)) <= int(m.group(2)):
        return (int(m.group(1)), int(m.group(2))), []
    return None, [raw]


def _year(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
    """``2023`` or ``2012-2024`` (a change between two years, the first before the second)."""
    m = _YEAR.match(raw)
    if not m:
        return None, [raw]
    years = tuple(int(g) for g in m.groups() if g)
    if any(not 1949 <= y <= 2100 for y in years) or (len(years) == 2 and years[0] >= years[1]):
        return None, [raw]
    return years, []


def _compare(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
    good, bad = _id_list(lambda v: v.provinces)(raw, valid)
    picked = tuple(good) if isinstance(good, tuple) else ()
    return picked[:MAX_COMPARE], [*bad, *picked[MAX_COMPARE:]]


def _year_str(value: object) -> str:
    if not isinstance(value, (tuple, list)):  # year: (year,) or (start, end)
        raise TypeError(f"expected a tuple of years, got {value!r}")
    return "-".join(str(y) for y in value)


def _join(value: object) -> str:
    if not isinstance(value, (tuple, list)):  # strategies and layers: sequences of ids
        raise TypeError(f"expected a tuple of ids, got {value!r}")
    return ",".join(value)


def _span_str(value: object) -> str:
    if not isinstance(value, (tuple, list)):  # span: (start, end)
        raise TypeError(f"expected a (start, end) tuple, got {value!r}")
    start, end = value
    return f"{start}-{end}"


# THE mapping between URL keys and ViewState fields (URL key -> how to read/write the field).
URL_KEYS: dict[str, _Key] = {
    "indicator": _Key("indicator", _choice(INDICATORS), str, lambda v: ", ".join(INDICATORS)),
    "strategy": _Key("strategies", _id_list(lambda v: v.strategies), _join, lambda v: "a known strategy id"),
    "mode": _Key("mode", _choice(MODES), str, lambda v: " or ".join(MODES)),
    "region": _Key("region", _choice(REGIONS), str, lambda v: ", ".join(REGIONS)),
    "province": _Key("province", _province, str, lambda v: "a province adcode such as 650000"),
    "prefecture": _Key("prefecture", _prefecture, str,
                       lambda v: "a prefecture adcode of the open province, such as 654300"),
    "layers": _Key("layers", _id_list(lambda v: frozenset(), LAYERS), _join, lambda v: ", ".join(LAYERS)),
    "lang": _Key("lang", _choice(LANGS), str, lambda v: " or ".join(LANGS)),
    "classify": _Key("classify", _choice(CLASSIFIERS), str, lambda v: " or ".join(CLASSIFIERS)),
    "view": _Key("view", _choice(VIEWS), str, lambda v: ", ".join(VIEWS)),
    "source": _Key("source", _source, str, lambda v: "a known source id"),
    "at": _Key("span", _span, _span_str, lambda v: "a character span such as 120-245"),
    "year": _Key("year", _year, _year_str, lambda v: "a year such as 2023, or two such as 2012-2024"),
    "compare": _Key("compare", _compare, _join,
                    lambda v: f"up to {MAX_COMPARE} province adcodes such as 220000,230000"),
}
_FIELD_TO_KEY = {k.name: key for key, k in URL_KEYS.items()}
assert set(_FIELD_TO_KEY) == {f.name for f in fields(ViewState)}, "every field needs exactly one URL key"


def parse_query(query: str, *, valid: ValidValues) -> tuple[ViewState, list[str]]:
    """Read a URL query string into a :class:`ViewState`.

    Parameters
    ----------
    query : str
        The query part of a URL, with or without the leading ``?`` (``dcc.Location.search``).
    valid : ValidValues
        The strategy ids, province adcodes and source ids the catalog knows.

    Returns
    -------
    state : ViewState
        Never fails: an unknown key is ignored, an unknown or malformed value falls back to the default.
    notices : list of str
        One human-readable line per ignored key or value, in the language the query asks for.
    """
    query = (query or "").lstrip("?")
    notices: list[str] = []
    fields_ = [f for f in query.split("&") if f]
    if len(fields_) > MAX_FIELDS:  # bounded work for hostile URLs; parse_qsl would raise instead
        fields_ = fields_[:MAX_FIELDS]
        notices.append(words.t("notice.too_many", query_lang(query), n=MAX_FIELDS))
    pairs = parse_qsl("&".join(fields_), keep_blank_values=True) if fields_ else []
    # The last occurrence wins, as in most web frameworks, and the page says so; the language is read
    # first for the notices.
    raw: dict[str, str] = {}
    repeated: list[str] = []
    for key, value in pairs:
        if key in raw and key not in repeated:
            repeated.append(key)
        raw[key] = value
    lang = raw.get("lang", "en") if raw.get("lang") in LANGS else "en"
    notices += [words.t("notice.repeated", lang, key=_clip(key), value=_clip(raw[key])) for key in repeated]
    # field name -> value; each URL key's parser returns its field's type (see URL_KEYS), so the
    # values fit ViewState's fields (Any: one type per field name, which a dict type cannot say)
    values: dict[str, Any] = {}
    for key, value in raw.items():
        spec = URL_KEYS.get(key)
        if spec is None:
            notices.append(words.t("notice.unknown_key", lang, key=_clip(key)))
            continue
        value = value.strip()
        if value == "" and spec.name not in ("layers", "strategies"):
            continue  # "?region=" means the default, silently
        parsed, bad = spec.parse(value, valid)
        if bad:
            notices.append(words.t("notice.bad_value", lang, key=key, value=_clip(",".join(bad)),
                                  expected=spec.choices(valid)))
        if parsed is not None:
            values[spec.name] = parsed
    state = ViewState(**values)
    if state.year is not None and valid.years:
        have = {y for i, y in valid.years if i == state.indicator}
        if not set(state.year) <= have:
            shown = _year_str(state.year)
            expected = f"{min(have)}–{max(have)}" if have else words.t("notice.no_years", lang)
            notices.append(words.t("notice.bad_value", lang, key="year", value=shown, expected=expected))
            state = replace(state, year=None)
    if state.prefecture is not None and not _in_province(state.prefecture, state.province):
        notices.append(words.t("notice.bad_value", lang, key="prefecture", value=state.prefecture,
                               expected=URL_KEYS["prefecture"].choices(valid)))
        state = replace(state, prefecture=None)
    if state.span is not None and state.source is None:
        notices.append(words.t("notice.span_without_source", lang))
        state = replace(state, span=None)
    return state, notices


def to_query(state: ViewState) -> str:
    """Write the canonical query string (with a leading ``?``, or ``""`` for the default view).

    Defaults are omitted; list fields are written in canonical order; ``layers=`` (empty) means
    "no layers", which differs from the default set.
    """
    default = ViewState()
    state = state.with_()
    parts: list[str] = []
    for key, spec in URL_KEYS.items():
        value = getattr(state, spec.name)
        if value == getattr(default, spec.name) or value is None:
            continue
        parts.append(f"{key}={quote(spec.write(value), safe=',-_')}")
    return "?" + "&".join(parts) if parts else ""


def valid_from(strategies: Iterable[str], provinces: Iterable[str], sources: Iterable[str],
               years: Iterable[tuple[str, int]] = (), prefectures: Iterable[str] = ()) -> ValidValues:
    """Build :class:`ValidValues` from any iterables of ids (and of ``(indicator, year)`` pairs)."""
    return ValidValues(frozenset(map(str, strategies)), frozenset(map(str, provinces)),
                       frozenset(map(str, sources)), frozenset((str(i), int(y)) for i, y in years),
                       frozenset(map(str, prefectures)))


def query_lang(query: str) -> str:
    """The ``lang`` a raw query asks for (for its notices), "en" if none or unknown."""
    match = re.search(r"(?:^|[&?])lang=(en|zh)(?:&|$)", query or "")
    return match.group(1) if match else "en"


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
