"""Rank over time (a bump chart): the 31 provinces' rank by one indicator year by year, the chosen ones
in colour and named at both ends, the others grey."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from figures.chart_style import new_figure, style_chart
from figures.common import OKABE_ITO, empty_figure, escape
from figures.periods import Period, add_periods

RANK_COLUMNS = ("adcode", "year", "value", "rank")
OTHER_COLOR = "#C8C8C8"
HIGHLIGHT_ORDER = (4, 5, 2, 0, 6, 1, 7, 3)  # Okabe-Ito indices, the same order as the compare lines


def bump_figure(
    ranks: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    *,
    names: Mapping[str, str] | None = None,
    highlight: Sequence[str] = (),
    value_format: str = ",.0f",
    unit: str = "",
    periods: Sequence[Period] = (),
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    empty_message: str = "No ranks over the years",
) -> go.Figure:
    """Each province's rank (1 = highest, at the top) per year, one line per province.

    Parameters
    ----------
    ranks : pandas.DataFrame
        Columns :data:`RANK_COLUMNS` (``views.trends.ranks_by_year``).
    labels : mapping, optional
        ``axis``: the word before the rank in the hover (e.g. "Rank").
    names : mapping, optional
        Adcode -> display name (every province is named at the right end; highlighted ones at both).
    highlight : sequence of str
        Adcodes drawn in colour, thicker and on top; the others grey.
    value_format, unit : str
        For the hover.
    periods : sequence of (first, last, label)
        Shaded and labelled.
    title, subtitle, source_note, empty_message
        See :func:`figures.chart_style.style_chart`.
    """
    missing = [c for c in RANK_COLUMNS if c not in ranks.columns]
    if missing:
        raise ValueError(f"bump_figure: ranks lacks column(s) {missing}; expected {list(RANK_COLUMNS)}")
    frame = ranks.dropna(subset=["rank"])
    if frame.empty or frame["year"].nunique() < 2:
        return style_chart(empty_figure(empty_message), title=title, subtitle=subtitle, height=300)
    words = {"axis": "Rank", **dict(labels or {})}
    names = dict(names or {})
    chosen = [a for a in dict.fromkeys(highlight) if a in set(frame["adcode"])]
    colors = {a: OKABE_ITO[HIGHLIGHT_ORDER[k % len(HIGHLIGHT_ORDER)]] for k, a in enumerate(chosen)}
    fig = new_figure()
    order = [a for a in sorted(set(frame["adcode"])) if a not in colors] + chosen  # highlighted on top
    first_year, last_year = int(frame["year"].min()), int(frame["year"].max())
    for adcode in order:
        part = frame[frame["adcode"] == adcode].sort_values("year")
        name = names.get(adcode, adcode)
        on = adcode in colors
        color = colors.get(adcode, OTHER_COLOR)
        fig.add_trace(
            go.Scatter(
                x=part["year"].astype(int),
                y=part["rank"],
                mode="lines+markers",
                name=name,
                showlegend=False,
                line={"color": color, "width": 3 if on else 1.2},
                marker={"size": 7 if on else 4, "color": color},
                customdata=part["value"],
                hovertemplate=f"<b>{escape(name)}</b> · %{{x}}<br>{escape(words['axis'])} %{{y}} · "
                f"%{{customdata:{value_format}}} {escape(unit)}<extra></extra>",
            )
        )
        ends = [("left", part.iloc[0])] if on else []
        ends.append(("right", part.iloc[-1]))
        for side, row in ends:
            fig.add_annotation(  # the start labels in the left margin, left of the rank ticks
                x=int(row["year"]) if side == "right" else 0,
                xref="x" if side == "right" else "paper",
                y=int(row["rank"]),
                text=f"<b>{escape(name)}</b>" if on else escape(name),
                xanchor="left" if side == "right" else "right",
                xshift=6 if side == "right" else -28,
                showarrow=False,
                font={"size": 11 if on else 9, "color": color if on else "#777777"},
            )
    count = int(frame.groupby("year")["rank"].max().max())
    fig.update_layout(
        xaxis={
            "range": [first_year - 0.4, last_year + 0.4],
            "dtick": 1 if last_year - first_year <= 10 else 2,
            "showgrid": False,
            "showline": True,
            "linecolor": "#999999",
            "ticks": "outside",
        },
        yaxis={
            "range": [count + 0.7, 0.3],
            "tickvals": [1, 5, 10, 15, 20, 25, 30][: 1 + count // 5],
            "showgrid": False,
            "zeroline": False,  # no axis title: the start labels take the margin (the subtitle: 1 = highest)
        },
        hovermode="closest",
    )
    add_periods(fig, periods, span=(first_year, last_year))
    return style_chart(
        fig,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        height=640,
        left_margin=130,
        right_margin=110,
        top_extra=10,
        bottom_extra=20,
    )
