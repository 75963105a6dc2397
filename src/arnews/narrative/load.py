"""Notebook 01 (load): what is in the corpus and what the loader met, said of the current corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from arnews.narrative.text import Prose, agree, arabic, listing, literal, name, number, percent, plural

__all__ = ["describe_corpus", "describe_dates", "describe_lengths", "describe_outlets", "describe_problems"]

#: The kinds of problems in the words of a sentence ("528 exact duplicates dropped").
_PROBLEM_WORDS = {"duplicate": ("exact duplicate", "exact duplicates"), "empty": ("empty record", "empty records"),
                  "syndicated": ("copy of another outlet's text", "copies of another outlet's text"),
                  "near-duplicate": ("near-duplicate", "near-duplicates"),
                  "no-date": ("article without a date", "articles without a date"),
                  "bad-date": ("article with an unreadable date", "articles with an unreadable date")}


def describe_corpus(store, corpus_path) -> Prose:
    """The corpus in one paragraph: its name, what was read, how many articles, outlets and days.

    Args:
        store: the corpus's clean store.
        corpus_path: the corpus as the notebook was given it (named by its folder, or `data/raw` in the
            repository; never by its absolute path).
    """
    from arnews.report.provenance import shown_corpus

    table, loaded = store.table, store.report
    outlets = table["outlet"][table["outlet"] != ""].nunique()
    dated = table["published"].dropna()
    text = (f"Corpus **{literal(shown_corpus(Path(corpus_path)))}**: {plural(len(table), 'article')} kept from "
            f"{plural(loaded.files, 'file')} ({plural(loaded.records, 'record')} read)")
    text += f", from {plural(outlets, 'named outlet')}" if outlets else ", none with a named outlet"
    if len(dated):
        first, last = dated.min().date(), dated.max().date()
        text += f", published {'on ' + str(first) if first == last else f'between {first} and {last}'}"
    if loaded.ignored:  # files the loader does not read (a README, images): said, never silent
        more = ["…"] if len(loaded.ignored) > 3 else []
        names = listing([literal(Path(f).name) for f in loaded.ignored[:3]] + more)
        text += f". {plural(len(loaded.ignored), 'file')} of other types {agree(len(loaded.ignored), 'was', 'were')} " \
                f"not read: {names}"
    return Prose(text + ".")


def describe_outlets(table: pd.DataFrame) -> Prose:
    """Who published the articles: the largest outlets and their shares, and what is unknown."""
    outlets = table["outlet"].replace("", None).dropna()
    if outlets.empty:
        return Prose("No article names its outlet: this corpus cannot be compared outlet by outlet; later "
                     "notebooks compare articles instead.")
    counts = outlets.value_counts()
    largest = [f"{name(outlet)} ({percent(n, len(table))})" for outlet, n in counts.head(3).items()]
    if len(counts) > 1 and counts.nunique() == 1:
        more = "" if len(counts) <= 3 else " …"
        text = f"{plural(len(counts), 'outlet')} with equal shares: {listing(largest)}{more}."
    else:
        text = f"{plural(len(counts), 'outlet')}; the largest: {listing(largest)}."
    unknown = len(table) - len(outlets)
    if unknown:
        text += (f" {plural(unknown, 'article')} ({percent(unknown, len(table))}) {agree(unknown, 'has', 'have')} no "
                 "outlet: `(unknown)`.")
    return Prose(text)


def describe_dates(table: pd.DataFrame) -> Prose:
    """When the articles were published: the span, the busiest day and how many have no date."""
    dated = table["published"].dropna()
    missing = len(table) - len(dated)
    if dated.empty:
        return Prose("No article has a usable publication date: notebook 04 cannot resolve relative dates "
                     "(«اليوم», today; «أمس», yesterday) without one.")
    days = dated.dt.date.value_counts()
    text = (f"Publication dates run from {dated.min().date()} to {dated.max().date()} "
            f"({plural(len(days), 'distinct day')}); the busiest day is {days.index[0]} with "
            f"{plural(days.iloc[0], 'article')}.")
    if missing:
        text += f" {plural(missing, 'article')} {agree(missing, 'has', 'have')} no usable date: `(no date)`."
    return Prose(text)


def describe_problems(loaded) -> Prose:
    """The loader's problems in one sentence: how many of each kind and what was done (or that there were none)."""
    if not loaded.problems:
        return Prose("No problems: every file was read as it is.")
    counts = loaded.counts()
    parts = [f"{plural(row.problems, *_PROBLEM_WORDS.get(row.kind, (f'{row.kind} problem', None)))}, {row.action}"
             for row in counts.itertuples()]
    return Prose(f"{plural(len(loaded.problems), 'problem')} of {plural(counts['kind'].nunique(), 'kind')}: "
                 f"{'; '.join(parts)}. The table below counts them; the next one shows a few of each kind.")


def describe_lengths(table: pd.DataFrame) -> Prose:
    """Article lengths in characters: median, middle half, shortest and longest (by title)."""
    if table.empty:
        return Prose("No articles, no lengths.")
    chars = table["chars"]
    shortest, longest = table.loc[chars.idxmin()], table.loc[chars.idxmax()]
    text = (f"The median article has {plural(round(chars.median()), 'character')}; half of them have between "
            f"{number(round(chars.quantile(0.25)))} and {number(round(chars.quantile(0.75)))}. The longest is "
            f"{arabic(longest['title'] or longest['doc_id'])} ({number(longest['chars'])}), the shortest "
            f"{arabic(shortest['title'] or shortest['doc_id'])} ({number(shortest['chars'])}).")
    return Prose(text)
