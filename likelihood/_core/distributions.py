"""The distributions on [0, 1] behind a Judgment.

Four kinds, one interface (array in, array out, no argument checks; those
happen in :mod:`likelihood._core.judgment`):

* :class:`BetaDist` — Beta(a, b), through ``scipy.stats.beta``;
* :class:`PointDist` — a point mass (a number judged exactly);
* :class:`MixtureDist` — a weighted mixture (the linear pool), atoms allowed;
* :class:`FrozenDist` — any continuous frozen ``scipy.stats`` distribution on [0, 1].
"""

from __future__ import annotations

import math
import warnings
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import integrate, special, stats

__all__ = ["BetaDist", "Dist", "FrozenDist", "GridDist", "MixtureDist", "PointDist", "Size"]

Array = NDArray[np.float64]
Size = int | tuple[int, ...] | None

_BISECTIONS = 64  # halvings of [0, 1] in a numerical quantile: 2**-64 < one ulp of 1


class Dist(ABC):
    """A distribution on [0, 1]."""

    kind: str

    @abstractmethod
    def mean(self) -> float:
        """Mean."""

    @abstractmethod
    def var(self) -> float:
        """Variance."""

    @abstractmethod
    def pdf(self, x: Array) -> Array:
        """Density (``inf`` at an atom)."""

    def logpdf(self, x: Array) -> Array:
        """Log density."""
        with np.errstate(divide="ignore"):
            return np.log(self.pdf(x))

    @abstractmethod
    def cdf(self, x: Array) -> Array:
        """P(X <= x)."""

    def sf(self, x: Array) -> Array:
        """P(X > x)."""
        return 1.0 - self.cdf(x)

    @abstractmethod
    def ppf(self, q: Array) -> Array:
        """Smallest x with cdf(x) >= q."""

    def isf(self, q: Array) -> Array:
        """Smallest x with sf(x) <= q."""
        return self.ppf(1.0 - q)

    @abstractmethod
    def rvs(self, size: Size, rng: np.random.Generator) -> Array:
        """Random draws."""

    @abstractmethod
    def entropy(self) -> float:
        """Differential entropy in nats (``-inf`` with an atom)."""

    @abstractmethod
    def support(self) -> tuple[float, float]:
        """Smallest interval holding all the mass."""

    @abstractmethod
    def mass(self, lower: float, upper: float) -> float:
        """P(lower <= X <= upper)."""


class _ScipyBacked(Dist):
    """A distribution whose densities and quantiles come from a frozen ``scipy.stats`` object."""

    frozen: Any

    def pdf(self, x: Array) -> Array:
        return np.asarray(self.frozen.pdf(x), dtype=np.float64)

    def logpdf(self, x: Array) -> Array:
        return np.asarray(self.frozen.logpdf(x), dtype=np.float64)

    def cdf(self, x: Array) -> Array:
        return np.asarray(self.frozen.cdf(x), dtype=np.float64)

    def sf(self, x: Array) -> Array:
        return np.asarray(self.frozen.sf(x), dtype=np.float64)

    def ppf(self, q: Array) -> Array:
        return np.asarray(self.frozen.ppf(q), dtype=np.float64)

    def isf(self, q: Array) -> Array:
        return np.asarray(self.frozen.isf(q), dtype=np.float64)

    def entropy(self) -> float:
        return float(self.frozen.entropy())


class BetaDist(_ScipyBacked):
    """Beta(a, b)."""

    kind = "beta"

    def __init__(self, a: float, b: float) -> None:
        self.a = float(a)
        self.b = float(b)
        self.frozen = stats.beta(self.a, self.b)

    def mean(self) -> float:
        return self.a / (self.a + self.b)

    def var(self) -> float:
        s = self.a + self.b
        return self.a * self.b / (s * s * (s + 1.0))

    def rvs(self, size: Size, rng: np.random.Generator) -> Array:
        return np.asarray(rng.beta(self.a, self.b, size=size), dtype=np.float64)

    def support(self) -> tuple[float, float]:
        return (0.0, 1.0)

    def mass(self, lower: float, upper: float) -> float:
        lo, hi = max(lower, 0.0), min(upper, 1.0)
        if hi < lo:
            return 0.0
        return float(special.betainc(self.a, self.b, hi) - special.betainc(self.a, self.b, lo))


class PointDist(Dist):
    """All the mass at one value."""

    kind = "point"

    def __init__(self, value: float) -> None:
        self.value = float(value)

    def mean(self) -> float:
        return self.value

    def var(self) -> float:
        return 0.0

    def pdf(self, x: Array) -> Array:
        return np.where(x == self.value, np.inf, np.where(np.isnan(x), np.nan, 0.0))

    def logpdf(self, x: Array) -> Array:
        return np.where(x == self.value, np.inf, np.where(np.isnan(x), np.nan, -np.inf))

    def cdf(self, x: Array) -> Array:
        return np.where(np.isnan(x), np.nan, np.where(x >= self.value, 1.0, 0.0))

    def sf(self, x: Array) -> Array:
        return np.where(np.isnan(x), np.nan, np.where(x >= self.value, 0.0, 1.0))

    def ppf(self, q: Array) -> Array:
        return np.where((q >= 0.0) & (q <= 1.0), self.value, np.nan)

    def isf(self, q: Array) -> Array:
        return self.ppf(q)

    def rvs(self, size: Size, rng: np.random.Generator) -> Array:
        return np.full(() if size is None else size, self.value, dtype=np.float64)

    def entropy(self) -> float:
        return -math.inf

    def support(self) -> tuple[float, float]:
        return (self.value, self.value)

    def mass(self, lower: float, upper: float) -> float:
        return 1.0 if lower <= self.value <= upper else 0.0


class MixtureDist(Dist):
    """A weighted mixture of distributions on [0, 1] (components may be atoms)."""

    kind = "mixture"

    def __init__(self, weights: Sequence[float] | Array, components: Sequence[Dist]) -> None:
        w = np.asarray(weights, dtype=np.float64)
        keep = w > 0
        self.weights: Array = w[keep] / w[keep].sum()
        self.components: tuple[Dist, ...] = tuple(
            c for c, k in zip(components, keep, strict=True) if k
        )

    def _sum(self, method: str, x: Array) -> Array:
        total = np.zeros(np.shape(x), dtype=np.float64)
        for w, c in zip(self.weights, self.components, strict=True):
            total = total + w * getattr(c, method)(x)
        return total

    def mean(self) -> float:
        return float(sum(w * c.mean() for w, c in zip(self.weights, self.components, strict=True)))

    def var(self) -> float:
        m = self.mean()
        second = sum(
            w * (c.var() + c.mean() ** 2)
            for w, c in zip(self.weights, self.components, strict=True)
        )
        return float(max(second - m * m, 0.0))

    def pdf(self, x: Array) -> Array:
        return self._sum("pdf", x)

    def logpdf(self, x: Array) -> Array:
        parts = np.stack(
            [np.log(w) + c.logpdf(x) for w, c in zip(self.weights, self.components, strict=True)]
        )
        with np.errstate(invalid="ignore"):
            return np.asarray(special.logsumexp(parts, axis=0), dtype=np.float64)

    def cdf(self, x: Array) -> Array:
        return self._sum("cdf", x)

    def sf(self, x: Array) -> Array:
        return self._sum("sf", x)

    def _invert(self, q: Array, upper_tail: bool) -> Array:
        q = np.asarray(q, dtype=np.float64)
        lo_support, hi_support = self.support()
        lo = np.full(q.shape, lo_support)
        hi = np.full(q.shape, hi_support)
        for _ in range(_BISECTIONS):
            mid = 0.5 * (lo + hi)
            done = self.sf(mid) <= q if upper_tail else self.cdf(mid) >= q
            hi = np.where(done, mid, hi)
            lo = np.where(done, lo, mid)
        out = np.where((q >= 0.0) & (q <= 1.0), hi, np.nan)
        edge = lo_support if not upper_tail else hi_support
        return np.where(q == 0.0, edge, out)

    def ppf(self, q: Array) -> Array:
        return self._invert(q, upper_tail=False)

    def isf(self, q: Array) -> Array:
        return self._invert(q, upper_tail=True)

    def rvs(self, size: Size, rng: np.random.Generator) -> Array:
        shape = () if size is None else ((size,) if isinstance(size, int) else tuple(size))
        n = int(np.prod(shape))
        which = rng.choice(len(self.components), size=n, p=self.weights)
        out = np.empty(n, dtype=np.float64)
        for i, component in enumerate(self.components):
            chosen = which == i
            count = int(chosen.sum())
            if count:
                out[chosen] = component.rvs(count, rng)
        return out.reshape(shape)

    def entropy(self) -> float:
        if any(isinstance(c, PointDist) for c in self.components):
            return -math.inf

        def integrand(x: float) -> float:
            f = float(self.pdf(np.asarray(x))[()])
            return -f * math.log(f) if f > 0.0 else 0.0

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", integrate.IntegrationWarning)
            value, _ = integrate.quad(integrand, 0.0, 1.0, limit=400)
        return float(value)

    def support(self) -> tuple[float, float]:
        ends = [c.support() for c in self.components]
        return (min(e[0] for e in ends), max(e[1] for e in ends))

    def mass(self, lower: float, upper: float) -> float:
        return float(
            sum(
                w * c.mass(lower, upper) for w, c in zip(self.weights, self.components, strict=True)
            )
        )


class FrozenDist(_ScipyBacked):
    """A continuous frozen ``scipy.stats`` distribution whose support lies in [0, 1]."""

    kind = "distribution"

    def __init__(self, frozen: Any) -> None:
        self.frozen = frozen

    def mean(self) -> float:
        return float(self.frozen.mean())

    def var(self) -> float:
        return float(self.frozen.var())

    def rvs(self, size: Size, rng: np.random.Generator) -> Array:
        return np.asarray(self.frozen.rvs(size=size, random_state=rng), dtype=np.float64)

    def support(self) -> tuple[float, float]:
        lo, hi = self.frozen.support()
        return (float(lo), float(hi))

    def mass(self, lower: float, upper: float) -> float:
        if upper < lower:
            return 0.0
        return float(self.frozen.cdf(upper) - self.frozen.cdf(lower))


class GridDist(Dist):
    """A density tabulated on a fine grid of (0, 1): a posterior computed by quadrature.

    Linear between the grid points (trapezoids), zero beyond the first and last.
    """

    kind = "grid"

    def __init__(self, x: Array, density: Array) -> None:
        self.x = np.asarray(x, dtype=np.float64)
        f = np.asarray(density, dtype=np.float64)
        cumulative = np.concatenate([[0.0], np.cumsum(np.diff(self.x) * (f[1:] + f[:-1]) / 2)])
        self.f = f / cumulative[-1]
        self.F = cumulative / cumulative[-1]

    def mean(self) -> float:
        return float(np.trapezoid(self.x * self.f, self.x))

    def var(self) -> float:
        m = self.mean()
        return float(max(np.trapezoid((self.x - m) ** 2 * self.f, self.x), 0.0))

    def pdf(self, x: Array) -> Array:
        return np.asarray(np.interp(x, self.x, self.f, left=0.0, right=0.0), dtype=np.float64)

    def cdf(self, x: Array) -> Array:
        return np.asarray(np.interp(x, self.x, self.F, left=0.0, right=1.0), dtype=np.float64)

    def ppf(self, q: Array) -> Array:
        q = np.asarray(q, dtype=np.float64)
        inside = (q >= 0.0) & (q <= 1.0)
        # invert the piecewise-quadratic cdf on each trapezoid by a few Newton steps
        x = np.interp(q, self.F, self.x)
        for _ in range(3):
            x = np.clip(
                x - (self.cdf(x) - q) / np.maximum(self.pdf(x), 1e-300), self.x[0], self.x[-1]
            )
        return np.where(inside, x, np.nan)

    def rvs(self, size: Size, rng: np.random.Generator) -> Array:
        return self.ppf(np.asarray(rng.uniform(size=size), dtype=np.float64))

    def entropy(self) -> float:
        f = self.f
        with np.errstate(divide="ignore", invalid="ignore"):
            integrand = np.where(f > 0, -f * np.log(f), 0.0)
        return float(np.trapezoid(integrand, self.x))

    def support(self) -> tuple[float, float]:
        return (float(self.x[0]), float(self.x[-1]))

    def mass(self, lower: float, upper: float) -> float:
        if upper < lower:
            return 0.0
        return float(self.cdf(np.asarray(upper)) - self.cdf(np.asarray(lower)))
