"""Writing outputs safely: atomically, never over an input, and safe to open in a spreadsheet.

Every file arnews writes goes through here:

- `check_outputs(inputs, files=…, folders=…)` refuses, before anything is written, an output that is an
  input of the run, lies inside an input folder, or (for a folder the run writes into) holds an input;
- `atomic_path` / `write_text` / `write_csv` / `write_jsonl` write one file under a temporary name and rename
  it into place, so an interrupted run leaves the old file or the new one, never half of one; the temporary
  file is removed on any exit Python sees (an exception, Ctrl-C, SIGTERM through `arnews.cli`);
- `atomic_folder(folder)` builds several files in a temporary folder that then takes the folder's place in
  one step, so a reader never pairs a file of one run with a file of another;
- `write_csv` quotes every field that holds a delimiter, a quote, a line feed or a carriage return, and
  neutralises spreadsheet formulas: a text value starting with `=`, `+`, `-`, `@`, a tab or a carriage return
  gets a leading apostrophe (`'=HYPERLINK(…)`), which spreadsheets show but never evaluate. Numbers such as
  `-3.5` are left alone. `raw=True`, `--raw-csv` or ARNEWS_RAW_CSV=1 keep the values as they are (for files
  that programs read back).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from arnews import config
from arnews.errors import UsageError, printable

__all__ = [
    "FOLDER_MODE", "FORMULA_PREFIXES", "RAW_CSV_VARIABLE", "atomic_folder", "atomic_path", "check_output_path",
    "check_outputs", "neutralise_formula", "write_csv", "write_jsonl", "write_text",
]

#: Environment variable: when set to 1 (or `--raw-csv` is given), CSV values are written without the apostrophe.
RAW_CSV_VARIABLE = "ARNEWS_RAW_CSV"
#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_START = re.compile(r"[=+\-@\t\r]")
_LINE_FORMULA_START = re.compile(r"^[=+\-@\t\r]", re.MULTILINE)  # the same at any line's start
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def _umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


#: Outputs get the usual modes (rw-r--r--, rwxr-xr-x under umask 022); mkstemp and mkdtemp make private ones.
_UMASK = _umask()
_FILE_MODE = 0o666 & ~_UMASK
FOLDER_MODE = 0o777 & ~_UMASK


# ---------------------------------------------------------------------------------------------- outputs vs inputs


def _resolved(path: str | os.PathLike) -> Path:
    return Path(path).expanduser().resolve()


def check_outputs(inputs: Iterable[str | os.PathLike], files: Iterable[str | os.PathLike] = (),
                  folders: Iterable[str | os.PathLike] = (), roots: Iterable[str | os.PathLike] = ()) -> None:
    """Refuse outputs that would write over, inside or around an input of the run, before anything is written.

    Every stage calls this (through `arnews.cli`) with ALL the inputs the run reads: the corpus path, its
    metadata.csv, every source file (`arnews.corpus.inputs`), the lexicons, a rules file…

    Args:
        inputs: files and folders the run reads.
        files: output files. Refused when one is an input, lies inside an input folder or an input file, or is
            an existing folder.
        folders: output folders the run creates or writes into (build's reports/, the clean store's folder…).
            Refused when one is an input, lies inside an input folder, or holds an input.
        roots: folders under which the run writes only into subfolders it names as `folders` (build's --out);
            refused when one is an input or lies inside an input folder.
    Raises:
        UsageError: the first output refused, with the input it collides with.
    """
    sources = [(_resolved(p), p) for p in inputs]
    corpus = sources[0][0] if sources else None  # callers list the corpus first

    def folder_name(resolved: Path) -> str:
        return "the corpus folder" if resolved == corpus else "the input folder"

    exact = {resolved: given for resolved, given in sources}
    input_folders = [(resolved, given) for resolved, given in sources if resolved.is_dir()]
    input_files = [(resolved, given) for resolved, given in sources if resolved.is_file()]
    outputs = [(f, "file") for f in files] + [(f, "folder") for f in folders] + [(f, "root") for f in roots]
    for out, kind in outputs:
        target = _resolved(out)
        if kind == "file" and target.is_dir():
            raise UsageError(out, "is a folder; give a file name for the output")
        if target in exact:
            what = folder_name(target) if target.is_dir() else "an input file"
            raise UsageError(out, f"is {what} of this run ({printable(exact[target])}); refusing to overwrite it "
                             "(raw inputs are never written)")
        for resolved, given in input_folders:
            if target.is_relative_to(resolved):
                raise UsageError(out, f"is inside {folder_name(resolved)} {printable(given)}; write outputs elsewhere "
                                 "(raw inputs are never written)")
        for resolved, given in input_files:
            if target.is_relative_to(resolved):  # e.g. --out FILE.json/x.csv for a corpus file
                raise UsageError(out, f"would be inside the input file {printable(given)} (raw inputs are never "
                                 "written)")
        for resolved, given in sources if kind == "folder" else ():
            if resolved.is_relative_to(target):
                raise UsageError(out, f"holds the input {printable(given)}, which this run could write over; "
                                 "choose another output folder (raw inputs are never written)")


def check_output_path(out: str | os.PathLike, *inputs: str | os.PathLike) -> Path:
    """`check_outputs(inputs, files=[out])` for one output file; returns `out` as a Path."""
    check_outputs(inputs, files=[out])
    return Path(out)


# ---------------------------------------------------------------------------------------------- atomic writes


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success rename it onto `path`; on any exit remove it.

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


@contextlib.contextmanager
def atomic_folder(folder: str | os.PathLike, keep_existing: bool = False) -> Iterator[Path]:
    """Build a folder's new content in a temporary folder that then takes its place in one step.

    Write every file of the run into the yielded folder. When the block ends without an error, files and
    folders of the old `folder` that the run did not write (a user's notes, another stage's table) are
    linked into the new one (copied where links are not possible), and the new folder is renamed into
    place: a reader sees the old set of files or the new one, never a mix of two runs. On any error,
    Ctrl-C or SIGTERM, the temporary folder is removed and `folder` is left as it was.

    Args:
        folder: the output folder (created if missing; a symbolic link is followed).
        keep_existing: for a folder whose content its name determines (a clean store, named by its key): when
            `folder` exists by the time the block ends (another run made it meanwhile), it is kept untouched,
            so its readers are never disturbed, and the new content is dropped.
    Yields:
        The temporary folder, beside `folder` (same file system).
    """
    final = _resolved(folder)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
    old = None
    try:
        yield tmp
        tmp.chmod(final.stat().st_mode & 0o7777 if final.is_dir() else FOLDER_MODE)
        if keep_existing:
            try:
                os.rename(tmp, final)  # fails when a folder with content stands there
            except OSError:
                if not final.is_dir():
                    raise
            return
        if not final.exists():
            os.rename(tmp, final)
            return
        for entry in sorted(final.iterdir()):
            if not (tmp / entry.name).exists() and not (entry.name.startswith(f".{final.name}.")):
                _keep(entry, tmp / entry.name)
        old = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".old", dir=final.parent))
        os.rename(final, old / final.name)  # a reader now sees no folder for an instant, never a mix
        os.rename(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            if not final.exists() and (old / final.name).is_dir():  # the second rename failed: put it back
                os.rename(old / final.name, final)
            shutil.rmtree(old, ignore_errors=True)


def _keep(source: Path, target: Path) -> None:
    """Carry a file or folder of the old output folder into the new one (hard links where possible)."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        shutil.copytree(source, target, symlinks=True, copy_function=_link_or_copy)
    else:
        _link_or_copy(source, target)


def _link_or_copy(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 text atomically; returns the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)


def write_jsonl(records: Iterable[dict], path: str | os.PathLike) -> Path:
    """Write one JSON object per line (UTF-8, Arabic kept readable) atomically; returns the path."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, default=str))
            out.write("\n")
    return Path(path)


# ---------------------------------------------------------------------------------------------- CSV


def neutralise_formula(value: str) -> str:
    """`value` with a leading apostrophe when a spreadsheet would read it as a formula (see FORMULA_PREFIXES);
    plain numbers (`-3`, `+1.5`) are left as they are."""
    if value and _FORMULA_START.match(value) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(frame: pd.DataFrame, path: str | os.PathLike, raw: bool | None = None) -> Path:
    """Write a DataFrame as UTF-8 CSV (no index, `\\n` line ends) atomically; returns the path.

    Args:
        frame: the table.
        path: where to write it.
        raw: keep text values that start like a spreadsheet formula as they are; None: as `--raw-csv`
            (ARNEWS_RAW_CSV) says, else they get a leading apostrophe. Tables that programs read back
            (the clean store) are written raw.
    """
    if not (config.env_flag(RAW_CSV_VARIABLE) if raw is None else raw):
        frame = _neutralised(frame)
    with atomic_path(path) as tmp:
        _write_table(frame, tmp)
    return Path(path)


def _neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    changed = {}
    for position in range(len(frame.columns)):
        column = frame.iloc[:, position]
        if column.dtype.kind in "OT":
            values = column.tolist()
            texts = [v for v in values if v.__class__ is str]
            if not _LINE_FORMULA_START.search("\n".join(texts)):  # no line starts so: no value does
                continue
            if any(v.__class__ is str and _FORMULA_START.match(v) for v in values):
                changed[position] = [neutralise_formula(v) if v.__class__ is str else v for v in values]
    if not changed:
        return frame
    frame = frame.copy()
    for position, values in changed.items():
        frame.isetitem(position, pd.Series(values, index=frame.index, dtype=object))
    return frame


class _RowEnds:
    """A file for csv.writer: rows end in `\\n`, while every field holding `\\r` or `\\n` is quoted.

    The csv module quotes a field only for the characters of its line terminator, so a field with a lone CR
    would be written bare and read back as two rows; written with `\\r\\n` ends (all such fields quoted), each
    row's end is turned into `\\n` here (csv.writer and pandas write one row per call).
    """

    def __init__(self, out):
        self._out = out

    def write(self, row: str) -> None:
        self._out.write(row[:-2] + "\n" if row.endswith("\r\n") else row)


def _write_table(frame: pd.DataFrame, path: Path) -> None:
    columns = _plain_columns(frame)
    with open(path, "w", encoding="utf-8", newline="") as out:
        if columns is None:  # floats, dates, missing values: pandas formats those
            frame.to_csv(_RowEnds(out), index=False, lineterminator="\r\n")
            return
        # the bytes pandas writes, in half the time; rows end in \n, written so at once when no value holds a
        # line break (else see _RowEnds)
        texts = ["".join(column) for column in columns if column and column[0].__class__ is str]
        breaks = any("\r" in text or "\n" in text for text in texts)
        writer = csv.writer(_RowEnds(out), lineterminator="\r\n") if breaks else csv.writer(out, lineterminator="\n")
        writer.writerow(map(str, frame.columns))
        writer.writerows(zip(*columns, strict=True))


def _plain_columns(frame: pd.DataFrame) -> list[list] | None:
    """The columns as lists when every value is a str or an integer (what the csv module writes as pandas
    does); None otherwise (floats, dates, missing values: pandas formats those)."""
    if frame.columns.nlevels != 1 or not len(frame.columns):
        return None
    columns = []
    for position in range(len(frame.columns)):
        column = frame.iloc[:, position]
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
