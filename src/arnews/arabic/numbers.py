"""Number words: «خمسة وعشرين» is 25, «الخامسة والسبعين» the 75th (data/lexicons/number_words.csv).

The lexicon lists each cardinal and ordinal word with its spellings (masculine and feminine, hamza
variants); a compound is the sum of its words joined by و. Lookups are on folded text.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from arnews import lexicons
from arnews.arabic.fold import fold

__all__ = ["NumberWord", "number_words", "number_value"]


class NumberWord(NamedTuple):
    """A number word of the lexicon: its value and kind (cardinal or ordinal)."""

    value: int
    kind: str


@cache
def number_words() -> dict[str, NumberWord]:
    """Folded spelling → NumberWord, for every word and variant of number_words.csv.

    Example: number_words()["خمسه"] → NumberWord(5, "cardinal") (five); number_words()["الخامسه"] →
    NumberWord(5, "ordinal") (fifth).
    """
    out: dict[str, NumberWord] = {}
    for row in lexicons.read_csv("number_words.csv"):
        for spelling in lexicons.split_variants(row.get("word"), row.get("variants")):
            out.setdefault(fold(spelling), NumberWord(int(row["value"]), row["kind"].strip()))
    return out


def number_value(text: str, words: dict[str, NumberWord] | None = None) -> int | None:
    """The integer a folded number phrase stands for: digits, or number words summed.

    Example: number_value("خمسه وعشرين") → 25; number_value("الخامسه والسبعين") → 75 (the 75th);
    number_value("24") → 24; number_value("عده") → None (several: not a number word).

    Args:
        text: folded phrase (see `arnews.arabic.fold`).
        words: the lexicon (default `number_words()`).
    Returns:
        The value, or None when a word is not a number word.
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    words = number_words() if words is None else words
    total = 0
    for word in text.split():
        if word not in words and word.startswith("و") and word[1:] in words:
            word = word[1:]
        if word not in words:
            return None
        total += words[word].value
    return total or None
