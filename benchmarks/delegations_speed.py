"""Benchmark: delegation-list extraction on SaudiNewsNet (or any corpus).

Run: `.venv/bin/python benchmarks/delegations_speed.py [--corpus PATH] [--repeat 1]`. Prints the load time, the
median extraction time (cue search, list grammar, reconciliation, sectors; one core), MB/s of article text
and what was found (members, lists, articles).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from common import saudinewsnet

from arnews import corpus, delegations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    path = args.corpus or saudinewsnet()
    if path is None:
        raise SystemExit("no corpus: pass --corpus PATH (SaudiNewsNet was not found beside the repository)")
    start = time.perf_counter()
    articles = corpus.load(path)
    loaded = time.perf_counter() - start
    megabytes = sum(len(t.encode("utf-8")) for t in articles["text"]) / 1e6
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        members = delegations.extract_corpus(articles, progress=False)
        times.append(time.perf_counter() - start)
    took = statistics.median(times)
    lists = members[["doc_id", "evidence"]].drop_duplicates().shape[0]
    print(f"{path}: {len(articles)} articles, {megabytes:.1f} MB of text, loaded in {loaded:.1f} s")
    print(f"extraction: {took:.1f} s ({megabytes / took:.1f} MB/s, {len(articles) / took:.0f} articles/s)")
    print(f"found: {len(members)} members in {lists} lists of {members['doc_id'].nunique()} articles")


if __name__ == "__main__":
    main()
