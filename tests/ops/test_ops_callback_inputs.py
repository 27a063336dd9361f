"""Every server-side callback, called directly with any JSON a hand-made request could carry: it never
raises (PreventUpdate aside), and what it returns is something Dash can send.

The request checker (``server.security``) already rejects values of the wrong JSON type for the
properties the atlas listens to (a ``search`` that is not a string, a ``clickData`` that is not an object,
...); ``dcc.Store`` data and wildcard ids may be anything, so those arguments get any JSON here. The URL
parser has its own property tests in ``tests/dashboard/test_state_url.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from dash._utils import to_json
from dash.exceptions import PreventUpdate
from hypothesis import given, settings
from hypothesis import strategies as st

from layouts.ids import Charts, Core
from views.state import VIEWS, ViewState, parse_query, to_query

ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)
# what the checker lets through for a dcc.Dropdown/Checklist "value"
DROPDOWN_VALUE = (st.none() | st.text(max_size=30) | st.integers() | st.floats(allow_nan=False)
                  | st.lists(st.text(max_size=30) | st.integers(), max_size=5))
# canonical queries, garbage and the stores a real page holds
STORE = (st.sampled_from(["", "?indicator=area", "?province=650000", "?lang=zh&view=charts",
                          "?view=sources&source=fyp14-ch32&at=10-20", "?layers=",
                          "?strategy=xiongan&indicator=membership", "?region=west&mode=all"])
         | st.text(max_size=60) | ANY_JSON)
LANG = st.sampled_from(["en", "zh"]) | ANY_JSON
SLOW = settings(max_examples=60, deadline=None)


def sendable(value: Any) -> str:
    """Serialise ``value`` as Dash does (no_update markers are dropped by Dash before sending)."""
    from dash._no_update import NoUpdate

    def strip(v: Any) -> Any:
        if NoUpdate.is_no_update(v):
            return None
        if isinstance(v, list | tuple):
            return [strip(x) for x in v]
        return v

    return to_json(strip(value))


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_map_patch_callback(data: st.DataObject) -> None:
    from callbacks.map import update_map

    (patch, *rest), _ = call_with(data, update_map)
    sendable([patch.to_plotly_json(), *rest])


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_panel_callback(data: st.DataObject) -> None:
    from callbacks.panel import update_panel

    (hidden, *rest), _ = call_with(data, update_panel)
    assert isinstance(hidden, bool)
    sendable([hidden, *rest])


I18N_IDS = st.lists(st.fixed_dictionaries({"type": st.just("i18n"), "key": st.text(max_size=30)
                                           | st.integers() | st.floats(allow_nan=False)}), max_size=6)
SCALAR = st.text(max_size=20) | st.integers() | st.floats(allow_nan=False)
OPTION_IDS = st.lists(st.fixed_dictionaries({"type": st.just("option"), "field": SCALAR, "value": SCALAR}),
                      max_size=8)
# an argument's strategy by its name: the callbacks' signatures change, the meaning of the names does not
BY_NAME = {"store": STORE, "drawn": LANG | ANY_JSON, "ids": I18N_IDS, "option_ids": OPTION_IDS}


def call_with(data: st.DataObject, func: Any) -> Any:
    import inspect

    params = inspect.signature(func).parameters
    kwargs = {name: data.draw(BY_NAME.get(name, ANY_JSON), label=name) for name in params}
    return func(**kwargs), kwargs


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_navigation_callback(data: st.DataObject) -> None:
    from callbacks.shell import update_navigation

    out, _ = call_with(data, update_navigation)
    assert [type(x) for x in out[:len(VIEWS)]] == [bool] * len(VIEWS)  # page visibility first
    for value in out[len(VIEWS):]:
        assert not (isinstance(value, str) and value.strip().lower().startswith(("javascript:", "data:")))
    sendable(out)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_language_callback(data: st.DataObject) -> None:
    from callbacks.shell import update_language

    try:
        out, kwargs = call_with(data, update_language)
    except PreventUpdate:
        return
    assert len(out[0]) == len(kwargs["ids"])
    sendable(out)
    with pytest.raises(PreventUpdate):  # what it drew (the last output) stops the same redraw next time
        update_language(**{**kwargs, "drawn": out[-1]})


@SLOW
@given(store=STORE, drawn=ANY_JSON)
def test_charts_and_sources_callbacks(store: Any, drawn: Any) -> None:
    from callbacks.charts import charts_update, sources_update

    sendable(list(charts_update(store, drawn)))
    sendable(list(sources_update(store, drawn)))


@SLOW
@given(trigger=st.sampled_from([Charts.EXPORT_CSV, Charts.EXPORT_GEOJSON, Charts.EXPORT_GPKG, None,
                                "export-zip", Core.URL]),
       store=STORE, chart=DROPDOWN_VALUE | ANY_JSON)
def test_export_callback_csv_geojson(trigger: Any, store: Any, chart: Any) -> None:
    from callbacks.export import export_payload

    data, status = export_payload(trigger, store, chart)
    assert isinstance(status, str)
    if isinstance(data, dict):
        assert "/" not in data["filename"] and "\\" not in data["filename"] and ".." not in data["filename"]
        assert data["filename"].endswith((".csv", ".geojson", ".gpkg"))
    sendable([data, status])


@settings(max_examples=80, deadline=None)
@given(store=STORE, chart=DROPDOWN_VALUE | ANY_JSON)
def test_png_export_sizes_are_bounded_and_names_are_safe(store: Any, chart: Any) -> None:
    """Whatever the request, the renderer gets a known chart, a size in range and no path."""
    import callbacks.export as export
    from server import cache
    from server.render import EXPORT_CHARTS, HEIGHT_RANGE, MAX_PIXELS, SCALE_RANGE, WIDTH_RANGE

    calls: list[tuple[Any, ...]] = []

    def fake_render(state: ViewState, chart: str, *, width: int, height: int, scale: float) -> bytes:
        calls.append((state, chart, width, height, scale))
        return b"\x89PNG\r\n\x1a\n fake"

    with pytest.MonkeyPatch.context() as m:
        m.setattr(export, "render_png", fake_render)
        cache.set_cache(cache.NullCache())
        try:
            data, status = export.export_payload(Charts.EXPORT_PNG, store, chart)
        finally:
            cache.set_cache(None)
    assert len(calls) == 1 and status == ""
    state, name, width, height, scale = calls[0]
    assert name in EXPORT_CHARTS
    assert WIDTH_RANGE[0] <= width <= WIDTH_RANGE[1] and HEIGHT_RANGE[0] <= height <= HEIGHT_RANGE[1]
    assert SCALE_RANGE[0] <= scale <= SCALE_RANGE[1] and width * height * scale**2 <= MAX_PIXELS
    assert parse_query(to_query(state), valid=_valid())[0] == state  # a canonical, validated state
    assert data["filename"].endswith(".png") and "/" not in data["filename"] and ".." not in data["filename"]


def _valid() -> Any:
    from views import url

    return url.valid_values()


# --- the URL parser: what tests/dashboard/test_state_url.py does not cover -------------------------

URL_KEYS = ["indicator", "strategy", "province", "layers", "lang", "zoom", "at", "source", "view", ""]
PAIRS = st.lists(st.tuples(st.sampled_from(URL_KEYS), st.text(max_size=12)), min_size=0, max_size=400)


@settings(max_examples=60, deadline=None)
@given(pairs=PAIRS, extra_ampersands=st.integers(0, 300))
def test_url_parser_survives_many_parameters(pairs: list[tuple[str, str]], extra_ampersands: int) -> None:
    """A long URL (hundreds of parameters, runs of '&') falls back with notices instead of raising."""
    from urllib.parse import urlencode

    query = "?" + urlencode(pairs) + "&" * extra_ampersands
    state, notices = parse_query(query, valid=_valid())
    assert isinstance(state, ViewState)
    assert all(isinstance(n, str) and len(n) < 400 for n in notices)


def test_many_parameters_in_the_page_url_are_not_a_crash() -> None:
    from callbacks.state import resolve

    query = "?" + "&".join(f"k{i}=1" for i in range(250))
    result = resolve(Core.URL, query, None, {})
    assert result.state == ViewState() and result.notices


@settings(max_examples=100, deadline=None)
@given(value=st.text(min_size=200, max_size=5000))
def test_notices_quote_long_values_clipped(value: str) -> None:
    from urllib.parse import urlencode

    _, notices = parse_query("?" + urlencode({"indicator": value}), valid=_valid())
    assert all(len(n) < 400 for n in notices)
