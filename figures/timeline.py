"""Events timeline: when and where the documents' symposiums, meetings, inspections took place."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from figures.chart_style import GRID, new_figure, style_chart, wrap
from figures.common import MUTED, empty_figure, escape

REQUIRED_COLUMNS = ("event_id", "date", "kind", "title", "place", "quote", "source_id")
KIND_ORDER = ("symposium", "meeting", "inspection", "study_session")
# Okabe-Ito colours and distinct symbols, so kinds differ in shape as well as hue.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "symposium": ("#D55E00", "diamond"),
    "meeting": ("#0072B2", "square"),
    "inspection": ("#009E73", "circle"),
    "study_session": ("#CC79A7", "star"),
}
OTHER_STYLE = ("#555555", "triangle-up")
CLOSE_DAYS = 330  # events nearer than this in one lane are staggered so that labels do not collide
LANE_PX = 92


def events_timeline_figure(
    events: pd.DataFrame,
    *,
    kind_labels: Mapping[str, str] | None = None,
    selected_province: str | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    source_note: str | None = None,
    empty_message: str = "No dated events",
) -> go.Figure:
    """Build a timeline with one lane per event kind; multi-day events are drawn as bars.

    Parameters
    ----------
    events : pandas.DataFrame
        Columns ``event_id``, ``date`` (ISO), ``kind``, ``title``, ``place`` (display labels),
        ``quote``, ``source_id``; optional ``end_date`` (ISO or empty), ``label`` (short text next to
        the marker; defaults to ``place``) and ``adcode`` (used with ``selected_province``). Rows
        without a parseable date are left out.
    kind_labels : mapping of str to str, optional
        Lane labels for the event kinds.
    selected_province : str or None
        A province adcode: its events are drawn larger, with a black outline.
    title, subtitle, source_note : str or None
        See :func:`figures.chart_style.style_chart`.
    empty_message : str
        Shown when no event has a date.

    Returns
    -------
    plotly.graph_objects.Figure
        One marker trace per kind (plus a line trace for multi-day spans), or an empty figure.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in events.columns]
    if missing:
        raise ValueError(
            f"events_timeline_figure: events lacks column(s) {missing}; expected {list(REQUIRED_COLUMNS)}"
        )
    frame = events.copy()
    frame["start"] = pd.to_datetime(frame["date"], errors="coerce", format="%Y-%m-%d")
    end = frame["end_date"] if "end_date" in frame else pd.Series("", index=frame.index)
    frame["end"] = pd.to_datetime(end.replace("", None), errors="coerce", format="%Y-%m-%d")
    frame = frame.dropna(subset=["start"]).sort_values(["start", "event_id"]).reset_index(drop=True)
    if frame.empty:
        return style_chart(empty_figure(empty_message), title=title, subtitle=subtitle, height=300)
    kind_labels = dict(kind_labels or {})
    kinds = [k for k in KIND_ORDER if k in set(frame["kind"])]
    kinds += sorted(set(frame["kind"]) - set(kinds))
    lane = {k: i for i, k in enumerate(kinds)}
    frame["y"] = [lane[k] + offset for k, offset in zip(frame["kind"], _stagger(frame), strict=True)]
    frame["label"] = frame["label"] if "label" in frame else frame["place"]
    chosen = _in_province(frame, selected_province)

    fig = new_figure()
    spans = frame.dropna(subset=["end"])
    for row in spans.itertuples(index=False):
        fig.add_shape(
            type="line",
            x0=row.start,
            x1=row.end,
            y0=row.y,
            y1=row.y,
            layer="below",
            line={"color": KIND_STYLE.get(str(row.kind), OTHER_STYLE)[0], "width": 6},
        )
    for kind in kinds:
        part = frame[frame["kind"] == kind]
        color, symbol = KIND_STYLE.get(kind, OTHER_STYLE)
        sel = chosen[part.index]
        fig.add_trace(
            go.Scatter(
                x=part["start"],
                y=part["y"],
                mode="markers+text",
                name=kind_labels.get(kind, kind),
                text=[escape(x) for x in part["label"]],
                textposition="middle right",
                textfont={"size": 11, "color": "#333333"},
                marker={
                    "symbol": symbol,
                    "color": color,
                    "opacity": 1,
                    "size": [17 if s else 12 for s in sel],
                    "line": {
                        "color": ["#000000" if s else "white" for s in sel],
                        "width": [2 if s else 1 for s in sel],
                    },
                },
                customdata=[_hover(r) for r in part.to_dict("records")],
                hovertemplate="%{customdata}<extra></extra>",
                cliponaxis=False,
            )
        )
    start, stop = frame["start"].min(), frame[["start", "end"]].max(axis=None)
    pad = max(pd.Timedelta(days=60), (stop - start) * 0.04)
    fig.update_layout(
        xaxis={
            "type": "date",
            "range": [start - pad, stop + pad * 4],
            "gridcolor": GRID,
            "showline": True,
            "linecolor": "#999999",
            "ticks": "outside",
            "dtick": "M12",
            "tickformat": "%Y",
        },
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(kinds))),
            "ticktext": [f"<b>{escape(kind_labels.get(k, k))}</b>" for k in kinds],
            "range": [len(kinds) - 0.45, -0.6],
            "showgrid": True,
            "gridcolor": GRID,
            "zeroline": False,
            "automargin": True,
        },
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom"},
        hovermode="closest",
    )
    return style_chart(
        fig,
        title=title,
        subtitle=subtitle,
        source_note=source_note,
        height=170 + LANE_PX * len(kinds),
        left_margin=10,
    )


def _stagger(frame: pd.DataFrame) -> list[float]:
    """Vertical offsets within a lane: events close in time alternate above and below the lane line."""
    offsets = [0.0] * len(frame)
    last: dict[str, tuple[pd.Timestamp, int]] = {}
    steps = (0.0, 0.28, -0.28)
    for i, (kind, start) in enumerate(zip(frame["kind"], frame["start"], strict=True)):
        prev = last.get(kind)
        step = 0
        if prev is not None and (start - prev[0]).days < CLOSE_DAYS:
            step = (prev[1] + 1) % len(steps)
        offsets[i] = steps[step]
        last[kind] = (start, step)
    return offsets


def _in_province(frame: pd.DataFrame, province: str | None) -> pd.Series:
    if not province or "adcode" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["adcode"].fillna("").astype(str).str[:2] == province[:2]


def _hover(get: Mapping[Hashable, Any]) -> str:
    when = get["start"].strftime("%Y-%m-%d")
    if pd.notna(get.get("end")):
        when += " – " + get["end"].strftime("%Y-%m-%d")
    lines = [f"<b>{wrap(get['title'], 60, max_lines=2)}</b>", f"{when} · {escape(get['place'])}"]
    quote = str(get.get("quote") or "")
    if quote and quote != "nan":
        lines.append("“" + wrap(quote, 60, max_lines=4) + "”")
    lines.append(f"<span style='color:{MUTED}'>{escape(get['source_id'])}</span>")
    return "<br>".join(lines)
