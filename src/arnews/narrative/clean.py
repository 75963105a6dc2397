"""Notebook 02 (clean): what cleaning removed from the current corpus, and whether it is lossless."""

from __future__ import annotations

import hashlib

import pandas as pd

from arnews.narrative.text import Prose, agree, arabic, literal, number, percent, plural

__all__ = ["describe_candidates", "describe_lossless", "describe_rules", "describe_showcase", "describe_words",
           "raw_digests"]


def raw_digests(texts: pd.Series) -> list[str]:
    """SHA-256 of each text (UTF-8), as the clean store records the raw texts' (`raw_sha256`)."""
    return [hashlib.sha256(text.encode()).hexdigest() for text in texts]


def describe_lossless(restored: pd.DataFrame, store) -> Prose:
    """Whether the clean texts with their removed spans put back are the raw texts the loader read.

    Args:
        restored: the articles with the restored text (doc_id, text), in store order.
        store: the clean store, whose table holds each raw text's SHA-256.
    """
    expected = store.table.set_index("doc_id")["raw_sha256"]
    got = pd.Series(raw_digests(restored["text"]), index=restored["doc_id"])
    differ = [doc for doc in expected.index if got.get(doc) != expected[doc]]
    if not differ:
        every = "the restored text has" if len(expected) == 1 else f"all {plural(len(expected), 'restored text')} have"
        return Prose(f"**Lossless**: {every} the SHA-256 of the raw text the loader read.")
    return Prose(f"**Not lossless**: {plural(len(differ), 'article')} of {number(len(expected))} differ from the raw "
                 f"text after restoring, the first {literal(differ[0])}. Please report this as a bug.")


def describe_rules(by_rule: pd.DataFrame) -> Prose:
    """Which rule removes the most text and which reaches the most articles (`clean.removed_by_rule`)."""
    if by_rule.empty:
        return Prose("No rule matched this corpus: the clean text is the raw text, and there is no chart to draw.")
    chars = int(by_rule["chars"].sum())
    top = by_rule.iloc[0]
    widest = by_rule.sort_values(["articles", "rule"], ascending=[False, True], kind="stable").iloc[0]
    text = (f"{plural(len(by_rule), 'rule')} matched. **{literal(top['rule'])}** removes the most text: "
            f"{plural(top['chars'], 'character')}, {percent(top['chars'], chars)} of all that was removed")
    if widest["rule"] != top["rule"]:
        text += (f"; **{literal(widest['rule'])}** reaches the most articles "
                 f"({number(widest['articles'])}, {plural(widest['spans'], 'span')})")
    else:
        text += f", in the most articles too ({number(top['articles'])})"
    return Prose(text + ("." if len(by_rule) > 1 else "; with a single rule there is no chart to draw."))


def describe_words(words: pd.DataFrame) -> Prose:
    """How many articles lost words to cleaning, and how many words in all (`clean.word_counts`)."""
    touched = words[words["words_removed"] > 0]
    raw = int(words["words_raw"].sum())
    if touched.empty:
        return Prose(f"Every article keeps every word: {number(raw)} words before and after.")
    most = touched.sort_values(["words_removed", "doc_id"], ascending=[False, True], kind="stable").iloc[0]
    removed = int(touched["words_removed"].sum())
    return Prose(f"{plural(len(touched), 'article')} of {number(len(words))} lost words: {number(removed)} of "
                 f"{number(raw)} ({percent(removed, raw)}). The most, {number(most['words_removed'])} of "
                 f"{number(most['words_raw'])}, went from {literal(most['doc_id'])}.")


def describe_showcase(doc_id: str, title: str, spans: pd.DataFrame) -> Prose:
    """The article shown before and after cleaning: which it is and what was cut from it."""
    if spans.empty:
        return Prose(f"Nothing was removed from any article; here is {literal(doc_id)} "
                     f"{arabic(title) if title else ''} as it is.")
    return Prose(f"Article {literal(doc_id)} {arabic(title) if title else ''}: "
                 f"{plural(len(spans), 'span')} cut by {plural(spans['rule'].nunique(), 'rule')}, "
                 f"{plural(int(spans['text'].str.len().sum()), 'character')}.")


def describe_candidates(candidates: pd.DataFrame, min_count: int) -> Prose:
    """How many repeated lines discovery found and how many of them no rule removes yet."""
    if candidates.empty:
        return Prose(f"No line is repeated in {number(min_count)} or more articles of one outlet: nothing to review.")
    open_ = candidates[candidates["rule"] == ""]
    text = f"{plural(len(candidates), 'line')} repeated in at least {number(min_count)} articles of one outlet; "
    if open_.empty:
        every = "it is" if len(candidates) == 1 else f"all {number(len(candidates))} are"
        return Prose(text + f"{every} already removed by a rule: nothing left to review.")
    removed = len(candidates) - len(open_)
    text += f"{number(removed)} of them {agree(removed, 'is', 'are')} already removed by a rule"
    top = open_.iloc[0]
    return Prose(text + f", {number(len(open_))} {agree(len(open_), 'is', 'are')} not. The most repeated of those, "
                        f"{arabic(top['line'])}, is in {plural(top['count'], 'article')}.")
