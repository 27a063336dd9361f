"""The individual checks behind :func:`data.reconcile.reconciliation_table`.

Each check computes, from :class:`ReconInputs`, the value a claim can be compared with (in the
claim's own unit), or bounds, or says why it cannot; ``CHECKS`` maps claim ids to checks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

WEST = ("150000", "450000", "500000", "510000", "520000", "530000", "540000", "610000", "620000", "630000",
        "640000", "650000")
NORTHEAST = ("210000", "220000", "230000")
EASTERN_INNER_MONGOLIA = ("150400", "150500", "150700", "152200", "152500")


@dataclass(frozen=True)
class ReconInputs:
    """Everything the checks compute from (injectable for tests).

    Attributes
    ----------
    provinces : DataFrame
        ``province_indicators(year, vintage=...)``: adcode, gdp (100 million yuan), population (10,000
        persons), area.
    national : mapping
        National totals stored for ``year`` (``{"population": ...}`` in the same units); may be empty.
    population_by_year : mapping
        ``{year: {adcode: population}}`` for other years stored in indicators.csv.
    geo_area_km2 : mapping
        Equal-area area of every province- and prefecture-level unit of the built geometry.
    border : DataFrame
        Land-border segments: ``iso3, adcode, length_km``.
    sources : mapping
        ``{(indicator, adcode): source}`` of the rows used, for the ``basis`` column.
    year, vintage : int, str
        The statistics year and vintage ``provinces`` hold (``vintage`` "" when unknown).
    vintages : mapping
        ``{indicator: vintage}`` actually used per stored indicator (it differs from ``vintage`` where
        that vintage has no row for the year and the current NBS series stood in).
    tidy : DataFrame, optional
        All rows of indicators.csv; with it :meth:`at` can move the inputs to another year and vintage.
    published : mapping
        ``{source_id: year}`` a document was published (registry date, else the year in its id, else the
        latest year its claims mention).
    """

    provinces: pd.DataFrame
    national: Mapping[str, float]
    population_by_year: Mapping[int, Mapping[str, float]]
    geo_area_km2: Mapping[str, float]
    border: pd.DataFrame
    sources: Mapping[tuple[str, str], str] = field(default_factory=dict)
    year: int = 2023
    vintage: str = ""
    vintages: Mapping[str, str] = field(default_factory=dict)
    tidy: pd.DataFrame | None = None
    published: Mapping[str, int] = field(default_factory=dict)

    def at(self, year: int, vintage: str) -> ReconInputs:
        """The same inputs with the statistics of ``year`` in ``vintage`` (unchanged without ``tidy``).

        Each stored indicator uses ``vintage`` where it has a value for ``year``, else the current NBS
        series (recorded in :attr:`vintages`).
        """
        if self.tidy is None or (year, vintage) == (self.year, self.vintage):
            return self
        provinces, national, sources, used = _statistics(self.tidy, year, vintage)
        return replace(self, provinces=provinces, national=national, sources=sources, year=year,
                       vintage=vintage, vintages=used)


@dataclass(frozen=True)
class _Result:
    value: float | None          # computed value in the claim's unit (None: untestable)
    basis: str
    tolerance_pct: float = 0.0   # relative, for exact/about claims
    low: float | None = None     # bounds when the data only bracket the quantity
    high: float | None = None
    note: str = ""
    description: str = ""


_Check = Callable[[ReconInputs], _Result]


def _sum(values: Mapping[str, float], codes: tuple[str, ...]) -> float | None:
    picked = [values.get(c, math.nan) for c in codes]
    return None if any(v is None or math.isnan(v) for v in picked) else float(sum(picked))


def _province_values(inputs: ReconInputs, column: str) -> dict[str, float]:
    frame = inputs.provinces
    return dict(zip(frame["adcode"], frame[column].astype(float), strict=True))


def _stats_label(inputs: ReconInputs, indicator: str, adcode: str | None = None) -> str:
    """Name the statistics used: one province's own source, or the file for a sum of provinces."""
    if adcode is not None and (indicator, adcode) in inputs.sources:
        return f"{inputs.sources[(indicator, adcode)]} (indicators.csv)"
    vintage = inputs.vintages.get(indicator, inputs.vintage)
    if vintage == "first-published":
        return ("indicators.csv, figures first published (provincial statistical communiqués; each row names "
                "its source)")
    if vintage == "nbs-current":
        return "indicators.csv, current NBS series (分省年度数据; each row names its source)"
    return "indicators.csv (provincial statistical communiqués / NBS; each row names its source)"


def _national_population(inputs: ReconInputs) -> tuple[float | None, str]:
    national = inputs.national.get("population", math.nan)
    if national is not None and not math.isnan(national):
        return float(national), "national total"
    total = _sum(_province_values(inputs, "population"), tuple(inputs.provinces["adcode"]))
    return total, "sum of the 31 mainland provinces (no national total stored)"


def _no_year(inputs: ReconInputs) -> str:
    return f"the document gives no year; compared with {inputs.year}, the last year before it was published"


def _missing(inputs: ReconInputs, column: str, codes: tuple[str, ...]) -> str:
    values = _province_values(inputs, column)
    gaps = [c for c in codes if math.isnan(values.get(c, math.nan))]
    if not gaps:
        return ""
    return f"; untestable until indicators.csv has {inputs.year} {column} for {', '.join(gaps)}"


def _west_population(inputs: ReconInputs) -> _Result:
    total = _sum(_province_values(inputs, "population"), WEST)
    basis = (f"sum of the 12 western provinces' {inputs.year} year-end population, "
             f"{_stats_label(inputs, 'population')}")
    return _Result(None if total is None else total / 100.0, basis, tolerance_pct=2.0,
                   note=_no_year(inputs) + _missing(inputs, "population", WEST))


def _west_population_share(inputs: ReconInputs) -> _Result:
    west = _sum(_province_values(inputs, "population"), WEST)
    national, how = _national_population(inputs)
    value = None if west is None or not national else west * 100.0 / national
    return _Result(value, f"12 western provinces / {how}, {inputs.year} year-end population, "
                   f"{_stats_label(inputs, 'population')}", tolerance_pct=2.0,
                   note=_no_year(inputs) + _missing(inputs, "population", WEST))


def _geo_sum(inputs: ReconInputs, codes: tuple[str, ...]) -> float | None:
    return _sum(inputs.geo_area_km2, codes)


def _west_area(inputs: ReconInputs) -> _Result:
    area = _geo_sum(inputs, WEST)
    return _Result(None if area is None else area / 1e6,
                   "geometry: equal-area (Albers) area of the 12 western provinces", tolerance_pct=3.0)


def _west_land_share(inputs: ReconInputs) -> _Result:
    west = _geo_sum(inputs, WEST)
    provinces = tuple(c for c in inputs.geo_area_km2 if c.endswith("0000"))
    total = _geo_sum(inputs, provinces)
    value = None if west is None or not total else west * 100.0 / total
    return _Result(value, f"geometry: equal-area area of the 12 western provinces / all {len(provinces)} "
                   "province-level units (incl. Taiwan, Hong Kong, Macao)")


def _border(inputs: ReconInputs, codes: tuple[str, ...] | None = None) -> pd.DataFrame:
    seg = inputs.border
    return seg if codes is None else seg.loc[seg["adcode"].isin(codes)]


_LINE_DETAIL = ("measured on the built line (drill-down detail); surveyed boundary lengths run longer "
                "(China's land border is usually given as about 22,000 km), so a shortfall of a few percent "
                "may be line detail rather than a wrong claim")


def _west_border_length(inputs: ReconInputs) -> _Result:
    seg = _border(inputs, WEST)
    value = float(seg["length_km"].sum()) if len(seg) else None
    return _Result(value, "geometry: land-border segments on the side of the 12 western provinces, "
                   "geodesic length", note=_LINE_DETAIL)


def _west_border_share(inputs: ReconInputs) -> _Result:
    west, total = _border(inputs, WEST)["length_km"].sum(), _border(inputs)["length_km"].sum()
    value = float(west * 100.0 / total) if total else None
    note = (f"western {west:,.0f} km of {total:,.0f} km of land border; both from the same line, so the "
            "share depends far less on line detail than the lengths do") if total else ""
    return _Result(value, "geometry: land border on the western provinces' side / whole land border",
                   tolerance_pct=2.0, note=note)


def _west_neighbours(inputs: ReconInputs) -> _Result:
    seg = _border(inputs, WEST)
    isos = sorted(set(seg["iso3"]))
    return _Result(float(len(isos)) if isos else None,
                   "geometry: distinct neighbours along the western provinces' land border",
                   note=", ".join(isos))


def _border_provinces(inputs: ReconInputs) -> _Result:
    codes = sorted(set(_border(inputs)["adcode"]))
    return _Result(float(len(codes)) if codes else None,
                   "geometry: distinct provinces touching the land border", note=", ".join(codes))


def _northeast_area(inputs: ReconInputs) -> _Result:
    area = _geo_sum(inputs, NORTHEAST + EASTERN_INNER_MONGOLIA)
    three = _geo_sum(inputs, NORTHEAST)
    note = f"three provinces alone: {three / 1e6:.3f} million km2" if three else ""
    return _Result(None if area is None else area / 1e6,
                   "geometry: equal-area area of Liaoning, Jilin, Heilongjiang and the five eastern Inner "
                   "Mongolia prefectures", note=note)


def _northeast_population(inputs: ReconInputs) -> _Result:
    pop = _province_values(inputs, "population")
    three = _sum(pop, NORTHEAST)
    with_im = _sum(pop, (*NORTHEAST, "150000"))
    if three is None or with_im is None:
        return _Result(None, f"{inputs.year} year-end population, {_stats_label(inputs, 'population')}",
                       note=_missing(inputs, "population", (*NORTHEAST, "150000")).removeprefix("; "))
    low, high = three / 100.0, with_im / 100.0
    return _Result(None,
                   f"{inputs.year} year-end population, {_stats_label(inputs, 'population')}: bounds only",
                   low=low, high=high,
                   note=(f"no prefecture population for eastern Inner Mongolia in indicators.csv: the three "
                         f"provinces have {low:.1f} million, with all of Inner Mongolia {high:.1f} million; "
                         "the claim is decided only if both bounds are on the same side"))


def _jilin_area(inputs: ReconInputs) -> _Result:
    area = inputs.geo_area_km2.get("220000")
    official = _province_values(inputs, "area").get("220000", math.nan)
    note = f"official area in indicators.csv: {official:,.0f} km2" if not math.isnan(official) else ""
    return _Result(area, "geometry: equal-area (Albers) area of Jilin", tolerance_pct=3.0, note=note)


def _jilin_population(inputs: ReconInputs) -> _Result:
    value = _province_values(inputs, "population").get("220000", math.nan)
    return _Result(None if math.isnan(value) else value * 1e4,
                   f"Jilin {inputs.year} year-end population: {_stats_label(inputs, 'population', '220000')}",
                   tolerance_pct=1.0, note=_no_year(inputs))


def _liaoning_gdp(inputs: ReconInputs) -> _Result:
    value = _province_values(inputs, "gdp").get("210000", math.nan)
    return _Result(None if math.isnan(value) else value / 1e4,
                   f"Liaoning {inputs.year} GDP: {_stats_label(inputs, 'gdp', '210000')}", tolerance_pct=2.0,
                   note="the document rounds to one significant figure")


def _inner_mongolia_population(inputs: ReconInputs) -> _Result:
    if inputs.year == 2020:
        value = _province_values(inputs, "population").get("150000", math.nan)
        if not math.isnan(value):
            return _Result(value / 100.0, "Inner Mongolia 2020 year-end population: "
                           f"{_stats_label(inputs, 'population', '150000')}", tolerance_pct=1.0,
                           note="the claim is the 2020 census count (1 Nov 2020); compared with the 2020 "
                                "year-end population")
    by_2020 = inputs.population_by_year.get(2020, {})
    if "150000" in by_2020 and not math.isnan(by_2020["150000"]):
        return _Result(by_2020["150000"] / 100.0, "Inner Mongolia 2020 population, indicators.csv",
                       tolerance_pct=1.0)
    value = _province_values(inputs, "population").get("150000", math.nan)
    return _Result(None if math.isnan(value) else value / 100.0,
                   f"Inner Mongolia {inputs.year} year-end population: "
                   f"{_stats_label(inputs, 'population', '150000')}",
                   tolerance_pct=2.0,
                   note=f"no 2020 figure in indicators.csv: compared with {inputs.year} year-end")


def _border_areas_population(_: ReconInputs) -> _Result:
    return _Result(None, "no data", note=(
        "border areas are counties (land-border and sea-border areas), not provinces; indicators.csv has "
        "only provincial statistics, so the share cannot be computed"))


def _northeast_grain(_: ReconInputs) -> _Result:
    return _Result(None, "no data", description=(
        "grain output of Liaoning, Jilin, Heilongjiang and Inner Mongolia, whole provinces (2023)"), note=(
        "scope as the sentence gives it: the three provinces and all of Inner Mongolia, not the atlas's "
        "Northeast "
        "(which counts only five eastern Inner Mongolia prefectures). "
        "No grain statistics in indicators.csv. As printed, 18,495.9 million tons is about 27 times China's "
        "whole 2023 grain output (695.41 million tons, NBS); the figure reads as 18,495.9 ten-thousand tons "
        "(184.96 million tons), which fits the 'over a quarter' of the same sentence"))


CHECKS: dict[str, _Check] = {
    "west-population": _west_population,
    "west-population-share": _west_population_share,
    "west-area": _west_area,
    "west-land-area-share": _west_land_share,
    "west-land-border-length": _west_border_length,
    "west-land-border-share": _west_border_share,
    "west-neighbour-countries": _west_neighbours,
    "china-border-provinces": _border_provinces,
    "northeast-area": _northeast_area,
    "northeast-population": _northeast_population,
    "jilin-area": _jilin_area,
    "jilin-population": _jilin_population,
    "liaoning-gdp-2023": _liaoning_gdp,
    "inner-mongolia-population-2020": _inner_mongolia_population,
    "border-areas-population-share": _border_areas_population,
    "northeast-grain-output-2023": _northeast_grain,
}




def default_inputs() -> ReconInputs:
    """Load the inputs from ``data.reference`` and the built geometry (``geo.artifacts``).

    The statistics start at 2023 in the first-published vintage; :func:`data.reconcile.reconciliation_table`
    moves them (:meth:`ReconInputs.at`) to the year and vintage each claim's document could have seen.
    """
    from data.reference import load_indicators, series
    from geo.artifacts import load_border, prefecture_table, province_table

    tidy = load_indicators()
    pop = series("population", frame=tidy).dropna(subset=["value"])
    by_year = {int(y): dict(zip(g["adcode"], g["value"].astype(float), strict=True))
               for y, g in pop.groupby(pop["year"].astype(int))}
    areas: dict[str, float] = {}
    for table in (province_table(), prefecture_table()):
        areas.update(zip(table["adcode"].astype(str), table["area_km2"].astype(float), strict=True))
    provinces, national, sources, used = _statistics(tidy, 2023, "first-published")
    return ReconInputs(provinces=provinces, national=national, population_by_year=by_year,
                       geo_area_km2=areas, border=_land_border(load_border()), sources=sources, year=2023,
                       vintage="first-published", vintages=used, tidy=tidy, published=_publication_years())


# What stands in when a vintage has no value for the year: a document published before the 2025
# revision saw the final verified figures of earlier years, not the revised series.
_FALLBACK: dict[str, tuple[str, ...]] = {"first-published": ("nbs-pre-2025", "nbs-current")}


def _statistics(tidy: pd.DataFrame, year: int, vintage: str) -> tuple[
        pd.DataFrame, dict[str, float], dict[tuple[str, str], str], dict[str, str]]:
    """Province table, national totals, row sources and vintage per indicator for ``year``/``vintage``.

    An indicator without a value in ``vintage`` for ``year`` falls back along :data:`_FALLBACK` (for
    ``first-published``: the series before the 2025 revision, then the current one).
    """
    from data.reference import BASE_UNITS, national_indicators, province_indicators

    chain = [vintage, *(v for v in _FALLBACK.get(vintage, ("nbs-current",)) if v != vintage)]
    wide = province_indicators(year, vintage=vintage, frame=tidy)
    used: dict[str, str] = {}
    for ind in BASE_UNITS:
        if ind == "area":
            continue
        rows = tidy.loc[(tidy["indicator"] == ind) & (tidy["year"] == year) & tidy["value"].notna()]
        has = set(rows["vintage"])
        chosen = next((v for v in chain if v in has), None)
        if chosen is None:
            continue
        used[ind] = chosen
        if chosen != vintage:
            wide[ind] = province_indicators(year, vintage=chosen, frame=tidy)[ind]
    national: dict[str, float] = {}
    for v in reversed(chain):  # the preferred vintage last, so it wins
        national.update(national_indicators(year, vintage=v, frame=tidy))
    rows = tidy.loc[(tidy["year"] == year) & tidy["value"].notna()]
    sources = {(r["indicator"], r["adcode"]): r["source"] for r in rows.to_dict(orient="records")
               if r["vintage"] == used.get(r["indicator"], vintage)}
    return wide, national, sources, used


def _publication_years() -> dict[str, int]:
    """``{source_id: year}`` from the sources registry's date, else a year in the id."""
    from config import SOURCES_DIR

    path = SOURCES_DIR / "sources.csv"
    if not path.is_file():
        return {}
    registry = pd.read_csv(path, dtype=str, keep_default_na=False)
    out: dict[str, int] = {}
    for rec in registry.to_dict(orient="records"):
        found = re.match(r"(\d{4})", rec.get("date", "")) or re.search(r"(?:^|-)((?:19|20)\d{2})$", rec["id"])
        if found:
            out[rec["id"]] = int(found.group(1))
    return out


def _land_border(geojson: Mapping[str, Any]) -> pd.DataFrame:
    rows = []
    for feature in geojson["features"]:
        props = feature["properties"]
        if props.get("kind", "land") != "land" or not props.get("iso3"):
            continue
        rows.append({"iso3": props["iso3"], "adcode": str(props["adcode"]),
                     "length_km": float(props["length_km"])})
    return pd.DataFrame(rows, columns=["iso3", "adcode", "length_km"])
