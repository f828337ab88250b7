"""A million draws in bounded memory: alarm with every table row uncertain.

alarm (bnlearn, 37 nodes; pgmpy ships it) with every CPT row a
Dirichlet(20 p + 0.1) around its published row p and the three alphabetically
first leaves observed at their last state (the model of benchmarks/engine.py).
Each run is made in a fresh process, whose peak resident memory is read from
the operating system when it ends:

* 10⁶ draws, every node's posterior: the parameters' draws are not held (they
  would take 6 GiB); each block of 10,000 draws is drawn from its streams when
  it is evaluated, and only ``log P(E | θ)`` and every node's ``P(X | E, θ)``
  are kept;
* 20,000 draws, the same question.

It prints each run's time and peak memory, and how far apart the two answers
are for every state of every unobserved node, in units of the 20,000-draw
run's Monte Carlo standard error.

    python benchmarks/memory.py [--draws 1000000] [--small 20000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GIB = 1 << 30


def child(draws: int) -> None:
    """Run one inference and print its numbers and peak memory as JSON."""
    sys.path.insert(0, str(HERE))
    from engine import uncertain_alarm  # the same model as the engine benchmark

    model = uncertain_alarm()
    start = time.perf_counter()
    post = model.infer(draws=draws, seed=1)
    seconds = time.perf_counter() - start
    hidden = [n for n in model.nodes if n not in model.observations]
    answers = {
        f"{n}={s}": [post.probability(f"{n}={s}"), post.mcse(f"{n}={s}")]
        for n in hidden
        for s in model.nodes[n].states
    }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    held = post.compiled.held
    print(json.dumps({"seconds": seconds, "peak": peak, "held": held, "answers": answers}))


def run(draws: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(draws)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    big, small = run(args.draws), run(args.small)
    print("alarm, every CPT row a Dirichlet, 3 leaves observed; every node's posterior")
    for r, draws in ((big, args.draws), (small, args.small)):
        held = "held" if r["held"] else "drawn block by block, not held"
        print(
            f"  {draws:>9,} draws: {r['seconds']:7.1f} s, peak resident memory "
            f"{r['peak'] / GIB:5.2f} GiB (draws {held})"
        )
    gaps = []
    for key, (p_big, _) in big["answers"].items():
        p_small, error = small["answers"][key]
        gaps.append(abs(p_big - p_small) / error if error > 0 else 0.0)
    share = sum(g <= 1 for g in gaps) / len(gaps)
    within3 = sum(g <= 3 for g in gaps) / len(gaps)
    print(
        f"  agreement over {len(gaps)} probabilities, |large - small| / MCSE(small): "
        f"median {sorted(gaps)[len(gaps) // 2]:.2f}, largest {max(gaps):.2f}; "
        f"{share:.0%} within 1 MCSE (about 68 % expected), {within3:.0%} within 3"
    )
    print(
        f"  target: peak < 2 GiB with {args.draws:,} draws -> "
        f"{'met' if big['peak'] < 2 * GIB else 'NOT met'} ({big['peak'] / GIB:.2f} GiB)"
    )


if __name__ == "__main__":
    main()
