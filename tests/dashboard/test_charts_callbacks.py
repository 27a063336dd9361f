"""Callbacks of the charts/sources tabs and the export buttons, called directly (no browser)."""

from __future__ import annotations

import base64
import csv
import io

import pytest
from dash import no_update

from callbacks.charts import charts_update, sources_update
from callbacks.export import export_bar_update, export_payload
from layouts.ids import Charts
from views.drawn import drawn_key
from views.indicators import shown_year
from views.state import ViewState, to_query


def test_charts_redraw_only_when_shown_and_changed() -> None:
    shown = ViewState(view="charts", indicator="population")
    body, key = charts_update(to_query(shown), drawn=None)
    assert key == drawn_key("charts", shown) and isinstance(body, list)
    assert charts_update(to_query(shown), drawn=key) == (no_update, no_update)
    assert charts_update(to_query(shown.with_(view="map")), drawn=None) == (no_update, no_update)
    # a change the charts do not depend on (map layers) does not redraw them
    assert charts_update(to_query(shown.with_(layers=())), drawn=key) == (no_update, no_update)


def test_sources_redraw_follows_document_and_span() -> None:
    state = ViewState(view="sources", source="fyp14-ch32", span=(10, 40))
    body, key = sources_update(to_query(state), drawn=None)
    assert key == drawn_key("sources", state) and body
    assert sources_update(to_query(state), drawn=key) == (no_update, no_update)
    _, other = sources_update(to_query(state.with_(span=(50, 60))), drawn=key)
    assert other != key


def test_tampered_store_falls_back_to_the_default_view() -> None:
    assert charts_update({"not": "a query"}, drawn=None) == (no_update, no_update)  # default view is the map


def test_csv_export_of_the_view() -> None:
    data, status = export_payload(Charts.EXPORT_CSV, to_query(ViewState(indicator="gdp")), "ranking")
    assert status == ""
    assert data["filename"].startswith("china-atlas_ranking_gdp") and data["filename"].endswith(".csv")
    text = data["content"] if not data.get("base64") else base64.b64decode(data["content"]).decode()
    header = next(csv.reader(io.StringIO(text)))
    assert {"adcode", "value", "unit", "year", "value_source", "strategy_quotes"} <= set(header)


def test_geojson_export_is_a_feature_collection() -> None:
    import json

    data, _ = export_payload(Charts.EXPORT_GEOJSON, to_query(ViewState()), "map")
    assert data["filename"].endswith(".geojson")
    doc = json.loads(data["content"])
    assert doc["type"] == "FeatureCollection"
    for feature in doc["features"]:
        assert {"adcode", "value", "value_source"} <= set(feature["properties"])


@pytest.mark.slow
def test_png_export_with_a_tampered_chart_renders_the_ranking() -> None:
    data, status = export_payload(Charts.EXPORT_PNG, to_query(ViewState(lang="zh")), "<script>")
    assert status == ""
    assert data["filename"] == f"china-atlas_ranking_gdp_{shown_year('gdp')}_zh.png"  # the latest year
    assert base64.b64decode(data["content"])[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_trigger_sends_nothing() -> None:
    assert export_payload("something-else", None, "ranking") == (no_update, "")


def test_export_bar_follows_the_view_and_keeps_a_pick_otherwise() -> None:
    on_map = ViewState(indicator="population")
    key = drawn_key("export", on_map)
    # same view: nothing to do
    assert export_bar_update(to_query(on_map), key) == [no_update] * 10
    # map -> charts: the ranking is offered, the labels stay (same language), the bar stays shown
    charts = on_map.with_(view="charts")
    hidden, chart, options, *labels, new_key = export_bar_update(to_query(charts), key)
    assert (hidden, chart, options, new_key) == (False, "ranking", no_update, drawn_key("export", charts))
    assert labels == [no_update] * 6
    # opening a province on the map offers its map; back (province closed) offers the national map
    opened = on_map.with_(province="650000")
    assert export_bar_update(to_query(opened), key)[1] == "prefecture"
    assert export_bar_update(to_query(on_map), drawn_key("export", opened))[1] == "map"
    # sources: the bar hides
    assert export_bar_update(to_query(on_map.with_(view="sources")), key)[0] is True
    # a language change relabels without resetting the user's pick
    zh = on_map.with_(lang="zh")
    _, chart, options, heading, png, *_ = export_bar_update(to_query(zh), key)
    assert chart is no_update and (heading, png) == ("下载PNG图片：", "下载 PNG")
    assert [o["value"] for o in options][:2] == ["map", "prefecture"]
    # no or a tampered key: everything is set
    out = export_bar_update(to_query(zh), "<script>")
    assert out[1] == "map" and out[4] == "下载 PNG" and out[-1] == drawn_key("export", zh)
