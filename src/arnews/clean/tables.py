"""Cleaning a corpus: the clean article table, the removed-spans table, and the way back to the raw texts."""

from __future__ import annotations

import sys

import pandas as pd

from arnews.clean.engine import clean_text, restore
from arnews.clean.learn import LearnedLines, learn_lines, outlet_names
from arnews.clean.rules import RuleSet, default_rules

__all__ = ["ARTICLE_FIELDS", "REMOVED_COLUMNS", "article_records", "clean_corpus", "clean_texts",
           "removed_frame", "restore_corpus"]

REMOVED_COLUMNS = ["doc_id", "start", "end", "rule", "text"]
ARTICLE_FIELDS = ["doc_id", "title", "outlet", "published", "text"]


def clean_corpus(articles: pd.DataFrame, rules: RuleSet | None = None, progress: bool | None = None,
                 learned: LearnedLines | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean every article of a table, in two passes: learn each outlet's repeated lines, then clean.

    Args:
        articles: a table from `corpus.load` (columns doc_id, title, text at least; outlet for learning).
        rules: compiled rules; default data/lexicons/boilerplate.yaml.
        progress: tqdm bar on stderr; default: only for tables of 100,000 articles or more.
        learned: the lines to remove as each outlet's boilerplate; default: learned from this table
            (`learn.learn_lines`), so the result depends on the whole table, never on how it is processed.
    Returns:
        (clean_articles, removed): the same table with `text` = clean text, and the removed spans,
        columns doc_id, start, end, rule, text (offsets into the raw text), in article order.
    """
    rules = rules or default_rules()
    texts = [text if isinstance(text, str) else "" for text in articles["text"].tolist()]
    titles = articles["title"].tolist() if "title" in articles else [""] * len(texts)
    outlets = outlet_names(articles)
    if learned is None:
        learned = learn_lines(articles, rules)
    rows_in = zip(articles["doc_id"].tolist(), texts, titles, outlets, strict=True)
    if progress or (progress is None and len(articles) >= 100_000):
        from tqdm import tqdm

        rows_in = tqdm(rows_in, total=len(articles), desc="clean", unit="article", file=sys.stderr)
    clean, rows = [], []
    for doc_id, text, title, outlet in rows_in:
        cleaned = clean_text(text, title if isinstance(title, str) else "", rules, learned.for_outlet(outlet))
        clean.append(cleaned.text)
        rows.extend((doc_id, *span) for span in cleaned.spans)
    clean_articles = articles.copy()
    clean_articles["text"] = pd.Series(clean, index=articles.index, dtype=articles["text"].dtype)
    return clean_articles, removed_frame(rows)


def clean_texts(texts: list[str], titles: list[str] | None = None, rules: RuleSet | None = None,
                outlets: list[str] | None = None) -> list[str]:
    """The clean text of each article: the `text` column `clean_corpus` gives, without tables or spans.

    Args:
        texts: raw article texts; titles: their titles (a repeated headline line goes), or None.
        rules: compiled rules; default data/lexicons/boilerplate.yaml.
        outlets: their outlets, for the lines each outlet repeats (None: all from one unknown outlet).
    """
    table = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": list(texts),
                          "title": list(titles) if titles is not None else [""] * len(texts),
                          "outlet": list(outlets) if outlets is not None else [""] * len(texts)})
    return clean_corpus(table, rules, progress=False)[0]["text"].tolist()


def removed_frame(rows=()) -> pd.DataFrame:
    """The removed-spans table (doc_id, start, end, rule, text) from (doc_id, start, end, rule, text) rows."""
    frame = pd.DataFrame(list(rows), columns=REMOVED_COLUMNS)
    return frame.astype({"doc_id": str, "start": "int64", "end": "int64", "rule": str, "text": str})


def restore_corpus(clean_articles: pd.DataFrame, removed: pd.DataFrame) -> pd.Series:
    """The raw texts, rebuilt from clean texts and removed spans (indexed like clean_articles)."""
    spans = {doc: list(zip(group["start"], group["end"], group["rule"], group["text"], strict=True))
             for doc, group in removed.groupby("doc_id")}
    texts = zip(clean_articles["doc_id"], clean_articles["text"], strict=True)
    return pd.Series([restore(text, spans.get(doc, ())) for doc, text in texts], index=clean_articles.index)


def article_records(articles: pd.DataFrame):
    """articles.jsonl records: doc_id, title, outlet, published (ISO date, or null), text."""
    published = articles["published"]
    iso = published.dt.strftime("%Y-%m-%d").where(published == published.dt.normalize(),
                                                  published.dt.strftime("%Y-%m-%dT%H:%M:%S"))
    iso = iso.astype(object).where(published.notna(), None)
    columns = (articles["doc_id"], articles["title"], articles["outlet"], iso, articles["text"])
    for doc_id, title, outlet, date, text in zip(*columns, strict=True):
        yield {"doc_id": doc_id, "title": title, "outlet": outlet, "published": date, "text": text}
