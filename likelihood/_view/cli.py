"""The ``likelihood`` command line.

::

    likelihood run FILE [--draws N] [--seed S] [--json] [--no-analyses] [--report OUT.html]
    likelihood describe P [--scale NAME]
    likelihood translate WORD --from SCALE --to SCALE
    likelihood scales [NAME]

``run`` is reproducible by default: without ``--seed`` it uses the analysis
file's ``seed = N``, else :data:`likelihood._defaults.CLI_SEED`, and says which.

Exit status: 0 on success, 1 when the model or its file is wrong, 2 on a usage
error (an unknown command or option, a number that is not one, a missing
file). Errors are one message on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import likelihood as lk
from likelihood._defaults import CLI_SEED

__all__ = ["main"]

USAGE_ERROR = 2
#: Exit status on Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130
#: Exit status when the reader of standard output has gone (128 + SIGPIPE), as shells report it.
BROKEN_PIPE = 141
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

    run = commands.add_parser(
        "run", help="infer an analysis file (.toml) or a network (.bif, .net, .xdsl, ...)"
    )
    run.add_argument("file", type=Path, help="the analysis file")
    run.add_argument("--draws", type=_positive, default=20_000, help="draws of the judgments")
    run.add_argument(
        "--seed",
        type=_whole,
        default=None,
        help=f"seed of the draws (default: the file's seed, else {CLI_SEED})",
    )
    run.add_argument(
        "--json", action="store_true", help="print the posterior and its analyses as JSON"
    )
    run.add_argument(
        "--no-analyses",
        dest="analyses",
        action="store_false",
        help="leave the analyses (contributions, sensitivity, ...) out of the JSON",
    )
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


def _at_least(minimum: int) -> Any:
    """Return an argparse type: a whole number >= *minimum*."""

    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be a whole number >= {minimum}; got {text!r}")
        return value

    return whole


_positive = _at_least(1)
_whole = _at_least(0)


def _unwritable(path: str | Path) -> str | None:
    """Return why a report cannot be written to *path*, or None when it can.

    Checked before any work is done: the folder must exist and be writable, and
    the path must not be a folder.
    """
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        return f"{str(target)!r} is a folder"
    if not folder.is_dir():
        return f"no folder {str(folder)!r}"
    if target.exists() and not os.access(target, os.W_OK):
        return f"{str(target)!r} is not writable"
    if not target.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {str(folder)!r} is not writable"
    return None


def _seed(args: argparse.Namespace, model: lk.Model) -> tuple[int, str]:
    """Return the seed of a run and its origin: --seed, else the file's, else the default."""
    if args.seed is not None:
        return args.seed, "--seed"
    if model.seed is not None:
        return model.seed, f"from {args.file.name}; --seed to change"
    return CLI_SEED, "the default; --seed to change"


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.file.is_dir():
        sys.stderr.write(
            f"likelihood: error: {str(args.file)!r} is a directory, not a file; give an "
            "analysis file (.toml) or a network (.bif, .net, .xdsl, ...)\n"
        )
        return USAGE_ERROR
    if not args.file.is_file():
        sys.stderr.write(f"likelihood: error: no such file: {str(args.file)!r}\n")
        return USAGE_ERROR
    if args.report is not None:
        reason = _unwritable(args.report)
        if reason is not None:
            sys.stderr.write(
                f"likelihood: error: cannot write the report {str(args.report)!r}: {reason}\n"
            )
            return MODEL_ERROR
    model = lk.load(args.file)
    seed, origin = _seed(args, model)
    post = model.infer(draws=args.draws, seed=seed)
    if args.json:
        data = post.to_dict(analyses=args.analyses)
        out.write(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
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
    if not args.json:
        out.write(f"seed {seed} ({origin})\n")
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
            return INTERRUPTED
        except BrokenPipeError:
            # the reader has gone (``likelihood run F --json | head``): stop quietly, as other
            # command-line tools do, and keep Python from complaining when it flushes stdout
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return BROKEN_PIPE
        except Exception as error:  # noqa: BLE001 - the command line never shows a traceback
            sys.stderr.write(
                f"likelihood: internal error ({type(error).__name__}): {error}; "
                "please report it with the file that caused it\n"
            )
            return MODEL_ERROR


def entry() -> None:
    """Console-script entry point."""
    raise SystemExit(main())
