"""Where arnews finds its data and where it writes, in a checkout and in an installed package.

arnews runs from two layouts:

* **a checkout** (git clone; `make` installs it editable): the package lives in `<repo>/src/arnews` and reads
  the files researchers edit at the top of the repository: `<repo>/data/lexicons/`, `<repo>/notebooks/`, and
  the seed corpus `<repo>/data/raw/` with its `<repo>/data/metadata.csv`;
* **an installed wheel** (`pip install .`): the build copied those same files into the package
  (`arnews/data/lexicons/`, `arnews/notebooks/`, `arnews/data/raw/`, `arnews/data/metadata.csv`; see setup.py),
  so a stage runs from any directory.

`ARNEWS_LEXICONS=/path/to/lexicons` points every stage at an edited copy of the whole lexicon folder, in either
layout. It is read when `arnews.lexicons` is first imported: set it before starting Python or Jupyter.

Notebooks take `corpus_path = None` and `out_dir = None` as parameters and resolve them with
`resolve_parameters`: the seed corpus, and an untracked output folder for interactive runs (`<repo>/out/` in a
checkout), so running a notebook by hand never rewrites the tracked figures and tables that `make report`
produces. The build (papermill) passes both explicitly.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "LEXICONS_ENV",
    "PACKAGE_DIR",
    "REPO_ROOT",
    "default_build_out",
    "default_corpus",
    "env_flag",
    "interactive_out_dir",
    "lexicons_dir",
    "lexicons_origin",
    "notebooks_dir",
    "resolve_parameters",
]

#: Environment variable naming a folder that replaces the lexicons (a researcher's edited copy).
LEXICONS_ENV = "ARNEWS_LEXICONS"
#: The installed `arnews` package folder.
PACKAGE_DIR = Path(__file__).resolve().parent
#: Folder name, under an installed package's current directory, of interactive notebook outputs.
INSTALLED_OUT_NAME = "arnews-out"


def _checkout_root() -> Path | None:
    """The repository root when arnews runs from a checkout (src/arnews/ → ../..), else None."""
    root = PACKAGE_DIR.parents[1]
    in_src = PACKAGE_DIR.parent.name == "src"
    return root if in_src and (root / "pyproject.toml").is_file() and (root / "data" / "lexicons").is_dir() else None


#: The repository root in a checkout; None when arnews is installed from a wheel.
REPO_ROOT: Path | None = _checkout_root()
#: Where the editable data lives: `<repo>/data` in a checkout, `arnews/data` in an installed package.
_DATA = REPO_ROOT / "data" if REPO_ROOT is not None else PACKAGE_DIR / "data"


def lexicons_dir() -> Path:
    """The lexicon folder: `$ARNEWS_LEXICONS` if set, else `<repo>/data/lexicons` or the packaged copy."""
    override = os.environ.get(LEXICONS_ENV, "").strip()
    return Path(override).expanduser().resolve() if override else _DATA / "lexicons"


def lexicons_origin() -> str:
    """How the lexicon folder was chosen, for messages about a missing lexicon file."""
    if os.environ.get(LEXICONS_ENV, "").strip():
        return f"{LEXICONS_ENV} names this folder; copy the whole data/lexicons folder there"
    if REPO_ROOT is not None:
        return "the repository's data/lexicons"
    return f"the lexicons installed with arnews; set {LEXICONS_ENV} to use an edited copy"


def notebooks_dir() -> Path:
    """The numbered notebooks: `<repo>/notebooks` in a checkout, the packaged copy when installed."""
    return REPO_ROOT / "notebooks" if REPO_ROOT is not None else PACKAGE_DIR / "notebooks"


def default_corpus() -> Path:
    """The five seed articles: `<repo>/data/raw` in a checkout, the packaged copy when installed.

    Their `metadata.csv` (titles, outlets, dates) sits beside the folder in both layouts.
    """
    return _DATA / "raw"


def default_build_out() -> Path:
    """Where `arnews build` writes without `--out`: the repository root in a checkout (the tracked figures/ and
    data/processed/ are the seed corpus's results), else the current directory."""
    return REPO_ROOT if REPO_ROOT is not None else Path.cwd()


def interactive_out_dir() -> Path:
    """Where a notebook run by hand writes: `<repo>/out/` (git-ignored) in a checkout, else `./arnews-out/`.

    Never the tracked `figures/` or `data/processed/`: only `make report` rewrites those.
    """
    return REPO_ROOT / "out" if REPO_ROOT is not None else Path.cwd() / INSTALLED_OUT_NAME


def resolve_parameters(corpus_path: str | Path | None, out_dir: str | Path | None) -> tuple[Path, Path]:
    """A notebook's `corpus_path` and `out_dir` parameters as paths, whatever the working directory.

    Args:
        corpus_path: the corpus to read, or None for `default_corpus()`. A relative path is taken from the
            working directory (as any path typed in a notebook).
        out_dir: the output root, or None for `interactive_out_dir()`.
    Returns:
        (corpus, out) as absolute paths.
    """
    corpus = default_corpus() if corpus_path is None else Path(corpus_path).expanduser().resolve()
    out = interactive_out_dir() if out_dir is None else Path(out_dir).expanduser().resolve()
    return corpus, out


def env_flag(name: str) -> bool:
    """Whether the environment variable `name` is set to a true value (anything but empty, 0, false or no)."""
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")
