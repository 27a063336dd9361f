"""The shell follows the state: which page is shown, the links that keep the state, the language."""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, callback, clientside_callback, no_update
from dash.exceptions import PreventUpdate

from layouts.filters import (
    OPTION,
    classify_options,
    indicator_options,
    layer_options,
    mode_options,
    option_pressed,
    region_options,
    strategy_options,
)
from layouts.ids import Core, Document, Drawn
from layouts.shell import TAB_IDS, back_href, lang_href, tab_href
from views import url, words
from views.drawn import drawn_key
from views.map_caption import map_caption_text
from views.search import search_matches
from views.state import VIEWS, ViewState

PAGE_IDS = {"map": Core.PAGE_MAP, "charts": Core.PAGE_CHARTS, "sources": Core.PAGE_SOURCES,
            "document": Document.PAGE}


def option_states(state: ViewState, ids: list[Any]) -> tuple[list[str], list[str]]:
    """``aria-pressed`` and className of the toggle buttons ``ids`` for ``state``."""
    pressed = [isinstance(i, dict) and option_pressed(state, str(i.get("field")), str(i.get("value")))
               for i in ids]
    return ["true" if p else "false" for p in pressed], ["opt on" if p else "opt" for p in pressed]


def navigation(state: ViewState) -> list[Any]:
    """Page visibility, tab links and classes, language and back links, in the callback's output order."""
    out: list[Any] = [state.view != view for view in VIEWS]
    out += [tab_href(state, view) for view in VIEWS]
    out += ["tab active" if state.view == view else "tab" for view in VIEWS]
    out += [lang_href(state), back_href(state), "?lang=zh" if state.lang == "zh" else "?"]
    out.append(map_caption(state))
    return out


def map_caption(state: ViewState) -> str:
    """The line under the map: how to drill down, or why every province is greyed out."""
    return map_caption_text(state)  # views.map_caption: strategies matched, an open profile


def interface_strings(lang: str, keys: list[str]) -> list[Any]:
    """Texts of the i18n spans, option lists and labels of the controls, in the callback's output order."""
    return [
        [words.t(k, lang) if words.has(k) else no_update for k in keys],
        *(words.t(f"tab.{view}", lang) for view in VIEWS),
        words.t("lang.toggle", lang), words.t("lang.label", lang),
        words.t("app.title", lang), words.t("app.subtitle", lang),
        words.t("panel.back", lang), words.t("notice.dismiss", lang),
        indicator_options(lang), strategy_options(lang),
        words.t("filter.search.placeholder", lang), words.t("filter.strategies.placeholder", lang),
    ]


@callback(
    *(Output(PAGE_IDS[view], "hidden") for view in VIEWS),
    *(Output(TAB_IDS[view], "href") for view in VIEWS),
    *(Output(TAB_IDS[view], "className") for view in VIEWS),
    Output(Core.LANG_TOGGLE, "href"),
    Output(Core.PANEL_BACK, "href"),
    Output(Core.RESET, "href"),
    Output(Core.MAP_CAPTION, "children"),
    Output({"type": OPTION, "field": ALL, "value": ALL}, "aria-pressed"),
    Output({"type": OPTION, "field": ALL, "value": ALL}, "className"),
    Input(Core.STATE, "data"),
    State({"type": OPTION, "field": ALL, "value": ALL}, "id"),
    prevent_initial_call=True,
)
def update_navigation(store: str | None, option_ids: list[Any]) -> list[Any]:
    """Show the state's page, press its toggle buttons, point every link at the state it leads to."""
    state = url.state_of(store)
    return [*navigation(state), *option_states(state, option_ids)]


@callback(
    Output({"type": "i18n", "key": ALL}, "children"),
    *(Output(TAB_IDS[view], "children") for view in VIEWS),
    Output(Core.LANG_TOGGLE, "children"),
    Output(Core.LANG_TOGGLE, "title"),
    Output(Core.TITLE, "children"),
    Output(Core.SUBTITLE, "children"),
    Output(Core.PANEL_BACK, "children"),
    Output(Core.NOTICES_DISMISS, "children"),
    Output(Core.INDICATOR, "options"),
    Output(Core.STRATEGIES, "options"),
    Output(Core.SEARCH, "placeholder"),
    Output(Core.STRATEGIES, "placeholder"),
    Output({"type": OPTION, "field": ALL, "value": ALL}, "children"),
    Output(Drawn.WORDS, "data"),
    Input(Core.STATE, "data"),
    State(Drawn.WORDS, "data"),
    State({"type": "i18n", "key": ALL}, "id"),
    State({"type": OPTION, "field": ALL, "value": ALL}, "id"),
    prevent_initial_call=True,
)
def update_language(store: str | None, drawn: object, ids: list[dict[str, str]],
                    option_ids: list[Any]) -> list[Any]:
    """Redraw the interface strings when (and only when) the language changes."""
    state = url.state_of(store)
    key = drawn_key("words", state)
    if key == drawn:
        raise PreventUpdate
    keys = [str(i.get("key")) if isinstance(i, dict) else "" for i in ids]
    return [*interface_strings(state.lang, keys), option_labels(state.lang, option_ids), key]


def option_labels(lang: str, ids: list[Any]) -> list[str]:
    """The toggle buttons' labels in ``lang``."""
    labels = {(field, o["value"]): o["label"] for field, options in (
        ("classify", classify_options(lang)), ("mode", mode_options(lang)),
        ("region", region_options(lang)), ("layers", layer_options(lang))) for o in options}
    return [labels.get((str(i.get("field")), i.get("value")), "") if isinstance(i, dict) else "" for i in ids]


@callback(
    Output(Core.SEARCH, "options"),
    Input(Core.SEARCH, "search_value"),
    State(Core.STATE, "data"),
    prevent_initial_call=True,
)
def update_search(query: str | None, store: str | None) -> list[dict[str, Any]]:
    """Offer the places and strategies matching what the user typed."""
    if not query:
        raise PreventUpdate
    return search_matches(query, url.state_of(store).lang)


# The page's language for screen readers and fonts: <html lang> follows the state.
clientside_callback(
    """function (drawn, store) {
        document.documentElement.lang = (drawn && drawn.lang) === 'zh' ? 'zh-CN' : 'en';
        return window.dash_clientside.no_update;
    }""",
    Output(Core.LANG_SINK, "data"),
    Input(Drawn.WORDS, "data"),
    State(Core.STATE, "data"),
)

# Dismissing the notices only hides them (no server round trip).
clientside_callback(
    "function (n) { return n ? true : window.dash_clientside.no_update; }",
    Output(Core.NOTICES, "hidden", allow_duplicate=True),
    Input(Core.NOTICES_DISMISS, "n_clicks"),
    prevent_initial_call=True,
)
