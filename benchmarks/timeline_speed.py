"""Benchmark: `python -m arnews timeline` end to end on SaudiNewsNet, on one core and on every core.

Run: `.venv/bin/python benchmarks/timeline_speed.py [--repeat 1] [--corpus PATH]`. Prints one line per worker
count: median wall time of the whole CLI run (start-up, load, clean, tag, group, write) and MB/s of article
text (UTF-8 bytes of the loaded texts, 96 MB for SaudiNewsNet). The target of issue 8 is >= 5 MB/s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from arnews import REPO_ROOT, corpus


def saudinewsnet() -> Path | None:
    for base in (REPO_ROOT.parent, REPO_ROOT.parent.parent):
        path = base / "shared" / "corpora" / "saudinewsnet"
        if path.is_dir():
            return path
    return None


def text_megabytes(path: Path) -> float:
    """UTF-8 size of the article texts (what MB/s is measured against), in MB."""
    return sum(len(t.encode("utf-8")) for t in corpus.load(path)["text"]) / 1e6


def timed_run(path: Path, workers: int, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "arnews", "timeline", "--corpus", str(path), "--out", out,
                            "--workers", str(workers)], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    path = args.corpus or saudinewsnet()
    if path is None:
        sys.exit("SaudiNewsNet not found beside the repository; pass --corpus PATH")
    megabytes = text_megabytes(path)
    print(f"corpus {path} · {megabytes:.1f} MB of text · {os.cpu_count()} cores")
    for workers in sorted({1, os.cpu_count() or 1}):
        seconds = timed_run(path, workers, args.repeat)
        print(f"timeline, {workers} worker(s): {seconds:6.2f} s  {megabytes / seconds:6.2f} MB/s")


if __name__ == "__main__":
    main()
