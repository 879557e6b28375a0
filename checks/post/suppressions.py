"""Suppressions that stay visible, applied once after the checks ran.

Two ways to say a finding is accepted, both counted in the report ("3 findings suppressed"):

- a project-level ``ignore:`` in the rules — a list of ``{paths: [glob, …], codes: [MR401, …],
  reason: …}``; no ``paths`` means every path (and findings that have none, as a title's);
- ``mergeready: ignore[MR201] reason`` on the line of a finding, in whatever comment the file
  writes (``# …``, ``<!-- … -->``, ``.. …``). Only mergeready's own marker is read: another
  tool's ``# noqa`` or ``codespell:ignore`` suppresses nothing here.

Both come from the trusted revision's configuration. An inline suppression the contribution
adds is the contributor's own word, so it is honoured only when the base configuration says
``inline-suppressions: true``; otherwise the finding stands and an MR020 warning says the
suppression was not honoured. A suppression on a line the contribution changes counts as
present at the base when the file at the base already had as many lines suppressing that code
(a re-signed ``def`` keeps its comment); one more than the base had is an added one. A
whole-tree audit (``--all``) has no contribution: what the tree holds is honoured.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from mergeready.checks.contribution import Contribution, git_lines
from mergeready.checks.model import CheckResult, Finding, Result, TypeVerdict
from mergeready.checks.paths import matches

CODES: Final = {
    "MR020": "an inline suppression the contribution adds is not honoured",
}
# Linear: one bounded character class between fixed text.
MARKER: Final = re.compile(r"mergeready:[ \t]{0,4}ignore\[([A-Za-z0-9, \t]{1,200})\]")


@dataclass(frozen=True)
class IgnoreRule:
    """One project-level ``ignore:`` entry."""

    codes: tuple[str, ...]
    paths: tuple[str, ...] = ()
    reason: str = ""

    def covers(self, finding: Finding) -> bool:
        """Tell whether this rule suppresses a finding.

        Args:
            finding: The finding.

        Returns:
            True when its code is listed and its path matches (any path when none is listed).
        """
        if finding.code not in self.codes:
            return False
        if not self.paths:
            return True
        return finding.path is not None and any(matches(finding.path, g) for g in self.paths)


def ignore_rules(entries: Sequence[Mapping[str, Any]] | None) -> tuple[IgnoreRule, ...]:
    """Build the ignore rules from the policy's (validated) ``ignore:`` list.

    Args:
        entries: The list, or None.

    Returns:
        The rules.
    """
    return tuple(
        IgnoreRule(
            tuple(str(c).upper() for c in e.get("codes") or ()),
            tuple(str(p) for p in e.get("paths") or ()),
            str(e.get("reason") or ""),
        )
        for e in entries or ()
    )


def inline_codes(line: str) -> frozenset[str]:
    """Return the codes a line's ``mergeready: ignore[…]`` marker names.

    Args:
        line: One line of a file.

    Returns:
        The upper-case codes; empty when the line has no marker.
    """
    if "mergeready" not in line:
        return frozenset()
    m = MARKER.search(line[:2000])
    if m is None:
        return frozenset()
    return frozenset(c.strip().upper() for c in m.group(1).split(",") if c.strip())


def apply(
    contribution: Contribution,
    result: Result,
    rules: Sequence[IgnoreRule],
    inline_allowed: bool,
) -> Result:
    """Remove the suppressed findings from a result, count them, and report refused ones.

    A check whose errors are all suppressed passes; the verdict per type follows.

    Args:
        contribution: The contribution the result is for.
        result: The checks' result.
        rules: The project's ignore rules.
        inline_allowed: The base configuration's ``inline-suppressions``.

    Returns:
        The result without the suppressed findings, with ``suppressed`` counting them.
    """
    lines: dict[str, list[str] | None] = {}
    suppressed = 0
    checks = []
    for c in result.checks:
        kept: list[Finding] = []
        for f in c.findings:
            verdict = _verdict(contribution, f, rules, inline_allowed, lines)
            if verdict == "suppressed":
                suppressed += 1
                continue
            kept.append(f)
            if verdict == "refused":
                kept.append(_refused(f))
        checks.append(_rebuilt(c, kept) if len(kept) != len(c.findings) else c)
    if not suppressed and checks == list(result.checks):
        return result
    status = {c.id: c.status for c in checks}
    by_type = {}
    for name, v in result.by_type.items():
        failed = tuple(i for i in v.required if status.get(i) == "fail")
        by_type[name] = TypeVerdict(v.required, not failed, failed)
    return replace(
        result, checks=tuple(checks), by_type=by_type, suppressed=result.suppressed + suppressed
    )


def _verdict(
    contribution: Contribution,
    f: Finding,
    rules: Sequence[IgnoreRule],
    inline_allowed: bool,
    cache: dict[str, list[str] | None],
) -> str:
    """``suppressed``, ``refused`` (an added inline suppression) or ``kept``."""
    if any(r.covers(f) for r in rules):
        return "suppressed"
    if f.path is None or f.line is None or f.code in CODES:
        return "kept"
    if f.path not in cache:
        text = contribution.head_text(f.path)
        cache[f.path] = git_lines(text) if text is not None else None
    lines = cache[f.path]
    if (
        lines is None
        or not 0 < f.line <= len(lines)
        or f.code not in inline_codes(lines[f.line - 1])
    ):
        return "kept"
    changed = contribution.file(f.path)
    added = contribution.mode != "all" and changed is not None and changed.touches(f.line)
    if (
        added
        and not inline_allowed
        and _count(lines, f.code) > _base_count(contribution, changed, f.code)
    ):
        return "refused"
    return "suppressed"


def _count(lines: Sequence[str] | None, code: str) -> int:
    return sum(1 for line in lines or () if code in inline_codes(line))


def _base_count(contribution: Contribution, f: Any, code: str) -> int:
    """How many lines suppress ``code`` in the file at the base: a touched line may keep one."""
    text = contribution.base_text(f.old_path or f.path)
    return _count(git_lines(text) if text is not None else None, code)


def _refused(f: Finding) -> Finding:
    return Finding(
        "MR020",
        "warning",
        f"the suppression of {f.code} on this line is added by the contribution and is not "
        "honoured (the base configuration does not set inline-suppressions: true)",
        f.path,
        f.line,
        None,
        hint="fix the finding, or ask a maintainer to add an ignore: rule for it",
    )


def _rebuilt(c: CheckResult, kept: list[Finding]) -> CheckResult:
    gone = sum(1 for f in c.findings if f.code not in CODES) - sum(
        1 for f in kept if f.code not in CODES
    )
    note = f" ({gone} suppressed)" if gone else ""
    if c.status == "fail" and not any(f.severity == "error" for f in kept):
        return replace(
            c, status="pass", summary=f"every finding suppressed{note}", findings=tuple(kept)
        )
    return replace(c, summary=c.summary + note, findings=tuple(kept))
