"""Shared fixtures: the repository paths and the seed articles."""

from pathlib import Path

import pytest

from arnews import REPO_ROOT


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def raw_dir(repo) -> Path:
    return repo / "data" / "raw"
