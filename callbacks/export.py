"""Export actions: "Download PNG" (rendered server-side), CSV and GeoJSON of the current view."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, ctx, dcc, no_update

from callbacks.cache import cached_bytes
from layouts import model
from layouts.chart_views import export_filename
from layouts.charts_i18n import t
from layouts.export import EXPORT_CHARTS, ExportBusy, ExportError, render_png
from layouts.export_data import view_csv, view_geojson
from layouts.ids import Charts, Core
from layouts.state import to_query

PNG_SIZE = {"map": (1400, 1000), "prefecture": (1200, 1000)}
DEFAULT_SIZE = (1200, 800)


def export_payload(trigger: str | None, store: str | None, chart: str | None) -> tuple[Any, str]:
    """What an export button sends: (``dcc.Download`` data or no_update, status text).

    Pure apart from rendering: ``trigger`` is the pressed button's id, ``store`` the canonical query of
    the view, ``chart`` the chosen chart. A tampered ``chart`` falls back to the ranking.
    """
    state = model.state_of(store)
    lang = state.lang
    chart = chart if chart in EXPORT_CHARTS else "ranking"
    if chart == "prefecture" and not state.province:
        chart = "map"
    name = export_filename(chart, state)
    if trigger == Charts.EXPORT_PNG:
        width, height = PNG_SIZE.get(chart, DEFAULT_SIZE)
        try:
            # the same view always renders the same image: cache it (ATLAS_CACHE: local or Redis)
            data = cached_bytes("png", (to_query(state), chart, width, height, 2.0),
                                lambda: render_png(state, chart, width=width, height=height, scale=2.0))
        except ExportBusy:
            return no_update, t("export.busy", lang)
        except (ExportError, RuntimeError) as exc:
            model.log.exception("export failed")
            return no_update, t("export.failed", lang, error=type(exc).__name__)
        return dcc.send_bytes(data, f"{name}.png"), ""
    view = export_filename("map", state) if chart in ("map", "prefecture") else name
    if trigger == Charts.EXPORT_CSV:
        return dcc.send_string(view_csv(state), f"{view}.csv"), ""
    if trigger == Charts.EXPORT_GEOJSON:
        return dcc.send_string(view_geojson(state), f"{view}.geojson"), ""
    return no_update, ""


@callback(
    Output(Charts.EXPORT_DOWNLOAD, "data"),
    Output(Charts.EXPORT_STATUS, "children"),
    Input(Charts.EXPORT_PNG, "n_clicks"),
    Input(Charts.EXPORT_CSV, "n_clicks"),
    Input(Charts.EXPORT_GEOJSON, "n_clicks"),
    State(Core.STATE, "data"),
    State(Charts.EXPORT_CHART, "value"),
    prevent_initial_call=True,
)
def _export(_png: int, _csv: int, _geojson: int, store: str | None, chart: str | None) -> tuple[Any, str]:
    return export_payload(ctx.triggered_id, store, chart)
