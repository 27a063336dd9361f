"""The drill-down panel follows ``state.province``: open with the province's profile, or hidden."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, no_update

from layouts.ids import Core, Drawn
from layouts.panel import province_panel
from views import url
from views.drawn import drawn_key
from views.state import ViewState


def panel_update(state: ViewState, shown_key: object) -> tuple[Any, Any, Any]:
    """(hidden, body, key) for ``state``; ``no_update`` for the body when it already shows it."""
    key = drawn_key("panel", state)
    if not key:  # closed
        return True, no_update if not shown_key else [], key
    if key == shown_key:
        return False, no_update, no_update
    return False, province_panel(state.province or "", state.lang), key


@callback(
    Output(Core.PANEL, "hidden"),
    Output(Core.PANEL_BODY, "children"),
    Output(Drawn.PANEL, "data"),
    Input(Core.STATE, "data"),
    State(Drawn.PANEL, "data"),
    prevent_initial_call=True,
)
def update_panel(store: str | None, shown_key: object) -> tuple[Any, Any, Any]:
    """Open, refresh or close the drill-down panel."""
    return panel_update(url.state_of(store), shown_key)
