"""Beta distributions fitted to ranges, quantiles and survey answers.

Three fits, each deterministic:

* :func:`maxent_beta` — the maximum-entropy Beta with a given share of its mass
  inside ``[lower, upper]`` (the method that turns every published range into a
  distribution, as PreliZ's ``maxent`` does for any family).  The mass
  constraint is solved exactly by root-finding along a one-parameter curve, and
  the entropy is maximised along that curve, so the constraint holds to
  machine precision even for ranges that touch 0 or 1.
* :func:`quantile_beta` — the Beta whose quantiles match given ones (exactly
  for two quantiles, by least squares for more).
* :func:`censored_beta` — the maximum-likelihood Beta for answers that were
  rounded, each known only to lie in an interval.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from scipy import optimize, special

from likelihood._exceptions import FitError

__all__ = ["beta_entropy", "censored_beta", "maxent_beta", "quantile_beta"]

_LOG_MIN, _LOG_MAX = -40.0, 40.0  # bracket for log-parameters: e^-40 .. e^40


def beta_entropy(a: float, b: float) -> float:
    """Differential entropy of Beta(a, b) in nats."""
    return float(
        special.betaln(a, b)
        - (a - 1.0) * special.digamma(a)
        - (b - 1.0) * special.digamma(b)
        + (a + b - 2.0) * special.digamma(a + b)
    )


def _root(f: Callable[[float], float], lo: float = _LOG_MIN, hi: float = _LOG_MAX) -> float:
    flo, fhi = f(lo), f(hi)
    if not (flo < 0.0 < fhi or fhi < 0.0 < flo):
        raise FitError("the mass constraint has no solution in the searched range")
    return float(
        optimize.brentq(f, lo, hi, xtol=1e-15, rtol=4.0 * np.finfo(float).eps, maxiter=500)
    )


def _maximise(
    neg_entropy: Callable[[float], float], lo: float, hi: float, n: int, *, open_ends: bool = False
) -> float:
    """Maximise entropy over a 1-D parameter: a grid, then Brent's method around the best.

    With *open_ends* the grid leaves out *lo* and *hi* themselves.
    """
    grid = np.linspace(lo, hi, n + 2)[1:-1] if open_ends else np.linspace(lo, hi, n)
    values = [neg_entropy(float(x)) for x in grid]
    i = int(np.argmin(values))
    left, right = float(grid[max(i - 1, 0)]), float(grid[min(i + 1, n - 1)])
    result = optimize.minimize_scalar(
        neg_entropy, bounds=(left, right), method="bounded", options={"xatol": 1e-12}
    )
    return float(result.x)


def _maximise_widening(neg_entropy: Callable[[float], float], where: str) -> float:
    """Maximise over a log-parameter, widening the search while the best sits on its edge.

    Beyond e^±24 the entropy can no longer be computed accurately in double
    precision, so a maximum further out is an error.
    """
    for half_width in (6.0, 12.0, 24.0):
        x = _maximise(neg_entropy, -half_width, half_width, 8 * int(half_width) + 1)
        if abs(x) < half_width - 0.5:
            return x
    raise FitError(
        f"no Beta distribution can hold that share of its mass in {where} without being "
        "squeezed beyond double precision: the range leaves almost nothing of [0, 1] outside; "
        "give a larger share of mass or a narrower range"
    )


@functools.lru_cache(maxsize=1024)
def maxent_beta(lower: float, upper: float, mass: float = 0.9) -> tuple[float, float]:
    """Return ``(a, b)`` of the maximum-entropy Beta with *mass* inside the range.

    Parameters
    ----------
    lower, upper : float
        The range, ``0 <= lower < upper <= 1``.
    mass : float, default 0.9
        The share of the distribution's mass inside ``[lower, upper]``.

    Returns
    -------
    tuple of float
        The Beta parameters ``(a, b)``. A range covering all of [0, 1] carries
        no information and gives the uniform ``(1, 1)``.

    Notes
    -----
    Among all Beta(a, b) with ``F(upper) - F(lower) = mass``, the one of largest
    differential entropy. For a range inside (0, 1) the search runs over the
    mean ``mu`` in the range, solving the concentration ``a + b`` for each
    ``mu``; for a range that starts at 0, over ``a`` with ``b`` solved (the mass
    below ``upper`` increases with ``b``); for a range that ends at 1, over ``b``
    with ``a`` solved through the complementary incomplete beta function.
    """
    if lower <= 0.0 and upper >= 1.0:
        return 1.0, 1.0
    if lower <= 0.0:
        # [0, upper]: P(X <= upper) rises with b for a fixed a; search over a
        def log_b(log_a: float) -> float:
            a = math.exp(log_a)
            return _root(lambda lb: float(special.betainc(a, math.exp(lb), upper)) - mass)

        def neg_entropy_low(log_a: float) -> float:
            return -beta_entropy(math.exp(log_a), math.exp(log_b(log_a)))

        la = _maximise_widening(neg_entropy_low, f"[0, {upper:g}]")
        return math.exp(la), math.exp(log_b(la))
    if upper >= 1.0:
        # [lower, 1]: P(X >= lower) rises with a for a fixed b; search over b (no
        # mirroring, so a tiny lower end keeps its precision)
        def log_a(log_b: float) -> float:
            b = math.exp(log_b)
            return _root(lambda la: float(special.betaincc(math.exp(la), b, lower)) - mass)

        def neg_entropy_high(log_b: float) -> float:
            return -beta_entropy(math.exp(log_a(log_b)), math.exp(log_b))

        lb = _maximise_widening(neg_entropy_high, f"[{lower:g}, 1]")
        return math.exp(log_a(lb)), math.exp(lb)

    def log_kappa(mu: float) -> float:
        def excess(lk: float) -> float:
            k = math.exp(lk)
            inside = special.betainc(mu * k, (1 - mu) * k, upper) - special.betainc(
                mu * k, (1 - mu) * k, lower
            )
            return float(inside) - mass

        return _root(excess, -20.0, 40.0)

    def neg_entropy_inner(mu: float) -> float:
        k = math.exp(log_kappa(mu))
        return -beta_entropy(mu * k, (1 - mu) * k)

    mu = _maximise(neg_entropy_inner, lower, upper, 41, open_ends=True)
    k = math.exp(log_kappa(mu))
    return mu * k, (1.0 - mu) * k


def quantile_beta(levels: NDArray[np.float64], values: NDArray[np.float64]) -> tuple[float, float]:
    """Return ``(a, b)`` of the Beta whose quantiles match *values* at *levels*.

    With two quantiles the match is exact; with more, the sum of squared
    differences between the Beta's quantiles and *values* is minimised.

    Raises
    ------
    FitError
        If no Beta matches two quantiles (which happens only for values at 0 or
        1, where every Beta quantile lies strictly inside).
    """
    # Start from the Beta of the same median and a spread that matches the outer quantiles.
    median = float(np.interp(0.5, levels, values))
    median = min(max(median, 1e-3), 1 - 1e-3)
    spread = float(values[-1] - values[0]) / max(
        float(special.ndtri(levels[-1]) - special.ndtri(levels[0])), 1e-6
    )
    var = min(max(spread, 1e-4) ** 2, 0.9 * median * (1 - median))
    kappa = median * (1 - median) / var - 1.0
    start = np.log([max(median * kappa, 1e-2), max((1 - median) * kappa, 1e-2)])

    def residuals(theta: NDArray[np.float64]) -> NDArray[np.float64]:
        a, b = np.exp(theta)
        return np.asarray(special.betaincinv(a, b, levels) - values, dtype=np.float64)

    fit = optimize.least_squares(
        residuals, start, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=20000
    )
    a, b = (float(v) for v in np.exp(fit.x))
    if not (np.isfinite(a) and np.isfinite(b)):
        raise FitError(f"no Beta fits the quantiles {dict(zip(levels, values, strict=True))}")
    if len(levels) == 2 and float(np.max(np.abs(fit.fun))) > 1e-8:
        table = {float(q): float(x) for q, x in zip(levels, values, strict=True)}
        raise FitError(f"no Beta has exactly the quantiles {table}")
    return a, b


#: The censored fit's objective where an answer's interval has no probability (a huge number).
_IMPOSSIBLE = 1e300


def censored_beta(
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    weights: NDArray[np.float64] | None = None,
) -> tuple[float, float]:
    """Return the maximum-likelihood ``(a, b)`` for answers known up to an interval.

    Answer *i* is known only to lie in ``[lower[i], upper[i]]`` (for example a
    whole percent *x* stands for ``[x - 0.5, x + 0.5]`` %). The likelihood is
    ``prod_i (F(upper[i]) - F(lower[i])) ** weights[i]``, which stays bounded when
    many answers coincide and needs no special treatment of answers at 0 or 1;
    *weights* (how many answers each interval stands for; one each by default)
    let a table of counts be fitted as the answers it counts.
    """
    # with counts, the mean log-likelihood per answer (the tolerances below are per answer)
    per = 1.0
    if weights is None:
        weights = np.ones(len(lower))
    else:
        per = float(np.sum(weights))
    used = weights > 0
    lower, upper, weights = lower[used], upper[used], weights[used]
    centre = (lower + upper) / 2.0
    total = float(weights.sum())
    mean = float(np.clip(np.sum(weights * centre) / total, 1e-3, 1 - 1e-3))
    var = float(
        max(np.sum(weights * (centre - np.sum(weights * centre) / total) ** 2) / total, 1e-5)
    )
    kappa = max(mean * (1 - mean) / var - 1.0, 0.5)

    # an interval in the upper tail of the Beta is measured from the top, 1 - F(x) =
    # I(1 - x; b, a): the difference of two numbers near 1 would lose the small probability of
    # an answer far above the bulk
    def neg_log_likelihood(theta: NDArray[np.float64]) -> float:
        a, b = np.exp(theta)
        start = special.betainc(a, b, lower)
        below = special.betainc(a, b, upper) - start
        above = special.betainc(b, a, 1.0 - lower) - special.betainc(b, a, 1.0 - upper)
        p = np.where(start > 0.5, above, below)
        if np.any(p <= 0.0):
            return _IMPOSSIBLE  # finite: the simplex compares its vertices by subtracting
        return -float(np.sum(weights * np.log(p))) / per

    # start from the moments, made wider until every answer is possible there (answers at
    # 0 % and 100 % beside a concentrated bulk have no probability under the moments' Beta)
    start: NDArray[np.float64] = np.log(np.array([mean * kappa, (1 - mean) * kappa]))
    while neg_log_likelihood(start) >= _IMPOSSIBLE and kappa > 0.5:
        kappa = max(kappa / 4.0, 0.5)
        start = np.log(np.array([mean * kappa, (1 - mean) * kappa]))

    # Nelder-Mead, restarted once from its own answer with a fresh simplex (a simplex
    # can collapse early); tolerances sit well above the likelihood's rounding noise.
    x = start
    for _ in range(2):
        fit = optimize.minimize(
            neg_log_likelihood,
            x,
            method="Nelder-Mead",
            options={"xatol": 1e-10, "fatol": 1e-11, "maxiter": 20000, "maxfev": 20000},
        )
        x = np.asarray(fit.x, dtype=np.float64)
    if not fit.success:
        raise FitError(f"the censored Beta fit did not converge: {fit.message}")
    a, b = (float(v) for v in np.exp(fit.x))
    return a, b
