"""Building models: the condition grammar, validation at the boundary, introspection."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pytest
from scipy import stats

import likelihood as lk
from likelihood._core.conditions import parse_condition


def _base() -> lk.Model:
    m = lk.Model()
    m.hypothesis("talks", prior="likely")
    m.hypothesis(
        "intent",
        states=["attack", "feint", "exercise"],
        prior={"attack": 0.2, "feint": 0.3, "exercise": 0.5},
    )
    return m


# -- the grammar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", ["a"]),
        ("~a", ["~a"]),
        ("  a&~b ", ["a", "~b"]),
        ("intent=attack & talks", ["intent=attack", "talks"]),
        ("x = Asy/Patch & y=>=7.5", ["x=Asy/Patch", "y=>=7.5"]),
        ("n1.b-c_d", ["n1.b-c_d"]),
    ],
)
def test_conditions_parse(text: str, expected: list[str]) -> None:
    assert [str(lit) for lit in parse_condition(text)] == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "non-empty"),
        ("a & & b", "empty part"),
        ("a &", "empty part"),
        ("1a", "not a node name"),
        ("~intent=attack", "'~' negates a binary node"),
        ("intent=", "no state after"),
        ("a & a", "names the node 'a' twice"),
        ("a | b", "not a node name"),
    ],
)
def test_malformed_conditions_are_named(text: str, message: str) -> None:
    with pytest.raises(lk.ConditionError, match=message):
        parse_condition(text)


def test_conditions_are_never_evaluated() -> None:
    m = _base()
    with pytest.raises(lk.ConditionError):
        m.hypothesis("x", given={"__import__('os').system('true')": 0.5})


# -- validation at the boundary ----------------------------------------------------------------

CASES: list[tuple[str, Callable[[lk.Model], object], type[Exception], tuple[str, ...]]] = [
    (
        "unknown parent",
        lambda m: m.hypothesis("x", given={"tlaks": 0.5, "~tlaks": 0.1}),
        lk.UnknownNodeError,
        ("x, given['tlaks']", "no node 'tlaks'", "did you mean 'talks'"),
    ),
    (
        "missing row",
        lambda m: m.hypothesis("x", given={"talks": 0.5}),
        lk.ConditionError,
        ("x: given has no row for '~talks'",),
    ),
    (
        "row missing a parent",
        lambda m: m.hypothesis("x", given={"talks & intent=attack": 0.5, "~talks": 0.1}),
        lk.ConditionError,
        ("gives no state for the parent(s) intent",),
    ),
    (
        "duplicate row",
        lambda m: m.hypothesis(
            "x", given={"talks & intent=attack": 0.5, "intent=attack & talks": 0.4}
        ),
        lk.ConditionError,
        ("'talks & intent=attack' and 'intent=attack & talks' are the same row",),
    ),
    (
        "state not in states",
        lambda m: m.hypothesis(
            "x", given={f"intent={s}": 0.1 for s in ("attack", "feint", "retreat")}
        ),
        lk.StateError,
        ("'retreat' is not a state of 'intent'", "attack, feint, exercise"),
    ),
    (
        "binary form on several states",
        lambda m: m.hypothesis("x", given={"intent": 0.1, "~intent": 0.2}),
        lk.ConditionError,
        ("'intent' has the states", "write intent=STATE"),
    ),
    (
        "probability above 1 in a row",
        lambda m: m.hypothesis("x", given={"talks": 1.7, "~talks": 0.1}),
        lk.ProbabilityError,
        ("x, given['talks']", "[0, 1]", "1.7"),
    ),
    (
        "unknown word in a prior",
        lambda m: m.hypothesis("x", prior="probabl"),
        lk.UnknownTermError,
        ("x, prior", "'probabl'", "closest: 'probable'"),
    ),
    (
        "table missing a state",
        lambda m: m.hypothesis("x", states=["a", "b"], prior={"a": 0.5}),
        lk.StateError,
        ("no probability for 'b'",),
    ),
    (
        "table with an unknown state",
        lambda m: m.hypothesis("x", states=["a", "b"], prior={"a": 0.5, "b": 0.2, "c": 0.3}),
        lk.StateError,
        ("'c' is not a state of this node",),
    ),
    (
        "table that cannot be normalised",
        lambda m: m.hypothesis("x", states=["a", "b"], prior={"a": 0, "b": 0.0}),
        lk.ProbabilityError,
        ("cannot be normalised", "every state has probability 0"),
    ),
    (
        "a single state",
        lambda m: m.hypothesis("x", states=["a"], prior={"a": 1}),
        lk.StateError,
        ("two or more",),
    ),
    (
        "state listed twice",
        lambda m: m.hypothesis("x", states=["a", "a"], prior={"a": 1}),
        lk.StateError,
        ("listed twice",),
    ),
    (
        "prior and given",
        lambda m: m.hypothesis("x", prior=0.3, given={"talks": 0.1, "~talks": 0.2}),
        lk.ModelError,
        ("either prior", "not both"),
    ),
    ("neither prior nor given", lambda m: m.hypothesis("x"), lk.ModelError, ("needs prior=",)),
    (
        "duplicate name",
        lambda m: m.hypothesis("talks", prior=0.3),
        lk.ModelError,
        ("'talks' is already defined",),
    ),
    (
        "invalid name",
        lambda m: m.hypothesis("two words", prior=0.3),
        lk.ModelError,
        ("node name", "'two words'"),
    ),
    (
        "observe an unknown node",
        lambda m: m.observe("tlaks", True),
        lk.UnknownNodeError,
        ("no node 'tlaks'", "did you mean 'talks'"),
    ),
    (
        "observe a wrong state",
        lambda m: m.observe("intent", "retreat"),
        lk.StateError,
        ("'retreat' is not a state", "attack, feint, exercise"),
    ),
    (
        "observe a binary node with a word",
        lambda m: m.observe("talks", "yes"),
        lk.StateError,
        ("observed True or False", "'yes'"),
    ),
    (
        "strength without supports",
        lambda m: m.evidence("e", strength="weak support"),
        lk.ModelError,
        ("supports=... and strength=... together",),
    ),
    (
        "strength that is no ENFSI term",
        lambda m: m.evidence("e", supports="talks", strength="moderate suport"),
        lk.UnknownTermError,
        ("e, strength", "closest: 'moderate support'"),
    ),
    (
        "negative likelihood ratio",
        lambda m: m.evidence("e", supports="talks", strength=-2),
        lk.ProbabilityError,
        ("likelihood ratio must be a number > 0", "-2"),
    ),
    (
        "supports two nodes",
        lambda m: m.evidence("e", supports="talks & intent=attack", strength=3),
        lk.ConditionError,
        ("supports one condition",),
    ),
    (
        "report of an unknown source",
        lambda m: m.report("r", source="reportr", claims="talks"),
        lk.UnknownNodeError,
        ("no source 'reportr'",),
    ),
    (
        "unknown reliability word",
        lambda m: m.source("s", reliability="G"),
        lk.UnknownTermError,
        (
            "source s, reliability",
            "'G' is not an Admiralty reliability grade",
            "A–F",
            "A: completely reliable",
            "F: reliability cannot be judged",
            "or a word of the phia scale",
        ),
    ),
    (
        "empty reliability",
        lambda m: m.source("s", reliability=""),
        lk.UnknownTermError,
        ("source s, reliability", "'' is not an Admiralty reliability grade", "A–F"),
    ),
    (
        "credibility grade as a reliability",
        lambda m: m.source("s", reliability="3"),
        lk.UnknownTermError,
        ("source s, reliability", "credibility grade (3: possibly true)", "A–F"),
    ),
    (
        "misspelt reliability label",
        lambda m: m.source("s", reliability="usualy reliable"),
        lk.UnknownTermError,
        ("source s, reliability", "closest: 'usually reliable'"),
    ),
    # -- text, one check for every node and source
    (
        "text of a hypothesis not a string",
        lambda m: m.hypothesis("x", prior=0.3, text=5),
        lk.JudgmentTypeError,
        ("x: text must be a string", "5 (int)"),
    ),
    (
        "text of a source not a string",
        lambda m: m.source("s", reliability="B", text=5),
        lk.JudgmentTypeError,
        ("source s: text must be a string", "5 (int)"),
    ),
    (
        "text of a report not a string",
        lambda m: m.report("r", source="reporter", claims="talks", text=5),
        lk.JudgmentTypeError,
        ("r: text must be a string", "5 (int)"),
    ),
    (
        "text of strength evidence not a string",
        lambda m: m.evidence("e", supports="talks", strength=10, text=["x"]),
        lk.JudgmentTypeError,
        ("e: text must be a string", "['x'] (list)"),
    ),
    # -- names given to look something up
    (
        "a list where a source name belongs",
        lambda m: m.report("r", source=["reporter"], claims="talks"),
        lk.UnknownNodeError,
        (
            "r: source must be the name of a source, a string",
            "['reporter'] (list)",
            "Sources: reporter",
        ),
    ),
    (
        "a list where a node name belongs",
        lambda m: m.observe(["talks"], True),
        lk.UnknownNodeError,
        ("must be the name of a node, a string", "['talks'] (list)", "Nodes: talks, intent"),
    ),
    (
        "a list in a query",
        lambda m: m.infer(query=[["talks"]]),
        lk.UnknownNodeError,
        ("query must be the name of a node", "['talks'] (list)", "Nodes: talks, intent"),
    ),
    # -- value forms: the key at fault and the keys its form takes
    (
        "unknown key in an interval form",
        lambda m: m.hypothesis("x", prior={"interval": [0.2, 0.4], "mas": 0.9}),
        lk.ModelError,
        ("x, prior['mas']", "unknown key 'mas' in an interval form", "'interval' and 'mass'"),
    ),
    (
        "unknown key in a term form",
        lambda m: m.hypothesis("x", prior={"term": "likely", "scael": "icd203"}),
        lk.ModelError,
        ("x, prior['scael']", "unknown key 'scael' in a term form", "'term' and 'scale'"),
    ),
    (
        "unknown key in a pool form",
        lambda m: m.hypothesis("x", prior={"pool": ["likely", 0.3], "weigths": [1, 2]}),
        lk.ModelError,
        ("x, prior['weigths']", "did you mean 'weights'", "'pool', 'method' and 'weights'"),
    ),
    (
        "unknown key in a row of given",
        lambda m: m.hypothesis("x", given={"talks": {"beta": [2, 3], "b": 1}, "~talks": 0.1}),
        lk.ModelError,
        ("x, given['talks']['b']", "unknown key 'b' in a beta form", "it takes 'beta'"),
    ),
    (
        "misspelt form key",
        lambda m: m.hypothesis("x", prior={"intervall": [0.2, 0.4], "mass": 0.9}),
        lk.ModelError,
        ("x, prior['intervall']", "unknown key 'intervall'", "did you mean 'interval'"),
    ),
    (
        "a key of no form",
        lambda m: m.hypothesis("x", prior={"foo": 0.3}),
        lk.ModelError,
        ("x, prior['foo']", "unknown key 'foo'", "{interval, mass}", "quantiles {level: value}"),
    ),
    (
        "a form key without its form",
        lambda m: m.hypothesis("x", prior={"0.05": 0.1, "0.95": 0.4, "mass": 0.9}),
        lk.ModelError,
        ("x, prior['mass']", "'mass' is a key of the interval form", "needs 'interval'"),
    ),
    (
        "two forms in one value",
        lambda m: m.hypothesis("x", prior={"term": "likely", "beta": [1, 2]}),
        lk.ModelError,
        ("x, prior", "one form", "'term' and 'beta'"),
    ),
    (
        "an update form without its counts",
        lambda m: m.hypothesis("x", prior={"update": "likely", "successes": 3}),
        lk.ModelError,
        ("x, prior", "an update form needs 'trials'"),
    ),
    (
        "quantiles form that is no table",
        lambda m: m.hypothesis("x", prior={"quantiles": [0.1, 0.5]}),
        lk.ProbabilityError,
        ("x, prior['quantiles']", "quantiles must be a table {level: value}", "[0.1, 0.5]"),
    ),
    (
        "interval form of one number",
        lambda m: m.hypothesis("x", prior={"interval": 0.3}),
        lk.ProbabilityError,
        ("x, prior['interval']", "interval (lower, upper)", "got 0.3"),
    ),
    (
        "term form of a number",
        lambda m: m.hypothesis("x", prior={"term": 0.3}),
        lk.JudgmentTypeError,
        ("x, prior['term']", "term must be a string", "0.3 (float)"),
    ),
    (
        "Dirichlet missing a state",
        lambda m: m.hypothesis("x", states=["a", "b"], prior={"dirichlet": {"a": 1}}),
        lk.StateError,
        ("x, prior", "no probability for 'b'", "give every state: a, b"),
    ),
    (
        "Dirichlet that is no table",
        lambda m: m.hypothesis("x", states=["a", "b"], prior={"dirichlet": 3}),
        lk.ProbabilityError,
        ("x, prior['dirichlet']", "{state: concentration}", "got 3"),
    ),
    # -- observations: one value
    (
        "observe an array",
        lambda m: m.observe("talks", np.array([True, False])),
        lk.StateError,
        ("talks: observed must be one value (True or False)", "shape (2,)"),
    ),
    (
        "observed= a list",
        lambda m: m.evidence("e", given={"talks": 0.9, "~talks": 0.2}, observed=[True]),
        lk.StateError,
        ("e: observed must be one value (True or False)", "got a list: [True]"),
    ),
    (
        "observe a state by an array",
        lambda m: m.observe("intent", np.array(["attack", "feint"])),
        lk.StateError,
        ("intent", "one value (one of the states attack, feint, exercise)", "shape (2,)"),
    ),
    (
        "infer with no draws",
        lambda m: m.infer(draws=0),
        lk.OptionError,
        ("draws must be a whole number >= 1", "0"),
    ),
    (
        "fractional draws",
        lambda m: m.infer(draws=2.5),
        lk.OptionError,
        ("draws must be a whole number >= 1", "2.5 (float)"),
    ),
    (
        "draws as a bool",
        lambda m: m.compile(draws=True),
        lk.OptionError,
        ("draws must be a whole number >= 1", "True (bool)"),
    ),
    (
        "absurd draws",
        lambda m: m.infer(draws=10**11),
        lk.OptionError,
        ("draws=100000000000", "TiB of memory", "limit of 4 GiB (MAX_DRAW_BYTES)", "at most"),
    ),
    (
        "absurd draws to compile",
        lambda m: m.compile(draws=10**10),
        lk.OptionError,
        ("draws=10000000000", "GiB of memory", "limit of 4 GiB (MAX_DRAW_BYTES)"),
    ),
    (
        "absurd draws for the PyMC engine",
        lambda m: m.infer(method="pymc", draws=10**9, chains=4),
        lk.OptionError,
        ("draws × chains=4000000000", "limit of 4 GiB"),
    ),
    ("no chains", lambda m: m.infer(chains=0), lk.OptionError, ("chains", ">= 1", "0")),
    ("negative tuning", lambda m: m.infer(tune=-1), lk.OptionError, ("tune", ">= 0", "-1")),
    (
        "negative seed",
        lambda m: m.infer(seed=-1),
        lk.OptionError,
        ("seed must be a whole number >= 0", "numpy.random.Generator", "-1 (int)"),
    ),
    (
        "fractional seed",
        lambda m: m.infer(seed=1.5),
        lk.OptionError,
        ("seed must be a whole number >= 0", "1.5 (float)"),
    ),
    ("seed as a bool", lambda m: m.infer(seed=True), lk.OptionError, ("seed", "True (bool)")),
    ("seed as a string", lambda m: m.compile(seed="7"), lk.OptionError, ("seed", "'7' (str)")),
    (
        "a generator seed for the PyMC engine",
        lambda m: m.infer(method="pymc", seed=np.random.default_rng(1)),
        lk.OptionError,
        ("seed must be a whole number >= 0 here, not a numpy.random.Generator",),
    ),
    (
        "compiled model with a negative seed",
        lambda m: lk.CompiledModel(m, seed=-3),
        lk.OptionError,
        ("seed must be a whole number >= 0", "-3 (int)"),
    ),
    (
        "unknown engine",
        lambda m: m.infer(method="magic"),
        lk.OptionError,
        ("method", "'exact'", "'magic'"),
    ),
    (
        "query of an unknown node",
        lambda m: m.infer(query=["tlaks"]),
        lk.UnknownNodeError,
        ("query: no node 'tlaks'",),
    ),
    (
        "probability of an unknown node",
        lambda m: m.infer().probability("tlaks"),
        lk.UnknownNodeError,
        ("no node 'tlaks'",),
    ),
    (
        "probability of an unknown state",
        lambda m: m.infer().probability("intent=retreat"),
        lk.StateError,
        ("'retreat' is not a state of 'intent'",),
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "parts"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_model_input_raises_the_named_error(call, error, parts) -> None:
    m = _base()
    m.hypothesis("uncertain", prior="likely")  # so that the draws are not one exact evaluation
    m.source("reporter", reliability="B")
    before = (m.nodes, m.observed, m.sources)
    with pytest.raises(error) as info:
        call(m)
    assert isinstance(info.value, lk.LikelihoodError)
    for part in parts:
        assert part in str(info.value), f"{part!r} not in {str(info.value)!r}"
    assert (m.nodes, m.observed, m.sources) == before  # nothing changed


def test_empty_model_cannot_infer() -> None:
    with pytest.raises(lk.ModelError, match="no nodes yet"):
        lk.Model().infer()


# -- what a model holds ----------------------------------------------------------------------


def test_rows_keep_the_written_words_and_canonical_conditions() -> None:
    m = _base()
    m.hypothesis("neg", given={"~talks": "remote chance", "talks": "unlikely"})
    node = m.nodes["neg"]
    assert node.parents == ("talks",)
    assert [(r.condition, r.written) for r in node.rows] == [
        ("talks", "unlikely"),
        ("~talks", "remote chance"),
    ]
    assert node.rows[0].value.origin.term == "unlikely"


def test_words_are_read_on_the_model_scale_unless_named() -> None:
    m = lk.Model(scale="icd203")
    m.hypothesis("a", prior="very unlikely")
    m.hypothesis("b", prior={"term": "highly unlikely", "scale": "phia"})
    assert m.nodes["a"].rows[0].value.origin.scale == "icd203"
    assert m.nodes["b"].rows[0].value.origin.scale == "phia"


def test_value_forms() -> None:
    m = lk.Model()
    m.hypothesis("beta", prior={"beta": [2, 8]})
    m.hypothesis("interval", prior={"interval": [0.2, 0.4], "mass": 0.8})
    m.hypothesis("quantiles", prior={"quantiles": {"0.05": 0.1, "0.95": 0.4}})
    m.hypothesis("pooled", prior={"pool": ["likely", 0.3, {"beta": [2, 2]}], "method": "linear"})
    m.hypothesis("logpool", prior={"pool": ["likely", "unlikely"], "method": "log"})
    values = {n: m.nodes[n].rows[0].value for n in m.nodes}
    assert values["beta"].beta == (2.0, 8.0)
    lo, hi = values["interval"].beta
    assert stats.beta.cdf(0.4, lo, hi) - stats.beta.cdf(0.2, lo, hi) == pytest.approx(0.8)
    assert values["pooled"].kind == "mixture" and len(values["pooled"].components) == 3
    assert values["logpool"].kind == "beta"


def test_observe_sets_changes_and_clears() -> None:
    m = _base()
    m.evidence("e", given={"talks": 0.9, "~talks": 0.2}, observed=False)
    assert m.observed == {"e": False}
    m.observe("intent", "feint")
    m.observe("e", True)
    assert m.observed == {"e": True, "intent": "feint"}
    m.observe("e", None)
    assert m.observed == {"intent": "feint"}


def test_observation_changes_the_answer() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.5)
    m.evidence("e", given={"h": 0.8, "~h": 0.2})
    assert m.infer().probability("h") == pytest.approx(0.5)
    m.observe("e", True)
    assert m.infer().probability("h") == pytest.approx(0.8)
    m.observe("e", False)
    assert m.infer().probability("h") == pytest.approx(0.2)


def test_posterior_is_a_snapshot() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.5)
    m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    post = m.infer()
    m.observe("e", False)
    assert post.probability("h") == pytest.approx(0.8)
    assert post.model.observed == {"e": True}


def test_parameters_name_node_condition_and_word() -> None:
    m = _base()
    m.source("reporter", reliability="F")
    m.report("claim", source="reporter", claims="talks", observed=True)
    m.evidence("decree", supports="~talks", strength="weak support", observed=True)
    labels = {p.label: p.written for p in m.parameters()}
    assert labels["reporter: reliability"] == "F"
    assert labels["decree: strength"] == "weak support"
    assert labels["talks"] == "likely"
    assert labels["intent: attack"] == "0.2"
    assert all(p.is_fixed for p in m.parameters() if p.node == "intent")


def test_admiralty_grades_read_by_the_documented_convention() -> None:
    # the convention in likelihood/data/reliability.toml: A 90-100 %, ..., E 0-25 %, F uniform
    ranges = {"A": (0.9, 1.0), "B": (0.7, 0.9), "C": (0.5, 0.7), "D": (0.25, 0.5), "E": (0.0, 0.25)}
    for grade, (lo, hi) in ranges.items():
        m = lk.Model()
        m.source("s", reliability=grade)
        r = m.sources["s"].reliability
        assert m.sources["s"].grade == grade
        assert stats.beta.cdf(hi, *r.beta) - stats.beta.cdf(lo, *r.beta) == pytest.approx(
            0.9, abs=1e-6
        )
    m = lk.Model()
    m.source("s", reliability="usually reliable")
    assert m.sources["s"].grade == "B"
    m.source("t", reliability="reliability cannot be judged")
    assert m.sources["t"].reliability.beta == (1.0, 1.0)
    m.source("u", reliability="likely")  # a word of the model's scale, not a grade
    assert m.sources["u"].grade is None and m.sources["u"].reliability.origin.term == "likely"


def test_copy_is_independent() -> None:
    m = _base()
    other = m.copy()
    other.hypothesis("extra", prior=0.1)
    other.observe("talks", True)
    assert "extra" not in m and m.observed == {}


def test_repr_lists_nodes_and_observations() -> None:
    m = _base()
    m.observe("talks", True)
    assert repr(m) == "Model(untitled, scale=phia, nodes: talks=True, intent)"
    assert len(m) == 2 and list(m) == ["talks", "intent"] and "intent" in m


def test_dirichlet_validation() -> None:
    with pytest.raises(lk.ProbabilityError, match="two or more states"):
        lk.Dirichlet({"a": 1})
    with pytest.raises(lk.ProbabilityError, match="concentration of 'b'"):
        lk.Dirichlet({"a": 1, "b": 0})
    m = lk.Model()
    with pytest.raises(lk.StateError, match="no probability for 'c'"):
        m.hypothesis("x", states=["a", "b", "c"], prior=lk.Dirichlet({"a": 1, "b": 2}))
    m.hypothesis("x", states=["a", "b"], prior={"dirichlet": {"b": 2, "a": 1}})
    assert m.nodes["x"].rows[0].value.states == ("a", "b")


# -- arguments read the same way everywhere ------------------------------------------------------


def test_model_title_and_seed_are_checked() -> None:
    with pytest.raises(lk.JudgmentTypeError, match=r"title must be a string; got 5 \(int\)"):
        lk.Model(title=5)
    with pytest.raises(lk.OptionError, match=r"seed must be a whole number >= 0; got 1\.5"):
        lk.Model(seed=1.5)
    with pytest.raises(lk.OptionError, match=r"seed must be a whole number >= 0; got -2"):
        lk.Model(seed=-2)
    assert lk.Model(seed=np.int64(7)).seed == 7


def test_numpy_observations_are_one_value() -> None:
    m = _base()
    m.evidence("e", given={"talks": 0.9, "~talks": 0.2}, observed=np.bool_(True))
    assert m.observed["e"] is True
    m.observe("e", np.array(False))
    assert m.observed["e"] is False
    m.observe("intent", np.array("feint"))
    assert m.observed["intent"] == "feint"


def test_numpy_names_and_seeds_are_accepted() -> None:
    m = _base()
    m.observe(np.str_("talks"), True)
    post = m.infer(draws=np.int64(200), seed=np.int64(3))
    assert post.seed == 3 and post.draws == 200


# -- choices made for the analyst are said out loud -----------------------------------------------


def test_a_table_whose_words_do_not_sum_to_one_warns() -> None:
    m = lk.Model()
    # PHIA means: highly likely 0.849, unlikely 0.300 — they sum to 1.15
    with pytest.warns(
        lk.NormalisationWarning, match=r"^x, prior: the means of the entries sum to 1\.15, not 1"
    ) as caught:  # noqa: E501
        m.hypothesis("x", states=["p", "q"], prior={"p": "highly likely", "q": "unlikely"})
    message = str(caught[0].message)
    assert "normalised per draw" in message and "moves p from 0.849 to 0.739" in message
    assert caught[0].filename == __file__
    m.hypothesis("y", prior=0.5)
    with pytest.warns(lk.NormalisationWarning, match=r"^z, given\['y'\]: .* sum to 1\.1"):
        m.hypothesis(
            "z",
            states=["a", "b", "c"],
            given={"y": {"a": 0.5, "b": 0.3, "c": 0.3}, "~y": {"a": 0.2, "b": 0.3, "c": 0.5}},
        )


@pytest.mark.parametrize(
    "table",
    [
        {"a": "unlikely", "b": "unlikely", "c": "unlikely"},  # a third each: inside every band
        {"a": "likely", "b": "unlikely"},  # 0.95: normalising keeps both in their bands
        {"a": 0.2, "b": 0.3, "c": 0.5},
        {"a": 0.5, "b": 0.5 - 1e-7},  # a rounded BIF row
        {"a": "likely", "b": 0.35},  # 0.999: the number moves by 0.0003
        lk.Dirichlet({"a": 1, "b": 2}),
    ],
)
def test_a_table_that_normalising_does_not_change_is_quiet(table: object) -> None:
    m = lk.Model()
    states = list(table.states) if isinstance(table, lk.Dirichlet) else list(table)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m.hypothesis("x", states=states, prior=table)


def test_a_judgment_of_another_scale_in_a_model_warns_with_both_scales() -> None:
    m = lk.Model(scale="icd203")
    with pytest.warns(
        lk.ScaleWarning, match=r"^h, prior: the judgment 'unlikely' \(phia\)"
    ) as caught:  # noqa: E501
        m.hypothesis("h", prior=lk.judge("unlikely"))
    message = str(caught[0].message)
    assert "on the phia scale, not on the model's scale icd203" in message
    assert "{'term': 'unlikely', 'scale': 'phia'}" in message
    assert m.nodes["h"].rows[0].value.origin.scale == "phia"  # used as it was read
    # a pool of PHIA words, in a row of given
    with pytest.warns(lk.ScaleWarning, match=r"^g, given\['h'\]: the judgment linear pool"):
        m.hypothesis("g", given={"h": lk.pool(["likely", "unlikely"]), "~h": 0.1})


def test_judgments_that_say_their_scale_are_quiet() -> None:
    m = lk.Model(scale="icd203")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m.hypothesis("a", prior=lk.judge("unlikely", scale="icd203"))
        m.hypothesis("b", prior={"term": "unlikely", "scale": "phia"})  # said on purpose
        m.hypothesis("c", prior=lk.judge((0.2, 0.4)))  # no scale
        m.hypothesis("d", prior="unlikely")
        m.source("s", reliability=lk.judge("F", scale="admiralty"))  # a grade, not a probability
    assert m.nodes["b"].rows[0].value.origin.scale == "phia"


def test_parameter_variables_escape_a_slash() -> None:
    m = lk.Model()
    m.hypothesis("x", states=["a/b", "c"], prior={"a/b": "likely", "c": "unlikely"})
    m.hypothesis("y", given={"x=a/b": 0.3, "x=c": "likely"})
    labels = {p.label: (p.variable, p.columns) for p in m.parameters()}
    assert labels == {
        "x: a/b": ("theta[x: a∕b]", 1),
        "x: c": ("theta[x: c]", 1),
        "y | x=a/b": ("theta[y | x=a∕b]", 0),
        "y | x=c": ("theta[y | x=c]", 1),
    }
