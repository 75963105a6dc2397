"""The build: notebooks → offline, right-to-left HTML reports; failures named; article text kept inert.

Three groups of tests:
- fast ones on the pieces (the live-HTML scanner, the report template, the embedded font, the index page);
- `browser`: headless chromium lays the reports out, and an Arabic table cell must read right to left;
- `slow`: whole builds on the seeds, on one and two articles, on a corpus with hostile HTML in it, and with
  a broken notebook.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from arnews import build, cli, config, report

# Real headlines and lines of the kind the reports show (glosses in English).
#: "Russia and North Korea strengthen their partnership ABC News" — Arabic first, an outlet name last.
MIXED_CELL = "روسيا وكوريا الشمالية تعززان الشراكة ABC News"
#: "The two leaders pledged mutual assistance against aggression in Pyongyang Reuters"
MIXED_PARAGRAPH = "تعهد الزعيمان بالمساعدة المتبادلة ضد العدوان في بيونغ يانغ Reuters"
#: "Source: the Russian news agency TASS" — a printed line.
MIXED_PRINTED = "المصدر: وكالة الأنباء الروسية TASS"
LATIN_PARAGRAPH = "The two leaders signed a comprehensive strategic partnership treaty."

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


# --- helpers ----------------------------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <style> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


_REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
_CSS_REMOTE = re.compile(r"""(url\(\s*['"]?\s*(https?:)?//|@import)""", re.IGNORECASE)


def external_references(page: str) -> list[str]:
    """Scripts, stylesheets, fonts, images or frames the page would fetch from the network."""
    doc = parse(page)
    found = [
        f"<{tag} {name}={value}>"
        for tag, attrs in doc.tags
        for name, value in attrs.items()
        if name in ("src", "srcset", "data", "poster") or (name == "href" and tag != "a")
        if value and _REMOTE.match(value)
    ]
    found += [match.group(0) for css in doc.styles for match in _CSS_REMOTE.finditer(css)]
    found += [f"<link {attrs}>" for tag, attrs in doc.tags if tag == "link"]
    return found


def live_elements(page: str) -> list[str]:
    """Script elements and event-handler attributes: what would run when the page opens."""
    doc = parse(page)
    found = [f"<{tag}>" for tag, _ in doc.tags if tag in ("script", "iframe", "object", "embed")]
    found += [f"<{tag} {name}=…>" for tag, attrs in doc.tags for name in attrs if name.startswith("on")]
    return found


def layout_notebook() -> nbformat.NotebookNode:
    """An executed-looking notebook: Arabic prose, an Arabic DataFrame cell and an Arabic printed line."""
    frame = pd.DataFrame({"title": [MIXED_CELL], "words": [412]})
    return new_notebook(cells=[
        new_markdown_cell(f"# Layout check\n\n{MIXED_PARAGRAPH}\n\n{LATIN_PARAGRAPH}"),
        new_code_cell("frame", execution_count=1, outputs=[
            new_output("execute_result", execution_count=1,
                       data={"text/html": frame.to_html(), "text/plain": frame.to_string()}),
        ]),
        new_code_cell("print(source)", execution_count=2,
                      outputs=[new_output("stream", name="stdout", text=MIXED_PRINTED + "\n")]),
    ])


def plain_lab_html(nb: nbformat.NotebookNode) -> str:
    """The same notebook through nbconvert's stock lab template: the control."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab").from_notebook_node(nb)[0]


# --- fast: the live-HTML scanner ---------------------------------------------------------------------------


def test_live_html_flags_script_and_event_handlers_in_article_text():
    # "Putin arrives in Pyongyang" with the hostile markup pasted in, as a careless notebook would show it.
    fragment = f"<p>وصل بوتين إلى بيونغ يانغ {SCRIPT} {IMG}</p>"
    assert build.live_html(fragment) == ["<script> element", "onerror= handler on <img>"]


def test_live_html_flags_script_urls_and_remote_resources():
    assert build.live_html('<a href="javascript:alert(1)">بيان الكرملين</a>') == ["script URL in href= on <a>"]
    assert build.live_html('<img src="https://tracker.example/p.gif">') == ["remote resource in src= on <img>"]
    assert build.live_html('<iframe src="x"></iframe>') == ["<iframe> element"]


def test_live_html_leaves_escaped_article_text_and_plain_links_alone():
    frame = pd.DataFrame({"title": [f"{SCRIPT} قمة بوتين وكيم {IMG}"]})  # "the Putin–Kim summit"
    assert build.live_html(frame.to_html()) == []
    assert build.live_html(html.escape(f"<p>{SCRIPT}</p>")) == []
    assert build.live_html('<a href="https://ar.wikipedia.org/wiki/بيونغ_يانغ">بيونغ يانغ</a>') == []


def test_check_inert_names_the_cell_that_displays_article_text_as_html():
    title = f"بوتين يصل إلى بيونغ يانغ {IMG}"  # "Putin arrives in Pyongyang"
    nb = new_notebook(cells=[
        new_markdown_cell("# Titles"),
        new_code_cell("articles", outputs=[new_output("execute_result", data={
            "text/html": pd.DataFrame({"title": [title]}).to_html(), "text/plain": title})]),
        new_code_cell("display(Markdown(title))", outputs=[new_output("display_data", data={
            "text/markdown": f"**{title}**", "text/plain": title})]),
    ])
    with pytest.raises(build.BuildError, match=r"03_terms.ipynb: cell 3 .*onerror= handler on <img>"):
        build.check_inert(nb, "03_terms.ipynb")
    nb.cells.pop()
    build.check_inert(nb, "03_terms.ipynb")  # the DataFrame alone is escaped: no error


def test_check_inert_rejects_javascript_outputs():
    nb = new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", data={
        "application/javascript": "alert(1)", "text/plain": "x"})])])
    with pytest.raises(build.BuildError, match="cell 1"):
        build.check_inert(nb, "01_load.ipynb")


# --- fast: the report template ----------------------------------------------------------------------------


def test_report_fetches_nothing_from_the_network():
    page = build.to_html(layout_notebook(), "Layout check")
    assert external_references(page) == []
    assert live_elements(page) == []
    # Control: the stock lab page loads require.js and MathJax from a CDN, and the check sees it.
    assert any("require" in ref for ref in external_references(plain_lab_html(layout_notebook())))


def test_report_keeps_arabic_text_and_uses_the_arabic_font_stack():
    page = build.to_html(layout_notebook(), "Layout check")
    assert MIXED_PARAGRAPH in page and MIXED_CELL in page and MIXED_PRINTED in page
    assert "<title>Layout check</title>" in page
    css = "\n".join(parse(page).styles)
    assert re.search(r'--jp-content-font-family:\s*var\(--arnews-font\)', css)
    assert re.search(r'--arnews-font:\s*"arnews Noto Sans Arabic"', css)
    assert "unicode-bidi: plaintext" in css


def test_embedded_font_covers_and_shapes_arabic_and_stays_small():
    from fontTools.ttLib import TTFont

    faces = re.findall(r'url\("data:font/woff;base64,([A-Za-z0-9+/=]+)"\)', build.report_css())
    assert len(faces) == len(build.FONT_WEIGHTS)
    title = "بوتين يجري مباحثات مع كيم جونغ أون في دار ضيافة كومسوسان"  # "Putin holds talks with Kim …"
    for data in map(base64.b64decode, faces):
        assert len(data) < 100_000
        font = TTFont(io.BytesIO(data))
        cmap = font.getBestCmap()
        assert not [ch for ch in title if ch != " " and ord(ch) not in cmap]
        features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
        assert {"init", "medi", "fina", "rlig"} <= features  # joining forms and the lam-alef ligature


BUILT = report.Provenance(corpus="saudinewsnet", articles=30148, built="2025-01-02 03:04 UTC", version="0.1.0",
                          commit="0123456789ab")


def test_index_page_links_every_report_and_escapes_titles():
    reports = [
        build.Report("01_load.ipynb", "01 · Load the corpus", "What is in the corpus?", "01_load.html"),
        build.Report("03_terms.ipynb", f"المصطلحات {SCRIPT}", f"Which words? {IMG}", "03_terms.html"),
    ]
    page = build.index_html(reports, BUILT)
    hrefs = [attrs["href"] for tag, attrs in parse(page).tags if tag == "a"]
    assert hrefs == ["01_load.html", "03_terms.html"]
    assert live_elements(page) == [] and external_references(page) == []
    assert f"المصطلحات {SCRIPT}" in "".join(parse(page).text)  # shown as text, not run


def test_index_page_names_corpus_size_date_version_and_commit():
    text = " ".join(" ".join(parse(build.index_html([], BUILT)).text).split())
    for shown in ("Corpus saudinewsnet", "Articles 30,148", "Built 2025-01-02 03:04 UTC",
                  "arnews 0.1.0, commit 0123456789ab"):
        assert shown in text
    unknown = report.Provenance("other-news", None, "2025-01-02 03:04 UTC", "0.1.0", "unknown")
    assert "Articles unknown" in " ".join(" ".join(parse(build.index_html([], unknown)).text).split())


def test_report_links_to_index_previous_and_next_and_states_provenance():
    nav = report.nav_html(report.Link("02 · Clean", "02_clean.html"), report.Link("04 · Timeline", "04_timeline.html"))
    page = build.to_html(layout_notebook(), "Layout check", nav, BUILT)
    links = [(attrs["href"], attrs.get("rel")) for tag, attrs in parse(page).tags
             if tag == "a" and not attrs["href"].startswith("#")]  # headings' own anchors aside
    assert links == [("index.html", None), ("02_clean.html", "prev"), ("04_timeline.html", "next")] * 2  # top, foot
    assert BUILT.line() in page
    first = report.nav_html(None, report.Link("02 · Clean", "02_clean.html"))
    assert [a["href"] for t, a in parse(first).tags if t == "a"] == ["index.html", "02_clean.html"]


def test_build_defaults_are_data_raw_and_the_repository(repo):
    args = cli.build_parser().parse_args(["build"])
    assert Path(args.corpus) == repo / "data" / "raw"
    assert Path(args.out) == repo


# --- browser: right-to-left layout in headless chromium ----------------------------------------------------

#: Injected into a copy of the page: measures where the first and last words of a line are drawn.
LAYOUT_PROBE = r"""
(async () => {
  await document.fonts.ready;
  function textNode(el, needle) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.includes(needle)) return n;
    return null;
  }
  function rect(node, start, end) {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const box = range.getBoundingClientRect();
    return {left: box.left, right: box.right, top: box.top};
  }
  function measure(selector, needle) {
    const el = [...document.querySelectorAll(selector)].find(e => e.textContent.includes(needle));
    if (!el) return null;
    const node = textNode(el, needle);
    const start = node.data.indexOf(needle), line = needle.trim();
    const box = el.getBoundingClientRect();
    return {first: rect(node, start, start + line.indexOf(" ")),
            last: rect(node, start + line.lastIndexOf(" ") + 1, start + line.length),
            line: rect(node, start, start + line.length), box: {left: box.left, right: box.right}};
  }
  const result = {fonts: [...document.fonts].map(f => [f.family, f.status]), probes: {}};
  for (const [name, selector, needle] of PROBES) result.probes[name] = measure(selector, needle);
  const out = document.createElement("pre");
  out.id = "arnews-layout";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
"""

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                  "--virtual-time-budget=5000", "--dump-dom")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium; installed with apt-get when missing and running as root (as .ci/run does)."""
    names = ("chromium", "chromium-browser", "google-chrome")
    found = next(filter(None, map(shutil.which, names)), None)
    if not found and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
                       check=True, env=env)
        found = next(filter(None, map(shutil.which, names)), None)
    if not found:
        message = "headless chromium is needed to check the reports' right-to-left layout: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def in_browser(chromium: str, page: str, script: str, result_id: str, tmp_path: Path):
    """Open `page` in headless chromium with `script` appended; the script writes JSON into <pre id=result_id>
    after layout, and chromium's --dump-dom hands it back."""
    path = tmp_path / "page.html"
    path.write_text(page.replace("</body>", f"<script>{script}</script></body>"), encoding="utf-8")
    profile = tmp_path / "chromium-profile"
    done = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", path.as_uri()],
                          capture_output=True, text=True, timeout=120)
    found = re.search(rf'<pre id="{result_id}">(.*?)</pre>', done.stdout, re.DOTALL)
    assert found, f"chromium did not lay the page out: {done.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def browser_layout(chromium: str, page: str, probes: list[tuple[str, str, str]], tmp_path: Path) -> dict:
    """Open `page` in headless chromium and measure each (name, CSS selector, text) probe."""
    script = f"const PROBES = {json.dumps(probes, ensure_ascii=False)};{LAYOUT_PROBE}"
    return in_browser(chromium, page, script, "arnews-layout", tmp_path)


def reads_right_to_left(probe: dict) -> bool:
    """The first word is drawn to the right of the last one, on the same line."""
    first, last = probe["first"], probe["last"]
    return abs(first["top"] - last["top"]) < 2 and first["left"] > last["right"]


LAYOUT_PROBES = [
    ("cell", "td", MIXED_CELL),
    ("paragraph", "p", MIXED_PARAGRAPH),
    ("printed", "pre", MIXED_PRINTED),
    ("latin", "p", LATIN_PARAGRAPH),
]


@pytest.mark.browser
def test_chromium_lays_arabic_out_right_to_left(chromium, tmp_path):
    layout = browser_layout(chromium, build.to_html(layout_notebook(), "Layout check"), LAYOUT_PROBES, tmp_path)
    probes = layout["probes"]
    assert reads_right_to_left(probes["cell"]), probes["cell"]
    assert reads_right_to_left(probes["printed"]), probes["printed"]
    assert reads_right_to_left(probes["paragraph"]), probes["paragraph"]
    # An Arabic paragraph starts at the right edge of its block; an English one still at the left.
    assert abs(probes["paragraph"]["line"]["right"] - probes["paragraph"]["box"]["right"]) < 2
    assert not reads_right_to_left(probes["latin"])
    assert abs(probes["latin"]["line"]["left"] - probes["latin"]["box"]["left"]) < 2
    # The embedded Noto Sans Arabic drew the Arabic: no system font needed.
    assert [build.FONT_FAMILY, "loaded"] in layout["fonts"]


@pytest.mark.browser
def test_chromium_control_stock_lab_page_gets_mixed_arabic_wrong(chromium, tmp_path):
    """Without arnews.css the same cells read left to right: the test above can fail."""
    layout = browser_layout(chromium, plain_lab_html(layout_notebook()), LAYOUT_PROBES, tmp_path)
    assert not reads_right_to_left(layout["probes"]["cell"])
    assert not reads_right_to_left(layout["probes"]["printed"])


#: Where chromium draws each cell of every KWIC row, and the text inside the context cells.
KWIC_PROBE = r"""
(async () => {
  await document.fonts.ready;
  function box(node) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    return {left: r.left, right: r.right};
  }
  const rows = [...document.querySelectorAll("table.arnews-kwic tr")].map(tr => [...tr.cells].map(td => {
    const r = td.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, text: box(td), content: td.textContent};
  }));
  const out = document.createElement("pre");
  out.id = "arnews-kwic";
  out.textContent = JSON.stringify(rows);
  document.body.appendChild(out);
})();
"""


def assert_kwic_reads_right_to_left(rows: list, lines: pd.DataFrame | None = None) -> None:
    """Arabic reading order: article, then the context before the match to its right, the match, the context
    after it to its left; each context hugs the match."""
    assert rows, "no KWIC table in the page"
    for doc, before, match, after in rows:
        assert doc["left"] >= before["right"] - 1, (doc, before)
        assert before["left"] >= match["right"] - 1, (before, match)  # preceding context right of the match
        assert match["left"] >= after["right"] - 1, (match, after)  # following context left of it
        assert abs(before["top"] - after["top"]) < 2
        if before["content"].strip():
            assert before["text"]["left"] - before["left"] < 12, before  # aligned towards the match
        if after["content"].strip():
            assert after["right"] - after["text"]["right"] < 12, after
    if lines is not None:
        assert [(r[0]["content"], r[1]["content"], r[2]["content"], r[3]["content"]) for r in rows] == \
            list(lines[["doc_id", "left", "match", "right"]].itertuples(index=False, name=None))


@pytest.mark.browser
def test_chromium_lays_keyword_in_context_out_in_arabic_reading_order(chromium, raw_dir, tmp_path):
    from arnews import clean, corpus, terms

    articles, _ = clean.clean_corpus(corpus.load(raw_dir), progress=False)
    # "imperialism": Putin's "policy of hegemony and imperialism" and Kim's "anti-imperialist front"
    lines = terms.kwic(articles, terms.analyse(articles), "الإمبريالية", width=45, limit=10)
    nb = new_notebook(cells=[new_code_cell("display(HTML(terms.kwic_html(lines)))", outputs=[
        new_output("display_data", data={"text/html": terms.kwic_html(lines), "text/plain": "kwic"})])])
    rows = in_browser(chromium, build.to_html(nb, "KWIC"), KWIC_PROBE, "arnews-kwic", tmp_path)
    assert len(rows) == len(lines) >= 3
    assert_kwic_reads_right_to_left(rows, lines)


@pytest.mark.browser
def test_chromium_control_a_kwic_table_in_column_order_reads_left_to_right(chromium, raw_dir, tmp_path):
    """The same lines as a plain DataFrame (doc_id | left | match | right): the check above would fail."""
    lines = pd.DataFrame({"doc_id": ["004"], "left": ["قال بوتين إن سياسة الهيمنة"], "match": ["والإمبريالية"],
                          "right": ["لن تمر أبدا"]})  # "Putin said the policy of hegemony and imperialism will fail"
    plain = lines.to_html(index=False).replace('<table border="1" class="dataframe">', '<table class="arnews-kwic">')
    nb = new_notebook(cells=[new_code_cell("lines", outputs=[
        new_output("execute_result", execution_count=1, data={"text/html": plain, "text/plain": "kwic"})])])
    rows = [r for r in in_browser(chromium, build.to_html(nb, "KWIC"), KWIC_PROBE, "arnews-kwic", tmp_path) if r]
    rows = [r for r in rows if r[0]["content"] == "004"]
    with pytest.raises(AssertionError):
        assert_kwic_reads_right_to_left(rows)


# --- slow: whole builds --------------------------------------------------------------------------------------


def run_build(corpus: Path, out: Path, notebooks: list[Path] | None = None) -> dict[str, nbformat.NotebookNode]:
    """build.build, keeping each executed notebook for inspection."""
    executed = {}
    original = build.execute

    def keep(notebook, *args):
        executed[notebook.name] = original(notebook, *args)
        return executed[notebook.name]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "execute", keep)
        build.build(corpus, out, notebooks)
    return executed


@pytest.fixture(scope="session")
def seed_build(raw_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-build")
    return out, run_build(raw_dir, out)


def assert_clean_reports(out: Path, executed: dict[str, nbformat.NotebookNode]) -> dict[str, str]:
    """Every notebook has a report without errors, live HTML or network references; returns the pages."""
    pages = {}
    for notebook in build.notebook_paths():
        page = (out / "reports" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        errors = [o for c in executed[notebook.name].cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert not errors, f"{notebook.name}: {errors}"
        assert "Traceback" not in page, notebook.name
        assert live_elements(page) == [], notebook.name
        assert external_references(page) == [], notebook.name
        pages[notebook.name] = page
    return pages


ARABIC = re.compile(r"[\u0621-\u064A]{3,}")


@pytest.mark.slow
def test_whole_build_renders_every_notebook_with_the_articles_arabic_text(seed_build, repo):
    out, executed = seed_build
    assert list(executed) == [p.name for p in build.notebook_paths()]
    pages = assert_clean_reports(out, executed)
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")
    assert [a["href"] for t, a in parse(index).tags if t == "a"] == [f"{p.stem}.html" for p in build.notebook_paths()]
    assert "<code>data/raw</code>" in index  # the corpus, named as in the repository
    assert (out / "figures").is_dir() and (out / "data" / "processed").is_dir()
    # The corpus table of 01 shows every article's title (pandas may shorten long ones: compare 4 words).
    load_text = " ".join(parse(pages["01_load.ipynb"]).text)
    for title in pd.read_csv(repo / "data" / "metadata.csv")["title"]:
        assert " ".join(title.split()[:4]) in load_text
    for name, page in pages.items():
        if analysis_cells(executed[name]):  # a notebook still a skeleton (title and parameters) has nothing to show
            assert ARABIC.search(" ".join(parse(page).text)), f"{name} shows no Arabic text"


def analysis_cells(nb: nbformat.NotebookNode) -> list:
    """Code cells other than the parameters the build passes in."""
    skip = {"parameters", "injected-parameters"}
    return [c for c in nb.cells if c.cell_type == "code" and not skip & set(c.metadata.get("tags", []))]


@pytest.mark.slow
def test_seed_reports_stay_small(seed_build):
    out, _ = seed_build
    for page in (out / "reports").glob("*.html"):
        assert page.stat().st_size <= 5_000_000, page.name


@pytest.mark.slow
@pytest.mark.browser
def test_chromium_lays_a_seed_title_out_right_to_left(seed_build, chromium, tmp_path, repo):
    out, _ = seed_build
    # "Behind the scenes of the Russian president's visit to North Korea": short enough to stay whole.
    title = "كواليس زيارة الرئيس الروسي في كوريا الشمالية"
    assert title in pd.read_csv(repo / "data" / "metadata.csv")["title"].tolist()
    page = (out / "reports" / "01_load.html").read_text(encoding="utf-8")
    layout = browser_layout(chromium, page, [("title", "td", title)], tmp_path)
    assert layout["probes"]["title"] is not None, "01_load shows no table cell with the title"
    assert reads_right_to_left(layout["probes"]["title"]), layout["probes"]["title"]


# --- slow: the reports a reader gets, on the seeds and on SaudiNewsNet -----------------------------------------

#: An absolute path of a Unix machine (a report must name files relative to the corpus or the output folder).
ABSOLUTE_PATH = re.compile(r"(?<![\w.~:/-])/(?:home|tmp|root|work|Users|var|opt|usr|mnt|srv|private)/")
_DATA_URL = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")
#: A line of a parameters cell (the notebook's `corpus_path = None`, papermill's `corpus_path = "/…"`).
PARAMETER_LINE = re.compile(r"^(corpus_path|out_dir) = .*$", re.MULTILINE)
_EMBEDDED_PNG = re.compile(r'<img[^>]*\ssrc="data:image/png;base64,')


def visible_text(page: str) -> str:
    """The page without its stylesheet (the embedded font) and images: what could show a path or a word."""
    return _DATA_URL.sub("", re.sub(r"<style.*?</style>", "", page, flags=re.DOTALL))


def index_figures(out: Path) -> dict[str, int]:
    """Figures per report, as the index lists them (the build counts the figures each notebook saved)."""
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td><a href="([^"]+)">.*?</td><td>.*?</td><td>(\d+)</td></tr>', index)
    return {href: int(n) for href, n in rows}


def sections(nb: nbformat.NotebookNode) -> dict[str, list]:
    """The code cells under each `## ` heading."""
    found, heading = {}, None
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            heading = cell.source.splitlines()[0]
            found[heading] = []
        elif cell.cell_type == "code" and heading:
            found[heading].append(cell)
    return found


def assert_reports_for_readers(out: Path, corpus: Path, executed: dict[str, nbformat.NotebookNode], seed: bool):
    """Every figure saved is embedded; no parameter cell, absolute path or empty table; every section shows
    something; navigation in place."""
    figures = index_figures(out)
    names = [p.stem for p in build.notebook_paths()]
    assert list(figures) == [f"{name}.html" for name in names]
    for number, name in enumerate(names):
        page = (out / "reports" / f"{name}.html").read_text(encoding="utf-8")
        embedded = len(_EMBEDDED_PNG.findall(page))
        assert embedded == figures[f"{name}.html"] >= 1, (name, embedded, figures)
        # every figure says what it shows to a screen reader (its cell's "alt" metadata), not nbconvert's default
        alts = re.findall(r'<img alt="([^"]*)"[^>]*\ssrc="data:image/png', page)
        assert len(alts) == embedded and all(alt and "No description" not in alt for alt in alts), (name, alts)
        text = visible_text(page)
        for needle in {str(out), str(out.resolve()), str(corpus), str(corpus.resolve()), str(config.REPO_ROOT),
                       str(Path.home())}:
            assert needle not in text, (name, needle)
        assert not ABSOLUTE_PATH.search(text), (name, ABSOLUTE_PATH.search(text).group(0))
        code = "".join(parse(page).text)
        assert not PARAMETER_LINE.search(code), (name, PARAMETER_LINE.search(code).group(0))
        assert "Empty DataFrame" not in text and not re.search(r"<tbody>\s*</tbody>", text), name
        links = [a for t, a in parse(page).tags if t == "a" and not a["href"].startswith("#")]
        expected = ["index.html"] + [f"{names[i]}.html" for i in (number - 1, number + 1) if 0 <= i < len(names)]
        assert [a["href"] for a in links] == expected * 2, name
        shown = report.for_report(executed[f"{name}.ipynb"], [], seed_corpus=seed)
        for heading, cells in sections(shown).items():
            if cells:
                assert any(cell.outputs for cell in cells), f"{name} {heading}: shows nothing and says nothing"


@pytest.mark.slow
def test_seed_reports_show_every_figure_and_nothing_of_the_machine(seed_build, raw_dir):
    out, executed = seed_build
    assert_reports_for_readers(out, raw_dir, executed, seed=True)
    index = " ".join(" ".join(parse((out / "reports" / "index.html").read_text(encoding="utf-8")).text).split())
    assert "Corpus data/raw Articles 5 Built" in index
    terms_page = visible_text((out / "reports" / "03_terms.html").read_text(encoding="utf-8"))
    assert "On the seed corpus" in terms_page  # seed commentary is kept for the seeds


@pytest.fixture(scope="module")
def saudinewsnet_build(saudinewsnet, tmp_path_factory):
    out = tmp_path_factory.mktemp("saudinewsnet-build")
    return out, run_build(saudinewsnet, out)


#: Words of the seed commentary: the Putin–Kim summit of the five seed articles.
SEED_WORDS = re.compile(r"\bseeds?\b|Pyongyang|Vostochny|Kumsusan|Al-Diyar|19 June 2024|Lavrov|Putin|Kim Jong",
                        re.IGNORECASE)


def assert_reports_about_the_corpus(out: Path, corpus: Path, executed: dict[str, nbformat.NotebookNode],
                                    shown: str) -> None:
    """Reports for readers of a corpus other than the seeds: no seed commentary, no word of the seeds' summit."""
    assert_reports_for_readers(out, corpus, executed, seed=False)
    for name in (p.stem for p in build.notebook_paths()):
        tidy = report.for_report(executed[f"{name}.ipynb"], [], seed_corpus=False)
        authored = " ".join(c.source for c in tidy.cells if c.cell_type == "markdown")
        assert not SEED_WORDS.search(authored), (name, SEED_WORDS.search(authored).group(0))
        page = visible_text((out / "reports" / f"{name}.html").read_text(encoding="utf-8"))
        assert not re.search(r"\bseeds?\b", " ".join(parse(page).text), re.IGNORECASE), name
    index = " ".join(" ".join(parse((out / "reports" / "index.html").read_text(encoding="utf-8")).text).split())
    assert shown in index, index


@pytest.mark.slow
def test_saudinewsnet_reports_are_about_saudinewsnet(saudinewsnet_build, saudinewsnet):
    out, executed = saudinewsnet_build
    assert_reports_about_the_corpus(out, saudinewsnet, executed, "Corpus saudinewsnet Articles 30,148 Built")


@pytest.mark.slow
def test_saudinewsnet_sample_reports_are_about_those_articles(saudinewsnet_excerpts, repo, tmp_path):
    # The counterpart, on every machine, of the build of SaudiNewsNet above, on the SaudiNewsNet text the
    # repository holds: the 109 excerpts (10 outlets, 5 day files zipped as the corpus ships) and the 89 whole
    # articles of the delegation gold set (so that every report has something to show).
    from arnews import corpus

    folder = tmp_path / "saudinewsnet-sample"
    shutil.copytree(saudinewsnet_excerpts, folder)
    shutil.copyfile(repo / "tests" / "data" / "delegations" / "articles.jsonl", folder / "delegations.jsonl")
    articles = len(corpus.load(folder))
    assert articles == 109 + 89
    out = tmp_path / "out"
    executed = run_build(folder, out)
    assert_reports_about_the_corpus(out, folder, executed, f"Corpus saudinewsnet-sample Articles {articles:,} Built")


@pytest.mark.slow
@pytest.mark.browser
def test_chromium_reads_the_built_kwic_tables_right_to_left(seed_build, chromium, tmp_path):
    out, _ = seed_build
    page = (out / "reports" / "03_terms.html").read_text(encoding="utf-8")
    rows = in_browser(chromium, page, KWIC_PROBE, "arnews-kwic", tmp_path)
    assert len(rows) >= 20  # the two default terms and the two of the seed commentary, ten lines each at most
    assert_kwic_reads_right_to_left(rows)


SEED = "000_2f3a022fdb695d49.txt"
#: "The Ministry of Agriculture launched a campaign to plant a million olive trees in the countryside …"
OLIVES = ("أطلقت وزارة الزراعة حملة لزراعة مليون شجرة زيتون في المناطق الريفية، وقال المتحدث باسم الوزارة إن "
          "الحملة تهدف إلى تحسين دخل المزارعين والحد من التصحر وتوفير فرص عمل للشباب في القرى.\n")
#: "Al-Ahly beat its rival two goals to one at Cairo International Stadium …"
FOOTBALL = ("فاز فريق النادي الأهلي على منافسه بهدفين مقابل هدف واحد في المباراة التي أقيمت على ملعب القاهرة "
            "الدولي، وسجل اللاعبون الأهداف في الشوط الثاني وسط حضور جماهيري كبير.\n")


@pytest.mark.slow
def test_build_on_a_single_article(raw_dir, tmp_path):
    corpus = tmp_path / "one"
    corpus.mkdir()
    shutil.copy(raw_dir / SEED, corpus / SEED)
    executed = run_build(corpus, tmp_path / "out")
    assert_clean_reports(tmp_path / "out", executed)


@pytest.mark.slow
def test_build_on_two_articles_with_no_dates_or_delegations(tmp_path):
    corpus = tmp_path / "other-news"
    corpus.mkdir()
    (corpus / "olives.txt").write_text(OLIVES, encoding="utf-8")
    (corpus / "football.txt").write_text(FOOTBALL, encoding="utf-8")
    executed = run_build(corpus, tmp_path / "out")
    assert_clean_reports(tmp_path / "out", executed)


@pytest.mark.slow
def test_hostile_html_in_articles_stays_text_in_every_report(raw_dir, tmp_path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    text = (raw_dir / SEED).read_text(encoding="utf-8")
    (corpus / "hostile.txt").write_text(f"{SCRIPT}\n{text}\n{IMG}\n", encoding="utf-8")
    shutil.copy(raw_dir / "002_3ebd69e2e99d9110.txt", corpus)
    title = f"{SCRIPT} بوتين يصل إلى بيونغ يانغ {IMG}"  # "Putin arrives in Pyongyang"
    pd.DataFrame([{"file": "hostile.txt", "title": title, "outlet": f"{IMG}", "published": "2024-06-19",
                   "url": "", "notes": "test"}]).to_csv(corpus / "metadata.csv", index=False)
    executed = run_build(corpus, tmp_path / "out")
    pages = assert_clean_reports(tmp_path / "out", executed)
    # The title is still shown, as text.
    assert "alert(1)" in " ".join(parse(pages["01_load.ipynb"]).text)


def write_notebook(path: Path, *sources: str) -> Path:
    cells = [new_markdown_cell(f"# {path.stem}\n\nA test notebook.")]
    cells.append(new_code_cell('corpus_path = "../data/raw"\nout_dir = ".."', metadata={"tags": ["parameters"]}))
    cells += [new_code_cell(source) for source in sources]
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                      "display_name": "Python 3"}}), path)
    return path


@pytest.mark.slow
def test_failing_cell_stops_the_build_naming_notebook_cell_line_and_error(raw_dir, tmp_path, monkeypatch, capfd):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "01_fine.ipynb", "from arnews import corpus\narticles = corpus.load(corpus_path)")
    write_notebook(notebooks / "02_broken.ipynb",
                   "from arnews import corpus",
                   "articles = corpus.load(corpus_path)\nlengths = articles['text'].str.len()\nlengths / misspelt")
    monkeypatch.setattr(build, "NOTEBOOKS", notebooks)
    out = tmp_path / "out"
    assert cli.main(["build", "--corpus", str(raw_dir), "--out", str(out)]) == 1
    err = capfd.readouterr().err
    assert "[2/2] running 02_broken.ipynb" in err
    assert "02_broken.ipynb: cell 4 failed" in err
    assert "line 3: lengths / misspelt" in err
    assert "NameError: name 'misspelt' is not defined" in err
    assert "Traceback" not in err and "without encryption" not in err
    assert (out / "reports" / "01_fine.html").exists()
    assert not (out / "reports" / "02_broken.html").exists() and not (out / "reports" / "index.html").exists()


@pytest.mark.slow
def test_failure_inside_a_library_names_where_it_was_raised(raw_dir, tmp_path):
    notebook = write_notebook(tmp_path / "01_json.ipynb", "import json\nrecord = json.loads('{\"title\": ')")
    with pytest.raises(build.BuildError) as failure:
        build.build(raw_dir, tmp_path / "out", [notebook])
    message = str(failure.value)
    assert "01_json.ipynb: cell 3 failed" in message
    assert "line 2: record = json.loads" in message
    assert re.search(r"raised in .*json.*decoder\.py:\d+", message)
    assert "JSONDecodeError" in message
