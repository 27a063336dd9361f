"""Issue 13 in headless Chromium: what a person sees the first time they use the map — hover text, the
boxes things are drawn in, what a click hits, what typing leaves in the search box."""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ALL_POINTS = "?layers=ports,towns,airports,highways,events,border"
CATALOG = Path(__file__).resolve().parents[2] / "data" / "catalog"

# page centre of the overlay point at (lon, lat) on the national map
_POINT_XY = """([lon, lat]) => {
    const pts = [...document.querySelectorAll('#national-map g.geo:not(.geo2) .scattergeo .point')];
    const p = pts.find(e => e.__data__ && e.__data__.lonlat &&
        Math.abs(e.__data__.lonlat[0] - lon) < 1e-3 && Math.abs(e.__data__.lonlat[1] - lat) < 1e-3);
    if (!p) return null;
    const r = p.getBoundingClientRect();
    return [r.x + r.width / 2, r.y + r.height / 2];
}"""
_HOVER = """() => [...document.querySelectorAll('#national-map .hoverlayer .hovertext')].map(h => {
    const r = h.getBoundingClientRect();
    return {text: h.textContent, left: r.left, right: r.right, width: r.width};
})"""


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query, keep_blank_values=True)


def _place(pid: str) -> tuple[float, float]:
    with (CATALOG / "infrastructure.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == pid)
    return round(float(row["lon"]), 4), round(float(row["lat"]), 4)


def _hover(page, lon: float, lat: float) -> list[dict]:
    xy = page.evaluate(_POINT_XY, [lon, lat])
    assert xy, f"no point drawn at {lon}, {lat}"
    page.mouse.move(xy[0] + 30, xy[1] + 30)
    page.wait_for_timeout(120)
    page.mouse.move(xy[0], xy[1])
    page.wait_for_timeout(400)
    return page.evaluate(_HOVER)


def test_ports_and_airports_win_the_hover_and_a_click_picks_them(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open(ALL_POINTS)
    map_box = page.locator("#national-map").bounding_box()
    for pid, name in (("port-heihe", "Heihe port"), ("port-khunjerab", "Khunjerab port"),
                      ("port-erenhot", "Erenhot port"), ("airport-suifenhe", "Suifenhe Airport")):
        labels = _hover(page, *_place(pid))
        assert len(labels) == 1, labels
        text = labels[0]["text"]
        assert name in text, (pid, text)
        assert "Land border" not in text and "highway" not in text.lower(), (pid, text)
        assert "Wikipedia" not in text and "GeoNames" not in text  # coordinate notes are in the profile
        # the tooltip fits in the map
        assert labels[0]["width"] < 0.6 * map_box["width"]
        assert map_box["x"] <= labels[0]["left"] and labels[0]["right"] <= map_box["x"] + map_box["width"]
    # a click on the port opens its province with the port picked out
    xy = page.evaluate(_POINT_XY, list(_place("port-heihe")))
    page.mouse.click(xy[0], xy[1])
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    assert _query(page)["province"] == ["230000"]
    page.wait_for_selector("#picked-note:not([hidden])")
    assert "Heihe" in page.locator("#picked-note").inner_text()
    item = page.locator("#province-panel li.box12-item.picked")
    assert item.count() == 1 and "Heihe" in item.inner_text()
    # its coordinate note moved from the hover to the profile
    assert item.locator(".coord-note").count() == 1
    assert page.console_errors == []


def test_events_have_a_legend_item_and_each_shared_point_lists_all(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open("?layers=events")
    legend = atlas_ui.svg_texts("#national-map .legend .legendtext")
    assert legend == ["Events"]
    labels = _hover(page, 116.4, 39.9)  # Beijing: three events at one point
    assert len(labels) == 1
    text = labels[0]["text"]
    assert "2021-03-11" in text and "2024-07-15" in text and "2024-12-09" in text
    assert "00:00:00" not in text
    # the land border is one colour, none of the macro-regions' colours
    atlas_ui.open("?layers=border")
    colours = page.evaluate("""() => [...new Set([...document.querySelectorAll(
        '#national-map g.geo:not(.geo2) .scattergeo path.js-line')].map(p => p.style.stroke))]""")
    assert len(colours) == 1, colours
    assert page.console_errors == []


def test_strategy_menu_sits_above_the_map_and_select_all_skips_headings(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open()
    page.locator("#filter-strategies").click()
    menu = page.locator(".dash-dropdown-content").first
    menu.wait_for()
    option = page.get_by_role("option", name="Eastern region accelerating modernization")
    box = option.bounding_box()
    sidebar = page.locator(".sidebar").bounding_box()
    assert box["x"] + box["width"] > sidebar["x"] + sidebar["width"]  # wider than the control
    # the option's right half is the option, not the map under it
    hit = page.evaluate("""([x, y]) => {
        const e = document.elementFromPoint(x, y); return Boolean(e && e.closest('[role=option]')); }""",
                        [box["x"] + box["width"] * 0.85, box["y"] + box["height"] / 2])
    assert hit
    # the whole option text shows (no ellipsis cut)
    assert page.evaluate("""() => [...document.querySelectorAll('.dash-options-list-option-text')]
        .every(e => e.scrollWidth <= e.clientWidth + 1)""")
    enabled = page.locator("[role=option] input:not([disabled])").count()
    page.get_by_text("Select All", exact=True).click()
    atlas_ui.wait_idle()
    strategies = _query(page)["strategy"][0].split(",")
    assert len(strategies) == enabled and not any(s.startswith("kind:") for s in strategies)
    atlas_ui.wait_idle()
    assert page.locator("[role=option] input[disabled]:checked").count() == 0
    assert page.console_errors == []


def test_search_keeps_typed_letters_and_picks_the_place(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open()
    focus_search = "b => b.previousElementSibling.focus()"  # the input a Tab lands on
    page.locator("#search").evaluate(focus_search)
    page.keyboard.type("kashgar", delay=30)  # typed straight after focusing: no letter lost
    box = page.locator("input.dash-dropdown-search")
    box.wait_for()
    atlas_ui.wait_idle()
    assert box.input_value() == "kashgar"
    assert page.get_by_role("option", name="Kashgar").count() >= 1
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_selector("input.dash-dropdown-search", state="detached")  # Escape closes it
    # and gives the focus back to the box (the menu does so a moment later, not at once)
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'search'")
    page.wait_for_timeout(500)
    assert page.locator("input.dash-dropdown-search").count() == 0  # without opening it again
    page.locator("#filter-indicator").focus()
    page.wait_for_function("() => document.activeElement.id === 'filter-indicator'")
    page.locator("#search").evaluate(focus_search)  # focus coming from elsewhere opens it
    page.wait_for_selector("input.dash-dropdown-search")
    page.keyboard.insert_text("黑河")  # Chinese (an input method's text) right after focusing
    atlas_ui.wait_idle()
    assert page.locator("input.dash-dropdown-search").input_value() == "黑河"
    page.get_by_role("option", name="Heihe port").first.click()
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    assert _query(page)["province"] == ["230000"]
    page.wait_for_selector("#picked-note:not([hidden])")
    assert "Heihe" in page.locator("#picked-note").inner_text()
    assert page.locator("#province-panel li.box12-item.picked").count() == 1
    # the picked port stays in the search box, with its clear button in sight
    assert page.locator(".dash-dropdown-wrapper:has(#search) .dash-dropdown-clear").is_visible()
    # a prefecture: named in the profile and outlined on the prefecture map
    page.locator("#search").click()
    page.locator("input.dash-dropdown-search").fill("kashi")
    atlas_ui.wait_idle()
    page.get_by_role("option", name="Kashgar").first.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('province') === '650000'")
    atlas_ui.wait_idle()
    page.wait_for_selector("#province-panel .prefecture-graph .js-plotly-plot[data-picked='653100']")
    assert "Kashgar" in page.locator("#picked-note").inner_text()
    assert page.console_errors == []


def test_ranks_stay_on_one_line(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open("?province=650000")
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    ranks = page.evaluate("""() => [...document.querySelectorAll('#province-panel .indicators tbody tr')]
        .map(r => { const td = r.querySelectorAll('td')[1]; const s = getComputedStyle(td);
                    return [td.textContent, td.getBoundingClientRect().height - parseFloat(s.paddingTop)
                            - parseFloat(s.paddingBottom), parseFloat(s.lineHeight) || 18,
                            s.whiteSpace]; })""")
    assert ranks and all(" / " in text for text, *_ in ranks if text != "–")
    assert all(space == "nowrap" for *_, space in ranks), ranks
    assert page.console_errors == []


def test_inset_caption_stays_in_its_frame_with_a_profile_open_and_on_a_phone(atlas_ui) -> None:
    page = atlas_ui.page
    atlas_ui.open("?province=650000&layers=maritime")
    page.wait_for_selector("#province-panel:not([hidden])")
    atlas_ui.wait_idle()
    for width in (1440, 1180, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(900)
        frame = page.evaluate("""() => { const r = document.querySelector('#national-map g.geo2 g.frame')
            .getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }""")
        caption = page.evaluate("""() => { const e = [...document.querySelectorAll('#national-map text')]
            .find(t => t.textContent.includes('South China')); if (!e) return null;
            const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }""")
        assert caption, "no inset caption"
        assert frame[0] - 1 <= caption[0] and caption[2] <= frame[2] + 1, (width, frame, caption)
        assert frame[1] - 1 <= caption[1] and caption[3] <= frame[3] + 1, (width, frame, caption)
    assert page.console_errors == []
