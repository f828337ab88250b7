"""The exact engine against hand computations, closed forms and the multilinearity oracle."""

from __future__ import annotations

import warnings
from pathlib import Path

import _pgmpy
import numpy as np
import pytest
from _oracle import flagship as _flagship_model
from _oracle import mean_network as _mean_network
from scipy import integrate, stats

import likelihood as lk
from likelihood._core import compiled as _engine

ROOT = Path(__file__).resolve().parents[1]


def _flagship() -> lk.Model:
    return _flagship_model()


# -- hand-computed cases ---------------------------------------------------------------


def test_tversky_kahneman_cab_problem() -> None:
    # 15 % of cabs are blue; the witness is right 80 % of the time and says "blue"
    m = lk.Model()
    m.hypothesis("blue", prior=0.15)
    m.evidence("says_blue", given={"blue": 0.8, "~blue": 0.2}, observed=True)
    expected = 0.15 * 0.8 / (0.15 * 0.8 + 0.85 * 0.2)
    assert m.infer().probability("blue") == pytest.approx(expected, abs=1e-15)
    assert round(expected, 4) == 0.4138


def test_pearl_burglary_alarm_with_both_calls() -> None:
    m = lk.Model(scale="icd203", title="Burglary alarm")
    m.hypothesis("burglary", prior=0.001)
    m.hypothesis("earthquake", prior=0.002)
    alarm = {(1, 1): 0.95, (1, 0): 0.94, (0, 1): 0.29, (0, 0): 0.001}
    m.hypothesis(
        "alarm",
        given={
            "burglary & earthquake": 0.95,
            "burglary & ~earthquake": 0.94,
            "~burglary & earthquake": 0.29,
            "~burglary & ~earthquake": 0.001,
        },
    )
    m.evidence("john_calls", given={"alarm": 0.90, "~alarm": 0.05}, observed=True)
    m.evidence("mary_calls", given={"alarm": 0.70, "~alarm": 0.01}, observed=True)
    post = m.infer()

    def joint(b: int, e: int, a: int) -> float:
        pb = 0.001 if b else 0.999
        pe = 0.002 if e else 0.998
        pa = alarm[(b, e)] if a else 1 - alarm[(b, e)]
        return pb * pe * pa * (0.90 if a else 0.05) * (0.70 if a else 0.01)

    evidence = sum(joint(b, e, a) for b in (0, 1) for e in (0, 1) for a in (0, 1))
    burglary = sum(joint(1, e, a) for e in (0, 1) for a in (0, 1)) / evidence
    earthquake = sum(joint(b, 1, a) for b in (0, 1) for a in (0, 1)) / evidence
    assert post.probability("burglary") == pytest.approx(burglary, abs=1e-15)
    assert post.probability("earthquake") == pytest.approx(earthquake, abs=1e-15)
    assert round(burglary, 3) == 0.284  # Russell & Norvig's worked example
    assert post.interval("burglary") == (post.probability("burglary"),) * 2


def test_three_state_intent() -> None:
    prior = {"attack": 0.2, "feint": 0.3, "exercise": 0.5}
    massing = {"attack": 0.7, "feint": 0.5, "exercise": 0.3}
    m = lk.Model()
    m.hypothesis("intent", states=list(prior), prior=prior)
    m.evidence(
        "troops_massing", given={f"intent={s}": p for s, p in massing.items()}, observed=True
    )
    total = sum(prior[s] * massing[s] for s in prior)
    got = m.infer().probability("intent")
    for s in prior:
        assert got[s] == pytest.approx(prior[s] * massing[s] / total, abs=1e-15)


def test_strength_of_evidence_with_a_fixed_ratio() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.2)
    m.evidence("e", supports="h", strength=30.0, observed=True)
    odds = 0.2 / 0.8 * 30
    assert m.infer().probability("h") == pytest.approx(odds / (1 + odds), abs=1e-15)
    against = lk.Model()
    against.hypothesis("h", prior=0.2)
    against.evidence("e", supports="~h", strength=30.0, observed=True)
    odds = 0.2 / 0.8 / 30
    assert against.infer().probability("h") == pytest.approx(odds / (1 + odds), abs=1e-15)


def test_strength_in_words_is_a_log_uniform_ratio_band() -> None:
    # "moderate support": 10 <= LR < 100, log10 LR uniform. With P(E | h) = LR / (1 + LR),
    # the coherent answer is multilinear in that table entry: use its mean (by quadrature)
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    m.evidence("e", supports="h", strength="moderate support", observed=True)
    post = m.infer(draws=20_000, seed=5)
    q = integrate.quad(lambda u: 10**u / (1 + 10**u), 1, 2)[0]
    expected = 0.3 * q / (0.3 * q + 0.7 * (1 - q))
    assert abs(post.probability("h") - expected) < 4 * post.mcse("h")
    lo, hi = post.interval("h")
    odds = 0.3 / 0.7
    assert odds * 10 / (1 + odds * 10) < lo < hi < odds * 100 / (1 + odds * 100)


def test_report_of_a_source_of_known_reliability() -> None:
    # a source right with probability r, else random: likelihood ratio (1 + r) / (1 - r)
    m = lk.Model()
    m.hypothesis("h", prior=0.25)
    m.source("insider", reliability=0.6)
    m.report("says_h", source="insider", claims="h", observed=True)
    odds = 0.25 / 0.75 * (1.6 / 0.4)
    assert m.infer().probability("h") == pytest.approx(odds / (1 + odds), abs=1e-15)


def test_unjudgeable_source_moves_the_answer_less_than_a_reliable_one() -> None:
    def posterior(grade: str) -> lk.Posterior:
        m = lk.Model()
        m.hypothesis("h", prior=0.2)
        m.source("s", reliability=grade)
        m.report("r", source="s", claims="h", observed=True)
        return m.infer(draws=20_000, seed=2)

    f, a = posterior("F"), posterior("A")
    # F: r uniform, E[(1 + r) / 2] = 3/4, E[(1 - r) / 2] = 1/4 (multilinear in r)
    expected = 0.2 * 0.75 / (0.2 * 0.75 + 0.8 * 0.25)
    assert abs(f.probability("h") - expected) < 4 * f.mcse("h")
    assert 0.2 < f.probability("h") < a.probability("h")
    f_lo, f_hi = f.interval("h")
    a_lo, a_hi = a.interval("h")
    assert f_hi - f_lo > a_hi - a_lo  # the band shows that F could not be judged
    assert a.probability("h") > 0.9


def test_report_against_a_state_of_a_several_state_node() -> None:
    m = lk.Model()
    m.hypothesis("intent", states=["attack", "feint"], prior={"attack": 0.5, "feint": 0.5})
    m.source("s", reliability=0.5)
    m.report("r", source="s", claims="intent=feint", observed=True)
    assert m.infer().probability("intent=feint") == pytest.approx(0.75 / 1.0, abs=1e-15)


# -- uncertain parameters: the multilinearity oracle ---------------------------------------


def _check_multilinear(model: lk.Model, draws: int, seed: int) -> None:
    post = model.infer(draws=draws, seed=seed)
    evidence = {
        k: ("true" if v is True else "false" if v is False else v)
        for k, v in model.observed.items()
    }
    expected = _pgmpy.marginals(_pgmpy.network(_mean_network(model)), evidence)
    for name in model.nodes:
        if name in evidence:
            continue
        at_means = expected[name]["true"]
        p, error = post.probability(name), post.mcse(name)
        assert abs(p - at_means) < 4 * error, (name, p, at_means, error)
        lo, hi = post.interval(name)
        assert hi - lo > 0.01, name  # the band does not collapse: it is what the words add
        assert lo <= at_means <= hi, name


def test_words_only_model_matches_the_network_at_the_judgments_means() -> None:
    m = lk.Model()
    m.hypothesis("h", prior="realistic possibility")
    m.hypothesis("g", given={"h": "likely", "~h": "highly unlikely"})
    m.evidence("e1", given={"h": "highly likely", "~h": "unlikely"}, observed=True)
    m.evidence("e2", given={"g": "unlikely", "~g": "likely"}, observed=True)
    m.evidence(
        "e3",
        given={
            "h & g": "almost certain",
            "h & ~g": "likely",
            "~h & g": "realistic possibility",
            "~h & ~g": "remote chance",
        },
    )
    _check_multilinear(m, 40_000, 11)


def test_flagship_model_matches_the_network_at_the_judgments_means() -> None:
    _check_multilinear(_flagship(), 40_000, 3)


# -- engine behaviour -----------------------------------------------------------------------


def test_same_seed_same_answer_other_seed_other_draws() -> None:
    m = _flagship()
    a = m.infer(draws=3000, seed=7).to_dict()
    b = m.infer(draws=3000, seed=7).to_dict()
    c = m.infer(draws=3000, seed=8).to_dict()
    assert a == b
    assert a["nodes"]["negotiations"]["probability"] != c["nodes"]["negotiations"]["probability"]


def test_chunked_evaluation_gives_the_same_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    m = _flagship()
    whole = m.infer(draws=2000, seed=4)
    monkeypatch.setattr(_engine, "CHUNK_BUDGET", 8)  # a few draws per chunk
    chunked = m.infer(draws=2000, seed=4)
    for name in m.nodes:
        assert chunked.probability(name) == pytest.approx(whole.probability(name), abs=1e-13)
        np.testing.assert_allclose(chunked.interval(name), whole.interval(name), atol=1e-13)


def test_many_evidence_items_do_not_underflow() -> None:
    # 400 items of evidence: P(E) ~ 1e-170 underflows a plain product; rescaling keeps it
    m = lk.Model()
    m.hypothesis("h", prior=0.5)
    for i in range(400):
        m.evidence(f"e{i}", given={"h": 0.4, "~h": 0.39}, observed=True)
    odds = (0.4 / 0.39) ** 400
    assert m.infer().probability("h") == pytest.approx(odds / (1 + odds), rel=1e-9)


def test_query_restricts_the_work_not_the_answer() -> None:
    m = lk.Model()
    m.hypothesis("a", prior=0.3)
    m.hypothesis("b", given={"a": 0.8, "~a": 0.1})
    m.hypothesis("c", given={"b": 0.5, "~b": 0.2})
    m.evidence("e", given={"a": 0.9, "~a": 0.3}, observed=True)
    full = m.infer()
    part = m.infer(query=["b"])
    assert part.nodes == ("b",)
    assert part.probability("b") == pytest.approx(full.probability("b"), abs=1e-15)
    with pytest.raises(lk.ConditionError, match="not part of the query"):
        part.probability("c")


def test_impossible_evidence_names_the_observation() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.0)
    m.evidence("fine", given={"h": 0.5, "~h": 0.5}, observed=True)
    m.evidence("only_if_h", given={"h": 1.0, "~h": 0.0}, observed=True)
    with pytest.raises(lk.EvidenceError, match=r"only_if_h=True is impossible given fine=True"):
        m.infer()


def test_surprising_evidence_warns_about_few_effective_draws() -> None:
    # each item's likelihood is an uncertain (uniform) judgment: P(E | θ) = Π θᵢ
    m = lk.Model()
    m.hypothesis("h", prior=1.0)
    for i in range(24):
        m.evidence(f"e{i}", given={"h": (0.0, 1.0), "~h": 0.5}, observed=True)
    with pytest.warns(lk.EffectiveSampleSizeWarning, match="draws carry the posterior weight"):
        post = m.infer(draws=5000, seed=1)
    assert post.ess < 100
    assert post.ess == pytest.approx(1 / np.sum(post.weights**2))


def test_no_warning_when_the_draws_share_the_weight() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        post = _flagship().infer(draws=5000, seed=1)
    assert post.ess > 1000


def test_several_state_table_is_normalised_per_draw() -> None:
    m = lk.Model()
    # the words' means sum to ~1.25: normalising them is a choice the library says it made
    with pytest.warns(lk.LikelihoodWarning, match="normalised per draw"):
        m.hypothesis(
            "intent",
            states=["attack", "feint", "exercise"],
            prior={"attack": "unlikely", "feint": "unlikely", "exercise": "likely"},
        )
    post = m.infer(draws=20_000, seed=9)
    probs = post.probability("intent")
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-12)
    # the direct computation: each draw's three words normalised to sum to one, then averaged
    draws = {
        p.label: np.asarray(v)
        for p, v in zip(post.compiled.parameters, post.compiled.values, strict=True)
    }
    raw = np.stack([draws[f"intent: {s}"] for s in ("attack", "feint", "exercise")])
    per_draw = (raw / raw.sum(axis=0)).mean(axis=1)
    assert [probs[s] for s in ("attack", "feint", "exercise")] == pytest.approx(per_draw, abs=1e-12)
    # normalising the means instead would give another answer (the words' means sum to ~1.25)
    of_means = raw.mean(axis=1) / raw.mean(axis=1).sum()
    assert np.max(np.abs(of_means - per_draw)) > 1e-4
    # by symmetry attack and feint are exchangeable
    assert abs(probs["attack"] - probs["feint"]) < 4 * (
        post.mcse("intent=attack") + post.mcse("intent=feint")
    )


def test_dirichlet_table_matches_its_mean() -> None:
    m = lk.Model()
    m.hypothesis("x", states=["a", "b", "c"], prior=lk.Dirichlet({"a": 2, "b": 3, "c": 5}))
    post = m.infer(draws=20_000, seed=3)
    for s, mean in {"a": 0.2, "b": 0.3, "c": 0.5}.items():
        assert abs(post.probability(f"x={s}") - mean) < 4 * post.mcse(f"x={s}")
        lo, hi = post.interval(f"x={s}")
        a = {"a": 2, "b": 3, "c": 5}[s]
        twin = stats.beta(a, 10 - a)  # a Dirichlet margin is a Beta
        assert lo == pytest.approx(twin.ppf(0.05), abs=0.01)
        assert hi == pytest.approx(twin.ppf(0.95), abs=0.01)


@pytest.mark.parametrize(
    "alpha",
    [
        {"a": 0.1, "b": 0.1},  # the smallest concentrations drawn in single precision
        {"a": 0.1, "b": 0.3, "c": 19.3},  # a row of a CPT made uncertain around (0, 0.01, 0.99)
        {"a": 0.05, "b": 2.0},  # below 0.1: double precision
        {"a": 400.0, "b": 600.0},
    ],
)
def test_dirichlet_draws_follow_the_beta_margins(alpha: dict[str, float]) -> None:
    """Every margin of a Dirichlet is Beta(α_i, α_0 − α_i) (scipy), whatever the precision."""
    x = lk.Dirichlet(alpha).rvs(40_000, random_state=11)
    assert np.all(x > 0) and np.allclose(x.sum(axis=1), 1.0, atol=1e-12)
    total = sum(alpha.values())
    levels = np.array([0.005, 0.05, 0.25, 0.5, 0.75, 0.95])  # the lowest reaches 1e-20 at α = 0.1
    sd = np.sqrt(levels * (1 - levels) / len(x))
    for i, a in enumerate(alpha.values()):
        cut = stats.beta(a, total - a).ppf(levels)
        below = (x[:, i][:, None] <= cut).mean(axis=0)
        inside = cut < 1 - 1e-9  # nearer 1, a double rounds the draw to 1.0
        assert np.all(np.abs(below - levels)[inside] < 4.5 * sd[inside]), (alpha, i, below)
    again = lk.Dirichlet(alpha).rvs(40_000, random_state=11)
    assert again.tobytes() == x.tobytes()
