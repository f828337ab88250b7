"""Fixed parameters: the bnlearn networks that pgmpy ships, against pgmpy's variable elimination."""

from __future__ import annotations

import _pgmpy
import pytest

import likelihood as lk

NETWORKS = [
    "asia",
    "cancer",
    "earthquake",
    "sachs",
    "survey",
    "alarm",
    "child",
    "insurance",
    "hailfinder",
    "win95pts",
]


@pytest.mark.parametrize("name", NETWORKS)
def test_every_marginal_matches_pgmpy(name: str) -> None:
    path = _pgmpy.example_models() / f"{name}.bif.gz"
    oracle = _pgmpy.read(path)
    model = lk.load(path)
    assert set(model.nodes) == set(oracle.nodes())
    # the three alphabetically first leaves, observed at their last state
    leaves = sorted(n for n in oracle.nodes() if oracle.out_degree(n) == 0)[:3]
    evidence = {leaf: oracle.get_cpds(leaf).state_names[leaf][-1] for leaf in leaves}
    for leaf, state in evidence.items():
        model.observe(leaf, state)
    post = model.infer()
    assert post.draws == 1  # fixed numbers: one exact evaluation
    expected = _pgmpy.marginals(oracle, evidence)
    for node, table in expected.items():
        got = post.probability(node)
        assert set(got) == set(table)
        for state, p in table.items():
            assert got[state] == pytest.approx(p, abs=1e-8), (node, state)
        assert post.interval(node)[next(iter(table))] == (got[next(iter(table))],) * 2


def test_bif_nodes_keep_their_state_names() -> None:
    model = lk.load(_pgmpy.example_models() / "asia.bif.gz")
    assert model.nodes["asia"].states == ("yes", "no")
    post = model.infer()
    assert set(post.probability("asia")) == {"yes", "no"}
    assert post.probability("asia=yes") == pytest.approx(0.01)
