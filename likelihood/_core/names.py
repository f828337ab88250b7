"""Spelling-tolerant look-up of words and scale names, with suggestions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["normalise_scale_name", "normalise_term", "suggest"]

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "–": "-"})


def normalise_term(text: str) -> str:
    """Return the look-up key of a term: lower case, single spaces, ``-``/``_`` as spaces."""
    text = text.translate(_QUOTES).strip().strip("'\"").lower()
    text = text.replace("_", " ").replace("-", " ")
    return _SPACES.sub(" ", text).strip()


def normalise_scale_name(text: str) -> str:
    """Return the look-up key of a scale name: lower case without spaces, ``-``, ``_`` or dots."""
    return re.sub(r"[\s\-_.]+", "", text.translate(_QUOTES).strip().lower())


def suggest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to *n* candidates closest to *word*, best first."""
    pool = list(dict.fromkeys(candidates))
    key = normalise_term(word)
    by_key = {normalise_term(c): c for c in pool}
    close = difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.6)
    if not close:
        # A word that contains a candidate (or is contained in one) is a near miss too.
        close = [k for k in by_key if key and (key in k or k in key)][:n]
    return [by_key[k] for k in close]
