"""Load a corpus of Arabic news articles into one table.

`load(path)` returns a pandas DataFrame with one row per article and the columns
`doc_id, title, outlet, published, url, text` (text = the raw decoded text, newlines as `\\n`).

Accepted inputs: a folder (nested folders too) of .txt files (doc_id = file name without extension)
with an optional `metadata.csv` (columns `file,title,outlet,published,url,notes`) inside the folder
or beside it; .json (an array of objects, or one object), .jsonl and .csv files; .zip archives holding
any of these; folders of such files. Field names map automatically, case-insensitively, as listed in
data/lexicons/field_aliases.csv (text ← text/content/body/…; title ← title/head_line/…; published ←
published/date/date_extracted/…; outlet ← outlet/source/…; url ← url/link; doc_id ← doc_id/id), and can
be overridden (`fields={"text": "maintext"}`, `--field text=maintext`). Records without
an id get `<file>#<index>` (`2015-07-21/2015-07-21#00012` for record 12 of 2015-07-21.json in 2015-07-21.zip).
Text may be UTF-8 (with or without BOM), UTF-16/32 with a BOM or Windows-1256; newlines become `\\n`.

Messy input never stops the run: each problem (an empty, binary or undecodable file, stray NUL bytes,
a guessed Windows-1256 encoding, a bad date, a duplicate…) becomes one `Problem` naming the file, the
record and the reason, is logged as one line on stderr, and is kept in the `LoadReport` at
`articles.attrs["load_report"]`. `strict=True` (`--strict`) turns the first problem into an InputError.
Raw files are only ever opened for reading.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import html
import io
import json
import logging
import re
import struct
import sys
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
from isal import isal_zlib

from arnews import files, lexicons
from arnews.errors import InputError

CLI_HELP = "load a corpus and write its article table (one row per article, no text)"

COLUMNS = ["doc_id", "title", "outlet", "published", "url", "text"]

#: Lexicon naming which source fields fill which column (data/lexicons/field_aliases.csv).
FIELD_ALIASES_LEXICON = "field_aliases.csv"
#: The columns a field mapping may name.
MAPPED_COLUMNS = ("text", "title", "published", "outlet", "url", "doc_id")

METADATA_NAME = "metadata.csv"
SUPPORTED = {".txt", ".json", ".jsonl", ".csv", ".zip"}

#: Zip archives inside zip archives are read this many levels deep.
MAX_ZIP_DEPTH = 3
#: A file with more than this share of control bytes (other than tab, newlines, form feed, escape) is binary.
BINARY_SHARE = 0.05
#: … judged on the file's first bytes.
BINARY_SAMPLE = 1 << 20
#: Text that is not UTF-8 is Windows-1256 when at least this share of its non-ASCII characters is Arabic.
CP1256_ARABIC_SHARE = 0.8
#: UTF-8 text with at most this share of invalid bytes (among its non-ASCII bytes) is repaired, not skipped.
UTF8_REPAIR_SHARE = 0.01
#: Near-duplicates: paragraphs of at least this many characters are compared …
NEAR_DUP_MIN_LINE = 60
#: … a paragraph found in more than this many articles is boilerplate and does not count …
NEAR_DUP_MAX_SHARED = 20
#: … and two articles are near-duplicates when shared paragraphs make up this share of the longer one.
NEAR_DUP_SHARE = 0.8
#: Log at most this many messages of one kind; the rest are counted (all are in the report's table).
LOG_PER_KIND = 5

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_HIGH_BYTES = bytes(range(128, 256))
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_NEWLINES = re.compile(r"\r\n?")
#: A UTF-16 surrogate on its own: JSON can escape one ("\\ud800") though no text can hold it (UTF-8 cannot
#: encode it), so it becomes U+FFFD as an invalid byte would.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TZ_SUFFIX = re.compile(r"(?<=:\d\d)(?:\.\d+)?\s*(?:Z|UTC|GMT|[+-]\d\d:?\d\d)?$", re.IGNORECASE)

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
        """The one-line message: where, why, and what was done."""
        return f"{self.where}: {self.reason}: {self.action}"


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

    @classmethod
    def combine(cls, reports, articles: int | None = None) -> LoadReport:
        """One report for several loads (e.g. one per source file)."""
        reports = list(reports)
        return cls(
            files=sum(r.files for r in reports),
            records=sum(r.records for r in reports),
            articles=sum(r.articles for r in reports) if articles is None else articles,
            problems=tuple(p for r in reports for p in r.problems),
            ignored=tuple(i for r in reports for i in r.ignored),
        )


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


class _Sink:
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


#: Problems `load` finds only once every file is read (dates are parsed last, after metadata.csv's rows).
LATE_KINDS = frozenset({"no-date", "bad-date"})


class StrictOrder:
    """`--strict` for stages that load source by source: stop at the problem `load(strict=True)` stops at.

    Load each source with strict=False, pass its report to `check` in corpus order (a problem found
    while reading stops the run at once), then call `finish` with the metadata report.
    """

    def __init__(self):
        self.late: Problem | None = None

    def check(self, report: LoadReport | None) -> None:
        """Raise the first problem met while reading this source; remember its first date problem."""
        for problem in report.problems if report is not None else ():
            if problem.kind not in LATE_KINDS:
                raise strict_error(problem)
            self.late = self.late or problem

    def finish(self, metadata_report: LoadReport | None = None) -> None:
        """Raise the first problem left: a metadata.csv row, then a date."""
        first = metadata_report.problems[0] if metadata_report is not None and metadata_report.problems else None
        if first or self.late:
            raise strict_error(first or self.late)


# ---------------------------------------------------------------------------------------------- decoding


class NotText(ValueError):
    """The bytes are not text the loader can decode; the message says why."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and what was repaired or guessed on the way."""

    text: str
    encoding: str
    notes: tuple[tuple[str, str, str], ...] = ()  # (kind, reason, action)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def _binary_reason(data: bytes) -> str | None:
    sample = data[:BINARY_SAMPLE]  # enough to tell; a binary tail still fails to decode
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > BINARY_SHARE * len(sample):
        return f"binary, not text ({_share(controls, len(sample))} control bytes)"
    return None


def _as_cp1256(data: bytes) -> str | None:
    """The text if `data` reads as Windows-1256 with mostly Arabic letters, else None."""
    text = data.decode("cp1256", errors="replace")
    non_ascii = len(_NON_ASCII.findall(text))
    if non_ascii and len(_ARABIC.findall(text)) >= CP1256_ARABIC_SHARE * non_ascii:
        return text
    return None


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, or Windows-1256.

    Newlines become `\\n`; stray NUL bytes are removed and a few invalid UTF-8 bytes are replaced by
    U+FFFD, each with a note.

    Args:
        data: the raw bytes.
    Returns:
        Decoded(text, encoding, notes).
    Raises:
        NotText: the bytes are binary or no supported encoding fits.
    """
    notes = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom):].decode(codec), f"{name} with BOM"
            except UnicodeDecodeError as err:
                raise NotText(f"invalid {name} ({err.reason} at byte {err.start + len(bom)})") from None
            break
    else:
        reason = _binary_reason(data)
        if reason:
            raise NotText(reason)
        text, encoding = _decode_without_bom(data, notes)
    # a NUL or CR character is a NUL or CR byte in UTF-8 and Windows-1256 (and bytes are quicker to search)
    single_byte = not text or encoding in ("UTF-8", "Windows-1256")
    if (b"\x00" in data if single_byte else "\x00" in text):
        notes.append(("nul-bytes", f"{text.count(chr(0))} stray NUL byte(s)", "repaired (removed them)"))
        text = text.replace("\x00", "")
    if (b"\r" in data if single_byte else "\r" in text):
        text = _NEWLINES.sub("\n", text)
    return Decoded(text, encoding, tuple(notes))


def _decode_without_bom(data: bytes, notes: list[tuple[str, str, str]]) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    text = _as_cp1256(data)
    if text is not None:
        return text, "Windows-1256"
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(escaped))
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if bad <= UTF8_REPAIR_SHARE * high:
        notes.append(("invalid-bytes", f"{bad} invalid UTF-8 byte(s), the first at byte {first_bad}",
                      "repaired (replaced with U+FFFD)"))
        return data.decode("utf-8", errors="replace"), "UTF-8"
    raise NotText(
        f"cannot be decoded: not UTF-8 (invalid byte 0x{data[first_bad]:02x} at byte {first_bad}), "
        "not UTF-16 with a BOM, and not Windows-1256 Arabic"
    )


# ---------------------------------------------------------------------------------------------- reading


@dataclass
class _Rows:
    """Articles read so far, column by column, with where each came from."""

    doc_id: list = field(default_factory=list)
    title: list = field(default_factory=list)
    outlet: list = field(default_factory=list)
    published: list = field(default_factory=list)
    url: list = field(default_factory=list)
    text: list = field(default_factory=list)
    where: list = field(default_factory=list)  # (file, record index or None, index width) for messages
    date_origin: list = field(default_factory=list)  # "" or the metadata file the date came from
    records: int = 0

    def __len__(self) -> int:
        return len(self.doc_id)


def _string(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list):
        return "\n".join(_string(v) for v in value)
    return value if isinstance(value, str) else str(value)


def _clean_record_text(text: str, file: str, record: str, sink: _Sink) -> str:
    if "\x00" in text:
        sink.add("nul-bytes", file, f"{text.count(chr(0))} stray NUL character(s) in the text",
                 "repaired (removed them)", record)
        text = text.replace("\x00", "")
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    if _LONE_SURROGATE.search(text):
        sink.add("invalid-escapes", file, f"{len(_LONE_SURROGATE.findall(text))} lone surrogate escape(s) "
                 "(\\ud800–\\udfff) in the text", "repaired (replaced with U+FFFD)", record)
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return text


@cache
def field_aliases() -> dict[str, tuple[str, ...]]:
    """Column → the source field names that fill it, first match wins (from field_aliases.csv)."""
    aliases: dict[str, list[str]] = {column: [] for column in MAPPED_COLUMNS}
    for row in lexicons.read_csv(FIELD_ALIASES_LEXICON):
        column = row["column"].strip()
        if column not in aliases:
            raise InputError(lexicons.path(FIELD_ALIASES_LEXICON), f"unknown column '{column}' "
                             f"(choose from {', '.join(MAPPED_COLUMNS)})")
        aliases[column].append(row["field"].strip().lower())
    return {column: tuple(names) for column, names in aliases.items()}


def _field_map(keys: tuple, fields: dict | None) -> dict[str, str | None]:
    """Column → the record's key that fills it."""
    lowered = {str(k).strip().lower(): k for k in keys}
    mapping = {}
    for column, aliases in field_aliases().items():
        names = (fields[column],) if fields and column in fields else aliases
        mapping[column] = next((lowered[n.lower()] for n in names if n.lower() in lowered), None)
    return mapping


def _add_records(records, file: str, stem: str, fields: dict | None, rows: _Rows, sink: _Sink,
                 meta: dict | None, meta_file: str, raw_controls: bool = True) -> None:
    """Map structured records (dicts, or (record label, error) pairs) into rows.

    `raw_controls` says whether the values may hold NUL or CR characters (JSON escapes them as
    \\u0000 and \\r, so the file's text tells whether any record needs repairing).
    """
    records = list(records)
    width = max(5, len(str(len(records) - 1)))
    maps: dict[tuple, dict] = {}
    found_text, textless = False, []
    rows.records += len(records)
    for i, record in enumerate(records):
        if record.__class__ is not dict:
            if isinstance(record, tuple):  # a line that did not parse: (label, reason)
                sink.add("bad-record", file, record[1], "skipped", record[0])
                continue
            if not isinstance(record, dict):
                sink.add("bad-record", file, f"not an object but {type(record).__name__}", "skipped",
                         _record_label(i, width))
                continue
        keys = tuple(record)
        mapping = maps.get(keys) or maps.setdefault(keys, _field_map(keys, fields))
        if mapping["text"] is None:
            textless.append(_record_label(i, width))
            continue
        found_text = True
        text = record[mapping["text"]]
        if text.__class__ is not str:
            text = _string(text)
        if raw_controls:
            text = _clean_record_text(text, file, _record_label(i, width), sink)
        if not text or text.isspace():
            sink.add("empty", file, "empty text", "skipped", _record_label(i, width))
            continue
        values = {c: "" if k is None else (v if (v := record[k]).__class__ is str else _string(v))
                  for c, k in mapping.items()}
        if raw_controls:  # the other fields, as the text (silently: they are not analysed)
            values = {c: _LONE_SURROGATE.sub("\ufffd", v) for c, v in values.items()}
        _append(rows, values["doc_id"] or f"{stem}#{i:0{width}d}", values, text, (file, i, width), meta,
                meta_file)
    wanted = (fields or {}).get("text") or "/".join(field_aliases()["text"])
    if found_text:
        for label in textless:
            sink.add("no-text", file, f"no text field ({wanted})", "skipped", label)
    elif textless:
        seen = sorted({str(k) for r in records if isinstance(r, dict) for k in r})[:12]
        sink.add("no-text", file, f"no text field ({wanted}) among its fields {seen}; name it with "
                 "--field text=NAME", "skipped")


def _record_label(index: int | None, width: int) -> str:
    return "" if index is None else f"record #{index:0{width}d}"


def _append(rows: _Rows, doc_id: str, values: dict, text: str, where: tuple, meta: dict | None,
            meta_file: str) -> None:
    origin = ""
    if meta:
        for column in ("title", "outlet", "published", "url"):
            if not values.get(column) and meta.get(column):
                values[column] = meta[column]
                origin = meta_file if column == "published" else origin
    rows.doc_id.append(doc_id)
    rows.title.append(values.get("title", ""))
    rows.outlet.append(values.get("outlet", ""))
    rows.published.append(values.get("published", ""))
    rows.url.append(values.get("url", ""))
    rows.text.append(text)
    rows.where.append(where)
    rows.date_origin.append(origin)


def _records_from_json(text: str, file: str, sink: _Sink) -> list | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        sink.add("bad-json", file, f"invalid JSON ({err.msg} at line {err.lineno} column {err.colno})", "skipped")
        return None
    except RecursionError:
        sink.add("bad-json", file, "invalid JSON (nested too deeply)", "skipped")
        return None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
        # {"articles": [...]} wraps the records; any other object is one record.
        has_text = any(str(k).strip().lower() in field_aliases()["text"] for k in data)
        data = lists[0] if len(lists) == 1 and not has_text else [data]
    if not isinstance(data, list):
        sink.add("bad-json", file, f"JSON holds a {type(data).__name__}, not an array of objects", "skipped")
        return None
    return data


def _records_from_jsonl(text: str) -> list:
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except (json.JSONDecodeError, RecursionError) as err:
            reason = f"invalid JSON ({err.msg} at column {err.colno})" if hasattr(err, "msg") else "invalid JSON"
            records.append((f"line {number}", reason))
    return records


def _records_from_csv(text: str, file: str, sink: _Sink) -> list | None:
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in "\t;|" if "," not in first_line and d in first_line), ",")
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 2**31 - 1))  # a multi-megabyte article is one field
    try:
        return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as err:
        sink.add("bad-csv", file, f"invalid CSV ({err})", "skipped")
        return None
    finally:
        csv.field_size_limit(limit)


def _decode_or_skip(data: bytes, file: str, sink: _Sink) -> str | None:
    if not data:
        sink.add("empty", file, "empty file (0 bytes)", "skipped")
        return None
    try:
        decoded = decode(data)
    except NotText as err:
        sink.add("binary" if str(err).startswith("binary") else "undecodable", file, str(err), "skipped")
        return None
    if decoded.encoding == "Windows-1256":
        share = _share(len(_ARABIC.findall(decoded.text)), len(_NON_ASCII.findall(decoded.text)))
        sink.add("windows-1256", file, f"not UTF-8; {share} of its non-ASCII characters are Arabic in "
                 "Windows-1256", "decoded as Windows-1256")
    for kind, reason, action in decoded.notes:
        sink.add(kind, file, reason, action)
    return decoded.text


def _read_bytes(name: str, suffix: str, data: bytes, stem: str, ctx: _Context, depth: int = 0) -> None:
    """Read one file's bytes (a .txt, .json, .jsonl, .csv or a .zip) into ctx.rows."""
    if suffix == ".zip":
        _read_zip(name, data, stem, ctx, depth)
        return
    if suffix == ".txt":
        ctx.rows.records += 1
    text = _decode_or_skip(data, name, ctx.sink)
    if text is None:
        return
    if suffix == ".txt":
        if not text or text.isspace():
            ctx.sink.add("empty", name, "only whitespace" if text else "no text after the byte-order mark", "skipped")
            return
        _append(ctx.rows, stem, {}, text, (name, None, 0), ctx.meta, ctx.meta_file)
        return
    records = {
        ".json": lambda: _records_from_json(text, name, ctx.sink),
        ".jsonl": lambda: _records_from_jsonl(text),
        ".csv": lambda: _records_from_csv(text, name, ctx.sink),
    }[suffix]()
    if records is not None:
        raw_controls = suffix != ".csv" and _has_control_escapes(data, text)
        _add_records(records, name, stem, ctx.fields, ctx.rows, ctx.sink, ctx.meta, ctx.meta_file, raw_controls)


#: JSON escapes of what a record's values must not keep: \\u0000 (NUL), \\r (CR), \\ud800-\\udfff (half of a
#: UTF-16 pair). A file without any of them needs no per-record repair.
_CONTROL_ESCAPES = ("\\u000", "\\r", "\\ud", "\\uD")
_WIDE_BOMS = tuple(bom for bom, codec, _ in _BOMS if codec != "utf-8")  # a backslash is not byte 92 there


def _has_control_escapes(data: bytes, text: str) -> bool:
    """Whether the JSON `text` (decoded from `data`) holds one of _CONTROL_ESCAPES."""
    if data.startswith(_WIDE_BOMS) or len(data) < 1_000_000:
        return any(escape in text for escape in _CONTROL_ESCAPES)
    from arnews import scan  # one compiled pass over the bytes instead of four searches of the text

    return scan.has_json_escapes(np.frombuffer(data, dtype=np.uint8))


def _is_hidden(parts) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length (the zip spec)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, as `archive.read` gives them; a plain deflated member is inflated by ISA-L (the
    isal package), three times faster than zlib (0.1 s instead of 0.28 s for SaudiNewsNet).

    Raises:
        zipfile.BadZipFile: the bytes do not inflate to the size and CRC-32 the archive records.
    """
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:  # stored, other methods, encrypted
        return archive.read(info)
    archive.fp.seek(info.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(archive.fp.read(_LOCAL_HEADER.size))
    if signature != b"PK\x03\x04":
        return archive.read(info)  # zipfile says what is wrong
    archive.fp.seek(name_length + extra_length, io.SEEK_CUR)
    compressed = archive.fp.read(info.compress_size)
    try:
        content = isal_zlib.decompress(compressed, -15)
    except isal_zlib.error:
        return archive.read(info)
    if len(content) != info.file_size or isal_zlib.crc32(content) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 or size for file {info.filename!r}")
    return content


def _read_zip(name: str, data: bytes | None, stem: str, ctx: _Context, depth: int) -> None:
    if depth >= MAX_ZIP_DEPTH:
        ctx.sink.add("bad-zip", name, f"zip nested more than {MAX_ZIP_DEPTH} levels deep", "skipped")
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if data is not None else ctx.source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as err:
        ctx.sink.add("bad-zip", name, f"not a readable zip archive ({err})", "skipped")
        return
    except OSError as err:
        ctx.sink.add("unreadable", name, f"cannot be read ({err.strerror or err})", "skipped")
        return
    with archive:
        for member in sorted(archive.namelist()):
            path = PurePosixPath(member)
            if member.endswith("/") or _is_hidden(path.parts):
                continue
            label = f"{name}/{member}"
            suffix = path.suffix.lower()
            if suffix not in SUPPORTED:
                ctx.sink.ignored.append(label)
                continue
            try:
                content = _read_member(archive, archive.getinfo(member))
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, OSError) as err:
                ctx.sink.add("bad-zip", label, f"cannot be extracted ({err})", "skipped")
                continue
            _read_bytes(label, suffix, content, f"{stem}/{path.with_suffix('')}", ctx, depth + 1)


@dataclass
class _Context:
    source: Path
    fields: dict | None
    meta: dict | None
    meta_file: str
    rows: _Rows
    sink: _Sink


def _read_source(source: Path, ctx: _Context) -> None:
    try:
        _read_source_or_fail(source, ctx)
    except InputError:
        raise
    except Exception as err:  # input nobody foresaw must not end the run with a traceback
        ctx.sink.add("unreadable", source, f"could not be read ({type(err).__name__}: {err})", "skipped")


def _read_source_or_fail(source: Path, ctx: _Context) -> None:
    suffix = source.suffix.lower()
    try:
        if suffix == ".zip":
            _read_zip(str(source), None, source.stem, ctx, 0)
            return
        data = source.read_bytes()
    except OSError as err:
        ctx.sink.add("unreadable", source, f"cannot be read ({err.strerror or err})", "skipped")
        return
    _read_bytes(str(source), suffix, data, source.stem, ctx)


# ---------------------------------------------------------------------------------------------- metadata


def _metadata_keys(source: Path) -> list[str]:
    """The names a metadata.csv row may use for `source`: its name, then longer relative paths."""
    parts = source.parts
    return ["/".join(parts[-i:]) for i in range(1, len(parts) + 1)]


def _metadata_candidates(folder: Path) -> list[Path]:
    return [folder / METADATA_NAME, folder.parent / METADATA_NAME]


def _read_metadata_file(path: Path, sink: _Sink) -> dict[str, dict]:
    try:
        data = path.read_bytes()
    except OSError as err:
        sink.add("unreadable", path, f"cannot be read ({err.strerror or err})", "metadata ignored")
        return {}
    text = _decode_or_skip(data, str(path), sink)
    if text is None:
        return {}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [str(h).strip().lower() for h in (reader.fieldnames or [])]
        if "file" not in header:
            sink.add("bad-metadata", path, f"no 'file' column (columns: {header})", "metadata ignored")
            return {}
        reader.fieldnames = header
        table = {}
        for row in reader:
            name = (row.get("file") or "").strip()
            if not name:
                continue
            if name in table:
                sink.add("bad-metadata", path, f"a second row for '{name}'", "row ignored", f"line {reader.line_num}")
                continue
            table[name] = {k: _string(v).strip() for k, v in row.items() if k} | {"_line": reader.line_num}
        return table
    except csv.Error as err:
        sink.add("bad-metadata", path, f"invalid CSV ({err})", "metadata ignored")
        return {}


def _find_metadata(path: Path, sink: _Sink) -> tuple[Path | None, dict[str, dict]]:
    """metadata.csv inside the folder, or beside it when it names files of the folder."""
    if not path.is_dir():
        return None, {}
    inside, beside = _metadata_candidates(path)
    if inside.is_file():
        return inside, _read_metadata_file(inside, sink)
    if beside.is_file():
        trial = _Sink(strict=False)
        table = _read_metadata_file(beside, trial)
        if any((path / name).exists() for name in table):
            for p in trial.problems:
                sink.add(p.kind, p.file, p.reason, p.action, p.record)
            return beside, table
    return None, {}


def metadata_for(path: str | Path) -> dict[str, dict]:
    """metadata.csv rows (keyed by file name) that apply to the corpus folder `path`."""
    return _find_metadata(Path(path), _Sink(strict=False))[1]


def metadata_with_report(path: str | Path) -> tuple[dict[str, dict], LoadReport]:
    """`metadata_for(path)` and what `load` would report about that metadata.csv.

    Stages that load source by source (`load_source` in workers) add this report to theirs, so a
    metadata.csv that cannot be read, or rows naming files that are not in the corpus, are reported
    by every stage alike.

    Returns:
        (metadata rows keyed by file name, LoadReport holding only the metadata problems).
    """
    root, sink = Path(path), _Sink(strict=False)
    meta_path, metadata = _find_metadata(root, sink)
    _check_metadata_rows(metadata, meta_path, sources(root) if metadata else [], sink)
    return metadata, LoadReport(problems=tuple(sink.problems))


# ---------------------------------------------------------------------------------------------- tables


def _parse_dates(values: list[str]) -> pd.Series:
    """Publication dates: ISO 8601 first, then day-first formats; wall-clock time kept, offset dropped."""
    raw = pd.Series(values, dtype=object).fillna("").astype(str).str.strip()
    text = raw.str.translate(_ARABIC_DIGITS).str.replace(_TZ_SUFFIX, "", regex=True)
    dates = pd.to_datetime(text, format="ISO8601", errors="coerce")
    retry = dates.isna() & (text != "")
    if retry.any():
        dates[retry] = pd.to_datetime(text[retry], format="mixed", dayfirst=True, errors="coerce")
    return dates.astype("datetime64[us]")


def _frame(rows: _Rows, sink: _Sink) -> pd.DataFrame:
    published = _check_dates(rows, sink)
    return pd.DataFrame({
        "doc_id": pd.Series(rows.doc_id, dtype=object).astype(str),
        "title": rows.title,
        "outlet": rows.outlet,
        "published": published,
        "url": rows.url,
        "text": rows.text,
    }, columns=COLUMNS)


def _check_dates(rows: _Rows, sink: _Sink) -> pd.Series:
    """The parsed publication dates; each missing or invalid one is a problem in `sink`."""
    published = _parse_dates(rows.published)
    for i in (published.isna()).to_numpy().nonzero()[0]:
        file, index, width = rows.where[i]
        record = _record_label(index, width)
        origin = f" (from {rows.date_origin[i]})" if rows.date_origin[i] else ""
        if rows.published[i].strip():
            sink.add("bad-date", file, f"invalid date '{rows.published[i]}'{origin}", "published left empty (NaT)",
                     record)
        else:
            sink.add("no-date", file, "no publication date", "published left empty (NaT)", record)
    return published


def _metadata_row(metadata: dict | None, source: Path) -> dict | None:
    if not metadata:
        return None
    return next((metadata[k] for k in _metadata_keys(source) if k in metadata), None)


def _read(source: Path, fields: dict | None, metadata: dict | None, meta_file: str, rows: _Rows,
          sink: _Sink) -> None:
    ctx = _Context(Path(source), fields, _metadata_row(metadata, Path(source)), meta_file, rows, sink)
    _read_source(ctx.source, ctx)


def _check_fields(fields: dict | None) -> None:
    unknown = sorted(set(fields or {}) - set(MAPPED_COLUMNS))
    if unknown:
        raise InputError(None, f"unknown column(s) in field mapping: {', '.join(unknown)} "
                         f"(choose from {', '.join(MAPPED_COLUMNS)})")


def load_source(source: Path, fields: dict | None = None, strict: bool = False,
                metadata: dict[str, dict] | None = None) -> pd.DataFrame:
    """Load the articles of one source file (a .txt, .json, .jsonl, .csv or .zip).

    Problems are not logged here: they are in `report_of(frame)` (combine them with
    `LoadReport.combine` and call `.log()`). Duplicates across files are only found by `load`.

    Args:
        source: one file from `sources(path)`.
        fields: optional column → source field overrides.
        strict: raise InputError at the first problem instead of skipping or repairing.
        metadata: rows of metadata.csv keyed by file name (see `metadata_for`).
    Returns:
        DataFrame with the columns of `load`, in the file's order; attrs["load_report"] holds its report,
        attrs["where"] each row's (file, record index, index width).
    """
    _check_fields(fields)
    rows, sink = _Rows(), _Sink(strict)
    _read(Path(source), fields, metadata, METADATA_NAME, rows, sink)
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
                metadata: dict[str, dict] | None = None) -> SourceArticles:
    """`load_source` without building the DataFrame: the same articles, problems and report, as lists."""
    _check_fields(fields)
    rows, sink = _Rows(), _Sink(strict)
    _read(Path(source), fields, metadata, METADATA_NAME, rows, sink)
    _check_dates(rows, sink)
    report = LoadReport(1, rows.records, len(rows), tuple(sink.problems), tuple(sink.ignored))
    return SourceArticles([str(d) for d in rows.doc_id], rows.title, rows.outlet, rows.text, rows.where, report)


def _walk(path: Path) -> tuple[list[Path], list[Path]]:
    """Supported files and files of other types under `path`, hidden files and folders left out."""
    supported, other = [], []
    for p in sorted(path.rglob("*")):
        if not p.is_file() or _is_hidden(p.relative_to(path).parts):
            continue
        if p.name == METADATA_NAME:  # only the corpus folder's own metadata.csv is read, never as articles
            if p.parent != path:
                other.append(p)
            continue
        (supported if p.suffix.lower() in SUPPORTED else other).append(p)
    return supported, other


def _list(path: Path) -> tuple[list[Path], list[Path]]:
    """`sources(path)` and the files of other types beside them."""
    if not path.exists():
        raise InputError(path, "does not exist")
    kinds = ", ".join(sorted(SUPPORTED))
    if path.is_file():
        if path.suffix.lower() not in SUPPORTED:
            raise InputError(path, f"unsupported file type '{path.suffix}' (expected {kinds})")
        return [path], []
    try:
        found, other = _walk(path)
    except OSError as err:
        raise InputError(path, f"cannot be listed ({err.strerror or err})") from None
    if not found:
        raise InputError(path, f"no {kinds} files found")
    return found, other


def sources(path: str | Path) -> list[Path]:
    """The files a corpus path stands for, in a stable order (a file stands for itself).

    Stages that stream a large corpus map a worker over these and call `load_source` on each.

    Raises:
        InputError: the path does not exist, is a file of an unsupported type, or a folder without
            any supported file.
    """
    return _list(Path(path))[0]


# ---------------------------------------------------------------------------------------------- corpus-level checks


def _resolve_doc_ids(frame: pd.DataFrame, origins: list[Path], root: Path, sink: _Sink) -> pd.DataFrame:
    """Make doc_ids unique: a repeated one becomes its file's path under the corpus folder (or gets ~N)."""
    repeated = frame["doc_id"].duplicated()
    if not repeated.any():
        return frame
    taken = set(frame["doc_id"])
    ids = frame["doc_id"].tolist()
    first_use = {}
    for i, doc_id in enumerate(ids):
        if doc_id not in first_use:
            first_use[doc_id] = i
            continue
        source = origins[i]
        is_file_id = source.suffix.lower() == ".txt" and root.is_dir()
        new = source.relative_to(root).with_suffix("").as_posix() if is_file_id else doc_id
        n = 2
        while new in taken:
            new, n = f"{doc_id}~{n}", n + 1
        taken.add(new)
        ids[i] = new
        sink.add("duplicate-id", source, f"doc_id '{doc_id}' is already used by {origins[first_use[doc_id]]}",
                 f"renamed to '{new}'")
    return frame.assign(doc_id=ids)


def _paragraph_keys(text: str) -> set[int]:
    keys = set()
    for line in text.split("\n"):
        if len(line) >= NEAR_DUP_MIN_LINE:
            if "  " in line or "\t" in line or "\xa0" in line:
                line = " ".join(line.split())
            keys.add(hash(line))
    return keys


def find_near_duplicates(texts: list[str]) -> list[tuple[int, int, float]]:
    """Pairs of texts that share most of their long paragraphs (cheap; scales to 100k articles).

    Paragraphs of at least NEAR_DUP_MIN_LINE characters are compared after collapsing whitespace;
    a paragraph found in more than NEAR_DUP_MAX_SHARED texts is boilerplate and ignored.

    Args:
        texts: the article texts.
    Returns:
        (i, j, share) with i < j, share = shared paragraphs' length / the longer text's long paragraphs
        (≥ NEAR_DUP_SHARE); identical texts are left out (see exact duplicates).
    """
    keys = [_paragraph_keys(t) for t in texts]
    index: dict[int, list[int]] = defaultdict(list)
    for i, doc_keys in enumerate(keys):
        for key in doc_keys:
            index[key].append(i)
    shared: Counter = Counter()
    for docs in index.values():
        if 1 < len(docs) <= NEAR_DUP_MAX_SHARED:
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    shared[docs[a], docs[b]] += 1
    pairs = []
    for (i, j), n in sorted(shared.items()):
        share = n / max(len(keys[i]), len(keys[j]))
        if share >= NEAR_DUP_SHARE and texts[i].strip() != texts[j].strip():
            pairs.append((i, j, round(share, 2)))
    return pairs


def _drop_duplicates(frame: pd.DataFrame, where: list[tuple], sink: _Sink) -> pd.DataFrame:
    """Drop exact duplicates from the same outlet; report copies across outlets and near-duplicates."""
    texts, ids = frame["text"].tolist(), frame["doc_id"].tolist()
    drop = exact_duplicates([t.strip() for t in texts], frame["outlet"].tolist(), ids, where, sink)
    dropped = set(drop)
    kept = [i for i in range(len(texts)) if i not in dropped]
    kept_texts = [texts[i] for i in kept]
    for a, b, share in find_near_duplicates(kept_texts):
        i, j = kept[a], kept[b]
        file, index, width = where[j]
        record = _record_label(index, width)
        sink.add("near-duplicate", file, f"{share:.0%} of its long paragraphs are also in {ids[i]}",
                 "kept (reported only)", record)
    return frame.drop(index=frame.index[drop]) if drop else frame


def exact_duplicates(keys: Sequence, outlets: Sequence[str], ids: Sequence[str], where: Sequence[tuple],
                     sink: _Sink) -> list[int]:
    """Articles to drop as exact duplicates: a text (key) seen before from the same outlet.

    The same text from another outlet (a wire story) is kept and reported as syndicated.

    Args:
        keys: per article, its stripped text (or a hash of it), in the order `load` keeps (by doc_id).
        outlets, ids, where: per article, its outlet, doc_id and (file, record index, index width).
        sink: collects the problems (in strict mode the first one raises InputError).
    Returns:
        Positions of the articles to drop, ascending.
    """
    first: dict = {}
    drop = []
    for i, key in enumerate(keys):
        j = first.setdefault(key, i)
        if j == i:
            continue
        file, index, width = where[i]
        record = _record_label(index, width)
        if outlets[i] == outlets[j]:
            sink.add("duplicate", file, f"same text as {ids[j]}", "dropped", record)
            drop.append(i)
        else:
            sink.add("syndicated", file, f"same text as {ids[j]}, published by '{outlets[j]}' (this one by "
                     f"'{outlets[i]}')", "kept (another outlet)", record)
    return drop


def duplicates_across_sources(sources: Sequence[tuple[Sequence[str], Sequence[str], Sequence, Sequence[tuple]]],
                              strict: bool = False) -> tuple[list[list[int]], LoadReport]:
    """Exact duplicates for stages that stream a corpus source by source, as `load` finds them.

    Args:
        sources: per source file in corpus order, its articles' (doc_ids, outlets, keys, where), keys being
            a hash of the stripped text (see `text_key`).
        strict: raise InputError at the first duplicate.
    Returns:
        (per source, the positions of its articles to drop; a report of the duplicates and syndicated copies).
    """
    order = sorted(((doc_id, s, a) for s, (ids, _, _, _) in enumerate(sources) for a, doc_id in enumerate(ids)))
    column = [(s, a) for _, s, a in order]
    sink = _Sink(strict)
    drop = exact_duplicates([sources[s][2][a] for s, a in column], [sources[s][1][a] for s, a in column],
                            [sources[s][0][a] for s, a in column], [sources[s][3][a] for s, a in column], sink)
    per_source: list[list[int]] = [[] for _ in sources]
    for position in drop:
        s, a = column[position]
        per_source[s].append(a)
    return [sorted(p) for p in per_source], LoadReport(0, 0, 0, tuple(sink.problems), ())


def text_key(text: str) -> tuple[int, int]:
    """What identifies an article's text among exact duplicates: the length and hash of its stripped text.

    Worker processes forked from one parent share its hash seed, so their keys compare.
    """
    stripped = text.strip()
    return len(stripped), hash(stripped)


class _ByReference(list):
    """A list that pandas keeps by reference when it copies a frame's attrs (it deep-copies them often)."""

    def __deepcopy__(self, memo):
        return self


def _check_metadata_rows(metadata: dict, meta_path: Path | None, found: list[Path], sink: _Sink) -> None:
    if not metadata:
        return
    used = {k for source in found for k in _metadata_keys(source)}
    for name, row in metadata.items():
        if name not in used:
            sink.add("missing-file", meta_path, f"names '{name}', which is not in the corpus", "row ignored",
                     f"line {row['_line']}")


# ---------------------------------------------------------------------------------------------- load


def metadata_path(path: str | Path) -> Path | None:
    """The metadata.csv that applies to the corpus folder `path` (inside it, or beside it), or None."""
    return _find_metadata(Path(path), _Sink(strict=False))[0]


def load_with_report(path: str | Path, fields: dict | None = None, strict: bool = False,
                     progress: bool = True) -> tuple[pd.DataFrame, LoadReport]:
    """Like `load`, without logging: returns the table and its report."""
    _check_fields(fields)
    root = Path(path)
    found, other = _list(root)
    sink = _Sink(strict)
    meta_path, metadata = _find_metadata(root, sink)
    meta_file = str(meta_path) if meta_path else ""
    rows, origins = _Rows(), []
    from tqdm import tqdm

    for source in tqdm(found, desc="loading", unit="file", delay=3, disable=not progress or None, file=sys.stderr):
        before = len(rows)
        _read(source, fields, metadata, meta_file, rows, sink)
        origins.extend([source] * (len(rows) - before))
    _check_metadata_rows(metadata, meta_path, found, sink)
    if not len(rows):
        skipped = f"; {len(sink.problems)} problem(s): {sink.problems[0].message()}" if sink.problems else ""
        raise InputError(root, f"no article could be loaded from {len(found)} file(s){skipped}")
    frame = _frame(rows, sink)
    frame = _resolve_doc_ids(frame, origins, root, sink)
    order = frame["doc_id"].argsort(kind="stable").to_numpy()
    frame = frame.iloc[order].reset_index(drop=True)
    where = [rows.where[i] for i in order]
    frame = _drop_duplicates(frame, where, sink).reset_index(drop=True)
    ignored = tuple(sink.ignored) + tuple(str(p) for p in other)
    report = LoadReport(len(found), rows.records, len(frame), tuple(sink.problems), ignored)
    frame.attrs["load_report"] = report
    return frame, report


def load(path: str | Path, fields: dict | None = None, strict: bool = False) -> pd.DataFrame:
    """Load every article under `path` into a DataFrame.

    Each problem is logged as one warning line (at most LOG_PER_KIND per kind), followed by a summary;
    all of them are in `report_of(articles)`.

    Args:
        path: a folder, or one .txt/.json/.jsonl/.csv/.zip file.
        fields: optional overrides, column → source field name, e.g. {"text": "maintext"}.
        strict: raise InputError at the first problem instead of skipping or repairing.
    Returns:
        DataFrame with columns doc_id, title, outlet, published (datetime64, NaT when unknown), url, text,
        sorted by doc_id; exact duplicates (same text, same outlet) dropped, the first kept.
    """
    frame, report = load_with_report(path, fields, strict)
    report.log()
    return frame


# ---------------------------------------------------------------------------------------------- views


def article_table(articles: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The article table without text, with character counts; the first `limit` rows if given."""
    table = articles.drop(columns="text").assign(chars=articles["text"].str.len())
    return table if limit is None else table.head(limit)


def counts_by_outlet(articles: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Articles per outlet (most first; '(unknown)' for none), the `top` largest."""
    outlets = articles["outlet"].replace("", "(unknown)")
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
    label = " ".join(html.unescape(title).split()) or doc_id  # crawled titles often keep &quot; and the like
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


# ---------------------------------------------------------------------------------------------- CLI


def _parse_field(value: str) -> tuple[str, str]:
    column, sep, name = value.partition("=")
    if not sep or not column.strip() or not name.strip():
        raise argparse.ArgumentTypeError(f"expected COLUMN=FIELD (e.g. text=maintext), got '{value}'")
    return column.strip(), name.strip()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_strict_argument

    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, metavar="FILE.csv",
                        help="where to write the article table (no text; with character counts)")
    parser.add_argument("--field", action="append", type=_parse_field, default=[], metavar="COLUMN=FIELD",
                        help="read COLUMN (text, title, published, outlet, url, doc_id) from the source field "
                        "FIELD, e.g. --field text=maintext (repeatable)")
    parser.add_argument("--problems", metavar="FILE.csv", help="also write every problem found to this table")
    add_strict_argument(parser)


def run(args: argparse.Namespace) -> int:
    fields = dict(args.field) or None
    outputs = [args.out] + ([args.problems] if args.problems else [])
    for out in outputs:
        files.check_output_path(out, args.corpus)
    articles, report = load_with_report(args.corpus, fields, args.strict)
    report.log(more=f"all are in {args.problems}" if args.problems else "write them all with --problems FILE.csv")
    files.write_csv(article_table(articles), args.out)
    if args.problems:
        files.write_csv(report.table(), args.problems)
    if not report.problems:
        print(report.summary(), file=sys.stderr)
    print(f"{len(articles)} articles → {args.out}")
    return 0
