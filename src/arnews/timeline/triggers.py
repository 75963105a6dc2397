"""What dates an event: the event triggers of data/lexicons/event_types.yaml, and the people and places of the
core's entity index (data/lexicons/entities.csv) around them.

Everything here reads the folded view of a text (`arnews.arabic.fold_with_offsets`) and returns view offsets.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from arnews import arabic, lexicons
from arnews.timeline.grammar import AFTER_BOUNDARY, alternation, scan

__all__ = ["EventGrammar", "EventType", "Place", "Trigger", "entities_in", "event_grammar", "names_a_place",
           "short_names_in", "triggers_in"]


@dataclass(frozen=True)
class EventType:
    """One type of event_types.yaml (see the file's header for each field)."""

    type: str
    trigger: re.Pattern
    requires: re.Pattern | None
    excludes: re.Pattern | None
    priority: bool
    near: int
    derive: str
    label: str
    label_en: str
    persons: int


@dataclass(frozen=True)
class EventGrammar:
    """The event types compiled, and the word classes that place an event and name what an anniversary marks."""

    types: tuple[EventType, ...]
    triggers: re.Pattern  # one group per type, t0, t1 …
    stems: re.Pattern  # where a trigger may start (its clitics and stem), a fast first pass
    heads: dict[str, str]
    objects: dict[str, str]  # longest spelling first
    ordinal: re.Pattern
    locative_before: re.Pattern  # a locative preposition up to two words before a place
    place_heads: frozenset[str]  # a person's name after these names a place (ميدان كيم إيل سونغ)
    place_types: frozenset[str]  # entity types that are places (country, place …), not organisations
    short: re.Pattern | None  # first words of multi-word person names ("كيم")
    short_of: dict[str, list[lexicons.Entity]]
    stop_words: frozenset[str]  # end the phrase an anniversary commemorates


@cache
def event_grammar() -> EventGrammar:
    """Compile event triggers (event_types.yaml) and the short names of the entity index, cached."""
    data = lexicons.read_yaml("event_types.yaml")
    types = tuple(
        EventType(
            type=t["type"],
            trigger=re.compile("(?:" + "|".join(t["triggers"]) + ")"),
            requires=re.compile(t["requires"]) if t.get("requires") else None,
            excludes=re.compile(t["excludes"]) if t.get("excludes") else None,
            priority=bool(t.get("priority")),
            near=int(t.get("near", 0)),
            derive=t.get("derive", ""),
            label=t["label"],
            label_en=t["label_en"],
            persons=int(t.get("persons", 2)),
        )
        for t in data["types"]
    )
    # one scan for all types: the shared clitic prefix is factored out of the alternation
    triggers = re.compile(r"\b" + arabic.PROCLITIC + "(?:"
                          + "|".join(f"(?P<t{i}>{t.trigger.pattern})" for i, t in enumerate(types)) + r")(?![\w])")
    stem_of = re.compile(r"[^\\\[\]()?*+{}|.]+")
    stems = re.compile(AFTER_BOUNDARY + arabic.PROCLITIC + arabic.trie_pattern(
        {stem_of.match(p).group() for t in data["types"] for p in t["triggers"]}))
    index = arabic.entity_index()
    # the first word of a person's multi-word name ("كيم" for كيم جونغ أون): resolved in the article (short_names_in)
    short_of: dict[str, list[lexicons.Entity]] = defaultdict(list)
    for entity in index.entities:
        first = arabic.phrase_key(entity.canonical).split()
        if entity.type == "person" and len(first) > 1 and first[0] not in index.by_spelling:
            short_of[first[0]].append(entity)
    short = re.compile(rf"{AFTER_BOUNDARY}(?P<clitic>{arabic.PROCLITIC_NO_ARTICLE})"
                       rf"(?P<name>{arabic.trie_pattern(short_of)})(?![\w])") if short_of else None
    # "الخامسة والسبعين لإقامة العلاقات": the ordinal (words or digits, "الـ75") then ل + what is commemorated
    ordinals = alternation(arabic.number_words())
    word = r"[^\s،,.؛:]+"
    ordinal = re.compile(rf"\s*(?:ال)?(?P<num>\d+|(?:{ordinals})(?:\s+و?(?:{ordinals}))*)(?![\w])\s+"
                         rf"(?:[وف]?ل)(?P<object>{word}(?:\s+{word}){{0,2}})")
    locative_before = re.compile(rf"(?<![\w])[وف]?(?:{alternation(data['locative_prepositions'])})\s+"
                                 r"(?:\S+\s+){0,2}\W*$")
    heads = {arabic.fold(k): v for k, v in data.get("anniversary_heads", {}).items()}
    # longest first: an anniversary's object is read by the longest spelling it starts with
    objects = dict(sorted(((arabic.fold(k), v) for k, v in data.get("anniversary_objects", {}).items()),
                          key=lambda kv: -len(kv[0])))
    return EventGrammar(types, triggers, stems, heads, objects, ordinal, locative_before,
                        frozenset(arabic.fold(w) for w in data["place_name_heads"]),
                        frozenset(data["place_types"]), short, dict(short_of),
                        frozenset(arabic.fold(w) for w in data["anniversary_stop_words"]))


@dataclass(frozen=True)
class Trigger:
    """An event trigger in the view: its span and its type (an index into event_grammar().types)."""

    start: int
    end: int
    kind: int


def triggers_in(view: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Event triggers of view[start:end] in text order; a trigger right after another is its complement
    and is dropped ("حفل استقبال" is a ceremony, not an arrival)."""
    eg = event_grammar()
    found: list[Trigger] = []
    end = len(view) if end is None else end
    for word, _ in scan(eg.stems, view, start, end):
        m = eg.triggers.match(view, word, end)
        if m is None or (found and m.start() - found[-1].end <= 1) or (found and m.start() < found[-1].end):
            continue
        found.append(Trigger(m.start(), m.end(), int(m.lastgroup[1:])))
    return found


@dataclass(frozen=True)
class Place:
    """A person, place or organisation of the entity index named in the view (the name's span, no clitic)."""

    start: int
    end: int
    entity: lexicons.Entity
    locative: bool  # introduced by في / إلى / ب: where something happens (not "with the US")
    dative: bool  # attached ل: a place after a trigger ("زيارة لكوريا"), not elsewhere ("إهانة للولايات المتحدة")


def names_a_place(view: str, start: int) -> bool:
    """Whether the name at `start` follows a place-name head ("ميدان كيم إيل سونغ" is a square)."""
    before = view[max(0, start - 16):start].split()
    heads = event_grammar().place_heads
    return bool(before) and any(reading.stem in heads for reading in arabic.readings(before[-1]))


def entities_in(view: str, begin: int = 0, end: int | None = None) -> list[Place]:
    """The entities of view[begin:end] (the core's entity index), in text order; a person's name that names a
    square or an airport is left out."""
    eg = event_grammar()
    piece = view[begin:end]
    found = []
    for match in arabic.entity_index().find(arabic.FoldedText(piece, piece, None)):
        start = begin + match.start
        if match.entity.type == "person" and names_a_place(view, start):
            continue
        locative = "ب" in match.clitic or bool(eg.locative_before.search(view[max(0, start - 40):start]))
        name_start = start + len(match.clitic)
        found.append(Place(name_start, begin + match.end, match.entity, locative, "ل" in match.clitic))
    return found


def short_names_in(view: str, begin: int, end: int | None, full: list[Place],
                   last_full_mention) -> list[Place]:
    """People named by the first word of their name in view[begin:end] ("عن كيم قوله"): the person of that name
    mentioned in full most recently before, in the same article (`last_full_mention(entity, before)` gives
    where, −1 for never); none if no such mention."""
    eg = event_grammar()
    if eg.short is None:
        return []
    found = []
    full_starts = [p.start for p in full]  # in text order, never overlapping
    for start, m in scan(eg.short, view, begin, end):
        shift = start - m.start("clitic")  # the match may come from the text seen through a leading space
        s, e = m.start("name") + shift, m.end("name") + shift
        before = bisect.bisect_right(full_starts, s) - 1
        if before >= 0 and s < full[before].end:
            continue  # the first word of a full name
        last_seen = {entity: last_full_mention(entity, s) for entity in eg.short_of[m.group("name")]}
        entity, position = max(last_seen.items(), key=lambda kv: kv[1])
        if position >= 0:
            found.append(Place(s, e, entity, False, False))
    return found
