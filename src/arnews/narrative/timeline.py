"""Notebook 04 (timeline): the current corpus's dated events in words, and where its articles disagree."""

from __future__ import annotations

import pandas as pd

from arnews import timeline
from arnews.narrative.text import Prose, agree, arabic, listing, literal, number, percent, plural

__all__ = ["describe_durations", "describe_events", "describe_expressions", "describe_neighbours",
           "describe_timeline"]

_PRECISION_WORDS = {"YYYY-MM-DD": "a day", "YYYY-MM": "a month", "YYYY": "a year"}


def describe_expressions(result) -> Prose:
    """How many temporal expressions were found and how precisely they resolve."""
    found = result.expressions
    if found.empty:
        return Prose(f"No temporal expression in the {plural(result.articles, 'article')}: nothing to put on a "
                     "timeline.")
    precision = found["precision"].value_counts()
    parts = [f"{percent(precision[p], len(found))} to {words}" for p, words in _PRECISION_WORDS.items()
             if p in precision]
    unresolved = int((found["precision"] == "").sum())
    text = (f"{plural(len(found), 'temporal expression')} in {plural(result.articles, 'article')}; "
            f"{listing(parts)}")
    text += f"; {percent(unresolved, len(found))} stay unresolved." if unresolved else "; every one resolves."
    return Prose(text)


def _month(value: str) -> str:
    return value[:7]


def describe_timeline(events: pd.DataFrame, shown: int, published: pd.Series) -> Prose:
    """What the timeline figure shows: how many events of how many, their span, and how many fall in the
    months the articles were published."""
    if events.empty:
        return Prose("No dated event: no resolved date stands next to an event trigger in this corpus, so there "
                     "is no timeline to draw.")
    top = timeline.top_events(events, shown)
    dates = top["date"].sort_values()
    text = (f"The figure shows {plural(len(top), 'event')} of {number(len(events))} (those reported by the most "
            f"articles, named ones first), dated from {dates.iloc[0]} to {dates.iloc[-1]}.")
    dated = published.dropna()
    if len(dated):
        first, last = dated.min().strftime("%Y-%m"), dated.max().strftime("%Y-%m")
        current = top["date"].map(_month).between(first, last) & (top["date"].str.len() >= 7)
        span = first if first == last else f"{first} to {last}"
        inside = int(current.sum())
        if inside == len(top):
            every = "it falls" if inside == 1 else f"all {number(inside)} fall"
            text += f" {every[0].upper()}{every[1:]} in the months the articles were published ({span})."
        else:
            text += (f" {number(inside)} of them {agree(inside, 'falls', 'fall')} in the months the articles were "
                     f"published ({span}); the others are the past (or the announced future) the articles refer to.")
    return Prose(text)


def describe_events(table: pd.DataFrame) -> Prose:
    """The most reported event of the table (`timeline.event_table`)."""
    if table.empty:
        return Prose("No dated event to list.")
    top = table.sort_values(["articles", "date"], ascending=[False, True], kind="stable").iloc[0]
    if top["articles"] <= 1:
        return Prose(f"No event is reported by more than one article: each row is one article's account, the "
                     f"earliest {arabic(top['event'])} ({literal(top['gloss'])}, {top['date']}).")
    return Prose(f"The most reported is {arabic(top['event'])} ({literal(top['gloss'])}, {top['date']}), in "
                 f"{plural(top['articles'], 'article')}.")


def describe_durations(claims: pd.DataFrame, event_type: str = "summit") -> Prose:
    """Whether the articles disagree on how long the most reported event of a type lasted."""
    if claims.empty:
        return Prose(f"No article states how long the most reported {event_type} lasted: no durations to compare.")
    event, date = claims["event"].iloc[0], claims["date"].iloc[0]
    about = f"the most reported {event_type}, {arabic(event)} ({date})"
    if len(claims) == 1:
        return Prose(f"Only one duration is stated in a sentence about {about}: nothing to compare, and a single "
                     "claim may well be about something else in the sentence. No table.")
    values = claims["duration"].map(lambda text: " ".join(text.split())).unique()
    articles = claims["doc_id"].nunique()
    if len(set(claims["hours"])) == 1:
        return Prose(f"{plural(len(claims), 'statement')} in {plural(articles, 'article')} about {about} agree on "
                     f"its length: {arabic(values[0])}.")
    return Prose(f"{plural(len(claims), 'statement')} in {plural(articles, 'article')} about {about} give "
                 f"{plural(len(set(claims['hours'])), 'different length')}: "
                 f"{listing(arabic(v) for v in values[:6])}. Read each sentence before taking any as *the* length: "
                 "one may cover a whole day of contacts, another one session, another something else said "
                 "in the same sentence.")


def describe_neighbours(pairs: pd.DataFrame, days: int = 1) -> Prose:
    """How many pairs of same-type events with shared participants lie a day apart, and what they may be."""
    if pairs.empty:
        return Prose(f"No two events of the same type name the same people or places within {plural(days, 'day')} "
                     "of each other: no date disagreement to show.")
    kinds = pairs["type"].value_counts()
    return Prose(f"{plural(len(pairs), 'pair')} of events of the same type and participants, at most "
                 f"{plural(days, 'day')} apart ({listing(f'{number(n)} {literal(k)}' for k, n in kinds.items())}). "
                 "Each pair is one happening that spans days, reports that date it differently, or two separate "
                 "happenings (frequent for attacks in one country): the evidence sentences tell which.")
