"""Export actions: "Download PNG" (rendered server-side), CSV, GeoJSON and GeoPackage of the current view;
the export bar (one, in the shell) follows the view: its default chart, its language, hidden on the
sources page."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, State, callback, ctx, no_update
from dash.dcc.express import send_bytes, send_string

from layouts.charts import export_default, export_options
from layouts.ids import Charts, Core, Drawn
from server.cache import cached_bytes
from server.render import ExportBusy, ExportError, render_png
from views import datasets, url
from views.charts import export_filename
from views.drawn import drawn_key
from views.export import EXPORT_CHARTS, view_csv, view_geojson
from views.export_province import prefecture_view_csv, view_file_stem, view_geopackage
from views.state import to_query
from views.words import t

PNG_SIZE = {"map": (1400, 1000), "prefecture": (1200, 1000)}
DEFAULT_SIZE = (1200, 800)


def export_payload(trigger: str | None, store: str | None, chart: str | None) -> tuple[Any, str]:
    """What an export button sends: (``dcc.Download`` data or no_update, status text).

    Pure apart from rendering: ``trigger`` is the pressed button's id, ``store`` the canonical query of
    the view, ``chart`` the chosen chart. A tampered ``chart`` falls back to the ranking.
    """
    state = url.state_of(store)
    lang = state.lang
    chart = chart if chart in EXPORT_CHARTS else "ranking"
    if chart == "prefecture" and not state.province:
        chart = "map"
    # the maps' files say the view (indicator, year, region, strategies, province): issue 13, item 10
    name = view_file_stem(chart, state) if chart in ("map", "prefecture") else export_filename(chart, state)
    if trigger == Charts.EXPORT_PNG:
        width, height = PNG_SIZE.get(chart, DEFAULT_SIZE)
        try:
            # the same view always renders the same image: cache it (ATLAS_CACHE: local or Redis)
            data = cached_bytes("png", (to_query(state), chart, width, height, 2.0),
                                lambda: render_png(state, chart, width=width, height=height, scale=2.0))
        except ExportBusy:
            return no_update, t("export.busy", lang)
        except (ExportError, RuntimeError) as exc:
            datasets.log.exception("export failed")
            return no_update, t("export.failed", lang, error=type(exc).__name__)
        return send_bytes(data, f"{name}.png"), ""
    view = view_file_stem("map", state) if chart in ("map", "prefecture") else name
    if trigger == Charts.EXPORT_CSV:
        if chart == "prefecture":  # a province open: its prefectures, what its map shows
            return send_string(prefecture_view_csv(state), f"{name}.csv"), ""
        return send_string(view_csv(state), f"{view}.csv"), ""
    if trigger == Charts.EXPORT_GEOJSON:
        return send_string(view_geojson(state), f"{view}.geojson"), ""
    if trigger == Charts.EXPORT_GPKG:  # provinces, and an open province's prefectures (as the CSV)
        return send_bytes(view_geopackage(state), f"{view}.gpkg"), ""
    return no_update, ""


BAR_LABELS = ("export.png_of", "export.png", "export.csv", "export.geojson", "export.gpkg",
              "export.heading")


def export_bar_update(store: str | None, drawn: object) -> list[Any]:
    """The export bar for the state in ``store``, in the callback's output order: hidden, chart, options,
    label, PNG, CSV, GeoJSON and GeoPackage button texts, aria-label, key. no_update for what did not change.

    ``drawn`` is the key (``drawn_key("export", state)``) the bar was last set for. The chart choice
    resets to the view's default only when the view or the open province changes (so a pick survives
    e.g. an indicator change); the texts are redrawn only when the language changes.
    """
    state = url.state_of(store)
    key = drawn_key("export", state)
    if key == drawn:
        return [no_update] * (4 + len(BAR_LABELS))
    old = drawn if isinstance(drawn, dict) else {}  # no or a tampered key: set everything
    moved = any(old.get(f) != key[f] for f in ("view", "province_open"))
    out: list[Any] = [state.view in ("sources", "document"), export_default(state) if moved else no_update]
    if old.get("lang") != state.lang:
        out += [export_options(state.lang), *(t(k, state.lang) for k in BAR_LABELS)]
    else:
        out += [no_update] * (1 + len(BAR_LABELS))
    return [*out, key]


@callback(
    Output(Charts.EXPORT_BAR, "hidden"),
    Output(Charts.EXPORT_CHART, "value"),
    Output(Charts.EXPORT_CHART, "options"),
    Output(Charts.EXPORT_HEADING, "children"),
    Output(Charts.EXPORT_PNG, "children"),
    Output(Charts.EXPORT_CSV, "children"),
    Output(Charts.EXPORT_GEOJSON, "children"),
    Output(Charts.EXPORT_GPKG, "children"),
    Output(Charts.EXPORT_BAR, "aria-label"),
    Output(Drawn.EXPORT, "data"),
    Input(Core.STATE, "data"),
    State(Drawn.EXPORT, "data"),
    prevent_initial_call=True,
)
def _follow_view(store: str | None, drawn: object) -> list[Any]:
    return export_bar_update(store, drawn)


@callback(
    Output(Charts.EXPORT_DOWNLOAD, "data"),
    Output(Charts.EXPORT_STATUS, "children"),
    Input(Charts.EXPORT_PNG, "n_clicks"),
    Input(Charts.EXPORT_CSV, "n_clicks"),
    Input(Charts.EXPORT_GEOJSON, "n_clicks"),
    Input(Charts.EXPORT_GPKG, "n_clicks"),
    State(Core.STATE, "data"),
    State(Charts.EXPORT_CHART, "value"),
    prevent_initial_call=True,
)
def _export(_png: int, _csv: int, _geojson: int, _gpkg: int, store: str | None,
            chart: str | None) -> tuple[Any, str]:
    return export_payload(ctx.triggered_id, store, chart)
