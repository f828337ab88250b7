"""Doctest collection for a package whose exported names report ``likelihood`` as their module.

:mod:`doctest` collects a class's examples only from the module named by its
``__module__``; the package rewrites that to ``likelihood`` (as httpx does), so
the examples of a class are collected from the module that defines it, as
recorded in ``likelihood._defined_in``, and nowhere else.
"""

from __future__ import annotations

import doctest
import inspect
from typing import Any

_from_module = doctest.DocTestFinder._from_module


def _from_defining_module(self: doctest.DocTestFinder, module: Any, obj: Any) -> bool:
    if inspect.isclass(obj) and getattr(obj, "__module__", None) == "likelihood":
        import likelihood

        defined = likelihood._defined_in.get(obj.__name__)
        if defined is not None and module is not None:
            return bool(module.__name__ == defined)
    return bool(_from_module(self, module, obj))


doctest.DocTestFinder._from_module = _from_defining_module  # type: ignore[method-assign]
