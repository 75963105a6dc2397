"""Keyword in context: every occurrence of a term, whatever its spelling or proclitic, with the text around it."""

from __future__ import annotations

import html
import random

import numpy as np
import pandas as pd

from arnews import pipeline
from arnews.terms.engine import Analysis

__all__ = ["kwic", "kwic_html"]


def kwic(articles: pd.DataFrame | pipeline.CleanStore, analysis: Analysis, term: str, width: int = 45,
         limit: int = 12, seed: int = 0) -> pd.DataFrame:
    """Every occurrence of a term (any spelling, any proclitic) with its left and right context.

    Args:
        articles: the clean articles `analysis` was built from (same order), or their clean store.
        term: a term label, e.g. "الأسلحة", or any spelling of it ("أسلحة", "بالأسلحة").
        width: characters of context on each side.
        limit: at most this many lines, sampled reproducibly (random.Random(seed)) when there are more.
    Returns:
        DataFrame doc_id, left, match, right (plain text: display escapes it; `kwic_html` escapes explicitly).
    """
    if isinstance(articles, pipeline.CleanStore):
        articles = articles.articles()
    wanted = analysis.term_id(term)
    if wanted is None:
        return pd.DataFrame([], columns=["doc_id", "left", "match", "right"])
    # the occurrences are numbered in corpus order from the term sequences; only the articles holding a
    # sampled one are tokenized again (a frequent name occurs in thousands of articles)
    at = np.flatnonzero(analysis.terms == wanted)
    per_article = np.bincount(np.searchsorted(analysis.bounds, at, side="right") - 1, minlength=len(analysis.doc_ids))
    total = int(per_article.sum())
    picked = sorted(random.Random(seed).sample(range(total), limit)) if total > limit else range(total)
    first = np.concatenate(([0], np.cumsum(per_article)))  # the number of the first occurrence in each article
    texts = articles["text"].tolist()
    hits = []
    for article, numbers in _by_article(picked, first):
        text = texts[article]
        terms, starts, ends = analysis.token_terms(text)
        positions = np.flatnonzero(terms == wanted)
        for number in numbers:
            k = positions[number - first[article]]
            start, end = int(starts[k]), int(ends[k])
            left = " ".join(text[max(0, start - width):start].split())
            right = " ".join(text[end:end + width].split())
            hits.append((analysis.doc_ids[article], left, text[start:end], right))
    return pd.DataFrame(hits, columns=["doc_id", "left", "match", "right"])


def _by_article(numbers, first: np.ndarray):
    """(article, [occurrence numbers]) for sorted occurrence numbers, `first[i]` being article i's first."""
    groups: dict[int, list[int]] = {}
    for number in numbers:
        groups.setdefault(int(np.searchsorted(first, number, side="right")) - 1, []).append(number)
    return groups.items()


def kwic_html(lines: pd.DataFrame) -> str:
    """KWIC lines as an HTML table in Arabic reading order, with every piece of article text escaped.

    The table runs right to left: the article, then the context before the match (`left`, to the right of
    the match, where an Arabic reader meets it first), the match, and the context after it (`right`, to its
    left); each context is aligned towards the match.
    """
    rows = "".join(
        f"<tr><td>{html.escape(r.doc_id)}</td><td style='text-align:left'>{html.escape(r.left)}</td>"
        f"<td><b>{html.escape(r.match)}</b></td><td style='text-align:right'>{html.escape(r.right)}</td></tr>"
        for r in lines.itertuples()
    )
    return f"<table dir='rtl' class='arnews-kwic'>{rows}</table>"
