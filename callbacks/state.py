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
from layouts.ids import Core
from views import url
from views.search import resolve_search
from views.state import INDICATORS, ViewState, parse_query, to_query

# dropdowns whose value the URL sets; the toggle groups (classify, mode, region, layers) are buttons
# (layouts.filters.OPTION) whose pressed state callbacks.shell draws from the state
CONTROL_FIELDS: dict[str, str] = {Core.INDICATOR: "indicator", Core.STRATEGIES: "strategies"}


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
        # a second click on the open province closes it
        province = None if adcode == current.province else adcode
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
        return Resolution(new, push_url=True, set_controls=True)
    if isinstance(trigger, dict):
        return _option(current, trigger)
    field = CONTROL_FIELDS.get(str(trigger))
    if field is None:
        return Resolution(current, push_url=False, set_controls=False)
    value = _clean(field, controls.get(str(trigger)), valid.strategies)
    if value is None:
        return Resolution(current, push_url=False, set_controls=True)
    return Resolution(current.with_(**{field: value}), push_url=True, set_controls=False)


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
    return tuple(v for v in (value or []) if isinstance(v, str) and v in strategies)


def _clicked_adcode(click: Any) -> str | None:
    try:
        point = click["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(point, dict) or point.get("curveNumber") != 0:
        return None  # only the province choropleth opens a province
    location = point.get("location")
    return location if isinstance(location, str) else None


def control_values(state: ViewState) -> list[Any]:
    """The control values that show ``state``, in :data:`CONTROL_FIELDS` order."""
    out = []
    for field in CONTROL_FIELDS.values():
        value = getattr(state, field)
        out.append(list(value) if isinstance(value, tuple) else ("" if value is None else value))
    return out


@callback(
    Output(Core.URL, "search"),
    Output(Core.STATE, "data"),
    *(Output(cid, "value") for cid in CONTROL_FIELDS),
    Output(Core.SEARCH, "value"),
    Output(Core.NOTICES_TEXT, "children"),
    Output(Core.NOTICES, "hidden"),
    Input(Core.URL, "search"),
    *(Input(cid, "value") for cid in CONTROL_FIELDS),
    Input({"type": OPTION, "field": ALL, "value": ALL}, "n_clicks"),
    Input(Core.SEARCH, "value"),
    Input(Core.MAP, "clickData"),
    State(Core.STATE, "data"),
)
def sync_state(search: str | None, *args: Any) -> tuple[Any, ...]:
    """Keep URL, state store and controls in step (see :func:`resolve`)."""
    *values, _clicks, picked, click, store = args
    controls = dict(zip(CONTROL_FIELDS, values, strict=True))
    result = resolve(ctx.triggered_id, search, store, controls, picked=picked, click=click)
    state = result.state
    query = to_query(state)
    url = (query or "?") if result.push_url and query != (search or "") else no_update
    controls_out = control_values(state) if result.set_controls else [no_update] * len(CONTROL_FIELDS)
    reset_search = None if ctx.triggered_id == Core.SEARCH else no_update
    if ctx.triggered_id in (None, Core.URL):
        notices: Any = [html.Li(n) for n in result.notices]
        hidden: Any = not result.notices
    else:
        notices, hidden = no_update, no_update
    store_out = query if query != store else no_update
    return (url, store_out, *controls_out, reset_search, notices, hidden)
