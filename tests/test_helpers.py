"""The helpers the tests build on do what plain git does, with fewer processes."""

from __future__ import annotations

import ast
import os
import subprocess
from pathlib import Path

from helpers import LONG_FIRST, ONE_WORKER, Repo, unread_by_git, xdist_rank, xdist_scope


def _tree(git_dir: Path) -> dict[str, tuple[bytes | None, int]]:
    out: dict[str, tuple[bytes | None, int]] = {}
    for folder, folders, files in os.walk(git_dir):
        for name in folders + files:
            path = Path(folder, name)
            content = path.read_bytes() if path.is_file() else None
            out[path.relative_to(git_dir).as_posix()] = (content, path.stat().st_mode)
    return out


def _config(path: Path, key: str = "") -> str:
    args = ["--get", key] if key else ["--list", "--local"]
    return subprocess.run(
        ["git", "config", *args], cwd=path, capture_output=True, text=True
    ).stdout.strip()


def test_a_repo_starts_as_git_init_makes_it(git_repo, tmp_path):
    # Repo copies what ``git init`` wrote once in this process: the same files, bytes and modes.
    plain = tmp_path / "plain"
    plain.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=plain, check=True)
    for key, value in [
        ("commit.gpgsign", "false"),
        ("maintenance.auto", "false"),
    ]:
        subprocess.run(["git", "config", key, value], cwd=plain, check=True)
    expected = {k: v for k, v in _tree(plain / ".git").items() if not unread_by_git(k)}
    made = _tree(git_repo.path / ".git")
    assert made["config"][1] == expected.pop("config")[1] and made.pop("config")
    assert made == expected
    keys = {line.split("=")[0] for line in _config(plain).splitlines()}
    assert len(keys) == 6 and keys == {
        line.split("=")[0] for line in _config(git_repo.path).splitlines()
    }
    for key in keys:  # each as git reads it (the last line that sets it)
        assert _config(git_repo.path, key) == _config(plain, key), key
    assert len(expected) < len(_tree(plain / ".git")) - 10  # the sample hooks are left out
    assert (git_repo.path / ".git" / "hooks").is_dir()  # a folder git writes hooks into
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
    for path in ONE_WORKER + LONG_FIRST:
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


def test_the_work_queue_starts_with_the_one_worker_files_then_the_long_tests():
    precommit, action = ONE_WORKER
    queue = [
        "tests/checks/test_a.py::test_x",
        f"{LONG_FIRST[0]}::test_mypy",
        precommit,
        "tests/checks/test_a.py::test_y",
        action,
        f"{LONG_FIRST[1]}::test_self",
    ]
    assert sorted(queue, key=xdist_rank) == [
        precommit,
        action,
        f"{LONG_FIRST[0]}::test_mypy",
        f"{LONG_FIRST[1]}::test_self",
        "tests/checks/test_a.py::test_x",
        "tests/checks/test_a.py::test_y",
    ]


_ENV_WRITES = ("update", "pop", "setdefault", "clear", "popitem", "__setitem__", "__delitem__")


def _environment_writes(source: str) -> list[int]:
    """The lines of a module that change ``os.environ`` outside monkeypatch."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        targets = []
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _ENV_WRITES:
                targets.append(node.func.value)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            found = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            targets += [t.value for t in found if isinstance(t, ast.Subscript)]
        if any(ast.unparse(t) == "os.environ" for t in targets):
            lines.append(getattr(node, "lineno", 0))
    return sorted(lines)


def test_no_test_changes_the_environment_outside_monkeypatch():
    # test_fuzz.py wrote git's identity into os.environ and never took it back: every test that
    # ran after it on the same worker had an identity whether or not it set one (an order the
    # suite passed in by luck), and the fuzz repositories read the user's git configuration.
    # Seen failing on test_fuzz.py before its module fixture (isolate_git) replaced the writes.
    tests = Path(__file__).parent
    found = {
        path.relative_to(tests).as_posix(): lines
        for path in sorted(tests.rglob("*.py"))
        if (lines := _environment_writes(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_an_environment_write_is_seen_and_a_read_is_not():
    source = (
        "import os\nos.environ.update(A='1')\nos.environ['B'] = '2'\ndel os.environ['B']\n"
        "os.environ.pop('C', None)\nx = os.environ.get('D')\ny = os.environ['E']\n"
    )
    assert _environment_writes(source) == [2, 3, 4, 5]
