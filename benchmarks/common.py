"""What every benchmark script shares: where the reference corpus is, and how a results table is printed."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CANDIDATES = [base / "shared" / "corpora" / "saudinewsnet" for base in (ROOT.parent, ROOT.parent.parent)]


def saudinewsnet() -> Path | None:
    """../shared/corpora/saudinewsnet beside the checkout (or beside a folder of git worktrees), if present."""
    return next((path for path in _CANDIDATES if path.is_dir()), None)


#: The default corpus of every benchmark (the first candidate when none exists, so errors name a real place).
DEFAULT_CORPUS = saudinewsnet() or _CANDIDATES[0]


def write_results(results: Path, name: str, preamble: list[str], table) -> None:
    """Write results/<name>.csv and results/<name>.md (preamble lines, then the table) and print the page."""
    from arnews import files

    files.write_csv(table, results / f"{name}.csv")
    page = "\n".join([*preamble, *markdown_table(table), ""])
    files.write_text(results / f"{name}.md", page)
    print(page)


def markdown_table(table) -> list[str]:
    """The rows of a pipe table for a results .md file (no tabulate needed)."""
    return [
        "| " + " | ".join(table.columns) + " |",
        "|" + "---|" * len(table.columns),
        *("| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)),
    ]
