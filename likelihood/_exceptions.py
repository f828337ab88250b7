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
    ├── EffectiveSampleSizeWarning                  few draws carry the posterior weight
    └── SamplerWarning                              the PyMC sampler may not have converged

Messages name the argument, what is allowed and what was received; an unknown
term comes with the closest known terms.
"""

from __future__ import annotations

__all__ = [
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
    "OptionError",
    "ProbabilityError",
    "ScaleDefinitionError",
    "SamplerWarning",
    "ScaleError",
    "StateError",
    "UnknownNodeError",
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


class UnknownNodeError(_KeyLookupError):
    """A node name that is not in the model; the message names the closest nodes.

    Attributes
    ----------
    node : str
        The name as received.
    suggestions : tuple of str
        The closest node names of the model, best first.
    """

    def __init__(self, message: str, *, node: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.node = node
        self.suggestions = suggestions


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


class ModelError(ValueError, LikelihoodError):
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

    def __init__(self, message: str, *, cycle: tuple[str, ...]) -> None:
        super().__init__(message)
        self.cycle = cycle


class StateError(ModelError):
    """A state that the node does not have."""


class EvidenceError(ValueError, LikelihoodError):
    """Evidence that is impossible under every draw of the model's judgments."""


class ModelFileError(ValueError, LikelihoodError):
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


class JudgmentTypeError(TypeError, LikelihoodError):
    """A value of a type that cannot be turned into a judgment."""


class FitError(RuntimeError, LikelihoodError):
    """A distribution fit that did not converge or cannot meet its constraints."""


class LikelihoodWarning(UserWarning):
    """Base class of the warnings issued by likelihood."""


class EffectiveSampleSizeWarning(LikelihoodWarning):
    """The evidence is so surprising that few of the draws carry the posterior weight.

    The coherent probability is then an average over few draws: its Monte Carlo
    error is large. Draw more, or check the judgments that the evidence contradicts.
    """


class SamplerWarning(LikelihoodWarning):
    """The PyMC engine's sampler may not have converged (R-hat, ESS or divergences).

    The message names the diagnostic; draw more, or compare with the exact engine.
    """
