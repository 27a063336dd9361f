"""Ranking bar chart: one indicator across provinces, coloured by macro-region."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from data.vocab import REGIONS
from figures.chart_style import new_figure, style_chart
from figures.common import NO_REGION_COLOR, REGION_COLORS, empty_figure, escape

REQUIRED_COLUMNS = ("adcode", "name", "region_id", "value")
BAR_PX = 19  # height per province so that 34 labels stay legible


def ranking_figure(
    data: pd.DataFrame,
    *,
    value_label: str,
    unit: str = "",
    selected: str | None = None,
    region_labels: Mapping[str, str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    empty_message: str = "No data for this indicator",
    missing_label: str | None = None,
    value_format: str = ",.0f",
) -> go.Figure:
    """Build a horizontal bar chart ranking provinces by one indicator, largest at the top.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per province with columns ``adcode``, ``name`` (label in the display language),
        ``region_id`` (east|central|west|northeast, or empty for none) and ``value`` (numeric; rows
        with a missing value are left out). An optional ``name_alt`` column (the name in the other
        language) and ``detail`` column (year and source) are shown on hover.
    value_label : str
        Axis title, e.g. "GDP".
    unit : str
        Unit shown on the axis and in the hover, e.g. "100 million yuan".
    selected : str or None
        Adcode of a province to highlight (outlined, marked with an arrow).
    region_labels : mapping of str to str, optional
        Legend labels for region ids (defaults to the ids).
    title, subtitle, source_note : str or None
        See :func:`figures.chart_style.style_chart`.
    empty_message : str
        Shown when no row has a value.
    missing_label : str or None
        A format string with ``{n}`` and ``{names}``: when some provinces have no value, it is added
        to the subtitle (e.g. "no value yet for {n}: {names}"), so a short ranking says why.
    value_format : str
        d3 format for values in the hover.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per macro-region (so the legend names the regions), or an empty figure.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in data.columns]
    if missing:
        raise ValueError(f"ranking_figure: data lacks column(s) {missing}; expected {list(REQUIRED_COLUMNS)}")
    values = pd.to_numeric(data["value"], errors="coerce")
    missing = [str(n) for n in data.loc[values.isna(), "name"]]
    frame = data.assign(value=values).dropna(subset=["value"])
    if missing and missing_label and not frame.empty:
        shown = ", ".join(missing[:8]) + (", …" if len(missing) > 8 else "")
        note = missing_label.format(n=len(missing), names=shown)
        subtitle = f"{subtitle} · {note}" if subtitle else note
    if frame.empty:
        return style_chart(empty_figure(empty_message), title=title, subtitle=subtitle, height=300)
    frame = frame.sort_values(["value", "name"], ascending=[True, True]).reset_index(drop=True)
    frame["region_id"] = frame["region_id"].fillna("").astype(str)
    frame["label"] = [
        f"▶ {name}" if adcode == selected else str(name)
        for adcode, name in zip(frame["adcode"], frame["name"], strict=True)
    ]
    frame["rank"] = range(len(frame), 0, -1)
    labels = dict(region_labels or {})
    unit_suffix = f" {unit}" if unit else ""
    fig = new_figure()
    order = [*REGIONS, *sorted(set(frame["region_id"]) - set(REGIONS))]
    for region in order:
        part = frame[frame["region_id"] == region]
        if part.empty:
            continue
        alt, detail = _text_column(part, "name_alt"), _text_column(part, "detail")
        fig.add_trace(
            go.Bar(
                x=part["value"],
                y=part["label"],
                orientation="h",
                name=labels.get(region, region) if region else labels.get("", "—"),
                marker={"color": REGION_COLORS.get(region, NO_REGION_COLOR), "line": {"width": 0}},
                customdata=list(
                    zip(part["rank"], [escape(a) for a in alt], [escape(d) for d in detail], strict=True)
                ),
                hovertemplate=(
                    "<b>%{y}</b> %{customdata[1]}<br>"
                    f"{escape(value_label)}: %{{x:{value_format}}}{escape(unit_suffix)}<br>"
                    "#%{customdata[0]}<br>%{customdata[2]}<extra>%{fullData.name}</extra>"
                ),
            )
        )
    chosen = frame[frame["adcode"] == selected]
    if not chosen.empty:
        # An outline drawn over the selected bar; kept out of the legend so region swatches stay plain.
        fig.add_trace(
            go.Bar(
                x=chosen["value"],
                y=chosen["label"],
                orientation="h",
                showlegend=False,
                hoverinfo="skip",
                marker={"color": "rgba(0,0,0,0)", "line": {"color": "#000000", "width": 2.5}},
            )
        )
    n = len(frame)
    fig.update_layout(
        barmode="overlay",
        bargap=0.25,
        legend={
            "orientation": "h",
            "x": 1,
            "xanchor": "right",
            "y": 1.0,
            "yanchor": "bottom",
            "title": {"text": ""},
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": list(frame["label"]),
            "automargin": True,
            "tickfont": {"size": 11},
        },
        xaxis={
            "title": {"text": escape(f"{value_label} ({unit})" if unit else value_label)},
            "gridcolor": "#E6E6E6",
            "zeroline": True,
            "zerolinecolor": "#999999",
            "automargin": True,
        },
    )
    style_chart(
        fig,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        height=max(320, 130 + BAR_PX * n),
        left_margin=10,
    )
    return fig


def _text_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """An optional text column, as strings ("" where absent or missing)."""
    if column not in frame.columns:
        return pd.Series("", index=frame.index)
    return frame[column].fillna("").astype(str)
