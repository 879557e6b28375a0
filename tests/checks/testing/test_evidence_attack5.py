"""Issue 22, attack 5 (F15): a contribution edits the command that runs the tests.

pytest's collection rules come from the base; so must the command that runs the tests. A
contribution that writes ``--deselect``/``--ignore``/``-k``/``PYTEST_ADDOPTS``/``|| true``/
``continue-on-error`` into a tox, nox, make or CI file, or a ``pytest.toml`` of its own (pytest 9
reads it before every other file), offers tests that are no evidence (MR807, naming the file and
line). Every row runs the real command on a real temporary repository; each near miss (an edit
to those files that leaves the tests alone) keeps the test counting.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from helpers import story

WF = (
    "name: tests\non: [pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: pip install -e . pytest\n"
    "      - run: pytest tests\n"
)
TOX = "[tox]\nenvlist = py\n\n[testenv]\ndeps = pytest\ncommands = pytest tests\n"
NOX = (
    "import nox\n\n\n@nox.session\ndef tests(session):\n"
    '    session.install("pytest")\n    session.run("pytest", "tests")\n'
)
MAKE = "test:\n\tpytest tests\n\nclean:\n\trm -rf build\n"
BASE = {
    "pkg/__init__.py": "",
    "pkg/mod.py": "def f():\n    return 1\n",
    "tests/__init__.py": "",
    "tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 1\n",
    ".github/workflows/tests.yml": WF,
    "tox.ini": TOX,
    "noxfile.py": NOX,
    "Makefile": MAKE,
}
FIX = {
    "pkg/mod.py": "def f():\n    return 2\n",
    "tests/test_zero.py": "from pkg.mod import f\n\n\ndef test_two():\n    assert f() == 2\n",
}
TITLE = ("--title", "fix: f returns two")
STEP = "      - run: pytest tests\n"

SWITCHED = [
    # (row, files written, the file and line MR807 names)
    (
        "workflow --deselect",
        {
            ".github/workflows/tests.yml": WF.replace(
                "tests\n", "tests --deselect tests/test_zero.py\n"
            )
        },
        ".github/workflows/tests.yml:9",
    ),
    (
        "workflow -k on a continued line",
        {
            ".github/workflows/tests.yml": WF.replace(
                STEP, "      - run: >\n          pytest tests\n          -k 'not two'\n"
            )
        },
        ".github/workflows/tests.yml:11",
    ),
    (
        "workflow PYTEST_ADDOPTS",
        {
            ".github/workflows/tests.yml": WF
            + "        env:\n          PYTEST_ADDOPTS: -k 'not two'\n"
        },
        ".github/workflows/tests.yml:11",
    ),
    (
        "workflow continue-on-error",
        {".github/workflows/tests.yml": WF + "        continue-on-error: true\n"},
        ".github/workflows/tests.yml:10",
    ),
    (
        "workflow || true",
        {".github/workflows/tests.yml": WF.replace("pytest tests\n", "pytest tests || true\n")},
        ".github/workflows/tests.yml:9",
    ),
    (
        "tox commands --ignore",
        {"tox.ini": TOX.replace("pytest tests", "pytest tests --ignore=tests/test_zero.py")},
        "tox.ini:6",
    ),
    (
        "tox setenv PYTEST_ADDOPTS",
        {"tox.ini": TOX + "setenv =\n    PYTEST_ADDOPTS = -x\n"},
        "tox.ini:8",
    ),
    ("tox ignore_outcome", {"tox.ini": TOX + "ignore_outcome = true\n"}, "tox.ini:7"),
    (
        "noxfile -k",
        {"noxfile.py": NOX.replace('"pytest", "tests"', '"pytest", "tests", "-k", "not two"')},
        "noxfile.py:7",
    ),
    (
        "noxfile success_codes",
        {"noxfile.py": NOX.replace('"tests")', '"tests", success_codes=[0, 1])')},
        "noxfile.py:7",
    ),
    (
        "Makefile recipe ignoring its failure",
        {"Makefile": MAKE.replace("\tpytest tests", "\t-pytest tests")},
        "Makefile:2",
    ),
    (
        "Makefile -m not",
        {"Makefile": MAKE.replace("tests\n", "tests -m 'not fix'\n")},
        "Makefile:2",
    ),
    (
        "a contributed pytest.toml",
        {"pytest.toml": '[pytest]\npython_files = ["none_*.py"]\n'},
        "pytest.toml:1",
    ),
    ("a contributed .pytest.toml", {".pytest.toml": "[pytest]\n"}, ".pytest.toml:1"),
]

NEAR_MISSES = [
    (
        "workflow: a new lint step",
        {".github/workflows/tests.yml": WF + "      - run: flake8 --ignore=E501\n"},
    ),
    (
        "workflow: pip --ignore-installed",
        {
            ".github/workflows/tests.yml": WF.replace(
                "pip install", "pip install --ignore-installed"
            )
        },
    ),
    (
        "workflow: continue-on-error false",
        {".github/workflows/tests.yml": WF + "        continue-on-error: false\n"},
    ),
    (
        "workflow: coverage",
        {".github/workflows/tests.yml": WF.replace("pytest tests\n", "pytest tests --cov\n")},
    ),
    (
        "tox: a new dependency",
        {"tox.ini": TOX.replace("deps = pytest", "deps = pytest\n    hypothesis")},
    ),
    (
        "noxfile: a new session",
        {
            "noxfile.py": NOX
            + '\n\n@nox.session\ndef lint(session):\n    session.run("ruff", "check")\n'
        },
    ),
    ("Makefile: clean || true", {"Makefile": MAKE + "\nclean-all:\n\trm -rf dist || true\n"}),
    ("a docs workflow", {".github/workflows/docs.yml": WF.replace("pytest tests", "mkdocs build")}),
]


def _row_ids(rows: Sequence[tuple[object, ...]]) -> list[str]:
    return [str(r[0]) for r in rows]


@pytest.mark.parametrize("name, head, where", SWITCHED, ids=_row_ids(SWITCHED))
def test_a_test_run_by_a_command_the_contribution_switches_is_no_evidence(
    git_repo, run_json, name, head, where
):
    story(git_repo, BASE, {**FIX, **head})
    code, report = run_json("--only", "tests-meaningful", *TITLE)
    found = [f for c in report["checks"] for f in c["findings"] if f["code"] == "MR807"]
    assert code == 1, report
    assert found and where in found[0]["message"], report
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1, report


@pytest.mark.parametrize("name, head", NEAR_MISSES, ids=_row_ids(NEAR_MISSES))
def test_edits_that_leave_the_test_command_alone_keep_the_test(git_repo, run_json, name, head):
    story(git_repo, BASE, {**FIX, **head})
    code, report = run_json("--only", "tests-present,tests-meaningful", *TITLE)
    assert code == 0, report


def test_the_bases_pytest_toml_decides_what_pytest_collects(git_repo, run_json):
    # pytest >= 9 reads pytest.toml before pytest.ini and pyproject.toml: its python_files rule.
    base = {**BASE, "pytest.toml": '[pytest]\npython_files = ["check_*.py"]\n'}
    story(
        git_repo,
        base,
        {"pkg/mod.py": FIX["pkg/mod.py"], "tests/check_two.py": FIX["tests/test_zero.py"]},
    )
    code, report = run_json("--only", "tests-present,tests-meaningful", *TITLE)
    assert code == 0, report


# F2/F13: assertions that cannot fail, in more spellings (one rule each, see vacuous/truths/reach).
UT = "import unittest\n\nfrom pkg.mod import f\n\n\nclass TestF(unittest.TestCase):\n"
UT += "    def test_two(self):\n"
PY = "import pytest\nfrom pkg.mod import f\n\n\ndef test_two():\n"
MOD = "import pytest\nfrom pkg import mod\n\n\ndef test_two():\n"
CANNOT_FAIL = [
    ("an f-string of a call", PY + "    assert f'{f()}'\n"),
    ("assertIsInstance(x, object)", UT + "        self.assertIsInstance(f(), object)\n"),
    ("assertIsNotNone of a comparison", UT + "        self.assertIsNotNone(f() == 2)\n"),
    ("isinstance of a comparison as bool", PY + "    assert isinstance(f() == 2, bool)\n"),
    (
        "except self.failureException: pass",
        UT + "        try:\n            self.assertEqual(f(), 2)\n"
        "        except self.failureException:\n            pass\n",
    ),
    (
        "an assertion in __del__",
        PY + "    class C:\n        def __del__(self):\n            assert f() == 2\n\n    C()\n",
    ),
    (
        "pytest.raises(BaseException) around its own raise",
        PY
        + "    with pytest.raises(BaseException):\n        f()\n        raise KeyboardInterrupt\n",
    ),
    # F2: a function, class or module the module binds, asserted without a call (each failed)
    ("assert an imported function", PY + "    assert f\n"),
    ("assert a function of an imported module", MOD + "    assert mod.f\n"),
    ("assert an imported submodule", "import pkg.mod\n\n\ndef test_two():\n    assert pkg.mod\n"),
    (
        "assert a module-level class",
        "class Helper:\n    pass\n\n\ndef test_two():\n    assert Helper\n",
    ),
    (
        "assert a module-level def",
        PY.replace("def test_two", "def g():\n    return f()\n\n\ndef test_two") + "    assert g\n",
    ),
    ("assert an imported function is not None", PY + "    assert f is not None\n"),
    ("assert callable(an imported function)", PY + "    assert callable(f)\n"),
]
CAN_FAIL = [
    ("an f-string compared", PY + "    assert f'{f()}' == '2'\n"),
    ("assertIsInstance(x, int)", UT + "        self.assertIsInstance(f(), int)\n"),
    ("assertIsNotNone of a call", UT + "        self.assertIsNotNone(f())\n"),
    (
        "except another error",
        UT + "        try:\n            self.assertEqual(f(), 2)\n"
        "        except KeyError:\n            pass\n",
    ),
    (
        "an assertion in another method",
        PY + "    class C:\n        def check(self):\n"
        "            assert f() == 2\n\n    C().check()\n",
    ),
    (
        "pytest.raises(ValueError) around the call",
        PY + "    with pytest.raises(ValueError):\n        f()\n",
    ),
    # F2's near misses: a value, not an object always true
    (
        "a name the module rebinds to a result",
        PY.replace("\n\ndef", "\nf = f()\n\n\ndef") + "    assert f\n",
    ),
    (
        "a parameter named like the import",
        PY.replace("def test_two():", "@pytest.mark.parametrize('f', [f()])\ndef test_two(f):")
        + "    assert f\n",
    ),
    (
        "an attribute the module does not define as a function",
        MOD + "    assert mod.RESULT\n",
    ),
]


@pytest.mark.parametrize("name, test", CANNOT_FAIL, ids=_row_ids(CANNOT_FAIL))
def test_an_assertion_that_cannot_fail_is_no_evidence(git_repo, run_json, name, test):
    story(git_repo, BASE, {**FIX, "tests/test_zero.py": test})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1, report
    assert "MR101" in [f["code"] for c in report["checks"] for f in c["findings"]]


@pytest.mark.parametrize("name, test", CAN_FAIL, ids=_row_ids(CAN_FAIL))
def test_the_same_spellings_that_can_fail_still_count(git_repo, run_json, name, test):
    story(git_repo, BASE, {**FIX, "tests/test_zero.py": test})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 0, report
