"""A reader that goes away (``mergeready … | head``) never changes the exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import story

MERGEREADY = str(Path(sys.executable).parent / "mergeready")


def _reader_gone(args, cwd):
    """Run the console script with standard output a pipe whose reader has already gone."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [MERGEREADY, *args], cwd=cwd, stdout=write, stderr=subprocess.PIPE, timeout=120
        )
    finally:
        os.close(write)
    return proc.returncode, proc.stderr.decode()


@pytest.mark.slow
def test_check_keeps_its_verdict_when_the_reader_goes_away(git_repo):
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/a.md": "Fine.\n"}, message="docs: a")
    assert _reader_gone(["check", "--no-cache"], git_repo.path) == (0, "")
    git_repo.write("docs/a.md", "Teh.\n")
    git_repo.commit("docs: b")
    assert _reader_gone(["check", "--no-cache"], git_repo.path) == (1, "")


@pytest.mark.slow
def test_rules_and_history_exit_0_when_the_reader_goes_away(git_repo):
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/a.md": "Fine.\n"}, message="docs: a")
    assert _reader_gone(["rules"], git_repo.path) == (0, "")
    assert _reader_gone(["history", "--no-cache", "--jobs", "1"], git_repo.path) == (0, "")
