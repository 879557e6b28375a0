"""The code is typed (mypy strict) and clean (ruff), as the house style asks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.slow
def test_mypy_strict_on_the_package_and_relaxed_on_the_tests():
    # .ci/typecheck.py hands mypy every file under the module name the package mapping in
    # pyproject.toml gives it: no tree of links, and the same command CI and developers run.
    proc = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "typecheck.py")], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "mypy: " in proc.stderr and " 0 problems" in proc.stderr


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff(args):
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    proc = subprocess.run([ruff, *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
