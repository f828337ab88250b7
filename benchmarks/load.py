"""Time ``lk.load`` against pyAgrum's ``loadBN`` on every BIF network pgmpy ships.

The networks are pgmpy's ``utils/example_models/*.bif.gz``. pyAgrum does not
read gzip (``loadBN`` refuses the ``.gz`` extension), so each file is first
decompressed to a temporary ``.bif``, and both readers are timed on that same
file: ``likelihood.load(path)`` (reading, checking and building the
:class:`~likelihood.Model`) and ``pyagrum.loadBN(str(path))``. Each time is the
best of ``--repeat`` batches in this one process, the two readers alternated; a
batch repeats a small file's load until it lasts 20 ms (as ``timeit`` does) and
gives the time per load. The table gives the ratio of the two and whether it is
within the target, 3x. A file pyAgrum cannot read is listed with our time only.

    python benchmarks/load.py [--repeat 3] [--only barley diabetes ...]
"""

from __future__ import annotations

import argparse
import gzip
import platform
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import likelihood as lk

TARGET = 3.0


def networks() -> list[Path]:
    """Return the BIF files pgmpy ships, sorted by name."""
    import pgmpy

    folder = Path(pgmpy.__file__).parent / "utils" / "example_models"
    return sorted(folder.glob("*.bif.gz"))


#: A batch of loads of a small file lasts at least this long (seconds).
BATCH = 0.02


def per_call(run: Callable[[], object]) -> float:
    """Return the wall time of one call of *run*, in seconds, from a batch of at least ``BATCH``."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            run()
        elapsed = time.perf_counter() - start
        if elapsed >= BATCH:
            return elapsed / number
        number = max(number * 2, int(number * BATCH / max(elapsed, 1e-9)) + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each reader (best kept)")
    parser.add_argument("--only", nargs="*", default=None, help="network names to time")
    args = parser.parse_args()

    import numpy
    import pgmpy
    import pyagrum

    print(
        f"python {platform.python_version()}, likelihood {lk.__version__}, "
        f"pyagrum {pyagrum.__version__}, pgmpy {pgmpy.__version__}, numpy {numpy.__version__}"
    )
    print(f"best of {args.repeat} batches; both readers on the same decompressed .bif file\n")
    header = f"{'network':<12} {'size':>9} {'likelihood':>11} {'pyagrum':>9} {'ratio':>7}  <=3x"
    print(header)
    print("-" * len(header))
    worst = ("", 0.0)
    with tempfile.TemporaryDirectory(prefix="bif_bench_") as tmp:
        for gz in networks():
            name = gz.name.removesuffix(".bif.gz")
            if args.only and name not in args.only:
                continue
            path = Path(tmp) / f"{name}.bif"
            path.write_bytes(gzip.decompress(gz.read_bytes()))
            size = f"{path.stat().st_size / 1e3:.0f} kB"
            ours_load, their_load = partial(lk.load, path), partial(pyagrum.loadBN, str(path))
            try:
                their_load()
            except Exception as error:  # pyAgrum's own errors have no common base class
                ours = min(per_call(ours_load) for _ in range(args.repeat))
                reason = str(error).splitlines()[0].rpartition("error : ")[2]
                print(f"{name:<12} {size:>9} {ours * 1e3:>8.2f} ms  pyAgrum cannot read: {reason}")
                continue
            ours = theirs = float("inf")
            for _ in range(args.repeat):  # alternate, so both share the machine's noise
                ours = min(ours, per_call(ours_load))
                theirs = min(theirs, per_call(their_load))
            ratio = ours / theirs
            if ratio > worst[1]:
                worst = (name, ratio)
            print(
                f"{name:<12} {size:>9} {ours * 1e3:>8.2f} ms {theirs * 1e3:>6.2f} ms "
                f"{ratio:>6.2f}x  {'yes' if ratio <= TARGET else 'NO'}"
            )
    print(f"\nworst ratio: {worst[1]:.2f}x ({worst[0]}); target: at most {TARGET:g}x")


if __name__ == "__main__":
    main()
