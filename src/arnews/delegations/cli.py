"""`arnews delegations --corpus PATH --out FILE.csv`: the members table of a corpus, read from its clean store
(`pipeline.clean_store`: the corpus is loaded and cleaned once, then reused by every stage)."""

from __future__ import annotations

import argparse

__all__ = ["CLI_HELP", "add_arguments", "run"]

CLI_HELP = "extract delegation members (side, title, name, sector) from delegation-list sentences"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_output_argument, add_strict_argument

    add_corpus_argument(parser)
    add_output_argument(parser, "--out", required=True, metavar="FILE.csv",
                        help="where to write doc_id,side,title,name,canonical_name,sector,evidence")
    add_strict_argument(parser)


def run(args: argparse.Namespace) -> int:
    from arnews import files, pipeline
    from arnews.delegations.extract import extract_corpus

    store = pipeline.clean_store(args.corpus, strict=getattr(args, "strict", False))
    store.report.log()  # the loader's problems, one line each, and its summary (also when the store is reused)
    members = extract_corpus(store)
    files.write_csv(members, args.out)
    lists = members[["doc_id", "evidence"]].drop_duplicates().shape[0]
    print(f"{len(members)} delegation members in {lists} list sentences of "
          f"{members['doc_id'].nunique()} / {len(store.table)} articles → {args.out}")
    return 0
