"""Exact inference in a discrete network, batched over draws of its parameters.

The core of the exact engine, NumPy only. A network is a list of factors (the
CPTs, with observed variables already sliced out), each an array whose first
axis runs over draws θ₁…θₙ (length n, or 1 for a factor that does not vary)
and whose other axes are the factor's variables. :class:`JunctionTree`:

1. builds the interaction graph of the factors and eliminates its variables
   greedily by **minimum fill-in** (ties: smallest clique table, then index);
2. turns the elimination cliques into a junction forest (:func:`junction_forest`):
   the clique of a variable ``v`` is ``{v} ∪ N(v)`` at its elimination, its
   parent the clique of the first-eliminated variable among ``N(v)``; a clique
   that a child contains is merged into it, so only maximal cliques remain;
   each factor sits in a clique that holds its scope;
3. passes messages inwards and outwards over the draw axis, **rescaling** every
   message to sum to one per draw and keeping the logarithm of the scale, so
   that many evidence items do not underflow. With NumPy, each clique's table
   is multiplied out once (operands laid out as the clique's axes, in an order
   that keeps the running product small) and kept; outward messages and
   marginals are sums of its belief, the outward message divided by the
   child's inward one on their separator only where that is not zero. A
   clique too large to keep, and any other array library (the PyMC engine's
   PyTensor), take Shafer-Shenoy contractions (``numpy.einsum``, no division);
4. returns, per draw, ``log P(E | θ)`` and every variable's ``P(X | E, θ)``
   (:meth:`JunctionTree.evaluate`), or the same for several sets of factors in
   one pass along the draw axis (:meth:`JunctionTree.evaluate_many`);
5. or, by max-product over the same tree (:meth:`JunctionTree.maximise`), per
   draw the most probable joint state of every variable and ``log max_x P(x, E | θ)``.

All plans (operand layouts, products' order, einsum subscripts) are made once
per tree, that is once per evidence pattern.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "KEEP_BUDGET",
    "KEEP_BUDGET_DRAWS",
    "MAX_PATHS",
    "NUMPY",
    "JunctionTree",
    "Ops",
    "elimination_order",
    "junction_forest",
    "pairwise_steps",
]

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
    scope: tuple[int, ...]  # its variables, in the order of its table's axes
    separator: tuple[int, ...]  # shared with the parent, in the order of `scope` (root: empty)
    parent: int | None  # index of the parent clique (parents come after their children)
    children: tuple[int, ...]
    factors: tuple[int, ...]  # indices of the factors assigned here


def junction_forest(cards: Sequence[int], scopes: Sequence[tuple[int, ...]]) -> tuple[_Clique, ...]:
    """Return the maximal cliques of a minimum fill-in triangulation, as a junction forest.

    The clique of an eliminated variable ``v`` is ``{v} ∪ N(v)``, its parent the
    clique of the first-eliminated variable among ``N(v)``. A clique that is
    contained in one of its children (it is that child's separator) is merged
    into the child, as a junction tree does: fewer, larger messages. The
    cliques come in post-order (every child before its parent); each factor
    sits in a clique that holds its scope.

    Parameters
    ----------
    cards : sequence of int
        Number of states of each variable (by index).
    scopes : sequence of tuple of int
        The variables of each factor.

    Returns
    -------
    tuple
        The cliques, each with its ``scope`` (the separator's variables first),
        ``separator``, ``parent``, ``children`` and ``factors``.

    Examples
    --------
    >>> [c.scope for c in junction_forest([2, 2, 2], [(0,), (0, 1), (1, 2)])]
    [(1, 0), (1, 2)]
    """
    variables = sorted({v for s in scopes for v in s})
    neighbours: dict[int, set[int]] = {v: set() for v in variables}
    for scope in scopes:
        for a in scope:
            neighbours[a].update(x for x in scope if x != a)
    order = elimination_order(neighbours, cards)
    position = {v: i for i, (v, _) in enumerate(order)}
    members = [clique for _, clique in order]
    parents = [min((position[u] for u in c[1:]), default=None) for c in members]
    # a clique equal to a child's separator is absorbed by that child (its first such child)
    into = list(range(len(order)))
    for i, p in enumerate(parents):
        if p is not None and into[p] == p and len(members[i]) - 1 == len(members[p]):
            into[p] = i

    def find(i: int) -> int:
        while into[i] != i:
            i = into[i]
        return i

    kept = [i for i in range(len(order)) if into[i] == i]
    parent_of: dict[int, int | None] = {}
    for i, p in enumerate(parents):  # the top of each merged chain links it to its parent
        if p is None or find(p) != find(i):
            parent_of[find(i)] = None if p is None else find(p)
    children_of: dict[int, list[int]] = {i: [] for i in kept}
    for i in kept:
        if parent_of[i] is not None:
            children_of[parent_of[i]].append(i)  # type: ignore[index]
    post: list[int] = []  # post-order, depth first from every root

    def visit(root: int) -> None:
        stack = [(root, False)]
        while stack:
            i, done = stack.pop()
            if done:
                post.append(i)
                continue
            stack.append((i, True))
            stack.extend((k, False) for k in reversed(children_of[i]))

    for i in kept:
        if parent_of[i] is None:
            visit(i)
    number = {i: k for k, i in enumerate(post)}
    assigned: dict[int, list[int]] = {i: [] for i in kept}
    for f, scope in enumerate(scopes):
        if scope:
            assigned[find(min(position[v] for v in scope))].append(f)
    cliques = []
    for i in post:
        p = parent_of[i]
        separator = () if p is None else tuple(v for v in members[i] if v in members[p])
        # the separator's axes first: its message is a sum over the trailing axes (fast)
        cliques.append(
            _Clique(
                (*separator, *(v for v in members[i] if v not in separator)),
                separator,
                None if p is None else number[p],
                tuple(number[k] for k in children_of[i]),
                tuple(assigned[i]),
            )
        )
    return tuple(cliques)


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


#: Floats (draws × entries) of clique tables kept from the inward pass for the outward one
#: (2 GiB), for one draw; a clique beyond it has its messages and marginals contracted from its
#: factors instead (munin1, one draw: 6 s with its three largest cliques kept, 9 s without).
KEEP_BUDGET = 1 << 28
#: The same for many draws (128 MiB): their chunks already fill the tables.
KEEP_BUDGET_DRAWS = 1 << 24

#: Products of more operands than this are rescaled after every multiplication.
_RESCALED_PRODUCT = 8

#: Where an operand comes from: a factor, an inward message, an outward message, ones.
_FACTOR, _UP, _DOWN, _ONES = 0, 1, 2, 3

_Plan = tuple[str, tuple[tuple[int, int], ...], tuple[tuple[int, ...], ...], tuple[int, ...]]
#: A product laid out as a clique's table: per operand (kind, index, axis order, shape), and
#: the order of the pairwise products.
_Product = tuple[
    tuple[tuple[int, int, tuple[int, ...] | None, tuple[int, ...]], ...],
    tuple[tuple[int, int], ...],
]


class _Sum:
    """A table over *scope* summed down to *out* (einsum), its adjacent axes merged when it can.

    Axes next to each other that are both summed out, or both kept in the same
    order, become one axis of a C-contiguous table (a view): fewer, longer loops.
    """

    __slots__ = ("merged", "out", "shape", "subscripts", "worth")

    def __init__(self, cards: Sequence[int], scope: tuple[int, ...], out: tuple[int, ...]) -> None:
        self.subscripts = _subscripts([scope], out)
        position = {v: k for k, v in enumerate(out)}
        groups: list[list[int]] = []
        for v in scope:
            if groups:
                last = groups[-1][-1]
                if (v not in position and last not in position) or (
                    v in position and last in position and position[v] == position[last] + 1
                ):
                    groups[-1].append(v)
                    continue
            groups.append([v])
        self.shape = tuple(math.prod(cards[v] for v in g) for g in groups)
        kept = sorted(
            (k for k, g in enumerate(groups) if g[0] in position),
            key=lambda k: position[groups[k][0]],
        )
        self.merged = f"...{_LETTERS[: len(groups)]}->...{''.join(_LETTERS[k] for k in kept)}"
        self.out = tuple(cards[v] for v in out)
        self.worth = len(groups) < len(scope) and math.prod(self.shape) > 4096

    def __call__(self, table: Array) -> Array:
        if self.worth and table.flags.c_contiguous:
            summed: Array = np.einsum(self.merged, table.reshape(table.shape[0], *self.shape))
            return summed.reshape(summed.shape[0], *self.out)
        whole: Array = np.einsum(self.subscripts, table)
        return whole


class JunctionTree:
    """A junction forest for factors over discrete variables, evaluated for many draws at once.

    Parameters
    ----------
    cards : sequence of int
        Number of states of each variable (by index).
    scopes : sequence of tuple of int
        The variables of each factor, in the order of the factor's axes.
        Factors with an empty scope are allowed (a number per draw).

    Notes
    -----
    A variable that two cliques share lies in the separator of every edge
    between them; its marginal is read from the smallest such separator, as
    the product of the two messages across it. A variable in one clique only is
    read from that clique's belief.
    """

    def __init__(self, cards: Sequence[int], scopes: Sequence[tuple[int, ...]]) -> None:
        self.cards = tuple(int(c) for c in cards)
        self.scopes = tuple(tuple(s) for s in scopes)
        self.cliques = junction_forest(self.cards, self.scopes)
        self.scalar_factors: tuple[int, ...] = tuple(i for i, s in enumerate(self.scopes) if not s)
        self.variables = tuple(sorted({v for s in self.scopes for v in s}))
        self.width = max((len(c.scope) for c in self.cliques), default=0)
        self.sizes = tuple(math.prod(self.cards[v] for v in c.scope) for c in self.cliques)
        self.largest_table = max(self.sizes, default=1)
        # where each marginal is read: the separator above clique k (smallest first), or the
        # one clique that holds the variable; either way clique k's outward message is needed
        self._on_separator: dict[int, list[int]] = {}
        self._in_clique: dict[int, list[int]] = {}
        self._home: dict[int, int] = {}
        separators = sorted(
            (math.prod(self.cards[v] for v in c.separator), k)
            for k, c in enumerate(self.cliques)
            if c.separator
        )
        for _, k in separators:
            for v in self.cliques[k].separator:
                if v not in self._home:
                    self._home[v] = k
                    self._on_separator.setdefault(k, []).append(v)
        for i, c in enumerate(self.cliques):
            for v in c.scope:
                if v not in self._home:
                    self._home[v] = i
                    self._in_clique.setdefault(i, []).append(v)
        self._needed_cache: dict[frozenset[int], frozenset[int]] = {}
        self._ones = {v: np.ones((1, card)) for v, card in enumerate(self.cards)}
        for table in self._ones.values():
            table.flags.writeable = False
        self._plan()

    def _scope_of(self, kind: int, i: int) -> tuple[int, ...]:
        if kind == _FACTOR:
            return self.scopes[i]
        if kind in (_UP, _DOWN):
            return self.cliques[i].separator
        return (i,)

    def _contraction(self, operands: list[tuple[int, int]], out: tuple[int, ...]) -> _Plan:
        """Return the einsum subscripts of a product of operands summed down to *out*.

        An operand ``(_ONES, v)`` stands for a variable of *out* that no other
        operand carries (it entered the clique by fill-in only): the result is
        constant along it.
        """
        scopes = [self._scope_of(kind, i) for kind, i in operands]
        present = {v for scope in scopes for v in scope}
        extra = [(_ONES, v) for v in out if v not in present]
        operands = operands + extra
        scopes += [(v,) for _, v in extra]
        return _subscripts(scopes, out), tuple(operands), tuple(scopes), out

    def _product(self, operands: list[tuple[int, int]], scope: tuple[int, ...]) -> _Product:
        """Lay out operands as tables over *scope* (axes permuted, size-1 axes added).

        Returns the layouts and the order of the products: pairs ``(a, b)``,
        each replacing operand ``a`` with ``a * b``; the last ``a`` is the
        product. Operands over the same variables are multiplied first, then
        greedily the pair whose product grows least beyond its two operands
        (a small table over variables of a larger one goes into it).
        """
        layouts = []
        for kind, i in operands:
            own = self._scope_of(kind, i)
            order = tuple(sorted(range(len(own)), key=lambda a: scope.index(own[a])))
            shape = tuple(self.cards[v] if v in own else 1 for v in scope)
            perm = None if order == tuple(range(len(own))) else (0, *(1 + a for a in order))
            layouts.append((kind, i, perm, shape))
        steps: list[tuple[int, int]] = []
        groups: dict[frozenset[int], int] = {}
        live: dict[int, frozenset[int]] = {}
        for a, (kind, i) in enumerate(operands):
            variables = frozenset(self._scope_of(kind, i))
            if variables in groups:
                steps.append((groups[variables], a))
            else:
                groups[variables] = a
                live[a] = variables

        def size(variables: frozenset[int]) -> int:
            return math.prod(self.cards[v] for v in variables)

        while len(live) > 1:
            keys = sorted(live)
            if len(keys) > 32:  # many distinct scopes: smallest first
                keys.sort(key=lambda k: size(live[k]))
                a, b = keys[1], keys[0]
            else:
                _, _, a, b = min(
                    (
                        size(live[a] | live[b]) - size(live[a]) - size(live[b]),
                        size(live[a] | live[b]),
                        *((a, b) if size(live[a]) >= size(live[b]) else (b, a)),
                    )
                    for x, a in enumerate(keys)
                    for b in keys[x + 1 :]
                )
            steps.append((a, b))
            live[a] = live[a] | live.pop(b)
        return tuple(layouts), tuple(steps)

    def _plan(self) -> None:
        """Precompute the subscripts and operands of every message and marginal.

        Two kinds of plan: Shafer-Shenoy contractions of a clique's factors and
        messages (for any array library, and for cliques too large to keep), and
        for NumPy the clique's table of the inward pass, kept, from which the
        outward messages and the marginals are sums.
        """
        self._up: list[_Plan] = []
        self._down: dict[tuple[int, int], _Plan] = {}
        self._marginal: dict[int, _Plan] = {}
        self._collect: list[_Product] = []
        self._to_separator: list[_Sum] = []
        self._layout: list[tuple[int, ...]] = []  # the separator, shaped as the clique's table
        self._out_of_parent: list[_Sum | None] = []  # the parent's table summed to the separator
        self._to_variable: dict[int, str] = {}  # a clique's table or a separator, summed to v
        for i, c in enumerate(self.cliques):
            own = [(_FACTOR, f) for f in c.factors]
            from_children = [(_UP, k) for k in c.children]
            from_parent = [(_DOWN, i)] if c.parent is not None else []
            self._up.append(self._contraction(own + from_children, c.separator))
            self._collect.append(self._product(own + from_children, c.scope))
            for k in c.children:
                others = [(_UP, j) for j in c.children if j != k]
                self._down[(i, k)] = self._contraction(
                    own + from_parent + others, self.cliques[k].separator
                )
            for v in self._in_clique.get(i, []):
                self._marginal[v] = self._contraction(own + from_parent + from_children, (v,))
                self._to_variable[v] = _subscripts([c.scope], (v,))
            for v in self._on_separator.get(i, []):
                self._marginal[v] = self._contraction(own + from_parent + from_children, (v,))
                self._to_variable[v] = _subscripts([c.separator], (v,))
            self._to_separator.append(_Sum(self.cards, c.scope, c.separator))
            self._layout.append(tuple(self.cards[v] if v in c.separator else 1 for v in c.scope))
            scope = () if c.parent is None else self.cliques[c.parent].scope
            self._out_of_parent.append(_Sum(self.cards, scope, c.separator) if scope else None)

    def _needed(self, targets: Collection[int] | None) -> frozenset[int]:
        """Return the cliques whose outward message some target's marginal needs."""
        if targets is None:
            return frozenset(range(len(self.cliques)))
        key = frozenset(targets)
        if key not in self._needed_cache:
            needed: set[int] = set()
            for v in key:
                i: int | None = self._home.get(v)
                while i is not None and i not in needed:  # a target and its path to the root
                    needed.add(i)
                    i = self.cliques[i].parent
            self._needed_cache[key] = frozenset(needed)
        return self._needed_cache[key]

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
            outward messages no target needs are skipped.

        Returns
        -------
        log_evidence : array
            Shape ``(n,)``; ``-inf`` where the evidence is impossible.
        marginals : dict of int to array
            Shape ``(n, card)`` for each variable in a factor scope (of *targets*);
            rows of impossible draws are zero. With NumPy they may be read-only
            broadcast views.
        """
        if type(ops) is Ops:
            return self._evaluate_numpy(factors, n, targets)
        return self._evaluate_any(factors, n, ops, targets)

    def evaluate_many(
        self,
        batches: Sequence[Sequence[Array]],
        n: int,
        targets: Collection[int] | None = None,
    ) -> tuple[Array, dict[int, Array]]:
        """Evaluate several sets of factors over the same scopes in one pass, along the draw axis.

        Each set is what :meth:`evaluate` takes, for example the tables of one
        evidence pattern sliced at other observed states. A factor that every
        set shares (the same array, with a first axis of 1) enters once; the
        others are stacked, so the message passing runs once for all sets.

        Parameters
        ----------
        batches : sequence of sequences of numpy.ndarray
            ``K`` sets of factors, one array per scope, shaped ``(n or 1, *cards)``.
        n : int
            The number of draws in each set.
        targets : sequence of int, optional
            Only these variables' marginals (every variable by default).

        Returns
        -------
        log_evidence : numpy.ndarray
            Shape ``(K, n)``.
        marginals : dict of int to numpy.ndarray
            Shape ``(K, n, card)``.

        Examples
        --------
        >>> import numpy as np
        >>> tree = JunctionTree([2], [(0,), (0,)])  # a prior and one observation's likelihood
        >>> prior = np.array([[0.3, 0.7]])
        >>> seen = [np.array([[0.9, 0.2]]), np.array([[0.1, 0.8]])]  # the two observed states
        >>> log_e, marginals = tree.evaluate_many([[prior, seen[0]], [prior, seen[1]]], 1)
        >>> np.exp(log_e).round(2).tolist()
        [[0.41], [0.59]]
        """
        count = len(batches)
        stacked: list[Array] = []
        for f in range(len(self.scopes)):
            arrays = [np.asarray(batch[f], dtype=float) for batch in batches]
            first = arrays[0]
            if first.shape[0] == 1 and all(a is first for a in arrays[1:]):
                stacked.append(first)
            else:
                stacked.append(
                    np.concatenate([np.broadcast_to(a, (n, *a.shape[1:])) for a in arrays])
                )
        log_evidence, marginals = self._evaluate_numpy(stacked, count * n, targets)
        return log_evidence.reshape(count, n), {
            v: m.reshape(count, n, m.shape[-1]) for v, m in marginals.items()
        }

    def maximise(self, factors: Sequence[Any], n: int) -> tuple[Array, dict[int, NDArray[np.intp]]]:
        """Return, per draw, the most probable joint state of the variables (max-product).

        The inward pass of :meth:`evaluate` with a maximum in place of the sum
        (every message rescaled to a largest entry of one per draw, the log of
        the scale kept), then a traceback from each root: a clique's variables
        not yet fixed take the states that maximise its table with the
        separator's variables at the states its parent fixed. NumPy only,
        vectorised over the draws (in chunks of at most ``CHUNK_BUDGET``-sized
        clique tables, chosen by the caller through *factors*).

        Parameters
        ----------
        factors : sequence of arrays
            One array per scope given at construction, shaped ``(n or 1, *cards)``.
        n : int
            The number of draws.

        Returns
        -------
        log_max : numpy.ndarray
            ``log max_x P(x, E | θ)``, shape ``(n,)``; ``-inf`` where the evidence
            is impossible (the states of that draw are then meaningless).
        states : dict of int to numpy.ndarray
            The maximising state of each variable in a factor scope, shape ``(n,)``.

        Notes
        -----
        Ties go to the first maximum in the clique's table (its axes in the
        order of ``cliques[i].scope``, C order): deterministic for a given tree.

        Examples
        --------
        >>> import numpy as np
        >>> tree = JunctionTree([2, 2], [(0,), (0, 1)])  # P(a) P(b | a)
        >>> prior = np.array([[0.6, 0.4]])
        >>> given = np.array([[[0.5, 0.5], [0.9, 0.1]]])  # b | a
        >>> log_max, states = tree.maximise([prior, given], 1)
        >>> round(float(np.exp(log_max[0])), 2), int(states[0][0]), int(states[1][0])
        (0.36, 1, 0)
        """
        log_max = np.zeros(n)
        for f in self.scalar_factors:
            log_max = log_max + _log(np.broadcast_to(np.asarray(factors[f], dtype=float), (n,)))
        up: list[Array] = [np.empty(0)] * len(self.cliques)
        tables: list[Array] = [np.empty(0)] * len(self.cliques)
        for i, c in enumerate(self.cliques):
            shape = tuple(self.cards[v] for v in c.scope)
            table: Array = np.ones((1, *shape))
            operands = [(np.asarray(factors[f], dtype=float), self.scopes[f]) for f in c.factors]
            operands += [(up[k], self.cliques[k].separator) for k in c.children]
            for array, own in operands:
                order = sorted(range(len(own)), key=lambda a: c.scope.index(own[a]))
                laid = array.transpose(0, *(1 + a for a in order))
                table = table * laid.reshape(
                    laid.shape[0], *(self.cards[v] if v in own else 1 for v in c.scope)
                )
            table = np.broadcast_to(table, (n, *shape))
            tables[i] = table
            flat = table.reshape(n, math.prod(self.cards[v] for v in c.separator), -1)
            message = flat.max(axis=2)
            top = message.max(axis=1)
            log_max = log_max + _log(top)
            scale = np.where(top > 0, top, 1.0)[:, None]
            up[i] = (message / scale).reshape(n, *(self.cards[v] for v in c.separator))
        states: dict[int, NDArray[np.intp]] = {}
        rows = np.arange(n)
        for i in reversed(range(len(self.cliques))):  # parents before their children
            c = self.cliques[i]
            table = tables[i]
            at = tuple(states[v] for v in c.separator)
            free = c.scope[len(c.separator) :]
            part: Array = table[(rows, *at)] if at else table
            best_flat = part.reshape(n, -1).argmax(axis=1)
            best = np.unravel_index(best_flat, tuple(self.cards[v] for v in free))
            for v, s in zip(free, best, strict=True):
                states[v] = np.asarray(s, dtype=np.intp)
        return log_max, states

    def _evaluate_any(
        self, factors: Sequence[Any], n: int, ops: Ops, targets: Collection[int] | None
    ) -> tuple[Any, dict[int, Any]]:
        """Shafer-Shenoy message passing with the operations of *ops* only (einsum, no division)."""
        log_evidence: Any = 0.0
        for f in self.scalar_factors:
            log_evidence = log_evidence + ops.log(ops.broadcast(factors[f], (n,)))
        up: list[Any] = [None] * len(self.cliques)
        down: list[Any] = [None] * len(self.cliques)
        ones = {v: ops.ones((1, card)) for v, card in enumerate(self.cards)}
        sources = (factors, up, down, ones)

        def run(plan: _Plan, shape: tuple[int, ...]) -> Any:
            subscripts, operands_of, scopes, out = plan
            operands = [sources[kind][i] for kind, i in operands_of]
            if not operands:  # nothing in the clique bears on this message: it is flat
                return ops.ones((n, *shape))
            if len(operands) > _MAX_OPERANDS:
                operands, folded = _fold(ops, operands, list(scopes))
                subscripts = _subscripts(folded, out)
            return ops.broadcast(ops.einsum(subscripts, *operands), (n, *shape))

        for i, c in enumerate(self.cliques):
            shape = tuple(self.cards[v] for v in c.separator)
            up[i], log_scale = ops.normalise(run(self._up[i], shape), len(shape))
            log_evidence = log_evidence + log_scale
        wanted = self._needed(targets)
        for i in reversed(range(len(self.cliques))):
            for k in self.cliques[i].children:
                if k in wanted:
                    shape = tuple(self.cards[v] for v in self.cliques[k].separator)
                    down[k], _ = ops.normalise(run(self._down[(i, k)], shape), len(shape))
        marginals: dict[int, Any] = {}
        for v in self.variables if targets is None else [v for v in targets if v in self._home]:
            belief = run(self._marginal[v], (self.cards[v],))
            marginals[v], _ = ops.normalise(belief, 1)
        return ops.broadcast(log_evidence, (n,)), marginals

    def _evaluate_numpy(
        self, factors: Sequence[Any], n: int, targets: Collection[int] | None
    ) -> tuple[Any, dict[int, Any]]:
        """Message passing with NumPy, keeping the clique tables of the inward pass.

        A clique's table (its factors times its children's messages) is
        multiplied out once; its inward message is a sum of it, its belief that
        table times the outward message it receives. The outward message to a
        child is the belief summed to their separator, divided by the child's
        inward message (where that is zero, the child's table is zero too and
        the message is set to zero: no division by zero). A clique too large to
        keep contracts its messages from its factors, as Shafer-Shenoy does.
        The first axis stays 1 as long as no operand varies between draws.
        """
        cliques = self.cliques
        log_evidence: Any = 0.0
        for f in self.scalar_factors:
            log_evidence = log_evidence + _log(np.asarray(factors[f], dtype=float).reshape(-1))
        up: list[Any] = [None] * len(cliques)
        down: list[Any] = [None] * len(cliques)
        table: list[Any] = [None] * len(cliques)
        sources = (factors, up, down, self._ones)

        def contract(plan: _Plan) -> Any:
            subscripts, operands_of, scopes, out = plan
            operands = [sources[kind][i] for kind, i in operands_of]
            if not operands:
                return np.ones((1, *(self.cards[v] for v in out)))
            if len(operands) > _MAX_OPERANDS:
                operands, folded = _fold(NUMPY, operands, list(scopes))
                subscripts = _subscripts(folded, out)
            return NUMPY.einsum(subscripts, *operands)

        budget = KEEP_BUDGET if n == 1 else KEEP_BUDGET_DRAWS
        for i in range(len(cliques)):
            if self.sizes[i] * n <= budget:
                budget -= self.sizes[i] * n
                layouts, steps = self._collect[i]
                laid = []
                for kind, j, perm, shape in layouts:
                    x = sources[kind][j]
                    if perm is not None:
                        x = x.transpose(perm)
                    laid.append(x.reshape(x.shape[0], *shape))
                last = 0
                for last, b in steps:
                    laid[last] = laid[last] * laid[b]
                    if len(steps) > _RESCALED_PRODUCT:  # many clues on one node: no underflow
                        laid[last], log_scale = _rescale(laid[last])
                        log_evidence = log_evidence + log_scale
                product: Any = laid[last] if laid else np.ones((1,) * (1 + len(cliques[i].scope)))
                full = (product.shape[0], *(self.cards[v] for v in cliques[i].scope))
                if product.shape != full:  # a variable that no operand carries
                    product = np.broadcast_to(product, full)
                table[i] = product
                message = self._to_separator[i](product)
            else:
                message = contract(self._up[i])
            up[i], log_scale = _rescale(message)
            log_evidence = log_evidence + log_scale
        wanted = self._needed(targets)
        asked = None if targets is None else frozenset(targets)
        marginals: dict[int, Any] = {}
        for i in reversed(range(len(cliques))):
            if i not in wanted:
                continue
            c = cliques[i]
            private = self._in_clique.get(i, ())
            if asked is not None:
                private = [v for v in private if v in asked]
            children = [k for k in c.children if k in wanted]
            if table[i] is None:  # too large to keep: contracted from the factors
                for k in children:
                    down[k] = _rescale(contract(self._down[(i, k)]))[0]
                for v in private:
                    marginals[v] = _rescale(contract(self._marginal[v]))[0]
            elif children or private:
                belief = table[i]
                if c.parent is not None:
                    belief = belief * down[i].reshape(down[i].shape[0], *self._layout[i])
                for k in children:
                    message = self._out_of_parent[k](belief)  # type: ignore[misc]
                    # where the child's message is zero, so is this sum: 0 / 1 keeps it zero
                    down[k] = _rescale(message / np.where(up[k] > 0, up[k], 1.0))[0]
                if private:
                    marginals.update(_marginals(belief, private, self._to_variable))
            for k in children:
                on = self._on_separator.get(k, ())
                if asked is not None:
                    on = [v for v in on if v in asked]
                if on:
                    marginals.update(_marginals(up[k] * down[k], on, self._to_variable))
        # a draw the evidence rules out in one part of the forest (or by a factor of observed
        # variables only) has no marginals anywhere: zero rows
        impossible = np.reshape(log_evidence, -1) == -math.inf
        if impossible.any():
            possible = (~impossible)[:, None]
            marginals = {v: m * possible for v, m in marginals.items()}
        if n == 1:
            return np.reshape(log_evidence, 1), marginals
        return _full(log_evidence, n), {v: _full(m, n) for v, m in marginals.items()}


def _marginals(
    table: Array, variables: Sequence[int], subscripts: dict[int, str]
) -> dict[int, Any]:
    """Return the normalised marginals of *variables* in *table* (one total for all of them)."""
    if table.ndim == 2:  # a table over one variable: its own marginal
        return {variables[0]: _rescale(table)[0]}
    first = np.einsum(subscripts[variables[0]], table)
    if table.shape[0] == 1:
        total = float(_SUM(first, axis=None))
        scale: Any = 1.0 / total if total > 0.0 else 0.0
    else:
        total = first.sum(axis=1, keepdims=True)
        scale = 1.0 / np.where(total > 0, total, np.inf)
    out = {variables[0]: first * scale}
    for v in variables[1:]:
        out[v] = np.einsum(subscripts[v], table) * scale
    return out


#: A sum of every entry, without the method's wrappers.
_SUM = np.add.reduce


def _rescale(table: Array) -> tuple[Array, Any]:
    """Scale *table* to sum to one per draw (first axis); return it and the log of the scale.

    A table that sums to zero stays zero (its log scale is ``-inf``).
    """
    if table.shape[0] == 1:  # one draw (or a table the same for all): plain floats
        total = float(_SUM(table, axis=None))
        if total > 0.0:
            return table / total, math.log(total)
        return table, -math.inf
    totals = table.reshape(table.shape[0], -1).sum(axis=1)
    scaled = table / np.where(totals > 0, totals, 1.0).reshape(-1, *(1,) * (table.ndim - 1))
    return scaled, _log(totals)


def _log(x: Array) -> Array:
    with np.errstate(divide="ignore"):
        return np.log(x)


def _full(x: Any, n: int) -> Array:
    """Return *x* (a number, or an array whose first axis is 1 or n) with a first axis of n."""
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        return np.full(n, float(x))
    return x if x.shape[0] == n else np.broadcast_to(x, (n, *x.shape[1:]))
