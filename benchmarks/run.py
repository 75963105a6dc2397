"""Benchmarks of the stages on a real corpus (default ../shared/corpora/saudinewsnet), one section each.

    python benchmarks/run.py                 # every section
    python benchmarks/run.py --only terms    # one section

Each section writes benchmarks/results/<section>.md and .csv (docs/DEVELOPING.md shows the latest tables).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import clean_speed  # noqa: E402
import pipeline_bench  # noqa: E402
import terms_bench  # noqa: E402
import timeline_bench  # noqa: E402
from common import DEFAULT_CORPUS  # noqa: E402

from arnews import files  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def clean_section(corpus: Path) -> None:
    table = clean_speed.measure(corpus)
    files.write_csv(table, RESULTS / "clean.csv")
    files.write_text(RESULTS / "clean.md", table.to_string(index=False) + "\n")

#: section name → function(corpus_path) that measures it and writes its results table.
SECTIONS = {
    "clean": clean_section,
    "terms": lambda corpus: terms_bench.run(corpus),
    "timeline": lambda corpus: timeline_bench.run(corpus),
    "pipeline": lambda corpus: pipeline_bench.run(corpus),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(SECTIONS), nargs="+", help="run only these sections")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus to measure on")
    args = parser.parse_args(argv)
    for name in args.only or SECTIONS:
        print(f"== {name}", file=sys.stderr)
        SECTIONS[name](args.corpus)
        print(f"   results → {RESULTS}/{name}.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
