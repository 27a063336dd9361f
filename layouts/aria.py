"""Small typed adapters for Dash components: ARIA attributes (keyword arguments with dashes) and graph
configs (built as plain dicts by the views, which import no Dash)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from dash.dcc import Graph


def aria(name: str, value: str) -> dict[str, Any]:
    """``{"aria-label": value}`` and the like, for ``html.Nav(..., **aria("aria-label", "Views"))``.

    Raises
    ------
    ValueError
        If ``name`` is not an ``aria-`` attribute.
    """
    if not name.startswith("aria-"):
        raise ValueError(f"name={name!r}: expected an aria-* attribute")
    return {name: value}


def graph_config(config: Mapping[str, Any]) -> Graph.Config:
    """A plotly.js config built by a view (a plain dict of plotly.js config keys), typed as dcc.Graph
    wants it."""
    return cast(Graph.Config, dict(config))
