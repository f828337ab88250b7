"""DataTree output of both engines, read by ArviZ 1.x."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from _oracle import flagship

import likelihood as lk

logging.getLogger("pymc").setLevel(logging.ERROR)
HYPOTHESES = ["talks", "negotiations", "secret_negotiations"]


@pytest.fixture(scope="module")
def exact() -> lk.Posterior:
    return flagship().infer(draws=20_000, seed=2)


@pytest.fixture(scope="module")
def sampled() -> lk.Posterior:
    return flagship().infer(
        method="pymc", draws=500, tune=500, chains=2, cores=1, seed=2, progressbar=False
    )


def test_exact_tree_layout(exact: lk.Posterior) -> None:
    tree = exact.to_datatree()
    assert sorted(tree.children) == ["observed_data", "posterior", "prior", "sample_stats_prior"]
    posterior, prior = tree["posterior"], tree["prior"]
    for name in HYPOTHESES:
        assert posterior[name].dims == ("chain", "draw")
    assert (
        "theta[negotiations | talks]" in posterior and "theta[reporter: reliability]" in posterior
    )
    assert "theta[decree: strength]" in posterior
    # the raw draws and their weights
    np.testing.assert_allclose(
        prior["negotiations"].values[0], exact._values_of("negotiations")[:, 0]
    )
    weights = tree["sample_stats_prior"]["weight"].values[0]
    assert weights.sum() == pytest.approx(1.0) and np.array_equal(weights, exact.weights)
    assert tree["observed_data"]["claim"].item() is True
    assert tree.attrs["engine"] == "exact" and tree.attrs["scale"] == "phia"
    assert tree.attrs["inference_library"] == "likelihood"


def test_resampled_posterior_gives_the_weighted_answer(exact: lk.Posterior) -> None:
    import arviz as az

    summary = az.summary(exact.to_datatree(), var_names=HYPOTHESES)
    for name in HYPOTHESES:
        mean = float(summary.loc[name, "mean"])
        # resampling adds about one sd / sqrt(ESS) of noise on top of the estimate's own error
        sd = float(
            np.sqrt(
                np.dot(exact.weights, (exact._values_of(name)[:, 0] - exact.probability(name)) ** 2)
            )
        )
        tolerance = 4 * (exact.mcse(name) + sd / np.sqrt(exact.ess))
        assert abs(mean - exact.probability(name)) < tolerance, name


def test_several_state_nodes_have_a_state_dimension() -> None:
    m = lk.Model()
    m.hypothesis("x", states=["a", "b", "c"], prior=lk.Dirichlet({"a": 2, "b": 3, "c": 5}))
    tree = m.infer(draws=500, seed=1).to_datatree()
    assert tree["posterior"]["x"].dims == ("chain", "draw", "x_state")
    assert list(tree["posterior"]["x_state"].values) == ["a", "b", "c"]
    assert tree["posterior"]["theta[x]"].dims == ("chain", "draw", "x_state")


def test_pymc_tree_layout(sampled: lk.Posterior) -> None:
    tree = sampled.to_datatree()
    assert {"posterior", "sample_stats", "observed_data"} <= set(tree.children)
    assert tree.attrs["engine"] == "pymc"
    for name in HYPOTHESES:
        assert tree["posterior"][name].dims == ("chain", "draw")
    assert "diverging" in tree["sample_stats"]


@pytest.mark.parametrize("engine", ["exact", "sampled"])
def test_arviz_summary_and_density_plot_run(engine: str, request: pytest.FixtureRequest) -> None:
    import arviz as az
    import arviz_plots

    post = request.getfixturevalue(engine)
    tree = post.to_datatree()
    summary = az.summary(tree, var_names=HYPOTHESES)
    assert list(summary.index) == HYPOTHESES
    for name in HYPOTHESES:
        assert abs(float(summary.loc[name, "mean"]) - post.probability(name)) < 0.01
    plots = arviz_plots.plot_dist(tree, var_names=HYPOTHESES, backend="matplotlib")
    assert plots is not None
