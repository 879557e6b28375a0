"""Where a module's tests live, and which test file to suggest when no test changed.

The test files named after a module (beside it or in a test folder) and the ones the project's
history changes with it.
"""

from __future__ import annotations

import re
from typing import Final, Protocol

from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import first_match

HISTORY: Final = 200  # merged changes of the base read to learn where a module's tests live
# Folders that hold tests: tests/, test/, testing/, t/, typing_tests/, typing-examples/, …
_TEST_FOLDER: Final = re.compile(r"^(tests?|testing|t|[\w.-]{0,40}[_-]tests?|typing[_-]examples)$")


class Layout(Protocol):
    """What the suggestions read of a check's options."""

    @property
    def tests(self) -> tuple[str, ...]:
        """The globs of test files."""

    @property
    def prefix_match(self) -> bool:
        """True when one test file beside the modules may cover several of them."""


def split_path(path: str) -> tuple[str, str]:
    """Split a path into its folder and its name without the extension.

    Args:
        path: A file's path.

    Returns:
        The folder (``""`` at the top) and the stem.
    """
    folder, _, name = path.rpartition("/")
    return folder, name[:-3] if name.endswith(".py") else name.rsplit(".", 1)[0]


def test_stems(stem: str) -> set[str]:
    """The names of the test files for a module: ``_mod`` ↔ ``test_mod``, ``mod_test``.

    Args:
        stem: The module's name without ``.py``.

    Returns:
        The test files' stems.
    """
    bare = stem.lstrip("_") or stem
    return {f"test_{stem}", f"{stem}_test", f"test_{bare}", f"{bare}_test", f"tests_{bare}"}


def in_test_folder(path: str) -> bool:
    """Whether a file is under a test folder, whatever it is called (``t/``, ``typing_tests/``).

    Args:
        path: The file's path.

    Returns:
        True when one of its folders is a test folder.
    """
    folders = path.split("/")[:-1]
    return any(_TEST_FOLDER.match(name) for name in folders)


def history_tests(contribution: Contribution, path: str, options: Layout) -> tuple[str, ...]:
    """The test files the base's merged changes to a module changed with it, most often first.

    Keras tests its backends through ``keras/src/ops/*_test.py``: the merged changes to
    ``keras/src/backend/jax/math.py`` changed ``keras/src/ops/math_test.py``, and no
    ``keras/src/backend/jax/math_test.py`` exists. Only files that still exist at head count.

    Args:
        contribution: The contribution (its base's history is read).
        path: The module's path.
        options: This check's options (which files are tests).

    Returns:
        The test files, most often changed with the module first; at most three.
    """

    def load() -> tuple[str, ...]:
        counts: dict[str, int] = {}
        for paths, _ in contribution.recent_history(HISTORY, audited=True, commits=True):
            if path in paths:
                for p in paths:
                    if is_test_module(p, options):
                        counts[p] = counts.get(p, 0) + 1
        heads = contribution.head_paths()
        ranked = sorted(counts, key=lambda p: (-counts[p], p))
        return tuple(p for p in ranked if p in heads and counts[p] >= 2)[:3]

    found: tuple[str, ...] = contribution.once(f"history-tests:{path}", load)
    return found


def suggest(path: str, contribution: Contribution, options: Layout) -> str:
    """Name the test file to change for a module.

    The one beside the module named after it, else the one the project's history shows, else an
    existing one for the module elsewhere, else (for a module with none) the layout's new file,
    named as new.

    Args:
        path: The module's path.
        contribution: The contribution.
        options: The project's test layout.

    Returns:
        The hint's words.
    """
    folder, stem = split_path(path)
    if stem == "__init__":
        stem = folder.rsplit("/", 1)[-1] or "package"
    paths = contribution.head_paths()
    named = named_tests(folder, stem, paths)
    if named:
        return named[0]
    learned = history_tests(contribution, path, options)
    if learned:
        return f"{learned[0]} (changed with {path} before)"
    paired = _paired_test(path, contribution, options)
    if paired:
        return paired
    bare = stem.lstrip("_") or stem
    if any(p.endswith("_test.py") and not in_test_folder(p) for p in paths) or options.prefix_match:
        return f"a new test file {bare}_test.py beside it"
    counts: dict[str, int] = {}
    for p in paths:
        top = p.split("/", 1)[0]
        if "/" in p and _TEST_FOLDER.match(top) and p.rsplit("/", 1)[-1].startswith("test"):
            counts[top] = counts.get(top, 0) + 1
    top = max(sorted(counts), key=lambda k: counts[k], default="tests")
    return f"a new test file test_{bare}.py under {top}/"


def named_tests(folder: str, stem: str, paths: frozenset[str]) -> list[str]:
    """The existing test files named after a module, best first.

    Beside the module first (``einsum_dense_test.py`` for ``einsum_dense.py``, never the
    ``dense_test.py`` a co-change suggests), then in a test folder, the one whose folders
    mirror the module's most closely (``tests/backend/torch/test_core.py`` for
    ``keras/backend/torch/core.py``), then the shallowest.

    Args:
        folder: The module's folder.
        stem: The module's name without ``.py``.
        paths: Every path at head.

    Returns:
        The test files' paths.
    """
    stems = test_stems(stem)
    prefix = f"{folder}/" if folder else ""
    beside = sorted(f"{prefix}{name}.py" for name in stems if f"{prefix}{name}.py" in paths)
    parts = folder.split("/") if folder else []

    def mirrored(p: str) -> int:
        t_parts = p.split("/")[:-1]
        shared = 0
        while shared < min(len(parts), len(t_parts)) and parts[-1 - shared] == t_parts[-1 - shared]:
            shared += 1
        return shared

    elsewhere = sorted(
        (
            p
            for p in paths
            if p.endswith(".py")
            and split_path(p)[1] in stems
            and in_test_folder(p)
            and p not in beside
        ),
        key=lambda p: (-mirrored(p), p.count("/"), p),
    )
    return beside + elsewhere


def is_test_module(path: str, options: Layout) -> bool:
    """Whether a file is a test file that holds tests (``conftest.py`` holds fixtures).

    Args:
        path: The file's path.
        options: The project's test layout.

    Returns:
        True for a test module.
    """
    return (
        path.endswith(".py")
        and path.rsplit("/", 1)[-1] != "conftest.py"
        and bool(first_match(path, options.tests))
    )


def _paired_test(path: str, contribution: Contribution, options: Layout) -> str:
    """An existing test file beside the module that the contribution changes, or (with
    ``prefix-match``) whose name the module's starts with: ``callback_test.py`` for
    ``callback_list.py``. Empty when there is none."""
    folder, stem = split_path(path)
    changed = sorted(
        f.path
        for f in contribution.files
        if f.exists and is_test_module(f.path, options) and split_path(f.path)[0] == folder
    )
    if changed:
        return f"{changed[0]} (changed by this contribution)"
    return _prefix_test(folder, stem, contribution.head_paths()) if options.prefix_match else ""


def _prefix_test(folder: str, stem: str, paths: frozenset[str]) -> str:
    """The longest ``<prefix>_test.py`` in the folder whose prefix starts the module's name."""
    near = [
        p
        for p in paths
        if p.endswith("_test.py")
        and split_path(p)[0] == folder
        and len(p.rsplit("/", 1)[-1]) > len("_test.py")
        and stem.startswith(split_path(p)[1][: -len("_test")])
    ]
    return max(near, key=len, default="")
