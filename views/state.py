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
from typing import Literal
from urllib.parse import parse_qsl, quote

from views import words

INDICATORS: tuple[str, ...] = (
    "gdp", "gdp_per_capita", "population", "density", "area", "area_boundary",
    "attention", "strategies", "claims", "macro_region", "membership",
)
REGIONS: tuple[str, ...] = ("east", "central", "west", "northeast")
LAYERS: tuple[str, ...] = ("ports", "towns", "airports", "highways", "events", "border", "maritime")
DEFAULT_LAYERS: tuple[str, ...] = ("ports", "towns", "airports", "highways", "border", "maritime")
MODES: tuple[str, ...] = ("any", "all")
LANGS: tuple[str, ...] = ("en", "zh")
CLASSIFIERS: tuple[str, ...] = ("quantiles", "natural_breaks")
VIEWS: tuple[str, ...] = ("map", "charts", "sources")

MAX_FIELDS = 50  # URL parameters read; the atlas has 11 keys
_ADCODE = re.compile(r"^\d{6}$")
_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")


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
    """

    strategies: frozenset[str] = frozenset()
    provinces: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at. Immutable; build changed copies with :meth:`with_`."""

    indicator: str = "gdp"
    strategies: tuple[str, ...] = ()  # strategy ids, sorted, unique
    mode: Literal["any", "all"] = "any"
    region: str | None = None  # east|central|west|northeast
    province: str | None = None  # adcode; opens the drill-down panel
    layers: tuple[str, ...] = DEFAULT_LAYERS  # in LAYERS order
    lang: Literal["en", "zh"] = "en"
    classify: str = "quantiles"
    view: str = "map"  # map|charts|sources (tab)
    source: str | None = None  # source id shown in the sources view
    span: tuple[int, int] | None = None  # (start, end) character span to scroll to in that source

    def with_(self, **changes: object) -> ViewState:
        """Return a copy with ``changes`` applied and list fields put in canonical order."""
        state = replace(self, **changes)  # type: ignore[arg-type]
        return replace(
            state,
            strategies=tuple(sorted(set(state.strategies))),
            layers=tuple(layer for layer in LAYERS if layer in set(state.layers)),
        )


@dataclass(frozen=True)
class _Key:
    """One URL key: how to read and write one :class:`ViewState` field."""

    name: str
    parse: Callable[[str, ValidValues], tuple[object, list[str]]]  # -> (value, bad parts)
    write: Callable[[object], str]
    choices: Callable[[ValidValues], str] = field(default=lambda v: "")


def _choice(options: tuple[str, ...]) -> Callable[[str, ValidValues], tuple[object, list[str]]]:
    def parse(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
        return (raw, []) if raw in options else (None, [raw])

    return parse


def _id_list(pick: Callable[[ValidValues], frozenset[str]], order: tuple[str, ...] | None = None):
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


def _source(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
    return (raw, []) if raw in valid.sources else (None, [raw])


def _span(raw: str, valid: ValidValues) -> tuple[object, list[str]]:
    m = _SPAN.match(raw)
    if m and int(m.group(1)) <= int(m.group(2)):
        return (int(m.group(1)), int(m.group(2))), []
    return None, [raw]


def _join(value: object) -> str:
    return ",".join(value)  # type: ignore[arg-type]


def _span_str(value: object) -> str:
    start, end = value  # type: ignore[misc]
    return f"{start}-{end}"


# THE mapping between URL keys and ViewState fields (URL key -> how to read/write the field).
URL_KEYS: dict[str, _Key] = {
    "indicator": _Key("indicator", _choice(INDICATORS), str, lambda v: ", ".join(INDICATORS)),
    "strategy": _Key("strategies", _id_list(lambda v: v.strategies), _join, lambda v: "a known strategy id"),
    "mode": _Key("mode", _choice(MODES), str, lambda v: " or ".join(MODES)),
    "region": _Key("region", _choice(REGIONS), str, lambda v: ", ".join(REGIONS)),
    "province": _Key("province", _province, str, lambda v: "a province adcode such as 650000"),
    "layers": _Key("layers", _id_list(lambda v: frozenset(), LAYERS), _join, lambda v: ", ".join(LAYERS)),
    "lang": _Key("lang", _choice(LANGS), str, lambda v: " or ".join(LANGS)),
    "classify": _Key("classify", _choice(CLASSIFIERS), str, lambda v: " or ".join(CLASSIFIERS)),
    "view": _Key("view", _choice(VIEWS), str, lambda v: ", ".join(VIEWS)),
    "source": _Key("source", _source, str, lambda v: "a known source id"),
    "at": _Key("span", _span, _span_str, lambda v: "a character span such as 120-245"),
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
    # The last occurrence wins, as in most web frameworks; the language is read first for the notices.
    raw: dict[str, str] = {}
    for key, value in pairs:
        raw[key] = value
    lang = raw.get("lang", "en") if raw.get("lang") in LANGS else "en"
    values: dict[str, object] = {}
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
    state = ViewState(**values)  # type: ignore[arg-type]
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


def valid_from(strategies: Iterable[str], provinces: Iterable[str], sources: Iterable[str]) -> ValidValues:
    """Build :class:`ValidValues` from any iterables of ids."""
    return ValidValues(frozenset(map(str, strategies)), frozenset(map(str, provinces)),
                       frozenset(map(str, sources)))


def query_lang(query: str) -> str:
    """The ``lang`` a raw query asks for (for its notices), "en" if none or unknown."""
    match = re.search(r"(?:^|[&?])lang=(en|zh)(?:&|$)", query or "")
    return match.group(1) if match else "en"


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
