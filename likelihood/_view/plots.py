"""Plots: a posterior belief against the scale's words, a scale, contributions, the network.

Matplotlib is imported inside the functions (``import likelihood`` never loads
it). Every function draws on ``ax`` when given, else on a new figure, and
returns the Axes. Artists that tests and users may want to find carry a
``gid``: ``"term:<words>"`` for a scale's term regions, ``"probability"`` for
the coherent probability, ``"band"`` for the 90 % band, ``"density"`` for the
curve, ``"contribution:<item>"`` for a bar, ``"node:<name>"`` for a node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from likelihood._core.describe import term_regions
from likelihood._core.scales import Scale
from likelihood._core.scales import scale as get_scale
from likelihood._exceptions import ConditionError, ScaleError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from likelihood._core.model import Model
    from likelihood._core.posterior import Posterior

__all__ = [
    "plot_ach",
    "plot_contributions",
    "plot_model",
    "plot_posterior",
    "plot_scale",
    "plot_sensitivity",
]

_SHADES = ("#dbe7f3", "#f1e3cf")
_ROLE_COLOURS = {"hypothesis": "#4c72b0", "evidence": "#55a868", "report": "#dd8452"}


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _kde(values: np.ndarray, weights: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Weighted Gaussian kernel density on [0, 1], reflected at both ends."""
    from scipy import stats

    if np.ptp(values) < 1e-12:
        return np.zeros_like(grid)
    kde = stats.gaussian_kde(values, weights=weights)
    return np.asarray(kde(grid) + kde(-grid) + kde(2.0 - grid))


def _one_state(post: Posterior, name: str) -> tuple[str, int]:
    """Return the node and state index of *name*, which must name one state."""
    node, state = post._resolve(name)
    if state is None:
        states = post.model.nodes[node].states
        raise ConditionError(
            f"{node!r} has the states {', '.join(states)}; "
            f"plot one of them, e.g. {node}={states[0]}"
        )
    return node, state


def plot_posterior(post: Posterior, name: str, ax: Axes | None = None) -> Axes:
    """Draw the density of P(name | E, θ) over the scale's words; mark P(name | E) and the band."""
    node, state = _one_state(post, name)
    ax = _axes(ax, (7.0, 3.0))
    sc = post.model.scale
    shade = 0
    for lo, hi, words, relation in term_regions(sc):
        if relation in ("within", "reading"):
            ax.axvspan(lo, hi, color=_SHADES[shade % 2], alpha=0.9, lw=0, gid=f"term:{words}")
            ax.text(
                (lo + hi) / 2,
                0.98,
                words,
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="top",
                rotation=90 if hi - lo < 0.12 else 0,
                fontsize=7,
                color="#555555",
                gid=f"label:{words}",
            )
            shade += 1
    values = post._values_of(node)[:, state]
    p = post.probability(name)
    lo, hi = post.interval(name, 0.9)
    grid = np.linspace(0.0, 1.0, 801)
    density = _kde(values, post.weights, grid)
    if density.any():
        ax.fill_between(grid, density, color="#4c72b0", alpha=0.35, lw=0)
        ax.plot(grid, density, color="#1f3b63", lw=1.5, gid="density", label="P(· | E, θ) over θ")
        top = float(density.max())
    else:
        top = 1.0
    ax.hlines(0.04 * top, lo, hi, color="#1f3b63", lw=5, gid="band", label="90 % band")
    ax.axvline(p, color="black", lw=1.8, gid="probability", label=f"P({name} | E) = {p:.3f}")
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, 1.15 * top)
    ax.set_xlabel(f"probability of {name} given the evidence")
    ax.set_ylabel("density over the judgments")
    words = post.describe(name)
    ax.set_title(f"{name}: {words} ({words.confidence} confidence)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    return ax


def plot_scale(sc: Scale | str, ax: Axes | None = None) -> Axes:
    """Draw every term's distribution on one axis, with the published ranges below."""
    from likelihood._core.judgment import judge

    scale = get_scale(sc)
    if scale.kind == "grading":
        raise ScaleError(
            f"{scale.name} is a grading scale: its grades have no distributions to plot"
        )
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
        ax.set_xlabel("log10 likelihood ratio")
        ax.set_title(f"{scale.name}: {scale.title}")
        return ax
    grid = np.linspace(0.0005, 0.9995, 1999)
    terms = [t for t in scale.terms if not t.uncertain]
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
    ax.set_xlabel("probability")
    ax.set_ylabel("density")
    ax.set_title(f"{scale.name}: {scale.title}", fontsize=9)
    ax.legend(fontsize=7, frameon=False, ncol=2, loc="upper center")
    return ax


def plot_contributions(post: Posterior, name: str, ax: Axes | None = None) -> Axes:
    """Draw each observation's weight of evidence on a hypothesis as a bar."""
    _one_state(post, name)
    weights = post.contributions(name)
    ax = _axes(ax, (6.5, 0.6 + 0.45 * max(len(weights), 1)))
    items = list(weights)
    values = [weights[i] for i in items]
    for k, (item, value) in enumerate(zip(items, values, strict=True)):
        ax.barh(k, value, color="#55a868" if value >= 0 else "#c44e52", gid=f"contribution:{item}")
        ax.text(
            value,
            k,
            f" {value:+.2f} ",
            va="center",
            ha="left" if value >= 0 else "right",
            fontsize=8,
        )
    ax.axvline(0.0, color="black", lw=0.8)
    ax.set_yticks(range(len(items)), items)
    ax.invert_yaxis()
    reach = max([abs(v) for v in values] + [0.1])
    ax.set_xlim(-1.35 * reach, 1.35 * reach)
    ax.set_xlabel("weight of evidence (log10 likelihood ratio, leaving each observation out)")
    ax.set_title(f"What moved {name}")
    return ax


def _layers(model: Model) -> dict[str, int]:
    depth: dict[str, int] = {}
    for name, node in model.nodes.items():  # parents come first
        depth[name] = 1 + max((depth[p] for p in node.parents), default=-1)
    return depth


def plot_model(model: Model, posterior: Posterior | None = None, ax: Axes | None = None) -> Axes:
    """Draw the network: each node with its posterior as a small bar, arrows from parents."""
    from matplotlib.patches import FancyBboxPatch, Rectangle

    post = posterior if posterior is not None else model.infer(seed=0)
    depth = _layers(model)
    rows: dict[int, list[str]] = {}
    for name, d in depth.items():
        rows.setdefault(d, []).append(name)
    sources = list(model.sources)
    box_w, box_h, step_x, step_y = 1.9, 0.7, 2.3, 1.3
    width = max([len(r) for r in rows.values()] + [len(sources), 1])
    height = max(rows) + 1 + (1 if sources else 0)
    ax = _axes(ax, (max(5.0, 1.25 * step_x * width), 1.2 * step_y * height + 0.6))
    position: dict[str, tuple[float, float]] = {}
    offset = 1 if sources else 0

    def centred(i: int, count: int) -> float:
        return (i - (count - 1) / 2) * step_x

    for d, names in rows.items():
        for i, name in enumerate(names):
            position[name] = (centred(i, len(names)), -(d + offset) * step_y)
    for i, name in enumerate(sources):
        position[f"source:{name}"] = (centred(i, len(sources)), 0.0)
    edges = [(p, name) for name, node in model.nodes.items() for p in node.parents]
    edges += [(f"source:{node.source}", name) for name, node in model.nodes.items() if node.source]
    for a, b in edges:
        (xa, ya), (xb, yb) = position[a], position[b]
        ax.annotate(
            "",
            xy=(xb, yb + box_h / 2),
            xytext=(xa, ya - box_h / 2),
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#777777",
                "lw": 1.0,
                "shrinkA": 0,
                "shrinkB": 0,
            },
        )
    for name in sources:
        x, y = position[f"source:{name}"]
        ax.add_patch(
            FancyBboxPatch(
                (x - box_w / 2, y - box_h / 2),
                box_w,
                box_h,
                boxstyle="round,pad=0.05",
                facecolor="white",
                edgecolor="#777777",
                linestyle="--",
                gid=f"source:{name}",
            )
        )
        grade = model.sources[name].grade
        ax.text(
            x,
            y,
            f"{name}\nsource{f', grade {grade}' if grade else ''}",
            ha="center",
            va="center",
            fontsize=7,
        )
    for name, node in model.nodes.items():
        x, y = position[name]
        observed = name in post._observed
        colour = _ROLE_COLOURS[node.role]
        ax.add_patch(
            FancyBboxPatch(
                (x - box_w / 2, y - box_h / 2),
                box_w,
                box_h,
                boxstyle="round,pad=0.05",
                facecolor="#f7f7f7",
                edgecolor=colour,
                lw=2.5 if observed else 1.2,
                gid=f"node:{name}",
            )
        )
        if name in post.nodes:
            probs = post.probability(name)
            if node.binary:
                state_label, value = "true", float(probs)
            else:
                state_label, value = max(probs.items(), key=lambda kv: kv[1])
            bar_x, bar_y, bar_w = x - box_w / 2 + 0.12, y - box_h / 2 + 0.1, box_w - 0.24
            ax.add_patch(
                Rectangle(
                    (bar_x, bar_y), bar_w, 0.12, facecolor="white", edgecolor="#999999", lw=0.5
                )
            )
            ax.add_patch(
                Rectangle(
                    (bar_x, bar_y), bar_w * value, 0.12, facecolor=colour, lw=0, gid=f"bar:{name}"
                )
            )
            shown = "observed" if observed else f"{state_label} {value:.2f}"
            if observed:
                shown = f"observed {post._observed[name]}"
            ax.text(x, y + 0.08, f"{name}\n{shown}", ha="center", va="center", fontsize=7)
        else:
            ax.text(x, y, name, ha="center", va="center", fontsize=7)
    reach = (width - 1) / 2 * step_x + box_w / 2 + 0.2
    ax.set_xlim(-reach, reach)
    top = 0.0 if sources else -offset * step_y
    ax.set_ylim(-(height - 1) * step_y - box_h, top + box_h)
    ax.axis("off")
    title = model.title or "Model"
    ax.set_title(f"{title} — scale {model.scale.name}", fontsize=9)
    return ax


def plot_sensitivity(post: Posterior, name: str, ax: Axes | None = None) -> Axes:
    """Draw the sensitivity table as a tornado chart around P(name | E)."""
    table = post.sensitivity(name)
    rows = list(table)
    ax = _axes(ax, (7.0, 0.7 + 0.4 * max(len(rows), 1)))
    base = table.info["baseline"]
    for k, row in enumerate(rows):
        low, high = row["at 5 %"], row["at 95 %"]
        left, right = min(low, high), max(low, high)
        ax.barh(
            k, right - left, left=left, color="#4c72b0", alpha=0.8, gid=f"swing:{row['judgment']}"
        )
        ax.text(right, k, f"  {row['written']}", va="center", fontsize=7)
    ax.axvline(base, color="black", lw=1.2, gid="probability")
    ax.set_yticks(range(len(rows)), [r["judgment"] for r in rows])
    ax.invert_yaxis()
    ax.set_xlabel(f"P({name} | E) with one judgment at its 5th / 95th percentile")
    ax.set_title(f"Sensitivity of {name} (now {base:.3f})")
    return ax


def plot_ach(post: Posterior, hypotheses: Any = None, ax: Axes | None = None) -> Axes:
    """Draw the ACH matrix as a heat map of log10 likelihood ratios."""
    table = post.ach(hypotheses)
    items = list(table.ratios)
    labels = table.hypotheses
    grid = np.array([[np.log10(table.ratios[i][h]) for h in labels] for i in items])
    ax = _axes(ax, (1.5 + 1.4 * len(labels), 1.0 + 0.5 * len(items)))
    reach = max(
        float(np.nanmax(np.abs(grid[np.isfinite(grid)]))) if np.isfinite(grid).any() else 1.0, 0.5
    )
    image = ax.imshow(
        np.clip(grid, -reach, reach), cmap="RdBu", vmin=-reach, vmax=reach, aspect="auto"
    )
    image.set_gid("ach")
    for r, item in enumerate(items):
        for c, h in enumerate(labels):
            ax.text(
                c,
                r,
                f"{table.ratings[item][h]}\n{table.ratios[item][h]:.2g}",
                ha="center",
                va="center",
                fontsize=7,
            )
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(items)), items)
    scores = ", ".join(f"{h}: {s}" for h, s in table.inconsistency.items())
    ax.set_title(f"Competing hypotheses (inconsistency: {scores})", fontsize=8)
    ax.figure.colorbar(image, ax=ax, label="log10 likelihood ratio")
    return ax
