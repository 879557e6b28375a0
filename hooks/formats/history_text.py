"""The history report for a terminal."""

from __future__ import annotations

from typing import Any

from mergeready.checks.model import plural
from mergeready.hooks.formats.escape import visible


def _share(row: dict[str, Any]) -> str:
    judged = row["pass"] + row["fail"]
    if not judged:
        return f"skipped {row['skip']}"
    share = f"{100 * row['share_passing']:.0f}%"
    skipped = f", {row['skip']} skipped" if row["skip"] else ""
    return f"{row['pass']}/{judged} pass ({share}){skipped}"


def render(summary: dict[str, Any]) -> str:
    """Render a history summary as text.

    Args:
        summary: The summary (schema 1).

    Returns:
        The report.
    """
    if not summary["entries"]:
        return f"mergeready history · no contributions found ({summary['range']})\n"
    out = [
        f"mergeready history · {plural(summary['contributions'], 'contribution')} "
        f"({summary['first']} … {summary['last']}) · {summary['range']}",
    ]
    config = summary.get("configuration")
    if config:
        out.append(f"profile {config['profile']} · configuration: {config['source']}")
    hint = summary.get("suggested_profile")
    if hint:
        out.append(f"a better fit may be profile {hint['profile']}: {hint['why']}")
    out.append("")
    for name, data in summary["types"].items():
        primary = data.get("primary", data["count"])
        out.append(
            f"{name}: {plural(data['count'], 'contribution')} ({primary} as the primary type)"
        )
        for check_id, row in data["checks"].items():
            out.append(f"  {check_id:<20} {_share(row)}")
        for w in data["worst"]:
            out.append(
                f"  ✗ {w['commit'][:8]} {w['date']} {visible(_short(w['subject']))} "
                f"({', '.join(w['failed'])})"
            )
        out.append("")
    for error in summary["errors"]:
        out.append(f"not checked: {error['commit'][:8]}: {visible(error['message'])}")
    return "\n".join(out).rstrip() + "\n"


def _short(subject: str, width: int = 60) -> str:
    """Shorten a subject at a word, never inside a parenthesis it opens (``… (#123)``)."""
    if len(subject) <= width:
        return subject
    cut = subject[: width - 1]
    cut = cut[: cut.rindex(" ")] if " " in cut else cut
    if cut.count("(") > cut.count(")"):
        cut = cut[: cut.rindex("(")]
    return cut.rstrip() + "…"
