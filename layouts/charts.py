"""The charts tab (ranking, macro-region summary, strategy matrix, events timeline, claims reconciliation
table) and the export bar, which the shell mounts once above the map and charts pages."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dash import dcc, html

from layouts.aria import aria
from layouts.aria import graph_config as as_config
from layouts.ids import Charts, Drawn
from layouts.tables import claims_table
from layouts.trends import compare_picker
from views import datasets
from views.charts import chart_figure, graph_config
from views.drawn import drawn_key
from views.export import EXPORT_CHARTS
from views.state import ViewState
from views.words import t

CHART_IDS: dict[str, str] = {
    "ranking": Charts.RANKING,
    "regions": Charts.REGIONS,
    "matrix": Charts.MATRIX,
    "timeline": Charts.TIMELINE,
    "convergence": Charts.CONVERGENCE,
    "shares": Charts.SHARES,
    "compare": Charts.COMPARE,
    "bump": Charts.BUMP,
}


def charts_panel(state: ViewState, lang: str, *, deferred: bool = False) -> html.Div:
    """Return the charts tab for ``state`` in ``lang`` (``"en"`` or ``"zh"``).

    The figures are built server-side for the given state; ``callbacks.charts`` redraws the body when
    the state changes while the tab is shown. ``deferred=True`` leaves the body empty and the key unset,
    so the body is drawn on first show (no figures are built for a page that is not shown).
    """
    state = state.with_(lang=lang) if state.lang != lang else state
    return html.Div(
        id=Charts.PANEL,
        className="charts-panel",
        children=[
            dcc.Store(id=Drawn.CHARTS, data=None if deferred else drawn_key("charts", state)),
            compare_picker(state, lang),  # a URL control: always in the page, outside the redrawn body
            html.Div(id=Charts.BODY, children=[] if deferred else charts_body(state)),
        ],
    )


def charts_body(state: ViewState) -> list[Any]:
    """Heading, the four figures and the claims table for ``state``."""
    lang = state.lang
    cards: list[Any] = [
        html.H2(t("charts.heading", lang), className="charts-heading"),
        html.P(t("charts.intro", lang), className="muted"),
    ]
    for chart, component_id in CHART_IDS.items():
        figure = figure_json(chart, relevant_state(chart, state))
        # A responsive graph fills its box: give the box the height the chart's content needs.
        height = figure.get("layout", {}).get("height") or 450
        cards.append(
            html.Section(
                className=f"chart-card chart-card-{chart}",
                hidden=chart == "compare" and not state.compare,  # shown once provinces are compared
                children=dcc.Graph(
                    id=component_id,
                    figure=figure,
                    config=as_config(graph_config(chart, state)),
                    className=f"chart chart-{chart}",
                    responsive=True,
                    style={"height": f"{int(height)}px"},
                ),
            )
        )
    cards.append(
        html.Section(
            className="chart-card chart-card-claims",
            children=claims_table(datasets.reconciliation(), lang, source_titles=datasets.source_labels()),
        )
    )
    return cards


# What each chart depends on: the rest of the state is reset so that equal views share a cache entry.
_DEPENDS: dict[str, tuple[str, ...]] = {
    "ranking": ("indicator", "province", "lang"),
    "regions": ("region", "lang"),
    "matrix": ("province", "strategies", "lang"),
    "timeline": ("province", "lang"),
    "convergence": ("lang",),
    "shares": ("region", "lang"),
    "compare": ("indicator", "compare", "lang"),
    "bump": ("indicator", "province", "compare", "lang"),
}


def relevant_state(chart: str, state: ViewState) -> ViewState:
    """``state`` reduced to the fields ``chart`` depends on (the cache key of :func:`figure_json`)."""
    return ViewState(**{name: getattr(state, name) for name in _DEPENDS[chart]})


@lru_cache(maxsize=256)
def figure_json(chart: str, state: ViewState) -> dict[str, Any]:
    """The figure of ``chart`` for ``state`` as a plain dict, cached (the data behind it does not change
    while the process runs; Dash only serialises the dict)."""
    return chart_figure(state, chart).to_plotly_json()


def export_default(state: ViewState) -> str:
    """The chart the export bar offers first for ``state``: what the view shows."""
    if state.view == "charts":
        return "ranking"
    return "prefecture" if state.province else "map"


def export_options(lang: str) -> list[dict[str, str]]:
    """The export bar's chart choices in ``lang``."""
    return [{"label": t(f"export.chart.{c}", lang), "value": c} for c in EXPORT_CHARTS]


def export_bar(state: ViewState, lang: str) -> html.Div:
    """Export controls: which chart, then PNG (rendered server-side), CSV, GeoJSON or GeoPackage of the
    current view.

    Mounted once in the shell; ``callbacks.export`` keeps the chart choice and the labels in step with
    the state (hidden on the sources page).
    """
    return html.Div(
        id=Charts.EXPORT_BAR,
        className="export-bar",
        role="group",
        hidden=state.view == "sources",
        **aria("aria-label", t("export.heading", lang)),
        children=[
            dcc.Store(id=Drawn.EXPORT, data=drawn_key("export", state)),
            # issue 13 (item 16): a heading, and the picker says it picks what the PNG shows (not a view)
            html.Strong(t("export.heading", lang), id={"type": "i18n", "key": "export.heading"},
                        className="export-title"),
            html.Label(
                t("export.png_of", lang), id=Charts.EXPORT_HEADING, htmlFor=Charts.EXPORT_CHART,
                className="export-label",
            ),
            dcc.Dropdown(
                id=Charts.EXPORT_CHART,
                clearable=False,
                searchable=False,
                value=export_default(state),
                className="export-chart",
                options=export_options(lang),
            ),
            html.Button(
                t("export.png", lang), id=Charts.EXPORT_PNG, n_clicks=0, type="button", className="button"
            ),
            *[
                html.Button(t(key, lang), id=cid, n_clicks=0, type="button", className="button secondary")
                for key, cid in (("export.csv", Charts.EXPORT_CSV), ("export.geojson", Charts.EXPORT_GEOJSON),
                                 ("export.gpkg", Charts.EXPORT_GPKG))
            ],
            dcc.Loading(
                html.Span(id=Charts.EXPORT_STATUS, role="status", className="export-status"),
                type="dot",
                delay_show=300,
            ),
            dcc.Download(id=Charts.EXPORT_DOWNLOAD),
        ],
    )
