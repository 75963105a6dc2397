"""Check that a change leaves `arnews terms` byte-identical: the terms.csv of this checkout against another's.

Runs `arnews terms` of both checkouts on the seeds and on SaudiNewsNet (each from an empty clean store, so both
load and clean the corpus with their own code), with the default number of jobs and with --jobs 2, and
compares the files byte for byte. Prints one line per corpus and exits 1 at the first difference (naming the
first differing row).

    python benchmarks/terms_same_output.py --baseline /path/to/checkout-of-main [--corpus DIR ...]

A checkout without its own .venv runs with this interpreter (its src/ first on the path); numba compiles its
kernels on the first run, which takes a minute.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import DEFAULT_CORPUS, ROOT

HERE = Path(__file__).resolve().parent
SEEDS = ROOT / "data" / "raw"  # the five seed articles


def _terms(checkout: Path, corpus: Path, out: Path, interim: Path, jobs: int | None) -> None:
    python = checkout / ".venv" / "bin" / "python"
    python = python if python.exists() else Path(sys.executable)
    command = [str(python), "-m", "arnews", "terms", "--corpus", str(corpus), "--out", str(out)]
    command += ["--jobs", str(jobs)] if jobs else []
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "ARNEWS_INTERIM": str(interim), "TQDM_DISABLE": "1"}
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _first_difference(a: bytes, b: bytes) -> str:
    for number, (x, y) in enumerate(zip(a.split(b"\n"), b.split(b"\n"), strict=False), start=1):
        if x != y:
            return f"line {number}: {x.decode(errors='replace')!r} ≠ {y.decode(errors='replace')!r}"
    return f"one file is longer ({len(a)} and {len(b)} bytes)"


def compare(baseline: Path, corpora: list[Path], this: Path = ROOT) -> bool:
    """Whether this checkout's terms.csv equals the baseline's on every corpus (default jobs and two)."""
    same = True
    with tempfile.TemporaryDirectory(prefix="arnews-terms-check-") as tmp:
        tmp = Path(tmp)
        for corpus in corpora:
            expected = tmp / f"{corpus.name}.baseline.csv"
            _terms(baseline, corpus, expected, tmp / "baseline-interim", None)
            for jobs in (None, 2):
                got = tmp / f"{corpus.name}.{jobs or 'default'}.csv"
                _terms(this, corpus, got, tmp / f"interim-{jobs or 'default'}", jobs)
                a, b = expected.read_bytes(), got.read_bytes()
                verdict = "identical" if a == b else f"DIFFERENT, {_first_difference(a, b)}"
                rows = a.count(b"\n") - 1
                print(f"{corpus.name} (--jobs {jobs or 'default'}): {rows} terms, {verdict}", flush=True)
                same &= a == b
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout of arnews (its src/, and .venv)")
    parser.add_argument("--corpus", type=Path, action="append",
                        help="corpora to compare (default: seeds, SaudiNewsNet)")
    args = parser.parse_args(argv)
    corpora = args.corpus or [SEEDS, DEFAULT_CORPUS]
    return 0 if compare(args.baseline, corpora) else 1


if __name__ == "__main__":
    sys.exit(main())
