"""Issue 23, round 3: rules found by grouping the corpus's disagreements by cause.

Each row builds a real repository and runs the real command (``mergeready check --format
json``); none names a project, and each says which kind of contribution it came from.
"""

from __future__ import annotations

import pytest
from helpers import statuses, story, types

CORE = "def area(r):\n    return r * r\n"
TEST = "from pkg.core import area\n\n\ndef test_area():\n    assert area(2) == 4\n"


@pytest.mark.parametrize(
    "python_files, test_path, expected",
    [
        # Found on an example-gallery tool: ``python_files = "tests/*.py"`` in pyproject.toml.
        # pytest matches a pattern with a ``/`` against the file's absolute path with ``*/``
        # before it (``fnmatch_ex``), so pkg/tests/test_core.py is collected: its test counts.
        ("tests/*.py", "pkg/tests/test_core.py", "pass"),
        ("tests/*.py", "tests/test_core.py", "pass"),
        # near misses: a file the pattern does not reach is still not collected
        ("tests/*.py", "pkg/checks/test_core.py", "fail"),
        ("pkg/tests/*.py", "other/tests/test_core.py", "fail"),
    ],
    ids=["nested", "top", "other-folder", "anchored-folder"],
)
def test_a_python_files_pattern_with_a_folder_matches_like_pytest(
    git_repo, run_json, python_files, test_path, expected
):
    base = {
        "pyproject.toml": f'[tool.pytest.ini_options]\npython_files = "{python_files}"\n',
        "pkg/__init__.py": "",
        "pkg/core.py": CORE,
    }
    head = {"pkg/core.py": CORE.replace("r * r", "r * r * 1"), test_path: TEST}
    story(git_repo, base, head, "Fix area")
    _, report = run_json("--base", "main")
    assert statuses(report)["tests-present"] == expected
    assert types(report)[0] == "bugfix"


CLIENT = (
    "import sys\n\n\nclass Client:\n    def __enter__(self) -> 'Client':\n        return self\n"
)
GUARD = (
    "import sys\n\nif sys.version_info >= (3, 11):\n    {new}\nelse:\n    {old}\n\n\n"
    "class Client:\n    def __enter__(self) -> Self:\n        return self\n"
)


@pytest.mark.parametrize(
    "new, old, expected, tests",
    [
        # Found on an ASGI toolkit ("Use Self in TestClient.__enter__"): a typing name
        # imported from where the running Python has it, and an annotation: maintenance.
        ("from typing import Self", "from typing_extensions import Self", ["maintenance"], None),
        ("import typing", "import typing_extensions as typing", ["maintenance"], None),
        # near misses: a branch that imports a library, or a test that is not the version
        ("import tomllib as Self", "import tomli as Self", ["code"], "fail"),
        ("from typing import Self", "Self = object", ["code"], "fail"),
    ],
    ids=["typing-names", "typing-module", "library", "assignment"],
)
def test_typing_imports_chosen_by_python_version_are_annotations(
    git_repo, run_json, new, old, expected, tests
):
    base = {"pkg/__init__.py": "", "pkg/client.py": CLIENT}
    head = {"pkg/client.py": GUARD.format(new=new, old=old)}
    story(git_repo, base, head, "Use Self in Client.__enter__")
    _, report = run_json("--base", "main")
    assert types(report) == expected
    assert statuses(report).get("tests-present") == tests  # None: not required


def test_an_if_on_something_else_than_the_version_is_code(git_repo, run_json):
    base = {"pkg/__init__.py": "", "pkg/client.py": CLIENT}
    guard = GUARD.format(new="from typing import Self", old="from typing_extensions import Self")
    head = {"pkg/client.py": guard.replace("sys.version_info >= (3, 11)", "sys.platform == 'x'")}
    story(git_repo, base, head, "Use Self in Client.__enter__")
    _, report = run_json("--base", "main")
    assert types(report) == ["code"]


@pytest.mark.parametrize(
    "before, after, expected",
    [
        # Found on a packaging library ("Configure flake8-comprehensions instead of disabling
        # C408", "Address Ruff findings"): a linter's rewrite of the builtin constructors into
        # the literals they mean changes nothing a test could see.
        ("env = dict()\nitems = list()\n", "env = {}\nitems = []\n", ["maintenance"]),
        ("opts = dict(a=1, b=x)\n", "opts = {'a': 1, 'b': x}\n", ["maintenance"]),
        ("s = set(v for v in x)\n", "s = {v for v in x}\n", ["maintenance"]),
        ("d = dict((k, 1) for k in x)\n", "d = {k: 1 for k in x}\n", ["maintenance"]),
        ("s = sorted(list(x))\n", "s = sorted(x)\n", ["maintenance"]),
        ("s = set([1, 2])\n", "s = {1, 2}\n", ["maintenance"]),
        # near misses: another value, another meaning, or a module where the name is not
        # the builtin (the title's lint word adds maintenance beside code, never instead)
        ("opts = dict(a=1)\n", "opts = {'a': 2}\n", ["code", "maintenance"]),
        ("items = list(x)\n", "items = [x]\n", ["code", "maintenance"]),
        (
            "from collections import OrderedDict as dict\nenv = dict()\n",
            "from collections import OrderedDict as dict\nenv = {}\n",
            ["code", "maintenance"],
        ),
        (
            "def f(list):\n    return list()\n",
            "def f(list):\n    return []\n",
            ["code", "maintenance"],
        ),
    ],
    ids=[
        "empty",
        "keywords",
        "set-comp",
        "dict-comp",
        "sorted-list",
        "set-literal",
        "other-value",
        "other-meaning",
        "imported-name",
        "parameter-name",
    ],
)
def test_a_linters_literal_rewrite_is_not_code(git_repo, run_json, before, after, expected):
    base = {"pkg/__init__.py": "", "pkg/env.py": "x = (1, 2)\n" + before}
    head = {"pkg/env.py": "x = (1, 2)\n" + after}
    story(git_repo, base, head, "Configure the comprehensions lint rule")
    _, report = run_json("--base", "main")
    assert types(report) == expected


@pytest.mark.parametrize(
    "path, expected",
    [
        # Found on a packaging library ("Remove orphaned script-with-bom.py test fixture"): a
        # package's own tests/ folder holds tests and their fixtures, as a top-level one does.
        ("pkg/tests/script_with_bom.py", ["tests"]),
        ("pkg/sub/tests/data/helper.py", ["tests"]),
        # a build or data file there is not a test (its area is what it is elsewhere)
        ("pkg/tests/BUILD", ["maintenance"]),
        # near misses: a module whose name only contains the word is the package's code
        ("pkg/testsuite.py", ["code"]),
        ("pkg/tests.py", ["code"]),
    ],
    ids=["package-tests", "nested-tests", "build-file", "testsuite-module", "tests-module"],
)
def test_a_packages_own_tests_folder_is_tests(git_repo, run_json, path, expected):
    base = {
        "pkg/__init__.py": "",
        "pkg/core.py": CORE,
        "pkg/tests/test_core.py": TEST,
        path: "print('data')\n",
    }
    story(git_repo, base, {path: None}, "Remove an orphaned file")
    _, report = run_json("--base", "main")
    assert types(report) == expected
    assert ("changelog-updated" in statuses(report)) == (expected == ["code"])


@pytest.mark.parametrize(
    "title, files, expected, changelog",
    [
        # Found on a packaging library ("fix: correct typo in changelog", a word in an old
        # entry): a conventional fix: prefix on a typo fix that changes no source is docs,
        # and a typo fix asks no changelog entry of a towncrier project.
        (
            "fix: correct typo in changelog",
            {"NEWS.rst": "v1\n--\n\n- Fixed the thing\n"},
            ["docs"],
            None,
        ),
        ("fix: typo in README", {"README.md": "# Demo\n\nThe thing.\n"}, ["docs"], None),
        # near misses: the same prefix on a source change keeps the fix and its entry, and a
        # fix: without a typo claim on prose is still the fix it declares
        (
            "fix: typo in error message",
            {"pkg/core.py": "def area(r):\n    return r * 2\n"},
            ["bugfix"],
            "fail",
        ),
        ("fix: the thing", {"README.md": "# Demo\n\nThe thing.\n"}, ["bugfix", "docs"], "fail"),
    ],
    ids=["changelog-typo", "readme-typo", "source-change", "no-typo-claim"],
)
def test_a_fix_prefix_on_a_typo_fix_of_prose_is_docs(
    git_repo, run_json, title, files, expected, changelog
):
    base = {
        "pyproject.toml": '[tool.towncrier]\ndirectory = "newsfragments"\nfilename = "NEWS.rst"\n',
        "newsfragments/.gitignore": "!.gitignore\n",
        "NEWS.rst": "v1\n--\n\n- Fixd the thing\n",
        "README.md": "# Demo\n\nThe thnig.\n",
        "pkg/__init__.py": "",
        "pkg/core.py": CORE,
    }
    story(git_repo, base, files, title)
    _, report = run_json("--base", "main")
    assert types(report) == expected
    assert statuses(report).get("changelog-updated") == changelog


@pytest.mark.parametrize(
    "title, files, expected",
    [
        # Found on a Keras-ecosystem project ("Fix the test badge.", a README link): a word
        # for tests in the title adds the tests type only where a test file changed.
        ("Fix the test badge", {"README.md": "# Demo [badge](x)\n"}, ["docs"]),
        # near misses: a test file changed, or a declared test: prefix
        ("Fix the test badge", {"tests/test_core.py": TEST.replace("4", "4.0")}, ["tests"]),
        ("test: fix the badge", {"README.md": "# Demo [badge](x)\n"}, ["docs", "tests"]),
        # a doctest expectation edited under a tests title is still tests, never no type
        (
            "Update test expectations",
            {"pkg/core.py": 'def area(r):\n    """>>> area(2)\n    4\n    """\n    return r * r\n'},
            ["tests"],
        ),
    ],
    ids=["word-on-readme", "word-on-test", "prefix-on-readme", "doctest-expectation"],
)
def test_a_title_word_for_tests_needs_a_changed_test_file(
    git_repo, run_json, title, files, expected
):
    base = {"README.md": "# Demo\n", "pkg/__init__.py": "", "pkg/core.py": CORE}
    base["tests/test_core.py"] = TEST
    story(git_repo, base, files, title)
    _, report = run_json("--base", "main")
    assert types(report) == expected


@pytest.mark.parametrize(
    "after, expected",
    [
        # Found on a web toolkit ("note difference between mdn and spec"): comments added to
        # source, nothing else, are documentation.
        ("def area(r):\n    # the spec says r >= 0\n    return r * r\n", ["docs"]),
        # near misses: formatting, and a comment beside a reformatted line
        ("def area(r):\n    return r*r\n", ["maintenance"]),
        ("def area(r):\n    return r*r  # the spec says r >= 0\n", ["maintenance"]),
    ],
    ids=["comment", "formatting", "comment-and-formatting"],
)
def test_comments_added_to_source_are_docs(git_repo, run_json, after, expected):
    base = {"pkg/__init__.py": "", "pkg/core.py": CORE}
    story(git_repo, base, {"pkg/core.py": after}, "note the spec")
    _, report = run_json("--base", "main")
    assert types(report) == expected


OPS = (
    "def cbrt(x):\n    return x ** (1 / 3)\n\n\ndef square(x):\n    return x * x\n\n\n"
    "class Cbrt:\n    def call(self, x):\n        return cbrt(x)\n"
)
OPS_TEST = "from pkg.ops import cbrt\n\n\ndef test_cbrt():\n    assert cbrt(8) == 2\n"


@pytest.mark.parametrize(
    "config, head, extra, expected",
    [
        # Found on Keras's last 100 merges (backend fallbacks "covered by existing tests"):
        # with covered-by-existing (pinned, or the keras profile) a change whose every
        # changed function a base test names is a warning that names the test.
        ("checks:\n  tests-present:\n    covered-by-existing: true\n", "cbrt", {}, "pass"),
        ("profile: keras\n", "cbrt", {}, "pass"),
        # a method is named by its class too (Cbrt.call → test_cbrt), and the module's
        # imports may grow with the fallback
        ("profile: keras\n", "method", {}, "pass"),
        ("profile: keras\n", "import", {}, "pass"),
        # a private helper the fallback adds, blank lines between, is named by its name too
        ("profile: keras\n", "helper", {}, "pass"),
        # near misses: off by default; a changed function no test names; a named test the
        # exclusion list beside the module skips; a change outside every function
        ("", "cbrt", {}, "fail"),
        ("profile: keras\n", "square", {}, "fail"),
        ("profile: keras\n", "cbrt", {"pkg/excluded_tests.txt": "OpsTest::test_cbrt\n"}, "fail"),
        ("profile: keras\n", "module", {}, "fail"),
    ],
    ids=[
        "pinned",
        "keras-profile",
        "method",
        "import",
        "helper",
        "default-off",
        "unnamed",
        "excluded",
        "module-level",
    ],
)
def test_existing_tests_that_name_the_changed_function_cover_it_only_when_asked(
    git_repo, run_json, config, head, extra, expected
):
    base = {"pkg/__init__.py": "", "pkg/ops.py": OPS, "pkg/ops_test.py": OPS_TEST, **extra}
    if config:
        base[".mergeready.yaml"] = config
    changed = {
        "cbrt": OPS.replace("x ** (1 / 3)", "abs(x) ** (1 / 3)"),
        "square": OPS.replace("x * x", "x**2"),
        "module": "SCALE = 2\n" + OPS,
        "method": OPS.replace("return cbrt(x)", "return cbrt(abs(x))"),
        "import": "import math\n" + OPS.replace("x ** (1 / 3)", "math.cbrt(x)"),
        "helper": OPS.replace(
            "    return x ** (1 / 3)\n",
            "    return _cbrt(x)\n\n\ndef _cbrt(x):\n    return abs(x) ** (1 / 3)\n",
        ),
    }[head]
    story(git_repo, base, {"pkg/ops.py": changed}, "Fix cbrt for negative inputs")
    _, report = run_json("--base", "main")
    check = next(c for c in report["checks"] if c["id"] == "tests-present")
    assert check["status"] == expected
    mr101 = [f for f in check["findings"] if f["code"] == "MR101"]
    assert [f["severity"] for f in mr101] == ["warning" if expected == "pass" else "error"]
    if expected == "pass":
        assert "pkg/ops_test.py::test_cbrt" in mr101[0]["message"]
