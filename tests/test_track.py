"""Track records, the personal scale, recalibration and coherence, each against an oracle.

Oracles: hand arithmetic written out in the comments; scikit-learn's
``brier_score_loss`` and ``log_loss``; scipy.stats for the Beta quantiles and
means; the conjugate closed form Beta(a + hits, b + misses); the closed form of
the projection onto the simplex and scipy.optimize.minimize; a logistic
log-likelihood written here and maximised with scipy.optimize.minimize; and the
asymptotic standard errors of the true parameters, computed here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, special, stats

import likelihood as lk

# -- a small table by hand --------------------------------------------------------------------

# Ten forecasts in three groups:
#   0.2 four times, 1 came true;  0.7 three times, 2 came true;  0.9 three times, all came true.
HAND = [(0.2, True), (0.2, False), (0.2, False), (0.2, False)]
HAND += [(0.7, True), (0.7, True), (0.7, False)]
HAND += [(0.9, True), (0.9, True), (0.9, True)]


def _sklearn_brier(rows: list[tuple[float, bool]]) -> float:
    from sklearn.metrics import brier_score_loss

    return float(brier_score_loss([int(o) for _, o in rows], [p for p, _ in rows]))


def test_brier_decomposition_by_hand() -> None:
    d = lk.TrackRecord(HAND).decomposition()
    # Brier: 0.2 group 0.8² + 3 · 0.2² = 0.76; 0.7 group 2 · 0.3² + 0.7² = 0.67;
    #        0.9 group 3 · 0.1² = 0.03; (0.76 + 0.67 + 0.03) / 10 = 0.146
    assert d.brier == pytest.approx(0.146, abs=1e-15)
    # overall frequency 6/10 = 0.6; group frequencies 1/4, 2/3, 1
    # reliability: [4 (0.2 - 1/4)² + 3 (0.7 - 2/3)² + 3 (0.9 - 1)²] / 10
    #            = [0.01 + 1/300 + 0.03] / 10 = 13/3000
    assert d.reliability == pytest.approx(13 / 3000, abs=1e-15)
    # resolution: [4 (1/4 - 0.6)² + 3 (2/3 - 0.6)² + 3 (1 - 0.6)²] / 10
    #           = [0.49 + 1/75 + 0.48] / 10 = 59/600
    assert d.resolution == pytest.approx(59 / 600, abs=1e-15)
    # uncertainty: 0.6 · 0.4 = 0.24
    assert d.uncertainty == pytest.approx(0.24, abs=1e-15)
    # 13/3000 - 59/600 + 0.24 = 0.146: exact, no within-group term
    assert d.within == 0.0 and d.groups == 3 and not d.binned
    assert d.reliability - d.resolution + d.uncertainty == pytest.approx(d.brier, abs=1e-15)
    assert d.brier == pytest.approx(_sklearn_brier(HAND), abs=1e-15)


def test_brier_of_words_is_sklearns_at_the_words_means() -> None:
    rows = [("likely", True)] * 7 + [("likely", False)] * 3 + [("unlikely", True)]
    rows += [("unlikely", False)] * 4 + [(0.05, False), (0.05, True)]
    record = lk.TrackRecord(rows)
    phia = lk.scale("phia")
    means = {}
    for word in ("likely", "unlikely"):
        a, b = lk.judge(word).beta  # type: ignore[misc]
        lo, hi = phia[word].range  # type: ignore[misc]
        # the scale's Beta holds 90 % of its mass in the published range (scipy)
        assert stats.beta.cdf(hi, a, b) - stats.beta.cdf(lo, a, b) == pytest.approx(0.9, abs=1e-6)
        means[word] = stats.beta.mean(a, b)
    numbers = [(means[w] if isinstance(w, str) else w, o) for w, o in rows]
    assert record.brier() == pytest.approx(_sklearn_brier(numbers), abs=1e-14)
    d = record.decomposition()
    assert d.groups == 3
    assert d.reliability - d.resolution + d.uncertainty == pytest.approx(d.brier, abs=1e-14)
    np.testing.assert_allclose(record.forecasts, [p for p, _ in numbers], rtol=0, atol=1e-14)


def test_binned_decomposition_reports_the_within_bin_term() -> None:
    rows = [(0.12, False), (0.18, True), (0.9, True)]
    d = lk.TrackRecord(rows).decomposition(bins=5)
    # bins [0, 0.2): 0.12 (miss), 0.18 (hit): mean forecast 0.15, frequency 1/2;
    #      [0.8, 1]: 0.9 (hit): mean forecast 0.9, frequency 1; overall 2/3
    # reliability [2 (0.15 - 0.5)² + (0.9 - 1)²] / 3 = (0.245 + 0.01) / 3 = 0.085
    assert d.reliability == pytest.approx(0.085, abs=1e-15)
    # resolution [2 (1/2 - 2/3)² + (1 - 2/3)²] / 3 = (1/18 + 1/9) / 3 = 1/18
    assert d.resolution == pytest.approx(1 / 18, abs=1e-15)
    # within: Σ (f - f̄)² - 2 (f - f̄)(o - ō) in the first bin:
    #   (0.03² + 0.03²) - 2 [(-0.03)(-0.5) + (0.03)(0.5)] = 0.0018 - 0.06 = -0.0582; / 3
    assert d.within == pytest.approx(-0.0582 / 3, abs=1e-15)
    assert d.binned and d.groups == 2
    assert d.brier == pytest.approx(_sklearn_brier(rows), abs=1e-15)
    total = d.reliability - d.resolution + d.uncertainty + d.within
    assert total == pytest.approx(d.brier, abs=1e-15)
    # without the within-bin term the identity is only approximate
    assert abs(d.reliability - d.resolution + d.uncertainty - d.brier) > 0.01


def test_bins_given_as_edges_equal_the_same_count() -> None:
    record = lk.TrackRecord(HAND)
    by_count = record.decomposition(bins=4)
    by_edges = record.decomposition(bins=[0.0, 0.25, 0.5, 0.75, 1.0])
    assert by_count == by_edges
    table = record.calibration(bins=[0.0, 0.5, 1.0])
    assert table.column("judgment") == ["[0, 0.5)", "[0.5, 1]"]
    assert table.column("n") == [4, 6] and table.column("hits") == [1, 5]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([0.0, 0.1, 0.35, 0.5, 0.8, 1.0]), st.booleans()),
        min_size=1,
        max_size=40,
    )
)
def test_the_identity_holds_for_any_record(rows: list[tuple[float, bool]]) -> None:
    d = lk.TrackRecord(rows).decomposition()
    assert d.reliability - d.resolution + d.uncertainty == pytest.approx(d.brier, abs=1e-12)
    assert d.brier == pytest.approx(_sklearn_brier(rows), abs=1e-12)
    assert d.reliability >= 0 and d.resolution >= 0 and 0 <= d.uncertainty <= 0.25


def test_log_score_is_minus_sklearns_log_loss() -> None:
    from sklearn.metrics import log_loss

    rows = [(0.8, True), (0.3, False), (0.6, False), (0.95, True), (0.1, True)]
    score = lk.TrackRecord(rows).log_score()
    expected = -log_loss([int(o) for _, o in rows], [p for p, _ in rows])
    assert score == pytest.approx(expected, abs=1e-14)
    # natural log, by hand: (ln 0.8 + ln 0.7 + ln 0.4 + ln 0.95 + ln 0.1) / 5
    by_hand = (math.log(0.8) + math.log(0.7) + math.log(0.4) + math.log(0.95) + math.log(0.1)) / 5
    assert score == pytest.approx(by_hand, abs=1e-14)


def test_a_certain_miss_scores_minus_infinity() -> None:
    assert lk.TrackRecord([(0.0, True), (0.5, False)]).log_score() == -math.inf
    assert lk.TrackRecord([(1.0, True), (0.0, False)]).log_score() == 0.0


# -- calibration ----------------------------------------------------------------------------


def test_calibration_counts_and_jeffreys_intervals() -> None:
    rows = [("likely", True)] * 9 + [("likely", False)] + [("unlikely", False)] * 4
    rows += [(0.9, True), (0.9, False)]
    table = lk.TrackRecord(rows).calibration(confidence=0.8)
    assert table.column("judgment") == ["unlikely", "likely", "0.9"]
    assert table.column("kind") == ["word", "word", "number"]
    # counted by hand: unlikely 0 of 4, likely 9 of 10, 0.9 1 of 2
    assert table.column("n") == [4, 10, 2]
    assert table.column("hits") == [0, 9, 1]
    assert table.column("observed") == [0.0, 0.9, 0.5]
    for row, (h, m) in zip(table, [(0, 4), (9, 1), (1, 1)], strict=True):
        assert row["low"] == pytest.approx(stats.beta.ppf(0.1, h + 0.5, m + 0.5), abs=1e-12)
        assert row["high"] == pytest.approx(stats.beta.ppf(0.9, h + 0.5, m + 0.5), abs=1e-12)
    assert table[1]["forecast"] == pytest.approx(stats.beta.mean(*lk.judge("likely").beta))
    assert table[1]["range"] == (0.55, 0.75)
    assert table.info["confidence"] == 0.8 and table.info["n"] == 16


# -- the personal scale ---------------------------------------------------------------------


def _under_confident_rows() -> list[tuple[str, bool]]:
    # said "likely" 40 times, 36 came true; "unlikely" 30 times, 3 came true;
    # "highly likely" 10 times, all came true; the other words never
    rows = [("likely", True)] * 36 + [("likely", False)] * 4
    rows += [("unlikely", True)] * 3 + [("unlikely", False)] * 27
    rows += [("highly likely", True)] * 10
    return rows


def test_the_personal_scale_is_the_conjugate_update() -> None:
    record = lk.TrackRecord(_under_confident_rows())
    personal = record.personal_scale()
    assert personal.name == "personal phia"
    assert personal.names == lk.scale("phia").names
    for word, hits, misses in [("likely", 36, 4), ("unlikely", 3, 27), ("highly likely", 10, 0)]:
        a, b = lk.judge(word, scale="phia").beta  # type: ignore[misc]
        updated = lk.judge(word, scale=personal)
        assert updated.beta == pytest.approx((a + hits, b + misses), abs=1e-12)
        assert updated.mean() == pytest.approx((a + hits) / (a + b + hits + misses), abs=1e-12)
        lo, hi = stats.beta.ppf([0.05, 0.95], a + hits, b + misses)
        assert personal[word].range == pytest.approx((lo, hi), abs=1e-12)
    for word in ("remote chance", "highly unlikely", "realistic possibility", "almost certain"):
        assert lk.judge(word, scale=personal).beta == lk.judge(word, scale="phia").beta
        assert personal[word].range == lk.scale("phia")[word].range
    # an alias still reads its term
    assert lk.judge("probable", scale=personal).beta == lk.judge("likely", scale=personal).beta


def test_a_model_reads_its_words_on_the_personal_scale() -> None:
    record = lk.TrackRecord(_under_confident_rows())
    personal = record.personal_scale(name="ana")
    a, b = lk.judge("likely").beta  # type: ignore[misc]
    m = lk.Model(scale=personal)
    assert m.scale is personal
    m.hypothesis("h", prior="likely")
    post = m.infer(draws=40_000, seed=3)
    # P(h) is the mean of the prior judgment: the closed form (a + 36) / (a + b + 40)
    mean = (a + 36) / (a + b + 40)
    sd = math.sqrt(mean * (1 - mean) / (a + b + 41))
    assert post.probability("h") == pytest.approx(mean, abs=4 * sd / math.sqrt(40_000))
    assert m.nodes["h"].rows[0].value.beta == pytest.approx((a + 36, b + 4), abs=1e-12)


def test_a_personal_scale_keeps_point_terms_and_updates_survey_terms() -> None:
    kent = lk.TrackRecord(
        [("certain", True), ("probable", True), ("probable", False)], scale="kent"
    )
    personal = kent.personal_scale()
    assert lk.judge("certain", scale=personal).value == 1.0
    a, b = lk.judge("probable", scale="kent").beta  # type: ignore[misc]
    assert lk.judge("probable", scale=personal).beta == pytest.approx((a + 1, b + 1))
    survey = lk.TrackRecord([("we doubt", False), ("we doubt", True)], scale="perceptions")
    a, b = lk.scale("perceptions")["we doubt"].beta  # type: ignore[misc]
    updated = survey.personal_scale()["we doubt"].beta
    assert updated == pytest.approx((a + 1, b + 1))


# -- recalibration --------------------------------------------------------------------------


def _negative_log_likelihood(theta: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    # -Σ [y log σ(η) + (1 - y) log(1 - σ(η))], η = α + β x, written out directly
    eta = theta[0] + theta[1] * x
    p = 1.0 / (1.0 + np.exp(-eta))
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))


def test_recalibration_recovers_known_parameters(rng: np.random.Generator) -> None:
    alpha, beta, n = 0.4, 1.8, 20_000
    p = rng.uniform(0.03, 0.97, size=n)
    x = np.log(p / (1 - p))
    truth = 1.0 / (1.0 + np.exp(-(alpha + beta * x)))
    y = rng.random(n) < truth
    fit = lk.TrackRecord(list(zip(p.tolist(), y.tolist(), strict=True))).recalibration()
    # the asymptotic covariance at the true parameters: the inverse Fisher information
    # Σ truth (1 - truth) [1 x; x x²]
    w = truth * (1 - truth)
    information = np.array([[w.sum(), (w * x).sum()], [(w * x).sum(), (w * x * x).sum()]])
    se = np.sqrt(np.diag(np.linalg.inv(information)))
    assert abs(fit.alpha - alpha) < 4 * se[0]
    assert abs(fit.beta - beta) < 4 * se[1]
    assert fit.se_alpha == pytest.approx(se[0], rel=0.05)
    assert fit.se_beta == pytest.approx(se[1], rel=0.05)
    assert fit.verdict == "under-confident" and fit.n == n
    # the same maximum as scipy's optimiser on the log-likelihood written above
    best = optimize.minimize(
        _negative_log_likelihood,
        np.zeros(2),
        args=(x, y.astype(float)),
        method="BFGS",
        options={"gtol": 1e-8},
    )
    assert best.success
    assert (fit.alpha, fit.beta) == pytest.approx(tuple(best.x), abs=1e-4)


def test_an_under_confident_analyst_is_recalibrated() -> None:
    # "likely" came true 9 times in 10, "unlikely" 1 in 10: two forecast values,
    # so the fit passes through both frequencies: logit 0.9 = α + β logit m(likely), ...
    rows = [("likely", True)] * 45 + [("likely", False)] * 5
    rows += [("unlikely", True)] * 5 + [("unlikely", False)] * 45
    fit = lk.TrackRecord(rows).recalibration()
    hi, lo = (
        special.logit(stats.beta.mean(*lk.judge("likely").beta)),
        special.logit(stats.beta.mean(*lk.judge("unlikely").beta)),
    )
    beta = (special.logit(0.9) - special.logit(0.1)) / (hi - lo)
    alpha = special.logit(0.9) - beta * hi
    assert (fit.alpha, fit.beta) == pytest.approx((alpha, beta), abs=1e-8)
    assert fit.beta > 1 and fit.verdict == "under-confident"
    assert fit("likely") == pytest.approx(0.9, abs=1e-8)
    assert fit(0.5) == pytest.approx(special.expit(alpha), abs=1e-12)
    np.testing.assert_allclose(fit(np.array([0.0, 1.0])), [0.0, 1.0])
    assert isinstance(fit(0.3), float) and fit(np.array([[0.3]])).shape == (1, 1)


def test_recalibration_has_no_maximum_on_separated_or_constant_records() -> None:
    with pytest.raises(lk.FitError, match="separate the outcomes"):
        lk.TrackRecord([(0.2, False), (0.3, False), (0.7, True)]).recalibration()
    with pytest.raises(lk.FitError, match="every event came true"):
        lk.TrackRecord([(0.2, True), (0.7, True)]).recalibration()
    with pytest.raises(lk.FitError, match="two different values"):
        lk.TrackRecord([("likely", True), ("likely", False)]).recalibration()
    with pytest.raises(lk.ProbabilityError, match="row 2"):
        lk.TrackRecord([(0.3, True), (1.0, False), (0.6, True)]).recalibration()


def test_a_recalibration_checks_what_it_is_given() -> None:
    fit = lk.Recalibration(0.0, 2.0, 0.1, 0.1, 10)
    with pytest.raises(lk.ProbabilityError, match="probabilities in"):
        fit(1.5)
    with pytest.raises(lk.ScaleError, match="no scale"):
        fit("likely")


# -- coherence ------------------------------------------------------------------------------


def test_coherent_is_the_closed_form_when_nothing_falls_below_zero() -> None:
    given_ = {"a": 0.5, "b": 0.4, "c": 0.3}
    probabilities, incoherence = lk.coherent(given_)
    # p_i - (Σp - 1)/k = p_i - 0.2/3
    for key, p in given_.items():
        assert probabilities[key] == pytest.approx(p - 0.2 / 3, abs=1e-15)
    # the distance moved: sqrt(3 · (0.2/3)²) = 0.2 / sqrt(3)
    assert incoherence == pytest.approx(0.2 / math.sqrt(3), abs=1e-15)


def test_coherent_sets_an_outcome_to_zero_as_the_optimiser_does() -> None:
    given_ = {"a": 0.9, "b": 0.5, "c": 0.05}
    result = lk.coherent(given_)
    # by hand: the equal shift 0.45/3 = 0.15 would put c at -0.1; c = 0, and the
    # excess of a and b, 0.4, is shared: a = 0.9 - 0.2 = 0.7, b = 0.5 - 0.2 = 0.3
    assert result.probabilities == pytest.approx({"a": 0.7, "b": 0.3, "c": 0.0}, abs=1e-15)
    assert result.incoherence == pytest.approx(math.sqrt(0.2**2 + 0.2**2 + 0.05**2), abs=1e-15)
    v = np.array(list(given_.values()))
    best = optimize.minimize(
        lambda q: float(np.sum((q - v) ** 2)),
        np.full(3, 1 / 3),
        method="SLSQP",
        bounds=[(0, 1)] * 3,
        constraints=[{"type": "eq", "fun": lambda q: float(q.sum() - 1)}],
        options={"ftol": 1e-14},
    )
    np.testing.assert_allclose(list(result.probabilities.values()), best.x, atol=1e-7)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=2, max_size=6))
def test_a_coherent_set_sums_to_one_and_is_its_own_projection(values: list[float]) -> None:
    judgments = {f"o{i}": v for i, v in enumerate(values)}
    result = lk.coherent(judgments)
    q = np.array(list(result.probabilities.values()))
    assert q.sum() == pytest.approx(1.0, abs=1e-12) and (q >= 0).all()
    again = lk.coherent(result.probabilities)
    assert again.incoherence == pytest.approx(0.0, abs=1e-12)
    # no point of the simplex is nearer: check the vertices and the centre
    v = np.array(values)
    for other in [*np.eye(len(v)), np.full(len(v), 1 / len(v))]:
        assert result.incoherence <= np.linalg.norm(v - other) + 1e-12


def test_words_are_read_at_their_means() -> None:
    likely = stats.beta.mean(*lk.judge("likely").beta)
    unlikely = stats.beta.mean(*lk.judge("unlikely").beta)
    result = lk.coherent({"talks": "likely", "no talks": "unlikely"})
    excess = (likely + unlikely - 1) / 2
    assert result.given == pytest.approx({"talks": likely, "no talks": unlikely})
    assert result.probabilities == pytest.approx(
        {"talks": likely - excess, "no talks": unlikely - excess}, abs=1e-15
    )


def test_pool_coherent_weights_by_one_over_epsilon_plus_incoherence() -> None:
    analysts = {
        "ana": {"a": 0.6, "b": 0.3, "c": 0.1},  # coherent: incoherence 0
        "ben": {"a": 0.5, "b": 0.4, "c": 0.3},  # sum 1.2: moves by 0.2/sqrt(3)
        "cy": {"a": 0.2, "b": 0.2, "c": 0.3},  # sum 0.7: moves by 0.3/sqrt(3)
    }
    pool = lk.pool_coherent(analysts, epsilon=0.05)
    im = [0.0, 0.2 / math.sqrt(3), 0.3 / math.sqrt(3)]
    raw = [1 / (0.05 + x) for x in im]
    weights = [r / sum(raw) for r in raw]
    assert pool.incoherence == pytest.approx(im, abs=1e-15)
    assert pool.weights == pytest.approx(weights, abs=1e-15)
    sets = [
        {"a": 0.6, "b": 0.3, "c": 0.1},
        {k: v - 0.2 / 3 for k, v in analysts["ben"].items()},
        {k: v + 0.1 for k, v in analysts["cy"].items()},
    ]
    for k in "abc":
        expected = sum(w * s[k] for w, s in zip(weights, sets, strict=True))
        assert pool.probabilities[k] == pytest.approx(expected, abs=1e-15)
    assert sum(pool.probabilities.values()) == pytest.approx(1.0, abs=1e-15)
    assert pool.analysts == ("ana", "ben", "cy") and pool.epsilon == 0.05
    # a large epsilon tends to equal weights
    flat = lk.pool_coherent(list(analysts.values()), epsilon=1e6)
    assert flat.weights == pytest.approx([1 / 3] * 3, abs=1e-6)
    assert flat.analysts == (0, 1, 2)


def test_coherence_errors_name_the_place() -> None:
    with pytest.raises(lk.ProbabilityError, match=r"^b: value must be a probability"):
        lk.coherent({"a": 0.3, "b": 1.4})
    with pytest.raises(lk.ProbabilityError, match="at least two"):
        lk.coherent({"a": 1.0})
    with pytest.raises(lk.UnknownTermError, match=r"^analyst 1, b: 'likley' is not a term"):
        lk.pool_coherent([{"a": 0.3, "b": 0.7}, {"a": 0.3, "b": "likley"}])
    with pytest.raises(lk.ProbabilityError, match="the same outcomes"):
        lk.pool_coherent([{"a": 0.3, "b": 0.7}, {"a": 0.3, "c": 0.7}])
    with pytest.raises(lk.ProbabilityError, match="epsilon must be a finite number greater"):
        lk.pool_coherent([{"a": 0.3, "b": 0.7}], epsilon=0)
    with pytest.raises(lk.ProbabilityError, match="at least one analyst"):
        lk.pool_coherent([])
    with pytest.raises(lk.JudgmentTypeError, match="mapping"):
        lk.coherent([0.3, 0.7])  # type: ignore[arg-type]


# -- reading rows, files and frames ------------------------------------------------------------


def test_outcomes_are_read_in_every_spelling() -> None:
    spellings = [True, 1, 1.0, "yes", "Yes", "true", "TRUE", " 1 ", np.True_, np.int64(1)]
    spellings += [False, 0, 0.0, "no", "NO", "false", "0", np.False_]
    record = lk.TrackRecord([(0.5, s) for s in spellings])
    assert record.outcomes.tolist() == [True] * 10 + [False] * 8


def test_judgments_are_words_numbers_or_numbers_in_text() -> None:
    record = lk.TrackRecord(
        [("Likely", True), ("probable", False), (0.3, True), ("0.3", False), (np.float64(1), True)]
    )
    assert record.words == ("likely", "likely", None, None, None)
    assert record.forecasts[2:].tolist() == [0.3, 0.3, 1.0]
    assert len(record) == 5
    mapping = lk.TrackRecord(
        [{"said": "likely", "happened": "yes"}], judgment="said", outcome="happened"
    )
    assert mapping.words == ("likely",)


@pytest.mark.parametrize(
    ("rows", "kwargs", "error", "message"),
    [
        (
            [("likely", True)] * 6 + [("likley", True)],
            {},
            lk.UnknownTermError,
            r"^row 7, judgment: 'likley' is not a term of the phia scale; closest: 'likely'",
        ),
        ([("likely", "maybe")], {}, lk.ProbabilityError, r"^row 1, outcome: an outcome must be"),
        ([(1.3, True)], {}, lk.ProbabilityError, r"^row 1, judgment: the forecast must be a"),
        ([("1.3", True)], {}, lk.ProbabilityError, r"^row 1, judgment: the forecast must be a"),
        ([(float("nan"), True)], {}, lk.ProbabilityError, "the forecast must be a probability"),
        ([(None, True)], {}, lk.JudgmentTypeError, r"^row 1, judgment: a forecast must be a word"),
        ([(True, True)], {}, lk.JudgmentTypeError, "a forecast must be a word"),
        ([(0.5, None)], {}, lk.ProbabilityError, r"^row 1, outcome: an outcome must be"),
        ([(0.5, 0.5)], {}, lk.ProbabilityError, "an outcome must be True/False"),
        ([(0.5, True, 1)], {}, lk.JudgmentTypeError, r"^row 1: a row is a pair .* got 3 values"),
        ([0.5], {}, lk.JudgmentTypeError, r"^row 1: a row is a pair"),
        ([{"judgment": 0.5}], {}, lk.JudgmentTypeError, r"^row 1: no key 'outcome'"),
        ([], {}, lk.ProbabilityError, "at least one resolved forecast"),
        ([("F", True)], {"scale": "admiralty"}, lk.ScaleError, "grading scale"),
        (
            [("unable to give any probability", True)],
            {"scale": "efsa"},
            lk.ScaleError,
            r"^row 1, judgment: .* cannot be judged",
        ),
        ([("likely", True)], {"scale": "phai"}, lk.UnknownScaleError, "no scale 'phai'"),
    ],
)
def test_bad_rows_raise_errors_that_name_the_row_and_column(
    rows: list, kwargs: dict, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        lk.TrackRecord(rows, **kwargs)


def test_rows_must_be_an_iterable_of_rows() -> None:
    with pytest.raises(lk.JudgmentTypeError, match="takes rows"):
        lk.TrackRecord("likely")
    with pytest.raises(lk.JudgmentTypeError, match="takes rows"):
        lk.TrackRecord(5)  # type: ignore[arg-type]


def test_bins_are_checked() -> None:
    record = lk.TrackRecord(HAND)
    for bins in (0, -1, 2.5, [0.0, 0.5], [0.1, 1.0], [0.0, 0.6, 0.4, 1.0], "3", [[0, 1]]):
        with pytest.raises(lk.OptionError, match="bins must be"):
            record.calibration(bins=bins)  # type: ignore[arg-type]


def test_from_csv_reads_the_same_record(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "record.csv"
    path.write_text(
        "\ufeffid;said;happened\n1;likely;yes\n2;0.2;no\n3;highly likely;1\n", encoding="utf-8"
    )
    record = lk.TrackRecord.from_csv(path, judgment="said", outcome="happened", delimiter=";")
    same = lk.TrackRecord([("likely", True), (0.2, False), ("highly likely", True)])
    assert record.words == same.words
    assert record.forecasts.tolist() == same.forecasts.tolist()
    assert record.outcomes.tolist() == same.outcomes.tolist()
    with pytest.raises(lk.UnknownTermError, match=r"line 4, said: 'highly likely' is not a term"):
        lk.TrackRecord.from_csv(
            path, judgment="said", outcome="happened", delimiter=";", scale="icd203"
        )


def test_from_csv_errors_name_the_file_line_and_column(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "record.csv"
    path.write_text("judgment,outcome\nlikely,yes\nlikley,no\n", encoding="utf-8")
    with pytest.raises(lk.UnknownTermError, match=r"record\.csv, line 3, judgment: 'likley'"):
        lk.TrackRecord.from_csv(path)
    path.write_text("judgment,outcome\nlikely,perhaps\n", encoding="utf-8")
    with pytest.raises(lk.ProbabilityError, match=r"record\.csv, line 2, outcome: an outcome"):
        lk.TrackRecord.from_csv(path)
    with pytest.raises(lk.OptionError, match=r"judgment='said' names no column .* 'outcome'"):
        lk.TrackRecord.from_csv(path, judgment="said")
    with pytest.raises(FileNotFoundError):
        lk.TrackRecord.from_csv(tmp_path / "missing.csv")


def test_from_frame_reads_a_pandas_frame() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {"said": ["likely", "unlikely", "0.7"], "happened": [True, False, True]},
        index=[10, 11, 12],
    )
    record = lk.TrackRecord.from_frame(frame, judgment="said", outcome="happened")
    assert record.words == ("likely", "unlikely", None)
    assert record.outcomes.tolist() == [True, False, True]
    frame.loc[11, "said"] = "unlikley"
    with pytest.raises(lk.UnknownTermError, match=r"^index 11, said: 'unlikley'"):
        lk.TrackRecord.from_frame(frame, judgment="said", outcome="happened")
    with pytest.raises(lk.OptionError, match="names no column of the frame"):
        lk.TrackRecord.from_frame(frame)
    with pytest.raises(lk.JudgmentTypeError, match="takes a data frame"):
        lk.TrackRecord.from_frame([("likely", True)])


# -- the plot ---------------------------------------------------------------------------------


def test_plot_calibration_draws_every_word_with_its_label() -> None:
    record = lk.TrackRecord(_under_confident_rows() + [(0.2, False), (0.2, True)])
    ax = record.plot_calibration()
    gids = {c.get_gid() for c in ax.collections if c.get_gid()}
    assert {"word:likely", "word:unlikely", "word:highly likely", "number:0.2"} <= gids
    assert {line.get_gid() for line in ax.get_lines()} >= {"diagonal", "recalibration"}
    labels = {t.get_text() for t in ax.texts}
    assert {"likely  36/40", "unlikely  3/30", "highly likely  10/10", "0.2  1/2"} <= labels
    assert ax.get_title().startswith("Calibration of 82 forecasts on phia")
    # no recalibration when none can be fitted
    ax = lk.TrackRecord([("likely", True), ("likely", False)]).plot_calibration()
    assert "recalibration" not in {line.get_gid() for line in ax.get_lines()}
