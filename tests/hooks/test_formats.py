"""Every format renders the same Result; contributed text cannot forge structure."""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
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


def test_github_annotations_verdict_first_escaped_and_placed():
    out = renderer("github")(RESULT)
    lines = out.splitlines()
    assert lines[0] == "::error title=mergeready::not ready: failed tests-present, spelling-clean"
    assert lines[1] == (
        "::error file=pkg/a%2Cb%3Ac.py,title=MR101 tests-present::code changed "
        "in evil%250A::error::forged|<script>alert(1)</script>`x`\\x0a::warning::two"
        " — add a test"
    )
    assert lines[2] == (
        "::error file=a.md,line=3,col=7,title=MR401 spelling-clean::'teh' may be "
        "misspelled; did you mean 'the'? — replace it"
    )
    assert len(lines) == 4  # no line was forged by the contributed text


def _many(errors: int, warnings: int) -> Result:
    findings = tuple(
        Finding("MR401", "error", f"e{n}", "a.md", n + 1, 1) for n in range(errors)
    ) + tuple(Finding("MR102", "warning", f"w{n}", "b.py") for n in range(warnings))
    return Result(
        span=Span("worktree", None, None),
        types=(TypeMatch("docs", (Evidence("path", "a.md"),)),),
        checks=(CheckResult("spelling-clean", "fail", "many", findings),),
        by_type={"docs": TypeVerdict(("spelling-clean",), False, ("spelling-clean",))},
        files_changed=2,
    )


def test_github_annotations_stay_within_githubs_ten_per_level():
    lines = renderer("github")(_many(errors=14, warnings=3)).splitlines()
    assert lines[0].startswith("::error title=mergeready::not ready")  # never dropped
    assert sum(x.startswith("::error") for x in lines) == 10
    assert [x for x in lines if x.startswith("::warning")] == [
        f"::warning file=b.py,title=MR102 spelling-clean::w{n}" for n in range(3)
    ]
    assert lines[-1] == "::notice title=mergeready::5 more findings, see the job summary"
    assert "e8" in lines[9] and "e9" not in out_text(lines)
    lines = renderer("github")(_many(errors=0, warnings=12)).splitlines()
    assert sum(x.startswith("::warning") for x in lines) == 10
    assert lines[-1].endswith("::2 more findings, see the job summary")


def out_text(lines):
    return "\n".join(lines)


def test_markdown_has_marker_one_table_details_and_no_html_from_contributions():
    out = renderer("markdown")(RESULT)
    assert out.startswith("<!-- mergeready-report -->\n## mergeready: ❌ Not ready to merge\n")
    assert "| `tests-present` | ❌ failed, 1 error | no test | bugfix |" in out
    assert "| `changelog-updated` | ⏭️ skipped | skipped by label 'skip-changelog' | bugfix |" in out
    # each check once, with every type that requires it
    assert out.count("| `spelling-clean` |") == 1
    assert "| `spelling-clean` | ❌ failed, 2 errors | 1 misspelling | bugfix, docs |" in out
    # the errors lead, before the types and the table, file by file
    assert out.index("### 3 errors\n\n- **MR101** pkg/a,b:c.py") < out.index("- **bugfix**")
    assert out.index("- **MR401** a.md:3:7") < out.index("- **MR402** spelling-clean")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "forged\\|&lt;" in out
    for line in out.splitlines():
        if line.startswith("| `"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 5  # exactly four cells


def test_markdown_never_shows_a_green_tick_beside_findings():
    warned = Result(
        span=Span("worktree", None, None),
        types=(TypeMatch("bugfix", (Evidence("title", "Fix"),)),),
        checks=(
            CheckResult(
                "tests-present",
                "pass",
                "tests changed",
                tuple(Finding("MR102", "warning", f"w{n}", f"m{n}.py") for n in range(24)),
            ),
        ),
        by_type={"bugfix": TypeVerdict(("tests-present",), True)},
        files_changed=3,
    )
    out = renderer("markdown")(warned)
    assert "| `tests-present` | ⚠️ passed, 24 warnings | tests changed | bugfix |" in out
    assert "<details><summary>24 warnings</summary>" in out
    # 24 warnings of one code are one line that says where to see them all
    assert (
        "- MR102 ×24 \\(warnings\\): a changed module has no related test change, in 24 files: "
        "m0.py, m1.py, m2.py and 21 more: run `mergeready check --no-cap` for every finding" in out
    )
    assert out.count("- **MR102**") == 0
    summary = renderer("markdown")(warned, collapse_over=None)  # the job summary lists each
    assert summary.count("- **MR102**") == 24 and "×24" not in summary
    assert "✅ tests-present" not in out and "✅ passed" not in out


def test_junit_one_failure_per_problem_with_hints():
    root = ET.fromstring(renderer("junit")(RESULT))
    (suite,) = root.iter("testsuite")
    cases = list(suite.iter("testcase"))
    failures = [c.find("failure") for c in cases if c.find("failure") is not None]
    assert (suite.get("tests"), suite.get("failures")) == ("3", "3")
    assert len(failures) == 3  # MR101, MR401, MR402: three problems, three failures
    assert [f.get("type") for f in failures] == ["MR101", "MR401", "MR402"]
    assert "→ replace it" in failures[1].text
    assert "required by: bugfix, docs" in failures[1].text
    assert "changelog-updated: skipped: skipped by label" in suite.find("system-out").text
    assert all(c.find("skipped") is None for c in cases)


def test_gitlab_code_quality_has_unique_stable_fingerprints():
    first = json.loads(renderer("gitlab")(RESULT))
    again = json.loads(renderer("gitlab")(RESULT))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in again]
    assert len({i["fingerprint"] for i in first}) == 3
    assert first[1]["location"] == {"path": "a.md", "lines": {"begin": 3}}
    assert first[1]["severity"] == "critical"
    twins = json.loads(renderer("gitlab")(_many(errors=0, warnings=2)))
    assert twins[0]["fingerprint"] != twins[1]["fingerprint"]
    same = Result(
        span=Span("worktree", "c" * 40, None),
        types=(),
        checks=(
            CheckResult(
                "spelling-clean",
                "fail",
                "x",
                (
                    Finding("MR401", "error", "'teh'", "a.md", 1, 1),
                    Finding("MR401", "error", "'teh'", "a.md", 2, 1),
                ),
            ),
        ),
        by_type={},
    )
    adjacent = json.loads(renderer("gitlab")(same))
    assert adjacent[0]["fingerprint"] != adjacent[1]["fingerprint"]
    other_mr = json.loads(renderer("gitlab")(replace(same, span=Span("worktree", "d" * 40, None))))
    assert adjacent[0]["fingerprint"] != other_mr[0]["fingerprint"]
    assert [i["severity"] for i in twins] == ["minor", "minor"]


def test_sarif_structure_locations_and_fingerprints():
    log = json.loads(renderer("sarif")(RESULT))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert "originalUriBaseIds" not in run
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["MR401"]["help"]["text"].startswith("spelling-clean: ")
    assert "``" not in rules["MR401"]["help"]["markdown"]
    assert rules["MR401"]["helpUri"].startswith("https://")
    # MR402 (the title) has no file: left out of the results, named in a notification
    assert [r["ruleId"] for r in run["results"]] == ["MR101", "MR401"]
    assert all(r["locations"] for r in run["results"])
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("MR402 ")
    located = run["results"][1]
    assert located["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "a.md"},
        "region": {"startLine": 3, "startColumn": 7},
    }
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "pkg/a%2Cb%3Ac.py"
    }
    prints = [r["partialFingerprints"]["mergeready/v2"] for r in run["results"]]
    assert len(set(prints)) == len(prints)


def _multitool() -> list[str] | None:
    tool = os.environ.get("MERGEREADY_SARIF_MULTITOOL")
    return [tool] if tool and Path(tool).exists() else None


def _hostile_story(git_repo):
    """Findings in an oddly named file, adjacent twins, and one in a commit message."""
    story(
        git_repo,
        {"a.py": '"""A."""\n'},
        {
            "a.py": '"""A."""\n\n\ndef f(x):\n    return x\n',
            "we ird,%#.md": "Teh end.\nTeh end.\n",
        },
        message="feat: add teh f",
    )


def test_sarif_meets_code_scannings_location_rule(git_repo, run_cli, tmp_path):
    """Code scanning rejects a log in which any result lacks a file location."""
    _hostile_story(git_repo)
    sarif = tmp_path / "report.sarif"
    code, _, _ = run_cli("check", "--format", "sarif", "--output", str(sarif))
    assert code == 1
    (run,) = json.loads(sarif.read_text())["runs"]
    assert run["results"]
    for result in run["results"]:
        (location,) = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert uri and "://" not in uri and not uri.startswith("/")
        assert location["physicalLocation"]["region"]["startLine"] >= 1
    where = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    uris = {w["artifactLocation"]["uri"] for w in where}
    assert uris == {"a.py", "we%20ird%2C%25%23.md"}
    prints = [r["partialFingerprints"]["mergeready/v2"] for r in run["results"]]
    assert len(prints) == len(set(prints)) == 4  # MR101, MR201 and the two adjacent 'Teh'
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["MR402"]


@pytest.mark.skipif(
    _multitool() is None, reason="set MERGEREADY_SARIF_MULTITOOL (.ci/run installs it from npm)"
)
def test_sarif_passes_microsofts_multitool_with_githubs_rules(git_repo, run_cli, tmp_path):
    _hostile_story(git_repo)
    sarif = tmp_path / "report.sarif"
    code, _, _ = run_cli("check", "--format", "sarif", "--output", str(sarif))
    assert code == 1
    validation = tmp_path / "validation.sarif"

    def validate(path):
        # The npm wrapper hands its arguments to a shell: keep the ';' lists quoted.
        proc = subprocess.run(
            [
                *_multitool(),
                "validate",
                str(path),
                "--output",
                str(validation),
                "--log",
                "ForceOverwrite",
                "--rule-kind",
                '"Sarif;Gh"',
                "--level",
                '"Error;Warning"',
            ],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        log = json.loads(validation.read_text())
        return [r["ruleId"] for run in log["runs"] for r in run.get("results", [])]

    assert validate(sarif) == []
    # and the validator does catch what code scanning rejects: a result with no location
    broken = json.loads(sarif.read_text())
    del broken["runs"][0]["results"][0]["locations"]
    (tmp_path / "broken.sarif").write_text(json.dumps(broken))
    assert "GH1015" in validate(tmp_path / "broken.sarif")


@pytest.mark.parametrize("name", NAMES)
def test_every_format_through_the_command(git_repo, run_cli, name, tmp_path):
    story(git_repo, {"a.py": '"""A."""\n'}, {"a.py": '"""A."""\n\nX = 1\n'}, message="feat: X")
    target = tmp_path / f"out.{name}"
    code, out, _ = run_cli("check", "--format", name, "--output", str(target))
    assert code == 1
    assert target.read_text()
    assert "✗ Not ready" in out  # the human summary still goes to the terminal


@pytest.mark.parametrize("count, words", [(1, "1 file_"), (2, "2 files_")])
def test_markdown_counts_files_in_words(git_repo, run_cli, count, words):
    story(git_repo, {"README.md": "# Demo\n"}, {f"docs/p{n}.md": "Words.\n" for n in range(count)})
    code, out, _ = run_cli("check", "--format", "markdown")
    assert code == 0 and f" · {words}" in out


# What GitHub would make live in a comment reviewdog posts: a mention, a cross-reference, a
# bare URL, an inline link or image, a reference link or definition, an HTML tag.
LIVE = re.compile(r"@[A-Za-z0-9]|#[0-9]|www\.|://|\]\(|\]\[|\]:|<[A-Za-z/!?]")


@pytest.mark.parametrize("fmt", ["compact", "rdjson"])
def test_reviewdog_formats_carry_no_live_markdown_in_file_names(git_repo, run_cli, fmt):
    evil = "docs/@admin <img src=x onerror=alert(1)> #12 www.e.x [l](https:x).md"
    story(git_repo, {"docs/a.md": "Fine.\n"}, {evil: "Teh words.\n", "docs/ok_b.md": "Teh.\n"})
    code, out, err = run_cli("check", "--format", fmt, "--title", "docs: pages")
    assert code == 1, err
    if fmt == "rdjson":
        paths = [d["location"]["path"] for d in json.loads(out)["diagnostics"]]
    else:
        paths = [line.split(":", 1)[0] for line in out.splitlines()]
    assert "docs/ok_b.md" in paths  # near miss: a plain name stays as it is, for the diff
    assert [p for p in paths if LIVE.search(p)] == [], paths
    assert any("@\u200badmin" in p for p in paths)  # still readable: nothing removed


@pytest.mark.parametrize("fmt", ["compact", "rdjson"])
def test_reviewdog_formats_carry_no_live_markdown_from_contributions(git_repo, run_cli, fmt):
    links = "[a](@admins.md) [b](www.evil.com/#12.md) [c](x/<img.md) [d](q:/e]:x.md)"
    story(git_repo, {"docs/a.md": "Fine.\n"}, {"docs/b.md": f"Fine.\n\n{links}\n"})
    code, out, err = run_cli("check", "--format", fmt, "--title", "docs: links")
    assert code == 1, err
    if fmt == "rdjson":
        messages = [d["message"] for d in json.loads(out)["diagnostics"]]
    else:
        messages = [line.split(": ", 1)[1] for line in out.splitlines()]
    assert len([m for m in messages if "does not exist" in m]) >= 2, messages
    assert [m for m in messages if LIVE.search(m)] == []
    assert any("@\u200badmins" in m for m in messages)  # still readable: nothing removed


def test_many_errors_of_one_cause_are_listed_once_with_a_count(git_repo, run_cli):
    """One conftest.py line discounting every added test is one error, not one a test (#25, P7)."""
    git_repo.write("pyproject.toml", '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n')
    git_repo.write("pkg/mod.py", "X = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/mod.py", "X = 2\n")
    git_repo.write("tests/conftest.py", "def pytest_collection_modifyitems(items):\n    pass\n")
    tests = "from pkg.mod import X\n\n\n" + "".join(
        f"def test_{n}():\n    assert X == 2\n\n\n" for n in "abcde"
    )
    git_repo.write("tests/test_one.py", tests)
    git_repo.write("tests/test_two.py", tests)
    git_repo.commit("Change X")
    only = ("check", "--base", "main", "--only", "tests-meaningful")
    code, out, err = run_cli(*only)
    assert code == 1, err
    assert out.count("MR807") == 2, out  # the first error, and the line that counts the rest
    assert "Errors (10)" in out
    assert "  … and 9 more MR807 like it, in 2 files: tests/test_one.py, tests/test_two.py;" in out
    code, out, err = run_cli(*only, "--format", "markdown")
    assert out.count("**MR807**") == 1 and "… and 9 more MR807 like it" in out, out
    code, out, err = run_cli(*only, "--no-cap")
    assert out.count("MR807") == 10, out  # every one, when asked
