"""Built-in scales against the published tables; user-defined scales; the views."""

from __future__ import annotations

import hashlib
import math
import textwrap
from pathlib import Path

import _reference as ref
import numpy as np
import pytest

import likelihood as lk

# The scales the library promises, by name.
REQUIRED = {
    "icd203",
    "phia",
    "ipcc",
    "kent",
    "efsa",
    "perceptions",
    "capphrase",
    "enfsi",
    "admiralty",
}


def test_scales_lists_every_builtin() -> None:
    assert set(lk.scales()) == REQUIRED
    assert lk.scales() == sorted(lk.scales())


def test_nato_probability_terms_are_withheld_with_the_reason() -> None:
    with pytest.raises(lk.UnknownScaleError, match="could not be verified") as info:
        lk.scale("nato")
    assert "admiralty" in str(info.value)


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_scale_has_a_citation_and_provenance(name: str) -> None:
    sc = lk.scale(name)
    # the reference folder's record: a section of scales.md, or a dataset's own README
    assert sc.citation and sc.title
    assert sc.reference.startswith("shared/reference/scales.md §") or (
        sc.reference == f"shared/reference/{name}/README.md"
    )
    assert sc.status and sc.verified_from


def _words(term: lk.Term) -> set[str]:
    return {term.name, *term.aliases}


def _check_rows(name: str, rows: list[ref.Row]) -> None:
    sc = lk.scale(name)
    assert len(sc) == len(rows), f"{name}: {len(sc)} terms, the reference has {len(rows)}"
    for row in rows:
        term = sc[row.words[0]]
        assert set(row.words) <= _words(term), (row.words, _words(term))
        assert term.range == (row.lower / 100, row.upper / 100), term.name
        assert (term.lower_open, term.upper_open) == (row.lower_open, row.upper_open), term.name
        assert term.approximate == row.approximate, term.name


def test_icd203_against_reference(reference: Path) -> None:
    _check_rows("icd203", ref.icd203())


def test_phia_against_reference(reference: Path) -> None:
    rows = ref.phia()
    _check_rows("phia", rows)
    # the deliberate gaps stay gaps: no term holds 7.5, 22.5, 37.5, 52.5, 77.5 or 92.5 %
    sc = lk.scale("phia")
    for left, right in zip(rows, rows[1:], strict=False):
        middle = (left.upper + right.lower) / 200
        assert not any(t.contains(middle) for t in sc), middle


def test_ipcc_against_reference(reference: Path) -> None:
    rows = ref.ipcc()
    _check_rows("ipcc", rows)
    extras = {t.name for t in lk.scale("ipcc") if t.extra}
    assert extras == {r.words[0] for r in rows[7:]}


def test_kent_against_reference(reference: Path) -> None:
    sc = lk.scale("kent")
    published = ref.kent()
    assert len(sc) == len(published)
    for word, centre, spread in published:
        term = sc[word]
        if spread is None:
            assert term.is_point and term.lower == centre / 100
        else:
            assert term.centre == centre / 100 and term.spread == spread / 100
            assert term.range == pytest.approx(((centre - spread) / 100, (centre + spread) / 100))


def test_efsa_against_reference(reference: Path) -> None:
    rows = ref.efsa()
    _check_rows("efsa", rows)
    assert lk.scale("efsa")["unable to give any probability"].uncertain


def test_enfsi_against_reference(reference: Path) -> None:
    sc = lk.scale("enfsi")
    published = ref.enfsi()
    assert len(sc) == len(published)
    for word, lower, upper in published:
        term = sc[word]
        assert term.range == (lower, upper), word
    # documented edge rule: a band owns its lower edge (10 <= LR < 100 is moderate support);
    # LR = 1 belongs to no band (it supports neither proposition)
    for word, lower, upper in published:
        assert sc[word].contains(lower) == (lower != 1.0), word
        assert not sc[word].contains(upper), word


def test_admiralty_against_reference(reference: Path) -> None:
    sc = lk.scale("admiralty")
    published = ref.admiralty()
    assert len(sc) == len(published)
    for code, label, axis in published:
        term = sc[code]
        assert (term.name, term.axis, term.code) == (label, axis, code)
        assert sc[label] is term
        assert term.uncertain == ("cannot be judged" in label)


def test_perceptions_ships_the_reference_data_unchanged(reference: Path) -> None:
    data = Path(lk.__file__).parent / "data" / "scales" / "perceptions"
    shipped = (data / "probly.csv").read_bytes()
    assert (
        hashlib.sha256(shipped).digest() == hashlib.sha256(ref.survey_csv().read_bytes()).digest()
    )
    licence = (data / "LICENSE").read_text()
    assert licence == (reference / "perceptions_LICENSE.txt").read_text()
    assert "Copyright (c) 2016 Zoni Nation" in licence


def test_perceptions_ranges_are_the_middle_90_percent_of_the_answers(reference: Path) -> None:
    header, answers = ref.survey_answers()
    rows, cells = ref.survey_flagged()
    sc = lk.scale("perceptions")
    assert len(sc) == len(header)
    for j, column in enumerate(header):
        kept = [
            answers[i, j]
            for i in range(len(answers))
            if i + 1 not in rows and (i + 1, column) not in cells
        ]
        p5, p95 = np.percentile(kept, [5, 95]) / 100
        term = sc[column]
        assert term.range == pytest.approx((p5, p95), abs=1e-12), column


def test_perceptions_medians_match_the_published_summary(reference: Path) -> None:
    # The published summary is over all 46 rows; the fitted Beta's median must sit
    # within a few points of it (a summary, not a transcription).
    for column, (median, _, _) in ref.survey_summary().items():
        j = lk.judge(column, scale="perceptions")
        assert abs(j.median() - median / 100) < 0.06, column


# -- names, look-up, views --------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["icd203", "ICD 203", "icd-203", "Icd_203", " ICD.203 "])
def test_scale_names_ignore_case_and_punctuation(spelling: str) -> None:
    assert lk.scale(spelling) is lk.scale("icd203")


def test_scale_passes_a_scale_through() -> None:
    sc = lk.scale("kent")
    assert lk.scale(sc) is sc


@pytest.mark.parametrize("spelling", ["Highly Unlikely", "highly-unlikely", "  highly   unlikely "])
def test_term_lookup_is_tolerant(spelling: str) -> None:
    assert lk.scale("phia")[spelling].name == "highly unlikely"


def test_aliases_reach_the_published_term() -> None:
    icd = lk.scale("icd203")
    assert icd["highly improbable"] is icd["very unlikely"]
    assert icd["almost certainly"] is icd["almost certain"]
    assert lk.scale("phia")["probable"].name == "likely"
    assert "remote" in icd and "remote" not in lk.scale("phia")


def test_table_views_list_every_term() -> None:
    for name in lk.scales():
        sc = lk.scale(name)
        text = sc.table()
        md = sc.table("markdown")
        html = sc.table("html")
        for term in sc:
            assert term.name in text and term.name in md and term.name in html
        assert text.splitlines()[0].startswith(name)
        assert md.count("\n") == len(sc) + 1
        assert html.count("<tr>") == len(sc) + 1
        assert sc.citation in str(sc)
        assert sc._repr_html_() == html


def test_table_prints_published_shapes() -> None:
    text = lk.scale("phia").table()
    assert ">0–≈5 %" in text and "≈40–<50 %" in text and "≈95–<100 %" in text
    kent = lk.scale("kent").table()
    assert "75 ± 12 % (63–87 %)" in kent and "point mass at 1" in kent
    assert "10 ≤ LR < 100" in lk.scale("enfsi").table()
    assert "LR ≥ 1,000,000" in lk.scale("enfsi").table()


def test_repr_names_the_scale_and_its_terms() -> None:
    text = repr(lk.scale("phia"))
    assert text.startswith("Scale('phia', 7 probability terms: remote chance")


def test_html_table_escapes_user_text() -> None:
    sc = lk.Scale.from_mapping(
        "x<y", {"<b>bold</b>": (0.1, 0.2)}, citation="<script>alert(1)</script>"
    )
    html = sc.table("html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>bold" not in html


# -- user-defined scales ------------------------------------------------------------------


def test_from_mapping_shapes() -> None:
    sc = lk.Scale.from_mapping(
        "desk",
        {
            "never": 0.0,
            "doubtful": (10, 30),
            "coin flip": {"range": [45, 55], "aliases": ["toss-up"], "approximate": True},
            "surely": {"range": [90, 100], "open": "upper"},
        },
        unit="percent",
        citation="Desk style guide (2026)",
    )
    assert sc["never"].is_point and sc["never"].range == (0.0, 0.0)
    assert sc["doubtful"].range == (0.1, 0.3)
    assert sc["toss-up"] is sc["coin flip"] and sc["coin flip"].approximate
    assert sc["surely"].upper_open and not sc["surely"].contains(1.0)
    assert sc.citation == "Desk style guide (2026)" and sc.status == "user-defined"


def test_from_toml_round_trips_through_to_dict(tmp_path: Path) -> None:
    path = tmp_path / "house.toml"
    path.write_text(
        textwrap.dedent(
            """
            name = "house"
            title = "House words"
            unit = "percent"
            citation = "House style (2026)"
            notes = ["Our own words."]

            [[term]]
            name = "long shot"
            range = [5, 15]
            aliases = ["outside chance"]

            [[term]]
            name = "even"
            centre = 50
            spread = 5

            [[term]]
            name = "near certain"
            range = [90, 100]
            open = "upper"
            approximate = true
            """
        )
    )
    sc = lk.Scale.from_toml(path)
    assert sc["outside chance"].range == (0.05, 0.15)
    assert sc["even"].range == pytest.approx((0.45, 0.55))
    again = lk.Scale.from_mapping(
        "house", {t["name"]: t for t in sc.to_dict()["term"]}, title="House words"
    )
    for a, b in zip(sc, again, strict=True):
        assert (a.name, a.range, a.aliases, a.lower_open, a.upper_open, a.approximate) == (
            b.name,
            b.range,
            b.aliases,
            b.lower_open,
            b.upper_open,
            b.approximate,
        )


def test_builtin_data_files_load_through_the_public_toml_reader() -> None:
    folder = Path(lk.__file__).parent / "data" / "scales"
    for name in lk.scales():
        sc = lk.Scale.from_toml(folder / f"{name}.toml")
        assert sc.names == lk.scale(name).names
        assert [t.range for t in sc] == [t.range for t in lk.scale(name)]


def test_user_survey_scale_from_toml(tmp_path: Path) -> None:
    (tmp_path / "answers.csv").write_text("Maybe,Surely\n40,90\n50,95\n60,99\n45,93\n55,97\n")
    (tmp_path / "mine.toml").write_text(
        textwrap.dedent(
            """
            name = "mine"
            title = "Five colleagues"
            unit = "percent"
            [survey]
            file = "answers.csv"
            [[term]]
            name = "maybe"
            column = "Maybe"
            [[term]]
            name = "surely"
            column = "Surely"
            """
        )
    )
    sc = lk.Scale.from_toml(tmp_path / "mine.toml")
    assert sc.describe_rule == "reading"
    maybe = lk.judge("maybe", scale=sc)
    assert maybe.kind == "beta" and abs(maybe.mean() - 0.5) < 0.02
    assert sc.describe(0.96) == "surely"
    assert math.isclose(sc["maybe"].range[0], np.percentile([40, 50, 60, 45, 55], 5) / 100)
