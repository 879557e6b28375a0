"""Issue 22, attack 3 (F1, F2, F3): tests that cannot fail, skip always, or are never followed.

F1: an assertion whose truth its syntax proves (the same expression on both sides, calls
included; ``P or not P``; a new object; an unbounded number; ``assertEqual(a, a)``). F2: a
``skipif`` condition always true without being a literal (``os.sep``, ``"sys.platform"``, no
condition at all), in every place a skip can sit. F3: helpers that call helpers — a diamond
(exponential before) and a 3,000-deep chain (``RecursionError`` before) — end in a verdict.
Every row runs the real command on a real temporary repository: the bug fix's only test must
not count (MR101, exit 1), and each near miss, a real test, must keep counting (exit 0).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import Repo, story

LEGACY = {
    "pkg/__init__.py": "",
    "pkg/mod.py": "def f():\n    return 1\n",
    "tests/__init__.py": "",
    "tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 1\n",
}
CODE = {"pkg/mod.py": "def f():\n    return 2\n"}
HEAD = "import math\nimport os\nimport platform\nimport sys\nimport unittest\n\nimport pytest\n"
HEAD += "from pkg.mod import f\n\n\n"
TITLE = ("--title", "fix: f returns two")


def t(body: str) -> dict[str, str]:
    return {"tests/test_mod.py": HEAD + body}


def one(statement: str) -> dict[str, str]:
    """A test whose one check is ``statement``."""
    return t(f"def test_f():\n    {statement}\n")


def case(statement: str) -> dict[str, str]:
    """A unittest method whose one check is ``statement``."""
    return t(f"class T(unittest.TestCase):\n    def test_f(self):\n        {statement}\n")


def skipped(decorator: str) -> dict[str, str]:
    return t(f"{decorator}\ndef test_f():\n    assert f() == 2\n")


TAUTOLOGIES = [
    ("f() == f()", one("assert f() == f()")),
    ("f() is f()", one("assert f() is f()")),
    ("f() in [f()]", one("assert f() in [f()]")),
    ("f() in (f(), 3)", one("assert f() in (f(), 3)")),
    ("TestCase().assertEqual(f(), f())", one("unittest.TestCase().assertEqual(f(), f())")),
    ("f() != object()", one("assert f() != object()")),
    ("f() is not []", one("assert f() is not []")),
    ("type(f()) is type(f())", one("assert type(f()) is type(f())")),
    ('str(f()) == f"{f()}"', one('assert str(f()) == f"{f()}"')),
    ('"%s" % f() == str(f())', one('assert "%s" % f() == str(f())')),
    ("P or not P", one("assert f() == 2 or f() != 2")),
    ("not P or P", one("assert not f() == 2 or f() == 2")),
    ("not (f() != f())", one("assert not (f() != f())")),
    ('f() >= float("-inf")', one('assert f() >= float("-inf")')),
    ("f() <= math.inf", one("assert f() <= math.inf")),
    ("-math.inf <= f()", one("assert -math.inf <= f()")),
    ("f() == pytest.approx(f())", one("assert f() == pytest.approx(f())")),
    ("math.isclose(f(), f())", one("assert math.isclose(f(), f())")),
    ("an alias: y = x", one("x = f()\n    y = x\n    assert str(y) == str(x)")),
    # Decision (SECURITY.md): a nondeterministic call compared with itself can fail, but not
    # because the fix is wrong: it is no evidence either.
    (
        "random() == random()",
        t(
            "import random\n\n\ndef test_f():\n    f()\n"
            "    assert random.random() == random.random()\n"
        ),
    ),
    ("bool(f() == f())", one("assert bool(f() == f())")),
    ("(f() == f()) is True", one("assert (f() == f()) is True")),
    (
        "assert_that(f()).is_equal_to(f())",
        t(
            "from assertpy import assert_that\n\n\n"
            "def test_f():\n    assert_that(f()).is_equal_to(f())\n"
        ),
    ),
    ("self.assertEqual(f(), f())", case("self.assertEqual(f(), f())")),
    ("self.assertIs(f(), f())", case("self.assertIs(f(), f())")),
    ("self.assertIn(f(), [f()])", case("self.assertIn(f(), [f()])")),
    ("self.assertCountEqual(f(), f())", case("self.assertCountEqual([f()], [f()])")),
    ("self.assertListEqual", case("self.assertListEqual([f()], [f()])")),
    ("self.assertDictEqual", case("self.assertDictEqual({1: f()}, {1: f()})")),
    ("self.assertSequenceEqual", case("self.assertSequenceEqual([f()], [f()])")),
    ("self.assertNotEqual(f(), object())", case("self.assertNotEqual(f(), object())")),
    ("self.assertFalse(f() != f())", case("self.assertFalse(f() != f())")),
    ("self.assertTrue(f() is f())", case("self.assertTrue(f() is f())")),
    (
        "np.testing.assert_allclose(a, a)",
        t("import numpy as np\n\n\ndef test_f():\n    np.testing.assert_allclose(f(), f())\n"),
    ),
    (
        "numpy assert_equal(a, a)",
        t(
            "from numpy.testing import assert_equal\n\n\n"
            "def test_f():\n    assert_equal(f(), f())\n"
        ),
    ),
]

# Attack 4 (script 13): values and tolerances that make a check pass whatever the code gives.
ATTACK4 = [
    (
        "f() == mock.ANY",
        t("from unittest import mock\n\n\ndef test_f():\n    assert f() == mock.ANY\n"),
    ),
    ('approx(0, abs=float("inf"))', one('assert f() == pytest.approx(0, abs=float("inf"))')),
    ("assertAlmostEqual(…, delta=1e308)", case("self.assertAlmostEqual(f(), 0, delta=1e308)")),
    (
        "assert_allclose(…, atol=np.inf)",
        t(
            "import numpy as np\n\n\n"
            "def test_f():\n    np.testing.assert_allclose(f(), 0, atol=np.inf)\n"
        ),
    ),
    ("(f() == 0) if False else True", one("assert (f() == 0) if False else True")),
    ("any([True, f() == 0])", one("assert any([True, f() == 0])")),
    ("f(); assert f", one("f()\n    assert f")),
    ("str(f() == 0)", one("assert str(f() == 0)")),
    ("f() == 0 or len([]) == 0", one("assert f() == 0 or len([]) == 0")),
    (
        "a Mock only the test calls",
        t(
            "from unittest import mock\n\n\ndef test_f():\n    spy = mock.Mock()\n"
            "    spy(f())\n    spy.assert_called_once()\n"
        ),
    ),
]

# Attack 4 (script 33): the test taken away by the module's namespace or a swallowing decorator.
TAKEN = [
    (
        'globals()["__test__"] = False',
        t("def test_f():\n    assert f() == 2\n\n\nglobals()['__test__'] = False\n"),
    ),
    (
        "setattr(sys.modules[__name__], 'test_f', None)",
        t(
            "def test_f():\n    assert f() == 2\n\n\n"
            "setattr(sys.modules[__name__], 'test_f', None)\n"
        ),
    ),
    (
        "sys.modules[__name__].test_f = None",
        t("def test_f():\n    assert f() == 2\n\n\nsys.modules[__name__].test_f = None\n"),
    ),
    (
        "a decorator of the file that swallows AssertionError",
        t(
            "import functools\n\n\ndef tolerant(fn):\n    @functools.wraps(fn)\n"
            "    def run(*a, **k):\n        try:\n            fn(*a, **k)\n"
            "        except AssertionError:\n            pass\n\n    return run\n\n\n"
            "@tolerant\ndef test_f():\n    assert f() == 2\n"
        ),
    ),
]

SKIPS = [
    ("skipif(os.sep)", skipped('@pytest.mark.skipif(os.sep, reason="x")')),
    ('skipif("sys.platform")', skipped('@pytest.mark.skipif("sys.platform", reason="x")')),
    ('skipif("os.sep")', skipped('@pytest.mark.skipif("os.sep", reason="x")')),
    ("skipif(\"'text'\")", skipped('@pytest.mark.skipif("\'text\'", reason="x")')),
    ('skipif("platform.system")', skipped('@pytest.mark.skipif("platform.system", reason="x")')),
    ("skipif(sys.version)", skipped('@pytest.mark.skipif(sys.version, reason="x")')),
    ("skipif(os.linesep)", skipped('@pytest.mark.skipif(os.linesep, reason="x")')),
    (
        "skipif(platform.python_version())",
        skipped('@pytest.mark.skipif(platform.python_version(), reason="x")'),
    ),
    ("skipif() with no condition", skipped('@pytest.mark.skipif(reason="x")')),
    ("skipif(False, os.name): any of several", skipped("@pytest.mark.skipif(False, os.name)")),
    ("skipif(condition=os.sep)", skipped('@pytest.mark.skipif(condition=os.sep, reason="x")')),
    (
        "xfail(sys.platform, run=False)",
        skipped('@pytest.mark.xfail(sys.platform, run=False, reason="x")'),
    ),
    (
        'unittest.skipIf("False"): unittest does not evaluate a string',
        t(
            'class T(unittest.TestCase):\n    @unittest.skipIf("False", "x")\n'
            "    def test_f(self):\n        self.assertEqual(f(), 2)\n"
        ),
    ),
    (
        "unittest.skipUnless(not sys.version)",
        t(
            'class T(unittest.TestCase):\n    @unittest.skipUnless(not sys.version, "x")\n'
            "    def test_f(self):\n        self.assertEqual(f(), 2)\n"
        ),
    ),
    (
        "module pytestmark skipif(string)",
        t(
            'pytestmark = pytest.mark.skipif("sys.version", reason="x")\n\n\n'
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "class pytestmark skipif(os.name)",
        t(
            'class TestF:\n    pytestmark = pytest.mark.skipif(os.name, reason="x")\n\n'
            "    def test_f(self):\n        assert f() == 2\n"
        ),
    ),
    (
        "skipif(ALWAYS) with ALWAYS = os.sep bound once",
        t(
            'ALWAYS = os.sep\n\n\n@pytest.mark.skipif(ALWAYS, reason="x")\n'
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    # A skip however imported or raised (found beside F2).
    (
        "a helper raising pytest.skip.Exception",
        t(
            "def _later():\n    raise pytest.skip.Exception('later')\n\n\n"
            "def test_f():\n    _later()\n    assert f() == 2\n"
        ),
    ),
    (
        "from pytest import skip as later",
        t(
            "from pytest import skip as later\n\n\n"
            "def test_f():\n    later('x')\n    assert f() == 2\n"
        ),
    ),
    (
        "import pytest as pt; pt.skip(allow_module_level=True)",
        t(
            "import pytest as pt\n\npt.skip('x', allow_module_level=True)\n\n\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "the module raises pytest.skip.Exception",
        t(
            "raise pytest.skip.Exception('x', allow_module_level=True)\n\n\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "setUp raises SkipTest imported as Later",
        t(
            "from unittest import SkipTest as Later\n\n\nclass T(unittest.TestCase):\n"
            "    def setUp(self):\n        raise Later('x')\n\n"
            "    def test_f(self):\n        self.assertEqual(f(), 2)\n"
        ),
    ),
    (
        "module-level skip under if os.sep",
        t(
            'if os.sep:\n    pytest.skip("x", allow_module_level=True)\n\n\n'
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "skip in the test under if sys.platform",
        t('def test_f():\n    if sys.platform:\n        pytest.skip("x")\n    assert f() == 2\n'),
    ),
]


@pytest.mark.parametrize(
    "name, head",
    TAUTOLOGIES + ATTACK4 + TAKEN + SKIPS,
    ids=[r[0] for r in TAUTOLOGIES + ATTACK4 + TAKEN + SKIPS],
)
def test_a_test_that_cannot_fail_or_never_runs_is_no_evidence(git_repo, run_json, name, head):
    story(git_repo, LEGACY, {**CODE, **head})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1, report
    assert "MR101" in [f["code"] for c in report["checks"] for f in c["findings"]]


NEAR_MISSES = [
    ("f() == 2", one("assert f() == 2")),
    ("f() != 3", one("assert f() != 3")),
    ("f() in [2, 3]", one("assert f() in [2, 3]")),
    ("f() == 2 or f() == 3", one("assert f() == 2 or f() == 3")),
    ("f() == 2 and f() == f()", one("assert f() == 2 and f() == f()")),
    ('f() > float("-inf"): f() may be -inf', one('assert f() > float("-inf")')),
    ("f() == object(): always false, a real failing check", one("assert f() == object()")),
    ("two names: x == y", one("x = f()\n    y = f()\n    assert x == y")),
    ('f"{f()}" == "2"', one('assert f"{f()}" == "2"')),
    ("f() is not None", one("assert f() is not None")),
    ("f() == pytest.approx(2)", one("assert f() == pytest.approx(2)")),
    ("(f() == 2) is True", one("assert (f() == 2) is True")),
    (
        "assert_that(f()).is_equal_to(2)",
        t(
            "from assertpy import assert_that\n\n\n"
            "def test_f():\n    assert_that(f()).is_equal_to(2)\n"
        ),
    ),
    (
        "skipif(IS_WIN) with IS_WIN = sys.platform == 'win32'",
        t(
            "IS_WIN = sys.platform == 'win32'\n\n\n@pytest.mark.skipif(IS_WIN, reason='x')\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "skipif(not HAS) with HAS bound twice",
        t(
            "HAS = False\ntry:\n    import json\n\n    HAS = True\n"
            "except ImportError:\n    pass\n\n\n"
            "@pytest.mark.skipif(not HAS, reason='x')\ndef test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "a helper that raises on a condition",
        t(
            "def _check(x):\n    if x != 2:\n        raise ValueError(x)\n\n\n"
            "def test_f():\n    _check(f())\n"
        ),
    ),
    ("approx(2, abs=0.1)", one("assert f() == pytest.approx(2, abs=0.1)")),
    ("assertAlmostEqual(…, delta=0.1)", case("self.assertAlmostEqual(f(), 2, delta=0.1)")),
    ("any([f() == 1, f() == 2])", one("assert any([f() == 1, f() == 2])")),
    ("f() == 2 and len([]) == 0", one("assert f() == 2 and len([]) == 0")),
    (
        "a decorator of the file that re-raises",
        t(
            "import functools\n\n\ndef logged(fn):\n    @functools.wraps(fn)\n"
            "    def run(*a, **k):\n        try:\n            fn(*a, **k)\n"
            "        except AssertionError:\n            print('failed')\n            raise\n\n"
            "    return run\n\n\n@logged\ndef test_f():\n    assert f() == 2\n"
        ),
    ),
    (
        "setattr of another module",
        t("def test_f():\n    assert f() == 2\n\n\nsetattr(os, 'x', 1)\n"),
    ),
    ("self.assertEqual(f(), 2)", case("self.assertEqual(f(), 2)")),
    ("self.assertIn(f(), [2])", case("self.assertIn(f(), [2])")),
    ("self.assertNotEqual(f(), 3)", case("self.assertNotEqual(f(), 3)")),
    (
        "assert_allclose(f(), 2.0)",
        t("import numpy as np\n\n\ndef test_f():\n    np.testing.assert_allclose(f(), 2.0)\n"),
    ),
    (
        'skipif(sys.platform == "win32")',
        skipped('@pytest.mark.skipif(sys.platform == "win32", reason="x")'),
    ),
    (
        "skipif(\"sys.platform == 'win32'\")",
        skipped('@pytest.mark.skipif("sys.platform == \'win32\'", reason="x")'),
    ),
    (
        'skipif(os.environ.get("CI"))',
        skipped('@pytest.mark.skipif(os.environ.get("CI"), reason="x")'),
    ),
    (
        "skipif(False, sys.platform == 'win32')",
        skipped("@pytest.mark.skipif(False, sys.platform == 'win32')"),
    ),
    (
        'unittest.skipIf("", …): an empty string is false',
        t(
            'class T(unittest.TestCase):\n    @unittest.skipIf("", "x")\n'
            "    def test_f(self):\n        self.assertEqual(f(), 2)\n"
        ),
    ),
    (
        "skip under if sys.platform == 'win32'",
        t(
            "def test_f():\n    if sys.platform == 'win32':\n        pytest.skip('x')\n"
            "    assert f() == 2\n"
        ),
    ),
    (
        "module skip under a real condition",
        t(
            "if sys.platform == 'win32':\n    pytest.skip('x', allow_module_level=True)\n\n\n"
            "def test_f():\n    assert f() == 2\n"
        ),
    ),
]


@pytest.mark.parametrize("name, head", NEAR_MISSES, ids=[r[0] for r in NEAR_MISSES])
def test_the_near_misses_still_count(git_repo, run_json, name, head):
    story(git_repo, LEGACY, {**CODE, **head})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 0, report


def _helpers(levels: int, calls: int) -> str:
    """``check_i`` calls ``check_{i+1}`` ``calls`` times; the last helper asserts nothing."""
    out = [
        f"def check_{i}(x):\n" + f"    check_{i + 1}(x)\n" * calls + "\n\n" for i in range(levels)
    ]
    out.append(f"def check_{levels}(x):\n    return x\n\n\n")
    out.append("def test_f():\n    check_0(f())\n")
    return "from pkg.mod import f\n\n\n" + "".join(out)


@pytest.mark.parametrize(
    "levels, calls", [(40, 2), (3_000, 1)], ids=["a 40-level diamond", "a 3,000-deep chain"]
)
def test_helpers_calling_helpers_end_in_a_verdict(git_repo: Repo, levels, calls):
    # Before: the diamond walked 2**40 paths (it never ended); the chain ended in
    # "internal error: RecursionError" (exit 2). The timeout bounds a hang, it times nothing.
    story(git_repo, LEGACY, {**CODE, "tests/test_mod.py": _helpers(levels, calls)})
    argv = ["check", "--base", "main", "--format", "json", "--only", "tests-present", *TITLE]
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "mergeready.hooks", *argv],
            cwd=git_repo.path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the command did not end: helpers are followed once each")
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert "MR101" in [f["code"] for c in report["checks"] for f in c["findings"]]


# Every other place that follows names in contributed test code walks each class or fixture
# once. Steps are counted (Python calls, never seconds) on inputs of growing size; the steps
# per byte of input may not grow with the size (before: each grew as width ** hops).


def _per_byte(tmp_path, check_id, build, sizes) -> dict[int, float]:
    from test_bounded_cost import _repo, _run, _steps  # type: ignore[import-not-found]

    _run(_repo(tmp_path, "warm", *build(sizes[0])), check_id, ("bugfix",))()
    table = {}
    for n in sizes:
        base, head, title = build(n)
        path = _repo(tmp_path, f"r{n}", base, head, title)
        table[n] = _steps(_run(path, check_id, ("bugfix",))) / sum(map(len, head.values()))
    print(table)
    return table


def _wide(width: int, levels: int = 5) -> str:
    """Levels of classes, each inheriting every class of the level below."""
    out = [f"class B0_{j}:\n    pass\n" for j in range(width)]
    for i in range(1, levels):
        below = ", ".join(f"B{i - 1}_{j}" for j in range(width))
        out += [f"class B{i}_{j}({below}):\n    pass\n" for j in range(width)]
    return "\n\n".join(out)


def test_a_method_looked_up_through_wide_imported_bases_is_linear(git_repo, tmp_path):
    # Before: a self.helper() call and "is it a TestCase?" walked every path through the
    # imported bases, four bases deep: width ** 4 class lookups.
    def build(width):
        top = ", ".join(f"B4_{j}" for j in range(width))
        test = (
            f"from tests.bases import {top}\nfrom pkg.mod import f\n\n\n"
            f"class TestTop({top}):\n    def test_f(self):\n        self.check(f())\n"
        )
        head = {**CODE, "tests/bases.py": _wide(width), "tests/test_mod.py": test}
        return LEGACY, head, "fix: f"

    table = _per_byte(tmp_path, "tests-meaningful", build, [4, 8, 16])
    assert table[16] <= 1.5 * table[4], table


def test_fixtures_that_need_fixtures_are_settled_once(git_repo, tmp_path):
    # Before: each fixture was followed once per path to it, three fixtures deep: width ** 3.
    def build(width):
        out = ["import pytest\nfrom pkg.mod import f\n\n\n"]
        for level in range(3):
            needs = ", ".join(f"f{level + 1}_{j}" for j in range(width)) if level < 2 else ""
            out += [
                f"@pytest.fixture\ndef f{level}_{j}({needs}):\n    return 1\n\n\n"
                for j in range(width)
            ]
        names = ", ".join(f"f0_{j}" for j in range(width))
        out.append(f"def test_f({names}):\n    assert f() == 2\n")
        return LEGACY, {**CODE, "tests/test_mod.py": "".join(out)}, "fix: f"

    table = _per_byte(tmp_path, "tests-meaningful", build, [8, 16, 32])
    assert table[32] <= 1.5 * table[8], table


def test_bases_run_through_subclasses_are_walked_once(git_repo, tmp_path):
    # Before: one pass over every class per class added (a chain, nearest base last: n passes).
    def build(n):
        chain = "".join(f"class C{i}(C{i + 1}):\n    pass\n\n\n" for i in reversed(range(n)))
        bases = f"class C{n}:\n    def test_base(self):\n        assert f() == 2\n\n\n" + chain
        base = {
            **LEGACY,
            "tests/bases.py": "from pkg.mod import f\n\n\n" + bases.replace("== 2", "== 1"),
            "tests/test_sub.py": "from tests.bases import C0\n\n\nclass TestSub(C0):\n    pass\n",
        }
        head = {**CODE, "tests/bases.py": "from pkg.mod import f\n\n\n" + bases}
        return base, head, "fix: f"

    table = _per_byte(tmp_path, "tests-meaningful", build, [100, 200, 800])
    assert table[800] <= 1.5 * table[100], table


def test_docstring_inheritance_through_wide_bases_is_linear(git_repo, tmp_path):
    # Before: an override was looked for along every path through the bases, six deep:
    # width ** 6 class lookups for a method no base defines.
    def build(width):
        classes = _wide(width, levels=7).replace("    pass\n", '    """A class."""\n')
        top = ", ".join(f"B6_{j}" for j in range(width))
        text = (
            f'"""Shapes."""\n\n\n{classes}\n\nclass Top({top}):\n    """The top."""\n\n'
            "    def run(self, x):\n        return x\n"
        )
        return LEGACY, {"pkg/shapes.py": text}, "feat: shapes"

    table = _per_byte(tmp_path, "docstrings-complete", build, [2, 4, 8])
    assert table[8] <= 1.5 * table[2], table


# Expressions hundreds of levels deep (`x + 1 + 1 …`, `a.b.c …`) parse, but copying, dumping or
# unparsing them recursed past Python's limit: "internal error: RecursionError" (exit 2) for
# the whole run. They are now measured first, without recursion (`truths.small`).
DEEP_SUM = "f()" + " + 1" * 600
DEEP_NAME = "a." * 400 + "b"


@pytest.mark.parametrize(
    "name, head",
    [
        ("the same deep sum on both sides", one(f"assert {DEEP_SUM} == {DEEP_SUM}")),
        ("a deep sum of literals", one("assert 1" + " + 1" * 600 + " == 601")),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_a_deep_tautology_is_no_evidence_and_no_internal_error(git_repo, run_json, name, head):
    story(git_repo, LEGACY, {**CODE, **head})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1, report
    assert "MR101" in [f["code"] for c in report["checks"] for f in c["findings"]]


@pytest.mark.parametrize(
    "name, head",
    [
        (
            "a class base 400 attributes deep",
            t(f"class TestF({DEEP_NAME}):\n    def test_f(self):\n        assert f() == 2\n"),
        ),
        (
            "a module-level if on a deep sum",
            t("if 1" + " + 1" * 600 + ":\n    X = 1\n\n\ndef test_f():\n    assert f() == 2\n"),
        ),
        (
            "a conftest calling a deep name",
            {"tests/conftest.py": f"{DEEP_NAME}()\n", **one("assert f() == 2")},
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_deep_contributed_expressions_are_read_not_an_internal_error(
    git_repo, run_json, name, head
):
    story(git_repo, LEGACY, {**CODE, **head})
    code, report = run_json("--only", "tests-present,tests-meaningful", *TITLE)
    assert code == 0, report  # run_json also asserts the exit status is 0 or 1, never 2
