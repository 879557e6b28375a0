"""The text report for a terminal: per type, each required check, findings, a verdict."""

from __future__ import annotations

from mergeready.checks.model import CheckResult, Result, plural
from mergeready.hooks.formats.wording import describe

_MARKS = {"pass": ("✓", "32"), "fail": ("✗", "31"), "skip": ("–", "33")}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def render(result: Result, *, color: bool = False) -> str:
    """Render the result for a person at a terminal.

    Args:
        result: The result.
        color: Whether to use ANSI colours.

    Returns:
        The report text.
    """
    size = plural(result.files_changed, "file")
    if result.lines_added or result.lines_removed:
        size += f", +{result.lines_added} −{result.lines_removed}"
    out = [f"mergeready · {describe(result.span)} · {size}", ""]
    checks = {c.id: c for c in result.checks}
    if not result.types:
        out.append("No contribution type recognised: nothing is required of this change.")
    for t in result.types:
        out.append(_paint(t.type, "1", color) + f"  ({'; '.join(map(str, t.evidence))})")
        verdict = result.by_type[t.type]
        if not verdict.required:
            out.append("    nothing required")
        for check_id in verdict.required:
            out.append("  " + _line(checks[check_id], color))
    findings = [(c, f) for c in result.checks for f in c.findings]
    if findings:
        out += ["", _paint("Findings", "1", color)]
        for c, f in findings:
            where = f.location() or c.id
            sev = "" if f.severity == "error" else " (warning)"
            out.append(f"{where}: {f.code} {f.message}{sev}")
            if f.hint:
                out.append(f"    → {f.hint}")
    out.append("")
    if result.passed:
        out.append(_paint("✓ Ready: every required check passed.", "32", color))
    else:
        failed = result.failed_checks
        out.append(
            _paint(
                f"✗ Not ready: {plural(len(failed), 'required check')} "
                f"failed ({', '.join(failed)}).",
                "31",
                color,
            )
        )
    return "\n".join(out) + "\n"


def _line(check: CheckResult, color: bool) -> str:
    mark, code = _MARKS[check.status]
    return f"{_paint(mark + ' ' + check.status, code, color)}  {check.id:<20} {check.summary}"
