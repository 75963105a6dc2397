"""Tokens: the token grammar, and the lexicon-driven joins that make one token of a multi-word name.

1. **Grammar** (`TOKEN_RE`, the specification): runs of Arabic letters (with their diacritics, tatweel and
   zero-width joiners), runs of digits (with the groups after a decimal or thousands mark: 1,500.25 · ٣٫٥) and
   runs of Latin letters are three token kinds; everything else separates tokens. The production path runs the
   same grammar compiled (`kernels.split`); the tests hold the two equal.
2. **Joins** (`Joiner`), on the folded tokens, where only spaces (no punctuation, no line break) separate them:
   - a spelling of data/lexicons/entities.csv, with a proclitic on its first word («وبيونغ يانغ»);
   - an acronym spelled in letter names (letter_names.csv): «بي بي سي» (BBC), «سي إن إن» (CNN) — two or
     more letter names, one of them no common Arabic word; a letter name that is also a word counts only as
     the lexicon writes it («إن» is N, «أن» that never is);
   - a name built with particles (name_particles.csv): a head particle with the next word («عبد العزيز», «أبو
     ظبي», folded without the space, so they are the same word as «عبدالعزيز»), and a chain of names linked
     by بن/بنت/آل («محمد بن نايف», «سلمان بن عبدالعزيز آل سعود»), the name before the first link included
     unless it is a stopword («وقال بن دغر» → «بن دغر»).
   A joined token is one term: a half of a name or an acronym is never counted alone.

`tokenize(text)` and `token_spans(text)` run the production path (`scan`) on one text; `reference_tokenize`
is the readable specification (regular expression + the same `Joiner`), which the tests compare with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from arnews import arabic
from arnews.arabic import clitics
from arnews.terms import kernels, lexicon

__all__ = [
    "TOKEN_RE", "WORD_MARKS", "Joiner", "TokenBatch", "joiner", "reference_tokenize", "reference_tokens", "scan",
    "token_kind",
    "token_spans", "tokenize",
]

#: What may follow the first letter inside an Arabic word besides letters: the core's marks (diacritics,
#: tatweel) and the zero-width non-joiner/joiner that some keyboards put inside words.
WORD_MARKS = arabic.ARABIC_MARKS + "\u200c\u200d"
_ARABIC_WORD = f"[{arabic.ARABIC_LETTERS}][{arabic.ARABIC_LETTERS}{WORD_MARKS}]*"
_NUMBER = f"[{arabic.DIGITS}]+(?:[{re.escape(kernels.NUMBER_SEPARATORS)}][{arabic.DIGITS}]+)*"
_LATIN_WORD = f"[{arabic.LATIN_LETTERS}]+"
#: The token grammar (specification of `kernels.split`).
TOKEN_RE = re.compile(f"{_ARABIC_WORD}|{_NUMBER}|{_LATIN_WORD}")
_KIND_RE = re.compile(f"(?P<arabic>[{arabic.ARABIC_LETTERS}])|(?P<number>[{arabic.DIGITS}])"
                      f"|(?P<latin>[{arabic.LATIN_LETTERS}])")
_GAP = re.compile(r"[^\S\n]+")


def token_kind(token: str) -> str:
    """"arabic", "number" or "latin" for a token (by its first character); "" for anything else.

    Example: token_kind("بوتين") → "arabic"; token_kind("٢٠٢٤") → "number"; token_kind("ABC") → "latin".
    """
    match = _KIND_RE.match(token)
    return match.lastgroup if match else ""


@dataclass(frozen=True)
class _Group:
    """Joined tokens [start, end) and the folded form of the whole."""

    start: int
    end: int
    form: str


class Joiner:
    """Finds the multi-word names among folded tokens (see the module docstring); built from the lexicons."""

    def __init__(self):
        index = arabic.entity_index()
        self.continuations = index.continuations
        self.entity_first: dict[str, str] = {}  # a first word with or without a proclitic → the first word
        for first in self.continuations:
            for prefix, replacement in arabic.PREFIX_RULES:
                if first.startswith(replacement):
                    self.entity_first.setdefault(prefix + first[len(replacement):], first)
        for first in self.continuations:
            self.entity_first[first] = first
        self.letters = lexicon.letter_names()
        #: an ambiguous letter name counts only as written in letter_names.csv: «إن» is N, «أن» (that) never is
        self.letter_spellings = lexicon.letter_spellings()
        self.particles = lexicon.name_particles()
        self.heads: dict[str, str] = {}  # a head particle with or without a proclitic → the particle
        for particle, role in self.particles.items():
            if role == "head":
                for prefix, replacement in arabic.PREFIX_RULES:
                    if not replacement and clitics.ARTICLE not in prefix and "لل" not in prefix:
                        self.heads.setdefault(prefix + particle, particle)
                self.heads[particle] = particle
        self.stop = lexicon.stopwords()
        self.project_stop = lexicon.project_stopwords()
        self.links = frozenset(p for p, role in self.particles.items() if role == "link")
        self.sure_letters = frozenset(f for f, name in self.letters.items() if not name.ambiguous)
        self.second_words = frozenset(rest[0] for options in self.continuations.values() for rest in options)
        self._names: dict[tuple[str, bool], bool] = {}
        #: per folded form, its roles as bits (one lookup per form): 1 letter name, 2 link, 4 entity start,
        #: 8 head particle, 16 letter name that is no common word, 32 second word of an entity
        self.roles: dict[str, int] = {}
        for bit, words in ((1, self.letters), (2, self.links), (4, self.entity_first), (8, self.heads),
                           (16, self.sure_letters), (32, self.second_words)):
            for word in words:
                self.roles[word] = self.roles.get(word, 0) | bit

    def candidates(self, forms: list[str], ids: np.ndarray, linked: np.ndarray) -> np.ndarray:
        """The positions where a group may start, for tokens given as ids into `forms`: an entity's first word,
        a head or link particle, a letter name that is no common word (or any letter name before another),
        and the word before a link particle. `groups` finds nothing anywhere else."""
        get = self.roles.get
        roles = np.fromiter((get(f, 0) for f in forms), dtype=np.int8, count=len(forms))[ids]
        letter, link = roles & 1 > 0, roles & 2 > 0
        at = roles & (2 | 8 | 16) > 0
        entity_next = (roles[:-1] & 4 > 0) & (roles[1:] & 32 > 0)
        at[:-1] |= (letter[:-1] & letter[1:] | link[1:] | entity_next) & linked[:-1]
        return np.flatnonzero(at)

    def is_link(self, form: str) -> bool:
        return form in self.links

    def is_name(self, form: str, surface: str) -> bool:
        """Whether a token may be a name inside a chain: an Arabic word, no stopword (also after a proclitic,
        «وقال»), no particle, no letter name, no article written alone («الـ»)."""
        key = (form, surface.endswith(arabic.TATWEEL))
        known = self._names.get(key)
        if known is None:
            known = self._names[key] = not key[1] and bool(form) and token_kind(form) == "arabic" \
                and form not in self.stop and form not in self.particles and form not in self.letters \
                and not any(stem in self.project_stop for stem, _ in arabic.decompositions(form))
        return known

    def groups(self, forms: Sequence[str], surfaces: Sequence[str], spaced: Sequence[bool],
               candidates: Sequence[int]) -> list[_Group]:
        """The joined groups, left to right, none overlapping.

        Args:
            forms, surfaces: the folded and the written form of every token (sequences indexable by position).
            spaced: per token, whether only spaces (no line break) separate it from the next one.
            candidates: the positions where a group may start, ascending (every position, or `candidates`).
        """
        out: list[_Group] = []
        next_free = 0
        n = len(forms)
        for i in candidates:
            if i < next_free:
                continue
            group = self._entity(forms, spaced, i, n) or self._acronym(forms, surfaces, spaced, i, n) \
                or self._chain(forms, surfaces, spaced, i, n)
            if group is not None:
                out.append(group)
                next_free = group.end
        return out

    def _entity(self, forms, spaced, i, n) -> _Group | None:
        first = self.entity_first.get(forms[i])
        if first is None:
            return None
        for rest in self.continuations[first]:
            end = i + 1 + len(rest)
            if end <= n and all(spaced[i + j] and forms[i + 1 + j] == w for j, w in enumerate(rest)):
                return _Group(i, end, " ".join(forms[i:end]))
        return None

    def _letter(self, form: str, surface: str) -> bool:
        name = self.letters.get(form)
        return name is not None and (not name.ambiguous or arabic.strip_marks(surface) in self.letter_spellings)

    def _acronym(self, forms, surfaces, spaced, i, n) -> _Group | None:
        if not self._letter(forms[i], surfaces[i]):
            return None
        end = i + 1
        while end < n and spaced[end - 1] and self._letter(forms[end], surfaces[end]):
            end += 1
        if end - i < 2 or all(self.letters[f].ambiguous for f in forms[i:end]):
            return None
        return _Group(i, end, " ".join(forms[i:end]))

    def _unit(self, forms, surfaces, spaced, i, n) -> tuple[int, str] | None:
        """A name unit starting at i: a head particle and its word (fused), or one name word."""
        head = self.heads.get(forms[i])
        if head is not None and i + 1 < n and spaced[i] and self.is_name(forms[i + 1], surfaces[i + 1]):
            return i + 2, forms[i] + forms[i + 1]
        if self.is_name(forms[i], surfaces[i]):
            return i + 1, forms[i]
        return None

    def _chain(self, forms, surfaces, spaced, i, n) -> _Group | None:
        parts: list[str] = []
        end = i
        if not self.is_link(forms[i]) or surfaces[i].endswith(arabic.TATWEEL):
            unit = self._unit(forms, surfaces, spaced, i, n)
            if unit is None:
                return None
            end, form = unit
            parts.append(form)
        linked = False
        while end < n and (end == i or spaced[end - 1]) and self.is_link(forms[end]) \
                and not surfaces[end].endswith(arabic.TATWEEL) and end + 1 < n and spaced[end]:
            unit = self._unit(forms, surfaces, spaced, end + 1, n)
            if unit is None:
                break
            parts += [forms[end], unit[1]]
            end = unit[0]
            linked = True
        if linked or (parts and end - i > 1):  # a link, or a head particle fused with its word
            return _Group(i, end, " ".join(parts))
        return None


@cache
def joiner() -> Joiner:
    """The Joiner of the lexicons (built once per process)."""
    return Joiner()


def reference_tokens(text: str) -> list[tuple[str, str]]:
    """The specification of the tokenizer: TOKEN_RE, then the joins over every position; each token as
    (surface, folded form), a joined token's surface being its written words separated by single spaces."""
    matches = list(TOKEN_RE.finditer(text))
    surfaces = [m.group() for m in matches]
    forms = arabic.fold_words(surfaces)
    spaced = [bool(_GAP.fullmatch(text, a.end(), b.start())) for a, b in zip(matches, matches[1:], strict=False)]
    groups = joiner().groups(forms, surfaces, [*spaced, False], range(len(surfaces)))
    out, previous = [], 0
    for g in groups:
        out += zip(surfaces[previous:g.start], forms[previous:g.start], strict=True)
        out.append((" ".join(surfaces[g.start:g.end]), g.form))
        previous = g.end
    return out + list(zip(surfaces[previous:], forms[previous:], strict=True))


def reference_tokenize(text: str) -> list[str]:
    """The surfaces of `reference_tokens`: what `tokenize` must return.

    Example: reference_tokenize('وقال بوتين إن "موسكو وبيونغ يانغ" ستعززان التعاون') → ["وقال", "بوتين",
    "إن", "موسكو", "وبيونغ يانغ", "ستعززان", "التعاون"] (Putin said Moscow and Pyongyang will strengthen
    cooperation).
    """
    return [surface for surface, _ in reference_tokens(text)]


@dataclass
class TokenBatch:
    """The tokens of a batch of texts, as ids into the batch's vocabulary (`scan`).

    Attributes:
        surfaces: each distinct token as written (a joined token: its words separated by single spaces).
        forms: the folded form of each (a name with a head particle without the space: عبدالعزيز).
        hashes: the two hashes and the length of each surface (rows of three; `kernels.hash_words`).
        ids: the surface id of every token, texts one after the other.
        bounds: the token index where each text starts (and the total at the end).
        linked: per token, whether only spaces separate it from the next token of the same text.
        starts, ends: per token, its span in its text (character offsets).
    """

    surfaces: list[str]
    forms: list[str]
    hashes: np.ndarray
    ids: np.ndarray
    bounds: np.ndarray
    linked: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


@cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    return kernels.char_tables(arabic.ARABIC_LETTERS, WORD_MARKS, arabic.DIGITS, arabic.LATIN_LETTERS)


def scan(texts: list[str]) -> TokenBatch:
    """Tokenize texts (compiled grammar), fold their distinct surfaces once, and join multi-word names.

    The production tokenizer of the term engine: `tokenize` and the engine's workers run it.
    """
    joined = "\0".join(texts)  # NUL is no token and no space: nothing joins across two texts
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    doc_starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1, out=doc_starts[1:])
    if texts:
        doc_starts[-1] -= 1
    starts, ends, hashes, linked, bounds = kernels.split(codes, doc_starts, *_tables())
    index = kernels.HashIndex(expected=min(starts.size // 8, 1 << 17))
    ids, first_seen = index.ids(hashes, ends - starts)
    surfaces = [joined[s:e] for s, e in zip(starts[first_seen].tolist(), ends[first_seen].tolist(), strict=True)]
    forms = arabic.fold_words(surfaces)
    doc_of_token = np.repeat(np.arange(len(texts)), np.diff(bounds))
    offsets = doc_starts[:-1][doc_of_token] if texts else np.zeros(0, np.int64)
    batch = TokenBatch(surfaces, forms, np.column_stack([hashes[first_seen], (ends - starts)[first_seen]]),
                       ids.astype(np.int32), bounds, linked, starts - offsets, ends - offsets)
    if starts.size:
        batch.linked[bounds[1:-1] - 1] = False  # the last token of a text links to nothing
        batch.linked[-1] = False
        _join(batch)
    return batch


def _join(batch: TokenBatch) -> None:
    """Apply the joins to a batch in place: each group becomes one token with a new surface id."""
    join = joiner()
    ids = batch.ids
    candidates = join.candidates(batch.forms, ids, batch.linked).tolist()
    if not candidates:
        return
    forms = _Lookup(batch.forms, ids)
    surfaces = _Lookup(batch.surfaces, ids)
    groups = join.groups(forms, surfaces, batch.linked, candidates)
    if not groups:
        return
    known: dict[str, int] = {}  # a joined surface holds a space: it is none of the tokens' surfaces
    keep = np.ones(ids.size, dtype=bool)
    for g in groups:
        surface = " ".join(surfaces[g.start:g.end])
        if surface not in known:
            known[surface] = len(batch.surfaces)
            batch.surfaces.append(surface)
            batch.forms.append(g.form)
        ids[g.start] = known[surface]
        batch.ends[g.start] = batch.ends[g.end - 1]
        batch.linked[g.start] = batch.linked[g.end - 1]
        keep[g.start + 1:g.end] = False
    hashes, lengths = kernels.hash_words(list(known))
    batch.hashes = np.concatenate([batch.hashes, np.column_stack([hashes, lengths])])
    kept_before = np.concatenate([[0], np.cumsum(keep)])
    batch.bounds = kept_before[batch.bounds]
    batch.ids, batch.linked = ids[keep], batch.linked[keep]
    batch.starts, batch.ends = batch.starts[keep], batch.ends[keep]


class _Lookup:
    """A sequence view: the value of each token's id (`values[ids[i]]`), computed only where asked."""

    def __init__(self, values: list[str], ids: np.ndarray):
        self.values, self.ids = values, ids

    def __getitem__(self, i: int | slice):
        if isinstance(i, slice):
            return [self.values[k] for k in self.ids[i].tolist()]
        return self.values[self.ids[i]]

    def __len__(self) -> int:
        return self.ids.size


def tokenize(text: str) -> list[str]:
    """Surface tokens of `text`: Arabic words, numbers, Latin words; multi-word names as one token.

    Example: 'وقال بوتين إن "موسكو وبيونغ يانغ" ستعززان التعاون' (Putin said Moscow and Pyongyang will
    strengthen cooperation) → ["وقال", "بوتين", "إن", "موسكو", "وبيونغ يانغ", "ستعززان", "التعاون"].
    """
    batch = scan([text])
    return [batch.surfaces[i] for i in batch.ids.tolist()]


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `tokenize(text)`, in order (a joined token spans all its words)."""
    batch = scan([text])
    return list(zip(batch.starts.tolist(), batch.ends.tolist(), strict=True))
