"""Decisions: expected utilities with their bands, the break-even probability, value in utility.

A :class:`~likelihood._core.model.Decision` weighs its options by the joint
probability of the nodes its utilities depend on. For every draw θᵢ of the
judgments, ``EUᵢ(a) = Σₛ P(s | E, θᵢ) U(a, s)``; the coherent expected utility
is their average with the posterior weights ``wᵢ ∝ P(E | θᵢ)`` (the same
average as every coherent answer, so ``EU(a) = Σₛ P(s | E) U(a, s)``), the band
the weighted central interval of ``EUᵢ(a)``, and "best in" the weight of the
draws in which the option has the highest ``EUᵢ``. Definitions and the
references are in ``docs/decisions.md``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from likelihood._core.compiled import CompiledModel
from likelihood._core.evaluation import normalised, weighted_quantiles, weighted_sum
from likelihood._core.model import Decision, Model
from likelihood._core.names import suggest
from likelihood._core.table import Table
from likelihood._core.validate import check_confidence
from likelihood._defaults import BAND
from likelihood._exceptions import ModelError

if TYPE_CHECKING:
    from likelihood._core.posterior import Posterior

__all__ = [
    "break_even",
    "decide",
    "decision_of",
    "utility_text",
    "utility_value_of_information",
]

Array = NDArray[np.float64]

#: Two expected utilities closer than this (relative to the utilities' range) are a tie.
TIE = 1e-12


def utility_text(value: float) -> str:
    """Write a utility with three significant digits (whole numbers from 1000 on).

    Examples
    --------
    >>> from likelihood._core.decisions import utility_text
    >>> utility_text(2.7), utility_text(-12.345), utility_text(1234.5), utility_text(0.0)
    ('2.70', '-12.3', '1234', '0.00')
    """
    if not np.isfinite(value):
        return "n/a"
    if abs(value) >= 999.5:
        return f"{value:.0f}"
    if value != 0.0 and abs(value) < 0.01:
        return f"{value:.2g}"
    return f"{value:#.3g}".rstrip(".")


def decision_of(model: Model, name: str | None) -> Decision:
    """Return the decision called *name* (the model's only one when None), or a clear error."""
    decisions = model.decisions
    if not decisions:
        raise ModelError(
            "the model has no decision; add one with Model.decision(name, options=..., utility=...)"
        )
    if name is None:
        if len(decisions) > 1:
            raise ModelError(
                f"the model has {len(decisions)} decisions ({', '.join(decisions)}); name one"
            )
        return next(iter(decisions.values()))
    if name not in decisions:
        close = suggest(str(name), list(decisions))
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else "."
        raise ModelError(
            f"no decision {name!r} in the model{hint} Decisions: {', '.join(decisions)}"
        )
    return decisions[name]


def break_even(decision: Decision, model: Model) -> list[dict[str, Any]] | None:
    """Return where the best option changes as P(h) goes from 0 to 1, for one binary node h.

    With utilities that depend on one binary node ``h`` only, each option's
    expected utility is a line in ``p = P(h | E)``:
    ``EU(a) = p U(a, h) + (1 - p) U(a, ~h)``. The best option is the upper
    envelope of the lines; each point where it changes is a break-even
    probability. For two options ``a`` and ``b``, the one point
    ``p* = (U(b, ~h) - U(a, ~h)) / ((U(a, h) - U(a, ~h)) - (U(b, h) - U(b, ~h)))``
    when it lies strictly between 0 and 1.

    Returns
    -------
    list of dict or None
        One entry per change, in increasing ``probability``, with the option
        best ``below`` and ``above`` it (empty when one option is best at every
        probability); None when the utilities do not depend on exactly one
        binary node.
    """
    if len(decision.parents) != 1 or not model.nodes[decision.parents[0]].binary:
        return None
    table = decision.table()  # (options, 2): the states true, false
    slope = table[:, 0] - table[:, 1]
    start = table[:, 1]
    span = max(float(np.ptp(table)), 1.0)
    tie = TIE * span

    def best_at(p: float, among: Sequence[int]) -> int:
        values = [start[a] + p * slope[a] for a in among]
        top = max(values)
        # ties at p: the option that rises faster is the one best just after p
        level = [a for a, v in zip(among, values, strict=True) if v >= top - tie]
        return max(level, key=lambda a: (slope[a], -a))

    options = range(len(decision.options))
    changes: list[dict[str, Any]] = []
    p = 0.0
    here = best_at(0.0, options)
    while True:
        crossings = []
        for a in options:
            if slope[a] > slope[here] + tie:
                q = (start[here] - start[a]) / (slope[a] - slope[here])
                if p - tie < q < 1.0:
                    crossings.append((max(q, p), a))
        if not crossings:
            return changes
        q = min(c for c, _ in crossings)
        rising = [a for c, a in crossings if c <= q + tie]
        after = best_at(q, rising)
        if q > 0.0:
            changes.append(
                {
                    "probability": float(q),
                    "below": decision.options[here],
                    "above": decision.options[after],
                }
            )
        p, here = q, after


def _states(model: Model, parents: Sequence[str]) -> list[tuple[str, ...]]:
    return list(itertools.product(*(model.nodes[p].states for p in parents)))


def _joint(
    compiled: CompiledModel,
    model: Model,
    observed: dict[str, str],
    parents: Sequence[str],
) -> Array:
    """Per draw, ``log P(s, E | θᵢ)`` for every joint state s of *parents*: shape ``(n, K)``."""
    every = compiled.nodes
    columns = []
    for key in _states(model, parents):
        given = dict(observed)
        possible = True
        for parent, state in zip(parents, key, strict=True):
            if given.get(parent, state) != state:
                possible = False
            given[parent] = state
        if possible:
            columns.append(compiled.kept_run(given, every)[0])
        else:
            columns.append(np.full(compiled.n, -np.inf))
    return np.stack(columns, axis=1)


def _conditional(log_joint: Array, together: Array) -> Array:
    """Per draw, ``P(s | E, θᵢ)`` from the logs of ``P(s, E | θᵢ)`` and ``P(E | θᵢ)``."""
    finite = np.isfinite(together)
    with np.errstate(invalid="ignore", over="ignore"):
        p = np.where(finite[:, None], np.exp(log_joint - together[:, None]), 0.0)
    return np.clip(p, 0.0, 1.0)


def _together(post: Posterior) -> tuple[Array, Array]:
    """Per draw ``log P(E | θᵢ)`` and the posterior weights."""
    compiled = post.compiled
    ev = post.evaluation
    together = ev.log_evidence if ev.values is compiled.values else None
    if together is None:
        together = compiled.kept_run(dict(post.observations), compiled.nodes)[0]
    weights = normalised(together)
    if not np.all(np.isfinite(weights)):
        raise compiled.impossible(dict(post.observations))
    return together, weights


def _first_best(values: Array, span: float) -> NDArray[np.intp]:
    """Per row, the first option within a tie of the highest value."""
    top = values.max(axis=-1, keepdims=True)
    best: NDArray[np.intp] = np.argmax(values >= top - TIE * span, axis=-1)
    return best


def _nearest_word(decision: Decision, value: float) -> str:
    if decision.scale is None:
        return ""
    word, _ = min(decision.scale, key=lambda pair: abs(pair[1] - value))
    return word


def decide(post: Posterior, name: str | None = None, confidence: float = BAND) -> Table:
    """Return the options of a decision by expected utility, with bands and the break-even."""
    levels_c = check_confidence(confidence)
    model = post.model
    decision = decision_of(model, name)
    observed = dict(post.observations)
    together, weights = _together(post)
    utility = decision.table().reshape(len(decision.options), -1)  # (A, K)
    span = max(float(np.ptp(utility)), 1.0)
    if decision.parents:
        per_state = _conditional(
            _joint(post.compiled, model, observed, decision.parents), together
        )  # (n, K)
    else:
        per_state = np.ones((len(together), 1))
    per_draw = per_state @ utility.T  # (n, A)
    coherent_state = weighted_sum(weights, per_state)  # (K,)
    coherent = weighted_sum(weights, per_draw)  # (A,)
    best = int(_first_best(coherent, span))
    winners = _first_best(per_draw, span)
    shares = np.bincount(winners, weights=weights, minlength=len(decision.options))
    shares = np.where(np.abs(shares - 1.0) < 1e-9, 1.0, np.where(shares < 1e-12, 0.0, shares))
    levels = [(1 - levels_c) / 2, (1 + levels_c) / 2]
    band_name = f"{round(100 * levels_c):g} % band"
    rows: list[dict[str, Any]] = []
    for a, option in enumerate(decision.options):
        low, high = (float(x) for x in weighted_quantiles(per_draw[:, a], weights, levels))
        row = {
            "option": option,
            "expected utility": float(coherent[a]),
            "band": (low, high),
            band_name: f"{utility_text(low)} to {utility_text(high)}",
            "best in": float(shares[a]),
            "best": a == best,
        }
        if decision.scale is not None:
            row["nearest word"] = _nearest_word(decision, float(coherent[a]))
        rows.append(row)
    perfect = float(coherent_state @ utility.max(axis=0)) - float(coherent[best])
    even = break_even(decision, model)
    columns = ["option", "expected utility", band_name, "best in"]
    if decision.scale is not None:
        columns.insert(2, "nearest word")
    top = rows[best]
    title = (
        f"Decision {decision.name}: {top['option']} is best (expected utility "
        f"{utility_text(top['expected utility'])}, {band_name} {top[band_name]}; the best in "
        f"{100 * top['best in']:.0f} % of the draws)"
    )
    hypothesis = decision.parents[0] if even is not None else None
    now = float(coherent_state[0]) if hypothesis is not None else None
    if even is not None and hypothesis is not None:
        if even:
            shown = "; ".join(
                f"{e['below']} below P({hypothesis}) = {e['probability']:.3f}, {e['above']} above"
                for e in even
            )
            title += f". Break-even: {shown} (now {now:.3f})"
        else:
            title += f". {top['option']} is best at every P({hypothesis})"
    table = Table(columns, rows, title=title)
    table.info.update(
        {
            "decision": decision.name,
            "options": list(decision.options),
            "parents": list(decision.parents),
            "best": top["option"],
            "expected": {r["option"]: r["expected utility"] for r in rows},
            "shares": {r["option"]: r["best in"] for r in rows},
            "break even": even,
            "hypothesis": hypothesis,
            "probability": now,
            "perfect information": max(perfect, 0.0),
            "confidence": levels_c,
            "observed": observed,
            "draws": per_draw,
        }
    )
    return table


def _relevant(model: Model, decision: Decision, observed: dict[str, str]) -> list[str]:
    """Return the unobserved evidence and report nodes connected to what the decision weighs."""
    keep = set(model.ancestors([*decision.parents, *observed]))
    out = []
    for other, node in model.nodes.items():
        # the decision's own nodes count too when they can be observed (evidence, reports)
        if other in observed or node.role == "hypothesis" or node.soft is not None:
            continue
        if set(model.ancestors([other])) & keep:
            out.append(other)
    return out


def utility_value_of_information(post: Posterior, name: str, confidence: float = BAND) -> Table:
    """For each unobserved evidence or report node: the utility its observation would add."""
    levels_c = check_confidence(confidence)
    model = post.model
    decision = decision_of(model, name)
    compiled = post.compiled
    observed = dict(post.observations)
    together, weights = _together(post)
    utility = decision.table().reshape(len(decision.options), -1)  # (A, K)
    span = max(float(np.ptp(utility)), 1.0)
    if decision.parents:
        now_state = _conditional(_joint(compiled, model, observed, decision.parents), together)
    else:
        now_state = np.ones((len(together), 1))
    now_draw = now_state @ utility.T  # (n, A)
    now_best = float(weighted_sum(weights, now_draw).max())
    now_each = now_draw.max(axis=1)
    levels = [(1 - levels_c) / 2, (1 + levels_c) / 2]
    band_name = f"{round(100 * levels_c):g} % band"
    best_now = decision.options[int(_first_best(weighted_sum(weights, now_draw), span))]
    rows: list[dict[str, Any]] = []
    for other in _relevant(model, decision, observed):
        node = model.nodes[other]
        after_sum = 0.0
        after_each = np.zeros(len(together))
        chosen: dict[str, str] = {}
        for state in node.states:
            seen = {**observed, other: state}
            if decision.parents:
                joint = _conditional(_joint(compiled, model, seen, decision.parents), together)
            else:
                joint = _conditional(compiled.kept_run(seen, compiled.nodes)[0][:, None], together)
            # per draw P(s, x | E, θᵢ); the utility of each option if x is seen, unnormalised
            value = joint @ utility.T  # (n, A)
            if not np.any(joint.sum(axis=1) > 0):
                continue
            coherent = weighted_sum(weights, value)
            after_sum += float(coherent.max())
            after_each += value.max(axis=1)
            chosen[state] = decision.options[int(_first_best(coherent, span))]
        gain = after_sum - now_best
        gain = 0.0 if gain < 1e-9 * span else gain  # rounding, not value
        each = np.maximum(after_each - now_each, 0.0)
        low, high = (float(x) for x in weighted_quantiles(each, weights, levels))
        changes = len(set(chosen.values())) > 1
        rows.append(
            {
                "evidence": other,
                "value": gain,
                "band": (low, high),
                band_name: f"{utility_text(low)} to {utility_text(high)}",
                "changes the decision": "yes" if changes else "no",
                "best if seen": chosen,
                "text": node.text,
            }
        )
    rows.sort(key=lambda r: -r["value"])
    state_p = weighted_sum(weights, now_state)
    perfect = float(state_p @ utility.max(axis=0)) - now_best
    table = Table(
        ["evidence", "value", band_name, "changes the decision", "text"],
        rows,
        title=(
            f"What to collect next for decision {decision.name} (now: {best_now}, expected "
            f"utility {utility_text(now_best)}; perfect information on "
            f"{', '.join(decision.parents) or 'nothing'} would add "
            f"{utility_text(max(perfect, 0.0))})"
        ),
    )
    table.info.update(
        {
            "decision": decision.name,
            "best": best_now,
            "expected utility": now_best,
            "perfect information": max(perfect, 0.0),
            "confidence": levels_c,
        }
    )
    return table
