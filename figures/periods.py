"""Marks shared by the charts over years: the Five-Year Plan periods shaded, the documents' events marked.

The x axis of these charts is the year as a number; a year's value is drawn at the year, so the year
spans ``year - 0.5`` to ``year + 0.5`` and a dated event sits at its place within its year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from figures.chart_style import wrap
from figures.common import MUTED, escape
from figures.timeline import KIND_STYLE, OTHER_STYLE

PERIOD_FILLS = ("#F3F3F3", "#FFFFFF")
EVENT_LINE = "#B0B0B0"
EVENT_COLUMNS = ("date", "kind", "title", "place", "source_id")
#: (first year, last year, label) of each shaded period.
Period = tuple[int, int, str]


def event_x(date: object) -> float | None:
    """The x position of a dated event: ``year - 0.5`` plus the fraction of its year gone (None if the
    date does not parse)."""
    text = date.strftime("%Y-%m-%d") if isinstance(date, pd.Timestamp) else str(date)[:10]
    when = pd.to_datetime(text, errors="coerce", format="%Y-%m-%d")
    if not isinstance(when, pd.Timestamp) or pd.isna(when):
        return None
    days = 366 if when.is_leap_year else 365
    return float(when.year) - 0.5 + (when.day_of_year - 0.5) / days


def add_periods(
    fig: go.Figure,
    periods: Sequence[Period],
    *,
    span: tuple[float, float] | None = None,
    label_axes: tuple[str, str] | None = ("x", "y"),
    label_size: int = 11,
) -> None:
    """Shade each period on every subplot (alternating grey and white) and label it under the year ticks
    of the subplot whose axes are ``label_axes`` (None: no labels; the caller leaves ~20 px for them).
    ``span`` clips the periods to the years drawn (first, last)."""
    for k, (first, last, label) in enumerate(periods):
        x0, x1 = first - 0.5, last + 0.5
        if span is not None:
            x0, x1 = max(x0, span[0] - 0.5), min(x1, span[1] + 0.5)
            if x0 >= x1:
                continue
        _vrect(fig, x0, x1, PERIOD_FILLS[k % 2])
        if label_axes is not None:  # under the year ticks of that subplot
            fig.add_annotation(
                text=escape(label),
                x=(x0 + x1) / 2,
                xref=label_axes[0],
                y=0,
                yref=f"{label_axes[1]} domain",
                yanchor="top",
                yshift=-26,
                showarrow=False,
                font={"size": label_size, "color": MUTED},
            )


def _vrect(fig: go.Figure, x0: float, x1: float, color: str) -> None:
    _add_shapes(
        fig,
        [
            {
                "type": "rect",
                "x0": x0,
                "x1": x1,
                "xref": xaxis,
                "y0": 0,
                "y1": 1,
                "yref": f"{yaxis} domain",
                "fillcolor": color,
                "line": {"width": 0},
                "layer": "below",
            }
            for xaxis, yaxis in _axis_pairs(fig)
        ],
    )


def _add_shapes(fig: go.Figure, shapes: list[dict[str, object]]) -> None:
    """Append ``shapes`` at once (``fig.add_shape`` validates the whole layout per call: seconds for the
    hundred-odd lines of a small-multiples figure)."""
    fig.layout.shapes = (*fig.layout.shapes, *shapes)


def add_events(
    fig: go.Figure,
    events: pd.DataFrame,
    *,
    kind_labels: Mapping[str, str] | None = None,
    marker_axes: tuple[str, str] = ("x", "y"),
    highlight: str | None = None,
    show_legend: bool = True,
    marker_size: int = 10,
) -> None:
    """A dotted line at each event's date on every subplot, and a marker per event (shape and colour by
    kind, hover with title, date, place and source) at the top of the subplot ``marker_axes``.

    ``events`` has columns :data:`EVENT_COLUMNS` (``date`` ISO; optional ``adcode``): rows without a
    date are left out. ``highlight`` (a province adcode): its events are drawn with a black outline.
    """
    missing = [c for c in EVENT_COLUMNS if c not in events.columns]
    if missing:
        raise ValueError(f"events lacks column(s) {missing}; expected {list(EVENT_COLUMNS)}")
    positions = pd.Series([event_x(d) for d in events["date"]], index=events.index, dtype=float)
    frame = events.assign(x=positions).dropna(subset=["x"])
    if frame.empty:
        return
    kind_labels = dict(kind_labels or {})
    mine = (
        (frame["adcode"].fillna("").astype(str).str[:2] == highlight[:2])
        if highlight and "adcode" in frame
        else pd.Series(False, index=frame.index)
    )
    own = set(frame.loc[mine, "x"])  # the highlighted province's events: darker lines
    _add_shapes(
        fig,
        [
            {
                "type": "line",
                "x0": x,
                "x1": x,
                "xref": xaxis,
                "y0": 0,
                "y1": 1,
                "yref": f"{yaxis} domain",
                "line": {"color": "#444444" if x in own else EVENT_LINE, "width": 1, "dash": "dot"},
                "layer": "below",
            }
            for xaxis, yaxis in _axis_pairs(fig)
            for x in sorted(set(frame["x"]))
        ],
    )
    # The markers sit on an invisible axis over the marker subplot, from 0 (bottom) to 1 (top).
    overlay = "y99"
    fig.update_layout(
        yaxis99={
            "overlaying": marker_axes[1],
            "range": [0, 1],
            "visible": False,
            "fixedrange": True,
            "anchor": marker_axes[0],
        }
    )
    for kind in sorted(
        set(frame["kind"]),
        key=lambda k: (k not in KIND_STYLE, list(KIND_STYLE).index(k) if k in KIND_STYLE else 0, k),
    ):
        part = frame[frame["kind"] == kind]
        color, symbol = KIND_STYLE.get(kind, OTHER_STYLE)
        sel = mine[part.index]
        fig.add_trace(
            go.Scatter(
                x=part["x"],
                y=[0.97] * len(part),
                xaxis=marker_axes[0],
                yaxis=overlay,
                mode="markers",
                name=kind_labels.get(kind, kind),
                legendgroup=f"event-{kind}",
                showlegend=show_legend,
                marker={
                    "symbol": symbol,
                    "color": color,
                    "size": [marker_size + 3 if s else marker_size for s in sel],
                    "line": {"color": ["#000000" if s else "white" for s in sel], "width": 1},
                },
                customdata=[_hover(r) for r in part.to_dict("records")],
                hovertemplate="%{customdata}<extra></extra>",
                cliponaxis=False,
            )
        )


def _axis_pairs(fig: go.Figure) -> list[tuple[str, str]]:
    """The (x, y) axis ids of each subplot of ``fig`` (``("x", "y")`` for a figure without subplots)."""
    layout = fig.layout.to_plotly_json()
    pairs = []
    for key in sorted(k for k in layout if k.startswith("yaxis")):
        axis = layout[key] or {}
        if axis.get("overlaying"):
            continue
        anchor = str(axis.get("anchor") or "x")
        pairs.append((anchor, "y" + key[len("yaxis") :]))
    return pairs or [("x", "y")]


def _hover(row: Mapping[str, object]) -> str:
    lines = [
        f"<b>{wrap(str(row['title']), 60, max_lines=2)}</b>",
        f"{escape(str(row['date'])[:10])} · {escape(row['place'])}",
    ]
    lines.append(f"<span style='color:{MUTED}'>{escape(row['source_id'])}</span>")
    return "<br>".join(lines)
