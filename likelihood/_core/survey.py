"""Scales fitted to survey data: what respondents read into each phrase.

A survey scale's data file has one column per phrase and one row per respondent,
each cell the probability (in percent) that the respondent gave the phrase. For
each phrase:

* the answers kept are all but the rows and cells the scale's data file excludes
  (with the reason given in its notes);
* every answer is read as the interval it was rounded to (``resolution``, in
  the survey's ``unit``, one percentage point by default: an answer of 70
  stands for 69.5-70.5 %), and the Beta is fitted by maximum likelihood to these intervals
  (:func:`likelihood._fit.censored_beta`);
* the term's range is the middle 90 % of the answers kept (5th and 95th
  percentiles, linear interpolation).
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
from collections.abc import Mapping, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import numpy as np

from likelihood._core.fit import censored_beta
from likelihood._exceptions import ScaleDefinitionError

__all__ = ["fit_survey", "read_survey", "survey_counts"]

_RANGE_PERCENTILES = (5.0, 95.0)


def read_survey(
    survey: Mapping[str, Any], *, source: str, base: Path | Traversable | None
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Read a survey table; return its columns, the answers and a mask of those kept.

    The answers are an array ``(respondents, phrases)`` in the survey's unit;
    the mask is ``True`` where an answer enters the fit.
    """
    name = survey.get("file")
    if not isinstance(name, str):
        raise ScaleDefinitionError(f"{source}: [survey] needs 'file', the path of the data")
    target: Path | Traversable = Path(name)
    if not Path(name).is_absolute():
        if base is None:
            raise ScaleDefinitionError(
                f"{source}: [survey] file {name!r} is relative and the scale has no folder"
            )
        target = base.joinpath(*Path(name).parts)
    try:
        raw = target.read_bytes()
    except OSError as error:
        raise ScaleDefinitionError(f"{source}: cannot read survey file {name!r}: {error}") from None
    expected = survey.get("sha256")
    if expected is not None and hashlib.sha256(raw).hexdigest() != expected:
        raise ScaleDefinitionError(
            f"{source}: survey file {name!r} does not match its recorded sha256 {expected}"
        )
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    if len(rows) < 2:
        raise ScaleDefinitionError(f"{source}: survey file {name!r} has no answers")
    header = [h.strip() for h in rows[0]]
    try:
        answers = np.array([[float(x) for x in row] for row in rows[1:]], dtype=np.float64)
    except ValueError as error:
        raise ScaleDefinitionError(f"{source}: survey file {name!r}: {error}") from None
    if answers.shape[1] != len(header):
        raise ScaleDefinitionError(f"{source}: survey file {name!r} has ragged rows")

    keep = np.isfinite(answers)
    for row in survey.get("exclude_rows", ()):
        if not (isinstance(row, int) and 1 <= row <= len(answers)):
            raise ScaleDefinitionError(f"{source}: exclude_rows holds {row!r}, not a data row")
        keep[row - 1, :] = False
    for cell in survey.get("exclude_cells", ()):
        row, column = cell.get("row"), cell.get("column")
        if not (isinstance(row, int) and 1 <= row <= len(answers)) or column not in header:
            raise ScaleDefinitionError(f"{source}: exclude_cells holds {cell!r}, not a data cell")
        keep[row - 1, header.index(column)] = False
    return header, answers, keep


def survey_counts(
    survey: Mapping[str, Any], *, source: str, base: Path | Traversable | None
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return the survey's answers as counts: its phrases, the values, and ``(values, phrases)``.

    A survey of ``form = "counts"`` is stored that way (a first column of the
    values, then per phrase how many answers gave each); a survey of answers
    (one row per respondent) is counted here, leaving out what it excludes. The
    values are in the survey's unit.
    """
    if survey.get("form", "answers") == "counts":
        header, table, keep = read_survey(survey, source=source, base=base)
        if not np.all(keep) or np.any(table < 0) or np.any(table[:, 1:] != np.round(table[:, 1:])):
            raise ScaleDefinitionError(
                f"{source}: a survey of counts holds whole numbers >= 0 in every cell"
            )
        return header[1:], table[:, 0], table[:, 1:]
    header, answers, keep = read_survey(survey, source=source, base=base)
    values = np.unique(answers[keep])
    counts = np.zeros((len(values), len(header)))
    for j in range(len(header)):
        kept = answers[keep[:, j], j]
        counts[:, j] = np.array([np.count_nonzero(kept == v) for v in values], dtype=np.float64)
    return header, values, counts


def fit_survey(
    survey: Mapping[str, Any],
    columns: Sequence[Any],
    *,
    source: str,
    base: Path | Traversable | None,
) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
    """Fit every requested column; return ``{column: ((lower, upper), (a, b))}``.

    Ranges and answers are returned as probabilities.
    """
    form = survey.get("form", "answers")
    if form not in ("answers", "counts"):
        raise ScaleDefinitionError(
            f"{source}: [survey] 'form' must be 'answers' (a row per respondent) or 'counts' "
            f"(a row per value); got {form!r}"
        )
    if form == "counts":
        header, answers, counts = survey_counts(survey, source=source, base=base)
        keep = None
    else:
        header, answers, keep = read_survey(survey, source=source, base=base)
    unit_name = survey.get("unit", "percent")
    if unit_name not in ("percent", "probability"):
        raise ScaleDefinitionError(
            f"{source}: [survey] 'unit' must be 'percent' or 'probability'; got {unit_name!r}"
        )
    unit = 100.0 if unit_name == "percent" else 1.0
    resolution = survey.get("resolution", 1.0)
    if not (isinstance(resolution, int | float) and 0 < resolution and math.isfinite(resolution)):
        raise ScaleDefinitionError(f"{source}: 'resolution' must be a positive number")
    result: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}
    for column in columns:
        if column is None:
            continue
        if column not in header:
            raise ScaleDefinitionError(
                f"{source}: column {column!r} is not in the survey file (columns: {header})"
            )
        j = header.index(column)
        if keep is None:  # counts: each value stands for as many answers as it counts
            values, weights = answers, counts[:, j]
            every = np.repeat(values, weights.astype(np.int64))
        else:
            values = every = answers[keep[:, j], j]
            weights = np.ones(len(values))
        lo = np.clip(values - resolution / 2, 0.0, unit) / unit
        hi = np.clip(values + resolution / 2, 0.0, unit) / unit
        p_lo, p_hi = np.percentile(every, _RANGE_PERCENTILES) / unit
        result[column] = ((float(p_lo), float(p_hi)), censored_beta(lo, hi, weights))
    return result
