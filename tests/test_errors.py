"""Every bad input gets the named error class and a message that says what and where."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import likelihood as lk

TRI = stats.triang(0.5)


def _uncertain() -> lk.Model:
    m = lk.Model()
    m.hypothesis("h", prior="likely")
    return m


# (id, call, error class, substrings the message must hold)
CASES: list[tuple[str, Callable[[], object], type[Exception], tuple[str, ...]]] = [
    ("number above 1", lambda: lk.judge(1.7), lk.ProbabilityError, ("value", "[0, 1]", "1.7")),
    ("number below 0", lambda: lk.judge(-0.1), lk.ProbabilityError, ("value", "[0, 1]", "-0.1")),
    ("nan", lambda: lk.judge(math.nan), lk.ProbabilityError, ("value", "[0, 1]", "nan")),
    ("inf", lambda: lk.judge(math.inf), lk.ProbabilityError, ("value", "[0, 1]", "inf")),
    ("numpy nan", lambda: lk.judge(np.float64("nan")), lk.ProbabilityError, ("[0, 1]", "nan")),
    (
        "interval reversed",
        lambda: lk.judge((0.4, 0.2)),
        lk.ProbabilityError,
        ("interval", "lower < upper", "0.4", "0.2"),
    ),
    (
        "interval empty",
        lambda: lk.judge((0.3, 0.3)),
        lk.ProbabilityError,
        ("interval", "lower < upper", "0.3"),
    ),
    (
        "interval end above 1",
        lambda: lk.judge((0.2, 1.3)),
        lk.ProbabilityError,
        ("interval[1] (upper end)", "[0, 1]", "1.3"),
    ),
    (
        "interval of three",
        lambda: lk.judge((0.1, 0.2, 0.3)),
        lk.ProbabilityError,
        ("interval", "3 values"),
    ),
    (
        "quantiles out of order",
        lambda: lk.judge({0.05: 0.5, 0.5: 0.3, 0.95: 0.7}),
        lk.ProbabilityError,
        ("quantiles", "out of order", "0.05: 0.5", "0.5: 0.3"),
    ),
    (
        "one quantile",
        lambda: lk.judge({0.05: 0.1}),
        lk.ProbabilityError,
        ("quantiles", "at least two", "0.05"),
    ),
    (
        "quantile level outside (0, 1)",
        lambda: lk.judge({1.5: 0.3, 0.5: 0.4}),
        lk.ProbabilityError,
        ("quantiles level", "strictly between 0 and 1", "1.5"),
    ),
    (
        "quantile level not a number",
        lambda: lk.judge({"x": 0.1, 0.5: 0.2}),
        lk.ProbabilityError,
        ("quantiles", "'x'", "not a number"),
    ),
    (
        "quantile value above 1",
        lambda: lk.judge({0.1: 0.2, 0.9: 2.0}),
        lk.ProbabilityError,
        ("quantiles[0.9]", "[0, 1]", "2.0"),
    ),
    (
        "beta a zero",
        lambda: lk.judge(beta=(0, 2)),
        lk.ProbabilityError,
        ("beta a", "greater than 0", "got 0"),
    ),
    (
        "beta b negative",
        lambda: lk.judge(beta=(2, -1)),
        lk.ProbabilityError,
        ("beta b", "greater than 0", "-1"),
    ),
    (
        "beta of three",
        lambda: lk.judge(beta=(1, 2, 3)),
        lk.ProbabilityError,
        ("beta", "(a, b)", "(1, 2, 3)"),
    ),
    (
        "misspelt term",
        lambda: lk.judge("highy unlikely"),
        lk.UnknownTermError,
        ("'highy unlikely'", "phia", "closest: 'highly unlikely'"),
    ),
    (
        "term of another scale",
        lambda: lk.judge("roughly even chance", scale="phia"),
        lk.UnknownTermError,
        ("'roughly even chance'", "phia", "it is a term of: icd203"),
    ),
    (
        "term on no scale",
        lambda: lk.judge("zzz", scale="icd203"),
        lk.UnknownTermError,
        ("'zzz'", "icd203", "Terms of icd203: almost no chance"),
    ),
    (
        "withheld scale",
        lambda: lk.judge("likely", scale="nato"),
        lk.UnknownScaleError,
        ("'nato'", "AJP-2.1", "could not be verified", "admiralty"),
    ),
    (
        "misspelt scale",
        lambda: lk.judge("likely", scale="phai"),
        lk.UnknownScaleError,
        ("'phai'", "did you mean 'phia'", "Built-in scales: admiralty"),
    ),
    ("scale not a name", lambda: lk.scale(3), lk.UnknownScaleError, ("scale", "3", "int")),
    (
        "boolean value",
        lambda: lk.judge(True),
        lk.JudgmentTypeError,
        ("boolean", "True", "probability in [0, 1]"),
    ),
    (
        "unsupported type",
        lambda: lk.judge(object()),
        lk.JudgmentTypeError,
        ("judge takes a word", "object"),
    ),
    ("no value", lambda: lk.judge(), lk.JudgmentTypeError, ("needs a value",)),
    (
        "value and beta",
        lambda: lk.judge(0.3, beta=(1, 1)),
        lk.JudgmentTypeError,
        ("either a value or beta", "0.3"),
    ),
    (
        "discrete scipy distribution",
        lambda: lk.judge(stats.binom(10, 0.3)),
        lk.JudgmentTypeError,
        ("continuous on [0, 1]", "binom"),
    ),
    (
        "scipy distribution beyond [0, 1]",
        lambda: lk.judge(stats.norm()),
        lk.ProbabilityError,
        ("support inside [0, 1]", "norm", "-inf"),
    ),
    (
        "interval mass of 1",
        lambda: lk.judge((0.2, 0.4), mass=1.0),
        lk.ProbabilityError,
        ("mass", "strictly between 0 and 1", "1.0"),
    ),
    (
        "weights summing to zero",
        lambda: lk.pool(["likely", "unlikely"], weights=[0, 0]),
        lk.ProbabilityError,
        ("weights", "positive sum", "[0, 0]", "sums to 0"),
    ),
    (
        "negative weight",
        lambda: lk.pool(["likely", "unlikely"], weights=[1, -1]),
        lk.ProbabilityError,
        ("weights", "non-negative", "[1, -1]"),
    ),
    (
        "nan weight",
        lambda: lk.pool(["likely", "unlikely"], weights=[1, math.nan]),
        lk.ProbabilityError,
        ("weights", "non-negative finite", "nan"),
    ),
    (
        "weights of the wrong length",
        lambda: lk.pool(["likely", "unlikely"], weights=[1]),
        lk.ProbabilityError,
        ("weights", "2 non-negative", "1 weights"),
    ),
    (
        "unknown pool method",
        lambda: lk.pool(["likely", "unlikely"], method="geometric"),
        lk.OptionError,
        ("method", "'linear', 'log'", "'geometric'"),
    ),
    ("empty pool", lambda: lk.pool([]), lk.JudgmentTypeError, ("at least one judgment",)),
    ("pool of a string", lambda: lk.pool("likely"), lk.JudgmentTypeError, ("sequence", "'likely'")),
    (
        "log pool of a mixture",
        lambda: lk.pool([lk.pool(["likely", "unlikely"]), "likely"], method="log"),
        lk.JudgmentTypeError,
        ("log pool needs Beta", "mixture"),
    ),
    (
        "log pool of different numbers",
        lambda: lk.pool([0.2, 0.3], method="log"),
        lk.ProbabilityError,
        ("log pool of different exact numbers", "0.2, 0.3", "method='linear'"),
    ),
    (
        "successes above trials",
        lambda: lk.judge("likely").update(successes=5, trials=3),
        lk.ProbabilityError,
        ("successes", "trials", "5", "3"),
    ),
    (
        "fractional successes",
        lambda: lk.judge("likely").update(successes=2.5, trials=3),
        lk.ProbabilityError,
        ("successes", "whole number", "2.5"),
    ),
    (
        "negative successes",
        lambda: lk.judge("likely").update(successes=-1, trials=3),
        lk.ProbabilityError,
        ("successes", ">= 0", "-1"),
    ),
    (
        "data impossible under a number",
        lambda: lk.judge(0.0).update(successes=1, trials=1),
        lk.ProbabilityError,
        ("1 successes in 1 trials", "impossible", "0"),
    ),
    (
        "update of a general distribution",
        lambda: lk.judge(TRI).update(successes=1, trials=2),
        lk.JudgmentTypeError,
        ("update needs a Beta", "no conjugate update"),
    ),
    (
        "describe above 1",
        lambda: lk.describe(1.7),
        lk.ProbabilityError,
        ("value", "[0, 1]", "1.7"),
    ),
    (
        "describe on a grading scale",
        lambda: lk.describe(0.3, scale="admiralty"),
        lk.ScaleError,
        ("admiralty", "grading scale", "no words for numbers"),
    ),
    (
        "describe a zero likelihood ratio",
        lambda: lk.describe(0, scale="enfsi"),
        lk.ProbabilityError,
        ("likelihood ratio", "> 0", "enfsi", "got 0"),
    ),
    (
        "describe a word",
        lambda: lk.describe("likely"),
        lk.JudgmentTypeError,
        ("number or a Judgment", "'likely'", "str"),
    ),
    (
        "judgment from an evidence-strength word",
        lambda: lk.judge("moderate support", scale="enfsi"),
        lk.ScaleError,
        ("'moderate support'", "likelihood-ratio scale", "not a probability"),
    ),
    (
        "judgment from a grade without numbers",
        lambda: lk.judge("B", scale="admiralty"),
        lk.ScaleError,
        ("'B'", "usually reliable", "no probability", "F, 6"),
    ),
    (
        "confidence above 1",
        lambda: lk.judge("likely").interval(1.5),
        lk.ProbabilityError,
        ("confidence", "(0, 1]", "1.5"),
    ),
    (
        "bad random state",
        lambda: lk.judge("likely").rvs(3, random_state="seed"),
        lk.JudgmentTypeError,
        ("random_state", "Generator", "'seed'"),
    ),
    (
        "term lookup with a number",
        lambda: lk.scale("phia")[3],
        lk.UnknownTermError,
        ("term must be a word", "3", "phia"),
    ),
    (
        "user scale range reversed",
        lambda: lk.Scale.from_mapping("mine", {"meh": (0.5, 0.2)}),
        lk.ScaleDefinitionError,
        ("scale 'mine'", "term #1 'meh'", "lower <= upper", "[0.5, 0.2]"),
    ),
    (
        "user scale range above 1",
        lambda: lk.Scale.from_mapping("mine", {"meh": (0.5, 1.2)}),
        lk.ScaleDefinitionError,
        ("scale 'mine'", "'meh'", "0 <= lower <= upper <= 1"),
    ),
    (
        "user scale word used twice",
        lambda: lk.Scale.from_mapping(
            "mine", {"low": (0.1, 0.2), "high": {"range": [0.7, 0.9], "aliases": ["Low"]}}
        ),
        lk.ScaleDefinitionError,
        ("scale 'mine'", "'Low'", "names two terms", "'low'", "'high'"),
    ),
    (
        "user scale unknown key",
        lambda: lk.Scale.from_mapping("mine", {"low": {"rnage": [0.1, 0.2]}}),
        lk.ScaleDefinitionError,
        ("term #1 'low'", "unknown key(s) 'rnage'", "allowed:"),
    ),
    (
        "user scale without terms",
        lambda: lk.Scale.from_mapping("mine", {}),
        lk.ScaleDefinitionError,
        ("mine", "at least one [[term]]"),
    ),
    (
        "boolean 0-d array",
        lambda: lk.judge(np.array(False)),
        lk.JudgmentTypeError,
        ("boolean", "np.False_", "probability in [0, 1]"),
    ),
    (
        "seed of a compiled model",
        lambda: lk.CompiledModel(_uncertain(), seed=1.5),
        lk.OptionError,
        ("seed must be a whole number >= 0", "Generator", "1.5 (float)"),
    ),
    (
        "draws of a compiled model",
        lambda: lk.CompiledModel(_uncertain(), draws=0),
        lk.OptionError,
        ("draws must be a whole number >= 1", "0"),
    ),
    (
        "absurd draws",
        lambda: _uncertain().infer(draws=10**12),
        lk.OptionError,
        ("draws=1000000000000", "TiB of memory", "4 GiB", "MAX_DRAW_BYTES", "at most"),
    ),
    (
        "title not a string",
        lambda: lk.Model(title=3.5),
        lk.JudgmentTypeError,
        ("title must be a string", "3.5 (float)"),
    ),
    (
        "unknown table format",
        lambda: lk.scale("phia").table("pdf"),
        lk.OptionError,
        ("fmt", "'text', 'markdown', 'html'", "'pdf'"),
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "parts"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_raises_the_named_error(
    call: Callable[[], object], error: type[Exception], parts: tuple[str, ...]
) -> None:
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, lk.LikelihoodError)
    message = str(info.value)
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"
    # no quoting artefacts from KeyError, and one line that names the problem
    assert not (message.startswith('"') or message.startswith("'Traceback"))
    assert "\n" not in message


def test_builtin_base_classes() -> None:
    assert issubclass(lk.UnknownTermError, KeyError)
    assert issubclass(lk.UnknownScaleError, KeyError)
    assert issubclass(lk.ProbabilityError, ValueError)
    assert issubclass(lk.OptionError, ValueError)
    assert issubclass(lk.ScaleDefinitionError, lk.ScaleError)
    assert issubclass(lk.JudgmentTypeError, TypeError)
    assert issubclass(lk.FitError, RuntimeError)
    for name in lk.__all__:
        member = getattr(lk, name)
        if (
            isinstance(member, type)
            and issubclass(member, Exception)
            and not issubclass(member, Warning)
        ):
            assert issubclass(member, lk.LikelihoodError), name


def test_unknown_term_error_carries_its_suggestions() -> None:
    with pytest.raises(lk.UnknownTermError) as info:
        lk.judge("highly unlikely", scale="icd203")
    error = info.value
    assert error.term == "highly unlikely" and error.scale == "icd203"
    assert "very unlikely" in error.suggestions
    assert set(error.elsewhere) >= {"phia", "perceptions"}


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('name = "x"\ntitle = "y"\n[[term]\nname = "z"\n')
    with pytest.raises(lk.ScaleDefinitionError) as info:
        lk.Scale.from_toml(path)
    message = str(info.value)
    assert str(path) in message and "not valid TOML" in message and "line 3" in message


def test_toml_missing_file(tmp_path: Path) -> None:
    with pytest.raises(lk.ScaleDefinitionError, match="cannot read scale file"):
        lk.Scale.from_toml(tmp_path / "absent.toml")


def test_toml_schema_error_names_term_and_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\ntitle = "y"\n[[term]]\nname = "z"\nrange = [10, "high"]\n')
    with pytest.raises(lk.ScaleDefinitionError) as info:
        lk.Scale.from_toml(path)
    assert "term #1 'z'" in str(info.value) and "'range' upper end" in str(info.value)


def test_validation_happens_before_any_state_changes() -> None:
    j = lk.judge("likely")
    before = j.beta
    with pytest.raises(lk.ProbabilityError):
        j.update(successes=9, trials=3)
    assert j.beta == before


# -- the shared validators, one for each kind of argument ---------------------------------------


@pytest.mark.parametrize("seed", [-1, 1.5, True, np.bool_(False), "3", [1], math.nan])
def test_seed_check(seed: object) -> None:
    from likelihood._core.validate import check_seed

    with pytest.raises(lk.OptionError) as info:
        check_seed(seed)
    message = str(info.value)
    assert message.startswith("seed must be a whole number >= 0 or a numpy.random.Generator")
    assert repr(seed) in message and type(seed).__name__ in message


def test_seed_check_accepts_whole_numbers_and_generators() -> None:
    from likelihood._core.compiled import resolve_seed
    from likelihood._core.validate import check_seed

    assert check_seed(np.int32(4)) == 4 and check_seed(np.array(5)) == 5
    rng = np.random.default_rng(0)
    assert check_seed(rng) is rng and check_seed(None) is None
    with pytest.raises(lk.OptionError, match="whole number >= 0 here, not a numpy.random.Gen"):
        check_seed(rng, generator=False)
    with pytest.raises(lk.OptionError, match=r"seed must be .*-5 \(int\)"):
        resolve_seed(-5)  # the compiled model reads its seed through the same check


def test_draw_memory_names_the_memory_and_the_limit() -> None:
    from likelihood._core.validate import check_draw_memory

    check_draw_memory(20_000, 1000)  # 160 MB: fine
    with pytest.raises(lk.OptionError) as info:
        check_draw_memory(10**9, 100, limit=1 << 30)
    assert str(info.value) == (
        "draws=1000000000 would take 745 GiB of memory (1,000,000,000 draws × 100 numbers × 8 "
        "bytes), more than the limit of 1 GiB (MAX_DRAW_BYTES); draw at most 1,342,177"
    )


def test_text_and_name_checks() -> None:
    from likelihood._core.validate import check_name, check_text

    assert check_text(np.str_("words")) == "words"
    with pytest.raises(lk.JudgmentTypeError, match=r"^text must be a string; got b'x' \(bytes\)$"):
        check_text(b"x")
    with pytest.raises(
        lk.UnknownNodeError,
        match=r"source must be the name of a source, a string; got 3 \(int\)\. Sources: a, b",
    ):  # noqa: E501
        check_name(3, "source", "source", ["a", "b"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, "true"), (np.bool_(False), "false"), (np.array(True), "true"), ("false", "false")],
)
def test_observed_check_accepts_one_value(value: object, expected: str) -> None:
    from likelihood._core.validate import check_observed

    assert check_observed(value, ("true", "false"), True) == expected


@pytest.mark.parametrize(
    ("value", "part"),
    [
        (np.array([True, False]), "an array of shape (2,)"),
        (np.array([[True]]), "an array of shape (1, 1)"),
        ([True], "a list: [True]"),
        ((True,), "a tuple"),
    ],
)
def test_observed_check_refuses_several_values(value: object, part: str) -> None:
    from likelihood._core.validate import check_observed

    with pytest.raises(lk.StateError) as info:
        check_observed(value, ("true", "false"), True)
    assert "observed must be one value (True or False)" in str(info.value)
    assert part in str(info.value)
