"""Parsing structured files (.json, .jsonl, .csv) into records, one damaged record at a time.

A damaged record is reported and skipped alone, and every readable record of the file is kept:

- .jsonl: each line is parsed on its own (a syntax error, a value nested ~1,000 deep, a number of more than
  4,300 digits skip that line);
- .json: when the whole file does not parse, its array is read element by element: a damaged element is
  skipped and reading goes on after it; where the file itself breaks off (truncated, a syntax error the
  reader cannot step over), the elements before are kept and the rest is reported;
- .csv: a quoted field whose closing quote is missing swallows every later line into one article. A record
  whose quoted field runs to the end of the file, or spans far more lines than the file's records do (at
  least CSV_SWALLOW_LINES, and CSV_SWALLOW_FACTOR times the median) while the lines it swallowed read as
  rows of the file, is reported and skipped, and reading starts again on the line after it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import statistics
import sys

from arnews.corpus.records import BadRecord, field_aliases
from arnews.corpus.report import Sink

__all__ = ["CSV_SWALLOW_FACTOR", "CSV_SWALLOW_LINES", "csv_rows", "records_from_csv", "records_from_json",
           "records_from_jsonl"]

#: A CSV record spanning at least this many lines …
CSV_SWALLOW_LINES = 200
#: … and this many times the median lines per record of its file, whose lines read as rows, is damaged.
CSV_SWALLOW_FACTOR = 20

_WHITESPACE = re.compile(r"[ \t\n\r]*")
#: JSON tokens that matter for finding where a value ends: strings (which may hold brackets) and brackets.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_JSON_SCALAR = re.compile(r'"(?:[^"\\]|\\.)*"|[^,\]\s]+', re.DOTALL)


def _json_reason(err: Exception) -> str:
    if isinstance(err, RecursionError):
        return "invalid JSON (nested too deeply)"
    if isinstance(err, json.JSONDecodeError):
        return f"invalid JSON ({err.msg} at line {err.lineno} column {err.colno})"
    if "integer string conversion" in str(err):
        return f"a number with more than {sys.get_int_max_str_digits()} digits"
    return f"invalid JSON ({err})"


# ---------------------------------------------------------------------------------------------- JSON


def records_from_json(text: str, file: str, sink: Sink) -> list | None:
    """The records of a .json file: an array of objects, one object, or {"articles": [...]}.

    Returns:
        The records (dicts; BadRecords for damaged elements), or None when the file holds none (reported).
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        return _elements(text, file, sink, err)
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
        # {"articles": [...]} wraps the records; any other object is one record.
        has_text = any(str(k).strip().lower() in field_aliases()["text"] for k in data)
        data = lists[0] if len(lists) == 1 and not has_text else [data]
    if not isinstance(data, list):
        sink.add("bad-json", file, f"JSON holds a {type(data).__name__}, not an array of objects", "skipped")
        return None
    return data


def _value_end(text: str, start: int) -> int | None:
    """Where the JSON value starting at `start` ends (after its closing bracket), without parsing it; None when
    it never closes."""
    if text[start] not in "[{":
        match = _JSON_SCALAR.match(text, start)
        return match.end() if match else None
    depth = 0
    for token in _JSON_TOKEN.finditer(text, start):
        symbol = token.group()
        if symbol in "[{":
            depth += 1
        elif symbol in "]}":
            depth -= 1
            if depth == 0:
                return token.end()
    return None


def _elements(text: str, file: str, sink: Sink, error: Exception) -> list | None:
    """The elements of a top-level array read one by one, after the whole file failed to parse with `error`."""
    decoder = json.JSONDecoder()
    position = _WHITESPACE.match(text).end()
    if not text.startswith("[", position):
        sink.add("bad-json", file, _json_reason(error), "skipped")
        return None
    records: list = []
    position += 1
    while True:
        position = _WHITESPACE.match(text, position).end()
        if text.startswith("]", position) and not records:
            return records
        if position >= len(text):
            return _give_up(records, "invalid JSON (the file ends inside its array)", file, sink)
        try:
            value, end = decoder.raw_decode(text, position)
            records.append(value)
        except (ValueError, RecursionError) as err:
            end = _value_end(text, position)
            if end is None or not text.startswith((",", "]"), _WHITESPACE.match(text, end).end()):
                return _give_up(records, _json_reason(err), file, sink)
            records.append(BadRecord("", _json_reason(err), "bad-json"))
        position = _WHITESPACE.match(text, end).end()
        if text.startswith(",", position):
            position += 1
        elif text.startswith("]", position):
            if _WHITESPACE.match(text, position + 1).end() < len(text):
                sink.add("bad-json", file, "text after the end of the array", "ignored")
            return records
        else:
            return _give_up(records, "invalid JSON (expected ',' or ']' after a record)", file, sink)


def _give_up(records: list, reason: str, file: str, sink: Sink) -> list | None:
    """Where a file breaks off: the records before are kept and the break is reported as the next record's
    problem; with no record before, the file is skipped."""
    if not any(r.__class__ is not BadRecord for r in records):
        sink.add("bad-json", file, reason, "skipped")
        return records or None
    records.append(BadRecord("", f"{reason}; the rest of the file skipped", "bad-json"))
    return records


def records_from_jsonl(text: str) -> list:
    """The records of a .jsonl file, one per non-empty line; a line that does not parse is a BadRecord."""
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except (ValueError, RecursionError) as err:
            reason = _json_reason(err)
            if isinstance(err, json.JSONDecodeError):
                reason = f"invalid JSON ({err.msg} at column {err.colno})"
            records.append(BadRecord(f"line {number}", reason))
    return records


# ---------------------------------------------------------------------------------------------- CSV


@contextlib.contextmanager
def _large_fields():
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, 2**31 - 1))  # a multi-megabyte article is one field
    try:
        yield
    finally:
        csv.field_size_limit(limit)


def _rows_with_lines(text: str, delimiter: str, first_line: int) -> list[tuple[int, int, list[str]]]:
    """(first physical line, last physical line, fields) of each CSV row of `text` (lines numbered from
    `first_line`)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, start = [], first_line
    for row in reader:
        end = first_line + reader.line_num - 1
        rows.append((start, end, row))
        start = end + 1
    return rows


def _runs_to_the_end(segment: str, delimiter: str) -> bool:
    """Whether the CSV `segment` ends inside a quoted field (its closing quote is missing)."""
    try:
        for _ in csv.reader(io.StringIO(segment, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as err:
        return "unexpected end of data" in str(err)
    return False


def _swallowed_rows(lines: list[str], delimiter: str, width: int) -> int:
    """How many of `lines`, each read alone, are rows of `width` fields."""
    count = 0
    for line in lines:
        fields = next(csv.reader([line], delimiter=delimiter), [])
        count += len(fields) == width
    return count


def _damaged(rows: list, lines: list[str], delimiter: str, width: int) -> tuple[int, str] | None:
    """The first row whose quoted field swallowed later lines, and why; None when there is none."""
    spans = [end - start + 1 for start, end, _ in rows]
    for index, ((start, end, _), span) in enumerate(zip(rows, spans, strict=True)):
        if index == len(rows) - 1 and span > 1:
            if _runs_to_the_end("\n".join(lines[start - 1:]), delimiter):
                return index, f"a quoted field opened here is never closed: it would swallow the {span - 1} " \
                    "lines after it, to the end of the file"
        if span >= CSV_SWALLOW_LINES:
            others = spans[:index] + spans[index + 1:]
            usual = statistics.median(others) if others else 1
            swallowed = lines[start:end]
            if span >= CSV_SWALLOW_FACTOR * usual and \
                    _swallowed_rows(swallowed, delimiter, width) >= max(2, len(swallowed) // 2):
                return index, f"a quoted field opened here runs over {span - 1} lines that read as rows of " \
                    "the file (a closing quote is missing)"
    return None


def records_from_csv(text: str, file: str, sink: Sink) -> list | None:
    """The records of a .csv file (with a header row; `,`, tab, `;` or `|` delimited) as dicts, as
    csv.DictReader gives them; a damaged record is a BadRecord and reading starts again after it."""
    rows = csv_rows(text, file, sink)
    return None if rows is None else [record for _, record in rows]


def csv_rows(text: str, file: str, sink: Sink) -> list[tuple[int, dict | BadRecord]] | None:
    """`records_from_csv` with the line each record starts on; None when the file is skipped (reported)."""
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in "\t;|" if "," not in first_line and d in first_line), ",")
    lines = text.split("\n")
    records: list = []
    header: list[str] | None = None
    start = 1
    with _large_fields():
        while start <= len(lines):
            try:
                rows = _rows_with_lines(text if start == 1 else "\n".join(lines[start - 1:]), delimiter, start)
            except csv.Error as err:
                sink.add("bad-csv", file, f"invalid CSV ({err})", "skipped")
                return None
            if header is None:
                if not rows:
                    return records
                if len(rows) == 1 and rows[0][1] > rows[0][0] and _runs_to_the_end(text, delimiter):
                    sink.add("bad-csv", file, "a quoted field in the header row is never closed", "skipped")
                    return None
                header, rows = rows[0][2], rows[1:]
            damage = _damaged(rows, lines, delimiter, len(header))
            kept = rows if damage is None else rows[:damage[0]]
            records.extend((line, _as_dict(header, fields)) for line, _, fields in kept if fields)
            if damage is None:
                return records
            bad_start = rows[damage[0]][0]
            records.append((bad_start, BadRecord(f"line {bad_start}", damage[1], "bad-csv")))
            start = bad_start + 1
    return records


def _as_dict(header: list[str], fields: list[str]) -> dict:
    """A row as csv.DictReader makes it: missing fields None, extra fields under the key None."""
    record = dict(zip(header, fields, strict=False))
    if len(fields) < len(header):
        record.update((name, None) for name in header[len(fields):])
    elif len(fields) > len(header):
        record[None] = fields[len(header):]
    return record
