"""Layout helpers shared by the chart builders (ranking, matrix, regions, timeline).

Every chart carries its title, a legend and a source line at the foot, so that an exported PNG
stands on its own. Nothing here holds state: each helper edits the figure it is given.
"""

from __future__ import annotations

import plotly.graph_objects as go

from figures.common import FONT_FAMILY, INK, MUTED, break_lines, escape

TITLE_SIZE = 17
NOTE_SIZE = 11
GRID = "#E6E6E6"


def new_figure() -> go.Figure:
    """An empty figure without plotly's default template (copying it costs ~10-40 ms per figure; every
    style the charts need is set explicitly by :func:`style_chart` and the builders)."""
    return go.Figure(layout={"template": "none"})


def style_chart(
    fig: go.Figure,
    *,
    title: str | None,
    subtitle: str | None = None,
    source_note: str | None = None,
    height: int | None = None,
    left_margin: int = 80,
    right_margin: int = 30,
    top_extra: int = 0,
    bottom_extra: int = 0,
) -> go.Figure:
    """Apply the atlas chart look: white background, CJK-capable font, title, subtitle and source line.

    Parameters
    ----------
    fig : go.Figure
        Edited in place and returned.
    title, subtitle : str or None
        Shown top-left; the subtitle in a smaller, muted line under the title.
    source_note : str or None
        Shown at the bottom-left in small type (publication, year, date of the view).
    height : int or None
        Fixed pixel height; ``None`` lets the container decide.
    left_margin, right_margin : int
        Room for category labels and side legends.
    top_extra, bottom_extra : int
        Room above and below the plot area for labels the builder places there itself (the source
        line is placed below ``bottom_extra`` so that it never overlaps rotated tick labels).
    """
    top = 24 + (34 if title else 0) + (20 if subtitle else 0) + top_extra
    note_lines = break_lines(source_note, 150) if source_note else []
    bottom = 48 + 16 * len(note_lines) + (18 if note_lines else 0) + bottom_extra
    fig.update_layout(
        hovermode="closest",
        font={"family": FONT_FAMILY, "color": INK, "size": 12},
        margin={"l": left_margin, "r": right_margin, "t": top, "b": bottom},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        legend={"bgcolor": "rgba(255,255,255,0.85)"},
    )
    if title:
        fig.update_layout(
            title={
                "text": f"<b>{escape(title)}</b>",
                "x": 0.01,
                "xanchor": "left",
                "xref": "container",
                "y": 1,
                "yanchor": "top",
                "yref": "container",
                "pad": {"t": 14},
                "font": {"size": TITLE_SIZE},
                "subtitle": {"text": escape(subtitle or ""), "font": {"size": 12, "color": MUTED}},
            }
        )
    if height is not None:
        fig.update_layout(height=height)
    if source_note:
        fig.add_annotation(
            text="<br>".join(escape(line) for line in note_lines),
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="bottom",
            yshift=-bottom + 4,
            showarrow=False,
            align="left",
            font={"size": NOTE_SIZE, "color": MUTED},
        )
    return fig


def wrap(text: str, width: int = 60, *, max_lines: int = 6) -> str:
    """Wrap plain text for a plotly hover label (``<br>`` line breaks), escaping markup characters."""
    lines = break_lines(text, width)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip(" .,;") + " …"]
    return "<br>".join(escape(x) for x in lines)
