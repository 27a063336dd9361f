"""Issue 13, the remaining first-use items, in headless Chromium: what a person sees on a phone after a
tap, the export bar's words, the map's caption and legend with strategies chosen, the keyboard path
into and out of a profile, the profile's grouped quotes, and the phone layout (screenshots are saved
under /tmp/first_use_more/ for a person to look at)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/first_use_more")
XINJIANG = "650000"

_TITLE_BOX = "() => { const r = document.getElementById('panel-title').getBoundingClientRect(); " \
             "return [r.top, r.bottom, window.innerHeight]; }"


def _phone(atlas_ui, query: str = "") -> None:
    atlas_ui.page.set_viewport_size(PHONE)
    atlas_ui.open(query)
    atlas_ui.page.wait_for_timeout(500)


def _tap_province(atlas_ui, adcode: str) -> None:
    x, y = atlas_ui.province_point(adcode)
    atlas_ui.page.mouse.move(x, y)
    atlas_ui.page.wait_for_timeout(150)
    atlas_ui.page.mouse.click(x, y)
    atlas_ui.page.wait_for_selector("#province-panel:not([hidden]) #panel-title")
    atlas_ui.wait_idle()
    atlas_ui.page.wait_for_timeout(600)


def test_a_tap_on_a_phone_shows_the_top_of_the_profile(atlas_ui) -> None:
    page = atlas_ui.page
    _phone(atlas_ui)
    _tap_province(atlas_ui, XINJIANG)
    top, bottom, height = page.evaluate(_TITLE_BOX)
    assert 0 <= top < height and bottom <= height, (top, bottom, height)
    # the title has the focus: one Shift+Tab is "Back to national view"
    assert page.evaluate("() => document.activeElement.id") == "panel-title"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.id") == "province-panel-back"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone_en_after_tap.png"))
    assert page.console_errors == []


def test_export_bar_says_export_and_the_caption_follows_the_profile(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open()
    bar = page.locator("#export-bar")
    assert "Export" in bar.inner_text()
    assert page.locator("#export-heading").inner_text() == "Download PNG of"
    assert "Chart" not in bar.inner_text()
    caption = page.locator("#map-caption")
    assert caption.inner_text() == "Click a province to open its profile."
    atlas_ui.click_province(XINJIANG)
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    assert "Click a province to open" not in caption.inner_text()
    assert "Xinjiang" in caption.inner_text()
    atlas_ui.open("?lang=zh&province=650000")
    assert "导出" in page.locator("#export-bar").inner_text()
    assert page.locator("#export-heading").inner_text() == "下载PNG图片："
    assert "点击省份查看详情" not in page.locator("#map-caption").inner_text()
    assert "新疆" in page.locator("#map-caption").inner_text()
    assert page.console_errors == []


def test_strategies_grey_out_the_others_and_the_caption_counts_them(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open("?strategy=western-development")
    caption = page.locator("#map-caption").inner_text()
    assert caption.startswith("12 of 34 provinces are covered by at least one chosen strategy")
    legend = atlas_ui.svg_texts("#national-map .colorbar text")
    assert any("In none of the chosen strategies" in t for t in legend), legend
    fills = atlas_ui.fills()
    opacity = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('#national-map g.geo:not(.geo2) .choroplethlocation')]
          .map(p => [p.__data__.loc, getComputedStyle(p).opacity]))""")
    # a non-member (Guangdong) is plain light grey at full opacity; a member keeps its colour
    assert fills["440000"].replace(" ", "").lower() in ("rgb(241,241,241)", "#f1f1f1"), fills["440000"]
    assert float(opacity["440000"]) == pytest.approx(1.0)
    assert fills[XINJIANG] != fills["440000"]
    # the all-grey "Selected strategies" colouring says why
    atlas_ui.open("?indicator=membership")
    assert "none is chosen yet" in page.locator("#map-caption").inner_text()
    assert page.console_errors == []


def test_keyboard_skip_link_lands_on_the_map_and_a_search_focuses_the_profile(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.activeElement.id") == "map-area"
    page.keyboard.press("Tab")
    assert page.evaluate("() => Boolean(document.activeElement.closest('#map-area'))")
    assert not page.evaluate("() => Boolean(document.activeElement.closest('#export-bar'))")
    # a search opens a profile: the focus goes to its title, the back link is one Shift+Tab away
    page.locator("#search").evaluate("b => b.previousElementSibling.focus()")
    page.keyboard.type("xinjiang", delay=30)
    atlas_ui.wait_idle()
    page.get_by_role("option", name="Xinjiang").first.click()
    page.wait_for_selector("#province-panel:not([hidden]) #panel-title")
    atlas_ui.wait_idle()
    page.wait_for_timeout(500)
    assert page.evaluate("() => document.activeElement.id") == "panel-title"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.id") == "province-panel-back"
    assert page.console_errors == []


def test_profile_groups_box12_items_under_their_quote_and_says_why_a_strategy_is_listed(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open("?province=650000")
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    groups = page.locator("#province-panel li.box12-group")
    items = page.locator("#province-panel li.box12-item")
    assert items.count() == 11 and groups.count() == 4
    assert page.locator("#province-panel li.box12-group .quote").count() == 4
    railway = page.locator("#province-panel li.strategy-item", has_text="China-Europe Railway Express")
    assert railway.count() == 1
    why = railway.locator(".why-listed").inner_text()
    assert "Listed because the catalog names" in why and "NDRC" in why
    # a quote that names Xinjiang needs no such line
    named = page.locator("#province-panel li.strategy-item", has_text="Xinjiang energy bases")
    assert named.count() == 1 and named.locator(".why-listed").count() == 0
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_phone_layout_legend_modebar_map_height_filters(atlas_ui, lang: str) -> None:
    page = atlas_ui.page
    _phone(atlas_ui, "?lang=zh" if lang == "zh" else "")
    # the map is taller than 60 % of the width, the modebar hidden, the legend smaller than on a desktop
    box = page.locator("#national-map").bounding_box()
    assert box["height"] >= 0.6 * PHONE["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone_{lang}_map.png"))
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(300)
    assert not page.locator("#national-map .modebar").is_visible()
    legend = page.locator("#national-map .legend").bounding_box()
    assert legend["width"] < 0.62 * PHONE["width"], legend
    # the filters sit above the map behind a button that opens them
    toggle = page.locator("#filters-toggle")
    assert toggle.is_visible() and toggle.bounding_box()["y"] < box["y"]
    assert not page.locator("#filter-indicator").is_visible()
    toggle.click()
    page.wait_for_selector("#filter-indicator", state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.screenshot(path=str(SHOTS / f"phone_{lang}_filters.png"))
    toggle.click()
    page.wait_for_selector("#filter-indicator", state="hidden")
    assert page.console_errors == []
