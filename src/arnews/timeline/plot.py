"""The timeline figure: events on a time axis broken where whole years are empty, labelled in Arabic."""

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


def plot_timeline(table: pd.DataFrame, title: str = "الخط الزمني للأحداث", max_events: int = 25):
    """Draw events on a timeline: one row per event, the x axis broken where years are empty.

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
    # years with events, grouped; an empty stretch of more than two years becomes a break between panels
    years = sorted({int(x) for x in shown["x"]})
    clusters = [[years[0]]]
    for year in years[1:]:
        if year - clusters[-1][-1] <= 2:
            clusters[-1].append(year)
        else:
            clusters.append([year])
    widths = [max(2, c[-1] - c[0] + 1) for c in clusters]
    fig, axes = plt.subplots(1, len(clusters), sharey=True, figsize=(12, 0.4 * len(shown) + 1.8),
                             gridspec_kw={"width_ratios": widths, "wspace": 0.08}, squeeze=False)
    axes = axes[0]
    colors = plt.get_cmap("tab10")
    types = sorted(shown["type"].unique())
    for ax, cluster in zip(axes, clusters, strict=True):
        low, high = cluster[0], cluster[-1] + 1
        inside = shown[(shown["x"] >= low) & (shown["x"] < high)]
        for row in inside.itertuples():
            ax.plot([row.x], [row.Index], "o", color=colors(types.index(row.type) % 10), markersize=7)
            ax.annotate(row.date, (row.x, row.Index), xytext=(6, 0), textcoords="offset points", va="center",
                        fontsize=7, color="0.35")
        span = high - low
        ax.set_xlim(low - 0.1, high + 0.35 * span)  # room for the date written right of the last dot
        step = 1 if span <= 8 else 5
        ax.set_xticks(range(low, high, step))
        ax.tick_params(axis="x", labelsize=8)
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
