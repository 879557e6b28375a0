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
    # Assertions on literals and builtins only: fixed whatever the code does (attack 52).
    ("assert 1 + 1 == 2", t("def test_f():\n    f()\n    assert 1 + 1 == 2\n")),
    ("assert len('ab') == 2", t("def test_f():\n    f()\n    assert len('ab') == 2\n")),
    ("assert 'a'.upper()", t("def test_f():\n    f()\n    assert 'a'.upper() == 'A'\n")),
    ("assert sorted(...)", t("def test_f():\n    f()\n    assert sorted([2, 1]) == [1, 2]\n")),
    ("assert None is None", t("def test_f():\n    f()\n    assert None is None\n")),
    ("assert 2 ** 3 == 8", t("def test_f():\n    f()\n    assert 2 ** 3 == 8\n")),
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
    # Issue 22, round 2 (attacks 06, 37, 45): what the syntax proves, never runs or always skips.
    ("assert an f-string", t('def test_f():\n    assert f"{f() == 2}"\n')),
    ("assert an f-string with !r", t('def test_f():\n    assert f"{f()!r}"\n')),
    ("assert tuple([...])", t("def test_f():\n    assert tuple([f() == 2])\n")),
    ("assert list((...))", t("def test_f():\n    assert list((f() == 2,))\n")),
    ("assert isinstance(x, object)", t("def test_f():\n    assert isinstance(f(), object)\n")),
    ("assert len(...) >= 0", t("def test_f():\n    assert len(str(f())) >= 0\n")),
    ("assert 0 <= len(...)", t("def test_f():\n    assert 0 <= len(str(f()))\n")),
    ("a lambda bound once", t("def test_f():\n    check = lambda: f() == 2\n    assert check\n")),
    (
        "a nested def asserted",
        t("def test_f():\n    def check():\n        return f() == 2\n\n    assert check\n"),
    ),
    ("x == x", t("def test_f():\n    x = f()\n    assert x == x\n")),
    ("x == y, y = x", t("def test_f():\n    x = f()\n    y = x\n    assert x == y\n")),
    (
        "assertTrue('text')",
        t(
            "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_f(self):\n"
            "        f()\n        self.assertTrue('text')\n"
        ),
    ),
    (
        "assertTrue(isinstance(x, object))",
        t(
            "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_f(self):\n"
            "        self.assertTrue(isinstance(f(), object))\n"
        ),
    ),
    (
        "assertEqual(x, y), y = x",
        t(
            "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_f(self):\n"
            "        x = f()\n        y = x\n        self.assertEqual(x, y)\n"
        ),
    ),
    (
        "a MagicMock attribute",
        t(
            "from unittest.mock import MagicMock\n\n\ndef test_f():\n"
            "    m = MagicMock(wraps=f)\n    m()\n    assert m.was_called_right\n"
        ),
    ),
    (
        "a Mock attribute in a parametrized test",
        t(
            "from unittest import mock\n\n\n@pytest.mark.parametrize('x', [1, 2])\n"
            "def test_f(x):\n    m = mock.Mock()\n    m(f())\n    assert m.ok.really\n"
        ),
    ),
    ("for _ in ()", t("def test_f():\n    for _ in ():\n        assert f() == 2\n")),
    ("for _ in []", t("def test_f():\n    for _ in []:\n        assert f() == 2\n")),
    ("for _ in range(0)", t("def test_f():\n    for _ in range(0):\n        assert f() == 2\n")),
    ("while False", t("def test_f():\n    f()\n    while False:\n        assert f() == 2\n")),
    ("if 0", t("def test_f():\n    f()\n    if 0:\n        assert f() == 2\n")),
    (
        "if sys.version_info < (3,)",
        t(
            "import sys\n\n\n"
            "def test_f():\n    if sys.version_info < (3,):\n        assert f() == 2\n"
        ),
    ),
    (
        "if sys.version_info[0] == 2",
        t(
            "import sys\n\n\n"
            "def test_f():\n    if sys.version_info[0] == 2:\n        assert f() == 2\n"
        ),
    ),
    (
        "if sys.version_info.major < 3 in a class",
        t(
            "import sys\n\n\nclass TestF:\n    def test_f(self):\n"
            "        if sys.version_info.major < 3:\n            assert f() == 2\n"
        ),
    ),
    (
        "after try: return finally",
        t(
            "def test_f():\n    try:\n        return\n"
            "    finally:\n        pass\n    assert f() == 2\n"
        ),
    ),
    (
        "after pytest.skip() in a with block",
        t(
            "import contextlib\n\n\ndef test_f():\n    with contextlib.nullcontext():\n"
            "        pytest.skip('x')\n        assert f() == 2\n"
        ),
    ),
    (
        "after self.skipTest() in a block",
        t(
            "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_f(self):\n"
            "        for _ in [1]:\n            self.skipTest('x')\n            assert f() == 2\n"
        ),
    ),
    (
        "skipif(sys.version_info > (0,))",
        t(
            "import sys\n\n\n@pytest.mark.skipif(sys.version_info > (0,), reason='x')\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "skipif('sys.version_info >= (3,)')",
        t(
            "@pytest.mark.skipif('sys.version_info >= (3,)', reason='x')\ndef test_f():\n"
            "    assert f() == 2\n"
        ),
    ),
    (
        "skipif(sys.platform != 'plan9-nonexistent')",
        t(
            "import sys\n\n\n@pytest.mark.skipif(sys.platform != 'plan9-nonexistent', reason='x')\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "skipif(1) on a class",
        t(
            "@pytest.mark.skipif(1, reason='x')\nclass TestF:\n"
            "    def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    (
        "pytest.skip as the second statement",
        t("def test_f():\n    x = 1\n    pytest.skip('later')\n    assert f() == 2 + x - 1\n"),
    ),
    (
        "skip through a helper of the file",
        t(
            "def _later():\n    pytest.skip('later')\n\n\n"
            "def test_f():\n    _later()\n    assert f() == 2\n"
        ),
    ),
    (
        "skip through a helper's helper",
        t(
            "def _later():\n    pytest.skip('later')\n\n\ndef _setup():\n    _later()\n\n\n"
            "def test_f():\n    _setup()\n    assert f() == 2\n"
        ),
    ),
    (
        "skip through a method of the class",
        t(
            "class TestF:\n    def _later(self):\n        pytest.skip('later')\n\n"
            "    def test_f(self):\n        self._later()\n        assert f() == 2\n"
        ),
    ),
    # Collection switched off or a skip inherited from a base of the file (#22, 88, 91, 97).
    (
        "__test__ = False inherited",
        t(
            "class Base:\n    __test__ = False\n\n\nclass Mid(Base):\n    pass\n\n\n"
            "class TestF(Mid):\n    def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    (
        "setattr(test_f, '__test__', False)",
        t("def test_f():\n    assert f() == 2\n\n\nsetattr(test_f, '__test__', False)\n"),
    ),
    (
        "a base's setUp calls skipTest",
        t(
            "import unittest\n\n\nclass Mixin(unittest.TestCase):\n    def setUp(self):\n"
            "        self.skipTest('later')\n\n\nclass FCase(Mixin):\n    def test_f(self):\n"
            "        self.assertEqual(f(), 2)\n"
        ),
    ),
    (
        "a base's setup_method skips through a helper",
        t(
            "class Base:\n    def _later(self):\n        pytest.skip('later')\n\n"
            "    def setup_method(self):\n        self._later()\n\n\n"
            "class TestF(Base):\n    def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    # A parametrize over values that are empty in another spelling (#22, 90, 92).
    (
        "parametrize over an empty generator",
        t("@pytest.mark.parametrize('x', (x for x in ()))\ndef test_f(x):\n    assert f() == x\n"),
    ),
    (
        "parametrize over a helper whose comprehension keeps nothing",
        t(
            "def cases():\n    return [c for c in (1, 2) if c > 5]\n\n\n"
            "@pytest.mark.parametrize('x', cases())\ndef test_f(x):\n    assert f() == x\n"
        ),
    ),
    (
        "parametrize over a module constant that is empty",
        t(
            "CASES = []\n\n\n@pytest.mark.parametrize('x', CASES)\n"
            "def test_f(x):\n    assert f() == x\n"
        ),
    ),
    # A test replaced by its own file: a decorator that drops it, a globals() edit (#22, 15).
    (
        "a decorator of the file returning a no-op",
        t(
            "def neutral(fn):\n    return lambda: None\n\n\n"
            "@neutral\ndef test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "globals().pop('test_f')",
        t("def test_f():\n    assert f() == 2\n\n\nglobals().pop('test_f')\n"),
    ),
    (
        "del globals()['test_f']",
        t("def test_f():\n    assert f() == 2\n\n\ndel globals()['test_f']\n"),
    ),
    # A no-op helper imported from a module beside the test, under an alias (#22, 12).
    (
        "a no-op helper imported from the test's folder as ok",
        {
            "tests/helpers.py": "def assert_close(a, b):\n    return None\n",
            **t("from helpers import assert_close as ok\n\n\ndef test_f():\n    ok(f(), 2)\n"),
        },
    ),
    (
        "a no-op helper imported from the tests package as ok",
        {
            "tests/helpers.py": "def assert_close(a, b):\n    return None\n",
            **t(
                "from tests.helpers import assert_close as ok\n\n\ndef test_f():\n    ok(f(), 2)\n"
            ),
        },
    ),
    # An async test in a project with no plugin that runs one: pytest skips it (#22, 09).
    ("async def with no async plugin", t("async def test_f():\n    assert f() == 2\n")),
    (
        "async def marked asyncio with no plugin",
        t("@pytest.mark.asyncio\nasync def test_f():\n    assert f() == 2\n"),
    ),
    # The function under test patched away before the test calls it (#22, 107).
    (
        "mock.patch of the function it calls",
        t(
            "from unittest import mock\n\nimport pkg.mod as mod\n\n\ndef test_f():\n"
            "    with mock.patch('pkg.mod.f', return_value=2):\n        assert mod.f() == 2\n"
        ),
    ),
    (
        "monkeypatch.setattr of the function it calls",
        t(
            "import pkg.mod as mod\n\n\ndef test_f(monkeypatch):\n"
            "    monkeypatch.setattr(mod, 'f', lambda: 2)\n    assert mod.f() == 2\n"
        ),
    ),
    # A raises block that catches AssertionError swallows the assertion; one whose body always
    # raises by itself always passes (#22, 77).
    (
        "assert then 1 / 0 in raises(Exception)",
        t(
            "def test_f():\n    with pytest.raises(Exception):\n"
            "        assert f() == 2\n        1 / 0\n"
        ),
    ),
    (
        "assert then raise in assertRaises(BaseException)",
        t(
            "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_f(self):\n"
            "        with self.assertRaises((KeyError, BaseException)):\n"
            "            assert f() == 2\n            raise KeyError\n"
        ),
    ),
    # A module-level name bound once to a literal is a constant: its branches fold (#22, 16/106).
    (
        "if DEBUG, DEBUG = False",
        t("DEBUG = False\n\n\ndef test_f():\n    if DEBUG:\n        assert f() == 2\n"),
    ),
    (
        "if not ENABLED: return, ENABLED = False",
        t(
            "ENABLED = False\n\n\ndef test_f():\n"
            "    if not ENABLED:\n        return\n    assert f() == 2\n"
        ),
    ),
    (
        "for _ in CASES, CASES = ()",
        t("CASES: tuple = ()\n\n\ndef test_f():\n    for _ in CASES:\n        assert f() == 2\n"),
    ),
    (
        "if DEBUG in a method, patched to the same value",
        t(
            "DEBUG = 0\n\n\nclass TestF:\n    def test_f(self, monkeypatch):\n"
            "        monkeypatch.setattr('tests.test_mod.DEBUG', 0)\n"
            "        if DEBUG:\n            assert f() == 2\n"
        ),
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
    # another object's assert_ is its own check (alembic's context.assert_ compares emitted SQL)
    (
        "another object's assert_",
        t(
            "class Ctx:\n    def assert_(self, *sql):\n        assert sql == ('SQL 2',)\n\n\n"
            "def test_f():\n    context = Ctx()\n    context.assert_(f'SQL {f()}')\n"
        ),
    ),
    # a builtin around the code under test, or a result kept in a variable, reads the project
    ("len of the result", t("def test_f():\n    assert len(str(f())) == 1\n")),
    ("a variable", t("def test_f():\n    x = f()\n    assert abs(x) == 2\n")),
    ("a walrus", t("def test_f():\n    assert (y := f()) == 2 and y\n")),
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
    # Near misses of the round-2 rows: real checks in the same spellings.
    ("an f-string compared", t("def test_f():\n    assert f\"{f()}\" == '2'\n")),
    ("isinstance of a real type", t("def test_f():\n    assert isinstance(f(), int)\n")),
    ("len compared with 1", t("def test_f():\n    assert len(str(f())) >= 1\n")),
    ("a lambda called", t("def test_f():\n    check = lambda: f() == 2\n    assert check()\n")),
    ("x == y of two calls", t("def test_f():\n    x = f()\n    y = f()\n    assert x == y == 2\n")),
    (
        "a Mock handed to the code",
        t(
            "from unittest.mock import MagicMock\n\n\ndef run(m):\n    m.done = f() == 2\n\n\n"
            "def test_f():\n    m = MagicMock()\n    run(m)\n    assert m.done\n"
        ),
    ),
    (
        "mock.called",
        t(
            "from unittest.mock import MagicMock\n\n\ndef test_f():\n    m = MagicMock()\n"
            "    if f() == 2:\n        m()\n    assert m.called\n"
        ),
    ),
    ("for over a list", t("def test_f():\n    for x in [2]:\n        assert f() == x\n")),
    (
        "a real version check",
        t(
            "import sys\n\n\ndef test_f():\n    if sys.version_info >= (3, 8):\n"
            "        assert f() == 2\n"
        ),
    ),
    (
        "a real platform skipif",
        t(
            "import sys\n\n\n@pytest.mark.skipif(sys.platform == 'freebsd13', reason='x')\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "a helper that asserts before it skips",
        t(
            "def _check():\n    assert f() == 2\n    pytest.skip('rest later')\n\n\n"
            "def test_f():\n    _check()\n"
        ),
    ),
    (
        "try: return with a handler that goes on",
        t(
            "def test_f():\n    try:\n        x = f()\n    except KeyError:\n        x = 2\n"
            "    assert x == 2\n"
        ),
    ),
    (
        "raises(ValueError) around the call",
        t("def test_f():\n    with pytest.raises(ValueError):\n        f()\n"),
    ),
    (
        "raises(Exception) around the call",
        t("def test_f():\n    with pytest.raises(Exception, match='x'):\n        f()\n"),
    ),
    (
        "an assert after a raises(AssertionError) block",
        t(
            "def test_f():\n    with pytest.raises(AssertionError):\n"
            "        raise AssertionError\n    assert f() == 2\n"
        ),
    ),
    # A base that switches itself off or skips in a set-up its subclass replaces.
    (
        "__test__ = True over a base's False",
        t(
            "class Base:\n    __test__ = False\n\n\n"
            "class TestF(Base):\n    __test__ = True\n\n"
            "    def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    (
        "a subclass's own setUp replaces the skipping one",
        t(
            "import unittest\n\n\nclass Mixin(unittest.TestCase):\n    def setUp(self):\n"
            "        self.skipTest('abstract')\n\n\nclass FCase(Mixin):\n    def setUp(self):\n"
            "        self.x = 2\n\n    def test_f(self):\n        self.assertEqual(f(), self.x)\n"
        ),
    ),
    # Parameter values that are there.
    (
        "parametrize over a helper whose comprehension keeps one",
        t(
            "def cases():\n    return [c for c in (1, 2) if c > 1]\n\n\n"
            "@pytest.mark.parametrize('x', cases())\ndef test_f(x):\n    assert f() == x\n"
        ),
    ),
    (
        "parametrize over a generator of a computed list",
        t(
            "@pytest.mark.parametrize('x', (x for x in sorted({2})))\n"
            "def test_f(x):\n    assert f() == x\n"
        ),
    ),
    # A decorator of the file that keeps the test.
    (
        "a decorator of the file that wraps the test",
        t(
            "import functools\n\n\ndef logged(fn):\n    @functools.wraps(fn)\n"
            "    def inner(*a):\n        return fn(*a)\n\n    return inner\n\n\n"
            "@logged\ndef test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "a decorator of the file that returns the test",
        t(
            "def mark(fn):\n    fn.tag = 1\n    return fn\n\n\n"
            "@mark\ndef test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "a helper imported from the test's folder that asserts",
        {
            "tests/helpers.py": "def assert_close(a, b):\n    assert a == b\n",
            **t("from helpers import assert_close as ok\n\n\ndef test_f():\n    ok(f(), 2)\n"),
        },
    ),
    # A patch of what the code depends on, or one that wraps the real function.
    (
        "mock.patch of a dependency, then the code under test",
        t(
            "from unittest import mock\n\n\ndef test_f():\n"
            "    with mock.patch('os.getcwd', return_value='/'):\n        assert f() == 2\n"
        ),
    ),
    (
        "mock.patch with wraps= of the function it calls",
        t(
            "from unittest import mock\n\nimport pkg.mod as mod\n\n\ndef test_f():\n"
            "    with mock.patch('pkg.mod.f', wraps=mod.f):\n        assert mod.f() == 2\n"
        ),
    ),
    # Names that are not constants: bound twice, patched to another value, or true.
    (
        "if DEBUG, DEBUG = True",
        t("DEBUG = True\n\n\ndef test_f():\n    if DEBUG:\n        assert f() == 2\n"),
    ),
    (
        "if FAST, rebound in the test",
        t(
            "FAST = False\n\n\ndef test_f():\n"
            "    FAST = f()\n    if FAST:\n        assert f() == 2\n"
        ),
    ),
    (
        "if FAST, FAST bound twice",
        t("FAST = False\nFAST = True\n\n\ndef test_f():\n    if FAST:\n        assert f() == 2\n"),
    ),
    (
        "if DEBUG, patched on by a fixture",
        t(
            "DEBUG = False\n\n\n@pytest.fixture(autouse=True)\ndef on(monkeypatch):\n"
            "    monkeypatch.setattr('tests.test_mod.DEBUG', True)\n\n\n"
            "def test_f():\n    if DEBUG:\n        assert f() == 2\n"
        ),
    ),
    (
        "for x in CASES, CASES = (2,)",
        t("CASES = (2,)\n\n\ndef test_f():\n    for x in CASES:\n        assert f() == x\n"),
    ),
]


@pytest.mark.parametrize("name, head", REAL, ids=[b[0] for b in REAL])
def test_the_near_misses_still_count(git_repo, name, head):
    story(git_repo, LEGACY, {**CODE, **head})
    result = run_check(git_repo, "tests-present", contribution_types=("bugfix",))
    assert result.status == "pass", result


# Skips that come from elsewhere: a missing module, a fixture, a class decorator, a dead block.
# Each row runs the real command on a real repository: the bug fix's only test must not count.
LOGREPORT = "def pytest_runtest_logreport(report):\n    report.outcome = 'passed'\n"
EXITS = "import pytest\n\n\ndef {hook}:\n    pytest.exit('ok', returncode=0)\n"
SKIPPER = "@pytest.fixture\ndef later():\n    pytest.skip('later')\n\n\n"
ELSEWHERE = [
    # Issue 22, round 2 (attack 45): a minversion no release reaches, skips through helpers.
    (
        "importorskip with a minversion no release reaches",
        t(
            "json = pytest.importorskip('json', minversion='999')\n\n\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "test-level importorskip of the project with minversion 500",
        t("def test_f():\n    pytest.importorskip('pkg', '500.0')\n    assert f() == 2\n"),
    ),
    (
        "a conftest autouse fixture that calls a skipping helper",
        {
            "tests/conftest.py": (
                "import pytest\n\n\ndef _later():\n    pytest.skip('later')\n\n\n"
                "@pytest.fixture(autouse=True)\ndef later():\n    _later()\n"
            ),
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "a setup_method that calls a skipping method",
        t(
            "class TestF:\n    def _later(self):\n        pytest.skip('x')\n\n"
            "    def setup_method(self):\n        self._later()\n\n"
            "    def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    (
        "a unittest setUp that calls a skipping helper",
        t(
            "import unittest\n\n\ndef _later(case):\n    case.skipTest('x')\n\n\n"
            "class T(unittest.TestCase):\n    def setUp(self):\n        _later(self)\n\n"
            "    def test_f(self):\n        self.assertEqual(f(), 2)\n"
        ),
    ),
    (
        "module-level importorskip of a module nothing declares",
        t("pytest.importorskip('no_such_module')\n\n\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "module-level importorskip bound to a name",
        t("nsm = pytest.importorskip('nosuchmodule')\n\n\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "test-level importorskip",
        t("def test_f():\n    pytest.importorskip('nosuchmodule')\n    assert f() == 2\n"),
    ),
    (
        "test-level importorskip bound, after a docstring",
        t(
            "def test_f():\n    '''Two.'''\n    m = pytest.importorskip('no_such.sub')\n"
            "    assert f() == 2\n"
        ),
    ),
    ("a skipping fixture in the file", t(SKIPPER + "def test_f(later):\n    assert f() == 2\n")),
    (
        "a skipping fixture in a contributed conftest",
        {
            "tests/conftest.py": "import pytest\n\n\n" + SKIPPER,
            **t("def test_f(later):\n    assert f() == 2\n"),
        },
    ),
    (
        "an autouse fixture in a contributed conftest",
        {
            "tests/conftest.py": (
                "import pytest\n\n\n@pytest.fixture(autouse=True)\ndef later():\n"
                "    pytest.skip('later')\n"
            ),
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "a yield fixture that skips first",
        t(
            "@pytest.fixture\ndef later():\n    pytest.skip('later')\n    yield 2\n\n\n"
            "def test_f(later):\n    assert f() == later\n"
        ),
    ),
    (
        "a fixture that raises SkipTest",
        t(
            "import unittest\n\n\n@pytest.fixture\ndef later():\n    raise unittest.SkipTest('x')"
            "\n\n\ndef test_f(later):\n    assert f() == 2\n"
        ),
    ),
    (
        "a fixture that imports a module nothing declares",
        t(
            "@pytest.fixture\ndef later():\n    return pytest.importorskip('nosuchmodule')\n\n\n"
            "def test_f(later):\n    assert f() == 2\n"
        ),
    ),
    (
        "a fixture that needs a skipping fixture",
        t(
            SKIPPER + "@pytest.fixture\ndef two(later):\n    return 2\n\n\n"
            "def test_f(two):\n    assert f() == two\n"
        ),
    ),
    (
        "usefixtures of a skipping fixture",
        t(SKIPPER + "@pytest.mark.usefixtures('later')\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "a module pytestmark with usefixtures",
        t(
            SKIPPER + "pytestmark = pytest.mark.usefixtures('later')\n\n\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "a skipping autouse fixture in the test's class",
        t(
            "class TestF:\n    @pytest.fixture(autouse=True)\n    def later(self):\n"
            "        pytest.skip('x')\n\n    def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    (
        "unittest.skip on the class",
        t(
            "import unittest\n\n\n@unittest.skip('x')\nclass T(unittest.TestCase):\n"
            "    def test_f(self):\n        self.assertEqual(f(), 2)\n"
        ),
    ),
    (
        "skipif(True) on the class",
        t(
            "@pytest.mark.skipif(True, reason='x')\nclass TestF:\n"
            "    def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    (
        "a skip after the set-up, before the assertion",
        t("def test_f():\n    x = f()\n    pytest.skip('later')\n    assert x == 2\n"),
    ),
    (
        "every parametrize value skipped",
        t(
            "@pytest.mark.parametrize('x', [pytest.param(2, marks=pytest.mark.skip),\n"
            "    pytest.param(3, marks=[pytest.mark.xfail])])\ndef test_f(x):\n"
            "    assert f() == x\n"
        ),
    ),
    ("an if False: wrapper", t("if False:\n\n    def test_f():\n        assert f() == 2\n")),
    # A conftest.py the contribution writes that makes the run pass without running the test.
    (
        "conftest pytest_pyfunc_call that never calls the test",
        {
            "tests/conftest.py": "def pytest_pyfunc_call(pyfuncitem):\n    return True\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "conftest pytest_runtestloop that runs nothing",
        {
            "tests/conftest.py": "def pytest_runtestloop(session):\n    return True\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "conftest pytest-xdist scheduler that can leave tests out",
        {
            "tests/conftest.py": "def pytest_xdist_make_scheduler(config, log):\n    return None\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "conftest pytest_runtest_logreport that passes failures",
        {
            "tests/conftest.py": LOGREPORT,
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "conftest pytest_configure that exits with success",
        {
            "tests/conftest.py": EXITS.format(hook="pytest_configure(config)"),
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "conftest pytest_sessionstart that exits with success",
        {
            "tests/conftest.py": EXITS.format(hook="pytest_sessionstart(session)"),
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
    (
        "conftest that exits when it is imported",
        {
            "tests/conftest.py": "import os\n\nos._exit(0)\n",
            **t("def test_f():\n    assert f() == 2\n"),
        },
    ),
]


@pytest.mark.parametrize("name, head", ELSEWHERE, ids=[b[0] for b in ELSEWHERE])
def test_a_skip_from_elsewhere_is_no_test_through_the_command(git_repo, run_json, name, head):
    story(git_repo, LEGACY, {**CODE, **head})
    code, report = run_json("--only", "tests-present", "--title", "fix: f returns two")
    assert code == 1, report
    assert "MR101" in [f["code"] for c in report["checks"] for f in c["findings"]]


# Skips on a real condition stay evidence: a dependency the base declares or uses, the standard
# library, the project's own package, a fixture that skips only on a condition.
WITH_NUMPY = {**LEGACY, "pkg/fast.py": "import numpy\n"}
CONDITIONAL = [
    # An async test where the base runs them: a declared plugin, asyncio_mode, a unittest class.
    (
        "async def with pytest-asyncio declared",
        {
            **LEGACY,
            "pyproject.toml": '[project]\nname = "pkg"\ndependencies = ["pytest-asyncio>=0.21"]\n',
        },
        t("@pytest.mark.asyncio\nasync def test_f():\n    assert f() == 2\n"),
    ),
    (
        "async def with asyncio_mode in the base's pytest.ini",
        {**LEGACY, "pytest.ini": "[pytest]\nasyncio_mode = auto\n"},
        t("async def test_f():\n    assert f() == 2\n"),
    ),
    (
        "async def in an IsolatedAsyncioTestCase",
        LEGACY,
        t(
            "import unittest\n\n\nclass T(unittest.IsolatedAsyncioTestCase):\n"
            "    async def test_f(self):\n        self.assertEqual(f(), 2)\n"
        ),
    ),
    (
        "importorskip with a real minversion",
        LEGACY,
        t(
            "def test_f():\n    pytest.importorskip('json', minversion='1.2')\n"
            "    assert f() == 2\n"
        ),
    ),
    (
        "importorskip with a calendar minversion",
        LEGACY,
        t(
            "def test_f():\n    pytest.importorskip('json', minversion='2024.1')\n"
            "    assert f() == 2\n"
        ),
    ),
    (
        "importorskip of a module the base's code imports",
        WITH_NUMPY,
        t("np = pytest.importorskip('numpy')\n\n\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "importorskip of a dependency the base declares",
        {**LEGACY, "pyproject.toml": "[project]\nname = 'pkg'\ndependencies = ['h5py>=3']\n"},
        t("def test_f():\n    pytest.importorskip('h5py')\n    assert f() == 2\n"),
    ),
    (
        "importorskip of the standard library",
        LEGACY,
        t("def test_f():\n    pytest.importorskip('sqlite3')\n    assert f() == 2\n"),
    ),
    (
        "importorskip of the project's own module",
        LEGACY,
        t("pytest.importorskip('pkg.mod')\n\n\ndef test_f():\n    assert f() == 2\n"),
    ),
    (
        "a fixture that skips on a condition",
        LEGACY,
        t(
            "import sys\n\n\n@pytest.fixture\ndef later():\n    if sys.platform == 'win32':\n"
            "        pytest.skip('posix only')\n    return 2\n\n\n"
            "def test_f(later):\n    assert f() == later\n"
        ),
    ),
    (
        "a skip after the assertion",
        LEGACY,
        t("def test_f():\n    assert f() == 2\n    pytest.skip('the rest later')\n"),
    ),
    (
        "one parametrize value of two skipped",
        LEGACY,
        t(
            "@pytest.mark.parametrize('x', [2, pytest.param(3, marks=pytest.mark.skip)])\n"
            "def test_f(x):\n    assert f() == x\n"
        ),
    ),
    (
        "a fixture that returns early on a condition, else skips",
        LEGACY,
        t(
            "import sys\n\n\n@pytest.fixture\ndef later():\n    if sys.platform != 'win32':\n"
            "        return 2\n    pytest.skip('posix only')\n\n\n"
            "def test_f(later):\n    assert f() == later\n"
        ),
    ),
    (
        "a fixture that returns",
        LEGACY,
        t(
            "@pytest.fixture\ndef two():\n    return 2\n\n\n"
            "def test_f(two):\n    assert f() == two\n"
        ),
    ),
]


@pytest.mark.parametrize("name, base, head", CONDITIONAL, ids=[b[0] for b in CONDITIONAL])
def test_a_skip_on_a_real_condition_still_counts(git_repo, run_json, name, base, head):
    story(git_repo, base, {**CODE, **head})
    code, report = run_json("--only", "tests-present", "--title", "fix: f returns two")
    assert code == 0, report
