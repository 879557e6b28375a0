"""Contributed files are data: nothing in them runs, reconfigures a check, or is lost."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Repo, story

PAYLOAD = "import pathlib; pathlib.Path({marker!r}).write_text('ran')\n"


def _evil_files(marker: Path) -> dict[str, str]:
    code = PAYLOAD.format(marker=str(marker))
    return {
        "yaml.py": code,
        "pylint/__init__.py": code,
        "pydocstyle.py": code,
        "codespell_lib/__init__.py": code,
        "mergeready/__init__.py": code,
        "sitecustomize.py": code,
        "usercustomize.py": code,
        "evil.pth": f"import pathlib; pathlib.Path({str(marker)!r}).write_text('ran')\n",
        "conftest.py": code,
        "setup.py": code,
        ".pylintrc": f"[MAIN]\ninit-hook={code.strip()}\n",
        "tox.ini": "[pydocstyle]\nconvention = numpy\nadd-ignore = D100,D103\n",
        "setup.cfg": "[codespell]\nignore-words-list = teh\n[pydocstyle]\nmatch = nothing\n",
        ".codespellrc": "[codespell]\nignore-words-list = teh\n",
        ".mergeready.yaml": "types:\n  docs:\n    require: []\n",
        "docs/page.md": "Teh page.\n",
        "pkg/api.py": '"""Api."""\n\n\ndef call(x):\n    return x\n',
    }


ENTRIES = {
    # The console script (what the Action, pre-commit and the README use) never puts the
    # current directory on sys.path.
    "script": [str(Path(sys.executable).parent / "mergeready")],
    # python -P (3.11+) keeps the current directory off sys.path from the start.
    "module-safe-path": [sys.executable, "-P", "-m", "mergeready.hooks"],
    # Plain python -m puts it first: mergeready's __main__ takes it off again before it imports
    # anything, but a contributed mergeready/ package in the work tree's root is imported before
    # __main__ runs: that is why SECURITY.md says to use the script or -P on untrusted checkouts.
    "module": [sys.executable, "-m", "mergeready.hooks"],
}


@pytest.mark.slow
@pytest.mark.parametrize("entry", list(ENTRIES))
def test_nothing_contributed_runs_from_a_checkout_of_the_head(git_repo, tmp_path, entry):
    if entry == "module-safe-path" and sys.version_info < (3, 11):
        pytest.skip("python -P needs Python 3.11")
    marker = tmp_path / "marker"
    files = _evil_files(marker)
    if entry == "module":
        del files["mergeready/__init__.py"]
    story(
        git_repo, {"README.md": "# R\n", "pkg/__init__.py": ""}, files, message="docs: everything"
    )
    proc = subprocess.run(
        [*ENTRIES[entry], "check", "--base", "main", "--format", "json", "--profile", "strict"],
        cwd=git_repo.path,
        capture_output=True,
        text=True,
    )
    assert not marker.exists(), "contributed code ran"
    assert proc.returncode == 1, proc.stderr
    assert "'Teh' may be misspelled" in proc.stdout  # no contributed ignore list applied
    assert "`call` has no docstring" in proc.stdout  # no contributed pydocstyle/pylint config


def _state(repo: Repo) -> tuple[str, ...]:
    index = (repo.path / ".git" / "index").read_bytes()
    files = sorted(
        str(p.relative_to(repo.path)) for p in repo.path.rglob("*") if ".git" not in p.parts
    )
    return (
        hashlib.sha256(index).hexdigest(),
        repo.git("stash", "list"),
        repo.git("status", "--porcelain", "--untracked-files=all"),
        "\n".join(files),
        (repo.path / "notes.md").read_text(),
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "--staged"],
        ["check", "--all"],
        ["check", "--format", "sarif"],
        ["rules"],
        ["fix", "--diff"],
    ],
)
def test_mergeready_never_writes_into_the_repository(git_repo, run_cli, argv):
    story(git_repo, {"README.md": "# R\n", "notes.md": "a\n"}, {"a.py": "X = 1\n"})
    git_repo.write("staged.md", "Teh staged.\n")
    git_repo.git("add", "staged.md")
    git_repo.write("notes.md", "unstaged edit\n")
    git_repo.write("untracked.md", "new\n")
    before = _state(git_repo)
    code, _, err = run_cli(*argv)
    assert code in (0, 1), err
    assert _state(git_repo) == before


@pytest.mark.slow
def test_pre_commit_leaves_unstaged_changes_as_they_were(git_repo, monkeypatch, tmp_path):
    bin_dir = Path(sys.executable).parent
    config = (
        "repos:\n  - repo: local\n    hooks:\n      - id: mergeready-spelling\n"
        "        name: spelling\n"
        f"        entry: {bin_dir / 'mergeready-precommit'} staged --only spelling-clean\n"
        "        language: system\n        types: [text]\n"
    )
    story(
        git_repo, {"README.md": "# R\n", "notes.md": "one\n", ".pre-commit-config.yaml": config}, {}
    )
    git_repo.write("notes.md", "one\ntwo teh\n")
    git_repo.git("add", "notes.md")
    git_repo.write("notes.md", "one\ntwo teh\nthree, not staged\n")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pc"))
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run"],
        cwd=git_repo.path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "notes.md:2:5: MR401 'teh'" in proc.stdout
    assert (git_repo.path / "notes.md").read_text() == "one\ntwo teh\nthree, not staged\n"
    assert git_repo.git("show", ":notes.md") == "one\ntwo teh"


def test_environment_tokens_are_not_passed_to_contributed_code(
    git_repo, run_json, monkeypatch, tmp_path
):
    # mergeready starts no process but git, and git gets no GIT_* variables from outside: a
    # contributed executable named like a tool is never run, even with "." first on PATH.
    leak = tmp_path / "leaked"
    fake = f'#!/bin/sh\necho "$GITHUB_TOKEN" > {leak}\n'
    story(git_repo, {"README.md": "# R\n"}, {"a.md": "Fine.\n", "git": fake, "python3": fake})
    for name in ("git", "python3"):
        (git_repo.path / name).chmod(0o755)
    monkeypatch.setenv("PATH", f".:{os.environ['PATH']}")
    monkeypatch.setenv("GIT_DIR", "/nonexistent")
    monkeypatch.setenv("GITHUB_TOKEN", "secret")
    code, report = run_json()
    assert code == 0 and report["types"]
    assert not leak.exists()


@pytest.mark.parametrize("folder", ["bin", "node_modules/.bin", ".venv/bin", "scripts", "linked"])
def test_a_contributed_git_on_an_absolute_path_entry_never_runs(
    git_repo, run_json, monkeypatch, tmp_path, folder
):
    # Attack 6's F16 (109; failed before: git was the first on PATH that an absolute entry names,
    # and CI jobs put $GITHUB_WORKSPACE/bin, node_modules/.bin or .venv/bin there). "linked" is
    # the user's own link outside the tree that leads into it. Near miss: a git outside the tree
    # (here a wrapper after the contributed folder) is the one that runs, and the PATH it gets
    # holds no folder of the tree either (git starts ssh and helpers from it).
    leak, seen, outside = tmp_path / "leaked", tmp_path / "seen", tmp_path / "outside"
    fake = f'#!/bin/sh\necho "$GITHUB_TOKEN" > {leak}\nexec /usr/bin/git "$@"\n'
    inner = "bin" if folder == "linked" else folder
    story(git_repo, {"README.md": "# R\n"}, {"a.md": "Fine.\n", f"{inner}/git": fake})
    (git_repo.path / inner / "git").chmod(0o755)
    outside.mkdir()
    real = next(p for p in os.environ["PATH"].split(os.pathsep) if os.path.isfile(f"{p}/git"))
    (outside / "git").write_text(f'#!/bin/sh\necho "$PATH" > {seen}\nexec {real}/git "$@"\n')
    (outside / "git").chmod(0o755)
    entry = git_repo.path / inner
    if folder == "linked":
        entry = tmp_path / "link"
        entry.symlink_to(git_repo.path / inner)
    monkeypatch.setenv("PATH", os.pathsep.join([str(entry), str(outside), os.environ["PATH"]]))
    monkeypatch.setenv("GITHUB_TOKEN", "secret")
    code, report = run_json()
    assert code == 0 and report["types"]
    assert not leak.exists()
    assert seen.exists() and str(entry) not in seen.read_text().split(os.pathsep)
