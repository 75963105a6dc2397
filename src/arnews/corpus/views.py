"""Views of a loaded corpus for notebooks and reports: the article table, counts by outlet and date, and
the lengths chart.

Text shown in a chart or as a table's label has its bidi controls (U+202A–202E, U+2066–2069, LRM, RLM,
ALM) removed: in a title they would reorder what the reader sees.
"""

from __future__ import annotations

import pandas as pd

from arnews.arabic.chars import BIDI_CONTROL_PATTERN

__all__ = ["article_table", "counts_by_date", "counts_by_outlet", "length_chart"]


def article_table(articles: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The article table without text, with character counts; the first `limit` rows if given."""
    table = articles.drop(columns="text").assign(chars=articles["text"].str.len())
    return table if limit is None else table.head(limit)


def counts_by_outlet(articles: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Articles per outlet (most first; '(unknown)' for none), the `top` largest."""
    outlets = articles["outlet"].str.replace(BIDI_CONTROL_PATTERN, "", regex=True).replace("", "(unknown)")
    counts = outlets.value_counts().rename_axis("outlet").reset_index(name="articles")
    return counts.sort_values(["articles", "outlet"], ascending=[False, True], kind="stable").head(top)


def counts_by_date(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per day (per month beyond 62 days, per year beyond 5 years), plus '(no date)'."""
    dates = articles["published"].dropna()
    span = (dates.max() - dates.min()).days if len(dates) else 0
    unit, fmt = ("D", "%Y-%m-%d") if span <= 62 else ("M", "%Y-%m") if span <= 5 * 366 else ("Y", "%Y")
    periods = dates.dt.to_period(unit).dt.strftime(fmt)
    counts = periods.value_counts().sort_index().rename_axis("period").reset_index(name="articles")
    missing = int(articles["published"].isna().sum())
    if missing:
        counts = pd.concat([counts, pd.DataFrame({"period": ["(no date)"], "articles": [missing]})],
                           ignore_index=True)
    return counts


def _label(title: str, doc_id: str, width: int = 80) -> str:
    label = " ".join(BIDI_CONTROL_PATTERN.sub("", title).split()) or BIDI_CONTROL_PATTERN.sub("", doc_id)
    return label if len(label) <= width else label[: width - 1] + "…"


def length_chart(articles: pd.DataFrame, top: int = 15, bars_up_to: int = 30):
    """Article lengths in characters, labelled with the titles (plotting.barh).

    `articles` holds the text, or (a clean store's table) the raw length in a `chars` column. Up to
    `bars_up_to` articles: one bar per article. More: a histogram of all lengths beside the `top` longest.

    Returns:
        The matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    from arnews import plotting

    lengths = articles["chars"] if "chars" in articles else articles["text"].str.len()
    labels = [_label(t, d) for t, d in zip(articles["title"], articles["doc_id"], strict=True)]
    if len(articles) <= bars_up_to:
        return plotting.barh(labels, lengths.tolist(), title="Article lengths", xlabel="characters")
    longest = lengths.sort_values(ascending=False, kind="stable").head(top)
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 0.35 * top + 1.5), width_ratios=[1, 1.4])
    left.hist(lengths, bins=50, color="#4c72b0")
    left.set_title(f"Lengths of all {len(articles)} articles")
    left.set_xlabel("characters")
    left.set_ylabel("articles")
    plotting.barh([labels[i] for i in longest.index], longest.tolist(), title=f"The {top} longest articles",
                  xlabel="characters", ax=right)
    fig.tight_layout()
    return fig
