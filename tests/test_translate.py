"""Translating words between scales, against overlaps computed with scipy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import likelihood as lk


def _shares(table: lk.Table) -> dict[str, float]:
    return {r["words"]: r["share"] for r in table}


@pytest.mark.parametrize("word", ["likely", "unlikely", "almost no chance", "very likely"])
def test_icd203_to_phia_is_the_mass_in_each_phia_range(word: str) -> None:
    a, b = lk.judge(word, scale="icd203").beta
    twin = stats.beta(a, b)
    phia = lk.scale("phia")
    got = _shares(lk.translate(word, source="icd203", target="phia"))
    terms = list(phia)
    expected = {t.name: twin.cdf(t.upper) - twin.cdf(t.lower) for t in terms}
    for left, right in zip(terms, terms[1:], strict=False):
        expected[f"between {left.name} and {right.name}"] = twin.cdf(right.lower) - twin.cdf(
            left.upper
        )
    expected["above almost certain"] = twin.sf(1.0)
    for words, share in expected.items():
        assert got.get(words, 0.0) == pytest.approx(share, abs=5e-4), words
    assert sum(got.values()) == pytest.approx(1.0, abs=5e-3)


def test_phia_to_icd203_uses_the_narrowest_term_at_shared_ends() -> None:
    a, b = lk.judge("highly unlikely").beta
    twin = stats.beta(a, b)
    got = _shares(lk.translate("highly unlikely", source="phia", target="icd203"))
    assert got["very unlikely"] == pytest.approx(twin.cdf(0.20) - twin.cdf(0.05), abs=1e-9)
    assert got["unlikely"] == pytest.approx(twin.cdf(0.45) - twin.cdf(0.20), abs=1e-9)


def test_into_the_survey_scale_follows_the_reading_rule() -> None:
    survey = lk.scale("perceptions")
    grid = np.linspace(0.0, 1.0, 2001)
    # the reading rule on the grid, computed here with scipy
    reading = []
    for p in grid:
        lo, hi = max(p - 0.005, 0.0), min(p + 0.005, 1.0)
        reading.append(
            max(
                survey, key=lambda t: stats.beta.cdf(hi, *t.beta) - stats.beta.cdf(lo, *t.beta)
            ).name
        )
    a, b = lk.judge("likely", scale="icd203").beta
    edges = np.concatenate([[0.0], (grid[1:] + grid[:-1]) / 2, [1.0]])
    mass = np.diff(stats.beta.cdf(edges, a, b))
    expected: dict[str, float] = {}
    for word, m in zip(reading, mass, strict=True):
        expected[word] = expected.get(word, 0.0) + m
    got = _shares(lk.translate("likely", source="icd203", target="perceptions"))
    for word, share in expected.items():
        if share > 1e-3:
            assert got[word] == pytest.approx(share, abs=1e-3), word


def test_from_the_survey_scale() -> None:
    a, b = lk.judge("about even", scale="perceptions").beta
    got = _shares(lk.translate("about even", source="perceptions", target="icd203"))
    assert got["roughly even chance"] == pytest.approx(
        stats.beta.cdf(0.55, a, b) - stats.beta.cdf(0.45, a, b), abs=1e-9
    )


def test_nato_is_not_a_target() -> None:
    with pytest.raises(lk.UnknownScaleError, match="AJP-2.1"):
        lk.translate("likely", source="icd203", target="nato")


def test_command_line_translate(capsys: pytest.CaptureFixture[str]) -> None:
    from likelihood._view.cli import main

    assert main(["translate", "likely", "--from", "icd203", "--to", "phia"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "'likely' (icd203) in the words of phia"
    assert out.splitlines()[2].startswith("likely")
