"""Runs the checks a contribution's types require, once each, and builds one Result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from mergeready.checks.contribution import Contribution
from mergeready.checks.model import CheckResult, Result, TypeMatch, TypeVerdict
from mergeready.checks.registry import CHECKS


def run(
    contribution: Contribution,
    types: Sequence[TypeMatch],
    required: Mapping[str, Sequence[str]],
    options: Mapping[str, Any],
    only: Sequence[str] = (),
) -> Result:
    """Run every check that the contribution's types require, in registry order.

    Args:
        contribution: The contribution, already told its types.
        types: The types it has, with their evidence.
        required: For each type, the ids of the checks it requires.
        options: For each check id, its ``Options`` instance.
        only: When not empty, run only these check ids.

    Returns:
        The result, with a verdict per type.
    """
    wanted = {c for t in types for c in required.get(t.type, ()) if not only or c in only}
    results: dict[str, CheckResult] = {}
    for check_id, spec in CHECKS.items():
        if check_id in wanted:
            outcome = spec.function(contribution, options[check_id])
            results[check_id] = replace(outcome, id=check_id)
    by_type: dict[str, TypeVerdict] = {}
    for t in types:
        ids = tuple(c for c in CHECKS if c in required.get(t.type, ()) and c in results)
        failed = tuple(c for c in ids if results[c].status == "fail")
        by_type[t.type] = TypeVerdict(required=ids, passed=not failed, failed=failed)
    added = sum(len(f.added_lines) for f in contribution.files if f.added_lines is not None)
    return Result(
        base=contribution.base,
        head=contribution.head,
        types=tuple(types),
        checks=tuple(results.values()),
        by_type=by_type,
        range_label=describe_range(contribution),
        files_changed=len(contribution.files),
        lines_added=added,
        lines_removed=sum(f.removed for f in contribution.files),
    )


def describe_range(contribution: Contribution) -> str:
    """Say in a few words what was compared.

    Args:
        contribution: The contribution.

    Returns:
        For example ``3f2a1b0c..9e8d7c6b (2 commits)`` or ``staged changes against HEAD``.
    """
    c = contribution
    if c.mode == "all":
        return f"every tracked file at {(c.head or 'HEAD')[:8]} (--all)"
    if c.mode == "staged":
        return "staged changes against HEAD"
    if c.mode == "worktree":
        return "working tree against HEAD" if c.base else "working tree (no commit yet)"
    count = len(c.commits)
    return f"{(c.base or '')[:8]}..{(c.head or '')[:8]} ({count} commit{'s' * (count != 1)})"
