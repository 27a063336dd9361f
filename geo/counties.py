"""The county level of the build: read the county coverage, find the land-border counties, render.

:func:`geo.build.build` calls these in turn: :func:`read_counties` (the index's 区县 rows with names
and parents from :mod:`geo.names`), :func:`county_border` (land-border length and neighbours of each
county, from :func:`geo.border.land_edges`) and :func:`render_counties` (the per-province
``counties/<adcode>.geojson`` files and ``county_meta.json``).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo import source
from geo._files import COUNTY_DIR
from geo._geojson import NDIGITS, feature_collection, label_points
from geo.border import Neighbours, land_edges
from geo.measure import WGS84
from geo.names import county_units
from geo.simplify import COUNTY

#: A county is a land-border county when at least this much of the land border (km, geodesic, at
#: county detail) runs along it; shorter contacts are corners where the border meets a county line.
BORDER_COUNTY_MIN_KM = 1.0
#: The usual official figure it is compared with (not forced: see county_meta.json).
OFFICIAL_BORDER_COUNTIES = "about 140 land-border counties (陆地边境县, 旗, 市, 市辖区)"

#: ``(id, properties, geometry)``, one GeoJSON feature.
Feature = tuple[str, dict[str, Any], BaseGeometry]


def read_counties() -> gpd.GeoDataFrame:
    """Read the county coverage (the index's 区县 rows) with names and parents from geo.names."""
    units = pd.DataFrame([asdict(u) for u in county_units()])
    rows = {r.adcode: r for r in source.read_index(("区县",))}
    frame = source.read_frame([rows[c] for c in units["adcode"]])
    return gpd.GeoDataFrame(units, geometry=frame.geometry.to_numpy(), crs=WGS84)


def county_border(counties: gpd.GeoDataFrame, neighbours: Neighbours) -> pd.DataFrame:
    """Land-border length (km) and neighbours (";"-joined ISO3) of each county, by adcode."""
    edges = land_edges(gpd.GeoSeries(counties["county"].to_numpy(), index=counties["adcode"], crs=WGS84),
                       neighbours)
    grouped = edges.groupby("member")
    return pd.DataFrame({
        "border_km": grouped["length_km"].sum(),
        "neighbours": grouped["iso3"].agg(lambda s: ";".join(sorted(set(s)))),
    })


def render_counties(
    counties: gpd.GeoDataFrame, units: gpd.GeoDataFrame
) -> tuple[dict[str, Any], dict[str, str]]:
    """The per-province county files and the county summary (with an sjoin check of the parents)."""
    geoms = gpd.GeoSeries(counties["county"].to_numpy(), crs=WGS84)
    lon, lat = label_points(geoms, geoms)
    # place each county's label point in a prefecture of the drill-down coverage (sjoin): the
    # index's parent and the geometry's must agree
    points = gpd.GeoDataFrame({"adcode": counties["adcode"].to_numpy()},
                              geometry=gpd.points_from_xy(lon, lat), crs=WGS84)
    drill = gpd.GeoDataFrame({"prefecture": units["adcode"].to_numpy()},
                             geometry=units["drill"].to_numpy(), crs=WGS84)
    placed = gpd.sjoin(points, drill, predicate="within").drop_duplicates("adcode").set_index("adcode")
    found = counties["adcode"].map(placed["prefecture"])
    misplaced = sorted(counties.loc[found != counties["parent_adcode"], "adcode"])

    texts: dict[str, str] = {}
    feats: dict[str, list[Feature]] = {}
    columns = ("adcode", "parent_adcode", "province_adcode", "name_zh", "name_en", "raw_km2", "border",
               "border_km", "neighbours", "county")
    for i, row in enumerate(zip(*(counties[c].tolist() for c in columns), strict=True)):
        (code, parent, province, name_zh, name_en, raw_km2, border, border_km, neighbours,
         geom) = row
        props = {"adcode": code, "parent_adcode": parent,
                 "province_adcode": province, "name_zh": name_zh, "name_en": name_en,
                 "lon": float(lon[i]), "lat": float(lat[i]), "area_km2": round(float(raw_km2), 1),
                 "border": bool(border), "border_km": round(float(border_km), 1),
                 "neighbours": neighbours}
        feats.setdefault(province, []).append((code, props, geom))
    for code in sorted(feats):
        texts[f"{COUNTY_DIR}/{code}.geojson"] = feature_collection(feats[code], NDIGITS)

    on_border = counties.loc[counties["border"]]
    by_iso: dict[str, int] = {}
    for value in on_border["neighbours"].tolist():
        for iso3 in str(value).split(";"):
            by_iso[iso3] = by_iso.get(iso3, 0) + 1
    meta = {
        "counts": {
            "counties": len(counties),
            "by_province": {str(k): int(v) for k, v in counties.groupby("province_adcode").size().items()},
        },
        "border_counties": {
            "total": len(on_border),
            "by_province": {str(k): int(v) for k, v in on_border.groupby("province_adcode").size().items()},
            "by_neighbour": dict(sorted(by_iso.items())),
            "adcodes": sorted(on_border["adcode"]),
            "touching_below_min_km": sorted(
                counties.loc[(counties["border_km"] > 0) & ~counties["border"], "adcode"]),
        },
        "official_border_counties": OFFICIAL_BORDER_COUNTIES,
        "rule": {
            "border": f"at least {BORDER_COUNTY_MIN_KM} km of the land border (geodesic, at county detail) "
                      "runs along the county's outline",
            "border_min_km": BORDER_COUNTY_MIN_KM,
            "name_en": "geo._names_data.COUNTY_EN where an English name is established, else pinyin of the "
                       "name without its type suffix and ethnic groups",
        },
        "detail_level": asdict(COUNTY),
        "parent_check": {"method": "sjoin of each county's label point with the drill-down prefectures",
                         "misplaced": misplaced},
    }
    return meta, texts
