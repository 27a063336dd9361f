"""``python app.py extract``: output formats, offsets, streaming, and clear errors for bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from config import ROOT, SOURCES_DIR
from data.extract import FIELDS, InputError, extract_file, iter_file
from data.extract.cli import main

SEEDS = sorted(SOURCES_DIR.glob("*.txt"))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "app.py", "extract", *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "missing": tmp_path / "nope.txt",
        "directory": tmp_path / "folder",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "image.png",
        "latin-1": tmp_path / "latin1.txt",
        "whitespace": tmp_path / "blank.txt",
    }
    files["directory"].mkdir()
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    files["latin-1"].write_bytes("Caf\xe9 in Jilin province.".encode("latin-1"))
    files["whitespace"].write_text("  \n\n\t\n", encoding="utf-8")
    return files


EXPECTED = {
    "missing": "no such file", "directory": "is a directory", "empty": "is empty",
    "binary": "binary", "latin-1": "not valid UTF-8", "whitespace": "only whitespace",
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_bad_input_gives_a_clear_message_and_nonzero_exit(bad_files: dict[str, Path], kind: str) -> None:
    result = _run(str(bad_files[kind]))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert str(bad_files[kind]) in result.stderr
    assert EXPECTED[kind] in result.stderr
    assert "expected" in result.stderr or kind == "missing"
    assert result.stdout == ""


def test_good_files_are_still_processed_next_to_a_bad_one(bad_files: dict[str, Path]) -> None:
    result = _run(str(bad_files["missing"]), str(SEEDS[0]))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] != []


def test_unknown_format_is_refused() -> None:
    result = _run(str(SEEDS[0]), "--format", "xml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "--format" in result.stderr


def test_jsonl_output() -> None:
    result = _run(str(SEEDS[2]))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(list(r) == list(FIELDS) for r in records)
    text = SEEDS[2].read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["text"] for r in records)
    assert {"province", "country", "macro_region", "claim"} <= {r["type"] for r in records}


def test_csv_output() -> None:
    result = _run(str(SEEDS[3]), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == list(FIELDS)
    claims = [r for r in rows if r["type"] == "claim"]
    assert claims and all(float(r["value"]) > 0 for r in claims)


def test_main_in_process_reports_bad_files_without_raising(bad_files: dict[str, Path]) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main([str(p) for p in bad_files.values()], out=out, err=err) == 1
    assert out.getvalue() == ""
    assert len(err.getvalue().splitlines()) == len(bad_files)


def test_extract_file_raises_input_error(bad_files: dict[str, Path]) -> None:
    for path in bad_files.values():
        with pytest.raises(InputError, match=str(path.name)):
            extract_file(path)


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_offsets_point_into_the_original_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    mentions = extract_file(path)
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.type in {"province", "prefecture", "place", "country", "macro_region", "strategy",
                          "infrastructure", "claim"}
        assert " ".join(m.text.split()) in m.sentence or m.type == "claim"


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_streaming_in_small_chunks_gives_the_same_mentions(path: Path) -> None:
    whole = [(m.start, m.end, m.type, m.id) for m in extract_file(path)]
    chunked = [(m.start, m.end, m.type, m.id) for m in iter_file(path, chunk_chars=2000)]
    assert chunked == whole


def test_crlf_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title line\r\n\r\nXi visited Harbin, Heilongjiang Province.\r\n")
    text = path.read_bytes().decode("utf-8")
    mentions = extract_file(path)
    assert [(m.text, m.id) for m in mentions] == [("Harbin", "230100"), ("Heilongjiang Province", "230000")]
    assert all(text[m.start : m.end] == m.text for m in mentions)
