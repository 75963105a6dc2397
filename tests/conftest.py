"""Shared fixtures: the repository paths, the seed articles and the SaudiNewsNet reference corpus."""

from pathlib import Path

import pytest

#: The checkout the tests belong to (whether arnews is installed from it editable or not).
REPO_ROOT = Path(__file__).resolve().parents[1]

#: Where SaudiNewsNet lives: beside the repository (CI, /work/main) or beside the folder of worktrees
#: (/work/wt/<branch>). Never copied into the repository.
SAUDINEWSNET_CANDIDATES = tuple(root / "shared" / "corpora" / "saudinewsnet"
                                for root in (REPO_ROOT.parent, REPO_ROOT.parent.parent))


def find_saudinewsnet() -> Path | None:
    """The SaudiNewsNet folder (18 .zip files), or None when this machine does not have it."""
    return next((p for p in SAUDINEWSNET_CANDIDATES if p.is_dir() and any(p.glob("*.zip"))), None)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def raw_dir(repo) -> Path:
    return repo / "data" / "raw"


@pytest.fixture(scope="session")
def saudinewsnet() -> Path:
    """The SaudiNewsNet folder; the test is skipped on a machine without it."""
    path = find_saudinewsnet()
    if path is None:
        pytest.skip(f"SaudiNewsNet not found at {' or '.join(map(str, SAUDINEWSNET_CANDIDATES))}")
    return path
