"""Every stage is a `python -m arnews <stage>` subcommand with one contract."""

import subprocess
import sys

import pytest

from arnews.cli import STAGES


def arnews(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "arnews", *args], capture_output=True, text=True, cwd=cwd)


def test_top_level_help_lists_every_stage():
    result = arnews("--help")
    assert result.returncode == 0
    for stage in STAGES:
        assert stage in result.stdout


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_documents_corpus_and_out(stage):
    result = arnews(stage, "--help")
    assert result.returncode == 0, result.stderr
    assert "--corpus" in result.stdout and "--out" in result.stdout


@pytest.mark.parametrize("stage", STAGES)
def test_missing_corpus_is_a_one_line_error(stage, tmp_path):
    missing = tmp_path / "no-such-corpus"
    result = arnews(stage, "--corpus", str(missing), "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(missing) in lines[0] and "does not exist" in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
