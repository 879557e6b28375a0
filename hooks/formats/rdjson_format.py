"""reviewdog's Diagnostic Format (rdjson): ``reviewdog -f=rdjson`` posts it as review comments.

A finding with a file and line is a diagnostic at that place; one with a file but no line
points at the file; one with no file (the title, a commit message) has no location, which
reviewdog reports in its log rather than on the diff. reviewdog posts messages as Markdown, so
each goes through ``escape.inert``: no mention, link, image or HTML from contributed text.
"""

from __future__ import annotations

from typing import Any

from mergeready.checks.model import Finding, Result
from mergeready.hooks.formats.escape import inert, json_text
from mergeready.hooks.formats.sarif_format import HELP_URI

_SEVERITY = {"error": "ERROR", "warning": "WARNING"}


def _diagnostic(check_id: str, f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "message": inert(f.message + (f" — {f.hint}" if f.hint else "")),
        "severity": _SEVERITY[f.severity],
        "source": {"name": f"mergeready {check_id}"},
        "code": {"value": f.code, "url": HELP_URI},
    }
    if f.path is not None:
        location: dict[str, Any] = {"path": inert(f.path)}  # shown in reviewdog summaries
        if f.line is not None:
            start = {"line": f.line, **({"column": f.column} if f.column else {})}
            location["range"] = {"start": start}
        out["location"] = location
    return out


def render(result: Result, *, color: bool = False) -> str:
    """Render the findings as one rdjson ``DiagnosticResult``.

    Args:
        result: The result.
        color: Ignored.

    Returns:
        The JSON text.
    """
    return json_text(
        {
            "source": {"name": "mergeready", "url": HELP_URI.split("#")[0]},
            "diagnostics": [_diagnostic(c.id, f) for c in result.checks for f in c.findings],
        }
    )
