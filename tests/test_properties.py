"""Invariants that hold for any input (Hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import likelihood as lk

RANGE_SCALES = ["icd203", "phia", "ipcc", "kent", "efsa"]
probabilities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
betas = st.tuples(st.floats(0.3, 60.0), st.floats(0.3, 60.0))


@st.composite
def intervals(draw: st.DrawFn) -> tuple[float, float]:
    # ends at 0 or 1 exactly, or at least 1e-9 inside: closer than that, a range leaves
    # too little of [0, 1] outside for a Beta in double precision (FitError, tested apart)
    lo = draw(st.just(0.0) | st.floats(1e-9, 0.98))
    width = draw(st.floats(0.01, 1.0 - lo))
    hi = min(lo + width, 1.0)
    return lo, (1.0 if hi > 1.0 - 1e-9 else hi)


@settings(max_examples=60, deadline=None)
@given(intervals(), st.sampled_from([0.5, 0.8, 0.9, 0.95]))
def test_interval_judgment_holds_its_mass(bounds: tuple[float, float], mass: float) -> None:
    lo, hi = bounds
    j = lk.judge(bounds, mass=mass)
    if (lo, hi) == (0.0, 1.0):
        assert j.beta == (1.0, 1.0)
        return
    inside = stats.beta.cdf(hi, *j.beta) - stats.beta.cdf(lo, *j.beta)
    assert inside == pytest.approx(mass, abs=1e-9)
    assert 0.0 < j.mean() < 1.0


@settings(max_examples=200, deadline=None)
@given(probabilities, st.sampled_from(RANGE_SCALES))
def test_describe_names_a_term_holding_p_or_the_gap_around_it(p: float, name: str) -> None:
    sc = lk.scale(name)
    d = lk.describe(p, scale=name)
    holding = [t for t in sc if t.range is not None and not t.uncertain and t.contains(p)]
    if d.relation == "within":
        assert sc[str(d)] in holding
        narrowest = min(t.upper - t.lower for t in holding)
        assert sc[str(d)].upper - sc[str(d)].lower == pytest.approx(narrowest, abs=1e-12)
    else:
        assert holding == []
        if d.relation == "between":
            left, right = (sc[t] for t in d.terms)
            assert left.upper <= p <= right.lower


@settings(max_examples=60, deadline=None)
@given(probabilities)
def test_describe_reading_scale_always_finds_a_phrase(p: float) -> None:
    d = lk.describe(p, scale="perceptions")
    assert d.relation == "reading" and str(d) in lk.scale("perceptions")


@settings(max_examples=60, deadline=None)
@given(st.lists(betas, min_size=1, max_size=4), st.data())
def test_linear_pool_cdf_lies_between_its_components(params, data) -> None:
    weights = data.draw(st.lists(st.floats(0.01, 5.0), min_size=len(params), max_size=len(params)))
    pooled = lk.pool([lk.judge(beta=p) for p in params], weights=weights)
    grid = np.linspace(0, 1, 21)
    cdfs = np.array([stats.beta.cdf(grid, *p) for p in params])
    got = pooled.cdf(grid)
    assert np.all(got >= cdfs.min(axis=0) - 1e-12) and np.all(got <= cdfs.max(axis=0) + 1e-12)
    assert 0.0 <= pooled.mean() <= 1.0


@settings(max_examples=60, deadline=None)
@given(betas, st.integers(0, 30), st.integers(0, 30), st.data())
def test_updates_commute_and_compose(beta, n1, n2, data) -> None:
    k1 = data.draw(st.integers(0, n1))
    k2 = data.draw(st.integers(0, n2))
    j = lk.judge(beta=beta)
    one = j.update(successes=k1, trials=n1).update(successes=k2, trials=n2)
    two = j.update(successes=k2, trials=n2).update(successes=k1, trials=n1)
    both = j.update(successes=k1 + k2, trials=n1 + n2)
    np.testing.assert_allclose(one.beta, both.beta)
    np.testing.assert_allclose(two.beta, both.beta)
    assert j.update(successes=0, trials=0).beta == j.beta


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["likely", "unlikely", "remote chance", "almost certain"]),
    st.integers(0, 2**31),
)
def test_draws_stay_in_the_support_and_repeat_under_a_seed(word: str, seed: int) -> None:
    j = lk.judge(word)
    a = j.rvs(50, random_state=seed)
    assert np.all((a >= 0.0) & (a <= 1.0))
    np.testing.assert_array_equal(a, j.rvs(50, random_state=seed))


anything = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=4) | st.floats(0, 1), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(anything, st.sampled_from(["phia", "icd203", "ipcc", "kent", "enfsi", "admiralty"]))
def test_any_input_gives_a_judgment_or_a_library_error(value: object, name: str) -> None:
    # whatever comes in, nothing but a LikelihoodError leaves (no bare KeyError, IndexError, ...)
    for call in (
        lambda: lk.judge(value, scale=name),
        lambda: lk.describe(value, scale=name),  # type: ignore[arg-type]
        lambda: lk.scale(value),  # type: ignore[arg-type]
        lambda: lk.pool(value),  # type: ignore[arg-type]
        lambda: lk.judge("likely").update(successes=value, trials=value),  # type: ignore[arg-type]
        lambda: lk.judge("likely").interval(value),  # type: ignore[arg-type]
    ):
        try:
            call()
        except lk.LikelihoodError:
            pass
