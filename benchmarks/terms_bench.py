"""Benchmark `arnews terms` against today's `arnews terms` and a CAMeL-Tools-style pipeline, in one run.

Every pipeline runs in a fresh process on the same corpus, end to end, and writes a CSV. What each reads and does:

- **arnews terms (store made)**: `arnews terms --corpus C --out X` with the corpus's clean store already in
  data/interim (or $ARNEWS_INTERIM): reads the store's shards, tokenizes (compiled), joins names, maps forms to
  terms, finds phrases, counts occurrences and articles, writes term,count,docs.
- **arnews terms (cold)**: the same with an empty interim folder: loads and cleans the raw corpus into a clean
  store first (`pipeline.clean_store`), then the above.
- **arnews terms --jobs 2 (store made)**: the first, with two worker processes scanning the shards (the default
  is one, this process, with a worker thread that splits the next shards: `terms.engine.DEFAULT_JOBS`).
- **arnews terms (baseline)**: today's `arnews terms` before this engine (a checkout given by --baseline, run
  with its own code): streams the raw corpus (load, clean, tokenize, count) in worker processes.
- **CAMeL-like chain (raw corpus)**: load and clean the raw corpus (`corpus.load`, `clean.clean_corpus`), then
  per article NFKC, dediacritize, alef normalization, `simple_word_tokenize`, a Counter (CAMeL Tools' chain
  reimplemented with re and unicodedata); writes term,count.
- **CAMeL-like chain (clean store)**: the same chain over the clean store's articles (no loading or cleaning).
- **naive pandas apply (clean store)**: the store's articles, `.apply(arabic.fold)`, a word regex, value_counts for
  counts and articles.

Reported: wall seconds (the median of three runs for arnews, one for the others) from runs that are not watched,
CPU seconds of all processes of the same run, the peak of the summed memory (PSS) of the process and its workers
from one more run under a sampler, and the speed-up of `arnews terms` over each other pipeline.

    python benchmarks/run.py --only terms [--corpus ../shared/corpora/saudinewsnet]
    python benchmarks/terms_bench.py --baseline /path/to/checkout-of-main [--corpus DIR]
    python benchmarks/terms_bench.py --pipeline camel-raw --corpus DIR --out X.csv   # one pipeline, in-process
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
import threading
import time
import unicodedata
from collections import Counter
from pathlib import Path

from common import DEFAULT_CORPUS, write_results

HERE = Path(__file__).resolve().parent

# --- the comparison pipelines (run in a child process via --pipeline) --------------------------------------

_TOKEN = re.compile(r"\w+")
# CAMeL Tools' chain, reimplemented with re/unicodedata: normalize_unicode (NFKC), dediac_ar,
# normalize_alef_ar, simple_word_tokenize, then a Counter.
_DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = re.compile("[إأٱآ]")
_SIMPLE_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670]+|[^\w\s]", re.UNICODE)


def _store_texts(corpus_path: str) -> list[str]:
    from arnews import pipeline

    return pipeline.clean_store(corpus_path, progress=False).articles()["text"].tolist()


def _raw_texts(corpus_path: str) -> list[str]:
    from arnews import clean, corpus

    return clean.clean_corpus(corpus.load(corpus_path))[0]["text"].tolist()


def camel_like(texts: list[str], out: str) -> None:
    """NFKC → dediacritize → alef-normalize → simple word tokenize → Counter, one article at a time."""
    counts: Counter = Counter()
    for text in texts:
        text = _ALEF.sub("ا", _DIAC.sub("", unicodedata.normalize("NFKC", text)))
        counts.update(_SIMPLE_TOKEN.findall(text))
    with open(out, "w", encoding="utf-8") as f:
        f.write("term,count\n")
        for term, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            f.write(f"{term},{n}\n")


def naive_pandas(texts: list[str], out: str) -> None:
    """Straightforward pandas: .apply the core's fold and a \\w+ tokenizer to every article, value_counts."""
    import pandas as pd

    from arnews import arabic

    tokens = pd.Series(texts).apply(arabic.fold).apply(_TOKEN.findall)
    counts = tokens.explode().value_counts()
    docs = tokens.apply(set).explode().value_counts()
    table = pd.DataFrame({"count": counts, "docs": docs.reindex(counts.index)}).rename_axis("term").reset_index()
    table.sort_values(["count", "term"], ascending=[False, True]).to_csv(out, index=False)


COMPARISONS = {
    "camel-raw": lambda corpus, out: camel_like(_raw_texts(corpus), out),
    "camel-store": lambda corpus, out: camel_like(_store_texts(corpus), out),
    "naive-store": lambda corpus, out: naive_pandas(_store_texts(corpus), out),
}


def _arnews(python: str, corpus: str, out: str) -> list[str]:
    return [python, "-m", "arnews", "terms", "--corpus", corpus, "--out", out]


def _comparison(name: str):
    return lambda corpus, out: [sys.executable, __file__, "--pipeline", name, "--corpus", corpus, "--out", out]


#: Timed runs per arnews measurement (the median is reported).
TIMINGS = 3

# --- measuring ----------------------------------------------------------------------------------------------


def _memory(pid: int) -> int:
    """Proportional set size (bytes) of one process: shared pages (fork) are split, not counted twice."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
    except (OSError, StopIteration, ValueError):
        return 0


def _tree_memory(pid: int) -> int:
    """Summed PSS (bytes) of the descendants of `pid` (the measuring wrapper itself is left out)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total, stack = 0, list(children.get(pid, []))
    while stack:
        p = stack.pop()
        total += _memory(p)
        stack.extend(children.get(p, []))
    return total


def measure(command: list[str], timings: int = 1, env=lambda: {}) -> dict:
    """Time `command` (the median of `timings` runs), then run it once more under the memory sampler.

    The sampler reads /proc every 10 ms, which takes CPU from the run it watches (a third busy process on a
    2-core machine), so the runs that are timed are not sampled. Returns wall seconds, CPU seconds (of the
    same run), peak summed PSS of the process tree and the peak single-process RSS.
    """
    runs = sorted((_run(command, watch=False, env=env()) for _ in range(timings)), key=lambda r: r["seconds"])
    timed = runs[len(runs) // 2]
    sampled = _run(command, watch=True, env=env())
    return {**timed, "peak_tree_mb": sampled["peak_tree_mb"], "peak_process_mb": sampled["peak_process_mb"]}


def _run(command: list[str], watch: bool, env: dict | None = None) -> dict:
    """Run `command` in a wrapper process (with `env` added to the environment); return wall seconds, peak tree
    memory, peak single-process RSS and CPU seconds."""
    wrapper = [sys.executable, __file__, "--wrap", "--", *command]
    start = time.perf_counter()
    process = subprocess.Popen(wrapper, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TQDM_DISABLE": "1", **(env or {})})
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_memory(process.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    if watch:
        sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    if watch:
        sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
    single_kb, cpu = (float(x) for x in stdout.split())
    return {"seconds": wall, "peak_tree_mb": peak / 1e6, "peak_process_mb": single_kb / 1e3, "cpu_seconds": cpu}


def _wrap(command: list[str]) -> int:
    """Run the command as our child; print its peak RSS (KB, largest process) and CPU seconds (all children)."""
    code = subprocess.run(command, stdout=subprocess.DEVNULL).returncode
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
    return code


def _text_megabytes(sources: list[Path]) -> float:
    from arnews import corpus

    return sum(len(t.encode("utf-8")) for s in sources for t in corpus.load_source(s)["text"]) / 1e6


def machine() -> str:
    model = "unknown CPU"
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{model}; {os.cpu_count()} cores; Python {platform.python_version()}; {platform.system()} "
            f"{platform.release()}; load average at start {load}")


def run(corpus_path: Path = DEFAULT_CORPUS, baseline: Path | None = None, results: Path = HERE / "results"
        ) -> list[dict]:
    """Measure every pipeline; write results/terms.csv and results/terms.md; return the rows."""
    import pandas as pd

    from arnews import corpus, pipeline

    sources = corpus.sources(corpus_path)
    megabytes = _text_megabytes(sources)
    header = machine()
    rows = []
    with tempfile.TemporaryDirectory(prefix="arnews-bench-") as tmp:
        tmp = Path(tmp)
        warm = tmp / "interim"
        pipeline.clean_store(corpus_path, interim=warm, progress=False)  # the store of the warm runs
        cold_runs = iter(range(1000))
        pipelines = [
            ("arnews terms (store made)", lambda c, o: _arnews(sys.executable, c, o),
             lambda: {"ARNEWS_INTERIM": str(warm)}, TIMINGS),
            ("arnews terms (cold)", lambda c, o: _arnews(sys.executable, c, o),
             lambda: {"ARNEWS_INTERIM": str(tmp / f"cold{next(cold_runs)}")}, TIMINGS),
            ("arnews terms --jobs 2 (store made)", lambda c, o: [*_arnews(sys.executable, c, o), "--jobs", "2"],
             lambda: {"ARNEWS_INTERIM": str(warm)}, TIMINGS),
        ]
        if baseline is not None:
            python = baseline / ".venv" / "bin" / "python"
            python = python if python.exists() else Path(sys.executable)
            base_env = {"PYTHONPATH": str(baseline / "src")}
            subprocess.run(_arnews(str(python), str(corpus_path), str(tmp / "warmup.csv")),
                           env={**os.environ, **base_env}, capture_output=True, check=True)  # compiles its kernels
            pipelines.append(("arnews terms (baseline)", lambda c, o: _arnews(str(python), c, o), lambda: base_env,
                              TIMINGS))
        pipelines += [
            ("CAMeL-like chain (raw corpus)", _comparison("camel-raw"), lambda: {"ARNEWS_INTERIM": str(warm)}, 1),
            ("CAMeL-like chain (clean store)", _comparison("camel-store"), lambda: {"ARNEWS_INTERIM": str(warm)}, 1),
            ("naive pandas apply (clean store)", _comparison("naive-store"), lambda: {"ARNEWS_INTERIM": str(warm)},
             1),
        ]
        for name, command, env, timings in pipelines:
            out = tmp / f"{len(rows)}.csv"
            print(f"terms bench: {name} ({megabytes:.0f} MB) …", file=sys.stderr, flush=True)
            m = measure(command(str(corpus_path), str(out)), timings=timings, env=env)
            rows.append({"pipeline": name, "text_mb": round(megabytes, 1), "seconds": round(m["seconds"], 2),
                         "mb_per_s": round(megabytes / m["seconds"], 1), "cpu_seconds": round(m["cpu_seconds"], 2),
                         "peak_rss_mb": round(m["peak_tree_mb"]), "peak_process_mb": round(m["peak_process_mb"])})
            print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    ours = {"store made": table.loc[0, "seconds"], "cold": table.loc[1, "seconds"]}
    for kind, seconds in ours.items():
        table[f"× vs arnews ({kind})"] = (table["seconds"] / seconds).round(2)
    write_results(results, "terms", [
        "# Benchmark: term counting",
        "",
        f"Corpus: `{corpus_path.name}` ({len(sources)} files, {megabytes:.1f} MB of UTF-8 article text).",
        "",
        f"Machine: {header}.",
        "",
        "What each pipeline reads and does (benchmarks/terms_bench.py): arnews terms (store made) reads the clean "
        "store and counts terms (tokens, names, clitics, phrases, stopwords; counts and articles); (cold) makes "
        "the clean store from the raw corpus first (load and clean), then the same; --jobs 2 scans the shards in "
        "two worker processes (the default is this process, with a thread that splits the next shards); (baseline) "
        "is `arnews terms` before this engine, streaming the raw corpus through load, clean and count; the "
        "CAMeL-like chain (NFKC, dediacritize, alef normalization, simple_word_tokenize, Counter) reads either the "
        "raw corpus (load and clean included) or the clean store, and counts tokens only; the naive pandas "
        "pipeline reads the store.",
        "",
        f"seconds, mb_per_s, cpu_seconds: the median of {TIMINGS} runs for arnews (one for the comparisons), timed "
        "without the memory sampler. cpu_seconds: user+system time of all processes. peak_rss_mb: peak of the "
        "summed PSS of the process and its workers; peak_process_mb: the largest single process (max RSS), both "
        "from one more run under the sampler. `× vs arnews (…)`: a pipeline's seconds divided by arnews terms' "
        "(how many times faster arnews terms is).",
        "",
    ], table)
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--wrap"]:
        return _wrap(argv[2:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--baseline", type=Path, help="a checkout of the arnews to compare with (its src/ and .venv)")
    parser.add_argument("--pipeline", choices=sorted(COMPARISONS), help="run one comparison pipeline in-process")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.pipeline:
        COMPARISONS[args.pipeline](str(args.corpus), str(args.out))
        return 0
    run(args.corpus, args.baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
