"""Read and write networks in the Bayesian Interchange Format (BIF 0.15).

Reading follows the format as the bnlearn repository, pgmpy and pyAgrum write it::

    network "asia" { property software = "x"; }
    variable asia { type discrete [ 2 ] { yes, no }; }
    probability ( asia ) { table 0.01, 0.99; }
    probability ( tub | asia ) { (yes) 0.05, 0.95; (no) 0.01, 0.99; }

A conditional given as one ``table`` lists the values child state by child
state, each over the parent configurations with the last parent varying
fastest (the order pgmpy reads and writes). ``default`` gives the row of every
configuration not listed. Numbers are separated by commas or by white space
(pyAgrum writes the latter); the network's name may be quoted; ``//`` and
``/* */`` comments and ``property`` lines are ignored; a UTF-8 byte-order mark
is skipped. Files ending in ``.gz`` are decompressed. State names are the
comma-separated texts between the braces (or white-space separated, when there
is no comma), so names such as ``Asy/Patch``, ``»7.5«`` or ``0.5`` are kept as
written.

Published tables are rounded: a row whose sum differs from 1 by at most
:data:`ROW_TOLERANCE` is divided by its sum; a larger difference is an error
naming the variable and the parent configuration. Every error names the file
and the line.

The reader does its work per block and per row in Python and per number in
NumPy, so that large networks (munin, mildew) load in about the time pyAgrum's
own reader takes.
"""

from __future__ import annotations

import gzip
import itertools
import math
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from likelihood._core.conditions import valid_name
from likelihood._exceptions import ModelError, ModelFileError

__all__ = [
    "ROW_TOLERANCE",
    "BifNetwork",
    "bif_name_problem",
    "check_bif_names",
    "parse_bif",
    "read_bif",
    "write_bif",
]

#: Largest |row sum - 1| accepted (and renormalised) in a BIF table. The bnlearn
#: files round to 7 digits; alarm's HRSAT and HREKG rows sum to 1 - 1e-7.
ROW_TOLERANCE = 1e-6

#: The most states a variable may declare (a larger count is a typo, not a network).
MAX_STATES = 100_000


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


# -- reading ------------------------------------------------------------------------------------

_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_KEYWORD = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)?")
_SPACE = re.compile(r"\s+")
_TYPE = re.compile(
    r"\s*type\s+(?P<kind>[^\s\[{;]+)\s*(?:\[\s*(?P<count>[^\]]*?)\s*\]\s*)?"
    r"(?:\{(?P<states>[^{}]*)\}\s*)?\Z",
    re.S,
)
_HEAD = re.compile(r"\s*\(([^(){};]*)\)\s*\{")
_ENTRY = re.compile(r"\s*(?:(?P<word>table|default|property)\b|(?P<open>\())")


def _strip_comments(text: str) -> str:
    """Remove comments, keeping the line breaks inside them (so lines keep their numbers)."""
    if "/" not in text:
        return text
    return _COMMENTS.sub(lambda m: "\n" * m.group(0).count("\n"), text)


class _Text:
    """The text of a file and where its lines start, for errors that name the line."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path

    def line(self, offset: int) -> int:
        return self.text.count("\n", 0, max(offset, 0)) + 1

    def error(self, message: str, offset: int | None) -> ModelFileError:
        message = " ".join(message.splitlines())  # one line, whatever names it quotes
        if offset is None:
            return ModelFileError(f"{self.path}: {message}", path=self.path)
        line = self.line(offset)
        return ModelFileError(f"{self.path}, line {line}: {message}", path=self.path, line=line)


def _closing(t: _Text, start: int, what: str) -> int:
    """Return the offset just after the ``}`` that closes the ``{`` at *start* (one level deep)."""
    text = t.text
    depth = 0
    pos = start
    while True:
        brace = _BRACE.search(text, pos)
        if brace is None:
            raise t.error(f"unexpected end of file: {what} is not closed with '}}'", start)
        if brace.group(0) == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return brace.end()
        pos = brace.end()


_BRACE = re.compile(r"[{}]")


def _short(text: str, limit: int = 40) -> str:
    text = _SPACE.sub(" ", text.strip())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _numbers(t: _Text, text: str, offset: int, where: str) -> NDArray[np.float64]:
    """Numbers separated by commas or white space (the text of one entry, after its head)."""
    tokens = text.replace(",", " ").split()
    try:
        return np.array(tokens, dtype=np.float64)
    except ValueError:
        for token in tokens:
            try:
                float(token)
            except ValueError:
                at = offset + text.find(token)
                raise t.error(f"{where}: expected a probability, found {token!r}", at) from None
        raise  # pragma: no cover - numpy and float() agree on what a number is


def _variable(t: _Text, name: str, body: str, start: int, body_at: int) -> tuple[str, ...]:
    """Read the body of ``variable NAME { ... }``: its states."""
    found: tuple[str, ...] | None = None
    pos = 0
    for statement in body.split(";"):
        at = body_at + pos
        pos += len(statement) + 1
        text = statement.strip()
        if not text or text.startswith("property"):
            continue
        match = _TYPE.match(statement)
        if match is None:
            raise t.error(
                f"variable {name!r}: expected 'type discrete [ n ] {{ state, ... }};' or "
                f"'property ...;', found {_short(text)!r}",
                at + len(statement) - len(statement.lstrip()),
            )
        if match.group("kind") != "discrete":
            raise t.error(
                f"variable {name!r}: only 'discrete' variables can be read; "
                f"found {match.group('kind')!r}",
                at,
            )
        count_text = match.group("count")
        states_text = match.group("states")
        if count_text is None or states_text is None:
            raise t.error(
                f"variable {name!r}: expected 'type discrete [ n ] {{ state, ... }};'", at
            )
        if not re.fullmatch(r"\d+", count_text) or int(count_text) > MAX_STATES:
            raise t.error(
                f"variable {name!r}: the number of states must be a whole number from 2 to "
                f"{MAX_STATES}; found {count_text!r}",
                at,
            )
        count = int(count_text)
        if "," in states_text:
            values = [s.strip() for s in states_text.split(",")]
        else:
            values = states_text.split()
        if "" in values:
            raise t.error(f"variable {name!r}: an empty state name in {{{states_text}}}", at)
        if len(values) != count:
            raise t.error(f"variable {name!r} declares {count} states but lists {len(values)}", at)
        if count < 2:
            raise t.error(
                f"variable {name!r} has {count} state(s); a variable needs two or more", at
            )
        if len(set(values)) != len(values):
            twice = sorted({s for s in values if values.count(s) > 1})
            raise t.error(
                f"variable {name!r} lists a state twice: {', '.join(map(repr, twice))}", at
            )
        bad = [s for s in values if "&" in s]
        if bad:
            raise t.error(
                f"variable {name!r}: the state {bad[0]!r} holds '&', which separates the parts "
                "of a condition",
                at,
            )
        if found is not None:
            raise t.error(f"variable {name!r} has two 'type' lines", at)
        found = tuple(values)
    if found is None:
        raise t.error(f"variable {name!r} has no 'type discrete [ n ] {{ ... }};'", start)
    return found


@dataclass
class _Block:
    var: str
    parents: tuple[str, ...]
    start: int  # offset of the keyword "probability"
    body: str
    body_at: int  # offset of the body's first character


def _parse(text: str, path: str) -> BifNetwork:
    if text.startswith("\ufeff"):
        text = text[1:]
    src = _strip_comments(text)
    plain = _parse_plain(src, path)
    if plain is not None:
        return plain
    t = _Text(src, path)
    name = "network"
    states: dict[str, tuple[str, ...]] = {}
    declared_at: dict[str, int] = {}
    blocks: list[_Block] = []
    pos = 0
    size = len(src)
    while True:
        match = _KEYWORD.match(src, pos)
        assert match is not None  # the pattern matches the empty string
        keyword = match.group(1)
        at = match.start(1) if keyword else match.end()
        if keyword is None:
            if match.end() >= size:
                break
            raise t.error(
                f"expected 'network', 'variable' or 'probability', found "
                f"{_short(src[match.end() : match.end() + 20])!r}",
                match.end(),
            )
        if keyword == "network":
            brace = src.find("{", match.end())
            if brace < 0:
                raise t.error("unexpected end of file: the network has no '{ ... }'", at)
            name = src[match.end() : brace].strip().strip('"').strip() or "network"
            pos = _closing(t, brace, "the network block")
        elif keyword == "variable":
            brace = src.find("{", match.end())
            if brace < 0:
                raise t.error("unexpected end of file: the variable has no '{ ... }'", at)
            var = src[match.end() : brace].strip()
            end = _closing(t, brace, f"variable {var!r}")
            if not valid_name(var):
                raise t.error(
                    f"the variable name {var!r} cannot name a node: use letters, digits, '_', "
                    "'-' or '.', starting with a letter or '_'",
                    at,
                )
            if var in states:
                raise t.error(
                    f"variable {var!r} is declared twice (first on line "
                    f"{t.line(declared_at[var])})",
                    at,
                )
            states[var] = _variable(t, var, src[brace + 1 : end - 1], at, brace + 1)
            declared_at[var] = at
            pos = end
        elif keyword == "probability":
            head = _HEAD.match(src, match.end())
            if head is None:
                raise t.error("expected 'probability ( variable | parents ) { ... }'", at)
            inside = head.group(1)
            child, bar, rest = inside.partition("|")
            var = child.strip()
            parents = tuple(p.strip() for p in rest.split(",")) if bar else ()
            if not bar and len(var.split()) > 1:  # the old form: ( child parent parent )
                var, *others = var.split()
                parents = tuple(others)
            if not var or "" in parents:
                raise t.error(f"cannot read 'probability ( {_short(inside)} )'", at)
            close = src.find("}", head.end())
            if close < 0:
                raise t.error(
                    f"unexpected end of file: probability ( {var} ... ) is not closed with '}}'",
                    at,
                )
            nested = src.find("{", head.end(), close)
            if nested >= 0:
                raise t.error(f"probability ( {var} ... ): unexpected '{{'", nested)
            blocks.append(_Block(var, parents, at, src[head.end() : close], head.end()))
            pos = close + 1
        else:
            raise t.error(f"expected 'network', 'variable' or 'probability', found {keyword!r}", at)
    if not states:
        raise t.error(
            "no variable in the file: a BIF network declares 'variable NAME { type discrete "
            "[ n ] { ... }; }' and a 'probability ( NAME ) { ... }' for each",
            None,
        )

    parents_of: dict[str, tuple[str, ...]] = {}
    tables: dict[str, NDArray[np.float64]] = {}
    for block in blocks:
        _table(t, block, states, parents_of, tables)
    for var in states:
        if var not in tables:
            raise t.error(f"variable {var!r} has no probability table", declared_at[var])
    return BifNetwork(name, states, parents_of, tables)


#: One block as the bnlearn files, pgmpy and pyAgrum write it: a network, a discrete variable
#: with a 'type' line only, or a probability block (its body read by :func:`_plain_table`).
_PLAIN = re.compile(
    r"\s*(?:network(?![A-Za-z0-9_])(?P<network>[^{}]*)\{[^{}]*\}"
    r"|variable\s+(?P<var>[A-Za-z_][A-Za-z0-9_.\-]*)\s*\{\s*type\s+discrete\s*"
    r"\[\s*(?P<count>[0-9]+)\s*\]\s*\{(?P<states>[^{};]*)\}\s*;\s*\}"
    r"|probability\s*\((?P<head>[^(){};]*)\)\s*\{(?P<body>[^{}]*)\})"
)
#: The body of a probability block of rows ``(states) p1, p2, ...;``, and one of its rows.
_PLAIN_ROWS = re.compile(r"(?:\s*\([^();]*\)[^();]*;)*\s*")
_PLAIN_ROW = re.compile(r"\(([^();]*)\)([^();]*);")
#: What ends the keyword of a 'table' entry in :func:`_plain_table` (as ``\b`` would).
_AFTER_TABLE = frozenset(" \t\n\r")


def _parse_plain(src: str, path: str) -> BifNetwork | None:
    """Read a network written plainly, or return ``None``: :func:`_parse` reads it (and raises).

    The files that the bnlearn repository, pgmpy and pyAgrum write have one form
    of each block (see :data:`_PLAIN`) and tables that are whole and right. Here
    the blocks are matched at once, the rows checked in Python and the numbers
    converted, checked and normalised by NumPy for the whole file at once (per
    number of states), so that a small network costs little more than its text.
    The result is the one :func:`_parse` gives; anything it would report (or
    anything read otherwise: ``default``, a conditional ``table``, a row given
    twice, a number out of range, ...) returns ``None`` before any error, and
    :func:`_parse` reads the file again, the one path that raises.
    """
    name = "network"
    states: dict[str, tuple[str, ...]] = {}
    heads: list[tuple[str, int, str, int]] = []  # (head, offset of the keyword, body, body at)
    pos = 0
    match = _PLAIN.match
    while True:
        m = match(src, pos)
        if m is None:
            if src[pos:].strip():
                return None
            break
        pos = m.end()
        kind = m.lastgroup
        if kind == "states":
            var, count = m.group("var", "count")
            states_text = m.group("states")
            if "," in states_text:
                values = [v.strip() for v in states_text.split(",")]
            else:
                values = states_text.split()
            if (
                var in states
                or len(values) != int(count)
                or len(values) < 2
                or int(count) > MAX_STATES
                or "" in values
                or len(set(values)) != len(values)
                or "&" in states_text
            ):
                return None
            states[var] = tuple(values)
        elif kind == "body":
            heads.append((m.group("head"), m.start("head") - 1, m.group("body"), m.start("body")))
        else:
            name = m.group("network").strip().strip('"').strip() or "network"
    if not states:
        return None
    numbers: dict[int, list[str]] = {}  # per number of states: the numbers of every row, in order
    plan: list[tuple[str, tuple[str, ...], int, int, int] | _Block] = []
    read: set[str] = set()
    for head, at, body, body_at in heads:
        child, bar, rest = head.partition("|")
        var = child.strip()
        parents = tuple([p.strip() for p in rest.split(",")]) if bar else ()
        if not bar and len(var.split()) > 1:  # the old form: ( child parent parent )
            var, *others = var.split()
            parents = tuple(others)
        if var not in states or not states.keys() >= set(parents):
            return None
        if len(set(parents)) != len(parents) or var in parents or var in read:
            return None
        read.add(var)
        card = len(states[var])
        found = _plain_table(body, card, [states[p] for p in parents])
        if found is None:  # 'default', a conditional 'table', rows missing: read as written
            start = src.rfind("probability", 0, at)
            plan.append(_Block(var, parents, start, body, body_at))
            continue
        into = numbers.setdefault(card, [])
        plan.append((var, parents, card, len(into) // card, len(found) // card))
        into += found
    matrices: dict[int, NDArray[np.float64]] = {}
    for card, tokens in numbers.items():
        try:
            matrix = np.array(tokens, dtype=np.float64).reshape(-1, card)
        except ValueError:
            return None
        if not (matrix.min() >= 0.0 and matrix.max() <= 1.0):  # false for nan too
            return None
        sums = matrix.sum(axis=1)
        if np.abs(sums - 1.0).max() > ROW_TOLERANCE:
            return None
        matrices[card] = matrix / sums[:, None]
    parents_of: dict[str, tuple[str, ...]] = {}
    tables: dict[str, NDArray[np.float64]] = {}
    t = _Text(src, path)
    for step in plan:
        if isinstance(step, _Block):
            try:
                _table(t, step, states, parents_of, tables)
            except ModelFileError:
                return None
            continue
        var, parents, card, first, count = step
        shape = [len(states[p]) for p in parents]
        tables[var] = matrices[card][first : first + count].reshape(*shape, card)
        parents_of[var] = parents
    if len(tables) != len(states):
        return None  # a variable without a table
    return BifNetwork(name, states, parents_of, tables)


def _plain_table(body: str, card: int, parent_states: list[tuple[str, ...]]) -> list[str] | None:
    """Return the numbers of a probability block, row by row (configurations in order), or ``None``.

    The block is one ``table`` entry for a variable without parents, or one row
    ``(states) p1, p2, ...;`` for every configuration of the parents, each once,
    in any order. The numbers are their texts, not yet converted; anything else
    returns ``None``, and the block is read as written.
    """
    if not parent_states:
        entries = body.split(";")
        entry = entries[0].lstrip()
        if len(entries) != 2 or entries[1].strip():
            return None
        if not entry.startswith("table") or entry[5:6] not in _AFTER_TABLE:
            return None
        tokens = entry[5:].replace(",", " ").split()
        return tokens if len(tokens) == card else None
    configurations = math.prod(map(len, parent_states))
    if body.count(";") != configurations or _PLAIN_ROWS.fullmatch(body) is None:
        return None
    insides, texts = zip(*_PLAIN_ROW.findall(body), strict=True)
    flat = {", ".join(c): i for i, c in enumerate(itertools.product(*parent_states))}
    index = list(map(flat.get, insides, itertools.repeat(-1)))
    if -1 in index:  # other spacing: read the states one by one
        for k, inside in enumerate(insides):
            names = [s.strip() for s in inside.split(",")]
            index[k] = flat.get(", ".join(names), -1)
            if index[k] < 0 or "" in names:
                return None
    rows = len(texts)
    if index != list(range(rows)):  # rows out of order (or one given twice)
        if len(set(index)) != configurations:
            return None
        ordered = list(texts)
        for i, text in zip(index, texts, strict=True):
            ordered[i] = text
        texts = tuple(ordered)
    tokens = " ; ".join(texts).replace(",", " ").split()
    if len(tokens) != rows * (card + 1) - 1 or tokens[card :: card + 1].count(";") != rows - 1:
        return None  # a row without card numbers (each ';' is a token of its own)
    del tokens[card :: card + 1]
    return tokens


def _table(
    t: _Text,
    block: _Block,
    states: dict[str, tuple[str, ...]],
    parents_of: dict[str, tuple[str, ...]],
    tables: dict[str, NDArray[np.float64]],
) -> None:
    """Read one ``probability`` block into ``tables`` (checked, rows renormalised)."""
    var, conditioned_on = block.var, block.parents
    where = f"probability ( {var}{' | ' + ', '.join(conditioned_on) if conditioned_on else ''} )"
    for v in (var, *conditioned_on):
        if v not in states:
            raise t.error(f"{where} names the undeclared variable {v!r}", block.start)
    if len(set(conditioned_on)) != len(conditioned_on) or var in conditioned_on:
        raise t.error(f"{where} names a variable twice", block.start)
    if var in tables:
        raise t.error(f"{where}: a second table for {var!r}", block.start)
    card = len(states[var])
    shape = tuple(len(states[p]) for p in conditioned_on)
    configurations = math.prod(shape)
    lookup = [{s: i for i, s in enumerate(states[p])} for p in conditioned_on]
    whole: NDArray[np.float64] | None = None  # the last 'table' entry, one row per configuration
    default: NDArray[np.float64] | None = None
    table_at = block.start
    row_index: list[int] = []
    row_values: list[str] = []
    row_value_at: list[int] = []
    row_at: list[int] = []
    body = block.body
    entries = body.split(";")
    tail = entries.pop()
    if tail.strip():
        raise t.error(
            f"{where}: expected ';' after {_short(tail)!r}",
            block.body_at + len(body) - len(tail) + len(tail) - len(tail.lstrip()),
        )
    pos = 0
    strides = [math.prod(shape[k + 1 :]) for k in range(len(shape))]
    for entry in entries:
        at = block.body_at + pos
        pos += len(entry) + 1
        head = _ENTRY.match(entry)
        if head is None:
            if not entry.strip():
                raise t.error(f"{where}: an empty entry (';' twice)", at)
            lead = len(entry) - len(entry.lstrip())
            raise t.error(
                f"{where}: expected 'table', 'default' or '(parent states)', found "
                f"{_short(entry)!r}",
                at + lead,
            )
        at_entry = at + head.start(head.lastindex or 0)
        word = head.group("word")
        if word == "property":
            continue
        if word in ("table", "default"):
            values = _numbers(t, entry[head.end() :], at + head.end(), where)
            if word == "table":
                expected = card * configurations
                if values.size != expected:
                    raise t.error(
                        f"{where}: table has {values.size} values, expected {expected}", at_entry
                    )
                _check_values(t, values, where, at_entry)
                whole = np.ascontiguousarray(values.reshape(card, configurations).T)
                table_at = at_entry
            else:
                if values.size != card:
                    raise t.error(
                        f"{where}: default has {values.size} values, expected {card}", at_entry
                    )
                _check_values(t, values, where, at_entry)
                default = values
            continue
        close = entry.find(")", head.end())
        if close < 0:
            raise t.error(f"{where}: '(' without ')'", at_entry)
        names = [s.strip() for s in entry[head.end() : close].split(",")]
        if len(names) != len(conditioned_on):
            raise t.error(
                f"{where}: ({', '.join(names)}) gives {len(names)} parent states, "
                f"expected {len(conditioned_on)}",
                at_entry,
            )
        flat = 0
        for k, s in enumerate(names):
            i = lookup[k].get(s)
            if i is None:
                p = conditioned_on[k]
                raise t.error(
                    f"{where}: {s!r} is not a state of {p!r} ({', '.join(states[p])})", at_entry
                )
            flat += i * strides[k]
        row_index.append(flat)
        row_values.append(entry[close + 1 :])
        row_value_at.append(at + close + 1)
        row_at.append(at_entry)
    count = len(row_index)
    matrix = np.empty((0, card))
    if count:
        matrix = _rows(t, row_values, row_value_at, row_at, card, where)
        if not (matrix.min() >= 0.0 and matrix.max() <= 1.0):  # false for nan too
            finite = np.isfinite(matrix).all(axis=1)
            bad = ~finite | (matrix < 0).any(axis=1) | (matrix > 1).any(axis=1)
            k = int(np.argmax(bad))
            _check_values(t, matrix[k], where, row_at[k])
        if len(set(row_index)) != count:
            index = np.asarray(row_index)
            order = np.argsort(index, kind="stable")
            twice = np.flatnonzero(index[order][1:] == index[order][:-1])
            k = int(order[twice[0] + 1])
            config = _config(states, conditioned_on, shape, int(index[k]))
            raise t.error(f"{where}: the row ({config}) is given twice", row_at[k])
    if count == configurations:  # every configuration has its row: nothing else shows
        if row_index == list(range(count)):
            table = matrix
        else:
            table = np.empty_like(matrix)
            table[row_index] = matrix
    else:
        table = np.full((configurations, card), np.nan) if whole is None else whole
        given = np.full(configurations, whole is not None)
        if count:
            table[row_index] = matrix
            given[row_index] = True
        if default is not None:
            table[~given] = default
            given[:] = True
        if not given.all():
            missing = [
                "(" + _config(states, conditioned_on, shape, int(i)) + ")"
                for i in np.flatnonzero(~given)[:5]
            ]
            more = int((~given).sum()) - len(missing)
            raise t.error(
                f"{where}: no values for {', '.join(missing)}"
                + (f" and {more} more" if more else ""),
                block.start,
            )
    sums = table.sum(axis=1)
    if np.abs(sums - 1.0).max() > ROW_TOLERANCE:
        i = int(np.argmax(np.abs(sums - 1.0) > ROW_TOLERANCE))
        at = table_at
        found = [k for k, r in enumerate(row_index) if r == i]
        if found:
            at = row_at[found[-1]]
        raise t.error(
            f"{where}: the row ({_config(states, conditioned_on, shape, i)}) sums to "
            f"{float(sums[i]):.9g}, not 1 (within {ROW_TOLERANCE:g})",
            at,
        )
    tables[var] = (table / sums[:, None]).reshape(*shape, card)
    parents_of[var] = conditioned_on


def _rows(
    t: _Text, texts: list[str], text_at: list[int], row_at: list[int], card: int, where: str
) -> NDArray[np.float64]:
    """Return the numbers of the rows ``(states) p1, p2, ...``, converted by NumPy at once."""
    rows = len(texts)
    tokens = " ; ".join(texts).replace(",", " ").split()  # each ';' a token: where a row ends
    if len(tokens) == rows * (card + 1) - 1 and tokens[card :: card + 1].count(";") == rows - 1:
        del tokens[card :: card + 1]
        try:
            return np.array(tokens, dtype=np.float64).reshape(rows, card)
        except ValueError:
            pass
    for text, at, head in zip(texts, text_at, row_at, strict=True):
        values = _numbers(t, text, at, where)
        if values.size != card:
            raise t.error(f"{where}: the row has {values.size} values, expected {card}", head)
    raise AssertionError("unreachable: a row failed as a whole but not alone")  # pragma: no cover


def _check_values(t: _Text, values: NDArray[np.float64], where: str, at: int) -> None:
    if values.size and values.min() >= 0.0 and values.max() <= 1.0:  # false for nan too
        return
    bad = values[~np.isfinite(values) | (values < 0) | (values > 1)]
    if bad.size:
        raise t.error(f"{where}: probabilities must lie in [0, 1]; found {float(bad[0])!r}", at)


def _config(
    states: dict[str, tuple[str, ...]], parents: tuple[str, ...], shape: tuple[int, ...], flat: int
) -> str:
    index = np.unravel_index(flat, shape) if shape else ()
    return ", ".join(states[p][int(i)] for p, i in zip(parents, index, strict=True))


def read_bif(path: str | Path) -> BifNetwork:
    """Read a BIF file (``.bif`` or ``.bif.gz``).

    Raises
    ------
    ModelFileError
        The file cannot be read (missing, a directory, not gzip although named
        ``.gz``, not UTF-8) or is not valid BIF; the message names the file and
        the line.
    """
    path = path if isinstance(path, Path) else Path(path)
    where = str(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ModelFileError(f"cannot read {where!r}: it is a directory", path=where) from None
    except FileNotFoundError:
        raise ModelFileError(f"cannot read {where!r}: no such file", path=where) from None
    except OSError as error:
        raise ModelFileError(
            f"cannot read {where!r}: {error.strerror or error}", path=where
        ) from None
    if path.suffix.lower() == ".gz" or raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:
            raise ModelFileError(
                f"{where}: not a valid gzip stream ({error}); a .gz file must be gzip-compressed",
                path=where,
            ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ModelFileError(
            f"{where}, line {line}: not UTF-8 text (byte {raw[error.start]:#04x} at offset "
            f"{error.start}); save the file as UTF-8",
            path=where,
            line=line,
        ) from None
    return _parse(text, where)


def parse_bif(text: str, path: str = "<string>") -> BifNetwork:
    """Parse BIF text."""
    return _parse(text, path)


# -- writing ------------------------------------------------------------------------------------

#: Characters a name cannot hold in BIF: white space, and what BIF uses to separate things.
_BIF_FORBIDDEN = set(",;{}()[]|\"'")


def bif_name_problem(text: str) -> str | None:
    """Return why *text* cannot be written as a BIF name (``None`` if it can)."""
    for ch in text:
        if ch.isspace():
            return "a space" if ch == " " else f"the white-space character {ch!r}"
        if not ch.isprintable():
            return f"the unprintable character {ch!r}"
        if ch in _BIF_FORBIDDEN:
            return f"{ch!r}"
    for pair in ("//", "/*", "*/"):
        if pair in text:
            return f"{pair!r} (a comment in BIF)"
    return None


def check_bif_names(network: BifNetwork) -> None:
    """Raise :class:`ModelError` naming every name that BIF cannot hold.

    A BIF identifier cannot hold white space, commas, semicolons, brackets,
    braces, parentheses, ``|`` or quotes, nor begin a comment.
    """
    problems: list[str] = []
    for var, states in network.states.items():
        reason = bif_name_problem(var)
        if reason:
            problems.append(f"the variable {var!r} ({reason})")
        for s in states:
            reason = bif_name_problem(s)
            if reason:
                problems.append(f"the state {s!r} of {var!r} ({reason})")
    if problems:
        shown = "; ".join(problems[:5]) + (
            f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        )
        raise ModelError(
            f"cannot write BIF: a BIF name cannot hold white space, commas, semicolons, "
            f"brackets, quotes or '|': {shown}. Save to .toml (which keeps every name) or "
            "rename the states"
        )


def _format(x: float) -> str:
    return repr(float(x))


def write_bif(network: BifNetwork) -> str:
    """Return BIF text for a network (conditionals as one row per parent configuration).

    Raises
    ------
    ModelError
        A variable or state name that BIF cannot hold (see :func:`check_bif_names`).
    """
    check_bif_names(network)
    lines = [f"network {network.name} {{", "}"]
    for var, states in network.states.items():
        lines += [
            f"variable {var} {{",
            f"  type discrete [ {len(states)} ] {{ {', '.join(states)} }};",
            "}",
        ]
    for var, parents in network.parents.items():
        table = np.asarray(network.tables[var], dtype=np.float64)
        if not parents:
            lines += [
                f"probability ( {var} ) {{",
                f"  table {', '.join(map(_format, table.tolist()))};",
                "}",
            ]
            continue
        lines.append(f"probability ( {var} | {', '.join(parents)} ) {{")
        rows = table.reshape(-1, table.shape[-1]).tolist()
        configs = itertools.product(*(network.states[p] for p in parents))
        for config, row in zip(configs, rows, strict=True):
            lines.append(f"  ({', '.join(config)}) {', '.join(map(_format, row))};")
        lines.append("}")
    return "\n".join(lines) + "\n"
