"""tests-present: code changed, so a test was added or changed with it."""

from __future__ import annotations

import json

import pytest
from helpers import Row, run_check, story, two_uses

LEGACY = {
    "pkg/__init__.py": "",
    "pkg/mod.py": "def f():\n    return 1\n",
    "tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 1\n",
}
CODE = {"pkg/mod.py": "def f():\n    return 2\n"}
TEST = {"tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 2\n"}

CASES: list[Row] = [
    # (id, base, head, status, codes)
    ("code and test", LEGACY, {**CODE, **TEST}, "pass", []),
    ("code only", LEGACY, CODE, "fail", ["MR101"]),
    ("test only", LEGACY, TEST, "skip", []),
    ("docs only", LEGACY, {"docs/x.md": "x\n"}, "skip", []),
    (
        "comment and docstring only",
        LEGACY,
        {"pkg/mod.py": '"""Module."""\n# note\ndef f():\n    """Doc."""\n    return 1\n'},
        "skip",
        [],
    ),
    (
        "unrelated test",
        LEGACY,
        {
            **CODE,
            "tests/test_other.py": "def test_other(tmp_path):\n    assert tmp_path.is_dir()\n",
        },
        "pass",
        ["MR102"],
    ),
    (  # a top-level ``utils`` is not any ``*.utils``
        "import utils is not pkg.utils",
        {
            "pkg/__init__.py": "",
            "pkg/utils.py": "def f():\n    return 1\n",
            "tests/test_other.py": "import utils\n\n\ndef test_o():\n    assert utils.x == 1\n",
        },
        {
            "pkg/utils.py": "def f():\n    return 2\n",
            "tests/test_other.py": "import utils\n\n\ndef test_o():\n    assert utils.x == 2\n",
        },
        "pass",
        ["MR102"],
    ),
    (  # ``from other import frob`` is not every module that defines a frob
        "a name imported from another package",
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": "def frob():\n    return 1\n",
            "tests/test_other.py": (
                "from other import frob\n\n\ndef test_o():\n    assert frob() == 1\n"
            ),
        },
        {
            "pkg/mod.py": "def frob():\n    return 2\n",
            "tests/test_other.py": (
                "from other import frob\n\n\ndef test_o():\n    assert frob() == 2\n"
            ),
        },
        "pass",
        ["MR102"],
    ),
    (
        "test file changed outside a test function",
        LEGACY,
        {**CODE, "tests/test_mod.py": "import os\n" + LEGACY["tests/test_mod.py"]},
        "fail",
        ["MR101"],
    ),
    (
        "keras layout beside the module",
        {
            "keras/layers/dense.py": "def d():\n    return 1\n",
            "keras/layers/dense_test.py": "def test_d():\n    pass\n",
        },
        {
            "keras/layers/dense.py": "def d():\n    return 2\n",
            "keras/layers/dense_test.py": "def test_d():\n    assert d() == 2\n",
        },
        "pass",
        [],
    ),
    (
        "related through an import",
        LEGACY,
        {
            **CODE,
            "tests/test_api.py": "from pkg import mod\n\n\ndef test_api():\n"
            "    assert mod.f() == 2\n",
        },
        "pass",
        [],
    ),
    (
        "test in a class",
        LEGACY,
        {
            **CODE,
            "tests/test_mod.py": "class TestF:\n    def test_f(self):\n        assert f() == 2\n",
        },
        "pass",
        [],
    ),
    ("deleted source only", LEGACY, {"pkg/mod.py": None}, "skip", []),
    # Found on requests (#7315): a fix that only deletes lines still changes code.
    (
        "code lines deleted only",
        {**LEGACY, "pkg/mod.py": "def f(x):\n    if x:\n        x = 0\n    return x\n"},
        {"pkg/mod.py": "def f(x):\n    return x\n"},
        "fail",
        ["MR101"],
    ),
    # Found on poetry (#10872): a local name renamed everywhere is a rename, not code to test.
    (
        "local variable renamed",
        {**LEGACY, "pkg/mod.py": "def f():\n    x = 1\n    return x\n"},
        {"pkg/mod.py": "def f():\n    one = 1\n    return one\n"},
        "skip",
        [],
    ),
    (
        "comment lines deleted only",
        {**LEGACY, "pkg/mod.py": "def f():\n    # old note\n    return 1\n"},
        {"pkg/mod.py": "def f():\n    return 1\n"},
        "skip",
        [],
    ),
]


test_check_function, test_through_the_command = two_uses("tests-present", CASES, title="feat: x")


def test_the_report_names_modules_without_related_tests(git_repo, run_cli):
    story(
        git_repo,
        LEGACY,
        {
            **CODE,
            "pkg/other.py": "def g():\n    return 1\n",
            "tests/test_mod.py": TEST["tests/test_mod.py"],
        },
    )
    code, out, _ = run_cli("check", "--only", "tests-present")
    assert code == 0
    assert "pkg/other.py: MR102 no changed test covers pkg.other (warning)" in out
    assert "→ add or change a test in a new test file test_other.py under tests/" in out
    assert "pkg.mod" not in out


def test_prefix_match_lets_one_test_file_cover_several_modules(git_repo):
    from mergeready.checks.testing.tests_present import Options

    base = {
        "k/conv1d.py": "A = 1\n",
        "k/conv2d.py": "B = 1\n",
        "k/conv_test.py": "def test_c():\n    pass\n",
    }
    story(
        git_repo,
        base,
        {
            "k/conv1d.py": "A = 2\n",
            "k/conv2d.py": "B = 2\n",
            "k/conv_test.py": "def test_c():\n    assert A + B == 4\n",
        },
    )
    assert [f.code for f in run_check(git_repo, "tests-present").findings] == ["MR102", "MR102"]
    assert run_check(git_repo, "tests-present", Options(prefix_match=True)).findings == ()


def test_the_hint_follows_the_projects_layout(git_repo):
    story(
        git_repo,
        {"k/dense.py": "A = 1\n", "k/dense_test.py": "def test_a():\n    pass\n"},
        {"k/pool.py": "P = 1\n"},
    )
    (error,) = [f for f in run_check(git_repo, "tests-present").findings if f.code == "MR101"]
    assert error.hint.endswith("a new test file pool_test.py beside it")  # none exists yet


def test_the_hint_for_a_package_init_names_the_package(git_repo):
    story(git_repo, {"src/attr/__init__.py": "A = 1\n"}, {"src/attr/__init__.py": "A = 2\n"})
    (error,) = run_check(git_repo, "tests-present").findings
    assert error.hint.endswith("a new test file test_attr.py under tests/")


MAPPED = [
    # (id, base, head): each change has its related test; no MR102 noise.
    (
        "private module and its public test name",
        {
            "pkg/_mod.py": "def f():\n    return 1\n",
            "tests/test_mod.py": "def test_f():\n    pass\n",
        },
        {
            "pkg/_mod.py": "def f():\n    return 2\n",
            "tests/test_mod.py": "def test_f():\n    assert f() == 2\n",
        },
    ),
    (  # numpy's test__iotools.py: the test file keeps the module's underscore
        "private module and its test named with the underscore",
        {
            "pkg/_mod.py": "def f():\n    return 1\n",
            "tests/test__mod.py": "def test_f():\n    pass\n",
        },
        {
            "pkg/_mod.py": "def f():\n    return 2\n",
            "tests/test__mod.py": "def test_f():\n    assert f() == 2\n",
        },
    ),
    (
        "private module and its _test file beside it",
        {
            "pkg/_mod.py": "def f():\n    return 1\n",
            "pkg/_mod_test.py": "def test_f():\n    pass\n",
        },
        {
            "pkg/_mod.py": "def f():\n    return 2\n",
            "pkg/_mod_test.py": "def test_f():\n    assert f() == 2\n",
        },
    ),
    (
        "private module and a _test file without the underscore",
        {
            "pkg/_mod.py": "def f():\n    return 1\n",
            "pkg/mod_test.py": "def test_f():\n    pass\n",
        },
        {
            "pkg/_mod.py": "def f():\n    return 2\n",
            "pkg/mod_test.py": "def test_f():\n    assert f() == 2\n",
        },
    ),
    (  # collected because the project's pytest says so
        "a tests_ file the project's python_files collects",
        {
            "pytest.ini": "[pytest]\npython_files = tests_*.py\n",
            "pkg/mod.py": "def f():\n    return 1\n",
            "tests/tests_mod.py": "def test_f():\n    pass\n",
        },
        {
            "pkg/mod.py": "def f():\n    return 2\n",
            "tests/tests_mod.py": "def test_f():\n    assert f() == 2\n",
        },
    ),
    (  # the name's package is the module's own package, not only a grandparent
        "a test importing a name from the module's own package",
        {
            "pkg/__init__.py": "",
            "pkg/sub/__init__.py": "from pkg.sub._ring import ring\n",
            "pkg/sub/_ring.py": "def ring():\n    return 1\n",
            "tests/test_api.py": "from pkg.sub import ring\n\n\ndef test_ring():\n    pass\n",
        },
        {
            "pkg/sub/_ring.py": "def ring():\n    return 2\n",
            "tests/test_api.py": (
                "from pkg.sub import ring\n\n\ndef test_ring():\n    assert ring() == 2\n"
            ),
        },
    ),
    (
        "implementation package mapped by name",
        {
            "pkg/_impl/x.py": "def f():\n    return 1\n",
            "tests/test_x.py": "def test_f():\n    pass\n",
        },
        {
            "pkg/_impl/x.py": "def f():\n    return 2\n",
            "tests/test_x.py": "def test_f():\n    assert f() == 2\n",
        },
    ),
    (
        "a test folder called t",
        {"lib/x.py": "def f():\n    return 1\n", "t/test_x.py": "def test_f():\n    pass\n"},
        {
            "lib/x.py": "def f():\n    return 2\n",
            "t/test_x.py": "def test_f():\n    assert f() == 2\n",
        },
    ),
    (
        "a test folder called typing_tests",
        {
            "lib/x.py": "def f():\n    return 1\n",
            "typing_tests/test_x.py": "def test_f():\n    pass\n",
        },
        {
            "lib/x.py": "def f():\n    return 2\n",
            "typing_tests/test_x.py": "def test_f():\n    assert f() == 2\n",
        },
    ),
    (
        "a test importing a name the module defines",
        {
            "pkg/__init__.py": "from pkg._impl.ring import ring\n",
            "pkg/_impl/ring.py": "def ring():\n    return 1\n",
            "tests/test_api.py": "from pkg import ring\n\n\ndef test_ring():\n    pass\n",
        },
        {
            "pkg/_impl/ring.py": "def ring():\n    return 2\n",
            "tests/test_api.py": (
                "from pkg import ring\n\n\ndef test_ring():\n    assert ring() == 2\n"
            ),
        },
    ),
]


NOT_EVIDENCE = [
    # (id, head's test files, the reason MR101 gives)
    ("pass", {"tests/test_mod.py": "def test_f():\n    pass\n"}, "test_f asserts nothing"),
    (
        "a bare comparison",
        {"tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    f() == 2\n"},
        "is computed and thrown away (B015)",
    ),
    ("in conftest.py", {"tests/conftest.py": "def test_f():\n    assert 1 + 1 == 2\n"}, "conftest"),
    (
        "in tests/helpers.py",
        {"tests/helpers.py": "def test_f():\n    assert 1 + 1 == 2\n"},
        "only when tests/helpers.py is named",
    ),
    (
        "under if False",
        {"tests/test_mod.py": "if False:\n\n    def test_f():\n        assert 1 + 1 == 2\n"},
        "never true",
    ),
    (
        "testament asserts nothing",
        {"tests/test_mod.py": "def testament():\n    pass\n"},
        "testament",
    ),
    (
        "skipped on arrival",
        {
            "tests/test_mod.py": "import pytest\n\n\n@pytest.mark.skip\ndef test_f(tmp_path):\n"
            "    assert tmp_path.is_dir()\n"
        },
        "does not run",
    ),
]


@pytest.mark.parametrize("name, base, head", MAPPED, ids=[m[0] for m in MAPPED])
def test_related_tests_are_found_without_noise(git_repo, name, base, head):
    story(git_repo, base, head)
    result = run_check(git_repo, "tests-present")
    assert (result.status, result.findings) == ("pass", ())


NOT_CODE = [
    (
        "generated by .gitattributes at the base",
        {".gitattributes": "pkg/_pb2.py linguist-generated=true\n", "pkg/_pb2.py": "X = 1\n"},
        {"pkg/_pb2.py": "X = 2\n"},
    ),
    (
        "generated by its header",
        {"pkg/_pb2.py": "# Generated by the protocol buffer compiler.  DO NOT EDIT!\nX = 1\n"},
        {"pkg/_pb2.py": "# Generated by the protocol buffer compiler.  DO NOT EDIT!\nX = 2\n"},
    ),
    (
        "pure rename",
        {"pkg/old.py": "def f():\n    return 1\n"},
        {"pkg/old.py": None, "pkg/new.py": "def f():\n    return 1\n"},
    ),
    (
        "__all__ and re-exports",
        {
            "pkg/__init__.py": "from pkg.a import f\n\n__all__ = ['f']\n",
            "pkg/a.py": "def f():\n    return 1\n\n\ndef g():\n    return 1\n",
        },
        {"pkg/__init__.py": "from pkg.a import f, g\n\n__all__ = ['f', 'g']\n"},
    ),
    (
        "__version__",
        {"pkg/__init__.py": "__version__ = '1.0'\n"},
        {"pkg/__init__.py": "__version__ = '1.1'\n"},
    ),
    (
        "annotations only",
        {"pkg/a.py": "def f(x):\n    return x\n"},
        {"pkg/a.py": "from typing import Any\n\n\ndef f(x: Any) -> Any:\n    return x\n"},
    ),
]


@pytest.mark.parametrize("name, base, head", NOT_CODE, ids=[m[0] for m in NOT_CODE])
def test_changes_no_test_can_see_need_no_test(git_repo, name, base, head):
    story(git_repo, base, head)
    assert run_check(git_repo, "tests-present").status == "skip"


def test_a_generated_marker_added_by_the_contribution_does_not_count(git_repo):
    story(
        git_repo,
        {"pkg/a.py": "X = 1\n"},
        {".gitattributes": "pkg/a.py linguist-generated=true\n", "pkg/a.py": "X = 2\n"},
    )
    assert run_check(git_repo, "tests-present").status == "fail"


@pytest.mark.parametrize(
    "tests, expected",
    [
        ({"tests/test_config.py": "def test_c():\n    pass\n"}, "tests/test_config.py"),
        ({"tests/unit/test_config.py": "def test_c():\n    pass\n"}, "tests/unit/test_config.py"),
        # No test file for the module: a hint never names a file that does not exist as if it did.
        (
            {"test/test_other.py": "def test_c():\n    pass\n"},
            "a new test file test_config.py under test/",
        ),  # noqa: E501
        ({}, "a new test file test_config.py under tests/"),
    ],
)
def test_hints_name_an_existing_test_file_or_the_layouts(git_repo, tests, expected):
    story(git_repo, {"src/pkg/_config.py": "A = 1\n", **tests}, {"src/pkg/_config.py": "A = 2\n"})
    (error,) = run_check(git_repo, "tests-present").findings
    assert error.hint.endswith(f"in {expected}")


@pytest.mark.parametrize("name, head, reason", NOT_EVIDENCE, ids=[c[0] for c in NOT_EVIDENCE])
def test_a_fix_whose_only_test_cannot_fail_has_no_test(git_repo, run_cli, name, head, reason):
    story(git_repo, LEGACY, {**CODE, **head})
    result = run_check(git_repo, "tests-present", contribution_types=("bugfix",))
    assert result.status == "fail"
    (error,) = [f for f in result.findings if f.code == "MR101"]
    assert "no test function was added or changed that counts" in error.message
    assert reason in error.message
    code, out, _ = run_cli("check", "--title", "fix: f returns 2", "--no-cache")
    assert code == 1
    assert "tests-present" in out and reason in out


def test_the_summary_says_only_tests_that_can_fail_count(git_repo):
    story(git_repo, LEGACY, {**CODE, **TEST})
    result = run_check(git_repo, "tests-present")
    assert result.summary == "tests that can fail changed with the code: tests/test_mod.py"


def test_a_helper_that_asserts_makes_its_caller_count(git_repo):
    story(
        git_repo,
        {**LEGACY, "tests/conftest.py": ""},
        {
            **CODE,
            "tests/test_mod.py": "from pkg.mod import f\n\n\ndef check_two(x):\n"
            "    assert x == 2\n\n\ndef test_f():\n    check_two(f())\n",
        },
    )
    assert run_check(git_repo, "tests-present").status == "pass"


# Found on scrapy (#7963): the test changed is a method of a shared base class in
# tests/utils/bases/, a file pytest does not collect by name; it runs in the collected
# subclasses that test_*.py files define, so it is test evidence.
BASES = {
    **LEGACY,
    "tests/__init__.py": "",
    "tests/utils/__init__.py": "",
    "tests/utils/bases/__init__.py": "",
    "tests/utils/bases/handlers.py": "from pkg.mod import f\n\n\nclass TestBase:\n"
    "    def test_f(self):\n        assert f() == 1\n\n\nclass TestTlsBase(TestBase):\n"
    "    pass\n",
}
BASE_TEST_CHANGED = {
    **CODE,
    "tests/utils/bases/handlers.py": BASES["tests/utils/bases/handlers.py"].replace(
        "f() == 1", "f() == 2"
    ),
}


@pytest.mark.parametrize(
    "collector",
    [
        "from tests.utils.bases.handlers import TestBase\n\n\nclass TestHttp(TestBase):\n"
        "    pass\n",
        "from .utils.bases import handlers as h\n\n\nclass TestTls(h.TestTlsBase):\n    pass\n",
    ],
    ids=["absolute import", "relative import of the module, through a subclass"],
)
def test_a_base_class_test_counts_when_collected_files_inherit_it(git_repo, collector):
    story(git_repo, {**BASES, "tests/test_http.py": collector}, BASE_TEST_CHANGED)
    result = run_check(git_repo, "tests-present")
    assert result.status == "pass", result
    assert "tests/utils/bases/handlers.py" in result.summary


def test_a_base_class_nothing_collected_inherits_is_no_evidence(git_repo):
    other = (
        "from tests.utils.bases.handlers import TestBase\n\n\nclass Helper(TestBase):\n    pass\n"
    )
    story(git_repo, {**BASES, "tests/test_http.py": other}, BASE_TEST_CHANGED)
    result = run_check(git_repo, "tests-present")
    assert result.status == "fail"
    meaningful = run_check(git_repo, "tests-meaningful")
    assert [f.code for f in meaningful.findings] == ["MR803"]


def test_the_hint_names_the_test_file_the_projects_history_changes_with_the_module(git_repo):
    # Keras tests its backends through keras/src/ops/*_test.py: no backend/jax/math_test.py.
    op_test = "keras/src/ops/math_test.py"
    git_repo.write("keras/src/backend/jax/math.py", "def f():\n    return 0\n")
    git_repo.write(op_test, "def test_f():\n    assert True\n")
    git_repo.write("keras/src/utils_test.py", "def test_u():\n    assert True\n")
    git_repo.commit("initial")
    for n in range(1, 4):
        git_repo.write("keras/src/backend/jax/math.py", f"def f():\n    return {n}\n")
        git_repo.write(op_test, f"def test_f():\n    assert g() == {n}\n")
        git_repo.commit(f"change {n} (#{n})")  # one merged pull request each
    git_repo.branch("topic")
    git_repo.write("keras/src/backend/jax/math.py", "def f():\n    return 9\n")
    git_repo.commit("change")
    (error,) = run_check(git_repo, "tests-present").findings
    assert error.hint.endswith(f"in {op_test} (changed with keras/src/backend/jax/math.py before)")
    # Changing that test file is the related test: no MR102 for the module.
    git_repo.write(op_test, "def test_f():\n    assert g() == 9\n")
    git_repo.commit("test")
    result = run_check(git_repo, "tests-present")
    assert (result.status, result.findings) == ("pass", ())


@pytest.mark.parametrize(
    "name, with_tests, pinned, status",
    [
        # the initial commit counts too: 6 merged changes touched the file
        ("activate.fish", 5, False, "fail"),  # 6 of 6 came with a test: it is code
        ("activate.fish", 2, False, "fail"),  # 3 of 6: still at least half
        ("activate.fish", 1, False, "skip"),  # 2 of 6: the project does not test it
        ("activate.fish", 5, True, "skip"),  # source: pinned in the base's configuration
        # Pillow's src/libImaging/*.c: a third of its C changes came with a test, and C in
        # the package's folder is an extension module's code however rarely its tests change.
        ("offset.c", 1, False, "fail"),
        ("offset.c", 0, False, "fail"),
        ("offset.c", 0, True, "skip"),  # pinned: nothing learned
    ],
    ids=[
        "always-tested",
        "half-tested",
        "rarely-tested",
        "pinned",
        "c-rarely-tested",
        "c-never-tested",
        "c-pinned",
    ],
)
def test_the_projects_non_python_code_is_learned_from_its_history(
    git_repo, name, with_tests, pinned, status
):
    # virtualenv's fish activator, Pillow's C core: code a maintainer asks a test for.
    git_repo.write("src/pkg/__init__.py", "X = 1\n")
    git_repo.write(f"src/pkg/{name}", "set -gx A 0\n")
    git_repo.write("tests/test_act.py", "def test_a():\n    assert run() == 0\n")
    if pinned:
        git_repo.write(".mergeready.yaml", "source: ['*.py']\n")
    git_repo.commit("initial")
    for n in range(1, 6):
        git_repo.write(f"src/pkg/{name}", f"set -gx A {n}\n")
        if n <= with_tests:
            git_repo.write("tests/test_act.py", f"def test_a():\n    assert run() == {n}\n")
        git_repo.commit(f"change {n} (#{n})")  # one merged pull request each
    git_repo.branch("topic")
    git_repo.write(f"src/pkg/{name}", "set -gx A 9\n")
    git_repo.commit("Fix the activator")
    assert run_check(git_repo, "tests-present").status == status


def test_learned_source_is_shown_with_its_origin_and_pinned_by_source(git_repo, run_cli):
    # Pillow's C core: the learned convention is in the report's type evidence and in
    # `mergeready rules`, with its origin; `source:` in .mergeready.yaml pins it (above).
    git_repo.write("src/pkg/__init__.py", "X = 1\n")
    git_repo.write("src/pkg/offset.c", "int a = 0;\n")
    git_repo.commit("initial")
    for n in range(1, 4):
        git_repo.write("src/pkg/offset.c", f"int a = {n};\n")
        git_repo.commit(f"change {n} (#{n})")  # one merged pull request each
    git_repo.branch("topic")
    git_repo.write("src/pkg/offset.c", "int a = 9;\n")
    git_repo.commit("Handle zero dimensions")
    code, out, _ = run_cli("rules")
    line = next(x for x in out.splitlines() if x.startswith("learned.source:"))
    assert line.startswith("learned.source: src/**/*.c    # code: learned from 4 of the last")
    assert line.endswith("(0 with a test); pin it with source:")
    code, out, _ = run_cli("check", "--format", "json", "--only", "tests-present")
    report = json.loads(out)
    evidence = [e for t in report["types"] for e in t["evidence"]]
    assert any(e.startswith("src/**/*.c is code here: learned from 4 of") for e in evidence)


@pytest.mark.parametrize(
    "excluded, deleted, status",
    [
        # Found on Keras (#23304): deleting a test from the backend's exclusion list runs it.
        ("ops_test.py::OpsTest::test_flip", True, "pass"),
        ("ops_test.py::test_flip", True, "pass"),
        # near misses: the entry kept, an entry naming no real test, another file's name
        ("ops_test.py::OpsTest::test_flip", False, "fail"),
        ("ops_test.py::OpsTest::test_missing", True, "fail"),
        ("nn_test.py::OpsTest::test_flip", True, "fail"),
    ],
    ids=["class-test", "function-test", "kept", "no-such-test", "other-file"],
)
def test_a_test_deleted_from_an_exclusion_list_is_a_test_switched_on(
    git_repo, excluded, deleted, status
):
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/ops.py", "def flip(x):\n    return x\n")
    test = "class OpsTest:\n    def test_flip(self):\n        assert flip(1) == 1\n"
    git_repo.write("pkg/ops_test.py", test + "\n\ndef test_flip():\n    assert flip(2) == 2\n")
    git_repo.write("pkg/excluded_tests.txt", f"ops_test.py::OpsTest::test_other\n{excluded}\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/ops.py", "def flip(x):\n    return -x\n")
    if deleted:
        git_repo.write("pkg/excluded_tests.txt", "ops_test.py::OpsTest::test_other\n")
    git_repo.commit("Fix flip on the backend")
    assert run_check(git_repo, "tests-present").status == status


@pytest.mark.parametrize(
    "module, status",
    [
        # Found on alembic: test classes built on sqlalchemy.testing.fixtures.TestBase, which
        # SQLAlchemy's pytest plugin collects whatever their names.
        ("otherlib.testing.fixtures", "pass"),
        ("otherlib.test", "pass"),
        # near miss: a base from a library's ordinary module says nothing: no test counted
        ("otherlib.models", "fail"),
    ],
    ids=["testing-package", "test-module", "ordinary-module"],
)
def test_a_test_class_built_on_a_frameworks_test_base_counts(git_repo, module, status):
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/ops.py", "def flip(x):\n    return x\n")
    git_repo.write(
        "pkg/testing/fixtures.py",
        f"from {module} import TestBase as Base\n\n\nclass TestBase(Base):\n    pass\n",
    )
    git_repo.write("pkg/testing/__init__.py", "")
    git_repo.write("tests/test_ops.py", "from pkg.testing.fixtures import TestBase\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/ops.py", "def flip(x):\n    return -x\n")
    git_repo.write(
        "tests/test_ops.py",
        "from pkg.ops import flip\nfrom pkg.testing.fixtures import TestBase\n\n\n"
        "class FlipSuite(TestBase):\n    def test_flip(self):\n        assert flip(1) == -1\n",
    )
    git_repo.commit("Fix flip")
    assert run_check(git_repo, "tests-present").status == status


# Keras 5f5bf6f3eb (the trial of issue #25, M1): a revert removes a fix and the test that came
# with it. Decided from the diff, never from a `Revert "…"` subject.
CALLBACKS = {
    "k/callback_list.py": "def run(cbs):\n    if not cbs:\n        raise ValueError('none')\n"
    "    return cbs\n",
    "k/callback_test.py": "from k.callback_list import run\n\n\ndef test_run():\n"
    "    assert run([1]) == [1]\n\n\ndef test_none():\n    assert run([]) is None\n",
}
LESS_CODE = {"k/callback_list.py": "def run(cbs):\n    return cbs\n"}
LESS_TEST = {
    "k/callback_test.py": "from k.callback_list import run\n\n\ndef test_run():\n"
    "    assert run([1]) == [1]\n"
}


@pytest.mark.parametrize(
    "head, status",
    [
        ({**LESS_CODE, **LESS_TEST}, "skip"),  # code removed with its test: nothing new to test
        (LESS_CODE, "fail"),  # code removed, no test touched: a behaviour change to test
        (  # code removed but some added: new behaviour
            {
                "k/callback_list.py": "def run(cbs):\n    return list(cbs)\n",
                **LESS_TEST,
            },
            "fail",
        ),
    ],
    ids=["removed-with-its-test", "removed-alone", "changed"],
)
def test_a_revert_that_removes_code_with_its_tests_asks_for_no_new_test(git_repo, head, status):
    story(git_repo, CALLBACKS, head, message='Revert "Fix callback validation"')
    result = run_check(git_repo, "tests-present")
    assert result.status == status, result


def test_the_hint_names_the_test_file_beside_the_module_before_a_new_one(git_repo):
    from mergeready.checks.testing.tests_present import Options

    story(
        git_repo,
        CALLBACKS,
        {"k/callback_list.py": "def run(cbs):\n    return list(cbs)\n"},
    )
    (error,) = run_check(git_repo, "tests-present", Options(prefix_match=True)).findings
    assert error.hint.endswith("in k/callback_test.py"), error.hint
    story_head = {"k/callback_list.py": "def run(cbs):\n    return tuple(cbs)\n", **LESS_TEST}
    for path, text in story_head.items():
        git_repo.write(path, text)
    git_repo.commit("more")
    (error,) = run_check(git_repo, "tests-present").findings
    assert error.hint.endswith("k/callback_test.py (changed by this contribution)"), error.hint


HINT_LAYOUTS = [
    # (id, module, test files at the base, the file history changes with the module, expected)
    (
        "fixture file never",
        "keras/layers/masking.py",
        ("keras/layers/masking_test.py",),
        "keras/conftest.py",
        "keras/layers/masking_test.py",
    ),
    (
        "named test beside before a co-changed one",
        "keras/layers/einsum_dense.py",
        ("keras/layers/einsum_dense_test.py", "keras/layers/dense_test.py"),
        "keras/layers/dense_test.py",
        "keras/layers/einsum_dense_test.py",
    ),
    (
        "named test beside before one elsewhere",
        "keras/backend/torch/core.py",
        ("keras/backend/torch/core_test.py", "keras/export/torch_test.py"),
        "keras/export/torch_test.py",
        "keras/backend/torch/core_test.py",
    ),
    (
        "test_ prefix beside",
        "pkg/core.py",
        ("pkg/test_core.py", "pkg/other_test.py"),
        "pkg/other_test.py",
        "pkg/test_core.py",
    ),
    (
        "the tests/ folder mirroring the module's",
        "pkg/backend/torch/core.py",
        ("tests/test_core.py", "tests/backend/torch/test_core.py", "tests/test_other.py"),
        "tests/test_other.py",
        "tests/backend/torch/test_core.py",
    ),
    (
        "no named test: a fixture file is no suggestion",
        "keras/layers/masking.py",
        ("keras/layers/dense_test.py",),
        "keras/conftest.py",
        "a new test file masking_test.py beside it",
    ),
]


@pytest.mark.parametrize(
    "name, module, tests, together, expected", HINT_LAYOUTS, ids=[c[0] for c in HINT_LAYOUTS]
)
def test_the_hint_prefers_the_test_named_after_the_module_to_a_co_changed_file(
    git_repo, name, module, tests, together, expected
):
    """Issue #25's second trial (P5): masking.py → "conftest.py", einsum_dense.py →
    dense_test.py and torch/core.py → export/torch_test.py, each beside a test named after it."""
    git_repo.write(module, "def f():\n    return 0\n")
    for path in {*tests, together}:
        git_repo.write(path, "def test_f():\n    assert True\n")
    git_repo.commit("initial")
    for n in range(1, 4):  # the project's history changes the module with `together`
        git_repo.write(module, f"def f():\n    return {n}\n")
        git_repo.write(together, f"def test_f():\n    assert {n}\n")
        git_repo.commit(f"change {n}")
    git_repo.branch("topic")
    git_repo.write(module, "def f():\n    return 9\n")
    git_repo.commit("change")
    (error,) = run_check(git_repo, "tests-present").findings
    assert error.hint.endswith(f"in {expected}"), error.hint


def test_the_hint_never_names_a_conftest_the_contribution_changes_beside_the_module(git_repo):
    # The Keras last-100 run showed "e.g. in conftest.py (changed by this contribution)" for a
    # change to api_gen.py: a conftest.py holds fixtures, never the test to write.
    story(
        git_repo,
        {"api_gen.py": "def gen():\n    return 1\n", "conftest.py": "import pytest\n"},
        {
            "api_gen.py": "def gen():\n    return 2\n",
            "conftest.py": "import pytest\n\n\n@pytest.fixture\ndef two():\n    return 2\n",
        },
    )
    (error,) = run_check(git_repo, "tests-present").findings
    assert "conftest.py" not in error.hint, error.hint
