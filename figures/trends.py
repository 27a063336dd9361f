"""Indicators over the years: small lines of one province beside its macro-region and China (the
drill-down), and several provinces' lines together (the charts page), with the plan periods shaded and
the documents' events marked."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from figures.chart_style import GRID, new_figure, style_chart
from figures.common import INK, MUTED, OKABE_ITO, break_lines, empty_figure, escape
from figures.periods import Period, add_events, add_periods

TREND_COLUMNS = ("indicator", "year", "series", "value")
VALUE_COLUMNS = ("adcode", "year", "value")
SERIES_STYLE: dict[str, tuple[str, str, float]] = {  # colour (None: the region's), dash, width
    "province": (INK, "solid", 2.5),
    "region": ("", "solid", 1.8),
    "china": ("#888888", "dash", 1.6),
}
CHINA_COLOR = "#888888"


def trends_figure(
    data: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    *,
    indicator_labels: Mapping[str, str] | None = None,
    notes: Mapping[str, str] | None = None,
    region_color: str = "#0072B2",
    events: pd.DataFrame | None = None,
    highlight: str | None = None,
    periods: Sequence[Period] = (),
    columns: int = 2,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    empty_message: str = "No statistics over the years",
) -> go.Figure:
    """One small panel per indicator: the province (black), its macro-region (region colour) and China
    (grey, dashed) over the years.

    Parameters
    ----------
    data : pandas.DataFrame
        Columns :data:`TREND_COLUMNS` (``series``: province, region or china), as
        ``views.trends.trend_data`` returns.
    labels : mapping, optional
        Legend names of the series: ``province``, ``region``, ``china``.
    indicator_labels : mapping, optional
        Panel titles by indicator.
    notes : mapping, optional
        A second, smaller line under an indicator's panel title (e.g. "index, 2006 = 100").
    region_color : str
        Colour of the region's line.
    events, highlight : optional
        Events marked on every panel (:func:`figures.periods.add_events`); ``highlight`` a province adcode
        whose own events are outlined.
    periods : sequence of (first, last, label)
        Shaded, unlabelled (the panels are small).
    columns : int
        Panels per row.
    title, subtitle, source_note, empty_message
        See :func:`figures.chart_style.style_chart`.
    """
    missing = [c for c in TREND_COLUMNS if c not in data.columns]
    if missing:
        raise ValueError(f"trends_figure: data lacks column(s) {missing}; expected {list(TREND_COLUMNS)}")
    frame = data.dropna(subset=["value"])
    keys = list(dict.fromkeys(frame["indicator"]))
    if not keys:
        return style_chart(empty_figure(empty_message), title=title, subtitle=subtitle, height=220)
    names = {"province": "Province", "region": "Region", "china": "China", **dict(labels or {})}
    titles = dict(indicator_labels or {})
    rows = math.ceil(len(keys) / columns)
    title_width = 26 if columns <= 2 else 34  # the panel is narrow: long titles wrap
    notes = dict(notes or {})
    subplot_titles = [
        "<br>".join(escape(x) for x in break_lines(titles.get(k, k), title_width))
        + (
            f"<br><span style='font-size:10px;color:{MUTED}'>{escape(notes[k])}</span>"
            if notes.get(k)
            else ""
        )
        for k in keys
    ]
    # no axes in the empty cells of the last row
    specs: list[list[dict[str, object] | None]] = [
        [{} if r * columns + c < len(keys) else None for c in range(columns)] for r in range(rows)
    ]
    fig = make_subplots(
        rows=rows,
        cols=columns,
        specs=specs,
        figure=new_figure(),
        subplot_titles=subplot_titles,
        horizontal_spacing=0.12,
        vertical_spacing=0.5 / rows,
    )
    span = (int(frame["year"].min()), int(frame["year"].max()))
    for k, key in enumerate(keys):
        row, col = k // columns + 1, k % columns + 1
        for series in ("china", "region", "province"):
            part = frame[(frame["indicator"] == key) & (frame["series"] == series)].sort_values("year")
            if part.empty:
                continue
            color, dash, width = SERIES_STYLE[series]
            fig.add_trace(
                go.Scatter(
                    x=part["year"].astype(int),
                    y=part["value"],
                    mode="lines",
                    name=names[series],
                    legendgroup=series,
                    showlegend=k == 0,
                    line={"color": color or region_color, "dash": dash, "width": width},
                    hovertemplate=f"{escape(names[series])} · %{{x}}: %{{y:,.4~g}}<extra>"
                    f"{escape(titles.get(key, key))}</extra>",
                ),
                row=row,
                col=col,
            )
        fig.update_xaxes(
            range=[span[0] - 0.5, span[1] + 0.5],
            dtick=4,
            showgrid=False,
            showline=True,
            linecolor="#999999",
            tickfont={"size": 10},
            row=row,
            col=col,
        )
        fig.update_yaxes(gridcolor=GRID, zeroline=False, tickfont={"size": 10}, nticks=4, row=row, col=col)
    add_periods(fig, periods, span=span, label_axes=None)
    if events is not None:
        add_events(fig, events, highlight=highlight, show_legend=False, marker_size=7)
        _drop_event_markers(fig)
    fig.update_annotations(selector={"xref": "paper"}, font={"size": 11})
    # the legend in the top right corner of the figure, beside the title, clear of the panels' titles
    fig.update_layout(
        legend={
            "orientation": "h",
            "x": 1,
            "xanchor": "right",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 11},
        },
        hovermode="closest",
    )
    return style_chart(
        fig,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        height=60 + 170 * rows,
        left_margin=40,
        right_margin=10,
        top_extra=30,
    )


def _drop_event_markers(fig: go.Figure) -> None:
    """The small panels keep the events' dotted lines and drop the markers (too small to point at)."""
    fig.data = tuple(t for t in fig.data if getattr(t, "yaxis", None) != "y99")
    fig.layout.pop("yaxis99", None)


def compare_figure(
    values: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    *,
    names: Mapping[str, str] | None = None,
    china: pd.DataFrame | None = None,
    unit: str = "",
    value_format: str = ",.0f",
    events: pd.DataFrame | None = None,
    kind_labels: Mapping[str, str] | None = None,
    periods: Sequence[Period] = (),
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    empty_message: str = "Choose provinces to compare",
) -> go.Figure:
    """Several provinces' lines of one indicator over the years, each labelled at its end, with China's
    figure (grey, dashed) when given.

    Parameters
    ----------
    values : pandas.DataFrame
        Columns :data:`VALUE_COLUMNS`, only the provinces compared.
    labels : mapping, optional
        ``china`` (the name of China's line) and ``axis`` (the y-axis title).
    names : mapping, optional
        Province adcode -> display name.
    china : pandas.DataFrame, optional
        ``year, value``: China's figure.
    unit, value_format : str
        For the hover.
    events, kind_labels, periods, title, subtitle, source_note, empty_message
        As in :func:`figures.convergence.convergence_figure`.
    """
    missing = [c for c in VALUE_COLUMNS if c not in values.columns]
    if missing:
        raise ValueError(f"compare_figure: values lacks column(s) {missing}; expected {list(VALUE_COLUMNS)}")
    frame = values.dropna(subset=["value"])
    if frame.empty:
        return style_chart(empty_figure(empty_message), title=title, subtitle=subtitle, height=260)
    words = {"china": "China", "axis": "", **dict(labels or {})}
    names = dict(names or {})
    fig = new_figure()
    if china is not None and not china.dropna(subset=["value"]).empty:
        line = china.dropna(subset=["value"]).sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=line["year"].astype(int),
                y=line["value"],
                mode="lines",
                name=words["china"],
                line={"color": CHINA_COLOR, "dash": "dash", "width": 2},
                hovertemplate=f"{escape(words['china'])} · %{{x}}: %{{y:{value_format}}} "
                f"{escape(unit)}<extra></extra>",
            )
        )
    for k, (adcode, part) in enumerate(frame.groupby("adcode", sort=True)):
        part = part.sort_values("year")
        name = names.get(str(adcode), str(adcode))
        color = OKABE_ITO[[4, 5, 2, 0, 6, 1, 7, 3][k % 8]]
        fig.add_trace(
            go.Scatter(
                x=part["year"].astype(int),
                y=part["value"],
                mode="lines+markers",
                name=name,
                line={"color": color, "width": 2.5},
                marker={"size": 5},
                hovertemplate=f"{escape(name)} · %{{x}}: %{{y:{value_format}}} {escape(unit)}<extra></extra>",
            )
        )
        last = part.iloc[-1]
        fig.add_annotation(
            x=int(last["year"]),
            y=float(last["value"]),
            text=f"<b>{escape(name)}</b>",
            xanchor="left",
            xshift=6,
            showarrow=False,
            font={"size": 11, "color": color},
        )
    span = (int(frame["year"].min()), int(frame["year"].max()))
    drawn = [*frame["value"].tolist(), *([] if china is None else china["value"].dropna().tolist())]
    low, high = float(min(drawn)), float(max(drawn))
    pad = (high - low) or abs(high) or 1.0
    fig.update_layout(
        xaxis={
            "range": [span[0] - 0.6, span[1] + 0.6],
            "dtick": 2 if span[1] - span[0] > 10 else 1,
            "showgrid": False,
            "showline": True,
            "linecolor": "#999999",
            "ticks": "outside",
        },
        yaxis={
            "range": [low - 0.06 * pad, high + 0.16 * pad],  # room at the top for the events' markers
            "gridcolor": GRID,
            "zeroline": False,
            "title": {"text": escape(words["axis"]), "font": {"size": 11, "color": MUTED}},
            "automargin": True,
        },
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"},
    )
    add_periods(fig, periods, span=span)
    if events is not None:
        add_events(fig, events, kind_labels=kind_labels)
    return style_chart(
        fig,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        height=460,
        left_margin=70,
        right_margin=110,
        top_extra=30,
        bottom_extra=20,
    )
