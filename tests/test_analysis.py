"""Sensitivity, attribution, flips, value of information and ACH against independent oracles."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
from _oracle import dominant_judgment, flagship, mean_network

import likelihood as lk

PHIA_LADDER = [
    "remote chance",
    "highly unlikely",
    "unlikely",
    "realistic possibility",
    "likely",
    "highly likely",
    "almost certain",
]


def _two_nodes() -> lk.Model:
    m = lk.Model()
    m.hypothesis("h", prior="likely")
    m.evidence("e", given={"h": "highly likely", "~h": "unlikely"}, observed=True)
    return m


def test_sensitivity_matches_the_multilinear_closed_form() -> None:
    post = _two_nodes().infer(draws=40_000, seed=5)
    table = post.sensitivity("h")
    a, b, c = (lk.judge(w) for w in ("likely", "highly likely", "unlikely"))
    draws_b, draws_c = post.evaluation.values[1], post.evaluation.values[2]
    rows = {r["judgment"]: r for r in table}
    for q, column in ((0.05, "at 5th percentile"), (0.95, "at 95th percentile")):
        # h held at its q-quantile: P(h | e) = a_q E[B] / (a_q E[B] + (1 - a_q) E[C])
        aq = a.ppf(q)
        closed = aq * b.mean() / (aq * b.mean() + (1 - aq) * c.mean())
        w = aq * draws_b + (1 - aq) * draws_c
        w = w / w.sum()
        f = aq * draws_b / (aq * draws_b + (1 - aq) * draws_c)
        error = math.sqrt(float(np.sum(w**2 * (f - np.dot(w, f)) ** 2)))
        assert abs(rows["h"][column] - closed) < 4 * error + 1e-12
        # the likelihood of e under h held at its q-quantile
        bq = b.ppf(q)
        closed = a.mean() * bq / (a.mean() * bq + (1 - a.mean()) * c.mean())
        assert rows["e | h"][column] == pytest.approx(closed, abs=4 * post.mcse("h") + 1e-3)
    assert table.column("swing") == sorted(table.column("swing"), reverse=True)
    assert rows["h"]["written"] == "likely" and rows["e | h"]["condition"] == "h"


def test_tornado_bars_equal_the_table() -> None:
    post = _two_nodes().infer(draws=5000, seed=1)
    table = post.sensitivity("h")
    ax = post.plot_sensitivity("h")
    bars = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    baseline = table.info["baseline"]
    for row in table:
        # one bar from the answer now to the answer with the judgment at each percentile
        for end, column in (("low", "at 5th percentile"), ("high", "at 95th percentile")):
            bar = bars[f"{end}:{row['judgment']}"]
            assert bar.get_x() == pytest.approx(baseline, abs=1e-12)
            assert bar.get_x() + bar.get_width() == pytest.approx(row[column], abs=1e-12)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [label.split(" (")[0] for label in labels] == table.column("judgment")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("realistic possibility", (0.1, 0.6)),
        # an answer near 1 with a small variance: the estimator must not drift with the mean
        ("almost certain", (0.9, 0.99)),
    ],
)
def test_attribution_matches_closed_form_sobol_indices(first: str, second: tuple) -> None:
    # P(c) = 0.5 θ1 + 0.5 θ2 is linear in two independent judgments: S_i = Var θ_i / Σ Var θ_j
    m = lk.Model()
    m.hypothesis("a", prior=0.5)
    m.hypothesis("c", given={"a": first, "~a": second})
    table = m.infer(draws=20_000, seed=3).attribution("c", draws=20_000)
    v1 = lk.judge(first).var()
    v2 = lk.judge(second).var()
    expected = {"c | a": v1 / (v1 + v2), "c | ~a": v2 / (v1 + v2)}
    for row in table:
        assert row["first order"] == pytest.approx(expected[row["judgment"]], abs=0.03)
        assert row["total"] == pytest.approx(expected[row["judgment"]], abs=0.03)
    assert table.info["variance"] == pytest.approx(0.25 * (v1 + v2), rel=0.05)


def test_attribution_on_the_flagship_sums_to_at_most_one() -> None:
    table = flagship().infer(draws=20_000, seed=1).attribution("negotiations")
    assert sum(table.column("first order")) <= 1.02
    for row in table:
        assert row["first order"] <= row["total"] + 0.02
    post = flagship().infer(draws=20_000, seed=1)
    assert table[0]["judgment"] == dominant_judgment(post, "negotiations")


def _one_step_variants(
    words: dict[str, str], evidence_state: bool
) -> list[tuple[str, str, lk.Model]]:
    """Every one-step change of the test model, built through the public API."""

    def build(prior: str, on_h: str, on_not_h: str, observed: bool) -> lk.Model:
        m = lk.Model()
        m.hypothesis("h", prior=prior)
        m.evidence("e", given={"h": on_h, "~h": on_not_h}, observed=observed)
        return m

    out = []
    for key in words:
        i = PHIA_LADDER.index(words[key])
        for j in (i - 1, i + 1):
            if 0 <= j < len(PHIA_LADDER):
                changed = dict(words, **{key: PHIA_LADDER[j]})
                label = {"prior": "h", "on_h": "e | h", "on_not_h": "e | ~h"}[key]
                out.append(
                    (
                        label,
                        f"{words[key]} → {PHIA_LADDER[j]}",
                        build(**changed, observed=evidence_state),
                    )
                )
    out.append(
        (
            "observation e",
            f"{evidence_state} → {not evidence_state}",
            build(**words, observed=not evidence_state),
        )
    )
    return out


def test_flips_find_exactly_the_changes_that_move_the_words() -> None:
    words = {"prior": "realistic possibility", "on_h": "highly likely", "on_not_h": "unlikely"}
    m = lk.Model()
    m.hypothesis("h", prior=words["prior"])
    m.evidence("e", given={"h": words["on_h"], "~h": words["on_not_h"]}, observed=True)
    post = m.infer(draws=20_000, seed=2)
    now = post.describe("h")
    expected = set()
    for label, change, variant in _one_step_variants(words, True):
        answer = lk.describe(variant.infer(draws=20_000, seed=2).probability("h"), scale="phia")
        if not (set(answer.terms) & set(now.terms)):
            expected.add((label, change))
    found = {(r["input"], r["change"]) for r in post.flips("h").info["flips"]}
    assert found == expected and found  # the model was built so that some change flips it


def test_flips_say_none_when_the_answer_is_robust() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.02)
    m.evidence("e", given={"h": 0.5, "~h": 0.5}, observed=True)  # tells nothing about h
    table = m.infer().flips("h")
    assert len(table) == 1  # the observation reversed: a variant exists
    reversed_ = m.copy()
    reversed_.observe("e", False)
    assert table[0]["probability"] == pytest.approx(reversed_.infer().probability("h"), abs=1e-12)
    assert table.info["flips"] == [] and table.title.endswith("none within one step")


def test_value_of_information_matches_observing_each_state() -> None:
    tables = {
        "binary": {"true": (0.9, 0.2), "false": (0.1, 0.8)},
        "several": {"x": (0.6, 0.2), "y": (0.3, 0.3), "z": (0.1, 0.5)},
    }
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    m.evidence("seen", given={"h": 0.7, "~h": 0.4}, observed=True)
    m.evidence("binary", given={"h": 0.9, "~h": 0.2})
    m.evidence(
        "several",
        states=["x", "y", "z"],
        given={"h": {"x": 0.6, "y": 0.3, "z": 0.1}, "~h": {"x": 0.2, "y": 0.3, "z": 0.5}},
    )

    def bayes(p: float, on_h: float, on_not_h: float) -> float:
        return p * on_h / (p * on_h + (1 - p) * on_not_h)

    def entropy(p: float) -> float:
        return -sum(q * math.log2(q) for q in (p, 1 - p) if q > 0)

    now = bayes(0.3, 0.7, 0.4)  # by hand: the prior and the one observation
    table = {r["evidence"]: r for r in m.infer().value_of_information("h")}
    for node, states in tables.items():
        change = gain = 0.0
        for on_h, on_not_h in states.values():
            predictive = now * on_h + (1 - now) * on_not_h
            after = bayes(now, on_h, on_not_h)
            change += predictive * abs(after - now)
            gain += predictive * (entropy(now) - entropy(after))
        assert table[node]["expected change"] == pytest.approx(change, abs=1e-9)
        assert table[node]["information (bits)"] == pytest.approx(gain, abs=1e-9)
    assert list(table) == sorted(table, key=lambda k: -table[k]["information (bits)"])


def test_value_of_information_on_a_several_state_hypothesis() -> None:
    prior = {"a": 0.5, "b": 0.3, "c": 0.2}
    likelihood = {"a": 0.8, "b": 0.4, "c": 0.1}
    m = lk.Model()
    m.hypothesis("x", states=list(prior), prior=prior)
    m.evidence("e", given={f"x={s}": p for s, p in likelihood.items()})
    change = gain = 0.0
    entropy = -sum(p * math.log2(p) for p in prior.values())
    for seen in (True, False):
        joint = {s: prior[s] * (likelihood[s] if seen else 1 - likelihood[s]) for s in prior}
        predictive = sum(joint.values())
        after = {s: v / predictive for s, v in joint.items()}
        change += predictive * 0.5 * sum(abs(after[s] - prior[s]) for s in prior)
        gain += predictive * (entropy + sum(p * math.log2(p) for p in after.values()))
    (row,) = m.infer().value_of_information("x")
    assert row["expected change"] == pytest.approx(change, abs=1e-9)
    assert row["information (bits)"] == pytest.approx(gain, abs=1e-9)


def test_ach_matches_likelihood_ratios_by_hand() -> None:
    prior = {"attack": 0.2, "feint": 0.3, "exercise": 0.5}
    likelihood = {
        "massing": {"attack": 0.9, "feint": 0.6, "exercise": 0.1},
        "leave_cancelled": {"attack": 0.8, "feint": 0.75, "exercise": 0.7},
        "bridging_gear": {"attack": 0.7, "feint": 0.05, "exercise": 0.3},
    }
    m = lk.Model()
    m.hypothesis("intent", states=list(prior), prior=prior)
    for item, table in likelihood.items():
        m.evidence(item, given={f"intent={s}": p for s, p in table.items()}, observed=True)
    result = m.infer().ach()
    assert result.hypotheses == [f"intent={s}" for s in prior]
    score = {s: 0 for s in prior}
    for item, table in likelihood.items():
        for s in prior:
            others = [o for o in prior if o != s]
            against = sum(table[o] * prior[o] for o in others) / sum(prior[o] for o in others)
            ratio = table[s] / against
            assert result.ratios[item][f"intent={s}"] == pytest.approx(ratio, rel=1e-12)
            assert result.likelihoods[item][f"intent={s}"] == pytest.approx(table[s], rel=1e-12)
            log = math.log10(ratio)
            rating = (
                "II"
                if log <= -1
                else "I"
                if log <= -math.log10(2)
                else "C"
                if log >= math.log10(2)
                else "N"
            )
            assert result.ratings[item][f"intent={s}"] == rating
            score[s] += {"I": 1, "II": 2}.get(rating, 0)
        assert result.diagnosticity[item] == pytest.approx(
            math.log10(max(table.values()) / min(table.values()))
        )
    assert result.inconsistency == {f"intent={s}": v for s, v in score.items()}
    assert (
        result.diagnosticity["leave_cancelled"] < 0.1
    )  # consistent with everything: not diagnostic
    ax = m.infer().plot_ach()
    assert [t.get_text() for t in ax.get_yticklabels()] == list(likelihood)


def test_ach_over_overlapping_hypotheses_warns_and_compares_their_joint_states() -> None:
    m = lk.Model()
    m.hypothesis("a", prior=0.5)
    m.hypothesis("b", prior=0.5)
    m.evidence(
        "e", given={"a & b": 0.9, "a & ~b": 0.8, "~a & b": 0.3, "~a & ~b": 0.2}, observed=True
    )
    with pytest.warns(lk.ACHWarning, match="can hold together"):
        result = m.infer().ach(["a", "b"])
    assert result.hypotheses == ["a & b", "a & ~b", "~a & b", "~a & ~b"]
    # by hand: each joint state has prior 1/4, so "against" is the mean of the other three
    assert result.ratios["e"]["a & b"] == pytest.approx(0.9 / ((0.8 + 0.3 + 0.2) / 3), abs=1e-12)
    assert result.ratios["e"]["~a & ~b"] == pytest.approx(0.2 / ((0.9 + 0.8 + 0.3) / 3), abs=1e-12)
    assert result.diagnosticity["e"] == pytest.approx(math.log10(0.9 / 0.2), abs=1e-12)


def test_ach_over_exclusive_binary_hypotheses_adds_none_of_them() -> None:
    m = lk.Model()
    m.hypothesis("a", prior=0.3)
    m.hypothesis("b", given={"a": 0.0, "~a": 0.5})  # never together with a
    m.evidence(
        "e", given={"a & b": 0.5, "a & ~b": 0.8, "~a & b": 0.4, "~a & ~b": 0.1}, observed=True
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", lk.ACHWarning)
        result = m.infer().ach(["a", "b"])
    assert result.hypotheses == ["a", "b", "none of them"]
    # priors: a 0.3, b 0.35, neither 0.35; P(e | a) = 0.8, P(e | b) = 0.4, P(e | none) = 0.1
    assert result.likelihoods["e"]["a"] == pytest.approx(0.8, abs=1e-12)
    assert result.likelihoods["e"]["b"] == pytest.approx(0.4, abs=1e-12)
    against_a = (0.4 * 0.35 + 0.1 * 0.35) / 0.7
    assert result.ratios["e"]["a"] == pytest.approx(0.8 / against_a, abs=1e-12)
    against_b = (0.8 * 0.3 + 0.1 * 0.35) / 0.65
    assert result.ratios["e"]["b"] == pytest.approx(0.4 / against_b, abs=1e-12)


def _joint(network: dict, assignment: dict[str, str]) -> float:
    """P(assignment) in a network of fixed tables, by summing over every configuration."""
    names = list(network)
    total = 0.0
    for config in itertools.product(*(network[n][0] for n in names)):
        state = dict(zip(names, config, strict=True))
        if any(state[k] != v for k, v in assignment.items()):
            continue
        p = 1.0
        for n in names:
            states, parents, table = network[n]
            p *= table[(*(network[q][0].index(state[q]) for q in parents), states.index(state[n]))]
        total += p
    return total


def test_ach_on_the_flagship_compares_exclusive_accounts() -> None:
    model = flagship()
    post = model.infer(draws=20_000, seed=1)
    with pytest.warns(lk.ACHWarning, match="can hold together"):
        result = post.ach()
    # nested hypotheses: only the joint states that can occur, which exclude each other
    assert result.hypotheses == [
        "talks & negotiations & secret_negotiations",
        "talks & negotiations & ~secret_negotiations",
        "talks & ~negotiations & ~secret_negotiations",
        "~talks & ~negotiations & ~secret_negotiations",
    ]
    # Oracle: P(column, e) is multilinear in independent table entries, so its mean over the
    # judgments is the network at the entries' means. The matrix averages over 20,000 prior
    # draws; its Monte Carlo error (about 0.002 in a likelihood, 0.5 % in a prior, over
    # seeds 1-3) is well inside these tolerances.
    network = mean_network(model)
    for label, cond in result.info["columns"].items():
        prior = _joint(network, cond)
        assert result.info["prior"][label] == pytest.approx(prior, rel=0.03)
        for item, state in post.observations.items():
            likelihood = _joint(network, {**cond, item: state}) / prior
            assert result.likelihoods[item][label] == pytest.approx(likelihood, abs=0.01)
        # the last row: all the evidence together, P(column | E)
        evidence = _joint(network, {**cond, **post.observations}) / _joint(
            network, post.observations
        )
        assert result.info["posterior"][label] == pytest.approx(evidence, abs=0.01)
    assert sum(result.info["prior"].values()) == pytest.approx(1.0, abs=1e-12)  # exhaustive


def test_ach_over_exclusive_and_exhaustive_binary_hypotheses_has_no_none_column() -> None:
    m = lk.Model()
    m.hypothesis("a", prior=0.3)
    m.hypothesis("b", given={"a": 0.0, "~a": 1.0})  # b is exactly "not a"
    m.evidence(
        "e", given={"a & b": 0.5, "a & ~b": 0.8, "~a & b": 0.2, "~a & ~b": 0.9}, observed=True
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", lk.ACHWarning)
        result = m.infer().ach(["a", "b"])
    assert result.hypotheses == ["a", "b"]
    # two exhaustive hypotheses: each one's "against" is the other's likelihood
    assert result.ratios["e"]["a"] == pytest.approx(0.8 / 0.2, abs=1e-12)
    assert result.ratios["e"]["b"] == pytest.approx(0.2 / 0.8, abs=1e-12)
    assert result.ratings["e"] == {"a": "C", "b": "I"}


def test_ach_refuses_too_many_joint_states() -> None:
    m = lk.Model()
    names = ["a", "b", "c", "d"]  # independent: 16 joint states can occur
    for name in names:
        m.hypothesis(name, prior=0.5)
    m.evidence("e", given={"a": 0.9, "~a": 0.2}, observed=True)
    with pytest.raises(lk.ModelError, match="16 joint states are too many"):
        m.infer().ach(names)


def test_analysis_errors() -> None:
    m = lk.Model()
    m.hypothesis("x", states=["a", "b"], prior={"a": 0.5, "b": 0.5})
    post = m.infer()
    binary = lk.Model()
    binary.hypothesis("h", prior=0.5)
    binary.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=True)
    with pytest.raises(lk.ModelError, match="binary"):
        binary.infer().ach("h")
    with pytest.raises(lk.ModelError, match="observed evidence"):
        post.ach()


def test_ach_leaves_an_observed_hypothesis_out_of_the_items() -> None:
    m = lk.Model()
    m.hypothesis("actor", states=["a", "b", "c"], prior={"a": 0.3, "b": 0.3, "c": 0.4})
    m.hypothesis("h", prior=0.4)
    m.hypothesis("g", prior=0.3)
    m.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=True)
    m.evidence("f", given={"g": 0.8, "~g": 0.3}, observed=True)
    m.observe("actor", "a")
    with pytest.warns(lk.ACHWarning, match="can hold together"):
        table = m.infer(seed=1).ach(["h", "g"])
    items = table.column(table.columns[0])
    assert "actor" not in items and {"e", "f"} <= set(items)
