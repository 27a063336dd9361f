"""The URL is the state: one callback keeps the URL, the state store and the filter controls in step.

- URL changed (page load, link, back/forward): parse it, set the controls, show notices for bad values.
- A control changed (or a map click, or a search pick): write the new canonical URL (a history entry).

:func:`resolve` is the pure logic; the ``@callback`` below only unpacks Dash's arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import ALL, Input, Output, State, callback, ctx, html, no_update

from layouts.filters import OPTION, OPTION_FIELDS
from layouts.ids import Charts, Core
from views import url
from views.change import has_change
from views.indicators import indicator_years
from views.map import year_bar
from views.search import resolve_search
from views.state import INDICATORS, MAX_COMPARE, ViewState, parse_query, to_query
from views.url import state_of as url_state_of

# dropdowns whose value the URL sets; the toggle groups (classify, mode, region, layers) are buttons
# (layouts.filters.OPTION) whose pressed state callbacks.shell draws from the state
CONTROL_FIELDS: dict[str, str] = {Core.INDICATOR: "indicator", Core.STRATEGIES: "strategies",
                                  Charts.COMPARE_PICK: "compare"}  # compare: the charts page's picker


@dataclass(frozen=True)
class Resolution:
    """What the sync callback writes: the state, whether to push a URL, notices for the page."""

    state: ViewState
    push_url: bool
    set_controls: bool
    notices: tuple[str, ...] = ()


def resolve(trigger: str | None, search: str | None, store: str | None, controls: dict[str, Any],
            picked: Any = None, click: Any = None) -> Resolution:
    """Decide the new state from what triggered the callback.

    Parameters
    ----------
    trigger : str or None
        The id of the input that changed; None on the first call (page load) = the URL.
    search : str or None
        ``dcc.Location.search``.
    store : str or None
        The current canonical query (``Core.STATE``).
    controls : dict
        Control id -> its current value.
    picked : object
        The value of the search box.
    click : object
        ``clickData`` of the national map.

    A toggle button is the trigger ``{"type": OPTION, "field": ..., "value": ...}``.
    """
    valid = url.valid_values()
    if trigger in (None, Core.URL):
        state, notices = parse_query(search or "", valid=valid)
        return Resolution(state, push_url=False, set_controls=True, notices=tuple(notices))
    current = url.state_of(store)
    if trigger == Core.MAP:
        adcode = _clicked_adcode(click)
        if adcode is None or adcode not in valid.provinces:
            return Resolution(current, push_url=False, set_controls=False)
        # a second click on the open province closes it (not a click on a place in it: that picks it)
        province = None if adcode == current.province and not _clicked_place(click) else adcode
        return Resolution(current.with_(province=province, view="map"), push_url=True, set_controls=False)
    if trigger == Core.SEARCH:
        hit = resolve_search(picked)
        if hit is None:
            return Resolution(current, push_url=False, set_controls=False)
        kind, key = hit
        if kind == "province":
            new = current.with_(province=key, view="map")
        else:
            new = current.with_(strategies=(*current.strategies, key), indicator="membership", view="map")
        return Resolution(fit_year(new), push_url=True, set_controls=True)
    if trigger in (Core.YEAR, Core.YEAR_SINCE):
        return _year(current, controls.get(Core.YEAR), controls.get(Core.YEAR_SINCE))
    if isinstance(trigger, dict):
        return _option(current, trigger)
    field = CONTROL_FIELDS.get(str(trigger))
    if field is None:
        return Resolution(current, push_url=False, set_controls=False)
    raw = controls.get(str(trigger))
    value = _clean(field, raw, valid.strategies)
    if value is None:
        return Resolution(current, push_url=False, set_controls=True)
    # Dash's "Select All" also picks the disabled group headings: the control is set back without them
    dropped = field == "strategies" and list(value) != list(raw or [])
    return Resolution(fit_year(current.with_(**{field: value})), push_url=True, set_controls=dropped)


def fit_year(state: ViewState) -> ViewState:
    """``state`` without a year its indicator lacks (another indicator was chosen): its latest year."""
    if state.year is None:
        return state
    have = set(indicator_years(state.indicator))
    if set(state.year) <= have and (len(state.year) == 1 or has_change(state.indicator)):
        return state
    return state.with_(year=None)


def _year(current: ViewState, value: Any, since: Any) -> Resolution:
    """The year slider or "change since" moved: one year (None if the latest), or a change since."""
    years = indicator_years(current.indicator)
    end = int(value) if isinstance(value, int | float) and not isinstance(value, bool) and float(
        value).is_integer() else None
    try:
        start = int(since) if since not in (None, "") else None
    except (TypeError, ValueError):
        return Resolution(current, push_url=False, set_controls=False)  # tampered input
    if end not in years or (start is not None and start not in years):
        return Resolution(current, push_url=False, set_controls=False)  # tampered or stale input
    year: tuple[int, ...] | None
    if start is not None and start != end and has_change(current.indicator):
        year = (min(start, end), max(start, end))
    else:
        year = None if end == years[-1] else (end,)
    shown = current.year if current.year != (years[-1],) else None
    if year == shown:
        return Resolution(current, push_url=False, set_controls=False)
    return Resolution(current.with_(year=year), push_url=True, set_controls=False)


def _option(current: ViewState, trigger: dict[str, Any]) -> Resolution:
    """A toggle button was pressed: choose its value (or toggle it, for layers)."""
    field, value = trigger.get("field"), trigger.get("value")
    if trigger.get("type") != OPTION or field not in OPTION_FIELDS or value not in OPTION_FIELDS[field]:
        return Resolution(current, push_url=False, set_controls=False)
    if field == "layers":
        layers = set(current.layers) ^ {value}
        return Resolution(current.with_(layers=tuple(layers)), push_url=True, set_controls=False)
    return Resolution(current.with_(**{field: value or None}), push_url=True, set_controls=False)


def _clean(field: str, value: Any, strategies: frozenset[str]) -> Any:
    """A control's value as a state field value, or None if it is not a valid one (tampered input)."""
    if field == "indicator":
        return value if isinstance(value, str) and value in INDICATORS else None
    if not isinstance(value, list | tuple | type(None)):
        return None
    if field == "compare":  # province adcodes, the first MAX_COMPARE kept
        provinces = url.valid_values().provinces
        return tuple(dict.fromkeys(v for v in (value or []) if isinstance(v, str) and v in provinces))[
            :MAX_COMPARE]
    return tuple(v for v in (value or []) if isinstance(v, str) and v in strategies)


def _clicked_adcode(click: Any) -> str | None:
    try:
        point = click["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(point, dict):
        return None
    if point.get("curveNumber") != 0:
        # an overlay point (port, town, airport, event) carries its province in customdata[2]
        custom = point.get("customdata")
        if isinstance(custom, list) and len(custom) > 2 and isinstance(custom[2], str) and custom[2]:
            return custom[2]
        return None
    location = point.get("location")
    return location if isinstance(location, str) else None


def _clicked_place(click: Any) -> str | None:
    """The id of the overlay point clicked (customdata[3]), if the click was on one."""
    try:
        point = click["points"][0]
        custom = point["customdata"] if point.get("curveNumber") != 0 else None
    except (TypeError, KeyError, IndexError, AttributeError):
        return None
    if isinstance(custom, list) and len(custom) > 3 and isinstance(custom[3], str) and custom[3]:
        return custom[3]
    return None


def control_values(state: ViewState) -> list[Any]:
    """The control values that show ``state``, in :data:`CONTROL_FIELDS` order."""
    out = []
    for field in CONTROL_FIELDS.values():
        value = getattr(state, field)
        out.append(list(value) if isinstance(value, tuple) else ("" if value is None else value))
    return out


# The year bar's controls are outputs of the state callback itself (the slider is also its input: Dash
# allows that loop only within one callback); their visibility and words follow in callbacks.map.
YEAR_CONTROLS: tuple[tuple[str, str], ...] = (
    (Core.YEAR, "min"), (Core.YEAR, "max"), (Core.YEAR, "marks"), (Core.YEAR, "value"),
    (Core.YEAR_SINCE, "options"), (Core.YEAR_SINCE, "value"),
)


def year_controls(state: ViewState, before: ViewState, force: bool = False) -> list[Any]:
    """The year controls for ``state`` (:data:`YEAR_CONTROLS` order), or no_update where its indicator,
    year and language are those of ``before`` (unless ``force``: a page load or a URL change)."""
    same = (state.indicator, state.year, state.lang) == (before.indicator, before.year, before.lang)
    if same and not force:
        return [no_update] * len(YEAR_CONTROLS)
    bar = year_bar(state)
    return [bar["min"], bar["max"], bar["marks"], bar["value"], bar["options"], bar["since"]]


@callback(
    Output(Core.URL, "search"),
    Output(Core.STATE, "data"),
    *(Output(cid, "value") for cid in CONTROL_FIELDS),
    Output(Core.SEARCH, "value"),
    Output(Core.NOTICES_TEXT, "children"),
    Output(Core.NOTICES, "hidden"),
    *(Output(cid, prop) for cid, prop in YEAR_CONTROLS),
    Input(Core.URL, "search"),
    *(Input(cid, "value") for cid in CONTROL_FIELDS),
    Input({"type": OPTION, "field": ALL, "value": ALL}, "n_clicks"),
    Input(Core.SEARCH, "value"),
    Input(Core.MAP, "clickData"),
    Input(Core.YEAR, "value"),
    Input(Core.YEAR_SINCE, "value"),
    State(Core.STATE, "data"),
)
def sync_state(search: str | None, *args: Any) -> tuple[Any, ...]:
    """Keep URL, state store and controls in step (see :func:`resolve`)."""
    *values, _clicks, picked, click, year, since, store = args
    controls = dict(zip(CONTROL_FIELDS, values, strict=True))
    controls.update({Core.YEAR: year, Core.YEAR_SINCE: since})
    result = resolve(ctx.triggered_id, search, store, controls, picked=picked, click=click)
    state = result.state
    query = to_query(state)
    url = (query or "?") if result.push_url and query != (search or "") else no_update
    controls_out = control_values(state) if result.set_controls else [no_update] * len(CONTROL_FIELDS)
    # a picked prefecture or port stays in the search box (callbacks.picked reads it to pick the place
    # out in the profile; Dash runs that callback only after this one); strategies and provinces clear
    keep = isinstance(picked, str) and picked.startswith(("prefecture:", "port:"))
    reset_search = None if ctx.triggered_id == Core.SEARCH and not keep else no_update
    if ctx.triggered_id in (None, Core.URL):
        notices: Any = [html.Li(n) for n in result.notices]
        hidden: Any = not result.notices
    else:
        notices, hidden = no_update, no_update
    store_out = query if query != store else no_update
    return (url, store_out, *controls_out, reset_search, notices, hidden,
            *year_controls(state, url_state_of(store), ctx.triggered_id in (None, Core.URL)))

