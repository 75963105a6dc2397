"""Date arithmetic of the resolver: small pure functions over `datetime.date`, seen from the publication date.

Every function either returns a date or raises ValueError/OverflowError (a 31 June, a year before 1 or after
9999): the resolver turns those into an empty value, never a crash.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

__all__ = ["DIRECTIONS", "add_months", "as_date", "clock", "day_month",
           "direction_of", "hijri", "hijri_date", "hijri_in_year",
           "iso", "month_date", "week_month", "weekday_date", "year_text"]

#: Which occurrence of a date without a year is meant, seen from publication: the latest on or before it
#: ("past", what a report of a happening means), the first on or after it ("future"), the nearest, strictly
#: before ("before": الماضي), strictly after ("after": المقبل), or the one of the current year or month
#: ("current": الجاري).
DIRECTIONS = ("past", "future", "nearest", "before", "after", "current")


def as_date(published) -> dt.date | None:
    """A publication date (date, datetime, Timestamp, ISO string) as a date; None when missing or not a date a
    calendar holds (a negative year, «2015-13-40», text).

    Example: as_date("2015-07-24T02:11:00") → date(2015, 7, 24); as_date("-0044-03-15") → None.
    """
    if published is None or published is pd.NaT:
        return None
    try:
        if isinstance(published, dt.datetime):  # also a pandas Timestamp, which may hold a year before 1
            return published.date()
        if isinstance(published, dt.date):
            return published
        if pd.isna(published):
            return None
        return pd.Timestamp(published).date()
    except (TypeError, ValueError, OverflowError, ArithmeticError, NotImplementedError):
        return None


def clock(published) -> dt.time | None:
    """The wall-clock time of a publication timestamp (datetime, Timestamp, ISO string); None when it gives no
    time: a date, a missing value, or a time of exactly 00:00:00 (a date written as a timestamp).

    Example: clock("2015-07-21 02:39:30") → time(2, 39, 30); clock("2015-07-21") → None.
    """
    if published is None or published is pd.NaT or (isinstance(published, dt.date)
                                                    and not isinstance(published, dt.datetime)):
        return None
    try:
        stamp = published if isinstance(published, dt.datetime) else pd.Timestamp(published)
        if pd.isna(stamp):
            return None
        time = stamp.time()
    except (TypeError, ValueError, OverflowError, ArithmeticError, NotImplementedError):
        return None
    return None if time == dt.time(0) else time


def year_text(year: int) -> str:
    """A year as ISO YYYY; ValueError outside 1…9999 (منذ 3200 عام has no ISO 8601 year of four digits)."""
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} out of range")
    return f"{year:04d}"


def iso(day: dt.date, precision: str) -> str:
    """`day` written at a precision: YYYY, YYYY-MM or YYYY-MM-DD."""
    return {"YYYY": f"{day.year:04d}", "YYYY-MM": f"{day.year:04d}-{day.month:02d}"}.get(precision, day.isoformat())


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after (or before) the month of `day`."""
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def direction_of(shift: int | None, default: str = "past") -> str:
    """The direction a modifier's shift names (−1 الماضي, 0 الجاري, +1 المقبل), else `default`."""
    if shift is None:
        return default
    return "before" if shift < 0 else "after" if shift > 0 else "current"


def _choose(candidates: list[tuple[tuple, object]], now: tuple, direction: str):
    """The candidate (key, value) a direction picks; keys are comparable positions in time (year, month, …)."""
    keep = {"past": lambda k: k <= now, "future": lambda k: k >= now, "before": lambda k: k < now,
            "after": lambda k: k > now}.get(direction, lambda k: True)
    found = [(k, v) for k, v in candidates if keep(k)]
    if not found:
        raise ValueError(f"no {direction} occurrence")
    if direction in ("past", "before"):
        return max(found)[1]
    if direction in ("future", "after"):
        return min(found)[1]
    return min(found, key=lambda kv: (abs(_distance(kv[0], now)), _distance(kv[0], now) > 0))[1]


def _distance(key: tuple, now: tuple) -> float:
    return sum((a - b) * w for a, b, w in zip(key, now, (400, 32, 1), strict=False))


def month_date(pub: dt.date, month: int, direction: str = "past") -> dt.date:
    """The first day of the month named, seen from publication (see DIRECTIONS)."""
    if direction == "current":
        return dt.date(pub.year, month, 1)
    candidates = [((year, month), dt.date(year, month, 1)) for year in (pub.year - 1, pub.year, pub.year + 1)]
    return _choose(candidates, (pub.year, pub.month), direction)


def day_month(pub: dt.date, day: int, month: int, direction: str = "past") -> dt.date:
    """A day and month without a year, seen from publication (see DIRECTIONS; "past" is the latest such date
    not after publication)."""
    if direction == "current":
        return dt.date(pub.year, month, day)
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(((year, month, day), dt.date(year, month, day)))
        except ValueError:  # 29 February of a common year
            continue
    return _choose(candidates, (pub.year, pub.month, pub.day), direction)


def hijri_date(pub: dt.date, month: int, day: int | None, direction: str = "past") -> dt.date:
    """A Hijri day and month (or a month: `day` None) without a year, seen from publication in the Hijri
    calendar (see DIRECTIONS); a month is dated by its 15th day."""
    from hijridate import Gregorian

    now = Gregorian(pub.year, pub.month, pub.day).to_hijri()
    key_now = (now.year, now.month) if day is None else (now.year, now.month, now.day)
    if direction == "current":
        return hijri(now.year, month, day or 15)
    candidates = [(((year, month) if day is None else (year, month, day)), year)
                  for year in (now.year - 1, now.year, now.year + 1)]
    return hijri(_choose(candidates, key_now, direction), month, day or 15)


def weekday_date(pub: dt.date, weekday: int, anchor: str, shift: int | None) -> dt.date:
    """Resolve a weekday against the publication date.

    today ("اليوم الأربعاء"): the publication day if it is that weekday, else the latest one before it;
    yesterday ("أمس الثلاثاء") or a modifier −1 ("الخميس الماضي"): the latest one strictly before publication;
    tomorrow ("غدا الاثنين"): the one nearest the day after publication (the day an article was written may be
    a day or two before the date it carries); +1 ("الخميس المقبل"): the first one strictly after; "past": the
    latest on or before publication (a verb in the past tense: "وقعت الهجمات السبت"); "future": the first on or after it
    ("ستزور السعودية الاثنين"); else ("يوم الأربعاء" and a present tense): the one within three days of
    publication (news reports the days around it: "يجتمع الخبراء الاثنين").
    """
    back = (pub.weekday() - weekday) % 7
    if anchor == "today":
        return pub - dt.timedelta(days=back)
    if anchor == "yesterday" or shift == -1 or anchor == "before":
        return pub - dt.timedelta(days=back or 7)
    if anchor == "tomorrow":  # the one nearest the day after publication (a crawl date may lag a day or two)
        ahead = (weekday - pub.weekday() - 1) % 7
        return pub + dt.timedelta(days=1 + (ahead if ahead <= 3 else ahead - 7))
    if (shift or 0) >= 1 or anchor == "after":  # «الأربعاء بعد المقبل»: a week later
        return pub + dt.timedelta(days=((weekday - pub.weekday()) % 7 or 7) + 7 * max(0, (shift or 1) - 1))
    if anchor == "past":
        return pub - dt.timedelta(days=back)
    if anchor == "future":
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
    return pub - dt.timedelta(days=back) if back <= 3 else pub + dt.timedelta(days=7 - back)


def week_month(pub: dt.date, shift: int, first_weekday: int) -> dt.date | None:
    """The month of the week `shift` weeks from the one holding publication (weeks start on `first_weekday`,
    Monday=0), or None when that week runs over two months."""
    start = pub - dt.timedelta(days=(pub.weekday() - first_weekday) % 7) + dt.timedelta(weeks=shift)
    end = start + dt.timedelta(days=6)
    return dt.date(start.year, start.month, 1) if (start.year, start.month) == (end.year, end.month) else None


def hijri_in_year(year: int, month: int, day: int | None) -> dt.date:
    """The Gregorian date of a Hijri day and month (a month: its 15th) that falls in the Gregorian `year`
    («رمضان من العام الماضي»: the Ramadan of last year); ValueError when none does."""
    from hijridate import Gregorian

    first = Gregorian(year, 1, 1).to_hijri().year
    for hijri_year in (first, first + 1):
        date = hijri(hijri_year, month, day or 15)
        if date.year == year:
            return date
    raise ValueError(f"no Hijri month {month} in {year}")


def hijri(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Hijri (Umm al-Qura) date; ValueError outside the table."""
    from hijridate import Hijri

    return Hijri(year, month, day).to_gregorian()
