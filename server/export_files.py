"""``python app.py export --out FILE``: the data formats beside the PNG, picked by the file's suffix.

- ``.csv``: the data behind the view or chart (:func:`views.export_tables.chart_table`), every row with
  its source, year and vintage;
- ``.geojson``: the view's provinces (:func:`views.export.view_geojson`);
- ``.gpkg``: a GeoPackage with one layer each for provinces (the view's columns joined, prefixed
  ``view_``), prefectures, counties, border and infrastructure, from :mod:`data.frames`, written by
  :mod:`geo.gpkg` (the same writer as the dashboard's "Download GeoPackage", so both files have the
  same layout);
- ``.parquet``: GeoParquet 1.1 of the view's provinces (the same table as the GeoPackage's
  ``provinces`` layer; geometry as WKB, the ``geo`` metadata in the file's key-value metadata), written
  with fastparquet: pyarrow is kept out, as it would switch pandas' strings to Arrow in the workers.

Only this command-line path imports geopandas (through :mod:`data.frames`) and fastparquet; the
request path never does.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from views.state import ViewState

if TYPE_CHECKING:
    import geopandas as gpd

#: Every suffix ``--out`` takes; PNG is rendered by :mod:`server.render`.
SUFFIXES: tuple[str, ...] = (".png", ".csv", ".geojson", ".gpkg", ".parquet")
GPKG_LAYERS: tuple[str, ...] = ("provinces", "prefectures", "counties", "border", "infrastructure")
GEOPARQUET_VERSION = "1.1.0"


class FormatUnavailable(RuntimeError):
    """The format needs a package that is not installed (the message names it and why)."""


def parquet_unavailable() -> str | None:
    """Why ``.parquet`` cannot be written here (None if it can: fastparquet is installed)."""
    if importlib.util.find_spec("fastparquet") is None:
        return ("--out *.parquet needs fastparquet (pinned in requirements.lock; `make` installs it). The "
                "atlas does not use pyarrow: it would switch pandas' strings to Arrow and cost each worker "
                "about 64 MB. Use .csv, .geojson or .gpkg instead")
    return None


def write_data(path: Path, state: ViewState, chart: str) -> str:
    """Write the view ``state`` (chart ``chart``) to ``path`` in the format its suffix names.

    Returns a one-line summary. Raises :class:`FormatUnavailable` for ``.parquet`` without fastparquet
    and ``ValueError`` for a suffix this function does not write (``.png``: see :mod:`server.render`).
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from views.export_tables import chart_table

        table = chart_table(state, chart)
        path.write_text(table.to_csv(index=False), encoding="utf-8")
        return f"{len(table)} rows, {len(table.columns)} columns"
    if suffix == ".geojson":
        from views.export import view_geojson

        text = view_geojson(state)
        path.write_text(text, encoding="utf-8")
        return f"{len(json.loads(text)['features'])} provinces"
    if suffix == ".gpkg":
        return _write_gpkg(path, state)
    if suffix == ".parquet":
        reason = parquet_unavailable()
        if reason:
            raise FormatUnavailable(reason)
        return _write_geoparquet(path, state)
    raise ValueError(f"--out {str(path)!r}: expected a file name ending in {', '.join(SUFFIXES)}")


def view_provinces(state: ViewState) -> gpd.GeoDataFrame:
    """The provinces of :func:`data.frames.provinces` for the view's year, with the view's columns
    (:func:`views.export.view_table`) joined, prefixed ``view_``, and the geometry last."""
    from data import frames  # geopandas: the command line only
    from views.export import view_table
    from views.indicators import indicator_years, shown_year

    year = shown_year(state.indicator, state.year) if indicator_years(state.indicator) else None
    provinces = frames.provinces(year)
    view = view_table(state)
    keep = ["adcode", "indicator", "value", "unit", "year", "vintage", "value_source", "in_focus"]
    view = view[keep].rename(columns={c: f"view_{c}" for c in keep if c != "adcode"})
    view["view_in_focus"] = view["view_in_focus"].astype(bool)
    merged = provinces.merge(view, on="adcode", how="left")
    columns = [c for c in merged.columns if c != merged.geometry.name] + [merged.geometry.name]
    return merged[columns]


def _write_gpkg(path: Path, state: ViewState) -> str:
    from data import frames
    from geo.gpkg import write_geopackage

    layers = {"provinces": view_provinces(state), "prefectures": frames.prefectures(),
              "counties": frames.counties(), "border": frames.border(),
              "infrastructure": frames.infrastructure()}
    write_geopackage(path, [_layer(name, layers[name]) for name in GPKG_LAYERS])
    return "layers: " + ", ".join(f"{name} {len(layers[name])}" for name in GPKG_LAYERS)


def _layer(name: str, frame: gpd.GeoDataFrame) -> Any:
    """A :class:`geo.gpkg.Layer` of ``frame`` (its attribute columns and its geometries)."""
    from geo.gpkg import Layer

    _check_wgs84(name, frame)
    geometry = frame.geometry.name
    return Layer(name, frame.drop(columns=geometry), list(frame[geometry]),
                 description=f"China Regional Development Atlas: {name} (data.frames)")


def _check_wgs84(name: str, frame: gpd.GeoDataFrame) -> None:
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise ValueError(f"layer {name!r}: expected EPSG:4326 coordinates, got crs={frame.crs}")


def _write_geoparquet(path: Path, state: ViewState) -> str:
    """The view's provinces as GeoParquet 1.1 (WKB geometry column ``geometry``, ``geo`` metadata)."""
    import warnings

    import shapely

    with warnings.catch_warnings():  # fastparquet reads the `future.infer_string` option pandas 3 deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        import fastparquet  # the command line only: the workers never load it

    frame = view_provinces(state)
    _check_wgs84("provinces", frame)
    geometry = frame.geometry.name
    geoms = list(frame[geometry])
    table = frame.drop(columns=geometry)
    table["geometry"] = [None if g is None or g.is_empty else
                         shapely.to_wkb(g, byte_order=1, flavor="iso", output_dimension=2) for g in geoms]
    meta = geo_metadata(geoms, frame.crs.to_json_dict() if frame.crs is not None else None)
    tmp = path.with_name(path.name + ".tmp")  # fastparquet writes in pieces: never leave half a file
    try:
        fastparquet.write(str(tmp), table, object_encoding={"geometry": "bytes"}, write_index=False,
                          compression="ZSTD", custom_metadata={"geo": json.dumps(meta)})
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return f"{len(table)} provinces, {len(table.columns)} columns"


def geo_metadata(geoms: list[Any], crs: dict[str, Any] | None) -> dict[str, Any]:
    """The GeoParquet 1.1 ``geo`` file metadata of one WKB column ``geometry`` holding ``geoms``.

    ``crs`` is the PROJJSON of the coordinates' CRS (None leaves it out: readers then take OGC:CRS84,
    longitude/latitude on WGS 84).
    """
    import numpy as np
    import shapely

    present = [g for g in geoms if g is not None and not g.is_empty]
    column: dict[str, Any] = {
        "encoding": "WKB",
        "geometry_types": sorted({g.geom_type for g in present}),
    }
    if crs is not None:
        column["crs"] = crs
    if present:
        column["bbox"] = [float(v) for v in shapely.total_bounds(np.array(present, dtype=object))]
    return {"version": GEOPARQUET_VERSION, "primary_column": "geometry", "columns": {"geometry": column}}
