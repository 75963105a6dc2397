"""The term map: which term each folded form of a corpus counts for, decided with the corpus as the word list.

Rules (`TermMap.term` is their readable specification; `TermMap.resolve_ids` runs them compiled for a whole
vocabulary at once, and the tests hold the two equal):

1. A spelling of an entity of data/lexicons/entities.csv (also behind a proclitic: «وبوتين», «للعراق») is the
   entity, named by its canonical spelling.
2. A protected word (clitic_exceptions.csv: ولاية state, والد father) is its own term.
3. Dropped (no term): a stopword (`lexicon.stopwords`), a bare proclitic written as a word («الـ 10%»:
   ال; «و»), a number (dates and quantities are the timeline's; «10» and «2015» tell no topic), a form with
   a space that no join made (a formula NFKC spells in words: ﷺ), a one-letter word.
4. A proclitic prefix (و ف ب ك ل ال and their combinations وال بال لل وبال …) is stripped only when the
   corpus attests the remainder:
   - a remainder that is one of the project's stopwords makes the form a stopword («وقال» and he said); a
     remainder that is one of the package's function words is no reading (the package lists their proclitic
     forms itself: «الله» God is not ال+له, «بلدية» municipality is not ب+لديه);
   - after a prefix holding the article, the whole form must not be KEEP_RATIO times more frequent than the
     remainder (الرياض "Riyadh" stays apart from رياض "gardens");
   - after و ف ب ك ل alone the remainder needs MIN_STEM_AFTER_PROCLITIC letters and must be at least as
     frequent as the whole form («وبوتين» → بوتين; فيصل "Faisal" is not ف+يصل), or be a protected word
     (ووزير → وزير), or be a noun while the whole form is not: the remainder takes the article in the corpus
     (الكرة) and is, with its definite form, NOUN_SHARE as frequent as the whole form, which itself is
     KEEP_RATIO times more frequent bare than with the article («لكرة القدم» → كرة, «بنسبة» → نسبة, while
     كامل "complete", بطاقة "card" and لجنة "committee" — الكامل، البطاقة، اللجنة — stay words);
   - of several attested remainders the most frequent wins (then the longer, then the larger string), and it
     counts for its own term only when one prefix reaches that term from the form (الأليم the painful is
     ال+أليم, never ال+ال+يم).
5. Anything else is its own term: a word, a number, a Latin word, a joined name or acronym.

Each term is shown by a label (`label`): an entity's canonical name, else the most frequent written spelling
of the form that is its own term (ties: the smaller string).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from arnews import arabic
from arnews.arabic import clitics
from arnews.terms import kernels, lexicon
from arnews.terms.tokens import token_kind

__all__ = ["KEEP_RATIO", "MIN_STEM", "MIN_STEM_AFTER_PROCLITIC", "NOUN_SHARE", "TermMap", "entity_key",
           "is_bare_proclitic"]

MIN_STEM = clitics.MIN_STEM
MIN_STEM_AFTER_PROCLITIC = clitics.MIN_STEM_AFTER_PROCLITIC
#: After the article, a form this many times more frequent than its would-be stem is a word of its own; a
#: form this many times more frequent bare than with the article is no noun of its own (see rule 4).
KEEP_RATIO = 10
#: The share of the whole form's occurrences that a noun remainder (bare and definite together) must reach.
NOUN_SHARE = 0.5
_PREFIXES = frozenset(p for p, _ in arabic.PREFIX_RULES)
_ARTICLE_CODES = np.array([ord(c) for c in clitics.ARTICLE], dtype=np.uint32)
_FLAG_STOP, _FLAG_PROTECTED, _FLAG_ENTITY, _FLAG_JOINED, _FLAG_SPACE, _FLAG_PROCLITIC, _FLAG_PROJECT_STOP = \
    1, 2, 4, 8, 16, 32, 64


def is_bare_proclitic(form: str) -> bool:
    """Whether a folded form is nothing but a proclitic sequence: «ال» (from «الـ 10%»), «و», «وال»."""
    return form in _PREFIXES


def entity_key(entity) -> str:
    """The term key of an entity: its folded canonical spelling."""
    return arabic.entity_index().key(entity)


@cache
def _lexicon_lists() -> dict[str, tuple[tuple[str, ...], np.ndarray, np.ndarray]]:
    """The words the compiled term map looks up, sorted and hashed: entity spellings, their entities' keys,
    stopwords, the project's stopwords and protected words."""
    by_spelling = arabic.entity_index().by_spelling
    spellings = tuple(sorted(by_spelling))
    words = {"entity keys": tuple(entity_key(by_spelling[s]) for s in spellings), "entity": spellings,
             "stop": tuple(sorted(lexicon.stopwords())), "project": tuple(sorted(lexicon.project_stopwords())),
             "protected": tuple(sorted(lexicon.protected_words())), "proclitics": tuple(sorted(_PREFIXES))}
    return {name: (w, *kernels.hash_words(list(w))) for name, w in words.items()}


@dataclass(frozen=True)
class _Rules:
    """PREFIX_RULES as arrays for `kernels.decompose` (code points zero-padded, one row per rule)."""

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

    prefixes, replacements = [p for p, _ in arabic.PREFIX_RULES], [r for _, r in arabic.PREFIX_RULES]
    letters = np.zeros(0x10000, dtype=bool)
    letters[[ord(c) for c in clitics.PREFIX_LETTERS]] = True
    return _Rules(padded(prefixes), np.array([len(p) for p in prefixes], dtype=np.int64), padded(replacements),
                  np.array([len(r) for r in replacements], dtype=np.int64),
                  np.array([clitics.ARTICLE in p or "لل" in p for p in prefixes]), letters)


class TermMap:
    """Maps folded forms to terms, validated against the corpus vocabulary and the lexicons (module docstring).

    Build it from the counts of folded forms in a corpus (`TermMap(counts)`, or the same as two columns: forms
    and totals); `joined` names the forms of tokens the tokenizer joined (names, acronyms: their own terms
    although they hold spaces). `term(form)` is the term key (a folded word, or an entity's folded canonical
    name) or None; `label(key)` the spelling to show.
    """

    def __init__(self, counts: dict[str, int] | None = None, *, forms: list[str] | None = None,
                 totals: np.ndarray | None = None, joined: frozenset[str] = frozenset()):
        if counts is None:  # the dict is made when first read (`term`); `resolve_ids` reads the columns
            self._columns = (list(forms or []), np.asarray(totals if totals is not None else [], dtype=np.int64))
            self._counts = None
        else:
            self._columns = None
            self._counts = counts
        self.joined = joined
        self.entities = arabic.entity_index().by_spelling
        self.stop = lexicon.stopwords()
        self.project_stop = lexicon.project_stopwords()
        self.protected = lexicon.protected_words()
        self._terms: dict[str, str | None] = {}
        self._resolved: tuple[list[str], np.ndarray, list[str]] | None = None
        self.entity_ids: dict[int, str] = {}  # `resolve_ids`: the key id of each entity met → its canonical name
        self.entity_labels: dict[str, str] = {}  # an entity's key → its canonical name
        self._labels: dict[str, str] = {}
        self._chosen_labels: list[tuple] = []  # what `set_labels` chose, put in `_labels` when first read

    @property
    def counts(self) -> dict[str, int]:
        """Occurrences of each folded form of the corpus."""
        if self._counts is None:
            forms, totals = self._columns
            self._counts = dict(zip(forms, totals.tolist(), strict=True))
        return self._counts

    # --- the specification -------------------------------------------------------------------------------

    def term(self, form: str) -> str | None:
        """The term key of a folded form (see the module docstring for the rules), or None."""
        if self._resolved is not None:  # the decisions of `resolve_ids`, the same as the rules'
            forms, key, names = self._resolved
            self._terms.update(zip(forms, (None if k < 0 else names[k] for k in key.tolist()), strict=True))
            self._resolved = None
        if form not in self._terms:
            self._terms[form] = self._resolve(form)
        return self._terms[form]

    def _resolve(self, form: str) -> str | None:
        decompositions = arabic.decompositions(form)
        stems = [stem for stem, _ in decompositions]
        if form in self.entities:
            return self._entity(form)
        for stem in stems:
            if stem in self.entities:
                return self._entity(stem)
        if form in self.protected:
            return form
        if form in self.stop or is_bare_proclitic(form) or (" " in form and form not in self.joined) or not form \
                or token_kind(form) == "number":
            return None
        if not stems:
            return None if len(form) < 2 and token_kind(form) == "arabic" else form
        counts = self.counts
        whole = counts.get(form, 0)
        best, best_key = None, (0, 0, "")
        for stem, article in decompositions:
            if stem in self.project_stop:
                return None  # one of the project's stopwords with a proclitic: وقال
            if stem in self.stop:
                continue  # a function word of the package: its proclitic forms are listed (الله is not ال+له)
            n = counts.get(stem, 0)
            if article:
                attested = n * KEEP_RATIO > whole
            else:
                nouns = counts.get(clitics.ARTICLE + stem, 0)
                attested = len(stem) >= MIN_STEM_AFTER_PROCLITIC and (
                    n >= whole or stem in self.protected
                    or (counts.get(clitics.ARTICLE + form, 0) * KEEP_RATIO <= whole and nouns > 0
                        and n + nouns >= NOUN_SHARE * whole))
            if n and attested and (n, len(stem), stem) > best_key:
                best, best_key = stem, (n, len(stem), stem)
        if best is None:
            return form
        key = self.term(best)
        return key if key == best or key in stems or key in self.entities else best

    def _entity(self, spelling: str) -> str:
        entity = self.entities[spelling]
        key = entity_key(entity)
        self.entity_labels[key] = entity.canonical
        return key

    # --- the production path ------------------------------------------------------------------------------

    def resolve_ids(self) -> tuple[np.ndarray, list[str]]:
        """The term key of every form of the counts at once, compiled (the same decisions as `term`): (key,
        names), the key of form i being names[key[i]] (−1: none). names starts with the forms of the counts."""
        if self._columns is not None:
            forms, counts = self._columns
        else:
            forms = list(self.counts)
            counts = np.fromiter(self.counts.values(), dtype=np.int64, count=len(forms))
        n = len(forms)
        codes, starts, ends = kernels.encode(forms)
        hashes = kernels.hash_spans(codes, starts, ends, kernels.NO_PREFIX)
        rules = _rule_arrays()
        bounds, dec_rules, dec_hashes, dec_lengths = kernels.decompose(
            codes, starts, ends, rules.prefix, rules.prefix_length, rules.replacement, rules.replacement_length,
            rules.prefix_letters, MIN_STEM)
        index = kernels.HashIndex(expected=n + dec_lengths.size)
        index.ids(hashes, ends - starts)  # the forms are distinct: ids 0 … n − 1
        names = list(forms)

        def ids_of(words: tuple[str, ...], word_hashes: np.ndarray, lengths: np.ndarray) -> np.ndarray:
            ids, first_seen = index.ids(word_hashes, lengths)  # the words not seen yet get the next ids
            names.extend(words[i] for i in first_seen.tolist())
            return ids

        lists = _lexicon_lists()
        entity_keys = ids_of(*lists["entity keys"])
        lexicon_ids = {name: ids_of(*lists[name]) for name in ("stop", "project", "protected", "entity")}
        stems, _ = index.ids(dec_hashes, dec_lengths)  # a stem seen nowhere gets a new id, beyond the names
        flags = np.zeros(len(index), dtype=np.int64)
        for name, bit in (("stop", _FLAG_STOP), ("project", _FLAG_PROJECT_STOP), ("protected", _FLAG_PROTECTED),
                          ("entity", _FLAG_ENTITY)):
            flags[lexicon_ids[name]] |= bit
        spaces = np.concatenate([[0], np.cumsum(codes == 32)])
        for f in np.flatnonzero(spaces[ends] > spaces[starts]).tolist():
            flags[f] |= _FLAG_SPACE | (_FLAG_JOINED if forms[f] in self.joined else 0)
        proclitics = index.find(*_lexicon_lists()["proclitics"][1:])
        flags[proclitics[(proclitics >= 0) & (proclitics < n)]] |= _FLAG_PROCLITIC  # a bare proclitic: dropped
        first = codes[np.minimum(starts, codes.size - 1)] if codes.size else np.zeros(0, np.uint32)
        flags[:n][(ends > starts) & (first >= ord("0")) & (first <= ord("9"))] |= _FLAG_PROCLITIC  # a folded
        # number starts with an ASCII digit: dropped alike
        definite = np.zeros(len(index), dtype=np.int64)  # per form, its occurrences with the article (ال + form)
        with_article = index.find(kernels.hash_spans(codes, starts, ends, _ARTICLE_CODES),
                                  ends - starts + _ARTICLE_CODES.size)
        known = (with_article >= 0) & (with_article < n)
        definite[:n][known] = counts[with_article[known]]
        decision, value = kernels.choose_terms(
            bounds, stems, dec_rules, dec_lengths, counts, definite, flags,
            codes, starts, ends, rules.prefix_length, rules.replacement, rules.replacement_length, rules.article,
            KEEP_RATIO, NOUN_SHARE, MIN_STEM_AFTER_PROCLITIC)
        key = np.arange(n, dtype=np.int64)
        key[decision == kernels.DROP] = -1
        key[decision == kernels.STEM] = -2  # still to follow
        for f in np.flatnonzero(decision == kernels.SHORT).tolist():
            key[f] = -1 if token_kind(forms[f]) == "arabic" else f
        spelling_key = dict(zip(lexicon_ids["entity"].tolist(), entity_keys.tolist(), strict=True))
        for f in np.flatnonzero(decision == kernels.ENTITY).tolist():
            key[f] = spelling_key[int(value[f])]
            self._entity(names[value[f]])  # its label
            self.entity_ids[int(key[f])] = self.entities[names[value[f]]].canonical
        kernels.follow_stems(decision, value, bounds, stems, key, flags)
        self._resolved = (forms, key, names)  # `term` reads them when first asked
        return key, names

    def resolve_all(self) -> list[str | None]:
        """`term()` of every form of the counts, in their order, by the compiled path."""
        key, names = self.resolve_ids()
        return [None if k < 0 else names[k] for k in key.tolist()]

    # --- labels --------------------------------------------------------------------------------------------

    def label(self, key: str) -> str:
        """The spelling shown for a term key (falls back to the key itself)."""
        return self.entity_labels.get(key) or self._word_labels().get(key, key)

    @property
    def labels(self) -> dict[str, str]:
        """Term key → the spelling shown: an entity's canonical name, else a word's most frequent spelling."""
        return {**self._word_labels(), **self.entity_labels}

    def _word_labels(self) -> dict[str, str]:
        for forms, surfaces, chosen, best in self._chosen_labels:
            self._labels.update(zip([forms[f] for f in chosen.tolist()], [surfaces[b] for b in best.tolist()],
                                    strict=True))
        self._chosen_labels.clear()
        return self._labels

    def set_labels(self, surfaces: Sequence[str], form_of_surface: np.ndarray, forms: Sequence[str],
                   counts: np.ndarray, own: np.ndarray) -> np.ndarray:
        """Choose each term's label: its most frequent surface spelling (ties: the smaller string).

        Args:
            surfaces: distinct surface forms; form_of_surface: for each, the index of its form in `forms`.
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
        self._chosen_labels.append((forms, surfaces, form[first], best))
        return label
