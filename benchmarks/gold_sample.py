"""Draw the SaudiNewsNet articles of the hand-judged gold sets in tests/data/ (needs the corpus).

    python benchmarks/gold_sample.py clean               # → tests/data/clean/articles.jsonl
    python benchmarks/gold_sample.py timeline            # prints the random draw (every expression judged)
    python benchmarks/gold_sample.py timeline --draw 2   # the second random draw (new seed, new articles)
    python benchmarks/gold_sample.py timeline bare_monday  # prints the candidates of one hard case, in order

The draws are fixed by the seeds and by the corpus as `corpus.load` gives it (sorted by doc_id), so they
can be repeated; the judgements themselves (boilerplate.csv, expressions.csv) were made by hand, reading
the articles and the candidates in the order printed here. See tests/data/*/PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import json
import random
import re
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
#: Timeline gold: articles per outlet drawn at random; every temporal expression in them is judged.
TIMELINE_PER_OUTLET = 3
#: A seed of its own for each random draw of the timeline gold (the first does not repeat the cleaning draw;
#: draw 2 leaves out every article already in the gold, so that its articles are new).
TIMELINE_SEEDS = {1: 2015, 2: 2016}
_MONTHS = "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
_NOT_AFTER = r"(?<!اليوم )(?<!يوم )(?<!أمس )(?<!امس )(?<!صباح )(?<!مساء )(?<!ليلة )(?<!ظهر )(?<!ليل )(?<!غد )(?<!غدا )"
#: Hard cases of the timeline gold: raw-text searches whose matches (shuffled with SEED) were read in order,
#: keeping those that are the case. past_weekday and weekday_date/future_weekday candidates come from the
#: tagger itself (see `weekday_candidates`).
TIMELINE_SEARCHES = {
    "bare_monday": _NOT_AFTER + r"(?<!\()(?<![\w])[وفبل]?ال[اإ]ثنين(?![\w])(?!\s*\)?\s*(?:الماضي|المقبل|القادم))",
    "same_year": r"العام نفسه|العام ذاته|نفس العام|السنة نفسها|السنة ذاتها|ذات العام",
    "explicit_year": r"(?<!\d)\d{1,2}\s*(?:من\s+)?(?:شهر\s+)?(?:" + _MONTHS + r")(?:\s*[(/]\s*\S+\s*\)?)?\s+"
                     r"(?:و|في|من|،|-|–|إلى|الى|حتى)[^\n.\d]{0,25}?(?:19|20)\d\d",
}
#: A future-tense cue before a weekday ("سيزور", "من المقرر"): a weekday the tagger put before publication.
_FUTURE = re.compile(r"(?:^|\s)(?:س[يتن]\w+|من المقرر|من المتوقع|المقرر|يتوقع|ستقام|سيقام|ستنطلق|ستبدأ)(?:\s|$)")


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


def timeline_sample(articles: pd.DataFrame, draw: int = 1) -> pd.DataFrame:
    """TIMELINE_PER_OUTLET articles of every outlet, drawn with the seed of `draw`.

    Draw 1 samples the whole corpus; a later draw samples the articles that were not in
    tests/data/timeline/articles.jsonl before it (neither random nor targeted): every article there except
    those of this draw and of later ones (`reason` "random N (…" with N ≥ draw), so that it can be repeated.
    """
    if draw > 1:
        with open(GOLD / "timeline" / "articles.jsonl", encoding="utf-8") as f:
            gold = [json.loads(line) for line in f if line.strip()]
        later = tuple(f"random {n} (" for n in TIMELINE_SEEDS if n >= draw)
        earlier = {record["doc_id"] for record in gold if not record["reason"].startswith(later)}
        articles = articles[~articles["doc_id"].isin(earlier)]
    drawn = [group.sample(min(TIMELINE_PER_OUTLET, len(group)), random_state=TIMELINE_SEEDS[draw])
             for _, group in articles.groupby("outlet", sort=True)]
    return pd.concat(drawn).sort_values("doc_id", kind="stable").reset_index(drop=True)


def hard_candidates(articles: pd.DataFrame, case: str) -> list[tuple[str, int, int]]:
    """(doc_id, start, end) of the raw-text matches of a hard case, shuffled with SEED."""
    pattern = re.compile(TIMELINE_SEARCHES[case])
    hits = [(doc, m.start(), m.end()) for doc, text in zip(articles["doc_id"], articles["text"], strict=True)
            for m in pattern.finditer(text)]
    random.Random(SEED).shuffle(hits)
    return hits


def weekday_candidates(articles: pd.DataFrame, case: str) -> list[tuple[str, int, int]]:
    """Weekdays the tagger resolves against the grain of their sentence, in the clean text, shuffled with SEED.

    past_weekday: resolved after the publication day, without a "next"/"tomorrow" word (a past-tense report
    read forward); weekday_date: resolved before it with a future cue in the 80 characters before.
    """
    from arnews import clean, timeline  # noqa: PLC0415

    cleaned, _ = clean.clean_corpus(articles)
    hits = []
    for doc, text, published in zip(cleaned["doc_id"], cleaned["text"], cleaned["published"], strict=True):
        day = pd.Timestamp(published).date().isoformat()
        for e in timeline.tag(text, published):
            if e.family != "weekday" or not e.value:
                continue
            if case == "past_weekday" and e.value > day and not re.search("المقبل|القادم|غد", e.text):
                hits.append((doc, e.start, e.end))
            elif (case == "weekday_date" and e.value < day and not re.search("اليوم|أمس|امس|الماضي", e.text)
                  and _FUTURE.search(text[max(0, e.start - 80):e.start])):
                hits.append((doc, e.start, e.end))
    random.Random(SEED).shuffle(hits)
    return hits


def print_candidates(articles: pd.DataFrame, case: str, n: int = 40) -> None:
    frame = articles.set_index("doc_id")
    if case in TIMELINE_SEARCHES:
        hits = hard_candidates(articles, case)
    else:
        from arnews import clean  # noqa: PLC0415

        hits = weekday_candidates(articles, case)
        frame = clean.clean_corpus(articles)[0].set_index("doc_id")
    for doc, start, end in hits[:n]:
        text = frame.loc[doc, "text"]
        context = text[max(0, start - 120):start] + "【" + text[start:end] + "】" + text[end:end + 80]
        print(doc, frame.loc[doc, "outlet"], frame.loc[doc, "published"], "|", context.replace("\n", " ⏎ "))


def records(frame: pd.DataFrame, extra: tuple[str, ...] = ()) -> list[dict]:
    out = []
    for row in frame.to_dict("records"):
        rec = {k: row[k] for k in ARTICLE_FIELDS + list(extra)}
        stamp = pd.Timestamp(rec["published"])
        rec["published"] = stamp.strftime("%Y-%m-%d")  # the day; the crawl time as the corpus gives it beside it
        rec = {**{k: rec[k] for k in ARTICLE_FIELDS[:3]}, "published_at": stamp.strftime("%Y-%m-%d %H:%M:%S"),
               **{k: rec[k] for k in rec if k not in ARTICLE_FIELDS[:3]}}
        out.append(rec)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=["clean", "timeline"])
    parser.add_argument("case", nargs="?", choices=[*TIMELINE_SEARCHES, "past_weekday", "weekday_date"],
                        help="timeline: print the candidates of one hard case instead of the random draw")
    parser.add_argument("--draw", type=int, choices=sorted(TIMELINE_SEEDS), default=1,
                        help="timeline: which random draw to print (1: seed 2015; 2: seed 2016, new articles only)")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = parser.parse_args(argv)
    articles = corpus.load(args.corpus)
    if args.which == "clean":
        sample = clean_sample(articles)
        files.write_jsonl(records(sample, ("reason",)), GOLD / "clean" / "articles.jsonl")
        print(sample.groupby("outlet").size().to_string())
    elif args.case:
        print_candidates(articles, args.case)
    else:
        sample = timeline_sample(articles, args.draw)
        for row in sample.itertuples(index=False):
            print(row.doc_id, row.outlet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
