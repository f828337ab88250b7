"""The HTML report: content, escaping, and the page as headless Chromium renders it."""

from __future__ import annotations

import base64
import os
import shutil
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
        self.links: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img":
            self.images.append(values.get("src") or "")
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
    assert page.scripts == 0 and page.links == []
    assert len(page.images) >= 1 + len(HYPOTHESES) * 2
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"


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
                "img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])"
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
    assert images and all(
        complete and width > 0 and height > 0 for complete, width, height in images
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
    # beliefs, contributions and a tornado chart per hypothesis, the network, the scale
    assert len(page.images) >= 2 + len(HYPOTHESES) * 3


def test_report_ranks_what_to_collect(tmp_path: Path) -> None:
    m = lk.Model(title="collect")
    m.hypothesis("h", prior=0.5)
    m.evidence("e", given={"h": 0.8, "~h": 0.2}, observed=True)
    m.evidence("weak", given={"h": 0.6, "~h": 0.5}, text="a weak sign")
    m.evidence("strong", given={"h": 0.9, "~h": 0.1}, text="a strong sign")
    page = _parse(m.infer().report(tmp_path / "c.html"))
    text = " ".join(page.text)
    assert text.index("a strong sign") < text.index("a weak sign")
