"""The seed article's words, read on two published scales.

The article weighs a reporter's claim that two army chiefs negotiate directly,
and concludes in words: talks at some level are *likely*, direct negotiations
*unlikely*, and negotiations held without the political leadership's knowledge
*highly unlikely*. This script shows what those words mean as probabilities on
the UK PHIA yardstick and on US ICD 203, and which words each scale has for a
few numbers.

Run it with ``make example`` (or ``python examples/words.py``).
"""

from __future__ import annotations

import likelihood as lk

WORDS = ("likely", "unlikely", "highly unlikely")
SCALES = ("phia", "icd203")
NUMBERS = (0.03, 0.12, 0.3, 0.5, 0.62, 0.97)


def main() -> None:
    print("The article's words as judgments (maximum-entropy Beta, 90 % of its mass in the range)")
    print(f"{'word':<17}{'scale':<8}{'published range':<17}{'mean':>6}   90 % interval")
    for word in WORDS:
        for name in SCALES:
            try:
                judgment = lk.judge(word, scale=name)
            except lk.UnknownTermError as error:
                closest = ", ".join(error.suggestions) or "none"
                print(f"{word:<17}{name:<8}not a term here (closest: {closest})")
                continue
            term = lk.scale(name)[word]
            lo, hi = judgment.interval(0.9)
            print(
                f"{word:<17}{name:<8}{term.printed():<17}{judgment.mean():>6.3f}   "
                f"[{lo:.3f}, {hi:.3f}]"
            )

    print()
    print("Words for numbers")
    print(f"{'p':<6}" + "".join(f"{name:<44}" for name in SCALES))
    for p in NUMBERS:
        words = [str(lk.describe(p, scale=name)) for name in SCALES]
        print(f"{p:<6}" + "".join(f"{w:<44}" for w in words))

    print()
    print("Sources")
    for name in SCALES:
        print(f"  {name}: {lk.scale(name).citation}")


if __name__ == "__main__":
    main()
