"""The data behind each exportable chart as a table (``python app.py export --out FILE.csv``).

The map's table is :func:`views.export.view_table` (one row per province, the view's year or change);
the charts' tables are the frames their builders draw, each row with ``source``, ``year`` and ``vintage``
columns (a document or catalog row has no vintage: its ``vintage`` says ``as published``).
"""

from __future__ import annotations

import pandas as pd

from views import datasets
from views.change import vintage_of
from views.charts import ranking_indicator
from views.export import EXPORT_CHARTS, view_table
from views.indicators import indicator_meta, row_sources, shown_year
from views.matrix import matrix_data
from views.ranking import ranking_data
from views.regions import region_shares
from views.state import ViewState
from views.timeline import events_data

AS_PUBLISHED = "as published"  # the vintage of a document's own words (catalog rows, events)


def chart_table(state: ViewState, chart: str) -> pd.DataFrame:
    """The rows ``chart`` (one of :data:`views.export.EXPORT_CHARTS`) draws for ``state``.

    Raises
    ------
    ValueError
        If ``chart`` is not exportable.
    """
    if chart not in EXPORT_CHARTS:
        raise ValueError(f"chart={chart!r}: expected one of {', '.join(EXPORT_CHARTS)}")
    if chart in ("map", "prefecture"):
        return view_table(state)
    if chart == "ranking":
        return _ranking(state)
    if chart == "regions":
        return _regions()
    table = matrix_data("en")[0].copy() if chart == "matrix" else events_data("en").copy()
    titles = datasets.source_labels()
    table["source"] = table["source_id"].map(lambda s: titles.get(str(s), str(s)))
    table["year"] = ""
    table["vintage"] = AS_PUBLISHED
    return table


def _ranking(state: ViewState) -> pd.DataFrame:
    indicator = ranking_indicator(state)
    table = ranking_data(indicator, "en").copy()
    year = shown_year(indicator)  # the ranking shows the latest year
    meta = indicator_meta(indicator, "en")
    per_row = row_sources(indicator, year)
    table.insert(list(table.columns).index("value"), "indicator", indicator)
    table["unit"] = meta.unit
    table["year"] = "" if year is None else str(year)
    table["vintage"] = vintage_of(indicator, year) if year is not None else ""
    table["source"] = [per_row.get(a, meta.source) for a in table["adcode"]]
    return table


def _regions() -> pd.DataFrame:
    table = region_shares().copy()
    year = datasets.latest_year()
    table["year"] = str(year)
    table["vintage"] = [vintage_of(m, year) if m != "area" else "" for m in table["metric"]]
    table["source"] = table["detail"]
    return table
