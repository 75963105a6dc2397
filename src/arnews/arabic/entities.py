"""The entity index: every spelling of every name in data/lexicons/entities.csv, folded, in one place.

An entity (a person, place, country or organisation) has a canonical spelling and the variants outlets use
(«بيونغ يانغ» / «بيونج يانج», Pyongyang; «سيرغي لافروف» / «سيرجي لافروف», Sergei Lavrov). Every stage finds
and names entities through this index, so a spelling added to the lexicon is found everywhere at once:

- `lookup(phrase)`: the entity a phrase spells (with or without a proclitic: «وبيونغ يانغ», «للعراق»);
- `find(text)`: every mention in a text, as spans of the original text (matched on its folded view);
- `spellings` / `continuations`: the folded spellings as word sequences, for token-level matching;
- `spelling_pattern(phrases)`: a regex that finds every spelling of some phrases in the original text (rules
  written as words, such as the cue words of the boilerplate rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from arnews import lexicons
from arnews.arabic.chars import ARABIC_MARKS
from arnews.arabic.clitics import ARTICLE, PROCLITIC_NO_ARTICLE, decompositions
from arnews.arabic.fold import FOLD_TABLE, FoldedText, fold, fold_with_offsets

__all__ = ["EntityIndex", "EntityMatch", "entity_index", "index_of", "phrase_key", "spelling_pattern", "trie_pattern"]


def phrase_key(phrase: str) -> str:
    """The lookup key of a name or phrase: folded, inner white space as one space.

    Example: phrase_key("كيم  جونغ أون") → "كيم جونغ اون".
    """
    return " ".join(fold(phrase).split())


def trie_pattern(words, piece=re.escape) -> str:
    """A regex matching any of `words` (literal strings), written as a character trie: Python's `re` then
    follows one branch per character instead of trying every word at every position.

    Args:
        words: the strings.
        piece: the regex a character becomes (default: the character itself, escaped).
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [piece(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return build(root)


def _spellings_by_fold() -> dict[str, str]:
    """Folded character → every Arabic-block, ASCII or Arabic-digit character that folds to it (itself first)."""
    groups: dict[str, list[str]] = {}
    for point in [*range(0x20, 0x7F), *range(0x0600, 0x0700)]:
        char = chr(point)
        folded = FOLD_TABLE.get(point, char)
        if len(folded) == 1 and folded != char:
            groups.setdefault(folded, [folded]).append(char)
    return {folded: "".join(chars) for folded, chars in groups.items()}


_SPELLINGS = _spellings_by_fold()
_INSIDE_WORD = f"[{ARABIC_MARKS}]*"
_SPACE_RUN = r"[^\S\n]+"


def _spelling_piece(char: str) -> str:
    if char == " ":
        return _SPACE_RUN
    variants = _SPELLINGS.get(char, char)
    body = re.escape(variants) if len(variants) == 1 else f"[{re.escape(variants)}]"
    return body + _INSIDE_WORD if "\u0600" <= char <= "\u06ff" else body


def spelling_pattern(phrases: str | Iterable[str]) -> str:
    """A regular expression (source) that matches every spelling of a phrase (or of any of several) that folds
    like it.

    Each letter matches the letters that fold to the same one (ا أ إ آ ٱ; ي ى; ه ة; a digit in any script; a
    Latin letter in either case), diacritics and tatweel may follow any Arabic letter, and a
    space matches any run of spaces or tabs (never a line break: a phrase stays on one line). Several phrases
    are joined as a trie (`trie_pattern`). Used where a rule names words rather than writing a regex: the cue
    «اقرأ أيضا» (read also) then also finds «إقرأ أيضاً» and «اقرا ايضا».

    Example: re.fullmatch(spelling_pattern("اقرأ أيضا"), "إقرأ أيضاً") matches.
    """
    phrases = [phrases] if isinstance(phrases, str) else list(phrases)
    return trie_pattern({" ".join(fold(p).split()) for p in phrases if p.strip()}, piece=_spelling_piece)


class EntityMatch(NamedTuple):
    """A mention of an entity: its span in the original text (proclitic included), the proclitic and the
    entity."""

    start: int
    end: int
    clitic: str
    entity: lexicons.Entity


@dataclass(frozen=True, eq=False)
class EntityIndex:
    """Folded spellings of the entities lexicon.

    Attributes:
        entities: the lexicon's entities, in file order.
        by_spelling: folded spelling (single spaces) → entity; the first entity wins a shared spelling.
        continuations: folded first word of a multi-word spelling → the words that may follow, longest first.
    """

    entities: tuple[lexicons.Entity, ...]
    by_spelling: dict[str, lexicons.Entity]
    continuations: dict[str, tuple[tuple[str, ...], ...]]

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every folded spelling, sorted."""
        return tuple(sorted(self.by_spelling))

    def key(self, entity: lexicons.Entity) -> str:
        """The folded canonical spelling: how an entity is named as a term."""
        return phrase_key(entity.canonical)

    def lookup(self, phrase: str) -> lexicons.Entity | None:
        """The entity `phrase` spells, also behind a proclitic («وبيونغ يانغ», «للعراق» = ل + العراق).

        Example: lookup("وبيونج يانج") → the entity بيونغ يانغ (Pyongyang); lookup("رئيس") → None.
        """
        key = phrase_key(phrase)
        if key in self.by_spelling:
            return self.by_spelling[key]
        first, _, rest = key.partition(" ")
        for stem, _ in decompositions(first):
            candidate = f"{stem} {rest}" if rest else stem
            if candidate in self.by_spelling:
                return self.by_spelling[candidate]
        return None

    def find(self, text: str | FoldedText) -> list[EntityMatch]:
        """Every mention of an entity in `text`, longest spelling first, as spans of the original text.

        A spelling matches whole words of the folded view, with a proclitic before it (و ف ب ك ل, and لل for
        ل + ال); a name glued to a following «في» or «و» (a missing space, «لكوريا الشماليةفي») still ends.

        Example: find("وصل بوتين إلى بيونج يانج") → mentions of Putin and Pyongyang (arrived … to Pyongyang).
        """
        view = text if isinstance(text, FoldedText) else fold_with_offsets(text)
        out = []
        for m in _finder(self).finditer(view.text):
            name, name_start = m.group("name"), m.start("name")
            entity = self.by_spelling.get(name)
            if entity is None and name.startswith("لل"):  # «للعراق»: ل + the article's spelling (العراق)
                entity = self.by_spelling.get(ARTICLE + name[2:])
                name_start += 1  # the ل is the proclitic
            if entity is None:
                continue
            start, end = view.span(m.start("clitic"), m.end("name"))
            out.append(EntityMatch(start, end, view.original[start:view.offset(name_start)], entity))
        return out


@cache
def _finder(index: EntityIndex) -> re.Pattern:
    names = set(index.by_spelling)
    names |= {"ل" + n[1:] for n in index.by_spelling if n.startswith(ARTICLE)}  # للعراق
    words = r"[\w]"
    return re.compile(rf"(?<!{words})(?P<clitic>{PROCLITIC_NO_ARTICLE})(?P<name>{trie_pattern(names)})"
                      rf"(?:(?!{words})|(?=في|و))")


@cache
def entity_index() -> EntityIndex:
    """The index of data/lexicons/entities.csv (built once per process)."""
    return index_of(lexicons.entities())


def index_of(entities: tuple[lexicons.Entity, ...]) -> EntityIndex:
    """An index over any entities, folded and matched exactly as `entity_index()` is: for a stage's own
    lexicon of names (e.g. the leaders a delegation accompanies), so its spellings obey the same rules.

    Example: index_of((Entity("فلاديمير بوتين", ("بوتين",), "person", "Putin"),)).lookup("لبوتين") → that
    entity (ل + بوتين, "for Putin").
    """
    by_spelling: dict[str, lexicons.Entity] = {}
    continuations: dict[str, set[tuple[str, ...]]] = {}
    for entity in entities:
        for spelling in entity.spellings:
            key = phrase_key(spelling)
            if not key:
                continue
            by_spelling.setdefault(key, entity)
            first, *rest = key.split(" ")
            if rest:
                continuations.setdefault(first, set()).add(tuple(rest))
    ordered = {k: tuple(sorted(v, key=lambda r: (-len(r), r))) for k, v in continuations.items()}
    return EntityIndex(entities, by_spelling, ordered)
