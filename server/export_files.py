"""``python app.py export --out FILE``: the data formats beside the PNG, picked by the file's suffix.

- ``.csv``: the data behind the view or chart (:func:`views.export_tables.chart_table`), every row with
  its source, year and vintage;
- ``.geojson``: the view's provinces (:func:`views.export.view_geojson`);
- ``.gpkg``: a GeoPackage with one layer each for provinces (the view's columns joined, prefixed
  ``view_``), prefectures, counties, border and infrastructure, from :mod:`data.frames`. Only this
  command-line path imports geopandas (through :mod:`data.frames`); the request path never does;
- ``.parquet``: needs pyarrow, which the atlas does not install (it would switch pandas' strings to
  Arrow in the workers): refused with a message that says so.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from views.state import ViewState

#: Every suffix ``--out`` takes; PNG is rendered by :mod:`server.render`.
SUFFIXES: tuple[str, ...] = (".png", ".csv", ".geojson", ".gpkg", ".parquet")
GPKG_LAYERS: tuple[str, ...] = ("provinces", "prefectures", "counties", "border", "infrastructure")


class FormatUnavailable(RuntimeError):
    """The format needs a package that is not installed (the message names it and why)."""


def parquet_unavailable() -> str | None:
    """Why ``.parquet`` cannot be written here (None if it can)."""
    if importlib.util.find_spec("pyarrow") is None and importlib.util.find_spec("fastparquet") is None:
        return ("--out *.parquet needs pyarrow (or fastparquet), which the atlas does not install: pyarrow "
                "would switch pandas' strings to Arrow and cost each worker about 64 MB. Use .csv, "
                ".geojson or .gpkg instead")
    return None


def write_data(path: Path, state: ViewState, chart: str) -> str:
    """Write the view ``state`` (chart ``chart``) to ``path`` in the format its suffix names.

    Returns a one-line summary. Raises :class:`FormatUnavailable` for ``.parquet`` without pyarrow and
    ``ValueError`` for a suffix this function does not write (``.png``: see :mod:`server.render`).
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from views.export_tables import chart_table

        table = chart_table(state, chart)
        path.write_text(table.to_csv(index=False), encoding="utf-8")
        return f"{len(table)} rows, {len(table.columns)} columns"
    if suffix == ".geojson":
        import json

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
        from views.export_tables import chart_table

        table = chart_table(state, chart)
        table.to_parquet(path, index=False)
        return f"{len(table)} rows"
    raise ValueError(f"--out {str(path)!r}: expected a file name ending in {', '.join(SUFFIXES)}")


def _write_gpkg(path: Path, state: ViewState) -> str:
    from data import frames  # geopandas: the command line only
    from views.export import view_table
    from views.indicators import indicator_years, shown_year

    year = shown_year(state.indicator, state.year) if indicator_years(state.indicator) else None
    provinces = frames.provinces(year)
    view = view_table(state)
    keep = ["adcode", "indicator", "value", "unit", "year", "vintage", "value_source", "in_focus"]
    view = view[keep].rename(columns={c: f"view_{c}" for c in keep if c != "adcode"})
    view["view_in_focus"] = view["view_in_focus"].astype(bool)
    provinces = provinces.merge(view, on="adcode", how="left")
    layers = {"provinces": provinces, "prefectures": frames.prefectures(), "counties": frames.counties(),
              "border": frames.border(), "infrastructure": frames.infrastructure()}
    if path.exists():
        path.unlink()  # a GeoPackage is appended to, layer by layer: start from an empty file
    counts = []
    for name in GPKG_LAYERS:
        frame = layers[name]
        frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio")
        counts.append(f"{name} {len(frame)}")
    return "layers: " + ", ".join(counts)
