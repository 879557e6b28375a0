"""The text report for a terminal: the types, each check once, findings, a verdict."""

from __future__ import annotations

from mergeready.checks.model import CheckResult, Result, plural
from mergeready.hooks.formats.wording import describe

_MARKS = {"pass": ("✓", "32"), "fail": ("✗", "31"), "skip": ("–", "33")}


def paint(text: str, code: str, color: bool) -> str:
    """Colour text with an ANSI code when asked.

    Args:
        text: The text.
        code: The ANSI colour code.
        color: Whether to colour.

    Returns:
        The text, coloured or not.
    """
    return f"\033[{code}m{text}\033[0m" if color else text


def render(result: Result, *, color: bool = False) -> str:
    """Render the result for a person at a terminal.

    Each contribution type is listed with its evidence, then each check that ran, once, with
    the types that require it (when there are several types).

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
    if not result.types:
        out.append("No contribution type recognised: nothing is required of this change.")
    for t in result.types:
        nothing = "" if result.by_type[t.type].required else "  — nothing required"
        out.append(paint(t.type, "1", color) + f"  ({'; '.join(map(str, t.evidence))}){nothing}")
    if result.checks:
        out.append("")
    several = len(result.types) > 1
    for c in result.checks:
        by = [t.type for t in result.types if c.id in result.by_type[t.type].required]
        out.append("  " + check_line(c, color) + (f"  [{', '.join(by)}]" if several else ""))
    findings = [(c, f) for c in result.checks for f in c.findings]
    if findings:
        out += ["", paint("Findings", "1", color)]
        for c, f in findings:
            where = f.location() or c.id
            sev = "" if f.severity == "error" else " (warning)"
            out.append(f"{where}: {f.code} {f.message}{sev}")
            if f.hint:
                out.append(f"    → {f.hint}")
    out.append("")
    if result.suppressed:
        out.append(f"{result.suppressed} finding{'s' * (result.suppressed != 1)} suppressed")
    if result.baselined or result.baseline_fixed:
        out.append(baseline_line(result))
    out.append(verdict_line(result, color))
    return "\n".join(out) + "\n"


def baseline_line(result: Result) -> str:
    """Say what the baseline held back and what of it is fixed.

    Args:
        result: The result.

    Returns:
        One line of text.
    """
    n, fixed = result.baselined, result.baseline_fixed
    line = f"{n} finding{'s' * (n != 1)} in the baseline not reported"
    if fixed:
        line += (
            f"; {fixed} baselined finding{'s' * (fixed != 1)} fixed "
            "(run `mergeready baseline` to record it)"
        )
    return line


def verdict_line(result: Result, color: bool) -> str:
    """Say in one line whether the contribution is ready.

    Args:
        result: The result.
        color: Whether to colour.

    Returns:
        The verdict line.
    """
    if not result.passed:
        failed = result.failed_checks
        return paint(
            f"✗ Not ready: {len(failed)} required check{'s' * (len(failed) != 1)} "
            f"failed ({', '.join(failed)}).",
            "31",
            color,
        )
    if not result.files_changed:
        return paint("– Nothing to check: the contribution changes no file.", "33", color)
    return paint("✓ Ready: every required check passed.", "32", color)


def check_line(check: CheckResult, color: bool) -> str:
    """Show one check's status, id and summary in one line.

    Args:
        check: The check's result.
        color: Whether to colour.

    Returns:
        The line.
    """
    mark, code = _MARKS[check.status]
    return f"{paint(mark + ' ' + check.status, code, color)}  {check.id:<20} {check.summary}"
