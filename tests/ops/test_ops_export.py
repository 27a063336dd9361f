"""Concurrent exports are bounded: one render at a time per worker, and a request that cannot get the
renderer within the queue timeout is told "busy" instead of piling up. (Sizes and argument errors:
``tests/dashboard/test_export_png.py``; sizes reaching the renderer from any request:
``test_ops_callback_inputs.py``.)"""

from __future__ import annotations

import threading
import time

import pytest

import server.render as export
from callbacks.export import export_payload
from layouts.ids import Charts
from server import cache
from views.words import t


@pytest.fixture
def renderer_held(monkeypatch: pytest.MonkeyPatch):
    """The renderer's lock held by another export; the queue timeout shortened to 0.3 s; no cache."""
    monkeypatch.setattr(export, "QUEUE_TIMEOUT_S", 0.3)
    monkeypatch.setattr(export, "_ensure_server", lambda: None)
    cache.set_cache(cache.NullCache())
    assert export._export_lock.acquire(timeout=60)
    try:
        yield
    finally:
        export._export_lock.release()
        cache.set_cache(None)


def test_a_busy_renderer_answers_busy_quickly(renderer_held: None) -> None:
    started = time.perf_counter()
    data, status = export_payload(Charts.EXPORT_PNG, "?indicator=area", "ranking")
    elapsed = time.perf_counter() - started
    assert status == t("export.busy", "en")
    assert data is not None and not isinstance(data, dict)  # no_update: nothing downloaded
    assert elapsed < 5


def test_a_flood_of_exports_is_turned_away_not_queued(renderer_held: None) -> None:
    results: list[str] = []

    def one() -> None:
        results.append(export_payload(Charts.EXPORT_PNG, "?lang=zh", "timeline")[1])

    threads = [threading.Thread(target=one) for _ in range(8)]
    started = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=30)
    assert results == [t("export.busy", "zh")] * 8
    assert time.perf_counter() - started < 10  # each waited at most the queue timeout, in parallel
