"""Turning parsed records (JSON objects, CSV rows, .txt files) into the loader's rows.

Source fields map to the columns by data/lexicons/field_aliases.csv (or `fields` overrides); a record that
cannot be used (no text, empty text, not an object, damaged) becomes one Problem and is skipped alone.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

import numpy as np

from arnews import lexicons
from arnews.corpus.decoding import BOMS, NEWLINES
from arnews.corpus.report import Sink, record_label
from arnews.errors import InputError, UsageError

__all__ = ["FIELD_ALIASES_LEXICON", "MAPPED_COLUMNS", "BadRecord", "Rows", "add_records", "append",
           "as_string", "check_fields", "field_aliases", "has_control_escapes"]

#: Lexicon naming which source fields fill which column (data/lexicons/field_aliases.csv).
FIELD_ALIASES_LEXICON = "field_aliases.csv"
#: The columns a field mapping may name.
MAPPED_COLUMNS = ("text", "title", "published", "outlet", "url", "doc_id")

#: A UTF-16 surrogate on its own: JSON can escape one ("\\ud800") though no text can hold it (UTF-8 cannot
#: encode it), so it becomes U+FFFD as an invalid byte would.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: JSON escapes of what a record's values must not keep: \\u0000 (NUL), \\r (CR), \\ud800-\\udfff (half of a
#: UTF-16 pair). A file without any of them needs no per-record repair.
CONTROL_ESCAPES = ("\\u000", "\\r", "\\ud", "\\uD")
_WIDE_BOMS = tuple(bom for bom, codec, _ in BOMS if codec != "utf-8")  # a backslash is not byte 92 there


class BadRecord(NamedTuple):
    """A record that could not be parsed: where it is in its file, why, and the problem's kind."""

    label: str
    reason: str
    kind: str = "bad-record"


@dataclass
class Rows:
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


def as_string(value) -> str:
    """A field's value as text: '' for null/NaN, list items one per line, numbers as written."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list):
        return "\n".join(as_string(v) for v in value)
    return value if isinstance(value, str) else str(value)


def _clean_record_text(text: str, file: str, record: str, sink: Sink) -> str:
    if "\x00" in text:
        sink.add("nul-bytes", file, f"{text.count(chr(0))} stray NUL character(s) in the text",
                 "repaired (removed them)", record)
        text = text.replace("\x00", "")
    if "\r" in text:
        text = NEWLINES.sub("\n", text)
    if _LONE_SURROGATE.search(text):
        sink.add("invalid-escapes", file, f"{len(_LONE_SURROGATE.findall(text))} lone surrogate escape(s) "
                 "(\\ud800–\\udfff) in the text", "repaired (replaced with U+FFFD)", record)
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return text


def has_control_escapes(data: bytes, text: str) -> bool:
    """Whether the JSON `text` (decoded from `data`) holds one of CONTROL_ESCAPES."""
    if data.startswith(_WIDE_BOMS) or len(data) < 1_000_000:
        return any(escape in text for escape in CONTROL_ESCAPES)
    from arnews import textsearch  # one compiled pass over the bytes instead of four searches of the text

    return textsearch.has_json_escapes(np.frombuffer(data, dtype=np.uint8))


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


def add_records(records, file: str, stem: str, fields: dict | None, rows: Rows, sink: Sink,
                meta: dict | None, meta_file: str, raw_controls: bool = True) -> None:
    """Map structured records (dicts, or BadRecords) into rows.

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
            if isinstance(record, BadRecord):  # a line or element that did not parse
                sink.add(record.kind, file, record.reason, "skipped", record.label or record_label(i, width))
                continue
            if not isinstance(record, dict):
                sink.add("bad-record", file, f"not an object but {type(record).__name__}", "skipped",
                         record_label(i, width))
                continue
        keys = tuple(record)
        mapping = maps.get(keys) or maps.setdefault(keys, _field_map(keys, fields))
        if mapping["text"] is None:
            textless.append(record_label(i, width))
            continue
        found_text = True
        text = record[mapping["text"]]
        if text.__class__ is not str:
            text = as_string(text)
        if raw_controls:
            text = _clean_record_text(text, file, record_label(i, width), sink)
        if not text or text.isspace():
            sink.add("empty", file, "empty text", "skipped", record_label(i, width))
            continue
        values = {c: "" if k is None else (v if (v := record[k]).__class__ is str else as_string(v))
                  for c, k in mapping.items()}
        if raw_controls:  # the other fields, as the text (silently: they are not analysed)
            values = {c: _LONE_SURROGATE.sub("\ufffd", v) for c, v in values.items()}
        append(rows, values["doc_id"] or f"{stem}#{i:0{width}d}", values, text, (file, i, width), meta, meta_file)
    wanted = (fields or {}).get("text") or "/".join(field_aliases()["text"])
    if found_text:
        for label in textless:
            sink.add("no-text", file, f"no text field ({wanted})", "skipped", label)
    elif textless:
        seen = sorted({str(k) for r in records if isinstance(r, dict) for k in r})[:12]
        sink.add("no-text", file, f"no text field ({wanted}) among its fields {seen}; name it with "
                 "--field text=NAME", "skipped")


def append(rows: Rows, doc_id: str, values: dict, text: str, where: tuple, meta: dict | None,
           meta_file: str) -> None:
    """Add one article; empty title, outlet, date or url are filled from its metadata.csv row `meta`.

    A crawled title often keeps its page's character references («كوشك لـ &quot;سبق&quot;»): the title is
    metadata for display, so they are decoded here, once. The text is not: clean spans are offsets into it.
    """
    origin = ""
    if meta:
        for column in ("title", "outlet", "published", "url"):
            if not values.get(column) and meta.get(column):
                values[column] = meta[column]
                origin = meta_file if column == "published" else origin
    rows.doc_id.append(doc_id)
    title = values.get("title", "")
    rows.title.append(html.unescape(title) if "&" in title else title)
    rows.outlet.append(values.get("outlet", ""))
    rows.published.append(values.get("published", ""))
    rows.url.append(values.get("url", ""))
    rows.text.append(text)
    rows.where.append(where)
    rows.date_origin.append(origin)


def check_fields(fields: dict | None) -> None:
    """Refuse a field mapping that names a column the loader does not have."""
    unknown = sorted(set(fields or {}) - set(MAPPED_COLUMNS))
    if unknown:
        raise UsageError(None, f"unknown column(s) in field mapping: {', '.join(unknown)} "
                         f"(choose from {', '.join(MAPPED_COLUMNS)})")
