"""`arnews timeline --corpus PATH --out DIR`: the corpus's clean store tagged, expressions.csv and events.csv written.

The corpus is loaded and cleaned once (`arnews.pipeline.clean_store`, reused by every later stage), then every
clean article is tagged on every core (`--jobs`); the outputs do not depend on the number of workers.
"""

from __future__ import annotations

import argparse

from arnews import pipeline
from arnews.timeline.stage import run_corpus, write

__all__ = ["CLI_HELP", "add_arguments", "run"]

CLI_HELP = "tag dated expressions and group dated events; write expressions.csv and events.csv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The stage's options: --corpus, --out, --jobs, --strict."""
    from arnews.cli import add_corpus_argument, add_output_argument, add_strict_argument

    add_corpus_argument(parser)
    add_output_argument(parser, "--out", kind="folder", required=True, metavar="DIR",
                        help="folder for expressions.csv and events.csv")
    parser.add_argument("--jobs", "--workers", dest="workers", type=int, default=None, metavar="N",
                        help="processes to use (default: every core); outputs do not depend on it")
    add_strict_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Run the stage from parsed arguments; print one summary line."""
    store = pipeline.clean_store(args.corpus, strict=args.strict)
    result = run_corpus(store, workers=args.workers, strict=args.strict)
    write(result, args.out)
    resolved = int((result.expressions["value"] != "").sum())
    print(f"{result.articles} articles: {len(result.expressions)} temporal expressions ({resolved} resolved), "
          f"{len(result.events)} events → {args.out}")
    return 0
