"""Benchmark `arnews terms` against a naive pandas-apply pipeline and a CAMeL-Tools-like chain.

Each pipeline runs in a fresh process on 1×, 2× and 4× the corpus (the corpus' source files repeated, via
symlinks in a temporary folder), end to end: load, clean, tokenize, normalize, count, write a CSV. `arnews
terms` reads, cleans and counts every copy in full, then drops the copies as exact duplicates (as
`corpus.load` would), so its table is the 1× table.
Reported: wall time (the median of three runs for arnews) and MB/s of UTF-8 article text, from runs that
are not watched, and peak memory from one more run — the peak of the summed RSS of the process and all its
children (proportional set size, sampled from /proc every 10 ms: the workers count too, pages they share
with the parent once), and the largest single process (getrusage of children).

    python benchmarks/run.py --only terms [--corpus ../shared/corpora/saudinewsnet]
    python benchmarks/terms_bench.py --pipeline naive --corpus DIR --out X.csv   # one pipeline, in-process
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

# --- the two comparison pipelines (run in a child process via --pipeline) ----------------------------------

_TOKEN = re.compile(r"\w+")


def naive_pandas(corpus_path: str, out: str) -> None:
    """Straightforward pandas: load all, clean, then .apply normalization and tokenization to every article."""
    import pandas as pd

    from arnews import clean, corpus, normalize

    articles, _ = clean.clean_corpus(corpus.load(corpus_path))
    tokens = articles["text"].apply(normalize.analysis).apply(_TOKEN.findall)
    counts = tokens.explode().value_counts()
    docs = tokens.apply(set).explode().value_counts()
    table = pd.DataFrame({"count": counts, "docs": docs.reindex(counts.index)}).rename_axis("term").reset_index()
    table.sort_values(["count", "term"], ascending=[False, True]).to_csv(out, index=False)


# CAMeL Tools' chain, reimplemented with re/unicodedata: normalize_unicode (NFKC), dediac_ar,
# normalize_alef_ar, simple_word_tokenize, then a Counter.
_DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = re.compile("[إأٱآ]")
_SIMPLE_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670]+|[^\w\s]", re.UNICODE)


def camel_like(corpus_path: str, out: str) -> None:
    """NFKC → dediacritize → alef-normalize → simple word tokenize → Counter, one article at a time."""
    from arnews import clean, corpus

    articles, _ = clean.clean_corpus(corpus.load(corpus_path))
    counts: Counter = Counter()
    for text in articles["text"]:
        text = _ALEF.sub("ا", _DIAC.sub("", unicodedata.normalize("NFKC", text)))
        counts.update(_SIMPLE_TOKEN.findall(text))
    with open(out, "w", encoding="utf-8") as f:
        f.write("term,count\n")
        for term, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            f.write(f"{term},{n}\n")


PIPELINES = {
    "arnews terms": lambda corpus, out: [sys.executable, "-m", "arnews", "terms", "--corpus", corpus, "--out", out],
    "arnews terms (library call)": lambda corpus, out: [
        sys.executable, "-c", "import sys; from arnews import files, terms; "
        "files.write_csv(terms.count_terms(sys.argv[1], progress=False).table, sys.argv[2])", corpus, out],
    "naive pandas apply": lambda corpus, out: [sys.executable, __file__, "--pipeline", "naive", "--corpus", corpus,
                                               "--out", out],
    "CAMeL-like chain": lambda corpus, out: [sys.executable, __file__, "--pipeline", "camel", "--corpus", corpus,
                                             "--out", out],
}

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


def measure(command: list[str], timings: int = 1) -> dict:
    """Time `command` (the median of `timings` runs), then run it once more under the memory sampler.

    The sampler reads /proc every 10 ms, which takes CPU from the run it watches (a third busy process on a
    2-core machine), so the runs that are timed are not sampled. Returns wall seconds, CPU seconds (of the
    same run), peak summed PSS of the process tree and the peak single-process RSS.
    """
    runs = sorted((_run(command, watch=False) for _ in range(timings)), key=lambda r: r["seconds"])
    timed = runs[len(runs) // 2]
    sampled = _run(command, watch=True)
    return {**timed, "peak_tree_mb": sampled["peak_tree_mb"], "peak_process_mb": sampled["peak_process_mb"]}


def _run(command: list[str], watch: bool) -> dict:
    """Run `command` in a wrapper process; return wall seconds, peak tree RSS and peak single-process RSS."""
    wrapper = [sys.executable, __file__, "--wrap", "--", *command]
    start = time.perf_counter()
    process = subprocess.Popen(wrapper, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TQDM_DISABLE": "1"})
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


def _repeated_corpus(sources: list[Path], copies: int, folder: Path) -> Path:
    """A folder of symlinks: every source `copies` times (c1_…, c2_…), so the corpus is `copies`× as big."""
    target = folder / f"x{copies}"
    target.mkdir()
    for c in range(1, copies + 1):
        for source in sources:
            (target / f"c{c}_{source.name}").symlink_to(source.resolve())
    return target


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


def run(corpus_path: Path = DEFAULT_CORPUS, copies=(1, 2, 4), baseline_copies=(1,),
        results: Path = HERE / "results") -> list[dict]:
    """Measure every pipeline; write results/terms.csv and results/terms.md; return the rows."""
    import pandas as pd

    from arnews import corpus

    sources = corpus.sources(corpus_path)
    megabytes = _text_megabytes(sources)
    header = machine()
    rows = []
    with tempfile.TemporaryDirectory(prefix="arnews-bench-") as tmp:
        tmp = Path(tmp)
        for n in sorted(set(copies) | set(baseline_copies)):
            folder = _repeated_corpus(sources, n, tmp)
            for name, command in PIPELINES.items():
                ours = name.startswith("arnews terms")
                if (ours and n not in copies) or (not ours and n not in baseline_copies):
                    continue
                out = tmp / f"{n}_{name.split()[0]}.csv"
                print(f"terms bench: {name}, {n}× ({megabytes * n:.0f} MB) …", file=sys.stderr, flush=True)
                m = measure(command(str(folder), str(out)), timings=TIMINGS if ours else 1)
                rows.append({"pipeline": name, "corpus": f"{n}×", "text_mb": round(megabytes * n, 1),
                             "seconds": round(m["seconds"], 2), "mb_per_s": round(megabytes * n / m["seconds"], 1),
                             "cpu_seconds": round(m["cpu_seconds"], 2), "peak_rss_mb": round(m["peak_tree_mb"]),
                             "peak_process_mb": round(m["peak_process_mb"])})
                print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    write_results(results, "terms", [
        "# Benchmark: term counting",
        "",
        f"Corpus: `{corpus_path.name}` ({len(sources)} files, {megabytes:.1f} MB of UTF-8 article text per copy); "
        "2× and 4× repeat its files (arnews processes every copy, then drops the copies as exact duplicates). "
        "End to end: load, clean, tokenize, normalize, count, write.",
        "",
        f"Machine: {header}.",
        "",
        "The comparison pipelines do less: the naive one counts normalized `\\w+` tokens and their articles "
        "(no clitics, entities or stopwords), the CAMeL-like one counts tokens only (no articles).",
        "",
        f"seconds, mb_per_s, cpu_seconds: the median of {TIMINGS} runs for arnews (one for the comparison "
        "pipelines), timed without the memory sampler, whose reads of /proc every 10 ms take CPU from the run "
        "they watch. cpu_seconds: user+system time of all processes. peak_rss_mb: peak of the summed memory "
        "(PSS) of the process and its worker processes, and peak_process_mb: the largest single process (max "
        "RSS), both from one more run under the sampler.",
        "",
    ], table)
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--wrap"]:
        return _wrap(argv[2:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--baseline-copies", type=int, nargs="+", default=[1])
    parser.add_argument("--pipeline", choices=["naive", "camel"], help="run one comparison pipeline in-process")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.pipeline:
        (naive_pandas if args.pipeline == "naive" else camel_like)(str(args.corpus), str(args.out))
        return 0
    run(args.corpus, tuple(args.copies), tuple(args.baseline_copies))
    return 0


if __name__ == "__main__":
    sys.exit(main())
