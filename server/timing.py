"""``Server-Timing`` on Dash's callback and layout responses: the time the worker spent on them.

Load tests see latency at the client, which adds the client's own overhead and the wait for a free
gunicorn worker; this header lets them report the server-side part as well (``bench/replay.py`` reads
it). Browsers show it in their developer tools' timing panel.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

TIMED_PATHS = frozenset({"/_dash-update-component", "/_dash-layout"})


class ServerTiming:
    """WSGI middleware: ``Server-Timing: app;dur=<ms>`` from the request's arrival in the worker until the
    response starts (routing, Dash's hooks, the callback, serialisation and compression)."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") not in TIMED_PATHS:
            return self.app(environ, start_response)
        t0 = time.perf_counter()

        def timed(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            headers.append(("Server-Timing", f"app;dur={(time.perf_counter() - t0) * 1000:.2f}"))
            return start_response(status, headers, exc_info)

        return self.app(environ, timed)


def server_ms(header: str | None) -> float | None:
    """The ``app`` duration (ms) of a ``Server-Timing`` header value, or None."""
    for metric in (header or "").split(","):
        name, *params = (p.strip() for p in metric.split(";"))
        if name == "app":
            for param in params:
                key, _, value = param.partition("=")
                if key == "dur":
                    try:
                        return float(value)
                    except ValueError:
                        return None
    return None
