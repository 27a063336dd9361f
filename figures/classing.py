"""Class breaks for the choropleth: quantiles and Fisher-Jenks natural breaks, in plain numpy.

mapclassify computes the same breaks, but importing it pulls in scipy.stats and scikit-learn (about 1 s,
most of the server's start-up). For the 34 provinces the atlas classes, the exact dynamic programme in
numpy takes about a millisecond. ``tests/dashboard/test_map_classing.py`` checks both functions against
mapclassify and against brute force.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from figures.common import diverging_colors

#: The class-break methods the map offers (the URL's ``classify``), the one list of them.
CLASSIFIERS: tuple[str, ...] = ("quantiles", "natural_breaks")


def quantile_breaks(values: Sequence[float] | np.ndarray, k: int) -> np.ndarray:
    """Upper bounds of ``k`` quantile classes (fewer when quantiles repeat), as mapclassify.Quantiles.

    Parameters
    ----------
    values : sequence of float
        Finite values.
    k : int
        Number of classes wanted, at least 1.

    Returns
    -------
    numpy.ndarray
        Sorted, distinct upper bounds; the last one is the maximum.
    """
    y = _finite(values, "values")
    if k < 1:
        raise ValueError(f"k={k}: expected at least 1 class")
    step = 100.0 / k
    percents = np.arange(step, 100 + step, step)  # mapclassify's own grid, float error included
    percents[percents > 100.0] = 100.0
    ordered = np.sort(y)
    return np.unique([_score_at_percentile(ordered, p) for p in percents])


def fisher_jenks_breaks(values: Sequence[float] | np.ndarray, k: int) -> np.ndarray:
    """Upper bounds of the ``k`` classes that minimise the within-class sum of squared deviations.

    Exact (Fisher 1958): a dynamic programme over the sorted values, O(k·n²) time, O(k·n) memory.

    Parameters
    ----------
    values : sequence of float
        Finite values.
    k : int
        Number of classes, 1 ≤ k ≤ number of distinct values.

    Returns
    -------
    numpy.ndarray
        ``k`` increasing upper bounds, each a value of the data; the last one is the maximum.
    """
    x = np.sort(_finite(values, "values"))
    n_distinct = np.unique(x).size
    if not 1 <= k <= n_distinct:
        raise ValueError(f"k={k}: expected 1 to {n_distinct} (the number of distinct values)")
    n = x.size
    # cost(i, j) of one class holding x[i:j] (j exclusive) from prefix sums
    s1 = np.concatenate(([0.0], np.cumsum(x)))
    s2 = np.concatenate(([0.0], np.cumsum(x * x)))
    best = np.full((k + 1, n + 1), np.inf)
    cut = np.zeros((k + 1, n + 1), dtype=int)
    best[0, 0] = 0.0
    # a class may only start where the value changes: equal values always share a class (with ties in
    # the cost, e.g. a split inside a run of equal values, the programme could otherwise pick one)
    starts = np.concatenate(([True], x[1:] > x[:-1]))
    for c in range(1, k + 1):
        for j in range(c, n + 1):
            if j < n and not starts[j]:
                continue  # x[j-1] == x[j]: no class ends here
            i = np.arange(c - 1, j)  # the last class is x[i:j]
            count = j - i
            cost = (s2[j] - s2[i]) - (s1[j] - s1[i]) ** 2 / count
            total = np.where(starts[i], best[c - 1, i] + np.maximum(cost, 0.0), np.inf)
            m = int(np.argmin(total))
            best[c, j], cut[c, j] = total[m], i[m]
    uppers = []
    j = n
    for c in range(k, 0, -1):
        uppers.append(x[j - 1])
        j = cut[c, j]
    return np.asarray(uppers[::-1])


def assign_classes(values: Sequence[float] | np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Class index of each value: the first class whose upper bound is ≥ the value (mapclassify's bin1d)."""
    return np.searchsorted(np.asarray(breaks, dtype=float), np.asarray(values, dtype=float), side="left")


def _score_at_percentile(sorted_y: np.ndarray, percent: float) -> float:
    """scipy.stats.scoreatpercentile's weighted interpolation, rounding included: with numpy's own
    percentile two equal neighbours can round differently and the classes would differ from mapclassify's."""
    idx = percent / 100.0 * (sorted_y.size - 1)
    i = int(idx)
    if i == idx:
        return float(sorted_y[i])
    weights = np.array([(i + 1) - idx, idx - i])
    return float(np.add.reduce(sorted_y[i:i + 2] * weights) / weights.sum())


def _finite(values: Sequence[float] | np.ndarray, name: str) -> np.ndarray:
    y = np.asarray(values, dtype=float).ravel()
    if y.size == 0:
        raise ValueError(f"{name}: expected at least one value, got none")
    if not np.isfinite(y).all():
        raise ValueError(f"{name}: expected finite numbers only (NaN means no value: drop it first)")
    return y


def diverging_classes(values: Sequence[float] | np.ndarray, centre: float,
                      per_side: int = 3) -> tuple[np.ndarray, int, int]:
    """Class values on either side of ``centre``: quantile classes below it and at or above it.

    Parameters
    ----------
    values : sequence of float
        NaN means "no value" (class -1).
    centre : float
        The value the palette diverges from (e.g. the national change); values equal to it go above.
    per_side : int
        Upper bound on the classes on each side (fewer when a side has fewer distinct values).

    Returns
    -------
    index : numpy.ndarray
        Class per value, ``0 .. below + above - 1`` in ascending order (-1: no value).
    below, above : int
        Number of classes under and over the centre.
    """
    if not np.isfinite(centre):
        raise ValueError(f"centre={centre!r}: expected a finite number")
    if per_side < 1:
        raise ValueError(f"per_side={per_side}: expected at least 1")
    y = np.asarray(values, dtype=float).ravel()
    index = np.full(y.size, -1, dtype=int)
    ok = np.isfinite(y)
    counts = []
    offset = 0
    for mask in (ok & (y < centre), ok & (y >= centre)):
        side = y[mask]
        if side.size == 0:
            counts.append(0)
            continue
        k = min(per_side, np.unique(side).size)
        raw = np.zeros(side.size, dtype=int) if k == 1 else assign_classes(side, quantile_breaks(side, k))
        used = sorted(set(raw.tolist()))
        remap = {old: new for new, old in enumerate(used)}
        index[mask] = [offset + remap[c] for c in raw]
        offset += len(used)
        counts.append(len(used))
    return index, counts[0], counts[1]


def diverging_classify(values: Sequence[float] | np.ndarray, centre: float | None, decimals: int = 1,
                       unit: str = "") -> tuple[np.ndarray, list[str], list[str]]:
    """Class changes on either side of ``centre`` (None: zero) with :func:`diverging_classes`, on PuOr.

    Returns the class per value (-1: none), a label per class with signs and the unit ("+2.1 – +3.4
    %/yr") and a colour per class; empty sides are dropped.
    """
    y = np.asarray(values, dtype=float)
    if not np.isfinite(y).any():
        return np.full(len(y), -1, dtype=int), [], []
    centre = centre if centre is not None and math.isfinite(centre) else 0.0
    index, below, above = diverging_classes(y, centre)
    suffix = f" {unit}" if unit else ""
    labels = []
    for c in range(below + above):
        members = y[index == c]
        lo, hi = float(members.min()), float(members.max())
        labels.append(format_signed(lo, decimals) + suffix if lo == hi
                      else f"{format_signed(lo, decimals)} – {format_signed(hi, decimals)}{suffix}")
    return index, labels, diverging_colors(below, above)


def format_signed(value: float | None, decimals: int = 1) -> str:
    """A change with its sign ("+2.1", "−0.4", "0.0"); "–" for a missing value."""
    if value is None or not math.isfinite(value):
        return "–"
    text = f"{abs(value):,.{decimals}f}"
    if float(text.replace(",", "")) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def format_number(value: float | None, decimals: int = 0) -> str:
    """Format with thousands separators; "–" for a missing value."""
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:,.{decimals}f}"
