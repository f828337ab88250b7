"""The PyMC engine: θ latent, the hidden nodes summed out exactly in PyTensor, sampled by NUTS.

The same model as the exact engine, written for PyMC:

* each judgment is its PyMC prior — a Beta as ``pm.Beta`` (all of them one
  vector, each also a deterministic under its own name), a number as a
  constant, a linear pool of Betas as ``pm.Mixture``, a Dirichlet row as
  ``pm.Dirichlet``, an evidence strength as ``log10 LR ~ Uniform``;
* data behind a judgment enter as a likelihood, not a conjugate shortcut:
  counts (``Judgment.update``) as a Binomial observation of θ; several analysts'
  numbers (:func:`likelihood.analysts`) as Beta observations around θ with a
  shared concentration;
* the junction tree of the exact engine runs on PyTensor operations, so
  ``log P(E | θ)`` enters as a potential and every node's ``P(X | E, θ)`` is a
  deterministic of θ. Its products are contracted pair by pair along the
  exact engine's path, and a product of many tables (the clues of one
  hypothesis) is one operation: the graph grows linearly with the evidence,
  and every operation in it has a size that does not depend on the model, so
  that PyTensor's C backend compiles each kind once per machine and a new
  model compiles in seconds;
* NUTS samples θ; the coherent ``P(X | E)`` is the posterior mean of
  ``P(X | E, θ)``, its error is ArviZ's Monte Carlo standard error, and R-hat,
  the effective sample size and divergences are checked.

This module imports PyMC, PyTensor and ArviZ; it is loaded only by
``Model.infer(method="pymc")``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import arviz as az
import numpy as np
import pymc as pm
import pytensor
import pytensor.tensor as pt
from pytensor.gradient import DisconnectedType
from pytensor.graph.basic import Apply
from pytensor.graph.op import Op

from likelihood._core.distributions import BetaDist, MixtureDist, PointDist
from likelihood._core.evaluation import Evaluation
from likelihood._core.judgment import ANALYSTS_CONCENTRATION, Judgment
from likelihood._core.model import Dirichlet, LogUniformRatio, Parameter
from likelihood._core.network import MAX_PATHS, Ops, pairwise_steps
from likelihood._exceptions import JudgmentTypeError, SamplerWarning

if TYPE_CHECKING:
    from likelihood._core.compiled import CompiledModel

__all__ = ["MAX_RHAT", "MIN_ESS", "build_model", "compiling", "infer_pymc", "sampler_mode"]

#: Above this R-hat, or below this bulk effective sample size, a SamplerWarning is issued.
MAX_RHAT = 1.01
MIN_ESS = 400


def _broadcast(arrays: list[np.ndarray]) -> tuple[int, ...]:
    """Return the shape that arrays of the same number of axes broadcast to (they do)."""
    return tuple(max(dims) for dims in zip(*(x.shape for x in arrays), strict=True))


def _stack(operands: list[np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    """Return the operands broadcast to *shape*, stacked along a new first axis."""
    stack = np.empty((len(operands), *shape))
    for i, x in enumerate(operands):
        stack[i] = x
    return stack


def _sum_to(gradient: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum a broadcast gradient back to the shape of its operand."""
    axes = tuple(i for i, d in enumerate(shape) if d == 1 and gradient.shape[i] != 1)
    if axes:
        gradient = gradient.sum(axis=axes, keepdims=True)
    return np.array(np.broadcast_to(gradient, shape), dtype=np.float64)


class _Product(Op):  # type: ignore[misc]
    """The broadcast product of many tensors of the same number of axes, as one operation.

    PyTensor's rewrites merge a chain of products (``a * b * c * ...``) into one
    elementwise operation of as many inputs, whose code is generated and
    compiled anew for every number of inputs, and whose gradient is as many
    such operations: many clues on one hypothesis put that many factors in its
    clique. This operation is opaque to the rewrites; NumPy computes it, and its
    gradient in one pass (prefix and suffix products, no division, so zeros are
    safe).
    """

    __props__ = ()

    def make_node(self, *operands: Any) -> Apply:
        inputs = [pt.as_tensor_variable(x) for x in operands]
        shape = []
        for dims in zip(*(x.type.shape for x in inputs), strict=True):
            known = {d for d in dims if d is not None and d != 1}
            shape.append(known.pop() if known else 1 if all(d == 1 for d in dims) else None)
        return Apply(self, inputs, [pt.tensor(dtype="float64", shape=tuple(shape))])

    def perform(self, node: Apply, inputs: list[np.ndarray], output: list[list[Any]]) -> None:
        output[0][0] = _stack(inputs, _broadcast(inputs)).prod(axis=0)

    def infer_shape(self, *args: Any) -> list[Any]:
        shapes = args[-1]  # (node, shapes); older PyTensor: (fgraph, node, shapes)
        return [pt.broadcast_shape(*shapes, arrays_are_shapes=True)]

    def pullback(self, inputs: list[Any], outputs: list[Any], cotangents: list[Any]) -> list[Any]:
        return list(_ProductGradient()(cotangents[0], *inputs))

    if not hasattr(Op, "pullback"):  # pragma: no cover - PyTensor before pullback
        L_op = pullback


class _ProductGradient(Op):  # type: ignore[misc]
    """The gradient of :class:`_Product` with respect to each of its operands."""

    __props__ = ()

    def make_node(self, gradient: Any, *operands: Any) -> Apply:
        inputs = [pt.as_tensor_variable(x) for x in (gradient, *operands)]
        return Apply(self, inputs, [x.type() for x in inputs[1:]])

    def perform(self, node: Apply, inputs: list[np.ndarray], output: list[list[Any]]) -> None:
        gradient, *operands = inputs
        shape = _broadcast(inputs)
        stack = _stack(operands, shape)
        # each operand's gradient: the upstream gradient times the product of the others,
        # as the products of the operands before it and after it
        before = np.ones_like(stack)
        np.cumprod(stack[:-1], axis=0, out=before[1:])
        after = np.ones_like(stack)
        np.cumprod(stack[:0:-1], axis=0, out=after[-2::-1])
        full = before * after * gradient
        for i, x in enumerate(operands):
            output[i][0] = full[i] if x.shape == shape else _sum_to(full[i], x.shape)

    def infer_shape(self, *args: Any) -> list[Any]:
        shapes = args[-1]  # (node, shapes); older PyTensor: (fgraph, node, shapes)
        return list(shapes[1:])


_PRODUCT = _Product()


class _Unstack(Op):  # type: ignore[misc]
    """A vector's entries as tensors of shape (1,), as one operation.

    Like ``pt.split``, whose generated code (and its gradient's, a join) is
    compiled anew for every length; NumPy does it here.
    """

    __props__ = ("size",)

    def __init__(self, size: int) -> None:
        self.size = size
        self.view_map = {i: [0] for i in range(size)}  # each entry a view of the vector

    def make_node(self, vector: Any) -> Apply:
        vector = pt.as_tensor_variable(vector)
        return Apply(
            self, [vector], [pt.tensor(dtype=vector.dtype, shape=(1,)) for _ in range(self.size)]
        )

    def perform(self, node: Apply, inputs: list[np.ndarray], output: list[list[Any]]) -> None:
        (vector,) = inputs
        for i, entry in enumerate(vector.reshape(self.size, 1)):
            output[i][0] = entry

    def infer_shape(self, *args: Any) -> list[Any]:
        return [(1,)] * self.size

    def pullback(self, inputs: list[Any], outputs: list[Any], cotangents: list[Any]) -> list[Any]:
        parts = [pt.zeros((1,)) if isinstance(g.type, DisconnectedType) else g for g in cotangents]
        return [_Stack()(*parts)]

    if not hasattr(Op, "pullback"):  # pragma: no cover - PyTensor before pullback
        L_op = pullback


class _Stack(Op):  # type: ignore[misc]
    """Tensors of shape (1,) joined into a vector: the gradient of :class:`_Unstack`."""

    __props__ = ()

    def make_node(self, *parts: Any) -> Apply:
        inputs = [pt.as_tensor_variable(x) for x in parts]
        return Apply(self, inputs, [pt.tensor(dtype="float64", shape=(len(inputs),))])

    def perform(self, node: Apply, inputs: list[np.ndarray], output: list[list[Any]]) -> None:
        output[0][0] = np.concatenate(inputs).astype(np.float64, copy=False)

    def infer_shape(self, *args: Any) -> list[Any]:
        return [(len(args[-1]),)]


#: Products of more operands than this are one :class:`_Product`; fewer, PyTensor's own.
OPAQUE_PRODUCT = 4


def _product(aligned: list[Any]) -> Any:
    """Multiply tensors of the same number of axes, broadcasting."""
    if len(aligned) > OPAQUE_PRODUCT:
        return _PRODUCT(*aligned)
    product = aligned[0]
    for x in aligned[1:]:
        product = product * x
    return product


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
    aligned = []
    for x, term in zip(operands, terms, strict=True):
        own = x.ndim - len(term)
        pattern: list[Any] = ["x"] * (batch - own) + list(range(own))
        pattern += [own + term.index(c) if c in term else "x" for c in letters]
        aligned.append(x.dimshuffle(pattern))
    product = _product(aligned)
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
    one hypothesis put many factors in one clique; 8 clues ran out of memory.)
    Tables over the same variables are multiplied first, many of them in one
    :class:`_Product`.
    """

    def einsum(self, subscripts: str, *operands: Any) -> Any:
        tensors = [pt.as_tensor_variable(x) for x in operands]
        if len(tensors) <= 2:
            return _contract(subscripts, *tensors)
        # operands over the same variables (every clue of a hypothesis) are multiplied first,
        # in one operation
        inputs, output = subscripts.split("->")
        groups: dict[str, list[Any]] = {}
        for term, x in zip(inputs.split(","), tensors, strict=True):
            groups.setdefault(term, []).append(x)
        if len(groups) < len(tensors):
            terms = list(groups)
            tensors = [
                xs[0] if len(xs) == 1 else _contract(f"{','.join([term] * len(xs))}->{term}", *xs)
                for term, xs in groups.items()
            ]
            subscripts = f"{','.join(terms)}->{output}"
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
        parts = _Unstack(len(betas))(vector) if len(betas) > 1 else [vector]
        for i, part, name in zip(betas, parts, names, strict=True):
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


def build_model(compiled: CompiledModel) -> pm.Model:
    """Return the PyMC model of a compiled model and its observations.

    θ are its random variables (the Beta judgments one vector); ``log P(E | θ)``
    from the junction tree is a potential; every hidden node's ``P(X | E, θ)``
    is a deterministic named after the node. Its graph grows linearly with the
    number of nodes and observations.
    """
    model = compiled.model
    observed = dict(compiled.observed)
    hidden = [n for n in compiled.nodes if n not in observed]
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
    return pm_model


def sampler_mode() -> str | None:
    """Return the PyTensor mode the sampler's functions are compiled in (None: PyTensor's default).

    PyTensor's C backend when a C++ compiler is configured: it compiles each
    kind of operation once and keeps it on disk, so that a new model compiles
    in seconds whatever its size. (The Numba backend, PyTensor's default,
    compiles every model's whole graph anew: minutes for a hypothesis with 50
    clues.)
    """
    return "CVM" if pytensor.config.cxx else None


@contextmanager
def compiling() -> Iterator[None]:
    """Compile in :func:`sampler_mode`, silencing what the user cannot act on."""
    mode = sampler_mode()
    with (
        warnings.catch_warnings(),
        pytensor.config.change_flags(**({"mode": mode} if mode else {})),
    ):
        warnings.simplefilter("ignore", FutureWarning)
        # PyTensor without a BLAS library: nothing here multiplies matrices
        warnings.filterwarnings("ignore", "PyTensor could not link to a BLAS", UserWarning)
        # the Numba backend (no C++ compiler) runs the NumPy operations above in object mode
        warnings.filterwarnings("ignore", "Numba will use object mode", UserWarning)
        yield


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
    pm_model = build_model(compiled)
    if not pm_model.free_RVs:
        raise JudgmentTypeError(
            "the model has no uncertain judgment to sample; the exact engine evaluates it "
            "exactly (method='exact')"
        )
    with pm_model, compiling():
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
