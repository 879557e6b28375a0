"""mergeready passes its own checks on its own tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.slow
def test_mergeready_passes_its_own_whole_tree_audit(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("an unpacked source distribution has no history to audit")
    proc = subprocess.run(
        [sys.executable, "-m", "mergeready.hooks", "check", "--all"],
        cwd=ROOT,
        # the cache and its key in this test's folder, not the home directory
        env={
            **os.environ,
            "MERGEREADY_CACHE_DIR": str(tmp_path / "cache"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
        },
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
