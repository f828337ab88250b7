"""Exact inference in a discrete network, batched over draws of its parameters.

The core of the exact engine, NumPy only. A network is a list of factors (the
CPTs, with observed variables already sliced out), each an array whose first
axis runs over draws θ₁…θₙ (length n, or 1 for a factor that does not vary)
and whose other axes are the factor's variables. :class:`JunctionTree`:

1. builds the interaction graph of the factors and eliminates its variables
   greedily by **minimum fill-in** (ties: smallest clique table, then index);
2. turns the elimination cliques into a junction forest: the clique of a
   variable ``v`` is ``{v} ∪ N(v)`` at its elimination, its parent the clique of
   the first-eliminated variable among ``N(v)``; each factor sits in the clique
   of the first-eliminated variable of its scope;
3. passes messages (Shafer-Shenoy: no divisions, so zeros are safe) inwards and
   outwards with ``numpy.einsum`` over the draw axis, **rescaling** every message
   to sum to one per draw and keeping the logarithm of the scale, so that many
   evidence items do not underflow;
4. returns, per draw, ``log P(E | θ)`` and every variable's ``P(X | E, θ)``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["MAX_PATHS", "NUMPY", "JunctionTree", "Ops", "elimination_order", "pairwise_steps"]

Array = NDArray[np.float64]
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def elimination_order(
    neighbours: dict[int, set[int]], cards: Sequence[int]
) -> list[tuple[int, tuple[int, ...]]]:
    """Eliminate every variable by minimum fill-in; return ``(variable, clique)`` in order.

    The clique of ``v`` is ``v`` followed by its neighbours (sorted) at the time
    it is eliminated. Ties in fill-in go to the smaller clique table, then to the
    smaller index, so the order is deterministic.
    """
    graph = {v: set(ns) for v, ns in neighbours.items()}
    order: list[tuple[int, tuple[int, ...]]] = []
    while graph:
        best: tuple[int, float, int] | None = None
        for v, ns in graph.items():
            fill = 0
            members = sorted(ns)
            for i, a in enumerate(members):
                missing = graph[a]
                fill += sum(1 for b in members[i + 1 :] if b not in missing)
            weight = math.log(cards[v]) + sum(math.log(cards[u]) for u in ns)
            key = (fill, weight, v)
            if best is None or key < best:
                best = key
        assert best is not None
        v = best[2]
        ns = graph.pop(v)
        for a in ns:
            graph[a].discard(v)
            graph[a].update(ns - {a})
        order.append((v, (v, *sorted(ns))))
    return order


@dataclass(frozen=True, slots=True)
class _Clique:
    variable: int  # the variable eliminated here; its home clique
    scope: tuple[int, ...]  # (variable, *separator)
    separator: tuple[int, ...]  # shared with the parent (empty for a root)
    parent: int | None  # index of the parent clique
    children: tuple[int, ...]
    factors: tuple[int, ...]  # indices of the factors assigned here


def _subscripts(scopes: Sequence[tuple[int, ...]], out: tuple[int, ...]) -> str:
    letters: dict[int, str] = {}
    for scope in (*scopes, out):
        for v in scope:
            if v not in letters:
                letters[v] = _LETTERS[len(letters)]
    inputs = ",".join("..." + "".join(letters[v] for v in scope) for scope in scopes)
    return f"{inputs}->...{''.join(letters[v] for v in out)}"


#: Operands of one einsum call; longer products are folded in groups first.
_MAX_OPERANDS = 24
#: Contraction paths kept (one per message and operand shapes); beyond, the cache restarts.
MAX_PATHS = 1 << 14


def pairwise_steps(
    subscripts: str, path: list[tuple[int, ...]]
) -> list[tuple[tuple[int, ...], str]]:
    """Turn a contraction path into one einsum per step (every term has a leading ``...``).

    Each step contracts the operands at the given positions of the current list,
    removes them and appends the result, keeping the letters that a remaining
    operand or the output still uses.
    """
    inputs, output = subscripts.split("->")
    terms = [term.removeprefix("...") for term in inputs.split(",")]
    final = output.removeprefix("...")
    steps = []
    for step, positions in enumerate(path):
        picked = [terms[i] for i in positions]
        rest = [term for k, term in enumerate(terms) if k not in positions]
        needed = set(final).union(*rest)
        kept = "".join(dict.fromkeys(c for term in picked for c in term if c in needed))
        if step == len(path) - 1:  # the last step gives the output, in its order
            kept = final
        steps.append((positions, ",".join("..." + term for term in picked) + "->..." + kept))
        terms = [*rest, kept]
    return steps


class Ops:
    """The array operations of the message passing: NumPy here, PyTensor in the PyMC engine."""

    def __init__(self) -> None:
        # contraction steps, per subscripts and operand shapes: found once, then reused
        self._paths: dict[tuple[Any, ...], list[tuple[tuple[int, ...], str]]] = {}

    def einsum(self, subscripts: str, *operands: Any) -> Any:
        # NumPy's own contraction of two operands (optimize=False) is the fastest for these
        # small per-draw tables; longer products follow a path found once per subscripts and
        # shapes, contracted pair by pair the same way
        if len(operands) <= 2:
            return np.einsum(subscripts, *operands, optimize=False)
        key = (subscripts, *(o.shape for o in operands))
        steps = self._paths.get(key)
        if steps is None:
            if len(self._paths) > MAX_PATHS:
                self._paths.clear()
            path = np.einsum_path(subscripts, *operands, optimize="greedy")[0]
            steps = pairwise_steps(subscripts, [tuple(p) for p in path[1:]])
            self._paths[key] = steps
        arrays = list(operands)
        for positions, step in steps:
            picked = [arrays[i] for i in positions]
            for i in sorted(positions, reverse=True):
                del arrays[i]
            arrays.append(np.einsum(step, *picked, optimize=False))
        return arrays[0]

    def ones(self, shape: tuple[int, ...]) -> Any:
        return np.ones(shape)

    def broadcast(self, x: Any, shape: tuple[int, ...]) -> Any:
        return np.broadcast_to(x, shape)

    def log(self, x: Any) -> Any:
        with np.errstate(divide="ignore"):
            return np.log(x)

    def normalise(self, table: Any, axes: int) -> tuple[Any, Any]:
        """Scale *table* to sum to one over its last *axes* axes, per draw.

        Return the scaled table and the logarithm of the scale.
        """
        total = table.reshape(*table.shape[: table.ndim - axes], -1).sum(axis=-1) if axes else table
        shape = total.shape + (1,) * axes
        # a table that sums to 0 is all zeros (the entries are not negative): dividing it by 1
        # keeps it zero, without the slower masked division
        scaled = table / np.where(total > 0, total, 1.0).reshape(shape)
        return scaled, self.log(total)


#: The NumPy operations, the default.
NUMPY = Ops()


def _fold(
    ops: Ops, operands: list[Any], scopes: list[tuple[int, ...]]
) -> tuple[list[Any], list[tuple[int, ...]]]:
    """Multiply operands in groups until few are left (each group keeps the union of its scopes).

    Many evidence items on one node give a clique many factors; an einsum call
    takes a bounded number of operands.
    """
    while len(operands) > _MAX_OPERANDS:
        folded, folded_scopes = [], []
        for start in range(0, len(operands), _MAX_OPERANDS):
            group = operands[start : start + _MAX_OPERANDS]
            group_scopes = scopes[start : start + _MAX_OPERANDS]
            union = tuple(dict.fromkeys(v for scope in group_scopes for v in scope))
            folded.append(ops.einsum(_subscripts(group_scopes, union), *group))
            folded_scopes.append(union)
        operands, scopes = folded, folded_scopes
    return operands, scopes


class JunctionTree:
    """A junction forest for factors over discrete variables, evaluated for many draws at once.

    Parameters
    ----------
    cards : sequence of int
        Number of states of each variable (by index).
    scopes : sequence of tuple of int
        The variables of each factor, in the order of the factor's axes.
        Factors with an empty scope are allowed (a number per draw).
    """

    def __init__(self, cards: Sequence[int], scopes: Sequence[tuple[int, ...]]) -> None:
        self.cards = tuple(int(c) for c in cards)
        self.scopes = tuple(tuple(s) for s in scopes)
        variables = sorted({v for s in self.scopes for v in s})
        neighbours: dict[int, set[int]] = {v: set() for v in variables}
        for scope in self.scopes:
            for a in scope:
                neighbours[a].update(x for x in scope if x != a)
        order = elimination_order(neighbours, self.cards)
        position = {v: i for i, (v, _) in enumerate(order)}
        parents: list[int | None] = []
        for _, clique in order:
            separator = clique[1:]
            parents.append(min((position[u] for u in separator), default=None))
        children: list[list[int]] = [[] for _ in order]
        for i, p in enumerate(parents):
            if p is not None:
                children[p].append(i)
        assigned: list[list[int]] = [[] for _ in order]
        self.scalar_factors: tuple[int, ...] = tuple(i for i, s in enumerate(self.scopes) if not s)
        for f, scope in enumerate(self.scopes):
            if scope:
                assigned[min(position[v] for v in scope)].append(f)
        self.cliques = tuple(
            _Clique(v, clique, clique[1:], parents[i], tuple(children[i]), tuple(assigned[i]))
            for i, (v, clique) in enumerate(order)
        )
        self.variables = tuple(variables)
        self.width = max((len(c.scope) for c in self.cliques), default=0)
        self.largest_table = max(
            (math.prod(self.cards[v] for v in c.scope) for c in self.cliques), default=1
        )
        self._needed_cache: dict[frozenset[int], set[int]] = {}
        self._plan()

    def _plan(self) -> None:
        """Precompute, for every message and marginal, its einsum subscripts and its operands.

        An operand is ``("factor", f)``, ``("up", clique)``, ``("down", clique)`` or
        ``("ones", variable)``; the last stands for a variable of the target that
        no other operand carries (it entered the clique by fill-in only), so the
        message is constant along it.
        """
        Plan = tuple[str, tuple[tuple[str, int], ...], tuple[tuple[int, ...], ...], tuple[int, ...]]

        def plan(operands: list[tuple[str, int]], out: tuple[int, ...]) -> Plan:
            scopes = [self._scope_of(kind, i) for kind, i in operands]
            present = {v for scope in scopes for v in scope}
            extra = [("ones", v) for v in out if v not in present]
            operands = operands + extra
            scopes += [(v,) for _, v in extra]
            return _subscripts(scopes, out), tuple(operands), tuple(scopes), out

        self._up: list[Plan] = []
        self._down: dict[tuple[int, int], Plan] = {}
        self._marginal: list[Plan] = []
        for i, c in enumerate(self.cliques):
            own = [("factor", f) for f in c.factors]
            from_children = [("up", k) for k in c.children]
            from_parent = [("down", i)] if c.parent is not None else []
            self._up.append(plan(own + from_children, c.separator))
            for k in c.children:
                others = [("up", j) for j in c.children if j != k]
                self._down[(i, k)] = plan(own + from_parent + others, self.cliques[k].separator)
            self._marginal.append(plan(own + from_parent + from_children, (c.variable,)))

    def _needed(self, targets: Collection[int] | None) -> set[int]:
        """Return the cliques whose downward message some target's marginal needs."""
        if targets is None:
            return set(range(len(self.cliques)))
        key = frozenset(targets)
        if key not in self._needed_cache:
            needed: set[int] = set()
            for i, c in enumerate(self.cliques):
                if c.variable not in key:
                    continue
                while i is not None and i not in needed:  # a target and its path to the root
                    needed.add(i)
                    i = self.cliques[i].parent  # type: ignore[assignment]
            self._needed_cache[key] = needed
        return self._needed_cache[key]

    def _scope_of(self, kind: str, i: int) -> tuple[int, ...]:
        if kind == "factor":
            return self.scopes[i]
        if kind == "up":
            return self.cliques[i].separator
        if kind == "down":
            return self.cliques[i].separator
        return (i,)

    def evaluate(
        self,
        factors: Sequence[Any],
        n: int,
        ops: Ops = NUMPY,
        targets: Collection[int] | None = None,
    ) -> tuple[Any, dict[int, Any]]:
        """Return ``log P(E | θ)`` per draw and ``P(X | E, θ)`` for every variable.

        Parameters
        ----------
        factors : sequence of arrays
            One array per scope given at construction, shaped ``(n or 1, *cards)``.
        n : int
            The number of draws.
        ops : Ops, optional
            The array library (NumPy by default; the PyMC engine passes PyTensor's).
        targets : sequence of int, optional
            Only these variables' marginals (every variable by default): the
            downward messages no target needs are skipped.

        Returns
        -------
        log_evidence : array
            Shape ``(n,)``; ``-inf`` where the evidence is impossible.
        marginals : dict of int to array
            Shape ``(n, card)`` for each variable in a factor scope; rows of
            impossible draws are zero.
        """
        log_evidence: Any = 0.0
        for f in self.scalar_factors:
            log_evidence = log_evidence + ops.log(ops.broadcast(factors[f], (n,)))
        up: list[Any] = [None] * len(self.cliques)
        down: list[Any] = [None] * len(self.cliques)
        ones = {v: ops.ones((1, card)) for v, card in enumerate(self.cards)}

        def run(plan: tuple[Any, ...], shape: tuple[int, ...]) -> Any:
            subscripts, sources, scopes, out = plan
            operands = [
                factors[i]
                if kind == "factor"
                else up[i]
                if kind == "up"
                else down[i]
                if kind == "down"
                else ones[i]
                for kind, i in sources
            ]
            if not operands:  # nothing in the clique bears on this message: it is flat
                return ops.ones((n, *shape))
            if len(operands) > _MAX_OPERANDS:
                operands, scopes = _fold(ops, operands, list(scopes))
                subscripts = _subscripts(scopes, out)
            return ops.broadcast(ops.einsum(subscripts, *operands), (n, *shape))

        for i, c in enumerate(self.cliques):
            shape = tuple(self.cards[v] for v in c.separator)
            up[i], log_scale = ops.normalise(run(self._up[i], shape), len(shape))
            log_evidence = log_evidence + log_scale
        wanted = self._needed(targets)
        for i in reversed(range(len(self.cliques))):
            for k in self.cliques[i].children:
                if k not in wanted:
                    continue
                shape = tuple(self.cards[v] for v in self.cliques[k].separator)
                down[k], _ = ops.normalise(run(self._down[(i, k)], shape), len(shape))
        marginals: dict[int, Any] = {}
        for i, c in enumerate(self.cliques):
            if targets is not None and c.variable not in targets:
                continue
            belief = run(self._marginal[i], (self.cards[c.variable],))
            marginals[c.variable], _ = ops.normalise(belief, 1)
        return ops.broadcast(log_evidence, (n,)), marginals
