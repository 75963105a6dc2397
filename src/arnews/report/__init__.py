"""The HTML reports `arnews build` writes: pages and index (`page`), what of an executed notebook a report
shows (`tidy`), and where a build came from (`provenance`)."""

from arnews.report.page import ARABIC_BLOCKS, FONT_FAMILY, FONT_WEIGHTS, TEMPLATES, Link, Report, index_html, nav_html
from arnews.report.page import report_css, to_html
from arnews.report.provenance import Provenance, git_commit, is_seed_corpus, provenance, shown_corpus
from arnews.report.tidy import SEED_TAG, for_report, path_replacements

__all__ = [
    "ARABIC_BLOCKS", "FONT_FAMILY", "FONT_WEIGHTS", "SEED_TAG", "TEMPLATES", "Link", "Provenance", "Report",
    "for_report", "git_commit", "index_html", "is_seed_corpus", "nav_html", "path_replacements", "provenance",
    "report_css", "shown_corpus", "to_html",
]
