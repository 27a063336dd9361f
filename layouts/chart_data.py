"""Data assembly for the charts tab: catalog, statistics and extraction joined into the tidy frames
the pure figure builders take.

Each ``*_data`` function reads through the upstream loaders (which cache) and returns a fresh frame;
when an upstream artifact does not exist yet the frame is empty, and the chart says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

log = logging.getLogger(__name__)
T = TypeVar("T")

# Indicators that rank provinces by a number (the others colour the map by category).
NUMERIC_INDICATORS: tuple[str, ...] = (
    "gdp", "gdp_per_capita", "population", "density", "area", "attention", "strategies", "claims",
)
REFERENCE_YEAR = 2023


def upstream(load: Callable[[], T], default: T, what: str) -> T:
    """Call an upstream loader, or return ``default`` when its module or artifact is not there yet.

    Only a missing module or file is tolerated; any other error is a bug and propagates.
    """
    try:
        return load()
    except (ImportError, FileNotFoundError) as exc:
        log.warning("charts: %s unavailable (%s); showing it empty", what, exc)
        return default


def catalog_table(name: str) -> pd.DataFrame:
    """Return one catalog table (``sources``, ``macro_regions``, ``strategies`` ...) or an empty frame."""

    def load() -> pd.DataFrame:
        from data.catalog import load_catalog

        cat: Any = load_catalog()
        table = cat[name] if isinstance(cat, dict) else getattr(cat, name)
        return table.copy()

    return upstream(load, pd.DataFrame(), f"catalog table {name!r}")
