"""Score today's cleaner and timeline tagger against the hand-judged gold sets in tests/data/.

    python benchmarks/gold_scores.py                 # both
    python benchmarks/gold_scores.py --only clean    # or: --only timeline

Needs no corpus: the gold sets carry the raw text of their articles. Writes
benchmarks/results/gold_clean.md/.csv and gold_timeline.md/.csv and prints them. The figures "before"
in tests/data/*/PROVENANCE.md come from this script; run it again after a change to get "after".

Cleaning (tests/data/clean/boilerplate.csv: spans of the raw text judged boilerplate):
* characters: precision and recall of the removed characters against the gold characters, counting
  only non-whitespace characters (a removed line takes its line break, which is neither);
* spans: a gold span is *found* when at least SPAN_COVER of its non-whitespace characters are removed;
  a removed span is *right* when at least SPAN_COVER of its non-whitespace characters are gold;
* words kept: of the words outside every gold span (content), the share that no removal touches.

Timeline (tests/data/timeline/expressions.csv): each gold item names an expression in a sentence of its
article; the tagger runs on the article's clean text (as `arnews timeline` does) and an item is *found*
when a tagged expression overlaps the expression's place in that sentence. Accuracy: of the items found
whose gold value is known, the share whose tagged value equals the gold value; recall: the share of
gold items found (an item with an empty gold value that the tagger leaves empty or skips counts as
right). Both by case type.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, write_results  # noqa: E402

from arnews import clean, timeline  # noqa: E402

GOLD = ROOT / "tests" / "data"
RESULTS = Path(__file__).resolve().parent / "results"
#: Share of a span's non-whitespace characters that must be covered for it to count as found (or right).
SPAN_COVER = 0.9
#: Missed gold spans listed per kind in the results page.
EXAMPLES_PER_KIND = 3


def read_articles(path: Path) -> pd.DataFrame:
    """A gold set's articles.jsonl as a table like `corpus.load` gives (published as a date)."""
    with open(path, encoding="utf-8") as f:
        frame = pd.DataFrame([json.loads(line) for line in f if line.strip()])
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


# ----------------------------------------------------------------------------------------------- clean


def _mask(length: int, spans) -> list[bool]:
    mask = [False] * length
    for start, end in spans:
        mask[start:end] = [True] * (end - start)
    return mask


def _share(text: str, mask: list[bool], start: int, end: int) -> float:
    """Share of the non-whitespace characters of text[start:end] that `mask` covers (1.0 for none)."""
    chars = [i for i in range(start, end) if not text[i].isspace()]
    return sum(mask[i] for i in chars) / len(chars) if chars else 1.0


def score_clean(gold_dir: Path = GOLD / "clean") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(summary, per kind, misses): the cleaner's removals against the gold boilerplate spans."""
    articles = read_articles(gold_dir / "articles.jsonl")
    gold = pd.read_csv(gold_dir / "boilerplate.csv", dtype={"doc_id": str}, keep_default_na=False)
    _, removed = clean.clean_corpus(articles)
    gold_by_doc = defaultdict(list)
    for row in gold.itertuples(index=False):
        gold_by_doc[row.doc_id].append(row)
    removed_by_doc = defaultdict(list)
    for row in removed.itertuples(index=False):
        removed_by_doc[row.doc_id].append(row)
    chars = {"gold": 0, "removed": 0, "both": 0}
    spans = {"gold": 0, "found": 0, "removed": 0, "right": 0}
    words = {"content": 0, "kept": 0}
    per_kind = defaultdict(lambda: {"gold spans": 0, "found": 0, "gold chars": 0, "removed chars": 0})
    misses, wrong = [], []
    for doc_id, raw in zip(articles["doc_id"], articles["text"], strict=True):
        g_spans = [(r.start, r.end) for r in gold_by_doc[doc_id]]
        r_spans = [(r.start, r.end) for r in removed_by_doc[doc_id]]
        g_mask, r_mask = _mask(len(raw), g_spans), _mask(len(raw), r_spans)
        for i, ch in enumerate(raw):
            if ch.isspace():
                continue
            chars["gold"] += g_mask[i]
            chars["removed"] += r_mask[i]
            chars["both"] += g_mask[i] and r_mask[i]
        for r in gold_by_doc[doc_id]:
            kind = per_kind[r.kind]
            cover = _share(raw, r_mask, r.start, r.end)
            kind["gold spans"] += 1
            kind["found"] += cover >= SPAN_COVER
            kind["gold chars"] += sum(not raw[i].isspace() for i in range(r.start, r.end))
            kind["removed chars"] += sum(r_mask[i] and not raw[i].isspace() for i in range(r.start, r.end))
            spans["gold"] += 1
            spans["found"] += cover >= SPAN_COVER
            if cover < SPAN_COVER:
                misses.append({"kind": r.kind, "doc_id": doc_id, "removed share": round(cover, 2),
                               "text": _short(r.text)})
        for r in removed_by_doc[doc_id]:
            spans["removed"] += 1
            right = _share(raw, g_mask, r.start, r.end) >= SPAN_COVER
            spans["right"] += right
            if not right:
                wrong.append({"kind": f"(removed, not gold) {r.rule}", "doc_id": doc_id, "removed share": 1.0,
                              "text": _short(r.text)})
        for word in _words(raw):
            if not any(g_mask[word.start:word.end]):
                words["content"] += 1
                words["kept"] += not any(r_mask[word.start:word.end])
    summary = pd.DataFrame([
        {"measure": "characters: precision", "value": _ratio(chars["both"], chars["removed"])},
        {"measure": "characters: recall", "value": _ratio(chars["both"], chars["gold"])},
        {"measure": "spans: precision", "value": _ratio(spans["right"], spans["removed"])},
        {"measure": "spans: recall", "value": _ratio(spans["found"], spans["gold"])},
        {"measure": "content words kept", "value": _ratio(words["kept"], words["content"])},
        {"measure": "gold spans / removed spans", "value": f"{spans['gold']} / {spans['removed']}"},
        {"measure": "gold chars / removed chars / both", "value": f"{chars['gold']} / {chars['removed']} / {chars['both']}"},
        {"measure": "content words (kept)", "value": f"{words['content']} ({words['kept']})"},
        {"measure": "articles (with boilerplate)", "value": f"{len(articles)} ({gold['doc_id'].nunique()})"},
    ])
    kinds = pd.DataFrame([{"kind": k, **v, "span recall": _ratio(v["found"], v["gold spans"])}
                          for k, v in sorted(per_kind.items())])
    return summary, kinds, pd.DataFrame(misses + wrong, columns=["kind", "doc_id", "removed share", "text"])


class _Word:
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def _words(text: str):
    """Whitespace-separated tokens holding at least one letter or digit (punctuation runs are no words)."""
    start = None
    for i, ch in enumerate(text + " "):
        if ch.isspace():
            if start is not None and any(c.isalnum() for c in text[start:i]):
                yield _Word(start, i)
            start = None
        elif start is None:
            start = i


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def _short(text: str, width: int = 90) -> str:
    flat = " ⏎ ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def clean_section() -> None:
    summary, kinds, misses = score_clean()
    listed = misses.groupby("kind", sort=True).head(EXAMPLES_PER_KIND)
    preamble = ["# Cleaning against the hand-judged gold (tests/data/clean)", "",
                *_table_lines(kinds), "", "Missed gold spans and removals that are not gold (examples):", "",
                *_table_lines(listed), "", "Summary:", ""]
    write_results(RESULTS, "gold_clean", preamble, summary)


def _table_lines(table: pd.DataFrame) -> list[str]:
    from common import markdown_table

    return markdown_table(table)


SECTIONS = {"clean": clean_section}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SECTIONS))
    args = parser.parse_args(argv)
    for name, section in SECTIONS.items():
        if args.only in (None, name):
            section()
    return 0


if __name__ == "__main__":
    sys.exit(main())
