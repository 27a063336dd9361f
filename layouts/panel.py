"""The drill-down panel of one province: names, region, strategies with their quotes, Box 12 items,
indicators against region and nation, claims, events, policy attention, and the prefecture map.

Everything a sentence supports links to that sentence in the sources view. Text from the data is passed
to Dash as text (never as HTML), so it cannot inject markup.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dash import dcc, html

from figures.classing import format_number
from figures.common import REGION_COLORS
from layouts.aria import graph_config as as_config
from layouts.ids import Core, Picked
from layouts.trends import trends_section
from views import datasets, words
from views.counties import border_county_count, county_figure_json
from views.indicators import indicator_meta
from views.panel import indicator_rows, province_claims, province_strategies
from views.panel_why import why_listed
from views.prefecture import prefecture_config, prefecture_figure_json
from views.sources import quote_href
from views.state import ViewState

_ADDITIVE = ("gdp", "population", "area", "area_boundary")


def province_panel(adcode: str, lang: str, prefecture: str | None = None,
                   view: ViewState | None = None) -> list[Any]:
    """The panel's body for a province, with the counties of ``prefecture`` when one is open and the
    prefecture map coloured for ``view`` (``views.prefecture.prefecture_view``: census population when
    the map shows population or density); components, cached per province, language, prefecture, view."""
    sections = list(_province_panel(adcode, lang))
    if len(sections) > 1:  # the prefectures section follows the header; only it depends on the prefecture
        shown = view if view is not None else ViewState(lang=words.as_lang(lang), province=adcode)
        sections[1] = _prefecture_section(adcode, lang, prefecture, shown)
    return sections


@lru_cache(maxsize=256)
def _prefecture_section(adcode: str, lang: str, prefecture: str | None, view: ViewState) -> html.Section:
    return _section("panel.prefectures", lang, [
        dcc.Graph(id={"type": Core.PREFECTURE_MAP, "province": adcode},
                  figure=prefecture_figure_json(view, by_indicator=True),
                  config=as_config(prefecture_config(adcode, lang)),
                  className="prefecture-graph", responsive=True,
                  style={"height": "360px"}),
        *_county_part(adcode, prefecture, lang),
    ])


@lru_cache(maxsize=128)
def _province_panel(adcode: str, lang: str) -> tuple[Any, ...]:
    place = datasets.places().get(adcode)
    if place is None:
        return (html.P(words.t("panel.none", lang)),)
    region = datasets.region_of().get(adcode)
    header = html.Header(className="panel-head", children=[
        html.H2([html.Span(place.name_en, lang="en"), " ", html.Span(place.name_zh, lang="zh",
                                                                     className="zh-name")]
                if lang == "en" else [html.Span(place.name_zh, lang="zh"), " ",
                                      html.Span(place.name_en, lang="en", className="zh-name")],
                id=Core.PANEL_TITLE, tabIndex="-1"),  # focused when the profile opens (callbacks.focus)
        html.P(className="region-line", children=[
            html.Span(className="swatch", style={"background": REGION_COLORS.get(region or "", "#BBB")}),
            f"{words.t('panel.region', lang)}: ",
            html.Strong(words.t(f"region.{region}", lang) if region else words.t("region.none", lang)),
        ]),
    ])
    sections = [
        header,
        _prefecture_section(adcode, lang, None, ViewState(lang=words.as_lang(lang), province=adcode)),
        _section("panel.indicators", lang, [_indicator_table(adcode, region, lang)]),
        trends_section(adcode, lang),  # issue 14: the indicators over the years (layouts.trends)
        _section("panel.strategies", lang, _strategy_items(adcode, lang)),
        _section("panel.box12", lang, _box12_items(adcode, lang)),
        _section("panel.claims", lang, _claim_items(adcode, lang)),
        _section("panel.events", lang, _event_items(adcode, lang)),
        _section("panel.attention", lang, [_attention_table(adcode, lang)]),
    ]
    return tuple(sections)


def _county_part(adcode: str, prefecture: str | None, lang: str) -> list[Any]:
    """The border-county count, a prefecture picker and, for the picked prefecture, its county map."""
    border, total = border_county_count(adcode)
    out: list[Any] = []
    if border:
        out.append(html.P(words.t("panel.border_count", lang, n=border, total=total), className="muted"))
    prefs = datasets.prefecture_table()
    prefs = prefs[prefs["parent_adcode"] == adcode] if not prefs.empty else prefs
    options = [{"label": words.name(r, lang), "value": str(r["adcode"])} for r in prefs.to_dict("records")]
    out += [
        html.Label(words.t("panel.counties.pick", lang), htmlFor=f"prefecture-pick-{adcode}",
                   className="visually-hidden"),
        dcc.Dropdown(id={"type": Core.PREFECTURE_PICK, "province": adcode}, options=options, value=prefecture,
                     placeholder=words.t("panel.counties.hint", lang), className="control prefecture-pick"),
    ]
    figure = county_figure_json(adcode, prefecture, lang) if prefecture else None
    if prefecture and figure is not None:
        place = datasets.places().get(prefecture)
        name = words.name(vars(place), lang) if place else prefecture
        out += [html.H4(words.t("panel.counties", lang, name=name)),
                dcc.Graph(figure=figure, config=as_config(prefecture_config(prefecture, lang)),
                          className="county-graph", responsive=True, style={"height": "320px"})]
    return out


def _section(key: str, lang: str, children: list[Any]) -> html.Section:
    return html.Section(className="panel-section", children=[html.H3(words.t(key, lang)), *children])


def _none(lang: str) -> html.P:
    return html.P(words.t("panel.none", lang), className="muted")


def _quote_block(source_id: str, quote: str, lang: str, adcode: str) -> html.Figure:
    label = datasets.source_labels().get(source_id, source_id)
    date = datasets.source_dates().get(source_id, "")
    return html.Figure(className="quote", children=[
        html.Blockquote(quote, lang="en"),
        html.Figcaption([
            html.Cite(label), f" · {date}" if date else "", " · ",
            dcc.Link(words.t("panel.open_source", lang), href=quote_href(source_id, quote, lang, adcode)),
        ]),
    ])


def _strategy_items(adcode: str, lang: str) -> list[Any]:
    rows = province_strategies(adcode)
    if rows.empty:
        return [html.P(words.t("panel.strategies.none", lang), className="muted")]
    places = datasets.places()
    items = []
    for _, row in rows.iterrows():
        kind = words.strategy_kind_label(str(row["kind"]), lang)
        detail: list[Any] = [html.Span(kind, className="tag")]
        if row["via"] == "prefecture":
            names = [words.name(vars(places[c]), lang) if c in places else c
                     for c in str(row["member_adcodes"]).split(";") if c]
            detail.append(html.Span(f"{words.t('panel.member_prefectures', lang)}: {', '.join(names)}",
                                    className="part"))
        # a quote that names neither the province nor its member prefectures: say why it is here
        why = why_listed(str(row["strategy_id"]), str(row["quote"]), adcode, str(row["via"]),
                         str(row["member_adcodes"]))
        where = words.name(vars(places[adcode]), lang) if adcode in places else adcode
        items.append(html.Li(className="strategy-item", children=[
            html.Div([html.Strong(words.name(row, lang)), " ", *detail]),
            html.P(words.t("panel.why_prefectures" if row["via"] == "prefecture" else "panel.why_member",
                           lang, name=where, basis=why), className="why-listed muted small") if why else None,
            _quote_block(str(row["source_id"]), str(row["quote"]), lang, adcode),
        ]))
    return [html.Ul(items, className="plain-list")]


def _box12_items(adcode: str, lang: str) -> list[Any]:
    # names the place a search or a map click picked out (callbacks.picked fills it in the browser)
    picked = html.P(id=Picked.NOTE, hidden=True, className="picked-note")
    infra = datasets.catalog_table("infrastructure")
    if infra.empty:
        return [picked, _none(lang)]
    rows = infra[infra["province_adcode"] == adcode]
    if rows.empty:
        return [picked, _none(lang)]
    groups: dict[tuple[str, str], list[Any]] = {}  # items that share one quote sit above it (item 8)
    for _, row in rows.iterrows():
        kind = words.t(f"box12_kind.{row['kind']}", lang)
        action = words.t(f"action.{row['action']}", lang)
        iso = row.get("neighbor_iso3")
        neighbour = (words.t(f"country.{iso}", lang) if words.has(f"country.{iso}") else iso) \
            if isinstance(iso, str) else ""
        note = row.get("coord_note")  # where the map's point comes from: out of the hover, here
        place: dict[str, Any] = {"data-place": str(row.get("id") or "")}  # what a pick marks
        groups.setdefault((str(row["source_id"]), str(row["quote"])), []).append(
            html.Li(className="box12-item", **place, children=[
                html.Div([html.Strong(words.bilingual(row, lang)), " ",
                          html.Span(f"{kind}, {action}", className="tag"),
                          f" · {words.t('map.neighbor', lang)}: {neighbour}" if neighbour else ""]),
                html.P(str(note), className="muted small coord-note", lang="en")
                if isinstance(note, str) and note else None,
            ]))
    items = [html.Li(className="box12-group", children=[html.Ul(members, className="box12-members"),
                                                        _quote_block(source, quote, lang, adcode)])
             for (source, quote), members in groups.items()]
    return [picked, html.Ul(items, className="plain-list")]


def _claim_items(adcode: str, lang: str) -> list[Any]:
    claims = province_claims(adcode)
    if claims.empty:
        return [_none(lang)]
    items = []
    for _, row in claims.iterrows():
        what = str(row["indicator"]).replace("_", " ").capitalize()
        period = row.get("period")
        if isinstance(period, str) and period:
            what += f" ({period})"
        unit = row.get("unit") if isinstance(row.get("unit"), str) else ""
        unit = "" if unit in ("count", "rank", "year") else unit
        claimed = f"{_number(row['value'])} {unit}".strip()
        line: list[Any] = [html.Strong(what), f": {claimed}"]
        verdict = row.get("verdict")
        if isinstance(verdict, str) and verdict:
            computed = row.get("computed_value")
            if _finite(computed):
                line.append(f" · {words.t('panel.computed', lang)}: {_number(computed)}")
            line += [" ", html.Span(words.t(f"verdict.{verdict}", lang) if words.has(f"verdict.{verdict}")
                                    else verdict, className=f"verdict v-{verdict}")]
        detail = row.get("detail")
        items.append(html.Li(className="claim-item", children=[
            html.Div(line),
            html.P(str(detail), className="muted small") if isinstance(detail, str) and detail else None,
            _quote_block(str(row["source_id"]), str(row["quote"]), lang, adcode),
        ]))
    return [html.Ul(items, className="plain-list")]


def _number(value: object) -> str:
    """A number as the documents print it: thousands separators, no trailing zeros."""
    if not _finite(value):
        return "–"
    text = f"{float(value):,.2f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]
    return text


def _finite(value: object) -> bool:
    try:
        return float(value) == float(value) and abs(float(value)) != float("inf")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _event_items(adcode: str, lang: str) -> list[Any]:
    events = datasets.catalog_table("events")
    if events.empty:
        return [_none(lang)]
    rows = events[events["adcode"].map(lambda a: isinstance(a, str) and datasets.province_of(a) == adcode)]
    if rows.empty:
        return [_none(lang)]
    items = []
    for _, row in rows.sort_values("date").iterrows():
        items.append(html.Li(className="event-item", children=[
            html.Div([html.Time(str(row["date"]), dateTime=str(row["date"])), " · ",
                      html.Strong(str(row["title"])), f" · {row['place_name']}"]),
            _quote_block(str(row["source_id"]), str(row["quote"]), lang, adcode),
        ]))
    return [html.Ul(items, className="plain-list")]


def _attention_table(adcode: str, lang: str) -> Any:
    att = datasets.attention()
    rows = att[att["adcode"] == adcode] if not att.empty else att
    if rows.empty:
        return _none(lang)
    top = max(float(att["mentions"].max()), 1.0)
    labels = datasets.source_labels()
    body = []
    for _, row in rows.sort_values("mentions", ascending=False).iterrows():
        share = 100.0 * float(row["mentions"]) / top
        body.append(html.Tr([
            html.Td(labels.get(row["source_id"], row["source_id"])),
            html.Td(className="num", children=[
                html.Span(className="bar", style={"width": f"{share:.0f}%"}),
                html.Span(str(int(row["mentions"]))),
            ]),
        ]))
    return html.Table(className="data-table attention", children=[
        html.Thead(html.Tr([html.Th(words.t("map.source", lang), scope="col"),
                            html.Th(words.t("panel.mentions", lang), scope="col", className="num")])),
        html.Tbody(body),
    ])


def _indicator_table(adcode: str, region: str | None, lang: str) -> Any:
    rows = indicator_rows(adcode, region)
    if not rows:
        return _none(lang)
    body = []
    for r in rows:
        meta = indicator_meta(r["indicator"], lang)
        unit = f" {meta.unit}" if meta.unit else ""
        body.append(html.Tr([
            html.Th(meta.label, scope="row"),
            html.Td([format_number(r["value"], meta.decimals), html.Br(),
                     html.Span(unit.strip(), className="unit")], className="num"),
            html.Td(f"{r['rank']} / {r['count']}" if r["rank"] else "–", className="num"),
            html.Td(_compare(r, "region", meta.decimals, lang), className="num"),
            html.Td(_compare(r, "nation", meta.decimals, lang), className="num"),
        ]))
    year = indicator_meta("gdp", lang).year
    return html.Table(className="data-table indicators", children=[
        html.Caption(words.t("panel.indicators.caption", lang, year=year)),
        html.Thead(html.Tr([html.Th(words.t("panel.indicator", lang), scope="col"),
                            html.Th(words.t("panel.value", lang), scope="col"),
                            html.Th(words.t("panel.rank", lang), scope="col"),
                            html.Th(words.t("panel.vs_region", lang), scope="col"),
                            html.Th(words.t("panel.vs_nation", lang), scope="col")])),
        html.Tbody(body),
    ])


def _compare(row: dict[str, Any], scope: str, decimals: int, lang: str) -> str:
    value = row.get(f"{scope}_value")
    if value is None:
        return "–"
    if row["indicator"] in _ADDITIVE:
        return f"{row[f'{scope}_share']:.1f}%"
    return format_number(value, decimals)
