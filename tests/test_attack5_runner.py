"""Issue 22, attack 5: F21 (``baseline`` in CI trusts the checked-out tree) and F20 (a
contribution that changes how mergeready runs). Each row failed before its fix."""

from __future__ import annotations

import json

import pytest
from helpers import codes, story

CORE = '"""Core."""\n\n\ndef add(a, b):\n    """Add."""\n    return a + b\n'
NEW = CORE + "\n\ndef sub(a, b):\n    return a - b\n"


def _detached_without_a_default_branch(repo, head):
    story(repo, {"src/pkg/core.py": CORE, "README.md": "# R\n"}, head, "feat: sub")
    repo.git("checkout", "-q", "--detach", "topic")
    repo.git("branch", "-D", "main", "topic")


@pytest.mark.parametrize(
    ("variable", "head"),
    [
        ("CI", {"src/pkg/core.py": NEW}),
        ("GITHUB_ACTIONS", {"src/pkg/core.py": NEW}),
        ("CI", {"src/pkg/core.py": NEW, ".mergeready.yaml": "ignore:\n  - codes: [MR201]\n"}),
    ],
    ids=["CI", "Actions", "contributed ignore"],
)
def test_baseline_in_ci_without_a_default_branch_exits_2_like_check_all(
    git_repo, run_cli, monkeypatch, variable, head
):
    _detached_without_a_default_branch(git_repo, head)
    monkeypatch.setenv(variable, "true")
    assert run_cli("check", "--all", "--no-cache")[0] == 2  # the sibling it now matches
    code, out, err = run_cli("baseline")
    assert code == 2, (out, err)
    assert len(err.strip().splitlines()) == 1 and "default branch" in err, err
    assert not (git_repo.path / ".mergeready-baseline.json").exists()


def test_baseline_on_the_default_branch_in_ci_still_records(git_repo, run_cli, monkeypatch):
    git_repo.write("src/pkg/core.py", NEW)
    git_repo.commit("initial")
    monkeypatch.setenv("CI", "true")
    code, out, err = run_cli("baseline")
    assert code == 0, err
    assert (git_repo.path / ".mergeready-baseline.json").exists()


PCC = (
    "repos:\n  - repo: https://github.com/mergeready/mergeready\n    rev: v1.0.0\n"
    "    hooks:\n      - id: mergeready-docstrings\n      - id: mergeready-tests\n"
    "  - repo: https://github.com/psf/black\n    rev: 24.1.0\n    hooks:\n      - id: black\n"
)
WF = (
    "name: mergeready\non: [pull_request]\njobs:\n  check:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - uses: actions/checkout@v4\n      - uses: mergeready/mergeready@v1\n"
)
WF_PATH = ".github/workflows/mergeready.yml"
WF_PC = WF + "      - name: pre-commit\n        run: pre-commit run --all-files\n"
PRE_COMMIT = ".pre-commit-config.yaml"
RUNNERS = [
    # (row, head files, the line MR010 names, or None for no finding)
    ("hooks dropped", {PRE_COMMIT: "repos: []\n"}, None),
    ("exclude everything", {PRE_COMMIT: "exclude: '.*'\n" + PCC}, 1),
    (
        "hook moved to manual",
        {
            PRE_COMMIT: PCC.replace(
                "id: mergeready-tests\n", "id: mergeready-tests\n        stages: [manual]\n"
            )
        },
        6,
    ),
    ("hook deleted", {PRE_COMMIT: PCC.replace("      - id: mergeready-tests\n", "")}, None),
    ("config deleted", {PRE_COMMIT: None}, None),
    ("fail false", {WF_PATH: WF + '        with:\n          fail: "false"\n'}, 8),
    ("only one check", {WF_PATH: WF + "        with:\n          only: spelling-clean\n"}, 8),
    ("continue-on-error", {WF_PATH: WF + "        continue-on-error: true\n"}, 8),
    ("job if false", {WF_PATH: WF.replace("  check:\n", "  check:\n    if: false\n")}, 4),
    ("pre-commit.ci skips a hook", {PRE_COMMIT: PCC + "ci:\n  skip: [mergeready-tests]\n"}, 11),
    (
        "pre-commit step SKIP",
        {
            WF_PATH: WF_PC.replace(
                "run: pre-commit", "env:\n          SKIP: mergeready-tests\n        run: pre-commit"
            )
        },
        9,
    ),
    ("step removed", {WF_PATH: WF.replace("      - uses: mergeready/mergeready@v1\n", "")}, None),
    ("workflow deleted", {WF_PATH: None}, None),
]
NOT_A_SWITCH_OFF = [
    ("new mergeready rev", {PRE_COMMIT: PCC.replace("rev: v1.0.0", "rev: v1.1.0")}),
    ("another hook changed", {PRE_COMMIT: PCC.replace("24.1.0", "24.2.0")}),
    ("new Action version", {WF_PATH: WF.replace("mergeready@v1", "mergeready@v2")}),
    ("a step added", {WF_PATH: WF + "      - run: echo done\n"}),
    ("pre-commit step unchanged", {WF_PATH: WF_PC, "README.md": "# R\n\nMore.\n"}),
]


def _runner_story(repo, head):
    workflow = WF_PC if "pre-commit run" in str(head.get(WF_PATH)) else WF  # the SKIP row's
    files = {"README.md": "# R\n", PRE_COMMIT: PCC, WF_PATH: workflow}
    story(repo, files, head, "ci: tidy")


@pytest.mark.parametrize(("row", "head", "line"), RUNNERS, ids=[r[0] for r in RUNNERS])
def test_a_contribution_that_switches_mergeready_off_where_it_runs_is_an_error(
    git_repo, run_cli, row, head, line
):
    _runner_story(git_repo, head)
    code, out, err = run_cli("check", "--base", "main", "--no-cache", "--format", "json")
    assert code == 1, (err, out[:1000])
    found = [
        f
        for c in json.loads(out)["checks"]
        for f in c["findings"]
        if f["code"] == "MR010" and f["severity"] == "error"
    ]
    assert [f["path"] for f in found] and {f["path"] for f in found} <= {PRE_COMMIT, WF_PATH}
    assert found[0].get("line") == line, found


@pytest.mark.parametrize(
    "head", [h for _, h in NOT_A_SWITCH_OFF], ids=[r for r, _ in NOT_A_SWITCH_OFF]
)
def test_a_change_that_leaves_mergeready_running_is_no_finding(git_repo, run_cli, head):
    _runner_story(git_repo, head)
    code, out, err = run_cli("check", "--base", "main", "--no-cache", "--format", "json")
    assert "MR010" not in codes(json.loads(out)), out[:1000]
