"""mergeready passes its own checks on its own tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.slow
def test_mergeready_passes_its_own_whole_tree_audit():
    if not (ROOT / ".git").exists():
        pytest.skip("an unpacked source distribution has no history to audit")
    proc = subprocess.run(
        [sys.executable, "-m", "mergeready.hooks", "check", "--all"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
