"""Tokens: the token grammar, and the lexicon-driven joins that make one token of a multi-word name.

1. **Grammar** (`TOKEN_RE`, the specification): runs of Arabic letters (with their diacritics, tatweel and
   zero-width joiners), runs of digits (with the groups after a decimal or thousands mark: 1,500.25 · ٣٫٥) and
   runs of Latin letters are three token kinds; everything else separates tokens. Web and e-mail addresses are
   no words: their pieces (www, gov, sa, the id of a shortened link) are never tokens (`web_address_spans`).
   The production path runs the same grammar compiled (`kernels.web_addresses`, `kernels.split`); the tests
   hold the two equal.
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
    "TOKEN_RE", "WORD_MARKS", "Joiner", "SplitTexts", "TokenBatch", "Vocabulary", "joiner", "reference_tokenize",
    "reference_tokens", "scan", "scan_split", "scan_utf8", "split_utf8", "token_kind", "token_spans", "tokenize",
    "web_address_spans",
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
#: A web or e-mail address: a run of printable ASCII holding '.', '@' or ':' right before a Latin letter or '/',
#: with at least two Latin letters («www.gdp.gov.sa», «http://goo.gl/forms/…», «musaned@mol.gov.sa»); «3.5»,
#: «Google.» at a sentence's end and «iOS/Android» are not.
_ASCII_RUN = re.compile(r"[!-~]+")
_ADDRESS_JOINT = re.compile(r"[.@:][A-Za-z/]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_LETTER_NAME = 1 << 8  # a form that is a letter name (ROLE_LETTER also needs the spelling as written)


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
        self._names: dict[tuple[str, bool], bool] = {}
        # the same lexicons as arrays for the compiled joins (`kernels.join_groups`): the entity first words and
        # the words that may follow them get codes; per form, its role bits and codes (one lookup per form)
        firsts = list(self.continuations)
        words = sorted({w for options in self.continuations.values() for rest in options for w in rest})
        word_code = {w: c for c, w in enumerate(words)}
        rests = [rest for first in firsts for rest in self.continuations[first]]
        self.continuation_arrays = (
            np.cumsum([0, *(len(self.continuations[f]) for f in firsts)]).astype(np.int64),
            np.cumsum([0, *map(len, rests)]).astype(np.int64),
            np.array([word_code[w] for rest in rests for w in rest], dtype=np.int32))
        first_code = {f: c for c, f in enumerate(firsts)}
        self._lexicon_roles: dict[str, tuple[int, int, int]] = {}
        for bit, found in ((kernels.ROLE_LINK, self.links), (kernels.ROLE_HEAD, self.heads),
                           (_LETTER_NAME, self.letters),
                           (kernels.ROLE_AMBIGUOUS, {f for f, n in self.letters.items() if n.ambiguous}),
                           (0, self.entity_first), (0, word_code)):
            for form in found:
                bits, _, _ = self._lexicon_roles.get(form, (0, -1, -1))
                self._lexicon_roles[form] = (bits | bit, first_code.get(self.entity_first.get(form), -1),
                                             word_code.get(form, -1))

    def lexicon_roles(self, surfaces: list[str], forms: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per surface (with its folded form): its `kernels.ROLE_*` bits except ROLE_NAME (decided where the
        joins need it: `is_name`), its entity first-word code and its entity-word code (−1: none)."""
        found = [(i, r) for i, r in enumerate(map(self._lexicon_roles.get, forms)) if r is not None]
        roles = np.zeros(len(forms), np.int32)
        first_code = np.full(len(forms), -1, np.int32)
        word_code = np.full(len(forms), -1, np.int32)
        for i, (bits, first, word) in found:
            if bits & _LETTER_NAME and self._letter(forms[i], surfaces[i]):
                bits |= kernels.ROLE_LETTER
            if bits & kernels.ROLE_LINK and surfaces[i].endswith(arabic.TATWEEL):
                bits |= kernels.ROLE_TATWEEL
            roles[i], first_code[i], word_code[i] = bits & ~_LETTER_NAME, first, word
        return roles, first_code, word_code

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
            candidates: the positions where a group may start, ascending (every position).
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


def web_address_spans(text: str) -> list[tuple[int, int]]:
    """Where the web and e-mail addresses of `text` are (specification of `kernels.web_addresses`).

    Example: web_address_spans("التسجيل عبر الرابط http://goo.gl/forms/vEJZZZCNnD .") → [(19, 49)]
    (registration through the link …).
    """
    return [m.span() for m in _ASCII_RUN.finditer(text)
            if _ADDRESS_JOINT.search(m.group()) and len(_LATIN_LETTER.findall(m.group())) >= 2]


def reference_tokens(text: str) -> list[tuple[str, str]]:
    """The specification of the tokenizer: TOKEN_RE outside web addresses, then the joins over every position;
    each token as (surface, folded form), a joined token's surface being its written words separated by
    single spaces."""
    for start, end in web_address_spans(text):  # a line break: no token, and no name joined across it
        text = text[:start] + "\n" * (end - start) + text[end:]
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
    """The tokens of a batch of texts, as ids into a vocabulary (`scan`).

    Attributes:
        surfaces: each distinct token the vocabulary knows, as written (a joined token: its words separated
            by single spaces); forms: the folded form of each (a name with a head particle without the
            space: عبدالعزيز). The batch's own tokens are among them (`Vocabulary`).
        ids: the surface id of every token, texts one after the other.
        bounds: the token index where each text starts (and the total at the end).
        linked: per token, whether only spaces separate it from the next token of the same text.
        starts, ends: per token, its span in its text (character offsets; empty when `scan_utf8` was told
            spans=False).
    """

    surfaces: list[str]
    forms: list[str]
    ids: np.ndarray
    bounds: np.ndarray
    linked: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


def _column(name: str, doc: str) -> property:
    """A per-surface column of a `Vocabulary`: the filled part of its growing array (a view)."""
    return property(lambda vocabulary: vocabulary._columns[name][:len(vocabulary)], doc=doc)


class Vocabulary:
    """The distinct surface tokens one process has met, each folded once: ids by hash (`kernels.HashIndex`),
    the surfaces and their forms, and what each may be in a multi-word name (`kernels.ROLE_*`).

    A term-engine worker keeps one for all the shards it scans, and sends back only what is new since its
    last shard (`since`).
    """

    def __init__(self):
        self.index = kernels.HashIndex(expected=1 << 16)
        self.surfaces: list[str] = []
        self.forms: list[str] = []
        # per surface: the two hashes and the length, the role bits and the entity codes, whether ROLE_NAME is
        # decided; in arrays with room to grow (doubled when full), so that adding a shard's surfaces does not
        # copy all the others
        self._columns = {"hashes": np.zeros((1 << 12, 3), np.int64), "roles": np.zeros(1 << 12, np.int32),
                         "first_code": np.zeros(1 << 12, np.int32), "word_code": np.zeros(1 << 12, np.int32),
                         "name_known": np.zeros(1 << 12, bool)}

    def __len__(self) -> int:
        return len(self.surfaces)

    hashes = _column("hashes", "Per surface: its two hashes and its length.")
    roles = _column("roles", "Per surface: its `kernels.ROLE_*` bits (`know_names` sets ROLE_NAME in place).")
    first_code = _column("first_code", "Per surface: its entity first-word code (−1: none).")
    word_code = _column("word_code", "Per surface: its entity-word code (−1: none).")

    def since(self, start: int) -> tuple[list[str], list[str], np.ndarray]:
        """The surfaces added from id `start` on: (surfaces, forms, hashes)."""
        return self.surfaces[start:], self.forms[start:], self.hashes[start:].copy()

    def add(self, surfaces: list[str], hashes: np.ndarray, lengths: np.ndarray, forms: list[str] | None = None
            ) -> None:
        """Append new surfaces (ids len(self) on), folding them unless their forms are given."""
        forms = arabic.fold_words(surfaces) if forms is None else forms
        roles, first_code, word_code = joiner().lexicon_roles(surfaces, forms)
        start, end = len(self), len(self) + len(surfaces)
        capacity = len(self._columns["roles"])
        if end > capacity:
            while end > capacity:
                capacity *= 2
            for name, column in self._columns.items():
                grown = np.zeros((capacity, *column.shape[1:]), column.dtype)
                grown[:start] = column[:start]
                self._columns[name] = grown
        columns = self._columns
        columns["hashes"][start:end, :2] = hashes
        columns["hashes"][start:end, 2] = lengths
        columns["roles"][start:end] = roles
        columns["first_code"][start:end] = first_code
        columns["word_code"][start:end] = word_code
        columns["name_known"][start:end] = roles & kernels.ROLE_NAME > 0
        self.surfaces += surfaces
        self.forms += forms

    def know_names(self, ids: np.ndarray) -> None:
        """Decide ROLE_NAME for the surfaces where `kernels.join_groups` reads it: after a head or link
        particle, and before a link particle."""
        role = self.roles[ids]
        around = np.zeros(ids.size, bool)
        around[1:] = role[:-1] & (kernels.ROLE_HEAD | kernels.ROLE_LINK) > 0
        around[:-1] |= role[1:] & kernels.ROLE_LINK > 0
        wanted = np.unique(ids[around])
        known = self._columns["name_known"]
        wanted = wanted[~known[wanted]]
        join = joiner()
        roles = self.roles
        for s in wanted.tolist():
            if join.is_name(self.forms[s], self.surfaces[s]):
                roles[s] |= kernels.ROLE_NAME
        known[wanted] = True


@cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    return kernels.char_tables(arabic.ARABIC_LETTERS, WORD_MARKS, arabic.DIGITS, arabic.LATIN_LETTERS)


def scan(texts: list[str], vocabulary: Vocabulary | None = None) -> TokenBatch:
    """Tokenize texts (compiled grammar), fold their distinct surfaces once, and join multi-word names.

    The production tokenizer of the term engine: `tokenize` and the engine's workers run it.

    Args:
        texts: the texts.
        vocabulary: the distinct tokens met so far, extended with the new ones (default: a new one).
    """
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    return scan_utf8(b"\0".join(encoded), [len(e) for e in encoded], vocabulary)


def scan_utf8(data: bytes, sizes: list[int], vocabulary: Vocabulary | None = None, spans: bool = True
              ) -> TokenBatch:
    """`scan` of texts given in UTF-8 as one byte string, each but the last followed by NUL
    (`pipeline.read_texts`), and their sizes in bytes: `scan_split(split_utf8(data, sizes), vocabulary, spans)`.

    Args:
        spans: find each token's span in its text (`TokenBatch.starts`, `ends`; else they are left empty).
    """
    return scan_split(split_utf8(data, sizes), vocabulary, spans)


@dataclass
class SplitTexts:
    """The part of a scan that needs no vocabulary (`split_utf8`): the texts' UTF-8 (`codes`, read-only, web
    addresses blanked), where each text starts (bytes), and per token its span (bytes), length (characters),
    hashes and adjacency (`kernels.split`). Found with `distinct`: `local`, per token its id among the batch's
    distinct tokens, and `first`, the first occurrence of each of those (then `hashes` keeps only theirs);
    else both None."""

    codes: np.ndarray
    doc_starts: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    lengths: np.ndarray
    hashes: np.ndarray
    linked: np.ndarray
    bounds: np.ndarray
    local: np.ndarray | None
    first: np.ndarray | None


def split_utf8(data: bytes, sizes: list[int], distinct: bool = False) -> SplitTexts:
    """The vocabulary-free part of `scan_utf8`: the token grammar (compiled), and with `distinct` the batch's
    distinct tokens. Compiled code that releases the GIL does it, so batches may be split in a thread
    (`runner.map_ordered(..., threads=True)`) while another numbers their tokens (`scan_split`): then finding
    the distinct tokens there leaves the numbering thread only those to look up."""
    codes = np.frombuffer(data, dtype=np.uint8)
    web_starts, web_ends = kernels.web_addresses(codes)
    if web_starts.size:  # addresses are no words: blanked in a copy (same offsets), so no token starts there,
        codes = codes.copy()  # with line breaks, so that no name is joined across one («محمد بن نايف www.x.sa بن دغر»)
        for start, end in zip(web_starts.tolist(), web_ends.tolist(), strict=True):
            codes[start:end] = 0x0A
        codes.flags.writeable = False  # read-only as np.frombuffer's: the kernels load one signature, not two
    doc_starts = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(np.asarray(sizes, dtype=np.int64) + 1, out=doc_starts[1:])
    if sizes:
        doc_starts[-1] -= 1
    starts, ends, lengths, hashes, linked, bounds = kernels.split(codes, doc_starts, *_tables())
    local = first = None
    if distinct:
        local, first = kernels.HashIndex(expected=lengths.size // 8).ids(hashes, lengths)
        hashes = hashes[first]
    return SplitTexts(codes, doc_starts, starts, ends, lengths, hashes, linked, bounds, local, first)


def scan_split(split: SplitTexts, vocabulary: Vocabulary | None = None, spans: bool = True) -> TokenBatch:
    """The rest of `scan_utf8`: the tokens of a split batch as ids into `vocabulary` (extended with the new
    ones), names joined."""
    vocabulary = Vocabulary() if vocabulary is None else vocabulary
    codes, starts, ends, linked, bounds = split.codes, split.starts, split.ends, split.linked, split.bounds
    def surfaces(new: np.ndarray) -> list[str]:  # of the new tokens, by their index among those looked up
        at = new if split.first is None else split.first[new]
        return _decode(codes, starts[at], ends[at])

    ids = _identify(vocabulary, split.hashes, split.lengths if split.first is None else split.lengths[split.first],
                    surfaces)
    if split.local is not None:
        ids = ids[split.local]
    if starts.size:
        linked[bounds[1:-1] - 1] = False  # the last token of a text links to nothing
        linked[-1] = False
        ids, linked, bounds, starts, ends = _join(vocabulary, codes, ids, linked, bounds, starts, ends,
                                                  split.lengths)
    if spans and starts.size:  # byte offsets → character offsets in each text
        before = np.zeros(codes.size + 1, np.int64)  # at each byte (and the end): the characters before it
        np.cumsum((codes & 0xC0) != 0x80, out=before[1:])  # a continuation byte starts no character
        doc_of_token = np.repeat(np.arange(len(split.doc_starts) - 1), np.diff(bounds))
        first_character = before[split.doc_starts[:-1]][doc_of_token]
        starts, ends = before[starts] - first_character, before[ends] - first_character
    elif not spans:
        starts = ends = np.zeros(0, np.int64)
    return TokenBatch(vocabulary.surfaces, vocabulary.forms, ids.astype(np.int32, copy=False), bounds, linked, starts,
                      ends)


def _decode(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """The strings data[starts[i]:ends[i]] (UTF-8), decoded in one call: gathered with a line break (never in
    a token) between them (`kernels.gather`)."""
    if not starts.size:
        return []
    return kernels.gather(data, starts, ends, 0x0A).tobytes().decode("utf-8", "surrogatepass").split("\n")


def _identify(vocabulary: Vocabulary, hashes: np.ndarray, lengths: np.ndarray, strings) -> np.ndarray:
    """The vocabulary id of each token given by its hashes and length; `strings(first_seen)` makes the
    surfaces of the new ones (indices of their first occurrences)."""
    known = len(vocabulary)
    ids, first_seen = vocabulary.index.ids(hashes, lengths)
    if first_seen.size:
        vocabulary.add(strings(first_seen), hashes[first_seen], lengths[first_seen])
    assert len(vocabulary) == known + first_seen.size
    return ids


def _join(vocabulary: Vocabulary, data, ids, linked, bounds, starts, ends, token_lengths):
    """The joins (`kernels.join_groups`): each group becomes one token, with the surface id of its words."""
    vocabulary.know_names(ids)
    join = joiner()
    group_start, group_end, hashes, lengths, fused = kernels.join_groups(
        ids, linked, vocabulary.roles, vocabulary.first_code, vocabulary.word_code, *join.continuation_arrays,
        data, starts, ends, token_lengths)
    if not group_start.size:
        return ids, linked, bounds, starts, ends

    def strings(new: np.ndarray) -> list[str]:
        surfaces = vocabulary.surfaces
        out = []
        for a, b in zip(group_start[new].tolist(), group_end[new].tolist(), strict=True):
            out.append(" ".join([surfaces[k] for k in ids[a:b].tolist()]))
        return out

    def folded(new: np.ndarray) -> list[str]:  # a head particle is fused with its name: عبدالعزيز
        forms = vocabulary.forms
        out = []
        for a, b in zip(group_start[new].tolist(), group_end[new].tolist(), strict=True):
            parts = [forms[ids[a]]]
            for t in range(a + 1, b):
                parts += ["" if fused[t - 1] else " ", forms[ids[t]]]
            out.append("".join(parts))
        return out

    known = len(vocabulary)
    group_ids, first_seen = vocabulary.index.ids(hashes, lengths)
    if first_seen.size:
        vocabulary.add(strings(first_seen), hashes[first_seen], lengths[first_seen], folded(first_seen))
    assert len(vocabulary) == known + first_seen.size
    return kernels.merge_groups(ids, linked, bounds, starts, ends, group_start, group_end, group_ids)


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
