"""How fast is `arnews clean`, end to end, next to a naive pandas-apply cleaner?

    .venv/bin/python benchmarks/clean_speed.py [--corpus PATH] [--out benchmarks/results/clean.csv]

Measures, in one run on the same corpus (default ../shared/corpora/saudinewsnet):
  * `python -m arnews clean` end to end (start-up, load, clean, write articles.jsonl + removed.csv),
    with one worker process and with all cores, in MB/s of UTF-8 raw text;
  * a naive cleaner: `corpus.load`, then one `Series.apply(re.sub)` pass per rule, then the same
    JSONL written with pandas (no removed spans, so not even lossless);
and checks that the outputs of the 1-process and all-core runs are byte-identical. Wall-clock seconds
(best of --repeats) give the MB/s; CPU seconds and the load average show how busy the machine was.
Writes a CSV table and prints it as Markdown.
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


def corpus_megabytes(path: Path) -> float:
    """Size of the corpus's raw text as UTF-8, in MB (10^6 bytes)."""
    return corpus.load(path)["text"].str.encode("utf-8").str.len().sum() / 1e6


def time_cli(path: Path, jobs: int, out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (all its processes) of one `python -m arnews clean` run."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "arnews", "clean", "--corpus", str(path), "--out", str(out),
                    "--jobs", str(jobs)], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)


def time_naive(path: Path, out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a straightforward cleaner: one regex pass per rule over every article."""
    start, cpu = time.perf_counter(), time.process_time()
    articles = corpus.load(path)
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
    articles = articles.assign(text=texts)
    articles["published"] = articles["published"].astype(str)
    files.write_jsonl(articles[clean.ARTICLE_FIELDS].to_dict("records"), out / "articles.jsonl")
    return time.perf_counter() - start, time.process_time() - cpu


def measure(path: Path, repeats: int = 3) -> pd.DataFrame:
    """Best-of-`repeats` timings of the pipelines above, in a table."""
    megabytes = corpus_megabytes(path)
    cores = os.cpu_count() or 1
    rows, outputs = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, jobs in (("arnews clean, 1 process", 1), (f"arnews clean, {cores} processes", cores)):
            out = Path(tmp) / f"jobs{jobs}"
            wall, cpu = min(time_cli(path, jobs, out) for _ in range(repeats))
            outputs[jobs] = [(out / f).read_bytes() for f in ("articles.jsonl", "removed.csv")]
            rows.append({"pipeline": name, "seconds": wall, "cpu seconds": cpu})
        wall, cpu = time_naive(path, Path(tmp) / "naive")
        rows.append({"pipeline": "naive pandas apply, one re.sub pass per rule (not lossless)", "seconds": wall,
                     "cpu seconds": cpu})
    table = pd.DataFrame(rows)
    table["MB/s"] = megabytes / table["seconds"]
    table["corpus MB"] = megabytes
    table["identical outputs (1 vs all cores)"] = [outputs[1] == outputs[cores]] * 2 + [None]
    table["machine"] = f"{platform.machine()}, {cores} cores, Python {platform.python_version()}"
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
