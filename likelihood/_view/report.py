"""The reports of a posterior: the summary table, the text report, the JSON and the HTML page.

Every report reads the same analyses of each hypothesis — the answer before
and after the evidence, what moved it (contributions), what would change my
mind (flips and sensitivity), which judgments' vagueness matters (attribution),
what to collect next (value of information) and the matrix of competing
hypotheses (ACH). The analyses keep their evaluations on the posterior's
compiled model (:meth:`CompiledModel.answer <likelihood.CompiledModel.answer>`
and :meth:`CompiledModel.remember <likelihood.CompiledModel.remember>`), so
that the text report followed by the HTML report computes each one once.

The HTML page is one file: figures inline as SVG (drawn by the ``svg_*``
functions of :mod:`likelihood._view.plots`, without matplotlib), styles inline,
no scripts, and a Content-Security-Policy that forbids loading anything from
outside the page. Every text that came from the analyst (title, names, words,
descriptions) is escaped.

Numbers are written one way everywhere: probabilities (and shares, swings,
bits) with three decimals, ``<0.001`` and ``>0.999`` next to the ends; weights
of evidence signed with two (:func:`likelihood._view.plots.number` and its
neighbours, shared with the figures).
"""

from __future__ import annotations

import html
import math
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from likelihood._core.judgment import Judgment
from likelihood._defaults import BAND
from likelihood._exceptions import ACHWarning, ModelError
from likelihood._version import __version__
from likelihood._view.common import (
    accounted,
    analysis,
    conflicting,
    contributions,
    decided,
    how_observed,
    key,
    number,
    ratio,
    signed,
    trajectory,
    utility,
)

if TYPE_CHECKING:
    from likelihood._core.describe import Description
    from likelihood._core.posterior import Posterior
    from likelihood._core.table import ACH, Table

__all__ = [
    "FLIPS_SHOWN",
    "competing",
    "hypothesis_nodes",
    "render_report",
    "summary",
    "text_report",
    "to_dict",
    "write_report",
]

#: Flips the text report shows per state (the JSON and the HTML report show them all).
FLIPS_SHOWN = 8
#: Flips the text report shows per state of a node with several states.
STATE_FLIPS_SHOWN = 6
#: Flips the HTML report shows per state (the largest moves first).
HTML_FLIPS_SHOWN = 10
#: Rows of attribution the HTML report shows per state.
ATTRIBUTION_SHOWN = 6
#: Observations the text report shows under conflict (the JSON and the HTML report show all).
CONFLICT_SHOWN = 6

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05rem; margin-top: 1.6rem; }
.meta { color: #666; font-size: 0.9rem; }
.note { background: #fff8e5; border-left: 4px solid #e0b040; padding: 0.4rem 0.8rem;
        font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.25rem 0.6rem; text-align: left;
         vertical-align: top; }
th { background: #f5f5f5; }
td.num { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
figure { margin: 1rem 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #666; font-size: 0.85rem; }
.words { font-weight: 600; }
.wide { overflow-x: auto; }
table.compact { font-size: 0.8rem; }
table.compact th, table.compact td { padding: 0.2rem 0.4rem; }
ol.refs { font-size: 0.85rem; color: #444; }
.bar { position: relative; display: inline-block; width: 7rem; height: 0.75rem;
       background: #f2f2f2; vertical-align: middle; }
.bar::after { content: ""; position: absolute; left: 50%; top: -2px; bottom: -2px;
              border-left: 1px solid #888; }
.bar span { position: absolute; top: 0; bottom: 0; }
.val { display: inline-block; width: 3.2em; text-align: right; margin-right: 0.4rem; }
.ok { background: #eef6ee; border-left: 4px solid #5a9a5a; padding: 0.4rem 0.8rem;
      font-size: 0.9rem; }
footer { margin-top: 3rem; color: #888; font-size: 0.8rem; }
"""

_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


# -- numbers -----------------------------------------------------------------------------------


def _band(interval: tuple[float, float]) -> str:
    return f"[{number(interval[0])}, {number(interval[1])}]"


# -- what every report reads ---------------------------------------------------------------------


def hypothesis_nodes(post: Posterior) -> list[str]:
    """Return the unobserved hypothesis nodes of the posterior, in the model's order.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.report import hypothesis_nodes
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.5)
    >>> m.hypothesis("x", states=["a", "b"], prior={"a": 0.5, "b": 0.5})
    >>> m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    >>> hypothesis_nodes(m.infer())
    ['h', 'x']
    """
    return [
        n
        for n in post.nodes
        if post.model.nodes[n].role == "hypothesis" and n not in post.observations
    ]


def _labels(post: Posterior, node: str) -> list[tuple[str | None, str]]:
    """(state or None, label) for each state a report shows: the node itself when binary."""
    n = post.model.nodes[node]
    if n.binary:
        return [(None, node)]
    return [(s, f"{node}={s}") for s in n.states]


def competing(post: Posterior) -> tuple[ACH | None, str]:
    """Return the model's ACH matrix and the note that comes with it, computed once.

    ``(None, reason)`` when the model has nothing ACH can compare (no observed
    evidence, fewer than two hypotheses). When the model's binary hypotheses can
    hold together, the matrix compares their joint states and the note is the
    :class:`~likelihood.ACHWarning`'s text.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.report import competing
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.5)
    >>> competing(m.infer())
    (None, 'ACH needs observed evidence: observe some evidence first')
    """

    def compute() -> tuple[ACH | None, str]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ACHWarning)
            try:
                table = post.ach()
            except ModelError as error:
                return None, str(error)
        notes = [str(w.message) for w in caught if issubclass(w.category, ACHWarning)]
        for w in caught:
            if not issubclass(w.category, ACHWarning):
                warnings.warn(w.message, w.category, stacklevel=3)
        return table, " ".join(notes)

    result: tuple[ACH | None, str] = post.compiled.remember(key(post, "ach"), compute)
    return result


# -- the summary table ---------------------------------------------------------------------------


def _caption(post: Posterior) -> str:
    title = post.model.title or "Posterior"
    if post.draws > 1:
        draws = f"{post.draws} draws, effective {post.ess:.0f}, seed {post.seed}"
    else:
        draws = "1 draw (no uncertain judgment)"
    return f"{title} — scale {post.model.scale.name}, {post.method} engine, {draws}"


def summary(post: Posterior, fmt: Literal["text", "markdown", "html"] = "text") -> str:
    """Return the table of :meth:`Posterior.summary`: each node's numbers, words and confidence.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.report import summary
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.3)
    >>> print(summary(m.infer(), "markdown").splitlines()[4])
    | h | hypothesis | 0.300 | [0.300, 0.300] | 0.000 | unlikely | high |
    """
    from likelihood._core.table import render

    header = ["node", "role", "probability", "90 % band", "MC error", "words", "confidence"]
    rows = []
    observed = post.observations
    for name in post.nodes:
        node = post.model.nodes[name]
        for _, label in _labels(post, name):
            d = post.describe(label)
            rows.append(
                [
                    label,
                    node.role,
                    number(d.value),
                    "observed" if name in observed else _band(d.interval),
                    number(post.mcse(label)),
                    str(d),
                    d.confidence,
                ]
            )
    return render(header, rows, fmt, caption=_caption(post))


# -- the text report -----------------------------------------------------------------------------


def _before_after(post: Posterior, label: str) -> str:
    after = post.describe(label)
    now = (
        f"{after} ({number(after.value)}), {after.confidence} confidence, "
        f"90 % band {_band(after.interval)}"
    )
    if not post.observations:
        return f"nothing observed: {now}"
    before = post.prior.describe(label)
    return f"before the evidence: {before} ({number(before.value)}); after: {now}"


def _contribution_lines(post: Posterior, node: str) -> list[str]:
    weights = contributions(post, node)
    if not weights:
        return ["  nothing observed that bears on it"]
    width = max(len(item) for item in weights)
    n = post.model.nodes[node]
    if n.binary:
        return [
            f"  {item:<{width}}  {signed(w):>6}  {post.model.nodes[item].text}".rstrip()
            for item, w in weights.items()
        ]
    columns = [max(len(s), 6) for s in n.states]
    head = "  ".join(f"{s:>{c}}" for s, c in zip(n.states, columns, strict=True))
    lines = [f"  {'evidence':<{width}}  {head}"]
    for item, per_state in weights.items():
        cells = "  ".join(
            f"{signed(per_state[s]):>{c}}" for s, c in zip(n.states, columns, strict=True)
        )
        lines.append(f"  {item:<{width}}  {cells}")
    return lines


def _some_flips(rows: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """At most *limit* flips, in their order, shared between observations and words.

    Reversed observations tend to move the answer most and would fill the list;
    the analyst also needs the words and grades that would change it.
    """
    if len(rows) <= limit:
        return rows
    kinds = [
        [r for r in rows if r["input"].startswith("observation ")],
        [r for r in rows if not r["input"].startswith("observation ")],
    ]
    chosen: list[dict[str, Any]] = []
    turn = 0
    while len(chosen) < limit and any(kinds):
        if kinds[turn % 2]:
            chosen.append(kinds[turn % 2].pop(0))
        turn += 1
    return [r for r in rows if any(r is c for c in chosen)]


def _flip_line(row: dict[str, Any]) -> str:
    return f"{row['input']}: {row['change']} -> {row['words']} ({number(row['probability'])})"


def _moves(post: Posterior, node: str) -> tuple[Table | None, str]:
    """Return the trajectory of a hypothesis node, or None and why it is not shown."""
    if len(post.observations) < 2:
        return None, "needs two observations"
    try:
        return trajectory(post, node), ""
    except ModelError as error:  # dates on some observations only, say: said, not raised
        return None, str(error)


def _trajectory_lines(post: Posterior, node: str) -> list[str]:
    table, why = _moves(post, node)
    if table is None:
        return [] if why == "needs two observations" else [f"How {node} moved: not shown: {why}"]
    info = table.info
    lines = [f"How {node} moved as the evidence arrived (90 % band):"]
    for t, arrived in enumerate(info["arrived"]):
        what = ", ".join(arrived) if t else "before the evidence"
        when = f" ({info['at'][t]})" if info["at"][t] is not None else ""
        cells = []
        for label in info["labels"]:
            path = info["paths"][label]
            head = f"{label.partition('=')[2]} " if len(info["labels"]) > 1 else ""
            change = path["probability"][t] - path["probability"][t - 1] if t else None
            cells.append(
                f"{head}{path['words'][t]} ({number(path['probability'][t])}"
                + (f", {change:+.3f}" if change is not None else "")
                + ")"
            )
        lines.append(f"  {t}. {what}{when}: " + "; ".join(cells))
    return lines


def text_report(post: Posterior) -> str:
    r"""Return the text report of :meth:`Posterior.text_report`.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.report import text_report
    >>> m = lk.Model(title="demo")
    >>> m.hypothesis("h", prior=0.5)
    >>> m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    >>> print(text_report(m.infer()).split("\n\n")[1])
    h
      before the evidence: between realistic possibility and likely (0.500); after: highly likely (0.800), high confidence, 90 % band [0.800, 0.800]
      Assessment: It is highly likely (≈80–≈90 %) that h holds. Analytical confidence: high.
      Readers: PHIA 'highly likely' (≈80–≈90 %): 73 % of 5,163 readers read it inside that band (median 90 %).
    What moved h (weight of evidence: log10 likelihood ratio, + supports it, - counts against it):
      e   +0.60
    What would change my mind about h (now highly likely):
      observation e: True → False -> highly unlikely (0.200)
    What to collect next for h:
      nothing left: every evidence and report node is observed
    """  # noqa: E501
    parts = [summary(post)]
    for node in hypothesis_nodes(post):
        n = post.model.nodes[node]
        lines = [f"{node}: {n.text}" if n.text else node]
        for state, label in _labels(post, node):
            lead = f"  {state}: " if state is not None else "  "
            lines.append(lead + _before_after(post, label))
        lines += _assessment_lines(post, node)
        lines.append(
            f"What moved {node} (weight of evidence: log10 likelihood ratio, "
            "+ supports it, - counts against it):"
        )
        lines += _contribution_lines(post, node)
        lines += _trajectory_lines(post, node)
        table = analysis(post, "flips", node)
        flipped = table.info["flips"]
        baseline = table.info["baseline"]
        left = 0
        if n.binary:
            lines.append(f"What would change my mind about {node} (now {baseline}):")
            if not flipped:
                lines.append("  none within one step")
            lines += [f"  {_flip_line(r)}" for r in _some_flips(flipped, FLIPS_SHOWN)]
            left = len(flipped) - FLIPS_SHOWN
        else:
            lines.append(f"What would change my mind about {node}:")
            for s in n.states:
                mine = [r for r in flipped if r["state"] == s]
                lines.append(f"  {node}={s} (now {baseline[s]}):")
                if not mine:
                    lines.append("    none within one step")
                lines += [f"    {_flip_line(r)}" for r in _some_flips(mine, STATE_FLIPS_SHOWN)]
                left += max(len(mine) - STATE_FLIPS_SHOWN, 0)
        if left > 0:
            lines.append(f"  ... and {left} more (all of them in --json and --report)")
        voi = analysis(post, "value_of_information", node)
        whole = "" if n.binary else f" (all its states: {', '.join(n.states)})"
        lines.append(f"What to collect next for {node}{whole}:")
        if not len(voi):
            lines.append("  nothing left: every evidence and report node is observed")
        for row in list(voi)[:5]:
            lines.append(
                f"  {row['evidence']}: {number(row['information (bits)'])} bits, "
                f"expected change {number(row['expected change'])}"
            )
        parts.append("\n".join(lines))
    if any(_readers_of(post, node) for node in hypothesis_nodes(post)):
        parts.append(f"How readers read the words: {REMEDY}")
    parts.append("\n".join(_conflict_lines(post)))
    parts.append("\n".join(_account_lines(post)))
    parts += ["\n".join(_decision_lines(post, *pair)) for pair in decided(post)]
    return "\n\n".join(parts)


def _share(value: float) -> str:
    """Write a share of the draws as a percentage, never rounding to 0 % or 100 % falsely."""
    if math.isnan(value):
        return ""
    if 0.0 < value < 0.01:
        return "<1 %"
    if 0.99 < value < 1.0:
        return ">99 %"
    return f"{100 * value:.0f} %"


def _conflict_headline(post: Posterior, table: Table) -> str:
    """One sentence: conf(E), the ratio in words, the band and how often a draw conflicts."""
    info = table.info
    k = len(table)
    if info["flagged"]:
        said = (
            f"Conflict: the {k} observations are {ratio(info['ratio'])} times "
            "less likely together than apart"
        )
    else:
        said = (
            f"No conflict: the {k} observations are {ratio(1 / info['ratio'])} times as likely "
            "together as apart"
        )
    lo, hi = info["band"]
    numbers = f"conf(E) = {signed(info['conflict'])}"
    if post.draws > 1:
        numbers += (
            f"; {round(100 * info['confidence']):g} % band [{signed(lo)}, {signed(hi)}], "
            f"positive under {_share(info['positive'])} of the draws of the judgments"
        )
    return f"{said} ({numbers})"


def _conflict_lines(post: Posterior) -> list[str]:
    lines = [
        "Do the observations fit together? (Hugin's conflict conf(E) = log(∏ P(eᵢ) / P(E)), "
        "natural log; positive when they are less likely together than apart):"
    ]
    table, note = conflicting(post)
    if table is None:
        return [*lines, f"  {note}"]
    lines.append(f"  {_conflict_headline(post, table)}")
    lines.append(
        "  Dropping each observation (log P(e) / P(e | the others); + adds to the conflict):"
    )
    rows = list(table)
    width = max(len(r["observation"]) for r in rows)
    for row in rows[:CONFLICT_SHOWN]:
        if abs(row["conflict"]) < 0.005:
            how = "about as likely given the others as alone"
        elif row["conflict"] > 0:
            how = f"{ratio(row['ratio'])} times less likely given the others than alone"
        else:
            how = f"{ratio(1 / row['ratio'])} times as likely given the others as alone"
        lines.append(f"    {row['observation']:<{width}}  {signed(row['conflict'])}  ({how})")
    if len(rows) > CONFLICT_SHOWN:
        lines.append(f"    ... and {len(rows) - CONFLICT_SHOWN} more (all of them in --json)")
    return lines


#: Accounts the text report shows (the JSON and the HTML report show all that were ranked).
ACCOUNTS_SHOWN = 3


def _account_headline(post: Posterior, table: Table) -> str:
    """One sentence: the most probable account, its probability in words, its band, its share."""
    best = table[0]
    said = (
        f"{best['account']}: {best['words']} ({number(best['probability'])}"
        + (f", 90 % band {_band(best['band'])}" if post.draws > 1 else "")
        + ")"
    )
    if post.draws > 1:
        said += (
            f"; the most probable account under {_share(best['most probable in'])} of the "
            "draws of the judgments"
        )
    return said


def _account_lines(post: Posterior) -> list[str]:
    lines = ["The most probable account (the joint state of the hypotheses, given the evidence):"]
    table, note = accounted(post)
    if table is None:
        return [*lines, f"  none: {note}"]
    lines.append(f"  {_account_headline(post, table)}")
    rows = list(table)
    if len(rows) > 1:
        lines.append("  Runner-ups:")
        for row in rows[1:ACCOUNTS_SHOWN]:
            band = f", band {_band(row['band'])}" if post.draws > 1 else ""
            lines.append(
                f"    {row['account']}: {row['words']} ({number(row['probability'])}{band})"
            )
    return lines


def _account_dict(post: Posterior) -> dict[str, Any] | None:
    table, _ = accounted(post)
    if table is None:
        return None
    info = table.info
    return {
        "nodes": info["nodes"],
        "method": info["method"],
        "joint_states": info["joint states"],
        "confidence": info["confidence"],
        "accounts": [
            {
                "account": row["account"],
                "states": row["states"],
                "probability": row["probability"],
                "band": list(row["band"]),
                "words": row["words"],
                "most probable in": row["most probable in"],
            }
            for row in table
        ],
    }


# -- assessment sentences and how readers read the words ------------------------------------------

#: What the research supports doing about readers who read the words their own way.
REMEDY = (
    "readers who are not shown the scale read its words their own way (the CAPphrase survey, "
    "Kucharski 2026: 5,163 readers); giving the numbers in brackets after the word, as the "
    "assessments here do, raised readers' agreement with the intended range from 32 % to "
    "66 % (Wintle et al. 2019, PLoS ONE 14(4): e0213522)."
)


def _assessments(post: Posterior, node: str) -> list[tuple[str | None, Any]]:
    """Return the assessment sentences of each state shown (one for a binary node)."""
    out = []
    for state, label in _labels(post, node):
        out.append((state, post.assessment(label)))
    return out


def _readers_of(post: Posterior, node: str) -> list[tuple[str | None, Any]]:
    """Each state's readings by the survey's readers (only those the survey covers)."""
    out = []
    for state, label in _labels(post, node):
        found = post.readings(label)
        if found is not None:
            out.append((state, found))
    return out


def _answer_band_text(found: Any) -> str:
    if found.answer_band is None:
        return ""
    lo, hi = found.answer_band
    return (
        f"; {100 * found.inside_answer_band:.0f} % read it inside this answer's band "
        f"({lo:.3f}–{hi:.3f})"
    )


def _assessment_lines(post: Posterior, node: str) -> list[str]:
    lines = []
    for state, said in _assessments(post, node):
        lead = f"  Assessment ({state}): " if state is not None else "  Assessment: "
        lines.append(lead + said.text)
    for state, found in _readers_of(post, node):
        lead = f"  Readers ({state}): " if state is not None else "  Readers: "
        lines.append(lead + found.sentence().rstrip(".") + _answer_band_text(found) + ".")
    return lines


def _assessment_dict(post: Posterior, node: str) -> dict[str, Any]:
    def said(a: Any) -> dict[str, Any]:
        return {
            "text": a.text,
            "likelihood": a.likelihood,
            "confidence": a.confidence,
            "rule": a.rule,
        }

    def read(r: Any) -> dict[str, Any] | None:
        if r is None:
            return None
        return {
            "word": r.word,
            "scale": r.scale,
            "band": None if r.band is None else list(r.band),
            "survey": r.survey,
            "readers": r.readers,
            "median": r.median,
            "quartiles": list(r.quartiles),
            "inside": r.inside,
            "below": r.below,
            "above": r.above,
            "answer_band": None if r.answer_band is None else list(r.answer_band),
            "inside_answer_band": r.inside_answer_band,
            "sentence": r.sentence(),
        }

    n = post.model.nodes[node]
    if n.binary:
        return {"assessment": said(post.assessment(node)), "readers": read(post.readings(node))}
    return {
        "assessment": {s: said(a) for s, a in post.assessment(node).items()},
        "readers": {s: read(r) for s, r in post.readings(node).items()},
    }


def _assessment_html(post: Posterior, hypotheses: list[str]) -> list[str]:
    if not hypotheses:
        return []
    parts = ["<h2>Assessment</h2>"]
    rule = post.assessment(_labels(post, hypotheses[0])[0][1]).rule
    parts.append(
        "<p>The sentences an analyst would write, in the conventions of the scale "
        f"({_e(rule)}).</p>"
    )
    parts.append('<ul class="assessment">')
    for node in hypotheses:
        for state, said in _assessments(post, node):
            label = node if state is None else f"{node}={state}"
            parts.append(f"<li><b>{_e(label)}</b>: {_e(said.text)}</li>")
    parts.append("</ul>")
    found = [(node, state, r) for node in hypotheses for state, r in _readers_of(post, node)]
    if found:
        parts.append("<h3>How readers will read the words</h3>")
        parts.append(
            "<p>How the CAPphrase survey's readers (Kucharski 2026, CC BY 4.0) read each "
            "answer's word when they are not shown the scale: the share whose number falls "
            "inside the scale's band for the word, their median, and the share whose number "
            "falls inside the answer's own 90 % band. "
            + _e(REMEDY[0].upper() + REMEDY[1:])
            + "</p>"
        )
        parts += [
            _head(
                "hypothesis",
                "word",
                "scale's band",
                "readers inside it",
                "median reading",
                "inside the answer's band",
            ),
            "<tbody>",
        ]
        for node, state, r in found:
            label = node if state is None else f"{node}={state}"
            band = "" if r.band is None else f"{100 * r.band[0]:.0f}–{100 * r.band[1]:.0f} %"
            inside_answer = "" if r.answer_band is None else f"{100 * r.inside_answer_band:.0f} %"
            cells = [
                _e(label),
                _e(r.word),
                _e(band),
                _e(
                    f"{100 * r.inside:.0f} % (most read it {r.lean})"
                    if r.lean in ("lower", "higher")
                    else f"{100 * r.inside:.0f} %"
                ),
            ]
            cells += [_e(f"{100 * r.median:.0f} %"), _e(inside_answer)]
            parts.append(_row(cells, {4, 5}))
        parts.append("</tbody></table>")
    return parts


# -- decisions -----------------------------------------------------------------------------------


def _break_even_text(table: Table) -> str:
    """One sentence: where the best option changes with P(h), or that it does not."""
    info = table.info
    changes, h = info["break even"], info["hypothesis"]
    if changes is None:
        return ""
    if not changes:
        return f"{info['best']} is best at every probability of {h}."
    said = "; ".join(
        f"{c['below']} below P({h}) = {number(c['probability'])}, {c['above']} above"
        for c in changes
    )
    return f"Break-even: {said} (now {number(info['probability'])})."


def _option_line(post: Posterior, row: dict[str, Any]) -> str:
    words = f" ({row['nearest word']})" if row.get("nearest word") else ""
    band = f", 90 % band {row['band_text']}" if post.draws > 1 else ""
    best = f", best in {_share(row['best in'])} of the draws" if post.draws > 1 else ""
    return (
        f"{row['option']}: expected utility {utility(row['expected utility'])}{words}{band}{best}"
    )


def _rows_of_decision(table: Table) -> list[dict[str, Any]]:
    return [
        {**row, "band_text": f"{utility(row['band'][0])} to {utility(row['band'][1])}"}
        for row in table
    ]


def _decision_lines(post: Posterior, table: Table, voi: Table) -> list[str]:
    info = table.info
    decision = post.model.decisions[info["decision"]]
    head = f"Decision {decision.name}" + (f": {decision.text}" if decision.text else "")
    lines = [head, f"  best: {info['best']}"]
    for row in _rows_of_decision(table):
        mark = "  <- best" if row["best"] else ""
        lines.append(f"  {_option_line(post, row)}{mark}")
    even = _break_even_text(table)
    if even:
        lines.append(f"  {even}")
    lines.append(
        f"  Knowing {', '.join(decision.parents) or 'nothing more'} for certain would add "
        f"{utility(info['perfect information'])} to the expected utility."
    )
    lines.append(f"What to collect next for {decision.name} (value in utility):")
    if not len(voi):
        lines.append("  nothing left: every evidence and report node is observed")
    for row in list(voi)[:5]:
        change = (
            "would change the decision"
            if row["changes the decision"] == "yes"
            else ("would not change the decision")
        )
        lines.append(f"  {row['evidence']}: {utility(row['value'])} ({change})")
    return lines


def _decision_dict(post: Posterior) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for table, voi in decided(post):
        info = table.info
        decision = post.model.decisions[info["decision"]]
        out[decision.name] = {
            "text": decision.text,
            "options": list(decision.options),
            "depends_on": list(decision.parents),
            "best": info["best"],
            "expected_utility": {
                row["option"]: {
                    "mean": row["expected utility"],
                    "band": list(row["band"]),
                    "best_in": row["best in"],
                    **({"nearest_word": row["nearest word"]} if "nearest word" in row else {}),
                }
                for row in table
            },
            "break_even": info["break even"],
            "hypothesis": info["hypothesis"],
            "probability": info["probability"],
            "perfect_information": info["perfect information"],
            "value_of_information": [
                {
                    "evidence": row["evidence"],
                    "value": row["value"],
                    "band": list(row["band"]),
                    "changes_the_decision": row["changes the decision"] == "yes",
                    "best_if_seen": row["best if seen"],
                }
                for row in voi
            ],
        }
    return out


def _decision_html(post: Posterior) -> list[str]:
    pairs = decided(post)
    if not pairs:
        return []
    parts = ["<h2>Decisions</h2>"]
    parts.append(
        "<p>Each option's expected utility Σ P(s | E) U(option, s) over the states s of what "
        "its utilities depend on, the 90 % band of the same sum over the draws of the "
        "judgments, and the share of the draws under which the option is best. The "
        "break-even is the probability at which the best option changes; the value of an "
        "observation is what seeing it would add to the expected utility of the best "
        "option.</p>"
    )
    for table, voi in pairs:
        info = table.info
        decision = post.model.decisions[info["decision"]]
        title = f"Decision {decision.name}" + (f": {decision.text}" if decision.text else "")
        parts.append(f"<h3>{_e(title)}</h3>")
        parts.append(f'<p class="ok">Best: {_e(info["best"])}. {_e(_break_even_text(table))}</p>')
        parts += [_head("option", "expected utility", "90 % band", "best in"), "<tbody>"]
        for row in _rows_of_decision(table):
            words = f" ({row['nearest word']})" if row.get("nearest word") else ""
            name = f"<b>{_e(row['option'])}</b>" if row["best"] else _e(row["option"])
            cells = [name, _e(utility(row["expected utility"]) + words), _e(row["band_text"])]
            cells.append(_e(_share(row["best in"])))
            parts.append(_row(cells, {1, 2, 3}))
        parts.append("</tbody></table>")
        parts.append(
            f"<p>Knowing {_e(', '.join(decision.parents) or 'nothing more')} for certain "
            f"would add {_e(utility(info['perfect information']))} to the expected utility.</p>"
        )
        if len(voi):
            parts += [_head("observation", "value in utility", "changes the decision"), "<tbody>"]
            for row in voi:
                cells = [_e(row["evidence"]), _e(utility(row["value"]))]
                cells.append(_e(row["changes the decision"]))
                parts.append(_row(cells, {1}))
            parts.append("</tbody></table>")
    return parts


# -- JSON ----------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """JSON-ready data: floats as floats (non-finite as None), tuples as lists, keys as str."""
    import numpy as np

    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        x = float(value)
        return x if math.isfinite(x) else None
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    return str(value)


def _listify(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return {k: _listify(v) for k, v in value.items()}
    return value


def _answer(post: Posterior, node: str) -> dict[str, Any]:
    """Probability, band, words and confidence of a node (``{state: ...}`` for several states)."""
    described = post.describe(node)
    binary = post.model.nodes[node].binary
    return {
        "probability": post.probability(node),
        "interval": _listify(post.interval(node, BAND)),
        "words": str(described) if binary else {s: str(d) for s, d in described.items()},
        "confidence": (
            described.confidence if binary else {s: d.confidence for s, d in described.items()}
        ),
    }


def _analyses(post: Posterior, node: str) -> dict[str, Any]:
    n = post.model.nodes[node]
    weights = contributions(post, node)
    if n.binary:
        moved = [{"evidence": e, "log10 likelihood ratio": w} for e, w in weights.items()]
    else:
        moved = [
            {"evidence": e, "state": s, "log10 likelihood ratio": w[s]}
            for e, w in weights.items()
            for s in n.states
        ]
    entry: dict[str, Any] = {"text": n.text, "states": list(n.states)}
    entry["prior"] = _answer(post.prior, node)
    entry["posterior"] = _answer(post, node)
    entry.update(_assessment_dict(post, node))
    entry["contributions"] = moved
    entry["sensitivity"] = analysis(post, "sensitivity", node).rows
    entry["attribution"] = analysis(post, "attribution", node).rows
    entry["flips"] = analysis(post, "flips", node).rows
    entry["value_of_information"] = analysis(post, "value_of_information", node).rows
    moves, _ = _moves(post, node)
    entry["trajectory"] = None if moves is None else [_step(row) for row in moves.rows]
    return entry


def _step(row: dict[str, Any]) -> dict[str, Any]:
    """Return a trajectory's row as plain data: the band as a list."""
    out = {k: v for k, v in row.items() if k not in ("low", "high")}
    out["interval"] = [row["low"], row["high"]]
    return out


def _ach_dict(post: Posterior) -> dict[str, Any] | None:
    table, note = competing(post)
    if table is None:
        return None
    return {
        "hypotheses": list(table.hypotheses),
        "note": note or None,
        "prior": table.info.get("prior"),
        "items": {
            item: {
                "ratings": table.ratings[item],
                "ratios": table.ratios[item],
                "diagnosticity": table.diagnosticity[item],
            }
            for item in table.ratios
        },
        "inconsistency": table.inconsistency,
    }


def _conflict_dict(post: Posterior) -> dict[str, Any] | None:
    table, _ = conflicting(post)
    if table is None:
        return None
    info = table.info
    keys = ("conflict", "ratio", "band", "confidence", "positive", "together")
    entry: dict[str, Any] = {k: info[k] for k in keys}
    entry.update({"apart": info["apart"], "flagged": info["flagged"], "items": info["items"]})
    entry["observations"] = [
        {k: row[k] for k in ("observation", "observed", "alone", "given the others")}
        | {"conflict": row["conflict"], "ratio": row["ratio"], "band": list(row["band"])}
        for row in table
    ]
    return entry


def to_dict(post: Posterior, analyses: bool = False) -> dict[str, Any]:
    """Return the data of :meth:`Posterior.to_dict` (the JSON of ``likelihood run --json``).

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._view.report import to_dict
    >>> m = lk.Model()
    >>> m.hypothesis("h", prior=0.5)
    >>> m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    >>> data = to_dict(m.infer(), analyses=True)
    >>> data["hypotheses"]["h"]["prior"]["words"], data["hypotheses"]["h"]["posterior"]["words"]
    ('between realistic possibility and likely', 'highly likely')
    """
    nodes: dict[str, Any] = {}
    observed = post.observations
    for name in post.nodes:
        node = post.model.nodes[name]
        answer = _answer(post, name)
        entry: dict[str, Any] = {
            "role": node.role,
            "states": list(node.states),
            "probability": answer["probability"],
            "interval": answer["interval"],
            "mcse": post.mcse(name),
            "observed": (
                None
                if name not in observed
                else (observed[name] == "true" if node.binary else observed[name])
            ),
            "words": answer["words"],
            "confidence": answer["confidence"],
        }
        if node.text:
            entry["text"] = node.text
        nodes[name] = entry
    data: dict[str, Any] = {
        "title": post.model.title,
        "scale": post.model.scale.name,
        "method": post.method,
        "draws": post.draws,
        "seed": post.seed,
        "effective_draws": None if math.isinf(post.ess) else post.ess,
        "observed": dict(post.model.observed),
        "nodes": nodes,
    }
    if analyses:
        data["hypotheses"] = {node: _analyses(post, node) for node in hypothesis_nodes(post)}
        data["ach"] = _ach_dict(post)
        data["conflict"] = _conflict_dict(post)
        data["most_probable"] = _account_dict(post)
        if post.model.decisions:
            data["decisions"] = _decision_dict(post)
        return dict(_plain(data))
    return data


# -- HTML ----------------------------------------------------------------------------------------


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _en(value: float | None) -> str:
    """Return a number written for the page (``<0.001`` escaped)."""
    return _e(number(value))


def _eband(interval: tuple[float, float]) -> str:
    return _e(_band(interval))


def _figure(svg: str, caption: str) -> str:
    """Return a figure of the page: an ``<svg>`` element and its caption."""
    return f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>"


def _row(cells: list[str], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    return (
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(cells)
        )
        + "</tr>"
    )


def _head(*names: str) -> str:
    return "<table><thead><tr>" + "".join(f"<th>{_e(n)}</th>" for n in names) + "</tr></thead>"


def _words(d: Description) -> str:
    return f'<span class="words">{_e(d)}</span> ({_e(number(d.value))})'


def _answer_table(post: Posterior, hypotheses: list[str]) -> list[str]:
    observed = bool(post.observations)
    names = ["hypothesis", "what it says"]
    names += ["before the evidence", "after the evidence"] if observed else ["answer"]
    names += ["confidence", "probability", "90 % band", "Monte Carlo error"]
    parts = [_head(*names), "<tbody>"]
    for name in hypotheses:
        node = post.model.nodes[name]
        for _, label in _labels(post, name):
            d = post.describe(label)
            cells = [_e(label), _e(node.text)]
            if observed:
                cells.append(_words(post.prior.describe(label)))
            cells += [_words(d), _e(d.confidence), _en(d.value), _eband(d.interval)]
            cells.append(_en(post.mcse(label)))
            first_number = len(cells) - 3
            parts.append(_row(cells, {first_number, first_number + 1, first_number + 2}))
    parts.append("</tbody></table>")
    return parts


def _flips_html(post: Posterior, node: str) -> list[str]:
    n = post.model.nodes[node]
    table = analysis(post, "flips", node)
    flipped = table.info["flips"]
    baseline = table.info["baseline"]
    now = (
        baseline
        if isinstance(baseline, str)
        else ", ".join(f"{s}: {w}" for s, w in baseline.items())
    )
    parts = [f"<h3>{_e(node)} (now {_e(now)})</h3>"]
    if not flipped:
        parts.append("<p>None within one step.</p>")
        return parts
    several = not n.binary
    names = (["state"] if several else []) + ["input", "change", "probability", "words"]
    parts += [_head(*names), "<tbody>"]
    groups = [(s, [r for r in flipped if r["state"] == s]) for s in n.states] if several else []
    if not several:
        groups = [("", flipped)]
    hidden = 0
    for _, rows in groups:
        for row in rows[:HTML_FLIPS_SHOWN]:
            cells = [_e(row["state"])] if several else []
            cells += [_e(row["input"]), _e(row["change"])]
            cells += [_en(row["probability"]), _e(row["words"])]
            parts.append(_row(cells, {len(cells) - 2}))
        hidden += max(len(rows) - HTML_FLIPS_SHOWN, 0)
    parts.append("</tbody></table>")
    if hidden:
        parts.append(
            f"<p>… and {hidden} more that move the answer less (all of them in "
            "<code>likelihood run --json</code>).</p>"
        )
    return parts


def _attribution_html(post: Posterior, node: str) -> list[str]:
    n = post.model.nodes[node]
    table = analysis(post, "attribution", node)
    several = not n.binary
    rows = list(table)
    if several:
        shown = []
        for s in n.states:
            shown += [r for r in rows if r["state"] == s][:ATTRIBUTION_SHOWN]
    else:
        shown = rows[:ATTRIBUTION_SHOWN]
    if not shown:
        return []
    names = (["state"] if several else []) + [
        "judgment",
        "written",
        "share alone (first order)",
        "share with interactions (total)",
    ]
    parts = [
        f"<p>Which judgments' vagueness makes the band of {_e(node)} wide: the share of its "
        "variance each one explains (Sobol indices; the largest first).</p>",
        _head(*names),
        "<tbody>",
    ]
    for row in shown:
        cells = [_e(row["state"])] if several else []
        cells += [
            _e(row["judgment"]),
            _e(row["written"]),
            _en(max(row["first order"], 0.0)),
            _en(max(row["total"], 0.0)),
        ]
        parts.append(_row(cells, {len(cells) - 2, len(cells) - 1}))
    parts.append("</tbody></table>")
    return parts


#: ColorBrewer's RdBu, red to blue: the colours of matplotlib's "RdBu" colour map.
_RDBU = (
    "#67001f",
    "#b2182b",
    "#d6604d",
    "#f4a582",
    "#fddbc7",
    "#f7f7f7",
    "#d1e5f0",
    "#92c5de",
    "#4393c3",
    "#2166ac",
    "#053061",
)


def _shade(value: float, reach: float) -> tuple[str, str]:
    """Return the background (red against, blue for) and the text colour of an ACH cell.

    *value* is a log₁₀ likelihood ratio; ``±reach`` are the ends of the scale.

    Examples
    --------
    >>> from likelihood._view.report import _shade
    >>> _shade(0.0, 1.0), _shade(-1.0, 1.0), _shade(float("inf"), 1.0)
    (('#f7f7f7', '#222'), ('#67001f', '#fff'), ('#053061', '#fff'))
    """
    if math.isnan(value):
        value = 0.0
    at = (min(max(value / reach, -1.0), 1.0) + 1.0) / 2 * (len(_RDBU) - 1)
    low = min(int(at), len(_RDBU) - 2)
    share = at - low
    a, b = _RDBU[low], _RDBU[low + 1]
    mixed = "".join(
        f"{round(int(a[i : i + 2], 16) * (1 - share) + int(b[i : i + 2], 16) * share):02x}"
        for i in (1, 3, 5)
    )
    strong = not math.isfinite(value) or abs(value) > 0.6 * reach
    return f"#{mixed}", "#fff" if strong else "#222"


def _ach_html(post: Posterior) -> list[str]:
    table, note = competing(post)
    if table is None:
        return []
    parts = [
        "<h2>Competing hypotheses</h2>",
        "<p>Heuer's analysis of competing hypotheses: for each observed item and each "
        "hypothesis, the likelihood ratio P(item | hypothesis) / P(item | the others) and its "
        "rating — C consistent (ratio ≥ 2), N neutral, I inconsistent (≤ 1/2), II very "
        "inconsistent (≤ 1/10). The hypothesis with the least inconsistent evidence is the one "
        "to keep. Each cell is shaded by its ratio: blue where the item supports the "
        "hypothesis, red where it counts against it, the deeper the stronger.</p>",
    ]
    if note:
        parts.append(f'<p class="note">Note: {_e(note)}</p>')
    labels = table.hypotheses
    logs = {
        item: {h: math.log10(r) if r > 0 else -math.inf for h, r in table.ratios[item].items()}
        for item in table.ratios
    }
    finite = [abs(v) for row in logs.values() for v in row.values() if math.isfinite(v)]
    reach = max(max(finite, default=1.0), 0.5)
    heads = "".join(f"<th>{' &amp;<br>'.join(_e(p) for p in h.split(' & '))}</th>" for h in labels)
    parts.append(
        '<div class="wide"><table class="compact"><thead><tr><th>evidence</th>'
        f"{heads}<th>diagnosticity</th></tr></thead><tbody>"
    )
    for item in table.ratios:
        cells = [f"<td>{_e(item)}</td>"]
        for h in labels:
            background, ink = _shade(logs[item][h], reach)
            cells.append(
                f'<td class="num" style="background:{background};color:{ink}">'
                f"{_e(table.ratings[item][h])} ({ratio(table.ratios[item][h])})</td>"
            )
        cells.append(f'<td class="num">{_en(table.diagnosticity[item])}</td>')
        parts.append("<tr>" + "".join(cells) + "</tr>")
    scores = [str(table.inconsistency[h]) for h in labels]
    parts.append(_row(["<b>inconsistency</b>", *scores, ""], set(range(1, len(labels) + 1))))
    prior = table.info.get("prior")
    if isinstance(prior, dict):
        parts.append(
            _row(
                ["before the evidence", *(_en(prior[h]) for h in labels), ""],
                set(range(1, len(labels) + 1)),
            )
        )
    parts.append("</tbody></table></div>")
    return parts


def _conflict_bar(value: float, reach: float) -> str:
    """Return a bar from the middle: red to the right for conflict, blue to the left for support."""
    share = min(abs(value) / reach, 1.0) * 50 if reach > 0 and math.isfinite(value) else 50.0
    side = f"left:50%;width:{share:.1f}%" if value > 0 else f"right:50%;width:{share:.1f}%"
    colour = _RDBU[1] if value > 0 else _RDBU[8]
    return f'<span class="bar"><span style="{side};background:{colour}"></span></span>'


def _conflict_html(post: Posterior) -> list[str]:
    table, note = conflicting(post)
    parts = ["<h2>Do the observations fit together?</h2>"]
    if table is None:
        return [*parts, f"<p>Conflict among the observations {_e(note)}.</p>"]
    info = table.info
    headline = _conflict_headline(post, table)
    top = [r["observation"] for r in table if r["conflict"] > 0][:2]
    if info["flagged"] and top:
        headline += f". Dropping {' or '.join(top)} removes the most."
    kind = "note" if info["flagged"] else "ok"
    parts.append(f'<p class="{kind}">{_e(headline)}</p>')
    parts.append(
        "<p>Hugin's data-conflict measure conf(E) = log(∏ P(eᵢ) / P(E)) (natural log): "
        "positive when the observations are less likely together than each on its own — "
        "the classic sign of deception, a mistaken source or a wrong model. For each "
        "observation: its probability alone and given the others, and what dropping it "
        "removes from conf(E), log(P(e) / P(e | the others)); red bars add to the conflict, "
        "blue bars hold the others up.</p>"
    )
    rows = list(table)
    reach = max((abs(r["conflict"]) for r in rows if math.isfinite(r["conflict"])), default=1.0)
    parts += [
        _head(
            "observation",
            "observed",
            "alone",
            "given the others",
            "dropping it removes",
            "ratio",
            "what it says",
        ),
        "<tbody>",
    ]
    for row in rows:
        cells = [_e(row["observation"]), _e(row["observed"])]
        cells += [_en(row["alone"]), _en(row["given the others"])]
        cells.append(f'<span class="val">{_e(signed(row["conflict"]))}</span>')
        cells[-1] += _conflict_bar(row["conflict"], reach)
        cells += [_e(ratio(row["ratio"])), _e(row["text"])]
        parts.append(_row(cells, {2, 3, 4, 5}))
    parts.append("</tbody></table>")
    return parts


def _account_html(post: Posterior) -> list[str]:
    """Return the section on the most probable joint state of the hypotheses, and the next ones."""
    table, note = accounted(post)
    parts = ["<h2>The most probable account</h2>"]
    if table is None:
        return [*parts, f"<p>No account of the hypotheses: {_e(note)}.</p>"]
    parts.append(f'<p class="ok">{_e(_account_headline(post, table))}.</p>')
    parts.append(
        "<p>The joint state of the hypotheses that is most probable given the evidence (MAP; "
        "the other unobserved nodes summed out), and the runner-ups: each with its coherent "
        "probability and its words, the 90 % band of that probability over the draws of the "
        "judgments, and the share of the draws under which it is the most probable account. "
        "A binary hypothesis reads <i>h</i> when it holds, <i>~h</i> when it does not.</p>"
    )
    parts += [
        _head("", "account", "probability", "90 % band", "words", "most probable in"),
        "<tbody>",
    ]
    for row in table:
        cells = [_e(row["rank"]), _e(row["account"]), _en(row["probability"])]
        cells += [_eband(row["band"]), f'<span class="words">{_e(row["words"])}</span>']
        cells.append(_e(_share(row["most probable in"])))
        parts.append(_row(cells, {0, 2, 3, 5}))
    parts.append("</tbody></table>")
    return parts


def _trajectory_html(post: Posterior, hypotheses: list[str]) -> list[str]:
    """Return the section on how each hypothesis moved as the evidence came: figure, table."""
    from likelihood._view.plots import svg_trajectory

    shown = [(name, *_moves(post, name)) for name in hypotheses]
    if not any(table is not None or why != "needs two observations" for _, table, why in shown):
        return []
    parts = [
        "<h2>How the belief moved as the evidence arrived</h2>",
        "<p>Each step adds what arrived next (by the observations' dates, else in the order "
        "they were made) and gives the answer on the evidence so far, with its 90 % band; "
        "step 0 is the answer before the evidence.</p>",
    ]
    for name, table, why in shown:
        if table is None:
            parts.append(f"<p>{_e(name)}: not shown: {_e(why)}</p>")
            continue
        info = table.info
        several = len(info["labels"]) > 1
        parts.append(
            _figure(
                svg_trajectory(post, name),
                f"{name}: the answer after each arrival (line), its 90 % band (shaded) and "
                f"the words of {post.model.scale.name} behind it",
            )
        )
        dated = any(w is not None for w in info["at"])
        head = ["step", "arrived", *(["at"] if dated else [])]
        head += ["state"] if several else []
        head += ["words", "probability", "90 % band", "change"]
        parts += [_head(*head), "<tbody>"]
        for row in table:
            cells = [_e(row["step"]), _e(row["arrived"])]
            cells += [_e(row["at"] or "").replace("-", "\u2011")] if dated else []
            cells += [_e(row["state"])] if several else []
            change = "" if row["change"] is None else f"{row['change']:+.3f}"
            cells += [_e(row["words"]), _en(row["probability"])]
            cells += [_eband((row["low"], row["high"])), _e(change)]
            first = len(cells) - 3
            parts.append(_row(cells, {first, first + 1, first + 2}))
        parts.append("</tbody></table>")
    return parts


def render_report(post: Posterior) -> str:
    """Return the report of *post* as one HTML document."""
    from likelihood._view.plots import (
        svg_contributions,
        svg_model,
        svg_posterior,
        svg_scale,
        svg_sensitivity,
    )

    model = post.model
    title = model.title or "Analysis"
    hypotheses = hypothesis_nodes(post)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]
    draws = f"{post.draws} draws" if post.draws > 1 else "one exact evaluation"
    effective = f", effective draws {post.ess:.0f}" if post.draws > 1 else ""
    parts.append(
        f'<p class="meta">Scale: {_e(model.scale.name)} ({_e(model.scale.title)}). '
        f"Engine: {_e(post.method)}, {_e(draws)}{_e(effective)}"
        + (f", seed {_e(post.seed)}" if post.seed is not None else "")
        + ".</p>"
    )

    parts.append("<h2>Answer</h2>")
    parts += _answer_table(post, hypotheses)
    parts += _assessment_html(post, hypotheses)

    observed = model.observed
    if observed:
        parts.append("<h2>Observations</h2><ul>")
        for name, value in observed.items():
            how = how_observed(model, name)
            text = "" if model.nodes[name].soft else model.nodes[name].text
            parts.append(
                f"<li><b>{_e(name)}</b> = {_e(value)}"
                + (f" ({_e(how)})" if how else "")
                + (f" — {_e(text)}" if text else "")
                + "</li>"
            )
        parts.append("</ul>")

    parts.append("<h2>The network</h2>")
    parts.append(
        _figure(
            svg_model(model, post),
            "Each node with the probability of each state given the evidence (bars) and "
            "before it (ticks); observed nodes in grey",
        )
    )

    if hypotheses:
        parts.append("<h2>Each hypothesis</h2>")
        parts.append(
            _figure(
                svg_posterior(post, hypotheses),
                "How firmly the judgments support each value of each hypothesis' probability, "
                f"against the words of {model.scale.name}: the solid line is the answer given "
                "the evidence, the dashed line the answer before it, the bar the 90 % band"
                + (
                    "; a red dash-dotted line is a decision's break-even (the probability at "
                    "which its best option changes)"
                    if post.model.decisions
                    else ""
                ),
            )
        )

    moved = [name for name in hypotheses if contributions(post, name)]
    if moved:
        parts.append("<h2>What moved the answer</h2>")
        parts.append(
            _figure(
                svg_contributions(post, moved),
                "Each observation's weight of evidence on each hypothesis (log10 likelihood "
                "ratio, leaving that observation out): green supports it, red counts "
                "against it",
            )
        )

    parts += _trajectory_html(post, hypotheses)

    parts += _conflict_html(post)

    parts += _account_html(post)

    parts += _decision_html(post)

    parts.append("<h2>What would change my mind</h2>")
    parts.append(
        "<p>The smallest changes in the analyst's own terms — a word one step up or down "
        "its scale, an observation reversed, a source re-graded, an evidence strength one "
        "band — that would move each answer to other words; then how far each judgment's "
        "vagueness moves it (each judgment held at its 5th and at its 95th percentile), and "
        "which judgments make its band wide.</p>"
    )
    for name in hypotheses:
        parts += _flips_html(post, name)
        tornado = svg_sensitivity(post, name)
        if tornado:
            caption = f"{name}: the answer with each judgment at its 5th and at its 95th percentile"
            parts.append(_figure(tornado, caption))
        else:
            parts.append(
                f"<p>No judgment's vagueness moves {_e(name)} visibly: it keeps its answer with "
                "each judgment held at its 5th and at its 95th percentile.</p>"
            )
        parts += _attribution_html(post, name)

    parts += _ach_html(post)

    parts.append("<h2>What to collect next</h2>")
    collect = [(name, analysis(post, "value_of_information", name)) for name in hypotheses]
    if not any(len(table) for _, table in collect):
        parts.append("<p>Nothing left to collect: every evidence and report node is observed.</p>")
    for name, table in collect:
        if not len(table):
            continue
        n = model.nodes[name]
        whole = "" if n.binary else f" (all its states: {', '.join(n.states)})"
        parts.append(f"<h3>{_e(name)}{_e(whole)}</h3>")
        parts += [
            _head("evidence", "information (bits)", "expected change", "what it says"),
            "<tbody>",
        ]
        for row in table:
            cells = [_e(row["evidence"]), _en(row["information (bits)"])]
            cells += [_en(row["expected change"]), _e(row["text"])]
            parts.append(_row(cells, {1, 2}))
        parts.append("</tbody></table>")

    parts.append("<h2>Inputs</h2>")
    parts.append(_head("quantity", "as written", "read as", "scale", "source"))
    parts.append("<tbody>")
    sources: list[str] = []
    for parameter in model.parameters():
        d = parameter.distribution
        if isinstance(d, Judgment):
            reading = d.law()
            scale_name = d.origin.scale or ""
            citation = d.origin.citation or ""
        else:
            reading = (
                repr(d)
                if not hasattr(d, "lower")
                else (f"log10 likelihood ratio uniform on [{d.lower:g}, {d.upper:g}]")
            )
            scale_name = "enfsi" if parameter.label.endswith(": strength") else ""
            citation = ""
        if citation and citation not in sources:
            sources.append(citation)
        reference = f"[{sources.index(citation) + 1}]" if citation else ""
        parts.append(
            _row(
                [
                    _e(parameter.label),
                    _e(parameter.written),
                    _e(reading),
                    _e(scale_name),
                    reference,
                ]
            )
        )
    parts.append("</tbody></table>")
    if sources:
        parts.append('<ol class="refs">' + "".join(f"<li>{_e(c)}</li>" for c in sources) + "</ol>")

    parts.append("<h2>The scale</h2>")
    parts.append(model.scale.table("html"))
    if model.scale.kind == "probability":
        parts.append(_figure(svg_scale(model.scale), f"The terms of {model.scale.name}"))

    parts.append(
        f"<footer>Made with likelihood {_e(__version__)}. The probability of each answer is "
        "P(H | E) = ∫ P(H | E, θ) p(θ | E) dθ, averaged over the judgments' uncertainty θ; "
        "the band is the spread of P(H | E, θ) over p(θ | E).</footer></body></html>"
    )
    return "\n".join(parts)


def write_report(post: Posterior, path: str | Path) -> Path:
    """Write the report of *post* to *path* and return the path."""
    target = Path(path)
    target.write_text(render_report(post), encoding="utf-8")
    return target
