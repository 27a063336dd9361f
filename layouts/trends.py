"""Component trees of the charts over years: the drill-down's "Over the years" section and the charts
page's "Compare provinces" picker (a URL control: ``callbacks.state`` reads and sets it)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast

from dash import dcc, html

from layouts.aria import graph_config as as_config
from layouts.ids import Charts
from views import words
from views.charts import graph_config
from views.state import ViewState
from views.trend_charts import compare_labels, compare_options, trend_chart


def trends_section(adcode: str, lang: str) -> html.Section:
    """The panel's section of the province's indicators over the years (small lines beside its region
    and China, the plan periods shaded, the events' dates dotted)."""
    state = ViewState(lang=words.as_lang(lang), province=adcode)
    figure = _trend_json(adcode, words.as_lang(lang))
    height = figure.get("layout", {}).get("height") or 600
    return html.Section(
        className="panel-section panel-trends",
        children=[
            html.H3(words.t("panel.trends", lang)),
            html.P(words.t("panel.trends.caption", lang), className="muted small"),
            dcc.Graph(
                figure=figure,
                config=as_config(graph_config("trend", state)),
                className="trend-graph",
                responsive=True,
                style={"height": f"{int(height)}px"},
            ),
        ],
    )


@lru_cache(maxsize=128)
def _trend_json(adcode: str, lang: str) -> dict[str, Any]:
    state = ViewState(lang=words.as_lang(lang), province=adcode)
    return trend_chart(state, None, columns=2, titled=False).to_plotly_json()


def compare_picker(state: ViewState, lang: str) -> html.Div:
    """The charts page's "Compare provinces" dropdown: its value is ``state.compare`` (the first
    :data:`views.state.MAX_COMPARE` are kept); ``callbacks.compare`` relabels it when the language changes."""
    key = "charts.compare.pick"
    return html.Div(
        className="compare-picker",
        children=[
            html.Label(
                html.Span(words.t(key, lang), id={"type": "i18n", "key": key}),
                htmlFor=Charts.COMPARE_PICK,
                className="compare-label",
            ),
            dcc.Dropdown(
                id=Charts.COMPARE_PICK,
                multi=True,
                value=list(state.compare),
                options=compare_options(lang),
                labels=cast(Any, compare_labels(lang)),  # dcc.Dropdown's Labels: the same keys
                placeholder=words.t("charts.compare.placeholder", lang),
                className="control compare-pick",
            ),
        ],
    )
