"""The temporal tagger: find the dated expressions of a clean text and resolve each against the publication date.

`tag(text, published)` matches the grammar (`arnews.timeline.grammar`) on the folded view of the text and
returns `Expression`s with offsets into the text as given, an ISO value and its precision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from arnews import arabic
from arnews.arabic.chars import codes
from arnews.timeline import dates
from arnews.timeline.grammar import Grammar, grammar, phrase, scan

__all__ = ["EXPRESSION_COLUMNS", "Expression", "expressions", "original_span", "tag", "tag_view"]

EXPRESSION_COLUMNS = ["doc_id", "start", "end", "text", "value", "precision"]


@dataclass(frozen=True)
class Expression:
    """One temporal expression. start/end: offsets into the clean text; value: ISO date or "" (unresolved).

    family: full, numeric, hijri, month_year, year, relative, weekday, month, period, deictic.
    relative_to_event: True for "بعد أربع سنوات من <event>": the value dates that earlier event.
    view_start/view_end: the same span in the folded view the patterns ran on.
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


#: Invisible format and bidi controls: the view drops them, and an expression never ends with one.
_TRAILING_CONTROLS = frozenset(map(chr, codes(arabic.FORMAT_CONTROLS)))


def original_span(view: arabic.FoldedText, start: int, end: int) -> tuple[int, int]:
    """The original span of a view span, without the invisible controls that follow it («عام 1432\u200b»)."""
    s, e = view.span(start, end)
    while e > s and view.original[e - 1] in _TRAILING_CONTROLS:
        e -= 1
    return s, e


_FAMILY_NAMES = {"h": "hijri", "n": "numeric", "f": "full", "my": "month_year", "y": "year", "yb": "year",
                 "r": "relative", "w": "weekday", "mm": "month", "p": "period", "d": "deictic"}
_SPAN_GROUPS = tuple(_FAMILY_NAMES)


def _first_month(g: Grammar, text: str) -> tuple[int, str]:
    """The month number of a "حزيران/يونيو"-style group (first name wins) and its folded first name."""
    key = phrase(re.split(r"\s*[/(-]\s*", text.strip())[0])
    return g.months.get(key, 0), key


def _resolve(g: Grammar, m: re.Match, pub: dt.date | None) -> tuple[str, str, str, bool] | None:
    """(family, value, precision, relative_to_event) for a match; None when the match is not a date."""
    gd = m.groupdict()
    try:
        return _resolve_groups(g, gd, pub)
    except (ValueError, OverflowError):  # 31 June, a Hijri year outside the table, a year past 9999 …
        family = next(k for k in _SPAN_GROUPS if gd.get(k) is not None)
        return (_FAMILY_NAMES[family], "", "", False)


def _resolve_groups(g: Grammar, gd: dict, pub: dt.date | None):  # noqa: C901 - one branch per family
    if gd["h"] is not None:
        if gd["h_day"]:
            day = dates.hijri(int(gd["h_year"]), g.hijri_months[phrase(gd["h_month"])], int(gd["h_day"]))
            return "hijri", day.isoformat(), "YYYY-MM-DD", False
        day = dates.hijri(int(gd["h_year2"]), g.hijri_months[phrase(gd["h_month2"])], 15)
        return "hijri", dates.iso(day, "YYYY-MM"), "YYYY-MM", False
    if gd["n"] is not None:
        a, b, c = int(gd["n_a"]), int(gd["n_b"]), int(gd["n_c"])
        year, month, day = (a, b, c) if len(gd["n_a"]) == 4 else (c, b, a) if len(gd["n_c"]) == 4 else (0, 0, 0)
        if not year:
            return None
        hijri = 1300 <= year < 1500 or (gd["n_era"] and arabic.fold(gd["n_era"]) in g.hijri_era)
        if not hijri and not 1800 <= year <= 2100:
            return None
        date = dates.hijri(year, month, day) if hijri else dt.date(year, month, day)
        return ("hijri" if hijri else "numeric"), date.isoformat(), "YYYY-MM-DD", False
    if gd["f"] is not None:
        month, _ = _first_month(g, gd["f_month"])
        day = int(gd["f_day"])
        if gd["f_year"]:
            return "full", dt.date(int(gd["f_year"]), month, day).isoformat(), "YYYY-MM-DD", False
        if pub is None:
            return "full", "", "", False
        return "full", dates.day_month(pub, day, month).isoformat(), "YYYY-MM-DD", False
    if gd["my"] is not None:
        month, _ = _first_month(g, gd["my_month"])
        return "month_year", f"{int(gd['my_year']):04d}-{month:02d}", "YYYY-MM", False
    if gd["y"] is not None:
        year = int(gd["y_year"])
        if (gd["y_era"] and arabic.fold(gd["y_era"]) in g.hijri_era) or year < 1500:
            year = dates.hijri(year, 6, 1).year  # the Gregorian year holding the middle of that Hijri year
        return "year", f"{year:04d}", "YYYY", False
    if gd["yb"] is not None:
        return "year", gd["yb"][:4], "YYYY", False
    if gd["r"] is not None:
        return _resolve_relative(g, gd, pub)
    if gd["w"] is not None:
        weekday_key = phrase(gd["w_day"])
        pre = phrase(gd["w_pre"]) if gd["w_pre"] else ""
        shift = g.modifiers.get(phrase(gd["w_mod"])) if gd["w_mod"] else None
        if weekday_key in g.ambiguous_weekdays and not pre and shift is None:
            return None
        if pub is None:
            return "weekday", "", "", False
        anchor = g.weekday_anchor.get(pre, "none")
        day = dates.weekday_date(pub, g.weekdays[weekday_key], anchor, shift)
        return "weekday", day.isoformat(), "YYYY-MM-DD", False
    if gd["mm"] is not None:
        month, name = _first_month(g, gd["mm_month"])
        shift = g.modifiers.get(phrase(gd["mm_mod"])) if gd["mm_mod"] else None
        if name in g.ambiguous_months and shift is None and not gd["mm_prep"] and not gd["mm_shahr"]:
            return None
        if pub is None:
            return "month", "", "", False
        return "month", dates.iso(dates.recent_month(pub, month, shift), "YYYY-MM"), "YYYY-MM", False
    if gd["p"] is not None:
        unit = g.periods[phrase(gd["p_noun1"] or gd["p_noun"])]
        shift = 0 if gd["p_dem"] else g.modifiers[phrase(gd["p_mod"])]
        if pub is None or unit == "week":  # a week has no ISO value of the three precisions
            return "period", "", "", False
        if unit == "year":
            return "period", dates.year_text(pub.year + shift), "YYYY", False
        return "period", dates.iso(dates.add_months(pub, shift), "YYYY-MM"), "YYYY-MM", False
    if gd["d"] is not None:
        if pub is None:
            return "deictic", "", "", False
        return "deictic", (pub + dt.timedelta(days=g.deictic[phrase(gd["d"])])).isoformat(), "YYYY-MM-DD", False
    return None


def _resolve_relative(g: Grammar, gd: dict, pub: dt.date | None):
    """منذ/قبل/بعد + a counted unit. "بعد N U من <event>" dates the earlier event: publication − N."""
    if gd["r_dual"]:
        unit, count = g.units[phrase(gd["r_dual"])]
    elif gd["r_one"]:
        unit, count = g.units[phrase(gd["r_one"])][0], 1
    else:
        unit, count = g.units[phrase(gd["r_unit"])][0], arabic.number_value(gd["r_num"])
    from_event = bool(gd["r_from"])
    if pub is None or not count:
        return "relative", "", "", from_event
    sign = -1 if from_event else g.directions[phrase(gd["r_dir"])]
    n = sign * count * int(g.unit_info[unit]["factor"])
    if unit in ("year", "decade"):
        return "relative", dates.year_text(pub.year + n), "YYYY", from_event
    if unit == "month":
        return "relative", dates.iso(dates.add_months(pub, n), "YYYY-MM"), "YYYY-MM", from_event
    days = n * (7 if unit == "week" else 1)
    return "relative", (pub + dt.timedelta(days=days)).isoformat(), "YYYY-MM-DD", from_event


#: How far before an anchor an expression may start (words, characters): two words before a month or a
#: weekday ("صباح اليوم الأربعاء"), five before a unit ("منذ ما يقرب من 24 عاما", "بعد خمسة وعشرين عاما").
_BACK_WORDS, _BACK_UNIT_WORDS, _BACK_CHARS = 2, 5, 48
_WORD = re.compile(r"\S+")


def _matches(g: Grammar, view: str) -> Iterator[re.Match]:
    """Non-overlapping grammar matches, leftmost first (what finditer gives), found from the anchors."""
    last_end = 0
    for p, anchor in scan(g.anchors, view):
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


def tag_view(view: arabic.FoldedText, pub: dt.date | None) -> list[Expression]:
    """The expressions of a text given as its folded view (`arabic.fold_with_offsets`), resolved against `pub`."""
    g = grammar()
    text = view.original
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
        start, end = original_span(view, vs, ve)
        found.append(Expression(start, end, text[start:end], value, precision, family, vs, ve, from_event))
        if name == "y" and m.group("y_more"):
            found.extend(_more_years(view, m))
    return found


def _more_years(view: arabic.FoldedText, m: re.Match) -> Iterator[Expression]:
    """The further years of "عامي 2001 و2007" as expressions of their own."""
    base = m.start("y_more")
    for year in re.finditer(r"\d{4}", m.group("y_more")):
        vs, ve = base + year.start(), base + year.end()
        start, end = original_span(view, vs, ve)
        yield Expression(start, end, view.original[start:end], year.group(), "YYYY", "year", vs, ve)


def tag(text: str, published=None) -> list[Expression]:
    """Find and resolve the temporal expressions of one (clean) article text.

    Args:
        text: the article text, e.g. "أجرى الرئيس الروسي، اليوم الأربعاء، مباحثات في بيونغ يانغ"
            (the Russian president held talks in Pyongyang today, Wednesday).
        published: the publication date (date, datetime, Timestamp, ISO string) or None/NaT; a value that is
            no calendar date (a negative year) counts as none.
    Returns:
        Expressions in text order; e.g. "اليوم الأربعاء" published 2024-06-19 → value "2024-06-19",
        precision "YYYY-MM-DD". Without a publication date, relative expressions keep an empty value.
    """
    return tag_view(arabic.fold_with_offsets(text), dates.as_date(published))


def expressions(articles: pd.DataFrame) -> pd.DataFrame:
    """Tag every article (clean text, `published`) → DataFrame[doc_id,start,end,text,value,precision]."""
    rows = [(doc, e.start, e.end, e.text, e.value, e.precision)
            for doc, text, pub in zip(articles["doc_id"], articles["text"], articles["published"], strict=True)
            for e in tag(text, pub)]
    return pd.DataFrame(rows, columns=EXPRESSION_COLUMNS)
