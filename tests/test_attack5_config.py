"""Issue 22, attack 5: a configuration file mergeready cannot read is an error, never "absent".

F6/N3: every file the rules loader reads at the base (and the issue forms, the pull request
templates, the baseline) is configuration. In a contribution, one that holds a NUL byte or is
larger than any configuration is read is an MR010 error on that file (once merged it would stop
every later run or be dropped); at the base it is one line on stderr and exit 2, never the
shipped profile in its place. F27: an issue form the base has but cannot read stops ``issue``.
Each row failed before its fix (the base rows were read as if the file were absent or valid;
the contribution rows were Ready with at most an MR403 "not checked" warning).
"""

from __future__ import annotations

import json

import pytest
from helpers import codes, story

NUL = "# \x00 a comment\n"
README = {"README.md": "# R\n"}
FORM = (
    "name: Bug report\ndescription: Report a bug\nlabels: [bug]\nbody:\n"
    "  - type: textarea\n    id: repro\n    attributes:\n      label: Reproduction\n"
    "    validations:\n      required: true\n"
)
TEMPLATE = ".github/ISSUE_TEMPLATE/bug_report.yml"

# (path, valid text): every file `mergeready rules` lists among the files it may read
CONFIGURATION = [
    (".mergeready.yaml", "profile: default\n"),
    ("pyproject.toml", '[project]\nname = "p"\n'),
    (".codespellrc", "[codespell]\nignore-words-list = teh\n"),
    ("setup.cfg", "[codespell]\nignore-words-list = teh\n"),
    ("tox.ini", "[pydocstyle]\nconvention = google\n"),
    (".pydocstyle", "[pydocstyle]\nconvention = google\n"),
    (".pre-commit-config.yaml", "repos: []\n"),
    (".gitattributes", "*.py text\n"),
    (".flake8", "[flake8]\nmax-line-length = 99\n"),
    ("ruff.toml", "line-length = 99\n"),
    ("towncrier.toml", "[tool.towncrier]\ndirectory = 'changes'\n"),
    ("pytest.ini", "[pytest]\ntestpaths = tests\n"),
]
IDS = [path for path, _ in CONFIGURATION]


@pytest.mark.parametrize(("path", "text"), CONFIGURATION, ids=IDS)
def test_a_contributed_configuration_file_with_a_nul_byte_is_an_error(
    git_repo, run_cli, path, text
):
    story(git_repo, {**README, path: text}, {path: text + NUL}, "chore: tidy configuration")
    code, out, err = run_cli("check", "--base", "main", "--format", "json")  # cached: re-read
    report = json.loads(out)
    assert code == 1, (err, out[:800])
    mr010 = [f for c in report["checks"] for f in c["findings"] if f["code"] == "MR010"]
    assert any(f["path"] == path and f["severity"] == "error" for f in mr010), mr010


@pytest.mark.parametrize(
    ("path", "head"),
    [
        (TEMPLATE, FORM + "# pad\n" * 12_000),  # past the 65,536 characters a template is read to
        (TEMPLATE, FORM + NUL),
        (".github/pull_request_template.md", "## What\n\n" + NUL),
        (".mergeready-baseline.json", '{"findings": []}\n' + NUL),
    ],
    ids=["issue form padded", "issue form NUL", "pull request template NUL", "baseline NUL"],
)
def test_a_contributed_template_or_baseline_that_cannot_be_read_is_an_error(
    git_repo, run_cli, path, head
):
    story(git_repo, README, {path: head}, "chore: tidy templates")
    code, out, err = run_cli("check", "--base", "main", "--format", "json")  # cached: re-read
    assert code == 1, (err, out[:800])
    assert "MR010" in codes(json.loads(out))


def test_a_contributed_configuration_file_past_the_read_limit_is_an_error(
    git_repo, run_cli, monkeypatch
):
    # the limit is 8 MB; lowered here so that the row stays cheap (the same code path)
    monkeypatch.setattr("mergeready.checks.contribution.head.MAX_CONFIG", 1000)
    story(git_repo, {**README, "tox.ini": "[tox]\n"}, {"tox.ini": "[tox]\n" + "# pad\n" * 400})
    code, out, err = run_cli("check", "--base", "main", "--format", "json")  # cached: re-read
    assert code == 1, (err, out[:800])
    assert "MR010" in codes(json.loads(out))


@pytest.mark.parametrize(("path", "text"), CONFIGURATION, ids=IDS)
@pytest.mark.parametrize("command", ["check", "rules"])
def test_a_base_configuration_file_with_a_nul_byte_stops_the_run(
    git_repo, run_cli, path, text, command
):
    story(git_repo, {**README, path: text + NUL}, {"README.md": "# R\n\nMore.\n"}, "docs: more")
    code, out, err = run_cli(command, "--base", "main", *(["--no-cache"] * (command == "check")))
    assert code == 2, (out[:800], err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and path in lines[0] and "NUL" in lines[0], err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "form",
    [FORM + "# pad\n" * 12_000, FORM + NUL, (FORM + "# caf\xe9\n").encode("latin-1")],
    ids=["padded", "NUL byte", "not UTF-8"],
)
def test_an_issue_form_the_base_cannot_read_stops_issue(git_repo, run_cli, form):
    story(git_repo, {**README, TEMPLATE: form}, {})
    body = "### Reproduction\n\n_No response_\n"
    code, out, err = run_cli("issue", "--title", "Crash in load", "--body", body, "--label", "bug")
    assert code == 2, (out[:800], err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and TEMPLATE in lines[0], err


@pytest.mark.parametrize("path", ["CHANGELOG.md", "CHANGES.rst", "NEWS"])
def test_a_base_changelog_with_a_nul_byte_is_prose_not_configuration(git_repo, run_cli, path):
    """The changelog the loader reads is no configuration: a NUL byte in it is read as a space.

    Found by the fuzz test (round 6): a base ``CHANGELOG.md`` with a NUL byte stopped every cached
    run with "cannot be read as configuration" (exit 2: the cache re-reads every file the policy
    read), a message about a file that configures nothing; the three rows failed before. Near
    miss: a configuration file's NUL byte still stops the run (the test above).
    """
    story(
        git_repo,
        {**README, "pkg/m.py": "def f(x):\n    return x\n", path: "Unreleased\n\n\x00\n"},
        {"pkg/m.py": "def f(x):\n    return x + 1\n"},
        "Fix f",
    )
    code, out, err = run_cli("check", "--base", "main", "--format", "json")  # cached: re-read
    assert code in (0, 1), err
    assert json.loads(out)["checks"], out
