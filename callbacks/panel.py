"""The drill-down panel follows ``state.province``: open with the province's profile, or hidden."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, no_update

from layouts.ids import Core
from layouts.panel import province_panel
from layouts.shell import PANEL_KEY
from views import datasets
from views.state import ViewState


def panel_key(state: ViewState) -> str | None:
    """What the panel shows; None when it is closed."""
    return f"{state.province}|{state.lang}" if state.province and state.view == "map" else None


def panel_update(state: ViewState, shown_key: str | None) -> tuple[Any, Any, Any]:
    """(hidden, body, key) for ``state``; ``no_update`` for the body when it already shows it."""
    key = panel_key(state)
    if key is None:
        return True, no_update if shown_key is None else [], None
    if key == shown_key:
        return False, no_update, no_update
    return False, province_panel(state.province or "", state.lang), key


@callback(
    Output(Core.PANEL, "hidden"),
    Output(Core.PANEL_BODY, "children"),
    Output(PANEL_KEY, "data"),
    Input(Core.STATE, "data"),
    State(PANEL_KEY, "data"),
    prevent_initial_call=True,
)
def update_panel(store: str | None, shown_key: str | None) -> tuple[Any, Any, Any]:
    """Open, refresh or close the drill-down panel."""
    return panel_update(datasets.state_of(store), shown_key)
