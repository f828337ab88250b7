"""Assessment sentences: the conventions of each scale, with the published ranges in brackets.

The ranges in the brackets must be the published tables' (read from ``../shared/reference/
scales.md`` by ``tests/_reference.py``, not from the package); ICD 203's rule that a sentence
may not hold both a degree of likelihood and a confidence level is checked word by word; the
reports carry the sentences of the flagship.
"""

from __future__ import annotations

import json
import re
from html import escape as html_escape

import _reference
import pytest
from _oracle import flagship

import likelihood as lk

CLAIM = "The two sides hold talks at some level"


def _post(scale: str, p: float, words: bool = False) -> lk.Posterior:
    m = lk.Model(scale=scale)
    prior = lk.judge(beta=(200 * p, 200 * (1 - p))) if words else p
    m.hypothesis("talks", prior=prior, text=CLAIM)
    return m.infer(draws=4000, seed=2)


def _published(rows: list[_reference.Row], word: str) -> tuple[float, float]:
    row = next(r for r in rows if word in r.words)
    return row.lower, row.upper


def _bracket(sentence: str) -> tuple[float, float]:
    """The range in the brackets, with its marks (≈ approximate, > and < an open end) removed."""
    found = re.search(r"\(([<>≈]?)(\d+(?:\.\d+)?)–([<>≈]?)(\d+(?:\.\d+)?) %", sentence)
    return float(found.group(2)), float(found.group(4))


@pytest.mark.parametrize(
    ("p", "word", "start"),
    [
        (0.03, "almost no chance", "We assess there is almost no chance"),
        (0.12, "very unlikely", "We assess it is very unlikely"),
        (0.3, "unlikely", "We assess it is unlikely"),
        (0.5, "roughly even chance", "We assess there is a roughly even chance"),
        (0.7, "likely", "We assess it is likely"),
        (0.9, "very likely", "We assess it is very likely"),
        (0.97, "almost certain", "We assess it is almost certain"),
    ],
)
def test_icd203_keeps_likelihood_and_confidence_apart(p: float, word: str, start: str) -> None:
    said = _post("icd203", p, words=True).assessment("talks")
    assert said.likelihood.startswith(start)
    assert said.likelihood.endswith(" that the two sides hold talks at some level.")
    assert _bracket(said.likelihood) == _published(_reference.icd203(), word)
    # ICD 203 §D.6.e(2)(b): no confidence level in the sentence of likelihood, no degree of
    # likelihood in the sentence of confidence
    levels = ("high", "moderate", "low", "confidence")
    assert not any(re.search(rf"\b{level}\b", said.likelihood) for level in levels)
    terms = {w for row in _reference.icd203() for w in row.words}
    assert not any(re.search(rf"\b{re.escape(t)}\b", said.confidence) for t in terms)
    assert re.fullmatch(
        r"We have (high|moderate|low) confidence in this assessment\.", said.confidence
    )
    assert "ICD 203" in said.rule


@pytest.mark.parametrize(
    ("p", "word", "start"),
    [
        (0.03, "remote chance", "There is a remote chance"),
        (0.15, "highly unlikely", "It is highly unlikely"),
        (0.3, "unlikely", "It is unlikely"),
        (0.45, "realistic possibility", "There is a realistic possibility"),
        (0.65, "likely", "It is likely"),
        (0.85, "highly likely", "It is highly likely"),
        (0.97, "almost certain", "It is almost certain"),
    ],
)
def test_phia_gives_the_yardstick_range_and_analytical_confidence(
    p: float, word: str, start: str
) -> None:
    said = _post("phia", p, words=True).assessment("talks")
    assert said.likelihood.startswith(start)
    assert _bracket(said.likelihood) == _published(_reference.phia(), word)
    assert re.fullmatch(r"Analytical confidence: (high|moderate|low)\.", said.confidence)
    assert str(said) == f"{said.likelihood} {said.confidence}"


def test_ipcc_puts_the_term_in_italics_and_the_confidence_after_it() -> None:
    post = _post("ipcc", 0.8, words=True)
    said = post.assessment("talks")
    assert said.likelihood.startswith("It is *likely* (66–100 %) that the two sides")
    level = {"high": "high", "moderate": "medium", "low": "low"}[post.describe("talks").confidence]
    assert said.likelihood.endswith(f" ({level} confidence).")
    assert said.confidence == ""
    assert _bracket(said.likelihood) == _published(_reference.ipcc(), "likely")


def test_efsa_gives_the_band_instead_of_a_confidence_term() -> None:
    post = _post("efsa", 0.8, words=True)
    said = post.assessment("talks")
    assert _bracket(said.likelihood) == _published(_reference.efsa(), "likely")
    lo, hi = post.interval("talks")

    def pct(v: float) -> str:
        return f"{100 * v:.1f}".removesuffix(".0")

    expected = f"The probability's 90 % band over the judgments is {pct(lo)}–{pct(hi)} %."
    assert said.confidence == expected


def test_kent_reads_its_adverbs() -> None:
    assert (
        _post("kent", 0.5)
        .assessment("talks")
        .likelihood.startswith("The chances are about even (40–60 %)")
    )
    assert (
        _post("kent", 0.3)
        .assessment("talks")
        .likelihood.startswith("It is probably not the case (20–40 %) that")
    )


def test_a_gap_names_both_neighbours_and_the_number() -> None:
    said = _post("phia", 0.78).assessment("talks")
    assert said.likelihood == (
        "We assess the chance that the two sides hold talks at some level at about 78 % "
        "(between the PHIA terms 'likely' and 'highly likely')."
    )


def test_numbers_and_states() -> None:
    post = _post("phia", 0.65)
    assert "(65 %)" in post.assessment("talks", numbers="probability").likelihood
    assert "(≈55–≈75 %; the model: 65 %)" in post.assessment("talks", numbers="both").likelihood
    assert "(" not in post.assessment("talks", numbers="none").likelihood
    with pytest.raises(lk.OptionError, match="numbers must be one of"):
        post.assessment("talks", numbers="percent")
    m = lk.Model()
    m.hypothesis("intent", states=["attack", "feint"], prior={"attack": 0.3, "feint": 0.7})
    said = m.infer().assessment("intent")
    assert said["attack"].likelihood == "It is unlikely (≈25–≈35 %) that intent is attack."
    assert (
        m.infer()
        .assessment("~intent" if False else "intent=feint")
        .likelihood.startswith("It is likely")
    )


def test_the_flagship_reports_carry_the_sentences(tmp_path) -> None:
    post = flagship().infer(draws=2000, seed=1)
    text = post.text_report()
    html = post.report(tmp_path / "flagship.html").read_text(encoding="utf-8")
    data = post.to_dict(analyses=True)
    for name in ("talks", "negotiations", "secret_negotiations"):
        said = post.assessment(name)
        assert said.text in text
        assert html_escape(said.text) in html
        assert data["hypotheses"][name]["assessment"]["text"] == said.text
    assert "<h2>Assessment</h2>" in html and "How readers will read the words" in html
    assert "Wintle et al. 2019" in text
    json.dumps(data)  # plain data


def test_names_keep_their_capital_and_ipcc_reads_its_middle_term() -> None:
    m = lk.Model()
    m.hypothesis("invasion", prior=0.85, text="Russia will invade Ukraine.")
    m.hypothesis("deal", prior=0.3, text="The Kremlin would agree")
    post = m.infer()
    assert post.assessment("invasion").likelihood.endswith("that Russia will invade Ukraine.")
    assert post.assessment("deal").likelihood.endswith("that the Kremlin would agree.")
    ipcc = lk.Model(scale="ipcc")
    ipcc.hypothesis("x", prior=0.5, text="The two sides talk")
    said = ipcc.infer().assessment("x").likelihood
    assert said.startswith("It is *about as likely as not* (33–66 %) that the two sides talk")
    kent = lk.Model(scale="kent")
    kent.hypothesis("x", prior=1.0, text="The two sides talk")
    assert kent.infer().assessment("x").likelihood.startswith("It is certain (100 %) that")
