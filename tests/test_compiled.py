"""The compiled model: work counted, variants that share draws, several-state analyses, seeds.

Every number is checked against an oracle computed here: a model built and inferred
on its own, a closed form, numpy. The draws of a parameter come from a random stream
keyed by the seed and the parameter's label, so a model written with one word changed
draws every parameter exactly as the variant does: the oracle for a variant is that
model, inferred directly.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from _oracle import ROOT, flagship

import likelihood as lk
from likelihood._core import analysis as variants_module
from likelihood._core import compiled as compiled_module
from likelihood._core.analysis import variants
from likelihood._core.evaluation import weighted_quantiles
from likelihood._core.model import enfsi_ratio

# the actor's prior words (and their one-step changes) do not sum to 1: each draw of the table is
# normalised, by design, and the library says so with a NormalisationWarning
pytestmark = pytest.mark.filterwarnings("ignore::likelihood.NormalisationWarning")

EPS = float(np.finfo(np.float64).eps)

PHIA_LADDER = [
    "remote chance",
    "highly unlikely",
    "unlikely",
    "realistic possibility",
    "likely",
    "highly likely",
    "almost certain",
]


def _rounding(draws: int) -> float:
    """How far two sums of the same *draws* terms in [0, 1], taken in another order, may differ.

    The analyses read P(X | E) as one matrix product of the weights and the draws'
    marginals, ``post.probability`` as a dot product per state: the same terms summed in
    another order, so the two may differ by rounding, at most about n·ε (Higham 2002,
    §3.1), but never by Monte Carlo error, since the draws are the same bytes (checked
    where it matters). Seen: a few ε.
    """
    return draws * EPS


def _draw_bytes(values: tuple[np.ndarray, ...]) -> list[bytes]:
    return [np.ascontiguousarray(v).tobytes() for v in values]


def _flagship_with(tmp_path: Path, old: str, new: str) -> lk.Model:
    """The flagship file with one written judgment replaced (it must occur exactly once)."""
    text = (ROOT / "tests" / "data" / "three_conclusions.toml").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "changed.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return lk.load(path)


# -- work counted ------------------------------------------------------------------------------


class _Spy:
    """Counts the junction trees built and the evidence pattern of every batched evaluation.

    Independent of :attr:`CompiledModel.counts`: it wraps the tree's constructor and the
    one method that evaluates draws.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.trees = 0
        self.runs = 0
        self.patterns: set[frozenset[str]] = set()
        tree_class = compiled_module.JunctionTree
        run = compiled_module.CompiledModel.run
        spy = self

        class CountedTree(tree_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                spy.trees += 1
                super().__init__(*args, **kwargs)

        def counted_run(self: Any, values: Any, n: int, observed: Any, **kwargs: Any) -> Any:
            spy.runs += 1
            spy.patterns.add(frozenset(observed))
            return run(self, values, n, observed, **kwargs)

        monkeypatch.setattr(compiled_module, "JunctionTree", CountedTree)
        monkeypatch.setattr(compiled_module.CompiledModel, "run", counted_run)


def test_the_flagship_text_report_triangulates_once_per_evidence_pattern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = _Spy(monkeypatch)
    model = flagship()
    post = model.infer(draws=2000, seed=1)
    assert "What would change my mind" in post.text_report()
    # the observations' pattern; the empty one if the report shows the prior; if it
    # shows each observation's weight of evidence, the observations less that one; and, for
    # the trajectory (how the belief moved as the evidence arrived), each first k of them
    observed = frozenset(model.observations)
    allowed = {observed, frozenset()} | {observed - {name} for name in observed}
    order = list(model.observations)
    allowed |= {frozenset(order[:k]) for k in range(len(order))}
    # the most probable account observes the hypotheses at each of their joint states: one
    # more evidence pattern, the same tree for all of them
    allowed.add(observed | {n for n, x in model.nodes.items() if x.role == "hypothesis"})
    assert observed in spy.patterns <= allowed
    assert spy.trees == len(spy.patterns) == post.compiled.counts["triangulations"]
    assert post.compiled.counts["evaluations"] == spy.runs


def test_compiling_draws_each_parameter_once() -> None:
    model = flagship()
    compiled = model.compile(draws=500, seed=1)
    assert compiled.counts["draws"] == len(model.parameters()) == len(compiled.parameters) == 13
    assert compiled.counts["triangulations"] == compiled.counts["evaluations"] == 0


def test_a_variant_redraws_only_the_parameter_it_changes(tmp_path: Path) -> None:
    base = flagship().compile(draws=2000, seed=3)
    drawn = base.counts["draws"]
    i = base.position("talks")
    variant = base.with_judgment("talks", "likely")
    assert base.counts["draws"] == drawn + 1
    assert all(
        a is b for j, (a, b) in enumerate(zip(variant.values, base.values, strict=True)) if j != i
    )
    # the one redrawn is what a model written with that word draws: the same stream
    oracle = _flagship_with(tmp_path, 'prior = "realistic possibility"', 'prior = "likely"')
    assert _draw_bytes(variant.values) == _draw_bytes(oracle.compile(draws=2000, seed=3).values)
    assert variant.parameters[i].distribution.mean() == lk.judge("likely").mean()
    # held at a quantile: nothing drawn; the others are the same arrays
    k = base.position("no_team | negotiations")
    held = base.held_at(k, 0.05)
    assert held.values[k].tolist() == [lk.judge("unlikely").ppf(0.05)]
    assert all(
        a is b for j, (a, b) in enumerate(zip(held.values, base.values, strict=True)) if j != k
    )
    # an observation changed or removed: nothing drawn, every array the same
    for other in (base.with_observation("decree", False), base.with_observation("decree", None)):
        assert all(a is b for a, b in zip(other.values, base.values, strict=True))
    assert base.counts["draws"] == drawn + 1
    assert base.counts["triangulations"] == base.counts["evaluations"] == 0  # nothing evaluated


def test_a_word_variant_reads_as_written() -> None:
    base = flagship().compile(draws=100, seed=3)
    variant = base.with_judgment("talks", "likely")
    written = {p.label: p.written for p in variant.parameters}
    assert written["talks"] == "likely"


def test_flips_redraw_only_the_words_they_change_and_evaluate_each_variant_once() -> None:
    post = flagship().infer(draws=2000, seed=1)
    counts = post.compiled.counts
    drawn, evaluated = counts["draws"], counts["evaluations"]
    table = post.flips("negotiations")
    words = [r for r in table if not r["input"].startswith("observation ")]
    # by hand, one step along each written scale for every judgment that can move negotiations
    # (not those of secret_negotiations, a barren leaf; the number 0.0 has no step):
    # talks 2, negotiations | talks 2, exchanges | talks 1 (almost certain: top), exchanges |
    # ~talks 1 (remote chance: bottom), preconditions 2 + 1, no_team 2 + 1, the decree's
    # "weak support" 1 (the ENFSI scale's first band), the reporter's grade F 1 (F → E)
    assert len(words) == 2 + 2 + 1 + 1 + 2 + 1 + 2 + 1 + 1 + 1 == 14
    assert len(table) - len(words) == len(post.observations) == 5  # each observation reversed
    assert counts["draws"] - drawn == len(words)
    assert counts["evaluations"] - evaluated <= len(table) + 1
    assert not any(r["input"].startswith("secret_negotiations") for r in table)
    # each variant shares every array but the one it changes (none for an observation)
    base = post.compiled
    for what, _, variant in variants(base, "negotiations"):
        changed = [j for j, v in enumerate(variant.values) if v is not base.values[j]]
        assert len(changed) == (0 if what.startswith("observation ") else 1), what


def test_a_strength_variant_is_drawn_and_evaluated_once() -> None:
    m = lk.Model()
    m.hypothesis("h", prior="likely")
    m.evidence("e", supports="h", strength="weak support", observed=True)
    compiled = m.compile(draws=1000, seed=0)
    first, second = enfsi_ratio("moderate support"), enfsi_ratio("moderate support")
    compiled.with_judgment("e: strength", first, written="moderate support").answer()
    before = (compiled.counts["draws"], compiled.counts["evaluations"])
    compiled.with_judgment("e: strength", second, written="moderate support").answer()
    assert (compiled.counts["draws"], compiled.counts["evaluations"]) == before


@pytest.mark.parametrize(
    "analysis", ["sensitivity", "attribution", "value_of_information", "flips", "ach"]
)
def test_a_second_call_of_an_analysis_costs_no_evaluation(analysis: str) -> None:
    post = flagship().infer(draws=1000, seed=2)
    counts = post.compiled.counts
    run = getattr(post, analysis)
    args = (["talks", "negotiations"],) if analysis == "ach" else ("negotiations",)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lk.ACHWarning)
        first = run(*args)
        before = (counts["evaluations"], counts["draws"], counts["triangulations"])
        second = run(*args)
    assert (counts["evaluations"], counts["draws"], counts["triangulations"]) == before
    assert list(second) == list(first)


def test_a_variant_that_cannot_reach_the_target_gives_the_baseline() -> None:
    # secret_negotiations is an unobserved leaf: its judgments cannot move any other node.
    # Its table still enters the junction tree, where its message sums to 1 only up to
    # rounding: the answers agree to a few ε (seen: 0 or ε/2), not always bit for bit.
    compiled = flagship().compile(draws=2000, seed=5)
    base = compiled.answer()
    assert base is not None
    barren = "secret_negotiations | negotiations"
    variants = [
        compiled.with_judgment(barren, "likely"),
        compiled.with_judgment(barren, "remote chance"),
        compiled.held_at(barren, 0.05),
        compiled.held_at(barren, 0.95),
    ]
    for variant in variants:
        after = variant.answer()
        assert after is not None
        for node in ("talks", "negotiations"):
            np.testing.assert_allclose(after[node], base[node], rtol=0, atol=4 * EPS)
        assert not np.allclose(after["secret_negotiations"], base["secret_negotiations"])


# -- a hypothesis of three states written in words ---------------------------------------------

STATES = ["state", "proxy", "criminal"]
PRIOR = {"state": "realistic possibility", "proxy": "unlikely", "criminal": "unlikely"}
ITEMS = {
    "tooling": {"state": "likely", "proxy": "likely", "criminal": "unlikely"},
    "ransom": {"state": "highly unlikely", "proxy": "unlikely", "criminal": "likely"},
    "leak": {"state": "unlikely", "proxy": "realistic possibility", "criminal": "unlikely"},
}
SEEN = {"tooling": True, "ransom": False, "leak": True}
DRAWS, SEED = 4000, 3


def _actor(
    prior: dict[str, Any] = PRIOR,
    items: dict[str, dict[str, Any]] = ITEMS,
    seen: dict[str, bool | None] = SEEN,
) -> lk.Model:
    m = lk.Model(title="Who is behind it?")
    m.hypothesis("actor", states=STATES, prior=prior)
    for item, table in items.items():
        m.evidence(item, given={f"actor={s}": w for s, w in table.items()}, observed=seen[item])
    return m


def _one_step_oracles() -> list[tuple[str, str, lk.Model]]:
    """Every one-step change of the actor model, each written as a model of its own."""
    out = []
    for s, word in PRIOR.items():
        i = PHIA_LADDER.index(word)
        for j in (i - 1, i + 1):
            if 0 <= j < len(PHIA_LADDER):
                changed = dict(PRIOR, **{s: PHIA_LADDER[j]})
                out.append((f"actor: {s}", f"{word} → {PHIA_LADDER[j]}", _actor(prior=changed)))
    for item, table in ITEMS.items():
        for s, word in table.items():
            i = PHIA_LADDER.index(word)
            for j in (i - 1, i + 1):
                if 0 <= j < len(PHIA_LADDER):
                    items = dict(ITEMS, **{item: dict(table, **{s: PHIA_LADDER[j]})})
                    label = f"{item} | actor={s}"
                    out.append((label, f"{word} → {PHIA_LADDER[j]}", _actor(items=items)))
    for item, value in SEEN.items():
        seen = dict(SEEN, **{item: not value})
        out.append((f"observation {item}", f"{value} → {not value}", _actor(seen=seen)))
    return out


def _flips(before: lk.Description, after: lk.Description) -> bool:
    """The definition of docs/analysis.md: the new words share no term with the current ones."""
    if str(before) == str(after):
        return False
    return not ((set(before.terms) or {str(before)}) & (set(after.terms) or {str(after)}))


def test_flips_step_every_word_of_a_several_state_prior_against_models_of_their_own() -> None:
    post = _actor().infer(draws=DRAWS, seed=SEED)
    table = post.flips("actor")
    assert table.columns[:3] == ["state", "input", "change"]
    rows = {(r["state"], r["input"], r["change"]): r for r in table}
    oracles = _one_step_oracles()
    # the table holds exactly these changes, one row per state each
    assert set(rows) == {(s, label, change) for label, change, _ in oracles for s in STATES}
    assert len(table) == len(rows) == 3 * len(oracles)
    now = {s: lk.describe(p, scale="phia") for s, p in post.probability("actor").items()}
    prior_flips = []
    for label, change, model in oracles:
        direct = model.infer(draws=DRAWS, seed=SEED)
        for s, p in direct.probability("actor").items():
            row = rows[(s, label, change)]
            # the same draws for every parameter: the numbers agree but for rounding
            assert row["probability"] == pytest.approx(p, abs=_rounding(DRAWS))
            words = lk.describe(p, scale="phia")
            assert row["words"] == str(words)
            assert row["flips"] == _flips(now[s], words)
            if label.startswith("actor: ") and _flips(now[s], words):
                prior_flips.append((s, label, change))
    # the model was written so that a change of its prior words flips the answer
    assert ("proxy", "actor: proxy", "unlikely → highly unlikely") in prior_flips
    assert {(r["state"], r["input"], r["change"]) for r in table.info["flips"]} >= set(prior_flips)


def test_flips_of_a_several_state_node_cost_one_evaluation_per_variant() -> None:
    post = _actor().infer(draws=DRAWS, seed=SEED)
    counts = post.compiled.counts
    evaluated, drawn = counts["evaluations"], counts["draws"]
    post.flips("actor")
    oracles = _one_step_oracles()
    words = [o for o in oracles if not o[0].startswith("observation ")]
    assert counts["draws"] - drawn == len(words)
    assert counts["evaluations"] - evaluated <= len(oracles) + 1
    assert counts["triangulations"] == 1


def test_sensitivity_of_a_several_state_node_has_a_row_per_judgment_and_state() -> None:
    # "ransom" unobserved: its judgments are barren, left out
    seen: dict[str, bool | None] = dict(SEEN, ransom=None)
    post = _actor(seen=seen).infer(draws=DRAWS, seed=SEED)
    table = post.sensitivity("actor")
    assert table.columns[0] == "state"
    labels = [f"actor: {s}" for s in STATES] + [
        f"{item} | actor={s}" for item in ("tooling", "leak") for s in STATES
    ]
    pairs = [(r["judgment"], r["state"]) for r in table]
    assert sorted(pairs) == sorted((label, s) for label in labels for s in STATES)
    # oracle: the judgment written as the number at its percentile, in a model of its own
    for q, column in ((0.05, "at 5th percentile"), (0.95, "at 95th percentile")):
        for label in labels:
            if label.startswith("actor: "):
                s = label.removeprefix("actor: ")
                model = _actor(prior=dict(PRIOR, **{s: lk.judge(PRIOR[s]).ppf(q)}), seen=seen)
            else:
                item, s = label.split(" | actor=")
                held = dict(ITEMS[item], **{s: lk.judge(ITEMS[item][s]).ppf(q)})
                model = _actor(items=dict(ITEMS, **{item: held}), seen=seen)
            direct = model.infer(draws=DRAWS, seed=SEED).probability("actor")
            for row in (r for r in table if r["judgment"] == label):
                assert row[column] == pytest.approx(direct[row["state"]], abs=_rounding(DRAWS))


# -- value of information by hand ----------------------------------------------------------------


def _entropy(p: list[float]) -> float:
    return -sum(x * math.log2(x) for x in p if x > 0)


def test_value_of_information_for_one_state_and_for_the_whole_node_by_hand() -> None:
    prior = {"state": 0.5, "proxy": 0.3, "criminal": 0.2}
    seen = {"state": 0.7, "proxy": 0.4, "criminal": 0.2}  # observed true
    intercept = {"state": 0.6, "proxy": 0.3, "criminal": 0.05}  # not yet observed
    m = lk.Model()
    m.hypothesis("actor", states=STATES, prior=prior)
    m.evidence("seen", given={f"actor={s}": p for s, p in seen.items()}, observed=True)
    m.evidence("intercept", given={f"actor={s}": p for s, p in intercept.items()})
    post = m.infer()

    # Bayes by hand: P(actor | seen), then for each answer x of the intercept
    joint = {s: prior[s] * seen[s] for s in STATES}
    now = {s: joint[s] / sum(joint.values()) for s in STATES}
    outcomes = []
    for x in (True, False):
        like = {s: intercept[s] if x else 1 - intercept[s] for s in STATES}
        predictive = sum(now[s] * like[s] for s in STATES)
        after = {s: now[s] * like[s] / predictive for s in STATES}
        outcomes.append((predictive, after))

    # the event {actor = proxy}: expected |change| and I(intercept; event) in bits
    change = sum(p * abs(after["proxy"] - now["proxy"]) for p, after in outcomes)
    # the mutual information from its definition, Σ P(x, a) log2 P(x, a) / (P(x) P(a))
    info = 0.0
    for predictive, after in outcomes:
        for in_event in (True, False):
            p_a = now["proxy"] if in_event else 1 - now["proxy"]
            p_a_x = after["proxy"] if in_event else 1 - after["proxy"]
            info += predictive * p_a_x * math.log2(p_a_x / p_a)
    (row,) = post.value_of_information("actor=proxy")
    assert row["evidence"] == "intercept"
    assert row["expected change"] == pytest.approx(change, abs=1e-12)
    assert row["information (bits)"] == pytest.approx(info, abs=1e-12)
    # the same by the entropy difference
    entropy_form = _entropy([now["proxy"], 1 - now["proxy"]]) - sum(
        p * _entropy([after["proxy"], 1 - after["proxy"]]) for p, after in outcomes
    )
    assert info == pytest.approx(entropy_form, abs=1e-12)

    # the whole node: expected total-variation change and I(intercept; actor)
    change = sum(p * 0.5 * sum(abs(after[s] - now[s]) for s in STATES) for p, after in outcomes)
    info = sum(p * after[s] * math.log2(after[s] / now[s]) for p, after in outcomes for s in STATES)
    (row,) = post.value_of_information("actor")
    assert row["expected change"] == pytest.approx(change, abs=1e-12)
    assert row["information (bits)"] == pytest.approx(info, abs=1e-12)
    assert "whole of actor" in post.value_of_information("actor").title


# -- the same draws everywhere ---------------------------------------------------------------------


def test_a_query_answers_exactly_as_the_full_run() -> None:
    model = flagship()
    full = model.infer(draws=3000, seed=11)
    for name in model.nodes:
        part = model.infer(draws=3000, seed=11, query=[name])
        assert part.nodes == (name,)
        assert part.probability(name) == full.probability(name)
        assert part.interval(name) == full.interval(name)
        assert part.mcse(name) == full.mcse(name)


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_draws() -> None:
    model = flagship()
    a, b = model.compile(draws=1000, seed=7), model.compile(draws=1000, seed=7)
    assert _draw_bytes(a.values) == _draw_bytes(b.values)
    answer_a, answer_b = a.answer(), b.answer()
    assert answer_a is not None and answer_b is not None
    assert all(answer_a[n].tobytes() == answer_b[n].tobytes() for n in model.nodes)
    c = model.compile(draws=1000, seed=8)
    for p, x, y in zip(a.parameters, a.values, c.values, strict=True):
        assert np.array_equal(x, y) == p.is_fixed, p.label
    post = model.infer(draws=1000, seed=8)
    assert post.probability("negotiations") != model.infer(draws=1000, seed=7).probability(
        "negotiations"
    )


def test_without_a_seed_the_run_keeps_one_that_repeats_it() -> None:
    model = flagship()
    assert model.seed is None
    first = model.infer(draws=1000)
    assert isinstance(first.seed, int) and not isinstance(first.seed, bool)
    again = model.infer(draws=1000, seed=first.seed)
    assert _draw_bytes(first.evaluation.values) == _draw_bytes(again.evaluation.values)
    assert first.to_dict() == again.to_dict()
    other = model.infer(draws=1000)
    assert other.seed != first.seed  # fresh entropy each time (a clash is 1 in 2**63)


# -- the weighted-draw arithmetic ------------------------------------------------------------------


def test_weighted_quantiles_with_equal_weights_are_numpys_hazen_quantiles(
    rng: np.random.Generator,
) -> None:
    levels = [0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0]
    for n in (1, 2, 7, 100, 1001):
        values = rng.beta(2.0, 5.0, size=n)
        weights = np.full(n, 1.0 / n)
        expected = np.quantile(values, levels, method="hazen")
        np.testing.assert_allclose(
            weighted_quantiles(values, weights, levels), expected, rtol=0, atol=1e-12
        )


def test_monte_carlo_error_is_the_delta_method_formula() -> None:
    post = _actor().infer(draws=DRAWS, seed=SEED)
    ev = post.evaluation
    w = ev.weights
    errors = post.mcse("actor")
    for i, s in enumerate(STATES):
        v = ev.marginals["actor"][:, i]
        mean = float(np.sum(w * v))
        expected = math.sqrt(float(np.sum(w**2 * (v - mean) ** 2)))
        assert errors[s] == pytest.approx(expected, rel=1e-12)
    assert post.mcse("actor=proxy") == errors["proxy"]
    assert post.mcse("tooling") == 0.0  # observed


def test_the_reported_monte_carlo_error_is_calibrated_over_seeds() -> None:
    # the spread over seeds of the coherent estimate is what the reported MCSE claims
    m = lk.Model()
    m.hypothesis("h", prior="realistic possibility")
    m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
    m.evidence("f", given={"h": "highly likely", "~h": "realistic possibility"}, observed=True)
    estimates, errors = [], []
    for seed in range(40):
        post = m.infer(draws=400, seed=seed)
        estimates.append(post.probability("h"))
        errors.append(post.mcse("h"))
    # with 40 seeds the sample SD is itself uncertain by about 1/sqrt(2 · 39) ≈ 11 %
    ratio = float(np.std(estimates, ddof=1) / np.mean(errors))
    assert 0.6 <= ratio <= 1.6, ratio


def test_each_analysis_costs_at_most_one_evaluation_per_variant_and_the_baseline() -> None:
    post = flagship().infer(draws=2000, seed=4)
    counts = post.compiled.counts
    c = post.compiled
    relevant = [
        j
        for j in variants_module.relevant_parameters(c, "negotiations")
        if not c.parameters[j].is_fixed
    ]
    before = counts["evaluations"]
    post.sensitivity("negotiations")  # each judgment at two percentiles, and the baseline
    assert counts["evaluations"] - before <= 2 * len(relevant) + 1
    before = counts["evaluations"]
    post.value_of_information("negotiations")  # nothing left unobserved: the baseline only
    assert counts["evaluations"] - before <= 1
    before = counts["evaluations"]
    table = post.attribution("negotiations")  # the two samples, then one per judgment
    assert counts["evaluations"] - before <= len(table) + 2
