"""Exceptions and warnings raised by likelihood.

Every error the library raises on purpose derives from :class:`LikelihoodError`
and from the built-in exception that a Python programmer would expect, so that
``except KeyError`` and ``except likelihood.LikelihoodError`` both work::

    LikelihoodError                                 base class
    ├── UnknownScaleError (KeyError)                a scale name that is not built in
    ├── UnknownTermError (KeyError)                 a word that is not a term of the scale
    ├── ProbabilityError (ValueError)               a probability, interval, quantile table,
    │                                               count or weight vector that is not valid
    ├── OptionError (ValueError)                    an option outside its allowed values
    ├── ScaleError (ValueError)                     a scale that cannot do what was asked
    │   └── ScaleDefinitionError                    a user-defined scale that is malformed
    ├── JudgmentTypeError (TypeError)               a value that cannot become a judgment
    └── FitError (RuntimeError)                     a distribution fit that did not converge

    LikelihoodWarning (UserWarning)                 base class of the library's warnings

Messages name the argument, what is allowed and what was received; an unknown
term comes with the closest known terms.
"""

from __future__ import annotations

__all__ = [
    "FitError",
    "JudgmentTypeError",
    "LikelihoodError",
    "LikelihoodWarning",
    "OptionError",
    "ProbabilityError",
    "ScaleDefinitionError",
    "ScaleError",
    "UnknownScaleError",
    "UnknownTermError",
]


class LikelihoodError(Exception):
    """Base class of every error raised by likelihood."""


class _KeyLookupError(KeyError, LikelihoodError):
    """A failed look-up whose message reads as a sentence.

    ``KeyError`` quotes its argument when printed; these errors carry a full
    message, so they print it as it is.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownScaleError(_KeyLookupError):
    """A scale name that is neither built in nor a :class:`~likelihood.Scale`."""


class UnknownTermError(_KeyLookupError):
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
    ) -> None:
        super().__init__(message)
        self.term = term
        self.scale = scale
        self.suggestions = suggestions
        self.elsewhere = elsewhere


class ProbabilityError(ValueError, LikelihoodError):
    """A probability-like input that is not valid.

    Raised for a number outside [0, 1] (or nan, inf), an interval whose ends are
    not in order, quantiles out of order, counts that are not whole numbers with
    ``0 <= successes <= trials``, and weights that do not sum to a positive number.
    """


class OptionError(ValueError, LikelihoodError):
    """An option (a keyword such as ``method``) outside its allowed values."""


class ScaleError(ValueError, LikelihoodError):
    """A scale asked for something it cannot give.

    For example a judgment from a term of a likelihood-ratio scale, or words for
    a number on a grading scale.
    """


class ScaleDefinitionError(ScaleError):
    """A user-defined scale (a mapping or a TOML file) that is malformed."""


class JudgmentTypeError(TypeError, LikelihoodError):
    """A value of a type that cannot be turned into a judgment."""


class FitError(RuntimeError, LikelihoodError):
    """A distribution fit that did not converge or cannot meet its constraints."""


class LikelihoodWarning(UserWarning):
    """Base class of the warnings issued by likelihood."""
