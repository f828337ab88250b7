"""Words for numbers, against the published ranges and the documented rules."""

from __future__ import annotations

import math
from pathlib import Path

import _reference as ref
import numpy as np
import pytest
from scipy import stats

import likelihood as lk

GRID = [k / 1000 for k in range(1001)]


def _contains(row: ref.Row, p: float) -> bool:
    lo, hi = row.lower / 100, row.upper / 100
    above = p > lo if row.lower_open else p >= lo
    below = p < hi if row.upper_open else p <= hi
    return above and below


def _documented_rule(rows: list[ref.Row], p: float) -> str:
    """The rule of docs/scales.md, applied to the reference's own ranges."""
    holding = [(i, r) for i, r in enumerate(rows) if _contains(r, p)]
    if holding:
        _, best = min(
            holding,
            key=lambda ir: (
                round((ir[1].upper - ir[1].lower) / 100, 12),
                round(abs((ir[1].lower + ir[1].upper) / 200 - 0.5), 12),
                ir[0],
            ),
        )
        return best.words[0]
    below = [r for r in rows if r.upper / 100 <= p]
    above = [r for r in rows if r.lower / 100 >= p]
    left = max(below, key=lambda r: (r.upper, -(r.upper - r.lower)), default=None)
    right = min(above, key=lambda r: (r.lower, r.upper - r.lower), default=None)
    if left and right:
        return f"between {left.words[0]} and {right.words[0]}"
    if right:
        return f"below {right.words[0]}"
    assert left
    return f"above {left.words[0]}"


def _kent_rows() -> list[ref.Row]:
    rows = []
    for word, centre, spread in ref.kent():
        s = spread or 0.0
        rows.append(ref.Row((word,), centre - s, centre + s))
    return rows


def _efsa_rows() -> list[ref.Row]:
    # "unable to give any probability" is a "cannot be judged" option: it describes no number
    return [r for r in ref.efsa() if r.words[0] != "unable to give any probability"]


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("icd203", ref.icd203),
        ("phia", ref.phia),
        ("ipcc", ref.ipcc),
        ("kent", _kent_rows),
        ("efsa", _efsa_rows),
    ],
)
def test_describe_agrees_with_published_ranges_on_a_fine_grid(
    reference: Path, name: str, rows: object
) -> None:
    published = rows()  # type: ignore[operator]
    sc = lk.scale(name)
    for p in GRID:
        words = lk.describe(p, scale=name)
        assert words == _documented_rule(published, p), (name, p)
        if words.relation == "within":
            assert sc[str(words)].contains(p)


def test_describe_enfsi_bands(reference: Path) -> None:
    bands = ref.enfsi()
    for lr in [*np.logspace(-7, 7, 1401), *[b[1] for b in bands[1:]], *[b[2] for b in bands[:-1]]]:
        lr = float(lr)
        words = lk.describe(lr, scale="enfsi")
        if math.isclose(lr, 1.0, rel_tol=0, abs_tol=0):
            assert words == "no support for either proposition"
            continue
        x = lr if lr > 1 else 1 / lr
        # a band owns its lower edge; the weak band starts strictly above 1
        expected = next(
            name for name, lo, hi in bands if (lo < x if lo == 1 else lo <= x) and x < hi
        )
        assert words == (expected if lr > 1 else f"{expected} for the alternative proposition"), lr
    assert lk.describe(1.0, scale="enfsi").relation == "neutral"


@pytest.mark.parametrize(
    ("p", "name", "expected"),
    [
        (0.12, "phia", "highly unlikely"),
        (0.0, "phia", "below remote chance"),  # remote chance excludes 0 %
        (0.5, "phia", "between realistic possibility and likely"),  # <50 % and no even term
        (0.07, "phia", "between remote chance and highly unlikely"),
        (1.0, "phia", "above almost certain"),  # almost certain excludes 100 %
        (0.005, "icd203", "below almost no chance"),  # no ICD 203 term covers 0-1 %
        (0.995, "icd203", "above almost certain"),
        (0.05, "icd203", "almost no chance"),  # shared endpoint: the narrower band (1-5 %)
        (0.55, "icd203", "roughly even chance"),
        (0.80, "icd203", "very likely"),  # 80-95 % is narrower than 55-80 %
        (0.33, "ipcc", "about as likely as not"),  # equal widths: the one nearer 50 %
        (0.66, "ipcc", "about as likely as not"),  # 33 wide against likely's 34
        (0.97, "ipcc", "extremely likely"),  # nested: the most specific
        (0.999, "ipcc", "virtually certain"),
        (0.6, "ipcc", "about as likely as not"),
        (0.01, "kent", "between impossible and almost certainly not"),
        (0.15, "kent", "between almost certainly not and probably not"),
        (0.87, "kent", "almost certain"),
        (1.0, "kent", "certain"),
        (0.0, "kent", "impossible"),
        (0.5, "efsa", "about as likely as not"),
    ],
)
def test_documented_cases(p: float, name: str, expected: str) -> None:
    assert lk.describe(p, scale=name) == expected


def test_description_is_a_string_with_its_reasons() -> None:
    d = lk.describe(0.5, scale="phia")
    assert isinstance(d, str) and d.upper() == "BETWEEN REALISTIC POSSIBILITY AND LIKELY"
    assert d.relation == "between" and d.terms == ("realistic possibility", "likely")
    assert d.value == 0.5 and d.scale == "phia" and d.mass is None
    assert f"{d}" == str(d) == "between realistic possibility and likely"


def test_describe_judgment_reports_its_mass_in_the_term() -> None:
    j = lk.judge((0.5, 0.7))
    d = lk.describe(j, scale="phia")
    assert d == lk.describe(j.mean(), scale="phia") == "likely"
    lo, hi = lk.scale("phia")["likely"].range
    assert d.mass == pytest.approx(
        stats.beta(*j.beta).cdf(hi) - stats.beta(*j.beta).cdf(lo), abs=1e-12
    )


def test_describe_judgment_in_a_gap_reports_the_gap_mass() -> None:
    j = lk.judge((0.45, 0.6))
    d = lk.describe(j, scale="phia")
    assert d.relation == "between" and d.terms == ("realistic possibility", "likely")
    twin = stats.beta(*j.beta)
    assert d.mass == pytest.approx(twin.cdf(0.55) - twin.cdf(0.5), abs=1e-12)


def test_describe_point_judgment_has_all_its_mass_in_the_term() -> None:
    d = lk.describe(lk.judge(0.65), scale="icd203")
    assert d == "likely" and d.mass == 1.0


def test_judgment_describe_defaults_to_its_own_scale() -> None:
    assert lk.judge("unlikely", scale="icd203").describe() == "unlikely"
    assert lk.judge("unlikely", scale="icd203").describe("phia") == "unlikely"
    assert lk.judge(0.03).describe() == "remote chance"


def test_scale_describe_equals_function() -> None:
    sc = lk.scale("ipcc")
    for p in (0.0, 0.2, 0.5, 0.8, 1.0):
        assert sc.describe(p) == lk.describe(p, scale="ipcc")
