"""Exceptions and warnings raised by likelihood.

Every error the library raises on purpose derives from :class:`LikelihoodError`
and from the built-in exception that a Python programmer would expect, so that
``except KeyError`` and ``except likelihood.LikelihoodError`` both work::

    LikelihoodError                                 base class
    ├── UnknownScaleError (KeyError)                a scale name that is not built in
    ├── UnknownTermError (KeyError)                 a word that is not a term of the scale
    ├── UnknownNodeError (KeyError)                 a node name that is not in the model
    ├── ProbabilityError (ValueError)               a probability, interval, quantile table,
    │                                               count or weight vector that is not valid
    ├── OptionError (ValueError)                    an option outside its allowed values
    ├── ScaleError (ValueError)                     a scale that cannot do what was asked
    │   └── ScaleDefinitionError                    a user-defined scale that is malformed
    ├── ModelError (ValueError)                     a model that is not well defined
    │   ├── ConditionError                          a condition that cannot be read, or
    │   │                                           condition rows missing or given twice
    │   ├── CycleError                              parents that form a cycle (printed)
    │   └── StateError                              a state the node does not have
    ├── EvidenceError (ValueError)                  evidence impossible under every draw
    ├── ModelFileError (ValueError)                 a file that cannot be read as a model
    │                                               (names the file, table, key and line)
    ├── JudgmentTypeError (TypeError)               a value that cannot become a judgment
    └── FitError (RuntimeError)                     a distribution fit that did not converge

    LikelihoodWarning (UserWarning)                 base class of the library's warnings
    ├── ACHWarning                                  ACH hypotheses that are not exclusive
    ├── EffectiveSampleSizeWarning                  too few effective draws for a band
    ├── NormalisationWarning                        a table whose entries do not sum to 1,
    │                                               normalised per draw
    ├── PoolWarning                                 a log pool that is one exact number
    ├── SamplerWarning                              the PyMC sampler may not have converged
    ├── ScaleWarning                                a judgment read on another scale than
    │                                               the model's
    └── UpdateWarning                               data that cannot move an exact number

Messages name the argument, what is allowed and what was received; an unknown
term comes with the closest known terms. A warning says what the library chose
for the analyst and why; each has its own category, so that a program can
filter one (``warnings.filterwarnings("ignore", category=lk.ScaleWarning)``) or
turn it into an error.

An error found inside a model carries where it was found as
:attr:`LikelihoodError.where` (``("negotiations", "given", "talks")``), printed
before the message (``negotiations, given['talks']: ...``). The code that reads
a value says where it is with :func:`located`, which fills ``where`` on any
error raised inside it.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from contextvars import ContextVar
from types import TracebackType

__all__ = [
    "ACHWarning",
    "AccuracyWarning",
    "ConditionError",
    "CycleError",
    "EffectiveSampleSizeWarning",
    "EvidenceError",
    "FitError",
    "JudgmentTypeError",
    "LikelihoodError",
    "LikelihoodWarning",
    "ModelError",
    "ModelFileError",
    "NormalisationWarning",
    "OptionError",
    "PoolWarning",
    "ProbabilityError",
    "SamplerWarning",
    "ScaleDefinitionError",
    "ScaleError",
    "ScaleWarning",
    "StateError",
    "UnknownNodeError",
    "UnknownScaleError",
    "UnknownTermError",
    "UpdateWarning",
    "format_path",
    "located",
    "warn",
]

#: The package's directory: a warning points at the first caller outside it.
_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep
#: Where the code works now, outermost first: the places of the enclosing :func:`located`.
_PLACE: ContextVar[tuple[str | int, ...]] = ContextVar("likelihood_place", default=())


class LikelihoodError(Exception):
    """Base class of every error raised by likelihood.

    Parameters
    ----------
    *args : object
        The message (one string): what went wrong, without where.
    where : sequence of str or int, optional
        Where it went wrong, outermost first.

    Attributes
    ----------
    where : tuple of str or int
        Where the error was found, outermost first: the node (or ``"source
        NAME"``), the argument or key, then the keys and positions inside it;
        ``("negotiations", "given", "talks")`` is the row ``"talks"`` of the
        table ``given`` of the node ``negotiations``. Empty when the message
        says it all. Printed before the message::

            negotiations, given['talks']: value must be a probability, ...

    Examples
    --------
    >>> from likelihood._exceptions import ProbabilityError
    >>> error = ProbabilityError("value must be a probability; got 1.7", where=("h", "prior"))
    >>> error.where, error.message
    (('h', 'prior'), 'value must be a probability; got 1.7')
    >>> print(error)
    h, prior: value must be a probability; got 1.7
    """

    where: tuple[str | int, ...] = ()

    def __init__(self, *args: object, where: Sequence[str | int] = ()) -> None:
        super().__init__(*args)
        self.where = tuple(where)

    @property
    def message(self) -> str:
        """The message without its location."""
        return str(self.args[0]) if len(self.args) == 1 else super().__str__()

    def __str__(self) -> str:
        message = self.message
        if not self.where:
            return message
        subject, *path = self.where
        if not path or _repeats_key(path, message):
            return f"{subject}: {message}"
        return f"{subject}, {format_path(path)}: {message}"


def format_path(path: Sequence[str | int]) -> str:
    """Return a location inside a node as written: the key, then its entries in brackets.

    Parameters
    ----------
    path : sequence of str or int
        A key (``"given"``), then keys or positions inside it.

    Returns
    -------
    str

    Examples
    --------
    >>> from likelihood._exceptions import format_path
    >>> format_path(("given", "talks")), format_path(("prior", "pool", 1)), format_path(())
    ("given['talks']", "prior['pool'][1]", '')
    """
    if not path:
        return ""
    key, *inside = path
    return f"{key}" + "".join(f"[{part!r}]" for part in inside)


def _repeats_key(path: Sequence[str | int], message: str) -> bool:
    """Whether the message begins with the one key it is located at ("given has no row ...")."""
    return len(path) == 1 and message.startswith(f"{path[0]} ")


class located:  # lower case: it reads as a function, ``with located("x", "prior"):``
    """Say where the code inside works: an error raised in it names the place, a warning too.

    The location is put before the error's own :attr:`~LikelihoodError.where`,
    so nested blocks build the path from the outside in. The error is raised on
    unchanged otherwise (same object, same traceback). A warning issued inside
    by :func:`warn` begins with the place in the same way.

    Parameters
    ----------
    *where : str or int
        The place, outermost first: a node, a key, an entry of it.

    Examples
    --------
    >>> from likelihood._exceptions import ProbabilityError, located
    >>> try:
    ...     with located("negotiations", "given"):
    ...         with located("talks"):
    ...             raise ProbabilityError("value must be a probability; got 1.7")
    ... except ProbabilityError as error:
    ...     print(error.where)
    ...     print(error)
    ('negotiations', 'given', 'talks')
    negotiations, given['talks']: value must be a probability; got 1.7
    """

    __slots__ = ("_token", "where")

    def __init__(self, *where: str | int) -> None:
        self.where = where

    def __enter__(self) -> None:
        self._token = _PLACE.set((*_PLACE.get(), *self.where))

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _PLACE.reset(self._token)
        if isinstance(error, LikelihoodError):
            error.where = (*self.where, *error.where)


def warn(message: str, category: type[Warning], where: Sequence[str | int] = ()) -> None:
    """Issue a warning of the library: located as an error is, pointing at the caller's line.

    The warning names the place before the message, as :class:`LikelihoodError`
    prints it: the places of the enclosing :func:`located` blocks, then *where*.
    It is attributed to the first line outside the package (the analyst's
    call), so that Python shows it once per line of their code.

    Parameters
    ----------
    message : str
        What the library did and why.
    category : type of LikelihoodWarning
    where : sequence of str or int, optional
        More of the place, inside the enclosing :func:`located` blocks.

    Examples
    --------
    >>> import warnings
    >>> from likelihood._exceptions import NormalisationWarning, located, warn
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     with located("x", "prior"):
    ...         warn("the table is normalised", NormalisationWarning)
    >>> print(caught[0].message)
    x, prior: the table is normalised
    """
    text = str(LikelihoodError(message, where=(*_PLACE.get(), *where)))
    warnings.warn(text, category, skip_file_prefixes=(_PACKAGE,))


# LikelihoodError comes first among the bases of every error: its __init__ takes where=...
# (the built-in exceptions take no keywords), and its __str__ prints the message as it is
# (KeyError's would quote it).


class UnknownScaleError(LikelihoodError, KeyError):
    """A scale name that is neither built in nor a :class:`~likelihood.Scale`."""


class UnknownTermError(LikelihoodError, KeyError):
    """A word that is not a term (or alias) of the scale it was read on.

    Attributes
    ----------
    term : str
        The word as received.
    scale : str
        The name of the scale it was looked up on.
    suggestions : tuple of str
        The closest terms of that scale, best first.
    elsewhere : tuple of str
        Built-in scales on which the word *is* a term.
    """

    def __init__(
        self,
        message: str,
        *,
        term: str,
        scale: str,
        suggestions: tuple[str, ...] = (),
        elsewhere: tuple[str, ...] = (),
        where: Sequence[str | int] = (),
    ) -> None:
        super().__init__(message, where=where)
        self.term = term
        self.scale = scale
        self.suggestions = suggestions
        self.elsewhere = elsewhere


class UnknownNodeError(LikelihoodError, KeyError):
    """A node name that is not in the model; the message names the closest nodes.

    Attributes
    ----------
    node : str
        The name as received.
    suggestions : tuple of str
        The closest node names of the model, best first.
    """

    def __init__(
        self,
        message: str,
        *,
        node: str,
        suggestions: tuple[str, ...] = (),
        where: Sequence[str | int] = (),
    ) -> None:
        super().__init__(message, where=where)
        self.node = node
        self.suggestions = suggestions


class ProbabilityError(LikelihoodError, ValueError):
    """A probability-like input that is not valid.

    Raised for a number outside [0, 1] (or nan, inf), an interval whose ends are
    not in order, quantiles out of order, counts that are not whole numbers with
    ``0 <= successes <= trials``, and weights that do not sum to a positive number.
    """


class OptionError(LikelihoodError, ValueError):
    """An option (a keyword such as ``method``) outside its allowed values."""


class ScaleError(LikelihoodError, ValueError):
    """A scale asked for something it cannot give.

    For example a judgment from a term of a likelihood-ratio scale, or words for
    a number on a grading scale.
    """


class ScaleDefinitionError(ScaleError):
    """A user-defined scale (a mapping or a TOML file) that is malformed."""


class ModelError(LikelihoodError, ValueError):
    """A model that is not well defined."""


class ConditionError(ModelError):
    """A condition that cannot be read, or condition rows that are missing or given twice."""


class CycleError(ModelError):
    """Parents that form a cycle; the message prints the cycle.

    Attributes
    ----------
    cycle : tuple of str
        The nodes of the cycle, the first repeated at the end.
    """

    def __init__(
        self, message: str, *, cycle: tuple[str, ...], where: Sequence[str | int] = ()
    ) -> None:
        super().__init__(message, where=where)
        self.cycle = cycle


class StateError(ModelError):
    """A state that the node does not have."""


class EvidenceError(LikelihoodError, ValueError):
    """Evidence that is impossible under every draw of the model's judgments."""


class ModelFileError(LikelihoodError, ValueError):
    """A file that cannot be read as a model.

    The message names the file and, where known, the table, the key and the
    line; the error that was found inside is chained as ``__cause__``.

    Attributes
    ----------
    path : str
        The file.
    table, key : str or None
        The table (``"hypothesis.talks"``) and key (``"prior"``) at fault.
    line : int or None
        The line (1-based), when it is known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str,
        table: str | None = None,
        key: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.table = table
        self.key = key
        self.line = line


class JudgmentTypeError(LikelihoodError, TypeError):
    """A value of a type that cannot be turned into a judgment."""


class FitError(LikelihoodError, RuntimeError):
    """A distribution fit that did not converge or cannot meet its constraints."""


class LikelihoodWarning(UserWarning):
    """Base class of the warnings issued by likelihood."""


class ACHWarning(LikelihoodWarning):
    """The hypotheses given to ACH are not mutually exclusive.

    Heuer's method compares exclusive, exhaustive hypotheses; the analysis then
    compares the joint states of the hypotheses that can occur, and says so.
    """


class AccuracyWarning(LikelihoodWarning):
    """``draws="auto"`` stopped at its most draws before every answer met the error asked.

    :meth:`~likelihood.Model.infer` with ``draws="auto"`` adds blocks of draws
    until every asked probability's Monte Carlo standard error is at most
    ``mcse``, up to ``max_draws`` (a million, ``AUTO_MAX_DRAWS``). The message
    names the answer that fell short, its error and the target. Ask fewer nodes
    (``query``), a larger ``mcse``, or more ``max_draws``; or check the
    judgments that the evidence contradicts (few draws then carry the weight).
    """


class EffectiveSampleSizeWarning(LikelihoodWarning):
    """Too few effective draws of uncertain judgments for a band worth reading.

    Issued by :meth:`~likelihood.Model.infer` when the effective sample size is
    below the minimum (100 draws, ``MIN_EFFECTIVE_DRAWS``): because few draws
    were asked for, or because the evidence is so surprising that few of the
    draws carry the posterior weight. The coherent probability is then an
    average over few draws; the posterior says it has no band: its
    :meth:`~likelihood.Posterior.interval` and
    :meth:`~likelihood.Posterior.mcse` are NaN and its words' confidence is
    ``"unknown"``. Draw more, or check the judgments that the evidence
    contradicts.
    """


class NormalisationWarning(LikelihoodWarning):
    """The entries of a table of several states do not sum to 1, and normalising changes them.

    A node with several states takes one probability per state; the library
    divides every draw of the table by its sum. The warning is issued when that
    changes what was written: an entry's share of the sum of the means falls
    outside the central 90 % of its own judgment, widened by half a percentage
    point (so an exact number may move by 0.005). The message names the node,
    the row, the sum and the entries moved; rewrite the entries, or give a
    :class:`~likelihood.Dirichlet`.
    """


class PoolWarning(LikelihoodWarning):
    """A logarithmic pool holding an exact number is that number.

    A product of densities with a point mass is the point mass (or empty): the
    other judgments of the pool have no effect. Use ``method="linear"``, or
    judge the number with uncertainty (an interval), to keep them.
    """


class ScaleWarning(LikelihoodWarning):
    """A judgment read on one scale is used in a model whose words are read on another.

    A :class:`~likelihood.Judgment` made by ``lk.judge("unlikely")`` is a word of
    PHIA (the default scale); put into an ICD 203 model, it stays PHIA's
    "unlikely". The message names both scales. Pass the word itself to read it
    on the model's scale, or the form ``{"term": ..., "scale": ...}`` to say
    which scale is meant.
    """


class UpdateWarning(LikelihoodWarning):
    """Data given to a judgment that is an exact number, which no data can move.

    :meth:`~likelihood.Judgment.update` of a point mass returns the same number:
    the posterior of an exact probability is that probability. Judge it with
    uncertainty (a word, an interval) to learn from the data.
    """


class SamplerWarning(LikelihoodWarning):
    """The PyMC engine's sampler may not have converged (R-hat, ESS or divergences).

    The message names the diagnostic; draw more, or compare with the exact engine.
    """
