"""`python -m arnews <stage>`: one subcommand per stage, one contract for all of them.

Each stage module defines `CLI_HELP` (one line), `add_arguments(parser)` and `run(args) -> int`.
This module wires them up and turns every input problem into one line on stderr: a missing corpus
path, an unreadable file or a bad argument never shows the user a Python traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from pathlib import Path

from arnews.errors import InputError

#: Stage name → module, in pipeline order.
STAGES = ("corpus", "clean", "terms", "timeline", "delegations", "build")


def add_corpus_argument(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """Add the shared `--corpus PATH` option (a folder, file or .zip of articles)."""
    parser.add_argument(
        "--corpus",
        required=default is None,
        default=default,
        metavar="PATH",
        help="folder of .txt/.json/.jsonl/.csv/.zip files, or one such file"
        + (f" (default: {default})" if default else ""),
    )


def add_strict_argument(parser: argparse.ArgumentParser) -> None:
    """Add the shared `--strict` flag: the first input problem ends the run with a non-zero exit."""
    parser.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first unreadable or suspicious input file (exit code 1) instead of skipping it",
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The `arnews` parser; with `only`, just that stage's subcommand (the others' modules stay unimported)."""
    parser = argparse.ArgumentParser(
        prog="arnews",
        description="Analyse a corpus of Arabic news articles, stage by stage.",
    )
    sub = parser.add_subparsers(dest="stage", metavar="STAGE", required=True)
    for name in STAGES if only is None else [only]:
        module = importlib.import_module(f"arnews.{name}")
        stage = sub.add_parser(
            name,
            help=module.CLI_HELP,
            description=(module.__doc__ or "").strip(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(stage)
        stage.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    args = build_parser(given[0] if given and given[0] in STAGES else None).parse_args(argv)
    if _collections_held:  # the modules are imported: their objects stay, collections may skip them
        gc.freeze()
        gc.enable()
    prefix = f"arnews {args.stage}: error:"
    corpus = getattr(args, "corpus", None)
    if corpus is not None and not Path(corpus).exists():
        print(f"{prefix} corpus path '{corpus}' does not exist", file=sys.stderr)
        return 2
    try:
        return int(args.run(args) or 0)
    except InputError as err:
        print(f"{prefix} {err}", file=sys.stderr)
        return 1
    except OSError as err:  # an output that cannot be written (a file in the way, no space, no permission)
        where = f"{err.filename}: " if err.filename else ""
        print(f"{prefix} {where}{err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"arnews {args.stage}: interrupted; no output was half-written", file=sys.stderr)
        return 130


#: `console` holds automatic garbage collection off until the stage's modules are imported.
_collections_held = False


def console() -> int:
    """`arnews` and `python -m arnews`: `main` without the collections that only cost time.

    Importing pandas and numba makes about a million objects, none of them garbage: collections are held off
    while they load, then skip them (frozen). The interpreter's teardown runs collections that would walk
    them all again (0.2 s after `arnews terms`): frozen first. Every output is written and closed by then.
    """
    global _collections_held
    _collections_held = True
    gc.disable()
    code = main()
    gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(console())
