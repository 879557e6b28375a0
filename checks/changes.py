"""What a contribution changes: its files and commits, read from git's ``-z`` diff output."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from mergeready.checks.text.bounds import MAX_MESSAGE

FileStatus = Literal["added", "modified", "deleted", "renamed", "copied", "typechange"]
FileKind = Literal["file", "symlink", "submodule"]
Hunk = tuple[int, int]
"""An inclusive range of added or changed line numbers (1-based, in the file at head)."""


def merge_hunks(ranges: Iterable[Hunk]) -> tuple[Hunk, ...]:
    """Sort ranges of line numbers and merge the ones that overlap or touch.

    Args:
        ranges: Inclusive ``(first, last)`` ranges; empty ones (``last < first``) are dropped.

    Returns:
        Disjoint ranges in ascending order.
    """
    out: list[Hunk] = []
    for first, last in sorted(r for r in ranges if r[1] >= r[0]):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return tuple(out)


@dataclass(frozen=True)
class ChangedFile:
    """One file the contribution adds, changes, renames or deletes.

    ``hunks`` are the added or changed lines as disjoint inclusive ranges in ascending order
    (None: every line counts as added, as for an untracked file, ``--all``, or a file that was
    not diffed because git would call it binary or it is over the size limit: ``undiffed``).
    """

    path: str
    status: FileStatus
    old_path: str | None = None
    hunks: tuple[Hunk, ...] | None = ()
    removed: int = 0
    binary: bool = False
    mode: str = "100644"
    blob: str | None = None
    undiffed: str = ""
    """Why the file was left out of the diff (binary, over the size limit); empty when diffed."""
    _starts: tuple[int, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Index the hunks' first lines for the interval lookups."""
        object.__setattr__(self, "_starts", tuple(h[0] for h in self.hunks or ()))

    @property
    def kind(self) -> FileKind:
        """``file``, ``symlink`` or ``submodule``, from the git mode."""
        if self.mode == "120000":
            return "symlink"
        return "submodule" if self.mode == "160000" else "file"

    @functools.cached_property
    def added_lines(self) -> frozenset[int] | None:
        """Every added or changed line number (None: every line); prefer ``touches``."""
        if self.hunks is None:
            return None
        return frozenset(n for first, last in self.hunks for n in range(first, last + 1))

    @property
    def added_count(self) -> int | None:
        """How many lines are added or changed (None: every line)."""
        if self.hunks is None:
            return None
        return sum(last - first + 1 for first, last in self.hunks)

    @property
    def exists(self) -> bool:
        """False when the contribution deletes the file."""
        return self.status != "deleted"

    def touches(self, line: int) -> bool:
        """Tell whether the contribution added or changed a line.

        Args:
            line: A 1-based line number in the file at head.

        Returns:
            True when that line is added or changed.
        """
        return self.touches_range(line, line)

    def touches_range(self, first: int, last: int) -> bool:
        """Tell whether any line of an inclusive range is added or changed.

        Args:
            first: The first line number.
            last: The last line number.

        Returns:
            True when some line of the range is added or changed.
        """
        if self.hunks is None:
            return True
        i = bisect.bisect_right(self._starts, last) - 1  # the last hunk starting by ``last``
        return i >= 0 and self.hunks[i][1] >= first


@dataclass(frozen=True)
class Commit:
    """A commit in the contribution's range."""

    sha: str
    message: str
    cut_from: int = 0
    """The message's length when it was longer than ``bounds.MAX_MESSAGE`` and cut (else 0)."""

    @classmethod
    def read(cls, sha: str, message: str) -> Commit:
        """Return a commit whose message is cut to ``bounds.MAX_MESSAGE`` characters.

        Args:
            sha: The commit's sha.
            message: Its whole message, as git gives it.

        Returns:
            The commit, remembering the message's length when it was cut.
        """
        if len(message) <= MAX_MESSAGE:
            return cls(sha, message)
        return cls(sha, message[:MAX_MESSAGE], len(message))

    @property
    def subject(self) -> str:
        """The first line of the message."""
        return self.message.split("\n", 1)[0].strip()
