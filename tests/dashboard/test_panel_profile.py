"""The drill-down panel of a province, on the real catalog and statistics."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import plotly.graph_objects as go
import pytest

from data.sources import normalize, source_text
from layouts.panel import province_panel
from tests.helpers import text_of, walk
from views import datasets
from views.panel import indicator_rows
from views.prefecture import prefecture_figure
from views.state import ViewState


def test_panel_names_region_strategies_and_quotes() -> None:
    assert datasets.places(), "run `python app.py build` first"
    body = province_panel("440000", "en")
    text = text_of(body, " ")
    assert "Guangdong" in text and "广东" in text
    assert "East" in text
    assert "Greater Bay Area" in text
    links = [n for n in walk(body) if n.__class__.__name__ == "Link"]
    assert links
    checked = 0
    for link in links:
        query = parse_qs(urlsplit(link.href).query)  # the one quote_href: "/?view=sources&..."
        assert query["view"] == ["sources"] and query["province"] == ["440000"]
        if "at" in query:
            start, end = map(int, query["at"][0].split("-"))
            passage = source_text(query["source"][0])[start:end]
            quotes = [n.children for n in walk(body) if n.__class__.__name__ == "Blockquote"]
            assert normalize(passage) in {normalize(q) for q in quotes}
            checked += 1
    assert checked >= 3


def test_panel_in_chinese_and_box12_items() -> None:
    body = province_panel("650000", "zh")
    text = text_of(body, " ")
    assert "新疆" in text and "边境基础设施" in text and "口岸" in text


def test_unknown_province_gives_a_short_note() -> None:
    assert len(province_panel("999999", "en")) == 1


@pytest.mark.parametrize(("adcode", "category", "members"), [
    ("440000", "greater-bay-area", {"440100", "440300", "440400", "440600", "441300", "441900", "442000",
                                    "440700", "441200"}),
    ("150000", "northeast-revitalization", {"150700", "152200", "150500", "150400", "152500"}),
])
def test_prefecture_map_highlights_member_prefectures(adcode: str, category: str, members: set[str]) -> None:
    fig = prefecture_figure(ViewState(province=adcode))
    traces = [t for t in fig.data if isinstance(t, go.Choropleth)]
    assert traces, "no prefecture geometry: run `python app.py build` first"
    first = traces[0]
    assert first.legendgroup == f"cat-{category}"
    assert set(first.locations) == members
    assert traces[-1].name in ("Other prefectures",)


def test_prefecture_map_needs_a_province() -> None:
    with pytest.raises(ValueError, match="province"):
        prefecture_figure(ViewState())


def test_indicator_rows_rank_and_compare(monkeypatch) -> None:
    import pandas as pd

    stats = pd.DataFrame({
        "adcode": ["110000", "120000", "650000", "540000"],
        "gdp": [400.0, 100.0, 200.0, 100.0],
        "population": [20.0, 10.0, 20.0, 5.0],
        "area": [10.0, 10.0, 100.0, 100.0],
        "area_boundary": [10.0, 10.0, 100.0, 100.0],
    })
    stats["gdp_per_capita"] = stats["gdp"] * 1e4 / stats["population"]
    stats["density"] = stats["population"] * 1e4 / stats["area_boundary"]  # as data.reference computes it
    monkeypatch.setattr(datasets, "statistics", lambda: stats)
    monkeypatch.setattr(datasets, "region_of", lambda: {"110000": "east", "120000": "east", "650000": "west",
                                                       "540000": "west"})
    rows = {r["indicator"]: r for r in indicator_rows("650000", "west")}
    assert rows["gdp"]["rank"] == 2 and rows["gdp"]["count"] == 4
    assert rows["gdp"]["region_share"] == pytest.approx(200 / 300 * 100)
    assert rows["gdp"]["nation_share"] == pytest.approx(200 / 800 * 100)
    # ratios of sums, not means of ratios
    assert rows["gdp_per_capita"]["region_value"] == pytest.approx(300 / 25 * 1e4)
    assert rows["density"]["nation_value"] == pytest.approx(55 / 220 * 1e4)
