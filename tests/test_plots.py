"""Plots, checked through their artists (not pixels)."""

from __future__ import annotations

import numpy as np
import pytest
from _oracle import flagship

import likelihood as lk


@pytest.fixture(scope="module")
def post() -> lk.Posterior:
    return flagship().infer(draws=4000, seed=1)


def _gids(ax, prefix: str) -> list[str]:
    found = [a.get_gid() for a in [*ax.patches, *ax.lines, *ax.collections, *ax.texts]]
    return [g for g in found if g and g.startswith(prefix)]


def test_belief_plot_marks_probability_band_and_words(post: lk.Posterior) -> None:
    ax = post.plot("negotiations")
    marked = [line for line in ax.lines if line.get_gid() == "probability"]
    assert len(marked) == 1
    assert np.allclose(marked[0].get_xdata(), post.probability("negotiations"))
    band = [c for c in ax.collections if c.get_gid() == "band"][0]
    ((start, end),) = [segment[:, 0] for segment in band.get_segments()]
    assert (start, end) == pytest.approx(post.interval("negotiations"))
    words = post.describe("negotiations")
    assert str(words) in ax.get_title() and words.confidence in ax.get_title()
    # the scale's terms are shaded behind, the gaps left out
    terms = {g.removeprefix("term:") for g in _gids(ax, "term:")}
    assert terms == set(lk.scale("phia").names)
    density = [line for line in ax.lines if line.get_gid() == "density"][0]
    x, y = density.get_data()
    assert np.all(y >= 0) and np.trapezoid(y, x) == pytest.approx(1.0, abs=0.03)


def test_belief_plot_of_an_exact_number_is_a_line_only() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    ax = m.infer().plot("h")
    assert _gids(ax, "density") == []
    marked = [line for line in ax.lines if line.get_gid() == "probability"][0]
    assert np.allclose(marked.get_xdata(), 0.3)


def test_belief_plot_accepts_an_axes_and_a_state() -> None:
    import matplotlib.pyplot as plt

    m = lk.Model()
    m.hypothesis("x", states=["a", "b"], prior={"a": "likely", "b": "unlikely"})
    _, ax = plt.subplots()
    assert m.infer(draws=500, seed=1).plot("x=a", ax=ax) is ax
    with pytest.raises(lk.ConditionError, match="plot one of them"):
        m.infer(draws=500, seed=1).plot("x")


@pytest.mark.parametrize("name", ["phia", "icd203", "ipcc", "perceptions", "kent", "efsa", "enfsi"])
def test_scale_plot_draws_every_term(name: str) -> None:
    ax = lk.plot_scale(name)
    sc = lk.scale(name)
    expected = {t.name for t in sc.terms if not t.uncertain}
    assert {g.removeprefix("term:") for g in _gids(ax, "term:")} == expected
    assert name in ax.get_title()
    if sc.kind == "probability" and name == "phia":
        remote = [line for line in ax.lines if line.get_gid() == "term:remote chance"][0]
        x, y = remote.get_data()
        judged = lk.judge("remote chance")
        np.testing.assert_allclose(y[x > 0.05], np.minimum(judged.pdf(x[x > 0.05]), y.max()))


def test_scale_plot_of_a_grading_scale_is_an_error() -> None:
    with pytest.raises(lk.ScaleError, match="grading scale"):
        lk.plot_scale("admiralty")


def test_contributions_plot_has_one_bar_per_observation(post: lk.Posterior) -> None:
    ax = post.plot_contributions("negotiations")
    weights = post.contributions("negotiations")
    bars = {
        p.get_gid().removeprefix("contribution:"): p.get_width() for p in ax.patches if p.get_gid()
    }
    assert bars == pytest.approx(weights)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(weights)


def test_network_plot_shows_every_node_and_its_posterior(post: lk.Posterior) -> None:
    model = post.model
    ax = model.plot(posterior=post)
    assert {g.removeprefix("node:") for g in _gids(ax, "node:")} == set(model.nodes)
    assert _gids(ax, "source:") == ["source:reporter"]
    bar = [p for p in ax.patches if p.get_gid() == "bar:negotiations"][0]
    track = 1.9 - 0.24
    assert bar.get_width() == pytest.approx(track * post.probability("negotiations"))
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
    edges = sum(len(n.parents) for n in model.nodes.values()) + 1  # + the source's report
    assert len(arrows) == edges
