"""Commit messages and revision walks, read through the one door to git (``git.run``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from mergeready.checks.git import run


def log_messages(root: Path, base: str, head: str) -> Iterator[tuple[str, str]]:
    """Yield ``(sha, message)`` of the commits in ``base..head``, oldest first.

    Args:
        root: The work tree.
        base: The base commit sha.
        head: The head commit sha.

    Yields:
        Each commit's sha and full message.
    """
    out = run(
        root,
        "log",
        "-z",
        "--reverse",
        "--encoding=UTF-8",
        "--format=%H%n%B",
        f"{base}..{head}",
        "--",
    )
    for record in out.split(b"\0"):
        text = record.decode("utf-8", "replace").strip("\n")
        if text:
            sha, _, message = text.partition("\n")
            yield sha, message


def log_commits(
    root: Path,
    spec: str,
    *,
    first_parent: bool = True,
    since: str | None = None,
    last: int | None = None,
) -> Iterator[tuple[str, tuple[str, ...], str, str]]:
    """Yield the commits of a revision walk, newest first.

    Args:
        root: The work tree.
        spec: A revision or ``A..B`` range of full shas.
        first_parent: Follow only first parents.
        since: Only commits after this date (anything ``git log --since`` reads).
        last: At most this many commits.

    Yields:
        Each commit's sha, parents, committer date (``YYYY-MM-DD``) and full message.
    """
    args = ["log", "-z", "--encoding=UTF-8", "--format=%H%x1f%P%x1f%cs%x1f%B"]
    args += ["--first-parent"] if first_parent else []
    args += [f"--since={since}"] if since else []
    args += [f"--max-count={last}"] if last is not None else []
    out = run(root, *args, "--end-of-options", spec, "--")
    for record in out.split(b"\0"):
        fields = record.decode("utf-8", "replace").split("\x1f", 3)
        if len(fields) == 4:
            sha, parents, date, message = fields
            yield sha.strip(), tuple(parents.split()), date, message
