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

import re
from functools import cache

import numpy as np
from numba import njit

from arnews.textsearch import same_codes

__all__ = [
    "OTHER", "LETTER", "MARK", "DIGIT", "SEPARATOR", "LATIN", "NUMBER_SEPARATORS", "OWN", "DROP", "ENTITY",
    "SHORT", "STEM", "HashIndex", "char_tables", "split", "encode", "hash_words", "hash_spans", "NO_PREFIX",
    "decompose",
    "choose_terms", "follow_stems", "occurrences", "linked_pairs", "without_gaps", "take_forward",
    "with_gaps",
    "documents_per_term", "count_pairs", "merge_pairs", "warm",
    "ROLE_LINK", "ROLE_HEAD", "ROLE_NAME", "ROLE_LETTER", "ROLE_AMBIGUOUS", "ROLE_TATWEEL", "join_groups",
    "merge_groups", "first_occurrences",
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


@njit(cache=True, nogil=True, inline="always")
def _decode(data, i):  # pragma: no cover - compiled
    """The code point that starts at byte i of UTF-8 `data` (written by Python, surrogates passed), and the
    byte after it."""
    b0 = np.uint32(data[i])
    if b0 < 0x80:
        return b0, i + 1
    if b0 < 0xE0:
        return ((b0 & 0x1F) << 6) | (np.uint32(data[i + 1]) & 0x3F), i + 2
    if b0 < 0xF0:
        return ((b0 & 0x0F) << 12) | ((np.uint32(data[i + 1]) & 0x3F) << 6) | (np.uint32(data[i + 2]) & 0x3F), i + 3
    return ((b0 & 0x07) << 18) | ((np.uint32(data[i + 1]) & 0x3F) << 12) | ((np.uint32(data[i + 2]) & 0x3F) << 6) \
        | (np.uint32(data[i + 3]) & 0x3F), i + 4


def split(data: np.ndarray, doc_starts: np.ndarray, classes: np.ndarray, spaces: np.ndarray):
    """Where the tokens of every text are, and two independent 63-bit hashes of each (`TOKEN_RE`, compiled).

    Args:
        data: the texts in UTF-8, one after the other (uint8).
        doc_starts: where each text starts in `data` (bytes), and the end of the last one.
        classes, spaces: from `char_tables`.
    Returns:
        (starts, ends, lengths, hashes, spaced, bounds): the span of each token in `data` (bytes) and its
        length in characters; its hashes (one row per token: those `hash_words` gives its text); whether only
        spaces (no line break) lie between it and the next token; and the token index where each text starts
        (and the total at the end).
    """
    # news text has a token every ten bytes or so; tokens can touch (ب1ب1 is four), so at worst there is one
    # per byte: then the arrays are made that large and the text read again (room never written costs no memory)
    for most in (data.size // 4 + 16, data.size + 1):
        out = _split(data, doc_starts, classes, spaces, most)
        if out[0].size <= most - 1 or most == data.size + 1:
            return out
    raise AssertionError("unreachable")


@njit(cache=True, nogil=True)
def _split(data, doc_starts, classes, spaces, most):  # pragma: no cover - compiled
    n_docs = doc_starts.size - 1
    starts = np.empty(most, np.int64)
    ends = np.empty(most, np.int64)
    lengths = np.empty(most, np.int64)
    hashes = np.empty((most, 2), np.int64)
    bounds = np.zeros(n_docs + 1, np.int64)
    n = 0
    for d in range(n_docs):
        i = doc_starts[d]
        end = doc_starts[d + 1]
        while i < end:
            code, after = _decode(data, i)
            kind = _class_of(code, classes)
            if kind == OTHER or kind == MARK or kind == SEPARATOR:
                i = after
                continue
            s = i
            i = after
            length = 1
            if kind == LETTER:  # a letter, then letters and marks
                while i < end:
                    code, after = _decode(data, i)
                    k = _class_of(code, classes)
                    if k != LETTER and k != MARK:
                        break
                    i = after
                    length += 1
            elif kind == LATIN:
                while i < end:
                    code, after = _decode(data, i)
                    if _class_of(code, classes) != LATIN:
                        break
                    i = after
                    length += 1
            else:  # digits, and groups of digits after a separator
                while i < end:
                    code, after = _decode(data, i)
                    k = _class_of(code, classes)
                    if k == DIGIT:
                        i = after
                        length += 1
                    elif k == SEPARATOR and after < end and _class_of(_decode(data, after)[0], classes) == DIGIT:
                        i = _decode(data, after)[1]
                        length += 2
                    else:
                        break
            first, second = _seed(length)
            j = s
            while j < i:
                code, j = _decode(data, j)
                first, second = _mix(first, second, code)
            if n == most:  # more tokens than room: `split` reads the text again with room for all
                return starts[:n], ends[:n], lengths[:n], hashes[:n], np.zeros(n, np.bool_), bounds
            starts[n] = s
            ends[n] = i
            lengths[n] = length
            hashes[n, 0], hashes[n, 1] = _digest(first, second)
            n += 1
        bounds[d + 1] = n
    spaced = np.zeros(n, np.bool_)
    for t in range(n - 1):
        only_spaces = ends[t] < starts[t + 1]
        j = ends[t]
        while j < starts[t + 1]:
            code, j = _decode(data, j)
            if code >= 0x10000 or not spaces[code]:
                only_spaces = False
                break
        spaced[t] = only_spaces
    # views: the room never written is never touched
    return starts[:n], ends[:n], lengths[:n], hashes[:n], spaced, bounds


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


@njit(cache=True, nogil=True)
def _find_forms(hashes, lengths, table):  # pragma: no cover - compiled
    capacity = table.shape[0]
    ids = np.full(lengths.size, _NO_ID, np.int64)
    for t in range(lengths.size):
        slot = _slot(hashes[t, 0], capacity)
        while table[slot, 3] != _NO_ID:
            if table[slot, 0] == hashes[t, 0] and table[slot, 1] == hashes[t, 1] and table[slot, 2] == lengths[t]:
                ids[t] = table[slot, 3]
                break
            slot = (slot + 1) & (capacity - 1)
    return ids


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

    def find(self, hashes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The id of each form, or −1 for a form not in the index (nothing is added)."""
        return _find_forms(hashes, lengths, self.table)

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
def hash_spans(codes, starts, ends, prefix):  # pragma: no cover - compiled
    """The two hashes of each form `prefix` + codes[starts[i]:ends[i]] (as `split` hashes a token).

    Args:
        codes, starts, ends: the forms' code points and where each form is (`encode`).
        prefix: code points written before each form (`NO_PREFIX`: none; the article ال: its definite form).
    """
    hashes = np.empty((starts.size, 2), np.int64)
    for i in range(starts.size):
        first, second = _seed(ends[i] - starts[i] + prefix.size)
        for j in range(prefix.size):
            first, second = _mix(first, second, prefix[j])
        for j in range(starts[i], ends[i]):
            first, second = _mix(first, second, codes[j])
        hashes[i, 0], hashes[i, 1] = _digest(first, second)
    return hashes


#: No prefix for `hash_spans`.
NO_PREFIX = np.zeros(0, np.uint32)


def encode(words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The code points of `words` (UTF-32) and where each word starts and ends in them."""
    codes = np.frombuffer("\0".join(words).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(lengths + 1) - 1
    return codes, ends - lengths, ends


def hash_words(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, lengths) of each word, as `split` hashes the tokens it reads."""
    codes, starts, ends = encode(words)
    return hash_spans(codes, starts, ends, NO_PREFIX), ends - starts


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


#: What a surface token may be in a multi-word name (`join_groups`; bits of its role): a link particle (بن، آل),
#: a head particle (عبد، أبو), a name word, a letter name as written (an acronym's part), an ambiguous letter
#: name (also a common word), written with a final tatweel.
ROLE_LINK, ROLE_HEAD, ROLE_NAME, ROLE_LETTER, ROLE_AMBIGUOUS, ROLE_TATWEEL = 1, 2, 4, 8, 16, 32


@njit(cache=True, nogil=True)
def _entity_end(i, ids, linked, first_code, word_code, first_bounds, rest_bounds, rest_words
                ):  # pragma: no cover - compiled
    n = ids.size
    f = first_code[ids[i]]
    if f < 0:
        return -1
    for r in range(first_bounds[f], first_bounds[f + 1]):
        a, b = rest_bounds[r], rest_bounds[r + 1]
        end = i + 1 + b - a
        if end > n:
            continue
        match = True
        for j in range(b - a):
            if not linked[i + j] or word_code[ids[i + 1 + j]] != rest_words[a + j]:
                match = False
                break
        if match:
            return end
    return -1


@njit(cache=True, nogil=True)
def _acronym_end(i, ids, linked, roles):  # pragma: no cover - compiled
    n = ids.size
    if not roles[ids[i]] & ROLE_LETTER:
        return -1
    end = i + 1
    while end < n and linked[end - 1] and roles[ids[end]] & ROLE_LETTER:
        end += 1
    if end - i < 2:
        return -1
    for t in range(i, end):
        if not roles[ids[t]] & ROLE_AMBIGUOUS:
            return end
    return -1


@njit(cache=True, nogil=True)
def _unit_end(i, ids, linked, roles, fused):  # pragma: no cover - compiled
    """A name unit at i: a head particle fused with the name after it (end i + 2; marked in `fused`), or one
    name word."""
    if roles[ids[i]] & ROLE_HEAD and i + 1 < ids.size and linked[i] and roles[ids[i + 1]] & ROLE_NAME:
        fused[i] = True
        return i + 2
    if roles[ids[i]] & ROLE_NAME:
        return i + 1
    return -1


@njit(cache=True, nogil=True)
def _chain_end(i, ids, linked, roles, fused):  # pragma: no cover - compiled
    """A chain of name units linked by link particles, or one head unit (a fused unit always makes a group,
    so `fused` is only marked for a chain that is one)."""
    n = ids.size
    end = i
    units = 0
    role = roles[ids[i]]
    if not role & ROLE_LINK or role & ROLE_TATWEEL:
        end = _unit_end(i, ids, linked, roles, fused)
        if end < 0:
            return -1
        units = 1
    chained = False
    while end < n and (end == i or linked[end - 1]) and roles[ids[end]] & ROLE_LINK \
            and not roles[ids[end]] & ROLE_TATWEEL and end + 1 < n and linked[end]:
        after = _unit_end(end + 1, ids, linked, roles, fused)
        if after < 0:
            break
        end = after
        chained = True
    if chained or (units and end - i > 1):
        return end
    return -1


@njit(cache=True, nogil=True)
def join_groups(ids, linked, roles, first_code, word_code, first_bounds, rest_bounds, rest_words, data, starts,
                ends, token_lengths):  # pragma: no cover - compiled
    """The multi-word names among tokens, left to right, none overlapping (the rules of `terms.tokens.Joiner`,
    its readable specification): an entity spelling (with a proclitic on its first word), an acronym in letter
    names, a chain of names with head and link particles.

    Args:
        ids: the surface id of every token; linked: whether only spaces separate it from the next token of its
            text.
        roles: per surface id, its ROLE_* bits (ROLE_NAME needed only next to a link or after a head particle).
        first_code: per surface id, the entity first word it is (an index into first_bounds), or −1;
            word_code: per surface id, the word of entity spellings its form is (as in rest_words), or −1.
        first_bounds, rest_bounds, rest_words: per first word, its continuations (rows first_bounds[f] to
            first_bounds[f + 1], longest first); per continuation, its words (rest_words[rest_bounds[r]:…]).
        data, starts, ends, token_lengths: the text in UTF-8, each token's span in it and its length in
            characters.
    Returns:
        (group_start, group_end, hashes, lengths, fused): each group's tokens [start, end); the two hashes and
        the length of its surface (its tokens separated by single spaces, hashed as `split` hashes a token);
        per token, whether its group's folded form writes it fused with the next token (a head particle).
    """
    n = ids.size
    group_start = np.empty(n // 2 + 1, np.int64)
    group_end = np.empty(n // 2 + 1, np.int64)
    fused = np.zeros(n, np.bool_)
    k = 0
    i = 0
    while i < n:
        # most tokens can start no group: the helpers (calls that cost far more than these tests) are asked
        # only where one may start
        end = -1
        if first_code[ids[i]] >= 0:
            end = _entity_end(i, ids, linked, first_code, word_code, first_bounds, rest_bounds, rest_words)
        if end < 0 and roles[ids[i]] & ROLE_LETTER:
            end = _acronym_end(i, ids, linked, roles)
        if end < 0 and (roles[ids[i]] & (ROLE_LINK | ROLE_HEAD) or i + 1 < n and roles[ids[i + 1]] & ROLE_LINK):
            end = _chain_end(i, ids, linked, roles, fused)  # a chain has a link, or a head particle
        if end < 0:
            i += 1
            continue
        group_start[k] = i
        group_end[k] = end
        k += 1
        i = end
    hashes = np.empty((k, 2), np.int64)
    lengths = np.empty(k, np.int64)
    for g in range(k):
        length = group_end[g] - group_start[g] - 1
        for t in range(group_start[g], group_end[g]):
            length += token_lengths[t]
        first, second = _seed(length)
        for t in range(group_start[g], group_end[g]):
            if t > group_start[g]:
                first, second = _mix(first, second, 32)
            j = starts[t]
            while j < ends[t]:
                code, j = _decode(data, j)
                first, second = _mix(first, second, code)
        hashes[g, 0], hashes[g, 1] = _digest(first, second)
        lengths[g] = length
    return group_start[:k].copy(), group_end[:k].copy(), hashes, lengths, fused


@njit(cache=True, nogil=True)
def merge_groups(ids, linked, bounds, starts, ends, group_start, group_end, group_ids
                 ):  # pragma: no cover - compiled
    """Each group of tokens (from `join_groups`, ascending, none overlapping) made one token with id
    `group_ids[g]`, spanning its tokens, linked as its last token is.

    Returns:
        (ids, linked, bounds, starts, ends) of the merged tokens (ids as int32).
    """
    n = ids.size
    for g in range(group_start.size):
        n -= group_end[g] - group_start[g] - 1
    out_ids = np.empty(n, np.int32)
    out_linked = np.empty(n, np.bool_)
    out_starts = np.empty(n, np.int64)
    out_ends = np.empty(n, np.int64)
    out_bounds = np.empty(bounds.size, np.int64)
    k = 0
    g = 0
    d = 0
    t = 0
    while t < ids.size:
        while d < bounds.size and bounds[d] <= t:
            out_bounds[d] = k
            d += 1
        out_starts[k] = starts[t]
        if g < group_start.size and group_start[g] == t:
            last = group_end[g] - 1
            out_ids[k] = group_ids[g]
            g += 1
        else:
            last = t
            out_ids[k] = ids[t]
        out_linked[k] = linked[last]
        out_ends[k] = ends[last]
        k += 1
        t = last + 1
    while d < bounds.size:
        out_bounds[d] = k
        d += 1
    return out_ids, out_linked, out_bounds, out_starts, out_ends


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


def warm() -> None:
    """Compile (or load from the cache) every kernel for the argument types the engine passes (a read-only
    text from `np.frombuffer`, int32 term ids, …): `make venv` runs it once after installing."""
    classes, spaces = char_tables("\u0621-\u064a", "\u064b-\u065f", "0-9", "A-Za-z")
    data = np.frombuffer("بوتين 2024\0كيم".encode(), dtype=np.uint8)
    starts, ends, lengths, hashes, spaced, bounds = split(data, np.array([0, 15, data.size]), classes, spaces)
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
    keys, _ = count_pairs(kept, kept_linked, np.ones(2, np.bool_), 2)
    merged, merged_linked, merged_bounds, picked = merge_pairs(
        kept, kept_linked, kept_bounds, *pair_table(keys, np.arange(keys.size) + 2, np.ones(keys.size)), 2)
    take_forward(kept.copy(), picked)
    take_forward(origin.copy(), picked)
    with_gaps(merged, take_forward(origin, picked), terms, linked, bounds)
    merge_pairs(terms, linked, bounds, *pair_table(keys, np.arange(keys.size) + 2, np.ones(keys.size)), 2)
