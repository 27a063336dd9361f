"""Every component tree the server sends renders text as text: no component that would parse HTML, no
link that runs script, and figure labels built from data escape their markup.

Walks the page layout and the bodies the callbacks send (drill-down panel, charts, sources) for every
province, both languages and each view; ``test_ops_browser.py`` checks the same in Chromium.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import components
from views import url
from views.state import ViewState

HTML_PARSERS = {"Markdown": "dangerously_allow_html", "Iframe": "srcDoc"}
LINK_PROPS = ("href", "src", "action", "data")


def assert_text_only(tree: Any, where: str) -> int:
    count = 0
    for comp in components(tree):
        count += 1
        kind = type(comp).__name__
        if kind in HTML_PARSERS:
            assert not getattr(comp, HTML_PARSERS[kind], None), f"{where}: {kind} renders HTML"
        assert not hasattr(comp, "dangerouslySetInnerHTML"), where
        for prop in LINK_PROPS:
            value = getattr(comp, prop, None)
            if isinstance(value, str):
                scheme = value.strip().lower().split(":", 1)[0]
                assert scheme not in ("javascript", "vbscript", "data"), f"{where}: {kind}.{prop}={value!r}"
    return count


def test_the_page_layout_is_text_only() -> None:
    from layouts.shell import page_layout

    assert assert_text_only(page_layout(), "page layout") > 50


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_province_panel_is_text_only(lang: str) -> None:
    from layouts.panel import province_panel

    provinces = sorted(url.valid_values().provinces)
    assert len(provinces) >= 31
    for adcode in provinces:
        assert_text_only(province_panel(adcode, lang), f"panel {adcode} {lang}")


@pytest.mark.parametrize("state", [ViewState(view="charts"), ViewState(view="charts", lang="zh"),
                                   ViewState(view="charts", province="650000", indicator="area")])
def test_charts_and_sources_bodies_are_text_only(state: ViewState) -> None:
    from layouts.charts import charts_body
    from layouts.sources import sources_body

    assert_text_only(charts_body(state), f"charts {state}")
    for source in sorted(url.valid_values().sources):
        assert_text_only(sources_body(state.with_(view="sources", source=source)), f"sources {source}")


def test_figure_text_escapes_markup_from_data() -> None:
    """The escape every figure builder uses (``figures.common.escape``; ``figures.chart_style`` imports the
    same function) turns tags into entities plotly shows literally."""
    from figures.common import escape

    out = escape('<img src=x onerror="alert(1)"><b>x</b> & <a href="javascript:alert(2)">y</a>')
    assert "<" not in out and ">" not in out, out
