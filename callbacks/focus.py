"""Where the eye and the keyboard go (issue 13, items 4, 11 and 14), all in the browser.

- A profile that opens (a tap or click on a province, a search, a URL) shows its top: the panel scrolls
  to its title and, on a narrow screen where the profile sits under the map, the page scrolls to the
  panel's top (it used to land at the bottom of the profile). The title takes the keyboard focus, so the
  next Shift+Tab is "Back to national view" (the panel's first link). A prefecture picked inside the same
  profile moves nothing.
- On a phone the filters fold above the map behind a "Filters" button; it opens and closes them.
"""

from __future__ import annotations

from dash import Input, Output, clientside_callback

from layouts.ids import Core

clientside_callback(
    """function (children) {
        const open = new URLSearchParams(window.location.search).get('province');
        if (!open) { window.__atlasShownProfile = null; return window.dash_clientside.no_update; }
        if (window.__atlasShownProfile === open) { return window.dash_clientside.no_update; }
        const show = (tries) => {
            const panel = document.getElementById('province-panel');
            const title = document.getElementById('panel-title');
            if (!panel || panel.hidden || !title) {
                if (tries > 0) { setTimeout(() => show(tries - 1), 100); }
                return;
            }
            window.__atlasShownProfile = open;
            panel.scrollTop = 0;
            if (window.matchMedia('(max-width: 1100px)').matches) {
                panel.scrollIntoView({block: 'start'});
            }
            title.focus({preventScroll: true});
        };
        setTimeout(() => show(30), 0);
        return window.dash_clientside.no_update;
    }""",
    Output(Core.FOCUS_SINK, "data"),
    Input(Core.PANEL_BODY, "children"),
)

clientside_callback(
    """function (n) {
        const open = Boolean(n && n % 2);
        return [open ? 'sidebar open' : 'sidebar', open ? 'true' : 'false'];
    }""",
    Output(Core.SIDEBAR, "className"),
    Output(Core.FILTER_TOGGLE, "aria-expanded"),
    Input(Core.FILTER_TOGGLE, "n_clicks"),
    prevent_initial_call=True,
)
