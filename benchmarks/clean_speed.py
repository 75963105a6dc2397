"""How fast is cleaning, end to end and by part, next to a naive pandas-apply cleaner?

    .venv/bin/python benchmarks/clean_speed.py [--corpus PATH] [--out benchmarks/results/clean.csv]

Measures, in one run on the same corpus (default ../shared/corpora/saudinewsnet), best of --repeats:
  * `clean.learn_lines` (pass 1: the lines each outlet repeats) and the cleaning pass with those lines
    (pass 2), and `clean.clean_corpus` (both) on the loaded table, in MB/s of UTF-8 raw text;
  * `python -m arnews clean` end to end with an empty clean store (start-up, load, clean, store, write
    articles.jsonl + removed.csv) and again with the store made (the outputs written from it);
  * a naive cleaner: one `Series.apply(re.sub)` pass per written rule over the loaded table (no learned lines,
    no removed spans, so not even lossless);
and checks that the two CLI runs write byte-identical files. Wall-clock seconds give the MB/s; CPU seconds and
the load average show how busy the machine was. Writes a CSV table and prints it as Markdown.

The compiled prefix search that cleaning used before (numba kernel over literal prefixes read with the private
`re._parser`) was measured on main (db0bef7) before it was removed, in one run on SaudiNewsNet on this machine:
`clean_corpus` 1.01 s and 1.14 s with it, 1.23 s and 1.29 s without (about 15%); too small a gain for a private API
and a second implementation of the search, so cleaning now has one path (see benchmarks/results/clean.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from common import DEFAULT_CORPUS

from arnews import clean, corpus, files

ROOT = Path(__file__).resolve().parents[1]


def best(function, repeats: int) -> tuple[float, float]:
    """Best wall-clock and its CPU seconds of `function()` over `repeats` calls."""
    runs = []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        function()
        runs.append((time.perf_counter() - start, time.process_time() - cpu))
    return min(runs)


def time_cli(path: Path, out: Path, interim: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (all its processes) of one `python -m arnews clean` run."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "arnews", "clean", "--corpus", str(path), "--out", str(out)],
                   check=True, capture_output=True, env={**os.environ, "ARNEWS_INTERIM": str(interim)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)


def naive(articles: pd.DataFrame) -> None:
    """A straightforward cleaner: one regex pass per written rule over every article."""
    texts = articles["text"]
    for rule in clean.default_rules().rules:
        if rule.kind in ("line", "block"):
            regex = re.compile(rf"^[ \t\xa0]*(?:{rule.pattern})[ \t\xa0]*\n?", re.M)
        elif rule.kind == "trailer":
            regex = re.compile(rf"(?:{rule.pattern})[\s\S]*")
        elif rule.kind == "inline":
            regex = re.compile(rule.pattern)
        else:
            continue
        texts = texts.apply(lambda text, regex=regex: regex.sub("", text))


def measure(path: Path, repeats: int = 3) -> pd.DataFrame:
    """The timings above, in a table."""
    articles = corpus.load(path)
    megabytes = articles["text"].str.encode("utf-8").str.len().sum() / 1e6
    rules = clean.default_rules()
    learned = clean.learn_lines(articles, rules)
    rows = []
    for name, function in (
            ("pass 1: learn_lines (lines each outlet repeats)", lambda: clean.learn_lines(articles, rules)),
            ("pass 2: cleaning with the learned lines", lambda: clean.clean_corpus(articles, rules, learned=learned)),
            ("clean_corpus (both passes)", lambda: clean.clean_corpus(articles, rules)),
            ("naive pandas apply, one re.sub pass per rule (not lossless)", lambda: naive(articles))):
        wall, cpu = best(function, repeats)
        rows.append({"pipeline": name, "seconds": wall, "cpu seconds": cpu})
    outputs = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("arnews clean, new clean store", "arnews clean, clean store reused"):
            out = Path(tmp) / f"out{len(outputs)}"
            wall, cpu = time_cli(path, out, Path(tmp) / "interim")
            outputs.append([(out / f).read_bytes() for f in clean.OUTPUT_FILES])
            rows.append({"pipeline": name, "seconds": wall, "cpu seconds": cpu})
    table = pd.DataFrame(rows)
    table["MB/s"] = megabytes / table["seconds"]
    table["corpus MB"] = megabytes
    table["identical outputs (store made / reused)"] = [None] * 4 + [outputs[0] == outputs[1]] * 2
    table["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    table["load average"] = round(os.getloadavg()[0], 1)  # other work on the machine slows the wall clock
    return table.round({"seconds": 2, "cpu seconds": 2, "MB/s": 1, "corpus MB": 1})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "clean.csv")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"clean_speed: corpus {args.corpus} does not exist", file=sys.stderr)
        return 2
    table = measure(args.corpus, args.repeats)
    files.write_csv(table, args.out)
    try:
        print(table.to_markdown(index=False))
    except ImportError:  # tabulate is not installed
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
