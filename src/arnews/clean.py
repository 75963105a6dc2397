"""Strip news boilerplate losslessly. (Skeleton: issue #4 fills this module.)

`clean_corpus(articles)` returns the articles with `text` replaced by the clean text, and the removed
spans (`doc_id, start, end, rule, text`, offsets into the raw text).
"""

from __future__ import annotations

import argparse

import pandas as pd

CLI_HELP = "strip boilerplate; write articles.jsonl (clean text) and removed.csv (what was cut, and why)"

REMOVED_COLUMNS = ["doc_id", "start", "end", "rule", "text"]


def clean_corpus(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Skeleton: returns the articles unchanged and no removed spans."""
    return articles.copy(), pd.DataFrame(columns=REMOVED_COLUMNS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_strict_argument

    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for articles.jsonl and removed.csv")
    add_strict_argument(parser)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("arnews clean arrives with issue #4")
