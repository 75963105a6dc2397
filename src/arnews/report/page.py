"""HTML pages: the reports (executed notebooks through templates/arnews) and their index.

Pages are self-contained: no script, font or stylesheet is fetched from the network, and Arabic is laid out
right to left in an embedded Arabic font (see templates/arnews.css). Every report has a navigation bar at
its top and foot (the index, the previous and the next report) and its provenance at its foot; the index
names the corpus, its size, the build date, the arnews version and commit.
"""

from __future__ import annotations

import base64
import functools
import html
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from arnews.report.provenance import Provenance

if TYPE_CHECKING:
    import nbformat

__all__ = ["ARABIC_BLOCKS", "FONT_FAMILY", "FONT_WEIGHTS", "TEMPLATES", "Link", "Report", "index_html", "nav_html",
           "report_css", "to_html"]

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: Unicode blocks the embedded Arabic font covers: Arabic, Arabic Supplement, Arabic Extended-A,
#: Arabic Presentation Forms-A and -B (messy corpora carry presentation forms), plus ZWNJ/ZWJ, which
#: steer joining inside Arabic words.
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
                 (0x200C, 0x200D))
#: Static instances cut from the variable Noto Sans Arabic: body text and bold headings / table headers.
FONT_WEIGHTS = (400, 700)
FONT_FAMILY = "arnews Noto Sans Arabic"
INDEX = "index.html"


@dataclass(frozen=True)
class Report:
    """One report in the index: its notebook, title, one-sentence summary, file name and figures shown."""

    notebook: str
    title: str
    summary: str
    href: str
    figures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    title: str
    href: str


# --- the embedded font and the CSS -------------------------------------------------------------------------


def _font_data(weight: int) -> bytes:
    """Noto Sans Arabic at one weight, cut to the Arabic blocks, as WOFF (~50 KB instead of 830 KB): the file
    the figures draw with (`plotting.FONT_PATH`)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    from arnews.plotting import FONT_PATH

    font = TTFont(str(FONT_PATH), recalcTimestamp=False)
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


# --- navigation and provenance -------------------------------------------------------------------------------


def nav_html(previous: Link | None, following: Link | None) -> str:
    """The bar that links a report to the index and to the previous and next reports."""
    links = [f'<a href="{INDEX}">All reports</a>']
    if previous:
        links.append(f'<a href="{html.escape(previous.href)}" rel="prev">← {html.escape(previous.title)}</a>')
    if following:
        links.append(f'<a href="{html.escape(following.href)}" rel="next">{html.escape(following.title)} →</a>')
    return f'<nav class="arnews-nav" dir="ltr">{" · ".join(links)}</nav>'


def _footer(built: Provenance | None) -> str:
    return f'<footer class="arnews-provenance" dir="ltr">{html.escape(built.line())}</footer>' if built else ""


def to_html(nb: nbformat.NotebookNode, title: str = "", nav: str = "", built: Provenance | None = None) -> str:
    """Render a notebook (see `tidy.for_report`) to a self-contained, offline HTML page (templates/arnews).

    Args:
        nb: the notebook to show.
        title: the page title.
        nav: the navigation bar (`nav_html`), put at the top and the foot of the page.
        built: the build's provenance, written at the foot.
    """
    from nbconvert import HTMLExporter

    if title:
        nb.metadata["title"] = title
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="arnews", embed_images=True)
    resources = {"arnews_css": report_css(), "arnews_nav": nav, "arnews_footer": _footer(built)}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def index_html(reports: list[Report], built: Provenance) -> str:
    """The reports' table of contents with the build's provenance, styled like the reports."""
    rows = "\n".join(
        f'<tr><td><a href="{html.escape(r.href)}">{html.escape(r.title)}</a></td><td>{html.escape(r.summary)}</td>'
        f"<td>{len(r.figures)}</td></tr>"
        for r in reports
    )
    articles = f"{built.articles:,}" if built.articles is not None else "unknown"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>arnews reports · {html.escape(built.corpus)}</title>
<style>
{report_css()}
</style>
</head>
<body>
<main class="arnews-index">
<h1>arnews reports</h1>
<dl class="arnews-provenance">
<dt>Corpus</dt><dd><code>{html.escape(built.corpus)}</code></dd>
<dt>Articles</dt><dd>{articles}</dd>
<dt>Built</dt><dd>{html.escape(built.built)}</dd>
<dt>arnews</dt><dd>{html.escape(built.version)}, commit <code>{html.escape(built.commit)}</code></dd>
</dl>
<table>
<thead><tr><th>Report</th><th>What it answers</th><th>Figures</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>
"""
