"""Helpers for the issue checks' tests: one table drives the check's function and the command."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from mergeready.checks.issues.registry import ISSUE_CHECKS
from mergeready.checks.issues.report import IssueReport, Project
from mergeready.checks.issues.templates import Template
from mergeready.checks.model import CheckResult

# (name, title, body, status, expected codes)
IssueRow = tuple[str, str, str, str, list[str]]


def judge(
    check_id: str,
    title: str,
    body: str,
    *,
    options: Any = None,
    labels: Sequence[str] = (),
    templates: Sequence[Template] = (),
    project: Project | None = None,
) -> CheckResult:
    """Run one issue check's function on a report.

    Returns:
        The check's result.
    """
    spec = ISSUE_CHECKS[check_id]
    report = IssueReport.of(title, body, labels, templates, project)
    result: CheckResult = spec.load().check(report, options or spec.options())
    return result


def issue_two_uses(
    check_id: str, cases: Sequence[IssueRow], project: str = "proj"
) -> tuple[Callable[..., None], Callable[..., None]]:
    """Make the two tests a table drives: the check's function, and ``mergeready issue``.

    The command runs in a fresh repository (no templates, no tags) with ``--project``.

    Returns:
        ``(test_check_function, test_through_the_command)``.
    """
    table = pytest.mark.parametrize(
        "name, title, body, status, expected", cases, ids=[c[0] for c in cases]
    )

    @table
    def test_check_function(name, title, body, status, expected):
        result = judge(check_id, title, body, project=Project(names=(project,)))
        assert result.status == status, result
        assert [f.code for f in result.findings] == expected

    @table
    def test_through_the_command(git_repo, run_cli, name, title, body, status, expected):
        git_repo.write("README.md", "# proj\n")
        git_repo.commit("initial")
        code, out, err = run_cli(
            "issue", "--only", check_id, "--project", project, "--title", title, "--body", body,
            "--format", "json",
        )
        assert code in (0, 1), err
        report = json.loads(out)
        assert {c["id"]: c["status"] for c in report["checks"]} == {check_id: status}
        assert [f["code"] for c in report["checks"] for f in c["findings"]] == expected
        assert code == (1 if status == "fail" else 0)

    return test_check_function, test_through_the_command
