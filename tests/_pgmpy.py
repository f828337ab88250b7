"""pgmpy as an oracle: its BIF reader, networks built from the library's tables, exact queries."""

from __future__ import annotations

import gzip
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np


@contextmanager
def quiet() -> Iterator[None]:
    """pgmpy and its dependencies warn and log freely; the oracle's chatter is not ours."""
    logger = logging.getLogger("pgmpy")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def example_models() -> Path:
    import pgmpy

    return Path(pgmpy.__file__).parent / "utils" / "example_models"


def read(path: Path) -> Any:
    """A pgmpy network from a BIF file, every CPD column renormalised to sum to one.

    The library renormalises rows that the published files round (alarm's HRSAT
    and HREKG sum to 1 - 1e-7); the oracle gets the same tables.
    """
    with quiet():
        from pgmpy.readwrite import BIFReader

        text = gzip.open(path, "rt").read() if path.suffix == ".gz" else path.read_text()
        model = BIFReader(string=text).get_model()
        for cpd in model.get_cpds():
            cpd.normalize()
    return model


def network(nodes: dict[str, tuple[list[str], list[str], np.ndarray]]) -> Any:
    """A pgmpy network from {name: (states, parents, table (*parent cards, card))}."""
    with quiet():
        from pgmpy.factors.discrete import TabularCPD
        from pgmpy.models import DiscreteBayesianNetwork

        model = DiscreteBayesianNetwork()
        model.add_nodes_from(nodes)
        for name, (_, parents, _) in nodes.items():
            for p in parents:
                model.add_edge(p, name)
        for name, (states, parents, table) in nodes.items():
            values = np.asarray(table).reshape(-1, len(states)).T
            model.add_cpds(
                TabularCPD(
                    name,
                    len(states),
                    values,
                    evidence=parents or None,
                    evidence_card=[len(nodes[p][0]) for p in parents] or None,
                    state_names={name: states, **{p: nodes[p][0] for p in parents}},
                )
            )
        model.check_model()
    return model


def marginals(model: Any, evidence: dict[str, str]) -> dict[str, dict[str, float]]:
    """Exact marginals of every unobserved variable by pgmpy's variable elimination."""
    with quiet():
        from pgmpy.inference import VariableElimination

        engine = VariableElimination(model)
        out = {}
        for v in model.nodes():
            if v in evidence:
                continue
            q = engine.query([v], evidence=evidence or None, show_progress=False)
            out[v] = {s: float(q.values[i]) for i, s in enumerate(q.state_names[v])}
    return out
