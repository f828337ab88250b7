"""Argument checks shared by the public functions.

Each check takes the value and the name of the argument it came from, and either
returns the value in canonical form or raises an error whose message names the
argument, what is allowed and what was received.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from likelihood._exceptions import OptionError, ProbabilityError

__all__ = [
    "check_choice",
    "check_confidence",
    "check_counts",
    "check_interval",
    "check_mass",
    "check_positive",
    "check_probability",
    "check_quantiles",
    "check_weights",
    "is_real_number",
]


def is_real_number(value: object) -> bool:
    """Return whether *value* is a real number (a bool is not)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _real(value: object, name: str, allowed: str) -> float:
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
