"""The exact engine: draw θ, evaluate every draw's network exactly, weight by P(E | θ).

For draws θ₁…θₙ from the judgments (numbers stay fixed; a table of several
states is normalised per draw) the junction tree of :mod:`likelihood._core.network`
gives, for all draws at once, ``P(E | θᵢ)`` and ``P(X | E, θᵢ)``. With weights
``wᵢ ∝ P(E | θᵢ)`` (self-normalised importance sampling from the prior p(θ)):

* the coherent probability ``P(X | E) = Σᵢ wᵢ P(X | E, θᵢ)``
  ( ``= Σᵢ P(X, E | θᵢ) / Σᵢ P(E | θᵢ)`` ),
* its Monte Carlo standard error ``sqrt(Σᵢ wᵢ² (P(X | E, θᵢ) - P(X | E))²)``,
* the effective sample size ``1 / Σᵢ wᵢ²``,
* the band: weighted quantiles of ``P(X | E, θᵢ)``, i.e. over ``p(θ | E)``.

Memory is bounded by evaluating the draws in chunks.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from likelihood._core.judgment import Judgment
from likelihood._core.model import Dirichlet, Model, Node, Parameter, _LogUniformRatio
from likelihood._core.network import JunctionTree
from likelihood._exceptions import EffectiveSampleSizeWarning, EvidenceError

if TYPE_CHECKING:
    from likelihood._core.posterior import Posterior

__all__ = ["CHUNK_BUDGET", "Engine", "infer_exact", "weighted_quantiles"]

Array = NDArray[np.float64]

#: Floats allowed in the largest clique table of one chunk (32 MiB of float64).
CHUNK_BUDGET = 1 << 22
#: Below this many effective draws, the answer comes with a warning.
MIN_ESS = 100


def weighted_quantiles(values: Array, weights: Array, levels: Sequence[float]) -> Array:
    """Quantiles of *values* under normalised *weights* (midpoint rule, linear in between)."""
    order = np.argsort(values, kind="stable")
    v = values[order]
    w = weights[order]
    positions = np.cumsum(w) - 0.5 * w
    return np.asarray(np.interp(levels, positions, v), dtype=np.float64)


def draw_parameters(params: Sequence[Parameter], n: int, rng: np.random.Generator) -> list[Array]:
    """Draw every parameter n times; a fixed one gives an array of length 1.

    All Beta judgments are drawn in one vectorised call, then the others in order.
    """
    out: list[Array | None] = [None] * len(params)
    betas = [
        i
        for i, p in enumerate(params)
        if isinstance(p.distribution, Judgment) and p.distribution.beta is not None
    ]
    if betas:
        a = np.array([params[i].distribution.beta[0] for i in betas])
        b = np.array([params[i].distribution.beta[1] for i in betas])
        drawn = rng.beta(a, b, size=(n, len(betas)))
        for j, i in enumerate(betas):
            out[i] = drawn[:, j]
    for i, p in enumerate(params):
        if out[i] is not None:
            continue
        d = p.distribution
        if isinstance(d, Judgment):
            out[i] = np.array([d.value]) if d.is_fixed else np.asarray(d.rvs(n, random_state=rng))
        elif isinstance(d, Dirichlet):
            g = rng.standard_gamma(d.alpha, size=(n, len(d.alpha)))
            out[i] = g / g.sum(axis=1, keepdims=True)
        elif isinstance(d, _LogUniformRatio):
            out[i] = d.rvs(n, rng)
        else:  # pragma: no cover - the model only makes the kinds above
            raise TypeError(f"cannot draw {d!r}")
    return [x for x in out if x is not None]


class Engine:
    """A model compiled for exact evaluation of many parameter draws.

    Parameters
    ----------
    model : Model
        A snapshot of the model (not changed afterwards).
    nodes : list of str
        The nodes to evaluate (with all their ancestors).
    """

    def __init__(self, model: Model, nodes: Sequence[str]) -> None:
        self.model = model
        self.nodes = list(nodes)
        self.index = {name: i for i, name in enumerate(self.nodes)}
        self.cards = [len(model.nodes[n].states) for n in self.nodes]
        self.parameters = model.parameters(self.nodes)
        self.position = {p.label: i for i, p in enumerate(self.parameters)}
        self._trees: dict[
            tuple[tuple[str, str], ...], tuple[JunctionTree, list[tuple[int, ...]]]
        ] = {}

    @property
    def uncertain(self) -> bool:
        """Whether any parameter varies between draws."""
        return any(not p.is_fixed for p in self.parameters)

    def table(
        self, node: Node, values: Sequence[Any], xp: Any = np, batch: int | None = None
    ) -> Any:
        """Return the node's table for every draw, shaped ``(B, *parent cards, card)``.

        ``B`` is the number of draws, or 1 when nothing in the table varies.
        *values* are the parameters' draws (arrays of length B or 1; B rows of a
        Dirichlet); *xp* is the array library (NumPy, or PyTensor's tensor
        module in the PyMC engine, with *batch* given).
        """
        model = self.model
        parent_states = [model.nodes[p].states for p in node.parents]
        shape = tuple(len(s) for s in parent_states)
        if node.role == "report" or node._ratio is not None:
            assert node._claim is not None
            if node.role == "report":
                r = values[self.position[f"{node.source}: reliability"]]
                yes, no = (1.0 + r) / 2.0, (1.0 - r) / 2.0
            else:
                lr = values[self.position[f"{node.name}: strength"]]
                yes = lr / (1.0 + lr)
                no = 1.0 / (1.0 + lr)
            claim_states = parent_states[0]
            rows = [yes if s == node._claim.state else no for s in claim_states]
        else:
            rows = []
            for row in node.rows:
                label = f"{node.name} | {row.condition}" if row.condition else node.name
                if isinstance(row.value, Judgment | Dirichlet):
                    rows.append(values[self.position[label]])
                    continue
                suffix = f" | {row.condition}" if row.condition else ""
                entries = [values[self.position[f"{node.name}: {s}{suffix}"]] for s in node.states]
                size = batch if batch is not None else max(len(e) for e in entries)
                stacked = xp.stack([xp.broadcast_to(e, (size,)) for e in entries], axis=-1)
                total = stacked.sum(axis=-1, keepdims=True)
                if xp is np:  # a draw may zero a whole row (a pool with an atom at 0)
                    rows.append(
                        np.divide(stacked, total, out=np.zeros_like(stacked), where=total > 0)
                    )
                else:
                    rows.append(stacked / total)
        size = batch if batch is not None else max(len(r) for r in rows)
        if node.binary:
            p = xp.stack([xp.broadcast_to(r, (size,)) for r in rows], axis=-1).reshape(
                (size, *shape)
            )
            return xp.stack([p, 1.0 - p], axis=-1)
        k = len(node.states)
        t = xp.stack([xp.broadcast_to(r, (size, k)) for r in rows], axis=1)
        return t.reshape((size, *shape, k))

    def _tree(self, observed: dict[str, str]) -> tuple[JunctionTree, list[tuple[int, ...]]]:
        key = tuple(sorted((n, s) for n, s in observed.items() if n in self.index))
        if key not in self._trees:
            scopes = []
            for name in self.nodes:
                node = self.model.nodes[name]
                scope = [self.index[v] for v in (*node.parents, name) if v not in observed]
                scopes.append(tuple(scope))
            self._trees[key] = (JunctionTree(self.cards, scopes), scopes)
        return self._trees[key]

    def run(
        self, values: Sequence[Array], n: int, observed: dict[str, str]
    ) -> tuple[Array, dict[str, Array]]:
        """Evaluate all draws; return ``log P(E | θ)`` and ``P(X | E, θ)`` per node."""
        tree, _ = self._tree(observed)
        chunk = max(1, min(n, CHUNK_BUDGET // max(tree.largest_table, 1)))
        log_evidence = np.empty(n)
        marginals = {
            name: np.empty((n, card)) for name, card in zip(self.nodes, self.cards, strict=True)
        }
        for start in range(0, n, chunk):
            stop = min(n, start + chunk)
            part = [v[start:stop] if len(v) == n and n > 1 else v for v in values]
            factors = []
            for name in self.nodes:
                node = self.model.nodes[name]
                table = self.table(node, part)
                index: list[int | slice] = [slice(None)]
                for v in (*node.parents, name):
                    index.append(
                        self.model.nodes[v].states.index(observed[v])
                        if v in observed
                        else slice(None)
                    )
                factors.append(table[tuple(index)])
            log_e, chunk_marginals = tree.evaluate(factors, stop - start)
            log_evidence[start:stop] = log_e
            for name in self.nodes:
                if name in observed:
                    onehot = np.zeros(len(self.model.nodes[name].states))
                    onehot[self.model.nodes[name].states.index(observed[name])] = 1.0
                    marginals[name][start:stop] = onehot
                else:
                    marginals[name][start:stop] = chunk_marginals[self.index[name]]
        return log_evidence, marginals

    def impossible(
        self, values: Sequence[Array], n: int, observed: dict[str, str]
    ) -> EvidenceError:
        """Return the error for impossible evidence, naming the observation at fault."""
        order = [name for name in self.model.nodes if name in observed]
        kept: dict[str, str] = {}
        for name in order:
            kept[name] = observed[name]
            log_e, _ = self.run(values, n, kept)
            if np.all(np.isneginf(log_e)):
                state = kept[name]
                shown = (state == "true") if self.model.nodes[name].binary else state
                before = [
                    f"{k}={(v == 'true') if self.model.nodes[k].binary else v}"
                    for k, v in kept.items()
                    if k != name
                ]
                given = f" given {', '.join(before)}" if before else ""
                return EvidenceError(
                    f"the observation {name}={shown} is impossible{given} under every draw of the "
                    "model's judgments (probability 0); check that observation and the zeros in "
                    "the tables it depends on"
                )
        return EvidenceError("the observations are impossible under every draw of the model")


def infer_exact(
    model: Model, draws: int, seed: int | np.random.Generator | None, query: list[str] | None
) -> Posterior:
    """Run the exact engine and return a :class:`~likelihood.Posterior`."""
    from likelihood._core.posterior import Posterior

    snapshot = model.copy()
    observed = dict(model._observed)
    targets = list(model.nodes) if query is None else model.ancestors([*query, *observed])
    engine = Engine(snapshot, targets)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    n = draws if engine.uncertain else 1
    values = draw_parameters(engine.parameters, n, rng)
    log_evidence, marginals = engine.run(values, n, observed)
    if np.all(np.isneginf(log_evidence)):
        raise engine.impossible(values, n, observed)
    shifted = log_evidence - np.max(log_evidence)
    weights = np.exp(shifted)
    weights /= weights.sum()
    ess = float(1.0 / np.sum(weights**2))
    if engine.uncertain and ess < min(MIN_ESS, n / 2):
        warnings.warn(
            f"only {ess:.0f} of {n} draws carry the posterior weight: the observations are very "
            "surprising under the judgments, so the Monte Carlo error is large; draw more, or "
            "check the judgments the evidence contradicts",
            EffectiveSampleSizeWarning,
            stacklevel=3,
        )
    shown = list(model.nodes) if query is None else [q for q in model.nodes if q in query]
    return Posterior(
        model=snapshot,
        engine=engine,
        values=values,
        n=n,
        seed=seed if isinstance(seed, int) else None,
        log_evidence=log_evidence,
        weights=weights,
        marginals={name: marginals[name] for name in shown},
        observed=observed,
        method="exact",
        ess=ess if engine.uncertain else math.inf,
    )
