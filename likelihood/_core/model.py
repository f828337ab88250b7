"""Models: a small discrete Bayesian network whose every conditional probability is a judgment.

The model holds what the analyst wrote (nodes, conditions, judgments,
observations), checks it where it comes in, and compiles it for the engines:
a list of uncertain :class:`Parameter` objects and, per node, a function from
their draws to the node's conditional probability table.
"""

from __future__ import annotations

import copy
import datetime
import functools
import itertools
import math
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import numpy as np
from numpy.typing import NDArray

from likelihood._core.canonical import Canonical, read_canonical
from likelihood._core.conditions import Literal as Condition
from likelihood._core.conditions import parse_condition, valid_name, valid_state
from likelihood._core.evaluation import theta_name
from likelihood._core.judgment import (
    Judgment,
    Origin,
    analysts,
    is_number,
    judge,
    own_scale,
    pool,
)
from likelihood._core.names import suggest
from likelihood._core.scales import DEFAULT_SCALE, TERM_MASS, Scale, Term
from likelihood._core.scales import scale as get_scale
from likelihood._core.validate import (
    check_choice,
    check_count,
    check_draw_memory,
    check_interval,
    check_mass,
    check_name,
    check_observed,
    check_positive,
    check_quantiles,
    check_seed,
    check_text,
    is_real_number,
    scalar,
)
from likelihood._defaults import (
    AUTO_MAX_DRAWS,
    AUTO_MCSE,
    BAND,
    DRAWS,
    MAX_ACCOUNTS,
    MIN_EFFECTIVE_DRAWS,
    PYMC_DRAWS,
)
from likelihood._exceptions import (
    AccuracyWarning,
    ConditionError,
    EffectiveSampleSizeWarning,
    JudgmentTypeError,
    ModelError,
    NormalisationWarning,
    OptionError,
    ProbabilityError,
    ScaleWarning,
    StateError,
    UnknownNodeError,
    UnknownScaleError,
    UnknownTermError,
    located,
    warn,
)

if TYPE_CHECKING:
    from likelihood._core.compiled import CompiledModel
    from likelihood._core.posterior import Posterior

__all__ = [
    "BINARY_STATES",
    "Decision",
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
#: What ``/`` becomes in a parameter's variable name (xarray and PyMC reserve ``/`` for paths):
#: U+2215 DIVISION SLASH, which looks the same.
VARIABLE_SLASH = "\u2215"

#: The forms a value may take as a table, by the key that names the form:
#: (the keys it takes, the keys it needs).
_FORMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "term": (("term", "scale"), ("term",)),
    "beta": (("beta",), ("beta",)),
    "pool": (("pool", "method", "weights"), ("pool",)),
    "interval": (("interval", "mass"), ("interval",)),
    "quantiles": (("quantiles",), ("quantiles",)),
    "update": (("update", "successes", "trials"), ("update", "successes", "trials")),
    "analysts": (("analysts", "prior"), ("analysts",)),
}
#: How far normalising a table may move an entry beyond its 90 % band without a warning:
#: half a percentage point, the resolution at which numbers are written.
_NUMBER_RESOLUTION = 0.005
#: The form each secondary key belongs to.
_FORM_OF = {key: head for head, (keys, _) in _FORMS.items() for key in keys}


def arrival(value: Any, what: str = "at") -> Any:
    """Read when an observation arrived: a date, a date and time, or a number.

    ``datetime.date`` and ``datetime.datetime`` are kept; an ISO string
    (``"2023-11-02"``, ``"2023-11-02T14:30"``) is read as one; an int or float
    is a place in the order of arrival.

    Parameters
    ----------
    value : date, datetime, str or number
    what : str, optional
        What is read, for the error message.

    Returns
    -------
    datetime.date, datetime.datetime, int or float

    Raises
    ------
    OptionError
        Anything else, or a string that is not an ISO date.

    Examples
    --------
    >>> from likelihood._core.model import arrival
    >>> arrival("2023-11-02"), arrival(3)
    (datetime.date(2023, 11, 2), 3)
    """
    if isinstance(value, datetime.date):  # a datetime is a date too
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise OptionError(
            f"{what} is a date (such as '2023-11-02') or a number giving the order of "
            f"arrival; got {value!r}"
        )
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return datetime.date.fromisoformat(text)
            return datetime.datetime.fromisoformat(text)
        except ValueError:
            raise OptionError(
                f"{what} must be a date written YYYY-MM-DD (or YYYY-MM-DDTHH:MM), or a "
                f"number giving the order of arrival; got {value!r}"
            ) from None
    if not math.isfinite(value):
        raise OptionError(f"{what} must be a finite number or a date; got {value!r}")
    return value


def _is_level(key: object) -> bool:
    """Whether a key of a table is a quantile level (a number, or a string that reads as one)."""
    if is_real_number(key):
        return True
    if isinstance(key, str):
        try:
            float(key)
        except ValueError:
            return False
        return True
    return False


def _quoted(keys: Sequence[str]) -> str:
    """Return keys quoted and joined: ``'a'``, ``'a' and 'b'``, ``'a', 'b' and 'c'``."""
    shown = [repr(k) for k in keys]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


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
        return dirichlet_draws(self.alpha, size, np.random.default_rng(random_state))

    def __repr__(self) -> str:
        table = ", ".join(f"{s}: {a:g}" for s, a in zip(self.states, self.alpha, strict=True))
        return f"Dirichlet({{{table}}})"


# Gamma variates in single precision take about half the time of double (numpy's float32
# sampler). They are used when every concentration is at least ``_GAMMA32_MIN_SHAPE``: a variate
# then falls below float32's smallest normal number (and is raised to it) with probability below
# 2e-4 each, which moves a probability by less than 1e-30; a row whose variates sum below
# ``_GAMMA32_FLOOR`` (one in 10^6 rows at worst) is drawn again in double precision.
_GAMMA32_MIN_SHAPE = 0.1
_GAMMA32_FLOOR = 1e-30
_TINY32 = float(np.finfo(np.float32).tiny)


def dirichlet_draws(alpha: Array, size: int, rng: np.random.Generator) -> Array:
    """Draw *size* Dirichlet(*alpha*) vectors as normalised gamma variates, shape ``(size, k)``.

    Single-precision gamma variates (about half the time) when every
    concentration is at least 0.1, normalised in double precision; otherwise
    double precision throughout. The same generator state gives the same bytes.

    Examples
    --------
    >>> import numpy as np
    >>> from likelihood._core.model import dirichlet_draws
    >>> x = dirichlet_draws(np.array([2.0, 3.0, 5.0]), 4, np.random.default_rng(1))
    >>> x.shape, x.dtype.name, bool(np.allclose(x.sum(axis=1), 1.0))
    ((4, 3), 'float64', True)
    """
    k = len(alpha)
    if float(np.min(alpha)) < _GAMMA32_MIN_SHAPE:
        g = rng.standard_gamma(alpha, size=(size, k))
        out: Array = g / g.sum(axis=1, keepdims=True)
        return out
    # one state at a time (a scalar shape is the sampler's fast path), states along the first
    # axis so that the sum over states is a sum of whole rows
    g32 = np.empty((k, size), dtype=np.float32)
    for i in range(k):
        rng.standard_gamma(float(alpha[i]), size=size, dtype=np.float32, out=g32[i])
    np.maximum(g32, np.float32(_TINY32), out=g32)
    total = np.add.reduce(g32, axis=0, dtype=np.float64)
    out = (g32 / total).T
    low = np.flatnonzero(total < _GAMMA32_FLOOR)
    if low.size:
        g = rng.standard_gamma(alpha, size=(low.size, k))
        out[low] = g / g.sum(axis=1, keepdims=True)
    return out


class LogUniformRatio:
    """A likelihood ratio whose log10 is uniform on [log10 lower, log10 upper] (or fixed).

    The reading of evidence given by its strength (an ENFSI band, a ratio or an
    interval of ratios); see :func:`enfsi_ratio`.

    Parameters
    ----------
    lower, upper : float
        The ends of the band (equal for a fixed ratio).
    """

    def __init__(self, lower: float, upper: float) -> None:
        self.lower, self.upper = lower, upper

    def __repr__(self) -> str:
        return f"LogUniformRatio({self.lower!r}, {self.upper!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LogUniformRatio):
            return NotImplemented
        return (self.lower, self.upper) == (other.lower, other.upper)

    def __hash__(self) -> int:
        return hash((self.lower, self.upper))

    @property
    def is_fixed(self) -> bool:
        """Whether the ratio is one number."""
        return self.lower == self.upper

    def rvs(self, n: int, rng: np.random.Generator) -> Array:
        """Draw *n* ratios (one when fixed)."""
        if self.is_fixed:
            return np.array([self.lower])
        return np.asarray(10.0 ** rng.uniform(math.log10(self.lower), math.log10(self.upper), n))

    def ppf(self, q: float) -> float:
        """Return the q-quantile of the ratio."""
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
    agenda : str or None
        The node that stands for the source having an agenda (asserting its
        claims whatever the truth), when one was judged; its prior is the
        propensity.
    """

    name: str
    reliability: Judgment
    written: Any
    grade: str | None = None
    text: str = ""
    agenda: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision: its options, and the utility of each under each state of what it depends on.

    A decision is not a node of the network: choosing an option changes no
    probability, only what is gained. Its expected utilities are read from the
    posterior (:meth:`Posterior.decide`).

    Attributes
    ----------
    name : str
    options : tuple of str
    parents : tuple of str
        The nodes the utilities depend on, in the order the analyst named them.
    utility : tuple of tuple of float
        Per option, the utility under each joint state of the parents (in the
        order of ``itertools.product`` over their states).
    written : dict
        Per option, what the analyst wrote: a number or word for every state,
        or a table ``{condition: number or word}``.
    scale : tuple or None
        The analyst's words for utilities, worst first: pairs ``(word, number)``.
    text : str
    """

    name: str
    options: tuple[str, ...]
    parents: tuple[str, ...]
    utility: tuple[tuple[float, ...], ...]
    written: Mapping[str, Any]
    scale: tuple[tuple[str, float], ...] | None = None
    text: str = ""

    def table(self) -> Array:
        """Return the utilities as an array, shape ``(options, *parent states)``.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.decision("act", options=["go", "stay"],
        ...            utility={"go": {"h": 10, "~h": -5}, "stay": 0})
        >>> m.decisions["act"].table().tolist()
        [[10.0, -5.0], [0.0, 0.0]]
        """
        return np.array(self.utility, dtype=np.float64)


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
    grade : str or None
        For a report: its Admiralty grade as written (``"B2"``, ``"2"``).
    credibility : Judgment or None
        For a report graded with a credibility number: the probability ``c``
        that the information is true, judged from its content alone.
    soft : str or None
        For the node that carries an uncertain observation: the node observed
        (its parent); its table is the likelihood of each of that node's states.
    ratio : object or None
        For evidence given by its strength: the likelihood ratio it carries.
    claim : Literal or None
        For a report or evidence given by its strength: the parent and the state
        it claims or supports, parsed.
    canonical : object or None
        For a table given by a canonical model (``noisy_or=``, ``noisy_max=``,
        ``ranked=``): how it is made (its judgments, per cause, and the leak);
        its ``rows`` are then empty.
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
    ratio: LogUniformRatio | None = field(default=None, repr=False, compare=False)
    claim: Condition | None = field(default=None, repr=False, compare=False)
    canonical: Canonical | None = field(default=None, repr=False, compare=False)
    grade: str | None = None
    credibility: Judgment | None = field(default=None, repr=False, compare=False)
    soft: str | None = None


@dataclass(frozen=True, slots=True)
class Parameter:
    """One uncertain quantity of the model, drawn once per draw θᵢ.

    Attributes
    ----------
    label : str
        ``"node | condition"``, ``"node: state | condition"``, ``"source: reliability"``,
        ``"node: strength"``; in a canonical table ``"node: cause"`` and ``"node: leak"``
        (noisy-OR), ``"node: cause >= level"`` and ``"node: leak >= level"`` (noisy-MAX).
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

    @property
    def columns(self) -> int:
        """Numbers per draw: 0 for a fixed parameter, the states of a Dirichlet row, else 1."""
        if self.is_fixed:
            return 0
        return len(self.distribution.alpha) if isinstance(self.distribution, Dirichlet) else 1

    @property
    def variable(self) -> str:
        """The parameter's name in the PyMC model and the DataTree: ``theta[label]``.

        xarray and PyMC read ``/`` as a path, so a ``/`` of a state name
        (``Asy/Patch``) is written as ``∕`` (U+2215 DIVISION SLASH).

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("x", states=["Asy/Patch", "Normal"], prior={"Asy/Patch": 0.3, "Normal": 0.7})
        >>> [p.variable for p in m.parameters()]
        ['theta[x: Asy∕Patch]', 'theta[x: Normal]']
        """  # noqa: E501
        return theta_name(self.label.replace("/", VARIABLE_SLASH))


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


def grade_judgment(code: str) -> Judgment:
    """Return the reliability judgment of an Admiralty grade (``data/reliability.toml``).

    Parameters
    ----------
    code : str
        A reliability grade, ``"A"`` to ``"F"``.

    Returns
    -------
    Judgment

    Examples
    --------
    >>> from likelihood._core.model import grade_judgment
    >>> grade_judgment("F").beta
    (1.0, 1.0)
    """
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
    return j.with_origin(Origin("term", label, method, scale="admiralty", citation=citation))


def credibility_judgment(code: str) -> Judgment:
    """Return the judgment of an Admiralty credibility grade (``data/reliability.toml``).

    The probability ``c`` that the information is true, judged from its content
    alone: each label read as the nearest word of the UK Probability Yardstick
    (grade 6, "truth cannot be judged", uniform).

    Parameters
    ----------
    code : str
        A credibility grade, ``"1"`` to ``"6"``.

    Returns
    -------
    Judgment

    Examples
    --------
    >>> from likelihood._core.model import credibility_judgment
    >>> credibility_judgment("2").origin.label
    'Admiralty 2 (probably true)'
    >>> credibility_judgment("6").beta
    (1.0, 1.0)
    """
    data = _reliability_readings()["credibility"]
    grade = data["grade"][code]
    label = f"Admiralty {code} ({grade['label']})"
    if grade.get("uniform"):
        j = judge(beta=(1.0, 1.0))
        method = "uniform on [0, 1]: the truth of the information cannot be judged"
    else:
        j = judge(grade["phia"], scale="phia")
        method = f"read as the PHIA word {grade['phia']!r}, the {data['convention']}"
    return j.with_origin(
        Origin("term", label, method, scale="admiralty", citation=data["citation"])
    )


def parse_grade(text: str) -> tuple[str | None, str | None]:
    """Split an Admiralty grade into its reliability letter and credibility number.

    ``"B2"`` gives ``("B", "2")``; ``"2"`` or ``"probably true"`` gives
    ``(None, "2")``; ``"B"`` or ``"usually reliable"`` gives ``("B", None)``;
    anything else ``(None, None)``. Case and surrounding spaces are ignored.

    Examples
    --------
    >>> from likelihood._core.model import parse_grade
    >>> parse_grade("b2"), parse_grade("6"), parse_grade("probably true"), parse_grade("X9")
    (('B', '2'), (None, '6'), (None, '2'), (None, None))
    """
    admiralty = get_scale("admiralty")
    word = text.strip()
    term = admiralty.term(word) if word in admiralty else None
    if term is not None:
        return (term.code, None) if term.axis == "reliability" else (None, term.code)
    compact = word.replace(" ", "").upper()
    if len(compact) == 2 and compact[0] in "ABCDEF" and compact[1] in "123456":
        return compact[0], compact[1]
    return None, None


def _grades_listed() -> str:
    admiralty = get_scale("admiralty")
    terms = admiralty.terms
    letters = ", ".join(f"{t.code} {t.name}" for t in terms if t.axis == "reliability")
    numbers = ", ".join(f"{t.code} {t.name}" for t in terms if t.axis == "credibility")
    return (
        f"a letter A–F for the source ({letters}) and a number 1–6 for the information ({numbers})"
    )


def _not_a_grade(
    word: str, term: Term | None, model_scale: Scale, where: Sequence[str | int]
) -> UnknownTermError:
    """Return the error for a reliability that is neither a grade nor a word of the model."""
    admiralty = get_scale("admiralty")
    grades = [t for t in admiralty.terms if t.axis == "reliability"]
    listed = ", ".join(f"{t.code}: {t.name}" for t in grades)
    if term is not None:  # a credibility grade: it grades the information, not the source
        head = (
            f"{word!r} is an Admiralty credibility grade ({term.code}: {term.name}), which "
            "grades the information, not the source; a source's reliability"
        )
    else:
        head = f"{word!r} is not an Admiralty reliability grade; a source's reliability"
    candidates = [w for t in grades for w in (t.code or "", t.name)]
    candidates += [w for t in model_scale.terms for w in (t.name, *t.aliases)]
    close = tuple(suggest(word, candidates)) if len(word.strip()) > 2 else ()
    hint = f"; closest: {', '.join(map(repr, close))}" if close else ""
    return UnknownTermError(
        f"{head} takes a grade A–F ({listed}) or a word of the {model_scale.name} scale "
        f"({', '.join(model_scale.names)}){hint}",
        term=word,
        scale="admiralty",
        suggestions=close,
        where=(*where, "reliability"),
    )


def _short_of(error: float, mcse: float, n: int) -> str:
    """Return the warning for ``draws="auto"`` stopped at its most draws."""
    shown = "unknown (too few effective draws)" if math.isinf(error) else f"{error:.2g}"
    return (
        f"draws='auto' stopped at max_draws={n:,} with a Monte Carlo error of {shown}, "
        f"above mcse={mcse:g}; ask fewer nodes (query), a larger mcse or more max_draws, or "
        "check the judgments the evidence contradicts"
    )


def _columns(model: Model, chosen: Sequence[str] | None = None) -> int:
    """Numbers kept per draw: the uncertain parameters, the nodes' states, weight and evidence."""
    names = list(model.nodes) if chosen is None else list(chosen)
    parameters = sum(p.columns for p in model.parameters())
    states = sum(len(model.nodes[n].states) for n in names)
    return parameters + states + 2


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
    seed : int, optional
        The seed :meth:`infer` uses when it is given none (an analysis file's
        ``seed = N``), so that the analysis gives the same numbers every time.

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

    def __init__(
        self, scale: str | Scale = DEFAULT_SCALE, title: str = "", seed: int | None = None
    ) -> None:
        self.scale: Scale = get_scale(scale)
        self.title = check_text(title, "title")
        checked = check_seed(seed, generator=False)
        self.seed = None if checked is None else int(checked)  # type: ignore[arg-type]
        self._nodes: dict[str, Node] = {}
        self._sources: dict[str, Source] = {}
        self._observed: dict[str, str] = {}
        self._at: dict[str, Any] = {}  # when each observation arrived: a date or a number
        self._decisions: dict[str, Decision] = {}

    # -- reading what the analyst wrote ------------------------------------------------

    def _judgment(self, value: Any, *where: str | int) -> Judgment:
        """Read one probability: a word, a number, an interval, quantiles or a special form.

        A table whose keys are all numbers is a table of quantiles; any other
        table is a form (``{"interval": ..., "mass": ...}``). An error names
        *where* the value was read, inside the enclosing :func:`located`.
        """
        if is_number(value):
            return value  # an exact number: nothing to read, no scale to check
        with located(*where):
            if isinstance(value, Mapping) and value and not all(_is_level(k) for k in value):
                return self._form(value)
            judgment = judge(value, scale=self.scale)
            if isinstance(value, Judgment):
                self._check_scale(judgment)
            return judgment

    def _check_scale(self, judgment: Judgment) -> None:
        """Warn when a judgment read on another probability scale enters without a word."""
        own = own_scale(judgment)
        if own is None or own == self.scale.name:
            return
        try:
            kind = get_scale(own).kind
        except UnknownScaleError:  # a scale of the user's own, given as a Scale object
            kind = "probability"
        if kind != "probability":
            return
        origin, here = judgment.origin, self.scale.name
        if origin.kind == "term":
            what = (
                f"Give the word itself to read it on {here}, or the form {{'term': "
                f"{origin.term!r}, 'scale': {own!r}}} to keep the {own} reading"
            )
        else:
            what = (
                f"Judge its words with scale={here!r} to read them on {here}, or write them "
                f"as forms {{'term': ..., 'scale': {own!r}}} to keep the {own} reading"
            )
        warn(
            f"the judgment {origin.label} was read on the {own} scale, not on the model's "
            f"scale {here}: it is used as {own} reads it. {what}",
            ScaleWarning,
        )

    def _form(self, value: Mapping[Any, Any]) -> Judgment:
        """Read a value given as a form; an unknown key is named with the keys its form takes."""
        keys = [str(k) for k in value]
        heads = [k for k in keys if k in _FORMS]
        if len(heads) > 1:
            raise ModelError(
                f"a value takes one form; got the keys {_quoted(heads)}, which name "
                f"{len(heads)} forms"
            )
        if not heads:
            self._formless(keys)
        head = heads[0]
        allowed, needed = _FORMS[head]
        for key in keys:
            if key not in allowed:
                close = suggest(key, allowed)
                hint = f" (did you mean {_quoted(close)}?)" if close else ""
                raise ModelError(
                    f"unknown key {key!r} in {_article(head)} {head} form{hint}; "
                    f"it takes {_quoted(allowed)}",
                    where=(key,),
                )
        missing = [k for k in needed if k not in keys]
        if missing:
            raise ModelError(
                f"{_article(head)} {head} form needs {_quoted(missing)}; got {_quoted(keys)}"
            )
        get = {str(k): v for k, v in value.items()}
        if head == "term":
            with located("term"):
                word = check_text(get["term"], "term")
            return judge(word, scale=get.get("scale", self.scale))
        if head == "beta":
            beta = get["beta"]
            if isinstance(beta, str) or not isinstance(beta, Sequence) or len(beta) != 2:
                raise ProbabilityError(
                    f"beta must be two positive numbers [a, b]; got {beta!r}", where=("beta",)
                )
            return judge(beta=(beta[0], beta[1]))
        if head == "pool":
            items = get["pool"]
            if isinstance(items, str) or not isinstance(items, Sequence) or not items:
                raise ModelError(
                    f"'pool' must be a list of judgments; got {items!r}", where=("pool",)
                )
            members = [self._judgment(v, "pool", i) for i, v in enumerate(items)]
            return pool(members, weights=get.get("weights"), method=get.get("method", "linear"))
        if head == "interval":
            with located("interval"):
                interval = check_interval(get["interval"])
            with located("mass"):
                mass = check_mass(get.get("mass", TERM_MASS))
            return judge(interval, mass=mass)
        if head == "quantiles":
            with located("quantiles"):
                check_quantiles(get["quantiles"])
            return judge(get["quantiles"])
        if head == "update":
            prior = self._judgment(get["update"], "update")
            return prior.update(successes=get["successes"], trials=get["trials"])
        base = self._judgment(get["prior"], "prior") if "prior" in get else None
        return analysts(get["analysts"], prior=base)

    def _formless(self, keys: Sequence[str]) -> NoReturn:
        """Raise the error for a table of keys that names no form (and is not quantiles)."""
        forms = "; ".join(f"{{{', '.join(allowed)}}}" for allowed, _ in _FORMS.values())
        for key in keys:
            if key not in _FORM_OF and not _is_level(key):
                close = suggest(key, list(_FORM_OF))
                hint = f" (did you mean {_quoted(close)}?)" if close else ""
                raise ModelError(
                    f"unknown key {key!r}{hint}; a value given as a table is one of the forms "
                    f"{forms}, or quantiles {{level: value}}",
                    where=(key,),
                )
        key = next(k for k in keys if k in _FORM_OF)
        head = _FORM_OF[key]
        raise ModelError(
            f"{key!r} is a key of the {head} form, which needs {head!r}; got {_quoted(keys)}",
            where=(key,),
        )

    def _table(
        self, value: Any, states: tuple[str, ...], *where: str | int
    ) -> dict[str, Judgment] | Dirichlet:
        """Read the table of a node with several states; an error names *where* it was read."""
        with located(*where):
            return self._states_table(value, states)

    def _states_table(self, value: Any, states: tuple[str, ...]) -> dict[str, Judgment] | Dirichlet:
        raw: Any = None  # the concentrations of a Dirichlet written as a table
        if isinstance(value, Dirichlet):
            table: Any = value
        elif isinstance(value, Mapping) and set(value) == {"dirichlet"}:
            raw, table = value["dirichlet"], None
            if not isinstance(raw, Mapping):
                raise ProbabilityError(
                    f"dirichlet must be a table {{state: concentration}}; got {raw!r}",
                    where=("dirichlet",),
                )
        elif isinstance(value, Mapping):
            table = None
        else:
            raise JudgmentTypeError(
                f"a node with states {list(states)} takes a table {{state: probability}} "
                f"or a Dirichlet; got {value!r}"
            )
        if table is not None:
            given = table.states
        else:
            given = tuple(str(k) for k in (raw if raw is not None else value))
        known = set(states)
        unknown = [s for s in given if s not in known]
        if unknown:
            raise StateError(
                f"{', '.join(map(repr, unknown))} is not a state of this node; "
                f"its states are {', '.join(states)}"
            )
        written = set(given)
        missing = [s for s in states if s not in written]
        if missing:
            raise StateError(
                f"the table gives no probability for {', '.join(map(repr, missing))}; "
                f"give every state: {', '.join(states)}"
            )
        if raw is not None:
            with located("dirichlet"):
                table = Dirichlet({str(k): v for k, v in raw.items()})
        if table is not None:
            order = [table.states.index(s) for s in states]
            return Dirichlet({s: float(table.alpha[i]) for s, i in zip(states, order, strict=True)})
        entries = {s: self._judgment(value[s], s) for s in states}
        if all(j.is_fixed and j.value == 0.0 for j in entries.values()):
            raise ProbabilityError("the table cannot be normalised: every state has probability 0")
        self._check_sum(entries)
        return entries

    def _check_sum(self, entries: Mapping[str, Judgment]) -> None:
        """Warn when normalising the table moves an entry's mean outside its own 90 % band.

        Words rarely sum to 1 exactly, and normalising a table whose words agree
        (three "unlikely" states, each about a third) changes nothing they say;
        the warning is for a table whose normalisation does: an entry's share of
        the sum of the means falls outside the central 90 % of that entry's
        judgment, widened by half a percentage point (the resolution at which
        numbers are written: an exact number may move by that much).
        """
        if all(j.is_fixed for j in entries.values()):  # numbers: only their sum can be off
            total = math.fsum(float(j.value) for j in entries.values())  # type: ignore[arg-type]
            if abs(total - 1.0) <= _NUMBER_RESOLUTION:
                return
        means = {s: j.mean() for s, j in entries.items()}
        total = math.fsum(means.values())
        moved = []
        for state, j in entries.items():
            share = means[state] / total
            lo, hi = j.interval(BAND)
            if not lo - _NUMBER_RESOLUTION <= share <= hi + _NUMBER_RESOLUTION:
                band = f"{lo:.3g}" if lo == hi else f"[{lo:.3g}, {hi:.3g}]"
                moved.append(f"{state} from {means[state]:.3g} to {share:.3g} (its band: {band})")
        if moved:
            shown = ", ".join(f"{s}: {m:.3g}" for s, m in means.items())
            warn(
                f"the means of the entries sum to {total:.3g}, not 1 ({shown}); the table is "
                "normalised per draw (each draw divided by its sum), which moves "
                + "; ".join(moved)
                + ". Rewrite the entries so that they sum to 1, or give a Dirichlet",
                NormalisationWarning,
            )

    def _check_new_name(self, name: object, what: str) -> str:
        if not isinstance(name, str) or not valid_name(name):
            raise ModelError(
                f"a {what} name must be a word of letters, digits, '_', '-' or '.', starting with "
                f"a letter or '_'; got {name!r}"
            )
        if name in self._nodes or name in self._sources or name in self._decisions:
            raise ModelError(f"{name!r} is already defined in this model")
        return name

    def _check_states(self, states: Any) -> tuple[tuple[str, ...], bool]:
        if states is None:
            return BINARY_STATES, True
        listed = type(states) is tuple or type(states) is list  # no need to ask the ABC
        if not listed and (isinstance(states, str) or not isinstance(states, Sequence)):
            raise StateError(f"states must be a list of two or more names; got {states!r}")
        if len(states) < 2:
            raise StateError(f"states must be a list of two or more names; got {states!r}")
        names = tuple(states)
        for s in names:
            if not isinstance(s, str) or not valid_state(s):
                raise StateError(
                    f"{s!r} is not a valid state name (non-empty, no '&', no spaces around)"
                )
        if len(set(names)) != len(names):
            raise StateError(f"a state is listed twice in {list(names)}")
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
        likelihood.UnknownNodeError: no node 'tlaks' in the model; did you mean 'talks'? Nodes: talks
        """  # noqa: E501
        name = check_name(name, where or "name", "node", list(self._nodes))
        if name in self._nodes:
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

    def _literal(self, literal: Condition) -> tuple[str, str]:
        """Check one part of a condition; return the node and its state."""
        node = self.node(literal.node)
        if literal.state is None:
            if not node.binary:
                raise ConditionError(
                    f"{node.name!r} has the states {', '.join(node.states)}; "
                    f"write {node.name}=STATE"
                )
            return node.name, "false" if literal.negated else "true"
        if node.binary and literal.state in ("true", "false"):
            return node.name, literal.state
        if literal.state not in node.states:
            raise StateError(
                f"{literal.state!r} is not a state of {node.name!r}; "
                f"its states are {', '.join(node.states)}"
            )
        return node.name, literal.state

    def _rows(
        self, given: Any, states: tuple[str, ...], binary: bool
    ) -> tuple[tuple[str, ...], tuple[Row, ...]]:
        """Read ``given``: the parents, from the conditions, and one row per parent assignment.

        Errors name the key ``given`` and the row, inside the enclosing :func:`located` (the node).
        """
        if not (type(given) is dict or isinstance(given, Mapping)) or not given:
            raise ConditionError(
                f"given must be a table {{condition: probability}}; got {given!r}", where=("given",)
            )
        quick = self._rows_of_numbers(given, states, binary)
        if quick is not None:
            return quick
        parsed: list[tuple[str, dict[str, str], Any]] = []
        parents: list[str] = []
        for condition, value in given.items():
            with located("given", condition):
                literals = parse_condition(condition)
                assignment: dict[str, str] = {}
                for literal in literals:
                    parent, state = self._literal(literal)
                    assignment[parent] = state
                    if parent not in parents:
                        parents.append(parent)
            parsed.append((str(condition), assignment, value))
        rows: dict[tuple[str, ...], Row] = {}
        first: dict[tuple[str, ...], str] = {}
        for condition, assignment, value in parsed:
            with located("given", condition):
                absent = [p for p in parents if p not in assignment]
                if absent:
                    raise ConditionError(
                        f"the row gives no state for the parent(s) {', '.join(absent)}; "
                        f"every row must set every parent ({', '.join(parents)})"
                    )
                key = tuple(assignment[p] for p in parents)
                if key in rows:
                    raise ConditionError(
                        f"the conditions {first[key]!r} and {condition!r} are the same row"
                    )
                canonical = " & ".join(
                    _literal_text(self._nodes[p], s) for p, s in zip(parents, key, strict=True)
                )
                if binary:
                    content: Any = self._judgment(value)
                else:
                    content = self._table(value, states)
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
                f"given has no row for {', '.join(map(repr, shown[:6]))}"
                + (f" and {len(shown) - 6} more" if len(shown) > 6 else "")
                + f"; the parents {', '.join(parents)} need "
                + f"{math.prod(len(self._nodes[p].states) for p in parents)} rows",
                where=("given",),
            )
        ordered = tuple(
            rows[key] for key in itertools.product(*(self._nodes[p].states for p in parents))
        )
        return tuple(parents), ordered

    def _rows_of_numbers(
        self, given: Mapping[Any, Any], states: tuple[str, ...], binary: bool
    ) -> tuple[tuple[str, ...], tuple[Row, ...]] | None:
        """Read a ``given`` of exact numbers at once, or return ``None``: :meth:`_rows` reads it.

        A network read from a file gives thousands of rows, each a condition that
        names every parent (``"a=x & b=y"``) and exact numbers that sum to 1: here
        they become the same rows as :meth:`_rows` makes, without parsing each
        condition into literals or reading each number again. Anything else (a
        word, a row to report or a table to warn about) returns ``None`` before any
        state changes, and :meth:`_rows` reads the whole table, the one path that
        raises and warns.
        """
        nodes = self._nodes
        first = _parts(next(iter(given)), nodes)
        if first is None or len(set(first[0])) != len(first[0]):
            return None
        parents = first[0]
        of = [nodes[p] for p in parents]
        keys = list(itertools.product(*[node.states for node in of]))
        words = [
            [_literal_text(node, s) for s in node.states]
            if node.binary
            else [f"{node.name}={s}" for s in node.states]
            for node in of
        ]
        texts = [" & ".join(c) for c in itertools.product(*words)]  # as written back
        known = set(states)
        if len(given) == len(texts) and list(given) == texts:  # every row, in order, as written
            values = list(given.values())
            contents: list[Any] | None
            if binary:
                contents = [_numbers(v) for v in values]
            else:
                contents = _tables_of_numbers(values, states, known)
            if contents is None or None in contents:
                return None
            return tuple(parents), tuple(map(Row, texts, keys, contents, values))
        canonical = dict(zip(texts, keys, strict=True))
        written = dict(zip(keys, texts, strict=True))
        rows: dict[tuple[str, ...], Row] = {}
        for condition, value in given.items():
            found = canonical.get(condition)
            if found is None:  # written otherwise: other spaces, another order, "~a"
                parts = _parts(condition, nodes)
                if parts is None:
                    return None
                names, key = parts
                if names != parents:
                    if len(names) != len(parents) or set(names) != set(parents):
                        return None
                    at = dict(zip(names, key, strict=True))
                    key = tuple(at[p] for p in parents)
                if key not in written:  # a state its parent does not have
                    return None
                found = key
            content = _numbers(value) if binary else _table_of_numbers(value, states, known)
            if content is None or found in rows:
                return None
            rows[found] = Row(written[found], found, content, value)
        if len(rows) != len(written):
            return None
        return tuple(parents), tuple(rows[key] for key in written)

    def _add(
        self,
        role: Role,
        name: str,
        prior: Any,
        given: Any,
        states: Any,
        text: str,
        observed: Any = None,
        canonical: Mapping[str, Any] | None = None,
    ) -> None:
        name = self._check_new_name(name, "node")
        recipe: Canonical | None = None
        with located(name):
            with located("states"):
                node_states, binary = self._check_states(states)
            if type(text) is not str:  # a str is its own text
                with located("text"):
                    text = check_text(text)
            if canonical and (prior is not None or given is not None):
                raise ModelError(
                    f"give either {'prior' if prior is not None else 'given'} or a canonical "
                    f"table ({', '.join(f'{k}=' for k in canonical)}), not both"
                )
            if prior is not None and given is not None:
                raise ModelError("give either prior (no parents) or given (conditions), not both")
            if prior is None and given is None and not canonical:
                raise ModelError(
                    "needs prior=... (a node without parents), given={condition: ...}, or a "
                    "canonical table (noisy_or=, noisy_max= or ranked=)"
                )
            rows: tuple[Row, ...]
            if canonical:
                parents, recipe = read_canonical(
                    name, canonical, node_states, binary, self._judgment, self.node
                )
                rows = ()
            elif given is not None:
                parents, rows = self._rows(given, node_states, binary)
            else:
                content: Any = (
                    self._judgment(prior, "prior")
                    if binary
                    else _table_of_numbers(prior, node_states, set(node_states))
                )
                if content is None:
                    content = self._table(prior, node_states, "prior")
                parents, rows = (), (Row("", (), content, prior),)
            node = Node(name, role, node_states, binary, parents, rows, text, canonical=recipe)
            state = None
            if observed is not None:
                with located("observed"):
                    state = self._observation(node, observed)
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
        noisy_or: Mapping[str, Any] | None = None,
        noisy_max: Mapping[str, Any] | None = None,
        leak: Any = None,
        ranked: Mapping[str, float] | None = None,
        variance: float | None = None,
        combine: str | None = None,
    ) -> None:
        """Add a hypothesis: a node with a prior, a table given its parents, or a canonical table.

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
        noisy_or : mapping, optional
            Instead of *given*, for a binary node with binary causes: ``{cause:
            chance}``, the chance that each cause, present alone, makes the node
            true (any judgment), with *leak*. ``P(false | x) = (1 - leak)
            ∏_{present} (1 - chance)`` (Henrion's leaky noisy-OR). See
            ``docs/canonical.md``.
        noisy_max : mapping, optional
            Instead of *given*, for a node with ordered *states* (the absent level
            first): per cause, ``{level: chance}`` of making the node at least
            each level above the lowest (a binary cause, when true), or
            ``{state: {level: chance}}`` for every state of the cause but its
            absent one (left out); with *leak* ``{level: chance}`` (Díez's noisy-MAX).
        leak : optional
            With *noisy_or*, the chance that the node is true when no cause is
            present (``0`` when nothing else can make it true); with *noisy_max*,
            a table ``{level: chance}``.
        ranked : mapping of str to float, optional
            Instead of *given*, for a node with ordered *states* whose parents
            have ordered states (lowest first): ``{parent: weight}``, with
            *variance* and *combine* (Fenton, Neil & Caballero's ranked nodes).
        variance : float, optional
            With *ranked*: the variance σ² > 0 of the truncated normal.
        combine : {"wmean", "wmin", "wmax"}, optional
            With *ranked*: the weighted function of the parents (``"wmean"`` by default).

        Raises
        ------
        UnknownNodeError
            A condition or a cause names a node that is not (yet) in the model.
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
        >>> m.hypothesis("leak_found", prior="unlikely")
        >>> m.hypothesis("story", noisy_or={"negotiations": "likely", "leak_found": 0.9},
        ...              leak="remote chance")
        >>> [p.label for p in m.parameters(["story"])]
        ['story: negotiations', 'story: leak_found', 'story: leak']
        """
        self._add(
            "hypothesis",
            name,
            prior,
            given,
            states,
            text,
            canonical=_canonical_keywords(noisy_or, noisy_max, leak, ranked, variance, combine),
        )

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
        noisy_or: Mapping[str, Any] | None = None,
        noisy_max: Mapping[str, Any] | None = None,
        leak: Any = None,
        ranked: Mapping[str, float] | None = None,
        variance: float | None = None,
        combine: str | None = None,
    ) -> None:
        """Add an item of evidence, by its table or by the strength of its support.

        Parameters
        ----------
        name : str
        prior, given, states, text, noisy_or, noisy_max, leak, ranked, variance, combine
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
        canonical = _canonical_keywords(noisy_or, noisy_max, leak, ranked, variance, combine)
        if supports is None and strength is None:
            self._add("evidence", name, prior, given, states, text, observed, canonical)
            return
        if supports is None or strength is None:
            raise ModelError("give supports=... and strength=... together", where=(name,))
        if prior is not None or given is not None or states is not None or canonical:
            raise ModelError(
                "give either a table (prior/given) or supports and strength", where=(name,)
            )
        name = self._check_new_name(name, "node")
        with located(name, "text"):
            text = check_text(text)
        with located(name, "supports"):
            literals = parse_condition(supports)
            if len(literals) != 1:
                raise ConditionError(
                    f"evidence supports one condition on one node; got {supports!r}"
                )
            parent, state = self._literal(literals[0])
        claim = Condition(parent, state)
        with located(name, "strength"):
            ratio = _strength(strength)
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
            ratio=ratio,
            claim=claim,
        )
        with located(name, "observed"):
            observation = self._observation(node, observed) if observed is not None else None
        self._nodes[name] = node
        if observation is not None:
            self._observed[name] = observation

    def source(self, name: str, *, reliability: Any, text: str = "", agenda: Any = None) -> None:
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
        agenda : str or Judgment, optional
            The propensity of the source to have an agenda: to assert its claims
            whatever the truth (to float a narrative, to test the reaction). A
            word of the model's scale, a number or any judgment. It adds a
            hypothesis ``<name>_agenda``, a parent of each of the source's
            reports: with an agenda the source makes its report whatever the
            truth; without, it reports as its reliability says. Its reports
            are then evidence of its intent too, and they share it. A
            propensity of 0 is the model without an agenda.

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
        >>> m.source("officials", reliability="C", agenda="unlikely")
        >>> m.sources["officials"].agenda
        'officials_agenda'
        """
        name = self._check_new_name(name, "source")
        with located(f"source {name}", "text"):
            text = check_text(text)
        grade: str | None = None
        if isinstance(reliability, str):
            admiralty = get_scale("admiralty")
            term = admiralty.term(reliability) if reliability in admiralty else None
            letter, number = parse_grade(reliability)
            if term is not None and term.axis == "reliability":
                grade = term.code
            elif letter is not None and number is not None:
                raise UnknownTermError(
                    f"{reliability!r} grades a report: {letter} is the source's reliability and "
                    f"{number} the credibility of the information; give reliability={letter!r} "
                    f"to the source and grade={reliability.strip()!r} to each of its reports",
                    term=reliability,
                    scale="admiralty",
                    suggestions=(letter,),
                    where=(f"source {name}", "reliability"),
                )
            elif reliability not in self.scale:
                raise _not_a_grade(reliability, term, self.scale, where=(f"source {name}",))
        if grade is not None:
            judgment = grade_judgment(grade)
        else:
            judgment = self._judgment(reliability, f"source {name}", "reliability")
        node: str | None = None
        if agenda is not None:  # checked in full before anything changes
            node = f"{name}_agenda"
            if node in self._nodes or not valid_name(node):
                raise ModelError(
                    f"source {name!r} with an agenda needs a node named {node!r}, which "
                    + ("is taken" if node in self._nodes else "is not a valid node name"),
                    where=(f"source {name}", "agenda"),
                )
            propensity = self._judgment(agenda, f"source {name}", "agenda")
            self.hypothesis(
                node,
                prior=propensity,
                text=f"The source {name} has an agenda: it asserts its claims whatever the truth",
            )
        self._sources[name] = Source(name, judgment, reliability, grade, text, node)

    def report(
        self,
        name: str,
        *,
        source: str,
        claims: str,
        observed: Any = None,
        text: str = "",
        grade: str | None = None,
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
        grade : str, optional
            The report's Admiralty grade: ``"B2"`` (the source's letter, which
            must be the source's own grade, and the credibility number of the
            information), or the number alone (``"2"``, or its label
            ``"probably true"``). The number is read as the probability ``c``
            that the information is true judged from its content alone, and the
            report then weighs ``c / (1 - c)`` more (``docs/model.md``): leave it
            out, or grade the report 6, when what it agrees with is in the model
            already.

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
        with located(name, "text"):
            text = check_text(text)
        with located(name):
            source = check_name(source, "source", "source", list(self._sources))
        if source not in self._sources:
            close = suggest(str(source), list(self._sources))
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
            raise UnknownNodeError(
                f"no source {source!r}{hint} Sources: {', '.join(self._sources) or 'none yet'}",
                node=str(source),
                suggestions=tuple(close),
                where=(name, "source"),
            )
        with located(name, "claims"):
            literals = parse_condition(claims)
            if len(literals) != 1:
                raise ConditionError(f"a report claims one condition on one node; got {claims!r}")
            parent, state = self._literal(literals[0])
        credibility: Judgment | None = None
        if grade is not None:
            with located(name, "grade"):
                credibility = self._credibility(grade, self._sources[source])
        agenda = self._sources[source].agenda
        node = Node(
            name,
            "report",
            BINARY_STATES,
            True,
            (parent,) if agenda is None else (parent, agenda),
            (),
            text,
            source=source,
            claims=claims,
            claim=Condition(parent, state),
            grade=None if grade is None else grade.strip(),
            credibility=credibility,
        )
        with located(name, "observed"):
            observation = self._observation(node, observed) if observed is not None else None
        self._nodes[name] = node
        if observation is not None:
            self._observed[name] = observation

    def _credibility(self, grade: Any, source: Source) -> Judgment | None:
        """Read a report's grade: check its letter against the source's, return its credibility."""
        if not isinstance(grade, str):
            raise UnknownTermError(
                f"a report's grade is an Admiralty code such as 'B2' or '2'; got {grade!r}",
                term=str(grade),
                scale="admiralty",
            )
        letter, number = parse_grade(grade)
        if letter is None and number is None:
            raise UnknownTermError(
                f"{grade!r} is not an Admiralty grade; a report's grade is "
                f"{_grades_listed()}, such as 'B2', or the number alone",
                term=grade,
                scale="admiralty",
            )
        if letter is not None and letter != source.grade:
            own = (
                f"is graded {source.grade}"
                if source.grade
                else f"has its reliability as a judgment ({_written_text(source.written)})"
            )
            raise ConditionError(
                f"the grade {grade!r} gives the source reliability {letter}, but source "
                f"{source.name!r} {own}: a source has one reliability, shared by its reports; "
                "grade the report by its number alone, or change the source's grade"
            )
        return None if number is None else credibility_judgment(number)

    # -- observing ----------------------------------------------------------------------

    def _observation(self, node: Node, value: Any) -> str:
        return check_observed(value, node.states, node.binary)

    def decision(
        self,
        name: str,
        *,
        options: Sequence[str],
        utility: Mapping[str, Any],
        scale: Sequence[str] | Mapping[str, float] | None = None,
        text: str = "",
    ) -> None:
        """Add a decision: options, and the utility of each under the states of the hypotheses.

        The decision changes no probability; :meth:`Posterior.decide` gives each
        option's expected utility with its band, the best option, how often it
        is best over the draws of the judgments, and the break-even probability;
        :meth:`Posterior.value_of_information` with the decision's name ranks
        what to observe next by the utility it would add.

        Parameters
        ----------
        name : str
            A name not yet used in the model.
        options : sequence of str
            Two or more options.
        utility : mapping
            For each option, its utility: one number (or word) whatever the
            states, or a table ``{condition: number or word}`` over the nodes it
            depends on (``{"talks": 10, "~talks": -5}``; joint conditions as in
            ``given``: ``"talks & ~negotiations"``), with a row for every joint
            state of the nodes it names. Options may depend on different nodes.
        scale : sequence of str or mapping of str to float, optional
            The analyst's words for utilities: a list from worst to best (the
            ranks 0, 1, 2, …), or each word's number. Then a utility may be a word.
        text : str, optional
            What the decision is, in words.

        Raises
        ------
        ModelError
            A name already used, fewer than two options, an option without a
            utility (or a utility for no option), more joint states than
            ``MAX_ACCOUNTS``.
        ConditionError
            A table without a row for a joint state, or with the same row twice.
        OptionError
            A utility that is neither a finite number nor a word of the scale.

        References
        ----------
        .. [1] Friedman, J. A. (2019). War and Chance: Assessing Uncertainty in
           International Politics. Oxford University Press.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.decision("act", options=["go", "stay"],
        ...            scale=["bad", "neutral", "good"],
        ...            utility={"go": {"h": "good", "~h": "bad"}, "stay": "neutral"})
        >>> m.decisions["act"].table().tolist()
        [[2.0, 0.0], [1.0, 1.0]]
        """
        name = self._check_new_name(name, "decision")
        where = f"decision {name}"
        with located(where, "text"):
            text = check_text(text)
        with located(where, "options"):
            listed = isinstance(options, Sequence) and not isinstance(options, str)
            if not listed or len(options) < 2:
                raise OptionError(f"options must be a list of two or more names; got {options!r}")
            try:
                chosen, _ = self._check_states(options)
            except StateError as error:
                raise OptionError(
                    str(error).replace("a state", "an option").replace("state", "option")
                ) from None
        with located(where, "scale"):
            words = _utility_scale(scale)
        if not isinstance(utility, Mapping) or not utility:
            raise ModelError(
                f"utility must be a table {{option: utility}} over the options "
                f"{', '.join(chosen)}; got {utility!r}",
                where=(where, "utility"),
            )
        unknown = [str(o) for o in utility if o not in chosen]
        if unknown:
            close = suggest(unknown[0], chosen)
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else "."
            raise ModelError(
                f"{unknown[0]!r} is not an option{hint} The options: {', '.join(chosen)}",
                where=(where, "utility"),
            )
        missing = [o for o in chosen if o not in utility]
        if missing:
            raise ModelError(
                f"no utility for the option(s) {', '.join(map(repr, missing))}; "
                "every option needs one",
                where=(where, "utility"),
            )
        tables: dict[str, tuple[tuple[str, ...], dict[tuple[str, ...], float]]] = {}
        parents: list[str] = []
        for option in chosen:
            with located(where, "utility", option):
                tables[option] = self._utility_table(utility[option], words)
            for parent in tables[option][0]:
                if parent not in parents:
                    parents.append(parent)
        virtual = [p for p in parents if self._nodes[p].soft is not None]
        if virtual:
            raise ModelError(
                f"{virtual[0]!r} stands for the uncertain observation of "
                f"{self._nodes[virtual[0]].soft!r}, not a state of the world; let the utilities "
                f"depend on {self._nodes[virtual[0]].soft!r} itself",
                where=(where, "utility"),
            )
        size = math.prod(len(self._nodes[p].states) for p in parents)
        if size > MAX_ACCOUNTS:
            raise ModelError(
                f"the utilities depend on {', '.join(parents)}: {size:,} joint states, more "
                f"than the {MAX_ACCOUNTS:,} (MAX_ACCOUNTS) a decision can weigh",
                where=(where, "utility"),
            )
        rows = []
        for option in chosen:
            own, values = tables[option]
            row = []
            for key in itertools.product(*(self._nodes[p].states for p in parents)):
                state = dict(zip(parents, key, strict=True))
                row.append(values[tuple(state[p] for p in own)])
            rows.append(tuple(row))
        written = {option: copy.deepcopy(utility[option]) for option in chosen}
        self._decisions[name] = Decision(
            name, chosen, tuple(parents), tuple(rows), written, words, text
        )

    def _utility_table(
        self, value: Any, words: tuple[tuple[str, float], ...] | None
    ) -> tuple[tuple[str, ...], dict[tuple[str, ...], float]]:
        """Read one option's utility: its nodes and its value per joint state of them."""
        if not isinstance(value, Mapping):
            return (), {(): _utility_value(value, words)}
        if not value:
            raise ConditionError("the table of utilities is empty")
        parsed: list[tuple[str, dict[str, str], Any]] = []
        parents: list[str] = []
        for condition, entry in value.items():
            with located(condition):
                if not isinstance(condition, str):
                    raise ConditionError(
                        f"a condition is text such as 'h' or 'intent=attack'; got {condition!r}"
                    )
                assignment: dict[str, str] = {}
                for literal in parse_condition(condition):
                    parent, state = self._literal(literal)
                    assignment[parent] = state
                    if parent not in parents:
                        parents.append(parent)
                parsed.append((condition, assignment, entry))
        values: dict[tuple[str, ...], float] = {}
        first: dict[tuple[str, ...], str] = {}
        for condition, assignment, entry in parsed:
            with located(condition):
                absent = [p for p in parents if p not in assignment]
                if absent:
                    raise ConditionError(
                        f"the row gives no state for {', '.join(absent)}; every row of the "
                        f"table must set every node it depends on ({', '.join(parents)})"
                    )
                key = tuple(assignment[p] for p in parents)
                if key in values:
                    raise ConditionError(
                        f"the conditions {first[key]!r} and {condition!r} are the same row"
                    )
                values[key] = _utility_value(entry, words)
                first[key] = condition
        every = itertools.product(*(self._nodes[p].states for p in parents))
        missing = [key for key in every if key not in values]
        if missing:
            shown = [
                " & ".join(
                    _literal_text(self._nodes[p], s) for p, s in zip(parents, key, strict=True)
                )
                for key in missing
            ]
            raise ConditionError(
                f"no utility for {', '.join(map(repr, shown[:6]))}"
                + (f" and {len(shown) - 6} more" if len(shown) > 6 else "")
                + f"; the nodes {', '.join(parents)} need "
                + f"{math.prod(len(self._nodes[p].states) for p in parents)} rows"
            )
        return tuple(parents), values

    def observe(
        self, name: str, value: Any = None, *, likelihood: Any = None, at: Any = None
    ) -> None:
        """Set, change or clear (``None``) the observation of a node, certain or uncertain.

        Parameters
        ----------
        name : str
        value : bool, str or None
            ``True``/``False`` for a binary node, a state name otherwise;
            ``None`` clears the observation (and an uncertain one).
        likelihood : mapping, optional
            An uncertain (soft, virtual) observation instead: for each state of
            the node, how likely what was seen is if the node is in that state
            — numbers in [0, 1], words of the model's scale or any judgment
            (only the ratios matter: ``{"true": 0.7, "false": 0.3}``, "we are
            70 % sure it was seen", is the ratio 7 : 3). It becomes an observed
            evidence node ``<name>_soft`` whose table is that likelihood (Pearl's
            virtual evidence), so its words carry their band and it shows in
            contributions, flips and the reports like any observation.
        at : str, int or float, optional
            When the observation arrived: a date (a ``datetime.date``, or an ISO
            string such as ``"2023-11-02"`` or ``"2023-11-02T14:30"``) or a
            number giving its place in the order of arrival. It orders
            :meth:`Posterior.trajectory`; observations that share it arrive
            together. Without it, the observation arrives in the order the
            observations were made. See :attr:`arrivals`.

        Raises
        ------
        OptionError
            *at* is neither a date, an ISO date string nor a number.

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
        >>> m.observe("e", likelihood={True: 0.7, False: 0.3})   # 70 % sure it was seen
        >>> round(m.infer().probability("h"), 4)   # 0.3·0.66 / (0.3·0.66 + 0.7·0.38)
        0.4267
        """
        node = self.node(name)
        name = node.name
        soft = f"{name}_soft"
        when = None if at is None else arrival(at, f"the date of the observation of {name!r}")
        if at is not None and value is None and likelihood is None:
            raise OptionError(
                f"at= dates an observation: give {name!r} a state or a likelihood with it",
                where=(name, "at"),
            )
        if likelihood is not None:
            if node.soft is not None:
                raise ModelError(
                    f"{name!r} carries the uncertain observation of {node.soft!r}; "
                    f"give {node.soft!r} the likelihood instead",
                    where=(name, "likelihood"),
                )
            if value is not None:
                raise OptionError(
                    f"observe {name!r} with a state or with a likelihood, not both",
                    where=(name,),
                )
            with located(name, "likelihood"):
                given = self._likelihood(node, likelihood)
            if soft in self._nodes and self._nodes[soft].soft != name:
                raise ModelError(
                    f"an uncertain observation of {name!r} needs a node named {soft!r}, "
                    "which is taken",
                    where=(name, "likelihood"),
                )
            probe = self.copy()  # built aside, so that a failed call changes nothing
            probe._drop_soft(name)
            probe._observed.pop(name, None)
            probe.evidence(
                soft,
                given=given,
                observed=True,
                text=f"an uncertain observation of {name}",
            )
            added = probe._nodes[soft]
            self._drop_soft(name)
            self._observed.pop(name, None)
            self._nodes[soft] = replace(added, soft=name)
            self._observed[soft] = "true"
            self._dated(name, when)
            return
        if value is None:
            self._observed.pop(name, None)
            self._drop_soft(name)
            self._dated(name, None)
            return
        with located(node.name):
            state = self._observation(node, value)
        self._drop_soft(name)
        self._observed[name] = state
        self._dated(name, when)

    def _dated(self, name: str, when: Any) -> None:
        """Keep when the observation of *name* arrived (forget it with None)."""
        self._at.pop(name, None)
        if when is not None:
            self._at[name] = when

    def _drop_soft(self, name: str) -> None:
        """Remove the uncertain observation of *name*, if any."""
        soft = f"{name}_soft"
        if soft in self._nodes and self._nodes[soft].soft == name:
            del self._nodes[soft]
            self._observed.pop(soft, None)

    def _likelihood(self, node: Node, likelihood: Any) -> dict[str, Any]:
        """Check an uncertain observation; return its likelihood as the virtual node's ``given``."""
        if not isinstance(likelihood, Mapping) or not likelihood:
            raise JudgmentTypeError(
                "a likelihood gives a judgment for each state of the node, as a mapping "
                f"such as {{'true': 0.7, 'false': 0.3}}; got {likelihood!r}"
            )
        values: dict[str, Any] = {}
        for key, value in likelihood.items():
            state = check_observed(key, node.states, node.binary)
            if state in values:
                raise StateError(f"the likelihood gives state {state!r} twice")
            values[state] = value
        missing = [s for s in node.states if s not in values]
        if missing:
            raise StateError(
                f"the likelihood must give every state of {node.name!r}; missing: "
                f"{', '.join(missing)}"
            )
        for state, value in values.items():  # each one checked here, where it was written
            self._judgment(value, state)
        given: dict[str, Any] = {}
        for state in node.states:
            if node.binary:
                given[node.name if state == "true" else f"~{node.name}"] = values[state]
            else:
                given[f"{node.name}={state}"] = values[state]
        return given

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
    def decisions(self) -> Mapping[str, Decision]:
        """The decisions, by name."""
        return dict(self._decisions)

    @property
    def observed(self) -> dict[str, bool | str]:
        """The observations: ``{name: True/False or state}``."""
        return {
            name: (state == "true") if self._nodes[name].binary else state
            for name, state in self._observed.items()
        }

    @property
    def observations(self) -> dict[str, str]:
        """The observations as ``{node: state}``, the state always a string (``"true"``, ...).

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=True)
        >>> m.observations
        {'e': 'true'}
        """
        return dict(self._observed)

    @property
    def arrivals(self) -> dict[str, Any]:
        """When the observations arrived, as given to :meth:`observe` with ``at=``.

        ``{name: date, datetime or number}``, for the observations that were
        given one (an uncertain observation under the name of the node it
        observes). :meth:`Posterior.trajectory` orders the evidence by them.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e", given={"h": 0.9, "~h": 0.2})
        >>> m.observe("e", True, at="2023-11-02")
        >>> m.arrivals
        {'e': datetime.date(2023, 11, 2)}
        """
        return {
            name: when
            for name, when in self._at.items()
            if name in self._observed or f"{name}_soft" in self._observed
        }

    def resolve(self, name: str) -> tuple[str, int | None]:
        """Return ``(node, state index)`` for ``"node"`` or ``"node=state"``.

        A binary node alone stands for its ``true`` state (index 0); a node with
        several states alone gives ``None`` for the state.

        Parameters
        ----------
        name : str
            A node, or ``"node=state"``.

        Returns
        -------
        tuple of (str, int or None)

        Raises
        ------
        UnknownNodeError, StateError

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("actor", states=["state", "proxy"], prior={"state": 0.4, "proxy": 0.6})
        >>> m.resolve("actor"), m.resolve("actor=proxy")
        (('actor', None), ('actor', 1))
        """
        if isinstance(name, str) and "=" in name:
            literal = parse_condition(name)[0]
            node = self.node(literal.node)
            if literal.state not in node.states:
                raise StateError(
                    f"{literal.state!r} is not a state of {node.name!r}; its states are "
                    f"{', '.join(node.states)}"
                )
            return node.name, node.states.index(literal.state)
        node = self.node(name)
        return node.name, (0 if node.binary else None)

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
        other = Model(self.scale, self.title, self.seed)
        other._nodes = dict(self._nodes)
        other._sources = dict(self._sources)
        other._observed = dict(self._observed)
        other._at = dict(self._at)
        other._decisions = dict(self._decisions)
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
            if node.credibility is not None:
                out.append(
                    Parameter(
                        f"{name}: credibility",
                        name,
                        None,
                        None,
                        node.grade or "",
                        node.credibility,
                    )
                )
            if node.ratio is not None:
                out.append(
                    Parameter(
                        f"{name}: strength",
                        name,
                        None,
                        None,
                        _written_text(node.strength),
                        node.ratio,
                    )
                )
            if node.canonical is not None:
                out += [
                    Parameter(e.label, name, e.cause, e.level, _written_text(e.written), e.value)
                    for e in node.canonical.effects
                ]
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
        draws: int | Literal["auto"] | None = None,
        seed: int | np.random.Generator | None = None,
        *,
        method: str = "exact",
        query: Sequence[str] | None = None,
        mcse: float | None = None,
        max_draws: int | None = None,
        executor: Any = None,
        chains: int = 4,
        tune: int = 1000,
        progressbar: bool = True,
        cores: int | None = None,
    ) -> Posterior:
        """Compute the posterior of every node given the observations.

        Parameters
        ----------
        draws : int or "auto", optional
            Draws of the parameters θ: 20,000 for the exact engine (a model
            without uncertain parameters is evaluated once, exactly); for the
            PyMC engine, draws per chain after tuning (1,000). ``"auto"`` (exact
            engine): blocks of 10,000 draws (``BLOCK_DRAWS``) are added until the
            Monte Carlo standard error of every asked probability is at most
            *mcse*; the answer is, byte for byte, the run of that many draws
            under the same seed.
        seed : int or numpy.random.Generator, optional
            The same seed gives the same answer, byte for byte (for the PyMC
            engine, an int). Without one, fresh entropy is used and kept as
            ``Posterior.seed``, so that the run can be repeated.
        method : {"exact", "pymc"}, default "exact"
            ``"exact"``: every draw's network is evaluated exactly (junction tree)
            and weighted by ``P(E | θ)``. ``"pymc"``: θ latent in a
            :class:`pymc.Model`, the hidden nodes summed out exactly, sampled by
            NUTS through :func:`pymc.sample`; data behind a judgment (counts,
            analysts) enter as a likelihood.
        query : sequence of str, optional
            Answer only for these nodes (all by default). The numbers are those
            of the full run under the same seed: every judgment is drawn from
            its own random stream, so the draws do not depend on the query.
        mcse : float, optional
            With ``draws="auto"``: the largest Monte Carlo standard error
            accepted on any asked probability (0.001, ``AUTO_MCSE``).
        max_draws : int, optional
            With ``draws="auto"``: the most draws (a million, ``AUTO_MAX_DRAWS``).
        executor : object, optional
            Evaluate the blocks of draws there (exact engine): a
            ``dask.distributed.Client`` (``pip install likelihood[dask]``), a
            ``concurrent.futures.Executor``, or anything with ``submit``.
            The numbers are those of the run here, byte for byte; the
            posterior's analyses use it too (see :meth:`CompiledModel.with_executor`).
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
            An unknown *method*; a seed, a number of draws, chains or tuning steps
            that is not a whole number in range; draws whose arrays would take more
            than 4 GiB (``MAX_DRAW_BYTES``).

        Warns
        -----
        AccuracyWarning
            ``draws="auto"`` reached *max_draws* before every asked probability
            met *mcse*.
        EffectiveSampleSizeWarning
            When fewer than 100 effective draws (``MIN_EFFECTIVE_DRAWS``) of uncertain
            judgments remain, because few were drawn or because the evidence puts
            the weight on few: the answer then has no band (its interval and Monte
            Carlo error are NaN, its confidence ``"unknown"``).
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
        seed = check_seed(seed if seed is not None else self.seed, generator=method == "exact")
        auto = isinstance(draws, str)
        if auto and draws != "auto":
            raise OptionError(f"draws must be a whole number or 'auto', not {draws!r}")
        if auto and method != "exact":
            raise OptionError("draws='auto' is for the exact engine; give the PyMC engine a number")
        if not auto and (mcse is not None or max_draws is not None):
            raise OptionError("mcse and max_draws go with draws='auto'")
        if executor is not None and method != "exact":
            raise OptionError("an executor is for the exact engine (method='exact')")
        target = AUTO_MCSE if mcse is None else check_positive(mcse, "mcse")
        if auto:
            count = check_count(AUTO_MAX_DRAWS if max_draws is None else max_draws, "max_draws")
        else:
            count = check_count(
                draws if draws is not None else DRAWS if method == "exact" else PYMC_DRAWS,
                "draws",
            )
        chains = check_count(chains, "chains")
        tune = check_count(tune, "tune", minimum=0)
        if not self._nodes:
            raise ModelError("the model has no nodes yet; add hypotheses and evidence first")
        if query is not None:
            if isinstance(query, str):
                query = [query]
            query = [self.node(q, "query").name for q in query]
        # the posterior is built on this module: imported here, where it is used
        from likelihood._core.posterior import Posterior, effective_draws

        if method == "pymc":
            if any(not p.is_fixed for p in self.parameters()):
                check_draw_memory(count * chains, _columns(self), "draws × chains")
            compiled = self.compile(draws=DRAWS, seed=seed)
            # the PyMC engine loads pymc: imported here, where it is used
            from likelihood._pymc.engine import infer_pymc

            evaluation = infer_pymc(compiled, count, tune, chains, progressbar, cores)
        elif auto:
            from likelihood._core.compiled import CompiledModel  # compiled imports this module

            most = CompiledModel(self, draws=count, seed=seed, held=False)
            compiled, evaluation, error = most.with_executor(executor).evaluate_until(
                target, nodes=query
            )
            if np.all(np.isneginf(evaluation.log_evidence)):
                raise compiled.impossible()
            if error > target:
                warn(_short_of(error, target, compiled.n), AccuracyWarning)
            ess = effective_draws(evaluation)
            if ess < MIN_EFFECTIVE_DRAWS:
                warn(_few_draws(ess, compiled.n), EffectiveSampleSizeWarning)
        else:
            compiled = self.compile(draws=count, seed=seed, executor=executor)
            evaluation = compiled.evaluate()
            if np.all(np.isneginf(evaluation.log_evidence)):
                raise compiled.impossible()
            ess = effective_draws(evaluation)
            if ess < MIN_EFFECTIVE_DRAWS:
                warn(_few_draws(ess, compiled.n), EffectiveSampleSizeWarning)
        return Posterior(compiled.model, evaluation, compiled, nodes=query)

    def compile(
        self,
        draws: int = DRAWS,
        seed: int | np.random.Generator | None = None,
        *,
        executor: Any = None,
    ) -> CompiledModel:
        """Compile the model for the exact engine: draw the judgments once, build trees on demand.

        The compiled model answers for any observations and gives cheap
        variants (a judgment replaced, held at a quantile, an observation
        changed) that redraw only what they change; see :class:`CompiledModel`.

        Parameters
        ----------
        draws : int, default 20,000
            Draws of the judgments (1 when nothing is uncertain).
        seed : int or numpy.random.Generator, optional
            The same seed gives the same draws.
        executor : object, optional
            Where to evaluate the blocks of draws (a ``dask.distributed.Client``,
            a ``concurrent.futures.Executor``); a thread pool also draws the
            parameters. The numbers do not depend on it.

        Returns
        -------
        CompiledModel

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> c = m.compile(draws=1000, seed=1)
        >>> c.n, c.seed
        (1000, 1)
        """
        from likelihood._core.compiled import CompiledModel  # compiled imports this module

        draws = check_count(draws, "draws")
        seed = check_seed(seed)
        # the compiled model refuses draws that cannot fit
        return CompiledModel(self, draws=draws, seed=seed, executor=executor)

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
        """Write the model to an analysis file (``.toml``) or a network file.

        A TOML file keeps every judgment as it was written (observed hypotheses
        in its ``[observe]`` table) and loads back to the same model. A network
        file holds numbers only, so each table is written at the judgments'
        means (normalised): BIF (``.bif``, ``.bif.gz``), and through the optional
        ``likelihood[formats]`` extra (pyAgrum) Hugin ``.net``, GeNIe ``.xdsl``
        and ``.dsl``, XMLBIF and UAI. What a format cannot hold (a state name
        with a space in BIF, say) is refused before the file is touched, and the
        file is written atomically: a save that fails leaves the old file as it was.

        Parameters
        ----------
        path : str or pathlib.Path
            The file to write; its suffix chooses the format (see ``docs/files.md``).

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


def _utility_scale(scale: Any) -> tuple[tuple[str, float], ...] | None:
    """Read a decision's words for utilities: a list worst first (ranks 0, 1, …), or numbers."""
    if scale is None:
        return None
    if isinstance(scale, Mapping):
        pairs = [(w, v) for w, v in scale.items()]
    elif isinstance(scale, Sequence) and not isinstance(scale, str):
        pairs = [(w, float(i)) for i, w in enumerate(scale)]
    else:
        raise OptionError(
            "scale must be a list of words from worst to best, or a table {word: number}; "
            f"got {scale!r}"
        )
    if len(pairs) < 2:
        raise OptionError(f"scale needs two or more words; got {scale!r}")
    read: list[tuple[str, float]] = []
    for word, number in pairs:
        if not isinstance(word, str) or not word.strip() or word != word.strip():
            raise OptionError(f"a word of the scale must be non-empty text; got {word!r}")
        if isinstance(number, bool) or not is_real_number(number) or not math.isfinite(number):
            raise OptionError(f"the number of {word!r} must be a finite number; got {number!r}")
        read.append((word, float(number)))
    names = [w for w, _ in read]
    if len(set(names)) != len(names):
        raise OptionError(f"a word is listed twice in the scale {names}")
    return tuple(read)


def _utility_value(value: Any, words: tuple[tuple[str, float], ...] | None) -> float:
    """Read one utility: a finite number, or a word of the decision's scale."""
    value = scalar(value)
    if isinstance(value, str):
        if words is None:
            raise OptionError(
                f"{value!r} is a word, but the decision has no scale of words for utilities; "
                "give scale=[...] (worst first) or scale={word: number}, or write a number"
            )
        known = dict(words)
        if value not in known:
            close = suggest(value, list(known))
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else "."
            raise OptionError(
                f"{value!r} is not a word of the decision's scale{hint} Its words: "
                f"{', '.join(known)}"
            )
        return known[value]
    if isinstance(value, bool) or not is_real_number(value) or not math.isfinite(value):
        raise OptionError(f"a utility must be a finite number or a word; got {value!r}")
    return float(value)


def _canonical_keywords(
    noisy_or: Any, noisy_max: Any, leak: Any, ranked: Any, variance: Any, combine: Any
) -> dict[str, Any]:
    """Return the canonical keywords given (not None), by name."""
    given = {
        "noisy_or": noisy_or,
        "noisy_max": noisy_max,
        "leak": leak,
        "ranked": ranked,
        "variance": variance,
        "combine": combine,
    }
    return {k: v for k, v in given.items() if v is not None}


def _few_draws(ess: float, n: int) -> str:
    """Return the message of the warning for fewer effective draws than a band needs."""
    after = (
        "the answer has no band: its interval and Monte Carlo error are NaN and its "
        "confidence is 'unknown'"
    )
    if n < MIN_EFFECTIVE_DRAWS:
        return (
            f"only {n} draw{'' if n == 1 else 's'} of the uncertain judgments, fewer than the "
            f"{MIN_EFFECTIVE_DRAWS} "
            f"effective draws a band needs: {after}; draw more (draws={DRAWS:_} by default)"
        )
    return (
        f"only {ess:.0f} of {n} draws carry the posterior weight, fewer than the "
        f"{MIN_EFFECTIVE_DRAWS} effective draws a band needs: the observations are very "
        f"surprising under the judgments, so {after}; draw more, or check the judgments the "
        "evidence contradicts"
    )


def _literal_text(node: Node, state: str) -> str:
    if node.binary:
        return node.name if state == "true" else f"~{node.name}"
    return f"{node.name}={state}"


def _parts(condition: Any, nodes: Mapping[str, Node]) -> tuple[list[str], tuple[str, ...]] | None:
    """Return the nodes a condition names and their states, or ``None`` if it is not that simple.

    Only a condition every part of which is ``NAME=STATE``, ``NAME`` or ``~NAME``
    with NAME a node of the model (binary for the last two); the state is not checked.
    """
    if type(condition) is not str:
        return None
    names: list[str] = []
    key: list[str] = []
    for part in condition.split("&"):
        name, eq, state = part.partition("=")
        name = name.strip()
        node = nodes.get(name)
        if node is None:
            if eq or not name.startswith("~"):
                return None
            name = name[1:].strip()
            node = nodes.get(name)
            if node is None or not node.binary:
                return None
            state = "false"
        elif not eq:
            if not node.binary:
                return None
            state = "true"
        else:
            state = state.strip()
        names.append(name)
        key.append(state)
    return names, tuple(key)


def _numbers(value: Any) -> Judgment | None:
    """Return *value* if it is an exact number (:meth:`Model._judgment` keeps it); else ``None``."""
    return value if is_number(value) else None


def _tables_of_numbers(
    values: list[Any], states: tuple[str, ...], known: set[str]
) -> list[dict[str, Judgment]] | None:
    """Return what :func:`_table_of_numbers` returns for each of *values*, or ``None`` if it fails.

    The rows of a network share a few judgments: each is checked once.
    """
    exact: dict[int, float] = {}  # the id of a judgment of an exact number (alive in values)
    tables = []
    for value in values:
        if type(value) is not dict:
            return None
        if tuple(value) == states:  # the states in order, as a file gives them
            entries = value.copy()
        elif len(value) == len(states) and value.keys() == known:
            entries = {s: value[s] for s in states}
        else:
            return None
        numbers = [exact.get(id(j)) for j in entries.values()]
        if None in numbers:
            for k, j in enumerate(entries.values()):
                if numbers[k] is None:
                    x = j.value if is_number(j) else None
                    if x is None:
                        return None
                    numbers[k] = exact[id(j)] = x
        if abs(math.fsum(numbers) - 1.0) > _NUMBER_RESOLUTION:  # type: ignore[arg-type]
            return None
        tables.append(entries)
    return tables


def _table_of_numbers(
    value: Any, states: tuple[str, ...], known: set[str]
) -> dict[str, Judgment] | None:
    """Return a table of exact numbers for every state that sum to 1 (within the resolution).

    ``None`` for any other table: :meth:`Model._states_table` reads it, and raises or warns.
    """
    if type(value) is not dict:
        return None
    if tuple(value) == states:  # the states in order, as a file gives them
        entries = value.copy()
    elif len(value) == len(states) and value.keys() == known:
        entries = {s: value[s] for s in states}
    else:
        return None
    numbers = [j.value for j in entries.values() if is_number(j)]
    if len(numbers) != len(entries) or None in numbers:
        return None
    if abs(math.fsum(numbers) - 1.0) > _NUMBER_RESOLUTION:  # type: ignore[arg-type]
        return None
    return entries


#: ENFSI's open-ended top band is closed this many times above its lower end.
ENFSI_TOP_BAND_DECADES = 1.0


def enfsi_ratio(term: str) -> LogUniformRatio:
    """Return the likelihood-ratio band of an ENFSI term (the open top band closed at one decade).

    Parameters
    ----------
    term : str
        A term of the ``enfsi`` scale.

    Returns
    -------
    LogUniformRatio

    Examples
    --------
    >>> from likelihood._core.model import enfsi_ratio
    >>> r = enfsi_ratio("moderate support")
    >>> r.lower, r.upper
    (10.0, 100.0)
    """
    lo, hi = get_scale("enfsi").term(term).range  # type: ignore[misc]
    if math.isinf(hi):
        hi = lo * 10.0**ENFSI_TOP_BAND_DECADES
    return LogUniformRatio(lo, hi)


def _strength(value: Any) -> LogUniformRatio:
    """Read an evidence strength: an ENFSI term, a likelihood ratio or an interval of them."""
    if isinstance(value, str):
        return enfsi_ratio(get_scale("enfsi").term(value).name)
    if is_real_number(value):
        lr = float(value)
        if not (0.0 < lr < math.inf):
            raise ProbabilityError(f"a likelihood ratio must be a number > 0; got {value!r}")
        return LogUniformRatio(lr, lr)
    if isinstance(value, Sequence) and len(value) == 2 and all(is_real_number(v) for v in value):
        lo, hi = (float(v) for v in value)
        if not (0.0 < lo < hi < math.inf):
            raise ProbabilityError(
                f"an interval of likelihood ratios needs 0 < lower < upper; got {value!r}"
            )
        return LogUniformRatio(lo, hi)
    raise JudgmentTypeError(
        "strength must be an ENFSI term (e.g. 'moderate support'), a likelihood ratio or "
        f"an interval (lower, upper) of them; got {value!r}"
    )
