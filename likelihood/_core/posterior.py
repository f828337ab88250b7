"""The answer of an engine: coherent probabilities, their bands, words and confidence.

For each node X two things are kept apart (see ``docs/engine.md``):

1. the coherent probability ``P(X | E) = ∫ P(X | E, θ) p(θ | E) dθ`` with its
   Monte Carlo standard error; and
2. the spread of ``P(X | E, θ)`` over ``p(θ | E)`` — the band — which says how
   firm that number is and gives the analytic-confidence level.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray

from likelihood._core.conditions import parse_condition
from likelihood._core.describe import Description, describe
from likelihood._core.scales import Scale
from likelihood._core.validate import check_confidence
from likelihood._exceptions import ConditionError, StateError

if TYPE_CHECKING:
    import xarray as xr

    from likelihood._core.engine import Engine
    from likelihood._core.model import Model
    from likelihood._core.table import ACH, Table

__all__ = ["CONFIDENCE_LEVELS", "Posterior", "confidence"]

Array = NDArray[np.float64]
Confidence = Literal["high", "moderate", "low"]

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


def confidence(sc: Scale, lo: float, hi: float) -> Confidence:
    """Analytic confidence of a band on a scale: how many of its terms the band reaches.

    One term (or a band inside a gap between terms): ``"high"``; two: ``"moderate"``;
    three or more: ``"low"``. The levels are those of ICD 203 (high, moderate,
    low); reading them from the band is this library's rule (``docs/engine.md``).

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.posterior import confidence
    >>> phia = lk.scale("phia")
    >>> confidence(phia, 0.12, 0.18), confidence(phia, 0.15, 0.3), confidence(phia, 0.1, 0.7)
    ('high', 'moderate', 'low')
    """
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
        *,
        model: Model,
        engine: Engine,
        values: list[Array],
        n: int,
        seed: int | None,
        log_evidence: Array,
        weights: Array,
        marginals: dict[str, Array],
        observed: dict[str, str],
        method: str,
        ess: float,
        mcse: dict[str, Array] | None = None,
        diagnostics: dict[str, Any] | None = None,
        trace: Any = None,
    ) -> None:
        self.model = model
        self.draws = n
        self.seed = seed
        self.method = method
        self.ess = ess
        self.diagnostics = dict(diagnostics or {})
        self._mcse = mcse
        self._trace = trace
        self._engine = engine
        self._values = values
        self._log_evidence = log_evidence
        self._weights = weights
        self._marginals = marginals
        self._observed = observed

    # -- addressing -----------------------------------------------------------------------

    @property
    def nodes(self) -> tuple[str, ...]:
        """The nodes this posterior answers for."""
        return tuple(self._marginals)

    @property
    def weights(self) -> Array:
        """The normalised importance weights ``wᵢ ∝ P(E | θᵢ)`` of the draws."""
        return self._weights

    def _resolve(self, name: str) -> tuple[str, int | None]:
        """``"node"`` or ``"node=state"`` -> (node, state index or None)."""
        if isinstance(name, str) and "=" in name:
            literal = parse_condition(name, "node")[0]
            node = self.model.node(literal.node)
            if literal.state not in node.states:
                raise StateError(
                    f"{literal.state!r} is not a state of {node.name!r}; its states are "
                    f"{', '.join(node.states)}"
                )
            self._check(node.name)
            return node.name, node.states.index(literal.state)
        node = self.model.node(name)
        self._check(node.name)
        return node.name, (0 if node.binary else None)

    def _check(self, name: str) -> None:
        if name not in self._marginals:
            raise ConditionError(
                f"{name!r} was not part of the query of this posterior; infer it with query="
                f"[..., {name!r}] or without a query"
            )

    def _values_of(self, name: str) -> Array:
        """P(X | E, θᵢ) per draw: shape (n, states)."""
        return self._marginals[name]

    def _per_state(self, name: str, fn: Any) -> Any:
        node, state = self._resolve(name)
        values = self._values_of(node)
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
        w = self._weights
        return self._per_state(name, lambda v: _coherent(w, v))

    def interval(self, name: str, confidence: float = 0.9) -> Any:
        """Return the band: the central interval of ``P(X | E, θ)`` over ``p(θ | E)``.

        Weighted quantiles of the draws' probabilities; ``(p, p)`` when no
        judgment is uncertain.

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
        from likelihood._core.engine import weighted_quantiles

        c = check_confidence(confidence)
        levels = [(1 - c) / 2, (1 + c) / 2]
        w = self._weights
        return self._per_state(
            name, lambda v: tuple(float(x) for x in weighted_quantiles(v, w, levels))
        )

    def mcse(self, name: str) -> Any:
        """Return the Monte Carlo standard error of :meth:`probability`.

        For the exact engine ``sqrt(Σᵢ wᵢ² (P(X | E, θᵢ) - P(X | E))²)``, the
        delta-method error of a self-normalised importance-sampling estimate (0
        when nothing is uncertain); for the PyMC engine ArviZ's Monte Carlo
        standard error of the mean, from the effective sample size.

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
        w = self._weights
        node, state = self._resolve(name)
        if node in self._observed:
            return self._per_state(name, lambda v: 0.0)
        if self._mcse is not None:
            errors = self._mcse[node]
            if state is not None:
                return float(errors[state])
            return {s: float(errors[i]) for i, s in enumerate(self.model.nodes[node].states)}

        def error(v: Array) -> float:
            mean = float(np.dot(w, v))
            return float(math.sqrt(float(np.sum(w**2 * (v - mean) ** 2))))

        return self._per_state(name, error)

    # -- words -------------------------------------------------------------------------

    def _describe_one(self, node: str, state: int) -> Description:
        values = self._values_of(node)[:, state]
        p = _coherent(self._weights, values)
        if node in self._observed:
            observed = self.model.nodes[node].states.index(self._observed[node]) == state
            return Description(
                "observed" if observed else "observed otherwise",
                value=p,
                scale=self.model.scale.name,
                terms=(),
                relation="observed",
                confidence="high",
                interval=(p, p),
            )
        from likelihood._core.engine import weighted_quantiles

        lo, hi = (float(x) for x in weighted_quantiles(values, self._weights, [0.05, 0.95]))
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
        is that band. A node with several states gives ``{state: Description}``.

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
        node, state = self._resolve(name)
        if state is not None:
            return self._describe_one(node, state)
        return {s: self._describe_one(node, i) for i, s in enumerate(self.model.nodes[node].states)}

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
            A binary hypothesis, or ``"node=state"``.

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
        node, state = self._resolve(name)
        states = [state] if state is not None else list(range(len(self.model.nodes[node].states)))
        full = {s: float(np.dot(self._weights, self._values_of(node)[:, s])) for s in states}
        result: dict[str, Any] = {}
        for other in self._observed:
            if other == node:
                continue
            without = {k: v for k, v in self._observed.items() if k != other}
            log_e, marginals = self._engine.run(self._values, self.draws, without)
            # re-weight the same draws: w' ∝ w · P(E without e | θ) / P(E | θ)
            shift = log_e - self._log_evidence
            finite = np.isfinite(shift)
            w = np.zeros_like(self._weights)
            w[finite] = self._weights[finite] * np.exp(shift[finite] - np.max(shift[finite]))
            w /= w.sum()
            values = marginals[node]
            changes = {}
            for s in states:
                before = float(np.dot(w, values[:, s]))
                changes[self.model.nodes[node].states[s]] = _log_odds(full[s]) - _log_odds(before)
            result[other] = (
                changes[self.model.nodes[node].states[state]] if state is not None else changes
            )
        return result

    # -- tables ------------------------------------------------------------------------

    def _rows(self) -> list[dict[str, Any]]:
        rows = []
        for name in self.nodes:
            node = self.model.nodes[name]
            states = [0] if node.binary else range(len(node.states))
            for s in states:
                label = name if node.binary else f"{name}={node.states[s]}"
                values = self._values_of(name)[:, s]
                d = self._describe_one(name, s)
                rows.append(
                    {
                        "node": label,
                        "role": node.role,
                        "probability": d.value,
                        "interval": d.interval,
                        "mcse": self.mcse(label),
                        "words": str(d),
                        "confidence": d.confidence,
                        "observed": name in self._observed,
                        "values": values,
                    }
                )
        return rows

    def summary(self, fmt: Literal["text", "markdown", "html"] = "text") -> str:
        """Return a table: each node's probability, band, Monte Carlo error, words and confidence.

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
        >>> print(m.infer().summary())  # doctest: +ELLIPSIS
        Cab problem — scale phia, exact engine, 1 draw (no uncertain judgment)
        node       role        P(true)  90 % band       mcse  words                  confidence
        blue       hypothesis  0.414    [0.414, 0.414]  0     realistic possibility  high
        says_blue  evidence    1        observed        0     observed               high
        """
        from likelihood._core.table import render

        header = ["node", "role", "P(true)", "90 % band", "mcse", "words", "confidence"]
        table = []
        for r in self._rows():
            band = (
                "observed" if r["observed"] else f"[{r['interval'][0]:.3f}, {r['interval'][1]:.3f}]"
            )
            p = f"{r['probability']:.3g}" if r["observed"] else f"{r['probability']:.3f}"
            table.append(
                [r["node"], r["role"], p, band, f"{r['mcse']:.2g}", r["words"], r["confidence"]]
            )
        title = self.model.title or "Posterior"
        draws = (
            f"{self.draws} draws, effective {self.ess:.0f}"
            if self.draws > 1
            else "1 draw (no uncertain judgment)"
        )
        caption = f"{title} — scale {self.model.scale.name}, {self.method} engine, {draws}"
        return render(header, table, fmt, caption=caption)

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
            if node.role == "hypothesis" and name not in self._observed:
                labels += [name] if node.binary else [f"{name}={s}" for s in node.states]
        return labels

    def text_report(self) -> str:
        """Return the plain-text report: summary, what would change my mind, what to collect next.

        ``likelihood run FILE`` prints it.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model(title="demo")
        >>> m.hypothesis("h", prior=0.5)
        >>> m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
        >>> m.evidence("f", given={"h": 0.7, "~h": 0.4})
        >>> text = m.infer().text_report()
        >>> "What would change my mind" in text and "What to collect next" in text
        True
        """
        parts = [self.summary()]
        for label in self.hypotheses():
            table = self.flips(label)
            flipped = table.info["flips"]
            parts.append("")
            parts.append(f"What would change my mind about {label} (now {table.info['baseline']}):")
            if not flipped:
                parts.append("  none within one step")
            for row in flipped:
                change = f"{row['input']}: {row['change']}"
                parts.append(f"  {change} -> {row['words']} ({row['probability']:.3f})")
            voi = self.value_of_information(label)
            parts.append(f"What to collect next for {label}:")
            if not len(voi):
                parts.append("  nothing left: every evidence and report node is observed")
            for row in list(voi)[:5]:
                parts.append(
                    f"  {row['evidence']}: {row['information (bits)']:.3f} bits, "
                    f"expected change {row['expected change']:.3f}"
                )
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Return the posterior as plain data (the JSON of ``likelihood run --json``).

        ``nodes.NAME.probability`` is ``P(true)`` for a binary node and
        ``{state: p}`` otherwise; ``nodes.NAME.interval`` is the 90 % band.

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
        """
        nodes: dict[str, Any] = {}
        for name in self.nodes:
            node = self.model.nodes[name]
            described = self.describe(name)
            entry: dict[str, Any] = {
                "role": node.role,
                "states": list(node.states),
                "probability": self.probability(name),
                "interval": _listify(self.interval(name, 0.9)),
                "mcse": self.mcse(name),
                "observed": (
                    None
                    if name not in self._observed
                    else (self._observed[name] == "true" if node.binary else self._observed[name])
                ),
            }
            if node.binary:
                entry["words"] = str(described)
                entry["confidence"] = described.confidence
            else:
                entry["words"] = {s: str(d) for s, d in described.items()}
                entry["confidence"] = {s: d.confidence for s, d in described.items()}
            if node.text:
                entry["text"] = node.text
            nodes[name] = entry
        return {
            "title": self.model.title,
            "scale": self.model.scale.name,
            "method": self.method,
            "draws": self.draws,
            "seed": self.seed,
            "effective_draws": None if math.isinf(self.ess) else self.ess,
            "observed": dict(self.model.observed),
            "nodes": nodes,
        }

    def plot(self, name: str, ax: Any = None) -> Any:
        """Plot the density of ``P(name | E, θ)`` over the scale's words.

        The scale's terms are shaded behind the curve (gaps left white), the
        coherent probability is a vertical line, the 90 % band a bar, and the
        title gives the words and the confidence.

        Parameters
        ----------
        name : str
            A binary node, or ``"node=state"``.
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
        """
        from likelihood._view.plots import plot_posterior

        return plot_posterior(self, name, ax)

    def plot_contributions(self, name: str, ax: Any = None) -> Any:
        """Plot each observation's weight of evidence on a hypothesis as a bar.

        Parameters
        ----------
        name : str
            A binary hypothesis, or ``"node=state"``.
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

        The answer per hypothesis in words and numbers, the network, each
        hypothesis' belief plot, what moved it, and every input with its word,
        scale and citation. All text that came from the user is escaped, and
        the page loads nothing from outside itself.

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
            A binary hypothesis, or ``"node=state"``.

        Returns
        -------
        Table
            Columns ``judgment``, ``written``, ``at 5 %``, ``at 95 %``, ``swing``;
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
        """Plot :meth:`sensitivity` as a tornado chart: one bar per judgment, widest on top.

        Parameters
        ----------
        name : str
            A binary hypothesis, or ``"node=state"``.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure otherwise.

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
        >>> len([p for p in ax.patches if (p.get_gid() or "").startswith("swing:")])
        3
        """
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
            A binary hypothesis, or ``"node=state"``.
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
            A binary hypothesis, or ``"node=state"``.

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

        Parameters
        ----------
        name : str
            A hypothesis (binary, or with several states), or ``"node=state"``.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model()
        >>> m.hypothesis("h", prior=0.5)
        >>> m.evidence("sharp", given={"h": 0.9, "~h": 0.1})
        >>> m.evidence("vague", given={"h": 0.6, "~h": 0.4})
        >>> m.infer().value_of_information("h").column("evidence")
        ['sharp', 'vague']
        """
        from likelihood._core.analysis import value_of_information

        return value_of_information(self, name)

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
        >>> [t.get_text() for t in ax.get_xticklabels()]
        ['intent=attack', 'intent=feint']
        """
        from likelihood._view.plots import plot_ach

        return plot_ach(self, hypotheses, ax)

    def to_datatree(self) -> xr.DataTree:
        """Return the posterior as an ArviZ-compatible :class:`xarray.DataTree`.

        ``posterior`` holds ``P(X | E, θ)`` for every unobserved node and every
        parameter θ (``theta[node | condition]``); for the exact engine these are
        the weighted draws resampled, so ArviZ's summaries (:func:`arviz.ess`,
        :func:`arviz.mcse`, ...) give the weighted answer, with the raw draws in
        ``prior`` and their importance weights in ``sample_stats_prior``.
        ``observed_data`` holds the evidence; the attributes the title, scale,
        engine and library version.

        Examples
        --------
        >>> import likelihood as lk
        >>> m = lk.Model(title="demo")
        >>> m.hypothesis("h", prior="likely")
        >>> m.evidence("e", given={"h": "highly likely", "~h": "unlikely"}, observed=True)
        >>> tree = m.infer(draws=2000, seed=1).to_datatree()
        >>> sorted(tree.children)
        ['observed_data', 'posterior', 'prior', 'sample_stats_prior']
        >>> tree.attrs["title"], list(tree["posterior"].data_vars)[:2]
        ('demo', ['h', 'theta[h]'])
        """
        from likelihood._io.datatree import to_datatree

        return to_datatree(self)

    def __repr__(self) -> str:
        shown = []
        for name in self.nodes[:6]:
            node = self.model.nodes[name]
            if name in self._observed:
                continue
            if node.binary:
                shown.append(f"{name} {self.probability(name):.3f}")
            else:
                best = max(self.probability(name).items(), key=lambda kv: kv[1])
                shown.append(f"{name}={best[0]} {best[1]:.3f}")
        draws = f"{self.draws} draws" if self.draws > 1 else "exact"
        title = f"{self.model.title!r}, " if self.model.title else ""
        return f"Posterior({title}{draws}: {', '.join(shown)})"


def _coherent(weights: Array, values: Array) -> float:
    """Σ wᵢ pᵢ, kept inside [0, 1] against rounding (a sum of weights can exceed 1 by an ulp)."""
    return min(max(float(np.dot(weights, values)), 0.0), 1.0)


def _log_odds(p: float) -> float:
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return math.inf
    return math.log10(p / (1.0 - p))


def _listify(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return {k: _listify(v) for k, v in value.items()}
    return value
