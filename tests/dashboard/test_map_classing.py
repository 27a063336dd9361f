"""The choropleth's own class breaks against mapclassify (the reference) and against brute force."""

from __future__ import annotations

import itertools
import warnings

import mapclassify  # the reference implementation; a test dependency only (requirements.lock)
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.classing import assign_classes, fisher_jenks_breaks, quantile_breaks

values_lists = st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, width=32),
                        min_size=2, max_size=60)


def within_class_ssd(values: np.ndarray | list[float], classes: np.ndarray) -> float:
    """Sum over classes of squared deviations from the class mean (what Fisher-Jenks minimises)."""
    y = np.asarray(values, dtype=float)
    return float(sum(((y[classes == c] - y[classes == c].mean()) ** 2).sum() for c in np.unique(classes)))


def _reference(cls: type, y: np.ndarray, k: int) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.asarray(cls(y, k=k).yb, dtype=int)


@settings(max_examples=150, deadline=None)
@given(values=values_lists, k=st.integers(min_value=2, max_value=7))
def test_quantiles_match_mapclassify(values: list[float], k: int) -> None:
    y = np.asarray(values)
    ours = assign_classes(y, quantile_breaks(y, k))
    assert ours.tolist() == _reference(mapclassify.Quantiles, y, k).tolist()


@settings(max_examples=120, deadline=None)
@given(values=values_lists, k=st.integers(min_value=2, max_value=7))
def test_fisher_jenks_is_at_least_as_good_as_mapclassify(values: list[float], k: int) -> None:
    y = np.asarray(values)
    k = min(k, np.unique(y).size)
    ours = assign_classes(y, fisher_jenks_breaks(y, k))
    theirs = _reference(mapclassify.FisherJenks, y, k)
    # mapclassify accumulates in float32, so compare the objective rather than the breaks
    assert within_class_ssd(y, ours) <= within_class_ssd(y, theirs) * (1 + 1e-6) + 1e-6
    assert np.unique(ours).size == k


@pytest.mark.parametrize("seed", range(12))
def test_fisher_jenks_is_optimal_by_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    y = np.round(rng.lognormal(3, 1, size=9), 2)
    k = 3
    x = np.sort(y)
    best = min(
        within_class_ssd(x, np.searchsorted(np.array([x[a - 1], x[b - 1], x[-1]]), x, side="left"))
        for a, b in itertools.combinations(range(1, len(x)), 2)
    )
    ours = assign_classes(y, fisher_jenks_breaks(y, k))
    assert within_class_ssd(y, ours) == pytest.approx(best)


def test_known_breaks() -> None:
    y = [1, 2, 3, 10, 11, 12, 50, 51]
    assert fisher_jenks_breaks(y, 3).tolist() == [3, 12, 51]
    # equal values share a class even when splitting them costs nothing (found by hypothesis)
    tied = [0.0, 1.1754943508222875e-38, -1.0, -1.0]
    assert np.unique(assign_classes(tied, fisher_jenks_breaks(tied, 3))).size == 3
    assert quantile_breaks(np.arange(1000), 4).tolist() == [249.75, 499.5, 749.25, 999.0]  # mapclassify's doc


def test_bad_arguments_name_the_parameter() -> None:
    with pytest.raises(ValueError, match="k=4"):
        fisher_jenks_breaks([1, 1, 2], 4)
    with pytest.raises(ValueError, match="k=0"):
        quantile_breaks([1, 2], 0)
    with pytest.raises(ValueError, match="values"):
        quantile_breaks([1, float("nan")], 2)
