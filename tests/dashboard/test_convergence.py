"""Issue 14 parts 3-4: convergence, macro-region shares, trends, provinces compared and ranks over time.

Every number comes from a documented function checked here against a case computed by hand (three
provinces, two years); the figures and the charts are checked for their parts, in both languages.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from callbacks.compare import compare_words
from callbacks.state import CONTROL_FIELDS, control_values, resolve
from figures.bump import bump_figure
from figures.convergence import convergence_figure, shares_figure, spread_labels
from figures.periods import add_events, event_x
from figures.trends import compare_figure, trends_figure
from layouts.charts import charts_body, charts_panel
from layouts.ids import Charts
from tests.helpers import walk
from views.charts import CHARTS, chart_figure
from views.convergence import dispersion, dispersion_data, region_ratio, region_shares_by_year, shares_data
from views.export import EXPORT_CHARTS, export_figure
from views.state import MAX_COMPARE, ViewState, to_query
from views.trends import _rebase, group_series, group_value, ranks_by_year, trend_data

# Provinces a and b in the East, c in the West. 2000: GDP 1, 1, 4 and population 1 each; 2001: GDP 2, 1, 3
# and population 1, 1, 2 (GDP per capita 2, 1, 1.5).
HAND = pd.DataFrame(
    {
        "adcode": ["a", "b", "c", "a", "b", "c"],
        "year": [2000, 2000, 2000, 2001, 2001, 2001],
        "gdp": [1.0, 1.0, 4.0, 2.0, 1.0, 3.0],
        "population": [1.0, 1.0, 1.0, 1.0, 1.0, 2.0],
    }
)
GROUPS = {"a": "east", "b": "east", "c": "west"}


def test_dispersion_by_hand() -> None:
    table = dispersion(HAND, GROUPS).set_index("year")
    # 2000: mean GDP per capita 2, weighted variance (1 + 1 + 4) / 3 = 2, CV = sqrt(2) / 2; all of the
    # Theil index, (1/3) ln 2, lies between the groups (equal GDP per capita within the East).
    assert table.loc[2000, "cv"] == pytest.approx(math.sqrt(2) / 2)
    assert table.loc[2000, "theil"] == pytest.approx(math.log(2) / 3)
    assert table.loc[2000, "between"] == pytest.approx(math.log(2) / 3)
    assert table.loc[2000, "within"] == pytest.approx(0.0)
    # 2001: mean 6 / 4 = 1.5, weights 1/4, 1/4, 1/2: variance 0.25 * 0.25 * 2 = 0.125, CV = sqrt(0.125) / 1.5;
    # both groups hold half the GDP and half the people, so nothing lies between them.
    assert table.loc[2001, "cv"] == pytest.approx(math.sqrt(0.125) / 1.5)
    theil_2001 = math.log(4 / 3) / 3 + math.log(2 / 3) / 6
    assert table.loc[2001, "theil"] == pytest.approx(theil_2001)
    assert table.loc[2001, "between"] == pytest.approx(0.0)
    assert table.loc[2001, "within"] == pytest.approx(theil_2001)
    assert list(table["provinces"]) == [3, 3]


def test_dispersion_leaves_out_missing_values() -> None:
    gap = HAND.copy()
    gap.loc[0, "gdp"] = float("nan")
    table = dispersion(gap, GROUPS).set_index("year")
    assert table.loc[2000, "provinces"] == 2 and table.loc[2001, "provinces"] == 3
    assert table.loc[2000, "cv"] == pytest.approx(0.6)  # b: 1, c: 4, mean 2.5, sd 1.5
    with pytest.raises(ValueError, match="population"):
        dispersion(HAND.drop(columns=["population"]), GROUPS)


def test_region_shares_and_ratio_by_hand() -> None:
    shares = region_shares_by_year(HAND, GROUPS).set_index(["year", "region_id"])
    assert shares.loc[(2000, "east"), "gdp_share"] == pytest.approx(100 / 3)
    assert shares.loc[(2000, "east"), "population_share"] == pytest.approx(200 / 3)
    assert shares.loc[(2000, "west"), "gdp_per_capita"] == pytest.approx(4.0)
    assert shares.loc[(2001, "west"), "gdp_share"] == pytest.approx(50.0)
    assert shares.loc[(2001, "east"), "gdp_per_capita"] == pytest.approx(1.5)
    ratio = region_ratio(shares.reset_index()).set_index("year")["ratio"]
    assert ratio.to_dict() == pytest.approx({2000: 0.25, 2001: 1.0})
    gap = HAND.copy()
    gap.loc[5, "population"] = float("nan")  # a share needs every province: 2001 is left out
    assert set(region_shares_by_year(gap, GROUPS)["year"]) == {2000}
    assert region_ratio(pd.DataFrame(columns=["year", "region_id", "gdp_per_capita"])).empty


def test_group_figures_and_index_by_hand() -> None:
    one_year = HAND[HAND["year"] == 2001].assign(
        area_boundary=[1.0, 1.0, 2.0], gdp_index=[110.0, 100.0, 104.0], disposable_income=[3.0, 1.0, 2.0]
    )
    assert group_value(one_year, "gdp") == 6.0
    assert group_value(one_year, "gdp_per_capita") == pytest.approx(6 / 4 * 1e4)
    assert group_value(one_year, "density") == pytest.approx(4 / 4 * 1e4)
    assert group_value(one_year, "disposable_income") == pytest.approx((3 + 1 + 4) / 4)  # population-weighted
    assert group_value(one_year, "gdp_index") == pytest.approx((220 + 100 + 312) / 6)  # GDP-weighted
    assert math.isnan(group_value(one_year.assign(gdp=[1.0, None, 1.0]), "gdp"))
    # all years at once: the same figures, NaN where a member lacks a value
    both = HAND.assign(area_boundary=1.0, gdp_index=100.0, disposable_income=1.0)
    for key in ("gdp", "gdp_per_capita", "density", "disposable_income", "gdp_index"):
        line = group_series(both, key, ["a", "b", "c"])
        for year in (2000, 2001):
            assert line[year] == pytest.approx(group_value(both[both["year"] == year], key)), (key, year)
    assert group_series(both, "gdp", ["a", "b"]).to_dict() == {2000: 2.0, 2001: 3.0}
    gap = both.copy()
    gap.loc[0, "gdp"] = float("nan")
    assert math.isnan(group_series(gap, "gdp", ["a", "b"])[2000])
    rows = pd.DataFrame(
        {
            "indicator": ["gdp"] * 2 + ["gdp_per_capita"] * 2,
            "year": [2000, 2001] * 2,
            "series": ["province"] * 4,
            "value": [4.0, 6.0, 10.0, 20.0],
        }
    )
    assert _rebase(rows)["value"].tolist() == [100.0, 150.0, 10.0, 20.0]  # amounts indexed, ratios not


def test_the_atlas_numbers_are_those_of_the_functions() -> None:
    table = dispersion_data().set_index("year")
    assert list(table.index) == list(range(2006, 2025)) and (table["provinces"] == 31).all()
    assert (table["between"] + table["within"] - table["theil"]).abs().max() < 1e-12
    assert table.loc[2006, "cv"] > table.loc[2024, "cv"]  # the spread narrowed since 2006
    shares = shares_data()
    sums = shares.groupby("year")[["gdp_share", "population_share"]].sum()
    assert ((sums - 100).abs() < 1e-9).all(axis=None)
    ranks = ranks_by_year("gdp_per_capita")
    assert set(ranks.groupby("year")["rank"].max()) == {31}
    jilin = trend_data("220000")
    assert set(jilin["series"]) == {"province", "region", "china"}
    first = jilin[(jilin["indicator"] == "gdp") & (jilin["year"] == 2006)]
    assert first["value"].tolist() == pytest.approx([100.0] * 3)


def test_events_sit_within_their_year() -> None:
    assert event_x("2024-01-01") == pytest.approx(2023.5 + 0.5 / 366)
    assert event_x(pd.Timestamp("2018-07-02")) == pytest.approx(2018.0, abs=0.01)
    assert event_x("not a date") is None


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": ["2018-09-28", "bad"],
            "kind": ["symposium", "meeting"],
            "title": ["<b>x</b>", "y"],
            "place": ["Shenyang", "?"],
            "source_id": ["s", "s"],
            "adcode": ["210100", ""],
        }
    )


def test_builders_draw_periods_events_and_empty_figures() -> None:
    periods = [(2000, 2000, "P1"), (2001, 2005, "P2")]
    disp = dispersion(HAND, GROUPS)
    fig = convergence_figure(disp, events=_events(), periods=periods, title="T")
    assert isinstance(fig, go.Figure)
    names = [t.name for t in fig.data]
    assert "between macro-regions" in names and "within macro-regions" in names and "symposium" in names
    texts = [a.text for a in fig.layout.annotations]
    assert "P1" in texts and "P2" in texts
    assert not any("<b>x</b>" in str(t.customdata) for t in fig.data)  # data text is escaped
    shares = region_shares_by_year(HAND, GROUPS)
    fig = shares_figure(
        shares, region_ratio(shares), region_labels={"east": "E", "west": "W"}, periods=periods
    )
    assert {"<b>E</b>", "<b>W</b>"} <= {a.text for a in fig.layout.annotations}
    for empty in (
        convergence_figure(disp.iloc[0:0], empty_message="none"),
        shares_figure(shares.iloc[0:0], empty_message="none"),
        compare_figure(pd.DataFrame(columns=["adcode", "year", "value"]), empty_message="none"),
        bump_figure(pd.DataFrame(columns=["adcode", "year", "value", "rank"]), empty_message="none"),
        trends_figure(pd.DataFrame(columns=["indicator", "year", "series", "value"]), empty_message="none"),
    ):
        assert "none" in [a.text for a in empty.layout.annotations]
    with pytest.raises(ValueError, match="cv"):
        convergence_figure(disp.drop(columns=["cv"]))
    with pytest.raises(ValueError, match="kind"):
        add_events(go.Figure(), _events().drop(columns=["kind"]))
    assert spread_labels({"a": 20.0, "b": 20.5, "c": 5.0}, gap=2) == {"c": 5.0, "a": 20.0, "b": 22.0}


def test_bump_highlights_the_chosen_provinces() -> None:
    ranks = pd.DataFrame(
        {
            "adcode": ["a", "b", "a", "b"],
            "year": [2000, 2000, 2001, 2001],
            "value": [2.0, 1.0, 1.0, 3.0],
            "rank": [1, 2, 2, 1],
        }
    )
    fig = bump_figure(ranks, names={"a": "Alpha", "b": "Beta"}, highlight=["b"])
    widths = {t.name: t.line.width for t in fig.data}
    assert widths["Beta"] > widths["Alpha"] and fig.data[-1].name == "Beta"  # drawn on top
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # rank 1 at the top


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_new_chart_draws_and_exports_in_both_languages(lang: str) -> None:
    state = ViewState(
        lang=lang, province="220000", compare=("210000", "220000", "230000"), indicator="gdp_per_capita"
    )
    for chart in ("convergence", "shares", "trend", "compare", "bump"):
        assert chart in CHARTS and chart in EXPORT_CHARTS
        fig = chart_figure(state, chart)
        assert fig.layout.title.text and len(fig.data) > 1, chart
    fig = export_figure(state, "convergence")
    assert "2006–2024" in fig.layout.annotations[-1].text or any(
        "2006–2024" in str(a.text) for a in fig.layout.annotations
    )
    if lang == "zh":
        assert "区域差距" in chart_figure(state, "convergence").layout.title.text
    # an indicator without years: the compare and rank charts say so and show GDP per capita
    other = chart_figure(state.with_(indicator="strategies"), "bump")
    assert "GDP per capita" in other.layout.title.text or "人均" in other.layout.title.text


def test_compare_is_a_url_control_and_its_chart_appears_only_when_used() -> None:
    assert CONTROL_FIELDS[Charts.COMPARE_PICK] == "compare"
    store = to_query(ViewState(view="charts"))
    controls = dict(zip(CONTROL_FIELDS, control_values(ViewState(view="charts")), strict=True))
    controls[Charts.COMPARE_PICK] = ["230000", "220000", "bogus", 3, "220000"]
    result = resolve(Charts.COMPARE_PICK, store, store, controls)
    assert result.state.compare == ("220000", "230000") and result.push_url
    assert "compare=220000,230000" in to_query(result.state)
    controls[Charts.COMPARE_PICK] = [f"{n}0000" for n in (11, 12, 13, 14, 15, 21, 22, 23, 31, 32)]
    assert len(resolve(Charts.COMPARE_PICK, store, store, controls).state.compare) == MAX_COMPARE
    controls[Charts.COMPARE_PICK] = {"x": 1}
    assert not resolve(Charts.COMPARE_PICK, store, store, controls).push_url

    def ids(tree: object) -> set[str]:
        return {str(getattr(c, "id", "")) for c in walk(tree)}

    def compare_card(state: ViewState) -> object:
        return next(c for c in charts_body(state) if "chart-card-compare" in str(getattr(c, "className", "")))

    assert compare_card(ViewState(view="charts")).hidden is True
    assert compare_card(ViewState(view="charts", compare=("220000",))).hidden is False
    assert Charts.COMPARE in ids(charts_body(ViewState(view="charts", compare=("220000",))))
    panel = charts_panel(ViewState(compare=("220000",)), "zh", deferred=True)
    picker = next(c for c in walk(panel) if getattr(c, "id", None) == Charts.COMPARE_PICK)
    assert picker.value == ["220000"] and len(picker.options) == 31
    assert any(o["label"] == "吉林" or "吉林" in o["label"] for o in picker.options)
    assert picker.labels["selected_count"] == "已选{num_selected}个"  # the dropdown's own words, in Chinese
    options, placeholder, labels = compare_words({"lang": "en"})  # relabelled when the language changes
    assert "Jilin" in {o["label"] for o in options} and placeholder.startswith("Add provinces")
    assert labels["selected_count"] == "{num_selected} selected"
