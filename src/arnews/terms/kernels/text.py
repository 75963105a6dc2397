"""The compiled token grammar and the ids of forms: code points of UTF-8 text, the two hashes of a form, the
hash index that numbers forms (see the package docstring)."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from numba import njit

__all__ = [
    "OTHER", "LETTER", "MARK", "DIGIT", "SEPARATOR", "LATIN", "NUMBER_SEPARATORS", "NO_PREFIX", "HashIndex",
    "char_tables", "encode", "gather", "hash_spans", "hash_words", "split", "web_addresses",
]

#: Character classes of the token grammar (see `terms.tokens.TOKEN_RE`).
OTHER, LETTER, MARK, DIGIT, SEPARATOR, LATIN = 0, 1, 2, 3, 4, 5
#: What may separate the groups of a number: 1,500 · 3.5 · ٣٫٥ (Arabic decimal separator) · ١٬٠٠٠.
NUMBER_SEPARATORS = ".,\u066b\u066c"
_NO_ID = -1
_MASK = np.uint64(0x7FFFFFFFFFFFFFFF)
#: A space of `char_tables`: a character `str.isspace` accepts (`\s` of a str pattern), but the line break.
_SPACE = re.compile(r"[^\S\n]")


@cache
def char_tables(letters: str, marks: str, digits: str, latin: str) -> tuple[np.ndarray, np.ndarray]:
    """Class of each code point of the Basic Multilingual Plane, and whether it is a space (not a line break).

    Args:
        letters, marks, digits, latin: regex character-class bodies (see `terms.tokens`).
    Returns:
        (classes, spaces): uint8 array of 65,536 classes (code points above it are OTHER); bool array.
    """
    points = np.arange(0x10000, dtype=np.uint32)
    points[0xD800:0xE000] = 0  # surrogates: no characters of their own
    plane = points.tobytes().decode("utf-32-le")
    classes = np.zeros(0x10000, dtype=np.uint8)
    for kind, body in ((LETTER, letters), (MARK, marks), (DIGIT, digits),
                       (SEPARATOR, re.escape(NUMBER_SEPARATORS)), (LATIN, latin)):
        classes[[m.start() for m in re.finditer(f"[{body}]", plane)]] = kind
    spaces = np.zeros(0x10000, dtype=np.bool_)
    spaces[[m.start() for m in _SPACE.finditer(plane)]] = True
    return classes, spaces


@njit(cache=True, nogil=True)
def _class_of(code, classes):  # pragma: no cover - compiled
    return classes[code] if code < 0x10000 else OTHER


@njit(cache=True, nogil=True, inline="always")
def _seed():  # pragma: no cover - compiled
    """Start the two hashes of a form (its length is compared apart: `HashIndex`)."""
    return np.uint64(14695981039346656037), np.uint64(0x2545F4914F6CDD1D)


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
            first, second = _seed()
            first, second = _mix(first, second, code)  # hashed as it is read
            if kind == LETTER:  # a letter, then letters and marks
                while i < end:
                    code, after = _decode(data, i)
                    k = _class_of(code, classes)
                    if k != LETTER and k != MARK:
                        break
                    first, second = _mix(first, second, code)
                    i = after
                    length += 1
            elif kind == LATIN:
                while i < end:
                    code, after = _decode(data, i)
                    if _class_of(code, classes) != LATIN:
                        break
                    first, second = _mix(first, second, code)
                    i = after
                    length += 1
            else:  # digits, and groups of digits after a separator
                while i < end:
                    code, after = _decode(data, i)
                    k = _class_of(code, classes)
                    if k == DIGIT:
                        first, second = _mix(first, second, code)
                        i = after
                        length += 1
                    elif k == SEPARATOR and after < end and _class_of(_decode(data, after)[0], classes) == DIGIT:
                        digit, i = _decode(data, after)
                        first, second = _mix(first, second, code)
                        first, second = _mix(first, second, digit)
                        length += 2
                    else:
                        break
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
        first, second = _seed()
        for j in range(prefix.size):
            first, second = _mix(first, second, prefix[j])
        for j in range(starts[i], ends[i]):
            first, second = _mix(first, second, codes[j])
        hashes[i, 0], hashes[i, 1] = _digest(first, second)
    return hashes


@njit(cache=True, nogil=True)
def web_addresses(codes):  # pragma: no cover - compiled
    """(starts, ends) of the web and e-mail addresses in UTF-8 bytes: each run of printable ASCII (0x21–0x7E)
    that holds '.', '@' or ':' right before a Latin letter or '/', and at least two Latin letters. The
    specification is `terms.tokens.web_address_spans`."""
    starts = [np.int64(0)]
    ends = [np.int64(0)]
    starts.pop()
    ends.pop()
    n = codes.size
    i = 0
    while i < n:
        if codes[i] < 0x21 or codes[i] > 0x7E:
            i += 1
            continue
        j, letters, joint = i, 0, False
        while j < n and 0x21 <= codes[j] <= 0x7E:
            lower = codes[j] | 0x20
            if 0x61 <= lower <= 0x7A:
                letters += 1
            if (codes[j] == 0x2E or codes[j] == 0x40 or codes[j] == 0x3A) and j + 1 < n:
                after = codes[j + 1] | 0x20
                if 0x61 <= after <= 0x7A or codes[j + 1] == 0x2F:
                    joint = True
            j += 1
        if joint and letters >= 2:
            starts.append(np.int64(i))
            ends.append(np.int64(j))
        i = j
    return np.array(starts, np.int64), np.array(ends, np.int64)


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
def gather(data, starts, ends, separator):  # pragma: no cover - compiled
    """The bytes data[starts[i]:ends[i]] one after the other, each but the last followed by `separator` (so
    that many tokens are decoded in one call, then split)."""
    size = max(0, starts.size - 1)
    for i in range(starts.size):
        size += ends[i] - starts[i]
    out = np.empty(size, np.uint8)
    k = 0
    for i in range(starts.size):
        if i:
            out[k] = separator
            k += 1
        for j in range(starts[i], ends[i]):
            out[k] = data[j]
            k += 1
    return out
