"""The answer of an engine: coherent probabilities, their bands, words and confidence.

For each node X two things are kept apart (see ``docs/engine.md``):

1. the coherent probability ``P(X | E) = ∫ P(X | E, θ) p(θ | E) dθ`` with its
   Monte Carlo standard error; and
2. the spread of ``P(X | E, θ)`` over ``p(θ | E)`` — the band — which says how
   firm that number is and gives the analytic-confidence level.

Below ``MIN_EFFECTIVE_DRAWS`` (100) effective draws of uncertain judgments there
is no band worth reading: the band and the Monte Carlo error are NaN and the
confidence is ``"unknown"`` (the coherent probability is still given).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray

from likelihood._core.describe import Description, describe
from likelihood._core.evaluation import (
    Evaluation,
    monte_carlo_error,
    weighted_quantiles,
    weighted_sum,
)
from likelihood._core.scales import Scale
from likelihood._core.validate import check_confidence
from likelihood._defaults import BAND, MIN_EFFECTIVE_DRAWS
from likelihood._exceptions import ConditionError

if TYPE_CHECKING:
    import xarray as xr

    from likelihood._core.compiled import CompiledModel
    from likelihood._core.model import Model
    from likelihood._core.table import ACH, Table

__all__ = ["CONFIDENCE_LEVELS", "Posterior", "confidence", "effective_draws"]

Array = NDArray[np.float64]
Confidence = Literal["high", "moderate", "low", "unknown"]

#: The quantile levels of the band.
BAND_LEVELS = ((1.0 - BAND) / 2.0, (1.0 + BAND) / 2.0)
#: Analytic confidence by the number of the scale's terms the 90 % band reaches.
CONFIDENCE_LEVELS: dict[int, Confidence] = {1: "high", 2: "moderate"}


def _terms_reached(sc: Scale, lo: float, hi: float) -> list[str]:
    """Return the scale's terms that describe some probability in [lo, hi], in order."""
    if sc.describe_rule == "range":
        ends = {lo, hi}
        for t in sc.terms:
            for end in (t.lower, t.upper):
                if end is not None and lo < end < hi:
                    ends.add(end)
        points = sorted(ends)
        points += [(a + b) / 2 for a, b in zip(points, points[1:], strict=False)]
    else:
        points = list(np.linspace(lo, hi, 201))
    reached: list[str] = []
    for p in sorted(points):
        d = describe(float(p), scale=sc)
        if d.relation in ("within", "reading") and str(d) not in reached:
            reached.append(str(d))
    return reached


def effective_draws(evaluation: Evaluation) -> float:
    """Return the effective draws of the uncertain judgments behind an answer.

    ``inf`` when no judgment is uncertain (the answer is exact); otherwise the
    effective sample size, and never more than the draws themselves (one draw
    of uncertain judgments is one effective draw).

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.posterior import effective_draws
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.3)
    >>> effective_draws(m.infer().evaluation)
    inf
    >>> m.hypothesis("g", prior="likely")
    >>> effective_draws(m.compile(draws=1, seed=0).evaluate())
    1.0
    """
    if all(p.is_fixed for p in evaluation.parameters):
        return math.inf
    return float(min(evaluation.ess, evaluation.n))


def _has_band(evaluation: Evaluation) -> bool:
    """Whether an answer has a band worth reading: enough effective draws (or nothing uncertain)."""
    return not effective_draws(evaluation) < MIN_EFFECTIVE_DRAWS


def confidence(sc: Scale, lo: float, hi: float) -> Confidence:
    """Analytic confidence of a band on a scale: how many of its terms the band reaches.

    One term (or a band inside a gap between terms): ``"high"``; two: ``"moderate"``;
    three or more: ``"low"``; no band (NaN ends, too few effective draws):
    ``"unknown"``. The levels are those of ICD 203 (high, moderate, low);
    reading them from the band is this library's rule (``docs/engine.md``).

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.posterior import confidence
    >>> phia = lk.scale("phia")
    >>> confidence(phia, 0.12, 0.18), confidence(phia, 0.15, 0.3), confidence(phia, 0.1, 0.7)
    ('high', 'moderate', 'low')
    >>> confidence(phia, float("nan"), float("nan"))
    'unknown'
    """
    if math.isnan(lo) or math.isnan(hi):
        return "unknown"
    count = max(1, len(_terms_reached(sc, lo, hi)))
    return CONFIDENCE_LEVELS.get(count, "low")


class Posterior:
    """What the model says after the evidence: numbers, bands and words for every node.

    Made by :meth:`Model.infer`. A binary node's probability is ``P(true | E)``;
    a node with several states gives ``{state: probability}``. Every method that
    takes a node also takes ``"node=state"``.

    Attributes
    ----------
    model : Model
        The model as it was when inferred (a copy).
    draws : int
        Parameter draws evaluated (1 for a model without uncertain judgments).
    ess : float
        Effective sample size: of the importance weights, ``1 / Σ wᵢ²``, for the
        exact engine (``inf`` when nothing is uncertain); the smallest bulk ESS of
        the nodes' probabilities for the PyMC engine.
    method : str
        The engine: ``"exact"`` or ``"pymc"``.
    diagnostics : dict
        The PyMC engine's R-hat (largest), ESS (smallest), divergences and chains.
    seed : int or None
        The seed of the draws (an int for every run of the exact engine).
    evaluation : Evaluation
        The engine's record: draws, weights, ``log P(E | θ)`` and every node's
        ``P(X | E, θ)``; every analysis, plot, report and export reads it.
    compiled : CompiledModel
        The compiled model behind the analyses (the same draws for the exact engine).

    Examples
    --------
    >>> import likelihood as lk
    >>> m = lk.Model(title="Cab problem")
    >>> m.hypothesis("blue", prior=0.15, text="The cab was blue")
    >>> m.evidence("says_blue", given={"blue": 0.8, "~blue": 0.2}, observed=True)
    >>> post = m.infer()
    >>> round(post.probability("blue"), 4)
    0.4138
    >>> post.describe("blue")
    'realistic possibility'
    """

    def __init__(
        self,
        model: Model,
        evaluation: Evaluation,
        compiled: CompiledModel,
        nodes: Sequence[str] | None = None,
    ) -> None:
        self.model = model
        self.evaluation = evaluation
        self.compiled = compiled
        self.draws = evaluation.n
        self.seed = evaluation.seed
        self.method = evaluation.method
        self.ess = evaluation.ess
        self.diagnostics = dict(evaluation.diagnostics)
        chosen = set(model.nodes if nodes is None else nodes)
        self._shown = tuple(n for n in model.nodes if n in chosen)
        self._prior: Posterior | None = None

    # -- addressing -----------------------------------------------------------------------

    @property
    def nodes(self) -> tuple[str, ...]:
        """The nodes this posterior answers for."""
        return self._shown

    @property
    def weights(self) -> Array:
        """The normalised importance weights ``wᵢ ∝ P(E | θᵢ)`` of the draws."""
        return self.evaluation.weights

    @property
    def observations(self) -> dict[str, str]:
        """The observations, ``{node: state}`` (states as strings, ``"true"`` for a binary node).

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=False)
        >>> m.infer().observations
        {'e': 'false'}
        """
        return dict(self.evaluation.observed)

    @property
    def prior(self) -> Posterior:
        """The same model and draws without the observations: the answer before the evidence.

        Computed once (one batched evaluation) and kept.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("blue", prior=0.15)
        >>> m.evidence("says_blue", given={"blue": 0.8, "~blue": 0.2}, observed=True)
        >>> post = m.infer()
        >>> round(post.prior.probability("blue"), 2), round(post.probability("blue"), 4)
        (0.15, 0.4138)
        """
        if self._prior is None:
            evaluation = self.compiled.evaluate({})
            self._prior = Posterior(self.model, evaluation, self.compiled, nodes=self._shown)
        return self._prior

    def resolve(self, name: str) -> tuple[str, int | None]:
        """Return ``(node, state index)`` for ``"node"`` or ``"node=state"``.

        See :meth:`Model.resolve`.

        Parameters
        ----------
        name : str

        Returns
        -------
        tuple of (str, int or None)

        Raises
        ------
        ConditionError
            The node was not part of this posterior's query.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("x", states=["a", "b"], prior={"a": 0.5, "b": 0.5})
        >>> m.infer().resolve("x=b")
        ('x', 1)
        """
        node, state = self.model.resolve(name)
        if node not in self._shown:
            raise ConditionError(
                f"{node!r} was not part of the query of this posterior; infer it with query="
                f"[..., {node!r}] or without a query"
            )
        return node, state

    def values(self, name: str) -> Array:
        """Return ``P(X | E, θᵢ)`` for every draw: shape ``(draws, states)``.

        Parameters
        ----------
        name : str
            A node.

        Returns
        -------
        numpy.ndarray

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=lk.judge(beta=(2, 2)))
        >>> m.infer(draws=100, seed=0).values("h").shape
        (100, 2)
        """
        node, _ = self.resolve(name)
        return np.asarray(self.evaluation.marginals[node])

    def _per_state(self, name: str, fn: Any) -> Any:
        node, state = self.resolve(name)
        values = self.evaluation.marginals[node]
        if state is not None:
            return fn(values[:, state])
        return {s: fn(values[:, i]) for i, s in enumerate(self.model.nodes[node].states)}

    # -- numbers -------------------------------------------------------------------------

    def probability(self, name: str) -> Any:
        """Return the coherent probability ``P(X | E)``.

        Parameters
        ----------
        name : str
            A node (``float`` for a binary node, ``{state: float}`` otherwise),
            or ``"node=state"`` (a float).

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("intent", states=["attack", "feint"],
        ...              prior={"attack": 0.25, "feint": 0.75})
        >>> post = m.infer()
        >>> post.probability("intent"), post.probability("intent=attack")
        ({'attack': 0.25, 'feint': 0.75}, 0.25)
        """
        node, state = self.resolve(name)
        values = self.evaluation.coherent(node)
        if state is not None:
            return float(values[state])
        return {s: float(values[i]) for i, s in enumerate(self.model.nodes[node].states)}

    def interval(self, name: str, confidence: float = BAND) -> Any:
        """Return the band: the central interval of ``P(X | E, θ)`` over ``p(θ | E)``.

        Weighted quantiles of the draws' probabilities; ``(p, p)`` when no
        judgment is uncertain; ``(nan, nan)`` when fewer than 100 effective draws
        (``MIN_EFFECTIVE_DRAWS``) of uncertain judgments give no band worth reading.

        Parameters
        ----------
        name : str
            A node, or ``"node=state"``.
        confidence : float, default 0.9
            The central share of the draws' weight that the band holds.

        Returns
        -------
        tuple of float or dict of str to tuple of float
            (lower, upper), or {state: (lower, upper)} for a node with states.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> lo, hi = m.infer(draws=2000, seed=3).interval("h", 0.9)
        >>> bool(0.5 < lo < hi < 0.8)
        True
        """
        c = check_confidence(confidence)
        levels = [(1 - c) / 2, (1 + c) / 2]
        w = self.weights
        node, _ = self.resolve(name)
        if node not in self.evaluation.observed and not _has_band(self.evaluation):
            return self._per_state(name, lambda v: (math.nan, math.nan))
        return self._per_state(
            name, lambda v: tuple(float(x) for x in weighted_quantiles(v, w, levels))
        )

    def mcse(self, name: str) -> Any:
        """Return the Monte Carlo standard error of :meth:`probability`.

        For the exact engine ``sqrt(Σᵢ wᵢ² (P(X | E, θᵢ) - P(X | E))²)``, the
        delta-method error of a self-normalised importance-sampling estimate (0
        when nothing is uncertain, or for an observed node); for the PyMC engine
        ArviZ's Monte Carlo standard error of the mean, from the effective
        sample size. NaN when it cannot be estimated: fewer than 100 effective
        draws (``MIN_EFFECTIVE_DRAWS``) of uncertain judgments.

        Parameters
        ----------
        name : str
            A node, or ``"node=state"``.

        Returns
        -------
        float or dict of str to float

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> bool(m.infer(draws=4000, seed=1).mcse("h") < 0.002)
        True
        """
        w = self.weights
        node, state = self.resolve(name)
        if node in self.evaluation.observed:
            return self._per_state(name, lambda v: 0.0)
        if not _has_band(self.evaluation):
            return self._per_state(name, lambda v: math.nan)
        if self.evaluation.mcse is not None:
            errors = self.evaluation.mcse[node]
            if state is not None:
                return float(errors[state])
            return {s: float(errors[i]) for i, s in enumerate(self.model.nodes[node].states)}

        return self._per_state(name, lambda v: monte_carlo_error(w, v))

    # -- words -------------------------------------------------------------------------

    def _describe_one(self, node: str, state: int) -> Description:
        values = np.ascontiguousarray(self.evaluation.marginals[node][:, state])
        p = float(self.evaluation.coherent(node)[state])
        observed_states = self.evaluation.observed
        if node in observed_states:
            observed = self.model.nodes[node].states.index(observed_states[node]) == state
            return Description(
                "observed" if observed else "observed otherwise",
                value=p,
                scale=self.model.scale.name,
                terms=(),
                relation="observed",
                confidence="high",
                interval=(p, p),
            )
        if _has_band(self.evaluation):
            lo, hi = (float(x) for x in weighted_quantiles(values, self.weights, BAND_LEVELS))
        else:
            lo = hi = math.nan
        words = describe(p, scale=self.model.scale)
        return Description(
            str(words),
            value=p,
            scale=words.scale,
            terms=words.terms,
            relation=words.relation,
            confidence=confidence(self.model.scale, lo, hi),
            interval=(lo, hi),
        )

    def describe(self, name: str) -> Any:
        """Return the words for ``P(X | E)`` on the model's scale, with a confidence level.

        A :class:`Description` (the words, a ``str``) whose ``confidence`` is
        ``"high"``, ``"moderate"`` or ``"low"`` by how many of the scale's terms
        the 90 % band reaches (one, two, three or more), and whose ``interval``
        is that band. With fewer than 100 effective draws (``MIN_EFFECTIVE_DRAWS``)
        of uncertain judgments there is no band: the confidence is
        ``"unknown"`` and the interval ``(nan, nan)``. A node with several states
        gives ``{state: Description}``.

        Parameters
        ----------
        name : str
            A node, or ``"node=state"``.

        Returns
        -------
        Description or dict of str to Description

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="highly unlikely")
        >>> d = m.infer(draws=4000, seed=1).describe("h")
        >>> d, d.confidence
        ('highly unlikely', 'high')
        """
        node, state = self.resolve(name)
        if state is not None:
            return self._describe_one(node, state)
        return {s: self._describe_one(node, i) for i, s in enumerate(self.model.nodes[node].states)}

    def readings(self, name: str, survey: str = "capphrase") -> Any:
        """Return how a survey's readers would read the answer's words, against its band.

        The words of ``P(name | E)`` on the model's scale (:meth:`describe`),
        read as a survey's readers read that phrase (:func:`likelihood.readings`):
        their median, the share of readers inside the scale's band for the word,
        and ``inside_answer_band``, the share whose reading falls inside this
        answer's own 90 % band. None when the words are not one term (a gap of
        the scale) or the survey did not ask about the word. A node with several
        states gives ``{state: Readings or None}``.

        Parameters
        ----------
        name : str
            A node, or ``"node=state"``.
        survey : str, default "capphrase"
            A survey scale.

        Returns
        -------
        Readings or None, or dict of str to Readings or None

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="unlikely")
        >>> r = m.infer(draws=4000, seed=1).readings("h")
        >>> r.word, round(r.inside, 2), r.lean
        ('unlikely', 0.28, 'lower')
        """
        from likelihood._core.readers import readings_or_none

        def one(words: Description) -> Any:
            if words.relation != "within" or len(words.terms) != 1:
                return None
            band = words.interval
            usable = band is not None and not any(math.isnan(x) for x in band) and band[0] < band[1]
            return readings_or_none(
                words.terms[0], self.model.scale, survey, band=band if usable else None
            )

        described = self.describe(name)
        if isinstance(described, dict):
            return {s: one(d) for s, d in described.items()}
        return one(described)

    def assessment(self, name: str, numbers: str = "range") -> Any:
        """Return the sentences an analyst would write for ``P(name | E)``, as the scale says.

        ICD 203 states the likelihood and, in a sentence of its own, the
        confidence; PHIA the yardstick's term and the analytical confidence
        apart; IPCC the term in italics with the confidence in parentheses; EFSA
        the term with its range and the probability's band. The numbers follow
        the word in brackets (Wintle et al. 2019). The rules and their sources:
        ``docs/sentences.md``. A node with several states gives one per state.

        Parameters
        ----------
        name : str
            A node, or ``"node=state"``.
        numbers : {"range", "probability", "both", "none"}, default "range"
            What the brackets hold: the term's range on the scale, the model's
            probability, both, or nothing.

        Returns
        -------
        Assessment or dict of str to Assessment
            ``str()`` gives the sentences; ``likelihood``, ``confidence`` and
            ``rule`` (the convention and its source) are attributes.

        Raises
        ------
        OptionError
            An unknown *numbers*.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("talks", prior="likely", text="The two sides talk")
        >>> print(m.infer(draws=4000, seed=1).assessment("talks"))
        It is likely (≈55–≈75 %) that the two sides talk. Analytical confidence: high.
        """
        from likelihood._core.sentences import assessment_sentence

        node, state = self.resolve(name)
        n = self.model.nodes[node]
        if state is not None:
            words = self._describe_one(node, state)
            return assessment_sentence(words, self.model.scale, n, n.states[state], numbers)
        return {
            s: assessment_sentence(self._describe_one(node, i), self.model.scale, n, s, numbers)
            for i, s in enumerate(n.states)
        }

    # -- what moved the answer ----------------------------------------------------------

    def contributions(self, name: str) -> dict[str, Any]:
        """Return each observation's weight of evidence on a hypothesis, in log₁₀ likelihood ratio.

        For an observation ``e`` and the hypothesis ``H`` (a binary node, or
        ``"node=state"``): ``log10 O(H | E) - log10 O(H | E without e)``, the
        change in the coherent posterior log-odds when that one observation is
        left out (the same draws, re-weighted by ``P(E without e | θ) / P(E | θ)``,
        so it holds for both engines). Positive values support ``H``.
        Leaving one out makes the value independent of the order of the
        evidence; for conditionally independent evidence it is the item's
        likelihood ratio. A node with several states gives ``{state: value}`` per
        observation.

        Parameters
        ----------
        name : str
            A hypothesis: a binary node, a node with several states (one row
            per state, with a ``state`` column), or ``"node=state"``.

        Returns
        -------
        dict
            {observation: log10 LR}, or {observation: {state: log10 LR}}.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.5)
        >>> m.evidence("e1", given={"h": 0.8, "~h": 0.2}, observed=True)
        >>> m.evidence("e2", given={"h": 0.3, "~h": 0.6}, observed=True)
        >>> {k: round(v, 4) for k, v in m.infer().contributions("h").items()}
        {'e1': 0.6021, 'e2': -0.301}
        """
        node, state = self.resolve(name)
        states = [state] if state is not None else list(range(len(self.model.nodes[node].states)))
        ev = self.evaluation
        full_all = ev.coherent(node)
        full = {s: float(full_all[s]) for s in states}
        result: dict[str, Any] = {}
        for other in ev.observed:
            if other == node:
                continue
            before_all = self._without(other, node)
            changes = {}
            for s in states:
                before = float(before_all[node][s])
                changes[self.model.nodes[node].states[s]] = _log_odds(full[s]) - _log_odds(before)
            result[other] = (
                changes[self.model.nodes[node].states[state]] if state is not None else changes
            )
        return result

    def _without(self, other: str, node: str) -> dict[str, Array]:
        """Return P(X | E without *other*) for *node* and every hypothesis (kept when exact).

        On the same draws; the evaluations are those of the observation flips.
        """
        ev = self.evaluation
        compiled = self.compiled
        focus = sorted(
            {node, *(n for n, x in self.model.nodes.items() if x.role == "hypothesis")}
            & set(self._shown)
        )

        def compute() -> dict[str, Array]:
            # P(E without e | θ) = Σₛ P(E with e = s | θ): every state of e, on the same draws
            # and the same junction tree (the evidence pattern does not change)
            own = ev.values is compiled.values
            runs = [(ev.log_evidence, ev.marginals)]
            for s_other in self.model.nodes[other].states:
                if s_other != ev.observed[other]:
                    changed = {**ev.observed, other: s_other}
                    runs.append(
                        compiled.kept_run(changed, focus)
                        if own
                        else compiled.run(ev.values, ev.n, changed, nodes=focus)
                    )
            # re-weight the same draws: w' ∝ w · P(E without e | θ) / P(E | θ)
            top = max(float(np.max(x)) for x, _ in runs if np.isfinite(x).any())
            scale = [np.where(np.isfinite(x), np.exp(x - top), 0.0) for x, _ in runs]
            ratio = np.divide(
                ev.weights, scale[0], out=np.zeros_like(ev.weights), where=scale[0] > 0
            )
            total = float(weighted_sum(ratio, np.sum(scale, axis=0)))
            out: dict[str, Array] = {}
            for name in focus:
                joint = sum(
                    weighted_sum(ratio * k, m[name]) for k, (_, m) in zip(scale, runs, strict=True)
                )
                out[name] = np.asarray(joint) / total
            return out

        if ev.values is compiled.values:  # the compiled model's own draws: kept for every node
            kept: dict[str, Array] = compiled.remember(("without", other, *focus), compute)
            return kept
        return compute()

    # -- tables ------------------------------------------------------------------------

    def summary(self, fmt: Literal["text", "markdown", "html"] = "text") -> str:
        """Return a table: each node's probability, band, Monte Carlo error, words and confidence.

        A node with several states has a row per state (``node=state``). Numbers
        are written with three decimals (``<0.001`` and ``>0.999`` next to the
        ends); the caption gives the scale, the engine, the draws and the seed.

        Parameters
        ----------
        fmt : {"text", "markdown", "html"}, default "text"
            Plain text with aligned columns, a Markdown table, or an HTML table.

        Returns
        -------
        str

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model(title="Cab problem")
        >>> m.hypothesis("blue", prior=0.15)
        >>> m.evidence("says_blue", given={"blue": 0.8, "~blue": 0.2}, observed=True)
        >>> print(m.infer().summary())
        Cab problem — scale phia, exact engine, 1 draw (no uncertain judgment)
        node       role        probability  90 % band       MC error  words                  confidence
        blue       hypothesis  0.414        [0.414, 0.414]  0.000     realistic possibility  high
        says_blue  evidence    1.000        observed        0.000     observed               high
        """  # noqa: E501
        from likelihood._view.report import summary

        return summary(self, fmt)

    def hypotheses(self) -> list[str]:
        """Return the unobserved hypotheses, one label each (``"node=state"`` for several states).

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.5)
        >>> m.hypothesis("x", states=["a", "b"], prior={"a": 0.5, "b": 0.5})
        >>> m.infer().hypotheses()
        ['h', 'x=a', 'x=b']
        """
        labels = []
        for name in self.nodes:
            node = self.model.nodes[name]
            if node.role == "hypothesis" and name not in self.evaluation.observed:
                labels += [name] if node.binary else [f"{name}={s}" for s in node.states]
        return labels

    def text_report(self) -> str:
        """Return the plain-text report that ``likelihood run FILE`` prints.

        The summary table, then for each unobserved hypothesis (a node with
        several states once, state by state): its words and probability before
        the evidence and after it, what moved it (each observation's weight of
        evidence), what would change my mind (the one-step changes that move it
        to other words) and what to collect next (value of information).
        Attribution and sensitivity are left to the JSON and the HTML report.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model(title="demo")
        >>> m.hypothesis("h", prior=0.5)
        >>> m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
        >>> m.evidence("f", given={"h": 0.7, "~h": 0.4})
        >>> text = m.infer().text_report()
        >>> "before the evidence" in text and "What moved h" in text
        True
        >>> "What would change my mind" in text and "What to collect next" in text
        True
        """
        from likelihood._view.report import text_report

        return text_report(self)

    def to_dict(self, analyses: bool = False) -> dict[str, Any]:
        """Return the posterior as plain data (the JSON of ``likelihood run --json``).

        ``nodes.NAME.probability`` is ``P(true)`` for a binary node and
        ``{state: p}`` otherwise; ``nodes.NAME.interval`` is the 90 % band.

        Parameters
        ----------
        analyses : bool, optional
            Off by default. When on, also give, under ``hypotheses.NAME`` for
            every unobserved hypothesis (a node with several states once, its
            tables with a ``state`` column): ``prior`` and ``posterior``
            (probability, band, words and confidence before and after the
            evidence), ``contributions``,
            ``sensitivity``, ``attribution``, ``flips`` and
            ``value_of_information`` as lists of rows; and ``ach``, the matrix of
            competing hypotheses (``None`` when the model has none to compare).
            Infinite numbers become ``None``.

        Examples
        --------
        >>> import likelihood as lk, json
        >>> m = lk.Model(title="Cab problem")
        >>> m.hypothesis("blue", prior=0.15)
        >>> m.evidence("says_blue", given={"blue": 0.8, "~blue": 0.2}, observed=True)
        >>> data = m.infer().to_dict()
        >>> round(data["nodes"]["blue"]["probability"], 4), data["nodes"]["blue"]["words"]
        (0.4138, 'realistic possibility')
        >>> _ = json.dumps(data)
        >>> full = m.infer().to_dict(analyses=True)["hypotheses"]["blue"]
        >>> full["prior"]["words"], full["posterior"]["words"], full["contributions"][0]["evidence"]
        ('highly unlikely', 'realistic possibility', 'says_blue')
        """
        from likelihood._view.report import to_dict

        return to_dict(self, analyses=analyses)

    def plot(self, name: str, ax: Any = None) -> Any:
        """Plot how firmly the judgments support each value of ``P(name | E)``, over the words.

        The scale's terms are shaded behind the curve (gaps left white), the
        coherent probability is a line, the probability before the evidence a
        dashed line, the 90 % band a bar, and the title gives the words and the
        confidence. A node with several states, named alone, gets one row per
        state (each with its curve, band, probability and prior; its words and
        confidence in the row's label).

        Parameters
        ----------
        name : str
            A node, or ``"node=state"``.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure otherwise.

        Returns
        -------
        matplotlib.axes.Axes

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> ax = m.infer(draws=2000, seed=1).plot("h")
        >>> ax.get_title()
        'h: likely (high confidence)'
        >>> m = lk.Model()
        >>> m.hypothesis("x", states=["a", "b", "c"], prior={"a": 0.2, "b": 0.3, "c": 0.5})
        >>> ax = m.infer().plot("x")
        >>> sorted(line.get_gid() for line in ax.collections if line.get_gid())[:3]
        ['band:a', 'band:b', 'band:c']
        """
        from likelihood._view.plots import plot_posterior

        return plot_posterior(self, name, ax)

    def plot_contributions(self, name: str, ax: Any = None) -> Any:
        """Plot each observation's weight of evidence on a hypothesis as a bar.

        Parameters
        ----------
        name : str
            A hypothesis (a node with several states gets a bar per state and
            observation), or ``"node=state"``.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure otherwise.

        Returns
        -------
        matplotlib.axes.Axes

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.5)
        >>> m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
        >>> ax = m.infer().plot_contributions("h")
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['e']
        """
        from likelihood._view.plots import plot_contributions

        return plot_contributions(self, name, ax)

    def report(self, path: Any) -> Any:
        """Write a self-contained HTML report of the analysis (figures inline).

        The answer per hypothesis before and after the evidence, in words and
        numbers; the network; each hypothesis' belief plot; what moved it; what
        would change my mind (flips, a tornado chart, attribution); the matrix of
        competing hypotheses; what to collect next; and every input with its
        word, scale and citation. All text that came from the user is escaped,
        and the page loads nothing from outside itself. The analyses are those
        of the text report, computed once.

        Parameters
        ----------
        path : str or pathlib.Path

        Returns
        -------
        pathlib.Path

        Examples
        --------
        >>> import tempfile, pathlib, likelihood as lk
        >>> m = lk.Model(title="demo")
        >>> m.hypothesis("h", prior="likely")
        >>> with tempfile.TemporaryDirectory() as d:
        ...     out = m.infer(draws=500, seed=1).report(pathlib.Path(d, "r.html"))
        ...     "<h1>demo</h1>" in out.read_text()
        True
        """
        from likelihood._view.report import write_report

        return write_report(self, path)

    # -- what would change my mind ---------------------------------------------------------

    def sensitivity(self, name: str) -> Table:
        """Return P(name | E) with each judgment held at its 5th and its 95th percentile.

        Each uncertain judgment in turn is fixed at a percentile while the others
        keep their distributions; the rows (node, condition and the word the
        analyst wrote) are sorted by the swing between the two answers. A
        Dirichlet row is held at the percentile of its first state, the others
        sharing the rest in proportion to their means.

        Parameters
        ----------
        name : str
            A hypothesis: a binary node, a node with several states (one row
            per state, with a ``state`` column), or ``"node=state"``.

        Returns
        -------
        Table
            Columns ``judgment``, ``written``, ``at 5th percentile``,
            ``at 95th percentile``, ``swing`` (and ``state`` for a node with several states);
            ``table.info["baseline"]`` is P(name | E).

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="realistic possibility")
        >>> m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
        >>> table = m.infer(draws=4000, seed=1).sensitivity("h")
        >>> table.column("judgment")
        ['h', 'e | ~h', 'e | h']
        """
        from likelihood._core.analysis import sensitivity

        return sensitivity(self, name)

    def plot_sensitivity(self, name: str, ax: Any = None) -> Any:
        """Plot :meth:`sensitivity` as a tornado chart: the judgments that move the answer most on top.

        Each judgment that can move the answer gets a row with two bars from the
        current answer: to the answer with that judgment at its 5th percentile
        (the legend says which colour) and at its 95th. Judgments that cannot move
        it are left out and counted in the title.

        Parameters
        ----------
        name : str
            A hypothesis, or ``"node=state"``. A node with several states named
            alone is drawn as one panel per state in a new figure (the first
            panel is returned).
        ax : matplotlib.axes.Axes, optional
            Where to draw (for one state); a new figure otherwise.

        Returns
        -------
        matplotlib.axes.Axes

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="realistic possibility")
        >>> m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
        >>> ax = m.infer(draws=2000, seed=1).plot_sensitivity("h")
        >>> len([p for p in ax.patches if (p.get_gid() or "").startswith("low:")])
        3
        >>> [t.get_text() for t in ax.get_legend().get_texts()][:2]
        ['judgment at 5th percentile', 'judgment at 95th percentile']
        """  # noqa: E501
        from likelihood._view.plots import plot_sensitivity

        return plot_sensitivity(self, name, ax)

    def attribution(self, name: str, draws: int = 4096) -> Table:
        """Return the share of the band's variance due to each judgment (Sobol indices).

        The variance of ``P(name | E, θ)`` over the judgments' posterior is split
        by judgment: the first-order index (the share that judgment explains
        alone) and the total index (alone and in interaction). The judgments are
        taken independent, each with its posterior marginal (the weighted
        draws); the indices come from the Saltelli (2010) and Jansen (1999)
        estimators on the engine's evaluations. The largest total index names
        the word to pin down to narrow the band.

        Parameters
        ----------
        name : str
            A hypothesis: a binary node, a node with several states (one row
            per state, with a ``state`` column), or ``"node=state"``.
        draws : int, default 4096
            Base draws N of the Sobol estimators (each judgment costs one batched
            engine run of N draws).

        References
        ----------
        .. [1] Ballester-Ripoll, R., & Leonelli, M. (2025). Global sensitivity
           analysis of uncertain parameters in Bayesian networks. International
           Journal of Approximate Reasoning, 180, 109368 (arXiv:2406.05764).
        .. [2] Saltelli, A., et al. (2010). Variance based sensitivity analysis of
           model output. Computer Physics Communications, 181(2), 259-270.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="realistic possibility")
        >>> m.evidence("e", given={"h": "likely", "~h": "unlikely"}, observed=True)
        >>> table = m.infer(draws=4000, seed=1).attribution("h")
        >>> sum(table.column("first order")) <= 1.05
        True
        """
        from likelihood._core.analysis import attribution

        return attribution(self, name, draws)

    def flips(self, name: str) -> Table:
        """Return the smallest changes, in the analyst's own terms, that change the words.

        Every word moved one step up or down its scale, every observation
        reversed (or set to each other state), every Admiralty grade moved one
        grade, every evidence strength one ENFSI band: the new P(name | E), its
        words, and whether they flip — move to words that share no term with
        the current ones (moving from a term into the gap beside it still names
        that term, so it is no flip). Flips come first;
        ``table.info["flips"]`` lists them and the title says "none within one
        step" when there are none.

        Parameters
        ----------
        name : str
            A hypothesis: a binary node, a node with several states (one row
            per state, with a ``state`` column), or ``"node=state"``.

        Returns
        -------
        Table
            Columns ``input``, ``change``, ``probability``, ``words``, ``flips``;
            ``table.info["baseline"]`` holds the current words.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior="likely")
        >>> table = m.infer(draws=2000, seed=1).flips("h")
        >>> sorted((r["change"], r["words"]) for r in table.info["flips"])
        [('likely → highly likely', 'highly likely'), ('likely → realistic possibility', 'realistic possibility')]
        """  # noqa: E501
        from likelihood._core.analysis import flips

        return flips(self, name)

    def value_of_information(self, name: str) -> Table:
        """Return what to collect next: for every unobserved evidence or report node, its value.

        For a node X not yet observed: the expected change in P(name | E),
        ``Σₓ P(x | E) |P(name | E, x) - P(name | E)|``, and the expected
        reduction in the entropy of ``name`` (in bits), ranked by the latter.

        With the name of a decision (:meth:`Model.decision`), the value is in
        utility: what observing X would add to the expected utility of the best
        option, ``Σₓ P(x | E) maxₐ EU(a | E, x) - maxₐ EU(a | E)`` (the expected
        value of sample information), with its band over the draws, whether
        some outcome of X would change the best option, and the best option
        after each outcome (``best if seen``); ``table.info`` holds ``best``,
        ``expected utility`` and ``perfect information`` (the value of knowing
        the decision's nodes, an upper bound on every row).

        Parameters
        ----------
        name : str
            A hypothesis (binary, or with several states), ``"node=state"``, or a
            decision.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.5)
        >>> m.evidence("sharp", given={"h": 0.9, "~h": 0.1})
        >>> m.evidence("vague", given={"h": 0.6, "~h": 0.4})
        >>> m.infer().value_of_information("h").column("evidence")
        ['sharp', 'vague']
        >>> m.decision("act", options=["go", "stay"], utility={"go": {"h": 10, "~h": -5},
        ...                                                     "stay": 0})
        >>> table = m.infer().value_of_information("act")
        >>> table[0]["evidence"], round(table[0]["value"], 3)  # 0.5·(9 - 0.5) - 2.5
        ('sharp', 1.75)
        """
        if isinstance(name, str) and name in self.model.decisions:
            from likelihood._core.decisions import utility_value_of_information

            return utility_value_of_information(self, name)
        from likelihood._core.analysis import value_of_information

        return value_of_information(self, name)

    def decide(self, name: str | None = None, confidence: float = BAND) -> Table:
        """Return a decision's options by expected utility, with bands, and its break-even.

        For each option a, ``EU(a) = Σₛ P(s | E) U(a, s)`` over the joint states
        s of the nodes its utilities depend on (the coherent probabilities),
        the weighted central band of the same sum draw by draw, and the share
        of the draws' weight in which the option is best. When the utilities
        depend on one binary node h, the break-even probabilities: where, as
        ``P(h)`` goes from 0 to 1, the best option changes (for two options the
        closed form, in ``docs/decisions.md``);
        :meth:`plot` of h draws them.

        Parameters
        ----------
        name : str, optional
            The decision; by default the model's only one.
        confidence : float, default 0.9
            The central share of the draws that the band holds.

        Returns
        -------
        Table
            Columns ``option``, ``expected utility``, ``nearest word`` (with a
            scale of words), the band and ``best in``; each row also has
            ``band`` (a pair) and ``best``. ``table.info`` holds ``best``,
            ``expected`` and ``shares`` (by option), ``break even`` (a list of
            ``{probability, below, above}``, or None), ``hypothesis`` and
            ``probability`` (its P(h | E)), ``perfect information`` (the
            expected value of knowing the decision's nodes) and ``draws`` (the
            expected utilities per draw, shape ``(draws, options)``).

        Raises
        ------
        ModelError
            No decision of that name (or several, and none named).

        References
        ----------
        .. [1] Friedman, J. A. (2019). War and Chance: Assessing Uncertainty in
           International Politics. Oxford University Press.
        .. [2] Howard, R. A. (1966). Information value theory. IEEE Transactions
           on Systems Science and Cybernetics, 2(1), 22-26.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.5)
        >>> m.evidence("e", given={"h": 0.9, "~h": 0.1}, observed=True)
        >>> m.decision("act", options=["go", "stay"], utility={"go": {"h": 10, "~h": -5},
        ...                                                     "stay": 0})
        >>> table = m.infer().decide()
        >>> table.info["best"], round(table.info["expected"]["go"], 3)  # 0.9·10 - 0.1·5
        ('go', 8.5)
        >>> table.info["break even"]  # 10 p - 5 (1 - p) = 0
        [{'probability': 0.3333333333333333, 'below': 'stay', 'above': 'go'}]
        """
        from likelihood._core.decisions import decide

        return decide(self, name, confidence)

    def ach(self, hypotheses: str | Sequence[str] | None = None) -> ACH:
        """Return Heuer's analysis of competing hypotheses against the observed evidence.

        The hypotheses are the states of a node (or a list of binary nodes;
        by default the model's one node with several states, else its binary
        hypotheses). For each observed item and hypothesis h: the likelihood
        ratio ``P(e | h) / P(e | not h)`` (each item on its own), rated ``C``
        (ratio ≥ 2), ``N``, ``I`` (≤ 1/2) or ``II`` (≤ 1/10); each item's
        diagnosticity ``log10(max_h P(e | h) / min_h P(e | h))``; and each
        hypothesis' inconsistency score, the items inconsistent with it (``II``
        counting twice). Heuer's rule: the hypothesis with the least
        inconsistent evidence is the one to retain.

        Parameters
        ----------
        hypotheses : str or sequence of str, optional
            One hypothesis with several states, whose states compete; or several
            binary hypotheses. By default the one several-state hypothesis, or else
            every unobserved binary hypothesis.

        Returns
        -------
        ACH
            The matrix as a table, with ``likelihoods``, ``ratios``, ``ratings``,
            ``diagnosticity`` and ``inconsistency`` as attributes.

        Raises
        ------
        ModelError
            With fewer than two hypotheses, or no observed evidence.

        References
        ----------
        .. [1] Heuer, R. J. Jr. (1999). Psychology of Intelligence Analysis.
           CIA Center for the Study of Intelligence, chapter 8.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("intent", states=["attack", "feint", "exercise"],
        ...              prior={"attack": 0.2, "feint": 0.3, "exercise": 0.5})
        >>> m.evidence("massing", given={"intent=attack": 0.9, "intent=feint": 0.6,
        ...                              "intent=exercise": 0.05}, observed=True)
        >>> m.infer().ach().inconsistency
        {'intent=attack': 0, 'intent=feint': 0, 'intent=exercise': 2}
        """
        from likelihood._core.analysis import ach

        return ach(self, hypotheses)

    def conflict(self, confidence: float = BAND) -> Table:
        """Return Hugin's data-conflict measure of the observations, with its band.

        ``conf(E) = log(∏ⱼ P(eⱼ) / P(E))`` (natural log) for the observations
        E = {e₁, …, e_k}: positive when they are less likely together than
        apart — the sign of a deceptive or mistaken source, or of a wrong model;
        ``exp(conf)`` is how many times less likely. The coherent value takes
        each P(·) averaged over the draws of the judgments (before the
        evidence); the band is the central interval of the same measure computed
        draw by draw. Each row is an observation, ranked by how much of the
        conflict dropping it removes: ``log(P(eⱼ) / P(eⱼ | the others))``.

        Parameters
        ----------
        confidence : float, default 0.9
            The central share of the draws that the band holds.

        Returns
        -------
        Table
            Columns ``observation``, ``observed``, ``alone`` (P(eⱼ)),
            ``given the others`` (P(eⱼ | E without eⱼ)), ``conflict`` (what
            dropping it removes from conf(E)), ``ratio`` (its exponential) and
            ``text``; each row also has ``band``, the band of its conflict.
            ``table.info`` holds ``conflict`` (conf(E)), ``ratio``, ``band``,
            ``positive`` (the share of draws with conf > 0), ``together`` (P(E)),
            ``apart`` (∏ⱼ P(eⱼ)), ``flagged`` (conf(E) > 0), ``items`` (the
            observations whose dropping lowers it, most first) and ``draws``
            (conf per draw).

        Raises
        ------
        ModelError
            With fewer than two observations.

        References
        ----------
        .. [1] Jensen, F. V., Chamberlain, B., Nordahl, T., & Jensen, F. (1991).
           Analysis in HUGIN of data conflict. Uncertainty in Artificial
           Intelligence 6, 519-528.
        .. [2] Jensen, F. V., & Nielsen, T. D. (2007). Bayesian Networks and
           Decision Graphs, 2nd ed. Springer.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e1", given={"h": 0.9, "~h": 0.2}, observed=True)
        >>> m.evidence("e2", given={"h": 0.1, "~h": 0.7}, observed=True)
        >>> table = m.infer().conflict()
        >>> round(table.info["conflict"], 4), round(table.info["ratio"], 4)  # 0.41·0.52 / 0.125
        (0.5339, 1.7056)
        """
        from likelihood._core.analysis import conflict

        return conflict(self, confidence)

    def most_probable(
        self, nodes: str | Sequence[str] | None = None, k: int = 5, confidence: float = BAND
    ) -> Table:
        """Return the most probable account: the likeliest joint states of the nodes, given E.

        MAP over *nodes* — by default the unobserved hypotheses, the other
        unobserved nodes summed out — or MPE with ``nodes="all"``: the joint
        state of every unobserved node. Each account ``x`` has the coherent
        ``P(x | E) = Σᵢ wᵢ P(x | E, θᵢ)`` (weights ``wᵢ ∝ P(E | θᵢ)``, as every
        coherent answer), the weighted central band of ``P(x | E, θᵢ)`` over the
        draws, the words for its probability on the model's scale, and the
        share of the draws' weight in which it is the most probable account.
        The rows are the *k* most probable accounts, best first (ties: the
        account first in the order of the states); accounts the evidence rules
        out are left out.

        Up to ``MAX_ACCOUNTS`` (1024) joint states are enumerated: each is
        observed in turn, one evaluation of every draw on one junction tree,
        which sums the other nodes out. Beyond, ``nodes="all"`` takes
        max-product on the junction tree of the evidence, draw by draw (with a
        traceback for the winning states); the accounts ranked are then the
        draws' winners and the accounts one node away from the most frequent
        one, each scored exactly — at fixed numbers the first row is the MPE,
        the runner-ups are the best among those candidates.

        Parameters
        ----------
        nodes : str or sequence of str, optional
            Unobserved nodes (by name), ``"all"`` for every unobserved node, or
            None for the unobserved hypotheses.
        k : int, default 5
            How many accounts to show.
        confidence : float, default 0.9
            The central share of the draws that the band holds.

        Returns
        -------
        Table
            Columns ``rank``, ``account`` (``talks, ~negotiations``; a node of
            several states as ``node=state``), ``probability``, the band
            (``90 % band``), ``words`` and ``most probable in``; each row also has
            ``band`` (a pair) and ``states`` (node to state, ``True``/``False``
            for a binary node). ``table.info`` holds ``nodes``, ``mpe`` (every
            unobserved node is in the account), ``method`` (``"enumerated"`` or
            ``"max-product"``), ``joint states``, ``candidates``, ``best`` (the
            top account's states) and ``accounts``.

        Raises
        ------
        UnknownNodeError
            A name that is not a node of the model.
        ModelError
            An observed node, a state instead of a node, no unobserved node, or
            more than ``MAX_ACCOUNTS`` joint states of fewer than all unobserved nodes.
        EvidenceError
            Observations impossible under every draw.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("a", prior=0.6)
        >>> m.hypothesis("b", given={"a": 0.5, "~a": 0.9})
        >>> m.evidence("e", given={"b": 0.8, "~b": 0.1}, observed=True)
        >>> table = m.infer().most_probable()
        >>> table[0]["account"], round(table[0]["probability"], 4)  # 0.4·0.9·0.8 / 0.562
        ('~a, b', 0.5125)
        """
        from likelihood._core.analysis import most_probable

        return most_probable(self, nodes, k, confidence)

    def trajectory(self, name: str, order: Any = None, confidence: float = BAND) -> Table:
        """Return how the belief in *name* moved as the evidence arrived, step by step.

        Step 0 is the answer before the evidence; each later step adds what
        arrived next and gives ``P(name | the evidence so far)``, its band, its
        words on the model's scale and the change from the step before. The
        evidence arrives in the order given by *order*, else by the dates of
        the observations (``Model.observe(..., at=...)``, or ``at`` in an
        analysis file; observations that share a date arrive together), else
        one by one in the order the observations were made. Every step is
        evaluated on this posterior's draws of the judgments: it is the answer
        :meth:`Model.infer` gives, under the same seed, on the model with only
        the evidence up to it, and the last step is this posterior (for a PyMC
        posterior, every step is the exact engine's on the compiled model's draws).

        Parameters
        ----------
        name : str
            A node (a node with several states gets a row per state and step,
            with a ``state`` column), or ``"node=state"``.
        order : sequence, optional
            The observations in the order they arrived: names, or lists of
            names that arrive together (an uncertain observation by the name of
            the node it observes). Every observation appears once.
        confidence : float, default 0.9
            The central share of the draws that the band holds.

        Returns
        -------
        Table
            Columns ``step``, ``arrived`` (what arrived, ``node=value``; an
            uncertain observation is ``node (uncertain)``), ``at`` (the date,
            when the observations have dates), ``probability``, ``low`` and
            ``high`` (the band), ``words`` and ``change``; each row also has
            ``confidence``. ``table.info`` holds ``paths`` (per label — *name*,
            or ``node=state`` for each state — the lists ``probability``,
            ``low``, ``high``, ``words``, ``confidence`` and ``mcse`` over the
            steps), ``arrived`` (per step, what arrived), ``groups`` (the
            observations of each arrival), ``at`` and ``labels``.

        Raises
        ------
        ModelError
            *order* names something that is not an observation, names one
            twice or leaves one out; or some observations have dates and others
            not.
        OptionError
            *order* is not a list of names.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e1", given={"h": 0.9, "~h": 0.2})
        >>> m.evidence("e2", given={"h": 0.8, "~h": 0.4})
        >>> m.observe("e2", True, at="2023-11-05")
        >>> m.observe("e1", True, at="2023-11-02")
        >>> table = m.infer().trajectory("h")
        >>> table.column("arrived"), [round(p, 3) for p in table.column("probability")]
        (['(before the evidence)', 'e1=True', 'e2=True'], [0.3, 0.659, 0.794])
        """
        from likelihood._core.analysis import trajectory

        return trajectory(self, name, order, confidence)

    def plot_trajectory(self, name: str, order: Any = None, ax: Any = None) -> Any:
        """Plot :meth:`trajectory`: the belief path, its band, and the scale's words behind it.

        One point per step (step 0 before the evidence), joined by a line, the
        90 % band as a shaded ribbon, the model scale's terms as horizontal
        bands behind (named at the right), and each step labelled below with
        what arrived (and its date). A node with several states gets a path per
        state.

        Parameters
        ----------
        name : str
            A node, or ``"node=state"``.
        order : sequence, optional
            As for :meth:`trajectory`.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure otherwise.

        Returns
        -------
        matplotlib.axes.Axes

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.3)
        >>> m.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=True)
        >>> ax = m.infer().plot_trajectory("h")
        >>> [line.get_gid() for line in ax.lines if line.get_gid()]
        ['path']
        """
        from likelihood._view.plots import plot_trajectory

        return plot_trajectory(self, name, order, ax)

    def plot_ach(self, hypotheses: str | Sequence[str] | None = None, ax: Any = None) -> Any:
        """Plot :meth:`ach` as a heat map of log10 likelihood ratios, evidence by hypothesis.

        Parameters
        ----------
        hypotheses : str or sequence of str, optional
            One hypothesis with several states, whose states compete; or several
            binary hypotheses. By default the one several-state hypothesis, or else
            every unobserved binary hypothesis.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure otherwise.

        Returns
        -------
        matplotlib.axes.Axes

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("intent", states=["attack", "feint"], prior={"attack": 0.5, "feint": 0.5})
        >>> m.evidence("massing", given={"intent=attack": 0.9, "intent=feint": 0.3}, observed=True)
        >>> ax = m.infer().plot_ach()
        >>> [t.get_text().splitlines() for t in ax.get_xticklabels()]
        [['intent=attack', '(inconsistency 0)'], ['intent=feint', '(inconsistency 1)']]
        """
        from likelihood._view.plots import plot_ach

        return plot_ach(self, hypotheses, ax)

    def to_datatree(self) -> xr.DataTree:
        """Return the posterior as an ArviZ-compatible :class:`xarray.DataTree`.

        ``posterior`` holds ``P(X | E, θ)`` for every unobserved node and every
        parameter θ (``theta[node | condition]``); for the exact engine these are
        the weighted draws resampled, so ArviZ's summaries (:func:`arviz.ess`,
        :func:`arviz.mcse`, ...) give the weighted answer. The raw draws and their
        ``P(X | E, θ)`` are in ``weighted_posterior``, their weights in
        ``importance_weights``; ``prior`` holds the same draws' ``P(X | θ)``
        without the evidence (:attr:`prior`). ``observed_data`` holds the
        evidence; the attributes the title, scale, engine and library version.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model(title="demo")
        >>> m.hypothesis("h", prior="likely")
        >>> m.evidence("e", given={"h": "highly likely", "~h": "unlikely"}, observed=True)
        >>> tree = m.infer(draws=2000, seed=1).to_datatree()
        >>> sorted(tree.children)
        ['importance_weights', 'observed_data', 'posterior', 'prior', 'weighted_posterior']
        >>> tree.attrs["title"], list(tree["posterior"].data_vars)[:2]
        ('demo', ['h', 'theta[h]'])
        """
        from likelihood._io.datatree import to_datatree

        return to_datatree(self)

    def __repr__(self) -> str:
        shown = []
        for name in self.nodes[:6]:
            node = self.model.nodes[name]
            if name in self.evaluation.observed:
                continue
            if node.binary:
                shown.append(f"{name} {self.probability(name):.3f}")
            else:
                best = max(self.probability(name).items(), key=lambda kv: kv[1])
                shown.append(f"{name}={best[0]} {best[1]:.3f}")
        draws = f"{self.draws} draws" if self.draws > 1 else "exact"
        title = f"{self.model.title!r}, " if self.model.title else ""
        return f"Posterior({title}{draws}: {', '.join(shown)})"


def _log_odds(p: float) -> float:
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return math.inf
    return math.log10(p / (1.0 - p))
