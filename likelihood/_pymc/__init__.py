"""Edge: the PyMC engine (loads pymc, pytensor and arviz, only when used).

It returns the same :class:`likelihood._core.evaluation.Evaluation` record as the exact engine.
"""
