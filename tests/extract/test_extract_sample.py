"""Precision and recall on the hand-labelled samples in tests/extract/labels/.

``sample.jsonl`` was labelled while the rules were written (an in-sample figure); ``heldout.jsonl`` was
labelled afterwards from passages the rules were not tuned on. Both must reach the 0.9 target.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from config import SOURCES_DIR
from data.extract import Mention, extract_file

LABEL_DIR = Path(__file__).parent / "labels"
SAMPLES = ("sample.jsonl", "heldout.jsonl")
TARGET = 0.9


def _flexible(text: str) -> re.Pattern[str]:
    """Exact text, but any whitespace run matches any whitespace run (PDF line breaks)."""
    return re.compile(r"\s+".join(re.escape(w) for w in text.split()))


def _passages(name: str) -> list[dict]:
    lines = (LABEL_DIR / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _locate(text: str, passage: dict) -> tuple[int, int, list[tuple[int, int, dict]]]:
    begin = text.find(passage["begin"])
    assert begin >= 0, f"{passage['doc']}: begin anchor {passage['begin']!r} not found"
    end = text.find(passage["end"], begin)
    assert end >= 0, f"{passage['doc']}: end anchor {passage['end']!r} not found after begin"
    end += len(passage["end"])
    gold: list[tuple[int, int, dict]] = []
    cursor = begin
    for label in passage["mentions"]:
        # the next occurrence at or after the previous label's start that overlaps no earlier label of
        # the same type (a strategy and its places share text; two mentions of one type never overlap)
        pattern = _flexible(label["text"])
        m = pattern.search(text, cursor, end)
        while m and any(t["type"] == label["type"] and s < m.end() and m.start() < e for s, e, t in gold):
            m = pattern.search(text, m.start() + 1, end)
        assert m, f"{passage['doc']}: label {label['text']!r} not found in passage after offset {cursor}"
        gold.append((m.start(), m.end(), label))
        cursor = m.start()
    return begin, end, gold


def _matches(pred: Mention, start: int, end: int, label: dict) -> bool:
    if (pred.start, pred.end, pred.type) != (start, end, label["type"]):
        return False
    if label["type"] == "claim":
        return pred.unit == label["unit"] and math.isclose(pred.value or 0.0, label["value"], rel_tol=1e-9)
    ids = label["id"] if isinstance(label["id"], list) else [label["id"]]
    return pred.id in ids


def _evaluate(name: str) -> dict:
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    periods = [0, 0]
    errors: list[str] = []
    cache: dict[str, tuple[str, list[Mention]]] = {}
    for passage in _passages(name):
        doc = passage["doc"]
        if doc not in cache:
            path = SOURCES_DIR / doc
            cache[doc] = (path.read_text(encoding="utf-8"), extract_file(path))
        text, mentions = cache[doc]
        begin, end, gold = _locate(text, passage)
        preds = [m for m in mentions if begin <= m.start and m.end <= end]
        unmatched = list(preds)
        for start, stop, label in gold:
            n_gold[label["type"]] += 1
            hit = next((p for p in unmatched if _matches(p, start, stop, label)), None)
            if hit is None:
                errors.append(f"missed {label['type']} {text[start:stop]!r} ({doc})")
                continue
            unmatched.remove(hit)
            tp[label["type"]] += 1
            if label["type"] == "claim":
                periods[0] += hit.period == label.get("period", "")
                periods[1] += 1
        for p in preds:
            n_pred[p.type] += 1
        errors.extend(f"spurious {p.type} {p.text!r} -> {p.id} ({doc})" for p in unmatched)
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "periods": periods, "errors": errors}


@pytest.fixture(scope="module", params=SAMPLES)
def scores(request: pytest.FixtureRequest) -> dict:
    return {"name": request.param, **_evaluate(request.param)}


def test_samples_are_big_enough() -> None:
    passages = [p for name in SAMPLES for p in _passages(name)]
    assert sum(len(p["mentions"]) for p in passages) >= 60
    assert len({p["doc"] for p in passages}) >= 4
    assert all(p["mentions"] for p in passages)


def test_precision_and_recall(scores: dict) -> None:
    tp, pred, gold = sum(scores["tp"].values()), sum(scores["pred"].values()), sum(scores["gold"].values())
    precision, recall = tp / pred, tp / gold
    lines = [f"{scores['name']}: precision {precision:.3f} ({tp}/{pred}), recall {recall:.3f} ({tp}/{gold})"]
    for t in sorted(set(scores["gold"]) | set(scores["pred"])):
        p = scores["tp"][t] / scores["pred"][t] if scores["pred"][t] else float("nan")
        r = scores["tp"][t] / scores["gold"][t] if scores["gold"][t] else float("nan")
        lines.append(f"  {t:15s} precision {p:.3f}  recall {r:.3f}  (gold {scores['gold'][t]})")
    print("\n".join(lines + scores["errors"]))
    assert precision >= TARGET, "\n".join(lines + scores["errors"])
    assert recall >= TARGET, "\n".join(lines + scores["errors"])


def test_claim_periods(scores: dict) -> None:
    right, total = scores["periods"]
    assert total >= 10
    assert right / total >= TARGET, f"{scores['name']}: period right for {right} of {total} matched claims"
