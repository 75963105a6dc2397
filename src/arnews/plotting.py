"""Arabic text in matplotlib figures. (Skeleton: issue #3 fills this module.)"""

from __future__ import annotations

from pathlib import Path




def ar(text: str) -> str:
    """Skeleton: returns the text unchanged (matplotlib >= 3.11 shapes Arabic itself)."""
    return text


def savefig(fig, name: str, out: str | Path = ".") -> Path:
    """Save `fig` as `out/figures/<name>.png` at 150 dpi; returns the path."""
    path = Path(out) / "figures" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150, bbox_inches="tight")
    return path
