"""The package's layers hold: read from the source of every module with ``ast``.

The package is built in layers (see ``likelihood/_core/__init__.py``)::

    likelihood              the public names (re-exported from the layers below)
    _io  _pymc  _view       edges: files, the PyMC engine, plots/reports/CLI
    _core                   numpy and scipy only
    _exceptions _defaults _version      leaves: import nothing from the package

The rules, each named in a failure as ``path:line: [rule] ...``:

layer-core
    ``_core`` imports only the standard library, NumPy, SciPy, the leaves and
    other ``_core`` modules. An edge may be imported only inside a function of
    :data:`FACADES` (a one-line method such as ``Model.save`` that hands ``self``
    to the edge). Imports under ``if TYPE_CHECKING:`` never run: they may name
    any third-party library (for annotations), but still no edge.
layer-edge
    An edge imports ``_core``, the leaves and third-party libraries; it does not
    import another edge at module level (only the pairs of :data:`EDGE_USES`,
    at any level); ``_view.cli`` imports only the public ``likelihood`` and the leaves.
layer-leaf
    A leaf imports nothing from the package.
private-import, private-read
    No module reads another module's private names: no ``from m import _name``
    and no ``obj._name`` unless ``obj`` is ``self``/``cls`` or ``_name`` is an
    attribute or method defined by a class of the same module (a class may read
    its own private state on other instances of itself). Dunder names are fine.
heavy-import
    pymc, pytensor, arviz, matplotlib, xarray and dask are imported at module
    level only by the edges made for them (:data:`HEAVY_HOMES`), so that
    ``import likelihood`` stays light.
"""

from __future__ import annotations

import ast
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "likelihood"
ROOT = PACKAGE.parent

LEAVES = frozenset({"likelihood._exceptions", "likelihood._defaults", "likelihood._version"})
EDGES = ("likelihood._io", "likelihood._pymc", "likelihood._view")
CORE = "likelihood._core"
CORE_THIRD_PARTY = frozenset({"numpy", "scipy"})

#: The facades of ``_core``: (module, function, edge module it imports inside itself).
FACADES = frozenset(
    {
        ("likelihood._core.model", "Model.infer", "likelihood._pymc.engine"),
        ("likelihood._core.model", "Model.plot", "likelihood._view.plots"),
        ("likelihood._core.model", "Model.save", "likelihood._io.files"),
        ("likelihood._core.posterior", "Posterior.plot", "likelihood._view.plots"),
        ("likelihood._core.track", "TrackRecord.plot_calibration", "likelihood._view.plots"),
        ("likelihood._core.posterior", "Posterior.plot_contributions", "likelihood._view.plots"),
        ("likelihood._core.posterior", "Posterior.plot_sensitivity", "likelihood._view.plots"),
        ("likelihood._core.posterior", "Posterior.plot_ach", "likelihood._view.plots"),
        ("likelihood._core.posterior", "Posterior.plot_trajectory", "likelihood._view.plots"),
        ("likelihood._core.posterior", "Posterior.report", "likelihood._view.report"),
        ("likelihood._core.posterior", "Posterior.summary", "likelihood._view.report"),
        ("likelihood._core.posterior", "Posterior.text_report", "likelihood._view.report"),
        ("likelihood._core.posterior", "Posterior.to_dict", "likelihood._view.report"),
        ("likelihood._core.posterior", "Posterior.to_datatree", "likelihood._io.datatree"),
        ("likelihood._core.scales", "plot_scale", "likelihood._view.plots"),
    }
)

#: Edge modules that may use another edge module: (importer, imported).
EDGE_USES = frozenset(
    {
        ("likelihood._io.files", "likelihood._io.bif"),
        ("likelihood._view.report", "likelihood._view.plots"),
        # the numbers and kept analyses both views write with (no matplotlib)
        ("likelihood._view.report", "likelihood._view.common"),
        ("likelihood._view.plots", "likelihood._view.common"),
    }
)

HEAVY = ("pymc", "pytensor", "arviz", "matplotlib", "xarray", "dask")
#: Where a heavy library may be imported at module level: a package or one module.
HEAVY_HOMES = (
    "likelihood._pymc",
    "likelihood._view.plots",
    "likelihood._view.report",
    "likelihood._io.datatree",
)


@dataclass(frozen=True)
class Violation:
    """One broken rule, printed as ``path:line: [rule] what``."""

    path: str
    line: int
    rule: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.what}"


@dataclass(frozen=True)
class Import:
    """One imported module, where it is imported."""

    module: str
    line: int
    function: str | None  # the qualified name of the enclosing function, None at module level
    typing_only: bool  # under ``if TYPE_CHECKING:``
    names: tuple[str, ...]  # for ``from module import names``


# -- reading a module -----------------------------------------------------------------------


def module_name(path: Path) -> str:
    """Return the dotted name of a module of the package from its path."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(tree: ast.Module, module: str, is_package: bool = False) -> list[Import]:
    """Return every import of a module with its place (module level or which function)."""
    found: list[Import] = []

    def visit(node: ast.AST, scope: tuple[str, ...], function: str | None, typing: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(alias.name, node.lineno, function, typing, ()))
            return
        if isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            target = _absolute(node, module, is_package)
            found.append(Import(target, node.lineno, function, typing, names))
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = (*scope, node.name)
            for child in ast.iter_child_nodes(node):
                visit(child, inner, ".".join(inner), typing)
            return
        if isinstance(node, ast.ClassDef):
            inner = (*scope, node.name)
            for child in ast.iter_child_nodes(node):
                visit(child, inner, function, typing)
            return
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, scope, function, True)
            for child in node.orelse:
                visit(child, scope, function, typing)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, scope, function, typing)

    visit(tree, (), None, False)
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_names_defined(tree: ast.Module) -> set[str]:
    """Return the private attributes and methods that the module's classes define.

    ``self._x = ...`` (or ``cls._x``) in a method, ``__slots__``, a class-level
    ``_x: T`` (a dataclass field) or ``_x = ...``, and ``def _x``.
    """
    names: set[str] = set()
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        for item in cls.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(item.name)
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                names.add(item.target.id)
            elif isinstance(item, ast.Assign):
                for target in item.targets:
                    if isinstance(target, ast.Name):
                        names.add(target.id)
                        if target.id == "__slots__":
                            names.update(_slots(item.value))
        for node in ast.walk(cls):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                names.add(node.attr)
    return {n for n in names if _private(n)}


def _slots(value: ast.expr) -> list[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    if isinstance(value, ast.Tuple | ast.List | ast.Set):
        return [e.value for e in value.elts if isinstance(e, ast.Constant)]
    return []


# -- the rules ------------------------------------------------------------------------------


def layer(module: str) -> str:
    """Return the layer of a module of the package: public, main, leaf, core or edge."""
    if module == "likelihood":
        return "public"
    if module == "likelihood.__main__":
        return "main"
    if module in LEAVES:
        return "leaf"
    if module == CORE or module.startswith(CORE + "."):
        return "core"
    if any(module == e or module.startswith(e + ".") for e in EDGES):
        return "edge"
    return "unknown"


def _edge_package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def _ours(module: str) -> bool:
    return _within(module, "likelihood")


def _top(module: str) -> str:
    return module.split(".")[0]


def _target(imp: Import) -> str:
    """The imported module: ``from likelihood._view import plots`` imports ``..._view.plots``."""
    if imp.names and layer(imp.module) == "edge" and imp.module.count(".") == 1:
        return f"{imp.module}.{imp.names[0]}"
    return imp.module


def check_source(source: str, module: str, path: str, is_package: bool = False) -> list[Violation]:
    """Return every rule the module breaks."""
    tree = ast.parse(source, filename=path)
    found: list[Violation] = []
    own = layer(module)

    def fail(line: int, rule: str, what: str) -> None:
        found.append(Violation(path, line, rule, what))

    if own == "unknown":
        fail(1, "layer", f"{module} is in no layer: add it to tests/test_layers.py")

    for imp in imports_of(tree, module, is_package):
        target = _target(imp)
        where = "at module level" if imp.function is None else f"in {imp.function}"
        runtime_module_level = imp.function is None and not imp.typing_only

        # -- layers
        if own == "leaf" and _ours(target):
            fail(imp.line, "layer-leaf", f"a leaf imports {target} ({where})")
        if own == "core":
            allowed = (
                _top(target) in sys.stdlib_module_names
                or _top(target) in CORE_THIRD_PARTY
                or target in LEAVES
                or layer(target) == "core"
            )
            if layer(target) == "edge":
                if (module, imp.function, target) not in FACADES:
                    fail(
                        imp.line,
                        "layer-core",
                        f"_core imports the edge {target} {where}; an edge is imported only "
                        "inside a facade listed in tests/test_layers.py FACADES",
                    )
            elif not allowed and not (imp.typing_only and not _ours(target)):
                fail(
                    imp.line,
                    "layer-core",
                    f"_core imports {target} {where}; it uses only the standard library, "
                    "numpy, scipy, the leaves and _core",
                )
        if own == "edge" and _ours(target):
            if module == "likelihood._view.cli":
                if target != "likelihood" and target not in LEAVES:
                    fail(
                        imp.line,
                        "layer-edge",
                        f"the CLI imports {target} ({where}); it uses only the public likelihood "
                        "(and the leaf modules: named defaults, the version)",
                    )
            elif layer(target) == "edge":
                same = _edge_package(target) == _edge_package(module)
                if (module, target) not in EDGE_USES and (imp.function is None or not same):
                    fail(
                        imp.line,
                        "layer-edge",
                        f"the edge {module} imports the edge {target} {where}",
                    )
            elif layer(target) not in ("core", "leaf"):
                fail(
                    imp.line,
                    "layer-edge",
                    f"the edge {module} imports {target} ({where}); edges use _core and the leaves",
                )

        # -- private names
        if _ours(target):
            for name in imp.names:
                if _private(name):
                    fail(imp.line, "private-import", f"imports the private name {name} of {target}")

        # -- heavy libraries
        if (
            runtime_module_level
            and _top(target) in HEAVY
            and not any(_within(module, home) for home in HEAVY_HOMES)
        ):
            fail(imp.line, "heavy-import", f"imports {target} at module level")

    defined = private_names_defined(tree)
    for node in ast.walk(tree):
        read = _private_read(node)
        if read is None:
            continue
        owner, name = read
        if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
            continue
        if name in defined:
            continue
        fail(
            node.lineno,
            "private-read",
            f"reads {ast.unparse(node)}: {name} is private to another module",
        )
    return found


def _private_read(node: ast.AST) -> tuple[ast.expr, str] | None:
    """Return (object, name) for ``obj._name`` or ``getattr(obj, "_name", ...)``."""
    if isinstance(node, ast.Attribute) and _private(node.attr):
        return node.value, node.attr
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and isinstance(node.args[1].value, str)
        and _private(node.args[1].value)
    ):
        return node.args[0], node.args[1].value
    return None


def package_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def check_package() -> list[Violation]:
    found: list[Violation] = []
    for path in package_modules():
        found += check_source(
            path.read_text(encoding="utf-8"),
            module_name(path),
            str(path.relative_to(ROOT)),
            is_package=path.name == "__init__.py",
        )
    return found


# -- the package holds the rules --------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    ["layer", "layer-core", "layer-edge", "layer-leaf", "private-import", "heavy-import"],
)
def test_the_package_keeps_its_layers(rule: str) -> None:
    broken = [str(v) for v in check_package() if v.rule == rule]
    assert broken == [], "\n".join(broken)


def test_no_module_reads_another_modules_private_names() -> None:
    broken = [str(v) for v in check_package() if v.rule == "private-read"]
    assert broken == [], "\n".join(broken)


def test_every_facade_is_in_the_code() -> None:
    # the list names what is there, no more: a facade removed from the code leaves the list
    present = set()
    for path in package_modules():
        module = module_name(path)
        for imp in imports_of(ast.parse(path.read_text(encoding="utf-8")), module):
            present.add((module, imp.function, _target(imp)))
    assert sorted(FACADES - present) == []


def test_every_module_is_in_a_layer() -> None:
    names = {module_name(p) for p in package_modules()}
    assert {n for n in names if layer(n) == "unknown"} == set()
    assert LEAVES <= names
    assert {f[0] for f in FACADES} <= names and {f[2] for f in FACADES} <= names


# -- the checker can fail: planted violations ---------------------------------------------------


def _rules(source: str, module: str) -> list[tuple[int, str]]:
    return [(v.line, v.rule) for v in check_source(textwrap.dedent(source), module, "x.py")]


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "likelihood._core.thing",
            "import numpy as np\nfrom likelihood._io.files import load\n",
            [(2, "layer-core")],
        ),
        ("likelihood._core.thing", "import pandas\n", [(1, "layer-core")]),
        (
            "likelihood._core.thing",
            "def f():\n    import tomli\n",
            [(2, "layer-core")],
        ),
        (
            # an edge import inside a function that is not a listed facade
            "likelihood._core.model",
            "class Model:\n    def draw(self):\n        from likelihood._view.plots import x\n",
            [(3, "layer-core")],
        ),
        (
            # even under TYPE_CHECKING, _core names no edge
            "likelihood._core.thing",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    import xarray\n    from likelihood._view.plots import Axes\n",
            [(4, "layer-core")],
        ),
        ("likelihood._io.files", "import likelihood._view.plots\n", [(1, "layer-edge")]),
        ("likelihood._pymc.engine", "from likelihood._io import files\n", [(1, "layer-edge")]),
        ("likelihood._view.plots", "from likelihood._view.report import x\n", [(1, "layer-edge")]),
        ("likelihood._view.cli", "from likelihood._core.model import Model\n", [(1, "layer-edge")]),
        ("likelihood._io.bif", "import likelihood\n", [(1, "layer-edge")]),
        ("likelihood._defaults", "from likelihood._version import v\n", [(1, "layer-leaf")]),
        ("likelihood._exceptions", "def f():\n    import likelihood._core\n", [(2, "layer-leaf")]),
        (
            "likelihood._io.files",
            "from likelihood._core.model import _grade\n",
            [(1, "private-import")],
        ),
        (
            "likelihood._io.files",
            "def f(node):\n    return node._ratio\n",
            [(2, "private-read")],
        ),
        (
            "likelihood._view.plots",
            "def f(posterior):\n    return posterior.compiled._shared.drawn\n",
            [(2, "private-read")],
        ),
        (
            "likelihood._view.report",
            "def f(model):\n    return getattr(model, '_nodes', None)\n",
            [(2, "private-read")],
        ),
        (
            # a module-level private name of another module, read through the module
            "likelihood._io.files",
            "from likelihood._core import model\nforms = model._FORMS\n",
            [(2, "private-read")],
        ),
        (
            # a private name that only another module's class defines
            "likelihood._io.files",
            "class Reader:\n    def __init__(self):\n        self._text = ''\n"
            "def f(compiled):\n    return compiled._shared\n",
            [(5, "private-read")],
        ),
        (
            "likelihood._core.scales",
            "import matplotlib.pyplot as plt\n",
            [(1, "layer-core"), (1, "heavy-import")],
        ),
        ("likelihood._io.files", "import xarray as xr\n", [(1, "heavy-import")]),
        ("likelihood._view.cli", "import pymc\n", [(1, "heavy-import")]),
        ("likelihood._newthing", "", [(1, "layer")]),
    ],
)
def test_a_planted_violation_is_caught(
    module: str, source: str, expected: list[tuple[int, str]]
) -> None:
    assert _rules(source, module) == expected


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("likelihood._core.thing", "import math\nimport numpy as np\nfrom scipy import stats\n"),
        ("likelihood._core.thing", "from likelihood._exceptions import ModelError\n"),
        (
            "likelihood._core.thing",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import xarray\n",
        ),
        (
            "likelihood._core.model",
            "class Model:\n    def save(self, path):\n"
            "        from likelihood._io.files import save_model\n        save_model(self, path)\n",
        ),
        (
            "likelihood._io.datatree",
            "import xarray as xr\nfrom likelihood._core.evaluation import x\n",
        ),
        ("likelihood._io.files", "from likelihood._io.bif import read_bif\n"),
        (
            "likelihood._view.report",
            "def f():\n    from likelihood._view.plots import plot_model\n",
        ),
        ("likelihood._view.cli", "import likelihood as lk\n"),
        ("likelihood._pymc.engine", "import pymc as pm\nimport arviz as az\n"),
        (
            # a class reads its own private state, on itself and on other instances of itself
            "likelihood._core.thing",
            "class A:\n    __slots__ = ('_s',)\n    _c: int\n"
            "    def __init__(self):\n        self._x = 1\n"
            "    def _m(self):\n        return 0\n"
            "    def same(self, other):\n"
            "        return other._x, other._s, other._c, other._m(), type(self)._m\n",
        ),
        ("likelihood._core.thing", "def f(x):\n    return x.__class__, x.__dict__\n"),
    ],
)
def test_what_the_rules_allow_passes(module: str, source: str) -> None:
    assert _rules(source, module) == []


def test_a_failure_names_the_file_line_and_rule() -> None:
    (violation,) = check_source("x = 1\ny = obj._secret\n", "likelihood._io.files", "a/b.py")
    assert str(violation).startswith("a/b.py:2: [private-read] reads obj._secret")
