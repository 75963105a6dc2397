"""Proclitics: the conjunction, preposition and article written together with an Arabic word.

A written Arabic word may carry, in this order, the conjunction و or ف ("and", "so"), a preposition ب ك ل
("with", "like", "for") and the article ال ("the"); ل + ال is written لل (the alef drops): «وللعلاقات» is
و + ل + ال + علاقات ("and for the relations"). This module is the one table of those prefixes, on folded
text (see `arnews.arabic.fold`), and the ways stages use it:

- `PREFIX_RULES` and `decompositions(form)`: every (stem, has-article) a prefix could leave, for the term map,
  which asks the corpus whether the stem is a word;
- `split(word)`: one greedy reading (conjunction, preposition, article, stem), for grammars that read a word
  against closed classes (titles, ranks);
- `PROCLITIC` / `PROCLITIC_NO_ARTICLE`: the same prefixes as regex pieces over folded text, for grammars
  written as patterns.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "CONJUNCTIONS", "PREPOSITIONS", "ARTICLE", "PREFIX_RULES", "PREFIX_LETTERS", "MIN_STEM",
    "MIN_STEM_AFTER_PROCLITIC", "PROCLITIC", "PROCLITIC_NO_ARTICLE", "Clitics", "decompositions", "readings",
    "split",
    "is_definite", "after_lam",
]

#: Conjunctions and prepositions written as one letter before a word; the article.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
ARTICLE = "ال"

_CONJ, _PREP = ("", *CONJUNCTIONS), ("", *PREPOSITIONS)
#: (prefix, what the stem starts with once the prefix is removed), longest prefix first: و ف, then ب ك ل, then
#: ال; لل is ل + ال, so it leaves either a bare stem («للتعاون» → تعاون) or the definite one (→ التعاون).
PREFIX_RULES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {(c + p + a, "") for c in _CONJ for p in _PREP for a in ("", ARTICLE) if c + p + a}
        | {(c + "لل", "") for c in _CONJ}
        | {(c + "لل", ARTICLE) for c in _CONJ},
        key=lambda rule: (-len(rule[0]), rule),
    )
)
#: Letters a prefix may start with.
PREFIX_LETTERS = frozenset(p[0] for p, _ in PREFIX_RULES)
_REPLACEMENTS: dict[str, tuple[str, ...]] = {}
for _prefix, _replacement in PREFIX_RULES:
    _REPLACEMENTS[_prefix] = (*_REPLACEMENTS.get(_prefix, ()), _replacement)
_LONGEST = max(len(p) for p, _ in PREFIX_RULES)

#: Shortest stem a prefix may leave (letters): الدم → دم (blood) after the article; after و ف ب ك ل alone at
#: least 3, since و+يد, ك+اس, ب+ال are how names and words (وليد، كأس، بلال) get mangled.
MIN_STEM = 2
MIN_STEM_AFTER_PROCLITIC = 3

#: Regex pieces (folded text): any proclitic sequence, and the same without the article.
PROCLITIC = "(?:[وف]?(?:لل|[بكل]?(?:ال)?))"
PROCLITIC_NO_ARTICLE = "(?:[وف]?[بكل]?)"


def decompositions(form: str) -> list[tuple[str, bool]]:
    """(stem, whether the prefix holds the article) for every proclitic prefix of a folded form, longest
    prefix first; stems shorter than MIN_STEM are left out.

    Example: decompositions("وبوتين") → [("وتين", False), ("بوتين", False)] ("and Putin": وب + وتين or
    و + بوتين — the corpus decides); decompositions("للعلاقات") → [("علاقات", True), ("العلاقات", True),
    ("لعلاقات", False)] (for the relations).
    """
    if not form or form[0] not in PREFIX_LETTERS:
        return []
    out = []
    for size in range(min(len(form) - MIN_STEM, _LONGEST), 0, -1):
        for replacement in _REPLACEMENTS.get(form[:size], ()):
            out.append((replacement + form[size:], ARTICLE in form[:size] or "لل" in form[:size]))
    return out


class Clitics(NamedTuple):
    """One reading of a folded word: its conjunction, preposition, whether it has the article, and the stem."""

    conjunction: str
    preposition: str
    definite: bool
    stem: str


def split(form: str, min_stem: int = MIN_STEM) -> Clitics:
    """The greedy reading of a folded word: conjunction (only before a word of 4+ letters), then a preposition
    or the article, leaving a stem of at least `min_stem` letters.

    Example: split("وللحزب") → Clitics("و", "ل", True, "حزب") (and for the party); split("بالديوان") →
    Clitics("", "ب", True, "ديوان") (at the court). Greedy: «وزير» (minister) reads as و + زير; where a
    lexicon can tell, use `readings` and keep the reading whose stem it knows.
    """
    conjunction = form[0] if form[:1] in CONJUNCTIONS and len(form) > 3 else ""
    rest = form[len(conjunction):]
    for prefix, preposition, definite in (("لل", "ل", True), ("بال", "ب", True), ("كال", "ك", True),
                                          (ARTICLE, "", True), ("ل", "ل", False), ("ب", "ب", False)):
        if rest.startswith(prefix) and len(rest) - len(prefix) >= min_stem:
            return Clitics(conjunction, preposition, definite, rest[len(prefix):])
    return Clitics(conjunction, "", False, rest)


def readings(form: str) -> list[Clitics]:
    """Every reading of a folded word: the whole word first, then each proclitic prefix (longest first)
    that leaves a stem of MIN_STEM letters or more.

    Example: readings("وزير") → [Clitics("", "", False, "وزير"), Clitics("و", "", False, "زير")] (minister;
    "and" + زير): a closed class such as the title heads knows وزير and not زير.
    """
    out = [Clitics("", "", False, form)]
    if not form or form[0] not in PREFIX_LETTERS:
        return out
    for size in range(min(len(form) - MIN_STEM, _LONGEST), 0, -1):
        prefix = form[:size]
        conjunction = prefix[0] if prefix[0] in CONJUNCTIONS else ""
        rest = prefix[len(conjunction):]
        preposition = rest[0] if rest[:1] in PREPOSITIONS else ""
        for replacement in _REPLACEMENTS.get(prefix, ()):
            definite = ARTICLE in prefix or "لل" in prefix
            out.append(Clitics(conjunction, preposition, definite, replacement + form[size:]))
    return out


def after_lam(form: str) -> str | None:
    """A definite folded word as it is written after the preposition ل, which takes the article's alef: «العام»
    → «لعام» (in «للعام», for the year; «للمدير», for the director); None for a word without the article."""
    return "ل" + form[len(ARTICLE):] if form.startswith(ARTICLE) else None


def is_definite(form: str) -> bool:
    """True for a folded word that carries the article, alone or after و ف ب ك ل: الخارجية، للحزب، والاعلام.

    Judge the written word (before folding) when a name may start with a hamza alef: «ألكسندر» folds to
    «الكسندر», which would read as definite.
    """
    bare = form[1:] if form[:1] in CONJUNCTIONS and form[1:].startswith(("ال", "لل", "بال", "كال")) else form
    return bare.startswith(("ال", "لل", "بال", "كال")) and len(bare) > 3
