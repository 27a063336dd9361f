"""A year on the map (issue 14 part 2): the year slider through the one state callback, the change
between two years on a diverging palette centred on the national change, small patches, and the year
and vintage in the legend, hover, title, PNG figure and CSV."""

from __future__ import annotations

import math

import numpy as np
import pytest

from callbacks.map import map_patch, year_bar_update
from callbacks.state import resolve
from data.reference_series import cagr
from figures.classing import diverging_classes, format_signed
from figures.common import diverging_colors
from figures.map import IndicatorMeta, choropleth_style
from layouts.ids import Core
from views import datasets, url
from views.change import change_meta, change_values, has_change, measure, national_change
from views.drawn import drawn_key
from views.export import map_export_figure, view_table
from views.indicators import indicator_years
from views.map import map_values_meta, year_bar
from views.state import ViewState, parse_query, to_query

YEAR_PATCH_BUDGET = 5_000  # bytes of the response to a year change (issue 14)


def _size(patch: object) -> tuple[int, str]:
    from dash._utils import to_json  # exactly what Dash writes into the response, before compression

    text = to_json(patch)
    return len(text.encode()), text


# --- pure classing ------------------------------------------------------------------------------

def test_diverging_classes_split_at_the_centre() -> None:
    values = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 2.0, 4.0, np.nan])
    index, below, above = diverging_classes(values, centre=0.0)
    assert index[-1] == -1
    assert below == 3 and above == 3
    assert all(index[i] < below for i in range(3)) and all(index[i] >= below for i in range(3, 7))
    assert list(index[:7]) == sorted(index[:7])  # ascending values, ascending classes
    one_side, b, a = diverging_classes([5.0, 6.0], centre=1.0)
    assert (b, a) == (0, 2) and list(one_side) == [0, 1]
    with pytest.raises(ValueError, match="centre"):
        diverging_classes([1.0], centre=math.nan)


def test_diverging_colours_are_puor_orange_below_purple_above() -> None:
    colours = diverging_colors(3, 2)
    assert len(colours) == 5 and len(set(colours)) == 5
    assert colours[0] == "#7F3B08" and colours[-1] == "#2D004B"  # dark orange, dark purple (PuOr)
    with pytest.raises(ValueError):
        diverging_colors(0, 0)


def test_signed_numbers() -> None:
    assert format_signed(2.14, 1) == "+2.1" and format_signed(-0.44, 1) == "−0.4"
    assert format_signed(0.01, 1) == "0.0" and format_signed(math.nan) == "–"


def test_a_diverging_legend_has_signs_and_the_unit() -> None:
    import pandas as pd

    values = pd.DataFrame({"adcode": ["a", "b", "c", "d"], "value": [-1.2, 0.4, 3.0, math.nan]})
    meta = IndicatorMeta("gdp", "GDP", unit="%/yr", kind="diverging", year="CAGR 2012–2024", centre=1.0,
                         centre_label="centre: +1.0 %/yr", decimals=1)
    style = choropleth_style(["a", "b", "c", "d"], values, meta=meta)
    ticks = style["colorbar"]["ticktext"]
    assert ticks[0] == "No data" and any(t.startswith("−") for t in ticks) and any("+3.0" in t for t in ticks)
    assert all("%/yr" in t for t in ticks[1:])
    assert "CAGR 2012–2024" in style["hovertemplate"]
    assert "centre: +1.0 %/yr" in style["colorbar"]["title"]["text"]
    assert style["text"][0] == "−1.2 %/yr"


# --- change values and their centre -------------------------------------------------------------

def test_amounts_change_by_cagr_and_the_index_by_percentage_points() -> None:
    assert measure("gdp") == "cagr" and measure("gdp_per_capita") == "cagr" and measure("density") == "cagr"
    assert measure("gdp_index") == "pp"
    assert has_change("gdp") and not has_change("area") and not has_change("attention")


def test_gdp_change_is_the_cagr_of_each_province_and_centred_on_the_total() -> None:
    frame = change_values("gdp", 2012, 2024).set_index("adcode")
    start, end = datasets.statistics(2012).set_index("adcode"), datasets.statistics(2024).set_index("adcode")
    assert frame.loc["440000", "value"] == pytest.approx(
        cagr(start.loc["440000", "gdp"], end.loc["440000", "gdp"], 12))
    assert math.isnan(frame.loc["710000", "value"])  # Taiwan: no statistics
    total = cagr(start["gdp"].sum(), end["gdp"].sum(), 12)
    assert national_change("gdp", 2012, 2024) == pytest.approx(total)
    per_capita = cagr(start["gdp"].sum() / start["population"].sum(),
                      end["gdp"].sum() / end["population"].sum(), 12)
    assert national_change("gdp_per_capita", 2012, 2024) == pytest.approx(per_capita)
    with pytest.raises(ValueError, match="indicator='area'"):
        change_values("area", 2012, 2024)


def test_change_labels_say_the_measure_the_years_and_the_vintage() -> None:
    meta = change_meta("gdp", "en", 2012, 2024)
    assert meta.kind == "diverging" and meta.unit == "%/yr"
    assert meta.year == "CAGR 2012–2024 · NBS current series"
    assert meta.centre is not None and meta.centre_label.startswith("centre: 31-province total, +")
    pp = change_meta("gdp_index", "en", 2016, 2024)
    assert pp.year.startswith("change 2016–2024, percentage points") and pp.unit == "pp"
    zh = change_meta("population", "zh", 2012, 2024)
    assert "2012–2024年年均增长率" in zh.year and zh.unit == "%/年"


# --- the map: patch size, title, PNG figure -------------------------------------------------------

@pytest.mark.parametrize("state", [
    ViewState(year=(2012,)),
    ViewState(indicator="gdp", year=(2012, 2024)),
    ViewState(indicator="gdp_index", year=(2016, 2024), lang="zh"),
    ViewState(indicator="population", year=(2010,), region="west"),
])
def test_a_year_change_patches_values_only_within_5_kb(state: ViewState) -> None:
    drawn = drawn_key("map", state.with_(year=None))  # the page showed the same view in another year
    size, text = _size(map_patch(state, drawn))
    assert size <= YEAR_PATCH_BUDGET, f"{size} bytes"
    assert "geojson" not in text and "coordinates" not in text and '"lon"' not in text
    assert '"data", 0' in text.replace("[", "").replace("]", "") or '"data",0' in text.replace(" ", "")


def test_legend_hover_title_and_png_say_the_year_and_the_vintage() -> None:
    single = ViewState(indicator="gdp", year=(2012,))
    _, meta = map_values_meta(single)
    assert meta.year == "2012 · NBS current series"
    fig = map_export_figure(single, "map", height=800)
    title = fig.layout.title.text
    assert "2012" in title and "NBS current series" in title
    trace = fig.data[0]
    assert "2012 · NBS current series" in trace.hovertemplate and "2012" in trace.colorbar.title.text
    change = ViewState(indicator="gdp", year=(2012, 2024))
    fig = map_export_figure(change, "map", height=800)
    assert "CAGR 2012–2024 · NBS current series" in fig.layout.title.text
    assert "31-province total" in fig.layout.title.subtitle.text  # the subtitle names the centre
    assert "CAGR 2012–2024" in fig.data[0].hovertemplate
    assert "CAGR 2012–2024" in fig.data[0].colorbar.title.text


def test_the_csv_table_has_the_view_year_and_vintage() -> None:
    table = view_table(ViewState(indicator="gdp", year=(2012,)))
    assert set(table["year"]) == {"2012"} and set(table["vintage"]) == {"nbs-current"}
    row = table.set_index("adcode").loc["440000"]
    assert row["value"] == pytest.approx(datasets.statistics(2012).set_index("adcode").loc["440000", "gdp"])
    change = view_table(ViewState(indicator="gdp", year=(2012, 2024))).set_index("adcode")
    assert change.loc["440000", "year"] == "2012-2024" and change.loc["440000", "unit"] == "%/yr (CAGR)"
    assert change.loc["440000", "value"] == pytest.approx(change_values("gdp", 2012, 2024).set_index(
        "adcode").loc["440000", "value"])
    counts = view_table(ViewState(indicator="attention"))
    assert set(counts["year"]) == {""} and "vintage" in counts.columns


# --- the slider and the one state callback -------------------------------------------------------

def _controls(year: object, since: object = "") -> dict:
    return {Core.YEAR: year, Core.YEAR_SINCE: since}


def test_moving_the_slider_writes_the_year_into_the_url() -> None:
    store = to_query(ViewState(indicator="gdp"))
    result = resolve(Core.YEAR, store, store, _controls(2012))
    assert result.push_url and result.state.year == (2012,)
    assert to_query(result.state) == "?year=2012"
    latest = indicator_years("gdp")[-1]
    back = resolve(Core.YEAR, "?year=2012", "?year=2012", _controls(latest))
    assert back.push_url and back.state.year is None  # the latest year is the default: no year=
    same = resolve(Core.YEAR, "?year=2012", "?year=2012", _controls(2012))
    assert not same.push_url  # the bar set to what the URL says: no new history entry


def test_change_since_writes_a_range_that_round_trips() -> None:
    store = to_query(ViewState(indicator="gdp", year=(2024,)))
    result = resolve(Core.YEAR_SINCE, store, store, _controls(2024, "2012"))
    assert result.state.year == (2012, 2024)
    query = to_query(result.state)
    assert query == "?year=2012-2024"
    parsed, notices = parse_query(query, valid=url.valid_values())
    assert parsed == result.state and notices == []
    single = resolve(Core.YEAR_SINCE, query, query, _controls(2024, ""))
    assert single.state.year is None


def test_tampered_or_stale_year_inputs_change_nothing() -> None:
    store = to_query(ViewState(indicator="gdp"))
    for year, since in ((1800, ""), ("2012", ""), (True, ""), (2012, "x"), (2012, "1900"), (None, "")):
        assert not resolve(Core.YEAR, store, store, _controls(year, since)).push_url


def test_another_indicator_drops_a_year_it_lacks() -> None:
    store = to_query(ViewState(indicator="gdp", year=(2008,)))
    result = resolve(Core.INDICATOR, store, store, {Core.INDICATOR: "trade"})
    assert result.state == ViewState(indicator="trade")
    kept = resolve(Core.INDICATOR, store, store, {Core.INDICATOR: "population"})
    assert kept.state.year == (2008,)


def test_the_year_bar_follows_the_indicator() -> None:
    bar = year_bar(ViewState(indicator="gdp", year=(2012, 2024), lang="zh"))
    years = indicator_years("gdp")
    assert not bar["hidden"] and (bar["min"], bar["max"]) == (years[0], years[-1])
    assert bar["value"] == 2024 and bar["since"] == "2012" and str(years[-1]) in bar["marks"]
    assert bar["words"]["play"] == "播放"
    assert year_bar(ViewState(indicator="attention"))["hidden"]
    out = year_bar_update(to_query(ViewState(indicator="attention")))
    assert out[0] == {"display": "none"}


def test_the_state_callback_sets_the_slider_only_when_the_year_can_differ() -> None:
    from dash import no_update

    from callbacks.state import YEAR_CONTROLS, year_controls

    gdp = ViewState(indicator="gdp")
    assert year_controls(gdp.with_(region="west"), gdp) == [no_update] * len(YEAR_CONTROLS)
    years = indicator_years("trade")
    out = dict(zip(YEAR_CONTROLS, year_controls(ViewState(indicator="trade"), gdp), strict=True))
    assert out[(Core.YEAR, "min")] == years[0] and out[(Core.YEAR, "value")] == years[-1]
    assert out[(Core.YEAR_SINCE, "value")] == ""
    forced = year_controls(gdp, gdp, force=True)  # a URL change (back/forward): the slider follows it
    assert forced[3] == indicator_years("gdp")[-1]
