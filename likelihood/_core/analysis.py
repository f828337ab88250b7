"""What would change my mind: sensitivity, attribution, flips, value of information, ACH.

Every analysis re-runs the batched exact engine on the same draws θᵢ of the
judgments (for a PyMC posterior, on fresh draws from the judgments, seeded), so
that differences between variants are not Monte Carlo noise. Definitions are in
``docs/analysis.md``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from likelihood._core.describe import describe
from likelihood._core.engine import Engine, draw_parameters
from likelihood._core.judgment import Judgment, judge
from likelihood._core.model import Dirichlet, Model, Source, _grade_judgment, _LogUniformRatio
from likelihood._core.scales import Scale
from likelihood._core.scales import scale as get_scale
from likelihood._core.table import ACH, Table
from likelihood._exceptions import ModelError

if TYPE_CHECKING:
    from likelihood._core.posterior import Posterior

__all__ = ["ach", "attribution", "flips", "sensitivity", "value_of_information"]

Array = NDArray[np.float64]

#: Draws of the judgments for analyses of a PyMC posterior (which has no prior draws).
PRIOR_DRAWS = 20_000
#: Base draws of the Saltelli / Jansen estimators of the Sobol indices.
SOBOL_DRAWS = 4096
#: ACH ratings by log10 likelihood ratio: C at or above log10 2, I at or below -log10 2,
#: II at or below -1 (a ratio of 1/10); N (neutral) in between.
ACH_CONSISTENT = math.log10(2.0)
ACH_VERY_INCONSISTENT = -1.0


# -- the shared machinery ------------------------------------------------------------------


def _prior_draws(post: Posterior) -> tuple[list[Array], int]:
    """Draws θᵢ ~ p(θ) with the posterior's engine: the exact engine's own, or fresh ones."""
    if post.method == "exact":
        return list(post._values), post.draws
    rng = np.random.default_rng(post.seed)
    n = PRIOR_DRAWS if post._engine.uncertain else 1
    return draw_parameters(post._engine.parameters, n, rng), n


def _answer(
    post: Posterior,
    values: Sequence[Array],
    n: int,
    observed: dict[str, str],
    node: str,
    state: int,
    engine: Engine | None = None,
) -> float:
    """Return the coherent P(node = state | observed) for the draws *values*.

    *engine* defaults to the posterior's own; NaN when the observations are
    impossible under every draw.
    """
    log_e, marginals = (engine or post._engine).run(values, n, observed)
    if np.all(np.isneginf(log_e)):
        return math.nan
    w = np.exp(log_e - np.max(log_e))
    # The weighted mean of probabilities can stray past 1 by a rounding error.
    return min(max(float(np.dot(w, marginals[node][:, state]) / w.sum()), 0.0), 1.0)


def _target(post: Posterior, name: str) -> tuple[str, int]:
    node, state = post._resolve(name)
    if state is None:
        states = post.model.nodes[node].states
        raise ModelError(
            f"{node!r} has the states {', '.join(states)}; "
            f"name one of them, e.g. {node}={states[0]}"
        )
    return node, state


def _quantile(distribution: Any, q: float) -> Array:
    """Hold the parameter at its q-quantile, as the engine takes it: shape (1,) or (1, k)."""
    if isinstance(distribution, Judgment):
        return np.array([distribution.ppf(q)])
    if isinstance(distribution, _LogUniformRatio):
        return np.array([distribution.ppf(q)])
    assert isinstance(distribution, Dirichlet)
    from scipy import stats

    alpha = distribution.alpha
    first = float(stats.beta.ppf(q, alpha[0], alpha.sum() - alpha[0]))
    rest = alpha[1:] / alpha[1:].sum() * (1.0 - first)
    return np.concatenate([[first], rest])[None, :]


# -- sensitivity -------------------------------------------------------------------------------


def sensitivity(post: Posterior, name: str) -> Table:
    """P(name | E) with each judgment held at its 5th and its 95th percentile."""
    node, state = _target(post, name)
    values, n = _prior_draws(post)
    observed = dict(post._observed)
    base = _answer(post, values, n, observed, node, state)
    rows: list[dict[str, Any]] = []
    for j, parameter in enumerate(post._engine.parameters):
        if parameter.is_fixed:
            continue
        ends = []
        for q in (0.05, 0.95):
            held = list(values)
            held[j] = _quantile(parameter.distribution, q)
            ends.append(_answer(post, held, n, observed, node, state))
        rows.append(
            {
                "judgment": parameter.label,
                "node": parameter.node or "",
                "condition": parameter.condition or "",
                "written": parameter.written,
                "at 5 %": ends[0],
                "at 95 %": ends[1],
                "swing": abs(ends[1] - ends[0]),
            }
        )
    rows.sort(key=lambda r: -r["swing"])
    table = Table(
        ["judgment", "written", "at 5 %", "at 95 %", "swing"],
        rows,
        title=(
            f"Sensitivity of P({name} | E) = {base:.3f} to each judgment, "
            "held at its 5th and 95th percentile"
        ),
    )
    table.info["baseline"] = base
    return table


# -- attribution (Sobol indices) ------------------------------------------------------------------


def _posterior_marginal(
    values: Array, weights: Array, size: int, rng: np.random.Generator
) -> Array:
    """Draws from one parameter's posterior marginal (its weighted draws, resampled)."""
    if len(values) == 1:
        return values
    return values[rng.choice(len(values), size=size, p=weights)]


def attribution(post: Posterior, name: str, draws: int = SOBOL_DRAWS) -> Table:
    """First-order and total Sobol indices of the band's variance, per judgment."""
    node, state = _target(post, name)
    values, n = _prior_draws(post)
    observed = dict(post._observed)
    log_e, _ = post._engine.run(values, n, observed)
    weights = np.exp(log_e - np.max(log_e))
    weights /= weights.sum()
    rng = np.random.default_rng(post.seed if post.seed is not None else 0)
    uncertain = [j for j, p in enumerate(post._engine.parameters) if not p.is_fixed]
    a = [_posterior_marginal(v, weights, draws, rng) for v in values]
    b = [_posterior_marginal(v, weights, draws, rng) for v in values]

    def output(sample: Sequence[Array]) -> Array:
        _, marginals = post._engine.run(sample, draws, observed)
        return np.asarray(marginals[node][:, state])

    y_a, y_b = output(a), output(b)
    both = np.concatenate([y_a, y_b])
    variance = float(np.var(both))
    # Centring f(B) on the mean (Sobol 2001) keeps the first-order estimator's variance from
    # growing with the square of the mean: answers near 0 or 1 would otherwise swamp it.
    centred = y_b - float(np.mean(both))
    rows: list[dict[str, Any]] = []
    for j in uncertain:
        parameter = post._engine.parameters[j]
        mixed = list(a)
        mixed[j] = b[j]
        y_ab = output(mixed)
        if variance > 0:
            first = float(np.mean(centred * (y_ab - y_a)) / variance)  # Saltelli (2010)
            total = float(np.mean((y_a - y_ab) ** 2) / 2.0 / variance)  # Jansen (1999)
        else:
            first = total = 0.0
        rows.append(
            {
                "judgment": parameter.label,
                "node": parameter.node or "",
                "condition": parameter.condition or "",
                "written": parameter.written,
                "first order": first,
                "total": total,
            }
        )
    rows.sort(key=lambda r: -r["total"])
    table = Table(
        ["judgment", "written", "first order", "total"],
        rows,
        title=f"Share of the variance of P({name} | E, θ) ({variance:.3g}) due to each judgment",
    )
    table.info["variance"] = variance
    return table


# -- what would change my mind ------------------------------------------------------------------


def _ladder(sc: Scale) -> list[str]:
    """Order the scale's terms from least to most probable (by the middle of their ranges)."""
    terms = [t for t in sc.terms if t.range is not None and not t.uncertain]
    return [t.name for t in sorted(terms, key=lambda t: ((t.lower or 0) + (t.upper or 0)) / 2)]


def _steps(word: str, scale_name: str) -> list[tuple[str, str]]:
    """One step down and one up the scale from *word*: [(direction, new word)]."""
    sc = get_scale(scale_name)
    ladder = _ladder(sc)
    here = sc[word].name
    if here not in ladder:
        return []
    i = ladder.index(here)
    out = []
    if i > 0:
        out.append(("down", ladder[i - 1]))
    if i + 1 < len(ladder):
        out.append(("up", ladder[i + 1]))
    return out


def _variants(model: Model) -> list[tuple[str, str, Model]]:
    """Every one-step change in the analyst's own terms: (what, change, the changed model)."""
    out: list[tuple[str, str, Model]] = []
    for name, node in model.nodes.items():
        for k, row in enumerate(node.rows):
            if not isinstance(row.value, Judgment) or row.value.origin.kind != "term":
                continue
            origin = row.value.origin
            assert origin.term is not None and origin.scale is not None
            label = f"{name} | {row.condition}" if row.condition else name
            for _, word in _steps(origin.term, origin.scale):
                changed = model.copy()
                new_rows = list(node.rows)
                new_value = judge(word, scale=origin.scale)
                new_rows[k] = dataclasses.replace(row, value=new_value, written=word)
                changed._nodes[name] = dataclasses.replace(node, rows=tuple(new_rows))
                out.append((label, f"{origin.term} → {word}", changed))
        if node._ratio is not None and isinstance(node.strength, str):
            enfsi = get_scale("enfsi")
            order = [t.name for t in enfsi.terms]
            here = enfsi[node.strength].name
            i = order.index(here)
            for j in (i - 1, i + 1):
                if 0 <= j < len(order):
                    changed = model.copy()
                    lo, hi = enfsi[order[j]].range  # type: ignore[misc]
                    ratio = _LogUniformRatio(lo, hi if math.isfinite(hi) else 10 * lo)
                    changed._nodes[name] = dataclasses.replace(
                        node, strength=order[j], _ratio=ratio
                    )
                    out.append((f"{name}: strength", f"{here} → {order[j]}", changed))
    for name, state in model._observed.items():
        node = model.nodes[name]
        for other in node.states:
            if other == state:
                continue
            changed = model.copy()
            changed._observed[name] = other
            shown_old = (state == "true") if node.binary else state
            shown_new = (other == "true") if node.binary else other
            out.append((f"observation {name}", f"{shown_old} → {shown_new}", changed))
    grades = "ABCDEF"
    for name, source in model.sources.items():
        if source.grade is None or source.grade not in grades:
            continue
        i = grades.index(source.grade)
        for j in (i - 1, i + 1):
            if 0 <= j < len(grades):
                changed = model.copy()
                regraded = Source(
                    name, _grade_judgment(grades[j]), grades[j], grades[j], source.text
                )
                changed._sources[name] = regraded
                out.append((f"source {name}", f"grade {source.grade} → {grades[j]}", changed))
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
    node, state = _target(post, name)
    model = post.model
    base_words = describe(post.probability(name), scale=model.scale)
    # Common random numbers: a judgment the variant leaves alone keeps the draws the answer
    # was computed with, so that the difference between a variant and the answer is the
    # change, not Monte Carlo noise; only the changed judgment is drawn afresh.
    base_values, base_n = _prior_draws(post)
    drawn = {
        p.label: (p.distribution, v)
        for p, v in zip(post._engine.parameters, base_values, strict=True)
    }
    rows: list[dict[str, Any]] = []
    for what, change, variant in _variants(model):
        engine = Engine(variant, model.ancestors([node, *variant._observed]))
        n = base_n if base_n > 1 else (PRIOR_DRAWS if engine.uncertain else 1)
        rng = np.random.default_rng(post.seed if post.seed is not None else 0)
        fresh = draw_parameters(engine.parameters, n, rng)
        values = [
            drawn[p.label][1] if p.label in drawn and drawn[p.label][0] is p.distribution else new
            for p, new in zip(engine.parameters, fresh, strict=True)
        ]
        p = _answer(post, values, n, dict(variant._observed), node, state, engine)
        if math.isnan(p):
            continue
        words = describe(p, scale=model.scale)
        rows.append(
            {
                "input": what,
                "change": change,
                "probability": p,
                "words": str(words),
                "flips": _flipped(base_words, words),
            }
        )
    rows.sort(key=lambda r: (not r["flips"], -abs(r["probability"] - post.probability(name))))
    flipped = [r for r in rows if r["flips"]]
    title = (
        f"What would change my mind about {name} (now {base_words}, {post.probability(name):.3f})"
    )
    if not flipped:
        title += ": none within one step"
    table = Table(["input", "change", "probability", "words", "flips"], rows, title=title)
    table.info["baseline"] = str(base_words)
    table.info["flips"] = flipped
    return table


# -- value of information -----------------------------------------------------------------------


def _entropy(p: Array) -> float:
    p = p[p > 0]
    return float(-np.sum(p * np.log2(p)))


def value_of_information(post: Posterior, name: str) -> Table:
    """For each unobserved evidence or report node: the expected change and information gain."""
    node, _ = post._resolve(name)
    model = post.model
    values, n = _prior_draws(post)
    observed = dict(post._observed)
    log_e, marginals = post._engine.run(values, n, observed)
    w = np.exp(log_e - np.max(log_e))
    w /= w.sum()
    now = w @ marginals[node]
    states = model.nodes[node].states
    target = 0 if model.nodes[node].binary else None
    rows: list[dict[str, Any]] = []
    for other, candidate in model.nodes.items():
        if other in observed or other == node or candidate.role == "hypothesis":
            continue
        if other not in post._engine.index:
            continue
        predictive = w @ marginals[other]
        change = 0.0
        remaining = 0.0
        for k, value in enumerate(candidate.states):
            if predictive[k] <= 0:
                continue
            log_x, marginals_x = post._engine.run(values, n, {**observed, other: value})
            wx = np.exp(log_x - np.max(log_x))
            wx /= wx.sum()
            after = wx @ marginals_x[node]
            shift = (
                abs(after[target] - now[target])
                if target is not None
                else 0.5 * float(np.abs(after - now).sum())
            )
            change += predictive[k] * shift
            remaining += predictive[k] * _entropy(after)
        rows.append(
            {
                "evidence": other,
                "text": candidate.text,
                "expected change": float(change),
                "information (bits)": _entropy(now) - float(remaining),
            }
        )
    rows.sort(key=lambda r: -r["information (bits)"])
    shown = (
        f"P({name} | E) = {now[target]:.3f}"
        if target is not None
        else f"{name} ({', '.join(states)})"
    )
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


def ach(post: Posterior, hypotheses: str | Sequence[str] | None = None) -> ACH:
    """Heuer's analysis of competing hypotheses against the observed evidence."""
    model = post.model
    if hypotheses is None:
        several = [n for n, x in model.nodes.items() if x.role == "hypothesis" and not x.binary]
        if len(several) == 1:
            hypotheses = several[0]
        else:
            hypotheses = [
                n
                for n, x in model.nodes.items()
                if x.role == "hypothesis" and x.binary and n not in model._observed
            ]
    if isinstance(hypotheses, str):
        node = model.node(hypotheses)
        if node.binary:
            raise ModelError(
                f"{node.name!r} is binary; compete several binary hypotheses by listing them"
            )
        columns = [(f"{node.name}={s}", {node.name: s}, node.name) for s in node.states]
    else:
        columns = []
        for h in hypotheses:
            node = model.node(h)
            if not node.binary:
                raise ModelError(
                    f"{node.name!r} has several states; pass it alone to compare its states"
                )
            columns.append((node.name, {node.name: "true"}, node.name))
    if len(columns) < 2:
        raise ModelError("ACH needs at least two competing hypotheses")
    names = {c[2] for c in columns}
    items = [e for e in model._observed if e not in names]
    if not items:
        raise ModelError("ACH needs observed evidence: observe some evidence first")
    engine = Engine(model, list(model.nodes))
    rng = np.random.default_rng(post.seed if post.seed is not None else 0)
    n = PRIOR_DRAWS if engine.uncertain else 1
    values = draw_parameters(engine.parameters, n, rng)

    def probability(observed: dict[str, str]) -> float:
        log_e, _ = engine.run(values, n, observed)
        return float(np.mean(np.exp(log_e)))

    prior = {label: probability(cond) for label, cond, _ in columns}
    likelihoods: dict[str, dict[str, float]] = {}
    ratios: dict[str, dict[str, float]] = {}
    ratings: dict[str, dict[str, str]] = {}
    diagnosticity: dict[str, float] = {}
    for item in items:
        state = model._observed[item]
        likelihoods[item] = {}
        complement: dict[str, float] = {}
        for label, cond, node_name in columns:
            joint = probability({**cond, item: state})
            likelihoods[item][label] = joint / prior[label] if prior[label] > 0 else math.nan
            if len(names) == 1:  # states of one node: "not h" is the other states
                continue
            opposite = {node_name: "false"}
            p_not = probability(opposite)
            complement[label] = (
                probability({**opposite, item: state}) / p_not if p_not > 0 else math.nan
            )
        ratios[item] = {}
        ratings[item] = {}
        for label, _, _ in columns:
            if len(names) == 1:
                others = [other for other, _, _ in columns if other != label]
                weight = sum(prior[o] for o in others)
                against = sum(likelihoods[item][o] * prior[o] for o in others) / weight
            else:
                against = complement[label]
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
    return table
