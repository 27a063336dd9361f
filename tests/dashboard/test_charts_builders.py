"""Pure figure builders of the charts tab: data in, traces and values out; a defined empty figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from figures.common import REGION_COLORS
from figures.matrix import membership_matrix_figure
from figures.ranking import ranking_figure
from figures.regions import region_summary_figure
from figures.timeline import events_timeline_figure


def _annotation_texts(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


@pytest.fixture
def provinces() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "adcode": ["110000", "440000", "650000", "210000", "420000", "710000"],
            "name": ["Beijing", "Guangdong", "Xinjiang", "Liaoning", "Hubei", "Taiwan"],
            "region_id": ["east", "east", "west", "northeast", "central", ""],
        }
    )


# --- ranking -------------------------------------------------------------------------------------


def test_ranking_orders_values_and_colours_by_region(provinces: pd.DataFrame) -> None:
    data = provinces.assign(value=[40.0, 130.0, 19.0, 30.0, 55.0, None])
    fig = ranking_figure(data, value_label="GDP", unit="100 million yuan", title="GDP")
    by_name = {trace.name: trace for trace in fig.data}
    assert set(by_name) == {"east", "west", "northeast", "central"}  # Taiwan has no value: left out
    assert list(by_name["east"].x) == [40.0, 130.0]
    assert by_name["west"].marker.color == REGION_COLORS["west"]
    # largest at the top: plotly draws the first category at the bottom
    assert list(fig.layout.yaxis.categoryarray) == ["Xinjiang", "Liaoning", "Beijing", "Hubei", "Guangdong"]


def test_ranking_highlights_the_selected_province(provinces: pd.DataFrame) -> None:
    data = provinces.assign(value=[40.0, 130.0, 19.0, 30.0, 55.0, 1.0])
    fig = ranking_figure(data, value_label="GDP", selected="650000")
    assert "▶ Xinjiang" in list(fig.layout.yaxis.categoryarray)
    outline = [t for t in fig.data if t.showlegend is False]
    assert len(outline) == 1 and list(outline[0].y) == ["▶ Xinjiang"]
    assert outline[0].marker.line.width > 0


def test_ranking_uses_region_labels_and_escapes_names(provinces: pd.DataFrame) -> None:
    data = provinces.assign(value=1.0, name=["<b>x</b>", "B", "C", "D", "E", "F"])
    fig = ranking_figure(data, value_label="V", region_labels={"east": "东部"})
    assert "东部" in {t.name for t in fig.data}
    assert all("<b>x</b>" not in str(t.customdata) for t in fig.data)


def test_ranking_empty_and_bad_input(provinces: pd.DataFrame) -> None:
    fig = ranking_figure(provinces.assign(value=None), value_label="GDP", empty_message="nothing here")
    assert len(fig.data) == 0 and "nothing here" in _annotation_texts(fig)
    with pytest.raises(ValueError, match="value"):
        ranking_figure(provinces, value_label="GDP")


# --- matrix --------------------------------------------------------------------------------------


@pytest.fixture
def strategies() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "strategy_id": ["jjj", "wd", "border", "unused"],
            "name": ["Beijing-Tianjin-Hebei", "Western Development", "Border areas", "Unused"],
            "kind": ["regional_strategy", "macro_region_strategy", "special_region", "zone"],
        }
    )


def _members(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["strategy_id", "adcode", "coverage"])
    return frame.assign(quote="The quoted sentence.", source_id="fyp14-ch32", note="")


def test_matrix_places_members_on_rows_and_columns(provinces: pd.DataFrame, strategies: pd.DataFrame) -> None:
    members = _members(
        [
            ("jjj", "110000", "whole"),
            ("wd", "650000", "whole"),
            ("border", "650000", "part"),
            ("border", "210000", "part"),
        ]
    )
    fig = membership_matrix_figure(members, provinces=provinces, strategies=strategies)
    cells = [t for t in fig.data if t.x is not None and None not in t.x]
    assert sum(len(t.x) for t in cells) == 4
    assert list(fig.layout.xaxis.ticktext) == ["Beijing-Tianjin-Hebei", "Western Development", "Border areas"]
    # rows grouped by region: east, then west, then northeast; provinces with no member are left out
    assert list(fig.layout.yaxis.ticktext) == ["Beijing", "Xinjiang", "Liaoning"]
    part = [t for t in cells if t.marker.symbol == "square-open"]
    assert sum(len(t.x) for t in part) == 2
    assert all("The quoted sentence." in c for t in cells for c in t.customdata)


def test_matrix_empty_when_nothing_matches(provinces: pd.DataFrame, strategies: pd.DataFrame) -> None:
    fig = membership_matrix_figure(
        _members([("nope", "990000", "whole")]),
        provinces=provinces,
        strategies=strategies,
        empty_message="no members",
    )
    assert len(fig.data) == 0 and "no members" in _annotation_texts(fig)


def test_matrix_names_missing_columns(provinces: pd.DataFrame, strategies: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="members lacks column"):
        membership_matrix_figure(
            pd.DataFrame({"strategy_id": []}), provinces=provinces, strategies=strategies
        )


# --- regions -------------------------------------------------------------------------------------


@pytest.fixture
def shares() -> pd.DataFrame:
    values = {"east": (10, 40, 52), "central": (11, 26, 22), "west": (71, 27, 21), "northeast": (8, 7, 5)}
    return pd.DataFrame(
        [
            (r, m, v)
            for r, vs in values.items()
            for m, v in zip(("area", "population", "gdp"), vs, strict=True)
        ],
        columns=["region_id", "metric", "share"],
    )


def test_regions_one_bar_trace_per_metric_and_claims_beside(shares: pd.DataFrame) -> None:
    claims = pd.DataFrame(
        [("west", "area", 70, "over", "covering over 70 percent", "western-symposium-2024")],
        columns=["region_id", "metric", "value", "qualifier", "quote", "source_id"],
    )
    fig = region_summary_figure(shares, claims, claimed_label="Claimed", claim_prefix="claimed")
    bars = [t for t in fig.data if isinstance(t, go.Bar) and t.x is not None and None not in list(t.x)]
    assert len(bars) == 3
    assert list(bars[1].x) == [40, 26, 27, 7]  # population, in region order
    marks = [t for t in fig.data if isinstance(t, go.Scatter) and t.x is not None and None not in list(t.x)]
    assert len(marks) == 1 and list(marks[0].x) == [70] and list(marks[0].y) == ["west"]
    assert marks[0].xaxis == "x"  # drawn in the land-area panel
    assert "covering over 70 percent" in marks[0].customdata[0]
    (line,) = fig.layout.shapes
    assert (line.x0, line.x1) == (70, 70) and line.y0 < 1 < line.y1  # across the West band (third from top)
    assert "claimed &gt;70%" in _annotation_texts(fig)  # escaped: plotly shows ">"
    assert {t.name for t in fig.data if t.showlegend} == {"Computed", "Claimed"}


def test_regions_metric_without_statistics_still_shows_its_claim(shares: pd.DataFrame) -> None:
    claims = pd.DataFrame(
        [("west", "population", 27, "exact", "containing 27 percent", "western-symposium-2024")],
        columns=["region_id", "metric", "value", "qualifier", "quote", "source_id"],
    )
    fig = region_summary_figure(
        shares[shares["metric"] != "population"], claims, missing_message="incomplete"
    )
    assert "incomplete" in _annotation_texts(fig)
    assert fig.layout.xaxis2.range[1] > 27  # the claim is inside the panel's range


def test_regions_empty_without_statistics() -> None:
    empty = pd.DataFrame(columns=["region_id", "metric", "share"])
    fig = region_summary_figure(empty, None, empty_message="no stats")
    assert len(fig.data) == 0 and "no stats" in _annotation_texts(fig)


# --- timeline ------------------------------------------------------------------------------------


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d"],
            "date": ["2024-04-23", "2024-03-20", "2023-09-06", "not a date"],
            "end_date": ["", "", "2023-09-08", ""],
            "kind": ["symposium", "symposium", "inspection", "meeting"],
            "title": ["West symposium", "Central symposium", "Heilongjiang tour", "Bad"],
            "place": ["Chongqing", "Changsha", "Heilongjiang", "?"],
            "adcode": ["500000", "430100", "230000", ""],
            "quote": ["q1", "q2", "q3", "q4"],
            "source_id": ["s", "s", "s", "s"],
        }
    )


def test_timeline_lanes_dates_and_spans(events: pd.DataFrame) -> None:
    fig = events_timeline_figure(events, kind_labels={"symposium": "Symposium"}, selected_province="500000")
    names = [t.name for t in fig.data]
    assert names == ["Symposium", "inspection"]  # the undated meeting is left out
    symposium = fig.data[0]
    assert [str(x)[:10] for x in symposium.x] == ["2024-03-20", "2024-04-23"]
    assert list(symposium.marker.size) == [12, 17]  # the Chongqing event is emphasised
    assert len(fig.layout.shapes) == 1  # the multi-day tour is drawn as a span
    assert "q1" in symposium.customdata[1]


def test_timeline_empty_when_no_dates(events: pd.DataFrame) -> None:
    fig = events_timeline_figure(events.assign(date=""), empty_message="no events")
    assert len(fig.data) == 0 and "no events" in _annotation_texts(fig)


def test_ranking_says_which_provinces_have_no_value(provinces: pd.DataFrame) -> None:
    data = provinces.assign(value=[40.0, None, 19.0, None, 55.0, None])
    fig = ranking_figure(
        data, value_label="GDP", title="GDP", subtitle="2023", missing_label="no value yet for {n}: {names}"
    )
    assert fig.layout.title.subtitle.text == "2023 · no value yet for 3: Guangdong, Liaoning, Taiwan"
    assert sum(len(t.x) for t in fig.data) == 3


def test_matrix_labels_tell_long_names_with_one_beginning_apart() -> None:
    from figures.matrix import distinct_labels

    names = [f"Mid- and high-end industry clusters of {place}" for place in
             ("Chengdu-Chongqing", "the Yangtze River Delta", "Beijing-Tianjin-Hebei", "the Pearl River")]
    labels = distinct_labels([*names, "Short name"], 34)
    assert len(set(labels)) == 5 and all(len(x) <= 34 for x in labels)
    assert labels[-1] == "Short name" and labels[0].endswith("Chengdu-Chongqing")
