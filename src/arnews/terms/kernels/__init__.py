"""The compiled inner loops of the term engine (numba): the only production path of tokenizing, of the name
joins, of the term map's decisions, of phrase merging and of counting.

Each kernel has a readable Python specification that the tests hold it to: the token grammar is
`terms.tokens.TOKEN_RE` (and `tokens.Joiner` for the joins of names, acronyms and name chains), the term map's
decisions are `terms.termmap.TermMap.term`, phrase merging is a greedy loop (tests/test_terms_engine.py). The
kernels exist for speed alone; the figures that justify each are in docs/DEVELOPING.md (speed). The corpus text
never becomes millions of Python strings this way: only each distinct surface form does, once per process.

A form is identified by its length and two independent 63-bit hashes of its code points (FNV-1a and a
multiply-rotate hash): two different forms would have to agree on 126 bits of hash and on their length to be
confused (for a million distinct forms the odds are about 10⁻²⁶).

Numba compiles the kernels on first use and caches the machine code next to this file (`__pycache__`);
`make venv` warms that cache (`warm()`), so a run starts in a fraction of a second.
"""

from __future__ import annotations

import numpy as np

from arnews.terms.kernels.decisions import DROP, ENTITY, OWN, SHORT, STEM, choose_terms, decompose, follow_stems
from arnews.terms.kernels.joins import (
    ROLE_AMBIGUOUS,
    ROLE_HEAD,
    ROLE_LETTER,
    ROLE_LINK,
    ROLE_NAME,
    ROLE_TATWEEL,
    join_groups,
    merge_groups,
)
from arnews.terms.kernels.sequences import (
    add_pair_counts,
    count_pairs,
    documents_per_term,
    first_occurrences,
    linked_pairs,
    merge_pairs,
    occurrences,
    pair_table,
    take_forward,
    with_gaps,
    without_gaps,
)
from arnews.terms.kernels.text import (
    _NO_ID,
    DIGIT,
    LATIN,
    LETTER,
    MARK,
    NO_PREFIX,
    NUMBER_SEPARATORS,
    OTHER,
    SEPARATOR,
    HashIndex,
    _rehash,
    char_tables,
    encode,
    gather,
    hash_spans,
    hash_words,
    split,
    web_addresses,
)

__all__ = [
    "DIGIT", "DROP", "ENTITY", "LATIN", "LETTER", "MARK", "NO_PREFIX", "NUMBER_SEPARATORS", "OTHER", "OWN",
    "ROLE_AMBIGUOUS", "ROLE_HEAD", "ROLE_LETTER", "ROLE_LINK", "ROLE_NAME", "ROLE_TATWEEL", "SEPARATOR", "SHORT",
    "STEM", "HashIndex", "add_pair_counts", "char_tables", "choose_terms", "count_pairs", "decompose",
    "documents_per_term", "encode", "first_occurrences", "follow_stems", "gather", "hash_spans", "hash_words",
    "join_groups", "linked_pairs", "merge_groups", "merge_pairs", "occurrences", "pair_table", "split",
    "take_forward", "warm", "web_addresses", "with_gaps", "without_gaps",
]


def warm() -> None:
    """Compile (or load from the cache) every kernel for the argument types the engine passes (a read-only
    text from `np.frombuffer`, int32 term ids, …): `make venv` runs it once after installing, and the engine
    in a thread while it scans (so the kernels of the work after the scan are loaded by then)."""
    classes, spaces = char_tables("\u0621-\u064a", "\u064b-\u065f", "0-9", "A-Za-z")
    data = np.frombuffer("بوتين 2024\0كيم".encode(), dtype=np.uint8)
    starts, ends, lengths, hashes, spaced, bounds = split(data, np.array([0, 15, data.size]), classes, spaces)
    web_addresses(data)
    gather(data, starts, ends, 0x0A)
    index = HashIndex()
    ids, _ = index.ids(hashes, lengths)
    index.find(hashes, lengths)
    _rehash(index.table, np.full((2 * len(index.table), 4), _NO_ID, np.int64))
    small = np.zeros(ids.size, np.int32)
    group_start, group_end, _, _, _ = join_groups(ids, spaced, small, small, small, np.zeros(2, np.int64),
                                                  np.zeros(2, np.int64), small, data, starts, ends, lengths)
    merge_groups(ids, spaced, bounds, starts, ends, group_start, group_end, ids[:group_start.size])
    codes, starts, ends = encode(["بوتين", "كيم"])
    hash_spans(codes, starts, ends, NO_PREFIX)
    rule = np.array([[0x648]], np.uint32)
    letters = np.zeros(0x10000, np.bool_)
    dec = decompose(codes, starts, ends, rule, np.array([1]), np.zeros((1, 1), np.uint32), np.array([0]),
                    letters, 2)
    counts = np.ones(2, np.int64)
    decision, value = choose_terms(dec[0], np.zeros(0, np.int64), dec[1], dec[3], counts, counts,
                                   np.zeros(2, np.int64), codes, starts, ends, np.array([1]),
                                   np.zeros((1, 1), np.uint32), np.array([0]), np.array([False]), 10, 0.5, 3)
    follow_stems(decision, value, dec[0], np.zeros(0, np.int64), np.arange(2), np.zeros(2, np.int64))
    terms = np.array([0, 1, -1, 0, 1], np.int32)
    linked = np.array([True, True, False, True, False])
    bounds = np.array([0, terms.size])
    order, renumbered = first_occurrences(np.maximum(terms, 0), 2)
    occurrences(terms, 2)
    linked_pairs(terms, linked)
    documents_per_term(terms, bounds, 2)
    origin, kept, kept_linked, kept_bounds = without_gaps(terms, linked, bounds)
    keys, together = count_pairs(kept, kept_linked, np.ones(2, np.bool_), 2)
    add_pair_counts(keys, together, keys, together, 2)
    merged, merged_linked, merged_bounds, picked = merge_pairs(
        kept, kept_linked, kept_bounds, *pair_table(keys, np.arange(keys.size) + 2, np.ones(keys.size)), 2)
    take_forward(origin.copy(), picked)
    with_gaps(merged, take_forward(origin, picked), terms, linked, bounds)
    merge_pairs(terms, linked, bounds, *pair_table(keys, np.arange(keys.size) + 2, np.ones(keys.size)), 2)
