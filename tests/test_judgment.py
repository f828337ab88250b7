"""Judgments against their scipy.stats twins, and the documented range -> Beta method."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, optimize, stats

import likelihood as lk

GRID = np.linspace(0.0, 1.0, 201)
LEVELS = np.linspace(0.0, 1.0, 101)
PROBABILITY_SCALES = [n for n in lk.scales() if lk.scale(n).kind == "probability"]
TERMS = [(name, t.name) for name in PROBABILITY_SCALES for t in lk.scale(name)]
# terms whose distribution is made from their published range (not a survey fit, a point
# or a "cannot be judged" term)
RANGE_TERMS = [
    (name, t.name)
    for name in PROBABILITY_SCALES
    if lk.scale(name).describe_rule == "range"
    for t in lk.scale(name)
    if not (t.uncertain or t.is_point)
]


def _twin(j: lk.Judgment) -> stats.rv_continuous:
    assert j.beta is not None
    return stats.beta(*j.beta)


def _close(a: object, b: object, tol: float = 1e-12) -> None:
    np.testing.assert_allclose(a, b, rtol=tol, atol=tol)


@pytest.mark.parametrize(("scale", "word"), TERMS)
def test_term_judgment_equals_its_scipy_twin(scale: str, word: str) -> None:
    j = lk.judge(word, scale=scale)
    term = lk.scale(scale)[word]
    if term.is_point:
        # Kent's "certain" and "impossible": the published single value, exactly
        assert j.kind == "point" and j.value == term.lower
        assert j.var() == 0 and j.interval(0.9) == (term.lower, term.lower)
        _close(j.cdf(GRID), (GRID >= term.lower).astype(float))
        return
    twin = _twin(j)
    _close(j.mean(), twin.mean())
    _close(j.var(), twin.var())
    _close(j.std(), twin.std())
    _close(j.median(), twin.median())
    _close(j.interval(0.9), twin.interval(0.9))
    _close(j.pdf(GRID), twin.pdf(GRID))
    _close(j.logpdf(GRID[1:-1]), twin.logpdf(GRID[1:-1]))
    _close(j.cdf(GRID), twin.cdf(GRID))
    _close(j.sf(GRID), twin.sf(GRID))
    _close(j.ppf(LEVELS), twin.ppf(LEVELS))
    _close(j.isf(LEVELS), twin.isf(LEVELS))
    _close(j.entropy(), twin.entropy())
    assert j.support() == (0.0, 1.0)
    # round trip: cdf(ppf(q)) = q, wherever scipy's own inverse gets there (a Beta with a
    # shape near 0.1, as a survey's "will happen", piles its mass at 1 beyond its reach)
    inner = LEVELS[1:-1]
    ours, theirs = j.cdf(j.ppf(inner)), twin.cdf(twin.ppf(inner))
    _close(ours, theirs)
    reached = np.abs(theirs - inner) < 1e-9
    assert reached.mean() > 0.9
    _close(ours[reached], inner[reached], 1e-9)


@pytest.mark.parametrize(("scale", "word"), RANGE_TERMS)
def test_term_puts_the_documented_share_of_mass_in_its_range(scale: str, word: str) -> None:
    sc = lk.scale(scale)
    j = lk.judge(word, scale=scale)
    lo, hi = sc[word].range
    inside = stats.beta.cdf(hi, *j.beta) - stats.beta.cdf(lo, *j.beta)
    assert sc.mass == 0.9
    assert inside == pytest.approx(0.9, abs=1e-6)


def _entropy_along_constraint(a: float, b: float, lo: float, hi: float, mass: float) -> list[float]:
    """Entropies of Betas with the same mass in [lo, hi] whose mean is a little either side.

    Moves along the constraint curve: shift the mean, then re-solve the
    concentration a + b with scipy so that the mass inside stays the same.
    """
    mu, kappa = a / (a + b), a + b
    out = []
    for shift in (-1e-3, 1e-3):
        m = mu + shift * (hi - lo)

        def excess(log_k: float, m: float = m) -> float:
            k = math.exp(log_k)
            return (
                stats.beta.cdf(hi, m * k, (1 - m) * k)
                - stats.beta.cdf(lo, m * k, (1 - m) * k)
                - mass
            )

        grid = np.linspace(math.log(kappa) - 0.5, math.log(kappa) + 0.5, 101)
        values = [excess(g) for g in grid]
        roots = [
            optimize.brentq(excess, grid[i], grid[i + 1], xtol=1e-14)
            for i in range(len(grid) - 1)
            if values[i] * values[i + 1] < 0
        ]
        if roots:
            k = math.exp(min(roots, key=lambda r: abs(r - math.log(kappa))))
            out.append(stats.beta.entropy(m * k, (1 - m) * k))
    return out


@pytest.mark.parametrize(("scale", "word"), RANGE_TERMS)
def test_term_distribution_is_the_maximum_entropy_beta(scale: str, word: str) -> None:
    sc = lk.scale(scale)
    term = sc[word]
    j = lk.judge(word, scale=scale)
    a, b = j.beta
    best = stats.beta.entropy(a, b)
    neighbours = _entropy_along_constraint(a, b, *term.range, sc.mass)
    assert len(neighbours) == 2, "no neighbouring Beta with the same mass was found"
    assert max(neighbours) < best


@pytest.mark.parametrize(
    ("lo", "hi"), [(0.2, 0.4), (0.0, 0.01), (0.99, 1.0), (0.45, 0.55), (0.0, 0.5), (0.3, 1.0)]
)
@pytest.mark.parametrize("mass", [0.5, 0.8, 0.9, 0.95])
def test_interval_judgment_holds_the_mass(lo: float, hi: float, mass: float) -> None:
    j = lk.judge((lo, hi), mass=mass)
    assert j.origin.kind == "interval"
    inside = stats.beta.cdf(hi, *j.beta) - stats.beta.cdf(lo, *j.beta)
    assert inside == pytest.approx(mass, abs=1e-9)


def test_a_range_leaving_almost_nothing_outside_is_a_clear_error() -> None:
    with pytest.raises(lk.FitError, match="leaves almost nothing of"):
        lk.judge((1e-14, 1.0), mass=0.5)
    with pytest.raises(lk.FitError, match="leaves almost nothing of"):
        lk.judge((0.0, 1.0 - 1e-14), mass=0.5)


def test_full_range_is_uniform() -> None:
    assert lk.judge((0.0, 1.0)).beta == (1.0, 1.0)


def test_number_is_a_point_mass() -> None:
    j = lk.judge(0.3)
    assert j.kind == "point" and j.is_fixed and j.value == 0.3
    assert j.mean() == 0.3 and j.var() == 0.0 and j.std() == 0.0 and j.median() == 0.3
    assert j.interval(0.9) == (0.3, 0.3) and j.interval(1.0) == (0.3, 0.3)
    assert j.cdf(0.29) == 0.0 and j.cdf(0.3) == 1.0 and j.sf(0.3) == 0.0
    assert j.pdf(0.3) == math.inf and j.pdf(0.2) == 0.0
    assert j.ppf(0.01) == 0.3 and math.isnan(j.ppf(1.5))
    assert j.entropy() == -math.inf and j.support() == (0.3, 0.3)
    assert np.all(j.rvs(10, random_state=1) == 0.3)
    assert j.origin.kind == "number"


@pytest.mark.parametrize("beta", [(3.0, 7.0), (0.5, 0.5), (20.0, 2.0), (1.2, 40.0)])
def test_quantiles_recover_the_beta_they_came_from(beta: tuple[float, float]) -> None:
    levels = (0.05, 0.5, 0.95)
    table = {q: float(stats.beta.ppf(q, *beta)) for q in levels}
    j = lk.judge(table)
    np.testing.assert_allclose(j.beta, beta, rtol=1e-6)
    two = lk.judge({q: float(stats.beta.ppf(q, *beta)) for q in (0.1, 0.9)})
    np.testing.assert_allclose(two.beta, beta, rtol=1e-6)


def test_quantiles_accept_string_levels_as_toml_gives_them() -> None:
    table = {str(q): float(stats.beta.ppf(q, 4, 6)) for q in (0.25, 0.75)}
    np.testing.assert_allclose(lk.judge(table).beta, (4, 6), rtol=1e-6)


def test_quantiles_least_squares_with_inconsistent_values() -> None:
    # no Beta has these three quantiles; the fit minimises the squared quantile error
    table = {0.05: 0.1, 0.5: 0.2, 0.95: 0.9}
    j = lk.judge(table)
    levels, values = np.array(list(table)), np.array(list(table.values()))

    def loss(theta: np.ndarray) -> float:
        return float(np.sum((stats.beta.ppf(levels, *np.exp(theta)) - values) ** 2))

    best = loss(np.log(j.beta))
    for da, db in [(0.01, 0), (-0.01, 0), (0, 0.01), (0, -0.01)]:
        assert loss(np.log(j.beta) + [da, db]) >= best


def test_scipy_distribution_judgment() -> None:
    tri = stats.triang(0.3, loc=0.0, scale=1.0)
    j = lk.judge(tri)
    assert j.kind == "distribution" and j.origin.kind == "distribution"
    _close(j.cdf(GRID), tri.cdf(GRID))
    _close(j.ppf(LEVELS), tri.ppf(LEVELS))
    _close(j.mean(), tri.mean())
    assert j.support() == (0.0, 1.0)
    beta = lk.judge(stats.beta(2, 3))
    assert beta.kind == "beta" and beta.beta == (2.0, 3.0)


def test_beta_parameters_directly() -> None:
    j = lk.judge(beta=(2, 5))
    assert j.beta == (2.0, 5.0) and j.origin.kind == "beta"
    _close(j.cdf(GRID), stats.beta(2, 5).cdf(GRID))


def test_judgment_is_returned_unchanged() -> None:
    j = lk.judge("likely")
    assert lk.judge(j) is j


def test_rvs_is_reproducible_and_follows_the_distribution() -> None:
    j = lk.judge("realistic possibility")
    a = j.rvs(4000, random_state=7)
    b = j.rvs(4000, random_state=np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    assert a.shape == (4000,)
    assert stats.kstest(a, _twin(j).cdf).pvalue > 1e-3
    assert isinstance(j.rvs(random_state=1), float)
    assert j.rvs((2, 3), random_state=1).shape == (2, 3)


def test_scalar_in_float_out_array_in_array_out() -> None:
    j = lk.judge("likely")
    assert type(j.pdf(0.5)) is float and type(j.cdf(0.5)) is float
    assert isinstance(j.cdf([0.1, 0.5]), np.ndarray) and j.cdf([[0.1], [0.5]]).shape == (2, 1)


def test_origin_knows_the_term_scale_and_citation() -> None:
    j = lk.judge("Probable", scale="icd203")
    assert j.origin.kind == "term" and j.origin.scale == "icd203" and j.origin.term == "likely"
    assert "ICD 203" in j.origin.label or "icd203" in j.origin.label
    assert j.origin.citation == lk.scale("icd203").citation
    assert "maximum-entropy Beta with 90 % of its mass" in j.origin.method
    assert "Directive 203" in str(j.origin)


def test_uncertain_grades_are_uniform() -> None:
    for word in ("F", "reliability cannot be judged", "6", "truth cannot be judged"):
        j = lk.judge(word, scale="admiralty")
        assert j.beta == (1.0, 1.0), word
    assert lk.judge("inconclusive", scale="efsa").beta == (1.0, 1.0)


def test_mixture_entropy_matches_quadrature() -> None:
    j = lk.pool([lk.judge(beta=(2, 8)), lk.judge(beta=(8, 2))], weights=[0.3, 0.7])

    def f(x: float) -> float:
        return 0.3 * stats.beta.pdf(x, 2, 8) + 0.7 * stats.beta.pdf(x, 8, 2)

    expected = integrate.quad(lambda x: -f(x) * math.log(f(x)) if f(x) > 0 else 0.0, 0, 1)[0]
    assert j.entropy() == pytest.approx(expected, rel=1e-8)


def test_a_zero_dimensional_array_is_its_number() -> None:
    assert lk.judge(np.array(0.3)).value == 0.3
    assert lk.judge(np.float64(0.3)).value == 0.3
    assert lk.judge(np.array("likely")).origin.term == "likely"
    assert lk.describe(np.array(0.12)) == "highly unlikely"
    with pytest.raises(lk.JudgmentTypeError, match=r"boolean np\.True_; give a probability"):
        lk.judge(np.array(True))
    with pytest.raises(lk.ProbabilityError, match=r"value must be a probability.*1\.5"):
        lk.judge(np.array(1.5))


def test_describe_answers_on_the_judgments_own_scale() -> None:
    icd = [lk.judge("unlikely", scale="icd203"), lk.judge("likely", scale="icd203")]
    team = lk.pool(icd)
    assert team.origin.scale == "icd203"
    words = team.describe()
    assert words.scale == "icd203" and words == lk.describe(team, scale="icd203")
    assert words == "roughly even chance"  # a term of ICD 203, not of PHIA
    # numbers have no scale: a pool of ICD words and a number is still ICD's
    assert lk.pool([*icd, 0.5]).describe().scale == "icd203"
    # a log pool and an update keep the scale too
    assert lk.pool(icd, method="log").describe().scale == "icd203"
    assert team.update(successes=3, trials=10).describe().scale == "icd203"
    # words of two scales, or none: the default, PHIA
    mixed = lk.pool([icd[0], lk.judge("likely")])
    assert mixed.origin.scale is None and mixed.describe().scale == "phia"
    assert lk.judge((0.2, 0.4)).describe().scale == "phia"
    # and any scale on request
    assert team.describe("kent").scale == "kent"
