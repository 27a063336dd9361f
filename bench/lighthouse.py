"""Lighthouse (npm package, pinned in ``bench/lighthouse/package.json``) against Debian's Chromium.

``bash bench/setup.sh`` installs it. Runs use ``--preset=desktop`` and the browser flags of
:mod:`bench.browser`, whose host-resolver rule pins every host name but 127.0.0.1/localhost.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench.browser import CHROMIUM, CHROMIUM_FLAGS

LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE_BIN = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")


def available() -> str | None:
    """``None`` when Lighthouse can run, else the reason it cannot."""
    if not LIGHTHOUSE_BIN.exists():
        return f"{LIGHTHOUSE_BIN} missing: run `bash bench/setup.sh` (npm ci in bench/lighthouse)"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} missing: apt-get install chromium"
    return None


def _chrome_flags() -> str:
    # Lighthouse splits --chrome-flags on spaces; the resolver rule must stay one quoted argument.
    flags = [f for f in CHROMIUM_FLAGS if not f.startswith("--host-resolver-rules")]
    return " ".join([*flags, '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"'])


def run(url: str, *, timeout_s: float = 180.0) -> dict[str, Any]:
    """Audit ``url`` once; return the three category scores (0-100) and a few headline audits.

    Raises ``RuntimeError`` naming the cause when Lighthouse fails or prints no report.
    """
    reason = available()
    if reason:
        raise RuntimeError(reason)
    with tempfile.TemporaryDirectory(prefix="atlas-lh-") as tmp:
        out = Path(tmp) / "report.json"
        argv = [
            str(LIGHTHOUSE_BIN), url, "--preset=desktop", "--quiet", "--output=json", f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={_chrome_flags()}",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": tmp}
        proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout_s, check=False)
        if not out.exists():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"lighthouse exited {proc.returncode} without a report: {' | '.join(tail)}")
        report = json.loads(out.read_text(encoding="utf-8"))
    return parse_report(report)


def parse_report(report: dict[str, Any]) -> dict[str, Any]:
    """Scores (0-100, ``None`` when Lighthouse could not score a category) and headline audits."""
    cats = report.get("categories", {})

    def score(key: str) -> float | None:
        s = cats.get(key, {}).get("score")
        return None if s is None else round(float(s) * 100, 1)

    audits = report.get("audits", {})

    def numeric(key: str) -> float | None:
        v = audits.get(key, {}).get("numericValue")
        return None if v is None else round(float(v), 1)

    failing = sorted(
        k for cat in CATEGORIES for ref in cats.get(cat, {}).get("auditRefs", [])
        if ref.get("weight", 0) > 0 and (k := ref["id"]) in audits
        and audits[k].get("score") is not None and audits[k]["score"] < 0.9
    )
    def breakdown(key: str, label: str, value: str) -> list[list[Any]]:
        items = (audits.get(key, {}).get("details") or {}).get("items") or []
        rows = [[str(i.get(label, "")), round(float(i.get(value) or 0), 1)] for i in items]
        return sorted(rows, key=lambda r: -r[1])[:6]

    return {
        "performance": score("performance"),
        "accessibility": score("accessibility"),
        "best_practices": score("best-practices"),
        "lcp_ms": numeric("largest-contentful-paint"),
        "tbt_ms": numeric("total-blocking-time"),
        "total_byte_weight": numeric("total-byte-weight"),
        "failing_audits": failing,
        # where the main thread's time went (ms): by kind of work, and script evaluation by URL
        "main_thread_ms": breakdown("mainthread-work-breakdown", "groupLabel", "duration"),
        "bootup_ms": breakdown("bootup-time", "url", "total"),
        "run_warnings": report.get("runWarnings", []),
    }
