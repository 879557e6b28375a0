"""Issue 22, attack 5: F21 (``baseline`` in CI trusts the checked-out tree) and F20 (a
contribution that changes how mergeready runs). Each row failed before its fix."""

from __future__ import annotations

import pytest
from helpers import story

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
    assert len(err.strip().splitlines()) == 1 and "--base" in err, err
    assert not (git_repo.path / ".mergeready-baseline.json").exists()


def test_baseline_on_the_default_branch_in_ci_still_records(git_repo, run_cli, monkeypatch):
    git_repo.write("src/pkg/core.py", NEW)
    git_repo.commit("initial")
    monkeypatch.setenv("CI", "true")
    code, out, err = run_cli("baseline")
    assert code == 0, err
    assert (git_repo.path / ".mergeready-baseline.json").exists()
