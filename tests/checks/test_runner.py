"""The engine's front door: evaluate classifies and runs; the runner trusts no stray code."""

from __future__ import annotations

import pytest
from helpers import story
from mergeready.checks.changes import ChangedFile, merge_hunks
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import CheckResult, Evidence, Finding, Span, plural
from mergeready.checks.runner import checked, evaluate
from mergeready.rules.loader import load


def test_evaluate_classifies_then_runs_what_the_types_require(git_repo):
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/a.md": "A teh.\n"}, message="docs: a")
    c = Contribution.from_git(git_repo.path, base="main")
    try:
        result = evaluate(c, load())
    finally:
        c.close()
    assert [t.type for t in result.types] == ["docs"]
    assert result.types[0].evidence[0] == Evidence("commit", f"{result.head[:8]}: docs: a")
    assert [(c.id, c.status) for c in result.checks] == [
        ("spelling-clean", "fail"),
        ("docs-valid", "pass"),
        ("claims", "skip"),
    ]
    assert result.span == Span("commits", c.base, c.head, c.base, 1)
    assert (result.files_changed, result.lines_added, result.passed) == (1, 1, False)


def test_a_finding_with_a_code_its_check_does_not_declare_is_rejected():
    stray = CheckResult("spelling-clean", "fail", "x", (Finding("MR101", "error", "x"),))
    with pytest.raises(MergereadyError, match="spelling-clean reported 'MR101'"):
        checked(stray)
    fine = CheckResult("spelling-clean", "fail", "x", (Finding("MR401", "error", "x"),))
    assert checked(fine) is fine


@pytest.mark.parametrize(
    "text",
    [
        "title: fix: a",
        "commit 1a2b3c4d: fix: a",
        "label: bug",
        "path: docs/a.md",
        "path: … and 3 more",
        "source code changed",
    ],
)
def test_evidence_round_trips_through_its_report_string(text):
    assert str(Evidence.parse(text)) == text


def test_plural():
    assert [plural(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
    assert plural(1, "match", "matches") == "1 match"
    assert plural(3, "match", "matches") == "3 matches"


def test_hunks_are_intervals():
    assert merge_hunks([(5, 7), (1, 2), (3, 3), (10, 9), (6, 12)]) == ((1, 3), (5, 12))
    f = ChangedFile("a.py", "modified", hunks=((2, 4), (10, 10), (20, 30)))
    touched = {n for n in range(0, 40) if f.touches(n)}
    assert touched == {2, 3, 4, 10, *range(20, 31)}
    for first in range(0, 35):
        for last in range(first, 35):
            expected = any(first <= n <= last for n in touched)
            assert f.touches_range(first, last) == expected, (first, last)
    assert f.added_lines == frozenset(touched) and f.added_count == len(touched)
    whole = ChangedFile("b.py", "added", hunks=None)
    assert whole.touches(123456) and whole.touches_range(1, 1) and whole.added_lines is None
    assert not ChangedFile("c.py", "modified").touches_range(1, 10**9)
