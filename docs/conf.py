"""Sphinx configuration of the likelihood documentation: ``make docs`` builds it."""

from __future__ import annotations

import tomllib
import zlib
from importlib.metadata import version as _installed_version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

project = "likelihood"
author = "The likelihood developers"
copyright = "2026, The likelihood developers"
release = _installed_version("likelihood")
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "numpydoc",
    "myst_nb",
]

# .rst first: autosummary writes its generated pages with the first suffix.
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "jupyter_execute", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
nitpicky = True

# -- MyST and notebooks ---------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Every notebook and MyST-NB page runs at every build, and a cell that fails fails the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 600
nb_execution_show_tb = True

# -- API reference --------------------------------------------------------------------------
autosummary_generate = True
autodoc_typehints = "none"
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
# Every parameter of a public function or method is documented, and nothing else is.  The
# records the library builds itself (a Term, a Node, a Posterior, an error, ...) are
# documented by their attributes instead of their constructor's parameters.
numpydoc_validation_checks = {"PR01", "PR02"}
numpydoc_validation_exclude = {
    r"^likelihood\.(Term|Description|Judgment|Origin|Node|Row|Source|Decision|Parameter|Posterior)$",
    r"^likelihood\.(UnknownTermError|UnknownNodeError|CycleError|ModelFileError)$",
    # errors take their message and the keyword where=, documented on LikelihoodError
    r"^likelihood\.\w+Error$",
    # a record: its fields are documented as attributes
    r"^likelihood\.(Evaluation|Readings|Assessment)$",
}
# Types in Parameters/Returns link to their documentation; every link must resolve (-n).
numpydoc_xref_param_type = True
numpydoc_xref_ignore = {
    "of",
    "or",
    "optional",
    "default",
    "to",
    "and",
    "shape",
    "the",
    "same",
    "frozen",
    "distribution",
    "False",
    "True",
}
numpydoc_xref_aliases = {
    "mapping": ":term:`python:mapping`",
    "path": "pathlib.Path",
    "Scale": "likelihood.Scale",
    "Term": "likelihood.Term",
    "Judgment": "likelihood.Judgment",
    "Description": "likelihood.Description",
    "Model": "likelihood.Model",
    "Node": "likelihood.Node",
    "Row": "likelihood.Row",
    "Source": "likelihood.Source",
    "Parameter": "likelihood.Parameter",
    "Posterior": "likelihood.Posterior",
    "Table": "likelihood.Table",
    "ACH": "likelihood.ACH",
    "ModelError": "likelihood.ModelError",
    "Dirichlet": "likelihood.Dirichlet",
    "Origin": "likelihood.Origin",
    "CompiledModel": "likelihood.CompiledModel",
    "Evaluation": "likelihood.Evaluation",
}

# -- Cross-references to the ecosystem ------------------------------------------------------
# The inventories are written from intersphinx.toml at the start of each build (the build
# runs offline); see _write_inventories below.
intersphinx_mapping: dict[str, tuple[str, str]] = {}

# -- HTML -----------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "likelihood"
html_theme_options = {
    "github_url": "https://github.com/likelihood-dev/likelihood",
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "header_links_before_dropdown": 7,
}
# One level of pages: no left sidebar, the page's own contents on the right.
html_sidebars: dict[str, list[str]] = {"**": []}
html_show_sourcelink = False


def _write_inventories(app: Any, config: Any) -> None:
    """Write a Sphinx (version 2) inventory per project of intersphinx.toml and map it."""
    projects = tomllib.loads((HERE / "intersphinx.toml").read_text(encoding="utf-8"))
    folder = Path(app.doctreedir) / "intersphinx"
    folder.mkdir(parents=True, exist_ok=True)
    mapping = {}
    for name, spec in projects.items():
        lines = "".join(
            f"{entry[0]} {entry[1]} 1 {entry[2]}#{entry[3] if len(entry) > 3 else entry[0]} -\n"
            for entry in spec["objects"]
        )
        header = (
            "# Sphinx inventory version 2\n"
            f"# Project: {name}\n"
            "# Version: stable\n"
            "# The remainder of this file is compressed using zlib.\n"
        )
        path = folder / f"{name}.inv"
        path.write_bytes(header.encode() + zlib.compress(lines.encode()))
        mapping[name] = (spec["url"], str(path))
    config.intersphinx_mapping = mapping


def setup(app: Any) -> None:
    """Write the inventories before the intersphinx extension reads its mapping."""
    app.connect("config-inited", _write_inventories, priority=100)
