"""Time ``import likelihood`` against ``import numpy, scipy.stats`` in one run.

Each import runs in a fresh interpreter (so nothing is cached in-process); the
two are alternated to share the machine's noise, and the medians are compared.
Target: ``import likelihood`` costs at most 100 ms more than its numeric core.

    python benchmarks/import_time.py [--repeat 21]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

SNIPPET = "import time\nt = time.perf_counter()\nimport {modules}\nprint(time.perf_counter() - t)\n"


def time_import(modules: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", SNIPPET.format(modules=modules)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21, help="runs of each import")
    args = parser.parse_args()
    time_import("likelihood")  # warm the file-system cache
    base, ours = [], []
    for _ in range(args.repeat):
        base.append(time_import("numpy, scipy.stats"))
        ours.append(time_import("likelihood"))
    b, o = statistics.median(base), statistics.median(ours)
    print(f"import numpy, scipy.stats : {b * 1e3:7.1f} ms (median of {args.repeat})")
    print(f"import likelihood          : {o * 1e3:7.1f} ms (median of {args.repeat})")
    print(f"ratio likelihood / numpy+scipy.stats: {o / b:.2f}")
    print(f"difference: {(o - b) * 1e3:+.1f} ms (target: at most +100 ms)")


if __name__ == "__main__":
    main()
