"""The organisation report for a terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mergeready.checks.model import plural
from mergeready.hooks.formats.escape import visible


def _rate(row: Mapping[str, Any]) -> str:
    return f"{100 * row['pass_rate']:.0f}% of {row['contributions']}"


def _checks(title: str, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    out = [title]
    for r in rows:
        out.append(
            f"  {r['check_id']:<22} {plural(r['contributions'], 'contribution')} in "
            f"{plural(r['repositories'], 'repository', 'repositories')}"
        )
    return [*out, "  (none)"] if not rows else out


def render(data: Mapping[str, Any]) -> str:
    """Render an organisation report as text.

    Args:
        data: What ``org_report.report`` returned.

    Returns:
        The report.
    """
    totals = data["totals"]
    if not totals["contributions"]:
        return "mergeready org report · no contributions in these shards\n"
    out = [
        f"mergeready org report · {plural(totals['contributions'], 'contribution')} in "
        f"{plural(totals['repositories'], 'repository', 'repositories')} "
        f"({totals['first']} … {totals['last']})"
        + (f", {totals['errors']} not checked" if totals["errors"] else ""),
        "",
        "pass rate per type (every required check passed), per repository:",
    ]
    for r in data["by_repository"]:
        out.append(f"  {visible(r['repository']):<30} {r['type']:<12} {_rate(r)}")
    out += ["", "per month, all repositories:"]
    for r in data["by_month"]:
        out.append(f"  {r['month']}  {r['type']:<12} {_rate(r)}")
    out += ["", *_checks("most failed required checks:", data["most_failed"])]
    out += ["", *_checks("most skipped required checks:", data["most_skipped"])]
    return "\n".join(out) + "\n"
