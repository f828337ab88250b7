"""What the reports share: numbers written one way, and the analyses kept once per posterior.

A light module (no matplotlib): the text report uses it without loading the figures.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from likelihood._core.decisions import utility_text as utility
from likelihood._exceptions import ModelError, OptionError

if TYPE_CHECKING:
    from likelihood._core.posterior import Posterior
    from likelihood._core.table import Table

__all__ = [
    "how_observed",
    "ANALYSES",
    "accounted",
    "analysis",
    "conflicting",
    "contributions",
    "decided",
    "key",
    "number",
    "ratio",
    "signed",
    "trajectory",
    "utility",
]


# -- numbers and shared analyses ----------------------------------------------------------


def number(value: float | None) -> str:
    """Write a probability, a share, a swing or bits: three decimals, ``<0.001`` near 0.

    Examples
    --------
    >>> from likelihood._view.common import number
    >>> number(0.10449), number(0.000887), number(0.99991), number(0.0), number(1.0)
    ('0.104', '<0.001', '>0.999', '0.000', '1.000')
    >>> number(-2e-6), number(float("nan"))
    ('0.000', '')
    """
    if value is None:
        return ""
    x = float(value)
    if math.isnan(x):
        return ""
    x = round(x, 12)  # float noise (1 - 1e-16) is not a number to show
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if 0.0 < x < 0.001:
        return "<0.001"
    if 0.999 < x < 1.0:
        return ">0.999"
    if -0.0005 < x < 0.0:
        return "0.000"
    return f"{x:.3f}"


def signed(value: float) -> str:
    """Write a weight of evidence (log₁₀ likelihood ratio): signed, two decimals.

    Examples
    --------
    >>> from likelihood._view.common import signed
    >>> signed(0.4839), signed(-0.0512), signed(float("inf"))
    ('+0.48', '-0.05', '+∞')
    """
    x = float(value)
    if math.isinf(x):
        return "+∞" if x > 0 else "-∞"
    return f"{x:+.2f}"


def ratio(value: float) -> str:
    """Write a likelihood ratio: three significant digits, whole numbers from 100.

    Examples
    --------
    >>> from likelihood._view.common import ratio
    >>> ratio(3.998), ratio(0.04861), ratio(39.5), ratio(1234.5), ratio(float("inf"))
    ('4.00', '0.0486', '39.5', '1,234', '∞')
    """
    x = float(value)
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return "∞"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:#.3g}".rstrip(".")


def key(post: Posterior, *what: Any) -> tuple[Any, ...]:
    """Return the key under which the reports keep what they computed for *post*.

    :meth:`CompiledModel.remember <likelihood.CompiledModel.remember>` keys it
    further by the compiled model; the engine and the observations tell apart
    the posteriors that share one.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.common import key
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.5)
    >>> key(m.infer(), "ach")
    ('report', 'exact', (), 'ach')
    """
    return ("report", post.method, tuple(sorted(post.observations.items())), *what)


def contributions(post: Posterior, node: str) -> dict[str, Any]:
    """Return :meth:`Posterior.contributions` of a node, computed once per posterior's evidence.

    Kept on the compiled model, so that the text and the HTML report share it.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.common import contributions
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.5)
    >>> m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    >>> post = m.infer()
    >>> contributions(post, "h") is contributions(post, "h")
    True
    """
    result: dict[str, Any] = post.compiled.remember(
        key(post, "contributions", node), lambda: post.contributions(node)
    )
    return result


#: The analyses of a hypothesis that the reports show, by their Posterior method.
ANALYSES = ("sensitivity", "attribution", "flips", "value_of_information")


def analysis(post: Posterior, what: str, name: str) -> Table:
    """Return one analysis of a hypothesis (a :class:`Posterior` method's table), computed once.

    The analyses keep their evaluations on the compiled model already; keeping
    the table too spares rebuilding it when the text report, the JSON and the
    HTML report each show it.

    Parameters
    ----------
    post : Posterior
    what : {"sensitivity", "attribution", "flips", "value_of_information"}
    name : str
        A hypothesis, or ``"node=state"``.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.common import analysis
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior="likely")
    >>> post = m.infer(draws=500, seed=1)
    >>> analysis(post, "flips", "h") is analysis(post, "flips", "h")
    True
    """
    if what not in ANALYSES:
        raise OptionError(f"what must be one of {', '.join(ANALYSES)}; got {what!r}")
    table: Table = post.compiled.remember(key(post, what, name), lambda: getattr(post, what)(name))
    return table


def conflicting(post: Posterior) -> tuple[Table | None, str]:
    """Return :meth:`Posterior.conflict` and why there is none, computed once per posterior.

    ``(None, reason)`` when the model has fewer than two observations: conflict
    compares the observations together with the observations apart.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.common import conflicting
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.5)
    >>> m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    >>> conflicting(m.infer())[1]
    'needs two observations (observed: e)'
    """

    def compute() -> tuple[Table | None, str]:
        if len(post.observations) < 2:
            seen = ", ".join(post.observations) or "none"
            return None, f"needs two observations (observed: {seen})"
        return post.conflict(), ""

    result: tuple[Table | None, str] = post.compiled.remember(key(post, "conflict"), compute)
    return result


def decided(post: Posterior) -> list[tuple[Table, Table]]:
    """Return, per decision of the model, :meth:`Posterior.decide` and its value of information.

    Computed once per posterior; empty when the model has no decision.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.common import decided
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.3)
    >>> m.decision("act", options=["go", "stay"], utility={"go": {"h": 10, "~h": -5}, "stay": 0})
    >>> [table.info["best"] for table, _ in decided(m.infer())]
    ['stay']
    """

    def compute() -> list[tuple[Table, Table]]:
        return [
            (post.decide(name), post.value_of_information(name)) for name in post.model.decisions
        ]

    result: list[tuple[Table, Table]] = post.compiled.remember(key(post, "decisions"), compute)
    return result


def accounted(post: Posterior) -> tuple[Table | None, str]:
    """Return :meth:`Posterior.most_probable` over the hypotheses, computed once per posterior.

    ``(None, reason)`` when there is no account to give: every hypothesis is
    observed, or their joint states are too many to enumerate.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.common import accounted
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.3)
    >>> m.evidence("e", given={"h": 0.9, "~h": 0.2}, observed=True)
    >>> accounted(m.infer())[0][0]["account"]
    'h'
    """

    def compute() -> tuple[Table | None, str]:
        try:
            return post.most_probable(), ""
        except ModelError as error:
            return None, str(error).removeprefix("most_probable: ")

    result: tuple[Table | None, str] = post.compiled.remember(key(post, "most_probable"), compute)
    return result


def how_observed(model: Any, name: str) -> str:
    """Return what qualifies an observation: a report's source and grade, or a likelihood.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.common import how_observed
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.3)
    >>> m.evidence("e", given={"h": 0.9, "~h": 0.2})
    >>> m.observe("e", likelihood={True: "likely", False: 0.3})
    >>> how_observed(m, "e_soft")
    'uncertain observation of e: likelihood likely (true) : 0.3 (false)'
    """
    node = model.nodes[name]
    if node.soft is not None:
        states = model.nodes[node.soft].states
        words = " : ".join(
            f"{_written(row.written)} ({state})"
            for state, row in zip(states, node.rows, strict=True)
        )
        return f"uncertain observation of {node.soft}: likelihood {words}"
    if node.role == "report":
        graded = f", graded {node.grade}" if node.grade else ""
        return f"report of {node.source}{graded}, claiming {node.claims}"
    return ""


def _written(value: Any) -> str:
    if isinstance(value, str):
        return value
    origin = getattr(value, "origin", None)
    if origin is not None and getattr(origin, "label", None):
        return str(origin.label)
    return f"{float(value):g}" if isinstance(value, int | float) else str(value)


def trajectory(post: Posterior, name: str) -> Table:
    """Return :meth:`Posterior.trajectory` of a hypothesis, computed once per posterior.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.common import trajectory
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.5)
    >>> m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    >>> post = m.infer()
    >>> trajectory(post, "h") is trajectory(post, "h")
    True
    """
    table: Table = post.compiled.remember(
        key(post, "trajectory", name), lambda: post.trajectory(name)
    )
    return table
