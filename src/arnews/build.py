"""Execute every notebook in order, headless, and render each to an offline HTML report.

`python -m arnews build --corpus PATH --out DIR` runs notebooks/NN_*.ipynb with papermill, passing
`corpus_path` and `out_dir` through each notebook's `parameters` cell, and writes:

- DIR/reports/<notebook>.html — the executed notebook, outputs included;
- DIR/reports/index.html — one line per notebook: title, one-sentence summary, link;
- DIR/figures/*.png and DIR/data/processed/* — written by the notebooks themselves.

Reports are self-contained: no script, font or stylesheet is fetched from the network, and Arabic is laid
out right to left in an embedded Arabic font (see templates/arnews.css). Article text is untrusted: a report
in which a notebook output carries live HTML (a script, an event handler, a remote resource) is not written.
A failing cell stops the build with the notebook, the cell, its failing line and the exception named, and a
non-zero exit. Notebooks run one after the other: each already uses both cores where it matters, and the
console then reads in order.
"""

from __future__ import annotations

import argparse
import base64
import functools
import html
import io
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from arnews import config, files
from arnews.errors import InputError

if TYPE_CHECKING:  # nbformat costs ~0.8 s to import; every `python -m arnews <stage>` imports this module
    import nbformat

CLI_HELP = "execute every notebook on a corpus and render the HTML reports"

#: The numbered notebooks: the checkout's notebooks/ or the copy installed with the package (`arnews.config`).
NOTEBOOKS = config.notebooks_dir()
TEMPLATES = Path(__file__).resolve().parent / "templates"
KERNEL = "python3"

#: Unicode blocks the embedded Arabic font covers: Arabic, Arabic Supplement, Arabic Extended-A,
#: Arabic Presentation Forms-A and -B (messy corpora carry presentation forms), plus ZWNJ/ZWJ, which
#: steer joining inside Arabic words.
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
                 (0x200C, 0x200D))
#: Static instances cut from the variable Noto Sans Arabic: body text and bold headings / table headers.
FONT_WEIGHTS = (400, 700)
FONT_FAMILY = "arnews Noto Sans Arabic"
#: A report larger than this is slow to open and mail; the build warns (issue 8: ≤ 5 MB on saudinewsnet).
REPORT_BUDGET = 5_000_000


class BuildError(Exception):
    """A notebook failed or its report would be unsafe; the message names the notebook and the cell."""


@dataclass(frozen=True)
class Report:
    notebook: str
    title: str
    summary: str
    href: str


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

    The notebook's own stderr (progress bars, skipped-file warnings) is mirrored on the console while it
    runs; in the report, progress bars are collapsed to their final state.
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
            coalesce_streams=True,
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


# --- rendering -------------------------------------------------------------------------------------------


def _font_data(weight: int) -> bytes:
    """Noto Sans Arabic at one weight, cut to the Arabic blocks, as WOFF (~50 KB instead of 830 KB)."""
    import fontpkg
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(fontpkg.path("Noto Sans Arabic"), recalcTimestamp=False)
    font = instancer.instantiateVariableFont(font, {"wght": weight, "wdth": 100})
    options = subset.Options()
    options.layout_features = ["*"]  # keep every shaping feature: init/medi/fina, ligatures, mark placement
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for start, end in ARABIC_BLOCKS for cp in range(start, end + 1)])
    subsetter.subset(font)
    font.flavor = "woff"
    data = io.BytesIO()
    font.save(data)
    return data.getvalue()


def _unicode_range() -> str:
    return ", ".join(f"U+{start:04X}-{end:04X}" for start, end in ARABIC_BLOCKS)


@functools.cache
def report_css() -> str:
    """The reports' CSS: the embedded Arabic font faces, then templates/arnews.css."""
    faces = [
        f'@font-face {{\n  font-family: "{FONT_FAMILY}";\n  font-weight: {weight};\n  font-style: normal;\n'
        f"  unicode-range: {_unicode_range()};\n"
        f'  src: url("data:font/woff;base64,{base64.b64encode(_font_data(weight)).decode()}") format("woff");\n}}'
        for weight in FONT_WEIGHTS
    ]
    return "\n".join(faces) + "\n\n" + (TEMPLATES / "arnews.css").read_text(encoding="utf-8")


def to_html(nb: nbformat.NotebookNode, title: str = "") -> str:
    """Render an executed notebook to a self-contained, offline HTML page (templates/arnews)."""
    from nbconvert import HTMLExporter

    if title:
        nb.metadata["title"] = title
    exporter = HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)], template_name="arnews", embed_images=True
    )
    body, _ = exporter.from_notebook_node(nb, resources={"arnews_css": report_css()})
    return body


def _shown_path(path: Path) -> str:
    """A path as the index shows it: relative to the repository when inside it (`data/raw`)."""
    root = config.REPO_ROOT
    return str(path.relative_to(root)) if root is not None and path.is_relative_to(root) else str(path)


def index_html(reports: list[Report], corpus: Path) -> str:
    """The reports' table of contents, styled like the reports."""
    rows = "\n".join(
        f'<tr><td><a href="{html.escape(r.href)}">{html.escape(r.title)}</a></td><td>{html.escape(r.summary)}</td></tr>'
        for r in reports
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>arnews reports</title>
<style>
{report_css()}
</style>
</head>
<body>
<main class="arnews-index">
<h1>arnews reports</h1>
<p>Corpus: <code>{html.escape(_shown_path(corpus))}</code></p>
<table>
<thead><tr><th>Report</th><th>What it answers</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""


#: The folders a build writes into under --out (the notebooks write their figures and tables there too).
OUTPUT_FOLDERS = ("reports", "figures", "data/processed")


def check_outputs(corpus: Path, out: Path) -> None:
    """Refuse, before anything is created, a build that would write over or around one of its inputs: `out` equal
    to (or inside) the corpus folder, a corpus file inside one of OUTPUT_FOLDERS or the clean store's folder.

    Raises:
        UsageError: naming the output and the input.
    """
    from arnews import corpus as loader
    from arnews import lexicons, pipeline

    inputs = [*loader.inputs(corpus), lexicons.path(".")]
    files.check_outputs(inputs, folders=[out / sub for sub in OUTPUT_FOLDERS] + [pipeline.default_interim()],
                        roots=[out])


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
        BuildError: a cell failed, or a report would carry live HTML.
    """
    corpus, out = Path(corpus).resolve(), Path(out).resolve()
    if not corpus.exists():
        raise InputError(corpus, "corpus path does not exist")
    check_outputs(corpus, out)
    notebooks = notebooks if notebooks is not None else notebook_paths()
    for sub in OUTPUT_FOLDERS:
        (out / sub).mkdir(parents=True, exist_ok=True)
    reports = []
    with tempfile.TemporaryDirectory(prefix="arnews-build-") as workdir:
        for number, notebook in enumerate(notebooks, 1):
            print(f"[{number}/{len(notebooks)}] running {notebook.name} …", file=sys.stderr, flush=True)
            started = time.perf_counter()
            executed = execute(notebook, corpus, out, Path(workdir))
            check_inert(executed, notebook.name)
            title, summary = describe(executed)
            page = out / "reports" / f"{notebook.stem}.html"
            files.write_text(page, to_html(executed, title))
            reports.append(Report(notebook.name, title or notebook.stem, summary, page.name))
            size = page.stat().st_size
            print(f"      done in {time.perf_counter() - started:.1f} s → {page} ({size / 1e6:.1f} MB)",
                  file=sys.stderr, flush=True)
            if size > REPORT_BUDGET:
                print(f"      warning: {page.name} is over {REPORT_BUDGET / 1e6:.0f} MB: show top-N tables and"
                      " sampled rows, not whole tables", file=sys.stderr, flush=True)
    return files.write_text(out / "reports" / "index.html", index_html(reports, corpus))


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
