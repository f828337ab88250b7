"""Plots, checked through their artists (not pixels)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from _oracle import flagship

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def post() -> lk.Posterior:
    return flagship().infer(draws=4000, seed=1)


@pytest.fixture(scope="module")
def actor() -> lk.Posterior:
    return lk.load(ROOT / "benchmarks" / "actor.toml").infer(draws=4000, seed=1)


def _gids(ax, prefix: str) -> list[str]:
    found = [a.get_gid() for a in [*ax.patches, *ax.lines, *ax.collections, *ax.texts]]
    return [g for g in found if g and g.startswith(prefix)]


def _texts(figure) -> list[str]:
    from matplotlib.text import Text

    figure.canvas.draw()
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


def _analyst_words(figure) -> None:
    """No symbol an analyst has to decode, and no number in scientific notation."""
    for text in _texts(figure):
        assert "θ" not in text and "theta" not in text, text
        assert "density over" not in text, text
        assert not re.search(r"\d\.?\d*e[-+]\d", text), text


# -- beliefs --------------------------------------------------------------------------------------


def test_belief_plot_marks_probability_prior_band_and_words(post: lk.Posterior) -> None:
    ax = post.plot("negotiations")
    marked = [line for line in ax.lines if line.get_gid() == "probability"]
    assert len(marked) == 1
    assert np.allclose(marked[0].get_xdata(), post.probability("negotiations"))
    prior = [line for line in ax.lines if line.get_gid() == "prior"]
    assert len(prior) == 1
    assert np.allclose(prior[0].get_xdata(), post.prior.probability("negotiations"))
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
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "how firmly the judgments support each value" in legend
    assert any(t.startswith("before the evidence") for t in legend)
    _analyst_words(ax.figure)


def test_belief_density_is_the_weighted_kernel_density(post: lk.Posterior) -> None:
    from scipy import stats

    ax = post.plot("talks")
    density = [line for line in ax.lines if line.get_gid() == "density"][0]
    x, y = density.get_data()
    values = post.values("talks")[:, 0]
    kde = stats.gaussian_kde(values, weights=post.weights)
    inside = (x > 0.05) & (x < 0.95)  # away from the reflected ends
    expected = kde(x[inside]) + kde(-x[inside]) + kde(2 - x[inside])
    np.testing.assert_allclose(y[inside], expected, atol=0.03 * expected.max())


def test_belief_plot_of_an_exact_number_is_a_line_only() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    ax = m.infer().plot("h")
    assert _gids(ax, "density") == [] and _gids(ax, "prior") == []  # nothing observed
    marked = [line for line in ax.lines if line.get_gid() == "probability"][0]
    assert np.allclose(marked.get_xdata(), 0.3)


def test_belief_plot_accepts_an_axes_and_a_state() -> None:
    import matplotlib.pyplot as plt

    m = lk.Model()
    m.hypothesis("x", states=["a", "b"], prior={"a": "likely", "b": "unlikely"})
    _, ax = plt.subplots()
    assert m.infer(draws=500, seed=1).plot("x=a", ax=ax) is ax


def test_a_node_with_several_states_is_drawn_with_every_state(actor: lk.Posterior) -> None:
    ax = actor.plot("actor")
    states = actor.model.nodes["actor"].states
    probability, prior = actor.probability("actor"), actor.prior.probability("actor")
    for s in states:
        (mark,) = [c for c in ax.collections if c.get_gid() == f"probability:{s}"]
        assert mark.get_segments()[0][0, 0] == pytest.approx(probability[s])
        (before,) = [c for c in ax.collections if c.get_gid() == f"prior:{s}"]
        assert before.get_segments()[0][0, 0] == pytest.approx(prior[s])
        (band,) = [c for c in ax.collections if c.get_gid() == f"band:{s}"]
        assert tuple(band.get_segments()[0][:, 0]) == pytest.approx(actor.interval(f"actor={s}"))
        assert [line for line in ax.lines if line.get_gid() == f"density:{s}"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    for s, d in actor.describe("actor").items():
        assert any(
            label.startswith(s) and str(d) in label and d.confidence in label for label in labels
        )
    _analyst_words(ax.figure)


def test_several_hypotheses_in_one_picture(post: lk.Posterior) -> None:
    from likelihood._view.plots import plot_posterior

    names = ["talks", "negotiations", "secret_negotiations"]
    ax = plot_posterior(post, names)
    for name in names:
        (mark,) = [c for c in ax.collections if c.get_gid() == f"probability:{name}"]
        assert mark.get_segments()[0][0, 0] == pytest.approx(post.probability(name))


# -- scales ---------------------------------------------------------------------------------------


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


# -- contributions --------------------------------------------------------------------------------


def test_contributions_plot_has_one_bar_per_observation(post: lk.Posterior) -> None:
    ax = post.plot_contributions("negotiations")
    weights = post.contributions("negotiations")
    bars = {
        p.get_gid().removeprefix("contribution:"): p.get_width() for p in ax.patches if p.get_gid()
    }
    assert bars == pytest.approx(weights)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(weights)
    title = ax.get_title()
    before, after = post.prior.describe("negotiations"), post.describe("negotiations")
    assert f"before the evidence: {before}" in title and f"after: {after}" in title
    _analyst_words(ax.figure)


def test_contributions_of_a_node_with_several_states(actor: lk.Posterior) -> None:
    ax = actor.plot_contributions("actor")
    weights = actor.contributions("actor")
    states = actor.model.nodes["actor"].states
    panels = [a for a in ax.figure.axes if a.get_visible()]
    assert len(panels) == len(states)
    for panel, s in zip(panels, states, strict=True):
        bars = {
            p.get_gid().removeprefix("contribution:"): p.get_width()
            for p in panel.patches
            if p.get_gid()
        }
        assert bars == pytest.approx({f"{item}={s}": w[s] for item, w in weights.items()})
        assert panel.get_title().startswith(f"{s}: ")
    with pytest.raises(lk.ConditionError, match="one panel per state"):
        import matplotlib.pyplot as plt

        actor.plot_contributions("actor", ax=plt.subplots()[1])
    _analyst_words(ax.figure)


# -- the network ----------------------------------------------------------------------------------


def test_network_plot_shows_every_node_every_state_and_the_prior(post: lk.Posterior) -> None:
    model = post.model
    ax = model.plot(posterior=post)
    assert {g.removeprefix("node:") for g in _gids(ax, "node:")} == set(model.nodes)
    assert _gids(ax, "source:") == ["source:reporter"]
    for name, node in model.nodes.items():
        bars = {
            p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith(f"bar:{name}=")
        }
        assert set(bars) == {f"bar:{name}={s}" for s in node.states}
        track = max(p.get_width() for p in bars.values()) / max(
            [post.probability(name), 1 - post.probability(name)]
        )
        p_true = post.probability(name)
        assert bars[f"bar:{name}=true"].get_width() == pytest.approx(track * p_true)
        ticks = [line for line in ax.lines if (line.get_gid() or "").startswith(f"prior:{name}=")]
        if name in post.observations:
            assert ticks == []
        else:
            left = bars[f"bar:{name}=true"].get_x()
            before = post.prior.probability(name)
            (tick,) = [t for t in ticks if t.get_gid() == f"prior:{name}=true"]
            assert tick.get_xdata()[0] == pytest.approx(left + track * before)
    observed = [t for t in ax.texts if t.get_text() == "observed"]
    assert len(observed) == len(post.observations)
    edges = [p for p in ax.patches if (p.get_gid() or "").startswith("edge:")]
    expected = sum(len(n.parents) for n in model.nodes.values()) + 1  # + the source's report
    assert len(edges) == expected
    # legible at a report's width: no wider than the page, no text below 8 points
    figure = ax.figure
    assert figure.get_figwidth() <= 10.0 and figure.get_figheight() >= 0.4 * figure.get_figwidth()
    assert min(t.get_fontsize() for t in ax.texts) >= 8
    _analyst_words(figure)


def test_network_of_a_node_with_several_states(actor: lk.Posterior) -> None:
    ax = actor.model.plot(posterior=actor)
    for s, p in actor.probability("actor").items():
        (bar,) = [b for b in ax.patches if b.get_gid() == f"bar:actor={s}"]
        assert bar.get_width() > 0 or p < 1e-3
    widths = {
        s: [b for b in ax.patches if b.get_gid() == f"bar:actor={s}"][0].get_width()
        for s in actor.model.nodes["actor"].states
    }
    total = sum(widths.values())
    assert {s: w / total for s, w in widths.items()} == pytest.approx(actor.probability("actor"))


def test_network_arrows_go_round_the_boxes(actor: lk.Posterior) -> None:
    """Eight items of evidence take two rows: no arrow may pass through a box it does not join."""
    ax = actor.model.plot(posterior=actor)
    figure = ax.figure
    figure.canvas.draw()
    boxes = {
        p.get_gid().removeprefix("node:"): p.get_window_extent()
        for p in ax.patches
        if (p.get_gid() or "").startswith("node:")
    }
    for arrow in [p for p in ax.patches if (p.get_gid() or "").startswith("edge:")]:
        a, b = arrow.get_gid().removeprefix("edge:").split("->")
        from matplotlib.path import Path as MplPath

        path = arrow.get_path()  # data coordinates, the head included
        vertices = ax.transData.transform(path.vertices)
        codes = path.codes if path.codes is not None else [MplPath.LINETO] * len(vertices)
        points = np.concatenate(
            [
                np.linspace(vertices[i - 1], vertices[i], 30)
                for i in range(1, len(vertices))
                if codes[i] == MplPath.LINETO
            ]
        )
        for name, extent in boxes.items():
            if name in (a, b):
                continue
            inside = (
                (points[:, 0] > extent.x0 + 2)
                & (points[:, 0] < extent.x1 - 2)
                & (points[:, 1] > extent.y0 + 2)
                & (points[:, 1] < extent.y1 - 2)
            )
            assert not inside.any(), f"the arrow {a} -> {b} crosses {name}"


# -- sensitivity ----------------------------------------------------------------------------------


def test_tornado_names_its_ends_and_leaves_out_what_cannot_move_it() -> None:
    m = lk.Model()
    m.hypothesis("h", prior="realistic possibility")
    m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
    m.evidence("later", given={"h": "likely", "~h": "unlikely"})  # unobserved: cannot move h
    post = m.infer(draws=3000, seed=2)
    table = post.sensitivity("h")
    ax = post.plot_sensitivity("h")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "judgment at 5th percentile" in legend and "judgment at 95th percentile" in legend
    lows = {
        p.get_gid().removeprefix("low:"): p
        for p in ax.patches
        if (p.get_gid() or "").startswith("low:")
    }
    highs = {
        p.get_gid().removeprefix("high:"): p
        for p in ax.patches
        if (p.get_gid() or "").startswith("high:")
    }
    moving = {r["judgment"] for r in table if r["swing"] > 0}
    assert set(lows) == set(highs) == moving == {"h", "e | h", "e | ~h"}
    base = table.info["baseline"]
    for row in table:
        if row["judgment"] in lows:
            low, high = lows[row["judgment"]], highs[row["judgment"]]
            assert low.get_x() == pytest.approx(base) and high.get_x() == pytest.approx(base)
            assert base + low.get_width() == pytest.approx(row["at 5th percentile"])
            assert base + high.get_width() == pytest.approx(row["at 95th percentile"])
            assert abs(low.get_width()) + abs(high.get_width()) > 0
    assert "2 judgments left out: they cannot move it" in ax.get_title()
    assert ax.get_xlabel().startswith("P(h | evidence)")
    _analyst_words(ax.figure)


def test_tornado_shows_no_zero_rows_nor_float_noise(post: lk.Posterior) -> None:
    for name in ["talks", "negotiations", "secret_negotiations"]:
        ax = post.plot_sensitivity(name)
        for bar in ax.patches:
            if (bar.get_gid() or "").startswith(("low:", "high:")):
                other = "high:" if bar.get_gid().startswith("low:") else "low:"
                judgment = bar.get_gid().split(":", 1)[1]
                (pair,) = [p for p in ax.patches if p.get_gid() == other + judgment]
                assert abs(bar.get_width()) + abs(pair.get_width()) >= 5e-4
        _analyst_words(ax.figure)


def test_tornado_of_a_node_with_several_states_has_a_panel_per_state(actor: lk.Posterior) -> None:
    ax = actor.plot_sensitivity("actor")
    panels = [a for a in ax.figure.axes if a.get_gid() == "likelihood"]
    states = actor.model.nodes["actor"].states
    assert len(panels) == len(states)
    for panel, s in zip(panels, states, strict=True):
        assert f"actor={s}" in panel.get_title()
        assert "6 judgments left out" in panel.get_title()  # the two unobserved items
        assert [p for p in panel.patches if (p.get_gid() or "").startswith("low:")]
    _analyst_words(ax.figure)


# -- competing hypotheses -------------------------------------------------------------------------


def test_ach_heat_map(actor: lk.Posterior) -> None:
    ax = actor.plot_ach()
    assert [im.get_gid() for im in ax.images] == ["ach"]
    labels = [t.get_text().splitlines()[0] for t in ax.get_xticklabels()]
    assert labels == [f"actor={s}" for s in actor.model.nodes["actor"].states]
    _analyst_words(ax.figure)


# -- text from the analyst is drawn as it was written -----------------------------------------


def test_user_text_is_literal_in_every_figure() -> None:
    import matplotlib

    m = lk.Model(title="Costs $5 or $6: is x_1^2 a $\\alpha$?")
    m.hypothesis("h", prior="likely")
    m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
    post = m.infer(draws=1000, seed=1)
    with matplotlib.rc_context({"text.usetex": True}):  # no TeX is needed: nothing goes to it
        figures = [
            m.plot(posterior=post).figure,
            post.plot("h").figure,
            post.plot_contributions("h").figure,
            post.plot_sensitivity("h").figure,
        ]
    for figure in figures:
        from matplotlib.text import Text

        figure.canvas.draw()
        for text in figure.findobj(Text):
            assert not text.get_usetex() and not text.get_parse_math(), text.get_text()
    title = [t for t in figures[0].axes[0].texts if "Costs" in t.get_text()][0]
    assert title.get_text().startswith("Costs $5 or $6: is x_1^2 a $\\alpha$?")


def test_a_plot_puts_back_only_the_settings_it_changed(monkeypatch, post: lk.Posterior) -> None:
    """Jupyter's inline backend turns interactive mode on when the first figure is made."""
    import matplotlib
    import matplotlib.pyplot as plt

    made = plt.subplots

    def subplots(*args, **kwargs):  # noqa: ANN202 - as the inline backend does on first use
        matplotlib.interactive(True)
        return made(*args, **kwargs)

    monkeypatch.setattr(plt, "subplots", subplots)
    before = dict(matplotlib.rcParams)
    try:
        matplotlib.interactive(False)
        post.plot("talks")
        assert matplotlib.is_interactive()  # kept, so that the notebook shows the figure
        for key in ("text.usetex", "text.parse_math", "figure.max_open_warning"):
            assert matplotlib.rcParams[key] == before[key]
    finally:
        matplotlib.interactive(before["interactive"])


# -- the report's figures, drawn as SVG ---------------------------------------------------------

_SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: str):  # noqa: ANN202
    """Parse an SVG figure (it must be well-formed XML) and check its words."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(markup)
    assert root.tag == f"{_SVG}svg" and root.get("role") == "img"
    for text in _svg_texts(root):
        assert "θ" not in text and "theta" not in text, text
        assert not re.search(r"\d\.?\d*e[-+]\d", text), text
    return root


def _svg_texts(root) -> list[str]:
    return [t.text or "" for t in root.iter(f"{_SVG}text")]


def _marks(root, prefix: str) -> dict[str, object]:
    return {
        e.get("data-gid"): e for e in root.iter() if (e.get("data-gid") or "").startswith(prefix)
    }


def test_svg_tornado_shows_what_the_plot_shows(post: lk.Posterior) -> None:
    from likelihood._view.plots import svg_sensitivity

    for name in ["talks", "negotiations", "secret_negotiations"]:
        root = _svg(svg_sensitivity(post, name))
        table = post.sensitivity(name)
        base = table.info["baseline"]
        rows = {r["judgment"]: r for r in table}
        lows, highs = _marks(root, "low:"), _marks(root, "high:")
        assert set(lows) and {g[4:] for g in lows} == {g[5:] for g in highs}
        # widest first, at most ten, none that moves it by less than 0.0005
        shown = [r["judgment"] for r in table if r["swing"] >= 5e-4][:10]
        assert [g[4:] for g in lows] == shown
        for judgment in shown:
            moved = abs(rows[judgment]["at 5th percentile"] - base)
            moved += abs(rows[judgment]["at 95th percentile"] - base)
            assert moved >= 5e-4
        texts = _svg_texts(root)
        assert "judgment at 5th percentile" in texts and "judgment at 95th percentile" in texts
        assert any(t.startswith(f"How far each judgment's vagueness moves {name}") for t in texts)


def test_svg_figures_draw_every_state(actor: lk.Posterior) -> None:
    from likelihood._view.plots import (
        svg_contributions,
        svg_model,
        svg_posterior,
        svg_scale,
        svg_sensitivity,
    )

    states = actor.model.nodes["actor"].states
    probability = actor.probability("actor")
    beliefs = _svg(svg_posterior(actor, ["actor"]))
    marks = _marks(beliefs, "probability:")
    assert set(marks) == {f"probability:actor={s}" for s in states}
    xs = {g.split("=", 1)[1]: float(e.get("x1")) for g, e in marks.items()}
    ends = [float(e.get("x1")) for g, e in _marks(beliefs, "band:").items()]
    assert len(ends) == len(states) and len(_marks(beliefs, "prior:")) == len(states)
    order = sorted(states, key=lambda s: probability[s])
    assert sorted(states, key=lambda s: xs[s]) == order  # placed by their probabilities
    network = _svg(svg_model(actor.model, actor))
    bars = {g: float(e.get("width")) for g, e in _marks(network, "bar:actor=").items()}
    total = sum(bars.values())
    assert {g[len("bar:actor=") :]: w / total for g, w in bars.items()} == pytest.approx(
        probability, abs=0.01
    )
    assert set(_marks(network, "node:")) == {f"node:{n}" for n in actor.model.nodes}
    tornado = _svg(svg_sensitivity(actor, "actor"))
    titles = [t for t in _svg_texts(tornado) if t.startswith("How far")]
    assert [t.split(" (now")[0].rsplit(" ", 1)[1] for t in titles] == [f"actor={s}" for s in states]
    moved = _svg(svg_contributions(actor, ["actor"]))
    weights = actor.contributions("actor")
    for s in states:
        found = _marks(moved, "contribution:")
        assert {g for g in found if g.endswith(f" on actor={s}")} == {
            f"contribution:{item} on actor={s}" for item in weights
        }
    scale = _svg(svg_scale("phia"))
    assert {g[5:] for g in _marks(scale, "term:")} == set(lk.scale("phia").names)


def test_svg_figures_write_user_text_literally() -> None:
    from likelihood._view.plots import svg_model, svg_posterior, svg_sensitivity

    m = lk.Model(title='Costs $5 & "more" <b>x</b>')
    m.hypothesis("x", states=["a<b", "c>d"], prior={"a<b": "likely", "c>d": "unlikely"})
    m.evidence("e", given={"x=a<b": "likely", "x=c>d": "unlikely"}, observed=True)
    post = m.infer(draws=500, seed=1)
    network = _svg(svg_model(m, post))
    texts = _svg_texts(network)
    assert any(t.startswith('Costs $5 & "more" <b>x</b>') for t in texts)
    assert "a<b" in texts and "c>d" in texts
    beliefs = _svg(svg_posterior(post, ["x"]))
    assert {"x=a<b", "x=c>d"} <= set(_svg_texts(beliefs))
    _svg(svg_sensitivity(post, "x"))
