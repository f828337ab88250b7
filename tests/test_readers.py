"""The CAPphrase survey scale and how readers read the words, against the published answers.

The oracle is the dataset itself (``../shared/reference/capphrase/absolute_judgements.csv``,
Kucharski 2026, CC BY 4.0), read here without the package: the shipped counts must be the
answers counted, the fitted Betas an independent maximum-likelihood fit of the same answers
(scipy's Beta CDF, a different optimiser and start), and every share of readers inside a
scale's band a direct count of the answers, for every phrase and scale pair the data cover.
The scale's bands come from the package's scales, whose numbers are themselves checked
against the published tables elsewhere (tests/test_scales.py).
"""

from __future__ import annotations

import csv
import math
import tomllib
from collections import defaultdict
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from _reference import reference_dir
from scipy import optimize, stats

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]


def _answers() -> tuple[list[str], dict[str, dict[str, int]]]:
    folder = reference_dir() / "capphrase"
    with (folder / "terms.csv").open(encoding="utf-8") as f:
        phrases = [row["term"] for row in csv.DictReader(f)]
    by: dict[str, dict[str, int]] = defaultdict(dict)
    with (folder / "absolute_judgements.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by[row["response_id"]][row["term"]] = int(row["probability"])
    return phrases, by


@pytest.fixture(scope="module")
def kept() -> dict[str, np.ndarray]:
    """Every kept answer per phrase (percent): all but the respondents who reversed the scale."""
    phrases, by = _answers()
    assert len(by) == 5174
    reversed_ = {
        who for who, given in by.items() if given["Almost Certain"] < given["Almost No Chance"]
    }
    assert len(reversed_) == 11  # the documented exclusion
    out = {p: [] for p in phrases}
    for who, given in by.items():
        if who not in reversed_:
            for phrase, value in given.items():
                out[phrase].append(value)
    return {p.lower(): np.array(v, dtype=float) for p, v in out.items()}


def test_the_shipped_counts_are_the_answers_counted(kept: dict[str, np.ndarray]) -> None:
    data = resources.files("likelihood") / "data" / "scales" / "capphrase" / "readings.csv"
    rows = list(csv.reader(data.read_text(encoding="utf-8").splitlines()))
    header = [h.lower() for h in rows[0][1:]]
    table = np.array([[float(x) for x in row] for row in rows[1:]])
    assert table[:, 0].tolist() == list(range(101))
    for j, phrase in enumerate(header):
        expected = np.bincount(kept[phrase].astype(int), minlength=101)
        assert table[:, j + 1].tolist() == expected.tolist(), phrase
    sc = lk.scale("capphrase")
    assert set(sc.names) == set(kept)
    assert all(int(sc.readings[name][1].sum()) == 5163 for name in sc.names)


def _mle(values: np.ndarray) -> tuple[float, float]:
    """An independent censored-Beta fit: each whole percent x read as [x - 0.5, x + 0.5] %.

    scipy's Beta: the probability of an interval from the CDF in the lower half and from
    the survival function in the upper half (where 1 - CDF would round to 0); Nelder-Mead
    from several starts, each polished by a second run, the best kept.
    """
    distinct, counts = np.unique(values, return_counts=True)
    lo = np.clip(distinct - 0.5, 0, 100) / 100
    hi = np.clip(distinct + 0.5, 0, 100) / 100
    top = (lo + hi) / 2 > 0.5

    def nll(theta: np.ndarray) -> float:
        a, b = np.exp(theta)
        p = np.where(
            top,
            stats.beta.sf(lo, a, b) - stats.beta.sf(hi, a, b),
            stats.beta.cdf(hi, a, b) - stats.beta.cdf(lo, a, b),
        )
        if np.any(p <= 0):
            return 1e12
        return -float(np.sum(counts * np.log(p))) / len(values)

    best = None
    for start in ([0.0, 0.0], [1.0, 1.0], [2.0, 0.5], [0.5, 2.0], [3.0, 3.0]):
        x = np.array(start)
        for _ in range(2):
            fit = optimize.minimize(
                nll,
                x,
                method="Nelder-Mead",
                options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 40000, "maxfev": 40000},
            )
            x = fit.x
        if best is None or fit.fun < best.fun:
            best = fit
    assert best is not None
    a, b = np.exp(best.x)
    return float(a), float(b)


def test_the_fits_equal_an_independent_maximum_likelihood_fit(
    kept: dict[str, np.ndarray],
) -> None:
    sc = lk.scale("capphrase")
    for term in sc.terms:
        a, b = _mle(kept[term.name])
        assert term.beta is not None
        assert term.beta[0] == pytest.approx(a, rel=0.01), term.name
        assert term.beta[1] == pytest.approx(b, rel=0.01), term.name
        # the term's range is the middle 90 % of the answers kept (linear interpolation)
        lo, hi = np.percentile(kept[term.name], [5, 95]) / 100
        assert term.range == pytest.approx((lo, hi), abs=1e-12)


def _covered() -> list[tuple[str, str]]:
    """Every (scale, word) pair: a term (or alias) of a probability scale that is a phrase."""
    phrases = {p.lower() for p in _answers()[0]}
    pairs = []
    for name in lk.scales():
        sc = lk.scale(name)
        if sc.kind != "probability" or sc.readings is not None:
            continue
        for term in sc.terms:
            for word in (term.name, *term.aliases):
                if word.lower() in phrases and term.range is not None:
                    pairs.append((name, word))
    return pairs


def test_every_covered_pair_is_counted_directly(kept: dict[str, np.ndarray]) -> None:
    pairs = _covered()
    # the pairs the data cover: PHIA's seven terms (and 'probable'), ICD 203, EFSA, IPCC, Kent
    assert len(pairs) >= 15
    assert {s for s, _ in pairs} >= {"phia", "icd203", "efsa", "ipcc", "kent"}
    for name, word in pairs:
        found = lk.readings(word, scale=name)
        term = lk.scale(name).term(word)
        lo, hi = (round(100 * x, 9) for x in term.range)  # 100 * 0.55 is 55.000000000000014
        answers = kept[word.lower()]
        # an end the scale leaves out (PHIA's >0 %, <50 %, <100 %) is not inside the band
        below = (answers <= lo) if term.lower_open else (answers < lo)
        above = (answers >= hi) if term.upper_open else (answers > hi)
        assert found.inside == pytest.approx(np.mean(~below & ~above), abs=1e-12), (name, word)
        assert found.below == pytest.approx(np.mean(below), abs=1e-12)
        assert found.above == pytest.approx(np.mean(above), abs=1e-12)
        assert found.median == np.percentile(answers, 50, method="inverted_cdf") / 100
        assert found.readers == len(answers) == 5163


def test_the_published_figures_of_the_reference() -> None:
    """The reference's own summary: 28 % for PHIA 'unlikely', 17 % for 'realistic possibility'."""
    assert round(100 * lk.readings("unlikely", scale="phia").inside) == 28
    assert round(100 * lk.readings("unlikely", scale="icd203").inside) == 55
    assert round(100 * lk.readings("unlikely", scale="efsa").inside) == 77
    assert round(100 * lk.readings("unlikely", scale="ipcc").inside) == 92
    # the reference counts both ends; PHIA's band leaves 50 % out (≈40–<50 %)
    possibility = lk.readings("realistic possibility", scale="phia")
    assert round(100 * possibility.share(0.4, 0.5)) == 17
    assert round(100 * possibility.inside) == 11
    assert lk.readings("unlikely", scale="phia").median == 0.2
    assert lk.readings("unlikely", scale="phia").quartiles == (0.1, 0.25)


def test_a_posterior_counts_readers_inside_its_own_band(kept: dict[str, np.ndarray]) -> None:
    m = lk.Model()
    m.hypothesis("h", prior="likely")
    post = m.infer(draws=4000, seed=3)
    found = post.readings("h")
    lo, hi = post.interval("h")
    answers = kept["likely"] / 100
    direct = np.mean((answers >= lo - 1e-9) & (answers <= hi + 1e-9))
    assert found.answer_band == pytest.approx((lo, hi))
    assert found.inside_answer_band == pytest.approx(direct, abs=1e-12)
    assert post.describe("h").readers.inside_answer_band == pytest.approx(direct, abs=1e-12)
    # words in a gap of the scale have no single phrase
    assert lk.describe(0.5, scale="phia").readers is None


def test_words_the_survey_did_not_ask_about() -> None:
    with pytest.raises(lk.UnknownTermError, match="did not ask its readers about 'very unlikely'"):
        lk.readings("very unlikely", scale="icd203")
    with pytest.raises(lk.UnknownTermError):
        lk.readings("likley", scale="phia")
    with pytest.raises(lk.ScaleError, match="not a survey scale"):
        lk.readings("likely", scale="phia", survey="icd203")
    # another survey scale works the same way
    assert lk.readings("likely", scale="phia", survey="perceptions").readers == 44


def test_the_licence_and_attribution_ship_with_the_data() -> None:
    folder = resources.files("likelihood") / "data" / "scales" / "capphrase"
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert (
        "CC BY 4.0" in licence and "Kucharski" in licence and "10.5281/zenodo.18750055" in licence
    )
    assert "Changes made" in licence
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "likelihood/data/scales/capphrase/LICENSE" in project["license-files"]
    sc = lk.scale("capphrase")
    assert "CC BY 4.0" in sc.citation and "CC BY 4.0" in sc.licence
    assert math.isclose(sum(sc.readings["unlikely"][1]), 5163)


def test_a_far_answer_below_the_middle_does_not_wall_off_the_fit() -> None:
    """A tight bulk near 0 and one answer at 49 %: its probability is tiny but not zero."""
    from likelihood._core.fit import censored_beta

    values = np.array([0.0, 1.0, 2.0, 49.0])
    counts = np.array([3e4, 5e4, 2e4, 1.0])
    lo, hi = np.clip(values - 0.5, 0, 100) / 100, np.clip(values + 0.5, 0, 100) / 100
    a, b = censored_beta(lo, hi, counts)

    def nll(a: float, b: float) -> float:  # scipy: the upper tail through the survival function
        p = np.where(
            stats.beta.cdf(lo, a, b) > 0.5,
            stats.beta.sf(lo, a, b) - stats.beta.sf(hi, a, b),
            stats.beta.cdf(hi, a, b) - stats.beta.cdf(lo, a, b),
        )
        return -float(np.sum(counts * np.log(p)))

    assert math.isfinite(nll(a, b))
    best = optimize.minimize(
        lambda t: nll(*np.exp(t)), np.log([a, b]), method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000},
    )  # fmt: skip
    assert nll(a, b) <= best.fun + 1e-6 * abs(best.fun)
    assert (a, b) == pytest.approx(tuple(np.exp(best.x)), rel=1e-3)
