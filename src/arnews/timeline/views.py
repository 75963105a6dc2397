"""Reading the timeline's results: the most reported events, where reports disagree (durations claimed for one
meeting, neighbouring dates of one happening), and summaries for the notebook's tables.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from arnews import arabic, clean, pipeline
from arnews.timeline.durations import durations_in
from arnews.timeline.events import DOC_SEPARATOR
from arnews.timeline.triggers import event_grammar, triggers_in

__all__ = ["duration_claims", "event_durations", "event_table", "expression_summary", "neighbouring_events",
           "top_events"]


def event_durations(articles: pd.DataFrame, event_type: str = "summit") -> pd.DataFrame:
    """Durations said of events of one type: those in a sentence that holds a trigger of that type.

    Where articles (or one article) disagree on how long a meeting lasted ("نحو 11 ساعة" vs "ساعتين"),
    this table shows each claim with its sentence.

    Args:
        articles: clean article table (doc_id, text).
        event_type: a type of data/lexicons/event_types.yaml, e.g. "summit", "visit".
    Returns:
        DataFrame[doc_id, duration, value, hours, approximate, sentence] in article and text order.
    """
    eg = event_grammar()
    kind = next((i for i, t in enumerate(eg.types) if t.type == event_type), None)
    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True):
        view = arabic.fold_with_offsets(text)
        if kind is None or not eg.types[kind].trigger.search(view.text):
            continue
        for sentence in arabic.sentences(view.text):
            if not any(t.kind == kind for t in triggers_in(view.text, *sentence)):
                continue
            for d in durations_in(view, *sentence):
                s, e = view.span(*sentence)
                rows.append({"doc_id": doc_id, "duration": d.text, "value": d.value, "hours": d.hours,
                             "approximate": d.approximate, "sentence": " ".join(text[s:e].split())})
    return pd.DataFrame(rows, columns=["doc_id", "duration", "value", "hours", "approximate", "sentence"])


def _clean_articles_of(articles: pd.DataFrame | str | Path | pipeline.CleanStore, doc_ids: set[str]) -> pd.DataFrame:
    """The clean articles among `doc_ids`: from a clean store (only the shards that hold them), a corpus path
    (through its clean store) or an article table (cleaned here when it is raw)."""
    if isinstance(articles, pd.DataFrame):
        subset = articles[articles["doc_id"].isin(doc_ids)]
        return clean.clean_corpus(subset, progress=False)[0]
    store = articles if isinstance(articles, pipeline.CleanStore) else pipeline.clean_store(articles, progress=False)
    table = store.table
    shards = sorted(set(table.loc[table["doc_id"].isin(doc_ids), "shard"]))
    frames = [pipeline.read_shard(store.shards[i]) for i in shards]
    if not frames:
        return pipeline.read_shard(None)
    found = pd.concat(frames, ignore_index=True)
    return found[found["doc_id"].isin(doc_ids)].reset_index(drop=True)


def duration_claims(table: pd.DataFrame, articles: pd.DataFrame | str | Path | pipeline.CleanStore,
                    event_type: str = "summit") -> pd.DataFrame:
    """How long the most reported event of a type lasted, claim by claim, from the articles that report it.

    Args:
        table: events (from `events`).
        articles: the corpus's clean store, its path (its clean store is used) or an article table
            (`corpus.load`, cleaned here); only the event's articles are read.
        event_type: e.g. "summit" (the length of a meeting) or "visit".
    Returns:
        DataFrame[event, date, doc_id, duration, value, hours, approximate, sentence]; empty when there is no
        such event or no article states a duration.
    """
    columns = ["event", "date", "doc_id", "duration", "value", "hours", "approximate", "sentence"]
    chosen = top_events(table[table["type"] == event_type], 1) if len(table) else table
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    event = chosen.iloc[0]
    cleaned = _clean_articles_of(articles, set(event["doc_ids"].split(DOC_SEPARATOR)))
    claims = event_durations(cleaned, event_type)
    return claims.assign(event=event["label"], date=event["date"])[columns]


def neighbouring_events(table: pd.DataFrame, days: int = 1, max_docs: int = 5) -> pd.DataFrame:
    """Events of the same type naming the same people or places, dated at most `days` apart.

    Either one happening that spans days (a two-day visit) or articles that disagree on its date (an arrival
    "late on Tuesday" in one report, "in the early hours of Wednesday, local time" in another).

    Args:
        table: events (from `events`).
        days: the largest gap between the two dates.
        max_docs: doc ids listed per event (the rest is counted: "… +12").
    Returns:
        DataFrame[type, first_date, first_label, first_docs, second_date, second_label, second_docs, shared],
        the pairs reported by the most articles first.
    """
    columns = ["type", "first_date", "first_label", "first_docs", "second_date", "second_label", "second_docs",
               "shared"]
    days_only = table[table["precision"] == "YYYY-MM-DD"] if len(table) else table
    rows = []
    for kind, group in days_only.groupby("type", sort=True):
        group = group.sort_values(["date", "label"], kind="stable")
        records = list(group.itertuples())
        for i, first in enumerate(records):
            for second in records[i + 1:]:
                gap = (dt.date.fromisoformat(second.date) - dt.date.fromisoformat(first.date)).days
                if gap > days:
                    break
                shared = set(filter(None, first.participants.split(DOC_SEPARATOR))) & set(
                    filter(None, second.participants.split(DOC_SEPARATOR)))
                if gap > 0 and shared:
                    rows.append([kind, first.date, first.label, first.doc_ids, second.date, second.label,
                                 second.doc_ids, DOC_SEPARATOR.join(sorted(shared))])
    pairs = pd.DataFrame(rows, columns=columns)
    reported = pairs["first_docs"].str.count(re.escape(DOC_SEPARATOR)) + pairs["second_docs"].str.count(
        re.escape(DOC_SEPARATOR))
    pairs = pairs.assign(_n=reported).sort_values(["_n", "first_date", "type"], ascending=[False, True, True],
                                                  kind="stable").drop(columns="_n").reset_index(drop=True)
    for column in ("first_docs", "second_docs"):
        pairs[column] = pairs[column].map(lambda ids: _short_ids(ids, max_docs))
    return pairs


def _short_ids(ids: str, n: int) -> str:
    docs = ids.split(DOC_SEPARATOR)
    return DOC_SEPARATOR.join(docs[:n]) + (f" … +{len(docs) - n}" if len(docs) > n else "")


def event_table(table: pd.DataFrame, n: int = 15, evidence_chars: int = 400) -> pd.DataFrame:
    """The n most reported events for display: date, labels, how many articles, the first evidence sentences."""
    shown = top_events(table, n)
    return pd.DataFrame({
        "date": shown["date"], "event": shown["label"], "gloss": shown["label_en"],
        "articles": shown["doc_ids"].str.count(re.escape(DOC_SEPARATOR)) + 1,
        "evidence": [e if len(e) <= evidence_chars else e[:evidence_chars] + " …" for e in shown["evidence"]],
    })


def expression_summary(table: pd.DataFrame) -> pd.DataFrame:
    """How many expressions were found and resolved, per precision ("" = unresolved)."""
    precision = table["precision"].replace("", "(unresolved)")
    return precision.value_counts().rename_axis("precision").reset_index(name="expressions")


def top_events(table: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The n most reported events, in date order.

    Events that name someone or somewhere, and derived events (an anniversary names what it commemorates),
    come first (on a large corpus, "an arrival on 24 July" that names no one lumps unrelated reports
    together); then the most articles, the most mentions, the earlier date.
    """
    if table.empty:
        return table
    derived = {t.type for t in event_grammar().types if t.derive}
    ranked = table.assign(_docs=table["doc_ids"].str.count(re.escape(DOC_SEPARATOR)) + 1,
                          _named=table["participants"].fillna("").ne("") | table["type"].isin(derived))
    ranked = ranked.sort_values(["_named", "_docs", "mentions", "date"], ascending=[False, False, False, True],
                                kind="stable").head(n)
    return ranked.drop(columns=["_docs", "_named"]).sort_values(["date", "label"], kind="stable").reset_index(drop=True)

