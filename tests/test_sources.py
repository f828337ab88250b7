"""Graded reports ("B2") and sources that may have an agenda.

Oracles: the Beta means of the grades' judgments (scipy), and the closed form
of the coherent answer, which is linear in each independent parameter of a
report: ``P(h | report) = p·E[(1 + r)/2]·E[c] / (p·E[(1 + r)/2]·E[c] +
(1 − p)·E[(1 − r)/2]·E[1 − c])``; with an agenda of propensity d,
``P(report | h) = d + (1 − d)·(1 + r)/2``. The readings are checked against the
published tables (STANAG 2511 labels, PHIA ranges) in the data files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from scipy import stats

import likelihood as lk
from likelihood._core.model import credibility_judgment, grade_judgment, parse_grade

sys.path.insert(0, str(Path(__file__).parent))
from test_cli import cli_here  # noqa: E402

DRAWS = 40_000


def mean(judgment: lk.Judgment) -> float:
    a, b = judgment.beta
    return float(stats.beta(a, b).mean())


def one_report(grade: str | None, reliability: str = "B", prior: float = 0.2) -> lk.Model:
    m = lk.Model()
    m.hypothesis("h", prior=prior)
    m.source("agency", reliability=reliability)
    m.report("wire", source="agency", claims="h", grade=grade, observed=True)
    return m


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("B2", ("B", "2")),
        ("f6", ("F", "6")),
        (" A1 ", ("A", "1")),
        ("2", (None, "2")),
        ("probably true", (None, "2")),
        ("usually reliable", ("B", None)),
        ("G7", (None, None)),
        ("B 2", ("B", "2")),
    ],
)
def test_grades_split_into_letter_and_number(text: str, parts: tuple) -> None:
    assert parse_grade(text) == parts


@pytest.mark.parametrize(
    ("code", "word"),
    [
        ("1", "almost certain"),
        ("2", "likely"),
        ("3", "realistic possibility"),
        ("4", "unlikely"),
        ("5", "highly unlikely"),
    ],
)
def test_credibility_reads_the_phia_word(code: str, word: str) -> None:
    phia = lk.judge(word, scale="phia")
    assert credibility_judgment(code).beta == pytest.approx(phia.beta, rel=1e-12)
    assert credibility_judgment(code).origin.scale == "admiralty"


def test_credibility_six_is_uniform() -> None:
    assert credibility_judgment("6").beta == (1.0, 1.0)


@pytest.mark.parametrize("grade", ["B2", "2", "B4", "probably true", "B6"])
def test_a_graded_report_matches_the_closed_form(grade: str) -> None:
    m = one_report(grade)
    post = m.infer(draws=DRAWS, seed=2)
    r = mean(grade_judgment("B"))
    c = mean(credibility_judgment(parse_grade(grade)[1] or "6"))
    yes, no = 0.2 * (1 + r) / 2 * c, 0.8 * (1 - r) / 2 * (1 - c)
    assert abs(post.probability("h") - yes / (yes + no)) <= 4 * post.mcse("h")


@pytest.mark.parametrize(("code", "letter"), [("B2", "B"), ("F6", "F"), ("A1", "A"), ("e5", "E")])
def test_every_combined_code_works_with_its_source(code: str, letter: str) -> None:
    m = one_report(code, reliability=letter)
    assert m.nodes["wire"].grade == code
    post = m.infer(draws=DRAWS, seed=4)
    r = mean(grade_judgment(letter))
    c = mean(credibility_judgment(code[1]))
    yes, no = 0.2 * (1 + r) / 2 * c, 0.8 * (1 - r) / 2 * (1 - c)
    assert abs(post.probability("h") - yes / (yes + no)) <= 4 * post.mcse("h")


def test_grade_six_moves_nothing_on_average() -> None:
    graded = one_report("B6").infer(draws=DRAWS, seed=3)
    plain = one_report(None).infer(draws=DRAWS, seed=3)
    joint = (graded.mcse("h") ** 2 + plain.mcse("h") ** 2) ** 0.5
    assert abs(graded.probability("h") - plain.probability("h")) <= 4 * joint
    lo, hi = graded.interval("h")
    plo, phi = plain.interval("h")
    assert hi - lo > phi - plo  # the band is wider: the truth could not be judged


def test_the_grade_is_a_parameter_that_analyses_name() -> None:
    post = one_report("B2").infer(draws=4000, seed=1)
    labels = [p.label for p in post.compiled.parameters]
    assert "wire: credibility" in labels
    rows = post.sensitivity("h").rows
    assert any("credibility" in str(row.get("judgment", row)) for row in rows)


@pytest.mark.parametrize(
    ("grade", "message"),
    [
        ("A1", "gives the source reliability A, but source 'agency' is graded B"),
        ("X9", "is not an Admiralty grade"),
        ("9", "is not an Admiralty grade"),
    ],
)
def test_bad_grades_are_refused_with_the_allowed_ones(grade: str, message: str) -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.2)
    m.source("agency", reliability="B")
    before = m.copy()
    with pytest.raises(lk.LikelihoodError, match=message) as caught:
        m.report("wire", source="agency", claims="h", grade=grade, observed=True)
    assert caught.value.where == ("wire", "grade")
    if "not an Admiralty grade" in message:
        assert "A completely reliable" in str(caught.value)
        assert "6 truth cannot be judged" in str(caught.value)
    assert list(m.nodes) == list(before.nodes)  # a failed call leaves the model unchanged


def test_a_report_grade_given_to_a_source_is_named() -> None:
    m = lk.Model()
    with pytest.raises(lk.UnknownTermError, match="'B2' grades a report"):
        m.source("agency", reliability="B2")


def test_a_letter_against_a_source_judged_otherwise_is_refused() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.2)
    m.source("agency", reliability=0.8)
    with pytest.raises(lk.ConditionError, match="has its reliability as a judgment"):
        m.report("wire", source="agency", claims="h", grade="B2")
    m.report("wire", source="agency", claims="h", grade="2", observed=True)  # the number alone


def test_an_agenda_of_zero_is_the_model_without_one() -> None:
    plain = lk.Model()
    plain.hypothesis("h", prior=0.3)
    plain.source("officials", reliability="C")
    plain.report("r1", source="officials", claims="h", observed=True, grade="C3")
    plain.report("r2", source="officials", claims="~h", observed=False)
    agenda = lk.Model()
    agenda.hypothesis("h", prior=0.3)
    agenda.source("officials", reliability="C", agenda=0.0)
    agenda.report("r1", source="officials", claims="h", observed=True, grade="C3")
    agenda.report("r2", source="officials", claims="~h", observed=False)
    a, b = plain.infer(draws=20_000, seed=5), agenda.infer(draws=20_000, seed=5)
    assert a.probability("h") == pytest.approx(b.probability("h"), abs=1e-12)
    assert a.interval("h") == pytest.approx(b.interval("h"), abs=1e-12)


def test_an_agenda_matches_the_closed_form_and_learns_the_intent() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.2)
    m.source("officials", reliability=0.6, agenda=0.3)
    m.report("leak", source="officials", claims="h", observed=True)
    post = m.infer(seed=1)  # every number fixed: one exact evaluation
    d, r = 0.3, 0.6
    yes = 0.2 * (d + (1 - d) * (1 + r) / 2)
    no = 0.8 * (d + (1 - d) * (1 - r) / 2)
    assert post.probability("h") == pytest.approx(yes / (yes + no), abs=1e-12)
    agenda = d * 1.0 / (d + (1 - d) * (0.2 * (1 + r) / 2 + 0.8 * (1 - r) / 2))
    assert post.probability("officials_agenda") == pytest.approx(agenda, abs=1e-12)


def test_reports_of_one_source_share_its_agenda() -> None:
    def leaks(k: int) -> float:
        m = lk.Model()
        m.hypothesis("h", prior=0.2)
        m.source("officials", reliability=0.6, agenda=0.3)
        for i in range(k):
            m.report(f"leak{i}", source="officials", claims="h", observed=True)
        return m.infer(seed=1).probability("officials_agenda")

    assert leaks(2) > leaks(1) > 0.3


def test_an_agenda_needs_its_node_name() -> None:
    m = lk.Model()
    m.hypothesis("officials_agenda", prior=0.5)
    with pytest.raises(lk.ModelError, match="needs a node named 'officials_agenda'"):
        m.source("officials", reliability="C", agenda="unlikely")
    assert "officials" not in m.sources


FILE = """
title = "A floated narrative"
seed = 3

[hypothesis.talks]
prior = "realistic possibility"

[source.officials]
reliability = "F"
agenda = "unlikely"

[source.agency]
reliability = "B"

[report.leak]
source = "officials"
claims = "talks"
grade = "F3"
observed = true

[report.wire]
source = "agency"
claims = "talks"
grade = "B2"
observed = true
"""


def test_grades_and_agendas_round_trip_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "narrative.toml"
    path.write_text(FILE, encoding="utf-8")
    m = lk.load(path)
    assert m.nodes["wire"].grade == "B2"
    assert m.sources["officials"].agenda == "officials_agenda"
    again = tmp_path / "again.toml"
    m.save(again)
    text = again.read_text(encoding="utf-8")
    assert 'agenda = "unlikely"' in text and 'grade = "F3"' in text
    assert "[hypothesis.officials_agenda]" not in text
    m2 = lk.load(again)
    assert m2.infer(seed=3).probability("talks") == m.infer(seed=3).probability("talks")


def test_a_bad_grade_in_a_file_names_the_table(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(FILE.replace('grade = "B2"', 'grade = "B9"'), encoding="utf-8")
    with pytest.raises(lk.ModelFileError, match=r"report\.wire.*'B9' is not an Admiralty grade"):
        lk.load(path)


def test_the_command_line_runs_graded_reports(tmp_path: Path) -> None:
    path = tmp_path / "narrative.toml"
    path.write_text(FILE, encoding="utf-8")
    done = cli_here("run", str(path), "--json", "--no-analyses")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert "officials_agenda" in json.dumps(answer)


def test_a_source_with_an_agenda_keeps_its_place_in_a_saved_file(tmp_path: Path) -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    m.source("s", reliability="C", agenda="unlikely")  # after the hypothesis
    m.source("t", reliability="B")
    m.report("r", source="s", claims="h", observed=True)
    m.report("q", source="t", claims="h", observed=True)
    path = tmp_path / "placed.toml"
    m.save(path)
    again = lk.load(path)
    assert list(again.nodes) == list(m.nodes) == ["h", "s_agenda", "r", "q"]
    assert again.infer(seed=2).probability("h") == m.infer(seed=2).probability("h")
