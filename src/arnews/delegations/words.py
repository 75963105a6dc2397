"""Words of a list sentence, read against the closed classes of the title grammar.

Every token is folded by the Arabic core (`arabic.fold`) and its proclitics are read with `arabic.readings`:
«ووزيرة» is و + وزيرة (a head), «لرئيس» is ل + رئيس (a head), «بالديوان» is ب + ال + ديوان (a construct noun),
but «وزير» stays وزير (a head; و + زير is no reading a class knows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from arnews import arabic
from arnews.delegations.lexicon import Grammar, grammar, leader_index, side_table

__all__ = ["TOKEN", "Word", "classify", "is_definite", "known_phrase_length", "leader_length", "named_place",
           "tokenize"]

#: A word (letters, digits, marks) or one punctuation mark.
TOKEN = re.compile(rf"[\w{arabic.ARABIC_MARKS}{arabic.FORMAT_CONTROLS}]+|[^\s\w]")
_WORD_START = re.compile(r"\w")


#: A written word whose «ال» is no article: its alef bears a hamza or madda (ألكسندر، إلياس، آلاف).
_HAMZA_AL = re.compile(r"^[وف]?[بلك]?[أإآ]ل")


def is_definite(word: str, form: str | None = None) -> bool:
    """True for a word carrying the article, alone or after و/ف/ب/ل/ك: الخارجية، للحزب، والإعلام، بالديوان.

    Judged on the folded form (`form`, else folded here), except that an alef written with a hamza is no
    article (the name «ألكسندر» is not definite), and the article leaves a stem of three letters or more
    («اليغ» is the name Oleg, «الان» the name Alan).
    """
    form = arabic.fold(word) if form is None else form
    return arabic.is_definite(form) and not _HAMZA_AL.match(word) and len(arabic.split(form).stem) >= 3


@dataclass(frozen=True)
class Word:
    """A token read against the closed classes.

    text: as written. start, end: offsets in the text. form: folded (arabic.fold). conj: it starts with the
    conjunction و/ف. stem: its folded form without conjunction, preposition and article (the whole form for
    an open-class word). cls: the class of the stem (head, construct, modifier, preposition, courtesy,
    honorific, rank, adverb, joiner, stop, pronoun, separator, ender) or "" for an open-class word.
    definite: it carries the article.
    """

    text: str
    start: int
    end: int
    form: str
    conj: bool
    stem: str
    cls: str
    definite: bool


def classify(token: str, form: str, g: Grammar) -> tuple[bool, str, str]:
    """(conjunction?, stem, class) of one token with its folded form.

    A token is taken whole when it is itself a class word (وزير، ولي); otherwise its proclitics are peeled:
    "ووزيرة" → (True, "وزيرة", "head"), "لرئيس" → (False, "رئيس", "head"), "وون" → (False, "وون", "").
    Honorifics and courtesy words are listed with their article and matched on the whole word.
    """
    if token in g.separators:
        return False, token, "separator"
    if token in g.enders or not _WORD_START.match(token):
        return False, token, "ender"
    if form in g.spelled and not g.spelled[form] & set(token):
        return False, form, ""  # «علي» is the name Ali, «على» the preposition; «ان» Anne, «أن» that
    if form not in g.classes and (meant := arabic.as_teh_marbuta(form)) in g.classes:
        form = meant  # «منطقه» typed for «منطقة»
    if form in g.classes:
        return False, form, g.classes[form]
    if form[:1] in ("و", "ف") and form[1:] in g.classes and g.classes[form[1:]] != "modifier":
        return True, form[1:], g.classes[form[1:]]
    split = arabic.split(form)
    conj = bool(split.conjunction)
    cls = g.classes.get(split.stem, "")
    if cls in ("head", "construct") or (cls in ("courtesy", "pronoun") and not split.definite):  # لسمو
        return conj, split.stem, cls
    if cls in ("stop", "adverb", "joiner", "time") and conj:  # وقال، وذلك، وأيضا
        return True, split.stem, cls
    return False, form, ""


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words and punctuation of `text[start:end]`, classified, with offsets into `text`."""
    g = grammar()
    matches = list(TOKEN.finditer(text, start, len(text) if end is None else end))
    forms = arabic.fold_words([m.group() for m in matches])
    words: list[Word] = []
    for m, form in zip(matches, forms, strict=True):
        if m.group() == "." and words and words[-1].form in g.abbreviations and words[-1].end == m.start():
            last = words[-1]  # «د.» (Dr), «م.» (Eng.): the point belongs to the honorific
            words[-1] = Word(text[last.start:m.end()], last.start, m.end(), last.form, False, last.form,
                             "honorific", False)
            continue
        conj, stem, cls = classify(m.group(), form, g)
        words.append(Word(m.group(), m.start(), m.end(), form, conj, stem, cls, is_definite(m.group(), form)))
    return words


def leader_length(words: list[Word], i: int) -> int:
    """Length of a leader's name or office of data/lexicons/leaders.csv starting at words[i] (a ل/ب clitic
    allowed), else 0: «للرئيس باراك أوباما» → at «باراك», 2."""
    index = leader_index()
    for n in (4, 3, 2, 1):
        if i + n <= len(words) and not words[i].conj and index.lookup(" ".join(w.text for w in words[i:i + n])):
            return n
    return 0


def named_place(words: list[Word], i: int) -> int:
    """The end of a place named after a person and closed by «الدولي» (international) that starts at words[i]:
    مطار الملك عبدالعزيز الدولي, whose «الملك» would otherwise open a name; 0 when none."""
    for j in range(i, min(i + 6, len(words))):
        if words[j].form == "الدولي":
            return j + 1 if j > i else 0
        if words[j].cls in ("separator", "ender", "stop", "courtesy", "joiner"):
            return 0
    return 0


# --- known names of places and bodies ------------------------------------------------------------------


@cache
def _known_phrases() -> frozenset[tuple[str, ...]]:
    """Multi-word places, countries and organisations of the entity index and of delegation_sides.csv, as
    tuples of folded words."""
    phrases = set()
    index = arabic.entity_index()
    for spelling, entity in index.by_spelling.items():
        if entity.type in ("place", "country", "organisation", "organization", "city"):
            phrases.add(tuple(spelling.split()))
    phrases.update(tuple(phrase.split()) for phrase in side_table("names", "places"))
    return frozenset(phrases)


def known_phrase_length(words: list[Word], i: int) -> int:
    """Length of the longest known place/organisation starting at words[i] (a و/ل/ب clitic allowed), else 0."""
    phrases = _known_phrases()
    for n in (4, 3, 2, 1):
        if i + n > len(words):
            continue
        forms = [w.form for w in words[i:i + n]]
        first = forms[0]
        for head in {first, first[1:] if first[:1] in ("ل", "ب", "و") else first}:
            if (head, *forms[1:]) in phrases:
                return n
    return 0
