"""A self-contained HTML report of a posterior.

One file: figures inline as PNG data URIs, styles inline, no scripts, and a
Content-Security-Policy that forbids loading anything from outside the page.
Every text that came from the analyst (title, names, words, descriptions) is
escaped.
"""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from likelihood._core.judgment import Judgment

if TYPE_CHECKING:
    from likelihood._core.posterior import Posterior

__all__ = ["render_report", "write_report"]

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.meta { color: #666; font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.25rem 0.6rem; text-align: left;
         vertical-align: top; }
th { background: #f5f5f5; }
td.num { font-variant-numeric: tabular-nums; text-align: right; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; }
figcaption { color: #666; font-size: 0.85rem; }
.words { font-weight: 600; }
footer { margin-top: 3rem; color: #888; font-size: 0.8rem; }
"""

_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _figure(ax: Any, caption: str) -> str:
    import matplotlib.pyplot as plt

    figure = ax.get_figure()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{_e(caption)}">'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


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


def render_report(post: Posterior) -> str:
    """Return the report of *post* as one HTML document."""
    import matplotlib

    from likelihood import __version__
    from likelihood._view.plots import plot_contributions, plot_model, plot_posterior, plot_scale

    with matplotlib.rc_context({"figure.max_open_warning": 0}):
        model = post.model
        title = model.title or "Analysis"
        hypotheses = [
            n for n in post.nodes if model.nodes[n].role == "hypothesis" and n not in post._observed
        ]
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
        parts.append(
            "<table><thead><tr><th>hypothesis</th><th>what it says</th><th>words</th>"
            "<th>confidence</th><th>probability</th><th>90 % band</th><th>Monte Carlo error</th>"
            "</tr></thead><tbody>"
        )
        for name in hypotheses:
            node = model.nodes[name]
            labels = [name] if node.binary else [f"{name}={s}" for s in node.states]
            for label in labels:
                d = post.describe(label)
                lo, hi = post.interval(label)
                parts.append(
                    _row(
                        [
                            _e(label),
                            _e(node.text),
                            f'<span class="words">{_e(d)}</span>',
                            _e(d.confidence),
                            f"{post.probability(label):.3f}",
                            f"[{lo:.3f}, {hi:.3f}]",
                            f"{post.mcse(label):.2g}",
                        ],
                        {4, 5, 6},
                    )
                )
        parts.append("</tbody></table>")

        observed = model.observed
        if observed:
            parts.append("<h2>Observations</h2><ul>")
            for name, value in observed.items():
                text = model.nodes[name].text
                parts.append(
                    f"<li><b>{_e(name)}</b> = {_e(value)}"
                    + (f" — {_e(text)}" if text else "")
                    + "</li>"
                )
            parts.append("</ul>")

        parts.append("<h2>The network</h2>")
        parts.append(_figure(plot_model(model, post), "The network with each node's posterior"))

        parts.append("<h2>Each hypothesis</h2>")
        for name in hypotheses:
            node = model.nodes[name]
            labels = [name] if node.binary else [f"{name}={s}" for s in node.states]
            for label in labels:
                parts.append(
                    _figure(
                        plot_posterior(post, label),
                        f"{label}: the density of its probability over the judgments, "
                        f"against the words of {model.scale.name}",
                    )
                )

        evidence = [n for n in post._observed]
        if evidence and hypotheses:
            parts.append("<h2>What moved the answer</h2>")
            for name in hypotheses:
                node = model.nodes[name]
                if not node.binary:
                    continue
                parts.append(
                    _figure(
                        plot_contributions(post, name),
                        f"{name}: each observation's weight of evidence (log10 likelihood ratio)",
                    )
                )

        parts.append("<h2>What would change my mind</h2>")
        parts.append(
            "<p>The smallest changes in the analyst's own terms — a word one step up or down "
            "its scale, an observation reversed, a source re-graded, an evidence strength one "
            "band — that would move each answer to other words.</p>"
        )
        for label in post.hypotheses():
            table = post.flips(label)
            flipped = table.info["flips"]
            parts.append(f"<h3>{_e(label)} (now {_e(table.info['baseline'])})</h3>")
            if not flipped:
                parts.append("<p>None within one step.</p>")
            else:
                parts.append(
                    "<table><thead><tr><th>input</th><th>change</th><th>probability</th>"
                    "<th>words</th></tr></thead><tbody>"
                )
                for row in flipped:
                    cells = [_e(row["input"]), _e(row["change"]), f"{row['probability']:.3f}"]
                    parts.append(_row([*cells, _e(row["words"])], {2}))
                parts.append("</tbody></table>")
            parts.append(
                _figure(
                    post.plot_sensitivity(label),
                    f"{label}: the answer with each judgment at its 5th and 95th percentile",
                )
            )

        parts.append("<h2>What to collect next</h2>")
        collect = [(label, post.value_of_information(label)) for label in post.hypotheses()]
        if not any(len(table) for _, table in collect):
            parts.append(
                "<p>Nothing left to collect: every evidence and report node is observed.</p>"
            )
        for label, table in collect:
            if not len(table):
                continue
            parts.append(
                f"<h3>{_e(label)}</h3><table><thead><tr><th>evidence</th><th>information "
                "(bits)</th><th>expected change</th><th>what it says</th></tr></thead><tbody>"
            )
            for row in table:
                cells = [_e(row["evidence"]), f"{row['information (bits)']:.3f}"]
                cells += [f"{row['expected change']:.3f}", _e(row["text"])]
                parts.append(_row(cells, {1, 2}))
            parts.append("</tbody></table>")

        parts.append("<h2>Inputs</h2>")
        parts.append(
            "<table><thead><tr><th>quantity</th><th>as written</th><th>read as</th>"
            "<th>scale</th><th>source</th></tr></thead><tbody>"
        )
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
            parts.append(
                _row(
                    [
                        _e(parameter.label),
                        _e(parameter.written),
                        _e(reading),
                        _e(scale_name),
                        _e(citation),
                    ]
                )
            )
        parts.append("</tbody></table>")

        parts.append("<h2>The scale</h2>")
        parts.append(model.scale.table("html"))
        if model.scale.kind == "probability":
            parts.append(_figure(plot_scale(model.scale), f"The terms of {model.scale.name}"))

        parts.append(
            f"<footer>Made with likelihood {_e(__version__)}. Coherent probabilities are "
            "P(H | E) = ∫ P(H | E, θ) p(θ | E) dθ; the band is the spread of P(H | E, θ) "
            "over p(θ | E).</footer></body></html>"
        )
    return "\n".join(parts)


def write_report(post: Posterior, path: str | Path) -> Path:
    """Write the report of *post* to *path* and return the path."""
    target = Path(path)
    target.write_text(render_report(post), encoding="utf-8")
    return target
