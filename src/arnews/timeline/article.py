"""One article as the event finder reads it: its sentences, and what each sentence holds, found once and looked
up by position.

Triggers and entities are found sentence by sentence on demand (most sentences hold no date and are never
read) and kept in position order, so every question the event finder asks ("the triggers within 100
characters of this date", "the people within 80 characters of this trigger") is a binary search and a short
walk: the work of an article grows with its length, also when a long text has no sentence punctuation at all.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from arnews import arabic, lexicons
from arnews.timeline.tagger import Expression
from arnews.timeline.triggers import Place, Trigger, entities_in, event_grammar, short_names_in, triggers_in

__all__ = ["Article", "PLACE_LEAD_SENTENCES", "gap"]

#: An event whose own sentence names no place takes the place a same-type trigger governs in the first
#: PLACE_LEAD_SENTENCES sentences (the Vostochny summit: "قرار الاجتماع في قاعدة فوستوشني", sentence 5).
PLACE_LEAD_SENTENCES = 12
#: A place governed by a trigger stands within this many characters after it ("زيارة الرئيس … إلى موسكو").
PLACE_AFTER_TRIGGER = 40

T = TypeVar("T")


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(a[0] - b[1], b[0] - a[1], 0)


class _Sorted(Generic[T]):
    """Items with `start` and `end`, in text order, looked up by position."""

    def __init__(self, items: Sequence[T]):
        self.items = sorted(items, key=lambda item: item.start)
        self.starts = [item.start for item in self.items]
        self.longest = max((item.end - item.start for item in self.items), default=0)

    def starting(self, lo: int, hi: int) -> list[T]:
        """The items that start in [lo, hi)."""
        return self.items[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def near(self, span: tuple[int, int], reach: int) -> list[T]:
        """The items at most `reach` characters from `span` (a superset cut by start; callers measure the gap)."""
        return self.starting(span[0] - reach - self.longest, span[1] + reach + 1)


@dataclass
class Article:
    """The folded view of one article, its sentences (view spans) and its expressions."""

    doc_id: str
    view: arabic.FoldedText
    sentences: list[tuple[int, int]]
    expressions: list[Expression]
    _expressions: dict[int, _Sorted[Expression]] = field(default_factory=dict)
    _triggers: dict[int, _Sorted[Trigger]] = field(default_factory=dict)
    _entities: dict[int, _Sorted[Place]] = field(default_factory=dict)
    _persons: dict[int, list[lexicons.Entity]] = field(default_factory=dict)
    _locatives: dict[int, _Sorted[Place]] = field(default_factory=dict)
    _allowed: dict[tuple[int, int], bool] = field(default_factory=dict)
    _governed: dict[tuple[int, int], lexicons.Entity | None] = field(default_factory=dict)
    _full_names: dict[lexicons.Entity, list[int]] | None = None

    def __post_init__(self) -> None:
        by_sentence: dict[int, list[Expression]] = {}
        for expr in self.expressions:
            by_sentence.setdefault(self.sentence_of(expr.view_start), []).append(expr)
        self._expressions = {i: _Sorted([_At(e.view_start, e.view_end, e) for e in exprs])
                             for i, exprs in by_sentence.items()}

    def sentence_of(self, pos: int) -> int:
        """The sentence that holds view offset `pos` (or the last one that starts before it)."""
        return max(0, arabic.sentence_at(self.sentences, pos))

    def expressions_in(self, index: int) -> list[Expression]:
        """The expressions that start in sentence `index`, in text order."""
        found = self._expressions.get(index)
        return [at.item for at in found.items] if found else []

    def expressions_near(self, index: int, span: tuple[int, int], reach: int) -> list[Expression]:
        """The expressions of sentence `index` that may stand within `reach` characters of `span`."""
        found = self._expressions.get(index)
        return [at.item for at in found.near(span, reach)] if found else []

    def triggers(self, index: int) -> _Sorted[Trigger]:
        if index not in self._triggers:
            self._triggers[index] = _Sorted(triggers_in(self.view.text, *self.sentences[index]))
        return self._triggers[index]

    def allows(self, kind: int, index: int) -> bool:
        """Whether sentence `index` holds what a trigger of type `kind` requires (an agreement for a signing) and
        none of what it excludes (a match of the league for a summit)."""
        key = (kind, index)
        if key not in self._allowed:
            kind_of = event_grammar().types[kind]
            start, end = self.sentences[index]
            required = kind_of.requires is None or kind_of.requires.search(self.view.text, start, end)
            excluded = kind_of.excludes is not None and kind_of.excludes.search(self.view.text, start, end)
            self._allowed[key] = bool(required) and not excluded
        return self._allowed[key]

    def usable_triggers(self, index: int, span: tuple[int, int] | None = None, reach: int = 0) -> list[Trigger]:
        """The triggers of sentence `index` whose type's requirement the sentence meets; with `span`, only those
        that may stand within `reach` characters of it."""
        found = self.triggers(index)
        candidates = found.items if span is None else found.near(span, reach)
        return [t for t in candidates if self.allows(t.kind, index)]

    def entities(self, index: int) -> _Sorted[Place]:
        """The people, places and organisations named in sentence `index` (full names and short ones)."""
        if index not in self._entities:
            start, end = self.sentences[index]
            full = entities_in(self.view.text, start, end)
            self._entities[index] = _Sorted(full + short_names_in(self.view.text, start, end, full,
                                                                  self.last_full_mention))
        return self._entities[index]

    def persons(self, index: int) -> list[lexicons.Entity]:
        """The people named in sentence `index`, each once, in text order."""
        if index not in self._persons:
            self._persons[index] = list(dict.fromkeys(p.entity for p in self.entities(index).items
                                                      if p.entity.type == "person"))
        return self._persons[index]

    def nearest_locative(self, index: int, span: tuple[int, int]) -> lexicons.Entity | None:
        """The place introduced by في/إلى/ب in sentence `index` nearest to `span` (the earlier one on a tie)."""
        if index not in self._locatives:
            place_types = event_grammar().place_types
            self._locatives[index] = _Sorted([p for p in self.entities(index).items
                                              if p.entity.type in place_types and p.locative])
        places = self._locatives[index]
        if not places.items:
            return None
        i = bisect.bisect_left(places.starts, span[0])
        around = places.items[max(0, i - 2):i + 2]  # names do not overlap: the nearest is next to `span`
        return min(around, key=lambda p: (gap((p.start, p.end), span), p.start)).entity

    def place_after(self, trigger: Trigger) -> lexicons.Entity | None:
        """The place a trigger governs: right after it ("زار كوريا الشمالية") or introduced by في/إلى/ل within
        PLACE_AFTER_TRIGGER characters."""
        index = self.sentence_of(trigger.start)
        sentence_end = self.sentences[index][1]
        place_types = event_grammar().place_types
        for p in self.entities(index).starting(trigger.end, trigger.end + PLACE_AFTER_TRIGGER + 1):
            if p.end <= sentence_end and p.entity.type in place_types:
                if p.locative or p.dative or p.start - trigger.end <= 1:
                    return p.entity
        return None

    def governed_place(self, index: int, kind: int) -> lexicons.Entity | None:
        """The place the first trigger of type `kind` in sentence `index` that governs one governs."""
        key = (index, kind)
        if key not in self._governed:
            self._governed[key] = next((place for t in self.triggers(index).items
                                        if t.kind == kind and (place := self.place_after(t))), None)
        return self._governed[key]

    def lead_place(self, kind: int) -> lexicons.Entity | None:
        """The place a trigger of type `kind` governs in the article's first PLACE_LEAD_SENTENCES sentences."""
        return next((place for index in range(min(PLACE_LEAD_SENTENCES, len(self.sentences)))
                     if (place := self.governed_place(index, kind))), None)

    def last_full_mention(self, entity: lexicons.Entity, before: int) -> int:
        """Where `entity` was last named in full before view offset `before` (−1: never; a square or an
        airport named after a person is no mention of the person)."""
        if self._full_names is None:
            self._full_names = {}
            for place in entities_in(self.view.text):
                self._full_names.setdefault(place.entity, []).append(place.start)
        starts = self._full_names.get(entity, [])
        i = bisect.bisect_left(starts, before)
        return starts[i - 1] if i else -1

    def original(self, start: int, end: int) -> str:
        """The clean text of view[start:end], white space collapsed."""
        s, e = self.view.span(start, end)
        return " ".join(self.view.original[s:e].split())


@dataclass(frozen=True)
class _At:
    """An item positioned at [start, end) of the view (expressions carry their view span apart)."""

    start: int
    end: int
    item: Expression
