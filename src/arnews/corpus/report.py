"""What a load met: each problem (file, record, reason, action), the report of a load, and `--strict`."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arnews.errors import InputError, printable

__all__ = ["LOG_PER_KIND", "LoadReport", "Problem", "Sink", "record_label", "report_of", "strict_error"]

#: Log at most this many messages of one kind; the rest are counted (all are in the report's table).
LOG_PER_KIND = 5

logger = logging.getLogger("arnews.corpus")

# ---------------------------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and what the loader did about it.

    Args:
        file: the file concerned (a zip member as `archive.zip/member.json`).
        reason: what is wrong, in plain words.
        action: what the loader did (skipped, repaired, dropped, kept, …).
        record: which record or line of the file, when relevant.
        kind: a short code for grouping (empty, binary, undecodable, duplicate, …).
    """

    file: str
    reason: str
    action: str
    record: str = ""
    kind: str = ""

    @property
    def where(self) -> str:
        return f"{self.file} {self.record}" if self.record else self.file

    def message(self) -> str:
        """The one-line message: where, why, and what was done (control and bidi characters escaped)."""
        return printable(f"{self.where}: {self.reason}: {self.action}")


@dataclass(frozen=True)
class LoadReport:
    """What a load read and what went wrong; kept at `articles.attrs["load_report"]`.

    Args:
        files: source files read (a zip counts once).
        records: articles found in them, before skipping and de-duplicating.
        articles: rows of the returned table.
        problems: every problem, in the order met.
        ignored: files of other types that were not read (README.md, images…).
    """

    files: int = 0
    records: int = 0
    articles: int = 0
    problems: tuple[Problem, ...] = ()
    ignored: tuple[str, ...] = ()

    def __deepcopy__(self, memo):
        # pandas deep-copies attrs on every operation; the report is immutable, so share it.
        return self

    def table(self, per_kind: int | None = None, relative_to: str | Path | None = None) -> pd.DataFrame:
        """The problems as a table (file, record, kind, reason, action).

        Args:
            per_kind: keep only the first this many problems of each kind (a sample of every kind).
            relative_to: show file names relative to this folder (the corpus path) where possible.
        """
        shown, rows = Counter(), []
        for p in self.problems:
            shown[p.kind] += 1
            if per_kind is None or shown[p.kind] <= per_kind:
                rows.append((_relative(p.file, relative_to), p.record, p.kind, p.reason, p.action))
        return pd.DataFrame(rows, columns=["file", "record", "kind", "reason", "action"])

    def counts(self) -> pd.DataFrame:
        """How many problems of each kind, most frequent first."""
        counts = Counter((p.kind, p.action) for p in self.problems)
        rows = [(kind, action, n) for (kind, action), n in counts.most_common()]
        return pd.DataFrame(rows, columns=["kind", "action", "problems"])

    def summary(self) -> str:
        """One line, e.g. 'loaded 5 articles from 6 files; skipped 1 file; 2 exact duplicates dropped'."""
        counted = Counter()
        for problem in self.problems:
            counted[next((label for label, test in _SUMMARY if test(problem)), "other")] += 1
        head = f"loaded {_n(self.articles, 'article')} from {_n(self.files, 'file')}"
        if self.records != self.articles:
            head += f" ({self.records} records read)"
        parts = [head] + [template.format(_n(counted[label], *nouns)) for label, nouns, template in _SUMMARY_TEXT
                          if counted[label]]
        if self.ignored:
            parts.append(f"ignored {_n(len(self.ignored), 'file')} of other types")
        return "; ".join(parts)

    def log(self, per_kind: int = LOG_PER_KIND, more: str = "see corpus.report_of(articles).table()") -> None:
        """Log each problem as one warning (at most `per_kind` per kind), then the summary.

        Args:
            per_kind: how many messages of one kind to show; the rest are counted.
            more: where the reader finds the ones not shown.
        """
        shown = Counter()
        for problem in self.problems:
            shown[problem.kind] += 1
            if shown[problem.kind] <= per_kind:
                logger.warning(problem.message())
        for kind, n in shown.items():
            if n > per_kind:
                logger.warning(f"… and {n - per_kind} more '{kind}' problems ({more})")
        (logger.warning if self.problems else logger.info)(self.summary())


#: Summary categories, first match wins.
_SUMMARY = (
    ("skipped files", lambda p: p.action == "skipped" and not p.record),
    ("skipped records", lambda p: p.action == "skipped"),
    ("repaired", lambda p: p.action.startswith("repaired")),
    ("windows-1256", lambda p: p.kind == "windows-1256"),
    ("duplicate", lambda p: p.kind == "duplicate"),
    ("syndicated", lambda p: p.kind == "syndicated"),
    ("near-duplicate", lambda p: p.kind == "near-duplicate"),
    ("dates", lambda p: p.kind in ("no-date", "bad-date")),
)
_SUMMARY_TEXT = (
    ("skipped files", ("file",), "skipped {}"),
    ("skipped records", ("record",), "skipped {}"),
    ("repaired", ("file or record", "files or records"), "repaired {}"),
    ("windows-1256", ("file",), "{} decoded as Windows-1256"),
    ("duplicate", ("exact duplicate",), "{} dropped"),
    ("syndicated", ("copy", "copies"), "{} of another outlet's text kept"),
    ("near-duplicate", ("near-duplicate",), "{} reported"),
    ("dates", ("article",), "{} without a valid date"),
    ("other", ("other problem",), "{}"),
)


def _relative(file: str, folder: str | Path | None) -> str:
    if folder is None or not Path(folder).is_dir():
        return file
    try:
        return Path(file).relative_to(folder).as_posix()
    except ValueError:
        return file


def _n(n: int, singular: str, plural: str | None = None) -> str:
    """'1 file', '3 files'."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def report_of(articles: pd.DataFrame) -> LoadReport:
    """The LoadReport of a table returned by `load` or `load_source` (an empty report if it has none)."""
    return articles.attrs.get("load_report") or LoadReport(articles=len(articles))


class Sink:
    """Collects problems; in strict mode the first one becomes an InputError."""

    def __init__(self, strict: bool):
        self.strict = strict
        self.problems: list[Problem] = []
        self.ignored: list[str] = []

    def add(self, kind: str, file, reason: str, action: str, record: str = "") -> None:
        problem = Problem(str(file), reason, action, record, kind)
        if self.strict:
            raise strict_error(problem)
        self.problems.append(problem)


def strict_error(problem: Problem) -> InputError:
    """The error `--strict` stops with: the problem's file and reason, on one line."""
    return InputError(problem.where, f"{problem.reason} (--strict: stopped at the first problem)")


def record_label(index: int | None, width: int) -> str:
    """'record #00012' for record 12 of a file (indices padded to `width` digits); '' for a whole file."""
    return "" if index is None else f"record #{index:0{width}d}"
