"""The text report for a terminal: the types, each check once, findings, a verdict."""

from __future__ import annotations

from mergeready.checks.model import CheckResult, Result, plural
from mergeready.checks.post.statistics import COLLAPSE_OVER, Arrangement, Collapsed, Placed, arrange
from mergeready.hooks.formats.causes import Shown, in_files, more_line, one_cause
from mergeready.hooks.formats.wording import describe, issue_verdict

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


def render(
    result: Result, *, color: bool = False, collapse_over: int | None = COLLAPSE_OVER
) -> str:
    """Render the result for a person at a terminal.

    The verdict comes first when there is anything to act on. Each contribution type is listed
    with its evidence, then each check that ran, once, with the types that require it (when
    there are several types); then the errors, file by file, then the warnings (a code with
    many of them on one line), and the verdict again.

    Args:
        result: The result.
        color: Whether to use ANSI colours.
        collapse_over: Say a code with more warnings than this on one line; None lists all.

    Returns:
        The report text.
    """
    size = plural(result.files_changed, "file")
    if result.lines_added or result.lines_removed:
        size += f", +{result.lines_added} −{result.lines_removed}"
    issue = result.span.mode == "issue"
    out = [f"mergeready · {describe(result.span)}" + ("" if issue else f" · {size}"), ""]
    if any(c.findings for c in result.checks):
        out += [verdict_line(result, color), ""]
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
    out += findings_lines(arrange(result, collapse_over), color, over=collapse_over)
    out.append("")
    if result.suppressed:
        out.append(f"{result.suppressed} finding{'s' * (result.suppressed != 1)} suppressed")
    if result.baselined or result.baseline_fixed:
        out.append(baseline_line(result))
    out.append(verdict_line(result, color))
    return "\n".join(out) + "\n"


def findings_lines(
    arranged: Arrangement, color: bool, indent: str = "", over: int | None = COLLAPSE_OVER
) -> list[str]:
    """Render the errors, then the warnings, each file by file, many of one code on one line.

    Args:
        arranged: The findings in report order.
        color: Whether to use ANSI colours.
        indent: Put before each line.
        over: Say more errors than this of one cause (``hooks/formats/causes.py``) once;
            None lists each.

    Returns:
        The lines, starting with a blank one; none when there is no finding.
    """
    out: list[str] = []
    if arranged.errors:
        out += ["", paint(f"Errors ({len(arranged.errors)})", "1;31", color)]
        out += [x for e in one_cause(arranged.errors, over) for x in _finding(e.placed, indent, e)]
    n = len(arranged.warnings) + sum(c.count for c in arranged.collapsed)
    if n:
        out += ["", paint(f"Warnings ({n})", "1;33", color)]
        out += [x for p in arranged.warnings for x in _finding(p, indent)]
    for c in arranged.collapsed:
        out.append(f"{indent}{collapsed_line(c)}; --no-cap lists each")
    return out


def collapsed_line(c: Collapsed) -> str:
    """Say many warnings of one code in one line: the count, what they mean, the files.

    Args:
        c: The warnings of one code.

    Returns:
        For example ``MR102 ×7 (warnings): no related test changed, in 7 files: a.py, …``.
    """
    return f"{c.code} ×{c.count} (warnings): {c.meaning}{in_files(c.paths)}"


def _finding(p: Placed, indent: str, shown: Shown | None = None) -> list[str]:
    f = p.finding
    sev = "" if f.severity == "error" else " (warning)"
    if f.location():
        out = [f"{indent}{f.location()}: {f.code} {f.message}{sev}"]
    else:  # no file: the check's name goes last, where it cannot be read as a path
        out = [f"{indent}{f.code} {f.message}{sev} [{p.check}]"]
    if shown is not None and shown.more:
        out.append(f"{indent}    {more_line(shown)}")
    if f.hint:
        out.append(f"{indent}    → {f.hint}")
    return out


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
    """Say in one line whether the contribution (or the issue report) is ready.

    Args:
        result: The result.
        color: Whether to colour.

    Returns:
        The verdict line.
    """
    if result.span.mode == "issue":
        return paint(
            ("✓ The report is " if result.passed else "✗ The report ")
            + f"{issue_verdict(result)}.",
            "32" if result.passed else "31",
            color,
        )
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
