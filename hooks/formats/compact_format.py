"""Compact lines for pre-commit hooks: ``path:line:col: CODE message``, then the verdict."""

from __future__ import annotations

from mergeready.checks.model import Result


def render(result: Result, *, color: bool = False) -> str:
    """Render one line per finding, a hint under it, and a one-line verdict.

    Args:
        result: The result.
        color: Ignored; pre-commit colours its own output.

    Returns:
        The text.
    """
    out = []
    for c in result.checks:
        for f in c.findings:
            sev = "" if f.severity == "error" else " (warning)"
            out.append(f"{f.location() or c.id}: {f.code} {f.message}{sev}")
            if f.hint:
                out.append(f"    → {f.hint}")
        if c.status == "skip":
            out.append(f"{c.id}: skipped: {c.summary}")
    if result.passed:
        out.append("mergeready: ready")
    else:
        out.append(f"mergeready: not ready: {', '.join(result.failed_checks)} failed")
    return "\n".join(out) + "\n"
