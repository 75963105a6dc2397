"""Folding: the one definition of "the same word" in arnews.

Two spellings are the same word when their folds are equal. `fold` applies, in this order:

1. Unicode NFKC: presentation forms and ligatures become plain letters ("ﻻ" → "لا"), NBSP becomes a space,
   a decomposed «أ» (alef + combining hamza) becomes one letter;
2. diacritics, tatweel and invisible format characters (zero-width joiners, bidi controls) are dropped
   ("تقدّمًا" → "تقدما", "الإمبريـــالية" → "الامبريالية");
3. alef with hamza or madda and alef wasla become bare alef (أ إ آ ٱ → ا);
4. alef maqsura becomes yeh (ى → ي: Egyptian print writes «فى» for «في», «إلى» is also typed «إلي»);
5. Arabic-Indic and Persian digits become ASCII ("٢٠٢٤" → "2024"), the Arabic decimal and thousands marks
   "." and ",";
6. Latin letters are case-folded ("ABC" → "abc").

Teh marbuta is NOT folded into heh, although light stemmers often do it: in edited news the ه spelling of ة is
rare (SaudiNewsNet: «منطقه» 24 times against «منطقة» 9,091, «السعوديه» once against 11,143), while the fold
would merge real pairs that differ only there: «عملة» currency / «عمله» his work (100 / 599), «رحمة» mercy /
«رحمه» (God's mercy) on him (306 / 961), «العمرة» the umrah / «عمره» his age. Where a word is looked up in a
closed list of known words (the title words of a delegation list, the nisbas of a country), the ه spelling may
still be read for the ة of a listed word: `as_teh_marbuta` reads a final ه as ة («منطقه» → «منطقة»),
`as_final_heh` writes each word-final ة as ه («الكورية» → «الكوريه»). These two functions are the one place of
that tolerance.

Every step maps one character to zero, one or a few characters, so the whole fold is one table over code
points (`FOLD_TABLE`), built once at import from the steps above. `fold` runs it with `str.translate` (short
texts) or numpy (long ones); `fold_with_offsets` also keeps, for every character of the folded view, where it
came from in the original text, so a match in the view is a span of the text the reader sees. The stored text
itself is never folded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from arnews.arabic.chars import ALEF_VARIANTS, ARABIC_MARKS, FORMAT_CONTROLS, codes

__all__ = ["FOLD_TABLE", "FoldedText", "as_final_heh", "as_teh_marbuta", "fold", "fold_words", "fold_with_offsets",
           "strip_marks"]

_DROPPED = frozenset(codes(ARABIC_MARKS) + codes(FORMAT_CONTROLS))
_LETTERS = {**dict.fromkeys(ALEF_VARIANTS, "ا"), "ى": "ي", "\u066b": ".", "\u066c": ","}
_LETTERS.update({chr(0x0660 + d): str(d) for d in range(10)})
_LETTERS.update({chr(0x06F0 + d): str(d) for d in range(10)})
#: Characters NFKC composes with the character before them (combining hamza/madda on و ي ه …, Latin accents,
#: Hangul jamo): a text holding one is normalized as a whole before the table applies.
_COMPOSING_RANGES = ((0x0300, 0x036F), (0x0653, 0x0655), (0x1100, 0x11FF), (0x3099, 0x309A))
_COMPOSING = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in _COMPOSING_RANGES) + "]")
#: The same, per BMP code point (for the numpy paths of `fold` and `fold_words`).
_COMPOSES = np.zeros(0x10000, dtype=bool)
for _first, _last in _COMPOSING_RANGES:
    _COMPOSES[_first:_last + 1] = True
#: A teh marbuta that ends a word.
_FINAL_TEH_MARBUTA = re.compile(r"ة(?!\w)")
#: From this length on, `fold` maps code points with numpy instead of `str.translate` (same table).
_LONG_TEXT = 10_000


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(_LETTERS.get(c, c) for c in folded if ord(c) not in _DROPPED)


def _build_table() -> tuple[dict[int, str], np.ndarray]:
    """The translate table (only the characters that change) and, per BMP code point, what it becomes:
    the code point, −1 (dropped) or −2 (several characters: `str.translate` handles those).

    `_fold_char` of every character, computed for the whole plane in one call per step: the characters
    joined by NUL, which NFKC never composes with a neighbour and no step changes (NUL folds to itself), so
    each piece between two NULs is the fold of its character alone (every arnews process builds the table
    when it starts: one call per character took most of that time)."""
    chars = [chr(point) for point in range(1, 0x10000) if not 0xD800 <= point <= 0xDFFF]
    steps = {**{ord(letter): value for letter, value in _LETTERS.items()}, **dict.fromkeys(_DROPPED)}
    folds = unicodedata.normalize("NFKC", "\0".join(chars)).casefold().translate(steps).split("\0")
    table: dict[int, str] = {}
    single = np.arange(0x10000, dtype=np.int32)
    for char, folded in zip(chars, folds, strict=True):
        if folded != char:
            point = ord(char)
            table[point] = folded
            single[point] = ord(folded) if len(folded) == 1 else (-1 if not folded else -2)
    return table, single


#: Code point → its fold (only those that change): the fold as data.
FOLD_TABLE, _SINGLE = _build_table()


def _astral(text: str) -> bool:
    return any(ord(c) > 0xFFFF for c in text)


def fold(text: str) -> str:
    """The folded form of `text` (see the module docstring): the key under which words are compared.

    Example: fold("إلى بيونغ يانغ") → "الي بيونغ يانغ" (to Pyongyang); fold("الكوريّة") → "الكورية" (Korean);
    fold("٢٤ عامًا") → "24 عاما" (24 years).

    Args:
        text: any text (a word, a phrase, a whole article).
    Returns:
        The folded text; line breaks and spaces are kept.
    """
    if len(text) < _LONG_TEXT:
        return _fold_by_table(text)
    point = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    special = _needs_general_path(point)
    if not special.any():
        return fold_with_offsets(text, offsets=False).text
    # the lines that hold one are folded one by one (NFKC never composes across a line break), the others at once
    lines = text.split("\n")
    breaks = np.flatnonzero(point == 10)
    taken = np.unique(np.searchsorted(breaks, np.flatnonzero(special))).tolist()  # the lines holding one
    for i in taken:
        lines[i] = _fold_by_table(lines[i])
    if len(taken) == len(lines):
        return "\n".join(lines)
    others = list(_others(len(lines), taken))
    plain = fold_with_offsets("\n".join(lines[i] for i in others), offsets=False).text
    for i, line in zip(others, plain.split("\n"), strict=True):
        lines[i] = line
    return "\n".join(lines)


def _needs_general_path(point: np.ndarray) -> np.ndarray:
    """Per code point: can the one-pass table not fold it alone (NFKC composes it with the character before it,
    it becomes several characters, or it lies outside the BMP)?"""
    bmp = np.minimum(point, 0xFFFF)
    return _COMPOSES[bmp] | (_SINGLE[bmp] == -2) | (point > 0xFFFF)


def _fold_by_table(text: str) -> str:
    """NFKC where needed, then the table, character by character (`str.translate`)."""
    if _COMPOSING.search(text):
        text = unicodedata.normalize("NFKC", text)
    return text.translate(FOLD_TABLE) if not _astral(text) else "".join(_fold_astral(text))


def _others(count: int, taken: list[int]):
    taken_set = set(taken)
    return (i for i in range(count) if i not in taken_set)


def _fold_astral(text: str):
    for char in text:
        yield _fold_char(char) if ord(char) > 0xFFFF else FOLD_TABLE.get(ord(char), char)


def fold_words(words: list[str]) -> list[str]:
    """`fold` of many words in one pass (over their joined text, not one call per word).

    Example: fold_words(["أون", "فى"]) → ["اون", "في"] (Un, in).

    Args:
        words: words or short phrases without line breaks.
    Returns:
        Their folds, in order.
    """
    if not words:
        return []
    joined = "\n".join(words)
    if len(joined) < _LONG_TEXT:
        out = fold(joined).split("\n")
        return out if len(out) == len(words) else [fold(w) for w in words]
    # the few words that need the general path (a ligature, a combining mark, an astral character) are folded
    # one by one; all the others in one pass of the table
    point = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    special = _needs_general_path(point)
    if not special.any():
        out = fold_with_offsets(joined, offsets=False).text.split("\n")
        return out if len(out) == len(words) else [fold(w) for w in words]
    line = np.cumsum(point == 10)
    slow = set(np.unique(line[special]).tolist())
    plain = fold_words([w if i not in slow else "" for i, w in enumerate(words)])
    return [fold(w) if i in slow else plain[i] for i, w in enumerate(words)]


def strip_marks(text: str) -> str:
    """Drop diacritics, tatweel and format characters only (no letter folding): how a word is shown.

    Example: strip_marks("وفقًا") → "وفقا" (according to); strip_marks("أمين") → "أمين" (the hamza stays).
    """
    return "".join(c for c in text if ord(c) not in _DROPPED)


def as_teh_marbuta(word: str) -> str:
    """`word` (folded) with a final ه read as the teh marbuta a typist left undotted; else `word` unchanged.

    Only for looking a word up in a closed list, after its own spelling was not found there: «منطقه» is
    «منطقة» (region), while «عمله» (his work) must not become «عملة» (currency) in running text (see the
    module docstring).

    Example: as_teh_marbuta("منطقه") → "منطقة"; as_teh_marbuta("وزير") → "وزير" (minister).
    """
    return word[:-1] + "ة" if word.endswith("ه") else word


def as_final_heh(text: str) -> str:
    """`text` (folded) with every word-final teh marbuta written as ه: the spelling of a listed phrase that
    some outlets and typists use, for listing beside it.

    Example: as_final_heh("الكورية الشمالية") → "الكوريه الشماليه" (North Korean, feminine);
    as_final_heh("التجارة.") → "التجاره." (trade.); a word without a final ة stays: as_final_heh("برفقته") →
    "برفقته" (accompanied by him).
    """
    return _FINAL_TEH_MARBUTA.sub("ه", text)


@dataclass(frozen=True)
class FoldedText:
    """A folded view of a text and the way back: `text` is `fold(original)` (up to NFKC composition), and
    `index[i]` is the offset in `original` of the character that view character `i` comes from.

    Attributes:
        original: the text as stored (clean text).
        text: the folded view that patterns run on.
        index: view offset → original offset, or None when the view is aligned with the original.
    """

    original: str
    text: str
    index: np.ndarray | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the view span [start, end). Marks right after it in the original (the tanween
        of «غداً», the «ـ» of «هـ») belong to it."""
        if self.index is None or start >= end:
            return start, end
        stop = int(self.index[end]) if end < len(self.index) else len(self.original)
        return int(self.index[start]), stop

    def offset(self, position: int) -> int:
        """The original offset of view position `position` (the original's length at the end)."""
        if self.index is None:
            return position
        return int(self.index[position]) if position < len(self.index) else len(self.original)


def fold_with_offsets(text: str, offsets: bool = True) -> FoldedText:
    """The folded view of `text` and, for each of its characters, its offset in `text`.

    Example: fold_with_offsets("غداً الأربعاء").text → "غدا الاربعاء" (tomorrow, Wednesday); the view span of
    "الاربعاء" maps back to the span of "الأربعاء" in the original.

    Args:
        text: the text to fold (not changed).
        offsets: False when only the view is wanted (`fold` of a long text).
    Returns:
        A FoldedText.
    """
    point = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    mapped = _SINGLE[np.minimum(point, 0xFFFF)]
    if _COMPOSING.search(text) or (mapped == -2).any() or (point > 0xFFFF).any():
        return _fold_by_cluster(text, offsets)
    keep = mapped >= 0
    view = mapped[keep].astype(np.uint32).tobytes().decode("utf-32-le")
    if not offsets or keep.all():
        return FoldedText(text, view, None)
    return FoldedText(text, view, np.flatnonzero(keep))


def _fold_by_cluster(text: str, offsets: bool) -> FoldedText:
    """The general path: each character with the combining marks after it is normalized as one cluster."""
    pieces: list[str] = []
    index: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and unicodedata.combining(text[i]):
            continue
        cluster = text[start:i]
        if len(cluster) > 1 or not cluster.isascii():
            cluster = unicodedata.normalize("NFKC", cluster)
        folded = "".join(_fold_astral(cluster))
        pieces.append(folded)
        index.extend([start] * len(folded))
        start = i
    view = "".join(pieces)
    if not offsets:
        return FoldedText(text, view, None)
    return FoldedText(text, view, np.asarray(index, dtype=np.int64))
