"""Words for a number: the inverse of reading a word as a judgment.

The rules (documented in ``docs/scales.md``):

* **range** (every published probability scale). The terms whose range holds
  the number; if several do (a shared endpoint, IPCC's nested ranges), the most
  specific: the narrowest range, then the one nearer 50 % (the less extreme
  claim), then the first in published order. If none does, the number lies in a
  gap: "between X and Y" naming the terms on either side, or "below X" /
  "above Y" beyond the outermost terms. "Cannot be judged" terms never describe a
  number.
* **reading** (survey scales). The phrase whose respondents most often gave
  that number, to the survey's resolution: the term maximising
  ``F(p + h) - F(p - h)`` with ``h`` half a percentage point.
* **likelihood-ratio** scales take a likelihood ratio: the band holding it; for
  LR < 1 the band holding 1/LR, as support for the alternative; LR = 1 supports
  neither proposition.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING, Literal

import numpy as np
from scipy import special

from likelihood._core.scales import DEFAULT_SCALE, Scale, Term
from likelihood._core.scales import scale as get_scale
from likelihood._core.validate import check_probability, is_real_number, scalar
from likelihood._exceptions import JudgmentTypeError, ProbabilityError, ScaleError

if TYPE_CHECKING:
    from likelihood._core.judgment import Judgment
    from likelihood._core.readers import Readings
    from likelihood._core.table import Table

__all__ = ["Description", "describe", "term_regions", "translate"]

Relation = Literal[
    "within", "between", "below", "above", "reading", "support", "neutral", "observed"
]

_READING_HALF_WIDTH = 0.005  # half a percentage point: the survey answers' resolution
_NEUTRAL = "no support for either proposition"


class Description(str):
    """Words for a number, with how they were chosen.

    A ``str`` (so it prints, compares and formats as the words), with extra
    attributes.

    Attributes
    ----------
    value : float
        The number described (the mean, for a judgment).
    scale : str
        The scale's name.
    terms : tuple of str
        The terms involved: one term, or the two around a gap.
    relation : str
        ``"within"`` (a term's range holds the number), ``"between"``,
        ``"below"``, ``"above"`` (a gap), ``"reading"`` (a survey scale),
        ``"support"`` or ``"neutral"`` (a likelihood ratio), ``"observed"`` (a
        posterior node that was observed).
    mass : float or None
        For a judgment: the share of its mass in the words' range (the term's
        range, or the gap). ``None`` for a number.
    confidence : {"high", "moderate", "low", "unknown"} or None
        For a posterior probability: the analytic confidence, from the band;
        ``"unknown"`` when too few effective draws give no band worth reading.
    interval : tuple of float or None
        For a posterior probability: the 90 % band it was judged from
        (``(nan, nan)`` when there is no band).
    """

    value: float
    scale: str
    terms: tuple[str, ...]
    relation: Relation
    mass: float | None
    confidence: str | None
    interval: tuple[float, float] | None

    def __new__(
        cls,
        words: str,
        *,
        value: float,
        scale: str,
        terms: tuple[str, ...],
        relation: Relation,
        mass: float | None = None,
        confidence: str | None = None,
        interval: tuple[float, float] | None = None,
    ) -> Description:
        self = super().__new__(cls, words)
        self.value = value
        self.scale = scale
        self.terms = terms
        self.relation = relation
        self.mass = mass
        self.confidence = confidence
        self.interval = interval
        return self

    @property
    def readers(self) -> Readings | None:
        """How the CAPphrase survey's readers read these words, or None.

        :func:`likelihood.readings` of the term (against the scale's band, and
        for a posterior against its 90 % band too); None for words that are not
        one term of a probability scale (a gap) or that the survey did not ask
        about.

        Examples
        --------
        >>> import likelihood as lk
        >>> d = lk.describe(0.3, scale="phia")
        >>> round(d.readers.inside, 2), d.readers.lean
        (0.28, 'lower')
        """
        from likelihood._core.readers import readings_or_none

        if self.relation != "within" or len(self.terms) != 1:
            return None
        band = self.interval
        # a band worth counting readers in: known, and not a single number (exact judgments)
        usable = band is not None and not any(math.isnan(x) for x in band) and band[0] < band[1]
        return readings_or_none(self.terms[0], self.scale, band=band if usable else None)


def _candidates(sc: Scale) -> list[Term]:
    return [t for t in sc.terms if t.range is not None and not t.uncertain]


def _specificity(t: Term, order: int) -> tuple[float, float, int]:
    lo, hi = t.range  # type: ignore[misc]
    return (round(hi - lo, 12), round(abs((lo + hi) / 2 - 0.5), 12), order)


def _by_range(sc: Scale, p: float) -> tuple[str, tuple[str, ...], Relation, tuple[float, float]]:
    terms = _candidates(sc)
    holding = [(i, t) for i, t in enumerate(terms) if t.contains(p)]
    if holding:
        _, best = min(holding, key=lambda it: _specificity(it[1], it[0]))
        assert best.range is not None
        return best.name, (best.name,), "within", best.range
    below = [(i, t) for i, t in enumerate(terms) if t.upper is not None and t.upper <= p]
    above = [(i, t) for i, t in enumerate(terms) if t.lower is not None and t.lower >= p]
    left = max(below, key=lambda it: (it[1].upper, -_specificity(it[1], it[0])[0]), default=None)
    right = min(above, key=lambda it: (it[1].lower, _specificity(it[1], it[0])[0]), default=None)
    if left and right:
        lt, rt = left[1], right[1]
        assert lt.upper is not None and rt.lower is not None
        return (
            f"between {lt.name} and {rt.name}",
            (lt.name, rt.name),
            "between",
            (
                lt.upper,
                rt.lower,
            ),
        )
    if right:
        rt = right[1]
        assert rt.lower is not None
        return f"below {rt.name}", (rt.name,), "below", (0.0, rt.lower)
    if left:
        lt = left[1]
        assert lt.upper is not None
        return f"above {lt.name}", (lt.name,), "above", (lt.upper, 1.0)
    raise ScaleError(f"the scale {sc.name!r} has no term with a range to describe {p!r}")


def _by_reading(sc: Scale, p: float) -> tuple[str, tuple[str, ...], Relation, tuple[float, float]]:
    lo, hi = max(p - _READING_HALF_WIDTH, 0.0), min(p + _READING_HALF_WIDTH, 1.0)
    best: Term | None = None
    best_share = -1.0
    for t in _candidates(sc):
        if t.beta is None:
            continue
        a, b = t.beta
        share = float(special.betainc(a, b, hi) - special.betainc(a, b, lo))
        if share > best_share:
            best, best_share = t, share
    if best is None or best.range is None:
        raise ScaleError(f"the survey scale {sc.name!r} has no fitted terms")
    return best.name, (best.name,), "reading", best.range


def _lr_words(sc: Scale, lr: float) -> tuple[str, tuple[str, ...], Relation]:
    if lr == 1.0:
        return _NEUTRAL, (), "neutral"
    x = lr if lr > 1.0 else 1.0 / lr
    for t in sc.terms:
        if t.contains(x):
            words = t.name if lr > 1.0 else f"{t.name} for the alternative proposition"
            return words, (t.name,), "support"
    raise ScaleError(
        f"no band of the {sc.name} scale holds the likelihood ratio {lr!r} "
        f"(bands: {', '.join(t.name for t in sc.terms)})"
    )


def describe(value: float | Judgment, scale: str | Scale = DEFAULT_SCALE) -> Description:
    """Return the scale's words for a number, or for a judgment.

    Parameters
    ----------
    value : float or Judgment
        A probability in [0, 1] (a likelihood ratio > 0 on a likelihood-ratio
        scale), or a :class:`Judgment`, described by its mean.
    scale : str or Scale, default "phia"
        The scale whose words to use.

    Returns
    -------
    Description
        The words (a ``str``), with the terms involved, how they relate to the
        number, and for a judgment the share of its mass in those words.

    Raises
    ------
    ProbabilityError
        A number outside [0, 1] (or not positive, for a likelihood ratio).
    ScaleError
        A grading scale, which has no words for numbers.
    JudgmentTypeError
        A value that is neither a number nor a judgment.

    Notes
    -----
    Where ranges overlap (shared endpoints, IPCC's nested ranges) the most
    specific term wins: the narrowest range, then the one nearer 50 %. In a gap
    (PHIA's deliberate gaps, Kent's) the words name both neighbours, "between X
    and Y"; beyond the outermost terms, "below X" or "above Y". A survey scale
    gives the phrase whose readers most often gave that number. See
    ``docs/scales.md`` for each scale.

    Examples
    --------
    >>> import likelihood as lk
    >>> lk.describe(0.12, scale="phia")
    'highly unlikely'
    >>> lk.describe(0.5, scale="phia")
    'between realistic possibility and likely'
    >>> lk.describe(0.97, scale="ipcc")
    'extremely likely'
    >>> lk.describe(0.7, scale="perceptions")
    'probable'
    >>> lk.describe(250, scale="enfsi")
    'moderately strong support'
    >>> d = lk.describe(lk.judge("unlikely", scale="icd203"), scale="icd203")
    >>> d, d.relation, round(d.mass, 3)
    ('unlikely', 'within', 0.9)
    """
    from likelihood._core.judgment import Judgment

    sc = get_scale(scale)
    judgment: Judgment | None = None
    value = scalar(value)  # a 0-d array is its number
    if isinstance(value, Judgment):
        judgment = value
        x = value.mean()
    elif is_real_number(value):
        x = float(value)
    else:
        raise JudgmentTypeError(
            f"describe takes a number or a Judgment; got {value!r} ({type(value).__name__})"
        )

    if sc.kind == "grading":
        raise ScaleError(
            f"{sc.name} is a grading scale ({sc.title}); it has no words for numbers. "
            "Use a probability scale such as 'phia' or 'icd203'"
        )
    if sc.kind == "likelihood-ratio":
        if judgment is not None:
            raise ScaleError(
                f"{sc.name} grades likelihood ratios; describe a likelihood ratio, not a "
                "judgment of a probability"
            )
        if not (x > 0.0) or math.isnan(x):
            raise ProbabilityError(
                f"value must be a likelihood ratio, a number > 0, on the {sc.name} scale; "
                f"got {value!r}"
            )
        words, terms, relation = _lr_words(sc, x)
        return Description(words, value=x, scale=sc.name, terms=terms, relation=relation)

    p = check_probability(x, "value")
    rule = _by_reading if sc.describe_rule == "reading" else _by_range
    words, terms, relation, (lo, hi) = rule(sc, p)
    mass = None
    if judgment is not None:
        mass = judgment.mass(lo, hi)
        if relation in ("between", "below", "above") and lo < hi:
            # the gap is open at its ends: remove any mass sitting exactly on them
            for end in (lo, hi):
                mass -= judgment.mass(end, end)
        mass = float(np.clip(mass, 0.0, 1.0))
    return Description(words, value=p, scale=sc.name, terms=terms, relation=relation, mass=mass)


@functools.cache
def _regions(sc: Scale) -> tuple[tuple[float, float, str, str], ...]:
    if sc.describe_rule == "range":
        ends = {0.0, 1.0}
        for t in _candidates(sc):
            for end in (t.lower, t.upper):
                if end is not None and 0.0 < end < 1.0:
                    ends.add(end)
        cuts = sorted(ends)
        pieces = [
            (a, b, describe((a + b) / 2, scale=sc)) for a, b in zip(cuts, cuts[1:], strict=False)
        ]
    else:
        grid = np.linspace(0.0, 1.0, 2001)
        words = [describe(float(p), scale=sc) for p in grid]
        edges = np.concatenate([[0.0], (grid[1:] + grid[:-1]) / 2, [1.0]])
        pieces = [(float(edges[i]), float(edges[i + 1]), words[i]) for i in range(len(grid))]
    merged: list[tuple[float, float, str, str]] = []
    for a, b, d in pieces:
        if merged and merged[-1][2] == str(d):
            merged[-1] = (merged[-1][0], b, str(d), d.relation)
        else:
            merged.append((a, b, str(d), d.relation))
    return tuple(merged)


def term_regions(scale: str | Scale = DEFAULT_SCALE) -> list[tuple[float, float, str, str]]:
    """Return ``(lower, upper, words, relation)`` for each stretch of [0, 1] with the same words.

    For a scale described by its ranges the stretches end exactly at the terms'
    endpoints; a survey scale is read on a grid of step 0.0005.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.describe import term_regions
    >>> [(round(a, 2), round(b, 2), w) for a, b, w, _ in term_regions("phia")][:3]
    [(0.0, 0.05, 'remote chance'), (0.05, 0.1, 'between remote chance and highly unlikely'), (0.1, 0.2, 'highly unlikely')]
    """  # noqa: E501
    sc = get_scale(scale)
    if sc.kind != "probability":
        raise ScaleError(f"{sc.name} is a {sc.kind} scale; its words do not describe probabilities")
    return list(_regions(sc))


def translate(
    word: str, source: str | Scale = "icd203", target: str | Scale = DEFAULT_SCALE
) -> Table:
    """Translate a word of one scale into the words of another, with the share of each.

    The word is read as its judgment on *source*; the share of that
    distribution that falls where *target* uses each of its words (a term, or a
    gap between terms) is returned, largest first.

    Parameters
    ----------
    word : str
        A term of *source*.
    source, target : str or Scale
        Probability scales.

    Returns
    -------
    Table
        Columns ``words``, ``share``, ``relation`` (``"within"``/``"reading"`` for a
        term, ``"between"``/``"below"``/``"above"`` for a gap).

    Examples
    --------
    >>> import likelihood as lk
    >>> t = lk.translate("likely", source="icd203", target="phia")
    >>> [(r["words"], round(r["share"], 2)) for r in t][:3]
    [('likely', 0.78), ('between likely and highly likely', 0.12), ('between realistic possibility and likely', 0.04)]
    """  # noqa: E501
    from likelihood._core.judgment import judge
    from likelihood._core.table import Table as _Table

    src, dst = get_scale(source), get_scale(target)
    judgment = judge(word, scale=src)
    shares: dict[str, tuple[float, str]] = {}
    for lo, hi, words, relation in term_regions(dst):
        share = judgment.mass(lo, hi) - (judgment.mass(lo, lo) if lo > 0 else 0.0)
        previous = shares.get(words, (0.0, relation))[0]
        shares[words] = (previous + share, relation)
    rows = [
        {"words": w, "share": s, "relation": r}
        for w, (s, r) in sorted(shares.items(), key=lambda kv: -kv[1][0])
        if s > 0.0005
    ]
    table = _Table(
        ["words", "share", "relation"],
        rows,
        title=f"{word!r} ({src.name}) in the words of {dst.name}",
    )
    table.info["judgment"] = judgment
    return table
