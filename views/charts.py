"""The figure each chart shows for a :class:`~views.state.ViewState`: data assembly + pure builder.

Used alike by the charts tab (in the browser) and by the server-side PNG export, so both show the
same view.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from data.vocab import EVENT_KINDS, REGIONS, STRATEGY_KINDS
from figures.matrix import membership_matrix_figure
from figures.ranking import ranking_figure
from figures.regions import region_summary_figure
from figures.timeline import events_timeline_figure
from views.change import change_meta, vintage_label
from views.indicators import NUMERIC, STATISTICS, indicator_meta, shown_year
from views.matrix import matrix_data
from views.ranking import change_span, ranking_data
from views.regions import region_claims, region_shares, shares_year
from views.state import ViewState
from views.timeline import events_data
from views.trend_charts import BUILDERS as TREND_BUILDERS
from views.trend_charts import yearly_indicator
from views.words import strategy_kind_label, t

CHARTS: tuple[str, ...] = ("ranking", "regions", "matrix", "timeline", *TREND_BUILDERS)


def chart_figure(state: ViewState, chart: str, *, for_export: bool = False) -> go.Figure:
    """Return the figure of ``chart`` (one of :data:`CHARTS`) for ``state``.

    Parameters
    ----------
    state : ViewState
        The view (indicator, selected province and strategies, region, language).
    chart : str
        ``ranking``, ``regions``, ``matrix``, ``timeline``, or one over the years
        (:data:`views.trend_charts.BUILDERS`: ``convergence``, ``shares``, ``trend``, ``compare``, ``bump``).
    for_export : bool
        Append the date of the view to the source line (a PNG leaves the page that dates it).

    Raises
    ------
    ValueError
        If ``chart`` is not one of :data:`CHARTS`.
    """
    if chart not in CHARTS:
        raise ValueError(f"chart={chart!r}: expected one of {', '.join(CHARTS)}")
    stamp = date.today().isoformat() if for_export else None
    return _BUILDERS[chart](state, stamp)


def ranking_indicator(state: ViewState) -> str:
    """The indicator the ranking shows: the map's, unless that one is a category (then GDP)."""
    return state.indicator if state.indicator in NUMERIC else "gdp"


def ranking_year(state: ViewState) -> tuple[int, ...] | None:
    """The URL's year as the ranking reads it (None when the ranking shows GDP for a category)."""
    return state.year if ranking_indicator(state) == state.indicator else None


def _ranking(state: ViewState, stamp: str | None) -> go.Figure:
    lang = state.lang
    indicator = ranking_indicator(state)
    year = ranking_year(state)
    span = change_span(indicator, year)
    shown = shown_year(indicator, year)
    if span is not None:  # ranked by the change: "CAGR 2012–2024 · NBS current series"
        meta = change_meta(indicator, lang, *span)
        subtitle = t("charts.ranking.subtitle_change", lang, change=meta.year)
    else:
        meta = indicator_meta(indicator, lang, year=year)
        subtitle = t("charts.ranking.subtitle_year", lang, year=shown,
                     vintage=vintage_label(indicator, shown, shown, lang)).replace(" ·  · ", " · ") \
            if shown is not None else t("charts.ranking.subtitle_count", lang)
    if indicator != state.indicator:
        subtitle = t("charts.ranking.categorical", lang, indicator=t(f"indicator.{state.indicator}", lang))
    source = t("charts.source.stats", lang, source=meta.source) if indicator in STATISTICS \
        else meta.source
    return ranking_figure(
        ranking_data(indicator, lang, year), value_label=meta.label, unit=meta.unit, selected=state.province,
        region_labels=_region_labels(lang), title=t("charts.ranking.title", lang, indicator=meta.label),
        subtitle=subtitle, source_note=_source_line(source, stamp, lang),
        empty_message=t("charts.ranking.none", lang), value_format=f",.{meta.decimals}f",
        missing_label=t("charts.ranking.missing", lang),
    )


def _regions(state: ViewState, stamp: str | None) -> go.Figure:
    lang = state.lang
    year = shares_year(state.year)
    meta = indicator_meta("gdp", lang, year=(year,) if year is not None else None)
    source = t("charts.source.regions", lang, source=" ".join(x for x in (meta.source, meta.year) if x))
    return region_summary_figure(
        region_shares(year), region_claims(),
        metric_labels={m: t(f"charts.metric.{m}", lang) for m in ("area", "population", "gdp")},
        region_labels=_region_labels(lang), computed_label=t("charts.regions.computed", lang),
        claimed_label=t("charts.regions.claimed", lang), claim_prefix=t("charts.regions.claim_prefix", lang),
        axis_label=t("charts.share", lang), selected_region=state.region,
        title=t("charts.regions.title", lang),
        subtitle=t("charts.regions.subtitle_year", lang, year=year,
                   subtitle=t("charts.regions.subtitle", lang)) if year is not None
        else t("charts.regions.subtitle", lang),
        source_note=_source_line(source, stamp, lang), empty_message=t("charts.regions.none", lang),
        missing_message=t("charts.regions.missing", lang),
    )


def _matrix(state: ViewState, stamp: str | None) -> go.Figure:
    lang = state.lang
    members, provinces, strategies = matrix_data(lang)
    return membership_matrix_figure(
        members, provinces=provinces, strategies=strategies, region_labels=_region_labels(lang),
        kind_labels={k: strategy_kind_label(k, lang) for k in (*STRATEGY_KINDS, "other")},
        coverage_labels={"whole": t("charts.matrix.whole", lang), "part": t("charts.matrix.part", lang)},
        selected_province=state.province, selected_strategies=state.strategies,
        title=t("charts.matrix.title", lang), subtitle=t("charts.matrix.subtitle", lang),
        source_note=_source_line(t("source.catalog", lang), stamp, lang),
        empty_message=t("charts.matrix.none", lang),
    )


def _timeline(state: ViewState, stamp: str | None) -> go.Figure:
    lang = state.lang
    return events_timeline_figure(
        events_data(lang), kind_labels={k: t(f"event.{k}", lang) for k in EVENT_KINDS},
        selected_province=state.province, title=t("charts.timeline.title", lang),
        subtitle=t("charts.timeline.subtitle", lang),
        source_note=_source_line(t("charts.source.events", lang), stamp, lang),
        empty_message=t("charts.timeline.none", lang),
    )


_BUILDERS = {"ranking": _ranking, "regions": _regions, "matrix": _matrix, "timeline": _timeline,
             **TREND_BUILDERS}


def _region_labels(lang: str) -> dict[str, str]:
    return {**{r: t(f"region.{r}", lang) for r in REGIONS}, "": t("region.none", lang)}


def _source_line(source: str, stamp: str | None, lang: str) -> str:
    """The foot line of a chart; exports add the atlas name and the date of the view."""
    return t("export.source_line", lang, sources=source, date=stamp) if stamp else source


def graph_config(chart: str, state: ViewState) -> dict[str, object]:
    """The dcc.Graph config: the modebar camera saves a PNG named after the view, at scale 2."""
    return {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "filename": export_filename(chart, state), "scale": 2},
    }


def export_filename(chart: str, state: ViewState) -> str:
    """A meaningful file stem for an exported chart, e.g. ``china-atlas_ranking_gdp_2023``, or
    ``china-atlas_ranking_gdp_2012-2024`` for a change between two years."""
    parts = ["china-atlas", chart]
    if chart in ("ranking", "map"):
        indicator = ranking_indicator(state) if chart == "ranking" else state.indicator
        parts.append(indicator)
        year_ = state.year if chart == "map" else ranking_year(state)
        span = change_span(indicator, year_)
        year = shown_year(indicator, year_)
        if span is not None:
            parts.append(f"{span[0]}-{span[1]}")
        elif year is not None:
            parts.append(str(year))
    if chart == "regions":
        shares = shares_year(state.year)
        if shares is not None:
            parts.append(str(shares))
    if chart in ("compare", "bump"):  # the indicator they show (GDP per capita for one without years)
        parts.append(yearly_indicator(state))
    if chart in ("map", "prefecture", "ranking", "trend") and state.province:
        parts.append(state.province)
    if chart == "compare" and state.compare:
        parts.append("+".join(state.compare))
    if chart == "map" and state.strategies:
        parts.append("+".join(state.strategies[:3]))
    if state.lang != "en":
        parts.append(state.lang)
    return "_".join(parts)
