"""The page's URL read against the data: which ids a URL may name, and the state a store holds.

:mod:`views.state` is the pure grammar of the URL (it reads no data); this module gives it the ids
the catalog and the geometry know.
"""

from __future__ import annotations

from functools import cache

from views import datasets
from views.indicators import STATISTICS, indicator_years
from views.state import ValidValues, ViewState, parse_query, valid_from


@cache
def valid_values() -> ValidValues:
    """The ids a URL may name, from the catalog and the geometry."""
    strategies = datasets.catalog_table("strategies")
    provinces = datasets.province_table()
    sources = datasets.sources_table()
    years = [(key, year) for key in STATISTICS for year in indicator_years(key)]
    prefectures = datasets.prefecture_table().get("adcode", ())
    return valid_from(
        strategies.get("strategy_id", ()), provinces.get("adcode", ()), sources.get("id", ()), years,
        prefectures,
    )


def state_of(query: object) -> ViewState:
    """The :class:`ViewState` of a canonical query string (the ``Core.STATE`` store holds one).

    Anything else (a tampered store, ``None``) gives the default state: callbacks never fail on it.
    """
    if not isinstance(query, str):
        return ViewState()
    return parse_query(query, valid=valid_values())[0]
