"""Random networks (Hypothesis) against pgmpy; evidence order and neutral evidence."""

from __future__ import annotations

import itertools

import _pgmpy
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import likelihood as lk


@st.composite
def networks(draw: st.DrawFn) -> tuple[dict, dict[str, str]]:
    """A random DAG of 2-8 nodes with 2-4 states, random tables and random evidence."""
    n = draw(st.integers(2, 8))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    names = [f"x{i}" for i in range(n)]
    nodes: dict[str, tuple[list[str], list[str], np.ndarray]] = {}
    for i, name in enumerate(names):
        card = int(rng.integers(2, 5))
        states = [f"s{k}" for k in range(card)]
        candidates = names[:i]
        count = int(rng.integers(0, min(3, len(candidates)) + 1))
        parents = (
            [str(p) for p in rng.choice(candidates, size=count, replace=False)] if count else []
        )
        shape = [len(nodes[p][0]) for p in parents]
        table = rng.dirichlet(np.ones(card), size=int(np.prod(shape, dtype=int))).reshape(
            *shape, card
        )
        nodes[name] = (states, parents, table)
    observed_count = draw(st.integers(0, n - 1))
    observed = rng.choice(names, size=observed_count, replace=False)
    evidence = {
        str(v): nodes[str(v)][0][int(rng.integers(len(nodes[str(v)][0])))] for v in observed
    }
    return nodes, evidence


def _model(nodes: dict, evidence: dict[str, str], order: list[str] | None = None) -> lk.Model:
    m = lk.Model()
    for name, (states, parents, table) in nodes.items():
        if not parents:
            m.hypothesis(name, dict(zip(states, map(float, table), strict=True)), states=states)
            continue
        rows = {}
        for index in itertools.product(*(range(len(nodes[p][0])) for p in parents)):
            condition = " & ".join(
                f"{p}={nodes[p][0][i]}" for p, i in zip(parents, index, strict=True)
            )
            rows[condition] = dict(zip(states, map(float, table[index]), strict=True))
        m.hypothesis(name, given=rows, states=states)
    for name in order or list(evidence):
        m.observe(name, evidence[name])
    return m


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_random_network_matches_pgmpy(case: tuple[dict, dict[str, str]]) -> None:
    nodes, evidence = case
    expected = _pgmpy.marginals(_pgmpy.network(nodes), evidence)
    post = _model(nodes, evidence).infer()
    for node, table in expected.items():
        got = post.probability(node)
        for state, p in table.items():
            assert got[state] == pytest.approx(p, abs=1e-9), (node, state)


@settings(max_examples=25, deadline=None)
@given(networks(), st.randoms())
def test_evidence_order_does_not_change_any_result(case, random) -> None:
    nodes, evidence = case
    order = list(evidence)
    shuffled = order[:]
    random.shuffle(shuffled)
    a = _model(nodes, evidence, order).infer().to_dict()
    b = _model(nodes, evidence, shuffled).infer().to_dict()
    for name in nodes:
        pa, pb = a["nodes"][name]["probability"], b["nodes"][name]["probability"]
        for state in pa:
            assert pa[state] == pytest.approx(pb[state], abs=1e-14)


@settings(max_examples=25, deadline=None)
@given(networks(), st.data())
def test_evidence_with_likelihood_ratio_one_changes_nothing(case, data) -> None:
    nodes, evidence = case
    before = _model(nodes, evidence).infer()
    target = data.draw(st.sampled_from(list(nodes)))
    q = data.draw(st.floats(0.01, 0.99))
    m = _model(nodes, evidence)
    # the same probability of the evidence under every state of its parent: LR = 1
    m.evidence("neutral", given={f"{target}={s}": q for s in nodes[target][0]}, observed=True)
    after = m.infer()
    for name in nodes:
        for state, p in before.probability(name).items():
            assert after.probability(name)[state] == pytest.approx(p, abs=1e-12)
    if target not in evidence:
        weight = after.contributions(target)["neutral"]
        assert weight == pytest.approx({s: 0.0 for s in nodes[target][0]}, abs=1e-12)
