"""The notebooks' computed prose: small `describe_*` functions that return Markdown true of the current
corpus, and the data-driven choices a notebook makes (which terms to show in context, which view of the
entities, which delegations, whether a chart is worth drawing).

Every sentence a report says about its results comes from here (or from a cell tagged `seed-commentary`,
which the build shows only on the seed corpus). One module per notebook: `load`, `clean`, `terms`,
`timeline`, `delegations`; `text` holds the shared pieces (Markdown that displays itself, Arabic isolated
inside English sentences).
"""

from arnews.narrative.clean import describe_candidates, describe_lossless, describe_rules, describe_showcase
from arnews.narrative.clean import describe_words, raw_digests
from arnews.narrative.delegations import MIN_SECTOR_MEMBERS, describe_appearances, describe_lists, describe_meeting
from arnews.narrative.delegations import describe_sectors, meeting_article, sector_scope, worth_a_sector_chart
from arnews.narrative.load import describe_corpus, describe_dates, describe_lengths, describe_outlets, describe_problems
from arnews.narrative.terms import MentionView, describe_collocations, describe_counts, describe_distinctive
from arnews.narrative.terms import describe_kwic, describe_mentions, describe_per_article, describe_top_terms
from arnews.narrative.terms import kwic_terms, mention_figure, mention_view, pair_table, ranked_terms
from arnews.narrative.text import FSI, PDI, Prose, WholeTable, arabic, isolate, literal, relative_to
from arnews.narrative.timeline import describe_durations, describe_events, describe_expressions, describe_neighbours
from arnews.narrative.timeline import describe_timeline

__all__ = [
    "FSI", "MIN_SECTOR_MEMBERS", "PDI", "WholeTable", "MentionView", "Prose", "arabic", "describe_appearances",
    "describe_candidates", "describe_collocations", "describe_corpus", "describe_counts", "describe_dates",
    "describe_distinctive", "describe_durations", "describe_events", "describe_expressions", "describe_kwic",
    "describe_lengths", "describe_lists", "describe_lossless", "describe_meeting", "describe_mentions",
    "describe_neighbours", "describe_outlets", "describe_per_article", "describe_problems", "describe_rules",
    "describe_sectors", "describe_showcase", "describe_timeline", "describe_top_terms", "describe_words",
    "isolate", "kwic_terms", "literal", "meeting_article", "mention_figure", "mention_view",
    "pair_table", "ranked_terms", "raw_digests", "relative_to", "sector_scope", "worth_a_sector_chart",
]
