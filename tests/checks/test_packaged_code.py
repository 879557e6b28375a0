"""Code a package imports or builds though no source glob names it (attack 4's 15, 16, 23).

A symlink or a submodule in a Python package folder, and a compiled-language file there, is a
change of the package's code: tests-present asks for a test, whatever the title says and
whatever the project's history has taught. Near misses keep their verdicts: C outside any
package (Pillow's ``src/libImaging``), a project that pinned ``source:``, a link in the docs.
"""

from __future__ import annotations

import os

import pytest
from helpers import Repo, statuses

LIB = '"""Ops."""\n\n\ndef clip(x):\n    """Clip."""\n    return max(x, 0)\n'
TEST = "from pkg.ops import clip\n\n\ndef test_clip():\n    assert clip(-1) == 0\n"


def _base(repo: Repo, extra: dict[str, str]) -> None:
    repo.write("src/pkg/__init__.py", '"""Pkg."""\n')
    repo.write("src/pkg/ops.py", LIB)
    repo.write("tests/test_ops.py", TEST)
    repo.write("examples/ops_alt.py", "def clip(x):\n    return x\n")
    repo.write("CHANGELOG.md", "# Changelog\n\n## Unreleased\n\n- Start.\n")
    for path, text in extra.items():
        repo.write(path, text)
    (repo.path / "src/pkg/ext").mkdir()  # a submodule not checked out: `git add -A` keeps it
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},src/pkg/ext")
    repo.commit("initial")
    repo.branch("topic")


def _link(repo: Repo, path: str, target: str) -> None:
    (repo.path / path).unlink(missing_ok=True)
    os.symlink(target, repo.path / path)


def _submodule(repo: Repo, path: str) -> None:
    repo.git("update-index", "--cacheinfo", f"160000,{'2' * 40},{path}")


def _c(repo: Repo, path: str) -> None:
    repo.write(path, "int clamp(int x) { return x; }\n")


def _new_package(repo: Repo) -> None:
    repo.write("src/new/__init__.py", "")
    _c(repo, "src/new/_x.c")


PINNED = {".mergeready.yaml": "source: ['*.py']\n"}


@pytest.mark.parametrize(
    "extra, change, expected",
    [
        # attack 4's 16: the module becomes a link to an example whose clip does not clip
        ({}, lambda r: _link(r, "src/pkg/ops.py", "../../examples/ops_alt.py"), "fail"),
        # a subpackage folder replaced by a link
        ({}, lambda r: _link(r, "src/pkg/sub", "../../examples"), "fail"),
        # attack 4's 15: the vendored submodule inside the package moves to another commit
        ({}, lambda r: _submodule(r, "src/pkg/ext"), "fail"),
        # attack 4's 23: C in the package, never touched by the history before
        ({"src/pkg/_speedups.c": "int a;\n"}, lambda r: _c(r, "src/pkg/_speedups.c"), "fail"),
        ({}, lambda r: _c(r, "src/pkg/_new.cpp"), "fail"),
        # a package the contribution adds, with C code in it
        ({}, lambda r: _new_package(r), "fail"),
        # attack 4's 17: a binary Python imports instead of ops.py
        (
            {},
            lambda r: r.write("src/pkg/ops.cpython-311-x86_64-linux-gnu.so", b"\x7fELF\0"),
            "fail",
        ),
        ({}, lambda r: r.write("src/pkg/ops.pyc", b"\xa7\r\r\n\0\0"), "fail"),
        # near misses: C outside any package folder, as Pillow's src/libImaging
        ({"src/libImaging/a.c": "int a;\n"}, lambda r: _c(r, "src/libImaging/a.c"), "skip"),
        # the project pinned its source files: it said what its code is
        (
            {**PINNED, "src/pkg/_speedups.c": "int a;\n"},
            lambda r: _c(r, "src/pkg/_speedups.c"),
            "skip",
        ),
        # a link in the docs is no code
        ({"docs/index.md": "# Docs\n"}, lambda r: _link(r, "docs/ops.md", "index.md"), "skip"),
    ],
)
def test_package_code_that_no_glob_names_needs_a_test(git_repo, run_json, extra, change, expected):
    _base(git_repo, extra)
    change(git_repo)
    git_repo.write("CHANGELOG.md", "# Changelog\n\n## Unreleased\n\n- Fix clip.\n\n- Start.\n")
    git_repo.commit("Update the ops")
    _, report = run_json("--base", "main")
    assert statuses(report).get("tests-present", "skip") == expected, report["checks"]


def test_a_linked_test_file_is_no_test_evidence(git_repo, run_json):
    _base(git_repo, {})
    git_repo.write("src/pkg/ops.py", LIB.replace("max(x, 0)", "max(x, 1)"))
    git_repo.write("examples/more.py", TEST.replace("clip(-1) == 0", "clip(-1) == 1"))
    os.symlink("../examples/more.py", git_repo.path / "tests/test_more.py")
    git_repo.commit("Fix clip")
    _, report = run_json("--base", "main")
    assert statuses(report)["tests-present"] == "fail", report["checks"]
