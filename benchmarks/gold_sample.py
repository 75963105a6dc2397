"""Draw the SaudiNewsNet articles of the hand-judged gold sets in tests/data/ (needs the corpus).

    python benchmarks/gold_sample.py clean     # → tests/data/clean/articles.jsonl
    python benchmarks/gold_sample.py timeline  # → tests/data/timeline/candidates.csv (for annotation)

The draw is fixed by SEED and by the corpus as `corpus.load` gives it (sorted by doc_id), so it can be
repeated; the judgements themselves (boilerplate.csv, expressions.csv) are made by hand and are not
produced by this script. See tests/data/*/PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DEFAULT_CORPUS, ROOT  # noqa: E402

from arnews import corpus, files  # noqa: E402

SEED = 17
GOLD = ROOT / "tests" / "data"
ARTICLE_FIELDS = ["doc_id", "outlet", "published", "title", "text"]

#: Cleaning gold: articles drawn at random, stratified by outlet (at least MIN_PER_OUTLET each, the rest
#: shared in proportion to the outlet's size by largest remainder).
CLEAN_RANDOM = 40
MIN_PER_OUTLET = 2
#: …plus one article per kind of web residue or repeated line: the first, in a seeded shuffle of the
#: articles not drawn yet, whose raw text matches every pattern (from the outlet named, if one is).
CLEAN_RESIDUE = [
    ("web code (CSS/JS of a vote widget)", (r"jQuery",), None),
    ("'click here' line", (r"اضغط هنا",), None),
    ("'for more' line with a link", (r"(?m)^\s*للمزيد",), None),
    ("dashed separator line", (r"(?m)^\s*-{4,}\s*$",), None),
    ("'other articles by the writer' list and * * separators", (r"(?m)^[ \t]*(?:\*[ \t]*){2,}$", "مقالات أخرى للكاتب"),
     "aljazirah"),
    ("syndication line (* خدمة «…»)", (r"(?m)^\s*\*\s*خدمة",), None),
    ("reprint source line (نقلا عن …)", (r"(?m)^\W*نقلاً? عن [^\n]{0,40}$",), None),
    ("writer contact line (لمراسلة الكاتب / تويتر:)", (r"لمراسلة الكاتب|تويتر\s*:\s*@",), None),
    ("SMS contact promo", (r"(?i)\bsms\b",), "okaz"),
    ("Next Previous widget words and a tag trailer (سمات …)", (r"Next Previous",), "3alyoum"),
]
#: Timeline gold: articles per outlet drawn at random (the tagger is run on their clean text).
TIMELINE_PER_OUTLET = 3


def allocation(sizes: pd.Series, total: int, minimum: int) -> dict[str, int]:
    """Articles per outlet: `minimum` each, the rest in proportion to size (largest remainder)."""
    base = {outlet: min(minimum, n) for outlet, n in sizes.items()}
    rest = total - sum(base.values())
    share = sizes / sizes.sum() * rest
    whole = share.astype(int)
    for outlet, n in whole.items():
        base[outlet] += int(n)
    order = (share - whole).sort_values(ascending=False, kind="stable").index
    for outlet in order[: rest - int(whole.sum())]:
        base[outlet] += 1
    return base


def clean_sample(articles: pd.DataFrame) -> pd.DataFrame:
    sizes = articles["outlet"].value_counts().sort_index()
    quota = allocation(sizes, CLEAN_RANDOM, MIN_PER_OUTLET)
    drawn = [articles[articles["outlet"] == outlet].sample(n, random_state=SEED) for outlet, n in quota.items()]
    sample = pd.concat(drawn).assign(reason="random (stratified by outlet)")
    pool = articles[~articles["doc_id"].isin(sample["doc_id"])].sample(frac=1.0, random_state=SEED)
    picked = []
    for reason, patterns, outlet in CLEAN_RESIDUE:
        hits = pool
        for pattern in patterns:
            hits = hits[hits["text"].str.contains(pattern, regex=True)]
        if outlet:
            hits = hits[hits["outlet"] == outlet]
        hits = hits[~hits["doc_id"].isin([p["doc_id"] for p in picked])]
        if hits.empty:
            raise SystemExit(f"no article for {reason!r}")
        picked.append(hits.iloc[0].to_dict() | {"reason": f"residue: {reason}"})
    return pd.concat([sample, pd.DataFrame(picked)]).sort_values("doc_id", kind="stable").reset_index(drop=True)


def records(frame: pd.DataFrame, extra: tuple[str, ...] = ()) -> list[dict]:
    out = []
    for row in frame.to_dict("records"):
        rec = {k: row[k] for k in ARTICLE_FIELDS + list(extra)}
        rec["published"] = pd.Timestamp(rec["published"]).strftime("%Y-%m-%d")
        out.append(rec)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=["clean", "timeline"])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args(argv)
    articles = corpus.load(args.corpus)
    if args.which == "clean":
        sample = clean_sample(articles)
        files.write_jsonl(records(sample, ("reason",)), GOLD / "clean" / "articles.jsonl")
        print(sample.groupby("outlet").size().to_string())
    else:
        from timeline_gold import timeline_sample  # noqa: PLC0415 - only this subcommand needs it

        timeline_sample(articles, GOLD / "timeline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
