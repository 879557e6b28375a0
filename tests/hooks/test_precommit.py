"""The pre-commit hooks, driven through the real pre-commit (validate-manifest, run).

Every hook test runs ``pre-commit run`` on its own repository with one shared configuration: a
committed copy of this tree at a fixed rev, whose environment is installed once per session in
one pre-commit home (``try-repo`` would build a fresh virtualenv for every call).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import Repo, copy_source_tree, story
from mergeready.hooks.precommit import arguments

# One worker runs this module (helpers.ONE_WORKER): the hook environment is installed once, and
# no other worker waits on its lock meanwhile (the module is scheduled first).

ROOT = Path(__file__).parents[2]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


@pytest.mark.parametrize(
    "verb, path",
    [
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ],
)
def test_manifest_and_own_config_are_valid(verb, path):
    proc = subprocess.run([*PRE_COMMIT, verb, str(ROOT / path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


STAGED = frozenset({"a.md"})


@pytest.mark.parametrize(
    "argv, environ, expected",
    [
        (  # commit time: the files passed are staged
            ["staged", "--only", "spelling-clean", "--", "a.md"],
            {},
            ["check", "--format", "compact", "--only", "spelling-clean", "--staged", "--", "a.md"],
        ),
        (  # --all-files / --files: a file that is not staged makes it a whole-file audit
            ["staged", "--only", "spelling-clean", "--", "a.md", "b.md"],
            {},
            [
                "check",
                "--format",
                "compact",
                "--only",
                "spelling-clean",
                "--all",
                "--",
                "a.md",
                "b.md",
            ],
        ),
        (  # --from-ref/--to-ref: the range, on the files passed
            ["staged", "--", "a.md"],
            {"PRE_COMMIT_FROM_REF": "abc", "PRE_COMMIT_TO_REF": "def"},
            ["check", "--format", "compact", "--base", "abc", "--head", "def", "--", "a.md"],
        ),
        (  # names that look like options stay file names
            ["staged", "--", "-h", "--output=README.md"],
            {},
            ["check", "--format", "compact", "--all", "--", "-h", "--output=README.md"],
        ),
        (
            ["push"],
            {"PRE_COMMIT_FROM_REF": "abc", "PRE_COMMIT_TO_REF": "def"},
            ["check", "--format", "compact", "--base", "abc", "--head", "def"],
        ),
        (
            ["push"],
            {"PRE_COMMIT_FROM_REF": "0" * 40, "PRE_COMMIT_TO_REF": "def"},
            ["check", "--format", "compact"],
        ),
    ],
)
def test_hook_arguments(argv, environ, expected):
    assert arguments(argv, environ, STAGED) == expected


def _shared_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's temporary folder that every xdist worker shares (its own when alone)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _commit_copy_of_this_tree(path: Path) -> str:
    """Commit the tracked and unignored files of this work tree into ``path``; return the sha."""
    copy_source_tree(path)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", "--no-gpg-sign", "-m", "hooks"],
        ["rev-parse", "HEAD"],
    ):
        proc = subprocess.run(["git", *args], cwd=path, check=True, env=env, capture_output=True)
    return proc.stdout.decode().strip()


@pytest.fixture(scope="session")
def hook_environment(tmp_path_factory) -> tuple[Path, Path]:
    """One pre-commit home, one config naming a committed copy of this tree at a fixed rev, and
    the hooks' environment installed once for the whole session, whichever worker asks first.

    Returns:
        ``(config, home)``: the ``.pre-commit-config.yaml`` to run and the ``PRE_COMMIT_HOME``.
    """
    from filelock import FileLock

    shared = _shared_temp(tmp_path_factory) / "pre-commit"
    shared.mkdir(exist_ok=True)
    config, home, ready = shared / "config.yaml", shared / "home", shared / "ready"
    with FileLock(str(shared / "lock")):
        if not ready.exists():
            repo = shared / "hook-repo"
            repo.mkdir()
            rev = _commit_copy_of_this_tree(repo)
            manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
            hooks = [{"id": hook["id"]} for hook in manifest]
            config.write_text(
                yaml.safe_dump({"repos": [{"repo": str(repo), "rev": rev, "hooks": hooks}]})
            )
            proc = subprocess.run(
                [*PRE_COMMIT, "install-hooks", "--config", str(config)],
                cwd=repo,
                env={**os.environ, "PRE_COMMIT_HOME": str(home)},
                capture_output=True,
                text=True,
            )
            assert proc.returncode == 0, proc.stdout + proc.stderr
            ready.touch()
    return config, home


@pytest.fixture
def run_hook(hook_environment, git_repo, monkeypatch):
    """Run one hook of this tree with ``pre-commit run`` in the test's repository."""
    config, home = hook_environment
    monkeypatch.setenv("PRE_COMMIT_HOME", str(home))
    monkeypatch.delenv("PRE_COMMIT_FROM_REF", raising=False)

    def run(hook: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*PRE_COMMIT, "run", "--config", str(config), hook, *args],
            cwd=git_repo.path,
            capture_output=True,
            text=True,
        )

    return run


@pytest.mark.slow
def test_docstrings_hook_on_the_staged_change(git_repo: Repo, run_hook):
    git_repo.write("mod.py", '"""Mod."""\n')
    git_repo.commit("initial")
    git_repo.write("mod.py", '"""Mod."""\n\n\ndef clip(value, low):\n    """Clip."""\n')
    git_repo.git("add", "mod.py")
    proc = run_hook("mergeready-docstrings")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "mod.py:4:1: MR202 `clip` does not document `value`, `low`" in proc.stdout
    git_repo.write(
        "mod.py",
        '"""Mod."""\n\n\ndef clip(value, low):\n    """Clip.\n\n'
        '    Args:\n        value: V.\n        low: L.\n    """\n',
    )
    git_repo.git("add", "mod.py")
    proc = run_hook("mergeready-docstrings")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_spelling_hook_names_path_line_and_column(git_repo: Repo, run_hook):
    git_repo.write("README.md", "# Demo\n")
    git_repo.commit("initial")
    git_repo.write("README.md", "# Demo\n\nThe lenght.\n")
    git_repo.git("add", "README.md")
    proc = run_hook("mergeready-spelling")
    assert proc.returncode == 1
    assert "README.md:3:5: MR401 'lenght' may be misspelled; did you mean 'length'?" in proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    "hook, code",
    [("mergeready-changelog", "MR301"), ("mergeready-tests", "MR101"), ("mergeready", "MR301")],
)
def test_pre_push_hooks_check_the_pushed_range(git_repo: Repo, run_hook, hook, code):
    story(
        git_repo,
        {"pkg/mod.py": "X = 1\n", "CHANGELOG.md": "# Changes\n\n## Unreleased\n"},
        {"pkg/mod.py": "X = 2\n"},
        message="Fix X",
    )
    base, head = git_repo.git("rev-parse", "main"), git_repo.git("rev-parse", "HEAD")
    proc = run_hook(hook, "--hook-stage", "pre-push", "--from-ref", base, "--to-ref", head)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert code in proc.stdout
    git_repo.write(
        "tests/test_mod.py", "from pkg.mod import X\n\n\ndef test_x():\n    assert X == 2\n"
    )
    git_repo.write("CHANGELOG.md", "# Changes\n\n## Unreleased\n\n- Fix X.\n")
    head = git_repo.commit("Add test and changelog")
    proc = run_hook(hook, "--hook-stage", "pre-push", "--from-ref", base, "--to-ref", head)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "config, said",
    [
        ("profile: keras\n", "no type of this contribution requires it (types: bugfix)"),
        ("profile: default\n", "no changelog mechanism found at the base"),
    ],
    ids=["required by no type", "no changelog at the base"],
)
def test_the_changelog_hook_says_when_it_judged_nothing(git_repo: Repo, run_hook, config, said):
    """pre-commit says "Passed" for any exit 0: the hook's own line says nothing was judged."""
    story(
        git_repo,
        {"pkg/mod.py": "X = 1\n", ".mergeready.yaml": config},
        {"pkg/mod.py": "X = 2\n"},
        message="Fix X",
    )
    base, head = git_repo.git("rev-parse", "main"), git_repo.git("rev-parse", "HEAD")
    proc = run_hook(
        "mergeready-changelog", "--hook-stage", "pre-push", "--from-ref", base, "--to-ref", head
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"mergeready: changelog-updated not judged: {said}" in proc.stdout, proc.stdout


UNDOCUMENTED = '"""Mod."""\n\n\ndef clip(value, low):\n    return value\n'


@pytest.mark.slow
def test_commit_stage_hooks_audit_whole_files_under_all_files(git_repo: Repo, run_hook):
    git_repo.write("mod.py", UNDOCUMENTED)
    git_repo.write("README.md", "# Demo\n\nThe lenght.\n")
    git_repo.commit("initial")  # committed, nothing staged: what pre-commit.ci sees
    proc = run_hook("mergeready-docstrings", "--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "mod.py:4:1: MR20" in proc.stdout
    proc = run_hook("mergeready-spelling", "--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "README.md:3:5: MR401 'lenght'" in proc.stdout
    proc = run_hook("mergeready-spelling", "--files", "mod.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_commit_stage_hooks_check_the_from_to_range(git_repo: Repo, run_hook):
    git_repo.write("mod.py", UNDOCUMENTED)  # legacy: not the range's business
    base = git_repo.commit("initial")
    git_repo.write("docs.md", "Teh docs.\n")
    git_repo.write("new.py", '"""New."""\n\n\ndef grow(size):\n    return size\n')
    head = git_repo.commit("more")
    for hook, found in (
        ("mergeready-spelling", "docs.md:1:1: MR401"),
        ("mergeready-docstrings", "new.py:4:1: MR20"),
    ):
        proc = run_hook(hook, "--from-ref", base, "--to-ref", head)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert found in proc.stdout
        assert "mod.py" not in proc.stdout
    proc = run_hook("mergeready-docstrings", "--from-ref", head, "--to-ref", head)
    assert proc.returncode == 0, proc.stdout + proc.stderr


LEGACY_AND_CLIP = (
    '"""Mod."""\n\n\nclass Legacy:\n    pass\n\n\n'
    'def clip(value):\n    """Clip.\n\n    Args:\n        value: V.\n\n'
    '    Returns:\n        The value.\n    """\n    return value\n'
)


@pytest.mark.slow
@pytest.mark.parametrize("how", [["-a"], ["--", "mod.py"]])
def test_commit_a_and_commit_path_judge_the_change_against_head(
    hook_environment, git_repo: Repo, monkeypatch, how
):
    """``git commit -a`` / ``git commit <path>`` run the hooks with a temporary index in
    ``GIT_INDEX_FILE``: that index is the change, not a whole-file audit of the files."""
    config, home = hook_environment
    monkeypatch.setenv("PRE_COMMIT_HOME", str(home))
    (shared,) = yaml.safe_load(config.read_text())["repos"]
    git_repo.write(
        ".pre-commit-config.yaml",
        f"repos:\n- repo: {shared['repo']}\n  rev: {shared['rev']}\n"
        "  hooks:\n  - id: mergeready-docstrings\n",
    )
    git_repo.write("mod.py", LEGACY_AND_CLIP)  # Legacy has no docstring: not this change's
    git_repo.commit("initial")
    subprocess.run([*PRE_COMMIT, "install"], cwd=git_repo.path, check=True, capture_output=True)

    def commit(text: str) -> subprocess.CompletedProcess[str]:
        git_repo.write("mod.py", text)
        return subprocess.run(
            ["git", "commit", "-q", "--no-gpg-sign", "-m", "change", *how],
            cwd=git_repo.path,
            capture_output=True,
            text=True,
        )

    proc = commit(LEGACY_AND_CLIP.replace("return value", "return value + 0"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = commit(LEGACY_AND_CLIP + "\n\ndef grow(size):\n    return size\n")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "mod.py:20:1: MR20" in proc.stdout + proc.stderr
    assert "Legacy" not in proc.stdout + proc.stderr


@pytest.mark.slow
def test_file_names_that_look_like_options_are_files(git_repo: Repo, run_hook):
    git_repo.write("README.md", "# Demo\n")
    git_repo.write("--output=README.md", "Fine text.\n")
    git_repo.commit("initial")
    proc = run_hook("mergeready-spelling", "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (git_repo.path / "README.md").read_text() == "# Demo\n"  # not overwritten
    git_repo.write("-h", "Teh help.\n")
    git_repo.write("-h.md", "Teh help.\n")
    git_repo.git("add", "--", "-h", "-h.md")
    proc = run_hook("mergeready-spelling", "--verbose")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "usage:" not in proc.stdout + proc.stderr
    assert "-h.md:1:1: MR401 'Teh'" in proc.stdout


@pytest.mark.slow
def test_fix_hook_runs_on_demand_and_writes_the_fix(git_repo: Repo, run_hook):
    story(
        git_repo,
        {"README.md": "# Demo\n", "CHANGELOG.md": "# Changes\n\n## Unreleased\n\n- Old.\n"},
        {"README.md": "# Demo\n\nThe lenght.\n"},
        message="Describe the demo",
    )
    proc = run_hook("mergeready-fix")  # the manual stage only: a plain run does not fix
    assert "lenght" in (git_repo.path / "README.md").read_text(), proc.stdout
    proc = run_hook("mergeready-fix", "--hook-stage", "manual")
    assert proc.returncode == 1, proc.stdout + proc.stderr  # files were modified by this hook
    assert (git_repo.path / "README.md").read_text() == "# Demo\n\nThe length.\n"


NOTEBOOK = (
    '{"cells": [{"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {}, '
    '"outputs": [], "source": "%s"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
)
CATALOGUE = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "Hello %%(name)s"\nmsgstr "%s"\n'
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "hook, path, good, bad, found",
    [
        (
            "mergeready-docs",
            "docs/guide.md",
            "# Guide\n\n```python\nx = 1\n```\n",
            "# Guide\n\n```python\nx = 1\n",
            "docs/guide.md:3: MR608 code fence is never closed",
        ),
        (
            "mergeready-examples",
            "examples/demo.ipynb",
            NOTEBOOK % "x = 1",
            NOTEBOOK % "x = (",
            "examples/demo.ipynb:1: MR707 cell 1 does not parse",
        ),
        (
            "mergeready-translations",
            "locale/fr/LC_MESSAGES/django.po",
            CATALOGUE % "Bonjour %(name)s",
            CATALOGUE % "Bonjour",
            "locale/fr/LC_MESSAGES/django.po:6: MR501 the msgstr lacks the placeholder %(name)s",
        ),
    ],
)
def test_docs_examples_and_translation_hooks_check_the_files_they_are_given(
    git_repo: Repo, run_hook, hook, path, good, bad, found
):
    git_repo.write("README.md", "# Demo\n")
    git_repo.write(path, good)
    git_repo.commit("initial")
    git_repo.write(path, bad)
    git_repo.write("mod.py", "x = (\n")  # not the hook's kind of file: never passed to it
    git_repo.git("add", "-A")
    proc = run_hook(hook)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert found in proc.stdout
    assert "mod.py" not in proc.stdout
    git_repo.write(path, good)
    git_repo.git("add", "-A")
    proc = run_hook(hook)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    git_repo.write(path, bad)
    git_repo.commit("broken")  # committed, nothing staged: what pre-commit.ci sees
    proc = run_hook(hook, "--all-files")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert found.split(" ", 1)[0] in proc.stdout


MODULE = {
    "pkg/__init__.py": "",
    "pkg/mod.py": "X = 1\n",
    "tests/test_mod.py": "from pkg.mod import X\n\n\ndef test_x():\n    assert X == 1\n",
}
UNTESTED = {"pkg/mod.py": "X = 2\n"}  # code changed, no test changed: tests-present fails
TESTED = {
    "pkg/mod.py": "X = 3\n",
    "tests/test_mod.py": "from pkg.mod import X\n\n\ndef test_x():\n    assert X == 3\n",
}


@pytest.fixture
def pushing(hook_environment, git_repo: Repo, monkeypatch, request):
    """A repository with an empty bare remote and the pre-push hook installed one of two ways."""
    remote = git_repo.path.parent / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git_repo.git("remote", "add", "origin", str(remote))
    if request.param == "pre-commit":
        config, home = hook_environment
        monkeypatch.setenv("PRE_COMMIT_HOME", str(home))  # the session's installed hooks
        (shared,) = yaml.safe_load(config.read_text())["repos"]
        git_repo.write(
            ".pre-commit-config.yaml",
            f"repos:\n- repo: {shared['repo']}\n  rev: {shared['rev']}\n"
            "  hooks:\n  - id: mergeready-tests\n",
        )
        subprocess.run(
            [*PRE_COMMIT, "install", "--hook-type", "pre-push"],
            cwd=git_repo.path,
            check=True,
            capture_output=True,
        )
    else:  # git's own hook: every pushed ref
        hook = git_repo.path / ".git" / "hooks" / "pre-push"
        hook.write_text(
            f'#!/bin/sh\nexec "{sys.executable}" -m mergeready.hooks.precommit pre-push '
            '--only tests-present -- "$@"\n'
        )
        hook.chmod(0o755)
    for path, text in MODULE.items():
        git_repo.write(path, text)
    git_repo.commit("initial")

    def push(*args: str) -> tuple[int, str]:
        proc = subprocess.run(
            ["git", "push", "-q", "origin", *args],
            cwd=git_repo.path,
            capture_output=True,
            text=True,
        )
        return proc.returncode, proc.stdout + proc.stderr

    return push


def _branch(repo: Repo, name: str, files: dict[str, str], start: str = "main") -> None:
    repo.git("checkout", "-q", "-b", name, start)
    for path, text in files.items():
        repo.write(path, text)
    repo.commit(f"Fix X on {name}")


@pytest.mark.slow
@pytest.mark.parametrize("pushing", ["pre-commit", "git"], indirect=True)
def test_a_first_push_judges_the_pushed_branch_not_the_checked_out_one(git_repo: Repo, pushing):
    _branch(git_repo, "topic", UNTESTED)  # checked out, and not ready
    code, out = pushing("main")  # the remote is empty: main's whole history is new to it
    assert code == 0, out
    code, out = pushing("topic")  # a new branch: its commits no remote branch has
    assert code != 0 and "MR101" in out, out
    assert "mergeready: refs/heads/topic → refs/heads/topic" in out, out  # the ref it judged
    git_repo.git("push", "-q", "--no-verify", "origin", "topic")  # past the hook
    code, out = pushing("--delete", "topic")  # sends no commit: nothing to judge
    assert code == 0, out
    assert "refs/heads/topic" not in git_repo.git("ls-remote", "origin")


@pytest.mark.slow
@pytest.mark.parametrize("pushing", ["pre-commit", "git"], indirect=True)
def test_a_force_push_judges_the_branchs_own_commits(git_repo: Repo, pushing):
    assert pushing("main")[0] == 0
    _branch(git_repo, "topic", {"README.md": "# Demo\n"})  # no code: nothing to test
    assert pushing("topic")[0] == 0
    git_repo.checkout("main")
    git_repo.write("pkg/other.py", "Y = 1\n")  # untested code, pushed to main past the hook
    git_repo.commit("Add Y")
    git_repo.git("push", "-q", "--no-verify", "origin", "main")
    git_repo.checkout("topic")
    git_repo.git("rebase", "-q", "main")  # the old tip is not an ancestor: a force-push
    code, out = pushing("--force", "topic")
    assert code == 0, out  # main's untested commit is the remote's already, not topic's
    git_repo.write("pkg/mod.py", "X = 4\n")
    git_repo.git("commit", "-q", "--amend", "--no-verify", "-a", "--no-edit")
    code, out = pushing("--force", "topic")
    assert code != 0 and "MR101" in out and "pkg/other.py" not in out, out


@pytest.mark.slow
@pytest.mark.parametrize("pushing", ["git"], indirect=True)
def test_a_push_of_several_refs_judges_each(git_repo: Repo, pushing):
    assert pushing("main")[0] == 0
    _branch(git_repo, "good", TESTED)
    _branch(git_repo, "bad", UNTESTED)
    code, out = pushing("good", "bad")
    assert code != 0, out
    assert "refs/heads/good → refs/heads/good" in out and "refs/heads/bad → refs/heads/bad" in out
    assert out.count("MR101") == 1 and out.index("MR101") > out.index("refs/heads/bad →")
    assert pushing("good")[0] == 0


@pytest.mark.slow
@pytest.mark.parametrize("pushing", ["pre-commit"], indirect=True)
def test_pre_commit_says_which_ref_of_several_it_judged(git_repo: Repo, pushing):
    assert pushing("main")[0] == 0
    _branch(git_repo, "good", TESTED)
    _branch(git_repo, "bad", UNTESTED)
    code, out = pushing("good", "bad")  # pre-commit hands over the first ref only
    assert code == 0 and "MR101" not in out, out
    judged = out.index("mergeready: refs/heads/good → refs/heads/good")
    said = out.index("mergeready: pre-commit names one ref per push, so only this ref is judged")
    assert said > judged and "use mergeready as git's own pre-push hook" in out, out
    assert "refs/heads/bad" not in out, out
