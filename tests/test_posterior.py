"""Posterior: words and confidence, contributions, tables and JSON."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest

import likelihood as lk
from likelihood._core.posterior import confidence


@pytest.mark.parametrize(
    ("scale", "lo", "hi", "level"),
    [
        ("phia", 0.12, 0.18, "high"),  # inside highly unlikely
        ("phia", 0.21, 0.24, "high"),  # inside the gap between two terms
        ("phia", 0.15, 0.30, "moderate"),  # highly unlikely and unlikely
        ("phia", 0.10, 0.70, "low"),
        ("icd203", 0.50, 0.50, "high"),
        ("icd203", 0.50, 0.60, "moderate"),
        ("ipcc", 0.92, 0.999, "low"),  # very likely, extremely likely, virtually certain
        ("kent", 0.65, 0.85, "high"),
    ],
)
def test_confidence_counts_the_terms_the_band_reaches(
    scale: str, lo: float, hi: float, level: str
) -> None:
    assert confidence(lk.scale(scale), lo, hi) == level


def test_describe_carries_words_confidence_and_band() -> None:
    m = lk.Model()
    m.hypothesis("h", prior="unlikely")
    post = m.infer(draws=5000, seed=2)
    d = post.describe("h")
    assert d == lk.describe(post.probability("h"), scale="phia")
    assert d.interval == post.interval("h") and d.confidence == "high"
    wide = lk.Model()
    wide.hypothesis("h", prior=(0.05, 0.95))
    assert wide.infer(draws=5000, seed=2).describe("h").confidence == "low"


def test_confidence_of_no_band_is_unknown() -> None:
    phia = lk.scale("phia")
    assert confidence(phia, math.nan, math.nan) == "unknown"
    assert confidence(phia, 0.2, math.nan) == "unknown"


def _words_model() -> lk.Model:
    m = lk.Model()
    m.hypothesis("h", prior="likely")
    m.evidence("e", given={"h": "highly likely", "~h": "unlikely"}, observed=True)
    return m


@pytest.mark.parametrize("draws", [1, 5, 99])
def test_too_few_draws_give_no_band_and_say_so(draws: int) -> None:
    m = _words_model()
    with pytest.warns(
        lk.EffectiveSampleSizeWarning, match=rf"only {draws} draws? of the uncertain judgments"
    ) as caught:
        post = m.infer(draws=draws, seed=1)
    message = str(caught[0].message)
    assert "100 effective draws" in message and "confidence is 'unknown'" in message
    assert caught[0].filename == __file__  # attributed to the caller's line
    assert 0.0 < post.probability("h") < 1.0  # the estimate itself is still given
    assert math.isnan(post.mcse("h"))  # cannot be estimated: never a false 0
    lo, hi = post.interval("h")
    assert math.isnan(lo) and math.isnan(hi)
    d = post.describe("h")
    assert d.confidence == "unknown" and math.isnan(d.interval[0]) and math.isnan(d.interval[1])
    assert d == lk.describe(post.probability("h"))  # the words of the estimate
    # an observed node stays observed, exactly
    assert post.mcse("e") == 0.0 and post.describe("e").confidence == "high"


def test_one_hundred_effective_draws_have_a_band() -> None:
    m = lk.Model()
    m.hypothesis("h", prior="likely")  # no evidence: every draw has the same weight
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        post = m.infer(draws=100, seed=1)
    assert post.ess == pytest.approx(100)
    lo, hi = post.interval("h")
    assert 0 < lo < hi < 1 and post.mcse("h") > 0
    assert post.describe("h").confidence in ("high", "moderate", "low")


def test_surprising_evidence_gives_no_band_either() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=1.0)
    for i in range(24):  # P(E | θ) = Π θᵢ: the weight gathers on a few draws
        m.evidence(f"e{i}", given={"h": (0.0, 1.0), "~h": 0.5}, observed=True)
    with pytest.warns(lk.EffectiveSampleSizeWarning, match="draws carry the posterior weight"):
        post = m.infer(draws=5000, seed=1)
    assert post.ess < 100
    assert math.isnan(post.mcse("h")) and post.describe("h").confidence == "unknown"
    assert all(math.isnan(x) for x in post.interval("h"))


def test_exact_models_keep_an_exact_band_and_no_error() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    m.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        post = m.infer(draws=1, seed=1)
    p = post.probability("h")
    assert post.mcse("h") == 0.0 and post.interval("h") == (p, p)
    assert post.describe("h").confidence == "high"


def test_mcse_is_the_delta_method_formula_of_the_weights() -> None:
    post = _words_model().infer(draws=4000, seed=3)
    w, v = post.weights, post.values("h")[:, 0]
    p = float(np.dot(w, v))
    assert post.probability("h") == pytest.approx(p, abs=1e-12)  # the same sum in another order
    expected = math.sqrt(float(np.sum(w**2 * (v - p) ** 2)))
    assert post.mcse("h") == pytest.approx(expected, rel=1e-12)
    # centred on the weighted mean, not the unweighted one
    unweighted = math.sqrt(float(np.sum(w**2 * (v - v.mean()) ** 2)))
    assert abs(post.mcse("h") - unweighted) > 1e-6


def test_several_state_nodes_answer_per_state() -> None:
    m = lk.Model()
    m.hypothesis("x", states=["a", "b"], prior={"a": 0.12, "b": 0.88})
    post = m.infer()
    assert post.probability("x") == pytest.approx({"a": 0.12, "b": 0.88})
    words = post.describe("x")
    assert words == {"a": "highly unlikely", "b": "highly likely"}
    assert post.mcse("x") == {"a": 0.0, "b": 0.0}
    assert post.describe("x=a") == "highly unlikely"


def test_observed_nodes_read_as_observed() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    m.evidence("e", given={"h": 0.6, "~h": 0.3}, observed=False)
    post = m.infer()
    assert post.probability("e") == 0.0 and post.mcse("e") == 0.0
    assert post.describe("e") == "observed otherwise"


def test_contributions_are_leave_one_out_log_odds_changes() -> None:
    # h with two dependent items of evidence: e2 depends on e1 through g
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    m.hypothesis("g", given={"h": 0.7, "~h": 0.2})
    m.evidence("e1", given={"g": 0.9, "~g": 0.3}, observed=True)
    m.evidence(
        "e2", given={"g & h": 0.8, "g & ~h": 0.5, "~g & h": 0.4, "~g & ~h": 0.1}, observed=True
    )
    post = m.infer()

    def posterior_h(observed: set[str]) -> float:
        total = {True: 0.0, False: 0.0}
        for h in (True, False):
            for g in (True, False):
                p = (0.3 if h else 0.7) * ((0.7 if h else 0.2) if g else (0.3 if h else 0.8))
                if "e1" in observed:
                    p *= 0.9 if g else 0.3
                if "e2" in observed:
                    p *= {
                        (True, True): 0.8,
                        (True, False): 0.5,
                        (False, True): 0.4,
                        (False, False): 0.1,
                    }[(g, h)]
                total[h] += p
        return total[True] / (total[True] + total[False])

    def log_odds(p: float) -> float:
        return math.log10(p / (1 - p))

    full = posterior_h({"e1", "e2"})
    expected = {
        "e1": log_odds(full) - log_odds(posterior_h({"e2"})),
        "e2": log_odds(full) - log_odds(posterior_h({"e1"})),
    }
    got = post.contributions("h")
    assert got == pytest.approx(expected, abs=1e-12)


def test_contributions_of_independent_evidence_are_their_likelihood_ratios() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.4)
    m.evidence("e1", given={"h": 0.9, "~h": 0.3}, observed=True)
    m.evidence("e2", given={"h": 0.2, "~h": 0.5}, observed=True)
    m.evidence("e3", supports="~h", strength=20.0, observed=True)
    got = m.infer().contributions("h")
    assert got == pytest.approx(
        {"e1": math.log10(3), "e2": math.log10(0.4), "e3": -math.log10(20)}, abs=1e-12
    )


def test_contributions_for_a_state() -> None:
    m = lk.Model()
    m.hypothesis("x", states=["a", "b", "c"], prior={"a": 0.2, "b": 0.3, "c": 0.5})
    m.evidence("e", given={"x=a": 0.9, "x=b": 0.1, "x=c": 0.1}, observed=True)
    post = m.infer()
    p = post.probability("x=a")
    assert post.contributions("x=a") == {
        "e": pytest.approx(math.log10(p / (1 - p)) - math.log10(0.2 / 0.8))
    }
    per_state = post.contributions("x")["e"]
    assert set(per_state) == {"a", "b", "c"} and per_state["a"] > 0 > per_state["b"]


def test_to_dict_is_the_json_contract() -> None:
    m = lk.Model(title="t")
    m.hypothesis("h", prior="likely")
    m.hypothesis("x", states=["a", "b"], prior={"a": 0.3, "b": 0.7})
    m.evidence("e", given={"h": 0.8, "~h": 0.4}, observed=True)
    data = json.loads(json.dumps(m.infer(draws=2000, seed=3).to_dict()))
    assert data["title"] == "t" and data["scale"] == "phia" and data["method"] == "exact"
    assert data["draws"] == 2000 and data["seed"] == 3 and data["effective_draws"] > 1000
    h, x = data["nodes"]["h"], data["nodes"]["x"]
    assert isinstance(h["probability"], float) and len(h["interval"]) == 2
    assert h["interval"][0] <= h["probability"] <= h["interval"][1]
    assert x["probability"] == pytest.approx({"a": 0.3, "b": 0.7}) and x["interval"]["a"] == [
        0.3,
        0.3,
    ]
    assert data["nodes"]["e"]["observed"] is True and data["observed"] == {"e": True}


def test_summary_formats() -> None:
    m = lk.Model(title="<b>title</b>")
    m.hypothesis("h", prior=0.3)
    post = m.infer()
    text = post.summary()
    assert text.splitlines()[0].startswith("<b>title</b> — scale phia, exact engine, 1 draw")
    assert "| h | hypothesis | 0.300 |" in post.summary("markdown")
    html = post.summary("html")
    assert "&lt;b&gt;title&lt;/b&gt;" in html and "<b>title" not in html
    with pytest.raises(lk.OptionError):
        post.summary("pdf")


def test_weights_and_repr() -> None:
    m = lk.Model()
    m.hypothesis("h", prior="likely")
    m.evidence("e", given={"h": "highly likely", "~h": "unlikely"}, observed=True)
    post = m.infer(draws=1000, seed=1)
    assert post.weights.shape == (1000,) and post.weights.sum() == pytest.approx(1.0)
    assert np.all(post.weights > 0)
    assert repr(post).startswith("Posterior(1000 draws: h 0.")
