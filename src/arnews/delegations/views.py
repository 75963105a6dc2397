"""Views of the members table for notebook 05 and reports: lists, one article side by side, people × articles,
members by sector (and its chart, laid out right to left).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["NOTHING_FOUND", "appearances", "delegation", "describe", "lists", "main_article", "other_lists",
           "plot_sectors", "sector_counts", "side_by_side"]

NOTHING_FOUND = "no delegation lists found"


def describe(members: pd.DataFrame, articles: pd.DataFrame) -> str:
    """One line for the reader: how many members, lists and articles, or that none were found."""
    if members.empty:
        return f"{NOTHING_FOUND} in {len(articles)} article{'' if len(articles) == 1 else 's'}"
    lists = members[["doc_id", "evidence"]].drop_duplicates().shape[0]
    return (f"{len(members)} members ({members['canonical_name'].nunique()} people) in {lists} list sentences "
            f"of {members['doc_id'].nunique()} / {len(articles)} articles")


def lists(members: pd.DataFrame, articles: pd.DataFrame | None = None, top: int | None = None) -> pd.DataFrame:
    """One row per list (article, side): published date and outlet when known, member count, the people.

    Largest lists first; `top` keeps the first rows (large corpora).
    """
    columns = ["doc_id", "published", "outlet", "side", "members", "people"]
    if members.empty:
        return pd.DataFrame(columns=columns)
    table = (members.groupby(["doc_id", "side"], sort=False)
             .agg(members=("name", "size"), people=("canonical_name", "، ".join)).reset_index())
    meta = (articles[["doc_id", "published", "outlet"]] if articles is not None
            else pd.DataFrame(columns=["doc_id", "published", "outlet"]))
    table = table.merge(meta.astype({"doc_id": str}), on="doc_id", how="left")[columns]
    table = table.sort_values(["members", "doc_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return table.head(top) if top else table


def main_article(members: pd.DataFrame) -> str | None:
    """The article whose lists name the most sides, then the most members (the meeting of two delegations)."""
    if members.empty:
        return None
    per_doc = members.groupby("doc_id").agg(sides=("side", "nunique"), members=("name", "size"))
    return str(per_doc.sort_values(["sides", "members"], ascending=False, kind="stable").index[0])


def delegation(members: pd.DataFrame, doc_id: str | None) -> pd.DataFrame:
    """The members listed in one article (side, n within the side, title, name, canonical_name, sector)."""
    table = members[members["doc_id"] == doc_id][["side", "title", "name", "canonical_name", "sector"]]
    table = table.assign(n=table.groupby("side", sort=False).cumcount() + 1)
    return table[["side", "n", "title", "name", "canonical_name", "sector"]].reset_index(drop=True)


def side_by_side(members: pd.DataFrame, doc_id: str | None) -> pd.DataFrame:
    """One article's delegations as columns: row n holds the n-th member of each side ("title — name")."""
    table = delegation(members, doc_id)
    if table.empty:
        return pd.DataFrame({NOTHING_FOUND: []})
    table = table.assign(member=table["title"] + " — " + table["name"])
    wide = table.pivot(index="n", columns="side", values="member")
    return wide[list(dict.fromkeys(table["side"]))].fillna("")


def other_lists(members: pd.DataFrame, doc_id: str | None, top: int = 40) -> pd.DataFrame:
    """Members of the lists outside article `doc_id` (e.g. the officials accompanying a leader), first `top`."""
    rest = members[members["doc_id"] != doc_id][["doc_id", "side", "title", "name", "canonical_name", "sector"]]
    return rest.head(top).reset_index(drop=True)


def appearances(members: pd.DataFrame, top: int | None = 25, max_articles: int = 12) -> pd.DataFrame:
    """Person × article: how often each canonical name is listed in each article.

    People listed most (then by name) come first, `top` of them; columns are the `max_articles` articles
    that list most of those people (all of them on a small corpus).
    """
    if members.empty:
        return pd.DataFrame({NOTHING_FOUND: []})
    table = pd.crosstab(members["canonical_name"], members["doc_id"])
    order = sorted(table.index, key=lambda name: (-int((table.loc[name] > 0).sum()), -int(table.loc[name].sum()),
                                                    name))
    table = table.loc[order[:top] if top else order]
    keep = sorted(table.columns, key=lambda doc: (-int((table[doc] > 0).sum()), doc))[:max_articles]
    return table[sorted(keep)]


def sector_counts(members: pd.DataFrame, top_sides: int = 4) -> pd.DataFrame:
    """Members per sector (rows, largest first) and side (columns: the `top_sides` largest sides; the
    rest summed as "other sides"; an unknown side shown as "?")."""
    if members.empty:
        return pd.DataFrame()
    sides_ = members["side"].replace("", "?")
    sizes = sides_.value_counts()
    largest = sorted(sizes.index, key=lambda side: (-sizes[side], side))[:top_sides]
    table = pd.crosstab(members["sector"], sides_.where(sides_.isin(largest), "other sides"))
    table = table[[s for s in largest if s in table.columns] + [c for c in table.columns if c not in largest]]
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def plot_sectors(counts: pd.DataFrame, title: str = "Delegation members by sector"):
    """Grouped horizontal bars, laid out right to left: one group per sector, one bar per side.

    Args:
        counts: `sector_counts(...)` (sectors × sides).
        title: figure title.
    Returns:
        The matplotlib Figure ("no delegation lists found" drawn when `counts` is empty).
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    from arnews import plotting

    sectors, sides_ = list(counts.index), list(counts.columns)
    fig, ax = plt.subplots(figsize=(7.5, 0.36 * len(sectors) * max(1, len(sides_)) ** 0.5 + 1.6),
                           layout="constrained")
    if not sectors:
        ax.set_axis_off()
        ax.text(0.5, 0.5, NOTHING_FOUND, ha="center", va="center", transform=ax.transAxes, color="0.4")
        ax.set_title(plotting.ar(title), loc="right")
        return fig
    height = 0.8 / len(sides_)
    base = np.arange(len(sectors))
    for n, side in enumerate(sides_):
        bars = ax.barh(base + n * height, counts[side].to_numpy(), height=height, label=plotting.ar(side))
        ax.bar_label(bars, labels=[str(v) if v else "" for v in counts[side]], padding=2, fontsize=8)
    ax.set_yticks(base + height * (len(sides_) - 1) / 2, plotting.ar_labels(sectors))
    ax.invert_yaxis()
    plotting.rtl_axes(ax, title=title, xlabel="members", flip_x=True)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(title="side", loc="lower left")
    for spine in ("top", "left"):
        ax.spines[spine].set_visible(False)
    return fig
