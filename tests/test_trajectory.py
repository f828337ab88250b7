"""Beliefs over time: each step of the trajectory is ``infer`` on the evidence up to it."""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

import pytest

import likelihood as lk

ITEMS = ("e1", "e2", "e3")


def _model() -> lk.Model:
    m = lk.Model(title="over time")
    m.hypothesis("h", prior="realistic possibility")
    m.hypothesis("x", states=["a", "b", "c"], prior={"a": 0.2, "b": 0.3, "c": 0.5})
    m.evidence("e1", given={"h": "likely", "~h": "unlikely"})
    m.evidence("e2", given={"x=a": "highly likely", "x=b": 0.5, "x=c": "unlikely"})
    m.evidence("e3", given={"h": "unlikely", "~h": "likely"})
    return m


def _only(m: lk.Model, keep: set[str]) -> lk.Model:
    """The model with only the observations of *keep* (an oracle built by hand)."""
    reduced = m.copy()
    for name in list(reduced.observed):
        node = reduced.nodes[name]
        item = node.soft or name
        if item not in keep:
            reduced.observe(item, None)
    return reduced


def _same(step: dict, post: lk.Posterior, label: str) -> None:
    assert step["probability"] == pytest.approx(post.probability(label), abs=1e-12)
    lo, hi = post.interval(label)
    assert (step["low"], step["high"]) == pytest.approx((lo, hi), abs=1e-12)
    assert step["words"] == str(post.describe(label))


def test_each_step_is_infer_on_the_evidence_up_to_it() -> None:
    m = _model()
    m.observe("e2", True)
    m.observe("e1", True)
    m.observe("e3", False)
    post = m.infer(draws=3000, seed=7)
    table = post.trajectory("h")
    assert table.column("step") == [0, 1, 2, 3]
    assert table.column("arrived") == [
        "(before the evidence)",
        "e2=True",
        "e1=True",
        "e3=False",
    ]
    arrived: set[str] = set()
    for row, item in zip(table, [None, "e2", "e1", "e3"], strict=True):
        if item:
            arrived.add(item)
        _same(row, _only(m, arrived).infer(draws=3000, seed=7), "h")
    last = table[-1]
    assert last["probability"] == post.probability("h")  # the posterior itself, to the bit
    assert table[1]["change"] == pytest.approx(table[1]["probability"] - table[0]["probability"])
    assert table[0]["change"] is None


def test_a_state_and_a_node_with_several_states() -> None:
    m = _model()
    m.observe("e1", True)
    m.observe("e2", True)
    post = m.infer(draws=2000, seed=3)
    one = post.trajectory("x=a")
    assert "state" not in one.columns and len(one) == 3
    whole = post.trajectory("x")
    assert whole.columns[:2] == ["step", "state"] and len(whole) == 9
    for k, keep in enumerate([set(), {"e1"}, {"e1", "e2"}]):
        reference = _only(m, keep).infer(draws=2000, seed=3)
        for state in ("a", "b", "c"):
            (row,) = [r for r in whole if r["step"] == k and r["state"] == state]
            _same(row, reference, f"x={state}")
    assert one.column("probability") == [r["probability"] for r in whole if r["state"] == "a"]


def test_dates_order_the_evidence_and_ties_arrive_together() -> None:
    m = _model()
    m.observe("e1", True, at="2023-11-05")
    m.observe("e2", True, at=datetime.date(2023, 11, 1))
    m.observe("e3", False, at="2023-11-01")
    post = m.infer(draws=2000, seed=5)
    table = post.trajectory("h")
    assert table.column("arrived")[1:] == ["e2=True, e3=False", "e1=True"]
    assert table.column("at") == [None, "2023-11-01", "2023-11-05"]
    assert "at" in table.columns
    _same(table[1], _only(m, {"e2", "e3"}).infer(draws=2000, seed=5), "h")
    assert table.info["groups"] == [["e2", "e3"], ["e1"]]


def test_an_explicit_order_wins_over_the_dates() -> None:
    m = _model()
    for item, when in zip(ITEMS, (3, 1, 2), strict=True):
        m.observe(item, True, at=when)
    post = m.infer(draws=1000, seed=2)
    assert post.trajectory("h").info["groups"] == [["e2"], ["e3"], ["e1"]]
    table = post.trajectory("h", order=[["e1", "e3"], "e2"])
    assert table.info["groups"] == [["e1", "e3"], ["e2"]] and "at" not in table.columns
    _same(table[1], _only(m, {"e1", "e3"}).infer(draws=1000, seed=2), "h")


def test_an_uncertain_observation_arrives_as_its_node() -> None:
    m = _model()
    m.observe("e1", True)
    m.observe("e3", likelihood={True: "likely", False: "unlikely"}, at=None)
    post = m.infer(draws=2000, seed=4)
    table = post.trajectory("h")
    assert table.column("arrived")[1:] == ["e1=True", "e3 (uncertain)"]
    assert table.info["groups"] == [["e1"], ["e3"]]
    _same(table[1], _only(m, {"e1"}).infer(draws=2000, seed=4), "h")
    assert table[2]["probability"] == post.probability("h")
    reordered = post.trajectory("h", order=["e3", "e1"])
    _same(reordered[1], _only(m, {"e3"}).infer(draws=2000, seed=4), "h")


def test_bad_input_gets_clear_errors() -> None:
    m = _model()
    m.observe("e1", True)
    m.observe("e2", True)
    post = m.infer(draws=500, seed=1)
    with pytest.raises(lk.ModelError, match="'e3', which is not observed; the observations"):
        post.trajectory("h", order=["e1", "e2", "e3"])
    with pytest.raises(lk.ModelError, match="'zz', which is not a node"):
        post.trajectory("h", order=["zz"])
    with pytest.raises(lk.ModelError, match="order leaves out e2"):
        post.trajectory("h", order=["e1"])
    with pytest.raises(lk.ModelError, match="names 'e1' twice"):
        post.trajectory("h", order=["e1", ["e1", "e2"]])
    with pytest.raises(lk.OptionError, match="order is a list"):
        post.trajectory("h", order="e1")
    with pytest.raises(lk.LikelihoodError, match="not a state|zz"):
        post.trajectory("x=zz")
    with pytest.raises(lk.OptionError, match="must be a date written YYYY-MM-DD.*'soon'"):
        m.observe("e3", True, at="soon")
    assert "e3" not in m.observed  # a failed call changes nothing
    with pytest.raises(lk.OptionError, match="at= dates an observation"):
        m.observe("e3", at="2023-01-01")
    m.observe("e1", True, at="2023-01-01")
    with pytest.raises(lk.ModelError, match="e1 have a date.*but e2 not"):
        m.infer(draws=500, seed=1).trajectory("h")
    m.observe("e2", True, at=3)
    with pytest.raises(lk.ModelError, match="mix dates and numbers"):
        m.infer(draws=500, seed=1).trajectory("h")


def test_the_plot_draws_the_path_its_band_and_the_words() -> None:
    import matplotlib

    matplotlib.use("Agg")
    m = _model()
    m.observe("e1", True, at="2023-11-01")
    m.observe("e3", False, at="2023-11-02")
    post = m.infer(draws=2000, seed=1)
    ax = post.plot_trajectory("h")
    (path,) = [line for line in ax.lines if line.get_gid() == "path"]
    assert list(path.get_ydata()) == post.trajectory("h").column("probability")
    assert any(c.get_gid() == "band" for c in ax.collections)
    assert any((p.get_gid() or "").startswith("term:likely") for p in ax.patches)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "before the\nevidence" and labels[1] == "e1=True\n2023-11-01"
    several = post.plot_trajectory("x")
    assert {line.get_gid() for line in several.lines} >= {"path:a", "path:b", "path:c"}
    matplotlib.pyplot.close("all")


def test_reports_json_and_files_carry_it(tmp_path: Path) -> None:
    m = _model()
    m.observe("e1", True, at="2023-11-03")
    m.observe("e3", likelihood={True: 0.8, False: 0.3}, at="2023-11-01")
    m.observe("e2", True, at="2023-11-02")
    post = m.infer(draws=1000, seed=1)
    text = post.text_report()
    assert "How h moved as the evidence arrived" in text
    assert "1. e3 (uncertain) (2023-11-01)" in text
    data = json.loads(json.dumps(post.to_dict(analyses=True)))
    steps = data["hypotheses"]["h"]["trajectory"]
    assert [s["at"] for s in steps] == [None, "2023-11-01", "2023-11-02", "2023-11-03"]
    assert steps[-1]["probability"] == post.probability("h")
    page = post.report(tmp_path / "r.html").read_text()
    assert "How the belief moved as the evidence arrived" in page
    assert 'data-gid="path"' in page
    path = tmp_path / "m.toml"
    m.save(path)
    written = path.read_text()
    assert 'at = "2023-11-03"' in written
    assert 'e3 = { likelihood = { true = 0.8, false = 0.3 }, at = "2023-11-01" }' in written
    again = lk.load(path)
    assert again.arrivals == m.arrivals
    assert again.infer(draws=1000, seed=1).trajectory("h").column("probability") == (
        post.trajectory("h").column("probability")
    )


def test_a_hypothesis_observed_in_a_file_with_its_date(tmp_path: Path) -> None:
    path = tmp_path / "dated.toml"
    path.write_text(
        "[hypothesis.h]\nprior = 0.3\n\n[hypothesis.g]\nprior = 0.5\n\n"
        '[evidence.e]\ngiven = { "h" = 0.9, "~h" = 0.2 }\nobserved = true\nat = 2023-11-05\n\n'
        '[observe]\ng = { state = false, at = "2023-10-30" }\n'
    )
    m = lk.load(path)
    assert m.arrivals == {"e": datetime.date(2023, 11, 5), "g": datetime.date(2023, 10, 30)}
    table = m.infer(draws=500, seed=1).trajectory("h")
    assert table.column("arrived")[1:] == ["g=False", "e=True"]
    m.save(path)
    assert 'g = { state = false, at = "2023-10-30" }' in path.read_text()
    assert lk.load(path).arrivals == m.arrivals


def test_a_file_with_a_bad_date_names_the_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[hypothesis.h]\nprior = 0.3\n\n[evidence.e]\ngiven = { "h" = 0.9, "~h" = 0.2 }\n'
        'observed = true\nat = "next week"\n'
    )
    with pytest.raises(lk.ModelFileError, match=r"evidence\.e.*at.*'next week'"):
        lk.load(path)
    path.write_text(
        '[hypothesis.h]\nprior = 0.3\n\n[evidence.e]\ngiven = { "h" = 0.9, "~h" = 0.2 }\n'
        'at = "2023-01-01"\n'
    )
    with pytest.raises(lk.ModelFileError, match="give observed with it"):
        lk.load(path)
    path.write_text("[hypothesis.h]\nprior = 0.3\n\n[observe]\nh = { state = true, when = 1 }\n")
    with pytest.raises(lk.ModelFileError, match="unknown key 'when'"):
        lk.load(path)


def test_without_observations_there_is_one_step() -> None:
    post = _model().infer(draws=500, seed=1)
    table = post.trajectory("h")
    assert len(table) == 1 and math.isclose(table[0]["probability"], post.probability("h"))
