"""The national and prefecture maps dressed for a standalone PNG: title, legend, source line and date.

The maps themselves come from the core builders (:func:`views.map.national_figure`, the
prefecture builder); this module only adds what an image outside the page needs.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from figures.chart_style import style_chart
from views import words
from views.chart_words import t
from views.state import ViewState


def map_export_figure(state: ViewState, chart: str, *, height: int | None = None) -> go.Figure:
    """The ``map`` (national) or ``prefecture`` (``state.province``) figure with title and source line.

    Raises
    ------
    ValueError
        If ``chart`` is ``prefecture`` and ``state.province`` is empty, or ``chart`` is not a map.
    """
    lang = state.lang
    stamp = date.today().isoformat()
    if chart == "map":
        from views.map import STAT_INDICATORS, indicator_meta, national_figure

        fig = national_figure(state, height=height)
        meta = indicator_meta(state.indicator, lang, state.strategies)
        title = meta.label + (f", {meta.year}" if meta.year else "")
        subtitle = _map_subtitle(state)
        source = meta.source
        if state.indicator in STAT_INDICATORS and source:
            source = t("charts.source.stats", lang, source=source)
    elif chart == "prefecture":
        if not state.province:
            raise ValueError("chart='prefecture' needs state.province (an adcode such as 650000)")
        fig, title, source = _prefecture(state, height)
        subtitle = None
    else:
        raise ValueError(f"chart={chart!r}: expected 'map' or 'prefecture'")
    line = t("export.source_line", lang, sources=source, date=stamp) if source else \
        f"{t('app.title', lang)} · {stamp}"
    style_chart(fig, title=title, subtitle=subtitle, source_note=line, left_margin=10, right_margin=10)
    # The page's map is transparent; an image needs a ground.
    fig.update_layout(paper_bgcolor="white", height=height)
    return fig


def _map_subtitle(state: ViewState) -> str | None:
    lang = state.lang
    parts = []
    if state.region:
        parts.append(f"{words.t('filter.region', lang)}: {words.t(f'region.{state.region}', lang)}")
    if state.strategies:
        from views import datasets

        names = datasets.catalog_table("strategies")
        column = "name_zh" if lang == "zh" else "name_en"
        lookup = {} if names.empty else dict(zip(names["strategy_id"], names[column], strict=True))
        chosen = [str(lookup.get(s) or s) for s in state.strategies]
        mode = words.t(f"mode.{state.mode}", lang)
        parts.append(f"{words.t('filter.strategies', lang)} ({mode}): {', '.join(chosen)}")
    if state.province:
        from views import datasets

        place = datasets.places().get(state.province)
        if place is not None:
            parts.append(place.name_zh if lang == "zh" else place.name_en)
    return " · ".join(parts) or None


def _prefecture(state: ViewState, height: int | None) -> tuple[go.Figure, str, str]:
    """The prefecture map of ``state.province`` from the core engineer's builder."""
    from views import datasets
    from views.prefecture import prefecture_figure  # the core engineer's data assembly

    fig = prefecture_figure(state, height=height)
    place = datasets.places().get(state.province or "")
    name = (place.name_zh if state.lang == "zh" else place.name_en) if place else str(state.province)
    return fig, f"{name} · {words.t('panel.prefectures', state.lang)}", t("charts.source.catalog", state.lang)
