"""China's land border split by neighbour (ISO3) and by Chinese province; the maritime line.

The land border is the outline of the union of the (drill-down detail) provinces where a land
neighbour's polygon (cn-neighbors, World Bank boundaries) lies within :data:`NEIGHBOUR_MAX_DEG`;
the rest of the outline is coast (or lake shore) and is not part of it. The World Bank files
draw disputed areas as separate territories; :data:`DISPUTED_AS` maps the three that touch
China's outline to the country that administers them, so the 14 neighbours add up to the
whole land border. Lengths are geodesic (WGS 84 ellipsoid, pyproj), so they depend on the
detail of the outline: at the drill-down detail (~500 m) they come close to published totals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.measure import length_km
from geo.source import neighbour_iso3s, read_geometry, read_maritime, read_neighbour

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


def land_border(provinces: Mapping[str, BaseGeometry]) -> list[BorderPiece]:
    """Split China's land border by neighbour and by province.

    Parameters
    ----------
    provinces : mapping of adcode -> Polygon/MultiPolygon
        A province coverage (lon/lat); its union's outline is China's outline.

    Returns
    -------
    list of BorderPiece
        One piece per (neighbour, province) pair that share a border, ``kind="land"``, sorted by
        ISO3 then adcode; geometry is a (Multi)LineString at the detail of ``provinces``.
    """
    codes = list(provinces)
    geoms = np.array([provinces[c] for c in codes], dtype=object)
    edges = _edges(shapely.coverage_union_all(geoms))
    mx, my = (edges[:, 0] + edges[:, 2]) / 2, (edges[:, 1] + edges[:, 3]) / 2

    names, polys = _neighbours()
    window = shapely.box(mx.min(), my.min(), mx.max(), my.max()).buffer(2 * NEIGHBOUR_MAX_DEG)
    nb_idx, nb_dist = _nearest_outline(polys, mx, my, window=window)
    land = nb_dist <= NEIGHBOUR_MAX_DEG
    prov_idx = _owner(geoms, edges[land])
    iso = np.array(names, dtype=object)[nb_idx[land]]
    adc = np.array(codes, dtype=object)[prov_idx]
    land_edges = edges[land]

    pieces = []
    for key in sorted(set(zip(iso.tolist(), adc.tolist(), strict=True))):
        mask = (iso == key[0]) & (adc == key[1])
        lines = shapely.linestrings(land_edges[mask].reshape(-1, 2, 2))
        merged = shapely.line_merge(shapely.multilinestrings(lines))
        pieces.append(BorderPiece("land", key[0], key[1], merged, length_km(merged)))
    return pieces


def maritime_line() -> BorderPiece:
    """Return the maritime line of ``amap/maritime/100000.geojson`` as one piece."""
    geom = read_maritime()
    return BorderPiece("maritime", "", "", geom, length_km(geom))


def summarize(pieces: list[BorderPiece]) -> dict[str, object]:
    """Return land-border totals: overall, by neighbour, by province, and the western share.

    The western share is the part of the land border on the side of the 12 western provinces
    (:data:`WESTERN_ADCODES`); seed 002 claims about 91 % of more than 18,000 km.
    """
    land = [p for p in pieces if p.kind == "land"]
    total = sum(p.length_km for p in land)
    by_iso: dict[str, float] = {}
    by_adcode: dict[str, float] = {}
    for p in land:
        by_iso[p.iso3] = by_iso.get(p.iso3, 0.0) + p.length_km
        by_adcode[p.adcode] = by_adcode.get(p.adcode, 0.0) + p.length_km
    west = sum(v for k, v in by_adcode.items() if k in WESTERN_ADCODES)
    return {
        "land_total_km": round(total, 1),
        "land_by_neighbour_km": {k: round(v, 1) for k, v in sorted(by_iso.items())},
        "land_by_province_km": {k: round(v, 1) for k, v in sorted(by_adcode.items())},
        "western_land_km": round(west, 1),
        "western_share": round(west / total, 4) if total else None,
        "maritime_km": round(sum(p.length_km for p in pieces if p.kind == "maritime"), 1),
        "neighbour_max_deg": NEIGHBOUR_MAX_DEG,
        "disputed_as": dict(DISPUTED_AS),
    }


def _neighbours() -> tuple[list[str], np.ndarray]:
    names: list[str] = []
    polys: list[BaseGeometry] = []
    for iso3 in neighbour_iso3s():
        names.append(iso3)
        polys.append(read_neighbour(iso3))
    for code, iso3 in DISPUTED_AS.items():
        names.append(iso3)
        polys.append(read_geometry(f"administrative/world-countries/land/{code}.geojson", make_valid=False))
    return names, np.array(polys, dtype=object)


def _nearest_outline(
    geoms: np.ndarray, x: np.ndarray, y: np.ndarray, *, window: BaseGeometry
) -> tuple[np.ndarray, np.ndarray]:
    """Index of the geometry nearest to each point, and the distance in degrees.

    Works on the outlines' segments inside ``window`` (small, so the tree query is fast); a
    point inside a geometry is at distance 0 from it (amap's outline runs inside some World
    Bank polygons, e.g. where the two draw a disputed boundary differently).
    """
    segs, owner = [], []
    x0, y0, x1, y1 = window.bounds
    for i, geom in enumerate(geoms):
        e = _edges(geom)
        e = e[(e[:, 0] >= x0) & (e[:, 0] <= x1) & (e[:, 1] >= y0) & (e[:, 1] <= y1)]
        segs.append(e)
        owner.append(np.full(len(e), i))
    seg_arr, owner_arr = np.vstack(segs), np.concatenate(owner)
    tree = shapely.STRtree(shapely.linestrings(seg_arr.reshape(-1, 2, 2)))
    pts = shapely.points(x, y)
    idx, dist = tree.query_nearest(pts, return_distance=True, all_matches=False)
    out_idx = np.empty(len(pts), dtype=int)
    out_dist = np.empty(len(pts))
    out_idx[idx[0]] = owner_arr[idx[1]]
    out_dist[idx[0]] = dist
    for i, geom in enumerate(geoms):
        shapely.prepare(geom)
        hit = shapely.contains_xy(geom, x, y)
        out_idx[hit] = i
        out_dist[hit] = 0.0
    return out_idx, out_dist


def _owner(geoms: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Index of the polygon whose outline contains each edge.

    The union of an exact coverage keeps its members' vertices, so an outline edge is an edge
    of exactly one member: look it up by its end points; the rare edge that was merged or split
    falls back to the polygon nearest to its midpoint.
    """
    lookup: dict[tuple[float, ...], int] = {}
    for i, geom in enumerate(geoms):
        for row in _normalised(_edges(geom)).tolist():
            lookup[tuple(row)] = i
    out = np.array([lookup.get(tuple(row), -1) for row in _normalised(edges).tolist()], dtype=int)
    missing = np.flatnonzero(out < 0)
    if len(missing):
        e = edges[missing]
        mid = shapely.points((e[:, 0] + e[:, 2]) / 2, (e[:, 1] + e[:, 3]) / 2)
        out[missing] = shapely.STRtree(geoms).query_nearest(mid, all_matches=False)[1]
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
        parts = shapely.get_parts(parts)  # GeometryCollection of MultiPolygons (IND)
    rows = [np.empty((0, 4))]
    for ring in shapely.get_rings(parts[shapely.get_type_id(parts) == 3]):
        xy = shapely.get_coordinates(ring)
        rows.append(np.hstack([xy[:-1], xy[1:]]))
    return np.vstack(rows)
