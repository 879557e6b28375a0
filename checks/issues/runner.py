"""The issue side's front door: classify a report, run what its types require, one Result."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from mergeready.checks.issues.kinds import IssueTypeRule, classify
from mergeready.checks.issues.private_data import redacted
from mergeready.checks.issues.registry import ISSUE_CHECKS
from mergeready.checks.issues.report import IssueReport
from mergeready.checks.model import CheckResult, Result, Span, TypeMatch
from mergeready.checks.runner import checked, verdicts


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
    wanted = {c for t in types for c in required.get(t.type, ()) if not only or c in only}
    results: dict[str, CheckResult] = {}
    for check_id, spec in ISSUE_CHECKS.items():
        if check_id in wanted:
            module = importlib.import_module(spec.module)  # an issue check takes the report
            outcome: CheckResult = module.check(typed, policy.options[check_id])
            results[check_id] = checked(replace(outcome, id=check_id), ISSUE_CHECKS)
    return Result(
        span=Span("issue", None, None),
        types=types,
        checks=tuple(_masked(r) for r in results.values()),
        by_type=verdicts(types, required, results, ISSUE_CHECKS),
    )


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
