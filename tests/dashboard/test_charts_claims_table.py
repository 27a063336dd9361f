"""The claims reconciliation table: verdict in colour and words, claimed vs computed, source link."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from layouts.tables import COLUMNS, claims_table
from tests.helpers import walk
from views.state import parse_query
from views.url import valid_values

WEST_QUOTE = (
    "covering over 70 percent of the country's land area and containing 27 percent of the total population."
)


def _rows() -> pd.DataFrame:
    base = dict.fromkeys(COLUMNS, "")
    return pd.DataFrame(
        [
            {
                **base,
                "claim_id": "west-land-area-share",
                "description": "West: share of land area",
                "claimed_value": 70.0,
                "unit": "percent",
                "qualifier": "over",
                "computed_value": 71.4,
                "difference_pct": 2.0,
                "verdict": "agree",
                "tolerance": float("nan"),
                "basis": "geometry",
                "source_id": "western-symposium-2024",
                "quote": WEST_QUOTE,
            },
            {
                **base,
                "claim_id": "x-pop",
                "description": "X population",
                "claimed_value": 382.0,
                "unit": "million persons",
                "qualifier": "exact",
                "computed_value": 410.2,
                "difference_pct": -6.9,
                "verdict": "disagree",
                "tolerance": 2.0,
                "basis": "NBS 2023",
                "source_id": "western-symposium-2024",
                "quote": "home to 382 million people",
            },
            {
                **base,
                "claim_id": "z",
                "description": "Untestable",
                "claimed_value": 1.0,
                "unit": "count",
                "computed_value": float("nan"),
                "difference_pct": float("nan"),
                "verdict": "untestable",
                "source_id": "fyp14-ch32",
                "quote": "not locatable",
            },
        ]
    )


def test_rows_show_verdict_values_and_links() -> None:
    table = claims_table(_rows(), "en", source_titles={"western-symposium-2024": "Takes on Xi's inspections"})
    rows = [n for n in walk(table) if isinstance(n, html.Tr)][1:]
    assert len(rows) == 3
    first = next(c for c in walk(rows[0]) if isinstance(c, html.Span) and "verdict" in (c.className or ""))
    assert first.children == "✗ differs from the statistics"  # disagreements first
    assert "verdict-bad" in first.className
    cells = [c for c in rows[1].children if isinstance(c, html.Td)]
    assert cells[1].children == ">70%" and cells[2].children == "71.4%" and cells[3].children == "+2.0%"
    untestable = [c for c in rows[2].children if isinstance(c, html.Td)]
    assert untestable[2].children == "—" and untestable[3].children == "—"
    link = next(n for n in walk(rows[1]) if isinstance(n, dcc.Link))
    assert link.children == "Takes on Xi's inspections"
    state, notices = parse_query(link.href.split("?", 1)[1], valid=valid_values())
    assert notices == [] and state.view == "sources" and state.span is not None


def test_chinese_labels_and_empty_table() -> None:
    table = claims_table(_rows(), "zh")
    spans = [
        n.children for n in walk(table) if isinstance(n, html.Span) and "verdict" in (n.className or "")
    ]
    assert spans == ["✗ 与统计不符", "✓ 与统计相符", "? 无法核对"]  # the panel words verdicts the same way
    empty = claims_table(pd.DataFrame(), "en")
    assert "No reconciled claims yet." in [n.children for n in walk(empty) if isinstance(n, html.P)]


def test_generated_descriptions_name_places_not_codes() -> None:
    rows = _rows().assign(description=["area of 220000", "population of 150000 (2020)", "count 1234567"])
    texts = [
        n.children for n in walk(claims_table(rows, "en")) if getattr(n, "className", "") == "claim-text"
    ]
    assert sorted(texts) == ["area of Jilin", "count 1234567", "population of Inner Mongolia (2020)"]
    zh = [n.children for n in walk(claims_table(rows, "zh")) if getattr(n, "className", "") == "claim-text"]
    assert "area of Jilin" in zh  # the descriptions are English sentences: English names


def test_a_reference_figure_without_a_document_has_no_source_link() -> None:
    from data.reconcile import border_counties_row

    meta = {"border_counties": {"total": 138, "by_province": {"650000": 34}},
            "rule": {"border": "at least 1 km of the land border runs along its outline"}}
    rows = pd.concat([_rows(), pd.DataFrame([border_counties_row(meta)])], ignore_index=True)
    table = claims_table(rows, "en")
    body = [n for n in walk(table) if isinstance(n, html.Tr) and "land-border counties" in str(n.children)]
    assert len(body) == 1
    cells = body[0].children
    assert cells[-1].children == "—"  # no link to a document that does not exist
    assert not [n for n in walk(body[0]) if isinstance(n, dcc.Link)]
    assert not [n for n in walk(body[0]) if isinstance(n, html.Q)]  # no empty quotation marks
    assert "Xinjiang 34" in str(cells[-2].children)  # adcodes in the note read as names
