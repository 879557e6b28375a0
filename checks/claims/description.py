"""The pull request description against the project's pull request template.

The same reader as issue reports (``checks.issues.templates``) reads the template at the
trusted revision (the base): a description that is the template untouched is an error; a
section left at the template's text, and a box the template asks contributors to tick ("I have
read …", "I agree …", "I confirm …") left unticked, are warnings.
"""

from __future__ import annotations

from collections.abc import Sequence

from mergeready.checks.contribution import Contribution
from mergeready.checks.issues.templates import (
    Field,
    Template,
    markdown,
    strip_comments,
    unticked,
)
from mergeready.checks.issues.text import MAX_BODY, Section, Text, words
from mergeready.checks.model import Finding


def template_findings(contribution: Contribution, paths: Sequence[str]) -> list[Finding]:
    """Compare the description with the first pull request template the base has.

    Args:
        contribution: The contribution (its body is the description).
        paths: Where the template may be, in order.

    Returns:
        MR902 (the template untouched), MR903 (a section left at its text), MR904 (a box
        the template asks to tick, unticked).
    """
    template = _template(contribution, paths)
    body = contribution.body or ""
    if template is None or not body.strip():
        return []
    if words(_boxes_cleared(strip_comments(body)), MAX_BODY) == words(
        _boxes_cleared(template.text), MAX_BODY
    ):
        return [_untouched(template.path)]  # ticking a box says nothing of the change
    return _followed(template, Text(strip_comments(body[:MAX_BODY])))


def _boxes_cleared(text: str) -> str:
    return text.replace("[x]", "[ ]").replace("[X]", "[ ]")


def _followed(template: Template, report: Text) -> list[Finding]:
    """A description that keeps the template's sections: text left in them, boxes unticked."""
    sections = {s.key: s for s in report.sections}
    if not any(f.key in sections for f in template.fields):
        return []  # a description that does not follow the template is judged on its claims
    findings = [_left(f) for f in template.fields if _text_left(f, sections.get(f.key))]
    for field in template.fields:
        findings += [_unticked(label) for label in unticked(report.lines, field)]
    return findings


def _untouched(path: str) -> Finding:
    return Finding(
        "MR902",
        "error",
        f"the description is the pull request template ({path}) untouched",
        hint="say what the change does and why, in the template's sections",
    )


def _template(contribution: Contribution, paths: Sequence[str]) -> Template | None:
    """The first pull request template the trusted revision has, read."""
    for path in paths:
        text = contribution.trusted_text(path)
        if text is not None:
            return markdown(path, text)
    return None


def _text_left(field: Field, section: Section | None) -> bool:
    if section is None or not field.defaults:
        return False
    return words(section.content) in {words(d) for d in field.defaults}


def _left(field: Field) -> Finding:
    return Finding(
        "MR903",
        "warning",
        f"the section “{field.label[:60]}” still holds the template's text",
        hint=f"replace the template's text under “{field.label[:60]}”",
    )


def _unticked(label: str) -> Finding:
    return Finding(
        "MR904",
        "warning",
        f"the template's box “{label[:80]}” is not ticked",
        hint="read what it asks and tick it, or say why not",
    )
