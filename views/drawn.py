"""What each part of the page was last drawn for: one key per part, so that a callback redraws a part
only when something it shows has changed.

Every part of the page that follows the URL state keeps, in its own ``dcc.Store`` (the
:class:`layouts.ids.Drawn` ids), the key of the state it was drawn for. :data:`PARTS` is the one table
of what each part depends on; :func:`drawn_key` projects a state onto it. A key is a flat dict of
strings, so a callback can also read which field changed (the map patches its overlays' words only
when ``lang`` changed, the export bar resets its chart only when ``view`` or ``province_open`` did).
"""

from __future__ import annotations

from collections.abc import Callable

from views.prefecture import prefecture_view
from views.state import ViewState, to_query

Key = dict[str, str]


def _fields(*names: str) -> Callable[[ViewState], Key]:
    def project(state: ViewState) -> Key:
        return {name: _text(getattr(state, name)) for name in names}

    return project


def _panel(state: ViewState) -> Key:
    # The panel is open only on the map page; closed, it depends on nothing (an empty key).
    if not state.province or state.view != "map":
        return {}
    # the prefecture map follows the indicator and year only when it shows census population
    return {**_fields("province", "prefecture", "lang")(state), "map": to_query(prefecture_view(state))}


def _export(state: ViewState) -> Key:
    # The bar's default chart depends on whether a province is open, not on which one.
    return {"view": state.view, "province_open": "1" if state.province else "", "lang": state.lang}


PARTS: dict[str, Callable[[ViewState], Key]] = {
    "map": _fields("indicator", "year", "strategies", "mode", "region", "province", "lang", "classify",
                   "layers"),
    "panel": _panel,
    "charts": _fields("indicator", "year", "province", "region", "strategies", "compare", "lang"),
    "sources": _fields("source", "span", "lang"),
    "export": _export,
    "words": _fields("lang"),  # the interface strings
}


def drawn_key(part: str, state: ViewState) -> Key:
    """The key of ``state`` for ``part`` (one of :data:`PARTS`).

    Raises
    ------
    ValueError
        If ``part`` is not a part of the page.
    """
    try:
        project = PARTS[part]
    except KeyError:
        raise ValueError(f"part={part!r}: expected one of {', '.join(PARTS)}") from None
    return project(state)


def changed(part: str, state: ViewState, drawn: object) -> bool:
    """Whether ``part`` shows something else for ``state`` than it was drawn for (``drawn``, the store's
    data: anything unreadable counts as changed)."""
    return drawn_key(part, state) != drawn


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)
