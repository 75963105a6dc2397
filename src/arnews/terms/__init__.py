"""Term frequencies of a cleaned corpus: tokens, clitics, names, phrases, stopwords, and what the counts show.

How a word becomes a term (each step in its module):

1. `tokens`: runs of Arabic letters, digits and Latin letters are tokens; the names of data/lexicons/ are joined
   into one token: multi-word entities («بيونغ يانغ»), acronyms in letter names («بي بي سي»), names with
   particles («محمد بن نايف», «عبد العزيز»).
2. `termmap`: each distinct folded form (`arabic.fold`: the one definition of "the same word") is mapped to its
   term: entity spellings to the entity, stopwords and bare proclitics dropped, a proclitic stripped only when
   the corpus attests the remainder.
3. `phrases`: adjacent terms that the corpus writes together far more often than chance become one term
   («ولي العهد», «مجلس الوزراء»; thresholds in data/lexicons/phrases.yaml).
4. `engine`: one pass over the clean store (`pipeline.clean_store`) gives both the per-article term sequences
   (`analyse`) and the table term,count,docs (`count_terms`, `arnews terms`).
5. `stats` and `kwic`: collocations, distinctive terms (weighted log-odds), entity × article mentions, top
   terms per article, keyword in context.

The compiled kernels (`kernels`, numba) are the only production path of tokenizing, the term map and
counting; `tokens.reference_tokenize` and `TermMap.term` are their readable specifications.
"""

from arnews.terms.cli import CLI_HELP, add_arguments, run
from arnews.terms.engine import COLUMNS, Analysis, TermCounts, analyse, count_terms, term_table
from arnews.terms.kwic import kwic, kwic_html
from arnews.terms.lexicon import protected_words, stopwords
from arnews.terms.stats import collocations, distinctive_terms, log_odds, mention_matrix
from arnews.terms.stats import top_terms_per_article
from arnews.terms.termmap import TermMap
from arnews.terms.tokens import TOKEN_RE, reference_tokenize, reference_tokens, token_kind, token_spans, tokenize

__all__ = [
    "CLI_HELP", "COLUMNS", "TOKEN_RE", "Analysis", "TermCounts", "TermMap", "add_arguments", "analyse",
    "collocations", "count_terms", "distinctive_terms", "kwic", "kwic_html", "log_odds",
    "mention_matrix", "protected_words", "reference_tokenize", "reference_tokens", "run", "stopwords", "term_table",
    "token_kind", "token_spans", "tokenize", "top_terms_per_article",
]
