"""Plots: beliefs against the scale's words, a scale, contributions, sensitivity, the network, ACH.

Matplotlib is imported inside the functions (``import likelihood`` never loads
it). Every function draws on ``ax`` when given, else on a new figure, and
returns the Axes. Text that came from the analyst (names, states, titles) is
drawn literally: no mathtext, no TeX, whatever the user's ``rcParams`` say.

Artists that tests and users may want to find carry a ``gid``:

* belief plots: ``"term:<words>"`` for a scale's term regions, ``"probability"``,
  ``"prior"``, ``"band"`` and ``"density"`` (with ``":<state>"`` appended for
  each state of a node with several states);
* ``"contribution:<item>"`` for a bar (``"contribution:<item>=<state>"`` per state);
* ``"low:<judgment>"`` and ``"high:<judgment>"`` for a tornado's bars (the
  answer with the judgment at its 5th and at its 95th percentile);
* ``"node:<name>"``, ``"source:<name>"``, ``"bar:<name>=<state>"``,
  ``"prior:<name>=<state>"`` and ``"edge:<parent>-><child>"`` in the network;
* ``"ach"`` for the matrix of competing hypotheses;
* ``"path"`` and ``"band"`` (``":<state>"`` per state) for a trajectory's belief
  path and its band, ``"term:<words>"`` for the scale's words behind it.

The HTML report draws the same figures as inline SVG, without matplotlib
(:func:`svg_model`, :func:`svg_posterior`, :func:`svg_contributions`,
:func:`svg_sensitivity`, :func:`svg_scale`): they place their marks with the
helpers the plots use, and carry the same gids as ``data-gid`` attributes.

The module also holds what the plots and the reports (:mod:`likelihood._view.report`,
which draws with this module) share: the one way numbers are written —
probabilities, shares, swings and bits with three decimals, ``<0.001`` and
``>0.999`` next to the ends (:func:`number`); weights of evidence signed with
two (:func:`signed`); likelihood ratios with three significant digits
(:func:`ratio`) — and each hypothesis' contributions, computed once per
posterior (:func:`contributions`).
"""

from __future__ import annotations

import contextlib
import math
import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from likelihood._core.describe import term_regions
from likelihood._core.scales import Scale
from likelihood._core.scales import scale as get_scale
from likelihood._defaults import SENSITIVITY_LEVELS
from likelihood._exceptions import ConditionError, ScaleError
from likelihood._view.common import analysis, contributions, number, ratio, signed

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from likelihood._core.model import Model
    from likelihood._core.posterior import Posterior
    from likelihood._core.table import ACH, Table

__all__ = [
    "draw_ach",
    "plot_ach",
    "plot_calibration",
    "plot_contributions",
    "plot_model",
    "plot_posterior",
    "plot_scale",
    "plot_sensitivity",
    "plot_trajectory",
    "svg_contributions",
    "svg_model",
    "svg_posterior",
    "svg_scale",
    "svg_sensitivity",
    "svg_trajectory",
]

_SHADES = ("#dbe7f3", "#f1e3cf")
_ROLE_COLOURS = {"hypothesis": "#4c72b0", "evidence": "#55a868", "report": "#dd8452"}
_OBSERVED = "#8c8c8c"
_LOW, _HIGH = "#d1804a", "#3b75af"  # the answer at a judgment's 5th / 95th percentile
_STATE_COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3")
#: The words for what the density of P(X | E, θ) shows.
SUPPORT = "how firmly the judgments support each value"
#: Rows a tornado chart shows at most (per state); the rest are counted in the subtitle.
TORNADO_ROWS = 10
#: Width (inches) a figure may take before its text is too small at a report's width.
PAGE_WIDTH = 9.6
_RC: dict[str, Any] = {"text.usetex": False, "text.parse_math": False, "figure.max_open_warning": 0}


@contextlib.contextmanager
def _rc() -> Iterator[None]:
    """Set the rcParams this module needs, and put back only those afterwards.

    Unlike :func:`matplotlib.rc_context`, nothing else is restored: a backend
    chosen (or made interactive, as Jupyter's inline backend does) while the
    first figure is drawn stays so.
    """
    import matplotlib

    params: Any = matplotlib.rcParams
    before = {key: params[key] for key in _RC}
    params.update(_RC)
    try:
        yield
    finally:
        params.update(before)


def _literal(ax: Axes) -> Axes:
    """Draw every text of *ax* literally: no mathtext, no TeX, whatever the rcParams say.

    The texts of the figure itself (a suptitle) and of its other axes are ours
    too when every axes of the figure is one this module drew (its panels and
    colour bars carry the gid ``"likelihood"``); a user's figure keeps its own.
    """
    from matplotlib.text import Text

    owners: list[Any] = [ax]
    figure = ax.get_figure()
    if figure is not None and all(a is ax or a.get_gid() == "likelihood" for a in figure.axes):
        owners += [a for a in figure.get_children() if a is not ax and not hasattr(a, "patch")]
        owners += [a for a in figure.axes if a is not ax]
    for owner in owners:
        for text in owner.findobj(Text):
            text.set_usetex(False)
            text.set_parse_math(False)
    return ax


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _kde(values: np.ndarray, weights: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Weighted Gaussian kernel density on an even grid over [0, 1], reflected at both ends.

    The draws are binned on the grid and the bins smoothed with a Gaussian of
    Scott's bandwidth (the weighted standard deviation times ``n_eff ** -1/5``),
    the binned form of :class:`scipy.stats.gaussian_kde`: the same curve at a
    small part of the cost.
    """
    values = np.asarray(values, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    if len(values) < 2 or np.ptp(values) < 1e-12:
        return np.zeros_like(grid)
    w = w / w.sum()
    mean = float(np.dot(w, values))
    sd = math.sqrt(max(float(np.dot(w, (values - mean) ** 2)), 0.0))
    n_eff = 1.0 / float(np.sum(w**2))
    step = float(grid[1] - grid[0])
    bandwidth = max(sd * n_eff ** (-1.0 / 5.0), step)
    edges = np.concatenate([grid - step / 2, [grid[-1] + step / 2]])
    counts, _ = np.histogram(np.clip(values, 0.0, 1.0), bins=edges, weights=w)
    half = min(int(math.ceil(4.0 * bandwidth / step)), len(grid) - 1)
    padded = np.pad(counts, half, mode="symmetric")
    offsets = np.arange(-half, half + 1) * step
    kernel = np.exp(-0.5 * (offsets / bandwidth) ** 2)
    kernel /= kernel.sum()
    smooth = np.convolve(padded, kernel, mode="same")[half : half + len(grid)]
    return np.asarray(smooth / step)


def _inches(ax: Axes) -> tuple[float, float]:
    """Return the size of *ax* in inches, as placed before the layout runs."""
    figure = ax.get_figure()
    dpi = float(figure.dpi) if figure is not None else 100.0
    return float(ax.bbox.width) / dpi, float(ax.bbox.height) / dpi


def _axes_width(ax: Axes) -> float:
    """Return the width of *ax* in inches, less room for the labels."""
    return max(_inches(ax)[0] * 1.1 - 0.6, 2.0)


def _below(ax: Axes) -> float:
    """Return the axes fraction just under the x label, where a legend below the plot goes."""
    return -0.62 / max(_inches(ax)[1] * 0.92, 0.5)


def _one_state(post: Posterior, name: str) -> tuple[str, int]:
    """Return the node and state index of *name*, which must name one state."""
    node, state = post.resolve(name)
    if state is None:
        states = post.model.nodes[node].states
        raise ConditionError(
            f"{node!r} has the states {', '.join(states)}; name one of them here, "
            f"e.g. {node}={states[0]}"
        )
    return node, state


def _observed_any(post: Posterior) -> bool:
    return bool(post.observations)


def _two_lines(words: str) -> str:
    """Break words into two lines at the space nearest their middle."""
    spaces = [i for i, c in enumerate(words) if c == " "]
    if not spaces:
        return words
    cut = min(spaces, key=lambda i: abs(i - len(words) / 2))
    return words[:cut] + "\n" + words[cut + 1 :]


def _shade_terms(ax: Axes, sc: Scale, width: float) -> None:
    """Shade each term of the scale behind the plot and name it above the plot (gaps left white).

    The names go on a second x axis at the top, in two lines; where they would
    overlap (a scale with many narrow terms, *width* inches of axes), they are
    written upright inside the plot instead.
    """
    shade = 0
    regions = [r for r in term_regions(sc) if r[3] in ("within", "reading")]
    for lo, hi, words, _ in regions:
        ax.axvspan(lo, hi, color=_SHADES[shade % 2], alpha=0.9, lw=0, gid=f"term:{words}")
        shade += 1
    centres = [(lo + hi) / 2 for lo, hi, _, _ in regions]
    labels = [_two_lines(words) for _, _, words, _ in regions]
    half = [
        max(_text_width(line, 7.5) for line in label.split("\n")) / 2 / width for label in labels
    ]
    fits = all(
        centres[i + 1] - centres[i] > half[i] + half[i + 1] + 0.01 for i in range(len(labels) - 1)
    )
    if fits:
        top = ax.secondary_xaxis("top")
        top.set_xticks(centres, labels, fontsize=7.5, color="#555555")
        top.tick_params(length=0, pad=2)
        return
    for (lo, hi, words, _), centre in zip(regions, centres, strict=True):
        ax.text(
            centre,
            0.985,
            words,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            rotation=90 if hi - lo < 0.12 else 0,
            fontsize=7.5,
            color="#555555",
            gid=f"label:{words}",
        )


def _rows_of(post: Posterior, names: str | Sequence[str]) -> list[tuple[str, str]]:
    """``(label, key)`` per row: a node with several states gives one row per state.

    The key names the row in the artists' gids: the state for the states of one
    node named alone, the label for a list of names.
    """
    if isinstance(names, str):
        node, state = post.resolve(names)
        n = post.model.nodes[node]
        if state is not None or n.binary:
            return [(names, "")]
        return [(f"{node}={s}", s) for s in n.states]
    rows = []
    for name in names:
        node, state = post.resolve(name)
        n = post.model.nodes[node]
        if state is not None or n.binary:
            rows.append((name, name))
        else:
            rows += [(f"{node}={s}", f"{node}={s}") for s in n.states]
    return rows


def plot_posterior(post: Posterior, name: str | Sequence[str], ax: Axes | None = None) -> Axes:
    """Draw how firmly the judgments support each value of P(name | E), over the scale's words.

    For a binary node or ``"node=state"``: the density of P(name | E, θ), the
    coherent probability as a line, the probability before the evidence as a
    dashed line, the 90 % band as a bar. For a node with several states named
    alone, or a list of names: one row each (a row per state), with its
    density, band, probability and prior, and the words and confidence in the
    row's label.
    """
    rows = _rows_of(post, name)
    with _rc():
        if len(rows) > 1 or not isinstance(name, str):
            title, xlabel = _beliefs_titles(post, name)
            return _literal(_plot_rows(post, rows, ax, title, xlabel))
        node, state = _one_state(post, name)
        ax = _axes(ax, (7.5, 3.9))
        _shade_terms(ax, post.model.scale, _axes_width(ax))
        values = post.values(node)[:, state]
        p = post.probability(name)
        lo, hi = post.interval(name, 0.9)
        grid = np.linspace(0.0, 1.0, 801)
        density = _kde(values, post.weights, grid)
        if density.any():
            ax.fill_between(grid, density, color="#4c72b0", alpha=0.35, lw=0)
            ax.plot(grid, density, color="#1f3b63", lw=1.5, gid="density", label=SUPPORT)
            top = float(density.max())
        else:
            top = 1.0
        ax.hlines(0.04 * top, lo, hi, color="#1f3b63", lw=5, gid="band", label="90 % band")
        ax.axvline(
            p,
            color="black",
            lw=1.8,
            gid="probability",
            label=f"given the evidence: {number(p)}",
        )
        if _observed_any(post):
            before = float(post.prior.probability(name))
            ax.axvline(
                before,
                color="#555555",
                lw=1.4,
                ls="--",
                gid="prior",
                label=f"before the evidence: {number(before)}",
            )
        _break_evens(ax, post, node, state, top)
        ax.set_xlim(0.0, 1.0)
        ax.set_ylim(0.0, 1.18 * top)
        ax.set_yticks([])
        ax.set_xlabel(f"probability of {name} given the evidence")
        ax.set_ylabel("support from the judgments")
        words = post.describe(name)
        ax.set_title(f"{name}: {words} ({words.confidence} confidence)")
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, _below(ax)),
            fontsize=8,
            frameon=False,
            ncol=2,
        )
        return _literal(ax)


#: The colour of a decision's break-even probability.
_BREAK_EVEN = "#c44e52"


def _break_even_marks(post: Posterior, node: str, state: int) -> list[tuple[str, float, str, str]]:
    """Return (decision, probability, best below, best above) for each break-even on *node*.

    The probability is of the state shown: of h (state 0) or of ~h (state 1).
    """
    from likelihood._core.decisions import break_even

    marks = []
    for decision in post.model.decisions.values():
        if decision.parents != (node,):
            continue
        for change in break_even(decision, post.model) or []:
            if state == 0:
                marks.append(
                    (decision.name, change["probability"], change["below"], change["above"])
                )
            else:
                marks.append(
                    (decision.name, 1.0 - change["probability"], change["above"], change["below"])
                )
    return marks


def _break_evens(ax: Axes, post: Posterior, node: str, state: int, top: float) -> None:
    """Mark where each decision that depends on *node* alone changes its best option."""
    box = {"facecolor": "white", "alpha": 0.8, "lw": 0, "pad": 0.5}
    for name, at, low, high in _break_even_marks(post, node, state):
        ax.axvline(
            at,
            color=_BREAK_EVEN,
            lw=1.6,
            ls="-.",
            gid=f"break-even:{name}:{at:.6g}",
            label=f"break-even of {name}: {number(at)}",
        )
        for shown, side in ((f"{low} \u2190  ", "right"), (f"  \u2192 {high}", "left")):
            ax.text(
                at, 1.12 * top, shown, ha=side, va="center", color="#8c2d30", fontsize=8, bbox=box
            )


def _beliefs(
    post: Posterior, rows: list[tuple[str, str]], grid: np.ndarray
) -> list[dict[str, Any]]:
    """Return what each row of a belief plot shows: density, band, probability, label."""
    before = post.prior if _observed_any(post) else None
    found = []
    for label, key in rows:
        node, state = _one_state(post, label)
        d = post.describe(label)
        found.append(
            {
                "key": key,
                "density": _kde(post.values(node)[:, state], post.weights, grid),
                "band": post.interval(label, 0.9),
                "probability": float(post.probability(label)),
                "before": None if before is None else float(before.probability(label)),
                "label": f"{key or label}\n{d}\n({d.confidence} confidence)",
            }
        )
    return found


def _plot_rows(
    post: Posterior, rows: list[tuple[str, str]], ax: Axes | None, title: str, xlabel: str
) -> Axes:
    """One row per label: density, band, probability and prior against the scale's words."""
    count = len(rows)
    ax = _axes(ax, (8.0, 2.2 + 0.95 * count))
    _shade_terms(ax, post.model.scale, _axes_width(ax) - 0.6)
    grid = np.linspace(0.0, 1.0, 801)
    beliefs = _beliefs(post, rows, grid)
    for k, row in enumerate(beliefs):
        base = count - 1 - k
        suffix = f":{row['key']}" if row["key"] else ""
        density = row["density"]
        first = k == 0
        if density.any():
            scaled = base + 0.78 * density / density.max()
            ax.fill_between(grid, base, scaled, color=_STATE_COLOURS[0], alpha=0.3, lw=0)
            ax.plot(
                grid,
                scaled,
                color="#1f3b63",
                lw=1.3,
                gid=f"density{suffix}",
                label=SUPPORT if first else "_nolegend_",
            )
        lo, hi = row["band"]
        ax.hlines(
            base + 0.05,
            lo,
            hi,
            color="#1f3b63",
            lw=5,
            gid=f"band{suffix}",
            label="90 % band" if first else "_nolegend_",
        )
        p = row["probability"]
        ax.vlines(
            p,
            base,
            base + 0.88,
            color="black",
            lw=1.8,
            gid=f"probability{suffix}",
            label="given the evidence" if first else "_nolegend_",
        )
        ax.text(p, base + 0.9, f" {number(p)}", fontsize=8, va="bottom", ha="left")
        if row["before"] is not None:
            ax.vlines(
                row["before"],
                base,
                base + 0.88,
                color="#555555",
                lw=1.4,
                ls="--",
                gid=f"prior{suffix}",
                label="before the evidence" if first else "_nolegend_",
            )
    labels = [row["label"] for row in beliefs]
    ax.set_yticks([count - 1 - k + 0.35 for k in range(count)], labels, fontsize=8.5)
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(-0.05, count + 0.15)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, _below(ax)),
        fontsize=8,
        frameon=False,
        ncol=2,
    )
    return ax


#: A scale with more terms than this is drawn one row per term (a survey's 17 or 19 phrases
#: on one axis cannot be told apart).
_ROWS_FROM = 10


def _plot_scale_rows(scale: Scale, terms: list[Any], ax: Axes | None) -> Axes:
    """One row per term, ordered by its mean: its distribution, range and mean."""
    from likelihood._core.judgment import judge

    judged = [(term, judge(term.name, scale=scale)) for term in terms]
    judged.sort(key=lambda tj: tj[1].mean())
    count = len(judged)
    ax = _axes(ax, (7.5, 0.9 + 0.34 * count))
    grid = np.linspace(0.0005, 0.9995, 1999)
    for k, (term, j) in enumerate(judged):
        if j.is_fixed:
            ax.vlines(float(j.mean()), k, k + 0.8, color="#1f3b63", lw=2, gid=f"term:{term.name}")
            continue
        density = np.asarray(j.pdf(grid))
        cap = float(np.quantile(density, 0.995)) * 1.5
        shape = np.minimum(density, cap) / cap
        ax.fill_between(grid, k, k + 0.85 * shape, color=_STATE_COLOURS[0], alpha=0.35, lw=0)
        ax.plot(grid, k + 0.85 * shape, color="#1f3b63", lw=1.1, gid=f"term:{term.name}")
        if term.range is not None:
            ax.hlines(k + 0.04, *term.range, color="#1f3b63", lw=3, gid=f"range:{term.name}")
        ax.vlines(j.mean(), k, k + 0.85, color="black", lw=1.0)
    ax.set_yticks([k + 0.3 for k in range(count)], [t.name for t, _ in judged], fontsize=8)
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(-0.2, count + 0.1)
    ax.set_xlabel(
        "probability (bar: the middle 90 % of the readers' numbers; line: the mean)"
        if scale.readings is not None
        else "probability (bar: the published range; line: the mean)"
    )
    ax.set_title(f"{scale.name}: {scale.title}", fontsize=9)
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    return ax


def plot_scale(sc: Scale | str, ax: Axes | None = None) -> Axes:
    """Draw every term's distribution on one axis, with the published ranges below.

    A scale of more than ten terms (a survey's phrases) gets one row per term instead,
    ordered by the term's mean.
    """
    from likelihood._core.judgment import judge

    scale = get_scale(sc)
    if scale.kind == "grading":
        raise ScaleError(
            f"{scale.name} is a grading scale: its grades have no distributions to plot"
        )
    with _rc():
        terms = [t for t in scale.terms if not t.uncertain]
        if scale.kind == "probability" and len(terms) > _ROWS_FROM:
            return _literal(_plot_scale_rows(scale, terms, ax))
        ax = _axes(ax, (7.5, 3.6))
        if scale.kind == "likelihood-ratio":
            for i, term in enumerate(scale.terms):
                lo, hi = term.range  # type: ignore[misc]
                hi = hi if np.isfinite(hi) else 10 * lo
                ax.barh(
                    i,
                    np.log10(hi) - np.log10(lo),
                    left=np.log10(lo),
                    color="#4c72b0",
                    gid=f"term:{term.name}",
                )
            ax.set_yticks(range(len(scale.terms)), [t.name for t in scale.terms])
            ax.set_xlabel("log₁₀ likelihood ratio")
            ax.set_title(f"{scale.name}: {scale.title}")
            return _literal(ax)
        grid = np.linspace(0.0005, 0.9995, 1999)
        peak = 0.0
        colours = [f"C{i % 10}" for i in range(len(terms))]
        for term, colour in zip(terms, colours, strict=True):
            j = judge(term.name, scale=scale)
            if j.is_fixed:
                ax.axvline(j.value, color=colour, lw=2, gid=f"term:{term.name}", label=term.name)  # type: ignore[arg-type]
                continue
            density = np.asarray(j.pdf(grid))
            cap = float(np.quantile(density, 0.995))
            ax.plot(
                grid,
                np.minimum(density, cap * 1.5),
                color=colour,
                lw=1.5,
                gid=f"term:{term.name}",
                label=term.name,
            )
            peak = max(peak, cap)
        peak = peak or 1.0
        for i, (term, colour) in enumerate(zip(terms, colours, strict=True)):
            if term.range is not None:
                y = -0.04 * peak * (1 + i % 4)
                ax.hlines(y, *term.range, color=colour, lw=3, gid=f"range:{term.name}")
        ax.set_xlim(0.0, 1.0)
        ax.set_ylim(-0.2 * peak, 1.6 * peak)
        ax.set_yticks([])
        ax.set_xlabel("probability (bars below: the published range of each term)")
        ax.set_ylabel("how the term is read")
        ax.set_title(f"{scale.name}: {scale.title}", fontsize=9)
        ax.legend(fontsize=8, frameon=False, ncol=2, loc="upper center")
        return _literal(ax)


def _before_after(post: Posterior, name: str) -> str:
    """'before the evidence: W (p)' and 'after: W (p)' on two lines (one without observations)."""
    after = post.describe(name)
    if not _observed_any(post):
        return f"{after} ({number(after.value)})"
    before = post.prior.describe(name)
    return (
        f"before the evidence: {before} ({number(before.value)})\n"
        f"after: {after} ({number(after.value)})"
    )


def _finite_reach(values: Sequence[float]) -> float:
    finite = [abs(v) for v in values if math.isfinite(v)]
    return max([*finite, 0.1])


def _weights(post: Posterior, label: str) -> dict[str, float]:
    """Each observation's weight of evidence on one label, from the report's shared analyses."""
    node, state = post.resolve(label)
    n = post.model.nodes[node]
    if n.binary or state is None:
        return dict(contributions(post, label))
    per_state = contributions(post, node)
    return {item: float(w[n.states[state]]) for item, w in per_state.items()}


def _contribution_bars(
    ax: Axes, weights: dict[str, float], reach: float, suffix: str, labels: bool
) -> None:
    """One bar per observation (green for, red against), its value at its end."""
    items = list(weights)
    for k, item in enumerate(items):
        value = float(weights[item])
        shown = float(np.clip(value, -1.15 * reach, 1.15 * reach))
        ax.barh(
            k,
            shown,
            height=0.7,
            color="#55a868" if value >= 0 else "#c44e52",
            gid=f"contribution:{item}{suffix}",
        )
        ax.text(
            shown,
            k,
            f" {signed(value)} ",
            va="center",
            ha="left" if value >= 0 else "right",
            fontsize=8,
        )
    ax.axvline(0.0, color="black", lw=0.8)
    ax.set_yticks(range(len(items)), items if labels else [""] * len(items))
    ax.set_ylim(len(items) - 0.5, -0.5)
    ax.set_xlim(-1.5 * reach, 1.5 * reach)


#: Panels side by side in a figure of contributions; more go on further rows.
PANELS_PER_ROW = 4


def plot_contributions(post: Posterior, name: str | Sequence[str], ax: Axes | None = None) -> Axes:
    """Draw each observation's weight of evidence on a hypothesis as a bar.

    Green bars support it, red bars count against it; the title gives the
    answer before and after the evidence. A node with several states named
    alone, or a list of names, gets one panel per state or name, side by side
    in a new figure (pass ``ax`` only for one); the first panel is returned.
    """
    rows = _rows_of(post, name)
    xlabel = (
        "weight of evidence: log₁₀ likelihood ratio, leaving each observation out\n"
        "(right of 0: supports it; left: counts against it)"
    )
    with _rc():
        if len(rows) == 1 and isinstance(name, str):
            weights = _weights(post, name)
            ax = _axes(ax, (7.5, 1.4 + 0.42 * max(len(weights), 1)))
            _contribution_bars(ax, weights, _finite_reach(list(weights.values())), "", True)
            ax.set_xlabel(xlabel)
            ax.set_title(f"What moved {name}\n{_before_after(post, name)}", fontsize=9.5)
            return _literal(ax)
        if ax is not None:
            raise ConditionError(
                f"{name!r} is drawn as one panel per state or name in a new figure; pass ax "
                "only with one hypothesis or one state (node=state)"
            )
        import matplotlib.pyplot as plt

        weights_of = {label: _weights(post, label) for label, _ in rows}
        items = list(weights_of[rows[0][0]])
        reach = _finite_reach([w for ws in weights_of.values() for w in ws.values()])
        columns = min(len(rows), PANELS_PER_ROW)
        lines = -(-len(rows) // columns)
        per_line = 1.3 + 0.4 * max(len(items), 1)
        figure, axes = plt.subplots(
            lines,
            columns,
            figsize=(min(2.4 + 2.3 * columns, PAGE_WIDTH), 0.6 + per_line * lines),
            layout="constrained",
            squeeze=False,
        )
        for panel in axes.flat:
            panel.set_gid("likelihood")
        before = post.prior if _observed_any(post) else None
        for j, (label, key) in enumerate(rows):
            panel = axes[j // columns, j % columns]
            suffix = f"={key}" if isinstance(name, str) else f" on {key}"
            _contribution_bars(panel, weights_of[label], reach, suffix, j % columns == 0)
            head = key if isinstance(name, str) else label
            after = float(post.probability(label))
            moved = f"{number(float(before.probability(label)))} → " if before else ""
            panel.set_title(f"{head}: {moved}{number(after)}", fontsize=9.5)
        for j in range(len(rows), lines * columns):
            axes[j // columns, j % columns].set_visible(False)
        figure.supxlabel(xlabel, fontsize=9)
        change = " (probability before the evidence → after)" if before is not None else ""
        what = post.resolve(name)[0] if isinstance(name, str) else "each hypothesis"
        figure.suptitle(f"What moved {what}{change}", fontsize=10)
        return _literal(axes[0, 0])


# -- the network -------------------------------------------------------------------------


_NAME_PT, _STATE_PT, _TITLE_PT = 9.5, 8.5, 11.0
_HEADER_H, _STATE_H, _PAD = 0.34, 0.22, 0.1
_GAP_X, _GAP_Y = 0.28, 0.55
_BAR_W, _VALUE_W = 0.5, 0.44


def _text_width(text: str, points: float, bold: bool = False) -> float:
    """Estimate the width of *text* in inches (DejaVu Sans: about 0.6 em a glyph)."""
    return len(text) * (0.64 if bold else 0.58) * points / 72.0


def _ranks(model: Model) -> dict[str, int]:
    """Return the layer of each node: its depth below the roots (a parent's layer plus one)."""
    depth: dict[str, int] = {}
    for name, node in model.nodes.items():  # parents come first
        depth[name] = 1 + max((depth[p] for p in node.parents), default=-1)
    return depth


class _Box:
    """One box of the network figure: a node or a source, its size and place (inches)."""

    def __init__(self, key: str, width: float, height: float) -> None:
        self.key = key
        self.width = width
        self.height = height
        self.x = 0.0  # centre
        self.top = 0.0

    @property
    def bottom(self) -> float:
        return self.top - self.height


def _layout(model: Model, box: dict[str, _Box]) -> list[list[str]]:
    """Rows of boxes, top to bottom: layers by depth, wide layers split, sources beside reports.

    Within a row, boxes are ordered by the mean place of their parents (the
    barycentre heuristic) so that arrows cross little.
    """
    ranks = _ranks(model)
    layers: dict[int, list[str]] = {}
    for name in model.nodes:
        layers.setdefault(ranks[name], []).append(name)
    placed_sources: set[str] = set()
    rows: list[list[str]] = []
    for rank in sorted(layers):
        names = layers[rank]
        x_of = {k: b.x for k, b in box.items() if any(k in r for r in rows)}

        def centre(n: str, x_of: dict[str, float] = x_of) -> float:
            parents = [x_of[p] for p in model.nodes[n].parents if p in x_of]
            return sum(parents) / len(parents) if parents else 0.0

        order = sorted(names, key=lambda n: (centre(n), names.index(n)))
        units: list[list[str]] = []
        for name in order:
            unit = [name]
            source = model.nodes[name].source
            if source and source not in placed_sources:
                unit.append(f"source:{source}")
                placed_sources.add(source)
            units.append(unit)
        row: list[str] = []
        width = 0.0
        for unit in units:
            extra = sum(box[k].width + _GAP_X for k in unit)
            if row and width + extra > PAGE_WIDTH:
                rows.append(row)
                _place_row(row, box, rows)
                row, width = [], 0.0
            row += unit
            width += extra
        if row:
            rows.append(row)
            _place_row(row, box, rows)
    leftover = [f"source:{s}" for s in model.sources if s not in placed_sources]
    if leftover:
        rows.append(leftover)
        _place_row(leftover, box, rows)
    return rows


def _place_row(row: list[str], box: dict[str, _Box], rows: list[list[str]]) -> None:
    """Give the boxes of the newest row their places: centred, below the row above."""
    previous = rows[-2] if len(rows) > 1 else []
    top = min((box[k].bottom for k in previous), default=0.0) - (_GAP_Y if previous else 0.0)
    total = sum(box[k].width for k in row) + _GAP_X * (len(row) - 1)
    left = -total / 2
    for k in row:
        box[k].x = left + box[k].width / 2
        box[k].top = top
        left += box[k].width + _GAP_X


def _hits(box: dict[str, _Box], skip: set[str], points: np.ndarray) -> bool:
    """Whether any of *points* (shape (k, 2)) falls inside a box other than those in *skip*."""
    margin = 0.04
    for key, b in box.items():
        if key in skip:
            continue
        inside = (
            (np.abs(points[:, 0] - b.x) < b.width / 2 + margin)
            & (points[:, 1] < b.top + margin)
            & (points[:, 1] > b.bottom - margin)
        )
        if inside.any():
            return True
    return False


def _route(
    box: dict[str, _Box],
    rows: list[list[str]],
    a: str,
    b: str,
    used: dict[tuple[str, float], int] | None = None,
) -> list[tuple[float, float]]:
    """Return the path of an arrow from box *a* down to box *b*, straight if nothing is in the way.

    Otherwise the arrow leaves *a* downwards, runs along the gap below *a*'s row to a
    free column between the boxes of the rows in between, down that column, and
    along the gap above *b*'s row into *b*. Arrows that share a column or a gap
    (counted in *used*) are set a little apart, so that each can be followed.
    """
    pa, pb = box[a], box[b]
    start, end = (pa.x, pa.bottom), (pb.x, pb.top)
    line = np.linspace(start, end, 80)
    if not _hits(box, {a, b}, line):
        return [start, end]
    used = {} if used is None else used

    def spread(kind: str, at: float, step: float) -> float:
        key = (kind, round(at, 3))
        count = used.get(key, 0)
        used[key] = count + 1
        return at + step * ((count + 2) % 5 - 2)

    row_of = {k: i for i, row in enumerate(rows) for k in row}
    first, last = row_of[a], row_of[b]
    y1 = spread("y", min(box[k].bottom for k in rows[first]) - _GAP_Y / 2, 0.05)
    y2 = spread("y", pb.top + _GAP_Y / 2, 0.05)
    between = [k for row in rows[first + 1 : last] for k in row]
    if not between:
        return [start, (pa.x, y1), (pb.x, y1), end]
    spans = sorted((box[k].x - box[k].width / 2, box[k].x + box[k].width / 2) for k in between)
    candidates = [spans[0][0] - 0.15, max(hi for _, hi in spans) + 0.15]
    candidates += [(hi + lo2) / 2 for (_, hi), (lo2, _) in zip(spans, spans[1:], strict=False)]
    free = [x for x in candidates if all(not (lo - 0.03 < x < hi + 0.03) for lo, hi in spans)]
    x = spread("x", min(free, key=lambda c: abs(c - pa.x) + abs(c - pb.x)), 0.04)
    return [start, (pa.x, y1), (x, y1), (x, y2), (pb.x, y2), end]


def _arrow(ax: Axes, path: list[tuple[float, float]], gid: str, dashed: bool = False) -> None:
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path

    arrow = FancyArrowPatch(
        path=Path(path),
        arrowstyle="-|>",
        color="#777777",
        lw=1.1,
        ls="--" if dashed else "-",
        mutation_scale=12,
        shrinkA=0,
        shrinkB=0,
        gid=gid,
        zorder=1,
    )
    ax.add_patch(arrow)


class _Network:
    """Where everything of the network figure goes: boxes, arrows and sizes, in inches (y up).

    The figure (:func:`plot_model`) and the report's drawing of it (:func:`svg_model`)
    both place their marks here, so that the two show one picture.
    """

    def __init__(self, model: Model, post: Posterior) -> None:
        self.model, self.post = model, post
        self.prior = post.prior if post.observations else None
        widest_state = max((len(s) for n in model.nodes.values() for s in n.states), default=4)
        self.label_w = max(_text_width("x" * widest_state, _STATE_PT), 0.3) + 0.1
        box: dict[str, _Box] = {}
        for name, node in model.nodes.items():
            inner = self.label_w + _BAR_W + self._value_w(name) + 2 * _PAD
            width = max(inner, _text_width(name, _NAME_PT, bold=True) + 2 * _PAD)
            height = _HEADER_H + _STATE_H * len(node.states) + _PAD
            box[name] = _Box(name, width, height)
        for name, src in model.sources.items():
            lines = [name, "source" + (f", grade {src.grade}" if src.grade else "")]
            width = max(_text_width(line, _NAME_PT, bold=True) for line in lines) + 2 * _PAD
            box[f"source:{name}"] = _Box(f"source:{name}", width, _HEADER_H + _STATE_H + _PAD)
        rows = _layout(model, box)
        used: dict[tuple[str, float], int] = {}
        arrows: list[tuple[list[tuple[float, float]], str, bool]] = []
        for name, node in model.nodes.items():
            for parent in node.parents:
                path = _route(box, rows, parent, name, used)
                arrows.append((path, f"edge:{parent}->{name}", False))
            if node.source:
                pa, pb = box[f"source:{node.source}"], box[name]
                if abs(pa.top - pb.top) < 1e-9:  # beside it, on the same row
                    mid = pa.top - pa.height / 2
                    side = 1.0 if pa.x > pb.x else -1.0
                    path = [(pa.x - side * pa.width / 2, mid), (pb.x + side * pb.width / 2, mid)]
                else:
                    path = _route(box, rows, f"source:{node.source}", name, used)
                arrows.append((path, f"edge:source:{node.source}->{name}", True))
        self.box, self.arrows = box, arrows
        xs = [x for path, _, _ in arrows for x, _ in path]
        left = min([b.x - b.width / 2 for b in box.values()] + xs) - 0.2
        right = max([b.x + b.width / 2 for b in box.values()] + xs) + 0.2
        self.bottom = min(b.bottom for b in box.values())
        self.width = max(right - left, 4.0)
        self.middle = (left + right) / 2
        self.heading = textwrap.fill(
            f"{model.title or 'The network'} (scale {model.scale.name})",
            max(int(self.width * 9), 30),
        )
        self.legend_h, self.title_h = 0.45, 0.27 + 0.19 * (self.heading.count("\n") + 1)
        self.height = -self.bottom + self.title_h + self.legend_h + 0.1

    def _value_w(self, name: str) -> float:
        return _text_width("observed ", _STATE_PT) if name in self.post.observations else _VALUE_W

    def states(
        self, name: str
    ) -> tuple[float, float, list[tuple[str, float, float, float | None, str]]]:
        """Return the bars' left end and width, and per state: y, probability, before, text."""
        node, b = self.model.nodes[name], self.box[name]
        observed = self.post.observations.get(name)
        values = self.post.probability(name)
        probs = (
            {"true": float(values), "false": 1.0 - float(values)} if node.binary else dict(values)
        )
        before = None
        if self.prior is not None and not observed:
            p0 = self.prior.probability(name)
            before = {"true": float(p0), "false": 1.0 - float(p0)} if node.binary else p0
        bar_x = b.x - b.width / 2 + _PAD + self.label_w
        bar_w = b.width - 2 * _PAD - self.label_w - self._value_w(name)
        rows = []
        for i, s in enumerate(node.states):
            y = b.top - _HEADER_H - _STATE_H * (i + 0.5)
            if observed:
                shown = "observed" if s == observed else ""
            else:
                shown = number(probs[s])
            tick = None if before is None else float(before[s])
            rows.append((s, y, float(probs[s]), tick, shown))
        return bar_x, bar_w, rows

    def legend(self) -> list[str]:
        """Return the legend's entries: ticks and grey only when something is observed."""
        entries = ["probability given the evidence", "before the evidence", "observed"]
        return entries if self.prior is not None else entries[:1]


def plot_model(model: Model, posterior: Posterior | None = None, ax: Axes | None = None) -> Axes:
    """Draw the network as boxes: each node's states with their probabilities as bars.

    Layers run top to bottom (roots first, a report's source beside it); each
    box holds the node's name and, for every state, a bar of its probability
    given the evidence with a tick at its probability before the evidence.
    Observed nodes have a grey bar, a bold frame and the word "observed" by
    the observed state. An arrow that would cross a box goes round it.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch, Patch, Rectangle

    post = posterior if posterior is not None else model.infer(seed=0)
    net = _Network(model, post)
    box = net.box

    with _rc():
        if ax is None:
            import matplotlib.pyplot as plt

            figure: Figure = plt.figure(figsize=(net.width, net.height))
            ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_xlim(net.middle - net.width / 2, net.middle + net.width / 2)
        ax.set_ylim(net.bottom - net.legend_h - 0.1, net.title_h)
        ax.set_aspect("equal", adjustable="box")
        ax.axis("off")

        for path, gid, dashed in net.arrows:
            _arrow(ax, path, gid, dashed=dashed)

        for name, src in model.sources.items():
            b = box[f"source:{name}"]
            ax.add_patch(
                FancyBboxPatch(
                    (b.x - b.width / 2, b.bottom),
                    b.width,
                    b.height,
                    boxstyle="round,pad=0,rounding_size=0.06",
                    facecolor="white",
                    edgecolor="#777777",
                    linestyle="--",
                    lw=1.2,
                    gid=f"source:{name}",
                    zorder=2,
                )
            )
            ax.text(
                b.x,
                b.top - _PAD,
                name,
                ha="center",
                va="top",
                fontsize=_NAME_PT,
                fontweight="bold",
                zorder=3,
            )
            grade = f"source, grade {src.grade}" if src.grade else "source"
            ax.text(
                b.x,
                b.top - _HEADER_H - _STATE_H / 2,
                grade,
                ha="center",
                va="center",
                fontsize=_STATE_PT,
                color="#444444",
                zorder=3,
            )

        for name, node in model.nodes.items():
            b = box[name]
            observed = post.observations.get(name)
            colour = _ROLE_COLOURS[node.role]
            x0 = b.x - b.width / 2
            ax.add_patch(
                FancyBboxPatch(
                    (x0, b.bottom),
                    b.width,
                    b.height,
                    boxstyle="round,pad=0,rounding_size=0.06",
                    facecolor="#f4f4f4" if observed else "white",
                    edgecolor=colour,
                    lw=2.6 if observed else 1.3,
                    gid=f"node:{name}",
                    zorder=2,
                )
            )
            ax.text(
                x0 + _PAD,
                b.top - _PAD,
                name,
                ha="left",
                va="top",
                fontsize=_NAME_PT,
                fontweight="bold",
                color="#1a1a1a",
                zorder=3,
            )
            if name not in post.nodes:
                continue
            bar_x, bar_w, states = net.states(name)
            for s, y, value, before, shown in states:
                ax.text(
                    bar_x - 0.06,
                    y,
                    s,
                    ha="right",
                    va="center",
                    fontsize=_STATE_PT,
                    color="#333333",
                    zorder=3,
                )
                ax.add_patch(
                    Rectangle(
                        (bar_x, y - 0.07),
                        bar_w,
                        0.14,
                        facecolor="#ececec",
                        edgecolor="none",
                        zorder=3,
                    )
                )
                ax.add_patch(
                    Rectangle(
                        (bar_x, y - 0.07),
                        bar_w * value,
                        0.14,
                        facecolor=_OBSERVED if observed else colour,
                        lw=0,
                        gid=f"bar:{name}={s}",
                        zorder=4,
                    )
                )
                if before is not None:
                    tick = bar_x + bar_w * before
                    ax.add_line(
                        Line2D(
                            [tick, tick],
                            [y - 0.1, y + 0.1],
                            color="black",
                            lw=1.4,
                            gid=f"prior:{name}={s}",
                            zorder=5,
                        )
                    )
                ax.text(
                    bar_x + bar_w + 0.05,
                    y,
                    shown,
                    ha="left",
                    va="center",
                    fontsize=_STATE_PT,
                    fontstyle="italic" if observed else "normal",
                    color="#1a1a1a",
                    zorder=3,
                )
        ax.text(
            net.middle,
            net.title_h / 2,
            net.heading,
            ha="center",
            va="center",
            fontsize=_TITLE_PT,
            fontweight="bold",
        )
        handles = [
            Patch(facecolor="#5a5a5a", label="probability given the evidence"),
            Line2D(
                [], [], color="black", marker="|", ls="none", ms=10, label="before the evidence"
            ),
            Patch(facecolor=_OBSERVED, edgecolor="#444444", lw=2.0, label="observed"),
        ][: len(net.legend())]  # nothing observed: nothing before the evidence, nothing grey
        ax.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=len(handles),
            frameon=False,
            fontsize=_STATE_PT,
            handlelength=1.4,
        )
        return _literal(ax)


# -- sensitivity ---------------------------------------------------------------------------


#: A swing below this shows as the same number at both ends: no visible move.
VISIBLE = 0.0005


#: The columns of a sensitivity table: the answer with a judgment at its low and high percentile.
_PERCENTILES = (
    f"at {SENSITIVITY_LEVELS[0] * 100:.0f}th percentile",
    f"at {SENSITIVITY_LEVELS[1] * 100:.0f}th percentile",
)


def _tornado_parts(
    table: Table, state: str | None, name: str, uncertain: int
) -> tuple[list[dict[str, Any]], float, str, str]:
    """Return a tornado's rows, the answer now, what it is about and its title (with notes).

    The rows are the judgments that move the answer visibly (at most
    :data:`TORNADO_ROWS`, widest first); the title counts those left out.
    """
    rows = [r for r in table if state is None or r.get("state") == state]
    moving = [r for r in rows if r["swing"] > 0]
    shown = [r for r in moving if r["swing"] >= VISIBLE][:TORNADO_ROWS]
    base = table.info["baseline"]
    base = float(base if state is None else base[state])
    cannot = uncertain - len(moving)
    notes = []
    if cannot > 0:
        notes.append(
            f"{cannot} judgment{'s' if cannot != 1 else ''} left out: "
            f"{'they cannot' if cannot != 1 else 'it cannot'} move it"
        )
    hidden = len(moving) - len(shown)
    if hidden > 0:
        smallest = shown[-1]["swing"] if shown else VISIBLE * 2
        verb = "moves" if hidden == 1 else "move"
        bound = number(smallest).lstrip("<")  # "by less than 0.001", not "than <0.001"
        notes.append(f"{hidden} more {verb} it by less than {bound}")
    label = name if state is None else f"{name}={state}"
    title = f"How far each judgment's vagueness moves {label} (now {number(base)})"
    if notes:
        title += "\n" + "\n".join(notes)
    return shown, base, label, title


def _tornado(
    ax: Axes,
    table: Table,
    state: str | None,
    name: str,
    uncertain: int,
    legend: bool = True,
) -> None:
    """Draw one tornado: the answer with each judgment at its 5th and 95th percentile."""
    shown, base, label, title = _tornado_parts(table, state, name, uncertain)
    low_name, high_name = _PERCENTILES
    for k, row in enumerate(shown):
        low, high = row[low_name], row[high_name]
        for value, colour, end, which in (
            (low, _LOW, "low", low_name),
            (high, _HIGH, "high", high_name),
        ):
            ax.barh(
                k,
                value - base,
                left=base,
                height=0.7,
                color=colour,
                gid=f"{end}:{row['judgment']}",
                label=f"judgment {which}" if k == 0 else None,
            )
            right = value > base or (value == base and end == "high")
            ax.text(
                value,
                k,
                f" {number(value)} ",
                va="center",
                ha="left" if right else "right",
                fontsize=7.5,
                color="#333333",
            )
    ax.axvline(base, color="black", lw=1.2, gid="probability", label=f"now {number(base)}")
    ax.set_yticks(range(len(shown)), [f"{r['judgment']} ({r['written']})" for r in shown])
    ax.set_ylim(len(shown) - 0.4 if shown else 0.6, -0.6)
    if shown:
        ends = [v for r in shown for v in (r[low_name], r[high_name])]
        reach = max(max(abs(v - base) for v in ends), 0.002)
        ax.set_xlim(min(ends) - 0.45 * reach, max(ends) + 0.45 * reach)
        ticks = [t for t in ax.get_xticks() if -1e-9 <= t <= 1 + 1e-9]
        ax.set_xticks(ticks)
    else:
        ax.text(
            0.5,
            0.5,
            "no judgment moves it visibly",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=9,
        )
        ax.set_yticks([])
        ax.set_xlim(max(base - 0.05, 0.0), min(base + 0.05, 1.0))
    ax.set_title(title, fontsize=9.5)
    ax.set_xlabel(f"P({label} | evidence) with one judgment held at a percentile")
    if legend:
        handles, names = ax.get_legend_handles_labels()
        order = sorted(range(len(names)), key=lambda i: names[i].startswith("now"))
        ax.legend(
            [handles[i] for i in order],
            [names[i] for i in order],
            loc="upper center",
            bbox_to_anchor=(0.5, _below(ax)),
            fontsize=8,
            frameon=False,
            ncol=3,
        )


def plot_sensitivity(post: Posterior, name: str, ax: Axes | None = None) -> Axes:
    """Draw the sensitivity table as a tornado chart around P(name | E).

    Each judgment that can move the answer gets a row: one bar to the answer
    with the judgment at its 5th percentile and one to the answer at its 95th,
    widest on top. Judgments that cannot move it are left out and counted in
    the title. A node with several states named alone gets one panel per state
    (in a new figure: pass ``ax`` only with ``"node=state"``); the first panel
    is returned.
    """
    node, state = post.resolve(name)
    table = analysis(post, "sensitivity", name)
    uncertain = sum(1 for p in post.compiled.parameters if not p.is_fixed)
    several = state is None and not post.model.nodes[node].binary
    with _rc():
        if not several:
            count = min(sum(1 for r in table if r["swing"] >= VISIBLE), TORNADO_ROWS)
            ax = _axes(ax, (8.5, 2.0 + 0.36 * max(count, 1)))
            _tornado(ax, table, None, name, uncertain)
            return _literal(ax)
        states = list(post.model.nodes[node].states)
        if ax is not None:
            raise ConditionError(
                f"{node!r} has several states and is drawn as one panel per state in a new "
                f"figure; pass ax only with one state, e.g. {node}={states[0]}"
            )
        import matplotlib.pyplot as plt

        counts = [
            max(
                min(
                    sum(1 for r in table if r["state"] == s and r["swing"] >= VISIBLE), TORNADO_ROWS
                ),
                1,
            )
            for s in states
        ]
        figure, axes = plt.subplots(
            len(states),
            1,
            figsize=(8.5, sum(1.3 + 0.36 * c for c in counts)),
            layout="constrained",
            gridspec_kw={"height_ratios": [1.3 / 0.36 + c for c in counts]},
            squeeze=False,
        )
        for k, (panel, s) in enumerate(zip(axes[:, 0], states, strict=True)):
            _tornado(panel, table, s, node, uncertain, legend=k == len(states) - 1)
            panel.set_gid("likelihood")
        return _literal(axes[0, 0])


# -- competing hypotheses ----------------------------------------------------------------------


def _wrap(label: str, width: int = 16) -> str:
    """Break a long label at ' & ' (a joint state) or spaces so that a column stays narrow."""
    parts = label.replace(" & ", " &\n").split("\n")
    lines: list[str] = []
    for part in parts:
        words = part.split(" ")
        line = ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return "\n".join(lines)


def draw_ach(table: ACH, ax: Axes | None = None, note: str = "") -> Axes:
    """Draw an ACH table as a heat map of log₁₀ likelihood ratios, each cell with its rating.

    Parameters
    ----------
    table : ACH
        What :meth:`Posterior.ach <likelihood.Posterior.ach>` returned.
    ax : matplotlib.axes.Axes, optional
    note : str, optional
        A line printed under the title (why the columns are joint states, say).

    Returns
    -------
    matplotlib.axes.Axes
    """
    items = list(table.ratios)
    labels = table.hypotheses
    with np.errstate(divide="ignore"):
        grid = np.array([[np.log10(table.ratios[i][h]) for h in labels] for i in items])
    with _rc():
        ax = _axes(ax, (min(2.6 + 1.5 * len(labels), PAGE_WIDTH), 1.6 + 0.5 * len(items)))
        finite = grid[np.isfinite(grid)]
        reach = max(float(np.nanmax(np.abs(finite))) if finite.size else 1.0, 0.5)
        image = ax.imshow(
            np.clip(np.nan_to_num(grid, nan=0.0), -reach, reach),
            cmap="RdBu",
            vmin=-reach,
            vmax=reach,
            aspect="auto",
        )
        image.set_gid("ach")
        for r, item in enumerate(items):
            for c, h in enumerate(labels):
                strong = abs(grid[r, c]) > 0.6 * reach if np.isfinite(grid[r, c]) else True
                ax.text(
                    c,
                    r,
                    f"{table.ratings[item][h]}\n{ratio(table.ratios[item][h])}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if strong else "black",
                )
        columns = [f"{_wrap(h)}\n(inconsistency {table.inconsistency[h]})" for h in labels]
        ax.set_xticks(range(len(labels)), columns, fontsize=8)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(items)), items, fontsize=8.5)
        title = (
            "Competing hypotheses: each item's likelihood ratio and rating\n"
            "(C consistent, N neutral, I inconsistent, II very inconsistent)"
        )
        if note:
            title += "\n" + textwrap.fill(note, 100)
        ax.set_title(title, fontsize=9)
        bar = ax.figure.colorbar(image, ax=ax, shrink=0.9)
        bar.set_label("log₁₀ likelihood ratio\n(blue: for, red: against)")
        bar.ax.set_gid("likelihood")
        return _literal(ax)


def plot_ach(post: Posterior, hypotheses: Any = None, ax: Axes | None = None) -> Axes:
    """Draw the ACH matrix as a heat map of log₁₀ likelihood ratios."""
    return draw_ach(post.ach(hypotheses), ax)


# -- the report's figures, drawn as SVG ----------------------------------------------------------
#
# The HTML report draws its figures as inline SVG: the same marks as the figures
# above (the shared helpers place them), written as text in a few milliseconds
# instead of rendered by matplotlib, which the report then never imports. The
# browser sets the text in the page's resolution, so the figures stay sharp
# when zoomed, and an analyst can search and copy their words.

#: The width of a report figure, in SVG pixels: the report's text column.
SVG_WIDTH = 900.0
_FONT = "DejaVu Sans, Verdana, Geneva, sans-serif"
_TAB10 = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
_INK, _GREY, _FRAME, _GRID = "#222222", "#555555", "#999999", "#e8e8e8"


def _px(text: str, size: float, bold: bool = False) -> float:
    """Estimate the width of *text* in pixels at a font size of *size* pixels."""
    return _text_width(text, size, bold) * 72.0


def _xml(text: Any) -> str:
    """Escape text for SVG inside HTML (both XML and HTML read it the same way)."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _c(value: float) -> str:
    """Write a coordinate: one decimal is finer than a pixel."""
    return f"{value:.1f}"


class _Svg:
    """An SVG drawing in pixels, y downwards; :meth:`render` returns the ``<svg>`` element."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    @staticmethod
    def _extra(gid: str | None, dash: str | None, opacity: float | None) -> str:
        extra = f' data-gid="{_xml(gid)}"' if gid else ""
        extra += f' stroke-dasharray="{dash}"' if dash else ""
        extra += f' opacity="{opacity:g}"' if opacity is not None else ""
        return extra

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str,
        *,
        stroke: str | None = None,
        width: float = 1.0,
        rx: float = 0.0,
        dash: str | None = None,
        opacity: float | None = None,
        gid: str | None = None,
    ) -> None:
        if w < 0:
            x, w = x + w, -w
        if h < 0:
            y, h = y + h, -h
        line = f' stroke="{stroke}" stroke-width="{width:g}"' if stroke else ""
        corner = f' rx="{rx:g}"' if rx else ""
        self.parts.append(
            f'<rect x="{_c(x)}" y="{_c(y)}" width="{_c(w)}" height="{_c(h)}" fill="{fill}"'
            f"{line}{corner}{self._extra(gid, dash, opacity)}/>"
        )

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        stroke: str,
        width: float = 1.0,
        *,
        dash: str | None = None,
        gid: str | None = None,
    ) -> None:
        self.parts.append(
            f'<line x1="{_c(x1)}" y1="{_c(y1)}" x2="{_c(x2)}" y2="{_c(y2)}" stroke="{stroke}" '
            f'stroke-width="{width:g}"{self._extra(gid, dash, None)}/>'
        )

    def polyline(
        self,
        points: Sequence[tuple[float, float]],
        stroke: str,
        width: float = 1.0,
        *,
        dash: str | None = None,
        gid: str | None = None,
    ) -> None:
        joined = " ".join(f"{_c(x)},{_c(y)}" for x, y in points)
        self.parts.append(
            f'<polyline points="{joined}" fill="none" stroke="{stroke}" stroke-width="{width:g}" '
            f'stroke-linejoin="round"{self._extra(gid, dash, None)}/>'
        )

    def polygon(
        self, points: Sequence[tuple[float, float]], fill: str, opacity: float | None = None
    ) -> None:
        joined = " ".join(f"{_c(x)},{_c(y)}" for x, y in points)
        self.parts.append(
            f'<polygon points="{joined}" fill="{fill}"{self._extra(None, None, opacity)}/>'
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 12.0,
        *,
        anchor: str = "start",
        va: str = "center",
        bold: bool = False,
        italic: bool = False,
        colour: str = _INK,
        rotate: bool = False,
    ) -> None:
        """Write *text* (lines split at newlines) at (x, y): *va* is top, center or bottom."""
        lines = text.split("\n")
        step = 1.2 * size
        block = (len(lines) - 1) * step + size
        top = {"top": y, "center": y - block / 2, "bottom": y - block}[va]
        style = f' text-anchor="{anchor}"' if anchor != "start" else ""
        style += ' font-weight="bold"' if bold else ""
        style += ' font-style="italic"' if italic else ""
        style += f' fill="{colour}"' if colour != _INK else ""
        for i, line in enumerate(lines):
            if not line:
                continue
            base = top + 0.8 * size + i * step
            if rotate:  # upright text, read bottom to top, centred on (x, y)
                turn = f' transform="rotate(-90 {_c(x)} {_c(y)})"'
                where = f'x="{_c(x)}" y="{_c(y + 0.35 * size)}"'
            else:
                turn, where = "", f'x="{_c(x)}" y="{_c(base)}"'
            self.parts.append(
                f'<text {where} font-size="{size:g}"{style}{turn}>{_xml(line)}</text>'
            )

    def legend(
        self,
        entries: Sequence[tuple[str, dict[str, Any]]],
        y: float,
        size: float = 12.0,
        *,
        width: float = SVG_WIDTH,
        columns: int = 0,
    ) -> float:
        """Draw legend entries centred in *width* from *y* down; return the y below them.

        Each entry is ``(text, mark)``: ``{"fill": colour}`` for a patch,
        ``{"tick": colour}`` for a tick, or ``{"stroke": colour, "width": w,
        "dash": ...}`` for a line. The entries run on as many lines as they
        need, or in a grid of *columns* of one width.
        """
        widths = [30 + _px(text, size) + 22 for text, _ in entries]
        if columns:
            widths = [max(widths)] * len(widths)
        lines: list[list[int]] = [[]]
        for i, w in enumerate(widths):
            used = sum(widths[j] for j in lines[-1])
            full = len(lines[-1]) == columns if columns else used + w > width - 40
            if lines[-1] and full:
                lines.append([])
            lines[-1].append(i)
        span = max(sum(widths[j] for j in row) for row in lines)
        for row in lines:
            x = (width - (span if columns else sum(widths[j] for j in row)) + 22) / 2
            for j in row:
                text, mark = entries[j]
                if "fill" in mark:
                    self.rect(x, y - 5, 22, 10, mark["fill"], stroke=mark.get("stroke"), width=1.5)
                elif "tick" in mark:
                    self.line(x + 11, y - 7, x + 11, y + 7, mark["tick"], 1.8)
                else:
                    line = mark["stroke"], mark.get("width", 2.0)
                    self.line(x, y, x + 22, y, *line, dash=mark.get("dash"))
                self.text(x + 28, y, text, size)
                x += widths[j]
            y += 1.6 * size
        return y

    def render(self, width: float, height: float, label: str) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{_xml(label)}" '
            f'font-family="{_FONT}" fill="{_INK}">' + "".join(self.parts) + "</svg>"
        )


def _ticks(lo: float, hi: float, most: int = 7) -> tuple[list[float], list[str]]:
    """Round tick values over [lo, hi] (at most *most*) and their labels, one way written."""
    span = max(hi - lo, 1e-12)
    raw = span / max(most - 1, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if span / (m * magnitude) <= most - 1:
            step = m * magnitude
            break
    decimals = next(d for d in range(12) if abs(round(step, d) - step) < 1e-9 * step)
    first = math.ceil(lo / step - 1e-9)
    values = []
    k = first
    while k * step <= hi + 1e-9 * step:
        values.append(round(k * step, 12))
        k += 1
    labels = [f"{v:.{decimals}f}".replace("-", "\u2212") for v in values]
    return values, [label if label != "\u22120" else "0" for label in labels]


def _axis(
    svg: _Svg,
    x: Any,
    left: float,
    right: float,
    top: float,
    bottom: float,
    ticks: tuple[list[float], list[str]],
    size: float = 11.5,
) -> None:
    """Draw a plot's frame, its vertical grid lines and the x axis' ticks below it."""
    for value, label in zip(*ticks, strict=True):
        at = x(value)
        if left - 0.5 <= at <= right + 0.5:
            svg.line(at, top, at, bottom, _GRID, 1.0)
            svg.line(at, bottom, at, bottom + 4, _FRAME, 1.0)
            svg.text(at, bottom + 6, label, size, anchor="middle", va="top", colour="#333333")
    svg.rect(left, top, right - left, bottom - top, "none", stroke=_FRAME, width=1.0)


def _bar_label(
    svg: _Svg,
    start: float,
    end: float,
    middle: float,
    text: str,
    rightwards: bool,
    frame: tuple[float, float],
    size: float = 11.5,
) -> None:
    """Write a bar's value just beyond its end, or inside it (in white) where the frame ends."""
    width = _px(text, size) + 4
    room = frame[1] - end if rightwards else end - frame[0]
    inside = room < width and abs(end - start) > width + 4
    if inside:
        rightwards = not rightwards
    svg.text(
        end + (4 if rightwards else -4),
        middle,
        text,
        size,
        anchor="start" if rightwards else "end",
        colour="white" if inside else "#333333",
    )


def _centred(text: str, size: float, left: float, right: float) -> float:
    """Return where to centre *text* under a plot from *left* to *right*, inside the figure."""
    half = max(_px(line, size) for line in text.split("\n")) / 2
    return min(max((left + right) / 2, half + 4), SVG_WIDTH - half - 4)


def _fit(label: str, size: float, room: float) -> str:
    """Break a label into lines no wider than *room* pixels (at most two; the rest kept)."""
    if _px(label, size) <= room:
        return label
    chars = max(int(room / (0.58 * size)), 8)
    lines = textwrap.wrap(label, chars)
    return "\n".join([*lines[:1], " ".join(lines[1:])]) if len(lines) > 1 else label


def svg_sensitivity(post: Posterior, name: str) -> str:
    """Return the tornado chart of :func:`plot_sensitivity` as an SVG element.

    One panel per state for a node with several states named alone, the legend
    once below them. An empty string when no judgment moves the answer visibly:
    a chart with no bars says nothing a sentence would not.
    """
    node, state = post.resolve(name)
    table = analysis(post, "sensitivity", name)
    uncertain = sum(1 for p in post.compiled.parameters if not p.is_fixed)
    if state is None and not post.model.nodes[node].binary:
        panels = [_tornado_parts(table, s, node, uncertain) for s in post.model.nodes[node].states]
    else:
        panels = [_tornado_parts(table, None, name, uncertain)]
    if not any(shown for shown, *_ in panels):
        return ""
    size = 13.0
    labels = [f"{r['judgment']} ({r['written']})" for shown, *_ in panels for r in shown]
    room = 0.45 * SVG_WIDTH
    widest = max([_px(label, size) for label in labels] + [60.0])
    left = 14 + min(widest, room) + 10
    right = SVG_WIDTH - 24
    two_lines = any(_px(label, size) > room for label in labels)
    row_h = 36.0 if two_lines else 27.0
    low_name, high_name = _PERCENTILES
    svg = _Svg()
    y = 8.0
    for shown, base, label, title in panels:
        head, *notes = title.split("\n")
        svg.text(SVG_WIDTH / 2, y, head, 15, anchor="middle", va="top")
        y += 20
        if notes:
            svg.text(
                SVG_WIDTH / 2, y, "\n".join(notes), 12.5, anchor="middle", va="top", colour=_GREY
            )
            y += 15 * len(notes)
        top = y + 6
        height = row_h * len(shown) if shown else 40.0
        bottom = top + height
        if shown:
            ends = [v for r in shown for v in (r[low_name], r[high_name])]
            reach = max(max(abs(v - base) for v in ends), 0.002)
            lo, hi = min(ends) - 0.45 * reach, max(ends) + 0.45 * reach
        else:
            lo, hi = max(base - 0.05, 0.0), min(base + 0.05, 1.0)

        def x(v: float, lo: float = lo, hi: float = hi) -> float:
            return left + (v - lo) / (hi - lo) * (right - left)

        values, texts = _ticks(lo, hi, 8)
        inside = [(v, t) for v, t in zip(values, texts, strict=True) if -1e-9 <= v <= 1 + 1e-9]
        _axis(svg, x, left, right, top, bottom, ([v for v, _ in inside], [t for _, t in inside]))
        for k, row in enumerate(shown):
            middle = top + row_h * (k + 0.5)
            svg.text(left - 8, middle, _fit(labels.pop(0), size, room), size, anchor="end")
            for end, column, colour in (("low", low_name, _LOW), ("high", high_name, _HIGH)):
                value = float(row[column])
                svg.rect(
                    x(base),
                    middle - 9,
                    x(value) - x(base),
                    18,
                    colour,
                    gid=f"{end}:{row['judgment']}",
                )
                outward = value > base or (value == base and end == "high")
                _bar_label(svg, x(base), x(value), middle, number(value), outward, (left, right))
        if shown:
            svg.line(x(base), top, x(base), bottom, "black", 1.6, gid="probability")
        else:
            words = "no judgment moves it visibly"
            svg.text((left + right) / 2, (top + bottom) / 2, words, 13, anchor="middle")
        xlabel = f"P({label} | evidence) with one judgment held at a percentile"
        svg.text(
            _centred(xlabel, 13, left, right), bottom + 25, xlabel, 13, anchor="middle", va="top"
        )
        y = bottom + 54
    y = svg.legend(
        [
            (f"judgment {low_name}", {"fill": _LOW}),
            (f"judgment {high_name}", {"fill": _HIGH}),
            (
                f"now {number(panels[0][1])}" if len(panels) == 1 else "the answer now",
                {"stroke": "black"},
            ),
        ],
        y + 4,
        13,
    )
    return svg.render(SVG_WIDTH, y, f"How far each judgment's vagueness moves {name}")


def svg_contributions(post: Posterior, names: str | Sequence[str]) -> str:
    """Return :func:`plot_contributions` as an SVG element: a panel per hypothesis or state."""
    rows = _rows_of(post, names)
    weights_of = {label: _weights(post, label) for label, _ in rows}
    items = list(weights_of[rows[0][0]])
    reach = _finite_reach([w for ws in weights_of.values() for w in ws.values()])
    before = post.prior if _observed_any(post) else None
    size = 13.0
    label_w = min(max([_px(item, size) for item in items] + [40.0]), 0.3 * SVG_WIDTH) + 14
    gap = 26.0
    columns = min(len(rows), PANELS_PER_ROW)
    while columns > 1 and (SVG_WIDTH - label_w - 34 - gap * (columns - 1)) / columns < 180:
        columns -= 1
    width = (SVG_WIDTH - label_w - 34 - gap * (columns - 1)) / columns
    parts = []
    for label, key in rows:
        moved = f"{number(float(before.probability(label)))} → " if before else ""
        parts.append(
            (key if isinstance(names, str) else label, moved + number(post.probability(label)))
        )
    heads = [f"{head}: {numbers}" for head, numbers in parts]
    if any(_px(h, 13) > width for h in heads):  # the name above its numbers, broken to fit
        chars = max(int(width / (0.58 * 13)), 8)
        heads = ["\n".join([*textwrap.wrap(f"{h}:", chars), n]) for h, n in parts]
    title_h = 16.5 * max(h.count("\n") + 1 for h in heads) + 6
    row_h = 30.0
    svg = _Svg()
    change = " (probability before the evidence → after)" if before is not None else ""
    what = post.resolve(names)[0] if isinstance(names, str) else "each hypothesis"
    svg.text(SVG_WIDTH / 2, 8, f"What moved {what}{change}", 15, anchor="middle", va="top")
    y = 36.0
    values, texts = _ticks(-1.5 * reach, 1.5 * reach, 5)
    for start in range(0, len(rows), columns):
        top = y + title_h
        bottom = top + row_h * max(len(items), 1)
        for k, item in enumerate(items):
            written = _fit(item, size, label_w - 14)
            svg.text(label_w, top + row_h * (k + 0.5), written, size, anchor="end")
        for j, (label, key) in enumerate(rows[start : start + columns]):
            left = label_w + 10 + j * (width + gap)
            right = left + width

            def x(v: float, left: float = left, right: float = right) -> float:
                return left + (v + 1.5 * reach) / (3 * reach) * (right - left)

            svg.text((left + right) / 2, y, heads[start + j], 13, anchor="middle", va="top")
            _axis(svg, x, left, right, top, bottom, (values, texts))
            suffix = f"={key}" if isinstance(names, str) else f" on {key}"
            for k, item in enumerate(items):
                value = float(weights_of[label][item])
                shown = float(np.clip(value, -1.15 * reach, 1.15 * reach))
                middle = top + row_h * (k + 0.5)
                svg.rect(
                    x(0.0),
                    middle - 0.35 * row_h,
                    x(shown) - x(0.0),
                    0.7 * row_h,
                    "#55a868" if value >= 0 else "#c44e52",
                    gid=f"contribution:{item}{suffix}",
                )
                frame = (left, right)
                _bar_label(svg, x(0.0), x(shown), middle, signed(value), value >= 0, frame)
            svg.line(x(0.0), top, x(0.0), bottom, "black", 1.0)
        y = bottom + 30
    y += 2
    svg.text(
        SVG_WIDTH / 2,
        y,
        "weight of evidence: log₁₀ likelihood ratio, leaving each observation out\n"
        "(right of 0: supports it; left: counts against it)",
        13,
        anchor="middle",
        va="top",
    )
    return svg.render(SVG_WIDTH, y + 38, f"What moved {what}")


def _beliefs_titles(post: Posterior, names: str | Sequence[str]) -> tuple[str, str]:
    """Return the title and axis label of a belief plot: the states of one node, or several."""
    if isinstance(names, str):
        node = post.resolve(names)[0]
        return (
            f"{node}: each state given the evidence",
            f"probability of each state of {node} given the evidence",
        )
    return "Each hypothesis given the evidence", "probability given the evidence"


def svg_posterior(post: Posterior, names: str | Sequence[str]) -> str:
    """Return the belief plot of several hypotheses or states (:func:`plot_posterior`) as SVG."""
    rows = _rows_of(post, names)
    title, xlabel = _beliefs_titles(post, names)
    grid = np.linspace(0.0, 1.0, 401)
    beliefs = _beliefs(post, rows, grid)
    size = 13.0
    label_w = max(_px(line, size) for row in beliefs for line in row["label"].split("\n"))
    left, right = min(label_w, 0.4 * SVG_WIDTH) + 26, SVG_WIDTH - 30
    count = len(rows)
    row_h = 90.0
    svg = _Svg()
    svg.text(SVG_WIDTH / 2, 8, title, 15, anchor="middle", va="top")

    def x(v: float) -> float:
        return left + v * (right - left)

    # the scale's words: shaded behind, named above (upright inside when they would overlap)
    regions = [r for r in term_regions(post.model.scale) if r[3] in ("within", "reading")]
    names_of = [_two_lines(words) for _, _, words, _ in regions]
    centres = [x((lo + hi) / 2) for lo, hi, _, _ in regions]
    half = [max(_px(line, 11.5) for line in n.split("\n")) / 2 for n in names_of]
    fits = all(
        centres[i + 1] - centres[i] > half[i] + half[i + 1] + 4 for i in range(len(regions) - 1)
    )
    top = 70.0 if fits else 36.0
    bottom = top + row_h * (count + 0.2)

    def y(v: float) -> float:
        return top + (count + 0.15 - v) * row_h

    for i, (lo, hi, words, _) in enumerate(regions):
        svg.rect(x(lo), top, x(hi) - x(lo), bottom - top, _SHADES[i % 2], gid=f"term:{words}")
    for (lo, hi, words, _), centre, shown in zip(regions, centres, names_of, strict=True):
        if fits:
            svg.text(centre, top - 4, shown, 11.5, anchor="middle", va="bottom", colour=_GREY)
        else:
            upright = hi - lo < 0.12
            where = top + 6 + (_px(words, 11.5) / 2 if upright else 0)
            svg.text(
                centre, where, words, 11.5, anchor="middle", va="top", colour=_GREY, rotate=upright
            )
    _axis(svg, x, left, right, top, bottom, _ticks(0.0, 1.0, 6))
    marked = False
    for k, row in enumerate(beliefs):
        base = count - 1 - k
        suffix = f":{row['key']}" if row["key"] else ""
        svg.line(left, y(base), right, y(base), "#bbbbbb", 0.8)
        density = row["density"]
        if density.any():
            heights = base + 0.78 * density / density.max()
            curve = [(x(g), y(h)) for g, h in zip(grid, heights, strict=True)]
            svg.polygon([(x(0.0), y(base)), *curve, (x(1.0), y(base))], _STATE_COLOURS[0], 0.3)
            svg.polyline(curve, "#1f3b63", 1.4, gid=f"density{suffix}")
        lo, hi = row["band"]
        svg.line(x(lo), y(base + 0.05), x(hi), y(base + 0.05), "#1f3b63", 6, gid=f"band{suffix}")
        p = row["probability"]
        svg.line(x(p), y(base), x(p), y(base + 0.88), "black", 2.2, gid=f"probability{suffix}")
        late = x(p) + 46 > right
        svg.text(
            x(p) + (-4 if late else 4),
            y(base + 0.9),
            number(p),
            11.5,
            anchor="end" if late else "start",
            va="bottom",
        )
        if row["before"] is not None:
            at = x(row["before"])
            svg.line(at, y(base), at, y(base + 0.88), _GREY, 1.6, dash="5 3", gid=f"prior{suffix}")
        svg.text(left - 10, y(base + 0.4), row["label"], size, anchor="end")
        node, state = _one_state(post, rows[k][0])
        for name, at, low, high in _break_even_marks(post, node, state):
            marked = True
            top_y = y(base + 0.97)
            gid = f"break-even:{name}:{at:.6g}"
            svg.line(x(at), y(base), x(at), top_y, _BREAK_EVEN, 1.8, dash="7 3 2 3", gid=gid)
            svg.text(x(at) - 4, top_y, f"{low} \u2190", 11, anchor="end", colour="#8c2d30")
            svg.text(x(at) + 4, top_y, f"\u2192 {high}", 11, anchor="start", colour="#8c2d30")
    svg.text((left + right) / 2, bottom + 25, xlabel, 13, anchor="middle", va="top")
    entries: list[tuple[str, dict[str, Any]]] = [
        (SUPPORT, {"stroke": "#1f3b63", "width": 1.6}),
        ("90 % band", {"stroke": "#1f3b63", "width": 6}),
        ("given the evidence", {"stroke": "black", "width": 2.2}),
    ]
    if _observed_any(post):
        entries.append(("before the evidence", {"stroke": _GREY, "width": 1.6, "dash": "5 3"}))
    if marked:
        style = {"stroke": _BREAK_EVEN, "width": 1.8, "dash": "7 3 2 3"}
        entries.append(("break-even of a decision", style))
    end = svg.legend(entries, bottom + 60, 13)
    return svg.render(SVG_WIDTH, end + 2, title)


def svg_model(model: Model, post: Posterior) -> str:
    """Return the network figure of :func:`plot_model` as an SVG element."""
    net = _Network(model, post)
    scale = 100.0  # pixels per inch: the figure at 100 dpi
    point = scale / 72.0
    origin = net.middle - net.width / 2

    def x(v: float) -> float:
        return (v - origin) * scale

    def y(v: float) -> float:
        return (net.title_h - v) * scale

    svg = _Svg()
    for path, gid, dashed in net.arrows:
        points = [(x(a), y(b)) for a, b in path]
        svg.polyline(points, "#777777", 1.1 * point, dash="6 4" if dashed else None, gid=gid)
        (x0, y0), (x1, y1) = points[-2], points[-1]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        head, half = 10.0, 4.0
        svg.polygon(
            [
                (x1, y1),
                (x1 - head * ux - half * uy, y1 - head * uy + half * ux),
                (x1 - head * ux + half * uy, y1 - head * uy - half * ux),
            ],
            "#777777",
        )
    for name, src in model.sources.items():
        b = net.box[f"source:{name}"]
        svg.rect(
            x(b.x - b.width / 2),
            y(b.top),
            b.width * scale,
            b.height * scale,
            "white",
            stroke="#777777",
            width=1.2 * point,
            rx=6,
            dash="6 4",
            gid=f"source:{name}",
        )
        svg.text(
            x(b.x), y(b.top - _PAD), name, _NAME_PT * point, anchor="middle", va="top", bold=True
        )
        grade = f"source, grade {src.grade}" if src.grade else "source"
        where = y(b.top - _HEADER_H - _STATE_H / 2)
        svg.text(x(b.x), where, grade, _STATE_PT * point, anchor="middle", colour="#444444")
    for name, node in model.nodes.items():
        b = net.box[name]
        observed = post.observations.get(name)
        colour = _ROLE_COLOURS[node.role]
        svg.rect(
            x(b.x - b.width / 2),
            y(b.top),
            b.width * scale,
            b.height * scale,
            "#f4f4f4" if observed else "white",
            stroke=colour,
            width=(2.6 if observed else 1.3) * point,
            rx=6,
            gid=f"node:{name}",
        )
        left = x(b.x - b.width / 2 + _PAD)
        svg.text(left, y(b.top - _PAD), name, _NAME_PT * point, va="top", bold=True)
        if name not in post.nodes:
            continue
        bar_x, bar_w, states = net.states(name)
        for s, at, value, before, shown in states:
            middle = y(at)
            svg.text(x(bar_x - 0.06), middle, s, _STATE_PT * point, anchor="end", colour="#333333")
            svg.rect(x(bar_x), middle - 7, bar_w * scale, 14, "#ececec")
            fill = _OBSERVED if observed else colour
            svg.rect(x(bar_x), middle - 7, bar_w * value * scale, 14, fill, gid=f"bar:{name}={s}")
            if before is not None:
                tick = x(bar_x + bar_w * before)
                gid = f"prior:{name}={s}"
                svg.line(tick, middle - 10, tick, middle + 10, "black", 1.4 * point, gid=gid)
            svg.text(
                x(bar_x + bar_w + 0.05), middle, shown, _STATE_PT * point, italic=bool(observed)
            )
    svg.text(
        x(net.middle),
        y(net.title_h / 2),
        net.heading,
        _TITLE_PT * point,
        anchor="middle",
        bold=True,
    )
    marks: list[dict[str, Any]] = [
        {"fill": "#5a5a5a"},
        {"tick": "black"},
        {"fill": _OBSERVED, "stroke": "#444444"},
    ]
    entries = list(zip(net.legend(), marks, strict=False))
    where = y(net.bottom - net.legend_h / 2 - 0.05)
    svg.legend(entries, where, _STATE_PT * point, width=net.width * scale)
    return svg.render(net.width * scale, net.height * scale, net.heading.replace("\n", " "))


def svg_scale(sc: Scale | str) -> str:
    """Return :func:`plot_scale` of a probability scale as an SVG element."""
    from likelihood._core.judgment import judge

    scale = get_scale(sc)
    if scale.kind != "probability":
        raise ScaleError(f"{scale.name} is a {scale.kind} scale: draw it with plot_scale")
    grid = np.linspace(0.0005, 0.9995, 400)
    terms = [t for t in scale.terms if not t.uncertain]
    curves: list[tuple[Any, str, float | np.ndarray]] = []
    peak = 0.0
    for i, term in enumerate(terms):
        j = judge(term.name, scale=scale)
        colour = _TAB10[i % 10]
        if j.is_fixed:
            curves.append((term, colour, float(j.value)))  # type: ignore[arg-type]
            continue
        density = np.asarray(j.pdf(grid))
        cap = float(np.quantile(density, 0.995))
        curves.append((term, colour, np.minimum(density, cap * 1.5)))
        peak = max(peak, cap)
    peak = peak or 1.0
    svg = _Svg()
    svg.text(SVG_WIDTH / 2, 8, f"{scale.name}: {scale.title}", 15, anchor="middle", va="top")
    entries = [(term.name, {"stroke": colour, "width": 2.4}) for term, colour, _ in curves]
    top = svg.legend(entries, 42, 12.5, columns=min(len(entries), 4)) + 4
    left, right = 40.0, SVG_WIDTH - 24
    bottom = top + 250

    def x(v: float) -> float:
        return left + v * (right - left)

    shapes = [shape for _, _, shape in curves if not isinstance(shape, float)]
    high = 1.08 * max((float(np.max(shape)) for shape in shapes), default=peak)

    def y(v: float) -> float:
        return bottom - (v + 0.2 * peak) / (high + 0.2 * peak) * (bottom - top)

    _axis(svg, x, left, right, top, bottom, _ticks(0.0, 1.0, 6))
    for i, (term, colour, shape) in enumerate(curves):
        if isinstance(shape, float):
            svg.line(x(shape), top, x(shape), bottom, colour, 2.4, gid=f"term:{term.name}")
        else:
            points = [(x(g), y(d)) for g, d in zip(grid, shape, strict=True)]
            svg.polyline(points, colour, 2.0, gid=f"term:{term.name}")
        if term.range is not None:
            level = y(-0.04 * peak * (1 + i % 4))
            lo, hi = term.range
            svg.line(x(lo), level, x(hi), level, colour, 4.0, gid=f"range:{term.name}")
    svg.text(16, (top + bottom) / 2, "how the term is read", 12, anchor="middle", rotate=True)
    svg.text(
        (left + right) / 2,
        bottom + 24,
        "probability (bars below: the published range of each term)",
        12.5,
        anchor="middle",
        va="top",
    )
    return svg.render(SVG_WIDTH, bottom + 48, f"The terms of {scale.name}")


# -- beliefs over time -------------------------------------------------------------------------


def _step_labels(table: Table, width: int = 14) -> list[str]:
    """Each step's label under the axis: what arrived (wrapped), and its date."""
    info = table.info
    labels = []
    for t, arrived in enumerate(info["arrived"]):
        if t == 0:
            labels.append("before the\nevidence")
            continue
        text = "\n".join(
            textwrap.wrap(", ".join(arrived), width, break_on_hyphens=False, break_long_words=False)
        )
        when = info["at"][t]
        labels.append(f"{text}\n{when}" if when is not None else text)
    return labels


def _trajectory_title(table: Table) -> str:
    info = table.info
    if len(info["labels"]) > 1:
        return f"{info['node']}: each state as the evidence arrived"
    path = info["paths"][info["labels"][0]]
    return (
        f"{info['name']} as the evidence arrived: {path['words'][0]} "
        f"({number(path['probability'][0])}) → {path['words'][-1]} "
        f"({number(path['probability'][-1])})"
    )


def plot_trajectory(post: Posterior, name: str, order: Any = None, ax: Axes | None = None) -> Axes:
    """Draw :meth:`Posterior.trajectory`: the belief path over the steps, its band, the words.

    The scale's terms are horizontal bands behind the path (named at the
    right); each step is labelled below with what arrived (and its date).
    """
    table = post.trajectory(name, order)
    info = table.info
    labels = info["labels"]
    steps = np.arange(len(info["arrived"]))
    with _rc():
        width = min(PAGE_WIDTH, max(6.5, 2.6 + 1.25 * len(steps)))
        ax = _axes(ax, (width, 4.6))
        shade = 0
        regions = [r for r in term_regions(post.model.scale) if r[3] in ("within", "reading")]
        for lo, hi, words, _ in regions:
            ax.axhspan(lo, hi, color=_SHADES[shade % 2], alpha=0.9, lw=0, gid=f"term:{words}")
            shade += 1
        right = ax.secondary_yaxis("right")
        right.set_yticks(
            [(lo + hi) / 2 for lo, hi, _, _ in regions],
            [_two_lines(w) if hi - lo > 0.09 else w for lo, hi, w, _ in regions],
            fontsize=7.5,
            color="#555555",
        )
        right.tick_params(length=0, pad=3)
        several = len(labels) > 1
        for k, label in enumerate(labels):
            path = info["paths"][label]
            suffix = f":{label.partition('=')[2]}" if several else ""
            colour = _STATE_COLOURS[k % len(_STATE_COLOURS)] if several else "#1f3b63"
            p = np.asarray(path["probability"], dtype=float)
            low = np.asarray(path["low"], dtype=float)
            high = np.asarray(path["high"], dtype=float)
            if np.isfinite(low).any():
                ax.fill_between(
                    steps,
                    low,
                    high,
                    color=colour,
                    alpha=0.25,
                    lw=0,
                    gid=f"band{suffix}",
                    label="90 % band" if not several else None,
                )
            ax.plot(
                steps,
                p,
                color=colour,
                lw=2.0,
                marker="o",
                ms=5,
                gid=f"path{suffix}",
                label=label.partition("=")[2] if several else "given the evidence so far",
            )
            if not several:
                for t, value in zip(steps, p, strict=True):
                    above = value < 0.9
                    ax.annotate(
                        number(float(value)),
                        (float(t), float(value)),
                        xytext=(0, 8 if above else -9),
                        textcoords="offset points",
                        ha="center",
                        va="bottom" if above else "top",
                        fontsize=8,
                    )
        ax.set_xticks(steps, _step_labels(table), fontsize=8)
        ax.set_xlim(-0.4, len(steps) - 0.6)
        ax.set_ylim(0.0, 1.0)
        ax.set_ylabel(
            f"probability of {info['node'] if several else name}\ngiven the evidence so far"
        )
        ax.set_xlabel("the evidence, in the order it arrived")
        ax.set_title(_trajectory_title(table))
        ax.legend(loc="upper left", fontsize=8, frameon=True, framealpha=0.85)
        return _literal(ax)


def svg_trajectory(post: Posterior, name: str) -> str:
    """Return the trajectory of :func:`plot_trajectory` as an SVG element."""
    from likelihood._view.common import trajectory

    table = trajectory(post, name)
    info = table.info
    labels = info["labels"]
    count = len(info["arrived"])
    several = len(labels) > 1
    title = _trajectory_title(table)
    regions = [r for r in term_regions(post.model.scale) if r[3] in ("within", "reading")]
    words_w = max(_px(w, 11.0) for _, _, w, _ in regions)
    left, right = 70.0, SVG_WIDTH - min(words_w, 230.0) - 16
    top, height = 44.0, 330.0
    bottom = top + height
    svg = _Svg()
    svg.text(SVG_WIDTH / 2, 8, title, 15, anchor="middle", va="top")

    def x(t: float) -> float:
        return left + (t + 0.5) * (right - left) / count

    def y(v: float) -> float:
        return bottom - v * height

    for i, (lo, hi, words, _) in enumerate(regions):
        svg.rect(left, y(hi), right - left, y(lo) - y(hi), _SHADES[i % 2], gid=f"term:{words}")
        if y(lo) - y(hi) >= 11:
            svg.text(right + 6, y((lo + hi) / 2), _fit(words, 11.0, 230.0), 11.0, colour=_GREY)
    for value, text in zip(*_ticks(0.0, 1.0, 6), strict=True):
        svg.line(left - 4, y(value), left, y(value), _FRAME)
        svg.text(left - 7, y(value), text, 11.5, anchor="end", colour="#333333")
    svg.rect(left, top, right - left, height, "none", stroke=_FRAME)
    svg.text(
        18,
        (top + bottom) / 2,
        f"probability of {info['node'] if several else name}",
        12,
        anchor="middle",
        rotate=True,
    )
    entries: list[tuple[str, dict[str, Any]]] = []
    for k, label in enumerate(labels):
        path = info["paths"][label]
        suffix = f":{label.partition('=')[2]}" if several else ""
        colour = _STATE_COLOURS[k % len(_STATE_COLOURS)] if several else "#1f3b63"
        lo, hi = path["low"], path["high"]
        if all(math.isfinite(v) for v in [*lo, *hi]):
            ribbon = [(x(t), y(v)) for t, v in enumerate(hi)]
            ribbon += [(x(t), y(v)) for t, v in reversed(list(enumerate(lo)))]
            svg.polygon(ribbon, colour, 0.25)
        points = [(x(t), y(v)) for t, v in enumerate(path["probability"])]
        svg.polyline(points, colour, 2.2, gid=f"path{suffix}")
        for t, (px, py) in enumerate(points):
            svg.parts.append(f'<circle cx="{_c(px)}" cy="{_c(py)}" r="3.5" fill="{colour}"/>')
            if not several:
                v = path["probability"][t]
                svg.text(
                    px,
                    py + (-8 if v < 0.9 else 8),
                    number(v),
                    11,
                    anchor="middle",
                    va="bottom" if v < 0.9 else "top",
                )
        entries.append(
            (
                label.partition("=")[2] if several else "given the evidence so far",
                {"stroke": colour, "width": 2.2},
            )
        )
    if not several:
        entries.append(("90 % band", {"fill": "#1f3b63" + "40"}))
    room = (right - left) / count - 6
    lowest = bottom
    for t, label in enumerate(_step_labels(table, max(int(room / (0.58 * 11)), 8))):
        svg.text(x(t), bottom + 6, label, 11, anchor="middle", va="top", colour="#333333")
        lowest = max(lowest, bottom + 6 + 13.2 * (label.count("\n") + 1))
    svg.text(
        (left + right) / 2,
        lowest + 8,
        "the evidence, in the order it arrived",
        12.5,
        anchor="middle",
        va="top",
    )
    end = svg.legend(entries, lowest + 44, 12.5)
    return svg.render(SVG_WIDTH, end + 2, title)


if TYPE_CHECKING:  # the track record's plot, appended here with its own import
    from likelihood._core.track import TrackRecord


_Rect = tuple[float, float, float, float]  # left, bottom, right, top, in points


def _overlap(a: _Rect, b: _Rect) -> float:
    """Return the area (points²) that two boxes share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0.0) * max(height, 0.0)


def _label_spots(
    points: Sequence[tuple[float, float, float, bool]],
    sizes: Sequence[tuple[float, float]],
    obstacles: list[tuple[_Rect, float]],
    frame: _Rect,
) -> list[tuple[float, float, str, str, bool]]:
    """Place one label beside each point where it covers the fewest marks and labels.

    *points* are ``(x, y, radius, above)`` in points (``above``: the point lies
    above the diagonal, so its label goes up and to the left first, away from
    the diagonal; else down and to the right); *sizes* are the labels' widths
    and heights in points; *obstacles* are boxes with the cost of covering a
    point² of each (a mark costs more than a faint range). Each label takes the
    cheapest of eight directions on seven rings (farther costs more, and gets a
    leader line), first one after the other, then again with all the others
    placed, three times over. Returns per label ``(dx, dy, ha, va, far)``: its
    offset from the point, its alignment and whether it needs a leader line.
    """
    directions = [(sx, sy) for sx in (-1, 0, 1) for sy in (-1, 0, 1) if sx or sy]

    def best(i: int, others: list[_Rect]) -> tuple[tuple[float, float, str, str, bool], _Rect]:
        x, y, radius, above = points[i]
        width, height = sizes[i]
        away = (-1.0, 1.0) if above else (1.0, -1.0)
        spots = sorted(directions, key=lambda d: -(d[0] * away[0] + d[1] * away[1]))
        found: tuple[float, tuple[float, float, str, str, bool], _Rect] | None = None
        for ring, extra in enumerate((3.0, 12.0, 24.0, 40.0, 60.0, 85.0, 110.0)):
            gap = radius + extra
            for rank, (sx, sy) in enumerate(spots):
                dx = sx * (gap * 0.75 if sy else gap)
                dy = sy * (gap * 0.75 if sx else gap)
                left = x + dx - {-1: width, 0: width / 2, 1: 0.0}[sx]
                bottom = y + dy - {-1: height, 0: height / 2, 1: 0.0}[sy]
                box = (left, bottom, left + width, bottom + height)
                cost = sum(w * _overlap(box, other) for other, w in obstacles)
                cost += sum(3.0 * _overlap(box, other) for other in others)
                cost += 50.0 * (width * height - _overlap(box, frame))
                cost += 25.0 * ring + 2.0 * rank
                if found is None or cost < found[0]:
                    ha = {-1: "right", 0: "center", 1: "left"}[sx]
                    va = {1: "bottom", 0: "center", -1: "top"}[sy]
                    found = (cost, (dx, dy, ha, va, ring >= 1), box)
        assert found is not None
        return found[1], found[2]

    placed: list[tuple[float, float, str, str, bool]] = []
    boxes: list[_Rect] = []
    for i in range(len(points)):
        spot, box = best(i, boxes)
        placed.append(spot)
        boxes.append(box)
    for _ in range(3):
        for i in range(len(points)):
            placed[i], boxes[i] = best(i, boxes[:i] + boxes[i + 1 :])
    return placed


def plot_calibration(record: TrackRecord, ax: Axes | None = None, bins: Any = None) -> Axes:
    """Draw :meth:`TrackRecord.calibration`: how often each word came true against what it said.

    Each word (number, bin) is a point at (forecast, observed frequency), its
    area by how often it was used, with the 90 % Jeffreys interval as a
    vertical bar and a word's published range (or a bin) as a faint horizontal one; its
    label gives the word and hits/uses, placed where it covers no other mark.
    The diagonal is perfect calibration; the fitted recalibration
    (logit p′ = α + β · logit p) is drawn when it exists. The legend sits below
    the axes. Gids: ``"diagonal"``, ``"recalibration"``, ``"word:<term>"``,
    ``"number:<value>"`` and ``"bin:<edges>"`` for the points.
    """
    from likelihood._exceptions import FitError, ProbabilityError

    table = record.calibration(bins)
    try:
        fit = record.recalibration()
    except (FitError, ProbabilityError):
        fit = None
    most = max(row["n"] for row in table)
    low, high = -0.02, 1.02
    font = 8.5
    with _rc():
        ax = _axes(ax, (6.2, 7.0))
        ax.plot(
            [0.0, 1.0],
            [0.0, 1.0],
            color="#8c8c8c",
            lw=1.0,
            ls="--",
            gid="diagonal",
            label="perfectly calibrated: each word comes true as often as it says",
            zorder=1,
        )
        if fit is not None:
            grid = np.linspace(0.001, 0.999, 400)
            ax.plot(
                grid,
                fit(grid),
                color=_BREAK_EVEN,
                lw=1.6,
                gid="recalibration",
                zorder=2,
                label=(
                    f"fitted recalibration: logit p′ = {fit.alpha:.2f} + {fit.beta:.2f} · logit p "
                    f"({fit.verdict})"
                ),
            )
        for row in table:
            x, y = float(row["forecast"]), float(row["observed"])
            colour = "#1f3b63" if row["kind"] == "word" else "#d1804a"
            if row["range"] is not None:
                ax.hlines(y, *row["range"], color=colour, alpha=0.3, lw=4, zorder=2)
            ax.vlines(x, row["low"], row["high"], color=colour, lw=1.6, zorder=3)
            ax.scatter(
                [x],
                [y],
                s=40.0 + 360.0 * row["n"] / most,
                color=colour,
                edgecolor="white",
                linewidth=1.2,
                zorder=4,
                gid=f"{row['kind']}:{row['judgment']}",
            )
        ax.set_xlim(low, high)
        ax.set_ylim(low, high)
        words = any(row["kind"] == "word" for row in table)
        said = f"the word's mean on {record.scale.name}" if words else "the forecast"
        if words and any(row["kind"] != "word" for row in table):
            said = f"the forecast (a word at its mean on {record.scale.name})"
        bars = ["a word's published range"] if words else []
        bars += ["its bin"] if any(row["kind"] == "bin" for row in table) else []
        ax.set_xlabel(
            f"what was said: {said}\n("
            + (f"faint bar: {' or '.join(bars)}; " if bars else "")
            + "point area: how often it was said)"
        )
        ax.set_ylabel("how often it came true (bar: 90 % interval)")
        ax.set_title(
            f"Calibration of {len(record)} forecasts on {record.scale.name}: "
            f"Brier score {record.brier():.3f}",
            fontsize=10,
        )
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, _below(ax) - 0.02),
            fontsize=8,
            frameon=False,
        )
        _calibration_labels(ax, table, most, (low, high), font)
        return _literal(ax)


def _calibration_labels(
    ax: Axes, table: Table, most: int, limits: tuple[float, float], font: float
) -> None:
    """Label each point of a calibration plot (its words, hits/uses) where it hides nothing.

    The layout is run first, so that the label placer sees the axes at their final size;
    the labels stay out of the layout (they are kept inside the axes by the placer).
    """
    from matplotlib.figure import Figure

    figure = ax.get_figure()
    root = figure.figure if figure is not None else None  # a subfigure's is the whole figure
    if isinstance(root, Figure):
        root.draw_without_rendering()
    low, high = limits
    width_in, height_in = _inches(ax)
    per_x, per_y = width_in * 72.0 / (high - low), height_in * 72.0 / (high - low)

    def pt(x: float, y: float) -> tuple[float, float]:
        return (x - low) * per_x, (y - low) * per_y

    marks: list[tuple[float, float, float, bool]] = []
    sizes: list[tuple[float, float]] = []
    obstacles: list[tuple[_Rect, float]] = []
    texts: list[str] = []
    for row in table:
        x, y = float(row["forecast"]), float(row["observed"])
        px, py = pt(x, y)
        if row["range"] is not None:
            lo, hi = row["range"]
            obstacles.append(((pt(lo, y)[0], py - 2.5, pt(hi, y)[0], py + 2.5), 1.0))
        obstacles.append(((px - 2.0, pt(x, row["low"])[1], px + 2.0, pt(x, row["high"])[1]), 8.0))
        radius = math.sqrt(40.0 + 360.0 * row["n"] / most) / 2.0
        obstacles.append(((px - radius, py - radius, px + radius, py + radius), 8.0))
        text = f"{row['judgment']}  {row['hits']}/{row['n']}"
        texts.append(text)
        marks.append((px, py, radius, y >= x))
        width = max(_text_width(line, font) for line in text.split("\n")) * 72.0
        sizes.append((width, 1.3 * font))
    frame = (0.0, 0.0, (high - low) * per_x, (high - low) * per_y)
    spots = _label_spots(marks, sizes, obstacles, frame)
    for row, text, (dx, dy, ha, va, far) in zip(table, texts, spots, strict=True):
        colour = "#1f3b63" if row["kind"] == "word" else "#a0522d"
        label = ax.annotate(
            text,
            (float(row["forecast"]), float(row["observed"])),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=font,
            color=colour,
            zorder=5,
            arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6} if far else None,
        )
        label.set_in_layout(False)
