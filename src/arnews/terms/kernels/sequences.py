"""Compiled passes over the term sequence of a corpus: numbering, counting, pairs, phrase merging, gaps."""

from __future__ import annotations

import numpy as np
from numba import njit

from arnews.terms.kernels.text import _slot

__all__ = ["count_pairs", "documents_per_term", "first_occurrences", "linked_pairs", "merge_pairs", "occurrences",
           "pair_table", "take_forward", "with_gaps", "without_gaps"]

@njit(cache=True, nogil=True)
def first_occurrences(ids, n_ids):  # pragma: no cover - compiled
    """The ids in the order of their first occurrence, and every id renumbered in that order (an id that
    never occurs gets none).

    Returns:
        (order, renumbered): order[new] = old id; renumbered[k] = the new id of ids[k].
    """
    new_of = np.full(n_ids, -1, np.int64)
    order = np.empty(n_ids, np.int64)
    renumbered = np.empty(ids.size, np.int32)
    n = 0
    for k in range(ids.size):
        old = ids[k]
        if new_of[old] < 0:
            new_of[old] = n
            order[n] = old
            n += 1
        renumbered[k] = new_of[old]
    return order[:n].copy(), renumbered


@njit(cache=True, nogil=True)
def occurrences(terms, n_terms):  # pragma: no cover - compiled
    """How often each term id below n_terms occurs (`np.bincount` of the ids that are no gap, −1, without
    copying them out)."""
    counts = np.zeros(n_terms + 1, np.int64)  # shifted by one: a gap counts at 0, with no branch
    for t in range(terms.size):
        counts[terms[t] + 1] += 1
    return counts[1:]


@njit(cache=True, nogil=True)
def linked_pairs(terms, linked):  # pragma: no cover - compiled
    """How many adjacent pairs of terms (no gap) only spaces separate."""
    n = 0
    for t in range(terms.size - 1):
        if linked[t] and terms[t] >= 0 and terms[t + 1] >= 0:
            n += 1
    return n


@njit(cache=True, nogil=True)
def documents_per_term(terms, bounds, n_terms):  # pragma: no cover - compiled
    """How many texts each term occurs in.

    Args:
        terms: the term id of every token (−1: none), texts one after the other.
        bounds: token index where each text starts (and the total at the end).
        n_terms: one more than the largest term id.
    """
    docs = np.zeros(n_terms, np.int64)
    last = np.full(n_terms, -1, np.int64)
    for d in range(bounds.size - 1):
        for k in range(bounds[d], bounds[d + 1]):
            t = terms[k]
            if t >= 0 and last[t] != d:
                last[t] = d
                docs[t] += 1
    return docs


@njit(cache=True, nogil=True, inline="always")
def _find(keys, key):  # pragma: no cover - compiled
    capacity = keys.size
    slot = _slot(key, capacity)
    while keys[slot] != -1 and keys[slot] != key:
        slot = (slot + 1) & (capacity - 1)
    return slot


@njit(cache=True, nogil=True)
def count_pairs(terms, linked, candidate, n_terms):  # pragma: no cover - compiled
    """How often each pair of adjacent terms occurs (both candidates, and only spaces between them).

    The pairs are grouped by their first term (a counting sort), then each group's second terms are counted in
    one small array: linear time, and memory that stays in the caches, where a hash table of all pairs would not.

    Args:
        terms: term id per token (−1: none); linked: per token, whether it and the next one are adjacent in
            the same text with only spaces between them; candidate: per term id, whether it may pair.
        n_terms: one more than the largest term id.
    Returns:
        (keys, counts): key = first * n_terms + second, and its count, for every pair seen (grouped by first).
    """
    group = np.zeros(n_terms + 1, np.int64)  # where each first term's pairs start among `seconds`
    for t in range(terms.size - 1):
        a, b = terms[t], terms[t + 1]
        if linked[t] and a >= 0 and b >= 0 and candidate[a] and candidate[b]:
            group[a + 1] += 1
    for a in range(n_terms):
        group[a + 1] += group[a]
    seconds = np.empty(group[n_terms], np.int64)
    cursor = group[:-1].copy()
    for t in range(terms.size - 1):
        a, b = terms[t], terms[t + 1]
        if linked[t] and a >= 0 and b >= 0 and candidate[a] and candidate[b]:
            seconds[cursor[a]] = b
            cursor[a] += 1
    seen = np.zeros(n_terms, np.int64)
    distinct = 0
    for a in range(n_terms):  # how many distinct pairs, to allocate no more than that
        for j in range(group[a], group[a + 1]):
            if seen[seconds[j]] != a + 1:
                seen[seconds[j]] = a + 1
                distinct += 1
    seen[:] = 0
    keys = np.empty(distinct, np.int64)
    counts = np.empty(distinct, np.int64)
    k = 0
    for a in range(n_terms):
        first = k
        for j in range(group[a], group[a + 1]):
            b = seconds[j]
            if seen[b] == 0:
                keys[k] = a * n_terms + b
                k += 1
            seen[b] += 1
        for q in range(first, k):
            b = keys[q] - a * n_terms
            counts[q] = seen[b]
            seen[b] = 0
    return keys, counts


@njit(cache=True, nogil=True)
def add_pair_counts(keys, counts, more_keys, more_counts, n_terms):  # pragma: no cover - compiled
    """The pair counts of two parts of a corpus (each as `count_pairs` gives them) as those of the whole: each
    key once, with the sum of its counts, still grouped by first term.

    One pass over both, group by group (first terms ascending), with a small array per second term: linear
    time, where sorting the keys of both would not be.
    """
    out_keys = np.empty(keys.size + more_keys.size, np.int64)
    out_counts = np.empty(keys.size + more_keys.size, np.int64)
    where = np.full(n_terms, -1, np.int64)  # per second term: its pair's place in `out` (current group if ≥ start)
    i = j = n = 0
    while i < keys.size or j < more_keys.size:
        a = n_terms
        if i < keys.size:
            a = keys[i] // n_terms
        if j < more_keys.size:
            a = min(a, more_keys[j] // n_terms)
        start = n
        while i < keys.size and keys[i] // n_terms == a:
            where[keys[i] - a * n_terms] = n
            out_keys[n] = keys[i]
            out_counts[n] = counts[i]
            n += 1
            i += 1
        while j < more_keys.size and more_keys[j] // n_terms == a:
            b = more_keys[j] - a * n_terms
            if where[b] >= start:
                out_counts[where[b]] += more_counts[j]
            else:
                where[b] = n
                out_keys[n] = more_keys[j]
                out_counts[n] = more_counts[j]
                n += 1
            j += 1
    return out_keys[:n], out_counts[:n]


@njit(cache=True, nogil=True)
def merge_pairs(terms, linked, bounds, pair_keys, pair_ids, pair_scores, n_terms):  # pragma: no cover - compiled
    """Replace each chosen pair of adjacent terms by its phrase id, left to right; where two chosen pairs
    overlap (A B C), the one with the higher score wins.

    Args:
        terms, linked, bounds: term id per token, adjacency to the next token, where each text starts.
        pair_keys, pair_ids, pair_scores: a hash table (keys −1 when free) of the chosen pairs: key = first *
            n_terms + second → phrase id and its score.
    Returns:
        (terms, linked, bounds, first_token): the merged sequence, and for each merged token the index of
        its first token in the input.
    """
    out = np.empty(terms.size, terms.dtype)
    out_linked = np.zeros(terms.size, np.bool_)
    first = np.empty(terms.size, np.int32)
    out_bounds = np.zeros(bounds.size, np.int64)
    opens = np.zeros(n_terms, np.bool_)  # the first terms of the chosen pairs: no lookup for any other term
    for slot in range(pair_keys.size):
        if pair_keys[slot] != -1:
            opens[pair_keys[slot] // n_terms] = True
    n = 0
    for d in range(bounds.size - 1):
        t = bounds[d]
        end = bounds[d + 1]
        while t < end:
            phrase = -1
            if t + 1 < end and linked[t] and terms[t] >= 0 and terms[t + 1] >= 0 and opens[terms[t]]:
                slot = _find(pair_keys, terms[t] * n_terms + terms[t + 1])
                if pair_keys[slot] != -1:
                    phrase = slot
                    if t + 2 < end and linked[t + 1] and terms[t + 2] >= 0 and opens[terms[t + 1]]:
                        rival = _find(pair_keys, terms[t + 1] * n_terms + terms[t + 2])
                        if pair_keys[rival] != -1 and pair_scores[rival] > pair_scores[slot]:
                            phrase = -1
            first[n] = t
            if phrase >= 0:
                out[n] = pair_ids[phrase]
                out_linked[n] = linked[t + 1]
                t += 2
            else:
                out[n] = terms[t]
                out_linked[n] = linked[t]
                t += 1
            n += 1
        out_bounds[d + 1] = n
    return out[:n], out_linked[:n], out_bounds, first[:n]


@njit(cache=True, nogil=True)
def without_gaps(terms, linked, bounds):  # pragma: no cover - compiled
    """The terms of a sequence without its gaps (−1): a gap only breaks adjacency, so a term is linked to the
    next one only where the two were linked and adjacent.

    Returns:
        (origin, terms, linked, bounds): the position of each term in the sequence; the terms; their
        adjacency; where each text starts among them.
    """
    n = 0
    for t in range(terms.size):
        if terms[t] >= 0:
            n += 1
    origin = np.empty(n, np.int64)
    out = np.empty(n, terms.dtype)
    out_linked = np.zeros(n, np.bool_)
    out_bounds = np.zeros(bounds.size, np.int64)
    k = 0
    d = 0
    for t in range(terms.size):
        while d < bounds.size and bounds[d] <= t:
            out_bounds[d] = k
            d += 1
        if terms[t] >= 0:
            origin[k] = t
            out[k] = terms[t]
            out_linked[k] = linked[t] and t + 1 < terms.size and terms[t + 1] >= 0
            k += 1
    while d < bounds.size:
        out_bounds[d] = k
        d += 1
    return origin, out, out_linked, out_bounds


@njit(cache=True, nogil=True)
def with_gaps(terms, origin, before, linked, bounds):  # pragma: no cover - compiled
    """The gaps put back into a sequence that `without_gaps` took them out of (and whose terms may have been
    merged since: each term at `origin`, the position of its first token in the sequence `before`).

    Returns:
        (terms, linked, bounds): per token, its term (−1: a gap), whether its last token was linked to the
        next, and where each text starts.
    """
    n_gaps = 0
    for p in range(before.size):
        if before[p] < 0:
            n_gaps += 1
    total = terms.size + n_gaps
    out = np.empty(total, terms.dtype)
    out_linked = np.zeros(total, np.bool_)
    out_bounds = np.zeros(bounds.size, np.int64)
    j = -1
    k = 0
    d = 0
    for p in range(before.size):
        if before[p] < 0 or (k < origin.size and origin[k] == p):  # a token of the result starts here
            j += 1
            if before[p] < 0:
                out[j] = -1
            else:
                out[j] = terms[k]
                k += 1
        while d < bounds.size and bounds[d] <= p:
            out_bounds[d] = j
            d += 1
        out_linked[j] = linked[p]  # the token's last position sets it
    while d < bounds.size:
        out_bounds[d] = total
        d += 1
    return out, out_linked, out_bounds


@njit(cache=True, nogil=True)
def take_forward(values, picked):  # pragma: no cover - compiled
    """values[picked] written over `values` itself (picked ascending, picked[n] ≥ n, as `merge_pairs`
    returns it): no new array; returns the view values[:picked.size]."""
    for n in range(picked.size):
        values[n] = values[picked[n]]
    return values[:picked.size]


def pair_table(keys: np.ndarray, ids: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The hash table `merge_pairs` looks pairs up in (capacity a power of two, at most half full)."""
    capacity = 1 << 4
    while capacity < 2 * max(1, keys.size):
        capacity *= 2
    table_keys = np.full(capacity, -1, np.int64)
    table_ids = np.full(capacity, -1, np.int64)
    table_scores = np.zeros(capacity, np.float64)
    _fill_pairs(keys, ids, scores, table_keys, table_ids, table_scores)
    return table_keys, table_ids, table_scores


@njit(cache=True, nogil=True)
def _fill_pairs(keys, ids, scores, table_keys, table_ids, table_scores):  # pragma: no cover - compiled
    for i in range(keys.size):
        slot = _find(table_keys, keys[i])
        table_keys[slot] = keys[i]
        table_ids[slot] = ids[i]
        table_scores[slot] = scores[i]
