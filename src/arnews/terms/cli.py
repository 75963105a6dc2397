"""`arnews terms --corpus PATH --out FILE.csv [--top N] [--jobs N] [--strict]`: the table of terms.

Reads the corpus's clean store (made by `pipeline.clean_store` the first time, reused after), counts its
terms (`terms.engine`) and writes `term,count,docs` (count = occurrences, docs = articles containing the
term), sorted by count then term. The output is byte-identical whatever --jobs is. What the loader met in the
corpus (skipped or repaired files and records) is said on stderr, one line per problem, then a summary.
"""

from __future__ import annotations

import argparse
import sys

from arnews import files, pipeline
from arnews.errors import InputError
from arnews.terms.engine import count_terms

__all__ = ["CLI_HELP", "add_arguments", "run"]

CLI_HELP = "count terms (clitics stripped, names and phrases joined, stopwords dropped) → term,count,docs CSV"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_output_argument, add_strict_argument

    add_corpus_argument(parser)
    add_output_argument(parser, "--out", required=True, metavar="FILE.csv", help="where to write term,count,docs")
    parser.add_argument("--top", type=int, default=None, metavar="N", help="keep only the N most frequent terms")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes that scan the corpus (default: 1, this process; more pay only on many "
                        "cores); the output does not depend on it")
    add_strict_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.top is not None and args.top < 1:
        raise InputError(None, f"--top must be a positive number, got {args.top}")
    if args.jobs is not None and args.jobs < 1:
        raise InputError(None, f"--jobs must be a positive number, got {args.jobs}")
    store = pipeline.clean_store(args.corpus, strict=args.strict, progress=sys.stderr.isatty())
    result = count_terms(store, jobs=args.jobs)
    table = result.table if args.top is None else result.table.head(args.top)
    files.write_csv(table, args.out)
    # what the loader met, once per run whether the store was made now or earlier: one line per problem, then
    # the summary
    store.report.log(more=f"all are in {store.folder / 'problems.csv'}")
    print(f"{len(table)} terms from {result.articles} articles → {args.out}", file=sys.stderr)
    return 0
