"""The pull request description against the project's pull request template.

The same reader as issue reports (``checks.issues.templates``) reads the template at the
trusted revision (the base): a description that is the template untouched is an error; a
section left at the template's text, and a box the template asks contributors to tick ("I have
read …", "I agree …", "I confirm …") left unticked, are warnings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.issues.templates import BOX, markdown, strip_comments
from mergeready.checks.issues.text import MAX_BODY, Text, words
from mergeready.checks.model import Finding

PR_TEMPLATES: Final = (
    ".github/pull_request_template.md",
    ".github/PULL_REQUEST_TEMPLATE.md",
    "pull_request_template.md",
    "PULL_REQUEST_TEMPLATE.md",
    "docs/pull_request_template.md",
    ".github/PULL_REQUEST_TEMPLATE/pull_request_template.md",
)


def template_findings(contribution: Contribution, paths: Sequence[str]) -> list[Finding]:
    """Compare the description with the first pull request template the base has.

    Args:
        contribution: The contribution (its body is the description).
        paths: Where the template may be, in order.

    Returns:
        MR902 (the template untouched), MR903 (a section left at its text), MR904 (a box
        the template asks to tick, unticked).
    """
    path, text = next(
        ((p, t) for p in paths if (t := contribution.trusted_text(p)) is not None), (None, None)
    )
    body = contribution.body or ""
    if path is None or text is None or not body.strip():
        return []
    template = markdown(path, text)
    said = words(strip_comments(body), MAX_BODY)
    if said == words(template.text, MAX_BODY):
        return [
            Finding(
                "MR902",
                "error",
                f"the description is the pull request template ({path}) untouched",
                hint="say what the change does and why, in the template's sections",
            )
        ]
    report = Text(strip_comments(body[:MAX_BODY]))
    sections = {s.key: s for s in report.sections}
    if not any(f.key in sections for f in template.fields):
        return []  # a description that does not follow the template is judged on its claims
    findings = []
    for field in template.fields:
        section = sections.get(field.key)
        text_left = (
            section is not None
            and field.defaults
            and words(section.content) in {words(d) for d in field.defaults}
        )
        if text_left:
            findings.append(
                Finding(
                    "MR903",
                    "warning",
                    f"the section “{field.label[:60]}” still holds the template's text",
                    hint=f"replace the template's text under “{field.label[:60]}”",
                )
            )
        ticked = {
            words(m.group(2))
            for line in report.lines
            if (m := BOX.match(line)) and m.group(1) in "xX"
        }
        for label, required in field.boxes:
            if required and words(label) not in ticked:
                findings.append(
                    Finding(
                        "MR904",
                        "warning",
                        f"the template's box “{label[:80]}” is not ticked",
                        hint="read what it asks and tick it, or say why not",
                    )
                )
    return findings
