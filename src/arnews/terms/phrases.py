"""Multi-word terms found in the corpus itself: adjacent terms that occur together far more often than chance.

Names and fixed expressions of the news — «ولي العهد» (crown prince), «خادم الحرمين الشريفين» (Custodian of
the Two Holy Mosques), «مجلس الوزراء» (council of ministers) — are one idea written in several words; counting
their words apart fills the top of the table with halves (العهد، الحرمين). entities.csv lists the names a
researcher knows; this module proposes the others from the corpus's own statistics:

- a pair of terms is a candidate where the two tokens are adjacent (only spaces between them, no stopword: a
  stopword is a gap) and each term occurs at least `min_count` times (and `min_count_per_million` tokens);
- it becomes a phrase when it occurs at least as often, its log-likelihood ratio G² (Dunning 1993) reaches
  `min_llr` (the association is no accident), its normalized PMI (Bouma 2009: log(p(ab)/(p(a)p(b))) /
  −log p(ab), from −1 to 1) reaches `min_npmi` (the words belong together rather than merely co-occur), and
  it accounts for at least `min_share` of the occurrences of one of its two terms (a word that lives mostly
  inside the phrase is a half of it); a word that starts with the conjunction و/ف starts a new coordinate,
  so no phrase spans it («العتيبي ومحمد», «حكومة وشعبا» government and people: see `coordinates`);
- phrases are merged into the token sequences left to right (where two chosen pairs overlap, A B C, the one
  with the higher NPMI wins), and the search runs `rounds` times, so a phrase can grow by one word per round
  (خادم الحرمين → خادم الحرمين الشريفين).

Given names get one more, structural round. A word is a given name when at least `given_name_share` of its
occurrences (and `min_count` of them) open a chain of names the tokenizer joined («محمد بن نايف»: محمد, 23%
of its occurrences in SaudiNewsNet; «مدينة» city: 0.03%). Alone, a given name is the half of a name: it is
joined with the name that follows it (another given name, a chain, or a definite nisba such as «العتيبي»)
into one person, and otherwise not counted (which Muhammad?).

The thresholds live in data/lexicons/phrases.yaml. A phrase is shown by its words as written: each word by
its most frequent spelling without a proclitic (الشرق الأوسط, not والشرق الأوسط).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from arnews import arabic, runner
from arnews.arabic import clitics
from arnews.terms import kernels, lexicon

__all__ = ["Phrases", "choose", "coordinates", "g2", "npmi"]


def g2(k11: np.ndarray, k1_: np.ndarray, k_1: np.ndarray, n: float) -> np.ndarray:
    """Dunning's log-likelihood ratio G² of the 2×2 table of a pair (k11 together, k1_ and k_1 the counts of
    its first and second term, n the pairs in all)."""
    k11 = k11.astype(np.float64)
    k12, k21 = k1_ - k11, k_1 - k11
    k22 = np.maximum(n - k11 - k12 - k21, 0.0)

    def h(*ks):
        total = sum(ks)
        with np.errstate(divide="ignore", invalid="ignore"):
            return sum(np.where(k > 0, k * np.log(np.where(k > 0, k, 1) / np.where(total > 0, total, 1)), 0.0)
                       for k in ks)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def npmi(k11: np.ndarray, k1_: np.ndarray, k_1: np.ndarray, n: float) -> np.ndarray:
    """Normalized pointwise mutual information of pairs (1: the words only ever occur together)."""
    p11 = k11 / n
    pmi = np.log(p11 / ((k1_ / n) * (k_1 / n)))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p11 < 1, pmi / -np.log(p11), 1.0)


@dataclass
class Phrases:
    """The phrases chosen for a corpus, round by round, and how to merge them into a token sequence.

    Attributes:
        rounds: per round, the lookup table of `kernels.merge_pairs` and the number of term ids before it.
        labels: the label of each phrase (phrase ids follow the word terms' ids).
        parts: per phrase, the (first, second) term ids it joins.
    """

    rounds: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    parts: list[tuple[int, int]] = field(default_factory=list)
    given_names: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def apply(self, terms: np.ndarray, linked: np.ndarray, bounds: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Merge the phrases into a token sequence.

        Returns:
            (terms, linked, bounds, first, last): the merged sequence, and for each merged token the indices
            of its first and last token in the input.
        """
        first = np.arange(terms.size, dtype=np.int64)
        last = first.copy()
        for keys, ids, scores, n_ids in self.rounds:
            size = terms.size
            terms, linked, bounds, picked = kernels.merge_pairs(terms, linked, bounds, keys, ids, scores, n_ids)
            ends = np.append(picked[1:], size) - 1
            first, last = first[picked], last[ends]
        return self.drop_given_names(terms), linked, bounds, first, last

    def drop_given_names(self, terms: np.ndarray) -> np.ndarray:
        """The sequence with every given name left alone (not joined to a family name) made a gap."""
        if not self.given_names.size:
            return terms
        given = np.zeros(max(int(terms.max(initial=0)), int(self.given_names.max())) + 2, dtype=bool)
        given[self.given_names] = True  # and given[−1], the last, stays False: a gap stays a gap
        return np.where(given[terms], -1, terms).astype(terms.dtype)


def choose(terms: np.ndarray, linked: np.ndarray, bounds: np.ndarray, labels: list[str], keys: list[str],
           surface_ids: np.ndarray, surfaces: list[str], parts: int | None = None
           ) -> tuple[Phrases, np.ndarray, np.ndarray, np.ndarray]:
    """Find the phrases of a corpus (see the module docstring) and merge them into its token sequence.

    Args:
        terms, linked, bounds: term id per token (−1: gap), adjacency, article starts (see `engine.Analysis`).
        labels, keys: the label and the folded key of each term id.
        surface_ids, surfaces: the written token behind each position, and the corpus's distinct tokens.
        parts: the pairs are counted in this many parts of whole articles, each in a thread (default: one per
            core); the result does not depend on it.
    Returns:
        (phrases, terms, linked, bounds): the phrases, and the sequence with them merged (`Phrases.apply`).
    """
    settings = lexicon.phrase_settings()
    result = Phrases()
    all_labels = list(labels)
    # the rounds run on the terms alone (a gap only breaks adjacency: no pair spans it), at their positions
    # `origin`; the gaps go back where they were at the end
    everything = (terms, linked, bounds)
    shapes = runner.in_background(lambda: _name_shapes(keys))  # Python, beside the rounds' compiled kernels
    parts = parts or runner.available_cores()
    origin, terms, linked, bounds = kernels.without_gaps(terms, linked, bounds)
    words = len(labels)  # term ids from here on are phrases
    floor = max(settings.min_count, math.ceil(settings.min_count_per_million * terms.size / 1e6))

    def shown(at: np.ndarray, before: np.ndarray) -> np.ndarray:
        """Per token at `at` of the sequence `before`: its surface id, or −1 − (term id) for a phrase."""
        term = before[at]
        return np.where(term >= words, -1 - term.astype(np.int64), surface_ids[origin[at]])

    def merge(chosen_keys: np.ndarray, scores: np.ndarray, n_ids: int) -> None:
        nonlocal terms, linked, bounds, origin
        order = np.argsort(chosen_keys, kind="stable")  # phrase ids in the order of their pair keys
        chosen_keys, scores = chosen_keys[order], scores[order]
        ids = np.arange(n_ids, n_ids + chosen_keys.size, dtype=np.int64)
        table = kernels.pair_table(chosen_keys, ids, scores)
        before = terms
        terms, linked, bounds, picked = kernels.merge_pairs(terms, linked, bounds, *table, n_ids)
        merged = np.flatnonzero(terms >= n_ids)
        left, right = shown(picked[merged], before), shown(picked[merged] + 1, before)
        origin = kernels.take_forward(origin, picked)
        pairs = [(int(x), int(y)) for x, y in zip((chosen_keys // n_ids).tolist(), (chosen_keys % n_ids).tolist(),
                                                   strict=True)]
        all_labels.extend(_labels(terms[merged] - n_ids, left, right, pairs, all_labels, surfaces))
        result.rounds.append((*table, n_ids))
        result.parts.extend(pairs)

    for _ in range(settings.rounds):
        n_ids = len(all_labels)
        unigram = kernels.occurrences(terms, n_ids)
        keys_, together = _pair_counts(terms, linked, bounds, unigram >= floor, n_ids, parts)
        n_pairs = float(kernels.linked_pairs(terms, linked))
        frequent = together >= floor
        keys_, together = keys_[frequent], together[frequent]
        if not keys_.size:
            break
        a, b = keys_ // n_ids, keys_ % n_ids
        scores = npmi(together, unigram[a], unigram[b], n_pairs)
        share = together / np.minimum(unigram[a], unigram[b])
        chosen = (g2(together, unigram[a], unigram[b], n_pairs) >= settings.min_llr) \
            & (scores >= settings.min_npmi) & (share >= settings.min_share)
        if not chosen.any():
            break
        merge(keys_[chosen], scores[chosen], n_ids)

    n_ids = len(all_labels)
    given, follows = _given_names(kernels.occurrences(terms, n_ids), shapes.result(), settings.min_count,
                                  settings.given_name_share)
    if given.any():
        at = np.flatnonzero(given[terms[:-1]] & linked[:-1])
        at = at[follows[terms[at + 1]]]
        if at.size:
            pair_keys = np.unique(terms[at].astype(np.int64) * n_ids + terms[at + 1])
            merge(pair_keys, np.ones(pair_keys.size), n_ids)
        result.given_names = np.flatnonzero(given)
        terms = result.drop_given_names(terms)
    result.labels = all_labels[len(labels):]
    return result, *kernels.with_gaps(terms, origin, *everything)


def _pair_counts(terms: np.ndarray, linked: np.ndarray, bounds: np.ndarray, candidate: np.ndarray, n_ids: int,
                 parts: int) -> tuple[np.ndarray, np.ndarray]:
    """`kernels.count_pairs` of the sequence, counted in about `parts` parts of whole articles of about equal
    size, each in a thread (the kernel releases the GIL), and added up (`kernels.add_pair_counts`). No pair
    spans two articles, so the counts are those of the whole."""
    at = np.searchsorted(bounds, np.arange(parts + 1) * terms.size // parts)  # the article that starts a part
    cuts = np.unique(bounds[np.minimum(at, bounds.size - 1)]).tolist()
    pieces = [(terms[a:b], linked[a:b]) for a, b in zip(cuts[:-1], cuts[1:], strict=True)] or [(terms, linked)]
    if len(pieces) == 1:
        return kernels.count_pairs(*pieces[0], candidate, n_ids)
    counted = runner.map_ordered(lambda piece: kernels.count_pairs(*piece, candidate, n_ids), pieces,
                                 jobs=len(pieces), threads=True, progress=False)
    return functools.reduce(lambda one, other: kernels.add_pair_counts(*one, *other, n_ids), counted)


def coordinates(forms: list[str], key: np.ndarray, names: list[str], term_keys: np.ndarray) -> np.ndarray:
    """Per form, whether it starts with the conjunction و/ف: the term map stripped it («ومحمد» → محمد), or
    the rest is a term of its own («وشعبا», شعبا).

    Args:
        forms: the distinct folded forms; key: the term key of each (an index into `names`, −1: none; a form
            that is its own term has its own index); term_keys: the keys that are terms.
    """
    keys = key.tolist()
    conjunctions = [i for i, f in enumerate(forms) if f.startswith(clitics.CONJUNCTIONS) and keys[i] >= 0]
    own = {i for i in conjunctions if keys[i] == i}
    if own:  # is the rest a term of its own?
        term_names = {names[k] for k in term_keys.tolist()}
        own -= {i for i in own if forms[i][1:] in term_names}
    out = np.zeros(len(forms), dtype=bool)
    out[[i for i in conjunctions if i not in own]] = True
    return out


def _name_shapes(keys: list[str]) -> tuple[np.ndarray, np.ndarray, list[tuple[int, list[int]]]]:
    """Per term of `keys` (their folded keys): whether it is a chain of names (محمد بن نايف) and whether a
    definite nisba (العتيبي); and each term that opens chains, with those chains."""
    particles = lexicon.name_particles()
    chain = np.zeros(len(keys), dtype=bool)
    nisba = np.zeros(len(keys), dtype=bool)
    first_words: dict[str, list[int]] = {}  # a chain's first word → the chains
    for i, key in enumerate(keys):
        if " " in key:
            words = key.split(" ")
            if len(words) >= 3 and particles.get(words[1]) == "link":
                chain[i] = True
                first_words.setdefault(words[0], []).append(i)
        elif key.endswith("ي") and key.startswith(clitics.ARTICLE) and len(key) >= 5:
            nisba[i] = True
    index = dict(zip(keys, range(len(keys)), strict=True))
    return chain, nisba, [(index[word], chains) for word, chains in first_words.items() if word in index]


def _given_names(counts: np.ndarray, shapes: tuple[np.ndarray, np.ndarray, list[tuple[int, list[int]]]],
                 min_count: int, share: float) -> tuple[np.ndarray, np.ndarray]:
    """(given, follows) per term id (`counts`: the occurrences of each; `shapes`: `_name_shapes` of the word
    terms, whose ids come first): the given names (see the module docstring), and the terms that may follow
    one in a person's name (a given name, a chain of names, a definite nisba: العتيبي)."""
    chain, nisba = (np.append(flags, np.zeros(counts.size - flags.size, dtype=bool)) for flags in shapes[:2])
    chained = np.zeros(counts.size, dtype=np.int64)
    for word, chains in shapes[2]:
        chained[word] += counts[chains].sum()
    given = (chained >= min_count) & (chained >= share * (chained + counts))
    return given, given | chain | nisba


def _labels(phrase: np.ndarray, left: np.ndarray, right: np.ndarray, pairs: list[tuple[int, int]],
            labels: list[str], surfaces: list[str]) -> list[str]:
    """Each phrase's label: each side as most often written without a proclitic (a phrase side: its label)."""
    folded = cache(arabic.fold)  # the same words come back: each is folded once
    def spelling(side: np.ndarray, term_of: list[int]) -> list[str]:
        out = [labels[t] for t in term_of]
        written = side >= 0
        if not written.any():
            return out
        combos, counts = np.unique(phrase[written].astype(np.int64) * len(surfaces) + side[written],
                                   return_counts=True)  # (phrase, surface) pairs in order
        best: dict[int, tuple[int, int, str]] = {}  # phrase → (bare, count, spelling)
        for p, s, n in zip((combos // len(surfaces)).tolist(), (combos % len(surfaces)).tolist(), counts.tolist(),
                           strict=True):
            text = surfaces[s]
            bare = int(_bare(folded(text), folded(labels[term_of[p]])))
            candidate = (bare, n, text)
            current = best.get(p)
            if current is None or (candidate[0], candidate[1]) > (current[0], current[1]) \
                    or (candidate[:2] == current[:2] and text < current[2]):
                best[p] = candidate
        for p, (bare, _, text) in best.items():
            if bare:  # else keep the term's label: «وكالة», never «لوكالة»
                out[p] = text
        return out

    firsts = spelling(left, [x for x, _ in pairs])
    seconds = spelling(right, [y for _, y in pairs])
    return [f"{x} {y}" for x, y in zip(firsts, seconds, strict=True)]


def _bare(folded: str, key: str) -> bool:
    """Whether a written word carries no proclitic beyond the article: its fold is the label's (`key`, folded)
    or ال+label's."""
    return folded == key or folded == clitics.ARTICLE + key or clitics.ARTICLE + folded == key
