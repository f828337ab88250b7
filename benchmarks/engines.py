"""The two engines on the flagship model, in one run: wall time and agreement.

The exact engine draws θ from the judgments and evaluates every draw exactly;
the PyMC engine samples θ by NUTS (its first run includes compiling the model).
Both answer the same question; this prints their times, the ratio, and how far
apart their coherent probabilities are in joint Monte Carlo errors.

    python benchmarks/engines.py [--draws 20000] [--pymc-draws 1000] [--chains 4]
"""

from __future__ import annotations

import argparse
import logging
import math
import time
from pathlib import Path

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]


def flagship() -> lk.Model:
    """Return the flagship model (examples/negotiations.toml, the same as the script)."""
    return lk.load(ROOT / "examples" / "negotiations.toml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20_000, help="draws of the exact engine")
    parser.add_argument("--pymc-draws", type=int, default=1000, help="draws per chain (PyMC)")
    parser.add_argument("--chains", type=int, default=4)
    args = parser.parse_args()
    logging.getLogger("pymc").setLevel(logging.ERROR)
    model = flagship()

    start = time.perf_counter()
    exact = model.infer(draws=args.draws, seed=1)
    exact_time = time.perf_counter() - start

    start = time.perf_counter()
    first = model.infer(
        method="pymc", draws=args.pymc_draws, chains=args.chains, seed=1, progressbar=False
    )
    first_time = time.perf_counter() - start
    start = time.perf_counter()
    sampled = model.infer(
        method="pymc", draws=args.pymc_draws, chains=args.chains, seed=2, progressbar=False
    )
    pymc_time = time.perf_counter() - start
    del first

    print(
        f"flagship model: exact engine {args.draws} draws, "
        f"PyMC {args.chains} x {args.pymc_draws} draws"
    )
    print(f"  exact engine       {exact_time:8.3f} s   (effective draws {exact.ess:.0f})")
    print(f"  PyMC, first run    {first_time:8.3f} s   (includes compiling the model)")
    print(
        f"  PyMC, again        {pymc_time:8.3f} s   "
        f"(ESS {sampled.ess:.0f}, R-hat {sampled.diagnostics['rhat']:.4f})"
    )
    print(
        f"  ratio PyMC / exact: {first_time / exact_time:.0f}x (first run), "
        f"{pymc_time / exact_time:.0f}x (again)"
    )
    print("  agreement (|difference| / joint MCSE):")
    for name in ("talks", "negotiations", "secret_negotiations"):
        joint = math.hypot(exact.mcse(name), sampled.mcse(name))
        gap = abs(exact.probability(name) - sampled.probability(name)) / joint
        print(
            f"    {name:<20} exact {exact.probability(name):.4f}  "
            f"PyMC {sampled.probability(name):.4f}  {gap:.2f}"
        )


if __name__ == "__main__":
    main()
