"""The PyMC engine: θ latent, the hidden nodes summed out exactly in PyTensor, sampled by NUTS.

The same model as the exact engine, written for PyMC:

* each judgment is its PyMC prior — a Beta as ``pm.Beta``, a number as a
  constant, a linear pool of Betas as ``pm.Mixture``, a Dirichlet row as
  ``pm.Dirichlet``, an evidence strength as ``log10 LR ~ Uniform``;
* data behind a judgment enter as a likelihood, not a conjugate shortcut:
  counts (``Judgment.update``) as a Binomial observation of θ; several analysts'
  numbers (:func:`likelihood.analysts`) as Beta observations around θ with a
  shared concentration;
* the junction tree of the exact engine runs on PyTensor operations, so
  ``log P(E | θ)`` enters as a potential and every node's ``P(X | E, θ)`` is a
  deterministic of θ;
* NUTS samples θ; the coherent ``P(X | E)`` is the posterior mean of
  ``P(X | E, θ)``, its error is ArviZ's Monte Carlo standard error, and R-hat,
  the effective sample size and divergences are checked.

This module imports PyMC, PyTensor and ArviZ; it is loaded only by
``Model.infer(method="pymc")``.
"""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING, Any

import arviz as az
import numpy as np
import pymc as pm
import pytensor.tensor as pt

from likelihood._core.distributions import BetaDist, MixtureDist, PointDist
from likelihood._core.evaluation import Evaluation
from likelihood._core.judgment import ANALYSTS_CONCENTRATION, Judgment
from likelihood._core.model import Dirichlet, LogUniformRatio, Parameter
from likelihood._core.network import MAX_PATHS, Ops, pairwise_steps
from likelihood._exceptions import JudgmentTypeError, SamplerWarning

if TYPE_CHECKING:
    from likelihood._core.compiled import CompiledModel

__all__ = ["MAX_RHAT", "MIN_ESS", "infer_pymc"]

#: Above this R-hat, or below this bulk effective sample size, a SamplerWarning is issued.
MAX_RHAT = 1.01
MIN_ESS = 400


def _contract(subscripts: str, *operands: Any) -> Any:
    """One einsum step on PyTensor tensors: a broadcast product, then a sum over the axes dropped.

    Every term has a leading ``...`` (the draw axis) and no letter twice. The
    product spans the union of the operands' letters, which in a junction tree
    lies within one clique.
    """
    inputs, output = subscripts.split("->")
    terms = [term.removeprefix("...") for term in inputs.split(",")]
    out = output.removeprefix("...")
    batch = max(x.ndim - len(term) for x, term in zip(operands, terms, strict=True))
    letters = list(dict.fromkeys(c for term in terms for c in term))
    product: Any = None
    for x, term in zip(operands, terms, strict=True):
        own = x.ndim - len(term)
        pattern: list[Any] = ["x"] * (batch - own) + list(range(own))
        pattern += [own + term.index(c) if c in term else "x" for c in letters]
        aligned = x.dimshuffle(pattern)
        product = aligned if product is None else product * aligned
    dropped = [batch + i for i, c in enumerate(letters) if c not in out]
    if dropped:
        product = product.sum(axis=dropped)
    kept = [c for c in letters if c in out]
    order = [*range(batch), *(batch + kept.index(c) for c in out)]
    if order != list(range(len(order))):
        product = product.dimshuffle(order)
    return product


class _PytensorOps(Ops):
    """The message passing of :mod:`likelihood._core.network` on PyTensor tensors.

    A product of many tables is contracted pair by pair along a path that
    NumPy finds once per subscripts and shapes (greedy, as the exact engine
    does), each step a broadcast product and a sum: the graph grows linearly
    with the number of operands. (``pytensor.tensor.einsum`` searches the
    optimal path, which is exponential in the number of operands: many clues on
    one hypothesis put many factors in one clique.)
    """

    def einsum(self, subscripts: str, *operands: Any) -> Any:
        tensors = [pt.as_tensor_variable(x) for x in operands]
        if len(tensors) <= 2:
            return _contract(subscripts, *tensors)
        shapes = tuple(tuple(1 if d is None else d for d in x.type.shape) for x in tensors)
        key = (subscripts, *shapes)
        steps = self._paths.get(key)
        if steps is None:
            if len(self._paths) > MAX_PATHS:
                self._paths.clear()
            dummies = [np.broadcast_to(np.empty(()), shape) for shape in shapes]
            path = np.einsum_path(subscripts, *dummies, optimize="greedy")[0]
            steps = pairwise_steps(subscripts, [tuple(p) for p in path[1:]])
            self._paths[key] = steps
        for positions, step in steps:
            picked = [tensors[i] for i in positions]
            for i in sorted(positions, reverse=True):
                del tensors[i]
            tensors.append(_contract(step, *picked))
        return tensors[0]

    def ones(self, shape: tuple[int, ...]) -> Any:
        return pt.ones(shape)

    def broadcast(self, x: Any, shape: tuple[int, ...]) -> Any:
        return pt.broadcast_to(x, shape)

    def log(self, x: Any) -> Any:
        return pt.log(x)

    def normalise(self, table: Any, axes: int) -> tuple[Any, Any]:
        if axes == 0:
            return table / table, pt.log(table)
        total = table.sum(axis=tuple(range(1, 1 + axes)), keepdims=True)
        return table / total, pt.log(total.reshape((table.shape[0],)))


PYTENSOR = _PytensorOps()


def _judgment(j: Judgment, name: str) -> Any:
    """Return the PyMC variable for one judgment, shaped (1,)."""
    origin = j.origin
    if origin.kind == "update" and origin.data is not None and origin.inputs:
        theta = _judgment(origin.inputs[0], name)
        successes, trials = (int(x) for x in origin.data)
        pm.Binomial(f"{name} data", n=trials, p=theta[0], observed=successes)
        return theta
    if origin.kind == "analysts" and origin.data is not None and origin.inputs:
        theta = _judgment(origin.inputs[0], name)
        shape, rate = ANALYSTS_CONCENTRATION
        kappa = pm.Gamma(f"{name} concentration", alpha=shape, beta=rate)
        pm.Beta(
            f"{name} analysts",
            alpha=theta[0] * kappa,
            beta=(1.0 - theta[0]) * kappa,
            observed=np.asarray(origin.data),
        )
        return theta
    d = j.distribution
    if isinstance(d, PointDist):
        return pt.as_tensor_variable(np.array([d.value]))
    if isinstance(d, BetaDist):
        return pm.Beta(name, alpha=d.a, beta=d.b)[None]
    if isinstance(d, MixtureDist) and all(isinstance(c, BetaDist) for c in d.components):
        components = [pm.Beta.dist(alpha=c.a, beta=c.b) for c in d.components]  # type: ignore[attr-defined]
        return pm.Mixture(name, w=d.weights, comp_dists=components)[None]
    raise JudgmentTypeError(
        f"the PyMC engine cannot use {j.origin.label} ({j.law()}): it needs Betas, numbers, "
        "linear pools of Betas, or data (update, analysts); pool exact numbers with "
        "method='log', or use the exact engine"
    )


def _parameter(p: Parameter) -> Any:
    name = p.variable
    d = p.distribution
    if isinstance(d, Judgment):
        return _judgment(d, name)
    if isinstance(d, Dirichlet):
        return pm.Dirichlet(name, a=d.alpha)[None, :]
    if isinstance(d, LogUniformRatio):
        if d.is_fixed:
            return pt.as_tensor_variable(np.array([d.lower]))
        u = pm.Uniform(name, lower=math.log10(d.lower), upper=math.log10(d.upper))
        return (10.0**u)[None]
    raise JudgmentTypeError(
        f"the PyMC engine cannot use the parameter {p.label} ({d!r})"
    )  # pragma: no cover


def _plain_beta(p: Parameter) -> BetaDist | None:
    """Return the Beta of a parameter that is a Beta judgment and nothing more, else None."""
    j = p.distribution
    if not isinstance(j, Judgment):
        return None
    origin = j.origin
    if origin.kind in ("update", "analysts") and origin.data is not None and origin.inputs:
        return None
    d = j.distribution
    return d if isinstance(d, BetaDist) else None


#: The vector of every parameter that is a Beta judgment, and its dimension (neither can be
#: a node's name nor a parameter's ``theta[label]``).
BETAS = "theta (Beta judgments)"
BETAS_DIM = "Beta judgment"


def _parameters(parameters: tuple[Parameter, ...], pm_model: pm.Model) -> list[Any]:
    """Return the PyMC variable of every parameter, shaped (1,) or (1, k) for a Dirichlet.

    The Beta judgments (usually most of them: every probability word) are one
    vector random variable, so that its log-density, transform and gradient are
    one operation each, not one per judgment; each keeps its ``theta[label]``
    name in the trace as a deterministic.
    """
    betas = {i: d for i, p in enumerate(parameters) if (d := _plain_beta(p)) is not None}
    values: dict[int, Any] = {}
    if betas:
        names = [parameters[i].variable for i in betas]
        pm_model.add_coord(BETAS_DIM, names)
        vector = pm.Beta(
            BETAS,
            alpha=np.array([d.a for d in betas.values()]),
            beta=np.array([d.b for d in betas.values()]),
            dims=BETAS_DIM,
        )
        parts = (
            pt.split(vector, [1] * len(betas), n_splits=len(betas)) if len(betas) > 1 else [vector]
        )
        for (i, _), part, name in zip(betas.items(), parts, names, strict=True):
            pm.Deterministic(name, part[0])
            values[i] = part
    return [values[i] if i in values else _parameter(p) for i, p in enumerate(parameters)]


def _draws(p: Parameter, posterior: Any) -> np.ndarray:
    """Return the posterior draws of one parameter, flattened over chains."""
    d = p.distribution
    name = p.variable
    if isinstance(d, Judgment) and d.is_fixed:
        return np.array([d.value])
    if isinstance(d, LogUniformRatio):
        if d.is_fixed:
            return np.array([d.lower])
        return np.asarray(10.0 ** posterior[name].values.reshape(-1))
    values = posterior[name].values
    if isinstance(d, Dirichlet):
        return np.asarray(values.reshape(-1, values.shape[-1]))
    return np.asarray(values.reshape(-1))


def infer_pymc(
    compiled: CompiledModel,
    draws: int,
    tune: int,
    chains: int,
    progressbar: bool,
    cores: int | None,
) -> Evaluation:
    """Sample the compiled model's judgments with NUTS; return the :class:`Evaluation`."""
    model = compiled.model
    observed = dict(compiled.observed)
    shown = list(compiled.nodes)
    hidden = [n for n in shown if n not in observed]
    coords = {
        f"{n}_state": list(model.nodes[n].states) for n in hidden if not model.nodes[n].binary
    }
    with pm.Model(coords=coords) as pm_model:
        values = _parameters(compiled.parameters, pm_model)
        tree = compiled.tree(observed)
        factors = compiled.factors(values, observed, xp=pt, batch=1)
        log_evidence, marginals = tree.evaluate(factors, 1, ops=PYTENSOR)
        pm.Potential("log P(E | theta)", log_evidence[0])
        for name in hidden:
            marginal = marginals[compiled.index[name]][0]
            if model.nodes[name].binary:
                pm.Deterministic(name, marginal[0])
            else:
                pm.Deterministic(name, marginal, dims=f"{name}_state")
        free = [v for v in pm_model.free_RVs]
        if not free:
            raise JudgmentTypeError(
                "the model has no uncertain judgment to sample; the exact engine evaluates it "
                "exactly (method='exact')"
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            trace = pm.sample(
                draws=draws,
                tune=tune,
                chains=chains,
                cores=cores,
                random_seed=compiled.seed,
                progressbar=progressbar,
                compute_convergence_checks=False,
            )
    posterior = trace["posterior"]
    n = int(posterior.sizes["chain"] * posterior.sizes["draw"])
    values_drawn = [_draws(p, posterior) for p in compiled.parameters]
    node_draws: dict[str, np.ndarray] = {}
    for name in shown:
        states = model.nodes[name].states
        if name in observed:
            onehot = np.zeros((n, len(states)))
            onehot[:, states.index(observed[name])] = 1.0
            node_draws[name] = onehot
        elif model.nodes[name].binary:
            p_true = posterior[name].values.reshape(-1)
            node_draws[name] = np.stack([p_true, 1.0 - p_true], axis=-1)
        else:
            node_draws[name] = posterior[name].values.reshape(n, len(states))
    mcse: dict[str, np.ndarray] = {}
    ess = math.inf
    rhat = 1.0
    if hidden:
        errors = az.mcse(trace, var_names=hidden)
        bulk = az.ess(trace, var_names=hidden)
        r = az.rhat(trace, var_names=hidden)
        for name in hidden:
            e = np.atleast_1d(np.asarray(errors[name].values, dtype=np.float64))
            if model.nodes[name].binary:
                e = np.array([e[0], e[0]])
            mcse[name] = e
            ess = min(ess, float(np.nanmin(np.asarray(bulk[name].values))))
            rhat = max(rhat, float(np.nanmax(np.asarray(r[name].values))))
    divergences = int(trace["sample_stats"]["diverging"].values.sum())
    problems = []
    if rhat > MAX_RHAT:
        problems.append(f"R-hat {rhat:.3f} > {MAX_RHAT}")
    if ess < MIN_ESS:
        problems.append(f"effective sample size {ess:.0f} < {MIN_ESS}")
    if divergences:
        problems.append(f"{divergences} divergent transitions")
    if problems:
        warnings.warn(
            "the sampler may not have converged: "
            + ", ".join(problems)
            + "; draw more (draws=, tune=, chains=) or compare with the exact engine",
            SamplerWarning,
            stacklevel=3,
        )
    log_e, _ = compiled.run(values_drawn, n, observed)
    return Evaluation(
        method="pymc",
        parameters=compiled.parameters,
        values=tuple(values_drawn),
        n=n,
        log_evidence=log_e,
        weights=np.full(n, 1.0 / n),
        marginals=node_draws,
        observed=observed,
        seed=compiled.seed,
        ess=ess,
        mcse=mcse,
        diagnostics={"rhat": rhat, "ess": ess, "divergences": divergences, "chains": chains},
        trace=trace,
    )
