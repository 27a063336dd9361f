"""Shared styling for every figure builder: macro-region colours, fonts and the empty figure.

Colours follow the Okabe-Ito palette (distinguishable under the common colour-vision deficiencies).
"""

from __future__ import annotations

import plotly.graph_objects as go

# One colour per macro-region, used by the map, the charts and the drill-down panel alike.
REGION_COLORS: dict[str, str] = {
    "east": "#0072B2",  # Okabe-Ito blue
    "central": "#E69F00",  # orange
    "west": "#009E73",  # bluish green
    "northeast": "#CC79A7",  # reddish purple
}
NO_REGION_COLOR = "#BBBBBB"  # Taiwan, Hong Kong, Macao: in no macro-region
REGION_ORDER: tuple[str, ...] = ("east", "central", "west", "northeast")

# Noto CJK ships with Debian's fonts-noto-cjk; kaleido needs it named to draw Chinese in exports.
FONT_FAMILY = "Noto Sans CJK SC, Noto Sans, Helvetica Neue, Arial, sans-serif"


def empty_figure(message: str, *, height: int | None = None) -> go.Figure:
    """Return a blank figure that says why it is blank (no axes, one centred note)."""
    fig = go.Figure()
    fig.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        font={"family": FONT_FAMILY},
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": 20, "r": 20, "t": 20, "b": 20},
        annotations=[{
            "text": message, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
            "showarrow": False, "font": {"size": 15, "color": "#555555"},
        }],
    )
    if height is not None:
        fig.update_layout(height=height)
    return fig
