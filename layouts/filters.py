"""The filter sidebar: search, indicator, classes, strategies (any/all), macro-region, layers.

Every control has a visible label (``html.Label`` with ``htmlFor``, or a fieldset legend). The option
lists that depend on the language are built by the ``*_options`` functions, which the language callback
calls again; the search options are built once per language and cached.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dash import dcc, html

from layouts.ids import Core
from views import datasets, words
from views.state import CLASSIFIERS, INDICATORS, LAYERS, MODES, REGIONS, ViewState

STRATEGY_KIND_ORDER = (
    "macro_region_strategy", "regional_strategy", "city_cluster", "metropolitan_area", "pilot_zone",
    "zone", "corridor", "eco_economic_belt", "special_region", "old_revolutionary_base_area",
)
_KIND_LABEL = {
    "macro_region_strategy": ("Macro-region strategy", "四大板块战略"),
    "regional_strategy": ("Major regional strategy", "区域重大战略"),
    "city_cluster": ("City cluster", "城市群"),
    "metropolitan_area": ("Metropolitan area", "都市圈"),
    "pilot_zone": ("Pilot zone", "试点示范区"),
    "zone": ("Zone", "功能区"),
    "corridor": ("Corridor", "通道"),
    "eco_economic_belt": ("Eco-economic belt", "生态经济带"),
    "special_region": ("Special-type region", "特殊类型地区"),
    "old_revolutionary_base_area": ("Old revolutionary base area", "革命老区"),
}
_SEARCH_KIND = {
    "province": ("province", "省级"), "prefecture": ("prefecture", "地级"),
    "port": ("border port", "口岸"), "strategy": ("strategy", "战略"),
}


def filters_panel(state: ViewState) -> html.Form:
    """The filter sidebar for ``state`` (controls start at the state's values)."""
    lang = state.lang
    return html.Form(className="filters", role="search", **{"aria-label": words.t("filter.title", lang)},
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
            **{"aria-pressed": "true" if option_pressed(state, field, option["value"]) else "false"},
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
    kinds = [k for k in STRATEGY_KIND_ORDER if k in set(table["kind"])]
    kinds += sorted(set(table["kind"]) - set(kinds))
    for kind in kinds:
        rows = table[table["kind"] == kind]
        rows = rows.assign(_name=[words.name(r, lang) for _, r in rows.iterrows()]).sort_values("_name")
        heading = _KIND_LABEL.get(kind, (kind, kind))[1 if lang == "zh" else 0]
        options.append({"label": f"— {heading} —", "value": f"kind:{kind}", "disabled": True,
                        "search": ""})
        for _, row in rows.iterrows():
            options.append({"label": row["_name"], "value": row["strategy_id"],
                            "search": _search_terms(row, extra=(heading,))})
    return options


@lru_cache(maxsize=2)
def _search_options(lang: str) -> tuple[dict[str, Any], ...]:
    options: list[dict[str, Any]] = []
    for level, table in (("province", datasets.province_table()), ("prefecture", datasets.prefecture_table())):
        for _, row in table.iterrows():
            options.append({"label": _search_label(row, level, lang), "value": f"{level}:{row['adcode']}",
                            "search": _search_terms(row)})
    infra = datasets.catalog_table("infrastructure")
    if not infra.empty:
        for _, row in infra[infra["kind"] == "port"].iterrows():
            if isinstance(row.get("province_adcode"), str):
                options.append({"label": _search_label(row, "port", lang), "value": f"port:{row['id']}",
                                "search": _search_terms(row)})
    strategies = datasets.catalog_table("strategies")
    for _, row in strategies.iterrows():
        options.append({"label": _search_label(row, "strategy", lang),
                        "value": f"strategy:{row['strategy_id']}", "search": _search_terms(row)})
    return tuple(options)


def search_options(lang: str) -> list[dict[str, Any]]:
    """All findable things: provinces, prefectures, border ports and strategies (by English, pinyin or
    Chinese name, aliases included)."""
    return list(_search_options(lang))


def search_matches(query: object, lang: str, limit: int = 12) -> list[dict[str, Any]]:
    """The best ``limit`` search options for ``query``: exact names first, then prefixes, then substrings;
    provinces before prefectures, strategies and ports. The page asks for these as the user types, so
    the ~500 options never travel with the page."""
    if not isinstance(query, str):
        return []
    needle = " ".join(query.lower().split())[:60]
    if not needle:
        return []
    squeezed = needle.replace(" ", "")
    kinds = {"province": 0, "prefecture": 1, "strategy": 2, "port": 3}
    scored = []
    for option in _search_options(lang):
        terms = option["search"].split(" | ")
        if needle in terms or squeezed in terms:
            rank = 0
        elif any(t.startswith(needle) or t.startswith(squeezed) for t in terms):
            rank = 1
        elif needle in option["search"] or squeezed in option["search"]:
            rank = 2
        else:
            continue
        scored.append((rank, kinds.get(option["value"].split(":")[0], 9), len(option["label"]), option))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:limit]]


def resolve_search(value: object) -> tuple[str, str] | None:
    """Turn a search option value into ``("province", adcode)`` or ``("strategy", id)``; None if unknown.

    Prefectures and ports open their province.
    """
    if not isinstance(value, str) or ":" not in value:
        return None
    kind, _, key = value.partition(":")
    valid = datasets.valid_values()
    if kind in ("province", "prefecture"):
        province = datasets.province_of(key)
        return ("province", province) if province in valid.provinces else None
    if kind == "port":
        infra = datasets.catalog_table("infrastructure")
        rows = infra[infra["id"] == key] if not infra.empty else infra
        if rows.empty or not isinstance(rows.iloc[0].get("province_adcode"), str):
            return None
        return "province", rows.iloc[0]["province_adcode"]
    if kind == "strategy" and key in valid.strategies:
        return "strategy", key
    return None


def _search_label(row: Any, kind: str, lang: str) -> str:
    kind_text = _SEARCH_KIND[kind][1 if lang == "zh" else 0]
    return f"{words.bilingual(row, lang)} · {kind_text}"


def _search_terms(row: Any, extra: tuple[str, ...] = ()) -> str:
    """English, Chinese, aliases and pinyin (with and without spaces), lower-case, for the dropdown."""
    from pypinyin import lazy_pinyin

    terms = [words.name(row, "en"), words.name(row, "zh"), *extra]
    aliases = row.get("aliases")
    if isinstance(aliases, str):
        terms += [a for a in aliases.split(";") if a]
    zh = row.get("name_zh")
    if isinstance(zh, str) and zh:
        terms += _pinyin_terms(lazy_pinyin(zh))
    return " | ".join(dict.fromkeys(t.strip().lower() for t in terms if t and t.strip()))


def _pinyin_terms(syllables: list[str]) -> list[str]:
    """Pinyin a reader may type: syllable by syllable, the first four run together ("wulumuqi",
    "bayinguoleng") and, for longer names, syllable pairs ("jiakuai", "tuijin").

    The dropdown indexes every substring of every space-separated token, so the whole of a long name run
    together (60 letters: 1,830 substrings) made indexing the strategy options most of a long task at
    page load; these shorter tokens still match whatever a reader types from a word boundary.
    """
    terms = [" ".join(syllables), "".join(syllables[:4])]
    if len(syllables) > 4:
        terms.append(" ".join("".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)))
        terms.append(" ".join("".join(syllables[i:i + 2]) for i in range(1, len(syllables) - 1, 2)))
    return terms
