"""Every file Model.save writes, lk.load reads back to the same answers (Hypothesis).

Random models of a few nodes — binary and several-state, judgments as words, numbers and
intervals, observations (on hypotheses too), a source and a report — whose state names,
titles and texts are drawn from an alphabet with spaces, commas, '/', quotes, '$',
backslashes, non-ASCII letters and control characters. Each is saved; either the save
refuses up front with a documented error (and leaves no file), or the file loads back to the
same model and the same answers (the same draws under the same seed, to 1e-12).
"""

from __future__ import annotations

import itertools
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import likelihood as lk
from likelihood._core.conditions import valid_state
from likelihood._io.bif import bif_name_problem

SETTINGS = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: What names and texts are made of: the characters that broke files before, and some letters.
SPECIAL = list(" ,/\"'$\\#=~[]{}.:;|&") + ["é", "ü", "中", "»"]
SPECIAL += ["\x00", "\x07", "\t", "\n", "\x7f", "\udc80"]  # control characters, a lone surrogate
CHARS = st.sampled_from(SPECIAL) | st.characters(codec="utf-8", categories=["L", "N", "P", "S"])
TEXT = st.text(CHARS, max_size=8)
STATE = st.text(CHARS, min_size=1, max_size=5).filter(valid_state)
NODE = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,5}", fullmatch=True)

WORDS = lk.scale("phia").names
INTERVALS = [(0.1, 0.3), (0.2, 0.45), (0.5, 0.9), (0.05, 0.6)]
PROBABILITY = st.one_of(
    st.sampled_from(WORDS),
    st.floats(0.0, 1.0),
    st.sampled_from(INTERVALS),
)


@dataclass
class Spec:
    """A random model, as the calls that make it."""

    title: str
    nodes: list[tuple[str, str, tuple[str, ...] | None, list[str], Any, str]] = field(
        default_factory=list
    )  # (role, name, states, parents, prior or given, text)
    observed: dict[str, Any] = field(default_factory=dict)
    report: tuple[str, Any] | None = None  # (claimed binary node, reliability)


@st.composite
def specs(draw: st.DrawFn, numbers_only: bool = False) -> Spec:
    probability = st.floats(0.0, 1.0) if numbers_only else PROBABILITY
    spec = Spec(title=draw(TEXT))
    names = draw(st.lists(NODE, min_size=1, max_size=4, unique_by=str.lower))
    states_of: dict[str, tuple[str, ...] | None] = {}
    for i, name in enumerate(names):
        several = draw(st.booleans())
        states = (
            tuple(draw(st.lists(STATE, min_size=2, max_size=3, unique=True))) if several else None
        )
        parents = draw(st.lists(st.sampled_from(names[:i]), max_size=2, unique=True)) if i else []

        def value(states: tuple[str, ...] | None = states) -> Any:
            if states is None:
                return draw(probability)
            entries = {s: draw(probability) for s in states}
            if all(v == 0.0 for v in entries.values()):
                entries[states[0]] = 0.5
            return entries

        if parents:
            rows: dict[str, Any] = {}
            literal_sets = []
            for p in parents:
                ps = states_of[p]
                literal_sets.append([p, f"~{p}"] if ps is None else [f"{p}={s}" for s in ps])
            for combo in itertools.product(*literal_sets):
                rows[" & ".join(combo)] = value()
            table: Any = ("given", rows)
        else:
            table = ("prior", value())
        role = draw(st.sampled_from(["hypothesis", "evidence"]))
        spec.nodes.append((role, name, states, parents, table, draw(TEXT)))
        states_of[name] = states
        if draw(st.integers(0, 2)) == 0:
            spec.observed[name] = (
                draw(st.booleans()) if states is None else draw(st.sampled_from(states))
            )
    binary = [n for n in names if states_of[n] is None]
    if binary and draw(st.booleans()):
        reliabilities = [0.7] if numbers_only else ["B", "F", (0.6, 0.9), 0.7]
        spec.report = (draw(st.sampled_from(binary)), draw(st.sampled_from(reliabilities)))
    return spec


def build(spec: Spec) -> lk.Model:
    m = lk.Model(title=spec.title)
    for role, name, states, _, (kind, table), text in spec.nodes:
        add = m.hypothesis if role == "hypothesis" else m.evidence
        if kind == "prior":
            add(name, table, states=states, text=text)
        else:
            add(name, given=table, states=states, text=text)
    if spec.report is not None:
        claimed, reliability = spec.report
        m.source("src", reliability=reliability, text='the reporter, "unnamed" $')
        m.report("rep", source="src", claims=claimed, observed=True)
    for name, value in spec.observed.items():
        m.observe(name, value)
    return m


def answers(model: lk.Model) -> Any:
    """The probabilities of every node under a fixed seed, or the error inference raises."""
    try:
        post = model.infer(draws=64, seed=5)
    except lk.EvidenceError as error:
        return type(error)
    return {name: post.probability(name) for name in model.nodes}


def same(a: Any, b: Any) -> None:
    if not isinstance(a, dict):
        assert a == b
        return
    assert a.keys() == b.keys()
    for name, p in a.items():
        q = b[name]
        if isinstance(p, dict):
            assert p.keys() == q.keys()
            for s in p:
                assert q[s] == pytest.approx(p[s], abs=1e-12, nan_ok=True), (name, s)
        else:
            assert q == pytest.approx(p, abs=1e-12, nan_ok=True), name


@SETTINGS
@given(specs())
def test_every_saved_analysis_file_loads_back_to_the_same_answers(spec: Spec) -> None:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore", lk.LikelihoodWarning)
        model = build(spec)
        path = Path(folder) / "analysis.toml"
        try:
            model.save(path)
        except (lk.ModelError, lk.ModelFileError) as error:  # refused up front, documented
            assert not path.exists(), f"a refused save left a file: {error}"
            assert list(Path(folder).iterdir()) == []
            return
        assert [p.name for p in Path(folder).iterdir()] == ["analysis.toml"]
        again = lk.load(path)
        assert again.title == model.title
        assert again.observations == model.observations
        assert list(again.nodes) == list(model.nodes)
        for name, node in model.nodes.items():
            other = again.nodes[name]
            assert (other.role, other.states, other.parents, other.text) == (
                node.role,
                node.states,
                node.parents,
                node.text,
            )
        same(answers(model), answers(again))
        # and saving again writes the same file
        again.save(Path(folder) / "twice.toml")
        assert (Path(folder) / "twice.toml").read_text("utf-8") == path.read_text("utf-8")


def as_tables(found: Any) -> Any:
    """Answers with every binary probability as its table {true: p, false: 1 - p} (as in BIF)."""
    if not isinstance(found, dict):
        return found
    return {
        name: p if isinstance(p, dict) else {"true": p, "false": 1.0 - p}
        for name, p in found.items()
    }


@SETTINGS
@given(specs(numbers_only=True))
def test_every_saved_bif_loads_back_or_names_the_state_it_cannot_hold(spec: Spec) -> None:
    # BIF holds numbers only (judgments at their means); a model of numbers loads back to the
    # same answers, its binary nodes as the states true, false. A state BIF cannot name is
    # refused up front, named, and no file is written.
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore", lk.LikelihoodWarning)
        model = build(spec)
        path = Path(folder) / "network.bif"
        unwritable = [
            s for node in model.nodes.values() for s in node.states if bif_name_problem(s)
        ]
        try:
            model.save(path)
        except lk.ModelError as error:
            message = str(error)
            assert unwritable, message
            assert any(repr(s) in message for s in unwritable), message
            assert "BIF" in message and ".toml" in message
            assert list(Path(folder).iterdir()) == []
            return
        assert not unwritable
        again = lk.load(path)
        assert list(again.nodes) == list(model.nodes)
        for name, node in model.nodes.items():
            assert again.nodes[name].states == node.states
            assert again.nodes[name].parents == node.parents
        for name, state in model.observations.items():
            again.observe(name, state)
        expected, found = as_tables(answers(model)), answers(again)
        if not isinstance(expected, dict):
            assert expected == found
            return
        for name, table in expected.items():
            for state, p in table.items():
                assert found[name][state] == pytest.approx(p, abs=1e-9, nan_ok=True)
