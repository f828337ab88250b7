"""The HTML report: content, escaping, and the page as headless Chromium renders it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _oracle import flagship

import likelihood as lk

HYPOTHESES = ["talks", "negotiations", "secret_negotiations"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[lk.Posterior, Path]:
    post = flagship().infer(draws=3000, seed=1)
    path = post.report(tmp_path_factory.mktemp("report") / "negotiations.html")
    return post, path


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.images: list[str] = []
        self.figures = 0
        self.links: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img":
            self.images.append(values.get("src") or "")
        if tag == "svg":
            self.figures += 1
        if tag in ("link", "a") and (values.get("href") or ""):
            self.links.append(values["href"] or "")
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_report_holds_the_answer_the_figures_and_the_inputs(report) -> None:
    post, path = report
    page = _parse(path)
    text = " ".join(page.text)
    assert post.model.title in text
    for name in HYPOTHESES:
        assert name in text and str(post.describe(name)) in text
        assert f"{post.probability(name):.3f}" in text
        lo, hi = post.interval(name)
        assert f"[{lo:.3f}, {hi:.3f}]" in text
    for parameter in post.model.parameters():  # every input with its word and source
        assert parameter.label in text and parameter.written in text
    assert lk.scale("phia").citation in text
    assert page.scripts == 0 and page.links == [] and page.images == []
    assert page.figures >= 3
    for svg in _svgs(path):  # each figure a well-formed SVG, sized for the page
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.get("aria-label")
        assert float(root.get("width") or 0) <= 1000 and float(root.get("height") or 0) > 50


def _svgs(path: Path) -> list[str]:
    return re.findall(r"<svg .*?</svg>", path.read_text(encoding="utf-8"), flags=re.S)


def test_the_report_draws_without_matplotlib(tmp_path: Path) -> None:
    """The figures are written as SVG: writing the report never imports matplotlib."""
    root = Path(__file__).resolve().parents[1]
    code = (
        "import sys, likelihood as lk\n"
        f"post = lk.load({str(root / 'benchmarks' / 'actor.toml')!r}).infer(draws=500, seed=1)\n"
        f"post.report({str(tmp_path / 'r.html')!r})\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)
    # the network, the beliefs, the contributions, the trajectory, a tornado, the scale
    assert (tmp_path / "r.html").read_text(encoding="utf-8").count("<svg ") == 6


def test_user_text_is_escaped(tmp_path: Path) -> None:
    m = lk.Model(title="<script>alert(1)</script>")
    m.hypothesis("h", prior="likely", text="<b>bold</b> & <i>claims</i>")
    path = m.infer(draws=500, seed=1).report(tmp_path / "x.html")
    html = path.read_text()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html
    page = _parse(path)
    assert "<script>alert(1)</script>" in " ".join(page.text)  # shown as text


def test_cli_writes_the_report(tmp_path: Path) -> None:
    from likelihood._view.cli import main

    target = tmp_path / "out.html"
    root = Path(__file__).resolve().parents[1]
    code = main(
        [
            "run",
            str(root / "examples" / "negotiations.toml"),
            "--draws",
            "1000",
            "--seed",
            "1",
            "--report",
            str(target),
        ]
    )
    assert code == 0 and target.read_text().startswith("<!DOCTYPE html>")


# -- the page in a browser ------------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    reason = "no Chromium (tools/ensure-chromium installs Debian's package where it can)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _render(path: Path):  # noqa: ANN202
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=flags)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(path.as_uri(), wait_until="load")
            title = page.title()
            heading = page.inner_text("h1")
            body = page.inner_text("body")
            images = page.eval_on_selector_all(
                "figure svg",
                "els => els.map(e => { const r = e.getBoundingClientRect();"
                " return [r.right <= document.documentElement.clientWidth, r.width, r.height]; })",
            )
            scripts_ran = page.evaluate("() => window.__likelihood_probe === undefined")
        finally:
            browser.close()
    return title, heading, body, images, requests, scripts_ran


def test_report_in_headless_chromium(report) -> None:
    post, path = report
    title, heading, body, images, requests, _ = _render(path)
    assert title == heading == post.model.title
    for name in HYPOTHESES:
        assert str(post.describe(name)) in body and f"{post.probability(name):.3f}" in body
    assert images and all(  # every figure drawn, none wider than the page
        inside and width > 0 and height > 0 for inside, width, height in images
    )
    assert requests == [path.as_uri()]  # nothing left the page


def test_script_in_the_title_renders_as_text_in_chromium(tmp_path: Path) -> None:
    m = lk.Model(title="<script>alert(1)</script>")
    m.hypothesis("h", prior="likely")
    path = m.infer(draws=500, seed=1).report(tmp_path / "x.html")
    title, heading, body, _, requests, _ = _render(path)
    assert heading == "<script>alert(1)</script>" == title
    assert requests == [path.as_uri()]


def test_report_says_what_would_change_my_mind_and_what_to_collect(report) -> None:
    post, path = report
    page = _parse(path)
    text = " ".join(page.text)
    assert "What would change my mind" in text and "What to collect next" in text
    for name in HYPOTHESES:
        flips = post.flips(name).info["flips"]
        for row in flips:  # every flip, with its change and new answer
            assert row["change"] in text and f"{row['probability']:.3f}" in text
    # the flagship observes all its evidence: nothing is left to collect
    assert "every evidence and report node is observed" in text
    # the network, the beliefs, the contributions, a trajectory and a tornado chart per
    # hypothesis and the scale (the ACH matrix is a shaded table: no figure repeats it)
    assert page.figures == 4 + 2 * len(HYPOTHESES)


def test_report_ranks_what_to_collect(tmp_path: Path) -> None:
    m = lk.Model(title="collect")
    m.hypothesis("h", prior=0.5)
    m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    m.evidence("weak", given={"h": 0.6, "~h": 0.5}, text="a weak sign")
    m.evidence("strong", given={"h": 0.9, "~h": 0.1}, text="a strong sign")
    page = _parse(m.infer().report(tmp_path / "c.html"))
    text = " ".join(page.text)
    assert text.index("a strong sign") < text.index("a weak sign")


# -- every section, prior beside posterior, numbers, ACH -------------------------------------------


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def actor_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[lk.Posterior, Path]:
    post = lk.load(ROOT / "benchmarks" / "actor.toml").infer(draws=3000, seed=1)
    path = post.report(tmp_path_factory.mktemp("report") / "actor.html")
    return post, path


def _visible(path: Path) -> str:
    """The page's text as a reader sees it: tags, styles and images out, entities read."""
    import html

    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<style>.*?</style>|<img [^>]*>", " ", page, flags=re.S)
    page = re.sub(r"<br>", " ", page)
    page = re.sub(r"</?(span|b|code)[^>]*>", "", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _section(text: str, heading: str, after: str) -> str:
    start = text.index(heading)
    return text[start : text.index(after, start + len(heading))]


def test_report_shows_the_prior_beside_the_posterior(report) -> None:
    post, path = report
    text = _visible(path)
    answer = _section(text, "Answer", "Observations")
    assert "before the evidence" in answer and "after the evidence" in answer
    for name in HYPOTHESES:
        before, after = post.prior.describe(name), post.describe(name)
        assert f"{before} ({before.value:.3f})" in answer
        assert f"{after} ({after.value:.3f})" in answer


def test_report_numbers_have_one_format(report, actor_report) -> None:
    for _, path in (report, actor_report):
        text = _visible(path)
        assert not re.search(r"\d\.?\d*e-\d", text)  # no 8.87e-04
        assert "<0.001" in text  # tiny values say so


def test_report_carries_the_ach_matrix_with_its_note(report) -> None:
    post, path = report
    text = _visible(path)
    section = _section(text, "Competing hypotheses", "What to collect next")
    # nested hypotheses: the joint states are compared, and the note says why
    assert "Note: ACH needs mutually exclusive hypotheses" in section
    assert "talks & ~negotiations & ~secret_negotiations" in section
    assert "inconsistency" in section


def test_the_ach_cells_are_shaded_blue_for_and_red_against(actor_report) -> None:
    post, path = actor_report
    cells = re.findall(
        r'<td class="num" style="background:#(\w{6});color:#(\w+)">(I{1,2}|N|C) \(',
        path.read_text(encoding="utf-8"),
    )
    table = post.ach()
    assert len(cells) == len(table.ratios) * len(table.hypotheses)
    for background, ink, rating in cells:
        red, blue = int(background[:2], 16), int(background[4:], 16)
        if rating == "C":
            assert blue > red
        if rating.startswith("I"):
            assert red > blue
        if rating == "II":  # the strongest evidence against: deep red, white letters
            assert ink == "fff"


def test_report_of_a_hypothesis_with_several_states_fills_every_section(actor_report) -> None:
    post, path = actor_report
    page = _parse(path)
    text = _visible(path)
    states = post.model.nodes["actor"].states
    answer = _section(text, "Answer", "Observations")
    for s in states:
        label = f"actor={s}"
        assert label in answer
        assert str(post.prior.describe(label)) in answer and str(post.describe(label)) in answer
    assert "What moved the answer" in text
    change = _section(text, "What would change my mind", "Competing hypotheses")
    flips = post.flips("actor").info["flips"]
    assert flips and all(s in change for s in {r["state"] for r in flips})
    assert flips[0]["change"] in change and f"{flips[0]['probability']:.3f}" in change
    assert "Which judgments' vagueness makes the band" in change
    ach = _section(text, "Competing hypotheses", "What to collect next")
    assert "Note:" not in ach and all(f"actor={s}" in ach for s in states)
    collect = _section(text, "What to collect next", "Inputs")
    assert "credentials_for_sale" in collect and "partner_intercept" in collect
    # the network, the beliefs, the contributions, the trajectory, one tornado figure, the scale
    assert page.figures == 6


def test_a_report_after_the_text_report_computes_nothing_twice() -> None:
    post = flagship().infer(draws=2000, seed=3)
    post.text_report()
    counts = post.compiled.counts
    before = counts["evaluations"]
    post.text_report()
    assert counts["evaluations"] == before  # flips, value of information, contributions, prior
    from likelihood._view.report import render_report

    render_report(post)
    after_one = counts["evaluations"]
    render_report(post)
    assert counts["evaluations"] == after_one  # sensitivity, attribution, ACH kept as well
    assert counts["triangulations"] <= 1 + 1 + 5 + 8  # one per evidence pattern at most


def test_report_escapes_user_text_in_the_ach_and_the_figures(tmp_path: Path) -> None:
    m = lk.Model(title="$5 <b>deal</b>")
    m.hypothesis("x", states=["a<b", "c>d"], prior={"a<b": 0.5, "c>d": 0.5}, text="<i>x</i>")
    m.evidence("e", given={"x=a<b": 0.9, "x=c>d": 0.2}, observed=True, text="<script>1</script>")
    html = m.infer(draws=500, seed=1).report(tmp_path / "x.html").read_text()
    assert "<script>1</script>" not in html and "<i>x</i>" not in html and "<b>deal" not in html
    assert "x=a&lt;b" in html and "x=c&gt;d" in html


def test_a_tornado_with_no_bars_is_a_sentence(tmp_path: Path) -> None:
    m = lk.Model(title="numbers")
    m.hypothesis("h", prior=0.3)
    m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    path = m.infer().report(tmp_path / "n.html")
    change = _section(_visible(path), "What would change my mind", "Competing hypotheses")
    assert "No judgment's vagueness moves h visibly" in change
    assert "How far each judgment" not in change  # no empty chart
