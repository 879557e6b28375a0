"""``mergeready issue``: where the report comes from, every format, the Actions event, bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

SCHEMA = json.loads((Path(__file__).parents[1] / "report.schema.json").read_text())
GOOD = (
    "`clip(-1)` returns -1, but the documentation says it returns 0.\n\n"
    "```python\nimport proj\nprint(proj.clip(-1))\n```\n\nproj 1.2.0 on Linux\n"
)


@pytest.fixture
def project(git_repo):
    git_repo.write("pyproject.toml", '[project]\nname = "proj"\nversion = "1.3.0.dev0"\n')
    git_repo.commit("initial")
    git_repo.git("tag", "v1.2.0")
    return git_repo


def test_ready_report_exits_0_in_every_format(project, run_cli):
    for fmt in ("text", "json", "markdown", "github"):
        code, out, err = run_cli(
            "issue", "--title", "clip returns negatives", "--body", GOOD, "--format", fmt
        )
        assert code == 0, (fmt, out, err)
    code, out, _ = run_cli(
        "issue", "--title", "clip returns negatives", "--body", GOOD, "--format", "json"
    )
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert report["passed"] is True and report["types"][0]["type"] == "bug"


def test_waiting_report_exits_1_and_says_what_it_needs(project, run_cli):
    body = "clip does not work with negative numbers, my code: ![shot](https://example.org/a.png)"
    code, out, _ = run_cli("issue", "--title", "ValueError", "--body", body, "--format", "json")
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert code == 1 and report["passed"] is False
    code, out, _ = run_cli("issue", "--title", "clip fails", "--body", "it breaks")
    assert code == 1
    assert out.rstrip().endswith("✗ The report waits on its author: template-filled.")
    code, out, _ = run_cli(
        "issue", "--title", "clip fails", "--body", "it breaks", "--format", "markdown"
    )
    assert out.startswith(
        "<!-- mergeready-report -->\n## mergeready: ❌ waits on its author: template-filled"
    )
    code, out, _ = run_cli(
        "issue", "--title", "clip fails", "--body", "it breaks", "--format", "github"
    )
    assert out.startswith("::error title=mergeready::the issue report waits on its author")


def test_body_from_a_file_and_from_stdin(project, run_cli, monkeypatch, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(GOOD)
    assert run_cli("issue", "--title", "clip returns negatives", "--body-file", str(draft))[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD))
    assert run_cli("issue", "--title", "clip returns negatives")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD))
    assert run_cli("issue", "--title", "clip returns negatives", "--body-file", "-")[0] == 0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--body-file", "missing.md"], "--body-file missing.md: No such file or directory"),
        (["--body", "x", "--body-file", "y"], "not allowed with argument"),
        (["--only", "reproductoin"], "did you mean 'reproduction'"),
        (["--format", "sarif"], "invalid choice"),
        (["--profile", "nope"], "unknown profile 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(project, run_cli, argv, message):
    body = [] if any(a.startswith("--body") for a in argv) else ["--body", "b"]
    code, out, err = run_cli("issue", "--title", "t", *body, *argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_no_report_at_all_is_exit_2(project, run_cli, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    code, _, err = run_cli("issue")
    assert code == 2 and "no report to judge" in err


def test_the_body_is_capped_and_the_cut_is_said(project, run_cli):
    body = GOOD + "x " * 40_000
    code, _, err = run_cli("issue", "--title", "clip returns negatives", "--body", body)
    assert code == 0
    assert "only the first 65536 are judged" in err


def test_outside_a_repository_the_shipped_profile_judges(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, _, err = run_cli("issue", "--title", "clip returns negatives", "--body", GOOD)
    assert code == 0 and "not a git repository" in err


def test_issue_types_policy_from_the_default_branch(project, run_cli):
    project.write(
        ".mergeready.yaml",
        "issue-types:\n  question:\n    require: [private-data, reproduction]\n"
        "    labels: [support]\n",
    )
    project.commit("policy")
    args = (
        "issue",
        "--title",
        "How do I clip ints",
        "--label",
        "support",
        "--body",
        "How?",
        "--format",
        "json",
    )
    code, out, _ = run_cli(*args)
    report = json.loads(out)
    assert report["types"] == [{"type": "question", "evidence": ["label: support"]}]
    assert report["by_type"]["question"]["required"] == ["reproduction", "private-data"]
    project.write(".mergeready.yaml", "issue-types:\n  questoin: {}\n")
    project.commit("typo")
    code, out, err = run_cli(*args)
    assert (
        code == 2 and "unknown report type 'issue-types.questoin'; did you mean 'question'" in err
    )


def test_rules_shows_the_issue_policy(project, run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0
    assert (
        "issue-types.crash.require: [template-filled, reproduction, versions, traceback-complete"
        in out
    )


def _event(tmp_path, action="opened", title="clip returns negatives", body=GOOD, labels=()):
    path = tmp_path / "event.json"
    issue = {"number": 3, "title": title, "body": body, "labels": [{"name": n} for n in labels]}
    path.write_text(json.dumps({"action": action, "issue": issue}))
    return path


def test_the_issues_event_in_actions(project, run_cli, monkeypatch, tmp_path):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "issues")
    monkeypatch.setenv("GITHUB_OUTPUT", str(tmp_path / "out.txt"))
    monkeypatch.setenv("MERGEREADY_COMMENT_FILE", str(tmp_path / "comment.md"))
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(_event(tmp_path)))
    assert run_cli("issue")[0] == 0
    assert "passed=true" in (tmp_path / "out.txt").read_text()
    monkeypatch.setenv(
        "GITHUB_EVENT_PATH", str(_event(tmp_path, action="edited", body="it breaks"))
    )
    assert run_cli("issue")[0] == 1
    comment = (tmp_path / "comment.md").read_text()
    assert comment.startswith("<!-- mergeready-report -->\n## mergeready: ❌ waits on its author")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(_event(tmp_path, action="closed")))
    code, out, err = run_cli("issue")
    assert code == 0 and out == "" and "'closed'" in err


def test_report_text_is_never_rendered_live(project, run_cli):
    title = "<img src=x onerror=alert(1)> @maintainers [click](https://evil.example) ::error::x"
    body = "ghp_" + "a" * 36 + "\n<script>alert(1)</script>"
    _, out, _ = run_cli("issue", "--title", title, "--body", body, "--format", "markdown")
    assert "<img" not in out and "<script>" not in out and "](https://evil" not in out
    assert "@maintainers" not in out and "@&#8203;maintainers" in out
    _, out, _ = run_cli("issue", "--title", title, "--body", body, "--format", "github")
    assert all(not line.startswith("::error::") for line in out.splitlines())
    assert "ghp_" not in out


def test_the_readme_report_before_and_after(tmp_path, run_cli, monkeypatch):
    """The README's before/after: its files, its commands, its output, exactly as written."""
    import re
    import shlex

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    examples = re.findall(
        r"<!-- issue-example: (\S+) -->\n(`{3,})markdown\n(.*?)\n\2\n", readme, re.S
    )
    assert [name for name, _, _ in examples] == ["before.md", "after.md"]
    for name, _, text in examples:
        (tmp_path / name).write_text(text + "\n")
    monkeypatch.chdir(tmp_path)  # a reporter's draft, outside any repository
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for which, status in (("before", 1), ("after", 0)):
        command = re.search(rf"<!-- issue-command: {which} -->\n```sh\n(.*?)\n```", readme, re.S)
        # the block ends at a fence alone on its line: a stray "```python …" line is output too
        expected = re.search(
            rf"<!-- issue-output: {which} -->\n```text\n(.*?\n)```\n", readme, re.S
        )
        argv = shlex.split(command.group(1))
        assert argv[:2] == ["mergeready", "issue"]
        code, out, _ = run_cli(*argv[1:])
        assert (code, out) == (status, expected.group(1))


def test_an_issue_check_option_is_validated_like_the_others(project, run_cli):
    project.write(".mergeready.yaml", "checks:\n  versions: {missing: eror}\n")
    project.commit("typo")
    code, out, err = run_cli("issue", "--title", "t", "--body", GOOD)
    assert code == 2 and out == ""
    assert "checks.versions.missing has unknown value 'eror'; did you mean 'error'?" in err
    code, _, err = run_cli("rules")
    assert code == 2 and "checks.versions.missing" in err


def test_every_format_renders_an_issue_report():
    """The Action may ask any format of an issue's result (its sarif-file input, say)."""
    from mergeready.checks.issues.report import IssueReport
    from mergeready.checks.issues.runner import evaluate
    from mergeready.hooks.formats import NAMES, renderer
    from mergeready.rules.loader import load

    result = evaluate(IssueReport.of("ValueError", "![code](https://x.org/a.png)"), load())
    assert not result.passed
    for name in NAMES:
        assert "IR206" in renderer(name)(result), name


TOKEN = "ghp_" + "1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ12"
LEAKY = (
    "### Describe the bug\n\nclip fails.\n\n### To reproduce\n\n```python\n"
    f"import {TOKEN}\nfrom pkg.core import clip\nclient = connect({TOKEN})\nprint(clip(-1, 0, 3))\n"
    "```\n\n### Error\n\n```\nTraceback (most recent call last):\n"
    f'  File "/usr/lib/python3/site-packages/{TOKEN}/api.py", line 1, in connect\n'
    "ValueError: bad token\n```\n\n### Versions\n\npkg 1.0.0, Python 3.11, Ubuntu 22.04\n"
)


VENDOR = "shpat_" + "a1B2c3D4e5F6a7B8c9D0e1F2a3B4c5D6"


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "json"])
@pytest.mark.parametrize("token", [TOKEN, VENDOR], ids=["github", "vendor-prefixed"])
def test_no_hint_repeats_a_token_the_report_leaks(project, run_cli, fmt, token):
    """Attack 6's F23: IR308 named the package a traceback comes from as pip writes it
    (``pip show ghp-1a2b…``: ``_`` made ``-``), past the masking of the exact token, and a
    vendor-prefixed token found by its shape was never masked at all; both rows failed first."""
    body = LEAKY.replace(TOKEN, token)
    code, out, err = run_cli("issue", "--title", "clip crash", "--body", body, "--format", fmt)
    assert code == 1, (out, err)
    for part in (token[6:22], token[6:22].lower(), token.replace("_", "-")[6:22]):
        assert part not in out and part not in err, (part, out)
