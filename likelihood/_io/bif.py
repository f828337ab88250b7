"""Read and write networks in the Bayesian Interchange Format (BIF 0.15).

Reading follows the format as the bnlearn repository writes it::

    variable asia { type discrete [ 2 ] { yes, no }; }
    probability ( asia ) { table 0.01, 0.99; }
    probability ( tub | asia ) { (yes) 0.05, 0.95; (no) 0.01, 0.99; }

A conditional given as one ``table`` lists the values child state by child
state, each over the parent configurations with the last parent varying
fastest (the order pgmpy reads and writes). ``default`` gives the row of every
configuration not listed. ``//`` and ``/* */`` comments and ``property`` lines
are ignored. Files ending in ``.gz`` are decompressed.

Published tables are rounded: a row whose sum differs from 1 by at most
:data:`ROW_TOLERANCE` is divided by its sum; a larger difference is an error
naming the variable and the parent configuration.
"""

from __future__ import annotations

import gzip
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from likelihood._exceptions import ModelFileError

__all__ = ["ROW_TOLERANCE", "BifNetwork", "parse_bif", "read_bif", "write_bif"]

#: Largest |row sum - 1| accepted (and renormalised) in a BIF table. The bnlearn
#: files round to 7 digits; alarm's HRSAT and HREKG rows sum to 1 - 1e-7.
ROW_TOLERANCE = 1e-6

_TOKEN = re.compile(r"\s*(?:(?P<punct>[{}()\[\];,|])|(?P<word>[^\s{}()\[\];,|]+))")


@dataclass
class BifNetwork:
    """A network read from BIF: states per variable, parents and tables.

    ``tables[name]`` has shape ``(*parent cards, card)``: the last axis is the
    variable's own states, in the order declared.
    """

    name: str
    states: dict[str, tuple[str, ...]]
    parents: dict[str, tuple[str, ...]]
    tables: dict[str, NDArray[np.float64]]


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.tokens: list[tuple[str, int]] = []
        for line_number, line in enumerate(_strip_comments(text).splitlines(), start=1):
            pos = 0
            while pos < len(line):
                match = _TOKEN.match(line, pos)
                if match is None:
                    break
                if match.end() == pos:
                    break
                value = match.group("punct") or match.group("word")
                if value:
                    self.tokens.append((value, line_number))
                pos = match.end()
        self.i = 0

    def error(self, message: str, line: int | None = None) -> ModelFileError:
        if line is None:
            line = self.tokens[min(self.i, len(self.tokens) - 1)][1] if self.tokens else None
        where = f"{self.path}, line {line}" if line else self.path
        return ModelFileError(f"{where}: {message}", path=self.path, line=line)

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self, expected: str | None = None, what: str | None = None) -> str:
        if self.i >= len(self.tokens):
            raise self.error(f"unexpected end of file (expected {what or expected or 'more'})")
        value = self.tokens[self.i][0]
        if expected is not None and value != expected:
            raise self.error(f"expected {expected!r}, found {value!r}")
        self.i += 1
        return value

    def line(self) -> int:
        return self.tokens[min(self.i, len(self.tokens) - 1)][1]

    def skip_block(self) -> None:
        depth = 0
        while True:
            token = self.take()
            if token == "{":
                depth += 1
            elif token == "}":
                depth -= 1
                if depth == 0:
                    return

    def names_until(self, end: str) -> list[str]:
        """Comma-separated words up to (not including) the token *end*."""
        names: list[str] = []
        while self.peek() != end:
            names.append(self.take())
            if self.peek() == ",":
                self.take(",")
        return names

    def numbers(self) -> list[float]:
        """Comma-separated numbers, then the closing ';'."""
        values = [self.number()]
        while self.peek() == ",":
            self.take(",")
            values.append(self.number())
        self.take(";")
        return values

    def number(self) -> float:
        token = self.take(what="a number")
        try:
            return float(token)
        except ValueError:
            raise self.error(f"expected a probability, found {token!r}") from None


def _parse(text: str, path: str) -> BifNetwork:
    r = _Reader(text, path)
    name = "network"
    states: dict[str, tuple[str, ...]] = {}
    blocks: list[
        tuple[str, tuple[str, ...], int, list[tuple[tuple[str, ...] | None, str, list[float], int]]]
    ] = []
    while r.peek() is not None:
        keyword = r.take()
        if keyword == "network":
            name = r.take()
            while r.peek() != "{":
                name += " " + r.take()
            r.skip_block()
        elif keyword == "variable":
            line = r.line()
            var = r.take()
            r.take("{")
            found: tuple[str, ...] | None = None
            while r.peek() != "}":
                token = r.take()
                if token == "type":
                    r.take("discrete")
                    r.take("[")
                    count = int(r.number())
                    r.take("]")
                    r.take("{")
                    values = r.names_until("}")
                    r.take("}")
                    r.take(";")
                    if len(values) != count:
                        raise r.error(
                            f"variable {var!r} declares {count} states but lists {len(values)}",
                            line,
                        )
                    if len(set(values)) != len(values):
                        raise r.error(f"variable {var!r} lists a state twice: {values}", line)
                    found = tuple(values)
                elif token == "property":
                    while r.take() != ";":
                        pass
                else:
                    raise r.error(f"unexpected {token!r} in variable {var!r}")
            r.take("}")
            if found is None:
                raise r.error(f"variable {var!r} has no 'type discrete [ n ] {{ ... }}'", line)
            if var in states:
                raise r.error(f"variable {var!r} is declared twice", line)
            states[var] = found
        elif keyword == "probability":
            line = r.line()
            r.take("(")
            var = r.take()
            parents: list[str] = []
            if r.peek() == "|":
                r.take("|")
                parents = r.names_until(")")
            r.take(")")
            r.take("{")
            entries: list[tuple[tuple[str, ...] | None, str, list[float], int]] = []
            while r.peek() != "}":
                entry_line = r.line()
                token = r.take()
                if token in ("table", "default"):
                    entries.append((None, token, r.numbers(), entry_line))
                elif token == "(":
                    config = r.names_until(")")
                    r.take(")")
                    entries.append((tuple(config), "row", r.numbers(), entry_line))
                elif token == "property":
                    while r.take() != ";":
                        pass
                else:
                    raise r.error(f"unexpected {token!r} in probability ( {var} ... )")
            r.take("}")
            blocks.append((var, tuple(parents), line, entries))
        else:
            raise r.error(f"expected 'network', 'variable' or 'probability', found {keyword!r}")

    parents_of: dict[str, tuple[str, ...]] = {}
    tables: dict[str, NDArray[np.float64]] = {}
    for var, conditioned_on, line, entries in blocks:
        where = (
            f"probability ( {var}{' | ' + ', '.join(conditioned_on) if conditioned_on else ''} )"
        )
        for v in (var, *conditioned_on):
            if v not in states:
                raise r.error(f"{where} names the undeclared variable {v!r}", line)
        if var in tables:
            raise r.error(f"{where}: a second table for {var!r}", line)
        card = len(states[var])
        shape = tuple(len(states[p]) for p in conditioned_on)
        table = np.full((*shape, card), np.nan)
        for given_states, kind, numbers, entry_line in entries:
            if kind == "table":
                expected = card * int(np.prod(shape, dtype=int))
                if len(numbers) != expected:
                    raise r.error(
                        f"{where}: table has {len(numbers)} values, expected {expected}", entry_line
                    )
                flat = np.asarray(numbers).reshape(card, -1).T.reshape(*shape, card)
                table[...] = flat
            elif kind == "default":
                if len(numbers) != card:
                    raise r.error(
                        f"{where}: default has {len(numbers)} values, expected {card}", entry_line
                    )
                missing = np.isnan(table[..., 0])
                table[missing] = numbers
            else:
                assert given_states is not None
                if len(given_states) != len(conditioned_on):
                    raise r.error(
                        f"{where}: ({', '.join(given_states)}) gives "
                        f"{len(given_states)} parent states, "
                        f"expected {len(conditioned_on)}",
                        entry_line,
                    )
                index = []
                for p, s in zip(conditioned_on, given_states, strict=True):
                    if s not in states[p]:
                        raise r.error(
                            f"{where}: {s!r} is not a state of {p!r} {states[p]}", entry_line
                        )
                    index.append(states[p].index(s))
                if len(numbers) != card:
                    raise r.error(
                        f"{where}: ({', '.join(given_states)}) has {len(numbers)} values, "
                        f"expected {card}",
                        entry_line,
                    )
                table[tuple(index)] = numbers
        if np.isnan(table).any():
            missing_rows = [
                "("
                + ", ".join(states[p][i] for p, i in zip(conditioned_on, idx, strict=True))
                + ")"
                for idx in itertools.product(*(range(c) for c in shape))
                if np.isnan(table[idx]).any()
            ]
            raise r.error(f"{where}: no values for {', '.join(missing_rows[:5])}", line)
        if (table < 0).any() or (table > 1).any():
            raise r.error(f"{where}: probabilities must lie in [0, 1]", line)
        sums = table.sum(axis=-1)
        bad = np.abs(sums - 1.0) > ROW_TOLERANCE
        if bad.any():
            idx = tuple(int(i) for i in np.argwhere(bad)[0]) if shape else ()
            config_text = ", ".join(states[p][i] for p, i in zip(conditioned_on, idx, strict=True))
            raise r.error(
                f"{where}: the row ({config_text}) sums to {float(sums[idx]):.9g}, not 1 "
                f"(within {ROW_TOLERANCE:g})",
                line,
            )
        tables[var] = table / sums[..., None]
        parents_of[var] = conditioned_on
    for var in states:
        if var not in tables:
            raise r.error(f"variable {var!r} has no probability table")
    return BifNetwork(name, states, parents_of, tables)


def read_bif(path: str | Path) -> BifNetwork:
    """Read a BIF file (``.bif`` or ``.bif.gz``)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz" or raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError, EOFError) as error:
        raise ModelFileError(f"cannot read {str(path)!r}: {error}", path=str(path)) from None
    return _parse(text, str(path))


def parse_bif(text: str, path: str = "<string>") -> BifNetwork:
    """Parse BIF text."""
    return _parse(text, path)


def _format(x: float) -> str:
    return repr(float(x))


def write_bif(network: BifNetwork) -> str:
    """Return BIF text for a network (conditionals as one row per parent configuration)."""
    lines = [f"network {network.name} {{", "}"]
    for var, states in network.states.items():
        lines += [
            f"variable {var} {{",
            f"  type discrete [ {len(states)} ] {{ {', '.join(states)} }};",
            "}",
        ]
    for var, parents in network.parents.items():
        table = network.tables[var]
        if not parents:
            lines += [
                f"probability ( {var} ) {{",
                f"  table {', '.join(map(_format, table))};",
                "}",
            ]
            continue
        lines.append(f"probability ( {var} | {', '.join(parents)} ) {{")
        for idx in itertools.product(*(range(len(network.states[p])) for p in parents)):
            config = ", ".join(network.states[p][i] for p, i in zip(parents, idx, strict=True))
            lines.append(f"  ({config}) {', '.join(map(_format, table[idx]))};")
        lines.append("}")
    return "\n".join(lines) + "\n"
