"""`arnews clean`: clean a corpus once (its clean store) and write the clean articles and the removed spans."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from arnews import files
from arnews.clean.learn import discover
from arnews.clean.rules import rules_at
from arnews.clean.tables import article_records, restore_corpus

__all__ = ["CLI_HELP", "OUTPUT_FILES", "add_arguments", "run", "write_outputs"]

CLI_HELP = "strip boilerplate; write articles.jsonl (clean text) and removed.csv (what was cut, and why)"
#: The files `arnews clean` writes into --out, together.
OUTPUT_FILES = ("articles.jsonl", "removed.csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_strict_argument

    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for articles.jsonl and removed.csv")
    add_strict_argument(parser)
    parser.add_argument("--rules", metavar="FILE.yaml",
                        help="boilerplate rules (default: data/lexicons/boilerplate.yaml)")
    parser.add_argument("--discover", metavar="FILE.csv",
                        help="also write lines repeated across many articles of one outlet, with the rule that "
                        "removes each (learned:<outlet> for the outlet's own boilerplate) or the guard that keeps it")
    parser.add_argument("--min-count", type=int, default=10, metavar="N",
                        help="--discover: articles of one outlet a line must appear in (default 10)")


def write_outputs(out: str | os.PathLike, articles: pd.DataFrame, removed: pd.DataFrame) -> None:
    """Write out/articles.jsonl and out/removed.csv so that a reader never pairs files of two runs.

    Both files are written into a temporary folder beside `out`; then the old files make way and the new ones
    are renamed into place. Other files in `out` stay. If the run stops before the renames, `out` keeps the old
    pair; a stop between them leaves removed.csv missing (never stale): its offsets are only read with the
    articles.jsonl they were written with.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".clean.", suffix=".tmp", dir=out))
    try:
        files.write_jsonl(article_records(articles), tmp / "articles.jsonl")
        files.write_csv(removed, tmp / "removed.csv")
        (out / "removed.csv").unlink(missing_ok=True)  # the spans go first: no new text beside old offsets
        os.replace(tmp / "articles.jsonl", out / "articles.jsonl")
        os.replace(tmp / "removed.csv", out / "removed.csv")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    from arnews import pipeline  # the pipeline cleans with this package: imported when the stage runs

    out = Path(args.out)
    for path in (*(out / name for name in OUTPUT_FILES), *([args.discover] if args.discover else [])):
        files.check_output_path(path, args.corpus)
    rules = rules_at(args.rules)  # a bad rules file stops here, before any work, with one clear line
    store = pipeline.clean_store(args.corpus, rules=args.rules, strict=args.strict)
    store.report.log(more="all are in the clean store's problems.csv")
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

