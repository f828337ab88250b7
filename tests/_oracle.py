"""Shared oracles: the flagship model, and any model's network at its judgments' mean entries."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from scipy import integrate

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]


def flagship() -> lk.Model:
    """The flagship's first version: three conclusions, five observations (tests/data).

    The engine's structural tests (draws, trees, variants, counts) and the
    oracles built on them need a model that does not move when the example
    does; tests/test_examples.py checks the example itself.
    """
    return lk.load(ROOT / "tests" / "data" / "three_conclusions.toml")


def mean_network(model: lk.Model) -> dict:
    """The network with every table entry at its mean, computed here from the judgments.

    A joint probability is multilinear in the table entries and each configuration uses one
    entry per table, so with independent judgments the coherent answer is this network's.
    """
    nodes = {}
    for name, node in model.nodes.items():
        parents = list(node.parents)
        pstates = [model.nodes[p].states for p in parents]
        shape = [len(s) for s in pstates]
        if node.role == "report":
            r = model.sources[node.source].reliability.mean()
            claim = node.claims.lstrip("~")
            holds = [(s == "true") != node.claims.startswith("~") for s in pstates[0]]
            p_true = np.array([(1 + r) / 2 if h else (1 - r) / 2 for h in holds])
            table = np.stack([p_true, 1 - p_true], axis=-1)
            assert claim == parents[0]
        elif node.supports is not None:
            band = lk.scale("enfsi")[node.strength].range
            lo, hi = math.log10(band[0]), math.log10(band[1])
            q = integrate.quad(lambda u: 10**u / (1 + 10**u), lo, hi)[0] / (hi - lo)
            holds = [(s == "true") != node.supports.startswith("~") for s in pstates[0]]
            p_true = np.array([q if h else 1 - q for h in holds])
            table = np.stack([p_true, 1 - p_true], axis=-1)
        elif node.binary:
            p_true = np.array([row.value.mean() for row in node.rows]).reshape(shape)
            table = np.stack([p_true, 1 - p_true], axis=-1)
        else:
            rows = [[row.value[s].mean() for s in node.states] for row in node.rows]
            table = np.array(rows).reshape(*shape, len(node.states))
        nodes[name] = (list(node.states), parents, table)
    return nodes


def dominant_judgment(post: lk.Posterior, node: str, draws: int = 4000) -> str:
    """The judgment with the largest total Sobol index of P(node | E, θ), by Jansen's
    estimator computed here on the compiled model's draws (their posterior marginals)."""
    c = post.compiled
    rng = np.random.default_rng(20261125)
    w = np.asarray(post.weights)

    def sample() -> list[np.ndarray]:
        return [v if len(v) == 1 else v[rng.choice(len(v), size=draws, p=w)] for v in c.values]

    a, b = sample(), sample()
    y_a = c.with_values(a).evaluate().marginals[node][:, 0]
    totals = {}
    for j, parameter in enumerate(c.parameters):
        if len(c.values[j]) == 1:
            continue
        mixed = list(a)
        mixed[j] = b[j]
        y = c.with_values(mixed).evaluate().marginals[node][:, 0]
        totals[parameter.label] = float(np.mean((y_a - y) ** 2) / 2)
    ranked = sorted(totals, key=lambda k: -totals[k])
    # the oracle must be sure: the first is well ahead of the second
    assert totals[ranked[0]] > 2 * totals[ranked[1]], totals
    return ranked[0]
