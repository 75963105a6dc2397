"""`arnews clean`: clean a corpus once (its clean store) and write the clean articles and the removed spans."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from arnews import files
from arnews.clean.learn import discover
from arnews.clean.rules import load_rules
from arnews.clean.tables import article_records, restore_corpus

__all__ = ["CLI_HELP", "OUTPUT_FILES", "add_arguments", "run", "write_outputs"]

CLI_HELP = "strip boilerplate; write articles.jsonl (clean text) and removed.csv (what was cut, and why)"
#: The files `arnews clean` writes into --out, together.
OUTPUT_FILES = ("articles.jsonl", "removed.csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_output_argument, add_strict_argument

    add_corpus_argument(parser)
    add_output_argument(parser, "--out", kind="folder", required=True, metavar="DIR",
                        help="folder for articles.jsonl and removed.csv (other files in it are kept)")
    add_strict_argument(parser)
    parser.add_argument("--rules", metavar="FILE.yaml",
                        help="boilerplate rules (default: data/lexicons/boilerplate.yaml)")
    add_output_argument(parser, "--discover", metavar="FILE.csv",
                        help="also write lines repeated across many articles of one outlet, with the rule that "
                        "removes each (learned:<outlet> for the outlet's own boilerplate) or the guard that keeps it")
    parser.add_argument("--min-count", type=int, default=10, metavar="N",
                        help="--discover: articles of one outlet a line must appear in (default 10)")


def write_outputs(out: str | os.PathLike, articles: pd.DataFrame, removed: pd.DataFrame) -> None:
    """Write out/articles.jsonl and out/removed.csv together: the folder is swapped in one step
    (`files.atomic_folder`), so a reader never pairs the text of one run with the offsets of another; other
    files in `out` stay."""
    with files.atomic_folder(out) as tmp:
        files.write_jsonl(article_records(articles), tmp / "articles.jsonl")
        files.write_csv(removed, tmp / "removed.csv")


def run(args: argparse.Namespace) -> int:
    from arnews import pipeline  # the pipeline cleans with this package: imported when the stage runs

    out = Path(args.out)
    rules = load_rules(args.rules)  # a bad rules file stops here, before any work (the store reuses it)
    store = pipeline.clean_store(args.corpus, rules=args.rules, strict=args.strict, progress=sys.stderr.isatty())
    # what the loader met, once per run whether the store was made now or earlier
    store.report.log(more=f"all are in {store.folder / 'problems.csv'}")
    articles, removed = store.articles(), store.removed()
    write_outputs(out, articles, removed)
    learned = removed["rule"].str.startswith(f"{rules.learn.rule}:").sum() if rules.learn else 0
    print(f"{len(articles)} articles, {len(removed)} spans removed ({removed['text'].str.len().sum()} characters;"
          f" {learned} spans of lines learned per outlet) → {out / 'articles.jsonl'}, {out / 'removed.csv'}")
    if args.discover:
        raw = articles.assign(text=restore_corpus(articles, removed))
        candidates = discover(raw, args.min_count, rules=rules)
        files.write_csv(candidates, args.discover)
        print(f"{len(candidates)} candidate boilerplate lines → {args.discover}", file=sys.stdout)
    return 0

