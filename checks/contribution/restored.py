"""A revert or a rewind: the earlier merged revision every changed file is restored to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from mergeready.checks import git
from mergeready.checks.changes import ChangedFile


def head_state(files: Sequence[ChangedFile]) -> dict[str, str | None] | None:
    """Each changed path's blob at head (None: absent), or None when one cannot be named.

    Args:
        files: The changed files.

    Returns:
        The state by path (a rename's old path absent), or None (a file not committed, a path
        with a newline).
    """
    state: dict[str, str | None] = {}
    for f in files:
        if f.exists and (not f.blob or f.blob == git.NULL_SHA):
            return None
        state[f.path] = f.blob if f.exists else None
        if f.old_path is not None:
            state.setdefault(f.old_path, None)
    return None if any("\n" in p for p in state) else state


def restored_at(root: Path, commits: Sequence[str], state: Mapping[str, str | None]) -> str | None:
    """The first commit at which every path is in the given state (one ``cat-file --batch-check``).

    Args:
        root: The work tree.
        commits: Candidate commits, newest first.
        state: Each path's blob name, or None for a path that must be absent.

    Returns:
        The first commit of ``commits`` where each path has that blob (or is absent), or None.
    """
    paths = list(state)
    if not commits or not paths:
        return None
    specs = "".join(f"{c}:{p}\n" for c in commits for p in paths).encode("utf-8", "surrogateescape")
    out = git.run(root, "cat-file", "--batch-check=%(objectname)", stdin=specs, check=False)
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    for n, commit in enumerate(commits):
        found = lines[n * len(paths) : (n + 1) * len(paths)]
        if len(found) == len(paths) and all(
            (line.endswith(" missing") if state[p] is None else line == state[p])
            for line, p in zip(found, paths)
        ):
            return commit
    return None
