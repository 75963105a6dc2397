"""Reading one source file (.txt, .json, .jsonl, .csv, or a .zip of them) into the loader's rows.

Whatever goes wrong inside one file (a parser error nobody foresaw included) becomes a Problem of that file,
never an exception that ends the run; only `--strict` turns the first problem into an InputError.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from arnews.corpus import formats
from arnews.corpus.archives import read_zip
from arnews.corpus.decoding import decode_or_skip
from arnews.corpus.options import METADATA_NAME, LoadOptions
from arnews.corpus.records import Rows, add_records, append, has_control_escapes
from arnews.corpus.report import Sink
from arnews.errors import InputError

__all__ = ["Context", "metadata_keys", "read", "read_bytes"]


@dataclass
class Context:
    """What reading one source needs: where it is, how fields map, its metadata.csv row, the rows and problems
    so far, the limits, and the bytes its archives may still inflate."""

    source: Path
    fields: dict | None
    meta: dict | None
    meta_file: str
    rows: Rows
    sink: Sink
    options: LoadOptions = field(default_factory=LoadOptions)
    budget: int = 0

    def __post_init__(self):
        self.budget = self.options.max_unzipped


def read_bytes(name: str, suffix: str, data: bytes, stem: str, ctx: Context, depth: int = 0) -> None:
    """Read one file's bytes (a .txt, .json, .jsonl, .csv or a .zip) into ctx.rows."""
    if suffix == ".zip":
        read_zip(name, data, stem, ctx, depth, read_bytes)
        return
    if suffix == ".txt":
        ctx.rows.records += 1
    text = decode_or_skip(data, name, ctx.sink)
    if text is None:
        return
    if suffix == ".txt":
        if not text or text.isspace():
            ctx.sink.add("empty", name, "only whitespace" if text else "no text after the byte-order mark", "skipped")
            return
        append(ctx.rows, stem, {}, text, (name, None, 0), ctx.meta, ctx.meta_file)
        return
    records = {
        ".json": lambda: formats.records_from_json(text, name, ctx.sink),
        ".jsonl": lambda: formats.records_from_jsonl(text),
        ".csv": lambda: formats.records_from_csv(text, name, ctx.sink),
    }[suffix]()
    if records is not None:
        raw_controls = suffix != ".csv" and has_control_escapes(data, text)
        add_records(records, name, stem, ctx.fields, ctx.rows, ctx.sink, ctx.meta, ctx.meta_file, raw_controls)


def _read_source(ctx: Context) -> None:
    source = ctx.source
    suffix = source.suffix.lower()
    try:
        if suffix == ".zip":
            read_zip(str(source), None, source.stem, ctx, 0, read_bytes)
            return
        data = source.read_bytes()
    except OSError as err:
        ctx.sink.add("unreadable", source, f"cannot be read ({err.strerror or err})", "skipped")
        return
    read_bytes(str(source), suffix, data, source.stem, ctx)


def metadata_keys(source: Path) -> list[str]:
    """The names a metadata.csv row may use for `source`: its name, then longer relative paths."""
    parts = source.parts
    return ["/".join(parts[-i:]) for i in range(1, len(parts) + 1)]


def _metadata_row(metadata: dict | None, source: Path) -> dict | None:
    if not metadata:
        return None
    return next((metadata[k] for k in metadata_keys(source) if k in metadata), None)


def read(source: Path, fields: dict | None, metadata: dict | None, rows: Rows, sink: Sink,
         options: LoadOptions, meta_file: str = METADATA_NAME) -> None:
    """Read one source file into `rows`; its problems go to `sink`.

    Args:
        source: the file.
        fields: column → source field overrides.
        metadata: metadata.csv rows keyed by file name.
        rows, sink: where articles and problems go.
        options: the limits (zip inflation).
        meta_file: the metadata file's name, for messages about dates taken from it.
    """
    ctx = Context(Path(source), fields, _metadata_row(metadata, Path(source)), meta_file, rows, sink, options)
    try:
        _read_source(ctx)
    except InputError:
        raise
    except Exception as err:  # input nobody foresaw must not end the run with a traceback (MemoryError too)
        ctx.sink.add("unreadable", source, f"could not be read ({type(err).__name__}: {err})", "skipped")
