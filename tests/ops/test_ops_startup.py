"""Start-up checks (``server.startup``, ``server.artifacts``): an invalid catalog refuses to start with file,
row and column; missing or corrupt build artifacts are rebuilt (into a tmp ATLAS_BUILD_DIR) or reported; a
bad cache setting is refused."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from config import CATALOG_DIR, ROOT, SOURCES_DIR
from server import artifacts, startup


@pytest.fixture(autouse=True)
def _forget_last_report() -> Iterator[None]:
    startup.reset()
    yield
    startup.reset()


def _broken_catalog(tmp_path: Path) -> Path:
    """A copy of the catalog with two bad cells in strategies.csv: row 3's source_id, row 4's kind."""
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, folder)
    path = folder / "strategies.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    rows[2][header.index("source_id")] = "no-such-source"  # spreadsheet row 3
    rows[3][header.index("kind")] = ""  # row 4
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return folder


def test_valid_catalog_and_reference_have_no_problems() -> None:
    assert startup.check_catalog() == []
    assert startup.check_reference() == []


def test_invalid_catalog_names_file_row_and_column(tmp_path: Path) -> None:
    problems = startup.check_catalog(_broken_catalog(tmp_path), SOURCES_DIR)
    text = "\n".join(problems)
    assert "strategies.csv, row 3, column 'source_id'" in text, text
    assert "strategies.csv, row 4, column 'kind'" in text, text


def test_missing_catalog_file_is_named(tmp_path: Path) -> None:
    folder = _broken_catalog(tmp_path)
    (folder / "events.csv").unlink()
    problems = startup.check_catalog(folder, SOURCES_DIR)
    assert any("events.csv" in p and "missing" in p for p in problems), problems


def test_serve_refuses_to_start_with_an_invalid_catalog(tmp_path: Path, ops) -> None:
    """The real entry point (``app.main(["serve", ...])``) with the catalog folder pointed at a broken copy:
    exit code 2, every problem on stderr, nothing listening."""
    folder = _broken_catalog(tmp_path)
    port = ops.free_port()
    script = (
        "import sys, pathlib, config as paths\n"
        f"paths.CATALOG_DIR = pathlib.Path({str(folder)!r})  # before anything imports it\n"
        "import app\n"
        f"sys.exit(app.main(['serve', '--port', '{port}', '--workers', '1']))\n"
    )
    try:
        out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                             timeout=120, env=ops.serve_env())
    finally:
        ops.release_port(port)
    assert out.returncode == 2, out.stderr[-2000:]
    assert "refusing to start" in out.stderr
    assert "strategies.csv, row 3, column 'source_id'" in out.stderr
    assert "strategies.csv, row 4, column 'kind'" in out.stderr
    assert "Traceback" not in out.stderr
    assert "Listening at" not in out.stderr + out.stdout


def test_bad_cache_setting_refuses_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_CACHE", "memcached://127.0.0.1:11211")
    problems, _ = startup.check_config()
    assert problems and "ATLAS_CACHE" in problems[0]


def test_unreachable_redis_only_warns(monkeypatch: pytest.MonkeyPatch, ops) -> None:
    port = ops.free_port()  # nothing listens there
    try:
        monkeypatch.setenv("ATLAS_CACHE", f"redis://127.0.0.1:{port}/0")
        problems, warnings = startup.check_config()
    finally:
        ops.release_port(port)
    assert problems == [] and warnings and "does not answer" in warnings[0]


# --- artifacts -------------------------------------------------------------------------------------

def _artifact_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tmp ATLAS_BUILD_DIR holding copies of the real artifacts (``make test`` builds them first)."""
    from config import DATA_DIR

    real = DATA_DIR / "build"
    folder = tmp_path / "build"
    folder.mkdir()
    for artifact in artifacts.ARTIFACTS:
        src = real / artifact.name
        if not src.exists():
            pytest.fail(f"{src} is missing: run `python app.py build` (or `make build`) first")
        if src.is_dir():
            shutil.copytree(src, folder / artifact.name)
        else:
            shutil.copy2(src, folder / artifact.name)
    for meta in real.glob("*.json"):
        shutil.copy2(meta, folder / meta.name)
    monkeypatch.setenv("ATLAS_BUILD_DIR", str(folder))
    return folder


def test_real_artifacts_pass_the_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _artifact_copy(tmp_path, monkeypatch)
    assert artifacts.check_artifacts(folder) == {}


@pytest.mark.parametrize(
    ("name", "damage", "expect"),
    [
        ("provinces.geojson", lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "JSON"),
        ("provinces.geojson", lambda p: p.write_text('{"type": "FeatureCollection", "features": []}'),
         "0 features"),
        ("prefectures.geojson", lambda p: p.write_text("[]"), "FeatureCollection"),
        ("border.geojson", lambda p: p.write_bytes(b"\x00\xff garbage"), "JSON"),
        ("prefectures", lambda p: (p / "650000.geojson").write_text('{"type": "Feat'), "650000.geojson: not"),
        ("prefectures", lambda p: (p / "540000.geojson").unlink(), "540000.geojson: missing"),
        ("prefectures", lambda p: shutil.rmtree(p), "missing"),
        ("geo_meta.json", lambda p: p.write_text("[]"), "fingerprint"),
        ("mentions.csv", lambda p: p.write_bytes(p.read_bytes()[:-7]), "cells"),
        ("mentions.csv", lambda p: p.write_text(""), "empty"),
        ("mentions.csv", lambda p: p.write_text("a,b\n1,2\n"), "header"),
        ("mentions.csv", lambda p: p.unlink(), "missing"),
    ],
)
def test_damaged_artifacts_are_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                        damage, expect: str) -> None:
    folder = _artifact_copy(tmp_path, monkeypatch)
    damage(folder / name)
    bad = artifacts.check_artifacts(folder)
    assert list(bad) == [name] and expect in bad[name], bad


def test_a_passing_check_is_stamped_and_a_changed_file_is_checked_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _artifact_copy(tmp_path, monkeypatch)
    (folder / artifacts.STAMP).unlink(missing_ok=True)
    assert artifacts.check_artifacts(folder) == {}
    assert (folder / artifacts.STAMP).is_file()
    path = folder / "border.geojson"
    text = path.read_bytes()
    assert b'"FeatureCollection"' in text
    path.write_bytes(text.replace(b'"FeatureCollection"', b'"FeatureCollectioN"', 1))  # same size, valid JSON
    bad = artifacts.check_artifacts(folder)
    assert list(bad) == ["border.geojson"] and "FeatureCollection" in bad["border.geojson"]


def test_a_stamped_build_is_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _artifact_copy(tmp_path, monkeypatch)
    assert artifacts.check_artifacts(folder) == {}

    def parse_fails(path: Path, **_: object) -> None:
        raise artifacts.ArtifactError(f"{path.name}: parsed")

    monkeypatch.setattr(artifacts, "_feature_collection", parse_fails)
    assert artifacts.check_artifacts(folder) == {}  # unchanged files: the stamp stands for the check
    assert "provinces.geojson" in artifacts.check_artifacts(folder, trust_stamp=False)


def test_corrupt_mentions_are_rebuilt_at_startup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _artifact_copy(tmp_path, monkeypatch)
    good = (folder / "mentions.csv").read_bytes()
    (folder / "mentions.csv").write_bytes(good[: len(good) // 3])  # half-written, meta still "up to date"
    report = startup.ensure_ready()
    assert report.ok and report.rebuilt == ["mentions"]
    assert (folder / "mentions.csv").read_bytes() == good
    assert artifacts.check_artifacts(folder) == {}


@pytest.mark.slow  # a full geometry build (~13 s)
def test_missing_artifacts_are_built_at_startup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _artifact_copy(tmp_path, monkeypatch)
    (folder / "provinces.geojson").unlink()
    (folder / "mentions.csv").unlink()
    report = startup.ensure_ready()
    assert report.ok and report.rebuilt == ["geo", "mentions"]
    assert artifacts.check_artifacts(folder) == {}
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]  # no temp files left


@pytest.mark.slow  # a full geometry build (~13 s)
def test_corrupt_geometry_is_rebuilt_even_when_it_looks_up_to_date(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _artifact_copy(tmp_path, monkeypatch)
    path = folder / "provinces.geojson"
    good = path.read_bytes()
    path.write_bytes(good[:1000])
    report = startup.ensure_ready()
    assert report.ok and report.rebuilt == ["geo"]
    assert artifacts.check_artifacts(folder) == {}
    assert len(path.read_bytes()) > 1000


def test_a_failing_rebuild_is_reported_with_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _artifact_copy(tmp_path, monkeypatch)
    (folder / "mentions.csv").write_text("")

    def broken(if_needed: bool = False) -> Path:
        raise OSError("disk full")

    import data.extract.corpus as corpus

    monkeypatch.setattr(corpus, "build_mentions", broken)
    with pytest.raises(startup.StartupError) as info:
        startup.ensure_ready()
    text = str(info.value)
    assert "rebuilding failed: OSError: disk full" in text
    assert f"{folder / 'mentions.csv'}: mentions.csv: empty file" in text
    document, status = startup.health()
    assert status == 503 and document["artifacts"] == "invalid" and document["catalog"] == "ok"


def test_health_reports_ok_and_then_a_vanished_artifact(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _artifact_copy(tmp_path, monkeypatch)
    startup.ensure_ready()
    document, status = startup.health()
    assert status == 200 and document == {"status": "ok", "catalog": "ok", "artifacts": "ok",
                                          "cache": document["cache"]}
    (folder / "border.geojson").unlink()
    document, status = startup.health()
    assert status == 503 and document["status"] == "error" and document["artifacts"] == "missing"
