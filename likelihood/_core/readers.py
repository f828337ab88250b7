"""How readers read a word: a survey's answers for the phrase beside the scale's band.

A scale defines each word by a range ("unlikely": 25-35 % on the PHIA yardstick);
readers who were never shown the yardstick read it their own way. A survey
scale (``capphrase``: 5,163 readers and 19 phrases; ``perceptions``) holds how
its readers read each phrase it asked about. :func:`readings` puts the two
side by side: the readers' distribution for the word, its median and
quartiles, and the share of readers whose number falls inside the scale's
band, counted directly from the survey's answers (whole percents, both ends
included); for an answer of the model, the share of readers whose number
falls inside the answer's own 90 % band. Definitions in ``docs/readers.md``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from likelihood._core.names import normalise_term, suggest
from likelihood._core.scales import DEFAULT_SCALE, Scale, short_name
from likelihood._core.scales import scale as get_scale
from likelihood._exceptions import ScaleError, UnknownTermError

__all__ = ["DEFAULT_SURVEY", "Readings", "readings", "survey_phrase"]

Array = NDArray[np.float64]

#: The survey that readings come from unless another is named.
DEFAULT_SURVEY = "capphrase"
#: Answers are whole percents: a bound is compared at this tolerance (in probability).
_EDGE = 1e-9


def _percent(p: float) -> str:
    """Write a probability in percent, to one decimal, without a trailing ".0"."""
    text = f"{100.0 * p:.1f}"
    return text.removesuffix(".0")


def _range_text(band: tuple[float, float]) -> str:
    return f"{_percent(band[0])}–{_percent(band[1])} %"


@dataclass(frozen=True)
class Readings:
    """How a survey's readers read one word, beside the band a scale gives it.

    Attributes
    ----------
    word : str
        The word as the scale names it.
    scale : str
        The scale whose band the word is read against.
    band : tuple of float, or None
        The word's range on *scale* (None for a term without one).
    phrase : str
        The survey's phrase for the word.
    survey : str
        The survey scale's name (``"capphrase"``).
    readers : int
        How many readers gave a number for the phrase.
    values, counts : numpy.ndarray
        The numbers they gave (probabilities) and how many gave each.
    beta : tuple of float
        The Beta fitted to their answers (the survey scale's term).
    answer_band : tuple of float, or None
        For an answer of a model: its 90 % band, against which
        :attr:`inside_answer_band` counts the readers.
    open_ends : tuple of bool
        Whether the band leaves out its lower and its upper end (PHIA's
        "realistic possibility" is ≈40–<50 %: a reading of 50 % is outside it).
    """

    word: str
    scale: str
    band: tuple[float, float] | None
    phrase: str
    survey: str
    readers: int
    values: Array = field(repr=False)
    counts: Array = field(repr=False)
    beta: tuple[float, float] = (math.nan, math.nan)
    answer_band: tuple[float, float] | None = None
    open_ends: tuple[bool, bool] = (False, False)

    def share(self, lower: float, upper: float) -> float:
        """Return the share of readers whose number lies in ``[lower, upper]`` (both included).

        Parameters
        ----------
        lower, upper : float
            The interval, as probabilities.

        Returns
        -------
        float

        Examples
        --------
        >>> import likelihood as lk
        >>> r = lk.readings("unlikely", scale="phia")
        >>> round(r.share(0.25, 0.35), 3) == round(r.inside, 3)
        True
        """
        inside = (self.values >= lower - _EDGE) & (self.values <= upper + _EDGE)
        return float(self.counts[inside].sum() / self.counts.sum())

    def quantile(self, q: float) -> float:
        """Return the readers' *q*-quantile (the smallest number at least a share *q* gave).

        Parameters
        ----------
        q : float
            The share, in [0, 1].

        Returns
        -------
        float

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.readings("unlikely", scale="phia").quantile(0.5)
        0.2
        """
        cumulative = np.cumsum(self.counts) / self.counts.sum()
        return float(self.values[int(np.searchsorted(cumulative, q - 1e-12))])

    @property
    def median(self) -> float:
        """The readers' median number."""
        return self.quantile(0.5)

    @property
    def quartiles(self) -> tuple[float, float]:
        """The readers' 25th and 75th percentiles."""
        return self.quantile(0.25), self.quantile(0.75)

    def _below_mask(self) -> NDArray[np.bool_]:
        assert self.band is not None
        edge = -_EDGE if not self.open_ends[0] else _EDGE  # an open end leaves its value out
        below: NDArray[np.bool_] = self.values < self.band[0] + edge
        return below

    def _above_mask(self) -> NDArray[np.bool_]:
        assert self.band is not None
        edge = _EDGE if not self.open_ends[1] else -_EDGE
        above: NDArray[np.bool_] = self.values > self.band[1] + edge
        return above

    @property
    def inside(self) -> float:
        """The share of readers whose number lies inside the scale's band (nan without one).

        Both ends count as inside, unless the scale leaves an end out (``open_ends``).
        """
        if self.band is None:
            return math.nan
        outside = self._below_mask() | self._above_mask()
        return float(self.counts[~outside].sum() / self.counts.sum())

    @property
    def below(self) -> float:
        """The share of readers whose number lies below the scale's band."""
        if self.band is None:
            return math.nan
        return float(self.counts[self._below_mask()].sum() / self.counts.sum())

    @property
    def above(self) -> float:
        """The share of readers whose number lies above the scale's band."""
        if self.band is None:
            return math.nan
        return float(self.counts[self._above_mask()].sum() / self.counts.sum())

    @property
    def inside_answer_band(self) -> float:
        """The share of readers whose number lies inside the answer's 90 % band (or nan)."""
        return math.nan if self.answer_band is None else self.share(*self.answer_band)

    def with_answer(self, band: tuple[float, float]) -> Readings:
        """Return these readings with an answer's band to count the readers against.

        Parameters
        ----------
        band : tuple of float
            The answer's 90 % band ``(lower, upper)``.

        Returns
        -------
        Readings

        Examples
        --------
        >>> import likelihood as lk
        >>> r = lk.readings("likely", scale="phia").with_answer((0.6, 0.7))
        >>> 0 < r.inside_answer_band < r.inside
        True
        """
        return Readings(
            self.word,
            self.scale,
            self.band,
            self.phrase,
            self.survey,
            self.readers,
            self.values,
            self.counts,
            self.beta,
            (float(band[0]), float(band[1])),
            self.open_ends,
        )

    @property
    def lean(self) -> str:
        """Where most readers put the word: ``"lower"``, ``"higher"``, ``"inside"``, ``"split"``."""
        if self.band is None:
            return "split"
        if self.inside >= 0.5:
            return "inside"
        if self.below > 0.5:
            return "lower"
        if self.above > 0.5:
            return "higher"
        return "split"

    def sentence(self) -> str:
        """Return the finding in one sentence, as the reports write it.

        Examples
        --------
        >>> import likelihood as lk
        >>> print(lk.readings("unlikely", scale="phia").sentence())
        PHIA 'unlikely' (≈25–≈35 %): 28 % of 5,163 readers read it inside that band; most read it lower (median 20 %).
        """  # noqa: E501
        name = short_name(get_scale(self.scale))
        median = f"median {_percent(self.median)} %"
        if self.band is None:
            return f"{name} {self.word!r}: {self.readers:,} readers, {median}."
        term = get_scale(self.scale).term(self.word) if self.word in get_scale(self.scale) else None
        shown = term.printed() if term is not None and term.centre is None else None
        head = (
            f"{name} {self.word!r} ({shown or _range_text(self.band)}): "
            f"{100 * self.inside:.0f} % of {self.readers:,} readers read it inside that band"
        )
        lean = self.lean
        if lean == "lower":
            tail = f"; most read it lower ({median})."
        elif lean == "higher":
            tail = f"; most read it higher ({median})."
        elif lean == "inside":
            tail = f" ({median})."
        else:
            tail = f"; {100 * self.below:.0f} % lower, {100 * self.above:.0f} % higher ({median})."
        return head + tail

    def __str__(self) -> str:
        return self.sentence()


def survey_phrase(word: str, sc: Scale, survey: Scale) -> str | None:
    """Return the survey's term for a word of *sc* (by its name, then its aliases), or None.

    The word as written is tried first ("probable" on PHIA is the survey's
    "probable", though PHIA lists it under "likely").
    """
    if survey.readings is None:
        return None
    term = sc.term(word)
    for candidate in (word, term.name, *term.aliases):
        key = normalise_term(candidate)
        for name in survey.readings:
            if normalise_term(name) == key:
                return name
    return None


def readings(
    word: str, scale: str | Scale = DEFAULT_SCALE, survey: str | Scale = DEFAULT_SURVEY
) -> Readings:
    """Return how a survey's readers read a word of a scale, beside the scale's band for it.

    Parameters
    ----------
    word : str
        A term of *scale* (or one of its aliases).
    scale : str or Scale, default "phia"
        The scale whose band the readers are counted against.
    survey : str or Scale, default "capphrase"
        A survey scale: the CAPphrase survey (5,163 readers, 19 phrases;
        Kucharski 2026, CC BY 4.0) or ``"perceptions"``.

    Returns
    -------
    Readings
        The readers' numbers, their median and quartiles, and the shares inside,
        below and above the band (counted from the answers, both ends included).

    Raises
    ------
    UnknownTermError
        A word that is not a term of *scale*, or whose phrase the survey did not
        ask about (the message lists the phrases it did).
    ScaleError
        A *survey* that is not a survey scale.

    References
    ----------
    .. [1] Kucharski, A. J. (2026). CAPphrase: Comparative and Absolute
       Probability phrase dataset. Zenodo. doi:10.5281/zenodo.18750055.
    .. [2] Wintle, B. C., Fraser, H., Wills, B. C., Nicholson, A. E., & Fidler,
       F. (2019). Verbal probabilities: Very likely to be somewhat more
       confusing than numbers. PLoS ONE 14(4): e0213522.

    Examples
    --------
    >>> import likelihood as lk
    >>> r = lk.readings("realistic possibility", scale="phia")
    >>> r.readers, r.band, round(r.inside, 2), r.median  # PHIA leaves 50 % out: ≈40–<50 %
    (5163, (0.4, 0.5), 0.11, 0.6)
    """
    sc = get_scale(scale)
    src = get_scale(survey)
    if src.readings is None:
        raise ScaleError(
            f"{src.name!r} is not a survey scale; readings come from one such as 'capphrase'"
        )
    term = sc.term(word)
    phrase = survey_phrase(word, sc, src)
    if phrase is None:
        asked = list(src.readings)
        close = suggest(word, asked)
        hint = f"; the nearest it asked: {', '.join(map(repr, close))}" if close else ""
        raise UnknownTermError(
            f"the {src.name} survey did not ask its readers about {term.name!r} "
            f"({sc.name}){hint}. It asked about: {', '.join(asked)}",
            term=word,
            scale=src.name,
            suggestions=tuple(close),
        )
    values, counts = src.readings[phrase]
    fitted = src.term(phrase).beta
    beta: tuple[float, float] = fitted if fitted is not None else (math.nan, math.nan)
    return Readings(
        phrase,
        sc.name,
        term.range,
        phrase,
        src.name,
        int(counts.sum()),
        values,
        counts,
        beta,
        None,
        (term.lower_open, term.upper_open),
    )


def readings_or_none(
    word: str, scale: str | Scale, survey: str | Scale = DEFAULT_SURVEY, **answer: Any
) -> Readings | None:
    """Return :func:`readings`, or None when the survey did not ask about the word."""
    try:
        found = readings(word, scale, survey)
    except UnknownTermError:
        return None
    band = answer.get("band")
    return found.with_answer(band) if band is not None else found
