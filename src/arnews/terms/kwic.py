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
    hits = []
    if wanted is not None:
        for i, (doc_id, text) in enumerate(zip(analysis.doc_ids, articles["text"], strict=True)):
            if not (analysis.article_terms(i) == wanted).any():
                continue
            terms, starts, ends = analysis.token_terms(text)
            for k in np.flatnonzero(terms == wanted).tolist():
                start, end = int(starts[k]), int(ends[k])
                left = " ".join(text[max(0, start - width):start].split())
                right = " ".join(text[end:end + width].split())
                hits.append((doc_id, left, text[start:end], right))
    if len(hits) > limit:
        picked = sorted(random.Random(seed).sample(range(len(hits)), limit))
        hits = [hits[i] for i in picked]
    return pd.DataFrame(hits, columns=["doc_id", "left", "match", "right"])


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
