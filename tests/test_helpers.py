"""The helpers the tests build on do what plain git does, with fewer processes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import ONE_WORKER, Repo, xdist_scope


def _tree(git_dir: Path) -> dict[str, tuple[bytes | None, int]]:
    out: dict[str, tuple[bytes | None, int]] = {}
    for folder, folders, files in os.walk(git_dir):
        for name in folders + files:
            path = Path(folder, name)
            content = path.read_bytes() if path.is_file() else None
            out[path.relative_to(git_dir).as_posix()] = (content, path.stat().st_mode)
    return out


def test_a_repo_starts_as_git_init_makes_it(git_repo, tmp_path):
    # Repo copies what ``git init`` wrote once in this process: the same files, bytes and modes.
    plain = tmp_path / "plain"
    plain.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=plain, check=True)
    subprocess.run(["git", "config", "commit.gpgsign", "false"], cwd=plain, check=True)
    subprocess.run(["git", "config", "maintenance.auto", "false"], cwd=plain, check=True)
    assert _tree(git_repo.path / ".git") == _tree(plain / ".git")
    assert git_repo.git("rev-parse", "--is-inside-work-tree") == "true"
    assert git_repo.git("symbolic-ref", "HEAD") == "refs/heads/main"


def test_commit_returns_the_sha_git_gives(git_repo):
    git_repo.write("a.txt", "a\n")
    first = git_repo.commit("first")
    git_repo.branch("topic")
    second = git_repo.commit("second")
    assert first == git_repo.git("rev-parse", "main") != second
    assert second == git_repo.git("rev-parse", "HEAD")
    git_repo.git("pack-refs", "--all")  # a packed ref: read through git
    git_repo.git("checkout", "-q", "--detach", "main")  # a detached HEAD too
    assert git_repo.head() == first


def test_a_repository_already_there_is_reinitialised_not_overwritten(git_repo, tmp_path):
    git_repo.write("a.txt", "a\n")
    sha = git_repo.commit("first")
    again = Repo(git_repo.path)
    assert again.git("rev-parse", "HEAD") == sha


def test_each_one_worker_file_is_one_unit_of_xdist_work_and_other_tests_are_their_own():
    # conftest's scheduler hands xdist_scope's units to the workers: a file of ONE_WORKER whole
    precommit, action = ONE_WORKER
    assert {xdist_scope(f"{precommit}::test_a[x]"), xdist_scope(f"{precommit}::test_b")} == {
        precommit
    }
    assert xdist_scope(f"{action}::test_a") == action != precommit
    for path in ONE_WORKER:
        assert (Path(__file__).parent.parent / path).is_file(), path  # no stale name
    other = "tests/test_self.py::test_a"
    assert xdist_scope(other) == other != xdist_scope("tests/test_self.py::test_b")
    assert xdist_scope("tests/hooks/test_precommit_x.py::t") == "tests/hooks/test_precommit_x.py::t"


def test_a_commit_starts_no_maintenance_process(git_repo, tmp_path):
    # REPO_CONFIG's maintenance.auto: git commit would start `git maintenance run --auto`
    trace = tmp_path / "trace"
    git_repo.write("a.txt", "a\n")
    git_repo.git("add", "-A")
    env = {**os.environ, "GIT_TRACE": str(trace)}
    subprocess.run(["git", "commit", "-q", "-m", "a"], cwd=git_repo.path, env=env, check=True)
    assert "git commit" in trace.read_text() and "maintenance" not in trace.read_text()
