"""Issue 22: a bug fix whose only test cannot fail, never runs or is never collected has no test.

Every row is a hostile contributor's way to make a test look like evidence: a no-op helper named
like an assertion, an assertion that is always true, unreachable or swallowed, a skip in any
spelling, a test rebound or deleted after its ``def``, a collection switch the contribution adds.
Each row must leave tests-present failing (MR101) on a real repository.
"""

from __future__ import annotations

import pytest
from helpers import run_check, story

LEGACY = {
    "pkg/__init__.py": "",
    "pkg/mod.py": "def f():\n    return 1\n",
    "tests/__init__.py": "",
    "tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 1\n",
}
CODE = {"pkg/mod.py": "def f():\n    return 2\n"}
HEAD = "import pytest\nfrom pkg.mod import f\n\n\n"


def t(body: str) -> dict[str, str]:
    return {"tests/test_mod.py": HEAD + body}


BYPASSES = [
    # A no-op helper named like an assertion.
    (
        "no-op assert helper",
        t("def assert_two(x):\n    pass\n\n\ndef test_f():\n    assert_two(f())\n"),
    ),
    (
        "no-op check helper",
        t("def check_two(x):\n    return x\n\n\ndef test_f():\n    check_two(f())\n"),
    ),
    (
        "no-op assert method",
        t(
            "import unittest\n\n\nclass T(unittest.TestCase):\n    def assertTwo(self, x):\n"
            "        pass\n\n    def test_f(self):\n        self.assertTwo(f())\n"
        ),
    ),
    (
        "no-op helper imported from the tests",
        {
            "tests/util.py": "def assert_two(x):\n    return None\n",
            **t("from tests.util import assert_two\n\n\ndef test_f():\n    assert_two(f())\n"),
        },
    ),
    # Constant or tautological assertions.
    ("assert 1 == 1", t("def test_f():\n    f()\n    assert 1 == 1\n")),
    ("assert not None", t("def test_f():\n    f()\n    assert not None\n")),
    ("assert -1", t("def test_f():\n    f()\n    assert -1\n")),
    ("assert ...", t("def test_f():\n    f()\n    assert ...\n")),
    ("assert lambda", t("def test_f():\n    f()\n    assert lambda: 0\n")),
    ("assert x or True", t("def test_f():\n    assert f() == 2 or True\n")),
    ("assert True or x", t("def test_f():\n    assert True or f() == 2\n")),
    ("assert 'a' in 'abc'", t("def test_f():\n    f()\n    assert 'a' in 'abc'\n")),
    ("assert a generator", t("def test_f():\n    assert (x for x in [f()] if x == 2)\n")),
    (
        "assertTrue(1 == 1)",
        t(
            "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_f(self):\n"
            "        f()\n        self.assertTrue(1 == 1)\n"
        ),
    ),
    (
        "assertEqual(2, 2)",
        t(
            "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_f(self):\n"
            "        f()\n        self.assertEqual(2, 2)\n"
        ),
    ),
    # Unreachable or swallowed assertions.
    ("after return", t("def test_f():\n    f()\n    return\n    assert f() == 2\n")),
    (
        "after if True: return",
        t("def test_f():\n    f()\n    if True:\n        return\n    assert f() == 2\n"),
    ),
    (
        "after sys.exit",
        t("import sys\n\n\ndef test_f():\n    f()\n    sys.exit(0)\n    assert f() == 2\n"),
    ),
    ("after raise", t("def test_f():\n    f()\n    raise SystemExit\n    assert f() == 2\n")),
    (
        "try/except pass",
        t(
            "def test_f():\n    try:\n        assert f() == 2\n"
            "    except Exception:\n        pass\n"
        ),
    ),
    (
        "bare except",
        t("def test_f():\n    try:\n        assert f() == 2\n    except:\n        pass\n"),
    ),
    (
        "except AssertionError",
        t(
            "def test_f():\n    try:\n        assert f() == 2\n"
            "    except AssertionError:\n        pass\n"
        ),
    ),
    (
        "finally return",
        t("def test_f():\n    try:\n        assert f() == 2\n    finally:\n        return\n"),
    ),
    (
        "suppress",
        t(
            "from contextlib import suppress\n\n\ndef test_f():\n"
            "    with suppress(AssertionError):\n        assert f() == 2\n"
        ),
    ),
    (
        "contextlib.suppress(Exception)",
        t(
            "import contextlib\n\n\ndef test_f():\n"
            "    with contextlib.suppress(Exception):\n        assert f() == 2\n"
        ),
    ),
    (
        "assert in a nested function never called",
        t("def test_f():\n    def inner():\n        assert f() == 2\n    f()\n"),
    ),
    (
        "assert in a method of a nested class never used",
        t(
            "def test_f():\n    class Step:\n        def on_end(self):\n"
            "            assert f() == 2\n    f()\n"
        ),
    ),
    ("under if False", t("def test_f():\n    f()\n    if False:\n        assert f() == 2\n")),
    ("under while 0", t("def test_f():\n    f()\n    while 0:\n        assert f() == 2\n")),
    # Unconditional skips in every spelling.
    (
        "module-level pytest.skip",
        t(
            "pytest.skip('later', allow_module_level=True)\n\n\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "skipif('True')",
        t("@pytest.mark.skipif('True', reason='x')\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "skipif(True)",
        t("@pytest.mark.skipif(True, reason='x')\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "skipif(1 == 1)",
        t("@pytest.mark.skipif(1 == 1, reason='x')\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "skipif('1')",
        t("@pytest.mark.skipif('1', reason='x')\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "skipif(condition=True)",
        t("@pytest.mark.skipif(condition=True, reason='x')\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "empty parametrize",
        t("@pytest.mark.parametrize('x', [])\ndef test_f(x):\n    assert f() == 2\n"),
    ),
    (
        "empty parametrize tuple",
        t("@pytest.mark.parametrize(('x', 'y'), ())\ndef test_f(x, y):\n    assert f() == 2\n"),
    ),
    (
        "class pytestmark",
        t(
            "class TestF:\n    pytestmark = pytest.mark.skip\n\n    "
            "def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    (
        "class pytestmark list",
        t(
            "class TestF:\n    pytestmark = [pytest.mark.skip('x')]\n\n    "
            "def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    (
        "module pytestmark",
        t("pytestmark = pytest.mark.skip\n\n\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "module pytestmark skipif('True')",
        t(
            "pytestmark = pytest.mark.skipif('True', reason='x')\n\n\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "mark assigned then applied",
        t("skip = pytest.mark.skip(reason='x')\n\n\n@skip\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "unittest.skip",
        t("import unittest\n\n\n@unittest.skip('x')\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "skip first in a class setup_method",
        t(
            "class TestF:\n    def setup_method(self):\n        pytest.skip('x')\n\n"
            "    def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    # Rebound or deleted after its def.
    ("rebound to None", t("def test_f():\n    assert f() == 2\n\n\ntest_f = None\n")),
    ("deleted", t("def test_f():\n    assert f() == 2\n\n\ndel test_f\n")),
    (
        "__test__ = False on the function",
        t("def test_f():\n    assert f() == 2\n\n\ntest_f.__test__ = False\n"),
    ),
    (
        "module __test__ = False after",
        t("def test_f():\n    assert f() == 2\n\n\n__test__ = False\n"),
    ),
    (
        "class __test__ = False",
        t("class TestF:\n    def test_f(self):\n        assert f() == 2\n\n    __test__ = False\n"),
    ),
    (
        "method rebound in its class",
        t("class TestF:\n    def test_f(self):\n        assert f() == 2\n\n    test_f = None\n"),
    ),
    # Collection switched off by files the contribution adds.
    (
        "conftest collect_ignore",
        {
            "tests/conftest.py": "collect_ignore = ['test_mod.py']\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "conftest collect_ignore_glob",
        {
            "tests/conftest.py": "collect_ignore_glob = ['test_*.py']\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "conftest pytest_ignore_collect",
        {
            "conftest.py": "def pytest_ignore_collect(collection_path, config):\n    return True\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "conftest pytest_collection_modifyitems",
        {
            "tests/conftest.py": "def pytest_collection_modifyitems(items):\n    items.clear()\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "pytest.ini",
        {
            "pytest.ini": "[pytest]\npython_files = nothing_*.py\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "tests/pytest.ini",
        {
            "tests/pytest.ini": "[pytest]\naddopts = --ignore=tests/test_mod.py\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "tox.ini",
        {
            "tox.ini": "[pytest]\npython_functions = nothing_*\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "setup.cfg",
        {
            "setup.cfg": "[tool:pytest]\naddopts = -k 'not test_f'\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "pyproject.toml",
        {
            "pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = ['nowhere']\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
]


@pytest.mark.parametrize("name, head", BYPASSES, ids=[b[0] for b in BYPASSES])
def test_a_bypass_is_no_test_for_a_bug_fix(git_repo, name, head):
    story(git_repo, LEGACY, {**CODE, **head})
    result = run_check(git_repo, "tests-present", contribution_types=("bugfix",))
    assert result.status == "fail", result
    assert "MR101" in [f.code for f in result.findings]


REAL = [
    ("a plain assert", t("def test_f():\n    assert f() == 2\n")),
    (
        "a library assert",
        t("import numpy as np\n\n\ndef test_f():\n    np.testing.assert_equal(f(), 2)\n"),
    ),
    (
        "a helper that asserts",
        t("def assert_two(x):\n    assert x == 2\n\n\ndef test_f():\n    assert_two(f())\n"),
    ),
    (
        "try/except that re-raises",
        t(
            "def test_f():\n    try:\n        assert f() == 2\n"
            "    except AssertionError:\n        raise\n"
        ),
    ),
    (
        "except another error",
        t("def test_f():\n    try:\n        assert f() == 2\n    except KeyError:\n        pass\n"),
    ),
    (
        "a conditional skipif",
        t(
            "import sys\n\n\n@pytest.mark.skipif(sys.platform == 'win32', reason='x')\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "a parametrize with values",
        t("@pytest.mark.parametrize('x', [2])\ndef test_f(x):\n    assert f() == x\n"),
    ),
    (
        "assert after an if with return",
        t("def test_f():\n    if f() == 3:\n        return\n    assert f() == 2\n"),
    ),
    (
        "a nested function that is called",
        t("def test_f():\n    def inner():\n        assert f() == 2\n    inner()\n"),
    ),
    (  # Keras: a callback's on_batch_end asserts; the failure propagates out of fit()
        "a nested callback class passed to the code under test",
        t(
            "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_f(self):\n"
            "        test_obj = self\n\n        class Step:\n"
            "            def on_batch_end(self, batch):\n"
            "                test_obj.assertEqual(f(), 2)\n\n        run_with([Step()])\n"
        ),
    ),
    (
        "a contributed conftest with fixtures only",
        {
            "tests/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef two():\n    return 2\n",
            **t("def test_f(two):\n    assert f() == two\n"),
        },
    ),
    (
        "an unrelated tox.ini",
        {
            "tox.ini": "[tox]\nenvlist = py3\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    ("a test rebound before its def", t("test_f = None\n\n\ndef test_f():\n    assert f() == 2\n")),
]


@pytest.mark.parametrize("name, head", REAL, ids=[b[0] for b in REAL])
def test_the_near_misses_still_count(git_repo, name, head):
    story(git_repo, LEGACY, {**CODE, **head})
    result = run_check(git_repo, "tests-present", contribution_types=("bugfix",))
    assert result.status == "pass", result
