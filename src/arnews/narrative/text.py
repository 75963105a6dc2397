"""Small pieces of the notebooks' computed prose: Markdown that displays itself, article text made inert,
Arabic isolated inside English sentences, numbers and lists written out."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["FSI", "PDI", "Prose", "WholeTable", "agree", "arabic", "gloss", "isolate", "listing", "literal", "name",
           "number", "percent", "plural", "relative_to"]

#: Unicode FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: text between them takes its own direction and
#: does not reorder the sentence around it ("«الإمبريالية»: 5 lines" stays in that order in an English line).
FSI, PDI = "\u2068", "\u2069"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")


class Prose(str):
    """Markdown for the current corpus. A notebook cell ending with one shows it as formatted text (in
    JupyterLab and in the HTML report), not as a quoted string."""

    def _repr_markdown_(self) -> str:
        return str(self)


class WholeTable:
    """A table shown with every cell in full (pandas' display cuts cells after 50 characters) and no index;
    the text is escaped. `frame` is the DataFrame."""

    def __init__(self, frame):
        self.frame = frame

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, escape=True, border=0)


def isolate(text: str) -> str:
    """`text` between Unicode isolates: its direction no longer scrambles the line it sits in."""
    return f"{FSI}{text}{PDI}"


def literal(text) -> str:
    """Corpus text (a title, a term, a doc_id) made safe inside Markdown: HTML escaped, Markdown marks
    backslash-escaped, whitespace runs joined."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def name(text) -> str:
    """A name from the corpus (an outlet, a doc_id) inside an English sentence: literal and isolated."""
    return isolate(literal(text))


def arabic(text) -> str:
    """Corpus text to quote inside an English sentence: literal, isolated and in «guillemets»."""
    return isolate(f"«{literal(text)}»")


def number(n) -> str:
    """12345 → "12,345"."""
    return f"{int(n):,}"


def plural(n, singular: str, plural_form: str | None = None) -> str:
    """"1 article", "3 articles", "12,345 articles"."""
    return f"{number(n)} {singular if int(n) == 1 else plural_form or singular + 's'}"


def agree(n, singular: str, plural_form: str) -> str:
    """The verb that agrees with a count: agree(1, "has", "have") → "has", agree(3, "has", "have") → "have"."""
    return singular if int(n) == 1 else plural_form


def percent(part, whole) -> str:
    """Share as a percentage ("12.5%"; "<0.1%" for a small non-zero share; "0%" of nothing)."""
    if not whole:
        return "0%"
    share = 100 * part / whole
    return "<0.1%" if 0 < share < 0.05 else f"{share:.1f}%".replace(".0%", "%")


def listing(items: Iterable[str], conjunction: str = "and") -> str:
    """["a"] → "a"; ["a", "b", "c"] → "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


@functools.cache
def _glosses() -> dict[str, str]:
    from arnews import lexicons

    return {e.canonical: _PARENTHESIS.sub("", e.gloss) for e in lexicons.entities() if e.gloss}


def gloss(term: str) -> str:
    """The English name of an entity of data/lexicons/entities.csv ("" for other terms)."""
    return _glosses().get(term, "")


def relative_to(path, root) -> str:
    """A path as a report may show it: relative to `root` (the output folder), else its file name only."""
    path, root = Path(path).resolve(), Path(root).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
