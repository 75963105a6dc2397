"""Sentence splitting for Arabic news text, with offsets into the text.

A sentence ends at a line break, or at a run of . ! ? ؟ … followed by a space or the end of the text, or
glued to the next word between two Arabic words (a space left out: «من المواطنين.وشارك في», … of the
citizens. Took part in …; «يتنصلون منه.خلاصة القول») when one of the two has four letters or more and the
point is the only one in the run of letters and points: not in a transliterated acronym («اتش.اس.بي.سي»,
HSBC; «إل.جي», LG). Three dots are not a boundary: the point between two digits (3.5 مليار), the point after a
one-letter abbreviation («د. عبدالله» Dr Abdullah, «أ. د.» Prof. Dr.) and an ellipsis inside a quote directly
followed by a word. The closing quote or bracket right after the point belongs to the sentence it closes.

`quotations(text)` gives the spans of quoted passages («…», “…”, "…"), which may hold several sentences.
"""

from __future__ import annotations

import re

from arnews.arabic.chars import ARABIC_LETTERS, LATIN_LETTERS

__all__ = ["QUOTE_PAIRS", "quotations", "sentences", "sentence_at"]

#: A candidate end: a run of terminal punctuation, then the closing quotes and brackets that belong to it.
#: (One pattern that starts at the punctuation: a look-behind alternative would be tried at every character.)
_END = re.compile(rf"[.!?؟…]+(?:[\"'»”’)\]]*(?=\s|$)|(?P<glued>(?=[{ARABIC_LETTERS}])))")
#: The word before a point that makes it an abbreviation: one letter (Arabic or Latin), itself after a space
#: or a point («د.», «أ.د.», «U.S.»).
_ABBREVIATION = re.compile(f"(?:^|[\\s.(«\"])[{ARABIC_LETTERS}{LATIN_LETTERS}]$")
_LINE = re.compile(r"[^\n]+")
_LETTERS = re.compile(f"[{ARABIC_LETTERS}]+")
_LETTERS_BEFORE = re.compile(f"[{ARABIC_LETTERS}]+$")
_POINTS = frozenset(".!?؟")
#: Letters one of the two words glued by a point must have for the point to end a sentence.
_GLUED_WORD = 4
#: How far back (characters) the word before a glued point is read (a longer run of letters is no word).
_GLUED_REACH = 40
#: Opening quote → closing quote. A straight double quote opens and closes; a passage does not run over a
#: paragraph (a line break): an opening quote left open closes at the end of its paragraph, except the straight
#: one, which also marks inches and is left alone when unpaired.
QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
_QUOTE_MARK = re.compile("[" + re.escape("".join(QUOTE_PAIRS)) + "]")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text[start:end]`, without surrounding white space.

    Example: sentences("وصل بوتين. وقال د. لافروف إن 3.5 مليار\\nوأضاف") → three sentences: «وصل بوتين.»
    (Putin arrived.), «وقال د. لافروف إن 3.5 مليار» (Dr Lavrov said 3.5 billion …) and «وأضاف» (he added).

    Args:
        text: clean text.
        start, end: the part of the text to split (default: all of it).
    Returns:
        Spans in text order; each holds at least one non-space character.
    """
    stop = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text, start, stop):
        cut = line.start()
        for m in _END.finditer(text, line.start(), line.end()):
            if m.group("glued") is not None and not _glued_end(text, m.start(), m.end()):
                continue
            if m.group()[0] == "." and len(m.group().rstrip("\"'»”’)]")) == 1 and \
                    _ABBREVIATION.search(text[max(line.start(), m.start() - 2):m.start()]):
                continue
            _add(text, cut, m.end(), out)
            cut = m.end()
        _add(text, cut, line.end(), out)
    return out


def _glued_end(text: str, start: int, end: int) -> bool:
    """Whether the points at text[start:end], glued between two Arabic words, end a sentence (see the module
    docstring)."""
    before = _LETTERS_BEFORE.search(text, max(0, start - _GLUED_REACH), start)
    after = _LETTERS.match(text, end)
    if before is None or "…" in text[start:end]:
        return False  # «2015.وقال», «…وقال»: not two words glued by a point
    if text[before.start() - 1:before.start()] in _POINTS or text[after.end():after.end() + 1] in _POINTS:
        return False  # a piece of «اتش.اس.بي.سي»
    sizes = sorted((len(before.group()), len(after.group())))
    return sizes[0] >= 2 and sizes[1] >= _GLUED_WORD


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def sentence_at(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence in `spans` (from `sentences`) that contains `offset`, or the last one that starts
    before it (an offset in the white space between two sentences belongs to the earlier one); −1 before all.
    """
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][0] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage of `text`, the quotation marks included, outermost only.

    Example: in «وقال الوزير: «سنبدأ غدا». وأضاف» (the minister said: "we start tomorrow". He added) the one
    passage is «سنبدأ غدا» with its marks. A passage opened by « or “ and not closed ends with its paragraph.
    """
    out: list[tuple[int, int]] = []
    for paragraph in _LINE.finditer(text):
        pos, end = paragraph.start(), paragraph.end()
        while (m := _QUOTE_MARK.search(text, pos, end)) is not None:
            opening = m.group()
            close = _closing(text, m.end(), end, opening)
            if close is None:
                if opening == '"':  # an unpaired straight quote: inches, a typo
                    pos = m.end()
                    continue
                close = end
            out.append((m.start(), close))
            pos = close
    return out


def _closing(text: str, start: int, end: int, opening: str) -> int | None:
    """The end (after the mark) of the quote opened before `start`, nested quotes of the same kind skipped."""
    closing, depth = QUOTE_PAIRS[opening], 0
    for i in range(start, end):
        ch = text[i]
        if ch == closing and (depth == 0 or opening == closing):
            return i + 1
        if ch == closing:
            depth -= 1
        elif ch == opening:
            depth += 1
    return None
