"""Charts and sources tabs: redraw them when the state changes while they are shown; scroll the quoted
passage into view."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, clientside_callback, no_update

from layouts.charts import charts_body
from layouts.ids import Charts, Core, Drawn
from layouts.sources import sources_body
from views import url
from views.drawn import drawn_key


def charts_update(store: str | None, drawn: object) -> tuple[Any, Any]:
    """New charts body and key for the state in ``store``, or no_update when hidden or unchanged."""
    state = url.state_of(store)
    key = drawn_key("charts", state)
    if state.view != "charts" or key == drawn:
        return no_update, no_update
    return charts_body(state), key


def sources_update(store: str | None, drawn: object) -> tuple[Any, Any]:
    """New sources body and key for the state in ``store``, or no_update when hidden or unchanged."""
    state = url.state_of(store)
    key = drawn_key("sources", state)
    if state.view != "sources" or key == drawn:
        return no_update, no_update
    return sources_body(state), key


@callback(
    Output(Charts.BODY, "children"),
    Output(Drawn.CHARTS, "data"),
    Input(Core.STATE, "data"),
    State(Drawn.CHARTS, "data"),
)
def _redraw_charts(store: str | None, drawn: object) -> tuple[Any, Any]:
    return charts_update(store, drawn)


@callback(
    Output(Charts.SOURCES_PANEL, "children"),
    Output(Drawn.SOURCES, "data"),
    Input(Core.STATE, "data"),
    State(Drawn.SOURCES, "data"),
)
def _redraw_sources(store: str | None, drawn: object) -> tuple[Any, Any]:
    return sources_update(store, drawn)


# Bring the quoted passage into view once the document is drawn and its tab is visible.
_SCROLL_JS = """
function (children, hidden) {
    if (hidden) { return window.dash_clientside.no_update; }
    window.setTimeout(function () {
        var el = document.getElementById("__TARGET__");
        if (el && el.offsetParent !== null) {
            el.scrollIntoView({block: "center", behavior: "instant"});
            el.focus({preventScroll: true});
        }
    }, 80);
    return window.dash_clientside.no_update;
}
"""
clientside_callback(
    _SCROLL_JS.replace("__TARGET__", Charts.QUOTE_TARGET),
    Output(Charts.SCROLL_SINK, "data"),
    Input(Charts.SOURCE_TEXT, "children"),
    Input(Core.PAGE_SOURCES, "hidden"),
)
