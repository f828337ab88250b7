from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]

# Figures are drawn off screen in the tests (the library itself never chooses a backend).
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def rng() -> np.random.Generator:
    """A seeded generator: every random test is reproducible."""
    return np.random.default_rng(20261125)


@pytest.fixture
def reference() -> Path:
    """The published-figure oracle ``../shared/reference`` (fails in CI if missing)."""
    from _reference import reference_dir

    return reference_dir()


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test opened."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
