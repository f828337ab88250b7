"""The most probable account (MAP / MPE): against pyAgrum's ``mpe()`` and pgmpy's ``map_query``.

At fixed numbers the account and its probability must be the oracles'; with uncertain
judgments the coherent probability of an account must be Σᵢ wᵢ P(account | E, θᵢ), computed
here by brute-force enumeration of the joint table of every draw.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path
from typing import Any

import _pgmpy
import numpy as np
import pytest
from _oracle import flagship

import likelihood as lk
from likelihood._core import analysis
from likelihood._core.network import JunctionTree

ROOT = Path(__file__).resolve().parents[1]


# -- oracles ------------------------------------------------------------------------------------


def _tables(model: lk.Model) -> dict[str, np.ndarray]:
    """Each node's table at fixed numbers, shaped (*parent cards, card), as the engine fills it."""
    compiled = model.compile()
    assert compiled.n == 1
    return {name: np.asarray(compiled.table(name, compiled.values))[0] for name in model.nodes}


def _agrum_mpe(model: lk.Model, observed: dict[str, str]) -> tuple[dict[str, str], float]:
    """pyAgrum's MPE of a network with the library's tables (float64), and its posterior."""
    gum = pytest.importorskip("pyagrum")
    bn = gum.BayesNet("oracle")
    for name, node in model.nodes.items():
        bn.add(gum.LabelizedVariable(name, name, list(node.states)))
    for name, node in model.nodes.items():
        for parent in node.parents:
            bn.addArc(parent, name)
    for name, table in _tables(model).items():
        names = bn.cpt(name).names  # the child first (fastest), then the parents
        axes = [*model.nodes[name].parents, name]
        order = [axes.index(v) for v in reversed(names)]
        bn.cpt(name).fillWith(np.transpose(table, order).ravel().tolist())
    engine = gum.LazyPropagation(bn)
    engine.setEvidence({k: model.nodes[k].states.index(v) for k, v in observed.items()})
    instantiation, log2 = engine.mpeLog2Posterior()
    states = {
        name: model.nodes[name].states[instantiation[name]]
        for name in model.nodes
        if name not in observed
    }
    return states, 2.0**log2


def _pgmpy_network(model: lk.Model) -> Any:
    tables = _tables(model)
    return _pgmpy.network(
        {
            name: (list(node.states), list(node.parents), tables[name])
            for name, node in model.nodes.items()
        }
    )


def _pgmpy_map(model: lk.Model, nodes: list[str], observed: dict[str, str]) -> dict[str, str]:
    with _pgmpy.quiet():
        from pgmpy.inference import VariableElimination

        engine = VariableElimination(_pgmpy_network(model))
        found = engine.map_query(nodes, evidence=observed or None, show_progress=False)
    return {name: str(state) for name, state in found.items()}


def _states(row: dict[str, Any], model: lk.Model) -> dict[str, str]:
    """A row's states as the model's state names (``True`` -> ``"true"``)."""
    out = {}
    for name, state in row["states"].items():
        out[name] = ("true" if state else "false") if model.nodes[name].binary else state
    return out


def _small() -> lk.Model:
    """A small network with a node of three states, two paths and fixed numbers."""
    m = lk.Model(scale="phia")
    m.hypothesis(
        "weather", states=["sun", "rain", "storm"], prior={"sun": 0.5, "rain": 0.3, "storm": 0.2}
    )
    m.hypothesis("late", given={"weather=sun": 0.1, "weather=rain": 0.5, "weather=storm": 0.8})
    m.hypothesis("road", given={"weather=sun": 0.05, "weather=rain": 0.3, "weather=storm": 0.7})
    m.evidence("traffic", given={"road": 0.9, "~road": 0.2})
    m.evidence("call", given={"late": 0.7, "~late": 0.1})
    m.observe("traffic", True)
    m.observe("call", False)
    return m


def _bnlearn(name: str) -> tuple[lk.Model, dict[str, str]]:
    """A bnlearn network with its three alphabetically first leaves observed at their last state."""
    path = _pgmpy.example_models() / f"{name}.bif.gz"
    model = lk.load(path)
    children = {p for node in model.nodes.values() for p in node.parents}
    leaves = sorted(n for n in model.nodes if n not in children)[:3]
    observed = {leaf: model.nodes[leaf].states[-1] for leaf in leaves}
    for leaf, state in observed.items():
        model.observe(leaf, state)
    return model, observed


# -- fixed numbers: the oracles' MPE and MAP ----------------------------------------------------


def _pgmpy_posterior(model: lk.Model, account: dict[str, str], observed: dict[str, str]) -> float:
    """P(account | E) = P(account, E) / P(E): the tables' product over pgmpy's P(E)."""
    tables = _tables(model)
    at = {**account, **observed}
    joint = math.prod(
        float(
            tables[name][tuple(model.nodes[v].states.index(at[v]) for v in (*node.parents, name))]
        )
        for name, node in model.nodes.items()
    )
    with _pgmpy.quiet():
        from pgmpy.inference import VariableElimination

        evidence = VariableElimination(_pgmpy_network(model)).query(
            list(observed), joint=True, show_progress=False
        )
    return joint / float(evidence.get_value(**observed))


def _assert_no_neighbour_is_more_probable(
    model: lk.Model, account: dict[str, str], observed: dict[str, str]
) -> None:
    tables = _tables(model)

    def joint(at: dict[str, str]) -> float:
        return math.prod(
            float(tables[n][tuple(model.nodes[v].states.index(at[v]) for v in (*x.parents, n))])
            for n, x in model.nodes.items()
        )

    best = joint({**account, **observed})
    for name, state in account.items():
        for other in model.nodes[name].states:
            if other != state:
                assert joint({**account, name: other, **observed}) <= best, (name, other)


# pyAgrum 3.3.1's mpe() fails ("Fatal error: Empty tensor") on alarm, child, insurance and
# hailfinder, even read from their BIF files and without evidence, and pgmpy's map_query builds
# the joint table of the variables asked (alarm's 34: out of memory). Both oracles check small,
# asia and sachs (8 nodes of 3 states unobserved: beyond MAX_ACCOUNTS, so max-product); alarm's
# MPE is checked by pgmpy's P(x | E) and against every account one node away from it.
@pytest.mark.parametrize("name", ["small", "asia", "sachs", "alarm"])
def test_mpe_at_fixed_numbers_is_pyagrums_and_pgmpys(name: str) -> None:
    if name == "small":
        model = _small()
        observed = dict(model.observations)
    else:
        model, observed = _bnlearn(name)
    post = model.infer()
    assert post.draws == 1
    table = post.most_probable(nodes="all", k=3)
    hidden = [n for n in model.nodes if n not in observed]
    size = math.prod(len(model.nodes[n].states) for n in hidden)
    assert table.info["method"] == (
        "enumerated" if size <= analysis.MAX_ACCOUNTS else "max-product"
    )
    assert table.info["mpe"] and table.info["nodes"] == hidden
    best = table[0]
    if name == "alarm":
        expected = _states(best, model)
        _assert_no_neighbour_is_more_probable(model, expected, observed)
    else:
        expected = _pgmpy_map(model, hidden, observed)
        assert _states(best, model) == expected
    assert best["probability"] == pytest.approx(
        _pgmpy_posterior(model, expected, observed), rel=1e-9
    )
    if name != "alarm":
        states, p = _agrum_mpe(model, observed)
        assert states == expected
        assert best["probability"] == pytest.approx(p, rel=1e-9)
    assert best["band"] == (best["probability"],) * 2  # nothing uncertain: the band is a point
    assert best["most probable in"] == 1.0
    probabilities = [row["probability"] for row in table]
    assert probabilities == sorted(probabilities, reverse=True)


@pytest.mark.parametrize(
    ("name", "nodes"),
    [
        ("small", ["weather", "late"]),
        ("asia", ["lung", "tub", "bronc"]),
        ("alarm", ["HYPOVOLEMIA", "LVFAILURE", "INTUBATION", "KINKEDTUBE"]),
    ],
)
def test_map_over_some_nodes_is_pgmpys(name: str, nodes: list[str]) -> None:
    if name == "small":
        model = _small()
        observed = dict(model.observations)
    else:
        model, observed = _bnlearn(name)
    table = model.infer().most_probable(nodes=nodes)
    assert table.info["method"] == "enumerated" and table.info["mpe"] is False
    assert _states(table[0], model) == _pgmpy_map(model, nodes, observed)


def test_the_probabilities_of_every_account_are_pgmpys_joint_posterior() -> None:
    model = _small()
    table = model.infer().most_probable(nodes=["weather", "road"], k=10)
    with _pgmpy.quiet():
        from pgmpy.inference import VariableElimination

        joint = VariableElimination(_pgmpy_network(model)).query(
            ["weather", "road"], evidence=dict(model.observations), joint=True
        )
    assert len(table) == 6
    for row in table:
        states = _states(row, model)
        assert row["probability"] == pytest.approx(joint.get_value(**states), abs=1e-12)
    assert sum(table.column("probability")) == pytest.approx(1.0, abs=1e-12)


def test_max_product_is_the_brute_force_maximum_draw_by_draw(rng: np.random.Generator) -> None:
    cards = [2, 3, 2, 2, 3]
    scopes = [(0,), (0, 1), (1, 2), (0, 2, 3), (3, 4), (1, 4), ()]
    n = 7
    factors = [rng.uniform(0.01, 1.0, (n, *(cards[v] for v in s))) for s in scopes]
    log_max, states = JunctionTree(cards, scopes).maximise(factors, n)
    for i in range(n):
        best, argbest = -1.0, None
        for x in itertools.product(*(range(c) for c in cards)):
            value = math.prod(
                float(f[(i, *(x[v] for v in s))]) for f, s in zip(factors, scopes, strict=True)
            )
            if value > best:
                best, argbest = value, x
        assert log_max[i] == pytest.approx(math.log(best), rel=1e-12)
        assert tuple(int(states[v][i]) for v in range(len(cards))) == argbest


def test_max_product_over_all_nodes_agrees_with_enumeration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    post = flagship().infer(draws=2000, seed=4)
    enumerated = post.most_probable(nodes="all")
    monkeypatch.setattr(analysis, "MAX_ACCOUNTS", 1)
    fresh = flagship().infer(draws=2000, seed=4)
    by_max = fresh.most_probable(nodes="all")
    assert by_max.info["method"] == "max-product"
    assert by_max[0]["account"] == enumerated[0]["account"]
    assert by_max[0]["probability"] == pytest.approx(enumerated[0]["probability"], rel=1e-12)
    assert by_max[0]["band"] == pytest.approx(enumerated[0]["band"], rel=1e-12)
    assert by_max[0]["most probable in"] == pytest.approx(enumerated[0]["most probable in"])


# -- uncertain judgments: the coherent probability and its band ----------------------------------


def _brute_force(post: lk.Posterior, nodes: list[str]) -> dict[tuple[str, ...], np.ndarray]:
    """P(account | E, θᵢ) per draw and account, from each draw's full joint table, by hand."""
    model = post.model
    compiled = post.compiled
    names = list(model.nodes)
    tables = {name: np.asarray(compiled.table(name, compiled.values)) for name in names}
    observed = post.observations
    joint_e = np.zeros(compiled.n)
    by_account: dict[tuple[str, ...], np.ndarray] = {}
    for x in itertools.product(*(model.nodes[name].states for name in names)):
        at = dict(zip(names, x, strict=True))
        if any(at[k] != v for k, v in observed.items()):
            continue
        p = np.ones(compiled.n)
        for name in names:
            node = model.nodes[name]
            index = tuple(model.nodes[v].states.index(at[v]) for v in (*node.parents, name))
            p = p * tables[name][(slice(None), *index)]
        joint_e += p
        key = tuple(at[name] for name in nodes)
        by_account[key] = by_account.get(key, 0.0) + p
    return {key: p / joint_e for key, p in by_account.items()}


def test_the_coherent_probability_of_the_top_account_is_the_weighted_brute_force() -> None:
    post = flagship().infer(draws=3000, seed=2)
    table = post.most_probable()
    nodes = table.info["nodes"]
    assert nodes == ["talks", "negotiations", "secret_negotiations"]
    per_draw = _brute_force(post, nodes)
    weights = post.weights
    for row in table:
        key = tuple(_states(row, post.model)[name] for name in nodes)
        expected = float(np.sum(weights * per_draw[key]))
        assert row["probability"] == pytest.approx(expected, abs=1e-12)
        low, high = row["band"]
        assert low <= row["probability"] <= high or low == high
        assert low < high
    # the share of the draws in which each account is the most probable: the weights say so
    stacked = np.stack([per_draw[k] for k in sorted(per_draw)])
    winners = np.argmax(stacked, axis=0)
    top = tuple(_states(table[0], post.model)[name] for name in nodes)
    share = float(np.sum(weights[winners == sorted(per_draw).index(top)]))
    assert table[0]["most probable in"] == pytest.approx(share, abs=1e-12)
    assert table[0]["words"] == str(lk.describe(table[0]["probability"], scale="phia"))


def test_the_flagship_account_in_words() -> None:
    table = flagship().infer(draws=4000, seed=1).most_probable()
    assert table[0]["account"] == "talks, ~negotiations, ~secret_negotiations"
    assert "The most probable account of the hypotheses" in table.title
    assert table.columns == [
        "rank",
        "account",
        "probability",
        "90 % band",
        "words",
        "most probable in",
    ]
    # negotiations without talks are ruled out by the model: never shown
    assert all(not (r["states"]["negotiations"] and not r["states"]["talks"]) for r in table)


# -- bad input ------------------------------------------------------------------------------------


def test_an_unknown_node_is_named_with_suggestions() -> None:
    post = flagship().infer(draws=500, seed=1)
    with pytest.raises(lk.UnknownNodeError, match="negotiatons"):
        post.most_probable(nodes=["negotiatons"])


def test_an_observed_node_or_a_state_is_refused() -> None:
    post = flagship().infer(draws=500, seed=1)
    with pytest.raises(lk.ModelError, match="'no_team' is observed"):
        post.most_probable(nodes=["no_team"])
    with pytest.raises(lk.ModelError, match="node names, not states"):
        post.most_probable(nodes=["negotiations=true"])
    with pytest.raises(lk.OptionError, match="k must be a whole number"):
        post.most_probable(k=0)


def test_too_many_joint_states_is_refused_with_the_limit() -> None:
    model, _ = _bnlearn("alarm")
    post = model.infer()
    some = [n for n in model.nodes if n not in model.observations][:20]
    with pytest.raises(lk.ModelError, match=r"joint states, more than the 1,024 \(MAX_ACCOUNTS\)"):
        post.most_probable(nodes=some)


def test_no_unobserved_node_is_refused() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    m.observe("h", True)
    with pytest.raises(lk.ModelError, match="every node is observed"):
        m.infer().most_probable()


# -- outputs --------------------------------------------------------------------------------------


def test_json_and_reports_carry_the_account(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from likelihood._view.cli import main

    main(
        [
            "run",
            str(ROOT / "tests" / "data" / "three_conclusions.toml"),
            "--json",
            "--draws",
            "2000",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    account = out["most_probable"]
    assert account["nodes"] == ["talks", "negotiations", "secret_negotiations"]
    first = account["accounts"][0]
    assert first["account"] == "talks, ~negotiations, ~secret_negotiations"
    assert set(first) >= {"probability", "band", "words", "most probable in", "states"}
    post = flagship().infer(draws=2000, seed=1)
    assert "The most probable account" in post.text_report()
    assert "<h2>The most probable account</h2>" in post.report(tmp_path / "r.html").read_text()
