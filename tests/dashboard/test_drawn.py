"""One table says what each part of the page depends on; each part has one store id."""

from __future__ import annotations

import pytest

from layouts.ids import Drawn
from views.drawn import PARTS, changed, drawn_key
from views.state import ViewState


def test_every_part_has_a_store_and_every_store_a_part() -> None:
    assert {p.upper() for p in PARTS} == {d.name for d in Drawn}


def test_a_part_changes_only_with_what_it_shows() -> None:
    base = ViewState(province="650000")
    assert not changed("charts", base.with_(layers=("ports",)), drawn_key("charts", base))
    assert changed("charts", base.with_(indicator="population"), drawn_key("charts", base))
    assert not changed("sources", base.with_(indicator="population"), drawn_key("sources", base))
    assert changed("map", base.with_(layers=("ports",)), drawn_key("map", base))
    assert drawn_key("map", base.with_(layers=("ports", "border")))["layers"] == "ports,border"
    # the export bar follows whether a province is open, not which one
    assert drawn_key("export", base) == drawn_key("export", base.with_(province="540000"))
    assert drawn_key("export", base) != drawn_key("export", ViewState())
    # the panel is closed off the map page: an empty key
    assert drawn_key("panel", base) == {"province": "650000", "prefecture": "", "lang": "en",
                                        "map": "?province=650000"}
    # the prefecture map follows the year only when it shows census population
    assert drawn_key("panel", base.with_(year=(2012,))) == drawn_key("panel", base)
    assert changed("panel", base.with_(indicator="population", year=(2012,)),
                   drawn_key("panel", base.with_(indicator="population")))
    assert drawn_key("panel", base.with_(view="charts")) == {}
    # anything unreadable in a store counts as changed
    assert changed("words", base, "en") and changed("words", base, None)


def test_an_unknown_part_is_named() -> None:
    with pytest.raises(ValueError, match="part='legend'"):
        drawn_key("legend", ViewState())
