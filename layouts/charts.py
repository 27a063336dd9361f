"""The charts tab: ranking, macro-region summary, strategy matrix, events timeline, claims table."""

from __future__ import annotations

from dash import dcc, html

from layouts.chart_views import chart_figure, graph_config
from layouts.charts_i18n import t
from layouts.ids import Charts
from layouts.state import ViewState

_CHART_IDS = {
    "ranking": Charts.RANKING,
    "regions": Charts.REGIONS,
    "matrix": Charts.MATRIX,
    "timeline": Charts.TIMELINE,
}


def charts_panel(state: ViewState, lang: str) -> html.Div:
    """Return the charts tab for ``state`` in ``lang`` (``"en"`` or ``"zh"``).

    Every figure is built server-side for the given state, so the tab is complete on first render;
    ``callbacks.charts`` refreshes the figures when the state changes.
    """
    state = state.with_(lang=lang) if state.lang != lang else state
    sections = [
        html.Section(
            className="chart-card",
            children=dcc.Graph(
                id=_CHART_IDS[chart],
                figure=chart_figure(state, chart),
                config=graph_config(chart, state),
                className=f"chart chart-{chart}",
            ),
        )
        for chart in _CHART_IDS
    ]
    return html.Div(
        id=Charts.PANEL,
        className="charts-panel",
        children=[
            html.H2(t("charts.heading", lang)),
            html.P(t("charts.intro", lang), className="muted"),
            *sections,
        ],
    )
