"""Which files a corpus path stands for, and every path a load of it reads.

A folder is walked once (os.scandir, in time linear in its files), hidden files and folders left out.
A symbolic link inside the corpus folder that points outside it (to a system file, another user's folder)
is skipped with a message unless `follow_symlinks` (`--follow-symlinks`) is set; a link to a file inside
the folder is read, a link to a folder inside it is not walked twice, a broken link is reported.
Special files (pipes, sockets, devices) are never opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from arnews import lexicons
from arnews.corpus.archives import is_hidden
from arnews.corpus.options import METADATA_NAME, SUPPORTED, LoadOptions
from arnews.corpus.report import Sink
from arnews.errors import InputError, printable

__all__ = ["inputs", "list_corpus", "run_inputs", "sources"]

_NOT_FOLLOWED = "skipped (--follow-symlinks reads it)"


def _link(path: Path, real_root: Path, options: LoadOptions, sink: Sink) -> tuple[Path | None, bool]:
    """(target, is_folder) of a symbolic link the walk should take, or (None, _) after reporting why not."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop of links
        sink.add("unreadable", path, "a broken symbolic link", "skipped")
        return None, False
    inside = target.is_relative_to(real_root)
    if target.is_dir():
        if inside:  # its files are read under their own names
            return None, True
        if not options.follow_symlinks:
            sink.add("symlink", path, f"a symbolic link to the folder {printable(target)}, outside the corpus folder",
                     _NOT_FOLLOWED)
            return None, True
        return target, True
    if not inside and not options.follow_symlinks:
        sink.add("symlink", path, f"a symbolic link to {printable(target)}, outside the corpus folder", _NOT_FOLLOWED)
        return None, False
    return target, False


def _walk(root: Path, options: LoadOptions, sink: Sink) -> tuple[list[Path], list[Path]]:
    """Supported files and files of other types under `root`, hidden files and folders left out."""
    real_root = root.resolve()
    supported, other = [], []
    folders, walked = [root], {real_root}
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if is_hidden((name,)):
                    continue
                path = Path(entry.path)
                if entry.is_symlink():
                    target, is_folder = _link(path, real_root, options, sink)
                    if target is None:
                        continue
                    if is_folder:
                        if target not in walked:
                            walked.add(target)
                            folders.append(path)
                        continue
                    is_file = target.is_file()
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(path)
                    continue
                else:
                    is_file = entry.is_file(follow_symlinks=False)
                if not is_file:
                    continue
                if name == METADATA_NAME:  # only the corpus folder's own metadata.csv is read, never as articles
                    if folder != root:
                        other.append(path)
                    continue
                (supported if os.path.splitext(name)[1].lower() in SUPPORTED else other).append(path)
    return sorted(supported), sorted(other)


def list_corpus(path: Path, options: LoadOptions, sink: Sink) -> tuple[list[Path], list[Path]]:
    """`sources(path)` and the files of other types beside them; links not followed are reported to `sink`."""
    if not path.exists():
        raise InputError(path, "does not exist")
    kinds = ", ".join(sorted(SUPPORTED))
    if path.is_file():
        if path.suffix.lower() not in SUPPORTED:
            raise InputError(path, f"unsupported file type '{printable(path.suffix)}' (expected {kinds})")
        return [path], []
    try:
        found, other = _walk(path, options, sink)
    except OSError as err:
        raise InputError(err.filename or path, f"cannot be listed ({err.strerror or err})") from None
    if not found:
        raise InputError(path, f"no {kinds} files found")
    return found, other


def sources(path: str | Path, options: LoadOptions | None = None) -> list[Path]:
    """The files a corpus path stands for, in a stable order (a file stands for itself).

    Args:
        path: the corpus folder or file.
        options: the symlink policy (default: LoadOptions.from_environment()).
    Raises:
        InputError: the path does not exist, is a file of an unsupported type, or a folder without
            any supported file.
    """
    options = options or LoadOptions.from_environment()
    return list_corpus(Path(path), options, Sink(strict=False))[0]


def inputs(path: str | Path, options: LoadOptions | None = None) -> list[Path]:
    """Every path a load of `path` reads, for `arnews.files.check_outputs`: the corpus path itself, the
    metadata.csv inside or beside a corpus folder, and each source file outside the folder (a followed link's
    target).

    Raises:
        InputError: as `sources`.
    """
    root, options = Path(path), options or LoadOptions.from_environment()
    found = sources(root, options)
    if not root.is_dir():
        return [root, *found]
    metadata = [p for p in (root / METADATA_NAME, root.parent / METADATA_NAME) if p.is_file()]
    if not options.follow_symlinks:  # every file read lies inside the folder
        return [root, *metadata]
    real_root = root.resolve()
    return [root, *metadata, *(t for t in (p.resolve() for p in found) if not t.is_relative_to(real_root))]


def run_inputs(path: str | Path, extra: Iterable[str | os.PathLike] = ()) -> list[str | os.PathLike]:
    """Every input of a stage's run on the corpus `path`, for `arnews.files.check_outputs`: `inputs(path)` (the
    corpus path first), the lexicon folder, then `extra` as given (a rules file).

    Raises:
        InputError: as `sources`.
    """
    return [*inputs(path), lexicons.path("."), *extra]
