"""The sources tab: one document's text, its extracted mentions highlighted, the quoted passage in view.

Every quote in the atlas links here with :func:`quote_href` (``?view=sources&source=<id>&at=<start>-<end>``).
Text is rendered as text: data never becomes HTML (no ``dangerouslySetInnerHTML``), only Dash
components whose children are plain strings.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Any

import pandas as pd
from dash import dcc, html

from layouts.aria import aria
from layouts.ids import Charts, Drawn
from views import datasets, words
from views.drawn import drawn_key
from views.sources import MENTION_TYPES, Span, document_mentions, document_text
from views.state import ViewState, to_query
from views.words import t

# The conversion's Markdown artefacts, hidden in the display (offsets still refer to the original text).
_HIDDEN = (("**", ""), ("\\$", "$"), ("\\*", "*"), ("\\_", "_"), ("\\#", "#"))


def sources_panel(state: ViewState, lang: str, *, deferred: bool = False) -> html.Div:
    """Return the sources tab: ``state.source`` picks the document, ``state.span`` the quoted passage.

    ``callbacks.charts`` redraws the inner body when the state changes while the tab is shown.
    ``deferred=True`` leaves the body empty (but for the ids the sources callbacks listen to) and the
    key unset, so the body is drawn on first show.
    """
    state = state.with_(lang=lang) if state.lang != lang else state
    body: list[Any] = (
        [html.Div(id=Charts.SOURCE_TEXT, hidden=True), dcc.Store(id=Charts.SCROLL_SINK)]
        if deferred
        else sources_body(state)
    )
    return html.Div(
        className="sources-page",
        children=[
            dcc.Store(id=Drawn.SOURCES, data=None if deferred else drawn_key("sources", state)),
            html.Div(id=Charts.SOURCES_PANEL, className="sources-panel", children=body),
        ],
    )


def sources_body(state: ViewState) -> list[Any]:
    """The document list and the chosen document with its highlights."""
    lang = state.lang
    sources = datasets.sources_table()
    if sources.empty:
        return [html.P(t("sources.none", lang))]
    ids = [str(x) for x in sources["id"]]
    source_id = state.source if state.source in ids else ids[0]
    row = sources[sources["id"] == source_id].iloc[0]
    text = document_text(source_id)
    span = state.span if state.source == source_id else None
    notice = None
    if span is not None and not (0 <= span[0] < span[1] <= len(text)):
        notice = html.P(t("sources.quote_missing", lang, span=f"{span[0]}-{span[1]}"), className="notice")
        span = None
    mentions = document_mentions(source_id)
    return [
        html.Nav(
            className="source-list",
            **aria("aria-label", t("sources.heading", lang)),
            children=[
                html.H2(t("sources.heading", lang)),
                html.Ul(
                    id=Charts.SOURCE_PICK,
                    children=[
                        html.Li(
                            dcc.Link(
                                _clean(str(r.title) or str(r.id)),
                                href="/" + to_query(ViewState(view="sources", source=str(r.id),
                                                                lang=words.as_lang(lang))),
                                className="source-link" + (" current" if r.id == source_id else ""),
                            ),
                            **(aria("aria-current", "true") if r.id == source_id else {}),
                        )
                        for r in sources.itertuples(index=False)
                    ],
                ),
            ],
        ),
        html.Article(
            className="source-doc",
            children=[
                html.Header(
                    id=Charts.SOURCE_META,
                    children=[
                        html.H3(_clean(str(row["title"]) or source_id)),
                        html.P(
                            " · ".join(
                                x
                                for x in (
                                    str(row.get("publisher") or ""),
                                    str(row.get("date") or ""),
                                    source_id,
                                )
                                if x
                            ),
                            className="muted",
                        ),
                        _legend(mentions, lang, quoted=span is not None),
                        notice,
                    ],
                ),
                html.Div(
                    id=Charts.SOURCE_TEXT,
                    className="source-text",
                    lang="en",
                    children=render_text(text, mentions, span),
                ),
                dcc.Store(id=Charts.SCROLL_SINK),
            ],
        ),
    ]


def render_text(text: str, mentions: list[Span], quote: tuple[int, int] | None) -> list[html.P]:
    """Paragraphs of ``text`` with mentions as ``<mark>`` and the quote wrapped and given an id.

    Pure: strings in, components out. The first run of the quote carries ``id=quote-target`` (the
    clientside callback scrolls it into view).
    """
    spans = _non_overlapping(mentions, len(text))
    cuts = sorted(
        {
            0,
            len(text),
            *(s.start for s in spans),
            *(s.end for s in spans),
            *((quote[0], quote[1]) if quote else ()),
        }
    )
    starts = [s.start for s in spans]
    paragraphs: list[html.P] = []
    offset = 0
    target_done = False
    for line in text.split("\n"):
        lo, hi = offset, offset + len(line)
        offset = hi + 1
        if not line.strip():
            continue
        children: list[Any] = []
        points = [lo, *cuts[bisect.bisect_right(cuts, lo) : bisect.bisect_left(cuts, hi)], hi]
        for a, b in itertools.pairwise(points):
            if a >= b:
                continue
            piece = _clean(text[a:b])
            if not piece:
                continue
            i = bisect.bisect_right(starts, a) - 1
            span = spans[i] if i >= 0 and spans[i].start <= a < spans[i].end else None
            node: Any = (
                html.Mark(piece, className=f"mention mention-{span.kind}", title=span.title)
                if span
                else piece
            )
            if quote and quote[0] <= a < quote[1]:
                attrs: dict[str, Any] = {} if target_done else {"id": Charts.QUOTE_TARGET, "tabIndex": "-1"}
                node = html.Span(node, className="quote-hit", **attrs)
                target_done = True
            children.append(node)
        paragraphs.append(html.P(children))
    return paragraphs


def _non_overlapping(mentions: list[Span], length: int) -> list[Span]:
    """Sorted mentions with overlaps dropped (the earlier, then longer one wins)."""
    out: list[Span] = []
    end = -1
    for span in sorted(mentions, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start >= end and 0 <= span.start < span.end <= length:
            out.append(span)
            end = span.end
    return out


def _legend(mentions: list[Span], lang: str, *, quoted: bool) -> html.P:
    counts = pd.Series([m.kind for m in mentions], dtype=str).value_counts()
    items: list[Any] = [t("sources.legend", lang), " "]
    if quoted:
        items += [html.Span(t("sources.quote", lang), className="quote-hit legend-key"), " "]
    for kind in (*MENTION_TYPES, "other"):
        if counts.get(kind, 0):
            items += [
                html.Mark(
                    f"{t(f'mention.{kind}', lang)} ({int(counts[kind])})",
                    className=f"mention mention-{kind} legend-key",
                ),
                " ",
            ]
    if not mentions:
        items.append(t("sources.mentions", lang, n=0))
    return html.P(items, id=Charts.SOURCE_LEGEND, className="source-legend")


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _clean(text: str) -> str:
    for old, new in _HIDDEN:
        text = text.replace(old, new)
    return text
