"""Loading a corpus (or one of its source files) into a table of articles, with the report of what went
wrong."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arnews.corpus.duplicates import drop_duplicates, resolve_doc_ids
from arnews.corpus.listing import list_corpus
from arnews.corpus.metadata import check_dates, check_metadata_rows, find_metadata
from arnews.corpus.options import COLUMNS, LoadOptions
from arnews.corpus.readers import read
from arnews.corpus.records import Rows, check_fields
from arnews.corpus.report import LoadReport, Sink
from arnews.errors import InputError

__all__ = ["SourceArticles", "load", "load_source", "load_with_report", "read_source"]


class _ByReference(list):
    """A list that pandas keeps by reference when it copies a frame's attrs (it deep-copies them often)."""

    def __deepcopy__(self, memo):
        return self


def _frame(rows: Rows, sink: Sink) -> pd.DataFrame:
    published = check_dates(rows, sink)
    return pd.DataFrame({
        "doc_id": pd.Series(rows.doc_id, dtype=object).astype(str),
        "title": rows.title,
        "outlet": rows.outlet,
        "published": published,
        "url": rows.url,
        "text": rows.text,
    }, columns=COLUMNS)


def load_source(source: Path, fields: dict | None = None, strict: bool = False,
                metadata: dict[str, dict] | None = None, options: LoadOptions | None = None) -> pd.DataFrame:
    """Load the articles of one source file (a .txt, .json, .jsonl, .csv or .zip).

    Problems are not logged here: they are in `report_of(frame)` (call its `.log()`). Duplicates across files
    are only found by `load`.

    Args:
        source: one file from `sources(path)`.
        fields: optional column → source field overrides.
        strict: raise InputError at the first problem instead of skipping or repairing.
        metadata: rows of metadata.csv keyed by file name (see `metadata_for`).
        options: the loader's limits (default: LoadOptions.from_environment()).
    Returns:
        DataFrame with the columns of `load`, in the file's order; attrs["load_report"] holds its report,
        attrs["where"] each row's (file, record index, index width).
    """
    check_fields(fields)
    rows, sink = Rows(), Sink(strict)
    read(Path(source), fields, metadata, rows, sink, options or LoadOptions.from_environment())
    frame = _frame(rows, sink)
    frame.attrs["load_report"] = LoadReport(1, rows.records, len(frame), tuple(sink.problems), tuple(sink.ignored))
    frame.attrs["where"] = _ByReference(rows.where)  # (file, record index, width) per row, for messages
    return frame


@dataclass
class SourceArticles:
    """The articles of one source as lists: the columns `load_source` would put in a DataFrame (without the
    dates, which only the report uses here), for a stage that streams a corpus and needs no table."""

    doc_id: list[str]
    title: list[str]
    outlet: list[str]
    text: list[str]
    where: list[tuple]  # (file, record index, index width) per article, for messages
    report: LoadReport


def read_source(source: Path, fields: dict | None = None, strict: bool = False,
                metadata: dict[str, dict] | None = None, options: LoadOptions | None = None) -> SourceArticles:
    """`load_source` without building the DataFrame: the same articles, problems and report, as lists."""
    check_fields(fields)
    rows, sink = Rows(), Sink(strict)
    read(Path(source), fields, metadata, rows, sink, options or LoadOptions.from_environment())
    check_dates(rows, sink)
    report = LoadReport(1, rows.records, len(rows), tuple(sink.problems), tuple(sink.ignored))
    return SourceArticles([str(d) for d in rows.doc_id], rows.title, rows.outlet, rows.text, rows.where, report)




def load_with_report(path: str | Path, fields: dict | None = None, strict: bool = False,
                     progress: bool = True, options: LoadOptions | None = None) -> tuple[pd.DataFrame, LoadReport]:
    """Like `load`, without logging: returns the table and its report."""
    check_fields(fields)
    root, options = Path(path), options or LoadOptions.from_environment()
    sink = Sink(strict)
    found, other = list_corpus(root, options, sink)
    meta_path, metadata = find_metadata(root, sink)
    meta_file = str(meta_path) if meta_path else ""
    rows, origins = Rows(), []
    from tqdm import tqdm

    for source in tqdm(found, desc="loading", unit="file", delay=3, disable=not progress or None, file=sys.stderr):
        before = len(rows)
        read(source, fields, metadata, rows, sink, options, meta_file)
        origins.extend([source] * (len(rows) - before))
    check_metadata_rows(metadata, meta_path, found, sink)
    if not len(rows):
        skipped = f"; {len(sink.problems)} problem(s): {sink.problems[0].message()}" if sink.problems else ""
        raise InputError(root, f"no article could be loaded from {len(found)} file(s){skipped}")
    frame = _frame(rows, sink)
    frame = resolve_doc_ids(frame, origins, root, sink)
    order = frame["doc_id"].argsort(kind="stable").to_numpy()
    frame = frame.iloc[order].reset_index(drop=True)
    where = [rows.where[i] for i in order]
    frame = drop_duplicates(frame, where, sink).reset_index(drop=True)
    ignored = tuple(sink.ignored) + tuple(str(p) for p in other)
    report = LoadReport(len(found), rows.records, len(frame), tuple(sink.problems), ignored)
    frame.attrs["load_report"] = report
    return frame, report


def load(path: str | Path, fields: dict | None = None, strict: bool = False,
         options: LoadOptions | None = None) -> pd.DataFrame:
    """Load every article under `path` into a DataFrame.

    Each problem is logged as one warning line (at most LOG_PER_KIND per kind), followed by a summary;
    all of them are in `report_of(articles)`.

    Args:
        path: a folder, or one .txt/.json/.jsonl/.csv/.zip file.
        fields: optional overrides, column → source field name, e.g. {"text": "maintext"}.
        strict: raise InputError at the first problem instead of skipping or repairing.
        options: the loader's limits and symlink policy (default: LoadOptions.from_environment()).
    Returns:
        DataFrame with columns doc_id, title, outlet, published (datetime64, NaT when unknown), url, text,
        sorted by doc_id; exact duplicates (same text, same outlet) dropped, the first kept.
    """
    frame, report = load_with_report(path, fields, strict, options=options)
    report.log()
    return frame
