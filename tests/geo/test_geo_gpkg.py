"""The GeoPackage writer (``geo.gpkg``, sqlite3 + shapely): a file GDAL reads back with its layers, CRS,
feature counts, column types and valid geometries; the GeoPackage 1.3 header and required tables; and
errors that name the bad parameter."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from geo.gpkg import (
    APPLICATION_ID,
    USER_VERSION,
    Layer,
    geopackage_bytes,
    layer_from_geojson,
    write_geopackage,
)


def _layers() -> list[Layer]:
    polys = pd.DataFrame({
        "adcode": ["110000", "120000", "130000"],
        "value": [1.5, np.nan, 3.0],
        "count": np.array([1, 2, 3], dtype="int64"),
        "flag": [True, False, True],
        "empty_float": [np.nan] * 3,  # no data that year: still a number column
        "name_zh": ["北京", "天津", None],
        "value_source": ["NBS table 3-9", "NBS table 3-9", "NBS table 3-9"],
    })
    geoms = [box(116, 39, 117, 40), MultiPolygon([box(117, 38, 118, 39), box(118.5, 38, 119, 38.5)]),
             Polygon([(114, 36), (119, 36), (119, 42), (114, 42)])]
    places = pd.DataFrame({"id": ["a", "b", "c"], "note": ["port", "highway", "no published position"]})
    mixed = [Point(80.1, 40.2), LineString([(80, 40), (81, 41)]), None]
    return [Layer("provinces", polys, geoms, "test provinces"), Layer("infrastructure", places, mixed)]


@pytest.fixture
def gpkg(tmp_path: Path) -> Path:
    path = tmp_path / "test.gpkg"
    write_geopackage(path, _layers())
    return path


def test_gdal_reads_the_layers_counts_crs_and_types(gpkg: Path) -> None:
    layers = dict(pyogrio.list_layers(gpkg))
    assert layers == {"provinces": "MultiPolygon", "infrastructure": "Unknown"}  # promoted; mixed kinds
    info = pyogrio.read_info(gpkg, layer="provinces")
    assert info["features"] == 3 and info["crs"] == "EPSG:4326"
    fields = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert fields["value"] == "float64" and fields["empty_float"] == "float64"
    assert fields["count"] == "int64" and fields["flag"] == "bool" and fields["name_zh"] == "object"
    frame = gpd.read_file(gpkg, layer="provinces")
    assert frame.crs.to_epsg() == 4326 and frame.is_valid.all()
    assert frame["adcode"].tolist() == ["110000", "120000", "130000"]
    assert frame["name_zh"].tolist()[:2] == ["北京", "天津"] and pd.isna(frame["name_zh"].iloc[2])
    assert pd.isna(frame["value"].iloc[1]) and frame["flag"].tolist() == [True, False, True]
    assert frame.geometry.iloc[0].equals(MultiPolygon([box(116, 39, 117, 40)]))
    places = gpd.read_file(gpkg, layer="infrastructure")
    assert places.geom_type.tolist()[:2] == ["Point", "LineString"] and places.geometry.iloc[2] is None


def test_header_required_tables_and_geometry_blobs(gpkg: Path) -> None:
    conn = sqlite3.connect(gpkg)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x47504B47
        assert conn.execute("PRAGMA user_version").fetchone()[0] == USER_VERSION == 10300
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        srs = {r[0]: r[1] for r in conn.execute("SELECT srs_id, organization FROM gpkg_spatial_ref_sys")}
        assert srs == {-1: "NONE", 0: "NONE", 4326: "EPSG"}
        contents = conn.execute("SELECT table_name, data_type, min_x, min_y, max_x, max_y, srs_id, "
                                "description FROM gpkg_contents ORDER BY table_name").fetchall()
        assert contents[1] == ("provinces", "features", 114.0, 36.0, 119.0, 42.0, 4326, "test provinces")
        columns = conn.execute("SELECT table_name, column_name, geometry_type_name, srs_id, z, m "
                               "FROM gpkg_geometry_columns ORDER BY table_name").fetchall()
        assert columns == [("infrastructure", "geom", "GEOMETRY", 4326, 0, 0),
                           ("provinces", "geom", "MULTIPOLYGON", 4326, 0, 0)]
        fids = [r[0] for r in conn.execute("SELECT fid FROM provinces ORDER BY fid")]
        assert fids == [1, 2, 3]
        blob = conn.execute("SELECT geom FROM infrastructure WHERE fid = 2").fetchone()[0]
    finally:
        conn.close()
    magic, version, flags, srs_id, minx, maxx, miny, maxy = struct.unpack("<2sBBi4d", blob[:40])
    assert (magic, version, flags, srs_id) == (b"GP", 0, 0b11, 4326)
    assert (minx, maxx, miny, maxy) == (80.0, 81.0, 40.0, 41.0)
    assert shapely.from_wkb(blob[40:]).equals(LineString([(80, 40), (81, 41)]))


def test_bytes_equal_the_file_and_carry_no_temporary_names(gpkg: Path) -> None:
    data = geopackage_bytes(_layers())
    assert data[:16] == b"SQLite format 3\x00" and len(data) == gpkg.stat().st_size


def test_layer_from_geojson_keeps_the_rows_with_a_feature() -> None:
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "110000", "properties": {},
         "geometry": box(116, 39, 117, 40).__geo_interface__},
        {"type": "Feature", "properties": {"adcode": "120000"},
         "geometry": box(117, 38, 118, 39).__geo_interface__},
    ]}
    table = pd.DataFrame({"adcode": ["110000", "120000", "990000"], "value": [1, 2, 3]})
    layer = layer_from_geojson("provinces", collection, table)
    assert layer.table["adcode"].tolist() == ["110000", "120000"] and len(layer.geometries) == 2
    with pytest.raises(ValueError, match=r"^key="):
        layer_from_geojson("provinces", collection, table, key="code")
    assert len(layer_from_geojson("provinces", None, table).table) == 0


@pytest.mark.parametrize(("make", "word"), [
    (lambda: Layer("bad name", pd.DataFrame({"a": [1]}), [Point(0, 0)]), "^name="),
    (lambda: Layer("ok", pd.DataFrame({"a": [1, 2]}), [Point(0, 0)]), "^geometries:"),
    (lambda: Layer("ok", pd.DataFrame({"fid": [1]}), [Point(0, 0)]), "^table:"),
    (lambda: geopackage_bytes([Layer("a", pd.DataFrame({"x": [1]}), [Point(0, 0)])] * 2), "^layers:"),
])
def test_errors_name_the_parameter(make: object, word: str) -> None:
    with pytest.raises(ValueError, match=rf"{word}"):
        make()  # type: ignore[operator]
