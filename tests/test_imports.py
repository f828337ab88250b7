"""Importing likelihood loads none of the heavy edge dependencies."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pymc", "pytensor", "arviz", "arviz_base", "arviz_plots", "arviz_stats", "matplotlib")


def _loaded_after(code: str) -> list[str]:
    script = f"{code}\nimport sys\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.strip()
    return [m for m in out.split(",") if m]


def test_import_leaves_heavy_modules_unloaded() -> None:
    assert _loaded_after("import likelihood") == []


def test_core_use_leaves_heavy_modules_unloaded() -> None:
    code = (
        "import likelihood as lk\n"
        "[lk.scale(n).table() for n in lk.scales()]\n"
        "lk.pool(['likely', 'unlikely']).update(successes=2, trials=5).describe()\n"
        "lk.describe(0.3, scale='perceptions')"
    )
    assert _loaded_after(code) == []


def test_import_changes_no_global_state() -> None:
    code = (
        "import logging, warnings\n"
        "import numpy, scipy.integrate, scipy.optimize, scipy.special, scipy.stats  # their own\n"
        "before = (list(logging.getLogger().handlers), list(warnings.filters))\n"
        "import likelihood\n"
        "after = (list(logging.getLogger().handlers), list(warnings.filters))\n"
        "assert before == after, (before, after)\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
