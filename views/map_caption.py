"""The line under the national map (issue 13, items 6 and 16): how many provinces the chosen strategies
cover, why the "Selected strategies" colouring is all grey with none chosen, and, with a profile open,
that it is open (not "click a province", which the open profile has already answered)."""

from __future__ import annotations

from views import datasets, words
from views.map import map_focus
from views.state import ViewState


def map_caption_text(state: ViewState) -> str:
    """The map's caption for ``state``, in its language (one or more sentences)."""
    lang = state.lang
    focus = map_focus(state)
    if focus is not None and not focus:
        return words.t("map.no_match", lang)
    total = len(datasets.province_table()) or 34
    parts: list[str] = []
    if state.indicator == "membership":
        if not state.strategies:
            parts.append(words.t("map.caption.membership_none", lang))
        else:
            n = len(datasets.covered_provinces(state.strategies, state.mode))
            parts.append(words.t("map.caption.membership", lang, n=n, total=total,
                                 mode=words.t(f"mode.{state.mode}", lang)))
    elif state.strategies:
        n = len(datasets.covered_provinces(state.strategies, state.mode))
        parts.append(words.t(f"map.caption.match.{state.mode}", lang, n=n, total=total))
    if state.region:
        parts.append(words.t("map.caption.region", lang))
    place = datasets.places().get(state.province or "")
    if place is not None:
        name = place.name_zh if lang == "zh" else place.name_en
        parts.append(words.t("map.caption.profile", lang, name=name))
    else:
        parts.append(words.t("map.click_hint", lang))
    return " ".join(parts)
