"""The junction forest and its message passing against brute-force sums over the joint table."""

from __future__ import annotations

import itertools
import math
import string
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import logsumexp

from likelihood._core import network
from likelihood._core.network import JunctionTree, Ops, junction_forest


class _PlainOps(Ops):
    """NumPy through the generic interface: the Shafer-Shenoy path the PyMC engine takes."""


def _brute_force(
    cards: list[int], scopes: list[tuple[int, ...]], factors: list[np.ndarray], n: int
) -> tuple[np.ndarray, dict[int, np.ndarray]]:
    """Return log P(E) per draw and every variable's marginal from the whole joint table."""
    letters = string.ascii_letters
    variables = sorted({v for s in scopes for v in s})
    terms = ",".join("z" + "".join(letters[v] for v in s) for s in scopes)
    out = "z" + "".join(letters[v] for v in variables)
    operands = [np.broadcast_to(f, (n, *f.shape[1:])) for f in factors]
    joint = np.einsum(f"{terms}->{out}", *operands)
    total = joint.reshape(n, -1).sum(axis=1)
    with np.errstate(divide="ignore"):
        log_evidence = np.log(total)
    marginals = {}
    for a, v in enumerate(variables):
        axes = tuple(1 + b for b in range(len(variables)) if b != a)
        m = joint.sum(axis=axes)
        marginals[v] = np.divide(m, total[:, None], out=np.zeros_like(m), where=total[:, None] > 0)
    return log_evidence, marginals


@st.composite
def _networks(draw: Any) -> tuple[list[int], list[tuple[int, ...]], list[np.ndarray], int]:
    count = draw(st.integers(1, 7))
    cards = [draw(st.integers(2, 3)) for _ in range(count)]
    scopes = []
    for _ in range(draw(st.integers(1, 9))):
        size = draw(st.integers(0, min(3, count)))
        scopes.append(tuple(draw(st.permutations(range(count)))[:size]))
    n = draw(st.sampled_from([1, 3]))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    factors = []
    for scope in scopes:
        lead = n if rng.random() < 0.5 else 1
        table = rng.random((lead, *(cards[v] for v in scope)))
        table[rng.random(table.shape) < 0.15] = 0.0  # zeros: impossible combinations
        factors.append(table)
    return cards, scopes, factors, n


def _check(
    tree: JunctionTree,
    factors: list[np.ndarray],
    n: int,
    expected: tuple[np.ndarray, dict[int, np.ndarray]],
    ops: Ops,
    targets: list[int] | None = None,
) -> None:
    log_e, marginals = tree.evaluate(factors, n, ops=ops, targets=targets)
    want_log_e, want = expected
    np.testing.assert_allclose(np.asarray(log_e), want_log_e, rtol=1e-12, atol=1e-12)
    assert set(marginals) == (set(want) if targets is None else set(targets))
    for v, m in marginals.items():
        assert np.asarray(m).shape == (n, tree.cards[v])
        np.testing.assert_allclose(m, want[v], rtol=0, atol=1e-12)


@settings(max_examples=150, deadline=None)
@given(_networks(), st.data())
def test_every_marginal_and_the_evidence_match_the_joint_table(case: Any, data: Any) -> None:
    cards, scopes, factors, n = case
    tree = JunctionTree(cards, scopes)
    expected = _brute_force(cards, scopes, factors, n)
    # the generic path leaves the marginals of a draw that one part of the network makes
    # impossible as the other parts give them; the PyMC engine reads only its log evidence there
    generic = bool(np.isfinite(expected[0]).all())
    _check(tree, factors, n, expected, network.NUMPY)
    if generic:
        _check(tree, factors, n, expected, _PlainOps())
    variables = sorted({v for s in scopes for v in s})
    if variables:
        targets = data.draw(st.lists(st.sampled_from(variables), min_size=1, unique=True))
        _check(tree, factors, n, expected, network.NUMPY, targets)
        if generic:
            _check(tree, factors, n, expected, _PlainOps(), targets)


def test_cliques_too_large_to_keep_are_contracted_from_their_factors(
    monkeypatch: pytest.MonkeyPatch, rng: np.random.Generator
) -> None:
    cards = [2, 3, 2, 3, 2, 2]
    scopes = [(0,), (1, 0), (2, 1), (3, 1, 2), (4, 3), (5, 4, 0), (2,)]
    factors = [rng.random((4, *(cards[v] for v in s))) for s in scopes]
    expected = _brute_force(cards, scopes, factors, 4)
    tree = JunctionTree(cards, scopes)
    _check(tree, factors, 4, expected, network.NUMPY)
    monkeypatch.setattr(network, "KEEP_BUDGET", 0)
    monkeypatch.setattr(network, "KEEP_BUDGET_DRAWS", 0)
    _check(tree, factors, 4, expected, network.NUMPY)
    _check(tree, factors, 4, expected, network.NUMPY, targets=[0, 4])


def test_impossible_evidence_gives_minus_infinity_and_zero_rows() -> None:
    # a -> b, b observed in a state that draw 1 makes impossible
    cards = [2, 2]
    prior = np.array([[0.3, 0.7]])
    likelihood = np.array([[0.9, 0.2], [0.0, 0.0]])  # P(b = observed | a), per draw
    tree = JunctionTree(cards, [(0,), (0,)])
    for ops in (network.NUMPY, _PlainOps()):
        log_e, marginals = tree.evaluate([prior, likelihood], 2, ops=ops)
        assert log_e[0] == pytest.approx(math.log(0.3 * 0.9 + 0.7 * 0.2))
        assert log_e[1] == -math.inf
        assert marginals[0][0].tolist() == pytest.approx([0.27 / 0.41, 0.14 / 0.41])
        assert marginals[0][1].tolist() == [0.0, 0.0]


def test_many_evidence_items_do_not_underflow() -> None:
    # one hypothesis and 600 conditionally independent clues, each P = 1e-3 or 2e-3 under it
    clues = 600
    tree = JunctionTree([2], [(0,)] + [(0,)] * clues)
    prior = np.array([[0.5, 0.5]])
    clue = np.array([[1e-3, 2e-3]])
    log_e, marginals = tree.evaluate([prior] + [clue] * clues, 1)
    terms = np.log([0.5, 0.5]) + clues * np.log([1e-3, 2e-3])
    assert log_e[0] == pytest.approx(logsumexp(terms), rel=1e-12)
    assert marginals[0][0] == pytest.approx(np.exp(terms - logsumexp(terms)), abs=1e-15)


@settings(max_examples=100, deadline=None)
@given(_networks())
def test_the_forest_has_maximal_cliques_and_the_running_intersection_property(case: Any) -> None:
    cards, scopes, _, _ = case
    cliques = junction_forest(cards, scopes)
    sets = [set(c.scope) for c in cliques]
    for i, s in enumerate(sets):
        assert not any(s <= t for j, t in enumerate(sets) if j != i)  # maximal
    for i, c in enumerate(cliques):
        for f in c.factors:
            assert set(scopes[f]) <= sets[i]
        if c.parent is not None:
            assert c.parent > i  # children first
            assert set(c.separator) == sets[i] & sets[c.parent]
            assert i in cliques[c.parent].children
    assert sorted(f for c in cliques for f in c.factors) == [f for f, s in enumerate(scopes) if s]
    for v in {v for s in scopes for v in s}:  # the cliques holding v are connected
        holding = {i for i, s in enumerate(sets) if v in s}
        tops = [i for i in holding if cliques[i].parent not in holding]
        assert len(tops) == 1


def test_a_clique_equal_to_a_separator_is_merged() -> None:
    # a chain a - b - c: eliminating a gives {a, b}, then b gives {b, c}, then c gives {c},
    # which is the separator of {b, c} and is merged into it
    cliques = junction_forest([2, 2, 2], [(0,), (0, 1), (1, 2)])
    assert sorted(sorted(c.scope) for c in cliques) == [[0, 1], [1, 2]]
    assert list(itertools.chain.from_iterable(c.factors for c in cliques)) != []


@settings(max_examples=60, deadline=None)
@given(_networks(), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_many_sets_of_factors_in_one_pass_match_the_joint_table_of_each(
    case: Any, count: int, seed: int
) -> None:
    cards, scopes, factors, n = case
    rng = np.random.default_rng(seed)
    batches = []
    for _ in range(count):  # some factors shared (the same array), others drawn afresh
        batches.append(
            [f if rng.random() < 0.5 else rng.random((n, *f.shape[1:])) * (f != 0) for f in factors]
        )
    tree = JunctionTree(cards, scopes)
    log_e, marginals = tree.evaluate_many(batches, n)
    assert log_e.shape == (count, n)
    for k, batch in enumerate(batches):
        want_log_e, want = _brute_force(cards, scopes, batch, n)
        np.testing.assert_allclose(log_e[k], want_log_e, rtol=1e-12, atol=1e-12)
        for v, m in want.items():
            np.testing.assert_allclose(marginals[v][k], m, rtol=0, atol=1e-12)


def test_large_cliques_summed_with_merged_axes_match_the_joint_table(
    rng: np.random.Generator,
) -> None:
    # a clique of 7 variables of 4 states (16,384 entries) with children on parts of it
    cards = [4] * 9
    scopes = [(0, 1, 2, 3, 4, 5, 6), (6, 7), (1, 2, 8), (3,), (0, 5)]
    for n in (1, 2):
        factors = [rng.random((n, *(cards[v] for v in s))) for s in scopes]
        factors[0] = np.ascontiguousarray(factors[0])
        expected = _brute_force(cards, scopes, factors, n)
        tree = JunctionTree(cards, scopes)
        assert tree.largest_table >= 4**7
        _check(tree, factors, n, expected, network.NUMPY)
        _check(tree, factors, n, expected, network.NUMPY, targets=[0, 7])
