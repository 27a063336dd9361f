"""The figure each chart shows for a :class:`~layouts.state.ViewState`: data assembly + pure builder.

Used alike by the charts tab (in the browser) and by the server-side PNG export, so both show the
same view.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from layouts.charts_i18n import t
from layouts.figures.common import empty_figure
from layouts.state import ViewState

CHARTS: tuple[str, ...] = ("ranking", "matrix", "regions", "timeline")


def chart_figure(state: ViewState, chart: str, *, for_export: bool = False) -> go.Figure:
    """Return the figure of ``chart`` (one of :data:`CHARTS`) for ``state``.

    Parameters
    ----------
    state : ViewState
        The view (indicator, selected province, language ...).
    chart : str
        ``ranking``, ``matrix``, ``regions`` or ``timeline``.
    for_export : bool
        Add the date of the view to the source line (a PNG leaves the page that dates it).

    Raises
    ------
    ValueError
        If ``chart`` is not one of :data:`CHARTS`.
    """
    if chart not in CHARTS:
        raise ValueError(f"chart={chart!r}: expected one of {', '.join(CHARTS)}")
    stamp = date.today().isoformat() if for_export else None
    del stamp  # filled in as each chart lands
    return empty_figure(t("charts.ranking.none", state.lang))


def graph_config(chart: str, state: ViewState) -> dict[str, object]:
    """The dcc.Graph config: the modebar camera saves a PNG named after the view, at scale 2."""
    parts = ["china-atlas", chart]
    if chart == "ranking":
        parts += [state.indicator, str(2023)]
    if state.province and chart in ("ranking", "prefecture"):
        parts.append(state.province)
    if state.lang != "en":
        parts.append(state.lang)
    return {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "filename": "_".join(parts), "scale": 2},
    }
