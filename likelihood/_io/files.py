"""Models in files: analysis files (TOML) and networks (BIF).

An analysis file mirrors the Python calls one to one (see ``docs/files.md``)::

    title = "Burglary alarm"
    scale = "icd203"

    [hypothesis.burglary]
    prior = 0.001

    [evidence.john_calls]
    given = { "alarm" = 0.90, "~alarm" = 0.05 }
    observed = true

Tables may come in any order: nodes are added parents first. Everything that
goes wrong while reading a file raises :class:`ModelFileError`, naming the file,
the table and the key, and the line where it can be found; the error found
inside is chained as its cause.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from likelihood._core.conditions import parse_condition
from likelihood._core.judgment import Judgment
from likelihood._core.model import Dirichlet, Model, Node
from likelihood._core.scales import Scale, scales
from likelihood._core.scales import scale as get_scale
from likelihood._exceptions import (
    CycleError,
    LikelihoodError,
    ModelError,
    ModelFileError,
    OptionError,
)
from likelihood._io.bif import BifNetwork, read_bif, write_bif

__all__ = ["load", "model_to_toml", "save_model"]

_KINDS = ("hypothesis", "evidence", "source", "report")
_KEYS = {
    "hypothesis": ("text", "prior", "given", "states"),
    "evidence": ("text", "prior", "given", "states", "observed", "supports", "strength"),
    "source": ("text", "reliability"),
    "report": ("text", "source", "claims", "observed"),
}
_TOP = ("title", "scale", *_KINDS)


# -- reading ----------------------------------------------------------------------------


def load(path: str | Path) -> Model:
    """Read a model from an analysis file (``.toml``) or a BIF network (``.bif``, ``.bif.gz``).

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    Model
        From BIF, every variable is a hypothesis with its published state names
        (so :meth:`Posterior.probability` gives ``{state: p}``) and its tables as
        exact numbers.

    Raises
    ------
    ModelFileError
        The file cannot be read, is not valid TOML or BIF, or does not define a
        valid model; the message names the file, the table, the key and, where
        known, the line.

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
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".toml"):
        return _read_analysis(path)
    if name.endswith((".bif", ".bif.gz")):
        return _from_bif(read_bif(path), str(path))
    raise ModelFileError(
        f"{str(path)!r}: cannot tell the format from the name; analysis files end in .toml, "
        "networks in .bif or .bif.gz",
        path=str(path),
    )


def _locate(text: str, table: str | None, key: str | None, needle: str | None = None) -> int | None:
    """Best-effort line (1-based) of a table, of a key inside it, or of a text after it."""
    lines = text.splitlines()
    start = 0
    if table is not None:
        kind, _, name = table.partition(".")
        header = re.compile(
            rf'^\s*\[\s*{re.escape(kind)}\s*\.\s*["\']?{re.escape(name)}["\']?\s*\]\s*(#.*)?$'
        )
        found = [i for i, line in enumerate(lines) if header.match(line)]
        if not found:
            return None
        start = found[0]
    end = len(lines)
    if table is not None:
        for i in range(start + 1, len(lines)):
            if lines[i].lstrip().startswith("["):
                end = i
                break
    target = start
    if key is not None:
        pattern = re.compile(rf'^\s*["\']?{re.escape(key)}["\']?\s*=')
        for i in range(start, end):
            if pattern.match(lines[i]):
                target = i
                break
    if needle is not None:
        for i in range(target, end):
            if needle in lines[i]:
                return i + 1
    return target + 1


def _file_error(
    path: str,
    text: str,
    message: str,
    table: str | None = None,
    key: str | None = None,
    needle: str | None = None,
) -> ModelFileError:
    line = _locate(text, table, key, needle) if (table or key) else None
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
    refs: list[str] = []
    if kind in ("hypothesis", "evidence"):
        given = entry.get("given")
        if isinstance(given, Mapping):
            for condition in given:
                try:
                    refs += [lit.node for lit in parse_condition(str(condition))]
                except LikelihoodError:
                    pass
        if isinstance(entry.get("supports"), str):
            try:
                refs += [lit.node for lit in parse_condition(entry["supports"])]
            except LikelihoodError:
                pass
    if kind == "report" and isinstance(entry.get("claims"), str):
        try:
            refs += [lit.node for lit in parse_condition(entry["claims"])]
        except LikelihoodError:
            pass
    return refs


def _order(tables: dict[str, tuple[str, Mapping[str, Any]]]) -> list[str]:
    """Return the node names parents first, in file order otherwise; raise CycleError."""
    for name, (kind, entry) in tables.items():
        if name in _parents_of(kind, entry):
            raise CycleError(f"{name!r} is its own parent: {name} -> {name}", cycle=(name, name))
    return _topological(
        {
            name: [p for p in _parents_of(kind, entry) if p in tables and p != name]
            for name, (kind, entry) in tables.items()
        }
    )


def _read_analysis(path: Path) -> Model:
    import tomli

    where = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ModelFileError(f"cannot read {where!r}: {error}", path=where) from None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        raise ModelFileError(f"{where}: not valid TOML: {error}", path=where, line=line) from None
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
    scale_value = data.get("scale", "phia")
    try:
        sc = _read_scale(scale_value, path)
    except LikelihoodError as error:
        raise _file_error(where, text, str(error), key="scale") from error
    model = Model(scale=sc, title=title)

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
                raise _file_error(
                    where,
                    text,
                    f"unknown key(s) {', '.join(map(repr, bad))}; "
                    f"allowed: {', '.join(_KEYS[kind])}",
                    table=table,
                    key=bad[0],
                )
            tables[name] = (kind, entry)
    if not any(kind != "source" for kind, _ in tables.values()):
        raise ModelFileError(
            f"{where}: the file defines no model (no [hypothesis.NAME] or [evidence.NAME] table)",
            path=where,
        )
    try:
        order = _order({n: t for n, t in tables.items() if t[0] != "source"})
    except CycleError as error:
        first = error.cycle[0]
        raise _file_error(
            where, text, str(error), table=f"{tables[first][0]}.{first}", key="given"
        ) from error
    for name, (kind, entry) in tables.items():
        if kind == "source":
            _add(model, kind, name, entry, where, text)
    for name in order:
        kind, entry = tables[name]
        _add(model, kind, name, entry, where, text)
    return model


def _read_scale(value: Any, path: Path) -> Scale:
    if isinstance(value, str) and value.lower().endswith(".toml"):
        target = Path(value)
        if not target.is_absolute():
            target = path.parent / target
        return Scale.from_toml(target)
    if not isinstance(value, str):
        raise ModelError(f"scale must be a scale name or a .toml file; got {value!r}")
    return get_scale(value)


def _add(
    model: Model, kind: str, name: str, entry: Mapping[str, Any], path: str, text: str
) -> None:
    table = f"{kind}.{name}"
    try:
        if kind == "hypothesis":
            model.hypothesis(
                name,
                entry.get("prior"),
                given=entry.get("given"),
                states=entry.get("states"),
                text=entry.get("text", ""),
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
            )
        elif kind == "source":
            if "reliability" not in entry:
                raise ModelError(
                    f"source {name}: needs reliability (an Admiralty grade or a judgment)"
                )
            model.source(name, reliability=entry["reliability"], text=entry.get("text", ""))
        else:
            missing = [k for k in ("source", "claims") if k not in entry]
            if missing:
                raise ModelError(f"report {name}: needs {' and '.join(missing)}")
            model.report(
                name,
                source=entry["source"],
                claims=entry["claims"],
                observed=entry.get("observed"),
                text=entry.get("text", ""),
            )
    except LikelihoodError as error:
        message = str(error)
        for prefix in (f"{name}, ", f"{name}: ", f"source {name}, ", f"source {name}: "):
            if message.startswith(prefix):
                message = message[len(prefix) :]
                break
        key = next(
            (k for k in _KEYS[kind] if k in entry and re.search(rf"\b{k}\b", message)),
            next((k for k in ("given", "prior", "claims", "supports") if k in entry), None),
        )
        needle = None
        found = re.search(r"given\[('|\")(.+?)\1\]", message)
        if found:
            needle = found.group(2)
        shown_key = None if key is not None and message.startswith(key) else key
        error_out = _file_error(path, text, message, table=table, key=key, needle=needle)
        if shown_key is None:
            line = error_out.line
            where = path + (f", line {line}" if line else "")
            error_out = ModelFileError(
                f"{where}: [{table}] {message}", path=path, table=table, key=key, line=line
            )
        raise error_out from error


def _from_bif(network: BifNetwork, path: str) -> Model:
    title = network.name if network.name not in ("unknown", "network") else Path(path).name
    model = Model(title=title)
    try:
        order = _topological({name: list(ps) for name, ps in network.parents.items()})
        for name in order:
            states = network.states[name]
            parents = network.parents[name]
            table = network.tables[name]
            if not parents:
                model.hypothesis(
                    name,
                    {s: float(p) for s, p in zip(states, table, strict=True)},
                    states=states,
                )
                continue
            given: dict[str, Any] = {}
            for index in _indices(table.shape[:-1]):
                condition = " & ".join(
                    f"{p}={network.states[p][i]}" for p, i in zip(parents, index, strict=True)
                )
                given[condition] = {s: float(x) for s, x in zip(states, table[index], strict=True)}
            model.hypothesis(name, given=given, states=states)
    except LikelihoodError as error:
        raise ModelFileError(f"{path}: {error}", path=path) from error
    return model


def _indices(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    import itertools

    return list(itertools.product(*(range(n) for n in shape)))


def _topological(deps: dict[str, list[str]]) -> list[str]:
    """Return the names parents first (depth-first, in the given order); raise CycleError."""
    order: list[str] = []
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            cycle = (*path[path.index(node) :], node)
            raise CycleError(f"the parents form a cycle: {' -> '.join(cycle)}", cycle=tuple(cycle))
        state[node] = 1
        path.append(node)
        for parent in deps[node]:
            visit(parent)
        path.pop()
        state[node] = 2
        order.append(node)

    for name in deps:
        visit(name)
    return order


# -- writing ------------------------------------------------------------------------------

_BARE = re.compile(r"[A-Za-z0-9_-]+\Z")


def _key(text: str) -> str:
    return text if _BARE.match(text) else json.dumps(text, ensure_ascii=False)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(str(k))} = {_toml(v)}" for k, v in value.items()) + " }"
    raise ModelError(f"cannot write {value!r} ({type(value).__name__}) to an analysis file")


def _written(value: Any, model: Model, where: str) -> Any:
    """Return what the analyst wrote, in a form TOML can hold."""
    if isinstance(value, Judgment):
        spec = value.origin.spec
        if spec is None:
            raise ModelError(
                f"{where}: cannot write {value.origin.label} to an analysis file; give it as a "
                "word, a number, an interval, quantiles, beta parameters or a pool"
            )
        return _simplify(spec, model)
    if isinstance(value, Dirichlet):
        return {"dirichlet": {s: float(a) for s, a in zip(value.states, value.alpha, strict=True)}}
    if isinstance(value, Mapping):
        return {str(k): _written(v, model, f"{where}[{k!r}]") for k, v in value.items()}
    if isinstance(value, tuple):
        return [_written(v, model, where) for v in value]
    if isinstance(value, list):
        return [_written(v, model, where) for v in value]
    return value


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


def model_to_toml(model: Model, path: Path | None = None) -> str:
    """Return the analysis file of a model: every judgment as it was written."""
    lines: list[str] = []
    if model.title:
        lines.append(f"title = {_toml(model.title)}")
    sc = model.scale
    if sc.name in scales() and sc is get_scale(sc.name):
        lines.append(f"scale = {_toml(sc.name)}")
    elif getattr(sc, "path", None):
        target = Path(sc.path)  # type: ignore[arg-type]
        shown = str(target)
        if path is not None:
            try:
                shown = str(target.resolve().relative_to(path.parent.resolve()))
            except ValueError:
                shown = str(target.resolve())
        lines.append(f"scale = {_toml(shown)}")
    else:
        raise ModelError(
            f"cannot write the scale {sc.name!r} to an analysis file: it was made in Python; "
            "save it as a TOML scale file and read it with Scale.from_toml"
        )
    for name, src in model.sources.items():
        lines += ["", f"[source.{_key(name)}]"]
        if src.text:
            lines.append(f"text = {_toml(src.text)}")
        lines.append(f"reliability = {_toml(_written(src.written, model, f'source {name}'))}")
    observed = model.observed
    for name, node in model.nodes.items():
        lines += ["", f"[{node.role}.{_key(name)}]"]
        lines += _node_lines(node, model)
        if name in observed:
            lines.append(f"observed = {_toml(observed[name])}")
    return "\n".join(lines) + "\n"


def _node_lines(node: Node, model: Model) -> list[str]:
    out: list[str] = []
    if node.text:
        out.append(f"text = {_toml(node.text)}")
    if node.role == "report":
        out.append(f"source = {_toml(node.source)}")
        out.append(f"claims = {_toml(node.claims)}")
        return out
    if node.supports is not None:
        out.append(f"supports = {_toml(node.supports)}")
        out.append(f"strength = {_toml(_written(node.strength, model, node.name))}")
        return out
    if not node.binary:
        out.append(f"states = {_toml(list(node.states))}")
    if not node.parents:
        row = node.rows[0]
        out.append(f"prior = {_toml(_written(row.written, model, f'{node.name}, prior'))}")
        return out
    entries = [
        f"{_toml(row.condition)} = {_toml(_written(row.written, model, f'{node.name}, given'))}"
        for row in node.rows
    ]
    one_line = "given = { " + ", ".join(entries) + " }"
    if len(one_line) <= 100:
        out.append(one_line)
    else:  # TOML 1.1: an inline table may run over several lines
        out.append("given = { " + (",\n          ".join(entries)) + " }")
    return out


def _mean_table(model: Model, node: Node) -> Any:
    """Return the node's table at the judgments' means, shape (*parent cards, card)."""
    import numpy as np

    from likelihood._core.engine import Engine
    from likelihood._core.model import _LogUniformRatio

    engine = Engine(model, model.ancestors([node.name]))
    values = []
    for p in engine.parameters:
        d = p.distribution
        if isinstance(d, Judgment):
            values.append(np.array([d.mean()]))
        elif isinstance(d, Dirichlet):
            values.append((d.alpha / d.alpha.sum())[None, :])
        elif isinstance(d, _LogUniformRatio):
            q = d.mean_probability()
            values.append(np.array([q / (1.0 - q)]))
        else:  # pragma: no cover
            raise ModelError(f"cannot take the mean of {d!r}")
    table = engine.table(node, values)[0]
    return table / table.sum(axis=-1, keepdims=True)


def model_to_bif(model: Model) -> str:
    """Return the model as BIF, every table at the judgments' means (normalised)."""
    network = BifNetwork(
        name=re.sub(r"\W+", "_", model.title).strip("_") or "unknown",
        states={name: node.states for name, node in model.nodes.items()},
        parents={name: node.parents for name, node in model.nodes.items()},
        tables={name: _mean_table(model, node) for name, node in model.nodes.items()},
    )
    return write_bif(network)


def save_model(model: Model, path: str | Path) -> None:
    """Write *model* to *path*, as TOML or BIF by the file name."""
    target = Path(path)
    name = target.name.lower()
    if name.endswith(".toml"):
        text = model_to_toml(model, target)
    elif name.endswith(".bif"):
        text = model_to_bif(model)
    else:
        raise OptionError(
            f"cannot tell the format from {str(target)!r}; save to a .toml (analysis) or .bif file"
        )
    target.write_text(text, encoding="utf-8")
