"""Models in files: analysis files (TOML), BIF networks, and the formats pyAgrum reads.

An analysis file mirrors the Python calls one to one (see ``docs/files.md``)::

    title = "Burglary alarm"
    scale = "icd203"

    [hypothesis.burglary]
    prior = 0.001

    [evidence.john_calls]
    given = { "alarm" = 0.90, "~alarm" = 0.05 }
    observed = true

    [observe]                   # m.observe(...) for a hypothesis, or any node's likelihood
    burglary = false

Tables may come in any order: nodes are added parents first (iteratively, so a
chain of any length loads). Everything that goes wrong while reading a file
raises :class:`ModelFileError`, naming the file, the table and the key, and the
line where it can be found; the error found inside is chained as its cause.

Writing refuses up front (:class:`ModelError`) anything it cannot write so that
:func:`load` reads it back, checks what it would write by reading it back, and
replaces the file atomically (a temporary file in the same folder, flushed to
disk, then renamed over the target), so a failed save leaves the old file as it
was.
"""

from __future__ import annotations

import datetime
import gzip
import itertools
import math
import numbers
import os
import re
import secrets
import stat
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from likelihood._core.canonical import CANONICAL_KEYS
from likelihood._core.compiled import CompiledModel
from likelihood._core.conditions import parse_condition
from likelihood._core.judgment import Judgment, judge
from likelihood._core.model import Decision, Dirichlet, LogUniformRatio, Model, Node, arrival
from likelihood._core.scales import Scale, scales
from likelihood._core.scales import scale as get_scale
from likelihood._exceptions import (
    CycleError,
    LikelihoodError,
    ModelError,
    ModelFileError,
    OptionError,
    UnknownScaleError,
    format_path,
    located,
)
from likelihood._io.bif import BifNetwork, parse_bif, read_bif, write_bif

__all__ = ["load", "model_to_bif", "model_to_toml", "save_model"]

_KINDS = ("hypothesis", "evidence", "source", "report")
_KEYS = {
    "hypothesis": ("text", "prior", "given", "states", *CANONICAL_KEYS),
    "evidence": (
        "text",
        "prior",
        "given",
        "states",
        "observed",
        "at",
        "supports",
        "strength",
        *CANONICAL_KEYS,
    ),
    "source": ("text", "reliability", "agenda"),
    "report": ("text", "source", "claims", "observed", "at", "grade"),
}
#: The table that observes nodes whose own table takes no ``observed`` (hypotheses).
_OBSERVE = "observe"
#: Decisions: read after the nodes and the observations (their utilities name nodes).
_DECISION = "decision"
_DECISION_KEYS = ("text", "options", "utility", "scale")
_TOP = ("title", "scale", "seed", *_KINDS, _OBSERVE, _DECISION)

#: The formats read and written through pyAgrum (``likelihood[formats]``), by suffix.
_PYAGRUM_SUFFIXES = {
    ".net": "net",
    ".xdsl": "xdsl",
    ".dsl": "dsl",
    ".xmlbif": "xmlbif",
    ".bifxml": "xmlbif",
    ".xml": "xmlbif",
    ".uai": "uai",
}
_SUFFIXES_TEXT = (
    "an analysis file ends in .toml, a BIF network in .bif or .bif.gz; through pyAgrum "
    "(pip install likelihood[formats]): .net (Hugin), .xdsl and .dsl (GeNIe), "
    ".xmlbif/.bifxml/.xml (XMLBIF), .uai"
)


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".toml"):
        return "toml"
    if name.endswith(".bif"):
        return "bif"
    if name.endswith(".bif.gz"):
        return "bif.gz"
    return _PYAGRUM_SUFFIXES.get(path.suffix.lower())


# -- reading ------------------------------------------------------------------------------------


def load(path: str | Path) -> Model:
    """Read a model from an analysis file (``.toml``), a BIF network or another network format.

    Parameters
    ----------
    path : str or pathlib.Path
        ``.toml`` (an analysis file), ``.bif`` or ``.bif.gz`` (BIF); through
        pyAgrum (``pip install likelihood[formats]``): ``.net`` (Hugin),
        ``.xdsl`` and ``.dsl`` (GeNIe), ``.xmlbif``/``.bifxml``/``.xml``
        (XMLBIF), ``.uai``.

    Returns
    -------
    Model
        From a network, every variable is a hypothesis with its published state
        names (so :meth:`Posterior.probability` gives ``{state: p}``) and its
        tables as exact numbers.

    Raises
    ------
    ModelFileError
        The file cannot be read, is not valid in its format, or does not define
        a valid model; the message names the file, the table, the key and,
        where known, the line.

    Examples
    --------
    >>> import tempfile, pathlib, likelihood as lk
    >>> text = '''
    ... title = "Cab problem"
    ... [hypothesis.blue]
    ... prior = 0.15
    ... [evidence.says_blue]
    ... given = { "blue" = 0.8, "~blue" = 0.2 }
    ... observed = true
    ... '''
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = pathlib.Path(d, "cab.toml")
    ...     _ = path.write_text(text)
    ...     m = lk.load(path)
    >>> round(m.infer().probability("blue"), 4)
    0.4138
    """
    if not isinstance(path, str | os.PathLike):
        raise ModelFileError(f"a file name is a str or a pathlib.Path; got {path!r}")
    path = Path(path)
    kind = _format_of(path)
    if kind == "toml":
        return _read_analysis(path)
    if kind in ("bif", "bif.gz"):
        return _network_model(read_bif(path), str(path))
    if kind is not None:
        from likelihood._io import formats

        name, states, parents, tables = formats.read_network(path, kind)
        return _network_model(BifNetwork(name, states, parents, tables), str(path))
    raise ModelFileError(
        f"{str(path)!r}: cannot tell the format from the name; {_SUFFIXES_TEXT}",
        path=str(path),
    )


def _read_bytes(path: Path) -> bytes:
    where = str(path)
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise ModelFileError(f"cannot read {where!r}: it is a directory", path=where) from None
    except FileNotFoundError:
        raise ModelFileError(f"cannot read {where!r}: no such file", path=where) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ModelFileError(f"cannot read {where!r}: {reason}", path=where) from None


def _decode(raw: bytes, where: str) -> str:
    """Return the text of a UTF-8 file (a byte-order mark skipped); an error names the line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ModelFileError(
            f"{where}, line {line}: not UTF-8 text (byte {raw[error.start]:#04x}); save the "
            "file as UTF-8",
            path=where,
            line=line,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


_HEADER = re.compile(r"^\s*\[\[?\s*[A-Za-z_\"'][^=,]*\]\]?\s*(#.*)?$")


def _header_pattern(table: str) -> re.Pattern[str]:
    kind, dot, name = table.partition(".")
    if not dot:
        return re.compile(rf"^\s*\[\s*{re.escape(kind)}\s*\]\s*(#.*)?$")
    return re.compile(
        rf"^\s*\[\s*{re.escape(kind)}\s*\.\s*"
        rf"(?:{re.escape(name)}|\"{re.escape(name)}\"|'{re.escape(name)}')\s*\]\s*(#.*)?$"
    )


def _key_pattern(key: str) -> re.Pattern[str]:
    """Return the pattern of a key as TOML writes it: bare or quoted, then ``=`` or ``.``."""
    quoted = re.escape(key)
    return re.compile(rf"(?:^|[\s{{,])(?:{quoted}|\"{quoted}\"|'{quoted}')\s*[=.]")


def _locate(
    text: str, table: str | None, key: str | None, needles: Sequence[str] = ()
) -> int | None:
    """Best-effort line (1-based) of a table, of a key in it, then of keys or rows inside it."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    if table is not None:
        header = _header_pattern(table)
        found = next((i for i, line in enumerate(lines) if header.match(line)), None)
        if found is None:
            return None
        start = found
        end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), end)
    else:
        end = next((i for i, line in enumerate(lines) if _HEADER.match(line)), end)
    target = start
    if key is not None:
        pattern = re.compile(
            rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*="
        )
        hit = next((i for i in range(start, end) if pattern.match(lines[i])), None)
        if hit is None and table is None:  # a table header [key.NAME] at the top level
            head = re.compile(rf"^\s*\[\s*{re.escape(key)}\b")
            hit = next((i for i, line in enumerate(lines) if head.match(line)), None)
        if hit is not None:
            target = hit
    for needle in needles:
        pattern = _key_pattern(needle)
        hit = next((i for i in range(target, end) if pattern.search(lines[i])), None)
        if hit is None:
            hit = next((i for i in range(target, end) if needle in lines[i]), None)
        if hit is None:
            break
        target = hit
    return target + 1


def _file_error(
    path: str,
    text: str,
    message: str,
    table: str | None = None,
    key: str | None = None,
    needles: Sequence[str] = (),
) -> ModelFileError:
    line = _locate(text, table, key, needles) if (table or key) else None
    where = path + (f", line {line}" if line else "")
    place = f"[{table}]" if table else ""
    if key:
        place += f" {key}" if place else key
    return ModelFileError(
        f"{where}: {place + ': ' if place else ''}{message}",
        path=path,
        table=table,
        key=key,
        line=line,
    )


def _parents_of(kind: str, entry: Mapping[str, Any]) -> list[str]:
    """Return the nodes a table refers to (its parents), read without checking them."""
    texts: list[Any] = []
    if kind in ("hypothesis", "evidence"):
        given = entry.get("given")
        if isinstance(given, Mapping):
            texts += list(given)
        texts.append(entry.get("supports"))
        for key in ("noisy_or", "noisy_max", "ranked"):  # their keys are the parents
            causes = entry.get(key)
            if isinstance(causes, Mapping):
                texts += [c for c in causes if isinstance(c, str) and "=" not in c]
    if kind == "report":
        texts.append(entry.get("claims"))
    refs: list[str] = []
    for condition in texts:
        if not isinstance(condition, str):
            continue
        try:
            refs += [lit.node for lit in parse_condition(condition)]
        except LikelihoodError:
            pass
    if kind == "report" and isinstance(entry.get("source"), str):
        refs.append(entry["source"])  # a source with an agenda is a parent (its agenda node)
    return refs


def _order(tables: dict[str, tuple[str, Mapping[str, Any]]]) -> list[str]:
    """Return the node names parents first, in file order otherwise; raise CycleError."""
    deps: dict[str, list[str]] = {}
    for name, (kind, entry) in tables.items():
        parents = _parents_of(kind, entry)
        if name in parents:
            raise CycleError(f"{name!r} is its own parent: {name} -> {name}", cycle=(name, name))
        deps[name] = [p for p in dict.fromkeys(parents) if p in tables]
    return _topological(deps)


def _topological(deps: Mapping[str, Sequence[str]]) -> list[str]:
    """Return the names parents first (depth-first, in the given order); raise CycleError.

    Iterative (an explicit stack), so that a chain of any length is sorted.

    Examples
    --------
    >>> _topological({"c": ["b"], "b": ["a"], "a": []})
    ['a', 'b', 'c']
    """
    order: list[str] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in deps:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack = [iter(deps[root])]
        while stack:
            for parent in stack[-1]:
                seen = state.get(parent)
                if seen == 2:
                    continue
                if seen == 1:
                    cycle = (*path[path.index(parent) :], parent)
                    raise CycleError(
                        f"the parents form a cycle: {' -> '.join(cycle)}", cycle=tuple(cycle)
                    )
                state[parent] = 1
                path.append(parent)
                stack.append(iter(deps[parent]))
                break
            else:
                stack.pop()
                done = path.pop()
                state[done] = 2
                order.append(done)
    return order


def _read_analysis(path: Path) -> Model:
    where = str(path)
    text = _decode(_read_bytes(path), where)
    return _analysis(text, where, path.parent)


def _analysis(text: str, where: str, base: Path) -> Model:
    """Read the text of an analysis file; *base* is the folder scale files are relative to."""
    import tomli

    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        place = f"{where}, line {line}" if line else where
        message = " ".join(str(error).split())
        raise ModelFileError(f"{place}: not valid TOML: {message}", path=where, line=line) from None
    if not data:
        raise ModelFileError(
            f"{where}: the file defines no model (no [hypothesis.NAME] or [evidence.NAME] table)",
            path=where,
        )
    unknown = [k for k in data if k not in _TOP]
    if unknown:
        raise _file_error(
            where,
            text,
            f"unknown top-level key(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(_TOP)}",
            key=unknown[0],
        )
    title = data.get("title", "")
    if not isinstance(title, str):
        raise _file_error(where, text, f"must be a string; got {title!r}", key="title")
    try:
        sc = _read_scale(data.get("scale", "phia"), base)
    except LikelihoodError as error:
        raise _file_error(where, text, str(error), key="scale") from error
    seed = data.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise _file_error(where, text, f"must be a whole number >= 0; got {seed!r}", key="seed")
    try:
        model = Model(scale=sc, title=title, seed=seed)
    except LikelihoodError as error:
        raise _file_error(where, text, error.message, key="seed") from error

    tables: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for kind in _KINDS:
        section = data.get(kind, {})
        if not isinstance(section, Mapping):
            raise _file_error(
                where, text, f"must be tables [{kind}.NAME]; got {section!r}", key=kind
            )
        for name, entry in section.items():
            table = f"{kind}.{name}"
            if not isinstance(entry, Mapping):
                raise _file_error(where, text, f"must be a table; got {entry!r}", table=table)
            if name in tables:
                other = tables[name][0]
                raise _file_error(
                    where, text, f"{name!r} is also defined as [{other}.{name}]", table=table
                )
            bad = [k for k in entry if k not in _KEYS[kind]]
            if bad:
                hint = (
                    f"; a {kind} is observed in the [{_OBSERVE}] table ({name} = true)"
                    if "observed" in bad
                    else ""
                )
                raise _file_error(
                    where,
                    text,
                    f"unknown key(s) {', '.join(map(repr, bad))}; "
                    f"allowed: {', '.join(_KEYS[kind])}{hint}",
                    table=table,
                    key=bad[0],
                )
            tables[name] = (kind, _with_scales(entry, sc, base))
    # tomli groups the tables by kind: put them back in the order of the file, which is the
    # order of the model's nodes (and of its parameters, hence of its draws)
    position = _file_order(text)
    ranked = sorted(
        enumerate(tables.items()), key=lambda x: (position.get(x[1][0], len(position)), x[0])
    )
    tables = dict(item for _, item in ranked)
    observe = data.get(_OBSERVE, {})
    if not isinstance(observe, Mapping):
        raise _file_error(
            where,
            text,
            f"must be a table [{_OBSERVE}] of NAME = state; got {observe!r}",
            key=_OBSERVE,
        )
    if not any(kind != "source" for kind, _ in tables.values()):
        raise ModelFileError(
            f"{where}: the file defines no model (no [hypothesis.NAME] or [evidence.NAME] table)",
            path=where,
        )
    # a source with an agenda adds a node, so it takes its place among the nodes
    placed = {n: t for n, t in tables.items() if t[0] != "source" or "agenda" in t[1]}
    try:
        order = _order(placed)
    except CycleError as error:
        first = error.cycle[0]
        raise _file_error(
            where, text, str(error), table=f"{tables[first][0]}.{first}", key="given"
        ) from error
    for name, (kind, entry) in tables.items():
        if kind == "source" and name not in placed:
            _add(model, kind, name, entry, where, text)
    for name in order:
        kind, entry = tables[name]
        _add(model, kind, name, entry, where, text)
    for name, value in observe.items():
        located_key = str(name)
        if name in tables and "observed" in tables[name][1]:
            raise _file_error(
                where,
                text,
                f"{name!r} is observed twice: here and in [{tables[name][0]}.{name}]",
                table=_OBSERVE,
                key=located_key,
            )
        try:
            if isinstance(value, Mapping):  # an uncertain or a dated observation
                unknown = [k for k in value if k not in ("likelihood", "state", "at")]
                if unknown or ("likelihood" in value) == ("state" in value):
                    raise ModelError(
                        "an observation written as a table is { state = STATE, at = DATE } or, "
                        "uncertain, { likelihood = { STATE = judgment, ... }, at = DATE } "
                        "(at is optional)" + (f"; unknown key {unknown[0]!r}" if unknown else "")
                    )
                model.observe(
                    name, value.get("state"), likelihood=value.get("likelihood"), at=value.get("at")
                )
            else:
                model.observe(name, value)
        except LikelihoodError as error:
            raise _file_error(
                where, text, error.message, table=_OBSERVE, key=located_key
            ) from error
    _read_decisions(model, data.get(_DECISION, {}), tables, where, text)
    return model


def _read_decisions(
    model: Model,
    section: Any,
    tables: Mapping[str, tuple[str, Mapping[str, Any]]],
    where: str,
    text: str,
) -> None:
    """Add the file's ``[decision.NAME]`` tables to the model."""
    if not isinstance(section, Mapping):
        raise _file_error(
            where, text, f"must be tables [{_DECISION}.NAME]; got {section!r}", key=_DECISION
        )
    for name, entry in section.items():
        table = f"{_DECISION}.{name}"
        if not isinstance(entry, Mapping):
            raise _file_error(where, text, f"must be a table; got {entry!r}", table=table)
        if name in tables:
            other = tables[name][0]
            raise _file_error(
                where, text, f"{name!r} is also defined as [{other}.{name}]", table=table
            )
        bad = [k for k in entry if k not in _DECISION_KEYS]
        if bad:
            raise _file_error(
                where,
                text,
                f"unknown key(s) {', '.join(map(repr, bad))}; allowed: {', '.join(_DECISION_KEYS)}",
                table=table,
                key=bad[0],
            )
        missing = [k for k in ("options", "utility") if k not in entry]
        if missing:
            raise _file_error(where, text, f"needs {' and '.join(missing)}", table=table, key=None)
        try:
            model.decision(
                name,
                options=entry["options"],
                utility=entry["utility"],
                scale=entry.get("scale"),
                text=entry.get("text", ""),
            )
        except LikelihoodError as error:
            raise _table_error(error, table, where, text) from error


_TABLE_HEADER = re.compile(rf"^\s*\[\s*(?:{'|'.join(_KINDS)})\s*\.(?P<name>.+)\]\s*(?:#.*)?$")


def _file_order(text: str) -> dict[str, int]:
    """Return the position of each ``[kind.NAME]`` table in the text, by NAME."""
    import tomli

    order: dict[str, int] = {}
    for line in text.splitlines():
        match = _TABLE_HEADER.match(line)
        if match is None:
            continue
        try:
            parsed = tomli.loads(f"[t.{match.group('name')}]")["t"]
        except tomli.TOMLDecodeError:
            continue
        for name in parsed:
            order.setdefault(name, len(order))
    return order


def _read_scale(value: Any, base: Path) -> Scale:
    if isinstance(value, str) and value.lower().endswith(".toml"):
        target = Path(value)
        if not target.is_absolute():
            target = base / target
        return Scale.from_toml(target)
    if not isinstance(value, str):
        raise ModelError(f"scale must be a scale name or a .toml file; got {value!r}")
    try:
        return get_scale(value)
    except UnknownScaleError as error:
        beside = base / f"{value}.toml"
        if beside.is_file():
            raise UnknownScaleError(
                f"{error.message}; a scale file is named with its suffix, relative to the "
                f"analysis: scale = {f'{value}.toml'!r}"
            ) from error
        raise


def _with_scales(entry: Mapping[str, Any], sc: Scale, base: Path) -> Mapping[str, Any]:
    """Return *entry* with the scales that term forms name and only the file knows, as Scales.

    A form ``{ term = "probable", scale = "house" }`` names the file's own scale
    (read from ``scale = "house.toml"``) or a scale file (``scale = "other.toml"``,
    relative to the analysis); the built-in scales are found by name as usual.
    """
    loaded: dict[str, Scale] = {}

    def resolve(name: str) -> Scale | str:
        if name.lower().endswith(".toml"):
            if name not in loaded:
                target = Path(name) if Path(name).is_absolute() else base / name
                loaded[name] = Scale.from_toml(target)
            return loaded[name]
        if name == sc.name and name not in scales():
            return sc
        return name

    def walk(value: Any) -> Any:
        if isinstance(value, Mapping):
            out = {k: walk(v) for k, v in value.items()}
            if "term" in out and isinstance(out.get("scale"), str):
                try:
                    out["scale"] = resolve(out["scale"])
                except LikelihoodError:
                    pass  # the form reports it, with its place
            return out
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return {k: walk(v) for k, v in entry.items()}


def _add(
    model: Model, kind: str, name: str, entry: Mapping[str, Any], path: str, text: str
) -> None:
    """Add one table of the file to the model; an error names the file, table, key and line."""
    try:
        if kind == "hypothesis":
            model.hypothesis(
                name,
                entry.get("prior"),
                given=entry.get("given"),
                states=entry.get("states"),
                text=entry.get("text", ""),
                **{k: entry[k] for k in CANONICAL_KEYS if k in entry},
            )
        elif kind == "evidence":
            model.evidence(
                name,
                entry.get("prior"),
                given=entry.get("given"),
                states=entry.get("states"),
                observed=entry.get("observed"),
                supports=entry.get("supports"),
                strength=entry.get("strength"),
                text=entry.get("text", ""),
                **{k: entry[k] for k in CANONICAL_KEYS if k in entry},
            )
            _dated(model, name, entry)
        elif kind == "source":
            if "reliability" not in entry:
                raise ModelError(
                    "needs reliability (an Admiralty grade or a judgment)",
                    where=(f"source {name}",),
                )
            model.source(
                name,
                reliability=entry["reliability"],
                text=entry.get("text", ""),
                agenda=entry.get("agenda"),
            )
        else:
            missing = [k for k in ("source", "claims") if k not in entry]
            if missing:
                raise ModelError(f"needs {' and '.join(missing)}", where=(name,))
            model.report(
                name,
                source=entry["source"],
                claims=entry["claims"],
                observed=entry.get("observed"),
                text=entry.get("text", ""),
                grade=entry.get("grade"),
            )
            _dated(model, name, entry)
    except LikelihoodError as error:
        raise _table_error(error, f"{kind}.{name}", path, text) from error


def _dated(model: Model, name: str, entry: Mapping[str, Any]) -> None:
    """Give the observation of a node's table its date (``at``), if the table has one."""
    if "at" not in entry:
        return
    if entry.get("observed") is None:
        raise ModelError(
            "at dates an observation: give observed with it (or drop at)", where=(name, "at")
        )
    with located(name, "at"):
        when = arrival(entry["at"], "at")
    model.observe(name, entry["observed"], at=when)


def _when(value: Any) -> Any:
    """Write when an observation arrived: a date as ISO text, a number as it is."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _table_error(error: LikelihoodError, table: str, path: str, text: str) -> ModelFileError:
    """Return the error found in a table as a ModelFileError naming the table, key and line.

    The model names the node first in ``error.where`` (``("b", "given", "~a")``): the table
    stands for it, the rest is the key and the entries inside it, found in the text in turn
    (a row of ``given`` by its condition, a key of a form by its name).
    """
    inside = error.where[1:]
    key = str(inside[0]) if inside else None
    if key is None:  # the message may begin with the key ("source must be ...")
        kind = table.partition(".")[0]
        key = next((k for k in _KEYS.get(kind, ()) if error.message.startswith(f"{k} ")), None)
    needles = [part for part in inside[1:] if isinstance(part, str)]
    line = _locate(text, table, key, needles)
    message = error.message
    if inside and not (len(inside) == 1 and message.startswith(f"{key} ")):
        message = f"{format_path(inside)}: {message}"
    place = path + (f", line {line}" if line else "")
    return ModelFileError(
        f"{place}: [{table}] {message}", path=path, table=table, key=key, line=line
    )


def _network_model(network: BifNetwork, path: str) -> Model:
    """Return the model of a network: every variable a hypothesis with its table of numbers.

    Equal numbers share one Judgment (a network's tables repeat few distinct values),
    and every row is handed over as it is, so that large networks load quickly.
    """
    title = network.name
    if title in ("unknown", "network", ""):
        title = os.path.basename(path)  # path is str(Path(...)): its name
    model = Model(title=title)
    try:
        order = _topological(network.parents)
    except CycleError as error:
        raise ModelFileError(f"{path}: {error}", path=path) from error
    all_states, all_parents = network.states, network.parents
    rows_of = {
        name: np.asarray(network.tables[name]).reshape(-1, len(all_states[name])).tolist()
        for name in order
    }
    number: dict[float, Judgment] = {}  # equal numbers share one Judgment (0.0 and -0.0 too)
    try:
        for name in order:
            states = all_states[name]
            rows = rows_of[name]
            for x in dict.fromkeys(itertools.chain.from_iterable(rows)):  # in the order they come
                if x not in number:
                    number[x] = judge(x)
            tables = [dict(zip(states, [number[x] for x in row], strict=True)) for row in rows]
            parents = all_parents[name]
            if not parents:
                model.hypothesis(name, tables[0], states=states)
                continue
            literals = [[f"{p}={s}" for s in all_states[p]] for p in parents]
            conditions = [" & ".join(c) for c in itertools.product(*literals)]
            model.hypothesis(name, given=dict(zip(conditions, tables, strict=True)), states=states)
    except LikelihoodError as error:
        raise ModelFileError(f"{path}: {error}", path=path) from error
    return model


# -- writing: values ----------------------------------------------------------------------------

_BARE = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(text: str, where: str) -> str:
    r"""Return *text* as a TOML basic string: quotes, backslashes and control characters escaped.

    Examples
    --------
    >>> print(_toml_string('say "hi"\tbell\x07 $5 ünï', "title"))
    "say \"hi\"\tbell\u0007 $5 ünï"
    """
    bad = _SURROGATE.search(text)
    if bad:
        raise ModelError(
            f"cannot write {where} {text!r}: it holds the lone surrogate {bad.group(0)!r}, "
            "which is not a character (UTF-8 cannot encode it)"
        )
    body = _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(0)) or f"\\u{ord(m.group(0)):04X}", text)
    return f'"{body}"'


def _key(text: str, where: str) -> str:
    return text if _BARE.match(text) else _toml_string(text, where)


def _toml(value: Any, where: str) -> str:
    """Return *value* as a TOML value; what TOML cannot hold raises ModelError naming *where*."""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        number = int(value)
        if not -(2**63) <= number < 2**63:
            raise ModelError(f"cannot write {where} {number}: TOML integers have 64 bits")
        return str(number)
    if isinstance(value, numbers.Real):
        x = float(value)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return repr(x)
    if isinstance(value, str):
        return _toml_string(value, where)
    if isinstance(value, np.ndarray):
        return _toml(value.tolist(), where)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v, where) for v in value) + "]"
    if isinstance(value, Mapping):
        items = (f"{_key(str(k), where)} = {_toml(v, where)}" for k, v in value.items())
        return "{ " + ", ".join(items) + " }"
    raise ModelError(
        f"cannot write {where}: {value!r} ({type(value).__name__}) has no form in an analysis file"
    )


def _written(value: Any, model: Model, where: str, target: Path | None) -> Any:
    """Return what the analyst wrote, in a form TOML can hold and the file can read back."""
    if isinstance(value, Judgment):
        spec = value.origin.spec
        if spec is None:
            raise ModelError(
                f"{where}: cannot write {value.origin.label} to an analysis file; give it as a "
                "word, a number, an interval, quantiles, beta parameters or a pool"
            )
        simple = _simplify(spec, model)
        _check_scales(simple, model, where, value)
        return simple
    if isinstance(value, Dirichlet):
        return {"dirichlet": {s: float(a) for s, a in zip(value.states, value.alpha, strict=True)}}
    if isinstance(value, Scale):
        return _scale_reference(value, model, where, target)
    if isinstance(value, Mapping):
        return {str(k): _written(v, model, f"{where}[{k!r}]", target) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_written(v, model, where, target) for v in value]
    if isinstance(value, np.ndarray):
        return _written(value.tolist(), model, where, target)
    if isinstance(value, np.generic):
        return value.item()
    return value


def _scale_reference(sc: Scale, model: Model, where: str, target: Path | None) -> str:
    """Return how the file names a scale given as an object: its name or its file."""
    if sc is model.scale or (sc.name in scales() and sc is get_scale(sc.name)):
        return sc.name
    if sc.path:
        return _relative(Path(sc.path), target)
    raise ModelError(
        f"{where}: cannot write the scale {sc.name!r}: it was made in Python; save it as a "
        "TOML scale file and read it with Scale.from_toml"
    )


def _check_scales(spec: Any, model: Model, where: str, judgment: Judgment) -> None:
    """Refuse a word read on a scale the file cannot name (not built in, not the file's own)."""
    if isinstance(spec, Mapping):
        named = spec.get("scale")
        if "term" in spec and isinstance(named, str):
            known = named in scales() or named == model.scale.name
            if not known:
                raise ModelError(
                    f"{where}: cannot write {judgment.origin.label}: it was read on the scale "
                    f"{named!r}, which the file cannot name (only built-in scales and the "
                    f"model's own scale, {model.scale.name!r}); make the model on that scale "
                    "or give the judgment as numbers"
                )
        for v in spec.values():
            _check_scales(v, model, where, judgment)
    elif isinstance(spec, list | tuple):
        for v in spec:
            _check_scales(v, model, where, judgment)


def _simplify(spec: Any, model: Model) -> Any:
    if isinstance(spec, Mapping):
        if set(spec) == {"term", "scale"} and spec["scale"] == model.scale.name:
            return spec["term"]
        if set(spec) == {"interval", "mass"} and spec["mass"] == 0.9:
            return list(spec["interval"])
        return {k: _simplify(v, model) for k, v in spec.items()}
    if isinstance(spec, list | tuple):
        return [_simplify(v, model) for v in spec]
    return spec


def _relative(target: Path, path: Path | None) -> str:
    shown = str(target)
    if path is not None:
        try:
            shown = str(target.resolve().relative_to(path.parent.resolve()))
        except ValueError:
            shown = str(target.resolve())
    return shown


# -- writing: analysis files --------------------------------------------------------------------


def model_to_toml(model: Model, path: Path | None = None) -> str:
    """Return the analysis file of a model: every judgment as it was written.

    Parameters
    ----------
    model : Model
    path : pathlib.Path, optional
        Where the file will be written: a scale file is named relative to it.

    Raises
    ------
    ModelError
        Something the file cannot hold so that :func:`load` reads it back (a
        scale made in Python, a scipy distribution, a lone surrogate in a
        text, ...); the message names the node and the reason.
    """
    lines: list[str] = []
    if model.title:
        lines.append(f"title = {_toml_string(model.title, 'the title')}")
    sc = model.scale
    if sc.name in scales() and sc is get_scale(sc.name):
        lines.append(f"scale = {_toml_string(sc.name, 'the scale')}")
    elif sc.path:
        lines.append(f"scale = {_toml_string(_relative(Path(sc.path), path), 'the scale')}")
    else:
        raise ModelError(
            f"cannot write the scale {sc.name!r} to an analysis file: it was made in Python; "
            "save it as a TOML scale file and read it with Scale.from_toml"
        )
    if model.seed is not None:
        lines.append(f"seed = {int(model.seed)}")

    def source_lines(name: str, src: Any) -> list[str]:
        where = f"source {name!r}"
        out = ["", f"[source.{_key(name, where)}]"]
        if src.text:
            out.append(f"text = {_toml_string(src.text, f'the text of {where}')}")
        written = _written(src.written, model, where, path)
        out.append(f"reliability = {_toml(written, f'the reliability of {where}')}")
        if src.agenda is not None:  # the agenda node is written here, as its propensity
            propensity = _written(model.nodes[src.agenda].rows[0].written, model, where, path)
            out.append(f"agenda = {_toml(propensity, f'the agenda of {where}')}")
        return out

    agendas = {src.agenda: name for name, src in model.sources.items() if src.agenda is not None}
    for name, src in model.sources.items():
        if src.agenda is None:
            lines += source_lines(name, src)
    observed = model.observations
    dates = model.arrivals
    later: dict[str, Any] = {}
    for name, node in model.nodes.items():
        if name in agendas:  # the source takes its agenda node's place
            lines += source_lines(agendas[name], model.sources[agendas[name]])
            if name in observed:
                later[name] = observed[name] == "true"
                if name in dates:
                    later[name] = {"state": later[name], "at": _when(dates[name])}
            continue
        if node.soft is not None:  # an uncertain observation: written as its likelihood
            observed_node = model.nodes[node.soft]
            where = f"the likelihood of {node.soft!r}"
            later[node.soft] = {
                "likelihood": {
                    state: _written(row.written, model, where, path)
                    for state, row in zip(observed_node.states, node.rows, strict=True)
                }
            }
            if node.soft in dates:
                later[node.soft]["at"] = _when(dates[node.soft])
            continue
        lines += ["", f"[{node.role}.{_key(name, repr(name))}]"]
        lines += _node_lines(node, model, path)
        if name in observed:
            value: Any = observed[name] == "true" if node.binary else observed[name]
            if node.role == "hypothesis":
                later[name] = value
                if name in dates:
                    later[name] = {"state": value, "at": _when(dates[name])}
            else:
                lines.append(f"observed = {_toml(value, f'the observation of {name!r}')}")
                if name in dates:
                    lines.append(f"at = {_toml(_when(dates[name]), f'the date of {name!r}')}")
    for decision in model.decisions.values():
        lines += _decision_lines(decision)
    if later:
        lines += ["", f"[{_OBSERVE}]"]
        lines += [
            f"{_key(n, repr(n))} = {_toml(v, f'the observation of {n!r}')}"
            for n, v in later.items()
        ]
    return "\n".join(lines) + "\n"


def _decision_lines(decision: Decision) -> list[str]:
    """Return the ``[decision.NAME]`` table of a decision, its utilities as written."""
    where = f"decision {decision.name!r}"
    out = ["", f"[{_DECISION}.{_key(decision.name, where)}]"]
    if decision.text:
        out.append(f"text = {_toml_string(decision.text, f'the text of {where}')}")
    out.append(f"options = {_toml(list(decision.options), f'the options of {where}')}")
    if decision.scale is not None:
        ranks = all(v == i for i, (_, v) in enumerate(decision.scale))
        scale: Any = [w for w, _ in decision.scale] if ranks else dict(decision.scale)
        out.append(f"scale = {_toml(scale, f'the scale of {where}')}")
    out.append(f"[{_DECISION}.{_key(decision.name, where)}.utility]")
    for option, value in decision.written.items():
        out.append(f"{_key(option, where)} = {_toml(value, f'the utility of {option!r}')}")
    return out


def _node_lines(node: Node, model: Model, path: Path | None) -> list[str]:
    name = node.name
    out: list[str] = []
    if node.text:
        out.append(f"text = {_toml_string(node.text, f'the text of {name!r}')}")
    if node.role == "report":
        out.append(f"source = {_toml(node.source, f'the source of {name!r}')}")
        out.append(f"claims = {_toml(node.claims, f'the claim of {name!r}')}")
        if node.grade is not None:
            out.append(f"grade = {_toml(node.grade, f'the grade of {name!r}')}")
        return out
    if node.supports is not None:
        out.append(f"supports = {_toml(node.supports, f'{name!r} supports')}")
        strength = _written(node.strength, model, f"{name!r} strength", path)
        out.append(f"strength = {_toml(strength, f'the strength of {name!r}')}")
        return out
    if not node.binary:
        out.append(f"states = {_toml(list(node.states), f'the states of {name!r}')}")
    if node.canonical is not None and node.canonical.written is not None:
        for key, value in node.canonical.written.items():
            where = f"{name!r} {key}"
            out.append(_long_line(f"{key} = ", _toml(_written(value, model, where, path), where)))
        return out
    if not node.parents:
        where = f"{name!r} prior"
        row = node.rows[0]
        out.append(f"prior = {_toml(_written(row.written, model, where, path), where)}")
        return out
    entries = []
    for row in node.rows:
        where = f"{name!r} given[{row.condition!r}]"
        value = _toml(_written(row.written, model, where, path), where)
        entries.append(f"{_toml_string(row.condition, where)} = {value}")
    one_line = "given = { " + ", ".join(entries) + " }"
    if len(one_line) <= 100:
        out.append(one_line)
    else:  # TOML 1.1: an inline table may run over several lines
        out.append("given = { " + (",\n          ".join(entries)) + " }")
    return out


def _long_line(head: str, value: str) -> str:
    """Return ``head + value``; an inline table longer than 100 runs over several lines (TOML 1.1).

    Examples
    --------
    >>> print(_long_line("leak = ", "{ mild = 0.1, severe = 0.01 }"))
    leak = { mild = 0.1, severe = 0.01 }
    """
    line = head + value
    if len(line) <= 100 or not value.startswith("{ "):
        return line
    entries: list[str] = []
    depth, quoted, escaped, begin = 0, False, False, 2
    for i, ch in enumerate(value[:-2]):  # split the outer table at its top-level commas
        if quoted:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quoted = False
            continue
        if ch == '"':
            quoted = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
        elif ch == "," and depth == 1:
            entries.append(value[begin:i].strip())
            begin = i + 1
    entries.append(value[begin:-2].strip())
    indent = " " * (len(head) + 2)
    return head + "{ " + (",\n" + indent).join(entries) + " }"


# -- writing: networks --------------------------------------------------------------------------


def _mean_values(compiled: CompiledModel) -> list[Any]:
    """Return every parameter at its mean, as one draw (the form ``CompiledModel.table`` takes)."""
    values = []
    for p in compiled.parameters:
        d = p.distribution
        if isinstance(d, Judgment):
            values.append(np.array([d.mean()]))
        elif isinstance(d, Dirichlet):
            values.append((d.alpha / d.alpha.sum())[None, :])
        elif isinstance(d, LogUniformRatio):
            q = d.mean_probability()
            values.append(np.array([q / (1.0 - q)]))
        else:  # pragma: no cover
            raise ModelError(f"cannot take the mean of {d!r}")
    return values


def _network(model: Model) -> BifNetwork:
    """Return the model as a network of numbers: every table at the judgments' means."""
    if not model.nodes:
        raise ModelError("cannot write a network: the model has no nodes")
    compiled = CompiledModel(model, draws=1, seed=0)
    values = _mean_values(compiled)
    tables = {}
    for name in model.nodes:
        table = np.asarray(compiled.table(name, values)[0], dtype=np.float64)
        tables[name] = table / table.sum(axis=-1, keepdims=True)
    return BifNetwork(
        name=re.sub(r"\W+", "_", model.title, flags=re.ASCII).strip("_") or "unknown",
        states={name: node.states for name, node in model.nodes.items()},
        parents={name: node.parents for name, node in model.nodes.items()},
        tables=tables,
    )


def model_to_bif(model: Model) -> str:
    """Return the model as BIF, every table at the judgments' means (normalised).

    Raises
    ------
    ModelError
        A state name that BIF cannot hold (white space, a comma, a bracket, ...):
        the message names it and suggests a format that keeps it.
    """
    return write_bif(_network(model))


# -- writing: files -----------------------------------------------------------------------------


def save_model(model: Model, path: str | Path) -> None:
    """Write *model* to *path* in the format its suffix names; atomically, checked first.

    Anything the format cannot hold so that :func:`load` reads it back is refused
    with :class:`ModelError` before the file is touched; the text is read back
    before it is written; then it goes to a temporary file in the same folder,
    is flushed to disk and renamed over *path*, so a failed save leaves the old
    file byte for byte.
    """
    if not isinstance(path, str | os.PathLike):
        raise OptionError(f"save takes a file name (a str or a pathlib.Path); got {path!r}")
    target = Path(path)
    kind = _format_of(target)
    if kind is None:
        raise OptionError(f"cannot tell the format from {str(target)!r}; {_SUFFIXES_TEXT}")
    _check_target(target)
    if kind == "toml":
        text = model_to_toml(model, target)
        _check_reads_back(model, text, target)
        _replace(target, lambda tmp: tmp.write_bytes(text.encode("utf-8")))
        return
    network = _network(model)
    if kind in ("bif", "bif.gz"):
        try:
            text = write_bif(network)
        except ModelError as error:
            raise ModelError(f"cannot save {str(target)!r}: {error.message}") from error
        try:
            parse_bif(text, str(target))
        except ModelFileError as error:  # pragma: no cover - write_bif refuses what cannot be read
            raise ModelError(
                f"cannot save {str(target)!r}: the BIF would not load: {error}"
            ) from error
        data = text.encode("utf-8")
        if kind == "bif.gz":
            data = gzip.compress(data, mtime=0)
        _replace(target, lambda tmp: tmp.write_bytes(data))
        return
    from likelihood._io import formats

    formats.check_available(str(target))

    def write(tmp: Path) -> None:
        formats.write_network(
            tmp, kind, network.name, network.states, network.parents, network.tables, str(target)
        )

    _replace(target, write)


def _check_target(target: Path) -> None:
    where = str(target)
    if target.is_dir():
        raise ModelFileError(f"cannot save to {where!r}: it is a directory", path=where)
    folder = target.parent
    if not folder.is_dir():
        raise ModelFileError(
            f"cannot save {where!r}: the folder {str(folder)!r} does not exist", path=where
        )


def _check_reads_back(model: Model, text: str, target: Path) -> None:
    """Read the analysis file back before it is written: refuse what would not load the same."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            again = _analysis(text, str(target), target.parent)
    except LikelihoodError as error:
        raise ModelError(
            f"cannot save {str(target)!r}: the file would not load back: {error}"
        ) from error
    same = (
        list(again.nodes) == list(model.nodes)
        and again.observations == model.observations
        and all(
            again.nodes[n].states == node.states and again.nodes[n].parents == node.parents
            for n, node in model.nodes.items()
        )
    )
    if not same:  # pragma: no cover - a guard: the writer and the reader disagree
        raise ModelError(f"cannot save {str(target)!r}: the file would load back to another model")


def _replace(target: Path, write: Callable[[Path], object]) -> None:
    """Write a temporary file next to *target* (``write(tmp)``), flush it, rename it over target."""
    where = str(target)
    real = target.resolve() if target.is_symlink() else target
    folder = real.parent
    tmp: Path | None = None
    try:
        for _ in range(100):
            candidate = folder / f".{real.name}.{secrets.token_hex(6)}.tmp"
            try:
                fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                continue
            os.close(fd)
            tmp = candidate
            break
        if tmp is None:  # pragma: no cover
            raise ModelFileError(f"cannot save {where!r}: no temporary file name", path=where)
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        if real.exists():
            os.chmod(tmp, stat.S_IMODE(os.stat(real).st_mode))
        os.replace(tmp, real)
        tmp = None
        _sync_folder(folder)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ModelFileError(f"cannot save {where!r}: {reason}", path=where) from error
    finally:
        if tmp is not None:
            try:
                tmp.unlink()
            except OSError:
                pass


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry of the renamed file to disk (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
