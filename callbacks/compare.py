"""The charts page's "Compare provinces" picker follows the language (its value follows the URL through
``callbacks.state``, where it is one of the controls)."""

from __future__ import annotations

from typing import Any

from dash import Input, Output, callback

from layouts.ids import Charts, Drawn
from views import words
from views.trend_charts import compare_labels, compare_options


def compare_words(drawn: object) -> tuple[list[dict[str, str]], str, dict[str, str]]:
    """The picker's options, placeholder and own words in the language of ``drawn`` (the words store's
    key)."""
    lang = words.as_lang(str(drawn.get("lang")) if isinstance(drawn, dict) else "en")
    return compare_options(lang), words.t("charts.compare.placeholder", lang), compare_labels(lang)


@callback(
    Output(Charts.COMPARE_PICK, "options"),
    Output(Charts.COMPARE_PICK, "placeholder"),
    Output(Charts.COMPARE_PICK, "labels"),
    Input(Drawn.WORDS, "data"),
    prevent_initial_call=True,
)
def _relabel(drawn: object) -> tuple[Any, ...]:
    return compare_words(drawn)
