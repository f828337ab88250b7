"""Models: a small discrete Bayesian network whose every conditional probability is a judgment.

The model holds what the analyst wrote (nodes, conditions, judgments,
observations), checks it where it comes in, and compiles it for the engines:
a list of uncertain :class:`Parameter` objects and, per node, a function from
their draws to the node's conditional probability table.
"""

from __future__ import annotations

import functools
import itertools
import math
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray

from likelihood._core.conditions import Literal as Condition
from likelihood._core.conditions import parse_condition, valid_name, valid_state
from likelihood._core.judgment import Judgment, Origin, analysts, judge, pool
from likelihood._core.names import suggest
from likelihood._core.scales import DEFAULT_SCALE, Scale
from likelihood._core.scales import scale as get_scale
from likelihood._core.validate import check_choice, check_positive, is_real_number
from likelihood._exceptions import (
    ConditionError,
    JudgmentTypeError,
    LikelihoodError,
    ModelError,
    OptionError,
    ProbabilityError,
    StateError,
    UnknownNodeError,
)

if TYPE_CHECKING:
    from likelihood._core.posterior import Posterior

__all__ = [
    "BINARY_STATES",
    "Dirichlet",
    "Model",
    "Node",
    "Parameter",
    "Row",
    "Source",
]

Array = NDArray[np.float64]
Role = Literal["hypothesis", "evidence", "report"]

#: The states of a binary node, in table order.
BINARY_STATES = ("true", "false")

#: Keys of a table that is a special form rather than a table of quantiles or states.
_FORMS = {
    "term",
    "scale",
    "beta",
    "pool",
    "method",
    "weights",
    "interval",
    "mass",
    "quantiles",
    "update",
    "successes",
    "trials",
    "analysts",
    "prior",
}


def _at(where: str, error: LikelihoodError) -> LikelihoodError:
    """Return the same error, its message prefixed with where it happened."""
    located = type(error).__new__(type(error))
    located.__dict__.update(error.__dict__)
    located.args = (f"{where}: {error.args[0] if error.args else ''}", *error.args[1:])
    return located


# -- uncertain tables of several states ------------------------------------------------------


class Dirichlet:
    """Uncertain probabilities of several states: the Dirichlet distribution.

    Use it as the table of a node with several states, e.g. counts from past
    cases plus one: ``Dirichlet({"attack": 3, "feint": 4, "exercise": 6})``.

    Parameters
    ----------
    alpha : mapping of str to float
        The concentration of each state, all positive.

    Examples
    --------
    >>> import likelihood as lk
    >>> d = lk.Dirichlet({"attack": 2, "feint": 3, "exercise": 5})
    >>> d.mean()
    {'attack': 0.2, 'feint': 0.3, 'exercise': 0.5}
    >>> d.rvs(4, random_state=1).shape
    (4, 3)
    """

    def __init__(self, alpha: Mapping[str, float]) -> None:
        if not isinstance(alpha, Mapping) or len(alpha) < 2:
            raise ProbabilityError(
                f"a Dirichlet needs a table {{state: concentration}} of two or more states; "
                f"got {alpha!r}"
            )
        self.states = tuple(str(s) for s in alpha)
        self.alpha = np.array(
            [check_positive(a, f"Dirichlet concentration of {s!r}") for s, a in alpha.items()]
        )

    def mean(self) -> dict[str, float]:
        """Return the mean probability of each state.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.Dirichlet({"a": 1, "b": 3}).mean()
        {'a': 0.25, 'b': 0.75}
        """
        m = self.alpha / self.alpha.sum()
        return {s: float(x) for s, x in zip(self.states, m, strict=True)}

    def rvs(self, size: int, random_state: int | np.random.Generator | None = None) -> Array:
        """Draw *size* probability vectors, shape ``(size, states)``.

        Parameters
        ----------
        size : int
            How many vectors.
        random_state : int or numpy.random.Generator, optional
            A seed or a generator; the same seed gives the same draws.

        Returns
        -------
        numpy.ndarray
            Each row sums to 1.

        Examples
        --------
        >>> import likelihood as lk
        >>> bool(abs(lk.Dirichlet({"a": 1, "b": 3}).rvs(5, random_state=2).sum(axis=1) - 1).max() < 1e-12)
        True
        """  # noqa: E501
        rng = np.random.default_rng(random_state)
        g = rng.standard_gamma(self.alpha, size=(size, len(self.alpha)))
        return np.asarray(g / g.sum(axis=1, keepdims=True), dtype=np.float64)

    def __repr__(self) -> str:
        table = ", ".join(f"{s}: {a:g}" for s, a in zip(self.states, self.alpha, strict=True))
        return f"Dirichlet({{{table}}})"


class _LogUniformRatio:
    """A likelihood ratio whose log10 is uniform on [log10 lower, log10 upper] (or fixed)."""

    kind = "likelihood-ratio"

    def __init__(self, lower: float, upper: float) -> None:
        self.lower, self.upper = lower, upper

    @property
    def is_fixed(self) -> bool:
        return self.lower == self.upper

    def rvs(self, n: int, rng: np.random.Generator) -> Array:
        if self.is_fixed:
            return np.array([self.lower])
        return np.asarray(10.0 ** rng.uniform(math.log10(self.lower), math.log10(self.upper), n))

    def ppf(self, q: float) -> float:
        lo, hi = math.log10(self.lower), math.log10(self.upper)
        return float(10.0 ** (lo + q * (hi - lo)))

    def mean_probability(self) -> float:
        """E[LR / (1 + LR)]: the mean of the table entry this ratio gives."""
        if self.is_fixed:
            return self.lower / (1.0 + self.lower)
        lo, hi = math.log(self.lower), math.log(self.upper)
        # the integral of e^u / (1 + e^u) over u, divided by the width
        return float((math.log1p(self.upper) - math.log1p(self.lower)) / (hi - lo))


# -- the parts of a model ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a node's table: a condition on the parents and the judgment under it.

    Attributes
    ----------
    condition : str
        The condition as written canonically (``"burglary & ~earthquake"``),
        ``""`` for a node without parents.
    assignment : tuple of str
        The parents' states, in the node's parent order.
    value : Judgment or dict of str to Judgment or Dirichlet
        ``P(true | condition)`` for a binary node; for a node with several
        states, a table of judgments (normalised per draw) or a Dirichlet.
    written : object
        What the analyst wrote.
    """

    condition: str
    assignment: tuple[str, ...]
    value: Judgment | dict[str, Judgment] | Dirichlet
    written: Any


@dataclass(frozen=True, slots=True)
class Source:
    """A source of reports and how reliable it is.

    Attributes
    ----------
    name : str
    reliability : Judgment
        The probability ``r`` that the source reports the truth.
    written : object
        What the analyst wrote (an Admiralty grade such as ``"F"``, or a judgment).
    grade : str or None
        The Admiralty grade, when one was given.
    text : str
    """

    name: str
    reliability: Judgment
    written: Any
    grade: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Node:
    """A variable of the model, its parents and its table.

    Attributes
    ----------
    name : str
    role : {"hypothesis", "evidence", "report"}
    states : tuple of str
        ``("true", "false")`` for a binary node.
    binary : bool
    parents : tuple of str
    rows : tuple of Row
        The table, one row per parent assignment (empty for a report or for
        evidence given by its strength).
    text : str
        What the node stands for, in words.
    supports : str or None
        For evidence given by its strength: the condition it supports.
    strength : object
        For evidence given by its strength: what was written (an ENFSI term, a
        likelihood ratio or an interval of them).
    source, claims : str or None
        For a report: its source and the condition it claims.
    """

    name: str
    role: Role
    states: tuple[str, ...]
    binary: bool
    parents: tuple[str, ...]
    rows: tuple[Row, ...]
    text: str = ""
    supports: str | None = None
    strength: Any = None
    source: str | None = None
    claims: str | None = None
    _ratio: _LogUniformRatio | None = field(default=None, repr=False, compare=False)
    _claim: Condition | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Parameter:
    """One uncertain quantity of the model, drawn once per draw θᵢ.

    Attributes
    ----------
    label : str
        ``"node | condition"``, ``"node: state | condition"``, ``"source: reliability"``
        or ``"node: strength"``.
    node : str or None
        The node whose table it fills (``None`` for a source's reliability,
        shared by its reports).
    condition : str or None
    state : str or None
    written : str
        What the analyst wrote, as text.
    distribution : Judgment or Dirichlet or object
    """

    label: str
    node: str | None
    condition: str | None
    state: str | None
    written: str
    distribution: Any

    @property
    def is_fixed(self) -> bool:
        """Whether the parameter is a single number (no uncertainty)."""
        d = self.distribution
        return bool(getattr(d, "is_fixed", False))


def _written_text(value: Any) -> str:
    if isinstance(value, Judgment):
        return value.origin.label
    if isinstance(value, str):
        return value
    return repr(value) if not is_real_number(value) else f"{float(value):g}"


@functools.cache
def _reliability_readings() -> dict[str, Any]:
    raw = resources.files("likelihood").joinpath("data", "reliability.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def _grade_judgment(code: str) -> Judgment:
    data = _reliability_readings()
    grade = data["grade"][code]
    citation = data["citation"]
    label = f"Admiralty {code} ({grade['label']})"
    if grade.get("uniform"):
        j = judge(beta=(1.0, 1.0))
        method = "uniform on [0, 1]: the reliability cannot be judged"
    else:
        lo, hi = (x / 100 for x in grade["range"])
        j = judge((lo, hi))
        method = (
            f"maximum-entropy Beta with 90 % of its mass in [{lo:g}, {hi:g}], "
            f"the {data['convention']}"
        )
    return Judgment(j._dist, Origin("term", label, method, scale="admiralty", citation=citation))


# -- the model -----------------------------------------------------------------------------


class Model:
    """A small Bayesian network of hypotheses, evidence and reports, in words.

    Every conditional probability is a :class:`Judgment` (a word of the model's
    scale, a number, an interval, a pool, ...), so the model has uncertain
    parameters θ; :meth:`infer` answers with the coherent probability of each
    node given the evidence and the band of that probability over θ.

    Parameters
    ----------
    scale : str or Scale, default "phia"
        The scale words are read on (unless a value names another scale).
    title : str, optional
        What the analysis is about.

    See Also
    --------
    load : read a model from an analysis (TOML) or BIF file.

    Examples
    --------
    >>> import likelihood as lk
    >>> m = lk.Model(scale="icd203", title="Burglary alarm")
    >>> m.hypothesis("burglary", prior=0.001)
    >>> m.hypothesis("earthquake", prior=0.002)
    >>> m.hypothesis("alarm", given={
    ...     "burglary & earthquake": 0.95, "burglary & ~earthquake": 0.94,
    ...     "~burglary & earthquake": 0.29, "~burglary & ~earthquake": 0.001})
    >>> m.evidence("john_calls", given={"alarm": 0.90, "~alarm": 0.05}, observed=True)
    >>> m.evidence("mary_calls", given={"alarm": 0.70, "~alarm": 0.01}, observed=True)
    >>> round(m.infer().probability("burglary"), 4)
    0.2842
    """

    def __init__(self, scale: str | Scale = DEFAULT_SCALE, title: str = "") -> None:
        self.scale: Scale = get_scale(scale)
        if not isinstance(title, str):
            raise JudgmentTypeError(f"title must be a string; got {title!r}")
        self.title = title
        self._nodes: dict[str, Node] = {}
        self._sources: dict[str, Source] = {}
        self._observed: dict[str, str] = {}

    # -- reading what the analyst wrote ------------------------------------------------

    def _judgment(self, value: Any, where: str) -> Judgment:
        """Read one probability: a word, a number, an interval, quantiles or a special form."""
        try:
            if isinstance(value, Mapping) and value and set(map(str, value)) <= _FORMS:
                return self._form(value, where)
            return judge(value, scale=self.scale)
        except LikelihoodError as error:
            raise _at(where, error) from None

    def _form(self, value: Mapping[str, Any], where: str) -> Judgment:
        keys = set(value)
        if "term" in keys:
            extra = keys - {"term", "scale"}
            if extra:
                raise ModelError(f"a term form takes 'term' and 'scale'; got also {sorted(extra)}")
            return judge(value["term"], scale=value.get("scale", self.scale))
        if "beta" in keys:
            beta = value["beta"]
            if keys != {"beta"}:
                raise ModelError(f"a beta form takes only 'beta'; got {sorted(keys)}")
            if isinstance(beta, str) or not isinstance(beta, Sequence) or len(beta) != 2:
                raise ProbabilityError(f"beta must be two positive numbers [a, b]; got {beta!r}")
            return judge(beta=(beta[0], beta[1]))
        if "pool" in keys:
            extra = keys - {"pool", "method", "weights"}
            if extra:
                raise ModelError(
                    f"a pool takes 'pool', 'method', 'weights'; got also {sorted(extra)}"
                )
            items = value["pool"]
            if isinstance(items, str) or not isinstance(items, Sequence) or not items:
                raise ModelError(f"'pool' must be a list of judgments; got {items!r}")
            members = [self._judgment(v, f"pool[{i}]") for i, v in enumerate(items)]
            return pool(members, weights=value.get("weights"), method=value.get("method", "linear"))
        if "interval" in keys:
            extra = keys - {"interval", "mass"}
            if extra:
                raise ModelError(
                    f"an interval form takes 'interval', 'mass'; got also {sorted(extra)}"
                )
            interval = value["interval"]
            return judge(
                tuple(interval) if isinstance(interval, list) else interval,
                mass=value.get("mass", 0.9),
            )
        if "quantiles" in keys:
            if keys != {"quantiles"}:
                raise ModelError(f"a quantiles form takes only 'quantiles'; got {sorted(keys)}")
            return judge(value["quantiles"])
        if "update" in keys:
            if keys != {"update", "successes", "trials"}:
                raise ModelError(
                    f"an update form takes 'update', 'successes' and 'trials'; got {sorted(keys)}"
                )
            prior = self._judgment(value["update"], "update")
            return prior.update(successes=value["successes"], trials=value["trials"])
        if "analysts" in keys:
            extra = keys - {"analysts", "prior"}
            if extra:
                raise ModelError(
                    f"an analysts form takes 'analysts', 'prior'; got also {sorted(extra)}"
                )
            base = self._judgment(value["prior"], "prior") if "prior" in keys else None
            numbers = value["analysts"]
            return analysts(numbers, prior=base)
        raise ModelError(f"cannot read {dict(value)!r} as a judgment")

    def _table(
        self, value: Any, states: tuple[str, ...], where: str
    ) -> dict[str, Judgment] | Dirichlet:
        """Read the table of a node with several states."""
        if isinstance(value, Dirichlet):
            table: Any = value
        elif isinstance(value, Mapping) and set(value) == {"dirichlet"}:
            try:
                table = Dirichlet(value["dirichlet"])
            except LikelihoodError as error:
                raise _at(where, error) from None
        elif isinstance(value, Mapping):
            table = None
        else:
            raise JudgmentTypeError(
                f"{where}: a node with states {list(states)} takes a table {{state: probability}} "
                f"or a Dirichlet; got {value!r}"
            )
        given = table.states if table is not None else tuple(str(k) for k in value)
        unknown = [s for s in given if s not in states]
        if unknown:
            raise StateError(
                f"{where}: {', '.join(map(repr, unknown))} is not a state of this node; "
                f"its states are {', '.join(states)}"
            )
        missing = [s for s in states if s not in given]
        if missing:
            raise StateError(
                f"{where}: the table gives no probability for {', '.join(map(repr, missing))}; "
                f"give every state: {', '.join(states)}"
            )
        if table is not None:
            order = [table.states.index(s) for s in states]
            return Dirichlet({s: float(table.alpha[i]) for s, i in zip(states, order, strict=True)})
        entries = {s: self._judgment(value[s], f"{where}[{s!r}]") for s in states}
        if all(j.is_fixed and j.value == 0.0 for j in entries.values()):
            raise ProbabilityError(
                f"{where}: the table cannot be normalised: every state has probability 0"
            )
        return entries

    def _check_new_name(self, name: object, what: str) -> str:
        if not isinstance(name, str) or not valid_name(name):
            raise ModelError(
                f"a {what} name must be a word of letters, digits, '_', '-' or '.', starting with "
                f"a letter or '_'; got {name!r}"
            )
        if name in self._nodes or name in self._sources:
            raise ModelError(f"{name!r} is already defined in this model")
        return name

    def _check_states(self, name: str, states: Any) -> tuple[tuple[str, ...], bool]:
        if states is None:
            return BINARY_STATES, True
        if isinstance(states, str) or not isinstance(states, Sequence) or len(states) < 2:
            raise StateError(f"{name}: states must be a list of two or more names; got {states!r}")
        names = tuple(states)
        for s in names:
            if not isinstance(s, str) or not valid_state(s):
                raise StateError(
                    f"{name}: {s!r} is not a valid state name (non-empty, no '&', no spaces around)"
                )
        if len(set(names)) != len(names):
            raise StateError(f"{name}: a state is listed twice in {list(names)}")
        return names, False

    def node(self, name: str, where: str = "") -> Node:
        """Return the node called *name*.

        Parameters
        ----------
        name : str
            The node's name.
        where : str, optional
            Where the name was read (a file, a table), for the error message.

        Returns
        -------
        Node

        Raises
        ------
        UnknownNodeError
            If there is no such node; the message names the closest ones.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("talks", prior="likely")
        >>> m.node("talks").role
        'hypothesis'
        >>> m.node("tlaks")
        Traceback (most recent call last):
        ...
        likelihood._exceptions.UnknownNodeError: no node 'tlaks' in the model; did you mean 'talks'? Nodes: talks
        """  # noqa: E501
        if isinstance(name, str) and name in self._nodes:
            return self._nodes[name]
        close = tuple(suggest(str(name), list(self._nodes)))
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        known = ", ".join(self._nodes) or "none yet"
        prefix = f"{where}: " if where else ""
        raise UnknownNodeError(
            f"{prefix}no node {name!r} in the model{hint} Nodes: {known}",
            node=str(name),
            suggestions=close,
        )

    def _literal(self, literal: Condition, where: str) -> tuple[str, str]:
        """Check one part of a condition; return the node and its state."""
        node = self.node(literal.node, where)
        if literal.state is None:
            if not node.binary:
                raise ConditionError(
                    f"{where}: {node.name!r} has the states {', '.join(node.states)}; "
                    f"write {node.name}=STATE"
                )
            return node.name, "false" if literal.negated else "true"
        if node.binary and literal.state in ("true", "false"):
            return node.name, literal.state
        if literal.state not in node.states:
            raise StateError(
                f"{where}: {literal.state!r} is not a state of {node.name!r}; "
                f"its states are {', '.join(node.states)}"
            )
        return node.name, literal.state

    def _rows(
        self, name: str, given: Any, states: tuple[str, ...], binary: bool
    ) -> tuple[tuple[str, ...], tuple[Row, ...]]:
        """Read ``given``: the parents, from the conditions, and one row per parent assignment."""
        if not isinstance(given, Mapping) or not given:
            raise ConditionError(
                f"{name}: given must be a table {{condition: probability}}; got {given!r}"
            )
        parsed: list[tuple[str, dict[str, str], Any]] = []
        parents: list[str] = []
        for condition, value in given.items():
            where = f"{name}, given[{condition!r}]"
            literals = parse_condition(condition, where)
            assignment: dict[str, str] = {}
            for literal in literals:
                parent, state = self._literal(literal, where)
                assignment[parent] = state
                if parent not in parents:
                    parents.append(parent)
            parsed.append((str(condition), assignment, value))
        rows: dict[tuple[str, ...], Row] = {}
        first: dict[tuple[str, ...], str] = {}
        for condition, assignment, value in parsed:
            where = f"{name}, given[{condition!r}]"
            absent = [p for p in parents if p not in assignment]
            if absent:
                raise ConditionError(
                    f"{where}: the row gives no state for the parent(s) {', '.join(absent)}; "
                    f"every row must set every parent ({', '.join(parents)})"
                )
            key = tuple(assignment[p] for p in parents)
            if key in rows:
                raise ConditionError(
                    f"{name}: the conditions {first[key]!r} and {condition!r} are the same row"
                )
            canonical = " & ".join(
                _literal_text(self._nodes[p], s) for p, s in zip(parents, key, strict=True)
            )
            if binary:
                content: Any = self._judgment(value, where)
            else:
                content = self._table(value, states, where)
            rows[key] = Row(canonical, key, content, value)
            first[key] = condition
        every = itertools.product(*(self._nodes[p].states for p in parents))
        missing = [key for key in every if key not in rows]
        if missing:
            shown = [
                " & ".join(
                    _literal_text(self._nodes[p], s) for p, s in zip(parents, key, strict=True)
                )
                for key in missing
            ]
            raise ConditionError(
                f"{name}: given has no row for {', '.join(map(repr, shown[:6]))}"
                + (f" and {len(shown) - 6} more" if len(shown) > 6 else "")
                + f"; the parents {', '.join(parents)} need "
                + f"{math.prod(len(self._nodes[p].states) for p in parents)} rows"
            )
        ordered = tuple(
            rows[key] for key in itertools.product(*(self._nodes[p].states for p in parents))
        )
        return tuple(parents), ordered

    def _add(
        self,
        role: Role,
        name: str,
        prior: Any,
        given: Any,
        states: Any,
        text: str,
        observed: Any = None,
    ) -> None:
        name = self._check_new_name(name, "node")
        node_states, binary = self._check_states(name, states)
        if not isinstance(text, str):
            raise JudgmentTypeError(f"{name}: text must be a string; got {text!r}")
        if prior is not None and given is not None:
            raise ModelError(
                f"{name}: give either prior (no parents) or given (conditions), not both"
            )
        if prior is None and given is None:
            raise ModelError(
                f"{name}: needs prior=... (a node without parents) or given={{condition: ...}}"
            )
        if given is not None:
            parents, rows = self._rows(name, given, node_states, binary)
        else:
            where = f"{name}, prior"
            content: Any = (
                self._judgment(prior, where) if binary else self._table(prior, node_states, where)
            )
            parents, rows = (), (Row("", (), content, prior),)
        node = Node(name, role, node_states, binary, parents, rows, text)
        state = self._observation(node, observed) if observed is not None else None
        self._nodes[name] = node
        if state is not None:
            self._observed[name] = state

    # -- building ------------------------------------------------------------------------

    def hypothesis(
        self,
        name: str,
        prior: Any = None,
        *,
        given: Mapping[str, Any] | None = None,
        states: Sequence[str] | None = None,
        text: str = "",
    ) -> None:
        """Add a hypothesis: a node with a prior, or a table given its parents.

        Parameters
        ----------
        name : str
            Letters, digits, ``_``, ``-`` or ``.``, starting with a letter or ``_``.
        prior : optional
            For a node without parents. A binary node takes one probability (a
            word of the model's scale, a number, an interval ``(lo, hi)``,
            quantiles, a :class:`Judgment`, or a form ``{"term": ..., "scale":
            ...}``, ``{"beta": [a, b]}``, ``{"pool": [...], "method": ...}``,
            ``{"interval": [lo, hi], "mass": m}``); a node with *states* takes a
            table ``{state: probability}`` (normalised per draw) or a
            :class:`Dirichlet`.
        given : mapping, optional
            ``{condition: probability}``, one row per assignment of the parents,
            which are read from the conditions: ``"a & ~b"`` (binary parents),
            ``"intent=attack"`` (a parent with states). A binary node's value is
            ``P(node is true | condition)``.
        states : sequence of str, optional
            The states of a node that is not binary.
        text : str, optional
            What the hypothesis says, in words.

        Raises
        ------
        UnknownNodeError
            A condition names a node that is not (yet) in the model.
        ConditionError
            A condition that cannot be read, or rows missing or given twice.
        StateError
            A state that a node does not have, or a table without every state.
        ProbabilityError, UnknownTermError
            A value that is not a valid judgment (the message names the row).

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("talks", prior="likely", text="Talks at some level take place")
        >>> m.hypothesis("negotiations", given={"talks": "unlikely", "~talks": 0.0})
        >>> m.nodes["negotiations"].parents
        ('talks',)
        """
        self._add("hypothesis", name, prior, given, states, text)

    def evidence(
        self,
        name: str,
        prior: Any = None,
        *,
        given: Mapping[str, Any] | None = None,
        states: Sequence[str] | None = None,
        observed: Any = None,
        supports: str | None = None,
        strength: Any = None,
        text: str = "",
    ) -> None:
        """Add an item of evidence, by its table or by the strength of its support.

        Parameters
        ----------
        name : str
        prior, given, states, text
            As for :meth:`hypothesis`.
        observed : bool or str, optional
            The observation: ``True``/``False`` for a binary node, a state name
            otherwise; ``None`` leaves it unobserved.
        supports : str, optional
            Instead of *given*: the condition this evidence supports (``"h"``,
            ``"~h"``, ``"intent=attack"``), with *strength*.
        strength : str, float or tuple, optional
            How strongly: a term of the ENFSI verbal scale of evidence strength
            (``"moderate support"``), a likelihood ratio, or an interval of them.
            A band ``[lo, hi)`` reads as ``log10 LR`` uniform on it; the
            open-ended top band is closed at ten times its lower edge. The
            table is ``P(E | supported) = LR / (1 + LR)``,
            ``P(E | not supported) = 1 / (1 + LR)``.

        Raises
        ------
        ModelError
            Both a table and a strength, or neither.

        References
        ----------
        .. [1] European Network of Forensic Science Institutes (2015). ENFSI
           Guideline for Evaluative Reporting in Forensic Science.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.5)
        >>> m.evidence("e", supports="h", strength=10.0, observed=True)
        >>> round(m.infer().probability("h"), 6)   # prior odds 1, likelihood ratio 10
        0.909091
        """
        if supports is None and strength is None:
            self._add("evidence", name, prior, given, states, text, observed)
            return
        if supports is None or strength is None:
            raise ModelError(f"{name}: give supports=... and strength=... together")
        if prior is not None or given is not None or states is not None:
            raise ModelError(f"{name}: give either a table (prior/given) or supports and strength")
        name = self._check_new_name(name, "node")
        where = f"{name}, supports"
        literals = parse_condition(supports, where)
        if len(literals) != 1:
            raise ConditionError(
                f"{where}: evidence supports one condition on one node; got {supports!r}"
            )
        parent, state = self._literal(literals[0], where)
        claim = Condition(parent, state)
        ratio = _strength(strength, f"{name}, strength")
        node = Node(
            name,
            "evidence",
            BINARY_STATES,
            True,
            (parent,),
            (),
            text,
            supports=supports,
            strength=strength,
            _ratio=ratio,
            _claim=claim,
        )
        observation = self._observation(node, observed) if observed is not None else None
        self._nodes[name] = node
        if observation is not None:
            self._observed[name] = observation

    def source(self, name: str, *, reliability: Any, text: str = "") -> None:
        """Add a source of reports, graded for reliability.

        Parameters
        ----------
        name : str
        reliability : str or Judgment
            An Admiralty reliability grade (``"A"`` ... ``"F"``, or its label such
            as ``"usually reliable"``), read as the probability ``r`` that the
            source reports the truth by the library's documented convention
            (``docs/model.md``); or any judgment of ``r`` (a word of the model's
            scale, a number, an interval).
        text : str, optional

        References
        ----------
        .. [1] Bovens, L., & Hartmann, S. (2003). Bayesian Epistemology. Oxford
           University Press, chapter 3.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.source("reporter", reliability="F")
        >>> m.sources["reporter"].reliability.beta      # cannot be judged: uniform
        (1.0, 1.0)
        """
        name = self._check_new_name(name, "source")
        grade: str | None = None
        if isinstance(reliability, str):
            admiralty = get_scale("admiralty")
            term = admiralty.term(reliability) if reliability in admiralty else None
            if term is not None and term.axis == "reliability":
                grade = term.code
        if grade is not None:
            judgment = _grade_judgment(grade)
        else:
            judgment = self._judgment(reliability, f"source {name}, reliability")
        self._sources[name] = Source(name, judgment, reliability, grade, text)

    def report(
        self,
        name: str,
        *,
        source: str,
        claims: str,
        observed: Any = None,
        text: str = "",
    ) -> None:
        """Add a report: *source* claims that *claims* holds.

        The source reports the truth with probability ``r`` (its reliability)
        and otherwise at random, so ``P(report | claim) = (1 + r) / 2`` and
        ``P(report | not claim) = (1 - r) / 2``. A source whose reliability
        cannot be judged (``r`` uniform) moves the answer less than a reliable
        one, and its band shows the uncertainty.

        Parameters
        ----------
        name : str
        source : str
            A source added with :meth:`source`.
        claims : str
            The condition the report asserts: ``"h"``, ``"~h"`` or ``"intent=attack"``.
        observed : bool, optional
            Whether the report was made.
        text : str, optional

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.5)
        >>> m.source("insider", reliability=0.8)
        >>> m.report("says_h", source="insider", claims="h", observed=True)
        >>> round(m.infer().probability("h"), 6)   # likelihood ratio (1 + 0.8) / (1 - 0.8) = 9
        0.9
        """
        name = self._check_new_name(name, "node")
        if source not in self._sources:
            close = suggest(str(source), list(self._sources))
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
            raise UnknownNodeError(
                f"{name}: no source {source!r}{hint} "
                f"Sources: {', '.join(self._sources) or 'none yet'}",
                node=str(source),
                suggestions=tuple(close),
            )
        where = f"{name}, claims"
        literals = parse_condition(claims, where)
        if len(literals) != 1:
            raise ConditionError(
                f"{where}: a report claims one condition on one node; got {claims!r}"
            )
        parent, state = self._literal(literals[0], where)
        node = Node(
            name,
            "report",
            BINARY_STATES,
            True,
            (parent,),
            (),
            text,
            source=source,
            claims=claims,
            _claim=Condition(parent, state),
        )
        observation = self._observation(node, observed) if observed is not None else None
        self._nodes[name] = node
        if observation is not None:
            self._observed[name] = observation

    # -- observing ----------------------------------------------------------------------

    def _observation(self, node: Node, value: Any) -> str:
        if node.binary:
            if isinstance(value, bool | np.bool_):
                return "true" if value else "false"
            if value in ("true", "false"):
                return str(value)
            raise StateError(f"{node.name}: a binary node is observed True or False; got {value!r}")
        if isinstance(value, str) and value in node.states:
            return value
        raise StateError(
            f"{node.name}: {value!r} is not a state of this node; "
            f"its states are {', '.join(node.states)}"
        )

    def observe(self, name: str, value: Any) -> None:
        """Set, change or clear (``None``) the observation of a node.

        Parameters
        ----------
        name : str
        value : bool, str or None
            ``True``/``False`` for a binary node, a state name otherwise.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e", given={"h": 0.9, "~h": 0.2})
        >>> m.observe("e", True)
        >>> m.observed
        {'e': True}
        >>> m.observe("e", None)
        >>> m.observed
        {}
        """
        node = self.node(name)
        if value is None:
            self._observed.pop(name, None)
            return
        self._observed[name] = self._observation(node, value)

    # -- looking at it --------------------------------------------------------------------

    @property
    def nodes(self) -> Mapping[str, Node]:
        """The nodes, by name, in the order they were added."""
        return dict(self._nodes)

    @property
    def sources(self) -> Mapping[str, Source]:
        """The sources, by name."""
        return dict(self._sources)

    @property
    def observed(self) -> dict[str, bool | str]:
        """The observations: ``{name: True/False or state}``."""
        return {
            name: (state == "true") if self._nodes[name].binary else state
            for name, state in self._observed.items()
        }

    def __contains__(self, name: object) -> bool:
        return name in self._nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        parts = []
        for name in self._nodes:
            seen = f"={self.observed[name]}" if name in self._observed else ""
            parts.append(f"{name}{seen}")
        name = title.strip() or "untitled"
        return f"Model({name}, scale={self.scale.name}, nodes: {', '.join(parts)})"

    def copy(self) -> Model:
        """Return an independent copy (observations included).

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m2 = m.copy(); m2.observe("h", True)
        >>> m.observed, m2.observed
        ({}, {'h': True})
        """
        other = Model(self.scale, self.title)
        other._nodes = dict(self._nodes)
        other._sources = dict(self._sources)
        other._observed = dict(self._observed)
        return other

    # -- compiling for the engines ----------------------------------------------------------

    def parameters(self, nodes: Sequence[str] | None = None) -> list[Parameter]:
        """Return the model's parameters (uncertain and fixed), in a fixed order.

        Sources first (a reliability is shared by all its reports), then each
        node's rows in order. Only the parameters of *nodes* when given.

        Parameters
        ----------
        nodes : sequence of str, optional
            Only the parameters these nodes use; every node by default.

        Returns
        -------
        list of Parameter

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> m.evidence("e", given={"h": "highly likely", "~h": 0.1})
        >>> [(p.label, p.written) for p in m.parameters()]
        [('h', 'likely'), ('e | h', 'highly likely'), ('e | ~h', '0.1')]
        """
        chosen = list(self._nodes) if nodes is None else list(nodes)
        used_sources = {self._nodes[n].source for n in chosen if self._nodes[n].source}
        out: list[Parameter] = []
        for name, src in self._sources.items():
            if name in used_sources:
                written = src.grade if src.grade else _written_text(src.written)
                out.append(
                    Parameter(f"{name}: reliability", None, None, None, written, src.reliability)
                )
        for name in chosen:
            node = self._nodes[name]
            if node._ratio is not None:
                out.append(
                    Parameter(
                        f"{name}: strength",
                        name,
                        None,
                        None,
                        _written_text(node.strength),
                        node._ratio,
                    )
                )
            for row in node.rows:
                label = f"{name} | {row.condition}" if row.condition else name
                if isinstance(row.value, Judgment):
                    out.append(
                        Parameter(
                            label,
                            name,
                            row.condition or None,
                            None,
                            _written_text(row.written),
                            row.value,
                        )
                    )
                elif isinstance(row.value, Dirichlet):
                    out.append(
                        Parameter(
                            label, name, row.condition or None, None, repr(row.value), row.value
                        )
                    )
                else:
                    table: Mapping[str, Any] = (
                        row.written if isinstance(row.written, Mapping) else {}
                    )
                    for state, j in row.value.items():
                        text = _written_text(table.get(state, j))
                        out.append(
                            Parameter(
                                f"{name}: {state}"
                                + (f" | {row.condition}" if row.condition else ""),
                                name,
                                row.condition or None,
                                state,
                                text,
                                j,
                            )
                        )
        return out

    def ancestors(self, names: Sequence[str]) -> list[str]:
        """Return *names* and all their ancestors, in the model's order.

        Parameters
        ----------
        names : sequence of str
            Node names.

        Returns
        -------
        list of str

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("a", prior=0.5)
        >>> m.hypothesis("b", prior=0.5)
        >>> m.hypothesis("c", given={"a": 0.9, "~a": 0.1})
        >>> m.ancestors(["c"])
        ['a', 'c']
        """
        keep: set[str] = set()
        stack = list(names)
        while stack:
            n = stack.pop()
            if n not in keep:
                keep.add(n)
                stack.extend(self._nodes[n].parents)
        return [n for n in self._nodes if n in keep]

    def infer(
        self,
        draws: int | None = None,
        seed: int | np.random.Generator | None = None,
        *,
        method: str = "exact",
        query: Sequence[str] | None = None,
        chains: int = 4,
        tune: int = 1000,
        progressbar: bool = True,
        cores: int | None = None,
    ) -> Posterior:
        """Compute the posterior of every node given the observations.

        Parameters
        ----------
        draws : int, optional
            Draws of the parameters θ: 20,000 for the exact engine (a model
            without uncertain parameters is evaluated once, exactly); for the
            PyMC engine, draws per chain after tuning (1,000).
        seed : int or numpy.random.Generator, optional
            The same seed gives the same answer (for the PyMC engine, an int).
        method : {"exact", "pymc"}, default "exact"
            ``"exact"``: every draw's network is evaluated exactly (junction tree)
            and weighted by ``P(E | θ)``. ``"pymc"``: θ latent in a
            :class:`pymc.Model`, the hidden nodes summed out exactly, sampled by
            NUTS through :func:`pymc.sample`; data behind a judgment (counts,
            analysts) enter as a likelihood.
        query : sequence of str, optional
            Compute only these nodes (and draw only the parameters they and the
            observations depend on). All nodes by default.
        chains, tune, progressbar, cores
            For the PyMC engine: chains, tuning steps per chain, PyMC's progress
            bar (off with ``progressbar=False``), and processes.

        Returns
        -------
        Posterior

        Raises
        ------
        EvidenceError
            The observations are impossible under every draw; the message names
            the first observation that makes them so.
        OptionError
            An unknown *method*.

        Warns
        -----
        EffectiveSampleSizeWarning
            When the evidence leaves fewer than 100 effective draws.
        SamplerWarning
            When the PyMC sampler may not have converged (R-hat > 1.01, ESS < 400,
            divergences).

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="realistic possibility")
        >>> m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
        >>> post = m.infer(draws=4000, seed=1)
        >>> post.probability("h") > 0.45
        True
        """
        check_choice(method, ("exact", "pymc"), "method")
        if draws is None:
            draws = 20_000 if method == "exact" else 1000
        for value, what in ((draws, "draws"), (chains, "chains")):
            if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
                raise OptionError(f"{what} must be a whole number >= 1; got {value!r}")
        if isinstance(tune, bool) or not isinstance(tune, int | np.integer) or tune < 0:
            raise OptionError(f"tune must be a whole number >= 0; got {tune!r}")
        if not self._nodes:
            raise ModelError("the model has no nodes yet; add hypotheses and evidence first")
        if query is not None:
            if isinstance(query, str):
                query = [query]
            for q in query:
                self.node(q, "query")
        chosen = list(query) if query is not None else None
        if method == "pymc":
            if seed is not None and not isinstance(seed, int):
                raise OptionError(f"the PyMC engine takes an int seed; got {seed!r}")
            from likelihood._pymc.engine import infer_pymc

            return infer_pymc(
                self, int(draws), int(tune), int(chains), seed, chosen, progressbar, cores
            )
        from likelihood._core.engine import infer_exact

        return infer_exact(self, int(draws), seed, chosen)

    def plot(self, posterior: Posterior | None = None, ax: Any = None) -> Any:
        """Plot the network: hypotheses, evidence, reports and sources, each with its posterior.

        Parameters
        ----------
        posterior : Posterior, optional
            The answers to show as bars; the model is inferred (exact engine,
            seed 0) when none is given.
        ax : matplotlib.axes.Axes, optional

        Returns
        -------
        matplotlib.axes.Axes

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model(title="demo")
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=True)
        >>> ax = m.plot()
        >>> sorted(p.get_gid() for p in ax.patches if (p.get_gid() or "").startswith("node:"))
        ['node:e', 'node:h']
        """
        from likelihood._view.plots import plot_model

        return plot_model(self, posterior, ax)

    def save(self, path: str | Any) -> None:
        """Write the model to an analysis file (``.toml``) or a BIF network (``.bif``).

        A TOML file keeps every judgment as it was written and loads back to the
        same model; a BIF file holds numbers only, so each table is written at
        the judgments' means (normalised).

        Parameters
        ----------
        path : str or pathlib.Path
            The file to write; its suffix chooses the format.

        Examples
        --------
        >>> import tempfile, pathlib, likelihood as lk
        >>> m = lk.Model(title="demo")
        >>> m.hypothesis("h", prior="likely")
        >>> with tempfile.TemporaryDirectory() as d:
        ...     m.save(pathlib.Path(d, "demo.toml"))
        ...     again = lk.load(pathlib.Path(d, "demo.toml"))
        >>> again.nodes["h"].rows[0].written
        'likely'
        """
        from likelihood._io.files import save_model

        save_model(self, path)


def _literal_text(node: Node, state: str) -> str:
    if node.binary:
        return node.name if state == "true" else f"~{node.name}"
    return f"{node.name}={state}"


def _strength(value: Any, where: str) -> _LogUniformRatio:
    """Read an evidence strength: an ENFSI term, a likelihood ratio or an interval of them."""
    if isinstance(value, str):
        try:
            term = get_scale("enfsi").term(value)
        except LikelihoodError as error:
            raise _at(where, error) from None
        lo, hi = term.range  # type: ignore[misc]
        if math.isinf(hi):
            hi = 10.0 * lo  # the open-ended top band, closed at one decade
        return _LogUniformRatio(lo, hi)
    if is_real_number(value):
        lr = float(value)
        if not (0.0 < lr < math.inf):
            raise ProbabilityError(
                f"{where}: a likelihood ratio must be a number > 0; got {value!r}"
            )
        return _LogUniformRatio(lr, lr)
    if isinstance(value, Sequence) and len(value) == 2 and all(is_real_number(v) for v in value):
        lo, hi = (float(v) for v in value)
        if not (0.0 < lo < hi < math.inf):
            raise ProbabilityError(
                f"{where}: an interval of likelihood ratios needs 0 < lower < upper; got {value!r}"
            )
        return _LogUniformRatio(lo, hi)
    raise JudgmentTypeError(
        f"{where}: strength must be an ENFSI term (e.g. 'moderate support'), a likelihood ratio or "
        f"an interval (lower, upper) of them; got {value!r}"
    )
