"""The page Dash serves at ``/``: the HTML template and the scripts it loads.

Dash loads ``@babel/polyfill`` 7 (core-js 2) before React for old browsers. In today's Chromium it
still swaps in its own versions of native functions (``String.prototype.trim`` among them) and costs
about 300 ms of main-thread time at every first visit — most of the atlas's Lighthouse "total blocking
time". The only global Dash's bundles actually need from it is ``regeneratorRuntime``, so the atlas drops
the polyfill's script tag and serves ``assets/vendor/regenerator-runtime.min.js`` instead (built by
``bench/plotly_bundle/build.mjs``). Browsers without native ES2017 are not supported.

Until React mounts the layout, the entry point shows the page's header (title and subtitle, in the
language the URL asks for) instead of Dash's bare "Loading...": the reader sees what the page is at
first paint, and the largest text of the first screen is painted about a second earlier.
"""

from __future__ import annotations

import html
import re
from typing import Any

from dash import Dash

from views import words
from views.state import LANGS

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
    """Dash with the atlas's page template, a header until React mounts, and no legacy polyfill."""

    def interpolate_index(self, metas: Any = "", title: Any = "", css: Any = "", config: Any = "",
                          scripts: Any = "", app_entry: Any = "", favicon: Any = "",
                          renderer: Any = "") -> Any:
        """Dash's page with the static header in the URL's language as the entry point, without the
        polyfill script (same parameters as :meth:`dash.Dash.interpolate_index`)."""
        from flask import has_request_context, request

        lang = request.args.get("lang", "en") if has_request_context() else "en"
        return super().interpolate_index(
            metas=metas, title=title, css=css, config=config, scripts=drop_polyfill(scripts),
            app_entry=static_entry(lang), favicon=favicon, renderer=renderer,
        )


def static_entry(lang: str = "en") -> str:
    """Dash's React entry point, holding a static copy of the header (same classes as
    ``layouts.shell``, so nothing moves when React replaces it). Unknown languages fall back to English."""
    lang = lang if lang in LANGS else "en"
    title = html.escape(words.t("app.title", lang))
    subtitle = html.escape(words.t("app.subtitle", lang))
    loading = html.escape(words.t("app.loading", lang))
    return (
        '<div id="react-entry-point"><div class="app">'
        '<header class="site-header"><div class="brand">'
        f'<h1>{title}</h1><p class="subtitle">{subtitle}</p>'
        f'</div></header><p class="page-loading" role="status">{loading}</p>'
        "</div></div>"
    )


def drop_polyfill(scripts: str) -> str:
    """``scripts`` (Dash's script tags) without the ``@babel/polyfill`` one."""
    return _POLYFILL_TAG.sub("", scripts)
