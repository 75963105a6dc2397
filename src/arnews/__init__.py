"""arnews: reproducible analysis of Arabic news, one module per stage.

Stages: corpus (load) → clean → terms → timeline → delegations; plotting draws Arabic figures;
build executes the notebooks into HTML reports. Each stage is also `arnews <stage>` (or `python -m arnews`).
Where the lexicons, notebooks and seed corpus are found: `arnews.config`.
"""

from arnews.config import REPO_ROOT, lexicons_dir

__all__ = ["LEXICONS", "REPO_ROOT", "__version__"]

__version__ = "0.1.0"

#: Rules and word lists as data; a researcher edits these without touching code (see `arnews.config`).
LEXICONS = lexicons_dir()
