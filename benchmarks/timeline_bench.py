"""Benchmark `arnews timeline` (on every core and on one) against a naive pandas-apply pipeline, and the
tagger on long articles.

Each pipeline runs in a fresh process on the corpus, end to end: load, clean (`arnews timeline` makes the
corpus's clean store in an empty interim folder), tag and resolve temporal expressions, find and group events,
write expressions.csv and events.csv; one more row reuses the clean store, as every stage after `clean` does.
Reported: wall time, MB/s of UTF-8 article text (issue 8 asks ≥ 5 MB/s on 2 cores), CPU seconds and peak
memory, measured as in terms_bench (peak summed PSS of the process tree, and the largest single process).

Long articles (issue 18: linear time in an article's length): one article made of the seed articles' dated
sentences, 1, 2 and 4 MB, once with its sentences and once as one run-on paragraph without sentence
punctuation; `timeline.analyse` timed in this process, with each time's ratio to the 1 MB one.

    python benchmarks/run.py --only timeline [--corpus ../shared/corpora/saudinewsnet]
    python benchmarks/timeline_bench.py --pipeline naive --corpus DIR --out DIR   # the baseline, in-process
    python benchmarks/timeline_bench.py --long                                     # the long articles only
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import terms_bench  # noqa: E402  (shares the measuring harness: memory sampling, machine line)
from common import DEFAULT_CORPUS, write_results  # noqa: E402


def naive_pandas(corpus_path: str, out: str) -> None:
    """Straightforward pandas: load all, clean, then .apply the tagger to every row in one process."""
    import pandas as pd

    from arnews import clean, corpus, files, timeline

    articles, _ = clean.clean_corpus(corpus.load(corpus_path))
    found = articles.apply(lambda row: timeline.analyse(row["doc_id"], row["text"], row["published"]), axis=1)
    expressions = pd.DataFrame(
        [(doc, e.start, e.end, e.text, e.value, e.precision)
         for doc, (exprs, _) in zip(articles["doc_id"], found, strict=True) for e in exprs],
        columns=timeline.EXPRESSION_COLUMNS)
    files.write_csv(expressions, Path(out) / "expressions.csv")
    files.write_csv(timeline.events(m for _, ms in found for m in ms), Path(out) / "events.csv")


def cold_stage(arguments: list[str]) -> int:
    """`python -m arnews timeline ARGUMENTS` with an empty interim folder: the clean store is made in the run."""
    interim = tempfile.mkdtemp(prefix="arnews-bench-interim-")
    try:
        return subprocess.run([sys.executable, "-m", "arnews", "timeline", *arguments],
                              env={**os.environ, "ARNEWS_INTERIM": interim}).returncode
    finally:
        shutil.rmtree(interim, ignore_errors=True)


PIPELINES = {
    "arnews timeline": lambda corpus, out: [sys.executable, __file__, "--cold", "--corpus", corpus, "--out", out],
    "arnews timeline, 1 worker": lambda corpus, out: [sys.executable, __file__, "--cold", "--corpus", corpus,
                                                      "--out", out, "--workers", "1"],
    "arnews timeline, clean store reused": lambda corpus, out: [sys.executable, "-m", "arnews", "timeline",
                                                                "--corpus", corpus, "--out", out],
    "naive pandas apply": lambda corpus, out: [sys.executable, __file__, "--pipeline", "naive", "--corpus", corpus,
                                               "--out", out],
}


def long_article(megabytes: float, run_on: bool) -> str:
    """An article of about `megabytes` MB: the seed articles' dated sentences, repeated; `run_on`: one paragraph
    (every sentence end and line break a comma)."""
    from arnews import arabic, clean, corpus, timeline

    cleaned, _ = clean.clean_corpus(corpus.load(HERE.parent / "data" / "raw"), progress=False)
    unit = "\n".join(text[s:e] for text in cleaned["text"] for s, e in arabic.sentences(text)
                     if timeline.tag(text[s:e]))
    joiner = "\n"
    if run_on:
        unit, joiner = re.sub(r"[.!?؟\n]", "،", unit), "، "
    return joiner.join([unit] * max(1, round(megabytes * 1e6 / len(unit.encode()))))


def long_articles(results: Path = HERE / "results") -> list[dict]:
    """Time `timeline.analyse` on 1, 2 and 4 MB articles; write results/timeline_long.csv and .md."""
    import pandas as pd

    from arnews import timeline

    rows = []
    for layout in ("sentences", "run-on"):
        base = None
        for megabytes in (1, 2, 4):
            text = long_article(megabytes, layout == "run-on")
            seconds = float("inf")
            for _ in range(3):  # CPU time of this process, the least of three: other processes only ever add
                start = time.process_time()
                found, mentions = timeline.analyse("long", text, "2024-06-20")
                seconds = min(seconds, time.process_time() - start)
            base = base or seconds
            rows.append({"layout": layout, "mb": round(len(text.encode()) / 1e6, 2), "cpu_seconds": round(seconds, 2),
                         "ratio_to_1mb": round(seconds / base, 2), "expressions": len(found),
                         "mentions": len(mentions)})
            print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    write_results(results, "timeline_long", [
        "# Benchmark: timeline on long articles",
        "",
        "One article of the seed articles' dated sentences repeated to 1, 2 and 4 MB; `run-on`: the same text as "
        "one paragraph without sentence punctuation. `timeline.analyse` (tag, resolve, find event mentions) in "
        "one process; CPU seconds of that process, the least of three runs. Linear time: the 4 MB article takes "
        "about four times the 1 MB one (issue 18).",
        "",
        f"Machine: {terms_bench.machine()}.",
        "",
    ], pd.DataFrame(rows))
    return rows


def run(corpus_path: Path = DEFAULT_CORPUS, results: Path = HERE / "results") -> list[dict]:
    """Measure every pipeline; write results/timeline.csv and results/timeline.md; return the rows."""
    import pandas as pd

    from arnews import corpus, pipeline

    sources = corpus.sources(corpus_path)
    megabytes = terms_bench._text_megabytes(sources)
    header = terms_bench.machine()
    rows = []
    pipeline.clean_store(corpus_path, progress=False)  # the store the "reused" row reads
    with tempfile.TemporaryDirectory(prefix="arnews-bench-") as tmp:
        for name, command in PIPELINES.items():
            out = Path(tmp) / name.split(",")[0].replace(" ", "_")
            print(f"timeline bench: {name} ({megabytes:.0f} MB) …", file=sys.stderr, flush=True)
            m = terms_bench.measure(command(str(corpus_path), str(out)))
            rows.append({"pipeline": name, "text_mb": round(megabytes, 1), "seconds": round(m["seconds"], 2),
                         "mb_per_s": round(megabytes / m["seconds"], 1), "cpu_seconds": round(m["cpu_seconds"], 2),
                         "peak_rss_mb": round(m["peak_tree_mb"]), "peak_process_mb": round(m["peak_process_mb"])})
            print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    write_results(results, "timeline", [
        "# Benchmark: timeline",
        "",
        f"Corpus: `{corpus_path.name}` ({len(sources)} files, {megabytes:.1f} MB of UTF-8 article text). End to end: "
        "load, clean, tag and resolve temporal expressions, group events, write expressions.csv and events.csv.",
        "",
        f"Machine: {header}.",
        "",
        "The naive pipeline does the same work in one process with pandas `.apply`; `arnews timeline` makes the "
        "corpus's clean store (load and clean), then maps the tagger over its shards on every core; `clean store "
        "reused` is the run of a later stage or notebook. Target (issue 8): ≥ 5 MB/s on 2 cores.",
        "",
    ], table)
    long_articles(results)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pipeline", choices=["naive"], help="run one comparison pipeline in this process")
    parser.add_argument("--out", type=Path, help="output folder of --pipeline")
    parser.add_argument("--cold", action="store_true", help="run `arnews timeline` with an empty interim folder")
    parser.add_argument("--workers", help="with --cold: worker processes")
    parser.add_argument("--long", action="store_true", help="measure the long articles only")
    args = parser.parse_args(argv)
    if args.cold:
        workers = ["--workers", args.workers] if args.workers else []
        return cold_stage(["--corpus", str(args.corpus), "--out", str(args.out), *workers])
    if args.long:
        long_articles()
        return 0
    if args.pipeline == "naive":
        naive_pandas(str(args.corpus), str(args.out))
        return 0
    run(args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
