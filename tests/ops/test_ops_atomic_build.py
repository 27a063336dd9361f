"""A build killed in the middle of writing a file leaves every artifact whole (the previous one or the new
one), never half-written.

The build runs in a subprocess whose ``os.fdopen`` files write half of the N-th write, flush it to disk and
SIGKILL the process: a power cut at the worst moment, made deterministic. Both builders write through
``os.fdopen`` on a temporary file in the target folder.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from config import DATA_DIR, ROOT
from server import artifacts

KILLER = """
import os, signal, sys

N = int(sys.argv[1])
count = [0]
_real_fdopen = os.fdopen


class HalfThenDie:
    def __init__(self, fh):
        self.fh = fh

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.fh.__exit__(*exc)

    def write(self, text):
        count[0] += 1
        if count[0] == N:
            self.fh.write(text[: max(1, len(text) // 2)])
            self.fh.flush()
            os.fsync(self.fh.fileno())
            os.kill(os.getpid(), signal.SIGKILL)
        return self.fh.write(text)

    def __getattr__(self, name):
        return getattr(self.fh, name)


os.fdopen = lambda fd, *a, **k: HalfThenDie(_real_fdopen(fd, *a, **k))
if sys.argv[2] == "geo":
    from geo.build import build
    build(if_needed=False, progress=False)
else:
    from data.extract.corpus import build_mentions
    build_mentions(if_needed=False)
print("finished without being killed")
"""


def _seeded(tmp_path: Path) -> Path:
    folder = tmp_path / "build"
    folder.mkdir()
    real = DATA_DIR / "build"
    for artifact in artifacts.ARTIFACTS:
        src = real / artifact.name
        if not src.exists():
            pytest.fail(f"{src} is missing: run `python app.py build` (or `make build`) first")
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, folder / artifact.name)
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".")}


def _kill_during_write(folder: Path, step: str, n: int) -> subprocess.CompletedProcess:
    env = {**__import__("os").environ, "ATLAS_BUILD_DIR": str(folder), "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-c", KILLER, str(n), step], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if p.is_file()]


@pytest.mark.parametrize("n", [1, 40, 500])  # the header, early and late rows
def test_mentions_build_killed_mid_write_keeps_the_previous_file(tmp_path: Path, n: int) -> None:
    folder = _seeded(tmp_path)
    before = _snapshot(folder)
    out = _kill_during_write(folder, "mentions", n)
    assert out.returncode == -signal.SIGKILL, (out.returncode, out.stdout, out.stderr[-2000:])
    assert _temp_files(folder), "the kill should have left a half-written temporary file"
    assert _snapshot(folder) == before  # every artifact byte-identical to before
    assert artifacts.check_artifacts(folder) == {}


@pytest.mark.slow
def test_geometry_build_killed_mid_write_leaves_only_whole_files(tmp_path: Path) -> None:
    folder = _seeded(tmp_path)
    before = _snapshot(folder)
    out = _kill_during_write(folder, "geo", 4)  # the 4th file: after some artifacts were replaced
    assert out.returncode == -signal.SIGKILL, (out.returncode, out.stdout, out.stderr[-2000:])
    half = _temp_files(folder)
    assert len(half) == 1, half
    after = _snapshot(folder)
    assert set(after) == set(before)
    assert artifacts.check_artifacts(folder) == {}  # each file whole: the old one or the new one
    # the file being written when the process died is still the previous version
    target = half[0].name[1:].split(".geojson.")[0] + ".geojson"
    rel = half[0].parent.relative_to(folder) / target
    assert after[rel.as_posix()] == before[rel.as_posix()]
    # the build's marker (geo_meta.json) is written last, so this build is not "up to date"
    assert after["geo_meta.json"] == before["geo_meta.json"]
