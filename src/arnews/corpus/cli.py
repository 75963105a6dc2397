"""`arnews corpus`: load a corpus and write its article table (and, with --problems, every problem found)."""

from __future__ import annotations

import argparse
import sys

from arnews import files
from arnews.corpus.loading import load_with_report
from arnews.corpus.views import article_table
from arnews.errors import printable

__all__ = ["CLI_HELP", "add_arguments", "run"]

CLI_HELP = "load a corpus and write its article table (one row per article, no text)"


def _parse_field(value: str) -> tuple[str, str]:
    column, sep, name = value.partition("=")
    if not sep or not column.strip() or not name.strip():
        raise argparse.ArgumentTypeError(f"expected COLUMN=FIELD (e.g. text=maintext), got '{value}'")
    return column.strip(), name.strip()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_output_argument, add_strict_argument

    add_corpus_argument(parser)
    add_output_argument(parser, "--out", required=True, metavar="FILE.csv",
                        help="where to write the article table (no text; with character counts)")
    parser.add_argument("--field", action="append", type=_parse_field, default=[], metavar="COLUMN=FIELD",
                        help="read COLUMN (text, title, published, outlet, url, doc_id) from the source field "
                        "FIELD, e.g. --field text=maintext (repeatable)")
    add_output_argument(parser, "--problems", metavar="FILE.csv", help="also write every problem found to this table")
    add_strict_argument(parser)


def run(args: argparse.Namespace) -> int:
    fields = dict(args.field) or None
    articles, report = load_with_report(args.corpus, fields, args.strict)
    more = f"all are in {args.problems}" if args.problems else "write them all with --problems FILE.csv"
    report.log(more=printable(more))
    files.write_csv(article_table(articles), args.out)
    if args.problems:
        files.write_csv(report.table(), args.problems)
    if not report.problems:
        print(report.summary(), file=sys.stderr)
    print(printable(f"{len(articles)} articles → {args.out}"))
    return 0
