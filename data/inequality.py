"""Regional inequality of GDP per capita: population-weighted coefficient of variation and Theil index.

Pure functions over two mappings — GDP and population per province, in any consistent units — plus
thin wrappers that read one year and vintage from :mod:`data.reference`. They answer the convergence
question: is the spread of GDP per capita across provinces narrowing, and how much of it lies between
the four macro-regions rather than within them?

Definitions (each province *i* with GDP :math:`Y_i` and population :math:`P_i`, totals :math:`Y, P`;
GDP per capita :math:`y_i = Y_i / P_i`, national :math:`\\bar y = Y / P`):

- population-weighted coefficient of variation
  :math:`CV_w = \\sqrt{\\sum_i (P_i/P)(y_i - \\bar y)^2} / \\bar y` (Williamson's index);
- Theil index (GDP-share weighted, population as the reference distribution)
  :math:`T = \\sum_i (Y_i/Y) \\ln\\big((Y_i/Y) / (P_i/P)\\big)`, which splits exactly, for groups *g*, into
  :math:`T_{between} = \\sum_g (Y_g/Y) \\ln\\big((Y_g/Y)/(P_g/P)\\big)` and
  :math:`T_{within} = \\sum_g (Y_g/Y) T_g` with :math:`T_g` the same index inside group *g*.

Provinces missing GDP or population are left out (and listed in the result), never imputed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["TheilResult", "gdp_per_capita_cv", "gdp_per_capita_theil", "theil", "weighted_cv"]


@dataclass(frozen=True)
class TheilResult:
    """A Theil index and its between/within-group split.

    Attributes
    ----------
    total : float
        Theil index over all provinces used (0 when GDP per capita is equal everywhere).
    between : float
        Part due to differences between the groups' GDP per capita.
    within : float
        GDP-share-weighted sum of the groups' own Theil indices; ``between + within == total``.
    by_group : dict
        ``{group: (gdp_share, population_share, theil_within_group)}``.
    excluded : tuple of str
        Provinces left out because GDP, population or group was missing.
    """

    total: float
    between: float
    within: float
    by_group: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    excluded: tuple[str, ...] = ()

    @property
    def between_share(self) -> float:
        """Share of the total due to between-group differences (NaN when the total is 0)."""
        return self.between / self.total if self.total else math.nan


def _pairs(
    gdp: Mapping[str, float], population: Mapping[str, float]
) -> tuple[dict[str, tuple[float, float]], list[str]]:
    used: dict[str, tuple[float, float]] = {}
    excluded: list[str] = []
    for code in sorted(set(gdp) | set(population)):
        y, p = gdp.get(code), population.get(code)
        if y is None or p is None or not (math.isfinite(y) and math.isfinite(p)) or y <= 0 or p <= 0:
            excluded.append(code)
        else:
            used[code] = (float(y), float(p))
    return used, excluded


def weighted_cv(gdp: Mapping[str, float], population: Mapping[str, float]) -> float:
    """Population-weighted coefficient of variation of GDP per capita.

    Parameters
    ----------
    gdp, population : mapping of province code to value
        GDP and population of each province (any units, the same for all provinces). Provinces with a
        missing or non-positive value in either are left out.

    Returns
    -------
    float
        :math:`\\sqrt{\\sum_i (P_i/P)(y_i-\\bar y)^2}/\\bar y`, unitless; NaN with no usable province.

    Examples
    --------
    Three provinces of equal population with GDP 1, 1 and 4: mean GDP per capita 2, weighted variance
    2, so CV = sqrt(2) / 2.

    >>> round(weighted_cv({"a": 1, "b": 1, "c": 4}, {"a": 1, "b": 1, "c": 1}), 6)
    0.707107
    """
    used, _ = _pairs(gdp, population)
    if not used:
        return math.nan
    total_y = sum(y for y, _ in used.values())
    total_p = sum(p for _, p in used.values())
    mean = total_y / total_p
    variance = sum(p / total_p * (y / p - mean) ** 2 for y, p in used.values())
    return math.sqrt(variance) / mean


def _theil(items: list[tuple[float, float]]) -> float:
    total_y = sum(y for y, _ in items)
    total_p = sum(p for _, p in items)
    return sum(y / total_y * math.log((y / total_y) / (p / total_p)) for y, p in items)


def theil(
    gdp: Mapping[str, float], population: Mapping[str, float], groups: Mapping[str, str]
) -> TheilResult:
    """Theil index of GDP per capita (population-weighted), split between and within groups.

    Parameters
    ----------
    gdp, population : mapping of province code to value
        GDP and population of each province (consistent units). Provinces with a missing or
        non-positive value, or without a group, are left out and listed in ``excluded``.
    groups : mapping of province code to group
        E.g. the four macro-regions (``{"110000": "east", ...}``).

    Returns
    -------
    TheilResult
        ``total == between + within`` (up to rounding); NaN parts with no usable province.

    Examples
    --------
    Provinces a, b (group x) and c (group y), population 1 each, GDP 1, 1 and 4: within group x
    GDP per capita is equal, so all of the inequality is between the groups:
    T = 2 * (1/6) ln(1/2) + (2/3) ln 2 = (1/3) ln 2.

    >>> r = theil({"a": 1, "b": 1, "c": 4}, {"a": 1, "b": 1, "c": 1}, {"a": "x", "b": "x", "c": "y"})
    >>> round(r.total, 6), round(r.between, 6), round(r.within, 6)
    (0.231049, 0.231049, 0.0)
    """
    used, excluded = _pairs(gdp, population)
    for code in [c for c in used if c not in groups]:
        del used[code]
        excluded.append(code)
    if not used:
        return TheilResult(math.nan, math.nan, math.nan, {}, tuple(sorted(excluded)))
    total_y = sum(y for y, _ in used.values())
    total_p = sum(p for _, p in used.values())
    members: dict[str, list[tuple[float, float]]] = {}
    for code, pair in used.items():
        members.setdefault(str(groups[code]), []).append(pair)
    by_group: dict[str, tuple[float, float, float]] = {}
    between = within = 0.0
    for group, items in sorted(members.items()):
        y_share = sum(y for y, _ in items) / total_y
        p_share = sum(p for _, p in items) / total_p
        t_group = _theil(items)
        by_group[group] = (y_share, p_share, t_group)
        between += y_share * math.log(y_share / p_share)
        within += y_share * t_group
    return TheilResult(_theil(list(used.values())), between, within, by_group, tuple(sorted(excluded)))


def _inputs(year: int, vintage: str | None) -> tuple[dict[str, float], dict[str, float]]:
    from data.reference import province_indicators

    wide = province_indicators(year, vintage=vintage)
    gdp = dict(zip(wide["adcode"], wide["gdp"].astype(float), strict=True))
    pop = dict(zip(wide["adcode"], wide["population"].astype(float), strict=True))
    return gdp, pop


def gdp_per_capita_cv(year: int, *, vintage: str | None = None) -> float:
    """:func:`weighted_cv` of the 31 provinces' GDP per capita for ``year`` (see
    :func:`data.reference.province_indicators` for how the vintage is chosen)."""
    return weighted_cv(*_inputs(year, vintage))


def gdp_per_capita_theil(year: int, groups: Mapping[str, str], *, vintage: str | None = None) -> TheilResult:
    """:func:`theil` of the 31 provinces' GDP per capita for ``year``, split by ``groups``
    (adcode -> group, e.g. the four macro-regions)."""
    gdp, pop = _inputs(year, vintage)
    return theil(gdp, pop, groups)
