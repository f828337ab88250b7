"""Example scripts run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / script)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_words_example_prints_the_articles_words_on_both_scales() -> None:
    out = _run("words.py")
    lines = out.splitlines()
    for word in ("likely", "unlikely", "highly unlikely"):
        for name in ("phia", "icd203"):
            row = [line for line in lines if line.startswith(f"{word:<17}{name:<8}")]
            assert len(row) == 1, (word, name)
            if word in lk.scale(name):
                j = lk.judge(word, scale=name)
                lo, hi = j.interval(0.9)
                assert f"{j.mean():.3f}" in row[0] and f"[{lo:.3f}, {hi:.3f}]" in row[0]
            else:
                assert "not a term here" in row[0] and "very unlikely" in row[0]
    assert "between realistic possibility and likely" in out  # 0.5 on PHIA
    assert "roughly even chance" in out  # 0.5 on ICD 203
    assert lk.scale("phia").citation in out and lk.scale("icd203").citation in out
