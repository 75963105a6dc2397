"""Benchmark the whole pipeline: the stage CLIs one after the other, and the notebook build, in one run.

Issue 15 asks that the build of every report on SaudiNewsNet take at most twice the summed time of the stage
CLIs (clean, terms, timeline, delegations) measured in the same run, with peak memory ≤ 1 GB per stage and
≤ 2 GB for the build. Both sequences start without a clean store (each gets its own empty ARNEWS_INTERIM):
the stages' `clean` makes the store that terms, timeline and delegations then read, as the build's notebooks
do with theirs. Time and memory are measured as in terms_bench (wall time of an unwatched run; peak summed
PSS of the process tree from one more, sampled run — that run also starts from an empty store).

    python benchmarks/run.py --only pipeline [--corpus ../shared/corpora/saudinewsnet]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import terms_bench  # noqa: E402  (the measuring harness: memory sampling, machine line)
from common import DEFAULT_CORPUS, write_results  # noqa: E402

STAGES = {
    "clean": lambda corpus, out: ["clean", "--corpus", corpus, "--out", str(out / "clean")],
    "terms": lambda corpus, out: ["terms", "--corpus", corpus, "--out", str(out / "terms.csv")],
    "timeline": lambda corpus, out: ["timeline", "--corpus", corpus, "--out", str(out / "timeline")],
    "delegations": lambda corpus, out: ["delegations", "--corpus", corpus, "--out", str(out / "delegations.csv")],
}


def _fresh_interim(tmp: Path, name: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f"interim-{name}-", dir=tmp))
    os.environ["ARNEWS_INTERIM"] = str(folder)


def _stage_sequence(corpus: str, tmp: Path, watch_memory: bool) -> dict[str, dict]:
    """Each stage CLI in pipeline order, sharing one store that `clean` makes."""
    _fresh_interim(tmp, "stages-timed")
    timed = {name: terms_bench._run([sys.executable, "-m", "arnews", *args(corpus, tmp)], watch=False)
             for name, args in STAGES.items()}
    if watch_memory:
        _fresh_interim(tmp, "stages-sampled")
        for name, args in STAGES.items():
            sampled = terms_bench._run([sys.executable, "-m", "arnews", *args(corpus, tmp)], watch=True)
            timed[name]["peak_tree_mb"] = sampled["peak_tree_mb"]
    return timed


def _build(corpus: str, tmp: Path) -> dict:
    command = [sys.executable, "-m", "arnews", "build", "--corpus", corpus, "--out", str(tmp / "build")]
    _fresh_interim(tmp, "build-timed")
    timed = terms_bench._run(command, watch=False)
    _fresh_interim(tmp, "build-sampled")
    timed["peak_tree_mb"] = terms_bench._run(command, watch=True)["peak_tree_mb"]
    return timed


def run(corpus_path: Path = DEFAULT_CORPUS, results: Path = HERE / "results") -> list[dict]:
    """Measure the stage sequence and the build; write results/pipeline.csv and .md; return the rows."""
    import pandas as pd

    header = terms_bench.machine()
    saved = os.environ.get("ARNEWS_INTERIM")
    with tempfile.TemporaryDirectory(prefix="arnews-pipeline-bench-") as tmp:
        tmp = Path(tmp)
        stages = _stage_sequence(str(corpus_path), tmp, watch_memory=True)
        build = _build(str(corpus_path), tmp)
    if saved is None:
        os.environ.pop("ARNEWS_INTERIM", None)
    else:
        os.environ["ARNEWS_INTERIM"] = saved
    rows = [{"run": f"arnews {name}", "seconds": round(m["seconds"], 2), "cpu_seconds": round(m["cpu_seconds"], 2),
             "peak_rss_mb": round(m["peak_tree_mb"])} for name, m in stages.items()]
    total = sum(m["seconds"] for m in stages.values())
    rows.append({"run": "stages, summed", "seconds": round(total, 2),
                 "cpu_seconds": round(sum(m["cpu_seconds"] for m in stages.values()), 2),
                 "peak_rss_mb": round(max(m["peak_tree_mb"] for m in stages.values()))})
    rows.append({"run": "arnews build (five notebooks)", "seconds": round(build["seconds"], 2),
                 "cpu_seconds": round(build["cpu_seconds"], 2), "peak_rss_mb": round(build["peak_tree_mb"])})
    table = pd.DataFrame(rows)
    write_results(results, "pipeline", [
        "# Benchmark: the stage CLIs and the build",
        "",
        f"Corpus: `{corpus_path.name}`. Machine: {header}.",
        "",
        "Each sequence starts from an empty clean store (its own ARNEWS_INTERIM): `clean` makes the store that "
        "the later stages read; the build's notebooks make and read theirs. peak_rss_mb: peak summed PSS of the "
        "process tree (workers and notebook kernels included), from one more run under the memory sampler.",
        "",
        f"Build / summed stages: **{build['seconds'] / total:.2f}×** (issue 15: ≤ 2×); peak memory: stages "
        f"≤ {max(m['peak_tree_mb'] for m in stages.values()):.0f} MB (≤ 1 GB), build {build['peak_tree_mb']:.0f} MB "
        "(≤ 2 GB).",
        "",
    ], table)
    return rows


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS)
