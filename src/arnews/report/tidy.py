"""From an executed notebook to the notebook its report shows: what the reader needs, nothing of the machine.

`for_report` works on a copy of the notebook papermill executed:

- the parameter cells (the notebook's own, tagged `parameters`, and the one papermill injects, tagged
  `injected-parameters`) are dropped: they hold the build machine's absolute paths and say nothing about the
  corpus;
- cells tagged `seed-commentary` (prose, or code that illustrates it, true of the five seed articles only)
  are dropped unless the corpus is the seed corpus;
- stderr is dropped: it holds progress bars and warnings for whoever runs the build (papermill mirrors it
  on their console), not results; loader problems are shown by the notebooks as summary tables;
- consecutive stdout pieces are joined and carriage-return progress collapsed — only consecutive ones, so
  that a printed label stays above the table it introduces (nbclient's own coalescing joins every stream
  of a cell into its first one, which moves labels away from what they label);
- absolute paths of the build (the corpus, the output folder, the repository, the home folder) are written
  relative to the corpus or the output folder, in every output.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from arnews import config

if TYPE_CHECKING:
    import nbformat

__all__ = ["HIDDEN_TAGS", "SEED_TAG", "for_report", "path_replacements", "relative_paths"]

#: Cells tagged so are never shown in a report.
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters", "remove-cell"})
#: Cells tagged so are shown only in the reports of the seed corpus.
SEED_TAG = "seed-commentary"
_CARRIAGE_RETURN = re.compile(r"[^\n]*\r(?=[^\n])")
_TEXT_MIMETYPES = ("text/plain", "text/html", "text/markdown")


def path_replacements(corpus: Path, out: Path, shown_corpus: str, extra: tuple[Path, ...] = ()
                      ) -> list[tuple[str, str]]:
    """(absolute, shown) pairs, longest first: corpus → its shown name, output folder → relative, home → ~.

    Args:
        corpus, out: the build's corpus and output folder.
        shown_corpus: how the reports name the corpus (`data/raw`, `saudinewsnet`).
        extra: more folders of the build machine to hide (the build's working folder), shown as "".
    """
    pairs: dict[str, str] = {}

    def add(path: Path, shown: str) -> None:
        for form in {str(path), str(path.resolve())}:
            if len(form) > 1:
                pairs.setdefault(form + "/", f"{shown}/" if shown else "")
                pairs.setdefault(form, shown or ".")

    add(corpus, shown_corpus)
    add(out, "")
    if config.REPO_ROOT is not None:
        add(config.REPO_ROOT, "")
    else:  # an installed package: its lexicons and notebooks are named from the package on
        add(config.PACKAGE_DIR, "arnews")
    for folder in extra:
        add(folder, "")
    add(Path.home(), "~")
    return sorted(pairs.items(), key=lambda pair: -len(pair[0]))


def relative_paths(text: str, replacements: list[tuple[str, str]], escaped: bool = False) -> str:
    """`text` with every absolute path of `replacements` replaced (in its HTML-escaped form when `escaped`)."""
    for absolute, shown in replacements:
        needle = html.escape(absolute) if escaped else absolute
        if needle in text:
            text = text.replace(needle, html.escape(shown) if escaped else shown)
    return text


def _outputs(outputs: list, replacements: list[tuple[str, str]]) -> list:
    kept = []
    for output in outputs:
        if output.get("output_type") == "stream":
            if output.get("name") == "stderr":
                continue
            output["text"] = relative_paths(output["text"], replacements)
            if kept and kept[-1].get("output_type") == "stream" and kept[-1].get("name") == output["name"]:
                kept[-1]["text"] += output["text"]
                continue
        for mimetype, value in output.get("data", {}).items():
            if mimetype in _TEXT_MIMETYPES and isinstance(value, str):
                output["data"][mimetype] = relative_paths(value, replacements, escaped=mimetype == "text/html")
        kept.append(output)
    for output in kept:
        if output.get("output_type") == "stream" and "\r" in output["text"]:
            output["text"] = _CARRIAGE_RETURN.sub("", output["text"])
    return kept


def for_report(nb: nbformat.NotebookNode, replacements: list[tuple[str, str]], seed_corpus: bool
               ) -> nbformat.NotebookNode:
    """The notebook a report shows (see the module docstring); `nb` itself is left as it is.

    Args:
        nb: the executed notebook.
        replacements: from `path_replacements`.
        seed_corpus: the corpus is the seed corpus (seed commentary is shown).
    """
    nb = copy.deepcopy(nb)
    hidden = HIDDEN_TAGS if seed_corpus else HIDDEN_TAGS | {SEED_TAG}
    nb.cells = [cell for cell in nb.cells if not hidden & set(cell.get("metadata", {}).get("tags", []))]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = _outputs(cell.outputs, replacements)
        cell.get("metadata", {}).pop("papermill", None)
    nb.metadata.pop("papermill", None)  # holds the input, output and parameter paths
    return nb
