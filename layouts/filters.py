"""The filter sidebar: search, indicator, classes, strategies (any/all), macro-region, layers.

Every control has a visible label (``html.Label`` with ``htmlFor``, or a fieldset legend). The option
lists that depend on the language are built by the ``*_options`` functions, which the language callback
calls again; the search options are built once per language and cached.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from data.vocab import STRATEGY_KINDS
from layouts.aria import aria
from layouts.ids import Core, Picked
from views import datasets, words
from views.search import search_terms
from views.state import CLASSIFIERS, INDICATORS, LAYERS, MODES, REGIONS, ViewState
from views.words import strategy_kind_label


def filters_panel(state: ViewState) -> html.Form:
    """The filter sidebar for ``state`` (controls start at the state's values)."""
    lang = state.lang
    return html.Form(className="filters", role="search", **aria("aria-label", words.t("filter.title", lang)),
                     children=[
        _label(Core.SEARCH, "filter.search", lang),
        dcc.Dropdown(id=Core.SEARCH, options=[], value=None, clearable=True,
                     placeholder=words.t("filter.search.placeholder", lang), className="control search",
                     maxHeight=320, optionHeight=34),
        _label(Core.INDICATOR, "filter.indicator", lang),
        dcc.Dropdown(id=Core.INDICATOR, options=indicator_options(lang), value=state.indicator,
                     clearable=False, searchable=False, className="control"),
        _toggle_group(Core.CLASSIFY, "classify", "filter.classify", classify_options(lang), state, "row"),
        _label(Core.STRATEGIES, "filter.strategies", lang),
        dcc.Dropdown(id=Core.STRATEGIES, options=strategy_options(lang), value=list(state.strategies),
                     multi=True, placeholder=words.t("filter.strategies.placeholder", lang),
                     className="control", maxHeight=360),
        _toggle_group(Core.MODE, "mode", "filter.mode", mode_options(lang), state, "row"),
        _toggle_group(Core.REGION, "region", "filter.region", region_options(lang), state, "grid"),
        _toggle_group(Core.LAYERS, "layers", "filter.layers", layer_options(lang), state, "col"),
        dcc.Link(_text("filter.reset", lang), id=Core.RESET, href="?lang=zh" if lang == "zh" else "?",
                 className="reset-link"),
        dcc.Store(id=Picked.STORE, data=None), dcc.Store(id=Picked.SINK, data=None),
    ])


# The option buttons of the toggle groups: id {"type": OPTION, "field": <ViewState field>, "value": <value>}.
# Native buttons with aria-pressed (Dash's RadioItems/Checklist render role="option" labels that fail
# accessibility audits).
OPTION = "option"
OPTION_FIELDS: dict[str, tuple[str, ...]] = {
    "classify": CLASSIFIERS, "mode": MODES, "region": ("", *REGIONS), "layers": LAYERS,
}


def option_pressed(state: ViewState, field: str, value: str) -> bool:
    """Whether the option button ``value`` of ``field`` shows as chosen for ``state`` (False for an id
    that is not one of the atlas's option buttons: forged ids never reach ``getattr``)."""
    if field not in OPTION_FIELDS or value not in OPTION_FIELDS[field]:
        return False
    current = getattr(state, field)
    if field == "layers":
        return value in current
    return (current or "") == value


def _toggle_group(group_id: str, field: str, legend_key: str, options: list[dict[str, Any]],
                  state: ViewState, shape: str) -> html.Fieldset:
    buttons = [
        html.Button(
            option["label"], id={"type": OPTION, "field": field, "value": option["value"]}, type="button",
            n_clicks=0, className="opt on" if option_pressed(state, field, option["value"]) else "opt",
            **aria("aria-pressed", "true" if option_pressed(state, field, option["value"]) else "false"),
        )
        for option in options
    ]
    return html.Fieldset(className="inline-group", children=[
        html.Legend(_text(legend_key, state.lang)),
        html.Div(buttons, id=group_id, className=f"opt-group opt-{shape}"),
    ])


def _label(target: str, key: str, lang: str) -> html.Label:
    return html.Label(_text(key, lang), htmlFor=str(target), className="control-label")


def _text(key: str, lang: str) -> html.Span:
    """An interface string in a span the language callback re-renders (pattern-matched id)."""
    return html.Span(words.t(key, lang), id={"type": "i18n", "key": key})


def indicator_options(lang: str) -> list[dict[str, Any]]:
    """The indicators the map can show, in ``lang``."""
    return [{"label": words.t(f"indicator.{k}", lang), "value": k} for k in INDICATORS]


def classify_options(lang: str) -> list[dict[str, Any]]:
    return [{"label": words.t(f"classify.{k}", lang), "value": k} for k in CLASSIFIERS]


def mode_options(lang: str) -> list[dict[str, Any]]:
    return [{"label": words.t(f"mode.{k}", lang), "value": k} for k in MODES]


def region_options(lang: str) -> list[dict[str, Any]]:
    return [{"label": words.t("filter.region.all", lang), "value": ""}] + [
        {"label": words.t(f"region.{r}", lang), "value": r} for r in REGIONS]


def layer_options(lang: str) -> list[dict[str, Any]]:
    return [{"label": words.t(f"layer.{k}", lang), "value": k} for k in LAYERS]


def strategy_options(lang: str) -> list[dict[str, Any]]:
    """Strategies grouped by kind: a disabled heading option per kind, then its strategies by name."""
    table = datasets.catalog_table("strategies")
    if table.empty:
        return []
    options: list[dict[str, Any]] = []
    kinds = [k for k in STRATEGY_KINDS if k in set(table["kind"])]
    kinds += sorted(set(table["kind"]) - set(kinds))
    for kind in kinds:
        rows = table[table["kind"] == kind]
        rows = rows.assign(_name=[words.name(r, lang) for _, r in rows.iterrows()]).sort_values("_name")
        heading = strategy_kind_label(kind, lang)
        options.append({"label": f"— {heading} —", "value": f"kind:{kind}", "disabled": True,
                        "search": ""})
        for _, row in rows.iterrows():
            options.append({"label": row["_name"], "value": row["strategy_id"],
                            "search": search_terms(row, extra=(heading,))})
    return options
