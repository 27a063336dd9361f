"""Browser test of the charts over years (issue 14): picking provinces to compare writes the URL and draws
their chart; the drill-down draws the province's trends; both languages, no console errors."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _idle(page: Any) -> None:
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    page.wait_for_timeout(400)


def test_compare_picker_and_trends(atlas_page: Any) -> None:
    page = atlas_page
    page.goto("/?view=charts&indicator=gdp_per_capita")
    page.wait_for_selector("#chart-bump .main-svg", state="attached", timeout=60_000)
    _idle(page)
    assert page.is_visible("#chart-convergence") and page.is_visible("#chart-shares")
    assert not page.is_visible("#chart-compare")  # nothing compared yet
    page.click("#compare-pick")
    page.keyboard.type("Jilin")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.location.search.includes('compare=220000')", timeout=30_000)
    page.wait_for_selector("#chart-compare .main-svg", state="visible", timeout=60_000)
    _idle(page)
    assert "Jilin" in page.inner_text("#chart-compare")
    # the drill-down, in Chinese: the province's lines over the years
    page.goto("/?province=220000&lang=zh")
    page.wait_for_selector(".panel-trends .main-svg", state="attached", timeout=60_000)
    _idle(page)
    assert "历年变化" in page.inner_text(".panel-trends")
    assert page.console_errors == []
