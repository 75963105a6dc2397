"""Writing outputs safely: atomically, and never over an input.

Every table arnews writes goes through here, so an interrupted run leaves either the old file or the
new one, never half of one, and raw inputs are never opened for writing.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd


def _file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success rename it onto `path`.

    Args:
        path: the final destination. Its folder is created if missing.
    Yields:
        A temporary file path in the same folder (so the rename is atomic).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        tmp_path.chmod(_FILE_MODE)  # mkstemp makes 0600 files; outputs get the usual rw-r--r-- (umask)
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 text atomically; returns the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a DataFrame as UTF-8 CSV (no index, `\\n` line ends) atomically; returns the path."""
    with atomic_path(path) as tmp:
        _write_table(frame, tmp)
    return Path(path)


def _write_table(frame: pd.DataFrame, path: Path) -> None:
    columns = _plain_columns(frame)
    if columns is None:
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        return
    with open(path, "w", encoding="utf-8", newline="") as out:  # the bytes pandas writes, in half the time
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(map(str, frame.columns))
        writer.writerows(zip(*columns, strict=True))


def _plain_columns(frame: pd.DataFrame) -> list[list] | None:
    """The columns as lists when every value is a str or an integer (what the csv module writes as pandas
    does); None otherwise (floats, dates, missing values: pandas formats those)."""
    if frame.columns.nlevels != 1 or not len(frame.columns):
        return None
    columns = []
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iu":  # not the nullable Int64
            columns.append(column.tolist())
        elif column.dtype.kind in "OT":
            values = column.tolist()
            if not all(value.__class__ is str for value in values):
                return None
            columns.append(values)
        else:
            return None
    return columns


def write_jsonl(records: Iterable[dict], path: str | os.PathLike) -> Path:
    """Write one JSON object per line (UTF-8, Arabic kept readable) atomically; returns the path."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, default=str))
            out.write("\n")
    return Path(path)


def check_output_path(out: str | os.PathLike, *inputs: str | os.PathLike) -> Path:
    """Refuse an output path that would land inside an input folder or over an input file.

    Every stage calls this before writing, so raw inputs are never written, whatever the user types.

    Args:
        out: the output file the user asked for.
        inputs: the corpus path(s) (folders or files) the run reads.
    Returns:
        `out` as a Path.
    Raises:
        InputError: `out` is an input file, lies inside an input folder, or is an existing folder.
    """
    from arnews.errors import InputError

    target = Path(out).resolve()
    if target.is_dir():
        raise InputError(out, "is a folder; give a file name for the output")
    for source in inputs:
        source_path = Path(source).resolve()
        if target == source_path:
            raise InputError(out, "is an input file; refusing to overwrite it (raw inputs are never written)")
        if source_path.is_file() and target.is_relative_to(source_path):  # e.g. --out FILE.json for a folder
            raise InputError(out, f"would be a folder inside the input file {source} (raw inputs are never written)")
        if source_path.is_dir() and target.is_relative_to(source_path):
            raise InputError(out, f"is inside the corpus folder {source}; write outputs elsewhere "
                             "(raw inputs are never written)")
    return Path(out)
