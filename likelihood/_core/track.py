"""Track records: an analyst's resolved forecasts, scored, calibrated and learnt from.

A :class:`TrackRecord` holds rows of (judgment, outcome): a word of a scale
or a number, and whether the event happened. From them it computes the Brier
score and its Murphy decomposition, the log score, a calibration table with
Jeffreys intervals, a recalibration map linear in log-odds, and the analyst's
*personal scale*: each word's judgment updated by the hits and misses it
produced (the conjugate Beta-binomial update).

:func:`coherent` and :func:`pool_coherent` treat judgments of exclusive,
exhaustive outcomes: the nearest coherent set (a Euclidean projection onto the
probability simplex), and several analysts pooled with weights that favour
the coherent ones (Karvetski, Olson, Mandel & Twardy, 2013).

NumPy and SciPy only; the calibration plot lives in
:mod:`likelihood._view.plots` and is loaded by :meth:`TrackRecord.plot_calibration`.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

from likelihood._core.judgment import judge
from likelihood._core.scales import DEFAULT_SCALE, Scale, Term
from likelihood._core.scales import scale as get_scale
from likelihood._core.table import Table
from likelihood._core.validate import (
    check_confidence,
    check_count,
    check_positive,
    check_probability,
    is_real_number,
    scalar,
)
from likelihood._exceptions import (
    FitError,
    JudgmentTypeError,
    OptionError,
    ProbabilityError,
    ScaleError,
    located,
)

__all__ = [
    "DEFAULT_EPSILON",
    "BrierDecomposition",
    "Coherence",
    "CoherentPool",
    "Recalibration",
    "TrackRecord",
    "coherent",
    "pool_coherent",
]

#: The ε of the coherence weights ``1 / (ε + incoherence)`` unless another is given.
DEFAULT_EPSILON = 0.01

_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})
_OUTCOMES = "True/False, 1/0, 'yes'/'no' or 'true'/'false'"
#: The Jeffreys prior on a word's frequency of coming true: Beta(1/2, 1/2).
_JEFFREYS = 0.5

_MURPHY = (
    "Murphy, A. H. (1973). A new vector partition of the probability score. Journal of "
    "Applied Meteorology, 12(4), 595-600."
)


# -- reading the rows ---------------------------------------------------------------------------


def _outcome(value: Any) -> bool:
    """Return an outcome as a bool: True/False, 1/0, 'yes'/'no', 'true'/'false'."""
    value = scalar(value)
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if is_real_number(value) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        key = value.strip().lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
    raise ProbabilityError(f"an outcome must be {_OUTCOMES}; got {value!r}")


def _number(text: str) -> float | None:
    """Return the number a string holds (``"0.7"``), or ``None`` for a word."""
    try:
        return float(text)
    except ValueError:
        return None


class _Reader:
    """Reads judgments on one scale: a word becomes its term's mean, a number stays itself."""

    def __init__(self, sc: Scale) -> None:
        if sc.kind != "probability":
            raise ScaleError(
                f"a track record reads words on a probability scale; {sc.name} is a {sc.kind} scale"
            )
        self.scale = sc
        self.means: dict[str, float] = {}

    def __call__(self, value: Any) -> tuple[float, str | None]:
        value = scalar(value)
        if isinstance(value, str):
            number = _number(value)
            if number is not None:
                return check_probability(number, "the forecast"), None
            term = self.scale.term(value)
            if term.uncertain:
                raise ScaleError(
                    f"{value!r} says the probability cannot be judged: it is no forecast to "
                    "score; leave the row out"
                )
            if term.name not in self.means:
                self.means[term.name] = judge(term.name, scale=self.scale).mean()
            return self.means[term.name], term.name
        if is_real_number(value):
            return check_probability(value, "the forecast"), None
        raise JudgmentTypeError(
            f"a forecast must be a word of the {self.scale.name} scale or a probability in "
            f"[0, 1]; got {value!r} ({type(value).__name__})"
        )


@dataclass(frozen=True, slots=True)
class _Group:
    """Forecasts counted together: a word, a distinct number, or a bin of numbers."""

    label: str
    kind: str  # "word", "number" or "bin"
    index: NDArray[np.intp]
    span: tuple[float, float] | None  # a word's published range, a bin's edges


def _edges(bins: Any) -> NDArray[np.float64]:
    """Return bin edges from ``bins``: a count of equal bins, or edges from 0 to 1."""
    bins = scalar(bins)
    if is_real_number(bins) or isinstance(bins, bool | np.bool_):
        return np.linspace(0.0, 1.0, check_count(bins, "bins") + 1)
    allowed = "a number of equal bins, or increasing edges from 0 to 1"
    if isinstance(bins, str | bytes | Mapping) or not isinstance(bins, Sequence | np.ndarray):
        raise OptionError(f"bins must be {allowed}; got {bins!r}")
    try:
        edges = np.asarray(bins, dtype=np.float64)
    except (TypeError, ValueError):
        raise OptionError(f"bins must be {allowed}; got {bins!r}") from None
    if (
        edges.ndim != 1
        or edges.size < 2
        or not np.all(np.isfinite(edges))
        or edges[0] != 0.0
        or edges[-1] != 1.0
        or not np.all(np.diff(edges) > 0)
    ):
        raise OptionError(f"bins must be {allowed}; got {bins!r}")
    return edges


# -- the records ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BrierDecomposition:
    r"""The Brier score split into reliability, resolution and uncertainty (Murphy, 1973).

    With the forecasts in groups k of n\ :sub:`k` forecasts each, f̄\ :sub:`k`
    their mean forecast, ō\ :sub:`k` the share that came true and ō the share
    overall (N forecasts in all)::

        reliability = Σ_k n_k (f̄_k − ō_k)² / N      (0 is best: the words mean what happens)
        resolution  = Σ_k n_k (ō_k − ō)² / N        (larger is better: the words tell apart)
        uncertainty = ō (1 − ō)                     (the events' own, no forecaster's doing)
        brier       = reliability − resolution + uncertainty + within

    When every group holds one forecast value (each word, each distinct
    number), ``within`` is 0 and the identity is exact. When numbers are
    binned, the forecasts inside a bin differ and the identity needs the
    within-bin term of Stephenson, Coelho & Jolliffe (2008),
    ``within = Σ_k Σ_{i∈k} [(f_i − f̄_k)² − 2 (f_i − f̄_k)(o_i − ō_k)] / N``;
    without it, reliability − resolution + uncertainty is only approximately
    the Brier score.

    Parameters
    ----------
    brier : float
        The Brier score, the mean of (forecast − outcome)².
    reliability : float
        The weighted squared distance between each group's mean forecast and
        how often its events came true.
    resolution : float
        The weighted squared distance between each group's frequency and the
        overall frequency.
    uncertainty : float
        ō (1 − ō), with ō the share of the events that came true.
    within : float
        The within-bin term: 0 when the groups are distinct forecast values.
    groups : int
        The number of groups.
    binned : bool
        Whether numbers were grouped in bins (the identity then needs ``within``).

    References
    ----------
    .. [1] Murphy, A. H. (1973). A new vector partition of the probability
       score. Journal of Applied Meteorology, 12(4), 595-600.
    .. [2] Stephenson, D. B., Coelho, C. A. S., & Jolliffe, I. T. (2008). Two
       extra components in the Brier score decomposition. Weather and
       Forecasting, 23(4), 752-757.

    Examples
    --------
    >>> import likelihood as lk
    >>> record = lk.TrackRecord([(0.8, True), (0.8, False), (0.2, False), (0.2, False)])
    >>> d = record.decomposition()
    >>> round(d.reliability, 4), round(d.resolution, 4), round(d.uncertainty, 4)
    (0.065, 0.0625, 0.1875)
    >>> round(d.reliability - d.resolution + d.uncertainty, 4) == round(d.brier, 4)
    True
    """

    brier: float
    reliability: float
    resolution: float
    uncertainty: float
    within: float = 0.0
    groups: int = 0
    binned: bool = False

    def __str__(self) -> str:
        text = (
            f"Brier {self.brier:.4f} = reliability {self.reliability:.4f} "
            f"− resolution {self.resolution:.4f} + uncertainty {self.uncertainty:.4f}"
        )
        if self.binned:
            return text + f" + within-bin {self.within:+.4f} ({self.groups} groups, numbers binned)"
        return text + f" ({self.groups} groups, exact)"


@dataclass(frozen=True, slots=True)
class Recalibration:
    r"""A map of forecasts linear in log-odds: logit p′ = α + β · logit p.

    Fitted by :meth:`TrackRecord.recalibration` by maximum likelihood: the
    logistic regression of the outcomes on the logit of the forecasts. Call it
    on a probability (or a word of the record's scale) to get the recalibrated
    probability.

    * **β > 1**: the analyst was *under-confident* — the events behind their
      words came true (or failed) more decisively than the words said; the map
      pushes forecasts away from 1/2. Mandel & Barnes (2014) found this in
      strategic intelligence forecasts.
    * **β < 1**: over-confident; the map pulls forecasts towards 1/2.
    * **α**: the overall tilt, in log-odds; α > 0 raises every forecast (the
      events happened more often than forecast).

    Parameters
    ----------
    alpha : float
        The intercept α, in log-odds.
    beta : float
        The slope β on the forecast's log-odds.
    se_alpha, se_beta : float
        Their standard errors, from the inverse of the observed Fisher information.
    n : int
        The number of forecasts the map was fitted to.
    scale : Scale or None, optional
        The scale words given to the map are read on (their means).

    References
    ----------
    .. [1] Mandel, D. R., & Barnes, A. (2014). Accuracy of forecasts in
       strategic intelligence. Proceedings of the National Academy of Sciences,
       111(30), 10984-10989.
    .. [2] Cox, D. R. (1958). Two further applications of a model for binary
       regression. Biometrika, 45(3/4), 562-565.

    Examples
    --------
    >>> import likelihood as lk
    >>> fit = lk.Recalibration(alpha=0.0, beta=2.0, se_alpha=0.1, se_beta=0.1, n=100)
    >>> round(fit(0.75), 4)        # odds 3 become 3² = 9
    0.9
    >>> fit.verdict
    'under-confident'
    """

    alpha: float
    beta: float
    se_alpha: float
    se_beta: float
    n: int
    scale: Scale | None = field(default=None, repr=False, compare=False)

    @property
    def verdict(self) -> str:
        """``"under-confident"`` (β > 1), ``"over-confident"`` (β < 1), or ``"neither"``.

        ``"neither"`` when β is within two standard errors of 1.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.Recalibration(0.0, 0.6, 0.1, 0.1, 50).verdict
        'over-confident'
        """
        if abs(self.beta - 1.0) <= 2.0 * self.se_beta:
            return "neither"
        return "under-confident" if self.beta > 1.0 else "over-confident"

    @overload
    def __call__(self, p: float | str) -> float: ...
    @overload
    def __call__(self, p: ArrayLike) -> float | NDArray[np.float64]: ...
    def __call__(self, p: ArrayLike | str) -> float | NDArray[np.float64]:
        """Return the recalibrated probability: expit(α + β · logit p).

        Parameters
        ----------
        p : float, str or array_like
            Probabilities in [0, 1], or a word of the record's scale (read at
            its mean).

        Returns
        -------
        float or numpy.ndarray
            A float for one value, an array of the same shape for an array.
        """
        if isinstance(p, str):
            if self.scale is None:
                raise ScaleError(f"this recalibration has no scale to read the word {p!r} on")
            x = np.asarray(judge(p, scale=self.scale).mean())
        else:
            try:
                x = np.asarray(p, dtype=np.float64)
            except (TypeError, ValueError):
                raise ProbabilityError(
                    f"a recalibration takes probabilities in [0, 1]; got {p!r}"
                ) from None
            if not np.all((x >= 0.0) & (x <= 1.0)):  # also rejects nan
                raise ProbabilityError(f"a recalibration takes probabilities in [0, 1]; got {p!r}")
        with np.errstate(divide="ignore", invalid="ignore"):
            y = special.expit(self.alpha + self.beta * special.logit(x))
        return float(y) if np.ndim(y) == 0 else np.asarray(y, dtype=np.float64)

    def __str__(self) -> str:
        return (
            f"logit p' = {self.alpha:.3f} + {self.beta:.3f} · logit p "
            f"(± {self.se_alpha:.3f}, ± {self.se_beta:.3f}; {self.n} forecasts): {self.verdict}"
        )


@dataclass(frozen=True, slots=True)
class Coherence:
    """A set of judgments of exclusive, exhaustive outcomes made coherent.

    Returned by :func:`coherent`; unpacks as ``probabilities, incoherence``.

    Parameters
    ----------
    probabilities : dict of str to float
        The nearest coherent set: non-negative, summing to 1.
    incoherence : float
        The Euclidean distance from the judgments given to that set (0 when
        they were coherent).
    given : dict of str to float
        The judgments as numbers (words read at their means).

    Examples
    --------
    >>> import likelihood as lk
    >>> probabilities, incoherence = lk.coherent({"a": 0.6, "b": 0.6})
    >>> probabilities, round(incoherence, 4)
    ({'a': 0.5, 'b': 0.5}, 0.1414)
    """

    probabilities: dict[str, float]
    incoherence: float
    given: dict[str, float]

    def __iter__(self) -> Iterator[Any]:
        return iter((self.probabilities, self.incoherence))


@dataclass(frozen=True, slots=True)
class CoherentPool:
    """Several analysts' judgments of exclusive, exhaustive outcomes, pooled by coherence.

    Returned by :func:`pool_coherent`.

    Parameters
    ----------
    probabilities : dict of str to float
        The pool: the weighted average of the analysts' coherent sets.
    weights : tuple of float
        Each analyst's weight, ``1 / (epsilon + incoherence)`` normalised to sum to 1.
    incoherence : tuple of float
        Each analyst's incoherence: the distance from their judgments to their
        coherent set.
    coherent : tuple of dict of str to float
        Each analyst's coherent set.
    analysts : tuple of str or int
        The analysts: their names, or their positions in the list given.
    epsilon : float
        The ε of the weights.

    Examples
    --------
    >>> import likelihood as lk
    >>> pool = lk.pool_coherent([{"a": 0.7, "b": 0.3}, {"a": 0.5, "b": 0.7}], epsilon=0.1)
    >>> pool.coherent[1], round(pool.incoherence[1], 4)      # 0.1 off each: sqrt(0.02)
    ({'a': 0.4, 'b': 0.6}, 0.1414)
    >>> [round(w, 4) for w in pool.weights]                 # 1/0.1 and 1/0.2414, normalised
    [0.7071, 0.2929]
    """

    probabilities: dict[str, float]
    weights: tuple[float, ...]
    incoherence: tuple[float, ...]
    coherent: tuple[dict[str, float], ...]
    analysts: tuple[str | int, ...]
    epsilon: float


# -- the track record -----------------------------------------------------------------------


class TrackRecord:
    """An analyst's track record: resolved forecasts, each a judgment and what happened.

    A judgment is a word of the record's scale (read as the mean of the
    word's judgment on that scale) or a probability in [0, 1] (a number, or a
    string such as ``"0.7"``). An outcome is True/False, 1/0, ``"yes"``/``"no"``
    or ``"true"``/``"false"``.

    Parameters
    ----------
    rows : sequence of tuple or mapping
        Pairs ``(judgment, outcome)``, or mappings with the keys *judgment*
        and *outcome* (such as the rows of a ``csv.DictReader``); any iterable.
    scale : str or Scale, default "phia"
        The probability scale the words are read on.
    judgment, outcome : str, default "judgment", "outcome"
        The keys of a mapping row.

    Raises
    ------
    UnknownTermError
        A word that is not a term of the scale; the message names the row
        (counted from 1), the key and the closest terms.
    ProbabilityError
        A number outside [0, 1] or an outcome that is not true or false; no rows.
    ScaleError
        A scale that is not a probability scale, or a word that says the
        probability cannot be judged.
    JudgmentTypeError
        A row that is neither a pair nor a mapping, a mapping without a key,
        or a judgment of another type.

    See Also
    --------
    coherent : judgments of exclusive outcomes made coherent.

    Examples
    --------
    >>> import likelihood as lk
    >>> record = lk.TrackRecord([("likely", True), ("likely", "yes"), ("unlikely", 0), (0.9, True)])
    >>> record
    TrackRecord(4 forecasts on phia, 3 came true; Brier 0.0865)
    >>> lk.TrackRecord([("likely", True), ("likley", True)])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    likelihood.UnknownTermError: row 2, judgment: 'likley' is not a term of the phia scale; closest: 'likely', ...
    """  # noqa: E501

    __slots__ = ("_forecasts", "_outcomes", "_places", "_scale", "_words")

    def __init__(
        self,
        rows: Iterable[Any],
        /,
        *,
        scale: str | Scale = DEFAULT_SCALE,
        judgment: str = "judgment",
        outcome: str = "outcome",
    ) -> None:
        if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
            raise JudgmentTypeError(
                "a track record takes rows (judgment, outcome) or mappings; "
                f"got {rows!r} ({type(rows).__name__})"
            )
        judgments: list[Any] = []
        outcomes: list[Any] = []
        places: list[str] = []
        for i, row in enumerate(rows, start=1):
            place = f"row {i}"
            with located(place):
                if isinstance(row, Mapping):
                    for key in (judgment, outcome):
                        if key not in row:
                            shown = ", ".join(map(repr, row)) or "none"
                            raise JudgmentTypeError(f"no key {key!r}; the row has {shown}")
                    first, second = row[judgment], row[outcome]
                elif isinstance(row, Sequence | np.ndarray) and not isinstance(row, str | bytes):
                    if len(row) != 2:
                        raise JudgmentTypeError(
                            f"a row is a pair (judgment, outcome); got {len(row)} values: {row!r}"
                        )
                    first, second = row[0], row[1]
                else:
                    raise JudgmentTypeError(
                        "a row is a pair (judgment, outcome) or a mapping; "
                        f"got {row!r} ({type(row).__name__})"
                    )
            judgments.append(first)
            outcomes.append(second)
            places.append(place)
        self._read(judgments, outcomes, places, (judgment, outcome), scale)

    def _read(
        self,
        judgments: Sequence[Any],
        outcomes: Sequence[Any],
        places: Sequence[str],
        columns: tuple[str, str],
        scale: str | Scale,
    ) -> None:
        """Read the columns into the record; every error names its place and column."""
        reader = _Reader(get_scale(scale))
        if not places:
            raise ProbabilityError("a track record needs at least one resolved forecast; got none")
        forecasts: list[float] = []
        words: list[str | None] = []
        happened: list[bool] = []
        for place, value, result in zip(places, judgments, outcomes, strict=True):
            with located(place, columns[0]):
                p, word = reader(value)
            with located(place, columns[1]):
                hit = _outcome(result)
            forecasts.append(p)
            words.append(word)
            happened.append(hit)
        self._scale = reader.scale
        self._forecasts = np.asarray(forecasts, dtype=np.float64)
        self._outcomes = np.asarray(happened, dtype=bool)
        self._words = tuple(words)
        self._places = tuple(places)

    @classmethod
    def from_csv(
        cls,
        path: str | Path,
        *,
        judgment: str = "judgment",
        outcome: str = "outcome",
        scale: str | Scale = DEFAULT_SCALE,
        delimiter: str = ",",
    ) -> TrackRecord:
        r"""Read a track record from a CSV file with a header row.

        Parameters
        ----------
        path : str or pathlib.Path
            The file (UTF-8, a byte-order mark allowed).
        judgment, outcome : str, default "judgment", "outcome"
            The columns holding the judgments and the outcomes.
        scale : str or Scale, default "phia"
            The probability scale the words are read on.
        delimiter : str, default ","
            The character between fields.

        Returns
        -------
        TrackRecord

        Raises
        ------
        OptionError
            A column that the file does not have (the message lists its columns).
        UnknownTermError, ProbabilityError, ScaleError
            As for :class:`TrackRecord`; the message names the file, the line
            and the column.
        OSError
            A file that cannot be read.

        Examples
        --------
        >>> import pathlib, tempfile, likelihood as lk
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "record.csv")
        ...     _ = path.write_text("judgment,outcome\nlikely,yes\n0.2,no\nlikley,no\n")
        ...     lk.TrackRecord.from_csv(path)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        likelihood.UnknownTermError: .../record.csv, line 4, judgment: 'likley' is not a term ...
        """
        shown = str(path)
        with open(path, encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file, delimiter=delimiter)
            header = list(reader.fieldnames or [])
            for key, what in ((judgment, "judgment"), (outcome, "outcome")):
                if key not in header:
                    listed = ", ".join(map(repr, header)) or "none"
                    raise OptionError(
                        f"{what}={key!r} names no column of {shown}; its columns: {listed}"
                    )
            judgments: list[Any] = []
            outcomes: list[Any] = []
            places: list[str] = []
            for row in reader:
                judgments.append(row[judgment])
                outcomes.append(row[outcome])
                places.append(f"{shown}, line {reader.line_num}")
        record = cls.__new__(cls)
        record._read(judgments, outcomes, places, (judgment, outcome), scale)
        return record

    @classmethod
    def from_frame(
        cls,
        frame: Any,
        *,
        judgment: str = "judgment",
        outcome: str = "outcome",
        scale: str | Scale = DEFAULT_SCALE,
    ) -> TrackRecord:
        """Read a track record from a data frame (a ``pandas.DataFrame`` or alike).

        The frame is read through ``frame.columns``, ``frame[column].tolist()``
        and ``frame.index``; pandas is not imported.

        Parameters
        ----------
        frame : object
            A data frame with the two columns.
        judgment, outcome : str, default "judgment", "outcome"
            The columns holding the judgments and the outcomes.
        scale : str or Scale, default "phia"
            The probability scale the words are read on.

        Returns
        -------
        TrackRecord

        Raises
        ------
        OptionError
            A column that the frame does not have.
        JudgmentTypeError
            An object that is not a data frame.
        UnknownTermError, ProbabilityError, ScaleError
            As for :class:`TrackRecord`; the message names the row by its index
            label, and the column.

        Examples
        --------
        >>> import pandas as pd, likelihood as lk
        >>> frame = pd.DataFrame({"said": ["likely", "unlikely", "likely"], "happened": [1, 0, 1]})
        >>> lk.TrackRecord.from_frame(frame, judgment="said", outcome="happened")
        TrackRecord(3 forecasts on phia, 2 came true; Brier 0.1119)
        """
        columns = getattr(frame, "columns", None)
        if columns is None or not hasattr(frame, "__getitem__"):
            raise JudgmentTypeError(
                "from_frame takes a data frame (pandas.DataFrame or alike); "
                f"got {type(frame).__name__}"
            )
        names = list(columns)
        for key, what in ((judgment, "judgment"), (outcome, "outcome")):
            if key not in names:
                listed = ", ".join(map(repr, names)) or "none"
                raise OptionError(
                    f"{what}={key!r} names no column of the frame; its columns: {listed}"
                )
        judgments = list(frame[judgment].tolist())
        outcomes = list(frame[outcome].tolist())
        index = getattr(frame, "index", None)
        labels = list(index) if index is not None else list(range(len(judgments)))
        record = cls.__new__(cls)
        record._read(
            judgments, outcomes, [f"index {label}" for label in labels], (judgment, outcome), scale
        )
        return record

    # -- what it holds ----------------------------------------------------------------------

    @property
    def scale(self) -> Scale:
        """The scale the words were read on."""
        return self._scale

    @property
    def forecasts(self) -> NDArray[np.float64]:
        """Each forecast as a probability (a word at its mean on the scale); a copy."""
        return self._forecasts.copy()

    @property
    def outcomes(self) -> NDArray[np.bool_]:
        """Whether each forecast event happened; a copy."""
        return self._outcomes.copy()

    @property
    def words(self) -> tuple[str | None, ...]:
        """Each forecast's term (its published name), or ``None`` for a number."""
        return self._words

    def __len__(self) -> int:
        return len(self._words)

    def __repr__(self) -> str:
        return (
            f"TrackRecord({len(self)} forecasts on {self._scale.name}, "
            f"{int(self._outcomes.sum())} came true; Brier {self.brier():.4f})"
        )

    # -- scores ----------------------------------------------------------------------------------

    def brier(self) -> float:
        """Return the Brier score: the mean of (forecast − outcome)², 0 best, 1 worst.

        Returns
        -------
        float
            Always forecasting 1/2 scores 0.25.

        References
        ----------
        .. [1] Brier, G. W. (1950). Verification of forecasts expressed in terms
           of probability. Monthly Weather Review, 78(1), 1-3.

        Examples
        --------
        >>> import likelihood as lk
        >>> round(lk.TrackRecord([(0.8, True), (0.3, False)]).brier(), 6)  # (0.2² + 0.3²) / 2
        0.065
        """
        return float(np.mean((self._forecasts - self._outcomes) ** 2))

    def log_score(self) -> float:
        """Return the log score: the mean natural log of the probability given to what happened.

        The score is at most 0 (every event forecast with certainty and right);
        higher is better. It is in nats (natural logarithm): divide by ln 2 for
        bits. No forecast is clipped: a forecast of 0 for an event that happened
        (or of 1 for one that did not) scores ``-inf``, and so does the record.

        Returns
        -------
        float

        References
        ----------
        .. [1] Good, I. J. (1952). Rational decisions. Journal of the Royal
           Statistical Society, Series B, 14(1), 107-114.

        Examples
        --------
        >>> import math, likelihood as lk
        >>> score = lk.TrackRecord([(0.8, True), (0.3, False)]).log_score()
        >>> round(score, 12) == round((math.log(0.8) + math.log(0.7)) / 2, 12)
        True
        >>> lk.TrackRecord([(1.0, False), (0.5, True)]).log_score()
        -inf
        """
        with np.errstate(divide="ignore"):
            logs = np.where(self._outcomes, np.log(self._forecasts), np.log1p(-self._forecasts))
        return float(np.mean(logs))

    # -- groups -------------------------------------------------------------------------------

    def _groups(self, bins: Any) -> list[_Group]:
        """Return the forecasts by word, then by distinct number (or bin), by forecast."""
        groups: list[tuple[float, int, _Group]] = []
        words = np.asarray([w if w is not None else "" for w in self._words], dtype=object)
        for term in self._scale.terms:
            index = np.flatnonzero(words == term.name)
            if index.size:
                group = _Group(term.name, "word", index, term.range)
                groups.append((float(self._forecasts[index[0]]), 0, group))
        numbers = np.flatnonzero(words == "")
        values = self._forecasts[numbers]
        if bins is None:
            for value in np.unique(values):
                index = numbers[values == value]
                groups.append((float(value), 1, _Group(f"{value:g}", "number", index, None)))
        else:
            edges = _edges(bins)
            slot = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, edges.size - 2)
            for k in np.unique(slot):
                index = numbers[slot == k]
                lo, hi = float(edges[k]), float(edges[k + 1])
                close = "]" if k == edges.size - 2 else ")"
                group = _Group(f"[{lo:g}, {hi:g}{close}", "bin", index, (lo, hi))
                groups.append((float(np.mean(self._forecasts[index])), 1, group))
        groups.sort(key=lambda item: (item[0], item[1]))
        return [g for _, _, g in groups]

    def decomposition(self, bins: int | Sequence[float] | None = None) -> BrierDecomposition:
        """Return the Murphy (1973) decomposition of the Brier score.

        Each word is one group (its forecast is the word's mean on the scale);
        numbers are grouped by value, so that the identity
        brier = reliability − resolution + uncertainty holds exactly. With
        *bins*, numbers are grouped in bins instead: the forecasts in a bin
        differ, the identity then holds only approximately, and the record
        reports the within-bin term that closes it (see
        :class:`BrierDecomposition`).

        Parameters
        ----------
        bins : int or sequence of float, optional
            A number of equal bins on [0, 1], or the bins' edges (increasing,
            from 0 to 1; a bin holds its lower edge, the last both).

        Returns
        -------
        likelihood.BrierDecomposition

        Raises
        ------
        OptionError
            Bins that are not a positive count or increasing edges from 0 to 1.

        References
        ----------
        .. [1] Murphy, A. H. (1973). A new vector partition of the probability
           score. Journal of Applied Meteorology, 12(4), 595-600.

        Examples
        --------
        >>> import likelihood as lk
        >>> record = lk.TrackRecord([(0.12, False), (0.18, True), (0.9, True)])
        >>> print(record.decomposition())
        Brier 0.2323 = reliability 0.2323 − resolution 0.2222 + uncertainty 0.2222 (3 groups, exact)
        >>> print(record.decomposition(bins=5))
        Brier 0.2323 = reliability 0.0850 − resolution 0.0556 + uncertainty 0.2222 + within-bin -0.0194 (2 groups, numbers binned)
        """  # noqa: E501
        f, o = self._forecasts, self._outcomes.astype(np.float64)
        n = f.size
        base = float(o.mean())
        reliability = resolution = within = 0.0
        groups = self._groups(bins)
        for g in groups:
            fg, og = f[g.index], o[g.index]
            mean_f, mean_o = float(fg.mean()), float(og.mean())
            reliability += g.index.size * (mean_f - mean_o) ** 2
            resolution += g.index.size * (mean_o - base) ** 2
            if g.kind == "bin":
                within += float(np.sum((fg - mean_f) ** 2 - 2.0 * (fg - mean_f) * (og - mean_o)))
        return BrierDecomposition(
            brier=self.brier(),
            reliability=reliability / n,
            resolution=resolution / n,
            uncertainty=base * (1.0 - base),
            within=within / n,
            groups=len(groups),
            binned=any(g.kind == "bin" for g in groups),
        )

    def calibration(
        self, bins: int | Sequence[float] | None = None, confidence: float = 0.9
    ) -> Table:
        """Return how often each word (or number, or bin) came true, with a Jeffreys interval.

        Parameters
        ----------
        bins : int or sequence of float, optional
            Group the numbers in bins (a count of equal bins, or edges from 0
            to 1) instead of by value; words are always grouped by word.
        confidence : float, default 0.9
            The share of the interval.

        Returns
        -------
        Table
            One row per group, by forecast: ``judgment`` (the word, the number
            or the bin), ``n``, ``hits``, ``forecast`` (the mean forecast),
            ``observed`` (hits / n), and ``low``, ``high``: the central interval
            of Beta(hits + 1/2, misses + 1/2), the posterior of the frequency
            under the Jeffreys prior. Rows also hold ``kind`` (``"word"``,
            ``"number"`` or ``"bin"``) and ``range`` (a word's published range,
            a bin's edges). ``info`` holds ``confidence``, ``brier`` and ``n``.

        Raises
        ------
        OptionError
            Bins that are not a positive count or increasing edges from 0 to 1.
        ProbabilityError
            A confidence outside (0, 1].

        References
        ----------
        .. [1] Brown, L. D., Cai, T. T., & DasGupta, A. (2001). Interval
           estimation for a binomial proportion. Statistical Science, 16(2),
           101-133 (the Jeffreys interval).

        Examples
        --------
        >>> import likelihood as lk
        >>> rows = [("likely", True)] * 9 + [("likely", False)] + [("unlikely", False)] * 4
        >>> print(lk.TrackRecord(rows).calibration())
        Calibration of 14 forecasts on phia: how often each came true (90 % Jeffreys interval)
        judgment  n   hits  forecast  observed  low       high
        unlikely  4   0     0.300     0.000     4.62e-04  0.362
        likely    10  9     0.649     0.900     0.669     0.982
        """
        level = check_confidence(confidence)
        rows = []
        for g in self._groups(bins):
            hits = int(self._outcomes[g.index].sum())
            n = int(g.index.size)
            lo, hi = stats.beta.interval(level, hits + _JEFFREYS, n - hits + _JEFFREYS)
            rows.append(
                {
                    "judgment": g.label,
                    "n": n,
                    "hits": hits,
                    "forecast": float(self._forecasts[g.index].mean()),
                    "observed": hits / n,
                    "low": float(lo),
                    "high": float(hi),
                    "kind": g.kind,
                    "range": g.span,
                }
            )
        shown = f"{level:.0%}".replace("%", " %")
        table = Table(
            ["judgment", "n", "hits", "forecast", "observed", "low", "high"],
            rows,
            title=(
                f"Calibration of {len(self)} forecasts on {self._scale.name}: "
                f"how often each came true ({shown} Jeffreys interval)"
            ),
        )
        table.info.update(confidence=level, brier=self.brier(), n=len(self))
        return table

    def recalibration(self) -> Recalibration:
        r"""Fit the map logit p′ = α + β · logit p that best recalibrates these forecasts.

        The maximum-likelihood logistic regression of the outcomes on the
        log-odds of the forecasts (Newton's method on the exact log-likelihood,
        no penalty). β > 1 means the analyst was under-confident — their words
        should have been more extreme — as Mandel & Barnes (2014) found of
        strategic intelligence forecasts; β < 1 over-confident. The map is
        returned, not applied: call it on a forecast to recalibrate it.

        Returns
        -------
        likelihood.Recalibration

        Raises
        ------
        ProbabilityError
            A forecast of exactly 0 or 1 (its log-odds are infinite); the
            message names the rows.
        FitError
            When no maximum exists: fewer than two distinct forecasts, outcomes
            all alike, or forecasts that separate the outcomes completely (every
            event above some forecast happened, every one below did not).

        References
        ----------
        .. [1] Cox, D. R. (1958). Two further applications of a model for
           binary regression. Biometrika, 45(3/4), 562-565.
        .. [2] Mandel, D. R., & Barnes, A. (2014). Accuracy of forecasts in
           strategic intelligence. Proceedings of the National Academy of
           Sciences, 111(30), 10984-10989.

        Examples
        --------
        >>> import likelihood as lk
        >>> rows = ([("likely", True)] * 45 + [("likely", False)] * 5
        ...         + [("unlikely", True)] * 5 + [("unlikely", False)] * 45)
        >>> fit = lk.TrackRecord(rows).recalibration()
        >>> round(fit.alpha, 3), round(fit.beta, 3), fit.verdict
        (0.345, 3.003, 'under-confident')
        >>> round(fit("likely"), 3), round(fit("unlikely"), 3)
        (0.9, 0.1)
        """
        f, o = self._forecasts, self._outcomes
        ends = np.flatnonzero((f <= 0.0) | (f >= 1.0))
        if ends.size:
            shown = "; ".join(self._places[i] for i in ends[:5])
            shown += "; ..." if ends.size > 5 else ""
            raise ProbabilityError(
                "recalibration needs forecasts strictly between 0 and 1 (the log-odds of 0 "
                f"and 1 are infinite); these forecast 0 or 1: {shown}"
            )
        x = special.logit(f)
        if np.unique(x).size < 2:
            raise FitError("recalibration needs forecasts of at least two different values")
        if o.all() or not o.any():
            what = "came true" if o.all() else "failed"
            raise FitError(f"recalibration needs hits and misses; every event {what}")
        if x[~o].max() <= x[o].min() or x[o].max() <= x[~o].min():
            raise FitError(
                "the forecasts separate the outcomes completely (every event above some "
                "forecast went one way, every event below the other): the best fit has an "
                "infinite slope; more forecasts are needed"
            )
        (alpha, beta), covariance = _logistic(x, o.astype(np.float64))
        return Recalibration(
            alpha=alpha,
            beta=beta,
            se_alpha=math.sqrt(covariance[0, 0]),
            se_beta=math.sqrt(covariance[1, 1]),
            n=len(self),
            scale=self._scale,
        )

    def personal_scale(self, name: str | None = None) -> Scale:
        """Return the analyst's own scale: each word's judgment updated by what it produced.

        Each word used is the scale's judgment Beta(a, b) updated with the
        hits h and misses m it produced — the conjugate closed form
        Beta(a + h, b + m) — and its range becomes the central 90 % (the
        scale's ``mass``) of that Beta. Words never used keep their judgment
        and range, and so do words that are single numbers (no data moves a
        point). Read words on it as on any scale: ``lk.judge("likely",
        scale=personal)``, ``lk.Model(scale=personal)``.

        Parameters
        ----------
        name : str, optional
            The new scale's name; ``"personal <scale>"`` by default.

        Returns
        -------
        Scale

        References
        ----------
        .. [1] Gelman, A., Carlin, J. B., Stern, H. S., Dunson, D. B., Vehtari,
           A., & Rubin, D. B. (2013). Bayesian Data Analysis (3rd ed.), section
           2.4 (the conjugate Beta-binomial update).

        Examples
        --------
        >>> import likelihood as lk
        >>> rows = [("likely", True)] * 9 + [("likely", False)]
        >>> personal = lk.TrackRecord(rows).personal_scale()
        >>> a, b = lk.judge("likely").beta
        >>> lk.judge("likely", scale=personal).beta == (a + 9, b + 1)
        True
        >>> lk.judge("unlikely", scale=personal).beta == lk.judge("unlikely").beta
        True
        """
        sc = self._scale
        o = self._outcomes
        terms: list[Term] = []
        for term in sc.terms:
            used = np.asarray([w == term.name for w in self._words], dtype=bool)
            hits, misses = int(o[used].sum()), int((~o[used]).sum())
            before = judge(term.name, scale=sc) if used.any() else None
            if before is None or before.beta is None:
                terms.append(term)
                continue
            a, b = before.beta
            after = (a + hits, b + misses)
            lo, hi = stats.beta.interval(sc.mass, *after)
            note = (
                f"{term.name!r} of {sc.name}, Beta({a:.4g}, {b:.4g}), updated with {hits} hits "
                f"and {misses} misses: Beta({after[0]:.4g}, {after[1]:.4g})"
            )
            terms.append(
                replace(
                    term,
                    lower=float(lo),
                    upper=float(hi),
                    lower_open=False,
                    upper_open=False,
                    approximate=False,
                    centre=None,
                    spread=None,
                    beta=after,
                    note=note,
                )
            )
        how = (
            f"each word's judgment on {sc.name} updated by the {len(self)} forecasts of a track "
            "record: Beta(a + hits, b + misses); its range is the central "
            f"{sc.mass:.0%} of that Beta".replace("%", " %")
        )
        return Scale(
            name if name is not None else f"personal {sc.name}",
            f"{sc.title}, as one analyst's track record reads it",
            terms,
            kind="probability",
            citation=sc.citation,
            url=sc.url,
            issuer=sc.issuer,
            edition=sc.edition,
            licence=sc.licence,
            reference=sc.reference,
            verified_from=sc.verified_from,
            notes=(*sc.notes, how),
            mass=sc.mass,
            describe_rule=sc.describe_rule,
        )

    def plot_calibration(self, ax: Any = None, bins: int | Sequence[float] | None = None) -> Any:
        """Plot the calibration: how often each word came true against what it said.

        Each word (number, bin) is a point at its forecast and observed
        frequency, its area by how often it was used, with the 90 % Jeffreys
        interval as a vertical bar and a word's published range as a
        horizontal one; the diagonal is perfect calibration, and the fitted
        :meth:`recalibration` is drawn when it exists.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure otherwise.
        bins : int or sequence of float, optional
            Group the numbers in bins, as :meth:`calibration` does.

        Returns
        -------
        matplotlib.axes.Axes

        Examples
        --------
        >>> import likelihood as lk
        >>> rows = [("likely", True)] * 9 + [("likely", False)] + [("unlikely", False)] * 4
        >>> ax = lk.TrackRecord(rows).plot_calibration()
        >>> sorted(c.get_gid() for c in ax.collections if (c.get_gid() or "").startswith("word"))
        ['word:likely', 'word:unlikely']
        """
        from likelihood._view.plots import plot_calibration

        return plot_calibration(self, ax, bins)


def _logistic(
    x: NDArray[np.float64], y: NDArray[np.float64]
) -> tuple[tuple[float, float], NDArray[np.float64]]:
    """Fit P(y = 1) = expit(α + β x) by Newton's method; return (α, β) and their covariance."""
    design = np.column_stack([np.ones_like(x), x])

    def loss(theta: NDArray[np.float64]) -> float:
        eta = design @ theta
        return float(np.sum(np.logaddexp(0.0, eta) - y * eta))

    theta = np.zeros(2)
    current = loss(theta)
    for _ in range(200):
        p = special.expit(design @ theta)
        gradient = design.T @ (y - p)
        hessian = design.T @ (design * (p * (1.0 - p))[:, None])
        step = np.linalg.solve(hessian, gradient)
        size = 1.0
        while True:
            trial = theta + size * step
            value = loss(trial)
            if value <= current or size < 1e-10:
                break
            size /= 2.0
        theta, current = trial, value
        if np.max(np.abs(size * step)) < 1e-12:
            break
    else:
        raise FitError("the recalibration did not converge in 200 Newton steps")
    p = special.expit(design @ theta)
    hessian = design.T @ (design * (p * (1.0 - p))[:, None])
    return (float(theta[0]), float(theta[1])), np.linalg.inv(hessian)


# -- coherence ------------------------------------------------------------------------------


def _simplex(v: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return the Euclidean projection of *v* onto the probability simplex."""
    u = np.sort(v)[::-1]
    excess = np.cumsum(u) - 1.0
    k = np.arange(1, v.size + 1)
    kept = u - excess / k > 0
    rho = int(k[kept][-1])
    shift = excess[rho - 1] / rho
    return np.asarray(np.maximum(v - shift, 0.0), dtype=np.float64)


def _read_set(judgments: Any, sc: Scale) -> dict[str, float]:
    """Read a mapping {outcome: judgment} as numbers: words and judgments at their means."""
    if not isinstance(judgments, Mapping):
        raise JudgmentTypeError(
            "judgments of exclusive, exhaustive outcomes are a mapping {outcome: judgment}; "
            f"got {judgments!r} ({type(judgments).__name__})"
        )
    if len(judgments) < 2:
        raise ProbabilityError(
            "exclusive, exhaustive outcomes need at least two; "
            f"got {len(judgments)}: {dict(judgments)!r}"
        )
    numbers: dict[str, float] = {}
    for key, value in judgments.items():
        with located(key):
            numbers[key] = judge(value, scale=sc).mean()
    return numbers


def _coherence(numbers: dict[str, float]) -> Coherence:
    v = np.asarray(list(numbers.values()), dtype=np.float64)
    # judgments that sum to 1 up to rounding (0.6 + 0.3 + 0.1) are coherent as they are
    c = v if abs(math.fsum(v) - 1.0) <= 1e-12 else _simplex(v)
    return Coherence(
        probabilities={k: float(x) for k, x in zip(numbers, c, strict=True)},
        incoherence=float(np.linalg.norm(v - c)),
        given=dict(numbers),
    )


def coherent(judgments: Mapping[str, Any], /, *, scale: str | Scale = DEFAULT_SCALE) -> Coherence:
    r"""Return the coherent judgments nearest to a set of exclusive, exhaustive outcomes.

    Probabilities of outcomes that exclude each other and cover every case
    must be non-negative and sum to 1. Judgments that do not (``{"a": 0.5,
    "b": 0.4, "c": 0.3}`` sums to 1.2) are replaced by the nearest set that
    does, in Euclidean distance: the projection onto the probability simplex.
    When no outcome falls below 0 this is the closed form
    :math:`p_i - (\sum_j p_j - 1)/k` (the excess shared equally among the k
    outcomes); otherwise the outcomes that would fall below 0 are set to 0
    and the excess is shared among the others. The distance moved is the
    incoherence.

    Parameters
    ----------
    judgments : mapping
        ``{outcome: judgment}``: numbers, words of *scale* (read at their
        means) or anything :func:`judge` accepts (read at its mean).
    scale : str or Scale, default "phia"
        The scale words are read on.

    Returns
    -------
    likelihood.Coherence
        The coherent set and the incoherence; it unpacks as
        ``probabilities, incoherence``.

    Raises
    ------
    ProbabilityError
        Fewer than two outcomes, or a number outside [0, 1] (the message names
        the outcome).
    UnknownTermError
        A word that is not a term of the scale.
    JudgmentTypeError
        Judgments that are not a mapping.

    See Also
    --------
    pool_coherent : several analysts pooled, the coherent ones weighted more.

    References
    ----------
    .. [1] Osherson, D., & Vardi, M. Y. (2006). Aggregating disparate estimates
       of chance. Games and Economic Behavior, 56(1), 148-173 (the coherent
       approximation: the nearest coherent judgments).
    .. [2] Duchi, J., Shalev-Shwartz, S., Singer, Y., & Chandra, T. (2008).
       Efficient projections onto the l1-ball for learning in high dimensions.
       Proceedings of the 25th International Conference on Machine Learning,
       272-279 (the projection onto the simplex).

    Examples
    --------
    >>> import likelihood as lk
    >>> probabilities, incoherence = lk.coherent({"a": 0.5, "b": 0.4, "c": 0.3})
    >>> {k: round(p, 4) for k, p in probabilities.items()}, round(incoherence, 4)
    ({'a': 0.4333, 'b': 0.3333, 'c': 0.2333}, 0.1155)
    >>> lk.coherent({"talks": "likely", "no talks": "likely"}).probabilities
    {'talks': 0.5, 'no talks': 0.5}
    """
    return _coherence(_read_set(judgments, get_scale(scale)))


def pool_coherent(
    analysts: Sequence[Mapping[str, Any]] | Mapping[Any, Mapping[str, Any]],
    /,
    *,
    epsilon: float = DEFAULT_EPSILON,
    scale: str | Scale = DEFAULT_SCALE,
) -> CoherentPool:
    r"""Pool several analysts' judgments of exclusive, exhaustive outcomes, weighted by coherence.

    Following Karvetski, Olson, Mandel & Twardy (2013), each analyst's
    judgments are first made coherent (:func:`coherent`); the analyst's
    incoherence :math:`IM_i` is the Euclidean distance that took. The coherent
    sets are then averaged with the weights

    .. math:: w_i = \frac{1 / (\varepsilon + IM_i)}{\sum_j 1 / (\varepsilon + IM_j)}

    so that an analyst whose judgments were coherent counts most. ε > 0 keeps
    a perfectly coherent analyst's weight finite and sets how much a small
    incoherence matters: with ε large the weights tend to equal ones; with ε
    small an analyst who was coherent dominates. Its default, 0.01, is this
    library's choice, not a published constant. Fan, Budescu & Mandel (2019)
    compare other weighting functions of the incoherence.

    The pool is coherent: an average of coherent sets is one.

    Parameters
    ----------
    analysts : sequence of mapping, or mapping of mapping
        Each analyst's ``{outcome: judgment}`` (as :func:`coherent` takes
        them), all over the same outcomes; a mapping ``{name: judgments}``
        names the analysts.
    epsilon : float, default 0.01
        The ε of the weights, a number greater than 0.
    scale : str or Scale, default "phia"
        The scale words are read on.

    Returns
    -------
    likelihood.CoherentPool

    Raises
    ------
    ProbabilityError
        No analysts; analysts who judge different outcomes; an ε that is not a
        positive number; and the errors of :func:`coherent` (the message names
        the analyst and the outcome).

    References
    ----------
    .. [1] Karvetski, C. W., Olson, K. C., Mandel, D. R., & Twardy, C. R.
       (2013). Probabilistic coherence weighting for optimizing expert
       forecasts. Decision Analysis, 10(4), 305-326.
    .. [2] Fan, Y., Budescu, D. V., Mandel, D. R., & Himmelstein, M. (2019).
       Improving accuracy by coherence weighting of direct and ratio
       probability judgments. Decision Analysis, 16(3), 197-217.

    Examples
    --------
    >>> import likelihood as lk
    >>> pool = lk.pool_coherent({"ana": {"a": 0.6, "b": 0.4}, "ben": {"a": 0.9, "b": 0.5}})
    >>> {k: round(p, 4) for k, p in pool.probabilities.items()}
    {'a': 0.6033, 'b': 0.3967}
    >>> [round(w, 4) for w in pool.weights], [round(x, 4) for x in pool.incoherence]
    ([0.967, 0.033], [0.0, 0.2828])
    """
    weight_floor = check_positive(epsilon, "epsilon")
    sc = get_scale(scale)
    given: Any = analysts  # checked here, whatever the annotation says
    if isinstance(given, Mapping):
        names: list[str | int] = list(given)
        sets = list(given.values())
    elif isinstance(given, Sequence) and not isinstance(given, str | bytes):
        names = list(range(len(given)))
        sets = list(given)
    else:
        raise JudgmentTypeError(
            "pool_coherent takes a list of analysts' judgments {outcome: judgment}, or a "
            f"mapping {{name: judgments}}; got {analysts!r} ({type(analysts).__name__})"
        )
    if not sets:
        raise ProbabilityError("pool_coherent needs at least one analyst; got none")
    results: list[Coherence] = []
    for name, judgments in zip(names, sets, strict=True):
        with located(f"analyst {name}"):
            numbers = _read_set(judgments, sc)
            if results and set(numbers) != set(results[0].given):
                first = ", ".join(map(repr, results[0].given))
                raise ProbabilityError(
                    f"judges the outcomes {', '.join(map(repr, numbers))}; analyst {names[0]} "
                    f"judges {first}: the analysts must judge the same outcomes"
                )
        results.append(_coherence(numbers))
    outcomes = list(results[0].given)
    raw = np.asarray([1.0 / (weight_floor + r.incoherence) for r in results])
    weights = raw / raw.sum()
    table = np.asarray([[r.probabilities[k] for k in outcomes] for r in results])
    pooled = weights @ table
    return CoherentPool(
        probabilities={k: float(p) for k, p in zip(outcomes, pooled, strict=True)},
        weights=tuple(float(w) for w in weights),
        incoherence=tuple(r.incoherence for r in results),
        coherent=tuple(r.probabilities for r in results),
        analysts=tuple(names),
        epsilon=weight_floor,
    )
