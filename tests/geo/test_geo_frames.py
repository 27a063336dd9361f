"""geo.geoframes (GeoDataFrames and sjoin placement) against geo.spatial; the request path stays lean."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest

from config import ROOT
from geo import geoframes, spatial


def test_frames_are_wgs84_and_complete(geo_artifacts: Path) -> None:
    prov = geoframes.provinces_frame()
    assert prov.crs.to_epsg() == 4326 and len(prov) == 34 and prov["adcode"].is_monotonic_increasing
    assert len(geoframes.prefectures_frame()) == 370
    assert len(geoframes.prefectures_frame("650000")) == 24
    assert len(geoframes.counties_frame()) == 2875
    border = geoframes.border_frame()
    assert set(border["kind"]) == {"land", "maritime"}


def test_locate_agrees_with_the_request_path(geo_artifacts: Path) -> None:
    pref = geoframes.prefectures_frame()
    labels = gpd.GeoSeries(gpd.points_from_xy(pref["lon"], pref["lat"]), crs=4326)
    got = geoframes.locate(labels, "prefecture")
    assert (got["adcode"] == pref["adcode"]).all()
    provinces = geoframes.locate(labels, "province")["adcode"]
    expected = [spatial.province_at(x, y) for x, y in zip(pref["lon"], pref["lat"], strict=True)]
    assert provinces.tolist() == expected


def test_locate_snaps_only_when_asked(geo_artifacts: Path) -> None:
    pts = gpd.GeoSeries(gpd.points_from_xy([120.45, 125.0], [36.0, 30.0]), crs=4326)  # off Qingdao; at sea
    strict = geoframes.locate(pts, "province")
    assert strict["placement"].tolist() == ["none", "none"]
    snapped = geoframes.locate(pts, "province", max_km=25)
    assert snapped["adcode"].tolist()[0] == "370000" and snapped["placement"].tolist() == ["nearest", "none"]
    assert 0 < snapped["distance_km"].iloc[0] <= 25


@pytest.mark.parametrize(("kwargs", "word"), [({"level": "city"}, "level"), ({"max_km": -1}, "max_km")])
def test_locate_names_bad_arguments(geo_artifacts: Path, kwargs: dict, word: str) -> None:
    pts = gpd.GeoSeries(gpd.points_from_xy([116.4], [39.9]), crs=4326)
    with pytest.raises(ValueError, match=f"^{word}="):
        geoframes.locate(pts, **kwargs)


def test_request_path_does_not_import_geopandas(geo_artifacts: Path) -> None:
    code = (
        "import sys, json; import geo.artifacts, geo.spatial, geo.names; "
        "geo.spatial.province_at(87.62, 43.83); geo.artifacts.county_table('650000'); "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('geopandas', 'pyogrio', 'pyarrow'))))"
    )
    env = {"ATLAS_BUILD_DIR": str(geo_artifacts), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout) == []
