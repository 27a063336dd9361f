"""mentions.csv over data/sources (built into a temporary build dir) and the policy-attention table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from config import SOURCES_DIR
from data.extract import corpus


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/sources and an empty build dir, so the real artifacts are never touched."""
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, folder)
    monkeypatch.setattr(corpus, "SOURCES_DIR", folder)
    monkeypatch.setenv("ATLAS_BUILD_DIR", str(tmp_path / "build"))
    return folder


def test_build_writes_every_source_with_its_registry_id(sources: Path) -> None:
    path = corpus.build_mentions()
    assert path == Path(corpus.build_dir()) / "mentions.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(df.columns) == list(corpus.COLUMNS)
    assert set(df["source_id"]) == {
        "border-governance-2024", "central-symposium-2024", "western-symposium-2024", "fyp14-ch32",
        "northeast-special-issue",
    }
    assert not list(path.parent.glob(".mentions.*"))  # the temporary file was renamed, not left behind


def test_if_needed_skips_and_rebuilds_on_change(sources: Path) -> None:
    path = corpus.build_mentions()
    stamp = path.stat().st_mtime_ns
    assert corpus.build_mentions(if_needed=True).stat().st_mtime_ns == stamp
    (sources / "004_acb8c0db12b585e5.txt").write_text("Harbin hosted the Snow Festival.\n", encoding="utf-8")
    corpus.build_mentions(if_needed=True)
    df = corpus.load_mentions()
    ne = df[df["source_id"] == "northeast-special-issue"]
    assert list(ne["text"]) == ["Harbin"]


def test_a_new_text_is_brought_in_with_its_file_stem_as_id(sources: Path) -> None:
    corpus.build_mentions()
    (sources / "my_notes.txt").write_text(
        "Dongxing in Guangxi and Hunchun in Jilin Province are border cities.\n", encoding="utf-8"
    )
    corpus.build_mentions(if_needed=True)
    df = corpus.load_mentions()
    mine = df[df["source_id"] == "my_notes"]
    assert list(mine["id"]) == ["450681", "450000", "222404", "220000"]
    attention = corpus.policy_attention()
    row = attention[(attention["source_id"] == "my_notes") & (attention["adcode"] == "220000")]
    assert int(row["mentions"].iloc[0]) == 2  # Hunchun rolls up to Jilin, plus Jilin Province itself


def test_a_bad_source_file_is_skipped_with_a_warning(
    sources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (sources / "broken.txt").write_bytes(b"\xff\xfe\x00\x01")
    corpus.build_mentions()
    assert "broken.txt" in capsys.readouterr().err
    assert "broken" not in set(corpus.load_mentions()["source_id"])


def test_load_mentions_types(sources: Path) -> None:
    df = corpus.load_mentions()  # builds when missing
    assert df["start"].dtype == "int64" and df["value"].dtype == "float64"
    claims = df[df["type"] == "claim"]
    assert claims["value"].notna().all() and df[df["type"] != "claim"]["value"].isna().all()
    assert (df["end"] > df["start"]).all()


def test_policy_attention_rolls_up_to_provinces(sources: Path) -> None:
    df = corpus.load_mentions()
    attention = corpus.policy_attention()
    assert list(attention.columns) == ["adcode", "source_id", "mentions"]
    assert attention["adcode"].str.fullmatch(r"\d{2}0000").all()
    assert len(attention) == 34 * attention["source_id"].nunique()
    counted = df[df["type"].isin(corpus.ATTENTION_TYPES) & (df["province"] != "")]
    assert attention["mentions"].sum() == len(counted)
    # Heilongjiang in the Northeast issue: its own name plus Harbin, Daqing, ... and Box 12 facilities
    hlj = attention[(attention["adcode"] == "230000") & (attention["source_id"] == "northeast-special-issue")]
    own = counted[(counted["source_id"] == "northeast-special-issue") & (counted["id"] == "230000")]
    assert int(hlj["mentions"].iloc[0]) > len(own)
    overall = corpus.policy_attention(by_source=False)
    assert set(overall["source_id"]) == {"all"} and overall["mentions"].sum() == len(counted)
