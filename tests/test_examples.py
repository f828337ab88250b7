"""Example scripts run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / script), *args], capture_output=True, text=True
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


def test_negotiations_example_compares_the_model_with_the_author() -> None:
    out = _run("negotiations.py", "--draws", "3000", "--seed", "1")
    lines = out.splitlines()
    assert lines[0] == "Direct negotiations between the army chiefs?"
    table = {
        line.split()[0]: line
        for line in lines
        if line.split() and line.split()[0] in ("talks", "negotiations", "secret_negotiations")
    }
    assert table["talks"].rstrip().endswith("likely")
    assert table["negotiations"].rstrip().endswith("unlikely")
    assert table["secret_negotiations"].rstrip().endswith("highly unlikely")
    for name in ("talks", "negotiations", "secret_negotiations"):
        assert f"- {name}: the model " in out
    assert "What moved 'negotiations'" in out
    for item in ("exchanges", "decree", "preconditions", "no_team", "claim"):
        assert any(line.strip().startswith(item) for line in lines)
    # what would change each conclusion: the flips the library finds under the same seed
    post = lk.load(ROOT / "examples" / "negotiations.toml").infer(draws=3000, seed=1)
    assert "The word whose vagueness matters most for 'negotiations': reporter: reliability" in out
    for name in ("talks", "negotiations", "secret_negotiations"):
        head = f"What would change my mind about {name} (now {post.describe(name)}):"
        assert head in lines
        for flip in post.flips(name).info["flips"]:
            assert f"  {flip['input']}: {flip['change']} -> {flip['words']} " in out


def test_negotiations_example_inputs_come_with_a_comment() -> None:
    # every input (a hypothesis, an item of evidence, a source) follows a comment that
    # paraphrases its passage; a report shares the comment of its source
    text = (ROOT / "examples" / "negotiations.py").read_text()
    lines = text[text.index("def build()") : text.index("def compare(")].splitlines()
    calls = [i for i, line in enumerate(lines) if line.strip().startswith("m.")]
    assert len(calls) == 9
    for i in calls:
        before = lines[i - 1].strip()
        if lines[i].strip().startswith("m.report("):
            assert before == ")" and any(
                lines[k].strip().startswith("m.source(") for k in range(i - 6, i)
            )
        else:
            assert before.startswith("#"), lines[i]
