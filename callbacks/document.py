"""The document tab's wiring: the browser posts to ``/api/extract`` and holds the answer (clientside
functions in ``assets/document.js``); the server draws the map, the lists and the status from the answer's
small summary. Nothing of a document is kept on the server or put in the URL."""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, no_update

from layouts.document import document_lists
from layouts.ids import Core, Document
from views import url, words
from views.document import catalog_links, clean_summary, mentions_figure
from views.sources import quote_href
from views.state import ViewState, to_query

clientside_callback(
    ClientsideFunction(namespace="atlas_document", function_name="analyse"),
    Output(Document.RESULT, "data"),
    Output(Document.SUMMARY, "data"),
    Output(Document.ERROR, "data"),
    Output(Document.UPLOAD, "contents"),  # emptied once read (see assets/document.js)
    Input(Document.ANALYSE, "n_clicks"),
    Input(Document.UPLOAD, "contents"),
    State(Document.TEXT, "value"),
    State(Document.UPLOAD, "filename"),
    prevent_initial_call=True,
)

clientside_callback(
    ClientsideFunction(namespace="atlas_document", function_name="highlight"),
    Output(Document.HIGHLIGHT_KEY, "data"),  # the script writes the text into Document.HIGHLIGHTED
    Input(Document.RESULT, "data"),
    prevent_initial_call=True,
)

clientside_callback(
    ClientsideFunction(namespace="atlas_document", function_name="download"),
    Output(Document.DOWNLOAD, "data"),
    Input(Document.CSV, "n_clicks"),
    Input(Document.JSON, "n_clicks"),
    State(Document.RESULT, "data"),
    prevent_initial_call=True,
)


def document_outputs(summary: object, error: object, state: ViewState) -> list[Any]:
    """Map figure, lists, status line, body hidden, and the four control labels, for the callback."""
    lang = state.lang
    keys = ("document.analyse", "document.csv", "document.json", "document.paste")
    labels = [words.t(k, lang) for k in keys]
    if isinstance(error, dict) and error:
        detail = str(error.get("detail") or "")[:500]
        return [no_update, [], words.t("document.refused", lang, detail=detail), True, *labels]
    result = clean_summary(summary)
    if not result:
        return [no_update, no_update, "", True, *labels]
    links = catalog_links(result, lang)
    hrefs = {f"strategies:{r['id']}": "/" + to_query(ViewState(strategies=(r["id"],), lang=lang))
             for r in links["strategies"]}
    hrefs.update({f"infrastructure:{r['id']}": quote_href(r["source_id"], r["quote"], lang)
                  for r in links["infrastructure"]})
    language = result["language"] if result["language"] in ("en", "zh") else "en"
    status: list[Any] = [words.t("document.done", lang, doc=result["doc"], n=f"{result['mention_count']:,}",
                                 chars=f"{result['characters']:,}",
                                 language=words.t(f"document.language.{language}", lang))]
    if result["truncated"]:
        status.append(" " + words.t("document.truncated", lang, shown=f"{result['shown']:,}"))
    figure = mentions_figure(result["provinces"], lang)
    return [figure, document_lists(links, result["claims"], lang, hrefs,
                                          claim_count=result["claim_count"]), status, False, *labels]


@callback(
    Output(Document.MAP, "figure"),
    Output(Document.LISTS, "children"),
    Output(Document.STATUS, "children"),
    Output(Document.BODY, "hidden"),
    Output(Document.ANALYSE, "children"),
    Output(Document.CSV, "children"),
    Output(Document.JSON, "children"),
    Output(Document.TEXT, "placeholder"),
    Input(Document.SUMMARY, "data"),
    Input(Document.ERROR, "data"),
    Input(Core.STATE, "data"),
    prevent_initial_call=True,
)
def update_document(summary: object, error: object, store: str | None) -> list[Any]:
    """Draw what the browser's copy of the answer says (only on the document tab)."""
    state = url.state_of(store)
    if state.view != "document":
        return [no_update] * 8
    return document_outputs(summary, error, state)
