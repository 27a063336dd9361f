"""Pure figure builders of the maps, on tiny synthetic inputs (no artifacts needed)."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from figures.common import NO_DATA_COLOR, sequential_colors
from figures.map import (
    Category,
    IndicatorMeta,
    choropleth_style,
    classify_values,
    geo_extent,
    national_map,
)
from figures.overlays import Overlays, overlay_traces
from figures.prefecture import prefecture_map
from views import words


def _square(x: float, y: float, size: float = 5.0) -> dict:
    ring = [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]]  # clockwise, as d3 wants
    return {"type": "Polygon", "coordinates": [ring]}


GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "id": code, "properties": {}, "geometry": _square(80 + 6 * i, 30)}
    for i, code in enumerate(["110000", "310000", "440000", "650000"])
]}
NAMES = {"110000": ("Beijing", "北京市"), "310000": ("Shanghai", "上海市"), "440000": ("Guangdong", "广东省"),
         "650000": ("Xinjiang", "新疆维吾尔自治区")}


def _values(values: dict[str, float | str | None]) -> pd.DataFrame:
    return pd.DataFrame([{"adcode": a, "name_en": NAMES[a][0], "name_zh": NAMES[a][1], "value": v}
                         for a, v in values.items()])


GDP = IndicatorMeta("gdp", "GDP", unit="100 million yuan", year="2023", source="NBS")


# --- classes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["quantiles", "natural_breaks"])
def test_classes_are_ordered_and_labelled_with_values_that_occur(method: str) -> None:
    values = [1, 2, 3, 10, 11, 12, 50, 51, 100, 400, float("nan")]
    classes = classify_values(values, method=method, k=5)
    assert classes.index[-1] == -1  # NaN: no class
    ok = classes.index[:-1]
    assert list(ok) == sorted(ok)  # monotone in the value
    assert len(classes.labels) == len(classes.colors) == len(set(ok)) <= 5
    low, high = classes.labels[0].split(" – ")
    assert low == "1" and high in {str(v) for v in values[:-1]}
    assert classes.labels[-1].endswith("400")


def test_natural_breaks_are_deterministic_and_separate_clusters() -> None:
    values = [1, 2, 3, 100, 101, 102, 1000, 1001]
    first = classify_values(values, method="natural_breaks", k=3)
    assert first.labels == ("1 – 3", "100 – 102", "1,000 – 1,001")
    assert np.array_equal(first.index, classify_values(values, method="natural_breaks", k=3).index)


def test_few_distinct_values_give_one_class_each() -> None:
    classes = classify_values([0, 0, 0, 1, 1, 2], k=5)
    assert classes.labels == ("0", "1", "2")
    assert list(classes.index) == [0, 0, 0, 1, 1, 2]


def test_no_values_and_bad_method() -> None:
    assert classify_values([float("nan")] * 3).labels == ()
    with pytest.raises(ValueError, match="method='jenks'"):
        classify_values([1, 2], method="jenks")


def test_sequential_colours_go_from_light_to_dark() -> None:
    colors = sequential_colors(5)
    lum = [sum(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in colors]
    assert lum == sorted(lum, reverse=True)


# --- choropleth style (what a patch sends) -------------------------------------------------------------

def test_style_has_a_no_data_class_at_the_bottom_and_bilingual_hover() -> None:
    locations = ["110000", "310000", "440000", "650000"]
    style = choropleth_style(locations, _values({"110000": 10, "310000": 20, "440000": 30, "650000": None}),
                             meta=GDP)
    assert style["z"][3] == 0 and style["colorbar"]["ticktext"][0] == "No data"
    assert style["colorscale"][0][1] == NO_DATA_COLOR
    assert len(style["z"]) == 4 and style["zmin"] == -0.5
    assert style["zmax"] == len(style["colorbar"]["ticktext"]) - 0.5
    assert style["text"][0] == "10 100 million yuan" and "%{customdata}" in style["hovertemplate"]
    assert "2023" in style["hovertemplate"] and "NBS" in style["hovertemplate"]
    assert style["selectedpoints"] is None
    assert "geojson" not in style and "locations" not in style


def test_style_dims_outside_the_focus_and_outlines_the_selection() -> None:
    locations = ["110000", "310000", "440000", "650000"]
    style = choropleth_style(locations, _values(dict.fromkeys(locations, 1.0)), meta=GDP,
                             focus=frozenset({"440000", "650000"}), selected="650000")
    assert style["selectedpoints"] == [2, 3]
    assert style["unselected"]["marker"]["opacity"] < 0.5
    widths = style["marker"]["line"]["width"]
    assert widths[3] > widths[0] and widths[0] == widths[1] == widths[2]


def test_categorical_style_uses_the_category_colours_in_order() -> None:
    meta = IndicatorMeta("macro_region", "Macro-region", kind="categorical", categories=(
        Category("east", "East", "#0072B2"), Category("west", "West", "#009E73")))
    style = choropleth_style(["110000", "650000", "440000"],
                             _values({"110000": "east", "650000": "west", "440000": "bogus"}), meta=meta)
    assert style["colorbar"]["ticktext"] == ["No data", "East", "West"]
    assert style["z"] == [1, 2, 0]
    assert [c for _, c in style["colorscale"][::2]] == [NO_DATA_COLOR, "#0072B2", "#009E73"]


def test_style_escapes_markup_in_names() -> None:
    frame = _values({"110000": 1.0})
    frame.loc[0, "name_en"] = "<img src=x onerror=alert(1)>"
    fig = national_map(GEOJSON, frame, meta=GDP)
    assert "<img" not in fig.data[0].customdata[0] and "&lt;img" in fig.data[0].customdata[0]


def test_style_requires_its_columns() -> None:
    with pytest.raises(ValueError, match="'value'"):
        choropleth_style(["110000"], pd.DataFrame({"adcode": ["110000"]}), meta=GDP)


# --- the national figure -----------------------------------------------------------------------------

INFRA = pd.DataFrame([
    {"id": "port-a", "name_en": "Alashankou", "name_zh": "阿拉山口", "kind": "port", "action": "upgrade",
     "province_adcode": "650000", "lon": 82.6, "lat": 45.2, "neighbor_iso3": "KAZ", "geometry_wkt": "",
     "coord_note": "", "source_id": "fyp14-ch32"},
    {"id": "port-b", "name_en": "New port", "name_zh": "新口岸", "kind": "port", "action": "construct",
     "province_adcode": "650000", "lon": 81.0, "lat": 44.0, "neighbor_iso3": "KAZ", "geometry_wkt": "",
     "coord_note": "", "source_id": "fyp14-ch32"},
    {"id": "hw", "name_en": "A highway", "name_zh": "公路", "kind": "highway", "action": "build",
     "province_adcode": "650000", "lon": None, "lat": None, "neighbor_iso3": "",
     "geometry_wkt": "LINESTRING (80 40, 81 41, 82 42)", "coord_note": "straight line",
     "source_id": "fyp14-ch32"},
    {"id": "villages", "name_en": "Border villages", "name_zh": "", "kind": "village_programme",
     "action": "build", "province_adcode": None, "lon": None, "lat": None, "neighbor_iso3": "",
     "geometry_wkt": "", "coord_note": "", "source_id": "fyp14-ch32"},
])
EVENTS = pd.DataFrame([{"event_id": "e", "date": "2024-03-20", "end_date": "", "title": "Symposium",
                        "place_name": "Changsha", "adcode": "430100", "lon": 112.9, "lat": 28.2,
                        "source_id": "central-symposium-2024"}])
BORDER = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"kind": "land", "iso3": "KAZ", "adcode": "650000", "length_km": 1700},
     "geometry": {"type": "LineString", "coordinates": [[80, 45], [82, 46]]}},
    {"type": "Feature", "properties": {"kind": "land", "iso3": "MNG", "adcode": "650000", "length_km": 900},
     "geometry": {"type": "MultiLineString", "coordinates": [[[90, 47], [92, 46]], [[93, 45], [94, 44]]]}},
    {"type": "Feature", "properties": {"kind": "maritime"},
     "geometry": {"type": "LineString", "coordinates": [[120, 30], [121, 31]]}},
]}
OVERLAYS = Overlays(INFRA, EVENTS, BORDER, {"fyp14-ch32": "14th FYP, Chapter 32"})
EN = words.in_language("en")  # the builders take their words, they never look them up


def test_national_map_has_the_choropleth_first_and_every_layer_as_a_legend_group() -> None:
    fig = national_map(GEOJSON, _values({"110000": 1, "310000": 2, "440000": 3, "650000": 4}), meta=GDP,
                       overlays=OVERLAYS, overlay_labels=EN, layers=("ports", "border"))
    first = fig.data[0]
    assert isinstance(first, go.Choropleth) and first.featureidkey == "id"
    assert list(first.locations) == ["110000", "310000", "440000", "650000"]
    assert list(first.customdata) == ["Beijing · 北京市", "Shanghai · 上海市", "Guangdong · 广东省",
                                      "Xinjiang · 新疆维吾尔自治区"]
    groups = {t.legendgroup for t in fig.data[1:]}
    assert groups == {"ports", "highways", "events", "border", "maritime"}
    visible = {t.uid: t.visible for t in fig.data[1:]}
    assert visible["ports-upgrade"] is True and visible["ports-construct"] is True
    assert visible["border-KAZ"] is True and visible["highways"] is False and visible["events"] is False
    # ports: one trace per action, told apart by symbol
    symbols = {t.uid: t.marker.symbol for t in fig.data if t.uid and t.uid.startswith("ports")}
    assert symbols["ports-construct"] != symbols["ports-upgrade"]
    # the land border: one trace per neighbour, one legend item for all
    border = [t for t in fig.data if t.legendgroup == "border"]
    assert len(border) == 2 and sum(bool(t.showlegend) for t in border) == 1
    # one colour for the land border; lines take no hover, so points on them win it (issue 13)
    assert border[0].line.color == border[1].line.color
    assert all(t.hoverinfo == "skip" for t in fig.data[1:] if t.mode == "lines")
    # the programme without a place is not drawn; the highway follows its WKT with gaps between lines
    highway = next(t for t in fig.data if t.uid == "highways")
    assert list(highway.lon) == [80, 81, 82, None]
    # hover: both names, the neighbour, the source; customdata[2:4] = province and place, for a click
    port = next(t for t in fig.data if t.uid == "ports-upgrade")
    assert port.customdata[0][0] == "Alashankou · 阿拉山口" and port.text[0] == "Kazakhstan"
    assert port.customdata[0][1] == "14th FYP, Chapter 32"
    assert list(port.customdata[0][2:4]) == ["650000", "port-a"]
    assert port.hovertext[0] == "Alashankou · 阿拉山口"
    assert "%{hovertext}" in port.hovertemplate and "Neighbour: %{text}" in port.hovertemplate
    event = next(t for t in fig.data if t.uid == "events")
    assert "2024-03-20" in event.customdata[0][0] and event.customdata[0][2] == "430000"
    # no basemap, an equal-area conic frame on the geometry
    assert fig.layout.geo.visible is False
    assert fig.layout.geo.projection.type == "conic equal area"
    json.dumps(fig.to_plotly_json(), default=str)


def test_overlays_follow_the_language() -> None:
    zh = overlay_traces(OVERLAYS, labels=words.in_language("zh"), layers=("ports",))
    names = {t.uid: t.name for t in zh}
    assert names["ports-construct"].startswith("边境口岸")
    assert next(t for t in zh if t.uid == "ports-upgrade").text[0] == "哈萨克斯坦"


def test_empty_inputs_give_defined_empty_figures() -> None:
    for geo in (None, {"type": "FeatureCollection", "features": []}):
        fig = national_map(geo, _values({}), meta=GDP, no_data_label="No data")
        assert len(fig.data) == 0 and fig.layout.annotations[0].text == "No data"
    fig = prefecture_map(None, pd.DataFrame(columns=["adcode", "category"]), categories=(), other_label="x")
    assert len(fig.data) == 0 and fig.layout.annotations[0].text == "No data"
    assert overlay_traces(None, labels=EN) == [] and overlay_traces(Overlays(), labels=EN) == []


def test_geo_extent_ignores_islets() -> None:
    islet = {"type": "Feature", "id": "460000", "properties": {},
             "geometry": {"type": "MultiPolygon", "coordinates": [
                 [[[108, 18], [108, 20], [111, 20], [111, 18], [108, 18]]],
                 [[[112, 8], [112, 8.1], [112.1, 8.1], [112.1, 8], [112, 8]]]]}}
    (lon0, lat0), (lon1, lat1) = geo_extent({"features": [*GEOJSON["features"], islet]}, pad=0)
    assert (lon0, lat0, lon1, lat1) == (80, 18, 111, 35)


def test_prefecture_map_puts_each_category_in_the_legend() -> None:
    prefs = pd.DataFrame([
        {"adcode": "110000", "name_en": "A", "name_zh": "甲", "category": "gba", "note": "Greater Bay Area"},
        {"adcode": "310000", "name_en": "B", "name_zh": "乙", "category": "gba", "note": ""},
        {"adcode": "440000", "name_en": "C", "name_zh": "丙", "category": "", "note": ""},
        {"adcode": "650000", "name_en": "D", "name_zh": "丁", "category": "unknown", "note": ""},
    ])
    fig = prefecture_map(GEOJSON, prefs, categories=[Category("gba", "Greater Bay Area", "#E69F00")],
                         other_label="Other prefectures", overlays=OVERLAYS, overlay_labels=EN,
                         layers=("ports",))
    chor = [t for t in fig.data if isinstance(t, go.Choropleth)]
    assert [t.name for t in chor] == ["Greater Bay Area", "Other prefectures"]
    assert sorted(chor[0].locations) == ["110000", "310000"]
    assert sorted(chor[1].locations) == ["440000", "650000"]
    assert "Greater Bay Area" in chor[0].text[0]
    assert not math.isnan(len(fig.data))


def test_south_china_sea_inset_holds_the_maritime_line() -> None:
    hainan = {"type": "Feature", "id": "460000", "properties": {}, "geometry": _square(108, 18, 2)}
    geo = {"type": "FeatureCollection", "features": [*GEOJSON["features"], hainan]}
    fig = national_map(geo, _values({"110000": 1.0}), meta=GDP, overlays=OVERLAYS,
                       overlay_labels=EN, layers=("maritime",), inset_label="South China Sea Islands")
    maritime = [t for t in fig.data if t.legendgroup == "maritime" and t.uid != "inset-caption"]
    assert len(maritime) == 1 and maritime[0].geo == "geo2" and maritime[0].visible is True
    inset = next(t for t in fig.data if t.uid == "inset-provinces")
    assert list(inset.locations) == ["440000", "460000"] and inset.geo == "geo2" and inset.hoverinfo == "skip"
    assert fig.layout.geo2.domain.x[0] > 0.5 and fig.layout.geo2.lataxis.range[0] < 5
    # the caption is placed in the inset's coordinates, so it stays in its frame (issue 13)
    caption = next(t for t in fig.data if t.uid == "inset-caption")
    assert caption.geo == "geo2" and caption.text[0] == "South China<br>Sea Islands"
    assert fig.data[0].geo in (None, "geo")  # the provinces stay trace 0, on the main map
