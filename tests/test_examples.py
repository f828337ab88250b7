"""Example scripts run and print what they promise."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

from _oracle import dominant_judgment

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


#: The article author's conclusions (the example's AUTHOR), in the article's words.
AUTHOR = {
    "talks": "likely",
    "negotiations": "unlikely",
    "secret_negotiations": "highly unlikely",
    "territorial_deal": "highly unlikely",
}

#: The order in which the article brings up each observation (the file's ``at``).
ARRIVAL = [
    ["claim"],
    ["exchanges"],
    ["preconditions", "goals"],
    ["hints"],
    ["decree"],
    ["no_team"],
    ["premise"],
]


def _phia_words(p: float) -> str:
    """PHIA's words for p, read off the published ranges: the term whose range holds p, or the
    gap between two terms (an oracle independent of ``describe``)."""
    terms = sorted(lk.scale("phia").terms, key=lambda t: t.range[0])
    inside = [t.name for t in terms if t.range[0] <= p <= t.range[1]]
    assert len(inside) <= 1  # PHIA's ranges do not overlap
    if inside:
        return inside[0]
    for below, above in itertools.pairwise(terms):
        if below.range[1] < p < above.range[0]:
            return f"between {below.name} and {above.name}"
    raise AssertionError(p)


def test_negotiations_example_compares_the_model_with_the_author() -> None:
    out = _run("negotiations.py", "--draws", "3000", "--seed", "1")
    lines = out.splitlines()
    assert lines[0] == "Direct negotiations between the army chiefs?"
    table = {line.split()[0]: line for line in lines if line.split() and line.split()[0] in AUTHOR}
    # the same model, read from its analysis file, under the same draws and seed
    post = lk.load(ROOT / "examples" / "negotiations.toml").infer(draws=3000, seed=1)
    for name, author in AUTHOR.items():
        p = post.probability(name)
        lo, hi = post.interval(name)
        words = _phia_words(p)
        assert str(post.describe(name)) == words
        # the row: P, the band, the model's words, its confidence, then the author's words
        row = table[name].rstrip()
        assert f"{p:.3f}  [{lo:.3f}, {hi:.3f}]  {words} " in row, row
        assert row.endswith(f"{post.describe(name).confidence:<12}{author}"), row
        # the verdict follows from the words and the band, against the author's term
        low, high = lk.scale("phia")[author].range
        if words == author:
            verdict = "agrees with the author"
        else:
            reach = "reaches" if low <= hi and lo <= high else "does not reach"
            verdict = f"reads {words} where the author wrote {author}; the band {reach}"
        assert f"- {name}: the model {verdict}" in out
        if words != author:
            # where the model departs, it says which way, against the author's published range
            side = "more" if p > high else "less"
            assert f"The model holds it {side} probable than the author ({p:.3f}; {author}" in out
            # and names the one-step changes that would give the author's words
            for flip in post.flips(name).info["flips"]:
                if flip["words"] == author:
                    assert f"{flip['input']}: {flip['change']}" in out
    assert "What moved 'negotiations'" in out
    for item, weight in post.contributions("negotiations").items():
        assert any(line.split()[:2] == [item, f"{weight:+.2f}"] for line in lines), item
    # the word that matters most: the largest total Sobol index, computed here
    dominant = dominant_judgment(post, "negotiations")
    top = next(row for row in post.attribution("negotiations") if row["judgment"] == dominant)
    assert (
        f"The word whose vagueness matters most for 'negotiations': {dominant} "
        f"({top['written']}), total Sobol index {top['total']:.2f}"
    ) in out
    # what would change each conclusion: the flips the library finds under the same seed
    for name in AUTHOR:
        head = f"What would change my mind about {name} (now {post.describe(name)}):"
        assert head in lines
        for flip in post.flips(name).info["flips"]:
            assert f"  {flip['input']}: {flip['change']} -> {flip['words']} " in out


def test_negotiations_example_inputs_come_with_a_comment() -> None:
    # every input (a hypothesis, an item of evidence, a source, a report) follows a comment
    # that paraphrases its passage; so does the loop that observes them in the article's order
    text = (ROOT / "examples" / "negotiations.py").read_text()
    lines = text[text.index("def build()") : text.index("def compare(")].splitlines()
    calls = [i for i, line in enumerate(lines) if line.strip().startswith("m.")]
    inputs = [i for i in calls if not lines[i].strip().startswith("m.observe(")]
    assert len(inputs) == 13  # 4 hypotheses, a source, 2 reports, 6 items of evidence
    for i in inputs:
        assert lines[i - 1].strip().startswith("#"), lines[i]
    (observe,) = [i for i in calls if i not in inputs]
    assert lines[observe - 1].strip().startswith("for ") and lines[observe - 2].strip()[0] == "#"


def _arrivals(out: str) -> list[list[str]]:
    """The steps of the first trajectory the script prints: what arrived at each."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Belief in talks"))
    steps = []
    for line in lines[start + 3 :]:
        if not line.strip():
            break
        steps.append([item.split("=")[0] for item in line.split()[1:] if "=" in item])
    return steps


def test_negotiations_example_shows_the_trajectory_conflict_and_account() -> None:
    out = _run("negotiations.py", "--draws", "2000", "--seed", "3")
    path = ROOT / "examples" / "negotiations.toml"
    post = lk.load(path).infer(draws=2000, seed=3)
    # the observations arrive in the order the article brings them up
    assert _arrivals(out) == ARRIVAL
    # each step is the model with only the evidence so far observed (the same draws)
    for name in AUTHOR:
        assert f"Belief in {name} as the evidence arrived (7 steps" in out
    lines = out.splitlines()
    section = lines[next(i for i, x in enumerate(lines) if x.startswith("Belief in territorial")) :]
    seen: list[str] = []
    for group in ARRIVAL:
        seen += group
        partial = lk.load(path)
        for item in list(partial.observations):
            if item not in seen:
                partial.observe(item, None)
        p = partial.infer(draws=2000, seed=3).probability("territorial_deal")
        label = ", ".join(f"{item}=True" for item in group)
        row = next(line for line in section if line.split()[1:2] == [label.split()[0]])
        assert f"{p:.3f}" in row.split(), (group, row)
    # the conflict check: conf(E) = log(prod P(e_j) / P(E)), its sign said in words
    table = post.conflict()
    conf = table.info["conflict"]
    assert f"conf(E) = {conf:+.3f}" in out
    assert ("less likely than apart" in out) == (conf > 0)
    # the most probable account: its probability by the chain rule, each factor the
    # model with the account's earlier states observed as well (the same draws)
    account = post.most_probable()[0]["account"]
    assert f"The most probable account of the hypotheses: {account} (P = " in out
    states = [(part.lstrip("~"), not part.startswith("~")) for part in account.split(", ")]
    chain = lk.load(path)
    p = 1.0
    for node, state in states:
        q = chain.infer(draws=2000, seed=3).probability(node)
        p *= q if state else 1 - q
        chain.observe(node, state)
    assert f"(P = {p:.3f}," in out
