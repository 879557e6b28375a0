"""GitHub Actions workflow commands: one annotation per finding, on the changed line."""

from __future__ import annotations

from mergeready.checks.model import Result
from mergeready.hooks.formats.escape import workflow_data, workflow_property


def render(result: Result, *, color: bool = False) -> str:
    """Render findings as ``::error``/``::warning`` workflow commands, then the verdict.

    Args:
        result: The result.
        color: Ignored.

    Returns:
        The workflow commands, one a line.
    """
    lines = []
    for check in result.checks:
        for f in check.findings:
            props = []
            if f.path is not None:
                props.append(f"file={workflow_property(f.path)}")
                if f.line is not None:
                    props.append(f"line={f.line}")
                    if f.column is not None:
                        props.append(f"col={f.column}")
            props.append(f"title={workflow_property(f'{f.code} {check.id}')}")
            message = f.message + (f" — {f.hint}" if f.hint else "")
            lines.append(f"::{f.severity} {','.join(props)}::{workflow_data(message)}")
    verdict = (
        "ready to merge"
        if result.passed
        else ("not ready: failed " + ", ".join(result.failed_checks))
    )
    kind = "notice" if result.passed else "error"
    lines.append(f"::{kind} title=mergeready::{workflow_data(verdict)}")
    return "\n".join(lines) + "\n"
