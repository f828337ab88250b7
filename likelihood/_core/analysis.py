"""What would change my mind: sensitivity, attribution, flips, value of information, ACH, conflict.

Every analysis works on the posterior's :class:`~likelihood.CompiledModel`: the
same draws θᵢ of the judgments (for a PyMC posterior, the compiled model's own
draws from the judgments, seeded by the posterior's seed) and the same junction
trees. A variant (a word one step along its scale, a judgment held at a
quantile, a source re-graded, a strength moved a band, an observation changed)
redraws only the parameter it changes, so that differences between variants
are the change, not Monte Carlo noise; each analysis costs one batched
evaluation per variant (plus the baseline). Judgments that cannot move the
answer (those of nodes that are neither ancestors of the target nor of an
observation) are left out. Definitions are in ``docs/analysis.md``.

A node with several states may be named alone: the tables then have a
``state`` column and a row per state (computed from the same evaluations).
"""

from __future__ import annotations

import datetime
import itertools
import math
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from likelihood._core.compiled import CompiledModel
from likelihood._core.describe import describe
from likelihood._core.evaluation import normalised, weighted_quantiles, weighted_sum
from likelihood._core.judgment import Judgment
from likelihood._core.model import Model, enfsi_ratio, grade_judgment
from likelihood._core.scales import Scale
from likelihood._core.scales import scale as get_scale
from likelihood._core.table import ACH, Table
from likelihood._core.validate import check_confidence, check_count
from likelihood._defaults import (
    BAND,
    BLOCK_DRAWS,
    CHUNK_BUDGET,
    MAX_ACCOUNTS,
    SENSITIVITY_LEVELS,
    SOBOL_DRAWS,
)
from likelihood._exceptions import ACHWarning, ModelError, OptionError

if TYPE_CHECKING:
    from likelihood._core.posterior import Posterior

__all__ = [
    "ach",
    "attribution",
    "conflict",
    "flips",
    "most_probable",
    "relevant_parameters",
    "sensitivity",
    "trajectory",
    "value_of_information",
    "variants",
]

Array = NDArray[np.float64]

#: ACH ratings by log10 likelihood ratio: C at or above log10 2, I at or below -log10 2,
#: II at or below -1 (a ratio of 1/10); N (neutral) in between.
ACH_CONSISTENT = math.log10(2.0)
ACH_VERY_INCONSISTENT = -1.0
#: A swing or change below this is rounding, not an effect: shown as 0.
NOISE = 1e-12
#: Joint prior probability below which two hypotheses count as exclusive (ACH).
EXCLUSIVE = 1e-12
#: ACH over the joint states of binary hypotheses: at most this many columns.
ACH_MAX_COLUMNS = 12


# -- the shared machinery ------------------------------------------------------------------


def _focus(compiled: CompiledModel, node: str) -> set[str]:
    """Return the nodes the analyses ask of a variant: the target and every hypothesis.

    One set for every analysis and every target, so that a variant evaluated for
    one hypothesis answers the others from the cache.
    """
    model = compiled.model
    return {node, *(n for n, x in model.nodes.items() if x.role == "hypothesis")}


def _answers(compiled: CompiledModel, node: str, observed: Any = None) -> Array | None:
    """Return the coherent P(node | E) per state, or None when the evidence is impossible."""
    answer = compiled.answer(observed, nodes=_focus(compiled, node))
    return None if answer is None else answer[node]


def _targets(post: Posterior, name: str) -> tuple[str, list[int]]:
    """``"node"`` or ``"node=state"`` -> (node, the state indices the analysis reports)."""
    node, state = post.resolve(name)
    if state is not None:
        return node, [state]
    return node, list(range(len(post.model.nodes[node].states)))


def relevant_parameters(compiled: CompiledModel, node: str) -> list[int]:
    """Return the positions of the parameters that can move ``P(node | E)``.

    A parameter of a node that is neither an ancestor of *node* nor of an
    observation is barren: it cannot change the answer.

    Parameters
    ----------
    compiled : CompiledModel
    node : str

    Returns
    -------
    list of int

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.analysis import relevant_parameters
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior="likely")
    >>> m.evidence("e", given={"h": "likely", "~h": "unlikely"})
    >>> c = m.compile(draws=10, seed=0)
    >>> [c.parameters[i].label for i in relevant_parameters(c, "h")]
    ['h']
    """
    model = compiled.model
    keep = set(model.ancestors([node, *compiled.observed]))
    sources = {model.nodes[n].source for n in keep if model.nodes[n].source}
    out = []
    for i, p in enumerate(compiled.parameters):
        if p.node is not None and p.node in keep:
            out.append(i)
        elif p.node is None and p.label.split(": ")[0] in sources:
            out.append(i)
    return out


def _state_rows(
    model: Model, node: str, states: Sequence[int], several: bool, make: Any
) -> list[dict[str, Any]]:
    rows = []
    for s in states:
        row = make(s)
        if row is None:
            continue
        if several:
            row = {"state": model.nodes[node].states[s], **row}
        rows.append(row)
    return rows


# -- sensitivity -------------------------------------------------------------------------------


def sensitivity(post: Posterior, name: str) -> Table:
    """P(name | E) with each judgment held at its 5th and its 95th percentile."""
    node, states = _targets(post, name)
    model = post.model
    several = len(states) > 1
    compiled = post.compiled
    base = _answers(compiled, node)
    assert base is not None
    rows: list[dict[str, Any]] = []
    held = [
        compiled.held_at(j, q)
        for j in relevant_parameters(compiled, node)
        if not compiled.parameters[j].is_fixed
        for q in SENSITIVITY_LEVELS
    ]
    compiled.answers(held, _focus(compiled, node))  # evaluated together, on every core
    for j in relevant_parameters(compiled, node):
        parameter = compiled.parameters[j]
        if parameter.is_fixed:
            continue
        low, high = (_answers(compiled.held_at(j, q), node) for q in SENSITIVITY_LEVELS)
        if low is None or high is None:
            continue

        def make(
            s: int, parameter: Any = parameter, low: Array = low, high: Array = high
        ) -> dict[str, Any]:
            swing = abs(float(high[s]) - float(low[s]))
            return {
                "judgment": parameter.label,
                "node": parameter.node or "",
                "condition": parameter.condition or "",
                "written": parameter.written,
                "at 5th percentile": float(low[s]),
                "at 95th percentile": float(high[s]),
                "swing": swing if swing > NOISE else 0.0,
            }

        rows += _state_rows(model, node, states, several, make)
    rows.sort(key=lambda r: -r["swing"])
    columns = ["judgment", "written", "at 5th percentile", "at 95th percentile", "swing"]
    now = (
        f"{float(base[states[0]]):.3f}"
        if not several
        else ", ".join(f"{model.nodes[node].states[s]} {float(base[s]):.3f}" for s in states)
    )
    table = Table(
        (["state"] if several else []) + columns,
        rows,
        title=(
            f"Sensitivity of P({name} | E) ({now}) to each judgment, "
            "held at its 5th and at its 95th percentile"
        ),
    )
    table.info["baseline"] = (
        float(base[states[0]])
        if not several
        else {model.nodes[node].states[s]: float(base[s]) for s in states}
    )
    return table


# -- attribution (Sobol indices) ------------------------------------------------------------------


def _posterior_marginal(
    values: Array, weights: Array, size: int, rng: np.random.Generator
) -> Array:
    """Draws from one parameter's posterior marginal (its weighted draws, resampled)."""
    if len(values) == 1:
        return values
    return values[rng.choice(len(values), size=size, p=weights)]


def _sobol_samples(compiled: CompiledModel, weights: Array, draws: int) -> dict[str, Any]:
    """Two independent samples A, B from the parameters' posterior marginals, and f(A), f(B)."""
    rng = np.random.default_rng(np.random.SeedSequence(compiled.seed, spawn_key=(0x50B0,)))
    a = [_posterior_marginal(v, weights, draws, rng) for v in compiled.values]
    b = [_posterior_marginal(v, weights, draws, rng) for v in compiled.values]
    _, y_a = compiled.run(a, draws, compiled.observed)
    _, y_b = compiled.run(b, draws, compiled.observed)
    return {"a": a, "b": b, "y_a": y_a, "y_b": y_b}


def attribution(post: Posterior, name: str, draws: int = SOBOL_DRAWS) -> Table:
    """First-order and total Sobol indices of the band's variance, per judgment."""
    node, states = _targets(post, name)
    model = post.model
    several = len(states) > 1
    compiled = post.compiled

    def samples_now() -> dict[str, Any]:
        # the weights of the compiled model's own draws: the posterior's, for the exact engine
        weights = post.weights if post.method == "exact" else compiled.evaluate().weights
        return _sobol_samples(compiled, weights, draws)

    samples = compiled.remember(("sobol", draws), samples_now)
    a, b, y_a, y_b = (samples[k] for k in ("a", "b", "y_a", "y_b"))

    def output(sample: Sequence[Array]) -> dict[str, Array]:
        _, marginals = compiled.run(sample, draws, compiled.observed)
        return marginals

    both = np.concatenate([y_a[node], y_b[node]])
    variance = np.var(both, axis=0)
    # Centring f(B) on the mean (Sobol 2001) keeps the first-order estimator's variance from
    # growing with the square of the mean: answers near 0 or 1 would otherwise swamp it.
    centred = y_b[node] - np.mean(both, axis=0)
    y_a_node = y_a[node]
    rows: list[dict[str, Any]] = []
    for j in relevant_parameters(compiled, node):
        parameter = compiled.parameters[j]
        if parameter.is_fixed:
            continue
        mixed = list(a)
        mixed[j] = b[j]
        y_ab = compiled.remember(("sobol", draws, j), lambda mixed=mixed: output(mixed))[node]

        def make(s: int, y_ab: Array = y_ab, parameter: Any = parameter) -> dict[str, Any]:
            if variance[s] > 0:
                first = float(np.mean(centred[:, s] * (y_ab[:, s] - y_a_node[:, s])) / variance[s])
                total = float(np.mean((y_a_node[:, s] - y_ab[:, s]) ** 2) / 2.0 / variance[s])
            else:
                first = total = 0.0
            return {
                "judgment": parameter.label,
                "node": parameter.node or "",
                "condition": parameter.condition or "",
                "written": parameter.written,
                "first order": first,
                "total": total,
            }

        rows += _state_rows(model, node, states, several, make)
    rows.sort(key=lambda r: -r["total"])
    shown = float(variance[states[0]])
    table = Table(
        (["state"] if several else []) + ["judgment", "written", "first order", "total"],
        rows,
        title=(
            f"Share of the variance of P({name} | E, θ) ({shown:.3g}) due to each judgment"
            if not several
            else f"Share of the variance of P({name} | E, θ) due to each judgment, per state"
        ),
    )
    table.info["variance"] = (
        shown if not several else {model.nodes[node].states[s]: float(variance[s]) for s in states}
    )
    return table


# -- what would change my mind ------------------------------------------------------------------


def _ladder(sc: Scale) -> list[str]:
    """Order the scale's terms from least to most probable (by the middle of their ranges)."""
    terms = [t for t in sc.terms if t.range is not None and not t.uncertain]
    return [t.name for t in sorted(terms, key=lambda t: ((t.lower or 0) + (t.upper or 0)) / 2)]


def _neighbours(ladder: Sequence[str], here: str) -> list[str]:
    if here not in ladder:
        return []
    i = ladder.index(here)
    return [ladder[j] for j in (i - 1, i + 1) if 0 <= j < len(ladder)]


def _reliability_ladder() -> list[str]:
    """Return the Admiralty reliability grades in order, read from the scale (A … F)."""
    return [t.code for t in get_scale("admiralty").terms if t.axis == "reliability" and t.code]


def variants(compiled: CompiledModel, node: str) -> list[tuple[str, str, CompiledModel]]:
    """Return every one-step change in the analyst's own terms that can move *node*.

    Each is ``(what, change, variant)``:

    * a word (of a binary table, or of one state of a several-state table,
      which is then normalised per draw) one step down or up its scale;
    * an evidence strength one ENFSI band;
    * a source's Admiralty grade one step;
    * an observation set to each other state.

    Only the changed parameter is drawn again.

    Parameters
    ----------
    compiled : CompiledModel
    node : str
        The target: changes that cannot move it are left out.

    Returns
    -------
    list of tuple

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.analysis import variants
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior="likely")
    >>> [(what, change) for what, change, _ in variants(m.compile(draws=10, seed=0), "h")]
    [('h', 'likely → realistic possibility'), ('h', 'likely → highly likely')]
    """
    out: list[tuple[str, str, CompiledModel]] = []
    for j in relevant_parameters(compiled, node):
        p = compiled.parameters[j]
        d = p.distribution
        if p.label.endswith(": strength") and isinstance(p.written, str):
            enfsi = get_scale("enfsi")
            try:
                here = enfsi[p.written].name
            except Exception:  # noqa: BLE001 - a written ratio is not a band: no step
                continue
            for other in _neighbours([t.name for t in enfsi.terms], here):
                variant = compiled.with_judgment(j, enfsi_ratio(other), written=other)
                out.append((p.label, f"{here} → {other}", variant))
        elif p.label.endswith(": reliability") and p.written in _reliability_ladder():
            for other in _neighbours(_reliability_ladder(), p.written):
                variant = compiled.with_judgment(j, grade_judgment(other), written=other)
                out.append(
                    (f"source {p.label.split(': ')[0]}", f"grade {p.written} → {other}", variant)
                )
        elif isinstance(d, Judgment) and d.origin.kind == "term":
            origin = d.origin
            if origin.scale in (None, "admiralty") or origin.term is None:
                continue
            assert origin.scale is not None
            sc = get_scale(origin.scale)
            here = sc[origin.term].name
            for other in _neighbours(_ladder(sc), here):
                variant = compiled.with_judgment(j, other, written=other)
                out.append((p.label, f"{here} → {other}", variant))
    model = compiled.model
    for name, state in compiled.observed.items():
        n = model.nodes[name]
        for other in n.states:
            if other == state:
                continue
            shown_old = (state == "true") if n.binary else state
            shown_new = (other == "true") if n.binary else other
            variant = compiled.with_observation(name, shown_new)
            out.append((f"observation {name}", f"{shown_old} → {shown_new}", variant))
    return out


def _flipped(before: Any, after: Any) -> bool:
    """Whether the words moved to another term: they share no term with the words before.

    Moving from a term into the gap beside it ("highly unlikely" to "between
    remote chance and highly unlikely") still names the term: not a flip.
    """
    if str(before) == str(after):
        return False
    named = set(before.terms) or {str(before)}
    return not (named & (set(after.terms) or {str(after)}))


def flips(post: Posterior, name: str) -> Table:
    """Every one-step change in the analyst's terms, its answer, and whether the words change."""
    node, states = _targets(post, name)
    model = post.model
    several = len(states) > 1
    base = _answers(post.compiled, node)
    assert base is not None
    base_words = {s: describe(float(base[s]), scale=model.scale) for s in states}
    rows: list[dict[str, Any]] = []
    found = variants(post.compiled, node)
    post.compiled.answers([v for _, _, v in found], _focus(post.compiled, node))
    for what, change, variant in found:
        after = _answers(variant, node)
        if after is None:
            continue

        def make(
            s: int, after: Array = after, what: str = what, change: str = change
        ) -> dict[str, Any]:
            p = float(after[s])
            words = describe(p, scale=model.scale)
            return {
                "input": what,
                "change": change,
                "probability": p,
                "shift": p - float(base[s]),
                "words": str(words),
                "flips": _flipped(base_words[s], words),
            }

        rows += _state_rows(model, node, states, several, make)
    rows.sort(key=lambda r: (not r["flips"], -abs(r["shift"])))
    flipped = [r for r in rows if r["flips"]]
    if several:
        now = ", ".join(
            f"{model.nodes[node].states[s]} {base_words[s]} {float(base[s]):.3f}" for s in states
        )
    else:
        now = f"{base_words[states[0]]}, {float(base[states[0]]):.3f}"
    title = f"What would change my mind about {name} (now {now})"
    if not flipped:
        title += ": none within one step"
    table = Table(
        (["state"] if several else []) + ["input", "change", "probability", "words", "flips"],
        rows,
        title=title,
    )
    table.info["baseline"] = (
        str(base_words[states[0]])
        if not several
        else {model.nodes[node].states[s]: str(base_words[s]) for s in states}
    )
    table.info["flips"] = flipped
    return table


# -- value of information -----------------------------------------------------------------------


def _entropy(p: Array) -> float:
    p = p[p > 0]
    return float(-np.sum(p * np.log2(p)))


def value_of_information(post: Posterior, name: str) -> Table:
    """For each unobserved evidence or report node: the expected change and information gain.

    For ``"node=state"`` (or a binary node) the question is that one state: the
    expected absolute change of its probability and the information about the
    event in bits; for a node with several states named alone, the whole node:
    the expected total-variation change and the information about all its states.
    """
    node, state = post.resolve(name)
    model = post.model
    compiled = post.compiled
    observed = dict(compiled.observed)
    baseline = compiled.answer()
    assert baseline is not None
    now_all = baseline[node]

    def question(p: Array) -> Array:
        return np.array([p[state], 1.0 - p[state]]) if state is not None else p

    now = question(now_all)
    keep = set(model.ancestors([node, *observed]))
    rows: list[dict[str, Any]] = []
    for other, candidate in model.nodes.items():
        if other in observed or other == node or candidate.role == "hypothesis":
            continue
        # a node that is not connected to the target through the observations tells nothing
        if not (set(model.ancestors([other])) & keep):
            continue
        predictive = baseline[other]
        change = 0.0
        remaining = 0.0
        for k, value in enumerate(candidate.states):
            if predictive[k] <= 0:
                continue
            answer = compiled.answer({**observed, other: value})
            if answer is None:
                continue
            after = question(answer[node])
            if state is not None:
                shift = abs(after[0] - now[0])
            else:
                shift = 0.5 * float(np.abs(after - now).sum())
            change += predictive[k] * shift
            remaining += predictive[k] * _entropy(after)
        rows.append(
            {
                "evidence": other,
                "text": candidate.text,
                "expected change": float(change),
                "information (bits)": max(_entropy(now) - float(remaining), 0.0),
            }
        )
    rows.sort(key=lambda r: -r["information (bits)"])
    if state is not None:
        shown = f"P({name} | E) = {now[0]:.3f}"
    else:
        shown = f"the whole of {node} ({', '.join(model.nodes[node].states)})"
    return Table(
        ["evidence", "expected change", "information (bits)", "text"],
        rows,
        title=f"What to collect next for {shown}",
    )


# -- analysis of competing hypotheses ------------------------------------------------------------


def _rating(log_ratio: float) -> str:
    if log_ratio <= ACH_VERY_INCONSISTENT:
        return "II"
    if log_ratio <= -ACH_CONSISTENT:
        return "I"
    if log_ratio >= ACH_CONSISTENT:
        return "C"
    return "N"


def _joint_columns(
    compiled: CompiledModel, names: Sequence[str], probability: Any
) -> list[tuple[str, dict[str, str]]]:
    """Exclusive, exhaustive columns from binary hypotheses: their joint states that can occur."""
    columns = []
    for states in itertools.product(("true", "false"), repeat=len(names)):
        cond = dict(zip(names, states, strict=True))
        if probability(cond) <= EXCLUSIVE:
            continue
        label = " & ".join(n if s == "true" else f"~{n}" for n, s in cond.items())
        columns.append((label, cond))
    return columns


def ach(post: Posterior, hypotheses: str | Sequence[str] | None = None) -> ACH:
    """Heuer's analysis of competing hypotheses against the observed evidence.

    Heuer's method compares mutually exclusive, exhaustive hypotheses. The
    columns are therefore the states of one node, or binary hypotheses that the
    model makes exclusive (no draw gives two of them together), completed by
    "none of them" when they may all be false. Binary hypotheses that can hold
    together (nested ones, say) are replaced by their joint states that can
    occur, with an :class:`~likelihood.ACHWarning` saying so.
    """
    model = post.model
    compiled = post.compiled
    observed = dict(post.observations)
    if hypotheses is None:
        several = [n for n, x in model.nodes.items() if x.role == "hypothesis" and not x.binary]
        if len(several) == 1 and several[0] not in observed:
            hypotheses = several[0]
        else:
            hypotheses = [
                n
                for n, x in model.nodes.items()
                if x.role == "hypothesis" and x.binary and n not in observed
            ]

    items_all = [e for e in observed if model.nodes[e].role != "hypothesis"]

    def joint(cond: dict[str, str]) -> tuple[float, dict[str, float]]:
        """Return P(cond) and, per observed item, P(cond, item): one batched evaluation."""

        def compute() -> tuple[float, dict[str, float]]:
            log_e, marginals = compiled.run(compiled.values, compiled.n, cond)
            p = np.exp(log_e)
            per_item = {
                e: float(np.mean(p * marginals[e][:, model.nodes[e].states.index(observed[e])]))
                for e in items_all
                if e not in cond
            }
            return float(np.mean(p)), per_item

        kept: tuple[float, dict[str, float]] = compiled.remember(
            ("ach", tuple(sorted(cond.items()))), compute
        )
        return kept

    def probability(cond: dict[str, str]) -> float:
        return joint(cond)[0]

    if isinstance(hypotheses, str):
        node = model.node(hypotheses)
        if node.binary:
            raise ModelError(
                f"{node.name!r} is binary: ACH compares competing hypotheses; list several "
                "binary hypotheses, or give a node with several states"
            )
        columns = [(f"{node.name}={s}", {node.name: s}) for s in node.states]
        names = {node.name}
    else:
        names_list = []
        for h in hypotheses:
            node = model.node(h)
            if not node.binary:
                raise ModelError(
                    f"{node.name!r} has several states; pass it alone to compare its states"
                )
            names_list.append(node.name)
        names = set(names_list)
        overlapping = [
            (a, b)
            for a, b in itertools.combinations(names_list, 2)
            if probability({a: "true", b: "true"}) > EXCLUSIVE
        ]
        if overlapping:
            columns = _joint_columns(compiled, names_list, probability)
            if len(columns) > ACH_MAX_COLUMNS:
                raise ModelError(
                    f"the hypotheses {', '.join(names_list)} can hold together "
                    f"({overlapping[0][0]} and {overlapping[0][1]}, for one), and their "
                    f"{len(columns)} joint states are too many to compare; ACH needs exclusive "
                    "hypotheses: give the states of one node, or fewer hypotheses"
                )
            warnings.warn(
                f"ACH needs mutually exclusive hypotheses, but {overlapping[0][0]} and "
                f"{overlapping[0][1]} can hold together; comparing their joint states instead: "
                + "; ".join(label for label, _ in columns),
                ACHWarning,
                stacklevel=3,
            )
        else:
            columns = [(n, {n: "true"}) for n in names_list]
            none = {n: "false" for n in names_list}
            if probability(none) > EXCLUSIVE:
                columns.append(("none of them", none))
    if len(columns) < 2:
        raise ModelError("ACH needs at least two competing hypotheses")
    items = [e for e in items_all if e not in names]  # an observed hypothesis is no item
    if not items:
        raise ModelError("ACH needs observed evidence: observe some evidence first")
    prior = {label: probability(cond) for label, cond in columns}
    likelihoods: dict[str, dict[str, float]] = {}
    ratios: dict[str, dict[str, float]] = {}
    ratings: dict[str, dict[str, str]] = {}
    diagnosticity: dict[str, float] = {}
    for item in items:
        likelihoods[item] = {
            label: (joint(cond)[1][item] / prior[label]) if prior[label] > 0 else math.nan
            for label, cond in columns
        }
        ratios[item] = {}
        ratings[item] = {}
        for label, _ in columns:
            others = [other for other, _ in columns if other != label]
            weight = sum(prior[o] for o in others)
            against = sum(likelihoods[item][o] * prior[o] for o in others) / weight
            ratio = likelihoods[item][label] / against if against > 0 else math.inf
            ratios[item][label] = ratio
            ratings[item][label] = _rating(math.log10(ratio) if ratio > 0 else -math.inf)
        values_l = list(likelihoods[item].values())
        diagnosticity[item] = (
            math.log10(max(values_l) / min(values_l)) if min(values_l) > 0 else math.inf
        )
    labels = [c[0] for c in columns]
    inconsistency = {
        label: sum({"I": 1, "II": 2}.get(ratings[item][label], 0) for item in items)
        for label in labels
    }
    rows: list[dict[str, Any]] = []
    for item in items:
        row: dict[str, Any] = {"evidence": item}
        for label in labels:
            row[label] = f"{ratings[item][label]} ({ratios[item][label]:.3g})"
        row["diagnosticity"] = diagnosticity[item]
        rows.append(row)
    rows.append(
        {"evidence": "inconsistency", **{label: str(inconsistency[label]) for label in labels}}
    )
    # what all the evidence together says of each hypothesis (Heuer's step 5: conclusions)
    evidence_all = {e: observed[e] for e in items}
    p_all = probability(evidence_all)
    posterior = {
        label: probability({**cond, **evidence_all}) / p_all if p_all > 0 else math.nan
        for label, cond in columns
    }
    rows.append({"evidence": "P(h | E)", **{label: f"{posterior[label]:.3f}" for label in labels}})
    table = ACH(
        ["evidence", *labels, "diagnosticity"],
        rows,
        title="Analysis of competing hypotheses: rating (likelihood ratio) per item",
    )
    table.hypotheses = labels
    table.likelihoods = likelihoods
    table.ratios = ratios
    table.ratings = ratings
    table.diagnosticity = diagnosticity
    table.inconsistency = inconsistency
    table.info["columns"] = {label: dict(cond) for label, cond in columns}
    table.info["prior"] = prior
    table.info["posterior"] = posterior
    return table


# -- conflict among the observations (Hugin's data-conflict measure) ------------------------------


def _log_mean(log_values: Array) -> float:
    """Return ``log(mean(exp(log_values)))`` over the draws, without underflow."""
    top = float(np.max(log_values))
    if not math.isfinite(top):
        return top
    return top + math.log(float(np.mean(np.exp(log_values - top))))


def _band(values: Array, levels: Sequence[float]) -> tuple[float, float]:
    """Equal-weight quantiles (``hazen``) of per-draw values; NaN draws left out, +∞ kept."""
    kept = values[~np.isnan(values)]
    if not len(kept):
        return math.nan, math.nan
    with np.errstate(invalid="ignore"):
        out = np.quantile(kept, levels, method="hazen")
    # between two infinite draws the interpolation gives NaN: the quantile is infinite there
    out = np.where(np.isnan(out), np.inf, out)
    return float(out[0]), float(out[1])


def _per_draw(singles: Array, together: Array) -> Array:
    """``singles - together`` per draw: +∞ where only *together* is impossible, NaN where both."""
    with np.errstate(invalid="ignore"):
        return np.asarray(singles - together, dtype=np.float64)


def conflict(post: Posterior, confidence: float = BAND) -> Table:
    """Hugin's data-conflict measure of the observations, its band, and each item's share.

    ``conf(E) = log(∏ⱼ P(eⱼ) / P(E))`` (natural log) for the observations
    E = {e₁, …, e_k}, k ≥ 2. The coherent value takes P(·) = the mean over the
    compiled model's draws θᵢ of the judgments of P(· | θᵢ) — the probabilities
    before the evidence at the judgments' predictive; the band is the central
    *confidence* interval of conf_θ = log(∏ⱼ P(eⱼ | θ) / P(E | θ)) over the
    same draws, equally weighted (conflict is a property of the model before
    the evidence). Each row is an observation and what dropping it does,
    ``conf(E) - conf(E without eⱼ) = log(P(eⱼ) / P(eⱼ | E without eⱼ))``,
    largest first. Definitions are in ``docs/conflict.md``.
    """
    levels_c = check_confidence(confidence)
    model = post.model
    compiled = post.compiled
    observed = dict(post.observations)
    items = list(observed)
    if len(items) < 2:
        got = f"only {items[0]!r}" if items else "none"
        raise ModelError(
            "conflict needs at least two observations: it compares how likely they are "
            f"together with how likely they are apart; observed: {got}"
        )
    levels = [(1 - levels_c) / 2, (1 + levels_c) / 2]

    every = compiled.nodes

    def log_p(given: dict[str, str]) -> Array:
        # log P(given | θ) on the compiled model's own draws; asking every node keeps the
        # posterior's junction tree for the evidence pattern: no new tree is built
        return compiled.kept_run(given, every)[0]

    ev = post.evaluation
    together = ev.log_evidence if ev.values is compiled.values else log_p(observed)
    log_together = _log_mean(together)
    if not math.isfinite(log_together):
        raise compiled.impossible(observed)
    # P(eⱼ | θ) alone: the marginals before the evidence (the prior's one evaluation, kept)
    before = post.prior.evaluation.marginals
    with np.errstate(divide="ignore"):
        alone = {e: np.log(before[e][:, model.nodes[e].states.index(observed[e])]) for e in items}
    # P(E without eⱼ | θ) = Σₛ P(E with eⱼ = s | θ): the same evidence pattern, the same tree
    rest = {}
    for e in items:
        runs = [together] + [
            log_p({**observed, e: other}) for other in model.nodes[e].states if other != observed[e]
        ]
        stacked = np.stack(runs)
        top = np.max(stacked, axis=0)
        safe = np.where(np.isfinite(top), top, 0.0)
        with np.errstate(divide="ignore"):
            rest[e] = safe + np.log(np.sum(np.exp(stacked - safe), axis=0))
        rest[e] = np.where(np.isfinite(top), rest[e], -np.inf)
    log_alone = {e: _log_mean(alone[e]) for e in items}
    log_apart = sum(log_alone.values())
    value = log_apart - log_together
    per_draw = _per_draw(np.sum([alone[e] for e in items], axis=0), together)
    band = _band(per_draw, levels)
    defined = per_draw[~np.isnan(per_draw)]
    positive = float(np.mean(defined > 0)) if len(defined) else math.nan

    rows: list[dict[str, Any]] = []
    for e in items:
        node = model.nodes[e]
        log_given = log_together - _log_mean(rest[e])  # log P(eⱼ | E without eⱼ)
        drop = log_alone[e] - log_given
        drop_draws = _per_draw(alone[e] + rest[e], together)
        rows.append(
            {
                "observation": e,
                "observed": (observed[e] == "true") if node.binary else observed[e],
                "alone": math.exp(log_alone[e]),
                "given the others": math.exp(log_given),
                "conflict": drop,
                "ratio": math.exp(drop),
                "band": _band(drop_draws, levels),
                "text": node.text,
            }
        )
    rows.sort(key=lambda r: -r["conflict"])
    ratio = math.exp(value)
    if value > 0:
        reading = f"together {ratio:.3g} times less likely than apart"
    else:
        reading = f"together {1 / ratio:.3g} times as likely as apart: no conflict"
    table = Table(
        ["observation", "observed", "alone", "given the others", "conflict", "ratio", "text"],
        rows,
        title=(
            f"Conflict of the {len(items)} observations: conf(E) = {value:+.3f} ({reading}); "
            f"{round(100 * levels_c):g} % band [{band[0]:+.3f}, {band[1]:+.3f}]"
        ),
    )
    table.info.update(
        {
            "conflict": value,
            "ratio": ratio,
            "band": band,
            "confidence": levels_c,
            "positive": positive,
            "together": math.exp(log_together),
            "apart": math.exp(log_apart),
            "flagged": value > 0,
            "items": [r["observation"] for r in rows if r["conflict"] > 0],
            "draws": per_draw,
        }
    )
    return table


# -- beliefs over time ---------------------------------------------------------------------------


def _when_text(when: Any) -> str:
    """Write a date as ISO text (a time to the minute), a number as written."""
    if isinstance(when, datetime.datetime):
        return when.isoformat(sep=" ", timespec="minutes")
    if isinstance(when, datetime.date):
        return when.isoformat()
    return f"{when:g}" if isinstance(when, float) else str(when)


def _when_key(when: Any) -> Any:
    """Return a sort key: dates and times on one time line (a date is its midnight)."""
    if isinstance(when, datetime.datetime):
        return (1, when)
    if isinstance(when, datetime.date):
        return (1, datetime.datetime.combine(when, datetime.time()))
    return (0, when)


def _arrivals(post: Posterior, order: Any) -> tuple[list[list[str]], list[str | None]]:
    """Group the observations by arrival: ``(groups of observed nodes, the group's date)``.

    By *order* (names, or lists of names arriving together), else by the model's
    ``at=`` dates (equal dates arrive together), else one at a time in the
    order the observations were made. An uncertain observation ``x_soft`` is
    named ``x``.
    """
    model = post.model
    items = list(post.observations)
    label = {e: model.nodes[e].soft or e for e in items}
    by_label = {label[e]: e for e in items}
    listed = ", ".join(label[e] for e in items) or "none"
    if order is None:
        dates = model.arrivals
        if not dates:
            return [[e] for e in items], [None] * len(items)
        undated = [label[e] for e in items if label[e] not in dates]
        if undated:
            dated = [label[e] for e in items if label[e] in dates]
            raise ModelError(
                f"the observations {', '.join(dated)} have a date (at=) but "
                f"{', '.join(undated)} not: give every observation a date, or none, or pass "
                "order= to trajectory"
            )
        kinds = {_when_key(dates[label[e]])[0] for e in items}
        if len(kinds) > 1:
            shown = ", ".join(f"{label[e]} at {dates[label[e]]!r}" for e in items)
            raise ModelError(
                "the observations' at= mix dates and numbers, which cannot be put in one "
                f"order: {shown}; give them all dates or all numbers"
            )
        try:
            ranked = sorted(items, key=lambda e: _when_key(dates[label[e]]))
        except TypeError as error:  # dates with and without a time zone
            raise ModelError(
                f"the observations' dates cannot be put in one order ({error}): give them "
                "all a time zone or none"
            ) from None
        groups: list[list[str]] = []
        whens: list[str | None] = []
        last: Any = object()
        for e in ranked:
            key = _when_key(dates[label[e]])
            if groups and key == last:
                groups[-1].append(e)
            else:
                groups.append([e])
                whens.append(_when_text(dates[label[e]]))
            last = key
        return groups, whens
    if isinstance(order, str) or not isinstance(order, Sequence):
        raise OptionError(
            "order is a list of the observations in the order they arrived (a list inside "
            f"it for observations arriving together), such as ['e1', ['e2', 'e3']]; got {order!r}"
        )
    groups = []
    seen: set[str] = set()
    for entry in order:
        names = [entry] if isinstance(entry, str) else entry
        if isinstance(names, str) or not isinstance(names, Sequence) or not names:
            raise OptionError(
                "each entry of order is an observation's name or a non-empty list of names "
                f"arriving together; got {entry!r}"
            )
        group = []
        for n in names:
            if not isinstance(n, str):
                raise OptionError(f"order names observations by name; got {n!r} in {entry!r}")
            found = by_label.get(n, n if n in label else None)
            if found is None:
                what = "is not observed" if n in model.nodes else "is not a node of the model"
                raise ModelError(f"order names {n!r}, which {what}; the observations are {listed}")
            if found in seen:
                raise ModelError(
                    f"order names {label[found]!r} twice; each observation arrives once"
                )
            seen.add(found)
            group.append(found)
        groups.append(group)
    missing = [label[e] for e in items if e not in seen]
    if missing:
        raise ModelError(
            f"order leaves out {', '.join(missing)}: every observation arrives once "
            f"(the observations are {listed})"
        )
    return groups, [None] * len(groups)


def _arrived_text(model: Model, observed: dict[str, str], e: str) -> str:
    node = model.nodes[e]
    if node.soft is not None:
        return f"{node.soft} (uncertain)"
    return f"{e}={observed[e] == 'true'}" if node.binary else f"{e}={observed[e]}"


def trajectory(post: Posterior, name: str, order: Any = None, confidence: float = BAND) -> Table:
    """Return P(name | the evidence up to each arrival), its band and words, step by step.

    Step 0 is the answer before the evidence; step t adds the observations of
    the t-th arrival. Each step is evaluated on the compiled model's draws θᵢ:
    the same numbers as :meth:`Model.infer` on the model with only those
    observations, under the same seed. Definitions are in ``docs/trajectory.md``.
    """
    from likelihood._core.posterior import Posterior  # posterior imports this module's users

    c = check_confidence(confidence)
    node, states = _targets(post, name)
    model = post.model
    compiled = post.compiled
    several = len(states) > 1
    labels = [name] if not several else [f"{node}={model.nodes[node].states[s]}" for s in states]
    groups, whens = _arrivals(post, order)
    observed = dict(post.observations)
    dated = any(w is not None for w in whens)
    ev = post.evaluation
    steps: list[Posterior] = [post.prior]
    so_far: dict[str, str] = {}
    for i, group in enumerate(groups):
        so_far.update({e: observed[e] for e in group})
        given = dict(so_far)
        if i == len(groups) - 1 and ev.values is compiled.values:
            evaluation = ev  # the posterior itself
        else:
            key = ("trajectory", tuple(sorted(given.items())))
            evaluation = compiled.remember(key, lambda given=given: compiled.evaluate(given))
            if np.all(np.isneginf(evaluation.log_evidence)):
                raise compiled.impossible(given)
        steps.append(Posterior(model, evaluation, compiled, nodes=post.nodes))
    paths: dict[str, dict[str, list[Any]]] = {}
    for label in labels:
        path: dict[str, list[Any]] = {
            "probability": [],
            "low": [],
            "high": [],
            "words": [],
            "confidence": [],
            "mcse": [],
        }
        for step in steps:
            lo, hi = step.interval(label, c)
            described = step.describe(label)
            path["probability"].append(step.probability(label))
            path["low"].append(lo)
            path["high"].append(hi)
            path["words"].append(str(described))
            path["confidence"].append(described.confidence)
            path["mcse"].append(step.mcse(label))
        paths[label] = path
    arrived: list[list[str]] = [[]] + [
        [_arrived_text(model, observed, e) for e in g] for g in groups
    ]
    rows: list[dict[str, Any]] = []
    for t in range(len(steps)):
        for s, label in zip(states, labels, strict=True):
            path = paths[label]
            p = path["probability"][t]
            row: dict[str, Any] = {"step": t}
            if several:
                row["state"] = model.nodes[node].states[s]
            row.update(
                {
                    "arrived": ", ".join(arrived[t]) if t else "(before the evidence)",
                    "at": None if t == 0 else whens[t - 1],
                    "probability": p,
                    "low": path["low"][t],
                    "high": path["high"][t],
                    "words": path["words"][t],
                    "confidence": path["confidence"][t],
                    "change": None if t == 0 else p - path["probability"][t - 1],
                }
            )
            rows.append(row)
    columns = ["step", *(["state"] if several else []), "arrived", *(["at"] if dated else [])]
    columns += ["probability", "low", "high", "words", "change"]
    if several:
        moved = "; ".join(
            f"{model.nodes[node].states[s]} {paths[lb]['probability'][0]:.3f} → "
            f"{paths[lb]['probability'][-1]:.3f}"
            for s, lb in zip(states, labels, strict=True)
        )
    else:
        path = paths[labels[0]]
        moved = (
            f"{path['words'][0]} ({path['probability'][0]:.3f}) → "
            f"{path['words'][-1]} ({path['probability'][-1]:.3f})"
        )
    count = len(groups)
    table = Table(
        columns,
        rows,
        title=(
            f"Belief in {name} as the evidence arrived ({count} step{'s' * (count != 1)}, "
            f"{round(100 * c):g} % band): {moved}"
        ),
    )
    table.info.update(
        {
            "name": name,
            "node": node,
            "labels": labels,
            "confidence": c,
            "arrived": arrived,
            "groups": [[model.nodes[e].soft or e for e in g] for g in groups],
            "at": [None, *whens],
            "paths": paths,
        }
    )
    return table


# -- the most probable account (MAP / MPE) ------------------------------------------------------


def _account_nodes(post: Posterior, nodes: str | Sequence[str] | None) -> list[str]:
    """Return the nodes of the account, in the model's order, checked against the observations."""
    model = post.model
    observed = post.observations
    hidden = [n for n in model.nodes if n not in observed]
    if not hidden:
        raise ModelError(
            "most_probable: every node is observed; there is no unobserved node to give an "
            "account of"
        )
    if nodes is None:
        chosen = [n for n in hidden if model.nodes[n].role == "hypothesis"]
        if not chosen:
            raise ModelError(
                "most_probable: every hypothesis is observed; name the nodes of the account "
                f"(nodes=[...] among {hidden}) or take all unobserved nodes (nodes='all')"
            )
        return chosen
    if isinstance(nodes, str) and nodes == "all":
        return hidden
    names = [nodes] if isinstance(nodes, str) else list(nodes)
    if not names:
        raise ModelError("most_probable: nodes is empty; give at least one unobserved node")
    wanted = set()
    for name in names:
        if not isinstance(name, str):
            raise ModelError(
                f"most_probable: nodes must be node names (str); got {name!r} "
                f"({type(name).__name__})"
            )
        node = model.resolve(name)[0]
        if node != name:
            raise ModelError(
                f"most_probable: nodes are node names, not states; got {name!r} (use {node!r})"
            )
        if node in observed:
            raise ModelError(
                f"most_probable: {node!r} is observed ({node}={observed[node]}); an account is of "
                f"unobserved nodes: {hidden}"
            )
        wanted.add(node)
    return [n for n in hidden if n in wanted]


def _account_label(model: Model, nodes: Sequence[str], states: Sequence[int]) -> str:
    """``talks, ~negotiations, weather=rain``: a binary node by its name or ``~name``."""
    parts = []
    for name, s in zip(nodes, states, strict=True):
        node = model.nodes[name]
        if node.binary:
            parts.append(name if node.states[s] == "true" else f"~{name}")
        else:
            parts.append(f"{name}={node.states[s]}")
    return ", ".join(parts)


def _log_joint(
    factors: Sequence[Array], scopes: Sequence[tuple[int, ...]], accounts: NDArray[np.intp]
) -> Array:
    """``log P(x, E | θ)`` per draw of full accounts *x* (rows of *accounts*, by variable index).

    The product of every (sliced) table's entry at the account: shape ``(draws, accounts)``.
    """
    total: Any = 0.0
    for table, scope in zip(factors, scopes, strict=True):
        if scope:
            where: tuple[Any, ...] = (slice(None), *(accounts[:, v] for v in scope))
            entry = table[where]
        else:
            entry = np.reshape(table, (-1, 1))
        with np.errstate(divide="ignore"):
            total = total + np.log(entry)
    return np.asarray(total, dtype=np.float64)


def _max_product(
    compiled: CompiledModel, observed: dict[str, str], chosen: Sequence[str]
) -> tuple[NDArray[np.intp], Array, NDArray[np.intp]]:
    """Accounts of every unobserved node by max-product: candidates, ``log P(x, E | θ)``, winners.

    Per draw, the most probable account (:meth:`JunctionTree.maximise`); the
    candidates are the distinct per-draw winners (the most frequent first, at
    most ``MAX_ACCOUNTS``) and the accounts one node away from the most
    frequent winner (the runner-ups' likeliest places). Returns the candidates
    (rows of state indices over *chosen*), their ``log P(x, E | θᵢ)`` per draw
    ``(n, K)``, and for each draw the index of its winner among the candidates.
    """
    tree = compiled.tree(observed)
    index = [compiled.index[name] for name in chosen]
    n, values = compiled.n, compiled.values
    chunk = max(1, min(BLOCK_DRAWS, CHUNK_BUDGET // max(tree.largest_table, 1)))
    winners = np.empty((n, len(chosen)), dtype=np.intp)
    for a in range(0, n, chunk):
        b = min(n, a + chunk)
        part = values if n == 1 else [v[a:b] if len(v) == n else v for v in values]
        _, states = tree.maximise(compiled.factors(part, observed), b - a)
        winners[a:b] = np.stack([states[v] for v in index], axis=1)
    found, counts = np.unique(winners, axis=0, return_counts=True)
    by_count = np.argsort(-counts, kind="stable")[:MAX_ACCOUNTS]
    found = found[by_count]
    top = found[0]
    neighbours = []
    for j, name in enumerate(chosen):
        for s in range(len(compiled.model.nodes[name].states)):
            if s != top[j]:
                other = top.copy()
                other[j] = s
                neighbours.append(other)
    candidates = np.unique(np.concatenate([found, np.array(neighbours, dtype=np.intp)]), axis=0)
    position = {tuple(row): i for i, row in enumerate(candidates)}
    winner = np.array([position[tuple(row)] for row in winners], dtype=np.intp)
    # the same accounts over the tree's variables (every unobserved node), to index the tables
    full = np.zeros((len(candidates), len(compiled.nodes)), dtype=np.intp)
    full[:, index] = candidates
    log_joint = np.empty((n, len(candidates)))
    for a in range(0, n, chunk):
        b = min(n, a + chunk)
        part = values if n == 1 else [v[a:b] if len(v) == n else v for v in values]
        log_joint[a:b] = _log_joint(compiled.factors(part, observed), tree.scopes, full)
    return candidates, log_joint, winner


def most_probable(
    post: Posterior,
    nodes: str | Sequence[str] | None = None,
    k: int = 5,
    confidence: float = BAND,
) -> Table:
    """Return the most probable joint states of *nodes* given the evidence, with their bands.

    MAP over *nodes* (the unobserved hypotheses by default; the others summed
    out), MPE with ``nodes="all"``. The coherent ``P(x | E) = Σᵢ wᵢ P(x | E, θᵢ)``
    ranks the accounts; the band is the weighted central *confidence* interval
    of ``P(x | E, θᵢ)``; ``most probable in`` the weight of the draws where *x*
    is the per-draw most probable account. Definitions in ``docs/most-probable.md``.
    """
    k = check_count(k, "k")
    levels_c = check_confidence(confidence)
    model = post.model
    compiled = post.compiled
    observed = dict(post.observations)
    chosen = _account_nodes(post, nodes)
    hidden = [n for n in model.nodes if n not in observed]
    cards = [len(model.nodes[n].states) for n in chosen]
    size = math.prod(cards)
    every = compiled.nodes
    ev = post.evaluation
    together = ev.log_evidence if ev.values is compiled.values else None
    if together is None:
        together = compiled.kept_run(observed, every)[0]
    weights = normalised(together)
    if not np.all(np.isfinite(weights)):
        raise compiled.impossible(observed)
    if size <= MAX_ACCOUNTS:
        method = "enumerated"
        accounts = np.array(list(itertools.product(*(range(c) for c in cards))), dtype=np.intp)

        def joint(row: Any) -> Array:
            states = zip(chosen, row, strict=True)
            given = {**observed, **{n: model.nodes[n].states[s] for n, s in states}}
            return compiled.kept_run(given, every)[0]

        log_joint = np.stack([joint(row) for row in accounts], axis=1)  # (n, K)
        # per draw, the first of the most probable accounts (in the order of the states)
        winner = np.argmax(log_joint, axis=1)
    elif len(chosen) == len(hidden):
        method = "max-product"
        accounts, log_joint, winner = compiled.remember(
            ("most probable", tuple(sorted(observed.items()))),
            lambda: _max_product(compiled, observed, chosen),
        )
    else:
        raise ModelError(
            f"most_probable: the {len(chosen)} nodes {chosen} have {size:,} joint states, more "
            f"than the {MAX_ACCOUNTS:,} (MAX_ACCOUNTS) that can be enumerated; name fewer nodes, "
            "or take every unobserved node (nodes='all'), which max-product handles at any size"
        )
    finite = np.isfinite(together)
    with np.errstate(invalid="ignore", over="ignore"):
        per_draw = np.where(finite[:, None], np.exp(log_joint - together[:, None]), 0.0)
    per_draw = np.clip(per_draw, 0.0, 1.0)
    coherent_p = np.clip(weighted_sum(weights, per_draw), 0.0, 1.0)
    shares = np.bincount(winner, weights=weights, minlength=len(accounts))
    # highest first; ties go to the account first in the order of the states
    # (accounts the evidence rules out are left out)
    possible = [j for j in range(len(accounts)) if coherent_p[j] > 0.0]
    order = sorted(possible, key=lambda j: (-float(coherent_p[j]), tuple(accounts[j])))
    levels = [(1 - levels_c) / 2, (1 + levels_c) / 2]
    rows: list[dict[str, Any]] = []
    for rank, j in enumerate(order[:k], start=1):
        p = float(coherent_p[j])
        low, high = (float(x) for x in weighted_quantiles(per_draw[:, j], weights, levels))
        states = {
            name: (model.nodes[name].states[s] == "true")
            if model.nodes[name].binary
            else model.nodes[name].states[s]
            for name, s in zip(chosen, accounts[j], strict=True)
        }
        rows.append(
            {
                "rank": rank,
                "account": _account_label(model, chosen, accounts[j]),
                "probability": p,
                "band": (low, high),
                "shown band": f"{low:.3f}–{high:.3f}",
                "words": str(describe(p, scale=model.scale)),
                "most probable in": float(shares[j]),
                "states": states,
            }
        )
    if nodes is None:
        what = "the hypotheses"
    elif len(chosen) == len(hidden):
        what = "all unobserved nodes"
    else:
        what = ", ".join(chosen)
    best = rows[0]
    band_name = f"{round(100 * levels_c):g} % band"
    table = Table(
        ["rank", "account", "probability", band_name, "words", "most probable in"],
        [{**r, band_name: r["shown band"]} for r in rows],
        title=(
            f"The most probable account of {what}: {best['account']} "
            f"(P = {best['probability']:.3f}, {best['words']}; {band_name} "
            f"{best['band'][0]:.3f}–{best['band'][1]:.3f}; the most probable in "
            f"{100 * best['most probable in']:.0f} % of the draws)"
        ),
    )
    table.info.update(
        {
            "nodes": list(chosen),
            "mpe": len(chosen) == len(hidden),
            "method": method,
            "joint states": size,
            "candidates": len(accounts),
            "confidence": levels_c,
            "observed": observed,
            "best": best["states"],
            "probabilities": coherent_p,
            "accounts": [dict(r["states"]) for r in rows],
        }
    )
    return table
