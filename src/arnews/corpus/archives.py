"""Reading the members of a .zip archive, within limits a zip bomb cannot pass.

Before anything is inflated, the members' declared sizes are checked: an archive whose readable members
would inflate to more than `max_unzipped` bytes (LoadOptions; 1 GiB by default) is skipped with one message,
and so is a member larger than RATIO_FROM whose size is more than `max_ratio` times its compressed size.
While a member inflates, its bytes are counted in chunks against what remains of the budget, since a header
can lie. Members named `../…` or with an absolute path are skipped with a message (nothing is ever extracted
to disk, but such a name marks an archive made to attack). Archives inside archives are read MAX_ZIP_DEPTH
levels deep, within the same budget.

Members are inflated by the standard library's zipfile alone: no second reader of the zip format (see
docs/data-safety.md for what a faster inflater would save).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import PurePosixPath

from arnews.corpus.options import MAX_ZIP_DEPTH, RATIO_FROM, SUPPORTED

__all__ = ["CHUNK", "is_hidden", "read_zip"]

#: Bytes inflated per read while counting a member's size.
CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")


class _TooLarge(Exception):
    pass


def is_hidden(parts) -> bool:
    """A hidden file or folder (a name starting with '.'), or macOS's __MACOSX folder of an archive."""
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def _leaves_archive(member: str) -> bool:
    parts = re.split(r"[\\/]", member)
    return member.startswith(("/", "\\")) or bool(_DRIVE.match(member)) or ".." in parts


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes; _TooLarge as soon as more than `limit` bytes come out."""
    chunks, size = [], 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise _TooLarge(size)
            chunks.append(chunk)
    return b"".join(chunks)


def read_zip(name: str, data: bytes | None, stem: str, ctx, depth: int,
             read_bytes: Callable[..., None]) -> None:
    """Read the supported members of an archive with `read_bytes(label, suffix, content, stem, ctx, depth)`.

    Args:
        name: the archive's name in messages (`outer.zip/inner.zip` for a nested one).
        data: the archive's bytes, or None to open `ctx.source` from disk.
        stem: the doc_id prefix of its members.
        ctx: the reading context (sink, options, budget: the bytes the source may still inflate).
        depth: how deep inside other archives this one is.
        read_bytes: reads one member's bytes (arnews.corpus.readers).
    """
    sink = ctx.sink
    if depth >= MAX_ZIP_DEPTH:
        sink.add("bad-zip", name, f"zip nested more than {MAX_ZIP_DEPTH} levels deep", "skipped")
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if data is not None else ctx.source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as err:
        sink.add("bad-zip", name, f"not a readable zip archive ({err})", "skipped")
        return
    except OSError as err:
        sink.add("unreadable", name, f"cannot be read ({err.strerror or err})", "skipped")
        return
    with archive:
        members = []
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            member, label = info.filename, f"{name}/{info.filename}"
            if _leaves_archive(member):
                sink.add("unsafe-name", label, "the member's name leaves the archive ('../…' or an absolute path)",
                         "skipped")
                continue
            path = PurePosixPath(member)
            if info.is_dir() or is_hidden(path.parts):
                continue
            if path.suffix.lower() not in SUPPORTED:
                sink.ignored.append(label)
                continue
            members.append((info, label, path))
        declared = sum(info.file_size for info, _, _ in members)
        if declared > ctx.budget:
            sink.add("zip-limit", name, f"its members would inflate to {_size(declared)}, more than the "
                     f"{_size(ctx.budget)} left of the limit (--max-unzipped)", "skipped")
            return
        for info, label, path in members:
            if info.file_size > RATIO_FROM and info.file_size > ctx.options.max_ratio * max(info.compress_size, 1):
                sink.add("zip-limit", label, f"would inflate {info.file_size / max(info.compress_size, 1):.0f} "
                         f"times (to {_size(info.file_size)}), more than the limit of {ctx.options.max_ratio:g} "
                         "(--max-ratio)", "skipped")
                continue
            try:
                content = _inflate(archive, info, min(info.file_size, ctx.budget))
            except _TooLarge:
                sink.add("zip-limit", label, f"inflates beyond its declared size ({_size(info.file_size)}) or the "
                         "limit (--max-unzipped)", "skipped")
                continue
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, OSError) as err:
                sink.add("bad-zip", label, f"cannot be extracted ({err})", "skipped")
                continue
            ctx.budget -= len(content)
            read_bytes(label, path.suffix.lower(), content, f"{stem}/{path.with_suffix('')}", ctx, depth + 1)
