"""metadata.csv (title, outlet, date, url per file) and publication dates.

A corpus folder's metadata.csv sits inside it, or beside it when it names files of the folder (the
`data/raw` + `data/metadata.csv` layout). Its columns: `file,title,outlet,published,url,notes`.

Dates are parsed ISO 8601 first, then day-first; Eastern Arabic digits are read; a time zone offset is
dropped (wall-clock time kept). A date outside the years YEARS (1800–2100), a negative year or year 0
included, is a bad date: reported, and left empty (NaT), so no stage meets it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from arnews.corpus import formats
from arnews.corpus.decoding import decode_or_skip
from arnews.corpus.options import METADATA_NAME, YEARS
from arnews.corpus.readers import metadata_keys
from arnews.corpus.records import BadRecord, Rows, as_string
from arnews.corpus.report import Sink, record_label

__all__ = ["check_dates", "check_metadata_rows", "find_metadata", "metadata_for", "metadata_path", "parse_dates"]

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TZ_SUFFIX = r"(?<=:\d\d)(?:\.\d+)?\s*(?:Z|UTC|GMT|[+-]\d\d:?\d\d)?$"
_FIRST_DAY, _LAST_DAY = pd.Timestamp(YEARS[0], 1, 1), pd.Timestamp(YEARS[1] + 1, 1, 1)


def _read_metadata_file(path: Path, sink: Sink) -> dict[str, dict]:
    try:
        data = path.read_bytes()
    except OSError as err:
        sink.add("unreadable", path, f"cannot be read ({err.strerror or err})", "metadata ignored")
        return {}
    text = decode_or_skip(data, str(path), sink)
    if text is None:
        return {}
    rows = formats.csv_rows(text, str(path), Sink(strict=False))
    if rows is None:
        sink.add("bad-metadata", path, "not a readable CSV table", "metadata ignored")
        return {}
    header = [str(h).strip().lower() for h in next(csv.reader([text.split("\n", 1)[0]]), [])]
    if "file" not in header:
        sink.add("bad-metadata", path, f"no 'file' column (columns: {header})", "metadata ignored")
        return {}
    table = {}
    for line, row in rows:
        if isinstance(row, BadRecord):
            sink.add("bad-metadata", path, row.reason, "row ignored", row.label)
            continue
        row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        name = (row.get("file") or "").strip()
        if not name:
            continue
        if name in table:
            sink.add("bad-metadata", path, f"a second row for '{name}'", "row ignored", f"line {line}")
            continue
        table[name] = {k: as_string(v).strip() for k, v in row.items() if k} | {"_line": line}
    return table


def find_metadata(path: Path, sink: Sink) -> tuple[Path | None, dict[str, dict]]:
    """metadata.csv inside the folder, or beside it when it names files of the folder."""
    if not path.is_dir():
        return None, {}
    inside, beside = path / METADATA_NAME, path.parent / METADATA_NAME
    if inside.is_file():
        return inside, _read_metadata_file(inside, sink)
    if beside.is_file():
        trial = Sink(strict=False)
        table = _read_metadata_file(beside, trial)
        if any((path / name).exists() for name in table):
            for p in trial.problems:
                sink.add(p.kind, p.file, p.reason, p.action, p.record)
            return beside, table
    return None, {}


def check_metadata_rows(metadata: dict, meta_path: Path | None, found: list[Path], sink: Sink) -> None:
    """Report each metadata.csv row that names no file of the corpus."""
    if not metadata:
        return
    used = {k for source in found for k in metadata_keys(source)}
    for name, row in metadata.items():
        if name not in used:
            sink.add("missing-file", meta_path, f"names '{name}', which is not in the corpus", "row ignored",
                     f"line {row['_line']}")


def metadata_path(path: str | Path) -> Path | None:
    """The metadata.csv that applies to the corpus folder `path` (inside it, or beside it), or None."""
    return find_metadata(Path(path), Sink(strict=False))[0]


def metadata_for(path: str | Path) -> dict[str, dict]:
    """metadata.csv rows (keyed by file name) that apply to the corpus folder `path`."""
    return find_metadata(Path(path), Sink(strict=False))[1]


def parse_dates(values: list[str]) -> pd.Series:
    """Publication dates: ISO 8601 first, then day-first formats; wall-clock time kept, offset dropped; NaT for
    what does not parse and for dates outside YEARS."""
    dates = _parse(values)
    return dates.where(_in_range(dates))


def _in_range(dates: pd.Series) -> pd.Series:
    return (dates >= _FIRST_DAY) & (dates < _LAST_DAY)


def _parse(values: list[str]) -> pd.Series:
    raw = pd.Series(values, dtype=object).fillna("").astype(str).str.strip()
    text = raw.str.translate(_ARABIC_DIGITS).str.replace(_TZ_SUFFIX, "", regex=True)
    dates = pd.to_datetime(text, format="ISO8601", errors="coerce")
    retry = dates.isna() & (text != "")
    if retry.any():
        dates[retry] = pd.to_datetime(text[retry], format="mixed", dayfirst=True, errors="coerce")
    return dates.astype("datetime64[us]")


def check_dates(rows: Rows, sink: Sink) -> pd.Series:
    """The parsed publication dates; each missing, invalid or out-of-range one is a problem in `sink`."""
    parsed = _parse(rows.published)
    published = parsed.where(_in_range(parsed))
    out_of_range = (parsed.notna() & published.isna()).to_numpy()
    for i in (published.isna()).to_numpy().nonzero()[0]:
        file, index, width = rows.where[i]
        record = record_label(index, width)
        origin = f" (from {rows.date_origin[i]})" if rows.date_origin[i] else ""
        if out_of_range[i]:
            sink.add("bad-date", file, f"date '{rows.published[i]}'{origin} is outside the years {YEARS[0]}–"
                     f"{YEARS[1]}", "published left empty (NaT)", record)
        elif rows.published[i].strip():
            sink.add("bad-date", file, f"invalid date '{rows.published[i]}'{origin}", "published left empty (NaT)",
                     record)
        else:
            sink.add("no-date", file, "no publication date", "published left empty (NaT)", record)
    return published
