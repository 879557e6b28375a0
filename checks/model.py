"""The immutable result model, and its JSON form (schema 1, the stable contract of DESIGN §4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final, Literal, get_args

Status = Literal["pass", "fail", "skip"]
Severity = Literal["error", "warning"]
Mode = Literal["commits", "staged", "worktree", "all", "issue"]
EvidenceKind = Literal[
    "title",
    "commit",
    "label",
    "path",
    "branch",
    "body",
    "fragment",
    "changelog",
    "outweighed",
    "source",
    "template",
]
SCHEMA_VERSION = 1


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return a count with its noun in the right number.

    Args:
        count: How many.
        word: The noun in the singular.
        many: The plural, when it is not ``word + "s"``.

    Returns:
        For example ``1 file`` or ``3 files``.
    """
    return f"{count} {word if count == 1 else (many or word + 's')}"


@dataclass(frozen=True)
class Span:
    """What a contribution compares: the mode, the two revisions and the commits between.

    ``trusted`` is the revision configuration is read from (None: the working tree);
    ``commits`` is the number of commits in the range, once it is known.
    """

    mode: Mode
    base: str | None
    head: str | None
    trusted: str | None = None
    commits: int = 0


MAX_EVIDENCE: Final = 300
"""Characters of a title or a subject quoted as evidence (a 4 MB subject is cut, with "…")."""


@dataclass(frozen=True)
class Evidence:
    """One reason a contribution has a type: what said so, and the text that said it.

    It serialises to the strings of schema 1: ``title: fix: …``, ``commit 1a2b3c4d: …``,
    ``label: bug``, ``path: docs/a.md``, ``source code changed``.
    """

    kind: EvidenceKind
    text: str

    def __post_init__(self) -> None:
        """Quote at most ``MAX_EVIDENCE`` characters of contributed text (a subject, a title)."""
        if len(self.text) > MAX_EVIDENCE:
            object.__setattr__(self, "text", self.text[: MAX_EVIDENCE - 1] + "…")

    def __str__(self) -> str:
        """Return the evidence as the report writes it."""
        if self.kind == "source":
            return self.text
        return f"{self.kind}{' ' if self.kind == 'commit' else ': '}{self.text}"

    @classmethod
    def parse(cls, text: str) -> Evidence:
        """Read evidence back from its report form.

        Args:
            text: What ``str()`` of an evidence returns.

        Returns:
            The evidence.
        """
        for kind in get_args(EvidenceKind):
            if kind == "commit" and text.startswith("commit "):
                return cls(kind, text[len("commit ") :])
            if kind not in ("commit", "source") and text.startswith(kind + ": "):
                return cls(kind, text[len(kind) + 2 :])
        return cls("source", text)


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
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class TypeVerdict:
    """The checks one contribution type requires, and whether they all passed."""

    required: tuple[str, ...]
    passed: bool
    failed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    """Everything one run of ``mergeready check`` found; formatters render it, nothing else."""

    span: Span
    types: tuple[TypeMatch, ...]
    checks: tuple[CheckResult, ...]
    by_type: Mapping[str, TypeVerdict]
    files_changed: int = 0
    lines_added: int = 0
    lines_removed: int = 0
    suppressed: int = 0  # findings an ignore: rule or an honoured inline suppression removed
    baselined: int = 0  # findings the baseline (read from the base) holds, not reported
    baseline_fixed: int = 0  # baseline entries a whole-tree audit no longer finds

    @property
    def base(self) -> str | None:
        """The diff's base commit, or None."""
        return self.span.base

    @property
    def head(self) -> str | None:
        """The head commit, or None for the index or the working tree."""
        return self.span.head

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
            "types": [
                {"type": t.type, "evidence": [str(e) for e in t.evidence]} for t in self.types
            ],
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
    data["types"] = [
        {"type": t.type, "evidence": [str(e) for e in t.evidence]} for t in result.types
    ]
    data["by_type"] = {k: asdict(v) for k, v in result.by_type.items()}
    return data


def result_from_data(data: Mapping[str, Any]) -> Result:
    """Rebuild a result from ``result_to_data``'s data.

    Args:
        data: The data.

    Returns:
        The result.

    Raises:
        ValueError: If the data does not describe a result (a corrupt cache entry).
    """
    try:
        return _result(data)
    except (KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise ValueError(f"not a result: {type(exc).__name__}") from exc


def _check(data: Mapping[str, Any]) -> CheckResult:
    """Rebuild one check's result, refusing a status, severity or text of the wrong kind."""
    findings = tuple(Finding(**f) for f in data["findings"])
    if data["status"] not in ("pass", "fail", "skip") or not isinstance(data["summary"], str):
        raise TypeError("check")
    if any(
        f.severity not in ("error", "warning") or not isinstance(f.message, str) for f in findings
    ):
        raise TypeError("finding")
    return CheckResult(data["id"], data["status"], data["summary"], findings)


def _result(data: Mapping[str, Any]) -> Result:
    """Rebuild a result, checking the type of every field (cache entries are outside data)."""
    span = data["span"]
    mode = span["mode"]
    if mode not in get_args(Mode):
        raise TypeError("mode")
    checks = tuple(_check(c) for c in data["checks"])
    by_type = {
        str(k): TypeVerdict(_strs(v["required"]), bool(v["passed"]), _strs(v["failed"]))
        for k, v in data["by_type"].items()
    }
    return Result(
        span=Span(
            mode=mode,
            base=_opt(span["base"]),
            head=_opt(span["head"]),
            trusted=_opt(span["trusted"]),
            commits=int(span["commits"]),
        ),
        types=tuple(
            TypeMatch(str(t["type"]), tuple(Evidence.parse(str(e)) for e in t["evidence"]))
            for t in data["types"]
        ),
        checks=checks,
        by_type=by_type,
        files_changed=int(data["files_changed"]),
        lines_added=int(data["lines_added"]),
        lines_removed=int(data["lines_removed"]),
        suppressed=int(data.get("suppressed", 0)),
        baselined=int(data.get("baselined", 0)),
        baseline_fixed=int(data.get("baseline_fixed", 0)),
    )


def _strs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("list of strings")
    return tuple(value)


def _opt(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("string")
    return value


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
