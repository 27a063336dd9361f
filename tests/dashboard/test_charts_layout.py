"""The charts tab's component tree (unique ids, every chart present, both languages) and the export bar,
mounted once in the shell above the map and charts pages."""

from __future__ import annotations

from collections import Counter

import pytest
from dash import dcc

from layouts.charts import CHART_IDS, charts_body, charts_panel, export_bar
from layouts.ids import Charts, Drawn
from tests.helpers import walk
from views.state import ViewState


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_charts_panel_ids_are_unique_and_complete(lang: str) -> None:
    panel = charts_panel(ViewState(view="charts", province="650000"), lang)
    ids = Counter(str(n.id) for n in walk(panel) if getattr(n, "id", None) is not None)
    assert [i for i, n in ids.items() if n > 1] == []
    expected = {*CHART_IDS.values(), Charts.CLAIMS_TABLE, Charts.BODY, Drawn.CHARTS}
    assert expected <= set(ids)
    # the export bar lives in the shell: the charts body (redrawn by callbacks) must not repeat its ids
    assert not set(ids) & set(EXPORT_IDS)


EXPORT_IDS = (
    Charts.EXPORT_BAR, Drawn.EXPORT, Charts.EXPORT_CHART, Charts.EXPORT_PNG, Charts.EXPORT_CSV,
    Charts.EXPORT_GEOJSON, Charts.EXPORT_GPKG, Charts.EXPORT_DOWNLOAD, Charts.EXPORT_STATUS,
)


def test_the_export_bar_is_mounted_once_in_the_shell_outside_the_pages() -> None:
    from layouts.ids import Core
    from layouts.shell import page_layout

    nodes = list(walk(page_layout()))
    ids = Counter(str(n.id) for n in nodes if isinstance(getattr(n, "id", None), str))
    assert {i: ids[i] for i in EXPORT_IDS} == dict.fromkeys(EXPORT_IDS, 1)
    bar = next(n for n in nodes if getattr(n, "id", None) == Charts.EXPORT_BAR)
    assert bar.hidden is False  # the default view is the map: the bar is shown there
    page_ids = (Core.PAGE_MAP, Core.PAGE_CHARTS, Core.PAGE_SOURCES)
    pages = [n for n in nodes if getattr(n, "id", None) in page_ids]
    assert len(pages) == 3
    for page in pages:
        assert not {str(getattr(n, "id", "")) for n in walk(page)} & set(EXPORT_IDS), page.id


@pytest.mark.parametrize(
    ("state", "chart", "hidden"),
    [
        (ViewState(), "map", False),
        (ViewState(province="650000"), "prefecture", False),
        (ViewState(view="charts", province="650000"), "ranking", False),
        (ViewState(view="sources"), "map", True),
    ],
)
def test_export_bar_defaults_to_what_the_view_shows(state: ViewState, chart: str, hidden: bool) -> None:
    bar = export_bar(state, "zh")
    dropdown = next(n for n in walk(bar) if getattr(n, "id", None) == Charts.EXPORT_CHART)
    assert dropdown.value == chart and bar.hidden is hidden
    assert "下载 PNG" in [getattr(n, "children", None) for n in walk(bar)]
    body = [n for child in charts_body(state) for n in walk(child)]
    assert not {str(getattr(n, "id", "")) for n in body} & set(EXPORT_IDS)


def test_every_graph_downloads_a_named_png_at_scale_2() -> None:
    panel = charts_panel(ViewState(view="charts", indicator="population", lang="zh"), "zh")
    graphs = [n for n in walk(panel) if isinstance(n, dcc.Graph)]
    assert len(graphs) == len(CHART_IDS)
    names = {g.id: g.config["toImageButtonOptions"] for g in graphs}
    for options in names.values():
        assert options["format"] == "png" and options["scale"] == 2
        assert options["filename"].startswith("china-atlas_") and options["filename"].endswith("_zh")
    assert names[Charts.RANKING]["filename"].startswith("china-atlas_ranking_population_")
