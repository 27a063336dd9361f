"""The page Dash serves at ``/``: the HTML template and the scripts it loads.

Dash loads ``@babel/polyfill`` 7 (core-js 2) before React for old browsers. In today's Chromium it
still swaps in its own versions of native functions (``String.prototype.trim`` among them) and costs
about 300 ms of main-thread time at every first visit — most of the atlas's Lighthouse "total blocking
time". The only global Dash's bundles actually need from it is ``regeneratorRuntime``, so the atlas drops
the polyfill's script tag and serves ``assets/vendor/regenerator-runtime.min.js`` instead (built by
``bench/plotly_bundle/build.mjs``). Browsers without native ES2017 are not supported.
"""

from __future__ import annotations

import re
from typing import Any

from dash import Dash

INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
<head>
{%metas%}
<title>{%title%}</title>
{%favicon%}
{%css%}
</head>
<body>
{%app_entry%}
<footer>
{%config%}
{%scripts%}
{%renderer%}
</footer>
</body>
</html>"""

_POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>\n?')


class AtlasDash(Dash):
    """Dash with the atlas's page template and without the legacy-browser polyfill."""

    def interpolate_index(self, **kwargs: Any) -> str:
        kwargs["scripts"] = drop_polyfill(kwargs.get("scripts", ""))
        return super().interpolate_index(**kwargs)


def drop_polyfill(scripts: str) -> str:
    """``scripts`` (Dash's script tags) without the ``@babel/polyfill`` one."""
    return _POLYFILL_TAG.sub("", scripts)
