"""Sources view: quote links round-trip through the URL state, highlights are text components only."""

from __future__ import annotations

import json

import plotly
import pytest
from dash import html

from data.sources import locate_quote, source_text
from layouts.ids import Charts
from layouts.sources import render_text, sources_body, sources_panel
from tests.helpers import text_of, walk
from views import datasets, url
from views.sources import Span, quote_href
from views.state import ViewState, parse_query

WEST_QUOTE = (
    "covering over 70 percent of the country's land area and containing 27 percent of the total population."
)


def test_quote_href_round_trips_to_the_quoted_span() -> None:
    href = quote_href("western-symposium-2024", WEST_QUOTE, "zh")
    state, notices = parse_query(href.split("?", 1)[1], valid=url.valid_values())
    assert notices == []
    assert (state.view, state.source, state.lang) == ("sources", "western-symposium-2024", "zh")
    start, end = state.span
    assert (start, end) == locate_quote("western-symposium-2024", WEST_QUOTE)
    assert source_text("western-symposium-2024")[start:end] == WEST_QUOTE


def test_quote_href_without_a_locatable_quote_opens_the_document() -> None:
    href = quote_href("western-symposium-2024", "words that are not in the document")
    state, _ = parse_query(href.split("?", 1)[1], valid=url.valid_values())
    assert state.source == "western-symposium-2024" and state.span is None


def test_render_text_marks_mentions_and_targets_the_quote() -> None:
    text = "Chongqing hosts it.\n\nThe West covers 70 percent of land. Xinjiang too."
    quote = (text.index("The West"), text.index("land.") + 5)
    mentions = [
        Span(0, 9, "place", "place: Chongqing"),
        Span(text.index("West"), text.index("West") + 4, "place", "place: West"),
        Span(text.index("Xinjiang"), text.index("Xinjiang") + 8, "place", "place: Xinjiang"),
    ]
    paragraphs = render_text(text, mentions, quote)
    assert len(paragraphs) == 2  # the blank line is not a paragraph
    assert [text_of(p) for p in paragraphs] == ["Chongqing hosts it.", text.split("\n\n")[1]]
    marks = [n for n in walk(paragraphs[:2]) if isinstance(n, html.Mark)]
    assert [m.children for m in marks] == ["Chongqing", "West", "Xinjiang"]
    targets = [n for p in paragraphs for n in walk(p) if getattr(n, "id", None) == Charts.QUOTE_TARGET]
    assert len(targets) == 1  # only the first run of the quote carries the id
    hits = [n for p in paragraphs for n in walk(p) if getattr(n, "className", None) == "quote-hit"]
    assert "".join(text_of(h) for h in hits) == text[quote[0] : quote[1]]


def test_overlapping_mentions_keep_the_longer_one() -> None:
    text = "Inner Mongolia"
    paragraphs = render_text(
        text, [Span(6, 14, "place", "Mongolia"), Span(0, 14, "place", "Inner Mongolia")], None
    )
    marks = [n for n in walk(paragraphs[0]) if isinstance(n, html.Mark)]
    assert [m.children for m in marks] == ["Inner Mongolia"]


def test_markup_in_documents_stays_text() -> None:
    text = "A <script>alert(1)</script> **bold** US\\$ 5"
    paragraphs = render_text(text, [], None)
    assert text_of(paragraphs[0]) == "A <script>alert(1)</script> bold US$ 5"
    assert not any(type(n).__name__ == "Script" for n in walk(paragraphs[0]))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sources_panel_shows_the_chosen_document_and_quote(lang: str) -> None:
    span = locate_quote("western-symposium-2024", WEST_QUOTE)
    state = ViewState(view="sources", source="western-symposium-2024", span=span, lang=lang)
    panel = sources_panel(state, lang)
    dumped = json.dumps(panel.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)
    assert "dangerouslySetInnerHTML" not in dumped
    nodes = list(walk(panel))
    target = next(n for n in nodes if getattr(n, "id", None) == Charts.QUOTE_TARGET)
    assert WEST_QUOTE.startswith(text_of(target)[:20])
    links = [n for n in nodes if type(n).__name__ == "Link"]
    assert len(links) == len(datasets.sources_table())
    linked = [parse_query(link.href.split("?", 1)[1], valid=url.valid_values())[0] for link in links]
    assert {(s.view, s.lang) for s in linked} == {("sources", lang)}
    assert [s.source for s in linked] == list(datasets.sources_table()["id"])


def test_sources_body_out_of_range_span_gives_a_notice() -> None:
    state = ViewState(view="sources", source="western-symposium-2024", span=(10**7, 10**7 + 5))
    nodes = list(walk(sources_body(state)))
    assert not any(getattr(n, "id", None) == Charts.QUOTE_TARGET for n in nodes)
    assert any(getattr(n, "className", None) == "notice" for n in nodes)
