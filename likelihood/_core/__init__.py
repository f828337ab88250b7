"""The core: scales, judgments, the model, the junction tree, the exact engine and the answer.

Modules in this folder depend only on the standard library, NumPy, SciPy and
the package's leaf modules (``likelihood._exceptions``, ``likelihood._defaults``,
``likelihood._version``). They never import an edge (``likelihood._pymc``,
``likelihood._io``, ``likelihood._view``) at module level; the only way up is a
one-line facade method that imports the edge function inside itself and calls
it on ``self`` (``Model.save``, ``Posterior.plot``, ...). ``tests/test_layers.py``
holds the rule.
"""
