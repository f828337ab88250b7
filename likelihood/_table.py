"""Plain tables as text (aligned columns), Markdown or HTML, every cell escaped in HTML."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Literal

from likelihood._validate import check_choice

__all__ = ["Format", "render"]

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
    >>> from likelihood._table import render
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
