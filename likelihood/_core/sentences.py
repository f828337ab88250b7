r"""Assessment sentences: the sentence an analyst would write, in the conventions of the scale.

One rule per built-in probability scale (``docs/sentences.md`` quotes each with its
source):

* **icd203** — ICD 203 (2015), §D.6.e(2): the likelihood term of the directive's
  table; the confidence level (high, moderate, low) in a sentence of its own,
  never with the likelihood ("must not combine a confidence level and a degree of
  likelihood ... in the same sentence"). *We assess it is likely (55–80 %) that X.
  We have moderate confidence in this assessment.*
* **phia** — the PHIA yardstick (Explaining Uncertainty in UK Intelligence
  Assessment, 2025): the yardstick's term, and the analytical confidence (high,
  moderate, low) stated apart. *It is likely (55–75 %) that X. Analytical
  confidence: moderate.*
* **ipcc** — the IPCC AR5 guidance note (Mastrandrea et al. 2010): the likelihood
  term in italics, the confidence in parentheses after it (high, medium, low).
  *It is \*likely\* (66–100 %) that X (medium confidence).*
* **efsa** — EFSA's approximate probability scale (2018): the term with its
  range; EFSA has no confidence terms, so the band of the probability is given.
* **kent** and any other scale: the term with its range, confidence apart.

A probability in a gap of the scale (PHIA's deliberate gaps, Kent's) gets no
term: the sentence gives the number and names the terms on either side.
Numbers follow the word in brackets by default — the remedy Wintle et al. (2019)
found to work (correspondence with the intended range 66 % against 32 % without).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from likelihood._core.describe import Description
from likelihood._core.scales import short_name
from likelihood._exceptions import OptionError

if TYPE_CHECKING:
    from likelihood._core.model import Node
    from likelihood._core.scales import Scale, Term

__all__ = ["Assessment", "NUMBERS", "assessment_sentence"]

#: What the brackets after the word hold: the term's range, the model's probability, both,
#: or nothing.
NUMBERS = ("range", "probability", "both", "none")
Numbers = Literal["range", "probability", "both", "none"]

#: Each scale's convention, by name: (lead-in, how confidence is said, the rule's source).
_RULES: dict[str, tuple[str, str, str]] = {
    "icd203": (
        "We assess",
        "apart",
        "ICD 203 (2015) §D.6.e(2): likelihood terms from the directive's table; confidence "
        "(high, moderate, low) never in the same sentence as a degree of likelihood",
    ),
    "phia": (
        "",
        "uk",
        "PHIA, Explaining Uncertainty in UK Intelligence Assessment (2025): the yardstick's "
        "term; analytical confidence (high, moderate, low) stated apart",
    ),
    "ipcc": (
        "",
        "ipcc",
        "IPCC AR5 guidance note (Mastrandrea et al. 2010): likelihood in italics, "
        "confidence (low, medium, high) in parentheses",
    ),
    "efsa": (
        "",
        "band",
        "EFSA (2018) approximate probability scale: the term with its range; no confidence "
        "terms, so the band of the probability",
    ),
}
_GENERIC = (
    "",
    "apart",
    "the scale's term with its range; confidence (high, moderate, low) in its own sentence",
)
_IPCC_CONFIDENCE = {"high": "high", "moderate": "medium", "low": "low"}


def _percent(p: float) -> str:
    """Write a probability in percent, to one decimal, without a trailing ".0"."""
    text = f"{100.0 * p:.1f}"
    return text.removesuffix(".0")


#: Terms that are noun phrases ("a remote chance"), read as "there is ..."; the others are
#: adjectives ("likely"), read as "it is ...".
_NOUNS = ("chance", "possibility", "odds", "even")


def _opening(lead: str, word: str, name: str) -> str:
    """Return the start of the sentence: "It is likely", "There is a remote chance", ..."""
    last = name.split()[-1]
    if last in _NOUNS:
        article = "" if name.startswith(("almost no", "no ")) else "a "
        there = f"there is {article}{word}"
    elif last == "not" and "as" not in name.split():  # Kent: "probably not" -> ... not the case
        there = f"it is {word} the case"
    else:
        there = f"it is {word}"
    return f"{lead} {there}" if lead else there[0].upper() + there[1:]


#: First words written in lower case inside a sentence; any other first word (a name such as
#: "Russia", an acronym) keeps its capital.
_COMMON_FIRST = frozenset(
    "a an the this that these those such some any no all both each every either neither "
    "it its there their they them we our he she his her one two three four several many "
    "most more few other another if whether".split()
)


def _published(term: Term) -> str:
    """Return a term's range as the scale prints it (Kent's centre and spread as its range)."""
    if term.centre is not None and term.range is not None:
        return f"{_percent(term.range[0])}–{_percent(term.range[1])} %"
    return term.printed()


def _claim(node: Node, state: str | None) -> str:
    """Return the proposition as a clause: the node's text (a common first word in lower case)."""
    text = node.text.strip().rstrip(".")
    first = text.split(" ", 1)[0] if text else ""
    if first.lower() in _COMMON_FIRST and first[:1].isupper():
        text = text[0].lower() + text[1:]
    if state is None or node.binary:
        clause = text or f"{node.name} holds"
        return clause if state in (None, "true") else f"it is not the case that {clause}"
    return f"{text or node.name} is {state}" if text else f"{node.name} is {state}"


@dataclass(frozen=True)
class Assessment:
    """The sentence an analyst would write for one hypothesis, in the scale's conventions.

    Attributes
    ----------
    likelihood : str
        The sentence of likelihood (with its numbers in brackets).
    confidence : str
        The sentence of confidence ("" where the convention puts it in the
        first sentence).
    rule : str
        The convention followed and its source.
    scale : str
    """

    likelihood: str
    confidence: str
    rule: str
    scale: str

    @property
    def text(self) -> str:
        """Both sentences, as they would be printed."""
        return f"{self.likelihood} {self.confidence}".strip()

    def __str__(self) -> str:
        return self.text


def assessment_sentence(
    words: Description,
    sc: Scale,
    node: Node,
    state: str | None,
    numbers: str = "range",
) -> Assessment:
    """Return the assessment of ``P(node = state | E)`` described by *words* on *sc*."""
    if numbers not in NUMBERS:
        raise OptionError(f"numbers must be one of {', '.join(NUMBERS)}; got {numbers!r}")
    lead, said, source = _RULES.get(sc.name, _GENERIC)
    claim = _claim(node, state)
    if words.relation == "observed":
        shown = claim[0].upper() + claim[1:]
        return Assessment(f"{shown}: observed.", "", source, sc.name)
    p = float(words.value)
    confidence = words.confidence or "unknown"
    band = words.interval
    if words.relation == "within" and len(words.terms) == 1:
        term = sc.term(words.terms[0])
        word = f"*{term.name}*" if said == "ipcc" else term.name
        brackets: list[str] = []
        if numbers in ("range", "both") and term.range is not None:
            brackets.append(_published(term))
        if numbers in ("probability", "both"):
            brackets.append(
                f"the model: {_percent(p)} %" if numbers == "both" else f"{_percent(p)} %"
            )
        shown = f" ({'; '.join(brackets)})" if brackets else ""
        if term.name.startswith("chances "):  # Kent: "the chances are about even"
            opening = f"the {word.replace('chances ', 'chances are ', 1)}"
            opening = f"{lead} {opening}" if lead else opening[0].upper() + opening[1:]
        else:
            opening = _opening(lead, word, term.name)
        sentence = f"{opening}{shown} that {claim}"
    else:
        named = " and ".join(f"'{t}'" for t in words.terms)
        place = {
            "between": f"between the {short_name(sc)} terms {named}",
            "below": f"below the {short_name(sc)} term {named}",
            "above": f"above the {short_name(sc)} term {named}",
        }.get(words.relation, f"read as {str(words)!r} on {short_name(sc)}")
        sentence = f"We assess the chance that {claim} at about {_percent(p)} % ({place})"
    unknown = confidence == "unknown" or band is None or any(math.isnan(x) for x in band)
    if said == "ipcc":
        tail = "" if unknown else f" ({_IPCC_CONFIDENCE.get(confidence, confidence)} confidence)"
        return Assessment(sentence + tail + ".", "", source, sc.name)
    if unknown:
        second = "Too few effective draws to state a confidence."
    elif said == "uk":
        second = f"Analytical confidence: {confidence}."
    elif said == "band" and band[0] == band[1]:  # type: ignore[index]
        second = "The judgments are exact numbers: the probability has no band."
    elif said == "band":
        second = (
            f"The probability's 90 % band over the judgments is "
            f"{_percent(band[0])}–{_percent(band[1])} %."  # type: ignore[index]
        )
    else:
        second = f"We have {confidence} confidence in this assessment."
    return Assessment(sentence + ".", second, source, sc.name)
