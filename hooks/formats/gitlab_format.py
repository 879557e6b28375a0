"""GitLab Code Quality JSON, with fingerprints unique per finding.

Severities, on GitLab's scale (info, minor, major, critical, blocker): an error finding (it
fails its check, so a required check fails) is ``critical``; a warning (reported, fails
nothing) is ``minor``. A finding with no file (the title, a commit message) is placed on the
repository root, line 1. GitLab shows the description in merge requests as Markdown: it goes
through ``escape.inert`` (no mention, link, image or HTML from contributed text); the path stays
exact, for GitLab to place the finding.
"""

from __future__ import annotations

from typing import Final

from mergeready.checks.model import Result
from mergeready.hooks.formats.escape import inert, json_text
from mergeready.hooks.formats.sarif_format import fingerprints

SEVERITY: Final = {"error": "critical", "warning": "minor"}


def render(result: Result, *, color: bool = False) -> str:
    """Render the findings as a GitLab Code Quality report.

    Args:
        result: The result.
        color: Ignored.

    Returns:
        The JSON array.
    """
    context = f"{result.base or ''}"  # the contribution: distinct merge requests stay distinct
    issues = [
        {
            "type": "issue",
            "description": inert(f"{f.code} {f.message}" + (f" — {f.hint}" if f.hint else "")),
            "check_name": f"{c.id}/{f.code}",
            "fingerprint": fp,
            "severity": SEVERITY[f.severity],
            "categories": ["Style"],
            "location": {"path": f.path or ".", "lines": {"begin": f.line or 1}},
        }
        for c, f, fp in fingerprints(result, context)
    ]
    return json_text(issues)
