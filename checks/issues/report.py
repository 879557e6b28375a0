"""The issue report a check judges: what the reporter wrote, and what the project is.

``IssueReport`` is to an issue what ``Contribution`` is to a pull request: immutable, built
once by the command, handed to every check. The project's part (its names, its released
versions, the version on its default branch, its templates) was read from the default branch
by ``checks.issues.repository``; nothing here reads a file or runs a process.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Final

from mergeready.checks.issues.templates import Template, matching
from mergeready.checks.issues.text import MAX_BODY, Text

MAX_TITLE: Final = 1_000


@dataclass(frozen=True)
class Project:
    """What the default branch says about the project a report is about."""

    names: tuple[str, ...] = ()  # how reporters name it: distribution and import names
    releases: frozenset[str] = frozenset()  # released versions, from its tags (normalised)
    development: str | None = None  # the version its default branch declares
    newest_python: tuple[int, int] | None = None  # the newest Python its metadata names


@dataclass(frozen=True)
class IssueReport:
    """One issue report: title, body and labels as written, the project's templates and facts.

    ``truncated`` says the body was longer than ``MAX_BODY`` and was cut; ``types`` are the
    report types the classifier gave it (``with_types``).
    """

    title: str
    body: str
    labels: tuple[str, ...] = ()
    templates: tuple[Template, ...] = ()
    project: Project = field(default_factory=Project)
    truncated: bool = False
    types: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        title: str | None,
        body: str | None,
        labels: Sequence[str] = (),
        templates: Sequence[Template] = (),
        project: Project | None = None,
    ) -> IssueReport:
        """Build a report, capping the title and body.

        Args:
            title: The title, if any.
            body: The body, if any.
            labels: The labels.
            templates: The project's issue templates.
            project: What the default branch says about the project.

        Returns:
            The report.
        """
        body = body or ""
        return cls(
            title=(title or "")[:MAX_TITLE],
            body=body[:MAX_BODY],
            labels=tuple(labels),
            templates=tuple(templates),
            project=project or Project(),
            truncated=len(body) > MAX_BODY,
        )

    def with_types(self, types: Iterable[str]) -> IssueReport:
        """Return the report told its types.

        Args:
            types: The report types.

        Returns:
            A copy with ``types`` set.
        """
        return replace(self, types=frozenset(types))

    @cached_property
    def text(self) -> Text:
        """The body, read once."""
        return Text(self.body)

    @cached_property
    def template(self) -> Template | None:
        """The template the report was written from, if any."""
        return matching(self.templates, self.labels, self.text)


def asked_by_template(report: IssueReport, words_of_label: tuple[str, ...]) -> bool:
    """Tell whether the report's template has a required field about something.

    Args:
        report: The report.
        words_of_label: Words any of which in a field's label says it asks for the thing.

    Returns:
        True when the template the report follows requires such a field.
    """
    template = report.template
    if template is None:
        return False
    return any(
        f.required and any(w in f.key.split() for w in words_of_label) for f in template.fields
    )
