"""Every format renders the same Result; contributed text cannot forge structure."""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import story
from mergeready.checks.model import (
    CheckResult,
    Evidence,
    Finding,
    Result,
    Span,
    TypeMatch,
    TypeVerdict,
)
from mergeready.hooks.formats import NAMES, renderer

HOSTILE = "evil%0A::error::forged|<script>alert(1)</script>`x`\n::warning::two"
RESULT = Result(
    span=Span("commits", "a" * 40, "b" * 40, "a" * 40, 1),
    types=(
        TypeMatch("bugfix", (Evidence("title", HOSTILE),)),
        TypeMatch("docs", (Evidence("path", "a.md"),)),
    ),
    checks=(
        CheckResult(
            "tests-present",
            "fail",
            "no test",
            (
                Finding(
                    "MR101",
                    "error",
                    f"code changed in {HOSTILE}",
                    "pkg/a,b:c.py",
                    None,
                    None,
                    "add a test",
                ),
            ),
        ),
        CheckResult("changelog-updated", "skip", "skipped by label 'skip-changelog'"),
        CheckResult(
            "spelling-clean",
            "fail",
            "1 misspelling",
            (
                Finding(
                    "MR401",
                    "error",
                    "'teh' may be misspelled; did you mean 'the'?",
                    "a.md",
                    3,
                    7,
                    "replace it",
                ),
                Finding("MR402", "error", f"'teh' in the title {HOSTILE}"),
            ),
        ),
    ),
    by_type={
        "bugfix": TypeVerdict(
            ("tests-present", "changelog-updated", "spelling-clean"),
            False,
            ("tests-present", "spelling-clean"),
        ),
        "docs": TypeVerdict(("spelling-clean",), False, ("spelling-clean",)),
    },
    files_changed=2,
)


def test_github_annotations_are_escaped_and_placed():
    out = renderer("github")(RESULT)
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=pkg/a%2Cb%3Ac.py,title=MR101 tests-present::code changed "
        "in evil%250A::error::forged|<script>alert(1)</script>`x`%0A::warning::two"
        " — add a test"
    )
    assert lines[1] == (
        "::error file=a.md,line=3,col=7,title=MR401 spelling-clean::'teh' may be "
        "misspelled; did you mean 'the'? — replace it"
    )
    assert lines[-1] == "::error title=mergeready::not ready: failed tests-present, spelling-clean"
    assert len(lines) == 4  # no line was forged by the contributed text


def test_markdown_has_marker_tables_details_and_no_html_from_contributions():
    out = renderer("markdown")(RESULT)
    assert out.startswith("<!-- mergeready-report -->\n## mergeready: ❌ Not ready to merge\n")
    assert "| `tests-present` | ❌ fail | no test |" in out
    assert "| `changelog-updated` | ⏭️ skip | skipped by label 'skip-changelog' |" in out
    assert "<details><summary>❌ spelling-clean: 2 findings</summary>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "forged\\|&lt;" in out and "`x`" not in out
    for line in out.splitlines():
        if line.startswith("| `"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 4  # exactly three cells


def test_junit_suites_per_type_and_cases_per_check():
    root = ET.fromstring(renderer("junit")(RESULT))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["bugfix", "docs"]
    bugfix = suites["bugfix"]
    assert (bugfix.get("tests"), bugfix.get("failures"), bugfix.get("skipped")) == ("3", "2", "1")
    cases = {c.get("name"): c for c in bugfix.iter("testcase")}
    assert cases["tests-present"].find("failure").get("message") == "no test"
    assert cases["changelog-updated"].find("skipped") is not None


def test_gitlab_code_quality_has_stable_fingerprints():
    first = json.loads(renderer("gitlab")(RESULT))
    again = json.loads(renderer("gitlab")(RESULT))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in again]
    assert len({i["fingerprint"] for i in first}) == 3
    assert first[1]["location"] == {"path": "a.md", "lines": {"begin": 3}}
    assert first[1]["severity"] == "major"


def test_sarif_structure():
    log = json.loads(renderer("sarif")(RESULT))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["MR401"]["help"]["text"].startswith("spelling-clean: ")
    located = run["results"][1]
    assert located["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "a.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 7},
    }
    assert located["partialFingerprints"]["mergeready/v1"]


def _multitool() -> list[str] | None:
    tool = os.environ.get("MERGEREADY_SARIF_MULTITOOL")
    return [tool] if tool and Path(tool).exists() else None


@pytest.mark.skipif(
    _multitool() is None, reason="set MERGEREADY_SARIF_MULTITOOL (.ci/run installs it from npm)"
)
def test_sarif_passes_microsofts_multitool_validation(git_repo, run_cli, tmp_path):
    story(
        git_repo,
        {"a.py": '"""A."""\n'},
        {"a.py": '"""A."""\n\n\ndef f(x):\n    return x\n', "README.md": "Teh end.\n"},
        message="feat: f",
    )
    sarif = tmp_path / "report.sarif"
    code, _, _ = run_cli("check", "--format", "sarif", "--output", str(sarif))
    assert code == 1
    validation = tmp_path / "validation.sarif"
    proc = subprocess.run(
        [
            *_multitool(),
            "validate",
            str(sarif),
            "--output",
            str(validation),
            "--log",
            "ForceOverwrite",
        ],
        capture_output=True,
        text=True,
    )
    log = json.loads(validation.read_text())
    errors = [r for run in log["runs"] for r in run.get("results", []) if r.get("level") == "error"]
    assert errors == [], proc.stdout
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name", NAMES)
def test_every_format_through_the_command(git_repo, run_cli, name, tmp_path):
    story(git_repo, {"a.py": '"""A."""\n'}, {"a.py": '"""A."""\n\nX = 1\n'}, message="feat: X")
    target = tmp_path / f"out.{name}"
    code, out, _ = run_cli("check", "--format", name, "--output", str(target))
    assert code == 1
    assert target.read_text()
    assert "✗ Not ready" in out  # the human summary still goes to the terminal
