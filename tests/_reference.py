"""Read the published figures in ``../shared/reference/`` as an independent oracle.

Nothing here imports likelihood: the tables are parsed from ``scales.md`` (the
project's record of each publication) and the survey CSV, so a test that
compares the package's data files with them checks the transcription.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"


def reference_dir() -> Path:
    """The reference folder; fail in CI when it is missing, skip elsewhere."""
    if (REFERENCE / "scales.md").is_file():
        return REFERENCE
    message = f"the published-figure oracle {REFERENCE} is missing"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message + " (it sits beside the repository in CI)")


@dataclass(frozen=True)
class Row:
    """One published term: its words and its range in the published unit."""

    words: tuple[str, ...]  # the term and its synonyms, lower case
    lower: float
    upper: float
    lower_open: bool = False
    upper_open: bool = False
    approximate: bool = False


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    rest = text[start + len(heading) :]
    end = re.search(r"\n#{2,3} \d", rest)
    return rest[: end.start()] if end else rest


def _tables(text: str) -> list[list[dict[str, str]]]:
    tables: list[list[dict[str, str]]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and set(lines[i + 1]) <= set("|-: "):
            header = [c.strip() for c in lines[i].strip("|").split("|")]
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip("|").split("|")]
                rows.append(dict(zip(header, cells, strict=False)))
                i += 1
            tables.append(rows)
        else:
            i += 1
    return tables


def _scales_md() -> str:
    return (reference_dir() / "scales.md").read_text(encoding="utf-8")


def _numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


def _words(cell: str) -> tuple[str, ...]:
    """Split a published term cell into the term and its spelled-out variants."""
    cell = cell.replace("*", "").lower()
    cell = re.sub(r"\(listed as one term.*?\)", "", cell).strip()
    words: list[str] = []
    for part in re.split(r"\s+or\s+", cell) if " or " in cell else [cell]:
        part = part.strip()
        paren = re.fullmatch(r"(.*?)\s*\((.*?)\)", part)
        if paren and paren.group(2) == "ly":  # "almost certain(ly)"
            words += [paren.group(1), paren.group(1) + "ly"]
        elif paren:  # "improbable (improbably)"
            words += [paren.group(1).strip(), paren.group(2).strip()]
        elif part.endswith("(ly)"):
            base = part[: -len("(ly)")]
            words += [base, base + "ly"]
        else:
            words.append(part)
    return tuple(w for w in words if w)


def _range(cell: str) -> tuple[float, float, bool, bool, bool]:
    """Parse '01–05 %', '>0 % – ≈5 %', '≈40 % – <50 %', '>50–100 % (strictly above 50)'."""
    lo_text, hi_text = re.split(r"\s*–\s*", cell, maxsplit=1)
    lo, hi = _numbers(lo_text)[0], _numbers(hi_text)[0]
    return lo, hi, lo_text.strip().startswith(">"), hi_text.strip().startswith("<"), "≈" in cell


def icd203() -> list[Row]:
    """§1: two rows of terms per band, contiguous 1-99 %."""
    table = _tables(_section(_scales_md(), "## 1. US ICD 203"))[0]
    rows = []
    for r in table:
        lo, hi, *_ = _range(r["published range"])
        rows.append(
            Row(
                _words(r["likelihood term (row 1)"]) + _words(r["probability term (row 2)"]), lo, hi
            )
        )
    return rows


def phia() -> list[Row]:
    """§2a: seven approximate ranges with gaps and three strict ends."""
    table = _tables(_section(_scales_md(), "### 2a. Current yardstick"))[0]
    rows = []
    for r in table:
        lo, hi, lo_open, hi_open, approx = _range(r["published range (as transcribed)"])
        rows.append(Row(_words(r["term"]), lo, hi, lo_open, hi_open, approx))
    return rows


def ipcc() -> list[Row]:
    """§4: seven core terms and three additional ones, nested."""
    tables = _tables(_section(_scales_md(), "## 4. IPCC"))
    rows = []
    for r in tables[0]:
        lo, hi, lo_open, hi_open, _ = _range(r["likelihood of the outcome"])
        rows.append(Row(_words(r["term"]), lo, hi, lo_open, hi_open))
    for r in tables[1]:
        lo, hi, lo_open, hi_open, _ = _range(r["range"])
        rows.append(Row(_words(r["term"]), lo, hi, lo_open, hi_open))
    return rows


def kent() -> list[tuple[str, float, float | None]]:
    """§5: (term, centre, spread) with spread None for the two points."""
    table = _tables(_section(_scales_md(), "## 5. Sherman Kent"))[0]
    out = []
    for r in table:
        centre = _numbers(r["centre"])[0]
        spread = _numbers(r['spread ("give or take about")'])
        out.append((r["term"].lower(), centre, spread[0] if spread else None))
    return out


def efsa() -> list[Row]:
    """§6: nine partitioning ranges plus the two options printed beside them."""
    text = _section(_scales_md(), "## 6. EFSA")
    rows = []
    for r in _tables(text)[0]:
        lo, hi, *_ = _range(r["subjective probability range"])
        rows.append(Row(_words(r["probability term"]), lo, hi))
    more = re.search(r'"More likely than not: >(\d+) %"', text)
    unable = re.search(r'"Unable to give any probability: range is (\d+)–(\d+) %', text)
    assert more and unable, "EFSA's additional options not found in the reference"
    rows.append(Row(("more likely than not",), float(more.group(1)), 100.0, lower_open=True))
    rows.append(
        Row(("unable to give any probability",), float(unable.group(1)), float(unable.group(2)))
    )
    return rows


def enfsi() -> list[tuple[str, float, float]]:
    """§7: (verbal equivalent, lower LR edge, upper LR edge) for the six support levels."""
    table = _tables(_section(_scales_md(), "## 7. ENFSI"))[0]
    out = []
    for r in table:
        words = r["verbal equivalent"].lower()
        band = r["LR band (as transcribed)"]
        if words.startswith("findings do not support"):
            continue
        name = re.sub(r"\s*\(or limited\)", "", words)
        if band.startswith("up to"):
            upper = _numbers(band)[0]
            lower = 1.0 if "printed as 1" in band else float("nan")
        elif band.startswith(">"):
            lower, upper = _numbers(band)[0], float("inf")
        else:
            lower, upper = _numbers(band)[:2]
        out.append((name, lower, upper))
    return out


def admiralty() -> list[tuple[str, str, str]]:
    """§8: (code, label, axis) for the reliability and credibility grades."""
    tables = _tables(_section(_scales_md(), "## 8. NATO / Admiralty"))
    out = [(r["code"], r["label"].lower(), "reliability") for r in tables[0]]
    out += [(r["code"], r["label"].lower(), "credibility") for r in tables[1]]
    return out


def survey_csv() -> Path:
    """The unchanged perceptions CSV (§10)."""
    return reference_dir() / "perceptions_probly.csv"


def survey_answers() -> tuple[list[str], np.ndarray]:
    """Header and answers (percent) of the perceptions survey."""
    with survey_csv().open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], np.array([[float(x) for x in row] for row in rows[1:]])


def survey_flagged() -> tuple[set[int], set[tuple[int, str]]]:
    """Rows and cells the §10 data-quality notes flag (1-based data rows)."""
    text = _section(_scales_md(), "## 10. Survey data")
    notes = text[text.index("Data-quality notes") :]
    rows: set[int] = set()
    duplicate = re.search(r"Data rows (\d+) and (\d+) are identical", notes)
    reversed_row = re.search(r"Data row (\d+) answers the negative phrases in reverse", notes)
    assert duplicate and reversed_row
    rows.add(int(duplicate.group(2)))  # the second of two identical submissions
    rows.add(int(reversed_row.group(1)))
    cells: set[tuple[int, str]] = set()
    for m in re.finditer(r"data row (\d+) has ((?:\"[^\"]+\" \d+(?: and )?)+)", notes):
        for phrase in re.findall(r"\"([^\"]+)\" \d+", m.group(2)):
            cells.add((int(m.group(1)), phrase))
    return rows, cells


def survey_summary() -> dict[str, tuple[float, float, float]]:
    """§10 summary: phrase -> (median, p5, p95) over all 46 rows, in percent."""
    text = _section(_scales_md(), "## 10. Survey data")
    table = [t for t in _tables(text) if t and "median" in t[0]][0]
    return {
        r["phrase (CSV column, in file order)"]: (
            float(r["median"]),
            float(r["p5"]),
            float(r["p95"]),
        )
        for r in table
    }
