"""The estimators against oracles computed here: MCSE, weighted quantiles, the band, flips.

Each test is fast and names the planted mutant it kills (checked by planting each
mutant in a scratch copy of the module and running this file):

* M1 — the MCSE centred on the unweighted mean ``mean(v)`` instead of ``Σ wᵢvᵢ``;
* M2 — the MCSE reported as the weighted standard deviation ``sqrt(Σ wᵢ(vᵢ - m)²)``;
* M3 — ``weighted_quantiles`` without the midpoint rule (positions ``cumsum(w)``
  instead of ``cumsum(w) - w/2``);
* M4 — ``weighted_quantiles`` not reordering its weights with the sorted values;
* M5 — a variant that redraws every parameter (no common random numbers), either
  from the same per-parameter streams or from fresh ones;
* M6 — the band's ends moved from the 5th/95th to the 10th/90th weighted percentiles.

The oracles: the MCSE formula ``sqrt(Σ wᵢ² (vᵢ - Σⱼ wⱼvⱼ)²)`` and the weighted
midpoint-rule quantile written out below, :func:`numpy.quantile` with
``method="hazen"`` for equal weights, and the spread of the estimate over seeds
for the MCSE's calibration.
"""

from __future__ import annotations

import numpy as np
import pytest

import likelihood as lk
from likelihood._core import analysis
from likelihood._core.evaluation import monte_carlo_error, weighted_quantiles

# -- oracles -------------------------------------------------------------------------------------


def mcse_formula(weights: np.ndarray, values: np.ndarray) -> float:
    """The delta-method error of a self-normalised weighted mean, term by term."""
    w = np.asarray(weights, dtype=float)
    v = np.asarray(values, dtype=float)
    centre = sum(float(wi) * float(vi) for wi, vi in zip(w, v, strict=True))
    return float(
        np.sqrt(
            sum(float(wi) ** 2 * (float(vi) - centre) ** 2 for wi, vi in zip(w, v, strict=True))
        )
    )


def midpoint_quantile(values: np.ndarray, weights: np.ndarray, level: float) -> float:
    """The weighted quantile by the midpoint rule, from sorted (value, weight) pairs.

    Each draw holds the share wᵢ of the weight; its value sits at the middle of
    its share, at cumulated weight ``Σ_{j<i} wⱼ + wᵢ/2``; in between, linear.
    """
    pairs = sorted(zip(values.tolist(), weights.tolist(), strict=True))
    positions, xs, below = [], [], 0.0
    for x, w in pairs:
        positions.append(below + w / 2)
        xs.append(x)
        below += w
    if level <= positions[0]:
        return xs[0]
    if level >= positions[-1]:
        return xs[-1]
    for k in range(1, len(xs)):
        if level <= positions[k]:
            t = (level - positions[k - 1]) / (positions[k] - positions[k - 1])
            return xs[k - 1] + t * (xs[k] - xs[k - 1])
    raise AssertionError("unreachable")


def _informative() -> lk.Model:
    # wide judgments and two observations: the weights of the draws differ a lot (about
    # 70 % effective draws), so the weighted mean of P(h | E, θ) (0.82) is far from the
    # unweighted mean of the draws (0.77), and the band is wide
    m = lk.Model()
    m.hypothesis("h", prior=(0.05, 0.6))
    m.evidence("e", given={"h": (0.3, 0.99), "~h": (0.01, 0.4)}, observed=True)
    m.evidence("f", given={"h": (0.3, 0.99), "~h": (0.01, 0.4)}, observed=True)
    return m


@pytest.fixture(scope="module")
def post() -> lk.Posterior:
    return _informative().infer(draws=4000, seed=11)


# -- the Monte Carlo standard error ---------------------------------------------------------------


def test_monte_carlo_error_is_the_formula_for_unequal_weights(rng: np.random.Generator) -> None:
    # kills M1 (centre on mean(v)) and M2 (the standard deviation)
    for _ in range(5):
        n = int(rng.integers(5, 60))
        w = rng.gamma(0.5, size=n)
        w /= w.sum()
        v = rng.beta(0.5, 2.0, size=n)
        assert abs(float(np.dot(w, v)) - float(v.mean())) > 1e-6  # the two centres differ
        assert monte_carlo_error(w, v) == pytest.approx(mcse_formula(w, v), rel=1e-12)


def test_monte_carlo_error_with_equal_weights_is_the_standard_error() -> None:
    # kills M2: with equal weights the error is SD / sqrt(n), not the SD
    v = np.array([0.1, 0.4, 0.2, 0.9, 0.3, 0.5, 0.7, 0.6])
    w = np.full(v.size, 1 / v.size)
    expected = np.std(v) / np.sqrt(v.size)
    assert monte_carlo_error(w, v) == pytest.approx(expected, rel=1e-12)


def test_posterior_mcse_is_the_formula_on_its_own_draws(post: lk.Posterior) -> None:
    # kills M1 and M2 wherever they are planted (evaluation.monte_carlo_error or Posterior.mcse)
    ev = post.evaluation
    values = np.asarray(ev.marginals["h"][:, 0])
    assert abs(float(np.dot(ev.weights, values)) - float(values.mean())) > 0.03
    assert post.mcse("h") == pytest.approx(mcse_formula(ev.weights, values), rel=1e-9)
    # the same per state of a node with several states
    m = lk.Model()
    m.hypothesis("x", states=["a", "b", "c"], prior={"a": "likely", "b": "unlikely", "c": 0.1})
    m.evidence("e", given={"x=a": "unlikely", "x=b": "likely", "x=c": 0.5}, observed=True)
    several = m.infer(draws=3000, seed=5)
    for k, state in enumerate(("a", "b", "c")):
        v = np.asarray(several.evaluation.marginals["x"][:, k])
        expected = mcse_formula(several.evaluation.weights, v)
        assert several.mcse(f"x={state}") == pytest.approx(expected, rel=1e-9)


def test_mcse_is_calibrated_over_seeds() -> None:
    # the spread of the estimate over 40 seeds is what the MCSE says it is.
    # kills M2 (65x too big on the flagship; here ~60x) and any error off by a large factor
    model = _informative()
    estimates, errors = [], []
    for seed in range(40):
        p = model.infer(draws=2000, seed=seed)
        estimates.append(p.probability("h"))
        errors.append(p.mcse("h"))
    ratio = float(np.std(estimates, ddof=1) / np.mean(errors))
    assert 0.6 <= ratio <= 1.6, ratio


# -- weighted quantiles ---------------------------------------------------------------------------

LEVELS = [0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0]


@pytest.mark.parametrize("n", [1, 2, 3, 7, 20, 101])
def test_weighted_quantiles_with_equal_weights_are_numpy_hazen(
    n: int, rng: np.random.Generator
) -> None:
    # kills M3 (no midpoint rule): cumsum(w) puts the k-th of n values at k/n, not (k - 1/2)/n
    v = rng.normal(size=n)
    w = np.full(n, 1.0 / n)
    ours = weighted_quantiles(v, w, LEVELS)
    assert ours == pytest.approx(np.quantile(v, LEVELS, method="hazen"), abs=1e-12)


def test_weighted_quantiles_follow_the_weights_of_their_values() -> None:
    # kills M4: 80 % of the weight on the largest value pulls the median up to it
    v = np.array([3.0, 1.0, 2.0])
    w = np.array([0.8, 0.1, 0.1])
    # sorted: 1 (0.1), 2 (0.1), 3 (0.8); midpoints 0.05, 0.15, 0.6
    assert weighted_quantiles(v, w, [0.5]).tolist() == pytest.approx([2 + 0.35 / 0.45])
    assert weighted_quantiles(v, w, [0.05, 0.15, 0.6]).tolist() == pytest.approx([1, 2, 3])


def test_weighted_quantiles_are_the_midpoint_rule(rng: np.random.Generator) -> None:
    # kills M3 and M4 with unequal weights and unsorted values
    for _ in range(10):
        n = int(rng.integers(2, 40))
        v = rng.beta(2, 3, size=n)
        w = rng.gamma(0.7, size=n)
        w /= w.sum()
        ours = weighted_quantiles(v, w, LEVELS)
        for level, q in zip(LEVELS, ours, strict=True):
            assert q == pytest.approx(midpoint_quantile(v, w, level), abs=1e-12)


def test_weighted_quantiles_do_not_depend_on_the_order_of_the_draws(
    rng: np.random.Generator,
) -> None:
    # kills M4: shuffling the (value, weight) pairs together changes nothing
    v = rng.beta(2, 3, size=50)
    w = rng.gamma(0.7, size=50)
    w /= w.sum()
    order = rng.permutation(50)
    assert weighted_quantiles(v[order], w[order], LEVELS) == pytest.approx(
        weighted_quantiles(v, w, LEVELS), abs=1e-12
    )


# -- the band ------------------------------------------------------------------------------------


def test_the_band_is_the_5th_to_95th_weighted_percentile(post: lk.Posterior) -> None:
    # kills M6 (0.1/0.9), and M3/M4 planted anywhere on the way to Posterior.interval
    ev = post.evaluation
    values = np.asarray(ev.marginals["h"][:, 0])
    lo = midpoint_quantile(values, np.asarray(ev.weights), 0.05)
    hi = midpoint_quantile(values, np.asarray(ev.weights), 0.95)
    assert post.interval("h") == pytest.approx((lo, hi), abs=1e-12)
    assert post.describe("h").interval == pytest.approx((lo, hi), abs=1e-12)
    # the 10th and 90th percentiles are well inside it: the test can tell them apart
    inner = midpoint_quantile(values, np.asarray(ev.weights), 0.10)
    assert inner - lo > 0.01
    # an explicit share gives its own central interval
    lo80 = midpoint_quantile(values, np.asarray(ev.weights), 0.10)
    hi80 = midpoint_quantile(values, np.asarray(ev.weights), 0.90)
    assert post.interval("h", 0.8) == pytest.approx((lo80, hi80), abs=1e-12)


def test_the_band_in_the_json_is_the_same_band(post: lk.Posterior) -> None:
    # kills M6 where it is planted in the default rather than the posterior
    ev = post.evaluation
    values = np.asarray(ev.marginals["h"][:, 0])
    band = [midpoint_quantile(values, np.asarray(ev.weights), q) for q in (0.05, 0.95)]
    assert post.to_dict()["nodes"]["h"]["interval"] == pytest.approx(band, abs=1e-12)


# -- common random numbers in variants and flips --------------------------------------------------


def _worded() -> lk.Model:
    # words (which have neighbours on their scale), a source that cannot be judged
    m = lk.Model()
    m.hypothesis("h", prior="realistic possibility")
    m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
    m.evidence("f", given={"h": "highly likely", "~h": "realistic possibility"}, observed=True)
    m.source("s", reliability="F")
    m.report("r", source="s", claims="h", observed=True)
    return m


def _with_barren() -> lk.Model:
    m = _worded()
    # z and y are neither ancestors of h nor of an observation: their judgments are barren
    m.hypothesis("z", given={"h": "likely", "~h": "unlikely"})
    m.hypothesis("y", given={"z": "likely", "~z": "remote chance"})
    return m


def test_a_variant_keeps_the_draws_of_every_parameter_it_does_not_change() -> None:
    # kills M5: a variant redraws only the parameter it changes
    c = _worded().compile(draws=2000, seed=3)
    found = analysis.variants(c, "h")
    assert {what for what, _, _ in found} >= {"h", "e | h", "f | ~h", "source s"}
    for what, change, variant in found:
        changed = [
            k
            for k, (a, b) in enumerate(zip(c.parameters, variant.parameters, strict=True))
            if a.written != b.written or a.distribution is not b.distribution
        ]
        assert len(changed) <= 1, (what, change)
        for k in range(len(c.parameters)):
            if k in changed:
                continue
            assert variant.values[k] is c.values[k] or np.array_equal(
                variant.values[k], c.values[k]
            ), (what, change, c.parameters[k].label)


def test_a_variant_draws_one_parameter() -> None:
    # kills M5 even when every parameter is redrawn from its own stream (the same numbers):
    # the compiled model counts the parameters it drew
    c = _worded().compile(draws=2000, seed=3)
    before = c.counts["draws"]
    c.with_judgment("h", "unlikely")
    assert c.counts["draws"] - before == 1
    # flips draw each changed judgment once, and nothing else
    post = _worded().infer(draws=2000, seed=3)
    before = post.compiled.counts["draws"]
    table = post.flips("h")
    words = {(r["input"], r["change"]) for r in table if not r["input"].startswith("observation")}
    assert len(words) >= 8
    assert post.compiled.counts["draws"] - before == len(words)


def test_changing_a_barren_judgment_gives_the_baseline_exactly() -> None:
    # kills M5 with fresh streams: redrawing h's, e's, f's and s's judgments would move P(h | E)
    # (exactly but for rounding: the barren nodes' tables are summed out, each to 1.0 ± 1 ulp)
    c = _with_barren().compile(draws=2000, seed=3)
    base = c.evaluate().coherent("h")
    for label in ("z | h", "z | ~h", "y | z"):
        for word in ("remote chance", "almost certain"):
            variant = c.with_judgment(label, word)
            after = variant.evaluate().coherent("h")
            assert after == pytest.approx(base, rel=1e-12, abs=1e-15), (label, word)


def test_a_flip_moves_by_the_change_not_by_noise() -> None:
    # With common random numbers a variant's shift errs by a fraction of the answer's MCSE
    # (0.2 MCSE typical here); drawn afresh it errs by ~1.25 MCSE. The true shift comes from
    # 200,000 draws. kills M5 (fresh streams)
    model = _worded()
    big = model.compile(draws=200_000, seed=99)
    change = ("e | h", "likely → highly likely")
    truth = float(
        big.with_judgment("e | h", "highly likely").evaluate().coherent("h")[0]
        - big.evaluate().coherent("h")[0]
    )
    assert truth > 0.01
    for seed in range(5):
        post = model.infer(draws=3000, seed=seed)
        rows = {(r["input"], r["change"]): r for r in post.flips("h")}
        shift = rows[change]["shift"]
        assert abs(shift - truth) < 0.75 * post.mcse("h"), (seed, shift, truth)
