"""The immutable result model, and its JSON form (schema 1, the stable contract of DESIGN §4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

Status = Literal["pass", "fail", "skip"]
Severity = Literal["error", "warning"]
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Finding:
    """One thing a contributor should look at, with where it is and what to do next."""

    code: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def location(self) -> str:
        """Return the finding's place as ``path:line:col`` (as much of it as is known).

        Returns:
            The location, or an empty string when the finding has no path.
        """
        parts = [self.path or ""]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts) if self.path is not None else ""


@dataclass(frozen=True)
class CheckResult:
    """What one check decided: its status, a one-line summary and its findings."""

    id: str
    status: Status
    summary: str
    findings: tuple[Finding, ...] = ()


def passed(summary: str, findings: Sequence[Finding] = ()) -> CheckResult:
    """Build a passing result; warnings may come with it.

    Args:
        summary: The one-line summary.
        findings: Findings to report; none of them may be an error.

    Returns:
        A result with status ``pass`` (its id is filled in by the runner).

    Raises:
        ValueError: If a finding is an error, which would make the result a failure.
    """
    if any(f.severity == "error" for f in findings):
        raise ValueError("a result with an error finding cannot pass")
    return CheckResult("", "pass", summary, tuple(findings))


def failed(summary: str, findings: Sequence[Finding]) -> CheckResult:
    """Build a failing result.

    Args:
        summary: The one-line summary.
        findings: Findings to report; at least one must be an error.

    Returns:
        A result with status ``fail``.

    Raises:
        ValueError: If no finding is an error.
    """
    if not any(f.severity == "error" for f in findings):
        raise ValueError("a failing result needs an error finding")
    return CheckResult("", "fail", summary, tuple(findings))


def skipped(reason: str, findings: Sequence[Finding] = ()) -> CheckResult:
    """Build a skipped result that says why the check did not apply.

    Args:
        reason: Why the check was skipped, shown to the contributor.
        findings: Warnings to report anyway.

    Returns:
        A result with status ``skip``.
    """
    return CheckResult("", "skip", reason, tuple(f for f in findings if f.severity != "error"))


@dataclass(frozen=True)
class TypeMatch:
    """A contribution type the contribution has, and what said so."""

    type: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class TypeVerdict:
    """The checks one contribution type requires, and whether they all passed."""

    required: tuple[str, ...]
    passed: bool
    failed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    """Everything one run of ``mergeready check`` found; formatters render it, nothing else."""

    base: str | None
    head: str | None
    types: tuple[TypeMatch, ...]
    checks: tuple[CheckResult, ...]
    by_type: Mapping[str, TypeVerdict]
    range_label: str = ""
    files_changed: int = 0
    lines_added: int = 0
    lines_removed: int = 0
    suppressed: int = 0  # findings an ignore: rule or an honoured inline suppression removed
    baselined: int = 0  # findings the baseline (read from the base) holds, not reported
    baseline_fixed: int = 0  # baseline entries a whole-tree audit no longer finds

    @property
    def passed(self) -> bool:
        """True when no required check of any type failed; a skipped check does not fail."""
        return all(v.passed for v in self.by_type.values())

    @property
    def failed_checks(self) -> tuple[str, ...]:
        """The ids of the checks that failed, in the order they ran."""
        return tuple(c.id for c in self.checks if c.status == "fail")

    def to_json(self) -> dict[str, Any]:
        """Return the report as JSON-ready data, exactly schema 1 of DESIGN §4.

        Returns:
            A dictionary that ``json.dumps`` writes as the report.
        """
        data: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "base": self.base,
            "head": self.head,
            "types": [{"type": t.type, "evidence": list(t.evidence)} for t in self.types],
            "passed": self.passed,
            "checks": [
                {
                    "id": c.id,
                    "status": c.status,
                    "summary": c.summary,
                    "findings": [_finding_json(f) for f in c.findings],
                }
                for c in self.checks
            ],
            "by_type": {
                name: {"required": list(v.required), "passed": v.passed}
                for name, v in self.by_type.items()
            },
        }
        for name in ("suppressed", "baselined", "baseline_fixed"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        return data


def result_to_data(result: Result) -> dict[str, Any]:
    """Return every field of a result as JSON-ready data (for the result cache).

    Args:
        result: The result.

    Returns:
        Data that ``result_from_data`` turns back into an equal result.
    """
    data = asdict(result)
    data["by_type"] = {k: asdict(v) for k, v in result.by_type.items()}
    return data


def result_from_data(data: Mapping[str, Any]) -> Result:
    """Rebuild a result from ``result_to_data``'s data.

    Args:
        data: The data.

    Returns:
        The result.
    """
    checks = tuple(
        CheckResult(c["id"], c["status"], c["summary"], tuple(Finding(**f) for f in c["findings"]))
        for c in data["checks"]
    )
    return Result(
        base=data["base"],
        head=data["head"],
        types=tuple(TypeMatch(t["type"], tuple(t["evidence"])) for t in data["types"]),
        checks=checks,
        by_type={
            k: TypeVerdict(tuple(v["required"]), v["passed"], tuple(v["failed"]))
            for k, v in data["by_type"].items()
        },
        range_label=data["range_label"],
        files_changed=data["files_changed"],
        lines_added=data["lines_added"],
        lines_removed=data["lines_removed"],
        suppressed=data.get("suppressed", 0),
        baselined=data.get("baselined", 0),
        baseline_fixed=data.get("baseline_fixed", 0),
    )


def _finding_json(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
    }
    if finding.hint:
        data["hint"] = finding.hint
    return data
