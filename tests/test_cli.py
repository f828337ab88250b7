"""The command line: output, and every bad file or call gets one clear line and its exit code."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import likelihood as lk
from likelihood._defaults import CLI_SEED
from likelihood._view.common import number, signed

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "examples" / "negotiations.toml"
ACTOR = ROOT / "benchmarks" / "actor.toml"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "likelihood", *args], capture_output=True, text=True, cwd=cwd
    )


def cli_here(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The same command line run in this process (fast): ``main`` with captured output."""
    import contextlib
    import io
    import os

    from likelihood._view.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:
                code = int(stop.code or 0)
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def test_run_json_equals_the_python_script_under_the_same_seed() -> None:
    from_file = cli(
        "run",
        str(ROOT / "examples" / "negotiations.toml"),
        "--json",
        "--no-analyses",
        "--draws",
        "3000",
        "--seed",
        "5",
    )
    assert from_file.returncode == 0, from_file.stderr
    script = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "negotiations.py"),
            "--json",
            "--draws",
            "3000",
            "--seed",
            "5",
        ],
        capture_output=True,
        text=True,
    )
    assert script.returncode == 0, script.stderr
    a, b = json.loads(from_file.stdout), json.loads(script.stdout)
    assert a == b
    node = a["nodes"]["negotiations"]
    assert 0 < node["probability"] < 1 and len(node["interval"]) == 2
    assert a["nodes"]["claim"]["observed"] is True and a["draws"] == 3000 and a["seed"] == 5


def test_run_json_for_a_several_state_network() -> None:
    import _pgmpy

    out = cli("run", str(_pgmpy.example_models() / "asia.bif.gz"), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["nodes"]["asia"]["probability"] == pytest.approx({"yes": 0.01, "no": 0.99})
    assert data["nodes"]["asia"]["interval"]["yes"] == pytest.approx([0.01, 0.01])


def test_run_prints_the_summary_table() -> None:
    out = cli("run", str(ROOT / "examples" / "negotiations.toml"), "--draws", "2000", "--seed", "1")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("Direct negotiations between the army chiefs? — scale phia")
    assert lines[1].split()[:3] == ["node", "role", "probability"]
    assert any(line.startswith("negotiations") for line in lines)
    # then, per hypothesis: before and after the evidence, what moved it, what would change
    # my mind and what to collect next
    post = lk.load(ROOT / "examples" / "negotiations.toml").infer(draws=2000, seed=1)
    for name in ["talks", "negotiations", "secret_negotiations"]:
        head = lines.index(f"{name}: {post.model.nodes[name].text}")
        before, after = post.prior.describe(name), post.describe(name)
        assert lines[head + 1].startswith(
            f"  before the evidence: {before} ({number(before.value)}); "
            f"after: {after} ({number(after.value)}), {after.confidence} confidence"
        )
        # the assessment sentence, and how readers read its word when the survey asked
        assert lines[head + 2] == f"  Assessment: {post.assessment(name).text}"
        moved = next(i for i in range(head, len(lines)) if lines[i].startswith("What moved"))
        assert lines[moved].startswith(f"What moved {name} (weight of evidence")
        assert all(lines[i].startswith("  Readers: ") for i in range(head + 3, moved))
        for k, (item, weight) in enumerate(post.contributions(name).items()):
            assert lines[moved + 1 + k].split()[:2] == [item, signed(weight)]
        start = lines.index(f"What would change my mind about {name} (now {post.describe(name)}):")
        shown = lines[start + 1 : lines.index(f"What to collect next for {name}:", start)]
        flips = post.flips(name).info["flips"]
        assert len(shown) == max(len(flips), 1)
        for line, row in zip(shown, flips, strict=False):
            assert line == (
                f"  {row['input']}: {row['change']} -> {row['words']} "
                f"({number(row['probability'])})"
            )
    assert lines[-1] == "seed 1 (--seed)"


def test_describe_and_scales() -> None:
    assert cli("describe", "0.12", "--scale", "phia").stdout == "highly unlikely\n"
    assert cli("describe", "0.5").stdout == "between realistic possibility and likely\n"
    assert cli("describe", "250", "--scale", "enfsi").stdout == "moderately strong support\n"
    listing = cli("scales").stdout.splitlines()
    assert [line.split()[0] for line in listing] == lk.scales()
    shown = cli("scales", "icd203").stdout
    assert "almost no chance" in shown and lk.scale("icd203").citation in shown


def test_version_and_help() -> None:
    assert cli("--version").stdout.strip() == f"likelihood {lk.__version__}"
    assert cli("--help").returncode == 0


# -- the error table ----------------------------------------------------------------------------

BASE = """
[hypothesis.a]
prior = 0.3

[evidence.e]
given = { "a" = 0.8, "~a" = 0.2 }
observed = true
"""

FILES: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "syntax error",
        "[hypothesis.a]\nprior = 0.3\n[evidence.e\ngiven = {}\n",
        ("not valid TOML", "line 3"),
    ),
    (
        "probability above 1",
        "[hypothesis.a]\nprior = 1.7\n",
        ("line 2", "[hypothesis.a] prior", "1.7"),
    ),
    (
        "negative probability",
        "[hypothesis.a]\nprior = -0.1\n",
        ("line 2", "[hypothesis.a] prior", "-0.1"),
    ),
    (
        "unknown word",
        '[hypothesis.a]\nprior = "probabl"\n',
        ("line 2", "'probabl'", "closest: 'probable'"),
    ),
    (
        "cycle",
        '[hypothesis.a]\ngiven = { "b" = 0.3, "~b" = 0.1 }\n'
        '[hypothesis.b]\ngiven = { "a" = 0.3, "~a" = 0.2 }\n',
        ("cycle: a -> b -> a",),
    ),
    (
        "self parent",
        '[hypothesis.a]\ngiven = { "a" = 0.3, "~a" = 0.1 }\n',
        ("'a' is its own parent",),
    ),
    (
        "missing condition row",
        BASE + '[hypothesis.b]\ngiven = { "a" = 0.3 }\n',
        (
            "line 9",
            "[hypothesis.b] given has no row for '~a'",
        ),
    ),
    (
        "unknown parent",
        BASE + '[hypothesis.b]\ngiven = { "aa" = 0.3, "~aa" = 0.1 }\n',
        ("[hypothesis.b] given['aa']", "no node 'aa'", "did you mean 'a'"),
    ),
    (
        "duplicate rows",
        BASE
        + '[hypothesis.b]\ngiven = { "a & e" = 0.3, "e & a" = 0.1, "~a & e" = 0.2, '
        + '"a & ~e" = 0.1, "~a & ~e" = 0.1 }\n',
        ("'a & e' and 'e & a' are the same row",),
    ),
    (
        "wrong state in a condition",
        '[hypothesis.i]\nstates = ["x", "y"]\nprior = { x = 0.5, y = 0.5 }\n'
        '[evidence.e]\ngiven = { "i=x" = 0.3, "i=z" = 0.1 }\n',
        ("'z' is not a state of 'i'", "x, y"),
    ),
    (
        "wrong observed state",
        '[hypothesis.a]\nprior = 0.3\nobserved = "maybe"\n',
        ("unknown key(s) 'observed'",),
    ),
    (
        "observed word on a binary node",
        BASE.replace("observed = true", 'observed = "yes"'),
        ("[evidence.e] observed", "True or False", "'yes'"),
    ),
    ("empty file", "", ("defines no model",)),
    ("only comments", "# nothing here\n", ("defines no model",)),
    ("boolean probability", "[hypothesis.a]\nprior = true\n", ("[hypothesis.a] prior", "boolean")),
    (
        "given that is not a table",
        "[hypothesis.a]\nprior = 0.3\n[hypothesis.b]\ngiven = 0.3\n",
        ("[hypothesis.b] given", "must be a table"),
    ),
    (
        "unknown key",
        "[hypothesis.a]\npriro = 0.3\n",
        ("line 2", "unknown key(s) 'priro'", "allowed:"),
    ),
    (
        "unknown top-level key",
        'titel = "x"\n[hypothesis.a]\nprior = 0.3\n',
        ("line 1", "unknown top-level key(s) 'titel'"),
    ),
    (
        "table with a missing state",
        '[hypothesis.i]\nstates = ["x", "y", "z"]\nprior = { x = 0.5, y = 0.5 }\n',
        ("no probability for 'z'",),
    ),
    (
        "table that cannot be normalised",
        '[hypothesis.i]\nstates = ["x", "y"]\nprior = { x = 0, y = 0.0 }\n',
        ("cannot be normalised",),
    ),
    (
        "report of an unknown source",
        BASE + '[report.r]\nsource = "nobody"\nclaims = "a"\n',
        ("[report.r]", "no source 'nobody'"),
    ),
    (
        "report without a claim",
        BASE + '[source.s]\nreliability = "B"\n[report.r]\nsource = "s"\n',
        ("[report.r]", "needs claims"),
    ),
    (
        "unknown strength",
        '[hypothesis.a]\nprior = 0.3\n[evidence.e]\nsupports = "a"\nstrength = "mild support"\n',
        ("[evidence.e] strength", "'mild support'"),
    ),
    (
        "withheld scale",
        'scale = "nato"\n[hypothesis.a]\nprior = 0.3\n',
        ("line 1", "scale", "AJP-2.1", "admiralty"),
    ),
    (
        "node defined twice",
        "[hypothesis.a]\nprior = 0.3\n[evidence.a]\nprior = 0.2\n",
        ("[evidence.a]", "also defined as [hypothesis.a]"),
    ),
    (
        "condition syntax",
        BASE + '[hypothesis.b]\ngiven = { "a & & e" = 0.3 }\n',
        ("[hypothesis.b] given['a & & e']", "empty part"),
    ),
    (
        "impossible evidence",
        "[hypothesis.a]\nprior = 0.0\n"
        '[evidence.e]\ngiven = { "a" = 1.0, "~a" = 0.0 }\nobserved = true\n',
        ("e=True is impossible",),
    ),
]


@pytest.mark.parametrize(("text", "parts"), [c[1:] for c in FILES], ids=[c[0] for c in FILES])
def test_bad_analysis_file(tmp_path: Path, text: str, parts: tuple[str, ...]) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(textwrap.dedent(text))
    out = cli_here("run", str(path))
    assert out.returncode == 1
    assert out.stdout == ""
    message = out.stderr
    assert message.startswith("likelihood: error: ") and message.count("\n") == 1, message
    assert "Traceback" not in message
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"
    # the API raises the documented class with the same message
    impossible = "impossible" in parts[0]
    with pytest.raises(lk.EvidenceError if impossible else lk.ModelFileError) as info:
        lk.load(path).infer(draws=200, seed=1)
    assert str(info.value) in message
    if not impossible:
        assert info.value.path == str(path)


CALLS: list[tuple[str, tuple[str, ...], int, tuple[str, ...]]] = [
    ("missing file", ("run", "absent.toml"), 2, ("no such file", "absent.toml")),
    ("bad draws", ("run", "x.toml", "--draws", "many"), 2, ("--draws", "whole number", "'many'")),
    ("zero draws", ("run", "x.toml", "--draws", "0"), 2, ("--draws", "'0'")),
    ("unknown command", ("fly",), 2, ("invalid choice: 'fly'",)),
    ("no command", (), 2, ("required",)),
    ("describe a number above 1", ("describe", "1.7"), 1, ("value must be a probability", "1.7")),
    ("describe a word", ("describe", "likely"), 2, ("invalid float value: 'likely'",)),
    (
        "describe on a grading scale",
        ("describe", "0.3", "--scale", "admiralty"),
        1,
        ("grading scale",),
    ),
    ("unknown scale", ("scales", "nato"), 1, ("AJP-2.1",)),
    ("misspelt scale", ("describe", "0.3", "--scale", "phai"), 1, ("did you mean 'phia'",)),
    ("unknown file type", ("run", "model.txt"), 1, ("cannot tell the format",)),
    ("bad BIF", ("run", "bad.bif"), 1, ("bad.bif, line 2", "expected ';'")),
]


@pytest.mark.parametrize(
    ("args", "code", "parts"), [c[1:] for c in CALLS], ids=[c[0] for c in CALLS]
)
def test_bad_call(tmp_path: Path, args: tuple[str, ...], code: int, parts: tuple[str, ...]) -> None:
    (tmp_path / "model.txt").write_text("x")
    (tmp_path / "x.toml").write_text("[hypothesis.a]\nprior = 0.3\n")
    (tmp_path / "bad.bif").write_text(
        "variable a { type discrete [ 2 ] { yes, no }; }\nprobability ( a ) { table 0.3, 0.7 }\n"
    )
    out = cli_here(*args, cwd=tmp_path)
    assert out.returncode == code, out.stderr
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith("likelihood: error: ")
    for part in parts:
        assert part in out.stderr, f"{part!r} not in {out.stderr!r}"


def test_warnings_are_one_line_on_stderr(tmp_path: Path) -> None:
    lines = ["[hypothesis.h]", "prior = 1.0"]
    for i in range(24):
        lines += [f"[evidence.e{i}]", 'given = { "h" = [0.0, 1.0], "~h" = 0.5 }', "observed = true"]
    path = tmp_path / "surprise.toml"
    path.write_text("\n".join(lines) + "\n")
    out = cli("run", str(path), "--draws", "3000", "--seed", "1")
    assert out.returncode == 0
    assert out.stderr.startswith("likelihood: warning: only ") and out.stderr.count("\n") == 1


@pytest.mark.parametrize("case", [FILES[1], FILES[4], FILES[-1]], ids=lambda c: c[0])
def test_errors_through_the_installed_command(tmp_path: Path, case: tuple) -> None:
    _, text, parts = case
    path = tmp_path / "bad.toml"
    path.write_text(textwrap.dedent(text))
    out = cli("run", str(path))
    assert out.returncode == 1 and out.stdout == "" and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1 and all(part in out.stderr for part in parts)
    usage = cli("run", str(path), "--draws", "x")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_main_returns_the_status_without_exiting(capsys: pytest.CaptureFixture[str]) -> None:
    from likelihood._view.cli import main

    assert main(["describe", "0.12"]) == 0
    assert capsys.readouterr().out == "highly unlikely\n"
    assert main(["describe", "2"]) == 1


# -- analyses in the JSON, seeds, the report's path ------------------------------------------


def test_run_json_carries_every_analysis_with_the_prior_beside_the_posterior() -> None:
    three = ROOT / "tests" / "data" / "three_conclusions.toml"  # nested binaries: ACH applies
    out = cli_here("run", str(three), "--json", "--draws", "2000")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["seed"] == CLI_SEED
    post = lk.load(three).infer(draws=2000, seed=CLI_SEED)
    assert set(data["hypotheses"]) == {"talks", "negotiations", "secret_negotiations"}
    for name, entry in data["hypotheses"].items():
        assert entry["prior"]["probability"] == pytest.approx(post.prior.probability(name))
        assert entry["prior"]["words"] == str(post.prior.describe(name))
        assert entry["posterior"]["probability"] == pytest.approx(post.probability(name))
        assert entry["posterior"]["words"] == str(post.describe(name))
        assert entry["posterior"]["interval"] == pytest.approx(list(post.interval(name)))
        weights = {r["evidence"]: r["log10 likelihood ratio"] for r in entry["contributions"]}
        assert weights == pytest.approx(post.contributions(name))
        for key, table in [
            ("sensitivity", post.sensitivity(name)),
            ("attribution", post.attribution(name)),
            ("flips", post.flips(name)),
            ("value_of_information", post.value_of_information(name)),
        ]:
            rows = entry[key]
            assert isinstance(rows, list) and len(rows) == len(table), key
            for got, want in zip(rows, table, strict=True):
                for column, value in want.items():
                    if isinstance(value, float):
                        assert isinstance(got[column], float) and got[column] == pytest.approx(
                            value
                        )
                    else:
                        assert got[column] == value
    assert data["ach"]["note"].startswith("ACH needs mutually exclusive hypotheses")
    assert len(data["ach"]["hypotheses"]) == 4


def test_run_json_for_a_hypothesis_with_several_states() -> None:
    out = cli_here("run", str(ACTOR), "--json", "--draws", "2000", "--seed", "4")
    assert out.returncode == 0, out.stderr
    entry = json.loads(out.stdout)["hypotheses"]["actor"]  # the node once
    post = lk.load(ACTOR).infer(draws=2000, seed=4)
    states = ["state", "proxy", "criminal"]
    assert entry["states"] == states
    assert entry["prior"]["probability"] == pytest.approx(post.prior.probability("actor"))
    assert entry["posterior"]["words"] == {s: str(d) for s, d in post.describe("actor").items()}
    assert {r["state"] for r in entry["contributions"]} == set(states)
    for key in ("sensitivity", "attribution", "flips"):
        assert {r["state"] for r in entry[key]} == set(states), key
    assert any(r["flips"] and r["input"] == "actor: proxy" for r in entry["flips"])
    assert {r["evidence"] for r in entry["value_of_information"]} == {
        "partner_intercept",
        "credentials_for_sale",
    }
    assert json.loads(out.stdout)["ach"]["note"] is None


def test_no_analyses_gives_the_posterior_alone() -> None:
    out = cli_here("run", str(FLAGSHIP), "--json", "--no-analyses", "--draws", "1000")
    data = json.loads(out.stdout)
    assert "hypotheses" not in data and "ach" not in data
    post = lk.load(FLAGSHIP).infer(draws=1000, seed=CLI_SEED)
    assert data == json.loads(json.dumps(post.to_dict()))


def test_the_same_file_gives_byte_identical_json() -> None:
    first = cli_here("run", str(FLAGSHIP), "--json", "--draws", "2000")
    second = cli_here("run", str(FLAGSHIP), "--json", "--draws", "2000")
    assert first.returncode == 0 and first.stdout == second.stdout
    process = cli("run", str(FLAGSHIP), "--json", "--draws", "2000")
    assert process.returncode == 0 and process.stdout == first.stdout


def test_the_text_report_says_which_seed(tmp_path: Path) -> None:
    out = cli_here("run", str(FLAGSHIP), "--draws", "500")
    assert out.stdout.splitlines()[-1] == f"seed {CLI_SEED} (the default; --seed to change)"
    assert f"seed {CLI_SEED}" in out.stdout.splitlines()[0]


def test_the_file_can_set_its_seed(tmp_path: Path) -> None:
    path = tmp_path / "seeded.toml"
    path.write_text("seed = 7\n" + FLAGSHIP.read_text())
    assert lk.load(path).seed == 7
    data = json.loads(cli_here("run", str(path), "--json", "--draws", "800").stdout)
    assert data["seed"] == 7
    assert data["nodes"]["talks"]["probability"] == pytest.approx(
        lk.load(FLAGSHIP).infer(draws=800, seed=7).probability("talks")
    )
    assert json.loads(cli_here("run", str(path), "--json", "--seed", "3").stdout)["seed"] == 3
    text = cli_here("run", str(path), "--draws", "500").stdout
    assert text.splitlines()[-1] == "seed 7 (from seeded.toml; --seed to change)"
    # saved and loaded again, the model keeps its seed
    lk.load(path).save(tmp_path / "again.toml")
    assert lk.load(tmp_path / "again.toml").seed == 7


@pytest.mark.parametrize("value", ["-1", '"x"', "true", "1.5"])
def test_a_bad_seed_in_the_file(tmp_path: Path, value: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f"seed = {value}\n[hypothesis.a]\nprior = 0.3\n")
    out = cli_here("run", str(path))
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.startswith("likelihood: error: ") and out.stderr.count("\n") == 1
    assert "line 1" in out.stderr and "seed" in out.stderr and "whole number" in out.stderr


@pytest.mark.parametrize(
    ("where", "reason"),
    [("no/such/folder/out.html", "no folder"), ("", "is a folder")],
    ids=["missing folder", "a folder"],
)
def test_a_report_that_cannot_be_written_fails_before_any_work(
    tmp_path: Path, where: str, reason: str
) -> None:
    target = tmp_path / where if where else tmp_path
    out = cli_here("run", str(FLAGSHIP), "--report", str(target))
    assert out.returncode == 1 and out.stdout == ""  # nothing was inferred or printed
    assert out.stderr.count("\n") == 1 and "cannot write the report" in out.stderr
    assert reason in out.stderr
