"""Commit messages and revision walks, read through the one door to git (``git.run``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Dated:
    """The commits of a walk that a date selects, and where the walk's dates go backwards."""

    shas: frozenset[str]
    depth: int
    backwards: str | None


def dated(root: Path, spec: str, since: str, *, first_parent: bool, last: int | None) -> Dated:
    """Select a walk's commits by committer date, past any commit dated before ``since``.

    git's ``--since`` stops a walk at the first commit older than the date, so one back-dated
    commit (its dates are whoever made it's to write) hid every contribution behind it. Here the
    walk reads each commit's sha and timestamp (a few bytes each, bounded by ``last``), keeps
    those dated on or after ``since`` — the date as ``git log --since`` reads it — and names the
    first commit dated before its parent in the walk.

    Args:
        root: The work tree.
        spec: A revision or ``A..B`` range of full shas.
        since: Anything ``git log --since`` reads.
        first_parent: Follow only first parents.
        last: At most this many commits.

    Returns:
        The selected shas, how deep into the walk the oldest of them is, and the first
        commit whose date goes backwards (None when none does).
    """
    age = run(root, "rev-parse", f"--since={since}").decode("ascii", "replace").strip()
    cutoff = int(age.rpartition("=")[2] or 0)
    walk = _stamps(root, spec, first_parent, last)
    kept = [i for i, (_, stamp) in enumerate(walk) if stamp >= cutoff]
    depth = kept[-1] + 1 if kept else 0
    return Dated(frozenset(walk[i][0] for i in kept), depth, _backwards(walk))


def _stamps(root: Path, spec: str, first_parent: bool, last: int | None) -> list[tuple[str, int]]:
    """Each commit of a walk, newest first, with its committer timestamp."""
    args = ["log", "--format=%H %ct", *(["--first-parent"] if first_parent else [])]
    args += [f"--max-count={last}"] if last is not None else []
    out = run(root, *args, "--end-of-options", spec, "--").decode("ascii", "replace")
    pairs = (x.partition(" ") for x in out.splitlines())
    return [(sha, int(stamp)) for sha, _, stamp in pairs if stamp.isdigit()]


def _backwards(walk: list[tuple[str, int]]) -> str | None:
    """The first commit of a newest-first walk that is dated before the commit after it."""
    later = zip(walk, walk[1:])
    return next((sha for (sha, stamp), (_, older) in later if older > stamp), None)
