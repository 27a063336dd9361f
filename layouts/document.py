"""The document tab (``view=document``): paste or upload a text; its mentions on the map, the strategies,
Box 12 items and numeric claims it names, and the text with every mention highlighted.

The text or file goes to ``POST /api/extract`` from the browser (``assets/document.js``), not through a
callback: an upload would not fit the callbacks' 128 KB, and the answer stays in the browser (the script
holds it; :attr:`Document.RESULT` a key to it); only its counts and claims (:attr:`Document.SUMMARY`) come
back to the server to be drawn. Everything is rendered as text: no HTML from a document ever reaches the
page as markup (the highlighted text is built of DOM text nodes by the script).
"""

from __future__ import annotations

import math
from typing import Any

from dash import dcc, html

from figures.common import TOPOJSON_URL
from layouts.aria import graph_config
from layouts.ids import Document
from views.state import ViewState
from views.words import t

ACCEPT = ".txt,.md,.html,.htm,.pdf,.docx"
MAX_TEXT_CHARS = 2_000_000  # data.extract.uploads.MAX_TEXT_CHARS (layouts import no data modules)


def document_panel(state: ViewState) -> html.Div:
    """The whole tab: the input, the (hidden until analysed) result and the stores holding it."""
    lang = state.lang
    return html.Div(className="document-page", children=[
        dcc.Store(id=Document.RESULT, storage_type="memory"),
        dcc.Store(id=Document.SUMMARY, storage_type="memory"),
        dcc.Store(id=Document.ERROR, storage_type="memory"),
        dcc.Store(id=Document.HIGHLIGHT_KEY, storage_type="memory"),
        html.Section(className="document-input", children=[
            html.H2(t("document.heading", lang), id={"type": "i18n", "key": "document.heading"}),
            html.P(t("document.intro", lang), id={"type": "i18n", "key": "document.intro"},
                   className="muted"),
            dcc.Textarea(id=Document.TEXT, placeholder=t("document.paste", lang), maxLength=MAX_TEXT_CHARS,
                         className="document-paste", style={"width": "100%", "minHeight": "140px"}),
            html.Button(t("document.analyse", lang), id=Document.ANALYSE, type="button", n_clicks=0,
                        className="button"),
            # no max_size: dcc.Upload would drop a larger file silently; document.js refuses it with a message
            dcc.Upload(id=Document.UPLOAD, accept=ACCEPT, max_size=-1, multiple=False,
                       className="document-upload",
                       style={"border": "1px dashed #8a94a6", "padding": "12px", "marginTop": "8px",
                              "cursor": "pointer"},
                       children=html.Span(t("document.upload", lang),
                                          id={"type": "i18n", "key": "document.upload"})),
            html.P(id=Document.STATUS, role="status", className="document-status"),
        ]),
        html.Div(id=Document.BODY, className="document-body", hidden=True, children=[
            dcc.Graph(id=Document.MAP, config=graph_config({"topojsonURL": TOPOJSON_URL, "displaylogo": False,
                                                            "scrollZoom": False}),
                      style={"height": "520px"}),
            html.Div(id=Document.LISTS, className="document-lists"),
            html.P(className="document-downloads", children=[
                html.Button(t("document.csv", lang), id=Document.CSV, type="button", n_clicks=0,
                            className="button"),
                " ",
                html.Button(t("document.json", lang), id=Document.JSON, type="button", n_clicks=0,
                            className="button"),
                dcc.Download(id=Document.DOWNLOAD),
            ]),
            html.H3(t("document.text", lang), id={"type": "i18n", "key": "document.text"}),
            html.Div(id=Document.HIGHLIGHTED, className="source-text document-text"),
        ]),
    ])


def document_lists(links: dict[str, list[dict[str, str]]], claims: list[dict[str, Any]], lang: str,
                   hrefs: dict[str, str], *, claim_count: int = 0) -> list[Any]:
    """The strategies and Box 12 items (each linked to its catalog entry) and the claims table.

    ``hrefs`` maps ``strategy:<id>`` and ``infrastructure:<id>`` to the link of the entry. ``claim_count``:
    how many claims the document has, when more than ``claims`` (the browser sends the ones checked first).
    """
    shown: list[Any] = [claims_table(claims, lang)]
    if claim_count > len(claims):
        shown.insert(0, html.P(t("document.claims_shown", lang, shown=f"{len(claims):,}",
                                 n=f"{claim_count:,}"), className="muted"))
    def items(kind: str) -> Any:
        rows = links.get(kind) or []
        if not rows:
            return html.P(t("document.none", lang), className="muted")
        return html.Ul([html.Li([dcc.Link(r["name"], href=hrefs.get(f"{kind}:{r['id']}", "?")),
                                 f" ({r['count']})"]) for r in rows])

    return [
        html.Div(className="document-list", children=[html.H3(t("document.strategies", lang)),
                                                      items("strategies")]),
        html.Div(className="document-list", children=[html.H3(t("document.infrastructure", lang)),
                                                      items("infrastructure")]),
        html.Div(className="document-list", children=[html.H3(t("document.claims", lang)), *shown]),
    ]


def claims_table(claims: list[dict[str, Any]], lang: str) -> Any:
    """One row per claim: as written, normalised (value, unit, qualifier, indicator, period), the check."""
    if not claims:
        return html.P(t("document.none", lang), className="muted")
    head = html.Tr([html.Th(t("document.claim.text", lang)), html.Th(t("document.claim.value", lang)),
                    html.Th(t("document.claim.check", lang))])
    rows = []
    for c in claims:
        found = c.get("reconciliation")
        rec: dict[str, Any] = found if isinstance(found, dict) else {}
        verdict = str(rec.get("verdict") or "untestable")
        check: list[Any] = [t(f"document.verdict.{verdict}", lang) if verdict in
                            ("agree", "disagree", "untestable") else verdict]
        if rec.get("catalog_claim"):
            check.append(" · " + t("document.catalog_claim", lang, id=str(rec["catalog_claim"])))
        if isinstance(rec.get("computed"), int | float):
            check.append(" · " + t("document.computed", lang, value=_number(float(rec["computed"]))))
        if rec.get("basis"):
            check.append(f" ({rec['basis']})")
        normalised = " ".join(str(x) for x in (
            c.get("qualifier") if c.get("qualifier") not in (None, "", "exact") else "",
            _number(float(c["value"])) if isinstance(c.get("value"), int | float) else "",
            c.get("unit") or "",
            f"[{c['indicator']}]" if c.get("indicator") else "", c.get("period") or "") if x)
        rows.append(html.Tr([html.Td(str(c.get("text") or ""), title=str(c.get("sentence") or "")),
                             html.Td(normalised), html.Td(check, className=f"verdict-{verdict}")]))
    return html.Table([html.Thead(head), html.Tbody(rows)], className="claims-table document-claims")


def _number(value: float) -> str:
    """``1,350,000,000,000`` for large whole numbers, ``5.2`` for the others."""
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1e4 and value == int(value):
        return f"{value:,.0f}"
    return f"{value:,.6g}" if abs(value) < 1e15 else f"{value:.4g}"
