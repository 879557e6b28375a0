"""How the reports word the facts a Result carries (the span), shared by the formats."""

from __future__ import annotations

from mergeready.checks.model import Result, Span, plural

ISSUE_READY = "ready for a maintainer"
ISSUE_WAITING = "waits on its author"


def describe(span: Span) -> str:
    """Say in a few words what was compared.

    Args:
        span: The result's span.

    Returns:
        For example ``3f2a1b0c..9e8d7c6b (2 commits)`` or ``staged changes against HEAD``.
    """
    if span.mode == "issue":
        return "issue report"
    if span.mode == "all":
        return f"every tracked file at {(span.head or 'HEAD')[:8]} (--all)"
    if span.mode == "staged":
        return "staged changes against HEAD"
    if span.mode == "worktree":
        return "working tree against HEAD" if span.base else "working tree (no commit yet)"
    return f"{(span.base or '')[:8]}..{(span.head or '')[:8]} ({plural(span.commits, 'commit')})"


def issue_verdict(result: Result) -> str:
    """Say whether an issue report is ready, and what it still needs.

    Args:
        result: The result of ``mergeready issue``.

    Returns:
        For example ``waits on its author: reproduction, versions``.
    """
    if result.passed:
        return ISSUE_READY
    return f"{ISSUE_WAITING}: {', '.join(result.failed_checks)}"
