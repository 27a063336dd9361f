"""The national map follows the state by patches: colours, opacity, hover text and layer visibility.

The geometry was sent once with the layout; :func:`map_patch` never includes it, so a filter change
answers with a few kilobytes.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from dash import Input, Output, Patch, State, callback, clientside_callback
from dash.exceptions import PreventUpdate

from layouts.ids import Core, Drawn
from layouts.shell import year_bar_style
from views import url
from views.drawn import drawn_key
from views.map import base_figure_json, layout_labels, map_patch_props, overlay_labels, year_bar
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


def year_bar_update(store: str | None) -> list[Any]:
    """The year bar's style (hidden for an indicator without years) and words for the state in
    ``store`` (see :func:`views.map.year_bar`; the slider itself is set by the state callback)."""
    bar = year_bar(url.state_of(store))
    return [year_bar_style(bar["hidden"]), bar["words"]]


@callback(
    Output(Core.YEAR_BAR, "style"),
    Output(Core.YEAR_WORDS, "data"),
    Input(Core.STATE, "data"),
    prevent_initial_call=True,
)
def _follow_year(store: str | None) -> list[Any]:
    return year_bar_update(store)


# Play: the button starts or stops the interval (from the first year when at the last); each tick steps
# the slider one year (which writes the URL through the state callback) and stops at the last year.
clientside_callback(
    """
    function(n, disabled, value, min, max, words) {
        const w = words || {};
        const playing = disabled === false;
        if (playing) {
            return [true, "\u25B6 " + (w.play || "Play"), "false", window.dash_clientside.no_update];
        }
        const start = (value === null || value === undefined || value >= max) ? min : value;
        return [false, "\u275A\u275A " + (w.pause || "Pause"), "true",
                start === value ? window.dash_clientside.no_update : start];
    }
    """,
    Output(Core.YEAR_TICK, "disabled"),
    Output(Core.YEAR_PLAY, "children"),
    Output(Core.YEAR_PLAY, "aria-pressed"),
    Output(Core.YEAR, "value", allow_duplicate=True),
    Input(Core.YEAR_PLAY, "n_clicks"),
    State(Core.YEAR_TICK, "disabled"),
    State(Core.YEAR, "value"),
    State(Core.YEAR, "min"),
    State(Core.YEAR, "max"),
    State(Core.YEAR_WORDS, "data"),
    prevent_initial_call=True,
)

clientside_callback(
    """
    function(n, value, min, max, words) {
        const w = words || {};
        const next = (value === null || value === undefined) ? min : Math.min(value + 1, max);
        const done = next >= max;
        const nu = window.dash_clientside.no_update;
        return [next === value ? nu : next, done ? true : nu,
                done ? "\u25B6 " + (w.play || "Play") : nu, done ? "false" : nu];
    }
    """,
    Output(Core.YEAR, "value", allow_duplicate=True),
    Output(Core.YEAR_TICK, "disabled", allow_duplicate=True),
    Output(Core.YEAR_PLAY, "children", allow_duplicate=True),
    Output(Core.YEAR_PLAY, "aria-pressed", allow_duplicate=True),
    Input(Core.YEAR_TICK, "n_intervals"),
    State(Core.YEAR, "value"),
    State(Core.YEAR, "min"),
    State(Core.YEAR, "max"),
    State(Core.YEAR_WORDS, "data"),
    prevent_initial_call=True,
)

# The slider's handle is named in the page's language (dcc.Slider passes no aria-label to it), and the
# play button says play or pause in it.
clientside_callback(
    """
    function(words, stopped) {
        const w = words || {};
        const label = w.label || "Year";
        const name = function() {
            const handles = document.querySelectorAll("#year-slider [role=slider]");
            handles.forEach(function(h) { h.setAttribute("aria-label", label); });
            return handles.length;
        };
        if (!name()) { setTimeout(name, 300); setTimeout(name, 1500); }
        const text = stopped === false ? "\u275A\u275A " + (w.pause || "Pause")
                                       : "\u25B6 " + (w.play || "Play");
        return [label, text, w.play_label || "Play through the years"];
    }
    """,
    Output(Core.YEAR_SINK, "data"),
    Output(Core.YEAR_PLAY, "children", allow_duplicate=True),
    Output(Core.YEAR_PLAY, "aria-label"),
    Input(Core.YEAR_WORDS, "data"),
    State(Core.YEAR_TICK, "disabled"),
    prevent_initial_call=True,
)
