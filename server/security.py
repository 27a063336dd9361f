"""What stands between the public and the Dash app: security headers, request limits, /healthz, error pages.

:func:`install` wires it all into a ``dash.Dash`` app's Flask server:

- **Headers** on every response: a Content-Security-Policy that allows only this origin's scripts plus the
  exact inline scripts Dash renders (by SHA-256 hash: the ``DashRenderer`` bootstrap and the clientside
  callbacks), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``, ``frame-ancestors
  'none'`` with ``X-Frame-Options: DENY``, and a restrictive Permissions-Policy.
- **Callback requests** (``POST /_dash-update-component``) are checked against the app's callback map before
  Dash sees them (:func:`dispatch_problem`): JSON only, known server-side callback, inputs/state/outputs in
  the declared shape, values of the declared types; anything else is a 400 that says what was wrong. Bodies
  over :data:`MAX_BODY_BYTES` are a 413.
- **Errors** never carry a traceback: HTTP errors are small JSON documents, any other exception is logged
  (with its traceback, to stderr) and answered with a plain 500.
- ``GET /healthz``: 200 with ``{"status": "ok", "catalog": "ok", "artifacts": "ok", ...}``, or 503 naming
  what is wrong (see :func:`server.startup.health`).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

log = logging.getLogger(__name__)

DISPATCH_PATH = "/_dash-update-component"
HEALTH_PATH = "/healthz"
# The largest callback body the page sends is the shell's (3.9 KB, measured: every i18n id); 128 KB leaves
# room and stops a client from making a worker parse megabytes.
MAX_BODY_BYTES = 128 * 1024
MAX_ITEMS = 2000  # wildcard (ALL) lists in one request

STATIC_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

# Value types a callback may receive for the properties the atlas listens to; None = any JSON value.
# (Dash checks none of this: a hand-made request can send a list where the page sends a string.)
_SCALAR = (str, int, float)
PROP_TYPES: dict[str, tuple[type, ...] | None] = {
    "search": (str, type(None)),
    "pathname": (str, type(None)),
    "hash": (str, type(None)),
    "href": (str, type(None)),
    "n_clicks": (int, type(None)),
    "clickData": (dict, type(None)),
    "hoverData": (dict, type(None)),
    "value": (str, int, float, list, type(None)),
    "hidden": (bool, type(None)),
    "id": (str, dict),
    "data": None,
    "children": None,
}


class BadCallbackRequest(ValueError):
    """A callback request that does not match the app's callback map (the message says how)."""


def content_security_policy(script_hashes: list[str]) -> str:
    """The Content-Security-Policy header value, allowing ``script_hashes`` as inline scripts.

    Measured with Debian Chromium against the atlas (``tests/ops/test_ops_browser.py``): Dash's renderer and
    plotly.js run without ``'unsafe-eval'``; without ``'unsafe-inline'`` styles plotly's injected
    ``<style>`` elements and style attributes are refused (30-60 violations per page); the modebar's
    "download plot as png" draws through a ``blob:`` image. Nothing needs ``data:``, fonts from elsewhere
    or workers.
    """
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def install(app: Any, *, health: Callable[[], tuple[dict[str, Any], int]] | None = None) -> None:
    """Add headers, request checks, error handlers and ``/healthz`` to a ``dash.Dash`` app.

    Parameters
    ----------
    app : dash.Dash
        The app; call after every callback is registered (its inline scripts are hashed on the first
        request, once Dash has collected them).
    health : callable, optional
        Returns ``(document, status)`` for ``/healthz``; default :func:`server.startup.health`.
    """
    from dash.exceptions import DependencyException, InvalidResourceError
    from flask import request
    from werkzeug.exceptions import HTTPException

    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    server.config["PROPAGATE_EXCEPTIONS"] = False
    csp = _LazyPolicy(app)

    def check_dispatch() -> Any:
        if request.path != DISPATCH_PATH or request.method != "POST":
            return None
        try:
            body = _json_body(request)
            dispatch_problem(body, app.callback_map)
        except BadCallbackRequest as exc:
            return _error(400, "bad request", str(exc))
        return None

    def add_headers(response: Any) -> Any:
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", csp.value())
        if response.status_code >= 400:
            response.headers["Cache-Control"] = "no-store"
        return response

    def http_error(exc: HTTPException) -> Any:
        return _error(exc.code or 500, (exc.name or "error").lower())

    def missing_resource(exc: Exception) -> Any:
        return _error(404, "not found")  # Dash's message would echo the request path as HTML

    def internal_error(exc: Exception) -> Any:
        if isinstance(exc, HTTPException):
            return http_error(exc)
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _error(500, "internal server error")

    def healthz() -> Any:
        document, status = (health or _default_health)()
        return _json_response(document, status, headers={"Cache-Control": "no-store"})

    server.before_request(check_dispatch)
    server.after_request(add_headers)
    server.register_error_handler(HTTPException, http_error)
    server.register_error_handler(InvalidResourceError, missing_resource)
    server.register_error_handler(DependencyException, missing_resource)
    server.register_error_handler(Exception, internal_error)
    server.add_url_rule(HEALTH_PATH, "atlas_healthz", healthz, methods=["GET", "HEAD"])


def dispatch_problem(body: Any, callback_map: Mapping[str, Mapping[str, Any]]) -> None:
    """Check a ``/_dash-update-component`` body against the app's callback map.

    Parameters
    ----------
    body : object
        The decoded JSON body.
    callback_map : mapping
        ``dash.Dash.callback_map`` (output id -> callback spec).

    Raises
    ------
    BadCallbackRequest
        Naming the first key that is missing, unknown or of the wrong shape or type.
    """
    if not isinstance(body, dict):
        raise BadCallbackRequest("expected a JSON object")
    output = body.get("output")
    if not isinstance(output, str):
        raise BadCallbackRequest("'output': expected a string naming a callback's outputs")
    spec = callback_map.get(output)
    if spec is None or "callback" not in spec:
        raise BadCallbackRequest("'output': no server-side callback has these outputs")
    expansions: dict[str, list[str]] = {}
    _check_outputs(body.get("outputs"), output, spec, expansions)
    seen: set[str] = set()
    for key in ("inputs", "state"):
        declared = spec.get(key) or []
        items = body.get(key, [] if key == "state" else None)
        if not isinstance(items, list) or len(items) != len(declared):
            raise BadCallbackRequest(f"'{key}': expected a list of {len(declared)} item(s)")
        for i, (item, dep) in enumerate(zip(items, declared, strict=True)):
            for entry in _expand(item, _parse_id(dep["id"]), f"{key}[{i}]", expansions):
                _check_entry(entry, dep["property"], f"{key}[{i}]", values=True)
                if key == "inputs":
                    seen.add(f"{_stringify_id(entry['id'])}.{entry['property']}")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) and c in seen for c in changed):
        raise BadCallbackRequest("'changedPropIds': expected a list of the request's input ids")
    parsed = body.get("parsedChangedPropsIds", [])
    if not isinstance(parsed, list) or len(parsed) > len(seen):
        raise BadCallbackRequest("'parsedChangedPropsIds': expected a list of the request's input ids")


def _check_outputs(outputs: Any, output: str, spec: Mapping[str, Any], expansions: dict[str, list[str]]
                   ) -> None:
    if spec.get("no_output"):
        return
    declared = _split_output(output)
    multi = output.startswith("..")
    if not multi:
        declared_items: list[Any] = [outputs]
    elif isinstance(outputs, list) and len(outputs) == len(declared):
        declared_items = outputs
    else:
        raise BadCallbackRequest(f"'outputs': expected a list of {len(declared)} output(s)")
    for i, (item, (pattern, prop)) in enumerate(zip(declared_items, declared, strict=True)):
        for entry in _expand(item, pattern, f"outputs[{i}]", expansions):
            _check_entry(entry, prop, f"outputs[{i}]", values=False)


def _expand(item: Any, pattern: str | dict[str, Any], where: str, expansions: dict[str, list[str]]
            ) -> list[dict[str, Any]]:
    """The request entries for one declared dependency: one dict, or a list for an ALL wildcard.

    The page resolves a pattern against one layout, so every property of the same pattern lists the same
    components in ``expansions`` (pattern -> ids); a request where they differ is refused.
    """
    if isinstance(pattern, str):
        if not isinstance(item, dict) or item.get("id") != pattern:
            raise BadCallbackRequest(f"'{where}': expected the component {pattern!r}")
        return [item]
    # ALL and ALLSMALLER give the callback a list (possibly empty); MATCH alone gives one component
    if any(w in (["ALL"], ["ALLSMALLER"]) for w in pattern.values()):
        if not isinstance(item, list):
            raise BadCallbackRequest(f"'{where}': expected a list of components matching the pattern")
        entries = item
    elif isinstance(item, dict):
        entries = [item]
    else:
        raise BadCallbackRequest(f"'{where}': expected one component matching the declared pattern")
    if len(entries) > MAX_ITEMS:
        raise BadCallbackRequest(f"'{where}': more than {MAX_ITEMS} components")
    for entry in entries:
        if not isinstance(entry, dict) or not _matches(entry.get("id"), pattern):
            raise BadCallbackRequest(f"'{where}': expected components matching the declared pattern")
    ids = [_stringify_id(entry["id"]) for entry in entries]
    if expansions.setdefault(_stringify_id(pattern), ids) != ids:
        raise BadCallbackRequest(f"'{where}': lists other components than the same pattern elsewhere")
    return entries


def _check_entry(entry: dict[str, Any], declared_prop: str, where: str, *, values: bool) -> None:
    prop = entry.get("property")
    if not isinstance(prop, str) or prop.split("@")[0] != declared_prop.split("@")[0]:
        raise BadCallbackRequest(f"'{where}': expected the property {declared_prop.split('@')[0]!r}")
    if values and "value" in entry:
        allowed = PROP_TYPES.get(prop)
        value = entry["value"]
        if allowed is not None and (not isinstance(value, allowed) or (isinstance(value, bool) and
                                    bool not in allowed)):
            names = " or ".join("null" if t is type(None) else t.__name__ for t in allowed)
            raise BadCallbackRequest(f"'{where}': {prop} must be {names}")
        if prop == "value" and isinstance(value, list) and not all(isinstance(v, _SCALAR) for v in value):
            raise BadCallbackRequest(f"'{where}': value must be a list of strings or numbers")


def _matches(cid: Any, pattern: dict[str, Any]) -> bool:
    """True if the dict id ``cid`` matches a wildcard ``pattern`` (same keys, equal non-wildcard values)."""
    if not isinstance(cid, dict) or set(cid) != set(pattern):
        return False
    for key, want in pattern.items():
        got = cid[key]
        if isinstance(want, list):  # ["ALL"], ["MATCH"], ["ALLSMALLER"]
            if isinstance(got, bool) or not isinstance(got, _SCALAR):
                return False
        elif got != want:
            return False
    return True


def _parse_id(cid: str) -> str | dict[str, Any]:
    return json.loads(cid) if cid.startswith("{") else cid


def _split_output(output: str) -> list[tuple[str | dict[str, Any], str]]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    out = []
    for part in parts:
        cid, prop = part.rsplit(".", 1)
        out.append((_parse_id(cid), prop))
    return out


def _stringify_id(cid: Any) -> str:
    if isinstance(cid, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{json.dumps(cid[k])}" for k in sorted(cid)) + "}"
    return str(cid)


def _json_body(request: Any) -> Any:
    if not request.is_json:
        raise BadCallbackRequest("expected Content-Type: application/json")
    raw = request.get_data(cache=True)  # MAX_CONTENT_LENGTH applies here: 413 above it
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise BadCallbackRequest("the body is not valid JSON") from None


class _LazyPolicy:
    """The CSP header, computed on the first response: by then Dash has collected every inline script."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._value: str | None = None
        self._lock = threading.Lock()

    def value(self) -> str:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = content_security_policy(script_hashes(self._app))
        return self._value


def script_hashes(app: Any) -> list[str]:
    """``'sha256-…'`` sources for every inline script Dash renders into the index page (deduplicated)."""
    return list(dict.fromkeys(app.csp_hashes("sha256")))


def _default_health() -> tuple[dict[str, Any], int]:
    from server.startup import health

    return health()


def _error(status: int, error: str, detail: str | None = None) -> Any:
    document: dict[str, Any] = {"status": status, "error": error}
    if detail:
        document["detail"] = detail
    return _json_response(document, status)


def _json_response(document: dict[str, Any], status: int, headers: dict[str, str] | None = None) -> Any:
    from flask import Response

    response = Response(json.dumps(document, ensure_ascii=False), status=status,
                        mimetype="application/json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response
