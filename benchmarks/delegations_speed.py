"""Benchmark: delegation-list extraction on SaudiNewsNet (or any corpus), from its clean store.

Run: `.venv/bin/python benchmarks/delegations_speed.py [--corpus PATH] [--repeat 1]`. The corpus is loaded and
cleaned once (`pipeline.clean_store`, not timed as extraction); the extraction of every article (cues, list
grammar, sides, reconciliation, sectors) is then timed in one process and on every core (`arnews.runner`), in
the same run, and reported as seconds, MB/s of clean text, and the ratio of the two. Printed too: what was
found (members, list sentences, articles) — the same for both runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from common import DEFAULT_CORPUS

from arnews import delegations, pipeline, runner


def timed(store: pipeline.CleanStore, jobs: int, repeat: int):
    times, members = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        members = delegations.extract_corpus(store, progress=False, jobs=jobs)
        times.append(time.perf_counter() - start)
    return statistics.median(times), members


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    store = pipeline.clean_store(args.corpus, progress=False)
    prepared = time.perf_counter() - start
    megabytes = sum(len(t.encode("utf-8")) for t in store.articles()["text"]) / 1e6
    one, members = timed(store, 1, args.repeat)
    cores = runner.available_cores()
    many, parallel = timed(store, 0, args.repeat)
    assert members.equals(parallel), "the result depends on the number of workers"
    lists = members[["doc_id", "evidence"]].drop_duplicates().shape[0]
    print(f"{args.corpus}: {len(store.table)} articles, {megabytes:.1f} MB of clean text "
          f"(clean store ready in {prepared:.1f} s)")
    print(f"extraction, 1 process: {one:.1f} s ({megabytes / one:.2f} MB/s)")
    print(f"extraction, {cores} cores: {many:.1f} s ({megabytes / many:.2f} MB/s) — {one / many:.2f}× the one process")
    print(f"found: {len(members)} members in {lists} list sentences of {members['doc_id'].nunique()} articles")


if __name__ == "__main__":
    main()
