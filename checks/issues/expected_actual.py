"""expected-actual: a bug report says both what happened and what should have happened.

Either may be a section (``Expected behavior``, ``Actual behavior``, ``Current behaviour``,
``What happened?``) or a sentence of the prose (``I expected …``, ``it should …``,
``instead …``, ``but it returns …``). What happened may also be shown: a traceback, an error
message or printed output in a code block counts. The words are ``expected`` and ``actual``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from mergeready.checks.issues.report import IssueReport, asked_by_template
from mergeready.checks.issues.text import MAX_BODY, words
from mergeready.checks.model import CheckResult, Finding, Severity, failed, passed

CODES: Final = {
    "IR501": "the report does not say what was expected",
    "IR502": "the report does not say what actually happened",
}
EXPECTED: Final = (
    "expected",
    "expect",
    "expecting",
    "expectation",
    "should",
    "shouldn t",
    "supposed to",
    "would like",
    "want",
    "wanted",
    "instead",
    "desired",
    "intended",
    "ought",
    "same as",
    "as documented",
    "according to",
    "used to",
    "previously",
    "works",
    "worked",
    "should not",
    "would be",
)
ACTUAL: Final = (
    "actual",
    "actually",
    "current behavior",
    "current behaviour",
    "what happened",
    "happens",
    "happened",
    "instead",
    "but",
    "got",
    "get",
    "gives",
    "returns",
    "returned",
    "raises",
    "raised",
    "error",
    "errors",
    "fails",
    "failed",
    "fail",
    "crash",
    "crashes",
    "output",
    "outputs",
    "prints",
    "shows",
    "results in",
    "throws",
    "does not",
    "doesn t",
    "don t",
    "cannot",
    "can t",
    "not working",
    "broken",
    "hangs",
    "stuck",
    "nan",
    "exception",
    "warning",
    "differs",
    "different",
    "mismatch",
    "slow",
    "leak",
)


@dataclass(frozen=True, kw_only=True)
class Options:
    """Options of expected-actual (the keys of its block in the rules): the words of each."""

    expected: tuple[str, ...] = EXPECTED
    actual: tuple[str, ...] = ACTUAL
    missing: Severity = "warning"  # an error only where the template asks for either


def check(report: IssueReport, options: Options) -> CheckResult:
    """A bug report says what was expected and what happened instead.

    Args:
        report: The issue report.
        options: This check's options.

    Returns:
        The check's result.
    """
    prose = f" {words(report.title)} {words(report.text.plain, MAX_BODY)} "
    headings = " ".join(s.key for s in report.text.sections if s.content)
    expected = _says(prose + headings, options.expected)
    actual = _says(prose + headings, options.actual) or bool(report.text.blocks)
    asked = asked_by_template(report, ("expected", "actual", "behavior", "behaviour"))
    severity: Severity = "error" if asked else options.missing
    findings = []
    if not expected:
        findings.append(
            Finding(
                "IR501",
                severity,
                "the report does not say what you expected to happen",
                hint="add what you expected (the documented or earlier behaviour)",
            )
        )
    if not actual:
        findings.append(
            Finding(
                "IR502",
                severity,
                "the report does not say what happened instead",
                hint="add what happened: the output, the error, the wrong value",
            )
        )
    if findings and severity == "error":
        return failed("expected or actual behaviour missing", findings)
    if findings:
        return passed("expected or actual behaviour not said (not required here)", findings)
    return passed("says what was expected and what happened")


def _says(text: str, phrases: tuple[str, ...]) -> bool:
    return any(f" {words(p)} " in text for p in phrases if words(p))
