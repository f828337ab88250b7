"""The small grammar of conditions: ``"a & ~b"``, ``"intent=attack & talks"``.

::

    condition := literal ( "&" literal )*
    literal   := "~" NAME                 the binary node NAME is false
               | NAME                     the binary node NAME is true
               | NAME "=" STATE           the node NAME is in STATE
    NAME      := a letter or "_", then letters, digits, "_", "-", "."
    STATE     := one or more characters other than space, "&", "=", "~", "(", ")", ","

A tokenizer and a recursive descent over that grammar; nothing is evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from likelihood._exceptions import ConditionError

__all__ = ["Literal", "NAME", "parse_condition", "valid_name"]

NAME = r"[A-Za-z_][A-Za-z0-9_.\-]*"
_STATE = r"[^\s&=~(),]+"
_TOKEN = re.compile(rf"\s*(?:(?P<amp>&)|(?P<not>~)|(?P<eq>=)|(?P<name>{_STATE}))")
_NAME_RE = re.compile(rf"{NAME}\Z")


def valid_name(text: str) -> bool:
    """Return whether *text* can name a node (or a state) in a condition."""
    return bool(_NAME_RE.match(text))


@dataclass(frozen=True, slots=True)
class Literal:
    """One part of a condition: a node and the state it is in.

    ``state`` is ``None`` for the binary forms ``NAME`` and ``~NAME``, whose
    truth is in ``negated``.
    """

    node: str
    state: str | None = None
    negated: bool = False

    def __str__(self) -> str:
        if self.state is not None:
            return f"{self.node}={self.state}"
        return f"~{self.node}" if self.negated else self.node


def _tokens(text: str, where: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    stripped = text.rstrip()
    while pos < len(stripped):
        match = _TOKEN.match(stripped, pos)
        if match is None or match.end() == pos:
            bad = stripped[pos:].strip()[:1]
            raise ConditionError(
                f"{where}: cannot read {text!r}: unexpected {bad!r} at position {pos + 1}; "
                "write conditions like 'a & ~b' or 'intent=attack'"
            )
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def parse_condition(text: str, where: str = "condition") -> tuple[Literal, ...]:
    """Parse a condition into its literals, in the order written.

    Parameters
    ----------
    text : str
        The condition, e.g. ``"burglary & ~earthquake"``.
    where : str
        Where the condition came from, for error messages.

    Raises
    ------
    ConditionError
        If the text does not follow the grammar, or names a node twice.
    """
    if not isinstance(text, str) or not text.strip():
        raise ConditionError(f"{where}: a condition must be a non-empty string; got {text!r}")
    tokens = _tokens(text, where)
    literals: list[Literal] = []
    i = 0

    def expected(what: str) -> ConditionError:
        got = tokens[i][1] if i < len(tokens) else "the end"
        return ConditionError(
            f"{where}: cannot read {text!r}: expected {what}, found {got!r}; "
            "write conditions like 'a & ~b' or 'intent=attack'"
        )

    while True:
        negated = False
        if i < len(tokens) and tokens[i][0] == "not":
            negated = True
            i += 1
        if i >= len(tokens) or tokens[i][0] != "name":
            raise expected("a node name")
        name = tokens[i][1]
        if not valid_name(name):
            raise ConditionError(f"{where}: {name!r} in {text!r} is not a valid node name")
        i += 1
        state = None
        if i < len(tokens) and tokens[i][0] == "eq":
            if negated:
                raise ConditionError(
                    f"{where}: cannot read {text!r}: '~' negates a binary node; "
                    f"write {name}=STATE for a node with several states"
                )
            i += 1
            if i >= len(tokens) or tokens[i][0] != "name":
                raise expected(f"a state after '{name}='")
            state = tokens[i][1]
            i += 1
        if any(lit.node == name for lit in literals):
            raise ConditionError(f"{where}: {text!r} names the node {name!r} twice")
        literals.append(Literal(name, state, negated))
        if i == len(tokens):
            return tuple(literals)
        if tokens[i][0] != "amp":
            raise expected("'&'")
        i += 1
