"""The picked place (issue 13): a search for a prefecture or port, or a click on a port, town or airport
on the national map, opens its province (``callbacks.state``) and picks the place out in the profile:
its Box 12 item is marked and scrolled into view, its prefecture outlined on the prefecture map, and a
line under the prefecture map names it.

The search box also opens as soon as it gets the keyboard focus, so that letters (and Chinese typed
through an input method) typed right after tabbing to it reach its search field.
"""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, clientside_callback, ctx

from layouts.ids import Core, Picked
from views import url
from views.search import picked_place


def clicked_place(click: Any) -> str | None:
    """``place:<id>`` of the overlay point a map click hit (customdata[3]); None for a province."""
    try:
        point = click["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(point, dict) or point.get("curveNumber") == 0:
        return None
    custom = point.get("customdata")
    if isinstance(custom, list) and len(custom) > 3 and isinstance(custom[3], str) and custom[3]:
        return f"place:{custom[3]}"
    return None


@callback(
    Output(Picked.STORE, "data"),
    Input(Core.SEARCH, "value"),
    Input(Core.MAP, "clickData"),
    State(Core.STATE, "data"),
    prevent_initial_call=True,
)
def update_picked(value: Any, click: Any, store: str | None) -> dict[str, str] | None:
    """The place the search or the click picked (None: a province or strategy, nothing to pick out)."""
    lang = url.state_of(store).lang
    if ctx.triggered_id == Core.SEARCH:
        return picked_place(value, lang)  # the search box's clear button clears the pick too
    return picked_place(clicked_place(click), lang)


clientside_callback(
    """function (picked, body) {
        if (!window.__atlasSearchOpens) {
            window.__atlasSearchOpens = true;
            let pointer = 0;
            let closing = 0;  // Escape or Enter in the search box closes its menu and gives the focus back
            const searchOf = (el) => {
                const wrap = el && el.closest && el.closest('.dash-dropdown-wrapper');
                const button = wrap && wrap.querySelector('#search');
                return button ? [wrap, button] : null;
            };
            document.addEventListener('pointerdown', () => { pointer = Date.now(); }, true);
            document.addEventListener('keydown', (e) => {  // the search box's own keys (its menu is in it)
                if ((e.key === 'Escape' || e.key === 'Enter') && searchOf(e.target)) { closing = Date.now(); }
            }, true);
            const open = (button) => {
                if (button.getAttribute('aria-expanded') !== 'true') { button.click(); }
            };
            // the search box's trigger, or the hidden input that passes the focus on to it
            const isTrigger = (el) => el.id === 'search' ||
                (el.classList && el.classList.contains('dash-dropdown-focus-target'));
            document.addEventListener('focusin', (e) => {
                const hit = searchOf(e.target);
                if (!hit || !isTrigger(e.target)) { return; }
                if (hit[0].contains(e.relatedTarget)) { return; }  // moving within the box
                // the menu hands the focus back (from nowhere: its field is gone) a moment after
                // Escape or Enter, later on a busy machine; that is not a user arriving
                if (!e.relatedTarget && Date.now() - closing < 1500) { closing = 0; return; }
                if (Date.now() - pointer < 400) { return; }
                setTimeout(() => open(hit[1]), 0);
            });
            document.addEventListener('keydown', (e) => {
                const hit = searchOf(e.target);
                if (!hit || !isTrigger(e.target)) { return; }
                if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) { return; }
                e.preventDefault();
                open(hit[1]);
                const ch = e.key;
                setTimeout(() => {
                    const input = hit[0].querySelector('input.dash-dropdown-search');
                    if (!input) { return; }
                    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
                    set.call(input, input.value + ch);
                    input.dispatchEvent(new Event('input', {bubbles: true}));
                    input.focus();
                }, 30);
            });
        }
        const mark = (tries) => {
            const panel = document.getElementById('province-panel');
            if (!panel) { return; }
            panel.querySelectorAll('.picked').forEach((el) => el.classList.remove('picked'));
            const note = document.getElementById('picked-note');
            const open = new URLSearchParams(window.location.search).get('province');
            const here = Boolean(picked && picked.id && open && open === picked.province &&
                                 panel.querySelector('#panel-title'));
            if (note) {
                note.textContent = here ? picked.label : '';
                note.hidden = !here;
            }
            if (!here) { return; }
            const item = panel.querySelector('[data-place="' + CSS.escape(picked.id) + '"]');
            if (item) {
                item.classList.add('picked');
                item.scrollIntoView({block: 'nearest'});
            } else if (tries === 20) {  // a prefecture: show the prefecture map, where it is outlined
                const map = panel.querySelector('.prefecture-graph');
                if (map) { map.scrollIntoView({block: 'nearest'}); }
            }
            const gd = panel.querySelector('.prefecture-graph .js-plotly-plot');
            if (!gd || !gd._fullData || !window.Plotly) {
                if (tries > 0) { setTimeout(() => mark(tries - 1), 150); }
                return;
            }
            gd.data.forEach((trace, i) => {
                if (trace.type !== 'choropleth' || !trace.locations) { return; }
                const hit = trace.locations.map((loc) => loc === picked.prefecture);
                if (!hit.some(Boolean)) { return; }
                window.Plotly.restyle(gd, {
                    'marker.line.width': [hit.map((h) => (h ? 3.2 : 0.8))],
                    'marker.line.color': [hit.map((h) => (h ? '#111111' : '#FFFFFF'))],
                }, [i]);
                gd.setAttribute('data-picked', picked.prefecture);
            });
        };
        setTimeout(() => mark(20), 0);
        return window.dash_clientside.no_update;
    }""",
    Output(Picked.SINK, "data"),
    Input(Picked.STORE, "data"),
    Input(Core.PANEL_BODY, "children"),
)
