"""Pools of analysts and conjugate updates, against closed forms and quadrature."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy import integrate, special, stats

import likelihood as lk

GRID = np.linspace(0.0, 1.0, 201)
LEVELS = np.linspace(0.01, 0.99, 99)


def _normalised_product(pdfs: list, weights: list[float]):
    """The log pool by brute force: prod f_i^w_i, normalised by quadrature."""

    def unnormalised(x: float) -> float:
        return math.prod(f(x) ** w for f, w in zip(pdfs, weights, strict=True))

    total = integrate.quad(unnormalised, 0, 1, limit=200)[0]
    return lambda x: unnormalised(x) / total


@pytest.mark.parametrize(
    ("params", "weights"),
    [
        ([(2, 6), (4, 4)], None),
        ([(2, 6), (4, 4), (9, 3)], [0.2, 0.5, 0.3]),
        ([(1.5, 20), (30, 70)], [3, 1]),  # weights are normalised
    ],
)
def test_log_pool_of_betas_matches_the_closed_form(params, weights) -> None:
    judgments = [lk.judge(beta=p) for p in params]
    pooled = lk.pool(judgments, weights=weights, method="log")
    w = (
        np.full(len(params), 1 / len(params))
        if weights is None
        else np.array(weights) / sum(weights)
    )
    a = sum(wi * p[0] for wi, p in zip(w, params, strict=True))
    b = sum(wi * p[1] for wi, p in zip(w, params, strict=True))
    np.testing.assert_allclose(pooled.beta, (a, b), rtol=1e-12)
    # and against the definition, computed independently by quadrature
    density = _normalised_product([stats.beta(*p).pdf for p in params], list(w))
    for x in (0.1, 0.3, 0.5, 0.7):
        assert pooled.pdf(x) == pytest.approx(density(x), rel=1e-6)
    assert pooled.origin.kind == "pool" and "Genest" in pooled.origin.citation


def test_log_pool_of_words() -> None:
    pooled = lk.pool(["likely", "highly likely"], method="log")
    a1, b1 = lk.judge("likely").beta
    a2, b2 = lk.judge("highly likely").beta
    np.testing.assert_allclose(pooled.beta, ((a1 + a2) / 2, (b1 + b2) / 2), rtol=1e-12)


@pytest.mark.parametrize("weights", [None, [0.7, 0.2, 0.1]])
def test_linear_pool_is_the_weighted_mixture(weights) -> None:
    params = [(2, 6), (4, 4), (9, 3)]
    pooled = lk.pool([lk.judge(beta=p) for p in params], weights=weights)
    w = np.full(3, 1 / 3) if weights is None else np.array(weights)
    twins = [stats.beta(*p) for p in params]
    mean = sum(wi * t.mean() for wi, t in zip(w, twins, strict=True))
    second = sum(wi * (t.var() + t.mean() ** 2) for wi, t in zip(w, twins, strict=True))
    assert pooled.mean() == pytest.approx(mean, rel=1e-12)
    assert pooled.var() == pytest.approx(second - mean**2, rel=1e-12)
    cdf = sum(wi * t.cdf(GRID) for wi, t in zip(w, twins, strict=True))
    pdf = sum(wi * t.pdf(GRID) for wi, t in zip(w, twins, strict=True))
    np.testing.assert_allclose(pooled.cdf(GRID), cdf, atol=1e-14)
    np.testing.assert_allclose(pooled.pdf(GRID), pdf, atol=1e-12)
    # the numerical quantiles invert the mixture cdf
    np.testing.assert_allclose(
        sum(wi * t.cdf(pooled.ppf(LEVELS)) for wi, t in zip(w, twins, strict=True)),
        LEVELS,
        atol=1e-12,
    )
    np.testing.assert_allclose(
        sum(wi * t.sf(pooled.isf(LEVELS)) for wi, t in zip(w, twins, strict=True)),
        LEVELS,
        atol=1e-12,
    )
    assert pooled.kind == "mixture" and len(pooled.components) == 3


def test_linear_pool_with_an_exact_number_has_an_atom() -> None:
    pooled = lk.pool([0.3, lk.judge(beta=(2, 2))], weights=[0.25, 0.75])
    twin = stats.beta(2, 2)
    assert pooled.cdf(0.3) - pooled.cdf(0.3 - 1e-12) == pytest.approx(0.25, abs=1e-9)
    assert pooled.mean() == pytest.approx(0.25 * 0.3 + 0.75 * 0.5)
    assert pooled.cdf(0.6) == pytest.approx(0.25 + 0.75 * twin.cdf(0.6))
    assert pooled.entropy() == -math.inf
    draws = pooled.rvs(20000, random_state=3)
    assert np.mean(draws == 0.3) == pytest.approx(0.25, abs=0.01)


def test_linear_pool_draws_follow_the_mixture() -> None:
    pooled = lk.pool([lk.judge(beta=(2, 8)), lk.judge(beta=(8, 2))], weights=[0.3, 0.7])
    draws = pooled.rvs(5000, random_state=11)

    def cdf(x: np.ndarray) -> np.ndarray:
        return 0.3 * stats.beta.cdf(x, 2, 8) + 0.7 * stats.beta.cdf(x, 8, 2)

    assert stats.kstest(draws, cdf).pvalue > 1e-3


def test_pool_of_one_with_zero_weights_is_that_judgment() -> None:
    j = lk.judge("likely")
    assert lk.pool([j, "unlikely"], weights=[1, 0]) is j


def test_pool_is_invariant_to_order() -> None:
    a = lk.pool(["likely", "unlikely", 0.4], weights=[1, 2, 3])
    b = lk.pool([0.4, "likely", "unlikely"], weights=[3, 1, 2])
    np.testing.assert_allclose(a.cdf(GRID), b.cdf(GRID), atol=1e-14)


def test_log_pool_of_equal_exact_numbers_and_of_a_number_with_a_beta() -> None:
    assert lk.pool([0.3, 0.3], method="log").value == 0.3  # nothing is lost: no warning
    with pytest.warns(lk.PoolWarning, match=r"exact number 0\.3 with Beta\(2, 2\)") as caught:
        pooled = lk.pool([0.3, lk.judge(beta=(2, 2))], method="log")
    assert pooled.value == 0.3
    message = str(caught[0].message)
    assert "no effect" in message and "method='linear'" in message
    assert caught[0].filename == __file__  # attributed to the caller's line


def test_log_pool_warning_in_a_model_names_the_node() -> None:
    m = lk.Model()
    with pytest.warns(lk.PoolWarning, match=r"^h, prior: a log pool of the exact number 0\.2"):
        m.hypothesis("h", prior={"pool": [0.2, "likely"], "method": "log"})
    assert m.nodes["h"].rows[0].value.value == 0.2


# -- updates -----------------------------------------------------------------------------


@pytest.mark.parametrize(("k", "n"), [(0, 0), (3, 10), (10, 10), (0, 25), (37, 120)])
def test_update_is_the_conjugate_beta(k: int, n: int) -> None:
    prior = lk.judge("unlikely", scale="icd203")
    a, b = prior.beta
    post = prior.update(successes=k, trials=n)
    assert post.beta == (a + k, b + n - k)
    twin = stats.beta(a + k, b + n - k)
    np.testing.assert_allclose(post.cdf(GRID), twin.cdf(GRID), atol=1e-14)
    assert post.origin.kind == "update" and post.origin.inputs == (prior,)
    assert post.origin.term == "unlikely"


def test_update_of_a_linear_pool_matches_bayes_by_quadrature() -> None:
    prior = lk.pool([lk.judge(beta=(2, 8)), lk.judge(beta=(8, 2)), 0.5], weights=[0.4, 0.4, 0.2])
    k, n = 7, 10
    post = prior.update(successes=k, trials=n)
    # Bayes' rule by brute force: continuous part by quadrature, the atom by hand
    like = lambda p: p**k * (1 - p) ** (n - k)  # noqa: E731
    cont = [
        0.4 * integrate.quad(lambda p, ab=ab: stats.beta.pdf(p, *ab) * like(p), 0, 1)[0]
        for ab in ((2, 8), (8, 2))
    ]
    atom = 0.2 * like(0.5)
    evidence = sum(cont) + atom
    expected_weights = [c / evidence for c in cont] + [atom / evidence]
    got = [w for w, _ in post.components]
    np.testing.assert_allclose(got, expected_weights, rtol=1e-10)
    # the updated components are the conjugate Betas, the atom stays
    comps = [j for _, j in post.components]
    assert comps[0].beta == (9, 11) and comps[1].beta == (15, 5) and comps[2].value == 0.5
    x = 0.62
    assert post.cdf(x) == pytest.approx(
        sum(w * c.cdf(x) for w, c in zip(expected_weights, comps, strict=True)), abs=1e-12
    )


def test_update_of_an_exact_number_keeps_it_and_says_so() -> None:
    with pytest.warns(lk.UpdateWarning, match=r"0\.3 is an exact number, which no data can move"):
        updated = lk.judge(0.3).update(successes=4, trials=9)
    assert updated.value == 0.3
    # a pool with an exact component learns (its weights move): no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lk.pool([0.3, lk.judge(beta=(2, 2))]).update(successes=4, trials=9)


def test_update_of_a_beta_mixture_weight_formula() -> None:
    prior = lk.pool([lk.judge(beta=(1, 1)), lk.judge(beta=(20, 20))])
    post = prior.update(successes=9, trials=10)
    m1 = special.betaln(1 + 9, 1 + 1) - special.betaln(1, 1)
    m2 = special.betaln(20 + 9, 20 + 1) - special.betaln(20, 20)
    w1 = 1 / (1 + math.exp(m2 - m1))
    assert post.components[0][0] == pytest.approx(w1, rel=1e-12)
