"""The national map with strategies chosen (issue 13, item 6): provinces the chosen strategies do not
cover are drawn without the indicator's tint (plain light grey, outlined), as one more legend class
that names them, so members and non-members read apart at a glance; the macro-region filter still
fades the provinces outside the region.

It rewrites only the choropleth properties a patch already sends (``z``, ``zmax``, ``colorscale``,
``colorbar``, ``selectedpoints``, ``marker``): the patch stays the same size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from figures.common import OUTSIDE_COLOR, OUTSIDE_LINE
from views import datasets, words
from views.state import ViewState


def strategy_covered(state: ViewState) -> frozenset[str] | None:
    """Provinces the chosen strategies cover (any/all); None when no strategy is chosen or the map is
    coloured by the strategies' membership itself."""
    if not state.strategies or state.indicator == "membership":
        return None
    return frozenset(datasets.covered_provinces(state.strategies, state.mode))


def with_strategy_classes(style: dict[str, Any], locations: Sequence[str], state: ViewState,
                          region_focus: frozenset[str] | None) -> dict[str, Any]:
    """``style`` (from :func:`figures.map.choropleth_style`) with the provinces outside the chosen
    strategies as a grey legend class of their own; unchanged without strategies."""
    covered = strategy_covered(state)
    if covered is None:
        return style
    colors = [str(pair[1]) for pair in list(style["colorscale"])[::2]] + [OUTSIDE_COLOR]
    k = len(colors)
    outside = [a not in covered for a in locations]
    z = [k - 1 if out else int(v) for v, out in zip(style["z"], outside, strict=True)]
    scale: list[list[Any]] = []
    for i, color in enumerate(colors):
        scale += [[i / k, color], [(i + 1) / k, color]]
    label = words.t(f"map.outside.{state.mode}", state.lang)
    bar = dict(style["colorbar"])
    bar["tickvals"] = list(range(k))
    bar["ticktext"] = [*bar.get("ticktext", []), label]
    bar["len"] = 24 * k + 8
    line = style["marker"]["line"]
    colours = [OUTSIDE_LINE if out and c == "#FFFFFF" else c
               for c, out in zip(line["color"], outside, strict=True)]
    return {**style, "z": z, "zmax": k - 0.5, "colorscale": scale, "colorbar": bar,
            "selectedpoints": None if region_focus is None else
            [i for i, a in enumerate(locations) if a in region_focus],
            "marker": {**style["marker"], "line": {**line, "color": colours}}}
