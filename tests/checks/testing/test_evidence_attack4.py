"""Issue 22, attack 4 (13, 55): test evidence that pytest never defines, or that the base has.

13: a test defined only under a condition false at run time (``if sys.version_info < (3,):``,
``if fastclip is not None:`` after ``try: import fastclip except ImportError: fastclip = None``
where the base does not know ``fastclip``), and an ``assert*``/``check*`` helper the
contribution writes into a *package* module that asserts nothing. 55: a test copied from
another test file of the base, renamed, with a new docstring or assertion message.

Every row runs the real command on a real temporary repository: the bug fix's only test must
not count (MR101, exit 1); each near miss, a real test, keeps counting (exit 0).
"""

from __future__ import annotations

import pytest
from helpers import story

LEGACY = {
    "pkg/__init__.py": "",
    "pkg/mod.py": "def f():\n    return 1\n",
    "pkg/checks.py": "def assert_positive(x):\n    assert x > 0\n",
    "tests/__init__.py": "",
    "tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 1\n",
    "tests/test_other.py": (
        "from pkg.mod import f\n\n\ndef test_f_is_one():\n"
        '    """f gives one."""\n    value = f()\n    assert value == 1\n    assert value > 0\n'
    ),
}
LEGACY["tests/test_cls.py"] = (  # the base's test in a class, copied below renamed
    "from pkg.mod import f\n\n\nclass TestOne:\n    def test_one(self):\n"
    "        value = f()\n        assert value == 1\n        assert value > 0\n"
)
CODE = {"pkg/mod.py": "def f():\n    return 2\n"}
HEAD = "import sys\n\nimport pytest\nfrom pkg.mod import f\n\n"
TITLE = ("--title", "fix: f returns two")
TEST = "def test_f():\n    assert f() == 2\n"


def t(body: str, name: str = "tests/test_mod.py") -> dict[str, str]:
    return {name: HEAD + body}


def case(statement: str) -> dict[str, str]:
    """A unittest method whose one check is ``statement``."""
    return t(
        "import unittest\n\n\nclass T(unittest.TestCase):\n"
        f"    def test_f(self):\n        {statement}\n"
    )


def indent(text: str) -> str:
    return "".join("    " + line if line.strip() else line for line in text.splitlines(True))


def under(condition: str, prelude: str = "") -> dict[str, str]:
    """The test defined only under ``if condition:`` at module level."""
    return t(f"{prelude}\nif {condition}:\n{indent(TEST)}")


MISSING = "try:\n    import fastclip\nexcept ImportError:\n    fastclip = None\n"
FLAG = "try:\n    import fastclip  # noqa: F401\n\n    HAS_FAST = True\nexcept ImportError:\n"
FLAG += "    HAS_FAST = False\n"
HOLLOW = "def assert_two(value):\n    return None\n"
COPY = (
    "from pkg.mod import f\n\n\ndef test_f_gives_two():\n"
    '    """f gives two now."""\n    value = f()\n    assert value == 1, "one"\n'
    "    assert value > 0\n"
)

METHOD = (
    "from pkg.mod import f\n\n\nclass TestF:\n    def test_f_is_one(self):\n"
    "        value = f()\n        assert value == 1\n        assert value > 0\n"
)

PARAM = "def test_f(x):\n    assert f() == 2 + x * 0\n"
GENERATE = (
    "def pytest_generate_tests(metafunc):\n"
    "    if 'x' in metafunc.fixturenames:\n"
    "        metafunc.parametrize('x', {})\n"
)

NOT_EVIDENCE = [
    ("defined under sys.version_info < (3,)", under("sys.version_info < (3,)")),
    ("defined under sys.version_info[0] == 2", under("sys.version_info[0] == 2")),
    (
        "defined in the else of an always-true if",
        t(f"if sys.version_info >= (3,):\n    pass\nelse:\n{indent(TEST)}"),
    ),
    ("defined when a missing module imports", under("fastclip is not None", MISSING)),
    ("defined when a missing module imports (truth)", under("fastclip", MISSING)),
    (
        "defined in the else of 'is None'",
        t(f"{MISSING}\nif fastclip is None:\n    pass\nelse:\n{indent(TEST)}"),
    ),
    ("defined under a HAS_ flag", under("HAS_FAST", FLAG)),
    (
        "a class defined when a missing module imports",
        t(
            f"{MISSING}\n\nclass TestF:\n    if fastclip is not None:\n\n"
            "        def test_f(self):\n            assert f() == 2\n"
        ),
    ),
    (
        "a hollow assert helper added to the package",
        {
            "pkg/verify.py": HOLLOW,
            **t("from pkg.verify import assert_two\n\n\ndef test_f():\n    assert_two(f())\n"),
        },
    ),
    (
        "a hollow check helper reached through its module",
        {
            "pkg/verify.py": HOLLOW.replace("assert_two", "check_two"),
            **t("import pkg.verify as verify\n\n\ndef test_f():\n    verify.check_two(f())\n"),
        },
    ),
    (
        "the base's package helper hollowed by the contribution",
        {
            "pkg/checks.py": "def assert_positive(x):\n    return x\n",
            **t(
                "from pkg.checks import assert_positive\n\n\n"
                "def test_f():\n    assert_positive(f())\n"
            ),
        },
    ),
    # Attack 5's F2 (siblings): empty parameter sets built by a call, or by the module's hook.
    ("parametrize over range(0)", t(f"@pytest.mark.parametrize('x', range(0))\n{PARAM}")),
    ("parametrize over list()", t(f"@pytest.mark.parametrize('x', list())\n{PARAM}")),
    ("parametrize over range(3, 1)", t(f"@pytest.mark.parametrize('x', range(3, 1))\n{PARAM}")),
    ("the module's pytest_generate_tests gives none", t(f"{GENERATE.format('[]')}\n\n{PARAM}")),
    # Attack 5's F13: unittest spellings of what a bare assert already could not pass off.
    ("assertIsInstance(f(), object)", case("self.assertIsInstance(f(), object)")),
    ("assertIsNotNone(f() == 2)", case("self.assertIsNotNone(f() == 2)")),
    ("isinstance(f() == 2, bool)", t("def test_f():\n    assert isinstance(f() == 2, bool)\n")),
    (
        "except self.failureException: pass",
        case(
            "try:\n            self.assertEqual(f(), 2)\n"
            "        except self.failureException:\n            pass"
        ),
    ),
    # 55: a copy of another test file's test, renamed, re-documented, with a message.
    ("a copy of another file's test", {"tests/test_new.py": COPY}),
    (
        "a copy of another file's test in a class",
        {"tests/test_new.py": METHOD},
    ),
]

NEAR_MISSES = [
    ("assertIsInstance(f(), int)", case("self.assertIsInstance(f(), int)")),
    ("assertIsNotNone(f())", case("self.assertIsNotNone(f())")),
    ("isinstance(f(), bool)", t("def test_f():\n    assert isinstance(f(), bool)\n")),
    ("parametrize over range(2)", t(f"@pytest.mark.parametrize('x', range(2))\n{PARAM}")),
    (
        "parametrize over a rebound list()",
        t(f"def list():\n    return [1]\n\n\n@pytest.mark.parametrize('x', list())\n{PARAM}"),
    ),
    (
        "the module's pytest_generate_tests gives values",
        t(f"{GENERATE.format('[1, 2]')}\n\n{PARAM}"),
    ),
    ("defined under sys.version_info >= (3,)", under("sys.version_info >= (3,)")),
    ("defined on a platform", under('sys.platform != "win32"')),
    (
        "defined when the standard library's json imports",
        under("json is not None", MISSING.replace("fastclip", "json")),
    ),
    (
        "defined when the project's own package imports",
        under("pkg is not None", MISSING.replace("fastclip", "pkg")),
    ),
    (
        "a package helper added that asserts",
        {
            "pkg/verify.py": "def assert_two(value):\n    assert value == 2\n",
            **t("from pkg.verify import assert_two\n\n\ndef test_f():\n    assert_two(f())\n"),
        },
    ),
    (
        "the base's package helper, unchanged",
        t(
            "from pkg.checks import assert_positive\n\n\n"
            "def test_f():\n    assert_positive(f() - 1)\n"
        ),
    ),
    (
        "another file's test with a new check",
        {"tests/test_new.py": COPY.replace("value > 0", "value == 2")},
    ),
    (
        "a copy of another file's test with other arguments",
        {"tests/test_new.py": COPY.replace("f()", "f() + 1")},
    ),
]


@pytest.mark.parametrize("name, head", NOT_EVIDENCE, ids=[r[0] for r in NOT_EVIDENCE])
def test_a_test_never_defined_or_already_there_is_no_evidence(git_repo, run_json, name, head):
    story(git_repo, LEGACY, {**CODE, **head})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1, report
    assert "MR101" in [f["code"] for c in report["checks"] for f in c["findings"]]


@pytest.mark.parametrize("name, head", NEAR_MISSES, ids=[r[0] for r in NEAR_MISSES])
def test_the_near_misses_still_count(git_repo, run_json, name, head):
    story(git_repo, LEGACY, {**CODE, **head})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 0, report


# 22: a bug fix's only changed tests test none of the modules it changes (a design decision:
# SECURITY.md, measured on the development corpus first).
UNRELATED_BASE = {
    **LEGACY,
    "pkg/other.py": "def double(x):\n    return 2 * x\n",
    "pkg/third.py": "def g():\n    return 3\n",
}
ADDED = {"pkg/mod.py": "def f():\n    return 1\n\n\ndef h():\n    return 5\n"}
OTHER_TEST = {
    "tests/test_other.py": "from pkg.other import double\n\n\ndef test_double():\n"
    "    assert double(2) == 4\n"
}


@pytest.mark.parametrize(
    "title, head, code, mr101",
    [
        # attack 4's 22: the fix changes pkg.mod, the only new test is of pkg.other
        ("fix: f returns two", {**CODE, **OTHER_TEST}, 1, "error"),
        ("Fix f", {**CODE, **OTHER_TEST}, 1, "error"),
        # near misses: not a bug fix (a warning, MR102); a related test; one of two modules
        ("feat: add h", {**ADDED, **OTHER_TEST}, 0, None),
        ("fix: f returns two", {**CODE, **t(TEST)}, 0, None),
        (
            "fix: f returns two, g four",
            {**CODE, "pkg/third.py": "def g():\n    return 4\n", **t(TEST)},
            0,
            None,
        ),
    ],
    ids=["fix-prefix", "fix-title", "a-feature", "related", "one-of-two"],
)
def test_a_bug_fixs_tests_must_test_a_fixed_module(git_repo, run_json, title, head, code, mr101):
    story(git_repo, UNRELATED_BASE, head)
    status, report = run_json("--only", "tests-present", "--title", title)
    findings = [f for c in report["checks"] for f in c["findings"]]
    assert status == code, report
    assert [f["severity"] for f in findings if f["code"] == "MR101"] == ([mr101] if mr101 else [])
    if code == 0 and head.get("tests/test_other.py"):
        assert "MR102" in [f["code"] for f in findings]  # still said, as a warning
