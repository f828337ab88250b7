"""Networks in the formats other tools write, read and written through pyAgrum.

Hugin ``.net``, GeNIe ``.xdsl`` and ``.dsl``, XMLBIF (``.xmlbif``, ``.bifxml``,
``.xml``) and UAI (``.uai``) are read with pyAgrum's own readers and written with
its writers (``pip install likelihood[formats]``); this module only moves the
tables between pyAgrum's networks and plain arrays, in float64.

What pyAgrum's readers and writers keep (pyAgrum 2 and 3):

* the readers of ``.net``, ``.dsl`` and ``.uai`` (and of BIF) parse numbers in
  single precision, about 7 significant digits; those of ``.xdsl`` and XMLBIF in
  double precision;
* the writers of ``.xdsl``, ``.dsl``, XMLBIF and ``.uai`` write 6 significant
  digits; that of ``.net`` all 17;
* UAI holds no names: variables come back as ``v0``, ``v1``, ... (UAI's
  numbers, prefixed so that they name nodes) and states as ``0``, ``1``, ...

A row of a table whose sum differs from 1 by no more than the rounding of
those digits (:func:`row_tolerance`) is divided by its sum; a larger
difference is an error naming the variable and the row.
"""

from __future__ import annotations

import importlib
import re
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from likelihood._core.conditions import valid_name, valid_state
from likelihood._exceptions import ModelError, ModelFileError

__all__ = ["FORMATS", "check_available", "read_network", "row_tolerance", "write_network"]

#: The formats, by the name :func:`read_network` and :func:`write_network` take.
FORMATS = {
    "net": "Hugin .net",
    "xdsl": "GeNIe .xdsl",
    "dsl": "GeNIe .dsl",
    "xmlbif": "XMLBIF",
    "uai": "UAI",
}
_LOAD = {
    "net": "loadNET",
    "xdsl": "loadXDSL",
    "dsl": "loadDSL",
    "xmlbif": "loadBIFXML",
    "uai": "loadUAI",
}
_SAVE = {
    "net": "saveNET",
    "xdsl": "saveXDSL",
    "dsl": "saveDSL",
    "xmlbif": "saveBIFXML",
    "uai": "saveUAI",
}
#: Formats whose pyAgrum writer keeps 6 significant digits.
_SIX_DIGITS = frozenset({"xdsl", "dsl", "xmlbif", "uai"})
_INSTALL = "pip install likelihood[formats]"

Tables = dict[str, NDArray[np.float64]]
Network = tuple[str, dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], Tables]


def _pyagrum(where: str) -> Any:
    try:
        return importlib.import_module("pyagrum")
    except ImportError:
        raise ModelFileError(
            f"{where}: reading and writing this format needs pyAgrum: {_INSTALL}", path=where
        ) from None


def check_available(where: str) -> None:
    """Raise :class:`ModelFileError` (with the command that installs it) if pyAgrum is missing."""
    _pyagrum(where)


def row_tolerance(card: int) -> float:
    """Return the largest |row sum - 1| accepted in a table of *card* states read by pyAgrum.

    Six significant digits round each entry by up to 5e-7, so a row may be off by
    about ``card * 5e-7``; 1e-6 more allows for single precision.
    """
    return 1e-6 + 5e-7 * card


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _line_of(message: str) -> int | None:
    found = re.search(r":(\d+):\s*\d+\s*:\s*error", message)
    return int(found.group(1)) if found else None


def _array(tensor: Any) -> NDArray[np.float64]:
    """Return a copy of a pyAgrum table, its axes the table's variables in reverse."""
    view = getattr(tensor, "as_nparray", None)
    if view is not None:
        return np.array(view(), dtype=np.float64)
    with warnings.catch_warnings():  # older pyAgrum: toarray (which sets .shape on NumPy 2.5)
        warnings.simplefilter("ignore", DeprecationWarning)
        return np.array(tensor.toarray(), dtype=np.float64)


def read_network(path: Path, kind: str) -> Network:
    """Read a network with pyAgrum: its name, states, parents and tables in float64.

    ``tables[name]`` has shape ``(*parent cards, card)``, parents in the order of
    pyAgrum's table.
    """
    where = str(path)
    if path.is_dir():
        raise ModelFileError(f"cannot read {where!r}: it is a directory", path=where)
    if not path.exists():
        raise ModelFileError(f"cannot read {where!r}: no such file", path=where)
    gum = _pyagrum(where)
    bn = gum.BayesNet()
    try:
        getattr(bn, _LOAD[kind])(where)
    except Exception as error:  # pyAgrum's own errors (FatalError, GumIOError, ...)
        message = _one_line(str(error))
        line = _line_of(message)
        place = f"{where}, line {line}" if line else where
        raise ModelFileError(
            f"{place}: pyAgrum cannot read it as {FORMATS[kind]}: {message}", path=where, line=line
        ) from None
    if bn.size() == 0:
        raise ModelFileError(f"{where}: no variable in the file", path=where)
    try:
        name = str(bn.property("name"))
    except Exception:  # no name in the file
        name = ""
    ids = sorted(bn.nodes())
    names = {
        i: (f"v{bn.variable(i).name()}" if kind == "uai" else bn.variable(i).name()) for i in ids
    }
    states: dict[str, tuple[str, ...]] = {}
    parents: dict[str, tuple[str, ...]] = {}
    tables: Tables = {}
    for i in ids:
        var = names[i]
        labels = tuple(str(s) for s in bn.variable(i).labels())
        if not valid_name(var):
            raise ModelFileError(
                f"{where}: the variable name {var!r} cannot name a node: use letters, digits, "
                "'_', '-' or '.', starting with a letter or '_'",
                path=where,
            )
        bad = [s for s in labels if not valid_state(s)]
        if bad:
            raise ModelFileError(
                f"{where}: variable {var!r}: the state {bad[0]!r} cannot name a state (it holds "
                "'&' or begins or ends with a space)",
                path=where,
            )
        if len(labels) < 2:
            raise ModelFileError(
                f"{where}: variable {var!r} has {len(labels)} state(s); a variable needs two "
                "or more",
                path=where,
            )
        states[var] = labels
    by_name = {bn.variable(j).name(): names[j] for j in ids}
    for i in ids:
        var = names[i]
        cpt = bn.cpt(i)
        order = [str(n) for n in cpt.names]
        table = _array(cpt)
        k = len(order)
        # toarray's axes are the table's variables in reverse; put the variable itself last
        table = np.transpose(table, [*range(k - 2, -1, -1), k - 1])
        parents[var] = tuple(by_name[n] for n in order[1:])
        card = len(states[var])
        rows = table.reshape(-1, card)
        if not np.isfinite(rows).all() or (rows < 0).any():
            raise ModelFileError(
                f"{where}: variable {var!r}: the table holds a value outside [0, 1]", path=where
            )
        sums = rows.sum(axis=1)
        bad_rows = np.abs(sums - 1.0) > row_tolerance(card)
        if bad_rows.any():
            r = int(np.argmax(bad_rows))
            index = np.unravel_index(r, table.shape[:-1]) if k > 1 else ()
            config = ", ".join(
                f"{p}={states[p][int(j)]}" for p, j in zip(parents[var], index, strict=True)
            )
            raise ModelFileError(
                f"{where}: variable {var!r}: the row ({config}) sums to {float(sums[r]):.9g}, "
                f"not 1 (within {row_tolerance(card):g})",
                path=where,
            )
        tables[var] = (rows / sums[:, None]).reshape(table.shape)
    return name, states, parents, tables


def _bayes_net(
    gum: Any,
    name: str,
    states: Mapping[str, tuple[str, ...]],
    parents: Mapping[str, tuple[str, ...]],
    tables: Mapping[str, NDArray[np.float64]],
) -> Any:
    bn = gum.BayesNet(name)
    for var, labels in states.items():
        bn.add(gum.LabelizedVariable(var, var, list(labels)))
    for var, ps in parents.items():
        for p in ps:
            bn.addArc(p, var)
    for var, ps in parents.items():
        cpt = bn.cpt(var)
        order = [str(n) for n in cpt.names]
        table = np.asarray(tables[var], dtype=np.float64)
        axis = {p: a for a, p in enumerate(ps)} | {var: len(ps)}
        # pyAgrum fills in the order of toarray: the table's variables in reverse
        arranged = np.transpose(table, [axis[n] for n in reversed(order)])
        cpt.fillWith(arranged.ravel().tolist())
    return bn


def write_network(
    path: Path,
    kind: str,
    name: str,
    states: Mapping[str, tuple[str, ...]],
    parents: Mapping[str, tuple[str, ...]],
    tables: Mapping[str, NDArray[np.float64]],
    shown: str | None = None,
) -> None:
    """Write a network with pyAgrum to *path*, then read it back and compare.

    Raises
    ------
    ModelError
        pyAgrum cannot write a name in this format, or what it wrote reads back
        otherwise (names, states, parents, or tables beyond the format's
        rounding); the message names the variables and states at fault.
    """
    where = shown or str(path)
    gum = _pyagrum(where)
    safe_name = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_") or "unknown"
    if safe_name[0].isdigit():
        safe_name = "n_" + safe_name
    bn = _bayes_net(gum, safe_name, states, parents, tables)
    problem: str | None = None
    try:
        getattr(bn, _SAVE[kind])(str(path))
        problem = _differs(read_network(path, kind), kind, states, parents, tables)
    except ModelFileError as error:
        problem = error.message
    except Exception as error:  # pyAgrum's own errors
        problem = _one_line(str(error))
    if problem is None:
        return
    culprits = _culprits(gum, kind, states)
    told = f": {culprits}" if culprits else f" ({problem})"
    raise ModelError(
        f"cannot save {where!r}: {FORMATS[kind]} (written by pyAgrum) cannot hold the model"
        f"{told}. Save to .toml (which keeps every name), or rename them"
    )


def _differs(
    again: Network,
    kind: str,
    states: Mapping[str, tuple[str, ...]],
    parents: Mapping[str, tuple[str, ...]],
    tables: Mapping[str, NDArray[np.float64]],
) -> str | None:
    """Return how a network read back differs from the one written (``None``: it does not)."""
    _, states2, parents2, tables2 = again
    names = list(states)
    if kind == "uai":  # no names: variables and states by number
        rename = {f"v{i}": var for i, var in enumerate(names)}
        if sorted(states2) != sorted(rename):
            return f"{len(states2)} variables read back, {len(names)} written"
        for key, var in rename.items():
            if len(states2[key]) != len(states[var]):
                return f"{var!r} reads back with {len(states2[key])} states"
            if tuple(rename[p] for p in parents2[key]) != tuple(parents[var]):
                return f"{var!r} reads back with other parents"
            if not np.allclose(tables2[key], tables[var], rtol=0, atol=1e-5):
                return f"the table of {var!r} reads back otherwise"
        return None
    if set(states2) != set(names):
        lost = sorted(set(names) - set(states2))
        return f"the variables {', '.join(map(repr, lost))} do not read back"
    for var in names:
        if states2[var] != tuple(states[var]):
            return f"the states of {var!r} read back as {list(states2[var])}"
        if set(parents2[var]) != set(parents[var]):
            return f"{var!r} reads back with other parents"
        axes = [parents2[var].index(p) for p in parents[var]] + [len(parents[var])]
        table = np.transpose(tables2[var], axes)
        tolerance = 1e-5 if kind in _SIX_DIGITS else 1e-7
        if not np.allclose(table, tables[var], rtol=0, atol=tolerance):
            return f"the table of {var!r} reads back otherwise"
    return None


def _culprits(gum: Any, kind: str, states: Mapping[str, tuple[str, ...]]) -> str:
    """Name the variables and states pyAgrum cannot write and read back in this format.

    Each variable is tried alone (with two harmless states), then each of its
    states (next to a harmless one).
    """
    found: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / f"probe.{kind}"

        def survives(var: str, labels: tuple[str, ...]) -> bool:
            n = len(labels)
            table = np.full(n, 1.0 / n)
            try:
                bn = _bayes_net(gum, "probe", {var: labels}, {var: ()}, {var: table})
                getattr(bn, _SAVE[kind])(str(scratch))
                again = read_network(scratch, kind)
            except Exception:
                return False
            return _differs(again, kind, {var: labels}, {var: ()}, {var: table}) is None

        for var, labels in states.items():
            if not survives(var, ("s0", "s1")):
                found.append(f"the variable name {var!r}")
                continue
            for s in labels:
                other = "s0" if s != "s0" else "s1"
                if not survives(var, (s, other)):
                    found.append(f"the state {s!r} of {var!r}")
            if len(found) >= 6:
                break
    return "; ".join(found[:6])
