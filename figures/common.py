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


# --- offline geo basemap --------------------------------------------------------------------------
# go.Choropleth always asks plotly.js for a world topojson (world_110m.json), from plotly's CDN unless
# told otherwise, even with geo.visible=False. The atlas draws no basemap, so an empty but valid topojson
# served from assets/ stands in for it: the browser gets TOPOJSON_URL via dcc.Graph's config, kaleido
# gets it via plotly.io.defaults.topojson (see topojson_file_url()).
TOPOJSON_URL = "/assets/topojson/"


def topojson_file_url() -> str:
    """Return a ``file://`` URL of the stand-in topojson folder, for server-side rendering with kaleido."""
    from config import ASSETS_DIR

    return (ASSETS_DIR / "topojson").resolve().as_uri() + "/"


# --- palettes ------------------------------------------------------------------------------------
# Sequential classes: viridis, reversed so that more is darker; viridis reads in order under the
# common colour-vision deficiencies and in greyscale.
SEQUENTIAL = "viridis"
NO_DATA_COLOR = "#E4E4E4"
# Provinces outside the chosen strategies (issue 13, item 6): plain light grey, outlined darker, so
# that members (the indicator's colours) and non-members read apart at a glance.
OUTSIDE_COLOR = "#F1F1F1"
OUTSIDE_LINE = "#8E969E"
# Okabe-Ito, for categories that are not macro-regions (strategy membership, neighbours).
OKABE_ITO: tuple[str, ...] = (
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
)
INK = "#222222"
MUTED = "#666666"


def escape(text: object) -> str:
    """Escape ``&``, ``<`` and ``>``: plotly renders an HTML subset in labels and data must stay text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap_lines(text: str, width: int = 56) -> str:
    """Escape ``text`` and break it into ``<br>``-separated lines of about ``width`` characters (plotly
    hover labels do not wrap). Text without spaces (Chinese) is cut every ``width // 2`` characters."""
    words = str(text).split()
    if len(words) <= 1 and len(text) > width // 2:
        step = width // 2
        return "<br>".join(escape(text[i:i + step]) for i in range(0, len(text), step))
    return "<br>".join(escape(x) for x in break_lines(text, width))


def break_lines(text: object, width: int) -> list[str]:
    """Greedy word wrap of ``text`` (split at whitespace) into lines of at most ``width`` characters,
    unless one word is longer; no escaping. The one line breaker the figure builders share."""
    lines: list[str] = []
    line = ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def sequential_colors(k: int, scale: str = SEQUENTIAL) -> list[str]:
    """Return ``k`` colours from light to dark, sampled evenly from the plotly colour scale ``scale``."""
    from plotly.colors import get_colorscale, sample_colorscale

    if k < 1:
        raise ValueError(f"k={k}: expected at least one class")
    positions = [0.5] if k == 1 else [0.08 + 0.84 * i / (k - 1) for i in range(k)]
    colors = sample_colorscale(get_colorscale(scale), positions, colortype="rgb")
    return [_to_hex(c) for c in reversed(colors)]


def _to_hex(rgb: str) -> str:
    parts = rgb[rgb.index("(") + 1: rgb.index(")")].split(",")
    return "#" + "".join(f"{round(float(p)):02X}" for p in parts[:3])


def diverging_colors(below: int, above: int) -> list[str]:
    """Colours of ``below`` classes under a centre and ``above`` classes over it, in ascending order.

    ColorBrewer's PuOr (colour-blind safe): orange below the centre, purple above, darker farther from
    it; the pale middle is left out, so every class reads as one side or the other.
    """
    from plotly.colors import diverging

    if below < 0 or above < 0 or below + above < 1:
        raise ValueError(f"below={below}, above={above}: expected at least one class")
    scale = [_to_hex(c) for c in diverging.PuOr]  # 11: dark orange .. pale .. dark purple

    def side(n: int, near: int, far: int) -> list[str]:  # near -> far from the centre
        if n == 0:
            return []
        if n == 1:
            return [scale[(near + far) // 2 if abs(far - near) > 2 else near]]
        return [scale[round(near + (far - near) * i / (n - 1))] for i in range(n)]

    return side(below, 4, 0)[::-1] + side(above, 6, 10)
