"""The survey scale: each phrase's Beta is the maximum-likelihood fit to the answers."""

from __future__ import annotations

from pathlib import Path

import _reference as ref
import numpy as np
import pytest
from scipy import stats

import likelihood as lk


def _kept(column: str) -> np.ndarray:
    header, answers = ref.survey_answers()
    rows, cells = ref.survey_flagged()
    j = header.index(column)
    return np.array(
        [
            answers[i, j]
            for i in range(len(answers))
            if i + 1 not in rows and (i + 1, column) not in cells
        ]
    )


def _log_likelihood(theta: np.ndarray, answers: np.ndarray) -> float:
    """Each answer is a whole percent: it stands for [x - 0.5, x + 0.5] %."""
    a, b = np.exp(theta)
    lo = np.clip(answers - 0.5, 0, 100) / 100
    hi = np.clip(answers + 0.5, 0, 100) / 100
    return float(np.sum(np.log(stats.beta.cdf(hi, a, b) - stats.beta.cdf(lo, a, b))))


@pytest.mark.parametrize("column", [t.column for t in lk.scale("perceptions")])
def test_fit_is_the_maximum_likelihood_beta(reference: Path, column: str) -> None:
    answers = _kept(column)
    j = lk.judge(column, scale="perceptions")
    theta = np.log(j.beta)
    h = 1e-4
    grad = np.zeros(2)
    hess = np.zeros((2, 2))
    base = _log_likelihood(theta, answers)
    for i in range(2):
        e = np.zeros(2)
        e[i] = h
        grad[i] = (_log_likelihood(theta + e, answers) - _log_likelihood(theta - e, answers)) / (
            2 * h
        )
        for k in range(2):
            f = np.zeros(2)
            f[k] = h
            hess[i, k] = (
                _log_likelihood(theta + e + f, answers)
                - _log_likelihood(theta + e - f, answers)
                - _log_likelihood(theta - e + f, answers)
                + _log_likelihood(theta - e - f, answers)
            ) / (4 * h * h)
    # a stationary point (score ~ 0) that is a maximum (Hessian negative definite)
    assert np.max(np.abs(grad)) < 1e-3 * max(1.0, abs(base)) / len(answers)
    assert np.all(np.linalg.eigvalsh(hess) < 0)


def test_flagged_answers_are_left_out_of_the_fit(reference: Path) -> None:
    # "Highly Likely" has one answer of 15 % in row 30; with it, the fit would widen
    column = "Highly Likely"
    header, answers = ref.survey_answers()
    everything = np.delete(answers[:, header.index(column)], [3, 14])  # rows 4 and 15 out
    j = lk.judge(column, scale="perceptions")
    with_outlier = _log_likelihood(np.log(j.beta), everything)
    without = _log_likelihood(np.log(j.beta), _kept(column))
    assert len(everything) == len(_kept(column)) + 1
    assert with_outlier < without - 5  # the stray 15 % is very unlikely under the fit


def test_reading_rule_gives_the_phrase_most_often_meant(reference: Path) -> None:
    sc = lk.scale("perceptions")
    for p in (k / 1000 for k in range(1001)):
        lo, hi = max(p - 0.005, 0.0), min(p + 0.005, 1.0)
        shares = {t.name: stats.beta.cdf(hi, *t.beta) - stats.beta.cdf(lo, *t.beta) for t in sc}
        best = max(shares.values())
        words = sc.describe(float(p))
        assert shares[str(words)] == pytest.approx(best, rel=1e-12), p
        assert words.relation == "reading"


def test_survey_judgments_keep_their_origin() -> None:
    j = lk.judge("we doubt", scale="perceptions")
    assert j.origin.scale == "perceptions" and "maximum likelihood" in j.origin.method
    assert "Zoni Nation" in j.origin.citation
