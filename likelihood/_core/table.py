"""Plain tables as text (aligned columns), Markdown or HTML, every cell escaped in HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any, Literal

from likelihood._core.validate import check_choice

__all__ = ["ACH", "Format", "Table", "render"]

Format = Literal["text", "markdown", "html"]


def render(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    fmt: Format = "text",
    *,
    caption: str = "",
    footnote: str = "",
) -> str:
    """Return *rows* under *header* as a text, Markdown or HTML table.

    Examples
    --------
    >>> from likelihood._core.table import render
    >>> print(render(["term", "range"], [["likely", "55–75 %"]], caption="phia"))
    phia
    term    range
    likely  55–75 %
    """
    check_choice(fmt, ("text", "markdown", "html"), "fmt")
    if fmt == "html":
        head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
        note = f"<p><small>{html.escape(footnote)}</small></p>" if footnote else ""
        return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"
    if fmt == "markdown":
        lines = [caption, ""] if caption else []
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [caption] if caption else []
    lines += [line.format(*header).rstrip(), *(line.format(*row).rstrip() for row in rows)]
    return "\n".join(lines)


class Table:
    """Rows of results with named columns: printable, and plain data underneath.

    Returned by the analyses of a :class:`~likelihood.Posterior` (sensitivity,
    attribution, flips, value of information, competing hypotheses) and by
    :func:`~likelihood.translate`. ``str(table)`` is an aligned text table;
    ``table.rows`` the rows as dicts (``pandas.DataFrame(table.rows)`` makes a
    frame of it).

    Parameters
    ----------
    columns : sequence of str
        The columns shown, in order (rows may hold more keys).
    rows : sequence of dict
        One mapping of column to value per row.
    title : str, optional
        Printed above the table.

    Attributes
    ----------
    columns : list of str
    rows : list of dict
    title : str
    info : dict
        Values that belong to the table as a whole (a baseline, a variance, the
        flips, ...), documented by the method that returns the table.

    Examples
    --------
    >>> import likelihood as lk
    >>> t = lk.Table(["word", "share"], [{"word": "likely", "share": 0.75}], title="demo")
    >>> print(t)
    demo
    word    share
    likely  0.750
    >>> t[0]["share"], len(t)
    (0.75, 1)
    """

    def __init__(
        self, columns: Sequence[str], rows: Sequence[dict[str, Any]], title: str = ""
    ) -> None:
        self.columns = list(columns)
        self.rows = [dict(r) for r in rows]
        self.title = title
        #: Values that belong to the table as a whole (a baseline, a variance, ...).
        self.info: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def column(self, name: str) -> list[Any]:
        """Return one column as a list.

        Parameters
        ----------
        name : str
            A key of the rows (one of ``columns``, or another).

        Returns
        -------
        list

        Examples
        --------
        >>> import likelihood as lk
        >>> lk.Table(["a"], [{"a": 1}, {"a": 2}]).column("a")
        [1, 2]
        """
        return [r[name] for r in self.rows]

    def render(self, fmt: Format = "text") -> str:
        """Return the table as text, Markdown or HTML.

        Parameters
        ----------
        fmt : {"text", "markdown", "html"}, default "text"
            Plain text with aligned columns, a Markdown table, or an HTML table
            with the title as its caption.

        Returns
        -------
        str

        Examples
        --------
        >>> import likelihood as lk
        >>> print(lk.Table(["a"], [{"a": 1}]).render("markdown"))
        | a |
        |---|
        | 1 |
        """
        cells = [[_cell(r.get(c)) for c in self.columns] for r in self.rows]
        caption = self.title if fmt != "markdown" else ""
        return render(self.columns, cells, fmt, caption=caption)

    def __str__(self) -> str:
        return self.render("text")

    def __repr__(self) -> str:
        return self.render("text")

    def _repr_html_(self) -> str:
        return self.render("html")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value != value:  # nan
            return ""
        return f"{value:.3f}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
    return str(value)


class ACH(Table):
    """Heuer's matrix of evidence against competing hypotheses, with scores.

    Returned by :meth:`Posterior.ach <likelihood.Posterior.ach>`: a :class:`Table` with
    one row per observed item (its rating and likelihood ratio under each
    hypothesis, and its diagnosticity) and a last row of inconsistency scores,
    and the numbers underneath as attributes. See ``docs/analysis.md`` for the
    definitions and their source, Heuer (1999), chapter 8.

    Parameters
    ----------
    columns, rows, title
        As for :class:`Table`; the attributes below are set by
        :meth:`Posterior.ach <likelihood.Posterior.ach>`.

    Attributes
    ----------
    hypotheses : list of str
        The competing hypotheses (states of one node, or binary nodes).
    likelihoods, ratios : dict of str to dict of str to float
        ``P(e | h)`` and the likelihood ratio ``P(e | h) / P(e | not h)``, by item
        and hypothesis.
    ratings : dict of str to dict of str to str
        ``"C"``, ``"N"``, ``"I"`` or ``"II"`` by item and hypothesis.
    diagnosticity : dict of str to float
        ``log10(max_h P(e | h) / min_h P(e | h))`` per item; 0 for an item
        consistent with every hypothesis alike.
    inconsistency : dict of str to int
        Per hypothesis: the items inconsistent with it, "II" counted twice.

    Examples
    --------
    >>> import likelihood as lk
    >>> m = lk.Model()
    >>> m.hypothesis("intent", states=["attack", "exercise"],
    ...              prior={"attack": 0.3, "exercise": 0.7})
    >>> m.evidence("massing", given={"intent=attack": 0.9, "intent=exercise": 0.05},
    ...            observed=True)
    >>> matrix = m.infer().ach()
    >>> matrix.ratings["massing"], round(matrix.ratios["massing"]["intent=attack"], 1)
    ({'intent=attack': 'C', 'intent=exercise': 'II'}, 18.0)
    >>> matrix.inconsistency
    {'intent=attack': 0, 'intent=exercise': 2}
    """

    hypotheses: list[str]
    likelihoods: dict[str, dict[str, float]]
    ratios: dict[str, dict[str, float]]
    ratings: dict[str, dict[str, str]]
    diagnosticity: dict[str, float]
    inconsistency: dict[str, int]
