"""The atlas in headless Chromium: the map, clicks, filters, URL round trips, back button, offline."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

XINJIANG = "650000"
GUANGDONG = "440000"


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query, keep_blank_values=True)


def test_home_page_draws_the_map_without_console_errors(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open()
    assert page.locator("#national-map g.geo:not(.geo2) .choroplethlocation").count() >= 31
    assert page.title() == "China Regional Development Atlas"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("meta[name=description]").get_attribute("content")
    # a classed legend with class ranges
    ticks = atlas_ui.svg_texts("#national-map .colorbar text")
    assert len(ticks) >= 3 and any("–" in t for t in ticks)
    assert page.locator("#province-panel").is_hidden()
    assert page.console_errors == []
    assert atlas_ui.external_requests() == []


def test_clicking_a_province_opens_its_panel(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open()
    atlas_ui.click_province(XINJIANG)
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    assert "Xinjiang" in page.locator("#panel-title").inner_text()
    assert "新疆" in page.locator("#panel-title").inner_text()
    assert _query(page)["province"] == [XINJIANG]
    # its prefecture map is drawn, and the quotes link to the sources view
    assert page.locator("#province-panel .prefecture-graph .choroplethlocation").count() > 5
    link = page.locator("#province-panel .quote a").first.get_attribute("href")
    assert "view=sources" in link and "source=" in link
    # "Back to national view" closes it
    page.locator("#province-panel-back").click()
    page.wait_for_selector("#province-panel", state="hidden")
    assert "province" not in _query(page)
    assert page.console_errors == []


def test_changing_a_filter_changes_the_map_and_the_url(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open()
    before = atlas_ui.fills()
    page.get_by_role("button", name="Natural breaks").click()
    atlas_ui.wait_idle()
    assert _query(page)["classify"] == ["natural_breaks"]
    page.get_by_role("button", name="West", exact=True).click()
    atlas_ui.wait_idle()
    assert _query(page)["region"] == ["west"]
    # the East is dimmed now, the West is not
    opacity = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('#national-map g.geo:not(.geo2) .choroplethlocation')]
          .map(p => [p.__data__.loc, getComputedStyle(p).opacity]))""")
    assert float(opacity[XINJIANG]) == pytest.approx(1.0)
    assert float(opacity[GUANGDONG]) < 0.5
    page.locator("#filter-indicator").click()
    page.get_by_role("option", name="Macro-region").click()
    atlas_ui.wait_idle()
    assert _query(page)["indicator"] == ["macro_region"]
    after = atlas_ui.fills()
    assert after != before
    assert len(set(after.values())) <= 6  # four regions, "none", and nothing else
    assert page.console_errors == []


def test_a_url_round_trips(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open(f"?indicator=area&province={GUANGDONG}&layers=ports,border&lang=zh")
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    assert "广东" in page.locator("#panel-title").inner_text()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert "面积" in page.locator("#filter-indicator").inner_text()
    pressed = page.locator("#filter-layers button[aria-pressed=true]").all_inner_texts()
    assert sorted(pressed) == sorted(["边境口岸", "陆地边界"])
    assert any("面积" in t for t in atlas_ui.svg_texts("#national-map .colorbar text"))
    assert page.console_errors == []


def test_back_and_forward_restore_the_view(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open("?indicator=population")
    page.get_by_role("button", name="Natural breaks").click()
    atlas_ui.wait_idle()
    atlas_ui.click_province(XINJIANG)
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    assert _query(page)["province"] == [XINJIANG]
    page.go_back()
    page.wait_for_selector("#province-panel", state="hidden")
    atlas_ui.wait_idle()
    assert _query(page) == {"indicator": ["population"], "classify": ["natural_breaks"]}
    page.go_back()
    atlas_ui.wait_idle()
    assert _query(page) == {"indicator": ["population"]}
    pressed = "#filter-classify button[aria-pressed=true]"
    assert page.locator(pressed).inner_text() == "Quantiles"
    page.go_forward()
    atlas_ui.wait_idle()
    assert page.locator(pressed).inner_text() == "Natural breaks"
    assert page.console_errors == []


def test_bad_url_values_show_a_notice_not_an_error(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open("?indicator=nonsense&province=999999&zoom=3")
    notice = page.locator("#notices")
    notice.wait_for(state="visible")
    text = notice.inner_text()
    assert "nonsense" in text and "999999" in text and "zoom" in text
    assert page.locator("#national-map g.geo:not(.geo2) .choroplethlocation").count() >= 31
    page.locator("#notices-dismiss").click()
    notice.wait_for(state="hidden")
    assert page.console_errors == []


def test_language_toggle_switches_the_interface(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open()
    page.locator("#lang-toggle").click()
    page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    atlas_ui.wait_idle()
    assert re.search("lang=zh", page.url)
    assert page.locator("#title").inner_text() == "中国区域协调发展地图集"
    assert page.locator("#tab-charts").inner_text() == "图表"
    assert page.console_errors == []


def test_nothing_is_requested_from_outside_localhost(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open(f"?province={XINJIANG}&layers=ports,towns,airports,highways,events,border,maritime")
    page.wait_for_selector("#province-panel:not([hidden])")
    page.locator("#tab-charts").click()
    atlas_ui.wait_idle()
    page.locator("#tab-sources").click()
    atlas_ui.wait_idle()
    assert page.requests, "no request was recorded at all"
    assert atlas_ui.external_requests() == []
    assert page.console_errors == []


def test_search_finds_a_prefecture_by_pinyin_and_opens_its_province(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open()
    _search(atlas_ui, "kashi")  # pinyin of 喀什, English "Kashgar"
    page.get_by_role("option", name="Kashgar").first.click()
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    assert _query(page)["province"] == [XINJIANG]
    # a strategy found by its Chinese name is selected and shown as membership
    _search(atlas_ui, "粤港澳")
    page.get_by_role("option", name="Greater Bay Area").first.click()
    atlas_ui.wait_idle()
    assert _query(page)["strategy"] == ["greater-bay-area"]
    assert _query(page)["indicator"] == ["membership"]
    assert page.console_errors == []


def _search(atlas_ui, text: str) -> None:
    """Open the search box, type ``text`` and wait until the server's matches are listed."""
    page = atlas_ui.page
    page.locator("#search").click()
    box = page.locator("input.dash-dropdown-search")
    box.wait_for()
    box.fill(text)
    atlas_ui.wait_idle()
    page.get_by_role("option").first.wait_for()
