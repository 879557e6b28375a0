"""GitHub Actions workflow commands: the verdict, then the most severe findings on their lines.

GitHub shows at most 10 error and 10 warning annotations per step and drops the rest, so the
verdict comes first, errors before warnings, at most ``PER_LEVEL`` of each, and one notice
counts what was left out (every finding is in the job summary).
"""

from __future__ import annotations

from typing import Final

from mergeready.checks.model import Finding, Result
from mergeready.hooks.formats.escape import workflow_data, workflow_property
from mergeready.hooks.formats.wording import issue_verdict

PER_LEVEL: Final = 10


def _annotation(check_id: str, f: Finding) -> str:
    props = []
    if f.path is not None:
        props.append(f"file={workflow_property(f.path)}")
        if f.line is not None:
            props.append(f"line={f.line}")
            if f.column is not None:
                props.append(f"col={f.column}")
    props.append(f"title={workflow_property(f'{f.code} {check_id}')}")
    message = f.message + (f" — {f.hint}" if f.hint else "")
    return f"::{f.severity} {','.join(props)}::{workflow_data(message)}"


def render(result: Result, *, color: bool = False) -> str:
    """Render the verdict and findings as ``::error``/``::warning`` workflow commands.

    Args:
        result: The result.
        color: Ignored.

    Returns:
        The workflow commands, one a line.
    """
    verdict = (
        "ready to merge"
        if result.passed
        else ("not ready: failed " + ", ".join(result.failed_checks))
    )
    if result.span.mode == "issue":
        verdict = ("the issue report is " if result.passed else "the issue report ") + (
            issue_verdict(result)
        )
    kind = "notice" if result.passed else "error"
    lines = [f"::{kind} title=mergeready::{workflow_data(verdict)}"]
    room = {"error": PER_LEVEL - (kind == "error"), "warning": PER_LEVEL}
    left = 0
    findings = [(c.id, f) for c in result.checks for f in c.findings]
    for level in ("error", "warning"):
        for check_id, f in findings:
            if f.severity != level:
                continue
            if room[level] > 0:
                lines.append(_annotation(check_id, f))
                room[level] -= 1
            else:
                left += 1
    if left:
        more = f"{left} more finding{'s' * (left != 1)}, see the job summary"
        lines.append(f"::notice title=mergeready::{workflow_data(more)}")
    return "\n".join(lines) + "\n"
