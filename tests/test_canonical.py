"""Canonical tables: noisy-OR, noisy-MAX with a leak, ranked nodes — against independent oracles."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import likelihood as lk

CAUSES = ("cyber", "storm", "wear", "sabotage", "error", "overload")
CHANCES = (0.7, 0.5, 0.3, 0.8, 0.2, 0.4)


def six_causes(chances=CHANCES, leak=0.05, priors=(0.1, 0.3, 0.2, 0.05, 0.15, 0.25)) -> lk.Model:
    m = lk.Model(seed=2)
    for cause, prior in zip(CAUSES, priors, strict=True):
        m.hypothesis(cause, prior=prior)
    m.hypothesis("outage", noisy_or=dict(zip(CAUSES, chances, strict=True)), leak=leak)
    return m


def table(m: lk.Model, name: str) -> np.ndarray:
    c = m.compile(draws=1, seed=0)
    return np.asarray(c.table(name, c.values))[0]


# -- fixed numbers against pyAgrum and the published formulas ----------------------------------


@pytest.mark.parametrize("form", ["addNoisyORNet", "addNoisyORCompound"])
def test_noisy_or_equals_pyagrum(form: str) -> None:
    gum = pytest.importorskip("pyagrum")
    leak = 0.05
    bn = gum.BayesNet()
    for cause in CAUSES:
        bn.add(gum.LabelizedVariable(cause, cause, 2))
    getattr(bn, form)(gum.LabelizedVariable("outage", "outage", 2), leak)
    for cause, p in zip(CAUSES, CHANCES, strict=True):
        # Net: p is what the cause alone produces (Henrion); Compound: P(effect | the cause
        # alone), the leak included (Díez)
        weight = p if form == "addNoisyORNet" else 1.0 - (1.0 - leak) * (1.0 - p)
        bn.addWeightedArc(cause, "outage", weight)
    cpt = bn.cpt("outage")
    ours = table(six_causes(leak=leak), "outage")
    assert ours.shape == (2,) * 6 + (2,)
    worst = 0.0
    for config in itertools.product((True, False), repeat=6):
        at = {c: int(x) for c, x in zip(CAUSES, config, strict=True)}  # pyAgrum: 1 is true
        index = tuple(0 if x else 1 for x in config)  # likelihood: true first
        for state, ours_state in ((1, 0), (0, 1)):
            theirs = float(cpt[{**at, "outage": state}])
            worst = max(worst, abs(ours[index][ours_state] - theirs))
    assert worst < 1e-12


def noisy_max_by_hand(causes, leak, config):
    """Díez (1993): P(Y <= y | x) = c_L(y) ∏ c_i(y | x_i), c = 1 - P(at least y + 1)."""
    levels = len(leak) + 1
    cumulative = np.ones(levels)
    for y in range(levels - 1):
        cumulative[y] *= 1.0 - leak[y]
        for exceed, x in zip(causes, config, strict=True):
            q = exceed[x]
            if q is not None:
                cumulative[y] *= 1.0 - q[y]
    return np.diff(np.concatenate([[0.0], cumulative]))


def test_noisy_max_equals_the_published_formula() -> None:
    m = lk.Model()
    m.hypothesis("storm", prior=0.3)
    m.hypothesis(
        "attack", states=["none", "probe", "full"], prior={"none": 0.6, "probe": 0.3, "full": 0.1}
    )
    m.hypothesis(
        "disruption",
        states=["none", "minor", "major", "total"],
        noisy_max={
            "storm": {"minor": 0.6, "major": 0.3, "total": 0.05},
            "attack": {
                "probe": {"minor": 0.2, "major": 0.05, "total": 0.0},
                "full": {"minor": 0.9, "major": 0.7, "total": 0.4},
            },
        },
        leak={"minor": 0.1, "major": 0.02, "total": 0.001},
    )
    ours = table(m, "disruption")
    storm = {0: [0.6, 0.3, 0.05], 1: None}  # true, false (absent)
    attack = {0: None, 1: [0.2, 0.05, 0.0], 2: [0.9, 0.7, 0.4]}
    for config in itertools.product(range(2), range(3)):
        by_hand = noisy_max_by_hand([storm, attack], [0.1, 0.02, 0.001], config)
        np.testing.assert_allclose(ours[config], by_hand, rtol=0, atol=1e-12)
    assert [p.label for p in m.parameters(["disruption"])][:4] == [
        "disruption: storm >= minor",
        "disruption: storm >= major",
        "disruption: storm >= total",
        "disruption: attack=probe >= minor",
    ]


def test_noisy_max_of_two_levels_is_a_noisy_or() -> None:
    m = six_causes()
    chances = {c: {"yes": p} for c, p in zip(CAUSES, CHANCES, strict=True)}
    m.hypothesis("again", states=["no", "yes"], noisy_max=chances, leak={"yes": 0.05})
    np.testing.assert_allclose(table(m, "again")[..., ::-1], table(m, "outage"), atol=1e-15)


@pytest.mark.parametrize("combine", ["wmean", "wmin", "wmax"])
def test_ranked_node_equals_a_truncated_normal_by_hand(combine: str) -> None:
    m = lk.Model()
    m.hypothesis(
        "skill", states=["low", "medium", "high"], prior={"low": 0.2, "medium": 0.5, "high": 0.3}
    )
    m.hypothesis("tools", states=["poor", "good"], prior={"poor": 0.5, "good": 0.5})
    weights, variance = (3.0, 1.0), 0.01
    m.hypothesis(
        "quality",
        states=["very low", "low", "medium", "high", "very high"],
        ranked={"skill": weights[0], "tools": weights[1]},
        variance=variance,
        combine=combine,
    )
    ours = table(m, "quality")
    sigma = math.sqrt(variance)
    for i, j in itertools.product(range(3), range(2)):
        x = np.array([(i + 0.5) / 3, (j + 0.5) / 2])  # the states' midpoints
        w = np.array(weights)
        if combine == "wmean":
            mu = float(w @ x / w.sum())
        else:
            each = [(w[k] * x[k] + x.sum() - x[k]) / (w[k] + len(x) - 1) for k in range(2)]
            mu = min(each) if combine == "wmin" else max(each)
        law = stats.truncnorm((0 - mu) / sigma, (1 - mu) / sigma, loc=mu, scale=sigma)
        edges = np.linspace(0, 1, 6)
        by_hand = law.cdf(edges[1:]) - law.cdf(edges[:-1])
        np.testing.assert_allclose(ours[i, j], by_hand, rtol=0, atol=1e-12)


# -- words: the coherent answer is the network at the judgments' means ------------------------


WORDS = ("likely", "realistic possibility", "unlikely", "highly likely", [0.1, 0.3], "unlikely")
PRIORS = ("unlikely", "realistic possibility", 0.2, "highly unlikely", [0.1, 0.2], 0.25)


def noisy_or_at_means(query: int) -> float:
    """P(cause | outage) with every judgment at its mean, by enumeration (independent roots)."""
    model = lk.Model()
    priors = [lk.judge(p, scale=model.scale).mean() for p in PRIORS]
    chances = [lk.judge(w, scale=model.scale).mean() for w in WORDS]
    leak = lk.judge("remote chance", scale=model.scale).mean()
    joint = evidence = 0.0
    for config in itertools.product((True, False), repeat=6):
        weight = math.prod(p if x else 1 - p for p, x in zip(priors, config, strict=True))
        q = (1 - leak) * math.prod(1 - c for c, x in zip(chances, config, strict=True) if x)
        evidence += weight * (1 - q)
        joint += weight * (1 - q) * config[query]
    return joint / evidence


def test_noisy_or_with_words_equals_the_network_at_the_means() -> None:
    m = six_causes(chances=WORDS, leak="remote chance", priors=PRIORS)
    m.observe("outage", True)
    post = m.infer(draws=40_000, seed=4)
    for k, cause in enumerate(CAUSES):
        p, oracle = post.probability(cause), noisy_or_at_means(k)
        assert abs(p - oracle) < 4 * post.mcse(cause), (cause, p, oracle, post.mcse(cause))
    lo, hi = post.interval("cyber")
    assert hi - lo > 0.05  # the band keeps what the words leave open


def test_noisy_max_with_words_equals_the_network_at_the_means() -> None:
    m = lk.Model()
    m.hypothesis("storm", prior="realistic possibility")
    m.hypothesis("attack", prior="unlikely")
    # the bands of "at least minor" and "at least major" do not overlap: no draw is capped
    spec = {
        "storm": {"minor": "likely", "major": "highly unlikely"},
        "attack": {"minor": "highly likely", "major": [0.3, 0.5]},
    }
    m.hypothesis(
        "disruption",
        states=["none", "minor", "major"],
        noisy_max=spec,
        leak={"minor": "unlikely", "major": 0.01},
    )
    m.observe("disruption", "major")
    post = m.infer(draws=40_000, seed=5)
    mean = {
        w: lk.judge(w, scale="phia").mean()
        for w in ("realistic possibility", "unlikely", "likely", "highly unlikely", "highly likely")
    }
    mean["band"] = lk.judge([0.3, 0.5]).mean()
    priors = (mean["realistic possibility"], mean["unlikely"])
    q = ((mean["likely"], mean["highly unlikely"]), (mean["highly likely"], mean["band"]))
    leak = (mean["unlikely"], 0.01)
    joint = np.zeros(2)
    total = 0.0
    for config in itertools.product((True, False), repeat=2):
        weight = math.prod(p if x else 1 - p for p, x in zip(priors, config, strict=True))
        below_major = (1 - leak[1]) * math.prod(
            1 - qi[1] for qi, x in zip(q, config, strict=True) if x
        )
        total += weight * (1 - below_major)
        joint += weight * (1 - below_major) * np.array(config)
    for k, cause in enumerate(("storm", "attack")):
        p, oracle = post.probability(cause), joint[k] / total
        assert abs(p - oracle) < 4 * post.mcse(cause), (cause, p, oracle)


def test_analyses_name_the_cause_whose_word_matters() -> None:
    m = six_causes(chances=WORDS, leak="remote chance", priors=PRIORS)
    m.observe("outage", True)
    post = m.infer(draws=8000, seed=4)
    judged = post.sensitivity("cyber").column("judgment")
    assert "outage: cyber" in judged and "outage: leak" in judged
    flips = post.flips("cyber").column("input")
    assert any(str(x).startswith("outage: ") for x in flips)
    attribution = post.attribution("cyber", draws=512).column("judgment")
    assert "outage: cyber" in attribution


def test_the_pymc_engine_builds_the_same_tables() -> None:
    pytest.importorskip("pymc")
    import pytensor.tensor as pt

    m = lk.Model()
    m.hypothesis("a", prior="likely")
    m.hypothesis("b", states=["lo", "mid", "hi"], prior={"lo": 0.3, "mid": 0.4, "hi": 0.3})
    m.hypothesis("y", noisy_or={"a": "likely"}, leak="unlikely")
    m.hypothesis(
        "s",
        states=["none", "some", "much"],
        noisy_max={
            "a": {"some": 0.5, "much": 0.2},
            "b": {"mid": {"some": 0.3, "much": 0.1}, "hi": {"some": 0.8, "much": 0.4}},
        },
        leak={"some": "unlikely", "much": 0.01},
    )
    m.hypothesis("r", states=["lo", "hi"], ranked={"b": 1.0}, variance=0.05)
    c = m.compile(draws=1, seed=0)
    values = [np.asarray(v[:1], dtype=np.float64) for v in c.values]
    for name in ("y", "s", "r"):
        symbolic = c.table(name, [pt.as_tensor_variable(v) for v in values], xp=pt, batch=1)
        np.testing.assert_allclose(symbolic.eval(), c.table(name, values), atol=1e-12)


# -- files -------------------------------------------------------------------------------------


def test_a_file_round_trips_through_save_and_load(tmp_path: Path) -> None:
    m = six_causes(chances=WORDS, leak="remote chance", priors=PRIORS)
    m.hypothesis(
        "severity",
        states=["none", "minor", "major"],
        noisy_max={"cyber": {"minor": "likely", "major": "unlikely"}},
        leak={"minor": 0.1, "major": 0.01},
    )
    m.hypothesis(
        "impact", states=["low", "high"], ranked={"severity": 2}, variance=0.02, combine="wmax"
    )
    m.observe("outage", True)
    path = tmp_path / "outage.toml"
    m.save(path)
    text = path.read_text()
    assert 'leak = "remote chance"' in text and "noisy_max = " in text
    again = lk.load(path)
    assert [(p.label, p.written) for p in again.parameters()] == [
        (p.label, p.written) for p in m.parameters()
    ]
    a, b = m.infer(draws=2000, seed=1), again.infer(draws=2000, seed=1)
    for name in ("cyber", "severity", "impact"):
        assert a.probability(name) == b.probability(name)


def test_a_file_reads_the_documented_form(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(
        '[hypothesis.alarm]\nnoisy_or = { burglary = 0.9, quake = "likely" }\n'
        "leak = 0.01\n[hypothesis.burglary]\nprior = 0.01\n[hypothesis.quake]\nprior = 0.02\n"
    )
    m = lk.load(path)
    assert m.nodes["alarm"].parents == ("burglary", "quake")
    np.testing.assert_allclose(table(m, "alarm")[1, 1], [0.01, 0.99], atol=1e-15)


def test_a_file_error_names_the_table_key_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(
        "[hypothesis.burglary]\nprior = 0.01\n\n[hypothesis.alarm]\n"
        'noisy_or = { burglary = 0.9, burglary_x = "likely" }\nleak = 0.01\n'
    )
    with pytest.raises(lk.ModelFileError) as info:
        lk.load(path)
    assert info.value.table == "hypothesis.alarm" and info.value.key == "noisy_or"
    assert info.value.line == 5
    assert "burglary_x" in str(info.value)


# -- errors ------------------------------------------------------------------------------------


def base() -> lk.Model:
    m = lk.Model()
    m.hypothesis("a", prior=0.3)
    m.hypothesis("b", prior=0.4)
    m.hypothesis(
        "level", states=["low", "mid", "high"], prior={"low": 0.3, "mid": 0.4, "high": 0.3}
    )
    return m


BAD = [
    (
        {"noisy_or": {"a": 0.3, "c": 0.2}, "leak": 0.1},
        lk.UnknownNodeError,
        ("x", "noisy_or", "c"),
        "no node 'c'",
    ),
    (
        {"noisy_or": {"a": 0.3, "level": 0.2}, "leak": 0.1},
        lk.ConditionError,
        ("x", "noisy_or", "level"),
        "causes of a noisy-OR are binary",
    ),
    ({"noisy_or": {"a": 0.3}, "leak": 1.5}, lk.ProbabilityError, ("x", "leak"), "1.5"),
    (
        {"noisy_or": {"a": "likelyy"}, "leak": 0.1},
        lk.UnknownTermError,
        ("x", "noisy_or", "a"),
        "likely",
    ),
    ({"noisy_or": {"a": 0.3}}, lk.ModelError, ("x",), "needs leak"),
    ({"noisy_or": {}, "leak": 0.1}, lk.JudgmentTypeError, ("x", "noisy_or"), "one or more"),
    (
        {"noisy_or": {"a": 0.3}, "leak": 0.1, "variance": 0.1},
        lk.ModelError,
        ("x",),
        "variance= does not go with noisy_or",
    ),
    (
        {"noisy_or": {"a": 0.3}, "noisy_max": {}, "leak": 0.1},
        lk.ModelError,
        ("x",),
        "one of noisy_or",
    ),
    ({"noisy_or": {"a": 0.3}, "leak": 0.1, "prior": 0.3}, lk.ModelError, ("x",), "not both"),
]


@pytest.mark.parametrize(("kwargs", "error", "where", "text"), BAD)
def test_bad_noisy_or_is_named_and_leaves_the_model_unchanged(kwargs, error, where, text):
    m = base()
    before = (dict(m.nodes), m.parameters())
    with pytest.raises(error) as info:
        m.hypothesis("x", **kwargs)
    assert info.value.where == where, info.value.where
    assert text in str(info.value), str(info.value)
    assert (dict(m.nodes), m.parameters()) == before


STATES = ["none", "some", "much"]
BAD_MAX = [
    (
        {"a": {"some": 0.3}},
        {"some": 0.1, "much": 0.0},
        lk.StateError,
        ("x", "noisy_max", "a"),
        "no chance given for 'much'",
    ),
    (
        {"a": {"none": 0.9, "some": 0.3, "much": 0.1}},
        {"some": 0.1, "much": 0.0},
        lk.StateError,
        ("x", "noisy_max", "a"),
        "lowest (absent) level",
    ),
    (
        {"a": {"some": 0.2, "much": 0.5}},
        {"some": 0.1, "much": 0.0},
        lk.ProbabilityError,
        ("x", "noisy_max", "a", "much"),
        "exceeds the chance of at least 'some'",
    ),
    (
        {"level": {"low": {"some": 0.2, "much": 0.1}}},
        {"some": 0.1, "much": 0.0},
        lk.StateError,
        ("x", "noisy_max", "level"),
        "but one",
    ),
    (
        {"level": {"lo": {"some": 0.2, "much": 0.1}}},
        {"some": 0.1, "much": 0.0},
        lk.StateError,
        ("x", "noisy_max", "level"),
        "'lo' is not a state",
    ),
    ({"a": {"some": 0.2, "much": 0.1}}, {"some": 0.1}, lk.StateError, ("x", "leak"), "'much'"),
    (
        {"a": {"sme": 0.2, "much": 0.1}},
        {"some": 0.1, "much": 0.0},
        lk.StateError,
        ("x", "noisy_max", "a"),
        "did you mean 'some'",
    ),
]


@pytest.mark.parametrize(("spec", "leak", "error", "where", "text"), BAD_MAX)
def test_bad_noisy_max_is_named(spec, leak, error, where, text):
    m = base()
    with pytest.raises(error) as info:
        m.hypothesis("x", states=STATES, noisy_max=spec, leak=leak)
    assert info.value.where == where, info.value.where
    assert text in str(info.value), str(info.value)
    assert "x" not in m.nodes


def test_the_wrong_kind_of_effect_is_named() -> None:
    m = base()
    with pytest.raises(lk.StateError, match="noisy_max= for an effect with ordered levels"):
        m.hypothesis("x", states=STATES, noisy_or={"a": 0.3}, leak=0.1)
    with pytest.raises(lk.StateError, match="give noisy_or= for a binary effect"):
        m.hypothesis("x", noisy_max={"a": {"true": 0.3}}, leak={"true": 0.1})
    with pytest.raises(lk.ModelError, match="a cause cannot be called 'leak'"):
        m.hypothesis("leak", prior=0.1)
        m.hypothesis("x", noisy_or={"leak": 0.3}, leak=0.1)


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"ranked": {"a": 1.0}, "variance": 0.1}, lk.StateError, "'a' is binary"),
        ({"ranked": {"level": -1.0}, "variance": 0.1}, lk.ProbabilityError, "weight"),
        ({"ranked": {"level": 1.0}}, lk.ModelError, "needs variance"),
        ({"ranked": {"level": 1.0}, "variance": 0.0}, lk.ProbabilityError, "variance"),
        ({"ranked": {"level": 1.0}, "variance": 0.1, "combine": "mean"}, lk.OptionError, "'wmean'"),
    ],
)
def test_bad_ranked_node_is_named(kwargs, error, text) -> None:
    m = base()
    with pytest.raises(error, match=text):
        m.hypothesis("x", states=["lo", "hi"], **kwargs)
    with pytest.raises(lk.StateError, match="ordered states"):
        m.hypothesis("y", ranked={"level": 1.0}, variance=0.1)
    assert "x" not in m.nodes and "y" not in m.nodes
