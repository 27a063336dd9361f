"""Real user interactions captured in the browser, turned into replayable requests.

A filter change is made the way Dash itself propagates one (``dash_clientside.set_props`` on the
filter control, which fires the same callback chain as picking a value), a drill-down is a mouse click
on a province of the map. Every ``/_dash-update-component`` request either causes is recorded with its
body, so the load clients post exactly what a browser posts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests

from bench.browser import CLICK_PROVINCE_JS, SET_PROPS_JS, Captured, Visit, capture_callbacks, first_visit
from bench.replay import Job


@dataclass(frozen=True)
class Target:
    """What to interact with in one app: its map graph, the filter controls and whether it drills down."""

    name: str
    map_id: str | None
    filters: tuple[str, ...]  # component ids whose ``value`` is a filter
    drilldown: bool


def atlas_target() -> Target:
    """The atlas's ids, from ``layouts.ids`` (the team's single source of component ids)."""
    from layouts.ids import Core

    return Target("atlas", str(Core.MAP), (str(Core.INDICATOR), str(Core.REGION)), drilldown=True)


def naive_target() -> Target:
    from bench import naive_app

    return Target("naive", naive_app.GRAPH_ID, (naive_app.INDICATOR_ID, naive_app.REGION_ID), drilldown=False)


@dataclass
class Interactions:
    """Captured chains: one list of requests per filter change / drill-down, and the page-load requests."""

    filters: list[list[Captured]] = field(default_factory=list)
    drilldowns: list[list[Captured]] = field(default_factory=list)
    page_load: list[Job] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def jobs(self, kind: str) -> list[Job]:
        chains = self.filters if kind == "filter" else self.drilldowns
        return [Job(kind, "POST", "/_dash-update-component", c.body) for chain in chains for c in chain
                if 200 <= c.status < 300 and c.body]


def find_component(node: Any, component_id: str) -> dict[str, Any] | None:
    """Depth-first search of a ``/_dash-layout`` tree for the component whose ``props.id`` is given."""
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            props = cur.get("props")
            if isinstance(props, dict) and props.get("id") == component_id:
                return cur
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return None


def option_values(component: dict[str, Any]) -> list[Any]:
    """The values a Dropdown/RadioItems/Checklist offers, whatever form its ``options`` take."""
    options = component.get("props", {}).get("options") or []
    if isinstance(options, dict):
        return list(options)
    out = []
    for opt in options:
        if isinstance(opt, dict):
            if not opt.get("disabled"):
                out.append(opt.get("value"))
        else:
            out.append(opt)
    return out


def unpressed_buttons(component: dict[str, Any]) -> list[str]:
    """Labels of the buttons inside a control that are not the selected one (``aria-pressed`` false)."""
    labels = []
    stack = [component.get("props", {}).get("children")]
    while stack:
        cur = stack.pop(0)
        if isinstance(cur, list):
            stack[:0] = cur
        elif isinstance(cur, dict):
            props = cur.get("props", {})
            if cur.get("type") == "Button" and isinstance(props.get("children"), str):
                pressed = str(props.get("aria-pressed", "false")) == "true"
                if not pressed and "on" not in str(props.get("className", "")).split():
                    labels.append(props["children"])
            else:
                stack.append(props.get("children"))
    return labels


def filter_changes(base_url: str, target: Target, per_control: int) -> list[tuple[str, str, Any]]:
    """Up to ``per_control`` changes per filter control, read from the served layout.

    Each is ``("set", id, props)`` for a Dropdown/RadioItems-like control (set through
    ``dash_clientside.set_props``) or ``("click", id, label)`` for a group of buttons (clicked).
    """
    layout = requests.get(base_url + "/_dash-layout", timeout=30).json()
    changes: list[tuple[str, str, Any]] = []
    for cid in target.filters:
        comp = find_component(layout, cid)
        if comp is None:
            continue
        props = comp.get("props", {})
        if "options" in props:
            current = props.get("value")
            multi = isinstance(current, list) or props.get("multi")
            for value in [v for v in option_values(comp) if v != current and v is not None][:per_control]:
                changes.append(("set", cid, {"value": [value] if multi else value}))
        else:
            changes += [("click", cid, label) for label in unpressed_buttons(comp)[:per_control]]
    return changes


def _act(page: Any, change: tuple[str, str, Any]) -> None:
    kind, cid, what = change
    if kind == "set":
        page.evaluate(SET_PROPS_JS, [cid, what])
    else:
        page.locator(f'[id="{cid}"]').get_by_role("button", name=what, exact=True).click(timeout=10_000)


def capture(browser: Any, base_url: str, target: Target, *, filter_values: int, drilldowns: int,
            timeout_s: float = 90.0, opened: tuple[Visit, Any] | None = None) -> Interactions:
    """Capture the app's page-load requests, filter changes and drill-downs, then close the page.

    ``opened`` is a (visit, page) pair from :func:`bench.browser.first_visit` with ``keep_page=True``
    to reuse; by default the app is opened afresh.
    """
    out = Interactions()
    visit, page = opened or first_visit(browser, base_url + "/", map_id=target.map_id, timeout_s=timeout_s,
                                        keep_page=True)
    origin = urlsplit(base_url).netloc
    for r in visit.requests:
        parts = urlsplit(r["url"])
        if parts.netloc == origin:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            out.page_load.append(Job("page", r["method"], path, r["body"]))
    try:
        if visit.error:
            out.notes.append(f"{target.name}: first visit failed: {visit.error}")
            return out
        changes = filter_changes(base_url, target, filter_values)
        if not changes:
            out.notes.append(f"{target.name}: no filter control with options among {target.filters}")
        for change in changes:
            chain = capture_callbacks(page, lambda c=change: _act(page, c), timeout_s=timeout_s)
            if chain:
                out.filters.append(chain)
            else:
                out.notes.append(f"{target.name}: {change} sent no callback request")
        if target.drilldown:
            _drill(page, target, out, drilldowns, timeout_s)
    finally:
        page.context.close()
    return out


def _drill(page: Any, target: Target, out: Interactions, wanted: int, timeout_s: float) -> None:
    """Click provinces, largest first, until ``wanted`` clicks opened one (a chain of several callbacks).

    A click that only yields the first callback's no-op answer hit an overlay marker instead: try the
    next province (at most 4 tries per wanted drill-down).
    """
    misses = []
    for rank in range(4 * wanted):
        if len(out.drilldowns) >= wanted:
            break
        spot = page.evaluate(CLICK_PROVINCE_JS, [target.map_id, rank])
        if not spot:
            out.notes.append(f"{target.name}: no clickable province of rank {rank} on the map")
            break
        page.mouse.move(spot["x"] - 5, spot["y"] - 5)
        page.wait_for_timeout(100)  # plotly picks the clicked point from the hover state
        chain = capture_callbacks(page, lambda s=spot: page.mouse.click(s["x"], s["y"]), timeout_s=timeout_s)
        if len(chain) > 1:
            out.drilldowns.append(chain)
        else:
            misses.append(spot.get("location") or f"rank {rank}")
    if misses:
        out.notes.append(f"{target.name}: clicks that opened no province (overlay hit?): {misses}")


def chain_bytes(chains: list[list[Captured]]) -> list[int]:
    """On-the-wire response bytes of each chain (what one interaction downloads)."""
    return [sum(c.response_bytes for c in chain) for chain in chains]


def describe(chains: list[list[Captured]]) -> list[dict[str, Any]]:
    """Per chain: each request's output, status and sizes (for the JSON details)."""
    out = []
    for chain in chains:
        rows = []
        for c in chain:
            try:
                output = json.loads(c.body).get("output")
            except (json.JSONDecodeError, AttributeError):
                output = None
            rows.append({"output": output, "status": c.status, "response_bytes": c.response_bytes,
                         "body_bytes": c.body_bytes, "browser_ms": round(c.ms, 1)})
        out.append(rows)
    return out
