"""Analysis files (TOML) and networks (BIF): reading, writing, round trips, errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import _pgmpy
import numpy as np
import pytest

import likelihood as lk
from likelihood._io.bif import ROW_TOLERANCE, parse_bif

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_FILES = sorted((ROOT / "examples").glob("*.toml"))

DESIGN_EXAMPLE = """
title = "Burglary alarm"
scale = "icd203"            # words are read on this scale unless a value names another

[hypothesis.burglary]
text = "A burglary is under way"
prior = 0.001               # a number, a word ("unlikely"), an interval [0.2, 0.4], ...

[hypothesis.earthquake]
prior = "remote chance"

[hypothesis.alarm]          # parents are read from the conditions
given = { "burglary & earthquake" = 0.95, "burglary & ~earthquake" = 0.94,
          "~burglary & earthquake" = 0.29, "~burglary & ~earthquake" = 0.001 }

[evidence.john_calls]
given = { "alarm" = 0.90, "~alarm" = 0.05 }
observed = true

[hypothesis.intent]         # several states
states = ["attack", "feint", "exercise"]
prior = { attack = 0.2, feint = 0.3, exercise = 0.5 }

[evidence.troops_massing]
given = { "intent=attack" = "likely", "intent=feint" = 0.5, "intent=exercise" = 0.3 }
observed = true
"""


def _write(tmp_path: Path, text: str, name: str = "analysis.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_a_word_of_another_scale_is_reported_with_its_place(tmp_path: Path) -> None:
    # the format's own example reads "remote chance" (a PHIA term) on ICD 203, whose word is
    # "remote": the file says where, and which scale has the word
    with pytest.raises(lk.ModelFileError) as info:
        lk.load(_write(tmp_path, DESIGN_EXAMPLE))
    message = str(info.value)
    assert "line 10: [hypothesis.earthquake] prior: 'remote chance'" in message
    assert "closest: 'almost no chance', 'remote'" in message
    assert "it is a term of: capphrase, phia" in message
    assert info.value.table == "hypothesis.earthquake" and info.value.key == "prior"
    assert isinstance(info.value.__cause__, lk.UnknownTermError)


def test_the_design_example_reads_and_answers(tmp_path: Path) -> None:
    m = lk.load(_write(tmp_path, DESIGN_EXAMPLE.replace('"remote chance"', '"remote"')))
    assert m.title == "Burglary alarm" and m.scale.name == "icd203"
    assert m.nodes["alarm"].parents == ("burglary", "earthquake")
    assert m.nodes["earthquake"].rows[0].value.origin.scale == "icd203"
    assert m.observed == {"john_calls": True, "troops_massing": True}
    post = m.infer(draws=4000, seed=1)
    likely = lk.judge("likely", scale="icd203").mean()
    # intent is independent of the alarm part: P(intent | massing) by Bayes' rule at the means
    weights = {"attack": 0.2 * likely, "feint": 0.3 * 0.5, "exercise": 0.5 * 0.3}
    total = sum(weights.values())
    for s, w in weights.items():
        assert (
            abs(post.probability(f"intent={s}") - w / total) < 4 * post.mcse(f"intent={s}") + 1e-12
        )


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_file_round_trips_to_identical_results(path: Path, tmp_path: Path) -> None:
    original = lk.load(path)
    copy = tmp_path / path.name
    original.save(copy)
    again = lk.load(copy)
    assert again.infer(draws=3000, seed=2).to_dict() == original.infer(draws=3000, seed=2).to_dict()
    # and once more: saving is stable
    again.save(tmp_path / "twice.toml")
    assert (tmp_path / "twice.toml").read_text() == copy.read_text()


def test_python_judgments_of_every_form_round_trip(tmp_path: Path) -> None:
    m = lk.Model(scale="phia", title="Forms")
    m.hypothesis("word", prior="likely")
    m.hypothesis("other_scale", prior={"term": "very unlikely", "scale": "icd203"})
    m.hypothesis("number", prior=0.25)
    m.hypothesis("interval", prior=lk.judge((0.2, 0.45), mass=0.8))
    m.hypothesis("quantiles", prior=lk.judge({0.05: 0.1, 0.5: 0.2, 0.95: 0.45}))
    m.hypothesis("beta", prior=lk.judge(beta=(2.5, 7)))
    m.hypothesis("linear", prior=lk.pool(["likely", 0.3], weights=[3, 1]))
    m.hypothesis("log", prior=lk.pool(["likely", "unlikely"], method="log"))
    m.hypothesis("updated", prior=lk.judge(beta=(2, 8)).update(successes=3, trials=10))
    m.hypothesis("table", states=["a", "b"], prior={"a": "unlikely", "b": (0.5, 0.9)})
    m.hypothesis("counts", states=["x", "y", "z"], prior=lk.Dirichlet({"x": 1, "y": 2, "z": 3}))
    m.evidence("strength", supports="word", strength=(3, 30), observed=True)
    m.source("src", reliability=(0.6, 0.9))
    m.report("rep", source="src", claims="table=a", observed=True)
    path = tmp_path / "forms.toml"
    m.save(path)
    again = lk.load(path)
    for name, node in m.nodes.items():
        for a, b in zip(node.rows, again.nodes[name].rows, strict=True):
            if isinstance(a.value, lk.Judgment):
                np.testing.assert_allclose(
                    a.value.cdf(np.linspace(0, 1, 41)),
                    b.value.cdf(np.linspace(0, 1, 41)),
                    atol=1e-12,
                )
    assert again.infer(draws=2000, seed=3).to_dict() == m.infer(draws=2000, seed=3).to_dict()


def test_a_scipy_distribution_cannot_be_saved(tmp_path: Path) -> None:
    from scipy import stats

    m = lk.Model()
    m.hypothesis("h", prior=lk.judge(stats.triang(0.5)))
    with pytest.raises(lk.ModelError, match="cannot write scipy.stats.triang"):
        m.save(tmp_path / "x.toml")


def test_a_user_scale_from_a_file_is_saved_by_path(tmp_path: Path) -> None:
    (tmp_path / "desk.toml").write_text(
        'name = "desk"\ntitle = "Desk"\nunit = "percent"\n'
        '[[term]]\nname = "toss-up"\nrange = [40, 60]\n'
    )
    m = lk.Model(scale=lk.Scale.from_toml(tmp_path / "desk.toml"))
    m.hypothesis("h", prior="toss-up")
    m.save(tmp_path / "a.toml")
    assert 'scale = "desk.toml"' in (tmp_path / "a.toml").read_text()
    assert lk.load(tmp_path / "a.toml").scale.name == "desk"
    python_scale = lk.Model(scale=lk.Scale.from_mapping("mine", {"so-so": (0.4, 0.6)}))
    python_scale.hypothesis("h", prior="so-so")
    with pytest.raises(lk.ModelError, match="made in Python"):
        python_scale.save(tmp_path / "b.toml")


def test_tables_may_come_in_any_order(tmp_path: Path) -> None:
    m = lk.load(
        _write(
            tmp_path,
            """
            [evidence.e]
            given = { "h" = 0.8, "~h" = 0.2 }
            observed = true
            [report.r]
            source = "s"
            claims = "h"
            [hypothesis.h]
            prior = 0.5
            [source.s]
            reliability = "C"
            """,
        )
    )
    assert list(m.nodes) == ["h", "e", "r"]
    assert m.infer(query=["h"]).probability("h") == pytest.approx(0.8)


# -- BIF ----------------------------------------------------------------------------------------


def test_saved_bif_reads_in_pgmpy_to_the_same_tables(tmp_path: Path) -> None:
    source = _pgmpy.example_models() / "asia.bif.gz"
    model = lk.load(source)
    model.save(tmp_path / "asia.bif")
    ours = _pgmpy.read(tmp_path / "asia.bif")
    published = _pgmpy.read(source)
    for cpd in published.get_cpds():
        mine = ours.get_cpds(cpd.variable)
        assert mine.state_names == cpd.state_names
        np.testing.assert_allclose(mine.get_values(), cpd.get_values(), atol=1e-15)


def test_uncertain_model_saves_to_bif_at_the_judgments_means(tmp_path: Path) -> None:
    m = lk.Model(title="Words to numbers")
    m.hypothesis("h", prior="likely")
    m.evidence("e", given={"h": "highly likely", "~h": (0.1, 0.3)})
    m.hypothesis("k", states=["a", "b", "c"], prior=lk.Dirichlet({"a": 1, "b": 1, "c": 2}))
    m.save(tmp_path / "w.bif")
    net = _pgmpy.read(tmp_path / "w.bif")
    h = net.get_cpds("h").get_values()
    assert h[0, 0] == pytest.approx(lk.judge("likely").mean(), abs=1e-12)
    e = net.get_cpds("e").get_values()
    assert e[0, 0] == pytest.approx(lk.judge("highly likely").mean(), abs=1e-12)
    assert e[0, 1] == pytest.approx(lk.judge((0.1, 0.3)).mean(), abs=1e-12)
    np.testing.assert_allclose(net.get_cpds("k").get_values()[:, 0], [0.25, 0.25, 0.5], atol=1e-12)
    assert lk.load(tmp_path / "w.bif").nodes["h"].states == ("true", "false")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "variable a { type discrete [ 2 ] { yes, no }; }\nprobability ( a ) { table 0.3, 0.7 }",
            "line 2: probability ( a ): expected ';'",
        ),
        (
            "variable a { type discrete [ 2 ] { yes, no }; }\n"
            "probability ( b ) { table 0.3, 0.7; }",
            "undeclared variable 'b'",
        ),
        ("variable a { type discrete [ 3 ] { yes, no }; }", "declares 3 states but lists 2"),
        (
            "variable a { type discrete [ 2 ] { yes, no }; }\n"
            "probability ( a ) { table 0.3, 0.6; }",
            "sums to 0.9",
        ),
        (
            "variable a { type discrete [ 2 ] { yes, no }; }\n"
            "variable b { type discrete [ 2 ] { yes, no }; }\n"
            "probability ( a ) { table 0.3, 0.7; }\n"
            "probability ( b | a ) { (maybe) 0.5, 0.5; (no) 0.5, 0.5; }",
            "'maybe' is not a state of 'a'",
        ),
        (
            "variable a { type discrete [ 2 ] { yes, no }; }\n"
            "variable b { type discrete [ 2 ] { yes, no }; }\n"
            "probability ( a ) { table 0.3, 0.7; }\n"
            "probability ( b | a ) { (yes) 0.5, 0.5; }",
            "no values for (no)",
        ),
        ("variable a { type discrete [ 2 ] { yes, no }; }", "'a' has no probability table"),
        ("bogus a { }", "expected 'network', 'variable' or 'probability'"),
        (
            "variable a { type discrete [ 2 ] { yes, no }; }\nprobability ( a ) { table 0.3, x; }",
            "expected a probability, found 'x'",
        ),
    ],
)
def test_bif_errors_name_the_place(text: str, message: str) -> None:
    with pytest.raises(lk.ModelFileError) as info:
        parse_bif(text, "net.bif")
    assert message in str(info.value) and str(info.value).startswith("net.bif")


def test_bif_rows_within_the_tolerance_are_renormalised() -> None:
    head = "variable a { type discrete [ 2 ] { yes, no }; }\n"
    near = parse_bif(head + f"probability ( a ) {{ table 0.3, {0.7 - ROW_TOLERANCE / 2!r}; }}")
    assert near.tables["a"].sum() == pytest.approx(1.0, abs=1e-15)
    with pytest.raises(lk.ModelFileError, match="sums to"):
        parse_bif(head + f"probability ( a ) {{ table 0.3, {0.7 - 2 * ROW_TOLERANCE!r}; }}")


def test_bif_conditional_table_form_is_child_major(tmp_path: Path) -> None:
    # table values: child state by child state, parent configurations with the last parent fastest
    text = (
        "variable a { type discrete [ 2 ] { a0, a1 }; }\n"
        "variable b { type discrete [ 2 ] { b0, b1 }; }\n"
        "probability ( a ) { table 0.4, 0.6; }\n"
        "probability ( b | a ) { table 0.1, 0.8, 0.9, 0.2; }\n"
    )
    (tmp_path / "t.bif").write_text(text)
    ours = lk.load(tmp_path / "t.bif").infer().probability("b")
    oracle = _pgmpy.marginals(_pgmpy.read(tmp_path / "t.bif"), {})["b"]
    for s, p in oracle.items():
        assert ours[s] == pytest.approx(p, abs=1e-15)
    assert ours["b0"] == pytest.approx(0.4 * 0.1 + 0.6 * 0.8)


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "model.txt"
    path.write_text("x")
    with pytest.raises(lk.ModelFileError, match="cannot tell the format"):
        lk.load(path)


def test_the_documented_example_file_loads_and_runs(tmp_path: Path) -> None:
    import re

    text = (ROOT / "docs" / "files.md").read_text()
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block is not None
    m = lk.load(_write(tmp_path, block.group(1)))
    assert set(m.nodes) >= {"burglary", "alarm", "intent", "claim", "leave_cancelled"}
    post = m.infer(draws=2000, seed=1)
    assert 0 < post.probability("intent=attack") < 1


def test_pools_sources_and_reports_in_a_file_round_trip(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        title = "Pools"
        [hypothesis.h]
        prior = { pool = ["likely", [0.2, 0.4], "unlikely"], method = "log" }
        [hypothesis.g]
        prior = { pool = ["likely", "unlikely"], weights = [3, 1] }
        [evidence.e]
        given = { "h" = { pool = ["highly likely", "likely"], method = "log" }, "~h" = "unlikely" }
        observed = true
        [source.reporter]
        reliability = "C"
        [report.claim]
        source = "reporter"
        claims = "g"
        observed = true
        """,
    )
    m = lk.load(path)
    grid = np.linspace(0.0, 1.0, 101)
    expected = {
        "h": lk.pool(["likely", (0.2, 0.4), "unlikely"], method="log"),
        "g": lk.pool(["likely", "unlikely"], weights=[3, 1]),
    }
    for name, pooled in expected.items():
        read = m.nodes[name].rows[0].value
        np.testing.assert_allclose(read.cdf(grid), pooled.cdf(grid), atol=1e-12)
    a, b = lk.judge("highly likely").beta, lk.judge("likely").beta
    # the log pool of Betas, weights w summing to 1, is Beta(Σ w (a - 1) + 1, Σ w (b - 1) + 1)
    log_pool = m.nodes["e"].rows[0].value
    assert log_pool.beta == pytest.approx(
        (0.5 * (a[0] - 1) + 0.5 * (b[0] - 1) + 1, 0.5 * (a[1] - 1) + 0.5 * (b[1] - 1) + 1)
    )
    assert m.sources["reporter"].grade == "C"
    m.save(tmp_path / "again.toml")
    again = lk.load(tmp_path / "again.toml")
    assert again.sources["reporter"].grade == "C"
    assert again.nodes["claim"].source == "reporter"
    assert again.infer(draws=2000, seed=4).to_dict() == m.infer(draws=2000, seed=4).to_dict()


# -- long chains: iterative graph algorithms ------------------------------------------------------


def test_a_chain_of_2000_nodes_listed_children_first_loads(tmp_path: Path) -> None:
    blocks = ["[hypothesis.n0]\nprior = 0.3\n"]
    blocks += [
        f'[hypothesis.n{i}]\ngiven = {{ "n{i - 1}" = 0.9, "~n{i - 1}" = 0.2 }}\n'
        for i in range(1, 2000)
    ]
    path = tmp_path / "chain.toml"
    path.write_text("\n".join(reversed(blocks)))
    m = lk.load(path)
    assert list(m.nodes) == [f"n{i}" for i in range(2000)]  # parents first
    assert m.nodes["n1999"].parents == ("n1998",)


def test_a_bif_chain_of_1500_variables_written_children_first_loads(tmp_path: Path) -> None:
    n = 1500
    variables = [f"variable v{i} {{ type discrete [ 2 ] {{ yes, no }}; }}" for i in range(n)]
    tables = ["probability ( v0 ) { table 0.3, 0.7; }"] + [
        f"probability ( v{i} | v{i - 1} ) {{ (yes) 0.9, 0.1; (no) 0.2, 0.8; }}" for i in range(1, n)
    ]
    path = tmp_path / "chain.bif"
    path.write_text("\n".join(reversed(variables)) + "\n" + "\n".join(reversed(tables)) + "\n")
    m = lk.load(path)
    assert list(m.nodes) == [f"v{i}" for i in range(n)]
    assert m.nodes["v1499"].parents == ("v1498",)
    # and a cycle in a long chain is named, not a RecursionError
    path.write_text(
        path.read_text().replace(
            "probability ( v0 ) { table 0.3, 0.7; }",
            "probability ( v0 | v1499 ) { (yes) 0.3, 0.7; (no) 0.5, 0.5; }",
        )
    )
    with pytest.raises(lk.ModelFileError, match="cycle") as info:
        lk.load(path)
    assert isinstance(info.value.__cause__, lk.CycleError)


# -- saving: refused up front, atomic -------------------------------------------------------------


def _small() -> lk.Model:
    m = lk.Model(title="small")
    m.hypothesis("a", prior=0.3)
    m.evidence("e", given={"a": 0.8, "~a": 0.2}, observed=True)
    return m


def test_a_failed_save_leaves_the_old_file_byte_for_byte(tmp_path: Path) -> None:
    from scipy import stats

    for name, bad in [
        ("m.toml", lambda m: m.hypothesis("h", prior=lk.judge(stats.triang(0.5)))),
        ("m.bif", lambda m: m.hypothesis("h", states=["a b", "c"], prior={"a b": 0.5, "c": 0.5})),
        (
            "m.bif.gz",
            lambda m: m.hypothesis("h", states=["a,b", "c"], prior={"a,b": 0.5, "c": 0.5}),
        ),
        ("m.toml", lambda m: setattr(m, "title", "lone \udc80 surrogate")),
    ]:
        path = tmp_path / name
        _small().save(path)
        before = path.read_bytes()
        model = _small()
        bad(model)
        with pytest.raises(lk.ModelError) as info:
            model.save(path)
        assert path.read_bytes() == before, name
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file
        assert "\n" not in str(info.value)


def test_a_state_bif_cannot_name_is_refused_with_its_name(tmp_path: Path) -> None:
    for state in ["a b", "a,b", "a}", "a;b", 'a"b', "a//b", "tab\there"]:
        m = lk.Model()
        m.hypothesis("x", states=[state, "other"], prior={state: 0.3, "other": 0.7})
        with pytest.raises(lk.ModelError) as info:
            m.save(tmp_path / "m.bif")
        message = str(info.value)
        assert repr(state) in message and "'x'" in message and "BIF" in message, message
        assert ".toml" in message
        assert not (tmp_path / "m.bif").exists()
        m.save(tmp_path / "m.toml")  # TOML keeps it
        assert lk.load(tmp_path / "m.toml").nodes["x"].states == (state, "other")


def test_save_names_a_missing_folder_a_directory_and_an_unknown_suffix(tmp_path: Path) -> None:
    m = _small()
    with pytest.raises(lk.ModelFileError, match="nowhere.*does not exist"):
        m.save(tmp_path / "nowhere" / "m.toml")
    (tmp_path / "folder.toml").mkdir()
    with pytest.raises(lk.ModelFileError, match="it is a directory"):
        m.save(tmp_path / "folder.toml")
    with pytest.raises(lk.OptionError, match=r"m\.txt.*\.toml.*\.bif"):
        m.save(tmp_path / "m.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.toml"]


def test_a_saved_file_keeps_the_old_files_permissions(tmp_path: Path) -> None:
    import os
    import stat

    path = tmp_path / "m.toml"
    _small().save(path)
    os.chmod(path, 0o640)
    _small().save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_texts_with_quotes_dollars_control_characters_and_unicode_round_trip(
    tmp_path: Path,
) -> None:
    title = "bell \x07 tab\t newline\n \"quoted\" \\ back 'single' $x$ ünïcode \x7f nul \x00"
    m = lk.Model(title=title)
    m.hypothesis("h", prior="likely", text='she said "no" \\ $5, / ¿?')
    states = ["a b", "c,d", "e/f", 'g"h', "$i", "ä中", "x=y", "bell\x07"]
    m.hypothesis("k", states=states, prior={s: 1 / len(states) for s in states})
    m.evidence("e", given={f"k={s}": 0.1 + 0.1 * i for i, s in enumerate(states)}, observed=True)
    m.observe("h", True)  # an observed hypothesis
    m.observe("k", "c,d")
    path = tmp_path / "m.toml"
    m.save(path)
    text = path.read_text("utf-8")
    assert "\\u0007" in text and "\\u007F" in text and "\\u0000" in text and "\\n" in text
    assert "[observe]" in text
    again = lk.load(path)
    assert again.title == title
    assert again.nodes["h"].text == m.nodes["h"].text
    assert again.nodes["k"].states == tuple(states)
    assert again.observed == {"h": True, "k": "c,d", "e": True}
    a, b = m.infer(draws=200, seed=1), again.infer(draws=200, seed=1)
    assert b.probability("k") == a.probability("k")


def test_observe_table_errors_name_the_key_and_its_line(tmp_path: Path) -> None:
    base = "[hypothesis.a]\nprior = 0.3\n[evidence.e]\ngiven = { a = 0.8, '~a' = 0.2 }\n"
    cases = [
        (base + "observed = true\n[observe]\ne = true\n", "observed twice", 7, "e"),
        (base + "[observe]\nb = true\n", "no node 'b'", 6, "b"),
        (base + "[observe]\na = 'yes'\n", "True or False", 6, "a"),
        ("[hypothesis.a]\nprior = 0.3\nobserved = true\n", "[observe]", 3, "observed"),
    ]
    for text, message, line, key in cases:
        with pytest.raises(lk.ModelFileError) as info:
            lk.load(_write(tmp_path, text))
        assert message in str(info.value), str(info.value)
        assert info.value.line == line and f"line {line}" in str(info.value)
        assert info.value.key == key


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[hypothesis.a]\nprior = { interval = [0.2, 0.4], mas = 0.9 }\n", 2),
        ("[hypothesis.a]\nprior = { interval = [0.2, 0.4],\n          mas = 0.9 }\n", 3),
        (
            "[hypothesis.a]\nprior = 0.3\n[hypothesis.b]\n"
            'given = { "a" = 0.2,\n  "~a" = { interval = [0.2, 0.4],\n  mas = 0.9 } }\n',
            6,
        ),
    ],
)
def test_a_typo_inside_a_value_form_is_an_unknown_key_with_its_line(
    tmp_path: Path, text: str, line: int
) -> None:
    with pytest.raises(lk.ModelFileError) as info:
        lk.load(_write(tmp_path, text))
    message = str(info.value)
    assert "unknown key 'mas'" in message and "'mass'" in message, message
    assert info.value.line == line and f"line {line}:" in message, message


# -- a scale of the analyst's own ------------------------------------------------------------------

HOUSE = """name = "house"
title = "House words"
unit = "percent"
[[term]]
name = "doubtful"
range = [10, 30]
[[term]]
name = "probable"
range = [60, 85]
"""


def test_a_custom_scale_is_named_in_value_forms_by_name_or_by_file(tmp_path: Path) -> None:
    (tmp_path / "house.toml").write_text(HOUSE)
    house = lk.Scale.from_toml(tmp_path / "house.toml")
    path = _write(
        tmp_path,
        """
        scale = "house.toml"
        [hypothesis.h]
        prior = "probable"
        [hypothesis.g]
        prior = { term = "doubtful", scale = "house" }
        [hypothesis.k]
        given = { "h" = { pool = [{ term = "probable", scale = "house.toml" }, 0.3] },
                  "~h" = { term = "unlikely", scale = "phia" } }
        """,
    )
    m = lk.load(path)
    assert m.scale.name == "house"
    assert m.nodes["g"].rows[0].value.mean() == pytest.approx(
        lk.judge("doubtful", scale=house).mean()
    )
    m.save(tmp_path / "again.toml")
    again = lk.load(tmp_path / "again.toml")
    assert again.infer(draws=500, seed=2).to_dict() == m.infer(draws=500, seed=2).to_dict()
    # a scale name that is not built in, with a scale file beside the analysis: say how to name it
    with pytest.raises(lk.ModelFileError, match="scale = 'house.toml'"):
        lk.load(_write(tmp_path, 'scale = "house"\n[hypothesis.h]\nprior = 0.3\n', "b.toml"))


def test_a_word_of_a_scale_the_file_cannot_name_is_refused_up_front(tmp_path: Path) -> None:
    (tmp_path / "house.toml").write_text(HOUSE)
    house = lk.Scale.from_toml(tmp_path / "house.toml")
    m = lk.Model()  # phia
    with pytest.warns(lk.LikelihoodWarning):
        m.hypothesis("h", prior=lk.judge("probable", scale=house))
    with pytest.raises(lk.ModelError, match="'house'"):
        m.save(tmp_path / "m.toml")
    assert not (tmp_path / "m.toml").exists()


# -- BIF as other tools write it ----------------------------------------------------------------


def test_bif_written_by_pyagrum_and_pgmpy_loads_to_the_same_marginals(tmp_path: Path) -> None:
    import gzip

    gum = pytest.importorskip("pyagrum")
    source = _pgmpy.example_models() / "alarm.bif.gz"
    plain = tmp_path / "alarm.bif"
    plain.write_bytes(gzip.decompress(source.read_bytes()))
    bn = gum.loadBN(str(plain))
    gum.saveBN(bn, str(tmp_path / "agrum.bif"))  # quoted name, type discrete[2], spaces
    text = (tmp_path / "agrum.bif").read_text()
    assert 'network "' in text and "discrete[" in text
    ie = gum.LazyPropagation(bn)
    ie.makeInference()
    post = lk.load(tmp_path / "agrum.bif").infer()
    for node in bn.nodes():
        name = bn.variable(node).name()
        theirs = ie.posterior(node).tolist()
        for k, label in enumerate(bn.variable(node).labels()):
            assert post.probability(name)[label] == pytest.approx(theirs[k], abs=1e-6)
    with _pgmpy.quiet():
        from pgmpy.readwrite import BIFWriter

        BIFWriter(_pgmpy.read(source)).write(str(tmp_path / "pgmpy.bif"))
    ours = lk.load(tmp_path / "pgmpy.bif").infer()
    published = lk.load(source).infer()
    for name in published.model.nodes:
        for state, p in published.probability(name).items():
            assert ours.probability(name)[state] == pytest.approx(p, abs=1e-12)


TWO = """network n { }
variable a { type discrete [ 2 ] { yes, no }; }
variable b { type discrete [ 2 ] { yes, no }; }
probability ( a ) { table 0.3, 0.7; }
probability ( b | a ) { (yes) 0.8, 0.2; (no) 0.1, 0.9; }
"""


@pytest.mark.parametrize(
    ("content", "name", "message", "line"),
    [
        (
            TWO.replace("[ 2 ] { yes, no }; }\nvariable b", "[ inf ] { yes, no }; }\nvariable b"),
            "n.bif",
            "'a'",
            2,
        ),
        (
            TWO.replace("[ 2 ] { yes, no }; }\nvariable b", "[ nan ] { yes, no }; }\nvariable b"),
            "n.bif",
            "'nan'",
            2,
        ),
        (
            TWO.replace("[ 2 ] { yes, no }; }\nvariable b", "[ 2.5 ] { yes, no }; }\nvariable b"),
            "n.bif",
            "whole number",
            2,
        ),
        (TWO.replace("table 0.3, 0.7;", "table inf, 0;"), "n.bif", "[0, 1]", 4),
        (TWO.replace("(no) 0.1, 0.9;", "(no) nan, 0.9;"), "n.bif", "nan", 5),
        (TWO.replace("(no) 0.1, 0.9;", "(yes) 0.1, 0.9;"), "n.bif", "given twice", 5),
        ("", "n.bif", "no variable", None),
        ("  // only a comment\n", "n.bif", "no variable", None),
        (b"\x1f\x8b\x08\x00 not gzip at all", "n.bif.gz", "gzip", None),
        (TWO.encode()[:-30], "n.bif.gz", "gzip", None),
        (TWO.replace("network n", "network caf\xe9").encode("latin-1"), "n.bif", "UTF-8", 1),
    ],
)
def test_bif_errors_name_the_file_and_the_line(
    tmp_path: Path, content: str | bytes, name: str, message: str, line: int | None
) -> None:
    import gzip

    path = tmp_path / name
    data = content.encode() if isinstance(content, str) else content
    if name.endswith(".gz") and data.startswith(TWO.encode()[:10]):
        data = gzip.compress(data)[:-12]  # a truncated stream
    path.write_bytes(data)
    with pytest.raises(lk.ModelFileError) as info:
        lk.load(path)
    text = str(info.value)
    assert text.startswith(str(path)) and message in text, text
    assert info.value.path == str(path) and info.value.line == line, text
    assert "\n" not in text


def test_bif_accepts_a_byte_order_mark_numeric_state_names_and_a_directory_is_named(
    tmp_path: Path,
) -> None:
    path = tmp_path / "n.bif"
    path.write_bytes(b"\xef\xbb\xbf" + TWO.encode())
    assert lk.load(path).infer().probability("a") == pytest.approx({"yes": 0.3, "no": 0.7})
    numeric = (
        TWO.replace("{ yes, no }", "{ 0, 0.5 }").replace("(yes)", "(0)").replace("(no)", "(0.5)")
    )
    path.write_text(numeric)
    m = lk.load(path)
    assert m.nodes["a"].states == ("0", "0.5")
    assert m.infer().probability("b=0") == pytest.approx(0.3 * 0.8 + 0.7 * 0.1)
    (tmp_path / "folder.bif").mkdir()
    with pytest.raises(lk.ModelFileError, match="it is a directory"):
        lk.load(tmp_path / "folder.bif")


def test_bif_gz_saves_and_loads(tmp_path: Path) -> None:
    m = lk.load(_pgmpy.example_models() / "asia.bif.gz")
    m.save(tmp_path / "asia.bif.gz")
    again = lk.load(tmp_path / "asia.bif.gz")
    for name in m.nodes:
        np.testing.assert_allclose(
            list(again.infer().probability(name).values()),
            list(m.infer().probability(name).values()),
            atol=1e-15,
        )
