"""Data for the drill-down panel: strategies, claims with verdicts, indicators against region and nation."""

from __future__ import annotations

import math
from functools import cache, lru_cache
from typing import Any, SupportsFloat, SupportsIndex

import pandas as pd

from views import datasets

STAT_ORDER = ("gdp", "population", "area", "area_boundary", "gdp_per_capita", "density")
# ratio indicators: (numerator, denominator) columns; a region's value is the ratio of its sums
_RATIOS = {"gdp_per_capita": ("gdp", "population"), "density": ("population", "area_boundary")}


@lru_cache(maxsize=64)
def province_strategies(adcode: str) -> pd.DataFrame:
    """Strategies covering a province (``data.catalog.strategies_for``): whole (via province) or part."""
    def load() -> pd.DataFrame:
        from data.catalog import strategies_for

        return strategies_for(adcode)

    try:
        return datasets.upstream(load, pd.DataFrame(), f"strategies of {adcode}")
    except ValueError:  # an adcode the catalog does not know: nothing covers it
        return pd.DataFrame()


@cache
def _reconciled() -> pd.DataFrame:
    """The reconciliation table indexed by claim_id (verdict, description, computed value, note)."""
    table = datasets.reconciliation()
    if table.empty or "claim_id" not in table.columns:
        return pd.DataFrame()
    return table.drop_duplicates("claim_id").set_index("claim_id")


def province_claims(adcode: str) -> pd.DataFrame:
    """The catalog claims about a province or one of its prefectures, with the reconciliation's
    ``verdict``, ``description``, ``computed_value`` and ``detail`` (its note) where it tested them."""
    claims = datasets.catalog_table("claims")
    if claims.empty or "adcode" not in claims.columns:
        return pd.DataFrame()
    inside = claims["adcode"].map(lambda a: isinstance(a, str) and datasets.province_of(a) == adcode)
    rows = claims[inside].copy()
    rec = _reconciled()
    for column, source in (("verdict", "verdict"), ("description", "description"),
                           ("computed_value", "computed_value"), ("detail", "note")):
        values = rec[source] if source in rec.columns else pd.Series(dtype=object)
        rows[column] = [values.get(c) if c in values.index else None for c in rows["claim_id"]]
    return rows


def indicator_rows(adcode: str, region: str | None) -> list[dict[str, Any]]:
    """Per statistic: value, rank among provinces with a value, and the region's and nation's figures.

    For additive statistics (GDP, population, area) ``*_share`` is the province's percentage of the
    region's / nation's sum; for ratios the region's and nation's values are ratios of sums.
    """
    stats = datasets.statistics()
    if stats.empty or adcode not in set(stats["adcode"]):
        return []
    regions = datasets.region_of()
    in_region = stats["adcode"].map(regions.get) == region if region else pd.Series(False, index=stats.index)
    own = stats.set_index("adcode").loc[adcode]
    if not isinstance(own, pd.Series):  # the adcode twice: no one row to show (no value converts)
        return []
    rows = []
    for ind in STAT_ORDER:
        if ind not in stats.columns or not _finite(own.get(ind)):
            continue
        column = stats[ind]
        value = float(own[ind])
        row: dict[str, Any] = {"indicator": ind, "value": value,
                               "rank": int((column > value).sum()) + 1, "count": int(column.notna().sum())}
        for scope, mask in (("region", in_region), ("nation", pd.Series(True, index=stats.index))):
            part = stats[mask]
            if part.empty or (not region and scope == "region"):
                row[f"{scope}_value"] = None
                continue
            if ind in _RATIOS:
                num, den = _RATIOS[ind]
                # the unit factor (e.g. 1e4 for yuan per person), taken from the data itself
                factor = (stats[ind] / (stats[num] / stats[den])).median()
                row[f"{scope}_value"] = float(part[num].sum() / part[den].sum() * factor)
            else:
                total = float(part[ind].sum())
                row[f"{scope}_value"] = total
                row[f"{scope}_share"] = 100.0 * value / total if total else math.nan
        rows.append(row)
    return rows


def _finite(value: object) -> bool:
    if not isinstance(value, (SupportsFloat, SupportsIndex, str, bytes, bytearray)):  # what float() takes
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False
