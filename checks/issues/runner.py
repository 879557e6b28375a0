"""The issue side's front door: classify a report, run what its types require, one Result."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from mergeready.checks.issues.kinds import classify
from mergeready.checks.issues.private_data import redacted
from mergeready.checks.issues.registry import ISSUE_CHECKS, IssueTypeRule
from mergeready.checks.issues.report import IssueReport
from mergeready.checks.model import CheckResult, Result, Span, TypeMatch
from mergeready.checks.runner import bounded, checked, verdicts


class IssuePolicy(Protocol):
    """What the issue engine reads of a policy (``mergeready.rules.policy.Policy``)."""

    @property
    def issue_types(self) -> Mapping[str, IssueTypeRule]:
        """How each report type is recognised, and which issue checks it requires."""

    @property
    def options(self) -> Mapping[str, Any]:
        """Each check's validated ``Options``, by check id."""


def evaluate(report: IssueReport, policy: IssuePolicy, only: Sequence[str] = ()) -> Result:
    """Classify the report, then run the issue checks its types require, in registry order.

    Args:
        report: The issue report.
        policy: The effective policy.
        only: When not empty, run only these issue check ids.

    Returns:
        The result: its span's mode is ``issue``; a required check that failed means the
        report waits on its author.
    """
    types = tuple(_unquoted_secrets(t) for t in classify(report, policy.issue_types))
    typed = report.with_types(t.type for t in types)
    required = {name: rule.require for name, rule in policy.issue_types.items()}
    wanted = _wanted(types, required, only)
    results = {c: _run(c, typed, policy) for c in ISSUE_CHECKS if c in wanted}
    return Result(
        span=Span("issue", None, None),
        types=types,
        checks=tuple(_masked(r) for r in results.values()),
        by_type=verdicts(types, required, results, ISSUE_CHECKS),
    )


def _wanted(
    types: Sequence[TypeMatch], required: Mapping[str, Sequence[str]], only: Sequence[str]
) -> set[str]:
    """The issue checks the report's types require (only those named, when some are)."""
    return {c for t in types for c in required.get(t.type, ()) if not only or c in only}


def _run(check_id: str, report: IssueReport, policy: IssuePolicy) -> CheckResult:
    """Run one issue check on the report (an issue check takes the report, not a diff)."""
    module = importlib.import_module(ISSUE_CHECKS[check_id].module)
    outcome: CheckResult = module.check(report, policy.options[check_id])
    return bounded(checked(replace(outcome, id=check_id), ISSUE_CHECKS))


def _unquoted_secrets(match: TypeMatch) -> TypeMatch:
    """A type's evidence with every secret it quotes from the report masked (attack 4's 24)."""
    return replace(match, evidence=tuple(replace(e, text=redacted(e.text)) for e in match.evidence))


def _masked(result: CheckResult) -> CheckResult:
    """A check's summary and findings with every secret they quote from the report masked.

    The one place where report text leaves the engine: a heading, a line or a value a finding
    quotes is never where private-data's token, key or password is repeated.
    """
    findings = tuple(
        replace(f, message=redacted(f.message), hint=redacted(f.hint) if f.hint else f.hint)
        for f in result.findings
    )
    return replace(result, summary=redacted(result.summary), findings=findings)
