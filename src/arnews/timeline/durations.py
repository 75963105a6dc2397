"""Durations: counted stretches of time ("استمر ساعتين", "نحو 11 ساعة", "ثلاثة أيام") with an ISO 8601 value.

A counted unit after منذ/قبل/بعد ("منذ 24 عاما") is a point in time, left to the tagger; every other counted
unit is a duration, not a timeline point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arnews import arabic
from arnews.timeline.grammar import grammar, phrase
from arnews.timeline.tagger import original_span

__all__ = ["Duration", "durations", "durations_in"]


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
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def durations_in(view: arabic.FoldedText, start: int = 0, end: int | None = None) -> list[Duration]:
    """The durations of view.text[start:end] (offsets of the Duration: into view.original)."""
    g = grammar()
    found = []
    for m in g.durations.finditer(view.text, start, len(view.text) if end is None else end):
        if m.group("dual"):
            unit, count = g.units[phrase(m.group("dual"))]
        else:
            unit = g.units[phrase(m.group("unit"))][0]
            raw = m.group("num").replace(",", ".")
            count = float(raw) if _DECIMAL.fullmatch(raw) else arabic.number_value(raw)
        if not count:
            continue
        # "منذ 24 عاما" is a point in time, not a stretch; hours after بعد ("بعد نحو 11 ساعة من") stay durations
        if g.unit_info[unit]["point"] == "yes" and g.point_before.search(view.text[max(0, m.start() - 12):m.start()]):
            continue
        factor = int(g.unit_info[unit]["factor"])
        amount = count * factor
        value = g.unit_info[unit]["iso"].replace("{n}", f"{amount:g}")
        s, e = original_span(view, *m.span())
        found.append(Duration(s, e, view.original[s:e], value, round(amount * _HOURS[unit] / factor, 2),
                              bool(m.group("approx"))))
    return found


def durations(text: str) -> list[Duration]:
    """Durations in a text: "استمر ساعتين" (lasted two hours) → Duration(value="PT2H", hours=2.0).

    Args:
        text: article text.
    Returns:
        Durations in text order; "منذ 24 عاما" and other منذ/قبل/بعد points are left to `tag`.
    """
    return durations_in(arabic.fold_with_offsets(text))
