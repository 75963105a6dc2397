"""The characters of Arabic text, as data: letters, marks, digits, and the invisible format characters.

Every stage builds its token grammar and its folding from these classes, so "what is a letter" and "what is
a mark" are decided here once. The strings are regex character-class bodies (ranges with `-`), usable inside
`[...]`; `codes(...)` expands one into its code points.
"""

from __future__ import annotations

import re

__all__ = [
    "ARABIC_LETTERS", "ARABIC_MARKS", "TATWEEL", "DIACRITICS", "DIGITS", "LATIN_LETTERS", "FORMAT_CONTROLS",
    "BIDI_CONTROLS", "BIDI_CONTROL_PATTERN", "ALEF_VARIANTS", "codes",
]

#: Arabic letters, including the Persian/Urdu letters and the presentation forms that NFKC later folds.
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff" \
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufefc"
#: Tatweel (kashida): a stretch for justification, never a letter.
TATWEEL = "\u0640"
#: Marks that live inside an Arabic word and are not spelling: tashkeel (fathatan … sukun), the combining
#: hamza and madda, the superscript alef, and the Quranic annotation signs (honorific ligature marks above
#: and below, small high letters).
DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
#: What is dropped inside an Arabic word when words are compared: the diacritics and tatweel.
ARABIC_MARKS = DIACRITICS + TATWEEL
#: ASCII, Arabic-Indic (U+0660…) and Extended/Persian (U+06F0…) digits.
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
#: Latin letters, with the accented ones of Latin-1 and Latin Extended-A/B (names in French or Turkish).
LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
#: Bidirectional controls: marks, embeddings, overrides and isolates. In untrusted text they reorder what a
#: reader sees (U+202E turns a line around), so they are never part of a word and never shown raw.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: One bidi control character, compiled: what text shown to a reader strips or labels.
BIDI_CONTROL_PATTERN = re.compile(f"[{BIDI_CONTROLS}]")
#: Invisible format characters that never change a word: zero-width space/joiners, word joiner, soft hyphen,
#: byte-order mark, and the bidi controls.
FORMAT_CONTROLS = "\u00ad\u200b-\u200d\u2060\ufeff" + BIDI_CONTROLS
#: Alef carrying hamza or madda, and alef wasla: outlets and typists use them inconsistently.
ALEF_VARIANTS = "أإآٱ"


def codes(char_class: str) -> list[int]:
    """The code points of a character-class body such as "\\u064b-\\u065f\\u0670" (ranges expanded).

    Example: codes("ا-ب") → [0x0627, 0x0628]; codes("A-C") → [65, 66, 67].
    """
    out, i = [], 0
    while i < len(char_class):
        if i + 2 < len(char_class) and char_class[i + 1] == "-":
            out.extend(range(ord(char_class[i]), ord(char_class[i + 2]) + 1))
            i += 3
        else:
            out.append(ord(char_class[i]))
            i += 1
    return out
