"""Term frequencies of the cleaned corpus: tokens, clitics, entities, stopwords, and what the counts show.

`python -m arnews terms --corpus PATH --out FILE.csv [--top N] [--jobs N]` writes `term,count,docs`
(count = occurrences, docs = articles containing the term), sorted by count then term, over the text that
`arnews.clean` leaves (the same cleaning as notebook 02).

How a word becomes a term:

1. **Tokens** (`tokenize`): runs of Arabic letters (with their diacritics and tatweel), runs of digits and runs
   of Latin letters are three token kinds; punctuation is dropped. Multi-word names from
   data/lexicons/entities.csv ("بيونغ يانغ", "كيم جونغ أون", also with a clitic: "وبيونغ يانغ") are one token.
2. **Normalization** (`arnews.normalize.analysis`) of the *vocabulary* of distinct surface forms, never of the
   corpus text: NFKC, no diacritics/tatweel, bare alef, ي for ى, ASCII digits, lower-case Latin.
3. **Terms** (`TermMap`): a spelling of an entity becomes the entity's canonical name; stopwords (the
   arabic-stopwords package plus data/lexicons/stopwords_news.csv) are dropped, with or without clitics; an
   attached clitic prefix (و ف ب ك ل ال and their combinations وال بال لل وبال …) is stripped only when the
   word list confirms it: the remainder must be attested on its own in the corpus (or be an entity) and must
   not be a stopword; after a prefix holding the article the whole form must not be ten times more frequent
   than the remainder (الرياض "Riyadh" stays apart from رياض "gardens"); after و ف ب ك ل alone the remainder
   needs three letters and must be at least as frequent as the whole form, or be a lexicon word (so فيصل
   "Faisal" is not ف+يصل, while وبوتين → بوتين and ووزير → وزير). Words in
   data/lexicons/clitic_exceptions.csv (والد، ولاية، بيونغ …) are never split.

The counting is streamed per source file: with N cores, N − 1 worker processes and this one take the files,
biggest first (load → clean → tokenize → count distinct surface forms per article). Tokenizing and counting
run compiled (`arnews.scan`, the same grammar as TOKEN_RE, checked against it by the tests); each process
keeps one vocabulary and hands each new form over once, with its hashes, through a temporary folder. This
process drops exact duplicates as `corpus.load` does (same stripped text, same outlet; the later doc_id goes),
normalizes each new form once, maps the distinct forms to terms in compiled code (`TermMap.resolve_ids`,
the same decisions as `TermMap.term`, checked on the whole SaudiNewsNet vocabulary), and counts each term's
articles from the per-article form ids spilled to the folder.
Memory stays flat as the corpus grows (it holds vocabularies, never the corpus), and the output is
byte-identical whatever the number of workers: rows are sorted by count, then term, and every choice
(labels, stems) breaks ties by the strings themselves. On SaudiNewsNet the table equals, term by term,
`term_table(analyse(...))` over `corpus.load` (a test checks it).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import gc
import html
import math
import os
import pickle
import queue
import random
import re
import sys
import tempfile
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import count as _counter
from pathlib import Path

import numpy as np
import pandas as pd

from arnews import clean, corpus, files, lexicons, normalize, pipeline, scan
from arnews.errors import InputError

CLI_HELP = "count terms (clitics stripped, entities merged, stopwords dropped) → term,count,docs CSV"

COLUMNS = ["term", "count", "docs"]

# --- token grammar -------------------------------------------------------------------------------------------

#: Arabic letters, including the Persian/Urdu letters and the presentation forms that NFKC later folds.
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff" \
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufefc"
#: Marks that live inside an Arabic word: tashkeel, superscript alef, tatweel.
ARABIC_MARKS = "\u064b-\u065f\u0670\u0640"
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"

_ARABIC_WORD = f"[{ARABIC_LETTERS}][{ARABIC_LETTERS}{ARABIC_MARKS}]*"
_NUMBER = f"[{DIGITS}]+(?:[.,\u066b\u066c][{DIGITS}]+)*"
_LATIN_WORD = f"[{LATIN_LETTERS}]+"
TOKEN_RE = re.compile(f"{_ARABIC_WORD}|{_NUMBER}|{_LATIN_WORD}")
_KIND_RE = re.compile(f"(?P<arabic>[{ARABIC_LETTERS}])|(?P<number>[{DIGITS}])|(?P<latin>[{LATIN_LETTERS}])")

#: Clitic prefixes (normalized spelling) and what the stem starts with once the prefix is removed:
#: conjunction و/ف, then preposition ب/ك/ل, then article ال; ل+ال is written لل (the alef drops).
_CONJ, _PREP = ("", "و", "ف"), ("", "ب", "ك", "ل")
PREFIX_RULES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {(c + p + a, "") for c in _CONJ for p in _PREP for a in ("", "ال") if c + p + a}
        | {(c + "لل", "") for c in _CONJ}
        | {(c + "لل", "ال") for c in _CONJ},
        key=lambda rule: (-len(rule[0]), rule),
    )
)
_PREFIX_LETTERS = frozenset(p[0] for p, _ in PREFIX_RULES)
_PREFIX_REPLACEMENTS: dict[str, tuple[str, ...]] = {}
for _prefix, _replacement in PREFIX_RULES:
    _PREFIX_REPLACEMENTS[_prefix] = (*_PREFIX_REPLACEMENTS.get(_prefix, ()), _replacement)
_LONGEST_PREFIX = max(len(p) for p, _ in PREFIX_RULES)
#: Shortest stem a clitic may leave (in letters): الدم → دم (blood) after the article; after و ف ب ك ل alone
#: at least 3 letters, since و+يد, ك+اس, ب+ال are how names and words (وليد، كأس، بلال) get mangled.
MIN_STEM = 2
MIN_STEM_AFTER_PROCLITIC = 3
#: After the article (ال، وال، بال، لل …) a form this many times more frequent than its would-be stem is a
#: word of its own (الرياض Riyadh vs رياض gardens). After و ف ب ك ل alone the stem must be at least as frequent
#: as the form itself (فيصل Faisal is not ف+يصل, كامل is not ك+امل, however often يصل and امل occur), unless
#: the stem is a word of the lexicons (ووزير → وزير even in a small corpus that lists ministers).
KEEP_RATIO = 10

# --- lexicons ------------------------------------------------------------------------------------------------


@cache
def stopwords() -> frozenset[str]:
    """Normalized stopwords: every form of the arabic-stopwords package plus stopwords_news.csv.

    Returns:
        frozenset of normalized words (e.g. "قال" he said, "الاربعاء" Wednesday, "التي" which).
    """
    from arabicstopwords.arabicstopwords import stopwords_list

    project = [row["word"] for row in lexicons.read_csv("stopwords_news.csv")]
    words = normalize.normalize_words([*stopwords_list(), *project])
    return frozenset(w for w in words if w) - protected_words()


@cache
def protected_words() -> frozenset[str]:
    """Normalized words never split into clitic + stem and never treated as stopwords.

    clitic_exceptions.csv (ولاية state, والد father, بيونغ Pyong- …) plus every word of an entity spelling
    that does not start with the article (بوتين, يانغ, جونغ …), so no name is mangled into a half.
    """
    words = [row["word"] for row in lexicons.read_csv("clitic_exceptions.csv")]
    for entity in lexicons.entities():
        words += [w for s in entity.spellings for w in s.split() if not w.startswith("ال")]
    return frozenset(normalize.normalize_words(words))


@dataclass(frozen=True)
class EntityIndex:
    """Entity spellings (normalized, single spaces) → canonical name, and what finds multi-word spellings."""

    canonical: dict[str, str]  # normalized spelling → canonical name as written in the lexicon
    continuations: dict[str, tuple[tuple[str, ...], ...]]  # first word → the words that follow, longest first
    first_words: frozenset[str]  # surface first words (with clitic and alef variants) worth a closer look


def _surface_variants(word: str) -> set[str]:
    """Surface spellings of a normalized word that alef/ى variation produces (اون → أون, اون, إون, آون)."""
    out = {""}
    for ch in word:
        out = {o + c for o in out for c in {"ا": "اأإآ", "ي": "يى"}.get(ch, ch)}
    return out


@cache
def entity_index() -> EntityIndex:
    """Build the entity index from data/lexicons/entities.csv (see `lexicons.entities`)."""
    canonical: dict[str, str] = {}
    continuations: dict[str, set[tuple[str, ...]]] = {}
    for entity in lexicons.entities():
        for spelling in entity.spellings:
            key = " ".join(normalize.analysis(spelling).split())
            canonical.setdefault(key, entity.canonical)
            words = key.split(" ")
            if len(words) > 1:
                continuations.setdefault(words[0], set()).add(tuple(words[1:]))
    clitics = [""] + [p for p, repl in PREFIX_RULES if repl == "" and "ال" not in p and "لل" not in p]
    first_words: set[str] = set()
    for first in continuations:
        for variant in _surface_variants(first):
            if first.startswith("ال"):
                first_words.update(c + p + variant for c in _CONJ for p in ("", "ب", "ك"))
                first_words.update(c + "لل" + variant[2:] for c in _CONJ)
            else:
                first_words.update(p + variant for p in clitics)
    ordered = {k: tuple(sorted(v, key=lambda r: (-len(r), r))) for k, v in continuations.items()}
    return EntityIndex(canonical, ordered, frozenset(first_words))


def _positions(tokens: list[str], word: str) -> list[int]:
    """Indices of `word` in `tokens` (list.index scans in C)."""
    out, i = [], -1
    try:
        while True:
            i = tokens.index(word, i + 1)
            out.append(i)
    except ValueError:
        return out


@cache
def _normalized(token: str) -> str:
    return normalize.analysis(token)


def _entity_start(token: str, index: EntityIndex) -> str | None:
    """The normalized first word of a multi-word entity that `token` is (with or without a clitic)."""
    form = _normalized(token)
    if form in index.continuations:
        return form
    return next((s for s in strip_candidates(form) if s in index.continuations), None)


@lru_cache(maxsize=4096)
def _adjacency_regex(words: tuple[str, ...]) -> re.Pattern:
    """The words as whole tokens separated by spaces only (no punctuation, no line break)."""
    edge = f"[{ARABIC_LETTERS}{ARABIC_MARKS}]"
    return re.compile(f"(?<!{edge})" + "[^\\S\\n]+".join(map(re.escape, words)) + f"(?!{edge})")


def _always_adjacent(text: str, tokens: list[str], words: tuple[str, ...]) -> bool:
    """True when every occurrence of `words` as consecutive tokens is also adjacent in the text.

    Each adjacent occurrence in the text is an occurrence among the tokens, so equal counts mean all are.
    """
    k = len(words)
    in_tokens = sum(tuple(tokens[j:j + k]) == words for j in _positions(tokens, words[0]))
    return len(_adjacency_regex(words).findall(text)) == in_tokens


def _merge_entities(text: str, tokens: list[str], spans: list[tuple[int, int]] | None = None) -> list[str]:
    """Join the words of multi-word entity spellings ("بيونغ", "يانغ" → "بيونغ يانغ") into one token.

    The words must follow each other with only spaces between them (no punctuation, no line break).
    `spans`, if given, is updated alongside (a merged token spans all its words).
    """
    index = entity_index()
    first = index.first_words
    hits = sorted(i for word in first.intersection(tokens) for i in _positions(tokens, word))
    if not hits:
        return tokens
    matches = spans
    adjacent: dict[tuple[str, ...], bool] = {}
    merged: dict[int, int] = {}  # first token → the token after the entity
    next_free = 0
    for i in hits:
        if i < next_free:
            continue
        start = _entity_start(tokens[i], index)
        if start is None:
            continue
        for rest in index.continuations[start]:
            end = i + 1 + len(rest)
            if end > len(tokens) or any(_normalized(tokens[i + 1 + j]) != w for j, w in enumerate(rest)):
                continue
            words = tuple(tokens[i:end])
            if matches is None:  # cheap check first: are all occurrences of these words adjacent?
                if words not in adjacent:
                    adjacent[words] = _always_adjacent(text, tokens, words)
                if not adjacent[words]:
                    matches = [m.span() for m in TOKEN_RE.finditer(text)]
            if matches is not None:
                gaps = [text[matches[j - 1][1]:matches[j][0]] for j in range(i + 1, end)]
                if not all(g and g.isspace() and "\n" not in g for g in gaps):
                    continue
            merged[i] = next_free = end
            break
    if not merged:
        return tokens
    out: list[str] = []
    out_spans: list[tuple[int, int]] = []
    previous = 0
    for i, end in merged.items():
        out += tokens[previous:i]
        out.append(" ".join(tokens[i:end]))
        if spans is not None:
            out_spans += spans[previous:i]
            out_spans.append((spans[i][0], spans[end - 1][1]))
        previous = end
    out += tokens[previous:]
    if spans is not None:
        spans[:] = out_spans + spans[previous:]
    return out


# --- tokens --------------------------------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """Surface tokens of `text`: Arabic words, numbers, Latin words; multi-word entities as one token.

    Example: 'وقال بوتين إن "موسكو وبيونغ يانغ" ستعززان التعاون' (Putin said Moscow and Pyongyang will
    strengthen cooperation) → ["وقال", "بوتين", "إن", "موسكو", "وبيونغ يانغ", "ستعززان", "التعاون"].

    Args:
        text: clean article text.
    Returns:
        The tokens as they are written (not normalized), in order.
    """
    return _merge_entities(text, TOKEN_RE.findall(text))


def token_kind(token: str) -> str:
    """"arabic", "number" or "latin" for a token (by its first letter); "" for anything else.

    Example: token_kind("بوتين") → "arabic"; token_kind("٢٠٢٤") → "number"; token_kind("ABC") → "latin".
    """
    match = _KIND_RE.match(token)
    return match.lastgroup if match else ""


def strip_candidates(form: str) -> list[str]:
    """Every stem a clitic prefix could leave on a normalized form (longest prefix first).

    Example: strip_candidates("وبوتين") → ["وتين", "بوتين"] ("and Putin": وب+وتين or و+بوتين; the word list
    decides); strip_candidates("للعلاقات") → ["علاقات", "العلاقات", "لعلاقات"] (for the relations).

    Args:
        form: a normalized word.
    Returns:
        Candidate stems of at least MIN_STEM letters.
    """
    return [stem for stem, _ in _decompositions(form)]


def _decompositions(form: str) -> list[tuple[str, bool]]:
    """(stem, whether the prefix holds the article) for every clitic prefix of `form`, longest first."""
    if not form or form[0] not in _PREFIX_LETTERS:
        return []
    out = []
    for size in range(min(len(form) - MIN_STEM, _LONGEST_PREFIX), 0, -1):
        for replacement in _PREFIX_REPLACEMENTS.get(form[:size], ()):
            out.append((replacement + form[size:], "ال" in form[:size] or "لل" in form[:size]))
    return out


def _entity_key(canonical: str) -> str:
    """The term key of an entity: its canonical name, normalized, single spaces."""
    return " ".join(normalize.analysis(canonical).split())


@cache
def _lexicon_lists() -> dict[str, tuple[tuple[str, ...], np.ndarray, np.ndarray]]:
    """The words the term map looks up, sorted and hashed (as `scan.hash_words` hashes them): entity spellings
    ("entity"), the keys of their entities, stopwords, protected words."""
    entities = entity_index().canonical
    spellings = tuple(sorted(entities))
    words = {"entity keys": tuple(_entity_key(entities[s]) for s in spellings),
             "stop": tuple(sorted(stopwords())), "protected": tuple(sorted(protected_words())), "entity": spellings}
    return {name: (w, *scan.hash_words(list(w))[:2]) for name, w in words.items()}


@dataclass(frozen=True)
class _Rules:
    """PREFIX_RULES as arrays for `scan.decompose` (code points zero-padded, one row per rule)."""

    prefix: np.ndarray
    prefix_length: np.ndarray
    replacement: np.ndarray
    replacement_length: np.ndarray
    article: np.ndarray  # the prefix holds the article (ال، لل)
    prefix_letters: np.ndarray  # per BMP code point: may a prefix start with it


@cache
def _rule_arrays() -> _Rules:
    def padded(words: list[str]) -> np.ndarray:
        out = np.zeros((len(words), max(1, max(map(len, words)))), dtype=np.uint32)
        for row, word in enumerate(words):
            out[row, :len(word)] = [ord(c) for c in word]
        return out

    prefixes, replacements = [p for p, _ in PREFIX_RULES], [r for _, r in PREFIX_RULES]
    letters = np.zeros(0x10000, dtype=bool)
    letters[[ord(c) for c in _PREFIX_LETTERS]] = True
    return _Rules(padded(prefixes), np.array([len(p) for p in prefixes], dtype=np.int64), padded(replacements),
                  np.array([len(r) for r in replacements], dtype=np.int64),
                  np.array(["ال" in p or "لل" in p for p in prefixes]), letters)


# --- the term map --------------------------------------------------------------------------------------------


class TermMap:
    """Maps normalized forms to terms, validated against the corpus vocabulary and the lexicons.

    Build it from the counts of normalized forms in a corpus (`TermMap(counts)`); `term(form)` is the term key
    (a normalized word or an entity's normalized canonical name) or None for stopwords and noise, and
    `label(key)` the spelling to show: an entity's canonical name, else the most frequent bare spelling.
    """

    def __init__(self, counts: dict[str, int] | None = None, *, forms: list[str] | None = None,
                 totals: np.ndarray | None = None):
        """Args: counts (normalized form → occurrences), or the same as two columns: forms and totals."""
        self._counts = counts
        self._forms, self._totals = (forms, totals) if counts is None else (None, None)
        self.entities = entity_index().canonical
        self.stop = stopwords()
        self.protected = protected_words()
        self._terms: dict[str, str | None] = {}
        self._resolved: tuple | None = None  # what `resolve_ids` found, not yet in self._terms
        self.entity_labels: dict[str, str] = {}  # an entity's key → its canonical name
        self.entity_keys = np.zeros(0, dtype=np.int64)  # by `resolve_ids`: the ids of the entities' keys
        self._labels: dict[str, str] = {}
        self._spellings: tuple | None = None  # what `set_labels` chose, until `labels` is asked for

    @property
    def counts(self) -> dict[str, int]:
        """Normalized form → occurrences in the corpus (the word list the rules consult)."""
        if self._counts is None:
            self._counts = dict(zip(self._forms, self._totals.tolist(), strict=True))
        return self._counts

    def _vocabulary(self) -> tuple[list[str], np.ndarray]:
        if self._forms is None:
            self._forms = list(self._counts)
            self._totals = np.fromiter(self._counts.values(), dtype=np.int64, count=len(self._forms))
        return self._forms, self._totals

    def term(self, form: str) -> str | None:
        """The term key of a normalized form (see the module docstring for the rules), or None."""
        try:
            return self._terms[form]
        except KeyError:
            if self._resolved is not None:
                forms, key, names = self._resolved
                self._resolved = None
                self._terms.update(zip(forms, (None if k < 0 else names[k] for k in key.tolist()), strict=True))
                return self.term(form)
            result = self._terms[form] = self._resolve(form)
            return result

    def _resolve(self, form: str) -> str | None:
        decompositions = _decompositions(form)
        stems = [stem for stem, _ in decompositions]
        entities, stop = self.entities, self.stop
        if form in entities:
            return self._entity(form)
        for stem in stems:
            if stem in entities:
                return self._entity(stem)
        if form in self.protected:
            return form
        if form in stop or " " in form or not form:
            return None  # a stopword, or a formula NFKC expanded into words (the ligature ﷺ)
        if not stems:
            return None if len(form) < 2 and token_kind(form) == "arabic" else form
        counts = self.counts
        whole = counts.get(form, 0)
        best, best_key = None, (0, 0, "")
        for stem, article in decompositions:
            if stem in stop:
                return None  # a stopword with a clitic: وقال، والتي
            n = counts.get(stem, 0)
            if article:
                attested = n * KEEP_RATIO > whole
            else:  # a known word (clitic_exceptions.csv, entity words) is a stem on the word list's authority
                attested = len(stem) >= MIN_STEM_AFTER_PROCLITIC and (n >= whole or stem in self.protected)
            if n and attested and (n, len(stem), stem) > best_key:
                best, best_key = stem, (n, len(stem), stem)
        if best is None:
            return form
        # the stem's own term counts only if one grammatical prefix reaches it from here (و+ال+رئيس → رئيس);
        # stripping twice would read الأليم (the painful) as ال+ال+يم
        key = self.term(best)
        return key if key == best or key in stems or key in self.entities else best

    def resolve_all(self) -> list[str | None]:
        """`term()` of every form of the counts at once, in their order (compiled: the same decisions as
        `term`, which a test checks on the whole SaudiNewsNet vocabulary)."""
        key, names = self.resolve_ids()
        return [None if k < 0 else names[k] for k in key.tolist()]

    def resolve_ids(self) -> tuple[np.ndarray, list[str]]:
        """Like `resolve_all`, as ids: (key, names), the term key of form i being names[key[i]] (−1: none).

        The forms of the counts are names[0 … len(counts) − 1]; the lexicon words and entity keys follow.
        """
        forms, counts = self._vocabulary()
        n = len(forms)
        codes, starts, ends = scan.encode(forms)
        hashes, spaced = scan.hash_spans(codes, starts, ends)
        rules = _rule_arrays()
        bounds, dec_rules, dec_hashes, dec_lengths = scan.decompose(
            codes, starts, ends, rules.prefix, rules.prefix_length, rules.replacement, rules.replacement_length,
            rules.prefix_letters, MIN_STEM)
        index = scan.HashIndex(expected=n + dec_lengths.size)
        index.ids(hashes, ends - starts)  # the forms are distinct: ids 0 … n − 1
        names = list(forms)

        def ids_of(words: tuple[str, ...], word_hashes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
            ids, first_seen = index.ids(word_hashes, lengths)  # the words not seen yet get the next ids
            names.extend(words[i] for i in first_seen.tolist())
            return ids

        lists = _lexicon_lists()  # the lexicons of every TermMap (entity_index, stopwords, protected_words)
        entity_keys = ids_of(*lists["entity keys"])
        lexicon = {name: ids_of(*lists[name]) for name in ("stop", "protected", "entity")}
        flags = {name: np.zeros(len(index), dtype=bool) for name in lexicon}
        for name, ids in lexicon.items():
            flags[name][ids] = True
        key_of_spelling = dict(zip(lexicon["entity"].tolist(), entity_keys.tolist(), strict=True))
        self.entity_keys = entity_keys  # the ids of the entities' term keys
        stems, _ = index.ids(dec_hashes, dec_lengths)  # a stem seen nowhere gets a new id, beyond the names
        decision, value = scan.choose_terms(
            bounds, stems, dec_rules, dec_lengths, counts, flags["stop"], flags["protected"], flags["entity"],
            spaced, codes, starts, ends, rules.prefix_length, rules.replacement, rules.replacement_length,
            rules.article, KEEP_RATIO, MIN_STEM_AFTER_PROCLITIC)
        key = np.arange(n, dtype=np.int64)
        key[decision == scan.DROP] = -1
        key[decision == scan.STEM] = -2  # still to follow
        for f in np.flatnonzero(decision == scan.SHORT).tolist():
            key[f] = -1 if token_kind(forms[f]) == "arabic" else f
        entities = np.flatnonzero(decision == scan.ENTITY)
        for f, spelling in zip(entities.tolist(), value[entities].tolist(), strict=True):
            key[f] = key_of_spelling[spelling]
            self._entity(names[spelling])  # its label
        scan.follow_stems(decision, value, bounds, stems, key, flags["entity"])
        self._resolved = (forms, key, names)  # `term` turns them into its dictionary when first asked
        return key, names

    def _entity(self, spelling: str) -> str:
        key = _entity_key(self.entities[spelling])
        self.entity_labels[key] = self.entities[spelling]
        return key

    @property
    def labels(self) -> dict[str, str]:
        """Term key → the spelling shown: an entity's canonical name, else a word's most frequent spelling."""
        return {**self._word_labels(), **self.entity_labels}

    def _word_labels(self) -> dict[str, str]:
        if self._spellings is not None:
            forms, surfaces, form_ids, best = self._spellings
            self._spellings = None
            self._labels = dict(zip([forms[f] for f in form_ids.tolist()], [surfaces[b] for b in best.tolist()],
                                    strict=True))
        return self._labels

    def label(self, key: str) -> str:
        """The spelling shown for a term key (falls back to the key itself)."""
        if key in self.entity_labels:
            return self.entity_labels[key]
        return self._word_labels().get(key, key)

    def set_labels(self, surfaces: Sequence[str], form_of_surface: np.ndarray, forms: Sequence[str],
                   counts: np.ndarray, own: np.ndarray) -> np.ndarray:
        """Choose each term's label: its most frequent bare surface spelling (ties: the smaller string).

        Args:
            surfaces: distinct surface forms.
            form_of_surface: for each surface, the index of its normalized form in `forms`.
            forms: distinct normalized forms.
            counts: occurrences of each surface.
            own: per form, whether it is its own term (only those need a label; an entity keeps its name).
        Returns:
            Per form, the index in `surfaces` of its label (−1: none chosen here).
        """
        form_of_surface = np.asarray(form_of_surface, dtype=np.int64)
        counts = np.asarray(counts, dtype=np.int64)
        candidates = np.flatnonzero(own[form_of_surface]) if len(surfaces) else np.zeros(0, dtype=np.int64)
        candidates = candidates[np.lexsort((-counts[candidates], form_of_surface[candidates]))]
        form, n = form_of_surface[candidates], counts[candidates]
        first = np.ones(form.size, dtype=bool)  # of each form's spellings, the most frequent
        first[1:] = form[1:] != form[:-1]
        best = candidates[first]
        tied = np.flatnonzero(first[:-1] & ~first[1:] & (n[:-1] == n[1:]))  # two spellings share the top count
        if tied.size:
            heads = np.flatnonzero(first)
            ends = np.append(heads[1:], form.size)
            group = np.searchsorted(heads, tied)
            for g, start in zip(group.tolist(), tied.tolist(), strict=True):
                top = [candidates[i] for i in range(start, ends[g]) if n[i] == n[start]]
                best[g] = min(top, key=surfaces.__getitem__)
        label = np.full(len(forms), -1, dtype=np.int64)
        label[form[first]] = best
        self._spellings = (forms, surfaces, form[first], best)  # `labels` makes its dictionary when asked
        return label


# --- counting a corpus: workers --------------------------------------------------------------------------------


@dataclass
class _SourceResult:
    index: int
    source: str
    worker: str = ""
    docs: int = 0
    chars: int = 0
    error: str | None = None
    report: corpus.LoadReport | None = None
    text_hashes: np.ndarray | None = None  # per article, a hash of its text (exact duplicates share it)


_SPILL: Path | None = None
#: How many of the worker's forms (`_scanner().forms`, kept across the sources it processes) were sent to the
#: parent already: each form is sent once per worker instead of once per source.
_SENT = 0


def _count_source(task: tuple) -> _SourceResult:
    """Worker: load → clean → tokenize one source; count surface forms; spill per-article form ids."""
    index, source, fields, strict, metadata = task
    result = _SourceResult(index, str(source))
    try:
        source_articles = corpus.read_source(Path(source), fields, strict, metadata)
    except (InputError, ValueError, OSError) as err:  # unreadable file: reported, skipped unless --strict
        result.error = str(err) if isinstance(err, InputError) else f"{source}: {err}"
        return result
    global _SENT
    result.report = source_articles.report
    keys = [corpus.text_key(t) for t in source_articles.text]
    result.text_hashes = np.fromiter((h for _, h in keys), dtype=np.int64, count=len(keys))
    articles = (source_articles.doc_id, source_articles.outlet, keys, list(source_articles.where))
    texts = clean.clean_texts(source_articles.text, source_articles.title)
    scanner = _scanner()
    tokens, spaced, bounds = scanner.scan(texts)
    _join_entities(scanner, tokens, spaced, _ENTITY_STARTS)
    n_forms = len(scanner.forms)
    ids, occurrences, article_bounds = scan.count_per_article(tokens, bounds, n_forms)
    # the forms new to this worker and the counts go through files, not the result pipe, which would block
    # this worker whenever the parent holds its GIL
    (_SPILL / f"{index}.vocab.txt").write_text("\n".join(scanner.forms[_SENT:]), encoding="utf-8")
    np.save(_SPILL / f"{index}.hashes.npy", scanner.hashes(_SENT))
    np.save(_SPILL / f"{index}.counts.npy", scan.count_forms(tokens, n_forms))
    _SENT = n_forms
    result.worker = f"{os.getpid()}"
    result.docs = len(texts)
    lengths = list(map(len, texts))
    result.chars = sum(lengths)
    with open(_SPILL / f"{index}.articles.pickle", "wb") as spill:  # read back only for likely duplicates
        pickle.dump((articles, lengths), spill, protocol=pickle.HIGHEST_PROTOCOL)
    np.save(_SPILL / f"{index}.ids.npy", ids)
    np.save(_SPILL / f"{index}.occurrences.npy", occurrences)
    np.save(_SPILL / f"{index}.bounds.npy", article_bounds)
    return result


class _EntityStarts:
    """For each form id of a scanner: the normalized first word of the entity it may start, or None."""

    def __init__(self):
        self.starts: list[str | None] = []
        self.candidate = np.zeros(0, dtype=bool)

    def update(self, forms: list[str]) -> np.ndarray:
        """Extend to the scanner's current forms; returns which form ids may start an entity."""
        new = forms[len(self.starts):]
        if new:
            index, first = entity_index(), entity_index().first_words
            self.starts += [_entity_start(f, index) if f in first else None for f in new]
            self.candidate = np.concatenate([self.candidate, [s is not None for s in self.starts[-len(new):]]])
        return self.candidate


def _join_entities(scanner: scan.Scanner, tokens: np.ndarray, spaced: np.ndarray, entity_starts: _EntityStarts
                   ) -> None:
    """Join multi-word entity spellings in a scanned batch, in place: the first token becomes the entity's
    form ("بيونغ يانغ"), the others −1. The words must be separated by spaces only (as in `tokenize`).

    Args:
        scanner: the scanner that produced `tokens`; entity_starts: what its forms may start (kept with it).
        tokens, spaced: from `scanner.scan`.
    """
    starts = entity_starts.update(scanner.forms)
    if not starts.any():
        return
    forms, index = scanner.forms, entity_index()
    next_free = 0
    for i in np.flatnonzero(starts[tokens]).tolist():
        if i < next_free:
            continue
        continuations = index.continuations[entity_starts.starts[tokens[i]]]
        longest = len(continuations[0])  # longest first
        following, gaps = tokens[i + 1:i + 1 + longest].tolist(), spaced[i:i + longest].tolist()
        for rest in continuations:
            k = len(rest)
            if k > len(following) or not all(gaps[:k]):
                continue
            if any(t < 0 or _normalized(forms[t]) != w for t, w in zip(following[:k], rest, strict=True)):
                continue
            tokens[i] = scanner.add(" ".join([forms[tokens[i]], *(forms[t] for t in following[:k])]))
            tokens[i + 1:i + 1 + k] = -1
            next_free = i + 1 + k
            break


_ENTITY_STARTS = _EntityStarts()
_SCANNER: scan.Scanner | None = None


def _scanner() -> scan.Scanner:
    """This process's scanner (its form ids are the ids this worker reports)."""
    global _SCANNER
    if _SCANNER is None:
        _SCANNER = scan.Scanner(*scan.char_tables(ARABIC_LETTERS, ARABIC_MARKS, DIGITS, LATIN_LETTERS))
    return _SCANNER


def _init_forked_worker(spill: str) -> None:
    # the parent's objects (pandas, numba: about a million) are never garbage here: collections skip them
    gc.enable()
    gc.freeze()
    _init_worker(spill)


def _init_worker(spill: str | None) -> None:
    global _SPILL, _SCANNER, _ENTITY_STARTS, _SENT
    _SPILL = Path(spill) if spill is not None else None
    _SCANNER, _ENTITY_STARTS = None, _EntityStarts()
    _SENT = 0


def _source_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@dataclass
class TermCounts:
    """The result of `count_terms`: the table and what it was computed from."""

    table: pd.DataFrame          # term, count, docs — sorted by count desc, then term
    term_map: TermMap
    articles: int
    chars: int
    skipped: list[str]
    report: corpus.LoadReport | None = None  # what the loader met (skipped or repaired files and records)


def count_terms(path: str | Path | pipeline.CleanStore | None = None, *, sources: Sequence[Path] | None = None,
                jobs: int | None = None, fields: dict | None = None, strict: bool = False,
                progress: bool | None = None) -> TermCounts:
    """Count the terms of a corpus, streaming it source file by source file in `jobs` worker processes.

    Args:
        path: corpus folder or file (see `arnews.corpus`); its metadata.csv gives titles (which cleaning uses).
        sources: the files to read instead of `corpus.sources(path)` (e.g. a list repeated 2× for a benchmark).
        jobs: worker processes (default: os.cpu_count()); 1 runs in this process.
        fields: column → source field overrides for the loader.
        strict: raise InputError at the first problem, the one `corpus.load(strict=True)` stops at.
        progress: tqdm bars on stderr (default: when the corpus is larger than 20 MB).
    Returns:
        TermCounts with `table` (term, count, docs), identical whatever `jobs` is.
    """
    if isinstance(path, pipeline.CleanStore):  # the corpus cleaned once (arnews.pipeline)
        articles = path.articles()
        analysis = analyse(articles)
        return TermCounts(term_table(analysis), analysis.term_map, len(articles),
                          int(articles["text"].str.len().sum()), [], path.report)
    if sources is None:
        sources = corpus.sources(path)
    sources = [Path(s) for s in sources]
    metadata, metadata_report = corpus.metadata_with_report(path) if path is not None else ({}, None)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if progress is None:
        progress = sum(_source_size(s) for s in sources) > 20_000_000
    order = sorted(range(len(sources)), key=lambda i: (-_source_size(sources[i]), i))  # big first: balance
    if strict:  # in corpus order, so --strict names the same first problem as every other stage
        order = list(range(len(sources)))
    entity_index(), scan.warm_workers()  # what the workers need, once, before forking them
    tasks = [(i, sources[i], fields, False, metadata) for i in order]  # --strict: _count stops as `load` would
    with tempfile.TemporaryDirectory(prefix="arnews-terms-") as spill, _without_collections():
        pool = None
        try:
            if jobs > 1 and len(tasks) > 1:
                import multiprocessing

                if strict:
                    pool = multiprocessing.get_context("fork").Pool(min(jobs, len(tasks)), _init_forked_worker,
                                                                    (spill,))
                    imap = _after_first_task(pool.imap, scan.warm_parent)  # the term map's kernels, meanwhile
                else:  # this process counts sources too, between merging what the others send
                    pool = multiprocessing.get_context("fork").Pool(min(jobs, len(tasks)) - 1, _init_forked_worker,
                                                                    (spill,))
                    imap = _SharedTasks(pool, min(jobs, len(tasks)) - 1, spill).map
            else:
                _init_worker(spill)
                imap = map
            return _count(tasks, imap, spill, strict, progress, metadata_report,
                          release=pool.terminate if pool is not None else lambda: None)
        finally:
            if pool is not None:
                pool.terminate()
            _init_worker(None)  # this process's scanner (if it counted) goes


class _SharedTasks:
    """Tasks taken, biggest first, by the pool's workers and by this process: a worker that finishes gets the
    next task at once (from the pool's result thread); this process counts one source at a time and hands
    over, between its own sources, what is done. No third process competes for two cores."""

    def __init__(self, pool, workers: int, spill: str):
        self.pool, self.workers, self.spill = pool, workers, spill
        self.lock = threading.Lock()
        self.done: queue.SimpleQueue = queue.SimpleQueue()

    def map(self, function, tasks):
        pending = collections.deque(tasks)

        def take():
            with self.lock:
                return pending.popleft() if pending else None

        def submit():
            task = take()
            if task is not None:
                self.pool.apply_async(function, (task,), callback=finished, error_callback=self.done.put)

        def finished(result):
            self.done.put(result)
            submit()

        for _ in range(self.workers):
            submit()
        _init_worker(self.spill)
        scan.warm_parent()  # the term map's kernels and lexicon
        handed = 0
        while (task := take()) is not None:
            mine = function(task)
            while not self.done.empty():
                handed += 1
                yield self._checked(self.done.get())
            handed += 1
            yield mine
        while handed < len(tasks):
            handed += 1
            yield self._checked(self.done.get())

    @staticmethod
    def _checked(result):
        if isinstance(result, BaseException):
            raise result
        return result


@contextlib.contextmanager
def _without_collections():
    """No automatic garbage collection in this process meanwhile: what the parent builds (lists, dictionaries,
    arrays of the vocabulary) holds no reference cycles, and each collection would walk every object."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _after_first_task(imap, job):
    """`imap` that runs `job()` in this process once the workers have their first tasks."""
    def run(function, tasks):
        results = imap(function, tasks)
        job()
        yield from results

    return run


def _count(tasks, imap, spill: str, strict: bool, progress: bool, metadata_report: corpus.LoadReport | None = None,
           release=lambda: None) -> TermCounts:
    """The parent's side of `count_terms`: merge what the workers send, then (with the workers released,
    their memory freed) drop duplicates, map forms to terms and count each term's articles."""
    spill_dir = Path(spill)
    surface_index = scan.HashIndex()  # surface forms, told apart by the hashes the workers send
    surfaces: list[str] = []
    totals = np.zeros(0, dtype=np.int64)
    form_id: defaultdict[str, int] = defaultdict(_counter().__next__)  # normalized form → its id
    form_of_surface_parts: list[np.ndarray] = []  # the form id of each surface, in surface id order
    n_normalized = 0
    to_global: dict[str, np.ndarray] = {}  # worker → its form ids → global surface ids
    source_worker: dict[int, str] = {}
    source_hashes: dict[int, np.ndarray] = {}
    skipped: list[str] = []
    articles = chars = 0
    reports = []
    bar = _progress(len(tasks), "terms: counting sources", progress)
    in_order = corpus.StrictOrder()
    for result in imap(_count_source, tasks):
        bar.update(1)
        if result.error:
            if strict:
                raise InputError(None, result.error)
            skipped.append(result.error)
            print(f"arnews terms: skipped {result.error}", file=sys.stderr)
            continue
        vocab = (spill_dir / f"{result.index}.vocab.txt").read_text(encoding="utf-8")
        vocab = vocab.split("\n") if vocab else []  # a token holds no line break
        source_counts = np.load(spill_dir / f"{result.index}.counts.npy")
        hashes = np.load(spill_dir / f"{result.index}.hashes.npy")
        new, first_seen = surface_index.ids(np.ascontiguousarray(hashes[:, :2]), hashes[:, 2].copy())
        surfaces += [vocab[i] for i in first_seen.tolist()]
        if len(surfaces) > n_normalized:  # normalize the forms never seen before, while the workers count
            normalized = normalize.normalize_words(surfaces[n_normalized:])
            form_of_surface_parts.append(np.fromiter(map(form_id.__getitem__, normalized), dtype=np.int64,
                                                     count=len(normalized)))
            n_normalized = len(surfaces)
        local_to_global = to_global[result.worker] = np.concatenate([to_global.get(result.worker, new[:0]), new])
        if len(surfaces) > totals.size:
            totals = np.concatenate([totals, np.zeros(len(surfaces) - totals.size, dtype=np.int64)])
        totals[local_to_global[:source_counts.size]] += source_counts
        source_worker[result.index] = result.worker
        source_hashes[result.index] = result.text_hashes
        articles += result.docs
        chars += result.chars
        if strict:
            in_order.check(result.report)
        if result.report is not None:
            reports.append((result.index, result.report))
    bar.close()
    release()
    reports = [r for _, r in sorted(reports, key=lambda item: item[0])]  # corpus order, whatever finished first
    if strict:
        in_order.finish(metadata_report)
    if metadata_report is not None and metadata_report.problems:
        reports.append(metadata_report)
    indices = sorted(source_worker)
    drops, duplicates, lengths = _exact_duplicates(indices, source_hashes, spill_dir, strict)
    dropped = {i: d for i, d in zip(indices, drops, strict=True) if d}
    for index, positions in dropped.items():  # take the duplicates' forms back out of the totals
        ids, occurrences, bounds = (np.load(spill_dir / f"{index}.{name}.npy", mmap_mode="r")
                                    for name in ("ids", "occurrences", "bounds"))
        rows = np.concatenate([np.arange(bounds[p], bounds[p + 1]) for p in positions])
        totals -= np.bincount(to_global[source_worker[index]][ids[rows]], weights=occurrences[rows],
                              minlength=totals.size).astype(np.int64)
        articles -= len(positions)
        chars -= sum(lengths[index][a] for a in positions)
    if duplicates.problems:
        reports.append(duplicates)
    report = corpus.LoadReport.combine(reports, articles=articles) if reports else None
    if report is not None and report.problems:
        report.log()

    forms = list(form_id)
    form_of_surface = np.concatenate(form_of_surface_parts) if form_of_surface_parts else np.zeros(0, np.int64)
    form_totals = np.bincount(form_of_surface, weights=totals, minlength=len(forms)).astype(np.int64)
    term_map = TermMap(forms=forms, totals=form_totals)
    key, names = term_map.resolve_ids()
    form_term = np.full(len(forms), -1, dtype=np.int64)
    term_keys, form_term[key >= 0] = np.unique(key[key >= 0], return_inverse=True)
    term_ids = form_term[form_of_surface] if len(surfaces) else np.zeros(0, dtype=np.int64)
    n_terms = len(term_keys)
    counts = np.bincount(term_ids[term_ids >= 0], weights=totals[term_ids >= 0], minlength=n_terms)
    docs = np.zeros(n_terms, dtype=np.int64)
    local_to_term = {worker: term_ids[local_to_global] for worker, local_to_global in to_global.items()}
    # the compiled count of each term's articles lets go of the GIL: it runs beside the labels
    counting = ThreadPoolExecutor(1)
    counted = counting.submit(_count_documents, spill_dir, indices, dropped, source_worker, local_to_term, docs)
    surface_label = term_map.set_labels(surfaces, form_of_surface, forms, totals, key == np.arange(len(forms)))
    spelling = np.full(n_terms, -1, dtype=np.int64)  # a word's label: its most frequent spelling
    is_form = term_keys < len(forms)
    spelling[is_form] = surface_label[term_keys[is_form]]
    labels = [surfaces[s] if s >= 0 else names[k] for k, s in zip(term_keys.tolist(), spelling.tolist(), strict=True)]
    for i in np.flatnonzero(np.isin(term_keys, term_map.entity_keys)).tolist():  # an entity's: its name
        labels[i] = term_map.entity_labels.get(names[term_keys[i]], labels[i])
    counts = counts.astype(np.int64)
    alphabetical = np.empty(n_terms, dtype=np.int64)
    alphabetical[_alphabetical_order(labels)] = np.arange(n_terms)
    counted.result()  # its error, if any, is raised here
    counting.shutdown()
    order = np.lexsort((alphabetical, -counts))  # count descending, then term
    order = order[counts[order] > 0]  # a word seen only inside a joined entity (يوري أوشاكوف) is no term
    table = pd.DataFrame({"term": [labels[i] for i in order.tolist()], "count": counts[order], "docs": docs[order]},
                         columns=COLUMNS)
    return TermCounts(table, term_map, articles, chars, skipped, report)


def _count_documents(spill_dir: Path, indices: list[int], dropped: dict[int, list[int]], source_worker: dict,
                     local_to_term: dict, docs: np.ndarray) -> None:
    """Add to `docs` the articles each term occurs in (each once per article), from the per-article form ids
    the workers spilled; exact duplicates (`dropped`) left out."""
    last_article = np.full(docs.size, -1, dtype=np.int64)
    first_article = 0
    for i in indices:
        ids, bounds = (np.load(spill_dir / f"{i}.{name}.npy") for name in ("ids", "bounds"))
        keep = np.ones(bounds.size - 1, dtype=bool)
        keep[dropped.get(i, [])] = False
        scan.count_documents(ids, bounds, local_to_term[source_worker[i]], keep, first_article, last_article, docs)
        first_article += bounds.size - 1


def _alphabetical_order(words: list[str]) -> np.ndarray:
    """Indices that sort `words` by code point, as `sorted` does (numpy's string sort is faster; very long
    words would make its fixed-width array huge, so they go to `sorted`)."""
    longest = max(map(len, words), default=0)
    if longest > 64:
        return np.array(sorted(range(len(words)), key=words.__getitem__), dtype=np.int64)
    return np.argsort(np.array(words, dtype=f"<U{max(longest, 1)}"), kind="stable")


def _exact_duplicates(indices: list[int], hashes: dict[int, np.ndarray], spill_dir: Path, strict: bool
                      ) -> tuple[list[list[int]], corpus.LoadReport, dict[int, list[int]]]:
    """Exact duplicates across the sources, as `corpus.load` drops them (see `corpus.duplicates_across_sources`).

    Only articles whose text hash occurs more than once are looked at, so the parent keeps 8 bytes per
    article, not its doc_id and origin. Returns the positions to drop per source (in `indices` order), the
    report, and the clean-text lengths of the sources that were read back.
    """
    all_hashes = np.concatenate([hashes[i] for i in indices]) if indices else np.zeros(0, np.int64)
    values, seen = np.unique(all_hashes, return_counts=True)
    repeated = values[seen > 1]
    candidates, lengths = [], {}
    for i in indices:
        positions = np.flatnonzero(np.isin(hashes[i], repeated)).tolist()
        columns: tuple = ([], [], [], [])  # doc_ids, outlets, text keys, where
        if positions:
            with open(spill_dir / f"{i}.articles.pickle", "rb") as spill:
                articles, lengths[i] = pickle.load(spill)
            columns = tuple([column[p] for p in positions] for column in articles)
        candidates.append((columns, positions))
    drops, report = corpus.duplicates_across_sources([c for c, _ in candidates], strict)
    return [[positions[d] for d in drop] for (_, positions), drop in zip(candidates, drops, strict=True)], \
        report, lengths


def _progress(total: int, desc: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="file", disable=not enabled, file=sys.stderr, leave=False)


# --- per-article analysis (notebook) ------------------------------------------------------------------------


@dataclass
class Analysis:
    """Terms per article for the notebook's analyses (built by `analyse`).

    doc_ids, outlets: one per article. sequences: per article, one entry per token: its term label, or None
    for a stopword/noise token (kept as a gap so bigrams never jump over a dropped word).
    """

    doc_ids: list[str]
    outlets: list[str]
    sequences: list[list[str | None]]
    term_map: TermMap

    def counts(self) -> Counter:
        """Occurrences of every term over all articles."""
        total: Counter = Counter()
        for seq in self.sequences:
            total.update(t for t in seq if t is not None)
        return total


def analyse(articles: pd.DataFrame | pipeline.CleanStore) -> Analysis:
    """Tokenize clean articles and map every token to its term, with the corpus as the word list.

    Args:
        articles: clean articles (columns doc_id, outlet, text), e.g. from `clean.clean_corpus`, or a clean store.
    Returns:
        Analysis with per-article term sequences.
    """
    if isinstance(articles, pipeline.CleanStore):
        articles = articles.articles()
    tokens = [tokenize(text) for text in articles["text"]]
    surface_counts: Counter = Counter()
    for toks in tokens:
        surface_counts.update(toks)
    surfaces = list(surface_counts)
    totals = np.fromiter(surface_counts.values(), dtype=np.int64, count=len(surfaces))
    form_of_surface, forms = pd.factorize(pd.Series(normalize.normalize_words(surfaces), dtype=object))
    forms = forms.tolist()
    form_totals = np.bincount(form_of_surface, weights=totals, minlength=len(forms)).astype(np.int64)
    term_map = TermMap(dict(zip(forms, form_totals.tolist(), strict=True)))
    keys = term_map.resolve_all()
    own = np.fromiter((k == f for f, k in zip(forms, keys, strict=True)), dtype=bool, count=len(forms))
    term_map.set_labels(surfaces, form_of_surface, forms, totals, own)
    labels = [None if k is None else term_map.label(k) for k in keys]
    label_of = {s: labels[i] for s, i in zip(surfaces, form_of_surface.tolist(), strict=True)}
    sequences = [[label_of[t] for t in toks] for toks in tokens]
    outlets = [str(o) if isinstance(o, str) and o.strip() else "" for o in articles.get("outlet", [""] * len(tokens))]
    return Analysis(articles["doc_id"].astype(str).tolist(), outlets, sequences, term_map)


def term_table(analysis: Analysis) -> pd.DataFrame:
    """term, count, docs over an Analysis (the same numbers the CLI writes for the same corpus)."""
    counts = analysis.counts()
    docs: Counter = Counter()
    for seq in analysis.sequences:
        docs.update({t for t in seq if t is not None})
    table = pd.DataFrame({"term": list(counts), "count": list(counts.values()),
                          "docs": [docs[t] for t in counts]}, columns=COLUMNS)
    return table.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def top_terms_per_article(analysis: Analysis, n: int = 5, articles: int = 10) -> pd.DataFrame:
    """The `n` most frequent terms of each of the `articles` longest articles (all articles when fewer).

    Returns:
        DataFrame doc_id, rank, term, count.
    """
    lengths = [(-sum(t is not None for t in seq), i) for i, seq in enumerate(analysis.sequences)]
    rows = []
    for _, i in sorted(lengths)[:articles]:
        counts = Counter(t for t in analysis.sequences[i] if t is not None)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        rows += [(analysis.doc_ids[i], rank, term, c) for rank, (term, c) in enumerate(ranked[:n], 1)]
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "count"])


def collocations(analysis: Analysis, min_count: int = 3, top: int = 20) -> pd.DataFrame:
    """Bigram collocations: adjacent term pairs (no stopword between them) ranked by log-likelihood (G²).

    Dunning's G² compares how often the two terms occur together with how often they would by chance;
    PMI is given too (log2 of observed/expected). Pairs seen fewer than `min_count` times are left out.

    Returns:
        DataFrame first, second, count, pmi, llr (sorted by llr desc, then the pair).
    """
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    for seq in analysis.sequences:
        unigrams.update(t for t in seq if t is not None)
        bigrams.update((a, b) for a, b in zip(seq, seq[1:], strict=False) if a is not None and b is not None)
    n = sum(bigrams.values())
    rows = []
    for (a, b), k11 in bigrams.items():
        if k11 < min_count:
            continue
        k12 = unigrams[a] - k11
        k21 = unigrams[b] - k11
        k22 = max(n - k11 - k12 - k21, 0)
        expected = unigrams[a] * unigrams[b] / n
        rows.append((a, b, k11, math.log2(k11 / expected), _g2(k11, k12, k21, k22)))
    table = pd.DataFrame(rows, columns=["first", "second", "count", "pmi", "llr"])
    return table.sort_values(["llr", "first", "second"], ascending=[False, True, True], kind="stable").head(top) \
        .reset_index(drop=True)


def _g2(k11: int, k12: int, k21: int, k22: int) -> float:
    """Dunning's log-likelihood ratio for a 2×2 contingency table."""

    def h(*ks: int) -> float:
        total = sum(ks)
        return sum(k * math.log(k / total) for k in ks if k > 0)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def log_odds(counts_a: dict[str, int], counts_b: dict[str, int], prior: dict[str, float]) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    δ_w = log[(y_aw+α_w)/(n_a+α_0−y_aw−α_w)] − log[(y_bw+α_w)/(n_b+α_0−y_bw−α_w)],
    z_w = δ_w / sqrt(1/(y_aw+α_w) + 1/(y_bw+α_w)). Positive z: the term leans to group a.

    Args:
        counts_a, counts_b: term counts of the two groups.
        prior: α_w per term (e.g. counts in the whole corpus); terms without a prior are left out.
    Returns:
        DataFrame term, count_a, count_b, delta, z — sorted by z descending, then term.
    """
    alpha0 = float(sum(prior.values()))
    n_a, n_b = float(sum(counts_a.values())), float(sum(counts_b.values()))
    rows = []
    for term, alpha in prior.items():
        if alpha <= 0:
            continue
        ya, yb = counts_a.get(term, 0), counts_b.get(term, 0)
        delta = (math.log((ya + alpha) / (n_a + alpha0 - ya - alpha))
                 - math.log((yb + alpha) / (n_b + alpha0 - yb - alpha)))
        z = delta / math.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))
        rows.append((term, ya, yb, delta, z))
    table = pd.DataFrame(rows, columns=["term", "count_a", "count_b", "delta", "z"])
    return table.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def distinctive_terms(analysis: Analysis, by: str = "outlet", top: int = 8, min_groups: int = 2,
                      max_groups: int = 8) -> pd.DataFrame:
    """Terms that set each group (outlet, or article) apart from all the others, by weighted log-odds.

    Groups by outlet when at least `min_groups` outlets are named and they cover 80% of the articles, else by
    article. The prior is the whole
    corpus' term counts. Only the `max_groups` largest groups are shown.

    Returns:
        DataFrame group, rank, term, count (in the group), z — empty when there are fewer than two groups.
    """
    known = [o for o in analysis.outlets if o]
    by_outlet = by == "outlet" and len(set(known)) >= min_groups and len(known) >= 0.8 * len(analysis.outlets)
    keys = analysis.outlets if by_outlet else analysis.doc_ids
    grouped: dict[str, Counter] = {}
    for key, seq in zip(keys, analysis.sequences, strict=True):
        grouped.setdefault(key or "(unknown)", Counter()).update(t for t in seq if t is not None)
    total = analysis.counts()
    rows = []
    if len(grouped) < 2:
        return pd.DataFrame(rows, columns=["group", "rank", "term", "count", "z"])
    largest = sorted(grouped, key=lambda g: (-sum(grouped[g].values()), g))[:max_groups]
    for group in largest:
        rest = total - grouped[group]
        table = log_odds(grouped[group], rest, dict(total)).head(top)
        rows += [(group, rank, r.term, r.count_a, round(r.z, 2)) for rank, r in enumerate(table.itertuples(), 1)]
    return pd.DataFrame(rows, columns=["group", "rank", "term", "count", "z"])


def mention_matrix(analysis: Analysis, entities: int = 15, articles: int = 20) -> pd.DataFrame:
    """Entity × article mention counts (entities from entities.csv, merged across spellings and clitics).

    Keeps the `entities` most mentioned entities and the `articles` articles that mention them most.

    Returns:
        DataFrame indexed by entity (canonical name), one column per doc_id; empty when no entity occurs.
    """
    names = {e.canonical for e in lexicons.entities()}
    per_doc = {doc: Counter(t for t in seq if t in names) for doc, seq in zip(analysis.doc_ids, analysis.sequences,
                                                                             strict=True)}
    total: Counter = Counter()
    for c in per_doc.values():
        total.update(c)
    keep = [e for e, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:entities]]
    docs = sorted(per_doc, key=lambda d: (-sum(per_doc[d][e] for e in keep), d))[:articles]
    docs = [d for d in docs if any(per_doc[d][e] for e in keep)]
    matrix = pd.DataFrame([[per_doc[d][e] for d in docs] for e in keep], index=keep, columns=docs, dtype="int64")
    matrix.index.name = "entity"
    return matrix


def mention_heatmap(matrix: pd.DataFrame, title: str = "Entity mentions per article"):
    """Heat map of an entity × article matrix (from `mention_matrix`), on `plotting.heatmap`. Returns the Figure."""
    from arnews import plotting

    shown = matrix.rename(columns=lambda d: str(d) if len(str(d)) <= 24 else "…" + str(d)[-23:])
    return plotting.heatmap(shown, title=title, xlabel="article",
                            empty_message="no entity of entities.csv is mentioned")


def kwic(articles: pd.DataFrame, analysis: Analysis, term: str, width: int = 45, limit: int = 12,
         seed: int = 0) -> pd.DataFrame:
    """Keyword in context: every occurrence of a term (any spelling, any clitic) with its left/right context.

    Args:
        articles: the clean articles `analysis` was built from (same order).
        term: a term label, e.g. "الأسلحة" or any spelling of it ("أسلحة", "بالأسلحة").
        width: characters of context on each side.
        limit: at most this many lines, sampled reproducibly (random.Random(seed)) when there are more.
    Returns:
        DataFrame doc_id, left, match, right (plain text: display escapes it; `kwic_html` escapes explicitly).
    """
    wanted = _term_label(analysis, term)
    hits = []
    for doc_id, text, seq in zip(analysis.doc_ids, articles["text"], analysis.sequences, strict=True):
        if wanted not in seq:
            continue
        tokens = _token_spans(text)
        for (start, end), label in zip(tokens, seq, strict=False):
            if label == wanted:
                left = " ".join(text[max(0, start - width):start].split())
                right = " ".join(text[end:end + width].split())
                hits.append((doc_id, left, text[start:end], right))
    if len(hits) > limit:
        picked = sorted(random.Random(seed).sample(range(len(hits)), limit))
        hits = [hits[i] for i in picked]
    return pd.DataFrame(hits, columns=["doc_id", "left", "match", "right"])


def kwic_html(lines: pd.DataFrame) -> str:
    """KWIC lines as an HTML table in Arabic reading order, with every piece of article text escaped.

    The table runs right to left: the article, then the context before the match (`left`, to the right of
    the match, where an Arabic reader meets it first), the match, and the context after it (`right`, to its
    left); each context is aligned towards the match.
    """
    rows = "".join(
        f"<tr><td>{html.escape(r.doc_id)}</td><td style='text-align:left'>{html.escape(r.left)}</td>"
        f"<td><b>{html.escape(r.match)}</b></td><td style='text-align:right'>{html.escape(r.right)}</td></tr>"
        for r in lines.itertuples()
    )
    return f"<table dir='rtl' class='arnews-kwic'>{rows}</table>"


def _term_label(analysis: Analysis, term: str) -> str | None:
    """The label of the term a spelling belongs to."""
    form = normalize.analysis(term)
    key = analysis.term_map.term(form)
    return None if key is None else analysis.term_map.label(key)


def _token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `tokenize(text)`, in order (a merged entity spans all its words)."""
    matches = list(TOKEN_RE.finditer(text))
    spans = [m.span() for m in matches]
    _merge_entities(text, [m.group() for m in matches], spans)
    return spans


# --- CLI -----------------------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from arnews.cli import add_corpus_argument, add_strict_argument

    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, metavar="FILE.csv", help="where to write term,count,docs")
    parser.add_argument("--top", type=int, default=None, metavar="N", help="keep only the N most frequent terms")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes (default: the number of CPU cores); the output does not depend on it")
    add_strict_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.top is not None and args.top < 1:
        raise InputError(None, f"--top must be a positive number, got {args.top}")
    if args.jobs is not None and args.jobs < 1:
        raise InputError(None, f"--jobs must be a positive number, got {args.jobs}")
    files.check_output_path(args.out, args.corpus)
    result = count_terms(args.corpus, jobs=args.jobs, strict=args.strict)
    table = result.table if args.top is None else result.table.head(args.top)
    files.write_csv(table, args.out)
    print(f"{len(table)} terms from {result.articles} articles → {args.out}", file=sys.stderr)
    return 0
