"""Helpers shared by the test folders (import as ``from tests.helpers import walk``; pytest's importlib mode
cannot import conftest modules, and ``pythonpath = ["."]`` puts the project root on the path).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dash.development.base_component import Component


def walk(node: Any) -> Iterator[Any]:
    """Every node of a Dash component tree, depth first: each component, then what it holds.

    A component's ``children`` are followed whatever they are (components, lists, text: strings and
    numbers are yielded too); any other property is followed when it holds components (a tab's label, a
    tooltip), so nothing the browser would render is skipped. A list or tuple is walked item by item (it is
    not yielded itself); ``None`` is skipped.
    """
    if node is None:
        return
    if isinstance(node, list | tuple):
        for item in node:
            yield from walk(item)
        return
    yield node
    if not isinstance(node, Component):
        return
    for prop in node._prop_names:
        value = getattr(node, prop, None)
        if prop == "children" or isinstance(value, Component):
            yield from walk(value)
        elif isinstance(value, list | tuple):
            yield from walk([item for item in value if isinstance(item, Component)])


def components(node: Any) -> Iterator[Component]:
    """The components of :func:`walk` (no text)."""
    return (n for n in walk(node) if isinstance(n, Component))


def text_of(node: Any, sep: str = "") -> str:
    """The text of a tree (its strings and numbers, in order), joined with ``sep``."""
    return sep.join(str(n) for n in walk(node)
                    if isinstance(n, str | int | float) and not isinstance(n, bool))
