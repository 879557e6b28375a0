"""Where mergeready finds the programs it starts (only git): never in the repository it checks.

A contribution can commit an executable named ``git`` in any folder; CI jobs and local set-ups put
folders of the checkout on ``PATH`` (``$GITHUB_WORKSPACE/bin``, ``node_modules/.bin``,
``.venv/bin``), so a ``PATH`` entry counts only when it is absolute and leads outside the work tree.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from mergeready.checks.errors import MergereadyError


def executable(root: Path | None = None) -> str:
    """Return the git to run: the first on ``PATH`` outside the repository being checked.

    A relative entry (``.``, or an empty one) or an absolute one inside the work tree (a CI job's
    ``$GITHUB_WORKSPACE/bin``, ``node_modules/.bin``, ``.venv/bin``) would find a ``git`` the
    contribution commits, so only absolute entries outside it are searched, and a ``git`` that
    resolves (through a link) into it is passed over.

    Args:
        root: The work tree (or a folder inside it); the current directory's is avoided too.

    Returns:
        The absolute path of git.

    Raises:
        MergereadyError: If no git is found outside the repository.
    """
    names = ("git.exe", "git") if os.name == "nt" else ("git",)
    for entry in trusted_path(root):
        for name in names:
            candidate = os.path.join(entry, name)
            if (
                os.path.isfile(candidate)
                and os.access(candidate, os.X_OK)
                and not _inside(os.path.realpath(candidate), _trees(root))
            ):
                return candidate
    raise MergereadyError(
        "git is not installed or not on PATH outside the repository being checked; install git"
    )


def trusted_path(root: Path | None = None) -> list[str]:
    """Return the ``PATH`` entries a tool may be started from: absolute, outside the work tree.

    Args:
        root: The work tree (or a folder inside it); the current directory's is avoided too.

    Returns:
        The entries, in ``PATH``'s order.
    """
    return list(_trusted(os.environ.get("PATH", ""), _trees(root)))


@functools.lru_cache(maxsize=64)
def _trusted(path: str, trees: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        entry
        for entry in path.split(os.pathsep)
        if os.path.isabs(entry) and not _inside(os.path.realpath(entry), trees)
    )


def _trees(root: Path | None) -> tuple[str, ...]:
    starts = [os.getcwd()] if root is None else [os.getcwd(), str(root)]
    return tuple(sorted({_tree(os.path.realpath(start)) for start in starts}))


@functools.lru_cache(maxsize=64)
def _tree(start: str) -> str:
    """Return the work tree holding ``start``: the nearest folder with ``.git``, else itself."""
    folder = start
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return start
        folder = parent


def _inside(path: str, trees: Sequence[str]) -> bool:
    return any(path == tree or path.startswith(tree.rstrip(os.sep) + os.sep) for tree in trees)
