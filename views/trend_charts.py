"""The charts over years for a :class:`~views.state.ViewState`: convergence, macro-region shares, one
province's trends, provinces compared and ranks over time (data assembly + pure builders).

:data:`BUILDERS` is merged into :func:`views.charts.chart_figure`'s dispatch, so the charts tab and
``python app.py export --chart convergence|shares|trend|compare|bump`` draw the same figures.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go

from data.vocab import EVENT_KINDS, REGIONS
from figures.bump import bump_figure
from figures.common import REGION_COLORS
from figures.convergence import DEFAULT_LABELS, convergence_figure, shares_figure
from figures.periods import Period
from figures.trends import compare_figure, trends_figure
from views import datasets, words
from views.convergence import PLAN_PERIODS, dispersion_data, province_groups, ratio_data, shares_data
from views.indicators import indicator_meta, indicator_years
from views.state import ViewState
from views.timeline import events_data
from views.trends import china_by_year, indexed, ranks_by_year, trend_data, trend_indicators, values_by_year

t = words.t
FALLBACK_INDICATOR = "gdp_per_capita"


def periods(lang: str) -> tuple[Period, ...]:
    """The Five-Year Plan periods with their labels in ``lang``."""
    return tuple((first, last, t(key, lang)) for first, last, key in PLAN_PERIODS)


def yearly_indicator(state: ViewState) -> str:
    """The indicator the compare and rank charts show: the state's, if it has more than one year, else
    GDP per capita."""
    return state.indicator if len(indicator_years(state.indicator)) > 1 else FALLBACK_INDICATOR


def _kinds(lang: str) -> dict[str, str]:
    return {k: t(f"event.{k}", lang) for k in EVENT_KINDS}


def _source(lang: str, first: int, last: int, stamp: str | None, *, key: str = "trends.source") -> str:
    text = t(key, lang, first=first, last=last)
    return t("export.source_line", lang, sources=text, date=stamp) if stamp else text


def _span(years: tuple[int, ...]) -> tuple[int, int]:
    return (years[0], years[-1]) if years else (0, 0)


def _names(lang: str) -> dict[str, str]:
    return {a: words.name(vars(p), lang) for a, p in datasets.places().items() if a.endswith("0000")}


def compare_options(lang: str) -> list[dict[str, str]]:
    """The "Compare provinces" choices: the 31 mainland provinces (those with statistics), by adcode."""
    groups = province_groups()
    names = _names(lang)
    return [{"label": names.get(a, a), "value": a} for a in sorted(groups)]


def compare_labels(lang: str) -> dict[str, str]:
    """The "Compare provinces" dropdown's own words (dcc.Dropdown ``labels``) in ``lang``."""
    keys = (
        "select_all",
        "deselect_all",
        "selected_count",
        "search",
        "clear_search",
        "clear_selection",
        "no_options_found",
    )
    table = words.in_language(lang)  # unformatted: the dropdown fills in "{num_selected}" itself
    return {k: table[f"charts.compare.{k}"] for k in keys}


def convergence_chart(state: ViewState, stamp: str | None) -> go.Figure:
    lang = state.lang
    labels = {
        k: t(f"convergence.{k}", lang) for k in ("cv", "theil", "between", "within", "cv_axis", "theil_axis")
    }
    return convergence_figure(
        dispersion_data(),
        labels,
        events=events_data(lang),
        periods=periods(lang),
        kind_labels=_kinds(lang),
        title=t("charts.convergence.title", lang),
        subtitle=t("charts.convergence.subtitle", lang),
        source_note=_source(lang, *_span(indicator_years("gdp_per_capita")), stamp),
        empty_message=t("trends.none", lang),
    )


def shares_chart(state: ViewState, stamp: str | None) -> go.Figure:
    lang = state.lang
    labels = {
        **DEFAULT_LABELS,
        "gdp_share": t("shares.gdp_share", lang),
        "population_share": t("shares.population_share", lang),
        "share_axis": t("shares.axis", lang),
        "ratio": t("shares.ratio", lang),
        "ratio_axis": t("shares.ratio_axis", lang),
    }
    return shares_figure(
        shares_data(),
        ratio_data(),
        labels,
        region_labels={r: t(f"region.{r}", lang) for r in REGIONS},
        selected_region=state.region,
        events=events_data(lang),
        periods=periods(lang),
        kind_labels=_kinds(lang),
        title=t("charts.shares.title", lang),
        subtitle=t("charts.shares.subtitle", lang),
        source_note=_source(lang, *_span(indicator_years("gdp_per_capita")), stamp),
        empty_message=t("trends.none", lang),
    )


def trend_chart(state: ViewState, stamp: str | None, *, columns: int = 3, titled: bool = True) -> go.Figure:
    """The province's trends (``state.province``); without a province, a figure that says to pick one."""
    lang = state.lang
    if not state.province:
        return trends_figure(
            trend_data(""),
            empty_message=t("charts.trend.pick", lang),
            title=t("export.chart.trend", lang) if titled else None,
        )
    data = trend_data(state.province)
    region = province_groups().get(state.province)
    first = {k: indicator_years(k)[0] for k in trend_indicators() if indicator_years(k)}
    labels = {k: t(f"indicator.{k}", lang) for k in trend_indicators()}
    notes = {k: t("trends.index", lang, year=first[k]) for k in labels if indexed(k) and k in first}
    series = {
        "province": _names(lang).get(state.province, state.province),
        "region": t(f"region.{region}", lang) if region else t("region.none", lang),
        "china": t("trends.china", lang),
    }
    years = sorted(set(data["year"])) if not data.empty else []
    return trends_figure(
        data,
        series,
        indicator_labels=labels,
        notes=notes,
        region_color=REGION_COLORS.get(region or "", "#0072B2"),
        events=events_data(lang),
        highlight=state.province,
        periods=periods(lang),
        columns=columns,
        title=t("charts.trend.title", lang, province=series["province"]) if titled else None,
        subtitle=t("charts.trend.subtitle", lang, region=series["region"]) if titled else None,
        source_note=_source(lang, int(years[0]), int(years[-1]), stamp) if titled and years else None,
        empty_message=t("trends.none", lang),
    )


def compare_chart(state: ViewState, stamp: str | None) -> go.Figure:
    lang = state.lang
    key = yearly_indicator(state)
    meta = indicator_meta(key, lang)
    values = values_by_year(key)
    values = values[values["adcode"].isin(state.compare)]
    subtitle = t("charts.compare.subtitle", lang, unit=meta.unit)
    if key != state.indicator:
        subtitle = t("charts.compare.no_years", lang, indicator=t(f"indicator.{state.indicator}", lang))
    years = indicator_years(key)
    return compare_figure(
        values,
        {"china": t("trends.china", lang), "axis": meta.unit},
        names=_names(lang),
        china=china_by_year(key),
        unit=meta.unit,
        value_format=f",.{meta.decimals}f",
        events=events_data(lang),
        kind_labels=_kinds(lang),
        periods=periods(lang),
        title=t("charts.compare.title", lang, indicator=meta.label),
        subtitle=subtitle,
        source_note=_source(lang, *_span(years), stamp),
        empty_message=t("charts.compare.none", lang),
    )


def bump_chart(state: ViewState, stamp: str | None) -> go.Figure:
    lang = state.lang
    key = yearly_indicator(state)
    meta = indicator_meta(key, lang)
    # the compared provinces first, in the compare chart's order, so each keeps its colour there
    highlight = tuple(dict.fromkeys([*state.compare, *((state.province,) if state.province else ())]))
    subtitle = t("charts.bump.subtitle", lang)
    if key != state.indicator:
        subtitle += " · " + t(
            "charts.compare.no_years", lang, indicator=t(f"indicator.{state.indicator}", lang)
        )
    return bump_figure(
        ranks_by_year(key),
        {"axis": t("charts.bump.axis", lang)},
        names=_names(lang),
        highlight=highlight,
        value_format=f",.{meta.decimals}f",
        unit=meta.unit,
        periods=periods(lang),
        title=t("charts.bump.title", lang, indicator=meta.label),
        subtitle=subtitle,
        source_note=_source(lang, *_span(indicator_years(key)), stamp, key="trends.source_ranks"),
        empty_message=t("trends.none", lang),
    )


BUILDERS: dict[str, Callable[[ViewState, str | None], go.Figure]] = {
    "convergence": convergence_chart,
    "shares": shares_chart,
    "trend": trend_chart,
    "compare": compare_chart,
    "bump": bump_chart,
}
