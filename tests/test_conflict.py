"""Hugin's data-conflict measure: checked against the joint distribution enumerated by hand."""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import likelihood as lk

# -- hand computations on fixed numbers -----------------------------------------------------------


def _two_observations() -> lk.Model:
    m = lk.Model(title="two")
    m.hypothesis("h", prior=0.3)
    m.evidence("e1", given={"h": 0.9, "~h": 0.2}, observed=True)
    m.evidence("e2", given={"h": 0.1, "~h": 0.7}, observed=True)
    return m


def test_conflict_of_two_observations_equals_the_hand_computation() -> None:
    # P(e1) = 0.3·0.9 + 0.7·0.2, P(e2) = 0.3·0.1 + 0.7·0.7, P(e1, e2) = 0.3·0.9·0.1 + 0.7·0.2·0.7
    p1, p2, p12 = 0.41, 0.52, 0.125
    table = _two_observations().infer().conflict()
    assert table.info["conflict"] == pytest.approx(math.log(p1 * p2 / p12), abs=1e-12)
    assert table.info["ratio"] == pytest.approx(p1 * p2 / p12, abs=1e-12)
    assert table.info["together"] == pytest.approx(p12, abs=1e-12)
    assert table.info["apart"] == pytest.approx(p1 * p2, abs=1e-12)
    assert table.info["flagged"] is True
    # no uncertain judgment: one draw, and the band is the value
    assert table.info["band"] == pytest.approx((math.log(p1 * p2 / p12),) * 2, abs=1e-12)
    rows = {r["observation"]: r for r in table}
    # with two observations, dropping either leaves one, whose conflict is 0: each removes it all
    for e, alone in (("e1", p1), ("e2", p2)):
        assert rows[e]["alone"] == pytest.approx(alone, abs=1e-12)
        assert rows[e]["given the others"] == pytest.approx(p12 / (p1 + p2 - alone), abs=1e-12)
        assert rows[e]["conflict"] == pytest.approx(math.log(p1 * p2 / p12), abs=1e-12)


A_PRIOR = {"x": 0.5, "y": 0.3, "z": 0.2}
B_GIVEN_A = {"x": 0.8, "y": 0.4, "z": 0.1}
E1_GIVEN_B = {True: 0.7, False: 0.2}
E2_GIVEN_A = {"x": 0.6, "y": 0.3, "z": 0.9}
E3_GIVEN_AB = {
    ("x", True): 0.9,
    ("x", False): 0.5,
    ("y", True): 0.3,
    ("y", False): 0.6,
    ("z", True): 0.15,
    ("z", False): 0.05,
}
OBSERVED = {"e1": True, "e2": False, "e3": True}


def _network() -> lk.Model:
    m = lk.Model(title="network")
    m.hypothesis("a", states=["x", "y", "z"], prior=A_PRIOR)
    m.hypothesis("b", given={f"a={s}": p for s, p in B_GIVEN_A.items()})
    m.evidence("e1", given={"b": E1_GIVEN_B[True], "~b": E1_GIVEN_B[False]})
    m.evidence("e2", given={f"a={s}": p for s, p in E2_GIVEN_A.items()})
    m.evidence(
        "e3",
        given={f"a={s} & {'b' if b else '~b'}": p for (s, b), p in E3_GIVEN_AB.items()},
    )
    for name, value in OBSERVED.items():
        m.observe(name, value)
    return m


def _probability(event: dict[str, bool]) -> float:
    """P(event) by summing the joint distribution over every state of a, b, e1, e2, e3."""
    total = 0.0
    for a, b, e1, e2, e3 in itertools.product(A_PRIOR, *([(True, False)] * 4)):
        values = {"e1": e1, "e2": e2, "e3": e3}
        if any(values[k] != v for k, v in event.items()):
            continue
        pb = B_GIVEN_A[a] if b else 1 - B_GIVEN_A[a]
        p1 = E1_GIVEN_B[b] if e1 else 1 - E1_GIVEN_B[b]
        p2 = E2_GIVEN_A[a] if e2 else 1 - E2_GIVEN_A[a]
        p3 = E3_GIVEN_AB[(a, b)] if e3 else 1 - E3_GIVEN_AB[(a, b)]
        total += A_PRIOR[a] * pb * p1 * p2 * p3
    return total


def test_conflict_in_a_network_equals_the_enumerated_joint() -> None:
    table = _network().infer().conflict()
    together = _probability(OBSERVED)
    alone = {e: _probability({e: v}) for e, v in OBSERVED.items()}
    expected = math.log(math.prod(alone.values()) / together)
    assert table.info["conflict"] == pytest.approx(expected, abs=1e-12)
    assert table.info["together"] == pytest.approx(together, abs=1e-12)
    assert table.info["apart"] == pytest.approx(math.prod(alone.values()), abs=1e-12)
    assert table.info["flagged"] is (expected > 0)
    drops = {}
    for row in table:
        e = row["observation"]
        others = {k: v for k, v in OBSERVED.items() if k != e}
        given = together / _probability(others)
        assert row["observed"] is OBSERVED[e]
        assert row["alone"] == pytest.approx(alone[e], abs=1e-12)
        assert row["given the others"] == pytest.approx(given, abs=1e-12)
        # conf(E) - conf(E without e), each conf computed from the enumerated joint
        rest = math.log(math.prod(alone[k] for k in others) / _probability(others))
        assert row["conflict"] == pytest.approx(expected - rest, abs=1e-12)
        assert row["ratio"] == pytest.approx(alone[e] / given, abs=1e-12)
        drops[e] = row["conflict"]
    assert list(drops) == sorted(drops, key=lambda e: -drops[e])


# -- uncertain judgments: the value per draw and the band -----------------------------------------


def test_the_conflict_of_each_draw_is_the_hand_computation_on_that_draw() -> None:
    m = lk.Model()
    m.hypothesis("h", prior="unlikely")
    m.evidence("e1", given={"h": "likely", "~h": "unlikely"}, observed=True)
    m.evidence("e2", given={"h": "unlikely", "~h": "likely"}, observed=False)
    post = m.infer(draws=2000, seed=2)
    compiled = post.compiled
    theta = {
        p.label: np.asarray(v) for p, v in zip(compiled.parameters, compiled.values, strict=True)
    }
    h = theta["h"]
    p1 = h * theta["e1 | h"] + (1 - h) * theta["e1 | ~h"]
    p2 = h * (1 - theta["e2 | h"]) + (1 - h) * (1 - theta["e2 | ~h"])
    p12 = h * theta["e1 | h"] * (1 - theta["e2 | h"]) + (1 - h) * theta["e1 | ~h"] * (
        1 - theta["e2 | ~h"]
    )
    table = post.conflict()
    np.testing.assert_allclose(table.info["draws"], np.log(p1 * p2 / p12), rtol=0, atol=1e-12)
    coherent = math.log(np.mean(p1) * np.mean(p2) / np.mean(p12))
    assert table.info["conflict"] == pytest.approx(coherent, abs=1e-12)
    lo, hi = np.quantile(np.log(p1 * p2 / p12), [0.05, 0.95], method="hazen")
    assert table.info["band"] == pytest.approx((lo, hi), abs=1e-12)
    assert table.info["positive"] == pytest.approx(np.mean(np.log(p1 * p2 / p12) > 0))
    wider = post.conflict(confidence=0.99).info["band"]
    assert wider[0] < lo < hi < wider[1]


def _planted() -> lk.Model:
    m = lk.Model(title="planted")
    m.hypothesis("h", prior="realistic possibility")
    for i in range(1, 6):
        m.evidence(f"clue{i}", given={"h": "likely", "~h": "unlikely"}, observed=True)
    return m


def test_consistent_clues_do_not_conflict() -> None:
    table = _planted().infer(draws=4000, seed=1).conflict()
    assert table.info["conflict"] < 0 and not table.info["flagged"]
    assert table.info["band"][1] < 0
    assert "no conflict" in table.title


def test_a_planted_contradiction_is_flagged_and_named_first() -> None:
    m = _planted()
    for name in ("denial", "alibi"):
        m.evidence(name, given={"h": "highly unlikely", "~h": "likely"}, observed=True)
    table = m.infer(draws=4000, seed=1).conflict()
    assert table.info["flagged"] and table.info["conflict"] > 0.3
    assert table.info["positive"] > 0.95
    assert set(table.column("observation")[:2]) == {"denial", "alibi"}
    assert set(table.info["items"]) == {"denial", "alibi"}
    assert all(r["conflict"] < 0 for r in list(table)[2:])
    # the band of the judgments brackets the coherent value
    lo, hi = table.info["band"]
    assert 0 < lo < table.info["conflict"] < hi


def test_conflict_is_kept_with_the_compiled_model() -> None:
    post = _two_observations().infer()
    post.conflict()
    before = post.compiled.counts["evaluations"]
    post.conflict()
    assert post.compiled.counts["evaluations"] == before


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("observed", [[], ["e1"]])
def test_fewer_than_two_observations_is_an_error(observed: list[str]) -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    m.evidence("e1", given={"h": 0.9, "~h": 0.2})
    m.evidence("e2", given={"h": 0.1, "~h": 0.7})
    for name in observed:
        m.observe(name, True)
    with pytest.raises(lk.ModelError, match="at least two observations") as caught:
        m.infer().conflict()
    assert (repr(observed[0]) if observed else "none") in str(caught.value)


@pytest.mark.parametrize("confidence", [0.0, -0.1, 1.5, "high"])
def test_a_bad_confidence_is_an_error(confidence: object) -> None:
    with pytest.raises((ValueError, TypeError), match="confidence"):
        _two_observations().infer().conflict(confidence=confidence)  # type: ignore[arg-type]


# -- in the reports -------------------------------------------------------------------------------


def test_the_reports_show_the_conflict_and_the_items(tmp_path: Path) -> None:
    m = _planted()
    for name in ("denial", "alibi"):
        m.evidence(name, given={"h": "highly unlikely", "~h": "likely"}, observed=True)
    post = m.infer(draws=2000, seed=1)
    table = post.conflict()
    text = post.text_report()
    sections = [s for s in text.split("\n\n") if s.startswith("Do the observations fit")]
    assert len(sections) == 1
    section = sections[0]
    assert "Conflict: the 7 observations are" in section
    assert section.splitlines()[3].split()[0] == table.column("observation")[0]
    page = post.report(tmp_path / "planted.html").read_text(encoding="utf-8")
    assert "<h2>Do the observations fit together?</h2>" in page
    assert '<p class="note">Conflict: the 7 observations' in page
    data = post.to_dict(analyses=True)["conflict"]
    assert data["conflict"] == pytest.approx(table.info["conflict"])
    assert data["band"] == pytest.approx(list(table.info["band"]))
    assert data["items"] == table.info["items"]
    assert [r["observation"] for r in data["observations"]] == table.column("observation")
    json.dumps(data, allow_nan=False)


def test_the_reports_say_conflict_needs_two_observations(tmp_path: Path) -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.5)
    m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    post = m.infer()
    sections = [s for s in post.text_report().split("\n\n") if s.startswith("Do the observ")]
    assert len(sections) == 1
    assert sections[0].endswith("needs two observations (observed: e)")
    page = post.report(tmp_path / "one.html").read_text(encoding="utf-8")
    assert "needs two observations" in page
    assert post.to_dict(analyses=True)["conflict"] is None
    assert "conflict" not in post.to_dict()


def test_the_command_line_json_has_the_conflict(tmp_path: Path) -> None:
    path = tmp_path / "two.toml"
    path.write_text(
        'title = "two"\n[hypothesis.h]\nprior = 0.3\n'
        '[evidence.e1]\ngiven = { "h" = 0.9, "~h" = 0.2 }\nobserved = true\n'
        '[evidence.e2]\ngiven = { "h" = 0.1, "~h" = 0.7 }\nobserved = true\n',
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "likelihood", "run", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["conflict"]["conflict"] == pytest.approx(math.log(0.41 * 0.52 / 0.125), abs=1e-12)
    assert data["conflict"]["flagged"] is True
