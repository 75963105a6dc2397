"""Article text is untrusted (issue 9.3): no library function lets it become live HTML.

Every function that returns HTML for the notebooks, and the table views the notebooks display, are fed
Arabic news text carrying a <script> element and an onerror attribute; the result is parsed and must hold
neither, while still showing the text (escaped, not dropped). The rendered reports are tested by the build.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from html.parser import HTMLParser

import pandas as pd
import pytest

import arnews
from arnews import clean, corpus, delegations, timeline

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
# "Putin said <script> that Russia will always support <img> North Korea in defending its sovereignty."
HOSTILE = f"وقال بوتين {SCRIPT} إن روسيا ستدعم دائما {IMG} كوريا الشمالية في دفاعها عن سيادتها."
# A title or name breaking out of an attribute: "The Russian president" + a quote and an event handler.
ATTRIBUTE_BREAKER = 'الرئيس الروسي" onmouseover="alert(1)'


class _Audit(HTMLParser):
    """Collects elements, on* attributes and the visible text of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.handlers, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def audit(fragment: str) -> _Audit:
    parser = _Audit()
    parser.feed(fragment)
    parser.close()
    return parser


def assert_inert(fragment: str, shown: tuple[str, ...] = (SCRIPT, IMG)) -> None:
    """No script/img element, no event handler attribute; the hostile markup is shown as text."""
    found = audit(fragment)
    assert "script" not in found.tags and "img" not in found.tags, found.tags
    assert not found.handlers, found.handlers
    visible = "".join(found.text)
    for piece in shown:
        assert piece in visible, f"{piece!r} is not shown as text"


# ------------------------------------------------------------------------------------------- HTML functions


def test_marked_html_escapes_kept_and_removed_text():
    raw = HOSTILE + "\n" + IMG + " اشترك مجانا بقناة الديار على يوتيوب"  # "subscribe free to Al-Diyar's channel"
    start = raw.index("\n") + 1
    spans = [(start, len(raw), ATTRIBUTE_BREAKER + SCRIPT, raw[start:])]  # a removed span and a hostile rule name
    fragment = clean.marked_html(raw, spans)
    assert_inert(fragment)
    assert "del" in audit(fragment).tags  # the removed span is still marked


def test_marked_html_of_a_cleaned_article_is_inert():
    raw = SCRIPT + "\n" + HOSTILE + "\n" + "اشترك مجانا بقناة الديار على يوتيوب " + IMG
    cleaned = clean.clean_text(raw)
    assert_inert(clean.marked_html(raw, cleaned.spans))


def _terms_module():
    return importlib.import_module("arnews.terms")


def test_kwic_html_escapes_context_match_and_doc_id():
    terms = _terms_module()
    articles = pd.DataFrame({"doc_id": [f"a{IMG}"], "title": [""], "outlet": [""], "published": [pd.NaT],
                             "url": [""], "text": [HOSTILE]})
    lines = terms.kwic(articles, terms.analyse(articles), "بوتين", width=60)
    assert len(lines) == 1
    assert_inert(terms.kwic_html(lines))


#: Every public function returning HTML, and the test that feeds it hostile text.
COVERED_HTML_FUNCTIONS = {"arnews.clean.marked_html", "arnews.terms.kwic_html"}
#: build renders whole reports; its own tests check them end to end.
NOT_LIBRARY = {"arnews.build", "arnews.cli", "arnews.__main__"}


def test_every_html_function_is_covered_here():
    found = set()
    for info in pkgutil.iter_modules(arnews.__path__, "arnews."):
        if info.name in NOT_LIBRARY:
            continue
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == info.name and not name.startswith("_") and "html" in name.lower():
                found.add(f"{info.name}.{name}")
    uncovered = found - COVERED_HTML_FUNCTIONS
    assert not uncovered, f"test these with hostile article text, then add them to COVERED_HTML_FUNCTIONS: {uncovered}"


# ------------------------------------------------------------------------------------------- table views


def _articles() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["seed", f"x{SCRIPT}"], "title": [ATTRIBUTE_BREAKER + IMG, SCRIPT],
        "outlet": [IMG, "الديار"], "published": pd.to_datetime(["2024-06-19", None]),
        "url": ["javascript:alert(1)", ""], "text": [HOSTILE, HOSTILE + "\n" + SCRIPT]})


def _members() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["seed", "seed", f"x{SCRIPT}"], "side": ["الروسي", IMG, "الروسي"],
        "title": ["وزير الخارجية", ATTRIBUTE_BREAKER, "وزير الدفاع"],
        "name": ["سيرغي لافروف", f"أندريه {SCRIPT} بيلوسوف", IMG],
        "canonical_name": ["سيرغي لافروف", f"أندريه {SCRIPT} بيلوسوف", IMG],
        "sector": ["diplomacy", "defence", "defence"], "evidence": [HOSTILE, HOSTILE, HOSTILE]})


def _events() -> pd.DataFrame:
    """A timeline events table (timeline.EVENT_COLUMNS) whose evidence and participants are hostile."""
    return pd.DataFrame([{
        "date": "2024-06-19", "precision": "day", "label": f"قمة {SCRIPT}", "label_en": "summit", "doc_ids": "seed",
        "evidence": HOSTILE, "type": "summit", "mentions": 2, "participants": IMG}])


def _terms_view(name: str):
    def view():
        terms = _terms_module()
        articles = _articles()
        analysis = terms.analyse(articles)
        return terms.kwic(articles, analysis, "بوتين") if name == "kwic" else getattr(terms, name)(analysis)
    return view


VIEWS = {
    "timeline.event_table": lambda: timeline.event_table(_events()),
    "timeline.top_events": lambda: timeline.top_events(_events()),
    "terms.kwic": _terms_view("kwic"),
    "terms.top_terms_per_article": _terms_view("top_terms_per_article"),
    "corpus.article_table": lambda: corpus.article_table(_articles()),
    "corpus.counts_by_outlet": lambda: corpus.counts_by_outlet(_articles()),
    "clean.word_counts": lambda: clean.word_counts(_articles(), _articles()),
    "delegations.lists": lambda: delegations.lists(_members(), _articles()),
    "delegations.delegation": lambda: delegations.delegation(_members(), "seed"),
    "delegations.side_by_side": lambda: delegations.side_by_side(_members(), "seed"),
    "delegations.other_lists": lambda: delegations.other_lists(_members(), "seed"),
    "delegations.appearances": lambda: delegations.appearances(_members()),
}


@pytest.mark.parametrize("view", VIEWS)
def test_table_views_render_article_text_escaped(view):
    table = VIEWS[view]()
    fragment = table._repr_html_() if hasattr(table, "_repr_html_") else table.to_html()
    found = audit(fragment)
    assert "script" not in found.tags and "img" not in found.tags, found.tags
    assert not found.handlers, found.handlers
    visible = "".join(found.text)
    assert SCRIPT in visible or IMG in visible, f"{view} shows none of the hostile text"


# ------------------------------------------------------------------------------------------- bidi controls (issue 18)

#: A title with a right-to-left override and an isolate: shown as they are, they reorder what the reader sees.
#: "Putin's visit" RLO "ends today" PDF LRI "(Reuters)" PDI.
BIDI_TITLE = "زيارة بوتين\u202eتنتهي اليوم\u202c \u2066(Reuters)\u2069"


def test_the_loaders_chart_labels_and_outlet_counts_carry_no_bidi_controls():
    import matplotlib

    matplotlib.use("Agg")
    articles = pd.DataFrame({"doc_id": ["a", "b"], "title": [BIDI_TITLE, "قمة"], "outlet": ["\u202eرويترز", "الديار"],
                             "published": pd.to_datetime(["2024-06-19", "2024-06-18"]), "url": ["", ""],
                             "text": ["نص " * 10, "نص"]})
    counts = corpus.counts_by_outlet(articles)
    assert sorted(counts["outlet"]) == ["الديار", "رويترز"]
    figure = corpus.length_chart(articles)
    labels = [label.get_text() for ax in figure.axes for label in ax.get_yticklabels()]
    assert labels and not any(ch in "".join(labels) for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert any("(Reuters)" in label for label in labels)  # the words stay, only the controls go
