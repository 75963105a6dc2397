"""Execute every notebook in order, headless, and render each to an offline HTML report.

`python -m arnews build --corpus PATH --out DIR` runs notebooks/NN_*.ipynb with papermill, passing
`corpus_path` and `out_dir` through each notebook's `parameters` cell, and writes:

- DIR/reports/<notebook>.html — the executed notebook as a reader needs it (see `arnews.report.tidy`): no
  parameter cells, no stderr, no absolute path of the build machine; seed commentary only on the seed corpus;
  a navigation bar (index, previous, next) and the build's provenance;
- DIR/reports/index.html — the corpus (by name), its size, the build date, arnews version and commit, and one
  line per notebook: title, one-sentence summary, link;
- DIR/figures/*.png and DIR/data/processed/* — written by the notebooks themselves. Every figure a notebook
  saves must also be shown in it: a report that misses one is not written.

Reports are self-contained (`arnews.report.page`). Article text is untrusted: a report in which a notebook
output carries live HTML (a script, an event handler, a remote resource) is not written. A failing cell stops
the build with the notebook, the cell, its failing line and the exception named, and a non-zero exit.
Notebooks run one after the other: each already uses both cores where it matters, and the console then reads
in order.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from arnews import config, files, report
from arnews.errors import InputError
from arnews.report import FONT_FAMILY, FONT_WEIGHTS, Report, index_html, report_css, to_html

if TYPE_CHECKING:  # nbformat costs ~0.8 s to import; every `python -m arnews <stage>` imports this module
    import nbformat

CLI_HELP = "execute every notebook on a corpus and render the HTML reports"

__all__ = ["CLI_HELP", "FONT_FAMILY", "FONT_WEIGHTS", "OUTPUT_FOLDERS", "BuildError", "Report", "add_arguments",
           "build", "check_figures_shown", "check_inert", "check_outputs", "describe", "execute", "failure_message",
           "index_html", "live_html", "notebook_paths", "report_css", "run", "to_html"]

#: The numbered notebooks: the checkout's notebooks/ or the copy installed with the package (`arnews.config`).
NOTEBOOKS = config.notebooks_dir()
KERNEL = "python3"
#: A report larger than this is slow to open and mail; the build warns (issue 8: ≤ 5 MB on saudinewsnet).
REPORT_BUDGET = 5_000_000


class BuildError(Exception):
    """A notebook failed or its report would be unsafe; the message names the notebook and the cell."""


def notebook_paths(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks (`01_load.ipynb` …) in reading order.

    Args:
        folder: where to look; default `NOTEBOOKS`.
    Returns:
        Paths sorted by name.
    Raises:
        InputError: the folder holds no numbered notebook (an install without its notebooks must not
            build an empty index).
    """
    folder = folder or NOTEBOOKS
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        where = "the folder does not exist" if not folder.is_dir() else "it holds no NN_name.ipynb file"
        raise InputError(folder, f"no notebooks to run: {where}; reinstall arnews (`pip install .` from a "
                                 "checkout copies notebooks/ into the package) or run from a checkout")
    return found


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
        rest = cell.source[heading.end():].strip().split("\n\n")
        paragraph = next((p for p in rest if p.strip() and not p.lstrip().startswith("#")), "")
        paragraph = _MARKUP.sub(lambda m: m.group(1) or "", " ".join(paragraph.split()))
        sentence = _SENTENCE.match(paragraph)
        return heading.group(1).strip(), (sentence.group(1) if sentence else paragraph)
    return "", ""


# --- running a notebook -------------------------------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_FRAME = re.compile(r"^Cell In\[\d+\], line (\d+)")
_FILE_FRAME = re.compile(r"^File (.+?):(\d+)")


def failure_message(notebook: str, cell_index: int, source: str, traceback: list[str], error: str) -> str:
    """Name the notebook, the cell (counting every cell from 1, markdown too), the failing line and the error.

    Args:
        notebook: the notebook's file name.
        cell_index: 0-based index of the failing cell.
        source: the cell's source.
        traceback: IPython's traceback lines (with ANSI colours).
        error: "ExceptionName: message".
    Returns:
        A few lines for the console; where the exception came from a library, its file and line too.
    """
    lines = _ANSI.sub("", "\n".join(traceback)).splitlines()
    cell_line, library_frame = None, None
    for line in lines:
        if match := _CELL_FRAME.match(line):
            cell_line = int(match.group(1))
        elif match := _FILE_FRAME.match(line):
            library_frame = f"{match.group(1)}:{match.group(2)}"
    code = source.splitlines()
    message = [f"{notebook}: cell {cell_index + 1} failed"]
    if cell_line and 0 < cell_line <= len(code):
        message.append(f"  line {cell_line}: {code[cell_line - 1].strip()}")
    if library_frame:
        message.append(f"  raised in {library_frame}")
    message.append(f"  {error}")
    return "\n".join(message)


def _kernel_config():
    """Kernel sockets encrypted with CurveZMQ where pyzmq supports it (ipykernel warns about plain TCP)."""
    import zmq
    from traitlets.config import Config

    config = Config()
    if zmq.has("curve"):
        config.KernelManager.transport_encryption = "auto"
    return config


def _authored_index(notebook: Path, executed_index: int) -> int:
    """Index of a cell in the notebook as written, from its index in papermill's run.

    Papermill inserts one `injected-parameters` cell right after the cell tagged `parameters` (at the top
    when there is none); cells after it move down by one.
    """
    import nbformat

    cells = nbformat.read(notebook, as_version=4).cells
    tagged = [i for i, cell in enumerate(cells) if "parameters" in cell.metadata.get("tags", [])]
    injected_at = tagged[0] + 1 if tagged else 0
    return executed_index - 1 if executed_index > injected_at else executed_index


def execute(notebook: Path, corpus: Path, out: Path, workdir: Path) -> nbformat.NotebookNode:
    """Run one notebook with papermill; raise BuildError naming the failing cell and line.

    The notebook's own stderr (progress bars, loader warnings) is mirrored on the console while it runs;
    reports leave it out (`report.tidy`).
    """
    import nbformat
    import papermill
    from nbclient.exceptions import DeadKernelError
    from nbformat.reader import NotJSONError
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
            stderr_file=sys.stderr,
            coalesce_streams=False,  # report.tidy joins consecutive streams only: labels stay in place
            config=_kernel_config(),
        )
    except PapermillExecutionError as err:
        raise BuildError(failure_message(
            notebook.name, _authored_index(notebook, err.cell_index), err.source, err.traceback,
            f"{err.ename}: {err.evalue}",
        )) from None
    except DeadKernelError:
        raise BuildError(f"{notebook.name}: the Python kernel died (out of memory?)") from None
    except NotJSONError:
        raise InputError(notebook, "not a notebook (invalid JSON)") from None
    return nbformat.read(target, as_version=4)


# --- untrusted text must not become live HTML ----------------------------------------------------------

_ACTIVE_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                          "meta", "link"})
_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "background", "data",
                             "xlink:href"})
#: Attributes whose URL the browser fetches by itself, so a remote one breaks offline reading and tells a
#: third party who opened the report. A link (<a href>) is only followed when clicked.
_FETCHED_ATTRIBUTES = _URL_ATTRIBUTES - {"href", "action", "formaction"}
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
_REMOTE_URL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


class _LiveHTMLScanner(HTMLParser):
    """Collect elements and attributes that would run code or fetch something when the page opens."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _ACTIVE_TAGS:
            self.findings.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(f"{name}= handler on <{tag}>")
            elif name in _URL_ATTRIBUTES and _SCRIPT_URL.match(value):
                self.findings.append(f"script URL in {name}= on <{tag}>")
            elif name in _FETCHED_ATTRIBUTES and any(_REMOTE_URL.match(url) for url in value.split(",")):
                self.findings.append(f"remote resource in {name}= on <{tag}>")

    handle_startendtag = handle_starttag


def live_html(fragment: str) -> list[str]:
    """What in an HTML fragment would run script or fetch a remote resource when a browser opens it.

    Args:
        fragment: HTML, e.g. a cell's text/html output.
    Returns:
        One description per finding, e.g. ["<script> element", "onerror= handler on <img>"]; [] if inert.

    >>> live_html('<td>&lt;script&gt;alert(1)&lt;/script&gt; وصل بوتين</td>')
    []
    >>> live_html('<p>وصل بوتين <img src=x onerror=alert(1)></p>')
    ['onerror= handler on <img>']
    """
    scanner = _LiveHTMLScanner()
    scanner.feed(fragment)
    scanner.close()
    return scanner.findings


def _cell_html(cell: nbformat.NotebookNode) -> list[str]:
    """The HTML a cell puts into the report verbatim (markdown is rendered the way nbconvert renders it)."""
    from nbconvert.filters import markdown2html

    if cell.cell_type == "markdown":
        return [markdown2html(cell.source)]
    fragments = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        fragments += [data[key] for key in ("text/html", "image/svg+xml") if key in data]
        if "text/markdown" in data:
            fragments.append(markdown2html(data["text/markdown"]))
        if "application/javascript" in data:
            fragments.append("<script></script>")
    return fragments


def check_inert(nb: nbformat.NotebookNode, notebook: str) -> None:
    """Raise BuildError if any cell of the executed notebook would put live HTML into its report."""
    for index, cell in enumerate(nb.cells):
        findings = [finding for fragment in _cell_html(cell) for finding in live_html(fragment)]
        if findings:
            raise BuildError(
                f"{notebook}: cell {index + 1} puts live HTML into the report ({', '.join(sorted(set(findings)))});"
                " show article text in a DataFrame or escape it with html.escape, and fetch nothing from the web"
            )


# --- figures: every one saved is shown ------------------------------------------------------------------------


def _figure_stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.png")} if folder.is_dir() else {}


_IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")


def shown_images(nb: nbformat.NotebookNode) -> int:
    """How many images the notebook's outputs display (what its report embeds)."""
    return sum(any(kind in output.get("data", {}) for kind in _IMAGE_TYPES)
               for cell in nb.cells for output in cell.get("outputs", []))


def check_figures_shown(nb: nbformat.NotebookNode, saved: list[str], notebook: str) -> None:
    """Raise BuildError when a notebook saved more figures than it shows (a figure closed before display)."""
    shown = shown_images(nb)
    if shown < len(saved):
        raise BuildError(
            f"{notebook}: saved {len(saved)} figures ({', '.join(saved)}) but shows {shown}: keep each figure"
            " open until the cell ends (plotting.savefig does) so that the notebook and its report show it")


# --- building ------------------------------------------------------------------------------------------------


def _titles(notebooks: list[Path]) -> list[report.Link]:
    """Each notebook's title and report file, read before running (for the previous / next links)."""
    import nbformat

    links = []
    for notebook in notebooks:
        try:
            title = describe(nbformat.read(notebook, as_version=4))[0]
        except (OSError, ValueError):
            title = ""
        links.append(report.Link(title or notebook.stem, f"{notebook.stem}.html"))
    return links


def _store_size(corpus: Path) -> int | None:
    """Articles in the corpus's clean store (made by the notebooks), or None when there is none."""
    from arnews import pipeline

    store = pipeline.open_store(corpus)
    return len(store.table) if store is not None else None


#: The folders a build writes into under --out (the notebooks write their figures and tables there too).
OUTPUT_FOLDERS = ("reports", "figures", "data/processed")


def check_outputs(corpus: Path, out: Path) -> None:
    """Refuse, before anything is created, a build that would write over or around one of its inputs: `out` equal
    to (or inside) the corpus folder, a corpus file inside one of OUTPUT_FOLDERS or the clean store's folder.

    Raises:
        UsageError: naming the output and the input.
    """
    from arnews import corpus as loader
    from arnews import pipeline

    folders = [out / sub for sub in OUTPUT_FOLDERS] + [pipeline.default_interim()]
    files.check_outputs(loader.run_inputs(corpus), folders=folders, roots=[out])


def build(corpus: str | Path, out: str | Path, notebooks: list[Path] | None = None) -> Path:
    """Execute the notebooks on `corpus`, write reports under `out`; return the index path.

    Args:
        corpus: folder or file of articles, as `arnews.corpus.load` reads it.
        out: output root; reports/, figures/ and data/processed/ are created under it.
        notebooks: the notebooks to run, in order; default every notebooks/NN_*.ipynb.
    Returns:
        The path of reports/index.html.
    Raises:
        InputError: the corpus path does not exist; UsageError: an output would write over an input.
        BuildError: a cell failed, a report would carry live HTML, or a saved figure is not shown.
    """
    corpus, out = Path(corpus).resolve(), Path(out).resolve()
    if not corpus.exists():
        raise InputError(corpus, "corpus path does not exist")
    check_outputs(corpus, out)
    notebooks = notebooks if notebooks is not None else notebook_paths()
    for sub in OUTPUT_FOLDERS:
        (out / sub).mkdir(parents=True, exist_ok=True)
    links = _titles(notebooks)
    seed = report.is_seed_corpus(corpus)
    articles = None
    reports = []
    with tempfile.TemporaryDirectory(prefix="arnews-build-") as workdir:
        replacements = report.path_replacements(corpus, out, report.shown_corpus(corpus), extra=(Path(workdir),))
        for number, notebook in enumerate(notebooks, 1):
            print(f"[{number}/{len(notebooks)}] running {notebook.name} …", file=sys.stderr, flush=True)
            started = time.perf_counter()
            before = _figure_stamps(out / "figures")
            executed = execute(notebook, corpus, out, Path(workdir))
            check_inert(executed, notebook.name)
            saved = sorted(name for name, stamp in _figure_stamps(out / "figures").items() if before.get(name) != stamp)
            shown = report.for_report(executed, replacements, seed_corpus=seed)
            check_figures_shown(shown, saved, notebook.name)
            articles = articles if articles is not None else _store_size(corpus)
            title, summary = describe(shown)
            nav = report.nav_html(links[number - 2] if number > 1 else None,
                                  links[number] if number < len(links) else None)
            page = out / "reports" / links[number - 1].href
            files.write_text(page, to_html(shown, title, nav, report.provenance(corpus, articles)))
            reports.append(Report(notebook.name, title or notebook.stem, summary, page.name, tuple(saved)))
            size = page.stat().st_size
            print(f"      done in {time.perf_counter() - started:.1f} s → {page} ({size / 1e6:.1f} MB)",
                  file=sys.stderr, flush=True)
            if size > REPORT_BUDGET:
                print(f"      warning: {page.name} is over {REPORT_BUDGET / 1e6:.0f} MB: show top-N tables and"
                      " sampled rows, not whole tables", file=sys.stderr, flush=True)
    return files.write_text(out / "reports" / "index.html", index_html(reports, report.provenance(corpus, articles)))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument

    add_corpus_argument(parser, default=str(config.default_corpus()))
    where = "the repository root" if config.REPO_ROOT is not None else "the current directory"
    parser.add_argument("--out", default=str(config.default_build_out()), metavar="DIR",
                        help=f"output folder (default: {where})")


def run(args: argparse.Namespace) -> int:
    try:
        index = build(args.corpus, args.out)
    except BuildError as err:
        print(f"arnews build: error: {err}", file=sys.stderr)
        return 1
    print(f"reports → {index}")
    return 0
