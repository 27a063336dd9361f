"""Issue 13 without a browser: what the figure builders and the callbacks' pure parts do about points
over lines, clicks on places, "Select All", picked places, events sharing a point and the inset."""

from __future__ import annotations

import pandas as pd

from callbacks.picked import clicked_place
from callbacks.state import CONTROL_FIELDS, control_values, resolve
from figures.inset import caption_text
from figures.overlays import BORDER_COLOR, Overlays, overlay_traces
from layouts.filters import strategy_options
from layouts.ids import Core
from views import url, words
from views.search import picked_place
from views.state import ViewState, to_query

EN = words.in_language("en")
ZH = words.in_language("zh")
INFRA = pd.DataFrame([
    {"id": "town-x", "name_en": "Xtown", "name_zh": "甲市", "kind": "town", "action": "enhance",
     "province_adcode": "230000", "lon": 131.15, "lat": 44.41, "neighbor_iso3": "RUS", "geometry_wkt": "",
     "coord_note": "Wikipedia infobox 44°N", "source_id": "fyp14-ch32"},
    {"id": "airport-x", "name_en": "X Airport", "name_zh": "甲机场", "kind": "airport", "action": "build",
     "province_adcode": "230000", "lon": 130.84, "lat": 44.45, "neighbor_iso3": "", "geometry_wkt": "",
     "coord_note": "airportsdata", "source_id": "fyp14-ch32"},
])
EVENTS = pd.DataFrame([
    {"event_id": f"e{i}", "date": pd.Timestamp(d), "end_date": pd.NaT, "title": f"Meeting {i}",
     "place_name": "Beijing", "adcode": "110000", "lon": 116.4, "lat": 39.9, "source_id": "fyp14-ch32"}
    for i, d in enumerate(("2021-03-11", "2024-07-15", "2024-12-09"))])
SOURCES = {"fyp14-ch32": "Outline of the 14th Five-Year Plan (2021-2025), Chapter 32: Further Implementing "
                         "the Coordinated Regional Development Strategy"}


def _traces(labels=EN, layers=("towns", "airports", "events"), compact=False):
    return overlay_traces(Overlays(INFRA, EVENTS, None, SOURCES), labels=labels, layers=layers,
                          compact=compact)


def test_hover_is_short_and_a_town_under_an_airport_yields_it_the_hover() -> None:
    traces = {t.uid: t for t in _traces()}
    airport = traces["airports-all"]
    # the town beside the airport takes no hover on the national map and is named in the airport's
    assert traces["towns-near"].hoverinfo == "skip" and "towns-all" not in traces
    assert "Xtown" in airport.text[0]
    assert airport.hovertext[0] == "X Airport · 甲机场"
    assert list(airport.customdata[0][2:]) == ["230000", "airport-x"]
    # no coordinate note in the hover; the source is one short line
    assert "Wikipedia" not in str(airport.to_plotly_json()) and "airportsdata" not in str(airport.customdata)
    assert airport.customdata[0][1].startswith("Outline of the 14th Five-Year Plan")
    assert "Further Implementing" not in airport.customdata[0][1]
    # on the prefecture map (compact) the points are apart: both keep their hover
    assert "towns-all" in {t.uid for t in _traces(compact=True)}


def test_chinese_hover_names_read_chinese_first() -> None:
    airport = next(t for t in _traces(ZH) if t.uid == "airports-all")
    assert airport.hovertext[0] == "甲机场 · X Airport"


def test_events_at_one_point_are_one_marker_with_iso_dates() -> None:
    events = next(t for t in _traces() if t.uid == "events")
    assert len(events.lon) == 1 and events.showlegend is True
    text = events.customdata[0][0]
    assert all(d in text for d in ("2021-03-11", "2024-07-15", "2024-12-09")) and "00:00:00" not in text
    assert events.customdata[0][2] == "110000"


def test_lines_take_no_hover_and_the_border_is_one_colour() -> None:
    border = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kind": "land", "iso3": iso, "length_km": 10},
         "geometry": {"type": "LineString", "coordinates": [[80, 45], [82, 46]]}} for iso in ("VNM", "RUS")]}
    traces = overlay_traces(Overlays(INFRA, EVENTS, border, SOURCES), labels=EN, layers=("border",))
    lines = [t for t in traces if t.mode == "lines"]
    assert lines and all(t.hoverinfo == "skip" for t in lines)
    assert {t.line.color for t in lines if t.legendgroup == "border"} == {BORDER_COLOR}


def test_a_click_on_a_place_opens_its_province_and_picks_it() -> None:
    valid = url.valid_values()
    click = {"points": [{"curveNumber": 7, "customdata": ["Heihe port", "src", "230000", "port-heihe"]}]}
    opened = resolve(Core.MAP, "", "", {}, click=click)
    assert opened.state.province == "230000"
    # a second click on a place in the open province keeps it open
    again = resolve(Core.MAP, "", to_query(opened.state), {}, click=click)
    assert again.state.province == "230000"
    assert clicked_place(click) == "place:port-heihe"
    assert clicked_place({"points": [{"curveNumber": 0, "location": "230000"}]}) is None
    picked = picked_place(clicked_place(click), "en")
    assert picked and picked["province"] == "230000" and "Heihe" in picked["label"]
    forged = {"points": [{"curveNumber": 3, "customdata": ["x", "y", "999999", "z"]}]}
    assert resolve(Core.MAP, "", "", {}, click=forged).state.province is None
    assert "230000" in valid.provinces


def test_searching_a_prefecture_picks_it() -> None:
    picked = picked_place("prefecture:653100", "en")
    assert picked == {"id": "653100", "label": picked["label"], "prefecture": "653100", "province": "650000"}
    assert "Kashgar" in picked["label"]
    assert picked_place("strategy:greater-bay-area", "en") is None and picked_place(None, "en") is None
    assert picked_place("port:no-such-port", "en") is None


def test_select_all_drops_the_group_headings_and_resets_the_control() -> None:
    options = strategy_options("en")
    everything = [o["value"] for o in options]  # what Dash's "Select All" sends, headings included
    controls = dict(zip(CONTROL_FIELDS, control_values(ViewState()), strict=True))
    controls[Core.STRATEGIES] = everything
    result = resolve(Core.STRATEGIES, "", "", controls)
    assert len(result.state.strategies) == sum(not o.get("disabled") for o in options)
    assert not any(s.startswith("kind:") for s in result.state.strategies)
    assert result.set_controls  # the control is set back without the headings
    chosen = [o["value"] for o in options if not o.get("disabled")][:2]
    controls[Core.STRATEGIES] = chosen
    assert not resolve(Core.STRATEGIES, "", "", controls).set_controls


def test_inset_caption_is_wrapped_short() -> None:
    assert caption_text("South China Sea Islands") == "South China<br>Sea Islands"
    assert caption_text("南海诸岛") == "南海诸岛"
    assert caption_text("南海诸岛 · South China Sea Islands") == "南海诸岛<br>South China<br>Sea Islands"


def test_the_chinese_page_names_an_events_place_in_chinese() -> None:
    events = EVENTS.assign(place_name_zh="北京市")
    zh = overlay_traces(Overlays(INFRA, events, None, SOURCES), labels=ZH, layers=("events",))
    en = overlay_traces(Overlays(INFRA, events, None, SOURCES), labels=EN, layers=("events",))
    assert next(t for t in zh if t.uid == "events").hovertext[0] == "北京市"
    assert next(t for t in en if t.uid == "events").hovertext[0] == "Beijing"
