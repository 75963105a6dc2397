"""arnews: reproducible analysis of Arabic news, one module per stage.

Stages: corpus (load) → clean → terms → timeline → delegations; plotting draws Arabic figures;
build executes the notebooks into HTML reports. Each stage is also `python -m arnews <stage>`.
"""

from pathlib import Path

__version__ = "0.1.0"

#: The repository root when arnews runs from a checkout (src/arnews/ → ../..).
REPO_ROOT = Path(__file__).resolve().parents[2]
#: Rules and word lists as data; a researcher edits these without touching code.
LEXICONS = REPO_ROOT / "data" / "lexicons"
