"""`python -m arnews <stage>`: one subcommand per stage, one contract for all of them.

Each stage module defines `CLI_HELP` (one line), `add_arguments(parser)` and `run(args) -> int`. This module
wires them up and gives every stage the same behaviour at its edges:

- options every stage shares: `--corpus` with the loader's limits (`--follow-symlinks`, `--max-unzipped`,
  `--max-ratio`), `--strict`, `--raw-csv` (`add_corpus_argument`, `add_strict_argument`);
- before the stage runs, its outputs (`--out`, and every option declared with `add_output_argument`) are
  checked against every input of the run (`check_outputs`): nothing the run reads is ever written;
- one exit-code policy (EXIT_*): 0 done (problems reported and skipped), 1 an input problem (`--strict`
  stopped at one, nothing could be read, an output could not be written), 2 a usage error (bad arguments,
  a corpus path that does not exist, an output over an input), 3 an internal error (a bug, out of memory),
  130 interrupted (Ctrl-C), 143 terminated (SIGTERM);
- every error is one line on stderr, names escaped (`arnews.errors.printable`), never a traceback
  (set ARNEWS_DEBUG=1 to see one); SIGTERM becomes an exception, so temporary files are removed and no
  output is left half-written, as after Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

from arnews.errors import InputError, UsageError, printable

__all__ = [
    "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_TERMINATED", "EXIT_USAGE", "STAGES",
    "Terminated", "add_corpus_argument", "add_output_argument", "add_strict_argument", "build_parser",
    "check_outputs", "console", "main", "run_inputs",
]

#: Stage name → module, in pipeline order.
STAGES = ("corpus", "clean", "terms", "timeline", "delegations", "build")

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
#: Set to 1 to let an internal error show its traceback (for developers).
DEBUG_VARIABLE = "ARNEWS_DEBUG"
#: Where `add_output_argument` records the outputs a stage's options name: dest → kind.
_OUTPUTS_DEFAULT = "_arnews_outputs"


class Terminated(SystemExit):
    """SIGTERM, raised in the main thread so that `finally` blocks (temporary files) run as for Ctrl-C."""


def _terminate(signum, frame):
    raise Terminated(EXIT_TERMINATED)


# ---------------------------------------------------------------------------------------------- shared options


def add_corpus_argument(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """Add `--corpus PATH` (a folder, file or .zip of articles), the loader's limits and `--raw-csv`."""
    parser.add_argument(
        "--corpus",
        required=default is None,
        default=default,
        metavar="PATH",
        help="folder of .txt/.json/.jsonl/.csv/.zip files, or one such file"
        + (f" (default: {default})" if default else ""),
    )
    limits = parser.add_argument_group("input limits and output format (see docs/data-safety.md)")
    limits.add_argument("--follow-symlinks", action="store_true",
                        help="read files that symbolic links in the corpus folder point to outside it "
                        "(default: skip them with a message)")
    limits.add_argument("--max-unzipped", metavar="SIZE",
                        help="inflate at most SIZE bytes from one zip archive, e.g. 4G (default 1G; "
                        "ARNEWS_MAX_UNZIPPED)")
    limits.add_argument("--max-ratio", metavar="N", type=float,
                        help="skip zip members over 1 MiB that inflate more than N times (default 100; "
                        "ARNEWS_MAX_RATIO)")
    limits.add_argument("--raw-csv", action="store_true",
                        help="write CSV values as they are, without the apostrophe that keeps spreadsheets "
                        "from running a value starting with = + - @ as a formula (ARNEWS_RAW_CSV=1)")


def add_strict_argument(parser: argparse.ArgumentParser) -> None:
    """Add the shared `--strict` flag: the first input problem ends the run with exit code 1."""
    parser.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first unreadable or suspicious input file (exit code 1) instead of skipping it",
    )


def add_output_argument(parser: argparse.ArgumentParser, *flags: str, kind: str = "file", **kwargs) -> None:
    """Add an option naming an output, which `main` checks against the run's inputs before the stage runs.

    Args:
        flags: e.g. "--problems".
        kind: "file" (one file), "folder" (a folder the stage fills) or "root" (a folder under which the stage
            writes into subfolders; only checked not to be, or lie inside, an input).
        kwargs: as for `add_argument`.
    """
    action = parser.add_argument(*flags, **kwargs)
    outputs = dict(parser.get_default(_OUTPUTS_DEFAULT) or {})
    outputs[action.dest] = kind
    parser.set_defaults(**{_OUTPUTS_DEFAULT: outputs})


# ---------------------------------------------------------------------------------------------- outputs vs inputs


def run_inputs(args: argparse.Namespace, extra: Iterable[str | os.PathLike] = ()) -> list[Path]:
    """Every input a stage's run reads: the corpus (its path, metadata.csv, files outside it that links lead to),
    the lexicons, the `--rules` file, and `extra`."""
    from arnews import corpus, lexicons

    rules = [args.rules] if getattr(args, "rules", None) else []
    if getattr(args, "corpus", None):
        return corpus.run_inputs(args.corpus, [*rules, *map(Path, extra)])
    return [lexicons.path("."), *rules, *map(Path, extra)]


def check_outputs(args: argparse.Namespace, files: Iterable = (), folders: Iterable = (), roots: Iterable = (),
                  extra_inputs: Iterable = ()) -> None:
    """`arnews.files.check_outputs` with every input of this run (`run_inputs`).

    Raises:
        UsageError: an output is an input, lies inside the corpus, or (folders) holds an input.
    """
    from arnews import files as output_files

    output_files.check_outputs(run_inputs(args, extra_inputs), files=files, folders=folders, roots=roots)


def _declared_outputs(args: argparse.Namespace) -> dict[str, list]:
    kinds = {"out": "root", **(getattr(args, _OUTPUTS_DEFAULT, None) or {})}
    outputs: dict[str, list] = {"files": [], "folders": [], "roots": []}
    for dest, kind in kinds.items():
        value = getattr(args, dest, None)
        if value:
            outputs[f"{kind}s"].append(value)
    return outputs


@contextlib.contextmanager
def _run_environment(args: argparse.Namespace) -> Iterator[None]:
    """The shared options as environment variables for the run (worker processes and notebooks read them)."""
    from arnews import files
    from arnews.corpus import options

    values = {
        options.FOLLOW_SYMLINKS_VARIABLE: "1" if getattr(args, "follow_symlinks", False) else None,
        options.MAX_UNZIPPED_VARIABLE: (str(options.parse_size(args.max_unzipped))
                                        if getattr(args, "max_unzipped", None) else None),
        options.MAX_RATIO_VARIABLE: str(args.max_ratio) if getattr(args, "max_ratio", None) else None,
        files.RAW_CSV_VARIABLE: "1" if getattr(args, "raw_csv", False) else None,
    }
    if getattr(args, "max_ratio", None) is not None and args.max_ratio <= 1:
        raise UsageError(None, f"--max-ratio must be more than 1, got {args.max_ratio:g}")
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update({name: value for name, value in values.items() if value is not None})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


# ---------------------------------------------------------------------------------------------- main


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The `arnews` parser; with `only`, just that stage's subcommand (the others' modules stay unimported)."""
    parser = argparse.ArgumentParser(
        prog="arnews",
        description="Analyse a corpus of Arabic news articles, stage by stage.",
        epilog="Exit codes: 0 done, 1 input problem, 2 usage error, 3 internal error, 130 interrupted, "
        "143 terminated.",
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


def _where(err: BaseException) -> str:
    """' (in FILE)' for an error that names a file, else where in arnews it was raised."""
    filename = getattr(err, "filename", None)
    if filename:
        return f" (in {filename})"
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f"{os.sep}arnews{os.sep}" in f.filename]
    if frames:
        path = Path(frames[-1].filename)
        return f" (at {'/'.join(path.parts[path.parts.index('arnews'):])}:{frames[-1].lineno})"
    return ""


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    args = build_parser(given[0] if given and given[0] in STAGES else None).parse_args(argv)
    prefix = f"arnews {args.stage}:"

    def say(message: str) -> None:
        print(printable(f"{prefix} {message}"), file=sys.stderr, flush=True)

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        corpus = getattr(args, "corpus", None)
        if corpus is not None and not Path(corpus).exists():
            raise UsageError(None, f"corpus path '{corpus}' does not exist")
        with _run_environment(args):
            if corpus is not None:
                check_outputs(args, **_declared_outputs(args))
            return int(args.run(args) or 0)
    except UsageError as err:
        say(f"error: {err}")
        return EXIT_USAGE
    except InputError as err:
        say(f"error: {err}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        say("interrupted; no output was half-written")
        return EXIT_INTERRUPTED
    except Terminated:
        say("terminated; no output was half-written")
        return EXIT_TERMINATED
    except OSError as err:  # an output that cannot be written (a file in the way, no space, no permission)
        where = f"{err.filename}: " if err.filename else ""
        say(f"error: {where}{err.strerror or err}")
        return EXIT_INPUT
    except MemoryError:
        say("error: out of memory; try a smaller corpus or fewer --jobs")
        return EXIT_INTERNAL
    except Exception as err:  # a bug: one line, not a traceback, unless a developer asks
        if os.environ.get(DEBUG_VARIABLE):
            raise
        say(f"internal error (please report it): {type(err).__name__}: {err}{_where(err)}")
        return EXIT_INTERNAL
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def console() -> int:
    """`arnews` and `python -m arnews`."""
    return main()


if __name__ == "__main__":
    sys.exit(console())
