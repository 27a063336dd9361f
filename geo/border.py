"""China's land border split by neighbour (ISO3) and by Chinese province; the maritime line.

The land border is the outline of the union of the (drill-down detail) provinces where a land
neighbour's polygon (cn-neighbors, World Bank boundaries) lies within :data:`NEIGHBOUR_MAX_DEG`;
the rest of the outline is coast (or lake shore) and is not part of it. The World Bank files
draw disputed areas as separate territories; :data:`DISPUTED_AS` maps the three that touch
China's outline to the country that administers them, so the 14 neighbours add up to the
whole land border. Lengths are geodesic (WGS 84 ellipsoid, pyproj), so they depend on the
detail of the outline: at the drill-down detail (~500 m) they come close to published totals.

Everything runs on GeoDataFrames: the neighbours are read with ``geopandas.read_file`` (pyogrio);
the outline's edges are matched to the nearest neighbour outline segment with
``geopandas.sjoin_nearest`` (``max_distance``, over the segments in China's surroundings only) and
to the neighbour polygon they lie inside with ``geopandas.sjoin``; each edge's province is found by
a merge on its end points (an outline edge is an edge of exactly one member of an exact coverage).
Line overlays (``overlay``/``clip``) would cut edges at new vertices off the 0.001° grid, so the
pieces are assembled from whole edges instead. The same :class:`Neighbours` index classifies any
coverage's outline, so the county build flags the land-border counties with it (:func:`land_edges`).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.measure import WGS84, _geod, length_km
from geo.source import MARITIME_RELPATH, NEIGHBOUR_RELPATH, neighbour_iso3s, read_vector

#: The 12 provinces of the western region (Western Development strategy).
WESTERN_ADCODES: frozenset[str] = frozenset({
    "150000", "450000", "500000", "510000", "520000", "530000",
    "540000", "610000", "620000", "630000", "640000", "650000",
})

#: World Bank disputed territories on China's outline -> administering neighbour.
DISPUTED_AS: Mapping[str, str] = {
    "IND-PAK-GB": "PAK",  # Gilgit-Baltistan: administered by Pakistan (China-Pakistan 1963 agreement)
    "IND-PAK-JK": "IND",  # Jammu and Kashmir incl. Ladakh: administered by India
    "IND-NPL": "IND",  # Kalapani (Lipulekh): administered by India
}
_DISPUTED_RELPATH = "administrative/world-countries/land/{code}.geojson"

#: An outline edge belongs to the land border when a neighbour lies within this many degrees
#: (≈ 10 km; the World Bank outlines are generalised and amap's are offset by a few hundred m).
NEIGHBOUR_MAX_DEG = 0.1

@dataclass(frozen=True, slots=True)
class BorderPiece:
    """One feature of ``border.geojson``."""

    kind: str  # "land" | "maritime"
    iso3: str  # neighbour for land pieces, "" for maritime
    adcode: str  # Chinese province for land pieces, "" for maritime
    geometry: BaseGeometry
    length_km: float


class Neighbours:
    """The land neighbours' polygons (disputed areas under their administering neighbour).

    Read once (``geopandas.read_file`` through pyogrio) and reused for every outline classified.
    """

    def __init__(self) -> None:
        frames = [read_vector(NEIGHBOUR_RELPATH.format(iso3=iso3)).assign(iso3=iso3)
                  for iso3 in neighbour_iso3s()]
        frames += [read_vector(_DISPUTED_RELPATH.format(code=code)).assign(iso3=iso3)
                   for code, iso3 in DISPUTED_AS.items()]
        polys = pd.concat([f[["iso3", "geometry"]] for f in frames], ignore_index=True)
        self.polygons = gpd.GeoDataFrame(polys, geometry="geometry", crs=WGS84)

    def classify(self, edges: np.ndarray) -> np.ndarray:
        """Return the ISO3 of the land neighbour of each outline edge, or "" (coast, lake shore).

        An edge is on the land border when its midpoint lies inside a neighbour's polygon (amap's
        outline runs inside some World Bank polygons, e.g. where the two draw a disputed boundary
        differently; a later polygon wins, so a disputed area counts for its administrator) or
        within :data:`NEIGHBOUR_MAX_DEG` of a neighbour's outline (the nearest one).
        """
        if not len(edges):
            return np.array([], dtype=object)
        mid = gpd.GeoDataFrame(
            geometry=gpd.points_from_xy((edges[:, 0] + edges[:, 2]) / 2, (edges[:, 1] + edges[:, 3]) / 2),
            crs=WGS84,
        )
        window = shapely.box(*mid.total_bounds).buffer(2 * NEIGHBOUR_MAX_DEG)
        outlines = _segments(self.polygons, window)
        with warnings.catch_warnings():  # the rule is in degrees on purpose (see NEIGHBOUR_MAX_DEG)
            warnings.filterwarnings("ignore", "Geometry is in a geographic CRS", UserWarning)
            near = gpd.sjoin_nearest(mid, outlines, max_distance=NEIGHBOUR_MAX_DEG, distance_col="dist")
        near = near[~near.index.duplicated(keep="first")]  # equidistant segments: the first one
        owner = np.full(len(mid), -1)
        owner[near.index.to_numpy()] = near["poly"].to_numpy()
        inside = gpd.sjoin(mid, self.polygons[["geometry"]], predicate="within")
        last = inside.groupby(level=0)["index_right"].max()  # the later polygon wins
        owner[last.index.to_numpy()] = last.to_numpy()
        iso = self.polygons["iso3"].to_numpy(dtype=object)
        return np.where(owner >= 0, iso[np.maximum(owner, 0)], "")


def land_edges(coverage: gpd.GeoSeries, neighbours: Neighbours | None = None) -> gpd.GeoDataFrame:
    """Return the land-border edges of a coverage's outline, each with its member and neighbour.

    Parameters
    ----------
    coverage : geopandas.GeoSeries
        A valid coverage (provinces, counties ...) in lon/lat; its index labels the members.
    neighbours : Neighbours, optional
        Read once and reuse when classifying several coverages.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per outline segment on the land border: ``member`` (the index label of the
        coverage member whose edge it is), ``iso3``, ``length_km`` (geodesic) and the segment.
    """
    nb = neighbours or Neighbours()
    labels = coverage.index.to_numpy()
    # a GeoSeries (geopandas keeps the class; the stubs type reset_index as pandas' Series)
    geoms = cast(gpd.GeoSeries, coverage.reset_index(drop=True))
    edges = _edges(geoms.union_all(method="coverage"))
    iso = nb.classify(edges)
    land = iso != ""
    edges = edges[land]
    member = _owner(geoms, edges)
    lengths = _geod().inv(edges[:, 0], edges[:, 1], edges[:, 2], edges[:, 3])[2] / 1000.0
    return gpd.GeoDataFrame(
        {"member": labels[member], "iso3": iso[land], "length_km": lengths},
        geometry=shapely.linestrings(edges.reshape(-1, 2, 2)), crs=WGS84,
    )


def land_border(provinces: gpd.GeoSeries | Mapping[str, BaseGeometry],
                neighbours: Neighbours | None = None) -> list[BorderPiece]:
    """Split China's land border by neighbour and by province.

    Parameters
    ----------
    provinces : GeoSeries indexed by adcode (or mapping of adcode -> Polygon/MultiPolygon)
        A province coverage (lon/lat); its union's outline is China's outline.
    neighbours : Neighbours, optional

    Returns
    -------
    list of BorderPiece
        One piece per (neighbour, province) pair that share a border, ``kind="land"``, sorted by
        ISO3 then adcode; geometry is a (Multi)LineString at the detail of ``provinces``.
    """
    if not isinstance(provinces, gpd.GeoSeries):
        provinces = gpd.GeoSeries(dict(provinces), crs=WGS84)
    edges = land_edges(provinces, neighbours)
    pieces = []
    for (iso3, adcode), group in edges.groupby(["iso3", "member"], sort=True):
        # one geometry: the segments of a group make one MultiLineString, merged into (Multi)LineStrings
        merged = cast(BaseGeometry, shapely.line_merge(shapely.multilinestrings(group.geometry.to_numpy())))
        pieces.append(BorderPiece("land", str(iso3), str(adcode), merged, length_km(merged)))
    return pieces


def maritime_line() -> BorderPiece:
    """Return the maritime line of ``amap/maritime/100000.geojson`` as one piece."""
    lines = read_vector(MARITIME_RELPATH).geometry
    geom = lines.iloc[0] if len(lines) == 1 else lines.union_all()
    return BorderPiece("maritime", "", "", geom, length_km(geom))


def summarize(pieces: list[BorderPiece]) -> dict[str, object]:
    """Return land-border totals: overall, by neighbour, by province, and the western share.

    The western share is the part of the land border on the side of the 12 western provinces
    (:data:`WESTERN_ADCODES`); seed 002 claims about 91 % of more than 18,000 km.
    """
    land = pd.DataFrame([(p.iso3, p.adcode, p.length_km) for p in pieces if p.kind == "land"],
                        columns=["iso3", "adcode", "km"])
    total = float(land["km"].sum())
    by_iso = land.groupby("iso3")["km"].sum()
    by_adcode = land.groupby("adcode")["km"].sum()
    west = float(by_adcode[by_adcode.index.isin(WESTERN_ADCODES)].sum())
    return {
        "land_total_km": round(total, 1),
        "land_by_neighbour_km": {k: round(float(v), 1) for k, v in by_iso.items()},
        "land_by_province_km": {k: round(float(v), 1) for k, v in by_adcode.items()},
        "western_land_km": round(west, 1),
        "western_share": round(west / total, 4) if total else None,
        "maritime_km": round(sum(p.length_km for p in pieces if p.kind == "maritime"), 1),
        "neighbour_max_deg": NEIGHBOUR_MAX_DEG,
        "disputed_as": dict(DISPUTED_AS),
    }


def _segments(polygons: gpd.GeoDataFrame, window: BaseGeometry) -> gpd.GeoDataFrame:
    """The polygons' outline segments inside ``window``, each with the row (``poly``) it outlines."""
    rows, owner = [], []
    for i, geom in enumerate(polygons.geometry):
        e = _edges(geom)
        x0, y0, x1, y1 = window.bounds
        e = e[(e[:, 0] >= x0) & (e[:, 0] <= x1) & (e[:, 1] >= y0) & (e[:, 1] <= y1)]
        rows.append(e)
        owner.append(np.full(len(e), i))
    seg = np.vstack(rows)
    return gpd.GeoDataFrame({"poly": np.concatenate(owner)},
                            geometry=shapely.linestrings(seg.reshape(-1, 2, 2)), crs=WGS84)


def _owner(geoms: gpd.GeoSeries, edges: np.ndarray) -> np.ndarray:
    """Position of the coverage member whose outline contains each edge.

    The union of an exact coverage keeps its members' vertices, so an outline edge is an edge
    of exactly one member: a merge on the edges' end points finds it; the rare edge that was
    merged or split falls back to the member nearest to its midpoint (``sjoin_nearest``).
    """
    cols = ["x1", "y1", "x2", "y2"]
    segments = gpd.GeoDataFrame(geometry=shapely.linestrings(edges.reshape(-1, 2, 2)), crs=WGS84)
    touching = gpd.sjoin(gpd.GeoDataFrame(geometry=geoms.to_numpy(), crs=WGS84), segments,
                         predicate="intersects").index.unique()  # members on the outline's edges
    member_edges = [pd.DataFrame(np.empty((0, 4)), columns=cols).assign(member=0)]
    for i in sorted(touching):
        geom = geoms.iloc[i]
        e = pd.DataFrame(_normalised(_edges(geom)), columns=cols)
        e["member"] = i
        member_edges.append(e)
    table = pd.concat(member_edges, ignore_index=True).drop_duplicates(cols, keep="last")
    wanted = pd.DataFrame(_normalised(edges), columns=cols)
    found = wanted.merge(table, on=cols, how="left")["member"].to_numpy()
    out = np.where(np.isnan(found), -1, np.nan_to_num(found, nan=-1)).astype(int)
    missing = np.flatnonzero(out < 0)
    if len(missing):
        ends = edges[missing]
        mid = gpd.GeoDataFrame(
            geometry=gpd.points_from_xy((ends[:, 0] + ends[:, 2]) / 2, (ends[:, 1] + ends[:, 3]) / 2),
            crs=WGS84,
        )
        with warnings.catch_warnings():  # nearest in degrees: only a tie-breaker at ~1e-9°
            warnings.filterwarnings("ignore", "Geometry is in a geographic CRS", UserWarning)
            near = gpd.sjoin_nearest(mid, gpd.GeoDataFrame(geometry=geoms.to_numpy(), crs=WGS84))
        near = near[~near.index.duplicated(keep="first")]
        out[missing[near.index.to_numpy()]] = near["index_right"].to_numpy()
    return out


def _normalised(edges: np.ndarray) -> np.ndarray:
    """Edges with their end points in a canonical order (a shared edge runs both ways)."""
    swap = (edges[:, 0] > edges[:, 2]) | ((edges[:, 0] == edges[:, 2]) & (edges[:, 1] > edges[:, 3]))
    out = edges.copy()
    out[swap] = edges[swap][:, [2, 3, 0, 1]]
    return out


def _edges(geom: BaseGeometry) -> np.ndarray:
    """Return every segment of every polygon ring of ``geom`` as rows ``x1, y1, x2, y2``."""
    parts = shapely.get_parts(geom)
    while any(p.geom_type not in ("Polygon", "LineString", "Point") for p in parts):
        parts = shapely.get_parts(parts)  # GeometryCollection of MultiPolygons
    rows = [np.empty((0, 4))]
    for ring in shapely.get_rings(parts[shapely.get_type_id(parts) == 3]):
        xy = shapely.get_coordinates(ring)
        rows.append(np.hstack([xy[:-1], xy[1:]]))
    return np.vstack(rows)
