"""The PyMC engine: agreement with the exact engine and the oracle; data enter as a likelihood."""

from __future__ import annotations

import inspect
import json
import logging
import math
import subprocess
import sys

import _pgmpy
import numpy as np
import pytest
from _oracle import flagship, mean_network
from scipy import stats

import likelihood as lk

logging.getLogger("pymc").setLevel(logging.ERROR)

SAMPLING = {
    "method": "pymc",
    "draws": 1000,
    "tune": 1000,
    "chains": 4,
    "cores": 1,
    "progressbar": False,
}


def words_only() -> lk.Model:
    m = lk.Model()
    m.hypothesis("h", prior="realistic possibility")
    m.hypothesis("g", given={"h": "likely", "~h": "highly unlikely"})
    m.evidence("e1", given={"h": "highly likely", "~h": "unlikely"}, observed=True)
    m.evidence("e2", given={"g": "unlikely", "~g": "likely"}, observed=True)
    return m


@pytest.fixture(scope="module", params=["words only", "flagship"])
def both(request: pytest.FixtureRequest) -> tuple[lk.Model, lk.Posterior, lk.Posterior]:
    model = words_only() if request.param == "words only" else flagship()
    sampled = model.infer(seed=11, **SAMPLING)
    exact = model.infer(draws=40_000, seed=11)
    return model, sampled, exact


def test_engines_agree_with_each_other_and_with_the_oracle(both) -> None:
    model, sampled, exact = both
    evidence = {k: ("true" if v is True else "false") for k, v in model.observed.items()}
    at_means = _pgmpy.marginals(_pgmpy.network(mean_network(model)), evidence)
    for name in model.nodes:
        if name in evidence:
            continue
        p, q = sampled.probability(name), exact.probability(name)
        joint = math.hypot(sampled.mcse(name), exact.mcse(name))
        assert abs(p - q) < 4 * joint, (name, p, q, joint)
        oracle = at_means[name]["true"]
        assert abs(p - oracle) < 4 * sampled.mcse(name), (name, p, oracle)
        assert abs(q - oracle) < 4 * exact.mcse(name), (name, q, oracle)
        lo_a, hi_a = sampled.interval(name)
        lo_b, hi_b = exact.interval(name)
        assert abs(lo_a - lo_b) < 0.03 and abs(hi_a - hi_b) < 0.03, name


def test_sampler_converged(both) -> None:
    _, sampled, _ = both
    assert sampled.method == "pymc"
    assert sampled.diagnostics["rhat"] < 1.01
    assert sampled.diagnostics["divergences"] == 0
    assert sampled.draws == 4000 and sampled.ess > 400


def test_contributions_agree_between_engines(both) -> None:
    model, sampled, exact = both
    target = next(n for n in model.nodes if n not in model.observed)
    a, b = sampled.contributions(target), exact.contributions(target)
    assert set(a) == set(b)
    for item in a:
        assert a[item] == pytest.approx(b[item], abs=0.05), item


def test_counts_enter_as_a_binomial_likelihood() -> None:
    # 7 of 10 past cases on a judgment of "unlikely": the conjugate posterior is the oracle
    prior = lk.judge("unlikely", scale="icd203")
    a, b = prior.beta
    m = lk.Model(scale="icd203")  # the judgment's own scale: no ScaleWarning
    m.hypothesis("h", prior=prior.update(successes=7, trials=10))
    post = m.infer(seed=3, **SAMPLING)
    closed = stats.beta(a + 7, b + 3)
    assert abs(post.probability("h") - closed.mean()) < 4 * post.mcse("h")
    lo, hi = post.interval("h")
    assert lo == pytest.approx(closed.ppf(0.05), abs=0.01)
    assert hi == pytest.approx(closed.ppf(0.95), abs=0.01)
    # the PyMC model holds the prior and the data, not the conjugate shortcut
    assert "theta[h] data" in post.evaluation.trace["observed_data"]


def test_analysts_numbers_enter_as_a_hierarchical_likelihood() -> None:
    numbers = [0.2, 0.35, 0.3, 0.25]
    judgment = lk.analysts(numbers)
    m = lk.Model()
    m.hypothesis("h", prior=judgment)
    post = m.infer(seed=4, **SAMPLING)
    # the exact engine's judgment is the posterior by quadrature: the two must agree
    assert abs(post.probability("h") - judgment.mean()) < 4 * post.mcse("h")
    lo, hi = post.interval("h")
    assert lo == pytest.approx(judgment.ppf(0.05), abs=0.015)
    assert hi == pytest.approx(judgment.ppf(0.95), abs=0.015)
    observed = post.evaluation.trace["observed_data"]["theta[h] analysts"].values
    np.testing.assert_allclose(observed, numbers)


def test_a_poor_run_warns() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=lk.judge("unlikely").update(successes=2, trials=5))
    with pytest.warns(lk.SamplerWarning, match="may not have converged"):
        m.infer(method="pymc", draws=15, tune=5, chains=2, cores=1, seed=1, progressbar=False)


def test_pymc_needs_something_uncertain() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    with pytest.raises(lk.JudgmentTypeError, match="no uncertain judgment to sample"):
        m.infer(method="pymc", draws=10, tune=10, chains=1, progressbar=False)


def test_pymc_rejects_what_it_cannot_sample() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=lk.pool([0.2, "likely"]))
    with pytest.raises(lk.JudgmentTypeError, match="the PyMC engine cannot use"):
        m.infer(method="pymc", draws=10, tune=10, chains=1, progressbar=False)


def test_pymc_options_are_checked() -> None:
    m = words_only()
    with pytest.raises(lk.OptionError, match="chains"):
        m.infer(method="pymc", chains=0)
    with pytest.raises(lk.OptionError, match="seed must be a whole number >= 0 here, not a numpy"):
        m.infer(method="pymc", seed=np.random.default_rng(1))


def test_a_slash_in_a_state_name_gives_a_pymc_answer() -> None:
    m = lk.Model()
    m.hypothesis("x", states=["Asy/Patch", "no/ne"], prior={"Asy/Patch": "likely", "no/ne": 0.35})
    m.hypothesis("y", given={"x=Asy/Patch": "highly likely", "x=no/ne": "unlikely"})
    m.evidence("e", given={"y": 0.8, "~y": 0.3}, observed=True)
    exact = m.infer(draws=40_000, seed=3)
    post = m.infer(seed=3, **{**SAMPLING, "draws": 500, "tune": 500, "chains": 2})
    trace = post.evaluation.trace["posterior"]
    assert "theta[x: Asy∕Patch]" in trace and "theta[y | x=Asy∕Patch]" in trace
    for name in ("x=Asy/Patch", "y"):
        joint = math.hypot(post.mcse(name), exact.mcse(name))
        assert abs(post.probability(name) - exact.probability(name)) < 4 * joint, name
    tree = post.to_datatree()
    assert "theta[x: Asy∕Patch]" in tree["posterior"]
    assert list(tree["posterior"]["x_state"].values) == ["Asy/Patch", "no/ne"]


CLUE_WORDS = ("highly unlikely", "unlikely", "realistic possibility", "likely", "highly likely")


def many_clues(n: int) -> lk.Model:
    """One hypothesis of three states, *n* binary clues in words, two in three observed true."""
    m = lk.Model()
    m.hypothesis("actor", states=["a", "b", "c"], prior=lk.Dirichlet({"a": 4, "b": 3, "c": 3}))
    for i in range(n):
        a, b, c = (CLUE_WORDS[(i + 2 * j) % len(CLUE_WORDS)] for j in range(3))
        given = {"actor=a": a, "actor=b": b, "actor=c": c}
        m.evidence(f"clue{i}", given=given, observed=i % 3 != 0)
    return m


#: Run in a fresh interpreter, so that its peak memory is the PyMC engine's alone: build the
#: PyMC model of ``many_clues(50)`` and compile what NUTS evaluates, timed, then sample it.
MANY_CLUES_RUN = """
import json, logging, resource, time, warnings
from pymc.blocking import DictToArrayBijection
import likelihood as lk
from likelihood._pymc.engine import build_model, compiling

logging.getLogger("pymc").setLevel(logging.ERROR)
CLUE_WORDS = {words!r}
{source}

def build(n):
    start = time.perf_counter()
    pm_model = build_model(many_clues(n).compile(seed=5))
    with compiling():
        logp_dlogp = pm_model.logp_dlogp_function(ravel_inputs=True)
    logp_dlogp.set_extra_values({{}})
    point = pm_model.initial_point()
    logp_dlogp(DictToArrayBijection.map({{v.name: point[v.name] for v in pm_model.value_vars}}))
    return time.perf_counter() - start

# PyTensor compiles each kind of operation once per machine and keeps it: a smaller model
# of another structure first, so that a cold cache is not what is timed
warm_up = build(30)
build_seconds = build(50)
start = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # the diagnostics are checked by the test
    post = many_clues(50).infer(**{sampling!r})
print(json.dumps({{
    "warm_up": warm_up,
    "build": build_seconds,
    "infer": time.perf_counter() - start,
    "peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    "p": {{s: post.probability("actor=" + s) for s in "abc"}},
    "mcse": {{s: post.mcse("actor=" + s) for s in "abc"}},
    "diagnostics": post.diagnostics,
}}))
"""


@pytest.mark.slow
def test_fifty_clues_build_fast_in_little_memory_and_agree_with_the_exact_engine() -> None:
    # the junction tree's products are contracted pair by pair, many operands in one
    # operation: the graph grows linearly with the clues (7 clues took 64 s and 8 ran out of
    # memory when one einsum took every factor of the hypothesis's clique)
    sampling = {**SAMPLING, "draws": 500, "tune": 1000, "chains": 2, "seed": 5}
    script = MANY_CLUES_RUN.format(
        words=CLUE_WORDS, source=inspect.getsource(many_clues), sampling=sampling
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["build"] < 10, out
    assert out["peak_bytes"] < 3 * 2**30, out
    assert out["diagnostics"]["rhat"] < 1.01, out
    assert out["diagnostics"]["divergences"] == 0, out
    exact = many_clues(50).infer(draws=100_000, seed=5)
    for s in "abc":
        name = f"actor={s}"
        joint = math.hypot(out["mcse"][s], exact.mcse(name))
        assert abs(out["p"][s] - exact.probability(name)) < 4 * joint, (name, out, joint)
