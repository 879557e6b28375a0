"""GitLab Code Quality JSON, with stable fingerprints."""

from __future__ import annotations

import json

from mergeready.checks.model import Result
from mergeready.hooks.formats.sarif_format import fingerprint

_SEVERITY = {"error": "major", "warning": "minor"}


def render(result: Result, *, color: bool = False) -> str:
    """Render the findings as a GitLab Code Quality report.

    Args:
        result: The result.
        color: Ignored.

    Returns:
        The JSON array; a finding with no file is placed on the repository root.
    """
    issues = [
        {
            "description": f"{f.code} {f.message}" + (f" — {f.hint}" if f.hint else ""),
            "check_name": f"{c.id}/{f.code}",
            "fingerprint": fingerprint(f),
            "severity": _SEVERITY[f.severity],
            "location": {"path": f.path or ".", "lines": {"begin": f.line or 1}},
        }
        for c in result.checks
        for f in c.findings
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
