"""Shared fixtures for the geometry tests: one build per session, raw reference areas."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import build_dir
from geo.build import build, is_up_to_date


@pytest.fixture(scope="session")
def geo_build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Artifacts to test: ``data/build`` when it is up to date, else a fresh build in a tmp dir."""
    default = build_dir()
    if is_up_to_date(default):
        return default
    out = tmp_path_factory.mktemp("geo_build")
    build(out, progress=False)
    return out


@pytest.fixture
def geo_artifacts(geo_build_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the loaders (``config.build_dir``) at the session's artifacts."""
    monkeypatch.setenv("ATLAS_BUILD_DIR", str(geo_build_dir))
    return geo_build_dir


@pytest.fixture(scope="session")
def raw_province_km2() -> dict[str, float]:
    """Unsimplified area of each province, from the raw province files (not the build's coverage)."""
    from geo.measure import area_km2
    from geo.names import province_units
    from geo.source import read_land

    return {u.adcode: float(area_km2(read_land(u.adcode))) for u in province_units()}

