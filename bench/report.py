"""The benchmark's results: flat metrics (``null`` + a reason when not measured), budgets, table, JSON."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.servers import ROOT

#: Every key the JSON always has (value or null), in table order; the naive counterpart where one exists.
ROWS: tuple[tuple[str, str | None, str], ...] = (
    ("geometry_bytes", "naive_geometry_bytes", "B"),
    ("geometry_ratio", None, "x"),
    ("first_paint_ms", "naive_first_paint_ms", "ms"),
    ("first_paint_ratio", None, "x"),
    ("initial_transfer_bytes", "naive_initial_transfer_bytes", "B"),
    ("filter_response_bytes", "naive_filter_response_bytes", "B"),
    ("callback_p50_ms", "naive_callback_p50_ms", "ms"),
    ("callback_p95_ms", "naive_callback_p95_ms", "ms"),
    ("callback_server_p95_ms", None, "ms"),
    ("callback_service_p95_ms", None, "ms"),
    ("drilldown_p50_ms", None, "ms"),
    ("drilldown_p95_ms", None, "ms"),
    ("drilldown_server_p95_ms", None, "ms"),
    ("drilldown_service_p95_ms", None, "ms"),
    ("drilldown_response_bytes", None, "B"),
    ("export_png_ms", None, "ms"),
    ("build_s", None, "s"),
    ("startup_s", "naive_startup_s", "s"),
    ("rss_mb", "naive_rss_mb", "MB"),
    ("lighthouse_performance", "naive_lighthouse_performance", ""),
    ("lighthouse_accessibility", "naive_lighthouse_accessibility", ""),
    ("lighthouse_best_practices", "naive_lighthouse_best_practices", ""),
)
REQUIRED: tuple[str, ...] = tuple(k for row in ROWS for k in row[:2] if k)

#: The issues' budgets, the strictest where two issues set one: metric -> (description, test). Issue 7 set
#: them first; issue 14 tightened first-visit transfer (1.0 MB) and Lighthouse performance (95), issue 15
#: start-up (2.5 s).
BUDGETS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "geometry_ratio": (">= 10", lambda v: v >= 10),
    "first_paint_ms": ("<= 1500", lambda v: v <= 1500),
    "first_paint_ratio": (">= 3", lambda v: v >= 3),
    "initial_transfer_bytes": ("<= 1.0 MB", lambda v: v <= 1_000_000),
    "filter_response_bytes": ("<= 20 KB", lambda v: v <= 20 * 1024),
    "callback_p95_ms": ("<= 50", lambda v: v <= 50),  # at the client: adds queueing and client overhead
    "callback_server_p95_ms": ("<= 50", lambda v: v <= 50),  # inside the worker, same 20-client rounds
    "export_png_ms": ("<= 1000", lambda v: v <= 1000),
    "build_s": ("<= 30", lambda v: v <= 30),
    "startup_s": ("<= 2.5", lambda v: v <= 2.5),
    "lighthouse_performance": (">= 95", lambda v: v >= 95),
    "lighthouse_accessibility": (">= 95", lambda v: v >= 95),
    "lighthouse_best_practices": (">= 95", lambda v: v >= 95),
}
_ATLAS_KEYS = tuple(row[0] for row in ROWS if not row[0].endswith("_ratio") and row[0] != "build_s")


@dataclass
class Report:
    """Collects metrics; ``reasons[key]`` says why ``metrics[key]`` is ``None``."""

    command: str
    settings: dict[str, Any]
    metrics: dict[str, Any] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    samples: dict[str, list[Any]] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lap_t = time.perf_counter()
        self.meta["phases_s"] = {}
        self.meta.update(command=self.command, settings=self.settings,
                         started=time.strftime("%Y-%m-%dT%H:%M:%S%z"), commit=_git_commit())

    def lap(self, phase: str) -> None:
        """Record the seconds since the previous lap under ``meta.phases_s[phase]``."""
        now = time.perf_counter()
        self.meta["phases_s"][phase] = round(now - self._lap_t, 1)
        self._lap_t = now

    def set(self, key: str, value: Any, *, samples: list[Any] | None = None) -> None:
        if isinstance(value, float):
            value = round(value, 3 if abs(value) < 100 else 1)
        self.metrics[key] = value
        self.reasons.pop(key, None)
        if samples is not None:
            self.samples[key] = samples

    def null(self, key: str, reason: str) -> None:
        if self.metrics.get(key) is None:
            self.metrics[key] = None
            self.reasons.setdefault(key, reason)

    def set_or_null(self, key: str, value: Any, reason: str, *, samples: list[Any] | None = None) -> None:
        if value is None:
            self.null(key, reason)
        else:
            self.set(key, value, samples=samples)

    def detail(self, key: str, value: Any) -> None:
        self.details[key] = value

    def note(self, text: str) -> None:
        self.notes.append(text)

    def fail_atlas(self, reason: str) -> None:
        """The atlas could not be served: every atlas metric not yet measured is null for ``reason``."""
        self.note(f"atlas: {reason}")
        for key in _ATLAS_KEYS:
            self.null(key, "atlas not running (see notes)")

    def finish(self, **meta: Any) -> None:
        """Derive the ratios and make sure every required key is present."""
        m = self.metrics
        for ratio, num, den in (("geometry_ratio", "naive_geometry_bytes", "geometry_bytes"),
                                ("first_paint_ratio", "naive_first_paint_ms", "first_paint_ms")):
            if m.get(num) and m.get(den):
                self.set(ratio, m[num] / m[den])
            else:
                missing = [k for k in (num, den) if not m.get(k)]
                self.null(ratio, f"needs {' and '.join(missing)}")
        for key in REQUIRED:
            self.null(key, "not measured: an earlier step failed (see notes)")
        self.meta.update(meta)

    def budget_status(self) -> dict[str, bool | None]:
        return {k: (None if self.metrics.get(k) is None else bool(test(self.metrics[k])))
                for k, (_, test) in BUDGETS.items()}

    def as_json(self) -> dict[str, Any]:
        return {**self.metrics, "reasons": self.reasons, "budgets": self.budget_status(),
                "samples": self.samples, "notes": self.notes, "meta": self.meta, "details": self.details}

    def table(self) -> str:
        """A plain-text table: metric, atlas, naive, budget, pass/fail."""
        status = self.budget_status()
        lines = [f"{'metric':<28}{'atlas':>14}{'naive':>14}  {'budget':<20}ok",
                 "-" * 80]
        for key, naive_key, unit in ROWS:
            budget = BUDGETS.get(key, ("", None))[0]
            ok = {True: "yes", False: "NO", None: "-" if not budget else "n/a"}[status.get(key)]
            naive = _fmt(self.metrics.get(naive_key), unit) if naive_key else ""
            lines.append(f"{key:<28}{_fmt(self.metrics.get(key), unit):>14}{naive:>14}  {budget:<20}{ok}")
        for key, reason in sorted(self.reasons.items()):
            lines.append(f"  null {key}: {reason}")
        for note in self.notes:
            lines.append(f"  note: {note}")
        return "\n".join(lines)


def _fmt(value: Any, unit: str) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value)
    if unit == "B":
        return f"{value / 1000:,.1f} kB" if value < 1e6 else f"{value / 1e6:,.2f} MB"
    if unit == "x":
        return f"{value:,.1f}x"
    if isinstance(value, float):
        return f"{value:,.1f} {unit}".strip()
    return f"{value:,} {unit}".strip()


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None
