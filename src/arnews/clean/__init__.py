"""Strip news boilerplate losslessly: every cut is a recorded span, the raw text is never changed.

`arnews clean` cleans the corpus once (its clean store, `arnews.pipeline`) and writes DIR/articles.jsonl
(doc_id, title, outlet, published, text = the clean text) and DIR/removed.csv (doc_id, start, end, rule, text:
each cut, with offsets into the raw text and the rule that made it). The rules are
data/lexicons/boilerplate.yaml (or --rules FILE): rules written as patterns and cue words, and one rule that
learns, per corpus, the lines an outlet repeats across many of its articles (spans named learned:<outlet>),
keeping repeated datelines and bylines. --discover lists every repeated line with the rule that removes it or
the guard that keeps it.

In Python: `clean_corpus(articles)` cleans a table from `corpus.load` (learning each outlet's repeated lines
first); `clean_text(raw, title)` cleans one text and returns the spans, and `restore(clean, spans)` gives the
raw text back; `discover(articles)` lists repeated lines; `learn_lines(articles)` says which are learned.

Modules: rules (reading and compiling the YAML), engine (one text: spans, cut, restore), learn (repeated lines
per outlet), tables (a corpus), views (what notebook 02 shows), cli.
"""

from arnews.clean.cli import CLI_HELP, OUTPUT_FILES, add_arguments, run, write_outputs
from arnews.clean.engine import Cleaned, Span, clean_text, cut, restore
from arnews.clean.learn import CANDIDATE_COLUMNS, LEARNED_COLUMNS, LearnedLines, LineCounts, candidate_rule, count_lines
from arnews.clean.learn import discover, discovery_min_count, learn_lines, line_key, outlet_names, rules_yaml
from arnews.clean.rules import KINDS, LINE_KINDS, RULES_FILE, TEXT_KINDS, Guard, LearnSettings, Rule, RuleSet, Shape
from arnews.clean.rules import TeaserSettings, default_rules, load_rules, with_rules
from arnews.clean.tables import ARTICLE_FIELDS, REMOVED_COLUMNS, article_records, clean_corpus, clean_texts
from arnews.clean.tables import removed_frame, restore_corpus
from arnews.clean.views import describe_removed, marked_html, removed_by_rule, showcase_doc, visible_controls
from arnews.clean.views import word_counts

__all__ = [
    "ARTICLE_FIELDS", "CANDIDATE_COLUMNS", "CLI_HELP", "KINDS", "LEARNED_COLUMNS", "LINE_KINDS", "OUTPUT_FILES",
    "REMOVED_COLUMNS", "RULES_FILE", "TEXT_KINDS", "Cleaned", "Guard", "LearnSettings", "LearnedLines", "LineCounts",
    "Rule", "RuleSet", "Shape", "Span", "TeaserSettings", "add_arguments", "article_records", "candidate_rule",
    "clean_corpus", "clean_text", "clean_texts", "count_lines", "cut", "default_rules", "describe_removed",
    "discover", "discovery_min_count", "learn_lines", "line_key", "load_rules", "marked_html", "outlet_names",
    "removed_by_rule", "removed_frame", "restore", "restore_corpus", "rules_yaml", "run", "showcase_doc",
    "visible_controls", "with_rules", "word_counts", "write_outputs",
]
