"""The documentation site: ``make docs`` builds it, warnings as errors, executing its notebooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "index",
    "getting-started",
    "walkthrough",
    "gallery",
    "scales",
    "judgments",
    "model",
    "analysis",
    "engine",
    "files",
    "outputs",
    "cli",
    "errors",
    "api",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    make = shutil.which("make")
    assert make is not None, "the documentation is built by `make docs`; GNU make is missing"
    out = tmp_path_factory.mktemp("docs") / "html"
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # the notebooks draw inline, as in Jupyter
    # the same target a user runs, with this interpreter and this folder
    done = subprocess.run(
        [make, "--no-print-directory", "docs", f"PY={sys.executable}", "STAMP=", f"DOCS_OUT={out}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "build succeeded." in done.stdout
    return out


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_page_is_built(site: Path) -> None:
    for page in PAGES:
        assert (site / f"{page}.html").is_file(), page


def test_the_walkthrough_executes_during_the_build(site: Path) -> None:
    html = _text(site / "walkthrough.html")
    assert "exact engine, 20000 draws" in html  # the summary printed by the executed cell
    assert "What would change my mind about negotiations" in html
    assert "Analysis of competing hypotheses" in html
    assert len(re.findall(r"<img [^>]*src=\"_images/", html)) >= 6


def test_the_gallery_shows_every_scale_with_its_citation(site: Path) -> None:
    html = _text(site / "gallery.html")
    plotted = [name for name in lk.scales() if lk.scale(name).kind != "grading"]
    assert len(re.findall(r"<img [^>]*src=\"_images/", html)) == len(plotted)
    for name in lk.scales():
        sc = lk.scale(name)
        assert f'<code class="docutils literal notranslate"><span class="pre">{name}</span>' in html
        first_words = " ".join(sc.citation.split()[:4])
        assert first_words.replace("&", "&amp;") in html, name


def test_the_api_reference_documents_every_public_name(site: Path) -> None:
    for name in lk.__all__:
        if name == "__version__":
            continue
        page = site / "generated" / f"likelihood.{name}.html"
        assert page.is_file(), name
        assert f'id="likelihood.{name}"' in _text(page), name
    posterior = _text(site / "generated" / "likelihood.Posterior.html")
    for method in ["sensitivity", "attribution", "flips", "value_of_information", "ach"]:
        assert f'id="likelihood.Posterior.{method}"' in posterior


def test_cross_references_reach_the_ecosystem(site: Path) -> None:
    html = "".join(_text(p) for p in site.rglob("*.html"))
    for root in [
        "https://numpy.org/doc/stable/",
        "https://docs.scipy.org/doc/scipy/",
        "https://docs.xarray.dev/en/stable/",
        "https://python.arviz.org/en/stable/",
        "https://www.pymc.io/projects/docs/en/stable/",
    ]:
        assert f'href="{root}' in html, root
