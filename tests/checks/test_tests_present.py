"""tests-present: code changed, so a test was added or changed with it."""

from __future__ import annotations

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
        {**CODE, "tests/test_other.py": "def test_other():\n    assert True\n"},
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
            "keras/layers/dense_test.py": "def test_d():\n    assert True\n",
        },
        "pass",
        [],
    ),
    (
        "related through an import",
        LEGACY,
        {**CODE, "tests/test_api.py": "from pkg import mod\n\n\ndef test_api():\n    mod.f()\n"},
        "pass",
        [],
    ),
    (
        "test in a class",
        LEGACY,
        {**CODE, "tests/test_mod.py": "class TestF:\n    def test_f(self):\n        pass\n"},
        "pass",
        [],
    ),
    ("deleted source only", LEGACY, {"pkg/mod.py": None}, "skip", []),
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
    assert "→ add or change a test in tests/test_other.py" in out
    assert "pkg.mod" not in out


def test_prefix_match_lets_one_test_file_cover_several_modules(git_repo):
    from mergeready.checks.tests_present import Options

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
            "k/conv_test.py": "def test_c():\n    assert 1\n",
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
    assert error.hint.endswith("k/pool_test.py")


def test_the_hint_for_a_package_init_names_the_package(git_repo):
    story(git_repo, {"src/attr/__init__.py": "A = 1\n"}, {"src/attr/__init__.py": "A = 2\n"})
    (error,) = run_check(git_repo, "tests-present").findings
    assert error.hint.endswith("tests/test_attr.py")
