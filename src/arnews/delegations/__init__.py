"""Delegation lists: who took part, with which title, on which side.

News reports of official visits and meetings list the members of each delegation, or the officials who
attended, in one sentence:

    ويشارك من الجانب الروسي وزير الخارجية سيرغي لافروف، والنائب الأول لرئيس الوزراء دينيس مانتوروف …
    (Taking part on the Russian side: Foreign Minister Sergei Lavrov, First Deputy PM Denis Manturov …)

`extract(text)` finds such sentences by their cue — described by its parts (the verb and its forms, the
delegation or meeting noun with its adjectives and complements, the side phrase, the accompanied leader) in
data/lexicons/delegation_cues.yaml — then reads the list with a small grammar of Arabic official titles
(data/lexicons/delegation_grammar.yaml) and gives each list a side: a country, from the cue, the accompanied
leader (data/lexicons/leaders.csv) or the article (data/lexicons/delegation_sides.csv). People named outside
such lists (a quoted spokesman, a minister who visited earlier) are never members. Names are reconciled through
data/lexicons/entities.csv and each title is given a sector (data/lexicons/delegation_sectors.csv).

Modules: `lexicon` (the lexicons, read and checked), `words` (tokens and their classes), `items` (the item
grammar), `cues` (cue frames), `sides` (countries), `names` (canonical names, sectors), `extract` (articles →
members), `views` (tables and the chart of notebook 05), `cli`.

CLI: `python -m arnews delegations --corpus PATH --out FILE.csv`
→ `doc_id,side,title,name,canonical_name,sector,evidence`.
"""

from arnews.delegations.cli import CLI_HELP, add_arguments, run
from arnews.delegations.cues import find_cues, leader_readings
from arnews.delegations.extract import COLUMNS, Member, extract, extract_corpus
from arnews.delegations.items import Item, parse_item, parse_list, parse_name, parse_title, skip_courtesy
from arnews.delegations.lexicon import countries, cue_book, grammar, leaders
from arnews.delegations.names import OTHER_SECTOR, canonical_name, reconcile, sector, short_form, strip_honorifics
from arnews.delegations.sides import UNKNOWN_SIDE, leader_side, side_of, title_side
from arnews.delegations.views import (
    NOTHING_FOUND,
    appearances,
    delegation,
    describe,
    lists,
    main_article,
    other_lists,
    plot_sectors,
    sector_counts,
    side_by_side,
)
from arnews.delegations.words import Word, classify, tokenize

__all__ = [
    "CLI_HELP", "add_arguments", "run",
    "find_cues", "leader_readings",
    "COLUMNS", "Member", "extract", "extract_corpus",
    "Item", "parse_item", "parse_list", "parse_name", "parse_title", "skip_courtesy",
    "countries", "cue_book", "grammar", "leaders",
    "OTHER_SECTOR", "canonical_name", "reconcile", "sector", "short_form", "strip_honorifics",
    "UNKNOWN_SIDE", "leader_side", "side_of", "title_side",
    "NOTHING_FOUND", "appearances", "delegation", "describe", "lists", "main_article", "other_lists",
    "plot_sectors", "sector_counts", "side_by_side",
    "Word", "classify", "tokenize",
]
