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
Spans of the rule `bidi_control` are left out of these measures and counted apart: they cut invisible
bidirectional control characters (an audit of the text, not boilerplate), which the gold does not judge.

Timeline (tests/data/timeline/expressions.csv): each gold item is an expression at raw offsets of its
article; the tagger runs on the article's clean text (as `arnews timeline` does) and an item is *found*
when a tagged expression overlaps it. Accuracy: of the items found, the share whose tagged value equals
the gold value (a week across two months: both empty; a found `not_a_date` item is wrong); recall: the
share of the items found, `not_a_date` items left out. By case type; for each random sample (draws 1 and 2
of `gold_sample.py timeline`), both together and the targeted part; for items whose reference day is or is
not the published day; the latest random sample also by case type, with every item it gets wrong. The
articles' reference days (`timeline.reference`) are compared with the day the reader found (articles.jsonl
`reference_date`), for all articles and for each random sample.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, markdown_table, write_results  # noqa: E402

from arnews import clean, timeline  # noqa: E402

GOLD = ROOT / "tests" / "data"
RESULTS = Path(__file__).resolve().parent / "results"
#: Share of a span's non-whitespace characters that must be covered for it to count as found (or right).
SPAN_COVER = 0.9
#: The rule that removes bidirectional control characters: not boilerplate, not scored (see the docstring).
BIDI_RULE = "bidi_control"
#: Missed gold spans listed per kind in the results page.
EXAMPLES_PER_KIND = 3
#: A word: a run of non-space characters holding at least one letter or digit (punctuation runs are no words).
_WORD = re.compile(r"[^\W_]\S*|\S+?[^\W_]\S*")


def read_articles(path: Path) -> pd.DataFrame:
    """A gold set's articles.jsonl as a table like `corpus.load` gives: published as the timestamp the corpus
    gives (`published_at`: SaudiNewsNet's crawl time, which the tagger's clock cue reads), else the day."""
    with open(path, encoding="utf-8") as f:
        frame = pd.DataFrame([json.loads(line) for line in f if line.strip()])
    frame["published"] = pd.to_datetime(frame["published_at"] if "published_at" in frame else frame["published"])
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
    controls = removed["rule"] == BIDI_RULE
    bidi = {"spans": int(controls.sum()), "chars": int(removed.loc[controls, "text"].str.len().sum())}
    removed = removed[~controls]
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
        for word in _WORD.finditer(raw):  # a run without spaces holding a letter or digit
            if not any(g_mask[word.start():word.end()]):
                words["content"] += 1
                words["kept"] += not any(r_mask[word.start():word.end()])
    summary = pd.DataFrame([
        {"measure": "characters: precision", "value": _ratio(chars["both"], chars["removed"])},
        {"measure": "characters: recall", "value": _ratio(chars["both"], chars["gold"])},
        {"measure": "spans: precision", "value": _ratio(spans["right"], spans["removed"])},
        {"measure": "spans: recall", "value": _ratio(spans["found"], spans["gold"])},
        {"measure": "content words kept", "value": _ratio(words["kept"], words["content"])},
        {"measure": "gold spans / removed spans", "value": f"{spans['gold']} / {spans['removed']}"},
        {"measure": "gold chars / removed chars / both",
         "value": f"{chars['gold']} / {chars['removed']} / {chars['both']}"},
        {"measure": "content words (kept)", "value": f"{words['content']} ({words['kept']})"},
        {"measure": "articles (with boilerplate)", "value": f"{len(articles)} ({gold['doc_id'].nunique()})"},
        {"measure": "bidi controls removed, not scored (spans / characters)",
         "value": f"{bidi['spans']} / {bidi['chars']}"},
    ])
    kinds = pd.DataFrame([{"kind": k, **v, "span recall": _ratio(v["found"], v["gold spans"])}
                          for k, v in sorted(per_kind.items())])
    return summary, kinds, pd.DataFrame(misses + wrong, columns=["kind", "doc_id", "removed share", "text"])


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def _short(text: str, width: int = 90) -> str:
    flat = " ⏎ ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def clean_section() -> None:
    summary, kinds, misses = score_clean()
    listed = misses.groupby("kind", sort=True).head(EXAMPLES_PER_KIND)
    preamble = ["# Cleaning against the hand-judged gold (tests/data/clean)", "",
                *markdown_table(kinds), "", "Missed gold spans and removals that are not gold (examples):", "",
                *markdown_table(listed), "", "Summary:", ""]
    write_results(RESULTS, "gold_clean", preamble, summary)


# -------------------------------------------------------------------------------------------- timeline

#: Case types of the timeline gold, in the order of the results table (see tests/data/timeline/PROVENANCE.md).
CASES = ("date", "month", "year", "today", "relative", "week", "weekday", "bare_weekday", "hijri", "bare_monday",
         "past_weekday", "future_weekday", "weekday_date", "same_year", "explicit_year", "not_a_date")
#: The `sample` of the items of each random draw (benchmarks/gold_sample.py timeline --draw 1 / 2), in draw order;
#: the other items are `targeted`.
RANDOM_SAMPLES = ("random", "random2")


def _raw_offset(position: int, spans) -> int:
    """The raw-text offset of a clean-text offset, given the spans cut from the raw text (sorted)."""
    for span in spans:
        if span.start <= position:
            position += span.end - span.start
        else:
            break
    return position


def tag_raw(raw: str, title: str, published) -> list[tuple[int, int, str, str]]:
    """(start, end, text, value) of each expression the tagger finds in the clean text, in raw offsets."""
    cleaned = clean.clean_text(raw, title)
    spans = sorted(cleaned.spans)
    found = []
    for e in timeline.tag(cleaned.text, published):
        start, end = _raw_offset(e.start, spans), _raw_offset(e.end - 1, spans) + 1
        found.append((start, end, e.text, e.value))
    return found


def judge_timeline(gold_dir: Path = GOLD / "timeline") -> pd.DataFrame:
    """The gold items with today's tagger: found_by_tagger, tagger_text, tagger_value, judgement recomputed.

    An item is found by the tagged expression that overlaps it most; it is right when that expression's
    value equals the gold value (both empty for a week across two months or a gold "no value"). An item of
    case not_a_date is right when nothing is tagged there.
    """
    articles = read_articles(gold_dir / "articles.jsonl").set_index("doc_id")
    items = pd.read_csv(gold_dir / "expressions.csv", dtype=str, keep_default_na=False)
    tagged = {doc: tag_raw(row.text, row.title, row.published) for doc, row in articles.iterrows()}
    found, texts, values, judgements = [], [], [], []
    for item in items.itertuples(index=False):
        start, end = int(item.start), int(item.end)
        best = max(tagged[item.doc_id], key=lambda e: min(end, e[1]) - max(start, e[0]), default=None)
        if best is not None and min(end, best[1]) - max(start, best[0]) <= 0:
            best = None
        found.append("yes" if best else "no")
        texts.append(best[2] if best else "")
        values.append(best[3] if best else "")
        if best is None:
            judgements.append("right" if item.case == "not_a_date" else "missed")
        else:
            judgements.append("right" if best[3] == item.gold_value and item.case != "not_a_date" else "wrong")
    return items.assign(found_by_tagger=found, tagger_text=texts, tagger_value=values, judgement=judgements)


def score_timeline(items: pd.DataFrame) -> pd.DataFrame:
    """Per case type (and in total): items, found, recall, value accuracy on the found items."""
    rows = []
    groups = [(case, items[items["case"] == case]) for case in CASES if (items["case"] == case).any()]
    shifted = items["reference_date"] != items["published"]
    parts = {f"random sample {n}": items["sample"] == sample for n, sample in enumerate(RANDOM_SAMPLES, 1)}
    parts["random samples"] = items["sample"].isin(RANDOM_SAMPLES)
    groups += [("all", items), *((f"all: {name}", items[part]) for name, part in parts.items()),
               ("all: targeted", items[items["sample"] == "targeted"]),
               *((f"all: {name}, reference day = published day", items[part & ~shifted])
                 for name, part in parts.items()),
               ("all: reference day = published day", items[~shifted]),
               ("all: reference day ≠ published day", items[shifted]),
               *((f"all: {name}, reference day ≠ published day", items[part & shifted])
                 for name, part in parts.items())]
    for name, group in groups:
        dates = group[group["case"] != "not_a_date"]
        hit = group[group["found_by_tagger"] == "yes"]
        rows.append({"case": name, "items": len(group), "found": len(hit),
                     "recall": _ratio(int((dates["found_by_tagger"] == "yes").sum()), len(dates)),
                     "right of found": int((hit["judgement"] == "right").sum()),
                     "accuracy": _ratio(int((hit["judgement"] == "right").sum()), len(hit)),
                     "missed": int((group["judgement"] == "missed").sum()),
                     "wrong": int((group["judgement"] == "wrong").sum())})
    return pd.DataFrame(rows)


def score_reference_days(gold_dir: Path = GOLD / "timeline") -> pd.DataFrame:
    """The articles' reference days (`timeline.reference`, on the clean text) against the days the reader found
    (articles.jsonl `reference_date`, else the published date; an unknown day counts against every inference):
    for all the articles and for those of each random draw (articles.jsonl `reason` "random …", "random 2 …")."""
    articles = read_articles(gold_dir / "articles.jsonl")
    parts = {"all articles": articles}
    for n in range(1, len(RANDOM_SAMPLES) + 1):
        parts[f"random sample {n}"] = articles[_draw_of(articles["reason"]) == n]
    table = pd.DataFrame({name: _reference_counts(part) for name, part in parts.items()})
    return table.rename_axis("measure").reset_index()


def _draw_of(reasons: pd.Series) -> pd.Series:
    """The random draw an article comes from, by its articles.jsonl `reason` ("random (…" → 1, "random 2 (…" → 2;
    0 for a targeted article)."""
    number = reasons.str.extract(r"^random (\d+) ", expand=False)
    return number.fillna("1").astype(int).where(reasons.str.startswith("random"), 0)


def _reference_counts(articles: pd.DataFrame) -> dict[str, int]:
    counts = {"articles": 0, "gold ≠ published": 0, "inferred ≠ published": 0, "moved right": 0, "moved wrong": 0,
              "right": 0, "gold ≠ published, found": 0}
    for row in articles.itertuples(index=False):
        published = row.published.date().isoformat()
        gold = row.reference_date if isinstance(getattr(row, "reference_date", None), str) else published
        ref = timeline.reference(clean.clean_text(row.text, row.title).text, row.published)
        inferred = ref.date.isoformat() if ref.date else ""
        counts["articles"] += 1
        counts["gold ≠ published"] += gold != published
        counts["inferred ≠ published"] += ref.shifted
        counts["moved right"] += ref.shifted and inferred == gold
        counts["moved wrong"] += ref.shifted and inferred != gold
        counts["right"] += inferred == gold
        counts["gold ≠ published, found"] += gold != published and inferred == gold
    return counts


def timeline_section() -> None:
    items = judge_timeline()
    table = score_timeline(items)
    days = score_reference_days()
    columns = ["case", "doc_id", "expression", "gold_value", "tagger_value", "judgement"]
    failing = items[items["judgement"] != "right"].groupby("case", sort=True).head(EXAMPLES_PER_KIND)
    latest = items[items["sample"] == RANDOM_SAMPLES[-1]]
    by_case = score_timeline(latest)
    by_case = by_case[~by_case["case"].str.startswith("all:")]
    preamble = ["# Timeline against the hand-judged gold (tests/data/timeline)", "",
                "recall: found / items (not_a_date excluded); "
                "accuracy: right / found (a found not_a_date is wrong).", "",
                "Examples of misses and wrong values:", "", *markdown_table(failing[columns]), "",
                f"Random sample {len(RANDOM_SAMPLES)} by case type:", "", *markdown_table(by_case), "",
                f"Random sample {len(RANDOM_SAMPLES)}, every miss and wrong value:", "",
                *markdown_table(latest.loc[latest["judgement"] != "right", columns]), "",
                "Reference days of the articles (timeline.reference against the reader's day):", "",
                *markdown_table(days), "", "By case type:", ""]
    write_results(RESULTS, "gold_timeline", preamble, table)


SECTIONS = {"clean": clean_section, "timeline": timeline_section}


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
