"""The article's own "today": the day its text was written for, inferred from the text itself.

A corpus's publication date is not always the day an article was written: SaudiNewsNet's `published` is the
day a crawler fetched the page, which may be a day or a week later («اليوم الثلاثاء» in an article stamped
Wednesday). Relative expressions (اليوم، أمس، غدا، الأسبوع الماضي، a bare weekday, «العام الماضي» …) name
days counted from the writing day, so the tagger resolves them against the reference day found here. The cues
(data/lexicons/relative_time.yaml, `reference_date`), strongest first:

- **dateline**: the article's first line opens with a date, after at most a place name and before at most an
  agency («بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس», «سان فرانسيسكو 20 يوليو تموز (رويترز) -»):
  that date;
- **stated**: a deictic day followed by the date it is («يوم غد الخميس 14 / 10 / 1436هـ الموافق 30 / 7 /
  2015م», tomorrow, Thursday …: written on the 29th; «اليوم الأحد (19 يوليو)»): that date minus the deictic
  offset, when the weekday named (if any) is the date's;
- **weekday**: a deictic day with a weekday («اليوم الأربعاء» today, Wednesday; «مساء أمس، الجمعة» yesterday
  evening, Friday → written on a Saturday; «غدا الاثنين» tomorrow, Monday → on a Sunday): the latest day with
  that weekday on or before publication, at most `weekday_window` days back (a weekday only places the
  writing day within a week);
- **month**: a month named as the current one («الثلاثين من شهر سبتمبر الجاري», the thirtieth of this month of
  September; «حتى السابع والعشرين من يونيو الجاري») two to ten months before the publication's month (an
  archive page fetched months later; the month just before or after may be named loosely): the writing day lies
  in the latest such month, which day is not known unless a stated date or a dateline in that month says it.
  The reference is then the last day of that month with kind "month": dates, months and years count from it,
  while the tagger leaves the values that need the day (اليوم، أمس، a weekday, «قبل ثلاثة أيام») empty;
- **clock**: when the corpus gives the publication's time of day, a part of today reported in the past tense
  that begins later than that time («انطلق الفريق عصر اليوم», the team set out this afternoon, in a page
  fetched at 02:39; `parts_of_day`, with `clock_margin_hours` for an unknown time zone): the day before.

Conservative: only the article's own voice counts. A cue inside a quotation («…», “…”) speaks for the day of
the statement, and a cue in speech reported from another day named before it in its sentence («وقال بيان صادر
يوم الخميس إن غدا الجمعة …», a statement issued on Thursday said that tomorrow, Friday …) for that day: neither
counts. A deictic day with a date and no weekday to confirm it («اليوم 20 يوليو») counts only within the
window («اليوم 15 من شهر يونيو» may be "the day 15 June"). The dateline wins over the other cues; otherwise the
stated dates and the weekdays must all name the same day, else (conflicting cues, as in an article pieced
together from reports of two days) the publication date is kept. A reference day after publication is never
taken (a page is not fetched before it is written); without a publication date, a dateline or a stated date
still gives one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from arnews import arabic, lexicons
from arnews.timeline import dates
from arnews.timeline.context import Article, is_one_of, tense
from arnews.timeline.context import cues as context_cues
from arnews.timeline.grammar import Grammar, family_group, first_month, phrase

__all__ = ["KINDS", "Cue", "Reference", "ReferenceRules", "infer", "rules", "statement_days"]

#: What decided a reference day: the publication date itself (no cue, or only cues that agree with it), or
#: the strongest cue kind; "conflict": cues named different days, the publication date is kept.
KINDS = ("published", "dateline", "stated", "weekday", "clock", "month", "conflict")
#: A word of a dateline line: a run of letters, digits or brackets between spaces and punctuation.
_WORD = re.compile(r"[^\s،,.؛:!؟?\-–—]+")
#: The families whose match names one day by its date (not by a weekday or a deictic word).
_DATE_GROUPS = ("h", "n", "f")
#: How far back (characters) the part of the day before «اليوم» is read (with its clitics: «وصباح اليوم»).
_PART_REACH = 12
#: How far (characters) before a quotation the day of the statement it quotes may end («، أمس، لوكالة الصحافة
#: الفرنسية: «»), and the marks that close a quotation.
_STATEMENT_REACH = 40
#: How many months before the publication's month a month named as the current one places the article (see
#: `_month_cue`): at least two, at most ten (eleven back is the coming month).
_MONTHS_BACK = (2, 10)
_CLOSING_QUOTES = frozenset(arabic.QUOTE_PAIRS.values())


@dataclass(frozen=True)
class ReferenceRules:
    """The `reference_date` section of relative_time.yaml, folded."""

    weekday_window: int
    dateline_lines: int
    dateline_words_before: int
    dateline_words_after: int
    dateline_ends: str
    not_place_words: frozenset[str]
    speech_openers: frozenset[str]
    link: re.Pattern
    parts_of_day: dict[str, int]  # folded word → the hour that part of the day begins at the earliest
    clock_margin: int
    until_words: frozenset[str]


@cache
def rules() -> ReferenceRules:
    """The cues of relative_time.yaml `reference_date` (cached); a weekday and its date are joined as the
    context joins them (`date_links`)."""
    section = lexicons.read_yaml("relative_time.yaml")["reference_date"]
    return ReferenceRules(
        weekday_window=int(section["weekday_window"]),
        dateline_lines=int(section["dateline_lines"]),
        dateline_words_before=int(section["dateline_words_before"]),
        dateline_words_after=int(section["dateline_words_after"]),
        dateline_ends="".join(section["dateline_ends"]),
        not_place_words=frozenset(map(arabic.fold, section["dateline_not_before"])),
        speech_openers=frozenset(map(arabic.fold, section["speech_openers"])),
        link=context_cues().link,
        parts_of_day={arabic.fold(f): int(p["from"]) for p in section["parts_of_day"] for f in p["forms"]},
        clock_margin=int(section["clock_margin_hours"]),
        until_words=frozenset(map(arabic.fold, section["clock_not_after"])),
    )


@dataclass(frozen=True)
class Cue:
    """One piece of evidence for the writing day: its kind (dateline, stated, weekday), the day it names, and
    its words (`text`, at offsets `start`, `end` of the text as given)."""

    kind: str
    date: dt.date | None  # None: a weekday further back than `weekday_window` (no day the rules can place)
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Reference:
    """The reference day of one article.

    date: the day relative expressions are counted from (the publication date unless a cue moves it; None when
    there is neither). kind: one of KINDS. cues: the cues that count (outside quotations and other days' sentences).
    """

    date: dt.date | None
    published: dt.date | None
    kind: str
    cues: tuple[Cue, ...] = ()

    @property
    def shifted(self) -> bool:
        """Whether the text moved the reference day away from the publication date."""
        return self.date != self.published


def infer(g: Grammar, folded: arabic.FoldedText, matches: Sequence[tuple[re.Match, tuple]], pub: dt.date | None,
          sentences: list[tuple[int, int]] | None = None, clock: dt.time | None = None,
          quotes: list[tuple[int, int]] | None = None) -> Reference:
    """The reference day of an article, from the tagger's grammar matches on its folded view (`folded`, with
    their readings against `pub`, in text order); `sentences`: the view's sentences, when the caller has them;
    `clock`: the publication's time of day, when the corpus gives it (`dates.clock`); `quotes`: the view's
    quoted passages (`arabic.quotations`), when the caller has them."""
    r = rules()
    view = folded.text
    found = [(m, reading, family_group(m)) for m, reading in matches]
    dateline = _dateline(view, found, pub, r)
    if dateline is not None:
        return Reference(dateline[0], pub, "dateline", (_located(folded, "dateline", *dateline),))
    quotes = arabic.quotations(view) if quotes is None else quotes
    sentences = arabic.sentences(view) if sentences is None else sentences
    month = _month_cue(g, view, found, pub, quotes, sentences, r)
    if month is not None:
        return Reference(month[1], pub, "month", (_located(folded, *month),))
    deictic = [i for i, (_, _, name) in enumerate(found) if name in ("w", "d")]
    if not deictic:
        return Reference(pub, pub, "published")
    article = Article(folded, sentences)
    cues, clocks = [], []
    for i in deictic:
        cue = _cue(g, view, found, i, pub, r)
        kept = cues
        if cue is None:
            cue, kept = _clock_cue(g, article, found[i], pub, clock, r), clocks
        if cue is None or _quoted(quotes, cue[2]) or _reported_from_another_day(g, view, found, i,
                                                                                             sentences, r):
            continue
        kept.append(_located(folded, *cue))
    if not cues and clocks:  # a clock cue only bounds the day (before publication): any other cue places it
        cues = clocks
    days = {c.date for c in cues}
    if not cues:
        return Reference(pub, pub, "published")
    if len(days) > 1 or None in days or (pub is not None and max(days) > pub):
        return Reference(pub, pub, "conflict", tuple(cues))
    day = days.pop()
    kinds = {c.kind for c in cues}
    kind = "published" if day == pub else next(k for k in ("stated", "weekday", "clock") if k in kinds)
    return Reference(day, pub, kind, tuple(cues))


def _located(folded: arabic.FoldedText, kind: str, day: dt.date | None, start: int, end: int) -> Cue:
    """A cue found at view[start:end], with its offsets and words in the text as given."""
    s, e = folded.span(start, end)
    return Cue(kind, day, s, e, folded.original[s:e])


def _deixis(g: Grammar, m: re.Match, name: str) -> int | None:
    """The day a deictic match names, counted from the writing day: «اليوم» 0, «مساء أمس، الجمعة» −1, «يوم غد
    الخميس» +1, «أول أمس» −2; None for a match that is not deictic («يوم الخميس», «الخميس المقبل»)."""
    if name == "d":
        return g.deictic[phrase(m.group("d"))]
    if name != "w" or not m.group("w_pre") or m.group("w_mod") or \
            g.weekday_anchor.get(phrase(m.group("w_pre")), "none") == "none":
        return None
    words = phrase(m.group("w_pre")).split()
    for i in range(len(words)):  # the deictic word ends the prefix: صباح اليوم, يوم غد, أمس الأول
        key = " ".join(words[i:])
        if key in g.deictic:
            return g.deictic[key]
    return None


def _day_value(reading: tuple, base: dt.date | None) -> dt.date | None:
    """The day a date match names: its own value, or for a day and month without a year (Gregorian or Hijri)
    the latest one on or before `base`."""
    _, value, precision, _, pending = reading
    if precision == "YYYY-MM-DD" and value:
        return dt.date.fromisoformat(value)
    if pending is None or base is None or not pending.day:
        return None
    try:
        if pending.kind == "day_month":
            return dates.day_month(base, pending.day, pending.month, "past")
        if pending.kind == "hijri_day":
            return dates.hijri_date(base, pending.month, pending.day, "past")
    except (ValueError, OverflowError):
        return None
    return None


def _cue(g: Grammar, view: str, found: list, i: int, pub: dt.date | None,
         r: ReferenceRules) -> tuple[str, dt.date | None, int, int] | None:
    """The cue (kind, day, view start, view end) of a deictic day (`found[i]`, a weekday or a deictic match),
    if it is one."""
    m, _, name = found[i]
    offset = _deixis(g, m, name)
    if offset is None:
        return None
    weekday = g.weekdays[phrase(m.group("w_day"))] if name == "w" else None
    start, end = m.span(name)
    if i + 1 < len(found):  # «اليوم الأحد (19 يوليو)», «يوم غد الخميس 14 / 10 / 1436هـ»: a date stated
        nxt, reading, next_name = found[i + 1]
        if next_name in _DATE_GROUPS and r.link.fullmatch(view, end, nxt.start(next_name)):
            base = pub + dt.timedelta(days=offset) if pub else None
            day = _day_value(reading, base)
            if day is None or (weekday is not None and day.weekday() != weekday):
                return None
            written = day - dt.timedelta(days=offset)
            if weekday is None and pub is not None and not 0 <= (pub - written).days <= r.weekday_window:
                return None  # «اليوم 15 من شهر يونيو»: without a weekday to confirm it, "the day 15 June" is no cue
            return "stated", written, start, nxt.end(next_name)
    if weekday is None or pub is None:
        return None
    back = (pub.weekday() - (weekday - offset)) % 7
    if back > r.weekday_window:  # further back than a weekday is trusted to tell: a day the rules cannot place
        return "weekday", None, start, end
    return "weekday", pub - dt.timedelta(days=back), start, end


def _month_cue(g: Grammar, view: str, found: list, pub: dt.date | None, quotes: list[tuple[int, int]],
               sentences: list[tuple[int, int]], r: ReferenceRules) -> tuple[str, dt.date, int, int] | None:
    """The month cue (kind, the last day of that month, view start, view end) of an article that names a month
    as the current one in its own voice, when that month is two to ten months before the publication's month;
    None otherwise, or when the article names two different current months. The month just before is left
    alone: «خلال يوليو الحالي» in a report of 7 August on July's unemployment means the month just ended; so is
    the month just after («بدءا من 2 أغسطس الجاري» written on 31 July: the coming month)."""
    if pub is None:
        return None
    named = []
    for i, (m, _, name) in enumerate(found):
        modifier = m.group("mm_mod") if name == "mm" else m.group("f_mod") if name == "f" else None
        if not modifier or g.modifiers.get(phrase(modifier)) != 0 or _quoted(quotes, m.start(name)) or \
                _reported_from_another_day(g, view, found, i, sentences, r):
            continue
        month, _ = first_month(g, m.group("mm_month" if name == "mm" else "f_month"))
        if month:
            named.append((month, m.start(name), m.end(name)))
    if not named or len({month for month, _, _ in named}) > 1:
        return None
    month, start, end = named[0]
    if not _MONTHS_BACK[0] <= (pub.month - month) % 12 <= _MONTHS_BACK[1]:
        return None
    last = dates.add_months(dates.month_date(pub, month, "past"), 1) - dt.timedelta(days=1)
    return "month", last, start, end


def _clock_cue(g: Grammar, article: Article, match: tuple, pub: dt.date | None, clock: dt.time | None,
               r: ReferenceRules) -> tuple[str, dt.date, int, int] | None:
    """The clock cue of a deictic «اليوم» (`match`, from the tagger's grammar) after a part of the day that begins
    more than `clock_margin` hours after the publication time, in a past-tense clause: the day before
    publication («انطلق فريق نخبة الشمال … عصر اليوم» fetched at 02:39 was written the day before). It only says
    the day is before publication, so `infer` uses it only when no other cue names the day."""
    m, _, name = match
    if clock is None or pub is None or name != "d" or g.deictic[phrase(m.group("d"))] != 0:
        return None
    start, end = m.span("d")
    before = _WORD.findall(article.view.text, max(0, start - _PART_REACH), start)
    if not before:
        return None
    part = before[-1]
    hour = next((r.parts_of_day[c.stem] for c in arabic.readings(part) if c.stem in r.parts_of_day), None)
    if hour is None or clock.hour + clock.minute / 60 + r.clock_margin >= hour:
        return None
    if len(before) > 1 and is_one_of(before[-2], r.until_words):
        return None  # «فترة حرة حتى ظهر اليوم» (free time until noon today): an end, not a happening
    part_start = article.view.text.rfind(part, 0, start)
    if tense(article, part_start, end) != "past":
        return None
    return "clock", pub - dt.timedelta(days=1), part_start, end


def _quoted(quotes: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` lies inside one of the quoted passages `quotes` (`arabic.quotations`, in text order)."""
    k = arabic.sentence_at(quotes, pos)  # the last passage that starts at or before `pos`
    return k >= 0 and quotes[k][0] < pos < quotes[k][1]


def _reported_from_another_day(g: Grammar, view: str, found: list, i: int, sentences: list[tuple[int, int]],
                               r: ReferenceRules) -> bool:
    """Whether `found[i]` stands in speech reported from another day named before it in its sentence, so that
    it may count from that day: a date, a weekday without a deictic prefix or a deictic day of another offset,
    then a word that opens reported speech (إن، أن، بأن …) or a colon before the cue («وقال بيان صادر يوم الخميس
    إن غدا الجمعة …», a statement issued on Thursday said that tomorrow, Friday …; «أعلنت مصادر أمس السبت: إن
    ظريف سيقوم يوم غد الأحد بزيارة», sources said yesterday, Saturday, that Zarif will visit tomorrow, Sunday)."""
    m, _, name = found[i]
    start = m.start(name)
    offset = _deixis(g, m, name)
    k = arabic.sentence_at(sentences, start)
    first = sentences[k][0] if k >= 0 else 0
    for j in range(i - 1, -1, -1):
        other, (_, _, precision, _, pending), other_name = found[j]
        if other.start(other_name) < first:
            break
        a_date = other_name in _DATE_GROUPS and (precision == "YYYY-MM-DD" or (pending is not None and pending.day))
        another = a_date or (other_name in ("w", "d") and _deixis(g, other, other_name) != offset)
        if another and _reported(view, other.end(other_name), start, r):
            return True
    return False


def statement_days(g: Grammar, view: str, matches: Sequence[tuple[re.Match, tuple]], day: dt.date | None,
                   sentences: list[tuple[int, int]], quotes: list[tuple[int, int]] | None = None
                   ) -> dict[int, dt.date]:
    """The day each quoted expression is counted from, where the sentence dates the statement it quotes and
    that day is not the article's `day`: «في بيان له أمس أن «… واليوم يتجدد هذا المشهد»» (in a statement
    yesterday that "… and today the scene is renewed"): «اليوم» of the quotation is yesterday.

    `matches`: the tagger's grammar matches with their readings against `day`, in text order. The statement's
    day is a deictic day, or a weekday or a date that names its day and year, in the quotation's sentence that
    ends at most `_STATEMENT_REACH` characters before the quotation, with a word that opens speech
    (`speech_openers`) or a colon between them («وقال … أمس: «», «في بيان له أمس أن «»); a day further back dates
    something else («وقعت هجمات أخرى أمس، … بحسب النائب …، الذي قال: «»). Only closed quotations count (an opening
    mark left open is more often a typo than a quotation running to the end of the paragraph). Returns {index in
    `matches`: the statement's day}; words outside quotations speak for the article's day. `quotes`: the
    view's quoted passages, when the caller has them.
    """
    quotes = arabic.quotations(view) if quotes is None else quotes
    if not quotes or day is None:
        return {}
    r = rules()
    found = [(m, reading, family_group(m)) for m, reading in matches]
    out: dict[int, dt.date] = {}
    for i, (m, _, name) in enumerate(found):
        pos = m.start(name)
        k = arabic.sentence_at(quotes, pos)
        if k < 0 or not quotes[k][0] < pos < quotes[k][1] or view[quotes[k][1] - 1] not in _CLOSING_QUOTES:
            continue
        opening = quotes[k][0]
        first = sentences[max(0, arabic.sentence_at(sentences, opening))][0] if sentences else 0
        said = None
        for other, reading, other_name in found[:i]:
            start = other.start(other_name)
            if start < first or start >= opening or opening - other.end(other_name) > _STATEMENT_REACH or \
                    _quoted(quotes, start):
                continue
            offset = _deixis(g, other, other_name)
            if offset is not None:
                named = day + dt.timedelta(days=offset)
            elif other_name in ("w", *_DATE_GROUPS) and reading[2] == "YYYY-MM-DD" and reading[1]:
                named = dt.date.fromisoformat(reading[1])  # a weekday or a date with its year («قوى 14 آذار»: no)
            else:
                continue
            if _reported(view, other.end(other_name), opening, r):
                said = named
        if said is not None and said != day:
            out[i] = said
    return out


def _reported(view: str, start: int, end: int, r: ReferenceRules) -> bool:
    """Whether reported speech opens in view[start:end]: a colon, or a word of `speech_openers` (with و/ف)."""
    gap = view[start:end]
    return ":" in gap or any(is_one_of(w, r.speech_openers) for w in _WORD.findall(gap))


def _dateline(view: str, found: list, pub: dt.date | None, r: ReferenceRules) -> tuple[dt.date, int, int] | None:
    """The dateline date: the article's first expression is a date on one of its first lines, after at most a
    place name and before at most an agency name, then the line ends or a dash (see the module docstring)."""
    if not found or found[0][2] not in _DATE_GROUPS:
        return None
    m, reading, name = found[0]
    start, end = m.span(name)
    line_start = view.rfind("\n", 0, start) + 1
    if sum(1 for line in view[:line_start].split("\n") if line.strip()) >= r.dateline_lines:
        return None  # not on one of the first lines that hold words
    before = _WORD.findall(view, line_start, start)
    if len(before) > r.dateline_words_before or any(not w.isalpha() or w in r.not_place_words for w in before):
        return None
    day = _day_value(reading, pub)
    if day is None:
        return None
    if len(found) > 1 and found[1][2] in _DATE_GROUPS and r.link.fullmatch(view, end, found[1][0].start(found[1][2])):
        second = _day_value(found[1][1], pub)  # «25 شوال 1436 هـ الموافق 10 اغسطس 2015 م»
        if second is None or abs((second - day).days) > 1:
            return None
        end = found[1][0].end(found[1][2])
    line_end = view.find("\n", end)
    line_end = len(view) if line_end < 0 else line_end
    cut = next((i for i in range(end, line_end) if view[i] in r.dateline_ends), None)
    after = _WORD.findall(view, end, line_end if cut is None else cut)
    if len(after) > r.dateline_words_after or (pub is not None and day > pub):
        return None
    return day, start, end

