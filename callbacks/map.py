"""The national map follows the state by patches: colours, opacity, hover text and layer visibility.

The geometry was sent once with the layout; :func:`map_patch` never includes it, so a filter change
answers with a few kilobytes.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from dash import Input, Output, Patch, State, callback
from dash.exceptions import PreventUpdate

from layouts.ids import Core, Drawn
from views import url
from views.drawn import drawn_key
from views.map import base_figure_json, layout_labels, map_patch_props, overlay_labels
from views.state import LAYERS, ViewState


@cache
def overlay_index() -> dict[str, tuple[int, str]]:
    """uid -> (trace index, layer) of the overlay traces in the figure the page was given."""
    out = {}
    for i, trace in enumerate(base_figure_json()["data"]):
        if i > 0 and trace.get("legendgroup") in LAYERS:
            out[str(trace.get("uid"))] = (i, str(trace.get("legendgroup")))
    return out


def map_patch(state: ViewState, drawn: Any) -> Patch:
    """The patch that turns the page's national map into the map of ``state``.

    Trace 0 (the provinces) gets its view-dependent properties. Overlay traces get their visibility only
    when the layers differ from ``drawn`` (what the page shows now), and their names and hover texts only
    when the language differs; anything unreadable in ``drawn`` means "patch everything".
    """
    patch = Patch()
    for key, value in map_patch_props(state).items():
        patch["data"][0][key] = value
    drawn = drawn if isinstance(drawn, dict) else {}
    index = overlay_index()
    if drawn.get("layers") != ",".join(state.layers):
        shown = set(state.layers)
        for _uid, (i, layer) in index.items():
            patch["data"][i]["visible"] = layer in shown
    if drawn.get("lang") != state.lang:
        for uid, props in overlay_labels(state.lang):
            if uid in index:
                for key, value in props.items():
                    patch["data"][index[uid][0]][key] = value
        for n, text in layout_labels(state.lang).items():
            patch["layout"]["annotations"][int(n)]["text"] = text
    return patch


@callback(
    Output(Core.MAP, "figure"),
    Output(Drawn.MAP, "data"),
    Input(Core.STATE, "data"),
    State(Drawn.MAP, "data"),
    prevent_initial_call=True,
)
def update_map(store: str | None, drawn: Any) -> tuple[Patch, dict[str, str]]:
    """Patch the national map to the state in the store."""
    state = url.state_of(store)
    now = drawn_key("map", state)
    if now == drawn:
        raise PreventUpdate  # e.g. the first load of the default view: a redraw would change nothing
    return map_patch(state, drawn), now
