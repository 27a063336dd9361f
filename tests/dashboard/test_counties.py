"""The county level of the drill-down: a prefecture's counties with the land-border ones picked out, opened
by a click on the prefecture map or a pick in its dropdown, and carried in the URL."""

from __future__ import annotations

import json

import pytest
from dash import no_update

from callbacks.panel import prefecture_url
from layouts.ids import Core
from layouts.panel import province_panel
from tests.helpers import components, text_of
from views import url
from views.counties import border_county_count, county_figure_json, county_rows
from views.state import ViewState, parse_query, to_query


def test_altay_counties_and_their_border() -> None:
    rows = county_rows("650000", "654300")  # Altay prefecture
    assert len(rows) == 7 and rows["border"].sum() >= 4
    figure = county_figure_json("650000", "654300", "en")
    assert figure is not None
    names = [t["name"] for t in figure["data"] if t["type"] == "choropleth"]
    assert names == ["Land-border county", "Other counties"] or names == ["Land-border county"]
    assert len(json.dumps(figure)) < 250_000  # what the browser gets for one prefecture
    with pytest.raises(ValueError, match="prefecture='220100'"):
        county_figure_json("650000", "220100", "en")


def test_border_counts_add_up_to_the_build_total() -> None:
    counted = {code: border_county_count(code)[0] for code in url.valid_values().provinces}
    assert counted["650000"] == 34 and counted["110000"] == 0
    assert sum(counted.values()) == 138  # the build's count, beside the usual "about 140"


def test_the_url_carries_the_prefecture_of_the_open_province_only() -> None:
    valid = url.valid_values()
    state, notices = parse_query("province=650000&prefecture=654300", valid=valid)
    assert state.prefecture == "654300" and notices == []
    state, notices = parse_query("province=220000&prefecture=654300", valid=valid)
    assert state.prefecture is None and notices  # not a prefecture of Jilin
    assert ViewState(province="650000", prefecture="654300").with_(province="220000").prefecture is None
    assert parse_query(to_query(ViewState(province="650000", prefecture="654300")), valid=valid)[0] \
        == ViewState(province="650000", prefecture="654300")


def test_a_click_or_a_pick_opens_the_counties_and_forged_ids_do_nothing() -> None:
    store = to_query(ViewState(province="650000"))
    click = {"points": [{"location": "654300", "curveNumber": 0}]}
    trigger = {"type": Core.PREFECTURE_MAP, "province": "650000"}
    assert prefecture_url(trigger, [click], [None], store) == "?province=650000&prefecture=654300"
    pick = {"type": Core.PREFECTURE_PICK, "province": "650000"}
    assert prefecture_url(pick, [None], ["653100"], store) == "?province=650000&prefecture=653100"
    opened = to_query(ViewState(province="650000", prefecture="653100"))
    assert prefecture_url(pick, [None], [None], opened) == "?province=650000"  # cleared: closed
    assert prefecture_url({**trigger, "province": "220000"}, [click], [None], store) is no_update
    assert prefecture_url(pick, [None], ["999999"], store) is no_update
    assert prefecture_url("national-map", [click], [None], store) is no_update


def test_the_panel_shows_the_counties_of_the_picked_prefecture() -> None:
    body = province_panel("650000", "en", "654300")
    text = text_of(body, " ")
    assert "34 of its 106 county-level units touch the land border." in text
    assert "Counties of Altay" in text
    graphs = [c for c in components(body) if c.__class__.__name__ == "Graph"]
    assert any(g.className == "county-graph" for g in graphs)
    assert "Counties of" not in text_of(province_panel("650000", "en"), " ")
    assert "县级行政区" in text_of(province_panel("650000", "zh", "654300"), " ")
