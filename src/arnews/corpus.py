"""Load a corpus of Arabic news articles into one table.

`load(path)` returns a pandas DataFrame with one row per article and the columns
`doc_id, title, outlet, published, url, text` (text = the raw decoded text, newlines as `\\n`).

Accepted inputs: a folder of .txt files (doc_id = file name without extension) with an optional
`metadata.csv` (columns `file,title,outlet,published,url,notes`) inside the folder or beside it;
.json (array of objects), .jsonl and .csv files; .zip archives holding any of these; folders of such
files. Raw files are only ever opened for reading.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import zipfile
from pathlib import Path

import pandas as pd

from arnews import files
from arnews.errors import InputError

CLI_HELP = "load a corpus and write its article table (one row per article, no text)"

COLUMNS = ["doc_id", "title", "outlet", "published", "url", "text"]

#: Which source field fills which column, first match wins (case-insensitive).
FIELD_ALIASES = {
    "text": ("text", "content", "body", "article", "maintext"),
    "title": ("title", "head_line", "headline"),
    "published": ("published", "date", "date_extracted", "date_publish", "pubdate"),
    "outlet": ("outlet", "source", "newspaper", "site"),
    "url": ("url", "link"),
    "doc_id": ("doc_id", "id"),
}

METADATA_NAME = "metadata.csv"
SUPPORTED = {".txt", ".json", ".jsonl", ".csv", ".zip"}


def _decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM) and normalise newlines to \\n."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(name, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _records_from_json(text: str, name: str) -> list[dict]:
    data = json.loads(text)
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise InputError(name, "JSON is neither an array of objects nor an object")
    return [r for r in data if isinstance(r, dict)]


def _records(data: bytes, name: str) -> list[dict]:
    """Parse one structured file (by its name's ending) into records."""
    suffix = Path(name).suffix.lower()
    text = _decode(data, name)
    if suffix == ".json":
        return _records_from_json(text, name)
    if suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if suffix == ".csv":
        return list(csv.DictReader(io.StringIO(text)))
    raise InputError(name, f"unsupported file type '{suffix}'")


def _map_fields(record: dict, fields: dict | None) -> dict:
    lowered = {str(k).lower(): v for k, v in record.items()}
    row = {}
    for column, aliases in FIELD_ALIASES.items():
        names = (fields[column],) if fields and column in fields else aliases
        row[column] = next((lowered[n.lower()] for n in names if n.lower() in lowered), None)
    return row


def _rows_from_structured(data: bytes, name: str, fields: dict | None) -> list[dict]:
    stem = Path(name).with_suffix("").as_posix()
    rows = []
    for i, record in enumerate(_records(data, name)):
        row = _map_fields(record, fields)
        if row["doc_id"] in (None, ""):
            row["doc_id"] = f"{stem}#{i:05d}"
        rows.append(row)
    return rows


def _read_metadata(folder: Path) -> dict[str, dict]:
    """metadata.csv inside the folder, or beside it (data/metadata.csv for data/raw)."""
    for candidate in (folder / METADATA_NAME, folder.parent / METADATA_NAME):
        if candidate.is_file():
            with open(candidate, encoding="utf-8-sig", newline="") as f:
                table = {row["file"]: row for row in csv.DictReader(f) if row.get("file")}
            if any((folder / name).exists() for name in table):
                return table
    return {}


def _rows_from_path(path: Path, fields: dict | None) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return [{"doc_id": path.stem, "text": _decode(path.read_bytes(), str(path))}]
    if suffix == ".zip":
        rows = []
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                if member.endswith("/"):
                    continue
                data = archive.read(member)
                label = f"{path.name}/{member}"
                if member.lower().endswith(".txt"):
                    rows.append({"doc_id": f"{path.stem}/{Path(member).stem}", "text": _decode(data, label)})
                else:
                    rows.extend(_rows_from_structured(data, label, fields))
        return rows
    return _rows_from_structured(path.read_bytes(), path.name, fields)


def sources(path: str | Path) -> list[Path]:
    """The files a corpus path stands for, in a stable order (a file stands for itself).

    Stages that stream a large corpus map a worker over these and call `load_source` on each.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "does not exist")
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED and p.name != METADATA_NAME
    )


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"doc_id": str})
    for column in ("title", "outlet", "url", "text"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    return frame


def load_source(
    source: Path, fields: dict | None = None, strict: bool = False, metadata: dict[str, dict] | None = None
) -> pd.DataFrame:
    """Load the articles of one source file (a .txt, .json, .jsonl, .csv or .zip).

    Args:
        source: one file from `sources(path)`.
        fields: optional column → source field overrides.
        strict: raise at the first problem instead of skipping (skeleton: unused).
        metadata: rows of metadata.csv keyed by file name (see `metadata_for`).
    Returns:
        DataFrame with the columns of `load`, in the file's order.
    """
    rows = _rows_from_path(Path(source), fields)
    meta = (metadata or {}).get(Path(source).name, {})
    for row in rows:
        for column in ("title", "outlet", "published", "url"):
            if row.get(column) in (None, "") and meta.get(column):
                row[column] = meta[column]
    return _frame(rows)


def metadata_for(path: str | Path) -> dict[str, dict]:
    """metadata.csv rows (keyed by file name) that apply to the corpus folder `path`."""
    path = Path(path)
    return _read_metadata(path) if path.is_dir() else {}


def load(path: str | Path, fields: dict | None = None, strict: bool = False) -> pd.DataFrame:
    """Load every article under `path` into a DataFrame.

    Args:
        path: a folder, or one .txt/.json/.jsonl/.csv/.zip file.
        fields: optional overrides, column → source field name, e.g. {"text": "maintext"}.
        strict: raise InputError at the first problem file instead of skipping it (skeleton: unused).
    Returns:
        DataFrame with columns doc_id, title, outlet, published (datetime64, NaT when unknown), url, text,
        sorted by doc_id.
    """
    metadata = metadata_for(path)
    frames = [load_source(s, fields, strict, metadata) for s in sources(path)]
    frame = pd.concat(frames, ignore_index=True) if frames else _frame([])
    return frame.sort_values("doc_id", kind="stable").reset_index(drop=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument

    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, metavar="FILE.csv", help="where to write the article table")


def run(args: argparse.Namespace) -> int:
    articles = load(args.corpus)
    table = articles.drop(columns="text").assign(chars=articles["text"].str.len())
    files.write_csv(table, args.out)
    print(f"{len(table)} articles → {args.out}")
    return 0
