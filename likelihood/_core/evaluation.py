"""The record every engine returns, and the weighted-draw arithmetic read from it.

An :class:`Evaluation` is what an engine computed for one set of parameter
draws θ₁…θₙ and one set of observations E: the draws, ``log P(E | θᵢ)``, the
normalised weights and, for every node, ``P(X | E, θᵢ)``. The exact engine
(:mod:`likelihood._core.compiled`) and the PyMC engine (:mod:`likelihood._pymc`)
both return one; :meth:`likelihood.Model.infer` wraps it in a
:class:`~likelihood.Posterior`, and every analysis, plot, report and export
reads only this record and public methods.

The functions below are the one place where weights are normalised, the
coherent mean is taken, the effective sample size and the Monte Carlo error
are computed and the band's quantiles are read.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Evaluation",
    "coherent",
    "effective_sample_size",
    "monte_carlo_error",
    "normalised",
    "theta_name",
    "weighted_quantiles",
    "weighted_sum",
]

Array = NDArray[np.float64]


def theta_name(label: str) -> str:
    """Return the name of a parameter in the PyMC model and the DataTree: ``theta[label]``.

    Examples
    --------
    >>> from likelihood._core.evaluation import theta_name
    >>> theta_name("e | h")
    'theta[e | h]'
    """
    return f"theta[{label}]"


def normalised(log_evidence: Array) -> Array:
    """Return the self-normalised importance weights ``wᵢ ∝ exp(log_evidence[i])``.

    Draws under which the evidence is impossible (``-inf``) get weight 0; all
    ``-inf`` gives NaN weights (the caller reports the impossible evidence).

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.evaluation import normalised
    >>> normalised(np.log(np.array([1.0, 3.0]))).tolist()
    [0.25, 0.75]
    """
    log_evidence = np.asarray(log_evidence, dtype=np.float64)
    top = np.max(log_evidence)
    if not np.isfinite(top):
        return np.full(log_evidence.shape, np.nan)
    w = np.exp(log_evidence - top)
    return np.asarray(w / w.sum(), dtype=np.float64)


def weighted_sum(weights: Array, values: Array) -> Any:
    """Return ``Σᵢ wᵢ vᵢ`` over the draws (the first axis): a number, or one per state.

    One summation for every caller, so that the same numbers come out the same
    wherever they are computed (and without BLAS, whose threads cost more than
    these short sums here).

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.evaluation import weighted_sum
    >>> weighted_sum(np.array([0.5, 0.5]), np.array([[0.2, 0.8], [0.4, 0.6]])).tolist()
    [0.30000000000000004, 0.7]
    """
    values = np.asarray(values)
    if values.ndim == 1:
        return np.einsum("i,i->", weights, values)
    return np.einsum("i,ij->j", weights, values)


def coherent(weights: Array, values: Array) -> float:
    """Return ``Σᵢ wᵢ vᵢ``, kept inside [0, 1] (the sum can stray past 1 by a rounding error).

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.evaluation import coherent
    >>> coherent(np.array([0.5, 0.5]), np.array([0.2, 0.4]))
    0.30000000000000004
    """
    return min(max(float(weighted_sum(weights, values)), 0.0), 1.0)


def effective_sample_size(weights: Array) -> float:
    """Return Kish's effective sample size ``1 / Σᵢ wᵢ²`` of normalised weights.

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.evaluation import effective_sample_size
    >>> effective_sample_size(np.full(4, 0.25))
    4.0
    """
    return float(1.0 / np.sum(np.asarray(weights) ** 2))


def monte_carlo_error(weights: Array, values: Array) -> float:
    """Return the delta-method error ``sqrt(Σᵢ wᵢ² (vᵢ - Σⱼ wⱼ vⱼ)²)`` of a weighted mean.

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.evaluation import monte_carlo_error
    >>> round(monte_carlo_error(np.full(4, 0.25), np.array([0.0, 0.0, 1.0, 1.0])), 6)
    0.25
    """
    mean = float(weighted_sum(weights, values))
    return float(math.sqrt(float(weighted_sum(weights**2, (values - mean) ** 2))))


def weighted_quantiles(values: Array, weights: Array, levels: Sequence[float]) -> Array:
    """Quantiles of *values* under normalised *weights* (midpoint rule, linear in between).

    With equal weights this is :func:`numpy.quantile` with ``method="hazen"``.

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.evaluation import weighted_quantiles
    >>> weighted_quantiles(np.array([3.0, 1.0, 2.0, 4.0]), np.full(4, 0.25), [0.5]).tolist()
    [2.5]
    """
    order = np.argsort(values, kind="stable")
    v = values[order]
    w = weights[order]
    positions = np.cumsum(w) - 0.5 * w
    return np.asarray(np.interp(levels, positions, v), dtype=np.float64)


@dataclass(frozen=True)
class Evaluation:
    """What an engine computed: draws θᵢ, ``log P(E | θᵢ)``, weights and ``P(X | E, θᵢ)``.

    Both engines return this record; :meth:`likelihood.Model.infer` builds the
    :class:`~likelihood.Posterior` from it.

    Attributes
    ----------
    method : str
        ``"exact"`` or ``"pymc"``.
    parameters : tuple of Parameter
        The parameters, in the order of *values*.
    values : tuple of numpy.ndarray
        Each parameter's draws: length ``n``, or 1 for a fixed parameter (``(n, k)``
        for a Dirichlet row).
    n : int
        The number of draws (1 when nothing is uncertain).
    log_evidence : numpy.ndarray
        ``log P(E | θᵢ)``, shape ``(n,)``.
    weights : numpy.ndarray
        The normalised weights of the draws: ``wᵢ ∝ P(E | θᵢ)`` (exact engine),
        equal (PyMC engine, whose draws are already from ``p(θ | E)``).
    marginals : mapping of str to numpy.ndarray
        ``P(X | E, θᵢ)`` per node, shape ``(n, states)`` (one-hot for an observed node).
    observed : mapping of str to str
        The observations, ``{node: state}``.
    seed : int or None
        The seed the draws came from.
    ess : float
        The effective sample size (``inf`` when nothing is uncertain).
    mcse : mapping of str to numpy.ndarray, optional
        Monte Carlo errors per node and state, when the engine estimates them
        itself (PyMC); otherwise computed from the weights.
    diagnostics : mapping
        The sampler's diagnostics (PyMC).
    trace : object
        The sampler's trace (PyMC), else ``None``.

    Examples
    --------
    >>> import likelihood as lk
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.3)
    >>> m.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=True)
    >>> ev = m.infer().evaluation
    >>> ev.method, ev.n, round(float(ev.marginals["h"][0, 0]), 4)
    ('exact', 1, 0.6585)
    """

    method: str
    parameters: tuple[Any, ...]
    values: tuple[Array, ...]
    n: int
    log_evidence: Array
    weights: Array
    marginals: Mapping[str, Array]
    observed: Mapping[str, str]
    seed: int | None
    ess: float
    mcse: Mapping[str, Array] | None = None
    diagnostics: Mapping[str, Any] = field(default_factory=dict)
    trace: Any = None

    def coherent(self, node: str) -> Array:
        """Return the coherent ``P(node | E)`` for every state of *node*.

        Parameters
        ----------
        node : str

        Returns
        -------
        numpy.ndarray

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.infer().evaluation.coherent("h").tolist()
        [0.3, 0.7]
        """
        sums = weighted_sum(self.weights, self.marginals[node])  # every state at once
        return np.asarray(np.clip(sums, 0.0, 1.0), dtype=np.float64)
