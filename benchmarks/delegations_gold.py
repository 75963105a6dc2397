"""Score the delegation extractor on the SaudiNewsNet development gold set (tests/data/delegations/).

Run: `.venv/bin/python benchmarks/delegations_gold.py [--errors] [--gold DIR]`. Each gold article is cleaned as
the pipeline cleans it (`clean.clean_texts`), then read by `delegations.extract`. Printed: precision and recall
per field, side accuracy on the members found, lists found, and false lists on the articles without lists;
`--errors` also lists every missed, extra or mislabelled member.

Matching (written in the output): a predicted member matches a gold member when both are in the same article
and their name cores are equal once folded (`arabic.fold`; honorifics and ranks removed with
`delegations.strip_honorifics`, spaces ignored: «عبد العزيز» = «عبدالعزيز»). A name listed n times in an
article's gold (one person in several lists) matches up to n predicted rows. A matched member's title is right
when the folded titles are equal (spaces and a leading و ignored); its side when the sides are equal.
Precision of a field = predicted rows that match with that field right / predicted rows; recall = the same /
gold rows.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path

from arnews import REPO_ROOT, arabic, clean, delegations

GOLD = REPO_ROOT / "tests" / "data" / "delegations"
MATCHING = ("member = same doc_id and same folded name core (honorifics and ranks removed, spaces ignored); "
            "title/side right = folded equal on a matched member")


def name_core_key(name: str) -> str:
    """The key names are matched by: folded, honorifics and ranks removed, no spaces."""
    return arabic.fold(delegations.strip_honorifics(name)).replace(" ", "")


def title_key(title: str) -> str:
    folded = arabic.fold(title).replace(" ", "")
    return folded[1:] if folded.startswith("و") and not folded.startswith("وزير") else folded


def load_gold(folder: Path) -> tuple[list[dict], list[dict]]:
    with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()]
    with (folder / "members.csv").open(encoding="utf-8", newline="") as handle:
        members = list(csv.DictReader(handle))
    return articles, members


def predict(articles: list[dict]) -> list[dict]:
    """The extractor's rows for the gold articles (cleaned first, as the pipeline does)."""
    texts = clean.clean_texts([a["text"] for a in articles], [a["title"] for a in articles])
    rows = []
    for article, text in zip(articles, texts, strict=True):
        for m in delegations.extract(text, article["outlet"]):
            rows.append({"doc_id": article["doc_id"], "side": m.side, "title": m.title, "name": m.name,
                         "evidence": m.evidence})
    return rows


def match(gold: list[dict], predicted: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pairs (gold row, predicted row) in each article by name key, in reading order; None for the unmatched."""
    by_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in gold:
        by_doc[row["doc_id"]][name_core_key(row["name_core"] or row["name"])].append(row)
    pairs = []
    for row in predicted:
        waiting = by_doc[row["doc_id"]][name_core_key(row["name"])]
        pairs.append((waiting.pop(0) if waiting else None, row))
    pairs += [(row, None) for names in by_doc.values() for rows in names.values() for row in rows]
    return pairs


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def score(articles: list[dict], gold: list[dict], predicted: list[dict]) -> dict:
    pairs = match(gold, predicted)
    found = [(g, p) for g, p in pairs if g and p]
    title_right = sum(title_key(g["title"]) == title_key(p["title"]) for g, p in found)
    side_right = sum(g["side"] == p["side"] for g, p in found)
    negatives = {a["doc_id"] for a in articles if not a["has_list"]}
    false_rows = [p for p in predicted if p["doc_id"] in negatives]
    gold_lists = {(g["doc_id"], g["list"]) for g in gold}
    predicted_lists = {(p["doc_id"], p["evidence"]) for p in predicted}
    return {
        "pairs": pairs,
        "members": (ratio(len(found), len(predicted)), ratio(len(found), len(gold))),
        "titles": (ratio(title_right, len(predicted)), ratio(title_right, len(gold))),
        "sides": (ratio(side_right, len(predicted)), ratio(side_right, len(gold))),
        "title_accuracy": ratio(title_right, len(found)),
        "side_accuracy": ratio(side_right, len(found)),
        "counts": (len(gold), len(predicted), len(found)),
        "lists": (len(gold_lists), len(predicted_lists)),
        "false_lists": len({(p["doc_id"], p["evidence"]) for p in false_rows}),
        "false_articles": len({p["doc_id"] for p in false_rows}),
        "negatives": len(negatives),
    }


def report(result: dict) -> str:
    gold, predicted, found = result["counts"]
    lines = [f"matching: {MATCHING}",
             f"gold members {gold}, predicted {predicted}, matched {found}",
             f"{'field':<8} {'precision':>9} {'recall':>7}"]
    for field in ("members", "titles", "sides"):
        p, r = result[field]
        lines.append(f"{field:<8} {p:>9.3f} {r:>7.3f}")
    lines.append(f"on the members found: title accuracy {result['title_accuracy']:.3f}, "
                 f"side accuracy {result['side_accuracy']:.3f}")
    lines.append(f"lists: gold {result['lists'][0]}, predicted (list sentences) {result['lists'][1]}")
    lines.append(f"articles without lists: {result['negatives']}; false lists {result['false_lists']} "
                 f"in {result['false_articles']} of them")
    return "\n".join(lines)


def errors(result: dict) -> str:
    out = []
    for g, p in sorted(result["pairs"], key=lambda gp: (gp[0] or gp[1])["doc_id"]):
        doc = (g or p)["doc_id"]
        if g and not p:
            out.append(f"MISSED  {doc} | {g['side']} | {g['title']} | {g['name']}")
        elif p and not g:
            out.append(f"EXTRA   {doc} | {p['side']} | {p['title']} | {p['name']} || {p['evidence'][:140]}")
        else:
            if g["side"] != p["side"]:
                out.append(f"SIDE    {doc} | gold {g['side'] or '∅'} ≠ {p['side'] or '∅'} | {p['name']}")
            if title_key(g["title"]) != title_key(p["title"]):
                out.append(f"TITLE   {doc} | gold «{g['title']}» ≠ «{p['title']}» | {p['name']}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list every missed, extra or mislabelled member")
    args = parser.parse_args()
    articles, gold = load_gold(args.gold)
    result = score(articles, gold, predict(articles))
    print(report(result))
    if args.errors:
        print(errors(result))


if __name__ == "__main__":
    main()
