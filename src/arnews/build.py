"""Execute every notebook in order, headless, and render each to an HTML report.

`python -m arnews build --corpus PATH --out DIR` runs notebooks/NN_*.ipynb with papermill, passing
`corpus` and `out` through each notebook's `parameters` cell, and writes:

- DIR/reports/<notebook>.html — the executed notebook, outputs included;
- DIR/reports/index.html — one line per notebook: title, one-sentence summary, link;
- DIR/figures/*.png and DIR/data/processed/* — written by the notebooks themselves.

A failing cell stops the build with the notebook and cell named and a non-zero exit.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from arnews import REPO_ROOT, files
from arnews.errors import InputError

CLI_HELP = "execute every notebook on a corpus and render the HTML reports"

NOTEBOOKS = REPO_ROOT / "notebooks"
KERNEL = "python3"


class BuildError(Exception):
    """A notebook failed; the message names the notebook and the cell."""


@dataclass(frozen=True)
class Report:
    notebook: str
    title: str
    summary: str
    href: str


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks (`01_load.ipynb` …) in reading order."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)
_SENTENCE = re.compile(r"^(.+?[.?!])(\s|$)", re.DOTALL)
_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


def describe(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """Title (first `# ` heading) and one-sentence summary (first prose paragraph after it)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        heading = _HEADING.search(cell.source)
        if not heading:
            continue
        rest = cell.source[heading.end() :].strip().split("\n\n")
        paragraph = next((p for p in rest if p.strip() and not p.lstrip().startswith("#")), "")
        paragraph = _MARKUP.sub(lambda m: m.group(1) or "", " ".join(paragraph.split()))
        sentence = _SENTENCE.match(paragraph)
        return heading.group(1).strip(), (sentence.group(1) if sentence else paragraph)
    return "", ""


def execute(notebook: Path, corpus: Path, out: Path, workdir: Path) -> nbformat.NotebookNode:
    """Run one notebook with papermill; raise BuildError naming the failing cell."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    target = workdir / notebook.name
    try:
        papermill.execute_notebook(
            str(notebook),
            str(target),
            parameters={"corpus_path": str(corpus), "out_dir": str(out)},
            cwd=str(notebook.parent),
            kernel_name=KERNEL,
            progress_bar=False,
            log_output=False,
        )
    except PapermillExecutionError as err:
        raise BuildError(f"{notebook.name}: cell {err.exec_count} failed: {err.ename}: {err.evalue}") from None
    return nbformat.read(target, as_version=4)


def to_html(nb: nbformat.NotebookNode) -> str:
    """Render an executed notebook to a standalone HTML page."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb)
    return body


def index_html(reports: list[Report], corpus: Path) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(r.href)}">{html.escape(r.title)}</a> — {html.escape(r.summary)}</li>'
        for r in reports
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>arnews reports</title></head>
<body>
<h1>arnews reports</h1>
<p>Corpus: <code>{html.escape(str(corpus))}</code></p>
<ol>
{items}
</ol>
</body>
</html>
"""


def build(corpus: str | Path, out: str | Path, notebooks: list[Path] | None = None) -> Path:
    """Execute the notebooks on `corpus`, write reports under `out`; return the index path."""
    corpus, out = Path(corpus).resolve(), Path(out).resolve()
    if not corpus.exists():
        raise InputError(corpus, "corpus path does not exist")
    notebooks = notebooks if notebooks is not None else notebook_paths()
    for sub in ("reports", "figures", "data/processed"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    reports = []
    with tempfile.TemporaryDirectory(prefix="arnews-build-") as workdir:
        for number, notebook in enumerate(notebooks, 1):
            print(f"[{number}/{len(notebooks)}] running {notebook.name} …", file=sys.stderr, flush=True)
            started = time.perf_counter()
            executed = execute(notebook, corpus, out, Path(workdir))
            page = out / "reports" / f"{notebook.stem}.html"
            files.write_text(page, to_html(executed))
            title, summary = describe(executed)
            reports.append(Report(notebook.name, title or notebook.stem, summary, page.name))
            print(f"      done in {time.perf_counter() - started:.1f} s → {page}", file=sys.stderr, flush=True)
    return files.write_text(out / "reports" / "index.html", index_html(reports, corpus))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument

    add_corpus_argument(parser, default=str(REPO_ROOT / "data" / "raw"))
    parser.add_argument(
        "--out", default=str(REPO_ROOT), metavar="DIR", help="output folder (default: the repository root)"
    )


def run(args: argparse.Namespace) -> int:
    try:
        index = build(args.corpus, args.out)
    except BuildError as err:
        print(f"arnews build: error: {err}", file=sys.stderr)
        return 1
    print(f"reports → {index}")
    return 0
