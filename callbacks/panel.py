"""The drill-down panel follows ``state.province``: open with the province's profile, or hidden."""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, callback, ctx, no_update

from layouts.ids import Core, Drawn
from layouts.panel import province_panel
from views import url
from views.drawn import drawn_key
from views.prefecture import prefecture_view
from views.state import ViewState, to_query


def panel_update(state: ViewState, shown_key: object) -> tuple[Any, Any, Any]:
    """(hidden, body, key) for ``state``; ``no_update`` for the body when it already shows it."""
    key = drawn_key("panel", state)
    if not key:  # closed
        return True, no_update if not shown_key else [], key
    if key == shown_key:
        return False, no_update, no_update
    body = province_panel(state.province or "", state.lang, state.prefecture, prefecture_view(state))
    return False, body, key


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


def prefecture_url(trigger: object, clicks: list[Any], picks: list[Any], store: str | None) -> Any:
    """The URL that opens the counties of the prefecture clicked on the panel's map or picked in its
    dropdown (None picked: closes them); no_update for anything else (a forged or stale id)."""
    state = url.state_of(store)
    if not isinstance(trigger, dict) or trigger.get("province") != state.province or not state.province:
        return no_update
    if trigger.get("type") == Core.PREFECTURE_MAP:
        code = next((c for c in (_clicked(x) for x in clicks) if c), None)
    else:
        code = next((p for p in picks if isinstance(p, str)), None)
    if code is not None and code not in url.valid_values().prefectures:
        return no_update
    new = state.with_(prefecture=code)
    return no_update if new == state else (to_query(new) or "?")


def _clicked(click: Any) -> str | None:
    try:
        location = click["points"][0]["location"]
    except (TypeError, KeyError, IndexError):
        return None
    return location if isinstance(location, str) else None


@callback(
    Output(Core.URL, "search", allow_duplicate=True),
    Input({"type": Core.PREFECTURE_MAP, "province": ALL}, "clickData"),
    Input({"type": Core.PREFECTURE_PICK, "province": ALL}, "value"),
    State(Core.STATE, "data"),
    prevent_initial_call=True,
)
def open_prefecture(clicks: list[Any], picks: list[Any], store: str | None) -> Any:
    """Show (or close) a prefecture's counties in the drill-down."""
    return prefecture_url(ctx.triggered_id, clicks, picks, store)
