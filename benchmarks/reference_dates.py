"""How often the text moves an article's reference day away from its publication date, on SaudiNewsNet.

    python benchmarks/reference_dates.py [--corpus PATH] [--sample 20] [--seed 17]

`arnews.timeline.reference` infers the day each article was written for (a dateline, a deictic day with its
date, a deictic day with a weekday); the tagger resolves relative expressions against it. This script counts
the articles by what decided their reference day and by how many days it lies before publication, per outlet,
and prints a seeded sample of shifted articles with their cues and the expressions whose value changed, to be
read by hand (the reading is recorded in tests/data/timeline/PROVENANCE.md). Writes
benchmarks/results/reference_dates.md/.csv.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DEFAULT_CORPUS, write_results  # noqa: E402

from arnews import pipeline, timeline  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
#: Characters of text shown around a cue in the sample.
CONTEXT = 110


def references(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: doc_id, outlet, published, reference day, kind, days before publication, cues."""
    rows = []
    for doc, outlet, pub, text in zip(articles["doc_id"], articles["outlet"], articles["published"], articles["text"],
                                      strict=True):
        ref = timeline.reference(text, pub)
        lag = (ref.published - ref.date).days if ref.date and ref.published else None
        rows.append({"doc_id": doc, "outlet": outlet, "published": ref.published, "reference": ref.date,
                     "kind": ref.kind, "days_before": lag, "cues": len(ref.cues), "ref": ref})
    return pd.DataFrame(rows)


def changed_values(text: str, published) -> list[tuple[str, str, str]]:
    """(expression, value against the publication date, value against the reference day) where they differ."""
    before = {(e.start, e.end): e.value for e in timeline.tag(text, published, infer_reference=False)}
    return [(e.text, before.get((e.start, e.end), "–"), e.value) for e in timeline.tag(text, published)
            if before.get((e.start, e.end)) != e.value]


def summary(table: pd.DataFrame) -> pd.DataFrame:
    shifted = table[table["reference"] != table["published"]]
    rows = [{"measure": "articles", "value": len(table)},
            {"measure": "reference day ≠ published", "value": f"{len(shifted)} ({len(shifted) / len(table):.1%})"}]
    for kind, count in table["kind"].value_counts().items():
        rows.append({"measure": f"decided by: {kind}", "value": int(count)})
    for lag, count in sorted(Counter(shifted["days_before"]).items()):
        rows.append({"measure": f"shifted {lag} day(s) back", "value": int(count)})
    for outlet, group in table.groupby("outlet"):
        moved = (group["reference"] != group["published"]).sum()
        rows.append({"measure": f"outlet {outlet}: shifted / articles", "value": f"{moved} / {len(group)}"})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    store = pipeline.clean_store(args.corpus, progress=False)
    articles = store.articles()
    table = references(articles)
    texts = articles.set_index("doc_id")["text"]
    shifted = table[table["reference"] != table["published"]]
    lines = ["# Reference days on SaudiNewsNet (arnews.timeline.reference)", "",
             f"A seeded sample of {args.sample} shifted articles (seed {args.seed}) with their cues and the "
             "values that changed (before → after):", ""]
    for row in shifted.sample(min(args.sample, len(shifted)), random_state=args.seed).itertuples():
        text = texts[row.doc_id]
        lines.append(f"* **{row.doc_id}** ({row.outlet}) published {row.published} ({row.published:%A}) → "
                     f"{row.reference} ({row.reference:%A}), {row.kind}")
        for cue in row.ref.cues:
            around = text[max(0, cue.start - CONTEXT):cue.end + CONTEXT // 2].replace("\n", " ⏎ ")
            lines.append(f"  * {cue.kind} «{cue.text}» → {cue.date}: …{around}…")
        for expr, before, after in changed_values(text, row.published):
            lines.append(f"  * «{expr}»: {before} → {after}")
    lines += ["", "Counts:", ""]
    write_results(RESULTS, "reference_dates", lines, summary(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
