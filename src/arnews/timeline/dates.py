"""Date arithmetic of the resolver: small pure functions over `datetime.date`, seen from the publication date.

Every function either returns a date or raises ValueError/OverflowError (a 31 June, a year before 1 or after
9999): the resolver turns those into an empty value, never a crash.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

__all__ = ["add_months", "as_date", "day_month", "hijri", "iso", "recent_month", "weekday_date", "year_text"]


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


def recent_month(pub: dt.date, month: int, shift: int | None) -> dt.date:
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


def weekday_date(pub: dt.date, weekday: int, anchor: str, shift: int | None) -> dt.date:
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


def day_month(pub: dt.date, day: int, month: int) -> dt.date:
    """A day and month without a year: the latest such date not after publication."""
    candidate = dt.date(pub.year, month, day)
    return candidate if candidate <= pub else dt.date(pub.year - 1, month, day)


def hijri(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Hijri (Umm al-Qura) date; ValueError outside the table."""
    from hijridate import Hijri

    return Hijri(year, month, day).to_gregorian()
