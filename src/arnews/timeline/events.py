"""Events: the mentions of one happening across articles, grouped, dated and labelled.

Mentions of the same (date, type) that share a person or place are one event; a coarser date ("في سبتمبر")
then joins the finer event it agrees with (the summit of 13 September 2023). Each event is labelled with its
most frequent label and keeps its articles, evidence sentences and participants.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import pandas as pd

from arnews.timeline.mentions import Mention

__all__ = ["DOC_SEPARATOR", "EVENT_COLUMNS", "EVIDENCE_SEPARATOR", "MAX_EVIDENCE", "MAX_PARTICIPANTS", "events"]

EVENT_COLUMNS = ["date", "precision", "label", "label_en", "doc_ids", "evidence", "type", "mentions", "participants"]
#: People and places kept in the participants column of an event (the most mentioned first).
MAX_PARTICIPANTS = 4
#: Separator between doc ids and between evidence sentences in events.csv.
DOC_SEPARATOR = "|"
EVIDENCE_SEPARATOR = " ‖ "
#: Evidence sentences kept per event (the doc_ids column lists every article).
MAX_EVIDENCE = 5


def _names(ms: list[Mention]) -> set[str]:
    return {n for m in ms for n in (*m.persons, m.place) if n}


def _signature(m: Mention) -> frozenset[str]:
    """Who an event mention is about: its people, else its place (nothing when it names neither)."""
    return frozenset(m.persons) or frozenset({m.place} - {""})


def _clusters(ms: list[Mention]) -> list[list[Mention]]:
    """Split the mentions of one (date, type) into happenings: mentions sharing a person (or, with no
    person, a place) are one happening; mentions naming no one and nowhere stay together as one
    unattributed happening (joining them to a named one would lump unrelated reports on a large corpus)."""
    parent = list(range(len(ms)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[str, int] = {}
    for i, m in enumerate(ms):
        for name in sorted(_signature(m)):
            if name in first_of:
                parent[root(i)] = root(first_of[name])
            else:
                first_of[name] = i
    named: dict[int, list[Mention]] = defaultdict(list)
    anonymous = []
    for i, m in enumerate(ms):
        (named[root(i)] if _signature(m) else anonymous).append(m)
    return [*named.values(), anonymous] if anonymous else list(named.values())


def events(mentions: Iterable[Mention]) -> pd.DataFrame:
    """Group event mentions into events across articles.

    Mentions of the same (date, type) that share a person or place are one event (`_clusters`). An event
    dated less precisely ("2023-09", from "في سبتمبر") then joins the more precise event of its type and
    month/year ("2023-09-13") that shares the most people and places with it (at least one); otherwise
    it stays an event of its own.

    Returns:
        DataFrame[date,precision,label,label_en,doc_ids,evidence,type,mentions,participants] sorted by date,
        then label.
    """
    by_key: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[(m.date, m.type)].append(m)
    found: list[tuple[str, str, list[Mention]]] = [
        (date, kind, cluster) for (date, kind), ms in sorted(by_key.items()) for cluster in _clusters(ms)]
    finer: dict[tuple[str, str], list[int]] = defaultdict(list)  # (type, YYYY or YYYY-MM) → more precise events
    for i, (date, kind, _) in enumerate(found):
        for cut in (4, 7):
            if len(date) > cut:
                finer[(kind, date[:cut])].append(i)
    merged = set()
    for i in sorted(range(len(found)), key=lambda i: (-len(found[i][0]), i)):
        date, kind, ms = found[i]
        names = _names(ms)
        targets = [j for j in finer.get((kind, date), []) if j not in merged]
        scored = sorted(((len(names & _names(found[j][2])), j) for j in targets), key=lambda x: (-x[0], x[1]))
        if scored and scored[0][0] > 0:
            found[scored[0][1]][2].extend(ms)
            merged.add(i)
    rows = [_event_row(date, kind, ms) for i, (date, kind, ms) in enumerate(found) if i not in merged]
    table = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return table.sort_values(["date", "label", "type", "doc_ids"], kind="stable").reset_index(drop=True)


def _event_row(date: str, kind: str, ms: list[Mention]) -> dict:
    own = [m for m in ms if m.date == date] or ms
    counts = Counter((m.label, m.label_en) for m in own)
    order = {lab: i for i, lab in reversed(list(enumerate((m.label, m.label_en) for m in own)))}
    # who the mentions have in common: "وصل شي اليوم" and "استقبل بوتين شي" are about Xi
    present = Counter(p for m in ms for p in set(m.persons))
    shared = {(m.label, m.label_en): sum(present[p] for p in m.named) for m in own}
    # the most frequent label; among equals, the one naming the most shared people, the longest, the first
    label, label_en = max(counts, key=lambda lab: (counts[lab], shared[lab], len(lab[0]), -order[lab]))
    docs = sorted({m.doc_id for m in ms})
    evidence, seen = [], set()
    for m in ms:
        if (m.doc_id, m.sentence) not in seen and len(evidence) < MAX_EVIDENCE:
            seen.add((m.doc_id, m.sentence))
            evidence.append(f"[{m.doc_id}] {m.sentence}")
    precision = {4: "YYYY", 7: "YYYY-MM"}.get(len(date), "YYYY-MM-DD")
    names = Counter(n for m in ms for n in dict.fromkeys((*m.persons, m.place)) if n)
    participants = [n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_PARTICIPANTS]]
    return {"date": date, "precision": precision, "label": label, "label_en": label_en,
            "doc_ids": DOC_SEPARATOR.join(docs), "evidence": EVIDENCE_SEPARATOR.join(evidence), "type": kind,
            "mentions": len(ms), "participants": DOC_SEPARATOR.join(participants)}
