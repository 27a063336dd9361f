"""The URL-sync, map-patch and panel callbacks as pure functions (no browser)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from callbacks.panel import panel_update
from callbacks.state import CONTROL_FIELDS, control_values, resolve
from layouts.filters import OPTION
from layouts.ids import Core
from views import url
from views.drawn import drawn_key
from views.state import ViewState, to_query

VALID = url.valid_values()
SOME_STRATEGY = sorted(VALID.strategies)[0] if VALID.strategies else "greater-bay-area"


def _controls(state: ViewState) -> dict:
    return dict(zip(CONTROL_FIELDS, control_values(state), strict=True))


def test_page_load_parses_the_url_and_sets_the_controls() -> None:
    result = resolve(None, "?indicator=area&region=west&bogus=1", None, {})
    assert result.state.indicator == "area" and result.state.region == "west"
    assert result.set_controls and not result.push_url
    assert len(result.notices) == 1 and "bogus" in result.notices[0]


def _option(field: str, value: str) -> dict:
    return {"type": OPTION, "field": field, "value": value}


def test_a_control_change_writes_a_new_url() -> None:
    store = to_query(ViewState(indicator="area"))
    result = resolve(_option("classify", "natural_breaks"), store, store, _controls(ViewState()))
    assert result.push_url and not result.set_controls
    assert result.state == ViewState(indicator="area", classify="natural_breaks")
    controls = _controls(ViewState())
    controls[Core.INDICATOR] = "density"
    assert resolve(Core.INDICATOR, store, store, controls).state == ViewState(indicator="density")


def test_all_regions_clears_the_region_and_layers_toggle() -> None:
    store = to_query(ViewState(region="east"))
    assert resolve(_option("region", ""), store, store, {}).state.region is None
    assert resolve(_option("region", "west"), store, store, {}).state.region == "west"
    off = resolve(_option("layers", "ports"), store, store, {}).state
    assert "ports" not in off.layers
    on = resolve(_option("layers", "ports"), to_query(off), to_query(off), {}).state
    assert on.layers == ViewState().layers


def test_tampered_control_values_change_nothing() -> None:
    store = to_query(ViewState(indicator="gdp"))
    for cid, bad in ((Core.INDICATOR, "<script>"), (Core.INDICATOR, 3), (Core.STRATEGIES, {"a": 1}),
                     (Core.STRATEGIES, "xiongan")):
        controls = _controls(ViewState())
        controls[cid] = bad
        result = resolve(cid, store, store, controls)
        assert result.state == ViewState() and not result.push_url, cid
    for trigger in (_option("mode", "some"), _option("layers", "lava"), {"type": "other", "field": "mode",
                    "value": "all"}, _option("__class__", "x"), {"field": "mode"}):
        result = resolve(trigger, store, store, {})
        assert result.state == ViewState() and not result.push_url, trigger


def test_unknown_ids_in_list_controls_are_dropped() -> None:
    controls = _controls(ViewState())
    controls[Core.STRATEGIES] = [SOME_STRATEGY, "no-such-strategy", 7]
    result = resolve(Core.STRATEGIES, "", "", controls)
    assert result.state.strategies == (SOME_STRATEGY,)


def test_map_clicks_open_and_close_provinces() -> None:
    assert VALID.provinces, "no province geometry: run `python app.py build` first"
    adcode = sorted(VALID.provinces)[0]
    click = {"points": [{"curveNumber": 0, "location": adcode}]}
    opened = resolve(Core.MAP, "", "", {}, click=click)
    assert opened.state.province == adcode and opened.push_url
    closed = resolve(Core.MAP, "", to_query(opened.state), {}, click=click)
    assert closed.state.province is None
    overlay = resolve(Core.MAP, "", "", {}, click={"points": [{"curveNumber": 3, "location": adcode}]})
    assert overlay.state.province is None and not overlay.push_url


def test_search_opens_provinces_and_selects_strategies() -> None:
    picked = resolve(Core.SEARCH, "", "", {}, picked=f"strategy:{SOME_STRATEGY}")
    if SOME_STRATEGY in VALID.strategies:
        assert picked.state.strategies == (SOME_STRATEGY,) and picked.state.indicator == "membership"
    nothing = resolve(Core.SEARCH, "", "", {}, picked="province:not-a-code")
    assert nothing.state == ViewState() and not nothing.push_url


@settings(max_examples=150, deadline=None)
@given(
    trigger=st.sampled_from([None, Core.URL, Core.MAP, Core.SEARCH, *CONTROL_FIELDS, "nope"])
    | st.dictionaries(st.sampled_from(["type", "field", "value"]), st.text(max_size=12) | st.just(OPTION)),
    search=st.none() | st.text(max_size=80),
    store=st.none() | st.text(max_size=80) | st.integers(),
    value=st.none() | st.text(max_size=20) | st.integers() | st.lists(st.text(max_size=10), max_size=4)
    | st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)
def test_resolve_never_fails_on_any_input(trigger, search, store, value) -> None:
    controls = dict.fromkeys(CONTROL_FIELDS, value)
    result = resolve(trigger, search, store, controls, picked=value, click=value)
    assert isinstance(result.state, ViewState)
    json.dumps(to_query(result.state))


def test_panel_opens_refreshes_only_when_needed_and_closes() -> None:
    state = ViewState(province="650000")
    key = drawn_key("panel", state)
    hidden, _, new_key = panel_update(state, None)
    assert hidden is False and new_key == key
    hidden, body, _ = panel_update(state.with_(indicator="area"), key)
    assert hidden is False and body.__class__.__name__ == "NoUpdate"
    assert panel_update(ViewState(), key)[0] is True
    assert drawn_key("panel", ViewState(province="650000", view="charts")) == {}


def test_navigation_and_language_survive_forged_option_ids() -> None:
    from callbacks.shell import option_labels, option_states

    forged = [{"type": OPTION, "field": 3, "value": "x"}, {"type": OPTION, "field": "", "value": ""},
              {"type": OPTION, "field": "__class__", "value": "a"}, "not-a-dict",
              {"type": OPTION, "field": "classify", "value": "quantiles"}]
    pressed, classes = option_states(ViewState(), forged)
    assert pressed == ["false"] * 4 + ["true"] and classes[-1] == "opt on"
    assert option_labels("en", forged)[-1] == "Quantiles"
