"""Macro-region summary: each region's share of China's land area, population and GDP, computed from
statistics and geometry, with the documents' own claims drawn beside the computed bars."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from data.vocab import REGIONS
from figures.chart_style import new_figure, style_chart, wrap
from figures.common import MUTED, NO_REGION_COLOR, REGION_COLORS, empty_figure, escape

COMPUTED_COLUMNS = ("region_id", "metric", "share")
CLAIM_COLUMNS = ("region_id", "metric", "value", "qualifier", "quote", "source_id")
METRICS = ("area", "population", "gdp")
# How a qualifier reads next to the number (">70 %", "≈27 %").
QUALIFIER_SIGNS = {
    "over": ">",
    "more_than": ">",
    "above": ">",
    "at_least": "≥",
    "about": "≈",
    "approximately": "≈",
    "nearly": "≈",
    "under": "<",
    "less_than": "<",
    "exact": "",
}
CLAIM_COLOR = "#000000"


def region_summary_figure(
    computed: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    *,
    metric_labels: Mapping[str, str] | None = None,
    region_labels: Mapping[str, str] | None = None,
    computed_label: str = "Computed",
    claim_prefix: str = "claimed",
    claimed_label: str = "Claimed in the documents",
    axis_label: str = "Share of national total (%)",
    selected_region: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    empty_message: str = "No regional statistics",
    missing_message: str = "Not computed: statistics incomplete",
) -> go.Figure:
    """Build one panel per metric (area, population, GDP) with a bar per macro-region.

    Parameters
    ----------
    computed : pandas.DataFrame
        Columns ``region_id``, ``metric`` (area|population|gdp) and ``share`` (percent of the national
        total); an optional ``detail`` column (year, source) is shown on hover.
    claims : pandas.DataFrame, optional
        What the documents state, drawn as black diamonds with their value: columns ``region_id``,
        ``metric``, ``value`` (percent), ``qualifier`` (exact|over|about|...), ``quote``, ``source_id``.
    metric_labels, region_labels : mapping, optional
        Display labels for metrics (panel titles) and regions (axis labels).
    computed_label, claimed_label, axis_label : str
        Legend entries and the x-axis title.
    claim_prefix : str
        Word printed before each claimed value on the chart ("claimed >70%").
    selected_region : str or None
        A region to emphasise (the others are drawn lighter).
    title, subtitle, source_note : str or None
        See :func:`figures.chart_style.style_chart`.
    empty_message : str
        Shown when ``computed`` has no share.
    missing_message : str
        Shown in a metric's panel when it has no computed share (claims are still drawn).

    Returns
    -------
    plotly.graph_objects.Figure
        Three bar traces (one per metric) and, when claims are given, a marker trace of claims.
    """
    _require(computed, COMPUTED_COLUMNS, "computed")
    if claims is None:
        claims = pd.DataFrame(columns=list(CLAIM_COLUMNS))
    _require(claims, CLAIM_COLUMNS, "claims")
    computed = computed.assign(share=pd.to_numeric(computed["share"], errors="coerce"))
    computed = computed.dropna(subset=["share"])
    computed = computed[computed["metric"].isin(METRICS)]
    claims = claims.assign(value=pd.to_numeric(claims["value"], errors="coerce")).dropna(subset=["value"])
    claims = claims[claims["metric"].isin(METRICS) & claims["region_id"].isin(REGIONS)]
    if computed.empty:
        return style_chart(empty_figure(empty_message), title=title, subtitle=subtitle, height=300)
    metric_labels = dict(metric_labels or {})
    region_labels = dict(region_labels or {})
    regions = [r for r in REGIONS if r in set(computed["region_id"]) | set(claims["region_id"])]
    ylabels = {r: region_labels.get(r, r) for r in regions}
    # category coordinates: the first region is drawn at the top
    position = {r: len(regions) - 1 - k for k, r in enumerate(regions)}
    fig = make_subplots(
        rows=1,
        cols=len(METRICS),
        shared_yaxes=True,
        horizontal_spacing=0.035,
        figure=new_figure(),
        subplot_titles=[escape(metric_labels.get(m, m)) for m in METRICS],
    )
    for col, metric in enumerate(METRICS, start=1):
        part = computed[computed["metric"] == metric].set_index("region_id").reindex(regions)
        detail = part["detail"].fillna("") if "detail" in part else pd.Series("", index=part.index)
        colors = [REGION_COLORS.get(r, NO_REGION_COLOR) for r in regions]
        fig.add_trace(
            go.Bar(
                x=part["share"],
                y=[ylabels[r] for r in regions],
                orientation="h",
                name=computed_label,
                legendgroup="computed",
                showlegend=False,
                marker={
                    "color": colors,
                    "opacity": [1 if selected_region in (None, r) else 0.45 for r in regions],
                },
                text=[f"{v:.1f}%" if pd.notna(v) else "" for v in part["share"]],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 12},
                customdata=[escape(d) for d in detail],
                hovertemplate=(
                    f"<b>%{{y}}</b> · {escape(metric_labels.get(metric, metric))}<br>"
                    f"{escape(computed_label)}: %{{x:.1f}}%<br>%{{customdata}}<extra></extra>"
                ),
            ),
            row=1,
            col=col,
        )
        said = claims[claims["metric"] == metric]
        for row in said.to_dict("records"):
            _draw_claim(
                fig, row, col, position[row["region_id"]], ylabels[row["region_id"]], claim_prefix,
                claimed_label,
            )
        if part["share"].isna().all():
            axis = "x" if col == 1 else f"x{col}"
            fig.add_annotation(
                text=wrap(missing_message, 36, max_lines=3),
                x=0.5,
                y=0.04,
                yanchor="bottom",
                xref=f"{axis} domain",
                yref="y domain",
                showarrow=False,
                bgcolor="rgba(255,255,255,0.9)",
                font={"size": 12, "color": MUTED},
            )
        top = max([0.0, *part["share"].dropna().tolist(), *said["value"].tolist()])
        fig.update_xaxes(
            range=[0, max(10.0, float(top) * 1.28)],
            row=1,
            col=col,
            ticksuffix="%",
            gridcolor="#E6E6E6",
            zeroline=True,
            zerolinecolor="#999999",
        )
    # Legend keys: a neutral swatch for the (region-coloured) computed bars, a bar for the claims.
    fig.add_trace(
        go.Bar(x=[None], y=[None], name=computed_label, marker={"color": "#888888"}, showlegend=True),
        row=1,
        col=1,
    )
    if not claims.empty:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=claimed_label,
                showlegend=True,
                marker={
                    "symbol": "line-ns",
                    "size": 14,
                    "color": CLAIM_COLOR,
                    "line": {"color": CLAIM_COLOR, "width": 3},
                },
            ),
            row=1,
            col=1,
        )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[ylabels[r] for r in reversed(regions)],
        automargin=True,
        tickfont={"size": 12},
    )
    fig.update_xaxes(title_text=escape(axis_label), title_font={"size": 11, "color": MUTED}, row=1, col=2)
    fig.update_layout(
        bargap=0.3,
        hovermode="closest",
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom"},
    )
    fig.update_annotations(font={"size": 13})  # the subplot (metric) titles
    style_chart(
        fig, title=title, subtitle=subtitle, source_note=source_note, height=400, left_margin=10, top_extra=24
    )
    # Subplot titles sit just above each panel; the legend goes above them.
    fig.update_layout(legend={"y": 1.12})
    return fig


def _require(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"region_summary_figure: {name} lacks column(s) {missing}; expected {list(columns)}")


def _draw_claim(
    fig: go.Figure, row: Mapping[Hashable, Any], col: int, y: int, category: str, prefix: str, label: str
) -> None:
    """A claim: a black line across its region's bar band at the claimed value, labelled above the band,
    with an invisible marker carrying the quote for the hover."""
    value = float(row["value"])
    text = f"{QUALIFIER_SIGNS.get(str(row['qualifier']), '')}{value:g}%"
    fig.add_shape(
        type="line",
        x0=value,
        x1=value,
        y0=y - 0.4,
        y1=y + 0.4,
        row=1,
        col=col,
        line={"color": CLAIM_COLOR, "width": 3},
    )
    fig.add_annotation(
        text=f"{escape(prefix)} {escape(text)}",
        x=value,
        y=y + 0.4,
        yanchor="bottom",
        showarrow=False,
        font={"size": 11, "color": CLAIM_COLOR},
        row=1,
        col=col,
    )
    fig.add_trace(
        go.Scatter(
            x=[value],
            y=[category],
            mode="markers",
            name=label,
            showlegend=False,
            legendgroup="claimed",
            marker={"size": 22, "color": "rgba(0,0,0,0)"},
            customdata=[_claim_hover(row)],
            hovertemplate=f"<b>{escape(label)}</b>: {escape(text)}<br>%{{customdata}}<extra></extra>",
        ),
        row=1,
        col=col,
    )


def _claim_hover(get: Mapping[Hashable, Any]) -> str:
    lines = [
        "“" + wrap(str(get["quote"]), 60, max_lines=4) + "”",
        f"<span style='color:{MUTED}'>{escape(get['source_id'])}</span>",
    ]
    return "<br>".join(lines)
