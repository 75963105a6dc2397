"""The compiled decisions of the term map (`terms.termmap.TermMap.term` is their readable specification)."""

from __future__ import annotations

import numpy as np
from numba import njit

from arnews.terms.kernels.text import _digest, _mix, _seed
from arnews.textsearch import same_codes

__all__ = ["DROP", "ENTITY", "OWN", "SHORT", "STEM", "choose_terms", "decompose", "follow_stems"]

@njit(cache=True, nogil=True)
def decompose(codes, starts, ends, rule_prefix, rule_prefix_length, rule_replacement, rule_replacement_length,
              prefix_letters, min_stem):  # pragma: no cover - compiled
    """Every (proclitic prefix → replacement) rule that applies to each form, as `arabic.decompositions`
    lists them.

    Args:
        codes, starts, ends: the forms' code points and where each form is.
        rule_prefix, rule_replacement: code points of each rule's prefix and replacement (rows, zero-padded),
            in the order of `arabic.PREFIX_RULES`; *_length: their lengths.
        prefix_letters: bool per BMP code point: may a prefix start with it.
        min_stem: shortest stem a prefix may leave.
    Returns:
        (bounds, rule, hashes, lengths): the decompositions of form i are rows bounds[i]:bounds[i+1] (longest
        prefix first); for each, the rule, and the two hashes and the length of the stem it leaves.
    """
    n_forms = starts.size
    longest = rule_prefix.shape[1]
    most = 0
    for i in range(n_forms):
        most += max(0, min(ends[i] - starts[i] - min_stem, longest))
    most *= 2  # at most two replacements per prefix (لل → "" or ال)
    bounds = np.zeros(n_forms + 1, np.int64)
    rules = np.empty(most, np.int64)
    hashes = np.empty((most, 2), np.int64)
    lengths = np.empty(most, np.int64)
    n = 0
    for i in range(n_forms):
        s, e = starts[i], ends[i]
        if e > s and codes[s] < 0x10000 and prefix_letters[codes[s]]:
            for size in range(min(e - s - min_stem, longest), 0, -1):
                for r in range(rule_prefix_length.size):
                    if rule_prefix_length[r] != size:
                        continue
                    if not same_codes(codes, s, rule_prefix[r], size):
                        continue
                    length = rule_replacement_length[r] + e - s - size
                    first, second = _seed()
                    for j in range(rule_replacement_length[r]):
                        first, second = _mix(first, second, rule_replacement[r, j])
                    for j in range(s + size, e):
                        first, second = _mix(first, second, codes[j])
                    rules[n] = r
                    hashes[n, 0], hashes[n, 1] = _digest(first, second)
                    lengths[n] = length
                    n += 1
        bounds[i + 1] = n
    return bounds, rules[:n], hashes[:n], lengths[:n]


#: What `choose_terms` decides for a form.
OWN, DROP, ENTITY, SHORT, STEM = 0, 1, 2, 3, 4


@njit(cache=True, nogil=True)
def _stem_code(d, j, f, rules, starts, codes, rule_prefix_length, rule_replacement, rule_replacement_length
               ):  # pragma: no cover - compiled
    r = rules[d]
    if j < rule_replacement_length[r]:
        return np.int64(rule_replacement[r, j])
    return np.int64(codes[starts[f] + rule_prefix_length[r] + j - rule_replacement_length[r]])


@njit(cache=True, nogil=True)
def choose_terms(bounds, stems, rules, lengths, counts, definite, flags, codes, starts, ends,
                 rule_prefix_length, rule_replacement, rule_replacement_length, rule_article, keep_ratio,
                 noun_share, min_stem_after_proclitic):  # pragma: no cover - compiled
    """The decision of `TermMap.term` for every form, before following a stem to its own term.

    Ids: forms are 0..counts.size-1; the lexicon words follow; any larger id is a stem seen nowhere.
    counts: occurrences per form; definite: per form, occurrences of the form with the article (ال+form).
    flags: per known id, bits: 1 stopword, 2 protected, 4 entity spelling, 8 joined (a name or acronym the
    tokenizer joined), 16 has a space, 32 dropped alike (a bare proclitic: ال، وال، بال …; a number), 64 a
    stopword that drops the forms it is the stem of (one of the project's).
    bounds, stems, rules, lengths: each form's decompositions (from `decompose`), with stem ids.
    Returns:
        (decision, value) per form: OWN (the form is its term), DROP (no term), ENTITY (value: the id of the
        entity spelling), SHORT (no clitic; a one-letter form, left to the caller), STEM (value: the stem's id).
    """
    n_forms = counts.size
    known = flags.size
    decision = np.full(n_forms, OWN, np.int64)
    value = np.full(n_forms, -1, np.int64)
    for f in range(n_forms):
        lo, hi = bounds[f], bounds[f + 1]
        if flags[f] & 4:
            decision[f] = ENTITY
            value[f] = f
            continue
        found = -1
        for d in range(lo, hi):
            if stems[d] < known and flags[stems[d]] & 4:
                found = stems[d]
                break
        if found >= 0:
            decision[f] = ENTITY
            value[f] = found
            continue
        if flags[f] & 2:
            continue
        if flags[f] & 1 or flags[f] & 32 or (flags[f] & 16 and not flags[f] & 8) or ends[f] == starts[f]:
            decision[f] = DROP
            continue
        if lo == hi:
            if ends[f] - starts[f] < 2:
                decision[f] = SHORT
            continue
        whole = counts[f]
        best, best_n, best_length = -1, 0, 0
        dropped = False
        for d in range(lo, hi):
            stem = stems[d]
            if stem < known and flags[stem] & 64:
                dropped = True
                break
            if stem < known and flags[stem] & 1:
                continue
            n = counts[stem] if stem < n_forms else 0
            if n == 0:
                continue
            if rule_article[rules[d]]:
                attested = n * keep_ratio > whole
            else:
                nouns = definite[stem]
                attested = lengths[d] >= min_stem_after_proclitic and (
                    n >= whole or (stem < known and flags[stem] & 2)
                    or (definite[f] * keep_ratio <= whole and nouns > 0 and n + nouns >= noun_share * whole))
            if not attested:
                continue
            better = n > best_n or (n == best_n and lengths[d] > best_length)
            if n == best_n and lengths[d] == best_length:  # same count and length: the larger string wins
                for j in range(lengths[d]):
                    a = _stem_code(d, j, f, rules, starts, codes, rule_prefix_length, rule_replacement,
                                   rule_replacement_length)
                    b = _stem_code(best, j, f, rules, starts, codes, rule_prefix_length, rule_replacement,
                                   rule_replacement_length)
                    if a != b:
                        better = a > b
                        break
            if better:
                best, best_n, best_length = d, n, lengths[d]
        if dropped:
            decision[f] = DROP
        elif best >= 0:
            decision[f] = STEM
            value[f] = stems[best]
    return decision, value


@njit(cache=True, nogil=True)
def follow_stems(decision, value, bounds, stems, key, flags):  # pragma: no cover - compiled
    """The last rule of `TermMap.term`, for every STEM decision: a form takes its stem's own term when that
    term is the stem itself, an entity, or one of the form's own stems; else the stem.

    Args:
        decision, value: from `choose_terms`; bounds, stems: the forms' decompositions with stem ids.
        key: the term id of every form (−1: none; −2: a STEM decision still to follow); filled in place.
        flags: per id, as in `choose_terms` (bit 4: an entity spelling).
    """
    chain = np.empty(64, np.int64)
    for start in range(decision.size):
        if decision[start] != STEM or key[start] != -2:
            continue
        depth = 0
        f = start
        while decision[f] == STEM and key[f] == -2:  # stems are shorter: the chain ends
            chain[depth] = f
            depth += 1
            f = value[f]
        for level in range(depth - 1, -1, -1):
            f = chain[level]
            best = value[f]
            k = key[best]
            take = k == best or (k >= 0 and k < flags.size and flags[k] & 4)
            if not take and k >= 0:
                for d in range(bounds[f], bounds[f + 1]):
                    if stems[d] == k:
                        take = True
                        break
            key[f] = k if take else best
