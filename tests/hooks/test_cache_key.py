"""The result cache's key, pinned by its edges: every input that can change a verdict changes
the key (else a stale verdict is served), and what cannot change one leaves it alone.

Each row runs ``mergeready check`` twice on the same repository, changing one input in between,
and counts the cache's result entries: a new key stores a second entry, the same key is a hit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from helpers import Repo, story

BASE = {
    "README.md": "# Demo\n",
    "pkg/mod.py": '"""Mod."""\n\nX = 1\n',
    "CHANGELOG.md": "# Changes\n\n## Unreleased\n",
    ".gitignore": "build/\n",
    "strict.yaml": "profile: strict\n",  # a rules file to name with --config
}
HEAD = {"pkg/mod.py": '"""Mod."""\n\nX = 2\n', "docs/a.md": "A teh.\n"}

Change = Callable[[Repo, pytest.MonkeyPatch], None]


def _nothing(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Change nothing between the two runs: only the arguments differ."""


def _new_version(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mergeready.hooks.__version__", "99.0.0")
    monkeypatch.setattr("mergeready.hooks.evaluation.__version__", "99.0.0")


def _write(path: str, text: str) -> Change:
    def change(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
        repo.write(path, text)

    return change


def _commit(path: str, text: str) -> Change:
    def change(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
        repo.write(path, text)
        repo.commit("more")

    return change


def _stage(path: str, text: str) -> Change:
    def change(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
        repo.write(path, text)
        repo.git("add", path)

    return change


def _move(old: str, new: str) -> Change:
    def change(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
        (repo.path / old).rename(repo.path / new)

    return change


# (name, arguments of the first run, the change, arguments of the second run)
Row = tuple[str, Sequence[str], Change, Sequence[str]]

# A pull request's range (main..topic): what the contribution says about itself.
CHANGES_THE_KEY: list[Row] = [
    ("title", ["--title", "fix: a"], _nothing, ["--title", "feat: a"]),
    ("no title, then a title", [], _nothing, ["--title", "fix: a"]),
    ("body", ["--body", "Changelog: skip"], _nothing, ["--body", "Closes #1"]),
    ("labels", [], _nothing, ["--label", "bug"]),
    ("another label", ["--label", "bug"], _nothing, ["--label", "skip-changelog"]),
    ("branch", ["--branch", "fix/a"], _nothing, ["--branch", "feat/a"]),
    ("--only", [], _nothing, ["--only", "spelling-clean"]),
    ("another --only", ["--only", "spelling-clean"], _nothing, ["--only", "docs-valid"]),
    ("--profile", [], _nothing, ["--profile", "strict"]),
    ("--config", [], _nothing, ["--config", "strict.yaml"]),
    ("PATH selection", [], _nothing, ["--", "docs/a.md"]),
    ("another PATH", ["--", "docs/a.md"], _nothing, ["--", "pkg/mod.py"]),
    ("--max-file-size", [], _nothing, ["--max-file-size", "1000"]),
    (  # a file that crosses the limit, on a PATH (where the fingerprint reads blobs)
        "--max-file-size on a PATH",
        ["--", "docs/a.md"],
        _nothing,
        ["--max-file-size", "3", "--", "docs/a.md"],
    ),
    ("mergeready's version", [], _new_version, []),
    ("a new commit on the branch", [], _commit("docs/a.md", "A the.\n"), []),
]

# Arguments and files that cannot change the verdict.
KEEPS_THE_KEY: list[Row] = [
    ("the same run again", [], _nothing, []),
    ("the output format", ["--format", "json"], _nothing, ["--format", "sarif"]),
    ("colour and exit-zero", [], _nothing, ["--color", "always", "--exit-zero"]),
    ("an untracked file outside the range", [], _write("scratch.md", "Teh.\n"), []),
    ("an ignored file", [], _write("build/x.py", "def f(a):\n    pass\n"), []),
    ("an uncommitted edit, left out of the range", [], _write("README.md", "# Teh\n"), []),
]


def _entries(cache: Path) -> int:
    """The cache's result entries: one per key."""
    return len(list(cache.rglob("*.json"))) if cache.exists() else 0


def _check(run_cli: Any, args: Sequence[str]) -> None:
    args = list(args)
    if "--format" not in args:
        args = ["--format", "json", *args]
    code, _, err = run_cli("check", *args)
    assert code in (0, 1), err


def _twice(git_repo, run_cli, monkeypatch, cache, first, change, second) -> int:
    _check(run_cli, first)
    assert _entries(cache) == 1
    change(git_repo, monkeypatch)
    _check(run_cli, second)
    return _entries(cache)


# each row, and how many entries the cache holds after its second run: 2 when the key changed
TABLE = [(*row, 2) for row in CHANGES_THE_KEY] + [(*row, 1) for row in KEEPS_THE_KEY]


@pytest.mark.parametrize("name, first, change, second, entries", TABLE, ids=[r[0] for r in TABLE])
def test_the_key_changes_with_what_can_change_a_verdict(
    git_repo, run_cli, tmp_path, monkeypatch, name, first, change, second, entries
):
    story(git_repo, BASE, HEAD, message="docs: a")
    cache = tmp_path / "mergeready-cache"
    assert _twice(git_repo, run_cli, monkeypatch, cache, first, change, second) == entries, name


def test_another_base_for_the_same_head_changes_the_key(git_repo, run_cli, tmp_path, monkeypatch):
    # The same head against another base is another diff (two commits of the branch, or one).
    story(git_repo, BASE, HEAD, message="docs: a")
    git_repo.write("docs/b.md", "B.\n")
    git_repo.commit("docs: b")
    cache = tmp_path / "mergeready-cache"
    first, second = ["--base", "main"], ["--base", "HEAD~1"]
    assert _twice(git_repo, run_cli, monkeypatch, cache, first, _nothing, second) == 2


# The working tree against HEAD (no base): uncommitted content is the contribution.
WORK_TREE: list[tuple[str, Change, int]] = [
    ("same lines, new content", _write("notes.md", "Teh.\n"), 2),
    ("a new untracked file", _write("more.md", "Fine.\n"), 2),
    ("the same content under another name", _move("notes.md", "notes.rst"), 2),
    ("staged content", _stage("notes.md", "Fine, staged.\n"), 2),
    ("an ignored file", _write("build/x.md", "Teh.\n"), 1),
]


@pytest.mark.parametrize("name, change, entries", WORK_TREE, ids=[r[0] for r in WORK_TREE])
def test_work_tree_content_is_in_the_key(
    git_repo, run_cli, tmp_path, monkeypatch, name, change, entries
):
    for path, text in BASE.items():
        git_repo.write(path, text)
    git_repo.commit("initial")
    git_repo.write("notes.md", "Fine.\n")
    cache = tmp_path / "mergeready-cache"
    assert _twice(git_repo, run_cli, monkeypatch, cache, [], change, []) == entries, name


def test_staged_content_is_in_the_key(git_repo, run_cli, tmp_path, monkeypatch):
    for path, text in BASE.items():
        git_repo.write(path, text)
    git_repo.commit("initial")
    _stage("notes.md", "Fine.\n")(git_repo, monkeypatch)
    cache = tmp_path / "mergeready-cache"
    new = _twice(
        git_repo,
        run_cli,
        monkeypatch,
        cache,
        ["--staged"],
        _stage("notes.md", "Teh.\n"),
        ["--staged"],
    )
    assert new == 2


# Every configuration file a run reads, each changed in turn on disk in a whole-tree audit
# (which reads its configuration from the working tree). The files are the ones the run itself
# recorded in its manifest, and the list below must be among them: a file left out of the
# manifest would never be re-read, and its change would be served stale.
CONFIGURATION = [
    ".mergeready.yaml",
    ".mergeready.yml",
    "pyproject.toml",
    "setup.cfg",
    "tox.ini",
    ".codespellrc",
    ".pre-commit-config.yaml",
    ".pydocstyle",
    "ruff.toml",
    ".flake8",
    "towncrier.toml",
    "pytest.ini",
    ".gitattributes",
    "docs/conf.py",  # docs-valid's link resolver reads the Sphinx project's conf.py
]


def test_every_configuration_file_read_is_in_the_key(git_repo, run_cli, tmp_path):
    from mergeready.hooks.cache import Cache
    from mergeready.hooks.evaluation import request_key

    for path, text in {
        **BASE,
        "docs/conf.py": "project = 'demo'\n",
        "docs/index.rst": ".. _intro:\n\nDemo\n====\n\nSee :ref:`intro`.\n",
    }.items():
        git_repo.write(path, text)
    git_repo.commit("initial")
    cache = tmp_path / "mergeready-cache"
    _check(run_cli, ["--all"])
    opened = Cache.open(cache, {"XDG_STATE_HOME": str(tmp_path / "state")})
    assert opened is not None
    names = opened.manifest(request_key(None, None))
    assert names is not None
    assert set(CONFIGURATION) <= set(names), set(CONFIGURATION) - set(names)
    entries = 1
    for name in names:
        if name.startswith("mergeready:"):  # a shipped profile: the --profile row changes it
            continue
        path = git_repo.path / name
        before = path.read_text() if path.exists() else ""
        git_repo.write(name, before + "\n# changed\n")
        _check(run_cli, ["--all"])
        entries += 1
        assert _entries(cache) == entries, name


def test_leaving_the_baseline_out_is_in_the_key(git_repo, run_cli, tmp_path):
    # ``mergeready baseline`` asks for every finding, ``check`` for those the baseline does not
    # hold: one cache must never answer one with the other's result.
    import os

    from mergeready.checks.contribution import Contribution
    from mergeready.hooks.cache import Cache
    from mergeready.hooks.evaluation import evaluate_cached

    git_repo.write("README.md", "# Demo\n")
    git_repo.write("docs/a.md", "A teh.\n")
    git_repo.commit("initial")
    assert run_cli("baseline")[0] == 0
    git_repo.commit("baseline")
    cache = Cache.open(tmp_path / "mergeready-cache", os.environ)

    def codes(baseline: bool) -> list[str]:
        contribution = Contribution.from_git(git_repo.path, all_files=True)
        try:
            result = evaluate_cached(contribution, cache, baseline=baseline)
        finally:
            contribution.close()
        return [f.code for check in result.checks for f in check.findings]

    assert "MR401" not in codes(True)
    assert "MR401" in codes(False)
    assert "MR401" not in codes(True)


def test_the_configuration_digest_names_each_file_and_tells_absent_from_empty():
    # The same text under another name is another configuration (a conf.py of another Sphinx
    # project, a setting moved from tox.ini to setup.cfg); an empty file is not a missing one.
    from mergeready.rules.sources import digest_of

    assert digest_of([("setup.cfg", "[x]\n")]) != digest_of([("tox.ini", "[x]\n")])
    assert digest_of([("pytest.ini", "")]) != digest_of([("pytest.ini", None)])
    assert digest_of([("a", "b"), ("c", None)]) != digest_of([("a", None), ("c", "b")])
    first, again = digest_of([("a", "b")]), digest_of([("a", "b")])
    assert first == again  # the same files give the same digest, every time
