"""Analysis normalization of Arabic text: small pure functions, composed into pipelines.

These functions never touch the raw or the clean text in place: stages apply them to a *copy* (for counting,
matching, searching), so what the reader sees and what the audit trail records stays byte-for-byte the text.
The terms stage applies them to its vocabulary of distinct surface forms, not to every character of a corpus.

Each step is a `str -> str` function safe on any text (a single word or a whole article), so a step applied
to "\\n".join(words) gives the step of each word: that is how a whole vocabulary is normalized in one call.
Maps are data (translate tables, precompiled regexes) built once at import, in the style of CAMeL Tools'
normalize.py; `compose(*steps)` chains them and `analysis` is the default chain.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np

#: Tashkeel (fathatan … sukun), Quranic marks and the superscript alef: pronunciation aids, not spelling.
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
#: Tatweel (kashida): a stretch for justification, never a letter.
TATWEEL = "\u0640"
_DIACRITICS_TATWEEL = str.maketrans("", "", DIACRITICS + TATWEEL)

#: Hamza carried by alef, madda and wasla: outlets and typists use them inconsistently.
ALEF_VARIANTS = "أإآٱ"
_ALEF = str.maketrans({c: "ا" for c in ALEF_VARIANTS})
_ALEF_MAQSURA = str.maketrans({"ى": "ي"})
_TEH_MARBUTA = str.maketrans({"ة": "ه"})

#: Arabic-Indic (U+0660…) and Extended/Persian (U+06F0…) digits, and the Arabic decimal/thousands marks.
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
     "\u066b": ".", "\u066c": ","}
)

#: Curly, angle and low quotes → ASCII; Arabic comma/semicolon/question mark → Latin; dashes → hyphen.
_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("“”«»„‟″", '"'),
        **dict.fromkeys("‘’‚‛′", "'"),
        "،": ",", "؛": ";", "؟": "?", "٪": "%",
        **dict.fromkeys("‐‑‒–—―", "-"),
    }
)
_SPACES = re.compile(r"[^\S\n]+")
#: From this length on, a text is normalized by the faster path of each step (same result).
_LONG_TEXT = 10_000


def unicode_nfkc(text: str) -> str:
    """Unicode NFKC: presentation forms and ligatures become plain letters.

    Example: "ﺑﻮﺗﻴﻦ" (Putin, typed in isolated/initial presentation forms by an old PDF export) →
    "بوتين"; the lam-alef ligature "ﻻ" → "لا".

    Args:
        text: any text.
    Returns:
        The NFKC form of `text`.
    """
    if len(text) < _LONG_TEXT or "\n" not in text:
        return unicodedata.normalize("NFKC", text)
    # a line break is a boundary NFKC never reorders or composes across, so a long text (a vocabulary joined
    # by newlines) is normalized line by line, and only the lines that need it (about 2% of a news vocabulary)
    lines = text.split("\n")
    is_normalized, normalize = unicodedata.is_normalized, unicodedata.normalize
    for i, line in enumerate(lines):
        if not is_normalized("NFKC", line):
            lines[i] = normalize("NFKC", line)
    return "\n".join(lines)


def remove_diacritics(text: str) -> str:
    """Drop tashkeel (fatha, damma, kasra, tanween, shadda, sukun …), the superscript alef and tatweel.

    Example: "تقدّر" (she appreciates, with shadda) → "تقدر"; "دائمًا" (always) → "دائما";
    "الإمبريـــالية" (imperialism, stretched with tatweel) → "الإمبريالية".

    Args:
        text: any text.
    Returns:
        `text` without diacritics and tatweel.
    """
    return text.translate(_DIACRITICS_TATWEEL)


remove_diacritics.table = _DIACRITICS_TATWEEL  # type: ignore[attr-defined]


def normalize_alef(text: str) -> str:
    """Fold hamza-carrying alefs (أ إ آ ٱ) into bare alef ا.

    Example: "أون" and "اون" (Un, in Kim Jong Un) both → "اون"; "الإمبريالية" → "الامبريالية".

    Args:
        text: any text.
    Returns:
        `text` with every alef variant replaced by ا.
    """
    return text.translate(_ALEF)


normalize_alef.table = _ALEF  # type: ignore[attr-defined]


def normalize_alef_maqsura(text: str) -> str:
    """Fold alef maqsura ى into yeh ي (Egyptian print writes final ي as ى and the reverse).

    Example: "إلى" (to) → "إلي"; "فى" (in, Egyptian spelling in "فى زيارة رسمية") → "في".

    Args:
        text: any text.
    Returns:
        `text` with ى replaced by ي.
    """
    return text.translate(_ALEF_MAQSURA)


normalize_alef_maqsura.table = _ALEF_MAQSURA  # type: ignore[attr-defined]


def normalize_teh_marbuta(text: str) -> str:
    """Fold teh marbuta ة into heh ه (optional: not in the default pipeline, it merges real pairs).

    Example: "الكورية" (Korean, fem.) → "الكوريه", as some outlets type it.

    Args:
        text: any text.
    Returns:
        `text` with ة replaced by ه.
    """
    return text.translate(_TEH_MARBUTA)


normalize_teh_marbuta.table = _TEH_MARBUTA  # type: ignore[attr-defined]


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits (and the Arabic decimal separator) → ASCII digits.

    Example: "عام ٢٠٠٠" (in the year 2000) → "عام 2000"; "۲۴ عاما" → "24 عاما".

    Args:
        text: any text.
    Returns:
        `text` with every digit in ASCII.
    """
    return text.translate(_DIGITS)


normalize_digits.table = _DIGITS  # type: ignore[attr-defined]


def normalize_punctuation(text: str) -> str:
    """Quotes, Arabic punctuation and dashes → one ASCII form each; runs of spaces → one space.

    Example: "“الدعم المستمر والثابت”، قال" → '"الدعم المستمر والثابت", قال'
    ("continued and steadfast support", he said); «العدوان» → "العدوان" in double quotes.

    Args:
        text: any text.
    Returns:
        `text` with normalized punctuation; newlines are kept.
    """
    return _SPACES.sub(" ", text.translate(_PUNCTUATION))


def fold_latin_case(text: str) -> str:
    """Lower-case Latin letters (Arabic has no case), so "ABC News" and "abc news" count together.

    Example: "ساهم ... من ABC News" → "ساهم ... من abc news".

    Args:
        text: any text.
    Returns:
        `text` case-folded.
    """
    return text.casefold()


def compose(*steps: Callable[[str], str]) -> Callable[[str], str]:
    """Chain normalization steps left to right into one `str -> str` function.

    Example: compose(remove_diacritics, normalize_alef)("أحرزنا تقدّمًا") → "احرزنا تقدما"
    (we made progress).

    Args:
        steps: functions str -> str.
    Returns:
        A function applying each step in turn.
    """

    fused = _fuse_tables(steps)

    def pipeline(text: str) -> str:
        for step in fused:
            text = step(text)
        return text

    pipeline.steps = steps  # type: ignore[attr-defined]
    pipeline.__doc__ = "Normalization pipeline: " + " → ".join(s.__name__ for s in steps)
    return pipeline


def _fuse_tables(steps) -> list[Callable[[str], str]]:
    """Merge runs of consecutive translate-table steps into one translate (one pass instead of several).

    Steps keep their order: a later table applies to what the earlier one produced.
    """
    flat = [s for step in steps for s in getattr(step, "steps", (step,))]
    out: list[Callable[[str], str]] = []
    table: dict[int, str | None] | None = None
    for step in [*flat, None]:
        step_table = getattr(step, "table", None)
        if step_table is not None:
            if table is None:
                table = dict(step_table)
            else:  # chain: what the earlier table maps to goes through the later one
                table = {k: (v if v is None else v.translate(step_table)) or None for k, v in table.items()}
                table.update({k: v for k, v in step_table.items() if k not in table})
            continue
        if table is not None:
            out.append(_translator(table))
            table = None
        if step is not None:
            out.append(step)
    return out


def _translator(table: dict[int, str | None]) -> Callable[[str], str]:
    code_map = None
    if all(k < 0x10000 and (v is None or len(v) == 1) for k, v in table.items()):
        code_map = np.full(0x10000, -2, dtype=np.int32)  # −2: keep, −1: delete, else the code point to write
        code_map[list(table)] = [-1 if v is None else ord(v) for v in table.values()]

    def translate(text: str) -> str:
        if code_map is None or len(text) < _LONG_TEXT:
            return text.translate(table)
        from arnews import scan  # compiled: str.translate looks up a dictionary for every character

        return scan.translate(text, code_map)

    return translate


#: Default analysis normalization for counting and matching terms (no teh marbuta folding).
analysis = compose(
    unicode_nfkc, remove_diacritics, normalize_alef, normalize_alef_maqsura, normalize_digits, fold_latin_case
)

#: The same with teh marbuta folded, for corpora that mix ة and ه.
analysis_folded = compose(analysis, normalize_teh_marbuta)


def normalize_words(words: list[str], pipeline: Callable[[str], str] = analysis) -> list[str]:
    """Normalize many words in one call (one pass over their joined text, not one call per word).

    Example: normalize_words(["بيونغ يانغ", "بيونغ يانغ"]) → ["بيونغ يانغ", "بيونغ يانغ"]
    (Pyongyang with and without tashkeel).

    Args:
        words: words or short phrases without newlines.
        pipeline: a normalization function whose steps neither add nor remove newlines.
    Returns:
        The normalized words, in order.
    """
    if not words:
        return []
    out = pipeline("\n".join(words)).split("\n")
    if len(out) != len(words):  # a step produced or swallowed a newline: fall back to word by word
        out = [pipeline(w) for w in words]
    return out
