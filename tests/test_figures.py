"""Figures that stay readable on a large corpus: a crowded period of the timeline gets a panel of its own."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from arnews import timeline

#: Events as SaudiNewsNet's timeline finds them (articles of July–August 2015): 11 of 15 within six weeks, a
#: few years away. Labels: "invasion of Iraq", "arrival in Riyadh", "summit in Riyadh", "attack in Kuwait",
#: "ceremony in Riyadh", "attack in Iraq", "visit to Riyadh", "election in the United States".
EVENTS = [
    ("2003", "YYYY", "غزو العراق", "invasion"),
    ("2014-07-23", "YYYY-MM-DD", "وصول إلى الرياض", "arrival"),
    ("2015-01", "YYYY-MM", "قمة في الرياض", "summit"),
    ("2015-06-26", "YYYY-MM-DD", "هجوم في الكويت", "attack"),
    ("2015-07-14", "YYYY-MM-DD", "حفل في الرياض", "ceremony"),
    ("2015-07-22", "YYYY-MM-DD", "هجوم في العراق", "attack"),
    ("2015-07-23", "YYYY-MM-DD", "وصول إلى الرياض", "arrival"),
    ("2015-07-24", "YYYY-MM-DD", "زيارة إلى الرياض", "visit"),
    ("2015-07-25", "YYYY-MM-DD", "هجوم في العراق", "attack"),
    ("2015-07-26", "YYYY-MM-DD", "وصول إلى الرياض", "arrival"),
    ("2015-08-01", "YYYY-MM-DD", "هجوم في العراق", "attack"),
    ("2015-08-02", "YYYY-MM-DD", "قمة في الرياض", "summit"),
    ("2015-08-03", "YYYY-MM-DD", "قمة في الكويت", "summit"),
    ("2015-08-09", "YYYY-MM-DD", "وصول إلى الرياض", "arrival"),
    ("2016-11", "YYYY-MM", "انتخابات الولايات المتحدة", "election"),
]


def events() -> pd.DataFrame:
    rows = [{"date": date, "precision": precision, "label": label, "label_en": kind, "type": kind,
             "doc_ids": "|".join(f"d{i}-{k}" for k in range(3)), "evidence": "", "mentions": 3,
             "participants": "الرياض"} for i, (date, precision, label, kind) in enumerate(EVENTS)]
    return pd.DataFrame(rows)


def dot_positions(fig) -> dict[str, tuple[float, float]]:
    """Where each event's dot is drawn (pixels), by its date (written beside it)."""
    found = {}
    for ax in fig.axes:
        for note in ax.texts:
            found[note.get_text()] = tuple(ax.transData.transform(note.xy))
    return found


def test_events_days_apart_stay_apart_when_years_are_on_the_same_figure():
    fig = timeline.plot_timeline(events(), max_events=20)
    fig.canvas.draw()
    dots = dot_positions(fig)
    assert set(dots) == {date for date, *_ in EVENTS}
    # One day apart in the crowded weeks of July 2015: apart on the page (at least 8 pixels at 100 dpi, more
    # than a dot's radius; 12 in the saved figure). On a single axis from 2003 to 2016 they were 0.2 px apart.
    assert dots["2015-07-23"][0] - dots["2015-07-22"][0] > 8
    assert dots["2015-07-24"][0] - dots["2015-07-23"][0] > 8
    # The crowded weeks have a panel of their own, at the scale of days, labelled with dates.
    july = next(ax for ax in fig.axes if ax.get_xlim()[0] < 2015.55 < ax.get_xlim()[1])
    assert july.get_xlim()[1] - july.get_xlim()[0] < 0.25
    assert any(label.get_text().startswith("2015-07-") for label in july.get_xticklabels())
    # Time still runs left to right across the panels.
    order = [dots[date][0] for date, *_ in EVENTS]
    assert order == sorted(order)
    plt.close(fig)


def test_a_handful_of_events_in_one_month_get_one_panel():
    fig = timeline.plot_timeline(events().iloc[4:10], max_events=20)
    assert len(fig.axes) == 1
    plt.close(fig)
