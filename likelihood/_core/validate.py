"""Argument checks shared by the public functions: one check for each kind of argument.

Each check takes the value and the name of the argument it came from, and either
returns the value in canonical form or raises an error whose message names the
argument, what is allowed and what was received. Every entry point (the Python
API, an analysis file, the command line) reads its arguments through these:

* probabilities, intervals, masses, confidence levels, quantile tables, weights
  and counts (:class:`ProbabilityError`);
* text (a title, what a node stands for) and names given to look something up
  (:func:`check_text`, :func:`check_name`);
* seeds, draw counts and the memory the draws would take (:class:`OptionError`);
* observations (:func:`check_observed`).

A 0-d NumPy array stands for its element (:func:`scalar`) wherever one value is
expected.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from likelihood._defaults import MAX_DRAW_BYTES
from likelihood._exceptions import (
    JudgmentTypeError,
    OptionError,
    ProbabilityError,
    StateError,
    UnknownNodeError,
)

__all__ = [
    "check_choice",
    "check_confidence",
    "check_count",
    "check_counts",
    "check_draw_memory",
    "check_interval",
    "check_mass",
    "check_name",
    "check_observed",
    "check_positive",
    "check_probability",
    "check_quantiles",
    "check_seed",
    "check_text",
    "check_weights",
    "is_real_number",
    "scalar",
]


def scalar(value: Any) -> Any:
    """Return the element of a 0-d NumPy array (a number, a bool, a string); anything else as is.

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.validate import scalar
    >>> scalar(np.array(0.3)), scalar(np.array(True)), scalar([1, 2])
    (np.float64(0.3), np.True_, [1, 2])
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value[()]
    return value


def is_real_number(value: object) -> bool:
    """Return whether *value* is a real number (a bool is not)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _real(value: object, name: str, allowed: str) -> float:
    value = scalar(value)
    if not is_real_number(value):
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r} ({type(value).__name__})")
    return float(value)  # type: ignore[arg-type]


def check_probability(value: object, name: str = "probability") -> float:
    """Return *value* as a float in [0, 1], or raise :class:`ProbabilityError`."""
    allowed = "a probability, a number in [0, 1]"
    x = _real(value, name, allowed)
    if not (0.0 <= x <= 1.0):  # also rejects nan
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r}")
    return x


def check_interval(value: object, name: str = "interval") -> tuple[float, float]:
    """Return a ``(lower, upper)`` pair of probabilities with ``lower < upper``."""
    allowed = "an interval (lower, upper) of two probabilities with lower < upper"
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence | np.ndarray):
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r}")
    items = list(value)
    if len(items) != 2:
        raise ProbabilityError(f"{name} must be {allowed}; got {len(items)} values: {value!r}")
    lo = check_probability(items[0], f"{name}[0] (lower end)")
    hi = check_probability(items[1], f"{name}[1] (upper end)")
    if not lo < hi:
        raise ProbabilityError(f"{name} must be {allowed}; got lower {lo!r} >= upper {hi!r}")
    return lo, hi


def check_mass(value: object, name: str = "mass") -> float:
    """Return a probability strictly between 0 and 1 (a share of mass)."""
    allowed = "a share of probability mass strictly between 0 and 1"
    x = _real(value, name, allowed)
    if not (0.0 < x < 1.0):
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r}")
    return x


def check_confidence(value: object, name: str = "confidence") -> float:
    """Return a confidence level in (0, 1]."""
    allowed = "a confidence level in (0, 1]"
    x = _real(value, name, allowed)
    if not (0.0 < x <= 1.0):
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r}")
    return x


def check_positive(value: object, name: str) -> float:
    """Return a finite number greater than zero."""
    allowed = "a finite number greater than 0"
    x = _real(value, name, allowed)
    if not (0.0 < x < math.inf):
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r}")
    return x


def check_quantiles(
    value: Mapping[Any, Any], name: str = "quantiles"
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return the levels and values of a quantile table, both increasing.

    Keys are quantile levels strictly between 0 and 1 (numbers, or strings such
    as ``"0.05"`` as a TOML file gives them); values are probabilities.
    """
    allowed = "a table {level: value} of at least two quantiles, levels in (0, 1), values in [0, 1]"
    if not isinstance(value, Mapping) or len(value) < 2:
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r}")
    levels: list[float] = []
    values: list[float] = []
    for key, item in value.items():
        level: object = key
        if isinstance(key, str):
            try:
                level = float(key)
            except ValueError:
                raise ProbabilityError(
                    f"{name} must be {allowed}; the level {key!r} is not a number"
                ) from None
        q = _real(level, f"{name} level {key!r}", "a quantile level strictly between 0 and 1")
        if not 0.0 < q < 1.0:
            raise ProbabilityError(
                f"{name} level must be strictly between 0 and 1; got {key!r} in {value!r}"
            )
        levels.append(q)
        values.append(check_probability(item, f"{name}[{key!r}]"))
    order = np.argsort(levels)
    qs = np.asarray(levels, dtype=np.float64)[order]
    xs = np.asarray(values, dtype=np.float64)[order]
    if np.any(np.diff(qs) <= 0):
        raise ProbabilityError(f"{name} has the same level twice: {value!r}")
    if np.any(np.diff(xs) <= 0):
        pairs = ", ".join(f"{q:g}: {x:g}" for q, x in zip(qs, xs, strict=True))
        raise ProbabilityError(
            f"{name} are out of order: values must increase with their levels; got {{{pairs}}}"
        )
    return qs, xs


def check_weights(value: object, n: int, name: str = "weights") -> NDArray[np.float64]:
    """Return *n* non-negative weights normalised to sum to one."""
    allowed = f"{n} non-negative finite numbers with a positive sum"
    if value is None:
        return np.full(n, 1.0 / n)
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r}")
    items = list(value)
    if len(items) != n:
        raise ProbabilityError(f"{name} must be {allowed}; got {len(items)} weights: {value!r}")
    w = np.array([_real(x, f"{name}[{i}]", "a finite number >= 0") for i, x in enumerate(items)])
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r}")
    total = float(w.sum())
    if not total > 0:
        raise ProbabilityError(f"{name} must be {allowed}; got {value!r}, which sums to {total:g}")
    return w / total


def check_counts(successes: object, trials: object) -> tuple[int, int]:
    """Return whole-number counts with ``0 <= successes <= trials``."""

    def whole(value: object, name: str) -> int:
        if is_real_number(value) and float(value).is_integer():  # type: ignore[arg-type]
            return int(value)  # type: ignore[call-overload, no-any-return]
        raise ProbabilityError(f"{name} must be a whole number >= 0; got {value!r}")

    k = whole(successes, "successes")
    n = whole(trials, "trials")
    if n < 0 or k < 0:
        raise ProbabilityError(
            f"successes and trials must be >= 0; got successes={successes!r}, trials={trials!r}"
        )
    if k > n:
        raise ProbabilityError(
            f"successes must be at most trials (0 <= successes <= trials); "
            f"got successes={successes!r} > trials={trials!r}"
        )
    return k, n


def check_choice(value: object, choices: Sequence[str], name: str) -> str:
    """Return *value* if it is one of *choices*, else raise :class:`OptionError`."""
    if isinstance(value, str) and value in choices:
        return value
    allowed = ", ".join(repr(c) for c in choices)
    raise OptionError(f"{name} must be one of {allowed}; got {value!r}")


# -- text and names ---------------------------------------------------------------------------


def check_text(value: object, name: str = "text") -> str:
    """Return *value* if it is text (a ``str``), else raise :class:`JudgmentTypeError`.

    Examples
    --------
    >>> from likelihood._core.validate import check_text
    >>> check_text(5)
    Traceback (most recent call last):
    ...
    likelihood.JudgmentTypeError: text must be a string; got 5 (int)
    """
    value = scalar(value)
    if isinstance(value, str):
        return str(value)
    raise JudgmentTypeError(f"{name} must be a string; got {value!r} ({type(value).__name__})")


def check_name(value: object, name: str, kind: str = "node", known: Sequence[str] = ()) -> str:
    """Return a name given to look something up (a node, a source): a ``str``.

    Anything else (a list, a number) raises :class:`UnknownNodeError`, whose
    message names the argument, the type received and the names there are.

    Examples
    --------
    >>> from likelihood._core.validate import check_name
    >>> check_name(["s"], "source", "source", ["s"])
    Traceback (most recent call last):
    ...
    likelihood.UnknownNodeError: source must be the name of a source, a string; got ['s'] (list). Sources: s
    """  # noqa: E501
    value = scalar(value)
    if isinstance(value, str):
        return str(value)
    listed = ", ".join(known) or "none yet"
    raise UnknownNodeError(
        f"{name} must be the name of a {kind}, a string; got {value!r} "
        f"({type(value).__name__}). {kind.capitalize()}s: {listed}",
        node=repr(value),
    )


# -- seeds, draws and memory -------------------------------------------------------------------


def check_seed(
    value: object, name: str = "seed", *, generator: bool = True
) -> int | np.random.Generator | None:
    """Return a seed: ``None``, a whole number >= 0 or (if allowed) a NumPy ``Generator``.

    A bool, a negative or fractional number, a string, ... raise :class:`OptionError`.

    Examples
    --------
    >>> from likelihood._core.validate import check_seed
    >>> check_seed(7), check_seed(None)
    (7, None)
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    likelihood.OptionError: seed must be a whole number >= 0 or a numpy.random.Generator; got -1 (int)
    """  # noqa: E501
    if value is None or (generator and isinstance(value, np.random.Generator)):
        return value
    if isinstance(value, np.random.Generator):
        raise OptionError(
            f"{name} must be a whole number >= 0 here, not a numpy.random.Generator; got {value!r}"
        )
    value = scalar(value)
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer) or value < 0:
        allowed = "a whole number >= 0" + (" or a numpy.random.Generator" if generator else "")
        raise OptionError(f"{name} must be {allowed}; got {value!r} ({type(value).__name__})")
    return int(value)


def check_count(value: object, name: str, minimum: int = 1) -> int:
    """Return a whole number >= *minimum* (draws, chains, tuning steps), else :class:`OptionError`.

    Examples
    --------
    >>> from likelihood._core.validate import check_count
    >>> check_count(2.5, "draws")
    Traceback (most recent call last):
    ...
    likelihood.OptionError: draws must be a whole number >= 1; got 2.5 (float)
    """
    value = scalar(value)
    if (
        isinstance(value, bool | np.bool_)
        or not isinstance(value, int | np.integer)
        or value < minimum
    ):
        raise OptionError(
            f"{name} must be a whole number >= {minimum}; got {value!r} ({type(value).__name__})"
        )
    return int(value)


def _size(n: float) -> str:
    """Return a number of bytes in the largest binary unit it reaches (``4 GiB``)."""
    for unit, power in (("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << power:
            return f"{n / (1 << power):.3g} {unit}"
    return f"{n:.0f} bytes"


def check_draw_memory(
    draws: int, columns: int, name: str = "draws", limit: int = MAX_DRAW_BYTES
) -> None:
    """Refuse a number of draws whose arrays would take more than *limit* bytes.

    The memory is estimated as ``draws × columns × 8`` bytes: one float64 per
    draw for every column (each uncertain parameter, each state of each node
    for its ``P(X | E, θ)``, the weight and ``log P(E | θ)``).

    Raises
    ------
    OptionError
        Naming the draws, the memory they would take and the limit
        (``MAX_DRAW_BYTES``, 4 GiB).

    Examples
    --------
    >>> from likelihood._core.validate import check_draw_memory
    >>> check_draw_memory(10**11, 4)
    Traceback (most recent call last):
    ...
    likelihood.OptionError: draws=100000000000 would take 2.91 TiB of memory (100,000,000,000 draws × 4 numbers × 8 bytes), more than the limit of 4 GiB (MAX_DRAW_BYTES); draw at most 134,217,728
    """  # noqa: E501
    need = int(draws) * int(columns) * 8
    if need > limit:
        most = limit // (8 * max(int(columns), 1))
        raise OptionError(
            f"{name}={draws} would take {_size(need)} of memory ({int(draws):,} draws × "
            f"{columns} numbers × 8 bytes), more than the limit of {_size(limit)} "
            f"(MAX_DRAW_BYTES); draw at most {most:,}"
        )


# -- observations ------------------------------------------------------------------------------


def check_observed(
    value: object, states: Sequence[str], binary: bool, name: str = "observed"
) -> str:
    """Return the observed state of a node (a ``str``), or raise :class:`StateError`.

    A binary node takes ``True``/``False`` (a NumPy bool, a 0-d array, or the
    strings ``"true"``/``"false"``); a node with several states takes one of
    its states. An array or a list of several values is refused: an
    observation is one value.

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.validate import check_observed
    >>> check_observed(np.array(True), ("true", "false"), True)
    'true'
    >>> check_observed(np.array([True, False]), ("true", "false"), True)
    Traceback (most recent call last):
    ...
    likelihood.StateError: observed must be one value (True or False); got an array of shape (2,): array([ True, False])
    """  # noqa: E501
    value = scalar(value)
    allowed = "True or False" if binary else f"one of the states {', '.join(states)}"
    if isinstance(value, np.ndarray):
        raise StateError(
            f"{name} must be one value ({allowed}); got an array of shape {value.shape}: {value!r}"
        )
    if isinstance(value, Iterable) and not isinstance(value, str):
        raise StateError(
            f"{name} must be one value ({allowed}); got a {type(value).__name__}: {value!r}"
        )
    if binary:
        if isinstance(value, bool | np.bool_):
            return "true" if value else "false"
        if isinstance(value, str) and value in ("true", "false"):
            return str(value)
        raise StateError(f"a binary node is observed True or False; got {value!r}")
    if isinstance(value, str) and value in states:
        return str(value)
    raise StateError(f"{value!r} is not a state of this node; its states are {', '.join(states)}")
