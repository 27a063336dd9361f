"""A filter change patches colours and visibility only: never the geometry, always small."""

from __future__ import annotations

import json

import plotly.utils
import pytest

from callbacks.map import map_patch, overlay_index
from views.drawn import drawn_key
from views.map import base_figure_json, national_figure
from views.state import DEFAULT_LAYERS, ViewState, to_query

BUDGET = 20_000  # bytes of one filter-change response (issue 7)


def _size(patch) -> tuple[int, str]:
    from dash._utils import to_json  # exactly what Dash writes into the response, before compression

    text = to_json(patch)
    return len(text.encode()), text


@pytest.mark.parametrize("state", [
    ViewState(indicator="population", region="west"),
    ViewState(indicator="macro_region", layers=()),
    ViewState(indicator="membership", strategies=("greater-bay-area", "yangtze-river-economic-belt"),
              mode="all"),
    ViewState(indicator="attention", classify="natural_breaks", province="650000"),
    ViewState(indicator="strategies", lang="zh"),
])
def test_patch_is_small_and_holds_no_geometry(state: ViewState) -> None:
    base = base_figure_json()
    assert base["data"] and base["data"][0]["type"] == "choropleth", "run `python app.py build` first"
    size, text = _size(map_patch(state, drawn=None))  # the worst case: everything patched
    assert size <= BUDGET, f"{size} bytes"
    assert "geojson" not in text and "coordinates" not in text and '"lon"' not in text


def test_patched_base_equals_the_figure_built_for_the_state() -> None:
    """Applying the patch's trace-0 operations to the base figure gives the state's own figure."""
    state = ViewState(indicator="density", region="east", province="440000", layers=("ports",), lang="zh")
    drawn = {"lang": "en", "layers": list(DEFAULT_LAYERS)}
    ops = map_patch(state, drawn=drawn).to_plotly_json()["operations"]
    base = json.loads(json.dumps(base_figure_json(), cls=plotly.utils.PlotlyJSONEncoder))
    for op in ops:
        assert op["operation"] == "Assign"
        target = base
        *path, last = op["location"]
        for key in path:
            target = target[key]
        target[last] = op["params"]["value"]
    want = json.loads(json.dumps(national_figure(state).to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder))
    for key in ("z", "text", "colorscale", "selectedpoints", "hovertemplate"):
        assert base["data"][0].get(key) == want["data"][0].get(key), key
    assert base["data"][0]["colorbar"]["ticktext"] == want["data"][0]["colorbar"]["ticktext"]
    for got, exp in zip(base["data"][1:], want["data"][1:], strict=True):
        assert got["uid"] == exp["uid"]
        assert got.get("visible") == exp.get("visible")
        assert got.get("name") == exp.get("name")
    assert base["layout"].get("annotations") == want["layout"].get("annotations")


def test_unchanged_layers_and_language_are_not_resent() -> None:
    drawn = drawn_key("map", ViewState())  # what the page shows by default
    ops = map_patch(ViewState(indicator="area"), drawn).to_plotly_json()["operations"]
    assert {op["location"][1] for op in ops} == {0}
    ops = map_patch(ViewState(indicator="area", layers=("ports",)), drawn).to_plotly_json()["operations"]
    assert {op["location"][2] for op in ops if op["location"][1] != 0} == {"visible"}


def test_overlay_index_matches_the_base_figure() -> None:
    base = base_figure_json()["data"]
    for uid, (i, layer) in overlay_index().items():
        assert base[i]["uid"] == uid and base[i]["legendgroup"] == layer


def test_an_unchanged_view_is_not_patched_at_all() -> None:
    import dash.exceptions

    from callbacks.map import update_map
    from views.drawn import drawn_key

    state = ViewState(indicator="area", layers=("ports",))
    with pytest.raises(dash.exceptions.PreventUpdate):
        update_map(to_query(state), drawn_key("map", state))
    patch, drawn = update_map(to_query(state), drawn_key("map", ViewState()))
    assert drawn == drawn_key("map", state) and patch.to_plotly_json()["operations"]
