"""Test commands a contribution edits so that its own tests are deselected or can no longer fail.

pytest's collection settings come from the base (``collection_switch``), but the command that runs
the tests is another switch: tox's ``commands``/``setenv``/``passenv``, a ``noxfile.py`` session,
a CI workflow's test step, a ``Makefile`` test target. A contribution that writes ``--deselect``,
``--ignore``, ``-k``, ``-m "not …"``, ``-o``/``--override-ini``, ``-p no:…``, ``PYTEST_ADDOPTS``,
``|| true``, ``continue-on-error``, tox's ``ignore_outcome``/``ignore_errors``, nox's
``success_codes`` or a Makefile recipe line that ignores its status (``-pytest``) there decides
which tests run, or that a failing run passes (a pull-request workflow runs the contribution's own
copy): the tests it offers are no evidence (MR807). The files are read line by line as text —
never run, never parsed as YAML (no alias is expanded); a selection flag counts on a line that
names a test runner, or on a line within three after one that carries on its arguments (a
flag or a quoted argument, or after a trailing backslash), not on a line that starts another
command or key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

# Files that say how the tests are run, by name; workflows and make fragments by folder/suffix.
_NAMED: Final = frozenset(
    {
        "tox.ini",
        "tox.toml",
        "noxfile.py",
        "Makefile",
        "makefile",
        "GNUmakefile",
        "justfile",
        "Justfile",
        "hatch.toml",
        ".gitlab-ci.yml",
        "azure-pipelines.yml",
        ".travis.yml",
        "pyproject.toml",
    }
)
_FOLDERS: Final = (".github/workflows/", ".circleci/", ".gitlab/", ".azure-pipelines/")
# pyproject.toml tables that hold test commands (the pytest table is collection_switch's).
_PYPROJECT_TABLES: Final = ("[tool.tox", "[tool.hatch", "[tool.pdm", "[tool.poe", "[tool.taskipy")

# A test runner named on the line (the selection flags below are everyday flags of other tools).
RUNNER: Final = re.compile(
    r"(?i)(?:py\.?test|\btox\b|\bnox\b|unittest|\bhatch\s{1,8}test|\bmake\s{1,8}test|"
    r"manage\.py\s{1,8}test)"
)
# Flags that deselect, ignore or re-configure tests, or end a failing command with success,
# spelled as a shell word or a quoted argument (near a runner: other tools use these flags too).
SELECTS: Final = re.compile(
    r"(?:^|[\s\"'\[,(=])(?P<flag>--deselect\b|--ignore(?:-glob)?\b(?!-)|-k\b|--keyword\b|"
    r"--override-ini\b|-o\s{0,8}[\"']?\w{1,64}\s{0,8}=|-p\s{0,8}[\"']?no:|"
    r"--continue-on-collection-errors\b|--co\b|--collect-only\b|-m\s{0,8}[\"']?not\b|"
    r"--last-failed\b|--lf\b|--stepwise\b|--sw\b|--rootdir\b|--confcutdir\b|--noconftest\b|"
    r"\|\|\s{0,8}(?:true\b|:|exit\s{1,8}0\b)|;\s{0,8}exit\s{1,8}0\b|set\s{1,8}\+e\b)"
)
# Settings that change every test run, or let a failing run pass, wherever they are written.
UNFAILS: Final = re.compile(
    r"(?i)(?P<flag>PYTEST_ADDOPTS|continue-on-error\s{0,8}:\s{0,8}(?!false\b)\S|"
    r"ignore_outcome\s{0,8}=\s{0,8}true\b|ignore_errors\s{0,8}=\s{0,8}true\b|"
    r"success_codes\b|allow_failure\s{0,8}:\s{0,8}true\b)"
)
# A Makefile recipe line whose failure make ignores: a tab, then "-" (or "@-", "-@").
_MAKE_IGNORED: Final = ("\t-", "\t@-")
_WINDOW: Final = 3


def runs_tests(path: str) -> bool:
    """Tell whether a file says how the project's tests are run.

    Args:
        path: A file's path in the repository.

    Returns:
        True for tox, nox, make, just and hatch files, CI configurations and ``pyproject.toml``.
    """
    name = path.rpartition("/")[2]
    if name in _NAMED or name.endswith(".mk"):
        return "/" not in path or name not in {"pyproject.toml", "noxfile.py", "tox.ini"}
    return path.startswith(_FOLDERS) and name.endswith((".yml", ".yaml"))


def command_switches(
    path: str, text: str, written: Callable[[int, int], bool]
) -> Iterator[tuple[int, str]]:
    """Find the lines the contribution writes that deselect tests or let them pass unrun.

    Args:
        path: The file's path (one for which ``runs_tests`` is true).
        text: The file's text at the head.
        written: Tells whether the contribution writes a range of lines.

    Yields:
        The first such line's number, and what it does (one per file: a reviewer fixes the file).
    """
    lines = text.split("\n")
    makefile = "make" in path.lower() or path.endswith(".mk")
    last_runner = -_WINDOW - 1
    for number, line in _commands(path, lines):
        if _starts_command(line.strip(), lines[number - 2] if number > 1 else ""):
            last_runner = -_WINDOW - 1
        if RUNNER.search(line):
            last_runner = number
        what = _what(line, number - last_runner <= _WINDOW, makefile)
        if what and written(number, number):
            yield number, f"a test command ({what}) in {path.rpartition('/')[2]}"
            return


def _commands(path: str, lines: list[str]) -> Iterator[tuple[int, str]]:
    """The numbered lines that can hold test commands (in ``pyproject.toml``: its task tables)."""
    inside = path.rpartition("/")[2] != "pyproject.toml"
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("[") and path.endswith("pyproject.toml"):
            inside = stripped.startswith(_PYPROJECT_TABLES)
        if inside:
            yield number, line


def _starts_command(stripped: str, previous: str) -> bool:
    """A line that starts another command, key or list item (a word, ``- ``), not one that
    carries on the runner's arguments (a flag, a quoted argument, after a trailing backslash)."""
    if previous.rstrip().endswith("\\"):
        return False
    return stripped[:2] == "- " or stripped[:1].isalnum() or stripped[:1] == "_"


def _what(line: str, near_runner: bool, makefile: bool) -> str:
    """What a line does to the test run, or "" when it leaves it alone."""
    unfails = UNFAILS.search(line)
    if unfails:
        return unfails.group("flag").strip()
    if not near_runner:
        return ""
    if makefile and line.startswith(_MAKE_IGNORED):
        return "a recipe line whose failure make ignores"
    selects = SELECTS.search(line)
    return selects.group("flag").strip() if selects else ""
