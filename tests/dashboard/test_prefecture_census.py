"""The prefecture map coloured by census population (issue 14): values equal the CSV, quantile classes
on the sequential palette, the change between censuses on the diverging palette with the units without a
2010 value marked "No data" and their reason in the hover, legend words in both languages, and the
default that keeps the strategy-membership colouring."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from config import REFERENCE_DIR
from figures.classing import assign_classes, quantile_breaks
from figures.common import NO_DATA_COLOR, diverging_colors, sequential_colors
from views.prefecture import prefecture_figure, prefecture_figure_json
from views.prefecture_census import census_values, census_years
from views.state import ViewState

XINJIANG = "650000"


def _csv(year: int) -> dict[str, str]:
    """Xinjiang's rows of the CSV for ``year``: adcode -> value as written ("" when left empty)."""
    with (REFERENCE_DIR / "prefecture_indicators.csv").open(encoding="utf-8") as fh:
        return {r["adcode"]: r["value"] for r in csv.DictReader(fh)
                if r["adcode"].startswith("65") and r["year"] == str(year)}


def _trace(state: ViewState) -> dict:
    return prefecture_figure_json(state, by_indicator=True)["data"][0]


def _title(trace: dict) -> str:
    return trace["colorbar"]["title"]["text"].replace("<br>", " ")


def test_census_years_are_the_nearest_censuses() -> None:
    assert census_years(None) == (2020,)
    assert census_years((2024,)) == (2020,)
    assert census_years((2011,)) == (2010,)
    assert census_years((2012, 2024)) == (2010, 2020)
    assert census_years((2010, 2020)) == (2010, 2020)
    assert census_years((2019, 2024)) == (2020,)  # both ends nearest to one census: that census


def test_xinjiang_values_equal_the_csv() -> None:
    rows = _csv(2020)
    values, meta = census_values(XINJIANG, "en")
    got = dict(zip(values["adcode"], values["value"], strict=True))
    assert set(got) == set(rows) and len(got) == 24  # 14 prefectures and 10 XPCC cities
    for adcode, written in rows.items():
        assert got[adcode] == float(written), adcode
    assert got["650100"] == 4_054_369  # Ürümqi
    assert meta.kind == "numeric"


def test_population_classes_are_quantiles_on_the_sequential_palette() -> None:
    trace = _trace(ViewState(province=XINJIANG, indicator="population"))
    rows = _csv(2020)
    y = np.array([float(rows[a]) for a in trace["locations"]])
    expected = assign_classes(y, quantile_breaks(y, 5))
    assert trace["z"] == expected.tolist()  # every unit has a 2020 value: no "no data" class
    colours = [step[1] for step in trace["colorscale"][::2]]
    assert colours == sequential_colors(5)
    assert len(trace["colorbar"]["ticktext"]) == 5
    assert trace["colorbar"]["ticktext"][0] == "20,414 – 69,524"


def test_density_shows_population_too_and_the_default_keeps_membership() -> None:
    pop = _trace(ViewState(province=XINJIANG, indicator="density"))
    assert pop["uid"] == "prefectures" and "census" in _title(pop)
    # the default (and any other indicator) keeps the strategy-membership map
    for fig in (prefecture_figure_json(ViewState(province=XINJIANG, indicator="population")),
                prefecture_figure_json(ViewState(province=XINJIANG, indicator="gdp"), by_indicator=True)):
        assert fig["data"][0].get("uid") != "prefectures"
        assert fig["data"][0]["showlegend"] is True


@pytest.mark.parametrize(("lang", "title", "source"), [
    ("en", "Resident population, 2020 census (persons)", "Seventh National Population Census, 1 Nov 2020"),
    ("zh", "常住人口，2020年人口普查（人）", "Seventh National Population Census, 1 Nov 2020"),
])
def test_legend_names_the_census_and_its_source(lang: str, title: str, source: str) -> None:
    text = _title(_trace(ViewState(province=XINJIANG, indicator="population", lang=lang)))
    assert title in text
    assert source in text and "NBS county-level tabulation" in text


def test_change_marks_the_units_without_2010_with_their_reason() -> None:
    rows10, rows20 = _csv(2010), _csv(2020)
    values, meta = census_values(XINJIANG, "en", (2010, 2020))
    assert meta.kind == "diverging" and meta.unit == "%"
    by = values.set_index("adcode")
    empty = {a for a, v in rows10.items() if not v}
    assert len(empty) == 16  # six prefectures that lost land to XPCC cities, and the ten XPCC cities
    for adcode in rows10:
        if adcode in empty:
            assert math.isnan(by.at[adcode, "value"])
            assert by.at[adcode, "note"].startswith("2010 census: no comparable value (")
        else:
            want = (float(rows20[adcode]) - float(rows10[adcode])) * 100 / float(rows10[adcode])
            assert by.at[adcode, "value"] == pytest.approx(want)
            assert by.at[adcode, "note"] == ""
    assert "Kunyu City (659009, XPCC) was carved out of Hotan in 2016" in by.at["653200", "note"]
    # the figure: "No data" is the bottom class, its hover names the reason
    trace = _trace(ViewState(province=XINJIANG, indicator="population", year=(2010, 2020)))
    assert trace["colorbar"]["ticktext"][0] == "No data"
    assert trace["colorscale"][0][1] == NO_DATA_COLOR
    hover = dict(zip(trace["locations"], trace["text"], strict=True))
    assert hover["659005"].startswith("No data<br>2010 census: no comparable value (XPCC city established")
    assert all(trace["z"][trace["locations"].index(a)] == 0 for a in empty)
    shown = [z for z in trace["z"] if z > 0]
    assert len(shown) == 8
    colours = [step[1] for step in trace["colorscale"][2::2]]  # after "No data": the diverging classes
    assert all(c in diverging_colors(3, 3) for c in colours)


@pytest.mark.parametrize(("lang", "title", "nearest"), [
    ("en", "Resident population, change 2010–2020 censuses (%)", "the censuses nearest to 2012–2024"),
    ("zh", "常住人口变化，2010–2020年人口普查（%）", "与2012–2024年最接近的人口普查"),
])
def test_a_range_uses_the_nearest_censuses_and_says_so(lang: str, title: str, nearest: str) -> None:
    text = _title(_trace(ViewState(province=XINJIANG, indicator="population", year=(2012, 2024), lang=lang)))
    assert title in text and nearest in text
    assert "Sixth National Population Census, 1 Nov 2010" in text
    exact = _title(_trace(ViewState(province=XINJIANG, indicator="population", year=(2010, 2020))))
    assert "nearest" not in exact


def test_prefecture_figure_passes_the_keyword_and_the_height() -> None:
    state = ViewState(province=XINJIANG, indicator="population")
    fig = prefecture_figure(state, height=400, by_indicator=True)
    assert fig.layout.height == 400 and fig.data[0].uid == "prefectures"


def test_prefecture_view_keeps_only_what_the_map_depends_on() -> None:
    from views.prefecture import prefecture_view

    gdp = ViewState(province=XINJIANG, indicator="gdp", year=(2015,), lang="zh", strategies=("belt-road",))
    assert prefecture_view(gdp) == ViewState(province=XINJIANG, lang="zh")
    pop = ViewState(province=XINJIANG, indicator="density", year=(2012, 2024))
    assert prefecture_view(pop) == ViewState(province=XINJIANG, indicator="population", year=(2012, 2024))
    assert prefecture_figure_json(prefecture_view(pop), by_indicator=True)["data"][0]["uid"] == "prefectures"


def test_change_is_centred_on_the_provinces_units_with_both_censuses() -> None:
    rows10, rows20 = _csv(2010), _csv(2020)
    both = [a for a, v in rows10.items() if v]
    start = sum(float(rows10[a]) for a in both)
    end = sum(float(rows20[a]) for a in both)
    _, meta = census_values(XINJIANG, "en", (2010, 2020))
    assert meta.centre == pytest.approx((end - start) * 100 / start)
    assert meta.centre_label == f"centre: Xinjiang, {len(both)} units with both censuses, +18.1%"
