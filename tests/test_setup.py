"""The set-up contract: the README's two commands, and a clear stop without Python 3.12."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKE = shutil.which("make")


def _readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text().splitlines()
    assert lines[0].startswith("```"), "the README must open with the set-up commands"
    block = []
    for line in lines[1:]:
        if line.startswith("```"):
            break
        block.append(line.split("#")[0].strip())
    return [c for c in block if c]


def test_readme_opens_with_exactly_two_commands() -> None:
    assert _readme_commands() == ["make example", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert "make test" in script.splitlines()[-1]


def _bare_bin(tmp_path: Path, python: str | None) -> Path:
    """A PATH folder with the few tools the finder uses, and optionally a python3."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("ls", "sort", "cat", "rm", "touch"):
        found = shutil.which(tool)
        if found:
            (folder / tool).symlink_to(found)
    if python:
        (folder / "python3").symlink_to(python)
    return folder


def _old_python() -> str | None:
    for candidate in ("/usr/bin/python3", "/usr/bin/python3.11", "/usr/local/bin/python3.11"):
        if Path(candidate).exists():
            out = subprocess.run(
                [candidate, "-c", "import sys; print(sys.version_info[:2] < (3, 12))"],
                capture_output=True,
                text=True,
            )
            if out.stdout.strip() == "True":
                return candidate
    return None


def _env(tmp_path: Path, bin_dir: Path, **extra: str) -> dict[str, str]:
    return {"PATH": str(bin_dir), "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8", **extra}


@pytest.mark.skipif(MAKE is None, reason="GNU make is not installed")
def test_example_without_a_suitable_python_stops_with_one_line(tmp_path: Path) -> None:
    work = tmp_path / "checkout"
    work.mkdir()
    shutil.copy(ROOT / "Makefile", work / "Makefile")
    shutil.copytree(ROOT / "tools", work / "tools")
    shutil.copy(ROOT / "pyproject.toml", work / "pyproject.toml")
    bin_dir = _bare_bin(tmp_path, _old_python())  # python3 is 3.11 (when there is one), no pyenv
    result = subprocess.run(
        [MAKE, "example"], cwd=work, env=_env(tmp_path, bin_dir), capture_output=True, text=True
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode != 0
    assert len(output.splitlines()) == 1, output
    assert "needs Python 3.12 or newer" in output and "PYTHON=" in output
    assert not (work / ".venv").exists()


def test_finder_reports_an_unsuitable_python_variable(tmp_path: Path) -> None:
    old = _old_python()
    if old is None:
        pytest.skip("no Python older than 3.12 on this machine to point at")
    bin_dir = _bare_bin(tmp_path, None)
    result = subprocess.run(
        ["/bin/sh", str(ROOT / "tools" / "find-python")],
        env=_env(tmp_path, bin_dir, PYTHON=old),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"PYTHON={old} is not one" in result.stdout


def test_finder_accepts_a_suitable_python_variable(tmp_path: Path) -> None:
    bin_dir = _bare_bin(tmp_path, None)
    result = subprocess.run(
        ["/bin/sh", str(ROOT / "tools" / "find-python")],
        env=_env(tmp_path, bin_dir, PYTHON=sys.executable),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stdout.strip() == sys.executable


def test_finder_looks_under_pyenv(tmp_path: Path) -> None:
    # a pyenv tree with an old and a new version; python3 on PATH is too old
    root = tmp_path / "home" / ".pyenv" / "versions"
    for version, target in (("3.11.7", _old_python()), ("3.12.9", sys.executable)):
        if target is None:
            continue
        folder = root / version / "bin"
        folder.mkdir(parents=True)
        (folder / "python").symlink_to(target)
    bin_dir = _bare_bin(tmp_path, _old_python())
    result = subprocess.run(
        ["/bin/sh", str(ROOT / "tools" / "find-python")],
        env=_env(tmp_path, bin_dir),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == str(root / "3.12.9" / "bin" / "python")


def test_tools_are_executable() -> None:
    for name in ("find-python", "setup-env"):
        assert os.access(ROOT / "tools" / name, os.X_OK), name
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
