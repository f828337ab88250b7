"""Judgments: one uncertain probability, as a distribution on [0, 1].

A :class:`Judgment` behaves like a frozen ``scipy.stats`` distribution and
remembers where it came from (:class:`Origin`). Make one with :func:`judge`
(from a word, a number, an interval, quantiles, a scipy distribution or Beta
parameters) or :func:`pool` (several analysts), and update it with data
(:meth:`Judgment.update`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeGuard, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

from likelihood._core.distributions import (
    BetaDist,
    Dist,
    FrozenDist,
    GridDist,
    MixtureDist,
    PointDist,
    Size,
)
from likelihood._core.fit import maxent_beta, quantile_beta
from likelihood._core.scales import DEFAULT_SCALE, TERM_MASS, Scale, Term
from likelihood._core.scales import scale as get_scale
from likelihood._core.validate import (
    check_choice,
    check_confidence,
    check_counts,
    check_interval,
    check_mass,
    check_positive,
    check_probability,
    check_quantiles,
    check_weights,
    is_real_number,
    scalar,
)
from likelihood._exceptions import (
    JudgmentTypeError,
    PoolWarning,
    ProbabilityError,
    ScaleError,
    UpdateWarning,
    warn,
)

if TYPE_CHECKING:
    from likelihood._core.describe import Description

__all__ = [
    "ANALYSTS_CONCENTRATION",
    "Judgment",
    "Origin",
    "analysts",
    "is_number",
    "judge",
    "own_scale",
    "pool",
]

#: Prior on how tightly the analysts' numbers gather around the probability they judge:
#: κ ~ Gamma(shape 2, rate 0.1), mean 20 (an analyst's spread about sqrt(θ(1 - θ) / 21)).
ANALYSTS_CONCENTRATION = (2.0, 0.1)

Kind = Literal[
    "term", "number", "interval", "quantiles", "beta", "distribution", "pool", "update", "analysts"
]
RandomState = int | np.random.Generator | None

_POOL_CITATION = (
    "Genest, C., & Zidek, J. V. (1986). Combining probability distributions: a critique and an "
    "annotated bibliography. Statistical Science, 1(1), 114-148."
)
_UPDATE_CITATION = (
    "Gelman, A., Carlin, J. B., Stern, H. S., Dunson, D. B., Vehtari, A., & Rubin, D. B. (2013). "
    "Bayesian Data Analysis (3rd ed.), section 2.4."
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a judgment came from.

    Attributes
    ----------
    kind : str
        ``"term"``, ``"number"``, ``"interval"``, ``"quantiles"``, ``"beta"``,
        ``"distribution"``, ``"pool"`` or ``"update"``.
    label : str
        What the analyst wrote, e.g. ``"'highly unlikely' (phia)"`` or ``"0.3"``.
    method : str
        How that input became a distribution.
    scale : str or None
        The scale a word was read on; for a pool, the scale all its words were
        read on (``None`` when they were read on several).
    term : str or None
        The scale's term (its published name, even when an alias was written).
    citation : str or None
        The publication behind the scale or the method.
    inputs : tuple of Judgment
        The judgments a pool or an update was made from.
    spec : object
        The input in the form an analysis file writes it (``"likely"``,
        ``0.3``, ``{"interval": [0.2, 0.4], "mass": 0.9}``, ...), or ``None``
        for a judgment no file can hold (a general scipy distribution).
    data : tuple or None
        The data behind the judgment: ``(successes, trials)`` for an update, the
        analysts' numbers for :func:`analysts`. The PyMC engine enters them as a
        likelihood.
    """

    kind: Kind
    label: str
    method: str
    scale: str | None = None
    term: str | None = None
    citation: str | None = None
    inputs: tuple[Judgment, ...] = ()
    spec: Any = None
    data: tuple[float, ...] | None = None

    def __str__(self) -> str:
        text = f"{self.label}: {self.method}"
        if self.citation:
            text += f" [{self.citation}]"
        return text


class Judgment:
    """One uncertain probability: a distribution on [0, 1] that knows its origin.

    Made by :func:`judge` and :func:`pool`, not directly. Its methods are those
    of a frozen ``scipy.stats`` distribution, with the same meaning and the same
    vectorisation: array in, array out; a number in, a float out.

    Attributes
    ----------
    origin : Origin
        What the analyst wrote and how it became this distribution.

    Examples
    --------
    >>> import likelihood as lk
    >>> j = lk.judge("highly unlikely")          # on the default scale, PHIA
    >>> j
    Judgment('highly unlikely' (phia): Beta(20.29, 114.5), mean 0.151, 90 % in [0.103, 0.204])
    >>> round(j.mass(0.10, 0.20), 6)          # 90 % of the mass in the published range
    0.9
    >>> print(j.origin.citation)  # doctest: +ELLIPSIS
    Professional Head of Intelligence Assessment (Cabinet Office). Explaining Uncertainty ...
    """

    __slots__ = ("_dist", "_origin")

    def __init__(self, dist: Dist, origin: Origin) -> None:
        self._dist = dist
        self._origin: Origin | None = origin

    @property
    def origin(self) -> Origin:
        """What the analyst wrote and how it became this distribution."""
        origin = self._origin
        if origin is None:  # a number made by judge(x): its origin is written when asked for
            value = self._dist.mean()
            origin = self._origin = Origin(
                "number", _format_number(value), _NUMBER_METHOD, spec=value
            )
        return origin

    @origin.setter
    def origin(self, origin: Origin) -> None:
        self._origin = origin

    # -- what it is ---------------------------------------------------------------------

    @property
    def distribution(self) -> Dist:
        """The distribution behind the judgment (Beta, point mass, mixture, grid or scipy).

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge(beta=(2, 5)).distribution.kind
        'beta'
        """
        return self._dist

    def with_origin(self, origin: Origin) -> Judgment:
        """Return the same distribution with another :class:`Origin` (how it was made).

        Parameters
        ----------
        origin : Origin

        Returns
        -------
        Judgment

        Examples
        --------
        >>> import likelihood as lk
        >>> j = lk.judge((0.7, 0.9))
        >>> j.with_origin(lk.Origin("term", "my word", "house rule")).origin.label
        'my word'
        """
        return Judgment(self._dist, origin)

    @property
    def kind(self) -> str:
        """``"beta"``, ``"point"``, ``"mixture"`` or ``"distribution"``."""
        return self._dist.kind

    @property
    def beta(self) -> tuple[float, float] | None:
        """The Beta parameters ``(a, b)``, or ``None`` if the judgment is not a Beta."""
        d = self._dist
        return (d.a, d.b) if isinstance(d, BetaDist) else None

    @property
    def value(self) -> float | None:
        """The number, for a judgment that is a single number (a point mass); else ``None``."""
        d = self._dist
        return d.value if isinstance(d, PointDist) else None

    @property
    def is_fixed(self) -> bool:
        """Whether the judgment is a single number (no uncertainty)."""
        return isinstance(self._dist, PointDist)

    @property
    def components(self) -> tuple[tuple[float, Judgment], ...]:
        """For a linear pool, its ``(weight, judgment)`` pairs; else ``((1.0, self),)``."""
        d = self._dist
        if isinstance(d, MixtureDist):
            inputs = self.origin.inputs
            if len(inputs) == len(d.components) and all(
                i._dist is c for i, c in zip(inputs, d.components, strict=True)
            ):
                return tuple((float(w), i) for w, i in zip(d.weights, inputs, strict=True))
            return tuple(
                (float(w), Judgment(c, _component_origin(c)))
                for w, c in zip(d.weights, d.components, strict=True)
            )
        return ((1.0, self),)

    def law(self) -> str:
        """Return a short name of the distribution, e.g. ``'Beta(2, 5)'``.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge(beta=(2, 5)).law(), lk.judge(0.3).law()
        ('Beta(2, 5)', 'point mass at 0.3')
        """
        d = self._dist
        if isinstance(d, BetaDist):
            return f"Beta({d.a:.4g}, {d.b:.4g})"
        if isinstance(d, PointDist):
            return f"point mass at {d.value:.4g}"
        if isinstance(d, MixtureDist):
            return f"mixture of {len(d.components)}"
        if isinstance(d, GridDist):
            return "posterior on a grid"
        name = getattr(getattr(d.frozen, "dist", None), "name", "distribution")  # type: ignore[attr-defined]
        return f"scipy.stats.{name}"

    # -- the scipy.stats interface --------------------------------------------------------

    def mean(self) -> float:
        """Return the mean.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge(beta=(2, 8)).mean()
        0.2
        """
        return self._dist.mean()

    def var(self) -> float:
        """Return the variance.

        Examples
        --------
        >>> import likelihood as lk
        >>> round(lk.judge(beta=(2, 8)).var(), 6)
        0.014545
        """
        return self._dist.var()

    def std(self) -> float:
        """Return the standard deviation.

        Examples
        --------
        >>> import likelihood as lk
        >>> round(lk.judge(beta=(2, 8)).std(), 4)
        0.1206
        """
        return math.sqrt(self._dist.var())

    def median(self) -> float:
        """Return the median.

        Examples
        --------
        >>> import likelihood as lk
        >>> round(lk.judge("likely").median(), 4)
        0.6511
        """
        return float(self._dist.ppf(np.asarray(0.5))[()])

    def interval(self, confidence: float = 0.9) -> tuple[float, float]:
        """Return the central interval holding *confidence* of the mass (equal tails).

        Parameters
        ----------
        confidence : float, default 0.9
            Share of the mass inside, in (0, 1].

        Returns
        -------
        tuple of float
            ``(ppf((1 - confidence) / 2), ppf((1 + confidence) / 2))``.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge(0.3).interval(0.9)
        (0.3, 0.3)
        """
        c = check_confidence(confidence)
        q = np.array([(1.0 - c) / 2.0, (1.0 + c) / 2.0])
        lo, hi = self._dist.ppf(q)
        return float(lo), float(hi)

    @overload
    def pdf(self, x: float) -> float: ...
    @overload
    def pdf(self, x: ArrayLike) -> float | NDArray[np.float64]: ...
    def pdf(self, x: ArrayLike) -> float | NDArray[np.float64]:
        """Return the probability density at *x* (``inf`` at a point mass).

        Parameters
        ----------
        x : float or array_like
            Probabilities in [0, 1].

        Returns
        -------
        float or numpy.ndarray
            A float for a number, an array of the same shape for an array.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge(beta=(2, 2)).pdf([0.25, 0.5])
        array([1.125, 1.5  ])
        """
        return _out(self._dist.pdf(_in(x)))

    @overload
    def logpdf(self, x: float) -> float: ...
    @overload
    def logpdf(self, x: ArrayLike) -> float | NDArray[np.float64]: ...
    def logpdf(self, x: ArrayLike) -> float | NDArray[np.float64]:
        """Return the log of the probability density at *x*.

        Parameters
        ----------
        x : float or array_like
            Probabilities in [0, 1].

        Returns
        -------
        float or numpy.ndarray
            A float for a number, an array of the same shape for an array.

        Examples
        --------
        >>> import likelihood as lk
        >>> round(lk.judge(beta=(2, 2)).logpdf(0.5), 4)
        0.4055
        """
        return _out(self._dist.logpdf(_in(x)))

    @overload
    def cdf(self, x: float) -> float: ...
    @overload
    def cdf(self, x: ArrayLike) -> float | NDArray[np.float64]: ...
    def cdf(self, x: ArrayLike) -> float | NDArray[np.float64]:
        """Return the cumulative distribution function, P(X <= x).

        Parameters
        ----------
        x : float or array_like
            Probabilities in [0, 1].

        Returns
        -------
        float or numpy.ndarray
            A float for a number, an array of the same shape for an array.

        Examples
        --------
        >>> import likelihood as lk
        >>> round(lk.judge("unlikely", scale="icd203").cdf(0.45), 4)
        0.9408
        """
        return _out(self._dist.cdf(_in(x)))

    @overload
    def sf(self, x: float) -> float: ...
    @overload
    def sf(self, x: ArrayLike) -> float | NDArray[np.float64]: ...
    def sf(self, x: ArrayLike) -> float | NDArray[np.float64]:
        """Return the survival function, P(X > x).

        Parameters
        ----------
        x : float or array_like
            Probabilities in [0, 1].

        Returns
        -------
        float or numpy.ndarray
            A float for a number, an array of the same shape for an array.

        Examples
        --------
        >>> import likelihood as lk
        >>> round(lk.judge("unlikely", scale="icd203").sf(0.45), 4)
        0.0592
        """
        return _out(self._dist.sf(_in(x)))

    @overload
    def ppf(self, q: float) -> float: ...
    @overload
    def ppf(self, q: ArrayLike) -> float | NDArray[np.float64]: ...
    def ppf(self, q: ArrayLike) -> float | NDArray[np.float64]:
        """Return the quantile function (inverse of :meth:`cdf`); ``nan`` outside [0, 1].

        Parameters
        ----------
        q : float or array_like
            Levels in [0, 1].

        Returns
        -------
        float or numpy.ndarray
            A float for a number, an array of the same shape for an array.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge(beta=(1, 1)).ppf(0.25)
        0.25
        """
        return _out(self._dist.ppf(_in(q)))

    @overload
    def isf(self, q: float) -> float: ...
    @overload
    def isf(self, q: ArrayLike) -> float | NDArray[np.float64]: ...
    def isf(self, q: ArrayLike) -> float | NDArray[np.float64]:
        """Return the inverse survival function (inverse of :meth:`sf`); ``nan`` outside [0, 1].

        Parameters
        ----------
        q : float or array_like
            Levels in [0, 1].

        Returns
        -------
        float or numpy.ndarray
            A float for a number, an array of the same shape for an array.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge(beta=(1, 1)).isf(0.25)
        0.75
        """
        return _out(self._dist.isf(_in(q)))

    @overload
    def rvs(self, size: None = None, random_state: RandomState = None) -> float: ...
    @overload
    def rvs(
        self, size: int | tuple[int, ...], random_state: RandomState = None
    ) -> NDArray[np.float64]: ...
    def rvs(self, size: Size = None, random_state: RandomState = None) -> Any:
        """Draw random values.

        Parameters
        ----------
        size : int or tuple of int, optional
            Shape of the result; a single float when omitted.
        random_state : int or numpy.random.Generator, optional
            A seed or a generator (``numpy.random.default_rng``); the same seed
            gives the same draws.

        Returns
        -------
        float or numpy.ndarray

        Examples
        --------
        >>> import likelihood as lk
        >>> draws = lk.judge("likely").rvs(5, random_state=1)
        >>> draws.shape, bool(((draws > 0) & (draws < 1)).all())
        ((5,), True)
        """
        rng = _rng(random_state)
        return _out(self._dist.rvs(size, rng))

    def entropy(self) -> float:
        """Return the differential entropy in nats (``-inf`` for a point mass).

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge(beta=(1, 1)).entropy(), lk.judge(0.3).entropy()
        (0.0, -inf)
        """
        return self._dist.entropy()

    def support(self) -> tuple[float, float]:
        """Return the smallest interval holding all the mass.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge("likely").support(), lk.judge(0.3).support()
        ((0.0, 1.0), (0.3, 0.3))
        """
        return self._dist.support()

    def mass(self, lower: float, upper: float) -> float:
        """Return the probability that the judged probability lies in ``[lower, upper]``.

        Parameters
        ----------
        lower, upper : float
            The ends of the range, both included.

        Returns
        -------
        float

        Examples
        --------
        >>> import likelihood as lk
        >>> round(lk.judge("unlikely", scale="icd203").mass(0.20, 0.45), 6)
        0.9
        """
        return self._dist.mass(float(lower), float(upper))

    # -- beyond scipy ---------------------------------------------------------------------

    def update(self, *, successes: int, trials: int) -> Judgment:
        """Return the judgment updated with *successes* in *trials* (conjugate Beta-Binomial).

        A Beta(a, b) becomes Beta(a + successes, b + trials - successes); a
        linear pool of Betas stays a pool, each component updated and its weight
        multiplied by the component's marginal likelihood; a number stays that
        number.

        Parameters
        ----------
        successes, trials : int
            Whole numbers with ``0 <= successes <= trials``.

        Returns
        -------
        Judgment

        Raises
        ------
        ProbabilityError
            If the counts are not valid, or are impossible under the judgment
            (a success when the probability is judged exactly 0).
        JudgmentTypeError
            If the judgment is a general scipy distribution, which has no
            conjugate update.

        Warns
        -----
        UpdateWarning
            If the judgment is an exact number: no data can move a point mass,
            so the result is that number (judge it with uncertainty to learn
            from the data).

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.judge(beta=(2, 8)).update(successes=3, trials=10).beta
        (5.0, 15.0)
        """
        k, n = check_counts(successes, trials)
        dist = _update(self._dist, k, n, self.origin.label)
        if isinstance(self._dist, PointDist):
            warn(
                f"{self.origin.label} is an exact number, which no data can move: {k} successes "
                f"in {n} trials leave it at {self._dist.value:g}. Judge it with uncertainty (a "
                "word, an interval) to learn from the data",
                UpdateWarning,
            )
        origin = Origin(
            "update",
            f"{self.origin.label} updated with {k} of {n}",
            f"conjugate Beta-Binomial update with {k} successes in {n} trials",
            scale=self.origin.scale,
            term=self.origin.term,
            citation=_UPDATE_CITATION,
            inputs=(self,),
            spec=(
                {"update": self.origin.spec, "successes": k, "trials": n}
                if self.origin.spec is not None
                else None
            ),
            data=(float(k), float(n)),
        )
        return Judgment(dist, origin)

    def describe(self, scale: str | Scale | None = None) -> Description:
        """Return words for this judgment (its mean) and the share of its mass in them.

        Parameters
        ----------
        scale : str or Scale, optional
            Defaults to the judgment's own scale (the scale
            its word was read on, or the one all the words of a pool or an
            update were read on), else PHIA.

        Examples
        --------
        >>> import likelihood as lk
        >>> d = lk.judge((0.5, 0.7)).describe()
        >>> d, round(d.mass, 2)
        ('likely', 0.79)
        >>> icd = lk.judge("unlikely", scale="icd203"), lk.judge("likely", scale="icd203")
        >>> lk.pool(icd).describe().scale
        'icd203'
        """
        from likelihood._core.describe import describe

        chosen = scale if scale is not None else own_scale(self) or DEFAULT_SCALE
        return describe(self, scale=chosen)

    def __repr__(self) -> str:
        lo, hi = self.interval(0.9)
        return (
            f"Judgment({self.origin.label}: {self.law()}, mean {self.mean():.3f}, "
            f"90 % in [{lo:.3f}, {hi:.3f}])"
        )


def own_scale(judgment: Judgment) -> str | None:
    """Return the scale a judgment's words were read on, or ``None`` if none or several.

    A word's judgment has the scale it was read on; a pool, an update or an
    analysts' judgment has the scale that all the words it was made from were
    read on (numbers and intervals have no scale and do not count).

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.judgment import own_scale
    >>> own_scale(lk.pool([lk.judge("likely", scale="icd203"), 0.3]))
    'icd203'
    >>> own_scale(lk.pool(["likely", lk.judge("likely", scale="icd203")])) is None
    True
    """
    return _shared_scale([judgment])


def _scales(judgment: Judgment) -> set[str]:
    """Return every scale the words behind a judgment were read on."""
    if judgment.origin.scale:
        return {judgment.origin.scale}
    found: set[str] = set()
    for j in judgment.origin.inputs:
        found |= _scales(j)
    return found


def _shared_scale(items: Sequence[Judgment]) -> str | None:
    """Return the one scale the words behind *items* were read on, or ``None``."""
    found: set[str] = set()
    for j in items:
        found |= _scales(j)
    return found.pop() if len(found) == 1 else None


# -- helpers ------------------------------------------------------------------------------


def _in(x: ArrayLike) -> NDArray[np.float64]:
    return np.asarray(x, dtype=np.float64)


def _out(y: NDArray[np.float64]) -> float | NDArray[np.float64]:
    return float(y) if np.ndim(y) == 0 else y


def _rng(random_state: object) -> np.random.Generator:
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None or (
        isinstance(random_state, int | np.integer) and not isinstance(random_state, bool)
    ):
        return np.random.default_rng(random_state)
    raise JudgmentTypeError(
        "random_state must be None, an int seed or a numpy.random.Generator; "
        f"got {random_state!r} ({type(random_state).__name__})"
    )


def _component_origin(d: Dist) -> Origin:
    return Origin("distribution", "pool component", "a component of a linear pool")


def _update(d: Dist, k: int, n: int, label: str) -> Dist:
    if isinstance(d, BetaDist):
        return BetaDist(d.a + k, d.b + n - k)
    if isinstance(d, PointDist):
        if _log_point_likelihood(d.value, k, n) == -math.inf:
            raise ProbabilityError(
                f"{k} successes in {n} trials are impossible under {label}, "
                f"judged exactly {d.value:g}"
            )
        return d
    if isinstance(d, MixtureDist):
        logs = np.array([_log_marginal(c, k, n) for c in d.components])
        if np.all(np.isneginf(logs)):
            raise ProbabilityError(
                f"{k} successes in {n} trials are impossible under every component of {label}"
            )
        log_weights = np.log(d.weights) + logs
        weights = np.exp(log_weights - log_weights.max())
        components = [
            _update(c, k, n, label) if lw > -math.inf else c
            for c, lw in zip(d.components, logs, strict=True)
        ]
        return MixtureDist(weights, components)
    raise JudgmentTypeError(
        f"update needs a Beta, a number or a linear pool of them; {label} is a "
        f"{d.kind} with no conjugate update"
    )


def _log_point_likelihood(p: float, k: int, n: int) -> float:
    with np.errstate(divide="ignore"):
        return float(special.xlogy(k, p) + special.xlog1py(n - k, -p))


def _log_marginal(d: Dist, k: int, n: int) -> float:
    """Log of the marginal likelihood of k in n (without the binomial coefficient)."""
    if isinstance(d, BetaDist):
        return float(special.betaln(d.a + k, d.b + n - k) - special.betaln(d.a, d.b))
    if isinstance(d, PointDist):
        return _log_point_likelihood(d.value, k, n)
    raise JudgmentTypeError(
        f"update needs a Beta, a number or a linear pool of them; a pool component is a {d.kind}"
    )


_NUMBER_METHOD = "the number itself (a point mass)"


def _format_number(x: float) -> str:
    return f"{x:.6g}"


def _number_judgment(x: float) -> Judgment:
    """Return the judgment of the number *x* in [0, 1] (as :func:`judge` makes it).

    Its origin, ``Origin("number", _format_number(x), _NUMBER_METHOD, spec=x)``,
    is made when it is first asked for: a network's tables give thousands of
    numbers, whose origins few analyses read.
    """
    judgment = object.__new__(Judgment)
    judgment._dist = PointDist(x)
    judgment._origin = None
    return judgment


def is_number(value: object) -> TypeGuard[Judgment]:
    """Return whether *value* is a :class:`Judgment` made from a number (``judge(0.3)``).

    The same as ``type(value) is Judgment and value.origin.kind == "number"``,
    without writing the origin of a number that has not been asked for.

    Examples
    --------
    >>> import likelihood as lk
    >>> is_number(lk.judge(0.3)), is_number(lk.judge("likely")), is_number(0.3)
    (True, False, False)
    """
    if type(value) is not Judgment:
        return False
    origin = value._origin
    return origin is None or origin.kind == "number"


def _term_judgment(sc: Scale, term: Term, written: str) -> Judgment:
    label = f"{written!r} ({sc.name})"
    if term.name != written.strip().lower():
        label = f"{written!r} ({sc.name}: {term.name!r})"

    def origin(method: str) -> Origin:
        return Origin(
            "term",
            label,
            method,
            scale=sc.name,
            term=term.name,
            citation=sc.citation or None,
            spec={"term": written, "scale": sc.name},
        )

    if sc.kind == "likelihood-ratio":
        raise ScaleError(
            f"{written!r} is a term of {sc.name}, a likelihood-ratio scale: its words grade the "
            "strength of evidence, not a probability. Use describe(lr, scale="
            f"{sc.name!r}) for the words of a likelihood ratio"
        )
    if term.uncertain:
        method = "uniform on [0, 1]: the scale says this cannot be judged"
        return Judgment(BetaDist(1.0, 1.0), origin(method))
    if sc.kind == "grading":
        raise ScaleError(
            f"{written!r} ({term.code}: {term.name}) is a grade of {sc.name}, which publishes no "
            "probability for it; only the 'cannot be judged' grades "
            + ", ".join(t.code or t.name for t in sc.terms if t.uncertain)
            + " have a judgment (uniform)"
        )
    assert term.lower is not None and term.upper is not None  # probability terms have ranges
    if term.beta is not None:
        a, b = term.beta
        if sc.readings is not None:
            method = (
                f"Beta fitted by maximum likelihood to the survey answers (middle 90 % of "
                f"answers {term.lower:.3g}-{term.upper:.3g})"
            )
        else:  # a Beta the scale gives itself (a personal scale: a track record's update)
            method = f"the scale's Beta({a:.4g}, {b:.4g})" + (f": {term.note}" if term.note else "")
        return Judgment(BetaDist(a, b), origin(method))
    if term.is_point:
        method = f"the point {term.lower:g}, as published"
        return Judgment(PointDist(term.lower), origin(method))
    a, b = maxent_beta(term.lower, term.upper, sc.mass)
    method = (
        f"maximum-entropy Beta with {sc.mass:.0%} of its mass in the published range "
        f"{term.printed()}"
    ).replace("%", " %", 1)
    return Judgment(BetaDist(a, b), origin(method))


def _is_frozen_scipy(value: object) -> bool:
    return hasattr(value, "dist") and hasattr(value, "cdf") and hasattr(value, "ppf")


def _from_frozen(value: Any) -> Judgment:
    dist = value.dist
    if not isinstance(dist, stats.rv_continuous):
        raise JudgmentTypeError(
            f"a scipy distribution must be continuous on [0, 1]; got the discrete {dist.name!r}"
        )
    lo, hi = (float(v) for v in value.support())
    if not (0.0 <= lo < hi <= 1.0):
        raise ProbabilityError(
            f"a scipy distribution must have its support inside [0, 1]; got {dist.name} "
            f"with support [{lo:g}, {hi:g}]"
        )
    arguments = [f"{a:g}" if is_real_number(a) else repr(a) for a in value.args]
    arguments += [
        f"{k}={v:g}" if is_real_number(v) else f"{k}={v!r}" for k, v in value.kwds.items()
    ]
    label = f"scipy.stats.{dist.name}({', '.join(arguments)})"
    if dist.name == "beta" and lo == 0.0 and hi == 1.0:
        a, b = (
            (float(v) for v in value.args[:2])
            if len(value.args) >= 2
            else (
                float(value.kwds["a"]),
                float(value.kwds["b"]),
            )
        )
        origin = Origin(
            "distribution",
            label,
            f"Beta({a:.4g}, {b:.4g}) given as scipy.stats.beta",
            spec={"beta": [a, b]},
        )
        return Judgment(BetaDist(a, b), origin)
    origin = Origin("distribution", label, "a scipy.stats distribution given directly")
    return Judgment(FrozenDist(value), origin)


def judge(
    value: Any = None,
    /,
    *,
    scale: str | Scale = DEFAULT_SCALE,
    beta: tuple[float, float] | None = None,
    mass: float = TERM_MASS,
) -> Judgment:
    """Turn what an analyst wrote into a judgment: a distribution on [0, 1].

    Parameters
    ----------
    value : str, float, tuple, mapping, Judgment or frozen scipy.stats distribution
        (a 0-d NumPy array stands for its element)

        * a **word** of the scale, e.g. ``"highly unlikely"``: the scale's term,
          as its documented distribution — the maximum-entropy Beta with 90 % of
          its mass in the published range (see ``docs/scales.md``); a single
          published value as a point; a "cannot be judged" term as uniform; a
          survey scale's term as the Beta fitted to the answers;
        * a **number** in [0, 1]: exactly that probability (a point mass, a band
          of zero width);
        * an **interval** ``(lower, upper)``: the maximum-entropy Beta with
          *mass* of its mass inside, the same method as for a word;
        * **quantiles** ``{0.05: x1, 0.5: x2, 0.95: x3}``: the Beta with those
          quantiles (exact for two, least squares for more);
        * a frozen continuous **scipy.stats distribution** with support in [0, 1];
        * a **Judgment**, returned as it is.
    scale : str or Scale, default "phia"
        The scale words are read on.
    beta : tuple of float, optional
        Beta parameters ``(a, b)``, instead of *value*.
    mass : float, default 0.9
        Share of the mass inside an interval given as *value*.

    Returns
    -------
    Judgment

    Raises
    ------
    UnknownTermError
        A word that is not on the scale (the message names the closest terms,
        and the scales that have the word).
    UnknownScaleError
        A scale name that is not built in.
    ProbabilityError
        A number outside [0, 1], nan or inf; an interval with lower >= upper;
        quantiles out of order; Beta parameters that are not positive.
    ScaleError
        A term of a likelihood-ratio scale, or a grade with no published
        probability.
    JudgmentTypeError
        A value of another type, or both *value* and *beta*.

    See Also
    --------
    pool : combine several analysts' judgments.
    describe : words for a number or a judgment.

    References
    ----------
    .. [1] Jaynes, E. T. (1957). Information theory and statistical mechanics.
       Physical Review, 106(4), 620-630 (the maximum-entropy principle).
    .. [2] Icazatti, A., Abril-Pla, O., Klami, A., & Martin, O. A. (2023). PreliZ:
       A tool-box for prior elicitation. Journal of Open Source Software, 8(89),
       5499 (``maxent``: the maximum-entropy distribution with a given mass in
       an interval).

    Examples
    --------
    >>> import likelihood as lk
    >>> lk.judge("unlikely", scale="icd203")
    Judgment('unlikely' (icd203): Beta(11.99, 24.78), mean 0.326, 90 % in [0.206, 0.457])
    >>> lk.judge("probable", scale="icd203").origin.term
    'likely'
    >>> lk.judge(0.3).interval(0.9)
    (0.3, 0.3)
    >>> [round(x, 3) for x in lk.judge((0.2, 0.4)).interval(0.9)]
    [0.205, 0.405]
    >>> lk.judge({0.05: 0.1, 0.95: 0.5}).law()
    'Beta(3.475, 8.973)'
    >>> lk.judge(beta=(2, 5)).mean() == 2 / 7
    True
    """
    if type(value) is float and 0.0 <= value <= 1.0 and beta is None:  # a number: nothing to read
        return _number_judgment(value)
    if beta is not None:
        if value is not None:
            raise JudgmentTypeError(f"give either a value or beta=(a, b), not both; got {value!r}")
        if isinstance(beta, str | bytes) or not isinstance(beta, Sequence) or len(beta) != 2:
            raise ProbabilityError(f"beta must be two positive numbers (a, b); got {beta!r}")
        a = check_positive(beta[0], "beta a")
        b = check_positive(beta[1], "beta b")
        origin = Origin(
            "beta", f"Beta({a:g}, {b:g})", "Beta parameters given directly", spec={"beta": [a, b]}
        )
        return Judgment(BetaDist(a, b), origin)
    value = scalar(value)  # a 0-d array is its number
    if value is None:
        raise JudgmentTypeError("judge needs a value (a word, a number, an interval, ...) or beta")
    if isinstance(value, Judgment):
        return value
    if isinstance(value, str):
        sc = get_scale(scale)
        return _term_judgment(sc, sc.term(value), value)
    if is_real_number(value):
        p = check_probability(value, "value")
        origin = Origin("number", _format_number(p), _NUMBER_METHOD, spec=p)
        return Judgment(PointDist(p), origin)
    if isinstance(value, bool | np.bool_):
        raise JudgmentTypeError(
            f"a judgment cannot be made from the boolean {value!r}; give a probability in [0, 1]"
        )
    if isinstance(value, Mapping):
        levels, values = check_quantiles(value)
        a, b = quantile_beta(levels, values)
        table = ", ".join(f"{q:g}: {x:g}" for q, x in zip(levels, values, strict=True))
        how = "exactly" if len(levels) == 2 else "by least squares"
        origin = Origin(
            "quantiles",
            f"{{{table}}}",
            f"Beta with these quantiles ({how})",
            spec={"quantiles": {f"{q:g}": float(x) for q, x in zip(levels, values, strict=True)}},
        )
        return Judgment(BetaDist(a, b), origin)
    if _is_frozen_scipy(value):
        return _from_frozen(value)
    if isinstance(value, Sequence | np.ndarray) and not isinstance(value, bytes):
        lo, hi = check_interval(value, "interval")
        share = check_mass(mass)
        a, b = maxent_beta(lo, hi, share)
        label = f"[{_format_number(lo)}, {_format_number(hi)}]"
        method = f"maximum-entropy Beta with {share:.0%} of its mass in {label}".replace(
            "%", " %", 1
        )
        spec = {"interval": [lo, hi], "mass": share}
        return Judgment(BetaDist(a, b), Origin("interval", label, method, spec=spec))
    raise JudgmentTypeError(
        "judge takes a word, a probability, an interval (lower, upper), quantiles "
        "{level: value}, a scipy.stats distribution on [0, 1], a Judgment, or beta=(a, b); "
        f"got {value!r} ({type(value).__name__})"
    )


def pool(
    judgments: Sequence[Any],
    /,
    *,
    weights: Sequence[float] | None = None,
    method: Literal["linear", "log"] = "linear",
    scale: str | Scale = DEFAULT_SCALE,
) -> Judgment:
    r"""Combine several analysts' judgments of the same probability.

    Parameters
    ----------
    judgments : sequence
        Judgments, or anything :func:`judge` accepts (words are read on *scale*).
    weights : sequence of float, optional
        One non-negative weight per judgment; normalised to sum to one. Equal
        weights by default.
    method : {"linear", "log"}, default "linear"
        ``"linear"``: the weighted mixture :math:`\sum_i w_i f_i` — keeps every
        analyst's view, so disagreement widens the result. ``"log"``: the
        normalised weighted geometric mean :math:`\propto \prod_i f_i^{w_i}`,
        which for Betas is again a Beta,
        :math:`\mathrm{Beta}(\sum_i w_i a_i, \sum_i w_i b_i)` (with weights
        summing to one); it requires Beta or exact-number judgments.
    scale : str or Scale, default "phia"
        The scale words are read on.

    Returns
    -------
    Judgment

    Raises
    ------
    ProbabilityError
        Weights of the wrong length, negative, or not summing to a positive
        number; a log pool of different exact numbers (it is empty).
    OptionError
        An unknown *method*.
    JudgmentTypeError
        A log pool of a judgment that is neither a Beta nor a number.

    Warns
    -----
    PoolWarning
        A log pool of an exact number with uncertain judgments: the product of
        the densities is the point mass, so the pool is that number and the
        other judgments have no effect.

    Notes
    -----
    The pool's ``origin.scale`` is the scale all its words were read on
    (when they were read on one), so that :meth:`Judgment.describe` answers on it.

    References
    ----------
    .. [1] Genest, C., & Zidek, J. V. (1986). Combining probability
       distributions: a critique and an annotated bibliography. Statistical
       Science, 1(1), 114-148.

    Examples
    --------
    >>> import likelihood as lk
    >>> linear = lk.pool(["likely", "unlikely"])
    >>> round(linear.mean(), 4) == round((lk.judge("likely").mean() + lk.judge("unlikely").mean()) / 2, 4)
    True
    >>> lk.pool([lk.judge(beta=(2, 6)), lk.judge(beta=(4, 4))], method="log").beta
    (3.0, 5.0)
    """  # noqa: E501
    how = check_choice(method, ("linear", "log"), "method")
    if isinstance(judgments, str | bytes | Mapping) or not isinstance(judgments, Sequence):
        raise JudgmentTypeError(
            f"pool takes a sequence of judgments; got {judgments!r} ({type(judgments).__name__})"
        )
    if len(judgments) == 0:
        raise JudgmentTypeError("pool needs at least one judgment; got an empty sequence")
    items = [judge(j, scale=scale) for j in judgments]
    w = check_weights(weights, len(items))
    shared = _shared_scale([j for j, x in zip(items, w, strict=True) if x > 0])
    labels = ", ".join(j.origin.label for j in items)
    shown = ", ".join(f"{x:.3g}" for x in w)
    if how == "linear":
        dist = MixtureDist(w, [j._dist for j in items])
        if len(dist.components) == 1:
            return next(j for j, x in zip(items, w, strict=True) if x > 0)
        origin = Origin(
            "pool",
            f"linear pool of {labels}",
            f"linear opinion pool (a mixture) with weights {shown}",
            scale=shared,
            citation=_POOL_CITATION,
            inputs=tuple(j for j, x in zip(items, w, strict=True) if x > 0),
            spec=_pool_spec(items, w, "linear"),
        )
        return Judgment(dist, origin)
    return Judgment(
        _log_pool(items, w),
        Origin(
            "pool",
            f"log pool of {labels}",
            f"logarithmic opinion pool (normalised weighted geometric mean) with weights {shown}",
            scale=shared,
            citation=_POOL_CITATION,
            inputs=tuple(items),
            spec=_pool_spec(items, w, "log"),
        ),
    )


def _pool_spec(items: Sequence[Judgment], w: NDArray[np.float64], method: str) -> Any:
    members = [j.origin.spec for j in items]
    if any(m is None for m in members):
        return None
    spec: dict[str, Any] = {"pool": members, "method": method}
    if not np.allclose(w, w[0]):
        spec["weights"] = [float(x) for x in w]
    return spec


def _log_pool(items: Sequence[Judgment], w: NDArray[np.float64]) -> Dist:
    active = [(x, j) for x, j in zip(w, items, strict=True) if x > 0]
    for _, j in active:
        if not isinstance(j._dist, BetaDist | PointDist):
            raise JudgmentTypeError(
                f"a log pool needs Beta or exact-number judgments; {j.origin.label} is a {j.kind}"
            )
    points = {j._dist.value for _, j in active if isinstance(j._dist, PointDist)}
    if len(points) > 1:
        shown = ", ".join(f"{p:g}" for p in sorted(points))
        raise ProbabilityError(
            f"a log pool of different exact numbers ({shown}) is empty: the product of their "
            "point masses is zero everywhere; use method='linear' or judge them with uncertainty"
        )
    if points:
        p = points.pop()
        others = [j for _, j in active if isinstance(j._dist, BetaDist)]
        for j in others:
            if not j._dist.pdf(np.asarray(p)) > 0:
                raise ProbabilityError(
                    f"a log pool of the exact number {p:g} with {j.origin.label}, which gives it "
                    "zero density, is empty"
                )
        if others:
            warn(
                f"a log pool of the exact number {p:g} with "
                f"{', '.join(j.origin.label for j in others)} is the number {p:g}: the product "
                "of the densities is its point mass, so the other judgments have no effect. "
                f"Use method='linear', or judge {p:g} with uncertainty (an interval), to keep them",
                PoolWarning,
            )
        return PointDist(p)
    a = sum(x * j._dist.a for x, j in active)  # type: ignore[attr-defined]
    b = sum(x * j._dist.b for x, j in active)  # type: ignore[attr-defined]
    return BetaDist(float(a), float(b))


def analysts(
    numbers: Sequence[float],
    /,
    *,
    prior: Any = None,
    scale: str | Scale = DEFAULT_SCALE,
) -> Judgment:
    r"""Several analysts' numbers for one probability, read as noisy measurements of it.

    The hierarchical model: the probability θ has the judgment *prior* (uniform
    by default); each analyst's number is ``xᵢ ~ Beta(θκ, (1 - θ)κ)``, centred
    on θ with a concentration κ ~ Gamma(2, rate 0.1) shared by the analysts.
    The judgment is the posterior of θ, computed here by quadrature on a fine
    grid (κ integrated out); the PyMC engine samples the same model with the
    numbers as observed data.

    Unlike :func:`pool`, which combines distributions, this reads each analyst
    as one observation: more analysts who agree make the judgment firmer.

    Parameters
    ----------
    numbers : sequence of float
        Each analyst's probability, strictly between 0 and 1.
    prior : optional
        The judgment of θ before the analysts are heard (anything :func:`judge`
        accepts); uniform when omitted. It must have a density.
    scale : str or Scale, default "phia"
        The scale a word given as *prior* is read on.

    Returns
    -------
    Judgment

    Raises
    ------
    ProbabilityError
        A number that is not strictly between 0 and 1, or fewer than two numbers.

    Examples
    --------
    >>> import likelihood as lk
    >>> team = lk.analysts([0.2, 0.3, 0.25, 0.35])
    >>> round(team.mean(), 2), team.kind
    (0.29, 'grid')
    >>> lo, hi = team.interval(0.9)
    >>> bool(0.15 < lo < 0.28 < hi < 0.42)
    True
    """
    if isinstance(numbers, str | bytes) or not isinstance(numbers, Sequence) or len(numbers) < 2:
        raise ProbabilityError(f"analysts needs two or more numbers; got {numbers!r}")
    xs = []
    for i, value in enumerate(numbers):
        x = check_probability(value, f"numbers[{i}]")
        if not 0.0 < x < 1.0:
            raise ProbabilityError(
                f"numbers[{i}] must be strictly between 0 and 1 (a Beta measurement of 0 or 1 "
                f"has no density); got {value!r}"
            )
        xs.append(x)
    base = judge(prior, scale=scale) if prior is not None else judge(beta=(1.0, 1.0))
    if base.kind == "point":
        raise ProbabilityError("the prior of analysts must be uncertain (have a density)")
    theta = np.linspace(0.0, 1.0, 2002)[1:-1]
    log_kappa = np.linspace(np.log(0.05), np.log(5000.0), 400)
    kappa = np.exp(log_kappa)
    shape, rate = ANALYSTS_CONCENTRATION
    log_prior_kappa = stats.gamma.logpdf(kappa, shape, scale=1.0 / rate) + log_kappa
    a = theta[:, None] * kappa[None, :]
    b = (1.0 - theta[:, None]) * kappa[None, :]
    log_x = np.log(np.asarray(xs))
    log_1mx = np.log1p(-np.asarray(xs))
    loglik = (a - 1.0) * log_x.sum() + (b - 1.0) * log_1mx.sum() - len(xs) * special.betaln(a, b)
    joint = loglik + log_prior_kappa[None, :]
    top = joint.max()
    marginal = np.log(np.trapezoid(np.exp(joint - top), log_kappa, axis=1)) + top
    log_post = marginal + np.log(np.maximum(base.pdf(theta), 1e-300))
    density = np.exp(log_post - log_post.max())
    shown = ", ".join(f"{x:g}" for x in xs)
    origin = Origin(
        "analysts",
        f"analysts [{shown}]",
        "posterior of θ given each analyst's number ~ Beta(θκ, (1 - θ)κ), κ ~ Gamma(2, 0.1), "
        "by quadrature",
        inputs=(base,),
        spec=(
            {"analysts": xs, "prior": base.origin.spec}
            if prior is not None and base.origin.spec is not None
            else {"analysts": xs}
        ),
        data=tuple(xs),
    )
    return Judgment(GridDist(theta, density), origin)
