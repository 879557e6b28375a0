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


# radon's C-or-worse blocks (cyclomatic complexity over 10), as ``radon cc -n C checks hooks
# rules`` lists them. A ratchet: the count may only go down. Issue #21 asks for at most 5 per
# 1,000 source lines (about 65 at 13,000); it was 157 when the issue was filed. Lower CEILING
# when you split a function.
# The verdicts branch (issue #23) added 12 such blocks (the history learners, extracted.py,
# overrides.py, the docstring gap and export decisions) and has not split them yet: main's 136
# plus those 12 until it does.
CEILING = 74


def test_complex_functions_do_not_grow():
    from radon.cli import Config
    from radon.cli.harvest import CCHarvester
    from radon.complexity import SCORE

    config = Config(
        min="C",
        max="F",
        exclude=None,
        ignore=None,
        show_complexity=True,
        average=False,
        total_average=False,
        order=SCORE,
        no_assert=False,
        show_closures=False,
    )
    harvester = CCHarvester([str(ROOT / f) for f in ("checks", "hooks", "rules")], config)
    found = sorted(
        f"{path}:{block.lineno} {block.name} ({block.complexity})"
        for path, blocks in harvester.results
        for block in blocks
        if block.complexity > 10
    )
    assert len(found) <= CEILING, "\n".join(found)


# Issue #21: no module over 400 lines. The table of modules allowed over it while their owners
# split them emptied once every split had landed; it may only stay empty.
MODULE_LINES = 400
OVER_400_UNTIL_SPLIT: frozenset[str] = frozenset()


def _long_modules(root: Path, limit: int) -> set[str]:
    """The modules of checks/, hooks/ and rules/ with more than ``limit`` lines."""
    return {
        path.relative_to(root).as_posix()
        for folder in ("checks", "hooks", "rules")
        for path in (root / folder).rglob("*.py")
        if len(path.read_text("utf-8").splitlines()) > limit
    }


def test_no_module_is_over_400_lines(tmp_path):
    long = _long_modules(ROOT, MODULE_LINES)
    assert long <= OVER_400_UNTIL_SPLIT, sorted(long - OVER_400_UNTIL_SPLIT)
    # an exception that no longer needs the table leaves it
    assert OVER_400_UNTIL_SPLIT <= long, sorted(OVER_400_UNTIL_SPLIT - long)
    # the counter sees a module one line over the limit, and not one at it
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "at.py").write_text("x = 1\n" * MODULE_LINES)
    (tmp_path / "checks" / "over.py").write_text("x = 1\n" * (MODULE_LINES + 1))
    assert _long_modules(tmp_path, MODULE_LINES) == {"checks/over.py"}
