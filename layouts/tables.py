"""The claims reconciliation table: each figure a document states, beside the value computed from
official statistics and the boundaries, with a verdict in colour and words and a link to the sentence."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
from dash import dcc, html

from figures.regions import QUALIFIER_SIGNS
from layouts.ids import Charts
from views import datasets
from views.sources import quote_href
from views.words import t

# Verdict -> (css modifier, symbol). Colour is never the only cue: each verdict also has a symbol and a word.
VERDICT_STYLE: dict[str, tuple[str, str]] = {
    "agree": ("ok", "✓"),
    "disagree": ("bad", "✗"),
    "untestable": ("na", "?"),
}
_ADCODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
COLUMNS = (
    "claim_id",
    "description",
    "claimed_value",
    "unit",
    "computed_value",
    "difference_pct",
    "verdict",
    "tolerance",
    "basis",
    "source_id",
    "quote",
)


def claims_table(rows: pd.DataFrame, lang: str, *, source_titles: dict[str, str] | None = None) -> html.Div:
    """Return the reconciliation table as plain HTML, disagreements first.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``data.reconcile.reconciliation_table()``: columns :data:`COLUMNS` (``adcode`` optional).
    lang : str
        Interface language.
    source_titles : dict, optional
        source id -> document title, for the source column.
    """
    missing = [c for c in COLUMNS if c not in rows.columns]
    if rows.empty or missing:
        return html.Div(
            id=Charts.CLAIMS_TABLE,
            className="claims-table",
            children=[html.H3(t("claims.title", lang)), html.P(t("claims.none", lang))],
        )
    titles = source_titles or {}
    order = {"disagree": 0, "agree": 1}
    frame = rows.assign(_o=rows["verdict"].map(order).fillna(3))
    frame = frame.sort_values(["_o", "claim_id"], kind="stable")
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(k, lang), scope="col")
                for k in (
                    "claims.claim",
                    "claims.claimed",
                    "claims.computed",
                    "claims.difference",
                    "claims.verdict",
                    "claims.basis",
                    "claims.source",
                )
            ]
        )
    )
    body = html.Tbody([_row(r, lang, titles) for r in frame.to_dict("records")])
    counts = frame["verdict"].value_counts()
    summary = " · ".join(
        f"{VERDICT_STYLE.get(v, ('', ''))[1]} {t(f'verdict.{v}', lang)}: {int(n)}"
        for v, n in counts.items()
        if v in VERDICT_STYLE
    )
    return html.Div(
        id=Charts.CLAIMS_TABLE,
        className="claims-table",
        children=[
            html.H3(t("claims.title", lang)),
            html.P(t("claims.intro", lang), className="muted"),
            html.P(summary, className="claims-summary"),
            html.Div(className="table-scroll", children=html.Table([header, body])),
        ],
    )


def _row(r: Mapping[Hashable, Any], lang: str, titles: dict[str, str]) -> html.Tr:
    verdict = str(r.get("verdict") or "")
    css, symbol = VERDICT_STYLE.get(verdict, ("na", "·"))
    label = t(f"verdict.{verdict}", lang) if verdict in VERDICT_STYLE else verdict
    unit = _text(r.get("unit"))
    source_id = _text(r.get("source_id"))
    quote = _text(r.get("quote"))
    return html.Tr(
        [
            html.Td(
                [
                    html.Div(
                        _names(_text(r.get("description")) or _text(r.get("claim_id"))),
                        className="claim-text",
                    ),
                    # a reference figure with no document has no quote: no empty quotation marks
                    *([html.Q(_clip(quote, 160), className="claim-quote", title=quote)] if quote else []),
                ]
            ),
            html.Td(
                QUALIFIER_SIGNS.get(_text(r.get("qualifier")), "") + _number(r.get("claimed_value"), unit),
                className="num",
            ),
            html.Td(_number(r.get("computed_value"), unit), className="num"),
            html.Td(_percent(r.get("difference_pct")), className="num"),
            html.Td(html.Span(f"{symbol} {label}", className=f"verdict verdict-{css}")),
            html.Td(
                [
                    html.Div(_names(_text(r.get("basis")))),
                    html.Div(_tolerance(r.get("tolerance")), className="muted"),
                    html.Div(_names(_text(r.get("note"))), className="muted note"),
                ]
            ),
            html.Td(
                dcc.Link(
                    titles.get(source_id, source_id) or source_id,
                    href=quote_href(source_id, quote, lang),
                    title=t("source.link", lang),
                )
                if source_id
                else "—"  # a reference figure no document in the corpus states (its note says so)
            ),
        ]
    )


def _names(text: str) -> str:
    """Replace the adcodes in a generated description ("area of 220000") by the places' names.

    The descriptions are English sentences, so the names are English in both interface languages.
    """
    if not _ADCODE.search(text):
        return text
    places = datasets.places()

    def name(match: re.Match[str]) -> str:
        place = places.get(match.group(0))
        if place is None:
            return match.group(0)
        return place.name_en or place.name_zh

    return _ADCODE.sub(name, text)


def _number(value: object, unit: str) -> str:
    number = _float(value)
    if number is None:
        return "—"
    text = f"{number:,.0f}" if abs(number) >= 1000 else f"{number:,.4g}"
    if unit == "percent":
        return f"{text}%"
    if unit in ("count", "number"):
        return text
    return f"{text} {unit}".strip()


def _percent(value: object) -> str:
    number = _float(value)
    return "—" if number is None else f"{number:+.1f}%"


def _tolerance(value: object) -> str:
    number = _float(value)
    if number is None:
        return _text(value)
    return f"± {number:g}%"


def _float(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
