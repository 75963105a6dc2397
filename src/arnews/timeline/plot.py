"""The timeline figure: events on a time axis broken where long stretches are empty, labelled in Arabic."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from arnews.timeline.views import top_events

__all__ = ["plot_timeline"]


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
