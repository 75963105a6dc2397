"""What the words around an expression decide: the value of a date that names no year or week of its own.

The tagger leaves these open (`readings.Pending`); `settle` decides them from the article, with the cues of
data/lexicons/relative_time.yaml (weekday_context, verb_tense, date_links, same_*):

- a bare weekday («وقعت الهجمات السبت», "the attacks took place on Saturday") and a date or month without a
  year («حتى 23 يوليو») take the tense of the verb that governs them: past → the latest such day on or
  before publication, future (سـ، سوف، من المقرر) → the next one, present or none found → the nearest;
  a date without a year that names a past happening («ثورة 25 يناير», «هجمات 11 سبتمبر») has no value;
- a bare weekday or list of weekdays after «أيام» (on Fridays), «كل» (every) or «عدا» (except), or before «من كل
  أسبوع» (of every week), names a day of every week: no date;
- «الاثنين» ("Monday", also "the two") is a day unless the words around it make it the numeral («بين
  الاثنين», «الاثنين معا», «بالاثنين», «الطرفين الاثنين»);
- «العام نفسه», «من العام ذاته», «نفس العام» take the year named before, in the same sentence or the
  `same_sentences` − 1 before it (a month, a day likewise);
- a weekday followed by its date («يوم الخميس الموافق 28 / 10 / 1436 هـ») is that date (a list of weekdays
  followed by a list of dates: each its own, in order), and a date without a year in a range with one that has
  it («بين 24 يوليو و15 أغسطس 2015») takes that year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from arnews import arabic, lexicons
from arnews.arabic.clitics import CONJUNCTIONS
from arnews.timeline import dates
from arnews.timeline.grammar import alternation, grammar
from arnews.timeline.readings import Expression, Pending

__all__ = ["Article", "Cues", "cues", "is_one_of", "settle", "tense"]

#: How far (characters) the verb that governs a date is looked for, before and after it.
VERB_REACH_BEFORE, VERB_REACH_AFTER = 300, 120
#: How far (characters) back «العام نفسه» looks for the year it repeats (within `same_sentences` sentences).
SAME_REACH = 2_000
_WORD = re.compile(r"[^\s،,.؛:!؟?()«»\"'“”\[\]{}<>/|–-]+")
_DIGIT = re.compile(r"\d")
#: What joins two weekdays of a list: a comma, «و» ("and"), or both («الأحد والاثنين»).
_LIST_LINK = re.compile(r"[\s،,]*و?")


@dataclass(frozen=True)
class Cues:
    """The context cues of relative_time.yaml, folded."""

    week_start: int
    not_after: frozenset[str]
    from_words: frozenset[str]
    not_before: frozenset[str]
    habitual_before: frozenset[str]
    habitual_after: re.Pattern
    dated: re.Pattern  # a number right after a weekday: its date, unread («أيام الثلاثاء 10/12»), not an hour
    event_names: frozenset[str]
    link: re.Pattern  # what may stand between a weekday and its date («، الموافق»)
    range_link: re.Pattern  # what joins the two ends of a range («و», «إلى», «حتى», «-»)
    item_link: re.Pattern  # what joins two items of a list of dates: a comma, a range link or «أو»
    openers: frozenset[str]
    event_openers: frozenset[str]
    nouns: tuple[re.Pattern, ...]
    pronouns: tuple[str, ...]
    future_particles: frozenset[str]
    future_prefix: str
    future_cues: re.Pattern
    past_particles: frozenset[str]
    imperfect: tuple[str, ...]
    past_markers: frozenset[str]
    not_verbs: frozenset[str]
    same_sentences: int


@cache
def cues() -> Cues:
    rel = lexicons.read_yaml("relative_time.yaml")
    fold = arabic.fold
    context, verbs = rel["weekday_context"], rel["verb_tense"]
    links = alternation(rel["date_links"])
    return Cues(
        week_start=int(rel.get("week_start", 6)),
        not_after=frozenset(map(fold, context["not_after"])),
        from_words=frozenset(map(fold, context["from_words"])),
        not_before=frozenset(map(fold, context["not_before"])),
        habitual_before=frozenset(map(fold, rel["habitual_weekdays"]["before"])),
        event_names=frozenset(map(fold, rel["event_names"])),
        dated=re.compile(rf"[\s،,(]*\d+(?![\d:.]*\s*(?:{alternation(rel['habitual_weekdays']['clock'])})(?!\w))"
                         r"(?!\d*:)"),
        habitual_after=re.compile(rf"[\s،,]*(?:{alternation(rel['habitual_weekdays']['after'])})(?![\w])"),
        link=re.compile(rf"[\s،,(«»)]*(?:(?:{links})(?:\s+ل)?[\s،,(«»)]*)?"),
        range_link=re.compile(rf"\s*(?:{alternation(rel['range_links'])})?\s*"),
        item_link=re.compile(rf"[\s،,]*(?:{alternation([*rel['range_links'], *rel['list_links']])})?\s*"),
        openers=frozenset(map(fold, verbs["clause_openers"])),
        event_openers=frozenset(map(fold, verbs["event_openers"])),
        nouns=tuple(re.compile(p) for p in verbs["noun_patterns"]),
        pronouns=tuple(sorted(map(fold, verbs["pronoun_suffixes"]), key=len, reverse=True)),
        future_particles=frozenset(map(fold, verbs["future_particles"])),
        future_prefix=fold(verbs["future_prefix"]),
        future_cues=re.compile(rf"(?<![\w])(?:{alternation(verbs['future_cues'])})(?![\w])"),
        past_particles=frozenset(map(fold, verbs["past_particles"])),
        imperfect=tuple(map(fold, verbs["imperfect_prefixes"])),
        past_markers=frozenset(map(fold, verbs["past_markers"])),
        not_verbs=frozenset(map(fold, verbs["not_verbs"])),
        same_sentences=int(rel.get("same_sentences", 3)),
    )


class Article:
    """The folded view of one article with its sentences and words, read where a date needs them."""

    def __init__(self, view: arabic.FoldedText, sentences: list[tuple[int, int]] | None = None):
        self.view = view
        self.sentences = arabic.sentences(view.text) if sentences is None else sentences

    def sentence_of(self, pos: int) -> int:
        return max(0, arabic.sentence_at(self.sentences, pos))

    def bounds(self, pos: int) -> tuple[int, int]:
        return self.sentences[self.sentence_of(pos)] if self.sentences else (0, len(self.view.text))

    def words(self, start: int, end: int) -> list[tuple[str, int, int]]:
        """(folded word, view start, view end) of view[start:end]."""
        return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(self.view.text, start, end)]

    def ends_with(self, start: int, end: int, letter: str) -> bool:
        """Whether the original word of view[start:end] ends with `letter` (ة marks a noun, ى a past verb)."""
        s, e = self.view.span(start, end)
        return arabic.strip_marks(self.view.original[s:e]).endswith(letter)


def _bare(word: str) -> str:
    """A word without the conjunction و/ف glued to it (وسيزور → سيزور), as the core reads it (`arabic.split`: only
    before a word of four letters or more)."""
    return word[len(arabic.split(word).conjunction):]


def is_one_of(word: str, words: frozenset[str]) -> bool:
    """Whether `word`, or `word` without a glued و/ف (فتم، وقد، فيما), is one of `words`."""
    return word in words or (word[:1] in CONJUNCTIONS and word[1:] in words)


def _verb_like(article: Article, word: tuple[str, int, int], c: Cues) -> bool:
    """Whether a word may be the verb of its clause: not a function word, not definite, not a participle or a
    plural noun (م…، …ة، …ات، …ون/…ين), not a number or a date word."""
    text, start, end = word
    bare = _bare(text)
    g = grammar()
    if len(bare) < 2 or len(bare) > 9 or _DIGIT.search(text) or not text.isalpha():
        return False
    if is_one_of(text, c.not_verbs) or is_one_of(text, c.openers):
        return False
    if arabic.is_definite(text) or any(bare in table for table in (g.weekdays, g.months, g.hijri_months, g.deictic)):
        return False
    names = arabic.entity_index()
    if text in names.by_spelling or text in names.continuations or bare in names.continuations:
        return False  # a name of the entity index (سيرجي شويجو: not سـ + a verb)
    if article.ends_with(start, end, "ة"):
        return False  # ة ends nouns only
    if bare.startswith(c.imperfect[0]) or (bare.startswith(c.future_prefix) and bare[1:2] in c.imperfect
                                           and len(bare) >= 4):
        return True  # يتوجه، سيزور: ي begins a verb, whatever its pattern
    if _verbal_noun(text, c):
        return False
    if bare.startswith(c.imperfect):
        return True
    return not ((bare[0] == "م" and len(bare) >= 4) or bare.endswith(("ات", "ون", "ين")))


def _verbal_noun(word: str, c: Cues) -> bool:
    """Whether a word has the shape of a verbal noun (وصوله، تنفيذ، اجتماع), with or without و/ف and a pronoun."""
    for form in {word, _bare(word)}:
        stems = {form, *(form[:-len(p)] for p in c.pronouns if form.endswith(p) and len(form) - len(p) >= 3)}
        if any(pattern.search(stem) for stem in stems for pattern in c.nouns
               if not stem.startswith("ت") or pattern.pattern.startswith("^ت")):
            return True
    return False


def _strong(before: list[tuple[str, int, int]], j: int, c: Cues) -> bool:
    """Whether before[j] is a verb by its form or its particle, wherever it stands: سيزور, يلتقي, سوف/قد/لم/كان
    + verb, كان, تم, قالوا."""
    text = before[j][0]
    bare = _bare(text)
    previous = before[j - 1][0] if j > 0 else ""
    return (is_one_of(previous, c.future_particles) or is_one_of(previous, c.past_particles)
            or is_one_of(text, c.past_particles) or is_one_of(text, c.past_markers) or bare.startswith(c.imperfect[0])
            or (bare.startswith(c.future_prefix) and bare[1:2] in c.imperfect and len(bare) >= 4)
            or (bare.endswith("وا") and len(bare) >= 4))


def _scheduled(article: Article, before: list[tuple[str, int, int]], c: Cues) -> str:
    """"future" when a future cue («من المقرر», «من المتوقع») stands in the date's clause, "past" when كان
    stands before it («كان من المقرر»: was planned), else ""."""
    lo = before[0][1] if before else 0
    for i in range(len(before) - 1, -1, -1):
        if is_one_of(before[i][0], c.openers) or is_one_of(before[i][0], c.event_openers):
            lo = before[i][2]
            break
    if not before:
        return ""
    found = list(c.future_cues.finditer(article.view.text, lo, before[-1][2]))
    if not found:
        return ""
    ahead = article.words(max(lo, found[-1].start() - 12), found[-1].start())
    return "past" if ahead and is_one_of(ahead[-1][0], c.past_particles) else "future"


def tense(article: Article, start: int, end: int, c: Cues | None = None) -> str:
    """The tense of the verb that governs the date at view[start:end]: "past", "future", "present" or "" (no
    verb found).

    The clause of the date runs back to the nearest clause opener (relative pronouns, أن/إن, حيث, بينما …) or
    the sentence start; its verb is the one nearest the date among the words marked as verbs by their form or
    particle (سيزور, يلتقي, قد/لم/سوف + verb, كان, تم) and the words that look like a verb at the start of the
    clause or after و/ف (VSO: «وأعلنت الحكومة الاثنين»). A clause without a verb hands over to the one
    before it; after منذ the date is past; after قبل/بعد (a verbal noun shifted in time: «قبل وصوله صباح
    الأربعاء») only a marked verb counts. Without a verb before, the first one after the date.
    """
    c = c or cues()
    s0, s1 = article.bounds(start)
    before = article.words(max(s0, start - VERB_REACH_BEFORE), start)
    if before and (c.future_cues.fullmatch(before[-1][0]) or c.future_cues.fullmatch(_bare(before[-1][0]))):
        return "future"  # «المباراة المقررة الأربعاء»
    scheduled = _scheduled(article, before, c)
    if scheduled:
        return scheduled  # «ومن المقرر انطلاقه في أغسطس»
    segment_end = len(before)
    boundaries = c.openers | c.event_openers | {"منذ"}  # what ends the clause of the date, read backwards
    for i in range(len(before) - 1, -2, -1):
        word = before[i][0] if i >= 0 else ""
        boundary = word[1:] if word[:1] in CONJUNCTIONS and word[1:] in boundaries else word
        if i >= 0 and boundary not in boundaries:
            continue
        event = boundary in c.event_openers
        for j in range(segment_end - 1, i, -1):  # the verb nearest the date in this clause
            if not _verb_like(article, before[j], c):
                continue
            if _strong(before, j, c) or (not event and (j == i + 1 or before[j][0][:1] in CONJUNCTIONS)):
                return _tense_of(article, before[j], before[j - 1][0] if j > 0 else "", (s0, before[j][1]), c)
        if boundary == "منذ":
            return "past"  # «منذ الاثنين», «منذ إعادة فتح المطار الأربعاء»
        if event:
            return ""  # «قبل وصوله صباح الأربعاء»: the date of a verbal noun, not of the verb
        segment_end = i
    for word in article.words(end, min(s1, end + VERB_REACH_AFTER)):
        if _verb_like(article, word, c):
            return _tense_of(article, word, "", (s0, word[1]), c)
    return ""


def _tense_of(article: Article, word: tuple[str, int, int], previous: str, before: tuple[int, int],
              c: Cues) -> str:
    text, start, end = word
    bare = _bare(text)
    if is_one_of(previous, c.future_particles):
        return "future"
    if is_one_of(previous, c.past_particles):
        return "present" if is_one_of(previous, frozenset({"قد", "لقد"})) and bare.startswith(c.imperfect) else "past"
    if bare.startswith(c.future_prefix) and len(bare) >= 4 and bare[1:2] in c.imperfect:
        return "future"
    if c.future_cues.fullmatch(bare) or c.future_cues.fullmatch(text):
        return "future"
    if not bare.startswith(c.imperfect) or is_one_of(text, c.past_markers):
        return "past"
    lo = max(before[0], before[1] - VERB_REACH_BEFORE)
    cues_before = list(c.future_cues.finditer(article.view.text, lo, before[1]))
    if cues_before:  # «من المقرر أن يتوجه»; «كان من المقرر أن …» was planned: a past
        cue = cues_before[-1]
        ahead = article.words(max(lo, cue.start() - 12), cue.start())
        return "past" if ahead and is_one_of(ahead[-1][0], c.past_particles) else "future"
    if bare.startswith("ت") and (len(bare) == 4 or (len(bare) == 5 and bare[2] == "ا")):
        # تبلغ، تعرض، تعاقد: a past (forms V and VI) or a present (forms II and III)
        s0, s1 = article.bounds(start)
        around = article.words(max(s0, start - VERB_REACH_BEFORE), min(s1, end + VERB_REACH_BEFORE))
        if article.ends_with(start, end, "ى") or any(is_one_of(w, c.past_markers) for w, _, _ in around):
            return "past"
        if len(bare) == 5 and text[:1] in CONJUNCTIONS and _after_a_past_verb(article, s0, start, c):
            # «أعجب به الفريق وتعاقد معه»: تفاعل joined by و to a past verb is a past too (not تفعل: «وتزيد»,
            # and it increases, is as often a present after a past verb)
            return "past"
    return "present"


def _after_a_past_verb(article: Article, sentence_start: int, start: int, c: Cues) -> bool:
    """Whether the nearest word before `start` in its sentence that may be a verb is a past one (no imperfect
    prefix, not a verbal noun)."""
    for word in reversed(article.words(max(sentence_start, start - VERB_REACH_BEFORE), start)):
        if _verb_like(article, word, c):
            bare = _bare(word[0])
            return not bare.startswith(c.imperfect) and not bare.startswith(c.future_prefix)
    return False


def _year_of(expr: Expression, hijri: bool) -> int:
    """The year an expression names: Gregorian, or the Hijri year that holds its day (its month's 15th, its
    year's 1 July)."""
    parts = [int(p) for p in expr.value.split("-")]
    if not hijri:
        return parts[0]
    from hijridate import Gregorian

    month, day = (parts[1], parts[2] if len(parts) > 2 else 15) if len(parts) > 1 else (7, 1)
    return Gregorian(parts[0], month, day).to_hijri().year


_PRECISION = {"year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD"}


def _same(found: list[Expression], index: int, pending: Pending, article: Article, c: Cues) -> tuple[str, str]:
    """«العام نفسه»: the year (month, day) of the nearest expression before it that names one, within the
    same sentence or the `same_sentences` − 1 before."""
    expr = found[index]
    first = article.sentence_of(expr.view_start) - (c.same_sentences - 1)
    need = {"year": 4, "month": 7, "day": 10}.get(pending.unit)
    if need is None:
        return "", ""  # «الأسبوع نفسه»: a week has no value of the three precisions
    for position in range(index - 1, -1, -1):
        before = found[position]
        if article.sentence_of(before.view_start) < first or expr.view_start - before.view_end > SAME_REACH:
            break
        if len(before.value) < need:
            continue
        if pending.month:  # «20 فبراير من العام نفسه», «مايو من العام نفسه», «25 رمضان في نفس العام»
            year = _year_of(before, pending.hijri)
            if pending.hijri:
                return dates.hijri(year, pending.month, pending.day).isoformat(), "YYYY-MM-DD"
            if pending.day:
                return dt.date(year, pending.month, pending.day).isoformat(), "YYYY-MM-DD"
            return f"{year:04d}-{pending.month:02d}", "YYYY-MM"
        return before.value[:need], _PRECISION[pending.unit]
    return "", ""


def _value(found: list[Expression], index: int, pending: Pending, article: Article, pub: dt.date | None,
           c: Cues, weekday: int | None = None) -> tuple[str, str]:
    """The value and precision of an expression left open by the tagger; `weekday`: the weekday named right
    before a day and month without a year («يوم الخميس 6 أغسطس»), which picks the year when the tense does not."""
    if pending.kind == "same":
        return _same(found, index, pending, article, c)
    if pub is None:
        return "", ""
    expr = found[index]
    if pending.kind in ("day_month", "month") and _named_event(found, index, article, c):
        return "", ""
    if pending.kind == "weekday":
        anchor = {"past": "past", "future": "future"}.get(tense(article, expr.view_start, expr.view_end, c), "none")
        return dates.weekday_date(pub, pending.weekday, anchor, None).isoformat(), "YYYY-MM-DD"
    if pending.shift is not None:
        direction = dates.direction_of(pending.shift)
    elif pending.hijri:  # a Hijri date without a year is of the current Hijri year («حتى 3 ذو القعدة»)
        verb = tense(article, expr.view_start, expr.view_end, c)
        direction = "future" if verb == "future" else "past" if verb == "past" and not pending.day else "current"
    else:
        # no verb found (a deadline «قبل 20 أغسطس», a date in a noun phrase): the nearest such date
        direction = {"past": "past", "future": "future", "present": "nearest"}.get(
            tense(article, expr.view_start, expr.view_end, c), "nearest")
    if pending.kind == "day_month":
        day = dates.day_month(pub, pending.day, pending.month, direction)
        if weekday is not None and day.weekday() != weekday:  # the nearest such date that is that weekday
            days = [dates.day_month(pub, pending.day, pending.month, d) for d in ("past", "future")]
            day = min((d for d in days if d.weekday() == weekday), key=lambda d: abs((d - pub).days), default=day)
        return day.isoformat(), "YYYY-MM-DD"
    if pending.kind == "month":
        return dates.iso(dates.month_date(pub, pending.month, direction), "YYYY-MM"), "YYYY-MM"
    if pending.kind == "hijri_day":
        return dates.hijri_date(pub, pending.month, pending.day, direction).isoformat(), "YYYY-MM-DD"
    return dates.iso(dates.hijri_date(pub, pending.month, None, direction), "YYYY-MM"), "YYYY-MM"


def _named_event(found: list[Expression], index: int, article: Article, c: Cues) -> bool:
    """Whether a date without a year names a past happening: it, or the first date of the list it stands in,
    comes right after «ثورة», «هجمات» … (`event_names`): «ذكرى ثورتي 25 يناير و30 يونيو»."""
    start = found[_last_of_run(found, index, article.view.text, c.item_link, step=-1)].view_start
    s0, _ = article.bounds(start)
    before = article.words(max(s0, start - 30), start)
    return bool(before) and is_one_of(before[-1][0], c.event_names)


def _last_of_run(found: list[Expression], index: int, text: str, link: re.Pattern, dated: bool = False,
                 step: int = 1) -> int:
    """The index of the last expression of the run that starts at `found[index]` (with `step=-1`: the first of
    the run that ends there): expressions of its family, each joined to the one before by `link` (and, `dated`,
    each with a day)."""
    end = index
    while 0 <= end + step < len(found) and found[end + step].family == found[index].family and \
            (not dated or found[end + step].precision == "YYYY-MM-DD"):
        before, after = sorted((end, end + step))
        if not link.fullmatch(text, found[before].view_end, found[after].view_start):
            break
        end += step
    return end


def _list_end(found: list[Expression], index: int, article: Article, c: Cues) -> str | None:
    """The value of the last item of a list of weekdays, dates or months that `found[index]` stands in before
    it, when that item carries a modifier in the dual or plural (ending in ين), which qualifies the whole list
    («يومي الخميس والجمعة المقبلين», next Thursday and Friday; «في سبتمبر أو أكتوبر المقبلين»)."""
    text = article.view.text
    last = _last_of_run(found, index, text, c.item_link)
    word = text[found[last].view_start:found[last].view_end].split()[-1]
    if last == index or not word.endswith("ين") or word not in grammar().modifiers or not found[last].value:
        return None
    return found[last].value


def _before_the_last(pending: Pending, last: str) -> str:
    """The latest day (or month) that `pending` names on or before the list's last item `last` (ISO)."""
    if pending.kind == "month":
        year, month = int(last[:4]), int(last[5:7])
        return f"{year if pending.month <= month else year - 1:04d}-{pending.month:02d}"
    end = dt.date.fromisoformat(last)
    if pending.kind == "weekday":
        return (end - dt.timedelta(days=(end.weekday() - pending.weekday) % 7)).isoformat()
    year = end.year if (pending.month, pending.day) <= (end.month, end.day) else end.year - 1
    return dt.date(year, pending.month, pending.day).isoformat()


def _weekday_before(found: list[Expression], pendings: list[Pending | None], index: int, article: Article,
                    c: Cues) -> int | None:
    """The weekday (0 = Monday) of the weekday expression joined to `found[index]` before it («يوم الخميس 6
    أغسطس», «الأحد الموافق 2 أغسطس»), if there is one."""
    if index == 0 or found[index - 1].family != "weekday":
        return None
    before = found[index - 1]
    if not c.link.fullmatch(article.view.text, before.view_end, found[index].view_start):
        return None
    pending = pendings[index - 1]
    if pending is not None and pending.kind == "weekday":
        return pending.weekday
    return dt.date.fromisoformat(before.value).weekday() if before.value else None


def _the_two(article: Article, expr: Expression, pending: Pending, c: Cues) -> bool:
    """Whether a bare «الاثنين» is the numeral "the two": a clitic ب ل ك on it (بالاثنين), after a word that
    takes a noun (بين، إن، من …, but «اعتبارا من الاثنين» is a date) or a definite dual (الطرفين الاثنين),
    before معا، كلاهما … or a number word (الاثنين والعشرين)."""
    if any(letter in pending.clitic for letter in "بلك"):
        return True
    text = article.view.text
    if text[expr.view_start - 1:expr.view_start] in ("«", '"', "“") and \
            (text[expr.view_end - 1] == "»" or text[expr.view_end:expr.view_end + 1] in ("»", '"', "”")):
        return True  # a title in quotation marks: the magazine «الاثنين»
    s0, s1 = article.bounds(expr.view_start)
    before = article.words(max(s0, expr.view_start - 40), expr.view_start)
    after = article.words(expr.view_end, min(s1, expr.view_end + 40))
    if before:
        previous = before[-1][0]
        if previous in c.not_after and not (previous == "من" and len(before) > 1 and before[-2][0] in c.from_words):
            return True
        if arabic.is_definite(previous) and previous.endswith("ين") and len(previous) > 5:
            return True
    if after:
        following = after[0][0]
        numbers = arabic.number_words()
        if following in c.not_before or following in numbers or (following[:1] == "و" and following[1:] in numbers):
            return True
    return False


def _links(found: list[Expression], pendings: list[Pending | None], article: Article, c: Cues) -> set[int]:
    """Weekdays followed by their date take its value; a date without a year in a range with one that has it
    takes that year. Returns the weekdays linked to a date."""
    text = article.view.text
    linked = set()
    for i in range(len(found) - 1, -1, -1):
        expr, following = found[i], found[i + 1] if i + 1 < len(found) else None
        if following is None:
            continue
        gap = (expr.view_end, following.view_start)
        if expr.family == "weekday" and following.precision == "YYYY-MM-DD" and \
                following.family in ("full", "numeric", "hijri") and c.link.fullmatch(text, *gap):
            for weekday, date in _paired(found, i, text, c):
                found[weekday] = replace(found[weekday], value=found[date].value, precision=found[date].precision)
                linked.add(weekday)
        elif c.range_link.fullmatch(text, *gap) and expr.family == following.family == "full":
            first, second = (pendings[i], pendings[i + 1])
            if first is not None and first.kind == "day_month" and second is None and following.value:
                value = _in_range(first, following.value, before=True)
                found[i] = replace(expr, value=value, precision="YYYY-MM-DD" if value else "")
            elif second is not None and second.kind == "day_month" and first is None and expr.value:
                value = _in_range(second, expr.value, before=False)
                found[i + 1] = replace(following, value=value, precision="YYYY-MM-DD" if value else "")
    return linked


def _paired(found: list[Expression], index: int, text: str, c: Cues) -> list[tuple[int, int]]:
    """(weekday, date) pairs of the weekday `index` followed by its date: a list of weekdays followed by as many
    dates or more pairs them in order («يومي الأربعاء والخميس الموافق 20 و21 شوال»: Wednesday the 20th,
    Thursday the 21st); else the weekday takes the date after it."""
    first = index
    while first > 0 and found[first - 1].family == "weekday" and \
            _LIST_LINK.fullmatch(text, found[first - 1].view_end, found[first].view_start):
        first -= 1
    last = _last_of_run(found, index + 1, text, c.range_link, dated=True)
    weekdays = index - first + 1
    if weekdays == 1 or last - index < weekdays:
        return [(index, index + 1)]
    return [(first + k, index + 1 + k) for k in range(weekdays)]


def _in_range(pending: Pending, other: str, before: bool) -> str:
    """The date of a range end without a year, from the other end's date (the range runs forward in time)."""
    other_date = dt.date.fromisoformat(other)
    year = other_date.year
    if before and (pending.month, pending.day) > (other_date.month, other_date.day):
        year -= 1
    if not before and (pending.month, pending.day) < (other_date.month, other_date.day):
        year += 1
    try:
        return dt.date(year, pending.month, pending.day).isoformat()
    except ValueError:
        return ""


def settle(view: arabic.FoldedText, found: list[tuple[Expression, Pending | None]], pub: dt.date | None,
           sentences: list[tuple[int, int]] | None = None) -> list[Expression]:
    """The tagger's expressions with every open value decided from the article (see the module docstring);
    a «الاثنين» that is "the two" is left out."""
    if all(pending is None for _, pending in found):
        return [expr for expr, _ in found]
    c = cues()
    article = Article(view, sentences)
    exprs = [expr for expr, _ in found]
    pendings = [pending for _, pending in found]
    for i, pending in enumerate(pendings):
        if pending is not None:
            try:
                value, precision = _value(exprs, i, pending, article, pub, c, _weekday_before(exprs, pendings, i,
                                                                                               article, c))
            except (ValueError, OverflowError):  # a date no calendar holds (30 February, a year past 9999)
                value, precision = "", ""
            exprs[i] = replace(exprs[i], value=value, precision=precision)
    for i, pending in enumerate(pendings):
        if pending is not None and pending.kind in ("weekday", "day_month", "month") and \
                (end := _list_end(exprs, i, article, c)) is not None:
            exprs[i] = replace(exprs[i], value=_before_the_last(pending, end))
    linked = _links(exprs, pendings, article, c)
    habitual = _habitual(exprs, pendings, linked, article, c)
    keep = []
    for i, (expr, pending) in enumerate(zip(exprs, pendings, strict=True)):
        if i in habitual:
            continue
        if pending is not None and pending.ambiguous and i not in linked and not _coordinated(exprs, i, article) \
                and _the_two(article, expr, pending, c):
            continue
        keep.append(expr)
    return keep


def _habitual(found: list[Expression], pendings: list[Pending | None], linked: set[int], article: Article,
              c: Cues) -> set[int]:
    """The bare weekdays that name a day of every week (`habitual_weekdays` of relative_time.yaml): runs of
    weekdays, each bare and not linked to a date, after «أيام», «كل», «عدا» … or before «من كل أسبوع» … A run
    with a number after one of its days (its date) or a count before «أيام» («لمدة أربعة أيام الإثنين، الثلاثاء»,
    for four days: Monday, Tuesday) names dates."""
    text = article.view.text
    out: set[int] = set()
    i = 0
    while i < len(found):
        last = _last_of_run(found, i, text, c.item_link) if found[i].family == "weekday" else i
        run = range(i, last + 1)
        if found[i].family == "weekday" and all(
                pendings[j] is not None and pendings[j].kind == "weekday" and j not in linked for j in run):
            s0, s1 = article.bounds(found[i].view_start)
            before = article.words(max(s0, found[i].view_start - 40), found[i].view_start)
            counted = len(before) > 1 and _is_number(before[-2][0])  # «لمدة أربعة أيام الإثنين، الثلاثاء …»
            dated = any(c.dated.match(text, found[j].view_end) for j in run)  # «أيام الأحد والاثنين 10 و11 شوال»
            cue = bool(before) and is_one_of(before[-1][0], c.habitual_before) \
                and not text[before[-1][2]:found[i].view_start].strip()  # right before it: «قبل أيام، الخميس» no
            if not counted and not dated and (cue or c.habitual_after.match(text, found[last].view_end, s1)):
                out.update(run)
        i = last + 1
    return out


def _is_number(word: str) -> bool:
    """Whether a folded word is a number, in digits or in words («أربعة»)."""
    return word.isdigit() or _bare(word) in arabic.number_words()


def _coordinated(found: list[Expression], index: int, article: Article) -> bool:
    """Whether a weekday stands in a list of weekdays («يومي الأحد والاثنين», «الاثنين والثلاثاء»)."""
    text = article.view.text
    for other in (index - 1, index + 1):
        if 0 <= other < len(found) and found[other].family == "weekday":
            first, second = sorted((found[index], found[other]), key=lambda e: e.view_start)
            if _LIST_LINK.fullmatch(text[first.view_end:second.view_start]):
                return True
    return False
