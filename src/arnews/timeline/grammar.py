"""The temporal grammar: one regular expression per family of dated expressions, compiled once from the
timeline lexicons (months.csv, hijri_months.csv, weekdays.csv, time_units.csv, relative_time.yaml and the
core's number words), with the tables the resolver reads.

Patterns run on the folded view of a text (`arnews.arabic.fold_with_offsets`): alef and hamza variants,
ى, ة and digits are folded and marks dropped, so a lexicon lists each word once as it is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from arnews import arabic, lexicons

__all__ = ["AFTER_BOUNDARY", "FAMILY_GROUPS", "WORD_END", "WORD_START", "Grammar", "alternation", "family_group",
           "first_month", "forms", "grammar", "phrase", "scan"]

WORD_START = r"(?<![\w])"
WORD_END = r"(?![\w])"
#: Scanners start each match at the character before a word (a class, so Python's re skips the inside of
#: words in its fast loop instead of trying every position); `scan` handles the start of the text.
AFTER_BOUNDARY = r"[^\w]"
_DAY = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_YEAR = r"(?<!\d)(?:1[3-9]\d\d|20\d\d)(?!\d)"
_CLITIC = arabic.PROCLITIC_NO_ARTICLE
#: The named group that spans the expression in each family alternative of the pattern: h Hijri dates, n numeric
#: dates, f full dates, my month + year, y and yb years, r counted offsets, s «العام نفسه», w weekdays, mm months,
#: hm Hijri months, p periods, d deictic days.
FAMILY_GROUPS = ("h", "n", "f", "my", "y", "yb", "r", "s", "w", "mm", "hm", "p", "d")


def phrase(text: str) -> str:
    """The lookup key of a phrase already folded (a match on the view): inner white space as one space. A lexicon
    spelling, not yet folded, takes `arabic.phrase_key`, the same key."""
    return " ".join(text.split())


#: Between the names of one month in two systems («حزيران/يونيو», «آب (أغسطس)»).
_MONTH_SEPARATOR = re.compile(r"\s*[/(-]\s*")


def family_group(m: re.Match) -> str:
    """The family group (one of FAMILY_GROUPS) of a match of `Grammar.pattern`."""
    return next(k for k in FAMILY_GROUPS if m.group(k) is not None)


def alternation(words: Iterable[str], after_lam: bool = False) -> str:
    """A regex alternation of the folded words, longest first; inner spaces match any white space.

    after_lam: also each definite word as it is written after the preposition ل (`arabic.after_lam`: العام →
    لعام in «للعام», ل + العام).
    """
    folded = {arabic.fold(w).strip() for w in words if w and w.strip()}
    if after_lam:
        folded |= {lam for w in folded if (lam := arabic.after_lam(w))}
    ordered = sorted(folded, key=lambda f: (-len(f), f))
    return "|".join(r"\s+".join(map(re.escape, f.split())) for f in ordered)


def first_month(g: Grammar, text: str) -> tuple[int, str]:
    """The month number of a "حزيران/يونيو"- or "فبراير شباط"-style group (the first name wins) and that name."""
    words = _MONTH_SEPARATOR.split(text.strip())[0].split()
    for size in range(len(words), 0, -1):  # names of one or two words: كانون الثاني, فبراير
        key = " ".join(words[:size])
        if key in g.months:
            return g.months[key], key
    return 0, " ".join(words)


def forms(row: dict, *columns: str) -> list[str]:
    """The spellings a lexicon row lists in `columns` (cells hold several, separated by |)."""
    return lexicons.split_variants(*(row.get(c) for c in columns))


def _lookup(rows: list[dict], value_column: str, *columns: str) -> dict[str, int]:
    """Folded spelling (inner whitespace as one space) → integer value."""
    return {arabic.phrase_key(f): int(row[value_column]) for row in rows for f in forms(row, *columns)}


def _after_lam(table: dict[str, str]) -> dict[str, str]:
    """A table of folded words, also keyed by each definite word as written after ل (`arabic.after_lam`)."""
    return {**{lam: v for k, v in table.items() if (lam := arabic.after_lam(k))}, **table}


def scan(pattern: re.Pattern, view: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, re.Match]]:
    """(word start, match) where `pattern` (which begins with AFTER_BOUNDARY) matches a word of view[start:end]."""
    end = len(view) if end is None else end
    if start == 0 and end > 0:
        # the text's first word has no character before it: look at it through a space
        m = pattern.match(" " + view[:min(end, 64)])
        if m:
            yield 0, m
    for m in pattern.finditer(view, max(0, start - 1), end):
        yield m.start() + 1, m


@dataclass(frozen=True)
class Grammar:
    """The compiled grammar and the lexicon tables the resolver reads (all keys folded)."""

    pattern: re.Pattern  # one alternative per family (named groups h, n, f, my, y, yb, r, s, w, mm, hm, p, d)
    anchors: re.Pattern  # a word every expression holds: the full pattern is only tried near one
    direction: re.Pattern
    durations: re.Pattern
    point_before: re.Pattern  # a direction word (منذ، قبل، بعد) right before a counted unit
    range_start: re.Pattern  # a day alone, then a range link, at the end of the text before a date («من 4 إلى »)
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    hijri_months: dict[str, int]
    ambiguous_hijri_months: frozenset[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    units: dict[str, tuple[str, int]]  # folded form → (unit, count implied: 0 = needs a number, 2 = dual)
    unit_info: dict[str, dict]
    deictic: dict[str, int]
    periods: dict[str, str]  # period noun → unit (year, month, week; day for «اليوم نفسه»)
    modifiers: dict[str, int]
    directions: dict[str, int]
    weekday_anchor: dict[str, str]
    hijri_era: frozenset[str]
    first_day: frozenset[str]  # أول، غرة: the first day of a month
    event_directions: frozenset[str]  # قبل، بعد: with «من» + a happening, counted from it
    since_last: frozenset[str]  # السابقة، الأخيرة: «بعد أربع سنوات من زيارته السابقة» counts up to the writing day
    since_last_reach: int


def _day(name: str) -> str:
    """A day of the month in digits, also written with the article (الـ20): group `name`."""
    return rf"(?:ال\s*)?(?P<{name}>{_DAY})"


@cache
def grammar() -> Grammar:  # noqa: PLR0915 - one pattern per family, read top to bottom
    """Compile the temporal grammar from data/lexicons/ (cached)."""
    months = lexicons.read_csv("months.csv")
    hijri = lexicons.read_csv("hijri_months.csv")
    weekdays = lexicons.read_csv("weekdays.csv")
    units = lexicons.read_csv("time_units.csv")
    rel = lexicons.read_yaml("relative_time.yaml")
    fold = arabic.fold
    b, e = WORD_START, WORD_END

    month = alternation(f for r in months for f in forms(r, "canonical", "variants"))
    # a month written in two naming systems: حزيران/يونيو, آب (أغسطس), أبريل - نيسان, فبراير شباط
    months2 = rf"(?:{month}){e}(?:\s*[/(-]\s*(?:{month}){e}(?:\s*\))?|\s+(?:{month}){e})?+"
    hmonth = alternation(f for r in hijri for f in forms(r, "canonical", "variants"))
    weekday = alternation(f for r in weekdays for f in forms(r, "canonical", "variants"))
    number_words = arabic.number_words()
    cardinal = alternation(w for w, n in number_words.items() if n.kind == "cardinal")
    ordinal = alternation(w for w, n in number_words.items() if n.kind == "ordinal" and n.value <= 30)
    ten = alternation(w for w, n in number_words.items() if n.kind == "cardinal" and n.value == 10)
    number = rf"(?:\d+|(?:{cardinal}){e}(?:\s+و?(?:{cardinal}){e})*)"
    first_day = alternation(rel["first_day_words"])
    # a day in words: السابع, الحادي عشر, الحادي والعشرين (then من + the month); أول, غرة (the first)
    word_day = rf"(?:(?:{ordinal}){e}(?:\s+(?:{ten}){e})?(?:\s+و(?:{ordinal}){e})?(?=\s+من\s)|(?:{first_day}){e})"
    day_noun = rf"(?:(?:{alternation(rel['day_nouns'])})\s+)?"  # اليوم الثالث من الشهر المقبل: the day implied
    point_units = [u for u in units if u["point"] == "yes"]
    unit_plain = alternation(f for u in point_units for f in forms(u, "forms"))
    unit_dual = alternation(f for u in point_units for f in forms(u, "dual_forms"))
    unit_single = alternation(f for u in point_units for f in forms(u, "singular"))
    all_plain = alternation(f for u in units for f in forms(u, "forms", "singular"))
    all_dual = alternation(f for u in units for f in forms(u, "dual_forms"))
    directions = alternation(f for d in rel["directions"] for f in d["forms"])
    approx = alternation(rel["approximators"])
    now = alternation(rel["now_words"])
    event_from = alternation(rel["event_from_words"])
    count_tail = alternation(rel["count_tails"])
    modifier = alternation(f for m in rel["modifiers"] for f in m["forms"])
    period = alternation((f for p in rel["periods"] for f in p["forms"]), after_lam=True)
    year_noun = alternation(f for p in rel["periods"] if p["unit"] == "year" for f in p["forms"])
    month_noun = alternation(f for p in rel["periods"] if p["unit"] == "month" for f in p["forms"])
    same_noun = alternation([*(f for p in rel["periods"] for f in p["forms"]), *rel["same_day_nouns"]], after_lam=True)
    same_after, same_before = alternation(rel["same_after"]), alternation(rel["same_before"])
    part = alternation(rel["period_parts"])
    demonstrative = alternation(rel["demonstratives"])
    deictic = alternation(f for d in rel["deictic_days"] for f in d["forms"])
    not_today = alternation(rel["today_not_followed_by"])
    wprefix = alternation(f for p in rel["weekday_prefixes"] for f in p["forms"])
    year_word = alternation(rel["year_words"], after_lam=True)
    year_adjective = alternation(rel["year_adjectives"])
    year_prep = alternation(rel["year_prepositions"])
    month_prep = alternation(rel["month_prepositions"])
    epithet = rf"(?:\s+(?:{alternation(rel['hijri_epithets'])}){e})?"  # شهر رمضان المبارك
    gera = alternation(rel["gregorian_era"])
    hera = alternation(rel["hijri_era"])
    era = rf"(?:\s*(?:{hera}|{gera}){e})?"
    of = rf"(?:(?:{alternation(rel['of_words'])})\s+)?"  # 26 من شوال
    shahr = rf"(?:(?:{alternation(rel['month_words'])})\s+)"  # شهر يوليو
    # between a date and its year: يوليو من عام 2019, 28 يناير في عام 1976, 15 أغسطس، عام 1945
    year_of = rf"(?:(?:{alternation(rel['year_of_words'])})\s+)?(?:(?:{alternation(rel['date_year_words'])})\s+)?"
    # «من العام نفسه», «في نفس العام», «من السنة ذاتها»: the year named before
    same_year = (rf"\s+(?:(?:{alternation(rel['year_of_words'])})\s+)?(?:(?:{year_noun}){e}\s+(?:{same_after})"
                 rf"|(?:{same_before})\s+(?:{year_noun})){e}")
    # «من العام الماضي», «في العام المقبل»: the year of a date or month, relative to publication
    def relative_year(name: str) -> str:
        return rf"\s+(?:(?:{alternation(rel['year_of_words'])})\s+)?(?:{year_noun})\s+(?P<{name}>{modifier}){e}"

    # Python's look-behind needs a fixed width: one per word
    not_today_name = "".join(rf"(?<!{re.escape(fold(w))}\s)" for w in rel["today_not_preceded_by"])
    # «في ذلك اليوم» (on that day), but «وذلك اليوم» (and that was today): the demonstrative as a word of its own
    not_that_day = "".join(rf"(?<!(?<![\w]){re.escape(fold(w))}\s)" for w in rel["today_not_after_demonstrative"])
    # without its article, so that للمدير (ل + المدير) is caught as well as المدير
    not_name = "".join(rf"(?<!{re.escape(fold(w))}\s)" for w in rel["weekday_not_preceded_by"])
    not_general = "".join(rf"(?<!{re.escape(re.sub('^ال', '', fold(w)))}\s)" for w in rel["period_not_preceded_by"])
    any_month = f"{month}|{hmonth}"
    # «لـ«اليوم»», «(اليوم)»: the word alone between quotes or brackets is a title (the paper «اليوم»)
    today = alternation(f for d in rel["deictic_days"] if int(d["offset"]) == 0 for f in d["forms"])
    not_quoted_today = rf"(?!(?:(?<=[(«\"“])|(?<=[(«\"“]\s))(?:{today})\s*[)»\"”])"

    families = [
        # 26 شوال 1436 هـ ; السادس من شهر ذي القعدة القادم ; 27 شوال الجاري ; رمضان 1445 هـ
        rf"(?:[وف](?=[\dا]))?(?P<h>(?:{_day('h_day')}|{day_noun}(?P<h_wday>{word_day}))\s*{of}{shahr}?(?P<h_month>{hmonth}){e}{epithet}"
        rf"(?:\s*{year_of}(?P<h_year>1[34]\d\d)(?!\d)(?:\s*(?:{hera}){e})?|\s+(?P<h_mod>{modifier}){e}"
        rf"|(?P<h_same>{same_year})|{relative_year('h_rmod')})?"
        rf"|(?P<h_month2>{hmonth}){e}\s+{year_of}(?P<h_year2>1[34]\d\d)\s*(?:{hera}){e})",
        # 13/9/2023 ; 2023-09-13 ; 26/10/1436هـ ; 28 / 10 / 1436 هـ
        rf"(?<![\d/.-])(?P<n>(?P<n_a>\d{{1,4}})\s*(?P<n_sep>[/.-])\s*(?P<n_b>\d{{1,2}})\s*(?P=n_sep)\s*"
        rf"(?P<n_c>\d{{1,4}})(?![\d/-])(?!\.\d)(?:\s*(?P<n_era>{hera}|{gera}){e})?)",
        # (الأربعاء) 19 يونيو (2024) ; الثاني من أغسطس 2015 ; 22 ديسمبر المقبل ; 20 فبراير من العام نفسه ;
        # 30 من الشهر الحالي
        rf"(?:[وف](?=[\dا]))?(?P<f>(?:(?P<f_wd>{weekday}){e}\s*[،,]?\s*)?(?:(?P<f_day0>{_DAY})\s*(?:أو|او)\s*)?"
        rf"(?:{_day('f_day')}|{day_noun}(?P<f_wday>{word_day}))\s*{of}{shahr}?"
        rf"(?P<f_month>{months2})(?:\s*[.,،]?\s*{year_of}(?P<f_year>{_YEAR}){era}|\s+(?P<f_mod>{modifier}){e}"
        rf"|(?P<f_same>{same_year})|{relative_year('f_rmod')})?"
        rf"|(?:{_day('f_pday')}|{day_noun}(?P<f_wpday>{word_day}))\s+من\s+(?:{month_noun})\s+(?P<f_pmod>{modifier}){e})",
        # حزيران/يونيو 2024
        rf"{b}{_CLITIC}(?P<my>{shahr}?(?P<my_month>{months2})\s*[,،]?\s*{year_of}"
        rf"(?P<my_year>{_YEAR}){era})",
        # عام 2000 ; العام 1949 ; عامي 2001 و2007 ; السنة المالية 2015م ; العام (1428هـ 2007م)
        rf"{b}{_CLITIC}(?P<y>(?:{year_word})\s+(?:(?:{year_adjective})\s+)?\(?\s*(?P<y_year>{_YEAR})"
        rf"(?P<y_more>(?:\s*(?:و|،|,)\s*(?:{_YEAR}))*)(?:\s*(?P<y_era>{hera}|{gera}){e})?)",
        # في 2022 (a bare year needs a preposition and 19xx/20xx; «في 2018/06/20» is a numeric date)
        # … or without one when the Gregorian era is glued to it: «كأس الأمم الآسيوية 2015م»
        rf"{b}(?:[وف]?(?:{year_prep})\s+|(?=(?:19|20)\d\d(?:{gera}){e}))(?P<yb>(?:19|20)\d\d(?!\d)(?!\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d)(?:\s*(?:{gera}){e})?)"
        rf"(?P<yb_more>(?:\s*[،,]?\s*و\s*(?:19|20)\d\d(?!\d)(?:\s*(?:{gera}){e})?)*)",  # في 1942 و1983 و2001
        # منذ 24 عاما ; قبل عامين ; بعد أسبوع من الآن ; بعد أربع سنوات من (+ an event: no date)
        rf"{b}[وف]?(?P<r>(?P<r_dir>{directions})\s+(?:(?:{approx})\s+)?"
        rf"(?:(?P<r_num>{number})\s*(?P<r_unit>{unit_plain})|(?P<r_dual>{unit_dual})"
        rf"|(?P<r_one>{unit_single})(?!\s*\d)(?!\s+(?:{any_month}){e}))"
        rf"{e}(?:\s+(?:{count_tail}){e})?(?P<r_from>\s+(?:{event_from}){e}(?:\s+(?P<r_now>{now}){e})?)?)",
        # العام نفسه ; نفس العام ; الشهر ذاته ; اليوم نفسه: the year, month or day named before
        rf"{b}{_CLITIC}{not_general}(?P<s>(?P<s_noun>{same_noun}){e}\s+(?:{same_after}){e}"
        rf"|(?:{same_before})\s+(?P<s_noun2>{same_noun}){e})",
        # اليوم الأربعاء ; أمس (الثلاثاء) ; مساء أمس، الجمعة ; يوم الأربعاء ; الخميس المقبل (the prefix اليوم is no
        # deictic day after the words of today_not_preceded_by: «صحيفة اليوم (الجمعة 23 فبراير 2007)», the paper)
        rf"{b}{not_name}(?P<w_clitic>{_CLITIC})(?P<w>(?:(?:(?=اليوم){not_today_name}|(?!اليوم))(?P<w_pre>{wprefix})\s*[،,]?\s*[(«]?\s*)?(?P<w_day>{weekday}){e}"
        rf"(?:\s*[)»])?(?:\s+(?P<w_mod>{modifier}){e})?)",
        # سبتمبر الماضي ; في يوليو ; مايو من العام نفسه
        rf"{b}(?:(?P<mm_prep>[وف]?(?:{month_prep}))\s+|{_CLITIC})(?P<mm>(?P<mm_shahr>{shahr})?(?P<mm_month>{months2})"
        rf"(?![\s,،)]*{year_of}\d)(?:\s+(?P<mm_mod>{modifier}){e}|(?P<mm_same>{same_year})"
        rf"|{relative_year('mm_rmod')})?)",
        # شهر رمضان المبارك ; رمضان الماضي ; شهر رمضان 1436
        rf"{b}{_CLITIC}(?P<hm>(?P<hm_shahr>{shahr})?(?P<hm_month>{hmonth}){e}{epithet}"
        rf"(?:\s+(?P<hm_mod>{modifier}){e}|\s+{year_of}(?P<hm_year>1[34]\d\d)(?!\d)(?:\s*(?:{hera}){e})?"
        rf"|{relative_year('hm_rmod')})?)",
        # العام الماضي ; هذا العام ; الشهر المقبل ; مطلع العام
        rf"{b}{_CLITIC}(?P<p>(?P<p_dem>{demonstrative})\s+(?P<p_noun1>{period}){e}"
        rf"|{not_general}(?P<p_noun>{period})\s+(?P<p_mod>{modifier}){e}"
        rf"|(?P<p_part>{part})\s+(?P<p_noun2>{period}){e}(?!\s+(?:{modifier}|{same_after}|{year_adjective}|{ordinal}){e})"
        rf"(?!\s*\(?\s*\d))",
        # اليوم ; أمس ; غدا ; بعد غد (not «اليوم الثالث»: the third day)
        rf"{b}{not_today_name}{not_that_day}{_CLITIC}{not_quoted_today}(?P<d>{deictic}){e}"
        rf"(?!\s+(?:{not_today}|{ordinal}){e})",
    ]
    pattern = re.compile("|".join(f"(?:{f})" for f in families))
    # every expression holds one of these: a year, a numeric date, a month, a weekday, a deictic word,
    # a period noun or a unit; the full grammar is only tried at the few word starts before an anchor
    # (and «الشهر», after which a day in words may stand as far back: الحادي والعشرين من الشهر الجاري)
    month_nouns = (f for p in rel["periods"] if p["unit"] == "month" for f in p["forms"])
    month_keys = {fold(f).split()[0] for f in (*(f for r in months for f in forms(r, "canonical", "variants")),
                                               *(f for r in hijri for f in forms(r, "canonical", "variants")),
                                               *month_nouns)}
    keys = {fold(f).split()[0] for f in (
        *(f for r in weekdays for f in forms(r, "canonical", "variants")),
        *(w for d in rel["deictic_days"] for f in d["forms"] for w in f.split()[-1:]),
        *(f for p in rel["periods"] for f in p["forms"]), *rel["same_day_nouns"])}
    keys |= {lam for k in keys if (lam := arabic.after_lam(k))}  # للعام: ل + العام
    unit_keys = {fold(f) for u in point_units for f in forms(u, "singular", "forms", "dual_forms")}
    # a month names the group month: a day in words may stand four words before it (الخامس والعشرين من شهر أغسطس)
    anchors = re.compile(AFTER_BOUNDARY + r"[وفبلك]{0,2}?(?:(?:1[3-9]|20)\d\d(?!\d)|\d{1,4}\s*[/.-]\s*\d|(?:"
                         + "(?P<month>" + arabic.trie_pattern(month_keys - unit_keys) + ")|"
                         + arabic.trie_pattern(keys - unit_keys - month_keys) + "|(?P<unit>"
                         + arabic.trie_pattern(unit_keys) + r"))(?![\w]))")
    durations = re.compile(rf"{b}(?:(?P<approx>{approx})\s+)?(?:(?P<num>\d+(?:[.,]\d+)?|{number})\s*"
                           rf"(?P<unit>{all_plain})|(?P<dual>{all_dual})){e}")

    unit_map: dict[str, tuple[str, int]] = {}
    for u in units:
        for f in forms(u, "forms", "singular"):
            unit_map[fold(f)] = (u["unit"], 0)
        for f in forms(u, "dual_forms"):
            unit_map[fold(f)] = (u["unit"], 2)
    return Grammar(
        pattern=pattern,
        anchors=anchors,
        point_before=re.compile(rf"(?:{directions})\s+$"),
        range_start=re.compile(rf"(?<![\w.,/\-–])(?<![\d.,/\-–]\s)[وف]?(?P<first>(?:ال\s*)?(?P<day>{_DAY}))\s*"
                               rf"(?:{alternation(rel['range_links'])})\s*\Z"),
        direction=re.compile(rf"{b}[وف]?(?:{directions}){e}"),
        durations=durations,
        months=_lookup(months, "month", "canonical", "variants"),
        ambiguous_months=frozenset(fold(f) for r in months if r["ambiguous"] == "yes"
                                   for f in forms(r, "canonical", "variants")),
        hijri_months=_lookup(hijri, "month", "canonical", "variants"),
        ambiguous_hijri_months=frozenset(fold(f) for r in hijri if r["ambiguous"] == "yes"
                                         for f in forms(r, "canonical", "variants")),
        weekdays=_lookup(weekdays, "weekday", "canonical", "variants"),
        ambiguous_weekdays=frozenset(fold(f) for r in weekdays if r["ambiguous"] == "yes"
                                     for f in forms(r, "canonical", "variants")),
        units=unit_map,
        unit_info={u["unit"]: u for u in units},
        deictic={arabic.phrase_key(f): int(d["offset"]) for d in rel["deictic_days"] for f in d["forms"]},
        periods=_after_lam({**{fold(f): "day" for f in rel["same_day_nouns"]},
                            **{fold(f): p["unit"] for p in rel["periods"] for f in p["forms"]}}),
        modifiers={fold(f): int(m["shift"]) for m in rel["modifiers"] for f in m["forms"]},
        directions={fold(f): int(d["sign"]) for d in rel["directions"] for f in d["forms"]},
        weekday_anchor={arabic.phrase_key(f): p["anchor"] for p in rel["weekday_prefixes"] for f in p["forms"]},
        hijri_era=frozenset(fold(f) for f in rel["hijri_era"]),
        first_day=frozenset(fold(f) for f in rel["first_day_words"]),
        event_directions=frozenset(fold(f) for d in rel["directions"] if d.get("from_event") for f in d["forms"]),
        since_last=frozenset(fold(f) for f in rel["since_last_words"]),
        since_last_reach=int(rel.get("since_last_reach", 4)),
    )
