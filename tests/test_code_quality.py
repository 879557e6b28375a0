"""The code is typed (mypy strict) and clean (ruff), as the house style asks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_mypy_strict(tmp_path):
    # The folders install as mergeready.checks/hooks/rules; mypy needs that layout to follow
    # the imports, so it gets a tree of links that mirrors the installed package.
    package = tmp_path / "mergeready"
    package.mkdir()
    for folder in ("checks", "hooks", "rules"):
        (package / folder).symlink_to(ROOT / folder)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "-p",
            "mergeready.checks",
            "-p",
            "mergeready.hooks",
            "-p",
            "mergeready.rules",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff(args):
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    proc = subprocess.run([ruff, *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
