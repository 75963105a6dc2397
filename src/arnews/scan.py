"""Compiled inner loops of term counting: tokenize a batch of articles and count forms per article.

`arnews.terms` defines the token grammar as a regular expression (`terms.TOKEN_RE`); this module runs the
same grammar as a single pass over the code points of a batch of articles, compiled by numba, so that the
corpus text never becomes millions of Python string objects. Only each *new* distinct surface form is
turned into a Python string (once per worker process), which is what the hint "normalize the vocabulary,
not the corpus" asks of the later steps too.

`Scanner` keeps the vocabulary of one process across batches, so the id of a form stays the same from one
source file to the next. A form is identified by its length and two independent 63-bit hashes of its code
points (FNV-1a and a multiply-rotate hash): comparing the code points themselves costs more than all the
rest of the lookup, and two different forms would have to agree on 126 bits of hash and on their length to
be confused (for a million distinct forms the odds are about 10⁻²⁶). A test checks the scanner against
`terms.TOKEN_RE`, token by token, on every article of the seeds and of a SaudiNewsNet sample.

Numba compiles the kernels on first use and caches the machine code next to this file (`__pycache__`);
`make venv` warms that cache, so a run starts in a fraction of a second.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from numba import njit

#: Character classes of the token grammar (see `terms.TOKEN_RE`).
OTHER, LETTER, MARK, DIGIT, SEPARATOR, LATIN = 0, 1, 2, 3, 4, 5
#: What may separate the groups of a number: 1,500 · 3.5 · ٣٫٥ (Arabic decimal separator) · ١٬٠٠٠.
NUMBER_SEPARATORS = ".,\u066b\u066c"
_NO_ID = -1
_MASK = np.uint64(0x7FFFFFFFFFFFFFFF)


@cache
def char_tables(letters: str, marks: str, digits: str, latin: str) -> tuple[np.ndarray, np.ndarray]:
    """Class of each code point of the Basic Multilingual Plane, and whether it is a space (not a line break).

    Args:
        letters, marks, digits, latin: regex character-class bodies (as in `terms.ARABIC_LETTERS` …).
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


@njit(cache=True, nogil=True)
def _split(codes, doc_starts, classes, spaces):  # pragma: no cover - compiled
    """Where the tokens of every article are, and two independent 63-bit hashes of each.

    Returns (starts, ends, hashes, spaced, bounds): the span of each token in `codes`; its hashes (FNV-1a and
    a multiply-rotate hash, one row per token); whether only spaces (no line break) lie between it and the
    next token; and the token index where each article starts.
    """
    n_docs = doc_starts.size - 1
    most = codes.size + 1  # tokens can touch: ب1ب1 is four
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
    return starts[:n], ends[:n], hashes[:n], spaced, bounds


@njit(cache=True, nogil=True, inline="always")
def _slot(key, capacity):  # pragma: no cover - compiled
    h = np.uint64(key)
    return np.int64((h ^ (h >> np.uint64(29))) & np.uint64(capacity - 1))


@njit(cache=True, nogil=True)
def _identify(hashes, lengths, table, state, ids, first_seen, t):  # pragma: no cover - compiled
    """Give each token from index `t` on the id of its form, adding new forms to the hash table.

    A form is its two hashes and its length (see the module docstring). table: (capacity, 4) int64 rows of
    [hash, second hash, length, id], id −1 when free. state: [forms so far, new forms of this batch].
    Stops early when the table is 70% full (fuller, probes get longer; emptier, the table outgrows the caches).
    Returns the index of the first token not done.
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
def count_forms(tokens, n_forms):  # pragma: no cover - compiled
    """Occurrences of each form id in `tokens` (−1: skip)."""
    counts = np.zeros(n_forms, np.int64)
    for form in tokens:
        if form >= 0:
            counts[form] += 1
    return counts


@njit(cache=True, nogil=True)
def count_per_article(tokens, bounds, n_forms):  # pragma: no cover - compiled
    """Each article's distinct forms (in order of first occurrence) and how often each occurs.

    Args:
        tokens: form id of every token (−1: skip), articles one after the other.
        bounds: token index where each article starts (and the total at the end).
        n_forms: one more than the largest form id.
    Returns:
        (forms, occurrences, article_bounds): forms and occurrences of all articles concatenated, and the
        index where each article's forms start.
    """
    last_article = np.full(n_forms, -1, np.int64)
    position = np.empty(n_forms, np.int64)
    forms = np.empty(tokens.size, np.int32)
    occurrences = np.empty(tokens.size, np.int64)
    article_bounds = np.zeros(bounds.size, np.int64)
    m = 0
    for d in range(bounds.size - 1):
        for k in range(bounds[d], bounds[d + 1]):
            form = tokens[k]
            if form < 0:
                continue
            if last_article[form] != d:
                last_article[form] = d
                position[form] = m
                forms[m] = form
                occurrences[m] = 1
                m += 1
            else:
                occurrences[position[form]] += 1
        article_bounds[d + 1] = m
    return forms[:m].copy(), occurrences[:m].copy(), article_bounds


@njit(cache=True, nogil=True)
def hash_spans(codes, starts, ends):  # pragma: no cover - compiled
    """The two hashes of each form codes[starts[i]:ends[i]] (as `_split` hashes a token), and whether it
    holds a space."""
    hashes = np.empty((starts.size, 2), np.int64)
    spaced = np.zeros(starts.size, np.bool_)
    for i in range(starts.size):
        first, second = _seed(ends[i] - starts[i])
        for j in range(starts[i], ends[i]):
            first, second = _mix(first, second, codes[j])
            if codes[j] == 32:
                spaced[i] = True
        hashes[i, 0], hashes[i, 1] = _digest(first, second)
    return hashes, spaced


@njit(cache=True, nogil=True, inline="always")
def _same_codes(codes, at, row, length):  # pragma: no cover - compiled
    """Whether codes[at:at + length] are row[:length]."""
    for j in range(length):
        if codes[at + j] != row[j]:
            return False
    return True


@njit(cache=True, nogil=True)
def decompose(codes, starts, ends, rule_prefix, rule_prefix_length, rule_replacement, rule_replacement_length,
              prefix_letters, min_stem):  # pragma: no cover - compiled
    """Every (clitic prefix → replacement) rule that applies to each form, as `terms._decompositions` lists them.

    Args:
        codes, starts, ends: the forms' code points and where each form is.
        rule_prefix, rule_replacement: code points of each rule's prefix and replacement (rows, zero-padded),
            in the order of `terms.PREFIX_RULES`; *_length: their lengths.
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
                    if not _same_codes(codes, s, rule_prefix[r], size):
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


@njit(cache=True, nogil=True)
def count_documents(forms, article_bounds, term_of_form, keep, first_article, last_article, docs
                    ):  # pragma: no cover - compiled
    """Add to `docs` the articles each term occurs in, from `count_per_article`'s output for one batch.

    Args:
        forms, article_bounds: each article's distinct form ids (see `count_per_article`).
        term_of_form: the term id of each form id (−1: none); keep: per article, whether it counts.
        first_article: a number for the batch's first article, unique across batches (for `last_article`).
        last_article: per term, the last article number that counted it (shared across batches).
        docs: per term, articles so far; added to in place.
    """
    for a in range(article_bounds.size - 1):
        if not keep[a]:
            continue
        article = first_article + a
        for k in range(article_bounds[a], article_bounds[a + 1]):
            term = term_of_form[forms[k]]
            if term >= 0 and last_article[term] != article:
                last_article[term] = article
                docs[term] += 1


#: Arabic letters from the most to the least frequent in news text: a prefix is looked for at its rarest
#: letter (ص in للتواصل "to contact"), so that common letters (ا ل) seldom stop the search.
_ARABIC_BY_FREQUENCY = "الي مونهرتبعدسفكقحجشطصةىخثزضغذظأإآءئؤ".replace(" ", "")


def _anchor(prefix: str) -> int:
    """The offset of the prefix's rarest character (anything that is no common Arabic letter is rare)."""
    rank = {c: i for i, c in enumerate(_ARABIC_BY_FREQUENCY)}
    return max(range(len(prefix)), key=lambda i: (rank.get(prefix[i], len(rank)), -i))


@njit(cache=True, nogil=True)
def _prefix_positions(codes, starts, ends, first, group_start, group_end, prefixes, lengths, offsets
                      ):  # pragma: no cover - compiled
    positions = np.empty(1024, np.int64)
    bounds = np.zeros(starts.size + 1, np.int64)
    n = 0
    for d in range(starts.size):
        start, end = starts[d], ends[d]
        for i in range(start, end):
            c = codes[i]
            if c >= 0x10000 or first[c] < 0:
                continue
            g = first[c]
            for p in range(group_start[g], group_end[g]):
                at = i - offsets[p]
                length = lengths[p]
                if at < start or at + length > end:
                    continue
                if _same_codes(codes, at, prefixes[p], length):
                    if n == positions.size:
                        grown = np.empty(2 * n, np.int64)
                        grown[:n] = positions
                        positions = grown
                    positions[n] = at - start
                    n += 1
        bounds[d + 1] = n
    return positions[:n], bounds


def prefix_positions(texts: list[str], prefixes: tuple[str, ...]) -> list[list[int]]:
    """For each text, the positions where one of `prefixes` (strings of BMP characters, none the start of
    another) starts, in order (an empty list when there are none)."""
    codes, starts, ends = encode(texts)
    offsets = [_anchor(p) for p in prefixes]
    order = sorted(range(len(prefixes)), key=lambda k: (prefixes[k][offsets[k]], k))
    anchors = [prefixes[k][offsets[k]] for k in order]
    heads = sorted(set(anchors))
    first = np.full(0x10000, -1, dtype=np.int32)
    first[[ord(h) for h in heads]] = np.arange(len(heads), dtype=np.int32)
    group_start = np.searchsorted(np.array([ord(a) for a in anchors]), [ord(h) for h in heads], side="left")
    group_end = np.searchsorted(np.array([ord(a) for a in anchors]), [ord(h) for h in heads], side="right")
    table = np.zeros((len(prefixes), max(map(len, prefixes))), dtype=np.uint32)
    for row, k in enumerate(order):
        table[row, :len(prefixes[k])] = [ord(c) for c in prefixes[k]]
    lengths = np.array([len(prefixes[k]) for k in order], dtype=np.int64)
    positions, bounds = _prefix_positions(codes, starts, ends, first, group_start.astype(np.int64),
                                          group_end.astype(np.int64), table, lengths,
                                          np.array([offsets[k] for k in order], dtype=np.int64))
    out = [positions[a:b].tolist() for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)]
    for d in np.flatnonzero(np.diff(bounds) > 1).tolist():  # found at different anchors: out of order
        out[d].sort()
    return out


@njit(cache=True, nogil=True)
def has_json_escapes(data):  # pragma: no cover - compiled
    """Whether UTF-8 (or any ASCII-compatible) JSON bytes hold \\r, \\u000 or \\ud/\\uD (see
    `corpus._CONTROL_ESCAPES`), as a substring: an escaped backslash before them counts too."""
    n = data.size
    for i in range(n - 2):
        if data[i] != 92:  # backslash
            continue
        c = data[i + 1]
        if c == 114:  # r
            return True
        if c == 117:  # u
            d = data[i + 2]
            if d == 100 or d == 68:  # d D
                return True
            if d == 48 and i + 4 < n and data[i + 3] == 48 and data[i + 4] == 48:
                return True
    return n >= 2 and data[n - 2] == 92 and data[n - 1] == 114


@njit(cache=True, nogil=True)
def _translate_codes(codes, code_map):  # pragma: no cover - compiled
    out = np.empty_like(codes)
    n = 0
    for c in codes:
        to = code_map[c] if c < 0x10000 else -2
        if to == -1:
            continue
        out[n] = c if to == -2 else to
        n += 1
    return out[:n]


def translate(text: str, code_map: np.ndarray) -> str:
    """`text.translate(table)` for a table of single characters (or deletions) in the BMP, compiled.

    Args:
        code_map: int32 per BMP code point: −2 keeps it, −1 deletes it, else the code point it becomes.
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _translate_codes(codes, code_map).tobytes().decode("utf-32-le", "surrogatepass")


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
def choose_terms(bounds, stems, rules, lengths, counts, stop, protected, entity, spaced, codes, starts, ends,
                 rule_prefix_length, rule_replacement, rule_replacement_length, rule_article, keep_ratio,
                 min_stem_after_proclitic):  # pragma: no cover - compiled
    """The decision of `terms.TermMap._resolve` for every form, before following a stem to its own term.

    Ids: forms are 0..counts.size-1; the lexicon words (stopwords, protected words, entity spellings) follow;
    any larger id is a stem seen nowhere. counts, stop, protected, entity: per known id.
    bounds, stems, rules, lengths: each form's decompositions (from `decompose`), with stem ids.
    Returns:
        (decision, value) per form: OWN (the form is its term), DROP (no term), ENTITY (value: the id of the
        entity spelling), SHORT (no clitic; a one-letter form, left to the caller), STEM (value: the stem's id).
    """
    n_forms = counts.size
    known = stop.size
    decision = np.full(n_forms, OWN, np.int64)
    value = np.full(n_forms, -1, np.int64)
    for f in range(n_forms):
        lo, hi = bounds[f], bounds[f + 1]
        if entity[f]:
            decision[f] = ENTITY
            value[f] = f
            continue
        found = -1
        for d in range(lo, hi):
            if stems[d] < known and entity[stems[d]]:
                found = stems[d]
                break
        if found >= 0:
            decision[f] = ENTITY
            value[f] = found
            continue
        if protected[f]:
            continue
        if stop[f] or spaced[f] or ends[f] == starts[f]:
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
            if stem < known and stop[stem]:
                dropped = True
                break
            n = counts[stem] if stem < n_forms else 0
            if n == 0:
                continue
            if rule_article[rules[d]]:
                attested = n * keep_ratio > whole
            else:
                attested = lengths[d] >= min_stem_after_proclitic and (n >= whole or protected[stem])
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
def follow_stems(decision, value, bounds, stems, key, is_entity):  # pragma: no cover - compiled
    """The last rule of `terms.TermMap._resolve`, for every STEM decision: a form takes its stem's own term
    when that term is the stem itself, an entity, or one of the form's own stems; else the stem.

    Args:
        decision, value: from `choose_terms`; bounds, stems: the forms' decompositions with stem ids.
        key: the term id of every form (−1: none), set for all but the STEM decisions; filled in place.
        is_entity: per id, whether that string is an entity spelling.
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
            take = k == best or (k >= 0 and is_entity[k])
            if not take and k >= 0:
                for d in range(bounds[f], bounds[f + 1]):
                    if stems[d] == k:
                        take = True
                        break
            key[f] = k if take else best


class HashIndex:
    """Ids for forms given by their two hashes and length (see the module docstring): the first form seen
    gets id 0, the next new one 1, and so on; a form seen again gets its id back."""

    def __init__(self, expected: int = 0):
        capacity = 1 << 16
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
            grown = np.full((2 * len(self.table), 4), _NO_ID, np.int64)  # numpy asks for huge pages
            _rehash(self.table, grown)
            self.table = grown
        return ids, first_seen[:self.state[1]]

    def reserve(self) -> int:
        """A new id that no hashed form takes (for a form the hashes do not describe)."""
        self.state[0] += 1
        return int(self.state[0]) - 1


def encode(words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The code points of `words` (UTF-32) and where each word starts and ends in them."""
    codes = np.frombuffer("\0".join(words).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(lengths + 1) - 1
    return codes, ends - lengths, ends


def hash_words(words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hashes, lengths, spaced) of each word, as `Scanner` hashes the forms it reads."""
    codes, starts, ends = encode(words)
    hashes, spaced = hash_spans(codes, starts, ends)
    return hashes, ends - starts, spaced


class Scanner:
    """Tokenizes batches of articles into form ids that stay the same for the life of the scanner.

    `forms` lists the surface form of each id; `add(form)` gives an id to a form the tokenizer cannot
    produce itself (a multi-word entity joined by spaces).
    """

    def __init__(self, classes: np.ndarray, spaces: np.ndarray):
        self.classes, self.spaces = classes, spaces
        self.index = HashIndex()
        self.forms: list[str] = []
        self._hashes: list[np.ndarray] = []  # the hashes and length of each form, in id order, batch by batch
        self._added: dict[str, int] = {}

    def scan(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Tokenize `texts`.

        Returns:
            (tokens, spaced, bounds): the form id of each token (int64), whether only spaces (no line
            break) lie between each token and the next, and the token index where each text starts.
        """
        joined = "\0".join(texts)  # NUL is no token and no space: nothing joins across two articles
        # a lone surrogate (the loader repairs them; a caller may not) is a code point of no token class
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        doc_starts = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1, out=doc_starts[1:])
        if len(texts):
            doc_starts[-1] -= 1
        starts, ends, hashes, spaced, bounds = _split(codes, doc_starts, self.classes, self.spaces)
        tokens, new = self.index.ids(hashes, ends - starts)
        self._hashes.append(np.column_stack([hashes[new], ends[new] - starts[new]]))
        self.forms += [joined[s:e] for s, e in zip(starts[new].tolist(), ends[new].tolist(), strict=True)]
        return tokens, spaced, bounds

    def add(self, form: str) -> int:
        """The id of a form the tokenizer does not produce (e.g. "بيونغ يانغ"), new or already added."""
        try:
            return self._added[form]
        except KeyError:
            form_id = self._added[form] = self.index.reserve()
            self.forms.append(form)
            hashes, lengths, _ = hash_words([form])
            self._hashes.append(np.column_stack([hashes, lengths]))
            return form_id

    def hashes(self, start: int = 0) -> np.ndarray:
        """The two hashes and the length of the forms from id `start` on (rows of three int64), as
        `hash_words` gives them: another process can tell the same forms by them."""
        if len(self._hashes) > 1:
            self._hashes = [np.concatenate(self._hashes)]
        return self._hashes[0][start:] if self._hashes else np.zeros((0, 3), np.int64)


def warm() -> None:
    """Compile (or load from the cache) every kernel: `make` runs it once after installing."""
    warm_workers()
    warm_parent()


def warm_workers() -> None:
    """Load the kernels that reading, cleaning and tokenizing use (before forking the processes that do it)."""
    scanner = Scanner(*char_tables("\u0621-\u064a", "\u064b-\u065f", "0-9", "A-Za-z"))
    tokens, _, bounds = scanner.scan(["بوتين 2024"])
    count_per_article(tokens, bounds, len(scanner.forms))
    count_forms(tokens, len(scanner.forms))
    _rehash(scanner.index.table, np.full((2 * len(scanner.index.table), 4), _NO_ID, np.int64))
    has_json_escapes(np.frombuffer(b'{"text": "\\r"}', dtype=np.uint8))
    prefix_positions(["اقرأ أيضا [ad_1]"], ("[ad_", "اقرأ"))


def warm_parent() -> None:
    """Load the kernels of the vocabulary's side: normalizing, the term map, articles per term."""
    translate("وبوتين", np.full(0x10000, -2, np.int32))
    count_documents(np.zeros(1, np.int32), np.array([0, 1]), np.zeros(1, np.int64), np.ones(1, np.bool_), 0,
                    np.full(1, -1, np.int64), np.zeros(1, np.int64))
    from arnews.terms import TermMap  # the kernels of the term map (terms imports this module)

    TermMap({"والرئيس": 1, "للرئيس": 1, "الرئيس": 2, "رئيس": 3}).resolve_ids()
