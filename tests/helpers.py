"""Helpers the tests share: a real git repository driven by plain git, and report readers."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import pytest
from mergeready.checks.issues.registry import ISSUE_CHECKS
from mergeready.checks.issues.report import IssueReport, Project
from mergeready.checks.issues.templates import Template
from mergeready.checks.model import CheckResult
from mergeready.hooks.notes import CI_VARIABLES

ROOT = Path(__file__).parents[1]


def copy_source_tree(dest: Path) -> Path:
    """Copy this work tree's tracked and unignored files to ``dest``, for a test that builds or
    installs it: a build in the work tree itself would race the tests that read it in parallel.
    """
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / name.decode()
        if source.is_file():
            (dest / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name.decode())
    return dest


# The test files whose tests share one xdist worker (conftest's scheduler, with ``-n``): each
# builds an expensive session fixture once per worker (the pre-commit hook environment, the
# Action's pip install), and runs first, one on each worker, so both workers end together.
ONE_WORKER: Final = ("tests/hooks/test_precommit.py", "tests/hooks/test_action.py")


# The test files with the longest tests (a build, mypy, the self-audit, process pools, fuzzing):
# started early, so that the last tests of a run are short ones that both workers share.
LONG_FIRST: Final = (
    "tests/test_code_quality.py",
    "tests/test_self.py",
    "tests/hooks/test_org.py",
    "tests/test_release.py",
    "tests/test_accuracy_script.py",
    "tests/hooks/test_history.py",
    "tests/hooks/test_history_parallel.py",
    "tests/hooks/test_progress.py",
    "tests/test_fuzz.py",
    "tests/checks/issues/test_issue_fuzz.py",
    "tests/test_bounded_cost.py",
)


def xdist_rank(scope: str) -> int:
    """Where a unit of xdist work goes in the queue: 0 a file of ``ONE_WORKER``, 1 a test of
    ``LONG_FIRST``, 2 the rest.

    Args:
        scope: A unit of work, as ``xdist_scope`` names it.

    Returns:
        The rank; a stable sort by it keeps collection order within each rank.
    """
    path = scope.split("::", 1)[0]
    return 0 if scope in ONE_WORKER else 1 if path in LONG_FIRST else 2


def xdist_scope(nodeid: str) -> str:
    """The unit of work xdist hands one worker: a whole file of ``ONE_WORKER``, else one test.

    Args:
        nodeid: A test's node id, relative to the root (``tests/…/test_x.py::test_y[p]``).

    Returns:
        The file's path for a file of ``ONE_WORKER``, else the node id itself.
    """
    path = nodeid.split("::", 1)[0]
    return path if path in ONE_WORKER else nodeid


def unread_by_git(name: str) -> bool:
    """True for what ``git init`` writes in ``.git`` that git itself never reads."""
    return name in ("description", "branches") or (
        name.startswith("hooks/") and name.endswith(".sample")
    )


_GIT_INIT: dict[int, tuple[tuple[str, bytes | None, int], ...]] = {}


def _git_init_files(beside: Path) -> tuple[tuple[str, bytes | None, int], ...]:
    """What ``git init -q -b main`` writes in ``.git``, as (relative path, content or None for a
    folder, mode), made by git once per process and file system (git probes it: file modes,
    links, case) in a scratch folder in ``beside``, with no outer git state; without what
    git never reads (``unread_by_git``: the sample hooks, gitweb's description, the legacy branches
    folder), since creating and deleting files is much of a test's system time.

    A repository made by copying these is the one ``git init`` makes, for a fraction of the
    CPU: about 2,000 tests build one, and a process start-up is most of what ``git init`` costs.
    """
    device = beside.stat().st_dev
    if device in _GIT_INIT:
        return _GIT_INIT[device]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    with tempfile.TemporaryDirectory(prefix="git-init-", dir=beside) as scratch:
        subprocess.run(["git", "init", "-q", "-b", "main", scratch], env=env, check=True)
        git_dir = Path(scratch) / ".git"
        entries: list[tuple[str, bytes | None, int]] = []
        for folder, folders, files in os.walk(git_dir):
            folders.sort()
            for name in folders:
                path = Path(folder, name)
                if not unread_by_git(path.relative_to(git_dir).as_posix()):
                    entries.append(
                        (path.relative_to(git_dir).as_posix(), None, path.stat().st_mode)
                    )
            for name in sorted(files):
                path = Path(folder, name)
                mode = path.stat().st_mode
                if not unread_by_git(path.relative_to(git_dir).as_posix()):
                    entries.append((path.relative_to(git_dir).as_posix(), path.read_bytes(), mode))
    _GIT_INIT[device] = tuple(entries)
    return _GIT_INIT[device]


# What every test repository's .git/config adds to git init's: no signing, no
# `git maintenance run --auto` process after each commit (a third of a commit's CPU).
REPO_CONFIG: Final = "[commit]\n\tgpgsign = false\n[maintenance]\n\tauto = false\n"


class Repo:
    """A real git repository in a temporary folder, with helpers that read as a story."""

    def __init__(self, path: Path) -> None:
        self.path = path
        git_dir = path / ".git"
        if git_dir.exists():  # a clone, or a repository already there: git re-initialises it
            self.git("init", "-q", "-b", "main")
        else:
            git_dir.mkdir(parents=True)
            for name, content, mode in _git_init_files(path.parent):
                if content is None:
                    (git_dir / name).mkdir(mode & 0o777)
                else:
                    (git_dir / name).write_bytes(content)
                    os.chmod(git_dir / name, mode & 0o777)
        with open(git_dir / "config", "a", encoding="utf-8") as config:
            config.write(REPO_CONFIG)  # as `git config` would, one process less

    def git(self, *args: str) -> str:
        out = subprocess.run(["git", *args], cwd=self.path, check=True, capture_output=True)
        return out.stdout.decode("utf-8", "surrogateescape").strip()

    def write(self, path: str, text: str | bytes) -> Path:
        target = self.path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def commit(self, message: str, *paths: str) -> str:
        self.git("add", "-A", *paths)
        self.git("commit", "-q", "--allow-empty", "--no-gpg-sign", "--no-verify", "-m", message)
        return self.head()

    def head(self) -> str:
        """The sha HEAD names: read from the branch's file that ``git commit`` has just written,
        else (a packed or detached ref, a linked work tree) from ``git rev-parse``."""
        git_dir = self.path / ".git"
        if git_dir.is_dir():
            ref = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
            if ref.startswith("ref: refs/heads/") and (git_dir / ref[5:]).is_file():
                sha = (git_dir / ref[5:]).read_text(encoding="utf-8").strip()
                if len(sha) in (40, 64):
                    return sha
        return self.git("rev-parse", "HEAD")

    def branch(self, name: str) -> None:
        self.git("checkout", "-q", "-b", name)

    def checkout(self, name: str) -> None:
        self.git("checkout", "-q", name)


def isolate_git(patch: pytest.MonkeyPatch, home: Path) -> None:
    """Give git an identity and no outer state (a hook's ``GIT_DIR``, the user's config, a CI
    variable), with mergeready's cache and git's global config under ``home``."""
    for var in (
        "GIT_DIR",
        "GIT_INDEX_FILE",
        "GIT_WORK_TREE",
        "GITHUB_ACTIONS",
        "GITHUB_EVENT_PATH",
        "NO_COLOR",
        "MERGEREADY_CACHE_KEY",
        "FORCE_COLOR",
        "CLICOLOR_FORCE",
        "CI",  # CI runs the suite with CI=true; the tests that need it set it
        *CI_VARIABLES,  # Jenkins, Azure, … (hooks/notes.py)
    ):
        patch.delenv(var, raising=False)
    patch.setenv("GIT_AUTHOR_NAME", "Ada Contributor")
    patch.setenv("GIT_AUTHOR_EMAIL", "ada@example.org")
    patch.setenv("GIT_COMMITTER_NAME", "Ada Contributor")
    patch.setenv("GIT_COMMITTER_EMAIL", "ada@example.org")
    patch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    patch.setenv("MERGEREADY_CACHE_DIR", str(home / "mergeready-cache"))
    patch.setenv("XDG_STATE_HOME", str(home / "state"))  # the cache's key file


def shared_repo(factory: pytest.TempPathFactory, build: Callable[[Repo], object]) -> Repo:
    """Build a repository once, in the environment ``git_repo`` gives, for a module-scoped
    fixture whose tests only read it (each test still takes ``git_env``): the same repository
    built again per row is most of such a table's CPU.

    Args:
        factory: pytest's ``tmp_path_factory``.
        build: Writes and commits the repository's story.

    Returns:
        The repository.
    """
    home = factory.mktemp("shared-repo")
    with pytest.MonkeyPatch.context() as patch:
        isolate_git(patch, home)
        (home / "repo").mkdir()
        repo = Repo(home / "repo")
        build(repo)
    return repo


def statuses(report: dict[str, Any]) -> dict[str, str]:
    """Map check id → status in a JSON report."""
    return {c["id"]: c["status"] for c in report["checks"]}


def codes(report: dict[str, Any]) -> list[str]:
    """All finding codes of a JSON report, in order."""
    return [f["code"] for c in report["checks"] for f in c["findings"]]


def types(report: dict[str, Any]) -> list[str]:
    """The contribution types of a JSON report."""
    return [t["type"] for t in report["types"]]


def story(
    repo: Repo,
    base: Mapping[str, str | bytes],
    head: Mapping[str, str | bytes | None],
    message: str = "change",
) -> None:
    """Commit ``base`` on main, then on branch ``topic`` apply ``head`` (None deletes a file)."""
    for path, text in base.items():
        repo.write(path, text)
    repo.commit("initial")
    repo.branch("topic")
    for path, content in head.items():
        if content is None:
            repo.git("rm", "-q", path)
        else:
            repo.write(path, content)
    repo.commit(message)


def run_check(
    repo: Repo,
    check_id: str,
    options: Any = None,
    contribution_types: Sequence[str] = ("feature",),
    **kwargs: Any,
) -> Any:
    """Run one check's function on main..topic, with the options the policy at main gives it."""
    from mergeready.checks.contribution import Contribution
    from mergeready.checks.registry import CHECKS
    from mergeready.rules.loader import load_policy

    spec = CHECKS[check_id]
    c = Contribution.from_git(repo.path, base="main", **kwargs).with_types(contribution_types)
    try:
        if options is None:
            options = load_policy(c.config_text, where=c.config_source).options[check_id]
        return spec.function(c, options)
    finally:
        c.close()


Row = tuple[str, Mapping[str, str], Mapping[str, Any], str, list[str]]


def two_uses(
    check_id: str,
    cases: Sequence[Row],
    *,
    title: str,
    message: str = "change",
    contribution_types: Sequence[str] = ("feature",),
) -> tuple[Callable[..., None], Callable[..., None]]:
    """Make the two tests one table drives: the check's function, and the command.

    Each row is ``(name, base files, head files, status, expected finding codes)``; the story
    commits the base on main and the head on a branch. Both tests assert the status and the
    codes; the command's test also asserts the exit status the status implies.

    Returns:
        ``(test_check_function, test_through_the_command)``, to assign in the test module.
    """
    table = pytest.mark.parametrize(
        "name, base, head, status, expected", cases, ids=[c[0] for c in cases]
    )

    @table
    def test_check_function(git_repo, name, base, head, status, expected):
        story(git_repo, base, head, message=message)
        result = run_check(git_repo, check_id, contribution_types=contribution_types)
        assert result.status == status, result
        assert [f.code for f in result.findings] == expected

    @table
    def test_through_the_command(git_repo, run_json, name, base, head, status, expected):
        story(git_repo, base, head, message=message)
        code, report = run_json("--only", check_id, "--title", title)
        assert statuses(report) == {check_id: status}
        assert codes(report) == expected
        assert code == (1 if status == "fail" else 0)

    return test_check_function, test_through_the_command


# --- issue checks: one table drives the check's function and `mergeready issue` ---

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
    module = importlib.import_module(spec.module)  # an issue check takes the report
    result: CheckResult = module.check(report, options or spec.options())
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
            "issue",
            "--only",
            check_id,
            "--project",
            project,
            "--title",
            title,
            "--body",
            body,
            "--format",
            "json",
        )
        assert code in (0, 1), err
        report = json.loads(out)
        assert {c["id"]: c["status"] for c in report["checks"]} == {check_id: status}
        assert [f["code"] for c in report["checks"] for f in c["findings"]] == expected
        assert code == (1 if status == "fail" else 0)

    return test_check_function, test_through_the_command


def released_together(count: int, work: Callable[[int], bytes]) -> list[bytes]:
    """Run ``work`` in ``count`` real processes released at the same instant; return what each
    gave. The processes are forked from this one, which has imported mergeready already, so a
    race between first users of a shared folder costs no interpreter start-ups to provoke.

    Args:
        count: How many processes.
        work: What each does once released, given its number (no output of its own: it
            returns bytes).

    Returns:
        Each process's bytes, in order; a process that raised gives ``error: …``.
    """
    start, go = os.pipe()
    children: list[tuple[int, int]] = []
    for number in range(count):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: wait for the start, work, say what happened, leave at once
            code = 1
            try:
                os.close(go)
                os.close(read_end)
                os.read(start, 1)
                try:
                    os.write(write_end, work(number))
                    code = 0
                except BaseException as exc:  # reported to the parent, which asserts
                    os.write(write_end, f"error: {exc!r}".encode())
            finally:
                os._exit(code)
        os.close(write_end)
        children.append((pid, read_end))
    os.close(start)
    os.write(go, b"x" * count)  # every child's byte in one write: all start together
    os.close(go)
    results = []
    for pid, read_end in children:
        with os.fdopen(read_end, "rb") as handle:
            results.append(handle.read())
        os.waitpid(pid, 0)
    return results
