"""The page shell: header, view tabs, notices, the map page (filters, map, drill-down panel), the charts
and sources pages, and the footer.

The layout is built once per process (:func:`page_layout` is cached): the national figure with its
geometry goes to the browser once, in the layout, and everything the URL asks for afterwards is a patch.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from dash import dcc, html

from figures.common import TOPOJSON_URL
from layouts.aria import aria
from layouts.aria import graph_config as as_config
from layouts.filters import filters_panel
from layouts.ids import Core, Document, Drawn
from views import datasets, words
from views.drawn import drawn_key
from views.map import base_figure_json, year_bar
from views.state import VIEWS, ViewState, to_query

# Extra stores of the core callbacks (not part of the shared ids: only the core wires them).


def map_config(lang: str = "en") -> dict[str, Any]:
    """dcc.Graph config of the national map: offline topojson, PNG at scale 2, no plotly logo."""
    return {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        "scrollZoom": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": f"china-atlas_map_{lang}"},
    }


@cache
def page_layout() -> html.Div:
    """The whole page in its default state (English, GDP); the URL callback adjusts it on load."""
    state = ViewState()
    lang = state.lang
    return html.Div(className="app", children=[
        dcc.Location(id=Core.URL, refresh="callback-nav"),
        dcc.Store(id=Core.STATE, data=None),
        dcc.Store(id=Drawn.MAP, data=drawn_key("map", state)),
        dcc.Store(id=Drawn.WORDS, data=drawn_key("words", state)),
        dcc.Store(id=Drawn.PANEL, data=drawn_key("panel", state)),
        dcc.Store(id=Core.LANG_SINK, data=None),
        html.A(words.t("a11y.skip", lang), href=f"#{Core.MAP_AREA}", className="skip-link",
               id={"type": "i18n", "key": "a11y.skip"}),
        _header(state),
        html.Div(id=Core.NOTICES, className="notices", role="status", hidden=True, children=[
            html.Div(className="notice-box", children=[
                html.Strong(words.t("notice.title", lang), id={"type": "i18n", "key": "notice.title"}),
                html.Ul(id=Core.NOTICES_TEXT),
                html.Button(words.t("notice.dismiss", lang), id=Core.NOTICES_DISMISS, type="button",
                            className="notice-dismiss", n_clicks=0),
            ]),
        ]),
        html.Main(id=Core.MAIN, className="main", children=[
            _toolbar(state),
            html.Div(id=Core.PAGE_MAP, className="page page-map", children=[
                html.Aside(id=Core.SIDEBAR, className="sidebar", children=[
                    # on a phone the filters fold above the map behind this button (issue 13, item 14)
                    html.Button(_i18n("filter.toggle", lang), id=Core.FILTER_TOGGLE, type="button",
                                n_clicks=0, className="filters-toggle", **aria("aria-expanded", "false")),
                    filters_panel(state)]),
                html.Section(id=Core.MAP_AREA, className="map-area", tabIndex="-1",
                             **aria("aria-labelledby", Core.MAP_HEADING), children=[
                    html.H2(words.t("map.heading", lang), id=Core.MAP_HEADING, className="visually-hidden"),
                    dcc.Graph(id=Core.MAP, figure=base_figure_json(lang), config=as_config(map_config(lang)),
                              className="national-map", clear_on_unhover=True,
                              style={"height": "calc(100vh - 210px)", "minHeight": "520px"}),
                    year_bar_layout(state),
                    html.P(words.t("map.click_hint", lang), id=Core.MAP_CAPTION, className="map-caption"),
                ]),
                html.Aside(id=Core.PANEL, className="panel", hidden=True,
                           **aria("aria-labelledby", Core.PANEL_TITLE), children=[
                    dcc.Link(words.t("panel.back", lang), id=Core.PANEL_BACK, href="?",
                             className="back-link"),
                    html.Div(id=Core.PANEL_BODY), dcc.Store(id=Core.FOCUS_SINK, data=None),
                ]),
            ]),
            html.Div(id=Core.PAGE_CHARTS, className="page page-charts", hidden=True,
                     children=_other_page("charts", state)),
            html.Div(id=Core.PAGE_SOURCES, className="page page-sources", hidden=True,
                     children=_other_page("sources", state)),
            html.Div(id=Document.PAGE, className="page page-document", hidden=True,
                     children=_other_page("document", state)),
        ]),
        _footer(lang),
    ])


def year_bar_layout(state: ViewState) -> html.Div:
    """The year bar under the map: a labelled year slider (arrow keys step it), a play button that
    steps through the years, and "change since" (an earlier year: the map shows the change)."""
    bar = year_bar(state)
    lang = state.lang
    return html.Div(id=Core.YEAR_BAR, className="year-bar", role="group", style=year_bar_style(bar["hidden"]),
                    **aria("aria-labelledby", Core.YEAR_LABEL), children=[
        dcc.Store(id=Core.YEAR_WORDS, data=bar["words"]),
        dcc.Store(id=Core.YEAR_SINK, data=None),
        dcc.Interval(id=Core.YEAR_TICK, interval=1400, disabled=True, n_intervals=0),
        html.Span(_i18n("year.label", lang), id=Core.YEAR_LABEL, className="control-label"),
        html.Button(f"▶ {bar['words']['play']}", id=Core.YEAR_PLAY, type="button", n_clicks=0,
                    className="button secondary year-play", title=bar["words"]["play_label"],
                    **aria("aria-label", bar["words"]["play_label"]), **aria("aria-pressed", "false")),
        html.Div(className="year-slider", style={"flex": "1 1 320px", "minWidth": "240px"}, children=[
            dcc.Slider(id=Core.YEAR, min=bar["min"], max=bar["max"], step=1, marks=bar["marks"],
                       value=bar["value"], included=False, updatemode="mouseup", allow_direct_input=False,
                       tooltip={"placement": "top", "always_visible": False}),
        ]),
        html.Label(_i18n("year.since", lang), htmlFor=str(Core.YEAR_SINCE), id=Core.YEAR_SINCE_LABEL,
                   className="control-label"),
        dcc.Dropdown(id=Core.YEAR_SINCE, options=bar["options"], value=bar["since"], clearable=False,
                     searchable=False, className="control year-since", style={"minWidth": "150px"}),
    ])


def _i18n(key: str, lang: str) -> html.Span:
    """A word the language callback re-renders (pattern-matched id)."""
    return html.Span(words.t(key, lang), id={"type": "i18n", "key": key})


def year_bar_style(hidden: bool) -> dict[str, str]:
    """The year bar's inline style (a flex row; ``display: none`` for an indicator without years)."""
    if hidden:
        return {"display": "none"}
    return {"display": "flex", "flexWrap": "wrap", "alignItems": "center", "gap": "0.5rem 0.75rem",
            "padding": "0.25rem 0.5rem"}


def _header(state: ViewState) -> html.Header:
    lang = state.lang
    return html.Header(id=Core.HEADER, className="site-header", children=[
        html.Div(className="brand", children=[
            html.H1(words.t("app.title", lang), id=Core.TITLE),
            html.P(words.t("app.subtitle", lang), id=Core.SUBTITLE, className="subtitle"),
        ]),
        html.Nav(className="view-tabs", id=Core.TABS, **aria("aria-label", "Views"), children=[
            dcc.Link(words.t(f"tab.{view}", lang), id=_tab_id(view), href=tab_href(state, view),
                     className="tab active" if view == state.view else "tab")
            for view in VIEWS
        ]),
        dcc.Link(words.t("lang.toggle", lang), id=Core.LANG_TOGGLE, href=lang_href(state),
                 className="lang-toggle", title=words.t("lang.label", lang)),
    ])


def _tab_id(view: str) -> str:
    return {"map": Core.TAB_MAP, "charts": Core.TAB_CHARTS, "sources": Core.TAB_SOURCES,
            "document": Document.TAB}[view]


TAB_IDS: dict[str, str] = {view: _tab_id(view) for view in VIEWS}


def tab_href(state: ViewState, view: str) -> str:
    """The link of a view tab: the same state on another tab."""
    return to_query(state.with_(view=view)) or "?"


def lang_href(state: ViewState) -> str:
    """The link of the language toggle: the same state in the other language."""
    return to_query(state.with_(lang="zh" if state.lang == "en" else "en")) or "?"


def back_href(state: ViewState) -> str:
    """The link of "Back to national view": the same state without the province."""
    return to_query(state.with_(province=None)) or "?"


def _toolbar(state: ViewState) -> Any:
    """The row above the pages: the export bar, once for the map and charts pages."""
    try:
        from layouts.charts import export_bar
    except ImportError as exc:
        datasets.log.warning("dashboard: export bar unavailable (%s)", exc)
        return html.Div(className="toolbar")
    return html.Div(className="toolbar", children=[export_bar(state, state.lang)])


def _other_page(view: str, state: ViewState) -> Any:
    """The charts / sources page of the other dashboard area, with its body left empty.

    ``callbacks.charts`` draws a body when its tab is first shown (its key store starts empty), so a
    first visit to the map (and the server's start-up) does not build four hidden charts and a document.
    """
    try:
        if view == "charts":
            from layouts.charts import charts_panel

            return charts_panel(state, state.lang, deferred=True)
        if view == "document":
            from layouts.document import document_panel

            return document_panel(state)
        from layouts.sources import sources_panel

        return sources_panel(state, state.lang, deferred=True)
    except ImportError as exc:
        datasets.log.warning("dashboard: %s page unavailable (%s)", view, exc)
        return html.P(words.t("map.nodata", state.lang))


def _footer(lang: str) -> html.Footer:
    labels = datasets.source_labels()
    dates = datasets.source_dates()
    items = [html.Li([html.Cite(title), f" ({dates[sid]})" if dates.get(sid) else ""])
             for sid, title in labels.items()]
    return html.Footer(id=Core.FOOTER, className="site-footer", children=[
        html.H2(words.t("footer.sources", lang), id={"type": "i18n", "key": "footer.sources"}),
        html.Ul(items, className="source-list"),
        html.P(words.t("footer.stats", lang), id={"type": "i18n", "key": "footer.stats"}),
        html.P(words.t("footer.note", lang), id={"type": "i18n", "key": "footer.note"}, className="muted"),
    ])
