"""URL state: the one mapping round-trips, and garbage never raises but yields notices."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from views.state import (
    CLASSIFIERS,
    DEFAULT_LAYERS,
    INDICATORS,
    LANGS,
    LAYERS,
    MODES,
    REGIONS,
    URL_KEYS,
    VIEWS,
    ValidValues,
    ViewState,
    parse_query,
    to_query,
)

STRATEGY_IDS = ("beijing-tianjin-hebei", "xiongan", "greater-bay-area", "yellow-river-basin", "border-areas")
PROVINCES = ("110000", "440000", "650000", "540000", "230000")
SOURCES = ("fyp14-ch32", "border-governance-2024")
VALID = ValidValues(frozenset(STRATEGY_IDS), frozenset(PROVINCES), frozenset(SOURCES))


def _subset(options: tuple[str, ...]):
    return st.lists(st.sampled_from(options), unique=True).map(
        lambda xs: tuple(x for x in options if x in xs))


@st.composite
def states(draw) -> ViewState:
    source = draw(st.none() | st.sampled_from(SOURCES))
    span = None
    if source is not None:
        span = draw(st.none() | st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(
            lambda p: (min(p), max(p))))
    return ViewState(
        indicator=draw(st.sampled_from(INDICATORS)),
        strategies=tuple(sorted(draw(_subset(STRATEGY_IDS)))),
        mode=draw(st.sampled_from(MODES)),
        region=draw(st.none() | st.sampled_from(REGIONS)),
        province=draw(st.none() | st.sampled_from(PROVINCES)),
        layers=draw(_subset(LAYERS)),
        lang=draw(st.sampled_from(LANGS)),
        classify=draw(st.sampled_from(CLASSIFIERS)),
        view=draw(st.sampled_from(VIEWS)),
        source=source,
        span=span,
    )


@given(states())
def test_round_trip(state: ViewState) -> None:
    query = to_query(state)
    parsed, notices = parse_query(query, valid=VALID)
    assert parsed == state
    assert notices == []
    # canonical: writing the parsed state gives the same URL
    assert to_query(parsed) == query


def test_default_state_is_the_empty_query() -> None:
    assert to_query(ViewState()) == ""
    assert parse_query("", valid=VALID) == (ViewState(), [])
    assert parse_query("?", valid=VALID) == (ViewState(), [])


def test_defaults_are_omitted_and_no_layers_differs_from_default() -> None:
    assert to_query(ViewState(indicator="area")) == "?indicator=area"
    assert to_query(ViewState(layers=())) == "?layers="
    assert parse_query("?layers=", valid=VALID)[0].layers == ()
    assert parse_query("?indicator=area", valid=VALID)[0].layers == DEFAULT_LAYERS


def test_every_field_has_exactly_one_url_key() -> None:
    from dataclasses import fields

    names = [spec.name for spec in URL_KEYS.values()]
    assert sorted(names) == sorted(f.name for f in fields(ViewState))


@pytest.mark.parametrize(
    ("query", "field", "bad"),
    [
        ("indicator=gdpp", "indicator", "gdpp"),
        ("mode=some", "mode", "some"),
        ("region=south", "region", "south"),
        ("province=650001", "province", "650001"),  # a prefecture, not a province
        ("province=999999", "province", "999999"),  # well-formed, unknown
        ("province=abc", "province", "abc"),
        ("lang=fr", "lang", "fr"),
        ("classify=jenks", "classify", "jenks"),
        ("view=table", "view", "table"),
        ("source=nope", "source", "nope"),
    ],
)
def test_bad_value_falls_back_to_default_with_a_notice(query: str, field: str, bad: str) -> None:
    state, notices = parse_query(query, valid=VALID)
    assert getattr(state, field) == getattr(ViewState(), field)
    assert len(notices) == 1
    assert bad in notices[0]


def test_lists_keep_the_known_ids_and_report_the_rest() -> None:
    state, notices = parse_query("strategy=xiongan,bogus,xiongan,,greater-bay-area&layers=ports,lava",
                                 valid=VALID)
    assert state.strategies == ("greater-bay-area", "xiongan")
    assert state.layers == ("ports",)
    assert len(notices) == 2
    assert "bogus" in notices[0] and "lava" in notices[1]


def test_unknown_key_and_orphan_span_are_noticed() -> None:
    state, notices = parse_query("zoom=3&at=10-20", valid=VALID)
    assert state == ViewState()
    assert len(notices) == 2


def test_notices_follow_the_language_of_the_query() -> None:
    _, notices = parse_query("lang=zh&region=south", valid=VALID)
    assert notices and "已忽略" in notices[0]


def test_reversed_span_is_rejected() -> None:
    state, notices = parse_query("source=fyp14-ch32&at=20-10", valid=VALID)
    assert state.span is None and state.source == "fyp14-ch32" and len(notices) == 1


def test_with_puts_lists_in_canonical_order() -> None:
    state = ViewState().with_(strategies=("xiongan", "greater-bay-area", "xiongan"),
                              layers=("border", "ports"))
    assert state.strategies == ("greater-bay-area", "xiongan")
    assert state.layers == ("ports", "border")


_URLISH = string.ascii_letters + string.digits + "=&,;%+-_.?/# 中文\x00"


@settings(max_examples=300)
@given(st.text(alphabet=_URLISH, max_size=200) | st.text(max_size=200))
def test_garbage_never_raises_and_always_yields_a_valid_state(query: str) -> None:
    state, notices = parse_query(query, valid=VALID)
    assert state.indicator in INDICATORS
    assert state.mode in MODES
    assert state.region is None or state.region in REGIONS
    assert state.province is None or state.province in PROVINCES
    assert set(state.strategies) <= set(STRATEGY_IDS)
    assert set(state.layers) <= set(LAYERS)
    assert state.lang in LANGS and state.classify in CLASSIFIERS and state.view in VIEWS
    assert all(isinstance(n, str) and n for n in notices)
    # whatever was parsed is stable under a second round trip
    assert parse_query(to_query(state), valid=VALID) == (state, [])


@given(st.dictionaries(st.sampled_from(sorted(URL_KEYS)), st.text(max_size=30), max_size=8))
def test_garbage_values_for_known_keys(params: dict[str, str]) -> None:
    from urllib.parse import urlencode

    state, _ = parse_query(urlencode(params), valid=VALID)
    assert parse_query(to_query(state), valid=VALID) == (state, [])


def test_a_huge_query_is_cut_with_a_notice_not_an_error() -> None:
    state, notices = parse_query("&".join(["zoom=1"] * 5000) + "&indicator=area", valid=VALID)
    assert state.indicator == "gdp"  # beyond the fields read
    assert any("50" in n for n in notices)
    state, _ = parse_query("indicator=area&" + "&" * 10_000, valid=VALID)
    assert state.indicator == "area"
