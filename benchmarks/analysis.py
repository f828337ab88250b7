"""What an answer costs, and what the analyses and the reports add to it.

Two models: the flagship (examples/negotiations.toml, the hypothesis
``negotiations``) and a model with one 3-state hypothesis and eight items of
evidence (benchmarks/actor.toml, the hypothesis ``actor``). Only the public API
and the command line are used, so the same script measures any version.

In one process, each timed once (the inference as the median of ``--repeat``):

* ``lk.load`` and ``Model.infer(draws=20000, seed=1)``;
* each analysis — sensitivity, attribution, flips, value of information,
  contributions (per target) and ach (per model) — on a fresh posterior,
  so that nothing one analysis computed is charged to another;
* ``text_report()`` and ``report(path)`` (the HTML report, into a temporary
  folder), each on a fresh posterior.

The targets of the 3-state model are the node (``actor``) and its first state
(``actor=state``); a call that the code cannot do prints its error instead of
a time.

As whole processes (``sys.executable``, the median of ``--repeat`` runs, wall
time, in a neutral working directory, importing the same ``likelihood`` as
this script):

* the answer alone:
  ``python -c "import likelihood as lk; lk.load(FILE).infer(draws=20000, seed=1)"``;
* ``likelihood run FILE --seed 1`` (prints the text report);
* ``likelihood run FILE --seed 1 --report out.html``.

Targets, per model: the text-report run at most 1.5 times the answer alone, the
run with ``--report`` at most 3 times.

    python benchmarks/analysis.py [--repeat 3] [--root DIR] [--json]

``--root`` names the checkout whose model files are read (default: the one
holding this script); the code measured is whatever ``import likelihood``
finds (set ``PYTHONPATH`` to measure another checkout).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]
DRAWS = 20_000
SEED = 1
#: (label, file relative to the root, the hypothesis node)
MODELS = [
    ("negotiations", "examples/negotiations.toml", "negotiations"),
    ("actor", "benchmarks/actor.toml", "actor"),
]
#: the ratios to the answer alone that the runs should stay within
TARGETS = {"text report run": 1.5, "--report run": 3.0}
ANALYSES = ["sensitivity", "attribution", "flips", "value_of_information", "contributions"]


@dataclass
class Timing:
    """One measurement: seconds, or the error that stopped it."""

    model: str
    what: str
    target: str = ""
    seconds: float | None = None
    error: str | None = None
    runs: list[float] = field(default_factory=list)


def _error(exc: BaseException) -> str:
    return f"error: {type(exc).__name__}: {exc}"


def timed(model: str, what: str, fn: Callable[[], Any], target: str = "") -> Timing:
    """Time one call; an exception becomes the timing's error."""
    start = time.perf_counter()
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - an older version may not do it: report, go on
        return Timing(model, what, target, error=_error(exc))
    return Timing(model, what, target, seconds=time.perf_counter() - start)


def in_process(label: str, path: Path, node: str, repeat: int, tmp: Path) -> list[Timing]:
    """Time loading, inference, the analyses and the reports in this process."""
    out = [timed(label, "load", lambda: lk.load(path))]
    model = lk.load(path)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        model.infer(draws=DRAWS, seed=SEED)
        runs.append(time.perf_counter() - start)
    out.append(Timing(label, "infer", seconds=statistics.median(runs), runs=runs))

    def fresh() -> lk.Posterior:
        return model.infer(draws=DRAWS, seed=SEED)

    states = model.nodes[node].states
    targets = [node] if len(states) <= 2 else [node, f"{node}={states[0]}"]
    for target in targets:
        for name in ANALYSES:
            analysis = getattr(fresh(), name)
            out.append(timed(label, name, partial(analysis, target), target))
    post = fresh()
    out.append(timed(label, "ach", post.ach))
    post = fresh()
    out.append(timed(label, "text_report", post.text_report))
    post = fresh()
    html = tmp / f"{label}-in-process.html"
    out.append(timed(label, "report", lambda: post.report(html)))
    return out


def child_env() -> dict[str, str]:
    """Return this environment, with the ``likelihood`` imported here first on the path."""
    env = dict(os.environ)
    package = str(Path(lk.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in [package, env.get("PYTHONPATH")] if p)
    return env


def process(
    label: str, what: str, argv: list[str], repeat: int, cwd: Path, env: dict[str, str]
) -> Timing:
    """Time a whole interpreter running *argv*; the median wall time of *repeat* runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, *argv], cwd=cwd, env=env, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or ["(no message)"]
            return Timing(label, what, error=f"error: exit {done.returncode}: {lines[-1]}")
        runs.append(elapsed)
    return Timing(label, what, seconds=statistics.median(runs), runs=runs)


def processes(label: str, path: Path, repeat: int, tmp: Path, env: dict[str, str]) -> list[Timing]:
    """Time the answer alone, ``likelihood run`` and ``likelihood run --report``."""
    answer = f"import likelihood as lk; lk.load({str(path)!r}).infer(draws={DRAWS}, seed={SEED})"
    run = ["-m", "likelihood", "run", str(path), "--seed", str(SEED)]
    html = tmp / f"{label}-cli.html"
    return [
        process(label, "answer alone", ["-c", answer], repeat, tmp, env),
        process(label, "text report run", run, repeat, tmp, env),
        process(label, "--report run", [*run, "--report", str(html)], repeat, tmp, env),
    ]


def ratios(timings: list[Timing]) -> list[dict[str, Any]]:
    """Each run's wall time over the answer alone's, against its target."""
    by = {t.what: t.seconds for t in timings}
    base = by.get("answer alone")
    out = []
    for what, target in TARGETS.items():
        seconds = by.get(what)
        ratio = seconds / base if seconds is not None and base else None
        out.append(
            {
                "what": f"{what} / answer alone",
                "ratio": ratio,
                "target": target,
                "met": ratio is not None and ratio <= target,
            }
        )
    return out


def _seconds(t: Timing) -> str:
    if t.seconds is None:
        return str(t.error)
    text = f"{t.seconds:9.3f} s"
    if len(t.runs) > 1:
        text += "   runs " + ", ".join(f"{r:.3f}" for r in t.runs)
    return text


def render(timings: list[Timing], ratio_rows: dict[str, list[dict[str, Any]]]) -> str:
    """Return the table of timings, model by model, and the ratios."""
    lines = []
    width = max(len(t.what) for t in timings) + 2
    target_width = max([len(t.target) for t in timings] + [len("target")]) + 2
    for label, _, _ in MODELS:
        lines.append("")
        lines.append(f"{label}")
        lines.append(f"  {'measurement':<{width}}{'target':<{target_width}}time")
        for t in (t for t in timings if t.model == label):
            lines.append(f"  {t.what:<{width}}{t.target:<{target_width}}{_seconds(t)}")
        for r in ratio_rows[label]:
            shown = "n/a" if r["ratio"] is None else f"{r['ratio']:.2f}"
            verdict = "met" if r["met"] else "NOT met"
            lines.append(f"  {r['what']}: {shown} (target <= {r['target']}, {verdict})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each process (median)")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the checkout whose model files are read"
    )
    parser.add_argument("--json", action="store_true", help="also print the numbers as JSON")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    root = args.root.resolve()
    env = child_env()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        found = subprocess.run(
            [sys.executable, "-c", "import likelihood; print(likelihood.__file__)"],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        print(f"likelihood {lk.__version__} from {Path(lk.__file__).parent}")
        print(f"subprocesses import {Path(found).parent}")
        print(f"models from {root}; Python {platform.python_version()}; {DRAWS} draws, seed {SEED}")
        print(f"in process: each call once (infer: median of {args.repeat}); ", end="")
        print(f"processes: median wall time of {args.repeat}")
        timings: list[Timing] = []
        ratio_rows: dict[str, list[dict[str, Any]]] = {}
        for label, relative, node in MODELS:
            path = root / relative
            timings += in_process(label, path, node, args.repeat, tmp)
            runs = processes(label, path, args.repeat, tmp, env)
            timings += runs
            ratio_rows[label] = ratios(runs)
    print(render(timings, ratio_rows))
    if args.json:
        report = {
            "likelihood": str(Path(lk.__file__).parent),
            "version": lk.__version__,
            "root": str(root),
            "python": platform.python_version(),
            "draws": DRAWS,
            "seed": SEED,
            "repeat": args.repeat,
            "timings": [asdict(t) for t in timings],
            "ratios": ratio_rows,
        }
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
