"""Notebook 05 (delegations): the current corpus's delegation lists in words, and which of its views are
worth showing (a meeting of two delegations, a chart of sectors)."""

from __future__ import annotations

import pandas as pd

from arnews import delegations
from arnews.narrative.text import Prose, agree, arabic, listing, literal, name, number, plural

__all__ = ["MIN_SECTOR_MEMBERS", "describe_appearances", "describe_lists", "describe_meeting", "describe_sectors",
           "meeting_article", "sector_scope", "worth_a_sector_chart"]

#: A sector chart of fewer members, or of a single sector, is not drawn: the table says it all.
MIN_SECTOR_MEMBERS = 5


def describe_lists(members: pd.DataFrame, table: pd.DataFrame) -> Prose:
    """The largest list and how often the same list recurs across articles (`delegations.lists`)."""
    if members.empty:
        return Prose("No delegation list in this corpus: the sections below have nothing to show.")
    every = delegations.lists(members)
    top = every.iloc[0]
    side = f", side {arabic(top['side'])}" if top["side"] else ""
    text = f"The largest list names {plural(top['members'], 'member')} ({literal(top['doc_id'])}{side})."
    repeated = every.duplicated(["side", "people"], keep=False)
    if repeated.any():
        groups = every[repeated].groupby(["side", "people"]).size()
        text += (f" {plural(len(groups), 'list')} {agree(len(groups), 'recurs', 'recur')} word for word in several "
                 f"articles ({number(groups.sum())} rows in all): the same report run again or by another outlet.")
    if len(table) < len(every):
        text += (f" The table shows the {number(len(table))} largest of its {number(len(every))} rows, one per "
                 "article and side (a sentence naming two sides gives two rows; an article's sentences about one "
                 "side make one); `delegations.csv` has them all.")
    return Prose(text)


def meeting_article(members: pd.DataFrame) -> str | None:
    """The article that lists two delegations meeting — at least two sides with two members or more each —
    with the most sides, then members; None when no article does."""
    if members.empty:
        return None
    sizes = members.groupby(["doc_id", "side"]).size()
    meeting = (sizes[sizes >= 2].reset_index(name="n").groupby("doc_id")
               .agg(sides=("side", "nunique"), members=("n", "sum")))
    meeting = meeting[meeting["sides"] >= 2]
    if meeting.empty:
        return None
    return str(meeting.sort_values(["sides", "members"], ascending=False, kind="stable").index[0])


def describe_meeting(members: pd.DataFrame, doc_id: str | None, articles: pd.DataFrame) -> Prose:
    """The meeting shown side by side: its article, date and the size of each side (or that there is none)."""
    if members.empty:
        return Prose("No delegation list: no meeting to show side by side.")
    if doc_id is None:
        return Prose("No article lists two delegations of two or more members each: no meeting to show side by "
                     "side (the largest lists are above).")
    listed = delegations.delegation(members, doc_id)
    meta = articles.set_index("doc_id").loc[doc_id]
    when = f", {meta['published'].date()}" if pd.notna(meta.get("published")) else ""
    outlet = f", {name(meta['outlet'])}" if meta.get("outlet") else ""
    sides = [f"{plural(n, 'member')} for {arabic(side or '?')}"
             for side, n in listed["side"].value_counts(sort=False).items()]
    return Prose(f"Article {literal(doc_id)}{outlet}{when}: {listing(sides)}.")


def describe_appearances(members: pd.DataFrame) -> Prose:
    """Who is listed in the most articles."""
    if members.empty:
        return Prose("No one is listed: nothing to cross-tabulate.")
    per_person = members.groupby("canonical_name")["doc_id"].nunique().sort_values(ascending=False, kind="stable")
    if per_person.iloc[0] < 2:
        return Prose("Everyone is listed in one article only: no one recurs across lists.")
    top = per_person[per_person == per_person.iloc[0]].index[:3]
    return Prose(f"{listing(arabic(name) for name in top)} {'is' if len(top) == 1 else 'are'} listed in the most "
                 f"articles ({number(per_person.iloc[0])}); {plural((per_person >= 2).sum(), 'person', 'people')} "
                 "in more than one.")


def sector_scope(members: pd.DataFrame, doc_id: str | None) -> tuple[pd.DataFrame, str]:
    """The members a sector chart is about, and how to name them: the meeting's delegations when there is a
    meeting (`meeting_article`), else every list of the corpus."""
    if doc_id is not None:
        return delegations.delegation(members, doc_id), f"the delegations of {doc_id}"
    return members, "every list of the corpus"


def describe_sectors(counts: pd.DataFrame, scope: str) -> Prose:
    """Which sectors lead, and whether a chart is worth drawing (see `MIN_SECTOR_MEMBERS`)."""
    total = int(counts.to_numpy().sum()) if not counts.empty else 0
    if not total:
        return Prose("No delegation member: no sectors to count.")
    if not worth_a_sector_chart(counts):
        return Prose(f"Too few members ({number(total)}) or sectors ({number(len(counts))}) in {literal(scope)} for "
                     "a chart: the table says it all.")
    per_sector = counts.sum(axis=1)
    top = [f"{literal(s)} ({number(n)})" for s, n in per_sector.head(3).items()]
    text = f"{plural(total, 'member')} of {literal(scope)}; the largest sectors: {listing(top)}."
    sides = [c for c in counts.columns if c not in ("other sides", "?")]
    if len(sides) >= 2:
        shared = [s for s in counts.index if (counts.loc[s, sides[:2]] > 0).all()]
        text += (f" Sectors both {arabic(sides[0])} and {arabic(sides[1])} staff: "
                 f"{listing(literal(s) for s in shared) if shared else 'none'}.")
    if "?" in counts.columns:
        text += f" {plural(int(counts['?'].sum()), 'member')} belong to lists whose side is not known (`?`)."
    return Prose(text)


def worth_a_sector_chart(counts: pd.DataFrame) -> bool:
    """A chart shows more than its table: at least two sectors and `MIN_SECTOR_MEMBERS` members."""
    return len(counts) >= 2 and int(counts.to_numpy().sum()) >= MIN_SECTOR_MEMBERS
