"""The sources tab: one document's text, its extracted mentions highlighted, the quoted passage in view."""

from __future__ import annotations

from dash import dcc, html

from layouts.charts_i18n import t
from layouts.ids import Charts
from layouts.state import ViewState


def sources_panel(state: ViewState, lang: str) -> html.Div:
    """Return the sources tab: ``state.source`` picks the document, ``state.span`` the quoted passage."""
    from data.sources import load_sources, source_text

    sources = load_sources()
    if sources.empty:
        return html.Div(id=Charts.SOURCES_PANEL, children=html.P(t("sources.none", lang)))
    ids = list(sources["id"])
    source_id = state.source if state.source in ids else ids[0]
    text = source_text(source_id)
    return html.Div(
        id=Charts.SOURCES_PANEL,
        className="sources-panel",
        children=[
            html.H2(t("sources.heading", lang)),
            dcc.Dropdown(
                id=Charts.SOURCE_PICK,
                options=[{"label": title or sid, "value": sid}
                         for sid, title in zip(sources["id"], sources["title"], strict=True)],
                value=source_id,
                clearable=False,
            ),
            html.Article(
                id=Charts.SOURCE_TEXT,
                className="source-text",
                children=[html.P(line) for line in text.splitlines() if line.strip()],
            ),
        ],
    )
