"""The small grammar of conditions: ``"a & ~b"``, ``"intent=attack & talks"``.

::

    condition := literal ( "&" literal )*
    literal   := "~" NAME                 the binary node NAME is false
               | NAME                     the binary node NAME is true
               | NAME "=" STATE           the node NAME is in STATE
    NAME      := a letter or "_", then letters, digits, "_", "-", "."
    STATE     := any characters but "&" (spaces around it are ignored)

The text is split on ``&``; each literal on its first ``=``. Nothing is evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from likelihood._exceptions import ConditionError

__all__ = ["NAME", "Literal", "parse_condition", "valid_name", "valid_state"]

NAME = r"[A-Za-z_][A-Za-z0-9_.\-]*"
_NAME_RE = re.compile(rf"{NAME}\Z")
_EXAMPLE = "write conditions like 'a & ~b' or 'intent=attack'"


def valid_name(text: str) -> bool:
    """Return whether *text* can name a node in a condition."""
    return bool(_NAME_RE.match(text))


def valid_state(text: str) -> bool:
    """Return whether *text* can name a state in a condition (``node=STATE``)."""
    return bool(text) and "&" not in text and text == text.strip()


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


def parse_condition(text: str, where: str = "") -> tuple[Literal, ...]:
    """Parse a condition into its literals, in the order written.

    Parameters
    ----------
    text : str
        The condition, e.g. ``"burglary & ~earthquake"``.
    where : str, optional
        Where the condition came from, put before error messages (the model
        gives the location as the error's ``where`` instead).

    Raises
    ------
    ConditionError
        If the text does not follow the grammar, or names a node twice.

    Examples
    --------
    >>> from likelihood._core.conditions import parse_condition
    >>> [str(lit) for lit in parse_condition("burglary & ~earthquake & CO2=>=7.5")]
    ['burglary', '~earthquake', 'CO2=>=7.5']
    """
    prefix = f"{where}: " if where else ""
    if not isinstance(text, str) or not text.strip():
        raise ConditionError(f"{prefix}a condition must be a non-empty string; got {text!r}")
    literals: list[Literal] = []
    for part in text.split("&"):
        item = part.strip()
        if not item:
            raise ConditionError(
                f"{prefix}cannot read {text!r}: an empty part around '&'; {_EXAMPLE}"
            )
        negated = item.startswith("~")
        if negated:
            item = item[1:].strip()
        name, eq, state = item.partition("=")
        name, state = name.strip(), state.strip()
        if not valid_name(name):
            raise ConditionError(
                f"{prefix}cannot read {text!r}: {name!r} is not a node name; {_EXAMPLE}"
            )
        if eq and negated:
            raise ConditionError(
                f"{prefix}cannot read {text!r}: '~' negates a binary node; "
                f"write {name}=STATE for a node with several states"
            )
        if eq and not state:
            raise ConditionError(f"{prefix}cannot read {text!r}: no state after '{name}='")
        if any(lit.node == name for lit in literals):
            raise ConditionError(f"{prefix}{text!r} names the node {name!r} twice")
        literals.append(Literal(name, state if eq else None, negated))
    return tuple(literals)
