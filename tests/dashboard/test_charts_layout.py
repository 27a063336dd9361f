"""The charts tab's component tree: unique ids, every chart present, export controls, both languages."""

from __future__ import annotations

from collections import Counter

import pytest
from dash import dcc

from layouts.charts import CHART_IDS, charts_panel
from layouts.ids import Charts
from layouts.state import ViewState


def _nodes(node: object) -> list[object]:
    out = [node]
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            out.extend(_nodes(child))
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_charts_panel_ids_are_unique_and_complete(lang: str) -> None:
    panel = charts_panel(ViewState(view="charts", province="650000"), lang)
    ids = Counter(str(n.id) for n in _nodes(panel) if getattr(n, "id", None) is not None)
    assert [i for i, n in ids.items() if n > 1] == []
    expected = {
        *CHART_IDS.values(),
        Charts.EXPORT_PNG,
        Charts.EXPORT_CSV,
        Charts.EXPORT_GEOJSON,
        Charts.EXPORT_DOWNLOAD,
        Charts.EXPORT_CHART,
        Charts.CLAIMS_TABLE,
        Charts.BODY,
        Charts.KEY,
    }
    assert expected <= set(ids)


def test_every_graph_downloads_a_named_png_at_scale_2() -> None:
    panel = charts_panel(ViewState(view="charts", indicator="population", lang="zh"), "zh")
    graphs = [n for n in _nodes(panel) if isinstance(n, dcc.Graph)]
    assert len(graphs) == len(CHART_IDS)
    names = {g.id: g.config["toImageButtonOptions"] for g in graphs}
    for options in names.values():
        assert options["format"] == "png" and options["scale"] == 2
        assert options["filename"].startswith("china-atlas_") and options["filename"].endswith("_zh")
    assert names[Charts.RANKING]["filename"].startswith("china-atlas_ranking_population_")
