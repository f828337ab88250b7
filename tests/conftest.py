from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def rng() -> np.random.Generator:
    """A seeded generator: every random test is reproducible."""
    return np.random.default_rng(20261125)


@pytest.fixture
def reference() -> Path:
    """The published-figure oracle ``../shared/reference`` (fails in CI if missing)."""
    from _reference import reference_dir

    return reference_dir()
