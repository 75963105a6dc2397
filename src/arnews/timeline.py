"""Timeline: Arabic temporal expressions resolved to dates, and the dated events of a corpus.

`tag(text, published)` finds the temporal expressions of one clean article text and resolves each
against the article's publication date to an ISO value with its precision (`YYYY`, `YYYY-MM`,
`YYYY-MM-DD`); an expression that cannot be resolved (no publication date, "الأسبوع الماضي", a Hijri
date outside the Umm al-Qura table) keeps an empty value. Families:

* full dates in the three month-name systems, with or without a year or a weekday
  ("الأربعاء 13 أيلول/سبتمبر 2023", "19 يونيو 2024", "3 جوان 2019"), numeric dates ("13/9/2023"),
  month + year ("حزيران 2024"), years ("عام 2000"، "في 2022"، "عامي 2001 و2007");
* months with a modifier or alone ("سبتمبر الماضي", "في يوليو"), weekdays ("اليوم الأربعاء",
  "أمس الثلاثاء", "يوم الأربعاء", "الخميس المقبل"), deictic days ("اليوم", "أمس", "غدا", "بعد غد"),
  periods ("العام الماضي", "هذا العام", "الشهر المقبل");
* counted offsets ("منذ 24 عاما", "قبل عامين", "بعد أربع سنوات من زيارته"), number words and duals
  included; Hijri dates ("26 شوال 1436 هـ") through `hijridate`; Arabic-Indic digits.

Points and durations: an expression is a *point* when it names a date (all the above). A counted
stretch of time without منذ/قبل/بعد ("استمر ساعتين", "نحو 11 ساعة", "يومين") is a *duration*: it is
not a timeline point; `durations(text)` lists durations with an ISO 8601 value (PT2H, P2D).

Resolution against the publication date: "اليوم الأربعاء" is the publication day if it is a Wednesday,
else the latest Wednesday before it; "أمس الثلاثاء" the latest Tuesday before publication; a weekday
alone ("يوم الأحد") the one within three days of publication (news reports the days around it);
"الخميس الماضي/المقبل" the previous/next one strictly before/after; a month without a year ("في يوليو")
the latest such month not after publication, "سبتمبر الماضي" strictly before it; "منذ/قبل 24 عاما"
publication year − 24; "بعد أربع سنوات" publication year + 4, but "بعد أربع سنوات من <happening>" dates
that earlier happening (publication − 4).

Events: `event_mentions` gives each resolved point the nearest event trigger of its sentence
(data/lexicons/event_types.yaml; none further than MAX_TRIGGER_GAP characters) and the people and
places of the entities lexicon around it; an anniversary dates what it commemorates ("احتفلتا العام
الماضي بالذكرى الخامسة والسبعين لإقامة العلاقات" → 1948). `events` groups mentions of the same (date,
type) and people or places across articles, folds a coarser date into the finer event it agrees with
("في سبتمبر" → the summit of 13 September 2023), and labels each event. All word lists live in
data/lexicons/ (months.csv, hijri_months.csv, weekdays.csv, number_words.csv, time_units.csv,
relative_time.yaml, event_types.yaml, entities.csv).

`python -m arnews timeline --corpus PATH --out DIR` writes DIR/expressions.csv
(doc_id,start,end,text,value,precision; offsets into the clean text) and DIR/events.csv
(date,precision,label,label_en,doc_ids,evidence,type,mentions,participants), on every core; the
output does not depend on the number of workers.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from arnews import clean, corpus, files, lexicons, pipeline
from arnews.errors import InputError

CLI_HELP = "tag dated expressions and group dated events; write expressions.csv and events.csv"

EXPRESSION_COLUMNS = ["doc_id", "start", "end", "text", "value", "precision"]
EVENT_COLUMNS = ["date", "precision", "label", "label_en", "doc_ids", "evidence", "type", "mentions", "participants"]
#: People and places kept in the participants column of an event (the most mentioned first).
MAX_PARTICIPANTS = 4

#: Separator between doc ids and between evidence sentences in events.csv.
DOC_SEPARATOR = "|"
EVIDENCE_SEPARATOR = " ‖ "
#: Evidence sentences kept per event (the doc_ids column lists every article).
MAX_EVIDENCE = 5
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
#: A corpus smaller than this is processed in one process (starting workers costs more than it saves).
PARALLEL_MIN_BYTES = 2_000_000

# ---------------------------------------------------------------------------------------------------
# Folding: the tagger matches a length-preserving folded view of the text (alef/hamza variants, ى, ة
# and digits mapped one character to one character) from which diacritics and tatweel are removed;
# an index array maps view offsets back to the clean text.

_MARKS = "\u064b-\u0652\u0670\u0640"
_MARK_RE = re.compile(f"[{_MARKS}]")
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "ؤ",
     **{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)},
     "٫": ".", "٬": ",", "\u00a0": " "}
)
_MARK_CODES = (*range(0x064B, 0x0653), 0x0670, 0x0640)


def _fold_table() -> np.ndarray:
    """Code point → folded code point for U+0000…U+06FF; 0 marks a character the view drops."""
    table = np.arange(0x700, dtype=np.uint32)
    for source, target in _FOLD.items():
        table[source] = ord(target)
    table[list(_MARK_CODES)] = 0
    return table


_FOLD_TABLE = _fold_table()


def fold(text: str) -> str:
    """Fold a word for matching: no diacritics/tatweel, أ إ آ ٱ → ا, ى → ي, ة → ه, Arabic-Indic digits → 0-9.

    Args:
        text: Arabic text, e.g. "غداً" (tomorrow).
    Returns:
        The folded text, e.g. "غدا".
    """
    return _MARK_RE.sub("", text).translate(_FOLD)


@dataclass(frozen=True)
class _View:
    """The folded text the patterns run on, and where each of its characters sits in the clean text."""

    text: str
    index: np.ndarray | None  # None: the view is aligned with the clean text
    length: int = 0  # of the clean text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Clean-text offsets of the view span [start, end); marks right after it (هـ, غداً) belong to it."""
        if self.index is None or start >= end:
            return start, end
        stop = int(self.index[end]) if end < len(self.index) else self.length
        return int(self.index[start]), stop


def _view(text: str) -> _View:
    """The folded view of a text (vectorised: a lookup table over code points, then the marks dropped)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    folded = np.where(codes < 0x700, _FOLD_TABLE[np.minimum(codes, 0x6FF)], codes)
    keep = folded != 0
    if keep.all():
        return _View(folded.tobytes().decode("utf-32-le"), None, len(text))
    return _View(folded[keep].tobytes().decode("utf-32-le"), np.flatnonzero(keep), len(text))


# ---------------------------------------------------------------------------------------------------
# The grammar, compiled once from the lexicons.


def _alt(forms: Iterable[str]) -> str:
    """A regex alternation of folded forms, longest first, inner spaces matching any whitespace."""
    folded = sorted({fold(f).strip() for f in forms if f and f.strip()}, key=lambda f: (-len(f), f))
    return "|".join(r"\s+".join(map(re.escape, f.split())) for f in folded)


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of `words` as a character trie: Python's re then tries one branch per
    character instead of every word at every position (the anchor scan runs over the whole corpus)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return build(root)


def _forms(row: dict, *columns: str) -> list[str]:
    return [f.strip() for c in columns for f in (row.get(c) or "").split("|") if f.strip()]


def _lookup(rows: list[dict], value_column: str, *columns: str) -> dict[str, int]:
    """Folded spelling (inner whitespace as one space) → integer value."""
    return {" ".join(fold(f).split()): int(row[value_column]) for row in rows for f in _forms(row, *columns)}


@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern
    anchors: re.Pattern
    direction: re.Pattern
    durations: re.Pattern
    point_before: re.Pattern  # a direction word (منذ، قبل، بعد) right before a counted unit
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    hijri_months: dict[str, int]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    numbers: dict[str, int]
    units: dict[str, tuple[str, int]]  # folded form → (unit, count implied: 0 = needs a number, 2 = dual)
    unit_info: dict[str, dict]
    deictic: dict[str, int]
    periods: dict[str, str]
    modifiers: dict[str, int]
    directions: dict[str, int]
    weekday_anchor: dict[str, str]
    hijri_era: frozenset[str]


_B = r"(?<![\w])"  # word start
# The scanners start each match at the character before a word (a class, so Python's re skips the
# inside of words in its fast loop, instead of trying every position); `_scan` handles the text start.
_AFTER_BOUNDARY = r"[^\w]"
_E = r"(?![\w])"  # word end
_CLITIC = r"(?:[وف]?[بلك]?)"
_DAY = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_YEAR = r"(?<!\d)(?:1[3-9]\d\d|20\d\d)(?!\d)"


@cache
def grammar() -> _Grammar:
    """Compile the temporal grammar from data/lexicons/ (cached)."""
    months = lexicons.read_csv("months.csv")
    hijri = lexicons.read_csv("hijri_months.csv")
    weekdays = lexicons.read_csv("weekdays.csv")
    numbers = lexicons.read_csv("number_words.csv")
    units = lexicons.read_csv("time_units.csv")
    rel = lexicons.read_yaml("relative_time.yaml")

    month = _alt(f for r in months for f in _forms(r, "canonical", "variants"))
    months2 = rf"(?:{month}){_E}(?:\s*[/(-]\s*(?:{month}){_E}(?:\s*\))?)?+"
    hmonth = _alt(f for r in hijri for f in _forms(r, "canonical", "variants"))
    weekday = _alt(f for r in weekdays for f in _forms(r, "canonical", "variants"))
    cardinal = _alt(f for r in numbers if r["kind"] == "cardinal" for f in _forms(r, "word", "variants"))
    number = rf"(?:\d+|(?:{cardinal}){_E}(?:\s+و?(?:{cardinal}){_E})*)"
    point_units = [u for u in units if u["point"] == "yes"]
    unit_plain = _alt(f for u in point_units for f in _forms(u, "forms"))
    unit_dual = _alt(f for u in point_units for f in _forms(u, "dual_forms"))
    unit_single = _alt(f for u in point_units for f in _forms(u, "singular"))
    all_plain = _alt(f for u in units for f in _forms(u, "forms", "singular"))
    all_dual = _alt(f for u in units for f in _forms(u, "dual_forms"))
    directions = _alt(f for d in rel["directions"] for f in d["forms"])
    approx = _alt(rel["approximators"])
    modifier = _alt(f for m in rel["modifiers"] for f in m["forms"])
    period = _alt(f for p in rel["periods"] for f in p["forms"])
    demonstrative = _alt(rel["demonstratives"])
    deictic = _alt(f for d in rel["deictic_days"] for f in d["forms"])
    not_today = _alt(rel["today_not_followed_by"])
    wprefix = _alt(f for p in rel["weekday_prefixes"] for f in p["forms"])
    year_word = _alt(rel["year_words"])
    year_prep = _alt(rel["year_prepositions"])
    month_prep = _alt(rel["month_prepositions"])
    gera = _alt(rel["gregorian_era"])
    hera = _alt(rel["hijri_era"])
    era = rf"(?:\s*(?:{hera}|{gera}){_E})?"
    of = rf"(?:(?:{_alt(rel['of_words'])})\s+)?"  # 26 من شوال
    shahr = rf"(?:(?:{_alt(rel['month_words'])})\s+)"  # شهر يوليو
    year_of = rf"{of}(?:(?:{_alt(rel['date_year_words'])})\s+)?"  # يوليو من عام 2019
    # Python's look-behind needs a fixed width: one per word
    not_today_name = "".join(rf"(?<!{re.escape(fold(w))}\s)" for w in rel["today_not_preceded_by"])
    # without its article, so that للمدير (ل + المدير) is caught as well as المدير
    not_name = "".join(rf"(?<!{re.escape(fold(w))}\s)" for w in rel["weekday_not_preceded_by"])
    not_general = "".join(rf"(?<!{re.escape(re.sub('^ال', '', fold(w)))}\s)" for w in rel["period_not_preceded_by"])
    any_month = f"{month}|{hmonth}"

    families = [
        # 26 شوال 1436 هـ ; رمضان 1445 هـ
        rf"(?P<h>(?P<h_day>{_DAY})\s*{of}{shahr}?(?P<h_month>{hmonth}){_E}\s*{year_of}"
        rf"(?P<h_year>1[34]\d\d)(?!\d)(?:\s*(?:{hera}){_E})?"
        rf"|(?P<h_month2>{hmonth}){_E}\s+{year_of}(?P<h_year2>1[34]\d\d)\s*(?:{hera}){_E})",
        # 13/9/2023 ; 2023-09-13 ; 26/10/1436هـ
        rf"(?<![\d/.-])(?P<n>(?P<n_a>\d{{1,4}})(?P<n_sep>[/.-])(?P<n_b>\d{{1,2}})(?P=n_sep)(?P<n_c>\d{{1,4}})"
        rf"(?![\d/-])(?!\.\d)(?:\s*(?P<n_era>{hera}|{gera}){_E})?)",
        # (الأربعاء) 19 يونيو (2024)
        rf"(?P<f>(?:(?P<f_wd>{weekday}){_E}\s*[،,]?\s*)?(?P<f_day>{_DAY})\s*{of}{shahr}?"
        rf"(?P<f_month>{months2})(?:\s*[.,،]?\s*{year_of}(?P<f_year>{_YEAR}){era})?)",
        # حزيران/يونيو 2024
        rf"{_B}{_CLITIC}(?P<my>{shahr}?(?P<my_month>{months2})\s*[,،]?\s*{year_of}"
        rf"(?P<my_year>{_YEAR}){era})",
        # عام 2000 ; العام 1949 ; عامي 2001 و2007
        rf"{_B}{_CLITIC}(?P<y>(?:{year_word})\s+(?P<y_year>{_YEAR})(?P<y_more>(?:\s*(?:و|،|,)\s*(?:{_YEAR}))*)"
        rf"(?:\s*(?P<y_era>{hera}|{gera}){_E})?)",
        # في 2022 (a bare year needs a preposition and 19xx/20xx)
        rf"{_B}[وف]?(?:{year_prep})\s+(?P<yb>(?:19|20)\d\d(?!\d)(?:\s*(?:{gera}){_E})?)",
        # منذ 24 عاما ; قبل عامين ; بعد أربع سنوات من
        rf"{_B}[وف]?(?P<r>(?P<r_dir>{directions})\s+(?:(?:{approx})\s+)?"
        rf"(?:(?P<r_num>{number})\s*(?P<r_unit>{unit_plain})|(?P<r_dual>{unit_dual})"
        rf"|(?P<r_one>{unit_single})(?!\s*\d)(?!\s+(?:{any_month}){_E}))"
        rf"{_E}(?P<r_from>\s+من{_E})?)",
        # اليوم الأربعاء ; أمس (الثلاثاء) ; يوم الأربعاء ; الخميس المقبل
        rf"{_B}{not_name}{_CLITIC}(?P<w>(?:(?P<w_pre>{wprefix})\s*[(«]?\s*)?(?P<w_day>{weekday}){_E}(?:\s*[)»])?"
        rf"(?:\s+(?P<w_mod>{modifier}){_E})?)",
        # سبتمبر الماضي ; في يوليو
        rf"{_B}(?:(?P<mm_prep>[وف]?(?:{month_prep}))\s+|{_CLITIC})(?P<mm>(?P<mm_shahr>{shahr})?(?P<mm_month>{months2})"
        rf"(?![\s,،)]*{year_of}\d)(?:\s+(?P<mm_mod>{modifier}){_E})?)",
        # العام الماضي ; هذا العام ; الشهر المقبل
        rf"{_B}{_CLITIC}(?P<p>(?P<p_dem>{demonstrative})\s+(?P<p_noun1>{period}){_E}"
        rf"|{not_general}(?P<p_noun>{period})\s+(?P<p_mod>{modifier}){_E})",
        # اليوم ; أمس ; غدا ; بعد غد
        rf"{_B}{not_today_name}{_CLITIC}(?P<d>{deictic}){_E}(?!\s+(?:{not_today}){_E})",
    ]
    pattern = re.compile("|".join(f"(?:{f})" for f in families))
    # every expression holds one of these: a year, a numeric date, a month, a weekday, a deictic word,
    # a period noun or a unit; the full grammar is only tried at the few word starts before an anchor
    keys = {fold(f).split()[0] for f in (
        *(f for r in months for f in _forms(r, "canonical", "variants")),
        *(f for r in weekdays for f in _forms(r, "canonical", "variants")),
        *(w for d in rel["deictic_days"] for f in d["forms"] for w in f.split()[-1:]),
        *(f for p in rel["periods"] for f in p["forms"]))}
    unit_keys = {fold(f) for u in point_units for f in _forms(u, "singular", "forms", "dual_forms")}
    anchors = re.compile(_AFTER_BOUNDARY + r"[وفبلك]{0,2}(?:(?:1[3-9]|20)\d\d(?!\d)|\d{1,4}[/.-]\d|(?:"
                         + _trie(keys - unit_keys) + "|(?P<unit>" + _trie(unit_keys) + r"))(?![\w]))")
    durations = re.compile(
        rf"{_B}(?:(?P<approx>{approx})\s+)?(?:(?P<num>\d+(?:[.,]\d+)?|{number})\s*(?P<unit>{all_plain})|(?P<dual>{all_dual})){_E}"
    )

    unit_map: dict[str, tuple[str, int]] = {}
    for u in units:
        for f in _forms(u, "forms", "singular"):
            unit_map[fold(f)] = (u["unit"], 0)
        for f in _forms(u, "dual_forms"):
            unit_map[fold(f)] = (u["unit"], 2)
    number_map = _lookup(numbers, "value", "word", "variants")
    return _Grammar(
        pattern=pattern,
        anchors=anchors,
        point_before=re.compile(rf"(?:{directions})\s+$"),
        direction=re.compile(rf"{_B}[وف]?(?:{directions}){_E}"),
        durations=durations,
        months=_lookup(months, "month", "canonical", "variants"),
        ambiguous_months=frozenset(fold(f) for r in months if r["ambiguous"] == "yes"
                                   for f in _forms(r, "canonical", "variants")),
        hijri_months=_lookup(hijri, "month", "canonical", "variants"),
        weekdays=_lookup(weekdays, "weekday", "canonical", "variants"),
        ambiguous_weekdays=frozenset(fold(f) for r in weekdays if r["ambiguous"] == "yes"
                                     for f in _forms(r, "canonical", "variants")),
        numbers=number_map,
        units=unit_map,
        unit_info={u["unit"]: u for u in units},
        deictic={" ".join(fold(f).split()): int(d["offset"]) for d in rel["deictic_days"] for f in d["forms"]},
        periods={fold(f): p["unit"] for p in rel["periods"] for f in p["forms"]},
        modifiers={fold(f): int(m["shift"]) for m in rel["modifiers"] for f in m["forms"]},
        directions={fold(f): int(d["sign"]) for d in rel["directions"] for f in d["forms"]},
        weekday_anchor={" ".join(fold(f).split()): p["anchor"] for p in rel["weekday_prefixes"] for f in p["forms"]},
        hijri_era=frozenset(fold(f) for f in rel["hijri_era"]),
    )


# ---------------------------------------------------------------------------------------------------
# Resolution helpers: tiny pure functions over datetime.date.


def _key(text: str) -> str:
    return " ".join(text.split())


def number_value(text: str, numbers: dict[str, int] | None = None) -> int | None:
    """The integer a number phrase stands for: digits or number words summed ("خمسة وعشرين" → 25).

    Args:
        text: folded number phrase, e.g. "الخامسه والسبعين" (seventy-fifth) or "24".
        numbers: folded word → value (defaults to data/lexicons/number_words.csv).
    Returns:
        The value, or None when a word is not a number word.
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    numbers = grammar().numbers if numbers is None else numbers
    total = 0
    for word in text.split():
        word = word[1:] if word.startswith("و") and word[1:] in numbers else word
        if word not in numbers:
            return None
        total += numbers[word]
    return total or None


def _year(year: int) -> str:
    """A year as ISO YYYY; ValueError outside 1…9999 (منذ 3200 عام has no ISO 8601 year of four digits)."""
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} out of range")
    return f"{year:04d}"


def _iso(day: dt.date, precision: str) -> str:
    return {"YYYY": f"{day.year:04d}", "YYYY-MM": f"{day.year:04d}-{day.month:02d}"}.get(precision, day.isoformat())


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _recent_month(pub: dt.date, month: int, shift: int | None) -> dt.date:
    """The month named, seen from publication: last (-1), next (+1), current (0), else the latest not after it."""
    if shift == 0:
        return dt.date(pub.year, pub.month, 1)
    if shift == 1:
        year = pub.year if month > pub.month else pub.year + 1
    elif shift == -1:
        year = pub.year if month < pub.month else pub.year - 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return dt.date(year, month, 1)


def _weekday_date(pub: dt.date, weekday: int, anchor: str, shift: int | None) -> dt.date:
    """Resolve a weekday against the publication date.

    today ("اليوم الأربعاء"): the publication day if it is that weekday, else the latest one before it;
    yesterday ("أمس الثلاثاء"): the latest such day before publication; a modifier: the previous (-1) or
    next (+1) one strictly before/after publication; alone ("يوم الأربعاء"): the one within three days of
    publication (news reports the days around it: "وصل في وقت متأخر من يوم الثلاثاء", "صباح الأربعاء").
    """
    back = (pub.weekday() - weekday) % 7
    if anchor == "today":
        return pub - dt.timedelta(days=back)
    if anchor == "yesterday" or shift == -1:
        return pub - dt.timedelta(days=back or 7)
    if shift == 1:
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    return pub - dt.timedelta(days=back) if back <= 3 else pub + dt.timedelta(days=7 - back)


def _day_month(pub: dt.date, day: int, month: int) -> dt.date:
    """A day and month without a year: the latest such date not after publication."""
    candidate = dt.date(pub.year, month, day)
    return candidate if candidate <= pub else dt.date(pub.year - 1, month, day)


def _hijri(year: int, month: int, day: int) -> dt.date:
    from hijridate import Hijri

    return Hijri(year, month, day).to_gregorian()



# ---------------------------------------------------------------------------------------------------
# The tagger.


@dataclass(frozen=True)
class Expression:
    """One temporal expression. start/end: offsets into the clean text; value: ISO date or "" (unresolved).

    family: full, numeric, hijri, month_year, year, relative, weekday, month, period, deictic.
    relative_to_event: True for "بعد أربع سنوات من <event>": the value dates that earlier event.
    """

    start: int
    end: int
    text: str
    value: str
    precision: str
    family: str
    view_start: int = field(default=0, compare=False)
    view_end: int = field(default=0, compare=False)
    relative_to_event: bool = False


def _first_month(g: _Grammar, text: str) -> tuple[int, str]:
    """The month number of a "حزيران/يونيو"-style group (first name wins) and its folded first name."""
    name = re.split(r"\s*[/(-]\s*", text.strip())[0]
    key = _key(name)
    return g.months.get(key, 0), key


def _resolve(g: _Grammar, m: re.Match, pub: dt.date | None) -> tuple[str, str, str, bool] | None:
    """(family, value, precision, relative_to_event) for a match; None when the match is not a date."""
    gd = m.groupdict()
    try:
        return _resolve_groups(g, gd, m, pub)
    except (ValueError, OverflowError):  # 31 June, a Hijri year outside the table …
        family = next(k for k in ("h", "n", "f", "my", "y", "yb", "r", "w", "mm", "p", "d") if gd.get(k) is not None)
        return (_FAMILY_NAMES[family], "", "", False)


_FAMILY_NAMES = {"h": "hijri", "n": "numeric", "f": "full", "my": "month_year", "y": "year", "yb": "year",
                 "r": "relative", "w": "weekday", "mm": "month", "p": "period", "d": "deictic"}


def _resolve_groups(g: _Grammar, gd: dict, m: re.Match, pub: dt.date | None):  # noqa: C901 - one branch per family
    if gd["h"] is not None:
        if gd["h_day"]:
            day = _hijri(int(gd["h_year"]), g.hijri_months[_key(gd["h_month"])], int(gd["h_day"]))
            return "hijri", day.isoformat(), "YYYY-MM-DD", False
        day = _hijri(int(gd["h_year2"]), g.hijri_months[_key(gd["h_month2"])], 15)
        return "hijri", _iso(day, "YYYY-MM"), "YYYY-MM", False
    if gd["n"] is not None:
        a, b, c = int(gd["n_a"]), int(gd["n_b"]), int(gd["n_c"])
        year, month, day = (a, b, c) if len(gd["n_a"]) == 4 else (c, b, a) if len(gd["n_c"]) == 4 else (0, 0, 0)
        if not year:
            return None
        hijri = 1300 <= year < 1500 or (gd["n_era"] and fold(gd["n_era"]) in g.hijri_era)
        if not hijri and not 1800 <= year <= 2100:
            return None
        date = _hijri(year, month, day) if hijri else dt.date(year, month, day)
        return ("hijri" if hijri else "numeric"), date.isoformat(), "YYYY-MM-DD", False
    if gd["f"] is not None:
        month, _ = _first_month(g, gd["f_month"])
        day = int(gd["f_day"])
        if gd["f_year"]:
            return "full", dt.date(int(gd["f_year"]), month, day).isoformat(), "YYYY-MM-DD", False
        if pub is None:
            return "full", "", "", False
        return "full", _day_month(pub, day, month).isoformat(), "YYYY-MM-DD", False
    if gd["my"] is not None:
        month, _ = _first_month(g, gd["my_month"])
        return "month_year", f"{int(gd['my_year']):04d}-{month:02d}", "YYYY-MM", False
    if gd["y"] is not None:
        year = int(gd["y_year"])
        if (gd["y_era"] and fold(gd["y_era"]) in g.hijri_era) or year < 1500:
            year = _hijri(year, 6, 1).year  # the Gregorian year holding the middle of that Hijri year
        return "year", f"{year:04d}", "YYYY", False
    if gd["yb"] is not None:
        return "year", gd["yb"][:4], "YYYY", False
    if gd["r"] is not None:
        return _resolve_relative(g, gd, pub)
    if gd["w"] is not None:
        weekday_key = _key(gd["w_day"])
        pre = _key(gd["w_pre"]) if gd["w_pre"] else ""
        shift = g.modifiers.get(_key(gd["w_mod"])) if gd["w_mod"] else None
        if weekday_key in g.ambiguous_weekdays and not pre and shift is None:
            return None
        if pub is None:
            return "weekday", "", "", False
        anchor = g.weekday_anchor.get(pre, "none")
        return "weekday", _weekday_date(pub, g.weekdays[weekday_key], anchor, shift).isoformat(), "YYYY-MM-DD", False
    if gd["mm"] is not None:
        month, name = _first_month(g, gd["mm_month"])
        shift = g.modifiers.get(_key(gd["mm_mod"])) if gd["mm_mod"] else None
        if name in g.ambiguous_months and shift is None and not gd["mm_prep"] and not gd["mm_shahr"]:
            return None
        if pub is None:
            return "month", "", "", False
        return "month", _iso(_recent_month(pub, month, shift), "YYYY-MM"), "YYYY-MM", False
    if gd["p"] is not None:
        unit = g.periods[_key(gd["p_noun1"] or gd["p_noun"])]
        shift = 0 if gd["p_dem"] else g.modifiers[_key(gd["p_mod"])]
        if pub is None or unit == "week":  # a week has no ISO value of the three precisions
            return "period", "", "", False
        if unit == "year":
            return "period", _year(pub.year + shift), "YYYY", False
        return "period", _iso(_add_months(pub, shift), "YYYY-MM"), "YYYY-MM", False
    if gd["d"] is not None:
        if pub is None:
            return "deictic", "", "", False
        return "deictic", (pub + dt.timedelta(days=g.deictic[_key(gd["d"])])).isoformat(), "YYYY-MM-DD", False
    return None


def _resolve_relative(g: _Grammar, gd: dict, pub: dt.date | None):
    """منذ/قبل/بعد + a counted unit. "بعد N U من <event>" dates the earlier event: publication − N."""
    if gd["r_dual"]:
        unit, count = g.units[_key(gd["r_dual"])]
    elif gd["r_one"]:
        unit, count = g.units[_key(gd["r_one"])][0], 1
    else:
        unit, count = g.units[_key(gd["r_unit"])][0], number_value(gd["r_num"], g.numbers)
    from_event = bool(gd["r_from"])
    if pub is None or not count:
        return "relative", "", "", from_event
    sign = -1 if from_event else g.directions[_key(gd["r_dir"])]
    n = sign * count * int(g.unit_info[unit]["factor"])
    if unit in ("year", "decade"):
        return "relative", _year(pub.year + n), "YYYY", from_event
    if unit == "month":
        return "relative", _iso(_add_months(pub, n), "YYYY-MM"), "YYYY-MM", from_event
    days = n * (7 if unit == "week" else 1)
    return "relative", (pub + dt.timedelta(days=days)).isoformat(), "YYYY-MM-DD", from_event


_SPAN_GROUPS = ("h", "n", "f", "my", "y", "yb", "r", "w", "mm", "p", "d")


def _as_date(published) -> dt.date | None:
    if published is None or published is pd.NaT:
        return None
    try:
        if pd.isna(published):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(published).date()


#: How far before an anchor an expression may start (words, characters): two words before a month or a
#: weekday ("صباح اليوم الأربعاء"), five before a unit ("منذ ما يقرب من 24 عاما", "بعد خمسة وعشرين عاما").
_BACK_WORDS, _BACK_UNIT_WORDS, _BACK_CHARS = 2, 5, 48
_WORD = re.compile(r"\S+")


def _scan(pattern: re.Pattern, view: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, re.Match]]:
    """(word start, match) where `pattern` (which begins with `_AFTER_BOUNDARY`) matches a word of view[start:end]."""
    end = len(view) if end is None else end
    if start == 0 and end > 0:
        # the text's first word has no character before it: look at it through a space
        m = pattern.match(" " + view[:min(end, 64)])
        if m:
            yield 0, m
    for m in pattern.finditer(view, max(0, start - 1), end):
        yield m.start() + 1, m


def _matches(g: _Grammar, view: str) -> Iterator[re.Match]:
    """Non-overlapping grammar matches, leftmost first (what finditer gives), found from the anchors."""
    last_end = 0
    for p, anchor in _scan(g.anchors, view):
        if p < last_end:
            continue
        lo = max(last_end, p - _BACK_CHARS)
        unit = anchor.group("unit") is not None
        if unit and not g.direction.search(view, lo, p):
            continue  # a unit only makes a point after منذ/قبل/بعد (a year number is an anchor of its own)
        starts = [w.start() for w in _WORD.finditer(view, lo, p)][-(_BACK_UNIT_WORDS if unit else _BACK_WORDS):]
        if lo > 0 and starts and starts[0] == lo and not view[lo - 1].isspace():
            starts = starts[1:]  # lo cut a word in two
        for start in (*starts, p):
            m = g.pattern.match(view, start)
            if m and m.end() > p:
                last_end = m.end()
                yield m
                break


def _tag_view(text: str, view: _View, pub: dt.date | None) -> list[Expression]:
    g = grammar()
    found = []
    for m in _matches(g, view.text):
        resolved = _resolve(g, m, pub)
        if resolved is None:
            continue
        family, value, precision, from_event = resolved
        name = next(k for k in _SPAN_GROUPS if m.group(k) is not None)
        vs, ve = m.span(name)
        if name == "y" and m.group("y_more"):
            ve = m.start("y_more")
        start, end = view.span(vs, ve)
        found.append(Expression(start, end, text[start:end], value, precision, family, vs, ve, from_event))
        if name == "y" and m.group("y_more"):
            found.extend(_more_years(text, view, m))
    return found


def _more_years(text: str, view: _View, m: re.Match) -> Iterator[Expression]:
    """The further years of "عامي 2001 و2007" as expressions of their own."""
    base = m.start("y_more")
    for year in re.finditer(r"\d{4}", m.group("y_more")):
        vs, ve = base + year.start(), base + year.end()
        start, end = view.span(vs, ve)
        yield Expression(start, end, text[start:end], year.group(), "YYYY", "year", vs, ve)


def tag(text: str, published=None) -> list[Expression]:
    """Find and resolve the temporal expressions of one (clean) article text.

    Args:
        text: the article text, e.g. "أجرى الرئيس الروسي، اليوم الأربعاء، مباحثات في بيونغ يانغ"
            (the Russian president held talks in Pyongyang today, Wednesday).
        published: the publication date (date, datetime, Timestamp, ISO string) or None/NaT.
    Returns:
        Expressions in text order; e.g. "اليوم الأربعاء" published 2024-06-19 → value "2024-06-19",
        precision "YYYY-MM-DD". Without a publication date, relative expressions keep an empty value.
    """
    return _tag_view(text, _view(text), _as_date(published))


def expressions(articles: pd.DataFrame) -> pd.DataFrame:
    """Tag every article (clean text, `published`) → DataFrame[doc_id,start,end,text,value,precision]."""
    rows = [(doc, e.start, e.end, e.text, e.value, e.precision)
            for doc, text, pub in zip(articles["doc_id"], articles["text"], articles["published"], strict=True)
            for e in tag(text, pub)]
    return pd.DataFrame(rows, columns=EXPRESSION_COLUMNS)


# ---------------------------------------------------------------------------------------------------
# Durations.


@dataclass(frozen=True)
class Duration:
    """A counted stretch of time ("نحو 11 ساعة", "ساعتين"); value is ISO 8601 (PT11H, P2D)."""

    start: int
    end: int
    text: str
    value: str
    hours: float
    approximate: bool


_HOURS = {"year": 365.25 * 24, "decade": 3652.5 * 24, "month": 30.44 * 24, "week": 168, "day": 24, "hour": 1,
          "minute": 1 / 60}


def _durations_view(text: str, view: _View, start: int = 0, end: int | None = None) -> list[tuple[int, int, Duration]]:
    g = grammar()
    found = []
    for m in g.durations.finditer(view.text, start, len(view.text) if end is None else end):
        if m.group("dual"):
            unit, count = g.units[_key(m.group("dual"))]
        else:
            unit = g.units[_key(m.group("unit"))][0]
            raw = m.group("num").replace(",", ".")
            count = float(raw) if re.fullmatch(r"\d+(?:\.\d+)?", raw) else number_value(raw, g.numbers)
        if not count:
            continue
        # "منذ 24 عاما" is a point in time, not a stretch; hours after بعد ("بعد نحو 11 ساعة من") stay durations
        if g.unit_info[unit]["point"] == "yes" and g.point_before.search(view.text[max(0, m.start() - 12):m.start()]):
            continue
        amount = count * int(g.unit_info[unit]["factor"])
        amount_text = f"{amount:g}"
        value = g.unit_info[unit]["iso"].replace("{n}", amount_text)
        start, end = view.span(*m.span())
        found.append((m.start(), m.end(), Duration(start, end, text[start:end], value,
                                                   round(amount * _HOURS[unit] / int(g.unit_info[unit]["factor"]), 2),
                                                   bool(m.group("approx")))))
    return found


def durations(text: str) -> list[Duration]:
    """Durations in a text: "استمر ساعتين" (lasted two hours) → Duration(value="PT2H", hours=2.0).

    Args:
        text: article text.
    Returns:
        Durations in text order; "منذ 24 عاما" and other منذ/قبل/بعد points are left to `tag`.
    """
    return [d for _, _, d in _durations_view(text, _view(text))]


# ---------------------------------------------------------------------------------------------------
# Sentences, entities and event triggers.

_SENTENCE_END = re.compile(r"[.!?؟\n]+")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: text between . ! ? ؟ and line breaks (a dot between two digits, 3.5, ends none)."""
    bounds = [0]
    for m in _SENTENCE_END.finditer(text):
        s, e = m.span()
        if e - s == 1 and text[s] == "." and 0 < s and e < len(text) and text[s - 1].isdigit() and text[e].isdigit():
            continue
        bounds += (s, e)
    bounds.append(len(text))
    return [(s, e) for s, e in zip(bounds[::2], bounds[1::2], strict=True) if e > s]


@dataclass(frozen=True)
class _EventType:
    type: str
    trigger: re.Pattern
    requires: re.Pattern | None
    priority: bool
    near: int
    derive: str
    label: str
    label_en: str
    persons: int


@dataclass(frozen=True)
class _EventGrammar:
    types: tuple[_EventType, ...]
    triggers: re.Pattern  # one group per type, t0, t1 …
    stems: re.Pattern  # where a trigger may start (its clitics and stem), a fast first pass
    entities: re.Pattern
    entity_of: dict[str, lexicons.Entity]
    heads: dict[str, str]
    objects: dict[str, str]
    ordinal: re.Pattern
    locative_before: re.Pattern  # a locative preposition up to two words before a place
    place_heads: frozenset[str]  # a person's name after these names a place (ميدان كيم إيل سونغ)
    place_types: frozenset[str]  # entity types that are places (country, place …), not organisations
    short: re.Pattern | None  # first words of multi-word person names ("كيم")
    short_of: dict[str, list[lexicons.Entity]]
    stop_words: frozenset[str]  # end the phrase an anniversary commemorates


@cache
def event_grammar() -> _EventGrammar:
    """Compile event triggers (event_types.yaml) and entity spellings (entities.csv), cached."""
    data = lexicons.read_yaml("event_types.yaml")
    prefix = r"\b(?:[وف]?(?:لل|[بلك]?(?:ال)?))"
    types = tuple(
        _EventType(
            type=t["type"],
            trigger=re.compile("(?:" + "|".join(t["triggers"]) + ")"),
            requires=re.compile(t["requires"]) if t.get("requires") else None,
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
    triggers = re.compile(prefix + "(?:" + "|".join(f"(?P<t{i}>{t.trigger.pattern})" for i, t in enumerate(types))
                          + r")(?![\w])")
    stem_of = re.compile(r"[^\\\[\]()?*+{}|.]+")
    stems = re.compile(_AFTER_BOUNDARY + r"(?:[وف]?(?:لل|[بلك]?(?:ال)?))"
                       + _trie({stem_of.match(p).group() for t in data["types"] for p in t["triggers"]}))
    entity_of = {}
    for entity in lexicons.entities():
        for spelling in entity.spellings:
            entity_of.setdefault(_key(fold(spelling)), entity)
    for name, entity in list(entity_of.items()):
        if name.startswith("ال"):
            entity_of.setdefault("لل" + name[2:], entity)  # ل + العراق is written للعراق
    names = _trie(entity_of)
    # a missing space before في/و ("لكوريا الشماليةفي يوليو") still ends the name
    entities = re.compile(rf"{_AFTER_BOUNDARY}(?P<clitic>[وف]?[بلك]?(?:ال)?)(?P<name>{names})(?:(?![\w])|(?=في|و))")
    # the first word of a person's multi-word name ("كيم" for كيم جونغ أون): resolved in the article (see _entities)
    short_of: dict[str, list[lexicons.Entity]] = defaultdict(list)
    for entity in lexicons.entities():
        first = fold(entity.canonical).split()
        if entity.type == "person" and len(first) > 1 and first[0] not in entity_of:
            short_of[first[0]].append(entity)
    short = re.compile(rf"{_AFTER_BOUNDARY}(?P<clitic>[وف]?[بلك]?)(?P<name>{_trie(short_of)})(?![\w])") \
        if short_of else None
    g = grammar()
    ordinals = _alt(k for k in g.numbers)
    # "الخامسة والسبعين لإقامة العلاقات": the ordinal (words or digits, "الـ75") then ل + what is commemorated
    word = r"[^\s،,.؛:]+"
    ordinal = re.compile(rf"\s*(?:ال)?(?P<num>\d+|(?:{ordinals})(?:\s+و?(?:{ordinals}))*)(?![\w])\s+"
                         rf"(?:[وف]?ل)(?P<object>{word}(?:\s+{word}){{0,2}})")
    locative_before = re.compile(rf"(?<![\w])[وف]?(?:{_alt(data['locative_prepositions'])})\s+(?:\S+\s+){{0,2}}\W*$")
    return _EventGrammar(types, triggers, stems, entities, entity_of, data.get("anniversary_heads", {}),
                         data.get("anniversary_objects", {}), ordinal, locative_before,
                         frozenset(re.sub("^ال", "", fold(w)) for w in data["place_name_heads"]),
                         frozenset(data["place_types"]), short, dict(short_of),
                         frozenset(fold(w) for w in data["anniversary_stop_words"]))


@dataclass(frozen=True)
class _Trigger:
    start: int
    end: int
    kind: int  # index into event_grammar().types


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


def _triggers(view: str, start: int = 0, end: int | None = None) -> list[_Trigger]:
    """Event triggers of view[start:end] in text order; a trigger right after another is its complement
    and is dropped ("حفل استقبال" is a ceremony, not an arrival)."""
    eg = event_grammar()
    found: list[_Trigger] = []
    end = len(view) if end is None else end
    for word, _ in _scan(eg.stems, view, start, end):
        m = eg.triggers.match(view, word, end)
        if m is None or (found and m.start() - found[-1].end <= 1) or (found and m.start() < found[-1].end):
            continue
        found.append(_Trigger(m.start(), m.end(), int(m.lastgroup[1:])))
    return found




@dataclass(frozen=True)
class _Place:
    start: int
    end: int
    entity: lexicons.Entity
    locative: bool  # introduced by في / إلى / ب: where something happens (not "with the US")
    dative: bool  # attached ل: a place after a trigger ("زيارة لكوريا"), not elsewhere ("إهانة للولايات المتحدة")


_CLITICS_AND_ARTICLE = re.compile("^(?:[وفبل]|ال)+")


def _entities(view: str, begin: int = 0, end: int | None = None) -> list[_Place]:
    eg = event_grammar()
    found = []
    for start, m in _scan(eg.entities, view, begin, end):
        clitic = m.group("clitic") + ("ل" if m.group("name").startswith("لل") else "")
        entity = eg.entity_of[_key(m.group("name"))]
        if entity.type == "person" and _names_a_place(view, start):
            continue  # "ميدان كيم إيل سونغ" is a square
        locative = "ب" in clitic or bool(eg.locative_before.search(view[max(0, start - 40):start]))
        dative = "ل" in clitic.replace("ال", "")
        shift = start - m.start("clitic")  # the match may come from the text seen through a leading space
        found.append(_Place(m.start("name") + shift, m.end("name") + shift, entity, locative, dative))
    return found + _short_names(view, begin, end, found)


def _names_a_place(view: str, start: int) -> bool:
    """Whether the name at `start` follows a place-name head ("ميدان كيم إيل سونغ" is a square)."""
    before = view[max(0, start - 16):start].split()
    return bool(before) and _CLITICS_AND_ARTICLE.sub("", before[-1]) in event_grammar().place_heads


def _last_mention(view: str, spelling: str, before: int) -> int:
    """Where `spelling` last names the person before `before` (-1: never; square and airport names skipped)."""
    position = view.rfind(spelling, 0, before)
    while position >= 0 and _names_a_place(view, position):
        position = view.rfind(spelling, 0, position)
    return position


def _short_names(view: str, begin: int, end: int | None, full: list[_Place]) -> list[_Place]:
    """People named by the first word of their name ("عن كيم قوله"): the person of that name mentioned in
    full most recently before, in the same article ("كيم جونج أون" in the lead); none if no such mention."""
    eg = event_grammar()
    if eg.short is None:
        return []
    found = []
    for start, m in _scan(eg.short, view, begin, end):
        shift = start - m.start("clitic")
        s, e = m.start("name") + shift, m.end("name") + shift
        if any(p.start <= s < p.end for p in full):
            continue
        last_seen = {entity: max(_last_mention(view, _key(fold(spelling)), s) for spelling in entity.spellings)
                     for entity in eg.short_of[_key(m.group("name"))]}
        entity, position = max(last_seen.items(), key=lambda kv: kv[1])
        if position >= 0:
            found.append(_Place(s, e, entity, False, False))
    return found


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _choose_trigger(expr: Expression, candidates: list[_Trigger], sentence_text: str,
                    rivals: list[Expression] = (), max_gap: int | None = MAX_TRIGGER_GAP) -> _Trigger | None:
    """The trigger an expression dates.

    After "بعد أربع سنوات من" the event that follows; else a priority type (anniversary) close by; else the
    nearest trigger among those no other expression of the sentence (`rivals`) is nearer to.
    """
    eg = event_grammar()
    usable = [t for t in candidates
              if eg.types[t.kind].requires is None or eg.types[t.kind].requires.search(sentence_text)]
    if not usable:
        return None
    span = (expr.view_start, expr.view_end)
    if expr.relative_to_event:
        after = [t for t in usable if 0 <= t.start - expr.view_end <= 3]
        if after:
            return after[0]
    close = [t for t in usable if eg.types[t.kind].priority and _gap(span, (t.start, t.end)) <= eg.types[t.kind].near]
    if close:
        return min(close, key=lambda t: (_gap(span, (t.start, t.end)), t.start))
    gaps = {t: _gap(span, (t.start, t.end)) for t in usable}
    pool = [t for t in usable if not eg.types[t.kind].derive and (max_gap is None or gaps[t] <= max_gap)
            and all(gaps[t] <= _claim(r, t) for r in rivals)]
    return min(pool, key=lambda t: (gaps[t], t.start)) if pool else None


def _claim(rival: Expression, trigger: _Trigger) -> int:
    """How strongly another expression claims a trigger (its distance; "… من" expressions claim only what follows)."""
    if rival.relative_to_event:
        return 0 if 0 <= trigger.start - rival.view_end <= 3 else 1 << 30
    return _gap((rival.view_start, rival.view_end), (trigger.start, trigger.end))


def _fill(template: str, persons: str, place: str) -> str:
    """Fill a label template; a [bracketed part] whose slot is empty disappears."""
    values = {"persons": persons, "place": place}

    def part(m: re.Match) -> str:
        slot = re.search(r"\{(\w+)\}", m.group(1))
        return "" if slot and not values.get(slot.group(1)) else m.group(1)

    text = re.sub(r"\[([^\]]*)\]", part, template)
    return " ".join(text.format(**values).split())


@dataclass
class _Doc:
    """One article as the event finder sees it; triggers and entities are found sentence by sentence, on
    demand (most sentences of an article hold no date and are never scanned)."""

    doc_id: str
    text: str
    view: _View
    sentences: list[tuple[int, int]]
    expressions: list[Expression] = field(default_factory=list)
    _triggers: dict[int, list[_Trigger]] = field(default_factory=dict)
    _entities: dict[int, list[_Place]] = field(default_factory=dict)
    _starts: list[int] | None = None

    def triggers_in(self, index: int) -> list[_Trigger]:
        if index not in self._triggers:
            self._triggers[index] = _triggers(self.view.text, *self.sentences[index])
        return self._triggers[index]

    def entities_between(self, start: int, end: int) -> list[_Place]:
        """Entities lying inside view[start:end]."""
        found = []
        for index in range(self.sentence_of(start), self.sentence_of(max(start, end - 1)) + 1):
            if index not in self._entities:
                self._entities[index] = _entities(self.view.text, *self.sentences[index])
            found.extend(p for p in self._entities[index] if start <= p.start and p.end <= end)
        return found

    def sentence_of(self, pos: int) -> int:
        if self._starts is None:
            self._starts = [s for s, _ in self.sentences]
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def original(self, start: int, end: int) -> str:
        s, e = self.view.span(start, end)
        return " ".join(self.text[s:e].split())



def _persons(doc: _Doc, spans: list[tuple[int, int]]) -> list[lexicons.Entity]:
    seen = []
    for span in spans:
        for p in doc.entities_between(*span):
            if p.entity.type == "person" and p.entity not in seen:
                seen.append(p.entity)
    return seen


def _name_en(entity: lexicons.Entity) -> str:
    """The English name of an entity: its gloss without the explanation in brackets."""
    return re.sub(r"\s*\(.*$", "", entity.gloss).strip() or entity.canonical


def _persons_near(doc: _Doc, sentence: tuple[int, int], trigger: _Trigger,
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


def _place_after(doc: _Doc, trigger: _Trigger, limit: int = 40) -> lexicons.Entity | None:
    """The place a trigger governs: right after it ("زار كوريا الشمالية") or introduced by في/إلى/ل within `limit`."""
    sentence = doc.sentences[doc.sentence_of(trigger.start)]
    for p in doc.entities_between(trigger.end, sentence[1]):
        if p.entity.type in event_grammar().place_types and p.start <= trigger.end + limit:
            if p.locative or p.dative or p.start - trigger.end <= 1:
                return p.entity
    return None


def _nearest_locative(doc: _Doc, trigger: _Trigger, sentence: tuple[int, int]) -> lexicons.Entity | None:
    place_types = event_grammar().place_types
    places = [p for p in doc.entities_between(*sentence) if p.entity.type in place_types and p.locative]
    if not places:
        return None
    return min(places, key=lambda p: (_gap((p.start, p.end), (trigger.start, trigger.end)), p.start)).entity


def _place(doc: _Doc, trigger: _Trigger, sentence: tuple[int, int], previous: tuple[int, int] | None):
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


def _anniversary(doc: _Doc, expr: Expression, trigger: _Trigger) -> tuple[str, str, str] | None:
    """(year, label, label_en) of what an anniversary after a dated expression commemorates."""
    eg = event_grammar()
    m = eg.ordinal.match(doc.view.text, trigger.end)
    if not m or not expr.value:
        return None
    n = number_value(m.group("num"))
    if not n:
        return None
    obj_view = m.group("object")
    words = obj_view.split()
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
    return _year(year), label, f"{label_en} ({n}th anniversary marked in {expr.value[:4]})"


def _triggers_between(doc: _Doc, span: tuple[int, int]) -> list[_Trigger]:
    """Triggers of the sentences a span covers (an expression can run over a sentence end: "19 يونيو. 2024")."""
    first, last = doc.sentence_of(span[0]), doc.sentence_of(max(span[0], span[1] - 1))
    return [t for i in range(first, last + 1) for t in doc.triggers_in(i)]


def _mention(doc: _Doc, expr: Expression, pub: dt.date | None) -> Mention | None:
    if not expr.value:
        return None
    eg = event_grammar()
    sidx = doc.sentence_of(expr.view_start)
    sentence = doc.sentences[sidx]
    sentence = (sentence[0], max(sentence[1], expr.view_end))
    sentence_text = doc.view.text[sentence[0]:sentence[1]]
    rivals = [r for r in doc.expressions if r is not expr and sentence[0] <= r.view_start < sentence[1]]
    trigger = _choose_trigger(expr, _triggers_between(doc, sentence), sentence_text, rivals)
    trigger_sentence = sentence
    in_lead = sidx < LEAD_SENTENCES and pub is not None and expr.precision == "YYYY-MM-DD" and \
        abs((dt.date.fromisoformat(expr.value) - pub).days) <= 1
    if trigger is None and in_lead and not rivals:
        # the lead dates the story ("أبلغ كيم بوتين، اليوم الأربعاء، …") and often names it a sentence later
        for index in range(sidx + 1, min(sidx + 1 + LOOKAHEAD_SENTENCES, len(doc.sentences))):
            later = doc.sentences[index]
            if any(later[0] <= r.view_start < later[1] for r in doc.expressions):
                break
            later_text = doc.view.text[later[0]:later[1]]
            candidates = [t for t in doc.triggers_in(index) if not eg.types[t.kind].derive]
            trigger = _choose_trigger(expr, candidates, later_text, max_gap=None)
            if trigger:
                trigger_sentence = later
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
    names_en = [_name_en(p) for p in named]
    label = _fill(kind.label, " و".join(names), place.canonical if place else "")
    label_en = _fill(kind.label_en, " and ".join(names_en), _name_en(place) if place else "")
    return Mention(doc.doc_id, expr.value, expr.precision, kind.type, label, label_en,
                   tuple(p.canonical for p in persons), place.canonical if place else "", evidence, expr.text,
                   tuple(names))


def analyse(doc_id: str, text: str, published=None) -> tuple[list[Expression], list[Mention]]:
    """Expressions and event mentions of one clean article.

    Args:
        doc_id: the article's id (copied into the mentions).
        text: clean article text.
        published: publication date or None.
    Returns:
        (expressions, mentions), each in text order.
    """
    pub = _as_date(published)
    view = _view(text)
    found = _tag_view(text, view, pub)
    if not any(e.value for e in found):
        return found, []
    doc = _Doc(doc_id, text, view, _sentences(view.text), found)
    mentions = [m for e in found if (m := _mention(doc, e, pub)) is not None]
    return found, mentions


def event_mentions(articles: pd.DataFrame) -> list[Mention]:
    """Event mentions of every article (clean text), in article order."""
    return [m for doc, text, pub in zip(articles["doc_id"], articles["text"], articles["published"], strict=True)
            for m in analyse(doc, text, pub)[1]]


# ---------------------------------------------------------------------------------------------------
# Events: mentions grouped across articles.


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
        DataFrame[date,precision,label,label_en,doc_ids,evidence,type,mentions] sorted by date, then label.
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


# ---------------------------------------------------------------------------------------------------
# Whole corpora, in parallel.


@dataclass
class TimelineResult:
    """Everything the timeline stage finds in a corpus."""

    expressions: pd.DataFrame
    events: pd.DataFrame
    mentions: list[Mention]
    articles: int = 0
    chars: int = 0


def _analyse_frame(articles: pd.DataFrame) -> tuple[list[tuple], list[Mention], int]:
    cleaned, _ = clean.clean_corpus(articles, progress=False)
    return _tag_frame(cleaned)


def _tag_frame(cleaned: pd.DataFrame) -> tuple[list[tuple], list[Mention], int]:
    """Tag clean articles: (expression rows, mentions, article count)."""
    exprs, mentions = [], []
    for doc, text, pub in zip(cleaned["doc_id"], cleaned["text"], cleaned["published"], strict=True):
        found, ms = analyse(doc, text, pub)
        exprs.extend((doc, e.start, e.end, e.text, e.value, e.precision) for e in found)
        mentions.extend(ms)
    return exprs, mentions, len(cleaned)


def _analyse_source(job: tuple[Path, dict, bool]):
    """Worker: one source file → (expressions, mentions, articles), or ("error", path, reason) for the
    InputError it raised (returned as plain values, which pickle; run_corpus raises it again so that the
    user sees the one line cli prints)."""
    source, metadata, strict = job
    try:
        articles = corpus.load_source(source, strict=strict, metadata=metadata)
        keys = (articles["doc_id"].tolist(), articles["outlet"].tolist(),
                [corpus.text_key(t) for t in articles["text"].tolist()], list(articles.attrs["where"]))
        return (*_analyse_frame(articles), corpus.report_of(articles), keys)
    except InputError as error:
        return ("error", str(error.path) if error.path is not None else None, error.reason)


def timeline(articles: pd.DataFrame) -> TimelineResult:
    """Clean, tag and group the events of an article table (corpus.load) in this process."""
    exprs, mentions, n = _analyse_frame(articles)
    return _result(exprs, mentions, n, int(articles["text"].str.len().sum()) if len(articles) else 0)


def _result(exprs, mentions, n, chars) -> TimelineResult:
    table = pd.DataFrame(exprs, columns=EXPRESSION_COLUMNS).sort_values(["doc_id", "start", "end"], kind="stable")
    mentions = sorted(mentions, key=lambda m: m.doc_id)  # stable: keeps text order within an article
    return TimelineResult(table.reset_index(drop=True), events(mentions), mentions, n, chars)


def run_corpus(path: str | Path | pipeline.CleanStore, workers: int | None = None, progress: bool = True,
               strict: bool = False, parallel_min_bytes: int = PARALLEL_MIN_BYTES) -> TimelineResult:
    """Load, clean and tag a corpus source by source, on `workers` processes (default: every core).

    Outputs do not depend on the number of workers: results are merged in source order and sorted by doc_id.

    Args:
        path: corpus folder or file (see arnews.corpus).
        workers: processes; a corpus under `parallel_min_bytes` runs in this process.
        progress: show a tqdm bar (on stderr) for corpora over 10 MB.
        strict: raise InputError at the first problem, the one `corpus.load(strict=True)` stops at.
    Returns:
        TimelineResult with the expressions and events tables.
    """
    if isinstance(path, pipeline.CleanStore):  # the corpus cleaned once (arnews.pipeline)
        articles = path.articles()
        exprs, mentions, n = _tag_frame(articles)
        return _result(exprs, mentions, n, int(articles["text"].str.len().sum()) if len(articles) else 0)
    from tqdm import tqdm

    sources = corpus.sources(path)
    metadata, metadata_report = corpus.metadata_with_report(path)
    size = sum(s.stat().st_size for s in sources)
    workers = workers or os.cpu_count() or 1
    workers = 1 if size < parallel_min_bytes or len(sources) < 2 else min(workers, len(sources))
    jobs = [(s, metadata, False) for s in sources]  # --strict: stops below where corpus.load would stop
    in_order = corpus.StrictOrder()
    bar = tqdm(total=size, unit="B", unit_scale=True, desc="timeline", disable=not progress or size < 10_000_000,
               file=sys.stderr)
    per_source, n, reports, keys = [], 0, [], []
    with _pool(workers) as pool:
        mapper = pool.imap(_analyse_source, jobs) if pool else map(_analyse_source, jobs)
        for (source, _, _), outcome in zip(jobs, mapper, strict=True):
            if outcome[0] == "error":
                raise InputError(outcome[1], outcome[2])
            e, m, k, report, source_keys = outcome
            if strict:
                in_order.check(report)
            per_source.append((e, m))
            keys.append(source_keys)
            n += k
            reports.append(report)
            bar.update(source.stat().st_size)
    bar.close()
    if strict:
        in_order.finish(metadata_report)
    if metadata_report.problems:
        reports.append(metadata_report)
    drops, duplicates = corpus.duplicates_across_sources(keys, strict)  # as corpus.load drops them
    exprs, mentions = [], []
    for (e, m), dropped, (ids, *_) in zip(per_source, drops, keys, strict=True):
        gone = {ids[a] for a in dropped}
        exprs.extend(x for x in e if x[0] not in gone)
        mentions.extend(x for x in m if x.doc_id not in gone)
        n -= len(dropped)
    if duplicates.problems:
        reports.append(duplicates)
    if progress:  # what the loader skipped, repaired or dropped
        corpus.LoadReport.combine(reports, articles=n).log(more="run `python -m arnews corpus` to list them all")
    return _result(exprs, mentions, n, size)


class _pool:
    """A multiprocessing pool when workers > 1, else None (a context manager either way)."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = None

    def __enter__(self):
        if self.workers > 1:
            import multiprocessing

            self.pool = multiprocessing.get_context("fork").Pool(self.workers)
        return self.pool

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.terminate() if exc[0] else self.pool.close()
            self.pool.join()
        return False


# ---------------------------------------------------------------------------------------------------
# Reading the results.


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
        view = _view(text)
        if kind is None or not eg.types[kind].trigger.search(view.text):
            continue
        for sentence in _sentences(view.text):
            if not any(t.kind == kind for t in _triggers(view.text, *sentence)):
                continue
            for _, _, d in _durations_view(text, view, *sentence):
                s, e = view.span(*sentence)
                rows.append({"doc_id": doc_id, "duration": d.text, "value": d.value, "hours": d.hours,
                             "approximate": d.approximate, "sentence": " ".join(text[s:e].split())})
    return pd.DataFrame(rows, columns=["doc_id", "duration", "value", "hours", "approximate", "sentence"])


def duration_claims(table: pd.DataFrame, articles: pd.DataFrame | str | Path,
                    event_type: str = "summit") -> pd.DataFrame:
    """How long the most reported event of a type lasted, claim by claim, from the articles that report it.

    Args:
        table: events (from `events`).
        articles: the corpus as a table (corpus.load; raw or clean, it is cleaned here) or its path (loaded
            quietly: run_corpus has reported the load already); only the event's articles are used.
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
    if isinstance(articles, pipeline.CleanStore):
        clean_articles = articles.articles()
        cleaned = clean_articles[clean_articles["doc_id"].isin(event["doc_ids"].split(DOC_SEPARATOR))]
    else:
        if not isinstance(articles, pd.DataFrame):
            articles = corpus.load_with_report(articles, progress=False)[0]
        subset = articles[articles["doc_id"].isin(event["doc_ids"].split(DOC_SEPARATOR))]
        cleaned, _ = clean.clean_corpus(subset, progress=False)
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


def _date_number(value: str) -> float:
    """An ISO value as a fractional year (the middle of its month or year when less precise)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    day = dt.date(*parts)
    return day.year + (day.timetuple().tm_yday - 0.5) / (366 if day.year % 4 == 0 else 365)


#: A timeline has at most this many panels; a panel is split at a gap only when the gap is this share of it.
_MAX_PANELS, _PANEL_GAP_SHARE, _MIN_PANEL_GAP = 8, 1 / 3, 30 / 365


def _panels(xs: list[float]) -> list[tuple[float, float, int]]:
    """Panels of a broken time axis for sorted dates (fractional years): (first, last, number of events).

    A panel is split at its widest gap while that gap takes more than a third of the panel (and more than a
    month), widest first, up to `_MAX_PANELS`: decades apart and days apart both stay legible, because a
    crowded stretch (16 events in six weeks) ends up on a panel of its own, drawn at its own scale.
    """
    panels = [xs]
    while len(panels) < _MAX_PANELS:
        best = None
        for i, panel in enumerate(panels):
            gaps = [(b - a, j) for j, (a, b) in enumerate(zip(panel, panel[1:], strict=False), 1)]
            if not gaps:
                continue
            gap, at = max(gaps)
            if gap <= _MIN_PANEL_GAP:
                continue
            share = gap / (panel[-1] - panel[0])
            if share > _PANEL_GAP_SHARE and (best is None or share > best[0]):
                best = (share, i, at)
        if best is None:
            break
        _, i, at = best
        panels[i:i + 1] = [panels[i][:at], panels[i][at:]]
    return [(panel[0], panel[-1], len(panel)) for panel in panels]


def _panel_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Tick positions and labels for a panel of several dates: years over three years or more, months over
    a quarter, days under that."""
    span = high - low
    if span >= 3:
        step = 1 if span <= 8 else 5 if span <= 40 else 10
        years = range(int(low) + (-int(low)) % step, int(high) + 1, step)
        return [float(y) for y in years], [str(y) for y in years]
    if span >= 0.25:
        step = 1 if span <= 0.5 else 3 if span <= 1.5 else 6
        months = [(y, m) for y in range(int(low), int(high) + 1) for m in range(1, 13, step)]
        months = [(y, m) for y, m in months if low - 1 / 12 <= y + (m - 1) / 12 <= high]
        return [y + (m - 1) / 12 for y, m in months], [f"{y}-{m:02d}" for y, m in months]
    start = dt.date(int(low), 1, 1) + dt.timedelta(days=int((low - int(low)) * 365))
    days = [start + dt.timedelta(days=d) for d in range(0, int(span * 365) + 2)]
    days = [d for d in days if d.day in ((1, 15) if span > 1 / 12 else (1, 8, 15, 22))] or days[:1]
    return [_date_number(d.isoformat()) for d in days], [d.isoformat() for d in days]


def plot_timeline(table: pd.DataFrame, title: str = "الخط الزمني للأحداث", max_events: int = 25):
    """Draw events on a timeline: one row per event, the x axis broken where long stretches are empty.

    Each row is labelled with the event's Arabic label (through plotting.ar); its ISO date is written
    beside the dot (kept out of the Arabic label, where the bidi algorithm would reverse "2023-09").

    Args:
        table: events (from `events`); the `max_events` most mentioned are drawn.
        title: Arabic title (passed through plotting.ar).
        max_events: cap on the rows drawn.
    Returns:
        The matplotlib Figure, or None when there are no events.
    """
    import matplotlib.pyplot as plt

    from arnews import plotting

    shown = top_events(table, max_events)
    if shown.empty:
        return None
    shown = shown.assign(x=shown["date"].map(_date_number)).sort_values(["x", "label"], kind="stable")
    shown = shown.reset_index(drop=True)
    panels = _panels(shown["x"].tolist())
    # a panel is as wide as its events need, and never narrower than an eighth of them: room for a date
    widths = [max(n, len(shown) / _MAX_PANELS) for _, _, n in panels]
    fig, axes = plt.subplots(1, len(panels), sharey=True, figsize=(12, 0.4 * len(shown) + 1.8),
                             gridspec_kw={"width_ratios": widths, "wspace": 0.08}, squeeze=False)
    axes = axes[0]
    colors = plt.get_cmap("tab10")
    types = sorted(shown["type"].unique())
    for ax, (low, high, _) in zip(axes, panels, strict=True):
        inside = shown[(shown["x"] >= low) & (shown["x"] <= high)]
        for row in inside.itertuples():
            ax.plot([row.x], [row.Index], "o", color=colors(types.index(row.type) % 10), markersize=7)
            ax.annotate(row.date, (row.x, row.Index), xytext=(6, 0), textcoords="offset points", va="center",
                        fontsize=7, color="0.35")
        pad = max(high - low, 1 / 12)
        ax.set_xlim(low - 0.1 * pad, high + 0.25 * pad)  # room for the date written right of the last dot
        ax.set_xticks(*(_panel_ticks(low, high) if high > low else ([low], [inside["date"].iloc[0]])))
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
        ax.spines["top"].set_visible(False)
    for ax in axes[1:]:
        ax.spines["left"].set_linestyle((0, (2, 3)))  # a dashed edge marks the broken axis
    for ax in axes[:-1]:
        ax.tick_params(axis="y", length=0, labelleft=False)
    # Arabic labels read from the right: they stand right of the last panel (time still runs left to right)
    plotting.rtl_axes(axes[-1])
    axes[-1].tick_params(axis="y", labelright=True, labelleft=False)  # subplots(sharey) hid inner labels
    axes[-1].set_yticks(range(len(shown)))
    axes[-1].set_yticklabels([plotting.ar(label) for label in shown["label"]], fontsize=9)
    axes[-1].invert_yaxis()
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colors(i % 10), label=t) for i, t in enumerate(types)]
    fig.legend(handles=handles, loc="lower center", ncol=min(len(types), 6), fontsize=8, frameon=False,
               bbox_to_anchor=(0.55, -0.02 - 0.02 * (len(types) > 6)))
    fig.suptitle(plotting.ar(title))
    return fig


# ---------------------------------------------------------------------------------------------------
# CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_strict_argument

    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for expressions.csv and events.csv")
    parser.add_argument("--jobs", "--workers", dest="workers", type=int, default=None, metavar="N",
                        help="processes to use (default: every core); outputs do not depend on it")
    add_strict_argument(parser)


def write(result: TimelineResult, out: str | Path) -> dict[str, Path]:
    """Write expressions.csv and events.csv atomically into `out`; returns their paths."""
    out = Path(out)
    return {
        "expressions": files.write_csv(result.expressions, out / "expressions.csv"),
        "events": files.write_csv(result.events, out / "events.csv"),
    }


def run(args: argparse.Namespace) -> int:
    for name in ("expressions.csv", "events.csv"):
        files.check_output_path(Path(args.out) / name, args.corpus)
    result = run_corpus(args.corpus, workers=args.workers, strict=args.strict)
    write(result, args.out)
    resolved = int((result.expressions["value"] != "").sum())
    print(f"{result.articles} articles: {len(result.expressions)} temporal expressions ({resolved} resolved), "
          f"{len(result.events)} events → {args.out}")
    return 0
