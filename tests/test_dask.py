"""Blocks of draws on a Dask cluster: the numbers of the local run, byte for byte.

A ``LocalCluster`` of two worker processes evaluates the blocks of draws
(each parameter's block drawn on the worker from its own random stream); the
answer, the band, the Monte Carlo error and an analysis (sensitivity, whose
variants go to the cluster too) must equal the run here, to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import likelihood as lk

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
DRAWS = 25_000  # three blocks: the last one shorter


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def model() -> lk.Model:
    return lk.load(ROOT / "examples" / "negotiations.toml")


def _same(a: lk.Evaluation, b: lk.Evaluation) -> None:
    assert a.n == b.n
    assert np.array_equal(a.log_evidence, b.log_evidence)
    assert set(a.marginals) == set(b.marginals)
    for name in a.marginals:
        assert np.array_equal(a.marginals[name], b.marginals[name]), name


def test_infer_on_a_cluster_equals_the_local_run(client: object, model: lk.Model) -> None:
    here = model.infer(draws=DRAWS, seed=11)
    with distributed.get_task_stream(client) as tasks:
        there = model.infer(draws=DRAWS, seed=11, executor=client)
    assert len(tasks.data) == 3  # one task per block
    _same(here.evaluation, there.evaluation)
    for h in ("talks", "negotiations", "secret_negotiations"):
        assert here.probability(h) == there.probability(h)
        assert here.interval(h) == there.interval(h)
        assert here.mcse(h) == there.mcse(h)


def test_an_analysis_on_a_cluster_equals_the_local_one(client: object, model: lk.Model) -> None:
    here = model.infer(draws=DRAWS, seed=11).sensitivity("negotiations")
    post = model.infer(draws=DRAWS, seed=11, executor=client)
    with distributed.get_task_stream(client) as tasks:
        there = post.sensitivity("negotiations")
    assert len(tasks.data) >= 3  # its variants' blocks went to the workers
    assert here.columns == there.columns
    assert here.rows == there.rows  # every number equal, to the last bit
    assert len(here.rows) > 0


def test_auto_draws_on_a_cluster_equal_the_local_run(client: object, model: lk.Model) -> None:
    here = model.infer(draws="auto", mcse=0.0003, seed=5)
    there = model.infer(draws="auto", mcse=0.0003, seed=5, executor=client)
    _same(here.evaluation, there.evaluation)
