"""Arabic text in matplotlib figures. (Skeleton: issue #3 fills this module.)"""

from __future__ import annotations

from pathlib import Path


def ar(text: str) -> str:
    """Skeleton: returns the text unchanged (matplotlib >= 3.11 shapes Arabic itself)."""
    return text


def barh(labels, values, *, title: str = "", xlabel: str = "", ax=None):
    """Horizontal bar chart for Arabic categories (labels on the right, largest at the top).

    Skeleton signature; issue #3 implements it. Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    fig, ax = (ax.figure, ax) if ax is not None else plt.subplots(figsize=(7, 0.35 * len(labels) + 1))
    ax.barh(range(len(labels)), list(values))
    ax.set_yticks(range(len(labels)), [ar(label) for label in labels])
    ax.invert_yaxis()
    ax.set_title(ar(title))
    ax.set_xlabel(ar(xlabel))
    return fig


def savefig(fig, name: str, out: str | Path = ".") -> Path:
    """Save `fig` as `out/figures/<name>.png` at 150 dpi; returns the path."""
    path = Path(out) / "figures" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150, bbox_inches="tight")
    return path
