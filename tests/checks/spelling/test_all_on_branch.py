"""``check --all`` on a branch: the trusted revision's own lines keep their markers and names.

On any branch but the default one, ``--all`` reads configuration from the default branch's tip,
so it is no audit: before, no inline marker counted and no base name was excused, and a branch
that changed nothing got "Not ready" where the default branch itself was Ready (the tree's own
``nmae`` lines under ``<!-- codespell:ignore -->`` in benchmarks/README.md, ``NotIn`` in
checks/testing/tautology.py). Rows "branch changes nothing" (spelling and docstrings) and
"branch edits another line" were seen failing before the fix; the others pin the edges, which
held before and must still hold: a line the branch adds or changes, a marker it adds to an old
line, a marked line it moves to another file or copies, a file it renames, count as its own.
"""

from __future__ import annotations

import pytest
from helpers import Repo, codes, statuses

MARKED = "The field nmae stays. <!-- codespell:ignore -->\n"
README = f"# Demo\n\n{MARKED}Plain prose.\n"
CODE = "import ast\n\nKIND = ast.NotIn\n"  # codespell reads ``NotIn`` as a misspelling
BASE = {"README.md": README, "pkg/kinds.py": CODE}

Files = dict[str, str | None]

ROWS: list[tuple[str, Files, str]] = [
    ("branch changes nothing", {}, "pass"),
    ("branch edits another line", {"README.md": README.replace("Plain", "Simple")}, "pass"),
    ("branch adds a line above", {"README.md": "Intro.\n" + README}, "pass"),
    ("branch adds a marked misspelling", {"README.md": README + MARKED}, "fail"),  # a copy
    (
        "branch adds a new marked word",
        {"README.md": README + "A lenght. <!-- codespell:ignore -->\n"},
        "fail",
    ),
    (
        "branch adds a marker to an old line",
        {"README.md": README + "Old teh.\n", "notes.md": "x\n"},
        "base-fails",  # set up below: the base has the line unmarked
    ),
    ("branch moves the marked line to another file", {"other.md": MARKED}, "fail"),
    ("branch renames the file", {"README.md": None, "GUIDE.md": README}, "fail"),
    ("branch re-uses the base's name in new code", {"pkg/more.py": CODE}, "pass"),
    ("branch adds a new name misspelt", {"pkg/more.py": "X = 3  # the lenght\n"}, "fail"),
]


def _write(repo: Repo, files: Files) -> None:
    for path, text in files.items():
        if text is None:
            repo.git("rm", "-q", path)
        else:
            repo.write(path, text)


@pytest.mark.parametrize(("name", "branch", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_all_on_a_branch(git_repo: Repo, run_json, name: str, branch: Files, expected: str):
    base = dict(BASE)
    if expected == "base-fails":
        base["README.md"] = README + "Old teh.\n"
        branch = {"README.md": README + "Old teh. <!-- codespell:ignore -->\n"}
        expected = "fail"
    _write(git_repo, base)
    git_repo.commit("docs: base")
    code, report = run_json("--all", "--only", "spelling-clean", "--no-cache")
    assert statuses(report)["spelling-clean"] == ("fail" if base != BASE else "pass"), report
    git_repo.branch("feature")
    _write(git_repo, branch)
    git_repo.commit("docs: branch")
    code, report = run_json("--all", "--only", "spelling-clean", "--no-cache")
    assert statuses(report)["spelling-clean"] == expected, report
    assert (code == 0) == (expected == "pass")
    if expected == "fail":
        assert "MR401" in codes(report)


NOQA = '"""Kinds."""\n\n\ndef f():  # noqa: D415\n    """No period here"""\n'
CONFIG = (
    "checks:\n  docstrings-complete:\n    convention: google\n"
    "    require: [presence, params, style]\n"
)

NOQA_ROWS: list[tuple[str, Files, str]] = [
    ("branch changes nothing", {}, "pass"),
    (
        "branch adds a function below",
        {"pkg/mod.py": NOQA + '\n\ndef g():\n    """Do."""\n'},
        "pass",
    ),
    (
        "branch adds a marked function",
        {"pkg/mod.py": NOQA + '\n\ndef g():  # noqa: D415\n    """Bad"""\n'},
        "fail",
    ),
    ("branch moves it to another file", {"pkg/other.py": NOQA}, "fail"),
]


@pytest.mark.parametrize(("name", "branch", "expected"), NOQA_ROWS, ids=[r[0] for r in NOQA_ROWS])
def test_noqa_with_all_on_a_branch(
    git_repo: Repo, run_json, name: str, branch: Files, expected: str
):
    _write(git_repo, {"pkg/__init__.py": "", "pkg/mod.py": NOQA, ".mergeready.yaml": CONFIG})
    git_repo.commit("feat: base")
    code, report = run_json("--all", "--only", "docstrings-complete", "--no-cache")
    assert statuses(report)["docstrings-complete"] == "pass", report  # the audit honours it
    git_repo.branch("feature")
    _write(git_repo, branch)
    git_repo.commit("feat: branch")
    code, report = run_json("--all", "--only", "docstrings-complete", "--no-cache")
    assert statuses(report)["docstrings-complete"] == expected, report
