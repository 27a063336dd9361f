"""The year bar in headless Chromium: the slider (keyboard) writes year= and recolours the map, "change
since" shows a change on a diverging legend, play steps through the years, back/forward round-trip."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query, keep_blank_values=True)


def test_the_slider_writes_the_year_and_change_since_a_range(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open("?indicator=gdp")
    bar = page.locator("#year-bar")
    assert bar.is_visible()
    handle = page.locator("#year-slider [role=slider]")
    page.wait_for_function("() => document.querySelector('#year-slider [role=slider]')"
                           ".getAttribute('aria-label') === 'Year'")
    assert handle.get_attribute("aria-valuenow") == "2024"
    before = atlas_ui.svg_texts("#national-map .colorbar text")  # class ranges and "… · 2024 · …"
    handle.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('year=2023')")
    atlas_ui.wait_idle()
    after = atlas_ui.svg_texts("#national-map .colorbar text")
    assert after != before and any("2023" in t for t in after)
    # change since 2012: a diverging legend with signs, and year=2012-2023 in the URL
    page.locator("#year-since").click()
    page.get_by_role("option", name="2012", exact=True).click()
    page.wait_for_function("() => location.search.includes('year=2012-2023')")
    atlas_ui.wait_idle()
    texts = " ".join(atlas_ui.svg_texts("#national-map .colorbar text"))
    assert "CAGR 2012–2023" in texts and "%/yr" in texts and "+" in texts
    # back: the single year again, and the slider follows
    page.go_back()
    page.wait_for_function("() => !location.search.includes('2012')")
    atlas_ui.wait_idle()
    assert _query(page).get("year") == ["2023"]
    assert page.locator("#year-slider [role=slider]").get_attribute("aria-valuenow") == "2023"
    # an indicator without years hides the bar
    atlas_ui.open("?indicator=attention")
    assert page.locator("#year-bar").is_hidden()
    assert page.console_errors == []


def test_play_steps_through_the_years_and_stops_at_the_end(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open("?indicator=trade&year=2022")
    play = page.locator("#year-play")
    assert play.get_attribute("aria-label") == "Play through the years"
    assert play.get_attribute("aria-pressed") == "false"
    play.click()
    page.wait_for_function("() => document.querySelector('#year-play').getAttribute('aria-pressed') === "
                           "'true' && document.querySelector('#year-play').textContent.includes('Pause')",
                           timeout=1_300)
    page.wait_for_function("() => location.search.includes('year=2023')", timeout=10_000)
    # the last year is the default: the URL drops year=, and play stops
    page.wait_for_function("() => !location.search.includes('year=')", timeout=10_000)
    page.wait_for_function("() => document.querySelector('#year-play')"
                           ".getAttribute('aria-pressed') === 'false'", timeout=10_000)
    assert "Play" in play.inner_text()
    atlas_ui.wait_idle()
    assert page.console_errors == []
