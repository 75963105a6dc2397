"""Compiled searches over many texts or bytes at once (numba), for the loader and the cleaner.

- `prefix_positions(texts, prefixes)`: where any of a set of literal strings starts in each text — the
  cleaner's rules look only there instead of running every pattern over every text;
- `has_json_escapes(data)`: whether JSON bytes hold the escapes the loader repairs (\\r, \\u000…, lone
  surrogates \\ud…), in one pass instead of four substring searches.

Numba caches the machine code next to this file; `make venv` warms it (`warm()`).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["has_json_escapes", "prefix_positions", "same_codes", "warm"]

#: Arabic letters from the most to the least frequent in news text: a prefix is looked for at its rarest
#: letter (ص in للتواصل "to contact"), so that common letters (ا ل) seldom stop the search.
_ARABIC_BY_FREQUENCY = "الي مونهرتبعدسفكقحجشطصةىخثزضغذظأإآءئؤ".replace(" ", "")


def _encode(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The code points of `texts` (UTF-32, NUL between them) and where each text starts and ends in them."""
    codes = np.frombuffer("\0".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    ends = np.cumsum(lengths + 1) - 1
    return codes, ends - lengths, ends


def _anchor(prefix: str) -> int:
    """The offset of the prefix's rarest character (anything that is no common Arabic letter is rare)."""
    rank = {c: i for i, c in enumerate(_ARABIC_BY_FREQUENCY)}
    return max(range(len(prefix)), key=lambda i: (rank.get(prefix[i], len(rank)), -i))


@njit(cache=True, nogil=True, inline="always")
def same_codes(codes, at, row, length):  # pragma: no cover - compiled
    """Whether codes[at:at + length] are row[:length]."""
    for j in range(length):
        if codes[at + j] != row[j]:
            return False
    return True


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
                if same_codes(codes, at, prefixes[p], length):
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
    codes, starts, ends = _encode(texts)
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


def warm() -> None:
    """Compile (or load from the cache) the kernels: `make venv` runs it once after installing."""
    has_json_escapes(np.frombuffer(b'{"text": "\\r"}', dtype=np.uint8))
    prefix_positions(["اقرأ أيضا [ad_1]"], ("[ad_", "اقرأ"))
