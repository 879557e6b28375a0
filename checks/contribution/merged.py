"""The base's merged contributions, told apart where a contributor cannot move the boundary.

A history-learned habit (where changelog entries go, that the project writes its changelog
itself, which test files go with a module, which extensions are code) counts merged
*contributions*, never commits: one contributor's series of 200 commits must neither outvote
the project nor fill the window the history is read through.

The boundaries, read along the base's first parents (``git log --first-parent``):

- a merge commit is one contribution (GitHub's "Merge pull request #12 from user/branch": the
  history's own boundary; its diff against the first parent is the whole pull request);
- a subject that names a pull request, ``… (#12)`` (GitHub's squash and rebase merges), is one
  contribution per number: consecutive commits with the same number are one;
- other commits (pushed or merged fast-forward, so every field in them is the contributor's):
  consecutive ones of one author are one contribution, and so are consecutive ones of one
  committer made within ``SERIES_GAP`` seconds (GitHub's rebase-merge of a series); in a
  history whose contributions carry boundaries (at least ``MARKED`` merge commits or numbered
  subjects among those read) a run of consecutive commits without one came in together and is
  one contribution, whoever its commits name as author.

Each contribution carries its authors (a merge commit: the account GitHub names in its subject,
else its author), so a relaxation can ask for several distinct people (``distinct_authors``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

SERIES_GAP: Final = 60  # seconds between two commits of one committer in one series
RELAXING: Final = 3  # distinct authors a habit that removes a requirement must come from
MARKED: Final = 3  # merge commits or numbered subjects before unmarked runs are one contribution
FORMAT: Final = "%x00%P%x1f%aE%x1f%cE%x1f%ct%x1f%s"  # the ``git log --format`` ``parse`` reads


@dataclass(frozen=True)
class Merged:
    """One merged contribution at the base: what it touched, what it created, who wrote it."""

    paths: frozenset[str]
    added: frozenset[str]
    authors: frozenset[str]
    commits: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()  # each commit's own


@dataclass(frozen=True)
class _Commit:
    merge: bool
    author: str
    committer: str
    time: int
    number: str  # the pull request a subject names, or ""
    paths: frozenset[str]
    added: frozenset[str]


def pull_number(subject: str) -> str:
    """The pull request a merged commit's subject names, or ``""``.

    Args:
        subject: The commit's subject line.

    Returns:
        ``"12"`` for ``Fix clip (#12)`` and ``Merge pull request #12 from user/branch``.
    """
    text = subject.strip()
    if text.startswith("Merge pull request #"):
        digits = text[len("Merge pull request #") :].split(" ", 1)[0]
        return digits if digits.isdigit() else ""
    if text.endswith(")") and "(#" in text:
        digits = text[text.rfind("(#") + 2 : -1]
        return digits if digits.isdigit() else ""
    return ""


def _merger(subject: str, author: str) -> str:
    """Who a merge commit brings in: the account of ``Merge pull request #1 from user/branch``."""
    _, found, rest = subject.partition(" from ")
    if found and subject.startswith("Merge pull request #") and "/" in rest:
        return "github:" + rest.split("/", 1)[0].lower()
    return author.lower()


def _commits(log: str) -> list[_Commit]:
    out = []
    for chunk in log.split("\0")[1:]:
        head, _, rest = chunk.partition("\n")
        fields = head.split("\x1f", 4)
        parents, author, committer, when, subject = (fields + [""] * 5)[:5]
        rows = [line.split("\t", 1) for line in rest.splitlines() if "\t" in line]
        merge = len(parents.split()) > 1
        out.append(
            _Commit(
                merge,
                _merger(subject, author) if merge else author.lower(),
                committer.lower(),
                int(when) if when.strip().isdigit() else 0,
                pull_number(subject),
                frozenset(path for _, path in rows),
                frozenset(path for status, path in rows if status == "A"),
            )
        )
    return out


def _together(last: _Commit, commit: _Commit, marked: bool) -> bool:
    """True when ``commit`` (older) belongs to the same contribution as ``last`` (newer)."""
    if last.merge or commit.merge:
        return False
    if last.number or commit.number:
        return last.number == commit.number
    if marked or last.author == commit.author:
        return True
    return last.committer == commit.committer and abs(last.time - commit.time) <= SERIES_GAP


def group(log: str, limit: int) -> tuple[Merged, ...]:
    """Group ``git log --first-parent -m --no-renames --name-status --format=FORMAT`` output.

    Args:
        log: The log, newest first.
        limit: How many contributions to return at most.

    Returns:
        The contributions, newest first.
    """
    commits = _commits(log)
    marked = sum(1 for c in commits if c.merge or c.number) >= MARKED
    units: list[list[_Commit]] = []
    for commit in commits:
        if units and _together(units[-1][-1], commit, marked):
            units[-1].append(commit)
        elif len(units) == limit:
            break
        else:
            units.append([commit])
    return tuple(map(_merged, units))


def _merged(unit: list[_Commit]) -> Merged:
    paths = frozenset(p for c in unit for p in c.paths)
    added = frozenset(p for c in unit for p in c.added)
    commits = tuple((c.paths, c.added) for c in unit)
    return Merged(paths, added, frozenset(c.author for c in unit), commits)


def distinct_authors(changes: Sequence[Merged]) -> int:
    """How many people wrote these contributions (each author counted once).

    Args:
        changes: Merged contributions.

    Returns:
        The number of distinct authors among them.
    """
    return len({a for change in changes for a in change.authors})


def several(changes: Sequence[Merged]) -> bool:
    """Tell whether contributions that teach a relaxation come from several people.

    A habit that removes a requirement (no changelog entry, a changelog mechanism nobody
    writes to) must be shown by at least ``RELAXING`` (3) distinct authors: one contributor, or
    one with a second name, is not the project's practice; three people independently doing
    without is. Every author identity in a fast-forwarded series is the contributor's to
    write; the grouping (``group``) is what keeps such a series one contribution.

    Args:
        changes: The contributions that did without the requirement.

    Returns:
        True when at least ``RELAXING`` distinct authors wrote them.
    """
    return distinct_authors(changes) >= RELAXING
