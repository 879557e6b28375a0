"""Contribution types, recognised as people write titles, labels, commits and paths."""

from __future__ import annotations

import pytest
from helpers import types
from mergeready.checks.classify import classify
from mergeready.checks.contribution import Contribution
from mergeready.checks.model import Evidence
from mergeready.rules.loader import load

POLICY = load()


def _classify(repo, files, title=None, labels=(), message="change"):
    repo.write("README.md", "# Demo\n")
    repo.write("pkg/core.py", "x = 1\n")
    repo.commit("initial")
    repo.branch("topic")
    for path, text in files.items():
        repo.write(path, text)
    repo.commit(message)
    c = Contribution.from_git(repo.path, title=title, labels=labels)
    return [t.type for t in classify(c, POLICY.types, POLICY.source, POLICY.changelog)]


SOURCE = {"pkg/core.py": "x = 2\n"}


@pytest.mark.parametrize(
    "title, expected",
    [
        ("fix: crash on empty input", ["bugfix"]),
        ("fix(io): crash on empty input", ["bugfix"]),
        ("Fix crash on empty input", ["bugfix"]),
        ("Fixes #12", ["bugfix"]),
        ("[bug] crash on empty input", ["bugfix"]),
        ("BUG: crash on empty input", ["bugfix"]),
        ("feat: add clip", ["feature"]),
        ("Add `clip` to ops", ["feature"]),
        ("Implement the Lion optimizer", ["feature"]),
        ("Support bfloat16 in Dense", ["feature"]),
        ("perf: cache the tokenizer", ["performance"]),
        ("[perf] cache the tokenizer", ["performance"]),
        ("Speed up image loading", ["performance"]),
        ("Optimize the attention kernel", ["performance"]),
        ("refactor: split ops", ["maintenance"]),
        ("Bump numpy to 2.1", ["maintenance"]),
        ("Tidy up the core", ["code"]),
        # Found on real histories (requests, attrs): release commits and docstring fixes.
        ("v2.34.2", ["maintenance"]),
        ("Release 1.4.0", ["maintenance"]),
        ("Fix docstring", ["code", "docs"]),
        ("Fix broken link in the module docs", ["code", "docs"]),
        # Found on requests and flask: typing and lint work is maintenance, not a fix/feature.
        ("fix typing", ["maintenance"]),
        ("Add type annotation for `Request.hooks`", ["maintenance"]),
        ("Fix mypy errors in core", ["maintenance"]),
        # Found on pytest: a tool's tag marks the change as maintenance whatever the verb.
        ("[ruff] Enable C400 (unnecessary generator)", ["maintenance"]),
    ],
)
def test_titles_as_people_write_them(git_repo, title, expected):
    assert _classify(git_repo, SOURCE, title=title) == expected


@pytest.mark.parametrize(
    "label, expected",
    [
        ("bug", ["bugfix"]),
        ("enhancement", ["feature"]),
        ("performance", ["performance"]),
        ("documentation", ["code", "docs"]),
    ],
)
def test_labels(git_repo, label, expected):
    assert _classify(git_repo, SOURCE, title="Tidy up", labels=[label]) == expected


def test_commit_subject_is_the_title_when_none_is_given(git_repo):
    assert _classify(git_repo, SOURCE, message="Fix the off-by-one in core") == ["bugfix"]


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"docs/index.md": "Hello\n"}, ["docs"]),
        ({"CONTRIBUTING.rst": "Hello\n"}, ["docs"]),
        ({"examples/demo.py": "print(1)\n"}, ["example"]),
        ({"tests/test_core.py": "def test_x():\n    pass\n"}, ["tests"]),
        ({"pkg/core_test.py": "def test_x():\n    pass\n"}, ["tests"]),
        ({"pkg/locale/fr/LC_MESSAGES/app.po": 'msgid "x"\n'}, ["translation"]),
        ({".github/workflows/ci.yml": "on: push\n"}, ["maintenance"]),
        ({".github/CONTRIBUTING.md": "How to help\n"}, ["docs"]),
        ({"pyproject.toml": "[project]\n"}, ["maintenance"]),
        ({"CHANGELOG.md": "# Changes\n"}, []),
        ({"pkg/core.py": "x = 3\n"}, ["code"]),
    ],
)
def test_paths(git_repo, files, expected):
    assert _classify(git_repo, files, message="update") == expected


def test_several_types_at_once(git_repo):
    files = {
        "pkg/core.py": "x = 2\n",
        "tests/test_core.py": "def test_x():\n    pass\n",
        "docs/core.md": "Core\n",
    }
    assert _classify(git_repo, files, title="fix: x") == ["bugfix", "docs", "tests"]


def test_a_natural_title_declares_a_code_type_only_when_code_changed(git_repo):
    assert _classify(git_repo, {"README.md": "# Demo!\n"}, title="Fix typo in README") == ["docs"]


def test_typo_fix_in_code_is_docs_not_bugfix(git_repo):
    assert _classify(git_repo, SOURCE, title="Fix typos in docstrings") == ["code", "docs"]


def test_evidence_names_what_said_so(git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("a.py", "x = 2\n")
    git_repo.write("docs/a.md", "A\n")
    git_repo.commit("fix: a")
    c = Contribution.from_git(git_repo.path, labels=["bug"])
    found = {t.type: t.evidence for t in classify(c, POLICY.types, POLICY.source)}
    assert found["bugfix"][0].kind == "commit" and str(found["bugfix"][0]).endswith(": fix: a")
    assert Evidence("label", "bug") in found["bugfix"]
    assert found["docs"] == (Evidence("path", "docs/a.md"),)
    assert [str(e) for e in found["docs"]] == ["path: docs/a.md"]


def test_report_lists_types(git_repo, run_json):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("a.py", "x = 2\n")
    git_repo.commit("perf: faster a")
    _, report = run_json()
    assert types(report) == ["performance"]
