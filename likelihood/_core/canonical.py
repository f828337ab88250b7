"""Canonical tables: noisy-OR, noisy-MAX with a leak, and ranked nodes.

A table of a node with n causes has a row per assignment of them (2ⁿ rows for
binary causes); a canonical model fills it from a judgment per cause (and per
cause state and effect level), plus a leak:

* **noisy-OR** (Henrion 1989's leaky parametrisation): a binary effect and
  binary causes; ``pᵢ`` is the chance that cause i, present alone, produces the
  effect, and the leak the chance that something else does::

      P(effect false | x) = (1 − leak) ∏_{i present} (1 − pᵢ)

* **noisy-MAX** (Díez 1993): an effect with ordered levels, the first the
  absent level; each cause has an absent state (the one the analyst leaves
  out) and, per other state, the chance ``qᵢ(y | xᵢ)`` that it alone makes the
  effect *at least* level y; the leak gives ``q_L(y)``::

      P(effect ≤ y | x) = (1 − q_L(y + 1)) ∏ᵢ (1 − qᵢ(y + 1 | xᵢ))

  A draw whose chances of "at least y" rise with y is read with each chance
  capped by the one below (``min`` over the lower levels).

* **ranked nodes** (Fenton, Neil & Caballero 2007): ordered states mapped to
  equal intervals of [0, 1], the parents at their states' midpoints; the
  child is a normal truncated to [0, 1] around a weighted function of them
  (WMEAN, WMIN, WMAX) with a given variance, and its row is the probability
  of each interval.

The tables are products and sums, built for every draw at once with any array
library that has ``stack``, ``broadcast_to``, ``minimum``, ``ones_like`` and
``concatenate`` (NumPy, or PyTensor's tensor module in the PyMC engine).

References
----------
.. [1] Henrion, M. (1989). Some practical issues in constructing belief
   networks. In *Uncertainty in Artificial Intelligence 3*, 161–173.
.. [2] Díez, F. J. (1993). Parameter adjustment in Bayes networks. The
   generalized noisy OR-gate. In *Proceedings of UAI-93*, 99–105.
.. [3] Fenton, N. E., Neil, M., & Caballero, J. G. (2007). Using ranked nodes
   to model qualitative judgments in Bayesian networks. *IEEE Transactions on
   Knowledge and Data Engineering*, 19(10), 1420–1432.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from likelihood._core.judgment import Judgment
from likelihood._core.names import suggest
from likelihood._core.validate import check_choice, is_real_number
from likelihood._exceptions import (
    ConditionError,
    JudgmentTypeError,
    ModelError,
    ProbabilityError,
    StateError,
    located,
)

__all__ = [
    "CANONICAL_KEYS",
    "COMBINE",
    "Canonical",
    "Effect",
    "canonical_table",
    "ranked_table",
    "read_canonical",
]

Array = NDArray[np.float64]

#: The keywords of ``Model.hypothesis`` and ``Model.evidence`` that make a canonical table.
CANONICAL_KEYS = ("noisy_or", "noisy_max", "leak", "ranked", "variance", "combine")
#: The functions a ranked node may take of its parents.
COMBINE = ("wmean", "wmin", "wmax")
#: The word that names the leak in a parameter's label (no cause may have it as its name).
LEAK = "leak"


@dataclass(frozen=True, slots=True)
class Effect:
    """One judgment of a noisy-OR or noisy-MAX table.

    Attributes
    ----------
    label : str
        The parameter's label: ``"effect: cause"``, ``"effect: leak"`` (noisy-OR),
        ``"effect: cause >= level"``, ``"effect: cause=state >= level"`` or
        ``"effect: leak >= level"`` (noisy-MAX).
    cause : str or None
        The cause as a condition (``"smoking"``, ``"exposure=high"``); ``None`` for the leak.
    level : str or None
        The effect's level it makes at least likely (noisy-MAX).
    value : Judgment
    written : object
        What the analyst wrote.
    """

    label: str
    cause: str | None
    level: str | None
    value: Judgment
    written: Any


@dataclass(frozen=True, slots=True)
class Canonical:
    """How a canonical table is made.

    Attributes
    ----------
    kind : {"noisy-or", "noisy-max", "ranked"}
    effects : tuple of Effect
        The judgments (noisy-OR and noisy-MAX), causes first, the leak last.
    layout : tuple
        Per parent, per state of it (in its order): the labels of its judgments,
        one per effect level above the lowest, or ``None`` for its absent state.
    leak : tuple of str
        The labels of the leak's judgments, one per effect level above the lowest.
    weights : tuple of float
        A ranked node's weights, one per parent.
    variance : float
        A ranked node's variance σ².
    combine : str
        A ranked node's function of its parents: ``"wmean"``, ``"wmin"`` or ``"wmax"``.
    written : dict
        The keywords as written (``{"noisy_or": {...}, "leak": ...}``), for the file.
    """

    kind: str
    effects: tuple[Effect, ...] = ()
    layout: tuple[tuple[tuple[str, ...] | None, ...], ...] = ()
    leak: tuple[str, ...] = ()
    weights: tuple[float, ...] = ()
    variance: float = math.nan
    combine: str = "wmean"
    written: Mapping[str, Any] | None = None


# -- reading what the analyst wrote ------------------------------------------------------------

#: Reads one judgment at a place: ``judgment(value, *where)`` (``Model._judgment``).
Reader = Callable[..., Judgment]
#: Finds a parent by name (``Model.node``), raising ``UnknownNodeError`` with suggestions.
Finder = Callable[[str], Any]


def read_canonical(
    name: str,
    given: Mapping[str, Any],
    states: tuple[str, ...],
    binary: bool,
    judgment: Reader,
    find: Finder,
) -> tuple[tuple[str, ...], Canonical]:
    """Read the keywords of a canonical table; return the parents and the table's recipe.

    Parameters
    ----------
    name : str
        The node.
    given : mapping
        The canonical keywords given (not ``None``), among :data:`CANONICAL_KEYS`.
    states : tuple of str
        The node's states (``("true", "false")`` when *binary*).
    binary : bool
    judgment : callable
        Reads one judgment, ``judgment(value, *where)``.
    find : callable
        Returns the parent node of a name, or raises ``UnknownNodeError``.

    Returns
    -------
    tuple
        The parents, in the order written, and the :class:`Canonical` recipe.

    Raises
    ------
    ModelError
        Keywords that do not go together, or one missing; the message names them.
    """
    kinds = [k for k in ("noisy_or", "noisy_max", "ranked") if k in given]
    if len(kinds) != 1:
        raise ModelError(
            "a canonical table is one of noisy_or=, noisy_max= or ranked=; got "
            + (" and ".join(kinds) if kinds else f"only {', '.join(given)}")
        )
    kind = kinds[0]
    extra = {"noisy_or": ("leak",), "noisy_max": ("leak",), "ranked": ("variance", "combine")}
    stray = [k for k in given if k != kind and k not in extra[kind]]
    if stray:
        raise ModelError(
            f"{_listed(stray)} {'does' if len(stray) == 1 else 'do'} not go with {kind}=; "
            f"{kind} takes {_listed(extra[kind])}"
        )
    if kind == "ranked":
        return _read_ranked(given, states, binary, find)
    if "leak" not in given:
        what = (
            "the chance that the effect occurs when none of the causes is present (0 if "
            "nothing else can cause it)"
            if kind == "noisy_or"
            else "a table {level: chance} of the chance that something else makes the effect "
            "at least each level (0 for every level if nothing else can cause it)"
        )
        raise ModelError(f"{kind} needs leak=...: {what}")
    if kind == "noisy_or":
        return _read_noisy_or(
            name, given["noisy_or"], given["leak"], binary, states, judgment, find
        )
    return _read_noisy_max(name, given["noisy_max"], given["leak"], binary, states, judgment, find)


def _listed(keys: Sequence[str]) -> str:
    return " and ".join(f"{k}=" for k in keys)


def _causes(value: Any, kind: str, find: Finder) -> list[tuple[str, Any, Any]]:
    """Return ``(cause, node, what was written)`` for each cause of a table ``{cause: ...}``."""
    if not isinstance(value, Mapping) or not value:
        raise JudgmentTypeError(
            f"{kind} takes a table {{cause: ...}} of one or more parent nodes; got {value!r}",
            where=(kind,),
        )
    out = []
    for cause, spec in value.items():
        with located(kind, str(cause)):
            if cause == LEAK:
                raise ModelError(
                    f"a cause cannot be called {LEAK!r}: the leak is given by leak=, and a node "
                    f"named {LEAK!r} would share its label; rename the node"
                )
            node = find(cause)
        out.append((node.name, node, spec))
    return out


def _read_noisy_or(
    name: str,
    value: Any,
    leak: Any,
    binary: bool,
    states: tuple[str, ...],
    judgment: Reader,
    find: Finder,
) -> tuple[tuple[str, ...], Canonical]:
    if not binary:
        raise StateError(
            f"noisy_or makes a binary effect, and {name!r} has the states {', '.join(states)}; "
            "give noisy_max= for an effect with ordered levels",
            where=("noisy_or",),
        )
    effects: list[Effect] = []
    layout = []
    written: dict[str, Any] = {}
    for cause, node, spec in _causes(value, "noisy_or", find):
        if not node.binary:
            raise ConditionError(
                f"the causes of a noisy-OR are binary, and {cause!r} has the states "
                f"{', '.join(node.states)}; give noisy_max= with states= for the effect",
                where=("noisy_or", cause),
            )
        label = f"{name}: {cause}"
        effects.append(Effect(label, cause, None, judgment(spec, "noisy_or", cause), spec))
        layout.append(((label,), None))  # the cause true produces, false is absent
        written[cause] = spec
    label = f"{name}: {LEAK}"
    effects.append(Effect(label, None, None, judgment(leak, "leak"), leak))
    recipe = Canonical(
        "noisy-or",
        effects=tuple(effects),
        layout=tuple(layout),
        leak=(label,),
        written={"noisy_or": written, "leak": leak},
    )
    return tuple(written), recipe


def _levels_table(
    spec: Any, states: tuple[str, ...], name: str, judgment: Reader, *where: str
) -> dict[str, Judgment]:
    """Read a table ``{level: chance of at least that level}`` for every level above the lowest."""
    levels = states[1:]
    with located(*where):
        if not isinstance(spec, Mapping):
            raise JudgmentTypeError(
                f"takes a table {{level: chance}} of the chance of making {name!r} at least each "
                f"level above {states[0]!r} ({', '.join(levels)}); got {spec!r}"
            )
        for key in spec:
            if key == states[0]:
                raise StateError(
                    f"{states[0]!r} is the lowest (absent) level of {name!r}: give the chance "
                    f"of at least each level above it ({', '.join(levels)})"
                )
            if key not in levels:
                close = suggest(str(key), list(levels))
                hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
                raise StateError(
                    f"{key!r} is not a level of {name!r}{hint}; its levels above "
                    f"{states[0]!r} are {', '.join(levels)}"
                )
        missing = [lv for lv in levels if lv not in spec]
        if missing:
            raise StateError(
                f"no chance given for {', '.join(map(repr, missing))}; give the chance of "
                f"making {name!r} at least each level above {states[0]!r}: {', '.join(levels)}"
            )
    table = {lv: judgment(spec[lv], *where, lv) for lv in levels}
    for lower, higher in zip(levels, levels[1:], strict=False):
        lo, hi = table[lower].mean(), table[higher].mean()
        if hi > lo:
            raise ProbabilityError(
                f"the chance of at least {higher!r} (mean {hi:.3g}) exceeds the chance of at "
                f"least {lower!r} (mean {lo:.3g}); reaching {higher!r} means reaching "
                f"{lower!r}, so give {lower!r} a chance at least as high",
                where=(*where, higher),
            )
    return table


def _read_noisy_max(
    name: str,
    value: Any,
    leak: Any,
    binary: bool,
    states: tuple[str, ...],
    judgment: Reader,
    find: Finder,
) -> tuple[tuple[str, ...], Canonical]:
    if binary:
        raise StateError(
            f"noisy_max makes an effect with ordered levels (states=[...], the absent level "
            f"first), and {name!r} is binary; give noisy_or= for a binary effect",
            where=("noisy_max",),
        )
    effects: list[Effect] = []
    layout: list[tuple[tuple[str, ...] | None, ...]] = []
    written: dict[str, Any] = {}

    def add(literal: str, spec: Any, *where: str) -> tuple[str, ...]:
        table = _levels_table(spec, states, name, judgment, *where)
        labels = []
        for level, j in table.items():
            label = f"{name}: {literal} >= {level}"
            effects.append(Effect(label, literal, level, j, spec[level]))
            labels.append(label)
        return tuple(labels)

    for cause, node, spec in _causes(value, "noisy_max", find):
        if node.binary:
            layout.append((add(cause, spec, "noisy_max", cause), None))
            written[cause] = dict(spec)
            continue
        with located("noisy_max", cause):
            if not isinstance(spec, Mapping):
                raise JudgmentTypeError(
                    f"{cause!r} has the states {', '.join(node.states)}: give a table "
                    "{state: {level: chance}} for every state but the one in which the cause is "
                    f"absent; got {spec!r}"
                )
            unknown = [s for s in spec if s not in node.states]
            if unknown:
                raise StateError(
                    f"{', '.join(map(repr, unknown))} is not a state of {cause!r}; its states "
                    f"are {', '.join(node.states)}"
                )
            absent = [s for s in node.states if s not in spec]
            if len(absent) != 1:
                what = (
                    "every state is given"
                    if not absent
                    else f"{', '.join(map(repr, absent))} are all left out"
                )
                raise StateError(
                    f"give every state of {cause!r} but one: the state left out is the one in "
                    f"which the cause is absent (it produces nothing); {what}"
                )
        rows = tuple(
            None if s in absent else add(f"{cause}={s}", spec[s], "noisy_max", cause, s)
            for s in node.states
        )
        layout.append(rows)
        written[cause] = {s: dict(spec[s]) for s in node.states if s in spec}
    leak_table = _levels_table(leak, states, name, judgment, "leak")
    leak_labels = []
    for level, j in leak_table.items():
        label = f"{name}: {LEAK} >= {level}"
        effects.append(Effect(label, None, level, j, leak[level]))
        leak_labels.append(label)
    recipe = Canonical(
        "noisy-max",
        effects=tuple(effects),
        layout=tuple(layout),
        leak=tuple(leak_labels),
        written={"noisy_max": written, "leak": dict(leak)},
    )
    return tuple(written), recipe


def _read_ranked(
    given: Mapping[str, Any], states: tuple[str, ...], binary: bool, find: Finder
) -> tuple[tuple[str, ...], Canonical]:
    if binary:
        raise StateError(
            "a ranked node has ordered states, lowest first: give states=[...] "
            "(such as ['low', 'medium', 'high'])",
            where=("ranked",),
        )
    value = given["ranked"]
    if not isinstance(value, Mapping) or not value:
        raise JudgmentTypeError(
            f"ranked takes a table {{parent: weight}} of one or more parent nodes; got {value!r}",
            where=("ranked",),
        )
    weights = {}
    for parent, weight in value.items():
        with located("ranked", str(parent)):
            node = find(parent)
            if node.binary:
                raise StateError(
                    f"the parents of a ranked node are ranked too, and {node.name!r} is binary "
                    "(true, false: no order); give it ordered states, lowest first "
                    "(states=['no', 'yes'])"
                )
            if not is_real_number(weight) or not 0.0 < float(weight) < math.inf:
                raise ProbabilityError(f"a weight is a number > 0; got {weight!r}")
        weights[node.name] = float(weight)
    if "variance" not in given:
        raise ModelError(
            "ranked needs variance=...: the variance σ² of the truncated normal around the "
            "weighted function of the parents (0.0005 is nearly deterministic, 0.05 vague)"
        )
    variance = given["variance"]
    with located("variance"):
        if not is_real_number(variance) or not 0.0 < float(variance) < math.inf:
            raise ProbabilityError(f"variance is a number > 0; got {variance!r}")
    with located("combine"):
        combine = check_choice(given.get("combine", "wmean"), COMBINE, "combine")
    written: dict[str, Any] = {"ranked": dict(value), "variance": variance}
    if "combine" in given:
        written["combine"] = combine
    recipe = Canonical(
        "ranked",
        weights=tuple(weights.values()),
        variance=float(variance),
        combine=combine,
        written=written,
    )
    return tuple(weights), recipe


# -- the tables ---------------------------------------------------------------------------------


def canonical_table(
    layout: Sequence[Sequence[Sequence[Any] | None]],
    leak: Sequence[Any],
    xp: Any = np,
    batch: int | None = None,
    binary: bool = False,
) -> Any:
    """Return a noisy-MAX table for every draw: ``(B, *parent cards, levels)``.

    Parameters
    ----------
    layout : sequence
        Per parent, per state: the draws of the chances that the cause in that
        state alone makes the effect at least each level above the lowest, or
        ``None`` for its absent state.
    leak : sequence
        The draws of the leak's chances, one per level above the lowest.
    xp : object, optional
        The array library (NumPy, or PyTensor's tensor module with *batch*).
    batch : int, optional
        The number of draws, when *xp* is not NumPy.
    binary : bool, optional
        Whether the effect is binary (noisy-OR): its states are then in the
        order true, false, the lowest level last.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.canonical import canonical_table
    >>> t = canonical_table([[[np.array([0.3])], None]], [np.array([0.1])], binary=True)
    >>> np.round(t, 6).tolist()     # P(true | cause) = 1 - 0.9 * 0.7; P(true | no cause) = 0.1
    [[[0.37, 0.63], [0.1, 0.9]]]
    """
    if batch is not None:
        size = batch
    else:
        drawn = [*leak, *(v for states in layout for e in states if e is not None for v in e)]
        size = max(len(v) for v in drawn)
    n = len(layout)

    def cumulative(exceed: Sequence[Any]) -> Any:
        """``P(Y ≤ y)`` for each level y from the chances of at least each level above it."""
        columns = []
        previous = None
        for q in exceed:
            q = xp.broadcast_to(q, (size,))
            if previous is not None:  # reaching a level means reaching the one below
                q = xp.minimum(q, previous)
            columns.append(1.0 - q)
            previous = q
        columns.append(xp.ones_like(columns[0]))
        return xp.stack(columns, axis=-1)

    levels = len(leak) + 1
    base = cumulative(leak)
    ones = xp.ones_like(base)  # an absent cause produces nothing: P(Y_i <= y) = 1
    total = base.reshape((size, *(1,) * n, levels))
    for i, states in enumerate(layout):
        rows = [cumulative(e) if e is not None else ones for e in states]
        shape = [size, *(1,) * n, levels]
        shape[1 + i] = len(states)
        total = total * xp.stack(rows, axis=1).reshape(tuple(shape))
    table = xp.concatenate([total[..., :1], total[..., 1:] - total[..., :-1]], axis=-1)
    return table[..., ::-1] if binary else table


def ranked_table(
    cards: Sequence[int], states: int, weights: Sequence[float], variance: float, combine: str
) -> Array:
    """Return a ranked node's table: ``(*parent cards, states)``.

    The states of each node are equal intervals of [0, 1], lowest first; the
    parents stand at their states' midpoints, and the child's row is the
    probability of each of its intervals under a normal with mean the
    weighted function of the parents and variance σ², truncated to [0, 1].

    Parameters
    ----------
    cards : sequence of int
        The parents' numbers of states.
    states : int
        The child's number of states.
    weights : sequence of float
        One per parent, > 0.
    variance : float
        σ² > 0.
    combine : {"wmean", "wmin", "wmax"}
        ``wmean`` Σ wᵢ xᵢ / Σ wᵢ; ``wmin`` minᵢ (wᵢ xᵢ + Σ_{j≠i} xⱼ) / (wᵢ + n − 1);
        ``wmax`` the same with max (Fenton, Neil & Caballero 2007).

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> from likelihood._core.canonical import ranked_table
    >>> t = ranked_table([3], 3, [1.0], 0.001, "wmean")
    >>> t.argmax(axis=-1).tolist()      # the child follows its one parent
    [0, 1, 2]
    """
    mids = [(np.arange(k) + 0.5) / k for k in cards]
    x = np.stack(np.meshgrid(*mids, indexing="ij"), axis=-1)  # (*cards, n)
    w = np.asarray(weights, dtype=np.float64)
    if combine == "wmean":
        mean = (x * w).sum(axis=-1) / w.sum()
    else:
        n = len(w)
        others = x.sum(axis=-1, keepdims=True) - x
        each = (w * x + others) / (w + n - 1)
        mean = each.min(axis=-1) if combine == "wmin" else each.max(axis=-1)
    sigma = math.sqrt(variance)
    edges = np.linspace(0.0, 1.0, states + 1)
    cdf = stats.norm.cdf((edges - mean[..., None]) / sigma)
    table = np.diff(cdf, axis=-1) / (cdf[..., -1:] - cdf[..., :1])
    return np.asarray(table, dtype=np.float64)
