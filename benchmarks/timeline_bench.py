"""Benchmark `arnews timeline` (on every core and on one) against a naive pandas-apply pipeline.

Each pipeline runs in a fresh process on the corpus, end to end: load, clean, tag and resolve temporal
expressions, find and group events, write expressions.csv and events.csv. Reported: wall time, MB/s of
UTF-8 article text (issue 8 asks ≥ 5 MB/s on 2 cores), CPU seconds and peak memory, measured as in
terms_bench (peak summed PSS of the process tree, and the largest single process).

    python benchmarks/run.py --only timeline [--corpus ../shared/corpora/saudinewsnet]
    python benchmarks/timeline_bench.py --pipeline naive --corpus DIR --out DIR   # the baseline, in-process
"""

from __future__ import annotations

import argparse
import sys
import tempfile
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


PIPELINES = {
    "arnews timeline": lambda corpus, out: [sys.executable, "-m", "arnews", "timeline", "--corpus", corpus,
                                            "--out", out],
    "arnews timeline, 1 worker": lambda corpus, out: [sys.executable, "-m", "arnews", "timeline", "--corpus",
                                                      corpus, "--out", out, "--workers", "1"],
    "naive pandas apply": lambda corpus, out: [sys.executable, __file__, "--pipeline", "naive", "--corpus", corpus,
                                               "--out", out],
}


def run(corpus_path: Path = DEFAULT_CORPUS, results: Path = HERE / "results") -> list[dict]:
    """Measure every pipeline; write results/timeline.csv and results/timeline.md; return the rows."""
    import pandas as pd

    from arnews import corpus

    sources = corpus.sources(corpus_path)
    megabytes = terms_bench._text_megabytes(sources)
    header = terms_bench.machine()
    rows = []
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
        "The naive pipeline does the same work in one process with pandas `.apply`; `arnews timeline` maps the "
        "corpus' source files over every core. Target (issue 8): ≥ 5 MB/s on 2 cores.",
        "",
    ], table)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pipeline", choices=["naive"], help="run one comparison pipeline in this process")
    parser.add_argument("--out", type=Path, help="output folder of --pipeline")
    args = parser.parse_args(argv)
    if args.pipeline == "naive":
        naive_pandas(str(args.corpus), str(args.out))
        return 0
    run(args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
