"""Test the documents' numeric claims against official statistics and the map's geometry.

Each row of :func:`reconciliation_table` puts a claim from ``claims.csv`` beside the value computed
from ``data/reference/indicators.csv`` (NBS and provincial statistics) or from the built geometry
(equal-area areas, land-border lengths by neighbour), with a verdict. A disagreement is a finding
about the document, not a bug: the table shows it.

Verdicts: ``agree`` / ``disagree`` follow the claim's own qualifier — ``exact`` and ``about`` must be
within the stated relative tolerance, ``over`` / ``more_than`` need a larger computed value,
``less_than`` a smaller one. When the data only bound the quantity (e.g. the Northeast's population
without prefecture statistics for eastern Inner Mongolia) the verdict is decided only if the whole
range is on one side of the claim, otherwise ``untestable``; so is a claim the data cannot reach.
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from data._reconcile_checks import (
    CHECKS,
    EASTERN_INNER_MONGOLIA,
    NORTHEAST,
    WEST,
    ReconInputs,
    _Result,
    default_inputs,
)

__all__ = [
    "COLUMNS", "EASTERN_INNER_MONGOLIA", "NORTHEAST", "WEST", "ReconInputs", "default_inputs",
    "reconciliation_table",
]

COLUMNS = [
    "claim_id", "description", "region", "adcode", "period", "claimed_value", "unit", "qualifier",
    "computed_value", "difference_pct", "verdict", "tolerance", "basis", "note", "source_id", "quote",
]


def reconciliation_table(
    claims: pd.DataFrame | None = None, inputs: ReconInputs | None = None
) -> pd.DataFrame:
    """Return one row per testable claim with the computed value and a verdict.

    Parameters
    ----------
    claims : DataFrame, optional
        Claims as in ``load_catalog().claims`` (default: the catalog's).
    inputs : ReconInputs, optional
        Statistics and geometry to compute from (default: ``data.reference`` and ``geo.artifacts``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`; ``computed_value`` and ``difference_pct`` are NaN when untestable.
    """
    if claims is None and inputs is None:
        return _default_table().copy()
    if claims is None:
        from data.catalog import load_catalog

        claims = load_catalog().claims
    inputs = inputs if inputs is not None else default_inputs()
    by_id = claims.set_index("claim_id")
    rows = []
    for claim_id, check in CHECKS.items():
        if claim_id not in by_id.index:
            continue
        rows.append(_row(claim_id, by_id.loc[claim_id], check(inputs)))
    return pd.DataFrame(rows, columns=COLUMNS)


@cache
def _default_table() -> pd.DataFrame:
    from data.catalog import load_catalog

    return reconciliation_table(load_catalog().claims, default_inputs())


def _row(claim_id: str, claim: pd.Series, result: _Result) -> dict[str, object]:
    claimed = float(claim["value"])
    qualifier = str(claim["qualifier"])
    value = result.value
    verdict, tolerance = _verdict(claimed, qualifier, result)
    diff = (value - claimed) * 100.0 / claimed if value is not None and claimed else math.nan
    return {
        "claim_id": claim_id,
        "description": result.description or _describe(claim),
        "region": claim["region"],
        "adcode": claim["adcode"],
        "period": claim["period"],
        "claimed_value": claimed,
        "unit": claim["unit"],
        "qualifier": qualifier,
        "computed_value": value if value is not None else math.nan,
        "difference_pct": round(diff, 2) if not math.isnan(diff) else math.nan,
        "verdict": verdict,
        "tolerance": tolerance,
        "basis": result.basis,
        "note": result.note,
        "source_id": claim["source_id"],
        "quote": claim["quote"],
    }


def _verdict(claimed: float, qualifier: str, result: _Result) -> tuple[str, str]:
    low, high = result.low, result.high
    if result.value is not None:
        low = high = result.value
    if low is None or high is None:
        return "untestable", ""
    if qualifier in ("over", "more_than", "at_least"):
        strict = qualifier != "at_least"
        rule = "computed must exceed the claim" if strict else "computed must reach the claim"
        ok = low > claimed if strict else low >= claimed
        bad = high <= claimed if strict else high < claimed
    elif qualifier == "less_than":
        rule, ok, bad = "computed must be below the claim", high < claimed, low >= claimed
    else:
        tol = result.tolerance_pct
        rule = f"within ±{tol:g} % of the claim" if tol else "equal to the claim"
        lo_lim, hi_lim = claimed * (1 - tol / 100), claimed * (1 + tol / 100)
        ok = lo_lim <= low and high <= hi_lim
        bad = high < lo_lim or low > hi_lim
    if ok:
        return "agree", rule
    if bad:
        return "disagree", rule
    return "untestable", rule


def _describe(claim: pd.Series) -> str:
    where = claim["region"] or claim["adcode"] or "China"
    period = f" ({claim['period']})" if claim["period"] else ""
    return f"{claim['indicator'].replace('_', ' ')} of {where}{period}"
