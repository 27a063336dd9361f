"""The county level of the drill-down: one prefecture's county-level units, with the land-border counties
picked out, and the border-county counts of a province.

The geometry is the build's per-province county file (``geo.artifacts.load_counties``), filtered to the
prefecture, so the browser gets one prefecture's counties at a time.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from functools import lru_cache
from typing import Any

import pandas as pd

from figures.common import OKABE_ITO
from figures.map import Category
from figures.prefecture import prefecture_map
from views import datasets, words


def county_figure_json(province: str, prefecture: str, lang: str) -> dict[str, Any] | None:
    """The county map of ``prefecture`` (a prefecture-level adcode in ``province``) as a plain dict, or
    None when the prefecture has no county-level units in the build.

    Raises
    ------
    ValueError
        If ``prefecture`` is not in ``province`` (its first two digits differ).
    """
    if datasets.province_of(prefecture) != province:
        raise ValueError(f"prefecture={prefecture!r}: expected a prefecture of province {province}")
    return _county_figure(province, prefecture, words.as_lang(lang))


def county_rows(province: str, prefecture: str) -> pd.DataFrame:
    """``adcode, name_en, name_zh, border, border_km, neighbours`` of the prefecture's county-level units."""
    features = _features(province, prefecture)
    rows = [{k: (f.get("properties") or {}).get(k) for k in ("adcode", "name_en", "name_zh", "border",
                                                               "border_km", "neighbours")}
            for f in features]
    return pd.DataFrame(rows, columns=["adcode", "name_en", "name_zh", "border", "border_km", "neighbours"])


def border_county_count(province: str) -> tuple[int, int]:
    """(land-border counties, county-level units) of ``province``; (0, 0) when the build has no counts."""
    meta = datasets.county_meta()
    counts = (meta.get("counts") or {}).get("by_province") or {}
    border = ((meta.get("border_counties") or {}).get("by_province") or {})
    return int(border.get(province, 0)), int(counts.get(province, 0))


@lru_cache(maxsize=256)
def _county_figure(province: str, prefecture: str, lang: str) -> dict[str, Any] | None:
    features = _features(province, prefecture)
    if not features:
        return None
    rows = county_rows(province, prefecture)
    rows["category"] = ["border" if b else "" for b in rows["border"]]
    rows["note"] = [_note(r, lang) for r in rows.to_dict("records")]
    fig = prefecture_map(
        {"type": "FeatureCollection", "features": features}, rows,
        categories=[Category("border", words.t("panel.border_counties", lang), OKABE_ITO[5])],
        other_label=words.t("panel.other_counties", lang), no_data_label=words.t("map.nodata", lang),
    )
    figure: dict[str, Any] = fig.to_plotly_json()  # plotly is untyped: the figure as a plain dict
    return figure


def _features(province: str, prefecture: str) -> list[dict[str, Any]]:
    return _by_prefecture(province).get(prefecture, [])


@lru_cache(maxsize=64)
def _by_prefecture(province: str) -> dict[str, list[dict[str, Any]]]:
    """The province's county features grouped by prefecture (one pass over the file, not one per click)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for feature in (datasets.counties_geojson(province) or {}).get("features") or []:
        parent = str((feature.get("properties") or {}).get("parent_adcode"))
        groups.setdefault(parent, []).append(feature)
    return groups


def _note(row: Mapping[Hashable, Any], lang: str) -> str:
    if not row.get("border"):
        return ""
    codes = [c for c in str(row.get("neighbours") or "").split(";") if c]
    names = ", ".join(words.t(f"country.{c}", lang) if words.has(f"country.{c}") else c for c in codes)
    km = float(row.get("border_km") or 0)
    return f"{words.t('panel.border_counties', lang)}: {names} · {km:,.0f} km"
