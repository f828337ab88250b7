"""The exact engine: a model compiled once, evaluated for many draws, observations and variants.

A :class:`CompiledModel` is built once per model structure. It owns

* the parameters θ (one per judgment, :meth:`likelihood.Model.parameters`) and
  their draws θ₁…θₙ. Each parameter is drawn from its own random stream, spawned
  from the seed and the parameter's label, so that the draws of a parameter do
  not depend on which other parameters exist or are drawn (common random
  numbers: a query, a variant or an analysis sees the same θ);
* per evidence pattern (which nodes are observed, not their states), the
  junction tree of :mod:`likelihood._core.network` and its message plan, built
  once and shared by every variant;
* per node, the recipe that turns the draws into its table.

For draws θᵢ the junction tree gives, for all draws at once, ``P(E | θᵢ)`` and
``P(X | E, θᵢ)``. With weights ``wᵢ ∝ P(E | θᵢ)`` (self-normalised importance
sampling from the prior p(θ)):

* the coherent probability ``P(X | E) = Σᵢ wᵢ P(X | E, θᵢ)``
  ( ``= Σᵢ P(X, E | θᵢ) / Σᵢ P(E | θᵢ)`` ),
* its Monte Carlo standard error ``sqrt(Σᵢ wᵢ² (P(X | E, θᵢ) - P(X | E))²)``,
* the effective sample size ``1 / Σᵢ wᵢ²``,
* the band: weighted quantiles of ``P(X | E, θᵢ)``, i.e. over ``p(θ | E)``.

A *variant* (:meth:`CompiledModel.with_judgment`, :meth:`~CompiledModel.held_at`,
:meth:`~CompiledModel.with_observation`) redraws only the parameter it changes and
reuses the junction trees. :attr:`CompiledModel.counts` counts the work.
Memory is bounded by evaluating the draws in chunks.
"""

from __future__ import annotations

import hashlib
import math
import operator
import os
import threading
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from likelihood._core.canonical import canonical_table, ranked_table
from likelihood._core.evaluation import (
    Evaluation,
    effective_sample_size,
    normalised,
    weighted_sum,
)
from likelihood._core.judgment import Judgment, judge
from likelihood._core.model import Dirichlet, LogUniformRatio, Model, Parameter, dirichlet_draws
from likelihood._core.network import JunctionTree
from likelihood._core.validate import check_count, check_draw_memory, check_seed
from likelihood._defaults import (
    AUTO_MCSE,
    BLOCK_DRAWS,
    CHUNK_BUDGET,
    DRAWS,
    HELD_DRAW_BYTES,
    MIN_EFFECTIVE_DRAWS,
)
from likelihood._exceptions import EvidenceError, ModelError, OptionError

__all__ = [
    "CompiledModel",
    "Draws",
    "blocks",
    "draw",
    "draw_parameter",
    "held_at",
    "resolve_seed",
    "stream",
]

Array = NDArray[np.float64]


def resolve_seed(seed: int | np.random.Generator | None) -> int:
    """Return the whole-number seed of a run: *seed* itself, or fresh entropy when None.

    A generator gives one number drawn from it. The number is kept, so that any
    run can be repeated.

    Examples
    --------
    >>> from likelihood._core.compiled import resolve_seed
    >>> resolve_seed(7)
    7
    >>> resolve_seed(None) >= 0
    True
    """
    seed = check_seed(seed)
    if seed is None:
        return int(np.random.SeedSequence().entropy) % (1 << 63)  # type: ignore[arg-type]
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(1 << 63))
    return seed


def stream(seed: int, label: str, block: int = 0) -> np.random.Generator:
    """Return the random stream of one block of one parameter's draws.

    Spawned from *seed*, the parameter's label and the block's number: the
    draws of a parameter do not depend on the other parameters, and a block's
    draws do not depend on where (in which chunk, thread or worker) it is drawn.

    Examples
    --------
    >>> from likelihood._core.compiled import stream
    >>> float(stream(1, "h").random()) == float(stream(1, "h").random())
    True
    >>> float(stream(1, "h", 0).random()) == float(stream(1, "h", 1).random())
    False
    """
    key = int.from_bytes(hashlib.blake2b(label.encode("utf-8"), digest_size=8).digest(), "big")
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(key, block)))


def blocks(n: int, size: int = BLOCK_DRAWS) -> list[tuple[int, int]]:
    """Return the ``(start, stop)`` of each block of *n* draws (the last one may be shorter).

    Examples
    --------
    >>> from likelihood._core.compiled import blocks
    >>> blocks(25_000)
    [(0, 10000), (10000, 20000), (20000, 25000)]
    """
    return [(start, min(n, start + size)) for start in range(0, n, size)]


class Draws:
    """The n draws of one uncertain parameter, drawn block by block when they are asked.

    Block ``b`` (draws ``b·BLOCK_DRAWS`` onwards) comes from
    ``stream(seed, label, b)``, so the draws equal those held by a smaller run,
    byte for byte, whatever the order in which blocks are asked. A slice draws
    only the blocks it covers (the last block asked is kept); anything else
    (``numpy.asarray``, an index array) draws them all.

    Parameters
    ----------
    distribution : object
        The parameter's distribution (a Judgment, Dirichlet or log-uniform ratio).
    label : str
    seed : int
    n : int

    Examples
    --------
    >>> import numpy as np, likelihood as lk
    >>> from likelihood._core.compiled import Draws
    >>> d = Draws(lk.judge(beta=(2, 5)), "h", seed=1, n=25_000)
    >>> len(d), d.shape
    (25000, (25000,))
    >>> bool(np.array_equal(d[12_000:12_005], np.asarray(d)[12_000:12_005]))
    True
    """

    def __init__(self, distribution: Any, label: str, seed: int, n: int) -> None:
        self.distribution = distribution
        self.label = label
        self.seed = seed
        self.n = n
        width = len(distribution.alpha) if isinstance(distribution, Dirichlet) else None
        self.shape: tuple[int, ...] = (n,) if width is None else (n, width)
        self.ndim = len(self.shape)
        self.dtype = np.dtype(np.float64)
        self._last: tuple[int, Array] | None = None

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        return f"Draws({self.label!r}, n={self.n}, seed={self.seed})"

    def block(self, b: int) -> Array:
        """Return block *b* of the draws."""
        last = self._last
        if last is not None and last[0] == b:
            return last[1]
        start = b * BLOCK_DRAWS
        size = min(BLOCK_DRAWS, self.n - start)
        values = draw(self.distribution, size, stream(self.seed, self.label, b))
        self._last = (b, values)
        return values

    def __getitem__(self, key: Any) -> Array:
        if isinstance(key, slice) and key.step in (None, 1):
            start, stop, _ = key.indices(self.n)
            if stop <= start:
                return np.empty((0, *self.shape[1:]))
            first, last = start // BLOCK_DRAWS, (stop - 1) // BLOCK_DRAWS
            parts = [self.block(b) for b in range(first, last + 1)]
            joined = parts[0] if len(parts) == 1 else np.concatenate(parts)
            offset = first * BLOCK_DRAWS
            return joined[start - offset : stop - offset]
        picked: Array = np.asarray(self)[key]
        return picked

    def __array__(self, dtype: Any = None, copy: Any = None) -> Array:
        out = np.empty(self.shape)
        for b, (start, stop) in enumerate(blocks(self.n)):
            out[start:stop] = draw(
                self.distribution, stop - start, stream(self.seed, self.label, b)
            )
        return out if dtype is None else out.astype(dtype)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_last"] = None  # a worker draws its own blocks
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def draw_parameter(distribution: Any, label: str, seed: int, n: int, held: bool = True) -> Any:
    """Return a parameter's n draws, block by block from its streams (see ``Draws``).

    An array when *held* (or when the parameter is fixed: shape ``(1,)``), else
    a ``Draws`` that draws its blocks when they are asked.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.compiled import draw_parameter
    >>> draw_parameter(lk.judge(0.3), "h", seed=1, n=5).tolist()
    [0.3]
    >>> draw_parameter(lk.judge(beta=(2, 5)), "h", seed=1, n=5, held=False)
    Draws('h', n=5, seed=1)
    """
    if getattr(distribution, "is_fixed", False):
        return draw(distribution, n, np.random.default_rng(0))
    lazy = Draws(distribution, label, seed, n)
    return np.asarray(lazy) if held else lazy


def draw(distribution: Any, n: int, rng: np.random.Generator) -> Array:
    """Draw one parameter *n* times: shape ``(n,)`` (``(n, k)`` for a Dirichlet), ``(1,)`` if fixed.

    Examples
    --------
    >>> import numpy as np, likelihood as lk
    >>> from likelihood._core.compiled import draw
    >>> draw(lk.judge(0.3), 5, np.random.default_rng(0)).tolist()
    [0.3]
    >>> draw(lk.judge(beta=(2, 5)), 5, np.random.default_rng(0)).shape
    (5,)
    """
    if isinstance(distribution, Judgment):
        if distribution.is_fixed:
            return np.array([distribution.value], dtype=np.float64)
        if distribution.beta is not None:
            a, b = distribution.beta
            return rng.beta(a, b, size=n)
        return np.asarray(distribution.rvs(n, random_state=rng), dtype=np.float64)
    if isinstance(distribution, Dirichlet):
        return dirichlet_draws(distribution.alpha, n, rng)
    if isinstance(distribution, LogUniformRatio):
        return np.asarray(distribution.rvs(n, rng), dtype=np.float64)
    raise TypeError(f"cannot draw {distribution!r}")  # pragma: no cover - the model makes no other


def held_at(distribution: Any, q: float) -> Array:
    """Return the parameter held at its q-quantile, as the engine takes it: ``(1,)`` or ``(1, k)``.

    A Dirichlet is held with its first state at that state's q-quantile and the
    others in their mean proportions.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.compiled import held_at
    >>> float(held_at(lk.judge(beta=(1, 1)), 0.05)[0])
    0.05
    """
    if isinstance(distribution, Judgment | LogUniformRatio):
        return np.array([float(distribution.ppf(q))])
    if isinstance(distribution, Dirichlet):
        alpha = distribution.alpha
        first = float(stats.beta.ppf(q, alpha[0], alpha.sum() - alpha[0]))
        rest = alpha[1:] / alpha[1:].sum() * (1.0 - first)
        return np.concatenate([[first], rest])[None, :]
    raise TypeError(f"cannot hold {distribution!r}")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class _Recipe:
    """How one node's table is made from the draws (parameter positions, fixed at compile time)."""

    kind: str  # "rows" | "report" | "strength" | "canonical" | "constant"
    rows: tuple[int | tuple[int, ...], ...] = ()  # per row: one position, or one per state
    position: int = -1  # report: the source's reliability; strength: the ratio
    claimed: tuple[bool, ...] = ()  # per state of the claimed parent: is it the claim?
    credibility: int = -1  # report: the position of its credibility (-1: not graded)
    agenda: bool = False  # report: its second parent is the source's agenda
    # canonical (noisy-OR, noisy-MAX): per parent, per state, the positions of its chances of
    # at least each level (None: the absent state); the leak's positions
    layout: tuple[tuple[tuple[int, ...] | None, ...], ...] = ()
    leak: tuple[int, ...] = ()
    constant: Any = None  # constant (a ranked node): the table, (*parent cards, card)


@dataclass(frozen=True, slots=True)
class _Work:
    """One evaluation of many draws, as :meth:`CompiledModel.run` shares it out in blocks."""

    values: Sequence[Any]
    n: int
    observed: Mapping[str, str]
    names: tuple[str, ...]  # the nodes whose tables enter
    among: frozenset[str] | None  # the nodes of the junction tree (None: all)
    targets: set[int] | None  # the variables whose marginals are asked (None: all)
    hidden: tuple[str, ...]  # the asked nodes that are not observed
    chunk: int  # draws per chunk, within a block


@dataclass(frozen=True, slots=True)
class _Shipped:
    """A compiled model and its work, as sent to workers (one object: a client scatters it once)."""

    compiled: CompiledModel
    work: _Work


def _block_on_worker(shipped: _Shipped, span: tuple[int, int]) -> tuple[Array, dict[str, Array]]:
    return shipped.compiled._evaluate_block(shipped.work, span)


def _map_blocks(
    executor: Any, shipped: _Shipped, spans: list[tuple[int, int]]
) -> list[tuple[Array, dict[str, Array]]]:
    """Evaluate the blocks on an executor; return their results in block order.

    *executor* is a ``concurrent.futures.Executor`` or a
    ``dask.distributed.Client`` (anything with ``submit`` returning futures with
    ``result()``); a client's ``scatter`` sends the model to the workers once.
    """
    if hasattr(executor, "scatter"):
        shipped = executor.scatter(shipped, broadcast=True, hash=False)
    futures = [executor.submit(_block_on_worker, shipped, span) for span in spans]
    return [future.result() for future in futures]


class _Accuracy:
    """The Monte Carlo standard error of coherent probabilities, from running sums over blocks.

    With unnormalised weights ``uᵢ = exp(log P(E | θᵢ) − M)`` (M the largest
    so far; the sums are rescaled when it grows), ``P = Σuᵢvᵢ / Σuᵢ`` and
    ``MCSE² = Σuᵢ²(vᵢ − P)² / (Σuᵢ)²``, expanded as sums of ``uᵢ²``, ``uᵢ²vᵢ``
    and ``uᵢ²vᵢ²`` so that each block is read once.
    """

    def __init__(self, cards: Mapping[str, int]) -> None:
        self.top = -math.inf
        self.s0 = 0.0
        self.t0 = 0.0
        self.s1 = {name: np.zeros(k) for name, k in cards.items()}
        self.t1 = {name: np.zeros(k) for name, k in cards.items()}
        self.t2 = {name: np.zeros(k) for name, k in cards.items()}

    def add(self, log_evidence: Array, marginals: Mapping[str, Array]) -> float:
        """Add a block; return the largest Monte Carlo error so far (inf while none is known)."""
        finite = log_evidence[np.isfinite(log_evidence)]
        if finite.size and finite.max() > self.top:
            if np.isfinite(self.top):
                shrink = math.exp(self.top - float(finite.max()))
                self.s0 *= shrink
                self.t0 *= shrink**2
                for name in self.s1:
                    self.s1[name] *= shrink
                    self.t1[name] *= shrink**2
                    self.t2[name] *= shrink**2
            self.top = float(finite.max())
        if not np.isfinite(self.top):
            return math.inf
        with np.errstate(under="ignore"):
            u = np.exp(log_evidence - self.top)
        u2 = u * u
        self.s0 += float(u.sum())
        self.t0 += float(u2.sum())
        worst = 0.0
        for name in self.s1:
            v = marginals[name]
            self.s1[name] += weighted_sum(u, v)
            self.t1[name] += weighted_sum(u2, v)
            self.t2[name] += weighted_sum(u2, v * v)
            p = self.s1[name] / self.s0
            spread = self.t2[name] - 2.0 * p * self.t1[name] + p * p * self.t0
            worst = max(worst, float(np.sqrt(max(float(spread.max()), 0.0)) / self.s0))
        if self.t0 / self.s0**2 > 1.0 / MIN_EFFECTIVE_DRAWS:
            return math.inf  # too few effective draws to trust the error
        return worst


def _shares_out(executor: Any) -> bool:
    """Whether blocks are evaluated on *executor*: not on threads, which only draw.

    A block's evaluation is many NumPy steps that hold the interpreter's lock
    between them: two threads evaluating blocks took twice as long as one
    (alarm, 20,000 draws), while drawing, which lets go of the lock, runs on
    threads twice as fast.
    """
    return executor is not None and not isinstance(executor, ThreadPoolExecutor)


def _workers(executor: Any) -> int:
    """Return how many workers an executor has: a Dask client says; otherwise the CPUs here."""
    if hasattr(executor, "nthreads"):  # a dask client: threads per worker
        try:
            return max(1, len(executor.nthreads()))
        except Exception:  # noqa: BLE001 - a client that cannot answer: the CPUs here
            pass
    return os.cpu_count() or 1


class _Shared:
    """What a compiled model and all its variants share: trees, answers, draws and counts."""

    def __init__(self) -> None:
        # per evidence pattern and, for questions about a few nodes, the nodes they need
        self.trees: dict[tuple[frozenset[str], frozenset[str] | None], JunctionTree] = {}
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        # coherent answers per (variant, observations): every analysis asks the same variants
        self.answers: dict[tuple[Any, ...], dict[str, Array] | None] = {}
        # a parameter's draws under a changed judgment, per (position, what was written)
        self.drawn: dict[tuple[Any, ...], Array] = {}
        self.kept: dict[tuple[Any, ...], Any] = {}
        # the last table built per (node, draws, chunk), with the arrays it was built from
        self.tables: dict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] = {}
        # the held arrays of draws, by id, with the streams they were drawn from
        self.sources: dict[int, tuple[Any, Draws]] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.lock = threading.Lock()

    def count(self, what: str) -> None:
        with self.lock:  # parameters may be drawn on several threads
            self.counts[what] += 1


def _uses(recipe: _Recipe) -> tuple[int, ...]:
    """Return the positions of the parameters a node's table is made from."""
    if recipe.kind == "rows":
        return tuple(i for e in recipe.rows for i in ((e,) if isinstance(e, int) else e))
    if recipe.kind == "canonical":
        causes = (i for states in recipe.layout for e in states if e is not None for i in e)
        return (*causes, *recipe.leak)
    if recipe.kind == "constant":
        return ()
    return (recipe.position,) + ((recipe.credibility,) if recipe.credibility >= 0 else ())


class CompiledModel:
    """A model compiled once for exact evaluation of many draws, observations and variants.

    Made by :meth:`Model.compile` (and by :meth:`Model.infer`, whose posterior
    keeps it as ``Posterior.compiled``). The model is copied: later changes
    to it do not reach the compiled model.

    Parameters
    ----------
    model : Model
        The model (copied).
    draws : int, default 20,000
        Draws θ₁…θₙ of the judgments (1 when nothing is uncertain).
    seed : int or numpy.random.Generator, optional
        The same seed gives the same draws, byte for byte; fresh entropy (kept
        in ``seed``) when None.
    held : bool, optional
        Hold the draws in memory (``True``), or draw each block again when it is
        evaluated (``False``); by default, held while they take at most
        ``HELD_DRAW_BYTES`` (1 GiB).
    executor : object, optional
        Where to evaluate the blocks of draws (see :meth:`with_executor`); a
        ``concurrent.futures.ThreadPoolExecutor`` draws the parameters instead
        (each on one thread), and the blocks are evaluated here. The numbers do
        not depend on it.

    Attributes
    ----------
    model : Model
    nodes : tuple of str
        The nodes, in the model's order.
    parameters : tuple of Parameter
    values : tuple of numpy.ndarray
        The draws of each parameter: arrays while they fit in ``HELD_DRAW_BYTES``
        (1 GiB), else ``Draws`` that draw each block again from its random
        streams when it is evaluated (so that any number of draws runs in
        bounded memory).
    held : bool
        Whether the draws are held in memory.
    n : int
        The number of draws.
    seed : int
    observed : dict of str to str
        The observations a plain :meth:`evaluate` uses (the model's, or a variant's).
    counts : dict of str to int
        Work done by this compiled model and all its variants: ``"triangulations"``
        (junction trees built), ``"evaluations"`` (batched evaluations) and
        ``"draws"`` (parameters drawn, each for all n draws).

    Examples
    --------
    >>> import likelihood as lk
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior="likely")
    >>> m.evidence("e", given={"h": "highly likely", "~h": "unlikely"}, observed=True)
    >>> c = m.compile(draws=4000, seed=1)
    >>> base = c.evaluate()
    >>> lower = c.with_judgment("h", "unlikely").evaluate()
    >>> bool(lower.coherent("h")[0] < base.coherent("h")[0])
    True
    >>> c.counts["triangulations"], c.counts["draws"]
    (1, 4)
    """

    def __init__(
        self,
        model: Model,
        *,
        draws: int = DRAWS,
        seed: int | np.random.Generator | None = None,
        held: bool | None = None,
        executor: Any = None,
    ) -> None:
        draws = check_count(draws, "draws")
        self.model = model.copy()
        self.nodes = tuple(self.model.nodes)
        self.index = {name: i for i, name in enumerate(self.nodes)}
        self.cards = [len(self.model.nodes[n].states) for n in self.nodes]
        self.parameters = tuple(self.model.parameters())
        self.seed = resolve_seed(seed)
        self.observed = self.model.observations
        self._uncertain = any(not p.is_fixed for p in self.parameters)
        self.n = int(draws) if self._uncertain else 1
        # the parameters' draws are held while they fit in HELD_DRAW_BYTES; beyond, each block
        # is drawn again from its streams whenever it is evaluated
        if held is None:
            held = self.n * sum(p.columns for p in self.parameters) * 8 <= HELD_DRAW_BYTES
        self.held = held
        if self._uncertain:  # refuse, before allocating, draws that would not fit in memory
            columns = sum(self.cards) + 2
            if self.held:
                columns += sum(p.columns for p in self.parameters)
            check_draw_memory(draws, columns)
        self._shared = _Shared()
        self.executor: Any = executor
        # what distinguishes a variant from this compiled model; None: not cached
        self._key: tuple[Any, ...] | None = ()
        if isinstance(executor, ThreadPoolExecutor) and self.held and self._uncertain:
            # threads share this memory: each parameter drawn on one (numpy lets go of the GIL)
            self.values = tuple(executor.map(self._draw, self.parameters))
        else:
            self.values = tuple(self._draw(p) for p in self.parameters)
        self._recipes = self._compile_recipes()

    # -- compiling -------------------------------------------------------------------------

    def _draw(self, parameter: Parameter) -> Any:
        self._shared.count("draws")
        if parameter.is_fixed:
            return draw_parameter(parameter.distribution, parameter.label, self.seed, self.n)
        lazy = Draws(parameter.distribution, parameter.label, self.seed, self.n)
        if not self.held:
            return lazy
        values = np.asarray(lazy)
        self._shared.sources[id(values)] = (values, lazy)
        return values

    def _compile_recipes(self) -> dict[str, _Recipe]:
        position = {p.label: i for i, p in enumerate(self.parameters)}
        recipes: dict[str, _Recipe] = {}
        for name in self.nodes:
            node = self.model.nodes[name]
            if node.role == "report" or node.ratio is not None:
                assert node.claim is not None
                label = (
                    f"{node.source}: reliability" if node.role == "report" else f"{name}: strength"
                )
                claim = node.claim
                recipes[name] = _Recipe(
                    "report" if node.role == "report" else "strength",
                    position=position[label],
                    claimed=tuple(s == claim.state for s in self.model.nodes[claim.node].states),
                    credibility=position.get(f"{name}: credibility", -1),
                    agenda=len(node.parents) > 1,
                )
                continue
            canonical = node.canonical
            if canonical is not None and canonical.kind == "ranked":
                cards = [len(self.model.nodes[p].states) for p in node.parents]
                table = ranked_table(
                    cards,
                    len(node.states),
                    canonical.weights,
                    canonical.variance,
                    canonical.combine,
                )
                recipes[name] = _Recipe("constant", constant=table)
                continue
            if canonical is not None:
                layout = tuple(
                    tuple(None if e is None else tuple(position[x] for x in e) for e in states)
                    for states in canonical.layout
                )
                leak = tuple(position[x] for x in canonical.leak)
                recipes[name] = _Recipe("canonical", layout=layout, leak=leak)
                continue
            rows: list[int | tuple[int, ...]] = []
            for row in node.rows:
                suffix = f" | {row.condition}" if row.condition else ""
                if isinstance(row.value, Judgment | Dirichlet):
                    rows.append(position[f"{name}{suffix}"])
                else:
                    rows.append(tuple(position[f"{name}: {s}{suffix}"] for s in node.states))
            recipes[name] = _Recipe("rows", rows=tuple(rows))
        self._uses = {name: _uses(r) for name, r in recipes.items()}
        return recipes

    @property
    def counts(self) -> Counter[str]:
        """Work done by this compiled model and its variants (see the class docstring)."""
        return self._shared.counts

    @property
    def uncertain(self) -> bool:
        """Whether any parameter varies between draws."""
        return self._uncertain

    def position(self, label: str) -> int:
        """Return the position of the parameter with this label (see ``parameters``).

        Parameters
        ----------
        label : str
            ``"node"``, ``"node | condition"``, ``"node: state | condition"``,
            ``"source: reliability"`` or ``"node: strength"``.

        Returns
        -------
        int

        Raises
        ------
        ModelError
            No parameter has that label.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> m.compile(draws=10, seed=0).position("h")
        0
        """
        for i, p in enumerate(self.parameters):
            if p.label == label:
                return i
        labels = ", ".join(p.label for p in self.parameters)
        raise ModelError(f"no parameter {label!r}; the parameters are: {labels}")

    # -- variants --------------------------------------------------------------------------

    def _variant(self, **changes: Any) -> CompiledModel:
        other = object.__new__(CompiledModel)
        other.__dict__.update(self.__dict__)
        other.__dict__.update(changes)
        return other

    def with_judgment(
        self, label: str | int, judgment: Any, written: str | None = None
    ) -> CompiledModel:
        """Return a variant with one parameter's judgment replaced; only it is drawn again.

        Parameters
        ----------
        label : str or int
            The parameter's label or position.
        judgment : Judgment or str or Dirichlet or object
            The new judgment; a word is read on the parameter's own scale (or the
            model's).
        written : str, optional
            What to show as written (the word by default).

        Returns
        -------
        CompiledModel
            Sharing this model's junction trees and the other parameters' draws.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> c = m.compile(draws=1000, seed=0)
        >>> v = c.with_judgment("h", "unlikely")
        >>> v.parameters[0].written, c.parameters[0].written
        ('unlikely', 'likely')
        """
        i = label if isinstance(label, int) else self.position(label)
        old = self.parameters[i]
        if isinstance(judgment, str):
            scale = self.model.scale.name
            if isinstance(old.distribution, Judgment) and old.distribution.origin.scale:
                scale = old.distribution.origin.scale
            word = judgment
            judgment = judge(word, scale=scale)
            written = written or word
        text = written if written is not None else str(getattr(judgment, "origin", judgment))
        parameter = replace(old, distribution=judgment, written=text)
        n = self.n if self._uncertain or parameter.is_fixed else DRAWS
        variant = self._variant()
        if n != self.n:  # a fixed model gains an uncertain judgment: every draw is one number
            variant = self._variant(
                n=n,
                values=tuple(np.broadcast_to(v, (n, *v.shape[1:])) for v in self.values),
                _uncertain=True,
            )
        law = judgment.law() if isinstance(judgment, Judgment) else repr(judgment)
        drawn_key = (i, n, text, law)
        shared = self._shared
        if drawn_key not in shared.drawn:
            shared.drawn[drawn_key] = variant._draw(parameter)
        values = list(variant.values)
        values[i] = shared.drawn[drawn_key]
        parameters = list(self.parameters)
        parameters[i] = parameter
        key = None if self._key is None else (*self._key, ("judgment", drawn_key))
        return variant._variant(parameters=tuple(parameters), values=tuple(values), _key=key)

    def held_at(self, label: str | int, q: float) -> CompiledModel:
        """Return a variant with one parameter held at its q-quantile in every draw.

        Parameters
        ----------
        label : str or int
            The parameter's label or position.
        q : float
            The quantile level, in (0, 1).

        Returns
        -------
        CompiledModel

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=lk.judge(beta=(1, 1)))
        >>> m.compile(draws=100, seed=0).held_at("h", 0.95).values[0].tolist()
        [0.95]
        """
        i = label if isinstance(label, int) else self.position(label)
        values = list(self.values)
        values[i] = held_at(self.parameters[i].distribution, q)
        key = None if self._key is None else (*self._key, ("held", i, float(q)))
        return self._variant(values=tuple(values), _key=key)

    def with_observation(self, name: str, value: Any) -> CompiledModel:
        """Return a variant with one observation set, changed, or removed (``value=None``).

        Parameters
        ----------
        name : str
            A node.
        value : bool or str or None
            ``True``/``False`` for a binary node, a state otherwise; ``None`` removes
            the observation.

        Returns
        -------
        CompiledModel

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=True)
        >>> c = m.compile()
        >>> c.with_observation("e", None).observed, c.with_observation("e", False).observed
        ({}, {'e': 'false'})
        """
        node = self.model.node(name)
        observed = dict(self.observed)
        if value is None:
            observed.pop(node.name, None)
        else:
            probe = self.model.copy()
            probe.observe(node.name, value)
            observed[node.name] = probe.observations[node.name]
        return self._variant(observed=observed)

    def with_executor(self, executor: Any) -> CompiledModel:
        """Return this compiled model evaluating its blocks of draws on *executor*.

        The draws are evaluated in blocks of ``BLOCK_DRAWS``, each parameter's
        block drawn from its own random stream, so the numbers are the same,
        byte for byte, wherever the blocks run. The variants made from the
        result (every analysis of a posterior) use the executor too.

        Parameters
        ----------
        executor : object or None
            A ``dask.distributed.Client`` (the model is sent to each worker
            once), a ``concurrent.futures.Executor``, or anything with
            ``submit(fn, *args)`` returning futures; ``None`` evaluates here. A
            ``ThreadPoolExecutor`` only draws (threads evaluating blocks would
            wait on each other): the blocks are evaluated here.

        Returns
        -------
        CompiledModel

        Examples
        --------
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> import numpy as np, likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
        >>> c = m.compile(draws=25_000, seed=1)
        >>> with ThreadPoolExecutor(2) as pool:
        ...     shared = c.with_executor(pool).evaluate()
        >>> bool(np.array_equal(shared.log_evidence, c.evaluate().log_evidence))
        True
        """
        return self._variant(executor=executor)

    def with_values(self, values: Sequence[Array]) -> CompiledModel:
        """Return a variant evaluated on other draws of the same parameters (same order).

        Parameters
        ----------
        values : sequence of numpy.ndarray
            One array per parameter: length n (the new number of draws) or 1.

        Returns
        -------
        CompiledModel

        Examples
        --------
        >>> import numpy as np, likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=lk.judge(beta=(2, 2)))
        >>> c = m.compile(draws=100, seed=0).with_values([np.array([0.1, 0.2])])
        >>> c.n
        2
        """
        if len(values) != len(self.parameters):
            raise OptionError(
                f"values must give one array per parameter ({len(self.parameters)}); "
                f"got {len(values)}"
            )
        arrays = tuple(np.asarray(v, dtype=np.float64) for v in values)
        n = max(len(v) for v in arrays)
        return self._variant(values=arrays, n=n, _key=None)

    # -- evaluating ------------------------------------------------------------------------

    def table(
        self, name: str, values: Sequence[Any], xp: Any = np, batch: int | None = None
    ) -> Any:
        """Return a node's table for every draw, shaped ``(B, *parent cards, card)``.

        ``B`` is the number of draws, or 1 when nothing in the table varies.
        *values* are the parameters' draws (arrays of length B or 1; B rows of a
        Dirichlet); *xp* is the array library (NumPy, or PyTensor's tensor module
        in the PyMC engine, with *batch* given). A table of several states written
        as judgments is normalised per draw.

        Parameters
        ----------
        name : str
        values : sequence of numpy.ndarray
        xp : object, optional
            The array library: NumPy by default, PyTensor's tensor module in the
            PyMC engine.
        batch : int, optional
            The number of draws, when *xp* is not NumPy.

        Returns
        -------
        numpy.ndarray

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> c = m.compile()
        >>> c.table("h", c.values).tolist()
        [[0.3, 0.7]]
        """
        node = self.model.nodes[name]
        recipe = self._recipes[name]
        shape = tuple(len(self.model.nodes[p].states) for p in node.parents)
        if recipe.kind == "canonical":
            layout = [
                [None if e is None else [values[i] for i in e] for e in states]
                for states in recipe.layout
            ]
            leak = [values[i] for i in recipe.leak]
            return canonical_table(layout, leak, xp=xp, batch=batch, binary=node.binary)
        if recipe.kind == "constant":
            constant = np.broadcast_to(recipe.constant, (batch or 1, *recipe.constant.shape))
            return constant if xp is np else xp.as_tensor_variable(constant)
        if recipe.kind != "rows":
            x = values[recipe.position]
            if recipe.kind == "report":
                yes, no = (1.0 + x) / 2.0, (1.0 - x) / 2.0
                if recipe.credibility >= 0:  # the content's own ratio c / (1 - c)
                    c = values[recipe.credibility]
                    yes, no = yes * c, no * (1.0 - c)
            else:
                yes, no = x / (1.0 + x), 1.0 / (1.0 + x)
            rows = [yes if claimed else no for claimed in recipe.claimed]
            if recipe.agenda:  # with an agenda (the first state) the report is made anyway
                rows = [r for row in rows for r in (row * 0.0 + 1.0, row)]
        else:
            rows = []
            for entry in recipe.rows:
                if isinstance(entry, int):
                    rows.append(values[entry])
                    continue
                entries = [values[i] for i in entry]
                size = batch if batch is not None else max(len(e) for e in entries)
                stacked = xp.stack([xp.broadcast_to(e, (size,)) for e in entries], axis=-1)
                total = stacked.sum(axis=-1, keepdims=True)
                if xp is np:  # a draw may zero a whole row (a pool with an atom at 0)
                    rows.append(
                        np.divide(stacked, total, out=np.zeros_like(stacked), where=total > 0)
                    )
                else:
                    rows.append(stacked / total)
        size = batch if batch is not None else max(len(r) for r in rows)
        if node.binary:
            p = xp.stack([xp.broadcast_to(r, (size,)) for r in rows], axis=-1).reshape(
                (size, *shape)
            )
            return xp.stack([p, 1.0 - p], axis=-1)
        k = len(node.states)
        t = xp.stack([xp.broadcast_to(r, (size, k)) for r in rows], axis=1)
        return t.reshape((size, *shape, k))

    def _table_of(
        self,
        name: str,
        values: Sequence[Array],
        part: Sequence[Array],
        n: int,
        start: int,
        stop: int,
    ) -> Array:
        """Return a node's table for draws start:stop, kept while the same arrays feed it.

        Variants share the arrays of every parameter they leave alone, so the
        tables of the nodes a variant does not touch are built once. Draws not
        held (``held`` False) keep no tables either: memory stays bounded.
        """
        if not self.held:
            return np.asarray(self.table(name, part))
        used = tuple(map(values.__getitem__, self._uses[name]))
        key = (name, n, start, stop)
        kept = self._shared.tables.get(key)
        if kept is not None and len(kept[0]) == len(used):
            if all(map(operator.is_, kept[0], used)):
                same: Array = kept[1]
                return same
        table = np.asarray(self.table(name, part))
        self._shared.tables[key] = (used, table)
        return table

    def tree(self, observed: Mapping[str, str]) -> JunctionTree:
        """Return the junction tree for an evidence pattern (built once, then shared).

        The pattern is which nodes are observed, not their states.

        Parameters
        ----------
        observed : mapping of str to str

        Returns
        -------
        object
            A ``likelihood._core.network.JunctionTree``.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e", given={"h": 0.9, "~h": 0.2})
        >>> c = m.compile()
        >>> c.tree({"e": "true"}) is c.tree({"e": "false"})
        True
        """
        return self._tree(observed, None)

    def _tree(self, observed: Mapping[str, str], among: frozenset[str] | None) -> JunctionTree:
        """Return the junction tree of the nodes *among* (every node when None)."""
        key = (frozenset(n for n in observed if n in self.index), among)
        trees = self._shared.trees
        if key not in trees:
            self._shared.count("triangulations")
            scopes = []
            for name in self.nodes if among is None else [n for n in self.nodes if n in among]:
                node = self.model.nodes[name]
                scope = [self.index[v] for v in (*node.parents, name) if v not in key[0]]
                scopes.append(tuple(scope))
            trees[key] = JunctionTree(self.cards, scopes)
        return trees[key]

    def factors(
        self,
        values: Sequence[Any],
        observed: Mapping[str, str],
        xp: Any = np,
        batch: int | None = None,
    ) -> list[Any]:
        """Return every node's table with the observed states sliced out, in node order.

        Parameters
        ----------
        values : sequence of numpy.ndarray
        observed : mapping of str to str
        xp : object, optional
            The array library: NumPy by default, PyTensor's tensor module in the
            PyMC engine.
        batch : int, optional
            The number of draws, when *xp* is not NumPy.

        Returns
        -------
        list of numpy.ndarray

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> c = m.compile()
        >>> c.factors(c.values, {"h": "true"})[0].tolist()
        [0.3]
        """
        return self._sliced(
            [self.table(name, values, xp=xp, batch=batch) for name in self.nodes], observed
        )

    def _sliced(
        self, tables: Sequence[Any], observed: Mapping[str, str], names: Sequence[str] | None = None
    ) -> list[Any]:
        """Slice the observed states out of every node's table (of *names*: every node)."""
        nodes = self.model.nodes  # a copy: taken once
        at = {v: nodes[v].states.index(state) for v, state in observed.items() if v in nodes}
        everything = slice(None)
        out = []
        for name, table in zip(self.nodes if names is None else names, tables, strict=True):
            axes = (*nodes[name].parents, name)
            if any(v in at for v in axes):
                out.append(table[(everything, *(at.get(v, everything) for v in axes))])
            else:  # nothing observed in this table: the table itself
                out.append(table)
        return out

    def run(
        self,
        values: Sequence[Array],
        n: int,
        observed: Mapping[str, str],
        nodes: Collection[str] | None = None,
    ) -> tuple[Array, dict[str, Array]]:
        """Evaluate all draws in chunks; return ``log P(E | θ)`` and ``P(X | E, θ)`` per node.

        Parameters
        ----------
        values : sequence of numpy.ndarray
        n : int
        observed : mapping of str to str
        nodes : sequence of str, optional
            Only these nodes' ``P(X | E, θ)`` (every node by default); the work
            that no asked node needs is skipped.

        Returns
        -------
        tuple of (numpy.ndarray, dict of str to numpy.ndarray)

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> c = m.compile()
        >>> log_e, marginals = c.run(c.values, 1, {})
        >>> marginals["h"].tolist()
        [[0.3, 0.7]]
        """
        work = self._work(values, n, observed, nodes)
        spans = blocks(n)
        results: Iterable[tuple[Array, dict[str, Array]]]
        if _shares_out(self.executor) and len(spans) > 1:
            results = _map_blocks(self.executor, self._portable(work), spans)
        else:
            results = (self._evaluate_block(work, span) for span in spans)
        return self._joined(work, nodes, results)

    def _work(
        self,
        values: Sequence[Array],
        n: int,
        observed: Mapping[str, str],
        nodes: Collection[str] | None,
    ) -> _Work:
        """Plan one evaluation: the nodes that enter, the tree, the chunk size, the targets."""
        observed = {k: v for k, v in observed.items() if k in self.index}
        among: frozenset[str] | None = None
        if nodes is not None:
            # a node that is neither asked nor an ancestor of an asked or observed node is
            # barren: its table sums to one and cannot move the answer, so it is left out
            kept = frozenset(self.model.ancestors([*nodes, *observed]))
            among = kept if len(kept) < len(self.nodes) else None
        names = self.nodes if among is None else tuple(x for x in self.nodes if x in among)
        tree = self._tree(observed, among)
        self._shared.count("evaluations")
        # chunks never straddle a block, so a block's numbers are the same wherever it is evaluated
        chunk = max(1, min(BLOCK_DRAWS, CHUNK_BUDGET // max(tree.largest_table, 1)))
        asked = self.nodes if nodes is None else tuple(x for x in self.nodes if x in set(nodes))
        hidden = tuple(name for name in asked if name not in observed)
        targets = None if nodes is None else {self.index[name] for name in hidden}
        return _Work(values, n, observed, names, among, targets, hidden, chunk)

    def _joined(
        self,
        work: _Work,
        nodes: Collection[str] | None,
        results: Iterable[tuple[Array, dict[str, Array]]],
        size: int | None = None,
    ) -> tuple[Array, dict[str, Array]]:
        """Write the blocks' results, in order, into arrays of *size* draws (``work.n``).

        The observed nodes' marginals are their observed state. The arrays are
        allocated once and filled block by block (memory the pages not yet
        written do not take), and cut to the draws the blocks gave.
        """
        size = work.n if size is None else size
        asked = self.nodes if nodes is None else tuple(x for x in self.nodes if x in set(nodes))
        log_evidence = np.empty(size)
        marginals = {name: np.empty((size, self.cards[self.index[name]])) for name in asked}
        count = 0
        for log_e, block in results:
            stop = count + len(log_e)
            log_evidence[count:stop] = log_e
            for name in work.hidden:
                marginals[name][count:stop] = block[name]
            count = stop
        for name, state in work.observed.items():
            if name in marginals:
                marginals[name][:count] = 0.0
                marginals[name][:count, self.model.nodes[name].states.index(state)] = 1.0
        if count < size:
            log_evidence = log_evidence[:count]
            marginals = {name: m[:count] for name, m in marginals.items()}
        return log_evidence, marginals

    def _evaluate_block(self, work: _Work, span: tuple[int, int]) -> tuple[Array, dict[str, Array]]:
        """Evaluate the draws ``start:stop`` of one block, in chunks (see :meth:`run`).

        Returns ``log P(E | θ)`` and each hidden asked node's ``P(X | E, θ)`` for
        those draws. A worker of an executor calls it on its own copy of the
        compiled model, whose draws it takes from the blocks' random streams.
        """
        values, n, observed = work.values, work.n, work.observed
        tree = self._tree(observed, work.among)
        start, stop = span
        log_evidence = np.empty(stop - start)
        marginals = {
            name: np.empty((stop - start, self.cards[self.index[name]])) for name in work.hidden
        }
        for a in range(start, stop, work.chunk):
            b = min(stop, a + work.chunk)
            part = values if n == 1 else [v[a:b] if len(v) == n else v for v in values]
            tables = [self._table_of(name, values, part, n, a, b) for name in work.names]
            log_e, chunk_marginals = tree.evaluate(
                self._sliced(tables, observed, work.names), b - a, targets=work.targets
            )
            log_evidence[a - start : b - start] = log_e
            for name in work.hidden:
                marginals[name][a - start : b - start] = chunk_marginals[self.index[name]]
        return log_evidence, marginals

    def _portable(self, work: _Work) -> _Shipped:
        """Return this model and the work, to send to workers: draws as their streams, no caches.

        Draws that this model drew itself travel as ``Draws`` (a worker
        draws its blocks from the same streams); other arrays travel as they are.
        """
        sources = self._shared.sources
        values = tuple(
            sources[id(v)][1] if id(v) in sources and sources[id(v)][0] is v else v
            for v in work.values
        )
        shipped = self._variant(
            values=tuple(
                sources[id(v)][1] if id(v) in sources and sources[id(v)][0] is v else v
                for v in self.values
            ),
            executor=None,
            _shared=_Shared(),
        )
        return _Shipped(shipped, replace(work, values=values))

    def evaluate(self, observed: Mapping[str, str] | None = None) -> Evaluation:
        """Evaluate every draw under the observations (this model's, by default).

        One batched evaluation; an evidence pattern seen before reuses its
        junction tree. When the observations are impossible under every draw,
        the weights are NaN (:meth:`impossible` names the observation at fault).

        Parameters
        ----------
        observed : mapping of str to str, optional
            ``{node: state}``; ``observed`` by default.

        Returns
        -------
        Evaluation

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("blue", prior=0.15)
        >>> m.evidence("says_blue", given={"blue": 0.8, "~blue": 0.2}, observed=True)
        >>> round(float(m.compile().evaluate().coherent("blue")[0]), 4)
        0.4138
        """
        observed = dict(self.observed if observed is None else observed)
        log_evidence, marginals = self.run(self.values, self.n, observed)
        return self._record(log_evidence, marginals, observed)

    def _record(
        self, log_evidence: Array, marginals: dict[str, Array], observed: Mapping[str, str]
    ) -> Evaluation:
        weights = normalised(log_evidence)
        ess = effective_sample_size(weights) if self.uncertain else math.inf
        return Evaluation(
            method="exact",
            parameters=self.parameters,
            values=self.values,
            n=self.n,
            log_evidence=log_evidence,
            weights=weights,
            marginals=marginals,
            observed=dict(observed),
            seed=self.seed,
            ess=ess,
        )

    def first(self, n: int) -> CompiledModel:
        """Return the compiled model of this model's first *n* draws (a smaller run, byte for byte).

        Parameters
        ----------
        n : int
            At most ``self.n``.

        Returns
        -------
        CompiledModel
            Equal to ``model.compile(draws=n, seed=self.seed)``: the same draws,
            block by block.

        Examples
        --------
        >>> import numpy as np, likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> c = m.compile(draws=30_000, seed=1)
        >>> bool(np.array_equal(c.first(12_000).values[0], m.compile(12_000, seed=1).values[0]))
        True
        """
        n = check_count(n, "n")
        if not self.uncertain or n == self.n:
            return self
        if n > self.n:
            raise OptionError(f"n={n} is more than the {self.n} draws of this compiled model")
        first = CompiledModel(self.model, draws=n, seed=self.seed)
        return first._variant(executor=self.executor)

    def evaluate_until(
        self,
        mcse: float = AUTO_MCSE,
        nodes: Collection[str] | None = None,
        observed: Mapping[str, str] | None = None,
    ) -> tuple[CompiledModel, Evaluation, float]:
        """Evaluate block after block until every asked probability meets a Monte Carlo error.

        ``draws="auto"`` of :meth:`Model.infer`. Blocks of ``BLOCK_DRAWS`` draws
        are evaluated in order; after each, the Monte Carlo standard error of
        every state of every asked node (``nodes``, every unobserved node by
        default) is computed from running sums, and the evaluation stops at the
        first block where all are at most *mcse*, or after ``self.n`` draws (the
        most). The stopping point depends on the seed only: the result is,
        byte for byte, the run of that many draws under the same seed.

        Parameters
        ----------
        mcse : float, default 0.001
            The largest Monte Carlo standard error accepted (``AUTO_MCSE``).
        nodes : sequence of str, optional
            The nodes whose probabilities must meet it (every node by default).
        observed : mapping of str to str, optional
            ``observed`` by default.

        Returns
        -------
        compiled : CompiledModel
            The compiled model of the draws used (:meth:`first`).
        evaluation : Evaluation
            Its evaluation (every node).
        reached : float
            The largest Monte Carlo error of an asked probability when it stopped.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
        >>> c, ev, error = m.compile(draws=200_000, seed=1).evaluate_until(0.002)
        >>> c.n, error <= 0.002
        (10000, True)
        """
        observed = dict(self.observed if observed is None else observed)
        if not self.uncertain:
            return self, self.evaluate(observed), 0.0
        work = self._work(self.values, self.n, observed, None)
        asked = set(work.hidden if nodes is None else nodes) & set(work.hidden)
        spans = blocks(self.n)
        accuracy = _Accuracy({name: self.cards[self.index[name]] for name in asked})
        rounds = 2 * _workers(self.executor) if self.executor is not None else 1
        reached = math.inf

        def produce() -> Iterator[tuple[Array, dict[str, Array]]]:
            nonlocal reached
            for start in range(0, len(spans), rounds):
                batch = spans[start : start + rounds]
                results: Iterable[tuple[Array, dict[str, Array]]]
                if _shares_out(self.executor) and len(batch) > 1:
                    results = _map_blocks(self.executor, self._portable(work), batch)
                else:
                    results = (self._evaluate_block(work, span) for span in batch)
                for log_e, block in results:
                    yield log_e, block
                    reached = accuracy.add(log_e, block)
                    if reached <= mcse:
                        return

        log_evidence, marginals = self._joined(work, None, produce())
        first = self.first(len(log_evidence))
        return first, first._record(log_evidence, marginals, observed), reached

    def answer(
        self, observed: Mapping[str, str] | None = None, nodes: Collection[str] | None = None
    ) -> dict[str, Array] | None:
        """Return the coherent ``P(X | E)`` of every node (all states), or None if E is impossible.

        Kept per variant and observations, so that analyses asking the same
        question (the same variant for several hypotheses, or the text and the
        HTML report) evaluate it once.

        Parameters
        ----------
        observed : mapping of str to str, optional
            ``{node: state}``; ``observed`` by default.
        nodes : sequence of str, optional
            The nodes asked (every node by default); the others may be left out.

        Returns
        -------
        dict of str to numpy.ndarray, or None

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("blue", prior=0.15)
        >>> m.evidence("says_blue", given={"blue": 0.8, "~blue": 0.2}, observed=True)
        >>> c = m.compile()
        >>> round(float(c.answer()["blue"][0]), 4), c.answer() is c.answer()
        (0.4138, True)
        """
        observed = dict(self.observed if observed is None else observed)
        key = None if self._key is None else (self._key, tuple(sorted(observed.items())))
        cache = self._shared.answers
        asked = set(self.nodes if nodes is None else nodes)
        if key is not None and key in cache:
            kept = cache[key]
            if kept is None or asked <= set(kept):
                return kept
        if self._key == ():  # this model's own draws: the per-draw numbers are kept too
            log_evidence, marginals = self.kept_run(observed, asked)
        else:
            log_evidence, marginals = self.run(self.values, self.n, observed, nodes=asked)
        weights = normalised(log_evidence)
        result: dict[str, Array] | None = None
        if np.all(np.isfinite(weights)):
            result = {
                name: np.clip(weighted_sum(weights, values), 0.0, 1.0)
                for name, values in marginals.items()
            }
            if key is not None and cache.get(key):
                result = {**cache[key], **result}  # type: ignore[dict-item]
        if key is not None:
            cache[key] = result
        return result

    def kept_run(
        self, observed: Mapping[str, str], nodes: Collection[str]
    ) -> tuple[Array, dict[str, Array]]:
        """Return :meth:`run` on this model's own draws, kept per observations and nodes.

        The observations-only variants of flips and the leave-one-out sums of
        contributions ask the same evaluations: they are made once.

        Parameters
        ----------
        observed : mapping of str to str
        nodes : sequence of str

        Returns
        -------
        tuple of (numpy.ndarray, dict of str to numpy.ndarray)

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> c = m.compile()
        >>> c.kept_run({}, ["h"]) is c.kept_run({}, ["h"])
        True
        """
        key = ("run", tuple(sorted(observed.items())), frozenset(nodes))
        kept: tuple[Array, dict[str, Array]] = self.remember(
            key, lambda: self.run(self.values, self.n, observed, nodes=nodes)
        )
        return kept

    def answers(
        self, variants: Sequence[CompiledModel], nodes: Collection[str] | None = None
    ) -> list[dict[str, Array] | None]:
        """Return :meth:`answer` of many variants (each evaluated once, then kept).

        Parameters
        ----------
        variants : sequence of CompiledModel
            Variants of this model (sharing its trees).
        nodes : sequence of str, optional
            The nodes asked.

        Returns
        -------
        list of dict of str to numpy.ndarray, or None

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> c = m.compile(draws=1000, seed=0)
        >>> both = c.answers([c.with_judgment("h", w) for w in ("unlikely", "highly unlikely")])
        >>> [round(float(a["h"][0]), 2) for a in both]
        [0.3, 0.15]
        """
        return [v.answer(nodes=nodes) for v in variants]

    def remember(self, key: tuple[Any, ...], compute: Any) -> Any:
        """Return what *compute()* gives, computed once per *key* for this model and its variants.

        Analyses keep intermediate results here (the Sobol samples of attribution,
        say) so that asking for several hypotheses costs the evaluations once.

        Parameters
        ----------
        key : tuple
        compute : object
            Called without arguments the first time *key* is asked.

        Returns
        -------
        object

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> c = m.compile()
        >>> c.remember(("x",), lambda: [1]) is c.remember(("x",), lambda: [2])
        True
        """
        if self._key is None:
            return compute()
        full = (self._key, *key)
        store = self._shared.kept
        if full not in store:
            store[full] = compute()
        return store[full]

    def impossible(self, observed: Mapping[str, str] | None = None) -> EvidenceError:
        """Return the error for impossible evidence, naming the observation at fault.

        Parameters
        ----------
        observed : mapping of str to str, optional

        Returns
        -------
        EvidenceError

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.0)
        >>> m.observe("h", True)
        >>> print(m.compile().impossible())
        the observation h=True is impossible under every draw of the model's judgments (probability 0); check that observation and the zeros in the tables it depends on
        """  # noqa: E501
        observed = dict(self.observed if observed is None else observed)
        kept: dict[str, str] = {}
        for name in [n for n in self.nodes if n in observed]:
            kept[name] = observed[name]
            log_e, _ = self.run(self.values, self.n, kept)
            if np.all(np.isneginf(log_e)):
                state = kept[name]
                shown = (state == "true") if self.model.nodes[name].binary else state
                before = [
                    f"{k}={(v == 'true') if self.model.nodes[k].binary else v}"
                    for k, v in kept.items()
                    if k != name
                ]
                given = f" given {', '.join(before)}" if before else ""
                return EvidenceError(
                    f"the observation {name}={shown} is impossible{given} under every draw of the "
                    "model's judgments (probability 0); check that observation and the zeros in "
                    "the tables it depends on"
                )
        return EvidenceError("the observations are impossible under every draw of the model")
