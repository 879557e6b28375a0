"""tests-meaningful: the test functions a contribution adds or changes can fail, and run."""

from __future__ import annotations

import pytest
from helpers import codes, run_check, statuses, story

BASE = {"pkg/__init__.py": "", "pkg/mod.py": "def f():\n    return 1\n"}


def t(body: str, head: str = "from pkg.mod import f\n\n\n") -> dict[str, str]:
    """A test module tests/test_mod.py with the given text after the import."""
    return {"tests/test_mod.py": head + body}


UNIT = "import unittest\n\n\nclass FTest(unittest.TestCase):\n"

CASES = [
    # (id, base, head, status, codes)
    ("an assert", BASE, t("def test_f():\n    assert f() == 1\n"), "pass", []),
    ("pass asserts nothing", BASE, t("def test_f():\n    pass\n"), "fail", ["MR801"]),
    ("a docstring only", BASE, t('def test_f():\n    """Later."""\n'), "fail", ["MR801"]),
    ("assert True", BASE, t("def test_f():\n    f()\n    assert True\n"), "fail", ["MR802"]),
    ("assert a literal", BASE, t("def test_f():\n    assert 'ok'\n"), "fail", ["MR802"]),
    (
        "assert a tuple",
        BASE,
        t("def test_f():\n    assert (f() == 1, 'one')\n"),
        "fail",
        ["MR802"],
    ),
    ("a bare comparison (B015)", BASE, t("def test_f():\n    f() == 1\n"), "fail", ["MR802"]),
    (
        "a value compared with itself is an error (issue 22, attack 06)",
        BASE,
        t("def test_eq():\n    x = f()\n    assert x == x\n"),
        "fail",
        ["MR802"],
    ),
    (
        "pytest.raises in a with block",
        BASE,
        t("import pytest\n\n\ndef test_f():\n    with pytest.raises(TypeError):\n        f(1)\n"),
        "pass",
        [],
    ),
    (
        "pytest.raises outside a with block",
        BASE,
        t("import pytest\n\n\ndef test_f():\n    pytest.raises(TypeError)\n    f(1)\n"),
        "fail",
        ["MR802"],
    ),
    (
        "from pytest import raises",
        BASE,
        t(
            "from pytest import raises\n\n\ndef test_f():\n"
            "    with raises(TypeError):\n        f(1)\n"
        ),
        "pass",
        [],
    ),
    (
        "unittest assertEqual",
        BASE,
        t(UNIT + "    def test_f(self):\n        self.assertEqual(f(), 1)\n"),
        "pass",
        [],
    ),
    (
        "unittest camelCase test method",
        BASE,
        t(UNIT + "    def testF(self):\n        self.assertTrue(f())\n"),
        "pass",
        [],
    ),
    (
        "unittest self.fail",
        BASE,
        t(UNIT + "    def test_f(self):\n        if f() != 1:\n            self.fail('no')\n"),
        "pass",
        [],
    ),
    (
        "unittest test that asserts nothing",
        BASE,
        t(UNIT + "    def test_f(self):\n        pass\n"),
        "fail",
        ["MR801"],
    ),
    (
        "pytest class",
        BASE,
        t("class TestF:\n    def test_f(self):\n        assert f() == 1\n"),
        "pass",
        [],
    ),
    (
        "a nested test class",
        BASE,
        t("class TestF:\n    class TestInner:\n        def test_f(self):\n            pass\n"),
        "fail",
        ["MR801"],
    ),
    (
        "parametrised test",
        BASE,
        t(
            "import pytest\n\n\n@pytest.mark.parametrize('x, want', [(1, 1), (2, 1)])\n"
            "def test_f(x, want):\n    assert f() == want\n"
        ),
        "pass",
        [],
    ),
    (
        "mock assert_called_once_with",
        BASE,
        t(
            "from unittest import mock\n\n\ndef test_f():\n    m = mock.Mock()\n    m(1)\n"
            "    m.assert_called_once_with(1)\n"
        ),
        "fail",  # a Mock only the test calls checks the test, not the code (attack 4, 13)
        ["MR802"],
    ),
    (
        "numpy testing helper",
        BASE,
        t("import numpy as np\n\n\ndef test_f():\n    np.testing.assert_allclose(f(), 1.0)\n"),
        "pass",
        [],
    ),
    (
        "keras-style assertAllClose on a project TestCase",
        BASE,
        t(
            "from pkg import testing\n\n\nclass FTest(testing.TestCase):\n"
            "    def test_f(self):\n        self.assertAllClose(f(), 1.0)\n"
        ),
        "pass",
        [],
    ),
    (
        "a helper in the file that asserts",
        BASE,
        t("def _check(x):\n    assert x == 1\n\n\ndef test_f():\n    _check(f())\n"),
        "pass",
        [],
    ),
    (
        "a method of the class that asserts",
        BASE,
        t(
            "class TestF:\n    def check(self, x):\n        assert x == 1\n\n"
            "    def test_f(self):\n        self.check(f())\n"
        ),
        "pass",
        [],
    ),
    (
        "a fixture in conftest.py that returns an asserting checker",
        {
            **BASE,
            "tests/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef expect_one():\n"
            "    def check(x):\n        assert x == 1\n\n    return check\n",
        },
        t("def test_f(expect_one):\n    expect_one(f())\n"),
        "pass",
        [],
    ),
    (
        "a helper imported from the test utilities",
        {**BASE, "tests/__init__.py": "", "tests/utils.py": "def same(a, b):\n    assert a == b\n"},
        t("from tests.utils import same\n\n\ndef test_f():\n    same(f(), 1)\n"),
        "pass",
        [],
    ),
    (
        "a base class from the test utilities with an asserting method",
        {
            **BASE,
            "tests/__init__.py": "",
            "tests/base.py": "import unittest\n\n\nclass Case(unittest.TestCase):\n"
            "    def check_f(self, want):\n        assert want == 1\n",
        },
        t(
            "from tests.base import Case\n\n\nclass FTest(Case):\n    def test_f(self):\n"
            "        self.check_f(f())\n"
        ),
        "pass",
        [],
    ),
    (
        "library code that raises does not make a test assert",
        {**BASE, "pkg/mod.py": "def f():\n    raise ValueError('x')\n"},
        t("def test_f():\n    f()\n"),
        "pass",
        ["MR801"],
    ),
    (
        "a raise inside a stand-in class is scaffolding, not a check",
        BASE,
        t(
            "def test_f():\n    class Boom:\n        def go(self):\n            raise ValueError\n"
            "\n    Boom()\n"
        ),
        "pass",
        ["MR801"],
    ),
    (
        "a smoke test that says it checks for no error",
        BASE,
        t("def test_f_does_not_raise():\n    f()\n"),
        "pass",
        [],
    ),
    (
        "a smoke test with a comment",
        BASE,
        t("def test_f():\n    f()  # should not raise\n"),
        "pass",
        [],
    ),
    ("tst_ is not collected", BASE, t("def tst_f():\n    assert f() == 1\n"), "fail", ["MR803"]),
    (
        "a helper named _test_x that tests call is fine",
        BASE,
        t("def _test_value(x):\n    assert f() == x\n\n\ndef test_one():\n    _test_value(1)\n"),
        "pass",
        [],
    ),
    (
        "a class with __init__ is not collected",
        BASE,
        t(
            "class TestF:\n    def __init__(self):\n        self.x = 1\n\n"
            "    def test_f(self):\n        assert f() == self.x\n"
        ),
        "fail",
        ["MR803"],
    ),
    (
        "a class with __init__ is one finding however many tests it holds",
        BASE,
        t(
            "class TestF:\n    def __init__(self):\n        self.x = 1\n\n"
            "    def test_f(self):\n        assert f() == self.x\n\n"
            "    def test_g(self):\n        assert f() != self.x + 1\n"
        ),
        "fail",
        ["MR803"],
    ),
    (
        "a base class pytest skips is used by the class it collects",
        BASE,
        t(
            "class Base:\n    def test_f(self):\n        assert f() == 1\n\n\n"
            "class TestReal(Base):\n    pass\n"
        ),
        "pass",
        [],
    ),
    (
        "two uncollected methods of a collected class are two findings",
        BASE,
        t(
            "class TestF:\n    def tst_f(self):\n        assert f() == 1\n\n"
            "    def tst_g(self):\n        assert f() != 2\n"
        ),
        "fail",
        ["MR803", "MR803"],
    ),
    (
        "a tst_ helper another changed test file calls is fine",
        BASE,
        {
            **t("def tst_value(x):\n    assert f() == x\n"),
            "tests/test_other.py": "from tests.test_mod import tst_value\n\n\n"
            "def test_one():\n    tst_value(1)\n",
        },
        "pass",
        [],
    ),
    (
        "a test under if False is not collected",
        BASE,
        t("if False:\n\n    def test_f():\n        assert f() == 1\n"),
        "fail",
        ["MR803"],
    ),
    (
        "a test in conftest.py is not collected",
        BASE,
        {"tests/conftest.py": "def test_f():\n    assert 1 + 1 == 2\n"},
        "fail",
        ["MR803"],
    ),
    (
        "tests in tests/helpers.py run only when named",
        BASE,
        {"tests/helpers.py": "def test_f():\n    pass\n"},
        "pass",
        ["MR803"],
    ),
    (
        "testament is collected by pytest's prefix rule, so it must assert",
        BASE,
        t("def testament():\n    pass\n"),
        "fail",
        ["MR801"],
    ),
    (
        "a name defined twice",
        BASE,
        t("def test_f():\n    assert f() == 1\n\n\ndef test_f():\n    assert f() != 2\n"),
        "fail",
        ["MR804"],
    ),
    (
        "a helper defined twice is no shadowed test",
        BASE,
        t(
            "def helper():\n    return 1\n\n\ndef helper():\n    return 2\n\n\n"
            "def test_f():\n    assert f() == helper() - 1\n"
        ),
        "pass",
        [],
    ),
    (
        "a test named test_ shadowed where the project collects check_",
        {**BASE, "pytest.ini": "[pytest]\npython_functions = check_\n"},
        t(
            "def check_f():\n    assert f() == 1\n\n\ndef test_f():\n    assert f() == 1\n\n\n"
            "def test_f():\n    assert f() != 2\n"
        ),
        "fail",
        ["MR803", "MR803", "MR804"],
    ),
    (
        "a check_ test shadowed where the project collects check_",
        {**BASE, "pytest.ini": "[pytest]\npython_functions = check_\n"},
        t("def check_f():\n    assert f() == 1\n\n\ndef check_f():\n    assert f() != 2\n"),
        "fail",
        ["MR804"],
    ),
    (
        "a legacy pair whose body alone changes",
        {
            **BASE,
            **t("def test_f():\n    assert f() == 1\n\n\ndef test_f():\n    assert f() != 2\n"),
        },
        t("def test_f():\n    assert f() == 1\n\n\ndef test_f():\n    assert f() != 3\n"),
        "pass",
        [],
    ),
    (
        "a new test that shadows a legacy one",
        {**BASE, **t("def test_f():\n    assert f() == 1\n")},
        t("def test_f():\n    assert f() == 1\n\n\ndef test_f():\n    assert f() != 2\n"),
        "fail",
        ["MR804"],
    ),
    (
        "skipped on arrival",
        BASE,
        t("import pytest\n\n\n@pytest.mark.skip(reason='later')\ndef test_f():\n    assert f()\n"),
        "pass",
        ["MR805"],
    ),
    (
        "xfail without a condition",
        BASE,
        t("import pytest\n\n\n@pytest.mark.xfail\ndef test_f():\n    assert f() == 2\n"),
        "pass",
        ["MR805"],
    ),
    (
        "pytest.skip as the first statement",
        BASE,
        t("import pytest\n\n\ndef test_f():\n    pytest.skip('later')\n    assert f() == 1\n"),
        "pass",
        ["MR805"],
    ),
    (
        "a conditional skip is fine",
        BASE,
        t(
            "import sys\n\nimport pytest\n\n\n@pytest.mark.skipif(sys.platform == 'win32', "
            "reason='posix')\ndef test_f():\n    assert f() == 1\n"
        ),
        "pass",
        [],
    ),
    (
        "unittest.skip on the class",
        BASE,
        t(
            "import unittest\n\n\n@unittest.skip('later')\nclass FTest(unittest.TestCase):\n"
            "    def test_f(self):\n        self.assertEqual(f(), 1)\n"
        ),
        "pass",
        ["MR805"],
    ),
    (
        "legacy tests that assert nothing are never reported",
        {**BASE, **t("def test_old():\n    pass\n\n\ndef tst_old():\n    pass\n")},
        t(
            "def test_old():\n    pass\n\n\ndef tst_old():\n    pass\n\n\n"
            "def test_new():\n    assert f() == 1\n"
        ),
        "pass",
        [],
    ),
    (
        "a comment added to a legacy test does not put it in scope",
        {**BASE, **t("def test_old():\n    pass\n")},
        t("def test_old():\n    pass  # pragma: no cover\n"),
        "skip",
        [],
    ),
    (
        "a changed body of a legacy test puts it in scope",
        {**BASE, **t("def test_old():\n    assert f() == 1\n")},
        t("def test_old():\n    f() == 1\n"),
        "fail",
        ["MR802"],
    ),
    ("no test changed", BASE, {"pkg/mod.py": "def f():\n    return 2\n"}, "skip", []),
    (
        "a test file that does not parse",
        BASE,
        t("def test_f(:\n    assert f() == 1\n"),
        "pass",
        ["MR806"],
    ),
]


@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_check_function(git_repo, name, base, head, status, expected):
    story(git_repo, base, head)
    result = run_check(git_repo, "tests-meaningful")
    assert (result.status, [f.code for f in result.findings]) == (status, expected)


@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_through_the_command(git_repo, run_json, name, base, head, status, expected):
    story(git_repo, base, head)
    code, report = run_json("--only", "tests-meaningful", "--title", "test: cover f")
    assert statuses(report) == {"tests-meaningful": status}
    assert codes(report) == expected
    assert code == (1 if status == "fail" else 0)


def test_the_report_says_what_is_wrong_and_where(git_repo, run_cli):
    story(git_repo, BASE, t("def test_f():\n    pass\n\n\ndef tst_g():\n    assert f()\n"))
    code, out, _ = run_cli("check", "--title", "test: cover f", "--no-cache")
    assert code == 1
    assert "tests/test_mod.py:4: MR801 test_f asserts nothing, so it cannot fail" in out
    assert "tests/test_mod.py:8: MR803 tst_g will not be collected by pytest" in out
    assert "→ name it test_…" in out


def test_configured_assertion_helpers_count(git_repo):
    from mergeready.checks.testing.tests_meaningful import Options

    story(
        git_repo,
        BASE,
        t("from checks import expect\n\n\ndef test_f():\n    expect(f()).to_be(1)\n"),
    )
    assert [f.code for f in run_check(git_repo, "tests-meaningful").findings] == ["MR801"]
    result = run_check(git_repo, "tests-meaningful", Options(assertion_helpers=("expect",)))
    assert (result.status, result.findings) == ("pass", ())


def test_strict_projects_can_refuse_smoke_tests(git_repo):
    from mergeready.checks.testing.tests_meaningful import Options

    story(git_repo, BASE, t("def test_f():\n    f()\n"))
    result = run_check(git_repo, "tests-meaningful", Options(smoke_tests=False))
    assert result.status == "fail"
    assert [(f.code, f.severity) for f in result.findings] == [("MR801", "error")]


@pytest.mark.parametrize(
    "config_path, config",
    [
        ("pytest.ini", "[pytest]\npython_functions = check_\npython_files = *_spec.py\n"),
        (
            "pyproject.toml",
            '[tool.pytest.ini_options]\npython_functions = ["check_"]\n'
            'python_files = "*_spec.py"\n',
        ),
        (
            "tox.ini",
            "[tox]\nenvlist = py\n\n[pytest]\npython_functions = check_\n"
            "python_files = *_spec.py\n",
        ),
        ("setup.cfg", "[tool:pytest]\npython_functions = check_\npython_files = *_spec.py\n"),
    ],
)
def test_the_projects_pytest_naming_at_the_base_is_used(git_repo, config_path, config):
    story(
        git_repo,
        {**BASE, config_path: config},
        {"tests/mod_spec.py": "def check_f():\n    pass\n\n\ndef test_g():\n    assert 1 + 1\n"},
    )
    result = run_check(git_repo, "tests-meaningful")
    assert [(f.code, f.line) for f in result.findings] == [("MR803", 5), ("MR801", 1)]


def test_pytest_naming_is_read_from_the_base_not_the_contribution(git_repo):
    story(
        git_repo,
        BASE,
        {"pytest.ini": "[pytest]\npython_functions = tst_\n", **t("def tst_f():\n    pass\n")},
    )
    assert [f.code for f in run_check(git_repo, "tests-meaningful").findings] == ["MR803"]


def test_pytest_ini_wins_over_other_files_even_without_a_section(git_repo):
    from mergeready.checks.testing.pytest_config import DEFAULT_FUNCTIONS, Collection
    from mergeready.rules.pytest_settings import pytest_settings

    def collection(files):
        settings, where = pytest_settings(files.get)
        return Collection.from_settings(settings).functions, where

    files = {"pytest.ini": "", "tox.ini": "[pytest]\npython_functions = check_\n"}
    assert collection(files) == (DEFAULT_FUNCTIONS, "pytest.ini")
    assert collection({"tox.ini": files["tox.ini"]}) == (("check_",), "tox.ini [pytest]")
    assert collection({"setup.cfg": "[tool:pytest\nbroken"}) == (DEFAULT_FUNCTIONS, "")


def test_an_all_files_audit_judges_every_test(git_repo, run_json):
    git_repo.write("tests/test_a.py", "def test_a():\n    pass\n")
    git_repo.commit("initial")
    code, report = run_json("--all", "--only", "tests-meaningful", "--title", "test: x")
    assert (code, codes(report)) == (1, ["MR801"])


@pytest.mark.parametrize(
    "body, severity",
    [
        ("    x = 1\n    y: int = 2\n    ...\n", "error"),
        ("    import pkg.mod\n", "warning"),
        ("    pkg.mod\n", "warning"),  # requests' test_can_access_urllib3_attribute
        ("    x = {}\n    x['a']\n", "warning"),
    ],
)
def test_a_test_that_cannot_raise_is_an_error_one_that_can_a_warning(git_repo, body, severity):
    story(git_repo, BASE, t("def test_f():\n" + body, head="import pkg\n\n\n"))
    (finding,) = run_check(git_repo, "tests-meaningful").findings
    assert (finding.code, finding.severity) == ("MR801", severity)


REAL_WORLD = [
    # Shapes found by auditing pytest's own suite: each is a test a maintainer accepts.
    (
        "a comparison inside pytest.raises is what should raise",
        t(
            "import pytest\n\n\ndef test_f():\n    with pytest.raises(TypeError):\n"
            "        f() == object()\n"
        ),
    ),
    (
        "deprecated_call with a callable calls it",
        t("import pytest\n\n\ndef test_f():\n    pytest.deprecated_call(f)\n"),
    ),
    (
        "a base class whose tests run in a collected subclass",
        t(
            "class Common:\n    def test_f(self):\n        assert f() == 1\n\n\n"
            "class TestOne(Common):\n    pass\n"
        ),
    ),
    (
        "pytester's line matchers assert",
        t(
            "def test_f(pytester):\n    result = pytester.runpytest()\n"
            "    result.stdout.fnmatch_lines(['*1 passed*'])\n"
        ),
    ),
]


@pytest.mark.parametrize("name, head", REAL_WORLD, ids=[c[0] for c in REAL_WORLD])
def test_shapes_maintainers_accept_are_not_reported(git_repo, name, head):
    story(git_repo, BASE, head)
    result = run_check(git_repo, "tests-meaningful")
    assert (result.status, result.findings) == ("pass", ())


def test_files_pytest_never_reaches_are_not_judged(git_repo):
    config = (
        '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n'
        'norecursedirs = ["tests/example_scripts", ".*"]\n'
    )
    story(
        git_repo,
        {**BASE, "pyproject.toml": config},
        {
            "tests/example_scripts/test_data.py": "def test_1():\n    pass\n",
            "doc/example/test_doc.py": "def test_2():\n    pass\n",
            "tests/test_real.py": "def test_3():\n    pass\n",
        },
    )
    result = run_check(git_repo, "tests-meaningful")
    assert [(f.code, f.path) for f in result.findings] == [("MR801", "tests/test_real.py")]


def test_options_override_the_projects_pytest_settings(git_repo):
    from mergeready.checks.testing.tests_meaningful import Options

    story(
        git_repo,
        {**BASE, "pytest.ini": "[pytest]\npython_functions = check_\n"},
        t("def check_f():\n    assert f() == 1\n\n\ndef test_g():\n    assert f() == 1\n"),
    )
    assert [f.code for f in run_check(git_repo, "tests-meaningful").findings] == ["MR803"]
    result = run_check(git_repo, "tests-meaningful", Options(python_functions=("test",)))
    assert (result.findings, result.summary) == ((), "1 added or changed test can fail and run")
