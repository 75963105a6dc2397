"""Benchmark: how long `arnews.corpus.load` takes on SaudiNewsNet and on synthetic stress corpora.

Run: `.venv/bin/python benchmarks/corpus_load.py [--repeat 3]`. Prints one line per case (median wall time).
SaudiNewsNet is looked up beside the repository (`../shared/corpora/saudinewsnet`) and skipped if absent.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

from common import saudinewsnet

from arnews import corpus

# "Putin said that Russia will always support North Korea in defending its sovereignty."
SENTENCE = "وقال بوتين إن روسيا ستدعم دائما كوريا الشمالية في دفاعها عن سيادتها."




def many_small_files(folder: Path, n: int = 2000, lines: int = 20) -> Path:
    for i in range(n):
        (folder / f"a{i:06d}.txt").write_text(f"{SENTENCE} {i}\n" * lines, encoding="utf-8")
    return folder


def file_count_scaling(repeat: int) -> None:
    """Load time of 25k, 50k and 100k tiny files, and its ratio to 25k's (linear: 2 and 4)."""
    first = None
    for n in (25_000, 50_000, 100_000):
        with tempfile.TemporaryDirectory() as folder:
            seconds, rows = timed(many_small_files(Path(folder), n, lines=1), repeat)
        first = first or seconds
        print(f"{n:,} tiny .txt files{'':20s} {seconds:6.2f} s  {rows:6d} articles  ×{seconds / first:.2f}")


def one_long_line(folder: Path, megabytes: int = 20) -> Path:
    line = (SENTENCE + " ") * (megabytes * 1_000_000 // len(SENTENCE.encode("utf-8")))
    (folder / "long.txt").write_text(line, encoding="utf-8")
    return folder


def timed(path: Path, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(corpus.load_with_report(path, progress=False)[0])
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", action="store_true", help="also time 25k, 50k and 100k tiny files")
    args = parser.parse_args()
    logging.getLogger("arnews.corpus").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as long:
        cases = [("2,000 small .txt files", many_small_files(Path(small))),
                 ("one 20 MB single-line .txt", one_long_line(Path(long)))]
        real = saudinewsnet()
        if real:
            cases.insert(0, ("SaudiNewsNet (18 zips, 31,030 records)", real))
        for name, path in cases:
            seconds, rows = timed(path, args.repeat)
            print(f"{name:42s} {seconds:6.2f} s  {rows:6d} articles")
    if args.files:
        file_count_scaling(args.repeat)


if __name__ == "__main__":
    main()
