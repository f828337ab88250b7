"""Uncertain (soft, virtual) observations against pyAgrum's and pgmpy's likelihood evidence.

At fixed numbers the answer with a likelihood on a node must equal pyAgrum's
``setEvidence({node: [likelihoods]})`` (likelihood evidence) and pgmpy's
``virtual_evidence`` to 1e-12; with words it has a band; it round-trips
through a file and is refused, by name, when malformed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import likelihood as lk

gum = pytest.importorskip("pyagrum")
sys.path.insert(0, str(Path(__file__).parent))
from _pgmpy import quiet  # noqa: E402


def network() -> lk.Model:
    """A hypothesis with three states, a binary cause of it and two clues."""
    m = lk.Model(title="soft")
    m.hypothesis("cause", prior=0.35)
    m.hypothesis(
        "actor",
        states=["state", "proxy", "none"],
        given={
            "cause": {"state": 0.5, "proxy": 0.3, "none": 0.2},
            "~cause": {"state": 0.1, "proxy": 0.3, "none": 0.6},
        },
    )
    m.evidence(
        "convoy",
        given={"actor=state": 0.8, "actor=proxy": 0.5, "actor=none": 0.05},
    )
    m.evidence("claim", given={"cause": 0.7, "~cause": 0.2}, observed=True)
    return m


def tables(m: lk.Model) -> dict[str, np.ndarray]:
    c = m.compile()
    return {name: np.asarray(c.table(name, c.values))[0] for name in c.nodes}


def agrum(m: lk.Model, soft: dict[str, list[float]]) -> dict[str, np.ndarray]:
    bn = gum.BayesNet("soft")
    for name, node in m.nodes.items():
        bn.add(gum.LabelizedVariable(name, name, list(node.states)))
    for name, node in m.nodes.items():
        for parent in node.parents:
            bn.addArc(parent, name)
    for name, table in tables(m).items():
        node = m.nodes[name]
        names = bn.cpt(name).names  # the child first (fastest), then the parents
        axes = [*node.parents, name]
        order = [axes.index(v) for v in reversed(names)]
        bn.cpt(name).fillWith(np.transpose(table, order).ravel().tolist())
    ie = gum.LazyPropagation(bn)
    evidence: dict[str, object] = {
        k: m.nodes[k].states.index(v) for k, v in m.observations.items() if k in bn.names()
    }
    evidence.update(soft)
    ie.setEvidence(evidence)
    ie.makeInference()
    return {v: np.array(ie.posterior(v).tolist()) for v in ("cause", "actor")}


def pgmpy(m: lk.Model, soft: dict[str, list[float]]) -> dict[str, np.ndarray]:
    with quiet():
        return _pgmpy(m, soft)


def _pgmpy(m: lk.Model, soft: dict[str, list[float]]) -> dict[str, np.ndarray]:
    from pgmpy.factors.discrete import TabularCPD
    from pgmpy.inference import VariableElimination
    from pgmpy.models import DiscreteBayesianNetwork

    bn = DiscreteBayesianNetwork()
    bn.add_nodes_from(m.nodes)
    for name, node in m.nodes.items():
        for parent in node.parents:
            bn.add_edge(parent, name)
    for name, table in tables(m).items():
        node = m.nodes[name]
        card = len(node.states)
        bn.add_cpds(
            TabularCPD(
                name,
                card,
                table.reshape(-1, card).T,
                evidence=list(node.parents) or None,
                evidence_card=[len(m.nodes[p].states) for p in node.parents] or None,
                state_names={v: list(m.nodes[v].states) for v in (name, *node.parents)},
            )
        )
    virtual = [
        TabularCPD(k, len(v), [[x] for x in v], state_names={k: list(m.nodes[k].states)})
        for k, v in soft.items()
    ]
    ve = VariableElimination(bn)
    return {
        v: ve.query(
            [v], evidence=dict(m.observations), virtual_evidence=virtual, show_progress=False
        ).values
        for v in ("cause", "actor")
    }


@pytest.mark.parametrize(
    ("node", "likelihood"),
    [
        ("convoy", {True: 0.7, False: 0.3}),
        ("actor", {"state": 0.9, "proxy": 0.4, "none": 0.1}),
        ("cause", {"true": 0.2, "false": 0.6}),
    ],
)
def test_soft_evidence_equals_pyagrum_and_pgmpy(node: str, likelihood: dict) -> None:
    plain = network()
    m = network()
    m.observe(node, likelihood=likelihood)
    post = m.infer(seed=1)
    vector = [float(likelihood[k]) for k in likelihood]
    theirs = agrum(plain, {node: vector})
    other = pgmpy(plain, {node: vector})
    for v in ("cause", "actor"):
        ours = np.array([post.probability(f"{v}={s}") for s in m.nodes[v].states])
        if m.nodes[v].binary:
            ours = np.array([post.probability(v), 1 - post.probability(v)])
        np.testing.assert_allclose(ours, theirs[v], atol=1e-12, rtol=0)
        np.testing.assert_allclose(ours, other[v], atol=1e-12, rtol=0)


def test_soft_evidence_in_words_has_a_band() -> None:
    m = network()
    m.observe("convoy", likelihood={True: "likely", False: "unlikely"})
    post = m.infer(draws=20_000, seed=2)
    lo, hi = post.interval("cause")
    assert hi - lo > 0.01
    assert "convoy_soft" in post.contributions("cause")


def test_soft_evidence_replaces_and_clears() -> None:
    m = network()
    m.observe("convoy", True)
    m.observe("convoy", likelihood={True: 0.7, False: 0.3})
    assert "convoy" not in m.observations and m.observations["convoy_soft"] == "true"
    m.observe("convoy", likelihood={True: 0.9, False: 0.1})  # replaced, not added
    assert [n for n in m.nodes if n.startswith("convoy")] == ["convoy", "convoy_soft"]
    m.observe("convoy", False)
    assert "convoy_soft" not in m.nodes and m.observations["convoy"] == "false"
    m.observe("convoy", likelihood={True: 0.9, False: 0.1})
    m.observe("convoy", None)
    assert "convoy_soft" not in m.nodes and "convoy" not in m.observations


@pytest.mark.parametrize(
    ("likelihood", "error", "message"),
    [
        ({True: 0.7}, lk.StateError, "missing: false"),
        ({"state": 0.7, "proxy": 0.2, "nobody": 0.1}, lk.StateError, "nobody"),
        ({True: 1.7, False: 0.3}, lk.ProbabilityError, "1.7"),
        ([0.7, 0.3], lk.JudgmentTypeError, "mapping"),
        ({True: "somewhat", False: 0.3}, lk.UnknownTermError, "somewhat"),
    ],
)
def test_bad_likelihoods_are_refused_and_change_nothing(
    likelihood: object, error: type, message: str
) -> None:
    m = network()
    node = "actor" if "state" in str(likelihood) else "convoy"
    before = (list(m.nodes), m.observations)
    with pytest.raises(error, match=message) as caught:
        m.observe(node, likelihood=likelihood)
    assert caught.value.where[0] == node
    assert (list(m.nodes), m.observations) == before


def test_a_state_and_a_likelihood_together_are_refused() -> None:
    m = network()
    with pytest.raises(lk.OptionError, match="not both"):
        m.observe("convoy", True, likelihood={True: 0.7, False: 0.3})


def test_soft_evidence_round_trips_through_a_file(tmp_path: Path) -> None:
    m = network()
    m.observe("convoy", likelihood={True: "likely", False: 0.3})
    path = tmp_path / "soft.toml"
    m.save(path)
    text = path.read_text(encoding="utf-8")
    assert "[evidence.convoy_soft]" not in text
    assert 'convoy = { likelihood = { true = "likely", false = 0.3 } }' in text
    again = lk.load(path)
    assert again.observations == m.observations
    a, b = again.infer(draws=4000, seed=1), m.infer(draws=4000, seed=1)
    assert a.probability("cause") == b.probability("cause")


def test_a_malformed_soft_observation_in_a_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[hypothesis.h]\nprior = 0.3\n\n[evidence.e]\ngiven = { h = 0.9, "~h" = 0.2 }\n\n'
        "[observe]\ne = { likely = { true = 0.7, false = 0.3 } }\n",
        encoding="utf-8",
    )
    with pytest.raises(lk.ModelFileError, match="unknown key 'likely'"):
        lk.load(path)
