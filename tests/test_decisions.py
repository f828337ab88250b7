"""Decisions: expected utilities against pyAgrum's influence diagrams, break-even in closed form.

At fixed numbers, each option's expected utility must be pyAgrum's ``posteriorUtility`` of the
decision (``ShaferShenoyLIMIDInference``) and the value of observing a node in utility must be
the rise in pyAgrum's MEU when that node is known before deciding (an information arc). The
networks are written twice, once for each library, from the same numbers in this file. The
break-even probability must be the closed form for two options and the change points of the
best option on a fine grid of P(h) for more. With words, the band must be the weighted quantiles
of the expected utilities computed here from each draw's P(h | E, θᵢ).
"""

from __future__ import annotations

import itertools
import warnings
from typing import Any

import numpy as np
import pytest
from scipy import optimize

import likelihood as lk

with warnings.catch_warnings():  # SWIG's deprecation warnings while the extension loads
    warnings.simplefilter("ignore", DeprecationWarning)
    gum = pytest.importorskip("pyagrum")
    _ = gum.InfluenceDiagram()

# -- problem 1: the oil wildcatter (Raiffa 1968), a three-state hypothesis ------------------------

OIL = {"dry": 0.5, "wet": 0.3, "soaking": 0.2}
SEISMIC = {  # P(seismic | oil)
    "dry": {"closed": 0.1, "open": 0.3, "diffuse": 0.6},
    "wet": {"closed": 0.3, "open": 0.4, "diffuse": 0.3},
    "soaking": {"closed": 0.5, "open": 0.4, "diffuse": 0.1},
}
DRILL = {"yes": {"dry": -70.0, "wet": 50.0, "soaking": 200.0}, "no": {s: 0.0 for s in OIL}}


def _oil_model() -> lk.Model:
    m = lk.Model()
    m.hypothesis("oil", states=list(OIL), prior=OIL)
    m.evidence(
        "seismic",
        states=["closed", "open", "diffuse"],
        given={f"oil={s}": row for s, row in SEISMIC.items()},
    )
    m.decision(
        "drill",
        options=["yes", "no"],
        utility={"yes": {f"oil={s}": u for s, u in DRILL["yes"].items()}, "no": 0},
    )
    return m


def _oil_agrum(informed: bool) -> Any:
    d = gum.InfluenceDiagram()
    d.addChanceNode(gum.LabelizedVariable("oil", "oil", list(OIL)))
    d.addChanceNode(gum.LabelizedVariable("seismic", "seismic", ["closed", "open", "diffuse"]))
    d.addDecisionNode(gum.LabelizedVariable("drill", "drill", ["yes", "no"]))
    d.addUtilityNode(gum.LabelizedVariable("u", "u", 1))
    d.addArc("oil", "seismic")
    d.addArc("oil", "u")
    d.addArc("drill", "u")
    if informed:
        d.addArc("seismic", "drill")
    d.cpt("oil").fillWith(list(OIL.values()))
    for s, row in SEISMIC.items():
        d.cpt("seismic")[{"oil": s}] = list(row.values())
    for option, row in DRILL.items():
        for s, u in row.items():
            d.utility("u")[{"oil": s, "drill": option}] = u
    return d


def _agrum_utilities(diagram: Any, decision: str, evidence: dict[str, str]) -> tuple[Any, float]:
    ie = gum.ShaferShenoyLIMIDInference(diagram)
    if evidence:
        ie.setEvidence(evidence)
    ie.makeInference()
    eu = ie.posteriorUtility(decision)
    values = np.array(eu.tolist(), dtype=float)
    return values, float(ie.MEU()["mean"])


@pytest.mark.parametrize("seen", [None, "closed", "open", "diffuse"])
def test_oil_expected_utilities_equal_pyagrum(seen: str | None) -> None:
    m = _oil_model()
    evidence = {} if seen is None else {"seismic": seen}
    if seen is not None:
        m.observe("seismic", seen)
    table = m.infer().decide("drill")
    theirs, meu = _agrum_utilities(_oil_agrum(False), "drill", evidence)
    ours = [table.info["expected"][o] for o in ("yes", "no")]
    assert ours == pytest.approx(theirs.tolist(), abs=1e-10)
    assert max(ours) == pytest.approx(meu, abs=1e-10)
    assert table.info["best"] == ("yes" if theirs[0] > theirs[1] else "no")
    # fixed numbers: every draw is the same, the band is a point, the best is best in all
    for row in table.rows:
        assert row["band"][0] == pytest.approx(row["expected utility"], abs=1e-10)
        assert row["band"][1] == pytest.approx(row["expected utility"], abs=1e-10)
    assert table.info["shares"][table.info["best"]] == pytest.approx(1.0)
    # three states of one node: no single break-even probability
    assert table.info["break even"] is None


def test_oil_value_of_the_seismic_test_equals_pyagrum_and_raiffa() -> None:
    table = _oil_model().infer().value_of_information("drill")
    row = next(r for r in table.rows if r["evidence"] == "seismic")
    _, without = _agrum_utilities(_oil_agrum(False), "drill", {})
    _, informed = _agrum_utilities(_oil_agrum(True), "drill", {})
    assert row["value"] == pytest.approx(informed - without, abs=1e-10)
    # by hand (Raiffa): with the test 21 + 11.5 + 0 = 32.5, without it 20
    assert row["value"] == pytest.approx(12.5, abs=1e-10)
    assert row["changes the decision"] == "yes"
    assert row["best if seen"] == {"closed": "yes", "open": "yes", "diffuse": "no"}
    # perfect information on the oil: 0.3·50 + 0.2·200 - 20
    assert table.info["perfect information"] == pytest.approx(35.0, abs=1e-10)


# -- problem 2: two binary hypotheses, three options, two items of evidence ----------------------

H1, H2 = 0.4, 0.3
E1 = {(True, True): 0.9, (True, False): 0.7, (False, True): 0.4, (False, False): 0.05}
E2 = {True: 0.8, False: 0.25}
ACT = {  # utility by (h1, h2)
    "strike": {
        (True, True): 40.0,
        (True, False): 10.0,
        (False, True): -20.0,
        (False, False): -60.0,
    },
    "warn": {(True, True): 15.0, (True, False): 12.0, (False, True): 5.0, (False, False): -5.0},
    "wait": {(True, True): -50.0, (True, False): -10.0, (False, True): 0.0, (False, False): 8.0},
}


def _key(h1: bool, h2: bool) -> str:
    return f"{'' if h1 else '~'}h1 & {'' if h2 else '~'}h2"


def _two_model() -> lk.Model:
    m = lk.Model()
    m.hypothesis("h1", prior=H1)
    m.hypothesis("h2", prior=H2)
    m.evidence("e1", given={_key(a, b): p for (a, b), p in E1.items()})
    m.evidence("e2", given={"h2": E2[True], "~h2": E2[False]})
    m.decision(
        "act",
        options=list(ACT),
        utility={o: {_key(a, b): u for (a, b), u in row.items()} for o, row in ACT.items()},
    )
    return m


def _two_agrum(informed: str | None) -> Any:
    d = gum.InfluenceDiagram()
    for name in ("h1", "h2", "e1", "e2"):
        d.addChanceNode(gum.LabelizedVariable(name, name, ["true", "false"]))
    d.addDecisionNode(gum.LabelizedVariable("act", "act", list(ACT)))
    d.addUtilityNode(gum.LabelizedVariable("u", "u", 1))
    for a, b in [("h1", "e1"), ("h2", "e1"), ("h2", "e2"), ("h1", "u"), ("h2", "u"), ("act", "u")]:
        d.addArc(a, b)
    if informed:
        d.addArc(informed, "act")
    d.cpt("h1").fillWith([H1, 1 - H1])
    d.cpt("h2").fillWith([H2, 1 - H2])
    t = {True: "true", False: "false"}
    for (a, b), p in E1.items():
        d.cpt("e1")[{"h1": t[a], "h2": t[b]}] = [p, 1 - p]
    for b, p in E2.items():
        d.cpt("e2")[{"h2": t[b]}] = [p, 1 - p]
    for option, row in ACT.items():
        for (a, b), u in row.items():
            d.utility("u")[{"h1": t[a], "h2": t[b], "act": option}] = u
    return d


@pytest.mark.parametrize("observed", [{}, {"e1": "true"}, {"e1": "false", "e2": "true"}])
def test_three_options_expected_utilities_equal_pyagrum(observed: dict[str, str]) -> None:
    m = _two_model()
    for name, state in observed.items():
        m.observe(name, state == "true")
    table = m.infer().decide()
    theirs, meu = _agrum_utilities(_two_agrum(None), "act", observed)
    assert [table.info["expected"][o] for o in ACT] == pytest.approx(theirs.tolist(), abs=1e-10)
    assert max(table.info["expected"].values()) == pytest.approx(meu, abs=1e-10)
    assert table.info["break even"] is None  # two nodes


@pytest.mark.parametrize("observed", [{}, {"e1": "true"}])
def test_three_options_value_of_information_equals_pyagrum(observed: dict[str, str]) -> None:
    m = _two_model()
    for name, state in observed.items():
        m.observe(name, state == "true")
    table = m.infer().value_of_information("act")
    _, without = _agrum_utilities(_two_agrum(None), "act", observed)
    for row in table.rows:
        _, informed = _agrum_utilities(_two_agrum(row["evidence"]), "act", observed)
        assert row["value"] == pytest.approx(informed - without, abs=1e-10), row["evidence"]
    assert {r["evidence"] for r in table.rows} == {"e1", "e2"} - set(observed)
    values = [r["value"] for r in table.rows]
    assert values == sorted(values, reverse=True)
    # no observation is worth more than knowing h1 and h2
    assert all(v <= table.info["perfect information"] + 1e-12 for v in values)


# -- break-even ------------------------------------------------------------------------------


def _lines(utilities: dict[str, tuple[float, float]]) -> lk.Model:
    m = lk.Model()
    m.hypothesis("h", prior=0.5)
    m.decision(
        "d",
        options=list(utilities),
        utility={o: {"h": u[0], "~h": u[1]} for o, u in utilities.items()},
    )
    return m


@pytest.mark.parametrize("seed", range(6))
def test_break_even_of_two_options_is_the_closed_form(seed: int) -> None:
    rng = np.random.default_rng(seed)
    while True:
        (a1, a0), (b1, b0) = rng.normal(0, 10, size=(2, 2))
        p_star = (b0 - a0) / ((a1 - a0) - (b1 - b0))
        if 0.02 < p_star < 0.98:
            break
    table = _lines({"a": (a1, a0), "b": (b1, b0)}).infer().decide()
    (even,) = table.info["break even"]
    assert even["probability"] == pytest.approx(p_star, abs=1e-12)
    # the root of the difference of the two lines (scipy)
    root = optimize.brentq(lambda p: (p * a1 + (1 - p) * a0) - (p * b1 + (1 - p) * b0), 0, 1)
    assert even["probability"] == pytest.approx(root, abs=1e-10)
    above = "a" if a1 > b1 else "b"
    assert even["above"] == above and even["below"] == ({"a", "b"} - {above}).pop()


def test_break_even_with_a_dominant_option_is_empty() -> None:
    table = _lines({"a": (5.0, 4.0), "b": (1.0, 2.0)}).infer().decide()
    assert table.info["break even"] == []
    assert "a is best at every P(h)" in table.title


@pytest.mark.parametrize("seed", range(5))
def test_break_even_of_several_options_matches_a_grid(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    names = [f"o{i}" for i in range(5)]
    lines = {n: tuple(rng.normal(0, 10, size=2)) for n in names}
    changes = _lines(lines).infer().decide().info["break even"]
    grid = np.linspace(0, 1, 200_001)
    values = np.array([[p * u1 + (1 - p) * u0 for p in (grid,)][0] for u1, u0 in lines.values()])
    best = values.argmax(axis=0)
    switch = np.flatnonzero(np.diff(best))
    assert len(changes) == len(switch)
    for change, at in zip(changes, switch, strict=True):
        assert change["probability"] == pytest.approx(grid[at], abs=1e-5)
        assert change["below"] == names[best[at]]
        assert change["above"] == names[best[at + 1]]


# -- words and bands ---------------------------------------------------------------------------


def test_words_give_a_band_from_each_draw() -> None:
    m = lk.Model()
    m.hypothesis("h", prior="likely")
    m.evidence("e", given={"h": "probable", "~h": "unlikely"}, observed=True)
    m.decision(
        "act",
        options=["go", "stay"],
        scale=["very bad", "bad", "neutral", "good", "very good"],
        utility={"go": {"h": "very good", "~h": "very bad"}, "stay": "neutral"},
    )
    post = m.infer(draws=4000, seed=5)
    table = post.decide()
    p = np.asarray(post.values("h"))[:, 0]  # P(h | E, θᵢ), per draw
    w = np.asarray(post.weights)
    go = 4 * p + 0 * (1 - p)
    assert table.info["expected"]["go"] == pytest.approx(float(np.sum(w * go)), abs=1e-10)
    assert table.info["expected"]["go"] == pytest.approx(4 * post.probability("h"), abs=1e-10)
    order = np.argsort(go)
    cdf = np.cumsum(w[order])
    low = go[order][np.searchsorted(cdf, 0.05)]
    high = go[order][np.searchsorted(cdf, 0.95)]
    band = table.rows[0]["band"]
    assert band[0] == pytest.approx(low, abs=0.02) and band[1] == pytest.approx(high, abs=0.02)
    assert band[0] < table.info["expected"]["go"] < band[1]
    assert table.info["shares"]["go"] == pytest.approx(float(np.sum(w[go > 2.0])), abs=1e-12)
    assert table.info["break even"] == [{"probability": 0.5, "below": "stay", "above": "go"}]
    assert table.rows[0]["nearest word"] in ("good", "very good")


def test_a_scale_of_numbers_and_options_on_different_nodes() -> None:
    m = lk.Model()
    m.hypothesis("a", prior=0.2)
    m.hypothesis("b", prior=0.7)
    m.decision(
        "d",
        options=["x", "y", "z"],
        scale={"awful": -10, "fine": 1, "great": 6},
        utility={"x": {"a": "great", "~a": "awful"}, "y": {"b": "fine", "~b": "awful"}, "z": 0},
    )
    expected = m.infer().decide().info["expected"]
    assert expected["x"] == pytest.approx(0.2 * 6 - 0.8 * 10)
    assert expected["y"] == pytest.approx(0.7 * 1 - 0.3 * 10)
    assert expected["z"] == 0.0
    assert m.decisions["d"].parents == ("a", "b")


# -- bad input ---------------------------------------------------------------------------------


GO_STAY = ["go", "stay"]
WORDS = ["bad", "good"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"options": ["go"], "utility": {"go": 1}}, lk.OptionError, "two or more"),
        ({"options": ["go", "go"], "utility": {"go": 1}}, lk.OptionError, "listed twice"),
        ({"options": GO_STAY, "utility": {"go": 1}}, lk.ModelError, "'stay'"),
        ({"options": GO_STAY, "utility": {"go": 1, "sty": 0}}, lk.ModelError, "'stay'?"),
        ({"options": GO_STAY, "utility": {"go": {"h": 1}, "stay": 0}}, lk.ConditionError, "~h"),
        ({"options": GO_STAY, "utility": {"go": "good", "stay": 0}}, lk.OptionError, "scale"),
        ({"options": GO_STAY, "utility": {"go": np.nan, "stay": 0}}, lk.OptionError, "finite"),
        (
            {"options": GO_STAY, "utility": {"go": {"x": 1, "~x": 0}, "stay": 0}},
            lk.UnknownNodeError,
            "'x'",
        ),
        (
            {"options": GO_STAY, "scale": WORDS, "utility": {"go": "god", "stay": "bad"}},
            lk.OptionError,
            "'good'?",
        ),
        (
            {"options": GO_STAY, "scale": ["bad"], "utility": {"go": 0, "stay": 0}},
            lk.OptionError,
            "two or more words",
        ),
        (
            {"options": GO_STAY, "utility": {"go": {"h": 1, "h ": 2, "~h": 0}, "stay": 0}},
            lk.ConditionError,
            "same row",
        ),
    ],
)
def test_bad_decisions_are_refused_and_leave_the_model_unchanged(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    with pytest.raises(error, match=None) as caught:
        m.decision("d", **kwargs)
    assert message in str(caught.value)
    assert "decision d" in str(caught.value)
    assert m.decisions == {}


def test_decision_names_are_checked() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    with pytest.raises(lk.ModelError, match="already defined"):
        m.decision("h", options=["a", "b"], utility={"a": 0, "b": 1})
    m.decision("d", options=["a", "b"], utility={"a": 0, "b": 1})
    with pytest.raises(lk.ModelError, match="already defined"):
        m.hypothesis("d", prior=0.5)
    post = m.infer()
    with pytest.raises(lk.ModelError, match="did you mean 'd'"):
        post.decide("dd")
    m.decision("d2", options=["a", "b"], utility={"a": 0, "b": 1})
    with pytest.raises(lk.ModelError, match="name one"):
        m.infer().decide()
    bare = lk.Model()
    bare.hypothesis("h", prior=0.3)
    with pytest.raises(lk.ModelError, match="no decision"):
        bare.infer().decide()


def test_utilities_of_an_observed_node() -> None:
    m = _lines({"a": (10.0, -5.0), "b": (0.0, 0.0)})
    m.evidence("e", given={"h": 0.8, "~h": 0.3}, observed=True)
    m.observe("h", False)
    table = m.infer().decide()
    assert table.info["expected"] == {"a": -5.0, "b": 0.0}
    assert table.info["probability"] == 0.0


def test_joint_states_beyond_the_limit_are_refused() -> None:
    m = lk.Model()
    for i in range(11):
        m.hypothesis(f"h{i}", prior=0.5)
    rows = {
        " & ".join(f"{'' if s else '~'}h{i}" for i, s in enumerate(key)): 1.0
        for key in itertools.product([True, False], repeat=11)
    }
    with pytest.raises(lk.ModelError, match="MAX_ACCOUNTS"):
        m.decision("d", options=["a", "b"], utility={"a": rows, "b": 0})


# -- files, the command line, reports and plots ------------------------------------------------

BRIEF = """\
title = "Brief the ministers?"

[hypothesis.talks]
prior = "realistic possibility"

[evidence.e]
given = { talks = "likely", "~talks" = "unlikely" }
observed = true

[evidence.e2]
given = { talks = "highly likely", "~talks" = "remote chance" }

[decision.brief]
text = "Warn the ministers now, or wait"
options = ["warn ministers", "wait"]
scale = ["very bad", "bad", "neutral", "good", "very good"]

[decision.brief.utility]
"warn ministers" = { talks = "very good", "~talks" = "bad" }
wait = { talks = "very bad", "~talks" = "good" }
"""


def test_a_decision_in_an_analysis_file_round_trips(tmp_path: Any) -> None:
    path = tmp_path / "brief.toml"
    path.write_text(BRIEF, encoding="utf-8")
    m = lk.load(path)
    decision = m.decisions["brief"]
    assert decision.table().tolist() == [[4.0, 1.0], [0.0, 3.0]]
    assert decision.text == "Warn the ministers now, or wait"
    again = tmp_path / "again.toml"
    m.save(again)
    back = lk.load(again)
    assert back.decisions == m.decisions
    first = m.infer(draws=500, seed=2).decide().info["expected"]
    assert back.infer(draws=500, seed=2).decide().info["expected"] == first
    # numbers for words: a scale of numbers is written as a table
    m2 = lk.Model()
    m2.hypothesis("h", prior=0.4)
    m2.decision(
        "d",
        options=["a", "b"],
        scale={"low": -3, "high": 7.5},
        utility={"a": "low", "b": {"h": "high", "~h": -1}},
    )
    m2.save(tmp_path / "numbers.toml")
    assert lk.load(tmp_path / "numbers.toml").decisions == m2.decisions


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('wait = { talks = "very bad", "~talks" = "good" }', "wate = 0"), "'wate' is not"),
        (("scale = [", "scales = ["), "unknown key(s) 'scales'"),
        (('options = ["warn ministers", "wait"]\n', ""), "needs options"),
        (('"~talks" = "good" }', '"~talks" = "fine" }'), "'fine' is not a word"),
        (("[decision.brief]", "[decision.talks]"), "also defined as [hypothesis.talks]"),
    ],
)  # fmt: skip
def test_a_bad_decision_in_a_file_names_the_table_and_line(
    tmp_path: Any, change: tuple[str, str], message: str
) -> None:
    path = tmp_path / "bad.toml"
    text = BRIEF.replace(*change)
    assert text != BRIEF
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lk.ModelFileError) as caught:
        lk.load(path)
    said = str(caught.value)
    assert message in said
    assert "[decision." in said and ", line " in said


def test_the_command_line_and_the_reports_carry_the_decision(tmp_path: Any) -> None:
    import json

    from test_cli import cli_here

    path = tmp_path / "brief.toml"
    path.write_text(BRIEF, encoding="utf-8")
    done = cli_here("run", str(path), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["decisions"]["brief"]
    assert data["best"] == "warn ministers"
    assert data["break_even"] == [
        {"probability": 1 / 3, "below": "wait", "above": "warn ministers"}
    ]
    assert data["value_of_information"][0]["evidence"] == "e2"
    assert data["value_of_information"][0]["best_if_seen"] == {
        "true": "warn ministers",
        "false": "wait",
    }
    text = cli_here("run", str(path))
    assert "Decision brief: Warn the ministers now, or wait" in text.stdout
    assert "Break-even: wait below P(talks) = 0.333, warn ministers above" in text.stdout
    post = lk.load(path).infer(draws=2000, seed=1)
    page = post.report(tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "<h2>Decisions</h2>" in page and "break-even:brief:0.333333" in page


def test_the_posterior_plot_draws_the_break_even() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    m = _lines({"a": (10.0, -5.0), "b": (0.0, 0.0)})  # a above P(h) = 1/3
    post = m.infer()
    for name, at in (("h", 1 / 3), ("h=false", 2 / 3)):
        ax = post.plot(name)
        lines = [ln for ln in ax.lines if (ln.get_gid() or "").startswith("break-even:d:")]
        assert len(lines) == 1
        assert lines[0].get_xdata()[0] == pytest.approx(at)
        texts = [t.get_text().strip() for t in ax.texts]
        assert ("b \u2190" in texts and "\u2192 a" in texts) == (name == "h")
        matplotlib.pyplot.close(ax.figure)


def test_the_node_a_decision_weighs_is_worth_observing_when_it_can_be_observed() -> None:
    m = lk.Model()
    m.hypothesis("talks", prior=0.4)
    m.evidence("leak", given={"talks": 0.8, "~talks": 0.3})
    m.decision("d", options=["x", "z"], utility={"x": 1, "z": {"leak": 3, "~leak": -1}})
    table = m.infer().value_of_information("d")
    # P(leak) = 0.4·0.8 + 0.6·0.3 = 0.5: knowing it, take z (3) if it leaks, else x (1):
    # 0.5·3 + 0.5·1 = 2, against max(1, 0.5·3 - 0.5) = 1 without
    assert table[0]["evidence"] == "leak"
    assert table[0]["value"] == pytest.approx(1.0, abs=1e-12)
    assert table.info["perfect information"] == pytest.approx(1.0, abs=1e-12)


def test_a_decision_cannot_weigh_an_uncertain_observation() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.4)
    m.evidence("e", given={"h": 0.8, "~h": 0.3})
    m.observe("e", likelihood={True: 0.8, False: 0.2})
    with pytest.raises(lk.ModelError, match="uncertain observation of 'e'"):
        m.decision("d", options=["a", "b"], utility={"a": {"e_soft": 1, "~e_soft": 0}, "b": 0.5})
    assert m.decisions == {}
