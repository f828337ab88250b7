"""A posterior as an ArviZ-compatible DataTree (``xarray.DataTree``).

Groups (see ``docs/outputs.md``); each is named for what it holds:

* ``posterior`` — draws of ``P(X | E, θ)`` for every unobserved node (a node with
  several states has a dimension ``NODE_state``) and of every uncertain
  parameter θ, named ``theta[node | condition]`` (:attr:`Parameter.variable`:
  a ``/`` of a state name is written ``∕``, U+2215, as xarray reserves ``/``).
  For the exact engine these are the weighted draws **resampled** (systematic
  resampling, seeded), so ArviZ's summaries and plots give the weighted answer;
  for the PyMC engine, the sampler's draws.
* ``prior`` — the prior: the draws θᵢ ~ p(θ) and, for every node, ``P(X | θᵢ)``
  without the evidence (``post.prior``, the same draws evaluated without the
  observations), unweighted.
* ``weighted_posterior`` (exact engine) — the same draws θᵢ ~ p(θ) with their
  ``P(X | E, θᵢ)``, before resampling: with the weights of
  ``importance_weights`` they are the posterior.
* ``importance_weights`` (exact engine) — ``weight``, the normalised importance
  weight ``wᵢ ∝ P(E | θᵢ)`` of each draw, and ``log_evidence``, ``log P(E | θᵢ)``.
* ``sample_stats`` (PyMC engine) — the sampler's statistics (divergences, energy, ...).
* ``observed_data`` — the observations: ``True``/``False`` or the state.
* attributes — title, scale, engine, draws, seed, effective draws, library and version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr

from likelihood._version import __version__

if TYPE_CHECKING:
    from likelihood._core.posterior import Posterior

__all__ = ["systematic_resample", "to_datatree"]


def systematic_resample(weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Return the indices of a systematic resample of the draws (one uniform, low variance)."""
    n = len(weights)
    positions = (rng.uniform() + np.arange(n)) / n
    cumulative = np.cumsum(weights)
    cumulative[-1] = 1.0
    return np.searchsorted(cumulative, positions)


def _dataset(post: Posterior, index: np.ndarray | None) -> xr.Dataset:
    """Nodes and parameters of *post* for the draws *index* (all draws when None), as chain 0."""
    model = post.model
    variables: dict[str, Any] = {}
    coords: dict[str, Any] = {}

    def take(values: np.ndarray) -> np.ndarray:
        if len(values) == 1 and post.draws > 1:
            values = np.repeat(values, post.draws, axis=0)
        return values if index is None else values[index]

    ev = post.evaluation
    for name in post.nodes:
        if name in ev.observed:
            continue
        node = model.nodes[name]
        values = take(np.asarray(ev.marginals[name]))
        if node.binary:
            variables[name] = (("chain", "draw"), values[None, :, 0])
        else:
            dim = f"{name}_state"
            coords[dim] = list(node.states)
            variables[name] = (("chain", "draw", dim), values[None, :, :])
    for parameter, values in zip(ev.parameters, ev.values, strict=True):
        drawn = take(np.asarray(values))
        if drawn.ndim == 1:
            variables[parameter.variable] = (("chain", "draw"), drawn[None, :])
        else:
            assert parameter.node is not None
            dim = f"{parameter.node}_state"
            coords[dim] = list(model.nodes[parameter.node].states)
            variables[parameter.variable] = (("chain", "draw", dim), drawn[None, :, :])
    size = post.draws if index is None else len(index)
    coords.update(chain=[0], draw=np.arange(size))
    return xr.Dataset(variables, coords=coords)


def _observed(post: Posterior) -> xr.Dataset:
    data = {}
    for name, state in post.observations.items():
        node = post.model.nodes[name]
        data[name] = xr.DataArray(state == "true" if node.binary else state)
    return xr.Dataset(data)


def to_datatree(post: Posterior) -> xr.DataTree:
    """Build the DataTree of a posterior (see the module docstring for its groups)."""
    attrs = {
        "title": post.model.title,
        "scale": post.model.scale.name,
        "engine": post.method,
        "draws": post.draws,
        "seed": -1 if post.seed is None else post.seed,  # -1: no seed (netCDF has no None)
        "effective_draws": float(post.ess) if np.isfinite(post.ess) else float(post.draws),
        "inference_library": "likelihood",
        "inference_library_version": __version__,
    }
    groups: dict[str, xr.Dataset] = {}
    if post.method == "pymc":
        trace = post.evaluation.trace
        groups["posterior"] = trace["posterior"].to_dataset()
        groups["sample_stats"] = trace["sample_stats"].to_dataset()
    else:
        rng = np.random.default_rng(post.seed)
        index = systematic_resample(post.weights, rng)
        groups["posterior"] = _dataset(post, index)
        groups["weighted_posterior"] = _dataset(post, None)
        size = post.draws
        groups["importance_weights"] = xr.Dataset(
            {
                "weight": (("chain", "draw"), post.weights[None, :]),
                "log_evidence": (
                    ("chain", "draw"),
                    np.broadcast_to(post.evaluation.log_evidence, (size,))[None, :],
                ),
            },
            coords={"chain": [0], "draw": np.arange(size)},
        )
    groups["prior"] = _dataset(post.prior, None)
    groups["observed_data"] = _observed(post)
    for dataset in groups.values():
        dataset.attrs.update(attrs)
    prior = post.prior  # the PyMC engine's prior draws are its compiled model's
    groups["prior"].attrs.update(draws=prior.draws, effective_draws=float(prior.draws))
    tree = xr.DataTree.from_dict({f"/{name}": data for name, data in groups.items()})
    tree.attrs.update(attrs)
    return tree
