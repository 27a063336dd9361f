"""Browser tests of the charts tab, the export buttons and the sources view (headless Debian Chromium)."""

from __future__ import annotations

import csv
import io
import struct
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from data.sources import locate_quote

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GRAPHS = ("#chart-ranking", "#chart-regions", "#chart-matrix", "#chart-timeline")
WEST_QUOTE = (
    "covering over 70 percent of the country's land area and containing 27 percent of the total population."
)


def _open(page: Any, query: str) -> None:
    page.goto("/" + query)
    for graph in GRAPHS if "view=charts" in query else ():
        page.wait_for_selector(f"{graph} .main-svg", state="attached")
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    page.wait_for_timeout(400)


def _external(page: Any) -> list[str]:
    hosts = {"127.0.0.1", "localhost"}
    return [
        u
        for u in page.requests
        if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname not in hosts
    ]


def test_charts_tab_renders_without_console_errors(atlas_page: Any) -> None:
    _open(atlas_page, "?view=charts&lang=zh")
    assert atlas_page.is_visible("#chart-timeline")
    # the Chinese interface reached the charts (title of the timeline)
    assert "文件中提到的会议与活动" in atlas_page.inner_text("#chart-timeline")
    assert atlas_page.console_errors == []
    assert _external(atlas_page) == []


def test_download_png_gives_a_valid_png(atlas_page: Any, tmp_path: Path) -> None:
    _open(atlas_page, "?view=charts&indicator=population")
    with atlas_page.expect_download(timeout=60_000) as info:
        atlas_page.click("#export-png")
    download = info.value
    assert download.suggested_filename.startswith("china-atlas_ranking_population")
    assert download.suggested_filename.endswith(".png")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 2400 and height >= 600  # 1200 px wide at scale 2; as tall as the ranking needs
    assert atlas_page.inner_text("#export-status") == ""
    assert atlas_page.console_errors == []


def test_download_csv_carries_the_source_columns(atlas_page: Any, tmp_path: Path) -> None:
    _open(atlas_page, "?view=charts")
    with atlas_page.expect_download(timeout=60_000) as info:
        atlas_page.click("#export-csv")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    target = tmp_path / "view.csv"
    download.save_as(target)
    reader = csv.DictReader(io.StringIO(target.read_text(encoding="utf-8")))
    assert {"adcode", "value", "unit", "year", "value_source", "strategy_source_ids"} <= set(
        reader.fieldnames or []
    )


def test_download_geopackage_gives_the_view_layers(atlas_page: Any, tmp_path: Path) -> None:
    import pyogrio

    _open(atlas_page, "?indicator=gdp&province=650000")
    with atlas_page.expect_download(timeout=60_000) as info:
        atlas_page.click("#export-gpkg")
    download = info.value
    assert download.suggested_filename.startswith("china-atlas_map_gdp")
    assert download.suggested_filename.endswith("_650000.gpkg")
    target = tmp_path / "view.gpkg"
    download.save_as(target)
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    assert [str(name) for name, _ in pyogrio.list_layers(target)] == ["provinces", "prefectures"]
    assert pyogrio.read_info(target, layer="provinces")["features"] == 34
    assert atlas_page.inner_text("#export-status") == ""
    assert atlas_page.console_errors == []


def test_a_quote_link_opens_the_sources_view_with_the_quote_in_view(atlas_page: Any) -> None:
    start, end = locate_quote("western-symposium-2024", WEST_QUOTE)
    _open(atlas_page, f"?view=sources&source=western-symposium-2024&at={start}-{end}")
    target = atlas_page.wait_for_selector("#quote-target", state="visible")
    atlas_page.wait_for_timeout(300)
    box = target.bounding_box()
    viewport = atlas_page.viewport_size
    assert box is not None and 0 <= box["y"] <= viewport["height"]  # scrolled into view
    highlighted = "".join(
        atlas_page.eval_on_selector_all(".source-text .quote-hit", "els => els.map(e => e.textContent)")
    )
    assert highlighted == WEST_QUOTE
    assert atlas_page.locator(".source-text mark.mention").count() > 10  # the extractor's mentions
    assert atlas_page.console_errors == []


def test_claims_table_source_link_opens_the_quote(atlas_page: Any) -> None:
    _open(atlas_page, "?view=charts")
    link = atlas_page.locator("#claims-table td a").first
    link.scroll_into_view_if_needed()
    link.click()
    atlas_page.wait_for_url("**view=sources**")
    target = atlas_page.wait_for_selector("#quote-target", state="visible")
    atlas_page.wait_for_timeout(400)
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] <= atlas_page.viewport_size["height"]
    assert atlas_page.is_hidden("#page-charts")
    assert atlas_page.console_errors == []
