"""Draws in blocks: streams per block, draws not held, ``draws="auto"``, executors.

Oracles: a Beta prior with evidence of fixed strength has the closed-form
coherent answer ``P(h | E) = p₁μ / (p₁μ + p₀(1 − μ))`` (the evidence is linear
in θ, so only its mean μ matters); the rest are properties that must hold
exactly (the same draws, byte for byte, wherever and however they are made).
"""

from __future__ import annotations

import math
import pickle
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import likelihood as lk
from likelihood._core.compiled import Draws, blocks, stream
from likelihood._defaults import BLOCK_DRAWS

A, B = 2.0, 5.0  # the prior Beta(2, 5) of h
YES, NO = 0.9, 0.2  # P(e | h), P(e | not h)


def beta_model() -> lk.Model:
    m = lk.Model(title="beta prior")
    m.hypothesis("h", prior=lk.judge(beta=(A, B)))
    m.evidence("e", given={"h": YES, "~h": NO}, observed=True)
    return m


def exact_answer() -> float:
    mu = A / (A + B)
    return YES * mu / (YES * mu + NO * (1 - mu))


def flagship() -> lk.Model:
    from pathlib import Path

    return lk.load(Path(__file__).resolve().parents[1] / "examples" / "negotiations.toml")


def same(a: lk.Evaluation, b: lk.Evaluation) -> bool:
    return bool(
        a.n == b.n
        and np.array_equal(a.log_evidence, b.log_evidence)
        and all(np.array_equal(a.marginals[k], b.marginals[k]) for k in a.marginals)
    )


def test_blocks_cover_the_draws_in_order() -> None:
    spans = blocks(2 * BLOCK_DRAWS + 7)
    assert spans[0] == (0, BLOCK_DRAWS)
    assert spans[-1] == (2 * BLOCK_DRAWS, 2 * BLOCK_DRAWS + 7)
    assert sum(b - a for a, b in spans) == 2 * BLOCK_DRAWS + 7
    assert blocks(1) == [(0, 1)]


def test_each_block_has_its_own_stream() -> None:
    first = stream(3, "h", 0).random(4)
    assert np.array_equal(first, stream(3, "h", 0).random(4))
    assert not np.array_equal(first, stream(3, "h", 1).random(4))
    assert not np.array_equal(first, stream(3, "g", 0).random(4))


def test_lazy_draws_equal_the_held_ones_in_any_order() -> None:
    d = Draws(lk.Dirichlet({"a": 2.0, "b": 3.0, "c": 1.0}), "x", seed=9, n=2 * BLOCK_DRAWS + 5)
    held = np.asarray(d)
    assert held.shape == d.shape == (2 * BLOCK_DRAWS + 5, 3)
    np.testing.assert_allclose(held.sum(axis=1), 1.0)
    # slices across block edges, asked backwards, equal the held draws
    for start, stop in [(2 * BLOCK_DRAWS, 2 * BLOCK_DRAWS + 5), (BLOCK_DRAWS - 3, BLOCK_DRAWS + 3)]:
        assert np.array_equal(d[start:stop], held[start:stop])
    assert np.array_equal(d[[0, 5, BLOCK_DRAWS + 1]], held[[0, 5, BLOCK_DRAWS + 1]])
    again = pickle.loads(pickle.dumps(d))
    assert np.array_equal(again[3:9], held[3:9])


def test_a_smaller_run_is_the_first_draws_of_a_larger_one() -> None:
    m = flagship()
    big = m.compile(draws=3 * BLOCK_DRAWS, seed=4)
    small = m.compile(draws=BLOCK_DRAWS + 17, seed=4)
    for a, b in zip(big.values, small.values, strict=True):
        assert np.array_equal(a[: len(b)], b) if len(a) > 1 else np.array_equal(a, b)
    assert same(big.first(BLOCK_DRAWS + 17).evaluate(), small.evaluate())
    with pytest.raises(lk.OptionError, match="more than the 30000 draws"):
        big.first(4 * BLOCK_DRAWS)


def test_draws_not_held_give_the_numbers_of_draws_held() -> None:
    m = flagship()
    held = lk.CompiledModel(m, draws=25_000, seed=2, held=True)
    drawn = lk.CompiledModel(m, draws=25_000, seed=2, held=False)
    assert held.held and not drawn.held
    assert isinstance(drawn.values[0], Draws) or any(isinstance(v, Draws) for v in drawn.values)
    assert same(held.evaluate(), drawn.evaluate())
    # an analysis on draws not held draws them when it needs them
    post = lk.Posterior(m, drawn.evaluate(), drawn)
    other = lk.Posterior(m, held.evaluate(), held)
    assert post.contributions("negotiations") == other.contributions("negotiations")
    assert post.sensitivity("negotiations").rows == other.sensitivity("negotiations").rows


def test_an_executor_gives_the_numbers_of_the_run_here() -> None:
    m = flagship()
    with ThreadPoolExecutor(2) as pool:
        there = m.infer(draws=25_000, seed=8, executor=pool)
        flips = there.flips("talks")
    here = m.infer(draws=25_000, seed=8)
    assert same(here.evaluation, there.evaluation)
    assert here.flips("talks").rows == flips.rows


def test_auto_draws_meet_the_error_asked_and_the_closed_form() -> None:
    target = 0.0005
    post = beta_model().infer(draws="auto", mcse=target, seed=1)
    assert post.mcse("h") <= target
    assert post.evaluation.n % BLOCK_DRAWS == 0
    assert abs(post.probability("h") - exact_answer()) <= 4 * target
    # a stricter target takes more draws; the result is the run of that many draws
    tighter = beta_model().infer(draws="auto", mcse=target / 2, seed=1)
    assert tighter.evaluation.n > post.evaluation.n
    plain = beta_model().infer(draws=tighter.evaluation.n, seed=1)
    assert same(tighter.evaluation, plain.evaluation)


def test_auto_draws_answer_for_the_query_only() -> None:
    m = flagship()
    loose = m.infer(draws="auto", mcse=0.0004, seed=3, query=["talks"])
    every = m.infer(draws="auto", mcse=0.0004, seed=3)
    assert loose.evaluation.n <= every.evaluation.n
    assert loose.mcse("talks") <= 0.0004


def test_auto_draws_warn_when_the_most_draws_fall_short() -> None:
    with pytest.warns(lk.AccuracyWarning, match=r"max_draws=20,000.*above mcse=1e-06"):
        post = beta_model().infer(draws="auto", mcse=1e-6, max_draws=20_000, seed=1)
    assert post.evaluation.n == 20_000


def test_auto_draws_of_a_fixed_model_are_one_exact_evaluation() -> None:
    m = lk.Model()
    m.hypothesis("h", prior=0.3)
    m.evidence("e", given={"h": 0.8, "~h": 0.1}, observed=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        post = m.infer(draws="auto", seed=1)
    assert post.evaluation.n == 1
    assert math.isclose(post.probability("h"), 0.3 * 0.8 / (0.3 * 0.8 + 0.7 * 0.1), rel_tol=1e-12)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"draws": "many"}, "whole number or 'auto'"),
        ({"draws": 100, "mcse": 0.01}, "go with draws='auto'"),
        ({"draws": 100, "max_draws": 10}, "go with draws='auto'"),
        ({"draws": "auto", "mcse": -1}, "mcse"),
        ({"draws": "auto", "max_draws": 0}, "max_draws"),
        ({"draws": "auto", "method": "pymc"}, "exact engine"),
        ({"draws": 100, "method": "pymc", "executor": object()}, "executor"),
    ],
)
def test_bad_options_are_refused_by_name(options: dict, message: str) -> None:
    m = beta_model()
    with pytest.raises(lk.LikelihoodError, match=message):
        m.infer(seed=1, **options)


def test_a_million_draws_are_not_refused_when_they_are_not_held() -> None:
    m = flagship()
    c = m.compile(draws=10**6, seed=1)  # about 0.3 GiB of draws: held
    assert c.n == 10**6
    with pytest.raises(lk.OptionError, match="MAX_DRAW_BYTES"):
        m.compile(draws=10**9, seed=1)  # the answers alone would not fit
