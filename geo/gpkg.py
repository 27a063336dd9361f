"""A small GeoPackage (OGC 12-128r18, version 1.3) writer on the standard library's ``sqlite3``.

Both GeoPackage exports write through it: ``python app.py export --out FILE.gpkg`` (five layers from
:mod:`data.frames`) and the dashboard's "Download GeoPackage" (the view's provinces, and the open
province's prefectures, from the lean GeoJSON artifacts). One writer gives both the same file layout.
It exists because the other writers cost the gunicorn workers memory they do not have: geopandas and
pyogrio (GDAL) add about 44 MB each worker, while ``sqlite3`` and shapely are already loaded there.

What is written: the required tables ``gpkg_spatial_ref_sys`` (with the undefined ``-1``/``0`` systems
and EPSG:4326), ``gpkg_contents`` (with each layer's bounding box) and ``gpkg_geometry_columns``, and one
feature table per layer (``fid INTEGER PRIMARY KEY AUTOINCREMENT``, ``geom`` as GeoPackageBinary, then
the attribute columns). No spatial index: it is optional, and a reader builds one if it wants it.
"""

from __future__ import annotations

import math
import sqlite3
import struct
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiLineString, MultiPoint, MultiPolygon, shape
from shapely.geometry.base import BaseGeometry

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10300  # GeoPackage 1.3.0
SRS_ID = 4326
WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],'
    'AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)
# The two undefined systems every GeoPackage must list (requirement 11), then WGS 84.
SPATIAL_REF_SYS: tuple[tuple[str, int, str, int, str, str], ...] = (
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined",
     "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
     "undefined geographic coordinate reference system"),
    ("WGS 84 geodetic", SRS_ID, "EPSG", SRS_ID, WGS84_WKT,
     "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
)
_SCHEMA = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
"""
# A layer of single and multi parts of one kind is written as the multi kind (as GDAL does).
_MULTI: dict[frozenset[str], tuple[str, Callable[[list[Any]], BaseGeometry]]] = {
    frozenset({"Polygon", "MultiPolygon"}): ("MULTIPOLYGON", MultiPolygon),
    frozenset({"LineString", "MultiLineString"}): ("MULTILINESTRING", MultiLineString),
    frozenset({"Point", "MultiPoint"}): ("MULTIPOINT", MultiPoint),
}
RESERVED = ("fid", "geom")


@dataclass(frozen=True)
class Layer:
    """One feature table: ``table`` holds the attribute columns, ``geometries`` one geometry (lon/lat,
    EPSG:4326) or None per row, in the same order."""

    name: str
    table: pd.DataFrame
    geometries: Sequence[BaseGeometry | None]
    description: str = ""
    columns: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        if not self.name or not self.name.replace("_", "").isalnum():
            raise ValueError(f"name={self.name!r}: a layer name is letters, digits and underscores")
        if len(self.geometries) != len(self.table):
            raise ValueError(f"geometries: {len(self.geometries)} for {len(self.table)} rows of layer "
                             f"{self.name!r}")
        columns = tuple(str(c) for c in self.table.columns)
        clash = [c for c in columns if c.lower() in RESERVED] + [
            c for c in columns if sum(o.lower() == c.lower() for o in columns) > 1]
        if clash:
            raise ValueError(f"table: layer {self.name!r} has reserved or repeated columns "
                             f"{sorted(set(clash))}")
        object.__setattr__(self, "columns", columns)


def layer_from_geojson(name: str, collection: Mapping[str, Any] | None, table: pd.DataFrame, *,
                       key: str = "adcode", description: str = "") -> Layer:
    """The rows of ``table`` that have a feature in the GeoJSON ``collection``, matched on ``key``.

    A feature's key is its ``id``, else its ``properties[key]``. Rows without a feature are left out
    (as the GeoJSON export leaves them out), so every row of the layer has a geometry.

    Raises
    ------
    ValueError
        If ``key`` is not a column of ``table``.
    """
    if key not in table.columns:
        raise ValueError(f"key={key!r}: not a column of the table ({', '.join(map(str, table.columns))})")
    shapes: dict[str, BaseGeometry] = {}
    for feature in (collection or {}).get("features") or []:
        code = feature.get("id") or (feature.get("properties") or {}).get(key)
        if code is not None and feature.get("geometry"):
            shapes[str(code)] = shape(feature["geometry"])
    keep = table[table[key].astype(str).isin(shapes)].reset_index(drop=True)
    return Layer(name, keep, [shapes[str(k)] for k in keep[key]], description)


def geopackage_bytes(layers: Iterable[Layer]) -> bytes:
    """The GeoPackage holding ``layers`` (in that order), as the bytes of the file.

    Raises
    ------
    ValueError
        If two layers share a name.
    """
    layers = list(layers)
    # an in-memory database serialises straight to bytes (Python 3.11 + SQLite 3.23); a build of SQLite
    # without it gets a file in the system's temporary directory, never in the project
    if hasattr(sqlite3.Connection, "serialize"):
        conn = sqlite3.connect(":memory:")
        try:
            _write(conn, layers)
            conn.commit()
            return conn.serialize()
        finally:
            conn.close()
    with tempfile.TemporaryDirectory(prefix="atlas-gpkg-") as tmp:
        path = Path(tmp) / "export.gpkg"
        conn = sqlite3.connect(path)
        try:
            _write(conn, layers)
            conn.commit()
        finally:
            conn.close()
        return path.read_bytes()


def write_geopackage(path: Path, layers: Iterable[Layer]) -> None:
    """Write ``layers`` to the GeoPackage file ``path`` (replaced if it exists)."""
    path.write_bytes(geopackage_bytes(layers))


def _write(conn: sqlite3.Connection, layers: list[Layer]) -> None:
    names = [layer.name.lower() for layer in layers]
    if len(set(names)) != len(names):
        raise ValueError(f"layers: names must be unique, got {[layer.name for layer in layers]}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    conn.executescript(_SCHEMA)
    conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", SPATIAL_REF_SYS)
    for layer in layers:
        _write_layer(conn, layer)


def _write_layer(conn: sqlite3.Connection, layer: Layer) -> None:
    kind, geoms = _geometry_kind(layer.geometries)
    blobs = _gpkg_blobs(geoms)
    types, values = zip(*(_column(layer.table[c]) for c in layer.columns), strict=True) \
        if layer.columns else ((), ())
    table = _quote(layer.name)
    defs = "".join(f", {_quote(c)} {t}" for c, t in zip(layer.columns, types, strict=True))
    conn.execute(f"CREATE TABLE {table} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom {kind}{defs})")
    marks = ", ".join("?" * (1 + len(layer.columns)))
    names = ", ".join(["geom", *(_quote(c) for c in layer.columns)])
    conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", zip(blobs, *values, strict=True))
    present = [g for g in geoms if g is not None]
    box = shapely.total_bounds(np.array(present, dtype=object)) if present else [None] * 4
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x,"
        " max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)",
        (layer.name, layer.name, layer.description, *(_float(v) for v in box), SRS_ID),
    )
    conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
                 (layer.name, kind, SRS_ID))


def _geometry_kind(geometries: Sequence[BaseGeometry | None]) -> tuple[str, list[BaseGeometry | None]]:
    """The layer's geometry type name and its geometries (empty ones as None, singles promoted to multi
    where the layer mixes the two)."""
    geoms = [g if g is not None and not g.is_empty else None for g in geometries]
    found = {g.geom_type for g in geoms if g is not None}
    if len(found) == 1:
        return found.pop().upper(), geoms
    multi = _MULTI.get(frozenset(found))
    if multi is None:  # nothing, or several kinds (points and lines): the generic type
        return "GEOMETRY", geoms
    name, cls = multi
    return name, [cls([g]) if g is not None and not g.geom_type.startswith("Multi") else g for g in geoms]


def _gpkg_blobs(geoms: list[BaseGeometry | None]) -> list[bytes | None]:
    """GeoPackageBinary: 'GP', version 0, flags (little-endian, xy envelope), srs_id, envelope
    (min x, max x, min y, max y), then ISO WKB in little-endian order."""
    flags = 0b0000_0011  # bit 0: little-endian; bits 1-3 = 1: envelope [minx, maxx, miny, maxy]
    out: list[bytes | None] = []
    for geom in geoms:
        if geom is None:
            out.append(None)
            continue
        minx, miny, maxx, maxy = geom.bounds
        wkb = shapely.to_wkb(geom, byte_order=1, flavor="iso", output_dimension=2)
        out.append(b"GP" + struct.pack("<BBi4d", 0, flags, SRS_ID, minx, maxx, miny, maxy) + wkb)
    return out


def _column(series: pd.Series) -> tuple[str, list[object]]:
    """A column's GeoPackage type and its values as SQLite takes them (missing values as NULL)."""
    values = [None if _missing(v) else (v.item() if isinstance(v, np.generic) else v) for v in series]
    # a typed column keeps its type even when every value is missing (an indicator with no data that year)
    if pd.api.types.is_bool_dtype(series.dtype):
        return "BOOLEAN", [None if v is None else int(bool(v)) for v in values]
    if pd.api.types.is_integer_dtype(series.dtype):
        return "INTEGER", values
    if pd.api.types.is_float_dtype(series.dtype):
        return "REAL", values
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "BOOLEAN", [None if v is None else int(bool(v)) for v in values]
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "INTEGER", values
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "REAL", [None if v is None else float(v) for v in values]
    if present and all(isinstance(v, pd.Timestamp) for v in present):
        return "DATETIME", [None if v is None else str(v.isoformat()) for v in values]
    return "TEXT", [None if v is None else str(v) for v in values]


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
