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


#: Excerpts of 109 SaudiNewsNet articles with the corpus's boilerplate (tests/data/saudinewsnet/PROVENANCE.md).
SAUDINEWSNET_EXCERPTS = REPO_ROOT / "tests" / "data" / "saudinewsnet"


@pytest.fixture(scope="session")
def saudinewsnet_excerpts(tmp_path_factory) -> Path:
    """The SaudiNewsNet excerpts laid out as the corpus ships: one `<day>.zip` per day holding `<day>.json`.

    Present on every machine: the counterpart of the `saudinewsnet` fixture for tests that must not skip.
    """
    import zipfile

    folder = tmp_path_factory.mktemp("saudinewsnet-excerpts") / "saudinewsnet-excerpts"
    folder.mkdir()
    for day in sorted(SAUDINEWSNET_EXCERPTS.glob("*.json")):
        with zipfile.ZipFile(folder / f"{day.stem}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(day, day.name)
    return folder
