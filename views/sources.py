"""The source documents as the sources view shows them: their text, the extractor's mentions as highlight
spans, and where a quote stands (so every quote in the atlas links to its sentence)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from views import datasets, words
from views.state import ViewState, to_query

MENTION_TYPES: tuple[str, ...] = ("place", "region", "strategy", "infrastructure", "claim")
# Extractor mention types -> highlight kinds.
MENTION_KINDS: dict[str, str] = {
    "province": "place",
    "prefecture": "place",
    "place": "place",
    "country": "place",
    "macro_region": "region",
    "strategy": "strategy",
    "infrastructure": "infrastructure",
    "claim": "claim",
}


@dataclass(frozen=True)
class Span:
    """A highlighted run of the text: ``[start, end)`` with a kind and a tooltip."""

    start: int
    end: int
    kind: str
    title: str


@lru_cache(maxsize=2048)
def quote_span(source_id: str, quote: str) -> tuple[int, int] | None:
    """Character span of ``quote`` in its source (see :func:`data.sources.locate_quote`), cached."""
    def load() -> tuple[int, int] | None:
        from data.sources import locate_quote

        try:
            return locate_quote(source_id, quote)
        except KeyError:  # an unknown source id
            return None

    return datasets.upstream(load, None, "quote location")


def quote_href(source_id: str, quote: str | None = None, lang: str = "en",
               province: str | None = None) -> str:
    """The URL (query only) of the sources view showing ``source_id`` with ``quote`` highlighted.

    When the quote cannot be located the link still opens the document; ``province`` keeps the open
    province (the drill-down's links come back to it).
    """
    span = quote_span(source_id, quote) if quote else None
    state = ViewState(view="sources", source=source_id, span=span, lang=words.as_lang(lang),
                      province=province)
    return "/" + to_query(state)


def document_text(source_id: str) -> str:
    """The text of one source document (empty if it cannot be read)."""
    def load() -> str:
        from data.sources import source_text

        return source_text(source_id)

    return datasets.upstream(load, "", f"text of {source_id}")


def document_mentions(source_id: str) -> list[Span]:
    """The extractor's mentions in one document as highlight spans (empty if extraction is not built)."""
    table = _mentions()
    if table.empty:
        return []
    column = "source_id" if "source_id" in table.columns else "doc"
    rows = table[table[column].astype(str) == source_id]
    spans = []
    for r in rows.to_dict("records"):
        kind = MENTION_KINDS.get(str(r.get("type") or ""), "other")
        name = _text(r.get("name")) or _text(r.get("text"))
        title = f"{r.get('type')}: {name}"
        if kind == "claim" and _text(r.get("indicator")):
            title = f"{r.get('indicator')}: {_text(r.get('text'))}"
        spans.append(Span(int(r["start"]), int(r["end"]), kind, title))
    return spans


@lru_cache(maxsize=1)
def _mentions() -> pd.DataFrame:
    def load() -> pd.DataFrame:
        from data.extract.corpus import load_mentions

        return load_mentions()

    return datasets.upstream(load, pd.DataFrame(columns=["doc", "start", "end", "type", "name"]), "mentions")


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)
