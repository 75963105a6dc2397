"""Event mentions: each resolved date of an article with the happening it dates, its people and its place.

`analyse(doc_id, text, published)` tags an article and gives each resolved point the nearest event trigger of
its sentence (none further than MAX_TRIGGER_GAP characters), the people of the entity index around that
trigger and the place it governs; an anniversary dates what it commemorates ("احتفلتا العام الماضي بالذكرى
الخامسة والسبعين لإقامة العلاقات" → 1948). Sentences come from the core (`arabic.sentences`) and are read
only where a date stands, each at most once, so the work grows with the article's length, not its square.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from arnews import arabic, lexicons
from arnews.timeline import dates
from arnews.timeline.article import PLACE_LEAD_SENTENCES, Article, gap
from arnews.timeline.tagger import Expression, read_view
from arnews.timeline.triggers import Trigger, event_grammar

__all__ = ["LEAD_SENTENCES", "LOOKAHEAD_SENTENCES", "MAX_TRIGGER_GAP", "PERSON_GAP", "PLACE_LEAD_SENTENCES",
           "MAX_EVIDENCE_CHARS", "Mention", "analyse", "event_mentions", "name_en"]

#: A trigger further than this (characters) from the expression does not date it: a long sentence
#: often holds several happenings ("وقع الرئيس … اتفاقية شراكة يوم الأربعاء" is 85 characters).
MAX_TRIGGER_GAP = 100
#: An expression in the first LEAD_SENTENCES sentences, dated on the publication day (±1) and without a
#: trigger of its own, takes the trigger of one of the next LOOKAHEAD_SENTENCES sentences.
LEAD_SENTENCES = 2
LOOKAHEAD_SENTENCES = 2
#: The people a label names stand within this many characters of the event's trigger.
PERSON_GAP = 80
#: Evidence longer than this (a text without sentence punctuation) is cut around the expression.
MAX_EVIDENCE_CHARS = 3_000


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


def _claim(rival: Expression, trigger: Trigger) -> int:
    """How strongly another expression claims a trigger (its distance; "… من" expressions claim only what follows)."""
    if rival.relative_to_event:
        return 0 if 0 <= trigger.start - rival.view_end <= 3 else 1 << 30
    return gap((rival.view_start, rival.view_end), (trigger.start, trigger.end))


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
    close = [t for t in usable if types[t.kind].priority and gap(span, (t.start, t.end)) <= types[t.kind].near]
    if close:
        return min(close, key=lambda t: (gap(span, (t.start, t.end)), t.start))
    gaps = {t: gap(span, (t.start, t.end)) for t in usable}
    pool = [t for t in usable if not types[t.kind].derive and (max_gap is None or gaps[t] <= max_gap)
            and all(gaps[t] <= _claim(r, t) for r in rivals)]
    return min(pool, key=lambda t: (gaps[t], t.start)) if pool else None


#: A label template's optional [part] and the {slot} inside it; an entity gloss's explanation in brackets.
_OPTIONAL_PART = re.compile(r"\[([^\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")
_GLOSS_NOTE = re.compile(r"\s*\(.*$")


def _fill(template: str, persons: str, place: str) -> str:
    """Fill a label template; a [bracketed part] whose slot is empty disappears."""
    values = {"persons": persons, "place": place}

    def part(m: re.Match) -> str:
        slot = _SLOT.search(m.group(1))
        return "" if slot and not values.get(slot.group(1)) else m.group(1)

    text = _OPTIONAL_PART.sub(part, template)
    return " ".join(text.format(**values).split())


def name_en(entity: lexicons.Entity) -> str:
    """The English name of an entity: its gloss without the explanation in brackets."""
    return _GLOSS_NOTE.sub("", entity.gloss).strip() or entity.canonical


def _persons_near(doc: Article, sentence: tuple[int, int], trigger: Trigger,
                  n: int) -> tuple[list[lexicons.Entity], list[lexicons.Entity]]:
    """(people of the sentence within PERSON_GAP of the trigger, the n nearest of them in text order).

    A person far from the trigger is not its actor: in "الأمير بندر الذي زار موسكو في يوليو 2007" a
    Putin named elsewhere in the sentence did not make the visit (and Bandar is not in the lexicon).
    """
    span = (trigger.start, trigger.end)
    near: dict[lexicons.Entity, tuple[int, int]] = {}
    for p in doc.entities(doc.sentence_of(sentence[0])).near(span, PERSON_GAP):
        distance = gap((p.start, p.end), span)
        if p.entity.type == "person" and distance <= PERSON_GAP and p.start >= sentence[0] and p.end <= sentence[1]:
            near[p.entity] = min(near.get(p.entity, (distance, p.start)), (distance, p.start))
    by_position = sorted(near, key=lambda e: near[e][1])
    chosen = set(sorted(near, key=lambda e: near[e])[:n])
    return by_position, [e for e in by_position if e in chosen]


def _place(doc: Article, trigger: Trigger, sentence: tuple[int, int], previous: int | None):
    """The place of an event: the one its trigger governs, or a same-type trigger of the sentence governs,
    or the nearest place introduced by في/إلى/ل in the sentence, or (for a mention in the article's first
    PLACE_LEAD_SENTENCES sentences) one a same-type trigger of those sentences governs, or the nearest such
    place in the previous sentence. A happening recalled further down is not the lead's: an opinion piece on an
    attack in Kuwait that recalls the Alexandria church bombing (a place the lexicon does not know) does not
    put that bombing in Kuwait."""
    index = doc.sentence_of(sentence[0])
    span = (trigger.start, trigger.end)
    lead = doc.lead_place(trigger.kind) if index < PLACE_LEAD_SENTENCES else None
    return (doc.place_after(trigger) or doc.governed_place(index, trigger.kind) or doc.nearest_locative(index, span)
            or lead or (doc.nearest_locative(previous, span) if previous is not None else None))


def _anniversary(doc: Article, expr: Expression, trigger: Trigger) -> tuple[str, str, str] | None:
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
    rest_en = next((en for ar, en in eg.objects.items() if rest.startswith(ar)), "")
    label_en = f"{head_en} of {rest_en}" if rest_en else head_en
    year = int(expr.value[:4]) - n
    if year < 1:
        return None
    return dates.year_text(year), label, f"{label_en} ({n}th anniversary marked in {expr.value[:4]})"


def _persons_of(doc: Article, indexes: list[int]) -> list[lexicons.Entity]:
    return list(dict.fromkeys(p for index in indexes for p in doc.persons(index)))


def _evidence(doc: Article, sentence: tuple[int, int], expr: Expression) -> str:
    """The sentence of a mention; a run-on "sentence" (a text without sentence punctuation) is cut to
    MAX_EVIDENCE_CHARS around the expression."""
    start, end = sentence
    if end - start > MAX_EVIDENCE_CHARS:
        start = max(start, min(expr.view_start - MAX_EVIDENCE_CHARS // 2, end - MAX_EVIDENCE_CHARS))
        end = min(end, start + MAX_EVIDENCE_CHARS)
        return ("… " if start > sentence[0] else "") + doc.original(start, end) + (" …" if end < sentence[1] else "")
    return doc.original(start, end)


def _mention(doc: Article, expr: Expression, pub: dt.date | None, longest: int) -> Mention | None:
    if not expr.value:
        return None
    eg = event_grammar()
    sidx = doc.sentence_of(expr.view_start)
    last = doc.sentence_of(max(expr.view_start, expr.view_end - 1))  # "19 يونيو. 2024" runs over a sentence end
    sentence = (doc.sentences[sidx][0], max(doc.sentences[sidx][1], expr.view_end))
    span = (expr.view_start, expr.view_end)
    # only triggers within MAX_TRIGGER_GAP can date it, and only expressions near those can claim them
    usable = [t for i in range(sidx, last + 1) for t in doc.usable_triggers(i, span, MAX_TRIGGER_GAP)]
    reach = 2 * MAX_TRIGGER_GAP + doc.triggers(sidx).longest + longest
    rivals = [r for r in doc.expressions_near(sidx, span, reach) if r is not expr]
    trigger = _choose_trigger(expr, usable, rivals)
    trigger_sentence, trigger_index = sentence, sidx
    in_lead = sidx < LEAD_SENTENCES and pub is not None and expr.precision == "YYYY-MM-DD" and \
        abs((dt.date.fromisoformat(expr.value) - pub).days) <= 1
    if trigger is None and in_lead and len(doc.expressions_in(sidx)) == 1:
        # the lead dates the story ("أبلغ كيم بوتين، اليوم الأربعاء، …") and often names it a sentence later
        for index in range(sidx + 1, min(sidx + 1 + LOOKAHEAD_SENTENCES, len(doc.sentences))):
            if doc.expressions_in(index):
                break
            candidates = [t for t in doc.usable_triggers(index) if not eg.types[t.kind].derive]
            trigger = _choose_trigger(expr, candidates, max_gap=None)
            if trigger:
                trigger_sentence, trigger_index = doc.sentences[index], index
                break
    if trigger is None:
        return None
    kind = eg.types[trigger.kind]
    evidence = _evidence(doc, sentence, expr)
    if kind.derive == "anniversary":
        derived = _anniversary(doc, expr, trigger)
        if derived is None:
            return None
        year, label, label_en = derived
        return Mention(doc.doc_id, year, "YYYY", kind.type, label, label_en, (), "", evidence, expr.text)
    previous = sidx - 1 if sidx > 0 else None
    if trigger_sentence == sentence:
        persons, named = _persons_near(doc, sentence, trigger, kind.persons)
    else:  # the lead's date and the happening a sentence later: the people of both
        persons = _persons_of(doc, list(range(sidx, last + 1)) + [trigger_index])
        named = persons[:kind.persons]
    if not persons and not _persons_of(doc, list(range(sidx, last + 1))) and previous is not None:
        persons = doc.persons(previous)  # "وكان الرئيس الروسي صدق …": named in the sentence before
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
        published: publication date or None (a value that is no calendar date counts as none); its time of
            day, when it has one, is a cue to the day the text was written (`arnews.timeline.reference`).
    Returns:
        (expressions, mentions), each in text order.
    """
    pub = dates.as_date(published)
    view = arabic.fold_with_offsets(text)
    sentences = arabic.sentences(view.text)
    ref, found = read_view(view, pub, sentences, clock=dates.clock(published))
    if not any(e.value for e in found):
        return found, []
    doc = Article(doc_id, view, sentences, found)
    longest = max(e.view_end - e.view_start for e in found)
    mentions = [m for e in found if (m := _mention(doc, e, ref.date, longest)) is not None]
    return found, mentions


def event_mentions(articles: pd.DataFrame) -> list[Mention]:
    """Event mentions of every article (clean text), in article order."""
    return [m for doc, text, pub in zip(articles["doc_id"], articles["text"], articles["published"], strict=True)
            for m in analyse(doc, text, pub)[1]]
