"""What a set of reports was built from: the corpus (by name), its size, when, and which arnews.

Reports are published; their provenance says enough to rebuild them (corpus, version, commit) without saying
anything about the machine that built them (no absolute path, no user name).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from arnews import __version__, config

__all__ = ["SEED_CORPUS", "Provenance", "git_commit", "is_seed_corpus", "provenance", "shown_corpus"]

#: The five seed articles the notebooks' seed commentary is about (`data/raw`, or the copy installed with arnews).
SEED_CORPUS = config.default_corpus()
#: Folders of code and knowledge whose local changes make a build differ from its commit.
_TRACKED = ("src", "notebooks", "data/lexicons", "requirements.txt", "pyproject.toml")


@dataclass(frozen=True)
class Provenance:
    """corpus: the corpus's folder (or file) name, or its path inside the repository (`data/raw`);
    articles: articles in its clean store (None when unknown); built: UTC time of the build;
    version: arnews's version; commit: the git commit of the checkout, "unknown" outside one."""

    corpus: str
    articles: int | None
    built: str
    version: str
    commit: str

    def line(self) -> str:
        """One sentence for the foot of every report."""
        size = f" ({self.articles:,} articles)" if self.articles is not None else ""
        return f"Built {self.built} from corpus {self.corpus}{size} with arnews {self.version}, commit {self.commit}."


def shown_corpus(corpus: Path) -> str:
    """How reports name a corpus: its path inside the repository (`data/raw`), else its folder or file name."""
    corpus, root = corpus.resolve(), config.REPO_ROOT
    return corpus.relative_to(root).as_posix() if root is not None and corpus.is_relative_to(root) else corpus.name


def git_commit(repo: Path | None = config.REPO_ROOT) -> str:
    """The checkout's commit (12 hex digits), "+ local changes" when code or lexicons differ from it, or
    "unknown" (no git, an installed package)."""
    if repo is None or not (repo / ".git").exists():
        return "unknown"

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                              timeout=30).stdout.strip()

    try:
        commit = git("rev-parse", "--short=12", "HEAD")
        changed = git("status", "--porcelain", "--untracked-files=no", "--", *_TRACKED)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{commit} + local changes" if changed else commit


def _build_time() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else time.time()
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(seconds))


def provenance(corpus: Path, articles: int | None = None) -> Provenance:
    """The provenance of a build of `corpus` now."""
    return Provenance(shown_corpus(corpus), articles, _build_time(), __version__, git_commit())


def _digests(paths: list[Path]) -> list[str]:
    digests = []
    for path in paths:
        with open(path, "rb") as f:
            digests.append(hashlib.file_digest(f, "sha256").hexdigest())
    return sorted(digests)


def is_seed_corpus(corpus: Path, seeds: Path = SEED_CORPUS) -> bool:
    """Whether `corpus` holds exactly the seed articles (the same files by content, whatever their names).

    The notebooks' seed commentary (cells tagged `seed-commentary`) is true of these five articles only;
    the build shows it in the reports of this corpus and leaves it out of every other corpus's reports.
    """
    from arnews import corpus as loader

    if not seeds.is_dir() or not corpus.exists():
        return False
    theirs, ours = loader.sources(corpus), loader.sources(seeds)
    if len(theirs) != len(ours) or sorted(p.stat().st_size for p in theirs) != sorted(p.stat().st_size for p in ours):
        return False
    return _digests(theirs) == _digests(ours)
