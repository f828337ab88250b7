"""Verbal scales: their terms, ranges and citations, loaded from data files.

A built-in scale lives in ``likelihood/data/scales/NAME.toml`` with its citation;
nothing here types a published number. User scales use the same schema, from a
TOML file (:meth:`Scale.from_toml`) or a mapping (:meth:`Scale.from_mapping`).
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from likelihood._core.names import normalise_scale_name, normalise_term, suggest
from likelihood._core.validate import is_real_number
from likelihood._exceptions import (
    ScaleDefinitionError,
    UnknownScaleError,
    UnknownTermError,
)

if TYPE_CHECKING:
    import numpy as np

    from likelihood._core.describe import Description
    from likelihood._core.judgment import Judgment

__all__ = [
    "DEFAULT_SCALE",
    "TERM_MASS",
    "Scale",
    "Term",
    "builtin_term_index",
    "plot_scale",
    "scale",
    "scales",
]

#: The scale words are read on when none is named.
DEFAULT_SCALE = "phia"
#: Share of a term's distribution inside its published range (see ``docs/scales.md``).
TERM_MASS = 0.9

Kind = Literal["probability", "likelihood-ratio", "grading"]
_KINDS: tuple[Kind, ...] = ("probability", "likelihood-ratio", "grading")
_UNITS = {"probability": 1.0, "percent": 100.0, "ratio": 1.0}
_DESCRIBE_RULES = ("range", "reading")
#: Where a scale comes from: the keys every scale file may carry besides its terms.
_PROVENANCE = (
    "citation",
    "url",
    "issuer",
    "edition",
    "licence",
    "reference",
    "verified_from",
)


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a scale: its words, its range and where the range came from.

    Ranges are held as probabilities (or likelihood ratios on a
    likelihood-ratio scale), whatever unit the scale was published in.

    Attributes
    ----------
    name : str
        The term as published (lower case).
    lower, upper : float or None
        The range; ``None`` for a grade that has no published number.
    lower_open, upper_open : bool
        Whether an end is strict (``>0 %``, ``<50 %``).
    aliases : tuple of str
        Other words for the same term (ICD 203's second row, PHIA's "probable").
    approximate : bool
        The range is printed as approximate (``≈``, or "give or take about").
    centre, spread : float or None
        Kent's centre and "give or take" spread, when the range is derived from them.
    uncertain : bool
        A "cannot be judged" term: its judgment is the uniform distribution and it
        never describes a number.
    extra : bool
        An additional term printed beside the main table.
    code, axis : str or None
        A grade's code ("A", "6") and its axis ("reliability", "credibility").
    definitions : tuple of (str, str)
        ``(source, text)`` pairs defining a grade.
    note : str or None
        A remark from the publication.
    column : str or None
        For a survey scale, the data column holding the answers for this term.
    beta : tuple of float or None
        For a survey scale, the Beta ``(a, b)`` fitted to the answers.
    unit : float
        The factor to the published unit (100 for a percent scale), used to print
        the range as published.
    """

    name: str
    lower: float | None = None
    upper: float | None = None
    lower_open: bool = False
    upper_open: bool = False
    aliases: tuple[str, ...] = ()
    approximate: bool = False
    centre: float | None = None
    spread: float | None = None
    uncertain: bool = False
    extra: bool = False
    code: str | None = None
    axis: str | None = None
    definitions: tuple[tuple[str, str], ...] = ()
    note: str | None = None
    column: str | None = None
    beta: tuple[float, float] | None = None
    unit: float = field(default=1.0, repr=False)

    @property
    def range(self) -> tuple[float, float] | None:
        """The range ``(lower, upper)``, or ``None`` for a grade without numbers."""
        if self.lower is None or self.upper is None:
            return None
        return (self.lower, self.upper)

    @property
    def is_point(self) -> bool:
        """Whether the term is a single value (Kent's "certain" and "impossible")."""
        return self.lower is not None and self.lower == self.upper

    def contains(self, x: float) -> bool:
        """Return whether *x* lies in the range, strict ends excluded.

        Parameters
        ----------
        x : float
            A probability (a likelihood ratio on a likelihood-ratio scale).

        Returns
        -------
        bool

        Examples
        --------
        >>> import likelihood as lk
        >>> term = lk.scale("phia")["realistic possibility"]    # ≈40 % to <50 %
        >>> term.contains(0.4), term.contains(0.5)
        (True, False)
        """
        if self.lower is None or self.upper is None:
            return False
        above = x > self.lower if self.lower_open else x >= self.lower
        below = x < self.upper if self.upper_open else x <= self.upper
        return above and below

    def printed(self) -> str:
        """Return the range as published, e.g. ``'>0–≈5 %'`` or ``'75 ± 12 % (63–87 %)'``.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.scale("kent")["probable"].printed(), lk.scale("phia")["remote chance"].printed()
        ('75 ± 12 % (63–87 %)', '>0–≈5 %')
        """
        if self.range is None:
            return "—" if not self.uncertain else "cannot be judged"
        u = self.unit
        pct = " %" if u == 100.0 else ""

        def num(x: float) -> str:
            if math.isinf(x):
                return "∞"
            v = x * u
            return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"

        lo, hi = self.range
        if self.centre is not None and self.spread is not None:
            return f"{num(self.centre)} ± {num(self.spread)}{pct} ({num(lo)}–{num(hi)}{pct})"
        if self.is_point:
            return f"{num(lo)}{pct}"
        approx = "≈" if self.approximate else ""
        left = ">" if self.lower_open else ""
        right = "<" if self.upper_open else ""
        lo_approx = "" if (self.lower_open or lo == 0) else approx
        hi_approx = "" if (self.upper_open or hi == 1) else approx
        if math.isinf(hi):
            return f"≥ {num(lo)}{pct}" if not self.lower_open else f"> {num(lo)}{pct}"
        return f"{left}{lo_approx}{num(lo)}–{right}{hi_approx}{num(hi)}{pct}"


#: How the reports name the built-in scales in running text.
_SHORT_NAMES = {
    "phia": "PHIA",
    "icd203": "ICD 203",
    "ipcc": "IPCC",
    "efsa": "EFSA",
    "enfsi": "ENFSI",
    "kent": "Kent",
    "capphrase": "CAPphrase",
    "admiralty": "Admiralty",
}


def short_name(sc: Scale) -> str:
    """Return how running text names a scale: ``"ICD 203"`` for icd203, its name otherwise.

    Examples
    --------
    >>> import likelihood as lk
    >>> from likelihood._core.scales import short_name
    >>> short_name(lk.scale("icd203")), short_name(lk.scale("perceptions"))
    ('ICD 203', 'perceptions')
    """
    return _SHORT_NAMES.get(sc.name, sc.name)


class Scale:
    """A published verbal scale: terms with ranges, and the citation they come from.

    Get a built-in scale with :func:`likelihood.scale`; define your own with
    :meth:`from_mapping` or :meth:`from_toml`. Any function that takes
    ``scale=`` accepts either a name or a :class:`Scale`.

    Parameters
    ----------
    name : str
        Short name, used to refer to the scale.
    title : str
        Full title.
    terms : sequence of Term
        The terms, in published order.
    kind : {"probability", "likelihood-ratio", "grading"}, default "probability"
        What the terms grade: a probability, the strength of evidence as a
        likelihood ratio, or a source / information grade.
    citation, url, issuer, edition, licence, reference, status, verified_from : str
        Where the scale comes from, how far its figures were verified and under
        which terms they may be used.
    notes : sequence of str
        Remarks on the published shape (gaps, overlaps, strict ends).
    mass : float, default 0.9
        Share of each term's distribution inside the term's range.
    describe_rule : {"range", "reading"}, default "range"
        How :meth:`describe` picks words: by the ranges (most specific term
        containing the number, or the gap between two terms), or, for a survey
        scale, by the term whose readers most often gave that number.

    Examples
    --------
    >>> import likelihood as lk
    >>> phia = lk.scale("phia")
    >>> phia.names[:3]
    ('remote chance', 'highly unlikely', 'unlikely')
    >>> phia["probable"].name, phia["probable"].range
    ('likely', (0.55, 0.75))
    >>> phia.describe(0.5)
    'between realistic possibility and likely'
    """

    def __init__(
        self,
        name: str,
        title: str,
        terms: Sequence[Term],
        *,
        kind: Kind = "probability",
        citation: str = "",
        url: str = "",
        issuer: str = "",
        edition: str = "",
        licence: str = "",
        reference: str = "",
        status: str = "user-defined",
        verified_from: str = "",
        notes: Sequence[str] = (),
        mass: float = TERM_MASS,
        describe_rule: Literal["range", "reading"] = "range",
    ) -> None:
        where = f"scale {name!r}"
        if not isinstance(name, str) or not name.strip():
            raise ScaleDefinitionError(f"a scale needs a non-empty name; got {name!r}")
        if kind not in _KINDS:
            raise ScaleDefinitionError(f"{where}: kind must be one of {_KINDS}; got {kind!r}")
        if describe_rule not in _DESCRIBE_RULES:
            raise ScaleDefinitionError(
                f"{where}: describe must be one of {_DESCRIBE_RULES}; got {describe_rule!r}"
            )
        if not (is_real_number(mass) and 0.0 < mass < 1.0):
            raise ScaleDefinitionError(f"{where}: mass must be in (0, 1); got {mass!r}")
        if not terms:
            raise ScaleDefinitionError(f"{where} has no terms")
        self.name = name
        self.title = title
        self.kind: Kind = kind
        self.citation = citation
        self.url = url
        self.issuer = issuer
        self.edition = edition
        self.licence = licence
        self.reference = reference
        self.status = status
        self.verified_from = verified_from
        self.notes = tuple(notes)
        self.mass = float(mass)
        self.describe_rule: Literal["range", "reading"] = describe_rule
        #: The TOML file the scale was read from, if any.
        self.path: str | None = None
        #: For a survey scale: per term, the values its readers gave (probabilities) and how
        #: many gave each (:func:`likelihood.readings` reads them); None otherwise.
        self.readings: dict[str, tuple[np.ndarray, np.ndarray]] | None = None
        self._terms = tuple(terms)
        self._index: dict[str, Term] = {}
        for term in self._terms:
            _check_term(term, kind, where)
            keys = [term.name, *term.aliases]
            if term.code is not None:
                keys.append(term.code)
            for key in keys:
                k = normalise_term(key)
                if k in self._index and self._index[k] is not term:
                    raise ScaleDefinitionError(
                        f"{where}: the word {key!r} names two terms "
                        f"({self._index[k].name!r} and {term.name!r})"
                    )
                self._index[k] = term

    # -- look-up -----------------------------------------------------------------

    @property
    def terms(self) -> tuple[Term, ...]:
        """The terms in published order."""
        return self._terms

    @property
    def names(self) -> tuple[str, ...]:
        """The term names in published order."""
        return tuple(t.name for t in self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and normalise_term(word) in self._index

    def __getitem__(self, word: str) -> Term:
        return self.term(word)

    def term(self, word: str) -> Term:
        """Return the term named *word* (or one of its aliases or codes).

        Parameters
        ----------
        word : str
            The term's name, one of its aliases or a code (case and spacing do not
            matter).

        Returns
        -------
        Term

        Raises
        ------
        UnknownTermError
            If the word is not on this scale; the message names the closest
            terms and the built-in scales that do have the word.

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.scale("admiralty").term("F").name
        'reliability cannot be judged'
        >>> lk.scale("icd203").term("Highly Improbable").range
        (0.05, 0.2)
        """
        if not isinstance(word, str):
            raise UnknownTermError(
                f"a term must be a word (str); got {word!r} on scale {self.name!r}",
                term=repr(word),
                scale=self.name,
            )
        found = self._index.get(normalise_term(word))
        if found is not None:
            return found
        raise _unknown_term(word, self)

    # -- words <-> numbers -----------------------------------------------------------

    def judge(self, word: str) -> Judgment:
        """Return the judgment for *word* on this scale (see :func:`likelihood.judge`).

        Parameters
        ----------
        word : str
            A term of this scale, one of its aliases or a code.

        Returns
        -------
        Judgment

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.scale("icd203").judge("probable").origin.term
        'likely'
        """
        from likelihood._core.judgment import judge

        return judge(word, scale=self)

    def describe(self, value: Any) -> Description:
        """Return the words of this scale for *value* (see :func:`likelihood.describe`).

        Parameters
        ----------
        value : float or Judgment
            A probability (a likelihood ratio on a likelihood-ratio scale), or a
            judgment.

        Returns
        -------
        Description

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.scale("ipcc").describe(0.97)
        'extremely likely'
        """
        from likelihood._core.describe import describe

        return describe(value, scale=self)

    # -- construction ---------------------------------------------------------------

    @classmethod
    def from_mapping(
        cls,
        name: str,
        terms: Mapping[str, Any],
        *,
        title: str | None = None,
        unit: Literal["probability", "percent"] = "probability",
        **metadata: Any,
    ) -> Scale:
        """Define a scale from ``{term: range}``.

        Parameters
        ----------
        name : str
            The scale's name.
        terms : mapping
            ``{word: (lower, upper)}``, ``{word: value}`` for a single value, or
            ``{word: {"range": [lower, upper], "aliases": [...], "open": "lower"}}``
            with the keys of a TOML ``[[term]]`` table.
        title : str, optional
            Full title; defaults to *name*.
        unit : {"probability", "percent"}, default "probability"
            The unit of the numbers.
        **metadata
            Any other top-level key of the TOML schema (``citation``, ``kind``,
            ``mass``, ``notes``, ...).

        Returns
        -------
        Scale

        Raises
        ------
        ScaleDefinitionError
            If a range is not valid, a word names two terms, or a key is unknown.

        Examples
        --------
        >>> import likelihood as lk
        >>> house = lk.Scale.from_mapping(
        ...     "house", {"unlikely": (0.1, 0.3), "toss-up": (0.4, 0.6), "likely": (0.7, 0.9)},
        ...     citation="Our team's style guide, 2026")
        >>> house.describe(0.35)
        'between unlikely and toss-up'
        >>> round(lk.judge("likely", scale=house).mean(), 3)
        0.799
        """
        if not isinstance(terms, Mapping):
            raise ScaleDefinitionError(
                f"scale {name!r}: terms must be a mapping {{word: range}}; "
                f"got {type(terms).__name__}"
            )
        table: list[dict[str, Any]] = []
        for word, value in terms.items():
            if isinstance(value, Mapping):
                entry = {"name": word, **value}
            elif is_real_number(value):
                entry = {"name": word, "range": [value, value]}
            else:
                entry = {"name": word, "range": value}
            table.append(entry)
        data = {"name": name, "title": title or name, "unit": unit, **metadata, "term": table}
        return _scale_from_dict(data, source=f"scale {name!r}", base=None)

    @classmethod
    def from_toml(cls, path: str | Path) -> Scale:
        """Read a scale from a TOML file with the schema of the built-in scales.

        Parameters
        ----------
        path : str or pathlib.Path
            The file. Its top-level keys are the scale's (``name``, ``title``,
            ``kind``, ``unit``, ``citation``, ...); each ``[[term]]`` table is
            one term (``name``, ``range`` or ``centre`` + ``spread``, ``aliases``,
            ``open``, ``approximate``, ``uncertain``, ``note``).

        Returns
        -------
        Scale

        Raises
        ------
        ScaleDefinitionError
            If the file cannot be read, is not valid TOML (the message gives the
            line) or does not follow the schema (the message names the term and
            key).

        Examples
        --------
        >>> import tempfile, pathlib, likelihood as lk
        >>> text = '''
        ... name = "desk"
        ... title = "Our desk's words"
        ... unit = "percent"
        ... [[term]]
        ... name = "doubtful"
        ... range = [10, 30]
        ... [[term]]
        ... name = "probable"
        ... range = [60, 85]
        ... '''
        >>> with tempfile.TemporaryDirectory() as d:
        ...     path = pathlib.Path(d, "desk.toml")
        ...     _ = path.write_text(text)
        ...     desk = lk.Scale.from_toml(path)
        >>> desk["probable"].range
        (0.6, 0.85)
        """
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise ScaleDefinitionError(f"cannot read scale file {str(path)!r}: {error}") from None
        scale = _scale_from_bytes(raw, source=str(path), base=path.parent)
        scale.path = str(path)
        return scale

    # -- views --------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Return the scale in the TOML schema (ranges as probabilities).

        The result feeds :meth:`from_mapping` (its ``term`` entries) or a TOML writer.

        Examples
        --------
        >>> import likelihood as lk
        >>> data = lk.scale("phia").to_dict()
        >>> data["name"], data["unit"]
        ('phia', 'probability')
        >>> data["term"][0]
        {'name': 'remote chance', 'range': [0.0, 0.05], 'open': 'lower', 'approximate': True}
        """
        terms: list[dict[str, Any]] = []
        for t in self._terms:
            entry: dict[str, Any] = {"name": t.name}
            if t.aliases:
                entry["aliases"] = list(t.aliases)
            if t.code is not None:
                entry["code"] = t.code
            if t.axis is not None:
                entry["axis"] = t.axis
            if t.centre is not None and t.spread is not None:
                entry["centre"], entry["spread"] = t.centre, t.spread
            elif t.range is not None and not (t.uncertain and t.range == (0.0, 1.0)):
                entry["range"] = list(t.range)
            opened = {(True, False): "lower", (False, True): "upper", (True, True): "both"}
            if (t.lower_open, t.upper_open) in opened:
                entry["open"] = opened[(t.lower_open, t.upper_open)]
            for key in ("approximate", "uncertain", "extra"):
                if getattr(t, key):
                    entry[key] = True
            if t.definitions:
                entry["definitions"] = dict(t.definitions)
            if t.note:
                entry["note"] = t.note
            if t.beta is not None:
                entry["beta"] = list(t.beta)
            terms.append(entry)
        meta = {
            key: getattr(self, key) for key in ("name", "title", "kind", *_PROVENANCE, "status")
        }
        return {
            **meta,
            "unit": "ratio" if self.kind == "likelihood-ratio" else "probability",
            "notes": list(self.notes),
            "mass": self.mass,
            "describe": self.describe_rule,
            "term": terms,
        }

    def table(self, fmt: Literal["text", "markdown", "html"] = "text") -> str:
        """Return the scale as a table: each term, its published range and its distribution.

        Parameters
        ----------
        fmt : {"text", "markdown", "html"}, default "text"
            Plain text (aligned columns), a Markdown table, or an HTML table.

        Returns
        -------
        str

        Examples
        --------
        >>> import likelihood as lk
        >>> print(lk.scale("icd203").table())  # doctest: +ELLIPSIS
        icd203 — US Intelligence Community Directive 203: expressions of likelihood
        term                 range    distribution        mean   90 % interval
        almost no chance     1–5 %    Beta(5.329, 170.1)  0.030  [0.013, 0.054]
        ...
        almost certain       95–99 %  Beta(170.1, 5.329)  0.970  [0.946, 0.987]
        """
        from likelihood._core.table import render

        header, rows = self._rows()
        caption = f"{self.name} — {self.title}"
        if fmt == "markdown":
            caption = ""
        footnote = self.citation if fmt == "html" else ""
        return render(header, rows, fmt, caption=caption, footnote=footnote)

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        if self.kind == "grading":
            header = ["code", "axis", "label"]
            return header, [[t.code or "", t.axis or "", t.name] for t in self._terms]
        if self.kind == "likelihood-ratio":
            header = ["term", "likelihood ratio"]
            return header, [[t.name, _lr_band(t)] for t in self._terms]
        from likelihood._core.judgment import judge

        header = ["term", "range", "distribution", "mean", f"{self.mass:.0%} interval"]
        header[-1] = header[-1].replace("%", " %")
        rows = []
        for t in self._terms:
            j = judge(t.name, scale=self)
            lo, hi = j.interval(self.mass)
            rows.append([t.name, t.printed(), j.law(), f"{j.mean():.3f}", f"[{lo:.3f}, {hi:.3f}]"])
        return header, rows

    def __repr__(self) -> str:
        shown = ", ".join(self.names[:8]) + (", ..." if len(self) > 8 else "")
        return f"Scale({self.name!r}, {len(self)} {self.kind} terms: {shown})"

    def __str__(self) -> str:
        parts = [self.table()]
        if self.citation:
            parts.append(f"Source: {self.citation}")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.table("html")


def _lr_band(t: Term) -> str:
    lo, hi = t.lower, t.upper
    assert lo is not None and hi is not None  # likelihood-ratio terms always have a band

    def num(x: float) -> str:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"

    left = "<" if t.lower_open else "≤"
    if math.isinf(hi):
        return f"LR {'>' if t.lower_open else '≥'} {num(lo)}"
    right = "<" if t.upper_open else "≤"
    return f"{num(lo)} {left} LR {right} {num(hi)}"


def _check_term(term: Term, kind: Kind, where: str) -> None:
    place = f"{where}, term {term.name!r}"
    if not isinstance(term, Term):
        raise ScaleDefinitionError(f"{where}: terms must be Term objects; got {term!r}")
    if not term.name or not isinstance(term.name, str):
        raise ScaleDefinitionError(f"{where}: every term needs a name; got {term.name!r}")
    if kind == "grading":
        return
    if term.range is None:
        raise ScaleDefinitionError(f"{place} needs a range")
    lo, hi = term.range
    if kind == "probability":
        if not (0.0 <= lo <= hi <= 1.0):
            raise ScaleDefinitionError(
                f"{place}: the range must satisfy 0 <= lower <= upper <= 1 "
                f"(0-100 on a percent scale); got {term.printed()}"
            )
    elif not (0.0 < lo < hi):
        raise ScaleDefinitionError(
            f"{place}: a likelihood-ratio band needs 0 < lower < upper; got ({lo!r}, {hi!r})"
        )


# -- the data-file schema -------------------------------------------------------------------

_SCALE_KEYS = {
    "name",
    "title",
    "kind",
    "unit",
    "citation",
    "url",
    "issuer",
    "edition",
    "licence",
    "reference",
    "status",
    "verified_from",
    "notes",
    "mass",
    "describe",
    "term",
    "survey",
}
_TERM_KEYS = {
    "name",
    "aliases",
    "range",
    "centre",
    "spread",
    "open",
    "approximate",
    "uncertain",
    "extra",
    "code",
    "axis",
    "definitions",
    "note",
    "column",
    "beta",
}


def _scale_from_bytes(raw: bytes, *, source: str, base: Path | Traversable | None) -> Scale:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ScaleDefinitionError(f"{source}: not UTF-8 text ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ScaleDefinitionError(f"{source}: not valid TOML: {error}") from None
    return _scale_from_dict(data, source=source, base=base)


def _scale_from_dict(
    data: Mapping[str, Any], *, source: str, base: Path | Traversable | None
) -> Scale:
    unknown = sorted(set(data) - _SCALE_KEYS)
    if unknown:
        raise ScaleDefinitionError(
            f"{source}: unknown key(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(sorted(_SCALE_KEYS))}"
        )
    for key in ("name", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ScaleDefinitionError(f"{source}: {key!r} must be a non-empty string")
    kind = data.get("kind", "probability")
    if kind not in _KINDS:
        raise ScaleDefinitionError(f"{source}: 'kind' must be one of {_KINDS}; got {kind!r}")
    unit_name = data.get("unit", "ratio" if kind == "likelihood-ratio" else "probability")
    if unit_name not in _UNITS:
        raise ScaleDefinitionError(
            f"{source}: 'unit' must be one of {tuple(_UNITS)}; got {unit_name!r}"
        )
    unit = _UNITS[unit_name]
    raw_terms = data.get("term")
    if not isinstance(raw_terms, list) or not raw_terms:
        raise ScaleDefinitionError(f"{source}: needs at least one [[term]] table")

    survey = data.get("survey")
    fitted: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}
    if survey is not None:
        from likelihood._core.survey import fit_survey

        columns = [t.get("column") for t in raw_terms if isinstance(t, Mapping)]
        fitted = fit_survey(survey, columns, source=source, base=base)

    terms = [
        _term_from_dict(entry, i, unit, kind, source, fitted) for i, entry in enumerate(raw_terms)
    ]
    notes = data.get("notes", ())
    if isinstance(notes, str):
        notes = (notes,)
    metadata = {key: data.get(key, "") for key in _PROVENANCE}
    for key, value in metadata.items():
        if not isinstance(value, str):
            raise ScaleDefinitionError(f"{source}: {key!r} must be a string; got {value!r}")
    default_rule = "reading" if survey is not None else "range"
    made = Scale(
        data["name"],
        data["title"],
        terms,
        kind=kind,
        status=str(data.get("status", "user-defined")),
        notes=tuple(str(n) for n in notes),
        mass=data.get("mass", TERM_MASS),
        describe_rule=data.get("describe", default_rule),
        **metadata,
    )
    if survey is not None:
        from likelihood._core.survey import survey_counts

        header, values, counts = survey_counts(survey, source=source, base=base)
        made.readings = {
            term.name: (values / unit, counts[:, header.index(term.column)])
            for term in terms
            if term.column is not None
        }
    return made


def _number(value: Any, what: str) -> float:
    if not is_real_number(value) or math.isnan(float(value)):
        raise ScaleDefinitionError(f"{what} must be a number; got {value!r}")
    return float(value)


def _term_from_dict(
    entry: Any,
    index: int,
    unit: float,
    kind: Kind,
    source: str,
    fitted: Mapping[str, tuple[tuple[float, float], tuple[float, float]]],
) -> Term:
    if not isinstance(entry, Mapping):
        raise ScaleDefinitionError(f"{source}: term #{index + 1} must be a table; got {entry!r}")
    name = entry.get("name")
    place = f"{source}, term #{index + 1}" + (f" {name!r}" if isinstance(name, str) else "")
    unknown = sorted(set(entry) - _TERM_KEYS)
    if unknown:
        raise ScaleDefinitionError(
            f"{place}: unknown key(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(sorted(_TERM_KEYS))}"
        )
    if not isinstance(name, str) or not name.strip():
        raise ScaleDefinitionError(f"{place}: 'name' must be a non-empty string")
    aliases = entry.get("aliases", ())
    if isinstance(aliases, str):
        aliases = (aliases,)
    if not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ScaleDefinitionError(f"{place}: 'aliases' must be a list of words; got {aliases!r}")

    lower = upper = centre = spread = None
    beta = None
    column = entry.get("column")
    if column is not None:
        if column not in fitted:
            raise ScaleDefinitionError(f"{place}: column {column!r} is not in the survey data")
        (lower, upper), beta = fitted[column]
    elif "centre" in entry or "spread" in entry:
        if "range" in entry:
            raise ScaleDefinitionError(f"{place}: give either 'range' or 'centre' and 'spread'")
        centre_published = _number(entry.get("centre"), f"{place}: 'centre'")
        spread_published = _number(entry.get("spread"), f"{place}: 'spread'")
        if spread_published <= 0:
            raise ScaleDefinitionError(f"{place}: 'spread' must be positive")
        # ends computed in the published unit first: (93 - 6) / 100 is exactly 0.87
        centre, spread = centre_published / unit, spread_published / unit
        lower = (centre_published - spread_published) / unit
        upper = (centre_published + spread_published) / unit
    elif "range" in entry:
        rng = entry["range"]
        if isinstance(rng, str) or not isinstance(rng, Sequence) or len(rng) != 2:
            raise ScaleDefinitionError(
                f"{place}: 'range' must be two numbers [lower, upper]; got {rng!r}"
            )
        lower = _number(rng[0], f"{place}: 'range' lower end") / unit
        upper = _number(rng[1], f"{place}: 'range' upper end") / unit
        if lower > upper:
            raise ScaleDefinitionError(
                f"{place}: 'range' must be [lower, upper] with lower <= upper; got {list(rng)!r}"
            )
    elif entry.get("uncertain"):
        lower, upper = 0.0, 1.0
    elif kind != "grading":
        raise ScaleDefinitionError(f"{place}: needs 'range' (or 'centre' and 'spread')")

    opened = entry.get("open", "")
    if opened not in ("", "lower", "upper", "both"):
        raise ScaleDefinitionError(
            f"{place}: 'open' must be 'lower', 'upper' or 'both'; got {opened!r}"
        )
    definitions = entry.get("definitions", {})
    if not isinstance(definitions, Mapping):
        raise ScaleDefinitionError(f"{place}: 'definitions' must be a table {{source = text}}")
    for flag in ("approximate", "uncertain", "extra"):
        if not isinstance(entry.get(flag, False), bool):
            raise ScaleDefinitionError(f"{place}: {flag!r} must be true or false")
    code = entry.get("code")
    return Term(
        name=" ".join(name.split()),
        lower=lower,
        upper=upper,
        lower_open=opened in ("lower", "both"),
        upper_open=opened in ("upper", "both"),
        aliases=tuple(" ".join(a.split()) for a in aliases),
        approximate=bool(entry.get("approximate", False)),
        centre=centre,
        spread=spread,
        uncertain=bool(entry.get("uncertain", False)),
        extra=bool(entry.get("extra", False)),
        code=str(code) if code is not None else None,
        axis=entry.get("axis"),
        definitions=tuple((str(k), str(v)) for k, v in definitions.items()),
        note=entry.get("note"),
        column=column,
        beta=beta,
        unit=unit,
    )


# -- the built-in registry ----------------------------------------------------------------------


def _data() -> Traversable:
    return resources.files("likelihood").joinpath("data")


@functools.cache
def _builtin_files() -> dict[str, Traversable]:
    folder = _data().joinpath("scales")
    return {
        entry.name.removesuffix(".toml"): entry
        for entry in folder.iterdir()
        if entry.name.endswith(".toml") and entry.name != "withheld.toml"
    }


@functools.cache
def _withheld() -> dict[str, dict[str, str]]:
    raw = _data().joinpath("scales", "withheld.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def scales() -> list[str]:
    """Return the names of the built-in scales.

    Returns
    -------
    list of str
        Sorted names; pass one to :func:`scale`, or as ``scale=`` anywhere.

    Examples
    --------
    >>> import likelihood as lk
    >>> lk.scales()
    ['admiralty', 'capphrase', 'efsa', 'enfsi', 'icd203', 'ipcc', 'kent', 'perceptions', 'phia']
    """
    return sorted(_builtin_files())


@functools.cache
def _load_builtin(name: str) -> Scale:
    entry = _builtin_files()[name]
    return _scale_from_bytes(
        entry.read_bytes(), source=f"built-in scale {name!r}", base=_data().joinpath("scales")
    )


def scale(name: str | Scale = DEFAULT_SCALE) -> Scale:
    """Return a built-in scale by name (a :class:`Scale` is returned as it is).

    Parameters
    ----------
    name : str or Scale, default "phia"
        A name from :func:`scales`. Case, spaces, hyphens and dots are ignored,
        so ``"ICD 203"`` and ``"icd-203"`` both name ``"icd203"``.

    Returns
    -------
    Scale

    Raises
    ------
    UnknownScaleError
        If no built-in scale has that name; the message lists the scales and
        says why a requested scale is not shipped.

    Examples
    --------
    >>> import likelihood as lk
    >>> lk.scale("ICD 203")
    Scale('icd203', 7 probability terms: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain)
    >>> print(lk.scale("phia").citation)  # doctest: +ELLIPSIS
    Professional Head of Intelligence Assessment (Cabinet Office). Explaining Uncertainty in UK ...
    """  # noqa: E501
    if isinstance(name, Scale):
        return name
    if not isinstance(name, str):
        raise UnknownScaleError(
            f"scale must be a scale name (str) or a Scale; got {name!r} ({type(name).__name__})"
        )
    key = normalise_scale_name(name)
    if key in _builtin_files():
        return _load_builtin(key)
    available = ", ".join(scales())
    if key in _withheld():
        raise UnknownScaleError(f"no scale {name!r}: {_withheld()[key]['reason']}")
    close = suggest(key, [*scales(), *_withheld()])
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    raise UnknownScaleError(f"no scale {name!r}{hint} Built-in scales: {available}")


def plot_scale(name: str | Scale = DEFAULT_SCALE, ax: Any = None) -> Any:
    """Plot every term of a scale as its distribution on one axis, with the published ranges.

    Parameters
    ----------
    name : str or Scale, default "phia"
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ScaleError
        For a grading scale, whose grades have no distributions.

    Examples
    --------
    >>> import likelihood as lk
    >>> ax = lk.plot_scale("icd203")
    >>> [line.get_label() for line in ax.get_lines()][:2]
    ['almost no chance', 'very unlikely']
    """
    from likelihood._view.plots import plot_scale as draw

    return draw(name, ax)


@functools.cache
def builtin_term_index() -> dict[str, frozenset[str]]:
    """Map each built-in probability scale to the look-up keys of its words.

    Read from the data files alone (no fitting), for error messages that name the
    scales on which a word exists.
    """
    index: dict[str, frozenset[str]] = {}
    for name, entry in _builtin_files().items():
        data = tomllib.loads(entry.read_bytes().decode("utf-8"))
        words: set[str] = set()
        for t in data.get("term", ()):
            words.add(normalise_term(t["name"]))
            words.update(normalise_term(a) for a in t.get("aliases", ()))
            if "code" in t:
                words.add(normalise_term(str(t["code"])))
        index[name] = frozenset(words)
    return index


def _unknown_term(word: str, where: Scale) -> UnknownTermError:
    candidates = [w for t in where.terms for w in (t.name, *t.aliases)]
    close = tuple(suggest(word, candidates))
    key = normalise_term(word)
    elsewhere = tuple(name for name, words in sorted(builtin_term_index().items()) if key in words)
    elsewhere = tuple(name for name in elsewhere if name != where.name)
    message = f"{word!r} is not a term of the {where.name} scale"
    if close:
        message += f"; closest: {', '.join(map(repr, close))}"
    if elsewhere:
        message += f"; it is a term of: {', '.join(elsewhere)}"
    message += f". Terms of {where.name}: {', '.join(where.names)}"
    return UnknownTermError(
        message, term=word, scale=where.name, suggestions=close, elsewhere=elsewhere
    )
