"""The compiled inner loops of the term engine (numba): the only production path of tokenizing, of the term
map's decisions and of counting.

Each kernel has a readable Python specification that the tests hold it to: the token grammar is
`terms.tokens.TOKEN_RE` (and `reference_tokenize` for the entity and name joins), the term map's decisions
are `terms.termmap.TermMap.term`. The kernels exist for speed alone: on SaudiNewsNet (96 MB of text)
`TOKEN_RE.findall` takes 1.1 CPU-s just to make its 8.6 million strings, `split` with the form ids 0.45 CPU-s
(see README, speed), and the corpus text never becomes millions of Python strings this way — only each
distinct surface form does, once per shard.

A form is identified by its length and two independent 63-bit hashes of its code points (FNV-1a and a
multiply-rotate hash): two different forms would have to agree on 126 bits of hash and on their length to be
confused (for a million distinct forms the odds are about 10⁻²⁶).

Numba compiles the kernels on first use and caches the machine code next to this file (`__pycache__`);
`make venv` warms that cache (`warm()`), so a run starts in a fraction of a second.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from numba import njit

from arnews.textsearch import same_codes

__all__ = [
    "OTHER", "LETTER", "MARK", "DIGIT", "SEPARATOR", "LATIN", "NUMBER_SEPARATORS", "OWN", "DROP", "ENTITY",
    "SHORT", "STEM", "HashIndex", "char_tables", "split", "encode", "hash_words", "hash_spans", "decompose",
    "choose_terms", "follow_stems", "documents_per_term", "count_pairs", "merge_pairs", "warm",
]

#: Character classes of the token grammar (see `terms.tokens.TOKEN_RE`).
OTHER, LETTER, MARK, DIGIT, SEPARATOR, LATIN = 0, 1, 2, 3, 4, 5
#: What may separate the groups of a number: 1,500 · 3.5 · ٣٫٥ (Arabic decimal separator) · ١٬٠٠٠.
NUMBER_SEPARATORS = ".,\u066b\u066c"
_NO_ID = -1
_MASK = np.uint64(0x7FFFFFFFFFFFFFFF)


@cache
def char_tables(letters: str, marks: str, digits: str, latin: str) -> tuple[np.ndarray, np.ndarray]:
    """Class of each code point of the Basic Multilingual Plane, and whether it is a space (not a line break).

    Args:
        letters, marks, digits, latin: regex character-class bodies (see `terms.tokens`).
    Returns:
        (classes, spaces): uint8 array of 65,536 classes (code points above it are OTHER); bool array.
    """
    plane = "".join(chr(c) if not 0xD800 <= c < 0xE000 else "\0" for c in range(0x10000))
    classes = np.zeros(0x10000, dtype=np.uint8)
    for kind, body in ((LETTER, letters), (MARK, marks), (DIGIT, digits),
                       (SEPARATOR, re.escape(NUMBER_SEPARATORS)), (LATIN, latin)):
        classes[[m.start() for m in re.finditer(f"[{body}]", plane)]] = kind
    spaces = np.fromiter((ch.isspace() and ch != "\n" for ch in plane), dtype=np.bool_, count=len(plane))
    return classes, spaces


@njit(cache=True, nogil=True)
def _class_of(code, classes):  # pragma: no cover - compiled
    return classes[code] if code < 0x10000 else OTHER


@njit(cache=True, nogil=True, inline="always")
def _seed(length):  # pragma: no cover - compiled
    """Start the two hashes of a form of `length` code points."""
    return np.uint64(14695981039346656037), np.uint64(length)


@njit(cache=True, nogil=True, inline="always")
def _mix(first, second, code):  # pragma: no cover - compiled
    """Add one code point to the two hashes: FNV-1a and a multiply-rotate hash."""
    c = np.uint64(code)
    first = (first ^ c) * np.uint64(1099511628211)
    second = ((second << np.uint64(7)) | (second >> np.uint64(57))) ^ (c * np.uint64(0x9E3779B97F4A7C15))
    return first, second


@njit(cache=True, nogil=True, inline="always")
def _digest(first, second):  # pragma: no cover - compiled
    """The two 63-bit hashes of a form, from its hash state."""
    return np.int64(first & _MASK), np.int64((second * np.uint64(0xFF51AFD7ED558CCD)) & _MASK)


def split(codes: np.ndarray, doc_starts: np.ndarray, classes: np.ndarray, spaces: np.ndarray):
    """Where the tokens of every text are, and two independent 63-bit hashes of each (`TOKEN_RE`, compiled).

    Args:
        codes: the code points of the texts, one after the other (uint32).
        doc_starts: where each text starts in `codes`, and the end of the last one.
        classes, spaces: from `char_tables`.
    Returns:
        (starts, ends, hashes, spaced, bounds): the span of each token in `codes`; its hashes (one row per
        token); whether only spaces (no line break) lie between it and the next token; and the token index
        where each text starts (and the total at the end).
    """
    # news text has a token every six characters or so; tokens can touch (ب1ب1 is four), so at worst there
    # is one per character: then the arrays are made that large and the text read again
    for most in (codes.size // 4 + 16, codes.size + 1):
        out = _split(codes, doc_starts, classes, spaces, most)
        if out[0].size <= most - 1 or most == codes.size + 1:
            return out
    raise AssertionError("unreachable")


@njit(cache=True, nogil=True)
def _split(codes, doc_starts, classes, spaces, most):  # pragma: no cover - compiled
    n_docs = doc_starts.size - 1
    starts = np.empty(most, np.int64)
    ends = np.empty(most, np.int64)
    hashes = np.empty((most, 2), np.int64)
    bounds = np.zeros(n_docs + 1, np.int64)
    n = 0
    for d in range(n_docs):
        i = doc_starts[d]
        end = doc_starts[d + 1]
        while i < end:
            kind = _class_of(codes[i], classes)
            if kind == OTHER or kind == MARK or kind == SEPARATOR:
                i += 1
                continue
            s = i
            i += 1
            if kind == LETTER:  # a letter, then letters and marks
                while i < end:
                    k = _class_of(codes[i], classes)
                    if k != LETTER and k != MARK:
                        break
                    i += 1
            elif kind == LATIN:
                while i < end and _class_of(codes[i], classes) == LATIN:
                    i += 1
            else:  # digits, and groups of digits after a separator
                while i < end:
                    k = _class_of(codes[i], classes)
                    if k == DIGIT:
                        i += 1
                    elif k == SEPARATOR and i + 1 < end and _class_of(codes[i + 1], classes) == DIGIT:
                        i += 2
                    else:
                        break
            first, second = _seed(i - s)
            for j in range(s, i):
                first, second = _mix(first, second, codes[j])
            if n == most:  # more tokens than room: `split` reads the text again with room for all
                return starts[:n].copy(), ends[:n].copy(), hashes[:n].copy(), np.zeros(n, np.bool_), bounds
            starts[n] = s
            ends[n] = i
            hashes[n, 0], hashes[n, 1] = _digest(first, second)
            n += 1
        bounds[d + 1] = n
    spaced = np.zeros(n, np.bool_)
    for t in range(n - 1):
        only_spaces = ends[t] < starts[t + 1]
        for j in range(ends[t], starts[t + 1]):
            c = codes[j]
            if c >= 0x10000 or not spaces[c]:
                only_spaces = False
                break
        spaced[t] = only_spaces
    return starts[:n].copy(), ends[:n].copy(), hashes[:n].copy(), spaced, bounds


@njit(cache=True, nogil=True, inline="always")
def _slot(key, capacity):  # pragma: no cover - compiled
    h = np.uint64(key)
    return np.int64((h ^ (h >> np.uint64(29))) & np.uint64(capacity - 1))


@njit(cache=True, nogil=True)
def _identify(hashes, lengths, table, state, ids, first_seen, t):  # pragma: no cover - compiled
    """Give each form from index `t` on its id, adding new forms to the hash table.

    table: (capacity, 4) int64 rows of [hash, second hash, length, id], id −1 when free. state: [forms so
    far, new forms of this call]. Stops when the table is 70% full (fuller, probes get longer; emptier, the
    table outgrows the caches). Returns the index of the first form not done.
    """
    n = lengths.size
    capacity = table.shape[0]
    while t < n:
        if 10 * state[0] >= 7 * capacity:
            return t
        key = hashes[t, 0]
        check = hashes[t, 1]
        length = lengths[t]
        slot = _slot(key, capacity)
        while True:
            if table[slot, 3] == _NO_ID:
                form = state[0]
                table[slot, 0] = key
                table[slot, 1] = check
                table[slot, 2] = length
                table[slot, 3] = form
                state[0] += 1
                first_seen[state[1]] = t
                state[1] += 1
                break
            if table[slot, 0] == key and table[slot, 1] == check and table[slot, 2] == length:
                form = table[slot, 3]
                break
            slot = (slot + 1) & (capacity - 1)
        ids[t] = form
        t += 1
    return t


@njit(cache=True, nogil=True)
def _rehash(old, new):  # pragma: no cover - compiled
    """Move the rows of table `old` into the empty, larger table `new`."""
    capacity = new.shape[0]
    for row in range(old.shape[0]):
        if old[row, 3] != _NO_ID:
            slot = _slot(old[row, 0], capacity)
            while new[slot, 3] != _NO_ID:
                slot = (slot + 1) & (capacity - 1)
            new[slot, :] = old[row, :]


class HashIndex:
    """Ids for forms given by their two hashes and length: the first form seen gets id 0, the next new one
    1, and so on; a form seen again gets its id back."""

    def __init__(self, expected: int = 0):
        capacity = 1 << 12
        while 7 * capacity <= 10 * expected:  # room without growing (see _identify)
            capacity *= 2
        self.table = np.full((capacity, 4), _NO_ID, np.int64)
        self.state = np.zeros(2, np.int64)  # forms so far, new forms of the current call

    def __len__(self) -> int:
        return int(self.state[0])

    def ids(self, hashes: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Returns (ids, first_seen): the id of each form, and the index of each new form's first occurrence."""
        ids = np.empty(lengths.size, dtype=np.int64)
        first_seen = np.empty(lengths.size, dtype=np.int64)
        self.state[1] = done = 0
        while (done := _identify(hashes, lengths, self.table, self.state, ids, first_seen, done)) < lengths.size:
            grown = np.full((2 * len(self.table), 4), _NO_ID, np.int64)
            _rehash(self.table, grown)
            self.table = grown
        return ids, first_seen[:self.state[1]]


@njit(cache=True, nogil=True)
def hash_spans(codes, starts, ends):  # pragma: no cover - compiled
    """The two hashes of each form codes[starts[i]:ends[i]] (as `split` hashes a token)."""
    hashes = np.empty((starts.size, 2), np.int64)
    for i in range(starts.size):
        first, second = _seed(ends[i] - starts[i])
        for j in range(starts[i], ends[i]):
            first, second = _mix(first, second, codes[j])
        hashes[i, 0], hashes[i, 1] = _digest(first, second)
    return hashes


def encode(words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The code points of `words` (UTF-32) and where each word starts and ends in them."""
    codes = np.frombuffer("\0".join(words).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(lengths + 1) - 1
    return codes, ends - lengths, ends


def hash_words(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, lengths) of each word, as `split` hashes the tokens it reads."""
    codes, starts, ends = encode(words)
    return hash_spans(codes, starts, ends), ends - starts


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
                    first, second = _seed(length)
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
def _count_pairs(terms, linked, candidate, n_terms, keys, counts, state, t):  # pragma: no cover - compiled
    capacity = keys.size
    while t < terms.size - 1:
        if 10 * state[0] >= 7 * capacity:
            return t
        a, b = terms[t], terms[t + 1]
        if linked[t] and a >= 0 and b >= 0 and candidate[a] and candidate[b]:
            slot = _find(keys, a * n_terms + b)
            if keys[slot] == -1:
                keys[slot] = a * n_terms + b
                state[0] += 1
            counts[slot] += 1
        t += 1
    return terms.size


def count_pairs(terms: np.ndarray, linked: np.ndarray, candidate: np.ndarray, n_terms: int
                ) -> tuple[np.ndarray, np.ndarray]:
    """How often each pair of adjacent terms occurs (both candidates, and only spaces between them).

    Args:
        terms: term id per token (−1: none); linked: per token, whether it and the next one are adjacent in
            the same text with only spaces between them; candidate: per term id, whether it may pair.
    Returns:
        (keys, counts): key = first * n_terms + second, and its count, for every pair seen.
    """
    keys = np.full(1 << 16, -1, np.int64)
    counts = np.zeros(1 << 16, np.int64)
    state = np.zeros(1, np.int64)
    done = 0
    while (done := _count_pairs(terms, linked, candidate, n_terms, keys, counts, state, done)) < terms.size:
        old_keys, old_counts = keys, counts
        keys = np.full(2 * old_keys.size, -1, np.int64)
        counts = np.zeros(2 * old_keys.size, np.int64)
        _regrow(old_keys, old_counts, keys, counts)
    used = keys != -1
    return keys[used], counts[used]


@njit(cache=True, nogil=True)
def _regrow(old_keys, old_counts, keys, counts):  # pragma: no cover - compiled
    for i in range(old_keys.size):
        if old_keys[i] != -1:
            slot = _find(keys, old_keys[i])
            keys[slot] = old_keys[i]
            counts[slot] = old_counts[i]


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
    n = 0
    for d in range(bounds.size - 1):
        t = bounds[d]
        end = bounds[d + 1]
        while t < end:
            phrase = -1
            if t + 1 < end and linked[t] and terms[t] >= 0 and terms[t + 1] >= 0:
                slot = _find(pair_keys, terms[t] * n_terms + terms[t + 1])
                if pair_keys[slot] != -1:
                    phrase = slot
                    if t + 2 < end and linked[t + 1] and terms[t + 2] >= 0:
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


def warm() -> None:
    """Compile (or load from the cache) every kernel: `make venv` runs it once after installing."""
    classes, spaces = char_tables("\u0621-\u064a", "\u064b-\u065f", "0-9", "A-Za-z")
    codes, starts, ends = encode(["بوتين 2024", "كيم"])
    _, _, hashes, spaced, bounds = split(codes, np.array([0, 10, 14]), classes, spaces)
    index = HashIndex()
    ids, _ = index.ids(hashes, np.array([5, 4, 3]))
    _rehash(index.table, np.full((2 * len(index.table), 4), _NO_ID, np.int64))
    hash_spans(codes, starts, ends)
    rule = np.array([[0x648]], np.uint32)
    letters = np.zeros(0x10000, np.bool_)
    dec = decompose(codes, starts, ends, rule, np.array([1]), np.zeros((1, 1), np.uint32), np.array([0]),
                    letters, 2)
    counts = np.ones(2, np.int64)
    decision, value = choose_terms(dec[0], np.zeros(0, np.int64), dec[1], dec[3], counts, counts,
                                   np.zeros(2, np.int64), codes, starts, ends, np.array([1]),
                                   np.zeros((1, 1), np.uint32), np.array([0]), np.array([False]), 10, 0.5, 3)
    follow_stems(decision, value, dec[0], np.zeros(0, np.int64), np.arange(2), np.zeros(2, np.int64))
    documents_per_term(ids, bounds, 3)
    keys, _ = count_pairs(ids, spaced, np.ones(3, np.bool_), 3)
    merge_pairs(ids, spaced, bounds, *pair_table(keys, np.arange(keys.size) + 3, np.ones(keys.size)), 3)
