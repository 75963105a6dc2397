"""Compiled searches over bytes and code points (numba), for the loader and the term engine.

- `same_codes(codes, at, row, length)`: whether a run of code points equals a row of a table (the term
  engine's kernels);
- `has_json_escapes(data)`: whether JSON bytes hold the escapes the loader repairs (\\r, \\u000…, lone
  surrogates \\ud…), in one pass instead of four substring searches.

Numba caches the machine code next to this file; `make venv` warms it (`warm()`).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["has_json_escapes", "same_codes", "warm"]


@njit(cache=True, nogil=True, inline="always")
def same_codes(codes, at, row, length):  # pragma: no cover - compiled
    """Whether codes[at:at + length] are row[:length]."""
    for j in range(length):
        if codes[at + j] != row[j]:
            return False
    return True


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
