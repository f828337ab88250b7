"""DataTree output of both engines, read by ArviZ 1.x."""

from __future__ import annotations

import logging

import _pgmpy
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
    assert sorted(tree.children) == [
        "importance_weights",
        "observed_data",
        "posterior",
        "prior",
        "weighted_posterior",
    ]
    posterior, weighted = tree["posterior"], tree["weighted_posterior"]
    for name in HYPOTHESES:
        assert posterior[name].dims == ("chain", "draw")
    assert (
        "theta[negotiations | talks]" in posterior and "theta[reporter: reliability]" in posterior
    )
    assert "theta[decree: strength]" in posterior
    # the raw draws with their P(X | E, θ), and their weights
    np.testing.assert_array_equal(
        weighted["negotiations"].values[0], exact.values("negotiations")[:, 0]
    )
    weights = tree["importance_weights"]["weight"].values[0]
    assert weights.sum() == pytest.approx(1.0) and np.array_equal(weights, exact.weights)
    log_evidence = tree["importance_weights"]["log_evidence"].values[0]
    np.testing.assert_array_equal(log_evidence, exact.evaluation.log_evidence)
    assert tree["observed_data"]["claim"].item() is True
    assert tree.attrs["engine"] == "exact" and tree.attrs["scale"] == "phia"
    assert tree.attrs["inference_library"] == "likelihood"


def test_prior_group_holds_the_prior_of_the_same_draws(exact: lk.Posterior) -> None:
    tree = exact.to_datatree()
    prior, weighted = tree["prior"], tree["weighted_posterior"]
    before = exact.prior  # the same draws, evaluated without the observations
    assert before.evaluation.observed == {}
    for name in HYPOTHESES:
        np.testing.assert_array_equal(
            prior[name].values[0], before.evaluation.marginals[name][:, 0]
        )
        # unweighted draws: their mean is the prior probability
        assert float(prior[name].values.mean()) == pytest.approx(before.probability(name))
    # the same θ as the weighted posterior, but P(X | θ), not P(X | E, θ)
    theta = "theta[reporter: reliability]"
    np.testing.assert_array_equal(prior[theta].values, weighted[theta].values)
    assert not np.allclose(prior["negotiations"].values, weighted["negotiations"].values)
    # an observed node is in the prior (its prior probability), not in the posterior
    assert "claim" in prior and "claim" not in tree["posterior"]
    assert float(prior["claim"].values.mean()) == pytest.approx(before.probability("claim"))
    assert prior.attrs["draws"] == exact.draws


def test_a_slash_in_a_state_name_is_written_as_a_division_slash() -> None:
    m = lk.Model()
    m.hypothesis("x", states=["Asy/Patch", "Normal"], prior={"Asy/Patch": 0.3, "Normal": 0.7})
    m.hypothesis("y", given={"x=Asy/Patch": "likely", "x=Normal": "unlikely"})
    m.evidence("e", given={"y": 0.9, "~y": 0.2}, observed=True)
    post = m.infer(draws=2000, seed=1)
    tree = post.to_datatree()
    variables = [p.variable for p in m.parameters()]
    assert variables[:3] == ["theta[x: Asy∕Patch]", "theta[x: Normal]", "theta[y | x=Asy∕Patch]"]
    for group in ("posterior", "prior", "weighted_posterior"):
        assert "theta[y | x=Asy∕Patch]" in tree[group]
        assert not [v for v in tree[group].data_vars if "/" in str(v)]
    # the coordinates keep the state's own name
    assert list(tree["posterior"]["x_state"].values) == ["Asy/Patch", "Normal"]
    np.testing.assert_array_equal(
        tree["weighted_posterior"]["theta[y | x=Asy∕Patch]"].values[0], post.evaluation.values[2]
    )


def test_bnlearn_child_with_slashes_in_its_states_gives_a_datatree() -> None:
    model = lk.load(_pgmpy.example_models() / "child.bif.gz")
    assert "Asy/Patch" in model.nodes["ChestXray"].states
    tree = model.infer().to_datatree()
    names = [str(v) for v in tree["prior"].data_vars]
    assert any("Asy∕Patch" in v for v in names) and not any("/" in v for v in names)
    assert "Asy/Patch" in list(tree["posterior"]["ChestXray_state"].values)


def test_resampled_posterior_gives_the_weighted_answer(exact: lk.Posterior) -> None:
    import arviz as az

    summary = az.summary(exact.to_datatree(), var_names=HYPOTHESES)
    for name in HYPOTHESES:
        mean = float(summary.loc[name, "mean"])
        # resampling adds about one sd / sqrt(ESS) of noise on top of the estimate's own error
        sd = float(
            np.sqrt(
                np.dot(exact.weights, (exact.values(name)[:, 0] - exact.probability(name)) ** 2)
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
    assert {"posterior", "sample_stats", "observed_data", "prior"} <= set(tree.children)
    # the prior: the compiled model's draws, without the evidence
    assert tree["prior"].attrs["draws"] == sampled.prior.draws
    np.testing.assert_array_equal(
        tree["prior"]["talks"].values[0], sampled.prior.evaluation.marginals["talks"][:, 0]
    )
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
    # one density per hypothesis, its point estimate (the mean) at the coherent probability
    assert sorted(plots.viz["dist"].data_vars) == sorted(HYPOTHESES)
    for name in HYPOTHESES:
        (x, _), *_ = plots.viz["point_estimate"][name].item().get_offsets()
        assert abs(float(x) - post.probability(name)) < 0.01, name
    import matplotlib.pyplot as plt

    plt.close("all")
