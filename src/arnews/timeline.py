"""Skeleton: the timeline stage arrives with its issue."""

from __future__ import annotations

import argparse

CLI_HELP = "timeline (not yet implemented)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument

    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, metavar="PATH", help="output")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("arnews timeline is not implemented yet")
