"""The word lists the term engine reads from data/lexicons/, folded with the Arabic core, read once per process.

- stopwords: every form of the `arabic-stopwords` package (its 508 function words with the proclitic and
  pronoun forms it lists itself: وفي، ولديه، عليه) and the project's additions (stopwords_news.csv: reporting
  verbs, auxiliaries, quantifiers, number words, news formulae …, each with a gloss and a reason);
- words that take a proclitic like any noun: the project's additions (قال → وقال), since the package lists
  its own clitic forms and a proclitic before one of them is no reading («بلدية» municipality is not ب+لديه);
- protected words (clitic_exceptions.csv: ولاية، والد …, and given names such as فيصل: never split into
  proclitic + stem);
- name particles (name_particles.csv: بن، آل، عبد، أبو) and the Arabic spellings of Latin letter names
  (letter_names.csv: بي، سي …), which the tokenizer joins into names and acronyms;
- the thresholds of phrase detection (phrases.yaml).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from arnews import arabic, lexicons
from arnews.arabic import (
    clitics,
    name_particles,  # read by the core (arabic.names), re-exported here
)
from arnews.errors import InputError

__all__ = [
    "LetterName", "PhraseSettings", "letter_names", "letter_spellings", "month_words", "name_particles",
    "news_stopwords", "package_stopwords",
    "phrase_settings", "project_stopwords", "protected_words", "stopwords",
]


@cache
def package_stopwords() -> frozenset[str]:
    """Every form of the arabic-stopwords package, folded (e.g. «وفي» and in, «عليه» on him, «للتي»)."""
    from arabicstopwords.arabicstopwords import stopwords_list

    return frozenset(w for w in arabic.fold_words(list(stopwords_list())) if w)


@cache
def project_stopwords() -> frozenset[str]:
    """The project's stopwords (stopwords_news.csv, folded), the number words of the core's lexicon
    (number_words.csv: ثلاثه three, الثاني the second, and each ordinal without its article: ثاني), the name
    particles, the letter names and the Gregorian month names (`month_words`): a word of these with a proclitic
    is a stopword too («وقال» and he said)."""
    words = set(news_stopwords())
    for spelling in arabic.number_words():
        words.add(spelling)
        if arabic.is_definite(spelling):
            words.add(spelling[2:])
    words |= set(name_particles()) | set(letter_names()) | month_words()
    return frozenset(w for w in words if w) - protected_words()


@cache
def news_stopwords() -> frozenset[str]:
    """The words of stopwords_news.csv, folded (read once: the project's stopwords and the protected given names
    both need them)."""
    return frozenset(arabic.fold_words([row["word"] for row in lexicons.read_csv("stopwords_news.csv")]))


def month_words() -> frozenset[str]:
    """The words of the Gregorian month names in all three naming systems (months.csv: يونيو, حزيران, جوان;
    كانون and تشرين of «كانون الثاني», «تشرين الأول»), folded: like a weekday, a month dates the report, and
    outlets that write both names («حزيران/يونيو») would fill the top of the table with them. Not the names
    with another common sense (ambiguous=yes: مارس exercised, آب father, نيسان Nissan), nor the Hijri months
    (hijri_months.csv), which are topics of their own (رمضان, ذو الحجة: the fast, the pilgrimage)."""
    names = [spelling for row in lexicons.read_csv("months.csv") if row["ambiguous"].strip() != "yes"
             for spelling in lexicons.split_variants(row["canonical"], row["variants"])]
    return frozenset(arabic.fold_words([word for name in names for word in name.split()]))


@cache
def stopwords() -> frozenset[str]:
    """All stopwords, folded: the package's forms and the project's words."""
    return (package_stopwords() | project_stopwords()) - protected_words()


@cache
def protected_words() -> frozenset[str]:
    """Folded words never split into proclitic + stem and never read as stopwords (clitic_exceptions.csv:
    ولايه state, والد father, ولي crown prince's «guardian» …), and the given names that begin with a proclitic
    letter (given_names.csv: فيصل Faisal is not ف + يصل "arrives", لجين Lujain not ل + جين "gene"), unless a
    stopword list has them."""
    words = set(arabic.fold_words([row["word"] for row in lexicons.read_csv("clitic_exceptions.csv")]))
    listed = package_stopwords() | news_stopwords()
    letters = clitics.CONJUNCTIONS + clitics.PREPOSITIONS
    words |= {name for name in arabic.given_names() if name[:1] in letters and " " not in name} - listed
    return frozenset(w for w in words if w)


class LetterName(NamedTuple):
    """An Arabic spelling of a Latin letter's name (سي is C) and whether it is also a common Arabic word."""

    letter: str
    ambiguous: bool


@cache
def letter_names() -> dict[str, LetterName]:
    """Folded spelling → LetterName, from letter_names.csv (بي B, سي C, إم M …)."""
    out: dict[str, LetterName] = {}
    for row in lexicons.read_csv("letter_names.csv"):
        ambiguous = (row.get("ambiguous") or "").strip().lower() == "yes"
        for spelling in lexicons.split_variants(row["spelling"], row.get("variants")):
            out.setdefault(arabic.fold(spelling), LetterName(row["letter"].strip(), ambiguous))
    return out


@cache
def letter_spellings() -> frozenset[str]:
    """The spellings of letter_names.csv as written (marks stripped, hamza kept): «إن», «ان», never «أن»."""
    return frozenset(arabic.strip_marks(s) for row in lexicons.read_csv("letter_names.csv")
                     for s in lexicons.split_variants(row["spelling"], row.get("variants")))


class PhraseSettings(NamedTuple):
    """Thresholds of collocation-based phrase detection (data/lexicons/phrases.yaml)."""

    min_count: int
    min_count_per_million: float
    min_llr: float
    min_npmi: float
    min_share: float
    rounds: int
    given_name_share: float


@cache
def phrase_settings() -> PhraseSettings:
    """The thresholds of phrases.yaml, checked: a missing or non-numeric one is one clear error."""
    data = lexicons.read_yaml("phrases.yaml") or {}
    values = {}
    for name, kind in (("min_count", int), ("min_count_per_million", float), ("min_llr", float),
                       ("min_npmi", float), ("min_share", float), ("rounds", int), ("given_name_share", float)):
        try:
            values[name] = kind(data[name])
        except (KeyError, TypeError, ValueError):
            raise InputError(lexicons.path("phrases.yaml"), f"{name} must be a number, got {data.get(name)!r}") \
                from None
    return PhraseSettings(**values)
