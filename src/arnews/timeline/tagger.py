"""The temporal tagger: find the dated expressions of a clean text and resolve each against the article's day.

`tag(text, published)` matches the grammar (`arnews.timeline.grammar`) on the folded view of the text and
returns `Expression`s with offsets into the text as given, an ISO value and its precision. Relative expressions
count from the article's reference day (`arnews.timeline.reference`): the publication date, unless the text
shows it was written on another day; `reference(text, published)` tells which day that is and why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

import pandas as pd

from arnews import arabic
from arnews.arabic.chars import codes
from arnews.timeline import context, dates, reference_day
from arnews.timeline.grammar import Grammar, family_group, first_month, grammar, phrase, scan
from arnews.timeline.readings import Expression, Pending
from arnews.timeline.reference_day import Reference

__all__ = ["EXPRESSION_COLUMNS", "Expression", "expressions", "original_span", "read_view", "reference",
           "reference_date", "tag"]

EXPRESSION_COLUMNS = ["doc_id", "start", "end", "text", "value", "precision"]


#: Invisible format and bidi controls: the view drops them, and an expression never ends with one.
_TRAILING_CONTROLS = frozenset(map(chr, codes(arabic.FORMAT_CONTROLS)))


def original_span(view: arabic.FoldedText, start: int, end: int) -> tuple[int, int]:
    """The original span of a view span, without the invisible controls that follow it («عام 1432\u200b»)."""
    s, e = view.span(start, end)
    while e > s and view.original[e - 1] in _TRAILING_CONTROLS:
        e -= 1
    return s, e


#: A year's four digits.
_YEAR_DIGITS = re.compile(r"\d{4}")

_FAMILY_NAMES = {"h": "hijri", "n": "numeric", "f": "full", "my": "month_year", "y": "year", "yb": "year",
                 "r": "relative", "s": "same", "w": "weekday", "mm": "month", "hm": "hijri", "p": "period",
                 "d": "deictic"}
#: (family, value, precision, relative_to_event, what the context decides)
Reading = tuple[str, str, str, bool, Pending | None]


def _day(g: Grammar, digits: str | None, words: str | None) -> int:
    """A day of the month written in digits (19, الـ20) or words (السابع, الحادي والعشرين, أول); 0: none."""
    if digits:
        return int(digits)
    words = phrase(words or "")
    if words in g.first_day:
        return 1
    value = arabic.number_value(words) or 0
    return value if 1 <= value <= 31 else 0


def _resolve(g: Grammar, m: re.Match, pub: dt.date | None) -> Reading | None:
    """The reading of a match; None when the match is not a date."""
    gd = m.groupdict()
    if any(gd.get(word_day) for word_day in ("f_wday", "h_wday", "f_wpday")) and _ordinal_of_a_noun(g, m):
        return None
    if gd.get("w") is not None and _family_name(m):
        return None
    if gd.get("r") is not None and ((_from_a_happening(g, m) and not _since_the_last(g, m)) or _unit_after_unit(g, m)):
        return None
    name = family_group(m)
    try:
        return _RESOLVERS[name](g, gd, pub)
    except (ValueError, OverflowError):  # 31 June, a Hijri year outside the table, a year past 9999 …
        return (_FAMILY_NAMES[name], "", "", False, None)


def _ordinal_of_a_noun(g: Grammar, m: re.Match) -> bool:
    """Whether a date in words is an ordinal that qualifies the definite noun before it («الأسبوع الأول من
    الشهر»: the first week) rather than naming a day; a weekday before it is a date's («يوم السبت السابع من ذي
    القعدة»), and so are a date link («الموافق السادس والعشرين من شهر يونيو») and «اليوم» within it («اليوم
    الثالث من الشهر المقبل»). After a glued و the ordinal is the tail of a number when a number word stands
    before it («الخامس والعشرين»: not the 20th), else a second date («بين 22 ديسمبر المقبل والرابع من يناير»)."""
    start = m.start(family_group(m))
    before = m.string[max(0, m.start() - 24):m.start()].split()
    if not before:
        return False
    if start > m.start():  # و/ف glued to the date
        return before[-1] in arabic.number_words()
    return arabic.is_definite(before[-1]) and before[-1] not in g.weekdays and before[-1][1:] not in g.weekdays \
        and not context.cues().link.fullmatch(before[-1])


#: The words that follow, up to a punctuation mark.
_CLAUSE_WORDS = re.compile(r"[^\S\n]*[^\W\d_]*(?:[^\S\n]+[^\W\d_]+)*")
#: How far back (characters) the name before a weekday is read, and its last words.
_NAME_REACH = 64
_NAME_WORDS = re.compile(r"[^\W\d_]+")
#: A letter, then only white space up to the weekday: no punctuation between a name and its family name.
_WORD_RIGHT_BEFORE = re.compile(r"[^\W\d_]\s+$")


def _family_name(m: re.Match) -> bool:
    """Whether a bare weekday is the family name of the person named right before it: «أحمد الخميس» (Ahmad
    Al-Khamis), «حسين الجمعة», «علي بن محمد الجمعة» (`arabic.family_name_follows`). Only a weekday without a
    prefix, a proclitic or a modifier and not followed by its date: «أحمد يوم الخميس», «محمد الخميس المقبل»,
    «محمد الخميس الموافق 13 أغسطس» stay days, and so does a weekday after a name already closed by two given
    names («محمود عباس الجمعة», Mahmoud Abbas on Friday)."""
    if m.group("w_pre") or m.group("w_mod") or m.group("w_clitic"):
        return False
    start = m.start("w")
    tail = m.string[max(0, start - _NAME_REACH):start]
    if not _WORD_RIGHT_BEFORE.search(tail):
        return False
    if not arabic.family_name_follows(_NAME_WORDS.findall(tail)[-4:]):
        return False
    after = context.cues().link.match(m.string, m.end())
    return not m.string[after.end():after.end() + 1].isdigit()


def _from_a_happening(g: Grammar, m: re.Match) -> bool:
    """Whether a counted unit after قبل/بعد counts from a happening named after «من» («بعد اسبوع من اعمال
    عنف», a week after violence), not from the writing day («بعد أسبوع من الآن», «قبل عقدين من الزمن»)."""
    return bool(m.group("r_from")) and not m.group("r_now") and phrase(m.group("r_dir")) in g.event_directions


#: How far back (characters) the unit repeated before «بعد» is read («يوما بعد يوم»).
_UNIT_REACH = 16


def _unit_after_unit(g: Grammar, m: re.Match) -> bool:
    """Whether «بعد» + a unit repeats the unit right before it: «يوما بعد يوم» (day after day), «عاما بعد عام»
    (year after year) say how something grows, not when."""
    if not m.group("r_one"):
        return False
    before = _NAME_WORDS.findall(m.string, max(0, m.start("r") - _UNIT_REACH), m.start("r"))
    unit = g.units.get(phrase(m.group("r_one")))
    return bool(before) and unit is not None and g.units.get(before[-1], (None,))[0] == unit[0]


def _since_the_last(g: Grammar, m: re.Match) -> bool:
    """Whether «بعد N من» counts from the last happening of its kind up to the writing day: one of the next few
    words calls it the previous or last one («بعد أربع سنوات من زيارته السابقة», four years after his previous
    visit: that visit is dated publication − 4 years)."""
    if phrase(m.group("r_dir")) != "بعد":
        return False
    words = _CLAUSE_WORDS.match(m.string, m.end()).group().split()[:g.since_last_reach]
    return any(w in g.since_last for w in words)


def _later_in_a_past_story(g: Grammar, m: re.Match, article: context.Article) -> bool:
    """Whether «بعد» + a counted unit, with nothing after it to count from, tells how much later something
    happened in a past report («وتعاقد معه بعد شهرين», and signed him two months later; «وعندما سحب العلاج بعد
    ستة أسابيع», when the treatment was withdrawn after six weeks): counted from a happening of the story, not
    from the writing day, it names no date. In a future report it does («سيعود بعد شهرين», back in two months)."""
    if family_group(m) != "r" or m.group("r_from") or phrase(m.group("r_dir")) not in g.event_directions \
            or g.directions[phrase(m.group("r_dir"))] < 0:
        return False
    return context.tense(article, *m.span("r")) == "past"


def _hijri(g: Grammar, gd: dict, pub: dt.date | None) -> Reading | None:
    if gd["h_month2"]:
        day = dates.hijri(int(gd["h_year2"]), g.hijri_months[phrase(gd["h_month2"])], 15)
        return "hijri", dates.iso(day, "YYYY-MM"), "YYYY-MM", False, None
    name = phrase(gd["h_month"])
    month, day = g.hijri_months[name], _day(g, gd["h_day"], gd["h_wday"])
    if not day:
        return None
    if gd["h_year"]:
        return "hijri", dates.hijri(int(gd["h_year"]), month, day).isoformat(), "YYYY-MM-DD", False, None
    if gd["h_same"]:
        return "hijri", "", "", False, Pending("same", month=month, day=day, unit="year", hijri=True)
    if gd["h_rmod"]:  # «25 رمضان من العام الماضي»
        if pub is None:
            return "hijri", "", "", False, None
        date = dates.hijri_in_year(pub.year + g.modifiers[phrase(gd["h_rmod"])], month, day)
        return "hijri", date.isoformat(), "YYYY-MM-DD", False, None
    shift = g.modifiers[phrase(gd["h_mod"])] if gd["h_mod"] else None
    if name in g.ambiguous_hijri_months and shift is None:
        return None  # «20 صفر» may be a count
    return "hijri", "", "", False, Pending("hijri_day", month=month, day=day, shift=shift, hijri=True)


def _hijri_month(g: Grammar, gd: dict, pub: dt.date | None) -> Reading | None:
    month = g.hijri_months[phrase(gd["hm_month"])]
    if gd["hm_year"]:
        return "hijri", dates.iso(dates.hijri(int(gd["hm_year"]), month, 15), "YYYY-MM"), "YYYY-MM", False, None
    if gd["hm_rmod"]:  # «شهر رمضان من العام الماضي»
        if pub is None:
            return "hijri", "", "", False, None
        date = dates.hijri_in_year(pub.year + g.modifiers[phrase(gd["hm_rmod"])], month, None)
        return "hijri", dates.iso(date, "YYYY-MM"), "YYYY-MM", False, None
    if not gd["hm_shahr"] and not gd["hm_mod"]:
        return None  # رمضان alone is also a name
    shift = g.modifiers[phrase(gd["hm_mod"])] if gd["hm_mod"] else None
    return "hijri", "", "", False, Pending("hijri_month", month=month, shift=shift, hijri=True)


def _numeric(g: Grammar, gd: dict, pub: dt.date | None) -> Reading | None:
    a, b, c = int(gd["n_a"]), int(gd["n_b"]), int(gd["n_c"])
    year, month, day = (a, b, c) if len(gd["n_a"]) == 4 else (c, b, a) if len(gd["n_c"]) == 4 else (0, 0, 0)
    if not year:
        return None
    hijri = 1300 <= year < 1500 or (gd["n_era"] and arabic.fold(gd["n_era"]) in g.hijri_era)
    if not hijri and not 1800 <= year <= 2100:
        return None
    date = dates.hijri(year, month, day) if hijri else dt.date(year, month, day)
    return ("hijri" if hijri else "numeric"), date.isoformat(), "YYYY-MM-DD", False, None


def _full(g: Grammar, gd: dict, pub: dt.date | None) -> Reading | None:
    if gd["f_pday"] or gd["f_wpday"]:  # 30 من الشهر الحالي
        day = _day(g, gd["f_pday"], gd["f_wpday"])
        if not day:
            return None
        if pub is None:
            return "full", "", "", False, None
        first = dates.add_months(pub, g.modifiers[phrase(gd["f_pmod"])])
        return "full", first.replace(day=day).isoformat(), "YYYY-MM-DD", False, None
    month, _ = first_month(g, gd["f_month"])
    day = _day(g, gd["f_day0"] or gd["f_day"], gd["f_wday"])  # «13 أو 20 أيلول»: the first day named
    if not day:
        return None
    if gd["f_year"]:
        return "full", dt.date(int(gd["f_year"]), month, day).isoformat(), "YYYY-MM-DD", False, None
    if gd["f_same"]:
        return "full", "", "", False, Pending("same", month=month, day=day, unit="year")
    if gd["f_rmod"]:  # «15 يوليو من العام الماضي»
        if pub is None:
            return "full", "", "", False, None
        return "full", dt.date(pub.year + g.modifiers[phrase(gd["f_rmod"])], month, day).isoformat(), \
            "YYYY-MM-DD", False, None
    if gd["f_mod"]:
        if pub is None:
            return "full", "", "", False, None
        direction = dates.direction_of(g.modifiers[phrase(gd["f_mod"])])
        return "full", dates.day_month(pub, day, month, direction).isoformat(), "YYYY-MM-DD", False, None
    return "full", "", "", False, Pending("day_month", month=month, day=day)


def _month_year(g: Grammar, gd: dict, pub: dt.date | None) -> Reading:
    month, _ = first_month(g, gd["my_month"])
    return "month_year", f"{int(gd['my_year']):04d}-{month:02d}", "YYYY-MM", False, None


def _year(g: Grammar, gd: dict, pub: dt.date | None) -> Reading:
    year = int(gd["y_year"])
    if (gd["y_era"] and arabic.fold(gd["y_era"]) in g.hijri_era) or year < 1500:
        year = dates.hijri(year, 6, 1).year  # the Gregorian year holding the middle of that Hijri year
    return "year", f"{year:04d}", "YYYY", False, None


def _bare_year(g: Grammar, gd: dict, pub: dt.date | None) -> Reading:
    return "year", gd["yb"][:4], "YYYY", False, None


def _same(g: Grammar, gd: dict, pub: dt.date | None) -> Reading:
    unit = g.periods[phrase(gd["s_noun"] or gd["s_noun2"])]
    return "same", "", "", False, Pending("same", unit=unit)


def _weekday(g: Grammar, gd: dict, pub: dt.date | None) -> Reading | None:
    key = phrase(gd["w_day"])
    pre = phrase(gd["w_pre"]) if gd["w_pre"] else ""
    shift = g.modifiers.get(phrase(gd["w_mod"])) if gd["w_mod"] else None
    anchor = g.weekday_anchor.get(pre, "none")
    if anchor == "none" and shift is None:  # the tense of its verb decides; «الاثنين» may be "the two"
        return "weekday", "", "", False, Pending("weekday", weekday=g.weekdays[key], clitic=gd["w_clitic"],
                                                 ambiguous=key in g.ambiguous_weekdays and not pre)
    if pub is None:
        return "weekday", "", "", False, None
    day = dates.weekday_date(pub, g.weekdays[key], anchor, shift)
    return "weekday", day.isoformat(), "YYYY-MM-DD", False, None


def _month(g: Grammar, gd: dict, pub: dt.date | None) -> Reading | None:
    month, name = first_month(g, gd["mm_month"])
    shift = g.modifiers.get(phrase(gd["mm_mod"])) if gd["mm_mod"] else None
    if name in g.ambiguous_months and shift is None and \
            not (gd["mm_prep"] or gd["mm_shahr"] or gd["mm_same"] or gd["mm_rmod"]):
        return None
    if gd["mm_same"]:
        return "month", "", "", False, Pending("same", month=month, unit="year")
    if gd["mm_rmod"]:  # «يوليو من العام الماضي»
        if pub is None:
            return "month", "", "", False, None
        return "month", f"{pub.year + g.modifiers[phrase(gd['mm_rmod'])]:04d}-{month:02d}", "YYYY-MM", False, None
    if shift is None:
        return "month", "", "", False, Pending("month", month=month)
    if pub is None:
        return "month", "", "", False, None
    month_date = dates.month_date(pub, month, dates.direction_of(shift))
    return "month", dates.iso(month_date, "YYYY-MM"), "YYYY-MM", False, None


def _period(g: Grammar, gd: dict, pub: dt.date | None) -> Reading:
    unit = g.periods[phrase(gd["p_noun1"] or gd["p_noun"] or gd["p_noun2"])]
    shift = g.modifiers[phrase(gd["p_mod"])] if gd["p_mod"] else 0  # هذا العام, مطلع العام: the current one
    if pub is None:
        return "period", "", "", False, None
    if unit == "week":  # a week has a value when it lies in one month
        month = dates.week_month(pub, shift, context.cues().week_start)
        return ("period", dates.iso(month, "YYYY-MM"), "YYYY-MM", False, None) if month else \
            ("period", "", "", False, None)
    if unit == "year":
        return "period", dates.year_text(pub.year + shift), "YYYY", False, None
    return "period", dates.iso(dates.add_months(pub, shift), "YYYY-MM"), "YYYY-MM", False, None


def _deictic(g: Grammar, gd: dict, pub: dt.date | None) -> Reading:
    if pub is None:
        return "deictic", "", "", False, None
    return "deictic", (pub + dt.timedelta(days=g.deictic[phrase(gd["d"])])).isoformat(), "YYYY-MM-DD", False, None


def _relative(g: Grammar, gd: dict, pub: dt.date | None) -> Reading:
    """منذ/قبل/بعد + a counted unit, from the writing day («قبل عامين», «بعد أسبوع من الآن»). "بعد N U من
    <the last happening of its kind>" dates that happening: publication − N (`_since_the_last`; other counts
    from a happening are no date)."""
    if gd["r_dual"]:
        unit, count = g.units[phrase(gd["r_dual"])]
    elif gd["r_one"]:
        unit, count = g.units[phrase(gd["r_one"])][0], 1
    else:
        unit, count = g.units[phrase(gd["r_unit"])][0], arabic.number_value(gd["r_num"])
    from_event = bool(gd["r_from"]) and not gd["r_now"] and phrase(gd["r_dir"]) in g.event_directions
    if pub is None or not count:
        return "relative", "", "", from_event, None
    sign = -1 if from_event else g.directions[phrase(gd["r_dir"])]
    n = sign * count * int(g.unit_info[unit]["factor"])
    if unit in ("year", "decade"):
        return "relative", dates.year_text(pub.year + n), "YYYY", from_event, None
    if unit == "month":
        return "relative", dates.iso(dates.add_months(pub, n), "YYYY-MM"), "YYYY-MM", from_event, None
    days = n * (7 if unit == "week" else 1)
    return "relative", (pub + dt.timedelta(days=days)).isoformat(), "YYYY-MM-DD", from_event, None


#: The resolver of each family group (grammar.FAMILY_GROUPS).
_RESOLVERS = {"h": _hijri, "n": _numeric, "f": _full, "my": _month_year, "y": _year, "yb": _bare_year,
              "r": _relative, "s": _same, "w": _weekday, "mm": _month, "hm": _hijri_month, "p": _period,
              "d": _deictic}


#: How far before an anchor an expression may start (words, characters): two words before a weekday or a
#: period ("صباح اليوم الأربعاء"), four before a month or «الشهر» ("الخامس والعشرين من شهر يوليو", "الحادي
#: والعشرين من الشهر الجاري"), five before a unit ("منذ ما يقرب من 24 عاما", "بعد خمسة وعشرين عاما").
_BACK_WORDS, _BACK_MONTH_WORDS, _BACK_UNIT_WORDS, _BACK_CHARS = 2, 4, 5, 48
#: A word, its start after the opening brackets and quotes glued to it («(18 أبريل»), also right after a closing
#: quote or bracket («ولد «بشر»عام 1921»), or after a number and a dash («4» in «الفترة 1-4 يونيو»).
_WORD = re.compile(r"(?:(?<![^\s»”)\]])|(?<=\d[-–]))[(\[«\"'“”]*(?=\S)")


def _readings(g: Grammar, view: str, pub: dt.date | None) -> Iterator[tuple[re.Match, Reading]]:
    """Non-overlapping grammar matches that are dates, leftmost first, found from the anchors, with their readings.

    Near each anchor the pattern is tried at the words before it, the furthest first; a match that is no date
    («الأسبوع الأول من»: an ordinal of a noun, not a day) gives way to a later start.
    """
    last_end = 0
    for p, anchor in scan(g.anchors, view):
        if p < last_end:
            continue
        lo = max(last_end, p - _BACK_CHARS)
        unit = anchor.group("unit") is not None
        if unit and not g.direction.search(view, lo, p):
            continue  # a unit only makes a point after منذ/قبل/بعد (a year number is an anchor of its own)
        back = _BACK_UNIT_WORDS if unit else _BACK_MONTH_WORDS if anchor.group("month") else _BACK_WORDS
        starts = [w.end() for w in _WORD.finditer(view, lo, p)][-back:]
        for start in (*starts, p):
            m = g.pattern.match(view, start)
            if m and m.end() > p and (reading := _resolve(g, m, pub)) is not None:
                last_end = m.end()
                yield m, reading
                break


def read_view(view: arabic.FoldedText, pub: dt.date | None, sentences: list[tuple[int, int]] | None = None,
              infer_reference: bool = True, clock: dt.time | None = None) -> tuple[Reference, list[Expression]]:
    """The reference day of a text given as its folded view (`arabic.fold_with_offsets`) and its expressions
    resolved against that day; `pub`: the publication date; `sentences`: the view's sentences
    (`arabic.sentences`), when the caller has them; infer_reference=False: the publication date is the
    reference day, whatever the text says; `clock`: the publication's time of day, when known (`dates.clock`)."""
    g = grammar()
    matches = list(_readings(g, view.text, pub))
    if not matches:
        return Reference(pub, pub, "published"), []
    sentences = arabic.sentences(view.text) if sentences is None else sentences
    quotes = arabic.quotations(view.text)
    ref = reference_day.infer(g, view, matches, pub, sentences, clock, quotes) if infer_reference else \
        Reference(pub, pub, "published")
    if ref.shifted:  # the matches stay, their values count from the article's own day
        matches = [(m, _resolve(g, m, ref.date) or reading) for m, reading in matches]
    article = context.Article(view, sentences)
    matches = [(m, reading) for m, reading in matches if not _later_in_a_past_story(g, m, article)]
    for i, said in (reference_day.statement_days(g, view.text, matches, ref.date, sentences, quotes)
                    if infer_reference else {}).items():  # a quotation counts from the day it was said
        m, reading = matches[i]
        matches[i] = (m, _resolve(g, m, said) or reading)
    found: list[tuple[Expression, Pending | None]] = []
    for m, reading in matches:
        name = family_group(m)
        vs, ve = m.span(name)
        last_end = found[-1][0].view_end if found else 0
        found.extend((_expression(view, s, e, first), first[4])
                     for s, e, first in _range_starts(g, view.text, m, ref.date) if s >= last_end)
        if view.text[vs:vs + 1] == "ل" and view.text[vs - 1:vs] == "ل":
            vs -= 1  # «للعام 2015»: ل + العام written without its alef; the expression is the whole word
        more = f"{name}_more" if name in ("y", "yb") and m.group(f"{name}_more") else None
        if more:
            ve = min(ve, m.start(more))
        found.append((_expression(view, vs, ve, reading), reading[4]))
        if more:
            found.extend((e, None) for e in _more_years(view, m, more))
    settled = context.settle(view, found, ref.date, sentences)
    return ref, (_without_the_day(view.text, settled) if ref.kind == "month" else settled)


def _expression(view: arabic.FoldedText, vs: int, ve: int, reading: Reading) -> Expression:
    """The expression at view[vs:ve] with its reading, spanning the original text."""
    family, value, precision, from_event, _ = reading
    start, end = original_span(view, vs, ve)
    return Expression(start, end, view.original[start:end], value, precision, family, vs, ve, from_event)


#: A date's day in digits, by family: the groups that may hold it (a numeric date: see `_day_group`).
_DAY_DIGITS = {"f": ("f_day", "f_pday"), "h": ("h_day",)}
#: How far before a date a range's first day may stand, in characters («من 12 إلى »).
_RANGE_REACH = 16


def _range_starts(g: Grammar, view: str, m: re.Match, pub: dt.date | None) -> list[tuple[int, int, Reading]]:
    """The days written alone before the date `m`, each joined to the next by a range link, lower than its day:
    the first ends of a range or the first days of a list («4» in «من 4 إلى 6 أغسطس», «17» in «في 17 و25
    ديسمبر», «1» in «من 1 إلى 30/11/1436هـ», «4» and «5» in «يومي 4 و5 و6 أغسطس»). Each is the date `m`
    names with its own day, read as `m` is; (view start, view end, reading) in text order."""
    name, group = _day_group(m)
    if group is None:
        return []
    gd = m.groupdict()
    out: list[tuple[int, int, Reading]] = []
    day, end = int(gd[group]), m.start(name)
    while (first := g.range_start.search(view, max(0, end - _RANGE_REACH), end)) and int(first["day"]) < day:
        try:
            reading = _RESOLVERS[name](g, {**gd, group: first["day"]}, pub)
        except (ValueError, OverflowError):  # «من 30 إلى 31 فبراير»
            reading = None
        if reading is None:
            break
        out.append((*first.span("first"), reading))
        day, end = int(first["day"]), first.start("first")
    return out[::-1]


def _day_group(m: re.Match) -> tuple[str, str | None]:
    """The family of a match and the group holding its day in digits: None for a date whose day is in words or
    that a weekday or a first day («13 أو 20 أيلول») opens, and for the other families."""
    name = family_group(m)
    if name == "n":  # 2015-08-16 or 16/8/2015: the part not of four digits
        return name, "n_c" if len(m.group("n_a")) == 4 else "n_a"
    if name not in _DAY_DIGITS or (name == "f" and (m.group("f_wd") or m.group("f_day0"))):
        return name, None
    return name, next((k for k in _DAY_DIGITS[name] if m.group(k)), None)


def _without_the_day(view: str, found: list[Expression]) -> list[Expression]:
    """The expressions of an article whose reference is only a month (`reference_day`, the month cue) with the
    values that need the writing day left empty: اليوم، أمس، a weekday not followed by its date, «قبل ثلاثة
    أيام»; dates, months, years and counts of months or years keep theirs."""
    out = []
    for i, e in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        dated = e.family == "weekday" and following is not None and following.value == e.value and \
            bool(context.cues().link.fullmatch(view, e.view_end, following.view_start))
        if e.family == "deictic" or (e.family == "weekday" and not dated) or \
                (e.family == "relative" and e.precision == "YYYY-MM-DD"):
            e = replace(e, value="", precision="")
        out.append(e)
    return out


def _more_years(view: arabic.FoldedText, m: re.Match, group: str) -> Iterator[Expression]:
    """The further years of «عامي 2001 و2007», «في 1942 و1983 و2001» (`group` of `m`) as expressions of their own."""
    base = m.start(group)
    for year in _YEAR_DIGITS.finditer(m.group(group)):
        vs, ve = base + year.start(), base + year.end()
        start, end = original_span(view, vs, ve)
        yield Expression(start, end, view.original[start:end], year.group(), "YYYY", "year", vs, ve)


def tag(text: str, published=None, infer_reference: bool = True) -> list[Expression]:
    """Find and resolve the temporal expressions of one (clean) article text.

    Args:
        text: the article text, e.g. "أجرى الرئيس الروسي، اليوم الأربعاء، مباحثات في بيونغ يانغ"
            (the Russian president held talks in Pyongyang today, Wednesday).
        published: the publication date (date, datetime, Timestamp, ISO string) or None/NaT; a value that is
            no calendar date (a negative year) counts as none. Its time of day, when it has one, may tell that
            the text was written the day before (`arnews.timeline.reference`, the clock cue).
    Returns:
        Expressions in text order; e.g. "اليوم الأربعاء" published 2024-06-19 → value "2024-06-19",
        precision "YYYY-MM-DD". Relative expressions count from the article's reference day (`reference`;
        infer_reference=False: from the publication date); without one, they keep an empty value.
    """
    return read_view(arabic.fold_with_offsets(text), dates.as_date(published), infer_reference=infer_reference,
                     clock=dates.clock(published))[1]


def reference(text: str, published=None) -> Reference:
    """The day one (clean) article was written for, the day its relative expressions count from, and why.

    Example: "أعلنت الوزارة مساء أمس، الجمعة، …" (the ministry announced yesterday evening, Friday …) published
    Tuesday 2015-07-21 → Reference(date=2015-07-18 (a Saturday), kind="weekday", cues=(the words «مساء أمس،
    الجمعة»,)); a text without such cues → the publication date, kind "published". See
    `arnews.timeline.reference` for the cues and their precedence.
    """
    return read_view(arabic.fold_with_offsets(text), dates.as_date(published), clock=dates.clock(published))[0]


def reference_date(text: str, published=None) -> dt.date | None:
    """The reference day of one (clean) article (`reference(text, published).date`)."""
    return reference(text, published).date


def expressions(articles: pd.DataFrame) -> pd.DataFrame:
    """Tag every article (clean text, `published`) → DataFrame[doc_id,start,end,text,value,precision]."""
    rows = [(doc, e.start, e.end, e.text, e.value, e.precision)
            for doc, text, pub in zip(articles["doc_id"], articles["text"], articles["published"], strict=True)
            for e in tag(text, pub)]
    return pd.DataFrame(rows, columns=EXPRESSION_COLUMNS)
