"""What the tagger hands on: an `Expression` (a span of the text, its ISO value and precision), and for an
expression whose value depends on the words around it, what is left to decide (`Pending`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Expression", "Pending"]


@dataclass(frozen=True)
class Expression:
    """One temporal expression. start/end: offsets into the clean text; value: ISO date or "" (unresolved).

    family: full, numeric, hijri, month_year, year, relative, weekday, month, period, deictic, same.
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


@dataclass(frozen=True)
class Pending:
    """What the context of an expression decides (`arnews.timeline.context`).

    kind: "weekday" (a weekday without today/yesterday/tomorrow or a modifier: the tense of its verb picks
    the week), "day_month" and "month" (a Gregorian date or month without a year: the tense picks the year),
    "hijri_day" and "hijri_month" (the same in the Hijri calendar; `shift` from a modifier when one is
    written), "same" (the year, month or day named before: «العام نفسه»; with `month`/`day` when a date or a
    month stands before it: «20 فبراير من العام نفسه»).
    """

    kind: str
    weekday: int = 0
    month: int = 0
    day: int = 0
    shift: int | None = None
    unit: str = ""  # for "same": year, month or day; with hijri=True the year is a Hijri one
    hijri: bool = False
    ambiguous: bool = False  # a weekday that is also a word (الاثنين "the two")
    clitic: str = ""  # the proclitic written on a weekday (بالاثنين: "with the two")
