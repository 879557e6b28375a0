"""How much of each piece of contributed metadata is read: the one table of bounds.

A commit message, a pull request's title and body, its labels and its branch name are text a
contributor writes without limit (git stores a 4 MB subject as readily as a short one). Every
reader gets them through here, cut to a bound, and the command says what it cut
(``Contribution.cut``), so a finding's count and a report's size never grow with the length of
a message.
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from dataclasses import dataclass
from typing import Final

MAX_MESSAGE: Final = 65_536
"""Characters of a commit message or a pull request body that are read (GitHub's body limit)."""
MAX_TITLE: Final = 1_024
"""Characters of a pull request title that are read (GitHub allows 256)."""
MAX_NAME: Final = 255
"""Characters of a label or a branch name that are read (git's and GitHub's own limits)."""
MAX_LABELS: Final = 100
"""Labels of a pull request that are read (GitHub allows 100)."""
MAX_TEMPLATE: Final = 65_536
"""Characters of an issue form or template that are read."""


def cut(text: str, limit: int) -> str:
    """Return the first ``limit`` characters of a text.

    Args:
        text: Contributed text.
        limit: One of this module's bounds.

    Returns:
        The text, cut.
    """
    return text[:limit]


def said(what: str, text: Sized, limit: int) -> list[str]:
    """Say that a text was cut, when it was.

    Args:
        what: What the text is (``the pull request title``).
        text: The whole text (or list), as it was before the cut.
        limit: The bound it was cut to.

    Returns:
        One line for the report (none when the text fits).
    """
    if len(text) <= limit:
        return []
    unit = "characters" if isinstance(text, str) else "items"
    return [f"{what}: {len(text):,} {unit}, only the first {limit:,} were read"]


def labels(names: Sequence[str]) -> tuple[str, ...]:
    """Return a pull request's labels, bounded in number and length.

    Args:
        names: The labels as the event or the command line gave them.

    Returns:
        At most ``MAX_LABELS`` labels of at most ``MAX_NAME`` characters each.
    """
    return tuple(cut(name, MAX_NAME) for name in names[:MAX_LABELS])


@dataclass(frozen=True)
class PullRequest:
    """A pull request's title, body and labels as read (cut to their bounds), and what was cut."""

    title: str | None
    body: str | None
    labels: tuple[str, ...]
    cuts: tuple[str, ...]


def pull_request(title: str | None, body: str | None, names: Sequence[str]) -> PullRequest:
    """Cut a pull request's title, body and labels to their bounds, saying what was cut.

    Args:
        title: The title, when known.
        body: The body, when known.
        names: The labels.

    Returns:
        What is read of them.
    """
    cuts = (
        *said("the pull request title", title or "", MAX_TITLE),
        *said("the pull request body", body or "", MAX_MESSAGE),
        *said("the pull request's labels", names, MAX_LABELS),
    )
    return PullRequest(
        None if title is None else cut(title, MAX_TITLE),
        None if body is None else cut(body, MAX_MESSAGE),
        labels(names),
        cuts,
    )
