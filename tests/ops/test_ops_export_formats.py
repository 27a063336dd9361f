"""``python app.py export --out FILE``: the format follows the suffix (.png, .csv, .geojson, .gpkg, and
.parquet as GeoParquet through fastparquet, never pyarrow), every error names the parameter. Called
through ``server.render.export_cli``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from server.render import PNG_MAGIC, export_cli


def _run(out: Path, query: str = "", chart: str = "map") -> int:
    return export_cli(str(out), query, chart, 1200, 800, 2.0)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_of_the_map_has_year_vintage_and_source_on_every_row(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "view.csv"
    assert _run(out, "indicator=gdp&year=2012") == 0
    rows = _rows(out)
    assert len(rows) == 34 and "wrote" in capsys.readouterr().out
    assert {r["year"] for r in rows} == {"2012"} and {r["vintage"] for r in rows} == {"nbs-current"}
    mainland = [r for r in rows if r["macro_region"]]
    assert len(mainland) == 31 and all(r["value"] and r["value_source"] for r in mainland)


def test_csv_of_a_change_says_cagr_and_both_years(tmp_path: Path) -> None:
    out = tmp_path / "change.csv"
    assert _run(out, "indicator=gdp_per_capita&year=2012-2024") == 0
    rows = [r for r in _rows(out) if r["macro_region"]]
    assert {r["year"] for r in rows} == {"2012-2024"} and {r["unit"] for r in rows} == {"%/yr (CAGR)"}
    assert all(-5 < float(r["value"]) < 20 for r in rows)


@pytest.mark.parametrize("chart", ["ranking", "regions", "matrix", "timeline"])
def test_csv_of_each_chart_has_source_year_and_vintage_columns(tmp_path: Path, chart: str) -> None:
    out = tmp_path / f"{chart}.csv"
    assert _run(out, "indicator=trade", chart=chart) == 0
    rows = _rows(out)
    assert rows and {"source", "year", "vintage"} <= set(rows[0])
    assert all(r["source"] for r in rows)
    if chart == "ranking":
        assert {r["indicator"] for r in rows} == {"trade"} and {r["vintage"] for r in rows} == {"nbs-current"}


def test_geojson_holds_the_view_provinces(tmp_path: Path) -> None:
    out = tmp_path / "view.geojson"
    assert _run(out, "indicator=population&year=2015") == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 34
    props = next(f["properties"] for f in data["features"] if f["id"] == "440000")
    assert props["year"] == "2015" and props["vintage"] == "nbs-current" and props["value"] > 10_000


def test_geopackage_has_one_layer_each(tmp_path: Path) -> None:
    import pyogrio

    out = tmp_path / "atlas.gpkg"
    assert _run(out, "indicator=gdp&year=2012-2024") == 0
    layers = {str(name): str(kind) for name, kind in pyogrio.list_layers(out)}
    assert set(layers) == {"provinces", "prefectures", "counties", "border", "infrastructure"}
    assert "Polygon" in layers["provinces"] and "Polygon" in layers["counties"]
    info = pyogrio.read_info(out, layer="provinces")
    assert info["features"] == 34 and "view_value" in list(info["fields"]) and "view_vintage" in list(
        info["fields"])
    assert pyogrio.read_info(out, layer="counties")["features"] > 2_000


def test_parquet_is_geoparquet_of_the_view_provinces(tmp_path: Path) -> None:
    import shapely

    out = tmp_path / "view.parquet"
    assert _run(out, "indicator=gdp_per_capita&year=2012-2024") == 0
    import fastparquet  # after the export, which imported it with pandas' deprecation warning silenced

    assert not (tmp_path / "view.parquet.tmp").exists()
    pf = fastparquet.ParquetFile(str(out))
    geo = json.loads(pf.key_value_metadata["geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and set(column["geometry_types"]) <= {"Polygon", "MultiPolygon"}
    assert column["crs"]["id"] == {"authority": "EPSG", "code": 4326}  # PROJJSON
    minx, miny, maxx, maxy = column["bbox"]
    assert 73 < minx < 74 and 3 < miny < 19 and 134 < maxx < 136 and 53 < maxy < 54
    frame = pf.to_pandas()
    assert len(frame) == 34 and "pyarrow" not in str(frame["adcode"].dtype)
    assert {"adcode", "view_value", "view_unit", "view_year", "view_vintage", "view_value_source",
            "source_geometry", "source_indicators", "source_strategies", "geometry"} <= set(frame.columns)
    geoms = shapely.from_wkb(frame["geometry"].tolist())
    assert shapely.is_valid(geoms).all() and {g.geom_type for g in geoms} == set(column["geometry_types"])
    row = frame.set_index("adcode").loc["650000"]
    assert row["view_year"] == "2012-2024" and row["view_unit"] == "%/yr (CAGR)" and row["view_value_source"]


def test_parquet_without_fastparquet_is_refused_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "fastparquet"
                        else real(name, *a))
    out = tmp_path / "view.parquet"
    assert _run(out) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "fastparquet" in err and "pyarrow" in err and not out.exists()


@pytest.mark.parametrize("out, query, chart, needle", [
    ("view.txt", "", "map", "--out"),
    ("missing/view.csv", "", "map", "--out"),
    ("view.csv", "", "pie", "chart="),
    ("view.csv", "", "prefecture", "province="),
])
def test_errors_name_the_parameter(tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, query: str,
                                   chart: str, needle: str) -> None:
    assert _run(tmp_path / out, query, chart) == 2
    assert needle in capsys.readouterr().err
    assert not (tmp_path / out).exists()


def test_png_still_renders(tmp_path: Path) -> None:
    import shutil

    from config import browser_path

    if not (browser_path() or shutil.which("chromium")):
        pytest.fail("server-side PNG export needs Debian's chromium (make test installs it)")
    out = tmp_path / "map.png"
    assert export_cli(str(out), "indicator=gdp&year=2012-2024", "map", 600, 400, 1.0) == 0
    assert out.read_bytes().startswith(PNG_MAGIC)
