"""Event mentions: each resolved date of an article with the happening it dates, its people and its place.

`analyse(doc_id, text, published)` tags an article and gives each resolved point the nearest event trigger of
its sentence (none further than MAX_TRIGGER_GAP characters), the people of the entity index around that
trigger and the place it governs; an anniversary dates what it commemorates ("احتفلتا العام الماضي بالذكرى
الخامسة والسبعين لإقامة العلاقات" → 1948). Sentences come from the core (`arabic.sentences`) and are read
only where a date stands, each at most once, so the work grows with the article's length, not its square.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from arnews import arabic, lexicons
from arnews.timeline import dates
from arnews.timeline.tagger import Expression, tag_view
from arnews.timeline.triggers import (
    Place,
    Trigger,
    entities_in,
    event_grammar,
    short_names_in,
    triggers_in,
)

__all__ = ["LEAD_SENTENCES", "LOOKAHEAD_SENTENCES", "MAX_TRIGGER_GAP", "PERSON_GAP", "PLACE_LEAD_SENTENCES",
           "Mention", "analyse", "event_mentions", "name_en"]

#: A trigger further than this (characters) from the expression does not date it: a long sentence
#: often holds several happenings ("وقع الرئيس … اتفاقية شراكة يوم الأربعاء" is 85 characters).
MAX_TRIGGER_GAP = 100
#: An expression in the first LEAD_SENTENCES sentences, dated on the publication day (±1) and without a
#: trigger of its own, takes the trigger of one of the next LOOKAHEAD_SENTENCES sentences.
LEAD_SENTENCES = 2
LOOKAHEAD_SENTENCES = 2
#: An event whose own sentence names no place takes the place a same-type trigger governs in the first
#: PLACE_LEAD_SENTENCES sentences (the Vostochny summit: "قرار الاجتماع في قاعدة فوستوشني", sentence 5).
PLACE_LEAD_SENTENCES = 12
#: The people a label names stand within this many characters of the event's trigger.
PERSON_GAP = 80


@dataclass(frozen=True)
class Mention:
    """One dated mention of an event in one article."""

    doc_id: str
    date: str
    precision: str
    type: str
    label: str
    label_en: str
    persons: tuple[str, ...]  # everyone named around the mention (the label names the first `persons` of its type)
    place: str
    sentence: str
    expression: str
    named: tuple[str, ...] = ()  # the people the label names


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


@dataclass
class _Doc:
    """One article as the event finder sees it. Triggers and entities are found sentence by sentence, on
    demand (most sentences of an article hold no date and are never read), and kept."""

    doc_id: str
    view: arabic.FoldedText
    sentences: list[tuple[int, int]]
    expressions: list[Expression]
    _starts: list[int] = field(default_factory=list)
    _by_sentence: dict[int, list[Expression]] = field(default_factory=dict)
    _triggers: dict[int, list[Trigger]] = field(default_factory=dict)
    _entities: dict[int, list[Place]] = field(default_factory=dict)
    _allowed: dict[tuple[int, int], bool] = field(default_factory=dict)
    _full_names: dict[lexicons.Entity, list[int]] | None = None

    def __post_init__(self) -> None:
        self._starts = [s for s, _ in self.sentences]
        for expr in self.expressions:
            self._by_sentence.setdefault(self.sentence_of(expr.view_start), []).append(expr)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def expressions_in(self, index: int) -> list[Expression]:
        """The expressions that start in sentence `index`."""
        return self._by_sentence.get(index, [])

    def triggers_in(self, index: int) -> list[Trigger]:
        if index not in self._triggers:
            self._triggers[index] = triggers_in(self.view.text, *self.sentences[index])
        return self._triggers[index]

    def allows(self, kind: int, index: int) -> bool:
        """Whether sentence `index` holds what a trigger of type `kind` requires (an agreement for a signing)."""
        key = (kind, index)
        if key not in self._allowed:
            requires = event_grammar().types[kind].requires
            self._allowed[key] = requires is None or bool(requires.search(self.view.text, *self.sentences[index]))
        return self._allowed[key]

    def entities_between(self, start: int, end: int) -> list[Place]:
        """Entities lying inside view[start:end]."""
        found = []
        for index in range(self.sentence_of(start), self.sentence_of(max(start, end - 1)) + 1):
            if index not in self._entities:
                full = entities_in(self.view.text, *self.sentences[index])
                self._entities[index] = full + short_names_in(self.view.text, *self.sentences[index], full,
                                                              self.last_full_mention)
            found.extend(p for p in self._entities[index] if start <= p.start and p.end <= end)
        return found

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
        s, e = self.view.span(start, end)
        return " ".join(self.view.original[s:e].split())


def _claim(rival: Expression, trigger: Trigger) -> int:
    """How strongly another expression claims a trigger (its distance; "… من" expressions claim only what follows)."""
    if rival.relative_to_event:
        return 0 if 0 <= trigger.start - rival.view_end <= 3 else 1 << 30
    return _gap((rival.view_start, rival.view_end), (trigger.start, trigger.end))


def _choose_trigger(expr: Expression, usable: list[Trigger], rivals: list[Expression] = (),
                    max_gap: int | None = MAX_TRIGGER_GAP) -> Trigger | None:
    """The trigger an expression dates, among the usable ones of its sentence.

    After "بعد أربع سنوات من" the event that follows; else a priority type (anniversary) close by; else the
    nearest trigger among those no other expression of the sentence (`rivals`) is nearer to.
    """
    if not usable:
        return None
    types = event_grammar().types
    span = (expr.view_start, expr.view_end)
    if expr.relative_to_event:
        after = [t for t in usable if 0 <= t.start - expr.view_end <= 3]
        if after:
            return after[0]
    close = [t for t in usable if types[t.kind].priority and _gap(span, (t.start, t.end)) <= types[t.kind].near]
    if close:
        return min(close, key=lambda t: (_gap(span, (t.start, t.end)), t.start))
    gaps = {t: _gap(span, (t.start, t.end)) for t in usable}
    pool = [t for t in usable if not types[t.kind].derive and (max_gap is None or gaps[t] <= max_gap)
            and all(gaps[t] <= _claim(r, t) for r in rivals)]
    return min(pool, key=lambda t: (gaps[t], t.start)) if pool else None


def _fill(template: str, persons: str, place: str) -> str:
    """Fill a label template; a [bracketed part] whose slot is empty disappears."""
    values = {"persons": persons, "place": place}

    def part(m: re.Match) -> str:
        slot = re.search(r"\{(\w+)\}", m.group(1))
        return "" if slot and not values.get(slot.group(1)) else m.group(1)

    text = re.sub(r"\[([^\]]*)\]", part, template)
    return " ".join(text.format(**values).split())


def _persons(doc: _Doc, spans: list[tuple[int, int]]) -> list[lexicons.Entity]:
    seen = []
    for span in spans:
        for p in doc.entities_between(*span):
            if p.entity.type == "person" and p.entity not in seen:
                seen.append(p.entity)
    return seen


def name_en(entity: lexicons.Entity) -> str:
    """The English name of an entity: its gloss without the explanation in brackets."""
    return re.sub(r"\s*\(.*$", "", entity.gloss).strip() or entity.canonical


def _persons_near(doc: _Doc, sentence: tuple[int, int], trigger: Trigger,
                  n: int) -> tuple[list[lexicons.Entity], list[lexicons.Entity]]:
    """(people of the sentence within PERSON_GAP of the trigger, the n nearest of them in text order).

    A person far from the trigger is not its actor: in "الأمير بندر الذي زار موسكو في يوليو 2007" a
    Putin named elsewhere in the sentence did not make the visit (and Bandar is not in the lexicon).
    """
    span = (trigger.start, trigger.end)
    near: dict[lexicons.Entity, tuple[int, int]] = {}
    for p in doc.entities_between(*sentence):
        gap = _gap((p.start, p.end), span)
        if p.entity.type == "person" and gap <= PERSON_GAP:
            near[p.entity] = min(near.get(p.entity, (gap, p.start)), (gap, p.start))
    by_position = sorted(near, key=lambda e: near[e][1])
    chosen = set(sorted(near, key=lambda e: near[e])[:n])
    return by_position, [e for e in by_position if e in chosen]


def _place_after(doc: _Doc, trigger: Trigger, limit: int = 40) -> lexicons.Entity | None:
    """The place a trigger governs: right after it ("زار كوريا الشمالية") or introduced by في/إلى/ل within `limit`."""
    sentence = doc.sentences[doc.sentence_of(trigger.start)]
    for p in doc.entities_between(trigger.end, sentence[1]):
        if p.entity.type in event_grammar().place_types and p.start <= trigger.end + limit:
            if p.locative or p.dative or p.start - trigger.end <= 1:
                return p.entity
    return None


def _nearest_locative(doc: _Doc, trigger: Trigger, sentence: tuple[int, int]) -> lexicons.Entity | None:
    place_types = event_grammar().place_types
    places = [p for p in doc.entities_between(*sentence) if p.entity.type in place_types and p.locative]
    if not places:
        return None
    return min(places, key=lambda p: (_gap((p.start, p.end), (trigger.start, trigger.end)), p.start)).entity


def _place(doc: _Doc, trigger: Trigger, sentence: tuple[int, int], previous: tuple[int, int] | None):
    """The place of an event: the one its trigger governs, or a same-type trigger of the sentence governs,
    or the nearest place introduced by في/إلى/ل in the sentence, or one a same-type trigger of the article's
    first PLACE_LEAD_SENTENCES sentences governs, or the nearest such place in the previous sentence."""
    same_sentence = [t for t in doc.triggers_in(doc.sentence_of(sentence[0])) if t.kind == trigger.kind]
    for t in [trigger, *same_sentence]:
        if place := _place_after(doc, t):
            return place
    if place := _nearest_locative(doc, trigger, sentence):
        return place
    for index in range(min(PLACE_LEAD_SENTENCES, len(doc.sentences))):
        for t in doc.triggers_in(index):
            if t.kind == trigger.kind and (place := _place_after(doc, t)):
                return place
    return _nearest_locative(doc, trigger, previous) if previous else None


def _anniversary(doc: _Doc, expr: Expression, trigger: Trigger) -> tuple[str, str, str] | None:
    """(year, label, label_en) of what an anniversary after a dated expression commemorates."""
    eg = event_grammar()
    m = eg.ordinal.match(doc.view.text, trigger.end)
    if not m or not expr.value:
        return None
    n = arabic.number_value(m.group("num"))
    if not n:
        return None
    words = m.group("object").split()
    cut = next((i for i, w in enumerate(words) if w in eg.stop_words), len(words))
    words = words[:cut] or words[:1]
    label = doc.original(m.start("object"), m.start("object") + len(" ".join(words)))
    head, rest = words[0], " ".join(words[1:])
    head_en = eg.heads.get(head, head)
    rest_en = next((en for ar, en in sorted(eg.objects.items(), key=lambda kv: -len(kv[0])) if rest.startswith(ar)), "")
    label_en = f"{head_en} of {rest_en}" if rest_en else head_en
    year = int(expr.value[:4]) - n
    if year < 1:
        return None
    return dates.year_text(year), label, f"{label_en} ({n}th anniversary marked in {expr.value[:4]})"


def _usable(doc: _Doc, index: int) -> list[Trigger]:
    return [t for t in doc.triggers_in(index) if doc.allows(t.kind, index)]


def _mention(doc: _Doc, expr: Expression, pub: dt.date | None) -> Mention | None:
    if not expr.value:
        return None
    eg = event_grammar()
    sidx = doc.sentence_of(expr.view_start)
    last = doc.sentence_of(max(expr.view_start, expr.view_end - 1))  # "19 يونيو. 2024" runs over a sentence end
    sentence = (doc.sentences[sidx][0], max(doc.sentences[sidx][1], expr.view_end))
    rivals = [r for r in doc.expressions_in(sidx) if r is not expr]
    usable = [t for i in range(sidx, last + 1) for t in _usable(doc, i)]
    trigger = _choose_trigger(expr, usable, rivals)
    trigger_sentence = sentence
    in_lead = sidx < LEAD_SENTENCES and pub is not None and expr.precision == "YYYY-MM-DD" and \
        abs((dt.date.fromisoformat(expr.value) - pub).days) <= 1
    if trigger is None and in_lead and not rivals:
        # the lead dates the story ("أبلغ كيم بوتين، اليوم الأربعاء، …") and often names it a sentence later
        for index in range(sidx + 1, min(sidx + 1 + LOOKAHEAD_SENTENCES, len(doc.sentences))):
            if doc.expressions_in(index):
                break
            candidates = [t for t in _usable(doc, index) if not eg.types[t.kind].derive]
            trigger = _choose_trigger(expr, candidates, max_gap=None)
            if trigger:
                trigger_sentence = doc.sentences[index]
                break
    if trigger is None:
        return None
    kind = eg.types[trigger.kind]
    evidence = doc.original(*sentence)
    if kind.derive == "anniversary":
        derived = _anniversary(doc, expr, trigger)
        if derived is None:
            return None
        year, label, label_en = derived
        return Mention(doc.doc_id, year, "YYYY", kind.type, label, label_en, (), "", evidence, expr.text)
    previous = doc.sentences[sidx - 1] if sidx > 0 else None
    if trigger_sentence == sentence:
        persons, named = _persons_near(doc, sentence, trigger, kind.persons)
    else:  # the lead's date and the happening a sentence later: the people of both
        persons = _persons(doc, [sentence, trigger_sentence])
        named = persons[:kind.persons]
    if not persons and not _persons(doc, [sentence]) and previous:
        persons = _persons(doc, [previous])  # "وكان الرئيس الروسي صدق …": named in the sentence before
        named = persons[:kind.persons]
    place = _place(doc, trigger, trigger_sentence, previous)
    names = [p.canonical for p in named]
    label = _fill(kind.label, " و".join(names), place.canonical if place else "")
    label_en = _fill(kind.label_en, " and ".join(name_en(p) for p in named), name_en(place) if place else "")
    return Mention(doc.doc_id, expr.value, expr.precision, kind.type, label, label_en,
                   tuple(p.canonical for p in persons), place.canonical if place else "", evidence, expr.text,
                   tuple(names))


def analyse(doc_id: str, text: str, published=None) -> tuple[list[Expression], list[Mention]]:
    """Expressions and event mentions of one clean article.

    Args:
        doc_id: the article's id (copied into the mentions).
        text: clean article text.
        published: publication date or None (a value that is no calendar date counts as none).
    Returns:
        (expressions, mentions), each in text order.
    """
    pub = dates.as_date(published)
    view = arabic.fold_with_offsets(text)
    found = tag_view(view, pub)
    if not any(e.value for e in found):
        return found, []
    doc = _Doc(doc_id, view, arabic.sentences(view.text), found)
    mentions = [m for e in found if (m := _mention(doc, e, pub)) is not None]
    return found, mentions


def event_mentions(articles: pd.DataFrame) -> list[Mention]:
    """Event mentions of every article (clean text), in article order."""
    return [m for doc, text, pub in zip(articles["doc_id"], articles["text"], articles["published"], strict=True)
            for m in analyse(doc, text, pub)[1]]
