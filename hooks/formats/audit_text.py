"""The text report of a whole-tree audit: a summary first, then findings grouped by file.

Counts per code and per path prefix lead (``--statistics`` prints only them); the findings
follow file by file, at most ``max_per_code`` of each code (``… and N more``), so that an audit
of a large project reads as a summary, not a flood.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from mergeready.checks.model import Result, plural
from mergeready.checks.post.statistics import Lead, Statistics
from mergeready.hooks.formats.text_format import baseline_line, check_line, paint, verdict_line
from mergeready.hooks.formats.wording import describe


def summary_lines(stats: Statistics) -> list[str]:
    """Render the counts per code and per path prefix.

    Args:
        stats: The counts.

    Returns:
        The lines, or one line saying there is no finding.
    """
    if not stats.total:
        return ["No findings."]
    width = len(str(stats.total))
    out = [f"{stats.total} finding{'s' * (stats.total != 1)} by code (errors and warnings):"]
    out += [f"  {n:>{width}}  {code}  {what}".rstrip() for code, n, what in stats.by_code]
    out.append("by path:")
    out += [f"  {n:>{width}}  {where}" for where, n in stats.by_prefix]
    return out


def start_lines(leads: Sequence[Lead], color: bool = False) -> list[str]:
    """Render the short "start here": the few codes worth doing first, and their folders.

    Args:
        leads: The codes, most findings first.
        color: Whether to use ANSI colours.

    Returns:
        The lines and a blank one, or none when there is nothing to start with.
    """
    if not leads:
        return []
    out = [
        paint("Start here", "1", color)
        + " (the most frequent errors that are not style; errors only):"
    ]
    width = len(str(leads[0].count))
    for lead in leads:
        where = ", ".join(f"{name} {n}" for name, n in lead.folders)
        out.append(f"  {lead.count:>{width}}  {lead.code}  {lead.meaning} — {where}")
    return [*out, ""]


def render(
    result: Result,
    stats: Statistics,
    *,
    color: bool = False,
    max_per_code: int | None = 10,
    only_statistics: bool = False,
    leads: Sequence[Lead] = (),
) -> str:
    """Render an audit: the verdict, where to start, the checks, the summary, the findings.

    Args:
        result: The result (its text already made visible).
        stats: Its counts.
        color: Whether to use ANSI colours.
        max_per_code: Show at most this many findings of each code; None shows all.
        only_statistics: Print the summary and the verdict, no findings.
        leads: The codes to start with (``statistics.start_here``), said first.

    Returns:
        The report text.
    """
    out = [f"mergeready · {describe(result.span)} · {plural(result.files_changed, 'file')}", ""]
    if stats.total:
        out += [verdict_line(result, color), ""]
    out += start_lines(leads, color)
    step = next_step(result, stats)
    out += [step, ""] if step else []
    out += ["  " + check_line(c, color) for c in result.checks]
    out += ["", *summary_lines(stats)]
    if not only_statistics and stats.total:
        out += ["", paint("Findings by file", "1", color)]
        shown: Counter[str] = Counter()
        left: Counter[str] = Counter()
        current: str | None = ""
        every = sorted(
            ((c, f) for c in result.checks for f in c.findings),
            key=lambda cf: (cf[1].path is None, cf[1].path or "", cf[1].line or 0),
        )
        for c, f in every:
            if max_per_code is not None and shown[f.code] >= max_per_code:
                left[f.code] += 1
                continue
            shown[f.code] += 1
            if f.path != current:
                current = f.path
                out.append(f.path if f.path is not None else f"(no file: {c.id})")
            where = ":".join(str(x) for x in (f.line, f.column) if x is not None)
            sev = "" if f.severity == "error" else " (warning)"
            out.append(f"  {where + ': ' if where else ''}{f.code} {f.message}{sev}")
            if f.hint:
                out.append(f"      → {f.hint}")
        for code, n in sorted(left.items()):
            out.append(f"… and {n} more {code} (--max-per-code N or --no-cap to see them)")
    out.append("")
    if result.suppressed:
        out.append(f"{result.suppressed} finding{'s' * (result.suppressed != 1)} suppressed")
    if result.baselined or result.baseline_fixed:
        out.append(baseline_line(result))
    if step:
        out.append(step)
    out.append(verdict_line(result, color))
    return "\n".join(out) + "\n"


def next_step(result: Result, stats: Statistics) -> str:
    """Name what to do after a first audit: record a baseline, then enforce only new code.

    Args:
        result: The audit's result.
        stats: Its counts.

    Returns:
        The line, or ``""`` when there is nothing to record or a baseline already holds some.
    """
    if result.passed or not stats.total or result.baselined or result.baseline_fixed:
        return ""
    return (
        "Next: `mergeready baseline` on the default branch records these findings as accepted "
        "(commit .mergeready-baseline.json); from then on check reports only new ones."
    )
