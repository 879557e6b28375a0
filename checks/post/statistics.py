"""Counts of a result's findings, per code and per path prefix (as ``ruff --statistics`` prints).

Pure arithmetic over a ``Result``, so that report formats render the counts without computing
anything themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mergeready.checks.model import Finding, Result
from mergeready.checks.registry import CHECKS

NO_PATH = "(no path)"


@dataclass(frozen=True)
class Statistics:
    """Finding counts: per code (with what the code means) and per path prefix."""

    by_code: tuple[tuple[str, int, str], ...]
    by_prefix: tuple[tuple[str, int], ...]
    total: int


def prefix(path: str | None) -> str:
    """Return the part of a path findings are grouped by: its top folder, or the file at the top.

    Args:
        path: A finding's path, if any.

    Returns:
        ``docs/`` for ``docs/a/b.md``, ``README.md`` for ``README.md``, or ``(no path)``.
    """
    if path is None:
        return NO_PATH
    head, slash, _ = path.partition("/")
    return head + "/" if slash else head


def statistics(result: Result) -> Statistics:
    """Count a result's findings.

    Args:
        result: The result.

    Returns:
        The counts, largest first (ties by code or prefix).
    """
    meaning: dict[str, str] = {}
    for c in result.checks:
        spec = CHECKS.get(c.id)
        if spec is not None:
            meaning.update(spec.load().CODES)
    found: list[Finding] = [f for c in result.checks for f in c.findings]
    codes = Counter(f.code for f in found)
    prefixes = Counter(prefix(f.path) for f in found)
    return Statistics(
        tuple(
            (code, n, meaning.get(code, ""))
            for code, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        tuple(sorted(prefixes.items(), key=lambda kv: (-kv[1], kv[0]))),
        len(found),
    )
