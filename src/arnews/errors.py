"""Errors that reach the user as one clear line, never as a traceback, and the escaping of what they name.

File names, ZIP member names and field values come from the corpus, which nobody vetted: printed as they are,
a newline in a name fakes a message line, an escape sequence clears the terminal or sets its title, and a
bidi control (U+202E …) reorders what the reader sees. `printable` writes those characters as Python would
in a `repr` (`\\n`, `\\x1b`, `\\u202e`) and leaves every other character, Arabic included, as it is.
"""

from __future__ import annotations

import re

__all__ = ["InputError", "UsageError", "printable"]

#: Characters never printed as they are: C0 and C1 controls and DEL, the bidi controls (ALM, LRM, RLM,
#: LRE…RLO, LRI…PDI: `arabic.BIDI_CONTROLS`, spelled out here because the core imports this module through
#: the lexicons) and the line and paragraph separators.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match) -> str:
    return ascii(match.group())[1:-1]


def printable(text: object) -> str:
    """`str(text)` with control, bidi and separator characters escaped as in a repr (`\\n`, `\\x1b`, `\\u202e`)."""
    text = str(text)
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


class InputError(Exception):
    """A problem with the user's input (a path, a file, the data), worded for the user; exit code 1.

    Args:
        path: the file or folder concerned, or None.
        reason: what is wrong with it, in plain words.
    """

    def __init__(self, path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{printable(path)}: {reason}" if path is not None else reason)

    def __reduce__(self):
        # Rebuild from (path, reason), so the error survives a trip back from a worker process.
        return type(self), (self.path, self.reason)


class UsageError(InputError):
    """The command line asks for something that cannot be done (an output over an input, a corpus path that
    does not exist, an option out of range); exit code 2, as for an argument argparse rejects."""
