"""The compiled joins of multi-word names (`terms.tokens.Joiner` is their readable specification)."""

from __future__ import annotations

import numpy as np
from numba import njit

from arnews.terms.kernels.text import _decode, _digest, _mix, _seed

__all__ = ["ROLE_AMBIGUOUS", "ROLE_HEAD", "ROLE_LETTER", "ROLE_LINK", "ROLE_NAME", "ROLE_TATWEEL", "join_groups",
           "merge_groups"]

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
        first, second = _seed()
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
    out_ids, out_linked = np.empty(n, np.int32), np.empty(n, np.bool_)
    out_starts, out_ends, out_bounds = np.empty(n, np.int64), np.empty(n, np.int64), np.empty(bounds.size, np.int64)
    k = g = d = t = 0
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
