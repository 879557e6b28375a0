"""A baseline of accepted findings, keyed by symbol and content so that moved code stays matched.

``mergeready baseline`` records the findings of a whole-tree audit in
``.mergeready-baseline.json``. Each entry is keyed not by line number but by the finding's code,
the Python definition it is in (``Parser.feed``) and its message, or — outside any definition —
the line's text with every space removed, so reformatting a file or moving a definition keeps
its findings matched (a finding whose file moved matches by the same key under another path).
Identical keys are counted, so a second identical finding is new. In a contribution (not an
audit) the baseline never waives what every contribution must meet anew: a finding with no line
(no test changed for a module, no changelog entry) is never held, and a finding on a line the
contribution adds matches only an entry of its own file (or the file it was renamed from),
never one recorded elsewhere: "moved" matching is for code the base already had.

The baseline is read from the trusted revision (the base), like all configuration: a
contribution that adds entries hides nothing, and is told so (MR030). ``check`` reports only
findings the baseline does not hold, and ``--all`` says how many baselined ones are fixed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.model import CheckResult, Finding, Result, TypeVerdict
from mergeready.checks.post.baseline_keys import Keyer
from mergeready.checks.post.baseline_match import Match, exact

PATH: Final = ".mergeready-baseline.json"
VERSION: Final = 1
CODES: Final = {
    "MR030": "the contribution adds entries to the baseline, which is read from the base",
}


def build(contribution: Contribution, result: Result) -> dict[str, Any]:
    """Record a whole-tree audit's findings as a baseline.

    Args:
        contribution: The audited tree (``--all``).
        result: Its result.

    Returns:
        The baseline file's data, entries sorted so that the file diffs well.
    """
    keyer = Keyer(contribution)
    entries = [keyer.key(f).entry(f.path) for c in result.checks for f in c.findings]
    entries.sort(key=lambda e: (e["path"] or "", e["code"], e["symbol"], e["content"]))
    return {"version": VERSION, "generated-by": "mergeready baseline", "findings": entries}


def read(text: str | None) -> list[dict[str, Any]] | None:
    """Read a baseline file's entries; None when there is none or it is not a baseline.

    Args:
        text: The file's text at the base, if any.

    Returns:
        The entries, or None.
    """
    if not text:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return None
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("code"), str)]


def apply(
    contribution: Contribution,
    result: Result,
    entries: Sequence[Mapping[str, Any]],
    options: Mapping[str, Any] | None = None,
) -> Result:
    """Remove the findings the baseline holds, and count them and the baselined ones now fixed.

    Args:
        contribution: The contribution.
        result: The result after suppressions.
        entries: The baseline's entries (read from the base).
        options: Each check's options: a finding on an added line is held only when the
            check, run again on the whole file, finds the original gone from its unchanged
            lines (``baseline_match``); without them no such finding is held.

    Returns:
        The result with only new findings; ``baselined`` counts the removed ones and, for a
        whole-tree audit, ``baseline_fixed`` the entries no finding matched.
    """
    keyer = Keyer(contribution)
    found = [(c.id, f, keyer.key(f)) for c in result.checks for f in c.findings]
    match = Match(contribution, entries, keyer)
    held = match.held(found, options or {})
    checks = _kept(result, held)
    fixed = sum(k for k in match.moved.values() if k > 0) if contribution.mode == "all" else 0
    if not held and not fixed:
        return result
    return replace(
        result,
        checks=tuple(checks),
        by_type=_verdicts(result, checks),
        baselined=len(held),
        baseline_fixed=fixed,
    )


def _kept(result: Result, held: set[int]) -> list[CheckResult]:
    """Each check's result without the held findings (numbered across all checks)."""
    checks: list[CheckResult] = []
    n = 0
    for c in result.checks:
        kept = [f for i, f in enumerate(c.findings, start=n) if i not in held]
        n += len(c.findings)
        checks.append(_without(c, kept) if len(kept) != len(c.findings) else c)
    return checks


def _verdicts(result: Result, checks: list[CheckResult]) -> dict[str, TypeVerdict]:
    """Each type's verdict again, once held findings have left some checks passing."""
    status = {c.id: c.status for c in checks}
    return {
        name: TypeVerdict(v.required, not failed, failed)
        for name, v in result.by_type.items()
        for failed in [tuple(i for i in v.required if status.get(i) == "fail")]
    }


def _without(c: CheckResult, kept: list[Finding]) -> CheckResult:
    gone = len(c.findings) - len(kept)
    note = f" ({gone} in the baseline)"
    if c.status == "fail" and not any(f.severity == "error" for f in kept):
        return replace(c, status="pass", summary=f"no new findings{note}", findings=tuple(kept))
    return replace(c, summary=c.summary + note, findings=tuple(kept))


def edited(contribution: Contribution, base: Sequence[Mapping[str, Any]] | None) -> Finding | None:
    """Report a contribution that adds entries to the baseline.

    Args:
        contribution: The contribution.
        base: The baseline's entries at the base, if any.

    Returns:
        An MR030 warning when the baseline at head holds entries the base did not, else None.
    """
    f = contribution.file(PATH)
    if contribution.mode == "all" or f is None or not f.exists:
        return None
    head = read(contribution.text(f)) or []
    added = Counter(exact(e) for e in head) - Counter(exact(e) for e in base or [])
    if not added:
        return None
    n = sum(added.values())
    return Finding(
        "MR030",
        "warning",
        f"the contribution adds {n} entr{'ies' if n != 1 else 'y'} to {PATH}; the baseline is "
        "read from the base, so they hide nothing",
        PATH,
        hint="fix the findings instead; a maintainer records a new baseline with "
        "`mergeready baseline`",
    )
