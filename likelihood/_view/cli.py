"""The ``likelihood`` command line.

::

    likelihood run FILE [--draws N] [--seed S] [--json] [--report OUT.html]
    likelihood describe P [--scale NAME]
    likelihood translate WORD --from SCALE --to SCALE
    likelihood scales [NAME]

Exit status: 0 on success, 1 when the model or its file is wrong, 2 on a usage
error (an unknown command or option, a number that is not one, a missing
file). Errors are one message on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import likelihood as lk

__all__ = ["main"]

USAGE_ERROR = 2
MODEL_ERROR = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"likelihood: error: {message}\n")
        raise SystemExit(USAGE_ERROR)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="likelihood",
        description="Bayesian estimative reasoning: run analyses, read words for numbers, "
        "list verbal probability scales.",
    )
    parser.add_argument("--version", action="version", version=f"likelihood {lk.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    run = commands.add_parser("run", help="infer an analysis file (.toml) or a network (.bif)")
    run.add_argument("file", type=Path, help="the analysis file")
    run.add_argument("--draws", type=_positive, default=20_000, help="draws of the judgments")
    run.add_argument("--seed", type=int, default=None, help="seed, for a reproducible answer")
    run.add_argument("--json", action="store_true", help="print the posterior as JSON")
    run.add_argument(
        "--report", type=Path, metavar="OUT.html", help="also write a self-contained HTML report"
    )

    words = commands.add_parser("describe", help="words for a probability (or likelihood ratio)")
    words.add_argument("value", type=float, help="a probability in [0, 1], or a likelihood ratio")
    words.add_argument("--scale", default="phia", help="the scale (default: phia)")

    translation = commands.add_parser(
        "translate", help="a word of one scale in the words of another, with the share of each"
    )
    translation.add_argument("word", help="a term of the source scale")
    translation.add_argument("--from", dest="source", default="icd203", help="default: icd203")
    translation.add_argument("--to", dest="target", default="phia", help="default: phia")

    listing = commands.add_parser("scales", help="list the built-in scales, or show one")
    listing.add_argument("name", nargs="?", help="a scale to show with its terms and citation")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1; got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1; got {text!r}")
    return value


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if not args.file.is_file():
        sys.stderr.write(f"likelihood: error: no such file: {str(args.file)!r}\n")
        return USAGE_ERROR
    model = lk.load(args.file)
    post = model.infer(draws=args.draws, seed=args.seed)
    if args.json:
        out.write(json.dumps(post.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(post.text_report() + "\n")
    if args.report is not None:
        try:
            written = post.report(args.report)
        except OSError as error:
            sys.stderr.write(
                f"likelihood: error: cannot write the report {str(args.report)!r}: {error}\n"
            )
            return MODEL_ERROR
        if not args.json:
            out.write(f"report: {written}\n")
    return 0


def _describe(args: argparse.Namespace, out: TextIO) -> int:
    out.write(str(lk.describe(args.value, scale=args.scale)) + "\n")
    return 0


def _translate(args: argparse.Namespace, out: TextIO) -> int:
    out.write(str(lk.translate(args.word, source=args.source, target=args.target)) + "\n")
    return 0


def _scales(args: argparse.Namespace, out: TextIO) -> int:
    if args.name:
        out.write(str(lk.scale(args.name)) + "\n")
        return 0
    for name in lk.scales():
        sc = lk.scale(name)
        out.write(f"{name:<12} {sc.kind:<17} {sc.title}\n")
    return 0


def _warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    sys.stderr.write(f"likelihood: warning: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> from likelihood._view.cli import main
    >>> main(["describe", "0.12", "--scale", "phia"])
    highly unlikely
    0
    """
    parser = _parser()
    args = parser.parse_args(argv)
    handlers = {"run": _run, "describe": _describe, "translate": _translate, "scales": _scales}
    with warnings.catch_warnings():
        warnings.showwarning = _warning
        warnings.simplefilter("always", lk.LikelihoodWarning)
        try:
            return handlers[args.command](args, sys.stdout)
        except lk.LikelihoodError as error:
            sys.stderr.write(f"likelihood: error: {error}\n")
            return MODEL_ERROR
        except KeyboardInterrupt:
            sys.stderr.write("likelihood: interrupted\n")
            return 130
        except Exception as error:  # noqa: BLE001 - the command line never shows a traceback
            sys.stderr.write(
                f"likelihood: internal error ({type(error).__name__}): {error}; "
                "please report it with the file that caused it\n"
            )
            return MODEL_ERROR


def entry() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
