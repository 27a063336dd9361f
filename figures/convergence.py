"""Are the regions converging? The spread of GDP per capita across the provinces over the years, and the
four macro-regions' shares of GDP and population, with the plan periods shaded and the events marked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from data.vocab import REGIONS
from figures.chart_style import GRID, new_figure, style_chart
from figures.common import INK, NO_REGION_COLOR, REGION_COLORS, empty_figure, escape
from figures.periods import Period, add_events, add_periods

DISPERSION_COLUMNS = ("year", "cv", "theil", "between", "within")
SHARE_COLUMNS = ("year", "region_id", "gdp_share", "population_share")
RATIO_COLUMNS = ("year", "ratio")
BETWEEN_COLOR = "#0072B2"
WITHIN_COLOR = "#9FCBE8"
#: The words :func:`convergence_figure` and :func:`shares_figure` take (``labels``), with defaults.
DEFAULT_LABELS: dict[str, str] = {
    "cv": "Coefficient of variation (population-weighted)",
    "theil": "Theil index",
    "between": "between macro-regions",
    "within": "within macro-regions",
    "cv_axis": "CV",
    "theil_axis": "Theil",
    "gdp_share": "GDP",
    "population_share": "population",
    "share_axis": "Share of the 31 provinces (%)",
    "ratio": "East / West GDP per capita",
    "ratio_axis": "ratio",
    "year": "Year",
}


def convergence_figure(
    dispersion: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    *,
    events: pd.DataFrame | None = None,
    periods: Sequence[Period] = (),
    kind_labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    empty_message: str = "No statistics over the years",
) -> go.Figure:
    """Two panels over the years: the population-weighted CV of GDP per capita (top), and the Theil index
    as its between-region part stacked under its within-region part (bottom; their sum is the index).

    Parameters
    ----------
    dispersion : pandas.DataFrame
        Columns :data:`DISPERSION_COLUMNS` (``views.convergence.dispersion``); rows with a NaN ``cv``
        and ``theil`` are left out.
    labels : mapping, optional
        Words by the keys of :data:`DEFAULT_LABELS` (missing ones take the English default).
    events : pandas.DataFrame, optional
        Dated events (:func:`figures.periods.add_events`), marked on both panels.
    periods : sequence of (first, last, label)
        Plan periods, shaded and labelled.
    kind_labels : mapping, optional
        Legend labels of the event kinds.
    title, subtitle, source_note : str or None
        See :func:`figures.chart_style.style_chart`.
    empty_message : str
        Shown when no year has a value.
    """
    _require(dispersion, DISPERSION_COLUMNS, "dispersion")
    words = {**DEFAULT_LABELS, **dict(labels or {})}
    data = dispersion.dropna(subset=["cv", "theil"], how="all").sort_values("year")
    if data.empty:
        return style_chart(empty_figure(empty_message), title=title, subtitle=subtitle, height=300)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.17,
        figure=new_figure(),
        subplot_titles=[escape(words["cv"]), escape(words["theil"])],
    )
    years = data["year"].astype(int)
    fig.add_trace(
        go.Scatter(
            x=years,
            y=data["cv"],
            mode="lines+markers",
            name=words["cv_axis"],
            line={"color": INK, "width": 2.5},
            marker={"size": 5},
            showlegend=False,
            hovertemplate=f"%{{x}} · {escape(words['cv_axis'])} %{{y:.3f}}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    for part, color in (("between", BETWEEN_COLOR), ("within", WITHIN_COLOR)):
        fig.add_trace(
            go.Scatter(
                x=years,
                y=data[part],
                mode="lines",
                stackgroup="theil",
                name=words[part],
                line={"color": color, "width": 0.5},
                fillcolor=color,
                legendgroup="theil",
                hovertemplate=f"%{{x}} · {escape(words[part])} %{{y:.4f}}<extra></extra>",
            ),
            row=2,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            x=years,
            y=data["theil"],
            mode="lines",
            name=words["theil_axis"],
            line={"color": INK, "width": 1.5, "dash": "dot"},
            showlegend=False,
            hovertemplate=f"%{{x}} · {escape(words['theil_axis'])} %{{y:.4f}}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    span = (int(years.min()), int(years.max()))
    _years_axes(fig, span, rows=2)
    fig.update_yaxes(
        title_text=escape(words["cv_axis"]), range=[0, float(data["cv"].max()) * 1.15], row=1, col=1
    )
    fig.update_yaxes(title_text=escape(words["theil_axis"]), rangemode="tozero", row=2, col=1)
    add_periods(fig, periods, span=span, label_axes=("x2", "y2"))
    if events is not None:
        add_events(fig, events, kind_labels=kind_labels)
    _legend(fig)
    return style_chart(
        fig,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        height=560,
        left_margin=70,
        top_extra=28,
        bottom_extra=20,
    )


def shares_figure(
    shares: pd.DataFrame,
    ratio: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    *,
    region_labels: Mapping[str, str] | None = None,
    selected_region: str | None = None,
    events: pd.DataFrame | None = None,
    periods: Sequence[Period] = (),
    kind_labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    empty_message: str = "No statistics over the years",
) -> go.Figure:
    """The four macro-regions' shares of GDP (solid) and population (dotted) over the years (top), and the
    East's GDP per capita over the West's (bottom).

    Parameters
    ----------
    shares : pandas.DataFrame
        Columns :data:`SHARE_COLUMNS` (percent; ``views.convergence.region_shares_by_year``).
    ratio : pandas.DataFrame, optional
        Columns :data:`RATIO_COLUMNS`; without it (or empty) the bottom panel is left blank.
    labels : mapping, optional
        Words by the keys of :data:`DEFAULT_LABELS`.
    region_labels : mapping, optional
        Names of the macro-regions.
    selected_region : str or None
        A region drawn thicker (the others lighter).
    events, periods, kind_labels, title, subtitle, source_note, empty_message
        As in :func:`convergence_figure`.
    """
    _require(shares, SHARE_COLUMNS, "shares")
    ratio = pd.DataFrame(columns=list(RATIO_COLUMNS)) if ratio is None else ratio
    _require(ratio, RATIO_COLUMNS, "ratio")
    words = {**DEFAULT_LABELS, **dict(labels or {})}
    region_labels = dict(region_labels or {})
    data = shares.dropna(subset=["gdp_share", "population_share"], how="all").sort_values("year")
    if data.empty:
        return style_chart(empty_figure(empty_message), title=title, subtitle=subtitle, height=300)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.15,
        row_heights=[0.62, 0.38],
        figure=new_figure(),
        subplot_titles=[escape(words["share_axis"]), escape(words["ratio"])],
    )
    regions = [r for r in REGIONS if r in set(data["region_id"])]
    regions += sorted(set(data["region_id"]) - set(regions))
    for region in regions:
        part = data[data["region_id"] == region]
        name = region_labels.get(region, region)
        color = REGION_COLORS.get(region, NO_REGION_COLOR)
        faded = selected_region is not None and region != selected_region
        for metric, dash, width in (("gdp_share", "solid", 2.5), ("population_share", "dot", 2)):
            metric_label = words[metric]
            fig.add_trace(
                go.Scatter(
                    x=part["year"].astype(int),
                    y=part[metric],
                    mode="lines",
                    name=f"{name} · {metric_label}",
                    legendgroup=region,
                    opacity=0.35 if faded else 1,
                    showlegend=False,
                    line={
                        "color": color,
                        "dash": dash,
                        "width": width + (1 if region == selected_region else 0),
                    },
                    hovertemplate=f"%{{x}} · {escape(name)} · {escape(metric_label)} %{{y:.1f}}%"
                    "<extra></extra>",
                ),
                row=1,
                col=1,
            )
    ends = {r: float(data[data["region_id"] == r].iloc[-1]["gdp_share"]) for r in regions}
    for region, y in spread_labels(ends, gap=0.08 * max(1.0, float(data["gdp_share"].max()))).items():
        last_year = int(data[data["region_id"] == region]["year"].max())
        fig.add_annotation(
            x=last_year,
            y=y,
            xanchor="left",
            xshift=6,
            showarrow=False,
            text=f"<b>{escape(region_labels.get(region, region))}</b>",
            font={"size": 11, "color": REGION_COLORS.get(region, NO_REGION_COLOR)},
            row=1,
            col=1,
        )
    for metric, dash in (("gdp_share", "solid"), ("population_share", "dot")):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=words[metric],
                line={"color": "#555555", "dash": dash, "width": 2.5},
            ),
            row=1,
            col=1,
        )
    good = ratio.dropna(subset=["ratio"]).sort_values("year")
    if not good.empty:
        fig.add_trace(
            go.Scatter(
                x=good["year"].astype(int),
                y=good["ratio"],
                mode="lines+markers",
                name=words["ratio"],
                showlegend=False,
                line={"color": INK, "width": 2.5},
                marker={"size": 5},
                hovertemplate=f"%{{x}} · {escape(words['ratio'])} %{{y:.2f}}<extra></extra>",
            ),
            row=2,
            col=1,
        )
    span = (int(data["year"].min()), int(data["year"].max()))
    _years_axes(fig, span, rows=2)
    top = max(float(data["gdp_share"].max()), float(data["population_share"].max()))
    fig.update_yaxes(ticksuffix="%", range=[0, top * 1.15], row=1, col=1)  # room for the events' markers
    fig.update_yaxes(title_text=escape(words["ratio_axis"]), row=2, col=1)
    add_periods(fig, periods, span=span, label_axes=("x2", "y2"))
    if events is not None:
        add_events(fig, events, kind_labels=kind_labels)
    _legend(fig)
    return style_chart(
        fig,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        height=600,
        left_margin=70,
        right_margin=90,
        top_extra=28,
        bottom_extra=20,
    )


def spread_labels(ends: Mapping[str, float], gap: float) -> dict[str, float]:
    """Label positions near ``ends`` (key -> y) moved apart to at least ``gap`` from each other, in order."""
    out: dict[str, float] = {}
    last = None
    for key, y in sorted(ends.items(), key=lambda kv: kv[1]):
        y = y if last is None else max(y, last + gap)
        out[key] = last = y
    return out


def _years_axes(fig: go.Figure, span: tuple[int, int], *, rows: int) -> None:
    for row in range(1, rows + 1):
        fig.update_xaxes(
            range=[span[0] - 0.6, span[1] + 0.6],
            dtick=2,
            showgrid=False,
            showline=True,
            linecolor="#999999",
            ticks="outside",
            row=row,
            col=1,
        )
        fig.update_yaxes(gridcolor=GRID, zeroline=False, automargin=True, row=row, col=1)
    fig.update_xaxes(showticklabels=True, row=1, col=1)


def _legend(fig: go.Figure) -> None:
    """The legend above the plot at the right; the panels' titles at their left."""
    fig.update_layout(
        hovermode="closest",
        legend={
            "orientation": "h",
            "x": 1,
            "xanchor": "right",
            "y": 1.02,
            "yanchor": "bottom",
            "font": {"size": 11},
        },
    )
    fig.update_annotations(selector={"xref": "paper"}, x=0, xanchor="left", font={"size": 13})


def _require(frame: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks column(s) {missing}; expected {list(columns)}")
