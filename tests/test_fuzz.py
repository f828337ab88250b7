"""Fuzzing the readers: mutated analysis files and networks give a documented error or an answer.

Hypothesis takes valid files — the flagship analysis (``examples/negotiations.toml``),
the benchmark analysis (``benchmarks/actor.toml``), a small BIF network and asia
from pgmpy's wheel — and mutates them: lines deleted, duplicated or swapped,
tokens replaced, junk bytes inserted, the file truncated (for a gzipped network,
also its compressed bytes). Loading what comes out, and inferring what loads
(``infer(draws=200, seed=0)``), must either succeed or raise a
:class:`likelihood.LikelihoodError` — never another exception, never a warning
other than the library's own, never a hang.

The runs are derandomised (the same examples every time) and keep no database,
so that the suite is deterministic.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import signal
import tempfile
import warnings
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]

NEGOTIATIONS = (ROOT / "examples" / "negotiations.toml").read_text(encoding="utf-8")
ACTOR = (ROOT / "benchmarks" / "actor.toml").read_text(encoding="utf-8")

SMALL_BIF = """network small { }
variable weather { type discrete [ 3 ] { sun, rain, snow }; }
variable late { type discrete [ 2 ] { yes, no }; }
variable call { type discrete [ 2 ] { yes, no }; }
probability ( weather ) { table 0.6, 0.3, 0.1; }
probability ( late | weather ) {
  (sun) 0.1, 0.9;
  (rain) 0.4, 0.6;
  (snow) 0.7, 0.3;
}
probability ( call | late ) {
  (yes) 0.8, 0.2;
  default 0.05, 0.95;
}
"""


def _asia() -> str:
    import pgmpy

    path = Path(pgmpy.__file__).parent / "utils" / "example_models" / "asia.bif.gz"
    return gzip.decompress(path.read_bytes()).decode("utf-8")


ASIA = _asia()

#: Replacement tokens: the grammar's punctuation, numbers out of range, words, keys.
JUNK_TOKENS = [
    "",
    "0",
    "1",
    "-1",
    "1.7",
    "1e400",
    "nan",
    "inf",
    "-inf",
    "true",
    "false",
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "=",
    ",",
    ";",
    "|",
    "&",
    "~",
    '"',
    "'",
    "#",
    "//",
    "/*",
    "likely",
    "unlikely",
    "likley",
    '"almost certain"',
    '"F"',
    '"G"',
    "states",
    "given",
    "prior",
    "observed",
    "supports",
    "strength",
    "source",
    "claims",
    "interval",
    "mass",
    "mas",
    "pool",
    "beta",
    "quantiles",
    "dirichlet",
    "[hypothesis.x]",
    "[evidence.talks]",
    "variable",
    "probability",
    "table",
    "default",
    "discrete",
    "[ inf ]",
    "[ 2.5 ]",
    "yes",
    "no",
    "\x00",
    "\ufeff",
    "é",
    "$",
    "a b",
]

_TOKEN = re.compile(r'"[^"\n]*"|[A-Za-z_][\w.-]*|-?\d+(?:\.\d+)?(?:[eE]-?\d+)?|\S')

#: The mutations, a token replaced most often (it keeps the file readable more often).
OPERATIONS = ["delete", "duplicate", "swap", "token", "token", "token", "token", "junk", "truncate"]

#: Seconds before an example counts as a hang.
HANG = 60

FUZZ = settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=30),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """The text with one to three mutations, as bytes."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(OPERATIONS))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "token":
            tokens = list(_TOKEN.finditer(lines[i]))
            if not tokens:
                continue
            match = tokens[draw(st.integers(0, len(tokens) - 1))]
            new = draw(
                st.one_of(
                    st.sampled_from(JUNK_TOKENS),
                    st.text(min_size=0, max_size=6),
                    st.floats(allow_nan=True, allow_infinity=True).map(repr),
                    st.integers(-(10**20), 10**20).map(str),
                )
            )
            lines[i] = lines[i][: match.start()] + new + lines[i][match.end() :]
        elif op == "junk":
            at = draw(st.integers(0, len(lines[i])))
            junk = draw(st.binary(min_size=1, max_size=8)).decode("latin-1")
            lines[i] = lines[i][:at] + junk + lines[i][at:]
        else:  # truncate
            at = draw(st.integers(0, len(lines[i])))
            lines = [*lines[:i], lines[i][:at]]
    data = "".join(lines).encode("utf-8", "surrogatepass")
    if data and draw(st.integers(0, 4)) == 0:  # raw bytes that need not be UTF-8
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


@contextlib.contextmanager
def _no_hang(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError(f"no answer within {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _load_and_infer(data: bytes, name: str) -> None:
    """Only a LikelihoodError may come out; what loads must infer (or raise one)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        with _no_hang(HANG), warnings.catch_warnings():
            # the library's own warnings (few effective draws, ...) are documented answers;
            # any other warning is an error (the suite's filterwarnings)
            warnings.simplefilter("error")
            warnings.simplefilter("ignore", lk.LikelihoodWarning)
            try:
                model = lk.load(path)
            except lk.LikelihoodError as error:
                assert str(error), "an error without a message"
                if isinstance(error, lk.ModelFileError):
                    assert error.path == str(path)
                event(f"load: {type(error).__name__}")
                return
            try:
                post = model.infer(draws=200, seed=0)
            except lk.LikelihoodError as error:
                assert str(error), "an error without a message"
                event(f"infer: {type(error).__name__}")
                return
            event("answered")
            for node in post.nodes:
                post.probability(node)


@FUZZ
@given(mutated(NEGOTIATIONS))
def test_mutated_flagship_analysis(data: bytes) -> None:
    _load_and_infer(data, "negotiations.toml")


@FUZZ
@given(mutated(ACTOR))
def test_mutated_benchmark_analysis(data: bytes) -> None:
    _load_and_infer(data, "actor.toml")


@FUZZ
@given(mutated(SMALL_BIF))
def test_mutated_small_network(data: bytes) -> None:
    _load_and_infer(data, "small.bif")


@FUZZ
@given(mutated(ASIA), st.sampled_from(["plain", "gzip", "gzip-damaged"]), st.data())
def test_mutated_asia(data: bytes, form: str, more: st.DataObject) -> None:
    if form == "plain":
        _load_and_infer(data, "asia.bif")
        return
    packed = gzip.compress(data)
    if form == "gzip-damaged":
        # damage the compressed stream itself: truncate it or flip bytes inside it
        at = more.draw(st.integers(1, len(packed) - 1))
        if more.draw(st.booleans()):
            packed = packed[:at]
        else:
            packed = packed[:at] + bytes([packed[at] ^ 0xFF]) + packed[at + 1 :]
    _load_and_infer(packed, "asia.bif.gz")


def test_the_seeds_are_valid() -> None:
    # the unmutated files load and infer: every failure above is the mutation's
    with tempfile.TemporaryDirectory() as folder:
        for name, text in (
            ("negotiations.toml", NEGOTIATIONS),
            ("actor.toml", ACTOR),
            ("small.bif", SMALL_BIF),
            ("asia.bif", ASIA),
        ):
            path = Path(folder, name)
            path.write_text(text, encoding="utf-8")
            post = lk.load(path).infer(draws=200, seed=0)
            assert post.nodes
