"""The charts follow the URL's year (issue 14): the ranking shows the year (and vintage) the URL names,
or ranks the provinces by the change between two years (CAGR or percentage points, reusing
views.change); the macro-region shares use the same year; export file names say the year or the range."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from views import datasets
from views.change import change_values
from views.charts import chart_figure, export_filename
from views.indicators import indicator_years
from views.ranking import change_span, ranking_data
from views.regions import region_shares, shares_year
from views.state import ViewState


def _subtitle(state: ViewState, chart: str = "ranking") -> str:
    return str(chart_figure(state, chart).layout.title.subtitle.text)


def _bars(state: ViewState) -> dict[str, float]:
    """Province name -> bar value of the ranking figure (the selection outline left out)."""
    out: dict[str, float] = {}
    for trace in chart_figure(state, "ranking").data:
        if trace.showlegend is False:
            continue
        out.update({str(y).removeprefix("▶ "): float(x) for x, y in zip(trace.x, trace.y, strict=True)})
    return out


def test_ranking_shows_the_urls_year_and_says_it() -> None:
    state = ViewState(indicator="gdp", year=(2015,))
    data = ranking_data("gdp", "en", (2015,))
    stats = datasets.statistics(2015).set_index("adcode")["gdp"]
    for adcode, value in zip(data["adcode"], data["value"], strict=True):
        if math.isfinite(value):
            assert value == pytest.approx(float(stats[adcode]))
    latest_values = ranking_data("gdp", "en").set_index("adcode")["value"]
    assert not data.set_index("adcode")["value"].equals(latest_values)
    assert _subtitle(state).startswith("2015 · NBS current series")
    assert _subtitle(state.with_(lang="zh")).startswith("2015年 · 国家统计局现行数据")
    assert all(d.startswith("2015 · ") for d in data["detail"])
    # no year: the latest, with its vintage
    latest = indicator_years("gdp")[-1]
    assert _subtitle(ViewState(indicator="gdp")).startswith(f"{latest} · NBS current series")


def test_a_change_ranks_by_the_change() -> None:
    state = ViewState(indicator="gdp", year=(2012, 2024))
    assert change_span("gdp", (2012, 2024)) == (2012, 2024)
    assert change_span("gdp", (2024,)) is None and change_span("attention", (2012, 2024)) is None
    change = change_values("gdp", 2012, 2024).set_index("name_en")["value"]
    bars = _bars(state)
    assert len(bars) == 31
    for name, value in bars.items():
        assert value == pytest.approx(float(change[name]))
    # largest at the top: the last bar drawn is the largest CAGR
    top = max(bars, key=lambda n: bars[n])
    assert top == change.astype(float).idxmax()
    subtitle = _subtitle(state)
    assert "CAGR 2012–2024" in subtitle and "NBS current series" in subtitle
    assert "年均增长率" in _subtitle(state.with_(lang="zh"))
    figure = chart_figure(state, "ranking")
    assert "%/yr" in figure.layout.xaxis.title.text


def test_an_index_change_is_in_percentage_points() -> None:
    years = indicator_years("gdp_index")
    state = ViewState(indicator="gdp_index", year=(years[0], years[-1]))
    subtitle = _subtitle(state)
    assert f"change {years[0]}–{years[-1]}, percentage points" in subtitle
    data = ranking_data("gdp_index", "en", (years[0], years[-1]))
    start = datasets.statistics(years[0]).set_index("adcode")["gdp_index"]
    end = datasets.statistics(years[-1]).set_index("adcode")["gdp_index"]
    for adcode, value in zip(data["adcode"], data["value"], strict=True):
        if math.isfinite(value):
            assert value == pytest.approx(float(end[adcode]) - float(start[adcode]))


def test_region_shares_use_the_year() -> None:
    assert shares_year((2015,)) == 2015
    assert shares_year((2012, 2024)) == 2024
    assert shares_year(None) == datasets.latest_year()
    shares = region_shares(2015).set_index(["region_id", "metric"])["share"]
    stats = datasets.statistics(2015).set_index("adcode")
    from views.ranking import province_regions

    regions = pd.Series(province_regions())
    gdp = pd.to_numeric(stats["gdp"]).reindex(regions.index)
    want = 100 * gdp.groupby(regions).sum() / gdp.sum()
    for region, share in want.items():
        assert shares[(region, "gdp")] == pytest.approx(share)
    assert shares[("west", "gdp")] != pytest.approx(region_shares().set_index(["region_id", "metric"])
                                                    .at[("west", "gdp"), "share"])
    assert _subtitle(ViewState(year=(2015,)), "regions").startswith("2015 · ")
    source = " ".join(a.text for a in chart_figure(ViewState(year=(2015,)), "regions").layout.annotations)
    assert "2015 · NBS current series" in source


@pytest.mark.parametrize(("state", "chart", "stem"), [
    (ViewState(indicator="gdp", year=(2012, 2024)), "ranking", "china-atlas_ranking_gdp_2012-2024"),
    (ViewState(indicator="gdp", year=(2012, 2024)), "map", "china-atlas_map_gdp_2012-2024"),
    (ViewState(indicator="gdp", year=(2015,)), "ranking", "china-atlas_ranking_gdp_2015"),
    (ViewState(indicator="population", year=(2012, 2024), lang="zh"), "ranking",
     "china-atlas_ranking_population_2012-2024_zh"),
    (ViewState(year=(2015,)), "regions", "china-atlas_regions_2015"),
])
def test_export_names_say_the_year_or_the_range(state: ViewState, chart: str, stem: str) -> None:
    assert export_filename(chart, state) == stem
