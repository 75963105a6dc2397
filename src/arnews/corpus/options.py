"""What the loader accepts, and the limits that keep a hostile or broken corpus from taking the machine.

The limits are documented in docs/data-safety.md. Each can be changed for one run with an option of every
stage (`--max-unzipped`, `--max-ratio`, `--follow-symlinks`) or for a session with an environment variable
(ARNEWS_MAX_UNZIPPED, ARNEWS_MAX_RATIO, ARNEWS_FOLLOW_SYMLINKS); the options set the variables for the run, so
worker processes and the notebooks `build` runs obey them too.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from arnews import config
from arnews.errors import UsageError

__all__ = [
    "COLUMNS", "FOLLOW_SYMLINKS_VARIABLE", "LoadOptions", "MAX_RATIO", "MAX_RATIO_VARIABLE", "MAX_UNZIPPED",
    "MAX_UNZIPPED_VARIABLE", "MAX_ZIP_DEPTH", "METADATA_NAME", "RATIO_FROM", "SUPPORTED", "YEARS", "parse_size",
]

COLUMNS = ["doc_id", "title", "outlet", "published", "url", "text"]
METADATA_NAME = "metadata.csv"
SUPPORTED = {".txt", ".json", ".jsonl", ".csv", ".zip"}

#: Zip archives inside zip archives are read this many levels deep.
MAX_ZIP_DEPTH = 3
#: At most this many bytes are inflated from one zip archive (its nested archives included): 1 GiB. The
#: members' declared sizes are checked before anything is inflated, and the bytes are counted while inflating
#: (a header can lie). SaudiNewsNet's largest archive holds 13 MB (ratio 3.8).
MAX_UNZIPPED = 1 << 30
#: A member larger than RATIO_FROM bytes may be at most this many times larger than its compressed bytes.
#: Arabic news text deflates 3–6 times, JSON of it up to ~10 times; a zip bomb reaches 1,000.
MAX_RATIO = 100
RATIO_FROM = 1 << 20
#: Publication dates outside these years (inclusive) are reported as bad dates and left empty.
YEARS = (1800, 2100)

MAX_UNZIPPED_VARIABLE = "ARNEWS_MAX_UNZIPPED"
MAX_RATIO_VARIABLE = "ARNEWS_MAX_RATIO"
FOLLOW_SYMLINKS_VARIABLE = "ARNEWS_FOLLOW_SYMLINKS"

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_size(text: str) -> int:
    """Bytes from '1073741824', '512M', '2G', '1.5GiB' (binary units).

    Raises:
        UsageError: not a size.
    """
    match = _SIZE.fullmatch(str(text))
    if not match:
        raise UsageError(None, f"'{text}' is not a size (e.g. 2G, 500M or a number of bytes)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


@dataclass(frozen=True)
class LoadOptions:
    """The loader's limits and symlink policy for one load.

    Args:
        follow_symlinks: read files that symbolic links inside the corpus folder point to outside it (and
            folders they link to); by default they are skipped with a message.
        max_unzipped: bytes inflated from one zip archive at most (MAX_UNZIPPED).
        max_ratio: uncompressed / compressed size of a zip member larger than RATIO_FROM at most (MAX_RATIO).
    """

    follow_symlinks: bool = False
    max_unzipped: int = MAX_UNZIPPED
    max_ratio: float = MAX_RATIO

    @classmethod
    def from_environment(cls) -> LoadOptions:
        """The defaults, changed by ARNEWS_MAX_UNZIPPED, ARNEWS_MAX_RATIO and ARNEWS_FOLLOW_SYMLINKS."""
        size = os.environ.get(MAX_UNZIPPED_VARIABLE, "").strip()
        ratio = os.environ.get(MAX_RATIO_VARIABLE, "").strip()
        try:
            max_ratio = float(ratio) if ratio else MAX_RATIO
        except ValueError:
            raise UsageError(None, f"{MAX_RATIO_VARIABLE}='{ratio}' is not a number") from None
        return cls(follow_symlinks=config.env_flag(FOLLOW_SYMLINKS_VARIABLE),
                   max_unzipped=parse_size(size) if size else MAX_UNZIPPED, max_ratio=max_ratio)
